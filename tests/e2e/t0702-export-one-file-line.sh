#!/usr/bin/env bash
# Several sources into one file (-o) name that file once: "wrote two.ogg"
# came once a source, as if two files had been written.  Kept the same.
. "$TESTLIB/test-lib.sh"

page() {
    printf '<html lang="en"><head><title>%s</title></head><body><article>\n<h1>%s</h1>\n<p>%s</p>\n</article></body></html>\n' \
        "$2" "$2" "$3" >"$1"
}
page "$T/a.html" 'Snow closes the mountain pass' \
    'Heavy snow closed the mountain pass on Tuesday. Drivers were told to wait in the valley.'
page "$T/b.html" 'Museum opens a new wing' \
    'The city museum opened a new wing on Wednesday. Entry is free for the first month.'

# Not a terminal: a plain line a file.
expect_status 0 "two into one" -- "$HERALD" export "$T/a.html" "$T/b.html" -o "$T/two.ogg"
[ "$(grep -c '^wrote .*two\.ogg' "$T/out")" = 1 ] && ok ||
    fail "expected one 'wrote two.ogg' line: $(cat "$T/out")"
grep -q '^2 written, 0 kept, 0 failed' "$T/out" && ok || fail "no summary of the two sources: $(cat "$T/out")"

expect_status 0 "two into one, kept" -- "$HERALD" export "$T/a.html" "$T/b.html" -o "$T/two.ogg"
[ "$(grep -c '^kept .*two\.ogg' "$T/out")" = 1 ] && ok ||
    fail "expected one 'kept two.ogg' line: $(cat "$T/out")"

# -d still names every file.
expect_status 0 "two into a folder" -- "$HERALD" export "$T/a.html" "$T/b.html" -d "$T/dir"
[ "$(grep -c '^wrote ' "$T/out")" = 2 ] && ok || fail "expected two 'wrote' lines: $(cat "$T/out")"
finish
