#!/usr/bin/env bash
# `herald news` on a terminal (a pty): j moves down, i says the feed and
# the age, Enter plays the article, Escape comes back to the same place;
# Escape while a slow page is fetched gives it up at once (and the item
# stays unread); q quits with status 0 and the terminal back in its own mode (echo and
# line editing on).
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"
. "$TESTLIB/httpd.sh"

mkdir -p "$T/www"
cat > "$T/www/one.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><title>First story</title></head><body>
<article><h1>First story</h1><p>The first story has a paragraph that takes a few seconds to say aloud.</p>
<p>And a second paragraph, so that it is still playing when we go back.</p></article></body></html>
HTML
start_httpd "$T/www"
cat > "$T/www/feed.xml" <<XML
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Keys</title>
<item><title>Newest story</title><link>$BASE/one.html</link><guid>n</guid>
<pubDate>Tue, 07 May 2024 12:00:00 GMT</pubDate></item>
<item><title>First story</title><link>$BASE/one.html</link><guid>f</guid>
<pubDate>Mon, 06 May 2024 12:00:00 GMT</pubDate></item>
<item><title>Slow story</title><link>$BASE/sleep/8/one.html</link><guid>s</guid>
<pubDate>Sun, 05 May 2024 12:00:00 GMT</pubDate></item>
</channel></rss>
XML
db="$T/herald.db"
expect_status 0 "feeds add" -- "$HERALD" feeds --db "$db" add "$BASE/feed.xml" --name keys
expect_status 0 "feeds update" -- "$HERALD" feeds --db "$db" update

cat > "$T/drive_keys.py" <<'PY'
import os, pty, select, sys, termios, time
herald, db = sys.argv[1:3]
pid, fd = pty.fork()
if pid == 0:
    os.execv(herald, [herald, "news", "--db", db])
out = b""
def read_until(what, timeout=60, times=1):
    global out
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if out.count(what.encode()) >= times:
            return True
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
    return out.count(what.encode()) >= times
fails = []
def check(c, what):
    print(("ok: " if c else "FAIL: ") + what)
    if not c:
        fails.append(what)
check(read_until("Newest story"), "the first headline is printed")
# Wait for the terminal's mode (the event), with a deadline.
end = time.monotonic() + 60
while termios.tcgetattr(fd)[3] & termios.ECHO and time.monotonic() < end:
    time.sleep(0.02)
attrs = termios.tcgetattr(fd)
check(not (attrs[3] & termios.ECHO), "echo is off while browsing")
os.write(fd, b"j")
check(read_until("First story"), "j: the next headline")
os.write(fd, b"i")
check(read_until("Headline 2 of 3. From keys"), "i: place, feed and age")
os.write(fd, b"\r")
time.sleep(2.0)
os.write(fd, b"\x1b")
check(read_until("Back to the headlines."), "escape: back to the list")
os.write(fd, b"j")
check(read_until("Slow story"), "j: the slow headline")
time.sleep(0.3)
os.write(fd, b"\r")
check(read_until("Opening.", 5, times=2), "Enter on the slow page: Opening.")
time.sleep(0.5)
t = time.monotonic()
os.write(fd, b"\x1b")
back = read_until("Back to the headlines.", 6, times=2)
took = time.monotonic() - t
check(back and took < 3, f"escape gives the slow fetch up ({took:.1f} s; the page takes 8)")
os.write(fd, b"u")
check(read_until("Unread headlines only: 2."),
      "u: unread only (the played one is read, the given-up one is not)")
os.write(fd, b"q")
status = None
deadline = time.monotonic() + 15
while time.monotonic() < deadline:
    p, st = os.waitpid(pid, os.WNOHANG)
    if p:
        status = st
        break
    try:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            out += os.read(fd, 4096)
    except OSError:
        pass
check(status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
      f"q quits with status 0 ({status})")
try:
    attrs = termios.tcgetattr(fd)
    check(bool(attrs[3] & termios.ECHO) and bool(attrs[3] & termios.ICANON),
          "the terminal is restored")
except termios.error as e:
    print("note: cannot read the terminal's mode after exit:", e)
print(out.decode(errors="replace"))
sys.exit(1 if fails else 0)
PY
if timeout 90 python3 "$T/drive_keys.py" "$HERALD" "$db" >"$T/log" 2>&1; then
    ok
else
    fail "keys on a terminal"
fi
cat "$T/log"
finish
