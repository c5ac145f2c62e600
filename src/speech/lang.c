/*
 * lang.c — a language's normalisation data: ICU's number spelling, month
 * names and plural rules (CLDR), and the files of voices/lang/LANG/ for
 * what CLDR does not give (see speech_internal.h).
 *
 * DESIGN: a language is loaded on its first use and kept for the life of
 * the process (a handful of languages, a few kilobytes each).  ICU's
 * formatters are not safe to share between threads, so every use of a
 * language happens under one mutex (speech.c takes it for a sentence).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/unum.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "base/alloc.h"
#include "base/datadir.h"
#include "base/lines.h"
#include "speech/speech_internal.h"

#define MAX_LANGS 16

static struct norm_lang langs[MAX_LANGS];
static size_t nlangs;

static void table_add(struct norm_table *t, char *line)
{
    if (t->n == t->alloc) {
        t->alloc = t->alloc ? t->alloc * 2 : 32;
        t->rows = xreallocarray(t->rows, t->alloc, sizeof *t->rows);
    }
    struct norm_row *r = &t->rows[t->n];
    memset(r, 0, sizeof *r);
    r->line = line;
    char *p = line;
    while (r->nf < NORM_MAX_FIELDS) {
        r->f[r->nf++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    t->n++;
}

/* Read voices/lang/CODE/NAME.tsv (code NULL: voices/lang/NAME.tsv) into t;
 * a missing file is an empty table. */
static void table_load(struct norm_table *t, const char *code, const char *name)
{
    char rel[128];
    if (code)
        snprintf(rel, sizeof rel, "voices/lang/%s/%s.tsv", code, name);
    else
        snprintf(rel, sizeof rel, "voices/lang/%s.tsv", name);
    struct hr_error err = {0};
    char *path = datadir_find(rel, &err);
    if (!path)
        return;
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        line[n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        table_add(t, xstrdup(line));
    }
    fclose(f);
}

const struct norm_row *norm_table_find(const struct norm_table *t,
                                       const char *key, size_t n, bool fold)
{
    for (size_t i = 0; i < t->n; i++) {
        const char *k = t->rows[i].f[0];
        if (strlen(k) == n && memcmp(k, key, n) == 0)
            return &t->rows[i];
    }
    if (!fold)
        return NULL;
    for (size_t i = 0; i < t->n; i++) {
        const char *k = t->rows[i].f[0];
        if (strlen(k) == n && strncasecmp(k, key, n) == 0)
            return &t->rows[i];
    }
    return NULL;
}

const char *norm_word(const struct norm_lang *L, const char *key)
{
    const struct norm_row *r = norm_table_find(&L->words, key, strlen(key),
                                               false);
    return r && r->nf > 1 ? r->f[1] : NULL;
}

/* UTF-16 to a new lowercased UTF-8 string without trailing dots. */
static char *lower_utf8(const UChar *s, int32_t n)
{
    UChar low[128];
    UErrorCode e = U_ZERO_ERROR;
    int32_t ln = u_strToLower(low, 128, s, n, "", &e);
    if (U_FAILURE(e))
        return xstrdup("");
    char out[256];
    e = U_ZERO_ERROR;
    int32_t on = 0;
    u_strToUTF8(out, sizeof out - 1, &on, low, ln, &e);
    if (U_FAILURE(e))
        return xstrdup("");
    out[on] = '\0';
    while (on > 0 && out[on - 1] == '.')
        out[--on] = '\0';
    return xstrdup(out);
}

static void load_months(struct norm_lang *L)
{
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *df = udat_open(UDAT_NONE, UDAT_LONG, L->code, NULL, 0,
                                NULL, 0, &e);
    if (U_FAILURE(e))
        return;
    for (int i = 0; i < 12; i++) {
        UChar s[128];
        e = U_ZERO_ERROR;
        int32_t n = udat_getSymbols(df, UDAT_MONTHS, i, s, 128, &e);
        L->month[i] = U_SUCCESS(e) ? lower_utf8(s, n) : xstrdup("");
        e = U_ZERO_ERROR;
        n = udat_getSymbols(df, UDAT_STANDALONE_MONTHS, i, s, 128, &e);
        L->month_alone[i] = U_SUCCESS(e) ? lower_utf8(s, n) : xstrdup("");
        e = U_ZERO_ERROR;
        n = udat_getSymbols(df, UDAT_SHORT_MONTHS, i, s, 128, &e);
        L->month_short[i] = U_SUCCESS(e) ? lower_utf8(s, n) : xstrdup("");
    }
    udat_close(df);
}

/* voices/lang/tlds.tsv, for every language: loaded once. */
static struct norm_table tlds;
static bool tlds_loaded;

bool norm_tld_known(const char *p, size_t n)
{
    if (!tlds_loaded) {
        tlds_loaded = true;
        table_load(&tlds, NULL, "tlds");
    }
    return norm_table_find(&tlds, p, n, true) != NULL;
}

struct norm_lang *norm_lang_get(const char *tag)
{
    char code[8] = "en";
    if (tag && *tag) {
        size_t n = 0;
        while (tag[n] && isalpha((unsigned char)tag[n]) && n < sizeof code - 1) {
            code[n] = (char)tolower((unsigned char)tag[n]);
            n++;
        }
        code[n] = '\0';
    }
    for (size_t i = 0; i < nlangs; i++) {
        if (strcmp(langs[i].code, code) == 0)
            return langs[i].have ? &langs[i] : NULL;
    }
    if (nlangs == MAX_LANGS)
        return NULL;
    struct norm_lang *L = &langs[nlangs++];
    memset(L, 0, sizeof *L);
    snprintf(L->code, sizeof L->code, "%s", code);
    table_load(&L->words, code, "words");
    if (L->words.n == 0)
        return NULL;    // no data: espeak-ng reads the text as it is
    L->have = true;
    table_load(&L->abbr, code, "abbreviations");
    table_load(&L->units, code, "units");
    table_load(&L->money, code, "currencies");
    table_load(&L->scales, code, "scales");
    table_load(&L->ordsuf, code, "ordinals");
    table_load(&L->fractions, code, "fractions");
    table_load(&L->symbols, code, "symbols");
    table_load(&L->said, code, "said");
    table_load(&L->agree, code, "agree");
    table_load(&L->preps, code, "prepositions");
    load_months(L);
    UErrorCode e = U_ZERO_ERROR;
    L->plural = uplrules_open(code, &e);
    if (U_FAILURE(e))
        L->plural = NULL;
    return L;
}

/* The language's spelling formatter with rule set rs ("%spellout-ordinal")
 * selected.  One formatter a language: each one parses all of CLDR's rules
 * for it (megabytes for Russian), and choosing a rule set is a lookup. */
static UNumberFormat *formatter(struct norm_lang *L, const char *rs)
{
    if (!L->fmt) {
        UErrorCode e = U_ZERO_ERROR;
        L->fmt = unum_open(UNUM_SPELLOUT, NULL, 0, L->code, NULL, &e);
        if (U_FAILURE(e)) {
            L->fmt = NULL;
            return NULL;
        }
        UChar def[64];
        int32_t n = unum_getTextAttribute(L->fmt, UNUM_DEFAULT_RULESET, def,
                                          63, &e);
        if (U_FAILURE(e) || n <= 0 || n >= 63)
            return NULL;
        u_austrncpy(L->fmt_default, def, n);
        L->fmt_default[n] = '\0';
        snprintf(L->fmt_cur, sizeof L->fmt_cur, "%s", L->fmt_default);
    }
    if (strcmp(L->fmt_cur, rs) != 0) {
        UChar name[64];
        u_uastrncpy(name, rs, 63);
        name[63] = 0;
        UErrorCode e = U_ZERO_ERROR;
        unum_setTextAttribute(L->fmt, UNUM_DEFAULT_RULESET, name, -1, &e);
        if (U_FAILURE(e)) {
            // Not a rule set of this language: its default spelling.
            e = U_ZERO_ERROR;
            u_uastrncpy(name, L->fmt_default, 63);
            unum_setTextAttribute(L->fmt, UNUM_DEFAULT_RULESET, name, -1, &e);
            snprintf(L->fmt_cur, sizeof L->fmt_cur, "%s", L->fmt_default);
            return L->fmt;
        }
        snprintf(L->fmt_cur, sizeof L->fmt_cur, "%s", rs);
    }
    return L->fmt;
}

/* Whether the compound spelled so far ends with a part the language
 * writes as a word of its own (split_after: Italian "cento", "mila"). */
static bool split_here(const struct norm_lang *L, const struct buf *out)
{
    const char *l = norm_word(L, "split_after");
    while (l && *l) {
        size_t k = strcspn(l, " ");
        if (k && out->len >= k && memcmp(out->data + out->len - k, l, k) == 0)
            return true;
        l += k;
        while (*l == ' ')
            l++;
    }
    return false;
}

int norm_spell(struct norm_lang *L, const char *rs, double v, struct buf *out,
               struct hr_error *err)
{
    if (!rs || !*rs)
        rs = "%spellout-numbering";
    UNumberFormat *f = formatter(L, rs);
    if (!f)
        return buf_printf(out, err, "%.0f", v);
    UChar s[512];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = unum_formatDouble(f, v, s, 512, NULL, &e);
    if (U_FAILURE(e))
        return buf_printf(out, err, "%.0f", v);
    // Soft hyphens mark compound parts; the language says whether they
    // are joined or become words ("ein hundert sechs und zwanzig").
    // "одна тысяча девятьсот двадцатых": ordinals drop a leading word.
    const char *drop = strstr(rs, "ordinal") ? norm_word(L, "ordinal_drop") : NULL;
    if (drop && *drop) {
        UChar du[64];
        int32_t dl = 0;
        UErrorCode de = U_ZERO_ERROR;
        u_strFromUTF8(du, 64, &dl, drop, -1, &de);
        if (U_SUCCESS(de) && dl > 0 && dl < n && u_strncmp(s, du, dl) == 0 &&
            s[dl] == ' ') {
            memmove(s, s + dl + 1, (size_t)(n - dl - 1) * sizeof *s);
            n -= dl + 1;
        }
    }
    const char *sh = norm_word(L, "soft_hyphen");
    bool space = sh && strcmp(sh, "space") == 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        if (c == 0xAD) {
            if ((space || split_here(L, out)) && buf_putc(out, ' ', err) < 0)
                return -1;
            continue;
        }
        if (c == '-' && space)
            c = ' ';
        utf8_append(out, (uint32_t)c);
    }
    return 0;
}

const char *norm_plural(const struct norm_lang *L, double v, char *cat,
                        size_t size)
{
    snprintf(cat, size, "other");
    if (!L->plural)
        return cat;
    UChar s[32];
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = uplrules_select(L->plural, v, s, 32, &e);
    if (U_SUCCESS(e) && n > 0 && (size_t)n < size) {
        u_austrncpy(cat, s, n);
        cat[n] = '\0';
    }
    return cat;
}

const char *norm_pick(const struct norm_lang *L, const struct norm_row *r,
                      double v, int first)
{
    // Columns from `first`: one, other, few, many (missing ones fall back
    // to other, then one).
    char cat[16];
    norm_plural(L, v, cat, sizeof cat);
    int col = first + 1;
    if (strcmp(cat, "one") == 0)
        col = first;
    else if (strcmp(cat, "few") == 0)
        col = first + 2;
    else if (strcmp(cat, "many") == 0)
        col = first + 3;
    if (col >= r->nf || !*r->f[col])
        col = first + 1;
    if (col >= r->nf || !*r->f[col])
        col = first;
    return col < r->nf ? r->f[col] : "";
}
