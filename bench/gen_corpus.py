#!/usr/bin/env python3
"""Deterministic synthetic corpus for knockon's query benchmark.

Writes N knockon/1 signals as NDJSON (one a line) to stdout or -o FILE.
The same N and --seed always give byte-identical output.

Actors are drawn Zipf-like (weight 1/rank^s over a pool of about N/10
actors, at least 200) so that a few recur in a large share of the signals
and most appear once or twice, as in real news.  Dates are spread over
2020-01-01 .. 2026-12-31 (a quarter of them date-times), categories over
twelve values, scores and confidences over 0..100 (a few absent).

With --full every knockon/1 field is filled at realistic lengths (feed,
horizon, the three "why" parts, impact, source, longer summary and effect
texts: about 1.1 KB a signal, like pasted cards).  The extra text comes
from a second generator, so a --full corpus holds the same signals, ids,
dates and actors as the plain one of the same N and seed.

With --effect-actors every effect names one or two actors of the pool
(drawn the same Zipf-like way, from a third generator, so the signals are
otherwise those of the plain corpus): the effect's "actors" in the JSON
and the name written in its text (", hitting NAME"), as cards whose
knock-on effects reach other cards' actors (bench/ripple_bench.sh).

usage: gen_corpus.py N [--seed S] [--zipf S] [--full] [--effect-actors]
                     [-o FILE]
"""
import argparse
import bisect
import datetime
import json
import random
import sys

CATEGORIES = [
    "Capital Markets", "Technology", "Energy", "Geopolitics", "Health",
    "Retail", "Policy", "Climate", "Defence", "Labour", "Transport",
    "Agriculture",
]
WORDS = (
    "tariff chip export merger ban lawsuit outage recall subsidy strike "
    "pipeline drought sanction rally default probe launch layoff patent "
    "breach shortage harvest election reform grid vaccine rate bond yield "
    "cloud model license satellite port freight wheat copper lithium "
    "battery refinery carrier union court regulator budget treaty"
).split()
STEMS = (
    "Acme Globex Initech Umbrella Hooli Vandelay Stark Wayne Tyrell Soylent "
    "Cyberdyne Massive Dynamic Wonka Oscorp Aperture Gringotts Nakatomi "
    "Monarch Virtucon Zorg Blue Sun Rekall Weyland Buy'n'Large Ollivander"
).split()
SUFFIXES = ["Corp", "Holdings", "Group", "Bank", "Energy", "Labs", "Motors",
            "Airlines", "Foods", "Mining", "Telecom", "Pharma"]
SPECIAL = ["Société Générale", "Zürich Versicherung", "Ørsted", "中国移动",
           "Ἀθῆναι Shipping", "Škoda Auto", "Nestlé", "Añil Textiles"]

FEEDS = ["The Continuum Brief", "Second Order Weekly", "Knock-on Daily"]
HORIZONS = ["Short term", "Medium term", "Long term"]
PUBLISHERS = ["Financial Times", "Reuters", "Bloomberg", "Nikkei Asia",
              "Le Monde", "The Economist"]
SECTIONS = ["Technology", "Markets", "World", "Companies", "Opinion"]

START = datetime.date(2020, 1, 1)
DAYS = (datetime.date(2026, 12, 31) - START).days + 1


def actor_pool(n_actors, rng):
    names = list(SPECIAL)
    seen = set(names)
    i = 0
    while len(names) < n_actors:
        name = "%s %s %d" % (STEMS[i % len(STEMS)],
                             SUFFIXES[(i // len(STEMS)) % len(SUFFIXES)],
                             i // (len(STEMS) * len(SUFFIXES)))
        i += 1
        if name not in seen:
            seen.add(name)
            names.append(name)
    rng.shuffle(names)
    return names


def zipf_cdf(n, s):
    acc, cdf = 0.0, []
    for k in range(1, n + 1):
        acc += 1.0 / (k ** s)
        cdf.append(acc)
    return cdf


def draw(rng, cdf, names):
    return names[bisect.bisect_left(cdf, rng.random() * cdf[-1])]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def actors(rng, cdf, names, lo, hi):
    out = []
    for _ in range(rng.randint(lo, hi)):
        name = draw(rng, cdf, names)
        out.append({"name": name, "note": sentence(rng, 3)} if rng.random() < 0.3
                   else {"name": name})
    return out


def signal(i, rng, cdf, names):
    day = START + datetime.timedelta(days=rng.randrange(DAYS))
    published = day.isoformat()
    if rng.random() < 0.25:
        published += "T%02d:%02d:00" % (rng.randrange(24), rng.randrange(60))
    n_eff = rng.randint(1, 3)
    effects = [{"id": "e%d" % k, "order": k, "text": sentence(rng, 8)}
               for k in range(1, n_eff + 1)]
    return {
        "format": "knockon/1",
        "id": "bench-%07d" % i,
        "category": rng.choice(CATEGORIES),
        "published": published,
        "score": rng.randrange(101) if rng.random() < 0.97 else None,
        "confidence": rng.randrange(101) if rng.random() < 0.97 else None,
        "title": "%s %s" % (sentence(rng, 5).capitalize(), i),
        "summary": sentence(rng, 14),
        "why": {"now": sentence(rng, 6)},
        "winners": actors(rng, cdf, names, 0, 3),
        "losers": actors(rng, cdf, names, 1, 3),
        "effects": effects,
    }


def enrich(sig, rng):
    """Fills the fields a pasted card has and the plain corpus leaves out."""
    sig["feed"] = rng.choice(FEEDS)
    sig["kind"] = "signal"
    sig["horizon"] = rng.choice(HORIZONS)
    sig["summary"] += " " + sentence(rng, 10)
    sig["why"]["important"] = sentence(rng, 9)
    sig["why"]["changes"] = sentence(rng, 9)
    for e in sig["effects"]:
        e["text"] += " " + sentence(rng, 5)
    sig["impact"] = rng.randrange(101)
    pub = rng.choice(PUBLISHERS)
    sig["source"] = {
        "publisher": pub, "section": rng.choice(SECTIONS),
        "url": "https://example.com/%s/%s" % (
            pub.lower().replace(" ", "-"), sig["id"]),
    }


ROLES = ["named", "loser", "winner"]


def effect_actors(sig, rng, cdf, names):
    """Gives each effect one or two actors, named in its text too."""
    for e in sig["effects"]:
        reach = []
        for _ in range(rng.randint(1, 2)):
            name = draw(rng, cdf, names)
            if name not in [a["name"] for a in reach]:
                reach.append({"name": name, "role": rng.choice(ROLES)})
        e["actors"] = reach
        e["text"] += ", hitting " + " and ".join(a["name"] for a in reach)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of signals")
    ap.add_argument("--seed", type=int, default=20260624)
    ap.add_argument("--zipf", type=float, default=1.1, help="Zipf exponent")
    ap.add_argument("--full", action="store_true",
                    help="fill every field at realistic lengths (~1.1 KB)")
    ap.add_argument("--effect-actors", action="store_true",
                    help="effects name one or two actors of the pool")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    names = actor_pool(max(200, args.n // 10), rng)
    cdf = zipf_cdf(len(names), args.zipf)
    extra = random.Random(args.seed + 1)
    reach = random.Random(args.seed + 2)
    out = sys.stdout if args.output == "-" else open(args.output, "w",
                                                     encoding="utf-8")
    for i in range(args.n):
        sig = signal(i, rng, cdf, names)
        for k in ("score", "confidence"):
            if sig[k] is None:
                del sig[k]
        if args.full:
            enrich(sig, extra)
        if args.effect_actors:
            effect_actors(sig, reach, cdf, names)
        out.write(json.dumps(sig, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
