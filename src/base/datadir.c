/*
 * datadir.c — finding herald's shipped data, see datadir.h.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/datadir.h"
#include "base/xdg.h"

#ifndef HERALD_INSTALL_DATADIR
#define HERALD_INSTALL_DATADIR "/usr/local/share/herald"
#endif
#ifndef HERALD_SOURCE_DIR
#define HERALD_SOURCE_DIR ""
#endif

static char shipped[PATH_MAX];
static pthread_once_t shipped_once = PTHREAD_ONCE_INIT;

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Take dir as the shipped folder if it holds voices/. */
static int try_dir(const char *dir)
{
    if (!dir || !*dir || strlen(dir) + sizeof "/voices" > sizeof shipped)
        return 0;
    char probe[PATH_MAX + 16];
    snprintf(probe, sizeof probe, "%s/voices", dir);
    if (!is_dir(probe))
        return 0;
    snprintf(shipped, sizeof shipped, "%s", dir);
    return 1;
}

static void find_shipped(void)
{
    if (try_dir(getenv("HERALD_DATA_DIR")))
        return;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash && (size_t)(slash - exe) + sizeof "/../share/herald" < sizeof exe) {
            strcpy(slash, "/../share/herald");
            char real[PATH_MAX];
            if (realpath(exe, real) && try_dir(real))
                return;
        }
    }
    if (try_dir(HERALD_INSTALL_DATADIR))
        return;
    try_dir(HERALD_SOURCE_DIR);
}

const char *datadir_shipped(void)
{
    pthread_once(&shipped_once, find_shipped);
    return shipped[0] ? shipped : NULL;
}

char *datadir_shipped_path(const char *rel, struct hr_error *err)
{
    const char *dir = datadir_shipped();
    if (!dir) {
        hr_fail(err, HR_ENOTFOUND, "cannot find herald's data folder (voices/): "
                "set HERALD_DATA_DIR");
        return NULL;
    }
    return xasprintf("%s/%s", dir, rel);
}

char *datadir_find(const char *rel, struct hr_error *err)
{
    struct hr_error ignored;
    char *mine = xdg_config_path(rel, &ignored);
    if (mine && is_file(mine))
        return mine;
    free(mine);
    const char *dir = datadir_shipped();
    if (dir) {
        char *path = xasprintf("%s/%s", dir, rel);
        if (is_file(path))
            return path;
        free(path);
    }
    hr_fail(err, HR_ENOTFOUND, "no such file: '%s'", rel);
    return NULL;
}
