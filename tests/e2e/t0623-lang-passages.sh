#!/usr/bin/env bash
# A passage marked in another language (lang on a quote, a paragraph, a
# span holding all of a paragraph, or words in a sentence) carries that
# language in the script's JSON and is spoken with that language's voice,
# then back; --lang forces one language for all.  Checked on the exported
# sound: the German passage and the German words inside an English
# sentence match espeak-ng's German voice, not its English one.
. "$TESTLIB/test-lib.sh"

cat >"$T/page.html" <<'HTML'
<!DOCTYPE html><html lang="en-GB"><head><title>Words from Berlin</title></head><body><article>
<h1>Words from Berlin</h1>
<p>The mayor spoke to the crowd in the square on Sunday evening.</p>
<blockquote lang="de"><p>Wir haben heute gemeinsam etwas Großes geschafft.</p></blockquote>
<p>Then she thanked the volunteers, and the crowd went home in the rain.</p>
<p><span lang="fr">Nous sommes tous des Berlinois ce soir.</span></p>
<p lang="en-US">A man in the crowd said <span lang="de">danke schön</span> to everyone.</p>
<p lang="not a tag!">The square was empty by midnight, and the rain had stopped.</p>
</article></body></html>
HTML

expect_status 0 "text --format json" -- "$HERALD" text --format json "$T/page.html"
python3 - "$T/out" >"$T/check" 2>&1 <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
got = [(s["role"], s["lang"], s["text"][:12], s.get("spans")) for s in d["segments"]]
want = [("headline", "en-GB", "Words from B", None), ("paragraph", "en-GB", "The mayor sp", None),
        ("quote", "de", "Wir haben he", None), ("paragraph", "en-GB", "Then she tha", None),
        ("paragraph", "fr", "Nous sommes ", None),
        ("paragraph", "en-GB", "A man in the", [{"text": "danke schön", "lang": "de"}]),
        ("paragraph", "en-GB", "The square w", None)]
if got != want:
    print("segments:", got)
    sys.exit(1)
PY
[ $? = 0 ] && ok || fail "the segments' languages are wrong: $(cat "$T/check")"

# A page with no language of its own: the one found for it is not repeated
# on every passage marked in it.
cat >"$T/nolang.html" <<'HTML'
<!DOCTYPE html><html><head><title>Harbour</title></head><body><article lang="en">
<h1>Harbour news</h1>
<p>The ferry sails again on Monday, after a week of repairs to its engine and its deck.</p>
<p>Tickets bought for the cancelled crossings are valid until the end of the month.</p>
<p lang="es">El transbordador vuelve a navegar el lunes.</p>
</article></body></html>
HTML
expect_status 0 "json of a page with no language" -- "$HERALD" text --format json "$T/nolang.html"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
l = [s["lang"] for s in d["segments"]]
sys.exit(0 if d["lang"] == "en" and l == ["en", "en", "en", "es"] else 1)' "$T/out" && ok ||
    fail "page without a language: $(cat "$T/out")"

# A mark that does not fit the text (an editor's <span lang="EN-US"> around
# Chinese) is not followed: the English voice cannot read it.
cat >"$T/zh.html" <<'HTML'
<!DOCTYPE html><html lang="zh-TW"><head><title>營地</title></head><body><article>
<h1>營地介紹</h1>
<p><span lang="EN-US">楓紅期間須過中午才可搭帳，水電便利，兩間衛浴使用燒材鍋爐。</span></p>
<p><span lang="EN-US">GPS: north of the river, by the old bridge.</span></p>
</article></body></html>
HTML
expect_status 0 "json of a mislabelled passage" -- "$HERALD" text --format json "$T/zh.html"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
l = [s["lang"] for s in d["segments"]]
sys.exit(0 if l == ["zh-TW", "zh-TW", "EN-US"] else 1)' "$T/out" && ok ||
    fail "a lang mark that does not fit its text is followed: $(cat "$T/out")"

# The sound: the German passage in the German voice; with --lang en, in the
# English one.
cat >"$T/short.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><title>Words from Berlin</title></head><body><article>
<h1>Words from Berlin</h1>
<p>The mayor spoke to the crowd in the square on Sunday evening.</p>
<p lang="de">Wir haben heute gemeinsam etwas Großes geschafft.</p>
<p>Then she thanked the volunteers, and the crowd went home in the rain.</p>
<p>A man in the crowd shouted <span lang="de">Wir sehen uns morgen wieder</span> to everyone there.</p>
</article></body></html>
HTML
expect_status 0 "export" -- "$HERALD" export "$T/short.html" -o "$T/mixed.wav" -q
expect_status 0 "export --lang en" -- "$HERALD" export --lang en "$T/short.html" -o "$T/forced.wav" -q
python3 - "$T" >"$T/check" 2>&1 <<'PY'
import os, sys
sys.path.insert(0, os.environ["TESTLIB"])
import audiomatch as am, voicematch as vm
t = sys.argv[1]
de = "Wir haben heute gemeinsam etwas Großes geschafft."
en = "Then she thanked the volunteers, and the crowd went home in the rain."
ref_de, ref_de_en = vm.reference(t, de, "de"), vm.reference(t, de, "en")
ref_back = vm.reference(t, en, "en")
words = "Wir sehen uns morgen wieder"
ref_w_de, ref_w_en = vm.reference(t, words, "de"), vm.reference(t, words, "en")
bad = 0
for name, want in (("mixed", "de"), ("forced", "en")):
    a = am.read_wav(os.path.join(t, name + ".wav"))
    _, s_de = vm.best_match(a, ref_de)
    _, s_en = vm.best_match(a, ref_de_en)
    _, s_back = vm.best_match(a, ref_back)
    print(f"{name}: German voice {s_de:.2f}, English voice {s_en:.2f}, back in English {s_back:.2f}")
    _, w_de = vm.best_match(a, ref_w_de)
    _, w_en = vm.best_match(a, ref_w_en)
    print(f"{name}: German words in an English sentence: German voice {w_de:.2f}, English {w_en:.2f}")
    whi, wlo = (w_de, w_en) if want == "de" else (w_en, w_de)
    if not (whi > 0.8 and whi > wlo + 0.25):
        print(f"FAIL: {name}: the words in a sentence are not in the {want} voice")
        bad += 1
    hi, lo = (s_de, s_en) if want == "de" else (s_en, s_de)
    # (After German words in the English voice espeak-ng's next sentence
    # comes out otherwise than on its own, so "back" is checked only where
    # the voices switch.)
    if not (hi > 0.85 and hi > lo + 0.1 and (want == "en" or s_back > 0.85)):
        print(f"FAIL: {name}: the passage is not in the {want} voice, or English does not come back")
        bad += 1
sys.exit(1 if bad else 0)
PY
[ $? = 0 ] && ok || fail "the German passage is not spoken in German: $(cat "$T/check")"
cat "$T/check"
finish
