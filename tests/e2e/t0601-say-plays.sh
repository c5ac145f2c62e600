#!/usr/bin/env bash
# `herald say` speaks through the player into the default output: the
# words are heard at the sound server's null sink, nothing after them, and
# say exits when they have been played.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

parecord --device=test.monitor --rate=22050 --channels=1 --format=s16le \
    --file-format=wav "$T/rec.wav" 2>"$T/rec.err" &
rec=$!
# Wait for the recorder to be there before anything is played.
for _ in $(seq 100); do [ -s "$T/rec.wav" ] && break; sleep 0.1; done
start=$(date +%s.%N)
timeout 60 "$HERALD" say 'The fund grew to $5.5bn in the 1990s.' >"$T/out" 2>"$T/err"; rc=$?
end=$(date +%s.%N)
sleep 0.5
kill "$rec" 2>/dev/null; wait "$rec" 2>/dev/null
[ $rc -eq 0 ] && ok || fail "say exited $rc: $(cat "$T/err")"
# The words take well over a second to say; say waits until they are heard.
awk -v a="$start" -v b="$end" 'BEGIN{exit !(b - a > 1.5)}' && ok ||
    fail "say returned after $(awk -v a="$start" -v b="$end" 'BEGIN{print b - a}') s"
"$HERALD" say -o "$T/ref.wav" 'The fund grew to $5.5bn in the 1990s.' 2>/dev/null
python3 - "$T/rec.wav" "$T/ref.wav" <<'PY' && ok || fail "the recording does not hold the speech alone"
import sys, wave, array
def load(p):
    w = wave.open(p)
    return array.array("h", w.readframes(w.getnframes()))
rec, ref = load(sys.argv[1]), load(sys.argv[2])
loud = lambda a: sum(1 for x in a if abs(x) > 500)
# Most of the spoken samples were heard, and nothing more: an announcement
# ends with its words, not with "End of article. End of queue."
r = loud(rec) / max(1, loud(ref))
print(f"  loud samples: recording {loud(rec)}, export {loud(ref)} ({r:.2f})")
sys.exit(0 if 0.6 < r < 1.3 and loud(ref) > 0 else 1)
PY
finish
