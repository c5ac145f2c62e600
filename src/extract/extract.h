/*
 * extract.h — from a web page to the article a listener wants to hear.
 *
 * Decodes the page to UTF-8, parses it with libxml2's HTML parser (no
 * network, no external entities), finds the metadata and the story's
 * container, drops the page furniture and returns the listening script in
 * the default listening order: headline, standfirst, byline, lead caption,
 * body (headings, paragraphs, quotes, list items, table cells, inline
 * captions), credit.
 */
#ifndef HERALD_EXTRACT_H
#define HERALD_EXTRACT_H

#include <stddef.h>

#include "base/error.h"
#include "script/script.h"

struct extract_opts {
    const char *source;         /* path or URL: names the page in messages,
                                   base for relative links; may be NULL */
    const char *content_type;   /* HTTP Content-Type header, or NULL */
    const char *content_lang;   /* HTTP Content-Language header, or NULL */
};

/*
 * Extract the article from len bytes of HTML.  Returns 0 and a new article
 * in *out (the caller frees it with article_free()), or -1 with *err set:
 * HR_EPARSE when the bytes are not a page, HR_EEMPTY when the page holds
 * no article text, HR_ELIMIT past the size limits in docs/.
 */
int extract_article(const char *data, size_t len, const struct extract_opts *o,
                    struct article **out, struct hr_error *err);

#endif /* HERALD_EXTRACT_H */
