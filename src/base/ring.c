/*
 * ring.c — the SPSC PCM ring; the only lock-free code in herald.
 *
 * DESIGN: after PortAudio's pa_ringbuffer.c.  head and tail are monotonic
 * 64-bit sample counts; the index in the array is count & mask.  The
 * producer publishes head with release after copying; the consumer reads
 * head with acquire before copying, and publishes tail with release after.
 * A skip stores cut = head; the consumer, on its next read, jumps its tail
 * to cut if cut lies within [tail, head].
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/ring.h"

struct ring *ring_new(size_t min_samples)
{
    _Atomic uint64_t probe;
    if (!atomic_is_lock_free(&probe))
        return NULL;
    size_t cap = 1024;
    while (cap < min_samples)
        cap <<= 1;
    struct ring *r = aligned_alloc(64, (sizeof *r + 63) & ~(size_t)63);
    if (!r)
        r = xmalloc(sizeof *r);
    atomic_init(&r->head, 0);
    atomic_init(&r->tail, 0);
    atomic_init(&r->cut, 0);
    r->mask = cap - 1;
    r->pcm = xcalloc(cap, sizeof *r->pcm);
    return r;
}

void ring_free(struct ring *r)
{
    if (!r)
        return;
    free(r->pcm);
    free(r);
}

size_t ring_write(struct ring *r, const int16_t *src, size_t n)
{
    uint64_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    uint64_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    size_t space = (r->mask + 1) - (size_t)(head - tail);
    if (n > space)
        n = space;

    size_t at = (size_t)head & r->mask;
    size_t first = n < r->mask + 1 - at ? n : r->mask + 1 - at;
    memcpy(r->pcm + at, src, first * sizeof *src);
    memcpy(r->pcm, src + first, (n - first) * sizeof *src);
    atomic_store_explicit(&r->head, head + n, memory_order_release);
    return n;
}

void ring_discard(struct ring *r)
{
    uint64_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    atomic_store_explicit(&r->cut, head, memory_order_release);
}

size_t ring_used(const struct ring *r)
{
    uint64_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    uint64_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    return (size_t)(head - tail);
}

size_t ring_space(const struct ring *r)
{
    return (r->mask + 1) - ring_used(r);
}

uint64_t ring_written(const struct ring *r)
{
    return atomic_load_explicit(&r->head, memory_order_acquire);
}

uint64_t ring_read_pos(const struct ring *r)
{
    return atomic_load_explicit(&r->tail, memory_order_acquire);
}

size_t ring_read(struct ring *r, int16_t *dst, size_t n)
{
    uint64_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    uint64_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    uint64_t cut = atomic_load_explicit(&r->cut, memory_order_acquire);

    if (cut - tail <= head - tail)  // a skip landed inside [tail, head]
        tail = cut;
    if (n > head - tail)
        n = (size_t)(head - tail);

    size_t at = (size_t)tail & r->mask;
    size_t first = n < r->mask + 1 - at ? n : r->mask + 1 - at;
    memcpy(dst, r->pcm + at, first * sizeof *dst);
    memcpy(dst + first, r->pcm, (n - first) * sizeof *dst);
    atomic_store_explicit(&r->tail, tail + n, memory_order_release);
    return n;
}
