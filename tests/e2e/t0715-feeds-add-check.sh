#!/usr/bin/env bash
# `feeds add` fetches the feed once: a 404, a server error or a web page
# that is not a feed is refused with one error line and not subscribed; a
# server that cannot be reached is a warning and the feed is kept; a good
# feed is subscribed with its items cached at once.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"
mkdir -p "$T/www"
cp "$FIXTURES/feeds/rss2.xml" "$T/www/"
printf '<!DOCTYPE html>\n<html><head><title>A page</title></head><body><p>Not a feed.</p></body></html>\n' > "$T/www/page.html"
start_httpd "$T/www"
DB="$T/feeds.db"

subscribed() {  # subscribed URL: 0 when the database has URL
    [ "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM feeds WHERE url=?", (sys.argv[2],)).fetchone()[0])' "$DB" "$1")" = 1 ]
}

expect_error 1 "not subscribed: .*HTTP status 404" "add a 404" -- \
    "$HERALD" feeds --db "$DB" add "$BASE/missing.xml"
subscribed "$BASE/missing.xml" && fail "a 404 was subscribed" || ok
expect_error 1 "not subscribed: .*HTTP status 500" "add a 500" -- \
    "$HERALD" feeds --db "$DB" add "$BASE/status/500"
subscribed "$BASE/status/500" && fail "a 500 was subscribed" || ok
expect_error 1 "not subscribed: .*not an RSS or Atom feed" "add a web page" -- \
    "$HERALD" feeds --db "$DB" add "$BASE/page.html"
subscribed "$BASE/page.html" && fail "a web page was subscribed" || ok

# Nothing listens on port 9 of 127.0.0.1: unreachable, not wrong.
expect_status 0 "add an unreachable feed" -- "$HERALD" feeds --db "$DB" add "http://127.0.0.1:9/feed.xml"
grep -q "^herald: warning: .*subscribed anyway" "$T/err" && ok || fail "no warning for an unreachable feed: $(cat "$T/err")"
[ "$(wc -l < "$T/err")" -eq 1 ] && ok || fail "more than one warning line: $(cat "$T/err")"
subscribed "http://127.0.0.1:9/feed.xml" && ok || fail "an unreachable feed was not kept"

expect_status 0 "add a feed" -- "$HERALD" feeds --db "$DB" add "$BASE/rss2.xml" --name News
grep -q "^subscribed to $BASE/rss2.xml: Herald Test News, 2 items$" "$T/out" && ok || fail "add: $(cat "$T/out")"
[ -s "$T/err" ] && fail "a good feed warned: $(cat "$T/err")" || ok
expect_status 0 "show the cache" -- "$HERALD" feeds --db "$DB" show News --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["items"]) == 2, d' "$T/out" \
    && ok || fail "the items fetched by add were not cached"
finish
