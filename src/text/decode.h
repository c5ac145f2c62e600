/*
 * decode.h — any web page's bytes to UTF-8.
 *
 * The charset comes from, in order: a byte-order mark, the HTTP
 * Content-Type header, a <meta charset> or <meta http-equiv> in the first
 * TEXT_SNIFF_BYTES, an XML declaration.  A declaration is checked against
 * the bytes: a page that says it is UTF-8 but is not, or says it is a
 * legacy charset but is valid UTF-8 with non-ASCII in it, is detected
 * instead (uchardet).  Conversion is ICU's; bytes that are invalid in the
 * charset become U+FFFD, so the output is always valid UTF-8.  Nothing here
 * knows about HTML beyond the charset declarations.
 */
#ifndef HERALD_TEXT_DECODE_H
#define HERALD_TEXT_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"

/* How far into a page the <meta> / XML declaration is looked for. */
#define TEXT_SNIFF_BYTES 65536
/* Largest input converted: 64 MiB (the source cap). */
#define TEXT_MAX_INPUT ((size_t)64 << 20)

/* Where the charset came from. */
enum text_charset_origin {
    TEXT_FROM_BOM,
    TEXT_FROM_HTTP,
    TEXT_FROM_META,
    TEXT_FROM_XML,
    TEXT_FROM_DETECTED,     /* uchardet (none given, or the given one lied) */
    TEXT_FROM_DEFAULT,      /* valid UTF-8 without a declaration, or the
                               windows-1252 fallback */
};

struct text_decoded {
    char charset[48];       /* the charset used, e.g. "UTF-8", "windows-1251" */
    enum text_charset_origin origin;
};

/*
 * Convert len bytes of a page to UTF-8, appended to out (NUL-terminated,
 * valid UTF-8, any BOM removed).  content_type is the HTTP header or NULL.
 * info, if not NULL, says which charset was used and why.  Returns 0, or
 * -1 with HR_ELIMIT (over TEXT_MAX_INPUT or out's cap) or HR_EPARSE (the
 * converter failed).
 */
int text_decode_html(const char *data, size_t len, const char *content_type,
                     struct buf *out, struct text_decoded *info,
                     struct hr_error *err);

/* What windows-1252 writes for the bytes 0x80..0x9f (0 where it has no
 * character). */
extern const uint16_t text_cp1252_c1[32];

/*
 * Text that was UTF-8, read as windows-1252 (or Latin-1) and written out
 * as UTF-8 again -- "itâ€™s" for "it's", "cafÃ©" for "café", "Ð¿Ñ€Ð¸"
 * for "при" -- gets its characters back, in place, in len bytes of valid
 * UTF-8; returns the new length (never more).  A sequence no text holds
 * (a C1 control in it, "Â"/"Ã" before a sign, "â€"/"â„") is repaired on
 * its own; a two-byte one a word could hold only in a text with eight
 * such, so a lone "Ü“" in German stays.  text_decode_html() does this to
 * every page.
 */
size_t text_repair_mojibake(char *data, size_t len);

/*
 * The charset named in a Content-Type value ("text/html; charset=KOI8-R")
 * copied into out (size n); false when there is none.
 */
bool text_charset_from_content_type(const char *ct, char *out, size_t n);

/*
 * The charset declared in the page's first TEXT_SNIFF_BYTES by <meta
 * charset=...>, <meta http-equiv="Content-Type" content="...charset=...">
 * or <?xml ... encoding="..."?>; false when there is none.  *from_xml says
 * which kind it was.
 */
bool text_charset_from_markup(const char *data, size_t len, char *out,
                              size_t n, bool *from_xml);

/*
 * Whether a page's bytes are not text at all: a known binary signature
 * (PDF, images, archives, audio) or, in the first TEXT_SNIFF_BYTES, a NUL
 * byte or more than one control character in twenty.  UTF-16 and UTF-32
 * pages (a BOM, or content_type naming them) are text.  *kind, if not
 * NULL, gets a short name of what it looks like ("a PDF file", "binary
 * data").
 */
bool text_looks_binary(const char *data, size_t len, const char *content_type,
                       const char **kind);

/*
 * Scan UTF-8: returns the number of invalid sequences; *multibyte (may be
 * NULL) gets the number of valid non-ASCII characters.
 */
size_t text_utf8_check(const char *data, size_t len, size_t *multibyte);

#endif /* HERALD_TEXT_DECODE_H */
