/*
 * sink_file.c — audio files through libsndfile.
 *
 * DESIGN: the file is written to a temporary beside the final path
 * (base/tempfile) and renamed only by a committing close, so no reader
 * ever sees half a file under the final name.  While it is being written
 * the temporary holds an exclusive flock(); a sweep of stale temporaries
 * (export/) removes only those nobody holds, so a kill -9 leaves a
 * temporary that the next run can tell from one still being written.  The
 * lock is held by a second descriptor until after the rename, because
 * sf_close() closes the first.
 *
 * Formats and their defaults for speech (16-bit mono from espeak-ng):
 *   wav  PCM 16-bit, lossless;  flac  16-bit, libsndfile's default level;
 *   ogg  Vorbis, compression 0.7 (about 47 kbit/s on speech);
 *   opus resampled to 24 kHz (Opus takes 8/12/16/24/48 kHz only),
 *        libsndfile's default bit rate (about 32 kbit/s on speech);
 *   mp3  MPEG-2 layer III at 22050 Hz, compression 0.7 (about 48 kbit/s).
 * libsndfile's Vorbis encoder overflows the stack on very large writes, so
 * audio goes to it in chunks of at most 4096 samples.
 *
 * Tags are UTF-8 in every format, as other programs read them: flac, ogg
 * and opus carry Vorbis comments (UTF-8 by definition); a wav's RIFF INFO
 * strings and an mp3's ID3 frames need more (struct late_tags): a CSET
 * chunk for the one, TagLib rewriting LAME's frames for the other.
 *
 * "-" writes WAV to standard output.  libsndfile cannot write WAV to a
 * pipe, so this sink writes the 44-byte header itself: with the real
 * sizes patched in at the end when stdout can seek, and with the
 * streaming convention (sizes 0xFFFFFFFF) on a pipe.  A reader that
 * closes the pipe early (`... -o - | head -c 100`) is not a failure of
 * the writer: that write fails with HR_ECANCEL, which the caller may end
 * on quietly, as other filters do.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <unistd.h>

#include <sndfile.h>
#include <taglib/tag_c.h>

#include "base/alloc.h"
#include "base/tempfile.h"
#include "base/utf8.h"
#include "sink/resample.h"
#include "sink/sink_file.h"
#include "sink/sink_internal.h"

#define CHUNK 4096

enum { LATE_NONE, LATE_WAV, LATE_ID3 };   /* see struct late_tags */

struct format {
    const char *name;
    const char *alias;      /* another extension for the same format */
    int sf_format;
    int late;               /* LATE_*: tags set when the audio is done */
    double level;           /* SFC_SET_COMPRESSION_LEVEL; < 0: default */
    int rate;               /* a rate the codec needs; 0: as given */
    const char *mime;
    const char *quality;
};

static const struct format formats[] = {
    {"wav", "wave", SF_FORMAT_WAV | SF_FORMAT_PCM_16, LATE_WAV, -1, 0,
     "audio/wav", "16-bit PCM, lossless"},
    {"flac", NULL, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, LATE_NONE, -1, 0,
     "audio/flac", "16-bit, lossless"},
    {"ogg", "oga", SF_FORMAT_OGG | SF_FORMAT_VORBIS, LATE_NONE, 0.7, 0,
     "audio/ogg", "Vorbis, about 47 kbit/s"},
    {"opus", NULL, SF_FORMAT_OGG | SF_FORMAT_OPUS, LATE_NONE, -1, 24000,
     "audio/ogg", "Opus at 24 kHz, about 32 kbit/s"},
    {"mp3", NULL, SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, LATE_ID3, 0.7, 0,
     "audio/mpeg", "MPEG-2 layer III, about 48 kbit/s"},
};

struct file_priv {
    SNDFILE *sf;
    int fd;
    int lockfd;             /* holds the flock until the rename */
    bool to_stdout;
    bool stdout_seekable;
    uint64_t stdout_bytes;  /* PCM bytes written to stdout */
    int stdout_rate;
    struct resampler *rs;   /* when the codec needs another rate */
    int late;               /* the format's LATE_* */
    struct late_tags *late_tags;
    char tmp[PATH_MAX];
    char *final;
    struct hr_error *err;   /* for the resampler's output callback */
};

static const struct format *find_format(const char *name)
{
    for (size_t i = 0; name && i < sizeof formats / sizeof *formats; i++) {
        if (strcasecmp(formats[i].name, name) == 0 ||
            (formats[i].alias && strcasecmp(formats[i].alias, name) == 0))
            return &formats[i];
    }
    return NULL;
}

const char *sink_file_format(const char *name)
{
    const struct format *f = find_format(name);
    return f ? f->name : NULL;
}

const char *sink_file_format_of_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return NULL;
    return sink_file_format(dot + 1);
}

const char *sink_file_mime(const char *format)
{
    const struct format *f = find_format(format);
    return f ? f->mime : NULL;
}

const char *sink_file_quality(const char *format)
{
    const struct format *f = find_format(format);
    return f ? f->quality : NULL;
}

static const struct format *format_for(const struct sink_params *p,
                                       struct hr_error *err)
{
    if (p->format) {
        const struct format *f = find_format(p->format);
        if (!f)
            hr_fail(err, HR_EUSAGE, "unknown audio format '%s' "
                    "(wav, flac, ogg, opus, mp3)", p->format);
        return f;
    }
    const struct format *f = find_format(sink_file_format_of_path(p->path));
    return f ? f : &formats[0];
}

void sink_file_tag_cut(const char *s, size_t max, char *out)
{
    size_t n = utf8_cut(s, strlen(s), max);
    memcpy(out, s, n);
    out[n] = '\0';
}

static void set_tag(SNDFILE *sf, int which, const char *s, size_t max)
{
    char cut[SINK_TAG_COMMENT_MAX + 1];
    if (!s)
        return;
    sink_file_tag_cut(s, max < sizeof cut - 1 ? max : sizeof cut - 1, cut);
    sf_set_string(sf, which, cut);
}

static void set_tags(SNDFILE *sf, const struct sink_tags *t)
{
    if (t) {
        set_tag(sf, SF_STR_TITLE, t->title, SINK_TAG_TITLE_MAX);
        set_tag(sf, SF_STR_ARTIST, t->artist, SINK_TAG_ARTIST_MAX);
        set_tag(sf, SF_STR_DATE, t->date, 63);
        set_tag(sf, SF_STR_COMMENT, t->comment, SINK_TAG_COMMENT_MAX);
    }
    sf_set_string(sf, SF_STR_SOFTWARE, "herald " HERALD_VERSION);
}

/*
 * Tags set once the audio is written (struct format's late).
 *
 * wav: RIFF INFO strings have no encoding of their own; readers take them
 * as Latin-1 unless a CSET chunk before them names a code page.  A CSET
 * chunk (code page 65001, UTF-8; the other three fields 0, not given)
 * goes in at the start, and the strings are set after the audio, so that
 * libsndfile writes them after the data, behind the CSET.
 *
 * mp3: libsndfile hands tags to LAME, which flags every ID3 frame
 * ISO-8859-1 whatever its bytes, so "für" read back as "fÃ¼r".  TagLib
 * writes the text frames again in UTF-8 into the closed temporary, as
 * ID3v2.4.
 */
struct late_tags {
    char title[SINK_TAG_TITLE_MAX + 1];
    char artist[SINK_TAG_ARTIST_MAX + 1];
    char date[64];
    char comment[SINK_TAG_COMMENT_MAX + 1];
};

/* Static: libsndfile keeps the pointer until the file is closed. */
static const unsigned char cset_utf8[8] = {0xe9, 0xfd, 0, 0, 0, 0, 0, 0};

static struct late_tags *late_tags_new(SNDFILE *sf, int late,
                                       const struct sink_tags *t)
{
    struct late_tags *d = xcalloc(1, sizeof *d);
    if (t && t->title)
        sink_file_tag_cut(t->title, SINK_TAG_TITLE_MAX, d->title);
    if (t && t->artist)
        sink_file_tag_cut(t->artist, SINK_TAG_ARTIST_MAX, d->artist);
    if (t && t->date)
        sink_file_tag_cut(t->date, sizeof d->date - 1, d->date);
    if (t && t->comment)
        sink_file_tag_cut(t->comment, SINK_TAG_COMMENT_MAX, d->comment);
    // LAME still writes them all: its date frame holds the whole date
    // where TagLib's C API sets only a year, and TagLib keeps it.
    if (late == LATE_ID3)
        set_tags(sf, t);
    if (late == LATE_WAV) {
        SF_CHUNK_INFO c = {.id = "CSET", .id_size = 4,
                           .datalen = sizeof cset_utf8,
                           .data = (void *)cset_utf8};
        sf_set_chunk(sf, &c);
    }
    return d;
}

/* d as libsndfile's strings (a wav, its audio written). */
static void late_tags_set(SNDFILE *sf, const struct late_tags *d)
{
    struct sink_tags t = {.title = d->title[0] ? d->title : NULL,
                          .artist = d->artist[0] ? d->artist : NULL,
                          .date = d->date[0] ? d->date : NULL,
                          .comment = d->comment[0] ? d->comment : NULL};
    set_tags(sf, &t);
}

/* Write d into the finished mp3 at path as ID3v2.4 with UTF-8 frames. */
static int late_tags_id3(const char *path, const struct late_tags *d,
                         const char *final, struct hr_error *err)
{
    // Strings in and out of TagLib's C API are UTF-8; none is read back
    // here, so TagLib need not keep them.
    taglib_set_strings_unicode(1);
    taglib_set_string_management_enabled(0);
    taglib_id3v2_set_default_text_encoding(TagLib_ID3v2_UTF8);
    TagLib_File *f = taglib_file_new_type(path, TagLib_File_MPEG);
    if (!f || !taglib_file_is_valid(f)) {
        if (f)
            taglib_file_free(f);
        return hr_fail(err, HR_EIO, "cannot write tags into '%s'", final);
    }
    TagLib_Tag *t = taglib_file_tag(f);
    if (d->title[0])
        taglib_tag_set_title(t, d->title);
    if (d->artist[0])
        taglib_tag_set_artist(t, d->artist);
    if (d->comment[0])
        taglib_tag_set_comment(t, d->comment);
    // The date stays LAME's (see late_tags_new).
    bool ok = taglib_file_save(f);
    taglib_file_free(f);
    if (!ok)
        return hr_fail(err, HR_EIO, "cannot write tags into '%s'", final);
    return 0;
}

/* Write all of buf to fd; 0 or -1 with errno set. */
static int write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void put_le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* The canonical 44-byte header of 16-bit mono PCM WAV. */
static void wav_header(unsigned char h[44], int rate, uint32_t data_bytes,
                       uint32_t riff_bytes)
{
    memcpy(h, "RIFF", 4);
    put_le32(h + 4, riff_bytes);
    memcpy(h + 8, "WAVEfmt ", 8);
    put_le32(h + 16, 16);
    h[20] = 1, h[21] = 0;               // PCM
    h[22] = 1, h[23] = 0;               // mono
    put_le32(h + 24, (uint32_t)rate);
    put_le32(h + 28, (uint32_t)rate * 2);
    h[32] = 2, h[33] = 0;               // block align
    h[34] = 16, h[35] = 0;              // bits
    memcpy(h + 36, "data", 4);
    put_le32(h + 40, data_bytes);
}

/* A failed write to standard output: EPIPE is the reader leaving. */
static int stdout_failed(struct hr_error *err)
{
    if (errno == EPIPE)
        return hr_fail(err, HR_ECANCEL, "standard output was closed by its "
                       "reader");
    return hr_fail_errno(err, "cannot write to standard output");
}

static int open_stdout(struct file_priv *fp, int rate, struct hr_error *err)
{
    fp->fd = STDOUT_FILENO;
    fp->stdout_rate = rate;
    off_t at = lseek(fp->fd, 0, SEEK_CUR);
    fp->stdout_seekable = at == 0;
    unsigned char h[44];
    wav_header(h, rate, 0xFFFFFFFFu, 0xFFFFFFFFu);
    if (write_all(fp->fd, h, sizeof h) < 0)
        return stdout_failed(err);
    return 0;
}

static int open_file(struct file_priv *fp, const struct sink_params *p,
                     const struct format *f, SF_INFO *info,
                     struct hr_error *err)
{
    fp->fd = tempfile_create(p->path, fp->tmp, sizeof fp->tmp, err);
    if (fp->fd < 0)
        return -1;
    fp->lockfd = dup(fp->fd);
    if (fp->lockfd < 0 || flock(fp->lockfd, LOCK_EX | LOCK_NB) < 0) {
        hr_fail_errno(err, "cannot lock a file beside '%s'", p->path);
        goto fail;
    }
    fp->sf = sf_open_fd(fp->fd, SFM_WRITE, info, 1);
    if (!fp->sf) {
        hr_fail(err, HR_EAUDIO, "cannot write '%s': %s", p->path,
                sf_strerror(NULL));
        goto fail;
    }
    if (f->level >= 0) {
        double level = f->level;
        sf_command(fp->sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
    }
    fp->late = f->late;
    if (f->late != LATE_NONE)
        fp->late_tags = late_tags_new(fp->sf, f->late, p->tags);
    else
        set_tags(fp->sf, p->tags);
    return 0;
fail:
    if (!fp->sf)
        close(fp->fd);
    if (fp->lockfd >= 0)
        close(fp->lockfd);
    tempfile_discard(fp->tmp);
    return -1;
}

static int file_open(struct sink *s, const struct sink_params *p,
                     struct hr_error *err)
{
    const struct format *f = format_for(p, err);
    if (!f)
        return -1;
    struct file_priv *fp = xcalloc(1, sizeof *fp);
    fp->lockfd = -1;
    fp->to_stdout = strcmp(p->path, "-") == 0;
    if (fp->to_stdout) {
        if (open_stdout(fp, p->rate, err) < 0) {
            free(fp);
            return -1;
        }
    } else {
        int rate = f->rate ? f->rate : p->rate;
        SF_INFO info = {.samplerate = rate, .channels = 1,
                        .format = f->sf_format};
        if (!sf_format_check(&info)) {
            free(fp);
            return hr_fail(err, HR_EAUDIO, "cannot write %s audio at %d Hz",
                           f->name, rate);
        }
        if (rate != p->rate && !(fp->rs = resampler_new(p->rate, rate))) {
            free(fp);
            return hr_fail(err, HR_EAUDIO, "cannot convert %d Hz audio to "
                           "%d Hz for %s", p->rate, rate, f->name);
        }
        if (open_file(fp, p, f, &info, err) < 0) {
            resampler_free(fp->rs);
            free(fp);
            return -1;
        }
    }
    fp->final = xstrdup(p->path);
    s->priv = fp;
    return 0;
}

/* Hand samples to libsndfile in chunks it copes with. */
static int sf_out(void *ctx, const int16_t *pcm, size_t n)
{
    struct file_priv *fp = ctx;
    while (n > 0) {
        size_t k = n < CHUNK ? n : CHUNK;
        if (sf_write_short(fp->sf, pcm, (sf_count_t)k) != (sf_count_t)k) {
            const char *why = sf_strerror(fp->sf);
            if (errno == EFBIG || errno == ENOSPC || errno == EDQUOT)
                why = strerror(errno);
            hr_fail(fp->err, HR_EIO, "cannot write '%s': %s", fp->final, why);
            return -1;
        }
        pcm += k;
        n -= k;
    }
    return 0;
}

static int file_write(struct sink *s, const int16_t *pcm, size_t n,
                      struct hr_error *err)
{
    struct file_priv *fp = s->priv;
    fp->err = err;
    if (fp->to_stdout) {
        // The host is little-endian on every platform herald builds on;
        // convert anyway so the bytes are WAV's whatever the host.
        int16_t buf[CHUNK];
        while (n > 0) {
            size_t k = n < CHUNK ? n : CHUNK;
            for (size_t i = 0; i < k; i++) {
                uint16_t v = (uint16_t)pcm[i];
                unsigned char *b = (unsigned char *)&buf[i];
                b[0] = (unsigned char)v;
                b[1] = (unsigned char)(v >> 8);
            }
            if (write_all(fp->fd, buf, k * 2) < 0)
                return stdout_failed(err);
            fp->stdout_bytes += k * 2;
            pcm += k;
            n -= k;
        }
        return 0;
    }
    if (fp->rs)
        return resampler_push(fp->rs, pcm, n, 0, sf_out, fp) ? -1 : 0;
    return sf_out(fp, pcm, n);
}

static int close_stdout(struct file_priv *fp, bool commit,
                        struct hr_error *err)
{
    if (!commit || !fp->stdout_seekable)
        return 0;
    unsigned char h[44];
    uint32_t data = fp->stdout_bytes > 0xFFFFFFFFu - 36
                        ? 0xFFFFFFFFu - 36 : (uint32_t)fp->stdout_bytes;
    wav_header(h, fp->stdout_rate, data, data + 36);
    if (pwrite(fp->fd, h, sizeof h, 0) != (ssize_t)sizeof h)
        return hr_fail_errno(err, "cannot finish standard output");
    return 0;
}

static int file_close(struct sink *s, bool commit, struct hr_error *err)
{
    struct file_priv *fp = s->priv;
    int rc = 0;
    if (fp->to_stdout) {
        rc = close_stdout(fp, commit, err);
    } else {
        fp->err = err;
        if (commit && fp->rs && resampler_push(fp->rs, NULL, 0, 1, sf_out, fp))
            rc = -1;
        if (commit && rc == 0 && fp->late == LATE_WAV)
            late_tags_set(fp->sf, fp->late_tags);
        // sf_close also closes the descriptor (close_desc = 1).
        if (sf_close(fp->sf) != 0 && commit && rc == 0)
            rc = hr_fail(err, HR_EIO, "cannot finish '%s'", fp->final);
        if (commit && rc == 0 && fp->late == LATE_ID3)
            rc = late_tags_id3(fp->tmp, fp->late_tags, fp->final, err);
        if (commit && rc == 0)
            rc = tempfile_commit(fp->tmp, fp->final, err);
        else
            tempfile_discard(fp->tmp);
        close(fp->lockfd);
    }
    resampler_free(fp->rs);
    free(fp->late_tags);
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

static void copy_tag(SNDFILE *sf, int which, char *dst, size_t n)
{
    const char *v = sf_get_string(sf, which);
    snprintf(dst, n, "%s", v ? v : "");
}

int sink_file_probe(const char *path, struct sink_file_info *out,
                    struct hr_error *err)
{
    SF_INFO info = {0};
    SNDFILE *sf = sf_open(path, SFM_READ, &info);
    if (!sf)
        return hr_fail(err, HR_EAUDIO, "cannot read '%s': %s", path,
                       sf_strerror(NULL));
    struct sink_file_info r = {0};
    r.frames = info.frames > 0 ? (uint64_t)info.frames : 0;
    r.rate = info.samplerate;
    copy_tag(sf, SF_STR_TITLE, r.title, sizeof r.title);
    copy_tag(sf, SF_STR_ARTIST, r.artist, sizeof r.artist);
    copy_tag(sf, SF_STR_DATE, r.date, sizeof r.date);
    copy_tag(sf, SF_STR_COMMENT, r.comment, sizeof r.comment);
    sf_close(sf);
    *out = r;
    return 0;
}
