/*
 * digits.c — decimal digits of every script as ASCII (script_ascii_digits
 * in script.h).
 *
 * DESIGN: ICU says which code points are decimal digits and their value
 * (u_charDigitValue on U_DECIMAL_DIGIT_NUMBER), so no table is kept here.
 * Every espeak-ng voice reads "8" in its own language, so nothing is lost
 * for the listener; and espeak-ng 1.51 reads freed memory when a voice
 * meets the digits of another script ("੮" in an English voice), which
 * this keeps from happening.
 */
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "script/script.h"

int script_ascii_digits(const char *in, size_t len, struct buf *out,
                        struct hr_error *err)
{
    const uint8_t *s = (const uint8_t *)in;
    int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
    int32_t i = 0, copied = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || u_charType(c) != U_DECIMAL_DIGIT_NUMBER)
            continue;
        int32_t v = u_charDigitValue(c);
        if (v < 0 || v > 9)
            continue;
        if (buf_append(out, in + copied, (size_t)(at - copied), err) < 0 ||
            buf_putc(out, (char)('0' + v), err) < 0)
            return -1;
        copied = i;
    }
    return buf_append(out, in + copied, len - (size_t)copied, err);
}
