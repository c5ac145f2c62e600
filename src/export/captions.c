/*
 * captions.c — timed captions and chapters from a rendered file.
 *
 * DESIGN: render_article() reports each sentence's first and last sample
 * as it goes; the export job records them here as cues (with the offset
 * of the article in a multi-article file) and writes them out at the end
 * as WebVTT or SRT.  Times come from sample counts, not estimates, so a
 * cue is exact to the sample, rounded to the millisecond on output.
 * Chapters are the articles (titled by headline) and the sections inside
 * them (titled by their heading); each runs to the start of the next and
 * the last to the end of the file, as WebVTT chapter tracks expect.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "export/export.h"

void export_timeline_init(struct export_timeline *t, int rate)
{
    memset(t, 0, sizeof *t);
    t->rate = rate > 0 ? rate : 22050;
}

void export_timeline_release(struct export_timeline *t)
{
    for (size_t i = 0; i < t->nchapters; i++)
        free(t->chapters[i].title);
    free(t->chapters);
    for (size_t i = 0; i < t->ncues; i++)
        free(t->cues[i].text);
    free(t->cues);
    memset(t, 0, sizeof *t);
}

int export_timeline_add_cue(struct export_timeline *t, uint64_t start,
                            uint64_t end, const char *text, size_t len,
                            struct hr_error *err)
{
    if (t->ncues >= EXPORT_MAX_CUES)
        return hr_fail(err, HR_ELIMIT, "more than %d sentences in one file",
                       EXPORT_MAX_CUES);
    if (t->ncues == t->cues_alloc) {
        t->cues_alloc = t->cues_alloc ? t->cues_alloc * 2 : 256;
        t->cues = xreallocarray(t->cues, t->cues_alloc, sizeof *t->cues);
    }
    t->cues[t->ncues++] = (struct export_cue){start, end,
                                              xstrndup(text, len)};
    return 0;
}

int export_timeline_add_chapter(struct export_timeline *t, uint64_t start,
                                const char *title, struct hr_error *err)
{
    if (t->nchapters > 0 && t->chapters[t->nchapters - 1].start == start) {
        free(t->chapters[t->nchapters - 1].title);
        t->chapters[t->nchapters - 1].title = xstrdup(title);
        return 0;
    }
    if (t->nchapters >= EXPORT_MAX_CUES)
        return hr_fail(err, HR_ELIMIT, "more than %d chapters in one file",
                       EXPORT_MAX_CUES);
    if (t->nchapters == t->chapters_alloc) {
        t->chapters_alloc = t->chapters_alloc ? t->chapters_alloc * 2 : 16;
        t->chapters = xreallocarray(t->chapters, t->chapters_alloc,
                                    sizeof *t->chapters);
    }
    t->chapters[t->nchapters].start = start;
    t->chapters[t->nchapters].title = xstrdup(title);
    t->nchapters++;
    return 0;
}

/* hh:mm:ss.mmm (sep '.') or hh:mm:ss,mmm (sep ','). */
static int put_time(struct buf *out, uint64_t samples, int rate, char sep,
                    struct hr_error *err)
{
    uint64_t ms = (samples * 1000 + (uint64_t)rate / 2) / (uint64_t)rate;
    return buf_printf(out, err, "%02" PRIu64 ":%02" PRIu64 ":%02" PRIu64
                      "%c%03" PRIu64, ms / 3600000, ms / 60000 % 60,
                      ms / 1000 % 60, sep, ms % 1000);
}

/* Text of a cue: the sentence; in WebVTT &, < and > are escaped, in SRT
 * an arrow "-->" (which would read as a timing line) loses a hyphen. */
static int put_text(struct buf *out, const char *s, size_t len, bool vtt,
                    struct hr_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0; i++) {
        unsigned char c = (unsigned char)s[i];
        if (vtt && c == '&')
            rc = buf_puts(out, "&amp;", err);
        else if (vtt && c == '<')
            rc = buf_puts(out, "&lt;", err);
        else if (vtt && c == '>')
            rc = buf_puts(out, "&gt;", err);
        else if (!vtt && c == '-' && i + 2 < len && s[i + 1] == '-' &&
                 s[i + 2] == '>')
            rc = buf_puts(out, "->", err), i += 2;
        else if (c < 0x20 || c == 0x7f)
            rc = buf_putc(out, ' ', err);   // a cue's text is one line
        else
            rc = buf_putc(out, (char)c, err);
    }
    return rc;
}

int export_write_captions(const struct export_timeline *t,
                          enum export_captions kind, struct buf *out,
                          struct hr_error *err)
{
    bool vtt = kind == EXPORT_CAPTIONS_VTT;
    char sep = vtt ? '.' : ',';
    if (vtt && buf_puts(out, "WEBVTT\n", err) < 0)
        return -1;
    for (size_t i = 0; i < t->ncues; i++) {
        const struct export_cue *c = &t->cues[i];
        if ((vtt && buf_putc(out, '\n', err) < 0) ||
            buf_printf(out, err, "%zu\n", i + 1) < 0 ||
            put_time(out, c->start, t->rate, sep, err) < 0 ||
            buf_puts(out, " --> ", err) < 0 ||
            put_time(out, c->end, t->rate, sep, err) < 0 ||
            buf_putc(out, '\n', err) < 0 ||
            put_text(out, c->text, strlen(c->text), vtt, err) < 0 ||
            buf_putc(out, '\n', err) < 0 ||
            (!vtt && buf_putc(out, '\n', err) < 0))
            return -1;
    }
    return 0;
}

int export_write_chapters(const struct export_timeline *t, struct buf *out,
                          struct hr_error *err)
{
    if (buf_puts(out, "WEBVTT\n", err) < 0)
        return -1;
    for (size_t i = 0; i < t->nchapters; i++) {
        const struct export_chapter *c = &t->chapters[i];
        uint64_t end = i + 1 < t->nchapters ? t->chapters[i + 1].start
                                            : t->total;
        if (end < c->start)
            end = c->start;
        if (buf_printf(out, err, "\nchapter-%zu\n", i + 1) < 0 ||
            put_time(out, c->start, t->rate, '.', err) < 0 ||
            buf_puts(out, " --> ", err) < 0 ||
            put_time(out, end, t->rate, '.', err) < 0 ||
            buf_putc(out, '\n', err) < 0 ||
            put_text(out, c->title, strlen(c->title), true, err) < 0 ||
            buf_putc(out, '\n', err) < 0)
            return -1;
    }
    return 0;
}
