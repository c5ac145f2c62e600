#!/usr/bin/env bash
# Previous sentence on the control socket: well into a sentence it starts
# the sentence again; at its first words it goes to the one before.  Both
# checked in the recording against the export's captions.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario prev-sentence "$FIXTURES/seed.html"
play_scenario prev-sentence-start "$FIXTURES/seed.html"
finish
