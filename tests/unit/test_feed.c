/*
 * test_feed.c — the feed parser: dates, HTML to text, URLs, formats, and
 * hostile documents.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "feed/feed.h"

static const struct { const char *in, *want; } dates[] = {
    {"Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
    {"Thu, 1 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
    {"Thu, 01 Jan 04 19:48:21 GMT", "2004-01-01T19:48:21Z"},
    {"Thu, 01 Jan 99 19:48:21 GMT", "1999-01-01T19:48:21Z"},
    {"Thu, 01 Jan 2004 19:48 GMT", "2004-01-01T19:48:00Z"},
    {"01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
    {"Thu,01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
    {"Thu 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
    {"Thu, 01 January 2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
    {"Wed, 01 Sept 2004 19:48:21 GMT", "2004-09-01T19:48:21Z"},
    {"Thu, 01-Jan-2004 19:48:21 GMT", "2004-01-01T19:48:21Z"},
    {"Thu, 01 Jan 2004 19:48:21 -0500", "2004-01-02T00:48:21Z"},
    {"Thu, 01 Jan 2004 19:48:21 +05:30", "2004-01-01T14:18:21Z"},
    {"Thu, 01 Jan 2004 19:48:21 EST", "2004-01-02T00:48:21Z"},
    {"Thu, 01 Jan 2004 19:48:21 PDT", "2004-01-02T02:48:21Z"},
    {"Thu, 01 Jan 2004 19:48:21 Z", "2004-01-01T19:48:21Z"},
    {"Thu, 01 Jan 2004 19:48:21 GMT+2", "2004-01-01T17:48:21Z"},
    {"Thu, 01 Jan 2004 19:48:21 +02", "2004-01-01T17:48:21Z"},
    {"Thu, 01 Jan 2004", "2004-01-01T00:00:00Z"},
    {"Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z"},
    {"Sun Jan 4 16:29:06 2004", "2004-01-04T16:29:06Z"},
    {"2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z"},
    {"2003-12-31T10:14:55-08:00", "2003-12-31T18:14:55Z"},
    {"2003-12-31T10:14:55.123+01:00", "2003-12-31T09:14:55Z"},
    {"2003-12-31T10:14:55", "2003-12-31T10:14:55Z"},
    {"2003-12-31T10:14Z", "2003-12-31T10:14:00Z"},
    {"2003-12-31", "2003-12-31T00:00:00Z"},
    {"2003-12", "2003-12-01T00:00:00Z"},
    {"2003", "2003-01-01T00:00:00Z"},
    {"20031231T101455Z", "2003-12-31T10:14:55Z"},
    {"2003-365", "2003-12-31T00:00:00Z"},
    {"2004-07-08 23:56:58 -00:00", "2004-07-08T23:56:58Z"},
    {"2004-07-08 23:56:58.7", "2004-07-08T23:56:58Z"},
    {"2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"},
    {"  2003-12-31T10:14:55Z  ", "2003-12-31T10:14:55Z"},
    {"Sun, 16 Dec 2012 1:2:3:4 GMT", NULL},
    {"Thu, 31 Jun 2004 19:48:21 GMT", NULL},
    {"2003-13-01", NULL},
    {"yesterday", NULL},
    {"", NULL},
};

static void test_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        int64_t t = feed_parse_date(dates[i].in);
        if (!dates[i].want) {
            if (t != FEED_NO_TIME)
                fail_msg("'%s' should not parse", dates[i].in);
            continue;
        }
        if (t == FEED_NO_TIME)
            fail_msg("'%s' did not parse", dates[i].in);
        char got[32];
        feed_format_date(t, got);
        if (strcmp(got, dates[i].want) != 0)
            fail_msg("'%s': got %s, want %s", dates[i].in, got, dates[i].want);
    }
}

static const struct { const char *in, *want; } htmls[] = {
    {"safe<script>alert(1)</script> description", "safe description"},
    {"a<b>b</b>c", "abc"},
    {"one<br/>two<p>three</p>", "one two three"},
    {"AT&amp;T &eacute;t&#233; &#x2019;", "AT&T \xc3\xa9t\xc3\xa9 \xe2\x80\x99"},
    {"a < b & c", "a < b & c"},
    {"safe<!--", "safe"},
    {"<!DOCTYPE ~", "<!DOCTYPE ~"},
    {"don&#146;t", "don\xe2\x80\x99t"},
    {"x\x1b[31mred\x1b[0m\x07", "xred"},
    {"  lots \n\t of   space ", "lots of space"},
    {"<style>p{}</style><p>text</p>", "text"},
};

static void test_html(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof htmls / sizeof *htmls; i++) {
        char *t = feed_html_to_text(htmls[i].in, strlen(htmls[i].in));
        if (strcmp(t, htmls[i].want) != 0)
            fail_msg("'%s': got '%s', want '%s'", htmls[i].in, t, htmls[i].want);
        free(t);
    }
}

static void test_urls(void **state)
{
    (void)state;
    char *u = feed_url_resolve("http://example.com/a/b.xml", "../c.html");
    assert_string_equal(u, "http://example.com/c.html");
    free(u);
    u = feed_url_resolve("http://example.com/a/", " /x ");
    assert_string_equal(u, "http://example.com/x");
    free(u);
    u = feed_url_resolve(NULL, "rel.html");
    assert_string_equal(u, "rel.html");
    free(u);
    assert_true(feed_url_scheme_ok("http://x/"));
    assert_true(feed_url_scheme_ok("HTTPS://x/"));
    assert_false(feed_url_scheme_ok("file:///etc/passwd"));
    assert_false(feed_url_scheme_ok("javascript:alert(1)"));
    assert_false(feed_url_scheme_ok("data:text/html,hi"));
    assert_false(feed_url_scheme_ok("ftp://x/"));
}

static struct feed *parse(const char *doc, const char *loc)
{
    struct feed *f = NULL;
    struct hr_error err = {0};
    if (feed_parse(doc, strlen(doc), loc, NULL, &f, &err) < 0)
        fail_msg("parse failed: %s", err.msg);
    return f;
}

static void test_rss2(void **state)
{
    (void)state;
    struct feed *f = parse(
        "<?xml version='1.0'?>\n"
        "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'"
        " xmlns:dc='http://purl.org/dc/elements/1.1/'"
        " xmlns:media='http://search.yahoo.com/mrss/'>"
        "<channel><title>News &amp; more</title><link>/home</link>"
        "<description>All the &lt;b&gt;news&lt;/b&gt;</description>"
        "<language>en-gb</language>"
        "<lastBuildDate>Thu, 01 Jan 2004 12:00:00 GMT</lastBuildDate>"
        "<image><title>Not this</title><link>http://img/</link></image>"
        "<item><title>First</title><link>story/1</link>"
        "<guid isPermaLink='false'>id-1</guid>"
        "<description><![CDATA[<p>Lead <b>text</b></p>]]></description>"
        "<content:encoded>&lt;p&gt;Full text&lt;/p&gt;</content:encoded>"
        "<dc:creator>A. Writer</dc:creator>"
        "<pubDate>Thu, 01 Jan 2004 11:00:00 +0100</pubDate>"
        "<enclosure url='a.mp3' type='audio/mpeg' length='1234'/>"
        "<media:content url='http://m/v.mp4' type='video/mp4' fileSize='9'/>"
        "</item>"
        "<item><guid>http://example.com/2</guid><title>Second &eacute;</title></item>"
        "<item><title>It\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s back</title>"
        "<description>Caf&#xe2;&#x80;&#x99;s caf\xc3\x83\xc2\xa9</description></item>"
        "</channel></rss>", "http://example.com/feeds/rss.xml");
    assert_string_equal(f->title, "News & more");
    assert_string_equal(f->link, "http://example.com/home");
    assert_string_equal(f->description, "All the news");
    assert_string_equal(f->lang, "en-gb");
    char d[32];
    feed_format_date(f->updated, d);
    assert_string_equal(d, "2004-01-01T12:00:00Z");
    assert_int_equal(f->n_items, 3);
    struct feed_item *it = &f->items[0];
    assert_string_equal(it->title, "First");
    assert_string_equal(it->link, "http://example.com/feeds/story/1");
    assert_string_equal(it->id, "id-1");
    assert_string_equal(it->summary, "Lead text");
    assert_string_equal(it->content, "Full text");
    assert_string_equal(it->author, "A. Writer");
    feed_format_date(it->published, d);
    assert_string_equal(d, "2004-01-01T10:00:00Z");
    assert_int_equal(it->n_enclosures, 2);
    assert_string_equal(it->enclosures[0].url, "http://example.com/feeds/a.mp3");
    assert_int_equal(it->enclosures[0].length, 1234);
    assert_string_equal(it->enclosures[1].type, "video/mp4");
    it = &f->items[1];
    assert_string_equal(it->link, "http://example.com/2");
    assert_string_equal(it->title, "Second \xc3\xa9");
    // Text decoded twice on its way into the feed is repaired, whether its
    // C1 bytes came as characters (U+0080..U+009F) or as windows-1252's.
    it = &f->items[2];
    assert_string_equal(it->title, "It\xe2\x80\x99s back");
    assert_string_equal(it->summary, "Caf\xe2\x80\x99s caf\xc3\xa9");
    feed_free(f);
}

static void test_atom(void **state)
{
    (void)state;
    struct feed *f = parse(
        "<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='fr'"
        " xml:base='http://example.org/blog/'>"
        "<title type='html'>&lt;i&gt;Le&lt;/i&gt; blog</title>"
        "<subtitle type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>"
        "Des <b>nouvelles</b></div></subtitle>"
        "<link rel='self' href='feed.atom'/><link href='./'/>"
        "<updated>2005-07-31T12:29:29Z</updated>"
        "<entry><id>tag:example.org,2003:3.2397</id>"
        "<title>Un &amp; deux</title>"
        "<link rel='alternate' type='text/html' href='2005/04/02/atom'/>"
        "<link rel='enclosure' type='audio/mpeg' length='1337' href='http://example.org/audio/ph34r_my_podcast.mp3'/>"
        "<published>2003-12-13T08:29:29-04:00</published>"
        "<author><name>Mark</name><email>m@example.org</email></author>"
        "<content type='xhtml' xml:base='http://diveintomark.org/'>"
        "<div xmlns='http://www.w3.org/1999/xhtml'><p><i>[Update: The Atom draft is finished.]</i></p></div>"
        "</content></entry></feed>", NULL);
    assert_string_equal(f->title, "Le blog");
    assert_string_equal(f->description, "Des nouvelles");
    assert_string_equal(f->link, "http://example.org/blog/");
    assert_string_equal(f->lang, "fr");
    struct feed_item *it = &f->items[0];
    assert_string_equal(it->id, "tag:example.org,2003:3.2397");
    assert_string_equal(it->title, "Un & deux");
    assert_string_equal(it->link, "http://example.org/blog/2005/04/02/atom");
    assert_string_equal(it->author, "Mark (m@example.org)");
    assert_string_equal(it->summary, "[Update: The Atom draft is finished.]");
    assert_int_equal(it->enclosures[0].length, 1337);
    char d[32];
    feed_format_date(it->published, d);
    assert_string_equal(d, "2003-12-13T12:29:29Z");
    feed_free(f);
}

static void test_rdf_and_broken(void **state)
{
    (void)state;
    struct feed *f = parse(
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
        " xmlns='http://purl.org/rss/1.0/'>"
        "<channel rdf:about='http://x/'><title>RDF</title></channel>"
        "<item rdf:about='http://x/1'><title>One</title><link>http://x/1</link></item>"
        "</rdf:RDF>", NULL);
    assert_string_equal(f->title, "RDF");
    assert_string_equal(f->items[0].id, "http://x/1");
    feed_free(f);

    // Not well-formed: a bare '&', an unclosed element, bad nesting.
    f = parse("<rss><channel><title>Tom & Jerry</title>"
              "<item><title>One</b></title><link>http://x/1</link></item>"
              "<item><title>Two</title>", NULL);
    assert_string_equal(f->title, "Tom & Jerry");
    assert_true(f->n_items >= 1);
    feed_free(f);

    struct hr_error err = {0};
    assert_int_equal(feed_parse("<html><body>hi</body></html>", 28, "x", NULL,
                                &f, &err), -1);
    assert_int_equal(err.status, HR_EPARSE);
}

static void test_hostile(void **state)
{
    (void)state;
    // An external entity naming a local file must not be read.
    const char *xxe =
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
        "<rss><channel><title>t&x;</title></channel></rss>";
    struct feed *f = parse(xxe, NULL);
    assert_null(strstr(f->title ? f->title : "", "root"));
    feed_free(f);

    // Billion laughs: bounded, fast, and no huge string.
    const char *lol =
        "<?xml version='1.0'?>\n<!DOCTYPE rss [\n"
        "<!ENTITY l0 'lol'>"
        "<!ENTITY l1 '&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;'>"
        "<!ENTITY l2 '&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;'>"
        "<!ENTITY l3 '&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;'>"
        "<!ENTITY l4 '&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;'>"
        "<!ENTITY l5 '&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;'>"
        "<!ENTITY l6 '&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;'>"
        "<!ENTITY l7 '&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;'>"
        "<!ENTITY l8 '&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;'>"
        "<!ENTITY l9 '&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;'>]>"
        "<rss><channel><title>&l9;</title><item><title>ok</title></item>"
        "</channel></rss>";
    struct hr_error err = {0};
    f = NULL;
    if (feed_parse(lol, strlen(lol), NULL, NULL, &f, &err) == 0) {
        assert_true(!f->title || strlen(f->title) <= 4 * FEED_MAX_FIELD);
        feed_free(f);
    }

    // Deep nesting: refused or parsed, never a crash.
    size_t depth = 100000;
    char *deep = malloc(depth * 7 + 64);
    char *p = deep;
    p += sprintf(p, "<rss><channel><title>");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "<b>");
    sprintf(p, "deep</title></channel></rss>");
    f = NULL;
    if (feed_parse(deep, strlen(deep), NULL, NULL, &f, &err) == 0)
        feed_free(f);
    free(deep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_urls),
        cmocka_unit_test(test_rss2),
        cmocka_unit_test(test_atom),
        cmocka_unit_test(test_rdf_and_broken),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
