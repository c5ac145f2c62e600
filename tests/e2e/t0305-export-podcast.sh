#!/usr/bin/env bash
# herald export --podcast-feed FEED.xml --base-url URL: a real XML parser
# reads the feed back (RSS 2.0 structure, enclosure URL under the base URL,
# length = the file's size, MIME type, duration, titles, dates, order), and
# the feed is written atomically: a read-only folder or a full disk leaves
# no partial feed, no temporary, and an older feed untouched.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"

command -v python3 >/dev/null || { echo "skip: python3 is needed to parse the feed"; exit 77; }

# article FILE TITLE HEAD-EXTRA BODY
article() {
    printf '<html lang="en"><head><title>%s</title>%s</head><body><article>\n<h1>%s</h1>\n<p>%s</p>\n</article></body></html>\n' \
        "$2" "$3" "$2" "$4" >"$1"
}
mkdir "$T/www"
article "$T/a.html" 'Tides &amp; &quot;Moon&quot; report' \
    '<meta property="article:published_time" content="2024-03-05T10:30:00Z"><meta name="author" content="Ada Byron">' \
    "The tide rose twice today, as it does. Fishermen were pleased with the catch."
article "$T/b.html" 'Café opens on Ünter Street' '' \
    "A small café opened its doors this morning. Coffee was served to all."
article "$T/www/c.html" 'Rain expected on Friday' \
    '<meta property="article:published_time" content="2023-11-20T08:00:00+02:00">' \
    "Forecasters expect rain on Friday afternoon. Bring an umbrella."
article "$T/d.html" 'Library extends its opening hours' \
    '<meta property="article:published_time" content="2025-01-10">' \
    "The library will now open at eight. Readers welcomed the change."
start_httpd "$T/www"

out="$T/pod"
base="https://example.org/news pod/"   # a space: the URL must encode it
expect_status 0 "export with a podcast feed" -- \
    "$HERALD" export "$T/a.html" "$T/b.html" "$BASE/c.html" -d "$out" -j 2 \
    --podcast-feed "$out/feed.xml" --base-url "$base"
grep -q "^wrote .*feed.xml (3 items)" "$T/out" && ok || fail "no 'wrote feed.xml (3 items)' line: $(cat "$T/out")"

# A later run in another format adds to the folder; the feed lists all.
expect_status 0 "second run, mp3" -- \
    "$HERALD" export "$T/d.html" -d "$out" --format mp3 -q \
    --podcast-feed "$out/feed.xml" --base-url "$base"
[ ! -s "$T/out" ] && ok || fail "--quiet printed: $(cat "$T/out")"

# xmllint is in the Makefile's packages: a check skipped is no check.
if command -v xmllint >/dev/null; then
    xmllint --noout "$out/feed.xml" 2>"$T/xmllint" && ok || fail "xmllint: $(cat "$T/xmllint")"
else
    fail "xmllint is not installed (libxml2-utils)"
fi

cat >"$T/check.py" <<'EOF'
import email.utils, os, re, sys, urllib.parse, wave
import xml.etree.ElementTree as ET

feed, folder, base, http_base, mp3_as_wav = sys.argv[1:6]
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
problems = []
def check(cond, what):
    if not cond:
        problems.append(what)

root = ET.parse(feed).getroot()
check(root.tag == "rss" and root.get("version") == "2.0", "root is not <rss version=2.0>")
channels = root.findall("channel")
check(len(channels) == 1, "expected one <channel>, got %d" % len(channels))
ch = channels[0]
for tag in ("title", "link", "description"):
    el = ch.find(tag)
    check(el is not None and (el.text or "").strip(), "channel lacks <%s>" % tag)
# Not the folder's name: the default, with no --title or config.
check(ch.findtext("title") == "herald", "channel title %r" % ch.findtext("title"))
check(ch.findtext("link") == urllib.parse.quote(base, safe=":/"),
      "channel link %r, expected the base URL" % ch.findtext("link"))
check(email.utils.parsedate_to_datetime(ch.findtext("lastBuildDate")) is not None, "bad lastBuildDate")

audio = sorted(n for n in os.listdir(folder) if re.search(r"\.(wav|mp3)$", n))
items = ch.findall("item")
check(len(items) == len(audio) == 4, "%d items for %d audio files (expected 4)" % (len(items), len(audio)))

want = {  # title -> (date in UTC or None for "the file's time", link)
    'Tides & "Moon" report': ("2024-03-05 10:30:00+00:00", None),
    "Café opens on Ünter Street": (None, None),
    "Rain expected on Friday": ("2023-11-20 06:00:00+00:00", http_base + "/c.html"),
    "Library extends its opening hours": ("2025-01-10 00:00:00+00:00", None),
}
mime = {".wav": "audio/wav", ".mp3": "audio/mpeg"}
prefix = base.rstrip("/") + "/"
prefix_enc = urllib.parse.quote(prefix, safe=":/")
seen_titles, guids, dates = [], set(), []
for it in items:
    title = it.findtext("title")
    seen_titles.append(title)
    check(title in want, "unexpected item title %r" % title)
    guid = it.findtext("guid")
    check(guid and guid not in guids, "missing or repeated guid %r" % guid)
    guids.add(guid)
    enc = it.findall("enclosure")
    check(len(enc) == 1, "%r: %d enclosures" % (title, len(enc)))
    if not enc:
        continue
    url = enc[0].get("url")
    check(url.startswith(prefix_enc), "%r: enclosure %r is not under %r" % (title, url, prefix_enc))
    name = urllib.parse.unquote(url[len(prefix_enc):])
    check("/" not in name and name in audio, "%r: enclosure names %r, not a file of the folder" % (title, name))
    if name not in audio:
        continue
    path = os.path.join(folder, name)
    check(enc[0].get("length") == str(os.path.getsize(path)),
          "%r: length %s, file has %d bytes" % (title, enc[0].get("length"), os.path.getsize(path)))
    check(enc[0].get("type") == mime[os.path.splitext(name)[1]], "%r: type %r" % (title, enc[0].get("type")))
    # sox here decodes no MP3: the same article as WAV says how long it is.
    with wave.open(path if name.endswith(".wav") else mp3_as_wav) as w:
        secs = w.getnframes() / w.getframerate()
    dur = it.findtext(ITUNES + "duration") or ""
    m = re.fullmatch(r"(\d+):(\d\d):(\d\d)", dur)
    check(m, "%r: itunes:duration %r is not H:MM:SS" % (title, dur))
    if m:
        d = int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3])
        check(abs(d - secs) <= 1, "%r: duration %s, file lasts %.2f s" % (title, dur, secs))
    pub = email.utils.parsedate_to_datetime(it.findtext("pubDate"))
    dates.append(pub.timestamp())
    wdate, wlink = want.get(title, (None, None))
    if wdate:
        check(str(pub) == wdate, "%r: pubDate %s, expected %s" % (title, pub, wdate))
    else:
        check(abs(pub.timestamp() - os.path.getmtime(path)) < 2,
              "%r: pubDate %s is not the file's time" % (title, pub))
    check(it.findtext("link") == wlink, "%r: link %r, expected %r" % (title, it.findtext("link"), wlink))
    if title == 'Tides & "Moon" report':
        check(it.findtext(ITUNES + "author") == "Ada Byron", "author %r" % it.findtext(ITUNES + "author"))
check(dates == sorted(dates, reverse=True), "items are not newest first: %s" % seen_titles)
check(sorted(seen_titles) == sorted(want), "titles %s" % seen_titles)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
expect_status 0 "d.html as WAV, for its length" -- "$HERALD" export "$T/d.html" -o "$T/d.wav" -q
if python3 "$T/check.py" "$out/feed.xml" "$out" "$base" "$BASE" "$T/d.wav" >"$T/check.out" 2>&1; then
    ok
else
    fail "the feed does not check out:"
    sed 's/^/  /' "$T/check.out" >&2
fi
[ -z "$(find "$out" -name '.*.part')" ] && ok || fail "temporaries left: $(ls -A "$out")"

# A folder whose name is not UTF-8 still gives a well-formed feed.
odd="$T/$(printf 'pc\377dir')"
mkdir "$odd"
expect_status 0 "export into a folder named in Latin-1" -- \
    "$HERALD" export "$T/a.html" -d "$odd" -q --podcast-feed "$T/odd.xml" --base-url "$base"
python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$T/odd.xml" &&
    ok || fail "the feed of a folder with a non-UTF-8 name is not well-formed XML"

# Usage: the feed needs -d and an http(s) base URL.
expect_error 2 "needs -d" "feed without -d" -- \
    "$HERALD" export "$T/a.html" -o "$T/x.wav" --podcast-feed "$T/f.xml" --base-url "$base"
expect_error 2 "needs --base-url" "feed without a base URL" -- \
    "$HERALD" export "$T/a.html" -d "$out" --podcast-feed "$T/f.xml"
expect_error 2 "must be an http" "file: base URL" -- \
    "$HERALD" export "$T/a.html" -d "$out" --podcast-feed "$T/f.xml" --base-url "file:///srv"
# A feed named like an output would replace the audio it lists.
expect_error 2 "name of an audio or caption file" "feed named .wav" -- \
    "$HERALD" export "$T/a.html" -d "$out" --podcast-feed "$out/x.wav" --base-url "$base"

# Atomic: a feed that cannot be written leaves nothing (read-only folder)
# and an older feed as it was (full disk); no temporaries either.
mounted=""
trap 'for m in $mounted; do umount "$m" 2>/dev/null; done; kill "$HTTPD_PID" 2>/dev/null; rm -rf "$T"' EXIT
mkdir "$T/ro" "$T/full"
if mount -t tmpfs -o ro,size=64k tmpfs "$T/ro" 2>/dev/null; then
    mounted="$mounted $T/ro"
    expect_error 1 "Read-only file system" "feed in a read-only folder" -- \
        "$HERALD" export "$T/a.html" -d "$out" -q --podcast-feed "$T/ro/feed.xml" --base-url "$base"
    [ -z "$(ls -A "$T/ro")" ] && ok || fail "read-only folder holds: $(ls -A "$T/ro")"
elif [ "$(id -u)" != 0 ]; then
    chmod 555 "$T/ro"
    expect_error 1 "Permission denied" "feed in a read-only folder" -- \
        "$HERALD" export "$T/a.html" -d "$out" -q --podcast-feed "$T/ro/feed.xml" --base-url "$base"
    [ -z "$(ls -A "$T/ro")" ] && ok || fail "read-only folder holds: $(ls -A "$T/ro")"
else
    echo "note: mount failed and root ignores modes; read-only case not checked"
fi

if mount -t tmpfs -o size=64k tmpfs "$T/full" 2>/dev/null; then
    mounted="$mounted $T/full"
    printf '<?xml version="1.0"?><rss version="2.0"><channel><title>old</title></channel></rss>\n' >"$T/full/feed.xml"
    cp "$T/full/feed.xml" "$T/old-feed.xml"
    dd if=/dev/zero of="$T/full/fill" bs=4k 2>/dev/null
    expect_error 1 "No space left on device" "feed on a full disk" -- \
        "$HERALD" export "$T/a.html" -d "$out" -q --podcast-feed "$T/full/feed.xml" --base-url "$base"
    cmp -s "$T/full/feed.xml" "$T/old-feed.xml" && ok || fail "a failed rewrite changed the old feed"
    [ "$(ls -A "$T/full" | sort | tr '\n' ' ')" = "feed.xml fill " ] && ok || fail "full disk holds: $(ls -A "$T/full")"
else
    printf 'old feed\n' >"$T/full/feed.xml"
    (trap "" XFSZ; ulimit -f 1; "$HERALD" export "$T/a.html" -d "$out" -q --podcast-feed "$T/full/feed.xml" \
        --base-url "$base") >"$T/out" 2>"$T/err"
    st=$?
    [ "$st" = 1 ] && ok || fail "file size limit: exit status $st, expected 1"
    grep -q '^herald: error: .*File too large' "$T/err" && ok || fail "file size limit: $(cat "$T/err")"
    [ "$(cat "$T/full/feed.xml")" = "old feed" ] && ok || fail "a failed rewrite changed the old feed"
    [ "$(ls -A "$T/full")" = "feed.xml" ] && ok || fail "left: $(ls -A "$T/full")"
fi
finish
