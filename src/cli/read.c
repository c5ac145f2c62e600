/*
 * read.c — `herald read`: speak articles live, with keys and a control
 * socket.
 *
 * DESIGN: the main thread runs one poll() loop over the player's wakeup
 * fd, the terminal (keys), a self-pipe for signals and the control
 * socket; the player does the rest on its own threads.  Keys are taken
 * only when standard input is a terminal (and not the page itself); the
 * terminal's modes, the signals and the silenced stderr (ALSA's noise)
 * are term.c's, shared with `herald news`.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/xdg.h"
#include "cli/cli.h"
#include "control/control.h"
#include "player/player.h"
#include "store/store.h"
#include "style/style.h"

static void usage(FILE *f)
{
    fputs("usage: herald read [OPTIONS] SOURCE...\n"
          "\n"
          "Speak each SOURCE (a file, an http(s) URL, or - for standard input)\n"
          "in turn, from where you last stopped in it.  Keys on a terminal:\n"
          "  space, k    pause / resume       right, l / left, h  next / previous sentence\n"
          "  down, j     next paragraph       up                  previous paragraph\n"
          "  ], [        next / previous section\n"
          "  n, p        next / previous article\n"
          "  +, -        faster / slower      r   repeat the sentence\n"
          "  w           where am I           t   the time, date and byline\n"
          "  ?           spoken help          q   quit, remembering the place\n"
          "Keys can be changed in the [keys] section of config.ini.\n"
          "\n"
          "  -d, --device NAME|N  the audio output (see 'herald devices')\n"
          "      --control PATH   take commands on a UNIX socket at PATH\n"
          "      --from-start     ignore the remembered position\n"
          "      --db PATH        the database of positions\n"
          "      --voice NAME     an espeak-ng voice (see 'herald voices')\n"
          "      --profile NAME   how each part sounds: a voice profile, by name\n"
          "                       or path (see 'herald voices --profiles')\n"
          "      --lang LANG      the language, when the page's is wrong\n"
          "      --rate WPM       words a minute (80-450; default the profile's, 175)\n"
          "      --no-earcons     no sounds for pause, resume and boundaries\n"
          "  -q, --quiet          print nothing but errors\n"
          "  -h, --help           show this help\n"
          "\n"
          "With no audio output, use 'herald export' to write a file.\n", f);
}

/* ---- the loop --------------------------------------------------------- */

struct read_ctx {
    char **sources;
    const char *lang;
    struct player *player;
    struct control_keymap keys;
    struct control_keydec keydec;
    bool quiet;
    bool keys_on;
    const char *control_path;
    const char *help;       /* the spoken help */
    bool said_mode;
    bool end_of_queue;
    bool failed;
    struct hr_error err;
};

static int load(void *ctx, size_t i, struct article **out, struct hr_error *err)
{
    struct read_ctx *r = ctx;
    return cli_load_article(r->sources[i], r->lang, out, err);
}

/* Once, before the first line about the article: how it is controlled. */
static void say_mode(struct read_ctx *r)
{
    if (r->said_mode || r->quiet)
        return;
    r->said_mode = true;
    if (!r->keys_on)
        printf("Standard input is not a terminal: no keys%s%s.\n",
               r->control_path ? "; commands on " : "",
               r->control_path ? r->control_path : "");
}

static void on_event(void *ctx, const struct player_event *ev)
{
    struct read_ctx *r = ctx;
    switch (ev->kind) {
    case PLAYER_EV_ARTICLE:
        say_mode(r);
        if (!r->quiet) {
            cli_print_clean(stdout, ev->text);
            fputc('\n', stdout);
        }
        break;
    case PLAYER_EV_END_QUEUE:
        r->end_of_queue = true;
        // fall through
    case PLAYER_EV_RESUMING:
    case PLAYER_EV_SAY:
        say_mode(r);
        // fall through
    case PLAYER_EV_END_ARTICLE:
        if (!r->quiet && ev->text) {
            cli_print_clean(stdout, ev->text);
            fputc('\n', stdout);
        }
        break;
    case PLAYER_EV_WARNING:
        if (!term_signal())     // a fetch a quit signal cut short is no news
            cli_warn("%s", ev->err ? ev->err->msg : "something went wrong");
        break;
    case PLAYER_EV_FAILED:
        r->failed = true;
        if (ev->err)
            r->err = *ev->err;
        break;
    }
    fflush(stdout);
}

static void on_key(int key, void *ctx)
{
    struct read_ctx *r = ctx;
    if (key < 0 || key >= CONTROL_KEY_MAX || r->keys.cmd[key] == CONTROL_NO_CMD)
        return;
    struct hr_error err = {0};
    player_command(r->player, (enum player_cmd)r->keys.cmd[key], 0, &err);
}

static char *on_line(const char *line, void *ctx)
{
    struct read_ctx *r = ctx;
    enum player_cmd cmd;
    int arg;
    struct hr_error err = {0};
    if (control_parse(line, &cmd, &arg, &err) < 0)
        return control_reply_bad_line(line, err.msg);
    const char *name = control_cmd_name(cmd);
    int rc = player_command(r->player, cmd, arg, &err);
    if (rc < 0)
        return control_reply_error(name, err.msg);
    // What is spoken comes back as text too.
    if (cmd == PLAYER_WHERE || cmd == PLAYER_TIME) {
        char text[1024];
        if (cmd == PLAYER_WHERE)
            player_where_text(r->player, text, sizeof text);
        else
            player_time_text(r->player, text, sizeof text);
        return control_reply_text(name, text);
    }
    struct player_status st;
    player_status(r->player, &st);
    if (cmd == PLAYER_HELP && st.in_help && r->help)
        return control_reply_text(name, r->help);
    // A script can tell a move that moved from one with nothing further.
    if (cmd == PLAYER_STATUS || cmd == PLAYER_STOP || cmd == PLAYER_HELP)
        return control_reply_status(name, &st);
    return control_reply_moved(name, &st,
                               rc == 1 ? player_nothing_text(cmd) : NULL);
}

int cmd_read(int argc, char **argv)
{
    static const struct option opts[] = {
        {"device", required_argument, NULL, 'd'},
        {"control", required_argument, NULL, 'c'},
        {"from-start", no_argument, NULL, 'F'},
        {"db", required_argument, NULL, 'B'},
        {"voice", required_argument, NULL, 'v'},
        {"lang", required_argument, NULL, 'L'},
        {"profile", required_argument, NULL, 'P'},
        {"rate", required_argument, NULL, 'r'},
        {"no-earcons", no_argument, NULL, 'E'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct player_opts po = {.earcons = true};
    struct read_ctx r = {0};
    const char *db = NULL, *profile = NULL;
    long rate = 0;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': po.device = optarg; break;
        case 'c': r.control_path = optarg; break;
        case 'F': po.from_start = true; break;
        case 'B': db = optarg; break;
        case 'v': po.voice = optarg; break;
        case 'L': po.lang = r.lang = optarg; break;
        case 'P': profile = optarg; break;
        case 'r':
            if (cli_parse_int(optarg, 80, 450, &rate) < 0)
                return cli_usage("read", "--rate takes words a minute "
                                 "from 80 to 450, not '%s'", optarg);
            break;
        case 'E': po.earcons = false; break;
        case 'q': r.quiet = true; break;
        case 'h': usage(stdout); return CLI_OK;
        case ':': return cli_usage("read", "option '%s' needs a value",
                                   argv[optind - 1]);
        default: return cli_usage("read", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage("read", "no SOURCE given");
    struct style style;
    int pst = cli_load_profile(profile, &style);
    if (pst != CLI_OK)
        return pst;
    po.style = &style;
    po.earcons = style.earcons = po.earcons && style.earcons;
    r.sources = argv + optind;
    po.narticles = (size_t)(argc - optind);
    po.rate = (int)rate;
    bool stdin_is_page = false;
    for (int i = optind; i < argc; i++)
        stdin_is_page |= strcmp(argv[i], "-") == 0;

    struct hr_error err = {0};
    int status = CLI_OK;
    struct store *store = NULL;
    struct control *ctl = NULL;
    char *help = NULL;

    // The device and espeak-ng start first, on the player's threads: they
    // take longest.  Descriptor 2 is silenced from here (ALSA's noise).
    term_silence_stderr();
    term_catch_signals();
    po.load = load;
    po.ctx = &r;
    po.on_event = on_event;
    if (player_new(&po, &r.player, &err) < 0) {
        term_restore_stderr();
        return cli_fail(&err);
    }

    // Keys: the defaults, then config.ini's [keys].
    control_keymap_default(&r.keys);
    char *cfg = xdg_config_path("config.ini", NULL);
    int rc = cfg ? control_keymap_load(&r.keys, cfg, &err) : 0;
    free(cfg);
    if (rc == 0) {
        help = control_help_text(&r.keys);
        r.help = help;
        if (r.control_path)
            rc = control_open(r.control_path, &ctl, &err);
    }
    if (rc == 0 && store_open(db, &store, &err) < 0) {
        if (db) {
            rc = -1;
        } else {
            cli_warn("positions will not be remembered: %s", err.msg);
            hr_error_clear(&err);
            store = NULL;
        }
    }
    r.keys_on = !stdin_is_page && isatty(STDIN_FILENO);
    if (rc == 0 && player_start(r.player, store, help, &err) < 0)
        rc = -1;
    if (rc < 0) {
        player_free(r.player, false);
        term_restore_stderr();
        status = term_signal() ? term_signal_status() : cli_fail(&err);
        goto out;
    }

    if (r.keys_on)
        term_take_keys();

    while (!term_signal()) {
        struct pollfd fds[3 + CONTROL_MAX_CLIENTS + 1];
        size_t n = 0;
        fds[n++] = (struct pollfd){.fd = player_fd(r.player), .events = POLLIN};
        fds[n++] = (struct pollfd){.fd = term_signal_fd(), .events = POLLIN};
        size_t key_at = n;
        if (term_key_fd() >= 0)
            fds[n++] = (struct pollfd){.fd = term_key_fd(), .events = POLLIN};
        size_t ctl_at = n;
        if (ctl)
            n += control_pollfds(ctl, fds + n, sizeof fds / sizeof *fds - n);
        int prc = poll(fds, n, player_timeout_ms(r.player));
        if (prc < 0 && errno != EINTR)
            break;
        if (prc > 0 && term_key_fd() >= 0 && (fds[key_at].revents & POLLIN)) {
            unsigned char buf[64];
            ssize_t k = read(term_key_fd(), buf, sizeof buf);
            if (k > 0)
                control_keydec_feed(&r.keydec, buf, (size_t)k, on_key, &r);
            else if (k == 0)
                term_keys_ended();
        }
        if (prc > 0 && ctl)
            control_handle(ctl, fds + ctl_at, n - ctl_at, on_line, &r);
        if (!player_process(r.player))
            break;
    }
    // At the end of the queue the last words are still in the device.
    player_free(r.player, r.end_of_queue);
    term_restore_stderr();
    if (term_signal())      // the listener quit: what it cut short is no error
        status = term_signal_status();
    else if (r.failed)
        status = cli_fail(&r.err);

out:
    term_restore();
    control_close(ctl);
    store_close(store);
    free(help);
    return status;
}
