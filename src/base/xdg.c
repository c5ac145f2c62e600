/*
 * xdg.c — XDG base directories for herald's config and data.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/xdg.h"

static char *xdg_path(const char *var, const char *fallback, const char *name,
                      struct hr_error *err)
{
    const char *base = getenv(var);
    if (base && base[0] == '/')
        return xasprintf("%s/herald/%s", base, name);
    const char *home = getenv("HOME");
    if (!home || home[0] != '/') {
        hr_fail(err, HR_EIO, "cannot tell where to keep '%s': set HOME or %s",
                name, var);
        return NULL;
    }
    return xasprintf("%s/%s/herald/%s", home, fallback, name);
}

char *xdg_config_path(const char *name, struct hr_error *err)
{
    return xdg_path("XDG_CONFIG_HOME", ".config", name, err);
}

char *xdg_data_path(const char *name, struct hr_error *err)
{
    return xdg_path("XDG_DATA_HOME", ".local/share", name, err);
}

int xdg_make_parents(const char *path, struct hr_error *err)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0700) < 0 && errno != EEXIST) {
            hr_fail_errno(err, "cannot create folder '%s'", p);
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}
