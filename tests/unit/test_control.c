/*
 * test_control.c — the command vocabulary: socket lines, key decoding,
 * the key map and its INI file, spoken help, JSON replies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/socket.h>
#include <sys/un.h>

#include <cmocka.h>

#include "control/control.h"

static void test_parse(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        int cmd;
        int arg;
    } ok[] = {
        {"pause", PLAYER_PAUSE, 0}, {"  resume \r", PLAYER_RESUME, 0},
        {"toggle", PLAYER_TOGGLE, 0}, {"next-sentence", PLAYER_NEXT_SENTENCE, 0},
        {"prev-sentence", PLAYER_PREV_SENTENCE, 0},
        {"next-paragraph", PLAYER_NEXT_PARAGRAPH, 0},
        {"prev-paragraph", PLAYER_PREV_PARAGRAPH, 0},
        {"next-section", PLAYER_NEXT_SECTION, 0},
        {"prev-section", PLAYER_PREV_SECTION, 0},
        {"next-article", PLAYER_NEXT_ARTICLE, 0},
        {"prev-article", PLAYER_PREV_ARTICLE, 0}, {"repeat", PLAYER_REPEAT, 0},
        {"faster", PLAYER_FASTER, 0}, {"slower", PLAYER_SLOWER, 0},
        {"rate 200", PLAYER_RATE, 200}, {"rate  90 ", PLAYER_RATE, 90},
        {"where", PLAYER_WHERE, 0}, {"stop", PLAYER_STOP, 0},
        {"status", PLAYER_STATUS, 0},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        enum player_cmd cmd;
        int arg = -1;
        struct hr_error err = {0};
        if (control_parse(ok[i].line, &cmd, &arg, &err) != 0)
            fail_msg("'%s': %s", ok[i].line, err.msg);
        assert_int_equal(cmd, ok[i].cmd);
        assert_int_equal(arg, ok[i].arg);
    }
    const char *bad[] = {"", "   ", "jump", "rate", "rate x", "rate 5 6",
                         "pause now", "next_sentence"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        enum player_cmd cmd;
        int arg;
        struct hr_error err = {0};
        assert_int_equal(control_parse(bad[i], &cmd, &arg, &err), -1);
        assert_int_equal(err.status, HR_EUSAGE);
    }
}

struct keys_seen {
    int keys[32];
    int n;
};

static void on_key(int key, void *ctx)
{
    struct keys_seen *k = ctx;
    if (k->n < 32)
        k->keys[k->n++] = key;
}

static void test_keydec(void **state)
{
    (void)state;
    struct control_keydec d = {0};
    struct keys_seen k = {0};
    // Arrows in both modes, split across reads, with a modifier, and
    // plain keys between them.
    const char *a = " \x1b[C\x1b[";
    const char *b = "Dq\x1bOA\x1b[1;5B]";
    control_keydec_feed(&d, (const unsigned char *)a, strlen(a), on_key, &k);
    control_keydec_feed(&d, (const unsigned char *)b, strlen(b), on_key, &k);
    int want[] = {' ', CONTROL_KEY_RIGHT, CONTROL_KEY_LEFT, 'q', CONTROL_KEY_UP,
                  CONTROL_KEY_DOWN, ']'};
    assert_int_equal(k.n, 7);
    for (int i = 0; i < 7; i++)
        assert_int_equal(k.keys[i], want[i]);
}

static void test_keymap(void **state)
{
    (void)state;
    struct control_keymap km;
    control_keymap_default(&km);
    assert_int_equal(km.cmd[' '], PLAYER_TOGGLE);
    assert_int_equal(km.cmd['k'], PLAYER_TOGGLE);
    assert_int_equal(km.cmd[CONTROL_KEY_RIGHT], PLAYER_NEXT_SENTENCE);
    assert_int_equal(km.cmd['h'], PLAYER_PREV_SENTENCE);
    assert_int_equal(km.cmd[CONTROL_KEY_DOWN], PLAYER_NEXT_PARAGRAPH);
    assert_int_equal(km.cmd[']'], PLAYER_NEXT_SECTION);
    assert_int_equal(km.cmd['+'], PLAYER_FASTER);
    assert_int_equal(km.cmd['?'], PLAYER_HELP);
    assert_int_equal(km.cmd['q'], PLAYER_STOP);
    assert_int_equal(km.cmd['x'], CONTROL_NO_CMD);

    char path[] = "/tmp/herald-keys-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *ini = "[player]\nrate = 200\n[keys]\ntoggle = p space\n"
                      "next-sentence = right plus\n";
    assert_int_equal(write(fd, ini, strlen(ini)), (ssize_t)strlen(ini));
    close(fd);
    struct hr_error err = {0};
    assert_int_equal(control_keymap_load(&km, path, &err), 0);
    assert_int_equal(km.cmd['p'], PLAYER_TOGGLE);
    assert_int_equal(km.cmd[' '], PLAYER_TOGGLE);
    assert_int_equal(km.cmd['k'], CONTROL_NO_CMD);     // default dropped
    assert_int_equal(km.cmd['+'], PLAYER_NEXT_SENTENCE);
    assert_int_equal(km.cmd['l'], CONTROL_NO_CMD);

    FILE *f = fopen(path, "w");
    fputs("[keys]\ntoggle = space\nfrobnicate = x\n", f);
    fclose(f);
    struct control_keymap before = km;
    assert_int_equal(control_keymap_load(&km, path, &err), -1);
    assert_int_equal(err.status, HR_EPARSE);
    assert_non_null(strstr(err.msg, "line 3"));
    assert_non_null(strstr(err.msg, "frobnicate"));
    assert_memory_equal(&km, &before, sizeof km);

    // A line longer than libinih's buffer is refused, not read as two
    // lines (its tail would become "quit = q").
    f = fopen(path, "w");
    fputs("[keys]\n# ", f);
    for (int i = 0; i < 300; i++)
        fputc('x', f);
    fputs(" quit = q\ntoggle = space\n", f);
    fclose(f);
    assert_int_equal(control_keymap_load(&km, path, &err), -1);
    assert_int_equal(err.status, HR_EPARSE);
    assert_non_null(strstr(err.msg, "line 2: longer than"));
    assert_memory_equal(&km, &before, sizeof km);
    unlink(path);
    assert_int_equal(control_keymap_load(&km, path, &err), 0);  // missing: ok
}

static void test_help_and_replies(void **state)
{
    (void)state;
    struct control_keymap km;
    control_keymap_default(&km);
    char *help = control_help_text(&km);
    assert_non_null(strstr(help, "space or k: pause or resume."));
    assert_non_null(strstr(help, "right arrow or l: next sentence."));
    assert_non_null(strstr(help, "q: quit."));
    free(help);

    struct player_status st = {.state = PLAYER_PAUSED, .paragraph = 4,
                               .nparagraphs = 15, .section = 2, .rate = 200,
                               .title = "A \"quoted\"\ntitle"};
    char *s = control_reply_status("pause", &st);
    assert_non_null(strstr(s, "\"state\":\"paused\""));
    assert_non_null(strstr(s, "\"paragraph\":4"));
    assert_non_null(strstr(s, "\"title\":\"A \\\"quoted\\\"\\ntitle\""));
    assert_null(strchr(s, '\n'));
    free(s);
    // A move says whether it moved, and why not.
    s = control_reply_moved("next-section", &st, "No next section.");
    assert_non_null(strstr(s, "\"ok\":true"));
    assert_non_null(strstr(s, "\"moved\":false,\"reason\":\"No next section.\""));
    free(s);
    s = control_reply_moved("next-section", &st, NULL);
    assert_non_null(strstr(s, "\"moved\":true"));
    assert_null(strstr(s, "reason"));
    free(s);
    s = control_reply_error(NULL, "unknown command 'x'");
    assert_string_equal(s, "{\"ok\":false,\"command\":null,"
                           "\"error\":\"unknown command 'x'\"}");
    free(s);
}

/* The socket's answer: the command carried out, as JSON. */
static char *echo(const char *line, void *ctx)
{
    (void)ctx;
    enum player_cmd cmd;
    int arg;
    struct hr_error err;
    if (control_parse(line, &cmd, &arg, &err) < 0)
        return control_reply_bad_line(line, err.msg);
    char text[64];
    snprintf(text, sizeof text, "%d", arg);
    return control_reply_text(control_cmd_name(cmd), text);
}

/* Send bytes on a real UNIX socket (half-closing after them when asked)
 * and return the replies control_handle() gives, up to want lines. */
static char *exchange(const char *bytes, size_t n, bool half_close, int want)
{
    char path[] = "/tmp/herald-ctl-XXXXXX";
    int tmp = mkstemp(path);
    assert_true(tmp >= 0);
    close(tmp);
    unlink(path);
    struct control *c;
    struct hr_error err;
    assert_int_equal(control_open(path, &c, &err), 0);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(send(fd, bytes, n, 0), (ssize_t)n);
    if (half_close)
        shutdown(fd, SHUT_WR);
    static char got[4096];
    size_t len = 0;
    int lines = 0;
    for (int round = 0; round < 200 && lines < want; round++) {
        struct pollfd fds[CONTROL_MAX_CLIENTS + 1];
        size_t nf = control_pollfds(c, fds, CONTROL_MAX_CLIENTS + 1);
        poll(fds, nf, 50);
        control_handle(c, fds, nf, echo, NULL);
        ssize_t r;
        while ((r = recv(fd, got + len, sizeof got - 1 - len, MSG_DONTWAIT)) > 0)
            len += (size_t)r;
        got[len] = '\0';
        lines = 0;
        for (size_t i = 0; i < len; i++)
            lines += got[i] == '\n';
    }
    close(fd);
    control_close(c);
    return got;
}

static void test_socket(void **state)
{
    (void)state;
    // A NUL byte does not end the command: "rate 200\0junk" is refused.
    static const char nul[] = "rate 200\0junk\nrate 210\n";
    char *got = exchange(nul, sizeof nul - 1, false, 2);
    assert_string_equal(got,
        "{\"ok\":false,\"command\":\"rate\",\"error\":\"the line holds a NUL "
        "byte\"}\n{\"ok\":true,\"command\":\"rate\",\"text\":\"210\"}\n");
    // A bad command's reply names what was sent.
    got = exchange("  frobnicate 3\n\nrate x\n", 23, false, 3);
    assert_string_equal(got,
        "{\"ok\":false,\"command\":\"frobnicate\",\"error\":\"unknown command "
        "'frobnicate'\"}\n{\"ok\":false,\"command\":\"\",\"error\":\"empty "
        "command\"}\n{\"ok\":false,\"command\":\"rate\",\"error\":\"'rate' "
        "takes a number\"}\n");
    // Bytes that are not UTF-8 still give a reply with its command.
    got = exchange("\xff\xfe go\n", 6, false, 1);
    assert_non_null(strstr(got, "\"command\":\"\\uFFFD\\uFFFD\""));
    // The last line before a half-close needs no newline to be answered.
    got = exchange("pause\nrate 190", 14, true, 2);
    assert_string_equal(got,
        "{\"ok\":true,\"command\":\"pause\",\"text\":\"0\"}\n"
        "{\"ok\":true,\"command\":\"rate\",\"text\":\"190\"}\n");

    // Clients that connect at once while herald is busy wait in the
    // listen backlog (the system's SOMAXCONN), not refused after 8.
    char path[] = "/tmp/herald-ctl-XXXXXX";
    int tmp = mkstemp(path);
    close(tmp);
    unlink(path);
    struct control *c;
    struct hr_error err;
    assert_int_equal(control_open(path, &c, &err), 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    int fds[40];
    for (int i = 0; i < 40; i++) {
        fds[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
        assert_int_equal(connect(fds[i], (struct sockaddr *)&sa, sizeof sa), 0);
    }
    for (int i = 0; i < 40; i++)
        close(fds[i]);
    control_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_keydec),
        cmocka_unit_test(test_keymap),
        cmocka_unit_test(test_help_and_replies),
        cmocka_unit_test(test_socket),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
