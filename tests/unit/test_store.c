/* The corpus and the reader: idempotent puts, updates that leave nothing
 * over, batches with bad units, JSON locations and round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "knockon/json.h"
#include "knockon/reader.h"
#include "knockon/store.h"
#include "store_internal.h"

static char dir[] = "/tmp/kn-test-store-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static kn_store *open_fresh(const char *name)
{
	char path[256];
	kn_store *st = NULL;
	kn_error err;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(kn_store_open(path, 0, &st, &err), KN_OK);
	return st;
}

static void read_json(const char *text, kn_signal *s)
{
	kn_error err;

	kn_signal_init(s);
	assert_int_equal(kn_signal_read_json(text, strlen(text), "t", 1, s, &err), KN_OK);
}

static long long count(kn_store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(kn_store_db(st), sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void put_is_idempotent_and_updates_replace(void **state)
{
	kn_store *st = open_fresh("a.db");
	kn_signal v1, v2, back;
	kn_error err;
	kn_put put;

	(void)state;
	read_json("{\"id\": \"s1\", \"title\": \"T\", \"losers\": [\"A\", \"B (n)\"],"
		  " \"winners\": [\"C\"], \"effects\": {\"direct\": [\"x\", \"y\"], \"second\": [\"z\"]}}", &v1);
	read_json("{\"id\": \"s1\", \"title\": \"T2\", \"losers\": [\"a\"],"
		  " \"effects\": {\"direct\": [\"x\"]}}", &v2);
	assert_int_equal(kn_store_put(st, &v1, &put, &err), KN_OK);
	assert_int_equal(put, KN_PUT_ADDED);
	assert_int_equal(kn_store_put(st, &v1, &put, &err), KN_OK);
	assert_int_equal(put, KN_PUT_UNCHANGED);
	assert_int_equal(count(st, "SELECT count(*) FROM effect_causes"), 2);
	assert_int_equal(kn_store_put(st, &v2, &put, &err), KN_OK);
	assert_int_equal(put, KN_PUT_UPDATED);
	assert_int_equal(count(st, "SELECT count(*) FROM signals"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM effects"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM effect_causes"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM roles"), 1);
	/* "a" is the same actor as "A"; B and C are named by no signal now */
	assert_int_equal(count(st, "SELECT count(*) FROM actors"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM signals_fts WHERE signals_fts MATCH 'T2'"), 1);
	kn_signal_init(&back);
	assert_int_equal(kn_store_get(st, "s1", &back, &err), KN_OK);
	assert_string_equal(back.title, "T2");
	assert_int_equal(kn_store_get(st, "nope", &back, &err), KN_ERR_NOTFOUND);
	kn_signal_release(&v1);
	kn_signal_release(&v2);
	kn_signal_release(&back);
	kn_store_close(st);
}

typedef struct nested {
	kn_store *st;
	int depth, rows, inner_rows;
} nested;

/* A role_scan from inside a role_scan's callback: the cached statement is
 * still stepping, so the inner call must get a statement of its own. */
static int scan_row(void *ctx, kn_row sid, kn_row aid, int loser,
		    const char *published, long long weight)
{
	nested *n = ctx;
	kn_error err;

	(void)sid, (void)aid, (void)loser, (void)published, (void)weight;
	if (n->depth++ == 0) {
		n->rows++;
		assert_int_equal(kn_storage(n->st)->role_scan(n->st, NULL, -1, scan_row,
							      n, &err), KN_OK);
	} else {
		n->inner_rows++;
	}
	n->depth--;
	return 0;
}

static int interrupt(void *ctx)
{
	(void)ctx;
	return 1;
}

static void storage_ops_reuse_statements_and_count_fails(void **state)
{
	kn_store *st = open_fresh("ops.db");
	const struct kn_storage_ops *ops = kn_storage(st);
	nested n = { st, 0, 0, 0 };
	kn_signal v;
	kn_error err;
	kn_put put;
	long long c = -1;
	long k = 0;
	int round;

	(void)state;
	assert_string_equal(ops->name, "sqlite");
	read_json("{\"id\": \"s1\", \"title\": \"T\", \"losers\": [\"A\", \"B\"]}", &v);
	assert_int_equal(ops->put(st, &v, &put, &err), KN_OK);
	kn_signal_release(&v);
	for (round = 0; round < 2; round++) { /* the second from the cache */
		assert_int_equal(ops->group_count(st, "a", KN_LOSER, &k, &err), KN_OK);
		assert_int_equal(k, 1);
	}
	assert_int_equal(ops->role_scan(st, NULL, -1, scan_row, &n, &err), KN_OK);
	assert_int_equal(n.rows, 2);
	assert_int_equal(n.inner_rows, 4);
	/* a count whose step fails (interrupted; preparing still works) is an
	 * error, not 0 signals */
	assert_int_equal(kn_store_count(st, &c, &err), KN_OK);
	assert_int_equal(c, 1);
	sqlite3_progress_handler(kn_store_db(st), 1, interrupt, NULL);
	assert_int_equal(kn_store_count(st, &c, &err), KN_ERR_DB);
	sqlite3_progress_handler(kn_store_db(st), 0, NULL, NULL);
	kn_store_close(st);
}

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int n_rejects;
static char first_reject[1024];

static void on_reject(void *ctx, const kn_error *err)
{
	(void)ctx;
	if (n_rejects++ == 0)
		kn_error_format(err, first_reject, sizeof first_reject);
}

static void ingest_keeps_good_units_of_a_bad_batch(void **state)
{
	kn_store *st = open_fresh("b.db");
	kn_reader *r;
	kn_ingest_stats stats;
	kn_error err;
	char path[256];

	(void)state;
	snprintf(path, sizeof path, "%s/in", dir);
	{
		char cmd[300];

		snprintf(cmd, sizeof cmd, "mkdir -p '%s/in/sub'", dir);
		assert_int_equal(system(cmd), 0);
	}
	write_file("in/b.ndjson", "{\"title\": \"one\"}\n{\"title\": 5}\n\n{\"title\": \"three\"}\n");
	write_file("in/a.json", "[{\"title\": \"zero\"}]");
	write_file("in/sub/c.json", "{\"title\": \"four\"}");
	write_file("in/ignored.md", "not read");
	assert_int_equal(kn_reader_open(&r, &err), KN_OK);
	assert_int_equal(kn_reader_add(r, path, &err), KN_OK);
	n_rejects = 0;
	assert_int_equal(kn_store_ingest(st, r, &stats, on_reject, NULL, NULL, &err), KN_OK);
	kn_reader_close(r);
	assert_int_equal(stats.read, 5);
	assert_int_equal(stats.added, 4);
	assert_int_equal(stats.rejected, 1);
	assert_int_equal(n_rejects, 1);
	assert_true(strstr(first_reject, "in/b.ndjson:2:11: \"title\" must be a string, got an integer") != NULL);
	assert_int_equal(count(st, "SELECT count(*) FROM signals"), 4);
	kn_store_close(st);
}

static void reader_reads_concatenated_json_with_lines(void **state)
{
	kn_reader *r;
	kn_signal s;
	kn_error err;
	char path[256];

	(void)state;
	write_file("cat.json", "{\n  \"title\": \"a\"\n}\n{\n  \"title\": \"b\",\n  \"score\": 200\n}\n");
	snprintf(path, sizeof path, "%s/cat.json", dir);
	kn_signal_init(&s);
	assert_int_equal(kn_reader_open(&r, &err), KN_OK);
	kn_reader_add(r, path, &err);
	assert_int_equal(kn_reader_next(r, &s, &err), KN_OK);
	assert_string_equal(s.title, "a");
	assert_int_equal(kn_reader_next(r, &s, &err), KN_ERR_INVALID);
	assert_int_equal(err.line, 6);
	assert_int_equal(err.column, 12);
	assert_string_equal(err.field, "score");
	assert_int_equal(kn_reader_next(r, &s, &err), KN_DONE);
	kn_reader_close(r);
	kn_signal_release(&s);
}

static void locate_finds_nested_fields(void **state)
{
	const char *t = "{\"a\": 1,\n \"losers\": [\"x\", {\"name\": 7}],\n \"e\": {\"k\": [1, [2, 3]]}}";
	long line, col;

	(void)state;
	assert_int_equal(kn_json_locate(t, strlen(t), "losers[1].name", &line, &col), 0);
	assert_int_equal(line, 2);
	assert_int_equal(col, 27);
	assert_int_equal(kn_json_locate(t, strlen(t), "e.k[1]", &line, &col), 0);
	assert_int_equal(line, 3);
	assert_int_equal(col, 17);
	assert_int_equal(kn_json_locate(t, strlen(t), "losers[5]", &line, &col), -1);
	assert_int_equal(line, 2); /* the enclosing array */
}

static void canonical_json_round_trips(void **state)
{
	const char *in = "{\"title\": \" \xe2\x80\x98quoted\xe2\x80\x99 \\\"x\\\" \\u001b \", \"published\": \"2026-01-01\","
			 " \"winners\": [{\"name\": \"\xe4\xb8\x89\xe8\x8f\xb1\"}], \"source\": {\"url\": \"https://e.x/?a=1&b\"}}";
	kn_signal s, again;
	kn_buf a = KN_BUF_INIT, b = KN_BUF_INIT;
	kn_error err;

	(void)state;
	read_json(in, &s);
	assert_string_equal(s.title, "\xe2\x80\x98quoted\xe2\x80\x99 \"x\" \x1b");
	kn_signal_write_json(&s, &a);
	assert_non_null(strstr(a.data, "\\u001b"));
	assert_non_null(strstr(a.data, "\xe4\xb8\x89\xe8\x8f\xb1"));
	kn_signal_init(&again);
	assert_int_equal(kn_signal_read_json(a.data, a.len, "t", 1, &again, &err), KN_OK);
	kn_signal_write_json(&again, &b);
	assert_string_equal(a.data, b.data);
	kn_buf_release(&a);
	kn_buf_release(&b);
	kn_signal_release(&s);
	kn_signal_release(&again);
}

static void readonly_open_of_missing_corpus_fails_cleanly(void **state)
{
	char path[256];
	kn_store *st = (kn_store *)1;
	kn_error err;

	(void)state;
	snprintf(path, sizeof path, "%s/missing.db", dir);
	assert_int_equal(kn_store_open(path, KN_STORE_READONLY, &st, &err), KN_ERR_NOTFOUND);
	assert_null(st);
	assert_int_equal(access(path, F_OK), -1); /* nothing created */
}

/* issue 12 item 4: a corpus is a plain file path */
static void open_refuses_what_is_not_a_file_path(void **state)
{
	static const char *const paths[] = { "", ":memory:",
		"file:x.db?mode=memory", "file:kn.db?vfs=unix-none" };
	kn_store *st = (kn_store *)1;
	kn_error err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		assert_int_equal(kn_store_open(paths[i], 0, &st, &err), KN_ERR_USAGE);
		assert_null(st);
		assert_non_null(strstr(err.message, "must be a file path"));
		assert_int_equal(kn_store_open(paths[i], KN_STORE_READONLY, &st, &err),
				 KN_ERR_USAGE);
	}
	assert_int_equal(kn_store_open(dir, 0, &st, &err), KN_ERR_IO);
	assert_non_null(strstr(err.message, "got a folder"));
}

/* issue 12 item 5: corpora carry knockon's application_id; another
 * program's database is refused and left byte for byte as it was */
static void open_marks_corpora_and_refuses_foreign_databases(void **state)
{
	char path[256], before[8192], after[8192];
	kn_store *st;
	kn_error err;
	sqlite3 *db;
	FILE *f;
	size_t n;

	(void)state;
	st = open_fresh("marked.db");
	assert_int_equal(count(st, "PRAGMA application_id"), KN_APPLICATION_ID);
	kn_store_close(st);
	snprintf(path, sizeof path, "%s/foreign.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_non_null(f = fopen(path, "rb"));
	n = fread(before, 1, sizeof before, f);
	fclose(f);
	st = (kn_store *)1;
	assert_int_equal(kn_store_open(path, 0, &st, &err), KN_ERR_DB);
	assert_null(st);
	assert_non_null(strstr(err.message, "not a knockon corpus"));
	assert_int_equal(kn_store_open(path, KN_STORE_READONLY, &st, &err), KN_ERR_DB);
	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fread(after, 1, sizeof after, f), n);
	fclose(f);
	assert_memory_equal(before, after, n);
	strcat(path, "-journal");
	assert_int_equal(access(path, F_OK), -1);
}

/* The process settings can be given once, before SQLite starts (main
 * gives them first); after that the call says it changed nothing. */
static int process_init_first;

static void process_init_only_before_sqlite_starts(void **state)
{
	kn_store *st;

	(void)state;
	assert_int_equal(process_init_first, 0);
	st = open_fresh("process-init.db"); /* SQLite starts */
	assert_int_equal(kn_store_process_init(), -1);
	kn_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(process_init_only_before_sqlite_starts),
		cmocka_unit_test(put_is_idempotent_and_updates_replace),
		cmocka_unit_test(storage_ops_reuse_statements_and_count_fails),
		cmocka_unit_test(ingest_keeps_good_units_of_a_bad_batch),
		cmocka_unit_test(reader_reads_concatenated_json_with_lines),
		cmocka_unit_test(locate_finds_nested_fields),
		cmocka_unit_test(canonical_json_round_trips),
		cmocka_unit_test(readonly_open_of_missing_corpus_fails_cleanly),
		cmocka_unit_test(open_refuses_what_is_not_a_file_path),
		cmocka_unit_test(open_marks_corpora_and_refuses_foreign_databases),
	};

	process_init_first = kn_store_process_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
