#!/usr/bin/env bash
# Hostile XML: external entities naming a local file and a loopback port,
# billion laughs, one big entity named in every item, deep nesting, and
# shapes that made the entity repair quadratic.  Nothing leaks, nothing
# connects, memory and time stay small.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"
mkdir -p "$T/www"
start_httpd "$T/www"
echo "TOP-SECRET-$$" > "$T/secret.txt"
sed "s|@SECRET@|$T/secret.txt|g" "$FIXTURES/feeds/hostile-xxe-file.xml" > "$T/xxe-file.xml"
sed "s|@PORT@|$PORT|g" "$FIXTURES/feeds/hostile-xxe-port.xml" > "$T/xxe-port.xml"
cp "$T/xxe-file.xml" "$T/xxe-port.xml" "$T/www/"

for f in "$T/xxe-file.xml" "$T/xxe-port.xml" "$BASE/xxe-file.xml"; do
    "$HERALD" feeds show "$f" --format json > "$T/out" 2>"$T/err"
    if grep -q "TOP-SECRET" "$T/out" "$T/err"; then fail "$f leaked the file"; else ok; fi
    "$HERALD" feeds show "$f" > "$T/out" 2>"$T/err"
    if grep -q "TOP-SECRET" "$T/out" "$T/err"; then fail "$f leaked the file (plain)"; else ok; fi
done
# The only connections are herald's own fetch of xxe-file.xml above.
: > "$HTTPD_LOG"
"$HERALD" feeds show "$T/xxe-port.xml" --format json >/dev/null 2>&1
"$HERALD" feeds show "$T/xxe-port.xml" >/dev/null 2>&1
sleep 0.5
if [ -s "$HTTPD_LOG" ]; then
    fail "parsing made connections: $(head -3 "$HTTPD_LOG")"
else
    ok
fi

# Billion laughs: bounded time and memory, small output.
start=$(date +%s)
"$HERALD" feeds show "$FIXTURES/feeds/hostile-laughs.xml" --format json >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -le 1 ] && ok || fail "billion laughs: exit $rc"
[ "$(wc -c < "$T/out")" -lt 10000000 ] && ok || fail "billion laughs: huge output"
[ $(( $(date +%s) - start )) -le 10 ] && ok || fail "billion laughs: too slow"

# limit CMD...: at most 10 s of CPU.
limit() { ( ulimit -t 10; "$@" ); }

# One flat 100 KB entity named once in each of 3,000 items (libxml2 checks
# only nested amplification): what expansion adds in all is capped.
python3 -c 'import sys
t = "word " * 20000
sys.stdout.write("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY e \"" + t + "\">]><rss version=\"2.0\"><channel><title>t</title>" +
    "".join("<item><title>i%d</title><description>&e;</description></item>" % i for i in range(3000)) +
    "</channel></rss>")' > "$T/flat-entity.xml"
limit "$HERALD" feeds show "$T/flat-entity.xml" --format json >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] && ok || fail "flat entity in every item: exit $rc"
size=$(wc -c < "$T/out")
[ "$size" -lt 20000000 ] && ok || fail "flat entity in every item: $size bytes of output from a 300 KB feed"
grep -q '"title":"i2999"' "$T/out" && ok || fail "flat entity in every item: items lost"

# Many HTML entity names the DOCTYPE does not declare, after a large
# internal subset; and a '&' after a million tags.
python3 -c 'import sys
sys.stdout.write("<!DOCTYPE rss [<!ENTITY x \"" + "y" * 128000 + "\">]><rss version=\"2.0\"><channel><title>" +
    "&Mu;" * 32000 + "</title></channel></rss>")' > "$T/undeclared.xml"
limit "$HERALD" feeds show "$T/undeclared.xml" --format json >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q "ΜΜΜΜ" "$T/out" && ok || fail "undeclared HTML entities after a big DOCTYPE: exit $rc"
python3 -c 'import sys
sys.stdout.write("<rss version=\"2.0\"><channel><title>t &amp; u</title>" + "<a/>" * 1000000 + "&amp;</channel></rss>")' > "$T/late-amp.xml"
limit "$HERALD" feeds show "$T/late-amp.xml" --format json >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q '"title":"t & u"' "$T/out" && ok || fail "a '&' after a million tags: exit $rc"

# Deep nesting: refused or parsed, never a crash.
python3 -c 'import sys; d=100000; sys.stdout.write("<rss><channel><title>deep</title><item><title>"+"<b>"*d+"x"+"</b>"*d+"</title></item></channel></rss>")' > "$T/deep.xml"
"$HERALD" feeds show "$T/deep.xml" --format json >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -le 1 ] && ok || fail "deep nesting: exit $rc"
# An item with an <id>, a permalink <guid> and no <link>: the link comes
# from the guid, which must still be there when it is read (the id keeps
# the first of the two and frees the other).
printf '%s' '<rss version="2.0"><channel><title>c</title><item><title>x</title><id>tag:one</id><guid>https://example.org/a/1</guid></item></channel></rss>' > "$T/guid-id.xml"
"$HERALD" feeds show "$T/guid-id.xml" --format json >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] && grep -q '"id":"tag:one"' "$T/out" && grep -q '"link":"https://example.org/a/1"' "$T/out" \
    && ok || fail "id + permalink guid, no link: exit $rc: $(head -c 300 "$T/out" "$T/err")"
finish
