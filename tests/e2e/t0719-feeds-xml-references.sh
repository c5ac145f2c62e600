#!/usr/bin/env bash
# References that break XML but that every HTML reader understands, in the
# feed document itself: "&#X41;" (capital X), "&#233" (no ';'), "&#;", and
# an entity nobody declared ("&foo;"), are read as HTML reads them, and the
# text after them is not lost.
. "$TESTLIB/test-lib.sh"

check() {  # check RAW_XML_TEXT WANT: a channel and an item title read as WANT
    printf '<rss version="2.0"><channel><title>%s</title><link>http://x.example/?q=%s</link><item><title>%s</title></item></channel></rss>\n' "$1" "$1" "$1" > "$T/f.xml"
    expect_status 0 "show '$1'" -- "$HERALD" feeds show "$T/f.xml" --format json || return
    got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["title"] + "|" + d["items"][0]["title"])' "$T/out")
    [ "$got" = "$2|$2" ] && ok || fail "'$1' reads as '$got', want '$2' twice"
}

check 'Caf&#XE9; &#X41;B'      'Café AB'
check 'Caf&#233 ouvert'        'Café ouvert'
check 'Caf&#xe9 ouvert'        'Café ouvert'
check 'x&#65b'                 'xAb'
check 'R&#;D'                  'R&#;D'
check 'A &foo; B'              'A &foo; B'
check 'A &Eacute;T&Eacute; B'  'A ÉTÉ B'

# In a URL too: the reference is one character, the rest of the query stays.
printf '<rss version="2.0"><channel><title>t</title><item><title>i</title><link>http://x.example/?a=&#X41;&amp;b=2&c</link></item></channel></rss>\n' > "$T/l.xml"
expect_status 0 "show a link" -- "$HERALD" feeds show "$T/l.xml" --format json
python3 -c 'import json,sys; l=json.load(open(sys.argv[1]))["items"][0]["link"]; sys.exit(l != "http://x.example/?a=A&b=2&c")' "$T/out" \
    && ok || fail "link: $(cat "$T/out")"
finish
