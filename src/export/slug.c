/*
 * slug.c — file names from headlines (see export_slug in export.h).
 *
 * DESIGN: a whitelist, not a blacklist.  Only ASCII letters and digits and
 * whole, valid UTF-8 sequences of letters outside ASCII survive; anything
 * else is a separator.  Whatever a page puts in its headline ("../../etc",
 * "a/b", NUL, right-to-left overrides, a thousand characters), the result
 * is one path component that cannot climb out of the output folder, hide
 * itself, look like an option or trip the temporary-file pattern.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "export/export.h"

/* Non-ASCII code points kept in a slug: letters and marks of the scripts,
 * not punctuation, symbols, spaces or format characters. */
static bool keep_wide(uint32_t c)
{
    if (c < 0xc0)
        return false;                   // Latin-1 symbols, NBSP, C1
    if (c == 0xd7 || c == 0xf7)
        return false;                   // multiplication, division signs
    if (c >= 0x2000 && c <= 0x2bff)
        return false;                   // punctuation, symbols, arrows...
    if (c >= 0x3000 && c <= 0x303f)
        return false;                   // CJK punctuation
    if (c >= 0xd800 && c <= 0xf8ff)
        return false;                   // surrogates, private use
    if (c >= 0xfe00 && c <= 0xfe0f)
        return false;                   // variation selectors
    if (c >= 0xfe30 && c <= 0xfe4f)
        return false;                   // CJK compatibility forms
    if (c >= 0xff00 && c <= 0xff0f)
        return false;                   // fullwidth punctuation (incl. '/')
    if (c >= 0xfff0)
        return false;                   // specials, noncharacters, U+FEFF..
    if (c == 0xfeff || (c >= 0xe0000 && c <= 0xe007f))
        return false;                   // BOM, tags
    if (c >= 0x1f000 && c <= 0x1faff)
        return false;                   // emoji and pictographs
    if (c >= 0xf0000)
        return false;                   // private use planes
    // Characters that show nothing: a name made of them looks like ".wav".
    static const uint32_t invisible[][2] = {
        {0x034f, 0x034f},               // combining grapheme joiner
        {0x061c, 0x061c},               // Arabic letter mark
        {0x115f, 0x1160},               // Hangul fillers
        {0x17b4, 0x17b5},               // Khmer inherent vowels
        {0x180b, 0x180f},               // Mongolian selectors, separator
        {0x3164, 0x3164},               // Hangul filler
        {0xffa0, 0xffa0},               // halfwidth Hangul filler
    };
    for (size_t i = 0; i < sizeof invisible / sizeof *invisible; i++)
        if (c >= invisible[i][0] && c <= invisible[i][1])
            return false;
    return true;
}

void export_slug(const char *headline, char *out, size_t size)
{
    size_t cap = size - 1 < EXPORT_SLUG_MAX ? size - 1 : EXPORT_SLUG_MAX;
    const unsigned char *s = (const unsigned char *)(headline ? headline : "");
    size_t n = strlen((const char *)s);
    size_t len = 0;
    bool sep = false;   // a separator is pending

    while (n > 0) {
        uint32_t c;
        size_t k = utf8_decode(s, n, &c);
        bool keep;
        if (k == 0) {
            k = 1;
            keep = false;
        } else if (c < 0x80) {
            keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (c >= '0' && c <= '9');
        } else {
            keep = keep_wide(c);
        }
        if (!keep) {
            sep = len > 0;
        } else {
            size_t need = k + (sep ? 1 : 0);
            if (len + need > cap)
                break;      // cut on a character boundary
            if (sep)
                out[len++] = '-';
            sep = false;
            if (k == 1) {
                char ch = (char)s[0];
                out[len++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
            } else {
                memcpy(out + len, s, k);
                len += k;
            }
        }
        s += k;
        n -= k;
    }
    if (len == 0) {
        snprintf(out, size, "%s", "article");
        return;
    }
    out[len] = '\0';
}
