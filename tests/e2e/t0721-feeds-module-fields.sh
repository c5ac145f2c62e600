#!/usr/bin/env bash
# Fields a feed gives only through a module, or only as an id: an item's
# title from dc:title or from its media:content's media:title, a channel's
# title and description from Media RSS, and an entry's http(s) id as its
# link when it has no link (as a permalink guid already was).  The
# format's own elements still win over them.
. "$TESTLIB/test-lib.sh"
cat > "$T/f.xml" <<'XML'
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><media:title>Channel by media</media:title><media:description>About the channel</media:description>
<item><dc:title>Item by dc</dc:title></item>
<item><media:content url="http://m.example/a.mp3" type="audio/mpeg"><media:title>Item by media</media:title></media:content></item>
<item><dc:title>not this</dc:title><title>Own title</title></item>
</channel></rss>
XML
expect_status 0 "show rss" -- "$HERALD" feeds show "$T/f.xml" --format json
python3 - "$T/out" <<'PY' && ok || fail "module fields: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["title"] == "Channel by media" and d["description"] == "About the channel", d
assert [i["title"] for i in d["items"]] == ["Item by dc", "Item by media", "Own title"], d["items"]
PY
cat > "$T/a.xml" <<'XML'
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>by id</title><id>http://a.example/2026/one</id></entry>
<entry><title>tag id</title><id>tag:a.example,2026:two</id></entry>
<entry><title>own link</title><id>http://a.example/id/3</id><link href="http://a.example/2026/three"/></entry>
</feed>
XML
expect_status 0 "show atom" -- "$HERALD" feeds show "$T/a.xml" --format json
python3 - "$T/out" <<'PY' && ok || fail "links from ids: $(cat "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
assert [i["link"] for i in d["items"]] == ["http://a.example/2026/one", None, "http://a.example/2026/three"], d["items"]
PY
finish
