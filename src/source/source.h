/*
 * source.h — where an article or feed comes from: a path, an http(s) URL,
 * or "-" for standard input.  Reads the bytes with a size cap; reads no
 * file it was not named, and fetches no URL of another scheme: a SOURCE
 * that looks like "scheme:..." (file:, ftp:, data:, javascript:, ...) and
 * is not the name of an existing file is refused with a message.
 */
#ifndef HERALD_SOURCE_H
#define HERALD_SOURCE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* The default cap on what one source may hold: 64 MiB. */
#define SOURCE_MAX_BYTES ((size_t)64 << 20)

enum source_kind {
    SOURCE_FILE,
    SOURCE_STDIN,
    SOURCE_URL,         /* http:// or https:// */
    SOURCE_REFUSED,     /* a URL of another scheme: never read */
};

struct source_data {
    enum source_kind kind;
    struct buf body;
    char *location;         /* the path, "-", or the final URL after redirects */
    char *content_type;     /* from HTTP, or NULL */
    char *content_lang;     /* from HTTP, or NULL */
};

/*
 * What kind of source spec names: "-" is standard input; "http://..." and
 * "https://..." (any case) are URLs; a spec that starts with a URL scheme
 * (source_scheme_len) is refused unless a file of exactly that name
 * exists (then it is a file: "notes:2024.html" still works); everything
 * else is a path.  Looks at the file system only for the existence test.
 */
enum source_kind source_classify(const char *spec);

/*
 * The length of the URL scheme spec starts with, not counting the colon
 * (4 for "file:///etc/passwd", 10 for "javascript:x"), or 0 when it has
 * none.  A scheme is RFC 3986's ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
 * followed by ':', at least two characters long, so a drive letter ("C:")
 * is not one.  Pure.
 */
size_t source_scheme_len(const char *spec);

/*
 * Read spec into *out (initialised here; release with source_release()).
 * cap 0 means SOURCE_MAX_BYTES.  Errors: HR_EIO (missing, a directory,
 * unreadable), HR_ELIMIT (over the cap), HR_ENET (fetch failed), HR_EEMPTY
 * (no bytes at all).  A SOURCE_REFUSED spec fails with HR_ENET and
 * "'SPEC': only http and https URLs are fetched", before anything is
 * opened or fetched.
 */
int source_read(const char *spec, size_t cap, struct source_data *out,
                struct hr_error *err);
void source_release(struct source_data *d);

#endif /* HERALD_SOURCE_H */
