/*
 * resample.h — a rational sample-rate converter for 16-bit mono PCM.
 *
 * Used inside the sink module where a file format cannot take the
 * synthesiser's rate (Opus: 8, 12, 16, 24 or 48 kHz only; espeak-ng makes
 * 22050 Hz).  A polyphase windowed-sinc filter (Kaiser window, 32 taps a
 * phase, pass band to 0.45 of the lower rate); its delay is removed, so
 * output sample k lines up with input time k * in_rate / out_rate, and the
 * output has exactly round(n_in * out_rate / in_rate) samples.
 * Deterministic: the same input gives the same output bit for bit.
 */
#ifndef HERALD_SINK_RESAMPLE_H
#define HERALD_SINK_RESAMPLE_H

#include <stddef.h>
#include <stdint.h>

struct resampler;

/* A converter from in_rate to out_rate (both 1000..192000 Hz).  Returns
 * NULL for rates out of range.  Free with resampler_free(). */
struct resampler *resampler_new(int in_rate, int out_rate);
void resampler_free(struct resampler *r);

/*
 * Feed n input samples; calls out(ctx, pcm, k) zero or more times with the
 * output they complete (k <= 8192).  A nonzero return from out stops and
 * is returned.  flush: after the last input, pass pcm NULL and n 0 with
 * flush set to emit the rest.
 */
int resampler_push(struct resampler *r, const int16_t *pcm, size_t n,
                   int flush,
                   int (*out)(void *ctx, const int16_t *pcm, size_t n),
                   void *ctx);

#endif /* HERALD_SINK_RESAMPLE_H */
