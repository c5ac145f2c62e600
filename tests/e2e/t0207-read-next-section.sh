#!/usr/bin/env bash
# Next section on the control socket: from the first section of a page
# with subheadings, the recording goes on with the next subheading.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario next-section "$FIXTURES/sections.html"
finish
