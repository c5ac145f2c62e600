/*
 * fetch.c — libcurl behind fetch.h.
 *
 * DESIGN: one easy handle per transfer, configured in one place
 * (setup_easy) so that single and parallel fetches obey the same rules:
 * http/https only (CURLOPT_PROTOCOLS_STR and REDIR_PROTOCOLS_STR), at most
 * five redirects, timeouts, a low-speed limit, the size cap checked in the
 * write callback (returning short aborts the transfer, so an endless body
 * stops at the cap) and up front through CURLOPT_MAXFILESIZE_LARGE when
 * the server announces a length.  Headers are collected per response and
 * reset at each status line, so after redirects only the final
 * response's Content-Type, ETag and Last-Modified remain.  The parallel
 * variant drives a multi handle with CURLMOPT_MAX_HOST_CONNECTIONS and
 * CURLMOPT_MAX_TOTAL_CONNECTIONS; curl queues what is over the limits.
 * curl_global_init runs once, on first use, from the calling thread.
 *
 * libcurl is loaded with dlopen() on that first use, not linked: with the
 * thirty-odd libraries it brings (TLS, HTTP/2, IDN, LDAP, Kerberos, ...)
 * it costs about 6 ms of CPU and 10 ms of wall time at every start of
 * herald, which every command that reads a local file (`text`, `export`,
 * `read`) would pay for nothing.  The table below names every libcurl
 * function this file calls; the headers still give their types.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "base/alloc.h"
#include "net/fetch.h"

struct xfer {
    CURL *h;
    struct fetch_job *job;      /* where results go */
    struct curl_slist *headers;
    char errbuf[CURL_ERROR_SIZE];
    bool over_cap;
    struct timespec start;
};

static bool curl_ready;
static bool (*_Atomic interrupt_fn)(void);

void net_set_interrupt(bool (*interrupted)(void))
{
    atomic_store(&interrupt_fn, interrupted);
}

/* libcurl's progress callback: non-zero aborts the transfer. */
static int on_progress(void *user, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow)
{
    (void)user, (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    bool (*f)(void) = atomic_load(&interrupt_fn);
    return f && f() ? 1 : 0;
}

/* The libcurl functions used here, from dlopen(LIBCURL_SONAME). */
#define LIBCURL_SONAME "libcurl.so.4"
static struct libcurl {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
    CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
    void (*easy_cleanup)(CURL *h);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
    void (*slist_free_all)(struct curl_slist *l);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_setopt)(CURLM *m, CURLMoption opt, ...);
    CURLMcode (*multi_add_handle)(CURLM *m, CURL *h);
    CURLMcode (*multi_remove_handle)(CURLM *m, CURL *h);
    CURLMcode (*multi_perform)(CURLM *m, int *running);
    CURLMsg *(*multi_info_read)(CURLM *m, int *left);
    CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd extra[],
                            unsigned int n, int timeout_ms, int *ret);
    CURLMcode (*multi_cleanup)(CURLM *m);
    const char *(*multi_strerror)(CURLMcode code);
} cu;

static int load_libcurl(struct hr_error *err)
{
    static const struct { const char *name; size_t off; } syms[] = {
#define SYM(f) {"curl_" #f, offsetof(struct libcurl, f)}
        SYM(global_init), SYM(easy_init), SYM(easy_setopt),
        SYM(easy_getinfo), SYM(easy_cleanup), SYM(easy_strerror),
        SYM(slist_append), SYM(slist_free_all), SYM(multi_init),
        SYM(multi_setopt), SYM(multi_add_handle), SYM(multi_remove_handle),
        SYM(multi_perform), SYM(multi_info_read), SYM(multi_poll),
        SYM(multi_cleanup), SYM(multi_strerror),
#undef SYM
    };
    void *lib = dlopen(LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return hr_fail(err, HR_ENET, "cannot load libcurl: %s", dlerror());
    for (size_t i = 0; i < sizeof syms / sizeof *syms; i++) {
        void *f = dlsym(lib, syms[i].name);
        if (!f) {
            hr_fail(err, HR_ENET, "cannot load libcurl: no %s in %s",
                    syms[i].name, LIBCURL_SONAME);
            dlclose(lib);
            return -1;
        }
        // POSIX: a function pointer has the representation of a void *.
        memcpy((char *)&cu + syms[i].off, &f, sizeof f);
    }
    return 0;   // the library stays loaded until exit
}

/* http:// or https:// (net/ may not include feed/, so the rule is here
 * too; redirects are held to it by libcurl). */
static bool scheme_ok(const char *url)
{
    return strncasecmp(url, "http://", 7) == 0 ||
           strncasecmp(url, "https://", 8) == 0;
}

static int global_init(struct hr_error *err)
{
    if (curl_ready)
        return 0;
    if (load_libcurl(err) < 0)
        return -1;
    if (cu.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return hr_fail(err, HR_ENET, "cannot initialise libcurl");
    curl_ready = true;
    return 0;
}

static size_t on_body(char *data, size_t size, size_t n, void *user)
{
    struct xfer *x = user;
    size_t len = size * n;
    if (buf_append(&x->job->result.body, data, len, NULL) < 0) {
        x->over_cap = true;
        return 0;   // abort: CURLE_WRITE_ERROR
    }
    return len;
}

static char *header_value(const char *v, size_t n)
{
    while (n && isspace((unsigned char)*v))
        v++, n--;
    while (n && isspace((unsigned char)v[n - 1]))
        n--;
    // Headers are untrusted: keep them printable and short.
    if (n > 1024)
        n = 1024;
    char *s = xstrndup(v, n);
    for (char *p = s; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
    }
    return s;
}

static size_t on_header(char *data, size_t size, size_t n, void *user)
{
    struct xfer *x = user;
    struct fetch_result *r = &x->job->result;
    size_t len = size * n;
    if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        // A new response (after a redirect or a 100): forget the old one.
        HR_FREE(&r->content_type);
        HR_FREE(&r->content_lang);
        HR_FREE(&r->etag);
        HR_FREE(&r->last_modified);
        return len;
    }
    const char *colon = memchr(data, ':', len);
    if (!colon)
        return len;
    size_t nlen = (size_t)(colon - data);
    const char *v = colon + 1;
    size_t vlen = len - nlen - 1;
    static const struct { const char *name; size_t off; } wanted[] = {
        {"content-type", offsetof(struct fetch_result, content_type)},
        {"content-language", offsetof(struct fetch_result, content_lang)},
        {"etag", offsetof(struct fetch_result, etag)},
        {"last-modified", offsetof(struct fetch_result, last_modified)},
    };
    for (size_t i = 0; i < sizeof wanted / sizeof *wanted; i++) {
        if (strlen(wanted[i].name) == nlen &&
            strncasecmp(data, wanted[i].name, nlen) == 0) {
            char **field = (char **)((char *)r + wanted[i].off);
            free(*field);
            *field = header_value(v, vlen);
        }
    }
    return len;
}

static int setup_easy(struct xfer *x, struct hr_error *err)
{
    struct fetch_job *job = x->job;
    const struct fetch_opts *o = &job->opts;
    size_t cap = o->max_bytes ? o->max_bytes : FETCH_DEFAULT_MAX_BYTES;

    memset(&job->result, 0, sizeof job->result);
    buf_init(&job->result.body, cap);
    if (!scheme_ok(job->url))
        return hr_fail(err, HR_EUSAGE, "refusing to fetch '%s': only http "
                       "and https URLs are fetched", job->url);
    x->h = cu.easy_init();
    if (!x->h)
        return hr_fail(err, HR_ENET, "cannot start a transfer for '%s'",
                       job->url);
    CURL *h = x->h;
    cu.easy_setopt(h, CURLOPT_URL, job->url);
#if LIBCURL_VERSION_NUM >= 0x075500
    cu.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    cu.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    cu.easy_setopt(h, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
    cu.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS,
                     CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
    cu.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    cu.easy_setopt(h, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
    cu.easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                     o->connect_timeout_s > 0 ? o->connect_timeout_s
                                              : (long)FETCH_DEFAULT_CONNECT_S);
    long total = o->timeout_s > 0 ? o->timeout_s : (long)FETCH_DEFAULT_TIMEOUT_S;
    if (o->timeout_ms > 0)
        cu.easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    else
        cu.easy_setopt(h, CURLOPT_TIMEOUT, total);
    cu.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, (long)FETCH_LOW_SPEED_BPS);
    cu.easy_setopt(h, CURLOPT_LOW_SPEED_TIME,
                     total < FETCH_LOW_SPEED_S ? total : (long)FETCH_LOW_SPEED_S);
    cu.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)cap);
    cu.easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");   // all curl decodes
    cu.easy_setopt(h, CURLOPT_USERAGENT, FETCH_USER_AGENT);
    cu.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    cu.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    cu.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    cu.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    cu.easy_setopt(h, CURLOPT_WRITEDATA, x);
    cu.easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    cu.easy_setopt(h, CURLOPT_HEADERDATA, x);
    cu.easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
    cu.easy_setopt(h, CURLOPT_PRIVATE, x);
    if (o->accept) {
        char *a = xasprintf("Accept: %s", o->accept);
        x->headers = cu.slist_append(x->headers, a);
        free(a);
    }
    if (o->etag) {
        char *a = xasprintf("If-None-Match: %s", o->etag);
        x->headers = cu.slist_append(x->headers, a);
        free(a);
    }
    if (o->last_modified) {
        char *a = xasprintf("If-Modified-Since: %s", o->last_modified);
        x->headers = cu.slist_append(x->headers, a);
        free(a);
    }
    if (x->headers)
        cu.easy_setopt(h, CURLOPT_HTTPHEADER, x->headers);
    clock_gettime(CLOCK_MONOTONIC, &x->start);
    return 0;
}

/* Turn a finished transfer into the job's rc/err. */
static void finish(struct xfer *x, CURLcode code)
{
    struct fetch_job *job = x->job;
    struct fetch_result *r = &job->result;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    job->seconds = (double)(now.tv_sec - x->start.tv_sec) +
                   (double)(now.tv_nsec - x->start.tv_nsec) / 1e9;

    char *eff = NULL;
    cu.easy_getinfo(x->h, CURLINFO_EFFECTIVE_URL, &eff);
    r->final_url = xstrdup(eff ? eff : job->url);
    cu.easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &r->status);

    job->rc = -1;
    const char *url = job->url;
    const char *detail = x->errbuf[0] ? x->errbuf : cu.easy_strerror(code);
    switch (code) {
    case CURLE_OK:
        if (r->status == 304) {
            r->not_modified = true;
            buf_reset(&r->body);
            job->rc = 0;
        } else if (r->status >= 200 && r->status < 300) {
            job->rc = 0;
        } else {
            hr_fail(&job->err, HR_ENET, "cannot fetch '%s': HTTP status %ld",
                    url, r->status);
        }
        break;
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (x->over_cap || code == CURLE_FILESIZE_EXCEEDED)
            hr_fail(&job->err, HR_ELIMIT, "cannot fetch '%s': larger than "
                    "the limit of %zu MB", url,
                    r->body.cap >> 20 ? r->body.cap >> 20 : 1);
        else
            hr_fail(&job->err, HR_ENET, "cannot fetch '%s': %s", url, detail);
        break;
    case CURLE_UNSUPPORTED_PROTOCOL:
        hr_fail(&job->err, HR_ENET, "cannot fetch '%s': redirected to a "
                "URL that is not http or https", url);
        break;
    case CURLE_TOO_MANY_REDIRECTS:
        hr_fail(&job->err, HR_ENET, "cannot fetch '%s': more than %d "
                "redirects", url, FETCH_MAX_REDIRECTS);
        break;
    case CURLE_ABORTED_BY_CALLBACK:
        hr_fail(&job->err, HR_ENET, "cannot fetch '%s': interrupted", url);
        break;
    case CURLE_OPERATION_TIMEDOUT:
        hr_fail(&job->err, HR_ENET, "cannot fetch '%s': timed out (%s)",
                url, detail);
        break;
    default:
        hr_fail(&job->err, HR_ENET, "cannot fetch '%s': %s", url, detail);
        break;
    }
}

static void xfer_end(struct xfer *x)
{
    if (x->h)
        cu.easy_cleanup(x->h);
    cu.slist_free_all(x->headers);
    x->h = NULL;
    x->headers = NULL;
}

void fetch_result_release(struct fetch_result *r)
{
    buf_release(&r->body);
    HR_FREE(&r->final_url);
    HR_FREE(&r->content_type);
    HR_FREE(&r->content_lang);
    HR_FREE(&r->etag);
    HR_FREE(&r->last_modified);
}

int net_fetch(const char *url, const struct fetch_opts *o,
              struct fetch_result *r, struct hr_error *err)
{
    struct fetch_job job = {.url = url};
    if (o)
        job.opts = *o;
    int rc = net_fetch_many(&job, 1, 1, 1, NULL, NULL, err);
    *r = job.result;
    if (rc < 0)
        return -1;
    if (job.rc < 0) {
        if (err)
            *err = job.err;
        return -1;
    }
    return 0;
}

int net_fetch_many(struct fetch_job *jobs, size_t n, int max_total,
                   int max_per_host,
                   void (*done)(struct fetch_job *job, void *ctx), void *ctx,
                   struct hr_error *err)
{
    if (global_init(err) < 0)
        return -1;
    CURLM *m = cu.multi_init();
    if (!m)
        return hr_fail(err, HR_ENET, "cannot start transfers");
    cu.multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS,
                      (long)(max_per_host > 0 ? max_per_host : 2));
    cu.multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      (long)(max_total > 0 ? max_total : 8));

    struct xfer *xs = xcalloc(n ? n : 1, sizeof *xs);
    size_t running_jobs = 0;
    for (size_t i = 0; i < n; i++) {
        xs[i].job = &jobs[i];
        jobs[i].rc = -1;
        hr_error_clear(&jobs[i].err);
        if (setup_easy(&xs[i], &jobs[i].err) < 0) {
            jobs[i].result.final_url = xstrdup(jobs[i].url);
            xfer_end(&xs[i]);
            if (done)
                done(&jobs[i], ctx);
            continue;
        }
        cu.multi_add_handle(m, xs[i].h);
        running_jobs++;
    }

    int still = 0;
    while (running_jobs) {
        CURLMcode mc = cu.multi_perform(m, &still);
        int left;
        CURLMsg *msg;
        while ((msg = cu.multi_info_read(m, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            struct xfer *x = NULL;
            cu.easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
            CURLcode code = msg->data.result;
            cu.multi_remove_handle(m, msg->easy_handle);
            finish(x, code);
            xfer_end(x);
            running_jobs--;
            if (done)
                done(x->job, ctx);
        }
        if (mc == CURLM_OK && running_jobs)
            mc = cu.multi_poll(m, NULL, 0, 1000, NULL);
        if (mc != CURLM_OK) {
            // Give up on what is left; each job says so.
            for (size_t i = 0; i < n; i++) {
                if (!xs[i].h)
                    continue;
                cu.multi_remove_handle(m, xs[i].h);
                hr_fail(&jobs[i].err, HR_ENET, "cannot fetch '%s': %s",
                        jobs[i].url, cu.multi_strerror(mc));
                jobs[i].result.final_url = xstrdup(jobs[i].url);
                xfer_end(&xs[i]);
                if (done)
                    done(&jobs[i], ctx);
            }
            break;
        }
    }
    cu.multi_cleanup(m);
    free(xs);
    return 0;
}
