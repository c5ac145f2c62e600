#!/usr/bin/env bash
# Every command of the control socket once, on a queue of two articles,
# each answered with one JSON line that shows it was carried out (state,
# position, rate, the words of where/time/help); bad commands are refused
# with ok:false; without a terminal herald says keys are off.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario commands "$FIXTURES/seed.html,$FIXTURES/sections.html" \
    "the control socket's commands"
finish
