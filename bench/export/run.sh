#!/bin/sh
# bench/export/run.sh HERALD [one|scale|memory] — export speed and memory against
# espeak-ng -w.  Prints a Markdown table (docs/BENCHMARKS.md, "Export");
# with a second argument, only that measurement.
herald=${1:?usage: run.sh HERALD [one|scale|memory]}
here=$(dirname "$0")
exec python3 "$here/bench.py" "$herald" "$here/../../tests/fixtures/seed.html" \
    "$here/../../../shared/corpus/extraction/html" ${2:+"$2"}
