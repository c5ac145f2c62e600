/*
 * norm.c — written forms into the words a newsreader says (speech.h).
 *
 * DESIGN: one left-to-right scan.  At the start of a word the matchers
 * are tried in a fixed order, most specific first: links and e-mail
 * addresses, hashtags, dates, telephone numbers, times, money, numbers
 * with what follows them (ordinal endings, units, scale words, fractions,
 * ranges, decades), roman numerals, abbreviations, letters spelled out.
 * The first that matches writes its words and moves past what it read;
 * else the word is copied as it is.  Everything a language says differently
 * is data: ICU's rule sets spell the numbers (CLDR), ICU gives the month
 * names and plural categories, and voices/lang/LANG/ holds the rest.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "speech/speech_internal.h"

struct ctx {
    struct norm_lang *L;
    const unsigned char *s;
    size_t n;
    struct buf *out;
    struct hr_error *err;
    int rc;
    bool glue;      /* words were just said: a letter next needs a space */
    size_t base;    /* out->len when this text began */
    size_t at;      /* where the matcher being tried began */
};

/* ---- output ----------------------------------------------------------- */

static void sep(struct ctx *c)
{
    struct buf *o = c->out;
    if (o->len > c->base && o->data[o->len - 1] != ' ' &&
        !strchr("([{\"'«¿¡", o->data[o->len - 1]) && c->rc == 0)
        c->rc = buf_putc(o, ' ', c->err);
}

static void say(struct ctx *c, const char *words)
{
    if (!words || !*words)
        return;
    sep(c);
    if (c->rc == 0)
        c->rc = buf_puts(c->out, words, c->err);
    c->glue = true;
}

static void say_n(struct ctx *c, const char *words, size_t n)
{
    if (n == 0)
        return;
    sep(c);
    if (c->rc == 0)
        c->rc = buf_append(c->out, words, n, c->err);
    c->glue = true;
}

static void spell(struct ctx *c, const char *rs, double v)
{
    sep(c);
    if (c->rc == 0)
        c->rc = norm_spell(c->L, rs, v, c->out, c->err);
    c->glue = true;
}

static const char *W(struct ctx *c, const char *key, const char *dflt)
{
    const char *w = norm_word(c->L, key);
    return w ? w : dflt;
}

/* A template: "{x}" is replaced by the spoken value of field x. */
struct fill {
    char key;
    void (*fn)(struct ctx *c, void *arg);
    void *arg;
};

static void say_template(struct ctx *c, const char *t, const struct fill *f,
                         size_t nf)
{
    while (t && *t) {
        if (*t == '{' && t[1] && t[2] == '}') {
            for (size_t i = 0; i < nf; i++) {
                if (f[i].key == t[1] && f[i].fn)
                    f[i].fn(c, f[i].arg);
            }
            t += 3;
            continue;
        }
        size_t k = strcspn(t, "{ ");
        if (k == 0) {
            t++;
            continue;
        }
        say_n(c, t, k);
        t += k;
    }
}

/* ---- reading the text --------------------------------------------------- */

static uint32_t cp_at(const struct ctx *c, size_t i, size_t *len)
{
    uint32_t cp = 0;
    size_t k = i < c->n ? utf8_decode(c->s + i, c->n - i, &cp) : 0;
    if (k == 0) {
        cp = i < c->n ? c->s[i] : 0;
        k = 1;
    }
    if (len)
        *len = k;
    return cp;
}

static bool is_letter_at(const struct ctx *c, size_t i)
{
    return i < c->n && u_isalpha((UChar32)cp_at(c, i, NULL));
}

static bool is_digit_at(const struct ctx *c, size_t i)
{
    return i < c->n && c->s[i] >= '0' && c->s[i] <= '9';
}

static bool is_alnum_at(const struct ctx *c, size_t i)
{
    return is_digit_at(c, i) || is_letter_at(c, i);
}

/* The end of the run of letters at i. */
static size_t letters_end(const struct ctx *c, size_t i)
{
    while (i < c->n && is_letter_at(c, i)) {
        size_t k;
        cp_at(c, i, &k);
        i += k;
    }
    return i;
}

/* Whether the letter before i ends a word (so i starts a new one). */
static bool at_bound(const struct ctx *c, size_t i)
{
    if (i == 0)
        return true;
    size_t j = i - 1;
    while (j > 0 && (c->s[j] & 0xC0) == 0x80)
        j--;
    return !is_alnum_at(c, j);
}

static bool has_at(const struct ctx *c, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i + n <= c->n && memcmp(c->s + i, lit, n) == 0;
}

static bool has_at_ci(const struct ctx *c, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i + n <= c->n && strncasecmp((const char *)c->s + i, lit, n) == 0;
}

static size_t skip_space(const struct ctx *c, size_t i)
{
    while (i < c->n && c->s[i] == ' ')
        i++;
    return i;
}

/* Whether a word ends at i: no letter or digit follows. */
static bool word_ends(const struct ctx *c, size_t i)
{
    return i >= c->n || !is_alnum_at(c, i);
}

/* A word list in words.tsv ("said_after  Chapter Part") holds w. */
static bool in_list(struct ctx *c, const char *key, const char *w, size_t n)
{
    const char *l = norm_word(c->L, key);
    while (l && *l) {
        size_t k = strcspn(l, " ");
        if (k == n && strncasecmp(l, w, n) == 0)
            return true;
        l += k;
        while (*l == ' ')
            l++;
    }
    return false;
}

/* ---- numbers ------------------------------------------------------------ */

struct num {
    size_t start, end;
    bool neg;
    char ip[24];        /* integer digits, no separators ("" for ".5") */
    char fp[24];        /* digits after the decimal mark */
    size_t nip, nfp;
    bool frac;          /* a decimal mark was read */
    bool grouped;
    double v;
};

static bool sep_is(struct ctx *c, const char *key, size_t i, size_t *len)
{
    const char *l = W(c, key, "");
    struct {
        const char *name, *lit;
    } seps[] = {{"comma", ","}, {"dot", "."}, {"space", " "},
                {"nbsp", "\xc2\xa0"}, {"thin", "\xe2\x80\xaf"},
                {"apostrophe", "'"}};
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        if (strstr(l, seps[k].name) && has_at(c, i, seps[k].lit)) {
            *len = strlen(seps[k].lit);
            return true;
        }
    }
    // Non-breaking spaces group digits wherever spaces do.
    if (strstr(l, "space") && (has_at(c, i, "\xc2\xa0") ||
                               has_at(c, i, "\xe2\x80\xaf"))) {
        *len = has_at(c, i, "\xc2\xa0") ? 2 : 3;
        return true;
    }
    return false;
}

static size_t digits_end(const struct ctx *c, size_t i)
{
    while (is_digit_at(c, i))
        i++;
    return i;
}

/* A number at i: digits with the language's group and decimal marks. */
static bool parse_num(struct ctx *c, size_t i, bool sign, struct num *n)
{
    memset(n, 0, sizeof *n);
    n->start = i;
    if (sign && i < c->n && (c->s[i] == '-' || has_at(c, i, "\xe2\x88\x92"))) {
        size_t k = c->s[i] == '-' ? 1 : 3;
        if (is_digit_at(c, i + k) ||
            (c->s[i + k] == '.' && is_digit_at(c, i + k + 1))) {
            n->neg = true;
            i += k;
        }
    }
    size_t e = digits_end(c, i);
    if (e - i >= sizeof n->ip)
        return false;
    memcpy(n->ip, c->s + i, e - i);
    n->nip = e - i;
    size_t gl;
    if (n->nip >= 1 && n->nip <= 3) {
        for (;;) {
            if (!sep_is(c, "group", e, &gl))
                break;
            size_t d = e + gl;
            size_t de = digits_end(c, d);
            if (de - d != 3 || n->nip + 3 >= sizeof n->ip)
                break;
            // "2 142/1" and "1 1/2" are not grouped numbers.
            if (gl > 0 && c->s[e] != ',' && c->s[e] != '.' && de < c->n &&
                (c->s[de] == '/' || c->s[de] == ':'))
                break;
            memcpy(n->ip + n->nip, c->s + d, 3);
            n->nip += 3;
            n->grouped = true;
            e = de;
        }
    }
    size_t dl;
    if (sep_is(c, "decimal", e, &dl) && is_digit_at(c, e + dl)) {
        size_t d = e + dl;
        size_t de = digits_end(c, d);
        if (de - d < sizeof n->fp) {
            memcpy(n->fp, c->s + d, de - d);
            n->nfp = de - d;
            n->frac = true;
            e = de;
        }
    }
    if (n->nip == 0 && n->nfp == 0)
        return false;
    n->end = e;
    n->v = atof(n->ip) + (n->nfp ? atof(n->fp) / pow(10, (double)n->nfp) : 0);
    if (n->neg)
        n->v = -n->v;
    return true;
}

static void say_digits(struct ctx *c, const char *d, size_t n)
{
    for (size_t k = 0; k < n; k++)
        spell(c, W(c, "cardinal", NULL), d[k] - '0');
}

/* An integer from its digits, in rule set rs. */
static void say_int(struct ctx *c, const char *rs, const char *d, size_t n)
{
    long max = atol(W(c, "digits_max", "15"));
    if (n == 0)
        return;
    if ((long)n > max || n > 18) {
        say_digits(c, d, n);
        return;
    }
    char tmp[24];
    memcpy(tmp, d, n);
    tmp[n] = '\0';
    spell(c, rs ? rs : W(c, "cardinal", NULL), (double)strtoll(tmp, NULL, 10));
}

/* The part after the decimal mark. */
static void say_fraction_digits(struct ctx *c, const struct num *n)
{
    const char *style = W(c, "decimal_style", "each");
    if (strcmp(style, "whole") == 0) {
        size_t z = 0;
        while (z + 1 < n->nfp && n->fp[z] == '0')
            spell(c, W(c, "cardinal", NULL), 0), z++;
        say_int(c, NULL, n->fp + z, n->nfp - z);
    } else if (strcmp(style, "pairs") == 0) {
        for (size_t k = 0; k < n->nfp; k += 2) {
            if (k + 1 >= n->nfp || n->fp[k] == '0')
                say_digits(c, n->fp + k, k + 1 < n->nfp ? 2 : 1);
            else
                say_int(c, NULL, n->fp + k, 2);
        }
    } else {
        say_digits(c, n->fp, n->nfp);
    }
}

/* "одна целая две десятых": the decimal as a fraction (Russian). */
static bool say_decimal_as_fraction(struct ctx *c, const struct num *n)
{
    char key[16];
    snprintf(key, sizeof key, "dec_den%zu", n->nfp);
    const struct norm_row *den = norm_table_find(&c->L->words, key,
                                                 strlen(key), false);
    const struct norm_row *whole = norm_table_find(&c->L->words, "dec_whole",
                                                   9, false);
    if (!den || !whole || den->nf < 3 || whole->nf < 3)
        return false;
    const char *fem = W(c, "cardinal_f", NULL);
    say_int(c, fem, n->nip ? n->ip : "0", n->nip ? n->nip : 1);
    // Agreement looks at the last two digits only; the whole part may be
    // longer than any integer type holds.
    int ipi = 0;
    for (size_t k = n->nip > 2 ? n->nip - 2 : 0; k < n->nip; k++)
        if (n->ip[k] >= '0' && n->ip[k] <= '9')
            ipi = ipi * 10 + (n->ip[k] - '0');
    say(c, ipi % 10 == 1 && ipi % 100 != 11 ? whole->f[1] : whole->f[2]);
    long long fv = atoll(n->fp);
    spell(c, fem, (double)fv);
    say(c, fv % 10 == 1 && fv % 100 != 11 ? den->f[1] : den->f[2]);
    return true;
}

/* A number as written: sign, integer, decimals.  rs spells an integer. */
static void say_num(struct ctx *c, const struct num *n, const char *rs)
{
    if (n->neg)
        say(c, W(c, "minus", "minus"));
    if (n->frac && strcmp(W(c, "decimal_style", ""), "fraction") == 0 &&
        say_decimal_as_fraction(c, n))
        return;
    if (n->nip)
        say_int(c, n->frac ? NULL : rs, n->ip, n->nip);
    if (n->frac) {
        say(c, W(c, "point", "point"));
        say_fraction_digits(c, n);
    }
}

struct dval {
    bool dative;        /* "am 3. Oktober": the day in the dative */
    long d, m, y;
    size_t ylen;
    char ydig[8];
};

/* ---- units, scales, currencies ----------------------------------------- */

/* The longest row of t whose key is at i and ends a word there. */
static const struct norm_row *match_key(struct ctx *c, const struct norm_table *t,
                                        size_t i, bool fold, bool need_end,
                                        size_t *end)
{
    const struct norm_row *best = NULL;
    size_t bl = 0;
    for (size_t k = 0; k < t->n; k++) {
        const char *key = t->rows[k].f[0];
        size_t kl = strlen(key);
        if (kl <= bl || i + kl > c->n)
            continue;
        bool eq = memcmp(c->s + i, key, kl) == 0 ||
                  (fold && kl > 1 && strncasecmp((const char *)c->s + i, key, kl) == 0);
        if (!eq)
            continue;
        size_t lb = kl - 1;
        while (lb > 0 && ((unsigned char)key[lb] & 0xC0) == 0x80)
            lb--;
        uint32_t lc = 0;
        if (!utf8_decode((const unsigned char *)key + lb, kl - lb, &lc))
            lc = (unsigned char)key[lb];
        bool last_alnum = u_isalnum((UChar32)lc);
        if (need_end && last_alnum && !word_ends(c, i + kl))
            continue;
        best = &t->rows[k];
        bl = kl;
    }
    if (best)
        *end = i + bl;
    return best;
}

/* A unit after a number (optionally one space): its row and end. */
static const struct norm_row *unit_at(struct ctx *c, size_t i, size_t *end)
{
    size_t j = skip_space(c, i);
    if (j > i + 1)
        return NULL;
    const struct norm_row *r = match_key(c, &c->L->units, j, false, true, end);
    if (!r)
        r = match_key(c, &c->L->units, j, true, true, end);
    return r;
}

/* A scale word ("million", "bn", "млрд") after a number. */
static const struct norm_row *scale_at(struct ctx *c, size_t i, size_t *end,
                                       bool money)
{
    size_t j = skip_space(c, i);
    if (j > i + 1)
        return NULL;
    const struct norm_row *r = match_key(c, &c->L->scales, j, true, true, end);
    // "m" and "k" are scales only in money ("€20m"); else metres.
    if (r && !money && r->nf > 5 && strcmp(r->f[5], "money") == 0)
        return NULL;
    return r;
}

/* A currency's name for amount v: columns ONE OTHER, and FEW MANY in
 * columns 7 and 8 where the language has them. */
static const char *cur_name(struct ctx *c, const struct norm_row *r, double v)
{
    char cat[16];
    norm_plural(c->L, v, cat, sizeof cat);
    int col = strcmp(cat, "one") == 0 ? 1 : strcmp(cat, "few") == 0 ? 7
            : strcmp(cat, "many") == 0 ? 8 : 2;
    if (col >= r->nf || !*r->f[col])
        col = r->nf > 2 ? 2 : 1;
    return r->f[col];
}

static const struct norm_row *currency_at(struct ctx *c, size_t i, size_t *end)
{
    const struct norm_row *r = match_key(c, &c->L->money, i, false, true, end);
    if (!r)
        r = match_key(c, &c->L->money, i, true, true, end);
    return r;
}

/* A currency written before its amount ("$5", "q50,10", "US$76"). */
static const struct norm_row *currency_before(struct ctx *c, size_t i,
                                              size_t *end)
{
    const struct norm_row *r = currency_at(c, i, end);
    if (r)
        return r;
    size_t e = letters_end(c, i);
    if (e > i && is_digit_at(c, e)) {
        r = norm_table_find(&c->L->money, (const char *)c->s + i, e - i, true);
        if (r)
            *end = e;
    }
    return r;
}

/* "per hour" after a "/": the unit in the singular. */
static size_t per_unit(struct ctx *c, size_t i)
{
    if (i >= c->n || c->s[i] != '/')
        return 0;
    size_t e;
    const struct norm_row *u = match_key(c, &c->L->units, i + 1, false, true, &e);
    if (!u)
        u = match_key(c, &c->L->units, i + 1, true, true, &e);
    if (!u || u->nf < 2)
        return 0;
    say(c, W(c, "per", "per"));
    say(c, u->f[1]);
    return e;
}

/* ---- numbers and what follows them ------------------------------------ */

static size_t m_number(struct ctx *c, size_t i, bool allow_range);
static size_t prev_word(const struct ctx *c, size_t i, size_t *len);

static bool is_year_like(const struct num *n)
{
    if (n->frac || n->grouped || n->neg || n->nip != 4)
        return false;
    int v = atoi(n->ip);
    return v >= 1100 && v <= 2099;
}

/* Say a year; decades ("1990s") in the plural. */
static void say_year(struct ctx *c, const struct num *n, bool plural)
{
    const char *rs = W(c, "year", W(c, "cardinal", NULL));
    if (!plural) {
        say_int(c, rs, n->ip, n->nip);
        return;
    }
    struct buf tmp = BUF_INIT;
    char d[24];
    memcpy(d, n->ip, n->nip);
    d[n->nip] = '\0';
    if (norm_spell(c->L, rs, atof(d), &tmp, c->err) < 0) {
        buf_release(&tmp);
        c->rc = -1;
        return;
    }
    // English plurals of the last word: "eighty" -> "eighties".
    if (tmp.len > 0 && tmp.data[tmp.len - 1] == 'y') {
        tmp.len--;
        buf_puts(&tmp, "ies", c->err);
    } else {
        buf_puts(&tmp, "s", c->err);
    }
    say(c, tmp.data);
    buf_release(&tmp);
}

/* A fraction a/b; num has been read, i is at '/'. */
static size_t say_fraction(struct ctx *c, const struct num *whole,
                           const struct num *a, size_t i)
{
    struct num b;
    if (!parse_num(c, i + 1, false, &b) || b.frac || b.nip > 9)
        return 0;
    long av = atol(a->ip), bv = atol(b.ip);
    if (bv == 0)
        return 0;
    if (whole) {
        say_num(c, whole, W(c, "fraction_whole", NULL));
        say(c, W(c, "fraction_and", "and"));
    } else if (a->neg) {
        say(c, W(c, "minus", "minus"));
    }
    char key[24];
    snprintf(key, sizeof key, "%ld", bv);
    const struct norm_row *r = norm_table_find(&c->L->fractions, key,
                                               strlen(key), false);
    const char *num_rs = W(c, av == 1 ? "fraction_one" : "fraction_num",
                           W(c, "cardinal", NULL));
    const char *style = W(c, "fraction_style", "ordinal");
    if (r && r->nf >= 3) {
        const char *w = av == 1 ? r->f[1] : r->f[2];
        // "ein ein halb", "un et demi": a whole and one half.
        if (!(whole && av == 1 && r->nf > 3 && strcmp(r->f[3], "bare") == 0))
            spell(c, num_rs, (double)av);
        say(c, w);
        return b.end;
    }
    // Spanish says "uno sobre mil cien" past 99 but for round
    // denominators ("un milésimo", "un octingentésimo").
    long lead = bv;
    while (lead >= 10 && lead % 10 == 0)
        lead /= 10;
    if (bv == 1 || strcmp(style, "over") == 0 ||
        (strcmp(style, "es") == 0 && bv > 99 && lead >= 10)) {
        spell(c, W(c, "fraction_over_num", W(c, "cardinal", NULL)), (double)av);
        say(c, W(c, "over", "over"));
        say_int(c, NULL, b.ip, b.nip);
        return b.end;
    }
    spell(c, num_rs, (double)av);
    struct buf tmp = BUF_INIT;
    if (strcmp(style, "es") == 0 && bv > 10 && bv < 100) {
        // "onceavo", "dieciseisavo": the cardinal with -avo.
        struct buf card = BUF_INIT;
        norm_spell(c->L, W(c, "cardinal", NULL), (double)bv, &card, c->err);
        // "treinta y uno" -> "treintaiunavo", "dieciséis" -> "dieciseisavo".
        for (size_t k = 0; k < card.len; k++) {
            if (has_at_ci(&(struct ctx){.s = (const unsigned char *)card.data,
                                         .n = card.len}, k, " y ")) {
                buf_putc(&tmp, 'i', c->err);
                k += 2;
            } else if (card.data[k] == ' ') {
                continue;
            } else if ((unsigned char)card.data[k] == 0xC3 && k + 1 < card.len &&
                       (unsigned char)card.data[k + 1] == 0xA9) {
                buf_putc(&tmp, 'e', c->err);
                k++;
            } else {
                buf_putc(&tmp, card.data[k], c->err);
            }
        }
        buf_release(&card);
        if (tmp.len >= 3 && strcmp(tmp.data + tmp.len - 3, "uno") == 0)
            tmp.len--;
        else if (tmp.len && tmp.data[tmp.len - 1] == 'a')
            tmp.len--;
        tmp.data[tmp.len] = '\0';
        buf_puts(&tmp, av == 1 ? "avo" : "avos", c->err);
    } else {
        norm_spell(c->L, W(c, "fraction_den", W(c, "ordinal", NULL)),
                   (double)bv, &tmp, c->err);
        if (strcmp(style, "stem") == 0) {
            // German: "siebter" -> "siebtel".
            const char *end = W(c, "fraction_stem_cut", "er");
            size_t el = strlen(end);
            if (tmp.len > el && strcmp(tmp.data + tmp.len - el, end) == 0)
                tmp.len -= el;
            tmp.data[tmp.len] = '\0';
            buf_puts(&tmp, W(c, "fraction_stem_add", "el"), c->err);
        } else if (av != 1) {
            buf_puts(&tmp, W(c, "fraction_plural", "s"), c->err);
        }
    }
    say(c, tmp.data);
    buf_release(&tmp);
    return b.end;
}

/* Ordinal endings ("1st", "3e", "2.º", "5-й"): the rule set and end. */
static const struct norm_row *ordinal_at(struct ctx *c, const struct num *n,
                                         size_t i, size_t *end)
{
    if (n->frac || n->neg)
        return NULL;
    const struct norm_row *r = match_key(c, &c->L->ordsuf, i, true, true, end);
    if (!r || r->nf < 2)
        return NULL;
    if (strcmp(r->f[0], ".") == 0) {
        // German "1." is an ordinal before a word, not at a sentence end
        // after a long number or before another number.
        size_t j = skip_space(c, *end);
        if (n->nip > 3 || j >= c->n || is_digit_at(c, j) || j == *end)
            return (j >= c->n && n->nip <= 3) ? r : NULL;
    }
    return r;
}

/* Money with the currency before the number; i at the symbol. */
static size_t say_money(struct ctx *c, const struct norm_row *cur,
                        const struct num *n, size_t after)
{
    size_t e;
    const struct norm_row *sc = scale_at(c, after, &e, true);
    const char *rs = cur->nf > 5 && cur->f[5][0] == 'f'
                         ? W(c, "cardinal_f", NULL) : W(c, "cardinal_m", NULL);
    if (sc) {
        say_num(c, n, W(c, "scale_num", rs));
        say(c, norm_pick(c->L, sc, n->v, 1));
        say(c, W(c, "money_scale_of", ""));
        say(c, cur->nf > 2 ? cur->f[2] : cur->f[1]);
        after = e;
    } else {
        char fp[24];
        size_t nf = n->nfp;
        memcpy(fp, n->fp, nf);
        while (nf > 2 && fp[nf - 1] == '0')
            nf--;
        if (nf > 2 || cur->nf < 5 || !*cur->f[3]) {
            say_num(c, n, rs);
            say(c, n->frac ? (cur->nf > 2 ? cur->f[2] : cur->f[1])
                           : cur_name(c, cur, n->v));
        } else {
            long cents = 0;
            for (size_t k = 0; k < 2; k++)
                cents = cents * 10 + (k < nf ? fp[k] - '0' : 0);
            double major = atof(n->ip);
            if (n->neg)
                say(c, W(c, "minus", "minus"));
            if (major > 0 || cents == 0) {
                say_int(c, rs, n->nip ? n->ip : "0", n->nip ? n->nip : 1);
                say(c, cur_name(c, cur, major));
            }
            if (cents > 0) {
                if (major > 0)
                    say(c, W(c, "money_and", ""));
                spell(c, rs, (double)cents);
                const char *minor = cents == 1 ? cur->f[3] : cur->f[4];
                say(c, minor);
            }
        }
    }
    size_t p = per_unit(c, after);
    return p ? p : after;
}

/* Money at i: "$5.5bn", "€ 2,3 billones", "5,50 €", "1 USD". */
static size_t m_money(struct ctx *c, size_t i)
{
    size_t e;
    const struct norm_row *cur = currency_before(c, i, &e);
    struct num n;
    if (cur) {
        size_t j = skip_space(c, e);
        if (j > e + 1 || !parse_num(c, j, true, &n))
            return 0;
        size_t end = say_money(c, cur, &n, n.end);
        // "$50-$100": a range of amounts.
        if (end < c->n && (c->s[end] == '-' || has_at(c, end, "\xe2\x80\x93"))) {
            size_t k = end + (c->s[end] == '-' ? 1 : 3);
            size_t e2;
            const struct norm_row *cur2 = currency_before(c, k, &e2);
            struct num n2;
            if (cur2 && parse_num(c, e2, false, &n2)) {
                say(c, W(c, "to", "to"));
                return say_money(c, cur2, &n2, n2.end);
            }
        }
        return end;
    }
    if (!is_digit_at(c, i) && !(c->s[i] == '-' && is_digit_at(c, i + 1)))
        return 0;
    if (!parse_num(c, i, true, &n))
        return 0;
    // A scale word may come between: "1,23 млрд руб.", "2 billones de".
    size_t se = n.end;
    const struct norm_row *sc = scale_at(c, n.end, &se, true);
    size_t j = skip_space(c, se);
    if (j > se + 1)
        return 0;
    if (sc) {
        // "2,3 billones de euros": the joining word is the language's.
        const char *of = W(c, "money_scale_of", "");
        if (*of && has_at_ci(c, j, of) && c->s[j + strlen(of)] == ' ')
            j += strlen(of) + 1;
    }
    cur = currency_at(c, j, &e);
    if (!cur)
        return 0;
    if (sc) {
        say_num(c, &n, W(c, "scale_num", NULL));
        say(c, norm_pick(c->L, sc, n.v, 1));
        say(c, W(c, "money_scale_of", ""));
        say(c, cur->nf > 2 ? cur->f[2] : cur->f[1]);
        return e;
    }
    size_t end = say_money(c, cur, &n, e);
    // "6 руб. 35 коп.": minor units after.
    size_t k = skip_space(c, end);
    struct num m;
    if (k == end + 1 && parse_num(c, k, false, &m) && !m.frac) {
        size_t e3;
        size_t k2 = skip_space(c, m.end);
        const struct norm_row *minor = currency_at(c, k2, &e3);
        if (minor && k2 <= m.end + 1 && minor->nf > 6 &&
            strcmp(minor->f[6], "minor") == 0) {
            say_int(c, NULL, m.ip, m.nip);
            say(c, cur_name(c, minor, m.v));
            return e3;
        }
    }
    return end;
}

/* After a number: units, with "/" for per ("km/h" is a unit itself). */
static size_t say_unit(struct ctx *c, const struct norm_row *u,
                       const struct num *n, bool scaled, size_t e)
{
    if (scaled) {
        // "3,2 млн л": after a scale word, the unit's counting form.
        say(c, u->nf > 4 && *u->f[4] ? u->f[4] : u->f[2 < u->nf ? 2 : 1]);
    } else {
        // A decimal takes the form for fractions ("2,5 литра", "1.5 km").
        say(c, n->frac ? (u->nf > 2 ? u->f[2] : u->f[1])
                       : norm_pick(c->L, u, fabs(n->v), 1));
    }
    size_t p = per_unit(c, e);
    return p ? p : e;
}

static void say_date(struct ctx *c, struct dval *d, bool day_first);

/* "25/11", "02/12": a day and a month, not a fraction.  The day must be
 * one no month can be (13-31), or a number be written with a leading 0. */
static bool is_short_date(struct ctx *c, const struct num *a, size_t b0,
                          size_t b1)
{
    if (a->nip > 2 || b1 - b0 > 2 || b1 == b0 || !word_ends(c, b1) ||
        (b1 < c->n && c->s[b1] == '/'))
        return false;
    bool mdy = strcmp(W(c, "date_order", "dmy"), "mdy") == 0;
    long x = atol(a->ip), y = atol((const char *)c->s + b0);
    long day = mdy ? y : x, month = mdy ? x : y;
    bool zero = a->ip[0] == '0' || c->s[b0] == '0';
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
           (day > 12 || zero);
}

/* A number and what follows it.  i at the sign or the first digit. */
static size_t m_number(struct ctx *c, size_t i, bool allow_range)
{
    struct num n;
    bool bound = at_bound(c, i);
    if (c->s[i] == '.' && !(bound && is_digit_at(c, i + 1)))
        return 0;
    // A run of digits too long to be a number is read digit by digit,
    // all of it at once (position by position would be quadratic).
    size_t run = digits_end(c, i);
    if (run - i >= sizeof n.ip) {
        say_digits(c, (const char *)c->s + i, run - i);
        return run;
    }
    if (!parse_num(c, i, bound, &n))
        return 0;
    size_t j = n.end, e;

    // "5.3" where the decimal mark is a comma (a version, a section):
    // "fünf punkt drei", not a number and a full stop.
    if (!n.frac && !n.grouped && j + 1 < c->n && c->s[j] == '.' &&
        is_digit_at(c, j + 1) && strstr(W(c, "decimal", ""), "comma")) {
        size_t k = digits_end(c, j + 1);
        if (word_ends(c, k) && !(k + 1 < c->n && c->s[k] == '.' &&
                                 is_digit_at(c, k + 1))) {
            say_num(c, &n, NULL);
            say(c, W(c, "dot", "dot"));
            say_int(c, NULL, (const char *)c->s + j + 1, k - j - 1);
            return k;
        }
    }
    // A whole and a fraction: "3 2/4", "1 1/2".
    if (!n.frac && j + 1 < c->n && c->s[j] == ' ' && is_digit_at(c, j + 1)) {
        struct num a;
        if (parse_num(c, j + 1, false, &a) && !a.frac && a.end < c->n &&
            c->s[a.end] == '/' && is_digit_at(c, a.end + 1)) {
            size_t k = say_fraction(c, &n, &a, a.end);
            if (k) {
                const struct norm_row *u = unit_at(c, k, &e);
                return u ? say_unit(c, u, &a, false, e) : k;
            }
        }
    }
    if (!n.frac && j < c->n && c->s[j] == '/' && is_digit_at(c, j + 1)) {
        size_t de = digits_end(c, j + 1);
        if (is_short_date(c, &n, j + 1, de)) {
            struct dval d = {.y = -1};
            bool mdy = strcmp(W(c, "date_order", "dmy"), "mdy") == 0;
            long a = atol(n.ip), b = atol((const char *)c->s + j + 1);
            d.d = mdy ? b : a;
            d.m = mdy ? a : b;
            say_date(c, &d, !mdy);
            return de;
        }
        size_t k = say_fraction(c, NULL, &n, j);
        if (k) {
            // "1/4TH": the ending adds nothing.
            if (has_at_ci(c, k, "th") && word_ends(c, k + 2))
                k += 2;
            const struct norm_row *u = unit_at(c, k, &e);
            return u ? say_unit(c, u, &n, false, e) : k;
        }
    }
    // Decades: "1990s", "1980 s".
    if (is_year_like(&n) && *W(c, "decade", "")) {
        size_t k = j;
        if (has_at(c, k, "'s"))
            k += 2;
        else if (has_at(c, k, "s"))
            k += 1;
        else if (has_at(c, k, " s") && word_ends(c, k + 2))
            k += 2;
        if (k > j && word_ends(c, k)) {
            say_year(c, &n, true);
            return k;
        }
    }
    const struct norm_row *o = ordinal_at(c, &n, j, &e);
    if (o) {
        // "am 3. Oktober": the case the word before asks for.
        size_t pl = 0, ps = prev_word(c, i, &pl);
        const char *rs = o->f[1];
        if (pl && in_list(c, "dative_after", (const char *)c->s + ps, pl))
            rs = W(c, "ordinal_dative", rs);
        else if (pl && in_list(c, "weak_after", (const char *)c->s + ps, pl))
            rs = W(c, "ordinal_weak", rs);
        say_int(c, rs, n.ip, n.nip);
        return e;
    }
    // "в 1812 году": the noun after says how the number is said.
    if (!n.frac && !n.neg && j < c->n && c->s[j] == ' ') {
        size_t we = letters_end(c, j + 1);
        const struct norm_row *a = norm_table_find(&c->L->agree,
                                                   (const char *)c->s + j + 1,
                                                   we - j - 1, true);
        if (a && a->nf > 1 && we > j + 1) {
            // Columns 3 and 4: a preposition before that changes the case
            // ("к 2030 году": dative, not "в 2030 году": locative).
            const char *rs = a->f[1];
            size_t pl = 0, ps = prev_word(c, i, &pl);
            for (int q = 2; q + 1 < a->nf; q += 2)
                if (pl && strlen(a->f[q]) == pl &&
                    strncasecmp(a->f[q], (const char *)c->s + ps, pl) == 0)
                    rs = a->f[q + 1];
            say_int(c, rs, n.ip, n.nip);
            return j;
        }
    }
    // Percent, units, scale words.
    const struct norm_row *sc = scale_at(c, j, &e, false);
    if (sc) {
        say_num(c, &n, W(c, "scale_num", NULL));
        say(c, norm_pick(c->L, sc, n.v, 1));
        size_t e2;
        const struct norm_row *u = unit_at(c, e, &e2);
        return u ? say_unit(c, u, &n, true, e2) : e;
    }
    // "42259 /m²": a rate written apart from its number.
    if (j + 2 < c->n && c->s[j] == ' ' && c->s[j + 1] == '/' &&
        is_letter_at(c, j + 2)) {
        size_t save = c->out->len;
        say_num(c, &n, NULL);
        size_t p = per_unit(c, j + 1);
        if (p)
            return p;
        c->out->len = save;
        c->out->data[save] = '\0';
    }
    const struct norm_row *u = unit_at(c, j, &e);
    if (u) {
        const char *rs = u->nf > 5 && u->f[5][0] == 'f' ? W(c, "cardinal_f", NULL)
                         : u->nf > 5 && u->f[5][0] == 'm' ? W(c, "cardinal_m", NULL)
                                                          : NULL;
        say_num(c, &n, rs);
        return say_unit(c, u, &n, false, e);
    }
    // A list of three or more numbers joined by hyphens ("les 17-18-19
    // juin") is said as a list.
    if (allow_range && !n.frac && j + 1 < c->n && c->s[j] == '-' &&
        is_digit_at(c, j + 1)) {
        size_t k = digits_end(c, j + 1);
        if (k + 1 < c->n && c->s[k] == '-' && is_digit_at(c, k + 1)) {
            say_num(c, &n, NULL);
            size_t q = j;
            while (q + 1 < c->n && c->s[q] == '-' && is_digit_at(c, q + 1)) {
                size_t qe = digits_end(c, q + 1);
                say_int(c, NULL, (const char *)c->s + q + 1, qe - q - 1);
                q = qe;
            }
            return q;
        }
    }
    // Ranges: "2015–2017", "2-5lb", "1960-80".
    if (allow_range && !n.neg && j + 1 < c->n &&
        (c->s[j] == '-' || has_at(c, j, "\xe2\x80\x93"))) {
        size_t k = j + (c->s[j] == '-' ? 1 : 3);
        if (is_digit_at(c, k)) {
            struct num b;
            if (parse_num(c, k, false, &b) && !(b.end < c->n && c->s[b.end] == '-')) {
                // Years only when both ends are ("1960-80", "2015–2017").
                if (is_year_like(&n) && *W(c, "year_plain", "") &&
                    (b.nip == 2 || is_year_like(&b)))
                    say_year(c, &n, false);
                else
                    say_num(c, &n, NULL);
                say(c, W(c, "to", "to"));
                size_t r = m_number(c, k, false);
                return r ? r : k;
            }
        }
    }
    // "до 10": the case a preposition before asks for (prepositions.tsv).
    if (!n.frac && !n.neg && bound) {
        size_t pl = 0, ps = prev_word(c, i, &pl);
        const struct norm_row *p = pl ? norm_table_find(&c->L->preps,
                                                        (const char *)c->s + ps,
                                                        pl, true) : NULL;
        if (p && p->nf > 1 && word_ends(c, j)) {
            say_int(c, p->f[1], n.ip, n.nip);
            return j;
        }
    }
    if (is_year_like(&n) && *W(c, "year_plain", "") && word_ends(c, j) &&
        !(j < c->n && (c->s[j] == '-' || c->s[j] == '/'))) {
        say_year(c, &n, false);
        return j;
    }
    say_num(c, &n, NULL);
    return j;
}

/* "'80s": a decade with its century left out. */
static size_t m_short_decade(struct ctx *c, size_t i)
{
    if (!*W(c, "decade", "") || !(has_at(c, i, "'") || has_at(c, i, "\xe2\x80\x99")))
        return 0;
    size_t k = i + (c->s[i] == '\'' ? 1 : 3);
    if (!is_digit_at(c, k) || !is_digit_at(c, k + 1) || c->s[k + 1] != '0' ||
        k + 2 >= c->n || c->s[k + 2] != 's' || !word_ends(c, k + 3))
        return 0;
    struct num n = {0};
    memcpy(n.ip, c->s + k, 2);
    n.nip = 2;
    // The plural of the tens: "eighty" -> "eighties".
    struct buf tmp = BUF_INIT;
    norm_spell(c->L, W(c, "cardinal", NULL), atof(n.ip), &tmp, c->err);
    if (tmp.len && tmp.data[tmp.len - 1] == 'y') {
        tmp.len--;
        buf_puts(&tmp, "ies", c->err);
    } else {
        buf_puts(&tmp, "s", c->err);
    }
    say(c, tmp.data);
    buf_release(&tmp);
    return k + 3;
}

/* ---- times --------------------------------------------------------------- */

struct tval {
    struct ctx *c;
    long h, m, s;
    const char *ap;
};

static void f_hour(struct ctx *c, void *a)
{
    struct tval *t = a;
    spell(c, W(c, "time_hour", W(c, "cardinal", NULL)), (double)t->h);
}

static void f_min(struct ctx *c, void *a)
{
    struct tval *t = a;
    char key[16];
    snprintf(key, sizeof key, "time_min%ld", t->m);
    const char *w = norm_word(c->L, key);
    if (w) {
        say(c, w);
        return;
    }
    if (t->m < 10 && t->s < 0)
        say(c, W(c, "time_min_zero", ""));
    spell(c, W(c, "time_minute_rs", W(c, "cardinal", NULL)), (double)t->m);
}

static void f_sec(struct ctx *c, void *a)
{
    struct tval *t = a;
    spell(c, W(c, "time_minute_rs", W(c, "cardinal", NULL)), (double)t->s);
}

static void f_unit(struct ctx *c, const char *key, long v)
{
    const struct norm_row *r = norm_table_find(&c->L->words, key, strlen(key),
                                               false);
    if (r && r->nf >= 3)
        say(c, norm_pick(c->L, r, (double)v, 1));
}

static void f_hword(struct ctx *c, void *a) { f_unit(c, "time_hours", ((struct tval *)a)->h); }
static void f_mword(struct ctx *c, void *a) { f_unit(c, "time_minutes", ((struct tval *)a)->m); }
static void f_sword(struct ctx *c, void *a) { f_unit(c, "time_seconds", ((struct tval *)a)->s); }
static void f_ap(struct ctx *c, void *a) { say(c, ((struct tval *)a)->ap); }

/* a.m./p.m. after a time: the spoken word and the end. */
static size_t ampm_at(struct ctx *c, size_t i, const char **ap)
{
    size_t j = skip_space(c, i);
    if (j > i + 1)
        return 0;
    static const char *const forms[] = {"a.m.", "a.m", "am", "p.m.", "p.m", "pm"};
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        size_t l = strlen(forms[k]);
        if (has_at_ci(c, j, forms[k]) &&
            (forms[k][l - 1] == '.' || word_ends(c, j + l))) {
            const char *w = norm_word(c->L, forms[k][0] == 'a' || forms[k][0] == 'A'
                                                 ? "am" : "pm");
            if (!w)
                return 0;
            *ap = w;
            return j + l;
        }
    }
    return 0;
}

static size_t m_time(struct ctx *c, size_t i)
{
    if (!is_digit_at(c, i))
        return 0;
    size_t e = digits_end(c, i);
    if (e - i > 2)
        return 0;
    struct tval t = {c, atol((const char *)c->s + i), -1, -1, NULL};
    if (t.h > 24)
        return 0;
    size_t j = e;
    bool dot = false;
    // "1h45" where the language writes times so.
    bool hsep = j + 2 < c->n && c->s[j] == 'h' && *W(c, "time_hsep", "") &&
                is_digit_at(c, j + 1) && is_digit_at(c, j + 2) &&
                !is_digit_at(c, j + 3) && word_ends(c, j + 3);
    if (j + 2 < c->n && (c->s[j] == ':' || c->s[j] == '.' || hsep) &&
        is_digit_at(c, j + 1) && is_digit_at(c, j + 2) && !is_digit_at(c, j + 3)) {
        dot = c->s[j] == '.';
        t.m = (c->s[j + 1] - '0') * 10 + (c->s[j + 2] - '0');
        j += 3;
        if (j + 2 < c->n && c->s[j] == c->s[e] && is_digit_at(c, j + 1) &&
            is_digit_at(c, j + 2) && !is_digit_at(c, j + 3)) {
            t.s = (c->s[j + 1] - '0') * 10 + (c->s[j + 2] - '0');
            j += 3;
        }
        if (t.m > 59 || t.s > 59)
            return 0;
    }
    size_t k = ampm_at(c, j, &t.ap);
    size_t after = k ? k : j;
    // Spanish says which part of the day: "de la tarde", "de la noche".
    if (k && t.ap == norm_word(c->L, "pm") && norm_word(c->L, "pm_evening") &&
        t.h >= atol(W(c, "pm_evening_from", "8")) && t.h < 12)
        t.ap = norm_word(c->L, "pm_evening");
    else if (k && t.ap == norm_word(c->L, "am") && norm_word(c->L, "am_night") &&
             (t.h == 12 || t.h < atol(W(c, "am_night_until", "0"))))
        t.ap = norm_word(c->L, "am_night");
    // The language's word after a time ("Uhr", "h") is said by the template.
    const char *suf = norm_word(c->L, "time_suffix");
    bool has_suf = false;
    if (!k && suf) {
        size_t s = skip_space(c, j);
        while (suf && *suf) {
            size_t l = strcspn(suf, " ");
            if (s <= j + 1 && s + l <= c->n &&
                strncasecmp((const char *)c->s + s, suf, l) == 0 &&
                word_ends(c, s + l)) {
                has_suf = true;
                after = s + l;
                break;
            }
            suf += l;
            while (*suf == ' ')
                suf++;
        }
    }
    if (t.m < 0 && !t.ap)
        return 0;
    if (dot && !t.ap && !has_suf && !*W(c, "time_dot", ""))
        return 0;
    if (hsep)
        has_suf = true;
    if (!word_ends(c, after) && !t.ap)
        return 0;
    const char *tpl;
    if (t.s >= 0)
        tpl = W(c, "time_hms", "{h} {H} {m} {M} {s} {S}");
    else if (t.ap)
        tpl = t.m > 0 ? W(c, "time_ap_hm", "{h} {m} {a}") : W(c, "time_ap_h", "{h} {a}");
    else
        tpl = t.m > 0 ? W(c, "time_hm", "{h} {m}") : W(c, "time_h", "{h}");
    struct fill f[] = {{'h', f_hour, &t}, {'m', f_min, &t}, {'s', f_sec, &t},
                       {'H', f_hword, &t}, {'M', f_mword, &t},
                       {'S', f_sword, &t}, {'a', f_ap, &t}};
    say_template(c, tpl, f, sizeof f / sizeof *f);
    // "2pm-5pm": a range of times.
    if (after < c->n && c->s[after] == '-' && is_digit_at(c, after + 1)) {
        size_t save = c->out->len;
        say(c, W(c, "to", "to"));
        size_t r = m_time(c, after + 1);
        if (r)
            return r;
        c->out->len = save;
        c->out->data[save] = '\0';
    }
    return after;
}

/* ---- dates ------------------------------------------------------------- */


static void f_day(struct ctx *c, void *a)
{
    struct dval *d = a;
    if (d->d == 1 && norm_word(c->L, "date_day1"))
        say(c, norm_word(c->L, "date_day1"));
    else
        spell(c, d->dative ? W(c, "ordinal_dative", NULL)
                           : W(c, "date_day", W(c, "ordinal", NULL)),
              (double)d->d);
}

static void f_month(struct ctx *c, void *a)
{
    struct dval *d = a;
    say(c, c->L->month[d->m - 1]);
}

static void f_year(struct ctx *c, void *a)
{
    struct dval *d = a;
    if (d->ylen == 2 && *W(c, "date_year2_digits", ""))
        say_digits(c, d->ydig, 2);
    else
        spell(c, W(c, "date_year", W(c, "year", W(c, "cardinal", NULL))),
              (double)d->y);
}

static void say_date(struct ctx *c, struct dval *d, bool day_first)
{
    size_t pl = 0, ps = c->at ? prev_word(c, c->at, &pl) : 0;
    d->dative = pl && norm_word(c->L, "ordinal_dative") &&
                in_list(c, "dative_after", (const char *)c->s + ps, pl);
    struct fill f[] = {{'d', f_day, d}, {'m', f_month, d}, {'y', f_year, d}};
    const char *tpl = day_first ? W(c, "date_dm", "{d} {m}")
                                : W(c, "date_md", "{m} {d}");
    if (d->d > 0)
        say_template(c, tpl, f, 3);
    else
        say_template(c, "{m}", f, 3);
    if (d->y >= 0)
        say_template(c, W(c, "date_y", "{y}"), f, 3);
}

/* A month name (or its short form, or a prefix of 3+ letters and a dot)
 * at i: its number 1-12, and the end (past the dot). */
static int month_at(struct ctx *c, size_t i, size_t *end)
{
    size_t e = letters_end(c, i);
    if (e - i < 3)
        return 0;
    char w[64];
    size_t n = e - i < sizeof w - 1 ? e - i : sizeof w - 1;
    // Lowercase for comparison (UTF-8 through ICU).
    UChar u[64], l[64];
    UErrorCode er = U_ZERO_ERROR;
    int32_t un;
    memcpy(w, c->s + i, n);
    w[n] = '\0';
    u_strFromUTF8(u, 64, &un, w, (int32_t)n, &er);
    int32_t ln = u_strToLower(l, 64, u, un, "", &er);
    char lw[128];
    int32_t lwn = 0;
    u_strToUTF8(lw, sizeof lw - 1, &lwn, l, ln, &er);
    if (U_FAILURE(er))
        return 0;
    lw[lwn] = '\0';
    bool dot = e < c->n && c->s[e] == '.';
    for (int m = 0; m < 12; m++) {
        const struct norm_lang *L = c->L;
        bool full = strcmp(lw, L->month[m]) == 0 ||
                    strcmp(lw, L->month_alone[m]) == 0;
        bool shrt = strcmp(lw, L->month_short[m]) == 0;
        bool pre = lwn >= 3 && strncmp(lw, L->month_alone[m], (size_t)lwn) == 0;
        if (full || shrt || (pre && dot)) {
            *end = e + (dot && !full ? 1 : 0);
            return m + 1;
        }
    }
    return 0;
}

/* A four-digit year (or two digits) at i. */
static bool year_at(struct ctx *c, size_t i, struct dval *d, size_t *end)
{
    size_t e = digits_end(c, i);
    if ((e - i != 4 && e - i != 2) || is_letter_at(c, e))
        return false;
    memcpy(d->ydig, c->s + i, e - i);
    d->ydig[e - i] = '\0';
    d->y = atol(d->ydig);
    d->ylen = e - i;
    *end = e;
    return true;
}

static size_t m_date_numeric(struct ctx *c, size_t i)
{
    size_t e1 = digits_end(c, i);
    size_t l1 = e1 - i;
    if (l1 < 1 || l1 > 4 || e1 >= c->n || !strchr("-/.", c->s[e1]))
        return 0;
    char s = (char)c->s[e1];
    size_t e2 = digits_end(c, e1 + 1);
    size_t l2 = e2 - e1 - 1;
    // "am 10.10.": day and month with their dots, no year.
    size_t pl = 0, ps = prev_word(c, i, &pl);
    if (s == '.' && l1 <= 2 && l2 >= 1 && l2 <= 2 && e2 < c->n &&
        c->s[e2] == '.' && !is_alnum_at(c, e2 + 1) &&
        strcmp(W(c, "date_order", "dmy"), "dmy") == 0 &&
        ((pl && in_list(c, "dative_after", (const char *)c->s + ps, pl)) ||
         (e2 + 2 < c->n && c->s[e2 + 1] == ' '))) {
        struct dval d = {.y = -1, .d = atol((const char *)c->s + i),
                         .m = atol((const char *)c->s + e1 + 1)};
        if (d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= 31) {
            say_date(c, &d, true);
            return e2 + 1;
        }
    }
    if (l2 < 1 || l2 > 2 || e2 >= c->n || c->s[e2] != s)
        return 0;
    size_t e3 = digits_end(c, e2 + 1);
    size_t l3 = e3 - e2 - 1;
    if (l3 < 1 || l3 > 4 || is_alnum_at(c, e3) ||
        (e3 + 1 < c->n && strchr("-/.", c->s[e3]) && is_digit_at(c, e3 + 1)))
        return 0;
    long a = atol((const char *)c->s + i), b = atol((const char *)c->s + e1 + 1),
         x = atol((const char *)c->s + e2 + 1);
    struct dval d = {0};
    if (l1 == 4) {
        if (l3 > 2)
            return 0;
        d.y = a, d.m = b, d.d = x, d.ylen = 4;
        memcpy(d.ydig, c->s + i, 4);
    } else {
        if (l3 != 4 && l3 != 2)
            return 0;
        if (l3 == 2 && s == '.' && *W(c, "date_order", "dmy") == 'm')
            return 0;
        bool mdy = strcmp(W(c, "date_order", "dmy"), "mdy") == 0;
        d.d = mdy ? b : a;
        d.m = mdy ? a : b;
        d.y = x;
        d.ylen = l3;
        memcpy(d.ydig, c->s + e2 + 1, l3);
    }
    if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31)
        return 0;
    say_date(c, &d, strcmp(W(c, "date_numeric", "md"), "dm") == 0);
    return e3;
}

/* The day of a date, with an ordinal ending ("22nd", "17.") */
static bool day_at(struct ctx *c, size_t i, long *day, size_t *end)
{
    size_t e = digits_end(c, i);
    if (e - i < 1 || e - i > 2)
        return false;
    *day = atol((const char *)c->s + i);
    if (*day < 1 || *day > 31)
        return false;
    size_t oe;
    struct num n = {0};
    memcpy(n.ip, c->s + i, e - i);
    n.nip = e - i;
    const struct norm_row *r = match_key(c, &c->L->ordsuf, e, true, true, &oe);
    if (r)
        e = oe;
    else if (is_letter_at(c, e))
        return false;
    *end = e;
    return true;
}

static size_t m_date_named(struct ctx *c, size_t i)
{
    struct dval d = {.y = -1};
    size_t e, k;
    bool day_first;
    const char *of = W(c, "date_of", "");
    size_t ofl = strlen(of);
    // A weekday before is said as it is ("vier. 10 de mayo" aside).
    if (is_digit_at(c, i)) {
        if (!day_at(c, i, &d.d, &e))
            return 0;
        if (e < c->n && c->s[e] == '.')
            e++;
        k = skip_space(c, e);
        if (k > e + 1 || k == e)
            return 0;
        if (ofl && has_at_ci(c, k, of) && k + ofl < c->n && c->s[k + ofl] == ' ')
            k += ofl + 1;
        else if (has_at_ci(c, k, "of "))
            k += 3;
        if (!(d.m = month_at(c, k, &e)))
            return 0;
        day_first = true;
    } else {
        if (!(d.m = month_at(c, i, &e)))
            return 0;
        bool dash = e + 1 < c->n && c->s[e] == '-' && is_digit_at(c, e + 1);
        k = dash ? e + 1 : skip_space(c, e);
        if (k == e || k > e + 1 || !day_at(c, k, &d.d, &e))
            return 0;
        if (e < c->n && c->s[e] == ',')
            e++;
        else if (dash && e + 1 < c->n && c->s[e] == '-' && is_digit_at(c, e + 1))
            e++, k = e;     // "Jan-15-2020"
        if (dash && k == e && year_at(c, k, &d, &e)) {
            say_date(c, &d, false);
            return e;
        }
        day_first = false;
    }
    // The year, if one follows.
    k = skip_space(c, e);
    size_t ye;
    if (k > e && k <= e + 2 && ofl && has_at_ci(c, k, of) &&
        k + ofl < c->n && c->s[k + ofl] == ' ' && is_digit_at(c, k + ofl + 1))
        k += ofl + 1;
    if (k > e && k <= e + 2 && year_at(c, k, &d, &ye) && d.ylen == 4) {
        e = ye;
    } else {
        d.y = -1;
        if (e > 0 && c->s[e - 1] == ',')
            e--;
    }
    say_date(c, &d, day_first);
    return e;
}

/* ---- telephone numbers -------------------------------------------------- */

static size_t m_phone(struct ctx *c, size_t i)
{
    size_t j = i;
    size_t groups[12][2];
    size_t ng = 0, digits = 0;
    bool plus = false, paren = false;
    char sepc = 0;
    bool same_sep = true;
    if (c->s[j] == '+') {
        plus = true;
        j++;
    }
    while (j < c->n && ng < 12) {
        bool open = c->s[j] == '(';
        if (open) {
            paren = true;
            j++;
        }
        size_t e = digits_end(c, j);
        if (e == j || e - j > ((plus || paren) && ng > 0 ? 8u : 4u))
            return 0;
        groups[ng][0] = j;
        groups[ng][1] = e;
        ng++;
        digits += e - j;
        j = e;
        if (open) {
            if (j >= c->n || c->s[j] != ')')
                return 0;
            j++;
            if (j < c->n && (c->s[j] == '-' || c->s[j] == ' '))
                j++;
            continue;
        }
        if (j < c->n && c->s[j] == '(' && (plus || paren))
            continue;
        if (j + 1 < c->n && strchr("-. ", c->s[j]) &&
            (is_digit_at(c, j + 1) || c->s[j + 1] == '(')) {
            if (sepc && sepc != c->s[j] && c->s[j] != ' ')
                same_sep = false;
            if (c->s[j] != ' ')
                sepc = (char)c->s[j];
            // A space ends the number unless a group of a phone follows.
            if (c->s[j] == ' ' && !plus && !paren)
                break;
            j++;
            continue;
        }
        break;
    }
    if (!word_ends(c, j) || ng < 2 || digits < 7 || digits > 15 || !same_sep)
        return 0;
    if (ng < 3 && !plus && !paren)
        return 0;
    if (!plus && !paren && sepc == '.' && ng != 4)
        return 0;
    bool thousands = true;     // "1.000.000.000" is a grouped number
    for (size_t g = 1; g < ng; g++)
        thousands &= groups[g][1] - groups[g][0] == 3;
    if (thousands && !plus && !paren && sepc != '-')
        return 0;
    bool ip = !plus && !paren && sepc == '.' && ng == 4;
    if (plus)
        say(c, W(c, "plus", "plus"));
    bool groups_style = strcmp(W(c, "phone_style", "digits"), "groups") == 0;
    for (size_t g = 0; g < ng; g++) {
        if (g > 0) {
            if (ip)
                say(c, W(c, "dot", "dot"));
            else if (c->rc == 0 && *W(c, "phone_pause", ""))
                c->rc = buf_putc(c->out, ',', c->err);
        }
        const char *d = (const char *)c->s + groups[g][0];
        size_t n = groups[g][1] - groups[g][0];
        if (groups_style || (plus && g == 0)) {
            // A country code is a number ("plus forty-nine").
            size_t z = 0;
            while (z + 1 < n && d[z] == '0')
                spell(c, W(c, "cardinal", NULL), 0), z++;
            say_int(c, NULL, d + z, n - z);
        } else {
            say_digits(c, d, n);
        }
    }
    return j;
}

/* ---- links, e-mail addresses, handles, hashtags --------------------------- */

static bool host_char(unsigned char ch)
{
    return isalnum(ch) || ch == '-' || ch == '_';
}

/* Speak a run of a link: letters as a word or spelled, digits one by one. */
static void say_link_part(struct ctx *c, const char *p, size_t n)
{
    size_t k = 0;
    bool spell_letters = *W(c, "link_spell", "") != '\0';
    while (k < n) {
        size_t s = k;
        if (isdigit((unsigned char)p[k])) {
            while (k < n && isdigit((unsigned char)p[k]))
                k++;
            say_digits(c, p + s, k - s);
            continue;
        }
        if (isalpha((unsigned char)p[k])) {
            while (k < n && isalpha((unsigned char)p[k]))
                k++;
            const struct norm_row *r = norm_table_find(&c->L->said, p + s,
                                                       k - s, true);
            // A country's domain ("dot it", "dot de") is two letters.
            bool tld2 = !r && k - s == 2 && s > 0 && p[s - 1] == '.' &&
                        (k == n || p[k] == '/');
            if (tld2) {
                char up[2] = {(char)toupper((unsigned char)p[s]), 0};
                say(c, up);
                up[0] = (char)toupper((unsigned char)p[s + 1]);
                say(c, up);
            } else if (spell_letters && !r && k - s > 1) {
                for (size_t q = s; q < k; q++)
                    say_n(c, p + q, 1);
            } else if (r && r->nf > 1) {
                say(c, r->f[1]);
            } else {
                say_n(c, p + s, k - s);
            }
            continue;
        }
        char sym[2] = {p[k], 0};
        const struct norm_row *r = norm_table_find(&c->L->symbols, sym, 1, false);
        const char *w = p[k] == '.' ? W(c, "dot", "dot")
                      : p[k] == '@' ? W(c, "at", "at")
                      : p[k] == '/' ? W(c, "slash", "slash")
                      : p[k] == '-' ? W(c, "dash", "dash")
                      : p[k] == '_' ? W(c, "underscore", "underscore")
                      : r && r->nf > 1 ? r->f[1] : NULL;
        if (w)
            say(c, w);
        k++;
    }
}

/* Whether a bare name ends in a top-level domain: a country's two letters
 * (ICU's ISO 3166 list) or a generic one of voices/lang/tlds.tsv, so that
 * "chai.expect" or "res.ok" in a sentence is not read as a link. */
static bool is_tld(const char *p, size_t n)
{
    char t[8];
    if (n >= sizeof t)
        return false;
    for (size_t k = 0; k < n; k++)
        t[k] = (char)toupper((unsigned char)p[k]);
    t[n] = '\0';
    if (n == 2) {
        if (strcmp(t, "UK") == 0 || strcmp(t, "EU") == 0)
            return true;
        for (const char *const *cc = uloc_getISOCountries(); cc && *cc; cc++)
            if (strcmp(*cc, t) == 0)
                return true;
        return false;
    }
    return norm_tld_known(p, n);
}

static size_t m_link(struct ctx *c, size_t i)
{
    // A link is one word of at most 2 KB: a longer run of non-spaces is
    // no link (and scanning it again at each of its dots would be slow).
    size_t e = i, cap = i + 2048 < c->n ? i + 2048 : c->n;
    while (e < cap && !isspace(c->s[e]) && c->s[e] != '"' && c->s[e] != '<' &&
           c->s[e] != '>')
        e++;
    if (e == cap && cap < c->n && !isspace(c->s[e]))
        return 0;
    // Sentence punctuation after it is not part of it.
    while (e > i && strchr(".,;:!?)]'", c->s[e - 1]))
        e--;
    if (e <= i)
        return 0;
    const char *p = (const char *)c->s + i;
    size_t n = e - i;
    size_t host = 0;
    const char *css = NULL;
    for (size_t k = 0; k + 3 <= n && k < 12 && !css; k++)
        if (memcmp(p + k, "://", 3) == 0)
            css = p + k;
    if (css) {
        for (const char *q = p; q < css; q++)
            if (!isalpha((unsigned char)*q))
                return 0;
        host = (size_t)(css - p) + 3;
    }
    const char *at = memchr(p, '@', n);
    bool www = n > 4 && strncasecmp(p, "www.", 4) == 0;
    // A bare domain: labels of two or more letters or digits, the last one
    // letters only ("example.com", "pic.twitter.com/...").
    size_t hend = host;
    while (hend < n && (host_char((unsigned char)p[hend]) || p[hend] == '.' ||
                        p[hend] == '@'))
        hend++;
    if (!css && !at && !www) {
        if (!isalpha((unsigned char)p[0]))
            return 0;
        size_t labels = 0, last = 0, lab = 0;
        bool ok = true;
        for (size_t k = 0; k <= hend; k++) {
            if (k == hend || p[k] == '.') {
                if (k - lab < 2)
                    ok = false;
                last = lab;
                labels++;
                lab = k + 1;
            }
        }
        if (!ok || labels < 2)
            return 0;
        for (size_t k = last; k < hend; k++)
            if (!islower((unsigned char)p[k]))
                return 0;
        if (hend - last > 6 || (hend < n && p[hend] != '/') ||
            !is_tld(p + last, hend - last))
            return 0;
    }
    if (at && !css) {
        const char *dot = memchr(at, '.', n - (size_t)(at - p));
        if (at == p || !dot || dot == at + 1 || dot == p + n - 1)
            return 0;
    }
    // A link is said briefly: the host, and a short path; the scheme
    // and a long path are not read.
    size_t path = hend;
    size_t say_end = hend;
    if (path < n && p[path] == '/') {
        size_t pl = n - path;
        if (pl > 1 && pl <= 24 && !memchr(p + path, '?', pl))
            say_end = n;
    }
    if (say_end == host)        // "file:///...": no host; the file's name
        say(c, W(c, "link", "link"));
    else
        say_link_part(c, p + host, say_end - host);
    // What follows the name but is no path ("abc.de!f@x.us") is read on
    // as text: only a link's path is left out.
    if (hend < n && p[hend] != '/')
        return i + hend;
    return e;
}

/* "@handle" and "#hashtag". */
static size_t m_handle(struct ctx *c, size_t i)
{
    if (c->s[i] != '@' && c->s[i] != '#')
        return 0;
    size_t e = i + 1;
    while (e < c->n && (isalnum(c->s[e]) || c->s[e] == '_' || c->s[e] >= 0x80) &&
           !isspace(c->s[e]))
        e++;
    if (e == i + 1 || !is_letter_at(c, i + 1))
        return 0;
    if (c->s[i] == '@') {
        // "@jensen.me": a handle that is a domain.
        size_t e2 = e;
        while (e2 + 1 < c->n && c->s[e2] == '.' && isalnum(c->s[e2 + 1])) {
            e2++;
            while (e2 < c->n && isalnum(c->s[e2]))
                e2++;
        }
        say(c, W(c, "at", "at"));
        say_link_part(c, (const char *)c->s + i + 1, e2 - i - 1);
        return e2;
    }
    say(c, W(c, "hashtag", "hashtag"));
    // CamelCase words of a hashtag are said apart.
    size_t s = i + 1;
    for (size_t k = i + 2; k <= e; k++) {
        if (k == e || (isupper(c->s[k]) && islower(c->s[k - 1]))) {
            say_n(c, (const char *)c->s + s, k - s);
            s = k;
        }
    }
    return e;
}

/* ---- words ---------------------------------------------------------------- */

static int roman_value(const char *p, size_t n)
{
    static const char sym[] = "IVXLCDM";
    static const int val[] = {1, 5, 10, 50, 100, 500, 1000};
    int total = 0;
    for (size_t k = 0; k < n; k++) {
        const char *a = strchr(sym, toupper((unsigned char)p[k]));
        if (!a)
            return 0;
        int v = val[a - sym];
        int next = 0;
        if (k + 1 < n) {
            const char *b = strchr(sym, toupper((unsigned char)p[k + 1]));
            next = b ? val[b - sym] : 0;
        }
        total += v < next ? -v : v;
    }
    // Only the canonical spelling counts ("IIII", "VX" are not numerals).
    static const char *const ones[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    static const char *const tens[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
    static const char *const huns[] = {"", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
    if (total <= 0 || total >= 4000)
        return 0;
    char canon[32];
    snprintf(canon, sizeof canon, "%.*s%s%s%s", total / 1000, "MMM",
             huns[total / 100 % 10], tens[total / 10 % 10], ones[total % 10]);
    if (strlen(canon) != n || strncasecmp(canon, p, n) != 0)
        return 0;
    return total;
}

/* The word before i (skipping one space): its start and length. */
static size_t prev_word(const struct ctx *c, size_t i, size_t *len)
{
    if (i < 2 || c->s[i - 1] != ' ')
        return 0;
    size_t e = i - 1, s = e;
    while (s > 0 && !isspace(c->s[s - 1]))
        s--;
    *len = e - s;
    return s;
}

static size_t m_roman(struct ctx *c, size_t i)
{
    size_t e = letters_end(c, i);
    size_t n = e - i;
    const char *p = (const char *)c->s + i;
    // "XIXe siècle": a numeral with an ordinal ending.
    for (size_t k = 0; k < c->L->ordsuf.n && n > 1; k++) {
        const char *suf = c->L->ordsuf.rows[k].f[0];
        size_t sl = strlen(suf);
        if (!isalpha((unsigned char)suf[0]) && (unsigned char)suf[0] < 0x80)
            continue;
        bool caps = n - sl >= 2;
        for (size_t q = 0; q + sl < n && caps; q++)
            caps = isupper((unsigned char)p[q]);
        if (caps && sl < n && memcmp(p + n - sl, suf, sl) == 0 && word_ends(c, e)) {
            int v = roman_value(p, n - sl);
            if (v && c->L->ordsuf.rows[k].nf > 1) {
                spell(c, c->L->ordsuf.rows[k].f[1], v);
                return e;
            }
        }
    }
    if (n < 1 || n > 9 || !word_ends(c, e))
        return 0;
    int v = roman_value(p, n);
    if (!v)
        return 0;
    bool upper = isupper((unsigned char)p[0]);
    size_t pl = 0, ps = prev_word(c, i, &pl);
    const char *prev = (const char *)c->s + ps;
    // The word after: a century ("XX век", "XIX siècle").
    size_t ne = e < c->n ? letters_end(c, e + 1) : e;
    bool century_after = e < c->n && c->s[e] == ' ' &&
                         in_list(c, "century_words", (const char *)c->s + e + 1,
                                 ne - e - 1);
    bool century_before = pl && in_list(c, "century_words", prev, pl);
    if (century_after || century_before) {
        spell(c, W(c, century_after ? "century_rs" : "century_after_rs",
                   W(c, "ordinal", NULL)), v);
        return e;
    }
    if (!upper || (n == 1 && v != 1 && v != 5 && v != 10) || n == 1)
        return 0;
    if (pl && in_list(c, "roman_cardinal_after", prev, pl)) {
        spell(c, W(c, "cardinal", NULL), v);
        return e;
    }
    if (pl && in_list(c, "roman_ordinal_after", prev, pl)) {
        spell(c, W(c, "roman_ordinal", W(c, "ordinal", NULL)), v);
        return e;
    }
    // After a name: "Charles III", "Louis XIV".  Regnal numbers are
    // written with I, V and X; "MD" or "CD" after a name is no numeral.
    bool ivx = strspn(p, "IVX") >= n;
    if (pl && isupper((unsigned char)prev[0]) && ivx) {
        const char *tpl = W(c, "roman_name", "{o}");
        if (strncmp(tpl, "{o}", 3) != 0)
            say_n(c, tpl, strcspn(tpl, " {"));
        spell(c, W(c, "roman_ordinal", W(c, "ordinal", NULL)), v);
        return e;
    }
    return 0;
}

/* Whether one of the two words before i is a number ("1428 Elm St."). */
static bool after_house_number(const struct ctx *c, size_t i)
{
    size_t pl = 0, ps = prev_word(c, i, &pl);
    for (int k = 0; k < 2 && pl; k++) {
        if (is_digit_at(c, ps))
            return true;
        ps = prev_word(c, ps, &pl);
    }
    return false;
}

static size_t m_abbrev(struct ctx *c, size_t i)
{
    size_t e;
    const struct norm_row *r = match_key(c, &c->L->abbr, i, false, true, &e);
    if (!r) {
        // Case is ignored ("DR." for "Dr."), but not to make a word in
        // capitals ("DR", a photo credit) an abbreviation without a dot.
        r = match_key(c, &c->L->abbr, i, true, true, &e);
        bool caps = true;
        for (size_t k = i; r && k < e; k++)
            caps &= !islower(c->s[k]);
        if (r && caps && c->s[e - 1] != '.' && e - i > 1)
            r = NULL;
    }
    if (!r || r->nf < 2)
        return 0;
    // Rows of the same abbreviation in order, the first whose condition
    // holds: "num" before a number ("No. 10"), "cap" before a capital
    // ("St. Petersburg" is Saint, "Elm St." Street).
    size_t next = skip_space(c, e);
    const struct norm_row *pick = NULL;
    for (size_t k = (size_t)(r - c->L->abbr.rows); k < c->L->abbr.n && !pick; k++) {
        const struct norm_row *q = &c->L->abbr.rows[k];
        if (strcasecmp(q->f[0], r->f[0]) != 0 || q->nf < 2)
            continue;
        const char *cond = q->nf > 2 ? q->f[2] : "";
        if ((strcmp(cond, "num") == 0 && !is_digit_at(c, next)) ||
            (strcmp(cond, "cap") == 0 &&
             (next == e || next >= c->n || !isupper(c->s[next]) ||
              after_house_number(c, i))))
            continue;
        pick = q;
    }
    if (!pick)
        return 0;
    // "1428 Elm St. It was": a capital after a street's abbreviation
    // starts a new sentence; its full stop stays.
    bool stop = pick != r && strcmp(r->nf > 2 ? r->f[2] : "", "cap") == 0 &&
                next > e && next < c->n && isupper(c->s[next]) &&
                c->s[e - 1] == '.';
    r = pick;
    // An abbreviation without its dot must end a word.
    if (e < c->n && (c->s[e] == '.' && r->f[0][strlen(r->f[0]) - 1] != '.') &&
        is_letter_at(c, e + 1))
        return 0;
    say(c, r->f[1]);
    if (stop && c->rc == 0)
        c->rc = buf_putc(c->out, '.', c->err);
    return e;
}

/* "U.S.", "C. S.": single capitals with dots are spelled as letters. */
static size_t m_initials(struct ctx *c, size_t i)
{
    size_t j = i, count = 0;
    size_t last = i;
    while (j + 1 < c->n && isupper(c->s[j]) && c->s[j + 1] == '.' &&
           (!is_letter_at(c, j + 2) ||
            (j + 3 < c->n && isupper(c->s[j + 2]) && c->s[j + 3] == '.'))) {
        count++;
        last = j + 2;
        j += 2;
        if (j < c->n && c->s[j] == ' ' && j + 2 < c->n && isupper(c->s[j + 1]) &&
            c->s[j + 2] == '.')
            j++;
    }
    if (count < 2)
        return 0;
    for (size_t k = i; k < last; k++)
        if (isupper(c->s[k]))
            say_n(c, (const char *)c->s + k, 1);
    // A sentence that ends on it keeps its full stop.
    if (last >= c->n)
        c->rc = c->rc ? c->rc : buf_putc(c->out, '.', c->err);
    return last;
}

/* ---- symbols and emoji ---------------------------------------------------- */

static bool is_arrow(uint32_t cp)
{
    return (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x27F0 && cp <= 0x27FF) ||
           (cp >= 0x2900 && cp <= 0x297F) || (cp >= 0x2B05 && cp <= 0x2B07) ||
           cp == 0x27A1 || (cp >= 0x1F800 && cp <= 0x1F8FF);
}

static bool is_emoji(uint32_t cp)
{
    return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           cp == 0x2B50 || cp == 0x2B55 || (cp >= 0x1F000 && cp <= 0x1F2FF);
}

static bool is_emoji_mod(uint32_t cp)
{
    return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

/* An emoji and its modifiers: the end. */
static size_t emoji_end(const struct ctx *c, size_t i)
{
    size_t k;
    cp_at(c, i, &k);
    i += k;
    for (;;) {
        uint32_t cp = cp_at(c, i, &k);
        if (i >= c->n || !is_emoji_mod(cp))
            break;
        i += k;
        if (cp == 0x200D && i < c->n) {      // a joined sequence goes on
            cp_at(c, i, &k);
            i += k;
        }
    }
    return i;
}

/* "½", "⅖": a fraction character, said as the fraction its compatibility
 * decomposition spells ("2⁄5"). */
static size_t vulgar_fraction(struct ctx *c, size_t i, uint32_t cp, size_t k)
{
    if (!((cp >= 0xBC && cp <= 0xBE) || (cp >= 0x2150 && cp <= 0x215E) ||
          cp == 0x2189))
        return 0;
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&e);
    UChar src[2] = {(UChar)cp, 0}, dst[16];
    int32_t n = U_SUCCESS(e) ? unorm2_normalize(nfkd, src, 1, dst, 16, &e) : 0;
    char frac[24];
    size_t fl = 0;
    for (int32_t q = 0; U_SUCCESS(e) && q < n && fl + 1 < sizeof frac; q++) {
        if (dst[q] >= '0' && dst[q] <= '9')
            frac[fl++] = (char)dst[q];
        else if (dst[q] == 0x2044)
            frac[fl++] = '/';
    }
    frac[fl] = '\0';
    if (U_FAILURE(e) || !strchr(frac, '/'))
        return 0;
    // Read the fraction from its own text, into the same output.
    struct ctx sub = *c;
    sub.s = (const unsigned char *)frac;
    sub.n = fl;
    sub.base = c->base;
    size_t r = m_number(&sub, 0, false);
    c->rc = sub.rc;
    c->glue = sub.glue;
    return r ? i + k : 0;
}

static size_t norm_symbol(struct ctx *c, size_t i)
{
    size_t k;
    uint32_t cp = cp_at(c, i, &k);
    size_t vf = vulgar_fraction(c, i, cp, k);
    if (vf)
        return vf;
    if (is_arrow(cp))
        return emoji_end(c, i);
    if (is_emoji(cp)) {
        size_t e = emoji_end(c, i);
        size_t len = e - i;
        size_t j = e;
        // A run of the same emoji is said once.
        while (j + len <= c->n && memcmp(c->s + j, c->s + i, len) == 0)
            j += len;
        while (j < c->n && is_emoji_mod(cp_at(c, j, &k)))
            j += k;
        sep(c);
        say_n(c, (const char *)c->s + i, len);
        return j;
    }
    const struct norm_row *r = norm_table_find(&c->L->symbols,
                                               (const char *)c->s + i, k, false);
    if (r && r->nf > 1) {
        bool alone = (i == 0 || isspace(c->s[i - 1]) || is_digit_at(c, i - 1)) &&
                     (i + k >= c->n || isspace(c->s[i + k]) ||
                      is_digit_at(c, i + k) || strchr(".,;:!?", c->s[i + k]));
        if (alone || (r->nf > 2 && strcmp(r->f[2], "always") == 0)) {
            say(c, r->f[1]);
            return i + k;
        }
    }
    return 0;
}

/* ---- the scan --------------------------------------------------------------- */

static size_t try_all(struct ctx *c, size_t i)
{
    unsigned char ch = c->s[i];
    bool bound = at_bound(c, i);
    size_t r;
    c->at = i;
    if (bound && (isalnum(ch) || ch >= 0x80) && (r = m_abbrev(c, i)))
        return r;
    if (bound && (isalnum(ch)) && (r = m_link(c, i)))
        return r;
    if (bound && (r = m_handle(c, i)))
        return r;
    if (bound && isupper(ch) && (r = m_initials(c, i)))
        return r;
    if (bound && isdigit(ch) && (r = m_date_numeric(c, i)))
        return r;
    if (bound && (isdigit(ch) || ch == '+' || ch == '(') && (r = m_phone(c, i)))
        return r;
    if (bound && (isalnum(ch) || ch >= 0x80) && (r = m_date_named(c, i)))
        return r;
    if (bound && isdigit(ch) && (r = m_time(c, i)))
        return r;
    if ((r = m_money(c, i)))
        return r;
    if (bound && (r = m_short_decade(c, i)))
        return r;
    if ((isdigit(ch) || ch == '-' || ch == '.' || ch == 0xe2) &&
        (r = m_number(c, i, true)))
        return r;
    if (bound && (isalpha(ch) || ch >= 0x80) && (r = m_roman(c, i)))
        return r;
    return 0;
}

int norm_text(struct norm_lang *L, const char *text, size_t len,
              struct buf *out, struct hr_error *err)
{
    struct ctx c = {L, (const unsigned char *)text, len, out, err, 0, false,
                    out->len, 0};
    size_t i = 0;
    while (i < len && c.rc == 0) {
        unsigned char ch = c.s[i];
        if (isspace(ch)) {
            if (out->len > c.base && out->data[out->len - 1] != ' ')
                c.rc = buf_putc(out, ' ', err);
            c.glue = false;
            i++;
            continue;
        }
        size_t r = try_all(&c, i);
        if (r > i) {
            // "on Main St.", "6 руб.": a dot read as part of the text also
            // ended the sentence.
            if (r >= len && text[r - 1] == '.' && out->len > c.base &&
                out->data[out->len - 1] != '.')
                c.rc = buf_putc(out, '.', err);
            i = r;
            continue;
        }
        if (ch >= 0x80 || !isalnum(ch)) {
            r = norm_symbol(&c, i);
            if (r > i) {
                i = r;
                continue;
            }
        }
        // Copy a word of letters whole, else one character.
        size_t e = is_letter_at(&c, i) ? letters_end(&c, i) : 0;
        if (e <= i)
            cp_at(&c, i, &e), e += i;
        if (c.glue && is_alnum_at(&c, i) && out->len > c.base &&
            out->data[out->len - 1] != ' ')
            c.rc = buf_putc(out, ' ', err);
        if (c.rc == 0)
            c.rc = buf_append(out, text + i, e - i, err);
        c.glue = false;
        i = e;
    }
    return c.rc;
}
