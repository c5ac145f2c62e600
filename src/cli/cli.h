/*
 * cli.h — the subcommands and what they share.
 *
 * Only cli/ and main.c print to stdout or stderr and choose exit codes.
 * Each subcommand is `int cmd_NAME(int argc, char **argv)` with argv[0]
 * the subcommand's name; it returns the exit status: 0 success,
 * 1 failure (after one "herald: error: ..." line), 2 usage.
 */
#ifndef HERALD_CLI_H
#define HERALD_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/error.h"
#include "script/script.h"

enum cli_exit { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

int cmd_read(int argc, char **argv);
int cmd_text(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_feeds(int argc, char **argv);
int cmd_news(int argc, char **argv);
int cmd_bulletin(int argc, char **argv);
int cmd_voices(int argc, char **argv);
int cmd_devices(int argc, char **argv);
int cmd_say(int argc, char **argv);
int cmd_lexicon(int argc, char **argv);

/* A row of main.c's command table, for cli_completions(). */
struct cli_command_info {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};
/* `herald completions bash|zsh|fish` (complete.c): print the script, made
 * from the n commands and what each prints for --help; main_usage prints
 * herald's own --help (its global options). */
int cli_completions(int argc, char **argv, const struct cli_command_info *cmds,
                    size_t n, void (*main_usage)(FILE *f));

/* Print "herald: error: <err->msg>" and return the exit status for it
 * (2 for HR_EUSAGE, else 1). */
int cli_fail(const struct hr_error *err);
/* Print "herald: error: <formatted>" and return 1. */
int cli_error(const char *fmt, ...) HR_PRINTF(1, 2);
/* Print "herald: error: <formatted>", then "try 'herald CMD --help'",
 * and return 2. */
int cli_usage(const char *cmd, const char *fmt, ...) HR_PRINTF(2, 3);
/* Print a warning line "herald: warning: ..." to stderr, also while
 * term_silence_stderr() holds descriptor 2 (term.c). */
void cli_warn(const char *fmt, ...) HR_PRINTF(1, 2);
/* Print a log line "herald: ..." to stderr (a long-running command's
 * journal), also while term_silence_stderr() holds descriptor 2. */
void cli_log(const char *fmt, ...) HR_PRINTF(1, 2);

/* Write text to stdout with control characters (other than tab and
 * newline) and terminal escape sequences removed: untrusted text never
 * reaches the terminal raw. */
void cli_print_clean(FILE *f, const char *text);

/* Whether progress and redrawn lines may be shown: stdout (or fd) is a
 * terminal, TERM is not "dumb" and quiet is off. */
bool cli_fancy_output(int fd, bool quiet);

/*
 * SOURCE → article, ready to speak: read (file, URL or stdin), extract,
 * find sentences.  lang, when not NULL, overrides the page's language.
 * Returns 0 and a new article in *out, or -1 with *err set; the message
 * names the source.
 */
int cli_load_article(const char *spec, const char *lang, struct article **out,
                     struct hr_error *err);

/*
 * The voice profile NAME into *out: a path (it has a '/' or ends in
 * ".ini"), or a name looked up as voices/profiles/NAME.ini in the user's
 * config folder, then the shipped one.  NULL: the user's own default.ini
 * if there is one, else the compiled-in default.  Returns CLI_OK, or
 * prints one error line (an unknown name lists the profiles there are; a
 * bad line names file and line) and returns the exit status for it.
 */
struct style;
int cli_load_profile(const char *name, struct style *out);

/* The same, printing nothing: 0, or -1 with *err set (HR_ENOTFOUND for an
 * unknown name, HR_EPARSE for a bad line) and *out the default.  For a
 * caller that must keep running, such as a bulletin reloading its
 * settings. */
int cli_find_profile(const char *name, struct style *out, struct hr_error *err);

/* The profiles there are, for `voices --profiles`: fn once per name in
 * name order, with the path herald would read and whether it is the
 * user's own.  Returns how many. */
size_t cli_list_profiles(void (*fn)(const char *name, const char *path,
                                    bool user, void *ctx), void *ctx);

/* getopt_long's parse of a plain integer option; -1 on a bad value. */
int cli_parse_int(const char *s, long lo, long hi, long *out);

/*
 * The terminal, signals and stderr of an interactive command (term.c).
 *
 * term_catch_signals() routes SIGINT/SIGTERM/SIGHUP to a self-pipe
 * (term_signal_fd(), for poll(); term_signal() is the signal, 0 if none;
 * term_signal_status() the exit status for it, 0 if none) and keeps the
 * terminal's modes safe across SIGTSTP/SIGCONT and crash signals.
 * term_take_keys() puts a terminal on standard input in non-canonical,
 * no-echo mode (false if it is not a terminal); term_key_fd() is where
 * keys come from, -1 once term_keys_ended() said the input ended;
 * term_also_interrupt(fn): a fetch in progress also gives up when fn()
 * says so (asked at least once a second; NULL: only on a signal).
 * term_restore() gives the terminal its modes back (also at exit).
 * term_silence_stderr() points descriptor 2 at /dev/null while audio
 * libraries run; cli_warn() still reaches the real stderr;
 * term_restore_stderr() puts it back.
 */
void term_catch_signals(void);
int term_signal_fd(void);
int term_signal(void);
int term_signal_status(void);
bool term_take_keys(void);
int term_key_fd(void);
void term_keys_ended(void);
void term_also_interrupt(bool (*fn)(void));
void term_restore(void);
void term_silence_stderr(void);
void term_restore_stderr(void);

#endif /* HERALD_CLI_H */
