/*
 * store.h — herald's SQLite database: subscriptions, the feed cache, read
 * state and resume positions.
 *
 * One file, by default $XDG_DATA_HOME/herald/herald.db (else
 * ~/.local/share/herald/herald.db); `--db PATH` picks another.  WAL
 * journal, foreign keys on, a busy timeout so that two herald processes
 * (an update and a player) can share it, the schema migrated by
 * PRAGMA user_version.  Every change is one transaction: a crash or a
 * kill -9 leaves the database as it was before or after it.
 *
 * Threads: a struct store belongs to the thread that opened it (the main
 * thread).  Strings returned in structs are owned by those structs and
 * released by the matching *_release / *_free function.
 */
#ifndef HERALD_STORE_H
#define HERALD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "feed/feed.h"

struct store;

/* ---- opening ---------------------------------------------------------- */

/*
 * The default database path ($XDG_DATA_HOME/herald/herald.db, or
 * $HOME/.local/share/herald/herald.db).  Returns a new string (caller
 * frees), or NULL with *err set when neither variable is usable.
 */
char *store_default_path(struct hr_error *err);

/*
 * Open (creating it and its folder if needed) the database at path, or at
 * store_default_path() when path is NULL, and migrate its schema.  Returns
 * 0 and the store in *out (close with store_close()), or -1 with *err set
 * (HR_EIO: cannot create or open; HR_EPARSE: not a herald database or a
 * newer schema than this herald knows).
 */
int store_open(const char *path, struct store **out, struct hr_error *err);
void store_close(struct store *s);

/* ---- resume positions (shared with the player) ------------------------ */

/*
 * Where listening stopped in an article.  key is the article's canonical
 * URL or a hash of its content (at most STORE_MAX_KEY bytes).
 */
#define STORE_MAX_KEY 2048

struct store_position {
    uint32_t segment;       /* index of the segment in the script */
    uint32_t sentence;      /* sentence within the segment */
    uint64_t char_offset;   /* byte offset of that sentence in the article text */
    int64_t updated;        /* seconds since the epoch, set by store_position_put() */
};

/* Returns 1 and fills *pos when key has a position, 0 when it has none,
 * -1 with *err set on a database error. */
int store_position_get(struct store *s, const char *key,
                       struct store_position *pos, struct hr_error *err);

/* Save (replace) the position for key; pos->updated is ignored and set to
 * now.  Returns 0, or -1 with *err set. */
int store_position_put(struct store *s, const char *key,
                       const struct store_position *pos, struct hr_error *err);

/* Forget the position for key (listened to the end).  0 or -1. */
int store_position_clear(struct store *s, const char *key,
                         struct hr_error *err);

/* ---- subscriptions ---------------------------------------------------- */

struct store_feed {
    int64_t id;
    char *url;              /* the subscription URL (http or https) */
    char *name;             /* user's name for it, or NULL */
    char *title;            /* the feed's own title, once fetched, or NULL */
    char *category;         /* from OPML ("World/Europe"), or NULL */
    char *lang;             /* from OPML or the feed, or NULL */
    char *site;             /* the feed's site link, or NULL */
    char *etag;             /* for conditional GET, or NULL */
    char *last_modified;    /* for conditional GET, or NULL */
    int64_t added;          /* seconds since the epoch */
    int64_t fetched;        /* last successful fetch (200 or 304), or 0 */
    char *last_error;       /* the last fetch's error, or NULL if it worked */
    int64_t n_items;        /* items in the cache */
    int64_t n_unread;       /* of which unread */
};

struct store_feed_list {
    struct store_feed *feeds;
    size_t n;
};

/*
 * Subscribe to url.  name, category and lang may be NULL.  Returns 1 when
 * added, 0 when it was already there (its missing name, category and lang
 * are filled in), -1 with *err set.
 */
int store_feed_add(struct store *s, const char *url, const char *name,
                   const char *category, const char *lang,
                   struct hr_error *err);

/* Unsubscribe the feed whose URL, name or title is spec, and drop its
 * cached items.  0, or -1 with *err set (HR_ENOTFOUND when none matches,
 * HR_EUSAGE when a name matches several). */
int store_feed_remove(struct store *s, const char *spec, struct hr_error *err);

/* Find one feed by URL, name or title (in that order).  Returns 0 and
 * fills *out (release with store_feed_release()), or -1 with *err set
 * (HR_ENOTFOUND, HR_EUSAGE for an ambiguous name). */
int store_feed_find(struct store *s, const char *spec, struct store_feed *out,
                    struct hr_error *err);

/* All subscriptions, ordered by category then name/title/url.  0 and *out
 * (release with store_feed_list_release()), or -1. */
int store_feed_list(struct store *s, struct store_feed_list *out,
                    struct hr_error *err);

void store_feed_release(struct store_feed *f);
void store_feed_list_release(struct store_feed_list *l);

/* ---- the feed cache --------------------------------------------------- */

/*
 * Record a fetch of feed_id.  With f != NULL (a 200): update the feed's
 * title, site and lang, and insert its items, deduplicated by id, else
 * link, else title (an item seen before keeps its read state; its text is
 * refreshed).  etag and last_modified are stored for the next conditional
 * GET (NULL clears them, except with not_modified).  With f == NULL and
 * not_modified: only the fetch time changes.  With error != NULL the
 * error is recorded and nothing else changes.  *n_new (may be NULL) gets
 * the number of items not seen before.  One transaction.  0 or -1.
 */
int store_feed_record(struct store *s, int64_t feed_id, const struct feed *f,
                      bool not_modified, const char *etag,
                      const char *last_modified, const char *error,
                      size_t *n_new, struct hr_error *err);

struct store_item {
    int64_t id;             /* the store's row id (for store_item_set_read) */
    int64_t feed_id;
    char *key;              /* the dedup key: guid/id, link or title */
    char *title;
    char *link;
    char *author;
    char *summary;
    int64_t published;      /* FEED_NO_TIME if unknown */
    int64_t updated;        /* FEED_NO_TIME if unknown */
    int64_t first_seen;     /* when this store first saw it */
    bool read;
};

struct store_item_list {
    struct store_item *items;
    size_t n;
};

/*
 * Cached items of feed_id (or of all feeds when feed_id is 0), newest
 * first (published, else first seen), at most limit (0: no limit), only
 * unread ones when unread_only.  0 and *out (release with
 * store_item_list_release()), or -1.
 */
int store_items(struct store *s, int64_t feed_id, bool unread_only,
                size_t limit, struct store_item_list *out,
                struct hr_error *err);
void store_item_list_release(struct store_item_list *l);

/* Mark one item read or unread.  0, or -1 (HR_ENOTFOUND). */
int store_item_set_read(struct store *s, int64_t item_id, bool read,
                        struct hr_error *err);

/* ---- retention -------------------------------------------------------- */

/* Days an item stays cached after its feed stopped listing it. */
#define STORE_KEEP_DAYS_DEFAULT 30
#define STORE_KEEP_DAYS_MAX 36500

/*
 * Drop the cached items of feed_id (of all feeds when 0) that its last
 * successful fetch with a body no longer listed, that were last listed
 * more than keep_days days ago, and that no resume position points at
 * (by link or key).  What the last listing held stays, however old it
 * is, with its read state: a feed that is down loses none of it, and a
 * feed never fetched loses nothing.
 * Enclosures go with their item.  *n_pruned (may be NULL) gets how many
 * went.  0, or -1 with *err set.
 */
int store_prune(struct store *s, int64_t feed_id, int keep_days,
                size_t *n_pruned, struct hr_error *err);

#endif /* HERALD_STORE_H */
