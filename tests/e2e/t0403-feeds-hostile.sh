#!/usr/bin/env bash
# Hostile XML: external entities naming a local file and a loopback port,
# billion laughs, deep nesting.  Nothing leaks, nothing connects, memory
# and time stay small.
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

# Deep nesting: refused or parsed, never a crash.
python3 -c 'import sys; d=100000; sys.stdout.write("<rss><channel><title>deep</title><item><title>"+"<b>"*d+"x"+"</b>"*d+"</title></item></channel></rss>")' > "$T/deep.xml"
"$HERALD" feeds show "$T/deep.xml" --format json >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -le 1 ] && ok || fail "deep nesting: exit $rc"
finish
