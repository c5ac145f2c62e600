#!/usr/bin/env python3
"""A real HTTP server on 127.0.0.1 for herald's tests (standard library only).

  httpd.py --root DIR --port-file FILE [--log FILE]

Listens on a free port of 127.0.0.1 and writes that port to FILE once it is
ready.  Every connection and request is appended to the log (one line:
"CONNECT" or "GET path if-none-match=... if-modified-since=... ua=...") so
that tests can check what herald asked for, and that hostile documents made
it ask for nothing.  Serves files under DIR, plus these test paths:

  /redirect/N/PATH        N redirects (302), then PATH
  /to?url=URL             one 302 to URL (any scheme: file:, javascript:...)
  /cond/PATH              PATH with ETag and Last-Modified; 304 on a match
  /gzip/PATH              PATH gzip-encoded (Content-Encoding: gzip)
  /deflate/PATH           PATH deflate-encoded
  /slow                   a body that drips one byte a second, forever
  /endless                an endless body as fast as the client reads
  /type/MIME/PATH         PATH with Content-Type MIME (e.g. text%2Fhtml)
  /charset/CS/PATH        PATH with Content-Type text/xml; charset=CS
  /status/N               an empty response with status N
  /sleep/S/PATH           PATH (any of the above) after S seconds
"""
import argparse, gzip, hashlib, os, socketserver, sys, threading, time, urllib.parse, zlib
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
ARGS = None


def log(line):
    if ARGS.log:
        with LOCK, open(ARGS.log, "a", encoding="utf-8") as f:
            f.write(line + "\n")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def get_request(self):
        sock, addr = super().get_request()
        log("CONNECT")
        return sock, addr


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "herald-test-httpd"

    def log_message(self, fmt, *args):
        pass

    def send_body(self, body, ctype="application/xml", status=200, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def file(self, rel):
        path = os.path.normpath(os.path.join(ARGS.root, urllib.parse.unquote(rel).lstrip("/")))
        if not path.startswith(os.path.abspath(ARGS.root)) or not os.path.isfile(path):
            return None, None
        with open(path, "rb") as f:
            data = f.read()
        ext = os.path.splitext(path)[1]
        ctype = {".xml": "application/xml", ".rss": "application/rss+xml",
                 ".atom": "application/atom+xml", ".opml": "text/x-opml",
                 ".html": "text/html; charset=utf-8"}.get(ext, "application/octet-stream")
        return data, ctype

    def serve_file(self, rel, ctype=None, extra=()):
        data, guessed = self.file(rel)
        if data is None:
            return self.send_body(b"not found\n", "text/plain", 404)
        self.send_body(data, ctype or guessed, 200, extra)

    def do_GET(self):
        h = self.headers
        log("GET %s if-none-match=%s if-modified-since=%s ua=%s accept-encoding=%s" % (
            self.path, h.get("If-None-Match", "-"), h.get("If-Modified-Since", "-"),
            h.get("User-Agent", "-"), h.get("Accept-Encoding", "-")))
        u = urllib.parse.urlsplit(self.path)
        parts = u.path.split("/")
        try:
            if u.path.startswith("/redirect/"):
                n = int(parts[2])
                rest = "/".join(parts[3:])
                loc = "/redirect/%d/%s" % (n - 1, rest) if n > 1 else "/" + rest
                return self.send_body(b"", "text/plain", 302, [("Location", loc)])
            if u.path == "/to":
                loc = urllib.parse.parse_qs(u.query).get("url", ["/"])[0]
                return self.send_body(b"", "text/plain", 302, [("Location", loc)])
            if u.path.startswith("/cond/"):
                rel = "/".join(parts[2:])
                data, ctype = self.file(rel)
                if data is None:
                    return self.send_body(b"not found\n", "text/plain", 404)
                etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
                lm = formatdate(1000000000, usegmt=True)
                if h.get("If-None-Match") == etag or h.get("If-Modified-Since") == lm:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                return self.send_body(data, ctype, 200, [("ETag", etag), ("Last-Modified", lm)])
            if u.path.startswith("/gzip/") or u.path.startswith("/deflate/"):
                rel = "/".join(parts[2:])
                data, ctype = self.file(rel)
                if data is None:
                    return self.send_body(b"not found\n", "text/plain", 404)
                if parts[1] == "gzip":
                    body, enc = gzip.compress(data), "gzip"
                else:
                    body, enc = zlib.compress(data), "deflate"
                return self.send_body(body, ctype, 200, [("Content-Encoding", enc)])
            if u.path == "/slow":
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.end_headers()
                self.wfile.write(b"<rss><channel><title>")
                for _ in range(3600):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(1)
                return
            if u.path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.end_headers()
                self.wfile.write(b"<rss><channel><title>")
                chunk = b"x" * 65536
                for _ in range(1 << 20):
                    self.wfile.write(chunk)
                return
            if u.path.startswith("/type/"):
                return self.serve_file("/".join(parts[3:]), urllib.parse.unquote(parts[2]))
            if u.path.startswith("/charset/"):
                return self.serve_file("/".join(parts[3:]), "text/xml; charset=" + parts[2])
            if u.path.startswith("/status/"):
                return self.send_body(b"", "text/plain", int(parts[2]))
            if u.path.startswith("/sleep/"):
                time.sleep(float(parts[2]))
                self.path = "/" + "/".join(parts[3:]) + ("?" + u.query if u.query else "")
                return self.do_GET()
            return self.serve_file(u.path)
        except (BrokenPipeError, ConnectionResetError):
            return

    do_HEAD = do_GET


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log")
    ARGS = ap.parse_args()
    ARGS.root = os.path.abspath(ARGS.root)
    srv = Server(("127.0.0.1", 0), Handler)
    tmp = ARGS.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, ARGS.port_file)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
