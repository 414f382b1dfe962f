#!/usr/bin/env bash
# The time line (render --view timeline) and the trend charts (trend -T):
# well-formed SVG (xmllint), byte-identical run to run in SVG, PNG and
# PDF, DOT that Graphviz's own dot re-reads, hostile card text (titles and
# categories full of markup, DOT escapes and controls) arriving as text,
# and every selected signal on the time line (docs/changes.md).
set -euo pipefail
bin=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export KNOCKON_DB=$tmp/c.db LC_ALL=C.UTF-8
fail() { echo "changes_charts: $*" >&2; exit 1; }

python3 - <<'PY' > rogue.json
import json
print(json.dumps({"id": "rogue-1", "published": "2026-01-03", "score": 90,
  "title": "Rogue \\N \\G \\l C:\\temp <script>alert(1)</script> ]]> --> \u202eevil\u202c \u001b[31m",
  "category": "<b>Cat</b> & \\E \"q\" <!-- x -->",
  "losers": ["<svg onload=alert(1)>", "Acme"], "winners": ["Acme"]}))
PY
"$bin" ingest -q "$src/samples" "$src/tests/data/hostile" rogue.json 2>/dev/null

# the time line, three formats, twice each
for f in svg png pdf dot; do
	"$bin" render --view timeline -T $f -o a.$f
	"$bin" render --view timeline -T $f -o b.$f
	cmp -s a.$f b.$f || fail "the time line in $f differs run to run"
done
xmllint --noout a.svg || fail "the time line SVG is not well-formed"
[ "$(head -c 8 a.png | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] || fail "not a PNG"
head -c 5 a.pdf | grep -q '%PDF-' || fail "not a PDF"
dot -Tsvg a.dot > redot.svg || fail "dot cannot re-read the time line's DOT"
xmllint --noout redot.svg
n=$("$bin" list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
dots=$(grep -c 'class="node signal"' a.svg)
[ "$dots" = "$n" ] || fail "$dots signals on the time line, $n in the corpus"
# hostile text is text: only the elements and attributes Graphviz draws
# with (no script, link, event attribute or foreign element), the words
# escaped
inert() {
	python3 - "$1" <<'PY' || fail "card markup reached $1"
import sys, xml.etree.ElementTree as ET
ok = {"svg", "g", "title", "polygon", "ellipse", "path", "polyline", "text"}
bad = []
for e in ET.parse(sys.argv[1]).iter():
    tag = e.tag.split("}")[-1]
    if tag not in ok:
        bad.append(tag)
    bad += [a for a in e.attrib if a.lower().startswith("on") or "href" in a.lower()]
if bad:
    print("unexpected:", bad[:5], file=sys.stderr)
    sys.exit(1)
PY
}
inert a.svg
# (the title cut to 28 columns; DOT escapes shown as typed)
grep -qF 'Rogue \N \G \l C:\temp &lt;scr' a.svg || fail "the rogue title is not shown as typed"
grep -qF '&lt;b&gt;Cat&lt;/b&gt; &amp; \E &quot;q&quot;' a.svg || fail "the rogue category is not shown as typed"
if grep -q $'\xe2\x80\xae\|\x1b' a.svg; then fail "a bidi or control character reached the SVG"; fi
# a filter selects the signals: one lane, its signals only
"$bin" render --view timeline --category Energy -o energy.svg
[ "$(grep -c 'class="node signal"' energy.svg)" = \
  "$("$bin" list --category Energy --format csv | tail -n +2 | wc -l)" ] ||
	fail "the Energy time line does not show the Energy signals"
[ "$(grep -c 'class="node lane"' energy.svg)" = 1 ] || fail "more than one lane for one category"

# trend charts
for f in svg png pdf; do
	"$bin" trend Alibaba "European automakers" '<svg onload=alert(1)>' --every month -o a-trend.$f
	"$bin" trend Alibaba "European automakers" '<svg onload=alert(1)>' --every month -T $f > b-trend.$f
	cmp -s a-trend.$f b-trend.$f || fail "the trend chart in $f differs run to run"
done
xmllint --noout a-trend.svg || fail "the trend chart SVG is not well-formed"
inert a-trend.svg
grep -q '&lt;svg onload=alert(1)&gt;' a-trend.svg || fail "the rogue actor is not shown escaped"
[ "$(grep -c 'class="node panel-title"' a-trend.svg)" = 3 ] || fail "not one panel an actor"

# what the time line refuses
set +e
"$bin" render --view timeline rogue-1 >/dev/null 2>&1; [ $? = 2 ] || fail "an operand was taken"
"$bin" render --view timeline -K dot >/dev/null 2>&1; [ $? = 2 ] || fail "-K was taken"
"$bin" render --view timeline --category None >/dev/null 2>&1; [ $? = 1 ] || fail "an empty selection did not fail"
set -e
echo "changes_charts: ok ($n signals on the time line)"
