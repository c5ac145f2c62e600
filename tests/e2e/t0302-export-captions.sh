#!/usr/bin/env bash
# --captions vtt|srt and --chapters: files that parse, cues in order, one
# a sentence, inside the audio and covering it; chapters for sections and
# for each article of a multi-article file.
. "$TESTLIB/test-lib.sh"
command -v soxi >/dev/null || { echo "skip: sox (soxi) is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }

cat >"$T/a.html" <<'HTML'
<html lang="en"><body><article>
<h1>Harbour reopens after repairs</h1>
<p>The harbour reopened on Monday. Ferries resumed their normal timetable.</p>
<h2>What changed</h2>
<p>The old pier was rebuilt in concrete. It can take larger ships.</p>
</article></body></html>
HTML
cat >"$T/b.html" <<'HTML'
<html lang="en"><body><article>
<h1>Library extends its hours</h1>
<p>The central library will open until nine in the evening.</p>
</article></body></html>
HTML

# check_cues FILE KIND AUDIO: parse, order, bounds, coverage.
check_cues() {
    python3 - "$1" "$2" "$(soxi -D "$3")" <<'PY'
import re, sys
path, kind, dur = sys.argv[1], sys.argv[2], float(sys.argv[3])
text = open(path, encoding="utf-8").read()
sep = r"\." if kind == "vtt" else ","
if kind == "vtt":
    assert text.startswith("WEBVTT\n"), "no WEBVTT header"
ts = r"(\d\d):(\d\d):(\d\d)" + sep + r"(\d\d\d)"
cues = []
for block in re.split(r"\n\n+", text.strip()):
    lines = block.split("\n")
    if lines[0] == "WEBVTT":
        continue
    m = re.fullmatch(ts + " --> " + ts, lines[1])
    assert m, "bad timing line %r" % lines[1]
    g = [int(x) for x in m.groups()]
    a = g[0]*3600 + g[1]*60 + g[2] + g[3]/1000
    b = g[4]*3600 + g[5]*60 + g[6] + g[7]/1000
    assert len(lines) >= 3 and lines[2].strip(), "empty cue"
    cues.append((a, b, lines[2]))
assert cues, "no cues"
prev = 0
for a, b, t in cues:
    assert a >= prev - 1e-9, "cues out of order at %r" % t
    assert b > a, "empty cue time at %r" % t
    assert b <= dur + 0.002, "cue past the end of the audio: %s > %s" % (b, dur)
    prev = b
assert cues[0][0] < 0.5, "first cue starts late: %s" % cues[0][0]
assert dur - cues[-1][1] < 1.5, "last cue ends %s s before the audio" % (dur - cues[-1][1])
print(len(cues))
PY
}

expect_status 0 "vtt + chapters" -- "$HERALD" export "$T/a.html" -o "$T/a.wav" \
    --captions vtt --chapters -q
n=$(check_cues "$T/a.vtt" vtt "$T/a.wav" 2>"$T/py") && ok || fail "a.vtt: $(cat "$T/py")"
[ "$n" = 6 ] && ok || fail "a.vtt has $n cues, expected 6 (a sentence each)"
grep -q '^The harbour reopened on Monday\.$' "$T/a.vtt" && ok || fail "a sentence is not a cue"
n=$(check_cues "$T/a.chapters.vtt" vtt "$T/a.wav" 2>"$T/py") && ok || fail "a.chapters.vtt: $(cat "$T/py")"
[ "$n" = 2 ] && ok || fail "$n chapters, expected 2 (the article and its section)"
grep -q '^What changed$' "$T/a.chapters.vtt" && ok || fail "the section is not a chapter"

expect_status 0 "srt" -- "$HERALD" export "$T/a.html" -o "$T/s.flac" --captions srt -q
n=$(check_cues "$T/s.srt" srt "$T/s.flac" 2>"$T/py") && ok || fail "s.srt: $(cat "$T/py")"
grep -q '^1$' "$T/s.srt" && ok || fail "srt cues are not numbered"
[ ! -e "$T/s.vtt" ] && [ ! -e "$T/s.chapters.vtt" ] && ok || fail "files that were not asked for"

# Two articles in one file: a chapter each, captions across both.
expect_status 0 "multi" -- "$HERALD" export "$T/a.html" "$T/b.html" -o "$T/ab.ogg" \
    --captions vtt --chapters -q
n=$(check_cues "$T/ab.vtt" vtt "$T/ab.ogg" 2>"$T/py") && ok || fail "ab.vtt: $(cat "$T/py")"
[ "$n" = 8 ] && ok || fail "ab.vtt has $n cues, expected 8"
grep -q '^Library extends its hours$' "$T/ab.chapters.vtt" && ok ||
    fail "the second article is not a chapter: $(cat "$T/ab.chapters.vtt")"
# The second article's captions start after the first article's audio.
t1=$(soxi -D "$T/a.wav")
python3 - "$T/ab.vtt" "$t1" <<'PY' && ok || fail "second article's cue is not after the first's audio"
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> .*\nLibrary extends its hours", text)
h, mi, s, ms = map(int, m.groups())
sys.exit(0 if h*3600 + mi*60 + s + ms/1000 > float(sys.argv[2]) else 1)
PY

# In a folder: captions beside each file.
expect_status 0 "folder" -- "$HERALD" export "$T/a.html" "$T/b.html" -d "$T/dir" \
    --captions vtt --chapters -q
for f in harbour-reopens-after-repairs library-extends-its-hours; do
    [ -s "$T/dir/$f.vtt" ] && [ -s "$T/dir/$f.chapters.vtt" ] && ok || fail "no captions for $f"
done
# Asking for captions later redoes a file that has none.
expect_status 0 "srt later" -- "$HERALD" export "$T/a.html" -d "$T/dir" --captions srt -q
[ -s "$T/dir/harbour-reopens-after-repairs.srt" ] && ok || fail "captions added later are missing"
finish
