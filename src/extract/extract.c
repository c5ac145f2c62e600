/*
 * extract.c — extract_article(): bytes of a page to a listening script.
 *
 * DESIGN: decode (text/), parse with libxml2's HTML parser (recovering,
 * no network, the document's own charset hints ignored since the bytes are
 * already UTF-8, no HTML_PARSE_HUGE so libxml2 keeps its depth and size
 * limits), flag and score the tree (body.c), read the metadata (meta.c),
 * then emit the segments in listening order.  Each element gets a struct
 * ninfo through node->_private for the duration of the call.  Nothing is
 * fetched and nothing is printed.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "extract/extract.h"
#include "extract/extract_internal.h"
#include "text/decode.h"

static void silence(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
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
    htmlDocPtr doc = htmlReadMemory(utf8.data, (int)utf8.len, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                    HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                    HTML_PARSE_IGNORE_ENC);
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
