#!/usr/bin/env bash
# `cmake --install` puts the manual page and the bash and zsh completions
# in place (share/man/man1/knockon.1, share/bash-completion/completions/
# knockon, share/zsh/site-functions/_knockon).  The page renders without a
# warning and names every command and every option of every command; the
# completions, asking the installed knockon, complete commands and options.
set -u
bin=$1
build=${KN_BUILD_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
export LC_ALL=C.UTF-8
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || { echo "FAIL: install"; exit 1; }
share=$tmp/prefix/share
man=$share/man/man1/knockon.1
bash_c=$share/bash-completion/completions/knockon
zsh_c=$share/zsh/site-functions/_knockon
for f in "$man" "$bash_c" "$zsh_c"; do
  [ -f "$f" ] || bad "not installed: ${f#"$tmp/prefix/"}"
done
[ $fail = 0 ] || exit 1
knockon=$tmp/prefix/bin/knockon
export PATH="$tmp/prefix/bin:$PATH" KNOCKON_DB=$tmp/probe.db
cd "$tmp" # the option probes below may write a map, a report or a corpus

# the page: clean roff, with the version of the binary
if ! command -v groff >/dev/null; then
  echo "FAIL: groff is needed (scripts/install-deps.sh --test installs groff-base)"; exit 1
fi
groff -man -ww -z "$man" 2>"$tmp/warn" || bad "groff failed on knockon.1"
[ -s "$tmp/warn" ] && { bad "groff warns on knockon.1:"; cat "$tmp/warn"; }
if command -v man >/dev/null; then
  MANWIDTH=80 man --warnings -l "$man" >/dev/null 2>"$tmp/warn" || bad "man -l failed"
  [ -s "$tmp/warn" ] && { bad "man -l warns:"; cat "$tmp/warn"; }
fi
groff -man -Tascii -rLL=300n -rHY=0 -P-cbou "$man" 2>/dev/null >"$tmp/page.txt"
version=$("$knockon" --version | sed 's/^knockon //')
head -1 "$tmp/page.txt" | grep -q KNOCKON || bad "the page has no KNOCKON(1) header"
grep -q "knockon $version" "$tmp/page.txt" || bad "the page does not carry version $version"

# every command of `knockon help` has its section, every option its line
named() { grep -Eq -- "(^|[^a-z-])$1([^a-z-]|\$)" "$tmp/page.txt"; }
cmds=$("$knockon" help | sed -n '/^commands:$/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ "$(echo "$cmds" | wc -w)" -ge 10 ] || bad "too few commands read from knockon help: $cmds"
[ "$cmds" = "$("$knockon" help --commands)" ] || bad "help --commands differs from knockon help"
for c in $cmds; do
  grep -Eq "^   $c( |$)" "$tmp/page.txt" || bad "the page has no section for '$c'"
  for o in $("$knockon" help --options "$c" | sed 's/ .*//'); do
    [ "$o" = -h ] || [ "$o" = --help ] && continue
    named "$o" || bad "the page does not name '$c $o'"
    # and the command takes it: the completions offer only real options
    "$knockon" "$c" "$o" x 2>&1 | grep -q "unknown option '$o'" &&
      bad "'$c' refuses its own option '$o'"
  done
done
for o in $("$knockon" help --options | sed 's/ .*//'); do
  named "$o" || bad "the page does not name '$o'"
done
for v in KNOCKON_DB KNOCKON_BUSY_TIMEOUT KNOCKON_FONT_FILE; do
  grep -q "^       $v" "$tmp/page.txt" || bad "ENVIRONMENT does not name $v"
done
for s in SYNOPSIS COMMANDS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES; do
  grep -q "^$s" "$tmp/page.txt" || bad "the page has no $s section"
done

# bash: complete as bash would, from the installed file
got=$(cd "$tmp" && bash -c '
  source "$1"
  t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
        _knockon; echo "${COMPREPLY[*]}"; }
  t knockon lis; t knockon list --sin; t knockon --db x rend; t knockon help rep
  t knockon render --vi' _ "$bash_c")
want=$'list\n--since\nrender\nreport\n--view'
[ "$got" = "$want" ] || bad "bash completion gave: $(echo $got), want: $(echo $want)"
grep -q '^complete -F _knockon knockon$' "$bash_c" || bad "the bash file does not register _knockon"

# zsh: the file parses, and with compadd and _files stubbed completes the same
if command -v zsh >/dev/null; then
  zsh -n "$zsh_c" || bad "zsh -n fails on _knockon"
  got=$(cd "$tmp" && zsh -f -c '
    compadd() { [[ $1 == -a ]] && print -l -- ${(M)${(P)2}:#${PREFIX}*} }
    _files() { print FILES }
    _call_program() { shift; "$@" }
    z=$1
    t() { words=("$@"); CURRENT=$#; PREFIX=${words[-1]}; source "$z" }
    t knockon lis; t knockon list --sin; t knockon render -o ""' _ "$zsh_c")
  want=$'list\n--since\nFILES'
  [ "$got" = "$want" ] || bad "zsh completion gave: $(echo $got), want: $(echo $want)"
else
  echo "note: zsh is not installed; _knockon not checked (scripts/install-deps.sh --test installs it)"
fi
[ $fail = 0 ] && echo "ok: knockon.1 and the completions"
exit $fail
