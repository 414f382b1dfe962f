#!/usr/bin/env bash
# Runs every benchmark in bench/ (bench/*_bench.sh) against one build and
# writes the tables: bench/results/NAME.md per benchmark and
# docs/benchmarks.md with all of them, the machine and the commit.
#
# usage: bench/run-all.sh [BUILD_DIR]     (default: build)
# env:   WORK=dir for corpora and databases (default: /tmp/knockon-bench);
#        each benchmark's own variables (RUNS, ...) pass through.
# Long: the ingest benchmark's million-signal run and its Python baseline
# take tens of minutes on two cores.  Run it on a quiet machine, with nice.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
export KNOCKON=$build/knockon WORK=${WORK:-/tmp/knockon-bench}
[ -x "$KNOCKON" ] || { echo "run-all: no knockon in $build; build it first" >&2; exit 1; }
mkdir -p "$here/results" "$root/docs"

machine() {
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
  echo "- memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- SQLite $(sqlite3 --version | cut -d' ' -f1), jansson $(pkg-config --modversion jansson), $(/usr/bin/python3 --version 2>&1)"
  echo "- knockon commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src include || echo ' (with local changes)'), build $build"
}

out=$root/docs/benchmarks.md
{
  echo "# Benchmarks"
  echo
  echo "Written by \`bench/run-all.sh\` on $(date -u +%Y-%m-%d) — do not edit by hand."
  echo
  machine
} >"$out.tmp"
for b in "$here"/*_bench.sh; do
  name=$(basename "$b" .sh)
  echo "run-all: $name" >&2
  start=$(date +%s)
  if bash "$b" >"$here/results/$name.md.tmp"; then
    mv "$here/results/$name.md.tmp" "$here/results/$name.md"
    status="$(( $(date +%s) - start )) s"
  else
    mv "$here/results/$name.md.tmp" "$here/results/$name.md"
    status="FAILED after $(( $(date +%s) - start )) s"
  fi
  { echo; echo "## $name ($status)"; echo; cat "$here/results/$name.md"; } >>"$out.tmp"
  cp "$out.tmp" "$out" # a cut run still leaves the tables it finished
done
mv "$out.tmp" "$out"
echo "run-all: wrote $out" >&2
