/*
 * lines.c — see lines.h.
 */
#include "base/lines.h"

#include <errno.h>
#include <stdbool.h>

long lines_first_longer(FILE *f, size_t max)
{
    long line = 1, found = 0;
    size_t len = 0;
    int c;
    while ((c = getc(f)) != EOF) {
        if (c == '\n') {
            line++;
            len = 0;
        } else if (c != '\r' && ++len > max && !found) {
            found = line;
        }
    }
    rewind(f);
    return found;
}

int lines_parse_ini(const char *path, ini_handler h, void *ctx,
                    struct hr_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return LINES_NOT_OPENED;
    long longer = lines_first_longer(f, INI_MAX_LINE - 2);
    if (longer) {
        fclose(f);
        return hr_fail(err, HR_EPARSE, "%s: line %ld: longer than %d "
                       "characters", path, longer, INI_MAX_LINE - 2);
    }
    int rc = ini_parse_file(f, h, ctx);
    int saved = errno;
    bool bad = ferror(f);
    fclose(f);
    if (rc < 0 || bad) {
        errno = saved;
        return hr_fail_errno(err, "cannot read '%s'", path);
    }
    return rc;
}
