/*
 * write.c — the listening script as text: plain lines, JSON, SSML.
 *
 * DESIGN: writers append to a capped buffer and never print; cli/text.c
 * writes the buffer out.  Plain output is one segment a line, which a
 * screen reader reads well and a pipeline can split.  JSON goes through
 * jansson so escaping is never hand-rolled.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "script/script.h"

int script_write_plain(const struct article *a, bool body_only,
                       struct buf *out, struct hr_error *err)
{
    for (size_t i = 0; i < a->nsegs; i++) {
        const struct segment *s = &a->segs[i];
        if (body_only && !role_is_body(s->role))
            continue;
        if (buf_append(out, s->text, s->len, err) < 0 ||
            buf_putc(out, '\n', err) < 0)
            return -1;
    }
    return 0;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

int script_write_json(const struct article *a, bool body_only,
                      struct buf *out, struct hr_error *err)
{
    json_t *root = json_object();
    json_object_set_new(root, "title", str_or_null(a->title));
    json_object_set_new(root, "byline", str_or_null(a->byline));
    json_object_set_new(root, "published", str_or_null(a->published));
    json_object_set_new(root, "lang", str_or_null(a->lang));
    json_object_set_new(root, "site", str_or_null(a->site));
    json_object_set_new(root, "excerpt", str_or_null(a->excerpt));
    json_t *segs = json_array();
    for (size_t i = 0; i < a->nsegs; i++) {
        const struct segment *s = &a->segs[i];
        if (body_only && !role_is_body(s->role))
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "role", json_string(role_name(s->role)));
        // A table cell's header is a field of its own; its text is the
        // page's (plain, SSML and speech read "Header: text").
        if (s->label)
            json_object_set_new(o, "header", json_stringn(s->text, s->label - 2));
        json_object_set_new(o, "text", json_stringn(s->text + s->label, s->len - s->label));
        json_object_set_new(o, "lang", str_or_null(segment_lang(a, i)));
        if (s->nspans) {
            json_t *spans = json_array();
            for (uint32_t k = 0; k < s->nspans; k++) {
                json_t *sp = json_object();
                json_object_set_new(sp, "text", json_stringn(
                    s->text + s->spans[k].start, s->spans[k].len));
                json_object_set_new(sp, "lang", json_string(s->spans[k].lang));
                json_array_append_new(spans, sp);
            }
            json_object_set_new(o, "spans", spans);
        }
        json_array_append_new(segs, o);
    }
    json_object_set_new(root, "segments", segs);
    char *text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text)
        return hr_fail(err, HR_EIO, "cannot write JSON");
    int rc = buf_puts(out, text, err);
    free(text);
    if (rc == 0)
        rc = buf_putc(out, '\n', err);
    return rc;
}

static int put_xml_escaped(struct buf *out, const char *s, size_t n,
                           struct hr_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case '"': rep = "&quot;"; break;
        default: break;
        }
        int rc = rep ? buf_puts(out, rep, err) : buf_putc(out, s[i], err);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int script_write_ssml(const struct article *a, bool body_only,
                      struct buf *out, struct hr_error *err)
{
    if (buf_puts(out, "<speak version=\"1.1\" "
                      "xmlns=\"http://www.w3.org/2001/10/synthesis\"", err) < 0)
        return -1;
    if (a->lang) {
        if (buf_puts(out, " xml:lang=\"", err) < 0 ||
            put_xml_escaped(out, a->lang, strlen(a->lang), err) < 0 ||
            buf_putc(out, '"', err) < 0)
            return -1;
    }
    if (buf_puts(out, ">\n", err) < 0)
        return -1;
    for (size_t i = 0; i < a->nsegs; i++) {
        const struct segment *s = &a->segs[i];
        if (body_only && !role_is_body(s->role))
            continue;
        if (s->lang) {
            if (buf_puts(out, "<p xml:lang=\"", err) < 0 ||
                put_xml_escaped(out, s->lang, strlen(s->lang), err) < 0 ||
                buf_puts(out, "\">", err) < 0)
                return -1;
        } else if (buf_puts(out, "<p>", err) < 0) {
            return -1;
        }
        if (s->nsentences == 0) {
            if (put_xml_escaped(out, s->text, s->len, err) < 0)
                return -1;
        }
        for (uint32_t k = 0; k < s->nsentences; k++) {
            const struct sentence *t = &s->sentences[k];
            if (buf_puts(out, k ? " <s>" : "<s>", err) < 0 ||
                put_xml_escaped(out, s->text + t->start, t->len, err) < 0 ||
                buf_puts(out, "</s>", err) < 0)
                return -1;
        }
        if (buf_puts(out, "</p>\n", err) < 0)
            return -1;
    }
    return buf_puts(out, "</speak>\n", err);
}
