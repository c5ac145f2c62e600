#!/usr/bin/env python3
"""Score herald's normalisation on two folds of the shared cases.

Each case goes to fold int(sha1(id).hexdigest(), 16) % 2.  Rules are tuned
on fold 0; a change is kept only if fold 1 does not get worse.  The scoring
itself is the shared scorer's (score.py --cases FOLD-FILE).

  python3 bench/normalise/folds.py --herald build/herald [--fold 0|1] [score.py options]
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "normalise")


def fold_of(case_id):
    return int(hashlib.sha1(case_id.encode()).hexdigest(), 16) % 2


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--herald", required=True)
    ap.add_argument("--cases", default=os.path.join(CORPUS, "cases.tsv"))
    ap.add_argument("--fold", type=int, choices=(0, 1), action="append")
    args, rest = ap.parse_known_args()
    folds = args.fold or [0, 1]
    with open(args.cases, encoding="utf-8") as f:
        lines = f.read().splitlines()
    status = 0
    for k in folds:
        keep = [l for l in lines
                if l.startswith("#") or not l.strip() or fold_of(l.split("\t")[0]) == k]
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False,
                                         encoding="utf-8") as t:
            t.write("\n".join(keep) + "\n")
            path = t.name
        print(f"== fold {k} ({sum(1 for l in keep if l and not l.startswith('#'))} cases)")
        sys.stdout.flush()
        try:
            rc = subprocess.call([sys.executable, os.path.join(CORPUS, "score.py"),
                                  "--herald", args.herald, "--cases", path,
                                  "--label", f"fold {k}"] + rest)
        finally:
            os.unlink(path)
        status = status or rc
    return status


if __name__ == "__main__":
    sys.exit(main())
