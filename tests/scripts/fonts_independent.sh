#!/usr/bin/env bash
# Maps do not depend on the fonts a machine has: a fontconfig set-up that
# makes every family resolve to another font (as installing a new
# sans-serif font can) changes a map drawn with the machine's fonts
# (KNOCKON_FONT_FILE=system), and leaves knockon's own maps byte-identical.
set -eu
bin=$1
src=${KN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KNOCKON_DB=$tmp/k.db
"$bin" ingest "$src/samples/" >/dev/null 2>&1
id=2026-06-24-anthropic-accuses-alibaba-of-obtaining-illicit-access-to-claude

draw() { # OUTDIR: the maps users see, in the vector and the raster formats
	mkdir -p "$1"
	"$bin" render "$id" -T svg -o "$1/signal.svg"
	"$bin" render --view chain "$id" -T svg -o "$1/chain.svg"
	"$bin" render --view corpus --min 2 -T svg -o "$1/corpus.svg"
	"$bin" render "$id" -T png -o "$1/signal.png"
}

unset KNOCKON_FONT_FILE FONTCONFIG_FILE
draw "$tmp/plain" 2>"$tmp/plain.err"
if [ -s "$tmp/plain.err" ]; then
	echo "FAIL: knockon's own font is missing here:" >&2
	cat "$tmp/plain.err" >&2
	exit 1
fi

# Another font wins every family match: here DejaVu Sans Mono (installed
# with knockon's font package, so the test needs nothing more).
mkdir -p "$tmp/fc/cache"
cat >"$tmp/fc/fonts.conf" <<XML
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <edit name="family" mode="prepend" binding="strong"><string>DejaVu Sans Mono</string></edit>
  </match>
  <cachedir>$tmp/fc/cache</cachedir>
</fontconfig>
XML
export FONTCONFIG_FILE=$tmp/fc/fonts.conf

KNOCKON_FONT_FILE=system draw "$tmp/system"
if cmp -s "$tmp/plain/signal.svg" "$tmp/system/signal.svg"; then
	echo "FAIL: the other font did not change a map drawn with the machine's fonts; the test proves nothing" >&2
	exit 1
fi

draw "$tmp/other" 2>"$tmp/other.err"
test ! -s "$tmp/other.err" || { cat "$tmp/other.err" >&2; exit 1; }
for f in signal.svg chain.svg corpus.svg signal.png; do
	if ! cmp "$tmp/plain/$f" "$tmp/other/$f"; then
		echo "FAIL: $f changed with the machine's fonts" >&2
		exit 1
	fi
done
grep -q 'font-family="DejaVu Sans,sans-serif"' "$tmp/plain/signal.svg"

# Without knockon's font, maps are still drawn and the user is told once.
KNOCKON_FONT_FILE=$tmp/no-such-font.ttf "$bin" render "$id" -T svg \
	-o "$tmp/nofont.svg" 2>"$tmp/nofont.err"
test -s "$tmp/nofont.svg"
test "$(grep -c 'no-such-font.ttf' "$tmp/nofont.err")" = 1
# a folder or a file that holds no font is no font either
for bad in "$tmp/plain" "$tmp/fc/fonts.conf"; do
	KNOCKON_FONT_FILE=$bad "$bin" render "$id" -T svg -o "$tmp/bad.svg" \
		2>"$tmp/bad.err"
	test -s "$tmp/bad.svg"
	grep -q "KNOCKON_FONT_FILE $bad is not a font file" "$tmp/bad.err" ||
		{ echo "FAIL: no warning for KNOCKON_FONT_FILE=$bad" >&2; exit 1; }
done
echo "ok: maps are byte-identical whatever fonts the machine has"
