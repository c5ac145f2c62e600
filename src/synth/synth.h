/*
 * synth.h — speech from text: the only module that talks to espeak-ng.
 *
 * espeak-ng keeps global state and is not thread-safe: one thread of the
 * process owns it.  Call every function here from that thread (the synth
 * thread of the player, or the thread of an export worker), after
 * synth_init().  Synthesis is synchronous: synth_speak() returns when the
 * text is spoken or a callback asked to stop.  Audio is 16-bit mono PCM at
 * synth_sample_rate() (22050 Hz with Debian's espeak-ng).
 */
#ifndef HERALD_SYNTH_H
#define HERALD_SYNTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"

struct synth_voice {
    const char *lang;   /* BCP 47 language ("en", "en-GB", "de"); NULL = "en" */
    const char *name;   /* an espeak-ng voice name, overrides lang; or NULL */
    int rate;           /* words a minute, 80..450 */
    int pitch;          /* 0..100, espeak-ng's scale; 50 is the default */
    int range;          /* 0..100 pitch range; 50 is the default */
    const char *variant;/* an espeak-ng variant ("f3", "klatt"); NULL or "" */
};

/* The callbacks of one synth_speak() call; ctx is passed back. */
struct synth_cb {
    void *ctx;
    /* n samples of audio; return nonzero to stop the synthesis. */
    int (*pcm)(void *ctx, const int16_t *pcm, size_t n);
    /* A word starts at byte text_offset of the text, at sample sample of
     * this call's audio (counted from its first sample).  May be NULL. */
    void (*word)(void *ctx, uint32_t text_offset, uint64_t sample);
};

/*
 * Start espeak-ng (once a process; a second call does nothing).  Returns 0
 * or -1 with HR_ESYNTH (no voice data).  data_path NULL = the system's.
 */
int synth_init(const char *data_path, struct hr_error *err);
/* Samples a second of what synth_speak() produces. */
int synth_sample_rate(void);

/*
 * espeak-ng prints some complaints ("No envelope") on descriptor 2 while
 * it speaks.  With on, synth_speak() points descriptor 2 at /dev/null for
 * the call.  Only for a process whose other threads do not write to
 * stderr meanwhile (export: one thread; the player silences stderr as a
 * whole instead).  Sanitizer builds keep stderr, for their reports.
 */
void synth_quiet_stderr(bool on);

/*
 * Select the voice for what follows.  The language falls back from
 * "en-GB" to "en"; a language espeak-ng has no voice for fails with
 * HR_ENOTFOUND.  Setting the voice that is already set costs nothing.
 */
int synth_set_voice(const struct synth_voice *v, struct hr_error *err);

/*
 * Speak len bytes of UTF-8 text with the current voice.  Decimal digits of
 * every script are spoken as ASCII digits (script_ascii_digits(); word
 * offsets count in that text).  Returns 0 when all was spoken, 1 when a
 * callback stopped it, -1 with *err on failure.
 */
int synth_speak(const char *text, size_t len, const struct synth_cb *cb,
                struct hr_error *err);

/*
 * Append espeak-ng's phoneme mnemonics for len bytes of text, as
 * `espeak-ng -q -x` prints them, to out: the clauses joined by one space,
 * no newline.  Nothing is spoken.  0 or -1 with *err.
 */
int synth_phonemes(const char *text, size_t len, struct buf *out,
                   struct hr_error *err);

/* For `herald voices`: fn once per espeak-ng voice, in espeak-ng's order.
 * languages is the voice's language list, e.g. "en-gb en". */
int synth_list_voices(void (*fn)(const char *name, const char *languages,
                                 const char *identifier, void *ctx),
                      void *ctx, struct hr_error *err);

/* Whether espeak-ng has a voice for lang (after the same fallback); false
 * before synth_init(). */
bool synth_has_lang(const char *lang);

#endif /* HERALD_SYNTH_H */
