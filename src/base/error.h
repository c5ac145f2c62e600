/*
 * error.h — how failures travel up to the one place that prints them.
 *
 * Modules below cli/ never print and never exit: they return -1 (or NULL)
 * and describe the failure in a struct hr_error.  cli/ turns it into one
 * line on stderr ("herald: error: <msg>") and an exit status.
 */
#ifndef HERALD_BASE_ERROR_H
#define HERALD_BASE_ERROR_H

#include <stdarg.h>

#if defined(__GNUC__)
#define HR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define HR_NORETURN __attribute__((noreturn))
#define HR_UNUSED __attribute__((unused))
#else
#define HR_PRINTF(f, a)
#define HR_NORETURN
#define HR_UNUSED
#endif

enum hr_status {
    HR_OK = 0,
    HR_EUSAGE,      /* bad command line: exit status 2 */
    HR_EIO,         /* a system call failed; msg carries strerror(errno) */
    HR_ENET,        /* DNS, TLS, HTTP status or timeout */
    HR_EPARSE,      /* the input is not what it claims to be */
    HR_ELIMIT,      /* the input is over a size or count limit */
    HR_EAUDIO,      /* PortAudio or the sound file writer failed */
    HR_ESYNTH,      /* espeak-ng failed */
    HR_ENOTFOUND,   /* a named thing (voice, device, feed) does not exist */
    HR_EEMPTY,      /* the input holds nothing to speak */
    HR_ECANCEL,     /* stopped on request (signal, quit key) */
};

struct hr_error {
    enum hr_status status;
    char msg[256];  /* one line: lowercase, no full stop, no "herald:" prefix */
};

/*
 * Record a failure in *e (e may be NULL) and return -1, so that a function
 * can fail in one statement:  return hr_fail(err, HR_EPARSE, "...", ...);
 * Newlines and control characters in the message become spaces, so the
 * message stays one line whatever text it quotes.
 */
int hr_fail(struct hr_error *e, enum hr_status status, const char *fmt, ...)
    HR_PRINTF(3, 4);
int hr_vfail(struct hr_error *e, enum hr_status status, const char *fmt,
             va_list ap);

/* Like hr_fail(), with ": <strerror(errno)>" appended (HR_EIO). */
int hr_fail_errno(struct hr_error *e, const char *fmt, ...) HR_PRINTF(2, 3);

/* Put "<prefix>: " in front of e's message (cut to fit); e may be NULL. */
void hr_error_prefix(struct hr_error *e, const char *prefix);

/* Prefix "'SOURCE': " unless the message names the source already (its
 * first 60 bytes, as the message would show them); a long source is cut
 * to 100 bytes with "..." so that the reason still fits. */
void hr_error_name_source(struct hr_error *e, const char *source);

/* Clear *e to HR_OK and an empty message. */
void hr_error_clear(struct hr_error *e);

/* A programmer error: print "herald: BUG: ..." and abort. */
HR_NORETURN void hr_bug(const char *file, int line, const char *fmt, ...)
    HR_PRINTF(3, 4);
#define HR_BUG(...) hr_bug(__FILE__, __LINE__, __VA_ARGS__)

#endif /* HERALD_BASE_ERROR_H */
