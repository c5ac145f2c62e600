/*
 * sink_file.c — audio files through libsndfile.
 *
 * DESIGN: the file is written to a temporary beside the final path
 * (base/tempfile) and renamed only by a committing close, so no reader
 * ever sees half a file under the final name.  "-" writes WAV to standard
 * output instead (a pipe cannot be renamed; there the stream itself is
 * the output).  Push backend: the synthesising thread calls write.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sndfile.h>

#include "base/alloc.h"
#include "base/tempfile.h"
#include "sink/sink_internal.h"

struct file_priv {
    SNDFILE *sf;
    int fd;
    bool to_stdout;
    char tmp[PATH_MAX];
    char *final;
};

struct format {
    const char *name;
    int sf_format;
};

static const struct format formats[] = {
    {"wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16},
    {"flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16},
    {"ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS},
    {"opus", SF_FORMAT_OGG | SF_FORMAT_OPUS},
    {"mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III},
};

static const struct format *format_named(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
        if (strcasecmp(formats[i].name, name) == 0)
            return &formats[i];
    }
    return NULL;
}

static const struct format *format_for(const struct sink_params *p,
                                       struct hr_error *err)
{
    if (p->format) {
        const struct format *f = format_named(p->format);
        if (!f)
            hr_fail(err, HR_EUSAGE, "unknown audio format '%s' "
                    "(wav, flac, ogg, opus, mp3)", p->format);
        return f;
    }
    const char *dot = strrchr(p->path, '.');
    const char *slash = strrchr(p->path, '/');
    if (dot && (!slash || dot > slash)) {
        const struct format *f = format_named(dot + 1);
        if (f)
            return f;
    }
    return &formats[0];
}

static void set_tags(SNDFILE *sf, const struct sink_tags *t)
{
    if (!t)
        return;
    if (t->title)
        sf_set_string(sf, SF_STR_TITLE, t->title);
    if (t->artist)
        sf_set_string(sf, SF_STR_ARTIST, t->artist);
    if (t->date)
        sf_set_string(sf, SF_STR_DATE, t->date);
    if (t->comment)
        sf_set_string(sf, SF_STR_COMMENT, t->comment);
    sf_set_string(sf, SF_STR_SOFTWARE, "herald " HERALD_VERSION);
}

static int file_open(struct sink *s, const struct sink_params *p,
                     struct hr_error *err)
{
    const struct format *f = format_for(p, err);
    if (!f)
        return -1;
    struct file_priv *fp = xcalloc(1, sizeof *fp);
    fp->to_stdout = strcmp(p->path, "-") == 0;
    SF_INFO info = {.samplerate = p->rate, .channels = 1,
                    .format = fp->to_stdout ? formats[0].sf_format
                                            : f->sf_format};
    if (!sf_format_check(&info)) {
        free(fp);
        return hr_fail(err, HR_EAUDIO, "cannot write %s audio at %d Hz",
                       f->name, p->rate);
    }
    if (fp->to_stdout) {
        fp->fd = STDOUT_FILENO;
    } else {
        fp->fd = tempfile_create(p->path, fp->tmp, sizeof fp->tmp, err);
        if (fp->fd < 0) {
            free(fp);
            return -1;
        }
    }
    fp->sf = sf_open_fd(fp->fd, SFM_WRITE, &info, fp->to_stdout ? 0 : 1);
    if (!fp->sf) {
        hr_fail(err, HR_EAUDIO, "cannot write '%s': %s", p->path,
                sf_strerror(NULL));
        if (!fp->to_stdout)
            tempfile_discard(fp->tmp);
        free(fp);
        return -1;
    }
    set_tags(fp->sf, p->tags);
    fp->final = xstrdup(p->path);
    s->priv = fp;
    return 0;
}

static int file_write(struct sink *s, const int16_t *pcm, size_t n,
                      struct hr_error *err)
{
    struct file_priv *fp = s->priv;
    sf_count_t done = sf_write_short(fp->sf, pcm, (sf_count_t)n);
    if (done != (sf_count_t)n)
        return hr_fail(err, HR_EIO, "cannot write '%s': %s", fp->final,
                       sf_strerror(fp->sf));
    return 0;
}

static int file_close(struct sink *s, bool commit, struct hr_error *err)
{
    struct file_priv *fp = s->priv;
    int rc = 0;
    if (commit)
        sf_write_sync(fp->sf);
    // sf_close also closes the descriptor (close_desc = 1) except stdout.
    if (sf_close(fp->sf) != 0 && commit)
        rc = hr_fail(err, HR_EIO, "cannot finish '%s'", fp->final);
    if (!fp->to_stdout) {
        if (commit && rc == 0)
            rc = tempfile_commit(fp->tmp, fp->final, err);
        else
            tempfile_discard(fp->tmp);
    }
    free(fp->final);
    free(fp);
    return rc;
}

const struct sink_ops sink_ops_file = {
    .name = "file",
    .open = file_open,
    .write = file_write,
    .close = file_close,
};
