/*
 * quiet.c — see quiet.h.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "base/quiet.h"

int stderr_silence(void)
{
    fflush(stderr);
    int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devnull < 0)
        return -1;
    int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (saved >= 0 && dup2(devnull, STDERR_FILENO) < 0) {
        close(saved);
        saved = -1;
    }
    close(devnull);
    return saved;
}

void stderr_restore(int saved)
{
    if (saved < 0)
        return;
    dup2(saved, STDERR_FILENO);
    close(saved);
}
