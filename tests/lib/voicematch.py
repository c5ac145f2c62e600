#!/usr/bin/env python3
"""voicematch.py — where in a recording given words are spoken, and by
which espeak-ng voice.

  reference(work, text, voice, rate=175) -> samples
      text as espeak-ng's own program speaks it with voice (e.g. "en",
      "de"), leading and trailing silence cut.
  best_match(rec, ref) -> (sample, score)
      where in rec the envelope of ref fits best (normalised
      cross-correlation of band energies, audiomatch.locate), and how well
      (1.0: the same sound).

The player speaks with the same engine and voices as espeak-ng's program,
so the words in the right voice score near 1 and the same words in
another language's voice score well below.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audiomatch as am  # noqa: E402


def reference(work, text, voice, rate=175):
    path = os.path.join(work, f"ref-{voice}.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", path,
                    text], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    a = am.read_wav(path)
    i = max(0, am.first_loud(a, 0, 48))
    j = len(a)
    while j > i and -48 <= a[j - 1] <= 48:
        j -= 1
    return a[i:j]


def best_match(rec, ref):
    ref_env = am.envelope(ref)
    rec_env = am.envelope(rec)
    n = len(ref_env[0])
    frame, score = am.locate(rec_env, ref_env, 0, length=n)
    return frame * 220, score


def best_match_parts(rec, ref):
    """best_match() of ref, or of its first or second half when that fits
    better: a device underrun that puts silence inside the words spoils the
    match of the whole, not of both halves."""
    half = len(ref) // 2
    return max((best_match(rec, r) for r in (ref, ref[:half], ref[half:])),
               key=lambda m: m[1])
