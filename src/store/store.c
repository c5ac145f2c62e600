/*
 * store.c — herald's SQLite database (see store.h for the contract).
 *
 * DESIGN: one connection per process, WAL journal (readers never block
 * the writer, and a crash leaves the last committed state), foreign keys
 * on (removing a feed removes its items), a busy timeout so a player and
 * an update can share the file.  The schema is a list of migrations
 * applied in one transaction each and numbered by PRAGMA user_version; an
 * application_id marks the file as herald's.  Every change that touches
 * more than one row runs in one transaction (BEGIN IMMEDIATE), so a kill
 * -9 in the middle of an update leaves the database as it was before it.
 * Statements are prepared per call: the store is not on any hot path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "base/alloc.h"
#include "base/xdg.h"
#include "store/store.h"

#define STORE_APP_ID 0x48524c44     /* "HRLD" */
#define STORE_BUSY_MS 10000

struct store {
    sqlite3 *db;
    char *path;
};

static const char *const migrations[] = {
    /* 1 */
    "CREATE TABLE feeds ("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL UNIQUE,"
    "  name TEXT, title TEXT, category TEXT, lang TEXT, site TEXT,"
    "  etag TEXT, last_modified TEXT,"
    "  added INTEGER NOT NULL,"
    "  fetched INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT);"
    "CREATE TABLE items ("
    "  id INTEGER PRIMARY KEY,"
    "  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL,"
    "  title TEXT, link TEXT, author TEXT, summary TEXT, content TEXT,"
    "  published INTEGER, updated INTEGER,"
    "  first_seen INTEGER NOT NULL,"
    "  read INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (feed_id, key));"
    "CREATE INDEX items_by_feed ON items (feed_id, read);"
    "CREATE INDEX items_by_link ON items (feed_id, link);"
    "CREATE TABLE enclosures ("
    "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,"
    "  url TEXT NOT NULL, type TEXT, length INTEGER,"
    "  PRIMARY KEY (item_id, url));"
    "CREATE TABLE positions ("
    "  key TEXT PRIMARY KEY,"
    "  segment INTEGER NOT NULL, sentence INTEGER NOT NULL,"
    "  char_offset INTEGER NOT NULL, updated INTEGER NOT NULL);",
    /* 2: retention.  An item's last_seen is when a fetch last listed it;
     * a feed's listed is when its items were last listed (a 200), so
     * "the feed still lists it" is last_seen >= listed, also across 304s.
     * Rows from before start as seen when first seen, and no feed as
     * listed: nothing is dropped until a feed is fetched again. */
    "ALTER TABLE items ADD COLUMN last_seen INTEGER;"
    "UPDATE items SET last_seen = first_seen;"
    "ALTER TABLE feeds ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;",
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))

static int db_fail(struct store *s, struct hr_error *err, const char *what)
{
    int code = sqlite3_errcode(s->db);
    enum hr_status st = code == SQLITE_NOTADB || code == SQLITE_CORRUPT
                            ? HR_EPARSE : HR_EIO;
    return hr_fail(err, st, "database '%s': %s: %s", s->path, what,
                   sqlite3_errmsg(s->db));
}

static int exec(struct store *s, const char *sql, struct hr_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        hr_fail(err, HR_EIO, "database '%s': %s", s->path,
                msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static sqlite3_stmt *prepare(struct store *s, const char *sql,
                             struct hr_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        db_fail(s, err, "cannot prepare a query");
        return NULL;
    }
    return st;
}

static int pragma_int(struct store *s, const char *sql, int *out,
                      struct hr_error *err)
{
    sqlite3_stmt *st = prepare(s, sql, err);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return db_fail(s, err, "cannot read the schema version");
    return 0;
}

static int64_t now(void)
{
    return (int64_t)time(NULL);
}

char *store_default_path(struct hr_error *err)
{
    return xdg_data_path("herald.db", err);
}

static int migrate(struct store *s, struct hr_error *err)
{
    int version = 0, app = 0;
    if (pragma_int(s, "PRAGMA application_id", &app, err) < 0 ||
        pragma_int(s, "PRAGMA user_version", &version, err) < 0)
        return -1;
    if (app != 0 && app != STORE_APP_ID)
        return hr_fail(err, HR_EPARSE, "'%s' is not a herald database", s->path);
    if (version > SCHEMA_VERSION)
        return hr_fail(err, HR_EPARSE, "database '%s' was made by a newer "
                       "herald (schema %d, this one knows %d)", s->path,
                       version, SCHEMA_VERSION);
    if (app == 0 && version == 0) {
        // An empty file, or someone else's database without an id.
        int tables = 0;
        if (pragma_int(s, "SELECT count(*) FROM sqlite_master", &tables, err) < 0)
            return -1;
        if (tables)
            return hr_fail(err, HR_EPARSE, "'%s' is not a herald database",
                           s->path);
    }
    for (int v = version; v < SCHEMA_VERSION; v++) {
        char set[96];
        snprintf(set, sizeof set, "PRAGMA user_version = %d;"
                 "PRAGMA application_id = %d;", v + 1, STORE_APP_ID);
        if (exec(s, "BEGIN IMMEDIATE", err) < 0)
            return -1;
        if (exec(s, migrations[v], err) < 0 || exec(s, set, err) < 0) {
            exec(s, "ROLLBACK", NULL);
            return -1;
        }
        if (exec(s, "COMMIT", err) < 0)
            return -1;
    }
    return 0;
}

int store_open(const char *path, struct store **out, struct hr_error *err)
{
    char *p = path ? xstrdup(path) : store_default_path(err);
    if (!p)
        return -1;
    if (!path && xdg_make_parents(p, err) < 0) {
        free(p);
        return -1;
    }
    struct store *s = xcalloc(1, sizeof *s);
    s->path = p;
    int rc = sqlite3_open_v2(p, &s->db, SQLITE_OPEN_READWRITE |
                             SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        hr_fail(err, HR_EIO, "cannot open database '%s': %s", p,
                s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        store_close(s);
        return -1;
    }
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_stmt *st = prepare(s, "PRAGMA journal_mode = WAL", err);
    int wal_ok = st && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!wal_ok) {
        if (st)
            db_fail(s, err, "cannot switch to WAL");
        store_close(s);
        return -1;
    }
    if (exec(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", err) < 0 ||
        migrate(s, err) < 0) {
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    if (s->db)
        sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* ---- positions ------------------------------------------------------------ */

int store_position_get(struct store *s, const char *key,
                       struct store_position *pos, struct hr_error *err)
{
    if (strlen(key) > STORE_MAX_KEY)
        return hr_fail(err, HR_ELIMIT, "position key is too long");
    sqlite3_stmt *st = prepare(s, "SELECT segment, sentence, char_offset, "
                                  "updated FROM positions WHERE key = ?", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        pos->segment = (uint32_t)sqlite3_column_int64(st, 0);
        pos->sentence = (uint32_t)sqlite3_column_int64(st, 1);
        pos->char_offset = (uint64_t)sqlite3_column_int64(st, 2);
        pos->updated = sqlite3_column_int64(st, 3);
        found = 1;
    } else if (rc != SQLITE_DONE) {
        found = db_fail(s, err, "cannot read a position");
    }
    sqlite3_finalize(st);
    return found;
}

int store_position_put(struct store *s, const char *key,
                       const struct store_position *pos, struct hr_error *err)
{
    if (strlen(key) > STORE_MAX_KEY)
        return hr_fail(err, HR_ELIMIT, "position key is too long");
    sqlite3_stmt *st = prepare(s, "INSERT OR REPLACE INTO positions (key, "
                                  "segment, sentence, char_offset, updated) "
                                  "VALUES (?, ?, ?, ?, ?)", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, pos->segment);
    sqlite3_bind_int64(st, 3, pos->sentence);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)pos->char_offset);
    sqlite3_bind_int64(st, 5, now());
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(s, err, "cannot save a position");
    sqlite3_finalize(st);
    return rc;
}

int store_position_clear(struct store *s, const char *key,
                         struct hr_error *err)
{
    sqlite3_stmt *st = prepare(s, "DELETE FROM positions WHERE key = ?", err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(s, err, "cannot forget a position");
    sqlite3_finalize(st);
    return rc;
}

/* ---- subscriptions -------------------------------------------------------- */

static char *col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static void bind_str(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

int store_feed_add(struct store *s, const char *url, const char *name,
                   const char *category, const char *lang,
                   struct hr_error *err)
{
    sqlite3_stmt *st = prepare(s, "INSERT OR IGNORE INTO feeds (url, name, "
                                  "category, lang, added) VALUES (?, ?, ?, ?, ?)",
                               err);
    if (!st)
        return -1;
    bind_str(st, 1, url);
    bind_str(st, 2, name);
    bind_str(st, 3, category);
    bind_str(st, 4, lang);
    sqlite3_bind_int64(st, 5, now());
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(s, err, "cannot add a feed");
    if (sqlite3_changes(s->db) == 1)
        return 1;
    // Already there: fill in what it lacks.
    st = prepare(s, "UPDATE feeds SET name = coalesce(name, ?), "
                    "category = coalesce(category, ?), lang = coalesce(lang, ?) "
                    "WHERE url = ?", err);
    if (!st)
        return -1;
    bind_str(st, 1, name);
    bind_str(st, 2, category);
    bind_str(st, 3, lang);
    bind_str(st, 4, url);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(s, err, "cannot update a feed");
    return 0;
}

#define FEED_COLUMNS \
    "f.id, f.url, f.name, f.title, f.category, f.lang, f.site, f.etag, " \
    "f.last_modified, f.added, f.fetched, f.last_error, " \
    "(SELECT count(*) FROM items i WHERE i.feed_id = f.id), " \
    "(SELECT count(*) FROM items i WHERE i.feed_id = f.id AND NOT i.read)"

static void read_feed(sqlite3_stmt *st, struct store_feed *f)
{
    f->id = sqlite3_column_int64(st, 0);
    f->url = col_str(st, 1);
    f->name = col_str(st, 2);
    f->title = col_str(st, 3);
    f->category = col_str(st, 4);
    f->lang = col_str(st, 5);
    f->site = col_str(st, 6);
    f->etag = col_str(st, 7);
    f->last_modified = col_str(st, 8);
    f->added = sqlite3_column_int64(st, 9);
    f->fetched = sqlite3_column_int64(st, 10);
    f->last_error = col_str(st, 11);
    f->n_items = sqlite3_column_int64(st, 12);
    f->n_unread = sqlite3_column_int64(st, 13);
}

void store_feed_release(struct store_feed *f)
{
    free(f->url);
    free(f->name);
    free(f->title);
    free(f->category);
    free(f->lang);
    free(f->site);
    free(f->etag);
    free(f->last_modified);
    free(f->last_error);
    memset(f, 0, sizeof *f);
}

void store_feed_list_release(struct store_feed_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        store_feed_release(&l->feeds[i]);
    free(l->feeds);
    l->feeds = NULL;
    l->n = 0;
}

int store_feed_find(struct store *s, const char *spec, struct store_feed *out,
                    struct hr_error *err)
{
    static const char *const queries[] = {
        "SELECT " FEED_COLUMNS " FROM feeds f WHERE f.url = ?1",
        "SELECT " FEED_COLUMNS " FROM feeds f WHERE f.name = ?1",
        "SELECT " FEED_COLUMNS " FROM feeds f WHERE f.title = ?1",
        "SELECT " FEED_COLUMNS " FROM feeds f WHERE lower(f.name) = lower(?1) "
        "OR lower(f.title) = lower(?1)",
    };
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
        sqlite3_stmt *st = prepare(s, queries[q], err);
        if (!st)
            return -1;
        bind_str(st, 1, spec);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            struct store_feed f;
            read_feed(st, &f);
            rc = sqlite3_step(st);
            sqlite3_finalize(st);
            if (rc == SQLITE_ROW) {
                store_feed_release(&f);
                return hr_fail(err, HR_EUSAGE, "'%s' names more than one "
                               "feed; give its URL", spec);
            }
            *out = f;
            return 0;
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return db_fail(s, err, "cannot look up a feed");
    }
    return hr_fail(err, HR_ENOTFOUND, "no subscription '%s' (see 'herald "
                   "feeds list')", spec);
}

int store_feed_remove(struct store *s, const char *spec, struct hr_error *err)
{
    struct store_feed f;
    if (store_feed_find(s, spec, &f, err) < 0)
        return -1;
    sqlite3_stmt *st = prepare(s, "DELETE FROM feeds WHERE id = ?", err);
    int rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, f.id);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(s, err, "cannot remove a feed");
        sqlite3_finalize(st);
    }
    store_feed_release(&f);
    return rc;
}

int store_feed_list(struct store *s, struct store_feed_list *out,
                    struct hr_error *err)
{
    sqlite3_stmt *st = prepare(s, "SELECT " FEED_COLUMNS " FROM feeds f "
                                  "ORDER BY coalesce(f.category, ''), "
                                  "lower(coalesce(f.name, f.title, f.url))", err);
    if (!st)
        return -1;
    struct store_feed_list l = {0};
    size_t alloc = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (l.n == alloc) {
            alloc = alloc ? alloc * 2 : 16;
            l.feeds = xreallocarray(l.feeds, alloc, sizeof *l.feeds);
        }
        read_feed(st, &l.feeds[l.n++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_feed_list_release(&l);
        return db_fail(s, err, "cannot list feeds");
    }
    *out = l;
    return 0;
}

/* ---- the cache -------------------------------------------------------------- */

static void bind_time(sqlite3_stmt *st, int i, int64_t t)
{
    if (t == FEED_NO_TIME)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, t);
}

static const char *item_key(const struct feed_item *it)
{
    if (it->id && *it->id)
        return it->id;
    if (it->link && *it->link)
        return it->link;
    if (it->title && *it->title)
        return it->title;
    return it->summary;
}

static int put_items(struct store *s, int64_t feed_id, const struct feed *f,
                     int64_t seen, size_t *n_new, struct hr_error *err)
{
    // An item without an id whose link is already cached is the same item.
    sqlite3_stmt *find = prepare(s, "SELECT id FROM items WHERE feed_id = ?1 "
                                    "AND (key = ?2 OR (?3 IS NOT NULL AND "
                                    "link = ?3))", err);
    sqlite3_stmt *ins = prepare(s, "INSERT INTO items (feed_id, key, title, "
                                   "link, author, summary, content, published, "
                                   "updated, first_seen, last_seen) VALUES "
                                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", err);
    sqlite3_stmt *upd = prepare(s, "UPDATE items SET title = ?, link = ?, "
                                   "author = ?, summary = ?, content = ?, "
                                   "published = ?, updated = ?, "
                                   "last_seen = ? WHERE id = ?", err);
    sqlite3_stmt *enc = prepare(s, "INSERT OR REPLACE INTO enclosures (item_id, "
                                   "url, type, length) VALUES (?, ?, ?, ?)", err);
    int rc = 0;
    if (!find || !ins || !upd || !enc)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < f->n_items; i++) {
        const struct feed_item *it = &f->items[i];
        const char *key = item_key(it);
        if (!key)
            continue;
        sqlite3_reset(find);
        sqlite3_bind_int64(find, 1, feed_id);
        bind_str(find, 2, key);
        bind_str(find, 3, it->id ? NULL : it->link);
        int64_t item_id = 0;
        int step = sqlite3_step(find);
        if (step == SQLITE_ROW) {
            item_id = sqlite3_column_int64(find, 0);
        } else if (step != SQLITE_DONE) {
            rc = db_fail(s, err, "cannot look up an item");
            break;
        }
        sqlite3_stmt *w = item_id ? upd : ins;
        sqlite3_reset(w);
        int k = 1;
        if (!item_id) {
            sqlite3_bind_int64(w, k++, feed_id);
            bind_str(w, k++, key);
        }
        bind_str(w, k++, it->title);
        bind_str(w, k++, it->link);
        bind_str(w, k++, it->author);
        bind_str(w, k++, it->summary);
        bind_str(w, k++, it->content);
        bind_time(w, k++, it->published);
        bind_time(w, k++, it->updated);
        sqlite3_bind_int64(w, k++, seen);   // last_seen (and first_seen)
        sqlite3_bind_int64(w, k++, item_id ? item_id : seen);
        if (sqlite3_step(w) != SQLITE_DONE) {
            rc = db_fail(s, err, "cannot save an item");
            break;
        }
        if (!item_id) {
            item_id = sqlite3_last_insert_rowid(s->db);
            if (n_new)
                (*n_new)++;
        }
        for (size_t j = 0; j < it->n_enclosures; j++) {
            sqlite3_reset(enc);
            sqlite3_bind_int64(enc, 1, item_id);
            bind_str(enc, 2, it->enclosures[j].url);
            bind_str(enc, 3, it->enclosures[j].type);
            if (it->enclosures[j].length >= 0)
                sqlite3_bind_int64(enc, 4, it->enclosures[j].length);
            else
                sqlite3_bind_null(enc, 4);
            if (sqlite3_step(enc) != SQLITE_DONE) {
                rc = db_fail(s, err, "cannot save an enclosure");
                break;
            }
        }
    }
    sqlite3_finalize(find);
    sqlite3_finalize(ins);
    sqlite3_finalize(upd);
    sqlite3_finalize(enc);
    return rc;
}

int store_feed_record(struct store *s, int64_t feed_id, const struct feed *f,
                      bool not_modified, const char *etag,
                      const char *last_modified, const char *error,
                      size_t *n_new, struct hr_error *err)
{
    if (n_new)
        *n_new = 0;
    if (exec(s, "BEGIN IMMEDIATE", err) < 0)
        return -1;
    sqlite3_stmt *st;
    int rc = 0;
    if (error) {
        st = prepare(s, "UPDATE feeds SET last_error = ? WHERE id = ?", err);
        if (!st)
            goto fail;
        bind_str(st, 1, error);
        sqlite3_bind_int64(st, 2, feed_id);
    } else if (not_modified || !f) {
        st = prepare(s, "UPDATE feeds SET fetched = ?, last_error = NULL, "
                        "etag = coalesce(?, etag), "
                        "last_modified = coalesce(?, last_modified) "
                        "WHERE id = ?", err);
        if (!st)
            goto fail;
        sqlite3_bind_int64(st, 1, now());
        bind_str(st, 2, etag);
        bind_str(st, 3, last_modified);
        sqlite3_bind_int64(st, 4, feed_id);
    } else {
        int64_t t = now();
        if (put_items(s, feed_id, f, t, n_new, err) < 0)
            goto fail;
        st = prepare(s, "UPDATE feeds SET fetched = ?1, listed = ?1, "
                        "last_error = NULL, etag = ?2, last_modified = ?3, "
                        "title = coalesce(?4, title), site = coalesce(?5, site), "
                        "lang = coalesce(lang, ?6) WHERE id = ?7", err);
        if (!st)
            goto fail;
        sqlite3_bind_int64(st, 1, t);
        bind_str(st, 2, etag);
        bind_str(st, 3, last_modified);
        bind_str(st, 4, f->title);
        bind_str(st, 5, f->link);
        bind_str(st, 6, f->lang);
        sqlite3_bind_int64(st, 7, feed_id);
    }
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        db_fail(s, err, "cannot record a fetch");
        goto fail;
    }
    if (sqlite3_changes(s->db) == 0) {
        hr_fail(err, HR_ENOTFOUND, "no feed with id %lld", (long long)feed_id);
        goto fail;
    }
    return exec(s, "COMMIT", err);
fail:
    exec(s, "ROLLBACK", NULL);
    return -1;
}

int store_items(struct store *s, int64_t feed_id, bool unread_only,
                size_t limit, struct store_item_list *out,
                struct hr_error *err)
{
    sqlite3_stmt *st = prepare(s, "SELECT id, feed_id, key, title, link, author, "
                                  "summary, published, updated, first_seen, read "
                                  "FROM items WHERE (?1 = 0 OR feed_id = ?1) "
                                  "AND (?2 = 0 OR NOT read) "
                                  "ORDER BY coalesce(published, updated, first_seen) "
                                  "DESC, id LIMIT ?3", err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, feed_id);
    sqlite3_bind_int(st, 2, unread_only);
    sqlite3_bind_int64(st, 3, limit ? (sqlite3_int64)limit : -1);
    struct store_item_list l = {0};
    size_t alloc = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (l.n == alloc) {
            alloc = alloc ? alloc * 2 : 32;
            l.items = xreallocarray(l.items, alloc, sizeof *l.items);
        }
        struct store_item *it = &l.items[l.n++];
        it->id = sqlite3_column_int64(st, 0);
        it->feed_id = sqlite3_column_int64(st, 1);
        it->key = col_str(st, 2);
        it->title = col_str(st, 3);
        it->link = col_str(st, 4);
        it->author = col_str(st, 5);
        it->summary = col_str(st, 6);
        it->published = sqlite3_column_type(st, 7) == SQLITE_NULL
                            ? FEED_NO_TIME : sqlite3_column_int64(st, 7);
        it->updated = sqlite3_column_type(st, 8) == SQLITE_NULL
                          ? FEED_NO_TIME : sqlite3_column_int64(st, 8);
        it->first_seen = sqlite3_column_int64(st, 9);
        it->read = sqlite3_column_int(st, 10) != 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_item_list_release(&l);
        return db_fail(s, err, "cannot read items");
    }
    *out = l;
    return 0;
}

void store_item_list_release(struct store_item_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct store_item *it = &l->items[i];
        free(it->key);
        free(it->title);
        free(it->link);
        free(it->author);
        free(it->summary);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

int store_item_set_read(struct store *s, int64_t item_id, bool read,
                        struct hr_error *err)
{
    sqlite3_stmt *st = prepare(s, "UPDATE items SET read = ? WHERE id = ?", err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, read);
    sqlite3_bind_int64(st, 2, item_id);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(s, err, "cannot mark an item");
    if (sqlite3_changes(s->db) == 0)
        return hr_fail(err, HR_ENOTFOUND, "no item %lld", (long long)item_id);
    return 0;
}

/* ---- retention -------------------------------------------------------------- */

int store_prune(struct store *s, int64_t feed_id, int keep_days,
                size_t *n_pruned, struct hr_error *err)
{
    if (n_pruned)
        *n_pruned = 0;
    if (keep_days < 0)
        return hr_fail(err, HR_EUSAGE, "keep days must not be negative");
    // An item goes when all three hold: the feed's last listing (its
    // last 200) did not hold it, that listing is older than keep_days,
    // and no resume position points at it (its link is the article's
    // key).  Read state is not a reason to keep an item: every cached
    // item keeps it, but a read item that left the feed would otherwise
    // stay forever.
    sqlite3_stmt *st = prepare(s,
        "DELETE FROM items WHERE (?1 = 0 OR feed_id = ?1) "
        "AND coalesce(last_seen, first_seen) < "
        "    (SELECT listed FROM feeds f WHERE f.id = items.feed_id) "
        "AND coalesce(last_seen, first_seen) < ?2 "
        "AND NOT EXISTS (SELECT 1 FROM positions p "
        "                WHERE p.key = items.link OR p.key = items.key)", err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, feed_id);
    sqlite3_bind_int64(st, 2, now() - (int64_t)keep_days * 86400);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(s, err, "cannot drop old items");
    if (n_pruned)
        *n_pruned = (size_t)sqlite3_changes(s->db);
    return 0;
}
