/*
 * news.c — `herald news [FEED]`: browse the cached headlines by voice,
 * pick one, listen to it, come back to the list.
 *
 * DESIGN: two modes, one poll() loop on the main thread.
 *
 *   list ──select──► article ──back / end of article──► list
 *   (news_speaker:            (player/: the page fetched
 *    one headline at a time)   and extracted, or the summary)
 *
 * In the list a news_speaker says each headline as the cursor lands on
 * it; selecting one closes the speaker (espeak-ng has one owner at a
 * time), starts a player on a queue of that one article and marks the
 * item read once its first words are heard.  Back (Escape, q, the socket's
 * "back" or "stop") frees the player, which saves the position, and a new
 * speaker says where the listener is.  Keys come from the terminal when
 * standard input is one; the same actions come from --control's socket.
 * Links that are not http(s), and pages that cannot be fetched or hold no
 * article, are replaced by the item's summary, and the listener is told.
 *
 * The terminal, the signals and the silenced stderr are term.c's, as for
 * `herald read`.  Everything printed is a plain line, cleaned by
 * cli_print_clean().
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/xdg.h"
#include "cli/cli.h"
#include "control/control.h"
#include "news/news.h"
#include "player/player.h"
#include "store/store.h"
#include "style/style.h"

static void usage(FILE *f)
{
    fputs("usage: herald news [OPTIONS] [FEED]\n"
          "\n"
          "Browse the headlines in herald's cache by ear (all feeds, or FEED: a\n"
          "subscription's URL or name), newest first; pick one to hear the\n"
          "article.  Fill the cache with 'herald feeds add URL' and\n"
          "'herald feeds update'.\n"
          "\n"
          "Keys in the list of headlines:\n"
          "  down, j     next headline          up, k       previous headline\n"
          "  enter, right, l   listen to the article\n"
          "  i, w        feed, age and place    r           say the headline again\n"
          "  u           unread only / all      m           mark read or unread\n"
          "  g, G        first / last headline  +, -        faster / slower\n"
          "  ?           spoken help            q           quit\n"
          "Keys while an article plays: those of 'herald read' (space pauses,\n"
          "arrows move by sentence and paragraph, ...), and\n"
          "  escape, q   back to the list, where you were\n"
          "An article you listen to is marked read.  A page that cannot be\n"
          "fetched (or a link that is not http or https) is replaced by the\n"
          "item's summary, and you are told so.\n"
          "\n"
          "  -u, --unread         only unread headlines (u switches)\n"
          "      --db PATH        the database (default\n"
          "                       $XDG_DATA_HOME/herald/herald.db)\n"
          "      --control PATH   take commands on a UNIX socket at PATH, one a\n"
          "                       line, each answered with one JSON line: up, down,\n"
          "                       first, last, select, back, where, repeat, unread,\n"
          "                       mark, help, status, quit; while an article plays,\n"
          "                       also every 'herald read' command (pause, ...)\n"
          "  -d, --device NAME|N  the audio output (see 'herald devices')\n"
          "      --voice NAME     an espeak-ng voice (see 'herald voices')\n"
          "      --profile NAME   how each part of an article sounds: a voice\n"
          "                       profile (see 'herald voices --profiles')\n"
          "      --rate WPM       words a minute (80-450; default the profile's, 175)\n"
          "      --no-earcons     no sounds for boundaries, pause and resume\n"
          "  -q, --quiet          print nothing but errors\n"
          "  -h, --help           show this help\n"
          "\n"
          "Without a terminal on standard input, give --control: the socket is\n"
          "then the only way to browse.\n", f);
}

#define LIST_HELP "Down arrow or j: next headline. Up arrow or k: previous " \
    "headline. Enter, right arrow or l: listen to the article. I or w: " \
    "the feed, the age and your place. R: the headline again. U: unread " \
    "headlines only, or all. M: mark read or unread. G: first headline; " \
    "capital G: last. Plus and minus: faster and slower. Q: quit."

/* ---- the browser -------------------------------------------------------- */

/* Keys of the list that are not characters. */
#define KEY_ENTER_CR '\r'
#define KEY_ENTER_LF '\n'
#define KEY_ESCAPE 0x1b

enum list_cmd {
    LIST_DOWN, LIST_UP, LIST_FIRST, LIST_LAST, LIST_SELECT, LIST_BACK,
    LIST_WHERE, LIST_REPEAT, LIST_UNREAD, LIST_MARK, LIST_HELP_CMD,
    LIST_FASTER, LIST_SLOWER, LIST_STATUS, LIST_QUIT, LIST_NONE
};

static const char *const list_cmd_names[] = {
    [LIST_DOWN] = "down", [LIST_UP] = "up", [LIST_FIRST] = "first",
    [LIST_LAST] = "last", [LIST_SELECT] = "select", [LIST_BACK] = "back",
    [LIST_WHERE] = "where", [LIST_REPEAT] = "repeat", [LIST_UNREAD] = "unread",
    [LIST_MARK] = "mark", [LIST_HELP_CMD] = "help", [LIST_FASTER] = "faster",
    [LIST_SLOWER] = "slower", [LIST_STATUS] = "status", [LIST_QUIT] = "quit",
};

struct news_ctx {
    struct news_list list;
    struct store *store;
    struct news_speaker_opts so;
    struct player_opts po;
    struct news_speaker *speaker;       /* list mode */
    struct player *player;              /* article mode */
    struct article *pending_article;    /* handed to the player by load() */
    struct news_entry *playing;         /* the entry being heard */
    bool marked;                        /* playing has been marked read */
    bool article_over;                  /* heard to its end: back to list */
    bool cancel_fetch;                  /* back was pressed during a fetch */
    struct control_keymap keys;
    struct control_keydec keydec;
    char *player_help;
    bool quiet;
    bool quit;
    bool failed;
    struct hr_error err;
    char said[2048];                    /* the last words said, for replies */
};

static void print_line(struct news_ctx *c, const char *text)
{
    if (c->quiet || !text || !text[0])
        return;
    cli_print_clean(stdout, text);
    fputc('\n', stdout);
    fflush(stdout);
}

/* Say (and print) intro, then text in lang. */
static void say(struct news_ctx *c, const char *intro, const char *text,
                const char *lang)
{
    snprintf(c->said, sizeof c->said, "%s%s%s", intro ? intro : "",
             intro && text ? " " : "", text ? text : "");
    print_line(c, intro);
    print_line(c, text);
    if (c->speaker)
        news_speaker_say(c->speaker, intro, text, lang);
}

static void cue(struct news_ctx *c, enum earcon e)
{
    if (c->speaker)
        news_speaker_cue(c->speaker, e);
}

static void say_headline(struct news_ctx *c, const char *intro)
{
    struct news_entry *e = news_list_current(&c->list);
    if (!e) {
        char text[160];
        snprintf(text, sizeof text, "No unread headlines; press u to show "
                 "all %zu.", c->list.n);
        say(c, intro, text, NULL);
        return;
    }
    say(c, intro, e->title, e->lang);
}

static void where_text(struct news_ctx *c, char *out, size_t n)
{
    struct news_entry *e = news_list_current(&c->list);
    if (!e) {
        snprintf(out, n, "No unread headlines of %zu.", c->list.n);
        return;
    }
    char age[64];
    news_age_text(e->when, (int64_t)time(NULL), age, sizeof age);
    snprintf(out, n, "%s %zu of %zu. From %s, %s. %s.",
             c->list.unread_only ? "Unread headline" : "Headline",
             c->list.cursor + 1, c->list.nview, e->feed, age,
             e->read ? "Read" : "Unread");
}

/* Start the list's voice (at the start, and after an article). */
static int open_speaker(struct news_ctx *c, struct hr_error *err)
{
    return news_speaker_new(&c->so, &c->speaker, err);
}

/* ---- article mode ------------------------------------------------------ */

static int load(void *ctx, size_t i, struct article **out, struct hr_error *err)
{
    struct news_ctx *c = ctx;
    (void)i;
    if (!c->pending_article)
        return hr_fail(err, HR_EEMPTY, "nothing to read");
    *out = c->pending_article;
    c->pending_article = NULL;
    return 0;
}

static void on_event(void *ctx, const struct player_event *ev)
{
    struct news_ctx *c = ctx;
    switch (ev->kind) {
    case PLAYER_EV_ARTICLE:
        if (c->playing && !c->marked) {
            struct hr_error err = {0};
            c->marked = true;
            if (store_item_set_read(c->store, c->playing->item_id, true,
                                    &err) < 0)
                cli_warn("%s", err.msg);
            else
                c->playing->read = true;
        }
        break;
    case PLAYER_EV_RESUMING:
    case PLAYER_EV_SAY:
        print_line(c, ev->text);
        break;
    case PLAYER_EV_END_ARTICLE:
    case PLAYER_EV_END_QUEUE:
        c->article_over = true;
        break;
    case PLAYER_EV_WARNING:
        cli_warn("%s", ev->err ? ev->err->msg : "something went wrong");
        break;
    case PLAYER_EV_FAILED:
        c->failed = true;
        if (ev->err)
            c->err = *ev->err;
        break;
    }
}

/* Whether key leaves an article: Escape and the player's quit keys. */
static bool leaves_article(const struct news_ctx *c, int key)
{
    return key == KEY_ESCAPE ||
           (key >= 0 && key < CONTROL_KEY_MAX && c->keys.cmd[key] == PLAYER_STOP);
}

/* Read what the terminal has and hand each key to fn. */
static void read_keys(struct news_ctx *c, void (*fn)(int key, void *ctx))
{
    unsigned char buf[64];
    ssize_t k = read(term_key_fd(), buf, sizeof buf);
    if (k > 0) {
        control_keydec_feed(&c->keydec, buf, (size_t)k, fn, c);
        // A lone ESC at the end of a read is the Escape key
        // (arrow keys arrive as whole sequences).
        if (c->keydec.len == 1 && c->keydec.seq[0] == 0x1b) {
            c->keydec.len = 0;
            fn(KEY_ESCAPE, c);
        }
    } else if (k == 0) {
        term_keys_ended();
    }
}

/* While a page is fetched the loop is not running: the keys that leave an
 * article give the fetch up (net/ asks at least once a second); the
 * others are dropped. */
static struct news_ctx *fetching;

static void fetch_key(int key, void *ctx)
{
    struct news_ctx *c = ctx;
    if (leaves_article(c, key))
        c->cancel_fetch = true;
}

static bool fetch_cancelled(void)
{
    struct news_ctx *c = fetching;
    if (!c)
        return false;
    struct pollfd p = {.fd = term_key_fd(), .events = POLLIN};
    while (!c->cancel_fetch && p.fd >= 0 && poll(&p, 1, 0) > 0) {
        read_keys(c, fetch_key);
        p.fd = term_key_fd();
    }
    return c->cancel_fetch;
}

/* The article for e: its page, else its summary with a notice. */
static struct article *article_for(struct news_ctx *c, struct news_entry *e)
{
    struct hr_error err = {0};
    struct article *a = NULL;
    const char *notice;
    if (!e->link) {
        notice = "This item has no link; reading the summary.";
    } else if (!news_link_fetchable(e->link)) {
        notice = "The link is not a web page; reading the summary.";
    } else if (cli_load_article(e->link, e->lang, &a, &err) == 0) {
        return a;
    } else if (term_signal() || c->cancel_fetch) {
        return NULL;            // the listener quit or went back meanwhile
    } else {
        notice = "The page could not be fetched; reading the summary.";
        cli_warn("%s", err.msg);
    }
    print_line(c, notice);
    if (news_summary_article(e, notice, &a, &err) < 0) {
        cli_warn("%s", err.msg);
        return NULL;
    }
    return a;
}

/* Select: leave the list, play the article under the cursor. */
static int enter_article(struct news_ctx *c, struct hr_error *err)
{
    struct news_entry *e = news_list_current(&c->list);
    if (!e) {
        cue(c, EARCON_BOUNDARY);
        return 0;
    }
    // The speaker says so while the page is fetched, which can take
    // seconds; it is cut when the article is ready.  espeak-ng has one
    // owner at a time, so the player is made only after the speaker ends.
    if (e->link && news_link_fetchable(e->link))
        say(c, "Opening.", NULL, NULL);
    c->cancel_fetch = false;
    fetching = c;
    term_also_interrupt(fetch_cancelled);
    c->pending_article = article_for(c, e);
    term_also_interrupt(NULL);
    fetching = NULL;
    if (c->cancel_fetch && !term_signal()) {
        // Back before the article was ready: the list, where it was.
        article_free(c->pending_article);
        c->pending_article = NULL;
        say_headline(c, "Back to the headlines.");
        return 0;
    }
    news_speaker_free(c->speaker, false);
    c->speaker = NULL;
    if (term_signal())
        return 0;               // the loop ends and frees the article
    c->playing = e;
    c->marked = false;
    c->article_over = false;
    c->po.narticles = 1;
    c->po.load = load;
    c->po.ctx = c;
    c->po.on_event = on_event;
    if (player_new(&c->po, &c->player, err) < 0)
        return -1;
    if (player_start(c->player, c->store, c->player_help, err) < 0) {
        article_free(c->pending_article);
        c->pending_article = NULL;
        player_free(c->player, false);
        c->player = NULL;
        // Not even the summary: say so and stay in the list.
        cli_warn("%s", err->msg);
        hr_error_clear(err);
        if (open_speaker(c, err) < 0)
            return -1;
        say(c, "This item cannot be read.", e->title, e->lang);
        c->playing = NULL;
        return 0;
    }
    snprintf(c->said, sizeof c->said, "%s", e->title);
    return 0;
}

/* Back: stop the article (its place is remembered) and return to the list. */
static int leave_article(struct news_ctx *c, bool finished, struct hr_error *err)
{
    if (c->player) {
        player_free(c->player, false);
        c->player = NULL;
    }
    c->playing = NULL;
    if (c->failed)
        return 0;
    if (open_speaker(c, err) < 0)
        return -1;
    say_headline(c, finished ? "End of article. Back to the headlines."
                             : "Back to the headlines.");
    return 0;
}

/* ---- commands ------------------------------------------------------------ */

/* Nothing further that way: the boundary sound (the words with earcons
 * off), and the words printed; they are also the reply's reason. */
static const char *nothing(struct news_ctx *c, const char *words)
{
    if (c->so.earcons) {
        cue(c, EARCON_BOUNDARY);
        snprintf(c->said, sizeof c->said, "%s", words);
        print_line(c, words);
    } else {
        say(c, NULL, words, NULL);
    }
    return words;
}

/* Returns why nothing moved ("No next headline."), or NULL. */
static const char *list_command(struct news_ctx *c, enum list_cmd cmd)
{
    char text[1024];
    struct hr_error err = {0};
    switch (cmd) {
    case LIST_DOWN:
    case LIST_UP:
    case LIST_FIRST:
    case LIST_LAST: {
        long delta = cmd == LIST_DOWN ? 1 : cmd == LIST_UP ? -1
                     : cmd == LIST_FIRST ? -(long)c->list.nview
                                         : (long)c->list.nview;
        if (news_list_move(&c->list, delta))
            say_headline(c, NULL);
        else
            return nothing(c, delta > 0 ? "No next headline."
                                        : "No previous headline.");
        break;
    }
    case LIST_SELECT:
        if (enter_article(c, &err) < 0) {
            c->failed = true;
            c->err = err;
        }
        break;
    case LIST_BACK:
        // Already in the list: nothing further back.
        return nothing(c, "Already at the headlines.");
    case LIST_WHERE:
        where_text(c, text, sizeof text);
        say(c, NULL, text, NULL);
        break;
    case LIST_REPEAT:
        say_headline(c, NULL);
        break;
    case LIST_UNREAD:
        news_list_filter(&c->list, !c->list.unread_only);
        snprintf(text, sizeof text, c->list.unread_only
                 ? "Unread headlines only: %zu." : "All headlines: %zu.",
                 c->list.nview);
        say_headline(c, text);
        break;
    case LIST_MARK: {
        struct news_entry *e = news_list_current(&c->list);
        if (!e) {
            cue(c, EARCON_BOUNDARY);
            break;
        }
        if (store_item_set_read(c->store, e->item_id, !e->read, &err) < 0) {
            cli_warn("%s", err.msg);
            cue(c, EARCON_BOUNDARY);
            break;
        }
        e->read = !e->read;
        say(c, NULL, e->read ? "Marked read." : "Marked unread.", NULL);
        break;
    }
    case LIST_HELP_CMD:
        say(c, NULL, LIST_HELP, NULL);
        break;
    case LIST_FASTER:
    case LIST_SLOWER: {
        int rate = c->so.rate + (cmd == LIST_FASTER ? 25 : -25);
        if (rate < 80 || rate > 450)
            return nothing(c, cmd == LIST_FASTER
                                  ? "Already at the fastest rate."
                                  : "Already at the slowest rate.");
        c->so.rate = c->po.rate = rate;
        if (c->speaker)
            news_speaker_set_rate(c->speaker, rate);
        snprintf(text, sizeof text, "Rate %d.", rate);
        say(c, NULL, text, NULL);
        break;
    }
    case LIST_STATUS:
        break;
    case LIST_QUIT:
        c->quit = true;
        break;
    case LIST_NONE:
        break;
    }
    return NULL;
}

static enum list_cmd list_key(int key)
{
    switch (key) {
    case CONTROL_KEY_DOWN: case 'j': return LIST_DOWN;
    case CONTROL_KEY_UP: case 'k': return LIST_UP;
    case 'g': return LIST_FIRST;
    case 'G': return LIST_LAST;
    case CONTROL_KEY_RIGHT: case 'l': case KEY_ENTER_CR: case KEY_ENTER_LF:
        return LIST_SELECT;
    case CONTROL_KEY_LEFT: case 'h': case KEY_ESCAPE: return LIST_BACK;
    case 'i': case 'w': return LIST_WHERE;
    case 'r': case ' ': return LIST_REPEAT;
    case 'u': return LIST_UNREAD;
    case 'm': return LIST_MARK;
    case '?': return LIST_HELP_CMD;
    case '+': case '=': return LIST_FASTER;
    case '-': return LIST_SLOWER;
    case 'q': return LIST_QUIT;
    default: return LIST_NONE;
    }
}

static void on_key(int key, void *ctx)
{
    struct news_ctx *c = ctx;
    if (c->quit || c->failed)
        return;
    if (!c->player) {
        list_command(c, list_key(key));
        return;
    }
    // An article plays: Escape and the player's quit keys go back.
    if (leaves_article(c, key)) {
        struct hr_error err = {0};
        if (leave_article(c, false, &err) < 0) {
            c->failed = true;
            c->err = err;
        }
        return;
    }
    if (key < 0 || key >= CONTROL_KEY_MAX || c->keys.cmd[key] == CONTROL_NO_CMD)
        return;
    struct hr_error err = {0};
    player_command(c->player, (enum player_cmd)c->keys.cmd[key], 0, &err);
}

static char *reply_move(struct news_ctx *c, const char *command,
                        const char *text, bool move, const char *unmoved)
{
    struct news_reply r = {
        .move = move,
        .unmoved = unmoved,
        .command = command,
        .mode = c->player ? "article" : "list",
        .position = c->list.nview ? c->list.cursor + 1 : 0,
        .count = c->list.nview,
        .unread_only = c->list.unread_only,
        .entry = c->player ? c->playing : news_list_current(&c->list),
        .text = text,
    };
    char *art = NULL;
    if (c->player) {
        struct player_status st;
        player_status(c->player, &st);
        r.state = player_state_name(st.state);
        art = control_reply_status("status", &st);
        r.article_json = art;
    } else if (c->quit) {
        r.state = "quitting";
    } else {
        r.state = c->speaker && news_speaker_busy(c->speaker) ? "speaking"
                                                               : "idle";
    }
    char *s = news_reply_json(&r);
    free(art);
    return s;
}

static char *reply(struct news_ctx *c, const char *command, const char *text)
{
    return reply_move(c, command, text, false, NULL);
}

static enum list_cmd find_list_cmd(const char *w, size_t len)
{
    for (int i = 0; i < LIST_NONE; i++) {
        if (strlen(list_cmd_names[i]) == len &&
            strncmp(list_cmd_names[i], w, len) == 0)
            return (enum list_cmd)i;
    }
    if (len == 4 && strncmp(w, "next", 4) == 0)
        return LIST_DOWN;
    if (len == 4 && strncmp(w, "prev", 4) == 0)
        return LIST_UP;
    if (len == 4 && strncmp(w, "open", 4) == 0)
        return LIST_SELECT;
    return LIST_NONE;
}

static char *on_line(const char *line, void *ctx)
{
    struct news_ctx *c = ctx;
    while (*line == ' ' || *line == '\t')
        line++;
    size_t len = strcspn(line, " \t\r\n");
    const char *rest = line + len;
    while (*rest == ' ' || *rest == '\t' || *rest == '\r' || *rest == '\n')
        rest++;
    enum list_cmd lc = find_list_cmd(line, len);
    c->said[0] = '\0';

    if (!c->player) {
        if (lc == LIST_NONE) {
            struct hr_error e;
            if (len)
                hr_fail(&e, HR_EUSAGE, "unknown command '%.*s'",
                        (int)(len > 40 ? 40 : len), line);
            else
                hr_fail(&e, HR_EUSAGE, "empty command");
            return control_reply_bad_line(line, e.msg);
        }
        if (*rest)
            return control_reply_error(list_cmd_names[lc], "takes no argument");
        const char *unmoved = list_command(c, lc);
        if (c->failed)
            return control_reply_error(list_cmd_names[lc], c->err.msg);
        bool move = lc == LIST_DOWN || lc == LIST_UP || lc == LIST_FIRST ||
                    lc == LIST_LAST || lc == LIST_BACK ||
                    lc == LIST_FASTER || lc == LIST_SLOWER;
        return reply_move(c, list_cmd_names[lc], c->said[0] ? c->said : NULL,
                          move, unmoved);
    }

    // An article plays.
    if (lc == LIST_QUIT) {
        c->quit = true;
        return reply(c, "quit", NULL);
    }
    if (lc == LIST_BACK || (len == 4 && strncmp(line, "stop", 4) == 0)) {
        struct hr_error err = {0};
        if (leave_article(c, false, &err) < 0) {
            c->failed = true;
            c->err = err;
            return control_reply_error("back", err.msg);
        }
        return reply(c, "back", c->said);
    }
    if (lc == LIST_STATUS)
        return reply(c, "status", NULL);
    enum player_cmd cmd;
    int arg;
    struct hr_error err = {0};
    if (control_parse(line, &cmd, &arg, &err) < 0) {
        if (lc != LIST_NONE)
            return control_reply_error(list_cmd_names[lc], "not while an "
                                       "article plays; 'back' returns to "
                                       "the list");
        return control_reply_bad_line(line, err.msg);
    }
    const char *name = control_cmd_name(cmd);
    int rc = player_command(c->player, cmd, arg, &err);
    if (rc < 0)
        return control_reply_error(name, err.msg);
    if (cmd == PLAYER_WHERE) {
        char text[1024];
        player_where_text(c->player, text, sizeof text);
        return reply(c, name, text);
    }
    // As `herald read` answers: a move says whether it moved.
    bool move = cmd != PLAYER_STATUS && cmd != PLAYER_STOP &&
                cmd != PLAYER_HELP && cmd != PLAYER_TIME;
    return reply_move(c, name, NULL, move,
                      rc == 1 ? player_nothing_text(cmd) : NULL);
}

/* ---- the command ----------------------------------------------------------- */

static int open_list(struct news_ctx *c, const char *db, const char *feed,
                     bool unread)
{
    struct hr_error err = {0};
    if (store_open(db, &c->store, &err) < 0)
        return cli_fail(&err);
    int64_t feed_id = 0;
    char *label = NULL;
    if (feed) {
        struct store_feed sf;
        if (store_feed_find(c->store, feed, &sf, &err) < 0)
            return cli_fail(&err);
        feed_id = sf.id;
        label = xstrdup(sf.name ? sf.name : sf.title ? sf.title : sf.url);
        store_feed_release(&sf);
    }
    if (news_list_load(&c->list, c->store, feed_id, unread, &err) < 0) {
        free(label);
        return cli_fail(&err);
    }
    if (c->list.n == 0) {
        int rc;
        if (label)
            rc = cli_error("no headlines from '%s' in the cache; fetch them "
                           "with 'herald feeds update'", label);
        else
            rc = cli_error("no headlines in the cache; subscribe with "
                           "'herald feeds add URL', then fetch them with "
                           "'herald feeds update'");
        free(label);
        return rc;
    }
    free(label);
    return CLI_OK;
}

int cmd_news(int argc, char **argv)
{
    static const struct option opts[] = {
        {"unread", no_argument, NULL, 'u'},
        {"db", required_argument, NULL, 'B'},
        {"control", required_argument, NULL, 'c'},
        {"device", required_argument, NULL, 'd'},
        {"voice", required_argument, NULL, 'v'},
        {"rate", required_argument, NULL, 'r'},
        {"profile", required_argument, NULL, 'P'},
        {"no-earcons", no_argument, NULL, 'E'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct news_ctx c = {0};
    const char *db = NULL, *control_path = NULL, *profile = NULL;
    bool unread = false;
    long rate = 0;
    c.so.earcons = c.po.earcons = true;
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":ud:qh", opts, NULL)) != -1) {
        switch (opt) {
        case 'u': unread = true; break;
        case 'B': db = optarg; break;
        case 'c': control_path = optarg; break;
        case 'd': c.so.device = c.po.device = optarg; break;
        case 'v': c.so.voice = c.po.voice = optarg; break;
        case 'r':
            if (cli_parse_int(optarg, 80, 450, &rate) < 0)
                return cli_usage("news", "--rate takes words a minute "
                                 "from 80 to 450, not '%s'", optarg);
            break;
        case 'E': c.so.earcons = c.po.earcons = false; break;
        case 'P': profile = optarg; break;
        case 'q': c.quiet = true; break;
        case 'h': usage(stdout); return CLI_OK;
        case ':': return cli_usage("news", "option '%s' needs a value",
                                   argv[optind - 1]);
        default: return cli_usage("news", "unknown option '%s'",
                                  argv[optind - 1]);
        }
    }
    if (argc - optind > 1)
        return cli_usage("news", "one FEED at most, not '%s' and '%s'",
                         argv[optind], argv[optind + 1]);
    const char *feed = optind < argc ? argv[optind] : NULL;
    struct style style;
    int pst = cli_load_profile(profile, &style);
    if (pst != CLI_OK)
        return pst;
    c.po.style = &style;
    c.so.earcons = c.po.earcons = style.earcons = c.po.earcons && style.earcons;
    if (rate == 0)
        rate = style.rate;
    c.so.rate = c.po.rate = (int)rate;
    bool keys_on = isatty(STDIN_FILENO);
    if (!keys_on && !control_path)
        return cli_usage("news", "standard input is not a terminal: give "
                         "--control PATH to browse by socket");

    int status = open_list(&c, db, feed, unread);
    if (status != CLI_OK) {
        news_list_release(&c.list);
        store_close(c.store);
        return status;
    }

    struct hr_error err = {0};
    struct control *ctl = NULL;
    control_keymap_default(&c.keys);
    char *cfg = xdg_config_path("config.ini", NULL);
    if (cfg && control_keymap_load(&c.keys, cfg, &err) < 0) {
        free(cfg);
        status = cli_fail(&err);
        goto out;
    }
    free(cfg);
    char *keys_help = control_help_text(&c.keys);
    c.player_help = xasprintf("%sEscape: back to the headlines.", keys_help);
    free(keys_help);
    if (control_path && control_open(control_path, &ctl, &err) < 0) {
        status = cli_fail(&err);
        goto out;
    }

    if (keys_on)
        term_take_keys();
    term_catch_signals();
    term_silence_stderr();
    if (open_speaker(&c, &err) < 0 ||
        news_speaker_wait_open(c.speaker, &err) < 0) {
        news_speaker_free(c.speaker, false);
        c.speaker = NULL;
        term_restore_stderr();
        status = cli_fail(&err);
        goto out;
    }

    // The first words: how many, the mode, then the first headline.
    char intro[256];
    size_t unread_n = 0;
    for (size_t i = 0; i < c.list.n; i++)
        unread_n += !c.list.entries[i].read;
    if (!keys_on && !c.quiet)
        printf("Standard input is not a terminal: no keys; commands on %s.\n",
               control_path);
    snprintf(intro, sizeof intro, "%s%zu headline%s, %zu unread.",
             keys_on ? "" : "No keyboard: commands come from the control "
                            "socket. ",
             c.list.n, c.list.n == 1 ? "" : "s", unread_n);
    say_headline(&c, intro);

    while (!term_signal() && !c.quit && !c.failed) {
        struct pollfd fds[4 + CONTROL_MAX_CLIENTS + 1];
        size_t n = 0;
        int timeout = -1;
        if (c.player) {
            fds[n++] = (struct pollfd){.fd = player_fd(c.player), .events = POLLIN};
            timeout = player_timeout_ms(c.player);
        } else {
            fds[n++] = (struct pollfd){.fd = news_speaker_fd(c.speaker),
                                       .events = POLLIN};
            timeout = 250;
        }
        fds[n++] = (struct pollfd){.fd = term_signal_fd(), .events = POLLIN};
        size_t key_at = n;
        if (term_key_fd() >= 0)
            fds[n++] = (struct pollfd){.fd = term_key_fd(), .events = POLLIN};
        size_t ctl_at = n;
        if (ctl)
            n += control_pollfds(ctl, fds + n, sizeof fds / sizeof *fds - n);
        int rc = poll(fds, n, timeout);
        if (rc < 0 && errno != EINTR)
            break;
        if (rc > 0 && term_key_fd() >= 0 && (fds[key_at].revents & POLLIN))
            read_keys(&c, on_key);
        if (rc > 0 && ctl && !c.quit)
            control_handle(ctl, fds + ctl_at, n - ctl_at, on_line, &c);
        if (c.failed || c.quit)
            break;
        if (c.player) {
            bool going = player_process(c.player);
            if (c.failed)
                break;
            if (c.article_over || !going) {
                if (leave_article(&c, c.article_over, &err) < 0) {
                    c.failed = true;
                    c.err = err;
                }
            }
        } else if (c.speaker && news_speaker_process(c.speaker, &c.err) < 0) {
            c.failed = true;
        }
    }

    if (c.player)
        player_free(c.player, false);
    news_speaker_free(c.speaker, false);
    term_restore_stderr();
    if (term_signal())      // the listener quit: what it cut short is no error
        status = term_signal_status();
    else if (c.failed)
        status = cli_fail(&c.err);

out:
    term_restore();
    control_close(ctl);
    article_free(c.pending_article);
    news_list_release(&c.list);
    store_close(c.store);
    free(c.player_help);
    return status;
}
