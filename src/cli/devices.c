/*
 * devices.c — `herald devices`: the audio outputs 'herald read' can use.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "sink/sink.h"

static void usage(FILE *f)
{
    fputs("usage: herald devices\n"
          "\n"
          "List the audio output devices, one a line: its number, its name,\n"
          "and \"(default)\" for the one 'herald read' uses unless told\n"
          "otherwise with --device NAME or --device NUMBER.\n", f);
}

static void on_device(int index, const char *name, bool is_default, void *ctx)
{
    int *count = ctx;
    printf("%d\t", index);
    cli_print_clean(stdout, name);
    fputs(is_default ? "\t(default)\n" : "\n", stdout);
    (*count)++;
}

int cmd_devices(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return CLI_OK;
        default: return cli_usage("devices", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage("devices", "unexpected argument '%s'", argv[optind]);
    struct hr_error err = {0};
    int count = 0;
    if (sink_list_devices(on_device, &count, &err) < 0)
        return cli_fail(&err);
    if (count == 0)
        return cli_error("there is no audio output device; use 'herald "
                         "export' to write a file instead");
    return CLI_OK;
}
