#!/usr/bin/env bash
# `herald bulletin -o FILE`: the bulletin as an audio file that opens with
# the chime; on a schedule the file is replaced whole each time (a reader
# never finds it half-written) and a SIGTERM leaves no temporary behind.
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/httpd.sh"

mkdir -p "$T/www"
start_httpd "$T/www"
cat > "$T/www/news.xml" <<XML
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Crier</title><link>$BASE/</link>
<language>en</language>
<item><title>Bridge open again</title><guid>c1</guid>
<pubDate>$(date -u -R)</pubDate></item>
</channel></rss>
XML
db="$T/herald.db"
expect_status 0 "feeds add" -- "$HERALD" feeds --db "$db" add "$BASE/news.xml"
mkdir -p "$T/o"

expect_status 0 "bulletin -o" -- "$HERALD" bulletin --db "$db" -o "$T/o/news.wav"
grep -q "^herald: bulletin [0-9:]*: 1 headline from 1 feed$" "$T/err" && ok ||
    fail "no log line for the bulletin: $(cat "$T/err")"
python3 - "$T/o/news.wav" <<'PY' && ok || fail "the file is not a bulletin that starts with the chime"
import array, sys, wave
w = wave.open(sys.argv[1])
n = w.getnframes()
a = array.array("h", w.readframes(n))
rate = w.getframerate()
# The chime: a tone from the first sample on, for 180 ms.
tone = a[int(rate * 0.02):int(rate * 0.16)]
print(f"{n / rate:.1f} s, chime peak {max(tone)}")
sys.exit(0 if n / rate > 3 and max(tone) > 3000 else 1)
PY
# --profile as read and export take it: the fast profile's bulletin is
# shorter; an unknown profile is refused, naming those there are.
expect_status 0 "bulletin --profile fast" -- "$HERALD" bulletin --db "$db" --no-refresh \
    --profile fast -o "$T/o/fast.wav"
python3 - "$T/o/news.wav" "$T/o/fast.wav" <<'PY' && ok || fail "--profile fast is not heard faster"
import sys, wave
d = [wave.open(f).getnframes() / wave.open(f).getframerate() for f in sys.argv[1:]]
print(f"default {d[0]:.2f} s, fast {d[1]:.2f} s")
sys.exit(0 if d[1] < d[0] * 0.9 else 1)
PY
expect_error 1 "unknown voice profile 'nope'.*fast" "bulletin --profile nope" -- \
    "$HERALD" bulletin --db "$db" --no-refresh --profile nope --script
expect_status 0 "-o flac" -- "$HERALD" bulletin --db "$db" --no-refresh -o "$T/o/news.flac"
[ "$(head -c 4 "$T/o/news.flac")" = "fLaC" ] && ok || fail "-o news.flac is not FLAC"

# On a schedule: every version a reader sees is whole.
cat > "$T/watch.py" <<'PY'
import os, signal, subprocess, sys, time, wave
herald, db, out = sys.argv[1:4]
p = subprocess.Popen([herald, "bulletin", "--db", db, "--no-refresh",
                      "--every", "1s", "-o", out], stderr=subprocess.PIPE,
                     stdin=subprocess.DEVNULL, text=True)
seen, bad, end = set(), 0, time.monotonic() + 30
while time.monotonic() < end and len(seen) < 4:
    try:
        st = os.stat(out)
        with open(out, "rb") as f:
            data = f.read()
        key = (st.st_ino, st.st_mtime_ns)
        import io
        w = wave.open(io.BytesIO(data))
        if 44 + w.getnframes() * 2 > len(data) or w.getnframes() == 0:
            bad += 1
        seen.add(key)
    except FileNotFoundError:
        pass
    except (wave.Error, EOFError):
        bad += 1
    time.sleep(0.01)
p.send_signal(signal.SIGTERM)
rc = p.wait(timeout=10)
err = p.stderr.read()
left = [n for n in os.listdir(os.path.dirname(out)) if n.endswith(".part")]
print(f"versions seen {len(seen)}, half-written {bad}, exit {rc}, left {left}")
print(err)
sys.exit(0 if len(seen) >= 4 and bad == 0 and rc == 0 and not left else 1)
PY
python3 "$T/watch.py" "$HERALD" "$db" "$T/o/news.wav" >"$T/watch.log" 2>&1 && ok ||
    { fail "the scheduled file is not replaced whole"; cat "$T/watch.log" >&2; }

expect_error 2 "not a regular file" "-o a folder" -- "$HERALD" bulletin --db "$db" -o "$T/o"
expect_error 2 "not both" "--script and -o" -- "$HERALD" bulletin --db "$db" --script -o "$T/x.wav"
expect_error 2 "-o needs a file" "-o -" -- "$HERALD" bulletin --db "$db" -o -
finish
