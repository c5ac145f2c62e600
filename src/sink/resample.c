/*
 * resample.c — polyphase windowed-sinc rate conversion (see resample.h).
 *
 * DESIGN: the rates are reduced to up/down factors L/M (22050 -> 24000 is
 * 160/147).  Conceptually the input is stuffed with L-1 zeros between
 * samples, low-pass filtered at 0.45 of the lower Nyquist rate and every
 * M-th sample kept; the polyphase form computes only the kept samples:
 * output m uses phase (m*M) mod L of the filter against the T input
 * samples ending at floor(m*M/L).  The filter is a Kaiser-windowed sinc
 * (beta 8.6, about 80 dB of stop band), normalised so that each phase has
 * unit gain at DC.  A history of T-1 input samples is kept between calls;
 * the filter is centred on a whole upsampled sample and output m is read
 * half a filter ahead, at upsampled time m*M + centre, so output and input
 * line up exactly; zeros past the end make up the last half filter.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "sink/resample.h"

#define TAPS 32         /* filter taps a phase */
#define MAX_FACTOR 1000 /* L and M after reduction */
#define OUT_CHUNK 8192

struct resampler {
    int up, down;           /* L, M */
    float *h;               /* up * TAPS: h[p * TAPS + k] weighs x[n0 - k] */
    float *x;               /* input history; x[0] is absolute index xbase */
    size_t xlen, xcap;
    int64_t xbase;
    uint64_t nin;           /* input samples received */
    uint64_t m;             /* next output index */
    uint64_t center;        /* the filter's centre, in upsampled samples */
    uint64_t emitted;       /* outputs delivered */
    int16_t out[OUT_CHUNK];
    size_t nout;
};

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* Modified Bessel function of the first kind, order 0 (series). */
static double bessel_i0(double x)
{
    double sum = 1, term = 1;
    for (int k = 1; k < 50; k++) {
        term *= (x / (2 * k)) * (x / (2 * k));
        sum += term;
        if (term < sum * 1e-12)
            break;
    }
    return sum;
}

struct resampler *resampler_new(int in_rate, int out_rate)
{
    if (in_rate < 1000 || in_rate > 192000 || out_rate < 1000 ||
        out_rate > 192000)
        return NULL;
    int g = gcd(in_rate, out_rate);
    int up = out_rate / g, down = in_rate / g;
    if (up > MAX_FACTOR || down > MAX_FACTOR)
        return NULL;

    struct resampler *r = xcalloc(1, sizeof *r);
    r->up = up;
    r->down = down;
    size_t n = (size_t)up * TAPS;
    double *proto = xmalloc(n * sizeof *proto);
    double fc = 0.45 / (up > down ? up : down);  // cycles per upsampled sample
    // Centred on a whole upsampled sample, so that output m can be taken
    // at exactly input time m * M / L (no fractional delay to correct).
    double c = (double)(n / 2), beta = 8.6, i0b = bessel_i0(beta);
    for (size_t i = 0; i < n; i++) {
        double t = (double)i - c;
        double s = t == 0 ? 2 * fc : sin(2 * M_PI * fc * t) / (M_PI * t);
        double u = t / c;
        proto[i] = s * bessel_i0(beta * sqrt(u * u < 1 ? 1 - u * u : 0)) / i0b;
    }
    // Unit DC gain for each phase (the zero stuffing divided it by L).
    r->h = xmalloc(n * sizeof *r->h);
    for (int p = 0; p < up; p++) {
        double sum = 0;
        for (int k = 0; k < TAPS; k++)
            sum += proto[p + (size_t)k * up];
        for (int k = 0; k < TAPS; k++)
            r->h[(size_t)p * TAPS + k] =
                (float)(proto[p + (size_t)k * up] / (sum != 0 ? sum : 1));
    }
    free(proto);
    r->center = n / 2;
    // T-1 zeros before the first sample.
    r->xcap = 4096;
    r->x = xcalloc(r->xcap, sizeof *r->x);
    r->xlen = TAPS - 1;
    r->xbase = -(TAPS - 1);
    return r;
}

void resampler_free(struct resampler *r)
{
    if (!r)
        return;
    free(r->h);
    free(r->x);
    free(r);
}

static void append(struct resampler *r, const int16_t *pcm, size_t n)
{
    if (r->xlen + n > r->xcap) {
        while (r->xlen + n > r->xcap)
            r->xcap *= 2;
        r->x = xreallocarray(r->x, r->xcap, sizeof *r->x);
    }
    for (size_t i = 0; i < n; i++)
        r->x[r->xlen + i] = pcm ? (float)pcm[i] : 0.0f;
    r->xlen += n;
}

static int drain(struct resampler *r,
                 int (*out)(void *ctx, const int16_t *pcm, size_t n),
                 void *ctx)
{
    int rc = r->nout ? out(ctx, r->out, r->nout) : 0;
    r->nout = 0;
    return rc;
}

/* Compute outputs while their input is present and, if limit is nonzero,
 * until `limit` outputs have been delivered. */
static int produce(struct resampler *r, uint64_t limit,
                   int (*out)(void *ctx, const int16_t *pcm, size_t n),
                   void *ctx)
{
    int64_t avail = r->xbase + (int64_t)r->xlen;   // absolute end of input
    for (;;) {
        if (limit && r->emitted >= limit)
            break;
        uint64_t pos = r->m * (uint64_t)r->down + r->center;
        int64_t n0 = (int64_t)(pos / (uint64_t)r->up);
        if (n0 >= avail)
            break;
        int phase = (int)(pos % (uint64_t)r->up);
        const float *h = r->h + (size_t)phase * TAPS;
        const float *x = r->x + (n0 - r->xbase);
        float acc = 0;
        for (int k = 0; k < TAPS; k++)
            acc += h[k] * x[-k];
        r->m++;
        long v = lrintf(acc);
        r->out[r->nout++] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
        r->emitted++;
        if (r->nout == OUT_CHUNK) {
            int rc = drain(r, out, ctx);
            if (rc)
                return rc;
        }
    }
    // Keep the T-1 samples the next output needs.
    int64_t keep_from = (int64_t)((r->m * (uint64_t)r->down + r->center) /
                                  (uint64_t)r->up) - (TAPS - 1);
    if (keep_from > r->xbase) {
        size_t drop = (size_t)(keep_from - r->xbase);
        if (drop > r->xlen)
            drop = r->xlen;
        memmove(r->x, r->x + drop, (r->xlen - drop) * sizeof *r->x);
        r->xlen -= drop;
        r->xbase += (int64_t)drop;
    }
    return 0;
}

int resampler_push(struct resampler *r, const int16_t *pcm, size_t n,
                   int flush,
                   int (*out)(void *ctx, const int16_t *pcm, size_t n),
                   void *ctx)
{
    int rc;
    if (pcm && n > 0) {
        r->nin += n;
        while (n > 0) {
            size_t k = n < 4096 ? n : 4096;
            append(r, pcm, k);
            if ((rc = produce(r, 0, out, ctx)) != 0)
                return rc;
            pcm += k;
            n -= k;
        }
    }
    if (flush) {
        uint64_t target = (r->nin * (uint64_t)r->up + (uint64_t)r->down / 2) /
                          (uint64_t)r->down;
        while (r->emitted < target) {
            append(r, NULL, TAPS);
            if ((rc = produce(r, target, out, ctx)) != 0)
                return rc;
        }
    }
    return drain(r, out, ctx);
}
