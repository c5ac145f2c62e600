#!/usr/bin/env bash
# A podcast feed a podcast app takes, that tells nothing of this machine:
# no item's <guid> and no file's comment tag holds the source's absolute
# path (they held it: a privacy leak, and not stable across machines);
# the id is the article's URL, or a hash of its text, the same from any
# folder; the channel is named by --title or config.ini's [podcast], not
# after the folder ("mp3"); feedparser finds the iTunes fields podcast
# apps need; xmllint finds the XML well-formed.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"
command -v xmllint >/dev/null || { fail "xmllint is not installed (libxml2-utils)"; finish; }
command -v exiftool >/dev/null || { fail "exiftool is not installed (libimage-exiftool-perl)"; finish; }
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$py" -c 'import feedparser' 2>/dev/null || { fail "feedparser is not installed (python3-feedparser)"; finish; }

page() {
    printf '<html lang="en"><head><title>%s</title></head><body><article>\n<h1>%s</h1>\n<p>%s</p>\n</article></body></html>\n' \
        "$2" "$2" "$3" >"$1"
}
mkdir -p "$T/home/private/drafts" "$T/www"
page "$T/home/private/drafts/local.html" 'Harbour reopens after repairs' \
    'The harbour opened again this morning after two months of repairs. Ferries will run on the usual timetable from Monday.'
page "$T/www/web.html" 'Council approves new bus routes' \
    'The council approved three new bus routes last night. The first buses will run in the spring.'
# A saved page that names its own URL: that is its id wherever it lies.
printf '<html lang="en"><head><title>Bridge opens</title><link rel="stylesheet" href="s.css"><link rel="canonical" href="https://news.example.org/2024/bridge-opens"></head><body><article>\n<h1>Bridge opens</h1>\n<p>The new bridge opened to traffic this morning. Cyclists have a lane of their own on it.</p>\n</article></body></html>\n' \
    >"$T/home/private/drafts/saved.html"
start_httpd "$T/www"

mkdir -p "$XDG_CONFIG_HOME/herald"
cat >"$XDG_CONFIG_HOME/herald/config.ini" <<'EOF'
[keys]
toggle = space
[podcast]
title = The Morning Bulletin
description = The day's news, read aloud.
author = Harbour Town Radio
language = en-GB
image = https://example.org/cover.jpg
category = News
explicit = no
EOF

out="$T/mp3"
expect_status 0 "export with a feed" -- "$HERALD" export \
    "$T/home/private/drafts/local.html" "$BASE/web.html" "$T/home/private/drafts/saved.html" \
    -d "$out" --format mp3 -q \
    --podcast-feed "$out/feed.xml" --base-url https://example.org/pod/
feed="$out/feed.xml"

# Nothing of this machine's paths, in the feed or in the files' tags.
grep -q "$T" "$feed" && fail "the feed holds a local path: $(grep "$T" "$feed" | head -3)" || ok
grep -q "private/drafts" "$feed" && fail "the feed names the source's folder" || ok
exiftool -j -Comment "$out"/*.mp3 >"$T/tags.json"
grep '"Comment"' "$T/tags.json" | grep -q "$T\|private/drafts" && fail "a comment tag holds a local path: $(cat "$T/tags.json")" || ok
grep -q "\"Comment\": \"$BASE/web.html\"" "$T/tags.json" && ok ||
    fail "the web article's comment is not its URL: $(cat "$T/tags.json")"

xmllint --noout "$feed" 2>"$T/xmllint" && ok || fail "xmllint: $(cat "$T/xmllint")"

cat >"$T/check.py" <<'EOF'
import sys
import feedparser

feed_path, web_url, title = sys.argv[1:4]
d = feedparser.parse(feed_path)
problems = []
def check(cond, what):
    if not cond:
        problems.append(what)

check(not d.bozo, "feedparser: not well-formed: %r" % d.get("bozo_exception"))
f = d.feed
check(f.get("title") == title, "channel title %r, expected %r" % (f.get("title"), title))
check(f.get("subtitle") == "The day's news, read aloud.", "description %r" % f.get("subtitle"))
check(f.get("language") == "en-GB", "language %r" % f.get("language"))
check(f.get("author") == "Harbour Town Radio", "itunes:author %r" % f.get("author"))
check((f.get("image") or {}).get("href") == "https://example.org/cover.jpg",
      "itunes:image %r" % f.get("image"))
check("News" in [t.get("term") for t in f.get("tags", [])], "itunes:category %r" % f.get("tags"))
# Apple's values are true and false; feedparser knows only "yes" as explicit.
check(f.get("itunes_explicit") is not True, "itunes:explicit %r" % f.get("itunes_explicit"))
import xml.etree.ElementTree as ET
ch = ET.parse(feed_path).getroot().find("channel")
check(ch.findtext("{http://www.itunes.com/dtds/podcast-1.0.dtd}explicit") == "false",
      "itunes:explicit is not 'false'")
check(len(d.entries) == 3, "%d items, expected 3" % len(d.entries))
ids = set()
for e in d.entries:
    check(e.get("title"), "an item without a title")
    check(e.get("id") and e.id not in ids, "missing or repeated guid %r" % e.get("id"))
    ids.add(e.get("id"))
    check(e.get("published_parsed"), "%r: no pubDate" % e.get("title"))
    check(e.get("itunes_duration", "").count(":") == 2, "%r: itunes:duration %r" % (e.get("title"), e.get("itunes_duration")))
    enc = e.get("enclosures") or []
    check(len(enc) == 1 and enc[0].get("type") == "audio/mpeg" and int(enc[0].get("length", 0)) > 1000
          and enc[0].get("href", "").startswith("https://example.org/pod/"),
          "%r: enclosure %r" % (e.get("title"), enc))
    if e.get("title") == "Council approves new bus routes":
        check(e.get("id") == web_url, "web item's guid %r, expected its URL" % e.get("id"))
        check(e.get("link") == web_url, "web item's link %r" % e.get("link"))
    elif e.get("title") == "Bridge opens":
        want = "https://news.example.org/2024/bridge-opens"
        check(e.get("id") == want and e.get("link") == want,
              "saved page's guid and link %r, %r: expected its canonical URL" % (e.get("id"), e.get("link")))
    else:
        check(e.get("id", "").startswith("text:"), "local item's guid %r, expected a hash" % e.get("id"))
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
"$py" "$T/check.py" "$feed" "$BASE/web.html" "The Morning Bulletin" >"$T/check.out" 2>&1 && ok ||
    fail "the feed does not check out: $(cat "$T/check.out")"
local_guid=$(grep -o 'text:[0-9a-f]*' "$feed" | head -n 1)

# The same page from another folder (another machine) gets the same id.
mkdir -p "$T/elsewhere"
cp "$T/home/private/drafts/local.html" "$T/elsewhere/copy.html"
expect_status 0 "export from elsewhere" -- "$HERALD" export "$T/elsewhere/copy.html" \
    -d "$T/other" --format ogg -q --podcast-feed "$T/other/feed.xml" \
    --base-url https://example.org/other/ --title 'Another Name'
grep -q "<guid isPermaLink=\"false\">$local_guid</guid>" "$T/other/feed.xml" && ok ||
    fail "the same page from another folder has another guid (want $local_guid): $(grep guid "$T/other/feed.xml")"
# --title wins over the config.
"$py" "$T/check.py" "$T/other/feed.xml" x 'Another Name' 2>&1 | grep -q "channel title" &&
    fail "--title is not the channel's title: $(grep -m1 '<title>' "$T/other/feed.xml")" || ok

# Without config or --title the channel is not named after the folder.
rm "$XDG_CONFIG_HOME/herald/config.ini"
expect_status 0 "feed without a title" -- "$HERALD" export "$T/elsewhere/copy.html" \
    -d "$T/other" --format ogg -q --podcast-feed "$T/other/feed.xml" \
    --base-url https://example.org/other/
grep -q "<title>other</title>" "$T/other/feed.xml" && fail "the channel is named after the folder" || ok

# A bad [podcast] line is one error naming it; --title without a feed is
# a usage error.
printf '[podcast]\nexplicit = maybe\n' >"$XDG_CONFIG_HOME/herald/config.ini"
expect_error 1 "config.ini: line 2: explicit takes yes or no" "bad explicit" -- \
    "$HERALD" export "$T/elsewhere/copy.html" -d "$T/other" -q \
    --podcast-feed "$T/other/feed.xml" --base-url https://example.org/other/
expect_error 2 "--title is for --podcast-feed" "--title alone" -- \
    "$HERALD" export "$T/elsewhere/copy.html" -d "$T/other" -q --title X
finish
