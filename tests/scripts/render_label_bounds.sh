#!/usr/bin/env bash
# Labels are bounded (issue 12, items 1 and 10): a card whose effect has
# 32,770 lines used to crash Graphviz in render, render --view chain and
# report; a 10 MB title without spaces took render over 300 s and run-on
# words of 400k characters 2.2 s.  Each map must now be drawn (exit 0),
# with a visible "…" where the text was cut, within a generous time.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export KNOCKON_DB=$tmp/l.db LC_ALL=C.UTF-8
ell=$(printf '\xe2\x80\xa6')

python3 - <<'PY'
import json
def card(i, title, direct):
    return {"id": i, "title": title, "published": "2026-01-05",
            "effects": {"direct": [direct]}}
with open("lines.json", "w") as f:      # the repro of item 1
    json.dump(card("n", "t", "x\n" * 32770), f)
with open("title.json", "w") as f:      # item 10: 10 MB, no spaces
    json.dump(card("long-title", "T" * (10 * 1024 * 1024), "e"), f)
with open("words.json", "w") as f:      # item 10: run-on words of 400k
    json.dump(card("words", "w", " ".join(["y" * 400000] * 3)), f)
PY

fail() { echo "$*"; exit 1; }
for f in lines title words; do
  timeout 120 "$bin" ingest -q $f.json || fail "ingest $f.json failed"
done

# item 1: every way a map of "n" is drawn
timeout 120 "$bin" render n -o - > n.svg || fail "render n: exit $?"
timeout 120 "$bin" render --view chain n -o - > chain.svg || fail "render --view chain n: exit $?"
timeout 120 "$bin" render --view chain -T dot n > chain.dot || fail "render -T dot: exit $?"
timeout 300 "$bin" report -o r.html || fail "report: exit $?"
for f in n.svg chain.svg r.html; do
  grep -q "$ell" $f || fail "$f: no … where the label was cut"
done
xmllint --noout n.svg chain.svg
# 40 lines at most: the label is x 40 times, then the ellipsis
python3 - <<'PY'
import re, sys
dot = open("chain.dot", encoding="utf-8").read()
m = re.search(r'label="1 · DIRECT\\l((?:x\\l)*)(x…\\l)"', dot)
if not m:
    sys.exit("chain.dot: the cut label is not 39 lines of x and x…: " + dot[:400])
if m.group(1).count("x") != 39:
    sys.exit("chain.dot: %d whole lines before the cut, want 39" % m.group(1).count("x"))
PY

# item 10: long words cost what the label shows
for id in long-title words; do
  timeout 60 "$bin" render $id -o - > $id.svg || fail "render $id: exit $? (over 60 s?)"
  grep -q "$ell" $id.svg || fail "$id.svg: no … where the label was cut"
  xmllint --noout $id.svg
  size=$(wc -c < $id.svg)
  [ "$size" -lt 200000 ] || fail "$id.svg is $size bytes: the label is not bounded"
done
timeout 60 "$bin" render --wrap 0 long-title -T dot -o long0.dot || fail "render --wrap 0: exit $?"
grep -q "$ell" long0.dot || fail "--wrap 0: no … where the label was cut"
timeout 60 "$bin" render --view corpus -o corpus.svg || fail "render --view corpus: exit $?"
grep -q "$ell" corpus.svg || fail "corpus.svg: no … where the title was cut"
echo ok
