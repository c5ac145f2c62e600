/*
 * source.c — read a SOURCE: a path, "-" for standard input, or a URL.
 *
 * DESIGN: files are opened once and checked with fstat on the open
 * descriptor (no race between the check and the read), read with a cap,
 * and directories and other non-regular files that cannot be read as a
 * page are refused with a message that says what they are.  URLs go to
 * net/ (http and https only, the same cap, redirects followed); the final
 * URL becomes the location, so relative links resolve against it.
 * Anything else that looks like a URL ("file:///etc/passwd",
 * "javascript:...", "data:...", "ftp://...") is refused by name before
 * anything is opened, unless a file of exactly that name exists: a path
 * with a colon in it is still a path.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "net/fetch.h"
#include "source/source.h"

size_t source_scheme_len(const char *spec)
{
    if (!isalpha((unsigned char)spec[0]))
        return 0;
    size_t n = 1;
    while (isalnum((unsigned char)spec[n]) || spec[n] == '+' ||
           spec[n] == '-' || spec[n] == '.')
        n++;
    return spec[n] == ':' && n >= 2 ? n : 0;
}

enum source_kind source_classify(const char *spec)
{
    if (strcmp(spec, "-") == 0)
        return SOURCE_STDIN;
    if (strncasecmp(spec, "http://", 7) == 0 ||
        strncasecmp(spec, "https://", 8) == 0)
        return SOURCE_URL;
    struct stat st;
    if (source_scheme_len(spec) > 0 && lstat(spec, &st) < 0)
        return SOURCE_REFUSED;
    return SOURCE_FILE;
}

/* Schemes that name something to fetch or run, whatever follows the
 * colon: for these the refusal does not wonder about a missing file. */
static bool known_scheme(const char *spec, size_t n)
{
    static const char *const known[] = {
        "about", "blob", "chrome", "data", "dict", "file", "filesystem",
        "ftp", "ftps", "gopher", "http", "https", "imap", "imaps", "jar",
        "javascript", "ldap", "ldaps", "mailto", "mms", "news", "nntp",
        "pop3", "pop3s", "resource", "rtmp", "rtsp", "scp", "sftp", "smb",
        "smbs", "smtp", "smtps", "telnet", "tftp", "vbscript",
        "view-source", "ws", "wss",
    };
    if (strncmp(spec + n, "://", 3) == 0)
        return true;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        if (strlen(known[i]) == n && strncasecmp(spec, known[i], n) == 0)
            return true;
    }
    return false;
}

static int refuse(const char *spec, struct hr_error *err)
{
    if (strncasecmp(spec, "http:", 5) == 0 || strncasecmp(spec, "https:", 6) == 0)
        return hr_fail(err, HR_ENET, "'%s': a web address starts with "
                       "http:// or https://", spec);
    if (known_scheme(spec, source_scheme_len(spec)))
        return hr_fail(err, HR_ENET, "'%s': only http and https URLs are "
                       "fetched", spec);
    return hr_fail(err, HR_ENET, "'%s': no such file, and only http and "
                   "https URLs are fetched", spec);
}

static int read_fd(int fd, const char *name, size_t cap, struct buf *b,
                   struct hr_error *err)
{
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return hr_fail_errno(err, "cannot read '%s'", name);
        }
        if (n == 0)
            return 0;
        if (b->len + (size_t)n > cap)
            return hr_fail(err, HR_ELIMIT, "'%s' is larger than %zu MB", name,
                           cap >> 20);
        if (buf_append(b, chunk, (size_t)n, err) < 0)
            return -1;
    }
}

int source_read(const char *spec, size_t cap, struct source_data *out,
                struct hr_error *err)
{
    if (!cap)
        cap = SOURCE_MAX_BYTES;
    memset(out, 0, sizeof *out);
    buf_init(&out->body, cap + 1);
    out->kind = source_classify(spec);
    out->location = xstrdup(spec);

    int rc;
    if (out->kind == SOURCE_REFUSED) {
        rc = refuse(spec, err);
    } else if (out->kind == SOURCE_URL) {
        struct fetch_opts o = {.max_bytes = cap};
        struct fetch_result r;
        rc = net_fetch(spec, &o, &r, err);
        if (rc == 0) {
            buf_release(&out->body);
            out->body = r.body;
            buf_init(&r.body, cap + 1);
            HR_FREE(&out->location);
            out->location = r.final_url;
            out->content_type = r.content_type;
            out->content_lang = r.content_lang;
            r.final_url = r.content_type = r.content_lang = NULL;
        }
        fetch_result_release(&r);
    } else if (out->kind == SOURCE_STDIN) {
        rc = read_fd(STDIN_FILENO, "standard input", cap, &out->body, err);
    } else {
        int fd = open(spec, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        struct stat st;
        if (fd < 0) {
            rc = hr_fail_errno(err, "cannot open '%s'", spec);
        } else if (fstat(fd, &st) < 0) {
            rc = hr_fail_errno(err, "cannot read '%s'", spec);
        } else if (S_ISDIR(st.st_mode)) {
            rc = hr_fail(err, HR_EIO, "'%s' is a directory, not a page", spec);
        } else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) &&
                   !S_ISCHR(st.st_mode)) {
            rc = hr_fail(err, HR_EIO, "'%s' is not a regular file", spec);
        } else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > cap) {
            rc = hr_fail(err, HR_ELIMIT, "'%s' is larger than %zu MB", spec,
                         cap >> 20);
        } else {
            if (S_ISFIFO(st.st_mode)) {
                // A named pipe opened without blocking reads as empty until
                // a writer comes: open it again, waiting for the writer as
                // `cat` does (the user named the pipe).
                int again = open(spec, O_RDONLY | O_CLOEXEC | O_NOCTTY);
                if (again >= 0) {
                    close(fd);
                    fd = again;
                }
            }
            // Back to blocking reads (O_NONBLOCK only kept open() from
            // waiting on a device).
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            rc = read_fd(fd, spec, cap, &out->body, err);
        }
        if (fd >= 0)
            close(fd);
    }
    if (rc == 0 && out->body.len == 0)
        rc = hr_fail(err, HR_EEMPTY, "'%s' is empty", spec);
    if (rc < 0) {
        source_release(out);
        return -1;
    }
    return 0;
}

void source_release(struct source_data *d)
{
    buf_release(&d->body);
    HR_FREE(&d->location);
    HR_FREE(&d->content_type);
    HR_FREE(&d->content_lang);
}
