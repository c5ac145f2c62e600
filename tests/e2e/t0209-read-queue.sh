#!/usr/bin/env bash
# A queue of two articles: next-article goes to the second article's first
# words; played to the end, "End of article." follows each article and
# "End of queue." ends it, printed and heard in the recording.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

# Two short pages for the end of the queue; the next-article scenario
# uses the seed and the page with sections.
cat > "$T/short1.html" <<'HTML'
<html lang="en"><head><title>Short</title></head><body><article>
<h1>Short news</h1><p>This is the whole story. It ends here.</p>
</article></body></html>
HTML
cat > "$T/short2.html" <<'HTML'
<html lang="en"><head><title>Later</title></head><body><article>
<h1>Later news</h1><p>A second story follows the first. Then the queue is done.</p>
</article></body></html>
HTML
pages_for() {
    case $1 in
    next-article) echo "$FIXTURES/seed.html,$FIXTURES/sections.html" ;;
    end) echo "$T/short1.html,$T/short2.html" ;;
    esac
}
play_scenario next-article "$(pages_for next-article)"
play_scenario end "$(pages_for end)"
finish
