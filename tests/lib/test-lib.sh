# test-lib.sh — sourced by tests/e2e/t*.sh.
#
# Gives each test a scratch directory ($T, removed at exit), a count of
# checks, and helpers that run the real binary and say plainly what was
# expected when a check fails.  A test ends with `finish`.
set -u

: "${HERALD:?HERALD must name the herald binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/herald-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" HOME="$T/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$HOME"
checks=0
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

ok() {
    checks=$((checks + 1))
}

# expect_status N DESCRIPTION -- COMMAND...: run COMMAND (stdout in $T/out,
# stderr in $T/err) and check its exit status.
expect_status() {
    want=$1; what=$2; shift 3
    "$@" >"$T/out" 2>"$T/err" </dev/null
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "$what: exit status $got, expected $want"
        sed 's/^/  stderr: /' "$T/err" | head -5 >&2
        return 1
    fi
    ok
}

# expect_error N PATTERN DESCRIPTION -- COMMAND...: exits N, and stderr is
# exactly one "herald: error: " line matching PATTERN (usage errors may add
# a "try 'herald ... --help'" line).
expect_error() {
    want=$1; pattern=$2; what=$3; shift 4
    expect_status "$want" "$what" -- "$@" || return 1
    first=$(head -n 1 "$T/err")
    case $first in
    "herald: error: "*) ;;
    *) fail "$what: stderr does not start with 'herald: error: ': $first"; return 1 ;;
    esac
    if ! printf '%s\n' "$first" | grep -Eq -- "$pattern"; then
        fail "$what: error '$first' does not match /$pattern/"
        return 1
    fi
    lines=$(grep -vc "^try 'herald" "$T/err")
    if [ "$lines" -ne 1 ]; then
        fail "$what: $lines lines on stderr, expected one"
        sed 's/^/  stderr: /' "$T/err" >&2
        return 1
    fi
    if [ -s "$T/out" ]; then
        fail "$what: printed to stdout on failure"
        return 1
    fi
    ok
}

finish() {
    if [ "$failures" -gt 0 ]; then
        echo "$failures of $((checks + failures)) checks failed" >&2
        exit 1
    fi
    echo "$checks checks passed"
    exit 0
}
