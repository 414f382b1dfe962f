#!/usr/bin/env bash
# "Where the ripples converge" (docs/report.md) on a corpus where 12 actors
# with hostile names are reached at order 2 by 14 signals each, through
# hostile effect text: the HTML and Markdown reports show 10 actors, 10
# rows each, an exposure map each, every name and text escaped, and are
# the same bytes twice.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export KNOCKON_DB=$tmp/c.db LC_ALL=C.UTF-8

python3 - <<'PY' > cards.ndjson
import json
actors = [f"Actor <b>{i}</b> & co" for i in range(12)]
for s in range(14):
    print(json.dumps({"id": f"s{s:02d}", "title": f"Card {s} <i>x</i>",
        "published": f"2026-03-{s + 1:02d}", "score": 50 + s,
        "winners": ["Somebody"],
        "effects": [
            {"id": "e1", "order": 1, "text": "first"},
            {"id": "e2", "order": 2, "causes": ["e1"],
             "text": f"<script>alert({s})</script> | \\| *x* [l](javascript:alert(1))",
             "actors": [{"name": a, "role": "loser"} for a in actors]}]}))
PY
"$bin" ingest -q cards.ndjson
"$bin" report -o r.html
"$bin" report -o r2.html
cmp r.html r2.html
"$bin" report --format md -o md/
cmark --unsafe md/report.md > md.html 2>/dev/null || cmark md/report.md > md.html

python3 - <<'PY'
import re, sys, os
bad = []
html = open("r.html", encoding="utf-8").read()
sec = html[html.index('<section id="converge">'):]
sec = sec[:sec.index("</section>")]
arts = re.findall(r'<article class="converge" id="converge-\d+">(.*?)</article>', sec, re.S)
if len(arts) != 10: bad.append(f"{len(arts)} converging actors in HTML, want 10")
for a in arts:
    rows = a.count("<tr><td>")
    if rows != 10: bad.append(f"{rows} rows, want 10")
    if a.count("<svg") != 1: bad.append("an actor without its map")
    if not re.search(r"<h3>Actor &lt;b&gt;\d+&lt;/b&gt; &amp; co</h3>", a): bad.append("actor name not escaped: " + a[:80])
    if "14 signals reach it" not in a or "the strongest 10 below" not in a: bad.append("counts missing: " + a[:200])
if "<script>" in html or "<b>" in html or "<i>" in html: bad.append("raw markup in the HTML report")
if "&lt;script&gt;alert(" not in sec: bad.append("effect text missing from the section")
md = open("md/report.md", encoding="utf-8").read()
msec = md[md.index('## <a id="converge"></a>Where the ripples converge'):md.index('## <a id="corpus-map"></a>Corpus map')]
heads = re.findall(r"^### (.*)$", msec, re.M)
if len(heads) != 10: bad.append(f"{len(heads)} converging actors in Markdown, want 10")
if not all(re.fullmatch(r"Actor \\<b>\d+\\</b> & co", h) for h in heads): bad.append("Markdown names: %r" % heads[:2])
if msec.count("| [Card ") != 100: bad.append("%d Markdown rows, want 100" % msec.count("| [Card "))
for i in range(1, 11):
    if not os.path.isfile(f"md/report_maps/converge-{i}.svg"): bad.append(f"md/report_maps/converge-{i}.svg missing")
if os.path.exists("md/report_maps/converge-11.svg"): bad.append("more than 10 converge maps")
out = open("md.html", encoding="utf-8").read()
if re.search(r"<(script|b|i)>|href=\"javascript", out): bad.append("raw markup through Markdown")
if bad:
    print("report_converge:", *bad[:10], sep="\n  "); sys.exit(1)
print("report_converge: ok")
PY
