/*
 * sink.c — dispatch from the public sink API to a backend's ops.
 */
#include <stdlib.h>

#include "base/alloc.h"
#include "sink/sink_internal.h"

int sink_open(enum sink_kind kind, const struct sink_params *p,
              struct sink **out, struct hr_error *err)
{
    struct sink *s = xcalloc(1, sizeof *s);
    switch (kind) {
    case SINK_LIVE: s->ops = &sink_ops_pa; break;
    case SINK_FILE: s->ops = &sink_ops_file; break;
    case SINK_NULL: s->ops = &sink_ops_null; break;
    default: HR_BUG("bad sink kind %d", (int)kind);
    }
    atomic_init(&s->position, 0);
    if (s->ops->open(s, p, err) < 0) {
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

int sink_write(struct sink *s, const int16_t *pcm, size_t n,
               struct hr_error *err)
{
    if (!s->ops->write)
        HR_BUG("sink_write on a %s sink", s->ops->name);
    if (s->ops->write(s, pcm, n, err) < 0)
        return -1;
    atomic_fetch_add_explicit(&s->position, n, memory_order_relaxed);
    return 0;
}

void sink_set_paused(struct sink *s, bool paused)
{
    if (s->ops->pause)
        s->ops->pause(s, paused);
}

uint64_t sink_position(const struct sink *s)
{
    return atomic_load_explicit(&s->position, memory_order_acquire);
}

size_t sink_latency(const struct sink *s)
{
    return s->ops->latency ? s->ops->latency(s) : 0;
}

int sink_close(struct sink *s, bool commit, struct hr_error *err)
{
    int rc = s->ops->close(s, commit, err);
    free(s);
    return rc;
}

static int null_open(struct sink *s, const struct sink_params *p,
                     struct hr_error *err)
{
    (void)s, (void)p, (void)err;
    return 0;
}

static int null_write(struct sink *s, const int16_t *pcm, size_t n,
                      struct hr_error *err)
{
    (void)s, (void)pcm, (void)n, (void)err;
    return 0;
}

static int null_close(struct sink *s, bool commit, struct hr_error *err)
{
    (void)s, (void)commit, (void)err;
    return 0;
}

const struct sink_ops sink_ops_null = {
    .name = "null",
    .open = null_open,
    .write = null_write,
    .close = null_close,
};
