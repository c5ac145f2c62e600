#!/usr/bin/env bash
# `herald read` plays exactly the samples `herald export` writes for the
# same article: recorded at the test sound server's null sink and found in
# the export sample by sample.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario play "$FIXTURES/seed.html" \
    "playback does not match the export"
finish
