#!/usr/bin/env bash
# The audio device disappears mid-article (the test's own sound server is
# killed while herald plays): herald saves the position, prints one clear
# error line and exits 1 without hanging; the next run resumes there.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

for scenario in device-lost; do
    mkdir -p "$T/$scenario"
    if python3 "$TESTLIB/playtest.py" "$scenario" "$HERALD" "$FIXTURES/seed.html" "$T/$scenario" >"$T/$scenario.log" 2>&1; then
        ok
    else
        fail "$scenario is not right in the recording"
    fi
    sed "s/^/[$scenario] /" "$T/$scenario.log"
done
finish
