#!/usr/bin/env bash
# The test suite on a busy machine: `make test` ROUNDS times in a row, each
# in a fresh clone of this repository's HEAD, with one CPU-bound process a
# core running beside it at normal priority the whole time.
#
#   bench/loaded/run.sh [ROUNDS] [WORKDIR]
#
# ROUNDS defaults to 3.  HOGS=N sets how many CPU-bound processes (one a
# core unless given; 0 when the machine is kept busy otherwise).  Each clone is made at WORKDIR (default:
# herald-loaded beside this checkout, so that ../shared is found from it as
# from here) and replaced by the next.  Prints a line a round: its exit
# status, wall time and load average; the whole log of round N is
# WORKDIR.logs/N.log.  Exits 1 when any round failed.
set -u
rounds=${1:-3}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${2:-$(dirname "$src")/herald-loaded}
logs=$work.logs
if [ -e "$work" ] && [ ! -d "$work/.git" ]; then
    echo "run.sh: $work is there and is not a clone; give another WORKDIR" >&2
    exit 2
fi
mkdir -p "$logs"
hogs=()
for _ in $(seq "${HOGS:-$(nproc)}"); do
    sh -c 'while :; do :; done' &
    hogs+=($!)
done
trap '[ ${#hogs[@]} -eq 0 ] || kill "${hogs[@]}" 2>/dev/null' EXIT
echo "${HOGS:-$(nproc)} CPU-bound processes beside the suite; clones at $work, logs in $logs"
status=0
for i in $(seq "$rounds"); do
    rm -rf "$work"
    git clone -q "$src" "$work"
    start=$(date +%s)
    (cd "$work" && make test) >"$logs/$i.log" 2>&1
    rc=$?
    [ $rc -eq 0 ] || status=1
    echo "round $i: exit $rc, $(( $(date +%s) - start )) s, load average" \
         "$(cut -d' ' -f1-3 /proc/loadavg)"
done
exit $status
