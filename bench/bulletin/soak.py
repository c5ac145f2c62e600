#!/usr/bin/env python3
"""soak.py — `herald bulletin` unattended for hundreds of slots, with faults.

Runs `herald bulletin --every EVERY` against feeds served by a local HTTP
server of its own (127.0.0.1 only; items get fresh dates, so the cache
keeps growing as it would in months of service), and injects faults in
windows of slots:

  feeds down   the server answers nothing (connections reset): bulletins
               must come from the cache, on time;
  feeds slow   the server holds every request for 30 s: the fetch deadline
               must keep the bulletin on time;
  stall        herald is stopped (SIGSTOP) for 2.5 periods, then continued:
               the slots inside are skipped and logged, never played in a
               burst; the next one plays on time;
  reload       SIGHUP every 50 slots (config.ini read again).

It reads herald's stderr (one line per bulletin or skipped slot) as the
lines arrive, and /proc/PID/status for the resident set after each slot.
A slot's start delay is the arrival of its line minus the slot's wall
time.  Reports slots on time (<= 1 s), late, skipped and silently
missed, inside and outside the fault windows, the worst start delay, and
RSS after warm-up and at the end.

usage: soak.py HERALD WORKDIR SLOTS EVERY_S MODE
  MODE: file (-o, the default), script (--script) or live (spoken into the
  sound server PULSE_SERVER names: a player and a device opened per slot)
"""
import http.server
import os
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from email.utils import formatdate

herald, work, nslots, every, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    float(sys.argv[4]), sys.argv[5]
state = {"mode": "up"}
FEEDS = {"crier": "en", "post": "en", "bote": "de"}
WORDS = ["harbour", "council", "library", "bridge", "storm", "market", "school",
         "river", "station", "museum", "festival", "hospital", "budget", "tram"]


def feed_xml(name, lang):
    now = int(time.time())
    minute = now // 60
    items = []
    for k in range(20):
        m = minute - k
        w = WORDS[(m + len(name)) % len(WORDS)]
        items.append(
            f"<item><title>{name} {w} story {m}</title><guid>{name}-{m}</guid>"
            f"<pubDate>{formatdate(m * 60, usegmt=True)}</pubDate>"
            f"<description>What happened at the {w} in minute {m}.</description>"
            "</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{name}</title><link>http://127.0.0.1/</link>"
            f"<language>{lang}</language>{''.join(items)}</channel></rss>"
            ).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if state["mode"] == "down":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.close()
            return
        if state["mode"] == "slow":
            time.sleep(30)
        name = self.path.strip("/").split(".")[0]
        body = feed_xml(name, FEEDS.get(name, "en"))
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass        # herald gave up at its deadline (the slow window)

    def log_message(self, *a):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass            # a connection herald closed: not news here


srv = Server(("127.0.0.1", 0), Handler)
threading.Thread(target=srv.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{srv.server_address[1]}"
env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(work, "config"),
           XDG_DATA_HOME=os.path.join(work, "data"), HOME=work)
for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
    env.pop(k, None)
db = os.path.join(work, "soak.db")
for name in FEEDS:
    subprocess.run([herald, "feeds", "--db", db, "add", f"{base}/{name}.xml"],
                   env=env, check=True, stdout=subprocess.DEVNULL)
os.makedirs(os.path.join(work, "config", "herald"), exist_ok=True)
with open(os.path.join(work, "config", "herald", "config.ini"), "w") as f:
    if mode == "live":
        # Spoken into the sound server (PULSE_SERVER): one short headline
        # at the fastest rate, so that a bulletin fits in a few seconds.
        f.write("[bulletin]\nheadlines = 1\nsummaries = no\nrate = 450\n")
    else:
        f.write("[bulletin]\nheadlines = 5\nsummaries = yes\n")

every_arg = f"{int(every * 1000)}ms"
out = {"script": ["--script"], "live": []}.get(
    mode, ["-o", os.path.join(work, "bulletin.wav")])
proc = subprocess.Popen([herald, "bulletin", "--db", db, "--every", every_arg] + out,
                        env=env, stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                        text=True)
lines = []          # (arrival, line)
lock = threading.Condition()


def reader():
    for line in proc.stderr:
        with lock:
            lines.append((time.time(), line.rstrip("\n")))
            lock.notify_all()


threading.Thread(target=reader, daemon=True).start()


def rss_kb():
    with open(f"/proc/{proc.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def slot_time(line, arrival):
    """The wall time of 'herald: bulletin HH:MM:SS[.mmm]: ...' nearest to
    its arrival."""
    hms = line.split()[2].rstrip(":")
    h, m, s = hms.split(":")
    lt = time.localtime(arrival)
    base_day = time.mktime((lt.tm_year, lt.tm_mon, lt.tm_mday, 0, 0, 0, 0, 0, -1))
    t = base_day + int(h) * 3600 + int(m) * 60 + float(s)
    for d in (-86400, 86400):
        if abs(t + d - arrival) < abs(t - arrival):
            t += d
    return t


# The slots: every `every` seconds from midnight; the first one 2 s away
# at least, so that herald has started.
start = time.time()
first = (int((start + 2) / every) + 1) * every
slots = [first + i * every for i in range(nslots)]
faults = []         # (from, to, what): wall times
down = (slots[int(nslots * 0.2)], slots[int(nslots * 0.3)])
slow = (slots[int(nslots * 0.5)], slots[int(nslots * 0.6)])
stall_at = slots[int(nslots * 0.8)] + every * 0.3
stall = (stall_at, stall_at + every * 2.5)
faults = [(down[0], down[1], "feeds down"), (slow[0], slow[1], "feeds slow"),
          (stall[0], stall[1] + every, "stall")]

rss = []            # (slot index, kB)
next_hup = 50
stopped = False
for i, t in enumerate(slots):
    # Until just after slot i (its line is due at t).
    while True:
        now = time.time()
        if not stopped and stall[0] <= now < stall[1]:
            proc.send_signal(signal.SIGSTOP)
            stopped = True
        if stopped and now >= stall[1]:
            proc.send_signal(signal.SIGCONT)
            stopped = False
        state["mode"] = ("down" if down[0] - every <= now < down[1] else
                         "slow" if slow[0] - every <= now < slow[1] else "up")
        if now >= t + every * 0.9:
            break
        time.sleep(min(0.05, max(0.0, t + every * 0.9 - now)))
    if proc.poll() is not None:
        break
    rss.append((i, rss_kb()))
    if i == next_hup:
        proc.send_signal(signal.SIGHUP)
        next_hup += 50
if stopped:
    proc.send_signal(signal.SIGCONT)
t_term = time.time()
proc.send_signal(signal.SIGTERM)
try:
    rc = proc.wait(timeout=10)
except subprocess.TimeoutExpired:
    proc.kill()
    rc = None
t_exit = time.time() - t_term
time.sleep(0.2)
srv.shutdown()


def in_fault(t):
    return any(a <= t < b for a, b, _ in faults)


played, skipped = {}, {}
other = []
for arrival, line in lines:
    parts = line.split()
    if len(parts) > 3 and parts[1] == "bulletin" and parts[2][0].isdigit():
        t = round(slot_time(line, arrival) / every)
        if "skipped" in line:
            skipped[t] = line
            # "skipped with the N slots after it": one line for a run.
            if "slots after it" in line or "slot after it" in line:
                n = int(line.split("with the ")[1].split()[0])
                for k in range(1, n + 1):
                    skipped[t + k] = line
        elif "headline" in line or "no news" in line:
            played[t] = arrival - slot_time(line, arrival)
    else:
        other.append(line)

rows = {"outside": [0, 0, 0, 0], "inside": [0, 0, 0, 0]}   # on time, late, skipped, silent
worst = {"outside": 0.0, "inside": 0.0}
silent = []
for t in slots:
    k = round(t / every)
    where = "inside" if in_fault(t) else "outside"
    if k in played:
        d = played[k]
        rows[where][0 if d <= 1.0 else 1] += 1
        worst[where] = max(worst[where], d)
    elif k in skipped:
        rows[where][2] += 1
    else:
        rows[where][3] += 1
        silent.append(time.strftime("%H:%M:%S", time.localtime(t)))

warm = next((kb for i, kb in rss if i >= min(50, len(rss) - 1)), 0)
end = rss[-1][1] if rss else 0
peak = max((kb for _, kb in rss), default=0)
print(f"herald bulletin --every {every_arg} {' '.join(out[:1]) or '(spoken)'}: {len(slots)} slots, "
      f"faults: feeds down {int(nslots * 0.1)} slots, feeds slow (30 s per "
      f"request) {int(nslots * 0.1)} slots, SIGSTOP for {every * 2.5:.1f} s; "
      f"SIGHUP every 50 slots")
print("| slots | total | on time (<= 1 s) | late | skipped, logged | missed silently | worst start delay |")
print("|---|---:|---:|---:|---:|---:|---:|")
for where in ("outside", "inside"):
    r = rows[where]
    print(f"| {where} fault windows | {sum(r)} | {r[0]} | {r[1]} | {r[2]} | {r[3]} | "
          f"{worst[where] * 1000:.0f} ms |")
first_kb = rss[0][1] if rss else 0
print(f"RSS after slot 1: {first_kb} kB; after slot 50: {warm} kB; after slot "
      f"{len(rss)}: {end} kB; growth from slot 50 {end - warm} kB, from slot 1 "
      f"{end - first_kb} kB; peak {peak} kB")
print(f"exit status on SIGTERM: {rc}, after {t_exit * 1000:.0f} ms")
for l in sorted(set(skipped.values())):
    print("  " + l)
if silent:
    print("slots with no line: " + " ".join(silent))
    t0, t1 = time.strftime("%H:%M:%S", time.localtime(stall[0])), \
        time.strftime("%H:%M:%S", time.localtime(stall[1]))
    print(f"  (herald stopped from {t0} to {t1})")
    for a, l in lines:
        if any(x[:5] in l for x in silent):
            print("  " + l)
print("other log lines: " + str(len(other)))
for l in other[:8]:
    print("  " + l)
ok = rows["outside"][1:] == [0, 0, 0] and rc == 0 and end - warm < 1024
sys.exit(0 if ok else 1)
