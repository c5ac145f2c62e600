#!/usr/bin/env bash
# herald export --shard K/N: N copies of one command split one list by a
# hash of each source, whatever its order; run all at once into one
# folder they write every source exactly once (same headlines in
# different shares do not overwrite each other), and a second run does
# nothing.  --podcast-feed with no sources writes the feed of the folder.
. "$TESTLIB/test-lib.sh"

# Usage errors.
for bad in 0/3 4/3 1/0 3 /3 1/ x/y 1/3x -1/3; do
    expect_error 2 "--shard takes K/N" "--shard $bad" -- \
        "$HERALD" export --shard "$bad" -d "$T/u" "$FIXTURES/seed.html"
done
expect_error 2 "--shard needs -d" "--shard with -o" -- \
    "$HERALD" export --shard 1/2 -o "$T/u.wav" "$FIXTURES/seed.html"
expect_error 2 "do not go together" "--shard with --podcast-feed" -- \
    "$HERALD" export --shard 1/2 -d "$T/u" --podcast-feed "$T/f.xml" \
    --base-url http://example.org "$FIXTURES/seed.html"

# Shares are disjoint, cover the list and do not depend on its order:
# sources that do not exist fail at once, each named in its share's errors.
for i in $(seq 1 60); do echo "$T/none/missing-$i.html"; done >"$T/missing"
tac "$T/missing" >"$T/missing-rev"
: >"$T/all"
for k in 1 2 3 4; do
    for list in missing missing-rev; do
        "$HERALD" export --shard "$k/4" --from-file "$T/$list" -d "$T/u" -q 2>"$T/err-$list"
        grep -o 'missing-[0-9]*\.html' "$T/err-$list" | sort -u >"$T/share-$k-$list"
    done
    cmp -s "$T/share-$k-missing" "$T/share-$k-missing-rev" && ok ||
        fail "share $k/4 depends on the order of the list"
    [ -s "$T/share-$k-missing" ] && ok || fail "share $k/4 of 60 sources is empty"
    cat "$T/share-$k-missing" >>"$T/all"
done
[ "$(sort "$T/all" | uniq -d | wc -l)" -eq 0 ] && ok || fail "a source is in two shares: $(sort "$T/all" | uniq -d | head -3)"
[ "$(sort -u "$T/all" | wc -l)" -eq 60 ] && ok || fail "shares hold $(sort -u "$T/all" | wc -l) of 60 sources"

# 24 articles, 16 of them under one headline, so that processes writing
# at once all want the same names.
mkdir "$T/src" "$T/shared"
for i in $(seq -w 1 24); do
    if [ "$i" -le 16 ]; then h="Same headline"; else h="Story number $i"; fi
    printf '<html lang="en"><body><article><h1>%s</h1><p>Article %s says something short.</p></article></body></html>\n' \
        "$h" "$i" >"$T/src/a$i.html"
    echo "$T/src/a$i.html"
done >"$T/list"

run_shards() {
    pids=()
    for k in 1 2 3 4; do
        "$HERALD" export --shard "$k/4" --from-file "$T/list" -d "$T/shared" -j 2 \
            >"$T/run$1-$k.out" 2>"$T/run$1-$k.err" &
        pids+=($!)
    done
    for k in 1 2 3 4; do
        wait "${pids[$((k - 1))]}" && ok || fail "run $1 shard $k/4 failed: $(head -3 "$T/run$1-$k.err")"
    done
}
run_shards 1
n=$(ls "$T/shared" | grep -c '\.wav$')
[ "$n" -eq 24 ] && ok || fail "expected 24 files, got $n: $(ls "$T/shared")"
[ "$(ls -A "$T/shared" | grep -vc '\.wav$')" -eq 0 ] && ok ||
    fail "left behind: $(ls -A "$T/shared" | grep -v '\.wav$')"
# Each file holds its article's id in its comment tag ("text:" and a
# hash of the text, for a local file): every source exactly once.  A
# source's id is read from the file it gives exported alone; the 24
# texts differ, so their ids do.
ids_of() { grep -a -o 'text:[0-9a-f]\{16\}' "$1" | sort -u; }
mkdir "$T/alone"
for i in $(seq -w 1 24); do
    "$HERALD" export -q -o "$T/alone/a$i.wav" "$T/src/a$i.html" ||
        fail "a$i.html does not export alone"
    ids_of "$T/alone/a$i.wav" >"$T/alone/a$i.id"
    [ "$(wc -l <"$T/alone/a$i.id")" -eq 1 ] && ok ||
        fail "a$i.wav alone holds $(wc -l <"$T/alone/a$i.id") ids"
done
[ "$(cat "$T"/alone/*.id | sort -u | wc -l)" -eq 24 ] && ok ||
    fail "24 sources have $(cat "$T"/alone/*.id | sort -u | wc -l) ids"
exported_once() {   # exported_once DIR LABEL
    for f in "$1"/*.wav; do ids_of "$f"; done >"$T/ids-found"
    for i in $(seq -w 1 24); do
        c=$(grep -c -x -F -f "$T/alone/a$i.id" "$T/ids-found")
        [ "$c" -eq 1 ] && ok || fail "$2a$i.html is in $c files"
    done
}
exported_once "$T/shared" ""
w=$(cat "$T"/run1-*.out | grep -c '^wrote ')
[ "$w" -eq 24 ] && ok || fail "the shares wrote $w files, expected 24"

# A second run does nothing: every file kept, none rewritten.
ls -l --time-style=+%s.%N "$T/shared" >"$T/before"
run_shards 2
[ "$(cat "$T"/run2-*.out | grep -c '^wrote ')" -eq 0 ] && ok ||
    fail "the second run wrote: $(cat "$T"/run2-*.out | grep '^wrote ')"
[ "$(cat "$T"/run2-*.out | grep -c '^kept ')" -eq 24 ] && ok ||
    fail "the second run kept $(cat "$T"/run2-*.out | grep -c '^kept ') of 24"
ls -l --time-style=+%s.%N "$T/shared" >"$T/after"
cmp -s "$T/before" "$T/after" && ok || fail "the second run changed the folder"

# The same whole list twice at once (a share started twice): the second
# process finds names claimed by the first, and no source is written twice.
mkdir "$T/twice"
"$HERALD" export --from-file "$T/list" -d "$T/twice" -j 2 >"$T/twice1.out" 2>"$T/twice1.err" &
p1=$!
"$HERALD" export --from-file "$T/list" -d "$T/twice" -j 2 >"$T/twice2.out" 2>"$T/twice2.err" &
p2=$!
wait $p1 && wait $p2 && ok || fail "two runs at once failed: $(head -3 "$T/twice1.err" "$T/twice2.err")"
n=$(ls -A "$T/twice" | wc -l)
[ "$n" -eq 24 ] && ok || fail "two runs at once left $n files: $(ls -A "$T/twice")"
exported_once "$T/twice" "two runs at once: "

# The last step: the feed of the finished folder, with no sources.
expect_status 0 "--podcast-feed with no sources" -- "$HERALD" export \
    --podcast-feed "$T/feed.xml" --base-url https://example.org/news -d "$T/shared"
[ "$(grep -c '<enclosure ' "$T/feed.xml")" -eq 24 ] && ok ||
    fail "the feed lists $(grep -c '<enclosure ' "$T/feed.xml") of 24 files"
expect_error 1 "cannot" "feed of a folder that is not there" -- "$HERALD" export \
    --podcast-feed "$T/feed2.xml" --base-url https://example.org -d "$T/nowhere"
finish
