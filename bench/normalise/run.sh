#!/bin/sh
# run.sh HERALD — speech normalisation on the shared cases, in two folds by
# a hash of the case id (folds.py), per language and class, next to
# espeak-ng alone (see docs/SPEECH.md and docs/BENCHMARKS.md).
herald=${1:?usage: run.sh HERALD}
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/folds.py" --herald "$herald"
