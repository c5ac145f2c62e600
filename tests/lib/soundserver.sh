#!/bin/sh
# soundserver.sh start|stop DIR
#
# A private PulseAudio server with a 22050 Hz mono s16 null sink named
# "test", for tests that play real audio and record what was played from
# "test.monitor".  Its socket is DIR/native: set PULSE_SERVER=unix:DIR/native
# before starting a player.  norewinds=1 keeps the null sink from rewinding,
# which otherwise loses audio from the monitor and slows playback.
# --high-priority=yes is PulseAudio's own default (nice -11 where it may):
# a sound server competes with the rest of a busy machine as it does on
# a desktop.
set -u
cmd=${1:?usage: soundserver.sh start|stop DIR}
dir=${2:?usage: soundserver.sh start|stop DIR}

stop() {
    if [ -f "$dir/pid" ]; then
        kill "$(cat "$dir/pid")" 2>/dev/null
        i=0
        while kill -0 "$(cat "$dir/pid")" 2>/dev/null && [ $i -lt 50 ]; do
            sleep 0.1; i=$((i + 1))
        done
        kill -9 "$(cat "$dir/pid")" 2>/dev/null
        rm -f "$dir/pid"
    fi
    return 0
}

case $cmd in
start)
    stop
    if ! command -v pulseaudio >/dev/null 2>&1; then
        echo "soundserver: pulseaudio is not installed (make deps)" >&2
        exit 1
    fi
    mkdir -p "$dir/runtime" "$dir/home"
    rm -f "$dir/native" "$dir/ready"
    cat > "$dir/server.pa" <<PA
load-module module-native-protocol-unix socket=$dir/native auth-anonymous=1
load-module module-null-sink sink_name=test format=s16le rate=22050 channels=1 norewinds=1
set-default-sink test
PA
    HOME=$dir/home XDG_RUNTIME_DIR=$dir/runtime PULSE_RUNTIME_PATH=$dir/runtime \
    nohup pulseaudio -n -F "$dir/server.pa" --daemonize=no --exit-idle-time=-1 \
        --realtime=no --high-priority=yes --no-cpu-limit=yes --use-pid-file=no \
        --disallow-exit=yes --log-target=file:"$dir/server.log" \
        </dev/null >/dev/null 2>&1 &
    echo $! > "$dir/pid"
    i=0
    # Until it answers (60 s at most: a loaded machine starts it slowly).
    while [ $i -lt 600 ]; do
        if PULSE_SERVER=unix:$dir/native pactl info >/dev/null 2>&1; then
            touch "$dir/ready"
            exit 0
        fi
        sleep 0.1; i=$((i + 1))
    done
    echo "soundserver: pulseaudio did not start; see $dir/server.log" >&2
    cat "$dir/server.log" >&2 2>/dev/null
    stop
    exit 1
    ;;
stop)
    stop
    ;;
*)
    echo "usage: soundserver.sh start|stop DIR" >&2
    exit 2
    ;;
esac
