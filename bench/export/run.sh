#!/bin/sh
# bench/export/run.sh HERALD — export speed and memory against espeak-ng -w.
# Prints a Markdown table (docs/BENCHMARKS.md, "Export").
herald=${1:?usage: run.sh HERALD}
here=$(dirname "$0")
exec python3 "$here/bench.py" "$herald" "$here/../../tests/fixtures/seed.html" \
    "$here/../../../shared/corpus/extraction/html"
