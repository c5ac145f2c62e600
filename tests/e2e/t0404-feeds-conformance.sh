#!/usr/bin/env bash
# Feed conformance: the Universal Feed Parser-derived cases in
# $SHARED/corpus/feeds, scored by $SHARED/bench/score-feeds.py.  The pass
# count must not drop below the one recorded in tests/feeds-conformance.count.
. "$TESTLIB/test-lib.sh"
corpus="${SHARED:-}/corpus/feeds"
scorer="${SHARED:-}/bench/score-feeds.py"
if [ ! -f "$corpus/expect.json" ] || [ ! -f "$scorer" ]; then
    echo "skip: the feed corpus or its scorer is missing (\$SHARED=${SHARED:-unset})"
    exit 77
fi
want=$(cat "$SRCDIR/tests/feeds-conformance.count")
python3 "$scorer" "$HERALD" --corpus "$corpus" --verbose > "$T/score" 2>&1
tail -1 "$T/score"
got=$(sed -n 's/^feeds: \([0-9]*\) passed.*/\1/p' "$T/score" | tail -1)
if [ -z "$got" ]; then
    fail "the scorer did not run: $(tail -3 "$T/score")"
elif [ "$got" -lt "$want" ]; then
    grep '^FAIL' "$T/score" | head -20 >&2
    fail "conformance dropped: $got passed, $want recorded"
else
    ok
fi
finish
