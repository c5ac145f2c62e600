/*
 * files.c — small files written atomically, the earcon, and the sweep of
 * temporaries that a killed run left behind.
 *
 * DESIGN: every temporary herald writes (audio in sink/, captions, feeds
 * here) holds an exclusive flock() from just after it is created until
 * after it is renamed or removed.  A process killed with SIGKILL drops its
 * locks, so a temporary that nobody holds, matches base/tempfile's name
 * pattern and is a couple of seconds old (older than the instant between
 * mkstemp and flock) belongs to a dead run and can go, even while another
 * export is writing into the same folder.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/tempfile.h"
#include "export/export.h"
#include "synth/synth.h"

/* A temporary younger than this is never swept (see DESIGN). */
#define SWEEP_MIN_AGE 2

int export_write_atomic(const char *path, const char *data, size_t len,
                        struct hr_error *err)
{
    char tmp[PATH_MAX];
    int fd = tempfile_create(path, tmp, sizeof tmp, err);
    if (fd < 0)
        return -1;
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        hr_fail_errno(err, "cannot lock a file beside '%s'", path);
        goto fail;
    }
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            hr_fail_errno(err, "cannot write '%s'", path);
            goto fail;
        }
        data += w;
        len -= (size_t)w;
    }
    if (tempfile_commit(tmp, path, err) < 0) {
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
fail:
    tempfile_discard(tmp);
    close(fd);
    return -1;
}

/* A name's claim (pool.c): ".NAME.EXT.herald.claim". */
static bool is_claim(const char *name)
{
    static const char suffix[] = ".herald.claim";
    size_t len = strlen(name), sl = sizeof suffix - 1;
    return name[0] == '.' && len > sl + 1 &&
           strcmp(name + len - sl, suffix) == 0;
}

/* Remove a claim that no live process holds (a killed run's).  Locked
 * and checked to be still the file under the name before it goes, as a
 * taker checks after locking (pool.c), so a live claim is never lost. */
static int sweep_claim(const char *dir, const char *name)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return 0;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat a, b;
    int removed = 0;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &a) == 0 &&
        S_ISREG(a.st_mode) && lstat(path, &b) == 0 && a.st_ino == b.st_ino &&
        a.st_dev == b.st_dev && unlink(path) == 0)
        removed = 1;
    close(fd);
    return removed;
}

int export_sweep(const char *dir)
{
    DIR *d = opendir(dir && *dir ? dir : ".");
    if (!d)
        return 0;
    int removed = 0;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (is_claim(e->d_name)) {
            removed += sweep_claim(dir && *dir ? dir : ".", e->d_name);
            continue;
        }
        if (!tempfile_is_ours(e->d_name))
            continue;
        char path[PATH_MAX];
        int n = snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : ".",
                         e->d_name);
        if (n < 0 || (size_t)n >= sizeof path)
            continue;
        int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            continue;
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            now - st.st_mtime >= SWEEP_MIN_AGE &&
            flock(fd, LOCK_EX | LOCK_NB) == 0 && unlink(path) == 0)
            removed++;
        close(fd);
    }
    closedir(d);
    return removed;
}

/*
 * The earcon between articles: a soft rising pair of tones (660 Hz then
 * 880 Hz) in about a second of quiet, with raised-cosine edges so it does
 * not click.  Computed, so it is the same in every file.
 */
int export_earcon(const struct render_cb *cb)
{
    static const struct { int ms; double hz; } parts[] = {
        {300, 0}, {80, 660}, {40, 0}, {110, 880}, {400, 0},
    };
    int rate = synth_sample_rate();
    int16_t buf[1024];
    for (size_t p = 0; p < sizeof parts / sizeof *parts; p++) {
        size_t n = (size_t)rate * (size_t)parts[p].ms / 1000;
        size_t ramp = (size_t)rate / 100;   // 10 ms
        for (size_t i = 0; i < n;) {
            size_t k = n - i < 1024 ? n - i : 1024;
            for (size_t j = 0; j < k; j++, i++) {
                double v = 0;
                if (parts[p].hz > 0) {
                    double env = 1;
                    if (i < ramp)
                        env = 0.5 - 0.5 * cos(M_PI * (double)i / (double)ramp);
                    else if (n - i <= ramp)
                        env = 0.5 - 0.5 * cos(M_PI * (double)(n - i) /
                                              (double)ramp);
                    v = 5000 * env * sin(2 * M_PI * parts[p].hz * (double)i /
                                         rate);
                }
                buf[j] = (int16_t)lrint(v);
            }
            if (cb->pcm(cb->ctx, buf, k) != 0)
                return 1;
        }
    }
    return 0;
}
