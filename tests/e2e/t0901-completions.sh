#!/usr/bin/env bash
# Shell completions: the scripts the build made (herald completions
# bash|zsh|fish) complete commands, options, their values, subcommands and
# files; every command of 'herald --help' and every option of a command's
# --help is offered, as they come from the same table and text.
. "$TESTLIB/test-lib.sh"

comp="$BUILDDIR/completions"
for f in herald _herald herald.fish; do
    [ -s "$comp/$f" ] && ok || fail "the build made no $comp/$f"
done
expect_status 0 "completions bash" -- "$HERALD" completions bash
cmp -s "$T/out" "$comp/herald" && ok || fail "'herald completions bash' differs from the build's"
expect_error 2 "which shell" "completions without a shell" -- "$HERALD" completions
expect_error 2 "no completions for 'tcsh'" "completions tcsh" -- "$HERALD" completions tcsh

mkdir -p "$T/w/sub" && touch "$T/w/a.html" "$T/w/b.txt"
cd "$T/w" || exit 1
# complete WORD... : what _herald offers for the last word (bash splits
# --opt=value at '=' into three words, as here).
cat >"$T/run.sh" <<'SH'
complete_line() {
    COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
    _herald
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
SH
check() {   # check WANT WORD...
    want=$1; shift
    got=$(bash -c ". '$comp/herald'; . '$T/run.sh'; complete_line \"\$@\"" sh "$@")
    [ "$got" = "$want" ] && ok || fail "[$*]: got '$got', expected '$want'"
    if [ -r /usr/share/bash-completion/bash_completion ]; then
        got=$(bash -c ". /usr/share/bash-completion/bash_completion; . '$comp/herald'; . '$T/run.sh'; complete_line \"\$@\"" sh "$@")
        [ "$got" = "$want" ] && ok || fail "with bash-completion [$*]: got '$got', expected '$want'"
    fi
}
check "export" herald exp
check "--force --format" herald export --fo
check "flac mp3 ogg opus wav" herald export --format ""
check "srt" herald export --captions s
check "--shard" herald export --sh
check "sub" herald export -d ""
check "a.html b.txt sub" herald export -o ""
check "a.html" herald text a
check "feeds" herald --db x.db fe
# The subcommands 'herald feeds --help' lists, as they come from the
# same table as the completions.
feeds_cmds=$("$HERALD" feeds --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' | sort | tr '\n' ' ' | sed 's/ $//')
case " $feeds_cmds " in
*" add "*" update "*) ok ;;
*) fail "no feeds subcommands read from 'herald feeds --help': '$feeds_cmds'" ;;
esac
check "$feeds_cmds" herald feeds ""
check "update" herald feeds --db x.db up
check "a.html b.txt sub" herald feeds import ""
check "json" herald feeds show --format j
check "bash fish zsh" herald completions ""

# Every command 'herald --help' lists, and every option of a command's help.
"$HERALD" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' | sort >"$T/cmds"
[ -s "$T/cmds" ] && ok || fail "no commands read from herald --help"
bash -c ". '$comp/herald'; . '$T/run.sh'; complete_line herald ''" | tr ' ' '\n' | sort >"$T/offered"
cmp -s "$T/cmds" "$T/offered" && ok || fail "commands offered differ from --help: $(diff "$T/cmds" "$T/offered" | tr '\n' ' ')"
for cmd in $(cat "$T/cmds"); do
    "$HERALD" "$cmd" --help | grep -oE '^ {2,8}(-[a-zA-Z], )?--[a-z][a-z-]*' |
        grep -oE -- '--[a-z-]+$' | sort -u >"$T/opts"
    [ -s "$T/opts" ] || continue
    bash -c ". '$comp/herald'; . '$T/run.sh'; complete_line herald '$cmd' --" |
        tr ' ' '\n' | sort -u >"$T/offered"
    missing=$(comm -23 "$T/opts" "$T/offered")
    [ -z "$missing" ] && ok || fail "'herald $cmd --' does not offer: $missing"
done

# zsh and fish read their scripts; fish completes from it.
if command -v zsh >/dev/null; then
    zsh -n "$comp/_herald" && ok || fail "zsh cannot read _herald"
fi
if command -v fish >/dev/null; then
    fish -n "$comp/herald.fish" && ok || fail "fish cannot read herald.fish"
    got=$(fish -c "source '$comp/herald.fish'; complete -C 'herald export --format '" | cut -f1 | sort | tr '\n' ' ')
    [ "$got" = "flac mp3 ogg opus wav " ] && ok || fail "fish: export --format offers '$got'"
    got=$(fish -c "source '$comp/herald.fish'; complete -C 'herald feeds '" | cut -f1 | sort | tr '\n' ' ')
    [ "$got" = "$feeds_cmds " ] && ok || fail "fish: feeds offers '$got', expected '$feeds_cmds'"
    got=$(fish -c "source '$comp/herald.fish'; complete -C 'herald text a'" | cut -f1)
    [ "$got" = "a.html" ] && ok || fail "fish: text a offers '$got'"
fi
finish
