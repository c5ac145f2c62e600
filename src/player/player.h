/*
 * player.h — live listening: a queue of articles, spoken, with controls.
 *
 * The player owns three threads' worth of work (docs/ARCHITECTURE.md,
 * "Threads and how they talk"):
 *   - the caller's thread (the main thread) calls every function here,
 *     owns the player state, the queue, the store and the positions;
 *   - a synth thread owns espeak-ng and runs render_article() from a
 *     position into a ring, abandoning a job as soon as the generation
 *     counter moves (a skip, a rate change);
 *   - PortAudio's callback reads the ring (sink_pa.c).
 * Starting is done side by side: PortAudio initialises on a helper thread
 * while espeak-ng initialises and the first article is loaded, so the
 * first sentence plays as soon as the device is open.
 *
 * The main thread waits in poll() on player_fd() (and its own fds) with
 * player_timeout_ms(), and calls player_process() when the fd is readable
 * or the timeout passes; events come back through opts.on_event on the
 * main thread, in the order they are heard.
 */
#ifndef HERALD_PLAYER_H
#define HERALD_PLAYER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "script/script.h"

struct player;
struct store;
struct style;

enum player_cmd {
    PLAYER_PAUSE,
    PLAYER_RESUME,
    PLAYER_TOGGLE,
    PLAYER_NEXT_SENTENCE,
    PLAYER_PREV_SENTENCE,
    PLAYER_NEXT_PARAGRAPH,
    PLAYER_PREV_PARAGRAPH,
    PLAYER_NEXT_SECTION,
    PLAYER_PREV_SECTION,
    PLAYER_NEXT_ARTICLE,
    PLAYER_PREV_ARTICLE,
    PLAYER_REPEAT,
    PLAYER_FASTER,
    PLAYER_SLOWER,
    PLAYER_RATE,        /* arg: words a minute */
    PLAYER_WHERE,
    PLAYER_TIME,
    PLAYER_HELP,
    PLAYER_STOP,
    PLAYER_STATUS,      /* does nothing; for the control socket */
    PLAYER_CMD_COUNT
};

enum player_state {
    PLAYER_STARTING,    /* the device is opening or nothing is heard yet */
    PLAYER_PLAYING,
    PLAYER_PAUSED,
    PLAYER_STOPPED,     /* end of queue, stop, or a failure */
};

/* "starting", "playing", "paused", "stopped". */
const char *player_state_name(enum player_state s);

enum player_event_kind {
    PLAYER_EV_ARTICLE,      /* an article starts to be heard: text = title */
    PLAYER_EV_RESUMING,     /* text = "resuming at paragraph 6" */
    PLAYER_EV_SAY,          /* words a notice or a command's answer says
                               (text): to print as well, for a listener
                               who reads braille */
    PLAYER_EV_END_ARTICLE,  /* "end of article" */
    PLAYER_EV_END_QUEUE,    /* the queue has been heard to its end */
    PLAYER_EV_FAILED,       /* err says why; the player has stopped */
    PLAYER_EV_WARNING,      /* err says what; playing goes on */
};

struct player_event {
    enum player_event_kind kind;
    size_t article;         /* index in the queue */
    const char *text;       /* valid during the callback */
    const struct hr_error *err;
};

struct player_opts {
    const char *device;     /* PortAudio device name or index; NULL = default */
    const char *voice;      /* espeak-ng voice name; NULL = from the language */
    const char *lang;       /* overrides the articles' language */
    int rate;               /* base words a minute; 0 = the style's */
    const struct style *style; /* the voice profile (copied); NULL = default */
    bool from_start;        /* ignore remembered positions */
    bool earcons;           /* play earcons (pause, resume, boundaries) */
    bool bulletin;          /* a news bulletin: a chime before the first
                               article, and neither "End of article." nor
                               "End of queue." (it says its own outro) */
    bool no_epilogue;       /* do not say "End of article." and "End of
                               queue." (`herald say`: an announcement) */
    /* The queue: n articles, loaded on demand by load(i) on the main
     * thread.  *out is then owned by the player. */
    size_t narticles;
    int (*load)(void *ctx, size_t index, struct article **out,
                struct hr_error *err);
    void *ctx;
    void (*on_event)(void *ctx, const struct player_event *ev);
};

struct player_status {
    enum player_state state;
    size_t article, narticles;
    const char *title;      /* NULL when unknown; valid until the next call */
    uint32_t paragraph, nparagraphs;    /* 1-based segment; count */
    uint32_t sentence;                  /* 1-based within the paragraph */
    uint32_t section, nsections;        /* 1-based */
    int rate;                           /* words a minute */
    double seconds_left;                /* estimate for the article */
    uint64_t underruns;
    bool in_help;                       /* the spoken help is playing */
};

/*
 * Make the player and start its threads: the device opens (PortAudio's
 * 70-85 ms of probing) and espeak-ng initialises while the caller does
 * the rest of its setting up.  opts.store and opts.help are not used yet
 * (player_start() takes them).  Returns 0 and the player in *out, or -1
 * with *err set.
 */
int player_new(const struct player_opts *o, struct player **out,
               struct hr_error *err);

/*
 * Load the first article of the queue that loads and play it (from its
 * remembered position in store unless from_start; store and help may be
 * NULL and must outlive the player).  Returns 0, or -1 with *err set when
 * no article loads; then only player_free() is allowed.  A device that
 * cannot be opened is reported later as PLAYER_EV_FAILED (HR_EAUDIO),
 * before anything is heard.
 */
int player_start(struct player *p, struct store *store, const char *help,
                 struct hr_error *err);

/* Readable when player_process() has work; never read it yourself. */
int player_fd(const struct player *p);

/* Milliseconds until player_process() should run even if player_fd() is
 * not readable (-1: no timer). */
int player_timeout_ms(const struct player *p);

/* Do what is due: deliver events, follow what is heard, move on to the
 * next article, watch the device.  Returns false once the player has
 * stopped (end of queue, PLAYER_STOP or a failure). */
bool player_process(struct player *p);

/*
 * Carry out a command (arg: PLAYER_RATE's words a minute).  Returns 0; 1
 * when nothing moved or changed (nothing further that way, the rate at its
 * end, already paused): the boundary sound says so, or with earcons off
 * the words player_nothing_text(cmd) are spoken, and those words come as
 * a PLAYER_EV_SAY either way; or -1 with *err set (HR_EUSAGE: a bad
 * argument or a command that does not apply now).  Words that answer a
 * command (where, time, help, "Rate 200.", "Paused.", "Playing.") come as
 * a PLAYER_EV_SAY when the command is carried out.  Commands never block
 * for longer than it takes to post a job to the synth thread.
 */
int player_command(struct player *p, enum player_cmd cmd, int arg,
                   struct hr_error *err);

/* Why nothing moved, in words: "No next section.", "Already paused." */
const char *player_nothing_text(enum player_cmd cmd);

/* Where the listener is, as heard. */
void player_status(struct player *p, struct player_status *st);

/* The words a summary of the status would say (for PLAYER_WHERE). */
void player_where_text(struct player *p, char *out, size_t n);

/* The words PLAYER_TIME says: the time of day, and the article's date and
 * byline when it has them. */
void player_time_text(struct player *p, char *out, size_t n);

/*
 * Stop: remember the position of the article being heard (unless it was
 * heard to its end), stop the threads and close the device.  drain plays
 * what is buffered first (end of queue).  NULL is ignored.
 */
void player_free(struct player *p, bool drain);

#endif /* HERALD_PLAYER_H */
