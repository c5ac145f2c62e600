#!/usr/bin/env bash
# herald export into each format: the files decode back with the right
# rate and length, are not silence, carry tags; -o - streams WAV.
. "$TESTLIB/test-lib.sh"
command -v soxi >/dev/null || { echo "skip: sox (soxi) is not installed"; exit 77; }
# The decoders and mutagen are in the Makefile's packages: a check that is
# skipped is no check.
for tool in mpg123 opusdec; do
    command -v $tool >/dev/null || { fail "$tool is not installed"; finish; }
done
py=/usr/bin/python3; [ -x "$py" ] || py=python3

cat >"$T/a.html" <<'HTML'
<html lang="en"><body><article>
<h1>Rivers rise after the storm</h1>
<p>Heavy rain fell across the valley overnight. The river rose by two metres before dawn.
Officials said the bridges would stay closed until the water falls.</p>
</article></body></html>
HTML

# duration_of FILE: seconds as a float, from soxi.
duration_of() { soxi -D "$1" 2>/dev/null; }

expect_status 0 "export to wav" -- "$HERALD" export "$T/a.html" -o "$T/a.wav" -q
wav_len=$(duration_of "$T/a.wav")
[ -n "$wav_len" ] && awk -v d="$wav_len" 'BEGIN{exit !(d > 3 && d < 60)}' && ok ||
    fail "wav duration '$wav_len' not between 3 and 60 s"
[ "$(soxi -r "$T/a.wav")" = 22050 ] && ok || fail "wav rate $(soxi -r "$T/a.wav")"
[ "$(soxi -c "$T/a.wav")" = 1 ] && ok || fail "wav is not mono"
rms=$(sox "$T/a.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
awk -v r="$rms" 'BEGIN{exit !(r > 0.01)}' && ok || fail "wav is silence (RMS $rms)"

for fmt in flac ogg; do
    expect_status 0 "export to $fmt" -- "$HERALD" export "$T/a.html" -o "$T/a.$fmt" -q
    d=$(duration_of "$T/a.$fmt")
    awk -v a="$d" -v b="$wav_len" 'BEGIN{x=a-b; if (x<0) x=-x; exit !(x < 0.05)}' && ok ||
        fail "$fmt lasts $d s, wav $wav_len s"
    soxi "$T/a.$fmt" | grep -qi 'title=Rivers rise after the storm' && ok ||
        fail "$fmt has no title tag"
    rms=$(sox "$T/a.$fmt" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
    awk -v r="$rms" 'BEGIN{exit !(r > 0.01)}' && ok || fail "$fmt is silence (RMS $rms)"
done
# The FLAC is lossless: the same samples as the WAV.
sox "$T/a.wav" -t raw "$T/wav.raw" && sox "$T/a.flac" -t raw "$T/flac.raw" &&
    cmp -s "$T/wav.raw" "$T/flac.raw" && ok || fail "flac samples differ from wav"

# MP3 and Opus decoded by decoders herald does not use to write them
# (mpg123, opusdec): the same length as the WAV, not silence, and the same
# speech (the 20 ms loudness envelopes correlate); mutagen reads the
# streams' headers.  Magic bytes and a size proved nothing of the audio.
sox "$T/a.wav" -r 8000 -t raw -e signed -b 16 -c 1 "$T/ref8k.raw"
for f in opus mp3; do
    expect_status 0 "export to $f" -- "$HERALD" export "$T/a.html" -o "$T/a.$f" -q
    case $f in
    mp3) mpg123 -q -w "$T/dec-$f.wav" "$T/a.$f" 2>"$T/dec.err" ;;
    opus) opusdec --quiet "$T/a.$f" "$T/dec-$f.wav" 2>"$T/dec.err" ;;
    esac
    [ -s "$T/dec-$f.wav" ] && ok || { fail "$f does not decode: $(head -3 "$T/dec.err")"; continue; }
    d=$(duration_of "$T/dec-$f.wav")
    awk -v a="$d" -v b="$wav_len" 'BEGIN{x=a-b; if (x<0) x=-x; exit !(x < 0.1)}' && ok ||
        fail "$f decodes to $d s, wav $wav_len s"
    rms=$(sox "$T/dec-$f.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
    awk -v r="$rms" 'BEGIN{exit !(r > 0.01)}' && ok || fail "$f is silence (RMS $rms)"
    sox "$T/dec-$f.wav" -r 8000 -t raw -e signed -b 16 -c 1 "$T/dec8k.raw"
    "$py" - "$T/ref8k.raw" "$T/dec8k.raw" >"$T/corr" <<'PY' && ok || fail "$f is not the same speech: $(cat "$T/corr")"
import array, math, sys
def env(path):
    a = array.array("h", open(path, "rb").read())
    return [math.sqrt(sum(x * x for x in a[i:i + 160]) / 160) for i in range(0, len(a) - 160, 160)]
x, y = env(sys.argv[1]), env(sys.argv[2])
# the codecs' delay: the best of small shifts
best = 0
for s in range(0, 6):
    n = min(len(x), len(y) - s)
    a, b = x[:n], y[s:s + n]
    ma, mb = sum(a) / n, sum(b) / n
    num = sum((p - ma) * (q - mb) for p, q in zip(a, b))
    den = math.sqrt(sum((p - ma) ** 2 for p in a) * sum((q - mb) ** 2 for q in b)) or 1
    best = max(best, num / den)
print("envelope correlation %.3f" % best)
sys.exit(0 if best > 0.9 else 1)
PY
done
"$py" - "$T/a.mp3" "$T/a.opus" "$wav_len" >"$T/mutagen" 2>&1 <<'PY' && ok || fail "mutagen: $(cat "$T/mutagen")"
import sys, mutagen
mp3, opus, secs = mutagen.File(sys.argv[1]), mutagen.File(sys.argv[2]), float(sys.argv[3])
problems = []
if type(mp3).__name__ != "MP3" or mp3.info.sample_rate != 22050 or mp3.info.channels != 1 \
        or abs(mp3.info.length - secs) > 0.1:
    problems.append("mp3: %r %s" % (type(mp3).__name__, mp3.info.pprint() if mp3 else ""))
if type(opus).__name__ != "OggOpus" or opus.info.channels != 1 or abs(opus.info.length - secs) > 0.1:
    problems.append("opus: %r %s" % (type(opus).__name__, opus.info.pprint() if opus else ""))
print("; ".join(problems))
sys.exit(1 if problems else 0)
PY

# --format wins over the extension.
expect_status 0 "--format flac" -- "$HERALD" export "$T/a.html" -o "$T/x.wav" --format flac -q
head -c 4 "$T/x.wav" | grep -aq fLaC && ok || fail "--format flac did not make FLAC"

# -o - streams WAV: to a pipe and to a file, the same samples as -o FILE.
"$HERALD" export "$T/a.html" -o - -q 2>"$T/err" | cat >"$T/pipe.wav"
[ "$(soxi -r "$T/pipe.wav" 2>/dev/null)" = 22050 ] && ok || fail "-o - into a pipe is not WAV"
"$HERALD" export "$T/a.html" -o - -q >"$T/file.wav" 2>"$T/err"
sox "$T/file.wav" -t raw "$T/file.raw" 2>/dev/null
cmp -s "$T/wav.raw" "$T/file.raw" && ok || fail "-o - samples differ from -o FILE"
d=$(duration_of "$T/file.wav")
[ "$d" = "$wav_len" ] && ok || fail "-o - to a file has length $d, expected $wav_len"

# Several sources into one file: both articles and an earcon between.
cp "$T/a.html" "$T/b.html"
expect_status 0 "two into one" -- "$HERALD" export "$T/a.html" "$T/b.html" -o "$T/ab.wav" -q
d=$(duration_of "$T/ab.wav")
awk -v a="$d" -v b="$wav_len" 'BEGIN{exit !(a > 2*b && a < 2*b + 3)}' && ok ||
    fail "two articles last $d s, one $wav_len s"

# An existing output is kept, and --force rewrites it.
touch -d '2001-01-01' "$T/a.wav"
expect_status 0 "kept" -- "$HERALD" export "$T/a.html" -o "$T/a.wav"
grep -q '^kept' "$T/out" && ok || fail "existing output not reported as kept: $(cat "$T/out")"
[ "$(stat -c %Y "$T/a.wav")" -lt 1000000000 ] && ok || fail "existing output was rewritten"
expect_status 0 "--force" -- "$HERALD" export "$T/a.html" -o "$T/a.wav" --force -q
[ "$(stat -c %Y "$T/a.wav")" -gt 1000000000 ] && ok || fail "--force did not rewrite"
ls -a "$T" | grep -q '\.part$' && fail "temporaries left: $(ls -a "$T")" || ok

# A source that loads but cannot be spoken (a language with no voice,
# asked for by name) fails, and leaves no file, not even an empty one.
mkdir "$T/none"
printf '<html><body><p>Words of a story, in a sentence or two.</p></body></html>\n' >"$T/words.html"
expect_error 1 "no voice" "export with a language that has no voice" -- \
    "$HERALD" export --lang x-klingon "$T/words.html" -o "$T/none/x.wav" --quiet
[ -z "$(ls -A "$T/none")" ] && ok || fail "a failed export left: $(ls -A "$T/none")"

# espeak-ng's own complaints on stderr ("espeak: No envelope", for this
# Gurmukhi letter in an English page) are not passed on: stderr holds herald's lines only.
# (Sanitizer builds keep stderr open for their reports.)
if ! ldd "$HERALD" 2>/dev/null | grep -q libasan; then
    printf '<html lang="en"><body><p>\xe0\xa8\xad</p></body></html>\n' >"$T/gurmukhi.html"
    "$HERALD" export "$T/gurmukhi.html" -o "$T/none/g.wav" --quiet 2>"$T/err"
    rc=$?
    [ "$rc" -eq 0 ] && ! grep -qv '^herald: ' "$T/err" && ok ||
        fail "export of a Gurmukhi letter: exit $rc, stderr: $(head -3 "$T/err")"
fi

# Digits of other scripts in an English page are read as numbers (espeak-ng
# 1.51 reads freed memory on them: the sanitizer build stops there).
printf '<html lang="en"><body><p>Chapter \xe0\xa9\xae of the \xd9\xa8 stories, page \xef\xbc\x92.</p></body></html>\n' >"$T/digits.html"
expect_status 0 "export of other scripts' digits" -- \
    "$HERALD" export "$T/digits.html" -o "$T/none/d.wav" --quiet
[ -s "$T/none/d.wav" ] && ok || fail "no audio for a page with other scripts' digits"

# -o naming a folder or a pipe is refused before any work (it was "kept",
# and --force would have renamed a file over a device).
mkfifo "$T/fifo"
expect_error 2 "is a folder; use -d" "-o a folder" -- \
    "$HERALD" export "$T/words.html" -o "$T/none" --quiet
expect_error 2 "not a regular file; use -o -" "-o a pipe" -- \
    "$HERALD" export "$T/words.html" -o "$T/fifo" --force --quiet
[ -p "$T/fifo" ] && ok || fail "the pipe was replaced"

# A page whose own language has no voice is read in English, with a
# warning that says so (the --lang case above fails: it was asked for).
printf '<html lang="x-klingon"><body><p>Words of a story, in a sentence or two.</p></body></html>\n' >"$T/klingon.html"
expect_status 0 "export of a page in a language with no voice" -- \
    "$HERALD" export "$T/klingon.html" -o "$T/none/k.wav" --quiet
grep -q "^herald: warning: .*no voice for its language 'x-klingon'; reading it in English" "$T/err" &&
    ok || fail "no warning about the missing voice: $(head -3 "$T/err")"
[ -s "$T/none/k.wav" ] && ok || fail "no audio for a page in a language with no voice"
finish
