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

#include <jansson.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "feed/feed.h"
#include "source/source.h"

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
          "  update [FEED]              fetch what changed, all feeds in\n"
          "                             parallel (or one, by URL or name)\n"
          "  show SOURCE [--format plain|json]\n"
          "                             parse a feed (a file, an http(s) URL,\n"
          "                             - for standard input, or a subscription's\n"
          "                             name) and print it\n"
          "\n"
          "Options:\n"
          "      --db PATH              the database (default\n"
          "                             $XDG_DATA_HOME/herald/herald.db)\n"
          "  -f, --format FMT           show: plain (default) or json\n"
          "  -n, --name NAME            add: the name to call the feed by\n"
          "  -h, --help                 show this help\n"
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

static int cmd_show(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"db", required_argument, NULL, 'D'},
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
        case 'D': break;
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
    struct source_data src;
    if (source_read(spec, 0, &src, &err) < 0)
        return cli_fail(&err);
    struct feed *f;
    int rc = feed_parse(src.body.data, src.body.len, src.location,
                        src.content_type, &f, &err);
    source_release(&src);
    if (rc < 0)
        return cli_fail(&err);
    if (strcmp(format, "json") == 0) {
        json_t *j = feed_json(f);
        json_dumpf(j, stdout, JSON_COMPACT | JSON_ENSURE_ASCII * 0);
        fputc('\n', stdout);
        json_decref(j);
    } else {
        feed_plain(f);
    }
    feed_free(f);
    return CLI_OK;
}

int cmd_feeds(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage("feeds", "'herald feeds' needs a command");
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ||
        strcmp(sub, "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(sub, "show") == 0)
        return cmd_show(argc - 1, argv + 1);
    return cli_usage("feeds", "unknown command '%s'", sub);
}
