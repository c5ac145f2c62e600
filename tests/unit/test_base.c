/*
 * test_base.c — error messages, capped buffers, temporary files.
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

#include "base/buf.h"
#include "base/error.h"
#include "base/tempfile.h"

static void test_fail_is_one_line(void **state)
{
    (void)state;
    struct hr_error e = {0};
    assert_int_equal(hr_fail(&e, HR_EPARSE, "bad 'a\nb\tc'"), -1);
    assert_int_equal(e.status, HR_EPARSE);
    assert_string_equal(e.msg, "bad 'a b c'");
    assert_int_equal(hr_fail(NULL, HR_EIO, "nobody listens"), -1);
}

static void test_fail_errno(void **state)
{
    (void)state;
    struct hr_error e = {0};
    FILE *f = fopen("/nonexistent/x", "r");
    assert_null(f);
    hr_fail_errno(&e, "cannot open '%s'", "/nonexistent/x");
    assert_string_equal(e.msg,
                        "cannot open '/nonexistent/x': No such file or directory");
    hr_error_prefix(&e, "'x'");
    assert_true(strncmp(e.msg, "'x': cannot open", 16) == 0);
}

static void test_buf_cap(void **state)
{
    (void)state;
    struct buf b;
    struct hr_error e = {0};
    buf_init(&b, 8);
    assert_string_equal(b.data, "");
    assert_int_equal(buf_puts(&b, "12345678", &e), 0);
    assert_int_equal(b.len, 8);
    assert_int_equal(buf_putc(&b, '9', &e), -1);
    assert_int_equal(e.status, HR_ELIMIT);
    assert_string_equal(b.data, "12345678");
    size_t len;
    char *p = buf_detach(&b, &len);
    assert_int_equal(len, 8);
    assert_string_equal(p, "12345678");
    assert_string_equal(b.data, "");
    free(p);
    buf_release(&b);
}

static void test_buf_printf(void **state)
{
    (void)state;
    struct buf b = BUF_INIT;
    for (int i = 0; i < 1000; i++)
        assert_int_equal(buf_printf(&b, NULL, "%d,", i), 0);
    assert_true(strncmp(b.data, "0,1,2,", 6) == 0);
    assert_int_equal(b.data[b.len], '\0');
    buf_release(&b);
}

static void test_tempfile_commit_and_discard(void **state)
{
    (void)state;
    char dir[] = "/tmp/herald-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char final[512], tmp[512];
    snprintf(final, sizeof final, "%s/out.wav", dir);

    int fd = tempfile_create(final, tmp, sizeof tmp, NULL);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "abc", 3), 3);
    close(fd);
    struct stat st;
    assert_int_equal(stat(final, &st), -1);     // nothing under the name yet
    assert_int_equal(tempfile_commit(tmp, final, NULL), 0);
    assert_int_equal(stat(final, &st), 0);
    assert_int_equal(st.st_size, 3);
    assert_int_equal(stat(tmp, &st), -1);

    fd = tempfile_create(final, tmp, sizeof tmp, NULL);
    assert_true(fd >= 0);
    close(fd);
    tempfile_discard(tmp);
    assert_int_equal(stat(tmp, &st), -1);

    // Our temporaries have names no one else's file has by chance.
    fd = tempfile_create(final, tmp, sizeof tmp, NULL);
    close(fd);
    const char *name = strrchr(tmp, '/') + 1;
    assert_true(tempfile_is_ours(name));
    assert_false(tempfile_is_ours(".thesis.draft1.part"));
    assert_false(tempfile_is_ours(".x.wav.abcdef.part"));
    assert_false(tempfile_is_ours(".x.wav.abc-ef.herald.part"));
    assert_false(tempfile_is_ours("x.wav.abcdef.herald.part"));
    assert_false(tempfile_is_ours(".herald.part"));
    assert_true(tempfile_is_ours(".x.wav.aB3dE9.herald.part"));
    tempfile_discard(tmp);
    assert_int_equal(stat(final, &st), 0);
    unlink(final);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fail_is_one_line),
        cmocka_unit_test(test_fail_errno),
        cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_buf_printf),
        cmocka_unit_test(test_tempfile_commit_and_discard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
