#!/usr/bin/env bash
# herald feeds show: files and stdin, json and plain, what is refused.
. "$TESTLIB/test-lib.sh"
F="$FIXTURES/feeds"

expect_status 0 "show rss2 json" -- "$HERALD" feeds show "$F/rss2.xml" --format json
python3 - "$T/out" <<'PY' || fail "rss2 json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["title", "link", "description", "lang", "updated", "items"], list(d)
assert d["title"] == "Herald Test News" and d["lang"] == "en-gb", d
assert d["updated"] == "2004-01-01T12:00:00Z", d["updated"]
i = d["items"][0]
assert list(i) == ["id", "title", "link", "author", "published", "updated", "summary", "enclosures"], list(i)
assert i["title"] == "Storm & floods in the north", i["title"]
assert i["link"] == "http://news.example/story/1", i["link"]
assert i["id"] == "story-1" and i["author"] == "A. Reporter"
# no update time of its own: updated when it was published
assert i["published"] == "2004-01-01T10:00:00Z" and i["updated"] == i["published"], i
assert i["summary"] == "Rivers rose overnight.", i["summary"]
assert i["enclosures"] == [{"url": "http://news.example/audio/1.mp3", "type": "audio/mpeg", "length": 12345}]
assert "\x1b" not in d["items"][1]["title"] and "\x07" not in d["items"][1]["title"]
PY

expect_status 0 "show atom from stdin" -- sh -c "'$HERALD' feeds show - --format json < '$F/atom.xml'"
python3 - "$T/out" <<'PY' || fail "atom json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["title"] == "Atom Nachrichten" and d["lang"] == "de", d
assert d["link"] == "http://atom.example/blog/", d["link"]
assert d["updated"] == "2005-07-31T10:29:29Z", d["updated"]
i = d["items"][0]
assert i["title"] == "Erste Meldung" and i["link"] == "http://atom.example/blog/2005/07/erste", i
assert i["author"] == "Redaktion" and i["summary"] == "Kurz gesagt."
PY

# Plain output: untrusted text never reaches the terminal raw.
expect_status 0 "show plain" -- "$HERALD" feeds show "$F/rss2.xml"
grep -q "Storm & floods in the north" "$T/out" || fail "plain output lacks the headline"
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$T/out"; then
    fail "control characters reached standard output"
else
    ok
fi

# A feed in Latin-1 that does not say so is still read.
expect_status 0 "undeclared latin-1" -- "$HERALD" feeds show "$F/latin1-undeclared.xml" --format json
grep -q '"title":"Caf' "$T/out" || fail "latin-1 title lost"

# Refusals and errors.
for u in "file:///etc/passwd" "javascript:alert(1)" "data:text/xml,<rss/>" "ftp://example.com/feed"; do
    expect_error 1 "refusing|only http and https" "scheme of '$u'" -- "$HERALD" feeds show "$u"
done
expect_error 1 "not an RSS or Atom feed" "not a feed" -- "$HERALD" feeds show "$FIXTURES/feeds/README.md"
expect_error 2 "unknown format" "bad format" -- "$HERALD" feeds show "$F/rss2.xml" --format xml
expect_error 2 "one SOURCE" "no source" -- "$HERALD" feeds show
expect_error 2 "unknown command" "bad subcommand" -- "$HERALD" feeds frobnicate
expect_status 0 "feeds --help" -- "$HERALD" feeds --help
grep -q "import FILE.opml" "$T/out" || fail "feeds --help lacks import"
finish
