#!/usr/bin/env bash
# Score herald's metadata on Mozilla Readability's test pages.
#   bench/extract/metadata.sh HERALD [SHARED] [--per-page]
set -eu
herald=${1:?usage: metadata.sh HERALD [SHARED] [--per-page]}
shared=${2:-${SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/../shared}}
shift $(( $# >= 2 ? 2 : 1 ))
pages=$shared/corpus/readability-pages
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for d in "$pages"/*/; do
    name=$(basename "$d")
    [ -f "$d/source.html" ] || continue
    "$herald" text --format json "$d/source.html" >"$out/$name.json" 2>/dev/null ||
        rm -f "$out/$name.json"
done
python3 "$shared/bench/score-metadata.py" --pred "$out" --expected "$pages" "$@"
