#!/bin/bash
# The Markdown report renders with a CommonMark renderer (cmark) and no raw
# HTML from card text comes through: the samples and the hostile cards in
# one corpus, rendered with --unsafe so that any raw HTML would show, then
# every tag checked against the few the report itself writes.  Also: the
# maps it links exist beside it, md needs -o, the source escapes only
# what CommonMark needs (a date, a percentage, "AI & Software" read as
# written), and -o FILE.md puts its maps in FILE_maps/, never in an
# existing maps/.
#
# Needs: cmark (Debian package), python3.
set -euo pipefail
knockon=$1
src=${KN_SOURCE_DIR:?}

if ! command -v cmark >/dev/null; then
	echo "report_markdown: cmark not found (apt-get install -y cmark)" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/k.db
"$knockon" --db "$db" ingest "$src/samples" "$src/tests/data/hostile" >/dev/null 2>&1
# --all: every hostile card gets its section
"$knockon" --db "$db" report --all --format md -o "$tmp/out/"
test -s "$tmp/out/report.md"
test -s "$tmp/out/report_maps/corpus-1.svg"
# FILE.md beside a maps/ folder of the user's: that folder is left alone
mkdir -p "$tmp/brief/maps"
echo mine >"$tmp/brief/maps/keep.txt"
(cd "$tmp/brief" && "$knockon" --db "$db" report --format md -o weekly.md)
test -s "$tmp/brief/weekly.md"
test -s "$tmp/brief/weekly_maps/corpus-1.svg"
[ "$(ls "$tmp/brief/maps")" = keep.txt ] || { echo "report_markdown: wrote into maps/" >&2; exit 1; }
grep -q '](weekly_maps/corpus-1.svg)' "$tmp/brief/weekly.md"
# readable source: no escapes where CommonMark needs none
for plain in 'AI & Software' '2025-12-17' 'Climate & Commodities'; do
	grep -qF -- "$plain" "$tmp/out/report.md" ||
		{ echo "report_markdown: \"$plain\" not written as is" >&2; exit 1; }
done
if grep -qE '[0-9]\\-[0-9]|[0-9]\\.[0-9]|\\%| \\& ' "$tmp/out/report.md"; then
	echo "report_markdown: needless escapes:" >&2
	grep -oE '.{0,20}([0-9]\\-[0-9]|[0-9]\\.[0-9]|\\%| \\& ).{0,20}' "$tmp/out/report.md" | head -5 >&2
	exit 1
fi
if "$knockon" --db "$db" report --format md 2>/dev/null; then
	echo "report_markdown: --format md without -o DIR/ must fail" >&2
	exit 1
fi
cmark --unsafe "$tmp/out/report.md" >"$tmp/out/report.html"
python3 - "$tmp/out" <<'PY'
import os, re, sys
out = sys.argv[1]
html = open(os.path.join(out, "report.html"), encoding="utf-8").read()
bad = []
allowed = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "a", "img"}
for m in re.finditer(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>", html):
    tag, attrs = m.group(2).lower(), m.group(3)
    if tag not in allowed:
        bad.append(m.group(0)[:80])
    elif tag == "a" and not m.group(1) and not re.fullmatch(
            r' (id="(sig|sigx|actor)-[A-Za-z0-9._-]+"|href="#(sig|sigx|actor)-[A-Za-z0-9._-]+"'
            r'|(id|href)="#?(summary|changes|timeline|losers|winners|contested|converge|corpus-map|signals|actors)")',
            attrs):
        bad.append(m.group(0)[:80])
    elif tag == "img" and not re.fullmatch(
            r' src="report_maps/(corpus-[0-9]+|timeline|converge-[0-9]+|sigx?-[A-Za-z0-9._-]+)\.svg" alt="[^"<>]*" /', attrs):
        bad.append(m.group(0)[:80])
    elif tag == "img":
        src = re.search(r'src="([^"]+)"', attrs).group(1)
        if not os.path.isfile(os.path.join(out, src)):
            bad.append("missing map " + src)
# (card text may appear inside an alt="..." as escaped text: inert, and
# the whitelist above already pins every attribute a tag may carry)
if "&lt;script&gt;" not in html:
    bad.append("hostile text missing: the hostile cards did not reach the report")
if bad:
    print("report_markdown: raw HTML came through:", *bad[:10], sep="\n  ")
    sys.exit(1)
print("report_markdown: ok (%d bytes of HTML, only the report's own tags)" % len(html))
PY
