#!/usr/bin/env bash
# Bad input: one line "herald: error: ..." naming the problem, exit 1,
# no crash, nothing printed to stdout, no partial output file.
. "$TESTLIB/test-lib.sh"

expect_error 1 "'$T/missing.html'.*No such file" "missing file" -- \
    "$HERALD" text "$T/missing.html"
expect_error 1 "is a directory" "a directory" -- "$HERALD" text "$T"
: > "$T/empty.html"
expect_error 1 "'$T/empty.html' is empty" "empty file" -- "$HERALD" text "$T/empty.html"
echo '<html><body><p>x</p></body></html>' > "$T/unreadable.html"
chmod 000 "$T/unreadable.html"
if [ "$(id -u)" -eq 0 ]; then
    # root reads anything; make the file unreadable another way.
    if command -v setpriv >/dev/null 2>&1; then
        expect_error 1 "Permission denied" "unreadable file" -- \
            setpriv --reuid=65534 --regid=65534 --clear-groups "$HERALD" text "$T/unreadable.html"
    fi
else
    expect_error 1 "Permission denied" "unreadable file" -- "$HERALD" text "$T/unreadable.html"
fi
head -c 65536 /dev/urandom > "$T/garbage.html"
expect_status 1 "binary garbage" -- "$HERALD" text "$T/garbage.html"
grep -q '^herald: error: ' "$T/err" || fail "binary garbage: no error line"
printf '<html><head><title>Nothing</title></head><body><nav><a href="/">Home</a></nav></body></html>' > "$T/nothing.html"
expect_error 1 "no article text|nothing to|no text" "page with no article text" -- \
    "$HERALD" text "$T/nothing.html"
expect_error 1 "'-' is empty|standard input.*empty|is empty" "empty stdin" -- "$HERALD" text -

# export: nothing under the final name when the source is bad.
expect_status 1 "export of a missing file" -- "$HERALD" export "$T/missing.html" -o "$T/out.wav"
[ -e "$T/out.wav" ] && fail "export of a missing file left $T/out.wav"
ls -a "$T" | grep -q '\.part$' && fail "export left a temporary file"
ok

finish
