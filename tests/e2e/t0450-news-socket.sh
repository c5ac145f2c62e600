#!/usr/bin/env bash
# `herald news --control`: browse a feed served on 127.0.0.1 by socket with
# the real store and the recorded null sink.  Moving answers with the
# position and the headline; select plays the page, back returns to the
# same place; a played item is marked read in the store; an item whose
# page is a 404 is read from its summary, and the listener is told; a page
# that is slow to come is not waited for in silence.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"
. "$TESTLIB/httpd.sh"

mkdir -p "$T/www"
cat > "$T/www/harbour.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><title>Harbour bridge reopens</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour bridge reopens after repairs</h1>
<p>The old harbour bridge reopened on Monday after eight months of repairs, the city council said.</p>
<p>Engineers replaced the cables and repainted the whole structure. Traffic was light in the morning.</p>
</article><footer>Copyright</footer></body></html>
HTML
cat > "$T/www/library.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><title>Library extends opening hours</title></head>
<body><article><h1>Library extends opening hours</h1>
<p>The central library will stay open until nine in the evening from next week.</p>
<p>Readers had asked for longer hours for years, a spokeswoman said.</p>
<p>The council will pay for two more librarians, and the reading room gets new lamps.</p>
</article></body></html>
HTML
start_httpd "$T/www"
cat > "$T/www/feed.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Town Crier</title><link>$BASE/</link>
<language>en</language>
<item><title>Harbour bridge reopens</title><link>$BASE/harbour.html</link>
<guid>harbour</guid><pubDate>Mon, 06 May 2024 12:00:00 GMT</pubDate>
<description>The bridge is open again.</description></item>
<item><title>Library extends opening hours</title><link>$BASE/sleep/1.5/library.html</link>
<guid>library</guid><pubDate>Mon, 06 May 2024 11:00:00 GMT</pubDate>
<description>Open until nine.</description></item>
<item><title>Council meets on budget</title><link>$BASE/status/404</link>
<guid>gone</guid><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate>
<description>The town council will vote on the budget on Thursday evening.</description></item>
</channel></rss>
XML

db="$T/herald.db"
expect_status 0 "feeds add" -- "$HERALD" feeds --db "$db" add "$BASE/feed.xml" --name crier
expect_status 0 "feeds update" -- "$HERALD" feeds --db "$db" update

cat > "$T/drive.py" <<'PY'
import json, os, socket, struct, subprocess, sys, time, wave

herald, db, work = sys.argv[1:4]
sock_path = os.path.join(work, "news.sock")
rec_path = os.path.join(work, "rec.wav")
failures = []

def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)
    return cond

rec = subprocess.Popen(["parecord", "--device=test.monitor", "--rate=22050",
                        "--channels=1", "--format=s16le", "--latency-msec=20",
                        rec_path], stderr=subprocess.DEVNULL)
t_rec = time.monotonic()
# Recording has begun once the monitor's samples reach the file (waited
# for, with a deadline; not a fixed time).
end = time.monotonic() + 60
while not (os.path.exists(rec_path) and os.path.getsize(rec_path) > 44) \
        and time.monotonic() < end:
    time.sleep(0.02)
proc = subprocess.Popen([herald, "news", "--db", db, "--control", sock_path],
                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
end = time.monotonic() + 60
while time.monotonic() < end and proc.poll() is None:
    try:
        s.connect(sock_path)
        break
    except OSError:
        time.sleep(0.05)
s.settimeout(20)
f = s.makefile("rw")

def send(cmd):
    f.write(cmd + "\n")
    f.flush()
    line = f.readline()
    try:
        return json.loads(line)
    except ValueError:
        return {"raw": line}

def wait_for(pred, what, timeout=20):
    deadline = time.monotonic() + timeout
    r = None
    while time.monotonic() < deadline:
        r = send("status")
        if pred(r):
            return r
        time.sleep(0.1)
    check(False, f"{what} within {timeout} s (last status {r})")
    return r

def at(r, pos, title):
    return r.get("ok") and r.get("mode") == "list" and r.get("position") == pos \
        and r.get("count") == 3 and r.get("title") == title

try:
    r = send("status")
    check(at(r, 1, "Harbour bridge reopens"), f"starts on the newest headline: {r}")
    r = send("down")
    check(at(r, 2, "Library extends opening hours"), f"down: second headline: {r}")
    check(r.get("text") == "Library extends opening hours", f"down says the headline: {r.get('text')}")
    r = send("down")
    check(at(r, 3, "Council meets on budget"), f"down: third headline: {r}")
    r = send("down")
    check(at(r, 3, "Council meets on budget"), f"down at the end stays: {r}")
    check(r.get("moved") is False and r.get("reason") == "No next headline.",
          f"down at the end answers moved:false with the reason: {r}")
    r = send("up")
    check(at(r, 2, "Library extends opening hours"), f"up: second headline: {r}")
    check(r.get("moved") is True, f"up: moved: {r}")
    r = send("where")
    check("2 of 3" in (r.get("text") or "") and "crier" in (r.get("text") or ""),
          f"where says the place and the feed: {r.get('text')}")
    t_select = time.monotonic()
    r = send("select")
    fetched = time.monotonic() - t_select
    check(r.get("mode") == "article" and r.get("title") == "Library extends opening hours",
          f"select opens the article: {r}")
    check(fetched >= 1.4, f"the page took its 1.5 s to come ({fetched:.2f} s)")
    r = wait_for(lambda r: (r.get("article") or {}).get("state") == "playing",
                 "the article plays")
    time.sleep(1.5)
    r = send("where")
    check(r.get("mode") == "article" and "Library" in (r.get("text") or ""),
          f"where in the article names it: {r.get('text')}")
    # A move with nothing further says so, to a script and in print.
    r = send("prev-article")
    check(r.get("ok") is True and r.get("moved") is False and
          r.get("reason") == "No previous article.",
          f"prev-article in the one article: moved false, with the reason: {r}")
    r = send("pause")
    check(r.get("moved") is True, f"pause: moved true: {r}")
    r = send("resume")
    r = send("back")
    check(at(r, 2, "Library extends opening hours") and r.get("read") is True,
          f"back returns to the same headline, now read: {r}")
    r = send("down")
    check(at(r, 3, "Council meets on budget") and r.get("read") is False,
          f"down to the item whose page is gone: {r}")
    r = send("select")
    check(r.get("mode") == "article", f"select the 404 item: {r}")
    wait_for(lambda r: (r.get("article") or {}).get("state") == "playing",
             "the summary plays")
    # The summary is short: heard to its end, the browser returns to the list.
    r = wait_for(lambda r: r.get("mode") == "list", "back in the list at the end", 30)
    check(at(r, 3, "Council meets on budget") and r.get("read") is True,
          f"after the summary: same place, read: {r}")
    r = send("unread")
    check(r.get("count") == 1 and r.get("title") == "Harbour bridge reopens"
          and r.get("unread_only") is True, f"unread filter: {r}")
    r = send("bogus")
    check(r.get("ok") is False and "error" in r, f"unknown command: {r}")
    r = send("quit")
    check(r.get("ok") is True, f"quit: {r}")
    try:
        out, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        check(False, "news quits within 15 s")
    check(proc.returncode == 0, f"exit status {proc.returncode}, stderr {err[-300:]!r}")
    lines = out.splitlines()
    print("stdout:", lines)
    check("Library extends opening hours" in lines, "the headline is printed as spoken")
    check("The page could not be fetched; reading the summary." in lines,
          "the 404 item says the summary is read")
    check(all(c >= " " for l in lines for c in l), "printed lines are clean")
    for words in ("No next headline.", "No previous article.", "Paused.",
                  "Playing."):
        check(words in lines, f"'{words}' is printed as it is said")
except (OSError, ValueError) as ex:
    # The socket closed under the driver: say how herald ended, with the
    # end of what it printed, so that a failure can be read.
    check(False, f"the control socket failed: {ex!r}")
    try:
        out, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    print(f"herald exit status {proc.returncode}")
    print("herald stdout (end):", (out or "")[-1500:])
    print("herald stderr (end):", (err or "")[-3000:])
finally:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    time.sleep(0.3)
    rec.send_signal(2)
    try:
        rec.wait(timeout=10)
    except subprocess.TimeoutExpired:
        rec.kill()

with wave.open(rec_path) as w:
    data = w.readframes(w.getnframes())
samples = struct.unpack(f"<{len(data) // 2}h", data)
loud = sum(1 for x in samples if abs(x) > 1000)
secs = len(samples) / 22050
print(f"recorded {secs:.1f} s, {loud / 22050:.2f} s of it loud")
check(secs > 3 and loud > 22050 * 1.0, "speech was recorded (not silence)")
# While the slow page came, the listener heard that it is being opened.
a = int((t_select - t_rec + 0.1) * 22050)
b = int((t_select - t_rec + 1.3) * 22050)
loud_fetch = sum(1 for x in samples[a:b] if abs(x) > 1000) / 22050
print(f"{loud_fetch:.2f} s loud while the page was fetched")
check(loud_fetch > 0.1, "something is said while the page is fetched")
sys.exit(1 if failures else 0)
PY
if timeout 120 python3 "$T/drive.py" "$HERALD" "$db" "$T" >"$T/log" 2>&1; then
    ok
else
    fail "news over the control socket"
fi
cat "$T/log"

# The store agrees: two of three read, and which.
expect_status 0 "feeds list" -- "$HERALD" feeds --db "$db" list
grep -q "1 unread of 3" "$T/out" && ok || fail "feeds list does not say 1 unread of 3: $(cat "$T/out")"
if command -v sqlite3 >/dev/null 2>&1; then
    unread=$(sqlite3 "$db" "select count(*) from items where read = 0" 2>&1)
    [ "$unread" = 1 ] && ok || fail "sqlite3 counts $unread unread items, expected 1"
fi
finish
