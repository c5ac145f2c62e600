/*
 * source.h — where an article or feed comes from: a path, an http(s) URL,
 * or "-" for standard input.  Reads the bytes with a size cap; reads no
 * file it was not named.
 */
#ifndef HERALD_SOURCE_H
#define HERALD_SOURCE_H

#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* The default cap on what one source may hold: 64 MiB. */
#define SOURCE_MAX_BYTES ((size_t)64 << 20)

enum source_kind { SOURCE_FILE, SOURCE_STDIN, SOURCE_URL };

struct source_data {
    enum source_kind kind;
    struct buf body;
    char *location;         /* the path, "-", or the final URL after redirects */
    char *content_type;     /* from HTTP, or NULL */
    char *content_lang;     /* from HTTP, or NULL */
};

/* What kind of source spec names ("-", "http://...", "https://...", else a
 * path). */
enum source_kind source_classify(const char *spec);

/*
 * Read spec into *out (initialised here; release with source_release()).
 * cap 0 means SOURCE_MAX_BYTES.  Errors: HR_EIO (missing, a directory,
 * unreadable), HR_ELIMIT (over the cap), HR_ENET (fetch failed), HR_EEMPTY
 * (no bytes at all).
 */
int source_read(const char *spec, size_t cap, struct source_data *out,
                struct hr_error *err);
void source_release(struct source_data *d);

#endif /* HERALD_SOURCE_H */
