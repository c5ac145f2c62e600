#!/usr/bin/env bash
# Quitting while a page is still being fetched: Ctrl-C (SIGINT) or SIGTERM
# sent to `herald read` or `herald news` while a server on 127.0.0.1 drips
# the page a byte a second stops the fetch at once (within about a second,
# not at the 15 s low-speed timeout), exits 130 or 143 and prints no
# error: the listener quit, nothing failed.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"
. "$TESTLIB/httpd.sh"

mkdir -p "$T/www"
start_httpd "$T/www"
db="$T/herald.db"

# quit_during SIGNAL WANT DESCRIPTION -- COMMAND...: start COMMAND, send
# SIGNAL once the server has the request for /slow (waited for, up to 60
# s: not a fixed time), and check it is gone within 3 s with status WANT.
quit_during() {
    sig=$1; want=$2; what=$3; shift 4
    : > "$HTTPD_LOG"
    "$@" </dev/null >"$T/out" 2>"$T/err" &
    pid=$!
    for _ in $(seq 1200); do
        grep -q "^GET /slow" "$HTTPD_LOG" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    if ! kill -0 "$pid" 2>/dev/null; then
        fail "$what: herald was gone before the signal"
        sed 's/^/  stderr: /' "$T/err" >&2
        return
    fi
    kill "-$sig" "$pid"
    for _ in $(seq 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        fail "$what: still fetching 3 s after SIG$sig"
        kill -9 "$pid"
        wait "$pid"
        return
    fi
    wait "$pid"
    got=$?
    [ "$got" -eq "$want" ] && ok || fail "$what: exit status $got, expected $want"
    if grep -q "error\|warning" "$T/err"; then
        fail "$what: printed an error for a quit"
        sed 's/^/  stderr: /' "$T/err" >&2
    else
        ok
    fi
}

quit_during INT 130 "read, Ctrl-C during the fetch" -- \
    "$HERALD" read --db "$db" "$BASE/slow"
quit_during TERM 143 "read, SIGTERM during the fetch of the first of two" -- \
    "$HERALD" read --db "$db" "$BASE/slow" "$FIXTURES/seed.html"

# herald news: the one item's page drips; select it on the socket, quit.
cat > "$T/www/feed.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Slow Times</title><link>$BASE/</link>
<item><title>A page that never comes</title><link>$BASE/slow</link>
<guid>slow</guid><description>The summary.</description></item>
</channel></rss>
XML
expect_status 0 "feeds add" -- "$HERALD" --db "$db" feeds add "$BASE/feed.xml"
expect_status 0 "feeds update" -- "$HERALD" --db "$db" feeds update
sock="$T/news.sock"
( for _ in $(seq 1200); do [ -S "$sock" ] && break; sleep 0.05; done
  python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"select\n")
time.sleep(3)' "$sock" ) &
helper=$!
quit_during INT 130 "news, Ctrl-C while the selected page is fetched" -- \
    "$HERALD" --db "$db" news --control "$sock"
wait "$helper"
finish
