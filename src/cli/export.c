/*
 * export.c — `herald export`: articles into audio files.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "sink/sink.h"
#include "synth/render.h"
#include "synth/synth.h"

static void usage(FILE *f)
{
    fputs("usage: herald export SOURCE... -o FILE [--format wav|flac|ogg|mp3]\n"
          "\n"
          "Speak each SOURCE into one audio file, articles in order.  The file\n"
          "appears only when it is complete; on a failure or an interrupt\n"
          "nothing is left under its name.  -o - writes WAV to standard output.\n"
          "\n"
          "  -o, --output FILE  the audio file to write\n"
          "  -f, --format FMT   wav (default, or from FILE's extension), flac,\n"
          "                     ogg (Vorbis), mp3\n"
          "      --voice NAME   an espeak-ng voice (see 'herald voices')\n"
          "      --lang LANG    the language, when the page's is wrong\n"
          "      --rate WPM     words a minute (80-450, default 175)\n"
          "  -h, --help         show this help\n", f);
}

struct out_ctx {
    struct sink *sink;
    struct hr_error *err;
    int failed;
};

static int on_pcm(void *ctx, const int16_t *pcm, size_t n)
{
    struct out_ctx *o = ctx;
    if (sink_write(o->sink, pcm, n, o->err) < 0) {
        o->failed = 1;
        return 1;
    }
    return 0;
}

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"voice", required_argument, NULL, 'v'},
        {"lang", required_argument, NULL, 'L'},
        {"rate", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *format = NULL, *voice = NULL, *lang = NULL;
    long rate = 0;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'f': format = optarg; break;
        case 'v': voice = optarg; break;
        case 'L': lang = optarg; break;
        case 'r':
            if (cli_parse_int(optarg, 80, 450, &rate) < 0)
                return cli_usage("export", "--rate takes words a minute "
                                 "from 80 to 450, not '%s'", optarg);
            break;
        case 'h': usage(stdout); return CLI_OK;
        case ':': return cli_usage("export", "option '%s' needs a value",
                                   argv[optind - 1]);
        default: return cli_usage("export", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage("export", "no SOURCE given");
    if (!output)
        return cli_usage("export", "no output given: use -o FILE");

    struct hr_error err = {0};
    int nsrc = argc - optind;
    struct article **arts = calloc((size_t)nsrc, sizeof *arts);
    if (!arts)
        return cli_error("out of memory");
    int status = CLI_OK;
    for (int i = 0; i < nsrc; i++) {
        if (cli_load_article(argv[optind + i], lang, &arts[i], &err) < 0) {
            status = cli_fail(&err);
            goto out;
        }
    }
    if (synth_init(NULL, &err) < 0) {
        status = cli_fail(&err);
        goto out;
    }
    struct sink_tags tags = {
        .title = arts[0]->title,
        .artist = arts[0]->byline ? arts[0]->byline : arts[0]->site,
        .date = arts[0]->published,
        .comment = arts[0]->source,
    };
    struct sink_params sp = {.rate = synth_sample_rate(), .path = output,
                             .format = format, .tags = &tags};
    struct sink *sink;
    if (sink_open(SINK_FILE, &sp, &sink, &err) < 0) {
        status = cli_fail(&err);
        goto out;
    }
    struct out_ctx oc = {.sink = sink, .err = &err};
    struct render_cb cb = {.ctx = &oc, .pcm = on_pcm};
    struct render_opts ro = {.voice = voice, .lang = lang, .rate = (int)rate};
    int rc = 0;
    for (int i = 0; i < nsrc && rc == 0; i++) {
        if (i > 0)
            rc = render_silence(&cb, 1000);
        if (rc == 0)
            rc = render_article(arts[i], (struct render_pos){0, 0}, &ro, &cb,
                                &err);
    }
    if (rc != 0 || oc.failed) {
        sink_close(sink, false, NULL);
        status = cli_fail(&err);
    } else if (sink_close(sink, true, &err) < 0) {
        status = cli_fail(&err);
    }
out:
    for (int i = 0; i < nsrc; i++)
        article_free(arts[i]);
    free(arts);
    return status;
}
