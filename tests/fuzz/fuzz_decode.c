/*
 * fuzz_decode.c — a page's bytes to UTF-8 alone (text/): the binary
 * sniff, the charset from a Content-Type, from markup, or guessed by
 * uchardet, and ICU's conversion.  fuzz_page covers this too, but slowly
 * (libxml2 and extraction run after it); here the charset code gets the
 * executions.  The first byte picks the Content-Type, and inputs that
 * start with "CT:" carry their own up to the first newline.
 */
#include "fuzz.h"

#include "text/decode.h"

static const char *const content_types[] = {
    NULL, "text/html", "text/html; charset=windows-1251",
    "application/xhtml+xml; charset=utf-16", "text/html; charset=shift_jis",
    "text/html; charset=bogus", "text/html; charset=utf-32be",
    "text/html; charset=iso-2022-jp",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const char *ct = content_types[data[0] % 8];
    char *own = NULL;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    if (size > 3 && memcmp(data, "CT:", 3) == 0) {
        const char *nl = memchr(data, '\n', size);
        if (nl) {
            own = fuzz_cstr(data + 3, (size_t)(nl - (const char *)data) - 3);
            ct = own;
            body = nl + 1;
            len = size - (size_t)(nl + 1 - (const char *)data);
        }
    }
    char cs[64];
    if (ct)
        text_charset_from_content_type(ct, cs, sizeof cs);
    bool from_xml;
    text_charset_from_markup(body, len, cs, sizeof cs, &from_xml);
    const char *kind;
    if (!text_looks_binary(body, len, ct, &kind)) {
        struct buf out = BUF_INIT;
        struct text_decoded info;
        struct hr_error err;
        text_decode_html(body, len, ct, &out, &info, &err);
        text_utf8_check(out.data, out.len, NULL);
        buf_release(&out);
    }
    free(own);
    return 0;
}
