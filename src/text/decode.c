/*
 * decode.c — a page's bytes to UTF-8.
 *
 * DESIGN: find the declared charset (BOM, HTTP header, <meta>, XML
 * declaration), then trust it only as far as the bytes agree: valid UTF-8
 * with non-ASCII characters is UTF-8 whatever the page says (legacy text is
 * almost never valid UTF-8 by chance), and a page declared UTF-8 with many
 * invalid sequences is handed to uchardet.  ISO-8859-1 and US-ASCII mean
 * windows-1252, as browsers read them.  ICU converts; invalid input becomes
 * U+FFFD and the output is sized before it is written, so no input can make
 * the conversion loop or overflow.  Runs on any thread; keeps no state.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <uchardet/uchardet.h>

#include "base/utf8.h"
#include "text/decode.h"

/* uchardet looks at no more than this much of a page. */
#define DETECT_BYTES ((size_t)1 << 20)

size_t text_utf8_check(const char *data, size_t len, size_t *multibyte)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t i = 0, bad = 0, mb = 0;
    while (i < len) {
        // Most of a page is ASCII: step over it eight bytes at a time.
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, sizeof w);
            if (w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xc2 && c <= 0xdf) { n = 2; cp = c & 0x1f; }
        else if (c >= 0xe0 && c <= 0xef) { n = 3; cp = c & 0x0f; }
        else if (c >= 0xf0 && c <= 0xf4) { n = 4; cp = c & 0x07; }
        else { bad++; i++; continue; }
        if (len - i < n) { bad++; i++; continue; }
        size_t k;
        for (k = 1; k < n; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                break;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (k < n || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            bad++;
            i++;
            continue;
        }
        mb++;
        i += n;
    }
    if (multibyte)
        *multibyte = mb;
    return bad;
}

/* Copy a charset name (letters, digits, - _ . : ) from s into out. */
static bool copy_name(const char *s, const char *end, char *out, size_t n)
{
    while (s < end && (*s == ' ' || *s == '\t' || *s == '"' || *s == '\''))
        s++;
    size_t k = 0;
    while (s < end && (isalnum((unsigned char)*s) || *s == '-' || *s == '_' ||
                       *s == '.' || *s == ':') && k + 1 < n)
        out[k++] = *s++;
    out[k] = '\0';
    return k > 0;
}

bool text_charset_from_content_type(const char *ct, char *out, size_t n)
{
    if (!ct || n == 0)
        return false;
    const char *end = ct + strlen(ct);
    for (const char *p = ct; p + 7 <= end; p++) {
        if (strncasecmp(p, "charset", 7) != 0)
            continue;
        const char *q = p + 7;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q < end && *q == '=')
            return copy_name(q + 1, end, out, n);
    }
    return false;
}

static const char *find_ci(const char *s, const char *end, const char *pat)
{
    size_t m = strlen(pat);
    // The patterns are lower-case ASCII: most bytes differ at the first.
    int c0 = pat[0];
    for (; s + m <= end; s++)
        if (tolower((unsigned char)*s) == c0 && strncasecmp(s, pat, m) == 0)
            return s;
    return NULL;
}

bool text_charset_from_markup(const char *data, size_t len, char *out,
                              size_t n, bool *from_xml)
{
    const char *end = data + (len < TEXT_SNIFF_BYTES ? len : TEXT_SNIFF_BYTES);
    *from_xml = false;
    const char *p = data;
    while (p < end && isspace((unsigned char)*p))
        p++;
    if (end - p > 5 && strncmp(p, "<?xml", 5) == 0) {
        const char *close = find_ci(p, end, "?>");
        const char *enc = find_ci(p, close ? close : end, "encoding");
        if (enc) {
            const char *q = enc + 8;
            while (q < end && (*q == ' ' || *q == '='))
                q++;
            if (copy_name(q, close ? close : end, out, n)) {
                *from_xml = true;
                return true;
            }
        }
    }
    for (p = data; (p = find_ci(p, end, "<meta")) != NULL; p += 5) {
        // The tag ends at its '>', or where the next tag starts: each byte
        // is looked at for one <meta> only ("<meta<meta<meta..." with no
        // '>' was a scan to the end for each).
        const char *close = p + 5;
        while (close < end && *close != '>' && *close != '<')
            close++;
        if (close == end)
            break;
        const char *cs = find_ci(p, close, "charset");
        if (!cs)
            continue;
        const char *q = cs + 7;
        while (q < close && (*q == ' ' || *q == '\t'))
            q++;
        if (q < close && *q == '=' && copy_name(q + 1, close, out, n))
            return true;
    }
    return false;
}

/* The name ICU should use for a declared charset, after the WHATWG
 * Encoding Standard's aliases that matter in practice. */
static void canonical_name(char *cs, size_t n)
{
    static const struct { const char *from, *to; } alias[] = {
        {"iso-8859-1", "windows-1252"}, {"iso8859-1", "windows-1252"},
        {"latin1", "windows-1252"}, {"l1", "windows-1252"},
        {"us-ascii", "windows-1252"}, {"ascii", "windows-1252"},
        {"iso-8859-9", "windows-1254"}, {"iso-8859-11", "windows-874"},
        {"tis-620", "windows-874"}, {"gb2312", "GB18030"},
        {"gbk", "GB18030"}, {"x-gbk", "GB18030"}, {"gb_2312-80", "GB18030"},
        {"x-sjis", "Shift_JIS"}, {"sjis", "Shift_JIS"},
        {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
        {"ks_c_5601-1987", "windows-949"}, {"euc-kr", "windows-949"},
        {"x-cp1251", "windows-1251"}, {"cp1251", "windows-1251"},
        {"win-1251", "windows-1251"},
    };
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (strcasecmp(cs, alias[i].from) == 0) {
            snprintf(cs, n, "%s", alias[i].to);
            return;
        }
}

static bool is_utf8_name(const char *cs)
{
    return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0;
}

static bool is_utf16_name(const char *cs)
{
    return strncasecmp(cs, "utf-16", 6) == 0 || strncasecmp(cs, "ucs-2", 5) == 0;
}

/* uchardet's guess, or false. */
static bool detect(const char *data, size_t len, char *out, size_t n)
{
    uchardet_t ud = uchardet_new();
    if (!ud)
        return false;
    bool ok = false;
    if (uchardet_handle_data(ud, data, len < DETECT_BYTES ? len : DETECT_BYTES)
        == 0) {
        uchardet_data_end(ud);
        const char *cs = uchardet_get_charset(ud);
        if (cs && *cs) {
            snprintf(out, n, "%s", cs);
            ok = true;
        }
    }
    uchardet_delete(ud);
    return ok;
}

/* Convert with ICU from charset cs; false when ICU does not know cs. */
static int convert(const char *data, size_t len, const char *cs,
                   struct buf *out, bool *unknown, struct hr_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(cs, &st);
    *unknown = false;
    if (U_FAILURE(st) || !cnv) {
        *unknown = true;
        return -1;
    }
    // At most 3 UTF-8 bytes per input byte for the charsets of the web;
    // ICU says how much it needs when that is not enough.
    size_t want = len * 3 + 64;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (want > (size_t)INT32_MAX - 1 || buf_reserve(out, want, err) < 0) {
            ucnv_close(cnv);
            if (want > (size_t)INT32_MAX - 1)
                return hr_fail(err, HR_ELIMIT, "page too large to convert");
            return -1;
        }
        st = U_ZERO_ERROR;
        ucnv_reset(cnv);
        int32_t n = ucnv_toAlgorithmic(UCNV_UTF8, cnv, out->data + out->len,
                                       (int32_t)want, data, (int32_t)len, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR && attempt == 0) {
            want = (size_t)n + 1;
            continue;
        }
        ucnv_close(cnv);
        if (U_FAILURE(st))
            return hr_fail(err, HR_EPARSE, "cannot convert the page from %s: %s",
                           cs, u_errorName(st));
        out->len += (size_t)n;
        out->data[out->len] = '\0';
        return 0;
    }
    ucnv_close(cnv);
    return hr_fail(err, HR_EPARSE, "cannot convert the page from %s", cs);
}

/* Append UTF-8 bytes, with each invalid sequence replaced by U+FFFD. */
bool text_looks_binary(const char *data, size_t len, const char *content_type,
                       const char **kind)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *kind;
    } sigs[] = {
        {"%PDF-", 5, "a PDF file"},
        {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
        {"GIF8", 4, "a GIF image"},
        {"\xff\xd8\xff", 3, "a JPEG image"},
        {"PK\x03\x04", 4, "a ZIP archive"},
        {"\x1f\x8b", 2, "gzip-compressed data"},
        {"BZh", 3, "bzip2-compressed data"},
        {"\xfd" "7zXZ", 5, "xz-compressed data"},
        {"\x7f" "ELF", 4, "a program"},
        {"RIFF", 4, "a RIFF (WAV or AVI) file"},
        {"OggS", 4, "an Ogg file"},
        {"fLaC", 4, "a FLAC file"},
        {"ID3", 3, "an MP3 file"},
        {"SQLite format 3", 15, "an SQLite database"},
    };
    const char *dummy;
    if (!kind)
        kind = &dummy;
    *kind = "binary data";
    const unsigned char *u = (const unsigned char *)data;
    for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
        if (len >= sigs[k].len && memcmp(data, sigs[k].magic, sigs[k].len) == 0) {
            *kind = sigs[k].kind;
            return true;
        }
    if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
                     (u[0] == 0xfe && u[1] == 0xff)))
        return false;
    char cs[48];
    if (text_charset_from_content_type(content_type, cs, sizeof cs) &&
        (strncasecmp(cs, "utf-16", 6) == 0 || strncasecmp(cs, "utf-32", 6) == 0 ||
         strncasecmp(cs, "ucs", 3) == 0))
        return false;
    size_t n = len < TEXT_SNIFF_BYTES ? len : TEXT_SNIFF_BYTES;
    size_t controls = 0;
    for (size_t k = 0; k < n; k++) {
        // Eight bytes at a time while none of them is below 0x20 (the
        // test is exact when it says none).
        while (n - k >= 8) {
            uint64_t w;
            memcpy(&w, u + k, sizeof w);
            if ((w - UINT64_C(0x2020202020202020)) & ~w &
                UINT64_C(0x8080808080808080))
                break;
            k += 8;
        }
        if (k >= n)
            break;
        // NUL counts as any control byte: a page with a stray run of NULs
        // in its markup is still a page; UTF-16 without a BOM, or a real
        // binary, has far more.
        unsigned char c = u[k];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
            c != 0x1b)
            controls++;
    }
    return controls * 20 > n;
}

static int copy_utf8(const char *data, size_t len, struct buf *out,
                     bool known_valid, struct hr_error *err)
{
    if (known_valid || text_utf8_check(data, len, NULL) == 0)
        return buf_append(out, data, len, err);
    bool unknown;
    return convert(data, len, "UTF-8", out, &unknown, err);
}

static int decode_html(const char *data, size_t len, const char *content_type,
                       struct buf *out, struct text_decoded *info,
                       struct hr_error *err)
{
    struct text_decoded dummy;
    if (!info)
        info = &dummy;
    if (len > TEXT_MAX_INPUT)
        return hr_fail(err, HR_ELIMIT, "page is larger than %zu MB",
                       TEXT_MAX_INPUT >> 20);
    const unsigned char *u = (const unsigned char *)data;
    char cs[48] = "";
    enum text_charset_origin origin = TEXT_FROM_DEFAULT;

    // A byte-order mark beats every declaration.
    if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
        snprintf(info->charset, sizeof info->charset, "UTF-8");
        info->origin = TEXT_FROM_BOM;
        return copy_utf8(data + 3, len - 3, out, false, err);
    }
    if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
                     (u[0] == 0xfe && u[1] == 0xff))) {
        const char *name = u[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
        snprintf(info->charset, sizeof info->charset, "%s", name);
        info->origin = TEXT_FROM_BOM;
        bool unknown;
        return convert(data + 2, len - 2, name, out, &unknown, err);
    }

    bool from_xml = false;
    if (text_charset_from_content_type(content_type, cs, sizeof cs))
        origin = TEXT_FROM_HTTP;
    else if (text_charset_from_markup(data, len, cs, sizeof cs, &from_xml))
        origin = from_xml ? TEXT_FROM_XML : TEXT_FROM_META;
    else
        cs[0] = '\0';
    canonical_name(cs, sizeof cs);
    // A <meta> cannot truthfully declare UTF-16: it was read as ASCII.
    if (origin != TEXT_FROM_HTTP && is_utf16_name(cs))
        snprintf(cs, sizeof cs, "UTF-8");

    size_t mb = 0;
    size_t bad = text_utf8_check(data, len, &mb);
    bool utf8 = false;
    if (cs[0] && is_utf8_name(cs)) {
        // Declared UTF-8: keep it unless the bytes say otherwise.
        utf8 = bad == 0 || mb >= 8 * bad;
        if (!utf8) {
            char guess[48];
            if (detect(data, len, guess, sizeof guess) && !is_utf8_name(guess) &&
                strcasecmp(guess, "ascii") != 0) {
                snprintf(cs, sizeof cs, "%s", guess);
                canonical_name(cs, sizeof cs);
                origin = TEXT_FROM_DETECTED;
            } else {
                utf8 = true;
            }
        }
    } else if (cs[0] && !is_utf16_name(cs)) {
        // Declared a legacy charset: valid UTF-8 with non-ASCII text in it
        // was mislabelled.
        if (bad == 0 && mb > 0) {
            utf8 = true;
            origin = TEXT_FROM_DETECTED;
        }
    } else if (!cs[0]) {
        if (bad == 0) {
            utf8 = true;
        } else if (detect(data, len, cs, sizeof cs)) {
            canonical_name(cs, sizeof cs);
            origin = TEXT_FROM_DETECTED;
            utf8 = is_utf8_name(cs);
        } else {
            snprintf(cs, sizeof cs, "windows-1252");
        }
    }

    if (utf8) {
        snprintf(info->charset, sizeof info->charset, "UTF-8");
        info->origin = origin;
        return copy_utf8(data, len, out, bad == 0, err);
    }
    size_t mark = out->len;
    bool unknown;
    if (convert(data, len, cs, out, &unknown, err) == 0) {
        snprintf(info->charset, sizeof info->charset, "%s", cs);
        info->origin = origin;
        return 0;
    }
    if (!unknown)
        return -1;
    // A charset ICU does not know: guess, else read it as windows-1252.
    out->len = mark;
    char guess[48];
    if (!detect(data, len, guess, sizeof guess) || is_utf8_name(guess)) {
        if (bad == 0 || is_utf8_name(guess)) {
            snprintf(info->charset, sizeof info->charset, "UTF-8");
            info->origin = TEXT_FROM_DETECTED;
            return copy_utf8(data, len, out, bad == 0, err);
        }
        snprintf(guess, sizeof guess, "windows-1252");
    }
    canonical_name(guess, sizeof guess);
    snprintf(info->charset, sizeof info->charset, "%s", guess);
    info->origin = TEXT_FROM_DETECTED;
    if (convert(data, len, guess, out, &unknown, err) == 0)
        return 0;
    out->len = mark;
    return convert(data, len, "windows-1252", out, &unknown, err);
}

int text_decode_html(const char *data, size_t len, const char *content_type,
                     struct buf *out, struct text_decoded *info,
                     struct hr_error *err)
{
    size_t start = out->len;
    if (decode_html(data, len, content_type, out, info, err) < 0)
        return -1;
    out->len = start + text_repair_mojibake(out->data + start, out->len - start);
    out->data[out->len] = '\0';
    return 0;
}

/* ---- text decoded twice ------------------------------------------------ */

const uint16_t text_cp1252_c1[32] = {
    0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
    0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* The byte windows-1252 (or Latin-1, for U+0080..U+00FF) writes for code
 * point c, or -1.  Only the bytes 0x80..0xFF are asked for. */
static int cp1252_byte(uint32_t c)
{
    if (c >= 0x80 && c <= 0xff)
        return (int)c;
    for (int k = 0; k < 32; k++)
        if (text_cp1252_c1[k] && text_cp1252_c1[k] == c)
            return 0x80 + k;
    return -1;
}

/* How sure a sequence is to be text decoded twice. */
enum twice { NOT_TWICE, TWICE_ALIKE, TWICE_WEAK, TWICE_SURE };

/* Is there, at s, a character that was UTF-8 read as windows-1252 and
 * written out again: a lead byte's character (U+00C2..U+00F4) and as many
 * characters after it as its sequence needs, each one's byte a
 * continuation byte, which together decode to one character?  Writes that
 * character's bytes to out (4 at most), *in the bytes of s it stands for.
 * Sure: no text holds such a sequence -- a C1 control in it, "Ã" or "Â"
 * before a sign ("Ã©", "Â "), or "â€"/"â„" (the general punctuation,
 * "â€™").  Weak: a two-byte one ("Ð¿", "Å‚") that a word could hold
 * ("Ü“" in German); alike: a two-byte one whose second character is a
 * no-break space, a soft hyphen or a guillemet ("ß«", but also "Ð»" for
 * "л"), which only a page already found decoded twice has repaired.  Any
 * other (three bytes after "é", "æ": "é” " in French) is none. */
static enum twice twice_encoded(const unsigned char *s, size_t n, unsigned char out[4],
                                size_t *out_len, size_t *in)
{
    uint32_t c;
    size_t k = utf8_decode(s, n, &c);
    if (!k || c < 0xc2 || c > 0xf4)
        return NOT_TWICE;
    size_t need = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    out[0] = (unsigned char)c;
    bool c1 = false;
    uint32_t first = 0;
    size_t at = k;
    for (size_t i = 1; i < need; i++) {
        uint32_t d;
        size_t dk = at < n ? utf8_decode(s + at, n - at, &d) : 0;
        int b = dk ? cp1252_byte(d) : -1;
        if (b < 0x80 || b > 0xbf)
            return NOT_TWICE;
        c1 |= d < 0xa0;
        if (i == 1)
            first = d;
        out[i] = (unsigned char)b;
        at += dk;
    }
    uint32_t v;
    // Overlong forms, surrogates and values past U+10FFFF are not text.
    if (utf8_decode(out, need, &v) != need)
        return NOT_TWICE;
    *out_len = need;
    *in = at;
    if (c1 || (need == 2 && (c == 0xc2 || c == 0xc3)) ||
        (c == 0xe2 && (first == 0x20ac || first == 0x201e)))
        return TWICE_SURE;
    if (need != 2)
        return NOT_TWICE;
    return first != 0xa0 && first != 0xad && first != 0xab && first != 0xbb
               ? TWICE_WEAK : TWICE_ALIKE;
}

size_t text_repair_mojibake(char *data, size_t len)
{
    unsigned char *s = (unsigned char *)data;
    // Count first: sure sequences are repaired, weak and alike ones only
    // where there are eight or more sure or weak ones (a page decoded
    // twice has them in every line; a word with "Ü“" has one).  Every
    // lead character (U+00C2..U+00F4) is written C3 xx: memchr finds them.
    size_t sure = 0, weak = 0;
    for (unsigned char *p = memchr(s, 0xc3, len); p && weak + sure < 8;
         p = memchr(p, 0xc3, len - (size_t)(p - s))) {
        unsigned char b[4];
        size_t bl, k;
        enum twice t = twice_encoded(p, len - (size_t)(p - s), b, &bl, &k);
        sure += t == TWICE_SURE;
        weak += t == TWICE_WEAK;
        p += t != NOT_TWICE ? k : 1;
    }
    if (!sure && weak + sure < 8)
        return len;
    enum twice at_least = weak + sure >= 8 ? TWICE_ALIKE : TWICE_SURE;
    size_t w = 0, i = 0;
    for (unsigned char *p = memchr(s, 0xc3, len); p;
         p = memchr(s + i, 0xc3, len - i)) {
        size_t at = (size_t)(p - s);
        memmove(s + w, s + i, at - i);
        w += at - i;
        i = at;
        unsigned char b[4];
        size_t bl, k;
        enum twice t = twice_encoded(p, len - at, b, &bl, &k);
        if (t != NOT_TWICE && t >= at_least) {
            memcpy(s + w, b, bl);   // bl < k: the text only shrinks
            w += bl;
            i += k;
        } else {
            s[w++] = s[i++];
        }
    }
    memmove(s + w, s + i, len - i);
    return w + len - i;
}
