/*
 * text.c — `herald text`: what would be spoken, as text.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "speech/speech.h"
#include "synth/render.h"

static void usage(FILE *f)
{
    fputs("usage: herald text SOURCE... [--format plain|json|ssml|spoken] [--body-only]\n"
          "\n"
          "Print what herald would speak from each SOURCE (a file, an http(s)\n"
          "URL, or - for standard input), in listening order: headline,\n"
          "standfirst, byline, lead caption, body, credits.\n"
          "\n"
          "  -f, --format FMT   plain (default): one segment a line;\n"
          "                     json: one object a line per source with title,\n"
          "                     byline, published, lang, site, excerpt and\n"
          "                     segments [{role, text}] (a table cell's\n"
          "                     column header apart, as header);\n"
          "                     ssml: SSML with paragraphs and sentences;\n"
          "                     spoken: one segment a line as espeak-ng is\n"
          "                     given it (numbers, dates, money ... in words)\n"
          "  -b, --body-only    only the story body (paragraphs, headings,\n"
          "                     quotes, list items, table cells)\n"
          "      --lang LANG    the language, when the page's is wrong\n"
          "  -h, --help         show this help\n"
          "\n"
          "With several sources, plain output separates articles by an empty\n"
          "line.  A source that fails is reported and the others still print;\n"
          "the exit status is then 1.\n", f);
}

/* One segment a line, each sentence as render_spoken() gives it to
 * espeak-ng: what is heard, where plain is what is written. */
static int write_spoken(const struct article *a, bool body_only,
                        const char *lang, struct buf *out, struct hr_error *err)
{
    for (size_t i = 0; i < a->nsegs; i++) {
        const struct segment *seg = &a->segs[i];
        if (body_only && !role_is_body(seg->role))
            continue;
        const char *l = lang ? lang : segment_lang(a, i);
        for (uint32_t k = 0; k < seg->nsentences; k++) {
            const struct sentence *t = &seg->sentences[k];
            if (k > 0 && out->len && out->data[out->len - 1] != '\n' &&
                out->data[out->len - 1] != ' ' && buf_putc(out, ' ', err) < 0)
                return -1;
            if (render_spoken(seg->text + t->start, t->len, l, out, err) < 0)
                return -1;
        }
        if (buf_putc(out, '\n', err) < 0)
            return -1;
    }
    return 0;
}

int cmd_text(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"body-only", no_argument, NULL, 'b'},
        {"lang", required_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "plain";
    const char *lang = NULL;
    bool body_only = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:bh", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'b': body_only = true; break;
        case 'L': lang = optarg; break;
        case 'h': usage(stdout); return CLI_OK;
        case ':': return cli_usage("text", "option '%s' needs a value",
                                   argv[optind - 1]);
        default: return cli_usage("text", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    if (strcmp(format, "plain") && strcmp(format, "json") &&
        strcmp(format, "ssml") && strcmp(format, "spoken"))
        return cli_usage("text", "unknown format '%s' (plain, json, ssml, "
                         "spoken)", format);
    if (optind >= argc)
        return cli_usage("text", "no SOURCE given");

    int status = CLI_OK;
    bool first = true;
    for (int i = optind; i < argc; i++) {
        struct hr_error err = {0};
        struct article *a;
        if (cli_load_article(argv[i], lang, &a, &err) < 0) {
            status = cli_fail(&err);
            if (status == CLI_USAGE)
                return status;
            continue;
        }
        struct buf out = BUF_INIT;
        int rc;
        if (strcmp(format, "json") == 0)
            rc = script_write_json(a, body_only, &out, &err);
        else if (strcmp(format, "ssml") == 0)
            rc = script_write_ssml(a, body_only, &out, &err);
        else if (strcmp(format, "spoken") == 0)
            rc = write_spoken(a, body_only, lang, &out, &err);
        else
            rc = script_write_plain(a, body_only, &out, &err);
        if (rc < 0) {
            status = cli_fail(&err);
        } else {
            if (!first && (strcmp(format, "plain") == 0 ||
                           strcmp(format, "spoken") == 0))
                putchar('\n');
            first = false;
            fwrite(out.data, 1, out.len, stdout);
        }
        buf_release(&out);
        article_free(a);
    }
    return status;
}
