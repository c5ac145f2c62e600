/*
 * extract_internal.h — what the files of extract/ share: the parsed page,
 * per-element statistics, and small DOM helpers.  Not a public header.
 */
#ifndef HERALD_EXTRACT_INTERNAL_H
#define HERALD_EXTRACT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "base/buf.h"
#include "base/error.h"
#include "extract/extract.h"
#include "script/script.h"

/* Caps.  The page itself is capped by TEXT_MAX_INPUT (64 MiB); the tree
 * is at most EXTRACT_MAX_DEPTH elements deep (dom_parse_html), and the
 * walks below do not rely on it either: they never recurse and their
 * explicit stacks are capped at EXTRACT_MAX_DEPTH (deeper content is read
 * as if it were flat). */
#define EXTRACT_MAX_DEPTH 4096
#define EXTRACT_MAX_META 4096       /* bytes kept of any metadata value */
#define EXTRACT_MAX_JSONLD ((size_t)1 << 20)  /* bytes of JSON-LD parsed */
#define EXTRACT_MAX_LD_BODY ((size_t)1 << 18) /* bytes of its articleBody kept */

/* Per-element flags. */
enum {
    NF_JUNK = 1 << 0,       /* furniture: never read, penalises containers */
    NF_BLOCK = 1 << 1,      /* a block element: starts and ends a segment */
    NF_LAYOUT = 1 << 2,     /* a table used for layout, not data */
    NF_HIDDEN = 1 << 3,     /* hidden by attribute or inline style */
    NF_TITLE = 1 << 4,      /* the heading that repeats the headline */
    NF_BYLINE = 1 << 5,     /* the byline element */
    NF_LEAD = 1 << 6,       /* the lead caption, spoken before the body */
    NF_STANDFIRST = 1 << 7, /* the standfirst, spoken after the headline */
};

/* What extract/ knows about one element; node->_private points at it. */
struct ninfo {
    uint32_t text;          /* characters of text in the subtree */
    uint32_t link;          /* ... of which inside <a> */
    uint32_t own_text;      /* characters directly owned (not in a child
                               block) */
    uint32_t own_link;
    uint32_t paras;         /* <p> elements with text in the subtree */
    double score;           /* sum of the block weights in the subtree */
    uint32_t flags;
    uint32_t hints;         /* HINT_* words found in class and id */
};

/* Vocabulary found in an element's class and id (computed once). */
enum {
    HINT_BODY = 1 << 0,
    HINT_JUNK = 1 << 1,
    HINT_CREDIT = 1 << 2,
    HINT_CAPTION = 1 << 3,
    HINT_STANDFIRST = 1 << 4,
    HINT_BYLINE = 1 << 5,
    HINT_CONSENT = 1 << 6,     /* a cookie or consent notice (also JUNK) */
    HINT_COMMENTS = 1 << 7,    /* readers' comments (also JUNK) */
    HINT_AUTHOR_BOX = 1 << 8,  /* an author's box: read as credits */
};

struct page {
    xmlDoc *doc;
    xmlNode *root;          /* <html> */
    xmlNode *body;          /* <body>, or root */
    struct ninfo *info;     /* one per element */
    size_t ninfo;
    xmlNode *headline;      /* the <h1>/<h2> that heads the story, or NULL */
    xmlNode *container;     /* the story's container */
    const char *title;      /* the article's title (owned by the article) */
    bool lenient;           /* the second opinion's reading: no furniture
                               but tags that never hold prose ... */
    bool lenient_comments;  /* ... and readers' comments, when the strict
                               reading found the story's own text */
    uint32_t prose;         /* characters of non-link text outside hard
                               furniture (the strict reading's first pass) */
    char *ld_body;          /* JSON-LD articleBody, or NULL (owned) */
};

static inline struct ninfo *ni(const xmlNode *n)
{
    return (struct ninfo *)n->_private;
}

/* dom.c */
/* Parse UTF-8 HTML (recovering, no network, no charset switch) into a
 * tree at most EXTRACT_MAX_DEPTH elements deep, or NULL. */
xmlDoc *dom_parse_html(const char *data, size_t len);
bool dom_is(const xmlNode *n, const char *tag);
/* Is n an element named one of tags (a NULL-terminated list)? */
bool dom_is_any(const xmlNode *n, const char *const *tags);
bool dom_is_heading(const xmlNode *n);
bool dom_is_block(const xmlNode *n);
const char *dom_attr(const xmlNode *n, const char *name, char *buf, size_t n_buf);
/* Append the text of a subtree (iteratively), skipping NF_JUNK elements
 * and <script>/<style>; at most cap bytes. */
void dom_text(const xmlNode *n, struct buf *out, size_t cap);
/* Whitespace-normalised copy of dom_text(): the caller frees it. */
char *dom_text_norm(const xmlNode *n, size_t cap);
/* Characters (not bytes) of non-space text in s[0..len). */
uint32_t dom_count_chars(const char *s, size_t len);
/* s[0..len) with its character references (&quot; &#39; &#x2019;) decoded
 * once more, appended to out: for metadata that a site escaped twice.
 * Unknown or malformed references stay as they are. */
void dom_decode_refs(const char *s, size_t len, struct buf *out);
/* The class and id attributes, lower-cased, in one string "class id". */
void dom_class_id(const xmlNode *n, char *out, size_t n_out);
/* Does the class/id string hold one of the words (as a token or, for
 * words of 5+ letters, as part of a token)? */
bool dom_hint_has(const char *classid, const char *const *words);
/* Next node in document order after n's subtree, inside top. */
xmlNode *dom_next_skip(xmlNode *n, const xmlNode *top);
/* Next node in document order (into children first), inside top. */
xmlNode *dom_next(xmlNode *n, const xmlNode *top);
/* Is a an ancestor of (or equal to) b? */
bool dom_contains(const xmlNode *a, const xmlNode *b);

/* meta.c: fill the article's metadata; finds p->headline. */
void meta_extract(struct page *p, const struct extract_opts *o,
                  struct article *a);
/* Share of words in common, 0..1. */
double meta_similarity(const char *a, const char *b);
/* Language of the text by libexttextcat, or NULL. */
char *meta_guess_lang(const char *text, size_t len);

/* body.c */
void body_prepare(struct page *p);
int body_emit(struct page *p, struct article *a, struct hr_error *err);
/* The second opinion: when the strict reading's body holds far less
 * prose than the page, read the page again leniently (body_prepare with
 * p->lenient, body_emit into a second article) and keep the more
 * plausible of the two bodies in a.  0 or -1 with *err set. */
int body_second_opinion(struct page *p, struct article *a,
                        struct hr_error *err);
/* Drop photo credits from a caption, in place; returns the new length. */
size_t body_strip_credit(char *s, size_t len);
/* Does the text end a sentence (. ! ? or a closing quote after one)? */
bool body_ends_sentence(const char *t, size_t len);
/* Is n a news dateline ("KOBE –") opening its paragraph?  It is read
 * with the paragraph, neither dropped as furniture nor taken as byline. */
bool body_place_dateline(const xmlNode *n);

/* phrase.c: stock lines recognised by their words, in many languages.
 * Each looks at one segment's text t[0..len) (UTF-8). */
/* A line that is furniture by itself ("Advertisement", "Share this",
 * "Topics", "Read more: ..."); chars is its length in characters. */
bool phrase_furniture(const char *t, size_t len, uint32_t chars);
/* The head of a "read these instead" block ("Related stories", "You may
 * also like", "More from X", "Leia também", "Lesen Sie auch" ...). */
bool phrase_related(const char *t, size_t len);
/* A teaser: a paragraph that ends with a link's label to the rest of its
 * story ("... Seht selbst! Weiterlesen", "Continue reading »"). */
bool phrase_read_on(const char *t, size_t len);
/* The head of a news ticker of other stories ("Právě se děje",
 * "Happening now", "Newsticker" ...). */
bool phrase_ticker(const char *t, size_t len);
/* A line that is only a date or time, with "Published"/"Updated" words
 * and at most a short "by NAME" tail. */
bool phrase_dateline(const char *t, size_t len);
/* A reading-time line ("5 min read", "Tempo de leitura: 1 minuto"). */
bool phrase_reading_time(const char *t, size_t len);
/* A rating widget's line: "5 from 7 votes", "4.5 out of 5 stars", "Based
 * on 40 reviews", "(2) 4 Sterne von 5"; or a recipe's servings buttons
 * "1x2x3x". */
bool phrase_rating(const char *t, size_t len);
/* An affiliate or commission disclosure. */
bool phrase_disclosure(const char *t, size_t len);
/* A newsletter sign-up, or a call to action with a web address ("Follow
 * our coverage at https://..."). */
bool phrase_promo(const char *t, size_t len);
/* A reporting credit ("With reporting by", "X contributed to this
 * report", "(Reporting by ...)") or an author's short biography ("Jane
 * Doe is a staff writer at ..."): role credit when it ends the story. */
bool phrase_credit(const char *t, size_t len);
/* The head of an author's box at the end of a story: "About the author",
 * "Über den Autor", "Sobre el autor", "Об авторе" ... */
bool phrase_about_author(const char *t, size_t len);
/* The head of a legal disclaimer ("Disclaimer:", "Haftungsausschluss"). */
bool phrase_disclaimer(const char *t, size_t len);
/* The head of a press release's contact block ("Pressekontakt", "Media
 * contact", "Ansprechpartnerin"). */
bool phrase_contact(const char *t, size_t len);

/* words.c: the word lists of words/ (one array of phrases per file,
 * NULL-terminated, compiled in) and caseless matching against them. */
extern const char *const words_credit[], *const words_credit_inside[],
    *const words_agency[], *const words_photo_credit[], *const words_gallery[],
    *const words_gallery_count[], *const words_gallery_of[],
    *const words_gallery_item[], *const words_notice[], *const words_notice_word[],
    *const words_figure_label[];
/* Bytes of t that the longest entry matching at t's start takes, or 0. */
size_t words_prefix(const char *t, size_t len, const char *const *list);
/* Is t one entry, give or take spaces and punctuation around it? */
bool words_whole(const char *t, size_t len, const char *const *list);
/* The first place in t where an entry starts a word, or NULL; *match gets
 * the bytes it takes. */
const char *words_find(const char *t, size_t len, const char *const *list,
                       size_t *match);

/* phrase.c, from the word lists */
/* A photo credit standing alone ("Photo: Reuters", "Фото: личный
 * архив", "GETTY IMAGES"); *label_only when it is only the label
 * ("Фото:"), whose value then follows on a line of its own. */
bool phrase_photo_credit(const char *t, size_t len, bool *label_only);
/* A gallery's control or label ("View gallery", "Media caption") or a
 * counter line ("3 of 12", "1/50"). */
bool phrase_gallery(const char *t, size_t len);
/* A gallery counter at the start of t ("1/50 ", "Image 3 of 12: "):
 * its bytes (with the separators after it), or 0; *n and *of get the
 * numbers. */
size_t phrase_counter(const char *t, size_t len, unsigned *n, unsigned *of);
/* A figure's label opening a caption set as text ("Abbildung 4:",
 * "Figure 2.", "Abb.:"): a word of words/figure-label.txt, then a number
 * and a colon, full stop, bar or dash, or no number and a colon. */
bool phrase_figure_label(const char *t, size_t len);
/* A stock notice: licensing, reprints, audio-edition and app promotions,
 * cookie and subscription prompts, "report a mistake". */
bool phrase_notice(const char *t, size_t len);

#endif /* HERALD_EXTRACT_INTERNAL_H */
