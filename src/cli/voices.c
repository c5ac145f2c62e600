/*
 * voices.c — `herald voices`: what herald can speak with.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "style/style.h"
#include "synth/synth.h"

static void usage(FILE *f)
{
    fputs("usage: herald voices [LANG]\n"
          "       herald voices --profiles\n"
          "\n"
          "List espeak-ng's voices, one a line: the voice name, then the\n"
          "languages it speaks.  With LANG (e.g. de, en-gb), only the voices\n"
          "for that language.  Pages pick their voice from their language;\n"
          "'herald read --voice NAME' picks one by name.\n"
          "\n"
          "  --profiles  list the voice profiles instead, one a line: the name,\n"
          "              whether it is your own (in\n"
          "              $XDG_CONFIG_HOME/herald/voices/profiles/) or shipped,\n"
          "              and what it sounds like; 'read --profile NAME' uses one\n", f);
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

static void on_profile(const char *name, const char *path, bool user,
                       void *ctx)
{
    (void)ctx;
    struct style s;
    struct hr_error err = {0};
    style_default(&s);
    s.description[0] = '\0';
    printf("%s (%s): ", name, user ? "your own" : "shipped");
    if (style_load(&s, path, &err) < 0) {
        fputs("cannot be used: ", stdout);
        cli_print_clean(stdout, err.msg);
    } else {
        cli_print_clean(stdout, s.description[0] ? s.description
                                                 : "no description");
    }
    fputc('\n', stdout);
}

int cmd_voices(int argc, char **argv)
{
    static const struct option opts[] = {
        {"profiles", no_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    bool profiles = false;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return CLI_OK;
        }
        if (c == 'p') {
            profiles = true;
            continue;
        }
        return cli_usage("voices", "unknown option '%s'", argv[optind - 1]);
    }
    if (argc - optind > 1)
        return cli_usage("voices", "too many arguments");
    if (profiles && optind < argc)
        return cli_usage("voices", "--profiles takes no LANG");
    if (profiles) {
        if (cli_list_profiles(on_profile, NULL) == 0)
            return cli_error("no voice profiles found: the shipped voices/ "
                             "folder is missing (set HERALD_DATA_DIR)");
        return CLI_OK;
    }
    struct voices_ctx v = {.lang = optind < argc ? argv[optind] : NULL};
    struct hr_error err = {0};
    if (synth_list_voices(on_voice, &v, &err) < 0)
        return cli_fail(&err);
    if (v.lang && v.shown == 0)
        return cli_error("no voice speaks '%s'", v.lang);
    return CLI_OK;
}
