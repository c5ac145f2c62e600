#!/usr/bin/env bash
# `herald devices` lists the outputs; with no audio output at all,
# `herald read` and `herald devices` say so in one line that names
# `herald export`, and exit 1.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

expect_status 0 "devices" -- "$HERALD" devices
grep -q '(default)$' "$T/out" || fail "devices marks no default: $(cat "$T/out")"
grep -Eq '^[0-9]+	' "$T/out" || fail "devices lines do not start with a number"

# No sound server (a dead socket) and no sound card: no output at all.
dead="unix:$T/no-such-server"
expect_error 1 "no audio output.*herald export" "read with no audio output" -- \
    env PULSE_SERVER="$dead" "$HERALD" read --db "$T/db" "$FIXTURES/seed.html"
expect_error 1 "no audio output.*herald export" "devices with no audio output" -- \
    env PULSE_SERVER="$dead" "$HERALD" devices
# A device that does not exist.
expect_error 1 "no audio device 'nosuchdevice'" "read --device unknown" -- \
    "$HERALD" read --db "$T/db" --device nosuchdevice "$FIXTURES/seed.html"
finish
