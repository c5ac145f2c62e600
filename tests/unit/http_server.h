/*
 * http_server.h — a real HTTP/1.1 server on 127.0.0.1 for unit tests of
 * source/ and net/, in a forked child process (no threads, no Python).
 *
 * DESIGN: test_http_start() binds a free port of 127.0.0.1, forks, and
 * the child answers one request a connection (Connection: close) from a
 * fixed table of paths until the parent calls test_http_stop() (SIGTERM,
 * then waitpid; the child also ends when the test process does).  The
 * child writes each request line and the headers the tests look at to a
 * log file, so a test can check what was asked for (and that a refused
 * URL was never asked for at all).  Header-only and
 * static: included by one test file each.
 *
 *   /hello              200 text/html "<p>hello</p>"
 *   /lang               200 with Content-Type and Content-Language
 *   /etag               200 with ETag "v1"; 304 when If-None-Match is "v1"
 *   /gzip               "hello, gzip" gzip-encoded
 *   /big                200 with 100000 bytes
 *   /endless            200, no length, bytes until the client goes
 *   /to-file            302 to file:///etc/passwd
 *   /to-ftp             302 to ftp://127.0.0.1/x
 *   /to-hello           302 to /hello
 *   /loop/N             302 to /loop/N+1 (a redirect chain)
 *   /status/N           an empty response with status N
 *   anything else       404
 */
#ifndef HERALD_TEST_HTTP_SERVER_H
#define HERALD_TEST_HTTP_SERVER_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

struct test_http {
    pid_t pid;
    int port;
    char base[64];          /* "http://127.0.0.1:PORT" */
    char log[128];          /* request log, one line a request */
};

static void test_http_send(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

static void test_http_reply(int fd, const char *status, const char *headers,
                            const void *body, size_t len)
{
    char head[1024];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %s\r\nConnection: close\r\n"
                     "Content-Length: %zu\r\n%s\r\n", status, len, headers);
    test_http_send(fd, head, (size_t)n);
    test_http_send(fd, body, len);
}

/* The value of header name in the request req, copied into out. */
static void test_http_header(const char *req, const char *name, char *out,
                             size_t size)
{
    out[0] = '\0';
    size_t nl = strlen(name);
    for (const char *p = strstr(req, "\r\n"); p; p = strstr(p + 2, "\r\n")) {
        if (strncasecmp(p + 2, name, nl) == 0 && p[2 + nl] == ':') {
            const char *v = p + 3 + nl;
            while (*v == ' ')
                v++;
            size_t vl = strcspn(v, "\r\n");
            snprintf(out, size, "%.*s", (int)vl, v);
            return;
        }
    }
}

static void test_http_serve(int fd, const char *logpath)
{
    char req[8192] = "";
    size_t len = 0;
    while (len < sizeof req - 1 && !strstr(req, "\r\n\r\n")) {
        ssize_t r = read(fd, req + len, sizeof req - 1 - len);
        if (r <= 0)
            return;
        len += (size_t)r;
        req[len] = '\0';
    }
    char method[16] = "", path[2048] = "", inm[128], ua[256];
    sscanf(req, "%15s %2047s", method, path);
    test_http_header(req, "If-None-Match", inm, sizeof inm);
    test_http_header(req, "User-Agent", ua, sizeof ua);
    FILE *log = fopen(logpath, "a");
    if (log) {
        fprintf(log, "%s %s inm=%s ua=%s\n", method, path, inm, ua);
        fclose(log);
    }
    static const unsigned char gz[] = {
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb,
        0x48, 0xcd, 0xc9, 0xc9, 0xd7, 0x51, 0x48, 0xaf, 0xca, 0x2c, 0x00,
        0x00, 0x4a, 0x9b, 0xb1, 0x5c, 0x0b, 0x00, 0x00, 0x00,
    };
    int n;
    if (strcmp(path, "/hello") == 0) {
        test_http_reply(fd, "200 OK", "Content-Type: text/html\r\n",
                        "<p>hello</p>", 12);
    } else if (strcmp(path, "/lang") == 0) {
        test_http_reply(fd, "200 OK", "Content-Type: text/html; "
                        "charset=utf-8\r\nContent-Language: de\r\n", "x", 1);
    } else if (strcmp(path, "/etag") == 0) {
        if (strcmp(inm, "\"v1\"") == 0)
            test_http_reply(fd, "304 Not Modified", "ETag: \"v1\"\r\n", "", 0);
        else
            test_http_reply(fd, "200 OK", "ETag: \"v1\"\r\nLast-Modified: "
                            "Tue, 05 Mar 2024 10:30:00 GMT\r\n", "fresh", 5);
    } else if (strcmp(path, "/gzip") == 0) {
        test_http_reply(fd, "200 OK", "Content-Encoding: gzip\r\n", gz,
                        sizeof gz);
    } else if (strcmp(path, "/big") == 0) {
        static char big[100000];
        memset(big, 'b', sizeof big);
        test_http_reply(fd, "200 OK", "", big, sizeof big);
    } else if (strcmp(path, "/endless") == 0) {
        static const char head[] = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";
        test_http_send(fd, head, sizeof head - 1);
        char chunk[4096];
        memset(chunk, 'e', sizeof chunk);
        for (int i = 0; i < 100000; i++) {   // 400 MB at most
            if (write(fd, chunk, sizeof chunk) <= 0)
                break;
        }
    } else if (strcmp(path, "/to-file") == 0) {
        test_http_reply(fd, "302 Found", "Location: file:///etc/passwd\r\n",
                        "", 0);
    } else if (strcmp(path, "/to-ftp") == 0) {
        test_http_reply(fd, "302 Found", "Location: ftp://127.0.0.1/x\r\n",
                        "", 0);
    } else if (strcmp(path, "/to-hello") == 0) {
        test_http_reply(fd, "302 Found", "Location: /hello\r\n", "", 0);
    } else if (sscanf(path, "/loop/%d", &n) == 1) {
        char loc[64];
        snprintf(loc, sizeof loc, "Location: /loop/%d\r\n", n + 1);
        test_http_reply(fd, "302 Found", loc, "", 0);
    } else if (sscanf(path, "/status/%d", &n) == 1) {
        char st[32];
        snprintf(st, sizeof st, "%d Status", n);
        test_http_reply(fd, st, "", "", 0);
    } else {
        test_http_reply(fd, "404 Not Found", "", "", 0);
    }
}

/* Start the server; 0, or -1 (the test should fail). */
static int test_http_start(struct test_http *h)
{
    memset(h, 0, sizeof *h);
    snprintf(h->log, sizeof h->log, "/tmp/herald-test-http-%d.log",
             (int)getpid());
    unlink(h->log);
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof a;
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 16) < 0 ||
        getsockname(s, (struct sockaddr *)&a, &al) < 0) {
        close(s);
        return -1;
    }
    h->port = ntohs(a.sin_port);
    snprintf(h->base, sizeof h->base, "http://127.0.0.1:%d", h->port);
    fflush(NULL);
    pid_t parent = getpid();
    h->pid = fork();
    if (h->pid < 0) {
        close(s);
        return -1;
    }
    if (h->pid == 0) {
        signal(SIGPIPE, SIG_IGN);
        signal(SIGTERM, SIG_DFL);
        // Never outlive the test, even one that fails before stopping it.
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(0);
        for (;;) {
            int c = accept(s, NULL, NULL);
            if (c < 0) {
                if (errno == EINTR)
                    continue;
                _exit(1);
            }
            test_http_serve(c, h->log);
            shutdown(c, SHUT_WR);
            close(c);
        }
    }
    close(s);
    return 0;
}

static void test_http_stop(struct test_http *h)
{
    if (h->pid > 0) {
        kill(h->pid, SIGTERM);
        waitpid(h->pid, NULL, 0);
        h->pid = 0;
    }
    unlink(h->log);
}

/* How many requests the log holds whose line contains needle. */
static int test_http_count(const struct test_http *h, const char *needle)
{
    FILE *f = fopen(h->log, "r");
    if (!f)
        return 0;
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, needle))
            n++;
    }
    fclose(f);
    return n;
}

#endif /* HERALD_TEST_HTTP_SERVER_H */
