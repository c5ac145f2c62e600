#!/usr/bin/env bash
# Keys under a real pseudo-terminal (every default key, and keys remapped
# in config.ini), and the terminal's modes restored on
# every way out: q, the end, Ctrl-C, SIGTERM, SIGTSTP/SIGCONT, a crash.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

cat > "$T/short.html" <<'HTML'
<html lang="en"><head><title>Short</title></head><body><article>
<h1>Short news</h1><p>This is the whole story. It ends here.</p>
</article></body></html>
HTML
if python3 "$TESTLIB/ptytest.py" "$HERALD" "$FIXTURES/seed.html" "$T/short.html" "$T" >"$T/log" 2>&1; then
    ok
else
    fail "keys or terminal restore under a pty"
fi
cat "$T/log"
finish
