#!/usr/bin/env bash
# The legend reads the same under every layout engine: heading first, its
# items top to bottom (rows left to right when it sits under a narrow
# map), never overlapping the map, and beside the map it takes at most a
# fifth of the map's width.  Measured from the SVG of the signal, chain,
# corpus and actor maps of the samples, under dot, neato, fdp, sfdp,
# circo and twopi.
set -euo pipefail
bin=$1
src=${KN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export KNOCKON_DB=$tmp/s.db LC_ALL=C.UTF-8
"$bin" ingest -q "$src/samples" >/dev/null
sig=2026-06-24-anthropic-accuses-alibaba-of-obtaining-illicit-access-to-claude
top=$("$bin" losers --format csv | sed -n '2{s/,[0-9]*,.*$//;p}')
top=${top#\"}; top=${top%\"}
for e in dot neato fdp sfdp circo twopi; do
  "$bin" render -K $e -o "signal-$e.svg" "$sig"
  "$bin" render --view chain -K $e -o "chain-$e.svg" "$sig"
  "$bin" render --view corpus -K $e -o "corpus-$e.svg"
  "$bin" render --view actor -K $e -o "actor-$e.svg" "$top"
done
python3 - *.svg <<'PY'
import re, sys

def boxes(svg):
    """Each node's id -> (x0, y0, x1, y1) from its shape's coordinates."""
    out = {}
    for m in re.finditer(r'<g id="([^"]*)" class="node[^"]*">(.*?)</g>', svg, re.S):
        nums = []
        for pts in re.findall(r'(?:points|d)="([^"]*)"', m.group(2)):
            v = [float(x) for x in re.findall(r'-?\d+(?:\.\d+)?', pts)]
            nums += list(zip(v[0::2], v[1::2]))
        if not nums:  # plain text: where its text is
            t = re.search(r'<text[^>]* x="([-\d.]+)" y="([-\d.]+)"', m.group(2))
            nums = [(float(t.group(1)), float(t.group(2)))]
        xs, ys = [p[0] for p in nums], [p[1] for p in nums]
        out[m.group(1)] = (min(xs), min(ys), max(xs), max(ys))
    return out

bad = []
for f in sys.argv[1:]:
    svg = open(f, encoding="utf-8").read()
    width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', svg).group(1))
    b = boxes(svg)
    leg = [k for k in b if k.startswith("legend:")]
    order = [k for k in re.findall(r'<g id="(legend:[^"]*)"', svg)]
    if not leg or order[0] != "legend:heading":
        bad.append(f + ": the legend does not begin with its heading")
        continue
    lx0 = min(b[k][0] for k in leg); lx1 = max(b[k][2] for k in leg)
    ly0 = min(b[k][1] for k in leg); ly1 = max(b[k][3] for k in leg)
    # top to bottom: each item's top is below the one before, or on the
    # same row further right (SVG y grows downwards)
    for p, q in zip(order, order[1:]):
        if not (b[q][1] >= b[p][3] - 0.5 or
                (abs(b[q][1] - b[p][1]) < 0.5 and b[q][0] >= b[p][2])):
            bad.append("%s: %s is not below or after %s" % (f, q, p))
    rest = [v for k, v in b.items() if not k.startswith("legend:")]
    for v in rest:
        if v[0] < lx1 and v[2] > lx0 and v[1] < ly1 and v[3] > ly0:
            bad.append(f + ": the legend overlaps the map")
            break
    beside = all(v[2] <= lx0 for v in rest)
    if beside and (lx1 - lx0) > width / 5:
        bad.append("%s: legend %.0f pt wide of %.0f (over a fifth)" %
                   (f, lx1 - lx0, width))
    if not beside and not all(v[3] <= ly0 for v in rest):
        bad.append(f + ": the legend is neither beside nor under the map")
if bad:
    sys.exit("\n".join(bad))
print("ok: %d maps" % len(sys.argv[1:]))
PY
