/*
 * speaker.c — says one headline at a time (see news.h).
 *
 * DESIGN: a player with no script.  One thread owns espeak-ng and the
 * live sink: it opens the device and starts the speech engine, then waits
 * for a job ("cut, say intro in English, say text in its language").  The
 * main thread posts at most one pending job under the lock and bumps the
 * atomic generation first, so the synth callback abandons the words in
 * progress within microseconds and the new job discards what the ring
 * still holds: moving through headlines quickly says only the last one.
 *
 *   main thread ──job (intro, text, lang, rate)──► speaker thread
 *       ▲                                           espeak-ng → ring ──► PortAudio
 *       └────── wake pipe (failure) ───────────────┘                     callback
 *
 * Earcons go straight to the sink as cues (sink_pa_cue), over the ring.
 * Only one thread may use espeak-ng at a time, so the caller frees the
 * speaker (joining its thread) before a player starts, and starts a new
 * one after the player is freed.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/ring.h"
#include "news/news.h"
#include "sink/sink.h"
#include "sink/sink_pa.h"
#include "synth/render.h"
#include "synth/synth.h"

/* About 6 s of audio at 22050 Hz: more than a headline takes. */
#define SPEAKER_RING ((size_t)1 << 17)
/* Bytes of words in one job. */
#define SAY_MAX 4096
/* Silence between the intro and the text, in ms. */
#define INTRO_GAP_MS 120

struct say_job {
    uint64_t gen;
    char intro[SAY_MAX];
    char text[SAY_MAX];
    char lang[40];
    int rate;
};

struct news_speaker {
    struct news_speaker_opts o;     /* immutable after new */
    struct ring *ring;
    struct earcon_set earcons;
    struct sink_cue cues[EARCON_COUNT];
    int wake[2];

    pthread_mutex_t lock;           /* guards job, pending, quit, failure */
    pthread_cond_t cond;
    struct say_job job;
    bool pending;
    bool quit;
    bool failed;
    struct hr_error fail_err;

    _Atomic uint64_t gen;           /* read by the synth callback */
    _Atomic bool working;           /* the thread is synthesising */
    struct sink *_Atomic sink;      /* published once the device is open */
    pthread_t thread;

    // Main thread only.
    int rate;
    bool reported;
};

static void wake_main(struct news_speaker *sp)
{
    char c = 1;
    ssize_t w = write(sp->wake[1], &c, 1);
    (void)w;    // a full pipe already wakes the main thread
}

/* ---- the speaker thread ----------------------------------------------- */

struct stream {
    struct news_speaker *sp;
    uint64_t gen;
    bool trim_lead;
};

static bool cancelled(const struct stream *st)
{
    return atomic_load_explicit(&st->sp->gen, memory_order_acquire) != st->gen;
}

static void wait_room(struct news_speaker *sp)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 5 * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&sp->lock);
    if (!sp->pending && !sp->quit)
        pthread_cond_timedwait(&sp->cond, &sp->lock, &ts);
    pthread_mutex_unlock(&sp->lock);
}

static int stream_pcm(void *ctx, const int16_t *pcm, size_t n)
{
    struct stream *st = ctx;
    struct news_speaker *sp = st->sp;
    if (st->trim_lead) {
        while (n > 0 && abs(*pcm) < 48)
            pcm++, n--;
        if (n > 0)
            st->trim_lead = false;
    }
    while (n > 0) {
        if (cancelled(st))
            return 1;
        size_t k = ring_write(sp->ring, pcm, n);
        pcm += k;
        n -= k;
        struct sink *s = atomic_load_explicit(&sp->sink, memory_order_acquire);
        if (k > 0 && s)
            sink_pa_expect(s, true);
        if (n > 0)
            wait_room(sp);
    }
    return 0;
}

/* Say text in lang (falling back to English when espeak-ng lacks it).
 * 0 done, 1 cancelled, -1 failed. */
static int say_in(struct news_speaker *sp, struct stream *st, const char *text,
                  const char *lang, int rate, struct hr_error *err)
{
    if (!text[0])
        return 0;
    struct synth_voice v = {.lang = lang[0] ? lang : "en", .name = sp->o.voice,
                            .rate = rate, .pitch = 50, .range = 50};
    if (synth_set_voice(&v, err) < 0) {
        if (sp->o.voice || strcmp(v.lang, "en") == 0)
            return -1;
        hr_error_clear(err);
        v.lang = "en";
        if (synth_set_voice(&v, err) < 0)
            return -1;
    }
    struct synth_cb cb = {.ctx = st, .pcm = stream_pcm};
    st->trim_lead = true;
    int rc = render_say(text, strlen(text), v.lang, &cb, err);
    st->trim_lead = false;
    return rc;
}

static int run_job(struct news_speaker *sp, const struct say_job *j,
                   struct hr_error *err)
{
    struct sink *s = atomic_load_explicit(&sp->sink, memory_order_acquire);
    if (s)
        sink_pa_expect(s, false);
    ring_discard(sp->ring);
    struct stream st = {.sp = sp, .gen = j->gen};
    int rc = say_in(sp, &st, j->intro, "en", j->rate, err);
    if (rc == 0 && j->intro[0] && j->text[0]) {
        struct render_cb rcb = {.ctx = &st, .pcm = stream_pcm};
        rc = render_silence(&rcb, INTRO_GAP_MS);
    }
    if (rc == 0)
        rc = say_in(sp, &st, j->text, j->lang, j->rate, err);
    if (s)
        sink_pa_expect(s, false);
    return rc;
}

static void *speaker_main(void *arg)
{
    struct news_speaker *sp = arg;
    struct hr_error err = {0};
    struct say_job *job = xmalloc(sizeof *job);

    struct sink_params p = {.rate = synth_sample_rate(), .device = sp->o.device,
                            .ring = sp->ring};
    struct sink *s = NULL;
    if (synth_init(NULL, &err) < 0 || sink_open(SINK_LIVE, &p, &s, &err) < 0)
        goto failed;
    atomic_store_explicit(&sp->sink, s, memory_order_release);
    wake_main(sp);
    for (;;) {
        pthread_mutex_lock(&sp->lock);
        while (!sp->pending && !sp->quit)
            pthread_cond_wait(&sp->cond, &sp->lock);
        if (sp->quit) {
            pthread_mutex_unlock(&sp->lock);
            break;
        }
        *job = sp->job;
        sp->pending = false;
        atomic_store_explicit(&sp->working, true, memory_order_release);
        pthread_mutex_unlock(&sp->lock);
        int rc = run_job(sp, job, &err);
        atomic_store_explicit(&sp->working, false, memory_order_release);
        if (rc < 0)
            goto failed;
    }
    free(job);
    return NULL;

failed:
    pthread_mutex_lock(&sp->lock);
    sp->failed = true;
    sp->fail_err = err;
    pthread_mutex_unlock(&sp->lock);
    wake_main(sp);
    free(job);
    return NULL;
}

/* ---- the main thread --------------------------------------------------- */

int news_speaker_new(const struct news_speaker_opts *o,
                     struct news_speaker **out, struct hr_error *err)
{
    struct news_speaker *sp = xcalloc(1, sizeof *sp);
    sp->o = *o;
    sp->rate = o->rate >= 80 && o->rate <= 450 ? o->rate : 175;
    sp->ring = ring_new(SPEAKER_RING);
    if (!sp->ring) {
        free(sp);
        return hr_fail(err, HR_EAUDIO, "no lock-free 64-bit atomics here");
    }
    if (pipe(sp->wake) < 0) {
        ring_free(sp->ring);
        free(sp);
        return hr_fail_errno(err, "cannot make a pipe");
    }
    for (int i = 0; i < 2; i++) {
        fcntl(sp->wake[i], F_SETFL, fcntl(sp->wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(sp->wake[i], F_SETFD, FD_CLOEXEC);
    }
    earcon_make(&sp->earcons, synth_sample_rate());
    for (int e = 0; e < EARCON_COUNT; e++)
        sp->cues[e] = (struct sink_cue){sp->earcons.pcm[e], sp->earcons.n[e]};
    pthread_mutex_init(&sp->lock, NULL);
    pthread_cond_init(&sp->cond, NULL);
    atomic_init(&sp->gen, 1);
    atomic_init(&sp->working, false);
    atomic_init(&sp->sink, NULL);
    if (pthread_create(&sp->thread, NULL, speaker_main, sp) != 0) {
        close(sp->wake[0]);
        close(sp->wake[1]);
        earcon_release(&sp->earcons);
        ring_free(sp->ring);
        free(sp);
        return hr_fail(err, HR_EIO, "cannot start a thread");
    }
    *out = sp;
    return 0;
}

int news_speaker_fd(const struct news_speaker *sp)
{
    return sp->wake[0];
}

int news_speaker_process(struct news_speaker *sp, struct hr_error *err)
{
    char drain[64];
    while (read(sp->wake[0], drain, sizeof drain) > 0)
        ;
    pthread_mutex_lock(&sp->lock);
    bool failed = sp->failed;
    struct hr_error e = sp->fail_err;
    pthread_mutex_unlock(&sp->lock);
    if (!failed)
        return 0;
    if (err)
        *err = e;
    return -1;
}

int news_speaker_wait_open(struct news_speaker *sp, struct hr_error *err)
{
    for (int i = 0; i < 100; i++) {
        if (news_speaker_process(sp, err) < 0)
            return -1;
        if (atomic_load_explicit(&sp->sink, memory_order_acquire))
            return 0;
        struct pollfd pfd = {.fd = sp->wake[0], .events = POLLIN};
        poll(&pfd, 1, 100);
    }
    return hr_fail(err, HR_EAUDIO, "the audio device did not open within "
                   "10 seconds");
}

void news_speaker_say(struct news_speaker *sp, const char *intro,
                      const char *text, const char *lang)
{
    pthread_mutex_lock(&sp->lock);
    uint64_t gen = atomic_load_explicit(&sp->gen, memory_order_relaxed) + 1;
    atomic_store_explicit(&sp->gen, gen, memory_order_release);
    struct say_job *j = &sp->job;
    j->gen = gen;
    snprintf(j->intro, sizeof j->intro, "%s", intro ? intro : "");
    snprintf(j->text, sizeof j->text, "%s", text ? text : "");
    snprintf(j->lang, sizeof j->lang, "%s", lang ? lang : "");
    j->rate = sp->rate;
    sp->pending = true;
    pthread_cond_signal(&sp->cond);
    pthread_mutex_unlock(&sp->lock);
}

void news_speaker_cue(struct news_speaker *sp, enum earcon e)
{
    struct sink *s = atomic_load_explicit(&sp->sink, memory_order_acquire);
    if (s && sp->o.earcons)
        sink_pa_cue(s, &sp->cues[e]);
}

void news_speaker_set_rate(struct news_speaker *sp, int rate)
{
    if (rate >= 80 && rate <= 450)
        sp->rate = rate;
}

bool news_speaker_busy(const struct news_speaker *sp)
{
    struct news_speaker *m = (struct news_speaker *)sp;
    pthread_mutex_lock(&m->lock);
    bool pending = m->pending;
    pthread_mutex_unlock(&m->lock);
    return pending || atomic_load_explicit(&sp->working, memory_order_acquire) ||
           ring_used(sp->ring) > 0;
}

void news_speaker_free(struct news_speaker *sp, bool drain)
{
    if (!sp)
        return;
    struct sink *s = atomic_load_explicit(&sp->sink, memory_order_acquire);
    if (drain && s) {
        for (int i = 0; i < 1000 && news_speaker_busy(sp); i++) {
            pthread_mutex_lock(&sp->lock);
            bool failed = sp->failed;
            pthread_mutex_unlock(&sp->lock);
            if (failed)
                break;
            struct timespec ts = {0, 10 * 1000000L};
            nanosleep(&ts, NULL);
        }
    }
    pthread_mutex_lock(&sp->lock);
    sp->quit = true;
    atomic_fetch_add_explicit(&sp->gen, 1, memory_order_release);
    pthread_cond_broadcast(&sp->cond);
    pthread_mutex_unlock(&sp->lock);
    pthread_join(sp->thread, NULL);
    s = atomic_load_explicit(&sp->sink, memory_order_acquire);
    if (s)
        sink_close(s, drain, NULL);
    ring_free(sp->ring);
    earcon_release(&sp->earcons);
    close(sp->wake[0]);
    close(sp->wake[1]);
    pthread_mutex_destroy(&sp->lock);
    pthread_cond_destroy(&sp->cond);
    free(sp);
}
