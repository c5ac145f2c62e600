/*
 * tempfile.c — temporary files that are renamed into place or removed.
 *
 * DESIGN: a fixed table of paths (no allocation, so the signal handler
 * can walk it).  A slot is claimed by storing its path and then setting
 * `used` with release order; the handler reads `used` with acquire and
 * calls unlink(), which is async-signal-safe.  After cleaning up, the
 * handler restores the default action and re-raises the signal so the
 * exit status says how the process died.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/tempfile.h"

struct slot {
    _Atomic int used;
    char path[PATH_MAX];
};

/* Ours, and no one else's by chance: see tempfile_is_ours(). */
#define TEMP_SUFFIX ".herald.part"

static struct slot slots[TEMPFILE_MAX];
static atomic_flag installed = ATOMIC_FLAG_INIT;
static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
/* A crash (in herald or in a library) removes the temporaries too. */
static const int crashes[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

/* Only slots whose path is published (used == 1); 2 means claimed. */
static void remove_all(void)
{
    for (int i = 0; i < TEMPFILE_MAX; i++) {
        if (atomic_load_explicit(&slots[i].used, memory_order_acquire) == 1)
            unlink(slots[i].path);
    }
}

static void on_signal(int sig)
{
    remove_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

void tempfile_install_handlers(void)
{
    if (atomic_flag_test_and_set(&installed))
        return;
    atexit(remove_all);
    for (size_t i = 0; i < sizeof caught / sizeof *caught; i++) {
        struct sigaction sa = {0}, old;
        sigaction(caught[i], NULL, &old);
        if (old.sa_handler == SIG_IGN)
            continue;   // keep an ignored signal ignored (nohup)
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(caught[i], &sa, NULL);
    }
    for (size_t i = 0; i < sizeof crashes / sizeof *crashes; i++) {
        struct sigaction sa = {.sa_handler = on_signal};
        sigemptyset(&sa.sa_mask);
        sigaction(crashes[i], &sa, NULL);
    }
}

/* Hold the caught signals off in this thread while a file exists on disk
 * but its path is not yet published; one that comes meanwhile is handled
 * when they are let through again, and then finds the path.  The crash
 * signals too: one sent by kill(1) ("kill -SEGV" to the group) is
 * deferred the same way; a real fault there (in mkstemps() or a memcpy())
 * would kill the process as an unhandled crash does, temporary and all. */
static void hold_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
        sigaddset(&set, caught[i]);
    for (size_t i = 0; i < sizeof crashes / sizeof *crashes; i++)
        sigaddset(&set, crashes[i]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static struct slot *find_slot(const char *path)
{
    for (int i = 0; i < TEMPFILE_MAX; i++) {
        if (atomic_load_explicit(&slots[i].used, memory_order_acquire) &&
            strcmp(slots[i].path, path) == 0)
            return &slots[i];
    }
    return NULL;
}

static void forget(const char *path)
{
    struct slot *s = find_slot(path);
    if (s)
        atomic_store_explicit(&s->used, 0, memory_order_release);
}

int tempfile_create(const char *final_path, char *tmp, size_t tmp_size,
                    struct hr_error *err)
{
    tempfile_install_handlers();
    const char *slash = strrchr(final_path, '/');
    int dirlen = slash ? (int)(slash - final_path + 1) : 0;
    const char *base = slash ? slash + 1 : final_path;
    int n = snprintf(tmp, tmp_size, "%.*s.%s.XXXXXX" TEMP_SUFFIX, dirlen,
                     final_path, base);
    if (n < 0 || (size_t)n >= tmp_size || (size_t)n >= PATH_MAX)
        return hr_fail(err, HR_EIO, "path '%s' is too long", final_path);

    struct slot *s = NULL;
    for (int i = 0; i < TEMPFILE_MAX && !s; i++) {
        int expect = 0;
        if (atomic_compare_exchange_strong(&slots[i].used, &expect, 2))
            s = &slots[i];  // 2: claimed, path not yet valid
    }
    if (!s)
        return hr_fail(err, HR_ELIMIT, "more than %d output files open at once",
                       TEMPFILE_MAX);
    sigset_t old;
    hold_signals(&old);
    int fd = mkstemps(tmp, (int)strlen(TEMP_SUFFIX));
    int saved = errno;
    if (fd >= 0) {
        memcpy(s->path, tmp, (size_t)n + 1);
        atomic_store_explicit(&s->used, 1, memory_order_release);
    } else {
        atomic_store(&s->used, 0);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        errno = saved;
        return hr_fail_errno(err, "cannot create a file beside '%s'",
                             final_path);
    }
    // mkstemps makes 0600; an output file should be readable like any other.
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    return fd;
}

int tempfile_commit(const char *tmp, const char *final_path,
                    struct hr_error *err)
{
    if (rename(tmp, final_path) < 0) {
        hr_fail_errno(err, "cannot write '%s'", final_path);
        unlink(tmp);
        forget(tmp);
        return -1;
    }
    forget(tmp);
    return 0;
}

void tempfile_discard(const char *tmp)
{
    unlink(tmp);
    forget(tmp);
}

bool tempfile_is_ours(const char *name)
{
    size_t len = strlen(name), sl = strlen(TEMP_SUFFIX);
    if (name[0] != '.' || len < 2 + 8 + sl ||
        strcmp(name + len - sl, TEMP_SUFFIX) != 0 || name[len - sl - 7] != '.')
        return false;
    for (size_t i = len - sl - 6; i < len - sl; i++)
        if (!isalnum((unsigned char)name[i]))
            return false;
    return true;
}
