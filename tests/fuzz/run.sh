#!/bin/sh
# run.sh — run the libFuzzer harnesses one after another.
#
#   sh tests/fuzz/run.sh FUZZ_BUILD SECONDS [NAME...]
#
# Each fuzzer (all of them, or the NAMEs) runs SECONDS seconds at the
# lowest priority, on one core, from its seeds (seeds.sh) and the corpus it
# grew before (FUZZ_BUILD/fuzz-work/corpus/NAME, kept between runs).  A
# crash leaves its input in FUZZ_BUILD/fuzz-work/crashes/ and makes the
# exit status 1.  One line a fuzzer: executions, edges (cov), findings.
# FUZZ_SEED=N makes a run repeatable (the smoke test uses it); FUZZ_NICE=N
# sets the priority (19, the lowest, unless given); FUZZ_LEN=N caps inputs at
# N bytes instead of the harness's own cap (seeds.sh): shorter inputs run
# faster, and what is longer in the corpus is read cut to N.
set -u
build=${1:?usage: run.sh FUZZ_BUILD SECONDS [NAME...]}
seconds=${2:?usage: run.sh FUZZ_BUILD SECONDS [NAME...]}
shift 2
SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$SRCDIR/../shared}
. "$SRCDIR/tests/fuzz/seeds.sh"
work=$build/fuzz-work
mkdir -p "$work/crashes"
if [ $# -eq 0 ]; then
    set -- $(sed -n 's/^herald_fuzzer(\([a-z_]*\).*/\1/p' "$SRCDIR/tests/fuzz/CMakeLists.txt")
fi
status=0
for name in "$@"; do
    bin=$build/tests/fuzz/fuzz_$name
    if [ ! -x "$bin" ]; then
        echo "fuzz_$name: not built (make fuzz)" >&2
        status=1
        continue
    fi
    rm -rf "$work/seeds/$name"
    fuzz_seeds "$name" "$work/seeds/$name"
    mkdir -p "$work/corpus/$name"
    log=$work/$name.log
    # -rss_limit_mb: a run of herald may use a few hundred MB on a big
    # page; more is a finding.  -timeout: one input taking 10 s is one.
    nice -n "${FUZZ_NICE:-19}" "$bin" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=1024 -max_len="${FUZZ_LEN:-$FUZZ_MAX_LEN}" -print_final_stats=1 \
        ${FUZZ_DICT:+-dict="$FUZZ_DICT"} ${FUZZ_SEED:+-seed="$FUZZ_SEED"} \
        -artifact_prefix="$work/crashes/$name-" \
        "$work/corpus/$name" "$work/seeds/$name" > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    if [ $rc -ne 0 ]; then
        status=1
        echo "fuzz_$name: FINDING (exit $rc) after ${execs:-?} executions; see $log"
        grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' "$log"
        ls -t "$work"/crashes/"$name"-* 2>/dev/null | head -1
    else
        echo "fuzz_$name: ${execs:-?} executions, ${cov:-?} edges, no finding"
    fi
done
exit $status
