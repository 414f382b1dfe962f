#!/bin/bash
# knockon report from the command line: stdout by default, a write error
# on stdout fails, usage errors exit 2, -o FILE replaced atomically.
set -euo pipefail
knockon=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/k.db
fail() { echo "report_cli: $*" >&2; exit 1; }

"$knockon" --db "$db" ingest "$src/samples" >/dev/null 2>&1
"$knockon" --db "$db" report --no-maps >"$tmp/stdout.html"
head -c 15 "$tmp/stdout.html" | grep -q '<!DOCTYPE html>' || fail "no HTML on stdout"
if "$knockon" --db "$db" report --no-maps >/dev/full 2>/dev/null; then
	fail "report >/dev/full exited 0"
fi
set +e
"$knockon" --db "$db" report --format pdf >/dev/null 2>&1; [ $? -eq 2 ] || fail "--format pdf: want exit 2"
"$knockon" --db "$db" report --limit 3 >/dev/null 2>&1; [ $? -eq 2 ] || fail "--limit: want exit 2"
"$knockon" --db "$db" report --category nothing -o "$tmp/none.html" 2>/dev/null
[ $? -eq 1 ] || fail "empty selection: want exit 1"
set -e
[ ! -e "$tmp/none.html" ] || fail "a failed report left a file"
"$knockon" --db "$db" report --category Geopolitics --title 'Geo <b>' -o "$tmp/geo.html"
grep -q '<title>Geo &lt;b&gt;</title>' "$tmp/geo.html" || fail "title not escaped"
[ -z "$(find "$tmp" -name '.*' ! -name . )" ] || fail "temporary files left behind"
n=$(grep -c '<article class="signal"' "$tmp/geo.html")
[ "$n" -eq "$("$knockon" --db "$db" list --category Geopolitics --format csv | tail -n +2 | wc -l)" ] ||
	fail "--category: $n signals in the report"
"$knockon" report --help | grep -q -- '--format' || fail "no help"
echo "report_cli: ok"
