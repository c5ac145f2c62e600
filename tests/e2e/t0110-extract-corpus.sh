#!/usr/bin/env bash
# Extraction quality cannot regress: score `herald text --body-only` on the
# shared corpus of real news pages and fail when F1 falls more than 0.005
# below the value recorded in bench/extract/baseline-f1.
. "$TESTLIB/test-lib.sh"
if [ ! -d "$SHARED/corpus/extraction" ]; then
    echo "skip: no corpus at $SHARED/corpus (set SHARED)"
    exit 77
fi
base=$(cat "$SRCDIR/bench/extract/baseline-f1")
"$SRCDIR/bench/extract/quality.sh" "$HERALD" "$SHARED" --json >"$T/score" 2>"$T/err" ||
    { fail "quality.sh failed"; cat "$T/err" >&2; finish; }
f1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["f1"])' "$T/score")
echo "F1 $f1 (baseline $base)"
if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) - 0.005 else 1)' "$f1" "$base"; then
    ok
else
    fail "F1 $f1 is more than 0.005 below the baseline $base"
fi
finish
