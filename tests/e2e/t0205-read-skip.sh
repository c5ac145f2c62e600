#!/usr/bin/env bash
# Skips on the control socket cut the sentence where they are sent and go
# on with the right material: next-sentence, repeat and next-paragraph,
# each checked in the recording against the export's captions (tolerant
# matching: after a cut espeak-ng's samples are no longer bit-identical).
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

for scenario in next-sentence repeat next-paragraph; do
    mkdir -p "$T/$scenario"
    if python3 "$TESTLIB/playtest.py" "$scenario" "$HERALD" "$FIXTURES/seed.html" "$T/$scenario" >"$T/$scenario.log" 2>&1; then
        ok
    else
        fail "$scenario is not right in the recording"
    fi
    sed "s/^/[$scenario] /" "$T/$scenario.log"
done
finish
