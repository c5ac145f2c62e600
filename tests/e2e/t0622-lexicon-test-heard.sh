#!/usr/bin/env bash
# herald lexicon test WORD prints what espeak-ng is given and says it at
# once: with "zork" entered as the phonemes of "hello", "hello" is heard
# (in the recording of the test sound server).
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

expect_status 0 "add" -- "$HERALD" lexicon add zork "[[h@l'oU]]"
mkdir -p "$T/rec"
if python3 - "$HERALD" "$T/rec" >"$T/rec.log" 2>&1 <<'PY'
import os, subprocess, sys, time
sys.path.insert(0, os.environ["TESTLIB"])
import audiomatch as am
import playtest as pt
import voicematch as vm
herald, work = sys.argv[1:]
rec_path = os.path.join(work, "rec.wav")
rec = subprocess.Popen(["parecord", "--device=test.monitor", "--rate=22050",
                        "--channels=1", "--format=s16le", "--latency-msec=20",
                        rec_path], stderr=subprocess.DEVNULL)
time.sleep(0.4)
p = subprocess.run([herald, "lexicon", "test", "ZORK, hello and zork"],
                   capture_output=True, text=True, timeout=60)
time.sleep(1.0)
rec.send_signal(2)
rec.wait(timeout=10)
pt.check(p.returncode == 0, f"lexicon test exits 0 ({p.returncode}, {p.stderr!r})")
pt.check(p.stdout == "ZORK, hello and zork is said as: [[h@l'oU]], hello and "
         "[[h@l'oU]]\n", f"it prints what it says: {p.stdout!r}")
a = am.read_wav(rec_path)
if pt.check(am.first_loud(a, 0, 48) >= 0, "sound was recorded"):
    at, score = vm.best_match(a, vm.reference(work, "hello, hello and hello", "en"))
    pt.check(score > 0.75, f"'hello, hello and hello' is heard at {at / 22050:.2f} s "
             f"(score {score:.2f})")
sys.exit(1 if pt.failures else 0)
PY
then ok; else fail "lexicon test is not heard as its entry"; fi
sed 's/^/[heard] /' "$T/rec.log"
finish
