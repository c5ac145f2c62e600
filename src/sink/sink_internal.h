/*
 * sink_internal.h — the backend interface behind sink.h.
 *
 * Each backend fills a struct sink_ops.  open is called on the opening
 * thread; write is used by push backends (file, null) and is NULL for the
 * pull backend (PortAudio), whose callback reads the ring itself; pause
 * and latency are optional (NULL).
 */
#ifndef HERALD_SINK_INTERNAL_H
#define HERALD_SINK_INTERNAL_H

#include <stdatomic.h>

#include "sink/sink.h"

struct sink_ops {
    const char *name;
    int (*open)(struct sink *s, const struct sink_params *p,
                struct hr_error *err);
    int (*write)(struct sink *s, const int16_t *pcm, size_t n,
                 struct hr_error *err);
    void (*pause)(struct sink *s, bool paused);
    size_t (*latency)(const struct sink *s);
    int (*close)(struct sink *s, bool commit, struct hr_error *err);
};

struct sink {
    const struct sink_ops *ops;
    _Atomic uint64_t position;  /* samples played or written */
    void *priv;                 /* the backend's state */
};

extern const struct sink_ops sink_ops_file;
extern const struct sink_ops sink_ops_null;
extern const struct sink_ops sink_ops_pa;

#endif /* HERALD_SINK_INTERNAL_H */
