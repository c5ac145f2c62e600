/*
 * render.h — an article as one stream of audio, sentence by sentence.
 *
 * The one walk over the listening script that both live playback
 * (player/) and files (export/) use, so that what is played and what is
 * exported are the same samples: for each sentence from a position on, set
 * the voice for the segment's role (style/) and language (a passage marked
 * in another language has its own), prepare the text (speech/, then the
 * language's lexicon), synthesise it (synth_speak), and add the profile's
 * silences.  Leading
 * and trailing silence that espeak-ng adds is trimmed to a fixed amount so
 * gaps are the profile's, not the synthesiser's.
 *
 * Runs on the thread that owns espeak-ng.
 */
#ifndef HERALD_SYNTH_RENDER_H
#define HERALD_SYNTH_RENDER_H

#include <stdint.h>

#include "base/error.h"
#include "script/script.h"
#include "style/style.h"
#include "synth/synth.h"

struct render_pos {
    uint32_t segment;
    uint32_t sentence;
};

struct render_cb {
    void *ctx;
    /* Audio, in order; return nonzero to stop. */
    int (*pcm)(void *ctx, const int16_t *pcm, size_t n);
    /* A sentence's audio starts at sample `start` of this render (counted
     * from its first sample), before its pcm.  May be NULL.  Return
     * nonzero to stop. */
    int (*sentence_start)(void *ctx, struct render_pos pos, uint64_t start);
    /* The sentence's speech ends at sample `end` (its following silence
     * not included).  May be NULL. */
    void (*sentence_end)(void *ctx, struct render_pos pos, uint64_t end);
};

struct render_opts {
    const struct style *style;  /* NULL: style_default() */
    const char *voice;          /* an espeak-ng voice name; NULL: from lang */
    const char *lang;           /* overrides the article's language */
    int rate;                   /* words a minute; 0: the style's */
};

/*
 * Whether a's own language has no espeak-ng voice (and o names neither a
 * voice nor a language): render_article() then reads it in English, and
 * the caller should say so.  Call from the thread that owns espeak-ng.
 */
bool render_lang_missing(const struct article *a, const struct render_opts *o);

/*
 * The one way written text reaches espeak-ng: normalise len bytes of text
 * for lang (speech_prepare: numbers, dates, money, links ... as words)
 * and speak it with the current voice (synth_speak).  Every spoken path
 * (articles, headlines, notices, `herald say`) comes through here.
 * Returns what synth_speak() returns.
 */
int render_say(const char *text, size_t len, const char *lang,
               const struct synth_cb *cb, struct hr_error *err);

/*
 * Whether some of a's text is in a script that the voice it is spoken
 * with cannot read (Khmer, Chinese characters in a Mandarin page ...):
 * render_article() leaves such text out, and the caller should say so
 * once.  out gets the words for it ("Khmer script and Chinese
 * characters").  Call from the thread that owns espeak-ng.
 */
bool render_unreadable(const struct article *a, const struct render_opts *o,
                       char *out, size_t n);

/*
 * Render a from position `from` to the end (call article_split_sentences()
 * first).  Returns 0 when done, 1 when a callback stopped it, -1 with *err
 * set (HR_ENOTFOUND when there is no voice for the language o names).
 */
int render_article(const struct article *a, struct render_pos from,
                   const struct render_opts *o, const struct render_cb *cb,
                   struct hr_error *err);

/* Append ms of silence through cb (for gaps between articles). */
int render_silence(const struct render_cb *cb, int ms);

#endif /* HERALD_SYNTH_RENDER_H */
