#!/usr/bin/env bash
# The [bulletin] section of config.ini runs a plain `herald bulletin`;
# options given on the command line win; a bad setting is one error line
# naming the file and line.  A running schedule reads config.ini again on
# SIGHUP (a bad edit keeps the old settings, with a log line), answers
# its control socket (status, now, quit) and exits 0.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"

mkdir -p "$T/www"
start_httpd "$T/www"
{
    echo '<?xml version="1.0" encoding="utf-8"?>'
    echo "<rss version=\"2.0\"><channel><title>Crier</title><link>$BASE/</link>"
    for i in 1 2 3 4 5 6; do
        echo "<item><title>Story number $i of the day</title><guid>s$i</guid>"
        echo "<pubDate>$(date -u -R -d "@$(( $(date +%s) - i * 60 ))")</pubDate>"
        echo "<description>Summary $i.</description></item>"
    done
    echo '</channel></rss>'
} > "$T/www/news.xml"
db="$T/herald.db"
expect_status 0 "feeds add" -- "$HERALD" feeds --db "$db" add "$BASE/news.xml" --name crier
expect_status 0 "feeds update" -- "$HERALD" feeds --db "$db" update

mkdir -p "$XDG_CONFIG_HOME/herald"
cfg="$XDG_CONFIG_HOME/herald/config.ini"
printf '[keys]\ntoggle = space\n\n[bulletin]\nheadlines = 2\nsummaries = yes\nfeed = crier\nrefresh = no\n' > "$cfg"
expect_status 0 "bulletin from config.ini" -- "$HERALD" bulletin --db "$db" --script
[ "$(grep -c '^Story number' "$T/out")" -eq 2 ] && ok || fail "headlines = 2 not used: $(cat "$T/out")"
grep -qx "Summary 1." "$T/out" && ok || fail "summaries = yes not used"
expect_status 0 "the command line wins" -- "$HERALD" bulletin --db "$db" --script --headlines 3
[ "$(grep -c '^Story number' "$T/out")" -eq 3 ] && ok || fail "--headlines 3 did not win over the file"

printf '[bulletin]\nheadlines = many\n' > "$cfg"
expect_error 1 "config.ini: line 2: headlines takes" "a bad setting" -- \
    "$HERALD" bulletin --db "$db" --script
printf '[bulletin]\ncolour = red\n' > "$cfg"
expect_error 1 "config.ini: line 2: unknown setting 'colour'" "an unknown setting" -- \
    "$HERALD" bulletin --db "$db" --script

# A schedule far from now (12 hours on), driven by its socket and SIGHUP.
at=$(date -d '+12 hours' +%H:%M)
at2=$(date -d '+13 hours' +%H:%M)
printf '[bulletin]\nheadlines = 1\nrefresh = no\nat = %s\n' "$at" > "$cfg"
cat > "$T/drive.py" <<'PY'
import json, os, signal, socket, subprocess, sys, threading, time
herald, db, work, cfg, at, at2 = sys.argv[1:7]
failures = []
def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)
sock_path = os.path.join(work, "b.sock")
# As systemd would (Type=notify): readiness and the watchdog's keep-alive.
notify_path = os.path.join(work, "notify.sock")
notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
notify.bind(notify_path)
notify.settimeout(5)
proc = subprocess.Popen([herald, "bulletin", "--db", db, "--script",
                         "--control", sock_path], stdin=subprocess.DEVNULL,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                        env=dict(os.environ, NOTIFY_SOCKET=notify_path))
msgs = []
try:
    while not any("WATCHDOG=1" in m for m in msgs):
        msgs.append(notify.recv(4096).decode())
except socket.timeout:
    pass
check(any("READY=1" in m for m in msgs) and any("WATCHDOG=1" in m for m in msgs),
      f"tells systemd it is ready and alive: {msgs}")
lines = []
cond = threading.Condition()
def reader():
    for l in proc.stderr:
        with cond:
            lines.append(l.rstrip("\n")); cond.notify_all()
threading.Thread(target=reader, daemon=True).start()
def wait_for(text, timeout=10):
    end = time.monotonic() + timeout
    with cond:
        while not any(text in l for l in lines):
            left = end - time.monotonic()
            if left <= 0:
                return None
            cond.wait(left)
        return [l for l in lines if text in l][-1]
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
for _ in range(200):
    try:
        s.connect(sock_path); break
    except OSError:
        time.sleep(0.05)
f = s.makefile("rw")
def send(cmd):
    f.write(cmd + "\n"); f.flush()
    return json.loads(f.readline())
r = send("status")
check(r["ok"] and r["state"] == "idle" and r["next"] == at + ":00",
      f"status: idle, next at {at}: {r}")
r = send("skip")
check(not r["ok"] and "no bulletin" in r["error"], f"skip when idle is refused: {r}")
r = send("now")
check(r["ok"] and r["played"] == 1, f"now plays one: {r}")
out = proc.stdout.readline()
check(out.startswith("It is "), f"the bulletin is printed: {out.strip()}")
r = send("dance")
check(not r["ok"], f"an unknown command is refused: {r}")
# SIGHUP: a bad edit keeps the old settings; a good one moves the time.
open(cfg, "w").write("[bulletin]\nat = 99:99\n")
proc.send_signal(signal.SIGHUP)
check(wait_for("not reloaded") is not None, "a bad config.ini is not taken on SIGHUP")
check(send("status")["next"] == at + ":00", "the old schedule stays")
open(cfg, "w").write(f"[bulletin]\nheadlines = 1\nrefresh = no\nat = {at2}\n")
proc.send_signal(signal.SIGHUP)
l = wait_for("configuration reloaded")
check(l is not None and at2 in l, f"SIGHUP reloads config.ini: {l}")
check(send("status")["next"] == at2 + ":00", "the new schedule is used")
r = send("quit")
check(r["ok"], f"quit: {r}")
try:
    rc = proc.wait(timeout=5)
except subprocess.TimeoutExpired:
    proc.kill(); rc = None
check(rc == 0, f"exit status 0 after quit (got {rc})")
print("stderr:\n  " + "\n  ".join(lines))
check(not os.path.exists(sock_path), "the socket file is removed")
sys.exit(1 if failures else 0)
PY
if python3 "$T/drive.py" "$HERALD" "$db" "$T" "$cfg" "$at" "$at2" >"$T/drive.log" 2>&1; then ok; else
    fail "the schedule's socket and SIGHUP are not right"; fi
sed 's/^/[socket] /' "$T/drive.log"
finish
