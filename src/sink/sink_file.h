/*
 * sink_file.h — what the file sink knows about audio formats, for export/.
 *
 * The formats herald writes (wav, flac, ogg, opus, mp3), their file
 * extensions and MIME types, and a probe that reads back an audio file's
 * length and tags (for podcast feeds and for recognising an earlier
 * export's output).  libsndfile stays inside sink_file.c.
 */
#ifndef HERALD_SINK_FILE_H
#define HERALD_SINK_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"

/* The canonical name of a format ("wav", ...) given a name or extension,
 * case-insensitive ("WAV", "oga" -> "ogg"); NULL when not one of ours. */
const char *sink_file_format(const char *name);

/* The format a path's extension names, or NULL. */
const char *sink_file_format_of_path(const char *path);

/* MIME type of a format ("audio/mpeg" for mp3, ...); NULL if unknown. */
const char *sink_file_mime(const char *format);

/* A human description of the quality default of a format, for --help. */
const char *sink_file_quality(const char *format);

/*
 * Tags are cut to these many bytes (at a character boundary) when
 * written: libsndfile reads back no tag at all from a WAV whose strings
 * run past about 2 KB, and the comment (the source) is how export knows
 * its own files.  SINK_TAG_COMMENT_MAX is what sink_file_tag_cut() uses
 * for a source.
 */
#define SINK_TAG_TITLE_MAX 500
#define SINK_TAG_ARTIST_MAX 200
#define SINK_TAG_COMMENT_MAX 1000

/* s cut as a tag of at most max bytes is written, into out (max + 1). */
void sink_file_tag_cut(const char *s, size_t max, char *out);

struct sink_file_info {
    uint64_t frames;        /* samples (mono) at `rate` */
    int rate;
    char title[512];        /* tags, "" when absent */
    char artist[256];
    char date[64];
    char comment[2048];
};

/*
 * Read an audio file's length and tags.  Returns 0 with *out filled, or -1
 * with *err set (HR_EAUDIO: not an audio file libsndfile reads).
 */
int sink_file_probe(const char *path, struct sink_file_info *out,
                    struct hr_error *err);

#endif /* HERALD_SINK_FILE_H */
