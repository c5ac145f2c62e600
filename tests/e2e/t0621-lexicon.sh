#!/usr/bin/env bash
# herald lexicon: add, change, remove and list the user's entries; the
# shipped ones are listed and outweighed, not removed; what an entry says
# is what is heard (an export with the entry has the samples of the word
# it stands for); bad entries and bad lines are refused with one line.
. "$TESTLIB/test-lib.sh"
command -v sox >/dev/null || { echo "skip: sox is not installed"; exit 77; }
lex="$XDG_CONFIG_HOME/herald/voices/lexicon"

expect_status 0 "add" -- "$HERALD" lexicon add Shadlen Shadlin
grep -q "^added 'Shadlen' in $lex/en.lex$" "$T/out" && ok || fail "add does not say where: $(cat "$T/out")"
grep -qx 'Shadlen = Shadlin' "$lex/en.lex" && ok || fail "the entry is not in the user's en.lex"
expect_status 0 "change" -- "$HERALD" lexicon add Shadlen "[[S'adl@n]]"
grep -q "^changed 'Shadlen'" "$T/out" && ok || fail "a second add does not change the entry"
[ "$(grep -c Shadlen "$lex/en.lex")" = 1 ] && ok || fail "a changed entry is there twice"
expect_status 0 "add in German" -- "$HERALD" lexicon add --lang de-AT Brexit Bräxit
grep -qx 'Brexit = Bräxit' "$lex/de.lex" && ok || fail "--lang de-AT does not write de.lex"

expect_status 0 "list" -- "$HERALD" lexicon list
grep -qx "Shadlen = \[\[S'adl@n\]\] (yours)" "$T/out" && ok || fail "list does not show the user's entry"
grep -qx "nguyen = \[\[w'In\]\] (shipped)" "$T/out" && ok || fail "list does not show the shipped entries"
grep -q "Brexit" "$T/out" && fail "list shows a German entry among the English ones" || ok
expect_status 0 "list --lang de" -- "$HERALD" lexicon list --lang de
grep -qx "Brexit = Bräxit (yours)" "$T/out" && ok || fail "list --lang de: $(cat "$T/out")"

# The user's entry comes before the shipped one of the same word.
expect_status 0 "outweigh a shipped entry" -- "$HERALD" lexicon add nguyen Nwin
expect_status 0 "list after" -- "$HERALD" lexicon list
grep -qx "nguyen = Nwin (yours)" "$T/out" && ok || fail "the user's nguyen does not replace the shipped one"
grep -q "nguyen = \[\[w'In\]\] (shipped)" "$T/out" && fail "the outweighed shipped entry is still listed" || ok

expect_status 0 "remove" -- "$HERALD" lexicon remove nguyen
grep -q "^removed 'nguyen' from $lex/en.lex$" "$T/out" && ok || fail "remove does not say what it did"
grep -q '^nguyen' "$lex/en.lex" && fail "the removed entry is still in the file" || ok
expect_error 1 "'putin' is in the shipped en lexicon, not yours" "removing a shipped entry" -- \
    "$HERALD" lexicon remove putin
expect_error 1 "'Zork' is not in your en lexicon" "removing what is not there" -- \
    "$HERALD" lexicon remove Zork

# Usage errors.
expect_error 2 "add takes WORD and SAYS" "add without SAYS" -- "$HERALD" lexicon add Zork
expect_error 2 "a word has letters and digits" "a word with a symbol" -- "$HERALD" lexicon add 'a=b' x
expect_error 2 "phonemes go in one pair of \[\[ \]\]" "unclosed phonemes" -- "$HERALD" lexicon add Zork "[[z0rk"
expect_error 2 "'x/../y' is not a language tag" "a language that is a path" -- \
    "$HERALD" lexicon add --lang x/../y Zork zork
expect_error 2 "unknown action 'fix'" "an unknown action" -- "$HERALD" lexicon fix
expect_error 2 "no action given" "no action" -- "$HERALD" lexicon

# A bad line in the user's lexicon is named, by list and by export.
cp "$lex/en.lex" "$T/en.lex.good"
printf 'good = fine\nthis line has no equals sign\n' >>"$lex/en.lex"
n=$(wc -l <"$lex/en.lex")
expect_error 1 "'$lex/en.lex' line $n: not an entry \(WORD = SAYS\)" "list with a bad line" -- \
    "$HERALD" lexicon list
cat >"$T/a.html" <<'HTML'
<html lang="en"><head><title>Greetings</title></head><body><article>
<h1>Greetings for all the town</h1>
<p>We said zork to them all, and they said it back to us at once.</p>
<p>Then we went home along the river in the evening light.</p>
</article></body></html>
HTML
expect_status 1 "export with a bad lexicon line" -- "$HERALD" export "$T/a.html" -o "$T/x.wav"
grep -q "^herald: error: '$lex/en.lex' line $n: not an entry" "$T/err" && ok ||
    fail "export does not name the bad lexicon line: $(cat "$T/err")"
[ -e "$T/x.wav" ] && fail "export wrote audio with a broken lexicon" || ok
cp "$T/en.lex.good" "$lex/en.lex"

# What is heard: "zork" said as the phonemes of "hello" is "hello".
sed 's/zork/hello/' "$T/a.html" >"$T/b.html"
expect_status 0 "export without an entry" -- "$HERALD" export "$T/a.html" -o "$T/a0.wav" -q
expect_status 0 "add phonemes" -- "$HERALD" lexicon add zork "[[h@l'oU]]"
expect_status 0 "export with the entry" -- "$HERALD" export "$T/a.html" -o "$T/a.wav" -q
expect_status 0 "export of the word it stands for" -- "$HERALD" export "$T/b.html" -o "$T/b.wav" -q
for f in a0 a b; do sox "$T/$f.wav" -t raw "$T/$f.raw"; done
cmp -s "$T/a.raw" "$T/b.raw" && ok || fail "'zork' = [[h@l'oU]] is not heard as 'hello'"
cmp -s "$T/a0.raw" "$T/b.raw" && fail "'zork' without an entry already sounds like 'hello'" || ok
# ... and in any case, as a whole word only.
sed 's/zork/ZORK/' "$T/a.html" >"$T/c.html"
expect_status 0 "export in capitals" -- "$HERALD" export "$T/c.html" -o "$T/c.wav" -q
sox "$T/c.wav" -t raw "$T/c.raw"
cmp -s "$T/c.raw" "$T/b.raw" && ok || fail "a lower-case entry does not match ZORK"
expect_status 0 "a respelling" -- "$HERALD" lexicon add zork hello
expect_status 0 "export with the respelling" -- "$HERALD" export "$T/a.html" -o "$T/r.wav" -q
sox "$T/r.wav" -t raw "$T/r.raw"
cmp -s "$T/r.raw" "$T/b.raw" && ok || fail "'zork' = hello is not heard as 'hello'"
finish
