#!/usr/bin/env bash
# Each page in fixtures/extract/ is modelled on a layout problem of real
# news sites; NAME.expected is the listening script `herald text NAME.html`
# must print, one segment a line, exactly.  Metadata is checked for the
# pages that are about metadata.
. "$TESTLIB/test-lib.sh"
dir=$FIXTURES/extract

n=0
for page in "$dir"/*.html; do
    name=$(basename "$page" .html)
    [ -f "$dir/$name.expected" ] || { fail "$name: no $name.expected"; continue; }
    n=$((n + 1))
    expect_status 0 "text $name" -- "$HERALD" text "$page" || continue
    if diff -u "$dir/$name.expected" "$T/out" >"$T/d"; then ok; else
        fail "$name: output differs from $name.expected"; cat "$T/d" >&2
    fi
done
[ "$n" -ge 8 ] && ok || fail "only $n fixture pages"

# meta NAME FIELD VALUE: the JSON field of the page's article.
meta() {
    expect_status 0 "json $1" -- "$HERALD" text --format json "$dir/$1.html" || return
    got=$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print("null" if v is None else v)' "$T/out" "$2")
    if [ "$got" = "$3" ]; then ok; else fail "$1: $2 is '$got', expected '$3'"; fi
}
meta jsonld-only byline "Ana Silva, Ben Ode"
meta jsonld-only published "2024-03-04T08:15:00+00:00"
meta jsonld-only site "The Daily Courier"
meta jsonld-only lang "en"
meta table-layout-cp1251 lang "ru"
meta table-layout-cp1251 title "Новости города - Городской вестник"
meta title-h1-differ title "Moon ice: what the discovery means"
meta rtl-arabic lang "ar"
# JSON-LD in CDATA markers right after another <script>; a property
# outranks a name; a <title> whose parts are too short stays whole.
meta jsonld-cdata title "Council approves new library for the old mill"
meta jsonld-cdata byline "Ruth Okafor"
meta jsonld-cdata published "2024-05-02T09:30:00+01:00"
meta jsonld-cdata site "The Valley Gazette"
meta meta-property-name title "Night buses return to the coast road"
meta title-short-parts title "Tides - Harbour Wiki"
# Metadata a site escaped twice is decoded once more; "AT&T" and an
# unknown reference stay as written.
meta escaped-twice title "Ferry's new route opens & fares fall"
meta escaped-twice byline "Lena Müller"
meta escaped-twice excerpt 'The operator of the island ferry’s new route says fares will fall by a "fair" margin; AT&T and &bogus; stay as written.'

# roles_are FIXTURE WANT [OPTION...]: the roles of `herald text --format
# json` on FIXTURE, in order, are WANT.
roles_are() {
    local name=$1 expected=$2 roles   # not "want": expect_status sets that
    shift 2
    expect_status 0 "json $name" -- "$HERALD" text --format json "$@" "$dir/$name.html"
    roles=$(python3 -c 'import json,sys; print(" ".join(s["role"] for s in json.load(open(sys.argv[1]))["segments"]))' "$T/out")
    [ "$roles" = "$expected" ] && ok || fail "$name roles: $roles"
}

# Roles: a caption's credit is dropped, a trailing credit has role credit.
roles_are title-h1-differ "headline standfirst paragraph paragraph credit"
# A caption's part that microdata names its credit (itemprop
# copyrightHolder, creditText) is not heard, whatever its words.
roles_are credit-microdata "headline caption paragraph paragraph caption paragraph"
# A heading element named a caption inside a figure is the picture's
# caption (role caption, its credit cut), not a section head.
roles_are caption-heading "headline paragraph caption paragraph paragraph"
# A caption named in German ("bildunterschrift") is the lead caption,
# its heading element and all, heard without its credit; so is a heading
# element whose own class names a picture's caption ("bilduntertitel").
roles_are caption-class-de "headline caption paragraph paragraph paragraph caption paragraph"
# A byline that gives the date first names whoever follows "by".
roles_are byline-date-first "headline byline paragraph paragraph"
roles_are liveblog-list "paragraph heading list-item list-item list-item heading quote paragraph" --body-only
# A newsletter box and a call to action with an address are dropped;
# the contributor line and the author's biography end the story as credits.
roles_are trailing-credits "headline paragraph paragraph paragraph credit credit"
# An author's box named by its class is read after the story as credits,
# wherever it stands in the text; one before the text is not read, and a
# box's biography is no byline.
roles_are author-box-class "headline paragraph paragraph paragraph credit credit credit credit"
# A figure's label opening a line beside a picture ("Abbildung 1:",
# "Abbildung 2: …") makes it the picture's caption; the same label in
# running text, or on a line with no picture near, does not.
roles_are figure-label "headline paragraph caption paragraph caption paragraph paragraph"
# A long subheading under the headline is the standfirst, and a body
# block whose class says "description" below it is the story.
roles_are subheading-standfirst "headline standfirst byline paragraph paragraph paragraph"
# A long subheading that opens the text column, not beside the headline,
# is the text's first paragraph, heard as a paragraph.
roles_are subheading-in-text "headline paragraph paragraph paragraph paragraph"
# A teaser or intro under the headline is the text's opening paragraph
# (read after the byline, and with --body-only), unless the page says it
# again further down: then it is a summary, the standfirst.
roles_are opening-teaser "headline byline paragraph paragraph paragraph paragraph"
roles_are teaser-repeated "headline standfirst byline paragraph paragraph paragraph"
# A summary ("abstract", "summary") set in the story's text column is its
# first paragraph; set in the story's head (a <header>, "article-header")
# it is the standfirst.
roles_are summary-in-text "headline paragraph paragraph paragraph"
roles_are summary-in-head "headline standfirst byline paragraph paragraph"
# A teaser outside the container is not lost: read before the container
# as the text's opening paragraph, or, in the story's head, as the
# standfirst.
roles_are opening-outside "headline paragraph paragraph paragraph paragraph"
roles_are opening-in-head "headline standfirst byline paragraph paragraph paragraph"
# A post's meta line before the story ("date | categories: … | View
# Comments") is its byline, without the labelled and stock fields.
roles_are post-meta-line "headline byline paragraph paragraph paragraph"
meta post-meta-line byline "March 3, 2024 at 09:15 AM"
# ... also when the date is its last field.
roles_are meta-line-date-last "headline byline paragraph paragraph paragraph"
# A paragraph that ends with its picture's credit ("… © AFP / NAME") is
# a caption, heard without the credit.
roles_are credit-in-paragraph "headline paragraph caption caption paragraph paragraph"
# A "By NAME" line after a caption, before any text, is the byline.
roles_are caption-before-byline "headline byline caption paragraph paragraph paragraph"
meta caption-before-byline byline "By Ann Lee"
# Text beside a picture that repeats its alt text is the caption.
roles_are alt-text-caption "headline paragraph caption paragraph paragraph"
# An accordion's question (a button in a heading, or a heading in a
# button) is a heading, and its folded-away answer is read.
roles_are faq-accordion "headline paragraph paragraph heading heading paragraph heading paragraph"
# A data table's cells are read after their column's header ("Price
# (USD): $160", above); in JSON the header is a field of its own and the
# text is the page's.
expect_status 0 "json data-table" -- "$HERALD" text --format json --body-only "$dir/data-table.html"
cells=$(python3 -c 'import json,sys
for s in json.load(open(sys.argv[1]))["segments"]:
    if s["role"] == "table-cell":
        print(s.get("header", "-") + "|" + s["text"])' "$T/out" | tr '\n' ' ')
[ "$cells" = "-|Model -|Layout -|Price (USD) Model|Kestrel 60 Layout|60% Price (USD)|\$160 Model|Heron TKL Layout|Tenkeyless Price (USD)|\$249.99 " ] &&
    ok || fail "data-table cells in JSON: $cells"
finish
