/*
 * podcast.c — an RSS 2.0 podcast feed of a folder of exported audio.
 *
 * DESIGN: the folder is the database.  Each audio file carries its
 * article's title, byline, date and source in its tags (written by the
 * file sink), so the feed is rebuilt from the files themselves: whatever
 * earlier runs, resumed runs or a user's deletions left there is what the
 * feed lists.  Items are newest first (by the article's date, else the
 * file's modification time), ties by name.  The feed is written
 * atomically, so a podcast app polling it never reads half a feed.
 *
 * What identifies an item is the article's id in the file's comment tag
 * (its URL, or a hash of its text: article_id()), the same on every
 * machine; a comment that is neither (a file of an older herald held the
 * source's local path there) gives way to the file's name.  The channel
 * is named by the configuration or --title, not by the folder.
 */
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <ini.h>

#include "base/alloc.h"
#include "base/lines.h"
#include "base/utf8.h"
#include "export/export.h"
#include "sink/sink_file.h"

#define PODCAST_MAX_ITEMS 10000

struct item {
    char *name;
    char *title;
    char *author;
    char *source;
    const char *mime;
    time_t date;
    uint64_t bytes;
    uint64_t seconds;
};

/* s as XML text: markup characters escaped, C0 controls as spaces, bytes
 * that are not UTF-8 (a folder or file name can hold any) as U+FFFD. */
static int put_escaped(struct buf *b, const char *s, struct hr_error *err)
{
    int rc = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    for (; p < end && rc == 0; p++) {
        if (*p >= 0x80) {
            uint32_t c;
            size_t n = utf8_decode(p, (size_t)(end - p), &c);
            if (n && c != 0xfffe && c != 0xffff) {     // XML forbids these two
                rc = buf_append(b, p, n, err);
                p += n - 1;
            } else {
                rc = buf_puts(b, "\xef\xbf\xbd", err);
            }
            continue;
        }
        switch (*p) {
        case '&': rc = buf_puts(b, "&amp;", err); break;
        case '<': rc = buf_puts(b, "&lt;", err); break;
        case '>': rc = buf_puts(b, "&gt;", err); break;
        case '"': rc = buf_puts(b, "&quot;", err); break;
        case '\'': rc = buf_puts(b, "&apos;", err); break;
        default:
            // XML 1.0 allows no C0 controls but tab, CR and LF.
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                rc = buf_putc(b, ' ', err);
            else
                rc = buf_putc(b, (char)*p, err);
        }
    }
    return rc;
}

/* Append base with the bytes a URL may not hold raw (space, controls,
 * non-ASCII, quotes, <>\^`{|}) percent-encoded; reserved characters and
 * existing %XX escapes stay as they are. */
static int put_base(struct buf *url, const char *base, size_t len,
                    struct hr_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0; i++) {
        unsigned char c = (unsigned char)base[i];
        if (c <= 0x20 || c >= 0x7f || strchr("\"<>\\^`{|}", c))
            rc = buf_printf(url, err, "%%%02X", c);
        else
            rc = buf_putc(url, (char)c, err);
    }
    return rc;
}

/* base (its trailing slashes dropped) + "/" + name percent-encoded, or
 * just the base when name is NULL; XML-escaped into b. */
static int put_url(struct buf *b, const char *base, const char *name,
                   struct hr_error *err)
{
    size_t bl = strlen(base);
    while (name && bl > 0 && base[bl - 1] == '/')
        bl--;
    struct buf url = BUF_INIT;
    int rc = put_base(&url, base, bl, err);
    if (rc == 0 && name)
        rc = buf_putc(&url, '/', err);
    for (const unsigned char *p = (const unsigned char *)name; p && *p &&
         rc == 0; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
            *p == '~')
            rc = buf_putc(&url, (char)*p, err);
        else
            rc = buf_printf(&url, err, "%%%02X", *p);
    }
    if (rc == 0)
        rc = put_escaped(b, url.data, err);
    buf_release(&url);
    return rc;
}

/* "2019-12-17", "2019-12-17T10:30:00Z", "...+03:00" -> time_t; -1 if
 * the text does not hold at least a full date. */
static time_t parse_date(const char *s)
{
    int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || mo < 1 ||
        mo > 12 || d < 1 || d > 31)
        return -1;
    const char *p = s + n;
    long off = 0;
    if (*p == 'T' || *p == ' ') {
        int m = 0;
        if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &m) == 2) {
            p += 1 + m;
            if (*p == ':' && sscanf(p + 1, "%2d%n", &sec, &m) == 1)
                p += 1 + m;
            while (*p == '.' || (*p >= '0' && *p <= '9'))
                p++;
            int oh, om;
            if ((*p == '+' || *p == '-') &&
                sscanf(p + 1, "%2d:%2d", &oh, &om) == 2)
                off = (*p == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
        }
    }
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
                    .tm_hour = h, .tm_min = mi, .tm_sec = sec};
    time_t t = timegm(&tm);
    return t == (time_t)-1 ? -1 : t - off;
}

static int put_rfc822(struct buf *b, time_t t, struct hr_error *err)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
                                    "Sat"};
    static const char mons[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return buf_printf(b, err, "%s, %02d %s %04d %02d:%02d:%02d +0000",
                      days[tm.tm_wday], tm.tm_mday, mons[tm.tm_mon],
                      tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int by_date(const void *x, const void *y)
{
    const struct item *a = x, *b = y;
    if (a->date != b->date)
        return a->date > b->date ? -1 : 1;
    return strcmp(a->name, b->name);
}

static void free_items(struct item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i].name);
        free(items[i].title);
        free(items[i].author);
        free(items[i].source);
    }
    free(items);
}

static int collect(const char *dir, struct item **out, size_t *nout,
                   struct hr_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return hr_fail_errno(err, "cannot read folder '%s'", dir);
    struct item *items = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < PODCAST_MAX_ITEMS) {
        const char *format = sink_file_format_of_path(e->d_name);
        if (e->d_name[0] == '.' || !format)
            continue;
        char path[PATH_MAX];
        int k = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        struct sink_file_info info;
        if (k < 0 || (size_t)k >= sizeof path || stat(path, &st) < 0 ||
            !S_ISREG(st.st_mode) || sink_file_probe(path, &info, NULL) < 0)
            continue;
        items = xreallocarray(items, n + 1, sizeof *items);
        struct item *it = &items[n++];
        it->name = xstrdup(e->d_name);
        if (info.title[0]) {
            it->title = xstrdup(info.title);
        } else {
            it->title = xstrdup(e->d_name);
            char *dot = strrchr(it->title, '.');
            if (dot)
                *dot = '\0';
        }
        it->author = info.artist[0] ? xstrdup(info.artist) : NULL;
        it->source = info.comment[0] ? xstrdup(info.comment) : NULL;
        it->mime = sink_file_mime(format);
        time_t t = info.date[0] ? parse_date(info.date) : (time_t)-1;
        it->date = t != (time_t)-1 ? t : st.st_mtime;
        it->bytes = (uint64_t)st.st_size;
        it->seconds = info.rate > 0 ? (info.frames + (uint64_t)info.rate / 2) /
                                          (uint64_t)info.rate
                                    : 0;
    }
    closedir(d);
    qsort(items, n, sizeof *items, by_date);
    *out = items;
    *nout = n;
    return 0;
}

/* An id a feed may show: a URL or a hash, not a path. */
static bool is_article_id(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 ||
           strncmp(s, "text:", 5) == 0;
}

/* <tag>text</tag> on a line of its own, when text is not empty. */
static int put_element(struct buf *b, const char *indent, const char *tag,
                       const char *text, struct hr_error *err)
{
    if (!text || !text[0])
        return 0;
    int rc = buf_printf(b, err, "%s<%s>", indent, tag);
    rc = rc ? rc : put_escaped(b, text, err);
    return rc ? rc : buf_printf(b, err, "</%s>\n", tag);
}

static int write_feed(struct buf *b, const struct export_podcast *pc,
                      const struct item *items, size_t n,
                      struct hr_error *err)
{
    const char *title = pc->title[0] ? pc->title : "herald";
    const char *description = pc->description[0]
                                  ? pc->description
                                  : "Articles read aloud by herald";
    int rc = buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes."
                      "com/dtds/podcast-1.0.dtd\">\n<channel>\n", err);
    rc = rc ? rc : put_element(b, "  ", "title", title, err);
    rc = rc ? rc : buf_puts(b, "  <link>", err);
    rc = rc ? rc : put_url(b, pc->base_url, NULL, err);
    rc = rc ? rc : buf_puts(b, "</link>\n", err);
    rc = rc ? rc : put_element(b, "  ", "description", description, err);
    rc = rc ? rc : put_element(b, "  ", "language", pc->language, err);
    rc = rc ? rc : put_element(b, "  ", "itunes:summary", description, err);
    rc = rc ? rc : put_element(b, "  ", "itunes:author", pc->author, err);
    if (rc == 0 && pc->image[0]) {
        rc = buf_puts(b, "  <itunes:image href=\"", err);
        rc = rc ? rc : put_escaped(b, pc->image, err);
        rc = rc ? rc : buf_puts(b, "\"/>\n", err);
    }
    rc = rc ? rc : buf_puts(b, "  <itunes:category text=\"", err);
    rc = rc ? rc : put_escaped(b, pc->category[0] ? pc->category : "News", err);
    rc = rc ? rc : buf_printf(b, err, "\"/>\n  <itunes:explicit>%s</itunes:"
                              "explicit>\n", pc->explicit_content ? "true"
                                                                  : "false");
    rc = rc ? rc : buf_puts(b, "  <generator>herald " HERALD_VERSION
                            "</generator>\n  <lastBuildDate>", err);
    rc = rc ? rc : put_rfc822(b, time(NULL), err);
    rc = rc ? rc : buf_puts(b, "</lastBuildDate>\n", err);
    for (size_t i = 0; i < n && rc == 0; i++) {
        const struct item *it = &items[i];
        bool has_id = it->source && is_article_id(it->source);
        rc = buf_puts(b, "  <item>\n", err);
        rc = rc ? rc : put_element(b, "    ", "title", it->title, err);
        if (rc == 0 && has_id && strncmp(it->source, "text:", 5) != 0)
            rc = put_element(b, "    ", "link", it->source, err);
        rc = rc ? rc : put_element(b, "    ", "itunes:author", it->author, err);
        rc = rc ? rc : buf_puts(b, "    <guid isPermaLink=\"false\">", err);
        rc = rc ? rc : put_escaped(b, has_id ? it->source : it->name, err);
        rc = rc ? rc : buf_puts(b, "</guid>\n    <pubDate>", err);
        rc = rc ? rc : put_rfc822(b, it->date, err);
        rc = rc ? rc : buf_puts(b, "</pubDate>\n    <enclosure url=\"", err);
        rc = rc ? rc : put_url(b, pc->base_url, it->name, err);
        rc = rc ? rc : buf_printf(b, err, "\" length=\"%" PRIu64 "\" type=\"%s\"/>\n"
                                  "    <itunes:duration>%02" PRIu64 ":%02" PRIu64
                                  ":%02" PRIu64 "</itunes:duration>\n  </item>\n",
                                  it->bytes, it->mime, it->seconds / 3600,
                                  it->seconds / 60 % 60, it->seconds % 60);
    }
    rc = rc ? rc : buf_puts(b, "</channel>\n</rss>\n", err);
    return rc;
}

struct config_ctx {
    struct export_podcast *pc;
    struct hr_error *err;
    bool failed;
};

static int on_ini(void *user, const char *section, const char *name,
                  const char *value)
{
    struct config_ctx *c = user;
    if (strcmp(section, "podcast") != 0)
        return 1;       // other sections belong to other parts of herald
    struct export_podcast *pc = c->pc;
    static const struct {
        const char *key;
        size_t off, size;
    } fields[] = {
        {"title", offsetof(struct export_podcast, title), sizeof pc->title},
        {"description", offsetof(struct export_podcast, description),
         sizeof pc->description},
        {"author", offsetof(struct export_podcast, author), sizeof pc->author},
        {"language", offsetof(struct export_podcast, language),
         sizeof pc->language},
        {"image", offsetof(struct export_podcast, image), sizeof pc->image},
        {"category", offsetof(struct export_podcast, category),
         sizeof pc->category},
    };
    const char *bad = NULL;
    if (strcmp(name, "explicit") == 0) {
        if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0)
            pc->explicit_content = true;
        else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0)
            pc->explicit_content = false;
        else
            bad = "explicit takes yes or no";
    } else {
        size_t i = 0;
        while (i < sizeof fields / sizeof *fields && strcmp(fields[i].key, name))
            i++;
        if (i == sizeof fields / sizeof *fields) {
            if (!c->failed)
                hr_fail(c->err, HR_EPARSE, "unknown [podcast] key '%s'", name);
            c->failed = true;
            return 0;
        }
        if (strcmp(name, "image") == 0 && strncmp(value, "http://", 7) != 0 &&
            strncmp(value, "https://", 8) != 0)
            bad = "image takes the cover's http(s) URL";
        else
            sink_file_tag_cut(value, fields[i].size - 1,
                              (char *)pc + fields[i].off);
    }
    if (bad) {
        if (!c->failed)
            hr_fail(c->err, HR_EPARSE, "%s", bad);
        c->failed = true;
        return 0;
    }
    return 1;
}

int export_podcast_config(struct export_podcast *pc, const char *path,
                          struct hr_error *err)
{
    struct config_ctx c = {.pc = pc, .err = err};
    int rc = lines_parse_ini(path, on_ini, &c, err);
    if (rc == LINES_NOT_OPENED)
        return errno == ENOENT ? 0
                               : hr_fail_errno(err, "cannot read '%s'", path);
    if (rc < 0)
        return -1;
    if (c.failed) {
        char where[PATH_MAX + 32];
        snprintf(where, sizeof where, "%s: line %d", path, rc);
        hr_error_prefix(err, where);
        return -1;
    }
    if (rc != 0)
        return hr_fail(err, HR_EPARSE, "%s: line %d: not INI", path, rc);
    return 0;
}

int export_write_podcast(const char *dir, const char *feed_path,
                         const struct export_podcast *pc,
                         struct hr_error *err)
{
    struct item *items;
    size_t n;
    if (collect(dir, &items, &n, err) < 0)
        return -1;
    struct buf b = BUF_INIT;
    int rc = write_feed(&b, pc, items, n, err);
    if (rc == 0)
        rc = export_write_atomic(feed_path, b.data, b.len, err);
    buf_release(&b);
    free_items(items, n);
    return rc < 0 ? -1 : (int)n;
}
