/*
 * export.h — articles into audio files, in batches.
 *
 * Two shapes of job:
 *   export_to_file()  every source, in order, into one file (a short
 *                     earcon between articles), in this process;
 *   export_to_dir()   one file per source in a directory, named from the
 *                     headline, rendered by up to N worker processes.
 * Beside each audio file go, when asked, timed captions (WebVTT or SRT,
 * one cue a sentence, timed from the synthesiser's own sample counts) and
 * WebVTT chapters (sections, and articles in a multi-article file).
 * export_write_podcast() makes an RSS 2.0 feed of a directory of exports.
 *
 * Every file appears whole or not at all (base/tempfile.h); a source that
 * fails is reported and the others go on.  This module does not read
 * sources itself: the caller's load callback turns a SOURCE into an
 * article (cli/ knows about files, URLs and extraction), and the caller's
 * report callback hears how each source ended.  Nothing here prints.
 *
 * Threads and processes: call from the main thread of a process that has
 * not started espeak-ng on another thread.  export_to_dir() forks one
 * short-lived worker a source, each from a parent in which espeak-ng has
 * been initialised but has never spoken: espeak-ng's output depends on
 * what it synthesised before in the same process, and a fresh worker per
 * source makes every file identical to what `herald read` plays and
 * independent of -j and of the order of sources.
 */
#ifndef HERALD_EXPORT_H
#define HERALD_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "script/script.h"
#include "synth/render.h"

/* Limits. */
#define EXPORT_MAX_JOBS 64          /* worker processes */
#define EXPORT_SLUG_MAX 80          /* bytes of a file name's slug */
#define EXPORT_MAX_CUES 200000      /* caption cues in one file */
#define EXPORT_MAX_SOURCE 4096      /* bytes of one SOURCE */
#define EXPORT_MAX_COLLISIONS 9999  /* same-headline files in one folder */
#define EXPORT_MAX_SHARDS 1000000   /* shares of one batch (--shard K/N) */

enum export_captions {
    EXPORT_CAPTIONS_NONE,
    EXPORT_CAPTIONS_VTT,
    EXPORT_CAPTIONS_SRT,
};

struct export_opts {
    const char *format;     /* "wav", "flac", "ogg", "opus", "mp3"; NULL:
                               from the output's extension, else wav */
    enum export_captions captions;
    bool chapters;          /* NAME.chapters.vtt beside the audio */
    bool force;             /* rewrite outputs that exist */
    bool bulletin;          /* export_to_file: a news bulletin, the chime
                               (render_chime) first and no earcon between
                               its articles */
    struct render_opts render;
};

enum export_outcome {
    EXPORT_WROTE,           /* written (or rewritten with --force) */
    EXPORT_KEPT,            /* existed already: left alone */
    EXPORT_FAILED,
};

/* How one source (or, for export_to_file, the one output) ended. */
struct export_report {
    const char *source;     /* as given */
    const char *path;       /* the audio file; NULL when it failed early */
    enum export_outcome outcome;
    uint64_t samples;       /* audio length, at `rate` */
    int rate;
    const struct hr_error *err;    /* EXPORT_FAILED: why */
    bool elsewhere;         /* EXPORT_KEPT: another process is writing it
                               now (export_to_dir into a shared folder) */
};

/* What the caller provides. */
struct export_io {
    void *ctx;
    /* The next SOURCE, or NULL at the end.  The string must stay valid
     * until the next call.  Sources are asked for only as workers become
     * free, so a long list streams through in bounded memory. */
    const char *(*next)(void *ctx);
    /* SOURCE -> article ready to speak (sentences split); 0 or -1 with
     * *err set.  Runs in a worker process for export_to_dir(). */
    int (*load)(void *ctx, const char *source, struct article **out,
                struct hr_error *err);
    /* Called once per source in the order they finish (export_to_dir) or
     * in order (export_to_file).  May be NULL. */
    void (*report)(void *ctx, const struct export_report *r);
    /* Called at least once a second while work is under way, so the
     * caller can update progress.  May be NULL. */
    void (*tick)(void *ctx);
};

/*
 * Render every source from io->next() into the audio file at path ("-":
 * WAV on standard output), in order, with a short earcon between articles.
 * A source that fails to load or speak is reported and left out; the file
 * is committed if any article made it in.  When path exists and o->force
 * is false, nothing is done and the sources are reported as KEPT.
 * Returns the number of failed sources (0 when all went well), or -1 with
 * *err set when the output itself could not be written.
 */
int export_to_file(const char *path, const struct export_opts *o,
                   const struct export_io *io, struct hr_error *err);

/*
 * One file per source in dir (which must exist), named
 * SLUG.EXT from the headline (export_slug), SLUG-2.EXT, ... when another
 * source of this run or an earlier one has the name.  A file that exists
 * and came from the same source (its comment tag) is kept unless
 * o->force.  Up to jobs worker processes (1..EXPORT_MAX_JOBS) run at once.
 * Stale temporaries left in dir by a killed run are removed first.
 * Returns the number of failed sources, or -1 with *err set when the run
 * could not start.
 */
int export_to_dir(const char *dir, int jobs, const struct export_opts *o,
                  const struct export_io *io, struct hr_error *err);

/*
 * A file name stem from a headline: readable, and safe whatever the
 * headline holds.  ASCII letters are lowered, digits kept, non-ASCII
 * letters kept as valid UTF-8; everything else (slashes, dots, spaces,
 * control and formatting characters, invalid UTF-8) becomes one '-',
 * trimmed at both ends; at most EXPORT_SLUG_MAX bytes, cut on a character
 * boundary.  Never empty (falls back to "article"), never starts with '.'
 * or '-', never holds '/', '\\' or a control character.  Writes into out
 * (size >= EXPORT_SLUG_MAX + 1).
 */
void export_slug(const char *headline, char *out, size_t size);

/* Caption cues of one rendered file. */
struct export_cue {
    uint64_t start, end;    /* samples from the start of the file */
    char *text;             /* the sentence; owned */
};

struct export_chapter {
    uint64_t start;         /* samples */
    char *title;            /* owned */
};

struct export_timeline {
    int rate;
    uint64_t total;                 /* samples in the file */
    struct export_cue *cues;
    size_t ncues, cues_alloc;
    struct export_chapter *chapters;
    size_t nchapters, chapters_alloc;
};

void export_timeline_init(struct export_timeline *t, int rate);
void export_timeline_release(struct export_timeline *t);
/* Append a cue with a copy of len bytes of text (0, or -1 with HR_ELIMIT
 * past EXPORT_MAX_CUES) or a chapter (title copied; a chapter at the same
 * start as the last replaces it). */
int export_timeline_add_cue(struct export_timeline *t, uint64_t start,
                            uint64_t end, const char *text, size_t len,
                            struct hr_error *err);
int export_timeline_add_chapter(struct export_timeline *t, uint64_t start,
                                const char *title, struct hr_error *err);

/* Write the cues as WebVTT or SRT (one cue a sentence, the sentence's
 * text), or the chapters as WebVTT, into out.  0 or -1 (HR_ELIMIT). */
int export_write_captions(const struct export_timeline *t,
                          enum export_captions kind, struct buf *out,
                          struct hr_error *err);
int export_write_chapters(const struct export_timeline *t, struct buf *out,
                          struct hr_error *err);

/* The earcon between articles in one file: calls cb->pcm with it. */
int export_earcon(const struct render_cb *cb);

/*
 * What a podcast feed says of itself: the [podcast] section of
 * config.ini, and --title.  Empty strings are not written (title and
 * category have defaults: "herald", "News").
 */
struct export_podcast {
    const char *base_url;       /* where the folder is published */
    char title[256];
    char description[1024];
    char author[256];
    char language[36];          /* BCP 47: "en", "de-AT" */
    char image[1024];           /* the cover's http(s) URL */
    char category[128];         /* an Apple Podcasts category */
    bool explicit_content;
};

/*
 * Read the [podcast] section of the INI file at path into pc (keys title,
 * description, author, language, image, category, explicit = yes|no).  A
 * missing file is not an error.  Returns 0, or -1 with HR_EPARSE naming
 * the line of an unknown key or a bad value.
 */
int export_podcast_config(struct export_podcast *pc, const char *path,
                          struct hr_error *err);

/*
 * Write an RSS 2.0 podcast feed of the audio files in dir to feed_path
 * (atomically), with the iTunes fields podcast apps look for, each item
 * with its enclosure (base_url + "/" + the percent-encoded file name, its
 * length and MIME type), duration, title, guid (the article's id from the
 * file's comment tag, never a path) and date from the file's tags (the
 * file's modification time when it has no full date).  Returns the number
 * of items, or -1 with *err set.
 */
int export_write_podcast(const char *dir, const char *feed_path,
                         const struct export_podcast *pc,
                         struct hr_error *err);

/*
 * Write len bytes to path atomically (temporary beside it, then rename).
 * 0 or -1 with *err set.
 */
int export_write_atomic(const char *path, const char *data, size_t len,
                        struct hr_error *err);

/* Remove temporaries and name claims in dir that a killed herald left:
 * ours by name and not locked by a live writer.  Returns how many were
 * removed. */
int export_sweep(const char *dir);

/*
 * The share (1..n) that source falls in when a batch is split n ways
 * (--shard K/N): a fixed hash of the source's bytes modulo n, so every
 * source is in exactly one share whatever the order of the list and
 * whichever machine asks.
 */
unsigned long export_shard_of(const char *source, unsigned long n);

#endif /* HERALD_EXPORT_H */
