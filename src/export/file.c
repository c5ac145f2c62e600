/*
 * file.c — render articles into one audio file with its captions and
 * chapters, and the single-file job (export_to_file).
 *
 * DESIGN: render_article() pushes PCM into a file sink and reports the
 * sample at which each sentence starts and ends; those become caption
 * cues and, where the section changes, chapters.  Commit order makes the
 * audio file the proof of completeness: the caption and chapter files are
 * renamed into place first and the audio last, so a run that finds the
 * audio (and the sidecars it asks for) can keep them, and one killed in
 * between finds no audio and does the job again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "export/export_internal.h"
#include "sink/sink_file.h"
#include "synth/synth.h"

int export_sidecar_paths(const char *audio, const struct export_opts *o,
                         char *captions, char *chapters, size_t size)
{
    const char *slash = strrchr(audio, '/');
    const char *dot = strrchr(audio, '.');
    size_t stem = dot && (!slash || dot > slash + 1) ? (size_t)(dot - audio)
                                                     : strlen(audio);
    captions[0] = chapters[0] = '\0';
    if (o->captions != EXPORT_CAPTIONS_NONE) {
        int n = snprintf(captions, size, "%.*s.%s", (int)stem, audio,
                         o->captions == EXPORT_CAPTIONS_VTT ? "vtt" : "srt");
        if (n < 0 || (size_t)n >= size)
            return -1;
    }
    if (o->chapters) {
        int n = snprintf(chapters, size, "%.*s.chapters.vtt", (int)stem,
                         audio);
        if (n < 0 || (size_t)n >= size)
            return -1;
    }
    return 0;
}

bool export_sidecars_exist(const char *audio, const struct export_opts *o)
{
    char cap[PATH_MAX], chap[PATH_MAX];
    struct stat st;
    if (export_sidecar_paths(audio, o, cap, chap, sizeof cap) < 0)
        return false;
    return (!cap[0] || stat(cap, &st) == 0) &&
           (!chap[0] || stat(chap, &st) == 0);
}

int export_file_open(struct export_file *f, const char *path,
                     const struct export_opts *o, const struct article *a,
                     bool multi, struct hr_error *err)
{
    memset(f, 0, sizeof *f);
    if (snprintf(f->path, sizeof f->path, "%s", path) >= (int)sizeof f->path ||
        export_sidecar_paths(path, o, f->captions, f->chapters,
                             sizeof f->captions) < 0)
        return hr_fail(err, HR_EIO, "path '%s' is too long", path);
    if (strcmp(path, "-") == 0)
        f->captions[0] = f->chapters[0] = '\0';
    f->kind = o->captions;
    f->multi = multi;
    // The comment is the article's id, not its source: a local path would
    // tell every listener of a podcast where the file lay on this machine.
    char *id = article_id(a, SINK_TAG_COMMENT_MAX + 1);
    struct sink_tags tags = {
        .title = a->title,
        .artist = a->byline ? a->byline : a->site,
        .date = a->published,
        .comment = id,
    };
    struct sink_params sp = {.rate = synth_sample_rate(), .path = path,
                             .format = o->format, .tags = &tags};
    int rc = sink_open(SINK_FILE, &sp, &f->sink, err);
    free(id);
    if (rc < 0)
        return -1;
    export_timeline_init(&f->tl, synth_sample_rate());
    return 0;
}

static int on_pcm(void *ctx, const int16_t *pcm, size_t n)
{
    struct export_file *f = ctx;
    if (f->write_failed)
        return 1;
    if (sink_write(f->sink, pcm, n, &f->werr) < 0) {
        f->write_failed = true;
        return 1;
    }
    f->clock += n;
    return 0;
}

static int on_sentence_start(void *ctx, struct render_pos pos, uint64_t start)
{
    struct export_file *f = ctx;
    const struct article *a = f->cur;
    f->cue_start = f->art_base + start;
    if (!f->chapters[0] || pos.segment >= a->nsegs)
        return 0;
    const struct segment *seg = &a->segs[pos.segment];
    if (f->section == seg->section)
        return 0;
    const char *title;
    if (f->section == UINT32_MAX)   // the article's first sentence
        title = a->title ? a->title : seg->text;
    else if (seg->role == ROLE_HEADING)
        title = seg->text;
    else
        title = a->title ? a->title : seg->text;
    f->section = seg->section;
    // A chapter list that cannot grow just stops growing: the audio and
    // captions matter more.
    export_timeline_add_chapter(&f->tl, f->art_base + start, title, NULL);
    return 0;
}

static void on_sentence_end(void *ctx, struct render_pos pos, uint64_t end)
{
    struct export_file *f = ctx;
    const struct article *a = f->cur;
    if (!f->captions[0] || pos.segment >= a->nsegs)
        return;
    const struct segment *seg = &a->segs[pos.segment];
    if (pos.sentence >= seg->nsentences)
        return;
    const struct sentence *s = &seg->sentences[pos.sentence];
    // The cue starts where this sentence's audio started: render reports
    // the start before the sentence's samples, the end after them, and
    // nothing else is written in between.
    export_timeline_add_cue(&f->tl, f->cue_start, f->art_base + end,
                            seg->text + s->start, s->len, NULL);
}

int export_file_add(struct export_file *f, const struct article *a,
                    const struct export_opts *o, bool *fatal,
                    struct hr_error *err)
{
    *fatal = false;
    struct render_cb cb = {.ctx = f, .pcm = on_pcm,
                           .sentence_start = on_sentence_start,
                           .sentence_end = on_sentence_end};
    // A bulletin opens with its chime and runs on without tones between
    // its articles (a headline each); other files get the earcon between.
    if (o->bulletin ? f->narticles == 0 && render_chime(&cb) != 0
                    : f->narticles > 0 && export_earcon(&cb) != 0)
        goto write_failed;
    f->cur = a;
    f->art_base = f->clock;
    f->section = UINT32_MAX;
    int rc = render_article(a, (struct render_pos){0, 0}, &o->render, &cb,
                            err);
    f->cur = NULL;
    if (f->write_failed)
        goto write_failed;
    if (rc < 0)
        return -1;
    f->narticles++;
    return 0;
write_failed:
    *fatal = true;
    if (err)
        *err = f->werr;
    return -1;
}

static void release(struct export_file *f)
{
    export_timeline_release(&f->tl);
    f->sink = NULL;
}

int export_file_commit(struct export_file *f, struct hr_error *err)
{
    f->tl.total = f->clock;
    struct buf text = BUF_INIT;
    int rc = 0;
    if (f->captions[0]) {
        rc = export_write_captions(&f->tl, f->kind, &text, err);
        if (rc == 0)
            rc = export_write_atomic(f->captions, text.data, text.len, err);
    }
    if (rc == 0 && f->chapters[0]) {
        buf_reset(&text);
        rc = export_write_chapters(&f->tl, &text, err);
        if (rc == 0)
            rc = export_write_atomic(f->chapters, text.data, text.len, err);
    }
    buf_release(&text);
    if (rc < 0)
        sink_close(f->sink, false, NULL);
    else
        rc = sink_close(f->sink, true, err);
    release(f);
    return rc;
}

void export_file_abort(struct export_file *f)
{
    if (f->sink)
        sink_close(f->sink, false, NULL);
    release(f);
}

static void report(const struct export_io *io, const char *source,
                   const char *path, enum export_outcome outcome,
                   uint64_t samples, const struct hr_error *err)
{
    if (!io->report)
        return;
    struct export_report r = {.source = source, .path = path,
                              .outcome = outcome, .samples = samples,
                              .rate = synth_sample_rate(), .err = err};
    io->report(io->ctx, &r);
}

int export_to_file(const char *path, const struct export_opts *o,
                   const struct export_io *io, struct hr_error *err)
{
    struct stat st;
    bool to_stdout = strcmp(path, "-") == 0;
    bool exists = !to_stdout && stat(path, &st) == 0;
    // A folder, a pipe or a device is not an output file to keep or to
    // replace by renaming ("-o /dev/stdout" would replace the device).
    if (exists && S_ISDIR(st.st_mode))
        return hr_fail(err, HR_EUSAGE, "'%s' is a folder; use -d for one "
                       "file a source", path);
    if (exists && !S_ISREG(st.st_mode))
        return hr_fail(err, HR_EUSAGE, "'%s' is not a regular file; use -o - "
                       "to write to standard output", path);
    if (exists && !o->force && export_sidecars_exist(path, o)) {
        const char *src;
        while ((src = io->next(io->ctx)))
            report(io, src, path, EXPORT_KEPT, 0, NULL);
        return 0;
    }
    if (!to_stdout) {
        const char *slash = strrchr(path, '/');
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
                 slash ? path : ".");
        export_sweep(slash == path ? "/" : dir);
    }
    if (synth_init(NULL, err) < 0)
        return -1;

    struct export_file f;
    bool open = false;
    int failed = 0;
    // Sources are reported once the file is committed (or not): until
    // then none of them is in a file.
    char **done = NULL;
    size_t ndone = 0;
    const char *src;
    while ((src = io->next(io->ctx))) {
        struct article *a;
        struct hr_error e = {0};
        if (io->load(io->ctx, src, &a, &e) < 0) {
            report(io, src, NULL, EXPORT_FAILED, 0, &e);
            failed++;
            continue;
        }
        if (!open) {
            if (export_file_open(&f, path, o, a, true, err) < 0) {
                article_free(a);
                goto fatal;
            }
            open = true;
        }
        bool fatal;
        int rc = export_file_add(&f, a, o, &fatal, &e);
        article_free(a);
        if (fatal) {
            *err = e;
            goto fatal;
        }
        if (rc < 0) {
            report(io, src, NULL, EXPORT_FAILED, 0, &e);
            failed++;
            continue;
        }
        done = xreallocarray(done, ndone + 1, sizeof *done);
        done[ndone++] = xstrdup(src);
        if (io->tick)
            io->tick(io->ctx);
    }
    if (!open) {
        free(done);
        return failed;   // nothing loaded: no file
    }
    if (ndone == 0 && !to_stdout) {
        export_file_abort(&f);  // every source failed: no empty file either
        free(done);
        return failed;
    }
    uint64_t total = f.clock;
    if (export_file_commit(&f, err) < 0) {
        open = false;
        goto fatal;
    }
    for (size_t i = 0; i < ndone; i++) {
        report(io, done[i], path, EXPORT_WROTE, total, NULL);
        free(done[i]);
    }
    free(done);
    return failed;
fatal:
    if (open)
        export_file_abort(&f);
    for (size_t i = 0; i < ndone; i++)
        free(done[i]);
    free(done);
    return -1;
}
