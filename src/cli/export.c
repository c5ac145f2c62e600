/*
 * export.c — `herald export`: articles into audio files, in batches.
 *
 * Parses the command line, feeds sources to export/ (the positional ones,
 * then --from-file's lines, read only as workers become free), loads each
 * source with cli_load_article() when export/ asks, and shows progress:
 * one line redrawn at most once a second on a terminal, a plain line per
 * file when output is not a terminal, nothing with --quiet.  Failures are
 * listed at the end, one "herald: error:" line each.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "base/xdg.h"
#include "cli/cli.h"
#include "export/export.h"
#include "sink/sink_file.h"
#include "synth/render.h"
#include "synth/synth.h"

/* Failures kept for the summary; more are counted. */
#define MAX_LISTED_FAILURES 1000

static void usage(FILE *f)
{
    fprintf(f,
"usage: herald export SOURCE... (-o FILE | -d DIR) [--format wav|flac|ogg|opus|mp3]\n"
"                     [--captions vtt|srt] [--chapters] [-j N] [--from-file LIST|-]\n"
"                     [--force] [--quiet] [--podcast-feed FEED.xml --base-url URL\n"
"                     [--title TITLE]] [--shard K/N]\n"
"       herald export --podcast-feed FEED.xml --base-url URL -d DIR [--title TITLE]\n"
"\n"
"Speak articles into audio files.  Every file is written under a temporary\n"
"name and renamed when complete: on a failure, an interrupt or a kill,\n"
"nothing half-written is left under its name.  A source that fails does\n"
"not stop the others; they are listed at the end and the exit status is 1.\n"
"Files that exist are kept (so a run can be resumed) unless --force.\n"
"\n"
"  -o, --output FILE      all SOURCEs into one file, in order, with a short\n"
"                         tone between articles; -o - writes WAV to stdout\n"
"  -d, --dir DIR          one file per SOURCE in DIR, named from the headline\n"
"                         (NAME.wav, NAME-2.wav when two headlines agree)\n"
"  -f, --format FMT       wav (default, or from FILE's extension): 16-bit PCM;\n"
"                         flac: lossless; ogg: Vorbis, about 47 kbit/s;\n"
"                         opus: 24 kHz, about 32 kbit/s; mp3: about 48 kbit/s\n"
"      --captions vtt|srt timed captions beside each file, a cue a sentence\n"
"      --chapters         WebVTT chapters beside each file (NAME.chapters.vtt):\n"
"                         sections, and articles in a multi-article file\n"
"  -j, --jobs N           worker processes for -d (default: %ld, the cores);\n"
"                         with -o one process speaks the articles in order,\n"
"                         so -j changes nothing there\n"
"      --from-file LIST   read more SOURCEs from LIST, one a line ('-': stdin);\n"
"                         blank lines and lines starting with '#' are skipped,\n"
"                         blanks at both ends of a line too; one LIST a run\n"
"      --force            rewrite files that exist\n"
"  -q, --quiet            no progress, no per-file lines\n"
"      --podcast-feed F   after the run, write an RSS 2.0 podcast feed F of\n"
"                         the audio files in DIR (needs -d and --base-url)\n"
"      --base-url URL     where DIR is published, for the feed's links;\n"
"                         with no SOURCE, only the feed is written, of the\n"
"                         files already in DIR (the last step of a --shard run)\n"
"      --title TITLE      the feed's name (else [podcast] title in config.ini)\n"
"      --shard K/N        only the K-th of N shares of the sources (K from 1\n"
"                         to N), by a fixed hash of each source: N runs with\n"
"                         K = 1..N on one list, on any machines, into one\n"
"                         folder, write every source once (see docs/EXPORT.md)\n"
"      --voice NAME       an espeak-ng voice (see 'herald voices')\n"
"      --profile NAME     how each part sounds: a voice profile, by name or\n"
"                         path (see 'herald voices --profiles')\n"
"      --lang LANG        the language, when the page's is wrong\n"
"      --rate WPM         words a minute (80-450)\n"
"  -h, --help             show this help\n",
            sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 1L);
}

struct failure {
    char msg[sizeof ((struct hr_error *)0)->msg];
};

struct run {
    /* sources */
    char **argv;
    int argc, argi;
    FILE *list;             /* --from-file, or NULL */
    const char *list_name;
    char *line;
    unsigned long lineno;
    const char *lang, *voice;
    /* progress */
    bool fancy, plain;
    FILE *out;              /* where progress goes */
    uint64_t total;         /* sources known */
    bool total_known;
    uint64_t done, wrote, kept, failed;
    double audio_seconds;
    struct timespec start, last_draw;
    /* the file last reported: with -o every source is in the same one */
    char *last_path;
    /* failures */
    struct failure *fails;
    size_t nfails;
    /* --shard K/N: only sources in share k of n (n is 0 without it) */
    unsigned long shard_k, shard_n;
};

static double since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) +
           (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void add_failure(struct run *r, const char *msg)
{
    r->failed++;
    if (r->nfails >= MAX_LISTED_FAILURES)
        return;
    r->fails = xreallocarray(r->fails, r->nfails + 1, sizeof *r->fails);
    /* A longer message is cut at a character's edge, not in one. */
    size_t n = utf8_cut(msg, strlen(msg), sizeof r->fails->msg - 1);
    memcpy(r->fails[r->nfails].msg, msg, n);
    r->fails[r->nfails++].msg[n] = '\0';
}

/* Read one line of f (without its end) into buf; false at the end of f.
 * A line longer than max bytes, or one holding a NUL byte, sets *bad and
 * stops there: no list of sources has one, and reading on through
 * /dev/zero or a binary file would never end. */
static bool list_line(FILE *f, char *buf, size_t max, size_t *len, bool *bad)
{
    size_t n = 0;
    int c;
    *bad = false;
    while ((c = getc(f)) != EOF && c != '\n') {
        if (c == '\0' || n == max) {
            *bad = true;
            break;
        }
        buf[n++] = (char)c;
    }
    buf[n] = '\0';
    *len = n;
    return c != EOF || n > 0 || *bad;
}

static const char *next_source(void *ctx)
{
    struct run *r = ctx;
    if (r->argi < r->argc) {
        r->total += r->total_known ? 0 : 1;
        return r->argv[r->argi++];
    }
    while (r->list) {
        if (!r->line)
            r->line = xmalloc(EXPORT_MAX_SOURCE + 2);
        size_t n;
        bool bad;
        bool got = list_line(r->list, r->line, EXPORT_MAX_SOURCE + 1, &n, &bad);
        if (bad) {
            char msg[300];
            snprintf(msg, sizeof msg, "line %lu of '%s' is longer than %d bytes "
                     "or holds a NUL byte: not a list of sources; the rest of "
                     "it is not read", r->lineno + 1, r->list_name,
                     EXPORT_MAX_SOURCE);
            add_failure(r, msg);
            got = false;
        }
        if (!got) {
            if (ferror(r->list)) {
                char msg[300];
                snprintf(msg, sizeof msg, "cannot read '%s': %s",
                         r->list_name, strerror(errno));
                add_failure(r, msg);
            }
            if (r->list != stdin)
                fclose(r->list);
            r->list = NULL;
            r->total_known = true;
            break;
        }
        r->lineno++;
        // Blanks at either end are not part of the source: an editor or
        // a copied list leaves them unseen.  (A path that does end in a
        // space is given on the command line instead.)
        while (n > 0 && (r->line[n - 1] == '\r' || r->line[n - 1] == ' ' ||
                         r->line[n - 1] == '\t'))
            r->line[--n] = '\0';
        char *s = r->line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s || *s == '#')
            continue;
        if (strlen(s) > EXPORT_MAX_SOURCE) {
            char msg[300];
            snprintf(msg, sizeof msg, "line %lu of '%s' is longer than %d "
                     "bytes", r->lineno, r->list_name, EXPORT_MAX_SOURCE);
            add_failure(r, msg);
            continue;
        }
        if (!r->total_known)
            r->total++;
        return s;
    }
    r->total_known = true;
    return NULL;
}

/* next_source(), less the sources of other shares.  They are not this
 * run's: not counted, not reported. */
static const char *next_in_shard(void *ctx)
{
    struct run *r = ctx;
    const char *s;
    while ((s = next_source(ctx)) &&
           export_shard_of(s, r->shard_n) != r->shard_k) {
        if (r->total > 0)
            r->total--;
    }
    return s;
}

/* "K/N" with 1 <= K <= N <= EXPORT_MAX_SHARDS; -1 otherwise. */
static int parse_shard(const char *arg, unsigned long *k, unsigned long *n)
{
    const char *slash = strchr(arg, '/');
    if (!slash || slash == arg || slash - arg > 16)
        return -1;
    char kbuf[17];
    memcpy(kbuf, arg, (size_t)(slash - arg));
    kbuf[slash - arg] = '\0';
    long kv, nv;
    if (cli_parse_int(kbuf, 1, EXPORT_MAX_SHARDS, &kv) < 0 ||
        cli_parse_int(slash + 1, 1, EXPORT_MAX_SHARDS, &nv) < 0 || kv > nv)
        return -1;
    *k = (unsigned long)kv;
    *n = (unsigned long)nv;
    return 0;
}

static int load(void *ctx, const char *source, struct article **out,
                struct hr_error *err)
{
    struct run *r = ctx;
    if (cli_load_article(source, r->lang, out, err) < 0)
        return -1;
    // Worker processes and -o both load after synth_init(), on the one
    // thread that speaks.
    struct render_opts ro = {.voice = r->voice, .lang = r->lang};
    if (render_lang_missing(*out, &ro))
        cli_warn("%s: espeak-ng has no voice for its language '%s'; reading "
                 "it in English (--lang or --voice choose another)", source,
                 (*out)->lang);
    char scripts[160];
    if (render_unreadable(*out, &ro, scripts, sizeof scripts))
        cli_warn("%s: some of it is in %s, which cannot be spoken; it is "
                 "left out", source, scripts);
    return 0;
}

static void clock_text(char *buf, size_t n, double seconds)
{
    long s = seconds < 0 ? 0 : (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, n, "%ld:%02ld", s / 60, s % 60);
}

static void draw(struct run *r, bool force)
{
    if (!r->fancy || (!force && since(&r->last_draw) < 1.0))
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last_draw);
    char left[48] = "";
    if (r->total_known && r->done > 0 && r->done < r->total) {
        char t[24];
        clock_text(t, sizeof t, since(&r->start) / (double)r->done *
                                    (double)(r->total - r->done));
        snprintf(left, sizeof left, ", about %s left", t);
    }
    fprintf(r->out, "\r\033[K%" PRIu64 "/%" PRIu64 "%s done, %" PRIu64
            " failed%s", r->done, r->total, r->total_known ? "" : "+",
            r->failed, left);
    fflush(r->out);
}

static void on_report(void *ctx, const struct export_report *rep)
{
    struct run *r = ctx;
    r->done++;
    // Sources that went into one file (-o) are reported one by one; the
    // file is named, and its length counted, once.
    bool again = rep->path && r->last_path &&
                 strcmp(rep->path, r->last_path) == 0;
    if (rep->path && !again) {
        free(r->last_path);
        r->last_path = xstrdup(rep->path);
    }
    char len[24] = "";
    if (rep->rate > 0)
        clock_text(len, sizeof len, (double)rep->samples / rep->rate);
    switch (rep->outcome) {
    case EXPORT_WROTE:
        r->wrote++;
        if (rep->rate > 0 && !again)
            r->audio_seconds += (double)rep->samples / rep->rate;
        if (r->plain && !again) {
            fputs("wrote ", r->out);
            cli_print_clean(r->out, rep->path);
            fprintf(r->out, " (%s)\n", len);
        }
        break;
    case EXPORT_KEPT:
        r->kept++;
        if (r->plain && !again) {
            fputs("kept ", r->out);
            cli_print_clean(r->out, rep->path);
            fputs(rep->elsewhere ? " (another herald is writing it now)\n"
                                 : " (it exists; --force rewrites it)\n",
                  r->out);
        }
        break;
    case EXPORT_FAILED:
        add_failure(r, rep->err && rep->err->msg[0] ? rep->err->msg
                                                     : "failed");
        if (r->plain) {
            fputs("failed ", r->out);
            cli_print_clean(r->out, rep->source);
            fputc('\n', r->out);
        }
        break;
    }
    if (r->plain)
        fflush(r->out);
    draw(r, false);
}

static void on_tick(void *ctx)
{
    draw(ctx, false);
}

static int finish(struct run *r, int status)
{
    if (r->fancy)
        fputs("\r\033[K", r->out);
    if ((r->fancy || r->plain) && r->done > 0) {
        char t[24];
        clock_text(t, sizeof t, since(&r->start));
        fprintf(r->out, "%" PRIu64 " written, %" PRIu64 " kept, %" PRIu64
                " failed in %s\n", r->wrote, r->kept, r->failed, t);
    }
    fflush(r->out);
    for (size_t i = 0; i < r->nfails; i++)
        fprintf(stderr, "herald: error: %s\n", r->fails[i].msg);
    if (r->failed > r->nfails)
        fprintf(stderr, "herald: error: ... and %" PRIu64 " more\n",
                r->failed - r->nfails);
    if (r->failed > 1 || (r->failed == 1 && r->total > 1))
        fprintf(stderr, "herald: error: %" PRIu64 " of %" PRIu64
                " sources failed\n", r->failed, r->total);
    if (r->failed > 0 && status == CLI_OK)
        status = CLI_FAIL;
    free(r->fails);
    free(r->last_path);
    free(r->line);
    if (r->list && r->list != stdin)
        fclose(r->list);
    return status;
}

int cmd_export(int argc, char **argv)
{
    enum { O_CAPTIONS = 256, O_CHAPTERS, O_FROM, O_FORCE, O_FEED, O_BASE,
           O_VOICE, O_LANG, O_RATE, O_TITLE, O_PROFILE, O_SHARD };
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"dir", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"captions", required_argument, NULL, O_CAPTIONS},
        {"chapters", no_argument, NULL, O_CHAPTERS},
        {"jobs", required_argument, NULL, 'j'},
        {"from-file", required_argument, NULL, O_FROM},
        {"force", no_argument, NULL, O_FORCE},
        {"quiet", no_argument, NULL, 'q'},
        {"podcast-feed", required_argument, NULL, O_FEED},
        {"base-url", required_argument, NULL, O_BASE},
        {"title", required_argument, NULL, O_TITLE},
        {"voice", required_argument, NULL, O_VOICE},
        {"lang", required_argument, NULL, O_LANG},
        {"rate", required_argument, NULL, O_RATE},
        {"profile", required_argument, NULL, O_PROFILE},
        {"shard", required_argument, NULL, O_SHARD},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *dir = NULL, *from = NULL, *feed = NULL,
               *base_url = NULL, *title = NULL, *profile = NULL;
    struct export_opts eo = {0};
    bool quiet = false;
    unsigned long shard_k = 0, shard_n = 0;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN), rate = 0;
    if (jobs < 1)
        jobs = 1;
    if (jobs > EXPORT_MAX_JOBS)
        jobs = EXPORT_MAX_JOBS;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:d:f:j:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'd': dir = optarg; break;
        case 'f':
            if (!(eo.format = sink_file_format(optarg)))
                return cli_usage("export", "unknown format '%s' "
                                 "(wav, flac, ogg, opus, mp3)", optarg);
            break;
        case O_CAPTIONS:
            if (strcmp(optarg, "vtt") == 0)
                eo.captions = EXPORT_CAPTIONS_VTT;
            else if (strcmp(optarg, "srt") == 0)
                eo.captions = EXPORT_CAPTIONS_SRT;
            else
                return cli_usage("export", "unknown caption format '%s' "
                                 "(vtt, srt)", optarg);
            break;
        case O_CHAPTERS: eo.chapters = true; break;
        case 'j':
            if (cli_parse_int(optarg, 1, EXPORT_MAX_JOBS, &jobs) < 0)
                return cli_usage("export", "--jobs takes a number from 1 to "
                                 "%d, not '%s'", EXPORT_MAX_JOBS, optarg);
            break;
        case O_FROM:
            // One list: a second one replaced the first without a word.
            if (from)
                return cli_usage("export", "--from-file is given twice; "
                                 "join the lists (cat A B | herald export "
                                 "--from-file - ...)");
            from = optarg;
            break;
        case O_FORCE: eo.force = true; break;
        case 'q': quiet = true; break;
        case O_FEED: feed = optarg; break;
        case O_BASE: base_url = optarg; break;
        case O_TITLE: title = optarg; break;
        case O_VOICE: eo.render.voice = optarg; break;
        case O_LANG: eo.render.lang = optarg; break;
        case O_PROFILE: profile = optarg; break;
        case O_RATE:
            if (cli_parse_int(optarg, 80, 450, &rate) < 0)
                return cli_usage("export", "--rate takes words a minute "
                                 "from 80 to 450, not '%s'", optarg);
            eo.render.rate = (int)rate;
            break;
        case O_SHARD:
            if (parse_shard(optarg, &shard_k, &shard_n) < 0)
                return cli_usage("export", "--shard takes K/N, share K of N "
                                 "with K from 1 to N (N up to %d), not '%s'",
                                 EXPORT_MAX_SHARDS, optarg);
            break;
        case 'h': usage(stdout); return CLI_OK;
        case ':': return cli_usage("export", "option '%s' needs a value",
                                   argv[optind - 1]);
        default: return cli_usage("export", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    // With no sources, --podcast-feed -d DIR writes the feed of what DIR
    // holds: the last step once every share of a --shard run is done.
    bool feed_only = optind >= argc && !from && feed && dir && !output;
    if (optind >= argc && !from && !feed_only)
        return cli_usage("export", "no SOURCE given");
    if (shard_n && !dir)
        return cli_usage("export", "--shard needs -d DIR: one file per "
                         "source, in a folder the shares can share");
    if (shard_n && feed)
        return cli_usage("export", "--shard and --podcast-feed do not go "
                         "together: write the feed once every share is done, "
                         "with 'herald export --podcast-feed FEED.xml "
                         "--base-url URL -d DIR'");
    if (!output && !dir)
        return cli_usage("export", "no output given: use -o FILE or -d DIR");
    struct style style;
    int pst = cli_load_profile(profile, &style);
    if (pst != CLI_OK)
        return pst;
    eo.render.style = &style;
    if (output && dir)
        return cli_usage("export", "-o and -d do not go together: one file, "
                         "or one file per source");
    bool to_stdout = output && strcmp(output, "-") == 0;
    if (to_stdout && (eo.captions || eo.chapters))
        return cli_usage("export", "captions and chapters need a file, not "
                         "standard output");
    if (to_stdout && eo.format && strcmp(eo.format, "wav") != 0)
        return cli_usage("export", "-o - writes WAV only");
    if (feed && !dir)
        return cli_usage("export", "--podcast-feed needs -d DIR");
    if (feed && !base_url)
        return cli_usage("export", "--podcast-feed needs --base-url URL");
    if (feed) {
        // The feed must not land on an output of the run: an audio file
        // (any extension the sink knows) or captions.
        const char *ext = strrchr(feed, '.');
        const char *slash = strrchr(feed, '/');
        bool captions = ext && (!slash || ext > slash) &&
                        (strcasecmp(ext, ".vtt") == 0 ||
                         strcasecmp(ext, ".srt") == 0);
        if (sink_file_format_of_path(feed) || captions)
            return cli_usage("export", "--podcast-feed '%s' would take "
                             "the name of an audio or caption file; name "
                             "it FEED.xml", feed);
        if (!*feed)
            return cli_usage("export", "--podcast-feed needs a file name");
    }
    if (base_url && !feed)
        return cli_usage("export", "--base-url is for --podcast-feed");
    if (title && !feed)
        return cli_usage("export", "--title is for --podcast-feed");
    // The feed's own fields: config.ini's [podcast], then --title.
    struct export_podcast pc = {.base_url = base_url};
    if (feed) {
        struct hr_error cerr = {0};
        char *cfg = xdg_config_path("config.ini", NULL);
        int crc = cfg ? export_podcast_config(&pc, cfg, &cerr) : 0;
        free(cfg);
        if (crc < 0)
            return cli_fail(&cerr);
        if (title)
            snprintf(pc.title, sizeof pc.title, "%s", title);
    }
    if (base_url && strncmp(base_url, "http://", 7) != 0 &&
        strncmp(base_url, "https://", 8) != 0)
        return cli_usage("export", "--base-url must be an http(s) URL, not "
                         "'%s'", base_url);
    if (base_url) {
        // The host: what follows the scheme up to a path, query or
        // fragment, without user info; a port alone is no host.
        const char *h = base_url + (base_url[4] == 's' ? 8 : 7);
        size_t hl = strcspn(h, "/?#");
        const char *at = memchr(h, '@', hl);
        if (at) {
            hl -= (size_t)(at + 1 - h);
            h = at + 1;
        }
        if (hl == 0 || *h == ':')
            return cli_usage("export", "--base-url '%s' names no host",
                             base_url);
    }
    if (from && strcmp(from, "-") == 0) {
        for (int i = optind; i < argc; i++) {
            if (strcmp(argv[i], "-") == 0)
                return cli_usage("export", "'-' cannot be both the list "
                                 "(--from-file -) and a source");
        }
    }

    struct run r = {.argv = argv, .argc = argc, .argi = optind,
                    .lang = eo.render.lang, .voice = eo.render.voice,
                    .list_name = from};
    if (from) {
        r.list = strcmp(from, "-") == 0 ? stdin : fopen(from, "r");
        if (!r.list)
            return cli_error("cannot read '%s': %s", from, strerror(errno));
        struct stat lst;
        if (r.list != stdin && fstat(fileno(r.list), &lst) == 0 &&
            S_ISREG(lst.st_mode) && lst.st_size <= (off_t)64 << 20) {
            // Count the sources of a file list up front, for progress
            // (not of a pipe or a device: they cannot be read twice, and
            // /dev/zero never ends; nor of a list too large to be one).
            r.total = (uint64_t)(argc - optind);
            int ch, prev = '\n';
            bool content = false;
            while ((ch = getc(r.list)) != EOF) {
                if (prev == '\n')
                    content = ch != '#' && ch != '\n' && ch != '\r';
                if (ch == '\n' && content)
                    r.total++, content = false;
                prev = ch;
            }
            if (prev != '\n' && content)
                r.total++;
            rewind(r.list);
            r.total_known = true;
        }
    } else {
        r.total = (uint64_t)(argc - optind);
        r.total_known = true;
    }
    if (shard_n) {
        // Which sources are this share's is known only as they are read.
        r.shard_k = shard_k;
        r.shard_n = shard_n;
        r.total = 0;
        r.total_known = false;
    }
    r.out = to_stdout ? stderr : stdout;
    r.fancy = cli_fancy_output(fileno(r.out), quiet);
    r.plain = !quiet && !r.fancy;
    clock_gettime(CLOCK_MONOTONIC, &r.start);
    r.last_draw = r.start;

    struct export_io io = {.ctx = &r,
                           .next = shard_n ? next_in_shard : next_source,
                           .load = load,
                           .report = on_report, .tick = on_tick};
    struct hr_error err = {0};
    int rc;
    if (feed_only)
        goto write_feed;
    // espeak-ng's own complaints ("No envelope") are not herald's lines.
    synth_quiet_stderr(true);
    if (output) {
        rc = export_to_file(output, &eo, &io, &err);
    } else {
        if (mkdir(dir, 0777) < 0 && errno != EEXIST)
            return finish(&r, cli_error("cannot create folder '%s': %s", dir,
                                        strerror(errno)));
        rc = export_to_dir(dir, (int)jobs, &eo, &io, &err);
    }
    if (rc < 0 && to_stdout && err.status == HR_ECANCEL) {
        // The reader closed the pipe (`-o - | head -c 100`): it has what it
        // wanted, so end quietly, as other filters do on EPIPE.  Sources
        // that failed before that are still errors.
        return finish(&r, CLI_OK);
    }
    if (rc < 0) {
        finish(&r, CLI_OK);
        return cli_fail(&err) == CLI_USAGE ? CLI_USAGE : CLI_FAIL;
    }
write_feed:
    if (feed) {
        int n = export_write_podcast(dir, feed, &pc, &err);
        if (n < 0) {
            finish(&r, CLI_OK);
            return cli_fail(&err);
        }
        if (r.plain) {
            fputs("wrote ", r.out);
            cli_print_clean(r.out, feed);
            fprintf(r.out, " (%d items)\n", n);
        }
    }
    return finish(&r, CLI_OK);
}
