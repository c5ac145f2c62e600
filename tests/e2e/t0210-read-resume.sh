#!/usr/bin/env bash
# Resume from the store: quit mid-article, run again with the same --db:
# herald says "Resuming at paragraph N" (printed and spoken) and the
# recording goes on from the sentence where it stopped; --from-start
# ignores the remembered place.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

for scenario in resume; do
    mkdir -p "$T/$scenario"
    if python3 "$TESTLIB/playtest.py" "$scenario" "$HERALD" "$FIXTURES/seed.html" "$T/$scenario" >"$T/$scenario.log" 2>&1; then
        ok
    else
        fail "$scenario is not right in the recording"
    fi
    sed "s/^/[$scenario] /" "$T/$scenario.log"
done
finish
