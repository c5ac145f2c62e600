/*
 * pool.c — one file per source, rendered by worker processes
 * (export_to_dir in export.h).
 *
 * DESIGN: the parent (the coordinator) starts espeak-ng but never speaks
 * with it, then forks one short-lived worker per source, at most `jobs` at
 * a time.  A fresh fork of an engine that has never spoken makes the same
 * samples as `herald read` in a new process, so files do not depend on -j
 * or on which sources came before; a worker that crashes takes only its
 * own source with it; memory is bounded by the number of workers, not of
 * sources (sources are read from io->next only when a worker is free).
 *
 * Parent and worker talk over a SOCK_SEQPACKET pair, one message a packet:
 *
 *   worker                         parent
 *   load the source (io->load)
 *   "T" slug NUL source-id   ──►   name it, in source order
 *                            ◄──   "N" path    (render it)   or "K" (kept)
 *   render, captions, commit
 *   "D" samples              ──►   report WROTE
 *   "F" status message       ──►   report FAILED     (at any step)
 *   exit                           EOF without D/F/K: report a crash
 *
 * Names are decided by the parent in the order the sources were given (a
 * worker whose earlier sources are still loading waits for its name), so
 * two articles with the same headline get NAME.wav and NAME-2.wav the same
 * way whatever -j is.  A name is taken when an earlier source of this run
 * has it, or when a file exists under it that came from another article
 * (its comment tag holds the article's id, article_id()); a file of the
 * same article is kept
 * (unless --force) when it and the sidecars asked for exist.
 *
 * Several herald processes may write into one folder at once (--shard
 * on machines that share it, or two runs): a name is claimed before it is
 * used, and a name another process holds is taken (see "claims" below),
 * so two processes never write the same file.
 *
 * Workers die with their parent: PR_SET_PDEATHSIG sends them SIGTERM,
 * whose handler (base/tempfile) removes their temporaries.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/tempfile.h"
#include "export/export_internal.h"
#include "sink/sink_file.h"
#include "synth/synth.h"

#define MSG_MAX 8192

struct job {
    uint64_t idx;
    char *source;
    pid_t pid;              /* 0 once reaped */
    int fd;                 /* -1 once closed */
    bool titled, named, finished, reported;
    char *slug, *ident;     /* from "T" */
    char *path;             /* decided name */
    char *claim;            /* its claim, while claim_fd is held */
    int claim_fd;           /* -1 when none is held */
    bool kept;
    bool elsewhere;         /* kept: another process is writing it */
    uint64_t samples;
    struct hr_error err;
    bool failed;
};

/* A set of names given out in this run (open addressing, grows). */
struct names {
    char **slot;
    size_t cap, len;
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

static bool names_has(const struct names *n, const char *s)
{
    if (!n->cap)
        return false;
    for (size_t i = hash(s) & (n->cap - 1); n->slot[i]; i = (i + 1) & (n->cap - 1)) {
        if (strcmp(n->slot[i], s) == 0)
            return true;
    }
    return false;
}

static void names_add(struct names *n, const char *s)
{
    if ((n->len + 1) * 2 > n->cap) {
        struct names bigger = {xcalloc(n->cap ? n->cap * 2 : 64, sizeof(char *)),
                               n->cap ? n->cap * 2 : 64, 0};
        for (size_t i = 0; i < n->cap; i++) {
            if (n->slot[i]) {
                size_t j = hash(n->slot[i]) & (bigger.cap - 1);
                while (bigger.slot[j])
                    j = (j + 1) & (bigger.cap - 1);
                bigger.slot[j] = n->slot[i];
                bigger.len++;
            }
        }
        free(n->slot);
        *n = bigger;
    }
    size_t i = hash(s) & (n->cap - 1);
    while (n->slot[i])
        i = (i + 1) & (n->cap - 1);
    n->slot[i] = xstrdup(s);
    n->len++;
}

static void names_release(struct names *n)
{
    for (size_t i = 0; i < n->cap; i++)
        free(n->slot[i]);
    free(n->slot);
}

/* ---- claims: one writer a name, across processes ----------------------
 *
 * Before a name is given to a source, the coordinator claims it: an
 * exclusive flock() on ".NAME.EXT.herald.claim" beside it, which holds
 * the source's id and is removed (then unlocked) once the worker has
 * committed or failed.  A free name whose claim another process holds is
 * taken, as one given out earlier in this run is; one claimed for the
 * same source is being written elsewhere, and is kept.  A name with this
 * source's file under it waits for its claim: the holder only looks at
 * the file (name_job).  A lock goes with
 * its process (also on SIGKILL), so a claim a dead run left is simply
 * taken over.  After locking, the claim is checked to be still the file
 * under its name (a holder removes it before letting go), so two
 * processes never both hold a name: the usual lock-file protocol.
 */
#define CLAIM_SUFFIX ".herald.claim"
/* How long (in 10 ms) to wait for the claim on a file of this source that
 * another process holds: a look at the file takes far less; longer, it
 * is writing the same source (--force), and this one is left to it. */
#define CLAIM_WAIT_TRIES 500

enum claim { CLAIM_OURS, CLAIM_TAKEN, CLAIM_SAME, CLAIM_NONE };

/* The claim's path for audio path "DIR/NAME.EXT": "DIR/.NAME.EXT.herald.claim". */
static bool claim_path(const char *audio, char *out, size_t size)
{
    const char *slash = strrchr(audio, '/');
    size_t dirlen = slash ? (size_t)(slash - audio) + 1 : 0;
    int n = snprintf(out, size, "%.*s.%s" CLAIM_SUFFIX, (int)dirlen, audio,
                     audio + dirlen);
    return n > 0 && (size_t)n < size;
}

/* Whether the claim held by someone else on fd is for ident.  The holder
 * writes the id just after locking: an empty claim is given a moment. */
static bool claim_holds(int fd, const char *ident)
{
    size_t want = strlen(ident);
    char buf[MSG_MAX + 1];
    for (int tries = 0; tries < 20; tries++) {
        ssize_t got = pread(fd, buf, sizeof buf - 1, 0);
        if (got > 0)
            return (size_t)got == want && memcmp(buf, ident, want) == 0;
        if (got < 0 && errno != EINTR)
            return false;
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    }
    return false;
}

/* Claim the name of audio path for ident; on CLAIM_OURS *fd holds it.
 * CLAIM_NONE: no claim could be made (a folder we cannot create files
 * in); the name is used as before claims, and writing it will tell. */
static enum claim claim_take(const char *audio, const char *ident,
                             char *claim, size_t size, int *fd)
{
    *fd = -1;
    if (!claim_path(audio, claim, size))
        return CLAIM_NONE;
    for (int tries = 0; tries < 100; tries++) {
        int c = open(claim, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (c < 0)
            return errno == EINTR ? CLAIM_TAKEN : CLAIM_NONE;
        if (flock(c, LOCK_EX | LOCK_NB) < 0) {
            bool same = errno == EWOULDBLOCK && claim_holds(c, ident);
            close(c);
            return same ? CLAIM_SAME : CLAIM_TAKEN;
        }
        struct stat a, b;
        if (fstat(c, &a) < 0 || stat(claim, &b) < 0 || a.st_ino != b.st_ino ||
            a.st_dev != b.st_dev) {
            close(c);       // its holder removed it just now: try again
            continue;
        }
        size_t len = strlen(ident);
        if (ftruncate(c, 0) < 0 || pwrite(c, ident, len, 0) != (ssize_t)len) {
            unlink(claim);
            close(c);
            return CLAIM_NONE;
        }
        *fd = c;
        return CLAIM_OURS;
    }
    return CLAIM_TAKEN;
}

/* Let go of j's claim: removed first, so no one takes the dead file. */
static void claim_release(struct job *j)
{
    if (j->claim_fd < 0)
        return;
    unlink(j->claim);
    close(j->claim_fd);
    j->claim_fd = -1;
    free(j->claim);
    j->claim = NULL;
}

struct pool {
    const char *dir;
    const char *ext;
    const struct export_opts *o;
    const struct export_io *io;
    int jobs;
    struct job **q;         /* jobs not yet retired, in source order */
    size_t nq, qalloc;
    size_t running;
    uint64_t next_idx;
    bool sources_done;
    struct names names;
    int failed;
};

/* ---- the worker ------------------------------------------------------ */

static void send_msg(int fd, const char *data, size_t len)
{
    if (len > MSG_MAX)
        len = MSG_MAX;
    while (send(fd, data, len, MSG_NOSIGNAL) < 0 && errno == EINTR)
        ;
}

static void send_fail(int fd, const struct hr_error *e)
{
    char msg[sizeof e->msg + 16];
    int n = snprintf(msg, sizeof msg, "F%d %s", (int)e->status,
                     e->msg[0] ? e->msg : "failed");
    send_msg(fd, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
}

/* A stem for a source without a headline: its last path component. */
static void fallback_slug(const char *source, char *out, size_t size)
{
    char tmp[256];
    const char *base = strrchr(source, '/');
    base = base && base[1] ? base + 1 : source;
    snprintf(tmp, sizeof tmp, "%s", base);
    char *dot = strrchr(tmp, '.');
    if (dot && dot != tmp)
        *dot = '\0';
    export_slug(tmp, out, size);
}

static HR_NORETURN void worker(struct pool *p, struct job *j, pid_t parent)
{
    int fd = j->fd;
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(1);
    struct hr_error err = {0};
    struct article *a;
    if (p->io->load(p->io->ctx, j->source, &a, &err) < 0) {
        send_fail(fd, &err);
        _exit(0);
    }
    char slug[EXPORT_SLUG_MAX + 1];
    if (a->title)
        export_slug(a->title, slug, sizeof slug);
    else
        fallback_slug(j->source, slug, sizeof slug);
    char *ident = article_id(a, SINK_TAG_COMMENT_MAX + 1);
    char msg[MSG_MAX];
    int n = snprintf(msg, sizeof msg, "T%s%c%s", slug, '\0', ident);
    free(ident);
    send_msg(fd, msg, n < 0 ? 0 : (size_t)n < sizeof msg ? (size_t)n
                                                          : sizeof msg - 1);
    ssize_t got;
    while ((got = recv(fd, msg, sizeof msg - 1, 0)) < 0 && errno == EINTR)
        ;
    if (got <= 0 || msg[0] == 'K')
        _exit(0);
    msg[got] = '\0';

    struct export_file f;
    bool fatal;
    if (export_file_open(&f, msg + 1, p->o, a, false, &err) < 0) {
        send_fail(fd, &err);
        _exit(0);
    }
    if (export_file_add(&f, a, p->o, &fatal, &err) < 0) {
        export_file_abort(&f);
        send_fail(fd, &err);
        _exit(0);
    }
    uint64_t samples = f.clock;
    if (export_file_commit(&f, &err) < 0) {
        send_fail(fd, &err);
        _exit(0);
    }
    n = snprintf(msg, sizeof msg, "D%llu", (unsigned long long)samples);
    send_msg(fd, msg, (size_t)n);
    _exit(0);
}

/* ---- the parent ------------------------------------------------------ */

static void job_free(struct job *j)
{
    claim_release(j);
    free(j->source);
    free(j->slug);
    free(j->ident);
    free(j->path);
    free(j);
}

static void report(struct pool *p, struct job *j)
{
    if (j->reported)
        return;
    j->reported = true;
    if (j->failed)
        p->failed++;
    if (!p->io->report)
        return;
    struct export_report r = {
        .source = j->source,
        .path = j->path,
        .outcome = j->failed ? EXPORT_FAILED : j->kept ? EXPORT_KEPT
                                                       : EXPORT_WROTE,
        .samples = j->samples,
        .rate = synth_sample_rate(),
        .elsewhere = j->elsewhere,
        .err = j->failed ? &j->err : NULL,
    };
    p->io->report(p->io->ctx, &r);
}

static int spawn(struct pool *p, const char *source, struct hr_error *err)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
        return hr_fail_errno(err, "cannot start a worker");
    struct job *j = xcalloc(1, sizeof *j);
    j->idx = p->next_idx++;
    j->source = xstrdup(source);
    j->fd = sv[1];
    j->claim_fd = -1;
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        job_free(j);
        return hr_fail_errno(err, "cannot start a worker");
    }
    if (pid == 0) {
        close(sv[0]);
        for (size_t i = 0; i < p->nq; i++) {
            if (p->q[i]->fd >= 0)
                close(p->q[i]->fd);
            if (p->q[i]->claim_fd >= 0)
                close(p->q[i]->claim_fd);   // the coordinator's, not ours
        }
        worker(p, j, parent);
    }
    close(sv[1]);
    j->fd = sv[0];
    j->pid = pid;
    if (p->nq == p->qalloc) {
        p->qalloc = p->qalloc ? p->qalloc * 2 : 16;
        p->q = xreallocarray(p->q, p->qalloc, sizeof *p->q);
    }
    p->q[p->nq++] = j;
    p->running++;
    return 0;
}

/* Whether a file is under path, and from which source (its comment tag). */
enum owner { OWNER_NONE, OWNER_US, OWNER_OTHER };

static enum owner owner_of(const char *path, const struct job *j,
                           struct sink_file_info *info)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return OWNER_NONE;
    char ident[SINK_TAG_COMMENT_MAX + 1];
    sink_file_tag_cut(j->ident, SINK_TAG_COMMENT_MAX, ident);
    // Files of earlier versions hold the source as given.
    if (!S_ISREG(st.st_mode) || sink_file_probe(path, info, NULL) < 0 ||
        (strcmp(info->comment, ident) != 0 &&
         strcmp(info->comment, j->source) != 0))
        return OWNER_OTHER;
    return OWNER_US;
}

/* Decide the name of j (the earliest source still without one). */
static void name_job(struct pool *p, struct job *j)
{
    char base[EXPORT_SLUG_MAX + 16], path[PATH_MAX];
    j->named = true;
    for (int k = 1; k <= EXPORT_MAX_COLLISIONS; k++) {
        if (k == 1)
            snprintf(base, sizeof base, "%s", j->slug);
        else
            snprintf(base, sizeof base, "%s-%d", j->slug, k);
        if (names_has(&p->names, base))
            continue;
        int n = snprintf(path, sizeof path, "%s/%s.%s", p->dir, base, p->ext);
        if (n < 0 || (size_t)n >= sizeof path) {
            hr_fail(&j->err, HR_EIO, "'%s': output path is too long",
                    j->source);
            j->failed = true;
            break;
        }
        // Whose file is under the name?  Another source's: the name is
        // taken.  This source's: wait for the claim (another process
        // holds it only to look at the file, as here, or to write this
        // same source).  None: claim it; held by another process, it is
        // being written with another source.
        struct sink_file_info info;
        enum owner was = owner_of(path, j, &info);
        if (was == OWNER_OTHER)
            continue;
        char claim[PATH_MAX];
        int cfd;
        enum claim got = claim_take(path, j->ident, claim, sizeof claim, &cfd);
        for (int tries = 0; got == CLAIM_TAKEN && was == OWNER_US &&
                            tries < CLAIM_WAIT_TRIES; tries++) {
            nanosleep(&(struct timespec){0, 10000000}, NULL);
            got = claim_take(path, j->ident, claim, sizeof claim, &cfd);
        }
        if (got == CLAIM_TAKEN && was != OWNER_US)
            continue;   // another process is writing another source here
        if (got == CLAIM_SAME || got == CLAIM_TAKEN) {
            j->kept = j->elsewhere = true;
            names_add(&p->names, base);
            j->path = xstrdup(path);
            break;
        }
        if (got == CLAIM_OURS) {
            j->claim = xstrdup(claim);
            j->claim_fd = cfd;
            // What was there may have changed before the claim was ours.
            was = owner_of(path, j, &info);
        }
        if (was == OWNER_OTHER) {
            claim_release(j);
            continue;   // another article's file (or not ours at all)
        }
        if (was == OWNER_US && !p->o->force &&
            export_sidecars_exist(path, p->o)) {
            j->kept = true;
            j->samples = info.rate == synth_sample_rate()
                             ? info.frames
                             : info.frames * (uint64_t)synth_sample_rate()
                                   / (uint64_t)(info.rate ? info.rate : 1);
        }
        names_add(&p->names, base);
        j->path = xstrdup(path);
        break;
    }
    if (!j->path && !j->failed) {
        hr_fail(&j->err, HR_ELIMIT, "'%s': more than %d files named '%s'",
                j->source, EXPORT_MAX_COLLISIONS, j->slug);
        j->failed = true;
    }
    if (j->fd >= 0) {
        char msg[PATH_MAX + 2];
        if (j->failed || j->kept) {
            send_msg(j->fd, "K", 1);
        } else {
            int n = snprintf(msg, sizeof msg, "N%s", j->path);
            send_msg(j->fd, msg, (size_t)n);
        }
    }
    if (j->kept || j->failed)
        claim_release(j);
    if (j->kept)
        report(p, j);
}

/* Give names in source order, as far as the loads allow. */
static void name_in_order(struct pool *p)
{
    for (size_t i = 0; i < p->nq; i++) {
        struct job *j = p->q[i];
        if (j->named || (j->failed && !j->titled))
            continue;
        if (!j->titled)
            break;      // an earlier source may still want this name
        name_job(p, j);
    }
}

static void on_message(struct job *j, char *msg, size_t len)
{
    msg[len] = '\0';
    switch (msg[0]) {
    case 'T': {
        size_t sl = strlen(msg + 1);
        if (j->titled || 1 + sl >= len)
            break;
        j->slug = xstrdup(msg + 1);
        j->ident = xstrdup(msg + 2 + sl);
        j->titled = true;
        break;
    }
    case 'D':
        j->samples = strtoull(msg + 1, NULL, 10);
        j->finished = true;
        break;
    case 'F': {
        char *sp = strchr(msg, ' ');
        int status = atoi(msg + 1);
        hr_fail(&j->err, status > 0 && status <= HR_ECANCEL
                             ? (enum hr_status)status : HR_EIO,
                "%s", sp ? sp + 1 : "failed");
        hr_error_name_source(&j->err, j->source);
        j->failed = true;
        j->finished = true;
        break;
    }
    default:
        break;
    }
}

/* The worker closed its end: reap it and settle what it did. */
static void on_exit_of(struct pool *p, struct job *j)
{
    close(j->fd);
    j->fd = -1;
    int status = 0;
    while (waitpid(j->pid, &status, 0) < 0 && errno == EINTR)
        ;
    j->pid = 0;
    p->running--;
    claim_release(j);   // committed, failed or dead: the name is settled
    if (!j->finished && !j->kept && !j->failed) {
        if (WIFSIGNALED(status))
            hr_fail(&j->err, HR_EIO, "'%s': the worker was killed by "
                    "signal %d", j->source, WTERMSIG(status));
        else
            hr_fail(&j->err, HR_EIO, "'%s': the worker exited with status "
                    "%d", j->source, WEXITSTATUS(status));
        j->failed = true;
    }
    j->finished = true;
    if (j->named || j->failed)
        report(p, j);
}

/* Drop finished jobs from the front of the queue. */
static void retire(struct pool *p)
{
    size_t k = 0;
    while (k < p->nq && p->q[k]->pid == 0 && p->q[k]->reported &&
           (p->q[k]->named || p->q[k]->failed))
        k++;
    for (size_t i = 0; i < k; i++)
        job_free(p->q[i]);
    memmove(p->q, p->q + k, (p->nq - k) * sizeof *p->q);
    p->nq -= k;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int export_to_dir(const char *dir, int jobs, const struct export_opts *o,
                  const struct export_io *io, struct hr_error *err)
{
    struct stat st;
    if (stat(dir, &st) < 0)
        return hr_fail_errno(err, "cannot use folder '%s'", dir);
    if (!S_ISDIR(st.st_mode))
        return hr_fail(err, HR_EIO, "'%s' is not a folder", dir);
    const char *format = o->format ? sink_file_format(o->format) : "wav";
    if (!format)
        return hr_fail(err, HR_EUSAGE, "unknown audio format '%s' "
                       "(wav, flac, ogg, opus, mp3)", o->format);
    if (jobs < 1)
        jobs = 1;
    if (jobs > EXPORT_MAX_JOBS)
        jobs = EXPORT_MAX_JOBS;
    export_sweep(dir);
    tempfile_install_handlers();
    if (synth_init(NULL, err) < 0)
        return -1;

    struct pool p = {.dir = dir, .ext = format, .o = o, .io = io,
                     .jobs = jobs};
    struct pollfd *pfd = xcalloc((size_t)jobs, sizeof *pfd);
    struct job **pj = xcalloc((size_t)jobs, sizeof *pj);
    char *msg = xmalloc(MSG_MAX + 1);
    int64_t last_tick = now_ms();
    int rc = 0;

    for (;;) {
        while (!p.sources_done && p.running < (size_t)jobs) {
            const char *src = io->next(io->ctx);
            if (!src) {
                p.sources_done = true;
                break;
            }
            if (spawn(&p, src, err) < 0) {
                rc = -1;
                break;
            }
        }
        if (rc < 0 || (p.sources_done && p.running == 0))
            break;

        nfds_t n = 0;
        for (size_t i = 0; i < p.nq && n < (nfds_t)jobs; i++) {
            if (p.q[i]->fd >= 0) {
                pfd[n] = (struct pollfd){.fd = p.q[i]->fd, .events = POLLIN};
                pj[n++] = p.q[i];
            }
        }
        int64_t wait = 1000 - (now_ms() - last_tick);
        int ready = poll(pfd, n, wait < 0 ? 0 : (int)wait);
        if (ready < 0 && errno != EINTR) {
            rc = hr_fail_errno(err, "cannot wait for the workers");
            break;
        }
        for (nfds_t i = 0; ready > 0 && i < n; i++) {
            if (!pfd[i].revents)
                continue;
            ssize_t got = recv(pj[i]->fd, msg, MSG_MAX, MSG_DONTWAIT);
            if (got > 0)
                on_message(pj[i], msg, (size_t)got);
            else if (got == 0 || (errno != EAGAIN && errno != EINTR))
                on_exit_of(&p, pj[i]);
        }
        name_in_order(&p);
        retire(&p);
        if (now_ms() - last_tick >= 1000) {
            last_tick = now_ms();
            if (io->tick)
                io->tick(io->ctx);
        }
    }
    // On a setup failure mid-run, wait for the workers already started.
    while (p.running > 0) {
        for (size_t i = 0; i < p.nq; i++) {
            struct job *j = p.q[i];
            if (j->fd >= 0) {
                if (!j->named && j->titled)
                    name_job(&p, j);
                ssize_t got;
                while ((got = recv(j->fd, msg, MSG_MAX, 0)) > 0)
                    on_message(j, msg, (size_t)got);
                on_exit_of(&p, j);
            }
        }
    }
    for (size_t i = 0; i < p.nq; i++)
        job_free(p.q[i]);
    free(p.q);
    free(pfd);
    free(pj);
    free(msg);
    names_release(&p.names);
    return rc < 0 ? -1 : p.failed;
}
