/*
 * bulletin.c — `herald bulletin`: a short spoken news bulletin, once or
 * on a schedule, for kiosks that run unattended for months.
 *
 * DESIGN: one poll() loop on the main thread, like `herald read`, over the
 * player's wakeup fd, a self-pipe for signals and the control socket, with
 * a timeout of at most a second so the wall clock is read again often.
 *
 *          slot - lead          slot                      bulletin over
 *   idle ──refresh feeds──► idle ──build, start player──► playing ──► idle
 *                                 │ device missing               │ device lost
 *                                 ▼                               ▼
 *                             retrying (every RETRY_MS until the next slot)
 *
 * Slots come from bulletin_next_slot(), always from the wall clock, never
 * by adding periods, so nothing drifts.  A slot reached more than a grace
 * late (a clock jump, a stopped process, a bulletin that ran into it) is
 * skipped with a log line, never played in a burst; a clock that went back
 * is followed.  Feeds are fetched before a slot with a deadline that ends
 * before it; a feed that fails keeps its cached items.  The sound device
 * is opened anew for every bulletin (a player each), so a sound server
 * that restarted is simply found again.  Every bulletin, skipped slot and
 * change of a feed's reachability is one line on stderr (journald).
 * SIGHUP reads config.ini and the --feed names again; SIGTERM and SIGINT
 * cut speech at once and exit 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <ini.h>
#include <jansson.h>
#include <systemd/sd-daemon.h>

#include "base/alloc.h"
#include "base/lines.h"
#include "base/tempfile.h"
#include "base/xdg.h"
#include "bulletin/bulletin.h"
#include "cli/cli.h"
#include "style/style.h"
#include "control/control.h"
#include "export/export.h"
#include "feed/feed.h"
#include "net/fetch.h"
#include "player/player.h"
#include "store/store.h"
#include "synth/synth.h"

/* Feeds are fetched at most this long before a slot (less for short
 * periods: half the period), and must be done by the slot. */
#define REFRESH_LEAD_MS 10000
/* A `--once` bulletin waits at most this long for its feeds. */
#define ONCE_REFRESH_MS 10000
/* While the sound device cannot be opened: try again this often. */
#define RETRY_MS 3000
/* A slot reached later than this (at most half the period) is skipped. */
#define LATE_GRACE_MS 5000
/* A bulletin that ends later than this after the next slot ran into it:
 * that slot is skipped rather than started late. */
#define OVERRUN_MS 1000
/* Transfers at once while refreshing, and to one host. */
#define REFRESH_MAX_TOTAL 8
#define REFRESH_MAX_PER_HOST 2

static void usage(FILE *f)
{
    fputs("usage: herald bulletin [OPTIONS]\n"
          "\n"
          "Speak a short news bulletin: a chime, the time, the newest headlines\n"
          "of your subscriptions ('herald feeds add URL'), newest first, each\n"
          "with its source's name, and an outro.  A story that several feeds\n"
          "carry is said once.  Each headline is read in its feed's language.\n"
          "Once (the default), or on a schedule with --every or --at, for a\n"
          "kiosk or a radio's automation: feeds that fail are read from the\n"
          "cache, a lost sound device is retried, a late slot is skipped and\n"
          "logged; one line on stderr per bulletin.\n"
          "\n"
          "  -n, --headlines N     headlines per bulletin (1-50, default 5)\n"
          "      --summaries       read each item's summary after its headline\n"
          "      --feed NAME|URL   only this subscription (repeatable; default all)\n"
          "      --max-age DUR     leave out items older than this (default 24h)\n"
          "      --once            one bulletin now, then exit (the default)\n"
          "      --every DUR       a bulletin every DUR, on the clock from midnight\n"
          "                        (30s, 15m, 1h: --every 30m plays at :00 and :30)\n"
          "      --at HH:MM[,...]  a bulletin at these local times each day\n"
          "      --script          print the bulletin, one line a segment, instead\n"
          "                        of speaking it\n"
          "  -o, --output FILE     write each bulletin to FILE (wav, flac, ogg, opus\n"
          "                        or mp3 by its extension), replaced whole each time\n"
          "      --no-refresh      do not fetch feeds first; use the cache only\n"
          "      --control PATH    take commands on a UNIX socket at PATH, one a\n"
          "                        line, each answered with one JSON line: status,\n"
          "                        now, skip, stop, pause, resume, quit\n"
          "  -d, --device NAME|N   the audio output (see 'herald devices')\n"
          "      --voice NAME      an espeak-ng voice (see 'herald voices')\n"
          "      --profile NAME    how it sounds: a voice profile, by name or path\n"
          "                        (see 'herald voices --profiles')\n"
          "      --lang LANG       the language of the intro and outro (en, de,\n"
          "                        es, fr, it, ru; default en); each headline is\n"
          "                        read in its feed's language\n"
          "      --rate WPM        words a minute (80-450, default 175)\n"
          "      --db PATH         the database (default\n"
          "                        $XDG_DATA_HOME/herald/herald.db)\n"
          "  -h, --help            show this help\n"
          "\n"
          "DUR is a number and a unit: ms, s, m, h or d (1h30m also works).\n"
          "The same settings can be kept in the [bulletin] section of\n"
          "config.ini (headlines = 5, every = 15m, feed = NAME, ...); options\n"
          "given here win.  SIGHUP reads config.ini again; SIGTERM and SIGINT\n"
          "stop at once and exit 0.  See docs/BULLETIN.md for a kiosk set-up.\n",
          f);
}

/* ---- settings ----------------------------------------------------------- */

struct settings {
    long headlines;
    bool summaries;
    char *feeds[BULLETIN_MAX_FEEDS];
    size_t nfeeds;
    int64_t max_age_ms;
    bool once;              /* --once on the command line */
    int64_t every_ms;       /* 0: not on a period */
    int at[BULLETIN_MAX_AT];
    size_t nat;
    bool script;
    char *output;
    bool refresh;
    char *control;
    char *device;
    char *voice;
    char *profile;          /* a voice profile's name or path; NULL: default */
    char *lang;             /* the intro's and outro's language; NULL: en */
    struct style style;     /* ... as read */
    long rate;
    char *db;
};

static void settings_release(struct settings *s)
{
    for (size_t i = 0; i < s->nfeeds; i++)
        free(s->feeds[i]);
    free(s->output);
    free(s->control);
    free(s->device);
    free(s->voice);
    free(s->profile);
    free(s->lang);
    free(s->db);
    memset(s, 0, sizeof *s);
}

static void set_str(char **field, const char *v)
{
    free(*field);
    *field = v && *v ? xstrdup(v) : NULL;
}

/* One setting, from config.ini or the command line (name without "--").
 * Returns 0, or -1 with *err saying what is wrong with the value. */
static int apply(struct settings *s, const char *name, const char *v,
                 bool from_file, struct hr_error *err)
{
    if (strcmp(name, "headlines") == 0) {
        if (cli_parse_int(v, 1, BULLETIN_MAX_HEADLINES, &s->headlines) < 0)
            return hr_fail(err, HR_EUSAGE, "headlines takes a number from 1 "
                           "to %d, not '%s'", BULLETIN_MAX_HEADLINES, v);
    } else if (strcmp(name, "summaries") == 0) {
        if (!v || strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
            strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0)
            s->summaries = true;
        else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
                 strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0)
            s->summaries = false;
        else
            return hr_fail(err, HR_EUSAGE, "summaries takes yes or no, not '%s'", v);
    } else if (strcmp(name, "refresh") == 0) {
        if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
            strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0)
            s->refresh = true;
        else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
                 strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0)
            s->refresh = false;
        else
            return hr_fail(err, HR_EUSAGE, "refresh takes yes or no, not '%s'", v);
    } else if (strcmp(name, "feed") == 0) {
        if (!*v)
            return hr_fail(err, HR_EUSAGE, "feed needs a name or URL");
        if (s->nfeeds == BULLETIN_MAX_FEEDS)
            return hr_fail(err, HR_EUSAGE, "more than %d feeds",
                           BULLETIN_MAX_FEEDS);
        s->feeds[s->nfeeds++] = xstrdup(v);
    } else if (strcmp(name, "max-age") == 0) {
        if (bulletin_parse_duration(v, &s->max_age_ms) < 0)
            return hr_fail(err, HR_EUSAGE, "max-age takes a duration such as "
                           "24h or 90m, not '%s'", v);
    } else if (strcmp(name, "every") == 0) {
        if (bulletin_parse_duration(v, &s->every_ms) < 0 || s->every_ms < 100)
            return hr_fail(err, HR_EUSAGE, "every takes a duration such as "
                           "15m or 30s (100ms at least), not '%s'", v);
        s->nat = 0;
    } else if (strcmp(name, "at") == 0) {
        int n = bulletin_parse_at(v, s->at, BULLETIN_MAX_AT);
        if (n < 0)
            return hr_fail(err, HR_EUSAGE, "at takes times of day such as "
                           "07:00,12:30 (at most %d), not '%s'",
                           BULLETIN_MAX_AT, v);
        s->nat = (size_t)n;
        s->every_ms = 0;
    } else if (strcmp(name, "output") == 0) {
        set_str(&s->output, v);
    } else if (strcmp(name, "control") == 0) {
        if (!*v)
            return hr_fail(err, HR_EUSAGE, "control needs a socket path");
        set_str(&s->control, v);
    } else if (strcmp(name, "device") == 0) {
        set_str(&s->device, v);
    } else if (strcmp(name, "voice") == 0) {
        set_str(&s->voice, v);
    } else if (strcmp(name, "profile") == 0) {
        set_str(&s->profile, v);
    } else if (strcmp(name, "lang") == 0) {
        size_t n = strlen(v);
        if (n == 0 || n > 35 || strspn(v, "abcdefghijklmnopqrstuvwxyz"
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n)
            return hr_fail(err, HR_EUSAGE, "lang takes a language tag such as "
                           "en or de-AT, not '%s'", v);
        set_str(&s->lang, v);
    } else if (strcmp(name, "rate") == 0) {
        if (cli_parse_int(v, 80, 450, &s->rate) < 0)
            return hr_fail(err, HR_EUSAGE, "rate takes words a minute from 80 "
                           "to 450, not '%s'", v);
    } else if (strcmp(name, "db") == 0) {
        set_str(&s->db, v);
    } else if (from_file) {
        return hr_fail(err, HR_EPARSE, "unknown setting '%s'", name);
    }
    return 0;
}

struct ini_ctx {
    struct settings *s;
    struct hr_error *err;
    bool failed;
};

static int on_ini(void *user, const char *section, const char *name,
                  const char *value)
{
    struct ini_ctx *c = user;
    if (strcmp(section, "bulletin") != 0 || c->failed)
        return 1;       // other sections belong to other parts of herald
    if (apply(c->s, name, value ? value : "", true, c->err) < 0) {
        c->failed = true;
        return 0;
    }
    return 1;
}

/* The [bulletin] section of config.ini over *s; a missing file is fine. */
static int load_config(struct settings *s, struct hr_error *err)
{
    char *path = xdg_config_path("config.ini", NULL);
    if (!path)
        return 0;
    struct ini_ctx c = {.s = s, .err = err};
    int line = lines_parse_ini(path, on_ini, &c, err), rc = 0;
    if (line == LINES_NOT_OPENED) {
        if (errno != ENOENT)
            rc = hr_fail_errno(err, "cannot read '%s'", path);
    } else if (line < 0) {
        rc = -1;
    } else if (c.failed) {
        char where[300];
        snprintf(where, sizeof where, "%s: line %d", path, line);
        hr_error_prefix(err, where);
        err->status = HR_EPARSE;
        rc = -1;
    } else if (line != 0) {
        rc = hr_fail(err, HR_EPARSE, "%s: line %d: not INI", path, line);
    }
    free(path);
    return rc;
}

/*
 * Defaults, then config.ini's [bulletin], then the command line.  Returns
 * CLI_OK, or an exit status after printing (print: false on a reload,
 * where *err says what is wrong and nothing is printed).  *help is set
 * for --help.
 */
static int load_settings(int argc, char **argv, struct settings *s,
                         bool *help, struct hr_error *err)
{
    static const struct option opts[] = {
        {"headlines", required_argument, NULL, 'n'},
        {"summaries", no_argument, NULL, 'S'},
        {"feed", required_argument, NULL, 'f'},
        {"max-age", required_argument, NULL, 'A'},
        {"once", no_argument, NULL, '1'},
        {"every", required_argument, NULL, 'e'},
        {"at", required_argument, NULL, 't'},
        {"script", no_argument, NULL, 's'},
        {"output", required_argument, NULL, 'o'},
        {"no-refresh", no_argument, NULL, 'N'},
        {"control", required_argument, NULL, 'c'},
        {"device", required_argument, NULL, 'd'},
        {"voice", required_argument, NULL, 'v'},
        {"profile", required_argument, NULL, 'P'},
        {"lang", required_argument, NULL, 'L'},
        {"rate", required_argument, NULL, 'r'},
        {"db", required_argument, NULL, 'B'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(s, 0, sizeof *s);
    s->headlines = 5;
    s->max_age_ms = (int64_t)24 * 3600 * 1000;
    s->refresh = true;
    s->rate = 0;
    *help = false;
    if (load_config(s, err) < 0)
        return CLI_FAIL;
    // Feeds named on the command line replace those of the file.
    bool cli_feeds = false, cli_every = false, cli_at = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":n:o:d:h", opts, NULL)) != -1) {
        const char *name = NULL;
        switch (c) {
        case 'n': name = "headlines"; break;
        case 'S': s->summaries = true; break;
        case 'f':
            if (!cli_feeds) {
                for (size_t i = 0; i < s->nfeeds; i++)
                    free(s->feeds[i]);
                s->nfeeds = 0;
                cli_feeds = true;
            }
            name = "feed";
            break;
        case 'A': name = "max-age"; break;
        case '1': s->once = true; break;
        case 'e': name = "every"; cli_every = true; break;
        case 't': name = "at"; cli_at = true; break;
        case 's': s->script = true; break;
        case 'o': name = "output"; break;
        case 'N': s->refresh = false; break;
        case 'c': name = "control"; break;
        case 'd': name = "device"; break;
        case 'v': name = "voice"; break;
        case 'P': name = "profile"; break;
        case 'L': name = "lang"; break;
        case 'r': name = "rate"; break;
        case 'B': name = "db"; break;
        case 'h': *help = true; return CLI_OK;
        case ':':
            return hr_fail(err, HR_EUSAGE, "option '%s' needs a value",
                           argv[optind - 1]), CLI_USAGE;
        default:
            return hr_fail(err, HR_EUSAGE, "unknown option '%s'",
                           argv[optind - 1]), CLI_USAGE;
        }
        if (name && apply(s, name, optarg, false, err) < 0) {
            // "--every takes ..." reads better than "every takes ...".
            size_t m = strnlen(err->msg, sizeof err->msg - 3);
            if (strncmp(err->msg, name, strlen(name)) == 0) {
                memmove(err->msg + 2, err->msg, m);
                err->msg[0] = err->msg[1] = '-';
                err->msg[m + 2] = '\0';
            }
            return CLI_USAGE;
        }
    }
    if (optind < argc)
        return hr_fail(err, HR_EUSAGE, "unexpected argument '%s'",
                       argv[optind]), CLI_USAGE;
    if (cli_every && cli_at)
        return hr_fail(err, HR_EUSAGE, "give --every or --at, not both"),
               CLI_USAGE;
    if (s->once && (cli_every || cli_at))
        return hr_fail(err, HR_EUSAGE, "--once plays one bulletin now; it does "
                       "not go with --%s", cli_every ? "every" : "at"),
               CLI_USAGE;
    if (s->once) {          // one now, whatever config.ini schedules
        s->every_ms = 0;
        s->nat = 0;
    }
    if (s->script && s->output)
        return hr_fail(err, HR_EUSAGE, "give --script or -o, not both"),
               CLI_USAGE;
    if (s->output && strcmp(s->output, "-") == 0)
        return hr_fail(err, HR_EUSAGE, "-o needs a file; a bulletin is "
                       "replaced whole each time, which standard output "
                       "cannot do"), CLI_USAGE;
    if (s->output) {
        struct stat st;
        if (stat(s->output, &st) == 0 && !S_ISREG(st.st_mode))
            return hr_fail(err, HR_EUSAGE, "'%s' is not a regular file",
                           s->output), CLI_USAGE;
    }
    if (cli_find_profile(s->profile, &s->style, err) < 0)
        return CLI_FAIL;
    return CLI_OK;
}

static bool scheduled(const struct settings *s)
{
    return s->every_ms > 0 || s->nat > 0;
}

/* ---- the running bulletin ----------------------------------------------- */

enum state { IDLE, PLAYING, RETRYING };

struct feed_state {
    int64_t id;
    bool down;              /* the last fetch failed */
};

struct ctx {
    struct settings set;
    int argc;
    char **argv;
    struct store *store;
    int64_t *feed_ids;      /* resolved --feed, or NULL for all */
    size_t nfeed_ids;

    enum state state;
    int64_t target;         /* the next slot (epoch ms) */
    int64_t slot;           /* the slot being played or retried */
    bool slot_off_schedule; /* "now" from the socket */
    int64_t refreshed_for;  /* the slot the feeds were fetched for */
    int64_t retry_at;
    size_t unreachable;     /* feeds that failed at the last refresh */
    int64_t cached_at;      /* oldest last good fetch among them (s), 0 */
    bool refreshed;         /* a refresh ran for this bulletin */

    struct player *player;
    struct article **arts;  /* handed to the player by load() */
    size_t narts;
    size_t heard;           /* the article being heard */
    bool over;              /* the player heard the end */
    bool device_failed;
    struct hr_error perr;
    bool retry_said;        /* the slot's device failure was logged */
    bool say_back;          /* log when the retried slot is heard */

    struct control *ctl;
    bool quit;
    unsigned long played, skipped;
};

static int sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t got_hup;

static void on_hup(int sig)
{
    int e = errno;
    got_hup = 1;
    char c = (char)sig;
    if (write(sig_pipe[1], &c, 1) < 0) {
        // Full: got_hup is seen anyway.
    }
    errno = e;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Tell systemd (Type=notify) that the loop is alive, at most once a
 * second; without NOTIFY_SOCKET (not under systemd) this does nothing.
 * The loop never blocks longer than a refresh's deadline or a file's
 * rendering, well inside the unit's WatchdogSec.
 */
static void keep_alive(void)
{
    static int64_t last;
    int64_t now = mono_ms();
    if (now - last < 1000)
        return;
    last = now;
    sd_notify(0, "WATCHDOG=1");
}

/* "12:00:00", with ".250" when the period is under a second. */
static void slot_name(const struct ctx *c, int64_t ms, char *out, size_t n)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    if (c->set.every_ms > 0 && c->set.every_ms < 1000)
        snprintf(out, n, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min,
                 tm.tm_sec, (int)(ms % 1000));
    else
        snprintf(out, n, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int64_t next_slot(const struct ctx *c, int64_t after)
{
    return bulletin_next_slot(after, c->set.every_ms, c->set.at, c->set.nat);
}

static int64_t grace_ms(const struct ctx *c)
{
    int64_t g = LATE_GRACE_MS;
    if (c->set.every_ms > 0 && c->set.every_ms / 2 < g)
        g = c->set.every_ms / 2;
    return g;
}

static const char *feed_label(const struct store_feed *f)
{
    return f->name ? f->name : f->title ? f->title : f->url;
}

static bool wanted(const struct ctx *c, int64_t id)
{
    if (!c->feed_ids)
        return true;
    for (size_t i = 0; i < c->nfeed_ids; i++) {
        if (c->feed_ids[i] == id)
            return true;
    }
    return false;
}

/* --feed names → ids.  0, or -1 with *err set. */
static int resolve_feeds(struct ctx *c, const struct settings *s,
                         int64_t **ids, size_t *n, struct hr_error *err)
{
    *ids = NULL;
    *n = 0;
    if (s->nfeeds == 0)
        return 0;
    int64_t *v = xcalloc(s->nfeeds, sizeof *v);
    for (size_t i = 0; i < s->nfeeds; i++) {
        struct store_feed sf;
        if (store_feed_find(c->store, s->feeds[i], &sf, err) < 0) {
            free(v);
            return -1;
        }
        v[i] = sf.id;
        store_feed_release(&sf);
    }
    *ids = v;
    *n = s->nfeeds;
    return 0;
}

/* ---- fetching ------------------------------------------------------------ */

struct refresh_ctx {
    struct ctx *c;
    struct store_feed *feeds;   /* parallel to the jobs */
    struct fetch_job *jobs;
};

/* The whole refresh ends by this (monotonic ms): transfers that wait for
 * a free connection to a host would otherwise each get a deadline of
 * their own after the others'. */
static int64_t refresh_end;

static bool refresh_over(void)
{
    return mono_ms() >= refresh_end;
}

static void on_fetched(struct fetch_job *job, void *vctx)
{
    struct refresh_ctx *r = vctx;
    struct ctx *c = r->c;
    struct store_feed *sf = &r->feeds[job - r->jobs];
    struct hr_error err = {0};
    int rc;
    if (job->rc < 0) {
        rc = -1;
        err = job->err;
        if (refresh_over() && !term_signal())
            hr_fail(&err, HR_ENET, "no answer from '%s' before the bulletin's "
                    "deadline", job->url);
    } else if (job->result.not_modified) {
        rc = store_feed_record(c->store, sf->id, NULL, true, job->result.etag,
                               job->result.last_modified, NULL, NULL, &err);
    } else {
        struct feed *f;
        rc = feed_parse(job->result.body.data, job->result.body.len,
                        job->result.final_url, job->result.content_type, &f,
                        &err);
        if (rc == 0) {
            rc = store_feed_record(c->store, sf->id, f, false, job->result.etag,
                                   job->result.last_modified, NULL, NULL, &err);
            feed_free(f);
        }
    }
    char *label = feed_html_to_text(feed_label(sf), strlen(feed_label(sf)));
    if (rc < 0) {
        c->unreachable++;
        if (sf->fetched > 0 && (c->cached_at == 0 || sf->fetched < c->cached_at))
            c->cached_at = sf->fetched;
        // Said when a feed goes down, not at every bulletin after.
        if (!sf->last_error)
            cli_log("feed '%s' cannot be fetched, its cached items are used: "
                    "%s", label, err.msg);
        struct hr_error ignored;
        store_feed_record(c->store, sf->id, NULL, false, NULL, NULL, err.msg,
                          NULL, &ignored);
    } else if (sf->last_error) {
        cli_log("feed '%s' can be fetched again", label);
    }
    free(label);
    fetch_result_release(&job->result);
}

/* Fetch the chosen feeds into the store, giving up after deadline_ms. */
static void refresh(struct ctx *c, int64_t deadline_ms)
{
    c->unreachable = 0;
    c->cached_at = 0;
    c->refreshed = true;
    struct hr_error err = {0};
    struct store_feed_list l;
    if (store_feed_list(c->store, &l, &err) < 0) {
        cli_log("cannot read the subscriptions: %s", err.msg);
        return;
    }
    struct fetch_job *jobs = xcalloc(l.n ? l.n : 1, sizeof *jobs);
    struct store_feed *feeds = xcalloc(l.n ? l.n : 1, sizeof *feeds);
    size_t n = 0;
    if (deadline_ms < 200)
        deadline_ms = 200;
    for (size_t i = 0; i < l.n; i++) {
        if (!wanted(c, l.feeds[i].id))
            continue;
        feeds[n] = l.feeds[i];
        jobs[n].url = feeds[n].url;
        jobs[n].opts = (struct fetch_opts){
            .timeout_ms = (long)deadline_ms,
            .connect_timeout_s = deadline_ms / 1000 > 0 ? (long)(deadline_ms / 1000) : 1,
            .etag = feeds[n].etag,
            .last_modified = feeds[n].last_modified,
            .accept = "application/rss+xml, application/atom+xml, "
                      "application/rdf+xml, application/xml;q=0.9, "
                      "text/xml;q=0.9, */*;q=0.5",
        };
        n++;
    }
    struct refresh_ctx r = {.c = c, .feeds = feeds, .jobs = jobs};
    refresh_end = mono_ms() + deadline_ms;
    term_also_interrupt(refresh_over);
    if (n > 0 && net_fetch_many(jobs, n, REFRESH_MAX_TOTAL, REFRESH_MAX_PER_HOST,
                                on_fetched, &r, &err) < 0)
        cli_log("cannot fetch feeds, the cache is used: %s", err.msg);
    term_also_interrupt(NULL);
    free(jobs);
    free(feeds);    // the strings belong to l
    store_feed_list_release(&l);
}

/* ---- one bulletin ---------------------------------------------------------- */

static void free_arts(struct ctx *c)
{
    for (size_t i = 0; i < c->narts; i++)
        article_free(c->arts[i]);
    free(c->arts);
    c->arts = NULL;
    c->narts = 0;
}

static int load(void *vctx, size_t i, struct article **out, struct hr_error *err)
{
    struct ctx *c = vctx;
    if (i >= c->narts || !c->arts[i])
        return hr_fail(err, HR_EEMPTY, "nothing to read");
    *out = c->arts[i];
    c->arts[i] = NULL;
    return 0;
}

static void on_event(void *vctx, const struct player_event *ev)
{
    struct ctx *c = vctx;
    switch (ev->kind) {
    case PLAYER_EV_ARTICLE:
        c->heard = ev->article;
        if (c->say_back) {
            char when[32];
            slot_name(c, c->slot, when, sizeof when);
            cli_log("bulletin %s: the sound device is back; playing, %.1f s "
                    "late", when, (double)(now_ms() - c->slot) / 1000.0);
            c->say_back = false;
        }
        break;
    case PLAYER_EV_END_QUEUE:
        c->over = true;
        break;
    case PLAYER_EV_FAILED:
        c->device_failed = ev->err && ev->err->status == HR_EAUDIO;
        if (ev->err)
            c->perr = *ev->err;
        break;
    case PLAYER_EV_WARNING:
        cli_warn("%s", ev->err ? ev->err->msg : "something went wrong");
        break;
    default:
        break;
    }
}

/* The one log line of a bulletin. */
static void log_bulletin(struct ctx *c, const struct bulletin *b, int64_t slot,
                         int64_t started)
{
    char when[32], extra[160] = "", late[48] = "";
    slot_name(c, slot, when, sizeof when);
    if (c->refreshed && c->unreachable) {
        char cached[32] = "nothing cached";
        if (c->cached_at > 0) {
            time_t t = (time_t)c->cached_at;
            struct tm tm;
            localtime_r(&t, &tm);
            snprintf(cached, sizeof cached, "cached %02d:%02d", tm.tm_hour,
                     tm.tm_min);
        }
        snprintf(extra, sizeof extra, " (%zu unreachable, %s)", c->unreachable,
                 cached);
    }
    if (started - slot >= 1000 && !c->slot_off_schedule)
        snprintf(late, sizeof late, ", %.1f s late",
                 (double)(started - slot) / 1000.0);
    sd_notifyf(0, "STATUS=last bulletin %s: %zu headline%s", when, b->n,
               b->n == 1 ? "" : "s");
    if (b->n == 0)
        cli_log("bulletin %s: no news%s%s", when, extra, late);
    else
        cli_log("bulletin %s: %zu headline%s from %zu feed%s%s%s", when, b->n,
                b->n == 1 ? "" : "s", b->nfeeds, b->nfeeds == 1 ? "" : "s",
                extra, late);
}

struct export_src {
    struct ctx *c;
    size_t next;
    char name[32];
};

static const char *export_next(void *vctx)
{
    struct export_src *e = vctx;
    if (e->next >= e->c->narts)
        return NULL;
    snprintf(e->name, sizeof e->name, "%zu", e->next++);
    return e->name;
}

static int export_load(void *vctx, const char *src, struct article **out,
                       struct hr_error *err)
{
    struct export_src *e = vctx;
    return load(e->c, (size_t)strtoul(src, NULL, 10), out, err);
}

/*
 * Build the bulletin for slot and deliver it: print it (--script), write
 * it (-o), or start the player.  Returns 0, or -1 with *err set when it
 * could not be delivered (the player's failures come later, by event).
 */
static int start_bulletin(struct ctx *c, int64_t slot, bool log,
                          struct hr_error *err)
{
    int64_t started = now_ms();
    struct bulletin_opts bo = {
        .headlines = (size_t)c->set.headlines,
        .summaries = c->set.summaries,
        .max_age_s = c->set.max_age_ms / 1000,
        .feed_ids = c->feed_ids,
        .nfeed_ids = c->nfeed_ids,
        .lang = c->set.lang,
    };
    struct bulletin b;
    if (bulletin_build(c->store, &bo, (time_t)(slot / 1000), &b, err) < 0)
        return -1;
    if (log)
        log_bulletin(c, &b, slot, started);
    c->refreshed = false;
    int rc = 0;
    if (c->set.script) {
        struct buf out;
        buf_init(&out, 0);
        rc = bulletin_script(&b, &out, err);
        if (rc == 0) {
            cli_print_clean(stdout, out.data ? out.data : "");
            if (scheduled(&c->set))
                fputc('\n', stdout);
            fflush(stdout);
        }
        buf_release(&out);
        bulletin_release(&b);
        c->played++;
        return rc;
    }
    int n = bulletin_articles(&b, &c->arts, err);
    bulletin_release(&b);
    if (n < 0)
        return -1;
    c->narts = (size_t)n;
    if (c->set.output) {
        struct export_src es = {.c = c};
        struct export_opts eo = {
            .force = true,
            .bulletin = true,
            .render = {.voice = c->set.voice, .rate = (int)c->set.rate,
                       .style = &c->set.style},
        };
        struct export_io io = {.ctx = &es, .next = export_next,
                               .load = export_load};
        int failed = export_to_file(c->set.output, &eo, &io, err);
        free_arts(c);
        if (failed < 0)
            return -1;
        c->played++;
        return 0;
    }
    struct player_opts po = {
        .device = c->set.device,
        .voice = c->set.voice,
        .style = &c->set.style,
        .rate = (int)c->set.rate,
        .from_start = true,
        .earcons = true,
        .bulletin = true,
        .narticles = c->narts,
        .load = load,
        .ctx = c,
        .on_event = on_event,
    };
    c->over = c->device_failed = false;
    c->heard = 0;
    hr_error_clear(&c->perr);
    if (player_new(&po, &c->player, err) < 0) {
        free_arts(c);
        return -1;
    }
    if (player_start(c->player, NULL, NULL, err) < 0) {
        player_free(c->player, false);
        c->player = NULL;
        free_arts(c);
        return -1;
    }
    c->state = PLAYING;
    c->slot = slot;
    return 0;
}

/* The player stopped: heard to the end, cut, or failed. */
static void end_bulletin(struct ctx *c, bool drain)
{
    player_free(c->player, drain);
    c->player = NULL;
    free_arts(c);
    c->state = IDLE;
}

/* ---- the control socket ---------------------------------------------------- */

static const char *state_name(const struct ctx *c)
{
    if (c->quit)
        return "quitting";
    switch (c->state) {
    case PLAYING: {
        struct player_status st;
        player_status(c->player, &st);
        return st.state == PLAYER_PAUSED ? "paused" : "playing";
    }
    case RETRYING: return "retrying";
    default: return "idle";
    }
}

static char *reply(struct ctx *c, const char *command)
{
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_true());
    json_object_set_new(o, "command", json_string(command));
    json_object_set_new(o, "state", json_string(state_name(c)));
    char when[32];
    if (scheduled(&c->set) && c->target > 0 && c->target < INT64_MAX) {
        slot_name(c, c->target, when, sizeof when);
        json_object_set_new(o, "next", json_string(when));
    } else {
        json_object_set_new(o, "next", json_null());
    }
    if (c->state == PLAYING) {
        // Article 0 is the intro and the last the outro.
        json_object_set_new(o, "item", json_integer((json_int_t)c->heard));
        json_object_set_new(o, "items", json_integer(
            (json_int_t)(c->narts >= 2 ? c->narts - 2 : 0)));
    }
    json_object_set_new(o, "played", json_integer((json_int_t)c->played));
    json_object_set_new(o, "skipped", json_integer((json_int_t)c->skipped));
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s ? s : xstrdup("{\"ok\":false,\"error\":\"out of memory\"}");
}

static char *on_line(const char *line, void *vctx)
{
    struct ctx *c = vctx;
    while (*line == ' ' || *line == '\t')
        line++;
    size_t len = strcspn(line, " \t\r\n");
    char word[16];
    if (len == 0)
        return control_reply_error(NULL, "empty command");
    if (len >= sizeof word)
        return control_reply_error(NULL, "unknown command");
    memcpy(word, line, len);
    word[len] = '\0';
    const char *rest = line + len;
    rest += strspn(rest, " \t\r\n");
    if (*rest)
        return control_reply_error(word, "takes no argument");
    struct hr_error err = {0};
    if (strcmp(word, "status") == 0)
        return reply(c, word);
    if (strcmp(word, "quit") == 0) {
        c->quit = true;
        return reply(c, word);
    }
    if (strcmp(word, "now") == 0) {
        if (c->state == PLAYING)
            return control_reply_error(word, "a bulletin is playing");
        c->slot_off_schedule = true;
        int rc = start_bulletin(c, now_ms(), true, &err);
        if (rc < 0) {
            cli_log("bulletin now: %s", err.msg);
            return control_reply_error(word, err.msg);
        }
        return reply(c, word);
    }
    if (strcmp(word, "skip") == 0 || strcmp(word, "stop") == 0 ||
        strcmp(word, "pause") == 0 || strcmp(word, "resume") == 0) {
        if (c->state != PLAYING)
            return control_reply_error(word, "no bulletin is playing");
        if (strcmp(word, "stop") == 0) {
            end_bulletin(c, false);
            return reply(c, word);
        }
        enum player_cmd cmd = word[0] == 'p' ? PLAYER_PAUSE
                              : word[0] == 'r' ? PLAYER_RESUME
                                               : PLAYER_NEXT_ARTICLE;
        // The outro is the last article: skipping past the last headline
        // goes to it, never further.
        if (cmd == PLAYER_NEXT_ARTICLE && c->heard + 1 >= c->narts)
            return control_reply_error(word, "no further headline");
        if (player_command(c->player, cmd, 0, &err) < 0)
            return control_reply_error(word, err.msg);
        return reply(c, word);
    }
    return control_reply_error(NULL, "unknown command; status, now, skip, "
                               "stop, pause, resume or quit");
}

/* ---- the loop -------------------------------------------------------------- */

static void reload(struct ctx *c)
{
    sd_notify(0, "RELOADING=1");
    struct settings s;
    struct hr_error err = {0};
    bool help;
    int rc = load_settings(c->argc, c->argv, &s, &help, &err);
    int64_t *ids = NULL;
    size_t n = 0;
    if (rc == CLI_OK && resolve_feeds(c, &s, &ids, &n, &err) < 0)
        rc = CLI_FAIL;
    if (rc != CLI_OK || !scheduled(&s)) {
        if (rc == CLI_OK)
            hr_fail(&err, HR_EUSAGE, "no schedule (every or at)");
        cli_log("configuration not reloaded, the old one stays: %s", err.msg);
        sd_notify(0, "READY=1");
        settings_release(&s);
        return;
    }
    // The socket, the database and the output form stay as they started.
    set_str(&s.control, c->set.control);
    set_str(&s.db, c->set.db);
    s.script = c->set.script;
    set_str(&s.output, c->set.output);
    settings_release(&c->set);
    c->set = s;
    free(c->feed_ids);
    c->feed_ids = ids;
    c->nfeed_ids = n;
    // The new schedule's next slot; one already overdue (a reload that
    // came with a stall) is left to tick(), which skips it with a line.
    int64_t now = now_ms();
    if (c->state == IDLE && now < c->target)
        c->target = next_slot(c, now - 1);
    char when[32];
    slot_name(c, c->target, when, sizeof when);
    cli_log("configuration reloaded; next bulletin %s", when);
    sd_notifyf(0, "READY=1\nSTATUS=configuration reloaded; next bulletin %s",
               when);
}

/* A slot that cannot be played, said once. */
static void skip_slot(struct ctx *c, int64_t slot, const char *why)
{
    char when[32];
    slot_name(c, slot, when, sizeof when);
    cli_log("bulletin %s: skipped, %s", when, why);
    c->skipped++;
}

/*
 * The target slot and every slot after it up to now cannot be played:
 * one line for all of them, however many (a clock jump of days, a long
 * stall), and the target moves to the first slot after now.
 */
static void pass_over(struct ctx *c, int64_t now, const char *why)
{
    size_t more = 0;
    int64_t t = next_slot(c, c->target);
    while (t <= now && more < 1000000) {
        more++;
        t = next_slot(c, t);
    }
    char text[200];
    if (more)
        snprintf(text, sizeof text, "with the %zu slot%s after it, %s", more,
                 more == 1 ? "" : "s", why);
    else
        snprintf(text, sizeof text, "%s", why);
    skip_slot(c, c->target, text);
    c->skipped += more;
    c->target = t;
}

/* Time to start a slot (a scheduled one, or one retried). */
static void play_slot(struct ctx *c, int64_t slot)
{
    struct hr_error err = {0};
    c->slot_off_schedule = false;
    if (c->set.refresh && c->refreshed_for == 0) {
        // herald started too close to its first slot to fetch ahead of
        // it: what fits in half the grace.  Later, a slot whose fetch was
        // crowded out (the bulletin before ended just in time) is read
        // from the cache rather than started late.
        int64_t left = slot + grace_ms(c) / 2 - now_ms();
        refresh(c, left > 0 ? left : 200);
        c->refreshed_for = slot;
    }
    bool retry = c->state == RETRYING;
    if (!retry)
        c->retry_said = false;
    c->say_back = retry;
    if (start_bulletin(c, slot, !retry, &err) < 0) {
        if (err.status == HR_EAUDIO) {
            if (!c->retry_said) {
                char when[32];
                slot_name(c, slot, when, sizeof when);
                cli_log("bulletin %s: %s; trying again every %d s", when,
                        err.msg, RETRY_MS / 1000);
                c->retry_said = true;
            }
            c->state = RETRYING;
            c->slot = slot;
            c->retry_at = now_ms() + RETRY_MS;
            return;
        }
        char why[300];
        snprintf(why, sizeof why, "%s", err.msg);
        skip_slot(c, slot, why);
    }
}

/* Decide what is due now; returns the poll timeout in ms. */
static int tick(struct ctx *c)
{
    int64_t now = now_ms();
    if (c->state == PLAYING)
        return player_timeout_ms(c->player) < 1000 ? player_timeout_ms(c->player)
                                                    : 1000;
    if (c->state == RETRYING) {
        int64_t next = next_slot(c, c->slot);
        if (now >= next) {
            skip_slot(c, c->slot, "no sound device until the next slot");
            c->state = IDLE;
            c->target = next;
        } else if (now >= c->retry_at) {
            play_slot(c, c->slot);
            return 50;
        } else {
            int64_t w = c->retry_at - now;
            return w < 1000 ? (int)w : 1000;
        }
    }
    // A clock that went back: the next slot is the one after now.
    int64_t fresh = next_slot(c, now);
    if (fresh < c->target && now < c->target - grace_ms(c))
        c->target = fresh;
    if (now >= c->target) {
        int64_t late = now - c->target;
        if (late <= grace_ms(c)) {
            int64_t slot = c->target;
            c->target = next_slot(c, slot);
            play_slot(c, slot);
        } else {
            char why[96];
            snprintf(why, sizeof why, "%.1f s late (the clock jumped or "
                     "herald was held up)", (double)late / 1000.0);
            pass_over(c, now, why);
        }
        return 0;
    }
    int64_t lead = REFRESH_LEAD_MS;
    if (c->set.every_ms > 0 && c->set.every_ms / 2 < lead)
        lead = c->set.every_ms / 2;
    if (c->set.refresh && c->refreshed_for != c->target &&
        now >= c->target - lead) {
        // Done by the slot: the deadline is what is left of the lead,
        // less a margin for building and starting the bulletin.
        int64_t left = c->target - now - lead / 5;
        refresh(c, left);
        c->refreshed_for = c->target;
        return 0;
    }
    int64_t wait = c->target - now;
    if (c->set.refresh && c->refreshed_for != c->target && wait > lead)
        wait -= lead;
    return wait < 1000 ? (int)(wait > 0 ? wait : 0) : 1000;
}

/* After the player stopped: the bulletin's end, or a device lost. */
static void player_done(struct ctx *c)
{
    bool lost = c->device_failed;
    bool failed = !c->over && c->perr.msg[0];
    struct hr_error perr = c->perr;
    int64_t slot = c->slot;
    end_bulletin(c, c->over);
    if (lost && !c->slot_off_schedule && scheduled(&c->set)) {
        if (!c->retry_said) {
            char when[32];
            slot_name(c, slot, when, sizeof when);
            cli_log("bulletin %s: %s; trying again every %d s", when,
                    perr.msg, RETRY_MS / 1000);
            c->retry_said = true;
        }
        c->state = RETRYING;
        c->slot = slot;
        c->retry_at = now_ms() + RETRY_MS;
        return;
    }
    if (failed) {
        char when[32];
        slot_name(c, slot, when, sizeof when);
        cli_log("bulletin %s: %s", when, perr.msg);
    }
    c->played += !failed;
    // Ran into the next slot: that slot is skipped, not started late.
    int64_t now = now_ms();
    if (scheduled(&c->set) && now > c->target + OVERRUN_MS)
        pass_over(c, now, "the bulletin before ran into it");
}

static int run_schedule(struct ctx *c)
{
    c->target = next_slot(c, now_ms() - 1);
    char when[32];
    slot_name(c, c->target, when, sizeof when);
    cli_log("bulletins %s; the first at %s",
            c->set.every_ms ? "on a period" : "at set times", when);
    sd_notifyf(0, "READY=1\nSTATUS=the first bulletin at %s", when);
    while (!term_signal() && !c->quit) {
        keep_alive();
        if (got_hup) {
            got_hup = 0;
            reload(c);
        }
        int timeout = tick(c);
        if (term_signal() || c->quit)
            break;
        struct pollfd fds[3 + CONTROL_MAX_CLIENTS + 1];
        size_t n = 0;
        fds[n++] = (struct pollfd){.fd = term_signal_fd(), .events = POLLIN};
        fds[n++] = (struct pollfd){.fd = sig_pipe[0], .events = POLLIN};
        if (c->player)
            fds[n++] = (struct pollfd){.fd = player_fd(c->player), .events = POLLIN};
        size_t ctl_at = n;
        if (c->ctl)
            n += control_pollfds(c->ctl, fds + n, sizeof fds / sizeof *fds - n);
        int rc = poll(fds, n, timeout);
        if (rc < 0 && errno != EINTR)
            break;
        if (rc > 0 && (fds[1].revents & POLLIN)) {
            char drain[16];
            while (read(sig_pipe[0], drain, sizeof drain) > 0)
                ;
        }
        if (rc > 0 && c->ctl)
            control_handle(c->ctl, fds + ctl_at, n - ctl_at, on_line, c);
        if (c->player && !player_process(c->player))
            player_done(c);
    }
    sd_notify(0, "STOPPING=1");
    if (c->player)
        end_bulletin(c, false);
    return CLI_OK;
}

/* One bulletin now, to its end. */
static int run_once(struct ctx *c)
{
    struct hr_error err = {0};
    int64_t now = now_ms();
    if (c->set.refresh)
        refresh(c, ONCE_REFRESH_MS);
    if (start_bulletin(c, now, !c->set.script, &err) < 0)
        return term_signal() ? term_signal_status() : cli_fail(&err);
    if (!c->player)
        return CLI_OK;
    while (!term_signal() && !c->quit) {
        struct pollfd fds[3 + CONTROL_MAX_CLIENTS + 1];
        size_t n = 0;
        fds[n++] = (struct pollfd){.fd = player_fd(c->player), .events = POLLIN};
        fds[n++] = (struct pollfd){.fd = term_signal_fd(), .events = POLLIN};
        size_t ctl_at = n;
        if (c->ctl)
            n += control_pollfds(c->ctl, fds + n, sizeof fds / sizeof *fds - n);
        int rc = poll(fds, n, player_timeout_ms(c->player));
        if (rc < 0 && errno != EINTR)
            break;
        if (rc > 0 && c->ctl)
            control_handle(c->ctl, fds + ctl_at, n - ctl_at, on_line, c);
        if (!c->player || !player_process(c->player))
            break;
    }
    if (!c->player)
        return CLI_OK;      // stopped from the socket
    bool failed = !c->over && c->perr.msg[0];
    err = c->perr;
    end_bulletin(c, c->over);
    if (term_signal())
        return CLI_OK;
    return failed ? cli_fail(&err) : CLI_OK;
}

int cmd_bulletin(int argc, char **argv)
{
    struct ctx c = {.argc = argc, .argv = argv};
    struct hr_error err = {0};
    bool help;
    int status = load_settings(argc, argv, &c.set, &help, &err);
    if (help) {
        usage(stdout);
        settings_release(&c.set);
        return CLI_OK;
    }
    if (status == CLI_USAGE) {
        settings_release(&c.set);
        return cli_usage("bulletin", "%s", err.msg);
    }
    if (status != CLI_OK) {
        settings_release(&c.set);
        return cli_fail(&err);
    }
    if (store_open(c.set.db, &c.store, &err) < 0 ||
        resolve_feeds(&c, &c.set, &c.feed_ids, &c.nfeed_ids, &err) < 0) {
        status = cli_fail(&err);
        goto out;
    }
    if (c.set.control && control_open(c.set.control, &c.ctl, &err) < 0) {
        status = cli_fail(&err);
        goto out;
    }
    if (pipe(sig_pipe) < 0) {
        status = cli_error("cannot make a pipe: %s", strerror(errno));
        goto out;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    // export/ puts its own handlers on the quit signals when it makes its
    // first temporary (remove it, then die of the signal).  Put them
    // first, so that ours take over: a bulletin being written is finished
    // and renamed, then herald exits 0; leftovers go at exit.
    if (c.set.output)
        tempfile_install_handlers();
    term_catch_signals();
    // SIGHUP reloads instead of quitting; the others stay term.c's.
    struct sigaction sa = {.sa_handler = on_hup};
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (!c.set.script && !c.set.output)
        term_silence_stderr();      // ALSA's noise at every device open
    if (c.set.output && synth_init(NULL, &err) < 0) {
        term_restore_stderr();
        status = cli_fail(&err);
        goto out;
    }
    if (scheduled(&c.set))
        status = run_schedule(&c);
    else
        status = run_once(&c);
    term_restore_stderr();

out:
    control_close(c.ctl);
    free(c.feed_ids);
    free_arts(&c);
    store_close(c.store);
    settings_release(&c.set);
    for (int i = 0; i < 2; i++) {
        if (sig_pipe[i] >= 0)
            close(sig_pipe[i]);
        sig_pipe[i] = -1;
    }
    return status;
}
