#!/usr/bin/env bash
# `herald bulletin --every 12s` unattended, into a sound server of its own
# that is killed after the first bulletin and started again after the
# next slot has come: the feed server is stopped too (the cache is read,
# and the log line says so).  Every slot is heard in the recordings (the
# one that found no sound device when the server is back, the next on
# time), nothing overlaps, one log line per bulletin, and SIGTERM cuts the
# speech and exits 0 within a second.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"
. "$TESTLIB/httpd.sh"

mkdir -p "$T/www"
start_httpd "$T/www"
cat > "$T/www/news.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Crier</title><link>$BASE/</link>
<language>en</language>
<item><title>Bridge open</title><guid>c1</guid>
<pubDate>$(date -u -R)</pubDate></item>
</channel></rss>
XML
db="$T/herald.db"
expect_status 0 "feeds add" -- "$HERALD" feeds --db "$db" add "$BASE/news.xml"
expect_status 0 "feeds update" -- "$HERALD" feeds --db "$db" update
# The chime, as a file has it: the recordings are searched for it.
expect_status 0 "bulletin -o" -- "$HERALD" bulletin --db "$db" --no-refresh -o "$T/one.wav"
# The feed server goes away: bulletins come from the cache from now on.
kill "$HTTPD_PID"; wait "$HTTPD_PID" 2>/dev/null

cat > "$T/drive.py" <<'PY'
import os, signal, subprocess, sys, threading, time
sys.path.insert(0, os.environ["TESTLIB"])
import audiomatch as am

herald, db, work, lib = sys.argv[1:5]
pulse = os.path.join(work, "pulse2")
server = os.path.join(lib, "soundserver.sh")
failures = []

def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)

def start_server():
    subprocess.run(["sh", server, "start", pulse], check=True)

def record(name):
    path = os.path.join(work, name)
    p = subprocess.Popen(["parecord", "--device=test.monitor", "--rate=22050",
                          "--channels=1", "--format=s16le", "--latency-msec=20",
                          path], stderr=subprocess.DEVNULL)
    time.sleep(0.3)     # parecord is connected; its first sample is now
    return p, path, time.time()

start_server()
os.environ["PULSE_SERVER"] = "unix:" + os.path.join(pulse, "native")
lines = []
cond = threading.Condition()
rec1, path1, t_rec1 = record("rec1.wav")
proc = subprocess.Popen([herald, "bulletin", "--db", db, "--every", "12s",
                         "--headlines", "1", "--rate", "400"],
                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE, text=True)

def reader():
    for line in proc.stderr:
        with cond:
            lines.append((time.time(), line.rstrip("\n")))
            cond.notify_all()
threading.Thread(target=reader, daemon=True).start()

def wait_for(pred, what, timeout):
    end = time.monotonic() + timeout
    with cond:
        while True:
            for t, l in lines:
                if pred(l):
                    return t, l
            left = end - time.monotonic()
            if left <= 0:
                check(False, f"{what} within {timeout} s; stderr so far: "
                      + " | ".join(l for _, l in lines))
                return None, None
            cond.wait(left)

def slot_of(line):
    # "herald: bulletin HH:MM:SS: ..." -> that wall time today (epoch s)
    hms = line.split()[2].rstrip(":")
    h, m, s = (int(x) for x in hms.split(":"))
    lt = time.localtime()
    return time.mktime((lt.tm_year, lt.tm_mon, lt.tm_mday, h, m, s, 0, 0, -1))

# Bulletin A, on time, with the feed server gone: cached items and a log
# line that says so.
tA, lA = wait_for(lambda l: " headline" in l and "bulletin " in l,
                  "the first bulletin", 20)
if lA is None:
    proc.kill(); sys.exit(1)
check("(1 unreachable, cached " in lA, f"the log line says the feed is "
      f"unreachable and from when the cache is: {lA}")
slotA = slot_of(lA)
check(abs(tA - slotA) < 1.0, f"bulletin A starts on its slot ({tA - slotA:+.2f} s)")
# Kill the sound server once A has been heard to its end (9 s are plenty
# for a bulletin of one short headline at 400 words a minute).
time.sleep(max(0, slotA + 9 - time.time()))
rec1.terminate(); rec1.wait()
pid = int(open(os.path.join(pulse, "pid")).read())
os.kill(pid, signal.SIGKILL)
t_kill = time.time()

# Slot B finds no device: one line, then retries; the server comes back.
tB, lB = wait_for(lambda l: "trying again" in l, "a line saying slot B is retried", 20)
if lB is None:
    proc.kill(); sys.exit(1)
slotB = slot_of(lB)
check(slotB > t_kill, "the retried slot is the one after the kill")
# herald is held while the server starts and the recorder connects, so
# that its next try cannot reach the server before the recorder does (on
# a loaded machine the server can take seconds to come up).
proc.send_signal(signal.SIGSTOP)
start_server()
rec2, path2, t_rec2 = record("rec2.wav")
proc.send_signal(signal.SIGCONT)
tBack, lBack = wait_for(lambda l: "sound device is back" in l,
                        "slot B played once the server is back", 10)
tC, lC = wait_for(lambda l: "bulletin " in l and " headline" in l and
                  slot_of(l) > slotB, "bulletin C", 20)
if lC is None:
    proc.kill(); sys.exit(1)
slotC = slot_of(lC)
check(abs(slotC - slotB - 12) < 0.5, f"C is the slot after B ({lC})")
check(abs(tC - slotC) < 1.0, f"bulletin C starts on its slot ({tC - slotC:+.2f} s)")
# SIGTERM while C speaks: exit 0 within a second, speech cut.
time.sleep(max(0, slotC + 2.5 - time.time()))
t_term = time.time()
proc.send_signal(signal.SIGTERM)
try:
    rc = proc.wait(timeout=5)
except subprocess.TimeoutExpired:
    proc.kill(); rc = None
took = time.time() - t_term
check(rc == 0, f"exit status 0 on SIGTERM (got {rc})")
check(took < 1.0, f"exits within a second of SIGTERM ({took:.2f} s)")
time.sleep(1.0)
rec2.terminate(); rec2.wait()
subprocess.run(["sh", server, "stop", pulse])

log = [l for _, l in lines]
print("stderr:\n  " + "\n  ".join(log))
check(all(l.startswith("herald: ") for l in log), "every stderr line is a log line")
check(not any("skipped" in l for l in log), "no slot skipped")
check(not any("warning" in l or "error" in l for l in log), "no warnings or errors")

# The recordings: the chime of each bulletin where its slot says.
chime = am.read_wav(os.path.join(work, "one.wav"))[:17000]
def chimes(path):
    rec = am.read_wav(path)
    # A device underrun may put silence inside a chime (no sample lost):
    # its pieces are joined across gaps of up to 120 ms, as playtest.py
    # does, before the length says it is the chime.
    runs = [r for r in am.merge_runs(am.find_runs(chime, rec),
                                     max_gap=int(0.12 * 22050))
            if r.n >= 8000]
    starts = []
    for r in runs:
        at = r.rec - r.exp
        if not starts or at - starts[-1] > 22050:
            starts.append(at)
    return rec, starts

rec_a, ch1 = chimes(path1)
rec_b, ch2 = chimes(path2)
print(f"chimes: first recording {[round(x / 22050 + t_rec1 - slotA, 2) for x in ch1]} "
      f"s after slot A; second {[round(x / 22050 + t_rec2 - slotC, 2) for x in ch2]} "
      f"s after slot C")
check(len(ch1) == 1 and abs(ch1[0] / 22050 + t_rec1 - slotA) < 1.0,
      "the first recording has A's chime, at its slot")
check(len(ch2) == 2, "the second recording has the chimes of B (late) and C")
if len(ch2) == 2:
    check(abs(ch2[1] / 22050 + t_rec2 - slotC) < 1.0, "C's chime is at its slot")
    before = rec_b[max(0, ch2[1] - 6615):ch2[1]]
    check(before and max(abs(x) for x in before) < 200,
          "B is over before C's chime (300 ms of silence before it): no overlap")
    # The speech stops within a second of SIGTERM.
    cut = int((t_term + 1.0 - t_rec2) * 22050)
    tail = rec_b[cut:]
    check(len(tail) > 0 and max(abs(x) for x in tail) < 200,
          "nothing is heard a second after SIGTERM")
sys.exit(1 if failures else 0)
PY
if python3 "$T/drive.py" "$HERALD" "$db" "$T" "$TESTLIB" >"$T/drive.log" 2>&1; then ok; else
    fail "the unattended schedule is not right"; fi
sed 's/^/[schedule] /' "$T/drive.log"
finish
