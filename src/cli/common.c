/*
 * common.c — what the subcommands share: error printing, clean output,
 * loading a SOURCE into an article.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "extract/extract.h"
#include "source/source.h"

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
