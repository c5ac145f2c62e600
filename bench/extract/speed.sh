#!/usr/bin/env bash
# Extraction speed, side by side on the same pages in one run:
#   herald (one process for all pages: `herald text --body-only --format
#   json A B C ...`), herald one process per page, Readability.js 0.6.0 on
#   jsdom 27 (one node process for all pages), and the floor: a bare
#   libxml2 parse-and-walk of the same pages (bench/extract/floor.c).
#
#   bench/extract/speed.sh HERALD [SHARED] [ROUNDS]
#
# Needs node/npm for Readability (installed on first use into
# bench/.cache/readability, never into the build).  Prints a Markdown
# table: wall seconds (best of ROUNDS, default 5), pages/s, peak RSS.
set -eu
herald=$(realpath "${1:?usage: speed.sh HERALD [SHARED] [ROUNDS]}")
shared=${2:-${SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/../shared}}
rounds=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
cache=$here/../.cache
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -d "$cache/readability/node_modules/@mozilla/readability" ]; then
    mkdir -p "$cache/readability"
    echo '{"name":"herald-bench-readability","private":true}' >"$cache/readability/package.json"
    (cd "$cache/readability" && npm install --no-audit --no-fund \
        @mozilla/readability@0.6.0 jsdom@27 >/dev/null)
fi
cc -O2 "$here/floor.c" $(pkg-config --cflags --libs libxml-2.0) -o "$cache/floor"

mkdir -p "$work/html"
for f in "$shared"/corpus/extraction/html/*.html.gz; do
    gzip -dc "$f" >"$work/html/$(basename "$f" .gz)"
done
pages=("$work"/html/*.html)
n=${#pages[@]}
largest=$(ls -S "$work"/html/*.html | head -1)

# best WALL and PEAK-RSS over rounds: run "$@" and keep the fastest.
measure() {
    best=""; rss=0
    for _ in $(seq "$rounds"); do
        /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || true
        read -r wall kb <"$work/t"
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    echo "$best $rss"
}
per_page() { for p in "${pages[@]}"; do "$herald" text --body-only --format json "$p" >/dev/null 2>&1 || true; done; }

read -r t_h rss_h < <(measure "$herald" text --body-only --format json "${pages[@]}")
read -r t_p _ < <(measure bash -c "$(declare -f per_page); herald='$herald'; pages=(${pages[*]}); per_page")
read -r t_f rss_f < <(measure "$cache/floor" "${pages[@]}")
read -r t_r rss_r < <(measure node "$here/readability.js" "${pages[@]}")
read -r t_hl rss_hl < <(measure "$herald" text --body-only --format json "$largest")
read -r t_rl rss_rl < <(measure node "$here/readability.js" "$largest")

rate() { awk "BEGIN{printf \"%.1f\", $n / ($1 > 0 ? $1 : 0.001)}"; }
echo "$n pages ($(du -sh "$work/html" | cut -f1)), best of $rounds rounds, $(nproc) CPUs"
echo
echo "| program | wall s | pages/s | peak RSS MB |"
echo "|---|---:|---:|---:|"
echo "| herald, one process | $t_h | $(rate "$t_h") | $((rss_h / 1024)) |"
echo "| herald, one process per page | $t_p | $(rate "$t_p") | — |"
echo "| libxml2 parse + walk (floor) | $t_f | $(rate "$t_f") | $((rss_f / 1024)) |"
echo "| Readability.js 0.6.0 + jsdom 27 | $t_r | $(rate "$t_r") | $((rss_r / 1024)) |"
echo
awk "BEGIN{printf \"herald vs Readability.js: %.1fx the pages per second; herald vs floor: %.2fx the time\n\", $t_r / $t_h, $t_h / ($t_f > 0 ? $t_f : 0.001)}"
echo "largest page $(basename "$largest") ($(du -k "$largest" | cut -f1) KB): herald $t_hl s, $((rss_hl / 1024)) MB peak; Readability.js $t_rl s, $((rss_rl / 1024)) MB peak"
