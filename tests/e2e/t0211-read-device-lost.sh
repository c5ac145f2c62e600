#!/usr/bin/env bash
# The audio device disappears mid-article (the test's own sound server is
# killed while herald plays): herald saves the position, prints one clear
# error line and exits 1 without hanging; the next run resumes there.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario device-lost "$FIXTURES/seed.html"
finish
