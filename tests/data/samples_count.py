#!/usr/bin/env python3
"""Count the recurring winners and losers in samples/ and print
tests/data/samples-expected.txt.

Reads the pasted cards (samples/cards/*.txt: header, Winners/Losers sections)
and the knockon/1 JSON signals (samples/json/*.json) independently of the
C parser.  Actor names: bullet stripped, a trailing "(note)" removed, matched
case-insensitively; a signal naming an actor twice in one role counts once.
ACTOR is printed as first spelled (cards in file-name order, then JSON).

  python3 tests/data/samples_count.py            # print expectations
  python3 tests/data/samples_count.py --check    # compare with the file
  python3 tests/data/samples_count.py --verbose  # also list every actor
"""
import glob, json, os, re, sys
from collections import OrderedDict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
MONTHS = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec'
HEADER = re.compile(r'^SIGNAL\s*(?P<cat>.+?)\s*·?\s*(?P<date>(?:%s) \d{1,2}, \d{4}), '
                    r'(?P<time>\d{1,2}:\d\d [AP]M)\s*Signal\s*(?P<score>\d+)\s*'
                    r'(?P<hz>Short term|Medium term|Long term)$' % MONTHS)
BULLET = re.compile(r'^[\s•·\-*]+')


def strip_note(name):
    name = name.strip()
    if name.endswith(')'):
        depth = 0
        for i in range(len(name) - 1, -1, -1):
            if name[i] == ')':
                depth += 1
            elif name[i] == '(':
                depth -= 1
                if depth == 0:
                    head = name[:i].strip()
                    return head if head else name
    return name


def read_card(path):
    text = open(path, encoding='utf-8').read()
    for ch in text:
        if ch != '\n' and ord(ch) < 0x20:
            raise SystemExit('%s: control character U+%04X' % (path, ord(ch)))
    lines = text.split('\n')
    blank = lines.index('')
    hdr = HEADER.match(' '.join(lines[:blank]))
    if not hdr:
        raise SystemExit('%s: header not understood: %r' % (path, lines[:blank]))
    roles = {'winner': [], 'loser': []}
    section = None
    for ln in lines[blank:]:
        if ln in ('Winners', 'Losers'):
            section = 'winner' if ln == 'Winners' else 'loser'
            continue
        if ln == 'Second-order effects':
            break
        if section and ln.strip():
            roles[section].append(strip_note(BULLET.sub('', ln)))
    return {'category': hdr.group('cat'), 'roles': roles,
            'date': hdr.group('date'), 'score': int(hdr.group('score'))}


def actor_name(a):
    return a['name'].strip() if isinstance(a, dict) else strip_note(a)


def read_json(path):
    s = json.load(open(path, encoding='utf-8'))
    assert s.get('format') == 'knockon/1' and s.get('id'), path
    return {'category': s.get('category'),
            'roles': {'winner': [actor_name(a) for a in s.get('winners', [])],
                      'loser': [actor_name(a) for a in s.get('losers', [])]}}


def main():
    sigs = [read_card(p) for p in sorted(glob.glob(os.path.join(ROOT, 'samples/cards/*.txt')))]
    sigs += [read_json(p) for p in sorted(glob.glob(os.path.join(ROOT, 'samples/json/*.json')))]
    counts = {'loser': OrderedDict(), 'winner': OrderedDict()}
    spelled = {}
    for s in sigs:
        for role in ('loser', 'winner'):
            seen = set()
            for name in s['roles'][role]:
                key = name.casefold()
                spelled.setdefault(key, name)
                if key not in seen:
                    seen.add(key)
                    counts[role][key] = counts[role].get(key, 0) + 1
    out = []
    for role in ('loser', 'winner'):
        rows = [(n, k) for k, n in counts[role].items() if n >= 2]
        rows.sort(key=lambda r: (-r[0], spelled[r[1]].casefold()))
        out += ['%s\t%s\t%d' % (role, spelled[k], n) for n, k in rows]
    out.append('signals\t%d' % len(sigs))
    out.append('categories\t%d' % len({s['category'] for s in sigs}))
    if '--verbose' in sys.argv:
        for role in ('loser', 'winner'):
            for k, n in sorted(counts[role].items()):
                print('#', role, n, spelled[k], file=sys.stderr)
        contested = sorted(spelled[k] for k in counts['loser'] if k in counts['winner'])
        print('# contested:', ', '.join(contested), file=sys.stderr)
    text = '\n'.join(out) + '\n'
    if '--check' in sys.argv:
        want = open(os.path.join(ROOT, 'tests/data/samples-expected.txt'), encoding='utf-8').read()
        if want != text:
            sys.stdout.write(text)
            raise SystemExit('samples-expected.txt is out of date')
        print('ok')
    else:
        sys.stdout.write(text)


main()
