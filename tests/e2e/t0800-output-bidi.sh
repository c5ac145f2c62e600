#!/usr/bin/env bash
# Bidi controls (U+202A..U+202E, U+2066..U+2069) from a page, a feed or a
# file name never reach printed output raw, where they would reorder what
# a terminal or a braille display shows; noncharacters (&#xFFFF;, U+FDD0)
# in an author's name neither cut the byline nor show up in it.
. "$TESTLIB/test-lib.sh"

# The bidi controls as raw UTF-8 and as references.
RLO=$'\xe2\x80\xae' LRI=$'\xe2\x81\xa6' PDI=$'\xe2\x81\xa9'
has_bidi() {
    LC_ALL=C grep -q $'\xe2\x80[\xaa-\xae]\|\xe2\x81[\xa6-\xa9]' "$1"
}

cat > "$T/page.html" <<HTML
<html lang="en"><head><title>Harbour news</title>
<meta name="author" content="Jane &#xFFFF; Doe ${RLO}Smith"></head>
<body><article><h1>Bridge ${RLO}reopens&#x202D; today</h1>
<p>The old bridge &#x2067;reopened${PDI} on Monday after eight months of repairs, the council said.</p>
<p>Engineers ${LRI}replaced${PDI} the cables and repainted the whole structure this year.</p>
</article></body></html>
HTML

for fmt in plain json ssml; do
    expect_status 0 "text --format $fmt" -- "$HERALD" text --format "$fmt" "$T/page.html"
    if has_bidi "$T/out"; then fail "text --format $fmt printed bidi controls"; else ok; fi
done
expect_status 0 "text plain" -- "$HERALD" text "$T/page.html"
grep -qx "Bridge reopens today" "$T/out" || fail "headline lost words: $(head -1 "$T/out")"
grep -q "reopened on Monday" "$T/out" || fail "paragraph lost words"
# The byline is whole: &#xFFFF; in the meta author cut it at "Jane".
grep -qx "Jane Doe Smith" "$T/out" || fail "byline is not 'Jane Doe Smith': $(sed -n 2p "$T/out")"
expect_status 0 "text json" -- "$HERALD" text --format json "$T/page.html"
python3 - "$T/out" <<'PY' || fail "json byline"
import json, sys
d = json.loads(open(sys.argv[1]).readline())
assert d["byline"] == "Jane Doe Smith", d["byline"]
PY

# Noncharacters in the text of a byline element and in JSON-LD.
cat > "$T/ld.html" <<'HTML'
<html lang="en"><head><title>Library hours</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Library hours",
"author":{"name":"Ann \uFDD0Lee \uFFFE Brown"}}</script></head>
<body><article><h1>Library hours</h1>
<p>The central library will stay open until nine in the evening from next week on.</p>
</article></body></html>
HTML
expect_status 0 "text json-ld author" -- "$HERALD" text --format json "$T/ld.html"
python3 - "$T/out" <<'PY' || fail "json-ld byline"
import json, sys
d = json.loads(open(sys.argv[1]).readline())
assert d["byline"] == "Ann Lee Brown", d["byline"]
PY

# A feed: plain and JSON.
cat > "$T/feed.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Town ${RLO}Crier</title>
<item><title>Head&#x202E;line ${LRI}here${PDI}</title><link>http://news.example/1</link>
<author>Ann &#xFDD0;Lee</author><description>Sum&#x2068;mary</description></item>
</channel></rss>
XML
for fmt in plain json; do
    expect_status 0 "feeds show $fmt" -- "$HERALD" feeds show --format "$fmt" "$T/feed.xml"
    if has_bidi "$T/out"; then fail "feeds show --format $fmt printed bidi controls"; else ok; fi
    grep -q "Headline here" "$T/out" || fail "feeds show $fmt: title lost words"
    grep -q "Ann Lee" "$T/out" || fail "feeds show $fmt: author is not 'Ann Lee'"
done

# An error that names a file whose name holds them.
expect_error 1 "cannot open" "error naming a bidi file name" -- \
    "$HERALD" text "$T/no${RLO}such.html"
if has_bidi "$T/err"; then fail "the error line holds bidi controls"; else ok; fi
finish
