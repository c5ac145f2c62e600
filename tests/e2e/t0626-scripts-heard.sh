#!/usr/bin/env bash
# herald read says once, before the article, that text in a script the
# voice cannot read is left out: the notice is printed and heard first,
# then the headline; the Khmer words are not read out letter by letter.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

cat >"$T/page.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><title>The border sign</title></head><body><article>
<h1>The border sign</h1>
<p>The sign read ព័ត៌មាន, which means news.</p>
</article></body></html>
HTML
mkdir -p "$T/rec"
if python3 - "$HERALD" "$T/page.html" "$T/rec" >"$T/rec.log" 2>&1 <<'PY'
import os, subprocess, sys, time
sys.path.insert(0, os.environ["TESTLIB"])
import audiomatch as am
import playtest as pt
import voicematch as vm
herald, page, work = sys.argv[1:]
rec_path = os.path.join(work, "rec.wav")
rec = subprocess.Popen(["parecord", "--device=test.monitor", "--rate=22050",
                        "--channels=1", "--format=s16le", "--latency-msec=20",
                        rec_path], stderr=subprocess.DEVNULL)
time.sleep(0.4)
p = subprocess.run([herald, "read", "--from-start", "--db",
                    os.path.join(work, "h.db"), "--control",
                    os.path.join(work, "ctl"), page],
                   stdin=subprocess.DEVNULL, capture_output=True, text=True,
                   timeout=120)
time.sleep(0.5)
rec.send_signal(2)
rec.wait(timeout=10)
notice = ("Some of this page is in Khmer script, which cannot be spoken; "
          "it is left out.")
pt.check(p.returncode == 0, f"read exits 0 ({p.returncode}, {p.stderr[-300:]!r})")
lines = p.stdout.split("\n")
pt.check(lines.count(notice) == 1, f"the notice is printed once: {p.stdout!r}")
pt.check(notice in lines and "The border sign" in lines and
         lines.index(notice) < lines.index("The border sign"),
         "before the headline")
a = am.read_wav(rec_path)
at_n, s_n = vm.best_match_parts(a, vm.reference(work, notice, "en"))
at_h, s_h = vm.best_match_parts(a, vm.reference(work, "The sign read , which means news.", "en"))
print(f"notice at {at_n / 22050:.2f} s ({s_n:.2f}); the sentence without "
      f"the Khmer at {at_h / 22050:.2f} s ({s_h:.2f}); recording "
      f"{len(a) / 22050:.2f} s")
pt.check(s_n > 0.75, "the notice is heard")
pt.check(s_h > 0.7 and at_n < at_h, "then the sentence, without the Khmer word")
sys.exit(1 if pt.failures else 0)
PY
then ok; else fail "the notice about the Khmer text is not printed and heard first"; fi
sed 's/^/[heard] /' "$T/rec.log"
finish
