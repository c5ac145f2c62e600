/*
 * fuzz_control.c — one line from the control socket (as socket.c hands it
 * over: up to the newline, no NUL byte) parsed and answered, and the same
 * bytes as terminal input to the key decoder.
 */
#include "fuzz.h"

#include "control/control.h"

static void on_key(int key, void *ctx)
{
    char name[32];
    (void)ctx;
    control_key_name(key, name, sizeof name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > CONTROL_MAX_LINE)
        return 0;
    struct control_keydec d = {0};
    control_keydec_feed(&d, data, size, on_key, NULL);
    if (memchr(data, '\0', size) || memchr(data, '\n', size))
        return 0;
    char *line = fuzz_cstr(data, size);
    enum player_cmd cmd;
    int arg;
    struct hr_error err;
    char *reply = control_parse(line, &cmd, &arg, &err) == 0
                      ? control_reply_error(control_cmd_name(cmd), "ok")
                      : control_reply_bad_line(line, err.msg);
    free(reply);
    free(line);
    return 0;
}
