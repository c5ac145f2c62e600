/*
 * test_export_shard.c — the share of a source (--shard K/N).  The hash is
 * a promise to users running different versions of herald on different
 * machines over one list: these values must never change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "export/export.h"

static void test_fixed_values(void **state)
{
    (void)state;
    // Worked out apart from this code (64-bit FNV-1a, then MurmurHash3's
    // finaliser, modulo N, plus one).
    static const struct { const char *src; unsigned long n, want; } cases[] = {
        {"", 1000, 343},
        {"a.html", 2, 2}, {"a.html", 3, 2}, {"a.html", 8, 8}, {"a.html", 1000, 96},
        {"https://example.org/news/1", 3, 1}, {"https://example.org/news/1", 8, 4},
        {"https://example.org/news/1", 1000, 308},
        {"/srv/archive/2024/05/story.html", 8, 8},
        {"/srv/archive/2024/05/story.html", 1000, 608},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(export_shard_of(cases[i].src, cases[i].n), cases[i].want);
}

static void test_every_source_once(void **state)
{
    (void)state;
    // Each source is in one share of 1..N, and the shares are even
    // enough that N machines finish at about the same time.
    unsigned long count[9] = {0};
    char src[64];
    for (int i = 0; i < 8000; i++) {
        snprintf(src, sizeof src, "https://example.org/story/%d.html", i);
        unsigned long k = export_shard_of(src, 8);
        assert_true(k >= 1 && k <= 8);
        count[k]++;
        assert_int_equal(export_shard_of(src, 1), 1);
    }
    for (int k = 1; k <= 8; k++)
        assert_true(count[k] > 850 && count[k] < 1150);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_values),
        cmocka_unit_test(test_every_source_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
