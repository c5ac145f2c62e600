/*
 * buf.h — a growable byte buffer with a hard cap.
 *
 * Invariants (after git's strbuf): data is never NULL once initialised
 * with BUF_INIT or buf_init(), and data[len] is always '\0', so the bytes
 * can be used as a C string when they hold text.  Every buffer has a cap;
 * growing past it fails with HR_ELIMIT instead of eating memory.
 */
#ifndef HERALD_BASE_BUF_H
#define HERALD_BASE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

/* The default cap: 256 MiB, far above any article or feed herald keeps. */
#define BUF_DEFAULT_CAP ((size_t)256 << 20)

struct buf {
    char *data;
    size_t len;
    size_t alloc;
    size_t cap;     /* len never exceeds this */
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0, BUF_DEFAULT_CAP }

void buf_init(struct buf *b, size_t cap);
void buf_release(struct buf *b);
/* Forget the contents, keep the memory. */
void buf_reset(struct buf *b);

/* Append; 0 on success, -1 with HR_ELIMIT when the cap would be passed. */
int buf_append(struct buf *b, const void *data, size_t n, struct hr_error *err);
int buf_puts(struct buf *b, const char *s, struct hr_error *err);
int buf_putc(struct buf *b, char c, struct hr_error *err);
int buf_printf(struct buf *b, struct hr_error *err, const char *fmt, ...)
    HR_PRINTF(3, 4);

/* Make room for n more bytes; 0 or -1 (HR_ELIMIT). */
int buf_reserve(struct buf *b, size_t n, struct hr_error *err);

/* Take ownership of the bytes (NUL-terminated); b is left empty.  The
 * caller frees the result. */
char *buf_detach(struct buf *b, size_t *len);

#endif /* HERALD_BASE_BUF_H */
