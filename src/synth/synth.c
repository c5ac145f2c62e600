/*
 * synth.c — espeak-ng, synchronous, owned by one thread.
 *
 * DESIGN: espeak-ng is initialised in AUDIO_OUTPUT_SYNCHRONOUS mode, so
 * espeak_Synth() calls our callback with chunks of 22050 Hz mono samples
 * and events on the calling thread and returns when done.  Returning 1
 * from the callback aborts the synthesis within a microsecond (espeak_Cancel
 * does nothing in this mode).  The callback state of the current call lives
 * in a static because espeak-ng has one callback per process; that is fine
 * as only one thread may use this module.  No audio devices, no files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <espeak-ng/speak_lib.h>

#include "base/alloc.h"
#include "base/quiet.h"
#include "script/script.h"
#include "synth/synth.h"

static bool initialised;
static int sample_rate;

/* The call in progress. */
static const struct synth_cb *cur_cb;
static uint64_t cur_samples;
static bool cur_stopped;

/* The voice set last, to skip redundant espeak_SetVoiceByProperties(). */
static char cur_voice[64];
static int cur_rate = -1, cur_pitch = -1, cur_range = -1;

static int on_synth(short *wav, int n, espeak_EVENT *ev)
{
    const struct synth_cb *cb = cur_cb;
    if (!cb || cur_stopped)
        return 1;
    for (; ev && ev->type != espeakEVENT_LIST_TERMINATED; ev++) {
        if (ev->type == espeakEVENT_WORD && cb->word) {
            // audio_position is in ms from the start of this call.
            uint64_t at = (uint64_t)ev->audio_position * (uint64_t)sample_rate
                          / 1000;
            // text_position counts from 1, in bytes of the UTF-8 input.
            uint32_t off = ev->text_position > 0
                               ? (uint32_t)ev->text_position - 1 : 0;
            cb->word(cb->ctx, off, at);
        }
    }
    if (wav && n > 0) {
        if (cb->pcm(cb->ctx, (const int16_t *)wav, (size_t)n) != 0) {
            cur_stopped = true;
            return 1;
        }
        cur_samples += (uint64_t)n;
    }
    return 0;
}

int synth_init(const char *data_path, struct hr_error *err)
{
    if (initialised)
        return 0;
    // espeakINITIALIZE_DONT_EXIT: report a missing data folder instead of
    // exiting the process.
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, data_path,
                                 espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0)
        return hr_fail(err, HR_ESYNTH,
                       "cannot start espeak-ng (is espeak-ng-data installed?)");
    sample_rate = rate;
    espeak_SetSynthCallback(on_synth);
    initialised = true;
    return 0;
}

int synth_sample_rate(void)
{
    return sample_rate ? sample_rate : 22050;
}

/* espeak-ng names languages in lower case with '-' ("en-gb"). */
static void lang_key(const char *lang, char *out, size_t n)
{
    size_t i = 0;
    for (; lang && lang[i] && i + 1 < n; i++) {
        char c = lang[i] == '_' ? '-' : lang[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[i] = '\0';
}

/* Does espeak-ng list a voice whose language is exactly key? */
static bool has_voice_lang(const char *key)
{
    const espeak_VOICE **voices = espeak_ListVoices(NULL);
    for (size_t i = 0; voices && voices[i]; i++) {
        // languages: a sequence of (priority byte, NUL-terminated name),
        // ended by a zero priority byte.
        const char *p = voices[i]->languages;
        while (p && *p) {
            if (strcasecmp(p + 1, key) == 0)
                return true;
            p += 1 + strlen(p + 1) + 1;
        }
    }
    return false;
}

/* Reduce lang to the most specific form espeak-ng has ("en-gb-x" → "en-gb"
 * → "en"); false when none. */
static bool resolve_lang_uncached(const char *lang, char *key, size_t n)
{
    lang_key(lang && *lang ? lang : "en", key, n);
    for (;;) {
        if (has_voice_lang(key))
            return true;
        char *dash = strrchr(key, '-');
        if (!dash)
            return false;
        *dash = '\0';
    }
}

/*
 * resolve_lang() with a small cache: espeak_ListVoices() rescans every
 * voice file on each call (thousands of openat() for one article), and a
 * voice is set for every segment.
 */
static bool resolve_lang(const char *lang, char *key, size_t n)
{
    static struct {
        char lang[64];
        char key[64];
        bool found;
    } cache[8];
    static unsigned next;
    const char *want = lang && *lang ? lang : "en";
    for (size_t i = 0; i < sizeof cache / sizeof *cache; i++) {
        if (cache[i].lang[0] && strcmp(cache[i].lang, want) == 0) {
            snprintf(key, n, "%s", cache[i].key);
            return cache[i].found;
        }
    }
    bool found = resolve_lang_uncached(want, key, n);
    if (strlen(want) < sizeof cache[0].lang) {
        unsigned slot = next++ % (sizeof cache / sizeof *cache);
        snprintf(cache[slot].lang, sizeof cache[slot].lang, "%s", want);
        snprintf(cache[slot].key, sizeof cache[slot].key, "%s", key);
        cache[slot].found = found;
    }
    return found;
}

bool synth_has_lang(const char *lang)
{
    char key[64];
    return initialised && resolve_lang(lang, key, sizeof key);
}

int synth_set_voice(const struct synth_voice *v, struct hr_error *err)
{
    if (!initialised)
        HR_BUG("synth_set_voice before synth_init");
    char key[64];
    if (v->name) {
        snprintf(key, sizeof key, "%s", v->name);
    } else if (!resolve_lang(v->lang, key, sizeof key)) {
        return hr_fail(err, HR_ENOTFOUND,
                       "espeak-ng has no voice for language '%s'", v->lang);
    }
    // A variant is chosen by name: "en-gb+f3".
    bool variant = v->variant && *v->variant;
    if (variant) {
        size_t k = strlen(key);
        snprintf(key + k, sizeof key - k, "+%s", v->variant);
    }
    if (strcmp(key, cur_voice) != 0) {
        espeak_ERROR rc;
        if (v->name || variant) {
            rc = espeak_SetVoiceByName(key);
        } else {
            espeak_VOICE spec = {0};
            spec.languages = key;
            rc = espeak_SetVoiceByProperties(&spec);
        }
        if (rc != EE_OK)
            return hr_fail(err, HR_ENOTFOUND, "espeak-ng has no voice '%s'",
                           key);
        snprintf(cur_voice, sizeof cur_voice, "%s", key);
        cur_rate = cur_pitch = cur_range = -1;  // a new voice resets them
    }
    int rate = v->rate < 80 ? 80 : v->rate > 450 ? 450 : v->rate;
    int pitch = v->pitch < 0 ? 0 : v->pitch > 100 ? 100 : v->pitch;
    int range = v->range < 0 ? 0 : v->range > 100 ? 100 : v->range;
    if (rate != cur_rate)
        espeak_SetParameter(espeakRATE, rate, 0);
    if (pitch != cur_pitch)
        espeak_SetParameter(espeakPITCH, pitch, 0);
    if (range != cur_range)
        espeak_SetParameter(espeakRANGE, range, 0);
    cur_rate = rate, cur_pitch = pitch, cur_range = range;
    return 0;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#define KEEP_STDERR 1
#else
#define KEEP_STDERR 0
#endif

static bool quiet_stderr;

void synth_quiet_stderr(bool on)
{
    quiet_stderr = on && !KEEP_STDERR;
}

int synth_speak(const char *text, size_t len, const struct synth_cb *cb,
                struct hr_error *err)
{
    if (!initialised)
        HR_BUG("synth_speak before synth_init");
    // espeak_Synth wants a NUL-terminated string; the digits of other
    // scripts become ASCII ones, which every voice reads in its language
    // (espeak-ng 1.51 reads freed memory on "੮" in an English voice).
    struct buf ascii = BUF_INIT;
    if (script_ascii_digits(text, len, &ascii, err) < 0) {
        buf_release(&ascii);
        return -1;
    }
    char *copy = buf_detach(&ascii, &len);
    cur_cb = cb;
    cur_samples = 0;
    cur_stopped = false;
    int saved = quiet_stderr ? stderr_silence() : -1;
    // espeakPHONEMES: [[ ]] holds phonemes (a lexicon's entries; the text
    // of a page has its "[[" and "]]" broken by lexicon_apply()).
    espeak_ERROR rc = espeak_Synth(copy, len + 1, 0, POS_CHARACTER, 0,
                                   espeakCHARS_UTF8 | espeakPHONEMES, NULL,
                                   NULL);
    stderr_restore(saved);
    bool stopped = cur_stopped;
    cur_cb = NULL;
    free(copy);
    if (rc != EE_OK && !stopped)
        return hr_fail(err, HR_ESYNTH, "espeak-ng could not speak the text");
    return stopped ? 1 : 0;
}

int synth_phonemes(const char *text, size_t len, struct buf *out,
                   struct hr_error *err)
{
    if (!initialised)
        HR_BUG("synth_phonemes before synth_init");
    struct buf ascii = BUF_INIT;
    if (script_ascii_digits(text, len, &ascii, err) < 0) {
        buf_release(&ascii);
        return -1;
    }
    if (buf_putc(&ascii, '\0', err) < 0) {
        buf_release(&ascii);
        return -1;
    }
    // One call gives one clause's phonemes and moves p past it; p becomes
    // NULL at the end of the text.  Mode 0: mnemonics, as -x prints them.
    const void *p = ascii.data;
    bool first = true;
    int rc = 0;
    while (p && rc == 0) {
        const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0);
        if (!ph || !*ph)
            continue;
        if (!first)
            rc = buf_putc(out, ' ', err);
        first = false;
        if (rc == 0)
            rc = buf_puts(out, ph, err);
    }
    buf_release(&ascii);
    return rc;
}

int synth_list_voices(void (*fn)(const char *name, const char *languages,
                                 const char *identifier, void *ctx),
                      void *ctx, struct hr_error *err)
{
    if (synth_init(NULL, err) < 0)
        return -1;
    const espeak_VOICE **voices = espeak_ListVoices(NULL);
    for (size_t i = 0; voices && voices[i]; i++) {
        char langs[256] = "";
        size_t used = 0;
        const char *p = voices[i]->languages;
        while (p && *p && used + 2 < sizeof langs) {
            int w = snprintf(langs + used, sizeof langs - used, "%s%s",
                             used ? " " : "", p + 1);
            if (w < 0 || (size_t)w >= sizeof langs - used)
                break;
            used += (size_t)w;
            p += 1 + strlen(p + 1) + 1;
        }
        fn(voices[i]->name, langs, voices[i]->identifier, ctx);
    }
    return 0;
}
