/*
 * fuzz_lexicon.c — a pronunciation lexicon (voices/lexicon/LANG.lex) as a
 * user writes it, read and then applied to a sentence with words it may
 * name.  lexicon_read() takes a path, so the input is an anonymous memory
 * file named by its /proc/self/fd path.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lexicon/lexicon.h"

static const char sentence[] =
    "Nguyen crossed the Thames to Saint-Etienne; NICE, nice [[x]] Xi Jinping.";

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
    struct lexicon lx = {0};
    if (lexicon_read(&lx, path, true, &err) == 0) {
        struct buf out = BUF_INIT;
        lexicon_apply(&lx, sentence, sizeof sentence - 1, &out, &err);
        /* And its own words, as written, found again. */
        for (size_t i = 0; i < lx.n; i++)
            lexicon_find(&lx, lx.e[i].word, strlen(lx.e[i].word));
        buf_release(&out);
    }
    lexicon_release(&lx);
    close(fd);
    return 0;
}
