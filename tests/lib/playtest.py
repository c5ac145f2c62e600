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


# A device underrun (the machine too busy to run PortAudio's thread in
# time) inserts a few ms of silence without losing or repeating samples.
# Runs that continue each other in the export across such a gap are
# joined; the gaps are reported.
XRUN_MAX = int(0.03 * RATE)


def runs_of(exp, rec):
    raw = am.find_runs(exp, rec)
    joined = am.merge_runs(raw, max_gap=XRUN_MAX)
    gaps = len(am.merge_runs(raw)) - len(joined)
    if gaps:
        print(f"  note: {gaps} device underrun(s) of under 30 ms inserted "
              f"silence (no sample lost or repeated)")
    check(gaps <= 2, f"at most 2 device underruns ({gaps})")
    return joined


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
    runs = runs_of(exp, rec)
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
    runs = runs_of(exp, rec)
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
    gap = b.rec - (a.rec + a.rn)
    check(1.2 * RATE < gap < 1.9 * RATE,
          f"the pause lasted about as long as asked ({gap / RATE:.3f} s)")
    zf = am.zero_fraction(rec, a.rec + a.rn, b.rec)
    check(zf > 0.7, f"the pause is silent but for its earcons "
          f"({zf * 100:.0f}% zero samples)")
    want = rec_index_at(s, runs, t_pause)
    got = a.rec + a.rn
    check(abs(got - want) < 0.15 * RATE,
          f"the silence starts where the pause was sent "
          f"({(got - want) * 1000 / RATE:+.0f} ms)")


def read_cues(vtt_path):
    """Caption cues of an export: [(start seconds, text)], a cue a sentence."""
    cues = []
    with open(vtt_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if "-->" in line:
            h, m, sec = line.split("-->")[0].strip().split(":")
            start = int(h) * 3600 + int(m) * 60 + float(sec)
            cues.append((start, lines[i + 1] if i + 1 < len(lines) else ""))
    return cues


def cue_segments(herald, page, cues):
    """The segment (paragraph) index of each cue."""
    segs = subprocess.run([herald, "text", page], capture_output=True,
                          text=True, check=True).stdout.split("\n")
    out, si = [], 0
    for _, text in cues:
        while si < len(segs) and text.strip() not in segs[si]:
            si += 1
        out.append(si)
    return out


def skip_scenario(herald, page, work, command, expect):
    """Play, send command at about 2.5 s, check that what follows in the
    recording is the sentence expect(j, cue_seg) names, where j is the
    sentence that was playing."""
    vtt = os.path.join(work, "export.vtt")
    exp = export(herald, page, work, extra=("--captions", "vtt"))
    cues = read_cues(vtt)
    segs = cue_segments(herald, page, cues)
    s = Session(herald, page, work, extra=("--no-earcons",))
    time.sleep(2.5)
    t_cmd, reply = s.send(command)
    check('"ok":true' in reply, f"{command} answers ok: {reply[:80]}")
    time.sleep(3)
    rc = s.finish()
    check(rc == 0, f"herald read exits 0 after 'stop' (got {rc})")
    rec = am.read_wav(s.rec_path)
    runs = runs_of(exp, rec)
    if not check(runs and runs[0].exp < RATE // 50,
                 "playback starts exactly as the export"):
        return
    a = runs[0]
    cut_exp = (a.exp + a.n) / RATE
    j = max(k for k, c in enumerate(cues) if c[0] <= cut_exp)
    want = expect(j, segs)
    print(f"  cut at export {cut_exp:.3f}s in sentence {j + 1} "
          f"(paragraph {segs[j] + 1}); expecting sentence {want + 1}")
    cut_rec = a.rec + a.rn
    want_rec = rec_index_at(s, runs, t_cmd)
    check(abs(cut_rec - want_rec) < 0.15 * RATE,
          f"the old sentence stops where the command was sent "
          f"({(cut_rec - want_rec) * 1000 / RATE:+.0f} ms)")
    new = am.first_loud(rec, cut_rec, 300)
    if not check(new >= 0, "sound follows the jump"):
        return
    check(new - cut_rec < 0.1 * RATE,
          f"the new sentence is heard {(new - cut_rec) * 1000 / RATE:.0f} ms "
          f"after the old one stops")
    # Tolerant matching: band envelopes of 1.5 s from the new sound,
    # searched over the export around the expected sentence.
    lo_s = max(0.0, cues[want][0] - 8)
    hi_s = cues[want][0] + 8
    exp_env = am.envelope(exp[int(lo_s * RATE):int((hi_s + 2) * RATE)])
    rec_env = am.envelope(rec[new - 440:new - 440 + 2 * RATE])
    frame, score = am.locate(exp_env, rec_env, 0, length=150)
    found = lo_s + frame * 0.01 + 0.02
    print(f"  the new audio matches export {found:.2f}s (score {score:.2f}); "
          f"sentence {want + 1} starts at {cues[want][0]:.2f}s")
    check(score > 0.6 and abs(found - cues[want][0]) < 0.25,
          f"{command}: the recording continues with sentence {want + 1}")


def scenario_next_sentence(herald, page, work):
    skip_scenario(herald, page, work, "next-sentence", lambda j, segs: j + 1)


def scenario_repeat(herald, page, work):
    skip_scenario(herald, page, work, "repeat", lambda j, segs: j)


def scenario_next_paragraph(herald, page, work):
    skip_scenario(herald, page, work, "next-paragraph",
                  lambda j, segs: segs.index(segs[j] + 1))


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
