/*
 * speech.h — text as it should be said, not as it is written.
 *
 * Prepares one sentence for the synthesiser: URLs and e-mail addresses
 * become "link" (a URL is never read aloud: docs/EXTRACTION.md), image
 * file names are dropped, runs of symbols that espeak-ng would spell out
 * one by one ("*****", "-----", "|||") are removed.  Knows nothing of
 * espeak-ng.
 */
#ifndef HERALD_SPEECH_H
#define HERALD_SPEECH_H

#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

/* Append the speakable form of len bytes of text to out; 0 or -1. */
int speech_prepare(const char *text, size_t len, struct buf *out,
                   struct hr_error *err);

#endif /* HERALD_SPEECH_H */
