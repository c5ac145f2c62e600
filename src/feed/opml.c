/*
 * opml.c — OPML outline lists: read (import) and write (export).
 *
 * DESIGN: OPML files are small, so they are parsed in one piece with
 * libxml2 (XML_PARSE_RECOVER for the hand-edited ones, never network,
 * DTD or external entities; the size is capped).  Every <outline> with an
 * xmlUrl is a feed; outlines without one are folders, and a feed's
 * category is the path of folder titles above it ("News/Europe"), or its
 * own category attribute when it sits at the top.  The same URL twice is
 * one entry.  Writing emits OPML 2.0 with nested folder outlines, the form
 * newsboat, Thunderbird and other readers import; every attribute value is
 * escaped here, by hand, so nothing a feed said can break the document.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "feed/feed.h"
#include "feed/feed_internal.h"

#define OPML_MAX_BYTES ((size_t)16 << 20)
#define OPML_MAX_DEPTH 32
/* Bytes of a title, and of a category path: every feed of a folder keeps
 * its own copy of the path, so an unbounded folder name would be copied
 * once per feed (100 KB x 2,000 feeds was 570 MB). */
#define OPML_MAX_NAME 1024

/* Cut s to at most OPML_MAX_NAME bytes, at a character boundary. */
static void cut_name(char *s)
{
    s[utf8_cut(s, strlen(s), OPML_MAX_NAME)] = '\0';
}

void opml_add(struct opml *o, const char *title, const char *xml_url,
              const char *html_url, const char *lang, const char *category)
{
    if (o->n_entries >= OPML_MAX_ENTRIES)
        return;
    if (o->n_entries == o->alloc_entries) {
        o->alloc_entries = o->alloc_entries ? o->alloc_entries * 2 : 16;
        o->entries = xreallocarray(o->entries, o->alloc_entries,
                                   sizeof *o->entries);
    }
    struct opml_entry *e = &o->entries[o->n_entries++];
    e->title = title ? xstrdup(title) : NULL;
    e->xml_url = xml_url ? xstrdup(xml_url) : NULL;
    e->html_url = html_url ? xstrdup(html_url) : NULL;
    e->lang = lang ? xstrdup(lang) : NULL;
    e->category = category ? xstrdup(category) : NULL;
}

void opml_free(struct opml *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n_entries; i++) {
        free(o->entries[i].title);
        free(o->entries[i].xml_url);
        free(o->entries[i].html_url);
        free(o->entries[i].lang);
        free(o->entries[i].category);
    }
    free(o->entries);
    free(o->title);
    free(o);
}

/* An attribute (any case), cleaned to one line, or NULL. */
static char *oattr(const xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next) {
        if (!a->name || strcasecmp((const char *)a->name, name) != 0)
            continue;
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        if (!v)
            return NULL;
        char *t = text_finish((const char *)v, strlen((const char *)v));
        xmlFree(v);
        return t;
    }
    return NULL;
}

static struct opml_entry *find_url(struct opml *o, const char *url)
{
    for (size_t i = 0; i < o->n_entries; i++) {
        if (strcmp(o->entries[i].xml_url, url) == 0)
            return &o->entries[i];
    }
    return NULL;
}

static void fill(char **field, char *value)
{
    if (!*field)
        *field = value;
    else
        free(value);
}

static void walk(struct opml *o, const xmlNode *n, const char *category,
                 int depth)
{
    if (depth > OPML_MAX_DEPTH)
        return;
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE ||
            strcasecmp((const char *)k->name, "outline") != 0)
            continue;
        char *url = oattr(k, "xmlUrl");
        char *title = oattr(k, "title");
        char *text = oattr(k, "text");
        if (!title) {
            title = text;
            text = NULL;
        }
        free(text);
        if (title)
            cut_name(title);
        if (url) {
            char *html = oattr(k, "htmlUrl");
            char *lang = oattr(k, "language");
            if (!lang)
                lang = oattr(k, "lang");
            char *cat = category ? xstrdup(category) : oattr(k, "category");
            if (cat && cat[0] == '/')
                memmove(cat, cat + 1, strlen(cat));
            if (cat)
                cut_name(cat);
            struct opml_entry *e = find_url(o, url);
            if (e) {
                fill(&e->title, title);
                fill(&e->html_url, html);
                fill(&e->lang, lang);
                fill(&e->category, cat);
            } else {
                opml_add(o, title, url, html, lang, cat && *cat ? cat : NULL);
                free(title);
                free(html);
                free(lang);
                free(cat);
            }
            free(url);
            // An outline with a feed may still hold more (some readers do).
            walk(o, k, category, depth + 1);
            continue;
        }
        char *sub;
        if (title && category)
            sub = xasprintf("%s/%s", category, title);
        else if (title)
            sub = xstrdup(title);
        else
            sub = category ? xstrdup(category) : NULL;
        if (sub)
            cut_name(sub);
        walk(o, k, sub, depth + 1);
        free(sub);
        free(title);
    }
}

int opml_parse(const char *data, size_t len, const char *location,
               struct opml **out, struct hr_error *err)
{
    const char *name = location ? location : "OPML file";
    if (len > OPML_MAX_BYTES)
        return hr_fail(err, HR_ELIMIT, "'%s' is larger than %zu MB", name,
                       OPML_MAX_BYTES >> 20);
    feed_xml_init();
    xmlDoc *doc = xmlReadMemory(data, (int)len, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING | XML_PARSE_RECOVER |
                                XML_PARSE_NOCDATA);
    if (!doc)
        return hr_fail(err, HR_EPARSE, "'%s' is not an OPML file", name);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || strcasecmp((const char *)root->name, "opml") != 0) {
        xmlFreeDoc(doc);
        return hr_fail(err, HR_EPARSE, "'%s' is not an OPML file", name);
    }
    struct opml *o = xcalloc(1, sizeof *o);
    for (xmlNode *k = root->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (strcasecmp((const char *)k->name, "head") == 0) {
            for (xmlNode *h = k->children; h; h = h->next) {
                if (h->type == XML_ELEMENT_NODE &&
                    strcasecmp((const char *)h->name, "title") == 0 && !o->title) {
                    xmlChar *t = xmlNodeGetContent(h);
                    if (t) {
                        o->title = text_finish((const char *)t,
                                               strlen((const char *)t));
                        xmlFree(t);
                    }
                }
            }
        } else if (strcasecmp((const char *)k->name, "body") == 0) {
            walk(o, k, NULL, 0);
        }
    }
    xmlFreeDoc(doc);
    *out = o;
    return 0;
}

static int put_escaped(struct buf *b, const char *s, struct hr_error *err)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                rep = " ";
        }
        int rc = rep ? buf_puts(b, rep, err) : buf_putc(b, (char)*p, err);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int put_attr(struct buf *b, const char *name, const char *value,
                    struct hr_error *err)
{
    if (!value)
        return 0;
    if (buf_printf(b, err, " %s=\"", name) < 0 || put_escaped(b, value, err) < 0)
        return -1;
    return buf_putc(b, '"', err);
}

static int cmp_category(const void *a, const void *b)
{
    const struct opml_entry *x = *(const struct opml_entry *const *)a;
    const struct opml_entry *y = *(const struct opml_entry *const *)b;
    const char *cx = x->category ? x->category : "";
    const char *cy = y->category ? y->category : "";
    int c = strcmp(cx, cy);
    if (c)
        return c;
    return x < y ? -1 : x > y;  // stable
}

/* Number of leading path components that a and b share. */
static size_t common_parts(char **a, size_t na, char **b, size_t nb)
{
    size_t i = 0;
    while (i < na && i < nb && strcmp(a[i], b[i]) == 0)
        i++;
    return i;
}

static size_t split_path(char *cat, char **parts, size_t max)
{
    size_t n = 0;
    if (!cat)
        return 0;
    for (char *tok = strtok(cat, "/"); tok && n < max; tok = strtok(NULL, "/"))
        parts[n++] = tok;
    return n;
}

static int indent(struct buf *b, size_t depth, struct hr_error *err)
{
    for (size_t i = 0; i < depth + 2; i++) {
        if (buf_puts(b, "  ", err) < 0)
            return -1;
    }
    return 0;
}

int opml_write(const struct opml *o, struct buf *b, struct hr_error *err)
{
    const struct opml_entry **sorted = xcalloc(o->n_entries + 1, sizeof *sorted);
    for (size_t i = 0; i < o->n_entries; i++)
        sorted[i] = &o->entries[i];
    qsort(sorted, o->n_entries, sizeof *sorted, cmp_category);

    int rc = -1;
    char *open_buf = NULL;
    char *open[OPML_MAX_DEPTH];
    size_t n_open = 0;
    if (buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<opml version=\"2.0\">\n  <head>\n    <title>", err) < 0 ||
        put_escaped(b, o->title ? o->title : "herald subscriptions", err) < 0 ||
        buf_puts(b, "</title>\n  </head>\n  <body>\n", err) < 0)
        goto out;
    for (size_t i = 0; i < o->n_entries; i++) {
        const struct opml_entry *e = sorted[i];
        char *cat = e->category ? xstrdup(e->category) : NULL;
        char *parts[OPML_MAX_DEPTH];
        size_t np = split_path(cat, parts, OPML_MAX_DEPTH);
        size_t keep = common_parts(open, n_open, parts, np);
        while (n_open > keep) {
            n_open--;
            if (indent(b, n_open, err) < 0 || buf_puts(b, "</outline>\n", err) < 0) {
                free(cat);
                goto out;
            }
        }
        // Remember the open folders' names beyond this entry's lifetime.
        size_t total = 0;
        for (size_t j = 0; j < np; j++)
            total += strlen(parts[j]) + 1;
        char *names = xmalloc(total + 1), *w = names;
        char *new_open[OPML_MAX_DEPTH];
        for (size_t j = 0; j < np; j++) {
            size_t l = strlen(parts[j]);
            memcpy(w, parts[j], l + 1);
            new_open[j] = w;
            w += l + 1;
        }
        for (size_t j = keep; j < np; j++) {
            if (indent(b, j, err) < 0 || buf_puts(b, "<outline", err) < 0 ||
                put_attr(b, "text", parts[j], err) < 0 ||
                put_attr(b, "title", parts[j], err) < 0 ||
                buf_puts(b, ">\n", err) < 0) {
                free(names);
                free(cat);
                goto out;
            }
        }
        free(open_buf);
        open_buf = names;
        memcpy(open, new_open, np * sizeof *open);
        n_open = np;
        free(cat);
        const char *title = e->title ? e->title : e->xml_url;
        if (indent(b, n_open, err) < 0 ||
            buf_puts(b, "<outline type=\"rss\"", err) < 0 ||
            put_attr(b, "text", title, err) < 0 ||
            put_attr(b, "title", title, err) < 0 ||
            put_attr(b, "xmlUrl", e->xml_url, err) < 0 ||
            put_attr(b, "htmlUrl", e->html_url, err) < 0 ||
            put_attr(b, "language", e->lang, err) < 0 ||
            buf_puts(b, "/>\n", err) < 0)
            goto out;
    }
    while (n_open > 0) {
        n_open--;
        if (indent(b, n_open, err) < 0 || buf_puts(b, "</outline>\n", err) < 0)
            goto out;
    }
    if (buf_puts(b, "  </body>\n</opml>\n", err) < 0)
        goto out;
    rc = 0;
out:
    free(open_buf);
    free(sorted);
    return rc;
}
