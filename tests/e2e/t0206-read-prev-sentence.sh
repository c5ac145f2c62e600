#!/usr/bin/env bash
# Previous sentence on the control socket: well into a sentence it starts
# the sentence again; at its first words it goes to the one before.  Both
# checked in the recording against the export's captions.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

for scenario in prev-sentence prev-sentence-start; do
    mkdir -p "$T/$scenario"
    if python3 "$TESTLIB/playtest.py" "$scenario" "$HERALD" "$FIXTURES/seed.html" "$T/$scenario" >"$T/$scenario.log" 2>&1; then
        ok
    else
        fail "$scenario is not right in the recording"
    fi
    sed "s/^/[$scenario] /" "$T/$scenario.log"
done
finish
