/*
 * ring.h — single-producer/single-consumer ring of 16-bit mono PCM.
 *
 * Producer: the synth thread (ring_write, ring_discard).
 * Consumer: the PortAudio callback (ring_read).
 * Neither side blocks, locks, allocates or makes a system call.  Positions
 * count samples since ring_new() and are 64-bit, so they never wrap in
 * practice.  ring_new() and ring_free() must not run while either side is
 * active.
 *
 *        tail (consumer)            head (producer)
 *          v                          v
 *   [......PPPPPPPPPPPPPPPPPPPPPPPPPPP..........]   P = written, not yet read
 *                     ^ cut: a skip moves the consumer here at once
 */
#ifndef HERALD_BASE_RING_H
#define HERALD_BASE_RING_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct ring {
    _Alignas(64) _Atomic uint64_t head; /* samples ever written; producer */
    _Alignas(64) _Atomic uint64_t tail; /* samples ever read; consumer */
    _Alignas(64) _Atomic uint64_t cut;  /* consumer drops all before this */
    size_t mask;                        /* capacity - 1 (a power of two) */
    int16_t *pcm;
};

/* A ring of at least min_samples (rounded up to a power of two).  Returns
 * NULL when 64-bit atomics are not lock-free here. */
struct ring *ring_new(size_t min_samples);
void ring_free(struct ring *r);

/* Producer.  Copies up to n samples; returns how many fitted. */
size_t ring_write(struct ring *r, const int16_t *src, size_t n);
/* Producer.  Everything written so far will not be played (a skip). */
void ring_discard(struct ring *r);
/* Producer.  Samples written and not yet read (any thread, approximate). */
size_t ring_used(const struct ring *r);
/* Producer: free space. */
size_t ring_space(const struct ring *r);
/* Total samples ever written (the producer's clock). */
uint64_t ring_written(const struct ring *r);

/* Consumer.  Copies up to n samples into dst; returns how many. */
size_t ring_read(struct ring *r, int16_t *dst, size_t n);
/* Total samples ever consumed or cut (the consumer's clock; any thread). */
uint64_t ring_read_pos(const struct ring *r);

#endif /* HERALD_BASE_RING_H */
