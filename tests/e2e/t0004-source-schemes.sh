#!/usr/bin/env bash
# Sources are files, http(s) URLs or '-': file:, javascript:, data:, ftp:
# and every other scheme is refused by name, by every command that takes
# sources, and nothing is read or fetched.  A file whose name has a colon
# is still a file.
. "$TESTLIB/test-lib.sh"

# A local file that a file: URL would name; its words must never appear.
mkdir "$T/secret"
printf '<html><body><article><h1>Secret</h1><p>The password is swordfish.</p></article></body></html>\n' \
    >"$T/secret/page.html"

refused=("file://$T/secret/page.html" "FILE://$T/secret/page.html" "file:$T/secret/page.html"
         "javascript:alert(1)" "data:text/html,<p>swordfish</p>" "ftp://127.0.0.1/x"
         "gopher://127.0.0.1/")
msg="only http and https URLs are fetched"
: >"$T/all"
for u in "${refused[@]}"; do
    expect_error 1 "^herald: error: '.*': $msg\$" "text $u" -- "$HERALD" text "$u"
    cat "$T/out" "$T/err" >>"$T/all"
    expect_error 1 "$msg" "text --format json $u" -- "$HERALD" text --format json "$u"
    cat "$T/out" "$T/err" >>"$T/all"
    expect_error 1 "$msg" "read $u" -- "$HERALD" read "$u"
    cat "$T/out" "$T/err" >>"$T/all"
    expect_error 1 "$msg" "export -o $u" -- "$HERALD" export "$u" -o "$T/x.wav" -q
    expect_error 1 "$msg" "feeds show $u" -- "$HERALD" feeds show "$u"
    cat "$T/out" "$T/err" >>"$T/all"
    expect_error 1 "only http and https" "feeds add $u" -- "$HERALD" feeds add "$u"
done
# Only the data: URL itself may say the word, in its refusal.
grep -v "data:text/html" "$T/all" | grep -q swordfish && fail "the file behind a file: URL was read" || ok
[ ! -e "$T/x.wav" ] && ok || fail "export made a file from a refused source"

# In a batch, the refused source fails on its own; the good one is written.
printf '<html lang="en"><body><article><h1>Good news</h1><p>The council voted seven to two. Spending on schools rises next year.</p></article></body></html>\n' \
    >"$T/good.html"
mkdir "$T/dir"
printf '%s\n' "file://$T/secret/page.html" "$T/good.html" "javascript:alert(1)" >"$T/list"
expect_status 1 "export --from-file with refused sources" -- \
    "$HERALD" export --from-file "$T/list" -d "$T/dir" -q
[ "$(grep -c "$msg" "$T/err")" -eq 2 ] && ok || fail "expected two refusals: $(cat "$T/err")"
grep -q "2 of 3 sources failed" "$T/err" && ok || fail "no summary: $(cat "$T/err")"
[ "$(ls "$T/dir")" = "good-news.wav" ] && ok || fail "folder holds: $(ls -A "$T/dir")"

# Clear messages for near misses.
expect_error 1 "'http:example.org': a web address starts with http:// or https://" \
    "http: without slashes" -- "$HERALD" text "http:example.org"
expect_error 1 "'notes:gone.html': no such file, and only http and https" \
    "a missing file with a colon" -- "$HERALD" text "notes:gone.html"
expect_error 1 "cannot open 'C:gone.html'" "a drive-letter-like name is a path" -- \
    "$HERALD" text "C:gone.html"
# A name with a control character is named once, the character shown as a
# space (it was named twice: the check for it looked for the raw name).
expect_error 1 "^herald: error: cannot open '[^']*no x.html': No such file" \
    "a missing name with a control character" -- \
    "$HERALD" export "$T/no$(printf '\001')x.html" -d "$T/ctl" -q

# A file whose name looks like a URL is a file.
cp "$T/good.html" "$T/notes:today.html"
mkdir -p "$T/file:"
cp "$T/good.html" "$T/file:/page.html"
(cd "$T" && "$HERALD" text "notes:today.html") >"$T/out" 2>"$T/err" &&
    grep -q "Good news" "$T/out" && ok || fail "a file named notes:today.html: $(cat "$T/err")"
(cd "$T" && "$HERALD" text "file:/page.html") >"$T/out" 2>"$T/err" &&
    grep -q "Good news" "$T/out" && ok || fail "a file named file:/page.html: $(cat "$T/err")"
finish
