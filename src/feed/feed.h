/*
 * feed.h — the feed model: a channel and its items, as plain text.
 *
 * Whatever the format (RSS 0.9x, RSS 1.0/RDF, RSS 2.0, Atom 0.3/1.0), a
 * parsed feed is this: text fields are plain UTF-8 text (tags stripped,
 * entities decoded, whitespace collapsed), links are absolute, dates are
 * seconds since the epoch in UTC.  A field that the feed does not have is
 * NULL (strings), FEED_NO_TIME (dates) or -1 (enclosure length).
 *
 * This header depends on base/ only, so store/ and bulletin/ may use the
 * model without knowing libxml2.
 */
#ifndef HERALD_FEED_H
#define HERALD_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"

/* A date that the feed did not give (or that could not be read). */
#define FEED_NO_TIME INT64_MIN

/* Limits on what one feed may hold; what is over them is dropped. */
#define FEED_MAX_BYTES      ((size_t)256 << 20) /* input document */
#define FEED_MAX_ITEMS      100000
#define FEED_MAX_ENCLOSURES 32                  /* per item */
#define FEED_MAX_FIELD      ((size_t)1 << 20)   /* one text field, bytes */

struct feed_enclosure {
    char *url;              /* absolute */
    char *type;             /* MIME type or NULL */
    int64_t length;         /* bytes, or -1 */
};

struct feed_item {
    char *id;               /* guid, atom:id or rdf:about; NULL if none */
    char *title;
    char *link;             /* absolute */
    char *author;
    char *summary;          /* the summary, or the content where there is none */
    char *content;          /* the full content as plain text, or NULL */
    int64_t published;      /* FEED_NO_TIME if absent */
    int64_t updated;        /* FEED_NO_TIME if absent */
    struct feed_enclosure *enclosures;
    size_t n_enclosures;
};

struct feed {
    char *location;         /* where it was read from: URL or path */
    char *title;
    char *link;             /* the site, absolute */
    char *description;
    char *lang;             /* e.g. "en-us", or NULL */
    int64_t updated;        /* FEED_NO_TIME if absent */
    struct feed_item *items;
    size_t n_items;
    size_t alloc_items;
};

/* A new empty feed read from location (copied; may be NULL).  Freed with
 * feed_free(). */
struct feed *feed_new(const char *location);
void feed_free(struct feed *f);

/* Append a zeroed item (dates FEED_NO_TIME) and return it; NULL when the
 * feed already holds FEED_MAX_ITEMS. */
struct feed_item *feed_add_item(struct feed *f);
void feed_item_release(struct feed_item *it);

/* Append an enclosure to it (strings copied, may be NULL); ignored past
 * FEED_MAX_ENCLOSURES or when url is NULL. */
void feed_item_add_enclosure(struct feed_item *it, const char *url,
                             const char *type, int64_t length);

/*
 * Parse a feed document held in memory.  location is its URL or path,
 * used as the base for relative links (may be NULL); content_type is the
 * HTTP Content-Type with its charset, or NULL.
 *
 * Returns 0 and a new feed in *out (caller frees with feed_free()), or -1
 * with *err set (HR_EPARSE: not a feed; HR_ELIMIT: too big).  Reads
 * neither the network nor local files: no DTD is loaded and no external
 * entity is substituted; broken documents are recovered where possible.
 */
int feed_parse(const char *data, size_t len, const char *location,
               const char *content_type, struct feed **out,
               struct hr_error *err);

/*
 * Dates.  feed_parse_date() reads RFC 822 (with the usual variants:
 * missing weekday or seconds, two-digit years, named zones such as EST or
 * "GMT+2"), W3CDTF / ISO 8601 (with or without separators, zone, or
 * fraction) and a few other forms seen in feeds.  Returns FEED_NO_TIME
 * when it cannot.  feed_format_date() writes "2004-01-01T12:00:00Z" into
 * out (at least 32 bytes).
 */
int64_t feed_parse_date(const char *s);
void feed_format_date(int64_t t, char out[32]);

/*
 * URLs.  feed_url_resolve() returns ref made absolute against base (RFC
 * 3986), newly allocated; NULL when ref is NULL.  feed_url_scheme_ok()
 * says whether url is http or https (the only schemes herald fetches);
 * anything else (file:, javascript:, data:, ...) is refused.
 */
char *feed_url_resolve(const char *base, const char *ref);
int feed_url_scheme_ok(const char *url);

/*
 * Plain text from a fragment that may hold HTML: tags stripped, script and
 * style dropped, entities decoded, whitespace collapsed.  Returns a new
 * string (caller frees), never NULL.
 */
char *feed_html_to_text(const char *html, size_t len);

/*
 * OPML.  An outline list: each feed with its title, URL, site link,
 * language and category (the titles of the outlines it sits in, joined
 * with "/").
 */
struct opml_entry {
    char *title;
    char *xml_url;
    char *html_url;
    char *lang;
    char *category;
};

struct opml {
    char *title;
    struct opml_entry *entries;
    size_t n_entries;
    size_t alloc_entries;
};

#define OPML_MAX_ENTRIES 10000

/*
 * Parse an OPML document.  Entries with the same URL are merged (the first
 * wins; the others fill its missing fields).  Entries whose xmlUrl is not
 * http or https are still returned; the caller refuses them.  Returns 0 and
 * a new list in *out (free with opml_free()), or -1 with *err set.
 */
int opml_parse(const char *data, size_t len, const char *location,
               struct opml **out, struct hr_error *err);
void opml_free(struct opml *o);

/* Write an OPML 2.0 document (UTF-8, escaped) for the list into b, grouped
 * by category.  Returns 0 or -1 with *err set (HR_ELIMIT). */
int opml_write(const struct opml *o, struct buf *b, struct hr_error *err);

/* Append an entry (strings copied; may be NULL) to o. */
void opml_add(struct opml *o, const char *title, const char *xml_url,
              const char *html_url, const char *lang, const char *category);

#endif /* HERALD_FEED_H */
