/*
 * tempfile.h — outputs appear whole or not at all.
 *
 * A file is written under a temporary name in the directory of its final
 * path and renamed onto it only when complete (after git's lockfile).
 * Temporary files are registered here; an atexit handler and handlers for
 * SIGINT, SIGTERM, SIGHUP, SIGPIPE and the crash signals remove any that
 * are still there, so an interrupted run leaves nothing half-written.  A
 * kill -9 can leave a temporary behind: ".NAME.XXXXXX.herald.part", a
 * name no one else's file has by chance, which tempfile_is_ours() knows
 * (export removes stale ones it can lock).
 */
#ifndef HERALD_BASE_TEMPFILE_H
#define HERALD_BASE_TEMPFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

/* How many temporaries may be open at once. */
#define TEMPFILE_MAX 64

/*
 * Create and open a temporary file beside final_path (mode 0644 less the
 * umask).  Writes its name into tmp (tmp_size bytes) and returns the file
 * descriptor, or -1 with *err set (HR_EIO).
 */
int tempfile_create(const char *final_path, char *tmp, size_t tmp_size,
                    struct hr_error *err);

/* Rename tmp onto final_path and forget it; 0 or -1 (tmp is removed). */
int tempfile_commit(const char *tmp, const char *final_path,
                    struct hr_error *err);

/* Remove tmp and forget it. */
void tempfile_discard(const char *tmp);

/* Whether a file name (no folder) is that of one of our temporaries. */
bool tempfile_is_ours(const char *name);

/* Install the signal and exit handlers (once; later calls do nothing). */
void tempfile_install_handlers(void);

#endif /* HERALD_BASE_TEMPFILE_H */
