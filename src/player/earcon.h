/*
 * earcon.h — short generated sounds for state changes (player-internal).
 *
 * Each is a few sine tones with soft edges, made once at start-up at the
 * sink's rate: no sound files.  They are distinct by pitch contour, so a
 * listener tells them apart without looking:
 *   pause     two falling tones;   resume   two rising tones;
 *   boundary  one low double buzz (no further sentence, section, article).
 */
#ifndef HERALD_PLAYER_EARCON_H
#define HERALD_PLAYER_EARCON_H

#include <stddef.h>
#include <stdint.h>

enum earcon { EARCON_PAUSE, EARCON_RESUME, EARCON_BOUNDARY, EARCON_COUNT };

struct earcon_set {
    int16_t *pcm[EARCON_COUNT];
    size_t n[EARCON_COUNT];
};

/* Make the earcons at rate samples a second. */
void earcon_make(struct earcon_set *set, int rate);
void earcon_release(struct earcon_set *set);

#endif /* HERALD_PLAYER_EARCON_H */
