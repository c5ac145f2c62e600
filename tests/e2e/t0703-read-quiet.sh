#!/usr/bin/env bash
# herald read --quiet: the words that answer commands (where, time, pause,
# rates, "No next section.") are spoken but not printed, and the socket's
# replies still tell a move from a move where nothing is further.
# (t0212 checks that without --quiet they are printed.)
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario quiet "$FIXTURES/seed.html" "--quiet printed words, or a reply did not say what moved"
finish
