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

#include <ini.h>

#include "base/error.h"

/* The number (from 1) of the first line of f longer than max bytes, not
 * counting its line end, or 0 when there is none.  Reads f to its end and
 * rewinds it. */
long lines_first_longer(FILE *f, size_t max);

/* lines_parse_ini()'s answer when path cannot be opened (errno says why;
 * *err is untouched, for the caller to decide whether a missing file is
 * an error). */
#define LINES_NOT_OPENED (-2)

/*
 * Reads the INI file at path with libinih, calling h(ctx, ...) for each
 * setting, after refusing a file with a line libinih would not read whole.
 * Returns what ini_parse_file() returns -- 0, or the number of the first
 * line that is not INI or that h refused -- LINES_NOT_OPENED, or -1 with
 * *err set ("PATH: line N: longer than ...", or a read error).
 */
int lines_parse_ini(const char *path, ini_handler h, void *ctx,
                    struct hr_error *err);

#endif /* HERALD_BASE_LINES_H */
