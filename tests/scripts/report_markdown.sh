#!/bin/bash
# The Markdown report renders with a CommonMark renderer (cmark) and no raw
# HTML from card text comes through: the samples and the hostile cards in
# one corpus, rendered with --unsafe so that any raw HTML would show, then
# every tag checked against the few the report itself writes.  Also: the
# maps it links exist beside it, and md needs a folder.
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
"$knockon" --db "$db" report --format md -o "$tmp/out/"
test -s "$tmp/out/report.md"
test -s "$tmp/out/maps/corpus.svg"
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
allowed = {"h1", "h2", "h3", "p", "ul", "li", "strong", "a", "img"}
for m in re.finditer(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>", html):
    tag, attrs = m.group(2).lower(), m.group(3)
    if tag not in allowed:
        bad.append(m.group(0)[:80])
    elif tag == "a" and not m.group(1) and not re.fullmatch(
            r' (id="(sig|sigx|actor)-[A-Za-z0-9._-]+"|href="#(sig|sigx|actor)-[A-Za-z0-9._-]+")',
            attrs):
        bad.append(m.group(0)[:80])
    elif tag == "img" and not re.fullmatch(
            r' src="maps/(corpus|timeline|converge-[0-9]+|sigx?-[A-Za-z0-9._-]+)\.svg" alt="[^"<>]*" /', attrs):
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
