/*
 * term.c — the terminal, signals and stderr of the interactive commands
 * (`herald read`, `herald news`).
 *
 * DESIGN: keys are read from standard input in non-canonical, no-echo
 * mode only when it is a terminal the command chose to take, and the
 * saved modes come back on every way out: the normal return and exit()
 * (atexit), SIGINT/SIGTERM/SIGHUP (written to a self-pipe the command's
 * poll() loop watches, so it can save the position and return), SIGTSTP
 * (restored before the stop, taken again on SIGCONT) and crash signals
 * (restored in the handler, then the signal is raised again with its
 * default action).
 *
 * While audio runs, descriptor 2 points at /dev/null: ALSA prints
 * "underrun occurred" and the like from PortAudio's threads, which users
 * must never see.  herald's own warnings (cli_warn, defined here for that
 * reason) go to a copy of the real stderr, and descriptor 2 is put back
 * before the final error line.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/quiet.h"
#include "cli/cli.h"
#include "net/fetch.h"

static struct termios saved_tio;
static volatile sig_atomic_t tio_saved;
static int tty_fd = -1;
static int sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t got_signal;
static int msg_fd = -1;    /* the real stderr while 2 is silenced */

void term_silence_stderr(void)
{
    if (msg_fd < 0)
        msg_fd = stderr_silence();
}

void term_restore_stderr(void)
{
    stderr_restore(msg_fd);
    msg_fd = -1;
}

/* Also while descriptor 2 is silenced: to the real stderr kept in msg_fd. */
static void put_line(const char *prefix, const char *fmt, va_list ap)
{
    char line[400];
    size_t plen = strlen(prefix);
    memcpy(line, prefix, plen);
    int n = vsnprintf(line + plen, sizeof line - plen, fmt, ap);
    if (n < 0)
        return;
    n += (int)plen;
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    fflush(stderr);
    if (write(msg_fd >= 0 ? msg_fd : STDERR_FILENO, line, (size_t)n) < 0) {
        // Nowhere left to say it.
    }
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_line("herald: warning: ", fmt, ap);
    va_end(ap);
}

void cli_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_line("herald: ", fmt, ap);
    va_end(ap);
}

static void tty_raw(void)
{
    if (tty_fd < 0 || !tio_saved)
        return;
    struct termios t = saved_tio;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(tty_fd, TCSANOW, &t);
}

/* Async-signal-safe. */
void term_restore(void)
{
    if (tty_fd >= 0 && tio_saved)
        tcsetattr(tty_fd, TCSANOW, &saved_tio);
}

bool term_take_keys(void)
{
    if (tio_saved || tcgetattr(STDIN_FILENO, &saved_tio) != 0)
        return false;
    tty_fd = STDIN_FILENO;
    tio_saved = 1;
    atexit(term_restore);
    tty_raw();
    return true;
}

int term_key_fd(void)
{
    return tty_fd;
}

void term_keys_ended(void)
{
    term_restore();
    tty_fd = -1;
}

static void on_quit_signal(int sig)
{
    int e = errno;
    got_signal = sig;
    char c = (char)sig;
    if (write(sig_pipe[1], &c, 1) < 0) {
        // The pipe is full: the loop will see got_signal anyway.
    }
    errno = e;
}

static void on_tstp(int sig)
{
    int e = errno;
    term_restore();
    signal(sig, SIG_DFL);
    // The signal is blocked while its handler runs: unblock it so that
    // raise() stops the process here, not after the handler is back.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    // Continued: take the terminal again.
    struct sigaction sa = {.sa_handler = on_tstp};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTSTP, &sa, NULL);
    tty_raw();
    errno = e;
}

static void on_cont(int sig)
{
    (void)sig;
    int e = errno;
    tty_raw();
    errno = e;
}

static void on_crash(int sig)
{
    term_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

static bool (*_Atomic also_interrupt)(void);

/* For net/: a fetch in progress gives up when a quit signal came, or when
 * the command's own test says so. */
static bool interrupted(void)
{
    if (got_signal != 0)
        return true;
    bool (*f)(void) = atomic_load(&also_interrupt);
    return f && f();
}

void term_also_interrupt(bool (*fn)(void))
{
    atomic_store(&also_interrupt, fn);
}

void term_catch_signals(void)
{
    net_set_interrupt(interrupted);
    if (sig_pipe[0] < 0 && pipe(sig_pipe) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction sa = {.sa_handler = on_quit_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_tstp;
    sigaction(SIGTSTP, &sa, NULL);
    sa.sa_handler = on_cont;
    sigaction(SIGCONT, &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT};
    for (size_t i = 0; i < sizeof crash / sizeof *crash; i++)
        sigaction(crash[i], &sa, NULL);
}

int term_signal_fd(void)
{
    return sig_pipe[0];
}

int term_signal(void)
{
    return got_signal;
}

int term_signal_status(void)
{
    switch (got_signal) {
    case 0: return CLI_OK;
    case SIGINT: return 130;
    case SIGTERM: return 143;
    default: return 128 + got_signal;
    }
}
