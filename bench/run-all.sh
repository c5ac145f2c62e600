#!/bin/sh
# run-all.sh HERALD — run every benchmark under bench/ that has a run.sh,
# each printing its own table (see docs/BENCHMARKS.md).
herald=${1:?usage: run-all.sh HERALD}
here=$(dirname "$0")
status=0
for b in "$here"/*/run.sh; do
    [ -f "$b" ] || continue
    echo "== $(basename "$(dirname "$b")")"
    sh "$b" "$herald" || status=1
done
exit $status
