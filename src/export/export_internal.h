/*
 * export_internal.h — one audio file being rendered, shared by the
 * single-file job (export_to_file) and the workers of export_to_dir.
 */
#ifndef HERALD_EXPORT_INTERNAL_H
#define HERALD_EXPORT_INTERNAL_H

#include <limits.h>

#include "export/export.h"
#include "sink/sink.h"

struct export_file {
    struct sink *sink;
    struct export_timeline tl;
    uint64_t clock;             /* samples written */
    uint64_t art_base;          /* clock when the current article began */
    uint64_t cue_start;         /* start of the sentence being rendered */
    const struct article *cur;
    uint32_t section;           /* current section, UINT32_MAX before one */
    uint32_t narticles;         /* articles rendered into the file */
    bool multi;                 /* chapters per article, not just sections */
    struct hr_error werr;       /* why a write failed */
    bool write_failed;
    char path[PATH_MAX];
    char captions[PATH_MAX];    /* "" when not wanted */
    char chapters[PATH_MAX];
    enum export_captions kind;
};

/* The caption and chapter paths beside an audio path ("x.wav" ->
 * "x.vtt", "x.chapters.vtt"); "" when not wanted.  -1 if too long. */
int export_sidecar_paths(const char *audio, const struct export_opts *o,
                         char *captions, char *chapters, size_t size);

/* Whether every sidecar that o asks for exists beside audio. */
bool export_sidecars_exist(const char *audio, const struct export_opts *o);

/* Open the file (its temporary) with tags from a.  0 or -1. */
int export_file_open(struct export_file *f, const char *path,
                     const struct export_opts *o, const struct article *a,
                     bool multi, struct hr_error *err);
/* Render a into the file, after an earcon unless it is the first.
 * Returns 0, or -1 with *err set; *fatal says the file cannot go on (a
 * write failed) rather than only this article failing. */
int export_file_add(struct export_file *f, const struct article *a,
                    const struct export_opts *o, bool *fatal,
                    struct hr_error *err);
/* Write the sidecars, then commit the audio.  Frees f's resources. */
int export_file_commit(struct export_file *f, struct hr_error *err);
/* Remove the temporaries.  Frees f's resources. */
void export_file_abort(struct export_file *f);

#endif /* HERALD_EXPORT_INTERNAL_H */
