/*
 * fuzz_speech.c — a sentence on its way to the synthesiser: cleaned as
 * article text is (script_normalize_ws), its digits made ASCII, prepared
 * for speech in a language (speech/: numbers, dates, links, symbols by
 * that language's rules), then given the language's lexicon, kana for
 * Japanese and the unreadable scripts left out (lexicon_say()).  The
 * first input byte picks the language: every language herald normalises,
 * Japanese (MeCab), a few it leaves to espeak-ng, and none (NULL).
 */
#include "fuzz.h"

#include "lexicon/lexicon.h"
#include "script/script.h"
#include "speech/speech.h"

static const char *const langs[] = {
    NULL, "en", "de", "es", "fr", "it", "ru", "ja",
    "en-GB", "pt", "zh", "ar", "ko", "km", "he", "x",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *lang = langs[data[0] % (sizeof langs / sizeof *langs)];
    data++, size--;
    struct buf clean = BUF_INIT, digits = BUF_INIT, out = BUF_INIT;
    struct buf said = BUF_INIT;
    struct hr_error err;
    script_normalize_ws((const char *)data, size, &clean);
    if (script_ascii_digits(clean.data, clean.len, &digits, &err) == 0 &&
        speech_prepare(digits.data, digits.len, lang, &out, &err) == 0) {
        lexicon_say(lang ? lang : "en", out.data, out.len, &said, &err);
        lexicon_unreadable(lang ? lang : "en", out.data, out.len);
    }
    buf_release(&said);
    buf_release(&out);
    buf_release(&digits);
    buf_release(&clean);
    return 0;
}
