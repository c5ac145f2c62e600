#!/usr/bin/env python3
"""playtest.py — drive `herald read` on the test sound server and check
what was recorded at the sink against `herald export`.

  playtest.py SCENARIO HERALD PAGE WORKDIR

PAGE is "A,B" for the scenarios that play a queue (next-article, end).

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
import array
import json
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audiomatch as am  # noqa: E402

RATE = am.RATE
failures = []


DEADLINE = 60       # seconds: a deadline for an event, not a pause


def until(cond, what, timeout=DEADLINE):
    """Wait for cond() to hold, up to timeout seconds; False (and a line
    saying what was awaited) when it did not."""
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            print(f"waited {timeout} s for {what}")
            return False
        time.sleep(0.02)
    return True


def check(cond, what):
    if cond:
        print(f"ok: {what}")
    else:
        print(f"FAIL: {what}")
        failures.append(what)
    return cond


class Session:
    """herald read PAGES with a control socket, recorded.  from_start:
    pass --from-start; db: the database (default WORK/herald.db)."""

    def __init__(self, herald, page, work, extra=(), from_start=True,
                 db=None, rec_name="rec.wav"):
        self.herald = herald
        self.work = work
        self.sock_path = os.path.join(work, "ctl.sock")
        self.rec_path = os.path.join(work, rec_name)
        pages = page if isinstance(page, (list, tuple)) else [page]
        self.rec = subprocess.Popen(
            ["parecord", "--device=test.monitor", "--rate=22050",
             "--channels=1", "--format=s16le", "--latency-msec=20",
             self.rec_path], stderr=subprocess.DEVNULL)
        # Recording has begun once the monitor's samples reach the file.
        until(lambda: os.path.exists(self.rec_path) and
              os.path.getsize(self.rec_path) > 44, "the recorder")
        self.t_exec = time.monotonic()
        self.proc = subprocess.Popen(
            [herald, "read", *(["--from-start"] if from_start else []),
             "--db", db or os.path.join(work, "herald.db"),
             "--control", self.sock_path, *extra, *pages],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.underruns = None   # the most any reply has reported
        # The first stdout line is the mode note, then "Resuming at ..."
        # when resuming, then the headline.
        self.t_headline = None
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append((time.monotonic(), line.rstrip("\n")))
            if not (line.startswith("Standard input") or
                    line.startswith("Resuming")):
                self.t_headline = time.monotonic()
                break
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        until(lambda: self._connect() or self.proc.poll() is not None,
              "the control socket")
        self.sockf = self.sock.makefile("rw")

    def _connect(self):
        try:
            self.sock.connect(self.sock_path)
            return True
        except OSError:
            return False

    def at(self, seconds):
        """Sleep until seconds after the first sentence was heard."""
        delay = self.t_headline + seconds - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def send(self, cmd):
        t = time.monotonic()
        self.sockf.write(cmd + "\n")
        self.sockf.flush()
        reply = self.sockf.readline().strip()
        try:
            n = json.loads(reply).get("underruns")
            if isinstance(n, int):
                self.underruns = max(self.underruns or 0, n)
        except ValueError:
            pass
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
        self.stdout = "\n".join(l for _, l in self.lines) + "\n" + out
        self.stderr = err
        return self.proc.returncode


# A device underrun (the machine too busy to run PortAudio's or the sound
# server's threads in time) inserts silence without losing or repeating
# samples; on this shared two-core machine under other people's builds
# they reach 100 ms.  Runs that continue each other in the export across
# such a gap are joined; the gaps are reported.  What the tests look for
# (a pause, a cut, a jump) is either much longer or moves the export.
XRUN_MAX = int(0.12 * RATE)


def runs_of(exp, rec, s=None):
    """The runs of the export in the recording, joined across device
    underruns.  Such gaps pass when there are at most 5, or when herald's
    own count of underruns (its replies' "underruns", of the session s)
    accounts for each: what the machine did to it, herald noticed and
    reported; a gap herald does not know of is its own."""
    raw = am.find_runs(exp, rec)
    joined = am.merge_runs(raw, max_gap=XRUN_MAX)
    gaps = len(am.merge_runs(raw)) - len(joined)
    reported = s.underruns if s is not None else None
    if gaps:
        print(f"  note: {gaps} device underrun(s) of under 120 ms inserted "
              f"silence (no sample lost or repeated); herald reported "
              f"{'no count' if reported is None else reported}")
    check(gaps <= 5 or (reported is not None and gaps <= reported),
          f"at most 5 device underruns, or no more than herald reported "
          f"({gaps}, reported {reported})")
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
    runs = runs_of(exp, rec, s)
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
    runs = runs_of(exp, rec, s)
    if runs:
        runs = join_stalls(runs, rec_index_at(s, runs, t_pause) - int(0.05 * RATE))
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


def prepare(herald, page, work, name="export.wav", extra=()):
    """Export page with captions: (samples, cues, segment of each cue)."""
    exp = export(herald, page, work, name=name,
                 extra=("--captions", "vtt", *extra))
    cues = read_cues(os.path.join(work, name[:-4] + ".vtt"))
    return exp, cues, cue_segments(herald, page, cues)


def roles_of(herald, page):
    """The role of each segment (paragraph) of page."""
    out = subprocess.run([herald, "text", "--format", "json", page],
                         capture_output=True, text=True, check=True).stdout
    return [seg["role"] for seg in json.loads(out)["segments"]]


def match(rec, at, exp, cues, want, span=8):
    """Where the 1.5 s of rec from at best matches exp around cue want:
    (export seconds, score).  Tolerant: band envelopes, cross-correlated."""
    lo_s = max(0.0, cues[want][0] - span)
    hi_s = cues[want][0] + span
    exp_env = am.envelope(exp[int(lo_s * RATE):int((hi_s + 2) * RATE)])
    rec_env = am.envelope(rec[max(0, at - 440):at - 440 + 2 * RATE])
    frame, score = am.locate(exp_env, rec_env, 0, length=150)
    return lo_s + frame * 0.01 + 0.02, score


def check_continues(rec, at, exp, cues, want, what):
    found, score = match(rec, at, exp, cues, want)
    print(f"  the audio at rec {at / RATE:.2f}s matches export {found:.2f}s "
          f"(score {score:.2f}); sentence {want + 1} starts at "
          f"{cues[want][0]:.2f}s")
    return check(score > 0.6 and abs(found - cues[want][0]) < 0.25,
                 f"{what}: the recording continues with sentence {want + 1}")


def end_of_sound(rec, start, quiet_ms=150, level=300):
    """The first sample after start where quiet_ms of quiet begin."""
    n = int(quiet_ms * RATE / 1000)
    i = start
    while i + n <= len(rec):
        seg = rec[i:i + n]
        if max(seg) < level and min(seg) > -level:
            return i
        i += 110
    return len(rec)


def spoken_ref(work, text, rate=175):
    """text as espeak-ng's own program speaks it in English at rate, with
    its leading and trailing silence cut (the player speaks announcements
    with the same engine and voice)."""
    path = os.path.join(work, "say.wav")
    subprocess.run(["espeak-ng", "-v", "en", "-s", str(rate), "-w", path,
                    text], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    a = am.read_wav(path)
    i = am.first_loud(a, 0, 48)
    j = len(a)
    while j > i and -48 <= a[j - 1] <= 48:
        j -= 1
    return a[i:j]


def check_said(rec, at, work, text, what, rate=175, slack_ms=60):
    """The sound from rec index at (give or take slack_ms) is text,
    spoken (envelope match).  A device underrun puts silence inside the
    words without losing any (see runs_of): then the first half of them
    is heard where they start and the second half up to a few underruns
    later, which passes too."""
    ref = spoken_ref(work, text, rate)
    slack = int(slack_ms * RATE / 1000)

    def fit(part, start, late=0):
        env = am.envelope(part)
        win = am.envelope(rec[max(0, start - slack):start + len(part) + slack + late])
        frame, score = am.locate(win, env, 0, length=len(env[0]))
        return frame * 10 - slack_ms, score

    off, score = fit(ref, at)
    print(f"  '{text}' matches the recording {off:+d} ms from rec "
          f"{at / RATE:.2f}s (score {score:.2f})")
    if not (score > 0.7 and abs(off) <= slack_ms):
        half = len(ref) // 2
        off1, s1 = fit(ref[:half], at)
        off2, s2 = fit(ref[half:], at + half, late=5 * XRUN_MAX)
        print(f"  its first half {off1:+d} ms (score {s1:.2f}), its second "
              f"half {off2:+d} ms after it would follow (score {s2:.2f})")
        if s1 > 0.7 and abs(off1) <= slack_ms and s2 > 0.7 and off2 >= -slack_ms:
            off, score = off1, min(s1, s2)
    if not (score > 0.7 and abs(off) <= slack_ms):
        # Underruns at the start of playback can put several gaps inside
        # the words.  An underrun's gap is digital silence, as are the
        # engine's own pauses between words: with every run of silence
        # (5 ms or more) taken out of both, what is left is the words, in
        # order, which must start where the notice starts.
        start = am.first_loud(rec, max(0, at - slack), 48)
        sq, sq_off = 0.0, 0
        if 0 <= start <= at + slack:
            win = squeeze_silence(rec[start:start + len(ref) + 5 * XRUN_MAX])
            env = am.envelope(squeeze_silence(ref))
            frame, sq = am.locate(am.envelope(win), env, 0, length=len(env[0]))
            sq_off = (start - at) * 1000 // RATE + frame * 10
        print(f"  without its silences, it matches {sq_off:+d} ms from where "
              f"it starts (score {sq:.2f})")
        if sq > 0.7 and abs(sq_off) <= slack_ms:
            off, score = sq_off, sq
    return check(score > 0.7 and abs(off) <= slack_ms,
                 f"{what}: '{text}' is spoken")


def squeeze_silence(a, min_run=int(0.005 * RATE)):
    """a without its runs of exact zeros of min_run samples or more."""
    out = array.array("h")
    i, n = 0, len(a)
    while i < n:
        if a[i] == 0:
            j = i
            while j < n and a[j] == 0:
                j += 1
            if j - i < min_run:
                out.extend(a[i:j])
            i = j
        else:
            j = i
            while j < n and a[j] != 0:
                j += 1
            out.extend(a[i:j])
            i = j
    return out


def join_stalls(runs, before):
    """Join runs that continue each other exactly across silence of any
    length that ends before rec index `before`, when no command had been
    sent yet: only a stall of the whole machine can have put it there (a
    busy machine once held playback for half a second)."""
    out = []
    for r in runs:
        if out:
            p = out[-1]
            gap = r.rec - (p.rec + p.rn)
            if 0 <= gap and r.rec < before and r.exp == p.exp + p.n:
                print(f"  note: a stall of {gap * 1000 // RATE} ms before the "
                      f"command (no sample lost or repeated)")
                out[-1] = am.Run(p.rec, p.exp, p.n + r.n, p.rn + gap + r.rn)
                continue
        out.append(r)
    return out


def cut_in(s, exp, rec, t_cmd, cues):
    """The first run (exact, from the export's start), where it was cut
    and in which sentence: (run, cut index in rec, sentence, seconds into
    it); checks the cut falls where the command was sent."""
    runs = runs_of(exp, rec, s)
    if not check(runs and runs[0].exp < RATE // 50,
                 "playback starts exactly as the export"):
        return None
    want_rec = rec_index_at(s, runs, t_cmd)
    runs = join_stalls(runs, want_rec - int(0.05 * RATE))
    a = runs[0]
    cut_exp = (a.exp + a.n) / RATE
    j = max(k for k, c in enumerate(cues) if c[0] <= cut_exp)
    cut_rec = a.rec + a.rn
    check(abs(cut_rec - want_rec) < 0.15 * RATE,
          f"the old sentence stops where the command was sent "
          f"({(cut_rec - want_rec) * 1000 / RATE:+.0f} ms)")
    return a, cut_rec, j, cut_exp - cues[j][0]


def skip_scenario(herald, page, work, command, expect, when=2.5,
                  queue=None, target=None):
    """Play, send command at `when` seconds into the article (a number or
    a function of the cues), check that what follows in the recording is
    the sentence expect(j, segs, into) names, where j is the sentence that
    was playing and into how far into it the cut fell (None: the cut did
    not fall where the scenario needs it), in target's (samples, cues)
    when given, else in page's."""
    exp, cues, segs = prepare(herald, page, work)
    s = Session(herald, queue or page, work, extra=("--no-earcons",))
    s.at(when(cues) if callable(when) else when)
    t_cmd, reply = s.send(command)
    check('"ok":true' in reply, f"{command} answers ok: {reply[:80]}")
    time.sleep(3)
    rc = s.finish()
    check(rc == 0, f"herald read exits 0 after 'stop' (got {rc})")
    rec = am.read_wav(s.rec_path)
    got = cut_in(s, exp, rec, t_cmd, cues)
    if not got:
        return None
    a, cut_rec, j, into = got
    want = expect(j, segs, into)
    print(f"  cut {into:.2f}s into sentence {j + 1} (paragraph "
          f"{segs[j] + 1}); expecting sentence "
          f"{want + 1 if want is not None else '?'}")
    if not check(want is not None, "the command fell where the scenario "
                 "needs it"):
        return None
    new = am.first_loud(rec, cut_rec, 300)
    if not check(new >= 0, "sound follows the jump"):
        return None
    check(new - cut_rec < 0.1 * RATE,
          f"the new sentence is heard {(new - cut_rec) * 1000 / RATE:.0f} ms "
          f"after the old one stops")
    t_exp, t_cues = target or (exp, cues)
    check_continues(rec, new, t_exp, t_cues, want, command)
    return s


def scenario_next_sentence(herald, page, work):
    skip_scenario(herald, page, work, "next-sentence",
                  lambda j, segs, into: j + 1)


def scenario_repeat(herald, page, work):
    skip_scenario(herald, page, work, "repeat", lambda j, segs, into: j)


def scenario_next_paragraph(herald, page, work):
    skip_scenario(herald, page, work, "next-paragraph",
                  lambda j, segs, into: segs.index(segs[j] + 1))


def long_sentence(cues, min_len, after=2.0):
    """The first sentence from `after` seconds on lasting min_len s."""
    for k in range(1, len(cues) - 1):
        if cues[k][0] >= after and cues[k + 1][0] - cues[k][0] >= min_len:
            return k
    raise SystemExit("the page has no sentence long enough")


def scenario_prev_sentence(herald, page, work):
    """Well into a sentence, 'previous' starts it again."""
    skip_scenario(herald, page, work, "prev-sentence",
                  lambda j, segs, into: j if into > 1.7 else None,
                  when=lambda cues: cues[long_sentence(cues, 4.0)][0] + 2.3)


def scenario_prev_sentence_start(herald, page, work):
    """At the first words of a sentence, 'previous' goes to the one
    before."""
    skip_scenario(herald, page, work, "prev-sentence",
                  lambda j, segs, into: j - 1 if into < 1.2 else None,
                  when=lambda cues: cues[long_sentence(cues, 2.0)][0] + 0.6)


def scenario_next_section(herald, page, work):
    """From the first section, the first words of the next (its
    heading)."""
    roles = roles_of(herald, page)

    def expect(j, segs, into):
        for k in range(j + 1, len(segs)):
            if segs[k] > segs[j] and roles[segs[k]] == "heading":
                return k
        return None
    skip_scenario(herald, page, work, "next-section", expect)


def scenario_next_article(herald, page, work):
    """PAGE is "A,B": a queue of two; next-article in A goes to B's
    first words, and B's headline is printed after A's."""
    a_page, b_page = page.split(",")
    b_exp, b_cues, _ = prepare(herald, b_page, work, name="b.wav")
    s = skip_scenario(herald, a_page, work, "next-article",
                      lambda j, segs, into: 0, queue=[a_page, b_page],
                      target=(b_exp, b_cues))
    if not s:
        return
    titles = [json.loads(subprocess.run(
        [herald, "text", "--format", "json", p], capture_output=True,
        text=True, check=True).stdout)["title"] for p in (a_page, b_page)]
    out = s.stdout
    check(titles[0] in out and titles[1] in out and
          out.index(titles[0]) < out.index(titles[1]),
          "both headlines are printed, in queue order")


def scenario_rate(herald, page, work):
    """'rate 250' cuts the sentence, says "Rate 250." at the new rate and
    says the sentence again at 250 words a minute (matched against an
    export at 250, not at the old rate)."""
    exp, cues, segs = prepare(herald, page, work)
    fast, fcues, _ = prepare(herald, page, work, name="fast.wav",
                             extra=("--rate", "250"))
    s = Session(herald, page, work, extra=("--no-earcons",))
    s.at(2.5)
    t_cmd, reply = s.send("rate 250")
    check('"rate":250' in reply, f"rate 250 answers with the rate: "
          f"{reply[:90]}")
    time.sleep(4)
    t, reply = s.send("status")
    check('"rate":250' in reply, "status reports the new rate")
    rc = s.finish()
    check(rc == 0, f"herald read exits 0 after 'stop' (got {rc})")
    rec = am.read_wav(s.rec_path)
    got = cut_in(s, exp, rec, t_cmd, cues)
    if not got:
        return
    a, cut_rec, j, into = got
    say = am.first_loud(rec, cut_rec, 300)
    if not check(say >= 0, "sound follows the rate change"):
        return
    check(say - cut_rec < 0.1 * RATE, f"the new rate is heard "
          f"{(say - cut_rec) * 1000 / RATE:.0f} ms after the cut")
    check_said(rec, say, work, "Rate 250.", "rate", rate=250)
    said_end = end_of_sound(rec, say)
    new = am.first_loud(rec, said_end, 300)
    print(f"  announcement {(said_end - say) * 1000 / RATE:.0f} ms, then "
          f"the sentence at rec {new / RATE:.2f}s")
    ok_fast = check_continues(rec, new, fast, fcues, j,
                              "after the rate change, at 250 wpm,")
    f_at, f_score = match(rec, new, fast, fcues, j)
    n_at, n_score = match(rec, new, exp, cues, j)
    check(ok_fast and f_score > n_score,
          f"the sentence matches the 250 wpm export better than the 175 "
          f"wpm one ({f_score:.2f} > {n_score:.2f})")


def scenario_resume(herald, page, work):
    """Quit mid-article; the next run says "Resuming at paragraph N" and
    goes on from the sentence where it stopped; --from-start ignores it."""
    exp, cues, segs = prepare(herald, page, work)
    db = os.path.join(work, "resume.db")
    s = Session(herald, page, work, db=db, rec_name="rec1.wav")
    s.at(14)
    t, reply = s.send("status")
    pos = json.loads(reply)["position"]
    para, sent = pos["paragraph"], pos["sentence"]
    print(f"  quitting in paragraph {para}, sentence {sent}")
    rc = s.finish()
    check(rc == 0, f"the first run exits 0 after 'stop' (got {rc})")
    check(para >= 3, f"the first run got past paragraph 2 ({para})")
    want = segs.index(para - 1) + sent - 1

    s = Session(herald, page, work, db=db, from_start=False,
                rec_name="rec2.wav")
    time.sleep(3)
    rc = s.finish()
    check(rc == 0, f"the second run exits 0 (got {rc})")
    check(f"Resuming at paragraph {para}." in s.stdout,
          f"the second run says 'Resuming at paragraph {para}.'")
    rec = am.read_wav(s.rec_path)
    say = am.first_loud(rec, 0, 300)
    if check(say >= 0, "the second run plays"):
        check_said(rec, say, work, f"Resuming at paragraph {para}.",
                   "resume")
        new = am.first_loud(rec, end_of_sound(rec, say, quiet_ms=200), 300)
        check_continues(rec, new, exp, cues, want, "resume")

    s = Session(herald, page, work, db=db, rec_name="rec3.wav")
    time.sleep(2)
    rc = s.finish()
    check(rc == 0, f"the --from-start run exits 0 (got {rc})")
    check("Resuming" not in s.stdout, "--from-start does not resume")
    runs = runs_of(exp, am.read_wav(s.rec_path), s)
    check(runs and runs[0].exp < RATE // 50,
          "--from-start plays from the article's first sample")


def scenario_device_lost(herald, page, work):
    """The sound server dies mid-article: herald saves the position, says
    so in one error line and exits 1, without hanging; the next run
    resumes there.  Uses a server of its own (PULSE_DIR is not touched)."""
    lib = os.path.dirname(os.path.abspath(__file__))
    pulse = os.path.join(work, "pulse")
    server = os.path.join(lib, "soundserver.sh")
    subprocess.run(["sh", server, "start", pulse], check=True)
    os.environ["PULSE_SERVER"] = "unix:" + os.path.join(pulse, "native")
    db = os.path.join(work, "lost.db")
    try:
        s = Session(herald, page, work, db=db, rec_name="lost.wav")
        s.at(8)
        t, reply = s.send("status")
        para = json.loads(reply)["position"]["paragraph"]
        t_kill = time.monotonic()
        subprocess.run(["sh", server, "stop", pulse], check=True)
        try:
            s.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        hung = s.proc.returncode is None
        waited = time.monotonic() - t_kill
        rc = s.finish(stop=False)
        check(not hung, f"herald exits by itself when the device goes "
              f"({waited:.1f} s after the server was killed)")
        check(rc == 1, f"exit status 1 (got {rc})")
        errs = [l for l in s.stderr.splitlines() if l.startswith("herald:")]
        print("  stderr: " + " | ".join(errs))
        check(len(errs) == 1 and errs[0].startswith("herald: error: ") and
              "position" in errs[0],
              "one error line that says the position is saved")
        subprocess.run(["sh", server, "start", pulse], check=True)
        s = Session(herald, page, work, db=db, from_start=False,
                    rec_name="lost2.wav")
        time.sleep(1)
        rc = s.finish()
        check(any(f"Resuming at paragraph {p}." in s.stdout
                  for p in (para, para + 1)),
              f"the next run resumes at paragraph {para}: "
              f"{s.stdout.splitlines()[:3]}")
    finally:
        subprocess.run(["sh", server, "stop", pulse])


def scenario_end(herald, page, work):
    """PAGE is "A,B", two short pages played to the end: "End of
    article." after each and "End of queue." at the end, printed and
    spoken, and herald exits 0."""
    pages = page.split(",")
    exp, cues, _ = prepare(herald, pages[0], work)
    s = Session(herald, pages, work, extra=("--no-earcons",))
    try:
        s.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        pass
    rc = s.finish(stop=False)
    check(rc == 0, f"the end of the queue exits 0 (got {rc})")
    lines = [l for l in s.stdout.splitlines() if l.startswith("End of")]
    check(lines == ["End of article.", "End of article.", "End of queue."],
          f"prints the ends in order: {lines}")
    rec = am.read_wav(s.rec_path)
    runs = runs_of(exp, rec, s)
    if not check(runs and runs[0].exp < RATE // 50 and
                 runs[0].exp + runs[0].n >= len(exp) - RATE // 2,
                 "the first article plays exactly as its export"):
        return
    after = am.first_loud(rec, runs[0].rec + runs[0].rn, 300)
    check_said(rec, after, work, "End of article.", "after the first article")
    # The last sound of the recording is "End of queue.".
    last = len(rec)
    while last > 0 and -300 <= rec[last - 1] <= 300:
        last -= 1
    n = len(spoken_ref(work, "End of queue."))
    check_said(rec, max(0, last - n), work, "End of queue.", "at the end",
               slack_ms=300)


def scenario_commands(herald, page, work):
    """PAGE is "A,B".  Every socket command once, each answered with one
    JSON line whose state and position show that it was carried out."""
    pages = page.split(",")
    _, _, segs = prepare(herald, pages[0], work)
    nsent = [segs.count(k) for k in range(max(segs) + 1)]
    s = Session(herald, pages, work, extra=("--no-earcons",))
    time.sleep(1)

    def cmd(line, want_ok=True):
        t, reply = s.send(line)
        try:
            r = json.loads(reply)
        except ValueError:
            check(False, f"'{line}' answers one JSON line: {reply!r}")
            return {}
        check(r.get("ok") is want_ok,
              f"'{line}' answers ok={want_ok}: {reply[:100]}")
        time.sleep(0.3)
        return r

    def pos(r):
        p = r.get("position", {})
        return p.get("article"), p.get("paragraph"), p.get("sentence")

    st = cmd("status")
    check(st.get("state") == "playing" and pos(st) == (1, 1, 1) and
          st.get("title") and st.get("rate") == 175,
          f"status: playing article 1, paragraph 1, sentence 1, rate 175")
    check(cmd("pause").get("state") == "paused", "pause pauses")
    check(cmd("resume").get("state") == "playing", "resume plays")
    check(cmd("toggle").get("state") == "paused", "toggle pauses")
    check(cmd("toggle").get("state") == "playing", "toggle plays again")
    r = cmd("next-paragraph")
    check(pos(r)[1] == 2 and r.get("moved") is True,
          f"next-paragraph: paragraph 2, moved: {r}")
    check(pos(cmd("next-paragraph"))[1] == 3, "next-paragraph: paragraph 3")
    after = (3, 2) if nsent[2] > 1 else (4, 1)
    check(pos(cmd("next-sentence"))[1:] == after,
          f"next-sentence: paragraph {after[0]}, sentence {after[1]}")
    check(pos(cmd("prev-sentence"))[1:] == (3, 1),
          "prev-sentence at its first words: the one before")
    check(pos(cmd("prev-paragraph"))[1] == 2,
          "prev-paragraph at its first words: paragraph 2")
    check(pos(cmd("repeat"))[1] == 2, "repeat stays in paragraph 2")
    r = cmd("next-section")
    check(pos(r)[1] == 2, "next-section where there is none: the place "
          "stays (a boundary sound)")
    # ... and the reply says so: a script can tell it from a move.
    check(r.get("ok") is True and r.get("moved") is False and
          r.get("reason") == "No next section.",
          f"next-section where there is none answers moved:false with "
          f"the reason: {r}")
    check(pos(cmd("prev-section"))[1] == 1, "prev-section: paragraph 1")
    check(cmd("faster").get("rate") == 200, "faster: 200 words a minute")
    check(cmd("slower").get("rate") == 175, "slower: 175 again")
    check(cmd("rate 300").get("rate") == 300, "rate 300")
    cmd("rate 5000", want_ok=False)
    cmd("rate", want_ok=False)
    cmd("rate 175")
    w = cmd("where")
    check("Paragraph 1 of" in w.get("text", "") and
          "Article 1 of 2" in w.get("text", "") and
          "left" in w.get("text", ""),
          f"where says the article, paragraph and time left: "
          f"{w.get('text', '')[:100]}")
    t = cmd("time")
    check(t.get("text", "").startswith("It is ") and
          "Published 17 December 2017" in t.get("text", ""),
          f"time says the time and the date: {t.get('text', '')}")
    h = cmd("help")
    check("pause or resume" in h.get("text", ""),
          f"help answers with the words it speaks: {h.get('text', '')[:60]}")
    check(cmd("help").get("state") == "playing",
          "help again while it plays goes back to the article")
    check(pos(cmd("next-article"))[0] == 2, "next-article: article 2")
    st = cmd("status")
    check(st.get("title", "").startswith("Harbour"),
          f"status names article 2: {st.get('title')}")
    check(pos(cmd("next-section"))[:2] == (2, 5),
          "next-section in article 2: its first subheading (paragraph 5)")
    r = cmd("next-article")
    check(pos(r)[0] == 2 and r.get("moved") is False and
          r.get("reason") == "No next article.",
          f"next-article at the last article: stays, moved:false: {r}")
    r = cmd("resume")
    check(r.get("moved") is False and r.get("reason") == "Already playing.",
          f"resume while playing: nothing changed: {r}")
    check(pos(cmd("prev-article"))[0] == 1, "prev-article: article 1")
    cmd("jump", want_ok=False)
    cmd("pause now", want_ok=False)
    rc = s.finish()
    check(rc == 0, f"stop ends herald with status 0 (got {rc})")
    check(s.stdout.startswith("Standard input is not a terminal: no keys; "
                              "commands on "),
          "without a terminal it says keys are off and where commands go")
    # Everything said in words is printed too, a plain line each (a
    # braille display shows what the ear hears).
    lines = s.stdout.split("\n")
    for want in ("Paused.", "Playing.", "Rate 200.", "Rate 175.",
                 "No next section.", "No next article.", "Already playing."):
        check(want in lines, f"'{want}' is printed: {s.stdout[-800:]!r}")
    for text, what in ((w.get("text"), "where"), (t.get("text"), "time"),
                       (h.get("text"), "help")):
        check(bool(text) and text in lines,
              f"{what}'s words are printed: {text!r}")


def scenario_quiet(herald, page, work):
    """--quiet: the same commands print nothing, and the replies still
    say what moved."""
    sock_path = os.path.join(work, "q.sock")
    out_path = os.path.join(work, "q.out")
    with open(out_path, "w") as out:
        proc = subprocess.Popen(
            [herald, "read", "--from-start", "--quiet", "--db",
             os.path.join(work, "q.db"), "--control", sock_path, page],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE,
            text=True)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    deadline = time.monotonic() + 60
    while True:
        try:
            sock.connect(sock_path)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                check(False, "the control socket never answered")
                proc.kill()
                return
            time.sleep(0.05)
    f = sock.makefile("rw")

    def cmd(line):
        f.write(line + "\n")
        f.flush()
        return json.loads(f.readline())
    deadline = time.monotonic() + 60
    while cmd("status").get("state") != "playing" and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    for line in ("pause", "resume", "where", "time", "faster", "slower",
                 "next-section", "prev-article"):
        cmd(line)
    r = cmd("prev-article")
    check(r.get("moved") is False and r.get("reason") == "No previous article.",
          f"--quiet: prev-article at the first answers moved:false: {r}")
    cmd("stop")
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
    with open(out_path) as o:
        printed = o.read()
    check(printed == "", f"--quiet prints nothing: {printed!r}")
    check(proc.returncode == 0, f"stop exits 0 (got {proc.returncode})")


NO_VOICE = ("There is no voice for the language of this page; reading it "
            "in English.")


def scenario_no_voice(herald, page, work):
    """A page in a language espeak-ng has no voice for plays in English:
    the notice is heard first and printed too."""
    s = Session(herald, page, work)
    time.sleep(5)
    rc = s.finish()
    check(rc == 0, f"herald read exits 0 after 'stop' (got {rc}): "
          f"{s.stderr[-300:]!r}")
    check(NO_VOICE in s.stdout.split("\n"),
          f"the notice is printed: {s.stdout!r}")
    rec = am.read_wav(s.rec_path)
    start = am.first_loud(rec, 0, 48)
    if check(start >= 0, "sound was recorded"):
        check_said(rec, start, work, NO_VOICE, "first")


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
