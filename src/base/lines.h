/*
 * lines.h — a check on the lines of a text file before a line-based
 * parser reads it.
 *
 * libinih reads a line into a fixed buffer (INI_MAX_LINE, 200 bytes in
 * Debian's build) and goes on with the rest of a longer line as if it were
 * a new one, so "key = <long value>" could be read as two settings.  The
 * config readers refuse such a file instead, naming the line.
 */
#ifndef HERALD_BASE_LINES_H
#define HERALD_BASE_LINES_H

#include <stddef.h>
#include <stdio.h>

/* The number (from 1) of the first line of f longer than max bytes, not
 * counting its line end, or 0 when there is none.  Reads f to its end and
 * rewinds it. */
long lines_first_longer(FILE *f, size_t max);

#endif /* HERALD_BASE_LINES_H */
