// Readability.js side of the extraction benchmark: parse each page with
// jsdom and run Mozilla Readability, one JSON line per page (the same work
// `herald text --format json` does).  Usage: node readability.js FILE...
"use strict";
const fs = require("fs");
const path = require("path");
const cache = process.env.READABILITY_CACHE ||
    path.join(__dirname, "..", ".cache", "readability", "node_modules");
const { JSDOM, VirtualConsole } = require(path.join(cache, "jsdom"));
const { Readability } = require(path.join(cache, "@mozilla", "readability"));

const vc = new VirtualConsole();    // drop the pages' console noise
for (const file of process.argv.slice(2)) {
    let r = null;
    try {
        const html = fs.readFileSync(file, "utf8");
        const dom = new JSDOM(html, { url: "https://example.org/", virtualConsole: vc });
        r = new Readability(dom.window.document).parse();
        dom.window.close();
    } catch (e) {
        process.stderr.write(file + ": " + e.message + "\n");
    }
    process.stdout.write(JSON.stringify({
        title: r ? r.title : null, byline: r ? r.byline : null,
        lang: r ? r.lang : null, text: r ? r.textContent : "",
    }) + "\n");
}
