#!/usr/bin/env bash
# A missing end tag loses nothing: an unclosed HTML element (<br>, <img>,
# <b>) in a channel or a description, or an unclosed <item>/<entry>,
# made the recovered document nest the rest inside it, and the feed lost
# its title or every later item.
. "$TESTLIB/test-lib.sh"

check() {  # check DOC WANT: the feed's title and items' titles read as WANT
    printf '%s\n' "$1" > "$T/f.xml"
    expect_status 0 "show $2" -- "$HERALD" feeds show "$T/f.xml" --format json || return
    got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join([str(d["title"])] + [str(i["title"]) for i in d["items"]]))' "$T/out")
    [ "$got" = "$2" ] && ok || fail "got '$got', want '$2' from $1"
}

check '<rss version="2.0"><channel><br><title>T</title><item><title>A</title></item><item><title>B</title></item></channel></rss>' 'T A B'
check '<rss version="2.0"><channel><img src="x.png"><title>T</title><item><title>A</title></item></channel></rss>' 'T A'
check '<rss version="2.0"><channel><b>Bold news<title>T</title><item><title>A</title></item></channel></rss>' 'T A'
check '<feed xmlns="http://www.w3.org/2005/Atom"><span><title>T</title><entry><title>A</title></entry></feed>' 'T A'
check '<rss version="2.0"><channel><title>T</title><item><title>A</title><description>x<br>y</description></item><item><title>B</title></item></channel></rss>' 'T A B'
check '<rss version="2.0"><channel><title>T</title><item><title>A</title><item><title>B</title></item><item><title>C</title></item></channel></rss>' 'T A B C'
check '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title><entry><title>B</title></entry></feed>' 'T A B'
# The item that lost its end tag keeps what it had.
printf '%s\n' '<rss version="2.0"><channel><title>T</title><item><title>A</title><link>http://a.example/</link><item><title>B</title></item></channel></rss>' > "$T/g.xml"
expect_status 0 "show unclosed item" -- "$HERALD" feeds show "$T/g.xml" --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["items"][0]["link"] != "http://a.example/")' "$T/out" \
    && ok || fail "the unclosed item lost its link: $(cat "$T/out")"
finish
