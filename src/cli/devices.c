/*
 * devices.c — `herald devices`.  Not built yet: says so and fails.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int cmd_devices(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts("usage: herald devices ...\n\nNot available in this version of herald.");
        return CLI_OK;
    }
    return cli_error("'herald devices' is not available in this version");
}
