# sound-lib.sh — sourced by audio tests ("# needs: sound") after test-lib.sh.
#
# Points PULSE_SERVER at the private sound server that ctest's "sound"
# fixture started (tests/lib/soundserver.sh), or starts one in $T when the
# script runs by hand.  Skips (exit 77) with the reason only when no
# sound server can be started at all.
# sound_server_alive: does the sound server answer (within 20 s)?
sound_server_alive() {
    timeout 20 pactl info >/dev/null 2>&1
}

# sound_server_restart WHEN: the sound server stopped answering WHEN
# ("before this test"): say so with its log's last lines (the log is kept
# beside it) and start a fresh one in the same place.  A server that
# cannot start again fails the test.
sound_server_restart() {
    stamp=$(date +%Y%m%d-%H%M%S)
    echo "NOTE: the sound server stopped answering $1;" \
         "its log is kept as $PULSE_DIR/server.log.$stamp; the last lines:" >&2
    tail -n 15 "$PULSE_DIR/server.log" 2>/dev/null | sed 's/^/  /' >&2
    mv "$PULSE_DIR/server.log" "$PULSE_DIR/server.log.$stamp" 2>/dev/null
    if ! sh "$TESTLIB/soundserver.sh" start "$PULSE_DIR" >&2; then
        echo "FAIL: the sound server cannot be started again" >&2
        exit 1
    fi
}

if [ -n "${PULSE_DIR:-}" ] && [ -f "$PULSE_DIR/ready" ]; then
    export PULSE_SERVER="unix:$PULSE_DIR/native"
    # The suite's server runs for every sound test in turn.  If it has
    # stopped answering, every later test would fail for a reason that is
    # not its own.
    sound_server_alive || sound_server_restart "before this test"
else
    PULSE_DIR="$T/pulse"
    if ! sh "$TESTLIB/soundserver.sh" start "$PULSE_DIR" >"$T/pulse.log" 2>&1; then
        echo "SKIP: the test sound server cannot start here:" >&2
        sed 's/^/  /' "$T/pulse.log" | head -5 >&2
        exit 77
    fi
    trap 'sh "$TESTLIB/soundserver.sh" stop "$PULSE_DIR"; rm -rf "$T"' EXIT
    export PULSE_SERVER="unix:$PULSE_DIR/native"
fi
# Sound is real time.  A desktop gives its audio priority over other work
# (PulseAudio raises itself to nice -11, as soundserver.sh asks it to),
# and so does an audio test where it may (root, or CAP_SYS_NICE): the
# player, the recorder and the driver that timestamps commands inherit
# it, so that a machine busy with other work at normal priority does not
# starve them into underruns and late timestamps.  Elsewhere they run at
# the priority they were given.
renice -n -10 -p $$ >/dev/null 2>&1 || true
if ! command -v parecord >/dev/null 2>&1; then
    echo "SKIP: parecord (pulseaudio-utils) is not installed" >&2
    exit 77
fi

# play_scenario SCENARIO PAGES [WHAT]: run tests/lib/playtest.py's
# SCENARIO with $HERALD on PAGES (a path, or paths joined by commas: a
# queue), working in $T/SCENARIO; one check, failed with WHAT (default:
# "SCENARIO is not right in the recording").  The scenario's log is shown
# with its name before each line.
play_scenario() {
    local rc
    run_scenario "$1" "$2"; rc=$?
    if [ $rc -ne 0 ] && ! sound_server_alive; then
        # The server died under the scenario: that says nothing of
        # herald.  The failed run's log is shown, and the scenario is
        # played once more on a fresh server; that run decides.
        sed "s/^/[$1, before the server stopped] /" "$T/$1.log"
        sound_server_restart "during $1"
        run_scenario "$1" "$2"; rc=$?
    fi
    if [ $rc -eq 0 ]; then
        ok
    else
        fail "${3:-$1 is not right in the recording}"
    fi
    sed "s/^/[$1] /" "$T/$1.log"
}

# run_scenario SCENARIO PAGES: one run of playtest.py's SCENARIO, working
# in a fresh $T/SCENARIO, its log in $T/SCENARIO.log.
run_scenario() {
    rm -rf "$T/$1" && mkdir -p "$T/$1" &&
        python3 "$TESTLIB/playtest.py" "$1" "$HERALD" "$2" "$T/$1" >"$T/$1.log" 2>&1
}
