/*
 * reading.c — text espeak-ng cannot read as written: Japanese kanji become
 * kana (MeCab), and characters of scripts the voice would read out letter
 * by letter ("Khmer letter ...", "Chinese letter ...") are found and left
 * out, so that the listener is told once instead.
 *
 * DESIGN: MeCab with the IPA dictionary splits Japanese into words and
 * gives each its pronunciation in katakana, from its context ("今日は" is
 * キョー ワ, not こんにちは as a word-by-word reading has it); espeak-ng's
 * Japanese voice reads kana well and kanji not at all.  Only the words
 * that hold kanji, and particles whose sound is not their spelling (は,
 * へ), are replaced; kana, digits and Latin letters reach espeak-ng as
 * written.  The model is loaded at the first Japanese sentence and kept.
 *
 * A script is readable with a language's voice when it is Latin, common
 * or inherited; one of the language's own (ICU's uscript_getCode());
 * or one espeak-ng switches to a voice of its own for (Devanagari and the
 * other Indic scripts it has voices for, Georgian, Hangul).  Measured
 * exceptions (docs/SPEECH.md): Debian's Mandarin voice spells the pinyin
 * of each Chinese character letter by letter, its Burmese voice skips
 * most of the text, and the kanji MeCab has no reading for are still
 * kanji.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <mecab.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "base/utf8.h"
#include "lexicon/lexicon_internal.h"

/* Callers hold lexicon.c's lock: MeCab's tagger is not shared between
 * threads here. */
static mecab_t *tagger;
static bool tagger_failed;

#define IPADIC_UTF8 "/var/lib/mecab/dic/ipadic-utf8"

static mecab_t *get_tagger(void)
{
    if (!tagger && !tagger_failed) {
        // The IPA dictionary by name: its fields are what is read below,
        // whichever dictionary the system's mecabrc prefers.
        tagger = mecab_new2(access(IPADIC_UTF8 "/sys.dic", R_OK) == 0
                                ? "-d " IPADIC_UTF8 : "");
        tagger_failed = !tagger;
    }
    return tagger;
}

static bool primary_is(const char *lang, const char *want)
{
    size_t n = strlen(want);
    return lang && strncasecmp(lang, want, n) == 0 &&
           (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

/* Field i (from 0) of a CSV feature string, into out; false if absent. */
static bool feature_field(const char *f, int i, char *out, size_t n)
{
    for (; i > 0 && f; i--) {
        f = strchr(f, ',');
        if (f)
            f++;
    }
    if (!f)
        return false;
    size_t len = strcspn(f, ",");
    if (len == 0 || len >= n || (len == 1 && f[0] == '*'))
        return false;
    memcpy(out, f, len);
    out[len] = '\0';
    return true;
}

static bool has_han(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k == 0)
            return false;
        UErrorCode st = U_ZERO_ERROR;
        if (uscript_getScript((UChar32)cp, &st) == USCRIPT_HAN)
            return true;
        i += k;
    }
    return false;
}

int lexicon_kana(const char *text, size_t len, struct buf *out,
                 struct hr_error *err)
{
    mecab_t *m = has_han(text, len) ? get_tagger() : NULL;
    const mecab_node_t *node = m ? mecab_sparse_tonode2(m, text, len) : NULL;
    if (!node)
        return buf_append(out, text, len, err);
    size_t at = 0;
    for (; node; node = node->next) {
        if (node->stat != MECAB_NOR_NODE && node->stat != MECAB_UNK_NODE)
            continue;
        size_t start = (size_t)(node->surface - text);
        if (start < at || start + node->length > len)
            continue;
        // The white space MeCab skipped stays.
        if (buf_append(out, text + at, start - at, err) < 0)
            return -1;
        at = start + node->length;
        // IPA dictionary: part of speech,...,reading (7),pronunciation (8).
        char pron[256], pos[64];
        bool han = has_han(node->surface, node->length);
        bool particle = feature_field(node->feature, 0, pos, sizeof pos) &&
                        strcmp(pos, "助詞") == 0;
        if ((han || particle) &&
            (feature_field(node->feature, 8, pron, sizeof pron) ||
             feature_field(node->feature, 7, pron, sizeof pron))) {
            if (buf_puts(out, pron, err) < 0)
                return -1;
        } else if (buf_append(out, node->surface, node->length, err) < 0) {
            return -1;
        }
    }
    return buf_append(out, text + at, len - at, err);
}

/* Scripts espeak-ng reads with a voice of its own whatever the voice in
 * use (it switches to hi, bn, ta ... for them): measured with espeak-ng
 * 1.51's English voice. */
static const UScriptCode switches[] = {
    USCRIPT_DEVANAGARI, USCRIPT_BENGALI, USCRIPT_TAMIL, USCRIPT_GEORGIAN,
    USCRIPT_SINHALA, USCRIPT_GURMUKHI, USCRIPT_KANNADA, USCRIPT_MALAYALAM,
    USCRIPT_GUJARATI, USCRIPT_HANGUL,
};

bool lexicon_script_readable(const char *lang, int script)
{
    UScriptCode s = (UScriptCode)script;
    if (s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_LATIN ||
        s == USCRIPT_UNKNOWN)
        return true;
    for (size_t i = 0; i < sizeof switches / sizeof *switches; i++)
        if (s == switches[i])
            return true;
    // Measured exceptions to the language's own scripts.
    if (s == USCRIPT_HAN && (primary_is(lang, "zh") || primary_is(lang, "cmn") ||
                             primary_is(lang, "ja")))
        return false;
    if (s == USCRIPT_MYANMAR)
        return false;
    UScriptCode own[8];
    UErrorCode st = U_ZERO_ERROR;
    char loc[16];
    snprintf(loc, sizeof loc, "%.*s", (int)strcspn(lang ? lang : "en", "-_"),
             lang ? lang : "en");
    int32_t n = uscript_getCode(loc, own, 8, &st);
    for (int32_t i = 0; U_SUCCESS(st) && i < n; i++)
        if (own[i] == s ||
            (own[i] == USCRIPT_KATAKANA_OR_HIRAGANA &&
             (s == USCRIPT_KATAKANA || s == USCRIPT_HIRAGANA)) ||
            ((own[i] == USCRIPT_KATAKANA || own[i] == USCRIPT_HIRAGANA) &&
             s == USCRIPT_KATAKANA_OR_HIRAGANA))
            return true;
    return false;
}

const char *lexicon_script_name(int script)
{
    static char names[8][48];
    static unsigned next;
    switch ((UScriptCode)script) {
    case USCRIPT_HAN: return "Chinese characters";
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA: return "Japanese kana";
    default: {
        // "Khmer script"; ICU names with '_' ("Old_Italic") get spaces.
        const char *name = uscript_getName((UScriptCode)script);
        if (!name)
            return "an unknown script";
        char *out = names[__atomic_fetch_add(&next, 1, __ATOMIC_RELAXED) % 8];
        snprintf(out, sizeof names[0], "%.32s script", name);
        for (char *c = out; *c; c++)
            if (*c == '_')
                *c = ' ';
        return out;
    }
    }
}

/* The script of the character at s (n bytes), its length in *k. */
static int script_at(const char *s, size_t n, size_t *k)
{
    uint32_t cp;
    *k = utf8_decode((const unsigned char *)s, n, &cp);
    if (*k == 0) {
        *k = 1;
        return USCRIPT_COMMON;
    }
    UErrorCode st = U_ZERO_ERROR;
    int sc = uscript_getScript((UChar32)cp, &st);
    return U_SUCCESS(st) ? sc : USCRIPT_COMMON;
}

int lexicon_first_unreadable(const char *lang, const char *text, size_t len)
{
    int last_ok = -1;
    for (size_t i = 0; i < len;) {
        size_t k;
        int sc = script_at(text + i, len - i, &k);
        i += k;
        if (sc == last_ok)
            continue;
        if (!lexicon_script_readable(lang, sc))
            return sc;
        last_ok = sc;
    }
    return -1;
}

int lexicon_drop_unreadable(const char *lang, const char *text, size_t len,
                            struct buf *out, struct hr_error *err)
{
    size_t from = 0;
    bool dropping = false;
    int last_ok = -1;
    for (size_t i = 0; i < len;) {
        size_t k;
        int sc = script_at(text + i, len - i, &k);
        // Marks and common characters go with the run they stand in.
        bool drop = sc == USCRIPT_INHERITED ? dropping
                  : sc == last_ok ? false
                  : !lexicon_script_readable(lang, sc);
        if (!drop && sc != USCRIPT_INHERITED && sc != USCRIPT_COMMON)
            last_ok = sc;
        if (drop && !dropping) {
            if (buf_append(out, text + from, i - from, err) < 0)
                return -1;
            dropping = true;
        } else if (!drop && dropping) {
            // One space where a run was, so words do not join.
            if (out->len && out->data[out->len - 1] != ' ' &&
                text[i] != ' ' && buf_putc(out, ' ', err) < 0)
                return -1;
            from = i;
            dropping = false;
        }
        i += k;
    }
    return dropping ? 0 : buf_append(out, text + from, len - from, err);
}
