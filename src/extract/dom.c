/*
 * dom.c — small helpers over libxml2's HTML tree for extract/.
 *
 * DESIGN: every walk here follows the tree's own pointers (children, next,
 * parent) in a loop, so it needs no stack and no recursion whatever the
 * page's depth; every text it collects is capped.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "extract/extract_internal.h"

/* ---- parsing with a depth bound ------------------------------------- */

/* libxml2 2.9 stops the whole parse at 256 levels of nesting (its global
 * xmlParserMaxDepth), so a page whose unclosed tags pile up past that lost
 * everything after the 256th; XML_PARSE_HUGE lifts that limit altogether.
 * Its HTML parser keeps its open elements in an array, not on the C stack,
 * so the parse runs with XML_PARSE_HUGE and these handlers bound the tree
 * instead: an element that would open deeper than EXTRACT_MAX_DEPTH is not
 * made (its text goes to the deepest element that was, as if flat), and the
 * script or style text of such an element is dropped.  The decision uses
 * the parser's stack of open names, which it pushes before startElement
 * and pops after endElement, so both sides agree. */
static bool too_deep(const htmlParserCtxt *c)
{
    return c->nameNr > EXTRACT_MAX_DEPTH;
}

static void guard_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    if (!too_deep(ctx))
        xmlSAX2StartElement(ctx, name, atts);
}

static void guard_end(void *ctx, const xmlChar *name)
{
    if (!too_deep(ctx))
        xmlSAX2EndElement(ctx, name);
}

static bool raw_text_lost(const htmlParserCtxt *c)
{
    return too_deep(c) && c->name &&
           (xmlStrEqual(c->name, BAD_CAST "script") ||
            xmlStrEqual(c->name, BAD_CAST "style"));
}

static void guard_chars(void *ctx, const xmlChar *ch, int len)
{
    if (!raw_text_lost(ctx))
        xmlSAX2Characters(ctx, ch, len);
}

static void guard_cdata(void *ctx, const xmlChar *ch, int len)
{
    if (!raw_text_lost(ctx))
        xmlSAX2CDataBlock(ctx, ch, len);
}

xmlDoc *dom_parse_html(const char *data, size_t len)
{
    if (len > INT32_MAX)
        return NULL;
    htmlParserCtxtPtr c = htmlNewParserCtxt();
    if (!c)
        return NULL;
    c->sax->startElement = guard_start;
    c->sax->endElement = guard_end;
    c->sax->characters = guard_chars;
    c->sax->cdataBlock = guard_cdata;
    htmlDocPtr doc = htmlCtxtReadMemory(c, data, (int)len, NULL, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
    htmlFreeParserCtxt(c);
    return doc;
}

/* ---- the tree -------------------------------------------------------- */

bool dom_is(const xmlNode *n, const char *tag)
{
    // libxml2's HTML parser lower-cases element names.  Most names differ
    // from the tag at their first byte.
    return n && n->type == XML_ELEMENT_NODE && n->name[0] == (xmlChar)tag[0] &&
           strcmp((const char *)n->name, tag) == 0;
}

bool dom_is_any(const xmlNode *n, const char *const *tags)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return false;
    const char *name = (const char *)n->name;
    for (; *tags; tags++)
        if (name[0] == (*tags)[0] && strcmp(name, *tags) == 0)
            return true;
    return false;
}

bool dom_is_heading(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return false;
    const char *t = (const char *)n->name;
    return (t[0] == 'h' || t[0] == 'H') && t[1] >= '1' && t[1] <= '6' && !t[2];
}

bool dom_is_block(const xmlNode *n)
{
    static const char *const blocks[] = {
        "p", "div", "section", "article", "main", "ul", "ol", "li", "dl",
        "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "thead",
        "tbody", "tfoot", "caption", "figure", "figcaption", "header",
        "footer", "aside", "nav", "hr", "br", "form", "fieldset", "address",
        "center", "body", "html", "details", "summary", "menu", "h1", "h2",
        "h3", "h4", "h5", "h6", "hgroup", "legend", "iframe", "video",
        "audio", "picture", "img", NULL,
    };
    if (!n || n->type != XML_ELEMENT_NODE)
        return false;
    if (n->_private && (ni(n)->flags & NF_BLOCK))
        return true;
    return dom_is_any(n, blocks);
}

const char *dom_attr(const xmlNode *n, const char *name, char *buf,
                     size_t n_buf)
{
    if (!n || n->type != XML_ELEMENT_NODE || n_buf == 0)
        return NULL;
    int c0 = tolower((unsigned char)name[0]);
    for (xmlAttr *a = n->properties; a; a = a->next) {
        if (tolower(a->name[0]) != c0 ||
            strcasecmp((const char *)a->name, name) != 0)
            continue;
        size_t k = 0;
        for (xmlNode *c = a->children; c && k + 1 < n_buf; c = c->next) {
            if (!c->content)
                continue;
            size_t m = strlen((const char *)c->content);
            if (m > n_buf - 1 - k)
                m = n_buf - 1 - k;
            memcpy(buf + k, c->content, m);
            k += m;
        }
        buf[k] = '\0';
        return buf;
    }
    return NULL;
}

xmlNode *dom_next_skip(xmlNode *n, const xmlNode *top)
{
    while (n && n != top) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

xmlNode *dom_next(xmlNode *n, const xmlNode *top)
{
    if (n->children && n->type == XML_ELEMENT_NODE)
        return n->children;
    return dom_next_skip(n, top);
}

bool dom_contains(const xmlNode *a, const xmlNode *b)
{
    for (; b; b = b->parent)
        if (a == b)
            return true;
    return false;
}

static bool skipped(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE &&
           ((n->_private && (ni(n)->flags & NF_JUNK)) ||
            dom_is(n, "script") || dom_is(n, "style") ||
            dom_is(n, "noscript") || dom_is(n, "template"));
}

void dom_text(const xmlNode *top, struct buf *out, size_t cap)
{
    if (!top)
        return;
    if (top->type == XML_TEXT_NODE || top->type == XML_CDATA_SECTION_NODE) {
        if (top->content) {
            size_t m = strlen((const char *)top->content);
            buf_append(out, top->content, m < cap ? m : cap, NULL);
        }
        return;
    }
    xmlNode *n = top->children;
    while (n && out->len < cap) {
        if (skipped(n)) {
            n = dom_next_skip(n, top);
            continue;
        }
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
            n->content) {
            size_t m = strlen((const char *)n->content);
            if (m > cap - out->len)
                m = cap - out->len;
            buf_append(out, n->content, m, NULL);
        } else if (n->type == XML_ELEMENT_NODE && dom_is_block(n) &&
                   out->len && out->data[out->len - 1] != ' ') {
            buf_putc(out, ' ', NULL);
        }
        n = dom_next(n, top);
    }
}

char *dom_text_norm(const xmlNode *n, size_t cap)
{
    struct buf raw = BUF_INIT, norm = BUF_INIT;
    dom_text(n, &raw, cap);
    script_normalize_ws(raw.data, raw.len, &norm);
    buf_release(&raw);
    size_t len;
    return buf_detach(&norm, &len);
}

/* 0x80 in each byte of w that is zero, 0 elsewhere (exact per byte). */
static uint64_t zero_bytes(uint64_t w)
{
    const uint64_t low7 = UINT64_C(0x7f7f7f7f7f7f7f7f);
    return ~(((w & low7) + low7) | w | low7);
}

/* 0x80 in each byte of w equal to b. */
static uint64_t bytes_eq(uint64_t w, unsigned char b)
{
    return zero_bytes(w ^ (UINT64_C(0x0101010101010101) * b));
}

uint32_t dom_count_chars(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = 0;
    size_t i = 0;
    while (i < len) {
        // Eight bytes at a time while they hold no no-break space's first
        // byte: each that starts a character (not 10xxxxxx) and is not
        // white space counts.
        if (len - i >= 8) {
            uint64_t w;
            memcpy(&w, u + i, sizeof w);
            if (!bytes_eq(w, 0xc2)) {
                uint64_t skip = (w & ~(w << 1)) | bytes_eq(w, ' ') |
                                bytes_eq(w, '\t') | bytes_eq(w, '\n') |
                                bytes_eq(w, '\r') | bytes_eq(w, '\f');
                skip = (skip & UINT64_C(0x8080808080808080)) >> 7;
                c += 8 - (uint32_t)((skip * UINT64_C(0x0101010101010101)) >> 56);
                i += 8;
                continue;
            }
        }
        unsigned char b = u[i++];
        if ((b & 0xc0) == 0x80 || b == ' ' || b == '\t' || b == '\n' ||
            b == '\r' || b == '\f')
            continue;
        if (b == 0xc2 && i < len && u[i] == 0xa0) {
            i++;        // no-break space
            continue;
        }
        c++;
    }
    return c;
}

void dom_class_id(const xmlNode *n, char *out, size_t n_out)
{
    char cls[512], id[256];
    const char *c = dom_attr(n, "class", cls, sizeof cls);
    const char *i = dom_attr(n, "id", id, sizeof id);
    snprintf(out, n_out, "%s %s", c ? c : "", i ? i : "");
    for (char *p = out; *p; p++)
        *p = (char)tolower((unsigned char)*p);
}

/* Tokens are split at anything but letters and digits, and at a change
 * from lower to upper case has already been lost by lower-casing, so
 * "articleBody" is matched by the substring rule for long words. */
bool dom_hint_has(const char *s, const char *const *words)
{
    for (const char *const *w = words; *w; w++) {
        size_t m = strlen(*w);
        for (const char *p = s; (p = strstr(p, *w)) != NULL; p++) {
            if (m >= 5)
                return true;
            bool left = p == s || !isalnum((unsigned char)p[-1]);
            bool right = !isalnum((unsigned char)p[m]);
            if (left && right)
                return true;
        }
    }
    return false;
}

/* The code point of the reference at s[0..len) ("&...;"), or 0. */
static unsigned long ref_value(const char *s, size_t len)
{
    if (len < 3 || len > 34)
        return 0;
    if (s[1] == '#') {
        bool hex = s[2] == 'x' || s[2] == 'X';
        size_t i = hex ? 3 : 2;
        if (i >= len - 1)
            return 0;
        unsigned long v = 0;
        for (; i < len - 1; i++) {
            int d = hex && isxdigit((unsigned char)s[i])
                    ? (isdigit((unsigned char)s[i]) ? s[i] - '0'
                       : (tolower((unsigned char)s[i]) - 'a' + 10))
                    : isdigit((unsigned char)s[i]) ? s[i] - '0' : -1;
            if (d < 0)
                return 0;
            v = v * (hex ? 16 : 10) + (unsigned long)d;
            if (v > 0x10FFFF)
                v = 0x110000;   // keeps it from overflowing; becomes U+FFFD
        }
        return v ? v : 0xFFFD;
    }
    char name[33];
    memcpy(name, s + 1, len - 2);
    name[len - 2] = '\0';
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    return e ? e->value : 0;
}

void dom_decode_refs(const char *s, size_t len, struct buf *out)
{
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(s + i, '&', len - i);
        size_t upto = amp ? (size_t)(amp - s) : len;
        buf_append(out, s + i, upto - i, NULL);
        i = upto;
        if (!amp)
            break;
        size_t j = i + 1;
        while (j < len && j - i < 34 && (isalnum((unsigned char)s[j]) ||
                                         (j == i + 1 && s[j] == '#')))
            j++;
        unsigned long c = j < len && s[j] == ';' ? ref_value(s + i, j - i + 1)
                                                 : 0;
        if (c) {
            utf8_append(out, (uint32_t)c);
            i = j + 1;
        } else {
            buf_putc(out, '&', NULL);
            i++;
        }
    }
}
