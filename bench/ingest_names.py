#!/usr/bin/env python3
"""Makes the effects of a synthetic corpus name actors, for timing effect
link detection: reads bench/gen_corpus.py NDJSON on stdin and writes it
with, in about half of the effect texts, the name of an actor some
earlier signal gave (so that ingest's detection finds it), deterministic.

usage: bench/ingest_names.py < full.ndjson > names.ndjson
"""
import json
import random
import sys


def main():
    rng = random.Random(20261201)
    seen, index = [], set()
    for line in sys.stdin:
        sig = json.loads(line)
        for e in sig.get("effects", []):
            if seen and rng.random() < 0.5:
                name = seen[rng.randrange(len(seen))]
                words = e["text"].split(" ")
                words.insert(rng.randrange(len(words) + 1), name)
                e["text"] = " ".join(words)
        for a in sig.get("winners", []) + sig.get("losers", []):
            if a["name"] not in index and len(seen) < 5000:
                index.add(a["name"])
                seen.append(a["name"])
        sys.stdout.write(json.dumps(sig, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
