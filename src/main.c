/*
 * main.c — herald's entry point: argv → subcommand, exit status.
 *
 * DESIGN: subcommands come from one table (after git's git.c).  After the
 * command returns, stdout is flushed and checked: a write error is a
 * failure (exit 1), except a closed pipe (`herald text ... | head`),
 * which is not an error.  Global options come before the command
 * (`herald --db PATH feeds list`): --db is handed on as the first option
 * of the commands that use the database (read, feeds, news, bulletin), so an option
 * given to the command itself, coming later, wins.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#ifndef HERALD_VERSION_FULL
#define HERALD_VERSION_FULL HERALD_VERSION
#endif

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};

static int cmd_completions(int argc, char **argv);

static const struct command commands[] = {
    {"read", cmd_read, "speak articles, with keyboard controls on a terminal"},
    {"text", cmd_text, "print what would be spoken (plain, json, ssml or spoken)"},
    {"export", cmd_export, "speak articles into audio files"},
    {"feeds", cmd_feeds, "subscribe to, update and show RSS and Atom feeds"},
    {"news", cmd_news, "browse headlines by voice, pick one, listen"},
    {"bulletin", cmd_bulletin, "a spoken news bulletin, once or on a schedule (kiosks)"},
    {"say", cmd_say, "speak given words as herald speaks articles"},
    {"voices", cmd_voices, "list languages, espeak-ng voices and voice profiles"},
    {"devices", cmd_devices, "list audio output devices"},
    {"lexicon", cmd_lexicon, "how words are said: add, remove, list, test"},
    {"completions", cmd_completions, "print a shell completion script (bash, zsh, fish)"},
};

static void usage(FILE *f)
{
    fputs("usage: herald COMMAND [OPTIONS] [ARGS]\n"
          "       herald --db PATH COMMAND [OPTIONS] [ARGS]\n"
          "\n"
          "herald reads the news aloud: it takes an article (a file, a URL, -\n"
          "for standard input, or an item of a feed), keeps only the story and\n"
          "speaks it with espeak-ng, or writes it to audio files.\n"
          "\n"
          "Commands:\n", f);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Options:\n"
          "  -h, --help     show this help; 'herald COMMAND --help' for a command\n"
          "  -V, --version  show the version\n"
          "      --db PATH  the database of subscriptions, cached news, read\n"
          "                 state and resume positions, for read, feeds,\n"
          "                 news and bulletin (default\n"
          "                 $XDG_DATA_HOME/herald/herald.db);\n"
          "                 the other commands keep no data and ignore it\n"
          "\n"
          "Examples:\n"
          "  herald read story.html            listen; space pauses, q quits\n"
          "  herald text --format json URL     the article as JSON\n"
          "  herald export story.html -o story.wav\n"
          "\n"
          "Exit status: 0 success, 1 failure, 2 usage error.\n"
          "See herald(1) for more.\n", f);
}

/* The completion script comes from this table and the commands' --help. */
static int cmd_completions(int argc, char **argv)
{
    enum { N = sizeof commands / sizeof *commands };
    struct cli_command_info info[N];
    for (size_t i = 0; i < N; i++)
        info[i] = (struct cli_command_info){commands[i].name, commands[i].fn,
                                            commands[i].summary};
    return cli_completions(argc, argv, info, N, usage);
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

/* Commands that keep data in the database and so take --db. */
static bool uses_store(const char *name)
{
    return strcmp(name, "read") == 0 || strcmp(name, "feeds") == 0 ||
           strcmp(name, "news") == 0 || strcmp(name, "bulletin") == 0;
}

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    }
    return NULL;
}

/*
 * Run cmd with its arguments; a global --db PATH goes first among them
 * (for the commands that use the database), so an option the command is
 * given itself comes later and wins.
 */
static int run(const struct command *cmd, int argc, char **argv,
               const char *db)
{
    if (!db || !uses_store(cmd->name))
        return finish(cmd->fn(argc, argv));
    char **args = calloc((size_t)argc + 3, sizeof *args);
    if (!args) {
        fputs("herald: error: out of memory\n", stderr);
        return CLI_FAIL;
    }
    args[0] = argv[0];
    args[1] = "--db";
    args[2] = (char *)db;
    for (int i = 1; i < argc; i++)
        args[i + 2] = argv[i];
    int status = finish(cmd->fn(argc + 2, args));
    free(args);
    return status;
}

int main(int argc, char **argv)
{
    // A closed pipe shows up as EPIPE from write, handled in finish().
    signal(SIGPIPE, SIG_IGN);

    // Global options, before the command.
    const char *db = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return finish(CLI_OK);
        }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("herald %s\n", HERALD_VERSION_FULL);
            return finish(CLI_OK);
        }
        if (strcmp(a, "--db") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return cli_usage(NULL, "option '--db' needs a value");
            db = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            if (!a[5])
                return cli_usage(NULL, "option '--db' needs a value");
            db = a + 5;
        } else if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else {
            return cli_usage(NULL, "unknown option '%s'", a);
        }
    }
    if (i >= argc) {
        usage(stderr);
        return CLI_USAGE;
    }
    argc -= i;
    argv += i;
    const char *name = argv[0];
    if (strcmp(name, "help") == 0) {
        const struct command *cmd = argc > 1 ? find_command(argv[1]) : NULL;
        if (cmd) {
            char *args[] = {argv[1], "--help", NULL};
            return finish(cmd->fn(2, args));
        }
        usage(stdout);
        return finish(CLI_OK);
    }
    const struct command *cmd = find_command(name);
    if (cmd)
        return run(cmd, argc, argv, db);
    return cli_usage(NULL, "unknown command '%s'", name);
}
