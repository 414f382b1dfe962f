#!/usr/bin/env bash
# `cmake --install` puts the binary, the library, the headers and knockon.pc in
# place, and a C program builds against them with pkg-config alone.
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
cc -std=c11 -Wall -Wextra -Wpedantic -Werror $san -o "$tmp/use" "$tmp/use.c" \
   $(pkg-config --cflags knockon) $(pkg-config --static --libs knockon)
"$tmp/use" | grep -q '"id": "from-an-installed-libknockon"'
echo "ok: installed headers, library and knockon.pc work"
