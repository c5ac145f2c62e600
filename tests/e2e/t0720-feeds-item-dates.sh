#!/usr/bin/env bash
# An item's update time: its own (atom:updated, dc:date, dcterms:modified,
# lastBuildDate; the last one given wins), else its publication time, as
# for the feed itself: an RSS item with only a pubDate was last updated
# when it was published.
. "$TESTLIB/test-lib.sh"
cat > "$T/f.xml" <<'XML'
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Dates</title><pubDate>Sat, 03 Jan 2004 10:00:00 GMT</pubDate>
<item><title>only pubDate</title><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item>
<item><title>pubDate and dc:date</title><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><dc:date>2004-01-02T08:00:00Z</dc:date></item>
<item><title>lastBuildDate</title><lastBuildDate>Fri, 02 Jan 2004 09:00:00 GMT</lastBuildDate></item>
<item><title>no date</title></item>
</channel></rss>
XML
expect_status 0 "show" -- "$HERALD" feeds show "$T/f.xml" --format json
python3 - "$T/out" <<'PY' && ok || fail "item dates: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
got = [(i["published"], i["updated"]) for i in d["items"]]
want = [("2004-01-01T19:48:21Z", "2004-01-01T19:48:21Z"),
        ("2004-01-01T19:48:21Z", "2004-01-02T08:00:00Z"),
        (None, "2004-01-02T09:00:00Z"),
        (None, None)]
assert got == want, got
assert d["updated"] == "2004-01-03T10:00:00Z", d["updated"]
PY
finish
