/*
 * utf8.h — reading, writing and cutting UTF-8, the one encoding herald
 * keeps text in.
 */
#ifndef HERALD_BASE_UTF8_H
#define HERALD_BASE_UTF8_H

#include <stdbool.h>
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

/* The bidi embedding, override and isolate controls (U+202A..U+202E,
 * U+2066..U+2069): they reorder what a terminal or a braille display
 * shows after them and say nothing a listener hears, so no printed or
 * spoken text keeps them.  (The marks U+200E/U+200F are not among them:
 * they reorder nothing outside their own neutral neighbours.) */
bool utf8_is_bidi_control(uint32_t c);

/* Unicode's noncharacters: U+FDD0..U+FDEF and the last two code points of
 * every plane (U+FFFE, U+FFFF, U+1FFFE ...).  Never text. */
bool utf8_is_noncharacter(uint32_t c);

/* The length of the sequence at s (n > 0 bytes left) when it is a bidi
 * control (3 bytes), else 0. */
size_t utf8_bidi_control_at(const unsigned char *s, size_t n);

#endif /* HERALD_BASE_UTF8_H */
