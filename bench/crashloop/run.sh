#!/bin/sh
# bench/crashloop/run.sh HERALD [FEED_KILLS [EXPORT_KILLS]] — the full
# crash loops (tests/lib/crashloop.py): kill -9 `feeds update` and a batch
# export at random moments, 200 times each by default, checking the
# database and the files after every kill.  Figures as JSON on stdout's
# last lines and in bench/crashloop/last.json; see docs/FUZZING.md.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
herald=${1:?usage: run.sh HERALD [FEED_KILLS [EXPORT_KILLS]]}
work=$(mktemp -d "${TMPDIR:-/tmp}/herald-crashloop.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" HOME="$work/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$HOME"
python3 "$here/../../tests/lib/crashloop.py" "$herald" "$work/loop" \
    --feeds "${2:-200}" --export "${3:-200}" --json "$here/last.json"
cat "$here/last.json"
