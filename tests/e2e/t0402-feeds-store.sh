#!/usr/bin/env bash
# Subscriptions and the cache: add/list/remove, OPML import/export round
# trip, update with conditional GET and deduplication, --db, and a kill -9
# in the middle of an update leaving a sound database.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"
mkdir -p "$T/www"
cp "$FIXTURES/feeds/rss2.xml" "$FIXTURES/feeds/atom.xml" "$T/www/"
start_httpd "$T/www"
DB="$XDG_DATA_HOME/herald/herald.db"

expect_status 0 "add" -- "$HERALD" feeds add "$BASE/cond/rss2.xml" --name Test
[ -f "$DB" ] && ok || fail "no database at \$XDG_DATA_HOME/herald/herald.db"
grep -q "Herald Test News, 2 items" "$T/out" || fail "add does not say what it fetched: $(cat "$T/out")"
expect_status 0 "add again" -- "$HERALD" feeds add "$BASE/cond/rss2.xml"
grep -q "already subscribed" "$T/out" || fail "second add not reported as known"
expect_error 1 "only http and https" "add file:" -- "$HERALD" feeds add "file:///etc/passwd"
expect_status 0 "add atom" -- "$HERALD" feeds add "$BASE/atom.xml"

: > "$HTTPD_LOG"
expect_status 0 "first update" -- "$HERALD" feeds update
grep -q "updated 2 of 2 feeds" "$T/out" || fail "first update: $(cat "$T/out")"
# add fetched it once and kept the items and validators: nothing new now.
grep -q "^Test: not modified" "$T/out" || fail "first update after add was not a 304"
expect_status 0 "second update" -- "$HERALD" feeds update Test
grep -q "Test: not modified" "$T/out" || fail "no 304 on the second update"
grep -q 'if-none-match="' "$HTTPD_LOG" || fail "no If-None-Match sent"
expect_status 0 "third update (atom, no validators)" -- "$HERALD" feeds update "$BASE/atom.xml"
grep -q ": 0 new" "$T/out" || fail "items were not deduplicated: $(cat "$T/out")"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM items')" = 3 ] && ok || fail "expected 3 cached items"

expect_status 0 "list" -- "$HERALD" feeds list
grep -q "2 unread of 2, fetched just now" "$T/out" || fail "list: $(cat "$T/out")"
expect_status 0 "show from cache" -- "$HERALD" feeds show Test --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["items"]) == 2 and d["title"] == "Herald Test News", d' "$T/out" && ok || fail "cache show"

# Offline: the server is gone, the cache still answers.
OLD=$BASE
kill "$HTTPD_PID"; wait "$HTTPD_PID" 2>/dev/null
expect_status 0 "show from cache offline" -- "$HERALD" feeds show Test
grep -q "from the cache, fetched" "$T/out" || fail "offline show does not say how old the news is"
expect_status 1 "update offline" -- "$HERALD" feeds update
grep -q "cannot update" "$T/err" || fail "offline update does not say what failed"
expect_status 0 "list after failed update" -- "$HERALD" feeds list
grep -q "last update failed" "$T/out" || fail "list does not show the failure"
start_httpd "$T/www"

# OPML: nested folders become categories, duplicates merge, bad schemes refused.
expect_status 0 "import" -- "$HERALD" feeds --db "$T/o.db" import "$FIXTURES/feeds/nested.opml"
grep -q "imported 3 feeds (0 already subscribed, 3 refused)" "$T/out" || fail "import: $(cat "$T/out")"
[ "$(grep -c "skipping" "$T/err")" = 3 ] && ok || fail "refused schemes not reported"
[ "$(sqlite3 "$T/o.db" "SELECT category FROM feeds WHERE url='http://one.example/feed'")" = "News/Europe" ] \
    && ok || fail "nested outline category"
expect_status 0 "export" -- "$HERALD" feeds export --db "$T/o.db"
cp "$T/out" "$T/export.opml"
xmllint --noout "$T/export.opml" && ok || fail "export is not well-formed XML"
python3 - "$T/export.opml" <<'PY' || fail "export structure"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "opml" and root.get("version") == "2.0"
feeds = [o for o in root.iter("outline") if o.get("xmlUrl")]
assert len(feeds) == 3, len(feeds)
for o in feeds:
    assert o.get("type") == "rss" and o.get("text"), o.attrib
news = [o for o in root.find("body") if o.get("text") == "News"][0]
europe = [o for o in news if o.get("text") == "Europe"][0]
assert europe[0].get("xmlUrl") == "http://one.example/feed" and europe[0].get("language") == "fr"
PY
expect_status 0 "re-import the export" -- "$HERALD" feeds --db "$T/o2.db" import "$T/export.opml"
[ "$(sqlite3 "$T/o.db" 'SELECT url, category, lang FROM feeds ORDER BY url')" = \
  "$(sqlite3 "$T/o2.db" 'SELECT url, category, lang FROM feeds ORDER BY url')" ] && ok || fail "round trip differs"
expect_status 0 "import again" -- "$HERALD" feeds --db "$T/o2.db" import "$T/export.opml"
grep -q "imported 0 feeds (3 already" "$T/out" || fail "duplicates not merged"

# A folder with a 100,000-character name holding 2,000 feeds: every feed
# keeps a cut copy of the name, not the whole of it (that was 200 MB).
python3 -c 'import sys
sys.stdout.write("<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"" + "c" * 100000 + "\">" +
    "".join("<outline text=\"f\" xmlUrl=\"http://a.example/%d\"/>" % i for i in range(2000)) + "</outline></body></opml>")' > "$T/bigfolder.opml"
expect_status 0 "import a folder with a huge name" -- "$HERALD" feeds --db "$T/o3.db" import "$T/bigfolder.opml"
grep -q "imported 2000 feeds" "$T/out" && ok || fail "huge folder name: $(cat "$T/out")"
size=$(cat "$T"/o3.db* | wc -c)
[ "$size" -lt 20000000 ] && ok || fail "huge folder name: the database is $size bytes"

expect_status 0 "remove by name" -- "$HERALD" feeds remove Test
expect_status 0 "remove by URL" -- "$HERALD" feeds remove "$OLD/atom.xml"
expect_error 1 "no subscription" "remove unknown" -- "$HERALD" feeds remove Test

# kill -9 during an update of many feeds: the database stays sound.
# (imported: add would fetch each one first)
python3 -c 'import sys
print("<opml version=\"2.0\"><body>" + "".join("<outline text=\"f\" xmlUrl=\"%s/sleep/0.2/rss2.xml?%d\"/>" % (sys.argv[1], i)
      for i in range(1, 61)) + "</body></opml>")' "$BASE" > "$T/many.opml"
"$HERALD" feeds import "$T/many.opml" >/dev/null
for round in 1 2 3; do
    "$HERALD" feeds update >/dev/null 2>&1 &
    pid=$!
    sleep 0.$((3 + round * 2))
    kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] && ok || fail "integrity_check after kill -9 (round $round)"
done
[ "$(sqlite3 "$DB" 'PRAGMA journal_mode')" = wal ] && ok || fail "not in WAL mode"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" -ge 1 ] && ok || fail "no schema version"
expect_status 0 "update after the kills" -- "$HERALD" feeds update

printf 'not a database at all, just some text that is long enough....' > "$T/bad.db"
expect_error 1 "not a (herald )?database" "not a database" -- "$HERALD" feeds --db "$T/bad.db" list
finish
