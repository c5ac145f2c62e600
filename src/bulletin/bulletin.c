/*
 * bulletin.c — choosing a bulletin's items, its words, and its schedule
 * (see bulletin.h).
 *
 * DESIGN: the store already orders cached items newest first across
 * feeds (published, else first seen), so choosing is one pass over the
 * newest BULLETIN_MAX_SCAN of them: drop those of other feeds and those
 * older than --max-age, and fold each into an earlier (newer) item that
 * tells the same story, adding its feed to that item's sources.  Whether
 * two headlines tell the same story is decided on their sets of words,
 * case folded and split at anything that is not a letter or a digit in
 * ICU's sense, so the quotation marks, dashes and colons of different
 * languages' typography do not matter.  Slots are computed from local
 * midnight each time, never by adding periods to the last slot, so a
 * schedule cannot drift and a clock that jumps is simply read again.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/datadir.h"
#include "base/utf8.h"
#include "bulletin/bulletin.h"
#include "feed/feed.h"
#include "store/store.h"

const char bulletin_no_news[] = "No news is available at the moment.";

/* ---- same story --------------------------------------------------------- */

#define WORDS_MAX 64
#define WORD_BYTES 64

struct words {
    char w[WORDS_MAX][WORD_BYTES];
    size_t n;
};

static void add_word(struct words *ws, const char *w, size_t len)
{
    if (len == 0 || ws->n == WORDS_MAX)
        return;
    for (size_t i = 0; i < ws->n; i++) {
        if (strlen(ws->w[i]) == len && memcmp(ws->w[i], w, len) == 0)
            return;
    }
    memcpy(ws->w[ws->n], w, len);
    ws->w[ws->n][len] = '\0';
    ws->n++;
}

/* The distinct words of s, case folded. */
static void words_of(const char *s, struct words *ws)
{
    ws->n = 0;
    char cur[WORD_BYTES];
    size_t len = 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    while (left > 0) {
        uint32_t cp;
        size_t k = utf8_decode(p, left, &cp);
        if (k == 0)
            k = 1;
        p += k;
        left -= k;
        if (u_isalnum((UChar32)cp) || u_charType((UChar32)cp) == U_NON_SPACING_MARK ||
            u_charType((UChar32)cp) == U_COMBINING_SPACING_MARK) {
            UChar32 f = u_foldCase((UChar32)cp, U_FOLD_CASE_DEFAULT);
            char enc[4];
            size_t m = 0;
            if (f < 0x80) {
                enc[m++] = (char)f;
            } else if (f < 0x800) {
                enc[m++] = (char)(0xC0 | (f >> 6));
                enc[m++] = (char)(0x80 | (f & 0x3F));
            } else if (f < 0x10000) {
                enc[m++] = (char)(0xE0 | (f >> 12));
                enc[m++] = (char)(0x80 | ((f >> 6) & 0x3F));
                enc[m++] = (char)(0x80 | (f & 0x3F));
            } else {
                enc[m++] = (char)(0xF0 | (f >> 18));
                enc[m++] = (char)(0x80 | ((f >> 12) & 0x3F));
                enc[m++] = (char)(0x80 | ((f >> 6) & 0x3F));
                enc[m++] = (char)(0x80 | (f & 0x3F));
            }
            if (len + m < WORD_BYTES) {
                memcpy(cur + len, enc, m);
                len += m;
            }
        } else {
            add_word(ws, cur, len);
            len = 0;
        }
    }
    add_word(ws, cur, len);
}

static bool words_same_story(const struct words *a, const struct words *b)
{
    if (a->n == 0 || b->n == 0)
        return false;
    size_t common = 0;
    for (size_t i = 0; i < a->n; i++) {
        for (size_t k = 0; k < b->n; k++) {
            if (strcmp(a->w[i], b->w[k]) == 0) {
                common++;
                break;
            }
        }
    }
    if (a->n < 3 || b->n < 3)
        return common == a->n && common == b->n;
    // Numbers carry the facts: "day 3" and "day 4", "6 dead" and "60
    // dead" are other stories however alike the rest.
    for (int side = 0; side < 2; side++) {
        const struct words *x = side ? b : a, *y = side ? a : b;
        for (size_t i = 0; i < x->n; i++) {
            if (x->w[i][0] < '0' || x->w[i][0] > '9')
                continue;
            bool found = false;
            for (size_t k = 0; k < y->n && !found; k++)
                found = strcmp(x->w[i], y->w[k]) == 0;
            if (!found)
                return false;
        }
    }
    // Dice's coefficient >= 0.75, in integers.
    return 8 * common >= 3 * (a->n + b->n);
}

bool bulletin_same_story(const char *a, const char *b)
{
    struct words *wa = xmalloc(sizeof *wa), *wb = xmalloc(sizeof *wb);
    words_of(a, wa);
    words_of(b, wb);
    bool same = words_same_story(wa, wb);
    free(wa);
    free(wb);
    return same;
}

/* ---- choosing ----------------------------------------------------------- */

/* A copy of s trimmed and cut to max bytes at a character boundary; NULL
 * for NULL or blank. */
static char *capped(const char *s, size_t max)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!*s)
        return NULL;
    size_t n = utf8_cut(s, strnlen(s, max + 1), max);
    return xstrndup(s, n);
}

static bool wanted_feed(const struct bulletin_opts *o, int64_t id)
{
    if (!o->feed_ids)
        return true;
    for (size_t i = 0; i < o->nfeed_ids; i++) {
        if (o->feed_ids[i] == id)
            return true;
    }
    return false;
}

static const struct store_feed *feed_of(const struct store_feed_list *l,
                                        int64_t id)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->feeds[i].id == id)
            return &l->feeds[i];
    }
    return NULL;
}

static void add_source(struct bulletin_item *it, const char *name)
{
    if (it->nsources == BULLETIN_MAX_SOURCES)
        return;
    for (size_t i = 0; i < it->nsources; i++) {
        if (strcmp(it->sources[i], name) == 0)
            return;
    }
    it->sources[it->nsources++] = capped(name, BULLETIN_MAX_TITLE);
}

int bulletin_build(struct store *s, const struct bulletin_opts *o, time_t at,
                   struct bulletin *out, struct hr_error *err)
{
    struct store_feed_list feeds;
    if (store_feed_list(s, &feeds, err) < 0)
        return -1;
    struct store_item_list items;
    if (store_items(s, 0, false, BULLETIN_MAX_SCAN, &items, err) < 0) {
        store_feed_list_release(&feeds);
        return -1;
    }
    struct bulletin b = {.at = at, .lang = xstrdup(o->lang ? o->lang : "en")};
    size_t want = o->headlines ? o->headlines : 5;
    b.items = xcalloc(want, sizeof *b.items);
    struct words *kept = xcalloc(want, sizeof *kept);
    struct words *cand = xmalloc(sizeof *cand);
    int64_t *feed_ids = xcalloc(want, sizeof *feed_ids);
    int64_t oldest = (int64_t)at - o->max_age_s;

    for (size_t i = 0; i < items.n; i++) {
        const struct store_item *it = &items.items[i];
        if (!wanted_feed(o, it->feed_id) || !it->title)
            continue;
        int64_t when = it->published != FEED_NO_TIME && it->published > 0
                           ? it->published : it->first_seen;
        if (when < oldest)
            continue;
        const struct store_feed *f = feed_of(&feeds, it->feed_id);
        const char *name = !f ? "a feed" : f->name ? f->name
                           : f->title ? f->title : f->url;
        words_of(it->title, cand);
        if (cand->n == 0)
            continue;
        // Said once: a later (older) copy only adds its feed's name.
        bool dup = false;
        for (size_t k = 0; k < b.n && !dup; k++) {
            if (words_same_story(&kept[k], cand)) {
                add_source(&b.items[k], name);
                dup = true;
            }
        }
        if (dup || b.n == want)
            continue;
        struct bulletin_item *bi = &b.items[b.n];
        bi->title = capped(it->title, BULLETIN_MAX_TITLE);
        if (!bi->title)
            continue;
        if (o->summaries)
            bi->summary = capped(it->summary, BULLETIN_MAX_SUMMARY);
        bi->lang = f ? capped(f->lang, 35) : NULL;
        bi->when = when;
        add_source(bi, name);
        kept[b.n] = *cand;
        bool seen = false;
        for (size_t k = 0; k < b.n; k++)
            seen |= feed_ids[k] == it->feed_id;
        b.nfeeds += !seen;
        feed_ids[b.n] = it->feed_id;
        b.n++;
    }
    free(kept);
    free(cand);
    free(feed_ids);
    store_item_list_release(&items);
    store_feed_list_release(&feeds);
    *out = b;
    return 0;
}

void bulletin_release(struct bulletin *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        struct bulletin_item *it = &b->items[i];
        free(it->title);
        free(it->summary);
        free(it->lang);
        for (size_t k = 0; k < it->nsources; k++)
            free(it->sources[k]);
    }
    free(b->items);
    free(b->lang);
    memset(b, 0, sizeof *b);
}

/* ---- words -------------------------------------------------------------- */

/* "7 o'clock" or "7:15", on a 12-hour clock as it is said. */
static void clock_words(time_t at, char *out, size_t n, bool oclock)
{
    struct tm tm;
    localtime_r(&at, &tm);
    int h = tm.tm_hour % 12;
    if (h == 0)
        h = 12;
    if (tm.tm_min == 0)
        snprintf(out, n, "%d%s", h, oclock ? " o'clock" : "");
    else
        snprintf(out, n, "%d:%02d", h, tm.tm_min);
}

/* The words a bulletin says around its items, in one language. */
struct says {
    char lang[36];          /* the language they are in */
    char intro[160], outro[160], no_news[160], and_[32];
};

static void says_english(struct says *w)
{
    snprintf(w->lang, sizeof w->lang, "en");
    snprintf(w->intro, sizeof w->intro, "It is {clock}. Here is the news.");
    snprintf(w->outro, sizeof w->outro, "That was the news at {at}.");
    snprintf(w->no_news, sizeof w->no_news, "%s", bulletin_no_news);
    snprintf(w->and_, sizeof w->and_, "and");
}

/*
 * The words for lang from voices/lang/LANG/bulletin.tsv (the user's copy
 * first), a "KEY<TAB>WORDS" line each for intro, outro, no-news and and;
 * English where there is no file for the language or a key is missing
 * (and then the words are said in English).
 */
static void says_for(const char *lang, struct says *w)
{
    says_english(w);
    char code[16] = "";
    for (size_t i = 0; lang && lang[i] && lang[i] != '-' && lang[i] != '_' &&
                       i + 1 < sizeof code; i++)
        code[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ? lang[i] + 32 : lang[i]);
    if (!code[0] || strspn(code, "abcdefghijklmnopqrstuvwxyz") != strlen(code) ||
        strcmp(code, "en") == 0)
        return;
    char rel[64];
    snprintf(rel, sizeof rel, "voices/lang/%s/bulletin.tsv", code);
    char *path = datadir_find(rel, NULL);
    FILE *f = path ? fopen(path, "r") : NULL;
    free(path);
    if (!f)
        return;
    struct says got;
    memset(&got, 0, sizeof got);
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        const char *v = tab + 1 + strspn(tab + 1, "\t ");
        char *dst = strcmp(line, "intro") == 0     ? got.intro
                    : strcmp(line, "outro") == 0   ? got.outro
                    : strcmp(line, "no-news") == 0 ? got.no_news
                    : strcmp(line, "and") == 0     ? got.and_ : NULL;
        size_t cap = dst == got.and_ ? sizeof got.and_ : sizeof got.intro;
        if (dst && strlen(v) < cap)
            memcpy(dst, v, strlen(v) + 1);
    }
    fclose(f);
    if (got.intro[0] && got.outro[0] && got.no_news[0] && got.and_[0]) {
        got.lang[0] = '\0';
        strncat(got.lang, lang, sizeof got.lang - 1);
        *w = got;
    }
}

/* pattern with {time} (19:30), {clock} ("7 o'clock", "7:15") and {at}
 * ("7", "7:15") put in, from at's local time, cut to fit n bytes at a
 * character boundary. */
static void fill(const char *pattern, time_t at, char *out, size_t n)
{
    struct tm tm;
    localtime_r(&at, &tm);
    char t24[16], clock[32], short12[32];
    snprintf(t24, sizeof t24, "%d:%02d", tm.tm_hour, tm.tm_min);
    clock_words(at, clock, sizeof clock, true);
    clock_words(at, short12, sizeof short12, false);
    struct buf b = BUF_INIT;
    for (const char *p = pattern; *p;) {
        if (strncmp(p, "{time}", 6) == 0)
            buf_puts(&b, t24, NULL), p += 6;
        else if (strncmp(p, "{clock}", 7) == 0)
            buf_puts(&b, clock, NULL), p += 7;
        else if (strncmp(p, "{at}", 4) == 0)
            buf_puts(&b, short12, NULL), p += 4;
        else
            buf_putc(&b, *p++, NULL);
    }
    size_t m = n ? utf8_cut(b.data ? b.data : "", b.len, n - 1) : 0;
    if (n) {
        memcpy(out, b.data ? b.data : "", m);
        out[m] = '\0';
    }
    buf_release(&b);
}

void bulletin_intro_text(const char *lang, time_t at, char *out, size_t n,
                         char said_lang[36])
{
    struct says w;
    says_for(lang, &w);
    fill(w.intro, at, out, n);
    memcpy(said_lang, w.lang, sizeof w.lang);
}

void bulletin_outro_text(const char *lang, time_t at, char *out, size_t n,
                         char said_lang[36])
{
    struct says w;
    says_for(lang, &w);
    fill(w.outro, at, out, n);
    memcpy(said_lang, w.lang, sizeof w.lang);
}

/* "No news is available at the moment.", in lang where herald has it. */
static void no_news_text(const char *lang, char *out, size_t n,
                         char said_lang[36])
{
    struct says w;
    says_for(lang, &w);
    snprintf(out, n, "%s", w.no_news);
    memcpy(said_lang, w.lang, sizeof w.lang);
}

static void sources_text(const struct bulletin_item *it, struct buf *out)
{
    struct says w;
    says_for(it->lang, &w);
    for (size_t k = 0; k < it->nsources; k++) {
        if (k > 0) {
            if (k + 1 == it->nsources) {
                buf_putc(out, ' ', NULL);
                buf_puts(out, w.and_, NULL);
                buf_putc(out, ' ', NULL);
            } else {
                buf_puts(out, ", ", NULL);
            }
        }
        buf_puts(out, it->sources[k], NULL);
    }
    buf_putc(out, '.', NULL);
}

static struct article *one_line(const char *lang, const char *title,
                                const char *text, struct hr_error *err)
{
    struct article *a = article_new();
    article_set(&a->lang, lang);
    article_set(&a->title, title);
    if (article_add(a, ROLE_PARAGRAPH, text, strlen(text), err) < 0 ||
        article_split_sentences(a, err) < 0) {
        article_free(a);
        return NULL;
    }
    return a;
}

int bulletin_articles(const struct bulletin *b, struct article ***out,
                      struct hr_error *err)
{
    size_t n = b->n ? b->n + 2 : 3;
    struct article **v = xcalloc(n, sizeof *v);
    char text[200], said[36];
    size_t k = 0;
    bulletin_intro_text(b->lang, b->at, text, sizeof text, said);
    if (!(v[k++] = one_line(said, "Intro", text, err)))
        goto fail;
    if (b->n == 0) {
        no_news_text(b->lang, text, sizeof text, said);
        if (!(v[k++] = one_line(said, "No news", text, err)))
            goto fail;
    }
    for (size_t i = 0; i < b->n; i++) {
        const struct bulletin_item *it = &b->items[i];
        struct article *a = article_new();
        v[k++] = a;
        article_set(&a->lang, it->lang);
        article_set(&a->title, it->title);
        struct buf src;
        buf_init(&src, 0);
        sources_text(it, &src);
        int rc = article_add(a, ROLE_HEADLINE, it->title, strlen(it->title), err);
        if (rc == 0 && src.len)
            rc = article_add(a, ROLE_CREDIT, src.data, src.len, err);
        buf_release(&src);
        if (rc == 0 && it->summary)
            rc = article_add(a, ROLE_PARAGRAPH, it->summary,
                             strlen(it->summary), err);
        if (rc < 0 || article_split_sentences(a, err) < 0)
            goto fail;
    }
    bulletin_outro_text(b->lang, b->at, text, sizeof text, said);
    if (!(v[k++] = one_line(said, "Outro", text, err)))
        goto fail;
    *out = v;
    return (int)k;
fail:
    for (size_t i = 0; i < n; i++)
        article_free(v[i]);
    free(v);
    return -1;
}

int bulletin_script(const struct bulletin *b, struct buf *out,
                    struct hr_error *err)
{
    struct article **v;
    int n = bulletin_articles(b, &v, err);
    if (n < 0)
        return -1;
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (rc == 0)
            rc = script_write_plain(v[i], false, out, err);
        article_free(v[i]);
    }
    free(v);
    return rc;
}

/* ---- time --------------------------------------------------------------- */

int bulletin_parse_duration(const char *s, int64_t *ms)
{
    static const struct { const char *unit; int64_t ms; } units[] = {
        {"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000},
        {"d", 86400000},
    };
    const int64_t max = (int64_t)366 * 86400000;
    int64_t total = 0;
    if (!s || !*s)
        return -1;
    while (*s) {
        if (*s < '0' || *s > '9')
            return -1;
        int64_t v = 0;
        while (*s >= '0' && *s <= '9') {
            v = v * 10 + (*s++ - '0');
            if (v > max)
                return -1;
        }
        size_t best = SIZE_MAX, best_len = 0;
        for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
            size_t l = strlen(units[i].unit);
            if (strncmp(s, units[i].unit, l) == 0 && l > best_len &&
                !(l == 1 && s[0] == 'm' && s[1] == 's')) {
                best = i;
                best_len = l;
            }
        }
        if (best == SIZE_MAX)
            return -1;
        s += best_len;
        if (v > max / units[best].ms)
            return -1;
        total += v * units[best].ms;
        if (total > max)
            return -1;
    }
    if (total <= 0)
        return -1;
    *ms = total;
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int bulletin_parse_at(const char *s, int *minutes, size_t max)
{
    size_t n = 0;
    if (!s || !*s)
        return -1;
    for (;;) {
        int h = 0, m = 0, digits = 0;
        while (*s >= '0' && *s <= '9' && digits < 2) {
            h = h * 10 + (*s++ - '0');
            digits++;
        }
        if (digits == 0 || *s++ != ':')
            return -1;
        if (!(s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'))
            return -1;
        m = (s[0] - '0') * 10 + (s[1] - '0');
        s += 2;
        if (h > 23 || m > 59 || n == max)
            return -1;
        minutes[n++] = h * 60 + m;
        if (*s == '\0')
            break;
        if (*s++ != ',')
            return -1;
        while (*s == ' ')
            s++;
    }
    qsort(minutes, n, sizeof *minutes, cmp_int);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k == 0 || minutes[k - 1] != minutes[i])
            minutes[k++] = minutes[i];
    }
    return (int)k;
}

/* Local midnight of the day `days` after the one holding t (epoch s). */
static time_t midnight(time_t t, int days)
{
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_mday += days;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

/* Local time h:m on the day `days` after the one holding t. */
static time_t at_time(time_t t, int days, int minute)
{
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_mday += days;
    tm.tm_hour = minute / 60;
    tm.tm_min = minute % 60;
    tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

int64_t bulletin_next_slot(int64_t after, int64_t every_ms,
                           const int *at_minutes, size_t nat)
{
    time_t t = (time_t)(after / 1000);
    for (int day = 0; day <= 2; day++) {
        if (every_ms > 0) {
            int64_t m0 = (int64_t)midnight(t, day) * 1000;
            int64_t m1 = (int64_t)midnight(t, day + 1) * 1000;
            int64_t k = after < m0 ? 0 : (after - m0) / every_ms + 1;
            int64_t slot = m0 + k * every_ms;
            if (slot < m1)
                return slot;
            if (after < m1 && m1 > after)
                return m1;     // the day ends: start again at midnight
        } else {
            for (size_t i = 0; i < nat; i++) {
                int64_t slot = (int64_t)at_time(t, day, at_minutes[i]) * 1000;
                if (slot > after)
                    return slot;
            }
        }
    }
    return INT64_MAX;
}
