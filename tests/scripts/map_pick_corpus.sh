#!/usr/bin/env bash
# What a big corpus or actor map draws, read from the corpus (the
# in-memory ranking of store_pick_rank.c, the merges of role runs, the
# --actor bits of store_pick_sel.c): 3,000 synthetic signals with two
# alias groups, under every filter, must draw what the SQL ranking drew
# before (tests/data/map-pick-expected.txt, recorded with it): the same
# signals, the same actors with the same counts, the same title.
# Regenerate with KN_REGEN=1 only when the choice is meant to change.
set -euo pipefail
bin=$1
src=${KN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
expected=$src/tests/data/map-pick-expected.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KNOCKON_DB=$tmp/k.db LC_ALL=C.UTF-8

python3 "$src/bench/gen_corpus.py" 3000 --seed 7 -o "$tmp/c.ndjson"
"$bin" ingest -q "$tmp/c.ndjson" >/dev/null
# two groups: one of two stored actors, one under a name no card uses
top=$("$bin" losers --limit 3 --format csv | sed -n '2p;4p' | cut -d, -f1)
a=$(sed -n 1p <<<"$top") b=$(sed -n 2p <<<"$top")
"$bin" alias "$b" "$a" >/dev/null
mid=$("$bin" losers --limit 40 --format csv | sed -n '30p;41p' | cut -d, -f1)
"$bin" alias --force "$(sed -n 1p <<<"$mid")" "Made Up Group" >/dev/null
"$bin" alias --force "$(sed -n 2p <<<"$mid")" "Made Up Group" >/dev/null

# a map's title, its signal nodes and its actor nodes with their counts
summary() {
  "$bin" render -T dot "$@" -o "$tmp/m.dot"
  python3 - "$tmp/m.dot" <<'PY'
import re, sys
d = open(sys.argv[1], encoding="utf-8").read().replace("\\\n", "")
t = re.search(r'graph \[.*?label="(.*?)",\n', d, re.S).group(1)
print("  title:", t.replace("\\l", " / "))
print("  signals:", " ".join(sorted(re.findall(r'^\t"sig:([^"]*)"\t\[', d, re.M))))
for name, label in sorted(re.findall(r'^\t"act:([^"]*)"\t\[.*?label="([^"]*)"', d, re.M | re.S)):
    print("  actor:", name, "|", label.replace("\\n", " / "))
PY
}
{
  while IFS= read -r line; do
    eval "args=($line)"
    echo "== ${line:-(no filter)}"
    summary "${args[@]}"
  done <<EOF2
--view corpus
--view corpus --since 2026-01-01
--view corpus --until 2021-06-30
--view corpus --since 2023-01-01 --until 2023-12-31 --min 2
--view corpus --category Energy --category retail
--view corpus --min-score 70
--view corpus --min 4
--view corpus --max-nodes 24
--view corpus --limit 500
--view corpus --since 2024-01-01 --limit 300
--view corpus --actor "$a"
--view corpus --actor "Made Up Group" --since 2022-01-01
--view corpus --actor "$a" --category Energy --min-score 40
--view actor "$a"
--view actor "$a" --since 2025-01-01
--view actor "Made Up Group"
--view actor "Made Up Group" --category Energy
EOF2
} > "$tmp/got.txt"
if [ -n "${KN_REGEN:-}" ]; then
  cp "$tmp/got.txt" "$expected"
  echo "wrote $expected"
  exit 0
fi
diff -u "$expected" "$tmp/got.txt" || { echo "the maps' pick changed"; exit 1; }
grep -q '^  actor: made+up+group' "$expected" || { echo "no alias group drawn"; exit 1; }
echo ok
