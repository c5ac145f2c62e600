/*
 * feed_internal.h — helpers shared by the files of feed/ (not public).
 */
#ifndef HERALD_FEED_INTERNAL_H
#define HERALD_FEED_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/*
 * Append the plain text of an HTML fragment to out: tags dropped (with the
 * content of script, style and applet), comments dropped, character and
 * entity references decoded, block elements turned into spaces.  Output
 * past out's cap is dropped silently.
 */
void html_strip_into(const char *html, size_t len, struct buf *out);

/* Whether a tag named name (lowercase, len bytes) breaks a line. */
bool html_is_block(const char *name, size_t len);
/* Whether its content is never text (script, style, applet, ...). */
bool html_is_dropped(const char *name, size_t len);

/*
 * Finish a text field in place: invalid UTF-8 replaced, C1 controls read
 * as windows-1252, other control characters and escape sequences dropped,
 * runs of white space collapsed to one space, ends trimmed.  Returns a new
 * string (caller frees), or NULL when nothing is left.
 */
char *text_finish(const char *s, size_t len);

/* Set libxml2 up for untrusted documents: an external entity loader that
 * refuses everything, and no error printing.  Process-wide, idempotent. */
void feed_xml_init(void);

#endif /* HERALD_FEED_INTERNAL_H */
