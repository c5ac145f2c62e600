/*
 * lexicon.c — `herald lexicon`: the user's pronunciation lexicon.
 *
 * DESIGN: add and remove edit the user's file line by line, keeping its
 * comments and order, and write it whole or not at all (base/tempfile.c);
 * list and test read the lexicons as playback does (lexicon/).  test
 * speaks through the news speaker, the smallest live voice herald has,
 * which prepares text as every spoken path does (render_say()).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/datadir.h"
#include "base/tempfile.h"
#include "base/xdg.h"
#include "cli/cli.h"
#include "lexicon/lexicon.h"
#include "news/news.h"

static void usage(FILE *f)
{
    fputs("usage: herald lexicon add WORD SAYS [--lang TAG]\n"
          "       herald lexicon remove WORD [--lang TAG]\n"
          "       herald lexicon list [--lang TAG]\n"
          "       herald lexicon test WORDS [--lang TAG] [-d DEVICE]\n"
          "\n"
          "How herald says words that espeak-ng gets wrong.  An entry is a\n"
          "word (or a few joined by a space, hyphen or apostrophe) and what to\n"
          "say instead: a respelling (\"Win\"), or espeak-ng phonemes in [[ ]]\n"
          "(\"[[w'In]]\", as 'espeak-ng -x' prints them).  It matches whole\n"
          "words.  A word in lower case matches in any case; a word with a\n"
          "capital matches only as written (\"Nice\" the city, not \"nice\").\n"
          "\n"
          "  add     add or change an entry of your own lexicon\n"
          "  remove  remove an entry of your own lexicon\n"
          "  list    your entries and the shipped ones, one a line:\n"
          "          WORD = SAYS (yours|shipped)\n"
          "  test    print what espeak-ng is given for WORDS, and say it\n"
          "\n"
          "      --lang TAG       the language (default en); en-GB uses en\n"
          "  -d, --device NAME|N  the audio output for test\n"
          "  -h, --help           show this help\n"
          "\n"
          "Your lexicon: $XDG_CONFIG_HOME/herald/voices/lexicon/LANG.lex; its\n"
          "entries come before the shipped ones.\n", f);
}

/* The word part of a lexicon line ("  Xi = [[S'i:]]" → "Xi"), into out;
 * false for comments, blank lines and lines that are no entry. */
static bool line_word(const char *line, char *out, size_t n)
{
    while (*line == ' ' || *line == '\t')
        line++;
    if (!*line || *line == '#' || *line == ';' || *line == '\n')
        return false;
    const char *eq = strchr(line, '=');
    if (!eq)
        return false;
    size_t len = (size_t)(eq - line);
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    if (len >= n)
        return false;
    memcpy(out, line, len);
    out[len] = '\0';
    return true;
}

/*
 * Rewrite the user's lexicon at path: the line for word is replaced by
 * new_line (NULL: removed); with no such line new_line is appended.
 * *found says whether there was one.
 */
static int rewrite(const char *path, const char *word, const char *new_line,
                   bool *found, struct hr_error *err)
{
    struct buf out = BUF_INIT;
    *found = false;
    FILE *f = fopen(path, "r");
    if (!f && errno != ENOENT)
        return hr_fail_errno(err, "cannot read '%s'", path);
    if (!f && new_line)
        buf_puts(&out, "# Your pronunciation lexicon: WORD = SAYS, one a "
                 "line (see 'herald lexicon --help').\n", NULL);
    char line[4096], w[LEXICON_MAX_WORD + 1];
    while (f && fgets(line, sizeof line, f)) {
        if (line_word(line, w, sizeof w) && strcmp(w, word) == 0) {
            if (new_line && !*found)
                buf_printf(&out, NULL, "%s\n", new_line);
            *found = true;
            continue;
        }
        buf_puts(&out, line, NULL);
        if (out.len && out.data[out.len - 1] != '\n')
            buf_putc(&out, '\n', NULL);
    }
    if (f)
        fclose(f);
    if (new_line && !*found)
        buf_printf(&out, NULL, "%s\n", new_line);
    if (!new_line && !*found) {
        buf_release(&out);
        return 0;
    }
    int rc = xdg_make_parents(path, err);
    char tmp[4200];
    int fd = rc == 0 ? tempfile_create(path, tmp, sizeof tmp, err) : -1;
    if (fd < 0) {
        buf_release(&out);
        return -1;
    }
    size_t done = 0;
    while (done < out.len) {
        ssize_t k = write(fd, out.data + done, out.len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            rc = hr_fail_errno(err, "cannot write '%s'", path);
            break;
        }
        done += (size_t)k;
    }
    if (close(fd) < 0 && rc == 0)
        rc = hr_fail_errno(err, "cannot write '%s'", path);
    if (rc == 0)
        rc = tempfile_commit(tmp, path, err);
    else
        tempfile_discard(tmp);
    buf_release(&out);
    return rc;
}

/* Both lexicons of lang, the user's first. */
static int load_both(const char *rel, struct lexicon *lx, char **mine,
                     char **shipped, struct hr_error *err)
{
    *mine = xdg_config_path(rel, err);
    *shipped = datadir_shipped_path(rel, NULL);
    if (!*mine)
        return -1;
    if (lexicon_read(lx, *mine, true, err) < 0)
        return -1;
    if (*shipped && lexicon_read(lx, *shipped, false, err) < 0)
        return -1;
    return 0;
}

static int by_word(const void *a, const void *b)
{
    const struct lexicon_entry *x = a, *y = b;
    int c = strcasecmp(x->word, y->word);
    return c ? c : strcmp(x->word, y->word);
}

static int do_list(const char *rel)
{
    struct lexicon lx = {0};
    char *mine, *shipped;
    struct hr_error err = {0};
    int status = CLI_OK;
    if (load_both(rel, &lx, &mine, &shipped, &err) < 0) {
        status = cli_fail(&err);
    } else {
        struct lexicon_entry *e = xreallocarray(NULL, lx.n ? lx.n : 1, sizeof *e);
        if (lx.n)
            memcpy(e, lx.e, lx.n * sizeof *e);
        qsort(e, lx.n, sizeof *e, by_word);
        for (size_t i = 0; i < lx.n; i++) {
            cli_print_clean(stdout, e[i].word);
            fputs(" = ", stdout);
            cli_print_clean(stdout, e[i].says);
            printf(" (%s)\n", e[i].user ? "yours" : "shipped");
        }
        free(e);
    }
    lexicon_release(&lx);
    free(mine);
    free(shipped);
    return status;
}

/* Say text through the speaker and wait until it is heard. */
static int speak(const char *text, const char *lang, const char *device)
{
    struct news_speaker_opts so = {.device = device, .rate = 175,
                                   .earcons = false};
    struct news_speaker *sp = NULL;
    struct hr_error err = {0};
    term_silence_stderr();
    if (news_speaker_new(&so, &sp, &err) < 0 ||
        news_speaker_wait_open(sp, &err) < 0) {
        news_speaker_free(sp, false);
        term_restore_stderr();
        return cli_fail(&err);
    }
    news_speaker_say(sp, NULL, text, lang);
    int rc = 0;
    while (rc == 0 && news_speaker_busy(sp)) {
        struct pollfd p = {.fd = news_speaker_fd(sp), .events = POLLIN};
        poll(&p, 1, 50);
        rc = news_speaker_process(sp, &err);
    }
    news_speaker_free(sp, rc == 0);
    term_restore_stderr();
    return rc < 0 ? cli_fail(&err) : CLI_OK;
}

int cmd_lexicon(int argc, char **argv)
{
    static const struct option opts[] = {
        {"lang", required_argument, NULL, 'L'},
        {"device", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *lang = "en", *device = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":d:h", opts, NULL)) != -1) {
        switch (c) {
        case 'L': lang = optarg; break;
        case 'd': device = optarg; break;
        case 'h': usage(stdout); return CLI_OK;
        case ':': return cli_usage("lexicon", "option '%s' needs a value",
                                   argv[optind - 1]);
        default: return cli_usage("lexicon", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage("lexicon", "no action given (add, remove, list, test)");
    const char *action = argv[optind++];
    int nargs = argc - optind;
    char **args = argv + optind;
    struct hr_error err = {0};
    char rel[64];
    if (lexicon_rel_path(lang, rel, sizeof rel, &err) < 0)
        return cli_usage("lexicon", "--lang: %s", err.msg);

    if (strcmp(action, "list") == 0) {
        if (nargs)
            return cli_usage("lexicon", "list takes no WORD");
        return do_list(rel);
    }
    if (strcmp(action, "test") == 0) {
        if (nargs < 1)
            return cli_usage("lexicon", "test needs the WORDS to say");
        struct buf words = BUF_INIT, said = BUF_INIT;
        for (int i = 0; i < nargs; i++)
            buf_printf(&words, NULL, "%s%s", i ? " " : "", args[i]);
        if (lexicon_say(lang, words.data, words.len, &said, &err) < 0) {
            buf_release(&words);
            return cli_fail(&err);
        }
        cli_print_clean(stdout, words.data);
        fputs(strcmp(words.data, said.data) == 0
                  ? ": no entry; espeak-ng is given it as written\n"
                  : " is said as: ", stdout);
        if (strcmp(words.data, said.data) != 0) {
            cli_print_clean(stdout, said.data);
            fputc('\n', stdout);
        }
        fflush(stdout);
        // The speaker prepares the words as every spoken path does
        // (render_say): normalised, then this lexicon.
        int status = speak(words.data, lang, device);
        buf_release(&words);
        buf_release(&said);
        return status;
    }
    if (strcmp(action, "add") == 0 || strcmp(action, "remove") == 0) {
        bool add = action[0] == 'a';
        if (add && nargs != 2)
            return cli_usage("lexicon", "add takes WORD and SAYS (quote "
                             "SAYS when it has spaces)");
        if (!add && nargs != 1)
            return cli_usage("lexicon", "remove takes one WORD");
        if (add && lexicon_check(args[0], args[1], &err) < 0)
            return cli_usage("lexicon", "%s", err.msg);
        char *path = xdg_config_path(rel, &err);
        if (!path)
            return cli_fail(&err);
        char *line = add ? xasprintf("%s = %s", args[0], args[1]) : NULL;
        bool found;
        int rc = rewrite(path, args[0], line, &found, &err);
        int status = CLI_OK;
        if (rc < 0) {
            status = cli_fail(&err);
        } else if (add) {
            printf("%s '%s' in %s\n", found ? "changed" : "added", args[0],
                   path);
        } else if (found) {
            printf("removed '%s' from %s\n", args[0], path);
        } else {
            // Say whether it is a shipped entry: those cannot be removed,
            // only outweighed.
            struct lexicon lx = {0};
            char *shipped = datadir_shipped_path(rel, NULL);
            struct hr_error ignored;
            const struct lexicon_entry *e = NULL;
            if (shipped && lexicon_read(&lx, shipped, false, &ignored) == 0)
                e = lexicon_find(&lx, args[0], strlen(args[0]));
            if (e)
                status = cli_error("'%s' is in the shipped %s lexicon, not "
                                   "yours: 'herald lexicon add %s SAYS' "
                                   "says it your way", args[0], lang, e->word);
            else
                status = cli_error("'%s' is not in your %s lexicon (%s)",
                                   args[0], lang, path);
            lexicon_release(&lx);
            free(shipped);
        }
        free(line);
        free(path);
        return status;
    }
    return cli_usage("lexicon", "unknown action '%s' (add, remove, list, "
                     "test)", action);
}
