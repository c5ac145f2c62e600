/*
 * words.c — matching a line of text against the word lists in words/.
 *
 * DESIGN: the lists are data (the files in src/extract/words/, compiled in by
 * words.cmake) so a language is added by adding lines, not code.  Text
 * and entries are compared code point by code point under ICU's simple
 * case folding (u_foldCase), which covers every script, so "ФОТО:",
 * "Фото:" and "фото:" are one entry.  An entry that ends in a letter or
 * digit of an alphabetic script must end a word in the text ("ap" is not
 * the start of "apple"); entries in scripts written without spaces (CJK)
 * need no boundary.  Every test is bounded by the length of the line and
 * of the list.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "base/alloc.h"
#include "extract/extract_internal.h"

/* Bytes of t that the entry matches at its start, or 0. */
static size_t match_at(const char *t, size_t len, const char *pat)
{
    // Most entries differ from the text at the first byte: when both are
    // ASCII that is known without decoding or folding.
    unsigned char a0 = len ? (unsigned char)t[0] : 0, b0 = (unsigned char)pat[0];
    if (a0 < 0x80 && b0 < 0x80 && tolower(a0) != tolower(b0))
        return 0;
    int32_t i = 0, j = 0, n = (int32_t)(len > INT32_MAX ? INT32_MAX : len);
    int32_t m = (int32_t)strlen(pat);
    UChar32 last = 0;
    while (j < m) {
        if (i >= n)
            return 0;
        UChar32 a, b;
        U8_NEXT(t, i, n, a);
        U8_NEXT(pat, j, m, b);
        if (a < 0 || b < 0 ||
            u_foldCase(a, U_FOLD_CASE_DEFAULT) != u_foldCase(b, U_FOLD_CASE_DEFAULT))
            return 0;
        last = b;
    }
    if (i < n && last < 0x2e80 && u_isalnum(last)) {
        UChar32 c;
        int32_t k = i;
        U8_NEXT(t, k, n, c);
        if (c >= 0 && u_isalnum(c))
            return 0;
    }
    return (size_t)i;
}

size_t words_prefix(const char *t, size_t len, const char *const *list)
{
    size_t best = 0;
    for (const char *const *w = list; *w; w++) {
        size_t m = match_at(t, len, *w);
        if (m > best)
            best = m;
    }
    return best;
}

/* Is t[0..len) nothing but spaces and punctuation? */
static bool only_punct(const char *t, size_t len)
{
    int32_t i = 0, n = (int32_t)(len > INT32_MAX ? INT32_MAX : len);
    while (i < n) {
        UChar32 c;
        U8_NEXT(t, i, n, c);
        if (c < 0 || u_isalnum(c))
            return false;
    }
    return true;
}

bool words_whole(const char *t, size_t len, const char *const *list)
{
    for (const char *const *w = list; *w; w++) {
        size_t m = match_at(t, len, *w);
        if (m && only_punct(t + m, len - m))
            return true;
    }
    return false;
}

const char *words_find(const char *t, size_t len, const char *const *list,
                       size_t *match)
{
    // Each entry's first character, folded, once: a place in the text is
    // tried only against the entries that start with its own first
    // character (folded), and an ASCII byte no entry starts with is passed
    // over without decoding.  The result is words_prefix()'s.
    size_t nw = 0;
    for (const char *const *w = list; *w; w++)
        nw++;
    UChar32 *lead = xcalloc(nw ? nw : 1, sizeof *lead);
    bool first[128] = {false};
    for (size_t k = 0; k < nw; k++) {
        int32_t j = 0, m = (int32_t)strlen(list[k]);
        UChar32 c = -1;
        if (m)
            U8_NEXT(list[k], j, m, c);
        lead[k] = c >= 0 ? u_foldCase(c, U_FOLD_CASE_DEFAULT) : -1;
        // ASCII folds to ASCII, so ASCII text can only match these.
        if (lead[k] >= 0 && lead[k] < 0x80)
            first[tolower(lead[k])] = true;
    }
    const char *found = NULL;
    int32_t i = 0, n = (int32_t)(len > INT32_MAX ? INT32_MAX : len);
    UChar32 prev = ' ';
    while (i < n && !found) {
        unsigned char a = (unsigned char)t[i];
        // An entry starts a word: after a space, punctuation or the start.
        if ((a >= 0x80 || first[tolower(a)]) && (!u_isalnum(prev) || prev >= 0x2e80)) {
            int32_t k2 = i;
            UChar32 c;
            U8_NEXT(t, k2, n, c);
            c = c >= 0 ? u_foldCase(c, U_FOLD_CASE_DEFAULT) : -2;
            size_t best = 0;
            for (size_t k = 0; k < nw; k++)
                if (lead[k] == c) {
                    size_t m = match_at(t + i, len - (size_t)i, list[k]);
                    if (m > best)
                        best = m;
                }
            if (best) {
                if (match)
                    *match = best;
                found = t + i;
            }
        }
        U8_NEXT(t, i, n, prev);
        if (prev < 0)
            prev = ' ';
    }
    free(lead);
    return found;
}
