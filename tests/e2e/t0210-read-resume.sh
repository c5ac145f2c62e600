#!/usr/bin/env bash
# Resume from the store: quit mid-article, run again with the same --db:
# herald says "Resuming at paragraph N" (printed and spoken) and the
# recording goes on from the sentence where it stopped; --from-start
# ignores the remembered place.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

play_scenario resume "$FIXTURES/seed.html"
finish
