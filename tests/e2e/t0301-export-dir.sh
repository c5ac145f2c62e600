#!/usr/bin/env bash
# herald export -d: one file per source named from the headline, safe
# names, numbered collisions, failures that do not stop the others,
# resumable runs, --from-file, and the same files whatever -j is.
. "$TESTLIB/test-lib.sh"

# article FILE HEADLINE BODY
article() {
    printf '<html lang="en"><body><article>\n<h1>%s</h1>\n<p>%s</p>\n</article></body></html>\n' \
        "$2" "$3" >"$1"
}
article "$T/a.html" "Council approves the new budget" "The council voted seven to two. Spending on schools rises."
article "$T/b.html" "Same headline" "This is the first article with this headline."
article "$T/c.html" "Same headline" "This is the second one, with different words."
article "$T/d.html" "../../../etc/passwd/..\\evil" "Nothing here may leave the folder."
article "$T/e.html" "Weather: sunny & warm" "Expect highs of twenty five degrees."
srcs=("$T/a.html" "$T/b.html" "$T/missing.html" "$T/c.html" "$T/d.html" "$T/e.html")

mkdir "$T/out1" "$T/out2"
expect_status 1 "a failing source among good ones" -- \
    "$HERALD" export "${srcs[@]}" -d "$T/out1" -j 1
grep -c '^herald: error: ' "$T/err" | grep -qx 2 && ok || fail "expected the failure and a summary: $(cat "$T/err")"
grep -q "missing.html" "$T/err" && ok || fail "the failure does not name the source"
grep -q '^herald: error: 1 of 6 sources failed' "$T/err" && ok || fail "no summary line"
grep -c '^wrote ' "$T/out" | grep -qx 5 && ok || fail "expected five 'wrote' lines: $(cat "$T/out")"

for f in council-approves-the-new-budget same-headline same-headline-2 \
         etc-passwd-evil weather-sunny-warm; do
    [ -s "$T/out1/$f.wav" ] && ok || fail "no $f.wav in: $(ls "$T/out1")"
done
[ "$(ls -A "$T/out1" | wc -l)" -eq 5 ] && ok || fail "unexpected files: $(ls -A "$T/out1")"
[ ! -e "$T/etc" ] && [ ! -e /etc/passwd.wav ] && ok || fail "a file escaped the folder"

# -j 2 makes the same files, byte for byte.
expect_status 1 "-j 2" -- "$HERALD" export "${srcs[@]}" -d "$T/out2" -j 2 -q
[ ! -s "$T/out" ] && ok || fail "--quiet printed: $(cat "$T/out")"
for f in "$T"/out1/*; do
    cmp -s "$f" "$T/out2/$(basename "$f")" && ok || fail "$(basename "$f") differs between -j 1 and -j 2"
done
# The second 'Same headline' is the second source with it, whatever -j.
cmp -s "$T/out1/same-headline-2.wav" "$T/out2/same-headline-2.wav" && ok ||
    fail "collision numbering depends on -j"

# Resumable: a second run keeps what is there.
expect_status 1 "resume" -- "$HERALD" export "${srcs[@]}" -d "$T/out1"
grep -c '^kept ' "$T/out" | grep -qx 5 && ok || fail "expected five 'kept' lines: $(cat "$T/out")"
# A new source with a taken headline gets the next number, not the old file.
article "$T/f.html" "Same headline" "A third article with the same headline."
expect_status 0 "a third same headline" -- "$HERALD" export "$T/f.html" -d "$T/out1" -q
[ -s "$T/out1/same-headline-3.wav" ] && ok || fail "third same headline: $(ls "$T/out1")"
cmp -s "$T/out1/same-headline.wav" "$T/out2/same-headline.wav" && ok ||
    fail "an earlier file was overwritten"

# --from-file, from a file and from stdin, with comments and blank lines.
printf '# a list\n%s\n\n%s\n' "$T/a.html" "$T/e.html" >"$T/list"
mkdir "$T/out3" "$T/out4"
expect_status 0 "--from-file LIST" -- "$HERALD" export --from-file "$T/list" -d "$T/out3" -q
[ "$(ls "$T/out3" | wc -l)" -eq 2 ] && ok || fail "--from-file made: $(ls "$T/out3")"
printf '%s\n' "$T/a.html" "$T/e.html" |
    "$HERALD" export --from-file - -d "$T/out4" -q && ok || fail "--from-file - failed"
[ "$(ls "$T/out4" | wc -l)" -eq 2 ] && ok || fail "--from-file - made: $(ls "$T/out4")"
cmp -s "$T/out3/weather-sunny-warm.wav" "$T/out1/weather-sunny-warm.wav" && ok ||
    fail "the same article exported twice differs"
# A list that is not one (/dev/zero; a line with a NUL byte; an endless
# line on stdin) is given up at once, with an error naming the line, in
# bounded memory; what came before it is done.  (AddressSanitizer reserves
# terabytes of address space: a sanitizer build gets the time limit only.)
vlimit=1500000
if ldd "$HERALD" 2>/dev/null | grep -q libasan; then vlimit=unlimited; fi
( ulimit -t 20 -v "$vlimit"; "$HERALD" export --from-file /dev/zero -d "$T/out6" -q ) 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "line 1 of '/dev/zero' .*not a list of sources" "$T/err" && ok ||
    fail "--from-file /dev/zero: exit $rc, $(head -2 "$T/err")"
printf '%s\nbad\000line\n%s\n' "$T/a.html" "$T/e.html" >"$T/nul-list"
expect_status 1 "a list with a NUL byte" -- "$HERALD" export --from-file "$T/nul-list" -d "$T/out6" -q
grep -q "line 2 of .*holds a NUL byte" "$T/err" && ok || fail "NUL line: $(head -2 "$T/err")"
[ "$(ls "$T/out6" | wc -l)" -eq 1 ] && ok || fail "before the NUL line: $(ls "$T/out6")"
( ulimit -t 20 -v "$vlimit"; head -c 50000000 /dev/zero | tr '\0' x |
    "$HERALD" export --from-file - -d "$T/out7" -q ) 2>"$T/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "line 1 of '-' is longer than" "$T/err" && ok ||
    fail "an endless line on stdin: exit $rc, $(head -2 "$T/err")"

# A headline of 3,000 characters and a source path of over 2,000: the
# tags are cut so that libsndfile reads them back, and the next run knows
# the file as its own (it made -2, -3 ... copies).
long="$T/$(python3 -c 'print("/".join(["d" * 200] * 11))')"
mkdir -p "$long"
python3 -c 'print("<html><body><article><h1>" + "Council news " * 230 + "</h1><p>The council met and decided to build a new library next spring.</p></article></body></html>")' >"$long/l.html"
expect_status 0 "export with a long headline" -- "$HERALD" export "$long/l.html" -d "$T/out8" -q
expect_status 0 "the same again" -- "$HERALD" export "$long/l.html" -d "$T/out8"
grep -q "^kept" "$T/out" && [ "$(ls "$T/out8" | wc -l)" -eq 1 ] && ok ||
    fail "long headline: not kept on the second run: $(ls "$T/out8")"

# Under xargs, a batch at a time.
mkdir "$T/out5"
printf '%s\n' "$T/a.html" "$T/b.html" "$T/e.html" |
    xargs -n 2 "$HERALD" export -q -d "$T/out5" && ok || fail "under xargs"
[ "$(ls "$T/out5" | wc -l)" -eq 3 ] && ok || fail "xargs made: $(ls "$T/out5")"

# -d makes the folder when it is missing; a file in the way is an error.
expect_status 0 "-d creates the folder" -- "$HERALD" export "$T/a.html" -d "$T/new" -q
[ -s "$T/new/council-approves-the-new-budget.wav" ] && ok || fail "no file in the new folder"
: >"$T/plainfile"
expect_error 1 "plainfile" "a file where the folder should be" -- \
    "$HERALD" export "$T/a.html" -d "$T/plainfile" -q
ls -A "$T"/out* | grep -q '\.part$' && fail "temporaries left behind" || ok
finish
