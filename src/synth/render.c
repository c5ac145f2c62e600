/*
 * render.c — the walk from listening script to audio (see render.h).
 *
 * DESIGN: one synth_speak() call per sentence, collected into a buffer so
 * that espeak-ng's own leading and trailing silence can be trimmed to a
 * fixed margin; then the profile's silences are added as zeros.  The audio
 * of a render is therefore a pure function of the article, the options
 * and the sequence of syntheses, which is what lets tests compare a live
 * recording with an export sample by sample.
 *
 *   [gap-before] [lead][speech][tail] [sentence-gap] [lead][speech][tail] [gap-after]
 *                 \___ sentence 0 ___/                \__ sentence 1 ___/
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "lexicon/lexicon.h"
#include "speech/speech.h"
#include "synth/render.h"
#include "synth/synth.h"

/* Samples quieter than this count as silence when trimming. */
#define SILENCE_LEVEL 48
/* Margins kept around the speech of a sentence. */
#define LEAD_MS 10
#define TAIL_MS 40
/* A sentence's audio is capped (10 minutes of speech) so a pathological
 * sentence cannot take unbounded memory. */
#define MAX_SENTENCE_SAMPLES ((size_t)22050 * 600)

struct collect {
    int16_t *pcm;
    size_t len;
    size_t alloc;
};

static int collect_pcm(void *ctx, const int16_t *pcm, size_t n)
{
    struct collect *c = ctx;
    if (c->len + n > MAX_SENTENCE_SAMPLES)
        return 1;
    if (c->len + n > c->alloc) {
        size_t alloc = c->alloc ? c->alloc : 22050;
        while (alloc < c->len + n)
            alloc *= 2;
        c->pcm = xreallocarray(c->pcm, alloc, sizeof *c->pcm);
        c->alloc = alloc;
    }
    memcpy(c->pcm + c->len, pcm, n * sizeof *pcm);
    c->len += n;
    return 0;
}

static const int16_t zeros[1024];

int render_silence(const struct render_cb *cb, int ms)
{
    size_t n = (size_t)synth_sample_rate() * (size_t)(ms > 0 ? ms : 0) / 1000;
    while (n > 0) {
        size_t k = n < 1024 ? n : 1024;
        if (cb->pcm(cb->ctx, zeros, k) != 0)
            return 1;
        n -= k;
    }
    return 0;
}

/*
 * The bulletin chime: three rising notes (G, C, E) with soft edges, then
 * a short rest, at a third of full scale so it sits under speech.  Made
 * here, beside the speech, so a bulletin heard live and one written to a
 * file start with the same samples.
 */
int render_chime(const struct render_cb *cb)
{
    static const struct { int ms; double hz; } parts[] = {
        {180, 392}, {20, 0}, {180, 523.25}, {20, 0}, {420, 659.25}, {300, 0},
    };
    const double pi = 3.14159265358979323846;
    int rate = synth_sample_rate();
    int16_t buf[1024];
    for (size_t p = 0; p < sizeof parts / sizeof *parts; p++) {
        size_t n = (size_t)rate * (size_t)parts[p].ms / 1000;
        size_t fade = (size_t)rate * 15 / 1000;
        for (size_t i = 0; i < n;) {
            size_t k = n - i < 1024 ? n - i : 1024;
            for (size_t j = 0; j < k; j++, i++) {
                double v = 0;
                if (parts[p].hz > 0) {
                    double env = 1.0;
                    if (i < fade)
                        env = 0.5 - 0.5 * cos(pi * (double)i / (double)fade);
                    else if (n - i < fade)
                        env = 0.5 - 0.5 * cos(pi * (double)(n - i) / (double)fade);
                    v = 10000.0 * env * sin(2 * pi * parts[p].hz * (double)i / rate);
                }
                buf[j] = (int16_t)lrint(v);
            }
            if (cb->pcm(cb->ctx, buf, k) != 0)
                return 1;
        }
    }
    return 0;
}

static size_t ms_to_samples(int ms)
{
    return (size_t)synth_sample_rate() * (size_t)ms / 1000;
}

/* Send pcm through cb in chunks; 1 if cb stopped. */
/* The part of pcm[0, n) to keep: espeak-ng's leading and trailing silence
 * trimmed to fixed margins, [*b, *e). */
static void trim_silence(const int16_t *pcm, size_t n, size_t *b, size_t *e)
{
    size_t lo = 0, hi = n;
    while (lo < hi && abs(pcm[lo]) < SILENCE_LEVEL)
        lo++;
    while (hi > lo && abs(pcm[hi - 1]) < SILENCE_LEVEL)
        hi--;
    size_t lead = ms_to_samples(LEAD_MS), tail = ms_to_samples(TAIL_MS);
    *b = lo > lead ? lo - lead : 0;
    *e = hi + tail < n ? hi + tail : n;
}

static int emit(const struct render_cb *cb, const int16_t *pcm, size_t n,
                uint64_t *clock)
{
    while (n > 0) {
        size_t k = n < 4096 ? n : 4096;
        if (cb->pcm(cb->ctx, pcm, k) != 0)
            return 1;
        pcm += k;
        n -= k;
        *clock += k;
    }
    return 0;
}

static int emit_silence(const struct render_cb *cb, int ms, uint64_t *clock)
{
    size_t n = ms_to_samples(ms);
    if (render_silence(cb, ms) != 0)
        return 1;
    *clock += n;
    return 0;
}

/*
 * The tone a profile plays before a part (earcon = yes): two soft rising
 * notes, 60 ms each with 8 ms raised-cosine edges, under speech level,
 * then 120 ms of silence.  Made here, in the stream, so that what is
 * played and what is exported stay the same samples.
 */
static int emit_tone(const struct render_cb *cb, uint64_t *clock)
{
    static const double hz[2] = {660.0, 990.0};
    const double pi = 3.14159265358979323846;
    int rate = synth_sample_rate();
    size_t len = (size_t)rate * 60 / 1000, fade = (size_t)rate * 8 / 1000;
    int16_t buf[4096];
    for (int note = 0; note < 2; note++) {
        size_t n = len < sizeof buf / sizeof *buf ? len : sizeof buf / sizeof *buf;
        for (size_t k = 0; k < n; k++) {
            double env = k < fade ? 0.5 - 0.5 * cos(pi * (double)k / (double)fade)
                       : n - k < fade ? 0.5 - 0.5 * cos(pi * (double)(n - k) / (double)fade)
                       : 1.0;
            buf[k] = (int16_t)lrint(6000.0 * env *
                                    sin(2 * pi * hz[note] * (double)k / rate));
        }
        if (emit(cb, buf, n, clock) != 0)
            return 1;
    }
    return emit_silence(cb, 120, clock);
}

int render_spoken(const char *text, size_t len, const char *lang,
                  struct buf *out, struct hr_error *err)
{
    // Normalised, then lang's lexicon, kana and scripts (lexicon_say()).
    struct buf said = BUF_INIT;
    int rc = speech_prepare(text, len, lang, &said, err);
    if (rc == 0)
        rc = lexicon_say(lang, said.data, said.len, out, err);
    buf_release(&said);
    return rc;
}

int render_say(const char *text, size_t len, const char *lang,
               const struct synth_cb *cb, struct hr_error *err)
{
    struct buf spoken = BUF_INIT;
    int rc = render_spoken(text, len, lang, &spoken, err);
    if (rc == 0 && spoken.len > 0)
        rc = synth_speak(spoken.data, spoken.len, cb, err);
    buf_release(&spoken);
    return rc;
}

bool render_lang_missing(const struct article *a, const struct render_opts *o)
{
    if ((o && (o->lang || o->voice)) || !a->lang || !*a->lang)
        return false;
    return !synth_has_lang(a->lang);
}

/* The language a segment is spoken in: a passage marked in another
 * language has its own, unless --lang forces one for all or espeak-ng has
 * no voice for it; a page whose language has no voice is read in
 * English. */
static const char *voice_lang(const struct article *a,
                              const struct render_opts *o,
                              const struct segment *seg)
{
    if (!(o && o->lang) && seg->lang && synth_has_lang(seg->lang))
        return seg->lang;
    if (render_lang_missing(a, o))
        return "en";
    return o && o->lang ? o->lang : a->lang;
}

bool render_unreadable(const struct article *a, const struct render_opts *o,
                       char *out, size_t n)
{
    int found[3], nfound = 0;
    for (size_t i = 0; i < a->nsegs && nfound < 3; i++) {
        int sc = lexicon_unreadable(voice_lang(a, o, &a->segs[i]),
                                    a->segs[i].text, a->segs[i].len);
        bool seen = sc < 0;
        for (int k = 0; k < nfound && !seen; k++)
            seen = found[k] == sc;
        if (!seen)
            found[nfound++] = sc;
    }
    size_t used = 0;
    out[0] = '\0';
    for (int k = 0; k < nfound && used < n; k++) {
        int w = snprintf(out + used, n - used, "%s%s",
                         k == 0 ? "" : k + 1 == nfound ? " and " : ", ",
                         lexicon_script_name(found[k]));
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return nfound > 0;
}

/*
 * Speak bytes [at, end) of seg's text into col in runs of one language: a
 * span marked in another language is said with its voice (v with that
 * language), the rest with v, which is set again at the end.  Each run's
 * silence is trimmed to the margins, so the words follow on as in one
 * sentence.
 */
static int speak_runs(const struct segment *seg, uint32_t at, uint32_t end,
                      const struct render_opts *o, struct synth_voice *v,
                      struct collect *col, struct hr_error *err)
{
    const char *base = v->lang;
    struct collect run = {0};
    int rc = 0;
    while (at < end && rc == 0) {
        const char *lang = base;
        uint32_t stop = end;
        for (uint32_t k = 0; k < seg->nspans; k++) {
            const struct lang_span *sp = &seg->spans[k];
            if (sp->start + sp->len <= at || sp->start >= end)
                continue;
            if (sp->start <= at) {
                stop = sp->start + sp->len < end ? sp->start + sp->len : end;
                if (!(o && o->lang) && synth_has_lang(sp->lang))
                    lang = sp->lang;
            } else {
                stop = sp->start;
            }
            break;
        }
        v->lang = lang;
        run.len = 0;
        struct synth_cb scb = {.ctx = &run, .pcm = collect_pcm};
        if ((rc = synth_set_voice(v, err)) < 0 ||
            (rc = render_say(seg->text + at, stop - at, lang, &scb, err)) < 0)
            break;
        size_t b, e;
        trim_silence(run.pcm, run.len, &b, &e);
        if (e > b && collect_pcm(col, run.pcm + b, e - b) != 0)
            break;
        at = stop;
    }
    free(run.pcm);
    v->lang = base;
    if (rc >= 0 && synth_set_voice(v, err) < 0)
        rc = -1;
    return rc < 0 ? -1 : 0;
}

int render_article(const struct article *a, struct render_pos from,
                   const struct render_opts *o, const struct render_cb *cb,
                   struct hr_error *err)
{
    struct style def;
    const struct style *st = o && o->style ? o->style : NULL;
    if (!st) {
        style_default(&def);
        st = &def;
    }
    struct collect col = {0};
    uint64_t clock = 0;
    int rc = 0;

    for (uint32_t si = from.segment; si < a->nsegs && rc == 0; si++) {
        const struct segment *seg = &a->segs[si];
        const struct style_role *sr = &st->role[seg->role];
        const char *seg_lang = voice_lang(a, o, seg);
        struct synth_voice v = {
            .lang = seg_lang,
            .name = o ? o->voice : NULL,
            .rate = style_rate(st, seg->role),
            .pitch = sr->pitch,
            .range = sr->range,
            .variant = sr->variant,
        };
        if (o && o->rate > 0) {
            struct style tmp = *st;
            tmp.rate = o->rate;
            v.rate = style_rate(&tmp, seg->role);
        }
        if (synth_set_voice(&v, err) < 0) {
            rc = -1;
            break;
        }
        uint32_t k0 = si == from.segment ? from.sentence : 0;
        if (k0 == 0 && sr->gap_before_ms > 0 && si != from.segment &&
            (rc = emit_silence(cb, sr->gap_before_ms, &clock)) != 0)
            break;
        if (k0 == 0 && sr->earcon && st->earcons &&
            (rc = emit_tone(cb, &clock)) != 0)
            break;
        for (uint32_t k = k0; k < seg->nsentences && rc == 0; k++) {
            const struct sentence *t = &seg->sentences[k];
            col.len = 0;
            struct synth_cb scb = {.ctx = &col, .pcm = collect_pcm};
            if (seg->nspans ? speak_runs(seg, t->start, t->start + t->len, o,
                                         &v, &col, err) < 0
                            : render_say(seg->text + t->start, t->len, seg_lang,
                                         &scb, err) < 0) {
                rc = -1;
                break;
            }
            size_t b, e;
            trim_silence(col.pcm, col.len, &b, &e);

            struct render_pos pos = {si, k};
            if (cb->sentence_start && cb->sentence_start(cb->ctx, pos, clock)) {
                rc = 1;
                break;
            }
            if ((rc = emit(cb, col.pcm + b, e - b, &clock)) != 0)
                break;
            if (cb->sentence_end)
                cb->sentence_end(cb->ctx, pos, clock);
            int gap = k + 1 < seg->nsentences ? sr->sentence_gap_ms
                                              : sr->gap_after_ms;
            rc = emit_silence(cb, gap, &clock);
        }
    }
    free(col.pcm);
    return rc;
}
