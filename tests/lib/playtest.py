#!/usr/bin/env python3
"""playtest.py — drive `herald read` on the test sound server and check
what was recorded at the sink against `herald export`.

  playtest.py SCENARIO HERALD PAGE WORKDIR

Needs PULSE_SERVER set to the private server (tests/lib/soundserver.sh).
Each scenario exports PAGE, records the null sink's monitor with parecord
while herald plays PAGE with a control socket, sends commands on the
socket at known times, stops, and checks the recording with audiomatch.
Prints what it found; exits 0 (pass), 1 (fail).

Times: the anchor between wall clock and recording is the first sample of
the stream (export sample 0 found in the recording) and the moment herald
printed the headline, which it does when the first sentence's samples are
taken by the device (within one 20 ms poll).
"""
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audiomatch as am  # noqa: E402

RATE = am.RATE
failures = []


def check(cond, what):
    if cond:
        print(f"ok: {what}")
    else:
        print(f"FAIL: {what}")
        failures.append(what)
    return cond


class Session:
    def __init__(self, herald, page, work, extra=()):
        self.herald = herald
        self.work = work
        self.sock_path = os.path.join(work, "ctl.sock")
        self.rec_path = os.path.join(work, "rec.wav")
        self.rec = subprocess.Popen(
            ["parecord", "--device=test.monitor", "--rate=22050",
             "--channels=1", "--format=s16le", "--latency-msec=20",
             self.rec_path], stderr=subprocess.DEVNULL)
        time.sleep(0.4)
        self.t_exec = time.monotonic()
        self.proc = subprocess.Popen(
            [herald, "read", "--from-start", "--db",
             os.path.join(work, "herald.db"), "--control", self.sock_path,
             *extra, page],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.lines = []
        # The first stdout line is the mode note, the second the headline.
        self.t_headline = None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append((time.monotonic(), line.rstrip("\n")))
            if not line.startswith("Standard input"):
                self.t_headline = time.monotonic()
                break
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        for _ in range(100):
            try:
                self.sock.connect(self.sock_path)
                break
            except OSError:
                time.sleep(0.05)
        self.sockf = self.sock.makefile("rw")

    def send(self, cmd):
        t = time.monotonic()
        self.sockf.write(cmd + "\n")
        self.sockf.flush()
        reply = self.sockf.readline().strip()
        return t, reply

    def finish(self, stop=True):
        if stop:
            try:
                self.send("stop")
            except OSError:
                pass
        try:
            out, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        time.sleep(0.3)
        self.rec.send_signal(2)
        self.rec.wait(timeout=10)
        self.stdout = out
        self.stderr = err
        return self.proc.returncode


def export(herald, page, work, name="export.wav", extra=()):
    path = os.path.join(work, name)
    subprocess.run([herald, "export", "--force", *extra, page, "-o", path], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return am.read_wav(path)


def anchor(s, runs):
    """(rec index of export sample 0, wall time of it)."""
    return runs[0].rec - runs[0].exp, s.t_headline


def rec_index_at(s, runs, t):
    r0, t0 = anchor(s, runs)
    return r0 + int((t - t0) * RATE)


def scenario_play(herald, page, work):
    exp = export(herald, page, work)
    s = Session(herald, page, work)
    time.sleep(4)
    rc = s.finish()
    check(rc == 0, f"herald read exits 0 after 'stop' (got {rc})")
    rec = am.read_wav(s.rec_path)
    runs = am.merge_runs(am.find_runs(exp, rec))
    for r in runs:
        print(f"  run: rec {r.rec / RATE:.3f}s export {r.exp / RATE:.3f}s "
              f"for {r.n / RATE:.3f}s")
    if not check(len(runs) >= 1, "the recording holds the export's samples"):
        return
    check(runs[0].exp < RATE // 50,
          "playback starts at the export's first samples")
    check(len(runs) == 1, "one unbroken run (no gap, no glitch)")
    check(runs[0].n > 3 * RATE,
          f"at least 3 s played exactly ({runs[0].n / RATE:.2f} s)")


def scenario_pause(herald, page, work):
    exp = export(herald, page, work)
    s = Session(herald, page, work)
    time.sleep(3)
    t_pause, reply = s.send("pause")
    check('"state":"paused"' in reply, f"pause answers with the state: {reply}")
    time.sleep(1.5)
    t_resume, reply = s.send("resume")
    check('"state":"playing"' in reply, f"resume answers: {reply}")
    time.sleep(2.5)
    rc = s.finish()
    check(rc == 0, f"herald read exits 0 after 'stop' (got {rc})")
    rec = am.read_wav(s.rec_path)
    runs = am.merge_runs(am.find_runs(exp, rec))
    for r in runs:
        print(f"  run: rec {r.rec / RATE:.3f}s export {r.exp / RATE:.3f}s "
              f"for {r.n / RATE:.3f}s")
    if not check(len(runs) == 2, f"two runs of speech (got {len(runs)})"):
        return
    a, b = runs
    check(a.exp < RATE // 50, "playback starts at the export's first samples")
    check(b.exp == a.exp + a.n,
          f"resume continues from the exact sample of the pause "
          f"(paused at export sample {a.exp + a.n}, resumed at {b.exp})")
    gap = b.rec - (a.rec + a.n)
    check(1.2 * RATE < gap < 1.9 * RATE,
          f"the pause lasted about as long as asked ({gap / RATE:.3f} s)")
    zf = am.zero_fraction(rec, a.rec + a.n, b.rec)
    check(zf > 0.7, f"the pause is silent but for its earcons "
          f"({zf * 100:.0f}% zero samples)")
    want = rec_index_at(s, runs, t_pause)
    got = a.rec + a.n
    check(abs(got - want) < 0.15 * RATE,
          f"the silence starts where the pause was sent "
          f"({(got - want) * 1000 / RATE:+.0f} ms)")


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    name, herald, page, work = argv[1:]
    fn = globals().get("scenario_" + name.replace("-", "_"))
    if not fn:
        print(f"no scenario '{name}'", file=sys.stderr)
        return 2
    fn(herald, page, work)
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
