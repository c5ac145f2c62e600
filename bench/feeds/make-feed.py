#!/usr/bin/env python3
"""make-feed.py [--items N | --bytes B] — print a synthetic RSS 2.0 feed with
realistic items (HTML descriptions, content:encoded, enclosures, dates)."""
import argparse, sys

ap = argparse.ArgumentParser()
ap.add_argument("--items", type=int)
ap.add_argument("--bytes", type=int)
a = ap.parse_args()
out = sys.stdout
head = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        '<title>Benchmark News</title><link>http://bench.example/</link>\n'
        '<description>Synthetic stories</description><language>en</language>\n')
para = ("<p>The council met on Tuesday to discuss the new budget, which "
        "includes money for roads, schools &amp; the library. Residents "
        "asked questions for more than two hours.</p>")
written = out.write(head)
i = 0
while True:
    if a.items is not None and i >= a.items:
        break
    item = ('<item><title>Story number %d: council &amp; budget</title>'
            '<link>http://bench.example/story/%d</link><guid>http://bench.example/story/%d</guid>'
            '<dc:creator>Reporter %d</dc:creator><pubDate>Mon, 0%d Jan 2024 12:%02d:00 GMT</pubDate>'
            '<description><![CDATA[%s]]></description>'
            '<content:encoded><![CDATA[%s]]></content:encoded>'
            '<enclosure url="http://bench.example/audio/%d.mp3" type="audio/mpeg" length="%d"/>'
            '</item>\n') % (i, i, i, i % 7, 1 + i % 9, i % 60, para, para * 6, i, 1000 + i)
    if a.bytes is not None and written + len(item) + 30 > a.bytes:
        break
    written += out.write(item)
    i += 1
out.write("</channel>\n</rss>\n")
