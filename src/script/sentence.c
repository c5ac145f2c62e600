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
 * opens with a digit, a break after a single capital initial ("J. Smith"),
 * and a break after an initialism ("U.S.", "U.K.", "E.U.") before a
 * capitalised word that is not a usual first word of a sentence ("U.S.
 * President" stays whole, "in the U.S. The next day" splits): ICU's
 * suppressions do not cover initialisms.
 *
 * Building ICU's filtered iterator (it compiles the suppression list) costs
 * far more than finding the breaks of a whole article, so each locale's
 * pair of iterators (filtered, and plain for restore_break) is built once
 * per process and kept in a small cache; each call clones them (a clone
 * shares the compiled data) and reuses the clones for every segment of the
 * article.  The cache is guarded by a mutex: articles are split on more
 * than one thread.
 */
#include <ctype.h>
#include <pthread.h>
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

/* Lower-case len bytes of UTF-8 into out (n bytes); false if too long. */
static bool lower_utf8(const char *word, size_t len, char *out, size_t n)
{
    int32_t i = 0, o = 0;
    while ((size_t)i < len) {
        UChar32 c;
        U8_NEXT(word, i, (int32_t)len, c);
        if (c < 0)
            return false;
        c = u_tolower(c);
        if ((size_t)o + U8_LENGTH(c) >= n)
            return false;
        UBool bad = false;
        U8_APPEND((uint8_t *)out, o, (int32_t)n - 1, c, bad);
        if (bad)
            return false;
    }
    out[o] = '\0';
    return true;
}

static bool is_extra_abbrev(const char *word, size_t len)
{
    char low[32];
    if (len == 0 || !lower_utf8(word, len, low, sizeof low))
        return false;
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

/* "U.S" (the final '.' not included): single letters joined by dots. */
static bool is_initialism(const char *w, size_t len)
{
    if (len < 3 || len % 2 == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (i % 2 == 0 ? !isalpha((unsigned char)w[i]) : w[i] != '.')
            return false;
    }
    return true;
}

/* Words that usually open an English sentence; after an initialism they
 * mean the sentence did end there. */
static bool is_sentence_opener(const char *w)
{
    static const char *const openers[] = {
        "The", "A", "An", "In", "It", "He", "She", "They", "We", "I", "You",
        "But", "And", "This", "That", "These", "Those", "There", "Its", "His",
        "Her", "Their", "Our", "On", "At", "As", "If", "When", "After",
        "Before", "So", "Yet", "Still", "However", "Meanwhile",
    };
    size_t len = 0;
    while (isalpha((unsigned char)w[len]))
        len++;
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++) {
        if (strlen(openers[i]) == len && strncmp(w, openers[i], len) == 0)
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
    // "U.S. President", unless what follows opens a sentence.
    if (is_initialism(word, wlen) && isupper(next))
        return !is_sentence_opener(text + at);
    if (is_extra_abbrev(word, wlen)) {
        // A title before a name, a month before a number: keep together
        // unless the next word is clearly a new sentence's first word
        // (only possible to tell for numbers and lower case).
        if (isdigit(next) || islower(next))
            return true;
        static const char *const titles[] = {"mr", "mrs", "ms", "dr", "prof",
                                             "gen", "gov", "sen", "rep", "st",
                                             "lt", "col", "sgt", "capt",
                                             "adm", "mt", "ул", "проф", "им"};
        char low[32];
        if (lower_utf8(word, wlen, low, sizeof low)) {
            for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
                if (strcmp(low, titles[i]) == 0)
                    return true;
            }
        }
    }
    return false;
}

/*
 * ICU's suppression lists hold a few everyday words as abbreviations
 * (German "er." — "sagte er. Ist das wahr?" — is one).  A break that the
 * unfiltered iterator finds after one of these words is put back.
 */
static bool restore_break(const char *text, uint32_t start, uint32_t at)
{
    static const char *const words[] = {"er", "es", "sie", "wir", "ihr",
                                        "man", "an", "in", "um"};
    uint32_t end = at;
    while (end > start && text[end - 1] == ' ')
        end--;
    if (end == start || text[end - 1] != '.')
        return false;
    uint32_t w = end - 1;
    while (w > start && text[w - 1] != ' ')
        w--;
    size_t len = end - 1 - w;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        if (strlen(words[i]) == len && strncmp(text + w, words[i], len) == 0)
            return true;
    }
    return false;
}

/* ---- the iterator cache ------------------------------------------------ */

#define CACHE_SLOTS 8

struct iters {
    UBreakIterator *filtered;   /* "ll_CC@ss=standard" */
    UBreakIterator *plain;      /* "ll_CC" */
};

static struct {
    char locale[CACHE_SLOTS][64];
    struct iters it[CACHE_SLOTS];
    size_t n;
    size_t next;                /* the slot replaced when full */
} cache;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static void iters_close(struct iters *it)
{
    if (it->filtered)
        ubrk_close(it->filtered);
    if (it->plain)
        ubrk_close(it->plain);
    it->filtered = it->plain = NULL;
}

static int iters_open(const char *locale, struct iters *it, UErrorCode *uerr)
{
    char plain[64];
    snprintf(plain, sizeof plain, "%s", locale);
    char *at = strchr(plain, '@');
    if (at)
        *at = '\0';
    it->filtered = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, uerr);
    it->plain = ubrk_open(UBRK_SENTENCE, plain, NULL, 0, uerr);
    if (U_FAILURE(*uerr)) {
        iters_close(it);
        return -1;
    }
    return 0;
}

/* Clones of the cached iterators for locale, building them on first use. */
static int iters_get(const char *locale, struct iters *out, UErrorCode *uerr)
{
    *out = (struct iters){0};
    pthread_mutex_lock(&cache_lock);
    size_t k = 0;
    while (k < cache.n && strcmp(cache.locale[k], locale) != 0)
        k++;
    if (k == cache.n) {
        struct iters fresh;
        if (iters_open(locale, &fresh, uerr) < 0) {
            pthread_mutex_unlock(&cache_lock);
            return -1;
        }
        if (cache.n < CACHE_SLOTS) {
            k = cache.n++;
        } else {
            k = cache.next;
            cache.next = (cache.next + 1) % CACHE_SLOTS;
            iters_close(&cache.it[k]);
        }
        snprintf(cache.locale[k], sizeof cache.locale[k], "%s", locale);
        cache.it[k] = fresh;
    }
    out->filtered = ubrk_clone(cache.it[k].filtered, uerr);
    out->plain = ubrk_clone(cache.it[k].plain, uerr);
    pthread_mutex_unlock(&cache_lock);
    if (U_FAILURE(*uerr)) {
        iters_close(out);
        return -1;
    }
    return 0;
}

/* The breaks of the unfiltered iterator over ut (for restore_break). */
static int32_t *plain_breaks(UBreakIterator *bi, UText *ut, size_t *n)
{
    UErrorCode uerr = U_ZERO_ERROR;
    ubrk_setUText(bi, ut, &uerr);
    *n = 0;
    if (U_FAILURE(uerr))
        return NULL;
    size_t alloc = 0;
    int32_t *out = NULL;
    for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        if (*n == alloc) {
            alloc = alloc ? alloc * 2 : 8;
            out = xreallocarray(out, alloc, sizeof *out);
        }
        out[(*n)++] = b;
    }
    return out;
}

static int split_segment(struct segment *seg, const char *lang,
                         struct iters *it, struct hr_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, seg->text, seg->len, &uerr);
    UBreakIterator *bi = it->filtered;
    if (U_SUCCESS(uerr))
        ubrk_setUText(bi, ut, &uerr);
    if (U_FAILURE(uerr)) {
        utext_close(ut);
        return hr_fail(err, HR_EPARSE, "cannot find sentences: %s",
                       u_errorName(uerr));
    }

    free(seg->sentences);
    seg->sentences = NULL;
    seg->nsentences = 0;
    size_t alloc = 0;
    uint32_t start = 0;
    size_t nplain = 0, pi = 0;
    int32_t *plain = plain_breaks(it->plain, ut, &nplain);
    int32_t b = ubrk_first(bi);
    b = ubrk_next(bi);
    while (b != UBRK_DONE) {
        // The next candidate: the filtered iterator's break, or an earlier
        // unfiltered one that restore_break() puts back.
        uint32_t at = (uint32_t)b;
        while (pi < nplain && plain[pi] < b) {
            uint32_t pb = (uint32_t)plain[pi++];
            if (pb > start && restore_break(seg->text, start, pb)) {
                at = pb;
                break;
            }
        }
        if (at == (uint32_t)b)
            b = ubrk_next(bi);
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
    free(plain);
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
    const char *lang = a->lang;
    char locale[64];
    snprintf(locale, sizeof locale, "%s@ss=standard", lang ? lang : "en");
    for (char *p = locale; *p && *p != '@'; p++) {
        if (*p == '-')
            *p = '_';
    }
    UErrorCode uerr = U_ZERO_ERROR;
    struct iters it;
    if (iters_get(locale, &it, &uerr) < 0)
        return hr_fail(err, HR_EPARSE, "cannot find sentences: %s",
                       u_errorName(uerr));
    int rc = 0;
    for (size_t i = 0; i < a->nsegs && rc == 0; i++)
        rc = split_segment(&a->segs[i], lang, &it, err);
    iters_close(&it);
    return rc;
}
