/*
 * html.c — plain text from HTML fragments found inside feeds.
 *
 * DESIGN: a small forgiving scanner, not a parser.  Feed fields hold short
 * fragments (escaped HTML in RSS descriptions, Atom type="html"), often
 * broken; a scanner that never builds a tree handles any size in one pass
 * and cannot be made to fetch anything.  Tags vanish, block tags become a
 * space, the content of script/style/applet is dropped, an unclosed
 * comment swallows the rest, entities are decoded with libxml2's HTML
 * entity table.  text_finish() then cleans what remains for a terminal
 * and a speech engine.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "feed/feed.h"
#include "feed/feed_internal.h"
#include "text/decode.h"

/* Code point c as UTF-8; C1 controls are windows-1252's, as in browsers
 * ("&#150;" is a dash). */
static void utf8_put(struct buf *out, unsigned long c)
{
    if (c >= 0x80 && c <= 0x9f)
        c = text_cp1252_c1[c - 0x80] ? text_cp1252_c1[c - 0x80] : 0xfffd;
    utf8_append(out, c > 0x10ffff ? 0xfffd : (uint32_t)c);
}

static const char *const block_tags[] = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd",
    "div", "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "nav", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul", "title", "img",
};

static const char *const dropped_tags[] = {
    "script", "style", "applet", "noscript", "template",
};

static bool in_list(const char *const *list, size_t n, const char *name,
                    size_t len)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(list[i]) == len && strncasecmp(list[i], name, len) == 0)
            return true;
    }
    return false;
}

bool html_is_block(const char *name, size_t len)
{
    return in_list(block_tags, sizeof block_tags / sizeof *block_tags, name,
                   len);
}

bool html_is_dropped(const char *name, size_t len)
{
    return in_list(dropped_tags, sizeof dropped_tags / sizeof *dropped_tags,
                   name, len);
}

/* The code point of a named reference (without '&' and ';'), 0 when
 * unknown: libxml2's HTML 4 table, with the HTML5 spellings in capitals
 * that feeds copy from pages ("&AMP;"), XML's "&apos;", and the HTML5
 * values of the angle brackets (HTML 4's are the CJK-compatible ones,
 * which Unicode normalisation turns into CJK punctuation). */
static uint32_t named_ref(const char *name)
{
    static const struct { const char *name; uint32_t c; } extra[] = {
        {"AMP", '&'}, {"LT", '<'}, {"GT", '>'}, {"QUOT", '"'},
        {"COPY", 0xa9}, {"REG", 0xae}, {"apos", '\''},
        {"lang", 0x27e8}, {"rang", 0x27e9},
    };
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
        if (strcmp(name, extra[i].name) == 0)
            return extra[i].c;
    }
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    return e ? e->value : 0;
}

/* Decode a reference at s ('&' at s[0]); returns the bytes used, 0 when it
 * is not a reference (the '&' is then literal). */
static size_t decode_ref(const char *s, const char *end, struct buf *out)
{
    const char *p = s + 1;
    if (p < end && *p == '#') {
        p++;
        int base = 10;
        if (p < end && (*p == 'x' || *p == 'X')) {
            base = 16;
            p++;
        }
        unsigned long c = 0;
        const char *digits = p;
        while (p < end && (base == 16 ? isxdigit((unsigned char)*p)
                                      : isdigit((unsigned char)*p))) {
            int d = isdigit((unsigned char)*p) ? *p - '0'
                                               : (tolower((unsigned char)*p) - 'a' + 10);
            if (c < 0x110000)
                c = c * (unsigned long)base + (unsigned long)d;
            p++;
        }
        if (p == digits)
            return 0;
        if (p < end && *p == ';')
            p++;
        utf8_put(out, c);
        return (size_t)(p - s);
    }
    char name[32];
    size_t n = 0;
    while (p < end && n < sizeof name - 1 && isalnum((unsigned char)*p))
        name[n++] = *p++;
    name[n] = '\0';
    if (n == 0)
        return 0;
    if (p < end && *p == ';') {
        uint32_t c = named_ref(name);
        if (c) {
            utf8_put(out, c);
            return n + 2;
        }
    }
    // Without the ';' only the legacy names count, the Latin-1 ones HTML
    // 3.2 had, and the longest of them that starts the run wins, as in
    // browsers: "&copy2026" is "(c)2026", "&notit;" is "not-sign it;".
    for (size_t k = n < 6 ? n : 6; k >= 2; k--) {
        char c0 = name[k];
        name[k] = '\0';
        uint32_t c = named_ref(name);
        name[k] = c0;
        if (c && c <= 0xff) {
            utf8_put(out, c);
            return k + 1;
        }
    }
    return 0;
}

/* Find the '>' closing a tag that starts at s, skipping quoted values. */
static const char *tag_end(const char *s, const char *end)
{
    char quote = 0;
    for (const char *p = s; p < end; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
        } else if (*p == '"' || *p == '\'') {
            // Only a quote right after '=' opens a value.
            const char *q = p - 1;
            while (q > s && isspace((unsigned char)*q))
                q--;
            if (*q == '=')
                quote = *p;
        } else if (*p == '>') {
            return p;
        }
    }
    return NULL;
}

static const char *find_ci(const char *s, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = s; p + n <= end; p++) {
        if (strncasecmp(p, needle, n) == 0)
            return p;
    }
    return NULL;
}

void html_strip_into(const char *html, size_t len, struct buf *out)
{
    const char *s = html, *end = html + len;
    while (s < end) {
        if (*s == '&') {
            size_t used = decode_ref(s, end, out);
            if (used) {
                s += used;
                continue;
            }
            buf_putc(out, '&', NULL);
            s++;
            continue;
        }
        if (*s != '<') {
            const char *t = s;
            while (t < end && *t != '<' && *t != '&')
                t++;
            buf_append(out, s, (size_t)(t - s), NULL);
            s = t;
            continue;
        }
        // s[0] == '<'
        if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
            // "--!>" ends a comment too, as in browsers.
            const char *c = find_ci(s + 4, end, "-->");
            const char *b = find_ci(s + 4, c ? c : end, "--!>");
            s = b ? b + 4 : c ? c + 3 : end;
            continue;
        }
        if (end - s >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
            const char *c = find_ci(s + 9, end, "]]>");
            const char *stop = c ? c : end;
            buf_append(out, s + 9, (size_t)(stop - (s + 9)), NULL);
            s = c ? c + 3 : end;
            continue;
        }
        if (end - s >= 2 && (s[1] == '!' || s[1] == '?')) {
            const char *c = memchr(s, '>', (size_t)(end - s));
            if (!c) {
                // Not a declaration after all: it is text.
                buf_append(out, s, (size_t)(end - s), NULL);
                s = end;
                continue;
            }
            s = c + 1;
            continue;
        }
        bool closing = end - s >= 2 && s[1] == '/';
        const char *name = s + 1 + closing;
        if (closing && name < end && !isalpha((unsigned char)*name)) {
            // "</ p>", "</3>": not an end tag but a bogus comment, up to
            // the next '>', as in browsers.
            const char *c = memchr(name, '>', (size_t)(end - name));
            if (c) {
                s = c + 1;
                continue;
            }
        }
        if (name >= end || !isalpha((unsigned char)*name)) {
            buf_putc(out, '<', NULL);
            s++;
            continue;
        }
        const char *ne = name;
        while (ne < end && (isalnum((unsigned char)*ne) || *ne == ':' ||
                            *ne == '-' || *ne == '_'))
            ne++;
        // A prefix ("xhtml:p") does not change what the tag is.
        const char *local = name;
        for (const char *q = name; q < ne; q++) {
            if (*q == ':')
                local = q + 1;
        }
        size_t nlen = (size_t)(ne - local);
        const char *te = tag_end(ne, end);
        if (!te) {
            s = end;    // an unclosed tag swallows the rest, as in browsers
            continue;
        }
        bool self_closing = te > s && te[-1] == '/';
        if (html_is_block(local, nlen))
            buf_putc(out, ' ', NULL);
        s = te + 1;
        if (!closing && !self_closing && html_is_dropped(local, nlen)) {
            char close[40];
            snprintf(close, sizeof close, "</%.*s", (int)(ne - name), name);
            const char *c = find_ci(s, end, close);
            if (!c) {
                s = end;
            } else {
                const char *ce = memchr(c, '>', (size_t)(end - c));
                s = ce ? ce + 1 : end;
            }
        }
    }
}

char *feed_html_to_text(const char *html, size_t len)
{
    struct buf b;
    buf_init(&b, FEED_MAX_FIELD * 4);
    html_strip_into(html, len, &b);
    char *t = text_finish(b.data, b.len);
    buf_release(&b);
    return t ? t : xstrdup("");
}

char *text_finish(const char *s, size_t len)
{
    struct buf b;
    buf_init(&b, len * 3 + 16);
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + len;
    bool space = false;
    while (p < end) {
        uint32_t c;
        size_t n = utf8_decode(p, (size_t)(end - p), &c);
        if (n == 0) {
            c = 0xfffd;
            n = 1;
        }
        p += n;
        if (c == 0x1b) {
            // An escape sequence: drop ESC and, for CSI, up to its final byte.
            if (p < end && *p == '[') {
                p++;
                while (p < end && !(*p >= 0x40 && *p <= 0x7e))
                    p++;
                if (p < end)
                    p++;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
            c == '\v') {
            space = true;
            continue;
        }
        if (c < 0x20 || c == 0x7f || utf8_is_bidi_control(c) ||
            utf8_is_noncharacter(c))
            continue;
        if (c >= 0x80 && c <= 0x9f) {
            c = text_cp1252_c1[c - 0x80];
            if (!c)
                continue;
        }
        if (space && b.len)
            buf_putc(&b, ' ', NULL);
        space = false;
        if (c < 0x80)
            buf_putc(&b, (char)c, NULL);
        else
            utf8_put(&b, c);
    }
    if (b.len == 0) {
        buf_release(&b);
        return NULL;
    }
    // A title decoded twice on its way into the feed ("Itâ€™s") gets its
    // characters back, as a page's text does.
    b.len = text_repair_mojibake(b.data, b.len);
    b.data[b.len] = '\0';
    return buf_detach(&b, NULL);
}
