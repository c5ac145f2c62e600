#!/usr/bin/env python3
"""ufp-json.py FILE — the Universal Feed Parser (python3-feedparser) read of
FILE, printed in the form of `herald feeds show --format json`, so that
score-feeds.py can score the reference parser beside herald:

  score-feeds.py --cmd "python3 bench/feeds/ufp-json.py {file}"

Text fields that feedparser gives as (sanitised) HTML are turned into
plain text the way the contract asks: tags dropped, script and style
content dropped, references decoded, white space collapsed."""
import calendar, datetime, html.parser, json, re, sys

import feedparser


class Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
             "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "hr", "table"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag in self.BLOCK:
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def text(value, detail):
    if value is None:
        return None
    if "html" in ((detail or {}).get("type") or ""):
        p = Text()
        p.feed(value)
        p.close()
        value = "".join(p.out)
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def date(t):
    if not t:
        return None
    return datetime.datetime.fromtimestamp(calendar.timegm(t), datetime.timezone.utc) \
        .strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    d = feedparser.parse(sys.argv[1])
    f = d.feed
    items = []
    for e in d.entries:
        summary, detail = e.get("summary"), e.get("summary_detail")
        if e.get("content") and (summary is None or detail is None):
            # no summary, or one feedparser copied from the content
            summary, detail = summary or e.content[0].value, e.content[0]
        items.append({
            "id": e.get("id"), "title": text(e.get("title"), e.get("title_detail")),
            "link": e.get("link"), "author": e.get("author"),
            "published": date(e.get("published_parsed")),
            "updated": date(e.get("updated_parsed")),
            "summary": text(summary, detail),
            "enclosures": [{"url": x.get("href"), "type": x.get("type"),
                            "length": int(x["length"]) if str(x.get("length", "")).isdigit() else None}
                           for x in e.get("enclosures", [])]})
    json.dump({"title": text(f.get("title"), f.get("title_detail")), "link": f.get("link"),
               "description": text(f.get("subtitle"), f.get("subtitle_detail")),
               "lang": f.get("language"), "updated": date(f.get("updated_parsed")),
               "items": items}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
