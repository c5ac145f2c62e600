#!/usr/bin/env bash
# `herald read` plays exactly the samples `herald export` writes for the
# same article: recorded at the test sound server's null sink and found in
# the export sample by sample.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

if python3 "$TESTLIB/playtest.py" play "$HERALD" "$FIXTURES/seed.html" "$T" >"$T/log" 2>&1; then
    ok
else
    fail "playback does not match the export"
fi
cat "$T/log"
finish
