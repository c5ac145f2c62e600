/*
 * test_script.c — the article model: normalisation, roles, sections,
 * limits, writers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "script/script.h"

static void test_whitespace_and_empty(void **state)
{
    (void)state;
    struct article *a = article_new();
    const char *in = "  Hello,\n\t world\xc2\xa0 again  ";
    assert_int_equal(article_add(a, ROLE_PARAGRAPH, in, strlen(in), NULL), 0);
    assert_int_equal(article_add(a, ROLE_PARAGRAPH, " \n\t ", 4, NULL), 0);
    assert_int_equal(a->nsegs, 1);
    assert_string_equal(a->segs[0].text, "Hello, world again");
    assert_int_equal(a->segs[0].len, strlen("Hello, world again"));
    article_free(a);
}

static void test_invalid_utf8_replaced(void **state)
{
    (void)state;
    struct article *a = article_new();
    const char in[] = "a\xff" "b\xc3";
    assert_int_equal(article_add(a, ROLE_PARAGRAPH, in, sizeof in - 1, NULL), 0);
    assert_string_equal(a->segs[0].text, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
    article_free(a);
}

static void test_ascii_digits(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"Chapter \xe0\xa9\xae", "Chapter 8"},                 // Gurmukhi
        {"\xd9\xa1\xd9\xa9\xd9\xa8\xd9\xa4 and \xdb\xb5", "1984 and 5"}, // Arabic-Indic
        {"\xef\xbc\x92\xef\xbc\x90\xe5\xb9\xb4", "20\xe5\xb9\xb4"},  // fullwidth
        {"caf\xc3\xa9 \xc2\xbd \xe2\x85\xa7 2024", "caf\xc3\xa9 \xc2\xbd \xe2\x85\xa7 2024"},
        {"bad \xe0\xa9 bytes", "bad \xe0\xa9 bytes"},          // kept as they are
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b = BUF_INIT;
        assert_int_equal(script_ascii_digits(cases[i].in, strlen(cases[i].in),
                                             &b, NULL), 0);
        assert_string_equal(b.data, cases[i].want);
        buf_release(&b);
    }
}

static void test_sections(void **state)
{
    (void)state;
    struct article *a = article_new();
    article_add(a, ROLE_HEADLINE, "H", 1, NULL);
    article_add(a, ROLE_PARAGRAPH, "p", 1, NULL);
    article_add(a, ROLE_HEADING, "s1", 2, NULL);
    article_add(a, ROLE_PARAGRAPH, "p", 1, NULL);
    article_add(a, ROLE_HEADING, "s2", 2, NULL);
    assert_int_equal(a->segs[1].section, 0);
    assert_int_equal(a->segs[2].section, 1);
    assert_int_equal(a->segs[3].section, 1);
    assert_int_equal(a->segs[4].section, 2);
    assert_int_equal(article_nsections(a), 3);
    article_free(a);
}

static void test_roles(void **state)
{
    (void)state;
    assert_string_equal(role_name(ROLE_LIST_ITEM), "list-item");
    assert_int_equal(role_from_name("table-cell"), ROLE_TABLE_CELL);
    assert_int_equal(role_from_name("nonsense"), -1);
    assert_true(role_is_body(ROLE_PARAGRAPH));
    assert_true(role_is_body(ROLE_QUOTE));
    assert_false(role_is_body(ROLE_CAPTION));
    assert_false(role_is_body(ROLE_CREDIT));
    assert_false(role_is_body(ROLE_HEADLINE));
}

static void test_json_and_body_only(void **state)
{
    (void)state;
    struct article *a = article_new();
    article_set(&a->title, "A \"quoted\"\ntitle");
    article_add(a, ROLE_HEADLINE, "A title", 7, NULL);
    article_add(a, ROLE_CAPTION, "A photo", 7, NULL);
    article_add(a, ROLE_PARAGRAPH, "Body.", 5, NULL);
    struct buf out = BUF_INIT;
    assert_int_equal(script_write_json(a, false, &out, NULL), 0);
    assert_string_equal(out.data,
        "{\"title\":\"A \\\"quoted\\\" title\",\"byline\":null,\"published\":null,"
        "\"lang\":null,\"site\":null,\"excerpt\":null,\"segments\":["
        "{\"role\":\"headline\",\"text\":\"A title\",\"lang\":null},"
        "{\"role\":\"caption\",\"text\":\"A photo\",\"lang\":null},"
        "{\"role\":\"paragraph\",\"text\":\"Body.\",\"lang\":null}]}\n");
    // Each segment carries its language: its own, else the article's.
    article_set(&a->lang, "en");
    article_set(&a->segs[2].lang, "de-CH");
    buf_reset(&out);
    assert_int_equal(script_write_json(a, true, &out, NULL), 0);
    assert_string_equal(out.data,
        "{\"title\":\"A \\\"quoted\\\" title\",\"byline\":null,\"published\":null,"
        "\"lang\":\"en\",\"site\":null,\"excerpt\":null,\"segments\":["
        "{\"role\":\"paragraph\",\"text\":\"Body.\",\"lang\":\"de-CH\"}]}\n");
    // Spans: in order, on character boundaries, inside the text.
    article_add(a, ROLE_PARAGRAPH, "Er sagte d\xc3\xa9j\xc3\xa0 vu.", 19, NULL);
    segment_add_span(a, 3, 9, 9, "fr");     // "déjà vu"
    segment_add_span(a, 3, 11, 2, "it");    // inside "é": refused
    segment_add_span(a, 3, 0, 2, "en");     // before the last span: refused
    segment_add_span(a, 3, 17, 9, "en");    // past the end: refused
    assert_int_equal(a->segs[3].nspans, 1);
    buf_reset(&out);
    assert_int_equal(script_write_json(a, true, &out, NULL), 0);
    assert_non_null(strstr(out.data, "{\"role\":\"paragraph\",\"text\":"
                           "\"Er sagte d\xc3\xa9j\xc3\xa0 vu.\",\"lang\":\"en\","
                           "\"spans\":[{\"text\":\"d\xc3\xa9j\xc3\xa0 vu\","
                           "\"lang\":\"fr\"}]}"));
    buf_reset(&out);
    assert_int_equal(script_write_ssml(a, true, &out, NULL), 0);
    assert_non_null(strstr(out.data, "<p xml:lang=\"de-CH\">Body.</p>"));
    buf_reset(&out);
    assert_int_equal(script_write_plain(a, true, &out, NULL), 0);
    assert_string_equal(out.data, "Body.\nEr sagte d\xc3\xa9j\xc3\xa0 vu.\n");
    buf_release(&out);
    article_free(a);
}

/* Sentence breaks: {language, text, expected sentences separated by |}. */
static const struct {
    const char *lang;
    const char *text;
    const char *want;
} sentence_cases[] = {
    {"en", "In a December 17 call, Mr. Putin thanked the U.S. president. "
           "He said so.",
     "In a December 17 call, Mr. Putin thanked the U.S. president.|He said so."},
    {"en", "It happened on Dec. 17 in St. Petersburg. Growth was 3.5 percent.",
     "It happened on Dec. 17 in St. Petersburg.|Growth was 3.5 percent."},
    {"en", "Bring tools, e.g. a hammer. \"Stop!\" she said. Then J. Smith left.",
     "Bring tools, e.g. a hammer.|\"Stop!\" she said.|Then J. Smith left."},
    {"de", "Am 3. Oktober feiert Deutschland. Das ist z.B. ein Feiertag. Gut.",
     "Am 3. Oktober feiert Deutschland.|Das ist z.B. ein Feiertag.|Gut."},
    {"fr", "M. Dupont est arrivé. Il a dit « bonjour ». Puis il est parti.",
     "M. Dupont est arrivé.|Il a dit « bonjour ».|Puis il est parti."},
    {"ru", "Это было в 2017 г. в Москве. Путин сказал: «Спасибо». Всё.",
     "Это было в 2017 г. в Москве.|Путин сказал: «Спасибо».|Всё."},
};

static void test_sentences(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sentence_cases / sizeof *sentence_cases; i++) {
        struct article *a = article_new();
        article_set(&a->lang, sentence_cases[i].lang);
        const char *t = sentence_cases[i].text;
        article_add(a, ROLE_PARAGRAPH, t, strlen(t), NULL);
        assert_int_equal(article_split_sentences(a, NULL), 0);
        struct buf got = BUF_INIT;
        const struct segment *s = &a->segs[0];
        for (uint32_t k = 0; k < s->nsentences; k++) {
            if (k)
                buf_putc(&got, '|', NULL);
            buf_append(&got, s->text + s->sentences[k].start,
                       s->sentences[k].len, NULL);
        }
        if (strcmp(got.data, sentence_cases[i].want) != 0)
            fail_msg("case %zu (%s):\n  got  %s\n  want %s", i,
                     sentence_cases[i].lang, got.data, sentence_cases[i].want);
        buf_release(&got);
        article_free(a);
    }
}

static void test_segment_limit(void **state)
{
    (void)state;
    struct article *a = article_new();
    struct hr_error e = {0};
    int rc = 0;
    for (int i = 0; i <= SCRIPT_MAX_SEGMENTS && rc == 0; i++)
        rc = article_add(a, ROLE_LIST_ITEM, "x", 1, &e);
    assert_int_equal(rc, -1);
    assert_int_equal(e.status, HR_ELIMIT);
    assert_int_equal(a->nsegs, SCRIPT_MAX_SEGMENTS);
    article_free(a);
}

/* The id: canonical URL, else a web source, else a hash of the text that
 * does not depend on where the file lay. */
static void test_article_id(void **state)
{
    (void)state;
    struct article *a = article_new(), *b = article_new();
    article_add(a, ROLE_PARAGRAPH, "The same words.", 15, NULL);
    article_add(b, ROLE_PARAGRAPH, "The same words.", 15, NULL);
    article_set(&a->source, "/home/ann/private/story.html");
    article_set(&b->source, "copy.html");
    char *ia = article_id(a, 2048), *ib = article_id(b, 2048);
    assert_true(strncmp(ia, "text:", 5) == 0 && strlen(ia) == 21);
    assert_string_equal(ia, ib);
    assert_null(strstr(ia, "home"));
    free(ia);
    free(ib);
    article_set(&b->source, "https://example.org/story");
    ib = article_id(b, 2048);
    assert_string_equal(ib, "https://example.org/story");
    free(ib);
    ib = article_id(b, 10);     // too long for the caller: the hash
    assert_true(strncmp(ib, "text:", 5) == 0);
    free(ib);
    article_set(&b->url, "https://example.org/canonical");
    ib = article_id(b, 2048);
    assert_string_equal(ib, "https://example.org/canonical");
    free(ib);
    article_free(a);
    article_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_id),
        cmocka_unit_test(test_whitespace_and_empty),
        cmocka_unit_test(test_invalid_utf8_replaced),
        cmocka_unit_test(test_ascii_digits),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_json_and_body_only),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_segment_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
