/*
 * fuzz_speech.c — a sentence on its way to the synthesiser: cleaned as
 * article text is (script_normalize_ws), its digits made ASCII, then
 * prepared for speech (speech/: links, file names, symbol runs).
 */
#include "fuzz.h"

#include "script/script.h"
#include "speech/speech.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf clean = BUF_INIT, digits = BUF_INIT, out = BUF_INIT;
    struct hr_error err;
    script_normalize_ws((const char *)data, size, &clean);
    if (script_ascii_digits(clean.data, clean.len, &digits, &err) == 0)
        speech_prepare(digits.data, digits.len, &out, &err);
    buf_release(&out);
    buf_release(&digits);
    buf_release(&clean);
    return 0;
}
