#!/usr/bin/env bash
# Pages where one block used to fool the choice of the story, and the
# furniture of galleries, photos and news agencies in several languages.
# Each fixture in fixtures/extract/ is checked word for word by t0101;
# here the failure each one models is named, so a change that brings it
# back says which.
. "$TESTLIB/test-lib.sh"
dir=$FIXTURES/extract

# json FIXTURE: `herald text --format json` of the fixture into $T/out.
json() { expect_status 0 "json $1" -- "$HERALD" text --format json "$dir/$1.html"; }
# roles FIXTURE: the segments' roles, one line.
roles() {
    python3 -c 'import json,sys; print(" ".join(s["role"] for s in json.load(open(sys.argv[1]))["segments"]))' "$T/out"
}
# has FIXTURE TEXT / hasnt FIXTURE TEXT: a segment holds TEXT, or none does.
has() {
    json "$1" || return
    if grep -qF -- "$2" "$T/out"; then ok; else fail "$1: '$2' is not read"; fi
}
hasnt() {
    json "$1" || return
    if grep -qF -- "$2" "$T/out"; then fail "$1: '$2' is read"; else ok; fi
}
roles_are() {
    json "$1" || return
    local got
    got=$(roles)
    [ "$got" = "$2" ] && ok || fail "$1 roles: $got (want $2)"
}
field() {
    json "$1" || return
    local got
    got=$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print("null" if v is None else v)' "$T/out" "$2")
    [ "$got" = "$3" ] && ok || fail "$1: $2 is '$got', expected '$3'"
}

# A long licensing notice outside the story outscored the story's
# paragraphs, each of them alone: the story is read, not the notice.
has notice-beside-story "The harbour bridge opened to traffic again"
has notice-beside-story "tolls would stay at last year's level"
hasnt notice-beside-story "protected by copyright"

# A round-up of a dozen short items under one headline is the story, not
# a list of links, and the audio edition's promotion beside it is not.
roles_are roundup-beside-promo "headline$(printf ' heading paragraph%.0s' $(seq 12))"
has roundup-beside-promo "Chess champion retires at thirty-one"
hasnt roundup-beside-promo "smart speaker"

# An embedded post inside a court report is a quote where it stands, not
# the story; its link's address is not spoken.
roles_are embed-in-report "headline paragraph paragraph paragraph quote quote paragraph"
hasnt embed-in-report "pic.example.com"

# A numbered gallery of another story's pictures inside the story, its
# "View gallery" control, a "1 of 3" counter and a "(Name / Outlet)"
# photo credit are not spoken.
roles_are gallery-in-story "headline caption paragraph paragraph paragraph paragraph"
hasnt gallery-in-story "Business news in pictures"
hasnt gallery-in-story "The Evening Ledger)"
# ... also when its slides are marked in another language (each slide's
# language is freed with it: the sanitizer build finds a leak otherwise).
roles_are gallery-other-language "headline caption paragraph paragraph paragraph paragraph"

# Agency credits end the story as credits in German, Russian, Japanese;
# a photo credit's label and value on lines of their own are not read.
roles_are credits-de "headline paragraph paragraph paragraph credit credit"
roles_are credits-ru "headline paragraph paragraph paragraph credit"
hasnt credits-ru "личный архив"
roles_are credits-ja "headline paragraph paragraph paragraph credit"

# Photo credits run into a caption ("…strike.CreditKevin Marsh/…"), alone
# ("Photo: Reuters", "Staff photo by …") and a player's "Media caption".
roles_are photo-credits "headline paragraph caption paragraph paragraph paragraph"
hasnt photo-credits "Credit"
hasnt photo-credits "Reuters"
hasnt photo-credits "Media caption"

# The story only in a script template, where no reading finds it: the
# page's JSON-LD articleBody stands in, paragraph by paragraph.
roles_are jsonld-body-template "headline paragraph paragraph paragraph"
# ... and without JSON-LD, the template inside the element that names
# itself the article body is parsed as HTML of its own.
roles_are script-template-body "headline paragraph paragraph paragraph"

# Ruby readings printed over the words (furigana) are not read twice, and
# a short Japanese paragraph (23 characters, a whole sentence) is prose.
has ruby-reading "親が子どもをたたくことは、教育のためでも禁止になります。"
has ruby-reading "子どもへの虐待をなくすための法律ができました。"

# <meta itemprop=datePublished> dates the story; "| AUTHOR" leaves the title.
field title-author published "2024-01-03T07:00:02Z"
field title-author title "Whale strandings worry coastal tribes"
# A class that denies a word ("non-paywall") does not make the story
# furniture, so the subscription offer beside it is not read instead.
has denied-class "Mara, 18, has sent more than two hundred applications"
hasnt denied-class "Your benefits as a subscriber"

# A story split over two sibling <article>s, the headline's holding only
# the introduction: the body in the other one is read too.
has split-articles "Leasing costs the least each month"

# German furniture lines: a publication date, an embed's privacy
# placeholder, a featured-image credit, a tag list's label and a
# feedback prompt are not read.
roles_are furniture-de "headline paragraph paragraph paragraph"
hasnt furniture-de "Privatsphäre"
hasnt furniture-de "Beitragsbild"

# A sentence of the story that runs on into a link is read; a paragraph
# of links to other stories is not.
has sentence-into-link "who for the last eight months combined the role"
has sentence-into-link "where he ran corporate communication"
hasnt sentence-into-link "Publisher hires new head of digital"

# The headline inside a header whose class says author: short lines,
# headings and list items after it are the story's (they were taken for
# text before the headline), and the header is not the byline.
roles_are headline-in-byline-header "headline byline paragraph paragraph paragraph paragraph heading list-item list-item paragraph"
hasnt headline-in-byline-header "CRM by Val Riley"

# The head of a table of contents, a lone "Submit" and a site builder's
# stock form messages are not read.
hasnt contents-head "Table of Contents"
hasnt contents-head "Submit"
hasnt contents-head "Your submission has been received"

# A list of teasers with long summaries beside the story outscored it;
# the story element right after the headline is read instead.
has story-after-headline "The new tram line between the central station"
hasnt story-after-headline "Night trains return to the coast line"

# A list of links the story introduces as its resources is read; its
# table of contents (links within the page) and the links to other
# stories after its last paragraph are not.
has resource-links "Notes for the course leader (pdf)"
hasnt resource-links "Frost dates are moving earlier"
roles_are resource-links "headline heading paragraph paragraph paragraph heading paragraph list-item list-item list-item paragraph paragraph"

# A story in sections of the same class (one <div class="sect1"> a
# heading): every section is read, not only the one with most prose.
has story-in-sections "It is an ahead-of-time code generator"
has story-in-sections "The test suite now passes on x86-64"

# Soft hyphens (&shy;, where a printed word may break) are not kept in
# the words a speech engine is given.
has soft-hyphens "Sans recherche autonome, nous"
hasnt soft-hyphens $'\xc2\xad'

# An author's box ends the story as credits: a name alone on a line and
# a paragraph that starts with it, or an "About the author" head (here
# in German) and the biography under it.
roles_are author-box "headline paragraph paragraph paragraph credit credit"
roles_are about-the-author "headline paragraph paragraph paragraph credit credit"
# ... and a reviewer's box after the author's, up to eight segments from
# the end when all that follows is short.
roles_are author-and-reviewer "headline paragraph paragraph paragraph$(printf ' credit%.0s' $(seq 6))"

# "Related articles from the … blog:" heads a list of other stories, and
# so does "Recommended posts".
hasnt related-from "Five ways to clear a garage"
hasnt related-from "Recommended posts"

# A legal disclaimer under its head at the end of a post is not read.
roles_are disclaimer-tail "headline paragraph paragraph paragraph"

# A news dateline opening the first paragraph ("PORT ELLEN –") is read
# with it, neither dropped nor taken for the byline; a "dateline" that is
# only a date names no one, nor does a content system's "No Author"; an
# error message the site's server printed into the page is not read.
has place-dateline "PORT ELLEN – Six thousand surgical masks"
field place-dateline byline null
hasnt place-dateline "on line"

# The byline element of class "byline" (a furniture word) names the
# author, without the date after the name; the bylines of a list of
# other stories before it do not.
field byline-class byline "By Jane Roe"

# A page that carries its story twice (a copy for narrow screens) has it
# read once, heads and all.
roles_are story-twice "headline paragraph heading paragraph paragraph heading paragraph paragraph"

# A story split over two sibling blocks of a content system ("body",
# then "paragraphs") is read whole, its lead paragraph included; a class
# word that ends in "tools" (Drupal's "block-ctools-block") is no row of
# share buttons.
roles_are split-fields "headline$(printf ' paragraph%.0s' $(seq 6))"
has split-fields "Der neue Radweg zwischen dem Hafen"

# A ticker of the site's latest stories under its head ("Happening now",
# "Právě se děje") after the story is not read, headings and paragraphs
# alike: they are other stories.
hasnt ticker-after-story "Happening now"
hasnt ticker-after-story "City approves three hundred new flats"
has ticker-after-story "asked the team to the town hall"

# A table-layout page: the photo alone in a cell and its caption alone
# in the next row is the lead caption, heard before the story; a "By
# NAME" line in no byline markup before the story is the byline.
roles_are table-layout-caption "headline byline caption paragraph paragraph paragraph"
field table-layout-caption byline "By Anna Field, staff writer"

# A share prompt, an appeal for donations and the head of the editors'
# recommendations, in German.
hasnt furniture-de "Artikel teilen"
hasnt furniture-de "Empfehlungen aus der Redaktion"
hasnt furniture-de "Jede kleine Spende"

finish
