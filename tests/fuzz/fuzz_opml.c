/*
 * fuzz_opml.c — an OPML file given to `feeds import`, parsed, merged and
 * written back out as `feeds export` does.
 */
#include "fuzz.h"

#include "feed/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct opml *o = NULL;
    struct hr_error err;
    if (opml_parse((const char *)data, size, "fuzz.opml", &o, &err) == 0) {
        struct buf b = BUF_INIT;
        opml_write(o, &b, &err);
        buf_release(&b);
        opml_free(o);
    }
    return 0;
}
