/*
 * test_feed_fuzz.c — the inputs the fuzzers found trouble with (under
 * tests/fuzz/regressions/feed and .../opml), parsed from buffers of their
 * exact size with no NUL after them, as the fuzzers hand them over: the
 * sanitizer build sees any read past the end.
 */
#include <dirent.h>
#include <stdbool.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "feed/feed.h"

static size_t replay(const char *dir, bool opml)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        rewind(f);
        char *data = malloc(len > 0 ? (size_t)len : 1);
        assert_int_equal(fread(data, 1, (size_t)len, f), (size_t)len);
        fclose(f);
        struct hr_error err;
        if (opml) {
            struct opml *o;
            if (opml_parse(data, (size_t)len, path, &o, &err) == 0)
                opml_free(o);
        } else {
            struct feed *fd;
            if (feed_parse(data, (size_t)len, path, NULL, &fd, &err) == 0)
                feed_free(fd);
        }
        free(data);
        n++;
    }
    closedir(d);
    return n;
}

static void test_feed_regressions(void **state)
{
    (void)state;
    assert_true(replay(FIXTURES "/../fuzz/regressions/feed", false) > 0);
}

static void test_opml_regressions(void **state)
{
    (void)state;
    replay(FIXTURES "/../fuzz/regressions/opml", true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_feed_regressions),
        cmocka_unit_test(test_opml_regressions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
