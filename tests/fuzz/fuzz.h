/*
 * fuzz.h — what the libFuzzer harnesses share.
 *
 * A harness is one file fuzz_NAME.c defining LLVMFuzzerTestOneInput() and
 * one line herald_fuzzer(NAME LIBRARIES...) in CMakeLists.txt; its seeds
 * and dictionary are named in seeds.sh.  Inputs are untrusted bytes as
 * they reach herald (a page, a feed, a line on the socket); what herald
 * itself cleans before a module sees it is cleaned here the same way.
 */
#ifndef HERALD_FUZZ_H
#define HERALD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input (caller frees). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif /* HERALD_FUZZ_H */
