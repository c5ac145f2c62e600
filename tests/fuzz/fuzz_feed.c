/*
 * fuzz_feed.c — a subscribed feed's bytes: RSS 0.9x/1.0/2.0, Atom, JSON
 * Feed, recovered when broken (feed/parse.c), with its dates, URLs and
 * HTML summaries; a short input is also read as a date.
 */
#include "fuzz.h"

#include "feed/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct feed *f = NULL;
    struct hr_error err;
    if (feed_parse((const char *)data, size, "http://fuzz.example/feed.xml",
                   NULL, &f, &err) == 0)
        feed_free(f);
    if (size < 128) {
        char *s = fuzz_cstr(data, size);
        char out[32];
        int64_t t = feed_parse_date(s);
        if (t != FEED_NO_TIME)
            feed_format_date(t, out);
        free(s);
    }
    return 0;
}
