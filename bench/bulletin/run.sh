#!/bin/sh
# run.sh HERALD [SLOTS [EVERY_S [MODE]]] — the bulletin soak (soak.py):
# SLOTS bulletins (default 500) every EVERY_S seconds (default 2), written
# with -o (MODE file, the default: synthesis and the atomic file write of
# every bulletin) or printed (MODE script), with the feed server down,
# slow and herald stopped in windows.  Needs python3.
herald=$(realpath "${1:?usage: run.sh HERALD [SLOTS [EVERY_S [MODE]]]}")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-bench-bulletin.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 "$here/soak.py" "$herald" "$tmp" "${2:-500}" "${3:-2}" "${4:-file}"
