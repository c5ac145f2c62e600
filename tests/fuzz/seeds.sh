# seeds.sh — sourced by run.sh: what each fuzzer starts from.
#
# fuzz_seeds NAME DIR fills DIR with the seed inputs of fuzzer NAME and
# sets FUZZ_DICT (a dictionary file) and FUZZ_MAX_LEN.  Seeds come from
# the test fixtures, the few seeds kept here (tests/fuzz/seeds, written
# for herald) and, when it is there, the shared corpora at $SHARED
# (../shared), read at run time and not copied into the repository.
# A new fuzzer adds a case here.

fuzz_seeds() {
    name=$1 dir=$2
    here=$SRCDIR/tests/fuzz
    mkdir -p "$dir"
    FUZZ_DICT= FUZZ_MAX_LEN=4096
    [ -d "$here/seeds/$name" ] && cp "$here/seeds/$name"/* "$dir"/ 2>/dev/null
    case $name in
    page)
        FUZZ_DICT=$here/html.dict FUZZ_MAX_LEN=65536
        cp "$SRCDIR"/tests/fixtures/*.html "$SRCDIR"/tests/fixtures/extract/*.html "$dir"/
        if [ -d "$SHARED/corpus/extraction/html" ]; then
            for f in "$SHARED"/corpus/extraction/html/*.html.gz; do
                gzip -dc "$f" | head -c 65536 > "$dir/$(basename "$f" .gz)"
            done
        fi
        ;;
    decode)
        FUZZ_DICT=$here/html.dict FUZZ_MAX_LEN=8192
        for f in "$SRCDIR"/tests/fixtures/*.html "$SRCDIR"/tests/fixtures/extract/*.html; do
            head -c 8192 "$f" > "$dir/$(basename "$f")"
        done
        ;;
    feed)
        FUZZ_DICT=$here/xml.dict FUZZ_MAX_LEN=32768
        cp "$SRCDIR"/tests/fixtures/feeds/*.xml "$dir"/
        if [ -d "$SHARED/corpus/feeds/cases" ]; then
            find "$SHARED/corpus/feeds/cases" -type f \( -name '*.xml' -o -name '*.json' \) |
            while read -r f; do
                cp "$f" "$dir/$(printf '%s' "$f" | cksum | cut -d' ' -f1).${f##*.}"
            done
        fi
        ;;
    opml)
        FUZZ_DICT=$here/xml.dict FUZZ_MAX_LEN=16384
        cp "$SRCDIR"/tests/fixtures/feeds/*.opml "$dir"/
        ;;
    config)
        FUZZ_DICT=$here/ini.dict FUZZ_MAX_LEN=4096
        ;;
    control)
        FUZZ_DICT=$here/control.dict FUZZ_MAX_LEN=1024
        ;;
    speech)
        # The first byte picks the language (fuzz_speech.c's langs[]):
        # each kept seed in the languages herald normalises, Japanese and
        # Arabic (\013), each case in its own.
        FUZZ_DICT=$here/html.dict FUZZ_MAX_LEN=4096
        for f in "$here/seeds/speech"/*; do
            rm -f "$dir/$(basename "$f")"
            for b in 001 002 003 004 005 006 007 013; do
                { printf "\\$b"; cat "$f"; } > "$dir/$(basename "$f")-$b"
            done
        done
        if [ -f "$SHARED/corpus/normalise/cases.tsv" ]; then
            grep -v '^#' "$SHARED/corpus/normalise/cases.tsv" | cut -f2,4 |
                awk -F '\t' -v d="$dir" 'BEGIN {
                    split("en de es fr it ru ja", l, " ")
                    for (i in l) byte[l[i]] = sprintf("%c", i + 0)
                } NR % 4 == 0 && ($1 in byte) {
                    f = d "/case-" NR; print byte[$1] $2 > f; close(f) }'
        fi
        ;;
    captions)
        FUZZ_DICT=$here/html.dict FUZZ_MAX_LEN=4096
        if [ -f "$SHARED/corpus/normalise/cases.tsv" ]; then
            # The written forms of the speech cases, one a file.
            grep -v '^#' "$SHARED/corpus/normalise/cases.tsv" | cut -f4 |
                awk -v d="$dir" 'NR % 4 == 0 { f = d "/case-" NR; print > f; close(f) }'
        fi
        ;;
    lexicon)
        FUZZ_MAX_LEN=4096
        cp "$SRCDIR"/voices/lexicon/*.lex "$dir"/
        ;;
    esac
}
