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
        // "NAME / AGENCY": the name is the credit's too, run into the
        // caption by markup or not, initials and all; a name inside a
        // sentence is not cut.
        {"The house where he was born.Leonhard Foeger / Reuters file", "The house where he was born."},
        {"She speaks at the Capitol. J. Scott Applewhite/AP", "She speaks at the Capitol."},
        {"Spencer Platt/Getty Images News/Getty Images", ""},
        {"Tourists watched as the mayor greeted Jane Roe / AFP",
         "Tourists watched as the mayor greeted Jane Roe"},
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

static void test_decode_refs(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"Mugabe&#039;s &quot;Blue House&quot;", "Mugabe's \"Blue House\""},
        {"caf&eacute; &#x2019; &#X41;", "caf\xc3\xa9 \xe2\x80\x99 A"},
        {"AT&T, R&D; &bogus; & ;", "AT&T, R&D; &bogus; & ;"},
        {"&amp;amp;", "&amp;"},                     // once, not to the end
        {"&#0; &#xD800; &#99999999999999999999;",
         "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd"},
        {"&#; &#x; &#12a; &", "&#; &#x; &#12a; &"},
        {"&lt&gt;", "&lt>"},
        {"&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;",
         "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b = BUF_INIT;
        dom_decode_refs(cases[i].in, strlen(cases[i].in), &b);
        assert_string_equal(b.data, cases[i].want);
        buf_release(&b);
    }
    // Cut in the middle of a reference: nothing read past the end.
    struct buf b = BUF_INIT;
    dom_decode_refs("x &quot;", 5, &b);
    assert_string_equal(b.data, "x &qu");
    buf_release(&b);
}

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
    // The header is herald's, the rest the page's: the structured output
    // gives them apart.  The header row itself has none.
    assert_int_equal(a->segs[k].label, 0);
    assert_int_equal(a->segs[k + 2].label, strlen("Party: "));
    assert_int_equal(a->segs[k + 3].label, strlen("Seats: "));
    article_free(a);
}

/* Dates: an ISO date is kept up to where it stops being one; a short or
 * broken one is not a date (and nothing past its end is read). */
static void test_published(void **state)
{
    (void)state;
    static const struct { const char *attr, *want; } cases[] = {
        {"2024-03-04T08:15:00Z", "2024-03-04T08:15:00Z"},
        {"2024-03-04 08:15:00.123+0100", "2024-03-04T08:15:00.123+0100"},
        {" 2024-03-04T08:15+01:00 ", "2024-03-04T08:15+01:00"},
        {"2024-03-04 at noon, or so", "2024-03-04"},
        {"2024-03-04T08", "2024-03-04"},
        {"1999-9", NULL},
        {"2024-3-04", NULL},
        {"2024-", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char page[1024];
        snprintf(page, sizeof page,
                 "<html><body><article><h1>Dated</h1><time datetime=\"%s\">"
                 "</time>" PARA PARA "</article></body></html>", cases[i].attr);
        struct article *a = extract(page);
        assert_non_null(a);
        if (cases[i].want)
            assert_string_equal(a->published, cases[i].want);
        else
            assert_null(a->published);
        article_free(a);
    }
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

#define S(x) x, strlen(x)

/* Stock lines in several languages; and lines that look like them but
 * are the story. */
static void test_phrases(void **state)
{
    (void)state;
    assert_true(phrase_related(S("Related stories")));
    assert_true(phrase_related(S("You may also like...")));
    assert_true(phrase_related(S("More Great Courier Stories")));
    assert_true(phrase_related(S("More from The Courier")));
    assert_true(phrase_related(S("Você pode gostar...")));
    assert_true(phrase_related(S("Lesen Sie auch:")));
    assert_true(phrase_related(S("Mehr Themen:")));
    assert_true(phrase_related(S("Weitere aktuelle Themen aus der Arbeitswelt")));
    assert_true(phrase_related(S("À LIRE AUSSI")));
    assert_true(phrase_related(S("ЧИТАЙТЕ ТАКЖЕ")));
    assert_true(phrase_related(S("DON'T MISS »")));
    assert_true(phrase_related(S("Explore more articles on \xe2\x80\xa6")));
    assert_true(phrase_related(S("Further reading on the GT magazine:")));
    assert_false(phrase_related(S("More than 100 people were hurt.")));
    assert_false(phrase_related(S("Related to the case, police said")));

    // A press release's contact head, not a sentence about contact.
    assert_true(phrase_contact(S("Pressekontakt:")));
    assert_true(phrase_contact(S("Media contact")));
    assert_true(phrase_contact(S("ANSPRECHPARTNERIN")));
    assert_false(phrase_contact(S("Contact with the river")));

    // A teaser's link to the rest of its story, and the same words in a
    // sentence.
    assert_true(phrase_read_on(S("Sommerzeit ist Urlaubszeit, das lässt sich keiner zweimal sagen. Seht selbst! Weiterlesen")));
    assert_true(phrase_read_on(S("The cottage opens as a museum this weekend, with the old lamp on show. Continue reading \xc2\xbb")));
    assert_true(phrase_read_on(S("Das Projekt hat die großräumige Verbesserung der Lebensräume im\xe2\x80\xa6 mehr lesen")));
    assert_true(phrase_read_on(S("The council met again on Monday to talk about the harbour wall [Read more]")));
    assert_false(phrase_read_on(S("They can stay after work and still be home by midnight to read more.")));
    assert_false(phrase_read_on(S("Read more")));
    assert_false(phrase_read_on(S("There are other backend options, with the default being the local (Read More).")));

    assert_true(phrase_furniture(S("Sharing is caring!"), 18));
    assert_true(phrase_furniture(S("Topics"), 6));
    assert_true(phrase_furniture(S("Author"), 6));
    // A note of the print edition an article came from is a stock notice.
    assert_true(phrase_notice(S("Dieser Beitrag stammt aus Ausgabe 7/2019 der Technology Review.")));
    assert_true(phrase_notice(S("A version of this article appears in print on , on Page A22 "
                                "of the New York edition.")));
    assert_true(phrase_notice(S("ERSCHIENEN IN")));
    assert_false(phrase_notice(S("The article appeared to contradict the minister's account.")));
    // An advertisement's label before its offer, and "Sponsored Ad".
    assert_true(phrase_furniture(S("Advertisement: New AI Strategy Course"), 37));
    assert_true(phrase_furniture(S("ANZEIGE - Heute mal ausgehen/bestellen? Wie wäre es mit:"), 57));
    assert_true(phrase_furniture(S("Sponsored Ad"), 12));
    assert_false(phrase_furniture(S("Werbung – Zielgruppe und Bedürfnisse"), 36));
    assert_false(phrase_furniture(S("Advertisements for the new phone ran all summer."), 48));
    assert_true(phrase_furniture(S("Liken Lade \xe2\x80\xa6"), 12));
    assert_true(phrase_furniture(S("Sieh dir diesen Beitrag auf Instagram an"), 40));
    assert_true(phrase_furniture(S("Autorin:"), 8));
    assert_false(phrase_furniture(S("Author of the report"), 20));
    assert_true(phrase_furniture(S("by"), 2));
    assert_true(phrase_furniture(S("Read more: Train strike called off"), 34));
    assert_false(phrase_furniture(S("Share prices fell sharply on Monday."), 36));
    assert_true(phrase_furniture(S("0 Comments"), 10));
    assert_true(phrase_furniture(S("12 responses"), 12));
    assert_true(phrase_furniture(S("Add A Comment"), 13));
    assert_true(phrase_furniture(S("Previous Post"), 13));
    assert_true(phrase_furniture(S("Reply"), 5));
    assert_true(phrase_furniture(S("PIN THIS!"), 9));
    assert_true(phrase_furniture(S("Pin this for later!"), 19));
    assert_false(phrase_furniture(S("12 comments were sent to the council."), 37));
    assert_false(phrase_furniture(S("2 Comment pieces"), 16));

    assert_true(phrase_dateline(S("Nov. 20, 2019, 9:28 AM UTC")));
    assert_true(phrase_dateline(S("Dodano: 30 kwietnia 2021, 11:55")));
    assert_true(phrase_dateline(S("Vlo\xc5\xbe" "eno 3. b\xc5\x99" "ezna 2021")));
    assert_true(phrase_dateline(S("Erstellt am 09.02.2022")));
    assert_true(phrase_dateline(S("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019")));
    assert_true(phrase_dateline(S("First Published on Nov 20, 2019 01:38 pm")));
    assert_true(phrase_dateline(S("Posted on Oktober 27, 2015 by Admin")));
    assert_true(phrase_dateline(S("21:17 18.11.2019")));
    assert_true(phrase_dateline(S("Publicado em 12 de março de 2019")));
    assert_true(phrase_dateline(S("Опубликовано 3 марта 2024")));
    assert_false(phrase_dateline(S("10 p.m.")));
    assert_false(phrase_dateline(S("9:30 A.M. - 7:00 P.M.")));
    assert_false(phrase_dateline(S("March 4 was the coldest day of the year.")));
    assert_false(phrase_dateline(S("Posted on May 3, 2019 by the city council after a long vote")));

    assert_true(phrase_reading_time(S("4 min read")));
    assert_true(phrase_reading_time(S("Tempo de leitura: 1 minuto")));
    assert_true(phrase_reading_time(S("Lesezeit: 3 Minuten")));
    assert_true(phrase_reading_time(S("Reading time: 5 minutes")));
    assert_false(phrase_reading_time(S("Brew time: 40 oz in 6 minutes")));
    assert_false(phrase_reading_time(S("Fast 4 to 6-minute brew time")));

    assert_true(phrase_furniture(S("Siguenos en Telegram, Instagram, Facebook y Twitter"), 50));
    assert_true(phrase_furniture(S("Rezept drucken Bei Pinterest speichern"), 38));
    assert_true(phrase_furniture(S("Print Recipe"), 12));
    assert_true(phrase_furniture(S("Signaler une erreur"), 19));
    assert_false(phrase_furniture(S("Sigue a la espera el juicio, dijo el fiscal el lunes ante la prensa."), 66));
    assert_true(phrase_rating(S("5 from 7 votes")));
    assert_true(phrase_rating(S("4.67 from 21 votes")));
    assert_true(phrase_rating(S("Based on 40 reviews")));
    assert_true(phrase_rating(S("(2) 4 Sterne von 5")));
    assert_true(phrase_rating(S("3.65 von 1990 Bewertungen")));
    assert_true(phrase_rating(S("1x2x3x")));
    assert_false(phrase_rating(S("65% 1 votes")));
    assert_false(phrase_rating(S("The film won 5 stars from the critics")));
    assert_false(phrase_rating(S("2x")));
    assert_false(phrase_reading_time(S("The 4 min drive")));

    assert_true(phrase_disclosure(S("We may earn a commission when you buy through links on our site.")));
    assert_true(phrase_disclosure(S("The site may earn an Affiliate Commission if you buy something.")));
    assert_false(phrase_disclosure(S("The council will earn money from parking.")));

    // A figure's label: a number and a colon, full stop, bar or dash, or
    // a colon alone; not the word in a sentence.
    assert_true(phrase_figure_label(S("Abbildung 4: klassische Schwachschicht.")));
    assert_true(phrase_figure_label(S("Figure 2. Flow chart of the study")));
    assert_true(phrase_figure_label(S("Fig. 3a: detail")));
    assert_true(phrase_figure_label(S("Abb.: Collage aus Internetbildern")));
    assert_true(phrase_figure_label(S("Рис. 2. Схема")));
    assert_true(phrase_figure_label(S("Figure 1.")));
    assert_false(phrase_figure_label(S("Figure 3 shows the same profile.")));
    assert_false(phrase_figure_label(S("Figures are due on Monday.")));
    assert_false(phrase_figure_label(S("Grafikkarten werden teurer.")));
    assert_false(phrase_figure_label(S("Figure skating: a short history")));
    assert_true(phrase_promo(S("Sign up for our free daily newsletter.")));
    assert_true(phrase_promo(S("Abonnieren Sie unseren Newsletter")));
    // German's separable verbs: "melde dich … an", "tragen Sie sich … ein".
    assert_true(phrase_promo(S("Lust auf mehr? Lass dir die besten Storys jede Woche "
                               "liefern. Melde dich hier für unseren Newsletter an!")));
    assert_true(phrase_promo(S("Gewinnspiele und Produkttests: tragen Sie sich gleich "
                               "für den Newsletter ein!")));
    assert_false(phrase_promo(S("Melde dich bei der Stadt, wenn der Müll nicht abgeholt wird.")));
    assert_true(phrase_promo(S("Follow our full coverage at https://example.com/x")));
    assert_false(phrase_promo(S("For more information, please visit www.example.com.")));
    assert_false(phrase_promo(S("Users who subscribe pay more, the report found.")));
    assert_true(phrase_promo(S("Was this email forwarded to you? Sign up here.")));
    assert_true(phrase_promo(S("Wollen Sie mehr wissen? Jetzt abonnieren \xc2\xbb")));
    assert_false(phrase_promo(S("Such as making a purchase, signing up for a newsletter, or downloading a resource.")));

    assert_true(phrase_about_author(S("About the author")));
    assert_true(phrase_about_author(S("Meet your guide")));
    assert_true(phrase_about_author(S("Article reviewed by:")));
    assert_false(phrase_about_author(S("Written by hand, the letters took a year.")));

    assert_true(phrase_credit(S("With reporting by Ana Silva.")));
    assert_true(phrase_credit(S("(Reporting by Ana Silva; editing by Ben Ode)")));
    assert_true(phrase_credit(S("Fox News' Jane Doe contributed to this report.")));
    assert_true(phrase_credit(S("Jane Doe (jane@example.org) is the editor of The Review.")));
    assert_true(phrase_credit(S("Eric Song is the site's deal curator.")));
    assert_false(phrase_credit(S("The mayor is a former reporter, aides said.")));
    assert_false(phrase_credit(S("Police said the driver was not hurt.")));

    // A gallery's size label and its "more pictures" head are furniture;
    // a number of pictures inside a sentence, or of one, is not.
    assert_true(phrase_gallery(S("14 Bilder")));
    assert_true(phrase_gallery(S("12 photos")));
    assert_true(phrase_gallery(S("8 \xd1\x84\xd0\xbe\xd1\x82\xd0\xbe")));
    assert_true(phrase_gallery(S("Weitere Bilder")));
    assert_true(phrase_gallery(S("More photos")));
    assert_true(phrase_gallery(S("(16 Videos)")));
    assert_false(phrase_gallery(S("1 photo")));
    assert_false(phrase_gallery(S("14 photos were taken at the scene.")));
    assert_false(phrase_gallery(S("2020 Bilderbuch")));

    // Photo credits alone; a label alone takes its value on the next line.
    bool label_only;
    assert_true(phrase_photo_credit(S("Photo source: Max Muster from Pexels."), &label_only));
    assert_false(label_only);
    assert_true(phrase_photo_credit(S("Foto by Ana Diez"), &label_only));
    assert_true(phrase_photo_credit(S("Bildnachweis:"), &label_only));
    assert_true(label_only);
    assert_false(phrase_photo_credit(S("Photos of the flood were shared widely."), &label_only));
}

/* words_find(): an entry is found at a word's start in any case of any
 * script (ICU simple folding), the longest entry at a place wins, and a
 * place inside a word is never a match. */
static void test_words_find(void **state)
{
    (void)state;
    static const char *const list[] = {"photo", "photo by", "\xd1\x84\xd0\xbe\xd1\x82\xd0\xbe",
                                       "kelvin", "\xe5\x86\x99\xe7\x9c\x9f", NULL};
    size_t m = 0;
    const char *t = "A caption. PHOTO BY Ana";
    assert_ptr_equal(words_find(t, strlen(t), list, &m), t + 11);
    assert_int_equal(m, 8);
    t = "\xd0\xa4\xd0\x9e\xd0\xa2\xd0\x9e: \xd0\x90\xd0\x9f"; /* ФОТО: АП */
    assert_ptr_equal(words_find(t, strlen(t), list, &m), t);
    assert_int_equal(m, 8);
    t = "\xe2\x84\xaa" "ELVIN scale"; /* U+212A KELVIN SIGN folds to k */
    assert_ptr_equal(words_find(t, strlen(t), list, &m), t);
    t = "\xe6\x96\x87\xe5\x86\x99\xe7\x9c\x9f"; /* CJK: no word boundary needed */
    assert_ptr_equal(words_find(t, strlen(t), list, &m), t + 3);
    t = "telephoto lens, photographer";
    assert_null(words_find(t, strlen(t), list, &m));
    t = "\xff\xfe photo";
    assert_ptr_equal(words_find(t, strlen(t), list, &m), t + 3);
    static const char *const none[] = {NULL};
    assert_null(words_find(t, strlen(t), none, &m));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strip_credit),
        cmocka_unit_test(test_decode_refs),
        cmocka_unit_test(test_order_and_roles),
        cmocka_unit_test(test_data_table_headers),
        cmocka_unit_test(test_published),
        cmocka_unit_test(test_failures),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_words_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
