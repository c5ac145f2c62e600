#!/usr/bin/env bash
# Retention: items a feed no longer lists leave the cache once they were
# last listed more than --keep-days (or [feeds] keep-days, default 30) days
# ago, on `feeds update` and on `feeds prune`; what the feed still lists
# stays with its read state, and an item with a resume position stays.
# Old items are made by moving their times back in the real SQLite file.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"
mkdir -p "$T/www"
DB="$T/feeds.db"

feed() {  # feed GUID...: write the served feed with these items
    {
        echo '<?xml version="1.0"?><rss version="2.0"><channel><title>Kiosk</title><link>http://kiosk.example/</link>'
        for g in "$@"; do
            echo "<item><title>Item $g</title><link>http://kiosk.example/$g</link><guid>http://kiosk.example/$g</guid></item>"
        done
        echo '</channel></rss>'
    }> "$T/www/feed.xml"
}
sql() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); c.commit(); print("\n".join(" ".join(str(x) for x in row) for row in r))' "$DB" "$1"; }
items() { sql "SELECT title FROM items ORDER BY title" | tr '\n' ',' ; }
age() {  # age DAYS TITLE...: these items were last listed DAYS days ago
    d=$1; shift
    for t in "$@"; do
        sql "UPDATE items SET first_seen = first_seen - $d*86400, last_seen = last_seen - $d*86400 WHERE title = 'Item $t'" >/dev/null
    done
}

feed a b c d
start_httpd "$T/www"
expect_status 0 "add" -- "$HERALD" feeds --db "$DB" add "$BASE/feed.xml" --name Kiosk
[ "$(items)" = "Item a,Item b,Item c,Item d," ] && ok || fail "after add: $(items)"
sql "UPDATE items SET read = 1 WHERE title IN ('Item a', 'Item b')" >/dev/null
sql "INSERT INTO positions (key, segment, sentence, char_offset, updated) VALUES ('http://kiosk.example/c', 2, 1, 100, 0)" >/dev/null

# b, c and d leave the feed; e arrives.  Long ago for b and c, 10 days for d.
feed a e
age 40 a b c
age 10 d
expect_status 0 "update" -- "$HERALD" feeds --db "$DB" update
grep -q "^Kiosk: 1 new, 1 old item dropped$" "$T/out" && ok || fail "update: $(cat "$T/out")"
# a: still listed (read, 40 days old); c: resume position; d: 10 < 30 days.
[ "$(items)" = "Item a,Item c,Item d,Item e," ] && ok || fail "after update: $(items)"
[ "$(sql "SELECT read FROM items WHERE title = 'Item a'")" = 1 ] && ok || fail "a lost its read state"

expect_status 0 "prune, 30 days" -- "$HERALD" feeds --db "$DB" prune
grep -q "^dropped 0 old items" "$T/out" && ok || fail "prune: $(cat "$T/out")"
expect_status 0 "prune --keep-days 7" -- "$HERALD" feeds --db "$DB" prune Kiosk --keep-days 7
grep -q "^dropped 1 old item " "$T/out" && ok || fail "prune 7: $(cat "$T/out")"
[ "$(items)" = "Item a,Item c,Item e," ] && ok || fail "after prune 7: $(items)"

# The listening ends: the position goes, and so does c.  config.ini sets N.
sql "DELETE FROM positions" >/dev/null
mkdir -p "$XDG_CONFIG_HOME/herald"
printf '[feeds]\nkeep-days = 50\n' > "$XDG_CONFIG_HOME/herald/config.ini"
expect_status 0 "prune, keep-days 50 in config.ini" -- "$HERALD" feeds --db "$DB" prune
[ "$(items)" = "Item a,Item c,Item e," ] && ok || fail "keep-days = 50 not honoured: $(items)"
printf '[feeds]\nkeep-days = 20\n' > "$XDG_CONFIG_HOME/herald/config.ini"
expect_status 0 "prune, keep-days 20 in config.ini" -- "$HERALD" feeds --db "$DB" prune
[ "$(items)" = "Item a,Item e," ] && ok || fail "keep-days = 20: $(items)"
[ "$(sql "SELECT count(*) FROM enclosures WHERE item_id NOT IN (SELECT id FROM items)")" = 0 ] && ok || fail "orphan enclosures"

# Even a feed that stays down never loses what it listed last.
kill "$HTTPD_PID"; wait "$HTTPD_PID" 2>/dev/null
age 400 a e
sql "UPDATE feeds SET listed = listed - 400*86400, fetched = fetched - 400*86400" >/dev/null
expect_status 1 "update, server gone" -- "$HERALD" feeds --db "$DB" update
expect_status 0 "prune --keep-days 0" -- "$HERALD" feeds --db "$DB" prune --keep-days 0
[ "$(items)" = "Item a,Item e," ] && ok || fail "a feed that is down lost items: $(items)"

# A database from before retention (schema 1) is migrated, and nothing in
# it is dropped before its feed is fetched again.
rm -f "$XDG_CONFIG_HOME/herald/config.ini"
sql "UPDATE items SET first_seen = first_seen - 400*86400, last_seen = NULL" >/dev/null
sql "ALTER TABLE items DROP COLUMN last_seen" >/dev/null
sql "ALTER TABLE feeds DROP COLUMN listed" >/dev/null
sql "PRAGMA user_version = 1" >/dev/null
expect_status 0 "prune a schema 1 database" -- "$HERALD" feeds --db "$DB" prune --keep-days 0
[ "$(sql "PRAGMA user_version")" = 2 ] && ok || fail "schema 1 not migrated"
[ "$(items)" = "Item a,Item e," ] && ok || fail "a migrated database lost items before a fetch: $(items)"

printf '[feeds]\nkeep-days = soon\n' > "$XDG_CONFIG_HOME/herald/config.ini"
expect_error 1 "bad keep-days 'soon'" "bad keep-days in config.ini" -- "$HERALD" feeds --db "$DB" prune
expect_error 2 "bad --keep-days" "negative --keep-days" -- "$HERALD" feeds --db "$DB" prune --keep-days -1
expect_status 0 "prune --help" -- "$HERALD" feeds prune --help
grep -q "keep-days" "$T/out" && ok || fail "prune --help does not explain --keep-days"
finish
