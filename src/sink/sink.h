/*
 * sink.h — where synthesized audio goes.
 *
 * A sink takes 16-bit mono PCM at the rate it was opened with.  A live
 * sink (PortAudio) pulls from a ring that the synth thread fills; a file
 * sink is pushed to directly by the thread that synthesizes; the null sink
 * counts samples and drops them.  A sink knows nothing of articles,
 * sentences or espeak-ng.
 *
 * Threads: call every function from the thread that opened the sink,
 * except where a contract says "any thread".
 */
#ifndef HERALD_SINK_H
#define HERALD_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

struct ring;
struct sink;

enum sink_kind {
    SINK_LIVE,      /* PortAudio, default or named device */
    SINK_FILE,      /* libsndfile: wav, flac, ogg, ... */
    SINK_NULL,      /* counts and drops; for tests and benchmarks */
};

struct sink_tags {
    const char *title;
    const char *artist;
    const char *date;
    const char *comment;
};

struct sink_params {
    int rate;               /* samples per second */
    const char *device;     /* SINK_LIVE: device name or index, NULL = default */
    struct ring *ring;      /* SINK_LIVE: read by the callback; not owned */
    const char *path;       /* SINK_FILE: final path, or "-" for stdout (WAV);
                               nothing appears there until sink_close()
                               commits */
    const char *format;     /* SINK_FILE: "wav", "flac", "ogg", "opus", "mp3";
                               NULL = from the path's extension, else wav */
    const struct sink_tags *tags;   /* SINK_FILE: may be NULL */
};

/*
 * Open a sink.  Returns 0 and stores it in *out, or -1 with *err set
 * (HR_EAUDIO: device missing or busy, format not supported; HR_EIO: cannot
 * create the file).  The caller ends it with sink_close().
 */
int sink_open(enum sink_kind kind, const struct sink_params *p,
              struct sink **out, struct hr_error *err);

/*
 * SINK_FILE and SINK_NULL: append n samples.  Returns 0, or -1 with *err
 * set; after a failure only sink_close(s, false, ...) is allowed.
 */
int sink_write(struct sink *s, const int16_t *pcm, size_t n,
               struct hr_error *err);

/* SINK_LIVE: start or stop sound within one device period.  The ring
 * keeps its contents, so resuming continues mid-word.  Any thread. */
void sink_set_paused(struct sink *s, bool paused);

/* Samples handed to the device (live) or written (file) since open.
 * Any thread. */
uint64_t sink_position(const struct sink *s);

/* SINK_LIVE: the device's output latency in samples (0 for others). */
size_t sink_latency(const struct sink *s);

/*
 * Stop and free the sink.  SINK_LIVE: plays what the ring still holds
 * first when commit is true.  SINK_FILE: commit == true flushes, closes
 * and renames the temporary file onto the final path; commit == false
 * deletes it.  Returns 0, or -1 with *err set (the sink is freed anyway).
 */
int sink_close(struct sink *s, bool commit, struct hr_error *err);

/* For `herald devices`: calls fn once per output device, in PortAudio's
 * order. */
int sink_list_devices(void (*fn)(int index, const char *name, bool is_default,
                                 void *ctx),
                      void *ctx, struct hr_error *err);

#endif /* HERALD_SINK_H */
