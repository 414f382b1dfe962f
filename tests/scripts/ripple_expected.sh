#!/usr/bin/env bash
# Convergence and paths on the samples against the hand count in
# tests/data/ripple-expected.txt: converge's actors, their distinct
# signals and effects in order, and each exposure recomputed here from the
# cards' numbers (score/100 x confidence/100 x impact/100 x 0.5^order, an
# absent number 50); path's chains hop by hop (each hop's card checked
# too), and the chains that must not exist (exit 1).
set -eu
bin=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KNOCKON_DB="$tmp/k.db"
cd "$src"
"$bin" ingest samples/ 2>/dev/null
want=tests/data/ripple-expected.txt
fail=0

for om in $(awk -F'\t' '$1 == "converge" {print $2 ":" $3}' "$want" | sort -u); do
  o=${om%:*} m=${om#*:}
  "$bin" converge --order "$o" --min "$m" --format json > "$tmp/got.json"
  python3 - "$want" "$o" "$m" "$tmp/got.json" samples/json <<'PY' || fail=1
import glob, json, sys
want, order, least, got, folder = sys.argv[1:]
cards = {}
for f in glob.glob(folder + "/*.json"):
    s = json.load(open(f))
    cards[s["id"]] = s
rows = [l.rstrip("\n").split("\t") for l in open(want)
        if l.startswith("converge\t")]
rows = [r for r in rows if r[1] == order and r[2] == least and r[3] != "-"]
out = json.load(open(got))
def num(s, k):
    return 50 if s.get(k) is None else s[k]
def weight(sid, eid):
    s = cards[sid]
    e = [e for e in s["effects"] if e["id"] == eid][0]
    assert e["order"] >= int(order), (sid, eid, e["order"])
    return (num(s, "score") * num(s, "confidence") * num(s, "impact") / 1e6
            * 0.5 ** e["order"])
bad = []
if [r[3] for r in rows] != [a["actor"] for a in out]:
    bad.append("actors: want %s, got %s" % ([r[3] for r in rows],
                                           [a["actor"] for a in out]))
for r, a in zip(rows, out):
    via = ["%s:%s" % (v["signal"], v["effect"]) for v in a["via"]]
    if via != r[5].split(" ") or a["signals"] != int(r[4]):
        bad.append("%s: want %s %s, got %s %s" % (r[3], r[4], r[5], a["signals"], via))
    x = sum(weight(*v.rsplit(":", 1)) for v in r[5].split(" "))
    if abs(x - a["exposure"]) > 1e-9:
        bad.append("%s: exposure %s, want %s" % (r[3], a["exposure"], x))
    for v in a["via"]:
        if abs(v["weight"] - weight(v["signal"], v["effect"])) > 1e-9:
            bad.append("%s: weight of %s:%s" % (r[3], v["signal"], v["effect"]))
for b in bad:
    print("FAIL: converge --order %s --min %s: %s" % (order, least, b))
sys.exit(1 if bad else 0)
PY
done

# the hops as "kind:id", chains joined by " | "; each hop's card checked
chains() {
  python3 -c '
import json, sys
out = []
for p in json.load(sys.stdin):
    card = None
    for h in p["hops"]:
        if h["kind"] == "signal":
            card = h["id"]
        assert h["signal"] == card, ("hop in the wrong card", h, card)
    out.append(" > ".join("%s:%s" % (h["kind"], h["id"]) for h in p["hops"]))
print(" | ".join(out))'
}

while IFS=$'\t' read -r kind from to opts chain; do
  case $kind in path|nopath) ;; *) continue ;; esac
  [ "$opts" != - ] || opts=
  # shellcheck disable=SC2086 # opts holds options, split as words
  if "$bin" path "$from" "$to" $opts --format json > "$tmp/p.json" 2> "$tmp/p.err"; then
    rc=0
  else
    rc=$?
  fi
  if [ "$kind" = nopath ]; then
    if [ "$rc" != 1 ] || [ -s "$tmp/p.json" ] || ! grep -q "no chain" "$tmp/p.err"; then
      echo "FAIL: path $from $to $opts: want exit 1 and no chain, got $rc"; fail=1
    fi
    continue
  fi
  got=$(chains < "$tmp/p.json") || { echo "FAIL: path $from $to $opts: bad hops"; fail=1; continue; }
  if [ "$rc" != 0 ] || [ "$got" != "$chain" ]; then
    printf 'FAIL: path %s %s %s (exit %s)\n  want %s\n  got  %s\n' "$from" "$to" "$opts" \
      "$rc" "$chain" "$got"
    fail=1
  fi
done < tests/data/ripple-expected.txt
[ "$fail" = 0 ] && echo "ok: convergence and paths on the samples as counted by hand"
exit "$fail"
