#!/usr/bin/env bash
# export's lists and URLs: a second --from-file is a usage error (it used
# to replace the first without a word); blanks at the end of a list line
# are not part of the path; --base-url without a host is refused.
. "$TESTLIB/test-lib.sh"

cat > "$T/short.html" <<'HTML'
<html lang="en"><head><title>Short</title></head><body><article>
<h1>Short note</h1><p>The ferry runs again from Monday morning.</p></article></body></html>
HTML
printf '%s\n' "$T/short.html" > "$T/a.txt"
printf '%s\n' "$T/short.html" > "$T/b.txt"

expect_error 2 "--from-file is given twice" "two lists" -- \
    "$HERALD" export --from-file "$T/a.txt" --from-file "$T/b.txt" -d "$T/outdir"
[ ! -e "$T/outdir" ] || fail "a refused run made its output folder"

# Trailing blanks (and a CR) after the path, leading blanks before it.
printf '%s   \n\t%s\t \r\n' "$T/short.html" "$T/short.html" > "$T/list.txt"
expect_status 0 "list with trailing blanks" -- \
    "$HERALD" export --quiet --from-file "$T/list.txt" -o "$T/short.wav"
[ -s "$T/short.wav" ] || fail "no audio from a list with trailing blanks"
if [ -s "$T/err" ]; then fail "stderr: $(head -2 "$T/err")"; else ok; fi

for url in "http://" "https://" "http:///feed" "https://:8080/x" "http://user@/x"; do
    expect_error 2 "names no host" "--base-url '$url'" -- \
        "$HERALD" export -d "$T/dir" --podcast-feed "$T/feed.xml" \
        --base-url "$url" "$T/short.html"
done
finish
