#!/usr/bin/env bash
# `cmake --install` puts the binary, both libraries (libknockon.so.N and
# libknockon.a), the headers and knockon.pc in place, and a C program builds
# against them with pkg-config alone: shared with `pkg-config --libs`,
# static with `pkg-config --static --libs`.  Each build is run, and its
# dynamic section shows which library it really uses.
set -eu
bin=$1
build=${KN_BUILD_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -x "$tmp/prefix/bin/knockon"
test -f "$tmp/prefix/include/knockon/store.h"
pc=$(find "$tmp/prefix" -name knockon.pc)
test -n "$pc"
libdir=$(cd "$(dirname "$pc")/.." && pwd)
test -f "$libdir/libknockon.a"
soname=$(readelf -d "$libdir/libknockon.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
case $soname in
libknockon.so.[0-9]*) ;;
*) echo "libknockon.so has SONAME '$soname', not libknockon.so.N" >&2; exit 1 ;;
esac
test -f "$libdir/$soname"
export PKG_CONFIG_PATH=$(dirname "$pc")
cat >"$tmp/use.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <knockon/json.h>
#include <knockon/signal.h>

int main(void)
{
	const char *in = "{\"title\": \"From an installed libknockon\"}";
	kn_signal s;
	kn_error err;
	kn_buf out = KN_BUF_INIT;

	kn_signal_init(&s);
	if (kn_signal_read_json(in, strlen(in), "in", 1, &s, &err) != KN_OK)
		return 1;
	kn_signal_write_json(&s, &out);
	puts(kn_buf_cstr(&out));
	kn_buf_release(&out);
	kn_signal_release(&s);
	return 0;
}
C
# a sanitizer build's library needs the sanitizer runtimes in the program too
san=""
[ "${KN_SANITIZE:-0}" = 1 ] && san="-fsanitize=address,undefined"
ccw() { cc -std=c11 -Wall -Wextra -Wpedantic -Werror $san "$@"; }
cflags=$(pkg-config --cflags knockon)
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

# shared: the link line as pkg-config gives it, nothing added
ccw -o "$tmp/use-shared" "$tmp/use.c" $cflags $(pkg-config --libs knockon)
needed "$tmp/use-shared" | grep -qx "$soname" ||
	{ echo "the pkg-config --libs build does not load $soname" >&2; exit 1; }
LD_LIBRARY_PATH=$libdir ldd "$tmp/use-shared" | grep -q "$soname => $libdir/$soname" ||
	{ echo "the pkg-config --libs build does not resolve $soname in $libdir" >&2; exit 1; }
LD_LIBRARY_PATH=$libdir "$tmp/use-shared" | grep -q '"id": "from-an-installed-libknockon"'

# static: with both libraries in libdir the linker takes the .so for
# -lknockon, so the program names the archive; the rest of the line
# (graphviz, jansson, sqlite3, fontconfig and what they need) is
# pkg-config --static's
libs=$(pkg-config --static --libs knockon)
case " $libs " in *" -lknockon "*) ;; *) echo "no -lknockon in: $libs" >&2; exit 1 ;; esac
libs=$(printf '%s\n' " $libs " | sed 's/ -lknockon / -l:libknockon.a /')
ccw -o "$tmp/use-static" "$tmp/use.c" $cflags $libs
if needed "$tmp/use-static" | grep -q '^libknockon'; then
	echo "the pkg-config --static build loads libknockon.so" >&2; exit 1
fi
"$tmp/use-static" | grep -q '"id": "from-an-installed-libknockon"'
echo "ok: installed headers, $soname, libknockon.a and knockon.pc work"
