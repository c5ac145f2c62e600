#!/usr/bin/env bash
# The seed page: a news page with its furniture (skip links, breaking-news
# banner, menus, share buttons, ad slot, newsletter box, related stories,
# comments, footer, cookie notice, scripts) must read as exactly the seed
# article.
#
# Comparison: the seed ($SHARED/seed/article.txt) separates segments by
# blank lines and starts with two lines of page furniture ("Accessibility
# links", "Breaking News") that herald must drop.  The plain writer prints
# one segment a line.  So the expected output is the seed without blank
# lines and then without its first two lines, each line ending in a newline; it is
# kept beside the page as seed.expected and checked against the shared seed
# when that is present.  `diff` must find no difference at all.
. "$TESTLIB/test-lib.sh"

expected=$FIXTURES/seed.expected
if [ -f "$SHARED/seed/article.txt" ]; then
    grep -v '^$' "$SHARED/seed/article.txt" | tail -n +3 >"$T/seed"
    if diff -u "$T/seed" "$expected" >"$T/d"; then ok; else
        fail "seed.expected differs from the shared seed"; cat "$T/d" >&2
    fi
fi

expect_status 0 "text seed.html" -- "$HERALD" text "$FIXTURES/seed.html"
if diff -u "$expected" "$T/out" >"$T/d"; then ok; else
    fail "herald text seed.html differs from the seed"; cat "$T/d" >&2
fi

# The roles: headline, caption, paragraphs, and the credit last.
expect_status 0 "text --format json seed.html" -- \
    "$HERALD" text --format json "$FIXTURES/seed.html"
roles=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
r=[s["role"] for s in d["segments"]]
print(r[0], r[1], r[-1], len(set(r[2:-1])), r[2])
print(d["title"]); print(d["lang"]); print(d["published"]); print(d["site"])' "$T/out")
want_roles="headline caption credit 1 paragraph
Kremlin Says CIA Helped Russia Thwart Terrorist Attacks In St. Petersburg
en
2017-12-17T18:03:41Z
RadioFreeEurope/RadioLiberty"
if [ "$roles" = "$want_roles" ]; then ok; else
    fail "roles and metadata: got '$roles', expected '$want_roles'"
fi

# --body-only: the paragraphs only.
expect_status 0 "text --body-only seed.html" -- \
    "$HERALD" text --body-only "$FIXTURES/seed.html"
sed -n '3,$p' "$expected" | sed '$d' >"$T/body"
if diff -u "$T/body" "$T/out" >"$T/d"; then ok; else
    fail "--body-only differs"; cat "$T/d" >&2
fi

# A named pipe whose writer comes after herald opened it (as a shell's
# process substitution or a download into a FIFO does) is read to its end,
# not taken for an empty page.
mkfifo "$T/pipe"
(sleep 0.5; cat "$FIXTURES/seed.html" >"$T/pipe") &
expect_status 0 "text from a named pipe" -- "$HERALD" text "$T/pipe"
wait
if diff -u "$expected" "$T/out" >"$T/d"; then ok; else
    fail "herald text on a named pipe differs from the seed"; cat "$T/d" >&2
fi
finish
