/*
 * buf.c — growable byte buffer with a cap (see buf.h for the invariants).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf.h"

char buf_empty[1];

void buf_init(struct buf *b, size_t cap)
{
    b->data = buf_empty;
    b->len = 0;
    b->alloc = 0;
    b->cap = cap ? cap : BUF_DEFAULT_CAP;
}

void buf_release(struct buf *b)
{
    if (b->alloc)
        free(b->data);
    buf_init(b, b->cap);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    b->data[0] = '\0';
}

int buf_reserve(struct buf *b, size_t n, struct hr_error *err)
{
    if (n > b->cap || b->len > b->cap - n)
        return hr_fail(err, HR_ELIMIT, "input is larger than the limit of %zu MB",
                       b->cap >> 20 ? b->cap >> 20 : 1);
    size_t need = b->len + n + 1;
    if (need <= b->alloc)
        return 0;
    size_t alloc = b->alloc ? b->alloc : 64;
    while (alloc < need)
        alloc = alloc < SIZE_MAX / 2 ? alloc * 2 : need;
    if (b->alloc) {
        b->data = xrealloc(b->data, alloc);
    } else {
        b->data = xmalloc(alloc);
        b->data[0] = '\0';
    }
    b->alloc = alloc;
    return 0;
}

int buf_append(struct buf *b, const void *data, size_t n, struct hr_error *err)
{
    if (buf_reserve(b, n, err) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(struct buf *b, const char *s, struct hr_error *err)
{
    return buf_append(b, s, strlen(s), err);
}

int buf_putc(struct buf *b, char c, struct hr_error *err)
{
    return buf_append(b, &c, 1, err);
}

int buf_printf(struct buf *b, struct hr_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return hr_fail(err, HR_EIO, "cannot format text");
    if (buf_reserve(b, (size_t)n, err) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

char *buf_detach(struct buf *b, size_t *len)
{
    char *p;
    if (b->alloc) {
        p = b->data;
    } else {
        p = xmalloc(1);
        p[0] = '\0';
    }
    if (len)
        *len = b->len;
    b->data = buf_empty;
    b->len = 0;
    b->alloc = 0;
    return p;
}
