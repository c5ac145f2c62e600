#!/usr/bin/env python3
"""Body quality per fold, beside the peers, on every development set.

  bench/extract/folds.py HERALD [SHARED] [--set NAME] [--worst N] [--save DIR]

Runs `herald text --body-only --format json` over $SHARED/corpus/extraction
and each set of $SHARED/corpus/extraction-wide (with that corpus's score.py,
so the numbers are the ones its README publishes), splits each set in two
folds by a hash of the page id -- fold = int(sha1(id).hexdigest(), 16) % 2 --
and prints F1, accuracy, pages below F1 0.5 and pages with no text for each
fold and for the whole set, herald beside every stored peer.  Rules are tuned
on fold 0; a change is kept only when fold 1 does not get worse.

--worst N lists herald's N worst pages of each fold; --save DIR keeps
herald's texts as DIR/SET/ID.txt (to compare two builds page by page).
"""
import argparse, gzip, hashlib, importlib.util, json, os, sys


def load_scorer(shared):
    path = os.path.join(shared, "corpus", "extraction-wide", "score.py")
    spec = importlib.util.spec_from_file_location("wide_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def fold_of(pid):
    return int(hashlib.sha1(pid.encode()).hexdigest(), 16) % 2


def sets(shared, S):
    """(name, kind, truth, html, peers) for each development set."""
    out = []
    root = os.path.join(shared, "corpus", "extraction")
    with open(os.path.join(root, "truth.json"), encoding="utf-8") as fh:
        t = json.load(fh)
    truth = {pid: {"text": v.get("articleBody", "")} for pid, v in t.items()}
    html = {f[:-len(".html.gz")]: os.path.join(root, "html", f)
            for f in os.listdir(os.path.join(root, "html")) if f.endswith(".html.gz")}
    out.append(("extraction", "text", truth, html, {}))
    wide = os.path.join(shared, "corpus", "extraction-wide")
    for name in S.SETS:
        d = os.path.join(wide, name)
        kind, truth, html = S.load_set(d)
        peers = S.load_peers(os.path.join(wide, "peers"), name, S.set_version(d))
        out.append((name, kind, truth, html, {S.label(p): p["output"] for p in peers.values()}))
    return out


def line(label, s):
    return "  %-40s %6.3f %6.3f %5d %5d" % (label, s["f1"], s["accuracy"], s["bad"], s["empty"])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("herald")
    ap.add_argument("shared", nargs="?", default=os.environ.get("SHARED", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared")))
    ap.add_argument("--set", action="append", help="only this set (repeatable)")
    ap.add_argument("--worst", type=int, default=0, metavar="N")
    ap.add_argument("--save", metavar="DIR")
    a = ap.parse_args()
    S = load_scorer(a.shared)
    for name, kind, truth, html, peers in sets(a.shared, S):
        if a.set and name not in a.set:
            continue
        texts, failed = S.run_herald(a.herald, html)
        if a.save:
            os.makedirs(os.path.join(a.save, name), exist_ok=True)
            for pid, t in texts.items():
                with open(os.path.join(a.save, name, pid + ".txt"), "w", encoding="utf-8") as fh:
                    fh.write(t)
        print("%s (%s; %d pages)" % (name, "snippet F1" if kind == "snippets" else "shingle F1", len(truth)))
        print("  %-40s %6s %6s %5s %5s" % ("fold / extractor", "F1", "acc", "<0.5", "empty"))
        for fold in (0, 1, None):
            sub = {pid: v for pid, v in truth.items() if fold is None or fold_of(pid) == fold}
            tag = "all" if fold is None else "fold %d" % fold
            me = S.score(kind, sub, texts)
            print(line("%s herald" % tag, me))
            for lab, out in sorted(peers.items()):
                print(line("%s %s" % (tag, lab.split(" ")[0]), S.score(kind, sub, out)))
            if a.worst and fold is not None:
                for pid, c in sorted(me["rows"].items(), key=lambda kv: kv[1]["f1"])[:a.worst]:
                    best = max((S.score(kind, {pid: sub[pid]}, o)["f1"] for o in peers.values()), default=0)
                    print("    %.2f (peers' best %.2f) %s %s" % (c["f1"], best, pid[:48], truth[pid].get("site", "")))
        if failed:
            print("  herald printed no text for %d pages" % len(failed))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
