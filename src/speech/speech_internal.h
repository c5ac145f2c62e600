/*
 * speech_internal.h — what the parts of speech/ share: a language's
 * normalisation data.
 *
 * Files of voices/lang/LANG/ (tab-separated, # comments), all optional
 * but words.tsv, whose presence makes a language known:
 *   words.tsv          KEY  VALUE: rule set names, words ("point", "to"),
 *                      templates ("{d} de {m}") — docs/SPEECH.md lists them
 *   abbreviations.tsv  WRITTEN  SPOKEN
 *   units.tsv          SYMBOL  ONE  OTHER  [FEW  MANY]
 *   currencies.tsv     SYMBOL  ONE  OTHER  MINOR-ONE  MINOR-OTHER  GENDER
 *   scales.tsv         WRITTEN  ONE  OTHER  [FEW  MANY]
 *   ordinals.tsv       SUFFIX  RULESET
 *   fractions.tsv      DENOMINATOR  ONE  OTHER
 *   symbols.tsv        CHARACTER  SPOKEN
 *   said.tsv           WORD  [SPOKEN]: a part of a link said as a word
 *   agree.tsv          WORD  RULESET: a number before WORD takes RULESET
 *   prepositions.tsv   WORD  RULESET: a number after WORD takes RULESET
 */
#ifndef HERALD_SPEECH_INTERNAL_H
#define HERALD_SPEECH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <unicode/unum.h>
#include <unicode/upluralrules.h>

#include "base/buf.h"
#include "base/error.h"
#include "base/utf8.h"

#define NORM_MAX_FIELDS 8

struct norm_row {
    char *line;
    const char *f[NORM_MAX_FIELDS];
    int nf;
};

struct norm_table {
    struct norm_row *rows;
    size_t n, alloc;
};

struct norm_lang {
    char code[8];
    bool have;
    struct norm_table words, abbr, units, money, scales, ordsuf, fractions,
        symbols, said, agree, preps;
    char *month[12], *month_alone[12], *month_short[12];
    UPluralRules *plural;
    UNumberFormat *fmt;         /* ICU's spelling, opened on first use */
    char fmt_default[64];       /* its default rule set */
    char fmt_cur[64];           /* the rule set selected now */
};

/* The data of the language of BCP 47 tag (its primary subtag), loaded on
 * first use; NULL when herald has none for it. */
struct norm_lang *norm_lang_get(const char *tag);

/* The row whose first field is the n bytes at key; fold: also ignoring
 * ASCII case. */
const struct norm_row *norm_table_find(const struct norm_table *t,
                                       const char *key, size_t n, bool fold);
/* Whether the n bytes at p are a generic top-level domain ("com", "org";
 * voices/lang/tlds.tsv). */
bool norm_tld_known(const char *p, size_t n);
/* words.tsv's value for key, or NULL. */
const char *norm_word(const struct norm_lang *L, const char *key);

/* Append v spelled by ICU's rule set rs (NULL: %spellout-numbering). */
int norm_spell(struct norm_lang *L, const char *rs, double v, struct buf *out,
               struct hr_error *err);
/* CLDR's plural category of v ("one", "few", "many", "other"). */
const char *norm_plural(const struct norm_lang *L, double v, char *cat,
                        size_t size);
/* The form of row r for v: columns first.. are one, other, few, many. */
const char *norm_pick(const struct norm_lang *L, const struct norm_row *r,
                      double v, int first);

/* Normalise len bytes of text in language L, appending to out. */
int norm_text(struct norm_lang *L, const char *text, size_t len,
              struct buf *out, struct hr_error *err);

#endif /* HERALD_SPEECH_INTERNAL_H */
