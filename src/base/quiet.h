/*
 * quiet.h — keep libraries' own lines off standard error.
 *
 * espeak-ng, ALSA and JACK print to descriptor 2 from inside calls herald
 * makes.  stderr_silence() points descriptor 2 at /dev/null and keeps a
 * descriptor of the real one, which stderr_restore() puts back.
 */
#ifndef HERALD_BASE_QUIET_H
#define HERALD_BASE_QUIET_H

/* Point descriptor 2 at /dev/null.  Returns a descriptor of the real
 * stderr (for stderr_restore(), or to write to meanwhile), or -1 when
 * that could not be done and stderr is left as it was. */
int stderr_silence(void);

/* Put back the stderr stderr_silence() saved and close saved; -1 does
 * nothing. */
void stderr_restore(int saved);

#endif /* HERALD_BASE_QUIET_H */
