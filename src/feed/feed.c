/*
 * feed.c — the feed model: allocation and release.
 *
 * DESIGN: a feed owns its items and they own their strings; items grow in
 * one array (doubling), capped at FEED_MAX_ITEMS.  Nothing here knows the
 * formats; parse.c fills the model.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "feed/feed.h"

struct feed *feed_new(const char *location)
{
    struct feed *f = xcalloc(1, sizeof *f);
    f->location = location ? xstrdup(location) : NULL;
    f->updated = FEED_NO_TIME;
    return f;
}

void feed_item_release(struct feed_item *it)
{
    free(it->id);
    free(it->title);
    free(it->link);
    free(it->author);
    free(it->summary);
    free(it->content);
    for (size_t i = 0; i < it->n_enclosures; i++) {
        free(it->enclosures[i].url);
        free(it->enclosures[i].type);
    }
    free(it->enclosures);
    memset(it, 0, sizeof *it);
}

void feed_free(struct feed *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_items; i++)
        feed_item_release(&f->items[i]);
    free(f->items);
    free(f->location);
    free(f->title);
    free(f->link);
    free(f->description);
    free(f->lang);
    free(f);
}

struct feed_item *feed_add_item(struct feed *f)
{
    if (f->n_items >= FEED_MAX_ITEMS)
        return NULL;
    if (f->n_items == f->alloc_items) {
        f->alloc_items = f->alloc_items ? f->alloc_items * 2 : 16;
        f->items = xreallocarray(f->items, f->alloc_items, sizeof *f->items);
    }
    struct feed_item *it = &f->items[f->n_items++];
    memset(it, 0, sizeof *it);
    it->published = FEED_NO_TIME;
    it->updated = FEED_NO_TIME;
    return it;
}

void feed_item_add_enclosure(struct feed_item *it, const char *url,
                             const char *type, int64_t length)
{
    if (!url || it->n_enclosures >= FEED_MAX_ENCLOSURES)
        return;
    for (size_t i = 0; i < it->n_enclosures; i++) {
        if (strcmp(it->enclosures[i].url, url) == 0)
            return;     // the same file named twice (enclosure + media:content)
    }
    it->enclosures = xreallocarray(it->enclosures, it->n_enclosures + 1,
                                   sizeof *it->enclosures);
    struct feed_enclosure *e = &it->enclosures[it->n_enclosures++];
    e->url = xstrdup(url);
    e->type = type && *type ? xstrdup(type) : NULL;
    e->length = length;
}
