/*
 * list.c — the headlines a listener moves through, and the words said
 * about them (see news.h).
 *
 * DESIGN: the list is a copy of the store's cached items (newest first,
 * as store_items() orders them) with their feed's name and language, so
 * that browsing never waits on SQLite or the network.  The view is an
 * array of indexes recomputed only by news_list_filter(); the cursor is
 * an index into it.  Every string is capped (NEWS_MAX_*) at a UTF-8
 * character boundary.  Runs on the main thread; prints nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "feed/feed.h"
#include "news/news.h"
#include "store/store.h"

/* A copy of s cut to at most max bytes at a character boundary, NULL for
 * NULL or blank. */
static char *capped(const char *s, size_t max)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (!*s)
        return NULL;
    size_t n = utf8_cut(s, strnlen(s, max + 1), max);
    char *c = xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

int news_list_load(struct news_list *l, struct store *s, int64_t feed_id,
                   bool unread_only, struct hr_error *err)
{
    struct store_feed_list feeds;
    if (store_feed_list(s, &feeds, err) < 0)
        return -1;
    struct store_item_list items;
    if (store_items(s, feed_id, false, NEWS_MAX_ITEMS, &items, err) < 0) {
        store_feed_list_release(&feeds);
        return -1;
    }
    memset(l, 0, sizeof *l);
    l->entries = xcalloc(items.n ? items.n : 1, sizeof *l->entries);
    for (size_t i = 0; i < items.n; i++) {
        const struct store_item *it = &items.items[i];
        struct news_entry *e = &l->entries[l->n++];
        e->item_id = it->id;
        e->title = capped(it->title, NEWS_MAX_TITLE);
        if (!e->title)
            e->title = xstrdup("untitled");
        e->link = capped(it->link, STORE_MAX_KEY);
        e->summary = capped(it->summary, NEWS_MAX_SUMMARY);
        e->when = it->published != FEED_NO_TIME && it->published > 0
                      ? it->published : it->first_seen;
        e->read = it->read;
        for (size_t k = 0; k < feeds.n; k++) {
            const struct store_feed *f = &feeds.feeds[k];
            if (f->id != it->feed_id)
                continue;
            e->feed = capped(f->name ? f->name : f->title ? f->title : f->url,
                             NEWS_MAX_TITLE);
            e->lang = capped(f->lang, 35);
            break;
        }
        if (!e->feed)
            e->feed = xstrdup("a feed");
    }
    store_item_list_release(&items);
    store_feed_list_release(&feeds);
    l->view = xcalloc(l->n ? l->n : 1, sizeof *l->view);
    l->unread_only = unread_only;
    news_list_filter(l, unread_only);
    return 0;
}

void news_list_release(struct news_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct news_entry *e = &l->entries[i];
        free(e->title);
        free(e->link);
        free(e->summary);
        free(e->feed);
        free(e->lang);
    }
    free(l->entries);
    free(l->view);
    memset(l, 0, sizeof *l);
}

void news_list_filter(struct news_list *l, bool unread_only)
{
    // The entry under the cursor now, to stay on (or just after) it.
    size_t at = l->nview ? l->view[l->cursor] : 0;
    l->unread_only = unread_only;
    l->nview = 0;
    size_t cursor = SIZE_MAX;
    for (size_t i = 0; i < l->n; i++) {
        if (unread_only && l->entries[i].read)
            continue;
        if (cursor == SIZE_MAX && i >= at)
            cursor = l->nview;
        l->view[l->nview++] = i;
    }
    if (l->nview == 0)
        l->cursor = 0;
    else if (cursor == SIZE_MAX)
        l->cursor = l->nview - 1;
    else
        l->cursor = cursor;
}

struct news_entry *news_list_current(struct news_list *l)
{
    return l->nview ? &l->entries[l->view[l->cursor]] : NULL;
}

bool news_list_move(struct news_list *l, long delta)
{
    if (l->nview == 0)
        return false;
    long to = (long)l->cursor + delta;
    if (to < 0)
        to = 0;
    if (to > (long)l->nview - 1)
        to = (long)l->nview - 1;
    if ((size_t)to == l->cursor)
        return false;
    l->cursor = (size_t)to;
    return true;
}

/* ---- words ------------------------------------------------------------ */

void news_age_text(int64_t when, int64_t now, char *out, size_t n)
{
    if (when <= 0 || when == FEED_NO_TIME) {
        snprintf(out, n, "at an unknown time");
        return;
    }
    int64_t d = now - when;
    if (d < 60) {
        snprintf(out, n, "just now");
        return;
    }
    struct {
        int64_t secs;
        const char *unit;
    } units[] = {{86400, "day"}, {3600, "hour"}, {60, "minute"}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        // Days from two days on; hours from one hour on.
        if (i == 0 && d < 2 * 86400)
            continue;
        if (d >= units[i].secs) {
            long long k = (long long)(d / units[i].secs);
            snprintf(out, n, "%lld %s%s ago", k, units[i].unit,
                     k == 1 ? "" : "s");
            return;
        }
    }
    snprintf(out, n, "just now");
}

bool news_link_fetchable(const char *link)
{
    return link && (strncasecmp(link, "http://", 7) == 0 ||
                    strncasecmp(link, "https://", 8) == 0);
}

int news_summary_article(const struct news_entry *e, const char *notice,
                         struct article **out, struct hr_error *err)
{
    struct article *a = article_new();
    article_set(&a->title, e->title);
    article_set(&a->lang, e->lang);
    // No source: the resume position is keyed by this text, not the link.
    const char *summary = e->summary ? e->summary
                                     : "This item has no summary.";
    if (article_add(a, ROLE_HEADLINE, e->title, strlen(e->title), err) < 0 ||
        (notice && article_add(a, ROLE_STANDFIRST, notice, strlen(notice),
                               err) < 0) ||
        article_add(a, ROLE_PARAGRAPH, summary, strlen(summary), err) < 0 ||
        article_split_sentences(a, err) < 0) {
        article_free(a);
        return -1;
    }
    *out = a;
    return 0;
}
