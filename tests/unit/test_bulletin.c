/*
 * test_bulletin.c — which headlines tell the same story, durations and
 * times of day, and slots on the wall clock (aligned to local midnight,
 * across a day's end and a DST change), and a bulletin built over a real
 * store: each headline an article in its feed's language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "bulletin/bulletin.h"
#include "feed/feed.h"
#include "store/store.h"

static void same_story(void **state)
{
    (void)state;
    static const struct { const char *a, *b; bool same; } cases[] = {
        {"Storm hits the coast, dozens evacuated",
         "STORM HITS THE COAST: DOZENS EVACUATED", true},
        {"Storm hits the coast, dozens evacuated",
         "Storm hits the coast; dozens are evacuated", true},
        {"«Sturm trifft die Küste» – Dutzende evakuiert",
         "„Sturm trifft die Küste“: Dutzende evakuiert", true},
        {"Storm hits the coast", "Council votes on the budget", false},
        {"Storm hits the coast, dozens evacuated",
         "Storm hits the coast, schools closed", false},
        {"Brexit", "brexit!", true},
        {"Story number 1 of the day", "Story number 2 of the day", false},
        {"Earthquake of 6.1 hits the north coast",
         "Earthquake of 6.1 hits the north coast again", true},
        {"Brexit", "Brexit vote", false},
        {"", "", false},
        {"!!!", "...", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (bulletin_same_story(cases[i].a, cases[i].b) != cases[i].same)
            fail_msg("'%s' / '%s' should %sbe the same story", cases[i].a,
                     cases[i].b, cases[i].same ? "" : "not ");
    }
}

static void durations(void **state)
{
    (void)state;
    int64_t ms;
    assert_int_equal(bulletin_parse_duration("30s", &ms), 0);
    assert_int_equal(ms, 30000);
    assert_int_equal(bulletin_parse_duration("15m", &ms), 0);
    assert_int_equal(ms, 900000);
    assert_int_equal(bulletin_parse_duration("1h30m", &ms), 0);
    assert_int_equal(ms, 5400000);
    assert_int_equal(bulletin_parse_duration("500ms", &ms), 0);
    assert_int_equal(ms, 500);
    assert_int_equal(bulletin_parse_duration("2d", &ms), 0);
    assert_int_equal(ms, 172800000);
    const char *bad[] = {"", "5", "m", "0s", "-5s", "5x", "1.5h", "367d",
                         "99999999999999999999s", "5s ", " 5s"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (bulletin_parse_duration(bad[i], &ms) == 0)
            fail_msg("'%s' parsed as a duration", bad[i]);
    }
}

static void times_of_day(void **state)
{
    (void)state;
    int m[BULLETIN_MAX_AT];
    assert_int_equal(bulletin_parse_at("18:30,07:00, 7:00", m, BULLETIN_MAX_AT), 2);
    assert_int_equal(m[0], 7 * 60);
    assert_int_equal(m[1], 18 * 60 + 30);
    const char *bad[] = {"", "7", "24:00", "07:60", "07:0", "07:00,", "x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (bulletin_parse_at(bad[i], m, BULLETIN_MAX_AT) >= 0)
            fail_msg("'%s' parsed as times of day", bad[i]);
    }
}

static int64_t local_ms(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
                    .tm_hour = h, .tm_min = mi, .tm_sec = s, .tm_isdst = -1};
    return (int64_t)mktime(&tm) * 1000;
}

static void slots(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    int64_t t = local_ms(2024, 5, 6, 12, 7, 3);
    // --every 20s: :00, :20, :40.
    assert_int_equal(bulletin_next_slot(t, 20000, NULL, 0), local_ms(2024, 5, 6, 12, 7, 20));
    // --every 30m: :00 and :30; exactly on a slot gives the one after.
    assert_int_equal(bulletin_next_slot(t, 1800000, NULL, 0), local_ms(2024, 5, 6, 12, 30, 0));
    int64_t on = local_ms(2024, 5, 6, 12, 30, 0);
    assert_int_equal(bulletin_next_slot(on, 1800000, NULL, 0), local_ms(2024, 5, 6, 13, 0, 0));
    // A period that does not divide the day starts again at midnight.
    int64_t late = local_ms(2024, 5, 6, 23, 50, 0);
    assert_int_equal(bulletin_next_slot(late, 7 * 3600000, NULL, 0), local_ms(2024, 5, 7, 0, 0, 0));
    // --at: later today, else tomorrow.
    int at[] = {7 * 60, 18 * 60 + 30};
    assert_int_equal(bulletin_next_slot(t, 0, at, 2), local_ms(2024, 5, 6, 18, 30, 0));
    assert_int_equal(bulletin_next_slot(local_ms(2024, 5, 6, 19, 0, 0), 0, at, 2),
                     local_ms(2024, 5, 7, 7, 0, 0));
    // Across the spring change (31 March 2024, 02:00 → 03:00): the 07:00
    // bulletin stays at 07:00 local time, 23 hours after the one before.
    int64_t a = bulletin_next_slot(local_ms(2024, 3, 30, 8, 0, 0), 0, at, 1);
    assert_int_equal(a, local_ms(2024, 3, 31, 7, 0, 0));
    assert_int_equal(a - local_ms(2024, 3, 30, 7, 0, 0), (int64_t)23 * 3600000);
    // Hourly across it: 01:00, then 03:00 (02:00 does not exist).
    assert_int_equal(bulletin_next_slot(local_ms(2024, 3, 31, 1, 0, 0), 3600000, NULL, 0),
                     local_ms(2024, 3, 31, 3, 0, 0));
}

static void add_feed(struct store *s, const char *url, const char *xml)
{
    struct hr_error err = {0};
    struct feed *f;
    assert_int_equal(store_feed_add(s, url, NULL, NULL, NULL, &err), 1);
    struct store_feed sf;
    assert_int_equal(store_feed_find(s, url, &sf, &err), 0);
    assert_int_equal(feed_parse(xml, strlen(xml), url, NULL, &f, &err), 0);
    assert_int_equal(store_feed_record(s, sf.id, f, false, NULL, NULL, NULL,
                                       NULL, &err), 0);
    feed_free(f);
    store_feed_release(&sf);
}

static void languages(void **state)
{
    (void)state;
    char path[] = "/tmp/herald-test-bulletin-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    unlink(path);
    struct store *s;
    struct hr_error err = {0};
    assert_int_equal(store_open(path, &s, &err), 0);
    time_t now = time(NULL);
    char xml[1024], date[64];
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    snprintf(xml, sizeof xml, "<rss version=\"2.0\"><channel><title>Bote</title>"
             "<language>de</language><item><title>Neue Bahn ab Montag</title>"
             "<guid>b</guid><pubDate>%s</pubDate></item></channel></rss>", date);
    add_feed(s, "http://127.0.0.1/de.xml", xml);
    snprintf(xml, sizeof xml, "<rss version=\"2.0\"><channel><title>Crier</title>"
             "<language>en-GB</language><item><title>Bridge open again</title>"
             "<guid>c</guid><pubDate>%s</pubDate></item></channel></rss>", date);
    add_feed(s, "http://127.0.0.1/en.xml", xml);
    struct bulletin_opts o = {.headlines = 5, .max_age_s = 3600};
    struct bulletin b;
    assert_int_equal(bulletin_build(s, &o, now, &b, &err), 0);
    assert_int_equal(b.n, 2);
    assert_int_equal(b.nfeeds, 2);
    struct article **v;
    int n = bulletin_articles(&b, &v, &err);
    assert_int_equal(n, 4);
    assert_string_equal(v[0]->lang, "en");      // the intro
    int de = strcmp(v[1]->segs[0].text, "Neue Bahn ab Montag") == 0 ? 1 : 2;
    assert_string_equal(v[de]->lang, "de");
    assert_string_equal(v[3 - de]->lang, "en-GB");
    assert_string_equal(v[de]->segs[1].text, "Bote.");
    assert_string_equal(v[3]->lang, "en");      // the outro
    for (int i = 0; i < n; i++)
        article_free(v[i]);
    free(v);
    bulletin_release(&b);
    store_close(s);
    unlink(path);
    char p2[64];
    snprintf(p2, sizeof p2, "%s-wal", path);
    unlink(p2);
    snprintf(p2, sizeof p2, "%s-shm", path);
    unlink(p2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_story),
        cmocka_unit_test(durations),
        cmocka_unit_test(times_of_day),
        cmocka_unit_test(slots),
        cmocka_unit_test(languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
