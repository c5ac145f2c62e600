#!/usr/bin/env bash
# Global options before the command: --db PATH reaches the commands that
# use the database (read, feeds, news); an option given to the command
# itself wins; the others ignore it; bad use is a usage error.
. "$TESTLIB/test-lib.sh"

db="$T/elsewhere/my.db"
mkdir -p "$T/elsewhere"
default="$XDG_DATA_HOME/herald/herald.db"

expect_status 0 "--db before feeds add" -- "$HERALD" --db "$db" feeds add "http://127.0.0.1:9/feed.xml" --name Local
[ -f "$db" ] && ok || fail "--db did not make $db"
[ ! -e "$default" ] && ok || fail "the default database was used"
expect_status 0 "--db=PATH before feeds list" -- "$HERALD" --db="$db" feeds list
grep -q "Local" "$T/out" && ok || fail "feeds list with --db=PATH: $(cat "$T/out")"
expect_status 0 "feeds --db PATH list" -- "$HERALD" feeds --db "$db" list
grep -q "Local" "$T/out" && ok || fail "feeds --db list: $(cat "$T/out")"

# The command's own --db wins over the global one.
expect_status 0 "command --db wins" -- "$HERALD" --db "$db" feeds list --db "$T/other.db"
grep -q "no subscriptions" "$T/out" && ok || fail "the global --db won: $(cat "$T/out")"
[ -f "$T/other.db" ] && ok || fail "the command's --db was not used"

# Without --db, the default place.
expect_status 0 "no --db" -- "$HERALD" feeds list
[ -f "$default" ] && ok || fail "no database at $default"
grep -q "no subscriptions" "$T/out" && ok || fail "default database has subscriptions: $(cat "$T/out")"

# read and news take it (their --help runs after it is passed on).
for cmd in read news; do
    expect_status 0 "--db before $cmd --help" -- "$HERALD" --db "$db" "$cmd" --help
    grep -q "^usage: herald $cmd" "$T/out" && ok || fail "$cmd --help after --db"
done

# Commands that keep no data ignore it.
printf '<html lang="en"><body><article><h1>Council budget</h1><p>The council voted seven to two. Spending on schools rises next year.</p></article></body></html>\n' \
    >"$T/a.html"
expect_status 0 "--db before text" -- "$HERALD" --db "$T/unused.db" text "$T/a.html"
grep -q "Council budget" "$T/out" && ok || fail "text after --db: $(cat "$T/out")"
[ ! -e "$T/unused.db" ] && ok || fail "text made a database"

# Global help and version still work after it; usage errors.
expect_status 0 "--db then --help" -- "$HERALD" --db "$db" --help
grep -q -- "--db PATH" "$T/out" && ok || fail "--help does not describe --db"
expect_status 0 "--db then --version" -- "$HERALD" --db "$db" --version
expect_error 2 "option '--db' needs a value" "--db without a value" -- "$HERALD" --db
expect_error 2 "option '--db' needs a value" "--db= without a value" -- "$HERALD" --db= feeds list
expect_error 2 "unknown option '--frob'" "unknown global option" -- "$HERALD" --db "$db" --frob feeds list
expect_status 2 "--db without a command" -- "$HERALD" --db "$db"
grep -q "^usage: herald" "$T/err" && ok || fail "no usage after --db without a command"
expect_error 2 "unknown command 'nope'" "--db and an unknown command" -- "$HERALD" --db "$db" nope
finish
