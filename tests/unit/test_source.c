/*
 * test_source.c — SOURCE: what a spec names (file, stdin, http(s) URL, or
 * a URL of another scheme, refused) and reading it with its caps, files
 * and URLs (a real HTTP server on 127.0.0.1).
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

#include "http_server.h"
#include "source/source.h"

static char dir[128];
static char cwd[4096];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/herald-test-source-%d", (int)getpid());
    if (mkdir(dir, 0700) < 0 || !getcwd(cwd, sizeof cwd) || chdir(dir) < 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    if (chdir(cwd) < 0)
        return -1;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_scheme_len(void **state)
{
    (void)state;
    static const struct { const char *spec; size_t len; } cases[] = {
        {"file:///etc/passwd", 4}, {"FILE:///x", 4}, {"javascript:alert(1)", 10},
        {"data:text/html,x", 4}, {"ftp://h/x", 3}, {"http://h/", 4},
        {"view-source:http://x", 11}, {"svn+ssh://h", 7}, {"a.b:x", 3},
        {"notes:today.html", 5},
        {"C:x", 0},             // a drive letter, not a scheme
        {"c:\\x", 0}, {"/etc/passwd", 0}, {"./file:x", 0}, {"page.html", 0},
        {"1ab:x", 0}, {":x", 0}, {"", 0}, {"-", 0}, {"ab", 0},
        {"my page:x", 0}, {"_x:y", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (source_scheme_len(cases[i].spec) != cases[i].len)
            fail_msg("source_scheme_len('%s') = %zu, expected %zu",
                     cases[i].spec, source_scheme_len(cases[i].spec),
                     cases[i].len);
    }
}

static void test_classify(void **state)
{
    (void)state;
    static const struct { const char *spec; enum source_kind kind; } cases[] = {
        {"-", SOURCE_STDIN},
        {"http://example.org/a", SOURCE_URL}, {"HTTPS://example.org/", SOURCE_URL},
        {"file:///etc/passwd", SOURCE_REFUSED}, {"file:/etc/passwd", SOURCE_REFUSED},
        {"javascript:alert(1)", SOURCE_REFUSED}, {"data:text/html,<p>", SOURCE_REFUSED},
        {"ftp://example.org/x", SOURCE_REFUSED}, {"http:example.org", SOURCE_REFUSED},
        {"notes:missing.html", SOURCE_REFUSED},
        {"/etc/passwd", SOURCE_FILE}, {"page.html", SOURCE_FILE},
        {"C:page.html", SOURCE_FILE}, {"./file:x", SOURCE_FILE},
        {"--", SOURCE_FILE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (source_classify(cases[i].spec) != cases[i].kind)
            fail_msg("source_classify('%s') = %d, expected %d", cases[i].spec,
                     source_classify(cases[i].spec), cases[i].kind);
    }
    // A file of exactly that name is a file, whatever it looks like.
    put("notes:today.html", "<p>notes</p>");
    assert_int_equal(source_classify("notes:today.html"), SOURCE_FILE);
    mkdir("file:", 0700);
    put("file:/x", "x");
    assert_int_equal(source_classify("file:/x"), SOURCE_FILE);
    assert_int_equal(source_classify("file:/y"), SOURCE_REFUSED);
}

/* Refused specs: nothing opened, a message that says why, nothing leaked
 * (checked under LeakSanitizer). */
static void test_refused(void **state)
{
    (void)state;
    static const struct { const char *spec, *msg; } cases[] = {
        {"file:///etc/passwd", "'file:///etc/passwd': only http and https URLs are fetched"},
        {"javascript:alert(1)", "'javascript:alert(1)': only http and https URLs are fetched"},
        {"data:text/html,x", "'data:text/html,x': only http and https URLs are fetched"},
        {"ftp://127.0.0.1/x", "'ftp://127.0.0.1/x': only http and https URLs are fetched"},
        {"gopher://h/", "'gopher://h/': only http and https URLs are fetched"},
        {"view-source:x", "'view-source:x': only http and https URLs are fetched"},
        {"http:example.org", "'http:example.org': a web address starts with http:// or https://"},
        {"notes:gone.html",
         "'notes:gone.html': no such file, and only http and https URLs are fetched"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct source_data d;
        struct hr_error err = {0};
        assert_int_equal(source_read(cases[i].spec, 0, &d, &err), -1);
        assert_int_equal(err.status, HR_ENET);
        assert_string_equal(err.msg, cases[i].msg);
    }
}

static void test_files(void **state)
{
    (void)state;
    struct source_data d;
    struct hr_error err = {0};
    put("notes:today.html", "<p>notes</p>");
    assert_int_equal(source_read("notes:today.html", 0, &d, &err), 0);
    assert_int_equal(d.kind, SOURCE_FILE);
    assert_string_equal(d.body.data, "<p>notes</p>");
    assert_string_equal(d.location, "notes:today.html");
    assert_null(d.content_type);
    source_release(&d);

    assert_int_equal(source_read("missing.html", 0, &d, &err), -1);
    assert_int_equal(err.status, HR_EIO);
    assert_non_null(strstr(err.msg, "cannot open 'missing.html'"));

    mkdir("folder", 0700);
    assert_int_equal(source_read("folder", 0, &d, &err), -1);
    assert_non_null(strstr(err.msg, "is a directory"));

    put("empty.html", "");
    assert_int_equal(source_read("empty.html", 0, &d, &err), -1);
    assert_int_equal(err.status, HR_EEMPTY);

    put("big.html", "0123456789abcdef0123456789abcdef");
    assert_int_equal(source_read("big.html", 16, &d, &err), -1);
    assert_int_equal(err.status, HR_ELIMIT);
    assert_int_equal(source_read("big.html", 32, &d, &err), 0);
    assert_int_equal(d.body.len, 32);
    source_release(&d);
}

static void test_urls(void **state)
{
    (void)state;
    struct test_http h;
    assert_int_equal(test_http_start(&h), 0);
    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    unsetenv("ALL_PROXY");
    unsetenv("all_proxy");
    char u[256];
    struct source_data d;
    struct hr_error err = {0};

    // The final URL after redirects is the location (links resolve
    // against it), with the server's type and language.
    snprintf(u, sizeof u, "%s/to-hello", h.base);
    assert_int_equal(source_read(u, 0, &d, &err), 0);
    assert_int_equal(d.kind, SOURCE_URL);
    assert_string_equal(d.body.data, "<p>hello</p>");
    char want[256];
    snprintf(want, sizeof want, "%s/hello", h.base);
    assert_string_equal(d.location, want);
    assert_string_equal(d.content_type, "text/html");
    source_release(&d);

    snprintf(u, sizeof u, "%s/lang", h.base);
    assert_int_equal(source_read(u, 0, &d, &err), 0);
    assert_string_equal(d.content_lang, "de");
    source_release(&d);

    // A redirect to file: is refused, and /etc/passwd is never read.
    snprintf(u, sizeof u, "%s/to-file", h.base);
    assert_int_equal(source_read(u, 0, &d, &err), -1);
    assert_int_equal(err.status, HR_ENET);
    assert_non_null(strstr(err.msg, "not http or https"));

    // The cap holds for URLs too.
    snprintf(u, sizeof u, "%s/big", h.base);
    assert_int_equal(source_read(u, 1000, &d, &err), -1);
    assert_int_equal(err.status, HR_ELIMIT);

    // An empty 200 is "empty", like an empty file.
    snprintf(u, sizeof u, "%s/status/200", h.base);
    assert_int_equal(source_read(u, 0, &d, &err), -1);
    assert_int_equal(err.status, HR_EEMPTY);

    // A refused spec never reaches the server.
    snprintf(u, sizeof u, "ftp://127.0.0.1:%d/hello", h.port);
    assert_int_equal(source_read(u, 0, &d, &err), -1);
    assert_int_equal(test_http_count(&h, "GET /hello"), 1);   // the redirect's
    test_http_stop(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scheme_len),
        cmocka_unit_test_setup_teardown(test_classify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_urls, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
