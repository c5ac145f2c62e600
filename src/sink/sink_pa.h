/*
 * sink_pa.h — what only the live (PortAudio) sink can do.
 *
 * Beside the ring, the callback can play a "cue": a short sound (an
 * earcon) that is played instead of the ring's audio until it ends, also
 * while paused, without touching the ring, so that resuming after a cue
 * continues from the exact sample where the ring stopped.  The callback
 * also counts its periods and its underruns, which the player uses to
 * notice a device that stopped calling back and to report starvation.
 *
 * All of these take a sink opened with SINK_LIVE; any thread.
 */
#ifndef HERALD_SINK_PA_H
#define HERALD_SINK_PA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sink/sink.h"

struct sink_cue {
    const int16_t *pcm;     /* at the sink's rate; must outlive the sink */
    size_t n;
};

/* Play cue next period, in place of the ring (cutting any cue playing);
 * NULL stops a cue that is playing. */
void sink_pa_cue(struct sink *s, const struct sink_cue *cue);

/* Whether a short read from the ring counts as an underrun: set while a
 * producer is streaming, clear while the ring is meant to run dry (at a
 * cut, after the last sample). */
void sink_pa_expect(struct sink *s, bool expect);

/* Periods the callback has run, and underruns counted (see above). */
uint64_t sink_pa_periods(const struct sink *s);
uint64_t sink_pa_underruns(const struct sink *s);

/* Whether PortAudio still reports the stream as active. */
bool sink_pa_active(const struct sink *s);

#endif /* HERALD_SINK_PA_H */
