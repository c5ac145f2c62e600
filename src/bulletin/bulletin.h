/*
 * bulletin.h — a spoken news bulletin for kiosks: which headlines, in
 * what words, and when.
 *
 * A bulletin is a chime, an intro with the local time, the N newest
 * cached items across the chosen feeds (newest first, a story several
 * feeds carry said once, each headline followed by its source's name and
 * optionally its summary), and an outro.  This module chooses the items
 * from the store and turns them into articles (one for the intro, one per
 * item in its feed's language, one for the outro), and does the clock
 * arithmetic of a schedule.  It never touches the network or a device and
 * prints nothing; cli/bulletin.c fetches, speaks and keeps the time.
 *
 * Threads: call from the thread that owns the store.
 */
#ifndef HERALD_BULLETIN_H
#define HERALD_BULLETIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "base/buf.h"
#include "base/error.h"
#include "script/script.h"

struct store;

/* Limits. */
#define BULLETIN_MAX_HEADLINES 50       /* --headlines */
#define BULLETIN_MAX_SCAN 2000          /* newest cached items looked at */
#define BULLETIN_MAX_TITLE 1024         /* bytes of a headline or a name */
#define BULLETIN_MAX_SUMMARY 4096       /* bytes of a summary read out */
#define BULLETIN_MAX_SOURCES 4          /* feeds named for one story */
#define BULLETIN_MAX_FEEDS 256          /* --feed given */
#define BULLETIN_MAX_AT 48              /* times in --at */

struct bulletin_opts {
    size_t headlines;           /* 1..BULLETIN_MAX_HEADLINES */
    bool summaries;             /* each item's summary after its headline */
    int64_t max_age_s;          /* items older than this are left out */
    const int64_t *feed_ids;    /* only these feeds; NULL: all */
    size_t nfeed_ids;
    const char *lang;           /* the intro's and outro's language; NULL: en */
};

struct bulletin_item {
    char *title;
    char *summary;              /* NULL when none or not asked for */
    char *lang;                 /* the feed's language, or NULL */
    char *sources[BULLETIN_MAX_SOURCES];  /* feeds that carry it, first is
                                             the item's own */
    size_t nsources;
    int64_t when;               /* published, else first seen */
};

struct bulletin {
    time_t at;                  /* the time said in the intro and outro */
    char *lang;                 /* the intro's language */
    struct bulletin_item *items;
    size_t n;
    size_t nfeeds;              /* distinct feeds the items come from */
};

/*
 * Choose the items of a bulletin at time `at` from the store's cache.
 * Returns 0 and fills *out (release with bulletin_release(); n may be
 * 0: no news), or -1 with *err set (a database error).
 */
int bulletin_build(struct store *s, const struct bulletin_opts *o, time_t at,
                   struct bulletin *out, struct hr_error *err);
void bulletin_release(struct bulletin *b);

/*
 * Whether two headlines tell the same story: their words (case folded,
 * punctuation of any script ignored) overlap by at least 75 % (Dice's
 * coefficient over the sets of words).  Headlines of fewer than three
 * words must match word for word.
 */
bool bulletin_same_story(const char *a, const char *b);

/* The words of the intro ("It is 7 o'clock. Here is the news.") and the
 * outro ("That was the news at 7."), from at's local time, in lang where
 * herald has them (voices/lang/LANG/bulletin.tsv), else in English;
 * said_lang gets the language they are in. */
void bulletin_intro_text(const char *lang, time_t at, char *out, size_t n,
                         char said_lang[36]);
void bulletin_outro_text(const char *lang, time_t at, char *out, size_t n,
                         char said_lang[36]);
/* "No news is available at the moment." */
extern const char bulletin_no_news[];

/*
 * The bulletin as articles to speak in order: the intro, one per item
 * (in the item's language: headline, "From SOURCE.", summary), the outro.
 * Sentences are split.  Returns the count and a new array in *out (free
 * each with article_free(), then the array), or -1 with *err set.
 */
int bulletin_articles(const struct bulletin *b, struct article ***out,
                      struct hr_error *err);

/* The bulletin's text, one segment a line (what --script prints). */
int bulletin_script(const struct bulletin *b, struct buf *out,
                    struct hr_error *err);

/* ---- time ------------------------------------------------------------- */

/*
 * Parse a duration: a number and a unit, ms, s, m, h or d ("30s", "15m",
 * "1h", "500ms"); several may follow each other ("1h30m").  Returns 0 and
 * the milliseconds in *ms, or -1 (nothing written) for anything else, for
 * zero and for more than 366 days.
 */
int bulletin_parse_duration(const char *s, int64_t *ms);

/* Parse "HH:MM[,HH:MM...]" into minutes after midnight, sorted, without
 * repeats.  Returns the count (1..BULLETIN_MAX_AT), or -1. */
int bulletin_parse_at(const char *s, int *minutes, size_t max);

/*
 * The first slot strictly after `after` (epoch milliseconds): for every_ms
 * > 0, the times local midnight + k * every_ms of that day (so --every
 * 30m gives :00 and :30, and a new day starts again at midnight); else
 * the times of day in at_minutes (local time, DST as mktime() sees it).
 */
int64_t bulletin_next_slot(int64_t after, int64_t every_ms,
                           const int *at_minutes, size_t nat);

#endif /* HERALD_BULLETIN_H */
