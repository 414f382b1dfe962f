#!/bin/bash
# The HTML report as a reader sees it: the samples' report and a report of
# hostile cards (tests/data/hostile) opened in headless Chromium through
# the DevTools protocol (tests/browser/check_report.mjs).  Checks: no
# console error or CSP violation, no request beyond the page, every map
# visible with a non-zero size, "What changed" near the top with its
# trend lines and the time line visible and not tiny, every anchor resolves, no dialog, no
# script, no event attribute, no javascript: link, "Where the ripples
# converge" with at most 10 actors of at most 10 rows and a visible map
# each, no sideways scrolling
# on a 390 px screen.  Screenshots and a print PDF go to
# $KN_BUILD_DIR/artifacts/.
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

check() { # NAME CARDS... : ingest, report, open in the browser
	local name=$1 flags=$2
	shift 2
	"$knockon" --db "$tmp/$name.db" ingest "$@" >/dev/null 2>&1
	local n
	# one signal a line of the JSON array (CSV cells may span lines)
	n=$("$knockon" --db "$tmp/$name.db" list --format json | grep -c '^{')
	"$knockon" --db "$tmp/$name.db" report --title "knockon $name report" \
		-o "$tmp/$name.html"
	cp "$tmp/$name.html" "$art/$name-report.html"
	# the actors "Where the ripples converge" shows, one map each
	local c
	c=$("$knockon" --db "$tmp/$name.db" converge --limit 10 --format json |
		grep -c '"actor"' || true)
	# one corpus map, one map per signal, the time line, the converge maps
	node "$src/tests/browser/check_report.mjs" "$tmp/$name.html" \
		$((n + 2 + c)) "$art/$name-report" $flags
}

check samples "" "$src/samples"
check hostile --hostile "$src/tests/data/hostile"
echo "report_browser: ok (screenshots in $art)"
