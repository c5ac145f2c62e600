/*
 * lexicon.h — how to say the words espeak-ng gets wrong: pronunciation
 * lexicons, per language.
 *
 * A lexicon is a UTF-8 file voices/lexicon/LANG.lex (LANG: the primary
 * language subtag, "en" for en-GB too), one entry a line:
 *
 *     # a comment
 *     Nguyen = Win
 *     Thames = [[t'Emz]]
 *
 * WORD = SAYS.  WORD is one word, or a few joined by a space, hyphen or
 * apostrophe ("Xi Jinping", "Saint-Etienne"); it matches whole words only
 * ("Thames" is not found in "Thameslink").  Case: a WORD in lower case
 * matches in any case ("nguyen" matches "NGUYEN"); a WORD with a capital
 * letter matches only as written ("Nice" the city, not "nice").  SAYS is a
 * respelling in the language's own letters, or espeak-ng phoneme
 * mnemonics in [[ ]] (as `espeak-ng -x` prints them).  The user's file,
 * $XDG_CONFIG_HOME/herald/voices/lexicon/LANG.lex, comes before the
 * shipped one: its entry for a word replaces the shipped entry.
 *
 * Nothing here knows espeak-ng or audio.
 */
#ifndef HERALD_LEXICON_H
#define HERALD_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

#define LEXICON_MAX_WORD 100    /* bytes of a WORD */
#define LEXICON_MAX_SAYS 200    /* bytes of a SAYS */

struct lexicon_entry {
    char *word;         /* as written in the file */
    char *key;          /* what is compared: word, or its case fold */
    char *says;
    bool exact;         /* the word has a capital: case must match */
    unsigned nwords;    /* words in it */
    int line;           /* line in its file */
    bool user;          /* from the user's file */
};

struct lexicon {
    struct lexicon_entry *e;
    size_t n, alloc;
    unsigned max_words;
    bool sorted;
};

/* The file name of lang's lexicon relative to a data folder,
 * "voices/lexicon/en.lex", into out; -1 with HR_EUSAGE when lang is not a
 * language tag. */
int lexicon_rel_path(const char *lang, char *out, size_t n,
                     struct hr_error *err);

/* Check an entry as `lexicon add` takes it; -1 with HR_EUSAGE saying why. */
int lexicon_check(const char *word, const char *says, struct hr_error *err);

/*
 * Add the entries of the file at path to lx (user: it is the user's
 * file); a word lx already has is skipped, so read the user's file first.
 * A missing file adds nothing.  A bad line fails with HR_EPARSE naming the
 * file and the line.
 */
int lexicon_read(struct lexicon *lx, const char *path, bool user,
                 struct hr_error *err);

void lexicon_release(struct lexicon *lx);

/* The entry that matches all of word (len bytes), or NULL. */
const struct lexicon_entry *lexicon_find(struct lexicon *lx, const char *word,
                                         size_t len);

/* Append text with every word lx has an entry for replaced by what it
 * says, and the text's own "[[" and "]]" broken up ("[ [") so that only
 * an entry's brackets are phonemes to espeak-ng; 0 or -1 (out's cap). */
int lexicon_apply(struct lexicon *lx, const char *text, size_t len,
                  struct buf *out, struct hr_error *err);

/*
 * What espeak-ng is given for text in lang: lexicon_apply() with lang's
 * lexicon (the user's entries, then the shipped ones, read once a process
 * and kept; a language with none copies the text, its "[[" broken up all
 * the same); then, for Japanese, kanji as kana (lexicon_kana()); then the
 * characters of scripts lang's voice cannot read left out (see
 * lexicon_unreadable()).  -1 with *err when a lexicon has a bad line.
 * Thread-safe.
 */
int lexicon_say(const char *lang, const char *text, size_t len,
                struct buf *out, struct hr_error *err);

/*
 * The first script (an ICU UScriptCode) in text that espeak-ng's voice for
 * lang reads letter by letter ("Khmer letter ...") or not at all, after
 * lexicon_say()'s kana, or -1 when it can read all of it.  For saying
 * once, before an article, what will be left out.  Thread-safe.
 */
int lexicon_unreadable(const char *lang, const char *text, size_t len);

/* A listener's name for a script: "Khmer script", "Chinese characters"
 * (a static string, good for the next seven calls). */
const char *lexicon_script_name(int script);

/* Whether the voice for lang reads script (a UScriptCode) well. */
bool lexicon_script_readable(const char *lang, int script);

/* Append Japanese text with its kanji as kana (MeCab's pronunciation, by
 * context); without MeCab's dictionary the text is copied.  Not
 * thread-safe (lexicon_say() and lexicon_unreadable() lock). */
int lexicon_kana(const char *text, size_t len, struct buf *out,
                 struct hr_error *err);

#endif /* HERALD_LEXICON_H */
