#!/usr/bin/env bash
# The curated lists in feeds/: well-formed OPML, every feed http(s) with a
# title and a language, no duplicates, and herald imports them all.
# (Structure only: tests never touch the internet.)
. "$TESTLIB/test-lib.sh"
n=0
for f in "$SRCDIR"/feeds/*.opml; do
    n=$((n + 1))
    python3 - "$f" <<'PY' && ok || fail "$f: structure"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "opml" and root.find("head/title").text.strip()
feeds = [o for o in root.iter("outline") if o.get("xmlUrl")]
assert len(feeds) >= 5, "too few feeds"
urls = [o.get("xmlUrl") for o in feeds]
assert len(set(urls)) == len(urls), "duplicate feeds"
for o in feeds:
    assert o.get("xmlUrl").startswith(("http://", "https://")), o.get("xmlUrl")
    assert o.get("text") and o.get("language"), o.attrib
PY
    expect_status 0 "import $f" -- "$HERALD" feeds --db "$T/c.db" import "$f"
    grep -q "refused)" "$T/out" && ! grep -q ", [1-9][0-9]* refused" "$T/out" && ok || fail "$f: $(cat "$T/out")"
done
[ "$n" -ge 2 ] && ok || fail "expected at least two curated lists"
langs=$(sqlite3 "$T/c.db" "SELECT count(DISTINCT substr(lang, 1, 2)) FROM feeds")
[ "$langs" -ge 5 ] && ok || fail "curated feeds cover only $langs languages"
finish
