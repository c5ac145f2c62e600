#!/usr/bin/env bash
# `feeds update` exit status: 0 when every feed was updated, 3 when some
# were and others failed (a warning for each, the feeds that worked are
# stored), 1 only when none could be updated.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"
mkdir -p "$T/www/a" "$T/www/b" "$T/www/c"
for d in a b c; do cp "$FIXTURES/feeds/rss2.xml" "$T/www/$d/feed.xml"; done
start_httpd "$T/www"
DB="$T/feeds.db"
for d in a b c; do
    expect_status 0 "add $d" -- "$HERALD" feeds --db "$DB" add "$BASE/$d/feed.xml" --name "$d"
done

expect_status 0 "all up" -- "$HERALD" feeds --db "$DB" update

rm "$T/www/b/feed.xml"
expect_status 3 "one of three down" -- "$HERALD" feeds --db "$DB" update
grep -q "^updated 2 of 3 feeds" "$T/out" && ok || fail "partial: $(cat "$T/out")"
grep -q "^herald: warning: cannot update 'b'" "$T/err" && ok || fail "no warning for b: $(cat "$T/err")"
grep -q "^herald: warning: 1 of 3 feeds could not be updated" "$T/err" && ok || fail "no summary warning: $(cat "$T/err")"
grep -q "^herald: error" "$T/err" && fail "a partial failure printed an error line" || ok
expect_status 3 "one of three down, quiet" -- "$HERALD" feeds --db "$DB" update -q
[ -s "$T/out" ] && fail "-q printed to stdout: $(cat "$T/out")" || ok

expect_status 0 "the two that work, one by one" -- "$HERALD" feeds --db "$DB" update a
expect_status 1 "the one that is down, alone" -- "$HERALD" feeds --db "$DB" update b

kill "$HTTPD_PID"; wait "$HTTPD_PID" 2>/dev/null
expect_status 1 "all down" -- "$HERALD" feeds --db "$DB" update -q
# (the per-feed warnings come first; the last line is the error)
tail -n 1 "$T/err" | grep -q "^herald: error: none of 3 feeds" && ok || fail "all down: $(cat "$T/err")"

expect_status 0 "--help" -- "$HERALD" feeds update --help
grep -q "3 when some" "$T/out" && ok || fail "--help does not document exit status 3"
grep -q "3" "$SRCDIR/docs/herald.1" && grep -qi "partial\|some feeds" "$SRCDIR/docs/herald.1" && ok || fail "herald.1 does not document it"
finish
