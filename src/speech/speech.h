/*
 * speech.h — text as it should be said, not as it is written.
 *
 * The one place where a sentence's written text becomes what the
 * synthesiser is given (read, export, news, say all come through here):
 * image file names are dropped, runs of symbols that espeak-ng would
 * spell out one by one ("*****", "-----", "|||") are removed, and, in a
 * language herald has normalisation data for (voices/lang/LANG/), numbers,
 * dates, times, money, measures, abbreviations, links and symbols become
 * the words a newsreader says ("$5.5bn" -> "five point five billion
 * dollars").  In other languages links become "link" and the rest is left
 * to espeak-ng.  Knows nothing of espeak-ng.  Safe to call from any
 * thread.
 */
#ifndef HERALD_SPEECH_H
#define HERALD_SPEECH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* Append the speakable form of len bytes of text in language lang (BCP
 * 47; NULL = English) to out; 0 or -1. */
int speech_prepare(const char *text, size_t len, const char *lang,
                   struct buf *out, struct hr_error *err);

/* Whether herald normalises lang itself (else espeak-ng reads it). */
bool speech_knows_lang(const char *lang);

#endif /* HERALD_SPEECH_H */
