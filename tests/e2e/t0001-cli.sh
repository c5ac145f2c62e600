#!/usr/bin/env bash
# The command-line contract: help, version, usage errors exit 2 with one
# line that points at --help.
. "$TESTLIB/test-lib.sh"

expect_status 0 "--help" -- "$HERALD" --help
cp "$T/out" "$T/help"
grep -q '^usage: herald COMMAND' "$T/help" || fail "--help has no usage line"
for cmd in read text export feeds news bulletin voices devices; do
    grep -q "^  $cmd " "$T/help" || fail "--help does not list '$cmd'"
    expect_status 0 "$cmd --help" -- "$HERALD" "$cmd" --help
    grep -q "^usage: herald $cmd" "$T/out" || fail "'$cmd --help' has no usage line"
done
expect_status 0 "help text" -- "$HERALD" help text
grep -q '^usage: herald text' "$T/out" || fail "'herald help text' does not show text's help"

expect_status 0 "--version" -- "$HERALD" --version
# The CMake project version, then what git describe adds in a checkout
# (-N-gHASH, -dirty).
pv=$(sed -n 's/^project(herald VERSION \([0-9.]*\).*/\1/p' "$SRCDIR/CMakeLists.txt")
grep -Eq "^herald ${pv//./\\.}([-+~][0-9A-Za-z.+~-]*)?\$" "$T/out" || fail "--version: $(cat "$T/out"), project version $pv"

expect_status 2 "no arguments" -- "$HERALD"
expect_error 2 "unknown command 'frobnicate'" "unknown command" -- "$HERALD" frobnicate
expect_error 2 "unknown option '--nope'" "unknown global option" -- "$HERALD" --nope
expect_error 2 "unknown option '--frob'" "unknown text option" -- "$HERALD" text --frob x
grep -q "^try 'herald text --help'" "$T/err" || fail "usage error does not point at 'herald text --help'"
expect_error 2 "no SOURCE" "text without a source" -- "$HERALD" text
expect_error 2 "unknown format 'yaml'" "bad format" -- "$HERALD" text --format yaml x
expect_error 2 "needs a value" "option without its value" -- "$HERALD" text x --format
expect_error 2 "no output" "export without -o" -- "$HERALD" export "$FIXTURES/seed.html"

# A closed pipe is not an error.
"$HERALD" --help | head -n 1 >/dev/null
[ "${PIPESTATUS[0]}" -eq 0 ] && ok || fail "--help into a closed pipe did not exit 0"

finish
