/*
 * fetch.h — HTTP(S) GET with libcurl: one URL, or many in parallel.
 *
 * Only http and https, also after redirects (at most FETCH_MAX_REDIRECTS);
 * connect and total timeouts; a low-speed limit, so a server that drips
 * a byte now and then is dropped; a size cap enforced while receiving, so
 * an endless body costs no more than the cap; gzip and deflate; a
 * User-Agent naming herald and its version; conditional GET with ETag and
 * Last-Modified; the standard proxy variables (http_proxy, https_proxy,
 * no_proxy) as libcurl reads them.
 *
 * Threads: call from one thread; the parallel variant runs all transfers
 * on the calling thread with curl's multi interface.
 */
#ifndef HERALD_NET_FETCH_H
#define HERALD_NET_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

#define FETCH_MAX_REDIRECTS 5
#define FETCH_DEFAULT_MAX_BYTES ((size_t)64 << 20)
#define FETCH_DEFAULT_CONNECT_S 10
#define FETCH_DEFAULT_TIMEOUT_S 60
/* Below this many bytes a second for FETCH_LOW_SPEED_S seconds: dropped. */
#define FETCH_LOW_SPEED_BPS 64
#define FETCH_LOW_SPEED_S 15
#define FETCH_USER_AGENT "herald/" HERALD_VERSION " (news reader for the ear)"

struct fetch_opts {
    size_t max_bytes;           /* body cap; 0: FETCH_DEFAULT_MAX_BYTES */
    long connect_timeout_s;     /* 0: FETCH_DEFAULT_CONNECT_S */
    long timeout_s;             /* whole transfer; 0: FETCH_DEFAULT_TIMEOUT_S */
    long timeout_ms;            /* whole transfer in ms when > 0 (then
                                   timeout_s is not used): a deadline */
    const char *etag;           /* sent as If-None-Match, or NULL */
    const char *last_modified;  /* sent as If-Modified-Since, or NULL */
    const char *accept;         /* Accept header, or NULL for any */
};

struct fetch_result {
    long status;                /* the final HTTP status */
    bool not_modified;          /* 304: body is empty, keep the cached copy */
    struct buf body;            /* decoded (gunzipped) body */
    char *final_url;            /* after redirects */
    char *content_type;         /* or NULL */
    char *content_lang;         /* Content-Language, or NULL */
    char *etag;                 /* or NULL */
    char *last_modified;        /* or NULL */
};

/*
 * GET url.  Returns 0 and fills *r (release with fetch_result_release(),
 * also after a failure) for a 2xx or a 304, or -1 with *err set:
 * HR_EUSAGE for a URL that is not http(s), HR_ENET for DNS, connection,
 * TLS, timeout, a redirect to another scheme or an HTTP error status,
 * HR_ELIMIT when the body passes the cap.  The message names the URL.
 */
int net_fetch(const char *url, const struct fetch_opts *o,
              struct fetch_result *r, struct hr_error *err);
void fetch_result_release(struct fetch_result *r);

/*
 * interrupted, when not NULL, is asked at least once a second during every
 * transfer (from the thread that runs it; it must be cheap and thread
 * safe); when it answers true the transfer stops and fails with
 * "interrupted".  The interactive commands use it so that Ctrl-C or q
 * does not wait for a slow server's timeout.
 */
void net_set_interrupt(bool (*interrupted)(void));

/* One transfer of net_fetch_many(). */
struct fetch_job {
    const char *url;            /* in */
    struct fetch_opts opts;     /* in */
    int rc;                     /* out: 0 or -1, as net_fetch() */
    struct fetch_result result; /* out (release it) */
    struct hr_error err;        /* out when rc is -1 */
    double seconds;             /* out: how long it took */
};

/*
 * Run the n jobs in parallel: at most max_total transfers at once, at
 * most max_per_host to one host (politeness).  done, when not NULL, is
 * called on this thread as each job ends (in completion order).  Returns
 * 0 when all jobs ran (each has its own rc), -1 with *err set when the
 * transfers could not be run at all.
 */
int net_fetch_many(struct fetch_job *jobs, size_t n, int max_total,
                   int max_per_host,
                   void (*done)(struct fetch_job *job, void *ctx), void *ctx,
                   struct hr_error *err);

#endif /* HERALD_NET_FETCH_H */
