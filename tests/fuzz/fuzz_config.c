/*
 * fuzz_config.c — the INI files a user (or a shared setup) hands herald:
 * the key map in config.ini and a voice profile (style/).  The readers
 * take a path, so the input is an anonymous memory file named by its
 * /proc/self/fd path.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "control/control.h"
#include "style/style.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("herald-fuzz", MFD_CLOEXEC);
    if (fd < 0)
        abort();
    if (size && write(fd, data, size) != (ssize_t)size)
        abort();
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    struct hr_error err;
    struct style s;
    style_default(&s);
    style_load(&s, path, &err);
    struct control_keymap km;
    control_keymap_default(&km);
    if (control_keymap_load(&km, path, &err) == 0)
        free(control_help_text(&km));
    close(fd);
    return 0;
}
