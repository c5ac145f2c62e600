/*
 * error.c — struct hr_error helpers.  No I/O except hr_bug(), which is for
 * programmer errors only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/utf8.h"

/* Controls become spaces, so the message stays one line; bidi controls
 * (which would reorder the line on a terminal or braille display) go. */
static void one_line(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        size_t bidi = utf8_bidi_control_at((const unsigned char *)r,
                                           strnlen(r, 3));
        if (bidi) {
            r += bidi;
            continue;
        }
        *w++ = (unsigned char)*r < 0x20 || *r == 0x7f ? ' ' : *r;
        r++;
    }
    *w = '\0';
}

int hr_vfail(struct hr_error *e, enum hr_status status, const char *fmt,
             va_list ap)
{
    if (!e)
        return -1;
    e->status = status;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    one_line(e->msg);
    return -1;
}

int hr_fail(struct hr_error *e, enum hr_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    hr_vfail(e, status, fmt, ap);
    va_end(ap);
    return -1;
}

int hr_fail_errno(struct hr_error *e, const char *fmt, ...)
{
    int saved = errno;
    if (!e)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    hr_vfail(e, HR_EIO, fmt, ap);
    va_end(ap);
    size_t len = strlen(e->msg);
    snprintf(e->msg + len, sizeof e->msg - len, ": %s", strerror(saved));
    one_line(e->msg);
    errno = saved;
    return -1;
}

void hr_error_clear(struct hr_error *e)
{
    if (e) {
        e->status = HR_OK;
        e->msg[0] = '\0';
    }
}

void hr_bug(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "herald: BUG: %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

void hr_error_prefix(struct hr_error *e, const char *prefix)
{
    if (!e)
        return;
    char tmp[2 * sizeof e->msg];
    size_t p = strnlen(prefix, sizeof e->msg);
    memcpy(tmp, prefix, p);
    tmp[p++] = ':';
    tmp[p++] = ' ';
    size_t m = strnlen(e->msg, sizeof e->msg - 1);
    memcpy(tmp + p, e->msg, m);
    tmp[p + m] = '\0';
    size_t n = strnlen(tmp, sizeof e->msg - 1);
    memcpy(e->msg, tmp, n);
    e->msg[n] = '\0';
    one_line(e->msg);
}

void hr_error_name_source(struct hr_error *e, const char *source)
{
    if (!e || !source)
        return;
    char probe[61];
    snprintf(probe, sizeof probe, "%s", source);
    one_line(probe);
    if (strstr(e->msg, probe))
        return;
    char quoted[120];
    size_t len = strlen(source), n = utf8_cut(source, len, 100);
    snprintf(quoted, sizeof quoted, "'%.*s%s'", (int)n, source,
             n < len ? "..." : "");
    hr_error_prefix(e, quoted);
}
