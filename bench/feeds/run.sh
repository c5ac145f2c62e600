#!/bin/sh
# run.sh HERALD — feed benchmarks: conformance, updating the curated lists
# from a local server, and peak memory on a 50 MB feed.  Needs python3 and
# GNU time (/usr/bin/time) for the memory figure.
herald=$(realpath "${1:?usage: run.sh HERALD}")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
shared=${SHARED:-$top/../shared}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-bench-feeds.XXXXXX")
trap 'kill $srv 2>/dev/null; rm -rf "$tmp"' EXIT
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY

# 1. Conformance on the corpus, herald and then the Universal Feed Parser
#    (python3-feedparser) on the same cases, read into the same JSON.
if [ -f "$shared/bench/score-feeds.py" ]; then
    python3 "$shared/bench/score-feeds.py" "$herald" | tail -1
    if python3 -c 'import feedparser' 2>/dev/null; then
        printf 'Universal Feed Parser %s: ' "$(python3 -c 'import feedparser; print(feedparser.__version__)')"
        python3 "$shared/bench/score-feeds.py" --cmd "python3 $here/ufp-json.py {file}" | tail -1
    fi
fi

# 2. Update every feed of feeds/*.opml, served as local copies of a
#    realistic 60-item feed (one copy per subscription) by tests/lib/httpd.py.
mkdir -p "$tmp/www"
python3 "$here/make-feed.py" --items 60 > "$tmp/www/feed.xml"
python3 "$top/tests/lib/httpd.py" --root "$tmp/www" --port-file "$tmp/port" &
srv=$!
while [ ! -s "$tmp/port" ]; do sleep 0.05; done
port=$(cat "$tmp/port")
for f in "$top"/feeds/*.opml; do
    # Every xmlUrl becomes http://127.0.0.1:PORT/sleep/0.05/cond/feed.xml?ORIGINAL
    python3 - "$f" "$port" > "$tmp/$(basename "$f")" <<'PY'
import sys, urllib.parse, xml.etree.ElementTree as ET
tree = ET.parse(sys.argv[1])
for o in tree.iter("outline"):
    if o.get("xmlUrl"):
        o.set("xmlUrl", "http://127.0.0.1:%s/sleep/0.05/cond/feed.xml?%s" % (
            sys.argv[2], urllib.parse.quote(o.get("xmlUrl"), safe="")))
sys.stdout.write(ET.tostring(tree.getroot(), encoding="unicode"))
PY
    "$herald" feeds --db "$tmp/bench.db" import "$tmp/$(basename "$f")" >/dev/null
done
n=$(sqlite3 "$tmp/bench.db" 'SELECT count(*) FROM feeds' 2>/dev/null || echo "?")
start=$(date +%s.%N)
"$herald" feeds --db "$tmp/bench.db" update -q
end=$(date +%s.%N)
echo "update, $n curated feeds (60 items each, 50 ms server latency): $(echo "$end - $start" | bc) s first run"
start=$(date +%s.%N)
"$herald" feeds --db "$tmp/bench.db" update -q
end=$(date +%s.%N)
echo "update again (all 304 Not Modified): $(echo "$end - $start" | bc) s"

# 3. Peak memory parsing a 50 MB feed.
python3 "$here/make-feed.py" --bytes 52428800 > "$tmp/big.xml"
size=$(wc -c < "$tmp/big.xml")
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M %e" -o "$tmp/time" "$herald" feeds show "$tmp/big.xml" --format json > "$tmp/big.json"
    read -r kb secs < "$tmp/time"
    echo "feeds show on a $((size / 1048576)) MB feed ($(grep -o '"id"' "$tmp/big.json" | wc -l) items): peak RSS $((kb / 1024)) MB, $secs s"
else
    echo "(no /usr/bin/time: peak RSS not measured)"
fi
