#!/usr/bin/env python3
"""Export benchmarks, all in one run (see bench/export/run.sh).

1. One article to WAV: `herald export PAGE -o x.wav` against `espeak-ng -w`
   on the text `herald text PAGE` prints (median of 21 runs each, the two
   programs alternating so that a change in the machine's load hits both;
   wall time, and CPU time (user + system) of the process); once making
   new files, once replacing the files of the run before.

`bench.py HERALD SEED CORPUS [one|scale|memory]` runs only that measurement.
2. -j 1 against -j 2 over 16 articles: wall time, articles a minute, and the
   real-time factor (seconds of audio made per second of wall time).
3. -j 4 over 1,000 sources: peak resident memory of the whole process tree
   (sampled every 20 ms from /proc) and of the largest single process.
"""
import glob, gzip, os, shutil, statistics, subprocess, sys, tempfile, time, wave

herald, seed, corpus = sys.argv[1], sys.argv[2], sys.argv[3]
only = sys.argv[4] if len(sys.argv) > 4 else None
tmp = tempfile.mkdtemp(prefix="herald-bench-")
env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp)


def run(cmd, **kw):
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, **kw)


def timed(cmd):
    """Wall and CPU (user + system) seconds of one run of cmd."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        sys.exit("%s failed" % cmd[0])
    return wall, ru.ru_utime + ru.ru_stime


def wav_seconds(path):
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()


# 1. One article.
print("| measure | herald | espeak-ng -w | ratio |")
print("|---|---|---|---|")
if only in (None, "one"):
    text = os.path.join(tmp, "seed.txt")
    with open(text, "w") as f:
        subprocess.run([herald, "text", seed], check=True, stdout=f, env=env)
    hout, eout = os.path.join(tmp, "h.wav"), os.path.join(tmp, "e.wav")
    hcmd = [herald, "export", seed, "-o", hout, "--force", "-q"]
    ecmd = ["espeak-ng", "-w", eout, "-f", text]
    timed(hcmd), timed(ecmd)   # warm the page cache

    def pairs(fresh):
        """21 alternating runs each; fresh: the outputs are removed first
        (untimed), so both programs make a new file, the usual case of a
        batch.  Otherwise both replace the file of the run before: herald
        renames its finished temporary over it, and ext4 then starts
        writing the new file's data out before the rename (its
        auto_da_alloc safeguard against empty files after a crash), while
        espeak-ng truncates and rewrites in place."""
        hw, hc, ew, ec = [], [], [], []
        for _ in range(21):
            if fresh:
                os.unlink(hout)
            w, c = timed(hcmd)
            hw.append(w), hc.append(c)
            if fresh:
                os.unlink(eout)
            w, c = timed(ecmd)
            ew.append(w), ec.append(c)
        return [statistics.median(x) for x in (hw, hc, ew, ec)]

    secs = wav_seconds(hout)
    h, hcpu, e, ecpu = pairs(True)
    print("| one article to a new WAV (seed, %.0f s of audio), wall, median of 21 | %.0f ms | %.0f ms | %.2f× |"
          % (secs, h * 1000, e * 1000, h / e))
    print("| the same, CPU time (user + system) | %.0f ms | %.0f ms | %.2f× |"
          % (hcpu * 1000, ecpu * 1000, hcpu / ecpu))
    h, hcpu, e, ecpu = pairs(False)
    print("| replacing the WAV of the run before (herald --force), wall | %.0f ms | %.0f ms | %.2f× |"
          % (h * 1000, e * 1000, h / e))
    print("| the same, CPU time (user + system) | %.0f ms | %.0f ms | %.2f× |"
          % (hcpu * 1000, ecpu * 1000, hcpu / ecpu))
    print("| load average (1 min) at the end | %.2f | | |" % os.getloadavg()[0])

# 2. Scaling over 16 articles (the seed and 15 corpus pages that extract).
pages = []
for gz in sorted(glob.glob(os.path.join(corpus, "*.html.gz"))):
    out = os.path.join(tmp, "p%03d.html" % len(pages))
    with gzip.open(gz) as src, open(out, "wb") as dst:
        dst.write(src.read())
    if subprocess.run([herald, "text", out], env=env, stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode == 0:
        pages.append(out)
    if len(pages) == 15:
        break
pages.append(seed)
if only in (None, "scale"):
    walls = {}
    for j in (1, 2):
        times = []
        for _ in range(3):
            d = os.path.join(tmp, "j%d" % j)
            shutil.rmtree(d, ignore_errors=True)
            t = time.perf_counter()
            run([herald, "export", *pages, "-d", d, "-j", str(j), "-q"])
            times.append(time.perf_counter() - t)
        walls[j] = statistics.median(times)
    audio = sum(wav_seconds(p) for p in glob.glob(os.path.join(tmp, "j1", "*.wav")))
    for j in (1, 2):
        print("| %d articles, -j %d (median of 3) | %.2f s, %.0f articles/min, %.0f× real time | | |"
              % (len(pages), j, walls[j], len(pages) / walls[j] * 60, audio / walls[j]))
    print("| speed-up of -j 2 over -j 1 | %.2f× | | |" % (walls[1] / walls[2]))
    print("| load average (1 min) at the end | %.2f | | |" % os.getloadavg()[0])


# 3. Memory of -j 4 over 1,000 sources (the pages above, repeated).
def tree_rss(root):
    """Total and largest RSS (KiB) of root and its descendants."""
    kids = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open("/proc/%s/stat" % p) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(p))
            except (OSError, IndexError, ValueError):
                pass
    total = largest = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        kb = int(line.split()[1])
                        total += kb
                        largest = max(largest, kb)
        except OSError:
            pass
    return total, largest


if only in (None, "memory"):
    lst = os.path.join(tmp, "list")
    with open(lst, "w") as f:
        for i in range(1000):
            f.write(pages[i % len(pages)] + "\n")
    d = os.path.join(tmp, "many")
    t = time.perf_counter()
    p = subprocess.Popen([herald, "export", "--from-file", lst, "-d", d, "-j", "4", "-q"],
                         env=env, stdout=subprocess.DEVNULL)
    peak_total = peak_one = 0
    while p.poll() is None:
        total, one = tree_rss(p.pid)
        peak_total, peak_one = max(peak_total, total), max(peak_one, one)
        time.sleep(0.02)
    wall = time.perf_counter() - t
    n = len(glob.glob(os.path.join(d, "*.wav")))
    print("| -j 4 over 1,000 sources (%d files, %.0f s) | peak RSS %.1f MiB for the whole tree, "
          "%.1f MiB the largest process | | |" % (n, wall, peak_total / 1024, peak_one / 1024))
shutil.rmtree(tmp)
