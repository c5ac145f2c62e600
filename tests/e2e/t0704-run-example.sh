#!/usr/bin/env bash
# `make run` (tests/lib/run-example.sh) on a machine with no audio output:
# a notice and a WAV file, exit 0, and no "herald: error:" line (it said
# "herald: error: there is no audio output device" and then succeeded).
. "$TESTLIB/test-lib.sh"

dead="unix:$T/no-such-server"
PULSE_SERVER="$dead" TMPDIR="$T" sh "$TESTLIB/run-example.sh" "$HERALD" \
    "$FIXTURES/seed.html" >"$T/out" 2>"$T/err" </dev/null
rc=$?
[ "$rc" -eq 0 ] && ok || fail "make run without audio exits $rc"
grep -q "herald: error" "$T/out" "$T/err" && fail "an error line on a run that succeeds: $(cat "$T/out" "$T/err")" || ok
grep -q "^herald: no audio output here; writing the speech to $T/herald-example.wav instead$" "$T/out" &&
    ok || fail "no notice: $(cat "$T/out")"
[ "$(head -c 4 "$T/herald-example.wav" 2>/dev/null)" = RIFF ] && [ "$(stat -c %s "$T/herald-example.wav")" -gt 100000 ] &&
    ok || fail "no WAV of the example written"
grep -q "^herald: wrote $T/herald-example.wav" "$T/out" && ok || fail "does not say where the WAV is: $(cat "$T/out")"
finish
