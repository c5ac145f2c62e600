/*
 * test_lexicon.c — pronunciation lexicons: whole words, the case rule,
 * entries of several words, the user's entry before the shipped one,
 * possessives after phonemes, a page's own brackets, bad lines named.
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

#include "lexicon/lexicon.h"

static char *write_tmp(const char *text)
{
    static char paths[4][64];
    static int next;
    char *path = paths[next++ % 4];
    snprintf(path, 64, "/tmp/herald-lex-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void expect(struct lexicon *lx, const char *in, const char *want)
{
    struct buf out = BUF_INIT;
    assert_int_equal(lexicon_apply(lx, in, strlen(in), &out, NULL), 0);
    if (strcmp(out.data, want) != 0)
        fail_msg("'%s' became '%s', not '%s'", in, out.data, want);
    buf_release(&out);
}

static void applies_whole_words_and_case(void **state)
{
    (void)state;
    char *path = write_tmp("# names\n"
                           "nguyen = Win\n"
                           "Nice = Neece\n"
                           "Xi Jinping = Shee Jinping\n"
                           "Xi = [[S'i:]]\n"
                           "saint-étienne = Sant Aytyen\n"
                           "  tsar   =   zar  \n"
                           "; another comment\n\n");
    struct lexicon lx = {0};
    struct hr_error err = {0};
    assert_int_equal(lexicon_read(&lx, path, false, &err), 0);
    assert_int_equal(lx.n, 6);
    expect(&lx, "Mr Nguyen and NGUYEN and nguyen.", "Mr Win and Win and Win.");
    expect(&lx, "Nguyenville is not a match", "Nguyenville is not a match");
    expect(&lx, "Nice is nice", "Neece is nice");
    expect(&lx, "NICE weather", "NICE weather");
    expect(&lx, "Xi Jinping met Xi and XI", "Shee Jinping met [[S'i:]] and XI");
    expect(&lx, "In SAINT-ÉTIENNE today", "In Sant Aytyen today");
    expect(&lx, "The Tsar's men", "The zar's men");
    expect(&lx, "Xi's plan, Xi’s team", "[[S'i:z]] plan, [[S'i:z]] team");
    expect(&lx, "", "");
    // A page's own brackets are not phonemes.
    expect(&lx, "see [[note]] here", "see [ [note] ] here");
    lexicon_release(&lx);
    unlink(path);
}

static void first_file_wins(void **state)
{
    (void)state;
    char *mine = write_tmp("nguyen = Nwin\n");
    char *shipped = write_tmp("nguyen = Win\nputin = Pootin\n");
    struct lexicon lx = {0};
    struct hr_error err = {0};
    assert_int_equal(lexicon_read(&lx, mine, true, &err), 0);
    assert_int_equal(lexicon_read(&lx, shipped, false, &err), 0);
    assert_int_equal(lx.n, 2);
    expect(&lx, "Nguyen met Putin", "Nwin met Pootin");
    const struct lexicon_entry *e = lexicon_find(&lx, "NGUYEN", 6);
    assert_non_null(e);
    assert_true(e->user);
    lexicon_release(&lx);
    unlink(mine);
    unlink(shipped);
}

static void bad_lines_are_named(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *want;
    } cases[] = {
        {"ok = fine\nno equals sign\n", "line 2: not an entry"},
        {"\n= empty\n", "line 2: the word is empty"},
        {"a$b = x\n", "line 1: a word has letters and digits"},
        {"word =\n", "line 1: what it says is empty"},
        {"x = [[a\n", "line 1: phonemes go in one pair of [[ ]]"},
        {"x = a]] [[b\n", "line 1: phonemes go in one pair of [[ ]]"},
        {"trailing- = x\n", "line 1: a word has letters"},
        {"\xff\xfe = x\n", "line 1: the word is not UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = write_tmp(cases[i].text);
        struct lexicon lx = {0};
        struct hr_error err = {0};
        assert_int_equal(lexicon_read(&lx, path, false, &err), -1);
        assert_int_equal(err.status, HR_EPARSE);
        if (!strstr(err.msg, path) || !strstr(err.msg, cases[i].want))
            fail_msg("case %zu: '%s' does not say '%s'", i, err.msg,
                     cases[i].want);
        lexicon_release(&lx);
        unlink(path);
    }
}

static void paths_by_language(void **state)
{
    (void)state;
    char rel[64];
    assert_int_equal(lexicon_rel_path("en-GB", rel, sizeof rel, NULL), 0);
    assert_string_equal(rel, "voices/lexicon/en.lex");
    assert_int_equal(lexicon_rel_path("DE", rel, sizeof rel, NULL), 0);
    assert_string_equal(rel, "voices/lexicon/de.lex");
    assert_int_equal(lexicon_rel_path("yue_HK", rel, sizeof rel, NULL), 0);
    assert_string_equal(rel, "voices/lexicon/yue.lex");
    assert_int_equal(lexicon_rel_path("../x", rel, sizeof rel, NULL), -1);
    assert_int_equal(lexicon_rel_path("e", rel, sizeof rel, NULL), -1);
    assert_int_equal(lexicon_rel_path("", rel, sizeof rel, NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(applies_whole_words_and_case),
        cmocka_unit_test(first_file_wins),
        cmocka_unit_test(bad_lines_are_named),
        cmocka_unit_test(paths_by_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
