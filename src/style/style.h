/*
 * style.h — how each role sounds: a voice profile.
 *
 * A profile gives, for every role of the listening script, a rate (as a
 * percentage of the listener's chosen rate), a pitch and pitch range, and
 * the silence before and after the segment and between its sentences.
 * The defaults are compiled in; voices/NAME.profile (INI, read with
 * libinih) may override any of them.  No audio, no espeak-ng here.
 */
#ifndef HERALD_STYLE_H
#define HERALD_STYLE_H

#include "base/error.h"
#include "script/script.h"

struct style_role {
    int rate_pct;       /* of the base rate, 50..200 */
    int pitch;          /* 0..100 */
    int range;          /* 0..100 */
    int gap_before_ms;  /* silence before the segment, 0..5000 */
    int gap_after_ms;   /* silence after the segment, 0..5000 */
    int sentence_gap_ms;/* silence between its sentences, 0..5000 */
};

struct style {
    int rate;                           /* base words a minute, 80..450 */
    struct style_role role[ROLE_COUNT];
};

#define STYLE_DEFAULT_RATE 175
#define STYLE_MIN_RATE 80
#define STYLE_MAX_RATE 450

/* The built-in profile. */
void style_default(struct style *s);

/*
 * Read an INI profile over *s: a [ROLE] section per role name
 * ("[headline]", "[list-item]") with keys rate, pitch, range, gap-before,
 * gap-after, sentence-gap, and a [voice] section with key rate.  Unknown
 * sections or keys and out-of-range values fail with HR_EPARSE naming the
 * line.  *s is unchanged on failure.
 */
int style_load(struct style *s, const char *path, struct hr_error *err);

/* The words a minute for role r at the profile's base rate. */
int style_rate(const struct style *s, enum role r);

#endif /* HERALD_STYLE_H */
