#!/usr/bin/env bash
# Same ripple answers (not a test): makes an N-signal corpus whose effects
# name actors (bench/gen_corpus.py --effect-actors) with each build, joins
# two busy actors by an alias, and asks both builds converge, exposure,
# path and links in every format, with and without filters; prints the
# first difference and exits 1 if any answer differs.
#
# usage: bench/ripple_same.sh BEFORE/knockon AFTER/knockon [N]   (default 10000)
# env:   WORK=dir for the corpora (default: a new temporary folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
before=$1 after=$2 n=${3:-10000}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
src=$work/ripple-same-$n.ndjson
[ -s "$src" ] || python3 "$here/gen_corpus.py" "$n" --effect-actors -o "$src"

answers() { # knockon db: every question, one block each
  local k=$1 db=$2 a b c q
  read -r a b c < <("$k" --db "$db" actors --format csv |
    awk -F, 'NR == 2 { x = $1 } NR == 21 { y = $1 } NR == 201 { z = $1 }
             END { gsub(/ /, "_", x); gsub(/ /, "_", y); gsub(/ /, "_", z); print x, y, z }')
  a=${a//_/ } b=${b//_/ } c=${c//_/ }
  for q in "converge" "converge --limit 20" "converge --order 3" "converge --order 1 --min 1 --format csv" \
           "converge --min 1 --format json" "converge --limit 5 --format json" \
           "converge --since 2024 --format csv" "converge --category Energy --limit 30" \
           "converge --decay 0.9 --format csv" "links --format csv" "links --rejected --format csv"; do
    echo "== $q"
    # shellcheck disable=SC2086
    "$k" --db "$db" $q 2>&1 || echo "exit $?"
  done
  for x in "$a" "$b" "$c"; do
    for q in "--format csv" "--format json" "--by order" "--by month --format csv" "--by signal --limit 10" \
             "--since 2025 --format csv" "--by order --format json" "--by order --decay 0.9 --until 2025-06-30 --format json" \
             "--by order --limit 2 --since 2024-03 --format csv" "--by order --category Energy --format json" \
             "--limit 1 --format json" "--limit 20 --format json" "--limit 150 --format csv" "--limit 7"; do
      echo "== exposure $x $q"
      # shellcheck disable=SC2086
      "$k" --db "$db" exposure "$x" $q 2>&1 || echo "exit $?"
    done
  done
  for q in "$a|$c" "$c|$b" "$b|$c"; do
    echo "== path ${q%%|*} -> ${q#*|}"
    "$k" --db "$db" path "${q%%|*}" "${q#*|}" --format csv 2>&1 || echo "exit $?"
  done
}

for side in before after; do
  k=${!side} db=$work/ripple-same-$side.db
  rm -f "$db"*
  "$k" --db "$db" ingest -q "$src"
  # two busy actors made one: their links are one group
  read -r x y < <("$k" --db "$db" actors --format csv |
    awk -F, 'NR == 4 { x = $1 } NR == 6 { y = $1 } END { gsub(/ /, "_", x); gsub(/ /, "_", y); print x, y }')
  "$k" --db "$db" alias "${x//_/ }" "${y//_/ }" >/dev/null
  answers "$k" "$db" >"$work/answers-$side.txt"
done
if cmp -s "$work/answers-before.txt" "$work/answers-after.txt"; then
  echo "same answers: $(grep -c '^== ' "$work/answers-after.txt") questions, $(wc -c <"$work/answers-after.txt") bytes ($work)"
else
  diff "$work/answers-before.txt" "$work/answers-after.txt" | head -20
  exit 1
fi
