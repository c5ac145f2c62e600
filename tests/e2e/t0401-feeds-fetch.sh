#!/usr/bin/env bash
# Fetching feeds from a real HTTP server on 127.0.0.1: redirects (good and
# to forbidden schemes), gzip and deflate, a slow drip, an endless body,
# wrong content types and charsets, HTTP errors.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"
mkdir -p "$T/www"
cp "$FIXTURES/feeds/rss2.xml" "$FIXTURES/feeds/atom.xml" "$T/www/"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Caf\xe9</title></channel></rss>\n' > "$T/www/latin1.xml"
start_httpd "$T/www"

title_is() {  # title_is WANT DESCRIPTION: the JSON in $T/out has that title
    if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["title"] != sys.argv[2])' "$T/out" "$1"; then
        ok
    else
        fail "$2: title is not '$1': $(head -c 200 "$T/out")"
    fi
}

expect_status 0 "plain fetch" -- "$HERALD" feeds show "$BASE/rss2.xml" --format json
title_is "Herald Test News" "plain fetch"
grep -q 'ua=herald/[0-9.]* ' "$HTTPD_LOG" || fail "User-Agent does not name herald and its version"

expect_status 0 "five redirects" -- "$HERALD" feeds show "$BASE/redirect/5/atom.xml" --format json
title_is "Atom Nachrichten" "five redirects"
expect_error 1 "more than 5 redirects" "six redirects" -- "$HERALD" feeds show "$BASE/redirect/6/atom.xml"

: > "$HTTPD_LOG"
for target in "file:///etc/passwd" "javascript:alert(1)" "data:text/xml,%3Crss/%3E" "ftp://127.0.0.1:$PORT/x"; do
    enc=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$target")
    expect_error 1 "not http or https" "redirect to $target" -- "$HERALD" feeds show "$BASE/to?url=$enc"
done

expect_status 0 "gzip" -- "$HERALD" feeds show "$BASE/gzip/rss2.xml" --format json
title_is "Herald Test News" "gzip"
grep -q 'accept-encoding=.*gzip' "$HTTPD_LOG" || fail "gzip not offered"
expect_status 0 "deflate" -- "$HERALD" feeds show "$BASE/deflate/atom.xml" --format json
title_is "Atom Nachrichten" "deflate"

expect_status 0 "wrong content type" -- "$HERALD" feeds show "$BASE/type/text%2Fhtml/rss2.xml" --format json
title_is "Herald Test News" "wrong content type"
expect_status 0 "charset from HTTP" -- "$HERALD" feeds show "$BASE/charset/iso-8859-1/latin1.xml" --format json
title_is "Café" "charset from HTTP"
expect_status 0 "wrong charset from HTTP, right in the document" -- \
    "$HERALD" feeds show "$BASE/charset/iso-8859-1/atom.xml" --format json
title_is "Atom Nachrichten" "wrong charset"

expect_error 1 "HTTP status 404" "404" -- "$HERALD" feeds show "$BASE/status/404"
expect_error 1 "HTTP status 500" "500" -- "$HERALD" feeds show "$BASE/status/500"

start=$(date +%s)
expect_error 1 "larger than the limit of 1 MB" "endless body" -- \
    "$HERALD" feeds show "$BASE/endless" --max-size 1
expect_error 1 "timed out|too slow" "slow drip" -- \
    "$HERALD" feeds show "$BASE/slow" --timeout 3
took=$(( $(date +%s) - start ))
[ "$took" -le 20 ] && ok || fail "endless body and slow drip took ${took}s"

expect_error 1 "cannot fetch" "nothing listening" -- "$HERALD" feeds show "http://127.0.0.1:9/feed"
finish
