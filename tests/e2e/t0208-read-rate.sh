#!/usr/bin/env bash
# A rate change on the control socket cuts the sentence, says the new rate
# at once, and says the sentence again at the new rate: the recording
# matches an export at the new rate better than one at the old.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

for scenario in rate; do
    mkdir -p "$T/$scenario"
    if python3 "$TESTLIB/playtest.py" "$scenario" "$HERALD" "$FIXTURES/seed.html" "$T/$scenario" >"$T/$scenario.log" 2>&1; then
        ok
    else
        fail "$scenario is not right in the recording"
    fi
    sed "s/^/[$scenario] /" "$T/$scenario.log"
done
finish
