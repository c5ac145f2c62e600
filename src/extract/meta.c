/*
 * meta.c — the article's metadata: title, byline, date, language, site,
 * excerpt, and which heading on the page is the headline.
 *
 * DESIGN: structured data first (JSON-LD parsed with jansson, then <meta>
 * Open Graph / Dublin Core / name=...), then the visible page (<h1>,
 * rel=author, byline elements, <time datetime>), then <title> with the
 * site's name cut off.  The order follows what publishers fill in most
 * carefully, and matches Readability's where the two agree so their
 * results can be compared field by field.  The language falls back to
 * libexttextcat on the story's text.  Every value is capped at
 * EXTRACT_MAX_META bytes and whitespace-normalised by article_set().
 */
#define _XOPEN_SOURCE 700
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>
#include <libexttextcat/textcat.h>

#include "base/alloc.h"
#include "extract/extract_internal.h"

#define TEXTCAT_CONF "/usr/share/libexttextcat/fpdb.conf"
#define TEXTCAT_PREFIX "/usr/share/libexttextcat/"

/* <meta> values kept, by lower-cased name or property. */
enum meta_key {
    MK_OG_TITLE, MK_TW_TITLE, MK_DC_TITLE, MK_TITLE, MK_PARSELY_TITLE,
    MK_AUTHOR, MK_DC_CREATOR, MK_ARTICLE_AUTHOR, MK_PARSELY_AUTHOR,
    MK_OG_DESC, MK_DESC, MK_TW_DESC, MK_DC_DESC,
    MK_SITE, MK_PUBLISHED, MK_PARSELY_DATE, MK_DATE, MK_LOCALE, MK_CLANG,
    MK_OG_URL,
    MK_COUNT
};

static const struct { const char *name; enum meta_key key; } meta_names[] = {
    {"og:title", MK_OG_TITLE}, {"twitter:title", MK_TW_TITLE},
    {"dc:title", MK_DC_TITLE}, {"dcterm:title", MK_DC_TITLE},
    {"dc.title", MK_DC_TITLE}, {"title", MK_TITLE},
    {"parsely-title", MK_PARSELY_TITLE},
    {"author", MK_AUTHOR}, {"dc:creator", MK_DC_CREATOR},
    {"dcterm:creator", MK_DC_CREATOR}, {"dc.creator", MK_DC_CREATOR},
    {"article:author", MK_ARTICLE_AUTHOR},
    {"parsely-author", MK_PARSELY_AUTHOR},
    {"og:description", MK_OG_DESC}, {"description", MK_DESC},
    {"twitter:description", MK_TW_DESC}, {"dc:description", MK_DC_DESC},
    {"dcterm:description", MK_DC_DESC}, {"dc.description", MK_DC_DESC},
    {"og:site_name", MK_SITE}, {"article:published_time", MK_PUBLISHED},
    {"datepublished", MK_PUBLISHED},   /* <meta itemprop=datePublished> */
    {"parsely-pub-date", MK_PARSELY_DATE}, {"date", MK_DATE},
    {"pubdate", MK_DATE}, {"publish-date", MK_DATE},
    {"dc.date.issued", MK_DATE}, {"dc.date", MK_DATE},
    {"sailthru.date", MK_DATE}, {"og:locale", MK_LOCALE},
    {"content-language", MK_CLANG}, {"og:url", MK_OG_URL},
};

struct meta {
    char *v[MK_COUNT];
    bool by_prop[MK_COUNT];     /* v[k] came from a property attribute */
    /* From JSON-LD. */
    char *ld_name, *ld_headline;
    char *ld_title, *ld_author, *ld_desc, *ld_site, *ld_date, *ld_lang;
    char *ld_body;      /* articleBody as written, at most EXTRACT_MAX_LD_BODY */
};

static void keep(char **slot, const char *s)
{
    if (*slot || !s)
        return;
    size_t n = strlen(s);
    if (n > EXTRACT_MAX_META)
        n = EXTRACT_MAX_META;
    struct buf d = BUF_INIT, b = BUF_INIT;
    dom_decode_refs(s, n, &d);
    script_normalize_ws(d.data, d.len, &b);
    buf_release(&d);
    if (b.len == 0) {
        buf_release(&b);
        return;
    }
    size_t len;
    *slot = buf_detach(&b, &len);
}

static void read_meta_tag(xmlNode *n, struct meta *m)
{
    char content[EXTRACT_MAX_META + 1], names[512];
    if (!dom_attr(n, "content", content, sizeof content))
        return;
    const char *attrs[] = {"property", "name", "itemprop", "http-equiv"};
    for (size_t a = 0; a < 4; a++) {
        if (!dom_attr(n, attrs[a], names, sizeof names))
            continue;
        // A property may list several names: "og:title twitter:title".
        char *save = NULL;
        for (char *tok = strtok_r(names, " \t\n", &save); tok;
             tok = strtok_r(NULL, " \t\n", &save)) {
            for (char *p = tok; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            for (size_t i = 0; i < sizeof meta_names / sizeof meta_names[0];
                 i++)
                if (strcmp(tok, meta_names[i].name) == 0) {
                    // A property (RDFa, Open Graph) outranks a name.
                    enum meta_key k = meta_names[i].key;
                    if (a == 0 && m->v[k] && !m->by_prop[k])
                        HR_FREE(&m->v[k]);
                    if (!m->v[k])
                        m->by_prop[k] = a == 0;
                    keep(&m->v[k], content);
                }
        }
    }
}

/* An absolute http(s) URL: the only kind that names a page anywhere. */
static bool web_url(const char *s)
{
    return s && (strncasecmp(s, "http://", 7) == 0 ||
                 strncasecmp(s, "https://", 8) == 0) && !strpbrk(s, " \t\n");
}

/* <link rel="canonical" href="..."> (rel is a list of tokens). */
static void read_link_tag(xmlNode *n, char **canonical)
{
    char rel[256], href[EXTRACT_MAX_META + 1];
    if (*canonical || !dom_attr(n, "rel", rel, sizeof rel) ||
        !dom_attr(n, "href", href, sizeof href))
        return;
    char *save = NULL;
    for (char *tok = strtok_r(rel, " \t\n", &save); tok;
         tok = strtok_r(NULL, " \t\n", &save)) {
        if (strcasecmp(tok, "canonical") == 0) {
            keep(canonical, href);
            if (!web_url(*canonical))
                HR_FREE(canonical);
            return;
        }
    }
}

/* ---- JSON-LD ---------------------------------------------------------- */

static bool article_type(const char *t)
{
    static const char *const types[] = {
        "Article", "AdvertiserContentArticle", "NewsArticle",
        "AnalysisNewsArticle", "AskPublicNewsArticle",
        "BackgroundNewsArticle", "BlogPosting", "DiscussionForumPosting",
        "LiveBlogPosting", "OpinionNewsArticle", "ReportageNewsArticle",
        "ReviewNewsArticle", "Report", "SatiricalArticle",
        "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting",
        "TechArticle", NULL,
    };
    for (const char *const *p = types; *p; p++)
        if (strcmp(t, *p) == 0)
            return true;
    return false;
}

static bool is_article(json_t *o)
{
    json_t *t = json_object_get(o, "@type");
    if (json_is_string(t))
        return article_type(json_string_value(t));
    if (json_is_array(t)) {
        size_t i;
        json_t *v;
        json_array_foreach(t, i, v)
            if (json_is_string(v) && article_type(json_string_value(v)))
                return true;
    }
    return false;
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The author's name(s): a string, {"name"}, or an array of either. */
static void ld_author(json_t *a, struct buf *out)
{
    json_t *one[1] = {a};
    size_t n = 1;
    json_t **items = one;
    if (json_is_array(a)) {
        n = json_array_size(a);
        if (n > 16)
            n = 16;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_is_array(a) ? json_array_get(a, i) : items[i];
        const char *name = json_is_string(x) ? json_string_value(x)
                         : json_is_object(x) ? jstr(x, "name") : NULL;
        if (!name || !*name || strstr(name, "://"))
            continue;
        if (out->len)
            buf_puts(out, ", ", NULL);
        buf_puts(out, name, NULL);
    }
}

static void read_ld_article(json_t *o, struct meta *m)
{
    if (!m->ld_name && !m->ld_headline) {
        keep(&m->ld_name, jstr(o, "name"));
        keep(&m->ld_headline, jstr(o, "headline"));
    }
    json_t *author = json_object_get(o, "author");
    if (!author)
        author = json_object_get(o, "creator");
    if (author) {
        struct buf b = BUF_INIT;
        ld_author(author, &b);
        keep(&m->ld_author, b.data);
        buf_release(&b);
    }
    keep(&m->ld_desc, jstr(o, "description"));
    json_t *pub = json_object_get(o, "publisher");
    if (json_is_object(pub))
        keep(&m->ld_site, jstr(pub, "name"));
    keep(&m->ld_date, jstr(o, "datePublished"));
    const char *body = jstr(o, "articleBody");
    if (body && !m->ld_body) {
        size_t n = strlen(body);
        m->ld_body = xstrndup(body, n > EXTRACT_MAX_LD_BODY ? EXTRACT_MAX_LD_BODY : n);
    }
    const char *lang = jstr(o, "inLanguage");
    keep(&m->ld_lang, lang);
}

static void read_jsonld(xmlNode *script, struct meta *m)
{
    struct buf b = BUF_INIT;
    dom_text(script, &b, EXTRACT_MAX_JSONLD);
    // Some pages wrap the JSON in CDATA markers, or in "//<![CDATA[" for
    // old XHTML validators: read what is inside.
    const char *j = b.data ? b.data : "";
    size_t jl = b.len;
    while (jl && isspace((unsigned char)*j))
        j++, jl--;
    if (jl >= 2 && j[0] == '/' && (j[1] == '/' || j[1] == '*')) {
        const char *c = memchr(j, '<', jl < 8 ? jl : 8);
        if (c) {
            jl -= (size_t)(c - j);
            j = c;
        }
    }
    if (jl >= 9 && strncmp(j, "<![CDATA[", 9) == 0) {
        j += 9;
        jl -= 9;
        const char *end = NULL;
        for (size_t k = jl; k >= 3; k--)
            if (memcmp(j + k - 3, "]]>", 3) == 0) {
                end = j + k - 3;
                break;
            }
        if (end) {
            jl = (size_t)(end - j);
            // "//]]>": drop the comment opener before the end marker.
            while (jl && (j[jl - 1] == '/' || j[jl - 1] == '*' ||
                          isspace((unsigned char)j[jl - 1])))
                jl--;
        }
    }
    json_error_t je;
    json_t *root = json_loadb(j, jl, JSON_DECODE_ANY, &je);
    buf_release(&b);
    if (!root)
        return;
    // Breadth-first over top-level arrays and @graph (bounded queue).
    json_t *queue[64];
    size_t qn = 0, qi = 0;
    queue[qn++] = root;
    while (qi < qn) {
        json_t *v = queue[qi++];
        if (json_is_array(v)) {
            size_t i;
            json_t *x;
            json_array_foreach(v, i, x)
                if (qn < 64)
                    queue[qn++] = x;
        } else if (json_is_object(v)) {
            json_t *g = json_object_get(v, "@graph");
            if (g && qn < 64)
                queue[qn++] = g;
            if (is_article(v))
                read_ld_article(v, m);
        }
    }
    json_decref(root);
}

/* ---- title ------------------------------------------------------------ */

static size_t word_count(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = isspace((unsigned char)*s);
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static bool is_sep(const char *p)
{
    return p[0] == ' ' && (p[1] == '|' || p[1] == '-' || p[1] == '\\' ||
                          p[1] == '/' || p[1] == '>') && p[2] == ' ';
}

static bool is_sep_u(const char *p, size_t *len)
{
    // " » ", " – ", " — " (UTF-8).
    static const char *const seps[] = {" \xc2\xbb ", " \xe2\x80\x93 ",
                                       " \xe2\x80\x94 ", " \xc2\xb7 ", NULL};
    for (const char *const *s = seps; *s; s++)
        if (strncmp(p, *s, strlen(*s)) == 0) {
            *len = strlen(*s);
            return true;
        }
    if (is_sep(p)) {
        *len = 3;
        return true;
    }
    return false;
}

/* <title> without the site's name, as Readability cuts it: drop the part
 * after the last separator, or before the first when that leaves too few
 * words; keep the whole when the result is four words or fewer. */
static char *clean_title(const char *orig)
{
    const char *last = NULL, *first = NULL;
    size_t last_len = 0, first_len = 0, nsep = 0;
    for (const char *p = orig; *p; p++) {
        size_t l;
        if (is_sep_u(p, &l)) {
            if (!first) {
                first = p;
                first_len = l;
            }
            last = p;
            last_len = l;
            nsep++;
        }
    }
    // Readability's rule: only \ / > » are "hierarchical" separators,
    // which let a short remainder stand ("Home » News » Budget day").
    bool hier = false;
    for (const char *p = orig; *p; p++)
        if (p[0] == ' ' && (p[1] == '\\' || p[1] == '/' || p[1] == '>') && p[2] == ' ')
            hier = true;
    if (strstr(orig, " \xc2\xbb "))
        hier = true;
    char *cur;
    if (last) {
        cur = xstrndup(orig, (size_t)(last - orig));
        if (word_count(cur) < 3) {
            free(cur);
            cur = xstrdup(first + first_len);
        }
    } else {
        cur = xstrdup(orig);
    }
    (void)last_len;
    size_t wc = word_count(cur);
    if (wc <= 4 && (!hier || wc != word_count(orig) - nsep - 1)) {
        free(cur);
        cur = xstrdup(orig);
    }
    return cur;
}

/* Similarity of two strings by shared words (0..1, over the longer). */
double meta_similarity(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    char wa[64][48], wb[64][48];
    size_t na = 0, nb = 0;
    const char *srcs[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        const char *s = srcs[k];
        size_t *n = k ? &nb : &na;
        char (*w)[48] = k ? wb : wa;
        while (*s && *n < 64) {
            while (*s && !isalnum((unsigned char)*s) && !((unsigned char)*s & 0x80))
                s++;
            size_t l = 0;
            while (*s && (isalnum((unsigned char)*s) || ((unsigned char)*s & 0x80))) {
                if (l + 1 < 48)
                    w[*n][l++] = (char)tolower((unsigned char)*s);
                s++;
            }
            if (l) {
                w[*n][l] = '\0';
                (*n)++;
            }
        }
    }
    if (!na || !nb)
        return 0;
    size_t common = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (strcmp(wa[i], wb[j]) == 0) {
                common++;
                break;
            }
    return (double)common / (double)(na > nb ? na : nb);
}

/* ---- dates ------------------------------------------------------------ */

/* How many of s[n..] are digits, at most max. */
static size_t digits(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && isdigit((unsigned char)s[n]))
        n++;
    return n;
}

/* The length of the ISO 8601 date at the start of s: YYYY-MM-DD, then
 * maybe [T ]hh:mm[:ss[.fraction]] and a zone (Z, +hh:mm, +hhmm, +hh); 0
 * when s does not start with one.  What follows it is not part of it. */
static size_t iso_prefix(const char *s)
{
    if (digits(s, 4) != 4 || s[4] != '-' || digits(s + 5, 2) != 2 ||
        s[7] != '-' || digits(s + 8, 2) != 2)
        return 0;
    size_t n = 10;
    if ((s[n] != 'T' && s[n] != ' ') || digits(s + n + 1, 2) != 2 ||
        s[n + 3] != ':' || digits(s + n + 4, 2) != 2)
        return n;
    n += 6;
    if (s[n] == ':' && digits(s + n + 1, 2) == 2) {
        n += 3;
        if (s[n] == '.' && digits(s + n + 1, 9) > 0)
            n += 1 + digits(s + n + 1, 9);
    }
    if (s[n] == 'Z') {
        n++;
    } else if ((s[n] == '+' || s[n] == '-') && digits(s + n + 1, 2) == 2) {
        size_t z = n + 3;
        if (s[z] == ':' && digits(s + z + 1, 2) == 2)
            z += 3;
        else if (digits(s + z, 2) == 2)
            z += 2;
        n = z;
    }
    return n;
}

/* An ISO 8601 copy of a date, or NULL when it cannot be read. */
static char *iso_date(const char *s)
{
    if (!s)
        return NULL;
    while (isspace((unsigned char)*s))
        s++;
    size_t iso = iso_prefix(s);
    if (iso) {
        char *d = xstrndup(s, iso);
        if (iso > 10)
            d[10] = 'T';    // "2024-03-04 08:15" is written with a T
        return d;
    }
    static const char *const fmts[] = {
        "%a, %d %b %Y %H:%M:%S %z", "%d %b %Y %H:%M:%S %z",
        "%a, %d %b %Y %H:%M %z", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", NULL,
    };
    for (const char *const *f = fmts; *f; f++) {
        struct tm tm = {0};
        const char *end = strptime(s, *f, &tm);
        if (!end || *end)
            continue;
        char out[96];
        if (strstr(*f, "%H")) {
            long off = tm.tm_gmtoff;
            snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
                     labs(off) / 3600, labs(off) % 3600 / 60);
        } else {
            snprintf(out, sizeof out, "%04d-%02d-%02d", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday);
        }
        return xstrdup(out);
    }
    return NULL;
}

/* ---- language ------------------------------------------------------- */

char *meta_guess_lang(const char *text, size_t len)
{
    static void *tc;
    static bool tried;
    if (!tried) {
        tried = true;
        tc = special_textcat_Init(TEXTCAT_CONF, TEXTCAT_PREFIX);
    }
    if (!tc || len < 40)
        return NULL;
    if (len > 4096)
        len = 4096;
    const char *r = textcat_Classify(tc, text, len);
    // "[en--utf8][sco--utf8]...", or "SHORT"/"UNKNOWN".
    if (!r || r[0] != '[')
        return NULL;
    size_t n = strcspn(r + 1, "-]");
    if (n == 0 || n > 12)
        return NULL;
    return xstrndup(r + 1, n);
}

static char *locale_to_lang(const char *loc)
{
    if (!loc)
        return NULL;
    char *l = xstrdup(loc);
    for (char *p = l; *p; p++)
        if (*p == '_')
            *p = '-';
    return l;
}

/* ---- the page's own elements --------------------------------------- */

/* Is n furniture or hidden, for the metadata?  A paragraph named
 * furniture by its class ("post-meta", "postmetadata") is a line about
 * the story, not a list of other stories: its byline and date are the
 * story's. */
static bool junk_here(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->_private)
        return false;
    uint32_t f = ni(n)->flags;
    return (f & NF_HIDDEN) || ((f & NF_JUNK) && !dom_is(n, "p"));
}

static bool is_junk_or_hidden(const xmlNode *n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        if (junk_here(n))
            return true;
    return false;
}

/* The walks below step over furniture and hidden subtrees whole, so an
 * element they reach is in one only when the body is: each asks that once
 * instead of walking up from every candidate (the depth of the page once
 * per heading). */

/* The headline: the <h1> most like the title (any <h1> when there is one
 * only), else an <h2> that matches the title well. */
static xmlNode *find_headline(struct page *p, const char *title,
                              char **text_out)
{
    xmlNode *best = NULL;
    double best_sim = -1;
    size_t nh1 = 0;
    bool body_junk = is_junk_or_hidden(p->body);
    // Furniture ("post-banner", "hero-header", a role=banner header) may
    // hold the page's own <h1>: inside it an <h1> that matches the title
    // well is still the headline; nothing else there is.  Hidden parts
    // are not looked in.
    xmlNode *junk_end = NULL;
    bool in_junk = false;
    xmlNode *next;
    for (xmlNode *n = p->body; n; n = next) {
        if (in_junk && n == junk_end)
            in_junk = false;
        next = dom_next(n, p->body);
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (dom_is(n, "script") || dom_is(n, "style") ||
            (junk_here(n) && (ni(n)->flags & NF_HIDDEN))) {
            next = dom_next_skip(n, p->body);
            continue;
        }
        if (junk_here(n) && !in_junk) {
            in_junk = true;
            junk_end = dom_next_skip(n, p->body);
        }
        bool h1 = dom_is(n, "h1"), h2 = dom_is(n, "h2") || dom_is(n, "h3");
        if (!h1 && !h2)
            continue;
        if (in_junk && !h1)
            continue;
        // A heading's subtree is read once, as its text: headings nested
        // in it are part of it, not candidates of their own (walking each
        // again would cost the subtree once per enclosing heading).
        next = dom_next_skip(n, p->body);
        if (body_junk)
            continue;
        char *t = dom_text_norm(n, 1024);
        if (!*t) {
            free(t);
            continue;
        }
        double sim = meta_similarity(t, title);
        if (in_junk && sim < 0.75) {
            free(t);
            continue;
        }
        if (h1)
            nh1++;
        if (h2 && sim < 0.75) {
            free(t);
            continue;
        }
        if (h1 && !title)
            sim = 0.5;
        if (sim > best_sim) {
            best_sim = sim;
            best = n;
            free(*text_out);
            *text_out = t;
        } else {
            free(t);
        }
    }
    if (best && best_sim < 0.3 && !(nh1 == 1 && dom_is(best, "h1"))) {
        HR_FREE(text_out);
        return NULL;
    }
    return best;
}

static bool byline_hint(const xmlNode *n)
{
    char attr[128];
    if (dom_attr(n, "rel", attr, sizeof attr) && strcasecmp(attr, "author") == 0)
        return true;
    if (dom_attr(n, "itemprop", attr, sizeof attr) && strstr(attr, "author"))
        return true;
    return n->_private && (ni(n)->hints & HINT_BYLINE) && !body_place_dateline(n);
}

/* name, or NULL when it is a content system's stand-in for no name
 * ("No Author", "Unknown", "admin"): a listener would hear it as one. */
static const char *real_name(const char *name)
{
    static const char *const stand_ins[] = {
        "no author", "unknown", "unknown author", "author", "none", "null",
        "undefined", "n/a", "not available", "admin", "administrator",
        "by", NULL,
    };
    if (!name)
        return NULL;
    while (*name == ' ')
        name++;
    for (const char *const *w = stand_ins; *w; w++)
        if (strcasecmp(name, *w) == 0)
            return NULL;
    return *name ? name : NULL;
}

/* Cut a date off the end of a byline, in place: "By Jane Roe May 20,
 * 2019" and "Jane Roe | March 9, 2017" name Jane Roe; the date is the
 * article's published time, read apart. */
static void cut_date_tail(char *s)
{
    size_t len = strlen(s);
    for (size_t k = 1; k < len; k++) {
        if (s[k - 1] != ' ' || s[k] == ' ')
            continue;
        if (!phrase_dateline(s + k, len - k))
            continue;
        size_t e = k;
        while (e > 0 && strchr(" ,|-\xc2\xb7\xe2\x80\x93\x94", s[e - 1]))
            e--;
        if (e > 0) {
            s[e] = '\0';
            return;
        }
    }
}

/* A byline that gives the date first, "Thursday, November 4, 2021 by
 * Jane Roe", names whoever follows the "by": the text becomes that name,
 * in place.  The date is the article's published time, read apart. */
static void cut_date_head(char *s)
{
    size_t len = strlen(s);
    for (size_t k = 1; k + 4 < len; k++) {
        if (s[k - 1] != ' ' || strncasecmp(s + k, "by ", 3) != 0)
            continue;
        size_t e = k;
        while (e > 0 && strchr(" ,|-", s[e - 1]))
            e--;
        if (e == 0 || !phrase_dateline(s, e))
            continue;
        memmove(s, s + k + 3, len - (k + 3) + 1);
        return;
    }
}

/* An author's link as a blog writes it, "View all posts by Jane Roe"
 * ("Zeige alle Beiträge von …", "Voir tous les articles de …"), names
 * Jane Roe: the text becomes the name, in place. */
static void cut_posts_by(char *s)
{
    static const char *const heads[] = {
        "view all posts by ", "see all posts by ", "all posts by ",
        "more posts by ", "zeige alle beiträge von ", "alle beiträge von ",
        "voir tous les articles de ", "voir tous les articles par ",
        "ver todas las entradas de ", "ver todos los artículos de ",
        "ver todos os posts de ", "ver todas as publicações de ",
        "visualizza tutti gli articoli di ", "tutti gli articoli di ",
        "bekijk alle berichten van ", "alle berichten van ",
        "zobacz wszystkie wpisy ", "Все записи автора ", NULL,
    };
    for (const char *const *h = heads; *h; h++) {
        size_t m = strlen(*h), len = strlen(s);
        if (len > m && strncasecmp(s, *h, m) == 0) {
            memmove(s, s + m, len - m + 1);
            return;
        }
    }
}

/* Is n inside a paragraph named furniture (a few levels up)? */
static bool in_junk_paragraph(const xmlNode *n)
{
    for (int k = 0; n && n->type == XML_ELEMENT_NODE && k < 4; k++, n = n->parent)
        if (dom_is(n, "p") && n->_private && (ni(n)->flags & NF_JUNK))
            return true;
    return false;
}

/* Does the text read as a sentence about someone rather than a name and
 * title: twelve words or more, ending a sentence? */
static bool biography(const char *s)
{
    size_t len = strlen(s), words = 1;
    if (!body_ends_sentence(s, len))
        return false;
    for (size_t k = 0; k < len; k++)
        words += s[k] == ' ';
    return words >= 12;
}

/* The byline element near the story: short text with author vocabulary. */
static xmlNode *find_byline(struct page *p, char **text_out)
{
    for (xmlNode *n = p->body; n; n = dom_next(n, p->body)) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        // Furniture is skipped whole (the bylines of a list of other
        // stories are not this story's), but for the byline element
        // itself: "byline" is one of the furniture words.
        if (junk_here(n) && ((ni(n)->flags & NF_HIDDEN) || !byline_hint(n))) {
            n = dom_next_skip(n, p->body);
            if (!n)
                break;
            continue;
        }
        if (!byline_hint(n) || dom_is(n, "body") || dom_is(n, "html") ||
            dom_is(n, "meta") || dom_is(n, "link"))
            continue;
        uint32_t t = n->_private ? ni(n)->text : 0;
        // Inside a paragraph named furniture the counts are not kept:
        // count it here.
        if (t == 0 && in_junk_paragraph(n)) {
            char *s = dom_text_norm(n, 400);
            t = dom_count_chars(s, strlen(s));
            free(s);
        }
        if (t == 0 || t > 100)
            continue;
        // A header with author vocabulary that holds the headline is not
        // the byline; the byline may be inside it.
        if (p->headline && dom_contains(n, p->headline))
            continue;
        // A "dateline" that holds only the date ("March 3, 2020") names
        // no one.
        char *s = dom_text_norm(n, 400);
        // An author's box with a sentence about the author ("Tine Tine
        // schreibt auch über Radwege …") is no byline; a name inside it
        // may be.
        if (n->_private && (ni(n)->hints & HINT_AUTHOR_BOX) && biography(s)) {
            free(s);
            continue;
        }
        if (*s && !(phrase_dateline(s, strlen(s)) && !strstr(s, "by ") &&
                    !strstr(s, "By "))) {
            cut_posts_by(s);
            cut_date_head(s);
            cut_date_tail(s);
            *text_out = s;
            return n;
        }
        free(s);
    }
    return NULL;
}

static xmlNode *find_time(struct page *p)
{
    bool body_junk = is_junk_or_hidden(p->body);
    xmlNode *next;
    for (xmlNode *n = p->body; n; n = next) {
        char v[64];
        if (junk_here(n)) {
            next = dom_next_skip(n, p->body);
            continue;
        }
        next = dom_next(n, p->body);
        if (n->type == XML_ELEMENT_NODE &&
            (dom_is(n, "time") || dom_attr(n, "itemprop", v, sizeof v)) &&
            !body_junk) {
            if (dom_is(n, "time") && dom_attr(n, "datetime", v, sizeof v))
                return n;
            if (dom_attr(n, "itemprop", v, sizeof v) &&
                strcmp(v, "datePublished") == 0)
                return n;
        }
    }
    return NULL;
}

/* Cut " | AUTHOR" (or " - ", " – ", " — ") off the end of title, in place,
 * when AUTHOR is the byline and something is left. */
static void cut_author(char *title, const char *byline)
{
    static const char *const seps[] = {
        " | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xb7 ", NULL,
    };
    size_t tl = strlen(title), bl = strlen(byline);
    if (bl == 0 || tl <= bl)
        return;
    if (strcasecmp(title + tl - bl, byline) != 0)
        return;
    for (const char *const *sp = seps; *sp; sp++) {
        size_t sl = strlen(*sp);
        if (tl >= bl + sl + 1 && strncmp(title + tl - bl - sl, *sp, sl) == 0) {
            title[tl - bl - sl] = '\0';
            return;
        }
    }
}

/* ---- all of it --------------------------------------------------------- */

void meta_extract(struct page *p, const struct extract_opts *o,
                  struct article *a)
{
    struct meta m = {0};
    char *title_tag = NULL, *canonical = NULL;
    xmlNode *html = p->root;

    // <meta>, <title>, JSON-LD: anywhere in the page, <head> or not.
    for (xmlNode *n = html; n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = dom_next(n, html);
            continue;
        }
        if (dom_is(n, "meta")) {
            read_meta_tag(n, &m);
        } else if (dom_is(n, "link") && !dom_contains(p->body, n)) {
            read_link_tag(n, &canonical);
        } else if (dom_is(n, "title") && !title_tag &&
                   !dom_contains(p->body, n)) {
            char *raw = dom_text_norm(n, EXTRACT_MAX_META);
            struct buf d = BUF_INIT;
            dom_decode_refs(raw, strlen(raw), &d);   // "Mugabe&#039;s"
            free(raw);
            size_t len;
            title_tag = buf_detach(&d, &len);
        } else if (dom_is(n, "script")) {
            // Not into the script's text; the next node may be a script
            // too (JSON-LD right after another <script>).
            char type[64];
            if (dom_attr(n, "type", type, sizeof type) &&
                strcasecmp(type, "application/ld+json") == 0)
                read_jsonld(n, &m);
            n = dom_next_skip(n, html);
            continue;
        }
        n = dom_next(n, html);
    }
    if (title_tag && !*title_tag)
        HR_FREE(&title_tag);

    // JSON-LD names the article twice at times ("name", "headline"): take
    // the one closer to the page's <title>.
    if (m.ld_name && m.ld_headline && strcmp(m.ld_name, m.ld_headline) != 0)
        keep(&m.ld_title, meta_similarity(m.ld_name, title_tag) >
                          meta_similarity(m.ld_headline, title_tag)
                          ? m.ld_name : m.ld_headline);
    else
        keep(&m.ld_title, m.ld_headline ? m.ld_headline : m.ld_name);

    // Title.
    const char *t = m.ld_title ? m.ld_title : m.v[MK_DC_TITLE] ? m.v[MK_DC_TITLE]
                  : m.v[MK_OG_TITLE] ? m.v[MK_OG_TITLE] : m.v[MK_TITLE]
                  ? m.v[MK_TITLE] : m.v[MK_TW_TITLE] ? m.v[MK_TW_TITLE]
                  : m.v[MK_PARSELY_TITLE];
    char *cleaned = NULL;
    if (!t && title_tag)
        t = cleaned = clean_title(title_tag);
    char *h_text = NULL;
    p->headline = find_headline(p, t ? t : title_tag, &h_text);
    if (!t && h_text)
        t = h_text;
    article_set(&a->title, t);
    free(cleaned);

    // Byline.
    char *b_text = NULL;
    xmlNode *bnode = find_byline(p, &b_text);
    if (bnode)
        ni(bnode)->flags |= NF_BYLINE;
    const char *art_author = m.v[MK_ARTICLE_AUTHOR];
    if (art_author && strstr(art_author, "://"))
        art_author = NULL;
    const char *ld_author = real_name(m.ld_author);
    const char *dc_creator = real_name(m.v[MK_DC_CREATOR]);
    const char *author = real_name(m.v[MK_AUTHOR]);
    const char *parsely = real_name(m.v[MK_PARSELY_AUTHOR]);
    art_author = real_name(art_author);
    const char *by = ld_author ? ld_author : dc_creator ? dc_creator
                   : author ? author : parsely ? parsely
                   : art_author ? art_author : real_name(b_text);
    article_set(&a->byline, by);
    free(b_text);

    // A title that ends with its author's name ("Whale strandings |
    // Jane Roe") loses it: the byline says it.
    if (a->title && a->byline)
        cut_author(a->title, a->byline);

    // Excerpt, site.
    article_set(&a->excerpt, m.ld_desc ? m.ld_desc : m.v[MK_DC_DESC]
                ? m.v[MK_DC_DESC] : m.v[MK_OG_DESC] ? m.v[MK_OG_DESC]
                : m.v[MK_DESC] ? m.v[MK_DESC] : m.v[MK_TW_DESC]);
    article_set(&a->site, m.ld_site ? m.ld_site : m.v[MK_SITE]);

    // Published.
    const char *d = m.ld_date ? m.ld_date : m.v[MK_PUBLISHED]
                  ? m.v[MK_PUBLISHED] : m.v[MK_PARSELY_DATE];
    char *iso = iso_date(d);
    if (!iso) {
        xmlNode *tn = find_time(p);
        char v[128];
        if (tn && dom_attr(tn, dom_is(tn, "time") ? "datetime" : "content",
                           v, sizeof v))
            iso = iso_date(v);
        if (!iso && m.v[MK_DATE])
            iso = iso_date(m.v[MK_DATE]);
    }
    article_set(&a->published, iso);
    free(iso);

    // Language: what the page declares.
    char lang[64];
    char *l = NULL;
    if ((dom_attr(html, "lang", lang, sizeof lang) ||
         dom_attr(html, "xml:lang", lang, sizeof lang)) && lang[0])
        l = xstrdup(lang);
    else if (o && o->content_lang && *o->content_lang)
        l = xstrndup(o->content_lang, strcspn(o->content_lang, ", ;"));
    else if (m.v[MK_CLANG])
        l = xstrndup(m.v[MK_CLANG], strcspn(m.v[MK_CLANG], ", ;"));
    else if (m.v[MK_LOCALE])
        l = locale_to_lang(m.v[MK_LOCALE]);
    else if (m.ld_lang)
        l = xstrdup(m.ld_lang);
    article_set(&a->lang, l);
    free(l);

    // The page's own URL, which names the article wherever it was read
    // from: <link rel=canonical>, else og:url.
    article_set(&a->url, canonical ? canonical
                         : web_url(m.v[MK_OG_URL]) ? m.v[MK_OG_URL] : NULL);
    free(canonical);

    free(h_text);
    free(title_tag);
    for (int i = 0; i < MK_COUNT; i++)
        free(m.v[i]);
    free(m.ld_title);
    free(m.ld_name);
    free(m.ld_headline);
    free(m.ld_author);
    free(m.ld_desc);
    p->ld_body = m.ld_body;     // the page's now: the second opinion reads it
    free(m.ld_site);
    free(m.ld_date);
    free(m.ld_lang);
}
