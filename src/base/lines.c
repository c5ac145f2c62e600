/*
 * lines.c — see lines.h.
 */
#include "base/lines.h"

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
