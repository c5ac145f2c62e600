#!/usr/bin/env bash
# Escaped HTML in feed fields reads as a browser shows it: legacy named
# references without their ';' (the longest Latin-1 name that starts the
# run), HTML5's capital spellings, comments closed by '--!>', and '</ ...>'
# which is no end tag but a bogus comment.
. "$TESTLIB/test-lib.sh"

check() {  # check ESCAPED_HTML WANT: an RSS description reads as WANT
    printf '<rss version="2.0"><channel><title>t</title><item><title>i</title><description>%s</description></item></channel></rss>\n' "$1" > "$T/f.xml"
    expect_status 0 "show '$1'" -- "$HERALD" feeds show "$T/f.xml" --format json || return
    got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["summary"])' "$T/out")
    [ "$got" = "$2" ] && ok || fail "'$1' reads as '$got', want '$2'"
}

check 'Fish &amp;ampchips'          'Fish &chips'
check 'caf&amp;eacute au lait'       'café au lait'
check '&amp;copy2026 herald'         '©2026 herald'
check 'x &amp;nbspy'                 "x $(printf '\302\240')y"
check '&amp;frac12cup of tea'         '½cup of tea'
check '&amp;notit; is'               '¬it; is'
check 'R&amp;AMP;D &amp;COPY; 2026'  'R&D © 2026'
check 'a &amp;Amp; b'                'a &Amp; b'
check 'x &amp;lang;y&amp;rang;'      'x ⟨y⟩'
check 'safe&lt;!--x--!&gt; text'     'safe text'
check 'safe&lt;/ p&gt; text'         'safe text'
check '&lt;b&gt;bold&lt;/b&gt; &amp;unknown; &amp;eacute;' 'bold &unknown; é'
finish
