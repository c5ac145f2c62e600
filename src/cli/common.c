/*
 * common.c — what the subcommands share: error printing, clean output,
 * loading a SOURCE into an article.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "base/datadir.h"
#include "base/xdg.h"
#include "cli/cli.h"
#include "extract/extract.h"
#include "source/source.h"
#include "style/style.h"

int cli_fail(const struct hr_error *err)
{
    fprintf(stderr, "herald: error: %s\n",
            err->msg[0] ? err->msg : "unknown failure");
    return err->status == HR_EUSAGE ? CLI_USAGE : CLI_FAIL;
}

int cli_error(const char *fmt, ...)
{
    struct hr_error err;
    va_list ap;
    va_start(ap, fmt);
    hr_vfail(&err, HR_EIO, fmt, ap);
    va_end(ap);
    return cli_fail(&err);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    struct hr_error err;
    va_list ap;
    va_start(ap, fmt);
    hr_vfail(&err, HR_EUSAGE, fmt, ap);
    va_end(ap);
    fprintf(stderr, "herald: error: %s\n", err.msg);
    if (cmd)
        fprintf(stderr, "try 'herald %s --help'\n", cmd);
    else
        fprintf(stderr, "try 'herald --help'\n");
    return CLI_USAGE;
}

void cli_print_clean(FILE *f, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        if (*s == 0x1b) {
            // ESC: skip a CSI or OSC sequence, or the one character after.
            s++;
            if (*s == '[') {
                s++;
                while (*s && !(*s >= 0x40 && *s <= 0x7e))
                    s++;
                if (*s)
                    s++;
            } else if (*s == ']') {
                while (*s && *s != 0x07 && !(s[0] == 0x1b && s[1] == '\\'))
                    s++;
                if (*s)
                    s++;
            } else if (*s) {
                s++;
            }
            continue;
        }
        if ((*s < 0x20 && *s != '\n' && *s != '\t') || *s == 0x7f) {
            s++;
            continue;
        }
        // C1 controls in UTF-8: U+0080..U+009F are C2 80..C2 9F.
        if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
            s += 2;
            continue;
        }
        // Bidi controls reorder the rest of the line on a terminal or a
        // braille display.
        size_t bidi = utf8_bidi_control_at(s, strnlen((const char *)s, 3));
        if (bidi) {
            s += bidi;
            continue;
        }
        fputc(*s++, f);
    }
}

bool cli_fancy_output(int fd, bool quiet)
{
    if (quiet || !isatty(fd))
        return false;
    const char *term = getenv("TERM");
    return term && *term && strcmp(term, "dumb") != 0;
}

int cli_parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int cli_load_article(const char *spec, const char *lang, struct article **out,
                     struct hr_error *err)
{
    struct source_data src;
    if (source_read(spec, 0, &src, err) < 0)
        return -1;
    struct extract_opts o = {
        .source = src.location,
        .content_type = src.content_type,
        .content_lang = src.content_lang,
    };
    struct article *a;
    int rc = extract_article(src.body.data, src.body.len, &o, &a, err);
    if (rc < 0) {
        hr_error_name_source(err, spec);
        source_release(&src);
        return -1;
    }
    if (!a->source)
        a->source = xstrdup(src.location);
    source_release(&src);
    if (lang)
        article_set(&a->lang, lang);
    if (article_split_sentences(a, err) < 0) {
        article_free(a);
        return -1;
    }
    *out = a;
    return 0;
}

/* ---- voice profiles --------------------------------------------------- */

#define PROFILES_DIR "voices/profiles"
#define MAX_PROFILES 256

struct profile_name {
    char name[64];
    bool user;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct profile_name *)a)->name,
                  ((const struct profile_name *)b)->name);
}

/* Add the NAME.ini files of dir to list (a name once: the first wins). */
static void scan_profiles(const char *dir, bool user, struct profile_name *list,
                          size_t *n)
{
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) && *n < MAX_PROFILES) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len <= 4 || len - 4 >= sizeof list->name ||
            strcmp(de->d_name + len - 4, ".ini") != 0)
            continue;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(len - 4), de->d_name);
        bool seen = false;
        for (size_t i = 0; i < *n && !seen; i++)
            seen = strcmp(list[i].name, name) == 0;
        if (!seen) {
            snprintf(list[*n].name, sizeof list[*n].name, "%s", name);
            list[(*n)++].user = user;
        }
    }
    closedir(d);
}

size_t cli_list_profiles(void (*fn)(const char *name, const char *path,
                                    bool user, void *ctx), void *ctx)
{
    static struct profile_name list[MAX_PROFILES];
    size_t n = 0;
    char *mine = xdg_config_path(PROFILES_DIR, NULL);
    char *shipped = datadir_shipped_path(PROFILES_DIR, NULL);
    scan_profiles(mine, true, list, &n);
    scan_profiles(shipped, false, list, &n);
    qsort(list, n, sizeof *list, by_name);
    for (size_t i = 0; i < n && fn; i++) {
        char *path = xasprintf("%s/%s.ini", list[i].user ? mine : shipped,
                               list[i].name);
        fn(list[i].name, path, list[i].user, ctx);
        free(path);
    }
    free(mine);
    free(shipped);
    return n;
}

static void add_name(const char *name, const char *path, bool user, void *ctx)
{
    struct buf *b = ctx;
    (void)path, (void)user;
    buf_printf(b, NULL, "%s%s", b->len ? ", " : "", name);
}

int cli_find_profile(const char *name, struct style *out, struct hr_error *err)
{
    style_default(out);
    if (!name) {
        // The user's own default.ini, if they made one, stands in for the
        // compiled-in default (which equals the shipped default.ini).
        char *mine = xdg_config_path(PROFILES_DIR "/default.ini", NULL);
        int rc = 0;
        if (mine && access(mine, F_OK) == 0)
            rc = style_load(out, mine, err);
        free(mine);
        return rc;
    }
    size_t len = strlen(name);
    if (strchr(name, '/') || (len > 4 && strcmp(name + len - 4, ".ini") == 0))
        return style_load(out, name, err);
    bool plain = len > 0 && len < 60;
    for (size_t i = 0; i < len && plain; i++) {
        char c = name[i];
        plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    }
    char *path = NULL;
    if (plain) {
        char rel[128];
        snprintf(rel, sizeof rel, PROFILES_DIR "/%s.ini", name);
        path = datadir_find(rel, NULL);
    }
    if (!path) {
        struct buf names = BUF_INIT;
        cli_list_profiles(add_name, &names);
        hr_fail(err, HR_ENOTFOUND, "unknown voice profile '%s' (there are: %s)",
                name, names.len ? names.data : "none");
        buf_release(&names);
        return -1;
    }
    int rc = style_load(out, path, err);
    free(path);
    return rc;
}

int cli_load_profile(const char *name, struct style *out)
{
    struct hr_error err = {0};
    return cli_find_profile(name, out, &err) < 0 ? cli_fail(&err) : CLI_OK;
}
