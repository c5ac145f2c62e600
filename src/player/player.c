/*
 * player.c — the live player: queue, positions, commands (see player.h).
 *
 * DESIGN: three threads, each owning its part.
 *
 *   main thread (caller)           synth thread                 PortAudio callback
 *   state, queue, store  ──job──►  espeak-ng: say + render  ──►  ring ──► device
 *   follows what is heard ◄─marks─ (sentence starts, ends)        atomics only
 *
 * A job is "cut the ring (or not), say this, render that article from
 * there, then say the epilogue".  The main thread posts at most one
 * pending job under p->lock; a skip increments the atomic generation
 * first, and the synth thread's pcm callback returns 1 as soon as it sees
 * the generation move, so espeak-ng stops within microseconds; the next
 * job then discards what the ring holds (ring_discard) before writing.
 *
 * Marks tie the stream to the script: before each sentence's audio the
 * synth thread queues (generation, sample = ring write clock, position).
 * The main thread compares them with the ring's read clock every 20 ms and
 * so knows which sentence is being heard; that position is what skips
 * start from, what "where am I" says and what is remembered.  Marks of an
 * old generation are dropped.
 *
 * Pause never touches the ring or the synth: the callback plays the pause
 * earcon and then zeros, and resume continues from the sample where the
 * pause fell.  Two helper threads start at once in player_new(): the
 * synth thread (espeak-ng initialises while the caller's first article is
 * loaded) and an opener that initialises PortAudio (device probing, cut
 * to ALSA's default PCM in sink_pa.c) and opens the stream; the first sentence plays as soon as both
 * are done.  The opener ends when the device is open.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/ring.h"
#include "player/earcon.h"
#include "player/player.h"
#include "sink/sink.h"
#include "sink/sink_pa.h"
#include "store/store.h"
#include "style/style.h"
#include "synth/render.h"
#include "synth/synth.h"

/* About 6 s of audio at 22050 Hz: the synth runs this far ahead. */
#define RING_SAMPLES ((size_t)1 << 17)
/* Pending marks; the synth waits when they are full. */
#define MARKS_CAP 512
/* Text of an announcement. */
#define SAY_MAX 2048
/* A sentence heard for less than this counts as "at its first words". */
#define FIRST_WORDS_MS 1500
/* No callback for this long while the stream should run: device lost. */
#define DEVICE_TIMEOUT_MS 2000
#define RATE_STEP 25

enum mark_kind { MARK_SENTENCE, MARK_SAY, MARK_ARTICLE_END, MARK_JOB_END };

struct mark {
    enum mark_kind kind;
    uint64_t gen;
    uint64_t sample;            /* ring write clock at the mark */
    size_t article;
    struct render_pos pos;
    bool end_of_queue;          /* MARK_JOB_END of the final job */
    const char *text;           /* MARK_SAY: a static notice to print too */
};

struct job {
    uint64_t gen;
    bool cut;                   /* discard what the ring holds first */
    char say[SAY_MAX];          /* spoken first; "" for none */
    const struct article *art;  /* then this article (NULL: none) */
    size_t article;
    struct render_pos from;
    int rate;
    bool epilogue;              /* "End of article." after it */
    bool end_of_queue;          /* this job ends the queue */
};

struct article_slot {
    struct article *art;        /* NULL until loaded */
    bool failed;                /* could not be loaded: skipped */
    bool finished;              /* heard to its end */
    char *key;                  /* for the store */
};

struct player {
    struct player_opts o;
    struct store *store;        /* NULL: positions are not remembered */
    const char *help;           /* spoken by PLAYER_HELP; NULL: default */
    struct style style;
    /* Notices about scripts left out, written by the synth thread and
     * printed from their marks: a few, in turn, as a mark holds only a
     * pointer. */
    char unreadable[4][256];
    unsigned next_unreadable;
    struct ring *ring;
    struct earcon_set earcons;
    struct sink_cue cues[EARCON_COUNT];
    int wake[2];                /* wakeup pipe: helper threads → main */

    pthread_mutex_t lock;       /* guards job, marks, done_*, errors */
    pthread_cond_t cond;        /* synth waits for jobs, ring or mark space */
    struct job job;
    bool job_pending;
    bool quit;
    struct mark marks[MARKS_CAP];
    size_t mark_head, mark_count;
    uint64_t done_gen;          /* the last job the synth finished */
    bool done_valid;
    bool synth_failed;
    struct hr_error synth_err;
    _Atomic uint64_t gen;       /* read by the synth's pcm callback */

    pthread_t synth_thread, opener_thread;
    bool opener_joined;
    struct sink *_Atomic sink;  /* published by the opener */
    _Atomic bool open_done;
    int open_rc;
    struct hr_error open_err;

    // Main thread only from here.
    enum player_state state;
    int rate;
    struct article_slot *queue;
    size_t nqueue;
    size_t cur_article;         /* as heard (or as targeted after a jump) */
    struct render_pos cur;
    uint64_t cur_sample;        /* where cur was heard; UINT64_MAX = not yet */
    size_t announced_article;   /* SIZE_MAX: none yet */
    size_t chain_article;       /* last article posted in this generation */
    bool chain_posted_next;     /* its follower has been posted */
    bool stopped;
    bool failed;
    uint64_t last_periods;
    struct timespec last_progress;
    uint32_t last_saved_segment;
    bool in_help;               /* the spoken help is being heard */
    char where[SAY_MAX];
};

const char *player_state_name(enum player_state s)
{
    switch (s) {
    case PLAYER_STARTING: return "starting";
    case PLAYER_PLAYING: return "playing";
    case PLAYER_PAUSED: return "paused";
    case PLAYER_STOPPED: return "stopped";
    }
    return "unknown";
}

static void wake_main(struct player *p)
{
    char c = 1;
    ssize_t w = write(p->wake[1], &c, 1);
    (void)w;    // a full pipe already wakes the main thread
}

/* ---- the synth thread ------------------------------------------------ */

struct stream {
    struct player *p;
    const struct job *job;
    bool trim_lead;             /* drop leading silence (announcements) */
    bool expecting;
};

static bool job_cancelled(struct player *p, const struct job *j)
{
    return atomic_load_explicit(&p->gen, memory_order_acquire) != j->gen;
}

/* Wait a little for the ring or the marks to drain, or for a new job. */
static void wait_room(struct player *p)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 5 * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->lock);
    if (!p->job_pending && !p->quit)
        pthread_cond_timedwait(&p->cond, &p->lock, &ts);
    pthread_mutex_unlock(&p->lock);
}

static void set_expect(struct player *p, bool expect)
{
    struct sink *s = atomic_load_explicit(&p->sink, memory_order_acquire);
    if (s)
        sink_pa_expect(s, expect);
}

static int stream_pcm(void *ctx, const int16_t *pcm, size_t n)
{
    struct stream *st = ctx;
    struct player *p = st->p;
    if (st->trim_lead) {
        while (n > 0 && abs(*pcm) < 48)
            pcm++, n--;
        if (n > 0)
            st->trim_lead = false;
    }
    while (n > 0) {
        if (job_cancelled(p, st->job) || p->quit)
            return 1;
        size_t k = ring_write(p->ring, pcm, n);
        pcm += k;
        n -= k;
        if (k > 0 && !st->expecting) {
            set_expect(p, true);
            st->expecting = true;
        }
        if (n > 0)
            wait_room(p);
    }
    return 0;
}

/* Queue a mark; waits while the marks are full.  1 if cancelled. */
static int push_mark(struct player *p, const struct job *j, struct mark m)
{
    m.gen = j->gen;
    m.sample = ring_written(p->ring);
    for (;;) {
        if (job_cancelled(p, j) || p->quit)
            return 1;
        pthread_mutex_lock(&p->lock);
        if (p->mark_count < MARKS_CAP) {
            p->marks[(p->mark_head + p->mark_count) % MARKS_CAP] = m;
            p->mark_count++;
            pthread_mutex_unlock(&p->lock);
            return 0;
        }
        pthread_mutex_unlock(&p->lock);
        wait_room(p);
    }
}

static int on_sentence(void *ctx, struct render_pos pos, uint64_t start)
{
    struct stream *st = ctx;
    (void)start;
    return push_mark(st->p, st->job,
                     (struct mark){.kind = MARK_SENTENCE,
                                   .article = st->job->article, .pos = pos});
}

/* Speak an announcement in the interface's voice (English); a notice (a
 * static string) is also printed when it is heard (PLAYER_EV_SAY). */
static int say_as(struct player *p, struct stream *st, const char *text,
                  bool notice, struct hr_error *err)
{
    struct synth_voice v = {.lang = "en", .rate = st->job->rate,
                            .pitch = 50, .range = 50};
    if (synth_set_voice(&v, err) < 0)
        return -1;
    if (push_mark(p, st->job, (struct mark){.kind = MARK_SAY,
                                             .article = st->job->article,
                                             .text = notice ? text : NULL}))
        return 1;
    struct synth_cb cb = {.ctx = st, .pcm = stream_pcm};
    st->trim_lead = true;
    int rc = render_say(text, strlen(text), v.lang, &cb, err);
    st->trim_lead = false;
    if (rc == 0) {
        struct render_cb rcb = {.ctx = st, .pcm = stream_pcm};
        rc = render_silence(&rcb, 250);
    }
    return rc;
}

static int say(struct player *p, struct stream *st, const char *text,
               struct hr_error *err)
{
    return say_as(p, st, text, false, err);
}

static int run_job(struct player *p, const struct job *j, struct hr_error *err)
{
    struct stream st = {.p = p, .job = j};
    if (j->cut) {
        set_expect(p, false);
        ring_discard(p->ring);
    }
    int rc = 0;
    if (j->say[0])
        rc = say(p, &st, j->say, err);
    if (rc == 0 && j->art) {
        struct render_opts ro = {
            .style = &p->style,
            .voice = p->o.voice,
            .lang = p->o.lang,
            .rate = j->rate,
        };
        struct render_cb cb = {.ctx = &st, .pcm = stream_pcm,
                               .sentence_start = on_sentence};
        // Heard once, when the article starts from its beginning.
        if (j->from.segment == 0 && j->from.sentence == 0 &&
            render_lang_missing(j->art, &ro))
            rc = say_as(p, &st, "There is no voice for the language of "
                        "this page; reading it in English.", true, err);
        char scripts[160];
        if (rc == 0 && j->from.segment == 0 && j->from.sentence == 0 &&
            render_unreadable(j->art, &ro, scripts, sizeof scripts)) {
            char *notice = p->unreadable[p->next_unreadable++ % 4];
            snprintf(notice, sizeof p->unreadable[0], "Some of this page is "
                     "in %s, which cannot be spoken; it is left out.",
                     scripts);
            rc = say_as(p, &st, notice, true, err);
        }
        if (rc == 0)
            rc = render_article(j->art, j->from, &ro, &cb, err);
        if (rc == 0)
            rc = push_mark(p, j, (struct mark){.kind = MARK_ARTICLE_END,
                                               .article = j->article});
        if (rc == 0 && j->epilogue)
            rc = say(p, &st, "End of article.", err);
    }
    if (rc == 0 && j->end_of_queue)
        rc = say(p, &st, "End of queue.", err);
    if (rc == 0)
        rc = push_mark(p, j, (struct mark){.kind = MARK_JOB_END,
                                           .article = j->article,
                                           .end_of_queue = j->end_of_queue});
    set_expect(p, false);
    return rc;
}

static void *synth_main(void *arg)
{
    struct player *p = arg;
    struct hr_error err = {0};
    struct job *job = xmalloc(sizeof *job);

    if (synth_init(NULL, &err) < 0)
        goto failed;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->job_pending && !p->quit)
            pthread_cond_wait(&p->cond, &p->lock);
        if (p->quit) {
            pthread_mutex_unlock(&p->lock);
            break;
        }
        *job = p->job;
        p->job_pending = false;
        pthread_mutex_unlock(&p->lock);

        int rc = run_job(p, job, &err);
        if (rc < 0)
            goto failed;
        if (rc == 0) {
            pthread_mutex_lock(&p->lock);
            p->done_gen = job->gen;
            p->done_valid = true;
            pthread_mutex_unlock(&p->lock);
            wake_main(p);
        }
    }
    free(job);
    return NULL;

failed:
    pthread_mutex_lock(&p->lock);
    p->synth_failed = true;
    p->synth_err = err;
    pthread_mutex_unlock(&p->lock);
    wake_main(p);
    free(job);
    return NULL;
}

/* ---- the opener thread ----------------------------------------------- */

static void *opener_main(void *arg)
{
    struct player *p = arg;
    struct sink_params sp = {.rate = synth_sample_rate(), .device = p->o.device,
                             .ring = p->ring};
    struct sink *s = NULL;
    p->open_rc = sink_open(SINK_LIVE, &sp, &s, &p->open_err);
    if (p->open_rc == 0)
        atomic_store_explicit(&p->sink, s, memory_order_release);
    atomic_store_explicit(&p->open_done, true, memory_order_release);
    wake_main(p);
    return NULL;
}

/* ---- the queue and positions (main thread) ---------------------------- */

static void emit(struct player *p, enum player_event_kind kind, size_t article,
                 const char *text, const struct hr_error *err)
{
    if (!p->o.on_event)
        return;
    struct player_event ev = {.kind = kind, .article = article, .text = text,
                              .err = err};
    p->o.on_event(p->o.ctx, &ev);
}

/* The store's key: the canonical URL, or a hash of the text for files. */
static char *article_key(const struct article *a)
{
    if (a->source && (strncmp(a->source, "http://", 7) == 0 ||
                      strncmp(a->source, "https://", 8) == 0) &&
        strlen(a->source) < STORE_MAX_KEY)
        return xstrdup(a->source);
    uint64_t h = 0xcbf29ce484222325ULL;     // FNV-1a over the segments
    for (size_t i = 0; i < a->nsegs; i++) {
        const unsigned char *s = (const unsigned char *)a->segs[i].text;
        for (uint32_t k = 0; k < a->segs[i].len; k++)
            h = (h ^ s[k]) * 0x100000001b3ULL;
        h = (h ^ '\n') * 0x100000001b3ULL;
    }
    return xasprintf("text:%016llx", (unsigned long long)h);
}

/* Load article i if needed; false when it cannot be. */
static bool ensure_loaded(struct player *p, size_t i, struct hr_error *err)
{
    struct article_slot *s = &p->queue[i];
    if (s->art)
        return true;
    if (s->failed)
        return false;
    struct article *a = NULL;
    if (p->o.load(p->o.ctx, i, &a, err) < 0 || !a || a->nsegs == 0) {
        if (a) {
            article_free(a);
            hr_fail(err, HR_EEMPTY, "article %zu holds nothing to speak",
                    i + 1);
        }
        s->failed = true;
        return false;
    }
    s->art = a;
    s->key = article_key(a);
    return true;
}

static uint64_t char_offset(const struct article *a, struct render_pos pos)
{
    uint64_t off = 0;
    for (uint32_t i = 0; i < pos.segment && i < a->nsegs; i++)
        off += a->segs[i].len + 1;
    if (pos.segment < a->nsegs && pos.sentence < a->segs[pos.segment].nsentences)
        off += a->segs[pos.segment].sentences[pos.sentence].start;
    return off;
}

static void save_position(struct player *p)
{
    if (!p->store || p->cur_article >= p->nqueue)
        return;
    struct article_slot *s = &p->queue[p->cur_article];
    if (!s->art || s->finished)
        return;
    struct store_position sp = {
        .segment = p->cur.segment,
        .sentence = p->cur.sentence,
        .char_offset = char_offset(s->art, p->cur),
    };
    struct hr_error err = {0};
    if (store_position_put(p->store, s->key, &sp, &err) < 0)
        emit(p, PLAYER_EV_WARNING, p->cur_article, NULL, &err);
    p->last_saved_segment = p->cur.segment;
}

/* Post a job; cut = a jump (new generation), else a continuation. */
static void post(struct player *p, bool cut, const char *say_text,
                 size_t article, struct render_pos from, bool with_article,
                 bool end_of_queue)
{
    pthread_mutex_lock(&p->lock);
    uint64_t gen = atomic_load_explicit(&p->gen, memory_order_relaxed);
    if (cut) {
        gen++;
        atomic_store_explicit(&p->gen, gen, memory_order_release);
    }
    struct job *j = &p->job;
    memset(j, 0, offsetof(struct job, say) + 1);
    j->gen = gen;
    j->cut = cut;
    snprintf(j->say, sizeof j->say, "%s", say_text ? say_text : "");
    j->art = with_article ? p->queue[article].art : NULL;
    j->article = article;
    j->from = from;
    j->rate = p->rate;
    j->epilogue = with_article;
    j->end_of_queue = end_of_queue;
    p->job_pending = true;
    pthread_cond_signal(&p->cond);
    pthread_mutex_unlock(&p->lock);
    if (with_article) {
        p->chain_article = article;
        p->chain_posted_next = false;
    } else if (end_of_queue) {
        p->chain_posted_next = true;
    }
}

/* Jump to a position (a skip): cut what plays, say, then play from there. */
static void jump(struct player *p, size_t article, struct render_pos to,
                 const char *say_text)
{
    struct sink *s = atomic_load_explicit(&p->sink, memory_order_acquire);
    if (p->cur_article != article)
        save_position(p);
    p->cur_article = article;
    p->cur = to;
    p->cur_sample = UINT64_MAX;
    p->in_help = false;
    post(p, true, say_text, article, to, true, false);
    if (s && p->state == PLAYER_PAUSED) {
        sink_set_paused(s, false);
        p->state = PLAYER_PLAYING;
    }
}

static void cue(struct player *p, enum earcon e)
{
    struct sink *s = atomic_load_explicit(&p->sink, memory_order_acquire);
    if (s && p->o.earcons)
        sink_pa_cue(s, &p->cues[e]);
}

/* Where article i should start: its remembered position, announced. */
static struct render_pos start_of(struct player *p, size_t i, char *say_text,
                                  size_t n)
{
    struct render_pos pos = {0, 0};
    say_text[0] = '\0';
    struct article_slot *s = &p->queue[i];
    if (p->o.from_start || !p->store || !s->art)
        return pos;
    struct store_position sp;
    struct hr_error err = {0};
    int rc = store_position_get(p->store, s->key, &sp, &err);
    if (rc < 0) {
        emit(p, PLAYER_EV_WARNING, i, NULL, &err);
        return pos;
    }
    if (rc == 0 || sp.segment >= s->art->nsegs ||
        sp.sentence >= s->art->segs[sp.segment].nsentences ||
        (sp.segment == 0 && sp.sentence == 0))
        return pos;
    pos.segment = sp.segment;
    pos.sentence = sp.sentence;
    snprintf(say_text, n, "Resuming at paragraph %u.", pos.segment + 1);
    emit(p, PLAYER_EV_RESUMING, i, say_text, NULL);
    return pos;
}

/* Start article i from its remembered position (cut = a jump). */
static bool start_article(struct player *p, size_t i, bool cut)
{
    char say_text[128];
    struct render_pos pos = start_of(p, i, say_text, sizeof say_text);
    if (cut) {
        jump(p, i, pos, say_text);
    } else {
        post(p, false, say_text, i, pos, true, false);
    }
    return true;
}

/* The next loadable article after i (SIZE_MAX: none), warning about the
 * ones that fail. */
static size_t next_loadable(struct player *p, size_t i, int dir)
{
    for (size_t k = i + (size_t)dir; k < p->nqueue; k += (size_t)dir) {
        struct hr_error err = {0};
        if (ensure_loaded(p, k, &err))
            return k;
        if (err.msg[0])
            emit(p, PLAYER_EV_WARNING, k, NULL, &err);
    }
    return SIZE_MAX;
}

int player_new(const struct player_opts *o, struct player **out,
               struct hr_error *err)
{
    struct player *p = xcalloc(1, sizeof *p);
    p->o = *o;
    if (o->style)
        p->style = *o->style;
    else
        style_default(&p->style);
    p->o.style = NULL;
    p->rate = o->rate > 0 ? o->rate : p->style.rate;
    p->ring = ring_new(RING_SAMPLES);
    if (!p->ring) {
        free(p);
        return hr_fail(err, HR_EAUDIO, "no lock-free 64-bit atomics here");
    }
    earcon_make(&p->earcons, synth_sample_rate());
    for (int e = 0; e < EARCON_COUNT; e++)
        p->cues[e] = (struct sink_cue){p->earcons.pcm[e], p->earcons.n[e]};
    if (pipe(p->wake) < 0) {
        ring_free(p->ring);
        earcon_release(&p->earcons);
        free(p);
        return hr_fail_errno(err, "cannot make a pipe");
    }
    for (int i = 0; i < 2; i++) {
        fcntl(p->wake[i], F_SETFL, fcntl(p->wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(p->wake[i], F_SETFD, FD_CLOEXEC);
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_cond_init(&p->cond, &ca);
    pthread_condattr_destroy(&ca);
    atomic_init(&p->gen, 1);
    atomic_init(&p->sink, NULL);
    atomic_init(&p->open_done, false);
    p->state = PLAYER_STARTING;
    p->announced_article = SIZE_MAX;
    p->cur_sample = UINT64_MAX;
    p->nqueue = o->narticles;
    p->queue = xcalloc(p->nqueue ? p->nqueue : 1, sizeof *p->queue);

    // Device and speech engine side by side, then the first article.
    pthread_create(&p->opener_thread, NULL, opener_main, p);
    pthread_create(&p->synth_thread, NULL, synth_main, p);
    clock_gettime(CLOCK_MONOTONIC, &p->last_progress);
    *out = p;
    return 0;
}

int player_start(struct player *p, struct store *store, const char *help,
                 struct hr_error *err)
{
    p->store = store;
    p->help = help;
    size_t first = SIZE_MAX;
    struct hr_error lerr = {0};
    for (size_t i = 0; i < p->nqueue; i++) {
        hr_error_clear(&lerr);
        if (ensure_loaded(p, i, &lerr)) {
            first = i;
            break;
        }
        if (p->nqueue > 1 && lerr.msg[0])
            emit(p, PLAYER_EV_WARNING, i, NULL, &lerr);
    }
    if (first == SIZE_MAX) {
        if (err)
            *err = lerr;
        if (!lerr.msg[0])
            hr_fail(err, HR_EEMPTY, "nothing to read");
        p->stopped = p->failed = true;
        return -1;
    }
    p->cur_article = first;
    start_article(p, first, false);
    return 0;
}

int player_fd(const struct player *p)
{
    return p->wake[0];
}

int player_timeout_ms(const struct player *p)
{
    if (p->stopped)
        return 0;
    return p->state == PLAYER_PAUSED ? 250 : 20;
}

static const char *article_title(const struct article *a)
{
    if (a->title)
        return a->title;
    for (size_t i = 0; i < a->nsegs; i++) {
        if (a->segs[i].role == ROLE_HEADLINE)
            return a->segs[i].text;
    }
    return a->source ? a->source : "untitled";
}

/* What the listener hears has reached mark m. */
static void heard(struct player *p, const struct mark *m)
{
    switch (m->kind) {
    case MARK_SENTENCE:
        if (p->state == PLAYER_STARTING)
            p->state = PLAYER_PLAYING;
        p->in_help = false;
        p->cur_article = m->article;
        p->cur = m->pos;
        p->cur_sample = m->sample;
        if (p->announced_article != m->article) {
            p->announced_article = m->article;
            emit(p, PLAYER_EV_ARTICLE, m->article,
                 article_title(p->queue[m->article].art), NULL);
        }
        if (m->pos.segment != p->last_saved_segment)
            save_position(p);
        break;
    case MARK_SAY:
        if (p->state == PLAYER_STARTING)
            p->state = PLAYER_PLAYING;
        if (m->text)
            emit(p, PLAYER_EV_SAY, m->article, m->text, NULL);
        break;
    case MARK_ARTICLE_END: {
        struct article_slot *s = &p->queue[m->article];
        s->finished = true;
        if (p->store) {
            struct hr_error err = {0};
            if (store_position_clear(p->store, s->key, &err) < 0)
                emit(p, PLAYER_EV_WARNING, m->article, NULL, &err);
        }
        emit(p, PLAYER_EV_END_ARTICLE, m->article, "End of article.", NULL);
        break;
    }
    case MARK_JOB_END:
        if (m->end_of_queue) {
            emit(p, PLAYER_EV_END_QUEUE, m->article, "End of queue.", NULL);
            p->state = PLAYER_STOPPED;
            p->stopped = true;
        }
        break;
    }
}

static void fail(struct player *p, const struct hr_error *err)
{
    save_position(p);
    p->state = PLAYER_STOPPED;
    p->stopped = true;
    p->failed = true;
    emit(p, PLAYER_EV_FAILED, p->cur_article, NULL, err);
}

bool player_process(struct player *p)
{
    char drain[64];
    while (read(p->wake[0], drain, sizeof drain) > 0)
        ;
    if (p->stopped)
        return false;

    if (atomic_load_explicit(&p->open_done, memory_order_acquire) &&
        !p->opener_joined) {
        pthread_join(p->opener_thread, NULL);
        p->opener_joined = true;
        if (p->open_rc < 0) {
            fail(p, &p->open_err);
            return false;
        }
        p->last_periods = 0;
        clock_gettime(CLOCK_MONOTONIC, &p->last_progress);
    }
    struct sink *s = atomic_load_explicit(&p->sink, memory_order_acquire);

    pthread_mutex_lock(&p->lock);
    bool synth_failed = p->synth_failed;
    struct hr_error serr = p->synth_err;
    bool done = p->done_valid &&
                p->done_gen == atomic_load_explicit(&p->gen,
                                                    memory_order_relaxed);
    p->done_valid = false;
    pthread_mutex_unlock(&p->lock);
    if (synth_failed) {
        fail(p, &serr);
        return false;
    }

    // The synth finished this generation's job: queue the next article
    // behind it, so the ring never runs dry between articles.
    if (done && !p->chain_posted_next) {
        size_t next = next_loadable(p, p->chain_article, 1);
        p->chain_posted_next = true;
        if (next == SIZE_MAX)
            post(p, false, NULL, p->chain_article, (struct render_pos){0, 0},
                 false, true);
        else
            start_article(p, next, false);
    }

    // Follow what is heard.
    if (s) {
        uint64_t read_pos = ring_read_pos(p->ring);
        uint64_t gen = atomic_load_explicit(&p->gen, memory_order_relaxed);
        for (;;) {
            pthread_mutex_lock(&p->lock);
            if (p->mark_count == 0) {
                pthread_mutex_unlock(&p->lock);
                break;
            }
            struct mark m = p->marks[p->mark_head];
            bool is_start = m.kind == MARK_SENTENCE || m.kind == MARK_SAY;
            bool reached = m.gen < gen ||
                           (is_start ? read_pos > m.sample
                                     : read_pos >= m.sample);
            if (reached) {
                p->mark_head = (p->mark_head + 1) % MARKS_CAP;
                p->mark_count--;
                pthread_cond_signal(&p->cond);
            }
            pthread_mutex_unlock(&p->lock);
            if (!reached)
                break;
            if (m.gen == gen)
                heard(p, &m);
            if (p->stopped)
                return false;
        }

        // The device: its callback must keep running.
        uint64_t periods = sink_pa_periods(s);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (periods != p->last_periods) {
            p->last_periods = periods;
            p->last_progress = now;
        } else {
            int64_t idle = (int64_t)(now.tv_sec - p->last_progress.tv_sec) * 1000 +
                           (now.tv_nsec - p->last_progress.tv_nsec) / 1000000;
            if (idle > DEVICE_TIMEOUT_MS || !sink_pa_active(s)) {
                struct hr_error err;
                hr_fail(&err, HR_EAUDIO, "the audio device stopped playing; "
                        "the position is saved, 'herald read' resumes there");
                fail(p, &err);
                return false;
            }
        }
    }
    return !p->stopped;
}

/* ---- navigation ------------------------------------------------------- */

static const struct article *cur_art(const struct player *p)
{
    return p->cur_article < p->nqueue ? p->queue[p->cur_article].art : NULL;
}

/* Milliseconds the current sentence has been heard. */
static int64_t heard_ms(const struct player *p)
{
    if (p->cur_sample == UINT64_MAX)
        return 0;
    uint64_t r = ring_read_pos(p->ring);
    if (r <= p->cur_sample)
        return 0;
    return (int64_t)((r - p->cur_sample) * 1000 / (uint64_t)synth_sample_rate());
}

static bool next_sentence(const struct article *a, struct render_pos *pos)
{
    if (pos->sentence + 1 < a->segs[pos->segment].nsentences) {
        pos->sentence++;
        return true;
    }
    if (pos->segment + 1 < a->nsegs) {
        pos->segment++;
        pos->sentence = 0;
        return true;
    }
    return false;
}

static bool prev_sentence(const struct article *a, struct render_pos *pos)
{
    if (pos->sentence > 0) {
        pos->sentence--;
        return true;
    }
    if (pos->segment > 0) {
        pos->segment--;
        pos->sentence = a->segs[pos->segment].nsentences - 1;
        return true;
    }
    return false;
}

static uint32_t section_start(const struct article *a, uint32_t seg)
{
    uint32_t sec = a->segs[seg].section;
    while (seg > 0 && a->segs[seg - 1].section == sec)
        seg--;
    return seg;
}

/* Words left from pos to the article's end. */
static size_t words_left(const struct article *a, struct render_pos pos)
{
    size_t words = 0;
    for (uint32_t i = pos.segment; i < a->nsegs; i++) {
        const struct segment *s = &a->segs[i];
        uint32_t from = i == pos.segment && pos.sentence < s->nsentences
                            ? s->sentences[pos.sentence].start : 0;
        bool in_word = false;
        for (uint32_t k = from; k < s->len; k++) {
            bool sp = s->text[k] == ' ';
            if (!sp && !in_word)
                words++;
            in_word = !sp;
        }
    }
    return words;
}

void player_status(struct player *p, struct player_status *st)
{
    memset(st, 0, sizeof *st);
    st->state = p->state;
    st->article = p->cur_article;
    st->narticles = p->nqueue;
    st->rate = p->rate;
    const struct article *a = cur_art(p);
    if (a) {
        st->title = article_title(a);
        st->paragraph = p->cur.segment + 1;
        st->nparagraphs = (uint32_t)a->nsegs;
        st->sentence = p->cur.sentence + 1;
        st->section = a->segs[p->cur.segment].section + 1;
        st->nsections = article_nsections(a);
        st->seconds_left = (double)words_left(a, p->cur) * 60.0 / p->rate;
    }
    struct sink *s = atomic_load_explicit(&p->sink, memory_order_acquire);
    st->underruns = s ? sink_pa_underruns(s) : 0;
    st->in_help = p->in_help;
}

void player_where_text(struct player *p, char *out, size_t n)
{
    struct player_status st;
    player_status(p, &st);
    if (!st.title) {
        snprintf(out, n, "Nothing is playing.");
        return;
    }
    int left = (int)(st.seconds_left + 30) / 60;
    char when[64];
    if (st.seconds_left < 60)
        snprintf(when, sizeof when, "less than a minute left");
    else
        snprintf(when, sizeof when, "%d minute%s left", left,
                 left == 1 ? "" : "s");
    char art[64] = "";
    if (st.narticles > 1)
        snprintf(art, sizeof art, "Article %zu of %zu. ", st.article + 1,
                 st.narticles);
    snprintf(out, n, "%s%s. Paragraph %u of %u, section %u. %s.", art,
             st.title, st.paragraph, st.nparagraphs, st.section, when);
}

static const char *const month_names[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

void player_time_text(struct player *p, char *out, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    int used = snprintf(out, n, "It is %d:%02d.", tm.tm_hour, tm.tm_min);
    const struct article *a = cur_art(p);
    int y, mo, d;
    if (a && a->published && used >= 0 && (size_t)used < n &&
        sscanf(a->published, "%4d-%2d-%2d", &y, &mo, &d) == 3 && mo >= 1 &&
        mo <= 12)
        used += snprintf(out + used, n - (size_t)used, " Published %d %s %d.",
                         d, month_names[mo - 1], y);
    if (a && a->byline && used >= 0 && (size_t)used < n)
        snprintf(out + used, n - (size_t)used, " %s.", a->byline);
}

#define DEFAULT_HELP "Space: pause or resume. Right: next sentence. " \
    "Left: previous sentence. Down: next paragraph. Up: previous " \
    "paragraph. Right bracket: next section. Left bracket: previous " \
    "section. N: next article. P: previous article. Plus: faster. " \
    "Minus: slower. R: repeat. W: where am I. T: time. Q: quit."

int player_command(struct player *p, enum player_cmd cmd, int arg,
                   struct hr_error *err)
{
    if (p->stopped)
        return hr_fail(err, HR_EUSAGE, "the player has stopped");
    struct sink *s = atomic_load_explicit(&p->sink, memory_order_acquire);
    const struct article *a = cur_art(p);
    struct render_pos pos = p->cur;
    char text[SAY_MAX];

    switch (cmd) {
    case PLAYER_TOGGLE:
        cmd = p->state == PLAYER_PAUSED ? PLAYER_RESUME : PLAYER_PAUSE;
        return player_command(p, cmd, arg, err);
    case PLAYER_PAUSE:
        if (p->state == PLAYER_PAUSED)
            return 0;
        if (s)
            sink_set_paused(s, true);
        cue(p, EARCON_PAUSE);
        p->state = PLAYER_PAUSED;
        save_position(p);
        return 0;
    case PLAYER_RESUME:
        if (p->state != PLAYER_PAUSED)
            return 0;
        cue(p, EARCON_RESUME);
        if (s)
            sink_set_paused(s, false);
        p->state = PLAYER_PLAYING;
        return 0;
    case PLAYER_NEXT_SENTENCE:
        if (!a || !next_sentence(a, &pos))
            break;
        jump(p, p->cur_article, pos, NULL);
        return 0;
    case PLAYER_PREV_SENTENCE:
        if (!a)
            break;
        if (heard_ms(p) < FIRST_WORDS_MS && !prev_sentence(a, &pos)) {
            cue(p, EARCON_BOUNDARY);
            pos = p->cur;
        }
        jump(p, p->cur_article, pos, NULL);
        return 0;
    case PLAYER_NEXT_PARAGRAPH:
        if (!a || pos.segment + 1 >= a->nsegs)
            break;
        jump(p, p->cur_article, (struct render_pos){pos.segment + 1, 0}, NULL);
        return 0;
    case PLAYER_PREV_PARAGRAPH:
        if (!a)
            break;
        if (pos.sentence == 0 && heard_ms(p) < FIRST_WORDS_MS) {
            if (pos.segment == 0) {
                cue(p, EARCON_BOUNDARY);
            } else {
                pos.segment--;
            }
        }
        pos.sentence = 0;
        jump(p, p->cur_article, pos, NULL);
        return 0;
    case PLAYER_NEXT_SECTION: {
        if (!a)
            break;
        uint32_t i = pos.segment + 1;
        while (i < a->nsegs && a->segs[i].section == a->segs[pos.segment].section)
            i++;
        if (i >= a->nsegs)
            break;
        jump(p, p->cur_article, (struct render_pos){i, 0}, NULL);
        return 0;
    }
    case PLAYER_PREV_SECTION: {
        if (!a)
            break;
        uint32_t start = section_start(a, pos.segment);
        if (start == pos.segment && pos.sentence == 0 &&
            heard_ms(p) < FIRST_WORDS_MS) {
            if (start == 0)
                cue(p, EARCON_BOUNDARY);
            else
                start = section_start(a, start - 1);
        }
        jump(p, p->cur_article, (struct render_pos){start, 0}, NULL);
        return 0;
    }
    case PLAYER_NEXT_ARTICLE:
    case PLAYER_PREV_ARTICLE: {
        size_t k = next_loadable(p, p->cur_article,
                                 cmd == PLAYER_NEXT_ARTICLE ? 1 : -1);
        if (k == SIZE_MAX)
            break;
        save_position(p);
        p->queue[k].finished = false;
        start_article(p, k, true);
        return 0;
    }
    case PLAYER_REPEAT:
        if (!a)
            break;
        jump(p, p->cur_article, pos, NULL);
        return 0;
    case PLAYER_FASTER:
    case PLAYER_SLOWER:
    case PLAYER_RATE: {
        int rate = cmd == PLAYER_FASTER ? p->rate + RATE_STEP
                   : cmd == PLAYER_SLOWER ? p->rate - RATE_STEP : arg;
        if (cmd == PLAYER_RATE && (rate < STYLE_MIN_RATE || rate > STYLE_MAX_RATE))
            return hr_fail(err, HR_EUSAGE, "rate takes words a minute from "
                           "%d to %d", STYLE_MIN_RATE, STYLE_MAX_RATE);
        if (rate < STYLE_MIN_RATE || rate > STYLE_MAX_RATE) {
            cue(p, EARCON_BOUNDARY);
            return 0;
        }
        p->rate = rate;
        snprintf(text, sizeof text, "Rate %d.", rate);
        if (a)
            jump(p, p->cur_article, pos, text);
        return 0;
    }
    case PLAYER_WHERE:
        player_where_text(p, text, sizeof text);
        if (a)
            jump(p, p->cur_article, pos, text);
        return 0;
    case PLAYER_TIME:
        player_time_text(p, text, sizeof text);
        if (a)
            jump(p, p->cur_article, pos, text);
        return 0;
    case PLAYER_HELP:
        if (!a)
            break;
        if (p->in_help) {
            // Asked again while it plays: back to the article.
            jump(p, p->cur_article, pos, NULL);
            return 0;
        }
        jump(p, p->cur_article, pos, p->help ? p->help : DEFAULT_HELP);
        p->in_help = true;
        return 0;
    case PLAYER_STOP:
        save_position(p);
        p->state = PLAYER_STOPPED;
        p->stopped = true;
        return 0;
    case PLAYER_STATUS:
        return 0;
    case PLAYER_CMD_COUNT:
        break;
    }
    // Nothing further that way.
    cue(p, EARCON_BOUNDARY);
    return 0;
}

void player_free(struct player *p, bool drain)
{
    if (!p)
        return;
    if (!p->failed)
        save_position(p);
    pthread_mutex_lock(&p->lock);
    p->quit = true;
    atomic_fetch_add_explicit(&p->gen, 1, memory_order_release);
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->synth_thread, NULL);
    if (!p->opener_joined)
        pthread_join(p->opener_thread, NULL);
    struct sink *s = atomic_load_explicit(&p->sink, memory_order_acquire);
    if (s)
        sink_close(s, drain && !p->failed, NULL);
    for (size_t i = 0; i < p->nqueue; i++) {
        article_free(p->queue[i].art);
        free(p->queue[i].key);
    }
    free(p->queue);
    ring_free(p->ring);
    earcon_release(&p->earcons);
    close(p->wake[0]);
    close(p->wake[1]);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->cond);
    free(p);
}
