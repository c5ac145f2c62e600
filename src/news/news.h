/*
 * news.h — the headline browser behind `herald news`: the list of cached
 * headlines a listener moves through, a small speaker that says one
 * headline at a time, and the replies of its control socket.
 *
 * The list is built from the store (store_items) and never touches the
 * network.  The speaker owns a synth thread and a live sink of its own,
 * like a tiny player with no script: each news_speaker_say() cuts what is
 * being said and says the new words, so moving quickly through headlines
 * never queues up speech.  An article picked from the list is played by
 * player/ (the speaker is closed first: espeak-ng has one owner at a time).
 *
 * Threads: call everything from the main thread, except where a contract
 * says otherwise.
 */
#ifndef HERALD_NEWS_H
#define HERALD_NEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "player/earcon.h"
#include "script/script.h"

struct store;

/* ---- the headline list ------------------------------------------------ */

/* Headlines read from the store at most (the newest). */
#define NEWS_MAX_ITEMS 2000
/* Bytes of a headline, a feed name or a summary kept (longer are cut at a
 * character boundary). */
#define NEWS_MAX_TITLE 1024
#define NEWS_MAX_SUMMARY ((size_t)64 << 10)

struct news_entry {
    int64_t item_id;        /* the store's row id */
    char *title;            /* never NULL: "untitled" when the feed has none */
    char *link;             /* NULL when the item has none */
    char *summary;          /* NULL when the item has none */
    char *feed;             /* the feed's name, title or URL */
    char *lang;             /* the feed's language, or NULL */
    int64_t when;           /* published, else first seen (epoch seconds) */
    bool read;
};

/*
 * What the listener moves through: every entry, or only those unread when
 * the list was last filtered.  The view is fixed between filterings, so an
 * item read while browsing stays where it was until the filter is applied
 * again (news_list_filter), and "back" finds the listener's place.
 */
struct news_list {
    struct news_entry *entries;
    size_t n;
    size_t *view;           /* indexes into entries */
    size_t nview;
    size_t cursor;          /* index into view; 0 when the view is empty */
    bool unread_only;
};

/*
 * Load the cached items of feed_id (0: every feed), newest first, into
 * *l with the view filtered by unread_only.  Returns 0, or -1 with *err
 * set (a database error).  An empty cache is not an error: l->n == 0.
 * Release with news_list_release().
 */
int news_list_load(struct news_list *l, struct store *s, int64_t feed_id,
                   bool unread_only, struct hr_error *err);
void news_list_release(struct news_list *l);

/*
 * Re-apply the filter: the view holds all entries, or only the unread
 * ones.  The cursor stays on the same entry when it is still in view,
 * else on the first one after it that is (else the last).
 */
void news_list_filter(struct news_list *l, bool unread_only);

/* The entry under the cursor, or NULL when the view is empty. */
struct news_entry *news_list_current(struct news_list *l);

/* Move the cursor by delta (clamped to the view).  Returns false when it
 * could not move at all (already at that end). */
bool news_list_move(struct news_list *l, long delta);

/* ---- words ------------------------------------------------------------ */

/* "just now", "5 minutes ago", "3 hours ago", "2 days ago", or "at an
 * unknown time" for when <= 0 or FEED_NO_TIME; now in epoch seconds. */
void news_age_text(int64_t when, int64_t now, char *out, size_t n);

/* Whether a link is fetched for the article: http:// or https:// only. */
bool news_link_fetchable(const char *link);

/*
 * The article read when the page cannot be had: the headline, then
 * notice (e.g. "The page could not be fetched; reading the summary."),
 * then the summary (or a sentence saying there is none).  Sentences are
 * split.  Returns 0 and a new article in *out (article_free()), or -1.
 */
int news_summary_article(const struct news_entry *e, const char *notice,
                         struct article **out, struct hr_error *err);

/* ---- the speaker ------------------------------------------------------- */

struct news_speaker;

struct news_speaker_opts {
    const char *device;     /* PortAudio device; NULL = default */
    const char *voice;      /* espeak-ng voice name; NULL = from the language */
    int rate;               /* words a minute, 80..450 */
    bool earcons;
};

/*
 * Start the speaker: its thread opens the device and starts espeak-ng.
 * Returns 0 and *out; a device that cannot be opened is reported by
 * news_speaker_process() (HR_EAUDIO, the same message `herald read`
 * gives).  Only one speaker or player may exist at a time.
 */
int news_speaker_new(const struct news_speaker_opts *o,
                     struct news_speaker **out, struct hr_error *err);

/* Wait (at most 10 s) until the device is open.  Returns 0, or -1 with
 * *err set when it cannot be opened (the message `herald read` gives). */
int news_speaker_wait_open(struct news_speaker *sp, struct hr_error *err);

/* Readable when news_speaker_process() has news; never read it. */
int news_speaker_fd(const struct news_speaker *sp);

/*
 * Handle what the thread reported.  Returns 0, or -1 with *err set when
 * the device or the speech engine failed (the speaker says nothing more).
 */
int news_speaker_process(struct news_speaker *sp, struct hr_error *err);

/*
 * Cut what is being said and say intro (in English, may be NULL), then
 * text in language lang (NULL or a language espeak-ng lacks: English).
 * Returns at once; the words are heard within a few tens of ms.
 */
void news_speaker_say(struct news_speaker *sp, const char *intro,
                      const char *text, const char *lang);

/* Play an earcon over whatever is being said. */
void news_speaker_cue(struct news_speaker *sp, enum earcon e);

/* Change the rate for what is said next (80..450). */
void news_speaker_set_rate(struct news_speaker *sp, int rate);

/* Whether words are still being synthesised or heard.  Any thread. */
bool news_speaker_busy(const struct news_speaker *sp);

/* Stop at once (drain: let what was said be heard first, at most 10 s),
 * close the device, end the thread.  NULL is ignored. */
void news_speaker_free(struct news_speaker *sp, bool drain);

/* ---- control socket replies ------------------------------------------- */

struct news_reply {
    const char *command;    /* the command's name, or NULL */
    const char *mode;       /* "list" or "article" */
    const char *state;      /* "listing", "playing", "paused", ... */
    size_t position;        /* 1-based position in the view; 0: empty */
    size_t count;           /* entries in the view */
    bool unread_only;
    const struct news_entry *entry;     /* under the cursor, or NULL */
    const char *text;       /* spoken words of this command, or NULL */
    const char *article_json;   /* a player status object, or NULL */
    bool move;              /* a player move or change: "moved" is given */
    const char *unmoved;    /* move: why nothing moved, or NULL (it did) */
};

/* One line of JSON (no newline; caller frees):
 * {"ok":true,"command":..,"mode":..,"state":..,"position":N,"count":N,
 *  "unread_only":B,"title":..,"feed":..,"link":..,"read":B,"text":..,
 *  "article":{...}} — fields that are unknown are null; a move adds
 *  "moved":B, and "reason":WORDS when nothing moved. */
char *news_reply_json(const struct news_reply *r);

#endif /* HERALD_NEWS_H */
