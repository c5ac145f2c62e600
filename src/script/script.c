/*
 * script.c — the article model: segments with roles, metadata, limits.
 *
 * DESIGN: an article owns all its strings.  Text enters only through
 * article_add() and article_set(), which normalise white space and repair
 * invalid UTF-8, so everything downstream (sentence breaking, speech, JSON)
 * can rely on clean, non-empty, valid UTF-8.  No I/O, no threads.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "script/script.h"

static const char *const role_names[ROLE_COUNT] = {
    [ROLE_HEADLINE] = "headline",
    [ROLE_STANDFIRST] = "standfirst",
    [ROLE_BYLINE] = "byline",
    [ROLE_CAPTION] = "caption",
    [ROLE_HEADING] = "heading",
    [ROLE_PARAGRAPH] = "paragraph",
    [ROLE_QUOTE] = "quote",
    [ROLE_LIST_ITEM] = "list-item",
    [ROLE_TABLE_CELL] = "table-cell",
    [ROLE_CREDIT] = "credit",
};

const char *role_name(enum role r)
{
    return (unsigned)r < ROLE_COUNT ? role_names[r] : "unknown";
}

int role_from_name(const char *name)
{
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (strcmp(role_names[i], name) == 0)
            return i;
    }
    return -1;
}

bool role_is_body(enum role r)
{
    switch (r) {
    case ROLE_HEADING:
    case ROLE_PARAGRAPH:
    case ROLE_QUOTE:
    case ROLE_LIST_ITEM:
    case ROLE_TABLE_CELL:
        return true;
    default:
        return false;
    }
}

struct article *article_new(void)
{
    return xcalloc(1, sizeof(struct article));
}

void article_free(struct article *a)
{
    if (!a)
        return;
    free(a->title);
    free(a->byline);
    free(a->published);
    free(a->lang);
    free(a->site);
    free(a->excerpt);
    free(a->source);
    free(a->url);
    for (size_t i = 0; i < a->nsegs; i++) {
        free(a->segs[i].text);
        free(a->segs[i].sentences);
        free(a->segs[i].lang);
        for (uint32_t k = 0; k < a->segs[i].nspans; k++)
            free(a->segs[i].spans[k].lang);
        free(a->segs[i].spans);
    }
    free(a->segs);
    free(a);
}

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes), or 0 when the
 * bytes there are not one (overlong forms, surrogates and code points past
 * U+10FFFF are invalid).  *cp receives the code point.
 */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((c & 0xe0) == 0xc0) {
        len = 2, v = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        len = 3, v = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return len;
}

/* White space a listener never hears: ASCII space and controls, NBSP,
 * the Unicode spaces, line and paragraph separators, BOM/ZWNBSP. */
static bool is_space_cp(uint32_t cp)
{
    return cp <= 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
           cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200b) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
           cp == 0x3000 || cp == 0xfeff;
}

size_t script_normalize_ws(const char *in, size_t len, struct buf *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t start = out->len;
    bool pending_space = false;

    for (size_t i = 0; i < len;) {
        // A run of characters kept as they are (printable ASCII, and any
        // valid sequence that is no space, bidi control, noncharacter or
        // soft hyphen) goes in at once: most of most text.
        size_t j = i;
        while (j < len) {
            if (s[j] > 0x20 && s[j] < 0x7f) {
                j++;
                continue;
            }
            uint32_t c;
            size_t m = s[j] < 0x80 ? 0 : utf8_seq(s + j, len - j, &c);
            if (m == 0 || is_space_cp(c) || utf8_is_bidi_control(c) ||
                utf8_is_noncharacter(c) || c == 0xad)
                break;
            j += m;
        }
        if (j > i) {
            if (pending_space) {
                if (buf_putc(out, ' ', NULL) < 0)
                    break;
                pending_space = false;
            }
            if (buf_append(out, s + i, j - i, NULL) < 0) {
                // Over the cap: keep the whole characters that fit, as one
                // character at a time would.
                size_t room = out->cap > out->len ? out->cap - out->len : 0;
                size_t k = i;
                while (k < j) {
                    size_t m = s[k] < 0x80 ? 1 : s[k] < 0xe0 ? 2 : s[k] < 0xf0 ? 3 : 4;
                    if (k + m - i > room)
                        break;
                    k += m;
                }
                if (k > i)
                    buf_append(out, s + i, k - i, NULL);
                break;
            }
            i = j;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_seq(s + i, len - i, &cp);
        if (n == 0) {
            cp = 0xfffd;    // invalid byte: replacement character
            n = 1;
        }
        if (is_space_cp(cp)) {
            pending_space = out->len > start;
            i += n;
            continue;
        }
        // Bidi controls would reorder what a terminal or braille display
        // shows (speech reads in logical order and needs none of them);
        // noncharacters are not text; a soft hyphen (U+00AD) only says
        // where a word may break at the end of a printed line, and would
        // split the word for a speech engine or a search.  All go
        // without a trace.
        if (utf8_is_bidi_control(cp) || utf8_is_noncharacter(cp) ||
            cp == 0xad) {
            i += n;
            continue;
        }
        if (pending_space) {
            if (buf_putc(out, ' ', NULL) < 0)
                break;
            pending_space = false;
        }
        int rc = cp == 0xfffd && n == 1
                     ? buf_append(out, "\xef\xbf\xbd", 3, NULL)
                     : buf_append(out, s + i, n, NULL);
        if (rc < 0)
            break;
        i += n;
    }
    return out->len - start;
}

int article_add(struct article *a, enum role role, const char *text,
                size_t len, struct hr_error *err)
{
    if ((unsigned)role >= ROLE_COUNT)
        HR_BUG("bad role %d", (int)role);
    if (a->nsegs >= SCRIPT_MAX_SEGMENTS)
        return hr_fail(err, HR_ELIMIT, "article has more than %d segments",
                       SCRIPT_MAX_SEGMENTS);

    struct buf b = BUF_INIT;
    size_t n = script_normalize_ws(text, len, &b);
    if (n == 0) {
        buf_release(&b);
        return 0;
    }
    if (n > UINT32_MAX || a->text_bytes + n > SCRIPT_MAX_TEXT) {
        buf_release(&b);
        return hr_fail(err, HR_ELIMIT, "article text is larger than %zu MB",
                       SCRIPT_MAX_TEXT >> 20);
    }
    if (a->nsegs == a->segs_alloc) {
        a->segs_alloc = a->segs_alloc ? a->segs_alloc * 2 : 32;
        a->segs = xreallocarray(a->segs, a->segs_alloc, sizeof *a->segs);
    }
    uint32_t section = a->nsegs ? a->segs[a->nsegs - 1].section : 0;
    if (role == ROLE_HEADING)
        section++;
    struct segment *seg = &a->segs[a->nsegs++];
    memset(seg, 0, sizeof *seg);
    seg->role = role;
    seg->text = buf_detach(&b, NULL);
    seg->len = (uint32_t)n;
    seg->section = section;
    a->text_bytes += n;
    return 0;
}

void segment_set_label(struct segment *seg, size_t label)
{
    seg->label = label >= 3 && label < seg->len && seg->text[label - 2] == ':' &&
                 seg->text[label - 1] == ' '
                 ? (uint32_t)label : 0;
}

const char *segment_lang(const struct article *a, size_t i)
{
    return i < a->nsegs && a->segs[i].lang ? a->segs[i].lang : a->lang;
}

void segment_add_span(struct article *a, size_t i, uint32_t start,
                      uint32_t len, const char *lang)
{
    if (i >= a->nsegs || !lang || !*lang || len == 0)
        return;
    struct segment *s = &a->segs[i];
    if (start > s->len || len > s->len - start)
        return;
    // Character boundaries: not in the middle of a UTF-8 sequence.
    unsigned char first = (unsigned char)s->text[start];
    unsigned char after = (unsigned char)s->text[start + len];
    if ((first & 0xc0) == 0x80 || (after & 0xc0) == 0x80)
        return;
    if (s->nspans) {
        const struct lang_span *last = &s->spans[s->nspans - 1];
        if (start < last->start + last->len)
            return;
    }
    s->spans = xreallocarray(s->spans, s->nspans + 1, sizeof *s->spans);
    s->spans[s->nspans++] = (struct lang_span){start, len, xstrdup(lang)};
}

void article_set(char **field, const char *s)
{
    free(*field);
    *field = NULL;
    if (!s)
        return;
    struct buf b = BUF_INIT;
    b.cap = 1 << 20;    // metadata longer than 1 MB is cut there
    if (script_normalize_ws(s, strlen(s), &b) > 0)
        *field = buf_detach(&b, NULL);
    else
        buf_release(&b);
}

uint32_t article_nsections(const struct article *a)
{
    return a->nsegs ? a->segs[a->nsegs - 1].section + 1 : 1;
}

char *article_id(const struct article *a, size_t max)
{
    if (a->url && strlen(a->url) < max)
        return xstrdup(a->url);
    if (a->source && (strncmp(a->source, "http://", 7) == 0 ||
                      strncmp(a->source, "https://", 8) == 0) &&
        strlen(a->source) < max)
        return xstrdup(a->source);
    uint64_t h = 0xcbf29ce484222325ULL;     // FNV-1a over the segments
    for (size_t i = 0; i < a->nsegs; i++) {
        const unsigned char *s = (const unsigned char *)a->segs[i].text;
        for (uint32_t k = 0; k < a->segs[i].len; k++)
            h = (h ^ s[k]) * 0x100000001b3ULL;
        h = (h ^ '\n') * 0x100000001b3ULL;
    }
    return xasprintf("text:%016llx", (unsigned long long)h);
}
