#!/usr/bin/env bash
# Every `knockon ...` line of the README's code blocks runs as written, in a
# folder holding the samples (samples/) and the reference card (card.txt),
# in the order the README gives them; each must exit 0.  The ingest line's
# comment (its summary) must be what ingest prints.
# Usage: readme_examples.sh KNOCKON_BINARY (the source tree: $KN_SOURCE_DIR)
set -u
bin=$(realpath "$1"); src=$(realpath "${KN_SOURCE_DIR:-$(dirname "$0")/../..}")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" && ln -s "$bin" "$tmp/bin/knockon"
cp -r "$src/samples" "$tmp/samples"
cp "$src/samples/cards/2026-06-24-anthropic-alibaba.txt" "$tmp/card.txt"
cd "$tmp" || exit 1
export PATH="$tmp/bin:$PATH" LC_ALL=C.UTF-8
unset KNOCKON_DB
awk '/^```/{f=!f; next} f && /^knockon /' "$src/README.md" >examples.txt
n=$(wc -l <examples.txt)
[ "$n" -ge 8 ] || { echo "FAIL: only $n examples read from README.md"; exit 1; }
fails=0
while IFS= read -r line; do
	if ! bash -o pipefail -c "$line" >out.txt 2>err.txt; then
		echo "FAIL: $line"; sed 's/^/  /' err.txt; fails=$((fails + 1))
	fi
	case "$line" in
	"knockon ingest samples/ "*"# "*)
		want=${line#*# }
		grep -qxF "$want" err.txt || { echo "FAIL: ingest printed $(cat err.txt), README says $want"; fails=$((fails + 1)); } ;;
	esac
done <examples.txt
[ "$fails" = 0 ] || exit 1
echo "readme_examples: $n examples ran"
