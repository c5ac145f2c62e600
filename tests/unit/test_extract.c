/*
 * test_extract.c — caption credits, furniture lines, listening order and
 * failures of extract_article() on small pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "extract/extract_internal.h"

static void test_strip_credit(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"Crowds gather in the square. Photo: AP", "Crowds gather in the square."},
        {"Crowds gather in the square (Photo by Jo Li/Getty Images)",
         "Crowds gather in the square"},
        {"The bridge at night. Photograph: Karl Dunn/Getty Images",
         "The bridge at night."},
        {"Firefighters at work | REUTERS/Ann Lee", "Firefighters at work"},
        {"Putin (left) and Trump in Vietnam \xc2\xa9 AFP", "Putin (left) and Trump in Vietnam"},
        {"A caption with no credit at all.", "A caption with no credit at all."},
        {"Getty Images", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", cases[i].in);
        size_t n = body_strip_credit(buf, strlen(buf));
        assert_int_equal(n, strlen(buf));
        assert_string_equal(buf, cases[i].want);
    }
}

static struct article *extract(const char *html)
{
    struct article *a = NULL;
    struct hr_error err = {0};
    struct extract_opts o = {.source = "test.html"};
    if (extract_article(html, strlen(html), &o, &a, &err) < 0) {
        print_message("error: %s\n", err.msg);
        return NULL;
    }
    return a;
}

#define PARA "<p>This is a paragraph of the story, long enough to be prose, with a comma.</p>"

static void test_order_and_roles(void **state)
{
    (void)state;
    struct article *a = extract(
        "<html lang='en-GB'><head><title>Big News | Site</title></head><body>"
        "<nav><a href='/'>Home</a></nav>"
        "<article><figure><img src='x.jpg'><figcaption>The lead picture. Photo: AP</figcaption></figure>"
        "<h1>Big News</h1><p class='byline'>By Ann Writer</p>"
        PARA "<h2>A section</h2>" PARA
        "<ul><li>An item of a list, with some words in it.</li></ul>"
        "<blockquote>A quotation from someone who said it.</blockquote>"
        "<p>With reporting by AP</p></article>"
        "<footer><p>Copyright Site</p></footer></body></html>");
    assert_non_null(a);
    static const enum role want[] = {
        ROLE_HEADLINE, ROLE_BYLINE, ROLE_CAPTION, ROLE_PARAGRAPH, ROLE_HEADING,
        ROLE_PARAGRAPH, ROLE_LIST_ITEM, ROLE_QUOTE, ROLE_CREDIT,
    };
    assert_int_equal(a->nsegs, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < a->nsegs; i++)
        assert_int_equal(a->segs[i].role, want[i]);
    assert_string_equal(a->segs[0].text, "Big News");
    assert_string_equal(a->segs[2].text, "The lead picture.");
    assert_string_equal(a->lang, "en-GB");
    assert_string_equal(a->title, "Big News | Site");
    article_free(a);
}

static void test_data_table_headers(void **state)
{
    (void)state;
    struct article *a = extract(
        "<html><body><article><h1>Results</h1>" PARA PARA
        "<table><tr><th>Party</th><th>Seats</th></tr>"
        "<tr><td>Greens</td><td>12</td></tr></table></article></body></html>");
    assert_non_null(a);
    size_t k = 0;
    while (k < a->nsegs && a->segs[k].role != ROLE_TABLE_CELL)
        k++;
    assert_true(k + 3 < a->nsegs);
    assert_string_equal(a->segs[k].text, "Party");
    assert_string_equal(a->segs[k + 2].text, "Party: Greens");
    assert_string_equal(a->segs[k + 3].text, "Seats: 12");
    article_free(a);
}

static void test_failures(void **state)
{
    (void)state;
    struct article *a = NULL;
    struct hr_error err = {0};
    assert_int_equal(extract_article("", 0, NULL, &a, &err), -1);
    const char *nav = "<html><body><nav><a href='/'>Home</a></nav></body></html>";
    assert_int_equal(extract_article(nav, strlen(nav), NULL, &a, &err), -1);
    assert_int_equal(err.status, HR_EEMPTY);
    assert_null(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strip_credit),
        cmocka_unit_test(test_order_and_roles),
        cmocka_unit_test(test_data_table_headers),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
