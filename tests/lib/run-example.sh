#!/bin/sh
# run-example.sh HERALD PAGE — what `make run` does after building: speak
# the example page.  On a machine with no audio output (a server, a
# container, CI) it says so and writes the speech to a WAV file instead.
herald=$1
page=$2
echo "herald: reading $page (space pauses, q quits)"
"$herald" text "$page" | head -n 1 | sed 's/^/headline: /'
if "$herald" read "$page"; then
    exit 0
fi
status=$?
[ $status -eq 2 ] && exit 2
out=${TMPDIR:-/tmp}/herald-example.wav
echo "herald: no audio output here; writing the speech to $out instead"
"$herald" export --force --quiet "$page" -o "$out" || exit 1
echo "herald: wrote $out ($(wc -c < "$out") bytes); play it with: aplay $out"
