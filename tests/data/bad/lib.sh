# Sourced by tests/cli/bad-*/cmd (cwd: a fresh temp dir, KNOCKON_DB=test.db).
# seed: store one good signal first, so a bad input is shown not to disturb
# what is already there.  counts: what the corpus holds, per table, so a
# half-stored signal would show.  bad: copies inputs here (stable names in
# messages) and ingests them; the caller exits with its status.
BAD=$SRC/tests/data/bad

seed() {
	cp "$BAD/good.json" . && knockon ingest -q good.json
}

counts() {
	sqlite3 test.db "SELECT 'signals ' || count(*) FROM signals;
		SELECT 'effects ' || count(*) FROM effects;
		SELECT 'roles ' || count(*) FROM roles;
		SELECT 'fts ' || count(*) FROM signals_fts;
		PRAGMA integrity_check;"
}

bad() {
	local f
	for f in "$@"; do cp "$BAD/$f" .; done
	knockon ingest "$@"
}

# Fails (prints) if any file holds a raw ESC, BEL or bidi control.
no_raw_controls() {
	local f
	for f in "$@"; do
		if LC_ALL=C grep -q -P '[\x07\x1b]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xe2\x80[\x8e\x8f]' "$f"; then
			echo "raw control characters in $f"
		fi
	done
}
