#!/bin/bash
# A report keeps its size and shape (docs/report.md), on 400 synthetic
# signals (bench/gen_corpus.py): a section for each of the top 20 signals
# by score (--top N, --all for every one), tables of N rows, at most 10
# signals a table cell then "+N more" linking to the actor's row, the
# actor index naming the actors the page names, corpus maps one a
# category of at most 40 nodes; the header's date from SOURCE_DATE_EPOCH
# (the same bytes twice), today without it, a bad one refused; progress
# only on a terminal.
set -euo pipefail
knockon=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "report_limits: $*" >&2; exit 1; }
db=$tmp/k.db

python3 "$src/bench/gen_corpus.py" 400 --seed 3 -o "$tmp/c.ndjson"
"$knockon" --db "$db" ingest -q "$tmp/c.ndjson"
export SOURCE_DATE_EPOCH=31536000 # 1971-01-01
"$knockon" --db "$db" report -o "$tmp/top20.html"
"$knockon" --db "$db" report --top 5 -o "$tmp/top5.html"
"$knockon" --db "$db" report --all --no-maps -o "$tmp/all.html"
"$knockon" --db "$db" report --top 5 --format md -o "$tmp/top5.md"

python3 - "$tmp" <<'PY' || exit 1
import re, sys
tmp = sys.argv[1]
def page(name):
    return open(f"{tmp}/{name}", encoding="utf-8").read()
bad = []
def check(name, top, articles):
    html = page(name)
    n = html.count('<article class="signal"')
    if n != articles:
        bad.append(f"{name}: {n} signal sections, want {articles}")
    ids = set(re.findall(r' id="([^"]+)"', html))
    for target in re.findall(r'href="#([^"]+)"', html):
        if target not in ids:
            bad.append(f"{name}: #{target} has no target")
            break
    for sec in ("losers", "winners", "contested"):
        m = re.search(rf'<section id="{sec}">(.*?)</section>', html, re.S)
        rows = m.group(1).count("<tr><td") if m else 0
        if rows > top:
            bad.append(f"{name}: {sec} has {rows} rows, want at most {top}")
    m = re.search(r'<section id="losers">(.*?)</section>', html, re.S)
    cells = re.findall(r'<td>(.*?)</td></tr>', m.group(1), re.S) if m else []
    if not cells:
        bad.append(f"{name}: no recurring losers")
    more = 0
    for c in cells:
        k = len(re.findall(r'href="#sigx?-|class="unlisted"', c))
        if k > 10:
            bad.append(f"{name}: a losers cell names {k} signals")
        m2 = re.search(r'<a class="more" href="#(actor-[0-9a-f]+)">\+(\d+) more</a>', c)
        if m2:
            more += 1
            if not re.search(rf'<tr id="{m2.group(1)}">', html):
                bad.append(f"{name}: +N more leads to no actor row")
    if not more:
        bad.append(f"{name}: no +N more in the losers table")
    return html
h = check("top20.html", 20, 20)
check("top5.html", 5, 5)
check("all.html", 20, 400)
# the corpus: one map a category, each at most 40 nodes besides the legend
cats = len(re.findall(r'<span class="tag">', re.search(r'<dt>Categories</dt>(.*?)</dd>', h, re.S).group(1)))
maps = re.findall(r'<figure class="map corpus".*?</figure>', h, re.S)
if len(maps) != min(cats, 20) or not maps:
    bad.append(f"{len(maps)} corpus maps for {cats} categories")
for i, m in enumerate(maps):
    nodes = len(re.findall(r'<g id="[^"]*" class="node (signal|actor)', m))
    if nodes == 0 or nodes > 40:
        bad.append(f"corpus map {i}: {nodes} nodes")
if "Made on <time>1971-01-01</time> (UTC)" not in h:
    bad.append("no header date from SOURCE_DATE_EPOCH")
md = page("top5.md")
nsig = len(re.findall(r'\n## <a id="sigx?-', md))
if nsig != 5:
    bad.append(f"markdown: {nsig} signal sections, want 5")
if "Made on 1971-01-01 (UTC)" not in md or "[Corpus maps](#corpus-map)" not in md:
    bad.append("markdown: no date or contents")
if bad:
    print("report_limits:", *bad[:10], sep="\n  ")
    sys.exit(1)
PY
[ -s "$tmp/top5_maps/corpus-1.svg" ] || fail "no top5_maps/ beside top5.md"

# the same bytes on every run; today's date without SOURCE_DATE_EPOCH
"$knockon" --db "$db" report -o "$tmp/again.html"
cmp -s "$tmp/top20.html" "$tmp/again.html" || fail "two runs differ with SOURCE_DATE_EPOCH"
before=$(date -u +%F)
env -u SOURCE_DATE_EPOCH "$knockon" --db "$db" report --no-maps -o "$tmp/now.html"
after=$(date -u +%F)
grep -qE "Made on <time>($before|$after)</time>" "$tmp/now.html" || fail "no date of today"
for bad in abc -1 "" 12x; do
	set +e
	SOURCE_DATE_EPOCH=$bad "$knockon" --db "$db" report --no-maps -o "$tmp/x.html" 2>"$tmp/err"
	rc=$?
	set -e
	[ $rc = 2 ] || fail "SOURCE_DATE_EPOCH=\"$bad\": exit $rc, want 2"
	grep -q 'SOURCE_DATE_EPOCH must be' "$tmp/err" || fail "no message for \"$bad\": $(cat "$tmp/err")"
done

# progress: never into a file or pipe; on a terminal, cleared at the end
"$knockon" --db "$db" report -o "$tmp/p.html" 2>"$tmp/err"
[ ! -s "$tmp/err" ] || fail "progress or noise on a non-terminal stderr: $(cat "$tmp/err")"
if command -v script >/dev/null; then
	script -qec "$knockon --db $db report -o $tmp/p.html" /dev/null >"$tmp/tty" </dev/null
	grep -q 'report: maps [0-9]*/[0-9]*' "$tmp/tty" || fail "no progress on a terminal"
	tail -c 4 "$tmp/tty" | od -c | grep -q '\[   K' || fail "the progress line is not cleared"
fi
echo "report_limits: ok"
