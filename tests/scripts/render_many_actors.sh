#!/usr/bin/env bash
# A signal with very many actors (issue 12, item 12): 100,000 actors took
# render over 120 s, because dot's layout grows with the square of the
# nodes in one rank.  A map now draws at most 50 winners and 50 losers a
# signal and one "+N more winners" / "+N more losers" node for the rest.
# Tested with the most actors a card may have (1,024 winners and 1,024
# losers), in every view that draws actors, and the report.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export KNOCKON_DB=$tmp/a.db LC_ALL=C.UTF-8
fail() { echo "$*"; exit 1; }

python3 - <<'PY'
import json
w = ["Winner %d" % i for i in range(1024)]
l = ["Loser %d" % i for i in range(1024)]
l[1] = "winner 0"        # an actor in both roles
w[5] = "Winner 4"        # named twice in one role: drawn and counted once
json.dump({"id": "many", "title": "Many actors", "published": "2026-01-05",
           "winners": w, "losers": l, "effects": {"direct": ["e"]}},
          open("many.json", "w"))
PY
"$bin" ingest -q many.json || fail "ingest of 1,024 + 1,024 actors failed"

timeout 60 "$bin" render many -T dot -o many.dot || fail "render -T dot: exit $?"
timeout 60 "$bin" render many -o many.svg || fail "render: exit $? (over 60 s?)"
timeout 60 "$bin" render --view corpus -o corpus.svg || fail "render --view corpus: exit $?"
timeout 60 "$bin" render --view actor "Winner 3" -o actor.svg || fail "render --view actor: exit $?"
timeout 120 "$bin" report -o r.html || fail "report: exit $?"
xmllint --noout many.svg corpus.svg actor.svg

python3 - <<'PY'
import re, sys
dot = open("many.dot", encoding="utf-8").read()
nodes = re.findall(r'^\t"(act:[^"]*)"', dot, re.M)
if len(nodes) != len(set(nodes)) or len(nodes) > 100:
    sys.exit("many.dot: %d actor nodes, want at most 100 distinct" % len(nodes))
# 1,023 distinct winners: 50 drawn, 973 more; 1,024 losers: 50 + 974
for who, n in (("winners", 973), ("losers", 974)):
    if not re.search(r'"more:many:%s"[^;]*label="\+%d more %s\\n' % (who, n, who), dot, re.S):
        sys.exit("many.dot: no \"+%d more %s\" node" % (n, who))
for f in ("many.svg", "corpus.svg"):
    svg = open(f, encoding="utf-8").read()
    # the corpus view draws its most recurrent actors and says how many
    # it left out (--max-nodes); the signal view has its +N more nodes
    if f == "corpus.svg":
        if not re.search(r"and (\d+) actors not drawn", svg):
            sys.exit(f + ": the map does not say which actors it left out")
    elif "more winners" not in svg or "more losers" not in svg:
        sys.exit(f + ": the +N more nodes are not drawn")
    if len(re.findall(r'class="node actor', svg)) > 100:
        sys.exit(f + ": more than 100 actors drawn")
html = open("r.html", encoding="utf-8").read()
if "+973 more winners" not in html:
    sys.exit("r.html: the report's map does not say +973 more winners")
PY
echo ok
