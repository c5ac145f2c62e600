/*
 * extract.c — extract_article(): bytes of a page to a listening script.
 *
 * DESIGN: decode (text/), parse with libxml2's HTML parser (recovering,
 * no network, the document's own charset hints ignored since the bytes are
 * already UTF-8, the tree's depth bounded by dom_parse_html), flag and
 * score the tree (body.c), read the metadata (meta.c), then emit the
 * segments in listening order.  Each element gets a struct ninfo through
 * node->_private for the duration of the call.  Nothing is fetched and
 * nothing is printed.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "extract/extract.h"
#include "extract/extract_internal.h"
#include "text/decode.h"

static void silence(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/*
 * Remove the numeric character references that name no XML character
 * (&#0;, &#xFFFF;, a surrogate, a C0 control, a value past U+10FFFF).
 * libxml2's HTML parser turns such a reference inside an attribute into a
 * NUL byte, which cuts the value there ("Jane &#xFFFF; Doe" in a meta
 * author gave the byline "Jane"); in text it drops the reference, which
 * is what this does everywhere.  In place: the text only gets shorter.
 */
static void drop_bad_char_refs(struct buf *b)
{
    char *s = b->data;
    size_t len = b->len, w = 0;
    if (!s)
        return;
    for (size_t r = 0; r < len;) {
        // Most of a page is not a reference: move the whole run up to the
        // next '&' at once.
        const char *amp = memchr(s + r, '&', len - r);
        size_t upto = amp ? (size_t)(amp - s) : len;
        if (w != r)
            memmove(s + w, s + r, upto - r);
        w += upto - r;
        r = upto;
        if (r >= len)
            break;
        if (r + 2 >= len || s[r + 1] != '#') {
            s[w++] = s[r++];
            continue;
        }
        size_t j = r + 2;
        bool hex = s[j] == 'x' || s[j] == 'X';
        j += hex;
        size_t digits = j;
        uint32_t v = 0;
        for (; j < len; j++) {
            int d = s[j] >= '0' && s[j] <= '9' ? s[j] - '0'
                  : hex && s[j] >= 'a' && s[j] <= 'f' ? s[j] - 'a' + 10
                  : hex && s[j] >= 'A' && s[j] <= 'F' ? s[j] - 'A' + 10 : -1;
            if (d < 0)
                break;
            v = v > 0x110000 ? v : v * (hex ? 16 : 10) + (uint32_t)d;
        }
        bool xml_char = v == 0x9 || v == 0xa || v == 0xd ||
                        (v >= 0x20 && v <= 0xd7ff) ||
                        (v >= 0xe000 && v <= 0xfffd) ||
                        (v >= 0x10000 && v <= 0x10ffff);
        if (j == digits || xml_char) {
            s[w++] = s[r++];
            continue;
        }
        r = j < len && s[j] == ';' ? j + 1 : j;
    }
    b->len = w;
    s[w] = '\0';
}

/* Bytes at s[0..len) start with the ASCII word w, any case? */
static bool starts_ci(const char *s, size_t len, const char *w)
{
    size_t m = strlen(w);
    return len >= m && strncasecmp(s, w, m) == 0;
}

/* The first s[i..len) place that starts with w (any case), or len. */
static size_t find_ci(const char *s, size_t i, size_t len, const char *w)
{
    for (; i < len; i++) {
        const char *at = memchr(s + i, w[0], len - i);
        if (!at)
            return len;
        i = (size_t)(at - s);
        if (starts_ci(s + i, len - i, w))
            return i;
    }
    return len;
}

/*
 * HTML allows an attribute name to start with "@" (Vue's and Alpine's
 * "@click", "@scroll.window"); libxml2 2.9's parser does not: it skips
 * the name up to the next blank, and if the value holds a ">" ("() =>
 * {...}") the tag ends there and the rest of it is read as text, the
 * script and all.  In a tag, an "@" that starts a word after a blank
 * becomes "_", a name libxml2 takes.  One pass: each "@" is found with
 * memchr, and the bytes up to it are read once to know whether it is in
 * a tag (quotes followed, so a ">" inside a value does not end it).
 */
static void at_attribute_names(struct buf *b)
{
    char *s = b->data;
    size_t len = b->len, done = 0;
    bool in_tag = false;
    char quote = 0;
    for (char *a = memchr(s, '@', len); a; a = memchr(a + 1, '@', len - (size_t)(a + 1 - s))) {
        size_t i = (size_t)(a - s);
        if (i == 0 || i + 1 >= len || !isspace((unsigned char)s[i - 1]) ||
            !isalpha((unsigned char)s[i + 1]))
            continue;
        // An attribute: "@name=" or "@name.mod:arg=" ("@media" in a
        // style sheet and "@user" in text have no "=" there).
        size_t k = i + 1;
        while (k < len && k - i < 64 &&
               (isalnum((unsigned char)s[k]) || (s[k] && strchr(".:_-", s[k]))))
            k++;
        if (k >= len || s[k] != '=')
            continue;
        for (; done < i; done++) {
            char c = s[done];
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '<') {
                in_tag = done + 1 < len && isalpha((unsigned char)s[done + 1]);
            } else if (in_tag && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == '>') {
                in_tag = false;
            }
        }
        if (in_tag && !quote)
            s[i] = '_';
    }
}

/*
 * "<script ... />" does not close the script in HTML: a browser reads
 * what follows as the script, up to "</script>"; libxml2 closes it there
 * and reads the code as the page's text.  When the start tag at s[i]
 * ends in "/>" and only text (no tag) lies between it and the
 * "</script" at s[e], the "/" becomes a blank, as a browser reads it.
 */
static void script_not_closed(char *s, size_t i, size_t e)
{
    const char *gt = memchr(s + i, '>', e - i);
    if (!gt || gt == s + i || gt[-1] != '/' || memchr(gt + 1, '<', (size_t)(s + e - gt - 1)))
        return;
    for (const char *k = gt + 1; k < s + e; k++)
        if (!isspace((unsigned char)*k)) {
            s[(gt - s) - 1] = ' ';
            return;
        }
}

/*
 * A browser runs scripts, and then reads <noscript> as raw text up to the
 * next </noscript>, whatever it holds; libxml2 parses it as markup, and
 * ignores a </noscript> while an element opened inside it is still open
 * ("<noscript><div></noscript>"), so the rest of the page, story and all,
 * ends up inside the <noscript>, which is never read.  Renaming the tags
 * to <script  > and </script  > (same length, in place) gets the browser's
 * reading from libxml2, whose script is raw text.  Scripts, styles and
 * comments are stepped over, so a "<noscript>" written inside them is left
 * alone.
 */
static void noscript_as_raw(struct buf *b)
{
    char *s = b->data;
    size_t len = b->len, i = 0;
    while ((i = find_ci(s, i, len, "<")) < len) {
        const char *t = s + i + 1;
        size_t rest = len - i - 1;
        int c = rest ? (unsigned char)*t | 0x20 : 0;   // most tags: none of these
        if (c != '!' && c != 's' && c != 'n') {
            i++;
        } else if (starts_ci(t, rest, "!--")) {
            size_t e = find_ci(s, i + 4, len, "-->");
            i = e < len ? e + 3 : len;
        } else if (starts_ci(t, rest, "script") || starts_ci(t, rest, "style")) {
            const char *end = (t[1] | 0x20) == 'c' ? "</script" : "</style";
            size_t e = find_ci(s, i + 1, len, end);
            if (e < len)
                script_not_closed(s, i, e);
            i = e < len ? e + strlen(end) : len;
        } else if (starts_ci(t, rest, "noscript") && rest > 8 &&
                   (t[8] == '>' || t[8] == '/' || isspace((unsigned char)t[8]))) {
            size_t e = find_ci(s, i + 9, len, "</noscript");
            if (e >= len)
                return;     // a browser reads the rest as raw text too
            memcpy(s + i + 1, "script  ", 8);
            memcpy(s + e + 2, "script  ", 8);
            i = e + 10;
        } else {
            i++;
        }
    }
}

static size_t attach_info(struct page *p)
{
    size_t count = 0;
    for (xmlNode *n = p->root; n; n = dom_next(n, p->root))
        if (n->type == XML_ELEMENT_NODE)
            count++;
    p->info = xcalloc(count ? count : 1, sizeof *p->info);
    p->ninfo = count;
    size_t k = 0;
    for (xmlNode *n = p->root; n; n = dom_next(n, p->root))
        if (n->type == XML_ELEMENT_NODE)
            n->_private = &p->info[k++];
    return count;
}

int extract_article(const char *data, size_t len, const struct extract_opts *o,
                    struct article **out, struct hr_error *err)
{
    const char *name = o && o->source ? o->source : "page";
    const char *kind;
    if (text_looks_binary(data, len, o ? o->content_type : NULL, &kind))
        return hr_fail(err, HR_EPARSE, "'%s' is not a web page: it looks like %s",
                       name, kind);
    struct buf utf8 = BUF_INIT;
    if (text_decode_html(data, len, o ? o->content_type : NULL, &utf8, NULL,
                         err) < 0) {
        buf_release(&utf8);
        return -1;
    }
    drop_bad_char_refs(&utf8);
    if (utf8.len > (size_t)INT32_MAX) {
        buf_release(&utf8);
        return hr_fail(err, HR_ELIMIT, "'%s' is too large", name);
    }
    xmlSetGenericErrorFunc(NULL, silence);
    // libxml2's parser stops at a NUL byte; a page may hold a stray run of
    // them in its markup, with the story after it.
    if (memchr(utf8.data, '\0', utf8.len)) {
        size_t w = 0;
        for (size_t r = 0; r < utf8.len; r++)
            if (utf8.data[r])
                utf8.data[w++] = utf8.data[r];
        utf8.len = w;
        utf8.data[w] = '\0';
    }
    noscript_as_raw(&utf8);
    at_attribute_names(&utf8);
    htmlDocPtr doc = dom_parse_html(utf8.data, utf8.len);
    buf_release(&utf8);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        if (doc)
            xmlFreeDoc(doc);
        return hr_fail(err, HR_EPARSE, "'%s' is not an HTML page", name);
    }

    struct page p = {.doc = doc, .root = root};
    for (xmlNode *n = root->children; n; n = n->next)
        if (dom_is(n, "body"))
            p.body = n;
    if (!p.body)
        p.body = root;
    attach_info(&p);

    struct article *a = article_new();
    body_prepare(&p);
    meta_extract(&p, o, a);
    p.title = a->title;
    int rc = body_emit(&p, a, err);
    if (rc == 0)
        rc = body_second_opinion(&p, a, err);

    // No summary in the metadata: the story's first paragraph stands in.
    for (size_t k = 0; rc == 0 && !a->excerpt && k < a->nsegs; k++)
        if (a->segs[k].role == ROLE_PARAGRAPH)
            article_set(&a->excerpt, a->segs[k].text);

    if (rc == 0 && !a->lang) {
        struct buf text = BUF_INIT;
        for (size_t k = 0; k < a->nsegs && text.len < 4096; k++)
            if (role_is_body(a->segs[k].role)) {
                buf_append(&text, a->segs[k].text, a->segs[k].len, NULL);
                buf_putc(&text, ' ', NULL);
            }
        char *l = meta_guess_lang(text.data, text.len);
        article_set(&a->lang, l);
        free(l);
        buf_release(&text);
        // Passages marked in the language now found are in the article's.
        for (size_t k = 0; a->lang && k < a->nsegs; k++) {
            const char *sl = a->segs[k].lang;
            size_t n = sl ? strcspn(sl, "-_") : 0;
            if (sl && n == strcspn(a->lang, "-_") &&
                strncasecmp(sl, a->lang, n) == 0)
                article_set(&a->segs[k].lang, NULL);
        }
    }

    for (xmlNode *n = root; n; n = dom_next(n, root))
        n->_private = NULL;
    free(p.info);
    free(p.ld_body);
    xmlFreeDoc(doc);
    if (rc < 0) {
        article_free(a);
        return -1;
    }
    bool body = false;
    for (size_t k = 0; k < a->nsegs && !body; k++)
        body = role_is_body(a->segs[k].role);
    if (!body) {
        article_free(a);
        return hr_fail(err, HR_EEMPTY, "'%s' holds no article text", name);
    }
    *out = a;
    return 0;
}
