#!/usr/bin/env bash
# libknockon.so exports exactly the declared API: the functions (and any
# objects) that include/knockon/*.h declare with KN_API, no more, no less.
# The modules are built with hidden visibility, so an internal function
# that leaks (a KN_API on it, a missing -fvisibility) shows up here as
# "exported, not declared"; a declaration without KN_API, or one whose
# definition is gone, as "declared, not exported".
#
# The headers are read through the compiler's preprocessor, so comments,
# conditionals and declarations over several lines are what the compiler
# sees.  KN_SYMBOLS_SO and KN_SYMBOLS_INCLUDE (a folder holding knockon/)
# point the check at another library or header tree.
set -eu
src=${KN_SOURCE_DIR:?}
build=${KN_BUILD_DIR:?}
so=${KN_SYMBOLS_SO:-$build/libknockon.so}
inc=${KN_SYMBOLS_INCLUDE:-$src/include}
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
test -f "$so" || { echo "no shared library at $so" >&2; exit 1; }

headers=$(cd "$inc" && ls knockon/*.h)
test -n "$headers"
# Each header stands alone: it includes what it uses, export.h among them.
for h in $headers; do
	printf '#include "%s"\n' "$h" >"$tmp/one.c"
	"$cc" -std=c11 -Wall -Werror -fsyntax-only -I"$inc" "$tmp/one.c" ||
		{ echo "$h does not compile on its own" >&2; exit 1; }
done
for h in $headers; do printf '#include "%s"\n' "$h"; done >"$tmp/all.c"
"$cc" -std=c11 -E -I"$inc" "$tmp/all.c" >"$tmp/all.i"

# Keep the text that came from the knockon headers (by the line markers),
# split it into top-level declarations at ';' outside braces, and print
# "api NAME" for each declaration KN_API marked, "decl NAME" for every
# other function or extern object.  KN_API expands to the visibility
# attribute, which is how it is recognised.
awk -v dir="$inc/knockon/" '
/^# [0-9]+ "/ { f = $3; gsub(/"/, "", f); mine = index(f, dir) == 1; next }
/^#/ { next }
mine { text = text " " $0 }
END {
	n = length(text); depth = 0; stmt = ""
	for (i = 1; i <= n; i++) {
		c = substr(text, i, 1)
		if (c == "{") depth++
		if (c == "}") { depth--; if (depth == 0) { stmt = ""; continue } }
		if (c == ";" && depth == 0) { decl(stmt); stmt = ""; continue }
		if (depth == 0) stmt = stmt c
	}
}
function decl(s,   api, name, p) {
	api = gsub(/__attribute__ *\(\( *visibility *\( *"default" *\) *\)\)/, " ", s)
	gsub(/__attribute__ *\(\(([^()]|\([^()]*\))*\)\)/, " ", s)
	if (s ~ /^[ \t]*typedef[ \t]/ || s ~ /^[ \t]*$/) return
	p = index(s, "(")
	if (p > 0) {
		name = substr(s, 1, p - 1)
		if (name ~ /\*[ \t]*$/ || substr(s, p + 1) ~ /^[ \t]*\*/) return
	} else {
		if (!api && s !~ /(^|[ \t])extern[ \t]/) return
		name = s; sub(/[[=].*/, "", name)
	}
	if (!match(name, /[A-Za-z_][A-Za-z0-9_]*[ \t]*$/)) return
	name = substr(name, RSTART, RLENGTH); gsub(/[ \t]/, "", name)
	print (api ? "api " : "decl ") name
}' "$tmp/all.i" | sort -u >"$tmp/declared"

awk '$1 == "api" { print $2 }' "$tmp/declared" >"$tmp/api"
test -s "$tmp/api" || { echo "no KN_API declaration found in $inc/knockon" >&2; exit 1; }
nm -D --defined-only "$so" | awk 'NF == 3 && $2 ~ /^[TDBRVWi]$/ { print $3 }' |
	sed 's/@.*//' | sort -u >"$tmp/exported"

fail=0
report() { # label file
	if [ -s "$2" ]; then
		echo "$1:" >&2
		sed 's/^/  /' "$2" >&2
		fail=1
	fi
}
awk '$1 == "decl" { print $2 }' "$tmp/declared" >"$tmp/bare"
report "declared in include/knockon without KN_API" "$tmp/bare"
comm -13 "$tmp/api" "$tmp/exported" >"$tmp/extra"
report "exported by $(basename "$so") but not declared in include/knockon" "$tmp/extra"
comm -23 "$tmp/api" "$tmp/exported" >"$tmp/missing"
report "declared in include/knockon but not exported by $(basename "$so")" "$tmp/missing"
[ "$fail" = 0 ] || exit 1
echo "ok: $(wc -l <"$tmp/api") symbols exported, exactly the declared API"
