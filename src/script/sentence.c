/*
 * sentence.c — sentence boundaries with ICU.
 *
 * DESIGN: ICU's sentence break iterator, opened for the article's language
 * with the "ss=standard" keyword so that ICU's own abbreviation
 * suppressions apply ("Mr.", "U.S.", "e.g." ...).  ICU works on the UTF-8
 * text in place through UText, so break positions are byte offsets.  Two
 * cases ICU's rules still split are merged afterwards, because a listener
 * hears a wrong break as a long pause in the middle of a phrase: a break
 * after a short abbreviation-like token ending in "." ("Dec.", "St.",
 * "Gen.") when the next sentence does not start with a capital letter or
 * opens with a digit, and a break after a single capital initial ("J. Smith").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/utext.h>

#include "base/alloc.h"
#include "script/script.h"

/* Abbreviations that precede a number or a name in news copy.  ICU's
 * standard suppressions cover titles and "U.S."; months and a few others
 * are not in its list for every language. */
static const char *const extra_abbrevs[] = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "st", "gen", "gov", "sen", "rep", "lt", "col", "sgt",
    "capt", "cmdr", "adm", "prof", "dr", "mr", "mrs", "ms", "jr", "sr",
    "no", "nos", "vol", "fig", "approx", "ca", "vs", "etc", "inc", "corp",
    "ltd", "co", "mt", "ft", "ave", "blvd", "rd", "dept", "univ", "est",
    "z.b", "bzw", "usw", "ggf", "vgl", "nr", "hr", "fr", "str", "mme",
    "mlle", "m", "av", "env", "cf", "p", "pp", "ул", "г", "гг", "т.е",
    "т.д", "т.п", "др", "им", "проф", "см", "стр", "млн", "млрд", "тыс",
};

static bool is_extra_abbrev(const char *word, size_t len)
{
    char low[16];
    if (len == 0 || len >= sizeof low)
        return false;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)tolower((unsigned char)word[i]);
    low[len] = '\0';
    for (size_t i = 0; i < sizeof extra_abbrevs / sizeof *extra_abbrevs; i++) {
        if (strcmp(low, extra_abbrevs[i]) == 0)
            return true;
    }
    return false;
}

/*
 * Should the break at byte offset at (the start of the next sentence) in
 * text be dropped?  Looks at the word before it and the first character
 * after it.
 */
/* Languages that write ordinals as a number and a full stop ("3. Oktober"). */
static bool ordinal_dot_lang(const char *lang)
{
    static const char *const langs[] = {"de", "da", "nb", "no", "nn", "fi",
                                        "cs", "sk", "pl", "hu", "sl", "hr",
                                        "sr", "bs", "et", "lv", "lt", "is",
                                        "tr", "fo"};
    if (!lang)
        return false;
    for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
        size_t n = strlen(langs[i]);
        if (strncasecmp(lang, langs[i], n) == 0 &&
            (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_'))
            return true;
    }
    return false;
}

static bool keep_together(const char *text, uint32_t start, uint32_t at,
                          const char *lang)
{
    // A sentence does not start with a lower-case letter: "\"Stop!\" she
    // said" is one sentence, though ICU breaks after "!".
    UChar32 next_cp;
    int32_t next_at = (int32_t)at;
    U8_NEXT(text, next_at, -1, next_cp);
    if (next_cp > 0 && u_islower(next_cp))
        return true;

    uint32_t end = at;
    while (end > start && text[end - 1] == ' ')
        end--;
    if (end == start || text[end - 1] != '.')
        return false;
    uint32_t w = end - 1;   // the '.'
    while (w > start && text[w - 1] != ' ' && text[w - 1] != '(' &&
           text[w - 1] != '"')
        w--;
    const char *word = text + w;
    size_t wlen = end - 1 - w;
    unsigned char next = (unsigned char)text[at];

    // "am 3. Oktober": a one- or two-digit ordinal where languages write
    // ordinals that way.
    if (wlen >= 1 && wlen <= 2 && isdigit((unsigned char)word[0]) &&
        isdigit((unsigned char)word[wlen - 1]) && ordinal_dot_lang(lang))
        return true;
    // "J. Smith": one capital letter then a full stop.
    if (wlen == 1 && isupper((unsigned char)word[0]))
        return true;
    if (is_extra_abbrev(word, wlen)) {
        // A title before a name, a month before a number: keep together
        // unless the next word is clearly a new sentence's first word
        // (only possible to tell for numbers and lower case).
        if (isdigit(next) || islower(next))
            return true;
        static const char *const titles[] = {"mr", "mrs", "ms", "dr", "prof",
                                             "gen", "gov", "sen", "rep", "st",
                                             "lt", "col", "sgt", "capt",
                                             "adm", "mt"};
        char low[8];
        if (wlen < sizeof low) {
            for (size_t i = 0; i < wlen; i++)
                low[i] = (char)tolower((unsigned char)word[i]);
            low[wlen] = '\0';
            for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
                if (strcmp(low, titles[i]) == 0)
                    return true;
            }
        }
    }
    return false;
}

static int split_segment(struct segment *seg, const char *lang,
                         struct hr_error *err)
{
    char locale[64];
    snprintf(locale, sizeof locale, "%s@ss=standard", lang ? lang : "en");
    for (char *p = locale; *p && *p != '@'; p++) {
        if (*p == '-')
            *p = '_';
    }

    UErrorCode uerr = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, seg->text, seg->len, &uerr);
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &uerr);
    if (U_SUCCESS(uerr))
        ubrk_setUText(bi, ut, &uerr);
    if (U_FAILURE(uerr)) {
        if (bi)
            ubrk_close(bi);
        utext_close(ut);
        return hr_fail(err, HR_EPARSE, "cannot find sentences: %s",
                       u_errorName(uerr));
    }

    free(seg->sentences);
    seg->sentences = NULL;
    seg->nsentences = 0;
    size_t alloc = 0;
    uint32_t start = 0;
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        uint32_t at = (uint32_t)b;
        if (at < seg->len && keep_together(seg->text, start, at, lang))
            continue;
        uint32_t end = at;
        while (end > start && seg->text[end - 1] == ' ')
            end--;
        if (end == start) {
            start = at;
            continue;
        }
        if (seg->nsentences == alloc) {
            alloc = alloc ? alloc * 2 : 4;
            seg->sentences = xreallocarray(seg->sentences, alloc,
                                           sizeof *seg->sentences);
        }
        seg->sentences[seg->nsentences++] =
            (struct sentence){.start = start, .len = end - start};
        start = at;
    }
    ubrk_close(bi);
    utext_close(ut);
    if (seg->nsentences == 0) {
        // ICU found no break (cannot happen for non-empty text, but the
        // rest of herald relies on one sentence at least).
        seg->sentences = xmalloc(sizeof *seg->sentences);
        seg->sentences[0] = (struct sentence){.start = 0, .len = seg->len};
        seg->nsentences = 1;
    }
    return 0;
}

int article_split_sentences(struct article *a, struct hr_error *err)
{
    for (size_t i = 0; i < a->nsegs; i++) {
        if (split_segment(&a->segs[i], a->lang, err) < 0)
            return -1;
    }
    return 0;
}
