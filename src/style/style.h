/*
 * style.h — how each role sounds: a voice profile.
 *
 * A profile gives, for every role of the listening script, a rate (as a
 * percentage of the listener's chosen rate), a pitch and pitch range, and
 * the silence before and after the segment and between its sentences.
 * The defaults are compiled in and equal voices/profiles/default.ini (a
 * test checks); voices/profiles/NAME.ini (INI, read with libinih) may
 * override any of them.  No audio, no espeak-ng here.
 */
#ifndef HERALD_STYLE_H
#define HERALD_STYLE_H

#include <stdbool.h>

#include "base/error.h"
#include "script/script.h"

#define STYLE_NAME_MAX 32
#define STYLE_DESC_MAX 160

struct style_role {
    int rate_pct;       /* of the base rate, 50..200 */
    int pitch;          /* 0..100 */
    int range;          /* 0..100 */
    int gap_before_ms;  /* silence before the segment, 0..5000 */
    int gap_after_ms;   /* silence after the segment, 0..5000 */
    int sentence_gap_ms;/* silence between its sentences, 0..5000 */
    char variant[STYLE_NAME_MAX]; /* espeak-ng voice variant ("f3",
                                   * "m2", "klatt"), "" for none */
    bool earcon;        /* a short tone before the segment */
};

struct style {
    int rate;                           /* base words a minute, 80..450 */
    bool earcons;                       /* tones for pause, resume, ends */
    char description[STYLE_DESC_MAX];   /* one line, for `voices --profiles` */
    struct style_role role[ROLE_COUNT];
};

#define STYLE_DEFAULT_RATE 175
#define STYLE_MIN_RATE 80
#define STYLE_MAX_RATE 450

/* The built-in profile. */
void style_default(struct style *s);

/*
 * Read an INI profile over *s:
 *   [profile]  description (one line);
 *   [voice]    rate (words a minute), variant (an espeak-ng voice variant
 *              for every role, or empty), earcons (yes or no);
 *   [ROLE]     one per role name ("[headline]", "[list-item]"): rate (a
 *              percentage of the base rate), pitch, range, gap-before,
 *              gap-after, sentence-gap (milliseconds), variant, earcon
 *              (yes: a short tone before the segment, when earcons are
 *              on).
 * A role whose variant is empty takes the [voice] variant.  Unknown sections or keys and bad values fail with
 * HR_EPARSE naming the file and the line.  *s is unchanged on failure.
 */
int style_load(struct style *s, const char *path, struct hr_error *err);

/* The words a minute for role r at the profile's base rate. */
int style_rate(const struct style *s, enum role r);

#endif /* HERALD_STYLE_H */
