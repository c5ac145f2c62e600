#!/usr/bin/env bash
# A rate change on the control socket cuts the sentence, says the new rate
# at once, and says the sentence again at the new rate: the recording
# matches an export at the new rate better than one at the old.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario rate "$FIXTURES/seed.html"
finish
