#!/usr/bin/env bash
# Score herald's article bodies on the extraction corpus.
#
#   bench/extract/quality.sh HERALD [SHARED] [--per-doc]
#
# Unpacks $SHARED/corpus/extraction/html/*.html.gz, runs `herald text
# --body-only --format plain` on each page and scores the ID.txt outputs
# with $SHARED/bench/score-extraction.py (F1 over 4-gram shingles, exact
# match).  Prints the scorer's report; the outputs stay in $OUT if set.
set -eu
herald=${1:?usage: quality.sh HERALD [SHARED] [--per-doc]}
shared=${2:-${SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/../shared}}
shift $(( $# >= 2 ? 2 : 1 ))
corpus=$shared/corpus/extraction
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${OUT:-$work/pred}
mkdir -p "$work/html" "$out"
for f in "$corpus"/html/*.html.gz; do
    id=$(basename "$f" .html.gz)
    gzip -dc "$f" >"$work/html/$id.html"
done
for f in "$work"/html/*.html; do
    id=$(basename "$f" .html)
    "$herald" text --body-only --format plain "$f" >"$out/$id.txt" 2>/dev/null || true
done
python3 "$shared/bench/score-extraction.py" --truth "$corpus/truth.json" \
    --pred "$out" "$@"
