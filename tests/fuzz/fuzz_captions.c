/*
 * fuzz_captions.c — the WebVTT, SRT and chapter writers fed hostile
 * sentence text ("-->", blank lines, markup, control characters).  Each
 * input line is one cue (cleaned as article text is); a line starting
 * with '#' is a chapter.  Times are taken from the line lengths.
 */
#include "fuzz.h"

#include "export/export.h"
#include "script/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct export_timeline t;
    struct hr_error err;
    export_timeline_init(&t, data && size ? 8000 + data[0] * 100 : 22050);
    uint64_t at = 0;
    const char *s = (const char *)data, *end = s + size;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        struct buf b = BUF_INIT;
        script_normalize_ws(s, n, &b);
        if (b.len && b.data[0] == '#')
            export_timeline_add_chapter(&t, at, b.data + 1, &err);
        else if (b.len)
            export_timeline_add_cue(&t, at, at + n * 997, b.data, b.len, &err);
        buf_release(&b);
        at += n * 1013;
        s += n + 1;
    }
    t.total = at;
    struct buf out = BUF_INIT;
    export_write_captions(&t, EXPORT_CAPTIONS_VTT, &out, &err);
    buf_release(&out);
    out = (struct buf)BUF_INIT;
    export_write_captions(&t, EXPORT_CAPTIONS_SRT, &out, &err);
    buf_release(&out);
    out = (struct buf)BUF_INIT;
    export_write_chapters(&t, &out, &err);
    buf_release(&out);
    export_timeline_release(&t);
    return 0;
}
