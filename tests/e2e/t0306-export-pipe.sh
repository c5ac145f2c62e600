#!/usr/bin/env bash
# herald export -o - into a pipe whose reader leaves early (`| head -c
# 100`, `| true`): it ends quietly with status 0, like other filters on
# EPIPE, and stops speaking.  A real write error (a full device) is still
# an error, and sources that failed before the reader left still count.
. "$TESTLIB/test-lib.sh"

seed="$FIXTURES/seed.html"

# pipe_status CMD...: run "CMD | head -c 100"; herald's status in $st,
# its stderr in $T/err, what head read in $T/head.
pipe_status() {
    "$@" 2>"$T/err" </dev/null | head -c 100 >"$T/head"
    st=${PIPESTATUS[0]}
}

pipe_status "$HERALD" export "$seed" -o -
[ "$st" -eq 0 ] && ok || fail "-o - | head -c 100: exit status $st, expected 0"
[ ! -s "$T/err" ] && ok || fail "-o - | head -c 100 printed: $(cat "$T/err")"
[ "$(stat -c %s "$T/head")" -eq 100 ] && [ "$(head -c 4 "$T/head")" = RIFF ] && ok ||
    fail "head did not get 100 bytes of WAV"

# A reader that reads nothing at all: the header write already fails.
"$HERALD" export "$seed" -o - 2>"$T/err" </dev/null | true
st=${PIPESTATUS[0]}
[ "$st" -eq 0 ] && ok || fail "-o - | true: exit status $st, expected 0"
[ ! -s "$T/err" ] && ok || fail "-o - | true printed: $(cat "$T/err")"

# Several sources: the pipe closing ends the run, not one article each.
pipe_status "$HERALD" export "$seed" "$seed" "$seed" -o - -q
[ "$st" -eq 0 ] && ok || fail "three sources | head: exit status $st, expected 0"
[ ! -s "$T/err" ] && ok || fail "three sources | head printed: $(cat "$T/err")"

# A source that failed before the reader left is still an error.
pipe_status "$HERALD" export "$T/missing.html" "$seed" -o - -q
[ "$st" -eq 1 ] && ok || fail "a failed source then EPIPE: exit status $st, expected 1"
grep -q "^herald: error: cannot open '.*missing.html'" "$T/err" && ok || fail "the failure is not reported: $(cat "$T/err")"
grep -q "Broken pipe\|closed by its reader" "$T/err" && fail "EPIPE reported: $(cat "$T/err")" || ok

# A real write error is not a closed pipe.
if [ -w /dev/full ]; then
    expect_error 1 "cannot write to standard output: No space left on device" "-o - > /dev/full" -- \
        sh -c 'exec "$0" export "$1" -o - -q >/dev/full' "$HERALD" "$seed"
fi

# The same convention for text.
"$HERALD" text "$seed" 2>"$T/err" | head -c 10 >/dev/null
st=${PIPESTATUS[0]}
[ "$st" -eq 0 ] && [ ! -s "$T/err" ] && ok || fail "text | head -c 10: status $st, stderr $(cat "$T/err")"
finish
