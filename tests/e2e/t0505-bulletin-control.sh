#!/usr/bin/env bash
# A scheduled bulletin's control socket while one plays: now starts one
# off the schedule, pause holds it (silence in the recording), resume goes
# on, skip moves to the next headline, stop ends it (silence again) and
# the schedule waits for its next slot; quit exits 0.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"
. "$TESTLIB/httpd.sh"

mkdir -p "$T/www"
start_httpd "$T/www"
{
    echo '<?xml version="1.0" encoding="utf-8"?>'
    echo "<rss version=\"2.0\"><channel><title>Crier</title><link>$BASE/</link><language>en</language>"
    for t in "The harbour bridge reopens after eight months of repairs" \
             "Library hours are extended until nine in the evening" \
             "Council approves the budget for the coming year"; do
        echo "<item><title>$t</title><guid>$t</guid>"
        echo "<pubDate>$(date -u -R)</pubDate></item>"
    done
    echo '</channel></rss>'
} > "$T/www/news.xml"
db="$T/herald.db"
expect_status 0 "feeds add" -- "$HERALD" feeds --db "$db" add "$BASE/news.xml"
expect_status 0 "feeds update" -- "$HERALD" feeds --db "$db" update
at=$(date -d '+12 hours' +%H:%M)

cat > "$T/drive.py" <<'PY'
import json, os, socket, subprocess, sys, time
sys.path.insert(0, os.environ["TESTLIB"])
import audiomatch as am
herald, db, work, at = sys.argv[1:5]
failures = []
def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)
rec_path = os.path.join(work, "rec.wav")
rec = subprocess.Popen(["parecord", "--device=test.monitor", "--rate=22050",
                        "--channels=1", "--format=s16le", "--latency-msec=20",
                        rec_path], stderr=subprocess.DEVNULL)
time.sleep(0.3)
t0 = time.monotonic()
sock_path = os.path.join(work, "b.sock")
proc = subprocess.Popen([herald, "bulletin", "--db", db, "--no-refresh",
                         "--at", at, "--control", sock_path],
                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE, text=True)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
for _ in range(200):
    try:
        s.connect(sock_path); break
    except OSError:
        time.sleep(0.05)
f = s.makefile("rw")
def send(cmd):
    f.write(cmd + "\n"); f.flush()
    r = json.loads(f.readline())
    return time.monotonic() - t0, r
def wait_state(pred, timeout=10):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        t, r = send("status")
        if pred(r):
            return t, r
        time.sleep(0.1)
    return None, r
_, r = send("now")
check(r["ok"], f"now: {r}")
t, r = wait_state(lambda r: r.get("item") == 1)
check(t is not None, f"the first headline is heard: {r}")
check(r.get("items") == 3, f"three headlines: {r}")
time.sleep(0.8)
t_pause, r = send("pause")
check(r["ok"] and r["state"] == "paused", f"pause: {r}")
time.sleep(1.5)
t_resume, r = send("resume")
check(r["ok"] and r["state"] == "playing", f"resume: {r}")
t_skip, r = send("skip")
check(r["ok"], f"skip: {r}")
t, r = wait_state(lambda r: r.get("item") == 2, 3)
check(t is not None and t - t_skip < 1.0, f"skip moves to headline 2 at once: {r}")
time.sleep(0.8)
t_stop, r = send("stop")
check(r["ok"] and r["state"] == "idle" and r["next"] == at + ":00",
      f"stop ends the bulletin, the schedule waits: {r}")
_, r = send("skip")
check(not r["ok"], f"skip when nothing plays is refused: {r}")
time.sleep(1.5)
_, r = send("quit")
rc = proc.wait(timeout=5)
check(rc == 0, f"exit 0 after quit (got {rc})")
time.sleep(0.3)
rec.terminate(); rec.wait()
a = am.read_wav(rec_path)
def quiet(t1, t2):
    seg = a[int(t1 * 22050):int(t2 * 22050)]
    return len(seg) > 0 and max(abs(x) for x in seg) < 200
# The recording started 0.3 s before t0.
off = 0.3
check(quiet(t_pause + off + 0.5, t_resume + off - 0.1), "silence while paused")
check(not quiet(t_resume + off + 0.3, t_resume + off + 1.0), "speech again after resume")
check(quiet(t_stop + off + 0.5, t_stop + off + 1.4), "silence after stop")
err = proc.stderr.read()
print("stderr: " + err.strip())
check(err.count("herald: bulletin ") == 1, "one log line for the bulletin")
sys.exit(1 if failures else 0)
PY
if python3 "$T/drive.py" "$HERALD" "$db" "$T" "$at" >"$T/drive.log" 2>&1; then ok; else
    fail "the control socket of a playing bulletin is not right"; fi
sed 's/^/[control] /' "$T/drive.log"
finish
