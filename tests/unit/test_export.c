/*
 * test_export.c — slugs, captions, chapters, and the worker pool run on
 * articles made in memory (no extraction, no network).
 */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "export/export.h"
#include "sink/sink_file.h"

static void test_slug(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"Kremlin Says CIA Helped Russia", "kremlin-says-cia-helped-russia"},
        {"../../etc/passwd", "etc-passwd"},
        {"/", "article"},
        {"..", "article"},
        {"", "article"},
        {NULL, "article"},
        {"a/b\\c:d*e?f\"g<h>i|j", "a-b-c-d-e-f-g-h-i-j"},
        {"  --rf  ", "rf"},
        {".hidden", "hidden"},
        {"Tab\tNew\nLine\x01\x7f", "tab-new-line"},
        {"Héllo Wörld", "héllo-wörld"},
        {"Привет, мир!", "Привет-мир"},    // only ASCII is lowered
        {"evil\xe2\x80\xae" "gpj.exe", "evil-gpj-exe"},    // U+202E RLO
        {"bad \xff\xfe utf8 \xc0\xaf", "bad-utf8"},
        {"fullwidth\xef\xbc\x8fslash", "fullwidth-slash"},  // U+FF0F
        {"2024: a year", "2024-a-year"},
        {"emoji \xf0\x9f\x98\x80 here", "emoji-here"},
        {"\xd8\x9c", "article"},                         // U+061C alone
        {"\xe3\x85\xa4\xef\xbe\xa0", "article"},           // Hangul fillers
        {"\xcd\x8f\xe1\xa0\x8e", "article"},               // CGJ, MVS
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[EXPORT_SLUG_MAX + 1];
        export_slug(cases[i].in, out, sizeof out);
        assert_string_equal(out, cases[i].want);
    }
    // Long headlines are cut on a character boundary.
    char long_title[1000] = "";
    for (int i = 0; i < 100; i++)
        strcat(long_title, "жж ");
    char out[EXPORT_SLUG_MAX + 1];
    export_slug(long_title, out, sizeof out);
    assert_true(strlen(out) <= EXPORT_SLUG_MAX);
    assert_true(strlen(out) > 60);
    assert_true(out[strlen(out) - 1] != '-');
    assert_int_equal((unsigned char)out[strlen(out) - 1] & 0xc0, 0x80);
}

static void test_captions(void **state)
{
    (void)state;
    struct export_timeline t;
    export_timeline_init(&t, 22050);
    assert_int_equal(export_timeline_add_cue(&t, 220, 22050 * 3 + 11, "One <b> & two.",
                                             14, NULL), 0);
    assert_int_equal(export_timeline_add_cue(&t, 22050 * 3661, 22050 * 3662,
                                             "Next --> up.", 12, NULL), 0);
    struct buf b = BUF_INIT;
    assert_int_equal(export_write_captions(&t, EXPORT_CAPTIONS_VTT, &b, NULL), 0);
    assert_string_equal(b.data,
        "WEBVTT\n\n1\n00:00:00.010 --> 00:00:03.000\nOne &lt;b&gt; &amp; two.\n"
        "\n2\n01:01:01.000 --> 01:01:02.000\nNext --&gt; up.\n");
    buf_reset(&b);
    assert_int_equal(export_write_captions(&t, EXPORT_CAPTIONS_SRT, &b, NULL), 0);
    assert_string_equal(b.data,
        "1\n00:00:00,010 --> 00:00:03,000\nOne <b> & two.\n\n"
        "2\n01:01:01,000 --> 01:01:02,000\nNext -> up.\n\n");
    export_timeline_add_chapter(&t, 0, "Title", NULL);
    export_timeline_add_chapter(&t, 22050 * 10, "Part", NULL);
    export_timeline_add_chapter(&t, 22050 * 10, "Part two", NULL);
    t.total = 22050 * 20;
    buf_reset(&b);
    assert_int_equal(export_write_chapters(&t, &b, NULL), 0);
    assert_string_equal(b.data,
        "WEBVTT\n\nchapter-1\n00:00:00.000 --> 00:00:10.000\nTitle\n"
        "\nchapter-2\n00:00:10.000 --> 00:00:20.000\nPart two\n");
    buf_release(&b);
    export_timeline_release(&t);
}

/* ---- the pool, with a loader that makes articles from the source ---- */

/* "ok|Headline|Body text." or "fail|message" */
static int fake_load(void *ctx, const char *source, struct article **out,
                     struct hr_error *err)
{
    (void)ctx;
    if (strncmp(source, "fail|", 5) == 0)
        return hr_fail(err, HR_EPARSE, "'%s': %s", source, source + 5);
    if (strncmp(source, "crash|", 6) == 0)
        abort();
    char *copy = xstrdup(source);
    char *title = strchr(copy, '|') + 1;
    char *body = strchr(title, '|');
    *body++ = '\0';
    struct article *a = article_new();
    article_set(&a->title, title);
    a->source = xstrdup(source);
    a->lang = xstrdup("en");
    article_add(a, ROLE_HEADLINE, title, strlen(title), NULL);
    article_add(a, ROLE_HEADING, "A section", 9, NULL);
    article_add(a, ROLE_PARAGRAPH, body, strlen(body), NULL);
    free(copy);
    if (article_split_sentences(a, err) < 0) {
        article_free(a);
        return -1;
    }
    *out = a;
    return 0;
}

struct list {
    const char *const *src;
    size_t n, i;
    int wrote, kept, failed;
};

static const char *fake_next(void *ctx)
{
    struct list *l = ctx;
    return l->i < l->n ? l->src[l->i++] : NULL;
}

static void fake_report(void *ctx, const struct export_report *r)
{
    struct list *l = ctx;
    if (r->outcome == EXPORT_WROTE)
        l->wrote++;
    else if (r->outcome == EXPORT_KEPT)
        l->kept++;
    else
        l->failed++;
}

static const char *sources[] = {
    "ok|Same headline|The first article has one sentence. And a second one.",
    "ok|Another story|Something else happened today.",
    "fail|no such page",
    "ok|Same headline|The second article with that headline.",
    "ok|../../escape/attempt|Paths must stay inside.",
    "crash|a worker that dies",
};
#define NSOURCES (sizeof sources / sizeof *sources)

static int run_dir(const char *dir, int jobs, bool force, struct list *l)
{
    *l = (struct list){.src = sources, .n = NSOURCES};
    struct export_opts o = {.captions = EXPORT_CAPTIONS_VTT, .chapters = true,
                            .force = force};
    struct export_io io = {.ctx = l, .next = fake_next, .load = fake_load,
                           .report = fake_report};
    struct hr_error err = {0};
    return export_to_dir(dir, jobs, &o, &io, &err);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *d = xmalloc((size_t)n + 1);
    *len = fread(d, 1, (size_t)n, f);
    d[*len] = '\0';
    fclose(f);
    return d;
}

static void same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *da = slurp(a, &la), *db = slurp(b, &lb);
    assert_non_null(da);
    assert_non_null(db);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    free(da);
    free(db);
}

static void test_pool(void **state)
{
    (void)state;
    char d1[] = "/tmp/test_export.XXXXXX", d2[] = "/tmp/test_export.XXXXXX";
    assert_non_null(mkdtemp(d1));
    assert_non_null(mkdtemp(d2));
    struct list l;

    assert_int_equal(run_dir(d1, 1, false, &l), 2);
    assert_int_equal(l.wrote, 4);
    assert_int_equal(l.failed, 2);
    assert_int_equal(run_dir(d2, 2, false, &l), 2);

    static const char *files[] = {
        "same-headline.wav", "same-headline-2.wav", "another-story.wav",
        "escape-attempt.wav", "same-headline.vtt", "same-headline.chapters.vtt",
        "escape-attempt.vtt",
    };
    char p1[600], p2[600];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(p1, sizeof p1, "%s/%s", d1, files[i]);
        snprintf(p2, sizeof p2, "%s/%s", d2, files[i]);
        same_file(p1, p2);  // -j 1 and -j 2 make the same files
    }
    // The second same-headline file is the fourth source's.
    snprintf(p1, sizeof p1, "%s/same-headline-2.wav", d1);
    struct sink_file_info info;
    assert_int_equal(sink_file_probe(p1, &info, NULL), 0);
    // The comment is the article's id (a hash of its text), not the source.
    assert_true(strncmp(info.comment, "text:", 5) == 0);
    assert_null(strstr(info.comment, sources[3]));
    assert_string_equal(info.title, "Same headline");
    assert_int_equal(info.rate, 22050);
    assert_true(info.frames > 22050);

    // Nothing else: no temporaries, no stray files.
    DIR *d = opendir(d1);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] != '.')
            n++;
        else
            assert_true(strcmp(e->d_name, ".") == 0 ||
                        strcmp(e->d_name, "..") == 0);
    }
    closedir(d);
    assert_int_equal(n, 4 * 3);

    // A second run keeps what is there; --force rewrites it.
    assert_int_equal(run_dir(d1, 2, false, &l), 2);
    assert_int_equal(l.kept, 4);
    assert_int_equal(l.wrote, 0);
    assert_int_equal(run_dir(d1, 2, true, &l), 2);
    assert_int_equal(l.wrote, 4);
    snprintf(p2, sizeof p2, "%s/same-headline-2.wav", d2);
    same_file(p1, p2);

    // Captions parse: ordered cues inside the audio.
    size_t len;
    snprintf(p1, sizeof p1, "%s/same-headline.vtt", d1);
    char *vtt = slurp(p1, &len);
    assert_non_null(vtt);
    assert_true(strncmp(vtt, "WEBVTT\n", 7) == 0);
    assert_non_null(strstr(vtt, "And a second one."));
    free(vtt);

    char feed[600];
    snprintf(feed, sizeof feed, "%s/feed.xml", d1);
    struct export_podcast pc = {.base_url = "https://example.org/news/"};
    assert_int_equal(export_write_podcast(d1, feed, &pc, NULL), 4);
    char *xml = slurp(feed, &len);
    assert_non_null(strstr(xml, "<enclosure url=\"https://example.org/news/"
                                "same-headline-2.wav\" length=\""));
    assert_non_null(strstr(xml, "type=\"audio/wav\""));
    assert_non_null(strstr(xml, "<title>Same headline</title>"));
    assert_non_null(strstr(xml, "<itunes:duration>00:00:0"));
    free(xml);

    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", d1, d2);
    assert_int_equal(system(cmd), 0);
}

static void test_sweep(void **state)
{
    (void)state;
    char d[] = "/tmp/test_export.XXXXXX";
    assert_non_null(mkdtemp(d));
    char p[600], mine[600];
    snprintf(p, sizeof p, "%s/.x.wav.abcdef.herald.part", d);
    snprintf(mine, sizeof mine, "%s/.thesis.draft1.part", d);  // the user's
    FILE *f = fopen(p, "w");
    fclose(f);
    f = fopen(mine, "w");
    fclose(f);
    assert_int_equal(export_sweep(d), 0);   // too fresh
    struct timespec old[2] = {{.tv_sec = 1000}, {.tv_sec = 1000}};
    utimensat(AT_FDCWD, p, old, 0);
    utimensat(AT_FDCWD, mine, old, 0);
    assert_int_equal(export_sweep(d), 1);
    assert_int_equal(access(p, F_OK), -1);
    assert_int_equal(access(mine, F_OK), 0);    // not ours: kept
    unlink(mine);
    rmdir(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slug),
        cmocka_unit_test(test_captions),
        cmocka_unit_test(test_pool),
        cmocka_unit_test(test_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
