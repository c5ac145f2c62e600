#!/usr/bin/env bash
# herald say: --spoken prints what espeak-ng is given (numbers, money,
# dates ... as words), one line per input line; --phonemes is espeak-ng's
# own reading of that text; -o writes audio that decodes; bad input is a
# one-line error.  herald text --format spoken matches say, and plain text
# stays as written.
. "$TESTLIB/test-lib.sh"

expect_status 0 "say --spoken" -- "$HERALD" say --spoken 'Shares lost $3.6bn on Dec. 17, 2016 at 8:51 p.m.'
grep -qx 'Shares lost three point six billion dollars on december seventeenth twenty sixteen at eight fifty-one P.M.' "$T/out" &&
    ok || fail "say --spoken: $(cat "$T/out")"

# Standard input: one output line per input line, empty lines kept.
printf 'Dr. Lee won 4-1.\n\nIt is 20°C.\nCall +1 555-010-0199\n' >"$T/in"
"$HERALD" say --lang en --spoken - <"$T/in" >"$T/spoken" 2>"$T/err"
[ "$(wc -l <"$T/spoken")" -eq 4 ] && ok || fail "say --spoken -: $(wc -l <"$T/spoken") lines for 4"
sed -n 1p "$T/spoken" | grep -qx 'Doctor Lee won four to one.' && ok || fail "line 1: $(sed -n 1p "$T/spoken")"
[ -z "$(sed -n 2p "$T/spoken")" ] && ok || fail "an empty line is not kept empty"
sed -n 3p "$T/spoken" | grep -qx 'It is twenty degrees Celsius.' && ok || fail "line 3: $(sed -n 3p "$T/spoken")"

# --phonemes: the phonemes espeak-ng itself gives for the spoken text.
"$HERALD" say --lang en --phonemes - <"$T/in" >"$T/ph" 2>"$T/err"
[ "$(wc -l <"$T/ph")" -eq 4 ] && ok || fail "say --phonemes -: $(wc -l <"$T/ph") lines for 4"
want=$(sed -n 3p "$T/spoken" | espeak-ng -q -x -v en | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
got=$(sed -n 3p "$T/ph" | tr -s ' ' ' ' | sed 's/^ //; s/ $//')
[ "$got" = "$want" ] && ok || fail "phonemes '$got', espeak-ng -x gives '$want'"
grep -q "d'0kt3" "$T/ph" && ok || fail "no 'doctor' in the phonemes: $(sed -n 1p "$T/ph")"

# German, and a language herald has no data for (left to espeak-ng).
expect_status 0 "say --lang de" -- "$HERALD" say --lang de --spoken 'Am 3. Oktober kostet es 2,50 €.'
grep -qx 'Am dritten oktober kostet es zwei euro fünfzig cent.' "$T/out" && ok || fail "de: $(cat "$T/out")"
expect_status 0 "say --lang sw" -- "$HERALD" say --lang sw --spoken 'Bei ni 25 https://example.com/x'
grep -qx 'Bei ni 25 link' "$T/out" && ok || fail "sw: $(cat "$T/out")"

# -o: audio that decodes, longer for the words than for the digits would be.
expect_status 0 "say -o" -- "$HERALD" say -o "$T/say.wav" 'The fund grew to $5.5bn in the 1990s.'
if command -v soxi >/dev/null; then
    d=$(soxi -D "$T/say.wav" 2>/dev/null)
    awk -v d="$d" 'BEGIN{exit !(d > 2 && d < 30)}' && ok || fail "say.wav lasts '$d' s"
    [ "$(soxi -r "$T/say.wav")" = 22050 ] && ok || fail "say.wav rate"
    rms=$(sox "$T/say.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
    awk -v r="$rms" 'BEGIN{exit !(r > 0.01)}' && ok || fail "say.wav is silence (RMS $rms)"
else
    head -c 4 "$T/say.wav" | grep -aq RIFF && ok || fail "say.wav is not WAV"
fi
expect_error 1 "exists" "say -o onto a file that exists" -- "$HERALD" say -o "$T/say.wav" 'Again.'
expect_status 0 "say -o --force" -- "$HERALD" say -f -o "$T/say.wav" 'Again.'

# herald text --format spoken says the same as say; plain is unchanged.
cat >"$T/a.html" <<'HTML'
<html lang="en"><body><article><h1>Profits hit $2.4bn</h1>
<p>Dr. Smith spoke on Jan. 5, 2020 about the 1990s.</p></article></body></html>
HTML
expect_status 0 "text --format spoken" -- "$HERALD" text --format spoken "$T/a.html"
grep -qx 'Profits hit two point four billion dollars' "$T/out" && ok || fail "spoken headline: $(cat "$T/out")"
grep -qx 'Doctor Smith spoke on january fifth twenty twenty about the nineteen nineties.' "$T/out" &&
    ok || fail "spoken paragraph: $(cat "$T/out")"
expect_status 0 "text plain" -- "$HERALD" text "$T/a.html"
grep -qx 'Dr. Smith spoke on Jan. 5, 2020 about the 1990s.' "$T/out" && ok || fail "plain text changed: $(cat "$T/out")"

# Bad input.
expect_error 2 "no TEXT" "say with nothing" -- "$HERALD" say --spoken
expect_error 2 "unknown option" "say --bogus" -- "$HERALD" say --bogus hi
expect_error 2 "go alone" "--spoken with -o" -- "$HERALD" say --spoken -o "$T/x.wav" hi
expect_error 2 "language tag" "--lang with a slash" -- "$HERALD" say --lang '../x' --spoken hi
expect_error 1 "no voice" "--phonemes in a language without a voice" -- "$HERALD" say --lang qq --phonemes hi
printf 'a\0b\n' >"$T/nul"
"$HERALD" say --spoken - <"$T/nul" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 1 ] && grep -q '^herald: error: .*NUL' "$T/err" && ok || fail "NUL on stdin: exit $rc, $(cat "$T/err")"
expect_error 1 "nothing to say" "say -o with only spaces" -- "$HERALD" say -o "$T/blank.wav" '   '
[ -e "$T/blank.wav" ] && fail "a file was written for nothing" || ok
printf '\n\n' | "$HERALD" say --spoken - >"$T/out"
[ "$(wc -l <"$T/out")" -eq 2 ] && ok || fail "two empty lines gave $(wc -l <"$T/out") lines"

# Long runs without spaces are read in one pass, not position by position.
python3 -c "print('1' * 200000); print('12.' * 100000); print('a1' * 100000)" >"$T/long"
timeout 120 "$HERALD" say --spoken - <"$T/long" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 0 ] && [ "$(wc -l <"$T/out")" -eq 3 ] && ok || fail "long lines: exit $rc, $(wc -l <"$T/out") lines"
expect_error 1 "" "-o into a folder that is missing" -- "$HERALD" say -o "$T/no/such/dir/x.wav" hi
# --profile as read and export take it: the fast profile is heard faster,
# an unknown one is refused naming those there are.
"$HERALD" say -o "$T/plain.wav" "The meeting starts at 7:45 p.m. on Dec. 17."
"$HERALD" say --profile fast -o "$T/fast.wav" "The meeting starts at 7:45 p.m. on Dec. 17."
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$py" - "$T/plain.wav" "$T/fast.wav" <<'PY' && ok || fail "say --profile fast is not faster than the default"
import sys, wave
d = [wave.open(f).getnframes() / wave.open(f).getframerate() for f in sys.argv[1:]]
sys.exit(0 if d[1] < d[0] * 0.85 else 1)
PY
expect_error 1 "fast" "say --profile with an unknown name" -- "$HERALD" say --profile no-such-profile hi
# A Russian decimal whose whole part is longer than any integer type:
# agreement reads its last digits (it was a float overflow, undefined).
printf '3333333333333333333333,5\n' | "$HERALD" say --lang ru --spoken - >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 0 ] && [ "$(wc -l <"$T/out")" -eq 1 ] && ok || fail "a huge Russian decimal: exit $rc, $(head -c 200 "$T/err")"
finish
