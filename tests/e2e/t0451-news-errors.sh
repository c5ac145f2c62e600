#!/usr/bin/env bash
# `herald news` failures, each one clear line: an empty cache (all feeds
# or one), an unknown feed, no audio output (as `herald read` says it),
# and usage errors.  None of them prints to stdout.
. "$TESTLIB/test-lib.sh"

db="$T/herald.db"
expect_error 1 "no headlines in the cache.*herald feeds add.*herald feeds update" \
    "empty cache (no database yet)" -- "$HERALD" news --db "$db" --control "$T/s"
[ ! -e "$T/s" ] && ok || fail "the control socket is left behind"
expect_error 1 "no headlines in the cache.*herald feeds add.*herald feeds update" \
    "empty cache, default database" -- "$HERALD" news --control "$T/s"

# A subscription that was never fetched.
expect_status 0 "feeds add" -- "$HERALD" feeds --db "$db" add "http://127.0.0.1:9/feed.xml" --name nowhere
expect_error 1 "no headlines from 'nowhere' in the cache.*herald feeds update" \
    "empty feed" -- "$HERALD" news --db "$db" --control "$T/s" nowhere
expect_error 1 "no headlines in the cache" \
    "subscribed, never fetched" -- "$HERALD" news --db "$db" --control "$T/s" --unread
expect_error 1 "no subscription 'elsewhere'" \
    "unknown feed" -- "$HERALD" news --db "$db" --control "$T/s" elsewhere

# A cache with an item (fetched from a local server), and no audio output.
. "$TESTLIB/httpd.sh"
mkdir -p "$T/www"
cat > "$T/www/feed.xml" <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local</title>
<item><title>Only headline</title><link>http://127.0.0.1:9/a</link><guid>a</guid></item>
</channel></rss>
XML
start_httpd "$T/www"
expect_status 0 "feeds add" -- "$HERALD" feeds --db "$db" add "$BASE/feed.xml" --name local
expect_status 0 "feeds update" -- "$HERALD" feeds --db "$db" update local
dead="unix:$T/no-such-server"
expect_error 1 "no audio output.*herald export" "no audio output" -- \
    env PULSE_SERVER="$dead" "$HERALD" news --db "$db" --control "$T/s"
[ ! -e "$T/s" ] && ok || fail "the control socket is left behind after the audio error"
expect_error 1 "no audio device 'nosuchdevice'" "unknown device" -- \
    env PULSE_SERVER="$dead" "$HERALD" news --db "$db" --control "$T/s" --device nosuchdevice

expect_error 2 "standard input is not a terminal.*--control" \
    "no terminal and no socket" -- "$HERALD" news --db "$db"
expect_error 2 "--rate takes words a minute" "bad rate" -- "$HERALD" news --rate 5 --control "$T/s"
expect_error 2 "unknown option '--bogus'" "unknown option" -- "$HERALD" news --bogus
expect_error 2 "--control needs a socket path" "empty socket path (news)" -- \
    "$HERALD" news --db "$db" --control ''
expect_error 2 "--control needs a socket path" "empty socket path (read)" -- \
    "$HERALD" read --control '' "$T/nothing.html"
expect_error 2 "one FEED at most" "two feeds" -- "$HERALD" news a b --control "$T/s"
expect_status 0 "help" -- "$HERALD" news --help
for word in --unread --db --control --device --voice --rate --quiet escape enter; do
    grep -q -- "$word" "$T/out" && ok || fail "--help does not mention $word"
done
finish
