#!/usr/bin/env bash
# Hostile actor names and effect text through the ripple maps (docs/maps.md:
# exposure, path, corpus and signal --links): the DOT must re-read with
# Graphviz's dot, the SVG (ours and dot's) be well-formed XML with no
# script, event attribute or link, and each hostile text show as written
# (no DOT escape interpreted, no markup).
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export KNOCKON_DB=$tmp/h.db LC_ALL=C.UTF-8

python3 - <<'PY' > hostile.ndjson
import json
labs = '<script>alert(1)</script> Labs'
onl = '" onload="alert(1) x'
esc = '\\N \\G end\\'
win = 'C:\\temp\\new <b>x</b>'
print(json.dumps({"id": "h1", "title": "Rogue \\G <i>card</i>", "published": "2026-01-02",
  "score": 50, "losers": [win],
  "effects": [
    {"id": "e1", "order": 1, "text": "a\\nb \\H &lt; ]]> <a href=\"javascript:x\">y</a>",
     "actors": [{"name": labs, "role": "loser"}, {"name": onl, "role": "named"}]},
    {"id": "e2", "order": 2, "text": "\\\\ \\E %s 'q' \"dq\" --> \u202eevil\u202c", "causes": ["e1"],
     "actors": [{"name": esc, "role": "winner"}]}]}))
print(json.dumps({"id": "h2", "title": "Second &amp; card", "published": "2026-02-03",
  "winners": [labs],
  "effects": [{"id": "e1", "order": 1, "text": "\\l <i>t</i> &nbsp;",
     "actors": [{"name": win, "role": "loser"}]}]}))
PY
"$bin" ingest -q hostile.ndjson

render() { # NAME ARGS...: NAME.dot, NAME.svg, NAME.redot.svg
  local name=$1; shift
  "$bin" render "$@" -T dot > "$name.dot"
  "$bin" render "$@" -T svg --id-prefix p- > "$name.svg"
  dot -Tsvg "$name.dot" > "$name.redot.svg"
}
render expo1 --view exposure '<SCRIPT>alert(1)</SCRIPT> labs'
render expo2 --view exposure 'C:\temp\new <b>x</b>'
render expo3 --view exposure '\N \G end\'
render path1 --view path h2 '\N \G end\'
render path2 --view path '<script>alert(1)</script> Labs' '" onload="alert(1) x'
render corpus --view corpus --links
render signal h1 --links
"$bin" render --view exposure '<script>alert(1)</script> Labs' -T png > e.png
head -c 8 e.png | od -An -c | grep -q 'P   N   G'

for f in *.svg; do
  xmllint --noout "$f"
  pat='<script|<a[[:space:]]|[[:space:]]on[a-z]+="|href="|="[[:space:]]*javascript:'
  if grep -qiE "$pat" "$f"; then
    echo "$f: script, event attribute or link found"; grep -niE "$pat" "$f" | head; exit 1
  fi
done

python3 - "$tmp" <<'PY'
import json, re, sys, glob, xml.etree.ElementTree as ET
tmp = sys.argv[1]
sigs = [json.loads(l) for l in open(tmp + "/hostile.ndjson")]
def clean(s):
    s = re.sub('[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]', '', s)
    return " ".join(s.split())
names = {clean(a["name"]) for s in sigs for e in s["effects"] for a in e.get("actors", [])}
texts = {(s["id"], e["id"]): clean(e["text"]) for s in sigs for e in s["effects"]}
SVG = "{http://www.w3.org/2000/svg}"
bad = 0
for path in sorted(glob.glob(tmp + "/*.svg")):
    seen = {}
    for g in ET.parse(path).getroot().iter(SVG + "g"):
        gid = g.get("id", "")
        gid = gid[2:] if gid.startswith("p-") else gid
        if not g.get("class", "").startswith("node"):
            continue
        seen[gid] = " ".join(" ".join((x.text or "") for x in g.iter(SVG + "text")).split())
    shown = 0
    for gid, t in seen.items():
        if gid.startswith("eff:"):
            sid, eid = gid[4:].split(":")
            want = texts[(sid, eid)]
            body = t.split(" ", 3)[-1] if t.startswith("CARD") else t
            # the corpus view shows the start of a long text, then "…"
            if want not in t and not (t.endswith("…") and want.startswith(body.split(" ", 2)[-1][:-1].rstrip())):
                print(path, gid, repr(t), "does not show", repr(want)); bad = 1
        if gid.startswith("act:"):
            if not any(n in t for n in names | {clean(sigs[0]["losers"][0])}):
                print(path, gid, "shows no actor name as written:", repr(t)); bad = 1
            shown += 1
        if not gid.startswith(("sig:", "map", "legend")):
            for marker in ("knockon", "h1", "h2", "sig:", "eff:", "act:"):
                if marker in t:
                    print(path, gid, "shows an interpreted escape:", repr(t)); bad = 1
    if not shown:
        print(path, "draws no actor"); bad = 1
sys.exit(bad)
PY
echo "hostile ripple maps: ok"
