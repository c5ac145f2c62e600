/*
 * lexicon.c — pronunciation lexicons (see lexicon.h).
 *
 * DESIGN: a lexicon is two sorted arrays in one: every entry has a key,
 * the word itself when it has a capital (matched as written) or its ICU
 * case fold (matched against the fold of the text).  Applying it walks the
 * text's words once (runs of letters, digits and marks); at each word it
 * tries the longest span of words an entry could cover first, so "Xi
 * Jinping" wins over "Xi".  Lookups are binary searches, so a lexicon of
 * thousands of entries costs a sentence a few microseconds a word.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "base/alloc.h"
#include "base/datadir.h"
#include "base/utf8.h"
#include "base/xdg.h"
#include "lexicon/lexicon_internal.h"

/* A lexicon file is refused past this many entries (a stray binary file
 * must not take unbounded memory). */
#define MAX_ENTRIES 100000
#define MAX_LINE 4096

int lexicon_rel_path(const char *lang, char *out, size_t n,
                     struct hr_error *err)
{
    char key[4];
    size_t i = 0;
    for (; lang && lang[i] && lang[i] != '-' && lang[i] != '_'; i++) {
        char c = lang[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (i >= 3 || c < 'a' || c > 'z')
            return hr_fail(err, HR_EUSAGE, "'%s' is not a language tag "
                           "(en, de, pt-BR ...)", lang ? lang : "");
        key[i] = c;
    }
    if (i < 2)
        return hr_fail(err, HR_EUSAGE, "'%s' is not a language tag "
                       "(en, de, pt-BR ...)", lang ? lang : "");
    key[i] = '\0';
    snprintf(out, n, "voices/lexicon/%s.lex", key);
    return 0;
}

static bool is_word_char(UChar32 c)
{
    return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

static bool is_joiner(UChar32 c)
{
    return c == ' ' || c == '-' || c == '\'' || c == 0x2019;
}

/* Decode at s[*i] (n bytes); advances *i; invalid bytes are U+FFFD. */
static UChar32 next_cp(const char *s, size_t n, size_t *i)
{
    uint32_t cp;
    size_t k = utf8_decode((const unsigned char *)s + *i, n - *i, &cp);
    if (k == 0) {
        (*i)++;
        return 0xfffd;
    }
    *i += k;
    return (UChar32)cp;
}

/* The case fold of s (n bytes) into out (reset first); -1 when it is not
 * UTF-8 or too long. */
static int fold(const char *s, size_t n, struct buf *out)
{
    UChar in[512], folded[1024];
    int32_t ulen = 0;
    UErrorCode st = U_ZERO_ERROR;
    buf_reset(out);
    if (n > 1000)
        return -1;
    u_strFromUTF8(in, 512, &ulen, s, (int32_t)n, &st);
    if (U_FAILURE(st))
        return -1;
    int32_t flen = u_strFoldCase(folded, 1024, in, ulen, U_FOLD_CASE_DEFAULT,
                                 &st);
    if (U_FAILURE(st))
        return -1;
    char tmp[3072];
    int32_t blen = 0;
    u_strToUTF8(tmp, sizeof tmp, &blen, folded, flen, &st);
    if (U_FAILURE(st))
        return -1;
    return buf_append(out, tmp, (size_t)blen, NULL);
}

/* How a WORD is wrong, or NULL; *nwords its words, *caps whether it has
 * a capital. */
static const char *check_word(const char *w, unsigned *nwords, bool *caps)
{
    size_t n = strlen(w), i = 0;
    *nwords = 0;
    *caps = false;
    if (n == 0)
        return "the word is empty";
    if (n > LEXICON_MAX_WORD)
        return "the word is longer than 100 bytes";
    bool in_word = false, after_joiner = false;
    while (i < n) {
        size_t at = i;
        uint32_t cp;
        if (utf8_decode((const unsigned char *)w + at, n - at, &cp) == 0)
            return "the word is not UTF-8";
        UChar32 c = next_cp(w, n, &i);
        if (is_word_char(c)) {
            if (!in_word)
                (*nwords)++;
            in_word = true;
            after_joiner = false;
            if (u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_LOWERCASED))
                *caps = true;
        } else if (is_joiner(c) && in_word) {
            in_word = false;
            after_joiner = true;
        } else {
            return "a word has letters and digits, joined by a space, "
                   "hyphen or apostrophe";
        }
    }
    if (after_joiner)
        return "a word has letters and digits, joined by a space, hyphen "
               "or apostrophe";
    return NULL;
}

static const char *check_says(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return "what it says is empty";
    if (n > LEXICON_MAX_SAYS)
        return "what it says is longer than 200 bytes";
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k == 0)
            return "what it says is not UTF-8";
        if (cp < 0x20 || cp == 0x7f)
            return "what it says has a control character";
        i += k;
    }
    // Phonemes: [[ ... ]], whole; no bracket left open to swallow the
    // rest of the sentence.
    const char *open = strstr(s, "[["), *close = strstr(s, "]]");
    if ((open || close) && (!open || !close || close < open ||
                            strstr(open + 2, "[[") || strstr(close + 2, "]]")))
        return "phonemes go in one pair of [[ ]]";
    return NULL;
}

int lexicon_check(const char *word, const char *says, struct hr_error *err)
{
    unsigned nw;
    bool caps;
    const char *why = check_word(word, &nw, &caps);
    if (!why)
        why = check_says(says);
    if (!why && strchr(word, '='))
        why = "the word cannot hold '='";
    return why ? hr_fail(err, HR_EUSAGE, "%s", why) : 0;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static int by_key(const void *a, const void *b)
{
    const struct lexicon_entry *x = a, *y = b;
    if (x->exact != y->exact)
        return x->exact ? -1 : 1;
    return strcmp(x->key, y->key);
}

static void sort(struct lexicon *lx)
{
    if (!lx->sorted && lx->n > 0) {
        qsort(lx->e, lx->n, sizeof *lx->e, by_key);
        lx->sorted = true;
    }
}

static struct lexicon_entry *search(struct lexicon *lx, bool exact,
                                    const char *key)
{
    if (lx->n == 0)
        return NULL;
    sort(lx);
    struct lexicon_entry probe = {.key = (char *)key, .exact = exact};
    return bsearch(&probe, lx->e, lx->n, sizeof *lx->e, by_key);
}

int lexicon_read(struct lexicon *lx, const char *path, bool user,
                 struct hr_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        return hr_fail_errno(err, "cannot read lexicon '%s'", path);
    }
    char line[MAX_LINE];
    int lineno = 0, rc = 0;
    struct buf key = BUF_INIT;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            rc = hr_fail(err, HR_EPARSE, "'%s' line %d: longer than %d "
                         "bytes", path, lineno, MAX_LINE - 2);
            break;
        }
        char *s = trim(line);
        if (!*s || *s == '#' || *s == ';')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = hr_fail(err, HR_EPARSE, "'%s' line %d: not an entry "
                         "(WORD = SAYS)", path, lineno);
            break;
        }
        *eq = '\0';
        char *word = trim(s), *says = trim(eq + 1);
        unsigned nw;
        bool caps;
        const char *why = check_word(word, &nw, &caps);
        if (!why)
            why = check_says(says);
        if (why) {
            rc = hr_fail(err, HR_EPARSE, "'%s' line %d: %s", path, lineno,
                         why);
            break;
        }
        if (caps) {
            buf_reset(&key);
            buf_puts(&key, word, NULL);
        } else if (fold(word, strlen(word), &key) < 0) {
            rc = hr_fail(err, HR_EPARSE, "'%s' line %d: the word is not "
                         "UTF-8", path, lineno);
            break;
        }
        if (search(lx, caps, key.data))
            continue;   // an earlier file (the user's) has it
        if (lx->n >= MAX_ENTRIES) {
            rc = hr_fail(err, HR_ELIMIT, "'%s' line %d: more than %d "
                         "entries", path, lineno, MAX_ENTRIES);
            break;
        }
        if (lx->n == lx->alloc) {
            lx->alloc = lx->alloc ? 2 * lx->alloc : 64;
            lx->e = xreallocarray(lx->e, lx->alloc, sizeof *lx->e);
        }
        lx->e[lx->n++] = (struct lexicon_entry){
            .word = xstrdup(word), .key = xstrdup(key.data),
            .says = xstrdup(says), .exact = caps, .nwords = nw,
            .line = lineno, .user = user,
        };
        if (nw > lx->max_words)
            lx->max_words = nw;
        lx->sorted = false;
    }
    if (rc == 0 && ferror(f))
        rc = hr_fail_errno(err, "cannot read lexicon '%s'", path);
    fclose(f);
    buf_release(&key);
    return rc;
}

void lexicon_release(struct lexicon *lx)
{
    for (size_t i = 0; i < lx->n; i++) {
        free(lx->e[i].word);
        free(lx->e[i].key);
        free(lx->e[i].says);
    }
    free(lx->e);
    *lx = (struct lexicon){0};
}

/* The entry for the text s (n bytes): as written, else by its fold. */
static const struct lexicon_entry *find(struct lexicon *lx, const char *s,
                                        size_t n, struct buf *tmp)
{
    if (n > LEXICON_MAX_WORD * 2)
        return NULL;
    buf_reset(tmp);
    if (buf_append(tmp, s, n, NULL) < 0)
        return NULL;
    const struct lexicon_entry *e = search(lx, true, tmp->data);
    if (!e && fold(s, n, tmp) == 0)
        e = search(lx, false, tmp->data);
    return e;
}

const struct lexicon_entry *lexicon_find(struct lexicon *lx, const char *word,
                                         size_t len)
{
    struct buf tmp = BUF_INIT;
    const struct lexicon_entry *e = find(lx, word, len, &tmp);
    buf_release(&tmp);
    return e;
}

struct span {
    size_t start, end;
};

/* Append text that is not an entry's: a "[[" or "]]" of the page is
 * broken ("[ [") so espeak-ng does not read the text as phonemes. */
static int put_plain(struct buf *out, const char *text, size_t len,
                     struct hr_error *err)
{
    size_t from = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if ((text[i] == '[' && text[i + 1] == '[') ||
            (text[i] == ']' && text[i + 1] == ']')) {
            if (buf_append(out, text + from, i + 1 - from, err) < 0 ||
                buf_putc(out, ' ', err) < 0)
                return -1;
            from = i + 1;
        }
    }
    return buf_append(out, text + from, len - from, err);
}

/* The length of an English possessive "'s" or "’s" at text[at] that
 * ends a word, or 0. */
static size_t possessive(const char *text, size_t len, size_t at)
{
    size_t n = 0;
    if (at < len && text[at] == '\'')
        n = 1;
    else if (at + 2 < len && memcmp(text + at, "\xe2\x80\x99", 3) == 0)
        n = 3;
    if (!n || at + n >= len || (text[at + n] != 's' && text[at + n] != 'S'))
        return 0;
    size_t end = at + n + 1, k = end;
    if (end < len && is_word_char(next_cp(text, len, &k)))
        return 0;
    return n + 1;
}

static bool is_phonemes(const char *says)
{
    size_t n = strlen(says);
    return n > 4 && memcmp(says, "[[", 2) == 0 &&
           memcmp(says + n - 2, "]]", 2) == 0;
}

/* Phonemes with the possessive inside the brackets: espeak-ng spells a
 * lone "'s" after them ("Es").  Its sound follows the last phoneme: "Iz"
 * after a hiss, "s" after a voiceless stop or fricative, else "z". */
static int put_possessive(struct buf *out, const char *says,
                          struct hr_error *err)
{
    size_t n = strlen(says) - 2;
    char last = says[n - 1];
    const char *s = strchr("szSZ", last) ? "Iz" : strchr("ptkfT", last) ? "s"
                                                                         : "z";
    if (buf_append(out, says, n, err) < 0)
        return -1;
    return buf_printf(out, err, "%s]]", s);
}

int lexicon_apply(struct lexicon *lx, const char *text, size_t len,
                  struct buf *out, struct hr_error *err)
{
    if (!lx || lx->n == 0)
        return put_plain(out, text, len, err);
    // The words of the text.
    struct span *w = NULL;
    size_t nw = 0, aw = 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        if (!is_word_char(next_cp(text, len, &i)))
            continue;
        size_t end = i;
        while (end < len) {
            size_t k = end;
            if (!is_word_char(next_cp(text, len, &k)))
                break;
            end = k;
        }
        if (nw == aw) {
            aw = aw ? 2 * aw : 32;
            w = xreallocarray(w, aw, sizeof *w);
        }
        w[nw++] = (struct span){at, end};
        i = end;
    }
    struct buf tmp = BUF_INIT;
    size_t copied = 0;
    int rc = 0;
    for (size_t i = 0; i < nw && rc == 0;) {
        const struct lexicon_entry *hit = NULL;
        size_t k = lx->max_words < nw - i ? lx->max_words : nw - i;
        for (; k >= 1 && !hit; k--) {
            hit = find(lx, text + w[i].start, w[i + k - 1].end - w[i].start,
                       &tmp);
            if (hit && hit->nwords != k)
                hit = NULL;
            if (hit)
                break;
        }
        if (!hit) {
            i++;
            continue;
        }
        rc = put_plain(out, text + copied, w[i].start - copied, err);
        copied = w[i + k - 1].end;
        size_t ps = possessive(text, len, copied);
        if (rc == 0 && ps && is_phonemes(hit->says)) {
            rc = put_possessive(out, hit->says, err);
            copied += ps;
            i++;    // the "s"
        } else if (rc == 0) {
            rc = buf_puts(out, hit->says, err);
        }
        i += k;
    }
    if (rc == 0)
        rc = put_plain(out, text + copied, len - copied, err);
    buf_release(&tmp);
    free(w);
    return rc;
}

/* ---- the lexicons of a process ---------------------------------------- */

#define MAX_LANGS 16

static struct {
    char lang[4];
    struct lexicon lx;
    struct hr_error err;    /* status != 0: it could not be read */
} langs[MAX_LANGS];
static size_t nlangs;
static pthread_mutex_t langs_lock = PTHREAD_MUTEX_INITIALIZER;

static void load(const char *rel, struct lexicon *lx, struct hr_error *err)
{
    char *mine = xdg_config_path(rel, NULL);
    int rc = mine ? lexicon_read(lx, mine, true, err) : 0;
    free(mine);
    char *shipped = rc == 0 ? datadir_shipped_path(rel, NULL) : NULL;
    if (shipped)
        rc = lexicon_read(lx, shipped, false, err);
    free(shipped);
    if (rc == 0)
        sort(lx);
}


static bool is_japanese(const char *lang)
{
    return lang && strncasecmp(lang, "ja", 2) == 0 &&
           (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

/* The lexicon of lang, read at its first use; NULL when lang has none or
 * the table is full (*failed: it has a bad line, *err says which).  Call
 * with langs_lock held. */
static struct lexicon *lexicon_of(const char *lang, struct hr_error *err,
                                  bool *failed)
{
    char rel[64];
    *failed = false;
    if (lexicon_rel_path(lang, rel, sizeof rel, NULL) < 0)
        return NULL;
    const char *code = rel + strlen("voices/lexicon/");
    size_t clen = strcspn(code, ".");
    size_t i = 0;
    while (i < nlangs && (strlen(langs[i].lang) != clen ||
                          strncmp(langs[i].lang, code, clen) != 0))
        i++;
    if (i == nlangs) {
        if (nlangs == MAX_LANGS)
            return NULL;
        memcpy(langs[i].lang, code, clen);
        langs[i].lang[clen] = '\0';
        load(rel, &langs[i].lx, &langs[i].err);
        nlangs++;
    }
    if (langs[i].err.status != HR_OK) {
        if (err)
            *err = langs[i].err;
        *failed = true;
        return NULL;
    }
    return &langs[i].lx;
}

int lexicon_say(const char *lang, const char *text, size_t len,
                struct buf *out, struct hr_error *err)
{
    struct buf a = BUF_INIT, b = BUF_INIT;
    bool failed;
    pthread_mutex_lock(&langs_lock);
    struct lexicon *lx = lexicon_of(lang, err, &failed);
    int rc = failed ? -1 : lexicon_apply(lx, text, len, &a, err);
    struct buf *t = &a;
    if (rc == 0 && is_japanese(lang)) {
        rc = lexicon_kana(a.data, a.len, &b, err);
        t = &b;
    }
    if (rc == 0)
        rc = lexicon_drop_unreadable(lang, t->data, t->len, out, err);
    pthread_mutex_unlock(&langs_lock);
    buf_release(&a);
    buf_release(&b);
    return rc;
}

int lexicon_unreadable(const char *lang, const char *text, size_t len)
{
    if (!is_japanese(lang))
        return lexicon_first_unreadable(lang, text, len);
    struct buf k = BUF_INIT;
    pthread_mutex_lock(&langs_lock);
    int rc = lexicon_kana(text, len, &k, NULL);
    pthread_mutex_unlock(&langs_lock);
    int sc = rc == 0 ? lexicon_first_unreadable(lang, k.data, k.len) : -1;
    buf_release(&k);
    return sc;
}
