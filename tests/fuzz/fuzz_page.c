/*
 * fuzz_page.c — a web page's bytes in any charset: decoding (text/),
 * libxml2's HTML parse, extraction and the metadata (extract/), then
 * sentence breaking (script/), as `herald text` does.  The first byte
 * picks the Content-Type a server might have sent.
 */
#include "fuzz.h"

#include "extract/extract.h"
#include "script/script.h"

static const char *const content_types[] = {
    NULL, "text/html", "text/html; charset=windows-1251",
    "application/xhtml+xml; charset=utf-16", "text/html; charset=shift_jis",
    "text/html; charset=bogus", "text/plain", "application/octet-stream",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct extract_opts o = {
        .source = "http://fuzz.example/page.html",
        .content_type = content_types[data[0] % 8],
    };
    struct article *a = NULL;
    struct hr_error err;
    if (extract_article((const char *)data + 1, size - 1, &o, &a, &err) == 0) {
        article_split_sentences(a, &err);
        article_free(a);
    }
    return 0;
}
