#!/usr/bin/env bash
# `cmake --install` puts a CMake package in place: a consumer project finds
# it with find_package(knockon) and CMAKE_PREFIX_PATH alone, builds one
# program against knockon::knockon (libknockon.so.N) and one against
# knockon::knockon_static (libknockon.a, whose graphviz, jansson, sqlite3
# and fontconfig the package's config file finds), and both run.
set -eu
bin=$1
build=${KN_BUILD_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -n "$(find "$tmp/prefix" -name knockonConfig.cmake)"
test -n "$(find "$tmp/prefix" -name knockonConfigVersion.cmake)"
mkdir "$tmp/consumer"
cat >"$tmp/consumer/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.18)
project(consumer LANGUAGES C)
find_package(knockon 0.1 REQUIRED)
add_executable(use_shared use.c)
target_link_libraries(use_shared PRIVATE knockon::knockon)
add_executable(use_static use.c)
target_link_libraries(use_static PRIVATE knockon::knockon_static)
CMAKE
cat >"$tmp/consumer/use.c" <<'C'
#include <stdio.h>
#include <knockon/error.h>
#include <knockon/map.h>

int main(void)
{
	kn_view v;
	char line[64];
	kn_error err;

	if (kn_view_parse("corpus", &v) != 0)
		return 1;
	kn_error_clear(&err);
	kn_error_set(&err, KN_ERR_USAGE, "cmake", 2, 3, NULL, "view %s",
		     kn_view_name(v));
	puts(kn_error_format(&err, line, sizeof line));
	return 0;
}
C
san=""
[ "${KN_SANITIZE:-0}" = 1 ] && san="-fsanitize=address,undefined"
cmake -S "$tmp/consumer" -B "$tmp/cbuild" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
	-DCMAKE_C_FLAGS="$san" -DCMAKE_EXE_LINKER_FLAGS="$san" >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log" >&2; exit 1; }
cmake --build "$tmp/cbuild" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
needed "$tmp/cbuild/use_shared" | grep -q '^libknockon\.so\.[0-9]' ||
	{ echo "knockon::knockon did not link libknockon.so.N" >&2; exit 1; }
if needed "$tmp/cbuild/use_static" | grep -q '^libknockon'; then
	echo "knockon::knockon_static linked libknockon.so" >&2; exit 1
fi
# the shared one finds the installed library through the build's RPATH
for p in use_shared use_static; do
	out=$("$tmp/cbuild/$p")
	[ "$out" = "cmake:2:3: view corpus" ] ||
		{ echo "$p printed '$out'" >&2; exit 1; }
done
# a major version the package is not is refused (knockonConfigVersion.cmake)
sed -i 's/find_package(knockon 0.1 REQUIRED)/find_package(knockon 99 REQUIRED)/' \
	"$tmp/consumer/CMakeLists.txt"
if cmake -S "$tmp/consumer" -B "$tmp/cbuild99" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null 2>&1; then
	echo "find_package(knockon 99) succeeded" >&2; exit 1
fi
echo "ok: find_package(knockon) from an installed prefix, shared and static"
