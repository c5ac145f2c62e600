/*
 * style.c — voice profiles: compiled-in defaults and INI overrides.
 *
 * DESIGN: the defaults follow what a newsreader does: the headline a
 * little slower and higher, then a long pause; captions and credits in a
 * lower voice so they are heard as asides, not prose; a pause before a
 * subheading so it is heard as a new section.  Loading parses into a copy
 * and commits only when the whole file is valid.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "base/lines.h"
#include "style/style.h"

void style_default(struct style *s)
{
    // Zeroed first, so two defaults compare equal byte for byte.
    memset(s, 0, sizeof *s);
    s->rate = STYLE_DEFAULT_RATE;
    s->earcons = true;
    snprintf(s->description, sizeof s->description, "%s",
             "the newsreader: headline slower and higher, captions and "
             "credits lower, pauses between parts");
    for (int r = 0; r < ROLE_COUNT; r++) {
        s->role[r] = (struct style_role){
            .rate_pct = 100, .pitch = 50, .range = 50,
            .gap_before_ms = 0, .gap_after_ms = 450, .sentence_gap_ms = 300,
        };
    }
    s->role[ROLE_HEADLINE].rate_pct = 90;
    s->role[ROLE_HEADLINE].pitch = 56;
    s->role[ROLE_HEADLINE].gap_after_ms = 700;
    s->role[ROLE_STANDFIRST].gap_after_ms = 500;
    s->role[ROLE_BYLINE].rate_pct = 110;
    s->role[ROLE_BYLINE].pitch = 44;
    s->role[ROLE_CAPTION].pitch = 40;
    s->role[ROLE_CAPTION].range = 35;
    s->role[ROLE_CAPTION].gap_before_ms = 250;
    s->role[ROLE_CAPTION].gap_after_ms = 500;
    s->role[ROLE_HEADING].pitch = 56;
    s->role[ROLE_HEADING].gap_before_ms = 400;
    s->role[ROLE_HEADING].gap_after_ms = 400;
    s->role[ROLE_LIST_ITEM].gap_after_ms = 250;
    s->role[ROLE_TABLE_CELL].gap_after_ms = 200;
    s->role[ROLE_QUOTE].pitch = 46;
    s->role[ROLE_CREDIT].pitch = 42;
    s->role[ROLE_CREDIT].gap_before_ms = 300;
}

int style_rate(const struct style *s, enum role r)
{
    int rate = s->rate * s->role[r].rate_pct / 100;
    if (rate < STYLE_MIN_RATE)
        rate = STYLE_MIN_RATE;
    if (rate > STYLE_MAX_RATE)
        rate = STYLE_MAX_RATE;
    return rate;
}

struct load_ctx {
    struct style s;
    const char *path;
    struct hr_error *err;
    int bad_line;
    char bad[160];
    char variant[STYLE_NAME_MAX];   /* [voice] variant */
};

/* An espeak-ng variant name: a file name in its voices/!v folder, so
 * letters, digits, '_' and '-' only (nothing that reaches another path). */
static int parse_variant(const char *v, char *out)
{
    size_t n = strlen(v);
    if (n >= STYLE_NAME_MAX)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return -1;
    }
    memcpy(out, v, n + 1);
    return 0;
}

static int parse_bool(const char *v, bool *out)
{
    if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
        strcmp(v, "on") == 0) {
        *out = true;
        return 0;
    }
    if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 ||
        strcmp(v, "off") == 0) {
        *out = false;
        return 0;
    }
    return -1;
}

static int parse_int(const char *v, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi)
        return -1;
    *out = (int)n;
    return 0;
}

static int on_ini(void *user, const char *section, const char *key,
                  const char *value)
{
    struct load_ctx *c = user;
    if (c->bad_line)
        return 0;
    if (strcmp(section, "profile") == 0 && strcmp(key, "description") == 0) {
        if (strlen(value) < sizeof c->s.description) {
            memcpy(c->s.description, value, strlen(value) + 1);
            return 1;
        }
    } else if (strcmp(section, "voice") == 0 && strcmp(key, "rate") == 0) {
        if (parse_int(value, STYLE_MIN_RATE, STYLE_MAX_RATE, &c->s.rate) == 0)
            return 1;
    } else if (strcmp(section, "voice") == 0 && strcmp(key, "variant") == 0) {
        if (parse_variant(value, c->variant) == 0)
            return 1;
    } else if (strcmp(section, "voice") == 0 && strcmp(key, "earcons") == 0) {
        if (parse_bool(value, &c->s.earcons) == 0)
            return 1;
    } else if (role_from_name(section) >= 0 && strcmp(key, "earcon") == 0) {
        if (parse_bool(value, &c->s.role[role_from_name(section)].earcon) == 0)
            return 1;
    } else if (role_from_name(section) >= 0 && strcmp(key, "variant") == 0) {
        if (parse_variant(value, c->s.role[role_from_name(section)].variant) == 0)
            return 1;
    } else if (role_from_name(section) >= 0) {
        struct style_role *r = &c->s.role[role_from_name(section)];
        static const struct {
            const char *key;
            size_t off;
            int lo, hi;
        } keys[] = {
            {"rate", offsetof(struct style_role, rate_pct), 50, 200},
            {"pitch", offsetof(struct style_role, pitch), 0, 100},
            {"range", offsetof(struct style_role, range), 0, 100},
            {"gap-before", offsetof(struct style_role, gap_before_ms), 0, 5000},
            {"gap-after", offsetof(struct style_role, gap_after_ms), 0, 5000},
            {"sentence-gap", offsetof(struct style_role, sentence_gap_ms), 0,
             5000},
        };
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
            if (strcmp(key, keys[i].key) == 0) {
                int *field = (int *)((char *)r + keys[i].off);
                if (parse_int(value, keys[i].lo, keys[i].hi, field) == 0)
                    return 1;
                c->bad_line = 1;
                snprintf(c->bad, sizeof c->bad, "%s in [%s] takes %d to %d, "
                         "not '%.40s'", key, section, keys[i].lo, keys[i].hi,
                         value);
                return 0;
            }
        }
    }
    // ini_parse() returns the line number of the first handler failure.
    c->bad_line = 1;
    bool known = strcmp(section, "profile") == 0 ||
                 strcmp(section, "voice") == 0 || role_from_name(section) >= 0;
    if (known)
        snprintf(c->bad, sizeof c->bad, "bad setting '%.40s = %.40s' in [%s]",
                 key, value, section);
    else
        snprintf(c->bad, sizeof c->bad, "unknown section [%.40s] (a role "
                 "name, voice or profile)", section);
    return 0;
}

int style_load(struct style *s, const char *path, struct hr_error *err)
{
    struct load_ctx c = {.s = *s, .path = path, .err = err};
    int rc = lines_parse_ini(path, on_ini, &c, err);
    if (rc == LINES_NOT_OPENED)
        return hr_fail_errno(err, "cannot read voice profile '%s'", path);
    if (rc < 0)
        return -1;
    if (c.bad_line)
        return hr_fail(err, HR_EPARSE, "'%s' line %d: %s", path, rc, c.bad);
    if (rc != 0)
        return hr_fail(err, HR_EPARSE, "'%s' line %d: not an INI line", path,
                       rc);
    for (int r = 0; r < ROLE_COUNT; r++) {
        if (!c.s.role[r].variant[0])
            memcpy(c.s.role[r].variant, c.variant, sizeof c.variant);
    }
    *s = c.s;
    return 0;
}
