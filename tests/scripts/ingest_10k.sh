#!/usr/bin/env bash
# Ingest of a 10,000-signal NDJSON file completes, list shows them all, and a
# second ingest finds every one unchanged.
set -eu
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/10k.ndjson" <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i in range(10000):
        out.write(json.dumps({
            "id": f"gen-{i:05d}", "title": f"Generated signal {i}",
            "published": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "score": i % 101, "category": ["Energy", "Capital Markets", "Logistics"][i % 3],
            "losers": [f"Actor {i % 97}", "Everyone"], "winners": [f"Actor {(i * 7) % 89}"],
            "effects": {"direct": [f"direct effect {i}"], "second": [f"second effect {i}"]},
        }, ensure_ascii=False) + "\n")
PY
db="$tmp/k.db"
"$bin" --db "$db" ingest "$tmp/10k.ndjson" 2>"$tmp/err"
grep -qx '10000 read: 10000 added, 0 updated, 0 unchanged, 0 rejected' "$tmp/err"
rows=$("$bin" --db "$db" list --format csv | wc -l)
[ "$rows" = 10001 ] || { echo "list shows $rows lines"; exit 1; }
"$bin" --db "$db" ingest "$tmp/10k.ndjson" 2>"$tmp/err2"
grep -qx '10000 read: 0 added, 0 updated, 10000 unchanged, 0 rejected' "$tmp/err2"
echo "ok: 10,000 signals ingested and listed"
