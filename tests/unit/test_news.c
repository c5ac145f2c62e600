/*
 * test_news.c — the headline list over a real SQLite store (order, feed
 * names, the unread filter keeping the cursor), ages, which links are
 * fetched, the summary article, and the socket's JSON replies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "feed/feed.h"
#include "news/news.h"
#include "store/store.h"

static char path[256];

static void remove_db(void)
{
    char p[300];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/herald-test-news-%d.db", (int)getpid());
    remove_db();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_db();
    return 0;
}

/* Subscribe to url (named name) and cache n items titled "<prefix> i",
 * item i published at base - i hours (so item 0 is the newest). */
static int64_t add_feed(struct store *s, const char *url, const char *name,
                        const char *lang, const char *prefix, int n,
                        int64_t base)
{
    struct hr_error err = {0};
    assert_int_equal(store_feed_add(s, url, name, NULL, lang, &err), 1);
    struct store_feed sf;
    assert_int_equal(store_feed_find(s, url, &sf, &err), 0);
    int64_t id = sf.id;
    store_feed_release(&sf);
    struct feed *f = feed_new(url);
    for (int i = 0; i < n; i++) {
        struct feed_item *it = feed_add_item(f);
        char buf[128];
        snprintf(buf, sizeof buf, "%s %d", prefix, i);
        it->title = strdup(buf);
        it->id = strdup(buf);
        snprintf(buf, sizeof buf, "https://example.org/%s/%d", prefix, i);
        it->link = strdup(buf);
        snprintf(buf, sizeof buf, "Summary of %s %d.", prefix, i);
        it->summary = strdup(buf);
        it->published = base - (int64_t)i * 3600;
    }
    assert_int_equal(store_feed_record(s, id, f, false, NULL, NULL, NULL,
                                       NULL, &err), 0);
    feed_free(f);
    return id;
}

static void test_list_order_and_feeds(void **state)
{
    (void)state;
    struct store *s;
    struct hr_error err = {0};
    assert_int_equal(store_open(path, &s, &err), 0);
    struct news_list l;
    assert_int_equal(news_list_load(&l, s, 0, false, &err), 0);
    assert_int_equal(l.n, 0);
    assert_null(news_list_current(&l));
    assert_false(news_list_move(&l, 1));
    news_list_release(&l);

    int64_t base = 1700000000;
    int64_t a = add_feed(s, "https://a.example/feed", "alpha", "en", "A", 3, base);
    add_feed(s, "https://b.example/feed", NULL, "de", "B", 2, base - 1800);

    // Everything, newest first: A0 B0 A1 B1 A2.
    assert_int_equal(news_list_load(&l, s, 0, false, &err), 0);
    assert_int_equal(l.n, 5);
    assert_int_equal(l.nview, 5);
    const char *want[] = {"A 0", "B 0", "A 1", "B 1", "A 2"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(l.entries[l.view[i]].title, want[i]);
    assert_string_equal(l.entries[0].feed, "alpha");
    assert_string_equal(l.entries[0].lang, "en");
    // A feed with no name and no title yet is called by its URL.
    assert_string_equal(l.entries[1].feed, "https://b.example/feed");
    assert_string_equal(l.entries[1].lang, "de");
    assert_string_equal(l.entries[0].summary, "Summary of A 0.");
    assert_int_equal(l.entries[0].when, base);

    // Moving is clamped at both ends.
    assert_false(news_list_move(&l, -1));
    assert_true(news_list_move(&l, 1));
    assert_string_equal(news_list_current(&l)->title, "B 0");
    assert_true(news_list_move(&l, 100));
    assert_string_equal(news_list_current(&l)->title, "A 2");
    assert_false(news_list_move(&l, 1));
    assert_true(news_list_move(&l, -100));
    assert_int_equal(l.cursor, 0);
    news_list_release(&l);

    // One feed only.
    assert_int_equal(news_list_load(&l, s, a, false, &err), 0);
    assert_int_equal(l.n, 3);
    news_list_release(&l);
    store_close(s);
}

static void test_unread_filter(void **state)
{
    (void)state;
    struct store *s;
    struct hr_error err = {0};
    assert_int_equal(store_open(path, &s, &err), 0);
    add_feed(s, "https://a.example/feed", "alpha", NULL, "A", 5, 1700000000);
    struct news_list l;
    assert_int_equal(news_list_load(&l, s, 0, false, &err), 0);
    // Read A1 and A2 (in the store and in the list, as the browser does).
    for (size_t i = 1; i <= 2; i++) {
        assert_int_equal(store_item_set_read(s, l.entries[i].item_id, true,
                                             &err), 0);
        l.entries[i].read = true;
    }
    // On A1 (read): the unread view moves on to A3, the next unread one.
    l.cursor = 1;
    news_list_filter(&l, true);
    assert_int_equal(l.nview, 3);
    assert_string_equal(news_list_current(&l)->title, "A 3");
    // Back to all: stays on A3.
    news_list_filter(&l, false);
    assert_int_equal(l.nview, 5);
    assert_string_equal(news_list_current(&l)->title, "A 3");
    news_list_release(&l);

    // Loaded unread only, from the store's read state.
    assert_int_equal(news_list_load(&l, s, 0, true, &err), 0);
    assert_int_equal(l.n, 5);
    assert_int_equal(l.nview, 3);
    assert_string_equal(news_list_current(&l)->title, "A 0");
    // Reading the last unread one while the filter is on: it stays in the
    // view (the listener's place) until the filter is applied again.
    l.cursor = 2;
    l.entries[l.view[2]].read = true;
    assert_string_equal(news_list_current(&l)->title, "A 4");
    news_list_filter(&l, true);
    assert_int_equal(l.nview, 2);
    assert_string_equal(news_list_current(&l)->title, "A 3");
    // All read: an empty view.
    for (size_t i = 0; i < l.n; i++)
        l.entries[i].read = true;
    news_list_filter(&l, true);
    assert_int_equal(l.nview, 0);
    assert_null(news_list_current(&l));
    assert_false(news_list_move(&l, 1));
    news_list_release(&l);
    store_close(s);
}

static void test_age_text(void **state)
{
    (void)state;
    static const struct {
        int64_t ago;
        const char *want;
    } cases[] = {
        {0, "just now"}, {59, "just now"}, {60, "1 minute ago"},
        {119, "1 minute ago"}, {3599, "59 minutes ago"}, {3600, "1 hour ago"},
        {7200, "2 hours ago"}, {86400, "24 hours ago"},
        {2 * 86400 - 1, "47 hours ago"}, {2 * 86400, "2 days ago"},
        {30 * 86400, "30 days ago"}, {-500, "just now"},
    };
    int64_t now = 1700000000;
    char out[64];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        news_age_text(now - cases[i].ago, now, out, sizeof out);
        assert_string_equal(out, cases[i].want);
    }
    news_age_text(FEED_NO_TIME, now, out, sizeof out);
    assert_string_equal(out, "at an unknown time");
    news_age_text(0, now, out, sizeof out);
    assert_string_equal(out, "at an unknown time");
}

static void test_fetchable(void **state)
{
    (void)state;
    assert_true(news_link_fetchable("http://example.org/a"));
    assert_true(news_link_fetchable("HTTPS://example.org/a"));
    assert_false(news_link_fetchable(NULL));
    assert_false(news_link_fetchable(""));
    assert_false(news_link_fetchable("file:///etc/passwd"));
    assert_false(news_link_fetchable("/etc/passwd"));
    assert_false(news_link_fetchable("-"));
    assert_false(news_link_fetchable("javascript:alert(1)"));
    assert_false(news_link_fetchable("ftp://example.org/a"));
    assert_false(news_link_fetchable("httpx://example.org/a"));
}

static void test_summary_article(void **state)
{
    (void)state;
    struct news_entry e = {
        .title = "Council meets on budget",
        .summary = "The council votes on Thursday. Residents may speak.",
        .lang = "en",
        .link = "https://example.org/gone",
    };
    struct article *a;
    struct hr_error err = {0};
    const char *notice = "The page could not be fetched; reading the summary.";
    assert_int_equal(news_summary_article(&e, notice, &a, &err), 0);
    assert_int_equal(a->nsegs, 3);
    assert_int_equal(a->segs[0].role, ROLE_HEADLINE);
    assert_string_equal(a->segs[0].text, "Council meets on budget");
    assert_string_equal(a->segs[1].text, notice);
    assert_string_equal(a->segs[2].text, e.summary);
    assert_int_equal(a->segs[2].nsentences, 2);
    assert_string_equal(a->title, "Council meets on budget");
    assert_string_equal(a->lang, "en");
    assert_null(a->source);
    article_free(a);

    // No summary: said so, never an empty article.
    e.summary = NULL;
    assert_int_equal(news_summary_article(&e, NULL, &a, &err), 0);
    assert_int_equal(a->nsegs, 2);
    assert_string_equal(a->segs[1].text, "This item has no summary.");
    article_free(a);
}

static void test_reply_json(void **state)
{
    (void)state;
    struct news_entry e = {
        .title = "Quote \" and \x01 control and caf\xc3\xa9",
        .feed = "alpha", .link = "https://example.org/a", .read = true,
    };
    struct news_reply r = {
        .command = "down", .mode = "list", .state = "speaking",
        .position = 2, .count = 7, .unread_only = true, .entry = &e,
        .text = "said", .article_json = "{\"state\":\"playing\"}",
    };
    char *s = news_reply_json(&r);
    assert_null(strchr(s, '\n'));
    json_error_t jerr;
    json_t *o = json_loads(s, 0, &jerr);
    assert_non_null(o);
    assert_true(json_is_true(json_object_get(o, "ok")));
    assert_string_equal(json_string_value(json_object_get(o, "command")), "down");
    assert_string_equal(json_string_value(json_object_get(o, "mode")), "list");
    assert_int_equal(json_integer_value(json_object_get(o, "position")), 2);
    assert_int_equal(json_integer_value(json_object_get(o, "count")), 7);
    assert_true(json_is_true(json_object_get(o, "unread_only")));
    assert_string_equal(json_string_value(json_object_get(o, "title")), e.title);
    assert_true(json_is_true(json_object_get(o, "read")));
    json_t *art = json_object_get(o, "article");
    assert_string_equal(json_string_value(json_object_get(art, "state")), "playing");
    json_decref(o);
    free(s);

    // An empty view: nulls, not missing fields.
    struct news_reply empty = {.command = "status", .mode = "list",
                               .state = "idle"};
    s = news_reply_json(&empty);
    o = json_loads(s, 0, &jerr);
    assert_non_null(o);
    assert_true(json_is_null(json_object_get(o, "title")));
    assert_true(json_is_null(json_object_get(o, "read")));
    assert_true(json_is_null(json_object_get(o, "article")));
    assert_int_equal(json_integer_value(json_object_get(o, "position")), 0);
    json_decref(o);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_list_order_and_feeds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unread_filter, setup, teardown),
        cmocka_unit_test(test_age_text),
        cmocka_unit_test(test_fetchable),
        cmocka_unit_test(test_summary_article),
        cmocka_unit_test(test_reply_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
