/*
 * control.c — command names, the key map and its config, key decoding,
 * JSON replies.
 *
 * DESIGN: one table gives every command its socket name and its spoken
 * description; keys, config and socket all go through it (after cmus's
 * one command language for keys, rc file and remote).  The key map is a
 * flat array indexed by key code.  Replies are built with jansson so that
 * titles with quotes or control characters still make valid JSON.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>
#include <jansson.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/lines.h"
#include "base/utf8.h"
#include "control/control.h"

static const struct {
    const char *name;
    const char *spoken;     /* for help; NULL: not bound to keys */
    bool takes_arg;
} cmds[PLAYER_CMD_COUNT] = {
    [PLAYER_PAUSE] = {"pause", NULL, false},
    [PLAYER_RESUME] = {"resume", NULL, false},
    [PLAYER_TOGGLE] = {"toggle", "pause or resume", false},
    [PLAYER_NEXT_SENTENCE] = {"next-sentence", "next sentence", false},
    [PLAYER_PREV_SENTENCE] = {"prev-sentence", "previous sentence", false},
    [PLAYER_NEXT_PARAGRAPH] = {"next-paragraph", "next paragraph", false},
    [PLAYER_PREV_PARAGRAPH] = {"prev-paragraph", "previous paragraph", false},
    [PLAYER_NEXT_SECTION] = {"next-section", "next section", false},
    [PLAYER_PREV_SECTION] = {"prev-section", "previous section", false},
    [PLAYER_NEXT_ARTICLE] = {"next-article", "next article", false},
    [PLAYER_PREV_ARTICLE] = {"prev-article", "previous article", false},
    [PLAYER_REPEAT] = {"repeat", "repeat the sentence", false},
    [PLAYER_FASTER] = {"faster", "faster", false},
    [PLAYER_SLOWER] = {"slower", "slower", false},
    [PLAYER_RATE] = {"rate", NULL, true},
    [PLAYER_WHERE] = {"where", "where am I", false},
    [PLAYER_TIME] = {"time", "the time, date and byline", false},
    [PLAYER_HELP] = {"help", "this help", false},
    [PLAYER_STOP] = {"stop", "quit", false},
    [PLAYER_STATUS] = {"status", NULL, false},
};

const char *control_cmd_name(enum player_cmd cmd)
{
    return (unsigned)cmd < PLAYER_CMD_COUNT ? cmds[cmd].name : "unknown";
}

static int find_cmd(const char *name, size_t len)
{
    for (int i = 0; i < PLAYER_CMD_COUNT; i++) {
        if (strlen(cmds[i].name) == len && strncmp(cmds[i].name, name, len) == 0)
            return i;
    }
    // "quit" is what a person types; the protocol's word is "stop".
    if (len == 4 && strncmp(name, "quit", 4) == 0)
        return PLAYER_STOP;
    return -1;
}

int control_parse(const char *line, enum player_cmd *cmd, int *arg,
                  struct hr_error *err)
{
    while (isspace((unsigned char)*line))
        line++;
    size_t len = strcspn(line, " \t\r\n");
    if (len == 0)
        return hr_fail(err, HR_EUSAGE, "empty command");
    int c = find_cmd(line, len);
    if (c < 0)
        return hr_fail(err, HR_EUSAGE, "unknown command '%.*s'",
                       (int)(len > 40 ? 40 : len), line);
    const char *rest = line + len;
    while (isspace((unsigned char)*rest))
        rest++;
    int value = 0;
    if (cmds[c].takes_arg) {
        char *end;
        errno = 0;
        long v = strtol(rest, &end, 10);
        while (isspace((unsigned char)*end))
            end++;
        if (end == rest || *end || errno || v < 0 || v > 100000)
            return hr_fail(err, HR_EUSAGE, "'%s' takes a number",
                           cmds[c].name);
        value = (int)v;
    } else if (*rest) {
        return hr_fail(err, HR_EUSAGE, "'%s' takes no argument", cmds[c].name);
    }
    *cmd = (enum player_cmd)c;
    *arg = value;
    return 0;
}

/* ---- keys ------------------------------------------------------------- */

static const struct {
    int key;
    enum player_cmd cmd;
} default_keys[] = {
    {' ', PLAYER_TOGGLE}, {'k', PLAYER_TOGGLE},
    {CONTROL_KEY_RIGHT, PLAYER_NEXT_SENTENCE}, {'l', PLAYER_NEXT_SENTENCE},
    {CONTROL_KEY_LEFT, PLAYER_PREV_SENTENCE}, {'h', PLAYER_PREV_SENTENCE},
    {CONTROL_KEY_DOWN, PLAYER_NEXT_PARAGRAPH}, {'j', PLAYER_NEXT_PARAGRAPH},
    {CONTROL_KEY_UP, PLAYER_PREV_PARAGRAPH},
    {']', PLAYER_NEXT_SECTION}, {'[', PLAYER_PREV_SECTION},
    {'n', PLAYER_NEXT_ARTICLE}, {'p', PLAYER_PREV_ARTICLE},
    {'+', PLAYER_FASTER}, {'=', PLAYER_FASTER}, {'-', PLAYER_SLOWER},
    {'r', PLAYER_REPEAT}, {'w', PLAYER_WHERE}, {'t', PLAYER_TIME},
    {'?', PLAYER_HELP}, {'q', PLAYER_STOP},
};

void control_keymap_default(struct control_keymap *km)
{
    memset(km->cmd, CONTROL_NO_CMD, sizeof km->cmd);
    for (size_t i = 0; i < sizeof default_keys / sizeof *default_keys; i++)
        km->cmd[default_keys[i].key] = (unsigned char)default_keys[i].cmd;
}

static const struct {
    const char *name;
    int key;
    const char *spoken;
} key_names[] = {
    {"space", ' ', "space"}, {"left", CONTROL_KEY_LEFT, "left arrow"},
    {"right", CONTROL_KEY_RIGHT, "right arrow"},
    {"up", CONTROL_KEY_UP, "up arrow"}, {"down", CONTROL_KEY_DOWN, "down arrow"},
    {"plus", '+', "plus"}, {"minus", '-', "minus"}, {"equals", '=', "equals"},
    {"[", '[', "left bracket"}, {"]", ']', "right bracket"},
    {"?", '?', "question mark"},
};

const char *control_key_name(int key, char *buf, size_t n)
{
    for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++) {
        if (key_names[i].key == key)
            return key_names[i].spoken;
    }
    snprintf(buf, n, "%c", key >= ' ' && key <= '~' ? key : '?');
    return buf;
}

static int parse_key(const char *word)
{
    for (size_t i = 0; i < sizeof key_names / sizeof *key_names; i++) {
        if (strcasecmp(key_names[i].name, word) == 0)
            return key_names[i].key;
    }
    if (strlen(word) == 1 && word[0] > ' ' && word[0] <= '~')
        return (unsigned char)word[0];
    return -1;
}

struct load_ctx {
    struct control_keymap km;
    bool cleared[PLAYER_CMD_COUNT];
    struct hr_error *err;
    bool failed;
};

static int on_ini(void *user, const char *section, const char *name,
                  const char *value)
{
    struct load_ctx *l = user;
    if (strcmp(section, "keys") != 0)
        return 1;       // other sections belong to other parts of herald
    int c = find_cmd(name, strlen(name));
    if (c < 0 || c == PLAYER_RATE) {
        if (!l->failed)
            hr_fail(l->err, HR_EPARSE, "unknown action '%s'", name);
        l->failed = true;
        return 0;
    }
    if (!l->cleared[c]) {
        for (int k = 0; k < CONTROL_KEY_MAX; k++) {
            if (l->km.cmd[k] == c)
                l->km.cmd[k] = CONTROL_NO_CMD;
        }
        l->cleared[c] = true;
    }
    char copy[256];
    snprintf(copy, sizeof copy, "%s", value);
    for (char *save, *w = strtok_r(copy, " \t,", &save); w;
         w = strtok_r(NULL, " \t,", &save)) {
        int key = parse_key(w);
        if (key < 0) {
            if (!l->failed)
                hr_fail(l->err, HR_EPARSE, "unknown key '%s'", w);
            l->failed = true;
            return 0;
        }
        l->km.cmd[key] = (unsigned char)c;
    }
    return 1;
}

int control_keymap_load(struct control_keymap *km, const char *path,
                        struct hr_error *err)
{
    struct load_ctx l = {.km = *km, .err = err};
    int rc = lines_parse_ini(path, on_ini, &l, err);
    if (rc == LINES_NOT_OPENED)
        return errno == ENOENT ? 0
                               : hr_fail_errno(err, "cannot read '%s'", path);
    if (rc < 0)
        return -1;
    if (l.failed) {
        // ini_parse_file() returns the line of the first error.
        char where[300];
        snprintf(where, sizeof where, "%s: line %d", path, rc);
        hr_error_prefix(err, where);
        return -1;
    }
    if (rc != 0)
        return hr_fail(err, HR_EPARSE, "%s: line %d: not INI", path, rc);
    *km = l.km;
    return 0;
}

char *control_help_text(const struct control_keymap *km)
{
    struct buf b = BUF_INIT;
    for (int c = 0; c < PLAYER_CMD_COUNT; c++) {
        if (!cmds[c].spoken)
            continue;
        int nkeys = 0;
        // Arrows first (what most people reach for), then characters.
        for (int i = 0; i < CONTROL_KEY_MAX; i++) {
            int k = (i + CONTROL_KEY_UP) % CONTROL_KEY_MAX;
            if (km->cmd[k] != c)
                continue;
            char tmp[8];
            buf_printf(&b, NULL, "%s%s", nkeys ? " or " : "",
                       control_key_name(k, tmp, sizeof tmp));
            nkeys++;
        }
        if (nkeys)
            buf_printf(&b, NULL, ": %s. ", cmds[c].spoken);
    }
    return buf_detach(&b, NULL);
}

void control_keydec_feed(struct control_keydec *d, const unsigned char *bytes,
                         size_t n, void (*fn)(int key, void *ctx), void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = bytes[i];
        if (d->len == 0) {
            if (c == 0x1b)
                d->seq[d->len++] = c;
            else
                fn(c, ctx);
            continue;
        }
        // Inside an escape sequence: ESC [ X or ESC O X, with optional
        // parameters ("ESC [ 1 ; 5 C").
        if (d->len == 1) {
            if (c == '[' || c == 'O') {
                d->seq[d->len++] = c;
            } else {
                d->len = 0;     // ESC then a key: drop the ESC
                if (c != 0x1b)
                    fn(c, ctx);
                else
                    d->seq[d->len++] = c;
            }
            continue;
        }
        if ((c >= '0' && c <= '9') || c == ';') {
            if (d->len < sizeof d->seq)
                d->seq[d->len++] = c;
            continue;
        }
        d->len = 0;
        switch (c) {
        case 'A': fn(CONTROL_KEY_UP, ctx); break;
        case 'B': fn(CONTROL_KEY_DOWN, ctx); break;
        case 'C': fn(CONTROL_KEY_RIGHT, ctx); break;
        case 'D': fn(CONTROL_KEY_LEFT, ctx); break;
        default: break;     // another function key: ignored
        }
    }
}

/* ---- replies ---------------------------------------------------------- */

static char *dump(json_t *o)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    char *copy = xstrdup(s ? s : "{\"ok\":false}");
    free(s);
    return copy;
}

static json_t *status_object(const char *command,
                             const struct player_status *st)
{
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_true());
    json_object_set_new(o, "command", json_string(command));
    json_object_set_new(o, "state", json_string(player_state_name(st->state)));
    json_t *pos = json_object();
    json_object_set_new(pos, "article", json_integer((json_int_t)st->article + 1));
    json_object_set_new(pos, "articles", json_integer((json_int_t)st->narticles));
    json_object_set_new(pos, "section", json_integer(st->section));
    json_object_set_new(pos, "sections", json_integer(st->nsections));
    json_object_set_new(pos, "paragraph", json_integer(st->paragraph));
    json_object_set_new(pos, "paragraphs", json_integer(st->nparagraphs));
    json_object_set_new(pos, "sentence", json_integer(st->sentence));
    json_object_set_new(o, "position", pos);
    json_object_set_new(o, "rate", json_integer(st->rate));
    json_object_set_new(o, "title", st->title ? json_string(st->title)
                                              : json_null());
    json_object_set_new(o, "seconds_left", json_integer((json_int_t)st->seconds_left));
    json_object_set_new(o, "underruns", json_integer((json_int_t)st->underruns));
    return o;
}

char *control_reply_status(const char *command, const struct player_status *st)
{
    return dump(status_object(command, st));
}

char *control_reply_moved(const char *command, const struct player_status *st,
                          const char *reason)
{
    json_t *o = status_object(command, st);
    json_object_set_new(o, "moved", json_boolean(!reason));
    if (reason)
        json_object_set_new(o, "reason", json_string(reason));
    return dump(o);
}

/* A JSON string of s, whose bytes may come from a client and need not be
 * UTF-8 (jansson refuses such a string, and the key would go missing):
 * bytes that are not become U+FFFD. */
static json_t *json_text(const char *s, size_t len)
{
    struct buf b = BUF_INIT;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t n = utf8_decode(p + i, len - i, &c);
        utf8_append(&b, n && c ? c : 0xfffd);
        i += n ? n : 1;
    }
    json_t *j = json_stringn(b.data ? b.data : "", b.len);
    buf_release(&b);
    return j ? j : json_string("");
}

char *control_reply_error(const char *command, const char *msg)
{
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_false());
    json_object_set_new(o, "command", command ? json_text(command, strlen(command))
                                              : json_null());
    json_object_set_new(o, "error", json_text(msg, strlen(msg)));
    return dump(o);
}

char *control_reply_bad_line(const char *line, const char *msg)
{
    while (isspace((unsigned char)*line))
        line++;
    size_t len = strcspn(line, " \t\r\n");
    len = utf8_cut(line, len, CONTROL_MAX_WORD);
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_false());
    json_object_set_new(o, "command", json_text(line, len));
    json_object_set_new(o, "error", json_text(msg, strlen(msg)));
    return dump(o);
}

char *control_reply_text(const char *command, const char *text)
{
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_true());
    json_object_set_new(o, "command", json_string(command));
    json_object_set_new(o, "text", json_string(text));
    return dump(o);
}
