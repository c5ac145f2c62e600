/*
 * lexicon_internal.h — between lexicon.c and reading.c.
 */
#ifndef HERALD_LEXICON_INTERNAL_H
#define HERALD_LEXICON_INTERNAL_H

#include "lexicon/lexicon.h"

/* The first script in text that lang's voice cannot read, or -1. */
int lexicon_first_unreadable(const char *lang, const char *text, size_t len);

/* Append text without the runs of characters lang's voice cannot read. */
int lexicon_drop_unreadable(const char *lang, const char *text, size_t len,
                            struct buf *out, struct hr_error *err);

#endif /* HERALD_LEXICON_INTERNAL_H */
