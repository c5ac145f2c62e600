/*
 * sink_pa.c — live audio through PortAudio (pull backend).
 *
 * DESIGN: the PortAudio callback runs on PortAudio's thread and only reads
 * the ring and touches atomics: no locks, allocation, I/O or system calls.
 * Pause is an atomic flag the callback checks every period, so silence
 * starts within one device period (a few ms) and the ring keeps its
 * contents for resume.  A cue (an earcon, sink_pa.h) is played in place
 * of the ring while it lasts: the callback takes a new cue from an atomic
 * pointer and keeps its own read position, so the ring is never touched
 * and resuming continues from the sample where it stopped.  The callback
 * counts its periods (a device that stopped calling back is noticed by
 * the player) and, while a producer says it is streaming, short reads as
 * underruns.  PortAudio's ALSA and JACK probing prints noise on stderr; it
 * is sent to /dev/null around every PortAudio call that may print, and
 * the plugins the probing loaded are unloaded once the stream is open.
 */
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <alsa/asoundlib.h>
#include <portaudio.h>

#include "base/alloc.h"
#include "base/quiet.h"
#include "base/ring.h"
#include "sink/sink_internal.h"
#include "sink/sink_pa.h"

/*
 * Period and latency: 128 frames (5.8 ms) and 10 ms keep pause and skip
 * well inside their budgets.  (20 ms through the ALSA pulse plugin
 * replayed stale audio after a long pause: measured, do not raise it
 * without the pause test.)
 */
#define SUGGESTED_LATENCY 0.010
#define FRAMES 128

struct pa_priv {
    PaStream *stream;
    struct ring *ring;
    struct sink *sink;
    int rate;
    size_t latency;
    _Atomic bool paused;
    _Atomic bool expect;
    _Atomic uint64_t underruns;
    _Atomic uint64_t periods;
    const struct sink_cue *_Atomic cue_req;
    _Atomic bool cue_stop;
    // The callback's own: the cue playing and how far it is.
    const struct sink_cue *cue;
    size_t cue_pos;
};

static int pa_users;

/*
 * Keep only ALSA's "default" PCM in the configuration PortAudio is about
 * to probe.  Pa_Initialize opens every PCM the configuration defines, and
 * the plugins behind them (a52 loads libavcodec and its codecs, jack,
 * speex, upmix ...) cost 45 ms of the first sound and 11 MB; playing on
 * the default device needs none of them.  pa_open() checks that the
 * default still opens and probes everything when it does not (a default
 * that refers to other definitions, such as dmix on bare hardware).
 */
static void alsa_keep_only_default(void)
{
    snd_config_t *pcms;
    if (snd_config_update() < 0 ||
        snd_config_search(snd_config, "pcm", &pcms) < 0)
        return;
    snd_config_iterator_t i, next;
    snd_config_for_each(i, next, pcms) {
        snd_config_t *e = snd_config_iterator_entry(i);
        const char *id;
        if (snd_config_get_id(e, &id) == 0 && strcmp(id, "default") != 0)
            snd_config_delete(e);
    }
}

/* Pa_Initialize with stderr silenced: its ALSA/JACK probing is noise.
 * only_default: probe ALSA's default device alone (see above). */
static PaError quiet_initialize(bool only_default)
{
    if (pa_users++ > 0)
        return paNoError;
    int q = stderr_silence();
    // A configuration pruned before is read again from the files.
    snd_config_update_free_global();
    if (only_default)
        alsa_keep_only_default();
    PaError e = Pa_Initialize();
    stderr_restore(q);
    if (e != paNoError)
        pa_users--;
    return e;
}

static void quiet_terminate(void)
{
    if (pa_users > 0 && --pa_users == 0) {
        int q = stderr_silence();
        Pa_Terminate();
        stderr_restore(q);
    }
}

/* PortAudio's thread: ring and atomics only. */
static int pa_callback(const void *input, void *output, unsigned long frames,
                       const PaStreamCallbackTimeInfo *time,
                       PaStreamCallbackFlags flags, void *user)
{
    struct pa_priv *p = user;
    int16_t *dst = output;
    size_t n = frames, done = 0;

    (void)input, (void)time;
    if (flags & paOutputUnderflow)     // the device ran dry: a real gap
        atomic_fetch_add_explicit(&p->underruns, 1, memory_order_relaxed);
    if (atomic_exchange_explicit(&p->cue_stop, false, memory_order_acq_rel))
        p->cue = NULL;
    const struct sink_cue *req =
        atomic_exchange_explicit(&p->cue_req, NULL, memory_order_acq_rel);
    if (req) {
        p->cue = req;
        p->cue_pos = 0;
    }
    if (p->cue) {
        size_t k = p->cue->n - p->cue_pos;
        if (k > n)
            k = n;
        memcpy(dst, p->cue->pcm + p->cue_pos, k * sizeof *dst);
        p->cue_pos += k;
        done = k;
        if (p->cue_pos >= p->cue->n)
            p->cue = NULL;
    }
    if (done < n && !p->cue &&
        !atomic_load_explicit(&p->paused, memory_order_acquire)) {
        size_t got = ring_read(p->ring, dst + done, n - done);
        if (got < n - done &&
            atomic_load_explicit(&p->expect, memory_order_acquire))
            atomic_fetch_add_explicit(&p->underruns, 1, memory_order_relaxed);
        done += got;
        atomic_fetch_add_explicit(&p->sink->position, got,
                                  memory_order_release);
    }
    memset(dst + done, 0, (n - done) * sizeof *dst);  // pause or underrun
    atomic_fetch_add_explicit(&p->periods, 1, memory_order_release);
    return paContinue;
}

/* The device named by spec: an index, or a name (exact, then substring). */
static PaDeviceIndex find_device(const char *spec)
{
    if (!spec)
        return Pa_GetDefaultOutputDevice();
    char *end;
    long idx = strtol(spec, &end, 10);
    int n = Pa_GetDeviceCount();
    if (*spec && !*end) {
        if (idx >= 0 && idx < n && Pa_GetDeviceInfo((PaDeviceIndex)idx)
                                       ->maxOutputChannels > 0)
            return (PaDeviceIndex)idx;
        return paNoDevice;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < n; i++) {
            const PaDeviceInfo *d = Pa_GetDeviceInfo(i);
            if (!d || d->maxOutputChannels < 1)
                continue;
            if (pass == 0 ? strcmp(d->name, spec) == 0
                          : strstr(d->name, spec) != NULL)
                return i;
        }
    }
    return paNoDevice;
}

static int pa_open(struct sink *s, const struct sink_params *sp,
                   struct hr_error *err)
{
    bool first = pa_users == 0;
    PaError e = quiet_initialize(first && !sp->device);
    PaDeviceIndex dev = paNoDevice;
    if (e == paNoError) {
        dev = find_device(sp->device);
        const PaDeviceInfo *d = dev != paNoDevice ? Pa_GetDeviceInfo(dev) : NULL;
        if (first && !sp->device && (!d || strcmp(d->name, "default") != 0)) {
            // ALSA's default did not open on its own: probe everything.
            quiet_terminate();
            e = quiet_initialize(false);
            dev = e == paNoError ? find_device(NULL) : paNoDevice;
        }
    }
    if (e != paNoError)
        return hr_fail(err, HR_EAUDIO, "there is no audio output (%s); "
                       "use 'herald export' to write a file instead",
                       Pa_GetErrorText(e));
    if (dev == paNoDevice) {
        quiet_terminate();
        if (sp->device)
            return hr_fail(err, HR_ENOTFOUND, "no audio device '%s'; "
                           "'herald devices' lists them", sp->device);
        return hr_fail(err, HR_EAUDIO, "there is no audio output device; "
                       "use 'herald export' to write a file instead");
    }
    struct pa_priv *p = xcalloc(1, sizeof *p);
    p->ring = sp->ring;
    p->sink = s;
    p->rate = sp->rate;
    atomic_init(&p->paused, false);
    atomic_init(&p->expect, false);
    atomic_init(&p->underruns, 0);
    atomic_init(&p->periods, 0);
    atomic_init(&p->cue_req, NULL);
    atomic_init(&p->cue_stop, false);

    const PaDeviceInfo *info = Pa_GetDeviceInfo(dev);
    PaStreamParameters out = {
        .device = dev,
        .channelCount = 1,
        .sampleFormat = paInt16,
        .suggestedLatency = SUGGESTED_LATENCY,
    };
    int q = stderr_silence();
    e = Pa_OpenStream(&p->stream, NULL, &out, sp->rate, FRAMES, paClipOff,
                      pa_callback, p);
    if (e == paNoError)
        e = Pa_StartStream(p->stream);
    if (e != paNoError && p->stream)
        Pa_CloseStream(p->stream);
    stderr_restore(q);
    if (e != paNoError) {
        free(p);
        quiet_terminate();
        return hr_fail(err, HR_EAUDIO, "there is no audio output: cannot "
                       "play on '%s' (%s); "
                       "use 'herald export' to write a file instead",
                       info->name, Pa_GetErrorText(e));
    }
    // PortAudio's probing opened every PCM in ALSA's configuration, and
    // alsa-lib keeps each plugin it loaded (a52 brings libavcodec, jack,
    // speex, upmix ...): 13 MB resident for devices that are not used.
    // Freeing the cached configuration unloads the plugins no open PCM
    // holds; the stream's own plugin stays.
    snd_config_update_free_global();
    const PaStreamInfo *si = Pa_GetStreamInfo(p->stream);
    p->latency = si ? (size_t)(si->outputLatency * sp->rate) : 0;
    s->priv = p;
    return 0;
}

static void pa_pause(struct sink *s, bool paused)
{
    struct pa_priv *p = s->priv;
    atomic_store_explicit(&p->paused, paused, memory_order_release);
}

static size_t pa_latency(const struct sink *s)
{
    const struct pa_priv *p = s->priv;
    return p->latency;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int pa_close(struct sink *s, bool commit, struct hr_error *err)
{
    struct pa_priv *p = s->priv;
    (void)err;
    if (commit) {
        // Let the ring drain, then the device's own buffer: stopping drops
        // about one output latency of audio.
        atomic_store_explicit(&p->paused, false, memory_order_release);
        for (int i = 0; i < 60000 && ring_used(p->ring) > 0; i += 5) {
            if (Pa_IsStreamActive(p->stream) != 1)
                break;
            sleep_ms(5);
        }
        sleep_ms((int)(p->latency * 1000 / (size_t)p->rate) + 30);
    }
    int q = stderr_silence();
    if (commit)
        Pa_StopStream(p->stream);
    else
        Pa_AbortStream(p->stream);
    Pa_CloseStream(p->stream);
    stderr_restore(q);
    free(p);
    quiet_terminate();
    return 0;
}

void sink_pa_cue(struct sink *s, const struct sink_cue *cue)
{
    struct pa_priv *p = s->priv;
    if (cue)
        atomic_store_explicit(&p->cue_req, cue, memory_order_release);
    else
        atomic_store_explicit(&p->cue_stop, true, memory_order_release);
}

void sink_pa_expect(struct sink *s, bool expect)
{
    struct pa_priv *p = s->priv;
    atomic_store_explicit(&p->expect, expect, memory_order_release);
}

uint64_t sink_pa_periods(const struct sink *s)
{
    const struct pa_priv *p = s->priv;
    return atomic_load_explicit(&p->periods, memory_order_acquire);
}

uint64_t sink_pa_underruns(const struct sink *s)
{
    const struct pa_priv *p = s->priv;
    return atomic_load_explicit(&p->underruns, memory_order_acquire);
}

bool sink_pa_active(const struct sink *s)
{
    const struct pa_priv *p = s->priv;
    return Pa_IsStreamActive(p->stream) == 1;
}

int sink_list_devices(void (*fn)(int index, const char *name, bool is_default,
                                 void *ctx),
                      void *ctx, struct hr_error *err)
{
    PaError e = quiet_initialize(false);
    if (e != paNoError)
        return hr_fail(err, HR_EAUDIO, "cannot list audio devices: %s",
                       Pa_GetErrorText(e));
    PaDeviceIndex def = Pa_GetDefaultOutputDevice();
    int n = Pa_GetDeviceCount();
    for (int i = 0; i < n; i++) {
        const PaDeviceInfo *d = Pa_GetDeviceInfo(i);
        if (d && d->maxOutputChannels > 0)
            fn(i, d->name, i == def, ctx);
    }
    quiet_terminate();
    return 0;
}

const struct sink_ops sink_ops_pa = {
    .name = "portaudio",
    .open = pa_open,
    .pause = pa_pause,
    .latency = pa_latency,
    .close = pa_close,
};
