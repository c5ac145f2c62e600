# httpd.sh — sourced by feed tests after test-lib.sh: start_httpd ROOT
# starts tests/lib/httpd.py on a free port of 127.0.0.1 serving ROOT, sets
# $PORT, $BASE (http://127.0.0.1:PORT) and $HTTPD_LOG, and stops it at exit.
start_httpd() {
    HTTPD_LOG="$T/httpd.log"
    : > "$HTTPD_LOG"
    rm -f "$T/httpd.port"
    python3 "$TESTLIB/httpd.py" --root "$1" --port-file "$T/httpd.port" \
        --log "$HTTPD_LOG" &
    HTTPD_PID=$!
    trap 'kill "$HTTPD_PID" 2>/dev/null; wait "$HTTPD_PID" 2>/dev/null; rm -rf "$T"' EXIT
    # Wait for the port file (the server is listening), not for a time: a
    # loaded machine may take long; a server that died is no use waiting for.
    for _ in $(seq 1200); do
        [ -s "$T/httpd.port" ] && break
        kill -0 "$HTTPD_PID" 2>/dev/null || break
        sleep 0.05
    done
    [ -s "$T/httpd.port" ] || { echo "the test HTTP server did not start" >&2; exit 1; }
    PORT=$(cat "$T/httpd.port")
    BASE="http://127.0.0.1:$PORT"
    # Tests talk to 127.0.0.1 directly, never through a proxy.
    unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
}
