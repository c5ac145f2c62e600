/*
 * utf8.h — reading, writing and cutting UTF-8, the one encoding herald
 * keeps text in.
 */
#ifndef HERALD_BASE_UTF8_H
#define HERALD_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Decode one UTF-8 sequence at s (n bytes left, n > 0); returns its
 * length, or 0 when it is not valid (overlong, surrogate, out of range,
 * cut). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Append code point c to out; NUL, a surrogate or a value past U+10FFFF
 * becomes U+FFFD. */
void utf8_append(struct buf *out, uint32_t c);

/* The length of s (len bytes) cut to at most max bytes without splitting
 * a character. */
size_t utf8_cut(const char *s, size_t len, size_t max);

#endif /* HERALD_BASE_UTF8_H */
