#!/usr/bin/env bash
# Voice profiles: the shipped ones are listed and change the sound;
# --profile takes a name or a path; the user's own file comes before the
# shipped one of the same name; an unknown name lists the profiles there
# are, and a bad line is named by file and line.
. "$TESTLIB/test-lib.sh"
command -v soxi >/dev/null || { echo "skip: sox (soxi) is not installed"; exit 77; }

cat >"$T/a.html" <<'HTML'
<html lang="en"><body><article>
<h1>Rivers rise after the storm</h1>
<p>Heavy rain fell across the valley overnight. The river rose by two metres before dawn.</p>
<figure><img src="x.jpg"><figcaption>The old bridge at dawn.</figcaption></figure>
<p>Officials said the bridges would stay closed until the water falls.</p>
</article></body></html>
HTML
duration_of() { soxi -D "$1" 2>/dev/null; }
profiles="$XDG_CONFIG_HOME/herald/voices/profiles"

# Listed: name, where from, what it is.
expect_status 0 "voices --profiles" -- "$HERALD" voices --profiles
for p in default plain radio fast; do
    grep -Eq "^$p \(shipped\): .{20,}" "$T/out" && ok || fail "voices --profiles does not list $p"
done

# Each shipped profile is read and makes different audio.
expect_status 0 "export with the default" -- "$HERALD" export "$T/a.html" -o "$T/default.wav" -q
expect_status 0 "export --profile default" -- "$HERALD" export --profile default "$T/a.html" -o "$T/default2.wav" -q
cmp -s "$T/default.wav" "$T/default2.wav" && ok || fail "--profile default differs from no profile"
for p in plain radio fast; do
    expect_status 0 "export --profile $p" -- "$HERALD" export --profile "$p" "$T/a.html" -o "$T/$p.wav" -q
    cmp -s "$T/default.wav" "$T/$p.wav" && fail "--profile $p sounds like the default" || ok
done
d=$(duration_of "$T/default.wav"); f=$(duration_of "$T/fast.wav")
awk -v d="$d" -v f="$f" 'BEGIN{exit !(f < d * 0.75)}' && ok ||
    fail "the fast profile ($f s) is not much shorter than the default ($d s)"

# A path; the user's own profile by name, and over a shipped one.
mkdir -p "$profiles"
printf '[profile]\ndescription = slow and low\n[voice]\nrate = 100\n[paragraph]\npitch = 20\n' >"$T/slow.ini"
expect_status 0 "export --profile PATH" -- "$HERALD" export --profile "$T/slow.ini" "$T/a.html" -o "$T/slow.wav" -q
s=$(duration_of "$T/slow.wav")
awk -v d="$d" -v s="$s" 'BEGIN{exit !(s > d * 1.3)}' && ok ||
    fail "a profile at 100 words a minute ($s s) is not slower than the default ($d s)"
cp "$T/slow.ini" "$profiles/mine.ini"
cp "$T/slow.ini" "$profiles/fast.ini"
expect_status 0 "voices --profiles with the user's own" -- "$HERALD" voices --profiles
grep -q '^mine (your own): slow and low$' "$T/out" && ok || fail "the user's profile is not listed as theirs"
grep -q '^fast (your own): slow and low$' "$T/out" && ok || fail "the user's fast.ini does not come before the shipped one"
expect_status 0 "export --profile mine" -- "$HERALD" export --profile mine "$T/a.html" -o "$T/mine.wav" -q
cmp -s "$T/slow.wav" "$T/mine.wav" && ok || fail "--profile mine is not the user's file"
expect_status 0 "export --profile fast (the user's)" -- "$HERALD" export --profile fast "$T/a.html" -o "$T/fast2.wav" -q
cmp -s "$T/slow.wav" "$T/fast2.wav" && ok || fail "the user's fast.ini is not read before the shipped one"
# The user's default.ini is the default.
cp "$T/slow.ini" "$profiles/default.ini"
expect_status 0 "export with the user's default.ini" -- "$HERALD" export "$T/a.html" -o "$T/udef.wav" -q
cmp -s "$T/slow.wav" "$T/udef.wav" && ok || fail "the user's default.ini is not the default"
rm "$profiles/default.ini" "$profiles/fast.ini"

# A part's earcon: a short tone before each paragraph (two here), unless
# the profile's earcons are off.
printf '[paragraph]\nearcon = yes\n' >"$T/tone.ini"
printf '[voice]\nearcons = no\n[paragraph]\nearcon = yes\n' >"$T/notone.ini"
expect_status 0 "export with a tone before paragraphs" -- "$HERALD" export --profile "$T/tone.ini" "$T/a.html" -o "$T/tone.wav" -q
expect_status 0 "export with earcons off" -- "$HERALD" export --profile "$T/notone.ini" "$T/a.html" -o "$T/notone.wav" -q
t=$(duration_of "$T/tone.wav"); n=$(duration_of "$T/notone.wav")
awk -v d="$d" -v t="$t" 'BEGIN{x=t-d-0.48; if (x<0) x=-x; exit !(x < 0.01)}' && ok ||
    fail "two paragraph earcons do not add 2 x 240 ms ($t s against $d s)"
sox "$T/default.wav" -t raw "$T/d.raw"; sox "$T/notone.wav" -t raw "$T/n.raw"
cmp -s "$T/d.raw" "$T/n.raw" && ok || fail "earcons = no still plays the parts' tones"
python3 - "$T/tone.wav" "$T/default.wav" <<'PY' && ok || fail "no 660 Hz tone in the export with earcons"
import sys, wave, array, math
def samples(p):
    with wave.open(p) as w:
        a = array.array("h"); a.frombytes(w.readframes(w.getnframes())); return a, w.getframerate()
def purest(a, rate):
    """The largest share of a 40 ms window's energy that is at 660 Hz."""
    n = int(rate * 0.04); w = 2 * math.pi * 660 / rate; top = 0.0
    for s in range(0, len(a) - n, n // 4):
        seg = a[s:s + n]
        e = sum(x * x for x in seg) / n
        if e < 1e4:
            continue
        re = sum(seg[i] * math.cos(w * i) for i in range(n))
        im = sum(seg[i] * math.sin(w * i) for i in range(n))
        top = max(top, 2 * (re * re + im * im) / (n * n) / e)
    return top
a, rate = samples(sys.argv[1]); b, _ = samples(sys.argv[2])
pa, pb = purest(a, rate), purest(b, rate)
print(f"660 Hz share: with earcons {pa:.2f}, without {pb:.2f}")
sys.exit(0 if pa > 0.8 and pb < 0.6 else 1)
PY

# Errors: one line, before any work.
expect_error 1 "unknown voice profile 'loud' \(there are: default, fast, mine, plain, radio\)" \
    "an unknown profile" -- "$HERALD" export --profile loud "$T/a.html" -o "$T/x.wav"
[ -e "$T/x.wav" ] && fail "an unknown profile still wrote audio" || ok
expect_error 1 "unknown voice profile" "read with an unknown profile" -- "$HERALD" read --profile loud "$T/a.html"
expect_error 1 "unknown voice profile" "news with an unknown profile" -- "$HERALD" news --profile loud --control "$T/s"
expect_error 1 "unknown voice profile '\.\.'" "a name that is no file name" -- \
    "$HERALD" export --profile .. "$T/a.html" -o "$T/x.wav"
printf '[profile]\ndescription = broken\n\n[headline]\nrate = 90\npitch = 300\n' >"$profiles/broken.ini"
expect_error 1 "'$profiles/broken.ini' line 6: pitch in \[headline\] takes 0 to 100, not '300'" \
    "a bad value names file and line" -- "$HERALD" export --profile broken "$T/a.html" -o "$T/x.wav"
printf '[voice]\nrate = 175\nloudness = 11\n' >"$T/b.ini"
expect_error 1 "'$T/b.ini' line 3: bad setting 'loudness = 11' in \[voice\]" \
    "an unknown key names file and line" -- "$HERALD" export --profile "$T/b.ini" "$T/a.html" -o "$T/x.wav"
expect_status 0 "voices --profiles with a broken one" -- "$HERALD" voices --profiles
grep -q "^broken (your own): cannot be used: .*line 6" "$T/out" && ok || fail "a broken profile is not listed as such"
expect_error 1 "cannot read voice profile '$T/none.ini'" "a missing path" -- \
    "$HERALD" export --profile "$T/none.ini" "$T/a.html" -o "$T/x.wav"
finish
