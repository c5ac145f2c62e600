#!/usr/bin/env bash
# Scripts espeak-ng cannot read: Japanese kanji reach espeak-ng as kana
# (MeCab's readings), so a Japanese page is spoken, not "Chinese letter"
# after "Chinese letter"; the written text is unchanged.  Text in a script
# the voice cannot read (Khmer in an English page, Chinese characters in a
# Mandarin one) is left out, and export says so once.
. "$TESTLIB/test-lib.sh"
command -v soxi >/dev/null || { echo "skip: sox (soxi) is not installed"; exit 77; }
duration_of() { soxi -D "$1" 2>/dev/null; }

cat >"$T/ja.html" <<'HTML'
<!DOCTYPE html><html lang="ja"><head><title>東京の天気</title></head><body><article>
<h1>東京の天気</h1>
<p>今日は東京都で良い天気が続き、多くの人が公園を訪れました。</p>
<p>気象庁によると、明日も晴れる見込みです。</p>
</article></body></html>
HTML
expect_status 0 "export a Japanese page" -- "$HERALD" export "$T/ja.html" -o "$T/ja.wav"
grep -q "cannot be spoken" "$T/err" && fail "a Japanese page is said to be unspeakable: $(cat "$T/err")" || ok
expect_status 0 "text of a Japanese page" -- "$HERALD" text "$T/ja.html"
grep -q "^今日は東京都で良い天気が続き" "$T/out" && ok || fail "the written text changed: $(cat "$T/out")"
# espeak-ng alone reads each of the kanji as "Chinese letter": much longer.
espeak-ng -v ja -w "$T/raw.wav" "今日は東京都で良い天気が続き、多くの人が公園を訪れました。気象庁によると、明日も晴れる見込みです。"
d=$(duration_of "$T/ja.wav"); raw=$(duration_of "$T/raw.wav")
awk -v d="$d" -v r="$raw" 'BEGIN{exit !(d < r * 0.5)}' && ok ||
    fail "the Japanese page takes $d s, espeak-ng alone $raw s: kanji are still read as letters"
python3 - "$T" >"$T/check" 2>&1 <<'PY'
import os, sys
sys.path.insert(0, os.environ["TESTLIB"])
import audiomatch as am, voicematch as vm
t = sys.argv[1]
a = am.read_wav(os.path.join(t, "ja.wav"))
# The first paragraph as kana, in the Japanese voice (what a reader says).
kana = "キョーワトーキョートデヨイテンキガツズキ、オークノヒトガコーエンヲオトズレました。"
_, s = vm.best_match(a, vm.reference(t, kana, "ja"))
print(f"kana reading: {s:.2f}")
sys.exit(0 if s > 0.85 else 1)
PY
[ $? = 0 ] && ok || fail "the Japanese paragraph is not heard as its kana reading: $(cat "$T/check")"

# Khmer in an English page: left out, said once.
cat >"$T/km.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><title>The border sign</title></head><body><article>
<h1>The border sign</h1>
<p>The sign at the border read ព័ត៌មាន ព័ត៌មាន, which means news, in large letters.</p>
<p>The ferry sails again on Monday, after a week of repairs to its engine.</p>
</article></body></html>
HTML
sed 's/ ព័ត៌មាន ព័ត៌មាន,/,/' "$T/km.html" >"$T/plain.html"
expect_status 0 "export with Khmer" -- "$HERALD" export "$T/km.html" -o "$T/km.wav"
[ "$(grep -c 'some of it is in Khmer script, which cannot be spoken; it is left out' "$T/err")" = 1 ] && ok ||
    fail "export does not say once that the Khmer is left out: $(cat "$T/err")"
expect_status 0 "export without it" -- "$HERALD" export "$T/plain.html" -o "$T/plain.wav" -q
k=$(duration_of "$T/km.wav"); p=$(duration_of "$T/plain.wav")
awk -v k="$k" -v p="$p" 'BEGIN{x=k-p; exit !(x < 1.0)}' && ok ||
    fail "the Khmer words are still read out ($k s against $p s without them)"

# Chinese characters in a Mandarin page: espeak-ng spells their pinyin.
cat >"$T/zh.html" <<'HTML'
<!DOCTYPE html><html lang="zh-CN"><head><title>新闻</title></head><body><article>
<h1>新闻 CCTV</h1>
<p>国家主席今天在北京会见了来访的外国领导人，双方就经济合作交换了意见。</p>
</article></body></html>
HTML
expect_status 0 "export a Mandarin page" -- "$HERALD" export "$T/zh.html" -o "$T/zh.wav"
grep -q "some of it is in Chinese characters, which cannot be spoken" "$T/err" && ok ||
    fail "a Mandarin page does not say its characters are left out: $(cat "$T/err")"
# Cantonese: espeak-ng reads the characters.
sed 's/zh-CN/yue/' "$T/zh.html" >"$T/yue.html"
expect_status 0 "export a Cantonese page" -- "$HERALD" export "$T/yue.html" -o "$T/yue.wav"
grep -q "cannot be spoken" "$T/err" && fail "Cantonese is said to be unspeakable" || ok
finish
