/*
 * voices.c — `herald voices`: what herald can speak with.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "synth/synth.h"

static void usage(FILE *f)
{
    fputs("usage: herald voices [LANG]\n"
          "\n"
          "List espeak-ng's voices, one a line: the voice name, then the\n"
          "languages it speaks.  With LANG (e.g. de, en-gb), only the voices\n"
          "for that language.  Pages pick their voice from their language;\n"
          "'herald read --voice NAME' picks one by name.\n", f);
}

struct voices_ctx {
    const char *lang;
    int shown;
};

static void on_voice(const char *name, const char *languages,
                     const char *identifier, void *ctx)
{
    struct voices_ctx *v = ctx;
    (void)identifier;
    if (v->lang) {
        size_t n = strlen(v->lang);
        bool match = false;
        for (const char *p = languages; *p;) {
            const char *end = strchr(p, ' ');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            if (len >= n && strncasecmp(p, v->lang, n) == 0 &&
                (len == n || p[n] == '-'))
                match = true;
            p += len + (end ? 1 : 0);
        }
        if (!match)
            return;
    }
    printf("%s: %s\n", name, languages);
    v->shown++;
}

int cmd_voices(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return CLI_OK;
        }
        return cli_usage("voices", "unknown option '%s'", argv[optind - 1]);
    }
    if (argc - optind > 1)
        return cli_usage("voices", "too many arguments");
    struct voices_ctx v = {.lang = optind < argc ? argv[optind] : NULL};
    struct hr_error err = {0};
    if (synth_list_voices(on_voice, &v, &err) < 0)
        return cli_fail(&err);
    if (v.lang && v.shown == 0)
        return cli_error("no voice speaks '%s'", v.lang);
    return CLI_OK;
}
