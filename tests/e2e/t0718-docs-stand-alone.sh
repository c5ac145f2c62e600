#!/usr/bin/env bash
# The project's documents stand alone: every .md page that the README, the
# docs, the manual page, the sources, the benchmarks or the tests name is
# a file of the project, and what a reader needs is in the project's own
# pages (the listening order in docs/EXTRACTION.md, the flow in
# docs/ARCHITECTURE.md), not in a design paper outside it.
. "$TESTLIB/test-lib.sh"
: "${SRCDIR:?}"

cd "$SRCDIR" || exit 1
# bench/.cache holds the peers' installed packages (speed.sh), not pages
# of the project.
files=$(find README.md docs src bench tests feeds CMakeLists.txt Makefile \
        -path bench/.cache -prune -o -type f \
        \( -name '*.md' -o -name '*.[ch]' -o -name '*.sh' -o -name '*.py' -o -name '*.1' \
           -o -name 'CMakeLists.txt' -o -name 'Makefile' \) -print 2>/dev/null)
missing=""
for name in $(grep -ohE '\b[A-Za-z][A-Za-z0-9_-]*\.md\b' $files | sort -u); do
    [ -f "$name" ] || [ -f "docs/$name" ] || [ -n "$(find . -path ./build\* -prune -o -name "$name" -print | head -1)" ] \
        || missing="$missing $name"
done
[ -z "$missing" ] && ok || fail "named but not in the project:$missing ($(m=${missing# }; grep -lE "\b(${m// /|})\b" $files | tr '\n' ' '))"

grep -q '^## Listening order' docs/EXTRACTION.md && ok || fail "docs/EXTRACTION.md has no listening order"
for role in headline standfirst byline caption credit; do
    sed -n '/^## Listening order/,/^## /p' docs/EXTRACTION.md | grep -qi "$role" && ok \
        || fail "the listening order does not say where the $role goes"
done
grep -q '^## The flow' docs/ARCHITECTURE.md && grep -q 'source ─► fetch ─► decode' docs/ARCHITECTURE.md \
    && ok || fail "docs/ARCHITECTURE.md has no flow"
finish
