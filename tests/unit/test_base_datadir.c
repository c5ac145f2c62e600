/*
 * test_base_datadir.c — finding the shipped voices/ and the user's own
 * files before them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/datadir.h"

static char root[64];

static void put(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *s = path + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(path, 0700);
            *s = '/';
        }
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_user_file_comes_first(void **state)
{
    (void)state;
    put("ship/voices/profiles/radio.ini", "shipped\n");
    put("ship/voices/profiles/plain.ini", "shipped\n");
    put("config/herald/voices/profiles/radio.ini", "mine\n");
    char dir[128];
    snprintf(dir, sizeof dir, "%s/ship", root);
    setenv("HERALD_DATA_DIR", dir, 1);
    snprintf(dir, sizeof dir, "%s/config", root);
    setenv("XDG_CONFIG_HOME", dir, 1);

    assert_string_equal(datadir_shipped(), getenv("HERALD_DATA_DIR"));
    struct hr_error err = {0};
    char *p = datadir_find("voices/profiles/radio.ini", &err);
    assert_non_null(p);
    assert_non_null(strstr(p, "/config/herald/voices/profiles/radio.ini"));
    free(p);
    p = datadir_find("voices/profiles/plain.ini", &err);
    assert_non_null(p);
    assert_non_null(strstr(p, "/ship/voices/profiles/plain.ini"));
    free(p);
    assert_null(datadir_find("voices/profiles/none.ini", &err));
    assert_int_equal(err.status, HR_ENOTFOUND);
    assert_non_null(strstr(err.msg, "voices/profiles/none.ini"));
}

int main(void)
{
    snprintf(root, sizeof root, "/tmp/herald-datadir-XXXXXX");
    if (!mkdtemp(root))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_user_file_comes_first),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        rc = 1;
    return rc;
}
