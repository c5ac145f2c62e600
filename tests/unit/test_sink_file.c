/*
 * test_sink_file.c — every format the file sink writes decodes back with
 * libsndfile: rate, length, tags, and sound rather than silence; the Opus
 * path's resampler keeps length and pitch.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sndfile.h>

#include "sink/resample.h"
#include "sink/sink.h"
#include "sink/sink_file.h"

#define RATE 22050
#define SECONDS 2

static void sine(int16_t *pcm, size_t n, double hz)
{
    for (size_t i = 0; i < n; i++)
        pcm[i] = (int16_t)lrint(8000 * sin(2 * M_PI * hz * (double)i / RATE));
}

static void test_formats(void **state)
{
    (void)state;
    static const char *fmts[] = {"wav", "flac", "ogg", "opus", "mp3"};
    size_t n = RATE * SECONDS;
    int16_t *pcm = malloc(n * sizeof *pcm);
    sine(pcm, n, 440);
    for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/test_sink_file.%d.%s", (int)getpid(),
                 fmts[f]);
        struct sink_tags tags = {.title = "A title", .artist = "Someone",
                                 .date = "2024-05-06", .comment = "file.html"};
        struct sink_params p = {.rate = RATE, .path = path, .tags = &tags};
        struct sink *s;
        assert_int_equal(sink_open(SINK_FILE, &p, &s, NULL), 0);
        assert_int_equal(access(path, F_OK), -1);   // not before commit
        for (size_t i = 0; i < n; i += 10000)
            assert_int_equal(sink_write(s, pcm + i, n - i < 10000 ? n - i : 10000,
                                        NULL), 0);
        assert_int_equal(sink_close(s, true, NULL), 0);

        SF_INFO info = {0};
        SNDFILE *sf = sf_open(path, SFM_READ, &info);
        assert_non_null(sf);
        assert_int_equal(info.channels, 1);
        int want_rate = strcmp(fmts[f], "opus") == 0 ? 24000 : RATE;
        assert_int_equal(info.samplerate, want_rate);
        double secs = (double)info.frames / info.samplerate;
        // Lossy codecs pad a little; MP3 by up to a frame or two.
        assert_true(fabs(secs - SECONDS) < 0.1);
        assert_string_equal(sf_get_string(sf, SF_STR_TITLE), "A title");
        assert_string_equal(sf_get_string(sf, SF_STR_COMMENT), "file.html");
        short *back = calloc((size_t)info.frames, sizeof *back);
        sf_count_t got = sf_read_short(sf, back, info.frames);
        double sum = 0;
        for (sf_count_t i = 0; i < got; i++)
            sum += (double)back[i] * back[i];
        double rms = sqrt(sum / (double)(got ? got : 1));
        assert_true(rms > 3000 && rms < 8000);   // 8000/sqrt(2) = 5657
        free(back);
        sf_close(sf);

        struct sink_file_info fi;
        assert_int_equal(sink_file_probe(path, &fi, NULL), 0);
        assert_string_equal(fi.artist, "Someone");
        unlink(path);
    }
    free(pcm);
}

struct collect {
    int16_t *pcm;
    size_t n, cap;
};

static int collect(void *ctx, const int16_t *pcm, size_t n)
{
    struct collect *c = ctx;
    if (c->n + n > c->cap) {
        c->cap = (c->n + n) * 2;
        c->pcm = realloc(c->pcm, c->cap * sizeof *c->pcm);
    }
    memcpy(c->pcm + c->n, pcm, n * sizeof *pcm);
    c->n += n;
    return 0;
}

static void test_resample(void **state)
{
    (void)state;
    size_t n = RATE * SECONDS + 123;
    int16_t *pcm = malloc(n * sizeof *pcm);
    sine(pcm, n, 1000);
    struct resampler *r = resampler_new(RATE, 24000);
    assert_non_null(r);
    struct collect c = {0};
    for (size_t i = 0; i < n; i += 777)
        resampler_push(r, pcm + i, n - i < 777 ? n - i : 777, 0, collect, &c);
    resampler_push(r, NULL, 0, 1, collect, &c);
    resampler_free(r);
    size_t want = (size_t)llround((double)n * 24000 / RATE);
    assert_int_equal(c.n, want);
    // Still a 1 kHz sine of the same amplitude, in phase with the input.
    double err = 0;
    for (size_t i = 100; i + 100 < c.n; i++) {
        double t = (double)i / 24000;
        err = fmax(err, fabs(c.pcm[i] - 8000 * sin(2 * M_PI * 1000 * t)));
    }
    assert_true(err < 80);  // 1% of the amplitude
    free(c.pcm);
    free(pcm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_resample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
