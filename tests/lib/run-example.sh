#!/bin/sh
# run-example.sh HERALD PAGE — what `make run` does after building: speak
# the example page.  On a machine with no audio output (a server, a
# container, CI) it says so and writes the speech to a WAV file instead:
# a notice, not an error, since the run then does what it can and succeeds.
herald=$1
page=$2
out=${TMPDIR:-/tmp}/herald-example.wav
echo "herald: reading $page (space pauses, q quits)"
"$herald" text "$page" | head -n 1 | sed 's/^/headline: /'
# `herald devices` fails when there is no audio output at all; then
# `herald read` would only say the same as an error.
if "$herald" devices >/dev/null 2>&1; then
    "$herald" read "$page"
    status=$?
    [ $status -eq 0 ] && exit 0
    [ $status -eq 2 ] && exit 2
    echo "herald: playing failed; writing the speech to $out instead"
else
    echo "herald: no audio output here; writing the speech to $out instead"
fi
"$herald" export --force --quiet "$page" -o "$out" || exit 1
echo "herald: wrote $out ($(wc -c < "$out") bytes); play it with: aplay $out"
