#!/usr/bin/env python3
"""audiomatch.py — find an export's samples in a recording of playback.

herald plays and exports the same samples when the synthesis sequence is
the same, and the private sound server records them bit-exact (22050 Hz
mono s16, no resampling).  So a recording of `herald read` is a sequence
of exact runs of the export, separated by what the player put between
them: silence and earcons for a pause, nothing for a plain skip.

  find_runs(export, recording) -> [Run(rec, exp, n)]
      exact runs, in recording order: recording[rec:rec+n] ==
      export[exp:exp+n].  Found by searching the export for short
      windows of the recording (bytes.find, in C) and extending each hit
      both ways with slice comparisons, so a 3-minute article takes well
      under a second.

  locate(export, recording, rec_at, ...) -> export index
      tolerant matching for audio that is not bit-identical (after a skip
      espeak-ng's state differs, see docs): band-energy envelopes in 10 ms
      frames, then normalised cross-correlation of the recording's
      envelope after rec_at against the export's.

Command line (for looking at a recording by hand):
  audiomatch.py runs EXPORT.wav RECORDING.wav
"""
import array
import math
import sys
import wave
from collections import namedtuple

RATE = 22050
# rec: start in the recording; exp: start in the export; n: export samples
# covered; rn: recording samples spanned (n plus any inserted silence).
Run = namedtuple("Run", "rec exp n rn")


def read_wav(path):
    """The samples of a 16-bit mono WAV as an array('h')."""
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise ValueError(f"{path}: not 16-bit mono")
        if w.getframerate() != RATE:
            raise ValueError(f"{path}: {w.getframerate()} Hz, not {RATE}")
        data = w.readframes(w.getnframes())
    a = array.array("h")
    a.frombytes(data[: len(data) // 2 * 2])
    if sys.byteorder != "little":
        a.byteswap()
    return a


def _loud(a, i, n, level=200):
    seg = a[i:i + n]
    return len(seg) == n and max(seg) > level


def find_runs(export, rec, window=48, step=24, min_len=200):
    """Exact runs of export found in rec, in rec order (see module doc)."""
    eb = export.tobytes()
    runs = []
    i = 0
    n_rec = len(rec)
    while i + window <= n_rec:
        if not _loud(rec, i, window):
            i += step
            continue
        needle = rec[i:i + window].tobytes()
        hit = -1
        # A window can occur more than once in the export (espeak-ng
        # renders a repeated syllable at the same pitch sample for
        # sample).  Look first where the previous run would continue
        # (after any silence an underrun inserted), then anywhere, taking
        # the first hit.
        if runs:
            p = runs[-1]
            end = p.exp + p.n
            lo = max(0, end - window)
            hi = end + max(0, i - (p.rec + p.rn)) + 2 * window
            at = eb.find(needle, 2 * lo, 2 * hi)
            while at >= 0 and at % 2:
                at = eb.find(needle, at + 1, 2 * hi)
            if at >= 0:
                hit = at // 2
        at = eb.find(needle) if hit < 0 else -1
        while at >= 0:
            if at % 2 == 0:
                hit = at // 2
                break
            at = eb.find(needle, at + 1)
        if hit < 0:
            i += step
            continue
        # Extend backwards, then forwards.
        r0, e0 = i, hit
        while r0 > 0 and e0 > 0 and rec[r0 - 1] == export[e0 - 1]:
            r0 -= 1
            e0 -= 1
        r1, e1 = i + window, hit + window
        chunk = 4096
        while r1 < n_rec and e1 < len(export):
            k = min(chunk, n_rec - r1, len(export) - e1)
            if rec[r1:r1 + k] == export[e1:e1 + k]:
                r1 += k
                e1 += k
                continue
            if k == 1:
                break
            chunk = max(1, k // 2)
            if rec[r1] != export[e1]:
                break
        # Overlap with the previous run (back-extension into it): trim.
        if runs and r0 < runs[-1].rec + runs[-1].rn:
            cut = runs[-1].rec + runs[-1].rn - r0
            r0 += cut
            e0 += cut
        # Back-extension through silence the previous run already covers
        # in the export (the device inserted zeros in a pause between
        # sentences): start where the previous run ends, so that the two
        # are seen to continue each other.
        if runs:
            end = runs[-1].exp + runs[-1].n
            over = end - e0
            if 0 < over < r1 - r0 and \
                    all(-48 < x < 48 for x in rec[r0:r0 + over]):
                r0 += over
                e0 += over
        if r1 - r0 >= min_len:
            runs.append(Run(r0, e0, r1 - r0, r1 - r0))
        i = max(r1, i + step)
    return runs


def merge_runs(runs, max_gap=0):
    """Join runs that continue each other: the export goes on exactly where
    the previous run stopped and the recording has at most max_gap samples
    in between (silence a device underrun inserted), or both skip the same
    number of samples (a few samples that did not match)."""
    out = []
    for r in runs:
        if out:
            p = out[-1]
            gap = r.rec - (p.rec + p.rn)
            end = p.exp + p.n
            if 0 <= gap <= max_gap and r.exp == end:
                out[-1] = Run(p.rec, p.exp, p.n + r.n, p.rn + gap + r.rn)
                continue
            if 0 <= gap <= max_gap and r.exp == end + gap:
                out[-1] = Run(p.rec, p.exp, p.n + gap + r.n,
                              p.rn + gap + r.rn)
                continue
        out.append(r)
    return out


def zero_fraction(a, i, j, level=0):
    seg = a[i:j]
    if not seg:
        return 1.0
    return sum(1 for x in seg if -level <= x <= level) / len(seg)


def first_loud(a, start=0, level=500):
    for i in range(start, len(a)):
        if a[i] > level or a[i] < -level:
            return i
    return -1


def envelope(a, frame=220):
    """Per 10 ms frame: log energy of the signal and of its first
    difference (a crude high band), as two lists."""
    lo, hi = [], []
    for i in range(0, len(a) - frame + 1, frame):
        seg = a[i:i + frame]
        e = sum(x * x for x in seg) / frame
        d = sum((seg[k] - seg[k - 1]) ** 2 for k in range(1, frame)) / frame
        lo.append(math.log10(e + 1.0))
        hi.append(math.log10(d + 1.0))
    return lo, hi


def _ncc(x, y):
    n = len(x)
    mx = sum(x) / n
    my = sum(y) / n
    sxy = sxx = syy = 0.0
    for a, b in zip(x, y):
        a -= mx
        b -= my
        sxy += a * b
        sxx += a * a
        syy += b * b
    if sxx <= 0 or syy <= 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def locate(export_env, rec_env, rec_frame, length=150, lo=0, hi=None):
    """The export frame whose envelope best matches rec_env from
    rec_frame on (length frames, 10 ms each); returns (frame, score)."""
    elo, ehi = export_env
    rlo, rhi = rec_env
    x = rlo[rec_frame:rec_frame + length] + rhi[rec_frame:rec_frame + length]
    n = min(length, len(rlo) - rec_frame)
    if n < 20:
        return -1, 0.0
    hi = len(elo) - n if hi is None else min(hi, len(elo) - n)
    best, best_at = -2.0, -1
    for f in range(max(0, lo), hi + 1):
        y = elo[f:f + n] + ehi[f:f + n]
        s = _ncc(x[:len(y)], y)
        if s > best:
            best, best_at = s, f
    return best_at, best


def main(argv):
    if len(argv) == 4 and argv[1] == "runs":
        exp = read_wav(argv[2])
        rec = read_wav(argv[3])
        for r in find_runs(exp, rec):
            print(f"rec {r.rec / RATE:8.3f}s  export {r.exp / RATE:8.3f}s  "
                  f"{r.n / RATE:7.3f}s  ({r.rec} {r.exp} {r.n})")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
