#!/usr/bin/env bash
# `herald read -` takes the page on standard input; with no terminal it
# says that keys are off, prints the headline, and plays the article.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

timeout 120 "$HERALD" read --db "$T/db" --control "$T/sock" - \
    < "$FIXTURES/seed.html" > "$T/out" 2> "$T/err" &
pid=$!
# Wait for the events (the socket answers, the player plays), each with a
# deadline a loaded machine meets, not for a fixed time.
python3 - "$T/sock" > "$T/reply" <<'PY'
import json, socket, sys, time
end = time.monotonic() + 60
def ask(line):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(60)
    s.connect(sys.argv[1])
    f = s.makefile("rw"); f.write(line + "\n"); f.flush()
    r = f.readline().strip()
    s.close()
    return r
r = ""
while time.monotonic() < end:
    try:
        r = ask("status")
        if json.loads(r).get("state") == "playing":
            break
    except OSError:
        pass
    time.sleep(0.05)
print(r)
print(ask("stop"))
PY
wait $pid; rc=$?
[ $rc -eq 0 ] && ok || fail "read - exited $rc: $(cat "$T/err")"
grep -q '^Standard input is not a terminal: no keys; commands on ' "$T/out" && ok || fail "no note that keys are off: $(cat "$T/out")"
grep -q '^Kremlin Says CIA Helped Russia' "$T/out" && ok || fail "no headline printed"
grep -q '"state":"playing"' "$T/reply" && ok || fail "status is not playing: $(cat "$T/reply")"
[ -S "$T/sock" ] && fail "the socket file was left behind" || ok
finish
