#!/usr/bin/env bash
# A JSON signal with 100,000 effects in one cause chain overflowed the stack
# (a recursive cycle check) and 50,000 took 26 s (quadratic checks): now it
# is rejected at once, naming "effects", as a pasted card over the same
# limit is; chains at the limit of 256 effects are checked in linear time.
# Time bounds are generous: they catch a hang, not a slowdown.
. "$(dirname "$0")/timed_lib.bash"

# chain N CYCLE: e1 (order 1), then e2..eN of order 2, each caused by the
# one before; CYCLE=1 makes e2 caused by eN instead (one cycle through all)
chain() {
	python3 - "$1" "$2" <<'PY'
import json, sys
n, cycle = int(sys.argv[1]), sys.argv[2] == '1'
eff = [{'id': 'e1', 'order': 1, 'text': 'root'}]
eff += [{'id': 'e%d' % i, 'order': 2, 'text': 'step %d' % i,
         'causes': ['e%d' % (i - 1)]} for i in range(2, n + 1)]
if cycle:
    eff[1]['causes'] = ['e%d' % n]
print(json.dumps({'id': 'chain', 'title': 'chain', 'effects': eff}))
PY
}

chain 100000 0 >long.json
rc=0
timeout 60 "$bin" parse long.json >out 2>err || rc=$?
[ "$rc" = 1 ] || fail "100,000-effect chain: exit $rc, want 1 ($(cat err))"
grep -q '"effects" has 100000 entries, at most 256 are allowed' err ||
	fail "100,000-effect chain: $(cat err)"
[ ! -s out ] || fail "100,000-effect chain printed a signal"
# the same as NDJSON lines with other signals: only that line is rejected
{ echo '{"id": "before", "title": "before"}'; cat long.json; echo '{"id": "after", "title": "after"}'; } >mixed.ndjson
rc=0
timeout 60 "$bin" parse mixed.ndjson >out 2>err || rc=$?
[ "$rc" = 1 ] && [ "$(wc -l <out)" = 2 ] || fail "NDJSON around a long chain: exit $rc, $(wc -l <out) signals"

# at the limit: a 256-effect chain with a cycle through all of it, and one
# without (rejected for its orders, after the cycle check walked it whole)
chain 256 1 >cycle.json
rc=0
timeout 60 "$bin" parse cycle.json >out 2>err || rc=$?
[ "$rc" = 1 ] && grep -q 'effect "e2" is part of a cause cycle' err ||
	fail "256-effect cycle: exit $rc, $(cat err)"
chain 256 0 >deep.json
rc=0
timeout 60 "$bin" parse deep.json >out 2>err || rc=$?
[ "$rc" = 1 ] && grep -q 'names cause "e2" of order 2; causes must be of order 1' err ||
	fail "256-effect chain: exit $rc, $(cat err)"

# a valid chain as long as orders allow (1..99), filled up to 256 effects
python3 - <<'PY' >ok.json
import json
eff = [{'id': 'o%d' % o, 'order': o, 'text': 'order %d' % o,
        **({'causes': ['o%d' % (o - 1)]} if o > 1 else {})} for o in range(1, 100)]
eff += [{'id': 'x%d' % i, 'order': 2 + i % 98, 'text': 'extra %d' % i} for i in range(256 - 99)]
print(json.dumps({'id': 'ok', 'title': 'ok', 'effects': eff}))
PY
timeout 60 "$bin" parse ok.json >out 2>err || fail "256-effect valid chain: $(cat err)"
python3 -c "
import json, sys
s = json.load(open('out'))
assert len(s['effects']) == 256, len(s['effects'])
assert s['effects'][98]['causes'] == ['o98'], s['effects'][98]
" || fail "256-effect valid chain: wrong output"
echo ok
