/*
 * feeds.c — `herald feeds`: subscriptions, updates, and showing a feed.
 *
 * DESIGN: a thin layer.  Parsing is feed/, fetching net/ (through source/
 * for one SOURCE), the cache and subscriptions store/.  This file chooses
 * what to print and how: untrusted text from feeds goes through
 * cli_print_clean() on a terminal-bound plain output, and through jansson
 * (which escapes control characters) for JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ini.h>
#include <jansson.h>

#include "base/alloc.h"
#include "base/xdg.h"
#include "cli/cli.h"
#include "feed/feed.h"
#include "net/fetch.h"
#include "source/source.h"
#include "store/store.h"

/* Options every subcommand takes. */
struct feeds_opts {
    const char *db;         /* --db PATH, or NULL for the default */
    long timeout_s;         /* --timeout: per fetch, 0 for the default */
    size_t max_bytes;       /* --max-size MB: per fetch, 0 for the default */
    int keep_days;          /* --keep-days: -1 for config.ini, else the default */
};

/* `feeds update` when some feeds were updated and others failed: not 1,
 * so that a cron job tells "one feed is down" from "nothing worked". */
#define FEEDS_PARTIAL 3

static struct feeds_opts gopts;

#define UPDATE_MAX_TOTAL 8      /* transfers at once */
#define UPDATE_MAX_PER_HOST 2   /* politeness: connections to one host */

static void usage(FILE *f)
{
    fputs("usage: herald feeds COMMAND [OPTIONS] [ARGS]\n"
          "\n"
          "Subscribe to RSS and Atom feeds, keep them up to date in herald's\n"
          "database, and show what they hold.\n"
          "\n"
          "Commands:\n"
          "  add URL [--name NAME]      subscribe to a feed (http or https)\n"
          "  remove URL|NAME            unsubscribe and forget its items\n"
          "  list                       the subscriptions, with unread counts\n"
          "                             and how old their news is\n"
          "  import FILE.opml           subscribe to every feed of an OPML\n"
          "                             file (nested outlines become categories)\n"
          "  export                     print the subscriptions as OPML\n"
          "  update [FEED] [-q]         fetch what changed, all feeds in\n"
          "                             parallel (or one, by URL or name), and\n"
          "                             drop items as 'prune' does\n"
          "  prune [FEED]               drop cached items the feed no longer\n"
          "                             lists, last listed over --keep-days ago,\n"
          "                             unless a resume position points at them\n"
          "  show SOURCE [--format plain|json]\n"
          "                             parse a feed (a file, an http(s) URL,\n"
          "                             - for standard input, or a subscription's\n"
          "                             name) and print it\n"
          "\n"
          "Options:\n"
          "      --db PATH              the database (default\n"
          "                             $XDG_DATA_HOME/herald/herald.db)\n"
          "      --timeout SECONDS      give up on a fetch after this long\n"
          "                             (default 60)\n"
          "      --max-size MB          refuse feeds larger than this (default 64)\n"
          "      --keep-days N          update, prune: keep items N days after\n"
          "                             their feed stopped listing them (default\n"
          "                             keep-days in [feeds] of config.ini, else 30)\n"
          "  -u, --unread               list: count only unread items\n"
          "  -f, --format FMT           show: plain (default) or json\n"
          "  -n, --name NAME            add: the name to call the feed by\n"
          "  -h, --help                 show this help\n"
          "\n"
          "'add' fetches the feed once and refuses a URL that answers with an\n"
          "HTTP error or is not an RSS or Atom feed; when the server cannot be\n"
          "reached it warns and subscribes anyway.\n"
          "\n"
          "Exit status of 'update': 0 when every feed was updated, 3 when some\n"
          "were and others failed (each failure is a warning), 1 when none\n"
          "could be updated.\n"
          "\n"
          "Only http and https feeds are fetched; file:, javascript:, data: and\n"
          "other schemes in a feed or OPML file are refused.\n", f);
}

/* ---- show ----------------------------------------------------------------- */

static json_t *json_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *json_date(int64_t t)
{
    if (t == FEED_NO_TIME)
        return json_null();
    char d[32];
    feed_format_date(t, d);
    return json_string(d);
}

static json_t *feed_json(const struct feed *f)
{
    json_t *items = json_array();
    for (size_t i = 0; i < f->n_items; i++) {
        const struct feed_item *it = &f->items[i];
        json_t *encl = json_array();
        for (size_t j = 0; j < it->n_enclosures; j++) {
            const struct feed_enclosure *e = &it->enclosures[j];
            json_array_append_new(encl, json_pack(
                "{s:o, s:o, s:o}", "url", json_str(e->url), "type",
                json_str(e->type), "length",
                e->length >= 0 ? json_integer(e->length) : json_null()));
        }
        json_array_append_new(items, json_pack(
            "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
            "id", json_str(it->id), "title", json_str(it->title),
            "link", json_str(it->link), "author", json_str(it->author),
            "published", json_date(it->published),
            "updated", json_date(it->updated),
            "summary", json_str(it->summary), "enclosures", encl));
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
                     "title", json_str(f->title), "link", json_str(f->link),
                     "description", json_str(f->description),
                     "lang", json_str(f->lang),
                     "updated", json_date(f->updated), "items", items);
}

static void print_field(const char *label, const char *value)
{
    if (!value)
        return;
    fputs(label, stdout);
    cli_print_clean(stdout, value);
    fputc('\n', stdout);
}

static void feed_plain(const struct feed *f)
{
    print_field("", f->title ? f->title : "(untitled feed)");
    print_field("  ", f->link);
    print_field("  ", f->description);
    if (f->updated != FEED_NO_TIME) {
        char d[32];
        feed_format_date(f->updated, d);
        printf("  updated %s\n", d);
    }
    printf("  %zu item%s\n", f->n_items, f->n_items == 1 ? "" : "s");
    for (size_t i = 0; i < f->n_items; i++) {
        const struct feed_item *it = &f->items[i];
        fputc('\n', stdout);
        print_field("", it->title ? it->title : "(untitled)");
        int64_t t = it->published != FEED_NO_TIME ? it->published : it->updated;
        if (t != FEED_NO_TIME) {
            char d[32];
            feed_format_date(t, d);
            printf("  %s\n", d);
        }
        print_field("  ", it->link);
        print_field("  by ", it->author);
    }
}

/* ---- helpers ---------------------------------------------------------------- */

/* "3 minutes ago", "2 days ago": how old the news is. */
static void age_of(int64_t when, char *out, size_t n)
{
    if (!when) {
        snprintf(out, n, "never fetched");
        return;
    }
    int64_t d = (int64_t)time(NULL) - when;
    if (d < 0)
        d = 0;
    if (d < 60)
        snprintf(out, n, "fetched just now");
    else if (d < 3600)
        snprintf(out, n, "fetched %lld minute%s ago", (long long)(d / 60),
                 d / 60 == 1 ? "" : "s");
    else if (d < 86400 * 2)
        snprintf(out, n, "fetched %lld hour%s ago", (long long)(d / 3600),
                 d / 3600 == 1 ? "" : "s");
    else
        snprintf(out, n, "fetched %lld days ago", (long long)(d / 86400));
}

static int refuse_scheme(const char *url)
{
    return cli_error("refusing '%s': only http and https feeds are fetched",
                     url);
}

static int open_store(struct store **s)
{
    struct hr_error err = {0};
    if (store_open(gopts.db, s, &err) < 0)
        return cli_fail(&err);
    return CLI_OK;
}

static struct fetch_opts fetch_defaults(void)
{
    struct fetch_opts o = {
        .max_bytes = gopts.max_bytes,
        .timeout_s = gopts.timeout_s,
        .accept = "application/rss+xml, application/atom+xml, "
                  "application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, "
                  "*/*;q=0.5",
    };
    return o;
}

struct keep_ini {
    long days;
    bool bad;
    char value[64];
};

static int on_keep_ini(void *user, const char *section, const char *name,
                       const char *value)
{
    struct keep_ini *k = user;
    if (strcmp(section, "feeds") != 0 || strcmp(name, "keep-days") != 0)
        return 1;       // other keys belong to other parts of herald
    if (cli_parse_int(value, 0, STORE_KEEP_DAYS_MAX, &k->days) < 0) {
        snprintf(k->value, sizeof k->value, "%s", value);
        k->bad = true;
    }
    return 1;
}

/* Days an item stays after its feed stopped listing it: --keep-days, else
 * keep-days in the [feeds] section of config.ini, else the default.  -1,
 * after an error line, when config.ini holds a bad value. */
static int keep_days(void)
{
    if (gopts.keep_days >= 0)
        return gopts.keep_days;
    struct keep_ini k = {.days = STORE_KEEP_DAYS_DEFAULT};
    char *cfg = xdg_config_path("config.ini", NULL);
    if (cfg && access(cfg, F_OK) == 0)
        ini_parse(cfg, on_keep_ini, &k);
    if (k.bad) {
        cli_error("%s: bad keep-days '%s' in [feeds] (days, 0 to %d)", cfg,
                  k.value, STORE_KEEP_DAYS_MAX);
        free(cfg);
        return -1;
    }
    free(cfg);
    return (int)k.days;
}

/* Parse the common options out of argv (in place); returns -1 and prints
 * on a bad value.  Leaves the others for the subcommand's getopt. */
static int take_common(int *argc, char **argv)
{
    int out = 0;
    for (int i = 0; i < *argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        const char *names[] = {"--db", "--timeout", "--max-size", "--keep-days"};
        int which = -1;
        for (int k = 0; k < 4; k++) {
            size_t l = strlen(names[k]);
            if (strncmp(a, names[k], l) == 0 && (a[l] == '\0' || a[l] == '=')) {
                which = k;
                if (a[l] == '=')
                    v = a + l + 1;
                else if (i + 1 < *argc)
                    v = argv[++i];
                break;
            }
        }
        if (which < 0) {
            argv[out++] = argv[i];
            continue;
        }
        if (!v) {
            cli_usage("feeds", "option '%s' needs a value", names[which]);
            return -1;
        }
        long n;
        if (which == 0) {
            gopts.db = v;
        } else if (which == 1) {
            if (cli_parse_int(v, 1, 86400, &n) < 0) {
                cli_usage("feeds", "bad --timeout '%s' (seconds, 1 to 86400)", v);
                return -1;
            }
            gopts.timeout_s = n;
        } else if (which == 3) {
            if (cli_parse_int(v, 0, STORE_KEEP_DAYS_MAX, &n) < 0) {
                cli_usage("feeds", "bad --keep-days '%s' (days, 0 to %d)", v,
                          STORE_KEEP_DAYS_MAX);
                return -1;
            }
            gopts.keep_days = (int)n;
        } else {
            if (cli_parse_int(v, 1, 1024, &n) < 0) {
                cli_usage("feeds", "bad --max-size '%s' (MB, 1 to 1024)", v);
                return -1;
            }
            gopts.max_bytes = (size_t)n << 20;
        }
    }
    argv[out] = NULL;
    *argc = out;
    return 0;
}

/* A feed from the cache, shaped like a parsed one. */
static struct feed *cached_feed(struct store *s, const struct store_feed *sf,
                                struct hr_error *err)
{
    struct store_item_list l;
    if (store_items(s, sf->id, false, 0, &l, err) < 0)
        return NULL;
    struct feed *f = feed_new(sf->url);
    f->title = sf->title ? xstrdup(sf->title) : sf->name ? xstrdup(sf->name) : NULL;
    f->link = sf->site ? xstrdup(sf->site) : NULL;
    f->lang = sf->lang ? xstrdup(sf->lang) : NULL;
    for (size_t i = 0; i < l.n; i++) {
        struct feed_item *it = feed_add_item(f);
        if (!it)
            break;
        struct store_item *si = &l.items[i];
        it->id = si->key, si->key = NULL;
        it->title = si->title, si->title = NULL;
        it->link = si->link, si->link = NULL;
        it->author = si->author, si->author = NULL;
        it->summary = si->summary, si->summary = NULL;
        it->published = si->published;
        it->updated = si->updated;
    }
    store_item_list_release(&l);
    return f;
}

/* ---- show ----------------------------------------------------------------- */

static int feeds_show(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "plain";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': format = optarg; break;
        case 'h': usage(stdout); return CLI_OK;
        case ':': return cli_usage("feeds", "option '%s' needs a value",
                                   argv[optind - 1]);
        default: return cli_usage("feeds", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    if (strcmp(format, "plain") != 0 && strcmp(format, "json") != 0)
        return cli_usage("feeds", "unknown format '%s' (plain or json)", format);
    if (optind != argc - 1)
        return cli_usage("feeds", "'feeds show' takes one SOURCE");
    const char *spec = argv[optind];

    struct hr_error err = {0};
    struct feed *f = NULL;
    enum source_kind kind = source_classify(spec);
    bool named = (kind == SOURCE_FILE && access(spec, F_OK) != 0) ||
                 kind == SOURCE_REFUSED;
    if (named) {
        // Not a file: a subscription's name (which may hold a colon),
        // shown from the cache; else a URL of another scheme, refused.
        struct store *s;
        if (open_store(&s) != CLI_OK)
            return CLI_FAIL;
        struct store_feed sf;
        if (store_feed_find(s, spec, &sf, &err) < 0) {
            store_close(s);
            if (err.status != HR_ENOTFOUND)
                return cli_fail(&err);
            if (kind == SOURCE_REFUSED) {
                struct source_data src;
                source_read(spec, 0, &src, &err);   // says why it is refused
                return cli_fail(&err);
            }
            return cli_error("cannot open '%s': no such file, and no "
                             "subscription of that name", spec);
        }
        f = cached_feed(s, &sf, &err);
        if (f && strcmp(format, "plain") == 0) {
            char age[64];
            age_of(sf.fetched, age, sizeof age);
            printf("(from the cache, %s)\n", age);
        }
        store_feed_release(&sf);
        store_close(s);
        if (!f)
            return cli_fail(&err);
    } else {
        struct source_data src;
        size_t cap = gopts.max_bytes;
        if (source_read(spec, cap, &src, &err) < 0)
            return cli_fail(&err);
        int rc = feed_parse(src.body.data, src.body.len, src.location,
                            src.content_type, &f, &err);
        source_release(&src);
        if (rc < 0)
            return cli_fail(&err);
    }
    if (strcmp(format, "json") == 0) {
        json_t *j = feed_json(f);
        json_dumpf(j, stdout, JSON_COMPACT);
        fputc('\n', stdout);
        json_decref(j);
    } else {
        feed_plain(f);
    }
    feed_free(f);
    return CLI_OK;
}

/* ---- add / remove / list -------------------------------------------------- */

static int feeds_add(int argc, char **argv)
{
    static const struct option opts[] = {
        {"name", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *name = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'n': name = optarg; break;
        case 'h': usage(stdout); return CLI_OK;
        case ':': return cli_usage("feeds", "option '%s' needs a value",
                                   argv[optind - 1]);
        default: return cli_usage("feeds", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage("feeds", "'feeds add' takes one URL");
    const char *url = argv[optind];
    if (!feed_url_scheme_ok(url))
        return refuse_scheme(url);
    if (name && !*name)
        return cli_usage("feeds", "the name may not be empty");
    struct store *s;
    if (open_store(&s) != CLI_OK)
        return CLI_FAIL;
    struct hr_error err = {0};
    struct store_feed known;
    if (store_feed_find(s, url, &known, &err) == 0) {
        bool same = strcmp(known.url, url) == 0;
        store_feed_release(&known);
        if (same) {
            int rc = store_feed_add(s, url, name, NULL, NULL, &err);
            store_close(s);
            if (rc < 0)
                return cli_fail(&err);
            fputs("already subscribed to ", stdout);
            cli_print_clean(stdout, url);
            fputc('\n', stdout);
            return CLI_OK;
        }
    }
    hr_error_clear(&err);

    // Fetch it once: a typo, a 404 or a web page is refused here rather
    // than failing every update from now on.  A server that cannot be
    // reached at all (offline, DNS, timeout) is no verdict on the URL.
    struct fetch_opts o = fetch_defaults();
    struct fetch_result r = {0};
    struct feed *f = NULL;
    bool offline = false;
    if (net_fetch(url, &o, &r, &err) < 0) {
        if (err.status != HR_ENET || r.status != 0) {
            fetch_result_release(&r);
            store_close(s);
            hr_error_prefix(&err, "not subscribed");
            return cli_fail(&err);
        }
        offline = true;
    } else if (feed_parse(r.body.data, r.body.len, r.final_url ? r.final_url : url,
                          r.content_type, &f, &err) < 0) {
        fetch_result_release(&r);
        store_close(s);
        hr_error_prefix(&err, "not subscribed");
        return cli_fail(&err);
    }
    if (offline) {
        cli_warn("%s; subscribed anyway, 'herald feeds update' will try again",
                 err.msg);
        hr_error_clear(&err);
    }
    int rc = store_feed_add(s, url, name, NULL, NULL, &err);
    size_t n_items = f ? f->n_items : 0;
    if (rc > 0 && f) {
        // Keep what was fetched: the first update is then a 304.
        struct store_feed sf;
        if (store_feed_find(s, url, &sf, &err) < 0) {
            rc = -1;
        } else {
            if (store_feed_record(s, sf.id, f, false, r.etag, r.last_modified,
                                  NULL, NULL, &err) < 0)
                rc = -1;
            store_feed_release(&sf);
        }
    }
    char *title = f && f->title ? xstrdup(f->title) : NULL;
    feed_free(f);
    fetch_result_release(&r);
    store_close(s);
    if (rc < 0) {
        free(title);
        return cli_fail(&err);
    }
    fputs(rc ? "subscribed to " : "already subscribed to ", stdout);
    cli_print_clean(stdout, url);
    if (rc && !offline) {
        fputs(title ? ": " : "", stdout);
        if (title)
            cli_print_clean(stdout, title);
        printf(", %zu item%s", n_items, n_items == 1 ? "" : "s");
    }
    fputc('\n', stdout);
    free(title);
    return CLI_OK;
}

static int feeds_remove(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return CLI_OK;
    }
    if (argc != 2)
        return cli_usage("feeds", "'feeds remove' takes one URL or NAME");
    struct store *s;
    if (open_store(&s) != CLI_OK)
        return CLI_FAIL;
    struct hr_error err = {0};
    int rc = store_feed_remove(s, argv[1], &err);
    store_close(s);
    if (rc < 0)
        return cli_fail(&err);
    fputs("unsubscribed from ", stdout);
    cli_print_clean(stdout, argv[1]);
    fputc('\n', stdout);
    return CLI_OK;
}

static int feeds_list(int argc, char **argv)
{
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return CLI_OK;
        } else if (strcmp(argv[i], "--format=json") == 0 ||
                   (strcmp(argv[i], "--format") == 0 && i + 1 < argc &&
                    strcmp(argv[++i], "json") == 0)) {
            json = true;
        } else if (strcmp(argv[i], "--format=plain") == 0 ||
                   (strcmp(argv[i - 1], "--format") == 0 &&
                    strcmp(argv[i], "plain") == 0)) {
            json = false;
        } else {
            return cli_usage("feeds", "unexpected '%s' after 'feeds list'", argv[i]);
        }
    }
    struct store *s;
    if (open_store(&s) != CLI_OK)
        return CLI_FAIL;
    struct hr_error err = {0};
    struct store_feed_list l;
    int rc = store_feed_list(s, &l, &err);
    store_close(s);
    if (rc < 0)
        return cli_fail(&err);
    json_t *arr = json ? json_array() : NULL;
    for (size_t i = 0; i < l.n; i++) {
        struct store_feed *f = &l.feeds[i];
        char age[64];
        age_of(f->fetched, age, sizeof age);
        if (json) {
            json_array_append_new(arr, json_pack(
                "{s:s, s:o, s:o, s:o, s:o, s:I, s:I, s:o, s:o}",
                "url", f->url, "name", json_str(f->name),
                "title", json_str(f->title), "category", json_str(f->category),
                "lang", json_str(f->lang), "items", (json_int_t)f->n_items,
                "unread", (json_int_t)f->n_unread,
                "fetched", f->fetched ? json_date(f->fetched) : json_null(),
                "error", json_str(f->last_error)));
            continue;
        }
        const char *label = f->name ? f->name : f->title ? f->title : f->url;
        cli_print_clean(stdout, label);
        if (f->category) {
            fputs(" [", stdout);
            cli_print_clean(stdout, f->category);
            fputc(']', stdout);
        }
        printf("\n  ");
        cli_print_clean(stdout, f->url);
        printf("\n  %lld unread of %lld, %s\n", (long long)f->n_unread,
               (long long)f->n_items, age);
        if (f->last_error) {
            fputs("  last update failed: ", stdout);
            cli_print_clean(stdout, f->last_error);
            fputc('\n', stdout);
        }
    }
    if (json) {
        json_dumpf(arr, stdout, JSON_COMPACT);
        fputc('\n', stdout);
        json_decref(arr);
    } else if (l.n == 0) {
        puts("no subscriptions; add one with 'herald feeds add URL' or "
             "'herald feeds import FILE.opml'");
    }
    store_feed_list_release(&l);
    return CLI_OK;
}

/* ---- import / export ------------------------------------------------------ */

static int feeds_import(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return CLI_OK;
    }
    if (argc != 2)
        return cli_usage("feeds", "'feeds import' takes one OPML file");
    struct hr_error err = {0};
    struct source_data src;
    if (source_read(argv[1], 0, &src, &err) < 0)
        return cli_fail(&err);
    struct opml *o;
    int rc = opml_parse(src.body.data, src.body.len, argv[1], &o, &err);
    source_release(&src);
    if (rc < 0)
        return cli_fail(&err);
    struct store *s;
    if (open_store(&s) != CLI_OK) {
        opml_free(o);
        return CLI_FAIL;
    }
    size_t added = 0, known = 0, refused = 0;
    for (size_t i = 0; i < o->n_entries; i++) {
        const struct opml_entry *e = &o->entries[i];
        if (!feed_url_scheme_ok(e->xml_url)) {
            refused++;
            char *clean = feed_html_to_text(e->xml_url, strlen(e->xml_url));
            cli_warn("skipping '%s': only http and https feeds are fetched", clean);
            free(clean);
            continue;
        }
        rc = store_feed_add(s, e->xml_url, e->title, e->category, e->lang, &err);
        if (rc < 0)
            break;
        if (rc)
            added++;
        else
            known++;
    }
    store_close(s);
    opml_free(o);
    if (rc < 0)
        return cli_fail(&err);
    printf("imported %zu feed%s (%zu already subscribed, %zu refused)\n",
           added, added == 1 ? "" : "s", known, refused);
    return CLI_OK;
}

static int feeds_export(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return CLI_OK;
    }
    if (argc != 1)
        return cli_usage("feeds", "'feeds export' takes no arguments");
    struct store *s;
    if (open_store(&s) != CLI_OK)
        return CLI_FAIL;
    struct hr_error err = {0};
    struct store_feed_list l;
    int rc = store_feed_list(s, &l, &err);
    store_close(s);
    if (rc < 0)
        return cli_fail(&err);
    struct opml o = {.title = "herald subscriptions"};
    for (size_t i = 0; i < l.n; i++) {
        struct store_feed *f = &l.feeds[i];
        opml_add(&o, f->name ? f->name : f->title, f->url, f->site, f->lang,
                 f->category);
    }
    struct buf b = BUF_INIT;
    rc = opml_write(&o, &b, &err);
    o.title = NULL;
    for (size_t i = 0; i < o.n_entries; i++) {
        free(o.entries[i].title);
        free(o.entries[i].xml_url);
        free(o.entries[i].html_url);
        free(o.entries[i].lang);
        free(o.entries[i].category);
    }
    free(o.entries);
    store_feed_list_release(&l);
    if (rc == 0)
        fwrite(b.data, 1, b.len, stdout);
    buf_release(&b);
    return rc < 0 ? cli_fail(&err) : CLI_OK;
}

/* ---- update --------------------------------------------------------------- */

struct update_ctx {
    struct store *store;
    struct store_feed *feeds;   /* parallel to the jobs */
    struct fetch_job *jobs;
    size_t n_ok, n_failed, n_new, n_same, n_pruned;
    int keep_days;
    bool quiet;
};

static void on_fetched(struct fetch_job *job, void *vctx)
{
    struct update_ctx *u = vctx;
    struct store_feed *sf = &u->feeds[job - u->jobs];
    const char *label = sf->name ? sf->name : sf->title ? sf->title : sf->url;
    struct hr_error err = {0};
    size_t n_new = 0;
    int rc;

    if (job->rc < 0) {
        rc = -1;
        err = job->err;
    } else if (job->result.not_modified) {
        rc = store_feed_record(u->store, sf->id, NULL, true, job->result.etag,
                               job->result.last_modified, NULL, NULL, &err);
        if (rc == 0)
            u->n_same++;
    } else {
        struct feed *f;
        rc = feed_parse(job->result.body.data, job->result.body.len,
                        job->result.final_url, job->result.content_type, &f,
                        &err);
        if (rc == 0) {
            rc = store_feed_record(u->store, sf->id, f, false, job->result.etag,
                                   job->result.last_modified, NULL, &n_new, &err);
            feed_free(f);
        }
    }
    size_t n_pruned = 0;
    if (rc == 0)
        rc = store_prune(u->store, sf->id, u->keep_days, &n_pruned, &err);
    if (rc < 0) {
        u->n_failed++;
        struct hr_error ignored;
        store_feed_record(u->store, sf->id, NULL, false, NULL, NULL, err.msg,
                          NULL, &ignored);
        char *clean = feed_html_to_text(label, strlen(label));
        cli_warn("cannot update '%s': %s", clean, err.msg);
        free(clean);
    } else {
        u->n_ok++;
        u->n_new += n_new;
        u->n_pruned += n_pruned;
        if (!u->quiet) {
            cli_print_clean(stdout, label);
            if (job->result.not_modified)
                printf(": not modified");
            else
                printf(": %zu new", n_new);
            if (n_pruned)
                printf(", %zu old item%s dropped", n_pruned,
                       n_pruned == 1 ? "" : "s");
            fputc('\n', stdout);
        }
    }
    fetch_result_release(&job->result);
}

static int feeds_update(int argc, char **argv)
{
    bool quiet = false;
    const char *which = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return CLI_OK;
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            quiet = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("feeds", "unknown option '%s'", argv[i]);
        } else if (!which) {
            which = argv[i];
        } else {
            return cli_usage("feeds", "'feeds update' takes at most one FEED");
        }
    }
    int days = keep_days();
    if (days < 0)
        return CLI_FAIL;
    struct store *s;
    if (open_store(&s) != CLI_OK)
        return CLI_FAIL;
    struct hr_error err = {0};
    struct store_feed_list l = {0};
    if (which) {
        l.feeds = xcalloc(1, sizeof *l.feeds);
        if (store_feed_find(s, which, &l.feeds[0], &err) < 0) {
            free(l.feeds);
            store_close(s);
            return cli_fail(&err);
        }
        l.n = 1;
    } else if (store_feed_list(s, &l, &err) < 0) {
        store_close(s);
        return cli_fail(&err);
    }
    if (l.n == 0) {
        store_close(s);
        puts("no subscriptions to update");
        return CLI_OK;
    }
    struct fetch_job *jobs = xcalloc(l.n, sizeof *jobs);
    for (size_t i = 0; i < l.n; i++) {
        jobs[i].url = l.feeds[i].url;
        jobs[i].opts = fetch_defaults();
        jobs[i].opts.etag = l.feeds[i].etag;
        jobs[i].opts.last_modified = l.feeds[i].last_modified;
    }
    struct update_ctx u = {.store = s, .feeds = l.feeds, .jobs = jobs,
                           .keep_days = days, .quiet = quiet};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = net_fetch_many(jobs, l.n, UPDATE_MAX_TOTAL, UPDATE_MAX_PER_HOST,
                            on_fetched, &u, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    free(jobs);
    store_feed_list_release(&l);
    store_close(s);
    if (rc < 0)
        return cli_fail(&err);
    if (!quiet) {
        printf("updated %zu of %zu feed%s in %.1f s: %zu new item%s, %zu not "
               "modified", u.n_ok, u.n_ok + u.n_failed,
               u.n_ok + u.n_failed == 1 ? "" : "s", secs, u.n_new,
               u.n_new == 1 ? "" : "s", u.n_same);
        if (u.n_pruned)
            printf(", %zu old item%s dropped", u.n_pruned,
                   u.n_pruned == 1 ? "" : "s");
        fputc('\n', stdout);
    }
    if (u.n_failed && !u.n_ok)
        return cli_error("none of %zu feed%s could be updated", u.n_failed,
                         u.n_failed == 1 ? "" : "s");
    if (u.n_failed) {
        cli_warn("%zu of %zu feeds could not be updated", u.n_failed,
                 u.n_ok + u.n_failed);
        return FEEDS_PARTIAL;
    }
    return CLI_OK;
}

/* ---- prune ---------------------------------------------------------------- */

static int feeds_prune(int argc, char **argv)
{
    const char *which = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return CLI_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("feeds", "unknown option '%s'", argv[i]);
        } else if (!which) {
            which = argv[i];
        } else {
            return cli_usage("feeds", "'feeds prune' takes at most one FEED");
        }
    }
    int days = keep_days();
    if (days < 0)
        return CLI_FAIL;
    struct store *s;
    if (open_store(&s) != CLI_OK)
        return CLI_FAIL;
    struct hr_error err = {0};
    int64_t id = 0;
    if (which) {
        struct store_feed sf;
        if (store_feed_find(s, which, &sf, &err) < 0) {
            store_close(s);
            return cli_fail(&err);
        }
        id = sf.id;
        store_feed_release(&sf);
    }
    size_t n = 0;
    int rc = store_prune(s, id, days, &n, &err);
    store_close(s);
    if (rc < 0)
        return cli_fail(&err);
    printf("dropped %zu old item%s (kept what the feeds list, items with a "
           "resume position, and items listed in the last %d day%s)\n", n,
           n == 1 ? "" : "s", days, days == 1 ? "" : "s");
    return CLI_OK;
}

/* ---- dispatch --------------------------------------------------------------- */

int cmd_feeds(int argc, char **argv)
{
    memset(&gopts, 0, sizeof gopts);
    gopts.keep_days = -1;
    if (take_common(&argc, argv) < 0)
        return CLI_USAGE;
    if (argc < 2)
        return cli_usage("feeds", "'herald feeds' needs a command");
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ||
        strcmp(sub, "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    static const struct {
        const char *name;
        int (*fn)(int argc, char **argv);
    } subs[] = {
        {"show", feeds_show}, {"add", feeds_add}, {"remove", feeds_remove},
        {"list", feeds_list}, {"import", feeds_import}, {"export", feeds_export},
        {"update", feeds_update}, {"prune", feeds_prune},
    };
    for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
        if (strcmp(sub, subs[i].name) == 0)
            return subs[i].fn(argc - 1, argv + 1);
    }
    return cli_usage("feeds", "unknown command '%s'", sub);
}
