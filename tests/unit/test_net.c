/*
 * test_net.c — net/fetch against a real HTTP server on 127.0.0.1: what is
 * fetched (http and https only, also after redirects), what is sent
 * (User-Agent, conditional GET), caps, decoding and errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http_server.h"
#include "net/fetch.h"

static struct test_http server;

static int setup(void **state)
{
    (void)state;
    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    unsetenv("https_proxy");
    unsetenv("HTTPS_PROXY");
    unsetenv("ALL_PROXY");
    unsetenv("all_proxy");
    return test_http_start(&server);
}

static int teardown(void **state)
{
    (void)state;
    test_http_stop(&server);
    return 0;
}

static char *url(const char *path)
{
    static char u[256];
    snprintf(u, sizeof u, "%s%s", server.base, path);
    return u;
}

/* Other schemes are refused before anything is sent. */
static void test_refuses_schemes(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "file:///etc/passwd", "FILE:///etc/passwd", "ftp://127.0.0.1/x",
        "javascript:alert(1)", "data:text/html,<p>x</p>", "gopher://x/",
        "dict://127.0.0.1:1/", "/etc/passwd", " http://127.0.0.1/hello",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct fetch_result r;
        struct hr_error err = {0};
        assert_int_equal(net_fetch(bad[i], NULL, &r, &err), -1);
        assert_non_null(strstr(err.msg, "only http and https"));
        assert_non_null(strstr(err.msg, bad[i]));
        fetch_result_release(&r);
    }
    assert_int_equal(test_http_count(&server, "GET"), 0);
}

static void test_get(void **state)
{
    (void)state;
    struct fetch_result r;
    struct hr_error err = {0};
    assert_int_equal(net_fetch(url("/hello"), NULL, &r, &err), 0);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body.data, "<p>hello</p>");
    assert_string_equal(r.content_type, "text/html");
    assert_string_equal(r.final_url, url("/hello"));
    fetch_result_release(&r);
    // The User-Agent names herald and its version.
    assert_int_equal(test_http_count(&server, "ua=herald/" HERALD_VERSION), 1);

    assert_int_equal(net_fetch(url("/lang"), NULL, &r, &err), 0);
    assert_string_equal(r.content_lang, "de");
    assert_string_equal(r.content_type, "text/html; charset=utf-8");
    fetch_result_release(&r);

    assert_int_equal(net_fetch(url("/gzip"), NULL, &r, &err), 0);
    assert_int_equal(r.body.len, 11);
    assert_string_equal(r.body.data, "hello, gzip");
    fetch_result_release(&r);
}

static void test_redirects(void **state)
{
    (void)state;
    struct fetch_result r;
    struct hr_error err = {0};
    // An http redirect is followed, and the final URL is the new one.
    assert_int_equal(net_fetch(url("/to-hello"), NULL, &r, &err), 0);
    assert_string_equal(r.body.data, "<p>hello</p>");
    assert_string_equal(r.final_url, url("/hello"));
    fetch_result_release(&r);

    // A redirect to another scheme is refused, never followed.
    assert_int_equal(net_fetch(url("/to-file"), NULL, &r, &err), -1);
    assert_int_equal(err.status, HR_ENET);
    assert_non_null(strstr(err.msg, "not http or https"));
    assert_int_equal(r.body.len, 0);
    fetch_result_release(&r);
    assert_int_equal(net_fetch(url("/to-ftp"), NULL, &r, &err), -1);
    assert_non_null(strstr(err.msg, "not http or https"));
    fetch_result_release(&r);

    // At most FETCH_MAX_REDIRECTS.
    assert_int_equal(net_fetch(url("/loop/0"), NULL, &r, &err), -1);
    assert_non_null(strstr(err.msg, "redirects"));
    fetch_result_release(&r);
    assert_int_equal(test_http_count(&server, "GET /loop/"),
                     FETCH_MAX_REDIRECTS + 1);
}

static void test_conditional(void **state)
{
    (void)state;
    struct fetch_result r;
    struct hr_error err = {0};
    assert_int_equal(net_fetch(url("/etag"), NULL, &r, &err), 0);
    assert_false(r.not_modified);
    assert_string_equal(r.etag, "\"v1\"");
    assert_string_equal(r.last_modified, "Tue, 05 Mar 2024 10:30:00 GMT");
    assert_string_equal(r.body.data, "fresh");
    fetch_result_release(&r);

    struct fetch_opts o = {.etag = "\"v1\""};
    assert_int_equal(net_fetch(url("/etag"), &o, &r, &err), 0);
    assert_true(r.not_modified);
    assert_int_equal(r.status, 304);
    assert_int_equal(r.body.len, 0);
    fetch_result_release(&r);
    assert_int_equal(test_http_count(&server, "GET /etag inm=\"v1\""), 1);
}

static void test_errors_and_caps(void **state)
{
    (void)state;
    struct fetch_result r;
    struct hr_error err = {0};
    assert_int_equal(net_fetch(url("/status/404"), NULL, &r, &err), -1);
    assert_int_equal(err.status, HR_ENET);
    assert_non_null(strstr(err.msg, "HTTP status 404"));
    fetch_result_release(&r);

    // Over the cap: announced (Content-Length) and not (an endless body).
    struct fetch_opts o = {.max_bytes = 50000};
    assert_int_equal(net_fetch(url("/big"), &o, &r, &err), -1);
    assert_int_equal(err.status, HR_ELIMIT);
    fetch_result_release(&r);
    o.max_bytes = 1 << 20;
    assert_int_equal(net_fetch(url("/endless"), &o, &r, &err), -1);
    assert_int_equal(err.status, HR_ELIMIT);
    assert_true(r.body.len <= (size_t)1 << 20);
    fetch_result_release(&r);

    // Nothing listens on port 1 of 127.0.0.1.
    assert_int_equal(net_fetch("http://127.0.0.1:1/", NULL, &r, &err), -1);
    assert_int_equal(err.status, HR_ENET);
    assert_non_null(strstr(err.msg, "127.0.0.1:1"));
    fetch_result_release(&r);
}

static void on_done(struct fetch_job *job, void *ctx)
{
    (void)job;
    (*(int *)ctx)++;
}

/* Many at once: each job gets its own outcome; a refused one among them
 * does not stop the others. */
static void test_many(void **state)
{
    (void)state;
    char u[4][256];
    snprintf(u[0], sizeof u[0], "%s/hello", server.base);
    snprintf(u[1], sizeof u[1], "file:///etc/passwd");
    snprintf(u[2], sizeof u[2], "%s/status/500", server.base);
    snprintf(u[3], sizeof u[3], "%s/to-hello", server.base);
    struct fetch_job jobs[4] = {{.url = u[0]}, {.url = u[1]}, {.url = u[2]},
                                {.url = u[3]}};
    int done = 0;
    struct hr_error err = {0};
    assert_int_equal(net_fetch_many(jobs, 4, 8, 2, on_done, &done, &err), 0);
    assert_int_equal(done, 4);
    assert_int_equal(jobs[0].rc, 0);
    assert_int_equal(jobs[1].rc, -1);
    assert_non_null(strstr(jobs[1].err.msg, "only http and https"));
    assert_int_equal(jobs[2].rc, -1);
    assert_non_null(strstr(jobs[2].err.msg, "HTTP status 500"));
    assert_int_equal(jobs[3].rc, 0);
    assert_string_equal(jobs[3].result.body.data, "<p>hello</p>");
    for (int i = 0; i < 4; i++)
        fetch_result_release(&jobs[i].result);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_refuses_schemes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redirects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conditional, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_and_caps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
