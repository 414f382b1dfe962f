#!/usr/bin/env bash
# Hostile card text through every map format (docs/maps.md, Safety): DOT escapes,
# markup, entities, URLs, controls.  The DOT output must re-read with
# Graphviz's own dot and show the input text; the SVG (ours and dot's) must
# be well-formed XML with no script, event attribute or javascript: link,
# and every label must equal its input (modulo wrapping).
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export KNOCKON_DB=$tmp/h.db LC_ALL=C.UTF-8

python3 - <<'PY' > hostile.json
import json
# U+202E (bidi override), ESC (ANSI colour) are dropped from labels
title = 'Rogue \\N \\G \\l card C:\\temp\\new <script>alert(1)</script> ]]> --> end\\'
sig = {
  "id": "hostile-1", "title": title, "category": "<b>Cat</b> & \\E",
  "published": "2026-01-02", "score": 50, "confidence": 40, "impact": 30,
  "winners": ["\" onload=\"alert(1) x", "javascript:alert(1) now", "AT&amp;T &nbsp; x"],
  "losers": ["C:\\temp\\new", "trailing\\", "<!-- x -->", "\u202eevil\u202c \u001b[31mred\u001b[0m"],
  "effects": [
    {"id": "e1", "order": 1, "text": "a\\nb \\r \\H \\T \\L &lt; &#92; & ]]>"},
    {"id": "e2", "order": 2, "text": "<a href=\"javascript:alert(1)\">x</a>", "causes": ["e1"]},
    {"id": "e3", "order": 3, "text": "\\\\ double, \\x, %s %n, 'quote' \"dq\"", "causes": ["e2"]}],
  "source": {"url": "javascript:alert(1)"}
}
print(json.dumps(sig))
PY
"$bin" ingest -q hostile.json

for view in signal chain; do
  "$bin" render --view $view -T dot hostile-1 > $view.dot
  "$bin" render --view $view -T svg --id-prefix p1- hostile-1 > $view.svg
  dot -Tsvg $view.dot > $view.redot.svg      # Graphviz re-reads our DOT
done
"$bin" render --view actor -T svg 'C:\temp\new' > actor.svg
"$bin" render --view actor -T dot '" ONLOAD="alert(1) x' > actor.dot
dot -Tsvg actor.dot > actor.redot.svg
"$bin" render --view corpus -T svg --scalable > corpus.svg
"$bin" render --view signal -T png hostile-1 > s.png
"$bin" render --view signal -T pdf hostile-1 > s.pdf
head -c 8 s.png | od -An -c | grep -q 'P   N   G'
head -c 5 s.pdf | grep -q '%PDF-'

for f in *.svg; do
  xmllint --noout "$f"
  # card text may *show* these words: only real elements and attributes
  # (with a raw quote, which text content never has) count
  pat='<script|<a[[:space:]]|[[:space:]]on[a-z]+="|href="|="[[:space:]]*javascript:'
  if grep -qiE "$pat" "$f"; then
    echo "$f: script, event attribute or link found"; grep -niE "$pat" "$f" | head; exit 1
  fi
done
if grep -q '<svg width' corpus.svg || ! grep -q 'viewBox=' corpus.svg; then echo "--scalable: wrong <svg> size"; exit 1; fi

python3 - "$tmp" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
tmp = sys.argv[1]
sig = json.load(open(tmp + "/hostile.json"))
def clean(s):
    s = re.sub('[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]', '', s)
    return " ".join(s.split())
expect = {
  "sig:hostile-1": clean(sig["title"]),
  "eff:hostile-1:e1": "1 · DIRECT " + clean(sig["effects"][0]["text"]),
  "eff:hostile-1:e2": "2 · SECOND ORDER " + clean(sig["effects"][1]["text"]),
  "eff:hostile-1:e3": "3 · THIRD ORDER " + clean(sig["effects"][2]["text"]),
}
for i, w in enumerate(sig["winners"]):
    expect[i] = ("▲ " + clean(w))
ns = {"s": "http://www.w3.org/2000/svg"}
def texts(path, prefix=""):
    out = {}
    for g in ET.parse(path).getroot().iter("{http://www.w3.org/2000/svg}g"):
        gid = g.get("id", "")
        t = " ".join((x.text or "") for x in g.iter("{http://www.w3.org/2000/svg}text"))
        out[gid[len(prefix):] if gid.startswith(prefix) else gid] = " ".join(t.split())
    return out
bad = 0
for path, prefix in (("signal.svg", "p1-"), ("signal.redot.svg", ""), ("chain.svg", "p1-"), ("chain.redot.svg", "")):
    got = texts(tmp + "/" + path, prefix)
    for k, want in expect.items():
        if isinstance(k, int):
            if "chain" in path:
                continue
            if not any(v == want for v in got.values()):
                print(path, "no node shows", repr(want)); bad = 1
            continue
        g = got.get(k)
        if g is None:
            print(path, "missing node", k); bad = 1
        elif k.startswith("sig:"):
            if want not in g:
                print(path, k, "title", repr(g), "lacks", repr(want)); bad = 1
        elif g != want:
            print(path, k, repr(g), "!=", repr(want)); bad = 1
    for k, v in got.items():
        for marker in ("knockon", "hostile-1", "sig:"):   # \G, \N would show these
            if marker in v and not k.startswith("sig:") and "Knock-on" not in v:
                print(path, k, "shows an interpreted escape:", repr(v)); bad = 1
sys.exit(bad)
PY
echo "hostile text: ok"
