/*
 * say.c — `herald say`: speak given words the way articles are spoken.
 *
 * DESIGN: the words become a small article (one paragraph a line), so
 * they go through the same normalisation (speech_prepare) and rendering
 * as an article: played like `read`, written like `export -o`.  --spoken
 * and --phonemes print, one line per input line, what espeak-ng is given
 * and the phonemes espeak-ng makes of it, without sound.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "export/export.h"
#include "player/player.h"
#include "speech/speech.h"
#include "style/style.h"
#include "synth/render.h"
#include "synth/synth.h"

/* Input over this is refused: say is for announcements, not books. */
#define SAY_MAX_INPUT ((size_t)16 << 20)

static void usage(FILE *f)
{
    fputs("usage: herald say [OPTIONS] TEXT...\n"
          "       herald say [OPTIONS] -\n"
          "\n"
          "Speak TEXT (or standard input, one paragraph a line) the way herald\n"
          "speaks articles: numbers, dates, times, money, units, abbreviations\n"
          "and links are said as a newsreader says them.\n"
          "\n"
          "      --lang LANG    the language (default en)\n"
          "      --spoken       print what espeak-ng is given, one line per line\n"
          "      --phonemes     print espeak-ng's phonemes for it, one line per\n"
          "                     line (as 'espeak-ng -q -x' prints them)\n"
          "  -o, --output FILE  write the audio to FILE (.wav, .flac, .ogg,\n"
          "                     .opus, .mp3; - for WAV on standard output)\n"
          "  -d, --device NAME|N  the audio output (see 'herald devices')\n"
          "      --voice NAME   an espeak-ng voice (see 'herald voices')\n"
          "      --profile NAME how it sounds: a voice profile, by name or path\n"
          "                     (see 'herald voices --profiles')\n"
          "      --rate WPM     words a minute (80-450, default 175)\n"
          "  -f, --force        replace FILE if it exists\n"
          "  -h, --help         show this help\n", f);
}

struct say_ctx {
    struct buf text;        /* the input, lines separated by '\n' */
    const char *lang;
    bool given;             /* export: the one source was handed out */
    bool lines_given;       /* the input had a line, if only an empty one */
    bool end_of_queue, failed;  /* playing: how it ended */
    struct hr_error err;
};

static int build(struct say_ctx *s, struct article **out, struct hr_error *err)
{
    struct article *a = article_new();
    article_set(&a->lang, s->lang);
    article_set(&a->source, "say");
    const char *p = s->text.data, *end = p + s->text.len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (article_add(a, ROLE_PARAGRAPH, p, n, err) < 0) {
            article_free(a);
            return -1;
        }
        p += n + 1;
    }
    if (a->nsegs == 0) {
        article_free(a);
        return hr_fail(err, HR_EEMPTY, "nothing to say");
    }
    if (article_split_sentences(a, err) < 0) {
        article_free(a);
        return -1;
    }
    *out = a;
    return 0;
}

static const char *next_source(void *ctx)
{
    struct say_ctx *s = ctx;
    if (s->given)
        return NULL;
    s->given = true;
    return "say";
}

static int load_export(void *ctx, const char *source, struct article **out,
                       struct hr_error *err)
{
    (void)source;
    return build(ctx, out, err);
}

static int load_player(void *ctx, size_t i, struct article **out,
                       struct hr_error *err)
{
    (void)i;
    return build(ctx, out, err);
}

static void on_event(void *ctx, const struct player_event *ev)
{
    struct say_ctx *s = ctx;
    if (ev->kind == PLAYER_EV_END_QUEUE)
        s->end_of_queue = true;
    if (ev->kind == PLAYER_EV_WARNING && ev->err)
        cli_warn("%s", ev->err->msg);
    if (ev->kind == PLAYER_EV_FAILED) {
        s->failed = true;
        if (ev->err)
            s->err = *ev->err;
    }
}

/* Through the player into the audio output, like `herald read`. */
static int play(struct say_ctx *s, const char *device, const char *voice,
                int rate, const struct style *style)
{
    struct player_opts po = {.device = device, .voice = voice,
                             .style = style,
                             .lang = s->lang, .rate = rate,
                             .from_start = true, .earcons = false,
                             .no_epilogue = true,
                             .narticles = 1, .load = load_player, .ctx = s,
                             .on_event = on_event};
    struct hr_error err = {0};
    struct player *p = NULL;
    term_silence_stderr();
    term_catch_signals();
    if (player_new(&po, &p, &err) < 0 || player_start(p, NULL, NULL, &err) < 0) {
        if (p)
            player_free(p, false);
        term_restore_stderr();
        term_restore();
        return term_signal() ? term_signal_status() : cli_fail(&err);
    }
    while (!term_signal()) {
        struct pollfd fds[2] = {{.fd = player_fd(p), .events = POLLIN},
                                {.fd = term_signal_fd(), .events = POLLIN}};
        if (poll(fds, 2, player_timeout_ms(p)) < 0 && errno != EINTR)
            break;
        if (!player_process(p))
            break;
    }
    player_free(p, s->end_of_queue);
    term_restore_stderr();
    term_restore();
    if (term_signal())
        return term_signal_status();
    return s->failed ? cli_fail(&s->err) : CLI_OK;
}

/* --spoken / --phonemes: one output line per input line. */
static int print_lines(struct say_ctx *s, bool phonemes)
{
    struct hr_error err = {0};
    if (phonemes) {
        struct synth_voice v = {.lang = s->lang, .rate = 175, .pitch = 50,
                                .range = 50};
        if (synth_init(NULL, &err) < 0 || synth_set_voice(&v, &err) < 0)
            return cli_fail(&err);
    }
    struct buf line = BUF_INIT, spoken = BUF_INIT;
    const char *p = s->text.data, *end = p + s->text.len;
    int status = CLI_OK;
    // Every line gives a line, the empty ones too; no input gives none.
    bool more = s->text.len > 0 || s->lines_given;
    while (more && status == CLI_OK) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        more = nl != NULL;
        buf_reset(&line);
        buf_reset(&spoken);
        // As an article's paragraph: bytes that are not UTF-8 become
        // U+FFFD, white space is collapsed.
        struct buf valid = BUF_INIT;
        for (size_t k = 0; k < n;) {
            uint32_t cp;
            size_t l = utf8_decode((const unsigned char *)p + k, n - k, &cp);
            if (l == 0) {
                utf8_append(&valid, 0xFFFD);
                k++;
            } else {
                buf_append(&valid, p + k, l, NULL);
                k += l;
            }
        }
        script_normalize_ws(valid.data, valid.len, &line);
        buf_release(&valid);
        int rc = render_spoken(line.data, line.len, s->lang, &spoken, &err);
        if (rc == 0 && phonemes) {
            buf_reset(&line);
            rc = spoken.len ? synth_phonemes(spoken.data, spoken.len, &line, &err)
                            : 0;
            if (rc == 0)
                cli_print_clean(stdout, line.data);
        } else if (rc == 0) {
            cli_print_clean(stdout, spoken.data);
        }
        if (rc < 0)
            status = cli_fail(&err);
        else
            fputc('\n', stdout);
        p += n + (nl ? 1 : 0);
    }
    buf_release(&line);
    buf_release(&spoken);
    if (fflush(stdout) != 0 && status == CLI_OK)
        status = cli_error("could not write to standard output");
    return status;
}

static int read_input(struct say_ctx *s, int argc, char **argv,
                      struct hr_error *err)
{
    buf_init(&s->text, SAY_MAX_INPUT);
    if (argc == 1 && strcmp(argv[0], "-") == 0) {
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
            if (memchr(chunk, '\0', n))
                return hr_fail(err, HR_EPARSE,
                               "standard input holds a NUL byte: not text");
            if (buf_append(&s->text, chunk, n, err) < 0)
                return hr_fail(err, HR_ELIMIT,
                               "standard input is over 16 MB: too long to say");
        }
        if (ferror(stdin))
            return hr_fail(err, HR_EIO, "could not read standard input");
        // A last newline ends the last line; it does not start another.
        s->lines_given = s->text.len > 0;
        if (s->text.len && s->text.data[s->text.len - 1] == '\n')
            s->text.data[--s->text.len] = '\0';
        return 0;
    }
    for (int i = 0; i < argc; i++) {
        if ((i && buf_putc(&s->text, ' ', err) < 0) ||
            buf_puts(&s->text, argv[i], err) < 0)
            return -1;
    }
    return 0;
}

int cmd_say(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lang", required_argument, NULL, 'L'},
        {"spoken", no_argument, NULL, 'S'},
        {"phonemes", no_argument, NULL, 'P'},
        {"output", required_argument, NULL, 'o'},
        {"device", required_argument, NULL, 'd'},
        {"voice", required_argument, NULL, 'v'},
        {"rate", required_argument, NULL, 'r'},
        {"profile", required_argument, NULL, 'p'},
        {"force", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct say_ctx s = {.lang = "en"};
    const char *output = NULL, *device = NULL, *voice = NULL, *profile = NULL;
    bool spoken = false, phonemes = false, force = false;
    long rate = 0;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:d:fh", opts, NULL)) != -1) {
        switch (c) {
        case 'L': s.lang = optarg; break;
        case 'S': spoken = true; break;
        case 'P': phonemes = true; break;
        case 'o': output = optarg; break;
        case 'd': device = optarg; break;
        case 'v': voice = optarg; break;
        case 'p': profile = optarg; break;
        case 'f': force = true; break;
        case 'r':
            if (cli_parse_int(optarg, 80, 450, &rate) < 0)
                return cli_usage("say", "--rate takes words a minute "
                                 "from 80 to 450, not '%s'", optarg);
            break;
        case 'h': usage(stdout); return CLI_OK;
        case ':': return cli_usage("say", "option '%s' needs a value",
                                   argv[optind - 1]);
        default: return cli_usage("say", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    if ((int)spoken + (int)phonemes + (output != NULL) > 1)
        return cli_usage("say", "--spoken, --phonemes and -o go alone");
    if (!*s.lang || strlen(s.lang) > 35 || strspn(s.lang,
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
            != strlen(s.lang))
        return cli_usage("say", "--lang takes a language tag such as en or "
                         "de-AT, not '%s'", s.lang);
    if (optind >= argc)
        return cli_usage("say", "no TEXT given (- reads standard input)");

    struct style style;
    int pst = cli_load_profile(profile, &style);
    if (pst != CLI_OK)
        return pst;
    struct hr_error err = {0};
    int status;
    if (read_input(&s, argc - optind, argv + optind, &err) < 0) {
        buf_release(&s.text);
        return cli_fail(&err);
    }
    bool blank = s.text.len == strspn(s.text.data, " \t\r\n\f\v");
    if (spoken || phonemes) {
        status = print_lines(&s, phonemes);
    } else if (blank) {
        status = cli_error("nothing to say: the text is empty");
    } else if (output && !force && strcmp(output, "-") != 0 &&
               access(output, F_OK) == 0) {
        status = cli_error("'%s' exists; --force replaces it", output);
    } else if (output) {
        struct export_opts eo = {.force = force || strcmp(output, "-") == 0};
        eo.render.lang = s.lang;
        eo.render.voice = voice;
        eo.render.rate = (int)rate;
        eo.render.style = &style;
        struct export_io io = {.ctx = &s, .next = next_source,
                               .load = load_export};
        synth_quiet_stderr(true);
        int rc = export_to_file(output, &eo, &io, &err);
        status = rc < 0 ? cli_fail(&err) : rc > 0 ? CLI_FAIL : CLI_OK;
        if (rc > 0)
            cli_error("could not speak the text into '%s'", output);
    } else {
        status = play(&s, device, voice, (int)rate, &style);
    }
    buf_release(&s.text);
    return status;
}
