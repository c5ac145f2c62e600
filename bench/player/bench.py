#!/usr/bin/env python3
"""bench.py — the player's latencies, measured on the recorded sound.

  bench.py HERALD PAGE [TRIALS]

Needs PULSE_SERVER pointing at a private server with the 22050 Hz mono
null sink "test" (run.sh starts one).  Everything is measured black-box
at the sink: parecord records test.monitor, and a click played by pacat
(2 ms client latency) before each run ties the wall clock to the
recording, so that a command's arrival time can be found in it.  Both
herald's audio and the click pass through the same null sink and
monitor, so their common latency cancels; pacat's own few milliseconds
of buffering make the figures a little smaller than the truth (by at
most its 2 ms target latency plus a scheduling delay).

  first sound   exec -> first audible sample, herald read (local file)
                side by side with `espeak-ng -f` on the same text
  pause         'pause' on the control socket -> the speech stops
  skip          'next-sentence' -> the next sentence's first audible sample
  rate          'faster' -> the first audible sample at the new rate
  RSS           VmRSS of herald read playing PAGE (and VmHWM, the peak)
  underruns     gaps in the recording while a busy loop (at nice 0) holds
                one of the two cores, and the callback's own count
"""
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "tests", "lib"))
import audiomatch as am  # noqa: E402

RATE = am.RATE
LOUD = 400


class Recorder:
    def __init__(self, path):
        self.path = path
        self.rec = subprocess.Popen(
            ["parecord", "--device=test.monitor", "--rate=22050",
             "--channels=1", "--format=s16le", "--latency-msec=20", path],
            stderr=subprocess.DEVNULL)
        self.cat = subprocess.Popen(
            ["pacat", "--playback", "--rate=22050", "--channels=1",
             "--format=s16le", "--latency-msec=2", "--raw"],
            stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        # Keep pacat's stream running with silence so the click is not
        # delayed by a stream start.
        self.cat.stdin.write(b"\0\0" * 2205)
        self.cat.stdin.flush()
        time.sleep(0.3)

    def click(self):
        """Play a 5 ms click; returns the wall time it was written."""
        t = time.monotonic()
        self.cat.stdin.write(b"\xff\x7f" * 110 + b"\0\0" * 2205)
        self.cat.stdin.flush()
        return t

    def stop(self):
        time.sleep(0.3)
        self.cat.stdin.close()
        self.cat.wait()
        self.rec.send_signal(2)
        self.rec.wait()
        return am.read_wav(self.path)


def first_loud(a, start, level=LOUD):
    i = am.first_loud(a, start, level)
    return i


def control(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    for _ in range(200):
        try:
            s.connect(path)
            break
        except OSError:
            time.sleep(0.01)
    return s, s.makefile("rw")


def send(f, cmd):
    t = time.monotonic()
    f.write(cmd + "\n")
    f.flush()
    f.readline()
    return t


def summary(ms):
    ms = sorted(ms)
    return (f"median {statistics.median(ms):6.1f} ms, worst {ms[-1]:6.1f} ms, "
            f"best {ms[0]:6.1f} ms (n={len(ms)})")


def bench_first_sound(herald, page, text_path, work, trials):
    """Alternate herald and espeak-ng, one recording per trial."""
    res = {"herald read": [], "espeak-ng -f": []}
    for k in range(trials):
        for name in ("herald read", "espeak-ng -f"):
            r = Recorder(os.path.join(work, "first.wav"))
            t_click = r.click()
            time.sleep(0.3)
            sock = os.path.join(work, "first.sock")
            t0 = time.monotonic()
            if name == "herald read":
                p = subprocess.Popen(
                    [herald, "read", "--from-start", "--quiet", "--db",
                     os.path.join(work, "b.db"), "--control", sock, page],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
            else:
                p = subprocess.Popen(["espeak-ng", "-f", text_path],
                                     stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
            time.sleep(0.8)
            p.terminate()
            p.wait()
            rec = r.stop()
            rc = first_loud(rec, 0, 20000)     # the click
            rs = first_loud(rec, rc + 2000)     # the first speech after it
            if rc < 0 or rs < 0:
                print(f"  {name}: trial {k}: nothing found", file=sys.stderr)
                continue
            ms = ((rs - rc) / RATE - (t0 - t_click)) * 1000
            res[name].append(ms)
    return res


def run_end_after(runs, at, slack):
    """The end (recording index) of the first run that ends after at-slack."""
    ends = [r.rec + r.rn for r in runs if r.rec + r.rn >= at - slack]
    return min(ends) if ends else -1


CLICK = b"\xff\x7f" * 100


def find_clicks(rec):
    """Recording indices of the clicks (100 samples at full scale: speech
    never holds the top value that long)."""
    b = rec.tobytes()
    out, i = [], b.find(CLICK)
    while i >= 0:
        if i % 2 == 0:
            out.append(i // 2)
            i = b.find(CLICK, i + 2 * 2205)
        else:
            i = b.find(CLICK, i + 1)
    return out


def ends_in_silence(exp, r):
    """Whether run r stops where the export is silent anyway: a pause or a
    cut inside the silence between sentences cannot be placed exactly
    (the zeros of the pause match the zeros of the export)."""
    e = r.exp + r.n
    return all(x == 0 for x in exp[max(0, e - 220):e])


def bench_commands(herald, page, work, trials):
    """pause in one playback (the stream stays bit-exact, so the speech's
    end is found exactly); next-sentence and faster each in a fresh
    process, 1.5-3 s in (exact up to the cut, then the first loud sample
    of the new audio).  Each command's time is tied to the recording by
    the click played last before it (the sink's clock and the wall clock
    drift apart by milliseconds over minutes); a command that fell in the
    silence between sentences is left out (see ends_in_silence)."""
    exp_path = os.path.join(work, "cmd-export.wav")
    subprocess.run([herald, "export", "--force", page, "-o", exp_path],
                   check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    exp = am.read_wav(exp_path)
    r = Recorder(os.path.join(work, "cmd.wav"))
    clicks = []
    rng = random.Random(7)
    events = []

    def click():
        clicks.append(r.click())
        time.sleep(0.15)

    def start(name):
        sock = os.path.join(work, name + ".sock")
        p = subprocess.Popen(
            [herald, "read", "--from-start", "--quiet", "--no-earcons",
             "--db", os.path.join(work, "c.db"), "--control", sock, page],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        s, f = control(sock)
        return p, s, f

    # Some commands fall in the silence between sentences and are left
    # out: send twice as many as the trials asked for, so that at least
    # that many are measured.
    attempts = 2 * trials
    click()
    p, s, f = start("pause")
    time.sleep(1.0)
    for k in range(attempts):
        time.sleep(0.3 + rng.random() * 0.5)
        events.append(("pause", len(clicks) - 1, send(f, "pause")))
        time.sleep(0.2)
        click()             # into the silence of the pause
        time.sleep(0.1)
        send(f, "resume")
    send(f, "stop")
    p.wait()
    for kind, cmd in (("skip", "next-sentence"), ("rate", "faster")):
        for k in range(attempts):
            click()
            p, s, f = start(kind)
            time.sleep(1.5 + rng.random() * 1.5)
            events.append((kind, len(clicks) - 1, send(f, cmd)))
            time.sleep(0.6)
            send(f, "stop")
            p.wait()
            time.sleep(0.2)
    rec = r.stop()
    found = find_clicks(rec)
    out = {"pause": [], "skip": [], "rate": [], "left out": 0}
    if len(found) != len(clicks):
        print(f"  {len(clicks)} clicks played, {len(found)} found in the "
              f"recording: commands not measured", file=sys.stderr)
        return out
    runs = am.merge_runs(am.find_runs(exp, rec), max_gap=int(0.03 * RATE))

    for kind, ci, t in events:
        at = found[ci] + int((t - clicks[ci]) * RATE)
        ends = [x for x in runs if x.rec + x.rn >= at - int(0.05 * RATE)]
        if not ends:
            continue
        run = min(ends, key=lambda x: x.rec + x.rn)
        stop = run.rec + run.rn
        if stop - at > 0.5 * RATE:
            continue
        if ends_in_silence(exp, run):
            out["left out"] += 1
            continue
        if kind == "pause":
            out[kind].append((stop - at) * 1000 / RATE)
        else:
            new = first_loud(rec, stop)
            if new >= 0 and new - at < 0.5 * RATE:
                out[kind].append((new - at) * 1000 / RATE)
    return out


def bench_rss(herald, page, work):
    sock = os.path.join(work, "rss.sock")
    p = subprocess.Popen(
        [herald, "read", "--from-start", "--quiet", "--db",
         os.path.join(work, "r.db"), "--control", sock, page],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    s, f = control(sock)
    time.sleep(2)
    for cmd in ("next-paragraph", "faster", "where", "next-sentence"):
        send(f, cmd)
        time.sleep(0.7)
    with open(f"/proc/{p.pid}/status") as st:
        vals = {l.split(":")[0]: l.split(":")[1].strip() for l in st}
    send(f, "stop")
    p.wait()
    return vals.get("VmHWM"), vals.get("VmRSS")


def chain(runs):
    """The runs of a playback without commands that continue each other:
    the heaviest chain whose export positions only move forward.  A short
    window of the recording can match the export somewhere else too
    (silence, a repeated sound); such stray runs fall out of the chain."""
    best = []
    for i, r in enumerate(runs):
        prev = [best[k] for k in range(i)
                if runs[k].exp + runs[k].n <= r.exp and
                runs[k].rec + runs[k].rn <= r.rec]
        top = max(prev, key=lambda c: c[0], default=(0, []))
        best.append((top[0] + r.n, top[1] + [r]))
    return max(best, key=lambda c: c[0], default=(0, []))[1]


def busy_loop():
    """A busy loop at the ordinary priority (even if this script runs
    under nice -n -5): the load of 'the other core is busy'."""
    def normal():
        try:
            os.setpriority(os.PRIO_PROCESS, 0, 0)
        except OSError:
            pass
    return subprocess.Popen([sys.executable, "-c", "while True: pass"],
                            preexec_fn=normal)


def bench_load(herald, page, work, seconds):
    """Play with a busy loop on one core; find the gaps in the recording:
    places where the export continues but the recording has silence
    between (an underrun: the device ran dry) or samples are missing."""
    exp_path = os.path.join(work, "load-export.wav")
    subprocess.run([herald, "export", "--force", page, "-o", exp_path],
                   check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    r = Recorder(os.path.join(work, "load.wav"))
    busy = busy_loop()
    sock = os.path.join(work, "load.sock")
    p = subprocess.Popen(
        [herald, "read", "--from-start", "--quiet", "--db",
         os.path.join(work, "l.db"), "--control", sock, page],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    s, f = control(sock)
    time.sleep(seconds)
    f.write("status\n")
    f.flush()
    status = json.loads(f.readline())
    send(f, "stop")
    p.wait()
    busy.kill()
    busy.wait()
    rec = r.stop()
    runs = chain(am.find_runs(am.read_wav(exp_path), rec))
    gaps = []
    for a, b in zip(runs, runs[1:]):
        silence = b.rec - (a.rec + a.rn)
        lost = b.exp - (a.exp + a.n)
        if silence > 0 or lost > 0:
            gaps.append((silence, lost))
    played = sum(x.n for x in runs)
    return played, gaps, status.get("underruns", -1)


def main(argv):
    herald, page = argv[1], argv[2]
    trials = int(argv[3]) if len(argv) > 3 else 20
    work = tempfile.mkdtemp(prefix="herald-bench-")
    text_path = os.path.join(work, "article.txt")
    with open(text_path, "w") as f:
        subprocess.run([herald, "text", page], stdout=f, check=True)

    print(f"player benchmark: {trials} trials each, "
          f"{os.path.basename(page)}, nice {os.nice(0)}, "
          f"load average {open('/proc/loadavg').read().split()[0]}")
    fs = bench_first_sound(herald, page, text_path, work, trials)
    for name, ms in fs.items():
        if ms:
            print(f"first sound {name:15s} {summary(ms)}")
    cmds = bench_commands(herald, page, work, trials)
    for kind, label in (("pause", "pause -> silence"),
                        ("skip", "skip -> next sentence"),
                        ("rate", "rate -> new rate heard")):
        if cmds[kind]:
            print(f"{label:27s} {summary(cmds[kind])}")
    print(f"({cmds['left out']} commands fell in the silence between "
          f"sentences and are left out)")
    hwm, rss = bench_rss(herald, page, work)
    print(f"memory      RSS while playing {rss}, peak {hwm} "
          f"(PortAudio's device probing)")
    seconds = 30
    played, gaps, underruns = bench_load(herald, page, work, seconds)
    print(f"under load  {seconds} s with a busy loop on one core: "
          f"{played / RATE:.1f} s of the export recorded exactly, "
          f"{len(gaps)} gaps"
          + (" (" + ", ".join(f"{s * 1000 / RATE:.0f} ms silence/"
                               f"{n * 1000 / RATE:.0f} ms lost"
                               for s, n in gaps[:5]) + ")" if gaps else "")
          + f", {underruns} underruns counted by the callback; load "
          f"average {open('/proc/loadavg').read().split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
