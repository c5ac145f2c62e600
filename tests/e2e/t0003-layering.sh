#!/usr/bin/env bash
# Each library's headers are included by one module only, and only cli/
# and main.c print (docs/ARCHITECTURE.md).
. "$TESTLIB/test-lib.sh"
cd "$SRCDIR/src" || exit 1

only_in() {  # only_in PATTERN ALLOWED_REGEX
    bad=$(grep -rlE "#include <$1" --include='*.c' --include='*.h' . |
          grep -vE "$2" || true)
    if [ -n "$bad" ]; then
        fail "<$1> included outside $2: $bad"
    else
        ok
    fi
}
only_in 'espeak-ng/' '^\./synth/synth\.c$'
only_in 'portaudio\.h' '^\./sink/sink_pa\.c$'
only_in 'sndfile\.h' '^\./sink/sink_file\.c$'
only_in 'sqlite3\.h' '^\./store/'
only_in 'curl/' '^\./net/'
only_in 'libxml/' '^\./(extract|feed)/'

# Modules below cli/ return errors; they do not print to stdout.
bad=$(grep -rlE '\b(printf|puts|putchar)\(' --include='*.c' . |
      grep -vE '^\./(cli/|main\.c)' || true)
if [ -n "$bad" ]; then
    fail "printing outside cli/: $bad"
else
    ok
fi
finish
