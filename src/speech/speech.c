/*
 * speech.c — rewrite written forms that should not be read as written.
 *
 * DESIGN: one left-to-right pass over whitespace-separated tokens.  A token
 * that is a URL (a scheme followed by "://", or "www." at its start) or an
 * e-mail address is replaced by the word "link"; a token that is an image
 * file name (".jpg", ".png" ...) is dropped; a token of four or more
 * repeated punctuation characters is dropped.  Trailing sentence
 * punctuation of a replaced token is kept so the sentence still ends.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "speech/speech.h"
#include "speech/speech_internal.h"

static bool has_prefix_ci(const char *s, size_t n, const char *p)
{
    size_t pl = strlen(p);
    return n >= pl && strncasecmp(s, p, pl) == 0;
}

static bool is_url(const char *s, size_t n)
{
    if (has_prefix_ci(s, n, "www.") && n > 6)
        return true;
    for (size_t i = 1; i + 3 < n && i < 12; i++) {
        if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/') {
            for (size_t k = 0; k < i; k++) {
                if (!isalpha((unsigned char)s[k]))
                    return false;
            }
            return true;
        }
    }
    return false;
}

static bool is_email(const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);
    if (!at || at == s)
        return false;
    const char *dot = memchr(at, '.', n - (size_t)(at - s));
    return dot && dot > at + 1 && dot < s + n - 1;
}

static bool is_image_name(const char *s, size_t n)
{
    static const char *const exts[] = {".jpg", ".jpeg", ".png", ".gif",
                                       ".webp", ".svg", ".avif", ".bmp"};
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t el = strlen(exts[i]);
        if (n > el && strncasecmp(s + n - el, exts[i], el) == 0)
            return true;
    }
    return false;
}

static bool is_symbol_run(const char *s, size_t n)
{
    if (n < 4)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!ispunct((unsigned char)s[i]) || s[i] != s[0])
            return false;
    }
    return true;
}

static int clean(const char *text, size_t len, bool links, struct buf *out,
                 struct hr_error *err)
{
    size_t i = 0;
    bool first = true;
    while (i < len) {
        while (i < len && isspace((unsigned char)text[i]))
            i++;
        size_t start = i;
        while (i < len && !isspace((unsigned char)text[i]))
            i++;
        if (i == start)
            break;
        const char *tok = text + start;
        size_t n = i - start;
        // Keep sentence punctuation and closing brackets outside the test.
        size_t core = n;
        while (core > 0 && strchr(".,;:!?)]\"'", tok[core - 1]))
            core--;
        // ... and opening ones.
        size_t lead = 0;
        while (lead < core && strchr("([\"'<", tok[lead]))
            lead++;
        const char *word = tok + lead;
        size_t wl = core - lead;
        const char *say = NULL;
        bool drop = false;
        if (links && wl && (is_url(word, wl) || is_email(word, wl)))
            say = "link";
        else if (wl && is_image_name(word, wl))
            drop = true;
        else if (is_symbol_run(tok, n))
            drop = true;
        if (drop)
            continue;
        if (!first && buf_putc(out, ' ', err) < 0)
            return -1;
        first = false;
        int rc;
        if (say) {
            rc = buf_append(out, tok, lead, err);
            if (rc == 0)
                rc = buf_puts(out, say, err);
            if (rc == 0)
                rc = buf_append(out, tok + core, n - core, err);
        } else {
            rc = buf_append(out, tok, n, err);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* ICU's formatters and the loaded languages are shared: one user at a time. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

bool speech_knows_lang(const char *lang)
{
    pthread_mutex_lock(&lock);
    bool known = norm_lang_get(lang) != NULL;
    pthread_mutex_unlock(&lock);
    return known;
}

int speech_prepare(const char *text, size_t len, const char *lang,
                   struct buf *out, struct hr_error *err)
{
    pthread_mutex_lock(&lock);
    struct norm_lang *L = norm_lang_get(lang);
    int rc;
    if (!L) {
        rc = clean(text, len, true, out, err);
    } else {
        struct buf tmp = BUF_INIT;
        rc = clean(text, len, false, &tmp, err);
        if (rc == 0)
            rc = norm_text(L, tmp.data, tmp.len, out, err);
        buf_release(&tmp);
    }
    pthread_mutex_unlock(&lock);
    return rc;
}
