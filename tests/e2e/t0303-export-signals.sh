#!/usr/bin/env bash
# An export killed mid-file (SIGKILL, SIGINT, SIGTERM) or crashing
# (SIGSEGV) leaves nothing under a final name; SIGINT, SIGTERM and a crash
# leave no temporary either; the next run removes the temporaries a SIGKILL
# left and finishes the job.
. "$TESTLIB/test-lib.sh"
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }

# A long article: a few minutes of rendering and MP3 encoding.
{
    printf '<html lang="en"><body><article>\n<h1>A very long report</h1>\n'
    for i in $(seq 1 400); do
        printf '<p>Paragraph %d of the report says that the committee met again today. ' "$i"
        printf 'Members discussed the budget, the roads and the new library at length. '
        printf 'No decision was taken and the meeting will continue tomorrow morning.</p>\n'
    done
    printf '</article></body></html>\n'
} >"$T/long.html"

# start DIR ARGS...: run herald export in the background with default
# signal dispositions (a non-interactive shell ignores SIGINT in
# background jobs) and in its own process group; sets $pid.
start() {
    python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.setpgid(0, 0)
os.execvp(sys.argv[1], sys.argv[1:])' "$HERALD" export "$@" -q >/dev/null 2>"$T/bg.err" &
    pid=$!
}

# wait_for_part DIR: until a temporary appears (the export is mid-file).
wait_for_part() {
    for _ in $(seq 1 1200); do     # 60 s: a deadline, not a pause
        ls -A "$1" | grep -q '\.part$' && return 0
        sleep 0.05
    done
    return 1
}

# finals DIR: audio files under final names.
finals() { ls "$1" | grep -E '\.(wav|flac|ogg|opus|mp3|vtt)$' || true; }

for sig in KILL INT TERM SEGV; do
    for mode in file dir dirgroup; do
        d="$T/$sig-$mode"
        mkdir "$d"
        case $mode in
        file) start "$T/long.html" -o "$d/long.mp3" --captions vtt ;;
        *) start "$T/long.html" "$T/long.html" -d "$d" --format mp3 -j 2 --captions vtt ;;
        esac
        if ! wait_for_part "$d"; then
            fail "$sig/$mode: no temporary appeared"
            kill -KILL -- "-$pid" 2>/dev/null
            wait "$pid" 2>/dev/null
            continue
        fi
        if [ "$mode" = dirgroup ]; then
            kill -"$sig" -- "-$pid"     # the whole group, like ^C on a terminal
        else
            kill -"$sig" "$pid"         # the parent only
        fi
        wait "$pid" 2>/dev/null
        # Workers die with their parent (SIGTERM from the kernel): wait
        # until no process of the group is left running (a zombie waiting
        # for init to reap it has done all it will do).
        for _ in $(seq 1 1200); do
            ps -e -o pgid=,stat= | awk -v g="$pid" '$1 == g && $2 !~ /^Z/ {f=1} END {exit !f}' || break
            sleep 0.05
        done
        [ -z "$(finals "$d")" ] && ok || fail "$sig/$mode: files under final names: $(finals "$d")"
        if [ "$sig" != KILL ] || [ "$mode" = dir ]; then
            # Only processes that were SIGKILLed themselves cannot clean
            # up; workers of a SIGKILLed parent get SIGTERM and do.
            parts=$(ls -A "$d" | grep '\.part$' || true)
            [ -z "$parts" ] && ok || fail "$sig/$mode: temporaries left: $parts"
        fi
    done
done

# The next run sweeps what the SIGKILL left (once it is not being written:
# nobody holds its lock) and does the job.
d="$T/KILL-file"
[ -n "$(ls -A "$d" | grep '\.part$')" ] && ok || fail "SIGKILL left no temporary to sweep"
: >"$d/.notes.draft1.part"    # the user's own file, as old as the temporary
sleep 2
: >"$d/.other.wav.abcdef.part.keep"   # not ours by name: left alone
printf '<html lang="en"><body><article>\n<h1>A short report</h1>\n<p>The committee met again today and decided to build the new library next spring.</p>\n</article></body></html>\n' >"$T/short.html"
expect_status 0 "the next run" -- "$HERALD" export "$T/short.html" -o "$d/long.mp3" -q
[ -z "$(ls -A "$d" | grep '\.herald\.part$')" ] && ok || fail "stale temporaries not swept: $(ls -A "$d")"
[ -e "$d/.other.wav.abcdef.part.keep" ] && ok || fail "swept a file that is not ours"
[ -e "$d/.notes.draft1.part" ] && ok || fail "swept the user's .notes.draft1.part"
[ -s "$d/long.mp3" ] && ok || fail "the next run did not write its file"
finish
