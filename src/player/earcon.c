/*
 * earcon.c — the player's earcons, synthesised as tones.
 *
 * DESIGN: each earcon is a list of (frequency, milliseconds) notes; every
 * note is a sine with a 5 ms raised-cosine fade in and out so it does not
 * click, at about a third of full scale so it sits under speech level.
 */
#include <math.h>
#include <stdlib.h>

#include "base/alloc.h"
#include "player/earcon.h"

struct note {
    double hz;      /* 0: silence */
    int ms;
};

static const struct note pause_notes[] = {{880, 45}, {0, 10}, {587, 55}};
static const struct note resume_notes[] = {{587, 45}, {0, 10}, {880, 55}};
static const struct note boundary_notes[] = {{196, 50}, {0, 30}, {196, 50}};

static const struct {
    const struct note *notes;
    size_t n;
} tunes[EARCON_COUNT] = {
    [EARCON_PAUSE] = {pause_notes, 3},
    [EARCON_RESUME] = {resume_notes, 3},
    [EARCON_BOUNDARY] = {boundary_notes, 3},
};

void earcon_make(struct earcon_set *set, int rate)
{
    const double pi = 3.14159265358979323846;
    for (int e = 0; e < EARCON_COUNT; e++) {
        size_t total = 0;
        for (size_t i = 0; i < tunes[e].n; i++)
            total += (size_t)rate * (size_t)tunes[e].notes[i].ms / 1000;
        int16_t *pcm = xcalloc(total ? total : 1, sizeof *pcm);
        size_t at = 0;
        for (size_t i = 0; i < tunes[e].n; i++) {
            const struct note *nt = &tunes[e].notes[i];
            size_t len = (size_t)rate * (size_t)nt->ms / 1000;
            size_t fade = (size_t)rate * 5 / 1000;
            for (size_t k = 0; nt->hz > 0 && k < len; k++) {
                double env = 1.0;
                if (k < fade)
                    env = 0.5 - 0.5 * cos(pi * (double)k / (double)fade);
                else if (len - k < fade)
                    env = 0.5 - 0.5 * cos(pi * (double)(len - k) / (double)fade);
                double v = sin(2 * pi * nt->hz * (double)k / rate);
                pcm[at + k] = (int16_t)lrint(10000.0 * env * v);
            }
            at += len;
        }
        set->pcm[e] = pcm;
        set->n[e] = total;
    }
}

void earcon_release(struct earcon_set *set)
{
    for (int e = 0; e < EARCON_COUNT; e++) {
        free(set->pcm[e]);
        set->pcm[e] = NULL;
        set->n[e] = 0;
    }
}
