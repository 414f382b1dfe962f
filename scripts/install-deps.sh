#!/usr/bin/env bash
# Installs the Debian packages knockon needs, only those missing, from
# Debian's own archive (nothing else is ever fetched).
#   scripts/install-deps.sh          build and run
#   scripts/install-deps.sh --test   also everything the test suite uses
set -eu
# build and run: compiler, CMake, pkg-config; Graphviz (cgraph + gvc),
# jansson, SQLite; fontconfig and the one font maps are laid out with
# (DejaVu Sans, so that no other font on the machine changes a map)
pkgs="build-essential cmake pkg-config libgraphviz-dev libjansson-dev
      libsqlite3-dev libfontconfig-dev fonts-dejavu-core"
if [ "${1:-}" = --test ]; then
	# libcmocka-dev: unit tests; graphviz: the `dot` command re-reads our
	# DOT; libxml2-utils: xmllint checks SVG; sqlite3: fault tests inspect
	# the corpus; chromium + nodejs: the report browser test (Node 18 or
	# later drives Chromium over a pipe, no npm packages); cmark: Markdown
	# rendering; valgrind: memcheck; clang + libclang-rt-14-dev (only
	# recommended by clang, and holding libFuzzer): fuzzing; python3: test
	# data, the benchmarks' generator and baseline; time: peak memory;
	# file: output types; debootstrap: the fresh-machine stage (tests/fresh);
	# zlib1g-dev: a program linking libknockon.a with pkg-config --static
	# gets sqlite3's private -lz (tests/scripts/install_pkgconfig.sh);
	# groff-base: the manual page renders without warnings, zsh: its
	# completion parses (tests/scripts/install_docs.sh); jq: the README's
	# examples run as written (tests/scripts/readme_examples.sh)
	pkgs="$pkgs libcmocka-dev graphviz libxml2-utils sqlite3 chromium nodejs
	      cmark valgrind clang libclang-rt-14-dev python3 time file debootstrap
	      zlib1g-dev groff-base zsh jq"
elif [ $# -gt 0 ]; then
	echo "usage: scripts/install-deps.sh [--test]" >&2
	exit 2
fi
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "installing:$missing" >&2
# the mirror may be slow or briefly unreachable: try three times
try() {
	local i
	for i in 1 2 3; do
		"$@" && return 0
		echo "install-deps: '$*' failed (try $i of 3)" >&2
		sleep $((i * 5))
	done
	echo "install-deps: cannot reach Debian's package archive (see /etc/apt/sources.list*); nothing more was installed" >&2
	return 1
}
try $sudo apt-get update -qq
# shellcheck disable=SC2086 # one word per package
try $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	--no-install-recommends $missing >/dev/null
