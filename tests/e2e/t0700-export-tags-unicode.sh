#!/usr/bin/env bash
# Titles and bylines in German, Russian, Japanese and Arabic, exported to
# all five formats, read back right by readers herald did not write:
# exiftool for every format, mutagen for all but wav (which it does not
# tag).  An mp3's ID3 frames were flagged ISO-8859-1 while holding UTF-8
# ("für" came back "fÃ¼r"); a wav's RIFF INFO had no CSET chunk, so
# readers took its UTF-8 for Latin-1.
. "$TESTLIB/test-lib.sh"
command -v exiftool >/dev/null || { fail "exiftool is not installed (libimage-exiftool-perl)"; finish; }
# Debian's python3-mutagen belongs to the system's python3.
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$py" -c 'import mutagen' 2>/dev/null || { fail "mutagen is not installed (python3-mutagen)"; finish; }

# page FILE LANG TITLE AUTHOR BODY
page() {
    printf '<html lang="%s"><head><title>%s</title><meta name="author" content="%s"></head><body><article>\n<h1>%s</h1>\n<p>%s</p>\n</article></body></html>\n' \
        "$2" "$3" "$4" "$3" "$5" >"$1"
}
page "$T/de.html" de 'Über 1Password für Mac: Größe zählt' 'Jörg Müller' 'Am Morgen regnete es in der ganzen Stadt. Die Straßen waren nass, und viele Menschen blieben zu Hause. Am Nachmittag kam die Sonne zurück.'
page "$T/ru.html" ru 'Москва готовится к зиме' 'Иван Петров' 'Утром в городе шёл сильный дождь. Улицы были мокрыми, и многие люди остались дома. После обеда снова выглянуло солнце.'
page "$T/ja.html" ja '東京で桜が満開に' '山田太郎' '朝から町じゅうで強い雨が降りました。通りはぬれていて、多くの人が家にいました。午後になると、また日が差してきました。'
page "$T/ar.html" ar 'الأمطار تعود إلى القاهرة' 'أحمد علي' 'هطلت أمطار غزيرة على المدينة في الصباح. كانت الشوارع مبللة وبقي كثير من الناس في بيوتهم. وفي فترة بعد الظهر عادت الشمس من جديد.'

for fmt in wav flac ogg opus mp3; do
    expect_status 0 "export to $fmt" -- "$HERALD" export "$T/de.html" "$T/ru.html" \
        "$T/ja.html" "$T/ar.html" -d "$T/$fmt" --format "$fmt" -q
done

cat >"$T/check.py" <<'EOF'
import json, os, subprocess, sys
import mutagen

top = sys.argv[1]
want = {
    "Über 1Password für Mac: Größe zählt": "Jörg Müller",
    "Москва готовится к зиме": "Иван Петров",
    "東京で桜が満開に": "山田太郎",
    "الأمطار تعود إلى القاهرة": "أحمد علي",
}
problems = []
for fmt in ("wav", "flac", "ogg", "opus", "mp3"):
    folder = os.path.join(top, fmt)
    files = sorted(os.path.join(folder, n) for n in os.listdir(folder))
    if len(files) != 4:
        problems.append("%s: %d files, expected 4" % (fmt, len(files)))
        continue
    # exiftool: every format.
    out = subprocess.run(["exiftool", "-j", "-Title", "-Artist"] + files,
                         capture_output=True, text=True, check=True).stdout
    got = {r.get("Title"): r.get("Artist") for r in json.loads(out)}
    if got != want:
        problems.append("exiftool reads %s tags as %r" % (fmt, got))
    if fmt == "wav":
        continue
    # mutagen: the others (its easy interface maps ID3 frames too).
    got = {}
    for f in files:
        m = mutagen.File(f, easy=True)
        title = (m.get("title") or [None])[0] if m is not None else None
        artist = (m.get("artist") or [None])[0] if m is not None else None
        got[title] = artist
    if got != want:
        problems.append("mutagen reads %s tags as %r" % (fmt, got))
    if fmt == "mp3":
        from mutagen.id3 import ID3
        for f in files:
            for frame in ID3(f).getall("TIT2") + ID3(f).getall("TPE1"):
                if frame.encoding not in (1, 2, 3):   # UTF-16, UTF-16BE, UTF-8
                    problems.append("%s: %s flagged ISO-8859-1" % (f, frame.FrameID))
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
EOF
"$py" "$T/check.py" "$T" >"$T/check.out" 2>&1 && ok || fail "tags do not read back: $(cat "$T/check.out")"

# herald's own reader (the podcast feed) reads the same titles back from
# the mp3 files.
expect_status 0 "feed of the mp3 folder" -- "$HERALD" export "$T/de.html" -d "$T/mp3" \
    --format mp3 -q --podcast-feed "$T/mp3.xml" --base-url https://example.org/p/
for t in 'Über 1Password für Mac: Größe zählt' 'Москва готовится к зиме' '東京で桜が満開に' 'الأمطار تعود إلى القاهرة'; do
    grep -qF "<title>$t</title>" "$T/mp3.xml" && ok || fail "the feed lacks the title '$t'"
done
finish
