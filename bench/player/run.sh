#!/bin/sh
# run.sh HERALD — the player's benchmark (see bench.py and docs/BENCHMARKS.md).
# Starts a private sound server with a 22050 Hz mono null sink, runs
# bench.py against it with the seed page, stops the server.  Everything
# runs at nice -5 where that is allowed (the machine is shared; the busy
# loop of the load test stays at nice 0).  TRIALS=N sets the trials.
herald=${1:?usage: run.sh HERALD}
here=$(cd "$(dirname "$0")" && pwd)
nice=""
if nice -n -5 true 2>/dev/null; then
    nice="nice -n -5"
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/herald-bench-pulse.XXXXXX")
$nice sh "$here/../../tests/lib/soundserver.sh" start "$dir" || exit 1
trap 'sh "$here/../../tests/lib/soundserver.sh" stop "$dir"; rm -rf "$dir"' EXIT
PULSE_SERVER="unix:$dir/native" $nice python3 "$here/bench.py" "$herald" \
    "$here/../../tests/fixtures/seed.html" "${TRIALS:-20}"
