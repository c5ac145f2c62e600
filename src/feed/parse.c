/*
 * parse.c — RSS 0.9x, RSS 1.0 (RDF), RSS 2.0, Atom 0.3 and Atom 1.0 into
 * the feed model, with libxml2.
 *
 * DESIGN: documents are streamed with xmlTextReader: each <item>/<entry>
 * and each direct child of the channel is expanded into a small subtree,
 * turned into model fields, and freed as the reader moves on, so memory
 * follows what is kept, not the size of the document.  Only when the
 * stream breaks (the document is not well-formed) is it parsed again in
 * one piece with XML_PARSE_RECOVER, and when even that yields no feed,
 * with libxml2's HTML parser — the way a forgiving reader copes with
 * broken feeds.  The same element handlers serve all three.
 *
 * Safety: never XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE;
 * XML_PARSE_NONET always; and an external entity loader that refuses
 * everything, so no file and no socket is ever opened for a document.
 * Entity references that stay in the tree are expanded by our own walker
 * with a depth and output budget (billion laughs costs nothing).  HTML
 * named entities that feeds use without declaring (&eacute;) are turned
 * into character references before parsing, outside CDATA and comments.
 *
 * Elements are matched by local name within the namespaces that mean
 * "the feed format" (none, RSS 0.90/1.0/2.0, Atom 0.3/1.0) or a known
 * module (Dublin Core, content, media, XHTML, iTunes); an unknown module's
 * <description> is not the item's description.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "base/alloc.h"
#include "feed/feed.h"
#include "feed/feed_internal.h"

enum ns {
    NS_CORE,        /* no namespace, RSS or Atom */
    NS_DC,
    NS_DCTERMS,
    NS_CONTENT,
    NS_MEDIA,
    NS_XHTML,
    NS_RDF,
    NS_ITUNES,
    NS_OTHER,
};

static const struct { const char *uri; enum ns ns; } namespaces[] = {
    {"http://www.w3.org/2005/Atom", NS_CORE},
    {"http://purl.org/atom/ns#", NS_CORE},
    {"http://purl.org/echo/", NS_CORE},
    {"http://purl.org/pie/", NS_CORE},
    {"http://example.com/newformat#", NS_CORE},
    {"http://example.com/necho", NS_CORE},
    {"http://purl.org/rss/1.0/", NS_CORE},
    {"http://my.netscape.com/rdf/simple/0.9/", NS_CORE},
    {"http://backend.userland.com/rss2", NS_CORE},
    {"http://backend.userland.com/rss", NS_CORE},
    {"http://blogs.law.harvard.edu/tech/rss", NS_CORE},
    {"http://purl.org/net/rss1.1#", NS_CORE},
    {"http://purl.org/dc/elements/1.1/", NS_DC},
    {"http://purl.org/dc/elements/1.0/", NS_DC},
    {"http://purl.org/dc/terms/", NS_DCTERMS},
    {"http://purl.org/rss/1.0/modules/content/", NS_CONTENT},
    {"http://search.yahoo.com/mrss/", NS_MEDIA},
    {"http://search.yahoo.com/mrss", NS_MEDIA},
    {"http://www.w3.org/1999/xhtml", NS_XHTML},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES},
};

enum format { FMT_UNKNOWN, FMT_RSS, FMT_RDF, FMT_ATOM };

struct pctx {
    struct feed *feed;
    enum format format;
    xmlNode *root;
    bool html_doc;          /* parsed by the HTML parser: no namespaces */
    bool channel_lang_set;  /* language element seen */
    bool feed_updated_set;
    int64_t feed_published; /* fallback for updated */
    int link_rank;          /* how good the feed's link is so far */
    int desc_rank;
};

/* ---- names and attributes ---------------------------------------------- */

static enum ns ns_of(const xmlNode *n)
{
    if (!n->ns || !n->ns->href)
        return NS_CORE;
    const char *uri = (const char *)n->ns->href;
    for (size_t i = 0; i < sizeof namespaces / sizeof *namespaces; i++) {
        if (strcasecmp(uri, namespaces[i].uri) == 0)
            return namespaces[i].ns;
    }
    return NS_OTHER;
}

/* Local name, lowercased comparison: is n <ns:name>? */
static bool is(const xmlNode *n, enum ns ns, const char *name)
{
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return false;
    const char *local = (const char *)n->name;
    // The HTML parser keeps prefixes in names ("dc:creator").
    const char *colon = strchr(local, ':');
    if (colon) {
        if (ns == NS_CORE)
            return false;
        static const char *const prefixes[] = {
            [NS_DC] = "dc", [NS_DCTERMS] = "dcterms", [NS_CONTENT] = "content",
            [NS_MEDIA] = "media", [NS_XHTML] = "xhtml", [NS_RDF] = "rdf",
            [NS_ITUNES] = "itunes",
        };
        if (ns >= sizeof prefixes / sizeof *prefixes || !prefixes[ns] ||
            strncasecmp(local, prefixes[ns], (size_t)(colon - local)) != 0)
            return false;
        return strcasecmp(colon + 1, name) == 0;
    }
    return ns_of(n) == ns && strcasecmp(local, name) == 0;
}

/* An attribute without namespace (or, for the HTML parser, any), as a new
 * string, or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v) {
        for (xmlAttr *a = n->properties; a; a = a->next) {
            if (a->name && strcasecmp((const char *)a->name, name) == 0) {
                v = xmlNodeListGetString(n->doc, a->children, 1);
                break;
            }
        }
    }
    if (!v)
        return NULL;
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

static char *attr_ns(const xmlNode *n, const char *name, const char *uri)
{
    xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)uri);
    if (!v)
        return NULL;
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

/* ---- text --------------------------------------------------------------- */

/* Budget for one field: entity expansion and nesting cannot blow it up. */
struct budget {
    size_t nodes;           /* nodes visited, at most BUDGET_NODES */
};
#define BUDGET_NODES 200000
#define ENTITY_DEPTH 4
/* Bytes that expanding the document's own entities may add in all, over
 * every field: one flat entity of 100 KB named in each of 3,000 items
 * would otherwise make 300 MB of text from a 300 KB feed.  Per thread and
 * per document (reset() starts it again): the parse of one document runs
 * on one thread, and passing it down would touch every field reader. */
#define ENTITY_TOTAL_MAX ((size_t)4 << 20)
static _Thread_local size_t entity_spent;

static void collect(const xmlNode *n, struct buf *b, struct budget *bg,
                    int edepth);

static void collect_node(const xmlNode *k, struct buf *b, struct budget *bg,
                         int edepth)
{
    if (++bg->nodes > BUDGET_NODES)
        return;
    switch (k->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (k->content)
            buf_puts(b, (const char *)k->content, NULL);
        break;
    case XML_ENTITY_REF_NODE: {
        // An entity the document declared itself: expand it, boundedly.
        xmlEntity *e = (xmlEntity *)k->children;
        if (!e && k->doc)
            e = xmlGetDocEntity(k->doc, k->name);
        if (e && e->type == XML_ENTITY_DECL &&
            e->etype == XML_INTERNAL_GENERAL_ENTITY && edepth < ENTITY_DEPTH &&
            entity_spent < ENTITY_TOTAL_MAX) {
            size_t before = b->len;
            if (e->children)
                collect((const xmlNode *)e, b, bg, edepth + 1);
            else if (e->content)
                html_strip_into((const char *)e->content,
                                strlen((const char *)e->content), b);
            if (edepth == 0)
                entity_spent += b->len - before;
        }
        break;
    }
    case XML_ELEMENT_NODE:
        collect(k, b, bg, edepth);
        break;
    default:
        break;
    }
}

static void collect(const xmlNode *n, struct buf *b, struct budget *bg,
                    int edepth)
{
    for (const xmlNode *k = n->children; k && b->len < FEED_MAX_FIELD; k = k->next)
        collect_node(k, b, bg, edepth);
}

/* Inline XHTML (or naked markup): the text of the tree, read as HTML. */
static void xhtml_walk(const xmlNode *n, struct buf *b, struct budget *bg)
{
    for (const xmlNode *k = n->children; k && b->len < FEED_MAX_FIELD; k = k->next) {
        if (++bg->nodes > BUDGET_NODES)
            return;
        if (k->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)k->name;
            const char *colon = strchr(name, ':');
            if (colon)
                name = colon + 1;
            size_t len = strlen(name);
            if (html_is_dropped(name, len))
                continue;
            bool block = html_is_block(name, len);
            if (block)
                buf_putc(b, ' ', NULL);
            xhtml_walk(k, b, bg);
            if (block)
                buf_putc(b, ' ', NULL);
        } else {
            collect_node(k, b, bg, 0);
        }
    }
}

static bool has_element_child(const xmlNode *n)
{
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE)
            return true;
    }
    return false;
}

static int b64_val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

static void b64_decode(const char *s, size_t len, struct buf *out)
{
    unsigned long acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b64_val((unsigned char)s[i]);
        if (v < 0)
            continue;
        acc = (acc << 6) | (unsigned long)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf_putc(out, (char)((acc >> bits) & 0xff), NULL);
        }
    }
}

/* Does plain text look like HTML (a closing tag, a known tag, or an
 * entity reference)?  RSS puts escaped HTML everywhere. */
static bool looks_like_html(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (p[0] == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/' ||
                            p[1] == '!'))
            return true;
        if (p[0] == '&' && (isalpha((unsigned char)p[1]) || p[1] == '#')) {
            const char *q = p + 1;
            while (isalnum((unsigned char)*q) || *q == '#')
                q++;
            if (*q == ';')
                return true;
        }
    }
    return false;
}

/*
 * The plain text of a text construct.  html_default says what an untyped
 * element holds: RSS elements hold (escaped) HTML, Atom ones text.
 */
static char *text_of(struct pctx *c, const xmlNode *n, bool html_default)
{
    (void)c;
    char *type = attr(n, "type");
    char *mode = attr(n, "mode");
    bool html = html_default, xhtml = false;
    if (type) {
        for (char *t = type; *t; t++)
            *t = (char)tolower((unsigned char)*t);
        if (strcmp(type, "html") == 0 || strcmp(type, "text/html") == 0)
            html = true;
        else if (strcmp(type, "xhtml") == 0 ||
                 strcmp(type, "application/xhtml+xml") == 0)
            html = true, xhtml = true;
        else
            html = false;
    }
    struct buf raw, out;
    buf_init(&raw, FEED_MAX_FIELD * 2);
    buf_init(&out, FEED_MAX_FIELD * 4);
    struct budget bg = {0};
    if (mode && strcasecmp(mode, "base64") == 0) {
        collect(n, &raw, &bg, 0);
        b64_decode(raw.data, raw.len, &out);
        if (html) {
            buf_reset(&raw);
            html_strip_into(out.data, out.len, &raw);
            buf_reset(&out);
            buf_append(&out, raw.data, raw.len, NULL);
        }
    } else if (has_element_child(n)) {
        xhtml_walk(n, &out, &bg);
    } else {
        collect(n, &raw, &bg, 0);
        if (html || xhtml || (!type && looks_like_html(raw.data) &&
                              c->format != FMT_ATOM))
            html_strip_into(raw.data, raw.len, &out);
        else
            buf_append(&out, raw.data, raw.len, NULL);
    }
    char *t = text_finish(out.data, out.len);
    buf_release(&raw);
    buf_release(&out);
    free(type);
    free(mode);
    return t;
}

/* Text content, trimmed and collapsed, no markup handling (ids, dates,
 * URLs). */
static char *plain_of(const xmlNode *n)
{
    struct buf raw;
    buf_init(&raw, FEED_MAX_FIELD);
    struct budget bg = {0};
    collect(n, &raw, &bg, 0);
    char *t = text_finish(raw.data, raw.len);
    buf_release(&raw);
    return t;
}

/* Absolute URL for ref found on or in element n. */
static char *url_at(const xmlNode *n, const char *ref)
{
    if (!ref)
        return NULL;
    xmlChar *base = xmlNodeGetBase(n->doc, n);
    char *u = feed_url_resolve((const char *)base, ref);
    if (base)
        xmlFree(base);
    if (u && !*u) {
        free(u);
        return NULL;
    }
    return u;
}

static void set_once(char **field, char *value)
{
    if (!*field && value)
        *field = value;
    else
        free(value);
}

static void set_always(char **field, char *value)
{
    if (value) {
        free(*field);
        *field = value;
    }
}

static int64_t date_of(const xmlNode *n)
{
    char *s = plain_of(n);
    int64_t t = feed_parse_date(s);
    free(s);
    return t;
}

static char *lang_fix(char *lang)
{
    if (!lang)
        return NULL;
    for (char *p = lang; *p; p++) {
        if (*p == '_')
            *p = '-';
    }
    char *t = text_finish(lang, strlen(lang));
    free(lang);
    return t;
}

/* ---- Atom pieces ---------------------------------------------------------- */

static char *atom_person(struct pctx *c, const xmlNode *n)
{
    char *name = NULL, *email = NULL;
    if (!has_element_child(n))
        return text_of(c, n, false);
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (is(k, NS_CORE, "name"))
            set_once(&name, plain_of(k));
        else if (is(k, NS_CORE, "email"))
            set_once(&email, plain_of(k));
    }
    if (name && email) {
        char *both = xasprintf("%s (%s)", name, email);
        free(name);
        free(email);
        return both;
    }
    return name ? name : email;
}

/* An Atom-style <link href rel type length>.  Returns 1 when it was one
 * (had an href). */
static int atom_link(const xmlNode *n, char **link, int *rank,
                     struct feed_item *it)
{
    char *href = attr(n, "href");
    if (!href)
        return 0;
    char *rel = attr(n, "rel");
    char *type = attr(n, "type");
    char *url = url_at(n, href);
    if (!rel || strcasecmp(rel, "alternate") == 0) {
        // Prefer an HTML alternate over other alternates.
        int r = 2 + (!type || strstr(type, "html") != NULL);
        if (url && r > *rank) {
            free(*link);
            *link = url;
            url = NULL;
            *rank = r;
        }
    } else if (strcasecmp(rel, "enclosure") == 0 && it) {
        char *len = attr(n, "length");
        feed_item_add_enclosure(it, url, type,
                                len && *len ? strtoll(len, NULL, 10) : -1);
        free(len);
    }
    free(url);
    free(rel);
    free(type);
    free(href);
    return 1;
}

/* ---- items ---------------------------------------------------------------- */

static void media_enclosure(const xmlNode *k, struct feed_item *it)
{
    char *u = attr(k, "url");
    if (u) {
        char *url = url_at(k, u);
        char *type = attr(k, "type");
        char *size = attr(k, "fileSize");
        feed_item_add_enclosure(it, url, type,
                                size && *size ? strtoll(size, NULL, 10) : -1);
        free(url);
        free(type);
        free(size);
        free(u);
    }
}

static void parse_item(struct pctx *c, const xmlNode *n)
{
    struct feed_item *it = feed_add_item(c->feed);
    if (!it)
        return;
    bool atom = c->format == FMT_ATOM;
    char *guid = NULL, *alt_title = NULL, *alt_summary = NULL;
    char *content = NULL, *alt_author = NULL, *media_desc = NULL;
    bool guid_permalink = false;
    int link_rank = 0;
    const xmlNode *media[FEED_MAX_ENCLOSURES];
    size_t n_media = 0;

    char *about = attr_ns(n, "about", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    if (!about && c->html_doc)
        about = attr(n, "rdf:about");
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (is(k, NS_CORE, "title")) {
            set_once(&it->title, text_of(c, k, !atom));
        } else if (is(k, NS_CORE, "link")) {
            if (!atom_link(k, &it->link, &link_rank, it)) {
                char *rel = attr(k, "rel");
                if (!rel || strcasecmp(rel, "alternate") == 0) {
                    char *t = plain_of(k);
                    // The HTML parser makes <link> empty: its URL follows.
                    if (!t && c->html_doc && k->next &&
                        k->next->type == XML_TEXT_NODE && k->next->content)
                        t = text_finish((const char *)k->next->content,
                                        strlen((const char *)k->next->content));
                    char *u = url_at(k, t);
                    free(t);
                    if (u && link_rank < 4) {
                        free(it->link);
                        it->link = u;
                        link_rank = 4;
                    } else {
                        free(u);
                    }
                }
                free(rel);
            }
        } else if (is(k, NS_CORE, "guid")) {
            set_once(&guid, plain_of(k));
            char *pl = attr(k, "isPermaLink");
            guid_permalink = !pl || strcasecmp(pl, "false") != 0;
            free(pl);
        } else if (is(k, NS_CORE, "id")) {
            set_once(&it->id, plain_of(k));
        } else if (is(k, NS_CORE, "description") || is(k, NS_CORE, "summary")) {
            set_once(&it->summary, text_of(c, k, !atom));
        } else if (is(k, NS_DC, "description") || is(k, NS_ITUNES, "summary") ||
                   is(k, NS_DCTERMS, "abstract")) {
            set_once(&alt_summary, text_of(c, k, true));
        } else if (is(k, NS_CONTENT, "encoded") || is(k, NS_CORE, "fullitem") ||
                   is(k, NS_XHTML, "body") || is(k, NS_CORE, "body")) {
            set_once(&content, text_of(c, k, true));
        } else if (is(k, NS_CORE, "content")) {
            set_once(&content, text_of(c, k, !atom));
        } else if (is(k, NS_CORE, "author")) {
            set_once(&it->author, atom || has_element_child(k)
                                      ? atom_person(c, k) : plain_of(k));
        } else if (is(k, NS_DC, "creator") || is(k, NS_DC, "author") ||
                   is(k, NS_ITUNES, "author") || is(k, NS_CORE, "creator")) {
            set_once(&alt_author, plain_of(k));
        } else if (is(k, NS_CORE, "pubDate") || is(k, NS_CORE, "issued") ||
                   is(k, NS_CORE, "published") || is(k, NS_DCTERMS, "issued") ||
                   is(k, NS_CORE, "created") || is(k, NS_DCTERMS, "created")) {
            int64_t t = date_of(k);
            if (t != FEED_NO_TIME)
                it->published = t;
        } else if (is(k, NS_CORE, "updated") || is(k, NS_CORE, "modified") ||
                   is(k, NS_DC, "date") || is(k, NS_DCTERMS, "modified") ||
                   is(k, NS_CORE, "lastBuildDate")) {
            int64_t t = date_of(k);
            if (t != FEED_NO_TIME)
                it->updated = t;
        } else if (is(k, NS_CORE, "enclosure")) {
            char *u = attr(k, "url");
            char *url = url_at(k, u);
            char *type = attr(k, "type");
            char *len = attr(k, "length");
            feed_item_add_enclosure(it, url, type,
                                    len && *len ? strtoll(len, NULL, 10) : -1);
            free(u);
            free(url);
            free(type);
            free(len);
        } else if (is(k, NS_MEDIA, "title") || is(k, NS_DC, "title")) {
            set_once(&alt_title, text_of(c, k, false));
        } else if (is(k, NS_MEDIA, "description")) {
            set_once(&media_desc, text_of(c, k, false));
        } else if (is(k, NS_MEDIA, "content") && n_media < FEED_MAX_ENCLOSURES) {
            media[n_media++] = k;
        } else if (is(k, NS_MEDIA, "group")) {
            for (const xmlNode *g = k->children; g; g = g->next) {
                if (is(g, NS_MEDIA, "content") && n_media < FEED_MAX_ENCLOSURES)
                    media[n_media++] = g;
                else if (is(g, NS_MEDIA, "description"))
                    set_once(&media_desc, text_of(c, g, false));
                else if (is(g, NS_MEDIA, "title"))
                    set_once(&alt_title, text_of(c, g, false));
            }
        }
    }
    // media:content after the format's own enclosures.
    for (size_t i = 0; i < n_media; i++) {
        media_enclosure(media[i], it);
        for (const xmlNode *g = media[i]->children; g; g = g->next) {
            if (is(g, NS_MEDIA, "description"))
                set_once(&media_desc, text_of(c, g, false));
            else if (is(g, NS_MEDIA, "title"))
                set_once(&alt_title, text_of(c, g, false));
        }
    }
    // The guid may be the link; read it before set_once takes or frees it.
    if (!it->link && guid && guid_permalink && feed_url_scheme_ok(guid))
        it->link = url_at(n, guid);
    // So may an Atom id, when there is no guid: an http(s) id is most
    // often the entry's address.
    if (!it->link && !guid && it->id && feed_url_scheme_ok(it->id))
        it->link = url_at(n, it->id);
    set_once(&it->id, guid);
    set_once(&it->id, about);
    set_once(&it->title, alt_title);
    set_once(&it->author, alt_author);
    set_once(&it->summary, alt_summary);
    if (content) {
        if (!it->summary)
            it->summary = xstrdup(content);
        it->content = content;
    }
    set_once(&it->summary, media_desc);
    // As for the feed: an item that gives no update time was last updated
    // when it was published (an RSS item has only its pubDate).
    if (it->updated == FEED_NO_TIME)
        it->updated = it->published;
}

/* ---- the channel ----------------------------------------------------------- */

static void parse_channel_field(struct pctx *c, const xmlNode *k)
{
    struct feed *f = c->feed;
    bool atom = c->format == FMT_ATOM;
    if (is(k, NS_CORE, "title")) {
        set_once(&f->title, text_of(c, k, !atom));
    } else if (is(k, NS_DC, "title") || is(k, NS_MEDIA, "title")) {
        if (!f->title)
            f->title = text_of(c, k, true);
    } else if (is(k, NS_CORE, "link")) {
        if (!atom_link(k, &f->link, &c->link_rank, NULL)) {
            char *t = plain_of(k);
            char *u = url_at(k, t);
            free(t);
            if (u && c->link_rank < 4) {
                free(f->link);
                f->link = u;
                c->link_rank = 4;
            } else {
                free(u);
            }
        }
    } else if (is(k, NS_CORE, "description") || is(k, NS_CORE, "subtitle") ||
               is(k, NS_CORE, "tagline")) {
        if (c->desc_rank < 2) {
            set_always(&f->description, text_of(c, k, !atom));
            c->desc_rank = 2;
        }
    } else if (is(k, NS_DC, "description") || is(k, NS_ITUNES, "subtitle") ||
               is(k, NS_ITUNES, "summary") || is(k, NS_MEDIA, "description")) {
        if (c->desc_rank < 1) {
            set_always(&f->description, text_of(c, k, true));
            c->desc_rank = 1;
        }
    } else if (is(k, NS_CORE, "language") || is(k, NS_DC, "language")) {
        if (!c->channel_lang_set) {
            char *l = lang_fix(plain_of(k));
            if (l) {
                set_always(&f->lang, l);
                c->channel_lang_set = true;
            }
        }
    } else if (is(k, NS_CORE, "updated") || is(k, NS_CORE, "modified") ||
               is(k, NS_DC, "date") || is(k, NS_DCTERMS, "modified") ||
               is(k, NS_CORE, "lastBuildDate")) {
        int64_t t = date_of(k);
        if (t != FEED_NO_TIME) {
            f->updated = t;
            c->feed_updated_set = true;
        }
    } else if (is(k, NS_CORE, "pubDate") || is(k, NS_CORE, "published") ||
               is(k, NS_CORE, "issued") || is(k, NS_DCTERMS, "issued")) {
        int64_t t = date_of(k);
        if (t != FEED_NO_TIME)
            c->feed_published = t;
    }
}

/* ---- walking the document ------------------------------------------------- */

enum role { R_SKIP, R_DESCEND, R_ITEM, R_FIELD };

static bool is_item(const xmlNode *n)
{
    return is(n, NS_CORE, "item") || is(n, NS_CORE, "entry");
}

static bool is_channel(const xmlNode *n)
{
    return is(n, NS_CORE, "channel");
}

static void note_lang(struct pctx *c, const xmlNode *n)
{
    if (c->channel_lang_set || c->feed->lang)
        return;
    xmlChar *l = xmlNodeGetLang(n);
    if (l) {
        c->feed->lang = lang_fix(xstrdup((const char *)l));
        xmlFree(l);
    }
}

static void note_root(struct pctx *c, xmlNode *root)
{
    c->root = root;
    if (is(root, NS_CORE, "feed"))
        c->format = FMT_ATOM;
    else if (is(root, NS_RDF, "RDF") || (c->html_doc && is(root, NS_CORE, "rdf:rdf")))
        c->format = FMT_RDF;
    else if (is(root, NS_CORE, "rss") || is(root, NS_CORE, "channel"))
        c->format = FMT_RSS;
    note_lang(c, root);
}

static enum role role_of(struct pctx *c, const xmlNode *n)
{
    if (is_item(n))
        return R_ITEM;
    const xmlNode *p = n->parent;
    if (!p || p->type != XML_ELEMENT_NODE)
        return R_DESCEND;
    if (is_channel(n)) {
        note_lang(c, n);
        return R_DESCEND;
    }
    if (is_channel(p) || (p == c->root && c->format == FMT_ATOM))
        return R_FIELD;
    if (c->html_doc && (is(n, NS_CORE, "html") || is(n, NS_CORE, "body") ||
                        is(n, NS_CORE, "rss") || is(n, NS_CORE, "feed") ||
                        is(n, NS_CORE, "rdf:rdf")))
        return R_DESCEND;
    if (c->format == FMT_UNKNOWN && p == c->root)
        return R_DESCEND;
    return R_SKIP;
}

static void walk(struct pctx *c, xmlNode *n, int depth)
{
    if (depth > 64)
        return;
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        switch (role_of(c, k)) {
        case R_ITEM:
            parse_item(c, k);
            break;
        case R_FIELD:
            parse_channel_field(c, k);
            break;
        case R_DESCEND:
            walk(c, k, depth + 1);
            break;
        case R_SKIP:
            break;
        }
    }
}

static bool found_feed(const struct pctx *c)
{
    return c->format != FMT_UNKNOWN || c->feed->n_items > 0 || c->feed->title;
}

/* ---- input preparation ---------------------------------------------------- */

static xmlParserInputPtr no_entity_loader(const char *url, const char *id,
                                          xmlParserCtxtPtr ctxt)
{
    (void)url, (void)id, (void)ctxt;
    return NULL;    // never read a DTD or an external entity
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx, (void)e;
}

void feed_xml_init(void)
{
    xmlInitParser();
    // Process-wide and idempotent: no document may load anything, and
    // libxml2 prints nothing (only cli/ prints).
    xmlSetExternalEntityLoader(no_entity_loader);
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
}

/* The general entities an internal subset declares (they are not HTML's),
 * sorted, so that each reference costs a binary search, not a scan of
 * the subset. */
struct declared {
    char **names;
    size_t n, cap;
};

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void declared_read(struct declared *d, const char *dtd, size_t len)
{
    const char *end = dtd + len;
    for (const char *p = dtd; (p = memchr(p, '<', (size_t)(end - p))) != NULL;) {
        if (end - p < 8 || memcmp(p, "<!ENTITY", 8) != 0) {
            p++;
            continue;
        }
        p += 8;
        const char *name = p;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        if (p == name || p == end || *p == '%')
            continue;   // "<!ENTITYx" or a parameter entity
        name = p;
        while (p < end && p - name < 32 && !strchr(" \t\n\r\"'>", *p))
            p++;
        if (p == name)
            continue;
        if (d->n == d->cap) {
            d->cap = d->cap ? d->cap * 2 : 16;
            d->names = xrealloc(d->names, d->cap * sizeof *d->names);
        }
        d->names[d->n++] = xstrndup(name, (size_t)(p - name));
    }
    if (d->n)
        qsort(d->names, d->n, sizeof *d->names, cmp_name);
}

static bool declared_has(const struct declared *d, const char *name)
{
    return d->n && bsearch(&name, d->names, d->n, sizeof *d->names, cmp_name);
}

static void declared_free(struct declared *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->names[i]);
    free(d->names);
}

/* The first needle in [s, end), or NULL: the feed's bytes are a length,
 * not a C string (strstr read past the end of a buffer without a NUL, and
 * stopped at a NUL byte inside one). */
static const char *find_in(const char *s, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; s && end - s >= (ptrdiff_t)n; s++) {
        s = memchr(s, needle[0], (size_t)(end - s));
        if (!s || end - s < (ptrdiff_t)n)
            return NULL;
        if (memcmp(s, needle, n) == 0)
            return s;
    }
    return NULL;
}

/*
 * Feeds use HTML's named entities without declaring them and write bare
 * '&'.  Rewrite those, outside CDATA sections, comments, PIs and the
 * DOCTYPE, into what XML understands.  Returns NULL when nothing needed
 * changing, else a new buffer (caller frees) with its length in *out_len.
 */
static char *fix_entities(const char *data, size_t len, size_t *out_len)
{
    const char *end = data + len;
    struct declared dtd = {0};
    struct buf out;
    bool changed = false;
    buf_init(&out, len * 2 + 64);
    const char *p = data, *copied = data;
    // The next '&' and '<' at or after p, found again only once p has
    // passed them: searching afresh each time is quadratic when one of
    // them is far away.
    const char *amp = NULL, *lt = NULL;

    while (p < end) {
        if (!amp || amp < p)
            amp = memchr(p, '&', (size_t)(end - p));
        if (lt != end && (!lt || lt < p)) {
            lt = memchr(p, '<', (size_t)(end - p));
            if (!lt)
                lt = end;
        }
        if (!amp)
            break;
        if (lt < amp) {
            // Skip markup that is not content.
            const char *skip_to = NULL;
            if (end - lt >= 9 && memcmp(lt, "<![CDATA[", 9) == 0) {
                const char *e = find_in(lt + 9, end, "]]>");
                skip_to = e ? e + 3 : end;
            } else if (end - lt >= 4 && memcmp(lt, "<!--", 4) == 0) {
                const char *e = find_in(lt + 4, end, "-->");
                skip_to = e ? e + 3 : end;
            } else if (end - lt >= 9 && strncasecmp(lt, "<!DOCTYPE", 9) == 0) {
                const char *e = lt + 9;
                int brackets = 0;
                while (e < end && (*e != '>' || brackets > 0)) {
                    if (*e == '[')
                        brackets++;
                    else if (*e == ']')
                        brackets--;
                    e++;
                }
                if (!dtd.n)
                    declared_read(&dtd, lt, (size_t)(e - lt));
                skip_to = e < end ? e + 1 : end;
            } else if (end - lt >= 2 && lt[1] == '?') {
                const char *e = find_in(lt + 2, end, "?>");
                skip_to = e ? e + 2 : end;
            } else {
                p = lt + 1;
                continue;
            }
            p = skip_to;
            continue;
        }
        // amp is content (text or attribute value).
        const char *q = amp + 1;
        if (q < end && *q == '#') {
            // A character reference as HTML reads it: "&#X41;" with a
            // capital X, or "&#233" without its ';', is XML's "&#x41;" and
            // "&#233;"; "&#;" is text.  XML would stop at either, and the
            // recovery parse drop the reference and what follows.
            const char *d = q + 1;
            bool hex = d < end && (*d == 'x' || *d == 'X');
            if (hex)
                d++;
            const char *digits = d;
            while (d < end && (hex ? isxdigit((unsigned char)*d)
                                   : isdigit((unsigned char)*d)))
                d++;
            bool semi = d < end && *d == ';';
            if (d > digits && semi && (!hex || q[1] == 'x')) {
                p = d + 1;      // well-formed
                continue;
            }
            buf_append(&out, copied, (size_t)(amp - copied), NULL);
            if (d == digits) {
                buf_puts(&out, "&amp;", NULL);
                copied = p = amp + 1;
            } else {
                buf_puts(&out, hex ? "&#x" : "&#", NULL);
                buf_append(&out, digits, (size_t)(d - digits), NULL);
                buf_putc(&out, ';', NULL);
                copied = p = semi ? d + 1 : d;
            }
            changed = true;
            continue;
        }
        const char *name = q;
        while (q < end && q - name < 32 && (isalnum((unsigned char)*q) ||
                                              *q == '.' || *q == '-' || *q == '_'))
            q++;
        size_t n = (size_t)(q - name);
        bool semi = q < end && *q == ';';
        char nm[33];
        memcpy(nm, name, n);
        nm[n] = '\0';
        const char *replacement = NULL;
        char tmp[24];
        if (n && semi) {
            if (strcmp(nm, "amp") == 0 || strcmp(nm, "lt") == 0 ||
                strcmp(nm, "gt") == 0 || strcmp(nm, "quot") == 0 ||
                strcmp(nm, "apos") == 0 || declared_has(&dtd, nm)) {
                p = q + 1;
                continue;
            }
            const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)nm);
            if (e) {
                snprintf(tmp, sizeof tmp, "&#%u;", e->value);
                replacement = tmp;
                q++;    // past ';'
            } else {
                // Unknown and undeclared: text, as HTML shows it ("&foo;"),
                // not an error that loses it.
                replacement = "&amp;";
                q = amp + 1;
            }
        } else {
            replacement = "&amp;";  // a bare '&'
            q = amp + 1;
        }
        buf_append(&out, copied, (size_t)(amp - copied), NULL);
        buf_puts(&out, replacement, NULL);
        copied = q;
        p = q;
        changed = true;
    }
    declared_free(&dtd);
    if (!changed) {
        buf_release(&out);
        return NULL;
    }
    buf_append(&out, copied, (size_t)(end - copied), NULL);
    return buf_detach(&out, out_len);
}

/* The encoding to impose: the HTTP charset, only when the document does
 * not say (no BOM, no encoding in its XML declaration). */
static char *pick_encoding(const char *data, size_t len, const char *ctype)
{
    if (!ctype)
        return NULL;
    const char *cs = NULL;
    for (const char *p = ctype; *p; p++) {
        if (strncasecmp(p, "charset=", 8) == 0) {
            cs = p;
            break;
        }
    }
    if (!cs)
        return NULL;
    if (len >= 2 && (((unsigned char)data[0] == 0xfe && (unsigned char)data[1] == 0xff) ||
                     ((unsigned char)data[0] == 0xff && (unsigned char)data[1] == 0xfe)))
        return NULL;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        return NULL;
    size_t head = len < 200 ? len : 200;
    if (head > 5 && memcmp(data, "<?xml", 5) == 0) {
        const char *e = memchr(data, '>', head);
        if (e) {
            char decl[200];
            memcpy(decl, data, (size_t)(e - data));
            decl[e - data] = '\0';
            if (strstr(decl, "encoding"))
                return NULL;
        }
    }
    cs += 8;
    if (*cs == '"' || *cs == '\'')
        cs++;
    size_t n = strcspn(cs, "\"'; \t");
    if (n == 0 || n > 40)
        return NULL;
    return xstrndup(cs, n);
}

/* ---- the three ways in -------------------------------------------------- */

#define XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
                  XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

/* Streaming.  0: read to the end; -1: the document broke. */
static int parse_stream(struct pctx *c, const char *data, size_t len,
                        const char *url, const char *enc)
{
    xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, url, enc, XML_OPTS);
    if (!r)
        return -1;
    xmlTextReaderSetStructuredErrorHandler(r, NULL, NULL);
    int ret = xmlTextReaderRead(r);
    while (ret == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
            ret = xmlTextReaderRead(r);
            continue;
        }
        xmlNode *n = xmlTextReaderCurrentNode(r);
        if (!n) {
            ret = -1;
            break;
        }
        if (!c->root) {
            note_root(c, n);
            ret = xmlTextReaderRead(r);
            continue;
        }
        enum role role = role_of(c, n);
        if (role == R_DESCEND) {
            ret = xmlTextReaderRead(r);
            continue;
        }
        if (role != R_SKIP) {
            xmlNode *full = xmlTextReaderExpand(r);
            if (!full) {
                ret = -1;
                break;
            }
            if (role == R_ITEM)
                parse_item(c, full);
            else
                parse_channel_field(c, full);
        }
        ret = xmlTextReaderNext(r);
    }
    xmlFreeTextReader(r);
    return ret == 0 ? 0 : -1;
}

/* HTML's empty elements, written unclosed in feeds ("<br>" in a channel).
 * Not "link" nor "source": RSS gives them content. */
static bool is_void_html(const xmlNode *n)
{
    static const char *const names[] = {
        "br", "hr", "img", "meta", "input", "area", "base", "col", "embed",
        "param", "track", "wbr",
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (strcasecmp((const char *)n->name, names[i]) == 0)
            return true;
    }
    return false;
}

/* Move first and the siblings after it out of parent, to follow it. */
static void hoist(xmlNode *parent, xmlNode *first)
{
    xmlNode *after = parent;
    while (first && after) {
        xmlNode *next = first->next;
        xmlUnlinkNode(first);
        after = xmlAddNextSibling(after, first);
        first = next;
    }
}

#define UNTANGLE_SEARCH_NODES ((size_t)16 << 20)

/* Does the subtree under n hold an item or entry?  *budget counts the
 * nodes all searches may visit; when it runs out the answer is no. */
static bool holds_item(const xmlNode *n, size_t *budget)
{
    const xmlNode *k = n->children;
    while (k) {
        if (*budget == 0)
            return false;
        --*budget;
        if (is_item(k))
            return true;
        if (k->type == XML_ELEMENT_NODE && k->children) {
            k = k->children;
            continue;
        }
        while (k != n && !k->next)
            k = k->parent;
        if (k == n)
            break;
        k = k->next;
    }
    return false;
}

/*
 * Undo what recovery makes of a missing end tag: the rest of the document
 * nested inside an unclosed "<br>" or "<b>", or every later item inside an
 * unclosed <item>.  An HTML empty element holds nothing, an item holds no
 * item, and what sits beside the items in a channel (or an Atom feed)
 * holds none either, so what the recovered tree put there follows them
 * instead.  Each node is visited once; the searches for items beside the
 * channel's fields share a budget, so wrappers nested hundreds deep cost
 * no more than a few passes over a large document.
 */
static void untangle(xmlNode *root)
{
    xmlNode *n = root;
    size_t budget = UNTANGLE_SEARCH_NODES;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && n->children) {
            const xmlNode *p = n->parent;
            if (is_void_html(n)) {
                hoist(n, n->children);
            } else if (n != root && p && (p == root || is_channel(p)) &&
                       !is_channel(n) && !is_item(n) && holds_item(n, &budget)) {
                hoist(n, n->children);
            } else if (is_item(n)) {
                for (xmlNode *k = n->children; k; k = k->next) {
                    if (is_item(k)) {
                        hoist(n, k);
                        break;
                    }
                }
            }
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
}

static int parse_tree(struct pctx *c, const char *data, size_t len,
                      const char *url, const char *enc, bool html)
{
    xmlDoc *doc;
    if (html)
        doc = htmlReadMemory(data, (int)len, url, enc,
                             HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                             HTML_PARSE_NOIMPLIED);
    else
        doc = xmlReadMemory(data, (int)len, url, enc, XML_OPTS | XML_PARSE_RECOVER);
    if (!doc)
        return -1;
    xmlNode *root = xmlDocGetRootElement(doc);
    c->html_doc = html;
    if (root && !html)
        untangle(root);
    if (root) {
        note_root(c, root);
        if (html && c->format == FMT_UNKNOWN) {
            // The HTML parser may wrap the feed; find its root below.
            for (xmlNode *k = root; k; k = k->children) {
                if (k->type == XML_ELEMENT_NODE &&
                    (is(k, NS_CORE, "rss") || is(k, NS_CORE, "feed") ||
                     is(k, NS_CORE, "rdf:rdf"))) {
                    note_root(c, k);
                    break;
                }
            }
        }
        walk(c, root, 0);
    }
    xmlFreeDoc(doc);
    return found_feed(c) ? 0 : -1;
}

static bool has_scheme(const char *u)
{
    const char *p = u;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return p > u && *p == ':';
}

static void absolutize_one(const char *base, char **u)
{
    if (*u && !has_scheme(*u)) {
        char *abs = feed_url_resolve(base, *u);
        free(*u);
        *u = abs;
    }
}

/* Links still relative (a feed read from a file, without xml:base) are
 * resolved against the feed's own site link, as readers do. */
static void absolutize(struct feed *f)
{
    if (!f->link || !feed_url_scheme_ok(f->link))
        return;
    for (size_t i = 0; i < f->n_items; i++) {
        struct feed_item *it = &f->items[i];
        absolutize_one(f->link, &it->link);
        for (size_t j = 0; j < it->n_enclosures; j++)
            absolutize_one(f->link, &it->enclosures[j].url);
    }
}

static void reset(struct pctx *c, const char *location)
{
    feed_free(c->feed);
    memset(c, 0, sizeof *c);
    entity_spent = 0;
    c->feed = feed_new(location);
    c->feed_published = FEED_NO_TIME;
}

int feed_parse(const char *data, size_t len, const char *location,
               const char *content_type, struct feed **out,
               struct hr_error *err)
{
    const char *name = location ? location : "feed";
    if (len > FEED_MAX_BYTES || len > (size_t)INT32_MAX)
        return hr_fail(err, HR_ELIMIT, "'%s' is larger than %zu MB", name,
                       FEED_MAX_BYTES >> 20);
    if (len == 0)
        return hr_fail(err, HR_EEMPTY, "'%s' is empty", name);

    feed_xml_init();

    size_t fixed_len = 0;
    char *fixed = fix_entities(data, len, &fixed_len);
    if (fixed) {
        data = fixed;
        len = fixed_len;
    }
    char *enc = pick_encoding(data, len, content_type);
    // Links resolve against the document's URL only when it is a URL.
    const char *url = location && feed_url_scheme_ok(location) ? location : NULL;

    struct pctx c = {0};
    reset(&c, location);
    int rc = parse_stream(&c, data, len, url, enc);
    if (rc < 0 || !found_feed(&c)) {
        reset(&c, location);
        rc = parse_tree(&c, data, len, url, enc, false);
    }
    if (rc < 0) {
        reset(&c, location);
        rc = parse_tree(&c, data, len, url, enc, true);
    }
    free(fixed);
    free(enc);
    if (rc < 0 || (c.format == FMT_UNKNOWN && !c.feed->n_items)) {
        feed_free(c.feed);
        return hr_fail(err, HR_EPARSE, "'%s' is not an RSS or Atom feed", name);
    }
    if (!c.feed_updated_set && c.feed_published != FEED_NO_TIME)
        c.feed->updated = c.feed_published;
    absolutize(c.feed);
    *out = c.feed;
    return 0;
}
