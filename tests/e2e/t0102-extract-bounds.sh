#!/usr/bin/env bash
# Hostile pages finish in bounded time and memory: 100,000 nested
# elements (whose story is still read: the tree stops at 4096 levels and
# what is deeper is read as if flat), 80,000 blocks 4000 levels down,
# 400 unclosed tags before the story, a story carried twice, a row of
# 60,000 pictures,
# 100,000 note marks, a million empty elements under 120 nested
# headings, one text
# node of 30 MB, a page over the size cap, invalid
# bytes in every charset, an empty page, a page that is not HTML.
. "$TESTLIB/test-lib.sh"

# Run under 20 s of CPU and 1.5 GB of address space (AddressSanitizer
# reserves terabytes of address space, so a sanitizer build gets the time
# limit only).
vlimit=1500000
if ldd "$HERALD" 2>/dev/null | grep -q libasan; then vlimit=unlimited; fi
limit() {
    ( ulimit -t 20 -v "$vlimit"; "$@" )
}

python3 - "$T" <<'PY'
import sys, os
t = sys.argv[1]
open(f"{t}/deep.html", "w").write("<html><body>" + "<div>" * 100000 +
    "<p>Deep down the story is still a story, with a sentence or two.</p>" +
    "</div>" * 100000 + "</body></html>")
open(f"{t}/unclosed.html", "w").write("<html><head><title>Old page</title></head><body>" +
    "<font size=2>" * 400 + "<p>The story after four hundred unclosed tags is read, in a sentence.</p>" +
    "<p>Its second paragraph is read as well, with a comma, and a full stop.</p></body></html>")
open(f"{t}/deep-many.html", "w").write("<html><body>" + "<div>" * 4000 +
    "".join(f"<h2>Item {i}</h2><p>Its text, in a sentence of item {i}.</p>" for i in range(40000)) +
    "</body></html>")
copy = "".join(f"<h3>Part {i}</h3><p>The long paragraph number {i} of the story, written out in full.</p>"
               for i in range(20000))
open(f"{t}/twice.html", "w").write("<html><body><h1>Big</h1><div>" + copy + "</div><div>" +
    copy + "</div></body></html>")
open(f"{t}/imgrow.html", "w").write("<html><body><h1>Row</h1><p>A paragraph of the story, " +
    "long enough to be read as the story.</p><table><tr>" + "<td><img src=a.jpg></td>" * 60000 +
    "</tr><tr>" + "<td></td>" * 60000 + "</tr></table></body></html>")
open(f"{t}/deep-inline.html", "w").write("<html><body><p>" + "<b><i>" * 50000 +
    "A paragraph of text that sits under many inline elements." + "</i></b>" * 50000 + "</p></body></html>")
open(f"{t}/nested-headings.html", "w").write("<html><head><title>x</title></head><body>" +
    "<h3><span>" * 120 + "<b></b>" * 1000000 +
    "<p>Some words of text here, in a sentence that is long enough to be a story.</p>" * 5 +
    "</body></html>")
open(f"{t}/bigtext.html", "w").write("<html><body><p>" + "word " * 6000000 + "</p></body></html>")
with open(f"{t}/huge.html", "w") as f:
    f.write("<html><body>")
    para = "<p>" + "A sentence of a very long page, with a comma. " * 20 + "</p>\n"
    while f.tell() < 100 * 1024 * 1024:
        f.write(para * 100)
    f.write("</body></html>")
open(f"{t}/invalid.html", "wb").write(b"<html><head><meta charset=utf-8></head><body><p>" +
    bytes(range(128, 256)) * 50 + b"\xff\xfe\xc3\x28 text after the bad bytes, in a sentence.</p></body></html>")
open(f"{t}/sjis-lie.html", "wb").write(b"<meta charset=shift_jis><p>" + bytes(range(128, 256)) * 40 + b"</p>")
open(f"{t}/marks.html", "w").write("<html><body><h1>Marks</h1><p>A story with notes, in a sentence " +
    "that goes on for a while before its marks." + "<sup><a href=#n>[1]</a></sup>" * 100000 +
    "</p><p>Its second paragraph, with nested marks." + "<sup><a href=#n><sup><a href=#m>" * 20000 +
    "</p><p>Its third paragraph ends in a long one.<a href=#big>[" + "note " * 4000000 +
    "]</a></p></body></html>")
open(f"{t}/empty.html", "w").write("")
open(f"{t}/binary.html", "wb").write(bytes(range(256)) * 100)
PY

limit "$HERALD" text "$T/deep.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "Deep down the story" "$T/out"; then ok
else fail "deep page: exit status $rc, story not read"; fi
limit "$HERALD" text "$T/unclosed.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "four hundred unclosed tags" "$T/out" &&
   grep -q "second paragraph" "$T/out"; then ok
else fail "400 unclosed tags: exit status $rc, story not read"; fi
# 4000 levels over 80,000 blocks: no walk up the tree per block.
limit "$HERALD" text "$T/deep-many.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "sentence of item 39999" "$T/out"; then ok
else fail "4000 levels over 80,000 blocks: exit status $rc"; fi
# A story carried twice, 20,000 passages each: read once, in linear time.
limit "$HERALD" text "$T/twice.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && [ "$(grep -c 'paragraph number 19999 ' "$T/out")" = 1 ]; then ok
else fail "a story carried twice, 20,000 passages: exit status $rc"; fi
# 60,000 pictures in a row over a row of empty cells (the caption look-up
# stays linear).
limit "$HERALD" text "$T/imgrow.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "long enough to be read" "$T/out"; then ok
else fail "a row of 60,000 pictures: exit status $rc"; fi
limit "$HERALD" text "$T/deep-inline.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -le 1 ]; then ok; else fail "deep inline page: exit status $rc"; fi
limit "$HERALD" text "$T/nested-headings.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "Some words of text here" "$T/out"; then ok
else fail "nested headings over a million empty elements: exit status $rc"; fi
limit "$HERALD" text --body-only "$T/bigtext.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -le 1 ]; then ok; else fail "one huge text node: exit status $rc"; fi
expect_error 1 "larger than|too large" "100 MB page" -- "$HERALD" text "$T/huge.html"
limit "$HERALD" text "$T/invalid.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "text after the bad bytes" "$T/out" &&
   python3 -c 'import sys; open(sys.argv[1], encoding="utf-8").read()' "$T/out"; then ok
else fail "invalid bytes: status $rc, output not valid UTF-8 or text lost"; fi
for f in sjis-lie binary; do
    limit "$HERALD" text "$T/$f.html" >"$T/out" 2>"$T/err"
    rc=$?
    if [ $rc -le 1 ]; then ok; else fail "$f: exit status $rc"; fi
done
# 100,000 note marks, 20,000 nested ones and a "mark" of 20 MB: each is
# looked at in a few nodes and bytes.
limit "$HERALD" text "$T/marks.html" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 0 ] && grep -q "A story with notes, in a sentence" "$T/out" && ! grep -q '\[1\]' "$T/out"; then ok
else fail "note marks: exit status $rc"; fi
expect_error 1 "empty|no article|not an HTML" "empty page" -- "$HERALD" text "$T/empty.html"
finish
