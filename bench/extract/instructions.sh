#!/usr/bin/env bash
# Extraction cost counted in instructions, which a loaded machine does not
# disturb (wall time on a shared machine swings too much to compare two
# builds): valgrind's callgrind on herald (`herald text --body-only
# --format json` over the 91 pages of corpus/extraction in one process)
# and on the floor (bench/extract/floor.c: a bare libxml2 parse and walk of
# the same pages).
#
#   bench/extract/instructions.sh HERALD [SHARED] [OUTDIR]
#
# Prints both totals and herald's multiple of the floor; with OUTDIR, keeps
# the callgrind files there for callgrind_annotate.
set -eu
herald=$(realpath "${1:?usage: instructions.sh HERALD [SHARED] [OUTDIR]}")
shared=${2:-${SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/../shared}}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${3:-$work}
mkdir -p "$out" "$work/html"
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind" >&2; exit 1; }
for f in "$shared"/corpus/extraction/html/*.html.gz; do
    gzip -dc "$f" >"$work/html/$(basename "$f" .gz)"
done
cc -O2 "$here/floor.c" $(pkg-config --cflags --libs libxml-2.0) -o "$work/floor"
count() {   # count NAME COMMAND...: total instructions
    local name=$1; shift
    valgrind --tool=callgrind --callgrind-out-file="$out/$name.callgrind" \
        "$@" >/dev/null 2>"$work/$name.log"
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/$name.log"
}
h=$(count herald "$herald" text --body-only --format json "$work"/html/*.html)
f=$(count floor "$work/floor" "$work"/html/*.html)
n=$(ls "$work"/html/*.html | wc -l)
awk -v h="$h" -v f="$f" -v n="$n" 'BEGIN {
    printf "%d pages: herald %.3f G instructions, floor %.3f G; herald %.2fx the floor\n",
        n, h / 1e9, f / 1e9, h / f }'
