#!/bin/sh
# smoke.sh SRCDIR FUZZ_BUILD — the fuzzers' test: build the harnesses with
# clang (in FUZZ_BUILD, incrementally after the first time), replay every
# input a fuzzer once found trouble with (regressions/NAME/), then run each
# fuzzer a few seconds (FUZZ_SMOKE_SECONDS, default 3) from a fixed seed.
# A crash, leak, sanitizer report, timeout or build failure fails it.
set -u
src=${1:?usage: smoke.sh SRCDIR FUZZ_BUILD}
build=${2:?usage: smoke.sh SRCDIR FUZZ_BUILD}
if ! command -v clang >/dev/null 2>&1; then
    echo "clang is not installed (make deps): skipped"
    exit 77
fi
mkdir -p "$build"
if ! { CC=clang cmake -S "$src" -B "$build" -DHERALD_FUZZ=ON \
           -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
       cmake --build "$build" --target fuzzers -j 2; } > "$build/build.log" 2>&1; then
    tail -30 "$build/build.log"
    echo "FAIL: the fuzzers do not build"
    exit 1
fi
status=0
for dir in "$src"/tests/fuzz/regressions/*/; do
    name=$(basename "$dir")
    set -- "$dir"*
    [ -e "$1" ] || continue
    if "$build/tests/fuzz/fuzz_$name" -timeout=10 -rss_limit_mb=1024 "$@" \
            > "$build/replay-$name.log" 2>&1; then
        echo "ok: fuzz_$name replays $# regression input(s)"
    else
        grep -m3 -E 'ERROR|runtime error|Running' "$build/replay-$name.log"
        echo "FAIL: fuzz_$name on its regression inputs"
        status=1
    fi
done
FUZZ_SEED=1 sh "$src/tests/fuzz/run.sh" "$build" "${FUZZ_SMOKE_SECONDS:-3}" || status=1
exit $status
