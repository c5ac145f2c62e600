#!/usr/bin/env bash
# `herald bulletin --once --script` over three feeds served on 127.0.0.1:
# the newest headlines across feeds, newest first; a story two feeds carry
# (other punctuation, other case) said once with both sources named; items
# older than --max-age left out; --headlines, --feed and --summaries; a
# feed that cannot be fetched read from the cache with one log line; no
# news at all said as such; feeds too slow to answer do not make a
# scheduled bulletin late; bad options are usage errors.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"

mkdir -p "$T/www"
start_httpd "$T/www"
# Dates relative to now, as RFC 822 in UTC.
ago() { date -u -R -d "@$(( $(date +%s) - $1 * 60 ))"; }
cat > "$T/www/crier.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Town Crier</title><link>$BASE/</link>
<language>en</language>
<item><title>Harbour bridge reopens after repairs</title><guid>c1</guid>
<pubDate>$(ago 10)</pubDate><description>The bridge is open again.</description></item>
<item><title>Storm hits the coast, dozens evacuated</title><guid>c2</guid>
<pubDate>$(ago 30)</pubDate><description>Winds of 120 km/h.</description></item>
<item><title>Library extends opening hours</title><guid>c3</guid>
<pubDate>$(ago 50)</pubDate></item>
<item><title>Old news about the town fair</title><guid>c4</guid>
<pubDate>$(ago 3000)</pubDate></item>
</channel></rss>
XML
cat > "$T/www/post.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Daily Post</title><link>$BASE/</link>
<language>en</language>
<item><title>STORM HITS THE COAST: DOZENS EVACUATED</title><guid>p1</guid>
<pubDate>$(ago 20)</pubDate></item>
<item><title>Council votes on the budget</title><guid>p2</guid>
<pubDate>$(ago 40)</pubDate></item>
</channel></rss>
XML
cat > "$T/www/bote.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Der Bote</title><link>$BASE/</link>
<language>de</language>
<item><title>Neue Straßenbahn fährt ab Montag</title><guid>b1</guid>
<pubDate>$(ago 5)</pubDate></item>
</channel></rss>
XML

db="$T/herald.db"
for f in crier post bote; do
    expect_status 0 "feeds add $f" -- "$HERALD" feeds --db "$db" add "$BASE/$f.xml"
done

# The whole bulletin: intro, five newest (the storm once, from two feeds),
# outro; the feeds are fetched first (nothing was cached before).
expect_status 0 "bulletin --once --script" -- \
    "$HERALD" bulletin --db "$db" --once --script
cat > "$T/want" <<'TXT'
Neue Straßenbahn fährt ab Montag
Der Bote.
Harbour bridge reopens after repairs
Town Crier.
STORM HITS THE COAST: DOZENS EVACUATED
Daily Post and Town Crier.
Council votes on the budget
Daily Post.
Library extends opening hours
Town Crier.
TXT
sed '1d;$d' "$T/out" > "$T/middle"
if diff -u "$T/want" "$T/middle" >"$T/diff"; then ok; else
    fail "the bulletin's headlines are not right"; cat "$T/diff" >&2; fi
if head -n 1 "$T/out" | grep -Eq "^It is [0-9]+( o'clock|:[0-9][0-9])\. Here is the news\.$"
then ok; else fail "no intro with the time: $(head -n 1 "$T/out")"; fi
if tail -n 1 "$T/out" | grep -Eq "^That was the news at [0-9]+(:[0-9][0-9])?\.$"
then ok; else fail "no outro: $(tail -n 1 "$T/out")"; fi
grep -q "Old news" "$T/out" && fail "an item older than --max-age was read" || ok

# Fewer headlines, one feed, with summaries; from the cache only.
expect_status 0 "--headlines 2 --feed --summaries" -- \
    "$HERALD" bulletin --db "$db" --script --no-refresh --headlines 2 \
        --feed "Town Crier" --summaries
printf '%s\n' "Harbour bridge reopens after repairs" "Town Crier." \
    "The bridge is open again." "Storm hits the coast, dozens evacuated" \
    "Town Crier." "Winds of 120 km/h." > "$T/want"
sed '1d;$d' "$T/out" > "$T/middle"
if diff -u "$T/want" "$T/middle" >"$T/diff"; then ok; else
    fail "--headlines/--feed/--summaries not right"; cat "$T/diff" >&2; fi

# --max-age 15m keeps only the two newest.
expect_status 0 "--max-age 15m" -- \
    "$HERALD" bulletin --db "$db" --script --no-refresh --max-age 15m
[ "$(sed '1d;$d' "$T/out" | wc -l)" -eq 4 ] && ok || fail "--max-age 15m: $(cat "$T/out")"

# A feed that cannot be fetched: its cached items, and one log line.
rm "$T/www/post.xml"
expect_status 0 "a feed gone" -- "$HERALD" bulletin --db "$db" --script
grep -q "Council votes on the budget" "$T/out" && ok || fail "the cached item of the gone feed is missing"
[ "$(grep -c "feed 'Daily Post' cannot be fetched" "$T/err")" -eq 1 ] && ok ||
    fail "no one line about the feed that failed: $(cat "$T/err")"

# Nothing within --max-age: a sentence saying so, not silence.
expect_status 0 "no news" -- "$HERALD" bulletin --db "$db" --script --no-refresh --max-age 1s
grep -qx "No news is available at the moment." "$T/out" && ok || fail "no 'no news' sentence: $(cat "$T/out")"

# --lang: the intro, outro and "no news" in that language, the headlines
# still in their feeds' own; a language herald has no words for is said
# in English; a tag that is not one is a usage error.
expect_status 0 "--lang de" -- "$HERALD" bulletin --db "$db" --script --no-refresh --lang de
head -n 1 "$T/out" | grep -Eq "^Es ist [0-9]+:[0-9][0-9]\. Hier sind die Nachrichten\.$" && ok ||
    fail "--lang de: intro $(head -n 1 "$T/out")"
tail -n 1 "$T/out" | grep -Eq "^Das waren die Nachrichten von [0-9]+:[0-9][0-9]\.$" && ok ||
    fail "--lang de: outro $(tail -n 1 "$T/out")"
grep -qx "Harbour bridge reopens after repairs" "$T/out" && ok || fail "--lang de changed a headline"
expect_status 0 "--lang de, no news" -- \
    "$HERALD" bulletin --db "$db" --script --no-refresh --lang de --max-age 1s
grep -qx "Im Moment sind keine Nachrichten verfügbar." "$T/out" && ok ||
    fail "--lang de: no 'no news' in German: $(cat "$T/out")"
expect_status 0 "--lang pt" -- "$HERALD" bulletin --db "$db" --script --no-refresh --lang pt
head -n 1 "$T/out" | grep -q "^It is " && ok || fail "--lang pt: not English: $(head -n 1 "$T/out")"
expect_error 2 "lang" "--lang with a bad tag" -- "$HERALD" bulletin --db "$db" --script --lang 'x y'

# Feeds that hold every request for 30 s, more of them than herald fetches
# from one host at once: the fetch gives up before the slot, the cache is
# read, and every bulletin starts on its slot.
db2="$T/slow.db"
for i in 1 2 3 4 5; do
    expect_status 0 "feeds add slow $i" -- "$HERALD" feeds --db "$db2" add "$BASE/sleep/30/crier.xml?$i"
done
cat > "$T/slow.py" <<'PY'
import signal, subprocess, sys, time
herald, db = sys.argv[1:3]
p = subprocess.Popen([herald, "bulletin", "--db", db, "--every", "3s", "--script"],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.PIPE, text=True)
late, n, end = [], 0, time.monotonic() + 20
for line in p.stderr:
    print(line.rstrip())
    if ": no news" in line:
        hms = line.split()[2].rstrip(":")
        lt = time.localtime()
        h, m, s = (int(x) for x in hms.split(":"))
        slot = time.mktime((lt.tm_year, lt.tm_mon, lt.tm_mday, h, m, s, 0, 0, -1))
        late.append(time.time() - slot)
        n += 1
    if n == 3 or time.monotonic() > end:
        break
p.send_signal(signal.SIGTERM)
rc = p.wait(timeout=5)
print("start delays:", [round(x, 2) for x in late], "exit", rc)
sys.exit(0 if n == 3 and all(x < 1.0 for x in late[1:]) and rc == 0 else 1)
PY
python3 "$T/slow.py" "$HERALD" "$db2" >"$T/slow.log" 2>&1 && ok ||
    { fail "slow feeds make the bulletin late"; cat "$T/slow.log" >&2; }
grep -q "before the bulletin's deadline" "$T/slow.log" && ok ||
    fail "no line says a feed did not answer in time"

expect_error 2 "--headlines takes" "--headlines 0" -- "$HERALD" bulletin --db "$db" --headlines 0
expect_error 2 "--every takes" "--every 5x" -- "$HERALD" bulletin --db "$db" --every 5x
expect_error 2 "not both" "--every and --at" -- "$HERALD" bulletin --db "$db" --every 1m --at 07:00
expect_error 2 "--at takes" "--at 25:00" -- "$HERALD" bulletin --db "$db" --at 25:00
expect_error 1 "." "unknown --feed" -- "$HERALD" bulletin --db "$db" --script --feed nosuch
finish
