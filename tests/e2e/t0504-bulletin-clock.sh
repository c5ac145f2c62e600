#!/usr/bin/env bash
# The wall clock jumps under a running schedule (libfaketime moves what
# herald reads from CLOCK_REALTIME, as NTP or a resumed laptop would): an
# hour forward gives one log line for the slots passed over and the next
# slot plays on time, never a burst of 1800 bulletins; back again, the
# schedule follows the clock instead of waiting an hour.
. "$TESTLIB/test-lib.sh"

fake=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)
if [ -z "$fake" ]; then
    echo "SKIP: libfaketime (package faketime) is not installed" >&2
    exit 77
fi
db="$T/herald.db"
# An empty subscription list is enough: the bulletin says there is no news.
echo "+0" > "$T/offset"
cat > "$T/drive.py" <<'PY'
import os, signal, subprocess, sys, threading, time
herald, db, work, fake = sys.argv[1:5]
failures = []
def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)
offset = os.path.join(work, "offset")
env = dict(os.environ, LD_PRELOAD=fake, FAKETIME_TIMESTAMP_FILE=offset,
           FAKETIME_NO_CACHE="1", FAKETIME_DONT_FAKE_MONOTONIC="1",
           FAKETIME_DONT_RESET="1",
           # The sanitizer build: libfaketime is preloaded before ASan.
           ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") +
           ":verify_asan_link_order=0")
proc = subprocess.Popen([herald, "bulletin", "--db", db, "--every", "2s",
                         "--script", "--no-refresh"], env=env,
                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE, text=True)
lines = []
cond = threading.Condition()
def reader():
    for l in proc.stderr:
        with cond:
            lines.append((time.monotonic(), l.rstrip("\n"))); cond.notify_all()
threading.Thread(target=reader, daemon=True).start()
def wait_count(pred, n, timeout):
    end = time.monotonic() + timeout
    with cond:
        while sum(1 for _, l in lines if pred(l)) < n:
            left = end - time.monotonic()
            if left <= 0:
                return False
            cond.wait(left)
    return True
played = lambda l: ": no news" in l
check(wait_count(played, 2, 10), "two bulletins before the jump")
with open(offset, "w") as f:
    f.write("+3600\n")
t_fwd = time.monotonic()
check(wait_count(lambda l: "skipped" in l, 1, 5), "a line for the slots the jump passed over")
n_before = sum(1 for _, l in lines if played(l))
check(wait_count(played, n_before + 2, 10), "bulletins go on after the jump")
time.sleep(0.5)
after = [l for t, l in lines if t >= t_fwd]
skips = [l for l in after if "skipped" in l]
import re
check(len(skips) == 1 and re.search(r"with the 1[78]\d\d slots after it", skips[0]),
      f"one line for all the slots passed over: {skips}")
burst = sum(1 for t, l in lines if t_fwd <= t < t_fwd + 3 and played(l))
check(burst <= 2, f"no burst of bulletins after the jump ({burst} in 3 s)")
with open(offset, "w") as f:
    f.write("+0\n")
t_back = time.monotonic()
n_before = sum(1 for _, l in lines if played(l))
check(wait_count(played, n_before + 2, 8),
      "after the clock goes back an hour, bulletins come every 2 s, not in an hour")
proc.send_signal(signal.SIGTERM)
rc = proc.wait(timeout=5)
check(rc == 0, f"exit 0 (got {rc})")
print("stderr:\n  " + "\n  ".join(l for _, l in lines))
sys.exit(1 if failures else 0)
PY
if python3 "$T/drive.py" "$HERALD" "$db" "$T" "$fake" >"$T/drive.log" 2>&1; then ok; else
    fail "the schedule does not stand a clock jump"; fi
sed 's/^/[clock] /' "$T/drive.log"
finish
