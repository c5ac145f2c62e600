#!/usr/bin/env bash
# A page in a language espeak-ng has no voice for is read in English, not
# refused: "There is no voice for the language of this page; reading it in
# English." is heard first (in the recording) and printed.
# needs: sound
. "$TESTLIB/test-lib.sh"
. "$TESTLIB/sound-lib.sh"

cat >"$T/page.html" <<'HTML'
<!DOCTYPE html>
<html lang="x-klingon"><head><title>Harbour news</title></head>
<body><article><h1>Harbour news</h1>
<p>The ferry sails again on Monday, after a week of repairs to its engine.</p>
<p>Tickets bought for the cancelled crossings are valid until the end of the month.</p>
</article></body></html>
HTML
play_scenario no-voice "$T/page.html" "the missing voice is not said, or the page is not read"
finish
