/*
 * test_script_sentence.c — sentence boundaries in English, German,
 * Russian and French: abbreviations, initials, initialisms, numbers,
 * ordinals and quotes keep a sentence whole; real ends split it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "script/script.h"

/* {language, text, the sentences joined by "|"}. */
static const struct {
    const char *lang;
    const char *text;
    const char *want;
} cases[] = {
    // English
    {"en", "On Dec. 17 the U.S. economy grew 3.5 percent, e.g. in retail. "
           "\"We are pleased,\" said Mr. Jones.",
     "On Dec. 17 the U.S. economy grew 3.5 percent, e.g. in retail.|"
     "\"We are pleased,\" said Mr. Jones."},
    {"en", "Putin thanked U.S. President Donald Trump. In the U.S. The day "
           "after, Gen. Smith spoke at 5 p.m. on Friday.",
     "Putin thanked U.S. President Donald Trump.|In the U.S.|The day after, "
     "Gen. Smith spoke at 5 p.m. on Friday."},
    {"en-GB", "Is it over? Yes! Prices rose by 2.5%. J. K. Rowling wrote it.",
     "Is it over?|Yes!|Prices rose by 2.5%.|J. K. Rowling wrote it."},
    {"en", "\"Stop!\" she said. \"Why?\" he asked. Dr. Who left at No. 10.",
     "\"Stop!\" she said.|\"Why?\" he asked.|Dr. Who left at No. 10."},
    // German
    {"de", "Am 3. Oktober feierte Dr. Müller, d.h. der Chef, z.B. mit Sekt. "
           "Die Preise stiegen um 3,5 Prozent.",
     "Am 3. Oktober feierte Dr. Müller, d.h. der Chef, z.B. mit Sekt.|"
     "Die Preise stiegen um 3,5 Prozent."},
    {"de", "„Wir sind froh“, sagte er. Ist das wahr? Ja! Das sagte Prof. "
           "Schmidt am 17. Dez. in Berlin.",
     "„Wir sind froh“, sagte er.|Ist das wahr?|Ja!|Das sagte Prof. "
     "Schmidt am 17. Dez. in Berlin."},
    // Russian
    {"ru", "В 2018 г. рост составил 3,5 %. Об этом сообщил проф. Иванов.",
     "В 2018 г. рост составил 3,5 %.|Об этом сообщил проф. Иванов."},
    {"ru", "«Мы рады», — сказал он. Ул. Ленина закрыта. Правда? Да!",
     "«Мы рады», — сказал он.|Ул. Ленина закрыта.|Правда?|Да!"},
    {"ru", "Цены выросли, т.е. инфляция ускорилась. Он приехал в 10 ч. утра.",
     "Цены выросли, т.е. инфляция ускорилась.|Он приехал в 10 ч. утра."},
    // French
    {"fr", "M. Dupont est arrivé le 3 déc. à Paris. La croissance a été de "
           "3,5 %, p. ex. dans le commerce.",
     "M. Dupont est arrivé le 3 déc. à Paris.|La croissance a été de 3,5 %, "
     "p. ex. dans le commerce."},
    {"fr", "« Nous sommes ravis », a-t-il dit. Mme Martin, etc. étaient là. "
           "Vraiment ? Oui !",
     "« Nous sommes ravis », a-t-il dit.|Mme Martin, etc. étaient là.|"
     "Vraiment ?|Oui !"},
};

static void test_cases(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct article *a = article_new();
        article_set(&a->lang, cases[i].lang);
        assert_int_equal(article_add(a, ROLE_PARAGRAPH, cases[i].text,
                                     strlen(cases[i].text), NULL), 0);
        assert_int_equal(article_split_sentences(a, NULL), 0);
        const struct segment *s = &a->segs[0];
        char got[1024] = "";
        for (uint32_t k = 0; k < s->nsentences; k++) {
            size_t used = strlen(got);
            snprintf(got + used, sizeof got - used, "%s%.*s", k ? "|" : "",
                     (int)s->sentences[k].len, s->text + s->sentences[k].start);
        }
        if (strcmp(got, cases[i].want) != 0) {
            print_error("[%s] got  %s\n     want %s\n", cases[i].lang, got,
                        cases[i].want);
            bad++;
        }
        article_free(a);
    }
    assert_int_equal(bad, 0);
}

/* Sentences cover the text: in order, inside the segment, no empties. */
static void test_cover(void **state)
{
    (void)state;
    const char *t = "One. Two?  Three! \"Four.\" Five";
    struct article *a = article_new();
    article_add(a, ROLE_PARAGRAPH, t, strlen(t), NULL);
    assert_int_equal(article_split_sentences(a, NULL), 0);
    const struct segment *s = &a->segs[0];
    assert_int_equal(s->nsentences, 5);
    uint32_t prev_end = 0;
    for (uint32_t k = 0; k < s->nsentences; k++) {
        assert_true(s->sentences[k].start >= prev_end);
        assert_true(s->sentences[k].len > 0);
        prev_end = s->sentences[k].start + s->sentences[k].len;
        assert_true(prev_end <= s->len);
    }
    article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_cover),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
