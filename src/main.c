/*
 * main.c — herald's entry point: argv → subcommand, exit status.
 *
 * DESIGN: subcommands come from one table (after git's git.c).  After the
 * command returns, stdout is flushed and checked: a write error is a
 * failure (exit 1), except a closed pipe (`herald text ... | head`),
 * which is not an error.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"read", cmd_read, "speak articles, with keyboard controls on a terminal"},
    {"text", cmd_text, "print what would be spoken (plain, json or ssml)"},
    {"export", cmd_export, "speak articles into audio files"},
    {"feeds", cmd_feeds, "subscribe to, update and show RSS and Atom feeds"},
    {"news", cmd_news, "browse headlines by voice, pick one, listen"},
    {"bulletin", cmd_bulletin, "read a bulletin of headlines, once or on a schedule"},
    {"voices", cmd_voices, "list languages, espeak-ng voices and voice profiles"},
    {"devices", cmd_devices, "list audio output devices"},
};

static void usage(FILE *f)
{
    fputs("usage: herald COMMAND [OPTIONS] [ARGS]\n"
          "\n"
          "herald reads the news aloud: it takes an article (a file, a URL, -\n"
          "for standard input, or an item of a feed), keeps only the story and\n"
          "speaks it with espeak-ng, or writes it to audio files.\n"
          "\n"
          "Commands:\n", f);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Options:\n"
          "  -h, --help     show this help; 'herald COMMAND --help' for a command\n"
          "  -V, --version  show the version\n"
          "\n"
          "Examples:\n"
          "  herald read story.html            listen; space pauses, q quits\n"
          "  herald text --format json URL     the article as JSON\n"
          "  herald export story.html -o story.wav\n"
          "\n"
          "Exit status: 0 success, 1 failure, 2 usage error.\n"
          "See herald(1) for more.\n", f);
}

static int finish(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno == EPIPE)
            return status;
        fprintf(stderr, "herald: error: cannot write to standard output: %s\n",
                strerror(errno));
        return status ? status : CLI_FAIL;
    }
    return status;
}

int main(int argc, char **argv)
{
    // A closed pipe shows up as EPIPE from write, handled in finish().
    signal(SIGPIPE, SIG_IGN);

    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 ||
        strcmp(name, "help") == 0) {
        if (argc > 2 && strcmp(name, "help") == 0) {
            for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
                if (strcmp(argv[2], commands[i].name) == 0) {
                    char *args[] = {argv[2], "--help", NULL};
                    return finish(commands[i].fn(2, args));
                }
            }
        }
        usage(stdout);
        return finish(CLI_OK);
    }
    if (strcmp(name, "-V") == 0 || strcmp(name, "--version") == 0) {
        printf("herald %s\n", HERALD_VERSION);
        return finish(CLI_OK);
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(name, commands[i].name) == 0)
            return finish(commands[i].fn(argc - 1, argv + 1));
    }
    if (name[0] == '-')
        return cli_usage(NULL, "unknown option '%s'", name);
    return cli_usage(NULL, "unknown command '%s'", name);
}
