#!/usr/bin/env bash
# Pause on the control socket puts silence (and the pause and resume
# earcons) into the recording where it was sent; resume continues from the
# exact sample where the pause fell.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

if python3 "$TESTLIB/playtest.py" pause "$HERALD" "$FIXTURES/seed.html" "$T" >"$T/log" 2>&1; then
    ok
else
    fail "pause and resume are not right in the recording"
fi
cat "$T/log"
finish
