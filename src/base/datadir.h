/*
 * datadir.h — where herald's shipped data is: voices/ (voice profiles,
 * per-language normalisation data, pronunciation lexicons) and feeds/
 * (curated feed lists).
 *
 * The shipped folder is the first of these that holds a voices/ folder:
 *   $HERALD_DATA_DIR;
 *   ../share/herald beside the executable (an installed tree, or a package
 *     unpacked anywhere: /opt/x/usr/bin/herald finds /opt/x/usr/share/herald);
 *   the install prefix's share/herald, compiled in;
 *   the source tree, compiled in (a binary run from its build folder).
 * The user's own files, $XDG_CONFIG_HOME/herald/REL, come before it.
 */
#ifndef HERALD_BASE_DATADIR_H
#define HERALD_BASE_DATADIR_H

#include "base/error.h"

/* The shipped data folder (it holds voices/), or NULL if none is found.
 * Looked up once; the string is static. */
const char *datadir_shipped(void);

/* The path of REL ("voices/profiles/radio.ini") as the user's own file if
 * it exists, else as the shipped one if it exists; on the heap (the caller
 * frees it), or NULL with *err set to HR_ENOTFOUND naming REL. */
char *datadir_find(const char *rel, struct hr_error *err);

/* The shipped path of REL whether or not it exists, on the heap, or NULL
 * with *err set when there is no shipped folder. */
char *datadir_shipped_path(const char *rel, struct hr_error *err);

#endif /* HERALD_BASE_DATADIR_H */
