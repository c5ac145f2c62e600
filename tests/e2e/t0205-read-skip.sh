#!/usr/bin/env bash
# Skips on the control socket cut the sentence where they are sent and go
# on with the right material: next-sentence, repeat and next-paragraph,
# each checked in the recording against the export's captions (tolerant
# matching: after a cut espeak-ng's samples are no longer bit-identical).
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario next-sentence "$FIXTURES/seed.html"
play_scenario repeat "$FIXTURES/seed.html"
play_scenario next-paragraph "$FIXTURES/seed.html"
finish
