#!/usr/bin/env bash
# `herald read -` takes the page on standard input; with no terminal it
# says that keys are off, prints the headline, and plays the article.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

timeout 20 "$HERALD" read --db "$T/db" --control "$T/sock" - \
    < "$FIXTURES/seed.html" > "$T/out" 2> "$T/err" &
pid=$!
for _ in $(seq 50); do [ -S "$T/sock" ] && break; sleep 0.1; done
sleep 1.5
python3 - "$T/sock" > "$T/reply" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
f = s.makefile("rw"); f.write("status\n"); f.flush(); print(f.readline().strip())
f.write("stop\n"); f.flush(); print(f.readline().strip())
PY
wait $pid; rc=$?
[ $rc -eq 0 ] && ok || fail "read - exited $rc: $(cat "$T/err")"
grep -q '^Standard input is not a terminal: no keys; commands on ' "$T/out" && ok || fail "no note that keys are off: $(cat "$T/out")"
grep -q '^Kremlin Says CIA Helped Russia' "$T/out" && ok || fail "no headline printed"
grep -q '"state":"playing"' "$T/reply" && ok || fail "status is not playing: $(cat "$T/reply")"
[ -S "$T/sock" ] && fail "the socket file was left behind" || ok
finish
