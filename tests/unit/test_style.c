/*
 * test_style.c — voice profiles: the shipped default equals the compiled-in
 * one, every shipped profile loads, and bad lines are named.
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

#include "style/style.h"

#define PROFILES FIXTURES "/../../voices/profiles/"

/* A style unlike the default in every field, so that a file that forgot a
 * setting shows up as a difference. */
static void scrambled(struct style *s)
{
    memset(s, 0, sizeof *s);
    s->rate = 300;
    s->earcons = false;
    snprintf(s->description, sizeof s->description, "scrambled");
    for (int r = 0; r < ROLE_COUNT; r++) {
        s->role[r] = (struct style_role){
            .rate_pct = 77, .pitch = 3, .range = 4, .gap_before_ms = 5,
            .gap_after_ms = 6, .sentence_gap_ms = 7, .variant = "m7",
            .earcon = true,
        };
    }
}

static void default_ini_is_compiled_default(void **state)
{
    (void)state;
    struct style want, got;
    style_default(&want);
    scrambled(&got);
    struct hr_error err = {0};
    assert_int_equal(style_load(&got, PROFILES "default.ini", &err), 0);
    assert_int_equal(got.rate, want.rate);
    assert_int_equal(got.earcons, want.earcons);
    assert_string_equal(got.description, want.description);
    for (int r = 0; r < ROLE_COUNT; r++) {
        const struct style_role *g = &got.role[r], *w = &want.role[r];
        if (g->rate_pct != w->rate_pct || g->pitch != w->pitch ||
            g->range != w->range || g->gap_before_ms != w->gap_before_ms ||
            g->gap_after_ms != w->gap_after_ms ||
            g->sentence_gap_ms != w->sentence_gap_ms ||
            strcmp(g->variant, w->variant) != 0 || g->earcon != w->earcon)
            fail_msg("[%s] in default.ini differs from the compiled-in "
                     "default", role_name((enum role)r));
    }
    assert_memory_equal(&got, &want, sizeof got);
}

static void shipped_profiles_load(void **state)
{
    (void)state;
    static const char *const names[] = {"default", "plain", "radio", "fast"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[512];
        snprintf(path, sizeof path, PROFILES "%s.ini", names[i]);
        struct style s;
        style_default(&s);
        struct hr_error err = {0};
        if (style_load(&s, path, &err) < 0)
            fail_msg("%s: %s", names[i], err.msg);
        assert_true(s.description[0] != '\0');
    }
}

static char *write_tmp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/herald-style-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void bad_lines_are_named(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *want;
    } cases[] = {
        {"[voice]\nrate = 175\n[headline]\npitch = 101\n",
         "line 4: pitch in [headline] takes 0 to 100, not '101'"},
        {"[caption]\nvolume = 3\n", "line 2: bad setting 'volume = 3' in [caption]"},
        {"\n\n[chorus]\nrate = 100\n", "line 4: unknown section [chorus]"},
        {"[voice]\nvariant = ../../etc\n", "line 2: bad setting 'variant"},
        {"[voice]\nearcons = maybe\n", "line 2: bad setting 'earcons = maybe'"},
        {"[voice]\nrate\n", "line 2: not an INI line"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = write_tmp(cases[i].text);
        struct style s, before;
        style_default(&s);
        before = s;
        struct hr_error err = {0};
        assert_int_equal(style_load(&s, path, &err), -1);
        assert_int_equal(err.status, HR_EPARSE);
        if (!strstr(err.msg, path) || !strstr(err.msg, cases[i].want))
            fail_msg("case %zu: '%s' does not name '%s'", i, err.msg,
                     cases[i].want);
        assert_memory_equal(&s, &before, sizeof s);   // unchanged
        unlink(path);
    }
}

static void voice_variant_fills_roles(void **state)
{
    (void)state;
    char *path = write_tmp("[voice]\nvariant = f3\nearcons = no\n"
                           "[quote]\nvariant = m2\n");
    struct style s;
    style_default(&s);
    struct hr_error err = {0};
    assert_int_equal(style_load(&s, path, &err), 0);
    assert_string_equal(s.role[ROLE_HEADLINE].variant, "f3");
    assert_string_equal(s.role[ROLE_QUOTE].variant, "m2");
    assert_false(s.earcons);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_ini_is_compiled_default),
        cmocka_unit_test(shipped_profiles_load),
        cmocka_unit_test(bad_lines_are_named),
        cmocka_unit_test(voice_variant_fills_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
