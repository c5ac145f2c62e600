/*
 * script.h — the listening script, the spine of herald.
 *
 * An article is an ordered list of segments, each with a role and text,
 * in the order a listener hears them (docs/ARCHITECTURE.md, "Listening
 * order").  Segments are grouped into sections (a heading starts one) and
 * split into sentences.  Every sentence has a stable position
 *
 *     (article, segment, sentence)
 *
 * and navigation, resume, captions and "where am I" all speak in those.
 * The section of a segment is derived (the number of headings before it);
 * "paragraph" in what the listener hears is the segment index.
 *
 * extract/ and feed/ build articles; synth/, player/ and export/ read them.
 * Nothing here knows about HTML, speech or audio.
 */
#ifndef HERALD_SCRIPT_H
#define HERALD_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"

enum role {
    ROLE_HEADLINE,
    ROLE_STANDFIRST,
    ROLE_BYLINE,
    ROLE_CAPTION,
    ROLE_HEADING,
    ROLE_PARAGRAPH,
    ROLE_QUOTE,
    ROLE_LIST_ITEM,
    ROLE_TABLE_CELL,
    ROLE_CREDIT,
    ROLE_COUNT
};

/* "headline", "standfirst", "byline", "caption", "heading", "paragraph",
 * "quote", "list-item", "table-cell", "credit". */
const char *role_name(enum role r);
/* The role with that name; -1 if none. */
int role_from_name(const char *name);
/* Paragraph, heading, quote, list item, table cell: the story body that
 * `herald text --body-only` keeps. */
bool role_is_body(enum role r);

/* Limits: an article over these is refused with HR_ELIMIT. */
#define SCRIPT_MAX_SEGMENTS 100000
#define SCRIPT_MAX_TEXT ((size_t)64 << 20)    /* bytes of text per article */

struct sentence {
    uint32_t start;     /* byte offset in the segment's text */
    uint32_t len;       /* bytes, trailing whitespace excluded */
};

/* Words of a segment marked in another language than the segment's. */
struct lang_span {
    uint32_t start;     /* byte offset in the segment's text */
    uint32_t len;       /* bytes */
    char *lang;         /* BCP 47 */
};

struct segment {
    enum role role;
    char *text;                 /* UTF-8, whitespace collapsed, never empty */
    uint32_t len;               /* strlen(text) */
    uint32_t label;             /* bytes at the start of text that are not
                                 * the page's own: a table cell's column
                                 * header and ": ", spoken before the cell
                                 * (segment_label()); 0 when none */
    uint32_t section;           /* headings before (and including) this one */
    struct sentence *sentences; /* filled by article_split_sentences() */
    uint32_t nsentences;
    char *lang;                 /* BCP 47, when the passage is marked in
                                 * another language than the article's;
                                 * NULL: the article's (segment_lang()) */
    struct lang_span *spans;    /* words in yet another language, in order,
                                 * not overlapping; NULL when none */
    uint32_t nspans;
};

struct article {
    /* Metadata; each is NULL when unknown.  Owned by the article. */
    char *title;
    char *byline;
    char *published;    /* ISO 8601 */
    char *lang;         /* BCP 47, e.g. "en", "en-GB", "ru" */
    char *site;
    char *excerpt;
    char *source;       /* where it came from: a path, a URL or "-" */
    char *url;          /* the page's canonical http(s) URL, as it says */

    struct segment *segs;
    size_t nsegs;
    size_t segs_alloc;
    size_t text_bytes;  /* sum of the segments' lengths, for the limit */
};

struct article *article_new(void);
void article_free(struct article *a);

/*
 * Append a segment.  The text (len bytes, need not be NUL-terminated) is
 * copied with runs of white space (including non-breaking space and line
 * breaks) collapsed to one space and the ends trimmed; text that is empty
 * after that is dropped (returns 0, nothing added).  Invalid UTF-8 bytes
 * are replaced by U+FFFD.  Returns 0, or -1 with HR_ELIMIT past the
 * limits above.
 */
int article_add(struct article *a, enum role role, const char *text,
                size_t len, struct hr_error *err);

/* Set a metadata field (e.g. &a->title) to a normalised copy of s, or to
 * NULL when s is NULL or blank.  Frees the old value. */
void article_set(char **field, const char *s);

/*
 * Find the sentences of every segment (ICU's sentence break iterator for
 * the article's language, with its abbreviation suppressions, so "Dec. 17",
 * "U.S." and "Mr. Smith" do not end a sentence).  Safe to call again.
 * Returns 0 or -1 with *err set.
 */
int article_split_sentences(struct article *a, struct hr_error *err);

/* The language segment i is spoken in: its own, else the article's (NULL
 * when neither is known). */
const char *segment_lang(const struct article *a, size_t i);

/* Marks the first `label` bytes of the segment's text as herald's own
 * words (a column header and ": "), when they are that: the text must go
 * on after them and they must end in ": ".  Otherwise the label stays 0. */
void segment_set_label(struct segment *seg, size_t label);

/* Mark bytes [start, start+len) of segment i's text as in lang; ignored
 * (0) when the range is empty, outside the text, not on character
 * boundaries or overlapping a span before it.  Spans are added in order. */
void segment_add_span(struct article *a, size_t i, uint32_t start,
                      uint32_t len, const char *lang);

/* Number of sections (headings + 1 for the part before the first). */
uint32_t article_nsections(const struct article *a);

/*
 * A stable id for the article, the same on every machine that reads it:
 * its canonical URL, else the URL it came from (each used when shorter
 * than max bytes), else "text:" and 16 hex digits of a hash of its text
 * (never a local path).  Positions are remembered under it, and exported files and
 * podcast feeds carry it.  Returns a new string.
 */
char *article_id(const struct article *a, size_t max);

/* Copy normalised text (as article_add() does) into out; returns the
 * length.  Exposed for extract/ and feed/, which clean metadata too. */
size_t script_normalize_ws(const char *in, size_t len, struct buf *out);

/* Append in[0..len) to out with the decimal digits of every script
 * ("٨", "੮", "８") as ASCII digits; 0 or -1 (out's cap). */
int script_ascii_digits(const char *in, size_t len, struct buf *out,
                        struct hr_error *err);

/*
 * Writers for `herald text`.  Each appends to out and returns 0 or -1.
 *   plain: one segment a line;
 *   json:  {"title","byline","published","lang","site","excerpt",
 *           "segments":[{"role","text","lang"}]} on one line (a
 *           segment's lang: segment_lang(); a segment with spans in
 *           another language also has "spans":[{"text","lang"}]);
 *   ssml:  <speak> with a <p> per segment (xml:lang on one in another
 *           language) and <s> per sentence.
 * body_only keeps only role_is_body() segments.
 */
int script_write_plain(const struct article *a, bool body_only,
                       struct buf *out, struct hr_error *err);
int script_write_json(const struct article *a, bool body_only,
                      struct buf *out, struct hr_error *err);
int script_write_ssml(const struct article *a, bool body_only,
                      struct buf *out, struct hr_error *err);

#endif /* HERALD_SCRIPT_H */
