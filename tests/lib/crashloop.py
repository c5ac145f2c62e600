#!/usr/bin/env python3
"""Crash loops: kill -9 herald at random moments and check what it leaves.

  crashloop.py HERALD WORKDIR --feeds N --export M [--seed S] [--json FILE]

Feeds: several feeds on a local HTTP server (tests/lib/httpd.py), some
slow to answer, are subscribed and updated once; a third of their items
are marked read.  Then N times: the feeds change (new items), `herald
feeds update` starts and is killed with SIGKILL at a random moment of a
run.  After every kill the database must pass PRAGMA integrity_check and
foreign_key_check, keep every subscription and every read mark, and the
next `feeds update` (the last one, not killed) must complete.

Export: M times `herald export -d DIR --captions vtt -j 2` of a few pages,
sometimes with --force (so files are being replaced) and sometimes after
removing some outputs, is killed (its whole process group: the workers
too) at a random moment.  After every kill each file under a final name
must be whole (a WAV whose header matches its size, a WebVTT file that
ends its last cue); only herald's own .NAME.XXXXXX.herald.part temporaries
and .NAME.EXT.herald.claim name claims may be left, and the last, unkilled
run (2 s later: younger temporaries are never swept) must complete, write
every file and leave neither (it sweeps them or takes them over).

Prints one line of figures per loop; exits 1 on the first broken
promise (with what broke), 0 otherwise.
"""
import argparse, json, os, random, signal, sqlite3, subprocess, sys, time, wave

HERE = os.path.dirname(os.path.abspath(__file__))
FAILS = []


def fail(what):
    print("FAIL: " + what, flush=True)
    FAILS.append(what)


def run(cmd, env, timeout=300):
    return subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=timeout)


def group_running(pgid):
    """Whether a process of group pgid still runs (a zombie does not: one
    whose parent died waits for init to reap it, which may take long)."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def kill_at(cmd, env, delay, group=True):
    """Start cmd in its own process group, SIGKILL it (the whole group, or
    only herald's first process as `kill -9 PID` does) after delay
    seconds; True when it was still running then."""
    p = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    try:
        p.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        if group:
            os.killpg(p.pid, signal.SIGKILL)
        else:
            p.kill()
        p.wait()
        # Workers left behind (they end on their own when the parent
        # dies) are waited for before the folder is looked at.
        for _ in range(200):
            if not group_running(p.pid):
                break
            time.sleep(0.05)
        return True


# ---- feeds -----------------------------------------------------------------

def write_feed(www, n, generation, items=30):
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<rss version="2.0"><channel><title>Feed %d</title>' % n,
             '<link>http://feed%d.example/</link><language>en</language>' % n]
    for i in range(generation + items, generation, -1):
        lines.append('<item><title>Story %d of feed %d</title>'
                     '<link>http://feed%d.example/%d.html</link><guid>f%d-%d</guid>'
                     '<pubDate>Mon, 06 May 2024 12:%02d:00 GMT</pubDate>'
                     '<description>%s</description></item>'
                     % (i, n, n, i, n, i, i % 60, ("Words of story %d. " % i) * 20))
    lines.append('</channel></rss>')
    path = os.path.join(www, "feed%d.xml" % n)
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(lines))
    os.replace(path + ".tmp", path)


def db_state(db):
    c = sqlite3.connect(db, timeout=30)
    try:
        ok = c.execute("PRAGMA integrity_check").fetchall()
        fk = c.execute("PRAGMA foreign_key_check").fetchall()
        subs = {r[0] for r in c.execute("SELECT url FROM feeds")}
        read = {(r[0], r[1]) for r in c.execute(
            "SELECT f.url, i.key FROM items i JOIN feeds f ON f.id = i.feed_id "
            "WHERE i.read")}
        nitems = c.execute("SELECT count(*) FROM items").fetchone()[0]
    finally:
        c.close()
    return ok, fk, subs, read, nitems


def feeds_loop(herald, work, kills, rnd, env):
    www = os.path.join(work, "www")
    os.makedirs(www, exist_ok=True)
    nfeeds = 6
    for n in range(nfeeds):
        write_feed(www, n, 0)
    port_file = os.path.join(work, "httpd.port")
    httpd = subprocess.Popen([sys.executable, os.path.join(HERE, "httpd.py"),
                              "--root", www, "--port-file", port_file],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        base = "http://127.0.0.1:%s" % open(port_file).read().strip()
        db = os.path.join(work, "herald.db")
        urls = []
        for n in range(nfeeds):
            # Some answer late, so that kills land while others are stored.
            url = ("%s/sleep/0.%d/feed%d.xml" % (base, n, n) if n % 2
                   else "%s/feed%d.xml" % (base, n))
            urls.append(url)
            r = run([herald, "feeds", "--db", db, "add", url, "--name", "f%d" % n], env)
            if r.returncode:
                fail("feeds add: " + r.stderr.strip())
                return None
        t0 = time.monotonic()
        r = run([herald, "feeds", "--db", db, "update"], env)
        took = time.monotonic() - t0
        if r.returncode:
            fail("first feeds update: " + r.stderr.strip())
            return None
        c = sqlite3.connect(db)
        c.execute("UPDATE items SET read = 1 WHERE id % 3 = 0")
        c.commit()
        c.close()
        _, _, subs0, read0, _ = db_state(db)
        if len(subs0) != nfeeds or not read0:
            fail("setup: %d subscriptions, %d read items" % (len(subs0), len(read0)))
            return None
        killed = 0
        for k in range(kills):
            # The feeds move on: new items on top, old ones drop off.
            for n in range(nfeeds):
                if rnd.random() < 0.5:
                    write_feed(www, n, k + 1)
            if kill_at([herald, "feeds", "--db", db, "update"], env,
                       rnd.uniform(0, took * 1.2)):
                killed += 1
            ok, fk, subs, read, _ = db_state(db)
            if ok != [("ok",)]:
                fail("kill %d: integrity_check: %s" % (k + 1, ok[:3]))
                break
            if fk:
                fail("kill %d: foreign_key_check: %s" % (k + 1, fk[:3]))
                break
            if subs != subs0:
                fail("kill %d: subscriptions lost: %s" % (k + 1, subs0 - subs))
                break
            if not read0 <= read:
                fail("kill %d: read marks lost: %d" % (k + 1, len(read0 - read)))
                break
        r = run([herald, "feeds", "--db", db, "update"], env)
        if r.returncode:
            fail("the update after the kills: exit %d: %s" % (r.returncode, r.stderr.strip()))
        ok, fk, subs, read, nitems = db_state(db)
        if ok != [("ok",)] or subs != subs0 or not read0 <= read:
            fail("after the last update: integrity %s, subscriptions %d, read %d"
                 % (ok[:1], len(subs), len(read)))
        return {"runs": kills, "killed_mid_run": killed,
                "full_update_seconds": round(took, 2), "items": nitems,
                "read_kept": len(read0), "final_update_exit": r.returncode}
    finally:
        httpd.kill()
        httpd.wait()


# ---- export ----------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="en"><head><title>%s</title></head><body>
<article><h1>%s</h1>
<p>The council met on Monday evening to discuss item %d of the agenda.</p>
<p>Residents asked for longer opening hours and better lighting on the quay.</p>
<h2>What comes next</h2>
<p>A decision is expected next month, after a second public meeting.</p>
</article></body></html>"""


def wav_whole(path):
    try:
        with wave.open(path, "rb") as w:
            frames, width, ch = w.getnframes(), w.getsampwidth(), w.getnchannels()
        size = os.path.getsize(path)
        data = frames * width * ch
        return frames > 0 and size >= data + 44 and size - data <= 4096
    except (wave.Error, EOFError, OSError):
        return False


def vtt_whole(path):
    with open(path, "rb") as f:
        t = f.read()
    return t.startswith(b"WEBVTT") and b"-->" in t and t.endswith(b"\n")


def check_dir(out):
    """Files under final names that are not whole; temporaries and name
    claims left."""
    bad, temps, claims = [], 0, 0
    for name in os.listdir(out):
        p = os.path.join(out, name)
        if name.startswith(".") and name.endswith(".herald.part"):
            temps += 1
        elif name.startswith(".") and name.endswith(".herald.claim"):
            # A name's claim (export/pool.c): the lock file a run holds
            # while a name is its, never audio under a final name.  A
            # killed run leaves it; the next run takes it over or sweeps it.
            claims += 1
        elif name.endswith(".wav"):
            if not wav_whole(p):
                bad.append(name)
        elif name.endswith(".vtt"):
            if not vtt_whole(p):
                bad.append(name)
        else:
            bad.append(name + " (unexpected)")
    return bad, temps, claims


def export_loop(herald, work, kills, rnd, env):
    os.makedirs(work, exist_ok=True)
    pages = []
    for i in range(6):
        p = os.path.join(work, "page%d.html" % i)
        title = "Council meeting number %d" % i
        with open(p, "w") as f:
            f.write(PAGE % (title, title, i))
        pages.append(p)
    cmd = [herald, "export", "--quiet", "--captions", "vtt", "-j", "2", "-d"]
    ref = os.path.join(work, "ref")
    t0 = time.monotonic()
    r = run(cmd + [ref] + pages, env)
    took = time.monotonic() - t0
    if r.returncode:
        fail("reference export: " + r.stderr.strip())
        return None
    want = sorted(os.listdir(ref))
    out = os.path.join(work, "out")
    os.makedirs(out, exist_ok=True)
    killed = temps_seen = claims_seen = 0
    for k in range(kills):
        force = rnd.random() < 0.5
        if rnd.random() < 0.3:
            for name in os.listdir(out):
                if rnd.random() < 0.5 and not name.startswith("."):
                    os.unlink(os.path.join(out, name))
        if kill_at(cmd + [out] + (["--force"] if force else []) + pages, env,
                   rnd.uniform(0, took * 1.1), group=rnd.random() < 0.5):
            killed += 1
        bad, temps, claims = check_dir(out)
        temps_seen += temps > 0
        claims_seen += claims > 0
        if bad:
            fail("kill %d: not whole under a final name: %s" % (k + 1, bad[:5]))
            break
    # Temporaries younger than 2 s are not swept (one may be another
    # run's, not yet locked): the last run comes after that.
    time.sleep(2.1)
    r = run(cmd + [out] + pages, env)
    if r.returncode:
        fail("the export after the kills: exit %d: %s" % (r.returncode, r.stderr.strip()))
    bad, temps, claims = check_dir(out)
    got = sorted(os.listdir(out))
    if bad or temps or claims or got != want:
        fail("after the last export: bad %s, %d temporaries, %d claims, files %s (want %s)"
             % (bad, temps, claims, got, want))
    return {"runs": kills, "killed_mid_run": killed,
            "kills_leaving_temporaries": temps_seen,
            "kills_leaving_claims": claims_seen,
            "full_export_seconds": round(took, 2), "files": len(got),
            "final_export_exit": r.returncode}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("herald")
    ap.add_argument("work")
    ap.add_argument("--feeds", type=int, default=10)
    ap.add_argument("--export", type=int, default=10)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--json")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    env = dict(os.environ)
    for v in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        env.pop(v, None)
    os.makedirs(a.work, exist_ok=True)
    res = {"seed": a.seed}
    t0 = time.monotonic()
    if a.feeds:
        res["feeds_update"] = feeds_loop(a.herald, os.path.join(a.work, "feeds"),
                                         a.feeds, rnd, env)
        print("feeds update:", json.dumps(res["feeds_update"]), flush=True)
    if a.export and not FAILS:
        res["export"] = export_loop(a.herald, os.path.join(a.work, "export"),
                                    a.export, rnd, env)
        print("export:", json.dumps(res["export"]), flush=True)
    res["seconds"] = round(time.monotonic() - t0, 1)
    res["failures"] = FAILS
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)
    print("seed %d, %.1f s, %d failures" % (a.seed, res["seconds"], len(FAILS)))
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
