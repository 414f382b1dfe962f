#!/bin/bash
# Bidi controls never reach a report raw: in the HTML and the Markdown
# report a title, an actor, an effect and a URL carrying U+202E and friends
# show them as "<U+202E>", and a URL holding a bidi, control, invisible or
# space character is shown as text, never made a link.
set -euo pipefail
knockon=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/k.db
fail() { echo "report_bidi: $*" >&2; exit 1; }

cat >"$tmp/bidi.ndjson" <<'JSON'
{"id":"b1","title":"abc \u202edesrever\u202c \u2066x\u2069 \u200e\u200f\u061c","published":"2026-01-05","summary":"s \u202b z","losers":["L\u202eoser"],"winners":["W\u2067in"],"effects":{"direct":["eff \u202e x"]},"source":{"url":"https://evil.example/\u202e/moc.elgoog//:sptth"}}
{"id":"b2","title":"ok","published":"2026-01-06","losers":["L\u202eoser"],"source":{"url":"https://ok.example/a?b=1"}}
{"id":"b3","title":"nbsp url","published":"2026-01-07","source":{"url":"https://a.example/\u00a0x"}}
{"id":"b4","title":"zwsp url","published":"2026-01-08","source":{"url":"https://a.example/\u200bx"}}
JSON
"$knockon" --db "$db" ingest -q "$tmp/bidi.ndjson"
"$knockon" --db "$db" report --min 1 -o "$tmp/r.html"
"$knockon" --db "$db" report --min 1 --format md -o "$tmp/md/"

python3 - "$tmp/r.html" "$tmp/md/report.md" <<'PY'
import re, sys
def bidi(c):
    o = ord(c)
    return 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069 or o in (0x200E, 0x200F, 0x061C)
html, md = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
for name, text in (("html", html), ("md", md)):
    raw = sorted({hex(ord(c)) for c in text if bidi(c)})
    if raw:
        sys.exit(f"report_bidi: raw bidi controls in the {name} report: {raw}")
links = re.findall(r'href="(https?:[^"]*)"', html)
if links != ["https://ok.example/a?b=1"]:
    sys.exit(f"report_bidi: links made: {links}")
for want in ("desrever&lt;U+202C&gt;", "https://evil.example/&lt;U+202E&gt;/moc.elgoog//:sptth",
             "L&lt;U+202E&gt;oser", "W&lt;U+2067&gt;in"):
    if want not in html:
        sys.exit(f"report_bidi: {want!r} not in the HTML report")
for want in (r"desrever\<U+202C>", r"https\://evil.example/\<U+202E>/moc"):
    if want not in md:
        sys.exit(f"report_bidi: {want!r} not in the Markdown report")
PY
echo "report_bidi: ok"
