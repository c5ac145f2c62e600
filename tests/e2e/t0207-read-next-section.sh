#!/usr/bin/env bash
# Next section on the control socket: from the first section of a page
# with subheadings, the recording goes on with the next subheading.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

for scenario in next-section; do
    mkdir -p "$T/$scenario"
    if python3 "$TESTLIB/playtest.py" "$scenario" "$HERALD" "$FIXTURES/sections.html" "$T/$scenario" >"$T/$scenario.log" 2>&1; then
        ok
    else
        fail "$scenario is not right in the recording"
    fi
    sed "s/^/[$scenario] /" "$T/$scenario.log"
done
finish
