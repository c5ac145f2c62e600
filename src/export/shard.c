/*
 * shard.c — which share of a batch a source falls in (export.h).
 *
 * DESIGN: the share depends on the source's bytes alone, not on its place
 * in the list, so N copies of one command, each told its K, split any
 * list (in any order, on any machine) so that every source is in exactly
 * one share.  The hash is fixed (64-bit FNV-1a, then MurmurHash3's
 * finaliser so that the low bits are well mixed for the modulo): machines
 * running different versions of herald must agree.
 */
#include <string.h>

#include "export/export.h"

unsigned long export_shard_of(const char *source, unsigned long n)
{
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)source; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return n ? (unsigned long)(h % n) + 1 : 1;
}
