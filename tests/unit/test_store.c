/*
 * test_store.c — the SQLite store: positions, subscriptions, the cache.
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

#include "store/store.h"

static char path[256];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/herald-test-store-%d.db", (int)getpid());
    unlink(path);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[300];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    return 0;
}

static void test_positions(void **state)
{
    (void)state;
    struct store *s;
    struct hr_error err = {0};
    assert_int_equal(store_open(path, &s, &err), 0);
    struct store_position p = {0};
    assert_int_equal(store_position_get(s, "https://x/a", &p, &err), 0);
    struct store_position w = {.segment = 3, .sentence = 7, .char_offset = 1234};
    assert_int_equal(store_position_put(s, "https://x/a", &w, &err), 0);
    store_close(s);
    // Survives reopening.
    assert_int_equal(store_open(path, &s, &err), 0);
    assert_int_equal(store_position_get(s, "https://x/a", &p, &err), 1);
    assert_int_equal(p.segment, 3);
    assert_int_equal(p.sentence, 7);
    assert_int_equal(p.char_offset, 1234);
    assert_true(p.updated > 0);
    w.sentence = 8;
    assert_int_equal(store_position_put(s, "https://x/a", &w, &err), 0);
    assert_int_equal(store_position_get(s, "https://x/a", &p, &err), 1);
    assert_int_equal(p.sentence, 8);
    assert_int_equal(store_position_clear(s, "https://x/a", &err), 0);
    assert_int_equal(store_position_get(s, "https://x/a", &p, &err), 0);
    store_close(s);
}

static void test_feeds_and_items(void **state)
{
    (void)state;
    struct store *s;
    struct hr_error err = {0};
    assert_int_equal(store_open(path, &s, &err), 0);
    assert_int_equal(store_feed_add(s, "http://f/1", "One", "News", "en", &err), 1);
    assert_int_equal(store_feed_add(s, "http://f/1", NULL, NULL, NULL, &err), 0);
    struct store_feed f;
    assert_int_equal(store_feed_find(s, "One", &f, &err), 0);
    assert_string_equal(f.url, "http://f/1");

    struct feed *feed = feed_new("http://f/1");
    feed->title = strdup("Feed one");
    struct feed_item *it = feed_add_item(feed);
    it->id = strdup("a");
    it->title = strdup("A");
    it = feed_add_item(feed);
    it->link = strdup("http://f/b");
    it->title = strdup("B");
    size_t n_new;
    assert_int_equal(store_feed_record(s, f.id, feed, false, "\"e1\"", NULL,
                                       NULL, &n_new, &err), 0);
    assert_int_equal(n_new, 2);
    assert_int_equal(store_feed_record(s, f.id, feed, false, "\"e1\"", NULL,
                                       NULL, &n_new, &err), 0);
    assert_int_equal(n_new, 0);
    feed_free(feed);

    struct store_item_list l;
    assert_int_equal(store_items(s, f.id, true, 0, &l, &err), 0);
    assert_int_equal(l.n, 2);
    assert_int_equal(store_item_set_read(s, l.items[0].id, true, &err), 0);
    store_item_list_release(&l);
    assert_int_equal(store_items(s, 0, true, 0, &l, &err), 0);
    assert_int_equal(l.n, 1);
    store_item_list_release(&l);
    store_feed_release(&f);

    assert_int_equal(store_feed_find(s, "One", &f, &err), 0);
    assert_string_equal(f.etag, "\"e1\"");
    assert_string_equal(f.title, "Feed one");
    assert_int_equal(f.n_items, 2);
    assert_int_equal(f.n_unread, 1);
    store_feed_release(&f);

    assert_int_equal(store_feed_remove(s, "http://f/1", &err), 0);
    assert_int_equal(store_feed_remove(s, "http://f/1", &err), -1);
    assert_int_equal(err.status, HR_ENOTFOUND);
    assert_int_equal(store_items(s, 0, false, 0, &l, &err), 0);
    assert_int_equal(l.n, 0);   // foreign keys cascaded
    store_item_list_release(&l);
    store_close(s);
}

static void test_not_a_database(void **state)
{
    (void)state;
    FILE *f = fopen(path, "w");
    fputs("this is not a database, but it is long enough to look like one..."
          "................................................................", f);
    fclose(f);
    struct store *s;
    struct hr_error err = {0};
    assert_int_equal(store_open(path, &s, &err), -1);
    assert_int_equal(err.status, HR_EPARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feeds_and_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
