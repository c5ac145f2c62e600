/*
 * sink_pa.c — live audio through PortAudio (pull backend).
 *
 * DESIGN: the PortAudio callback runs on PortAudio's thread and only reads
 * the ring and touches atomics: no locks, allocation, I/O or system calls.
 * Pause is an atomic flag the callback checks every period, so silence
 * starts within one device period (a few ms) and the ring keeps its
 * contents for resume.  PortAudio's ALSA and JACK probing prints noise on
 * stderr; it is sent to /dev/null while PortAudio initialises.
 */
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <portaudio.h>

#include "base/alloc.h"
#include "base/ring.h"
#include "sink/sink_internal.h"

struct pa_priv {
    PaStream *stream;
    struct ring *ring;
    struct sink *sink;
    int rate;
    size_t latency;
    _Atomic bool paused;
    _Atomic uint64_t underruns;
};

static int pa_users;

/* Pa_Initialize with stderr silenced: its ALSA/JACK probing is noise. */
static PaError quiet_initialize(void)
{
    if (pa_users++ > 0)
        return paNoError;
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && devnull >= 0)
        dup2(devnull, STDERR_FILENO);
    PaError e = Pa_Initialize();
    if (saved >= 0) {
        dup2(saved, STDERR_FILENO);
        close(saved);
    }
    if (devnull >= 0)
        close(devnull);
    if (e != paNoError)
        pa_users--;
    return e;
}

static void quiet_terminate(void)
{
    if (pa_users > 0 && --pa_users == 0)
        Pa_Terminate();
}

static int pa_callback(const void *input, void *output, unsigned long frames,
                       const PaStreamCallbackTimeInfo *time,
                       PaStreamCallbackFlags flags, void *user)
{
    struct pa_priv *p = user;
    int16_t *dst = output;
    size_t got = 0;

    (void)input, (void)time, (void)flags;
    if (!atomic_load_explicit(&p->paused, memory_order_acquire))
        got = ring_read(p->ring, dst, frames);
    memset(dst + got, 0, (frames - got) * sizeof *dst);  // pause or underrun
    atomic_fetch_add_explicit(&p->sink->position, got, memory_order_release);
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
    PaError e = quiet_initialize();
    if (e != paNoError)
        return hr_fail(err, HR_EAUDIO, "no audio output: %s; "
                       "use 'herald export' to write a file instead",
                       Pa_GetErrorText(e));
    PaDeviceIndex dev = find_device(sp->device);
    if (dev == paNoDevice) {
        quiet_terminate();
        if (sp->device)
            return hr_fail(err, HR_ENOTFOUND, "no audio device '%s'; "
                           "'herald devices' lists them", sp->device);
        return hr_fail(err, HR_EAUDIO, "no audio output device found; "
                       "use 'herald export' to write a file instead");
    }
    struct pa_priv *p = xcalloc(1, sizeof *p);
    p->ring = sp->ring;
    p->sink = s;
    p->rate = sp->rate;
    atomic_init(&p->paused, false);
    atomic_init(&p->underruns, 0);

    const PaDeviceInfo *info = Pa_GetDeviceInfo(dev);
    PaStreamParameters out = {
        .device = dev,
        .channelCount = 1,
        .sampleFormat = paInt16,
        .suggestedLatency = info->defaultLowOutputLatency < 0.01
                                ? info->defaultLowOutputLatency : 0.01,
    };
    e = Pa_OpenStream(&p->stream, NULL, &out, sp->rate, 128, paClipOff,
                      pa_callback, p);
    if (e == paNoError)
        e = Pa_StartStream(p->stream);
    if (e != paNoError) {
        if (p->stream)
            Pa_CloseStream(p->stream);
        free(p);
        quiet_terminate();
        return hr_fail(err, HR_EAUDIO, "cannot play on '%s': %s; "
                       "use 'herald export' to write a file instead",
                       info->name, Pa_GetErrorText(e));
    }
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
    Pa_StopStream(p->stream);
    Pa_CloseStream(p->stream);
    free(p);
    quiet_terminate();
    return 0;
}

int sink_list_devices(void (*fn)(int index, const char *name, bool is_default,
                                 void *ctx),
                      void *ctx, struct hr_error *err)
{
    PaError e = quiet_initialize();
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
