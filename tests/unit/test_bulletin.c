/*
 * test_bulletin.c — which headlines tell the same story, durations and
 * times of day, and slots on the wall clock (aligned to local midnight,
 * across a day's end and a DST change).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <cmocka.h>

#include "bulletin/bulletin.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_story),
        cmocka_unit_test(durations),
        cmocka_unit_test(times_of_day),
        cmocka_unit_test(slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
