#!/usr/bin/env python3
"""ptytest.py — `herald read` under a real pseudo-terminal: keys work and
the terminal's modes are restored on every way out.

  ptytest.py HERALD PAGE SHORTPAGE WORKDIR

Runs herald with the pty as its controlling terminal and standard input,
and checks after each of: q, the end of the queue, Ctrl-C, SIGTERM,
SIGTSTP then SIGCONT, and a crash signal (SIGSEGV) that the pty is back
in canonical mode with echo.  Needs PULSE_SERVER (a live sound server).

Every wait waits for its event (a pid file, a line on the terminal, an
answer on the control socket, a mode of the terminal) with a deadline
generous enough for a sanitizer build on a loaded machine (DEADLINE),
never for a fixed time.  A key is known to have been handled once the
control socket answers a command sent after it: herald's one poll loop
reads keys before socket lines.
"""
import fcntl
import os
import signal
import socket
import subprocess
import sys
import termios
import threading
import time

failures = []
DEADLINE = 60       # seconds: a deadline for events, not a pause


def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)
    return cond


def cooked(fd):
    lflag = termios.tcgetattr(fd)[3]
    return bool(lflag & termios.ICANON) and bool(lflag & termios.ECHO)


class Run:
    def __init__(self, herald, page, work):
        self.master, self.slave = os.openpty()
        self.sock = os.path.join(work, "pty.sock")
        if os.path.exists(self.sock):
            os.unlink(self.sock)

        pidfile = os.path.join(work, "pty.pid")
        if os.path.exists(pidfile):
            os.unlink(pidfile)
        # A session leader (as a shell would be) runs herald as its
        # foreground job, so that herald's process group is not orphaned
        # and SIGTSTP really stops it.
        self.p = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--leader", pidfile,
             herald, "read", "--from-start", "--db",
             os.path.join(work, "pty.db"), "--control", self.sock, page],
            stdin=self.slave, stdout=self.slave, stderr=self.slave,
            close_fds=True)
        # The leader renames the pid file into place: it is there whole.
        until(lambda: os.path.exists(pidfile) or self.p.poll() is not None,
              "the pid file of herald under the pty")
        with open(pidfile) as f:
            self.pid = int(f.read())
        self.out = b""
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            try:
                b = os.read(self.master, 4096)
            except OSError:
                return
            if not b:
                return
            self.out += b

    def wait_playing(self, timeout=DEADLINE):
        """The headline is printed and the socket says it plays."""
        if not until(lambda: b"Kremlin" in self.out or b"Short" in self.out,
                     "the headline", timeout):
            return False
        return until(lambda: '"state":"playing"' in self.status(),
                     "playing", timeout)

    def printed(self, words, timeout=DEADLINE):
        """words (bytes) appear in what herald printed."""
        return until(lambda: words in self.out, repr(words), timeout)

    def status(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(DEADLINE)
        try:
            s.connect(self.sock)
            f = s.makefile("rw")
            f.write("status\n")
            f.flush()
            return f.readline()
        except OSError:
            return ""       # not listening (yet, or any more: it quit)
        finally:
            s.close()

    def command(self, line):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(DEADLINE)
        s.connect(self.sock)
        f = s.makefile("rw")
        f.write(line + "\n")
        f.flush()
        reply = f.readline()
        s.close()
        return reply

    def key(self, k):
        """Type k; return once herald has handled it (the socket answers
        a status asked after it)."""
        os.write(self.master, k)
        self.status()

    def signal(self, sig):
        os.kill(self.pid, sig)

    def wait(self, timeout=DEADLINE):
        try:
            return self.p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            return None

    def close(self):
        os.close(self.slave)
        os.close(self.master)


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


def pos(status):
    """(article, paragraph, sentence) of a status line."""
    import json
    p = json.loads(status)["position"]
    return p["article"], p["paragraph"], p["sentence"]


def leader(argv):
    """--leader PIDFILE CMD...: session leader with the pty as controlling
    terminal; runs CMD as the foreground process group, exits with its
    status (128 + N for a signal N)."""
    pidfile, cmd = argv[0], argv[1:]
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)
        os.tcsetpgrp(0, os.getpid())
        signal.signal(signal.SIGTTOU, signal.SIG_DFL)
        os.execv(cmd[0], cmd)
    os.setpgid(pid, pid) if os.getpgid(pid) != pid else None
    with open(pidfile + ".tmp", "w") as f:
        f.write(str(pid))
    os.rename(pidfile + ".tmp", pidfile)
    while True:
        _, st = os.waitpid(pid, 0)
        if os.WIFEXITED(st):
            return os.WEXITSTATUS(st)
        if os.WIFSIGNALED(st):
            return 128 + os.WTERMSIG(st)


def main(argv):
    if len(argv) > 2 and argv[1] == "--leader":
        return leader(argv[2:])
    herald, page, short, work = argv[1:5]

    r = Run(herald, page, work)
    check(r.wait_playing(), "plays and prints the headline under a pty")
    check(not cooked(r.slave), "keys mode: no canonical input, no echo")
    r.key(b" ")
    check('"state":"paused"' in r.status(), "space pauses")
    # A braille display gets what the ear gets: the words are printed.
    check(r.printed(b"\r\nPaused.\r\n"), "pausing prints 'Paused.'")
    r.key(b" ")
    check('"state":"playing"' in r.status(), "space resumes")
    check(r.printed(b"\r\nPlaying.\r\n"), "resuming prints 'Playing.'")
    r.key(b"k")
    check('"state":"paused"' in r.status(), "k pauses")
    r.key(b"k")
    r.key(b"\x1b[B")
    check('"paragraph":2' in r.status(), "down arrow goes to the next paragraph")
    r.key(b"j")
    check(pos(r.status())[1] == 3, "j goes to the next paragraph")
    r.key(b"\x1b[A")
    check(pos(r.status())[1] == 2, "up arrow at the first words goes to "
          "the previous paragraph")
    before = pos(r.status())
    r.key(b"l")
    after = pos(r.status())
    check(after[1:] > before[1:], f"l goes to the next sentence "
          f"({before[1:]} -> {after[1:]})")
    r.key(b"\x1b[D")
    check(pos(r.status())[1:] == before[1:], "left arrow at the first words "
          "goes back to the sentence before")
    r.key(b"\x1b[C")
    check(pos(r.status())[1:] == after[1:], "right arrow: next sentence")
    r.key(b"h")
    check(pos(r.status())[1:] == before[1:], "h: previous sentence")
    r.key(b"r")
    check(pos(r.status())[1:] == before[1:], "r repeats the sentence")
    r.key(b"[")
    check(pos(r.status())[1] == 1, "[ goes to the start of the section")
    r.key(b"]")
    check(pos(r.status())[1] == 1, "] with no next section stays")
    check(r.printed(b"No next section.\r\n"), "] with no next section says so")
    r.key(b"n")
    check(pos(r.status())[0] == 1, "n with no next article stays")
    check(r.printed(b"No next article.\r\n"), "n says there is no next article")
    r.key(b"p")
    check(pos(r.status())[0] == 1, "p with no previous article stays")
    check(r.printed(b"No previous article.\r\n"),
          "p says there is no previous article")
    r.key(b"+")
    check('"rate":200' in r.status(), "+ is faster (200)")
    r.key(b"-")
    check('"rate":175' in r.status(), "- is slower (175)")
    r.key(b"=")
    check('"rate":200' in r.status(), "= is faster too")
    r.key(b"-")
    for k, what, words in ((b"w", "where am I", b". Paragraph "),
                           (b"t", "the time", b"It is "),
                           (b"?", "help", b": pause or resume. "),
                           (b"?", "help again", None)):
        r.key(k)
        check('"state":"playing"' in r.status(), f"{k.decode()} ({what}) "
              f"speaks and playing goes on")
        if words:
            check(r.printed(words), f"{k.decode()} ({what}) prints its words")
    r.key(b"q")
    rc = r.wait()
    check(rc == 0, f"q quits with status 0 (got {rc})")
    check(cooked(r.slave), "terminal restored after q")
    r.close()

    # Keys remapped in config.ini: x is next sentence and l is nothing;
    # f is faster; the spoken help names the new keys.
    cfg = os.path.join(os.environ.get("XDG_CONFIG_HOME") or
                       os.path.join(os.environ["HOME"], ".config"), "herald")
    os.makedirs(cfg, exist_ok=True)
    with open(os.path.join(cfg, "config.ini"), "w") as f:
        f.write("# herald's keys\n[keys]\nnext-sentence = x\n"
                "faster = f plus\n")
    r = Run(herald, page, work)
    check(r.wait_playing(), "plays with a remapped key")
    before = pos(r.status())
    r.key(b"l")
    check(pos(r.status()) == before, "remapped: l does nothing")
    r.key(b"x")
    check(pos(r.status())[1:] > before[1:], "remapped: x is next sentence")
    r.key(b"f")
    check('"rate":200' in r.status(), "remapped: f is faster")
    help_text = r.command("help")
    check("x: next sentence" in help_text and "plus or f: faster" in
          help_text, "the spoken help names the remapped keys")
    r.key(b"q")
    rc = r.wait()
    check(rc == 0, f"q quits with a remapped key map (got {rc})")
    r.close()
    with open(os.path.join(cfg, "config.ini"), "w") as f:
        f.write("[keys]\nnext-sentence = nosuchkey\n")
    p = subprocess.run([herald, "read", "--from-start", "--db",
                        os.path.join(work, "pty.db"), page],
                       capture_output=True, text=True, timeout=DEADLINE,
                       stdin=subprocess.DEVNULL)
    errs = [l for l in p.stderr.splitlines() if l.startswith("herald:")]
    check(p.returncode == 1 and len(errs) == 1 and "config.ini: line 2" in
          errs[0] and "nosuchkey" in errs[0],
          f"a bad key in config.ini is one error line naming it: {errs}")
    os.unlink(os.path.join(cfg, "config.ini"))

    r = Run(herald, short, work)
    check(r.wait_playing(), "plays the short page")
    rc = r.wait(timeout=4 * DEADLINE)
    check(rc == 0, f"the end of the queue exits 0 (got {rc})")
    check(cooked(r.slave), "terminal restored at the end of the queue")
    check(b"End of queue." in r.out, "says 'End of queue.'")
    r.close()

    r = Run(herald, page, work)
    r.wait_playing()
    os.write(r.master, b"\x03")
    rc = r.wait()
    check(rc == 130, f"Ctrl-C exits 130 (got {rc})")
    check(cooked(r.slave), "terminal restored after Ctrl-C")
    r.close()

    r = Run(herald, page, work)
    r.wait_playing()
    r.signal(signal.SIGTERM)
    rc = r.wait()
    check(rc == 143, f"SIGTERM exits 143 (got {rc})")
    check(cooked(r.slave), "terminal restored after SIGTERM")
    r.close()

    r = Run(herald, page, work)
    r.wait_playing()
    r.signal(signal.SIGTSTP)
    check(until(lambda: cooked(r.slave), "canonical mode"),
          "terminal restored while stopped (SIGTSTP)")
    r.signal(signal.SIGCONT)
    check(until(lambda: not cooked(r.slave), "keys mode"),
          "keys mode again after SIGCONT")
    r.key(b"q")
    rc = r.wait()
    check(rc == 0, f"q after SIGCONT quits with 0 (got {rc})")
    check(cooked(r.slave), "terminal restored after SIGTSTP/SIGCONT and q")
    r.close()

    r = Run(herald, page, work)
    r.wait_playing()
    r.signal(signal.SIGSEGV)
    rc = r.wait()
    check(rc == 128 + signal.SIGSEGV, f"a crash signal kills it (got {rc})")
    check(cooked(r.slave), "terminal restored after a crash signal")
    r.close()

    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
