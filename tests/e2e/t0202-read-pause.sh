#!/usr/bin/env bash
# Pause on the control socket puts silence (and the pause and resume
# earcons) into the recording where it was sent; resume continues from the
# exact sample where the pause fell.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario pause "$FIXTURES/seed.html" \
    "pause and resume are not right in the recording"
finish
