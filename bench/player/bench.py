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
  RSS           VmHWM of herald read playing PAGE
  underruns     while a busy loop holds one of the two cores
"""
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


def bench_commands(herald, page, work, trials):
    """pause, next-sentence and faster at random moments of one playback."""
    r = Recorder(os.path.join(work, "cmd.wav"))
    t_click = r.click()
    time.sleep(0.3)
    sock = os.path.join(work, "cmd.sock")
    p = subprocess.Popen(
        [herald, "read", "--from-start", "--quiet", "--no-earcons", "--db",
         os.path.join(work, "c.db"), "--control", sock, page],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    s, f = control(sock)
    time.sleep(1.5)
    events = []
    rng = random.Random(7)
    for k in range(trials):
        time.sleep(0.4 + rng.random() * 0.6)
        events.append(("pause", send(f, "pause")))
        time.sleep(0.5)
        send(f, "resume")
        time.sleep(0.6 + rng.random() * 0.6)
        events.append(("skip", send(f, "next-sentence")))
        time.sleep(0.8 + rng.random() * 0.5)
        events.append(("rate", send(f, "faster" if k % 2 == 0 else "slower")))
        time.sleep(0.9)
    st = send(f, "status")
    f.write("status\n")
    f.flush()
    status = f.readline()
    send(f, "stop")
    p.wait()
    rec = r.stop()
    del st
    rc = first_loud(rec, 0, 20000)

    def rec_at(t):
        return rc + int((t - t_click) * RATE)

    out = {"pause": [], "skip": [], "rate": []}
    for kind, t in events:
        at = rec_at(t)
        if kind == "pause":
            # The speech stops: the last loud sample before a run of 25 ms
            # of zeros (the callback writes exact zeros while paused).
            i = at - int(0.05 * RATE)
            end = at + int(0.4 * RATE)
            stop = -1
            while i < end:
                if rec[i] == 0 and all(x == 0 for x in rec[i:i + 550]):
                    stop = i
                    break
                i += 1
            if stop >= 0:
                out["pause"].append((stop - at) * 1000 / RATE)
        else:
            # The cut: speech stops (a few zeros at least, or the new
            # audio starts); then the first loud sample of the new audio.
            i = at
            end = at + int(0.4 * RATE)
            cut = -1
            while i < end:
                if all(-LOUD < x < LOUD for x in rec[i:i + 88]):
                    cut = i
                    break
                i += 22
            if cut < 0:
                continue
            new = first_loud(rec, cut)
            if new >= 0:
                out[kind].append((new - at) * 1000 / RATE)
    return out, status


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


def bench_load(herald, page, work, seconds):
    """Play with a busy loop on one core; count gaps in the recording."""
    exp_path = os.path.join(work, "load-export.wav")
    subprocess.run([herald, "export", "--force", page, "-o", exp_path],
                   check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    r = Recorder(os.path.join(work, "load.wav"))
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
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
    status = f.readline()
    send(f, "stop")
    p.wait()
    busy.kill()
    busy.wait()
    rec = r.stop()
    runs = am.merge_runs(am.find_runs(am.read_wav(exp_path), rec))
    return runs, status


def main(argv):
    herald, page = argv[1], argv[2]
    trials = int(argv[3]) if len(argv) > 3 else 20
    work = tempfile.mkdtemp(prefix="herald-bench-")
    text_path = os.path.join(work, "article.txt")
    with open(text_path, "w") as f:
        subprocess.run([herald, "text", page], stdout=f, check=True)

    print(f"== player benchmark: {trials} trials each, {page}")
    fs = bench_first_sound(herald, page, text_path, work, trials)
    for name, ms in fs.items():
        if ms:
            print(f"first sound   {name:13s} {summary(ms)}")
    cmds, status = bench_commands(herald, page, work, trials)
    for kind, label in (("pause", "pause -> silence"),
                        ("skip", "skip -> next sentence"),
                        ("rate", "rate -> new rate heard")):
        if cmds[kind]:
            print(f"{label:27s} {summary(cmds[kind])}")
    hwm, rss = bench_rss(herald, page, work)
    print(f"memory        peak RSS {hwm}, RSS while playing {rss}")
    runs, status = bench_load(herald, page, work, 30)
    gaps = len(runs) - 1 if runs else -1
    played = sum(r.n for r in runs) / RATE
    print(f"under load    30 s with a busy loop on one core: "
          f"{played:.1f} s played exactly, {gaps} gaps in the recording; "
          f"status: {status.strip()[:0]}"
          + status.split('"underruns":')[-1].rstrip("}\n") + " underruns "
          "counted by the callback")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
