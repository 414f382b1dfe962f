#!/bin/bash
# The HTML report as a reader sees it: the samples' report, a report of
# hostile cards (tests/data/hostile) and reports of 1,000 and 20,000
# synthetic signals whose effects name actors (bench/gen_corpus.py
# --effect-actors, so that the converge section is full at scale) opened
# in headless Chromium
# through the DevTools protocol (tests/browser/check_report.mjs).  Checks:
# no console error or CSP violation, no request beyond the page, every map
# visible and not tiny (labels at least 9 px tall, at least 200 px wide),
# corpus maps of at most 40 nodes, one a category, no word broken across
# lines in actor cells and headings, at most 10 signals a table cell (25
# in the actor index), "What changed" near the top with its trend lines
# and the time line visible and not tiny, every anchor resolves, no
# dialog, no script, no event attribute, no javascript: link, "Where the
# ripples converge" with at most 10 actors of at most 10 rows and a
# visible map each, no sideways
# scrolling on a 390 px screen; the big reports under 2 MB (1,000) and
# 5 MB (20,000).  Screenshots and a print PDF go to
# $KN_BUILD_DIR/artifacts/ (NAME-report.png, -narrow.png, -corpus-map.png,
# -losers.png, -actors.png, -signal.png, -changes.png, -timeline.png,
# .pdf, .html), kept by CI as its artifacts.
#
# Needs: chromium and nodejs (Debian packages; Node 18 or later).
set -euo pipefail
knockon=$1
src=${KN_SOURCE_DIR:?}
art=${KN_BUILD_DIR:?}/artifacts
chromium=${CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$chromium" ]; then
	echo "report_browser: $chromium not found (apt-get install -y chromium)" >&2
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$art"

check() { # NAME FLAGS MAX_BYTES CARDS... : ingest, report, open in the browser
	local name=$1 flags=$2 max=$3
	shift 3
	"$knockon" --db "$tmp/$name.db" ingest "$@" >/dev/null 2>&1
	local n size
	# one signal a line of the JSON array (CSV cells may span lines)
	n=$("$knockon" --db "$tmp/$name.db" list --format json | grep -c '^{')
	"$knockon" --db "$tmp/$name.db" report --title "knockon $name report" \
		-o "$tmp/$name.html"
	cp "$tmp/$name.html" "$art/$name-report.html"
	size=$(stat -c %s "$tmp/$name.html")
	if [ "$size" -gt "$max" ]; then
		echo "report_browser: the $name report ($n signals) is $size bytes, over $max" >&2
		exit 1
	fi
	# a section (and a map) for each of the top 20 signals by score
	node "$src/tests/browser/check_report.mjs" "$tmp/$name.html" \
		$((n < 20 ? n : 20)) "$art/$name-report" $flags
	echo "report_browser: $name: $n signals, $size bytes"
}

check samples "" 2000000 "$src/samples"
check hostile --hostile 2000000 "$src/tests/data/hostile"
python3 "$src/bench/gen_corpus.py" 1000 --seed 1 --effect-actors -o "$tmp/1k.ndjson"
check 1k "" 2000000 "$tmp/1k.ndjson"
python3 "$src/bench/gen_corpus.py" 20000 --seed 1 --effect-actors -o "$tmp/20k.ndjson"
check 20k "" 5000000 "$tmp/20k.ndjson"
echo "report_browser: ok (screenshots in $art)"
