/* Finding out what is at a corpus path without writing anything, and
 * opening a corpus for reading wherever it can be read. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schema.h"

/* The tables every knockon corpus has had since schema 1. */
static const char known_tables_sql[] =
	"SELECT (SELECT count(*) FROM sqlite_schema),"
	" (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
	" ('signals', 'effects', 'effect_causes', 'actors', 'roles',"
	" 'aliases', 'signals_fts')),"
	" (SELECT user_version FROM pragma_user_version),"
	" (SELECT application_id FROM pragma_application_id)";
#define KN_KNOWN_TABLES 7

static const char *file_type(mode_t m)
{
	if (S_ISDIR(m))
		return "a folder";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

/* A corpus is a regular file named by a plain path: no in-memory
 * database, no URI (with its options), no device, FIFO or folder. */
static kn_status check_path(const char *path, kn_error *err)
{
	struct stat sb;

	if (!*path)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "the corpus must be a file path, got \"\"");
	if (strcmp(path, ":memory:") == 0)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "the corpus must be a file path, got \":memory:\" (an in-memory database)");
	if (strncasecmp(path, "file:", 5) == 0)
		return kn_error_set(err, KN_ERR_USAGE, NULL, 0, 0, NULL,
				    "the corpus must be a file path, got \"%.400s\" (an SQLite URI; write ./%.400s for a file of that name)",
				    path, path);
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return kn_error_set(err, KN_ERR_IO, path, 0, 0, NULL,
				    "the corpus must be a regular file, got %s",
				    file_type(sb.st_mode));
	return KN_OK;
}

int kn_corpus_has(const char *path, const char *suffix)
{
	kn_buf b = KN_BUF_INIT;
	struct stat sb;
	int yes;

	kn_buf_printf(&b, "%s%s", path, suffix);
	yes = !kn_buf_failed(&b) && lstat(b.data, &sb) == 0;
	kn_buf_release(&b);
	return yes;
}

/* The folder a path is in ("." for a bare name) is writable. */
int kn_corpus_folder_writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int ok;

	if (!slash)
		return access(".", W_OK) == 0;
	if (slash == path)
		return access("/", W_OK) == 0;
	if (!(dir = strndup(path, (size_t)(slash - path))))
		return 1;
	ok = access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

static kn_status foreign(const char *path, kn_error *err, const char *why)
{
	return kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
			    "not a knockon corpus: %s (left unchanged)", why);
}

kn_status kn_corpus_open_immutable(const char *path, sqlite3 **db,
				   kn_error *err)
{
	kn_buf uri = KN_BUF_INIT;
	const char *p;
	int rc;

	/* "file:" then "//" would start an authority: keep it a path */
	kn_buf_puts(&uri, path[0] == '/' && path[1] == '/' ? "file://" : "file:");
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			kn_buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			kn_buf_putc(&uri, *p);
	}
	kn_buf_puts(&uri, "?immutable=1");
	if (kn_buf_failed(&uri))
		return kn_error_set(err, KN_ERR_NOMEM, path, 0, 0, NULL,
				    "out of memory");
	rc = sqlite3_open_v2(kn_buf_cstr(&uri), db, SQLITE_OPEN_READONLY |
			     SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	kn_buf_release(&uri);
	if (rc != SQLITE_OK)
		return kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
				    "cannot open the corpus: %s",
				    *db ? sqlite3_errmsg(*db) : sqlite3_errstr(rc));
	return KN_OK;
}

/* A database knockon did not mark (application_id 0): looks at its
 * tables, read-only.  A WAL database with no -wal beside it is read in
 * immutable mode, so that not even a -shm appears beside it. */
static kn_status inspect_schema(const char *path, int wal,
				kn_corpus_kind *kind, kn_error *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	kn_status rc = KN_OK;
	int objects, known, version;

	if (wal && !kn_corpus_has(path, "-wal"))
		rc = kn_corpus_open_immutable(path, &db, err);
	else if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY |
				 SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		rc = foreign(path, err, sqlite3_errmsg(db));
	/* a bulk load with a rollback journal locks the file while it
	 * commits (kn_corpus_load_journal): wait for it as for a writer */
	if (rc == KN_OK)
		sqlite3_busy_timeout(db, 5000);
	if (rc == KN_OK &&
	    (sqlite3_prepare_v2(db, known_tables_sql, -1, &q, NULL) != SQLITE_OK ||
	     sqlite3_step(q) != SQLITE_ROW))
		rc = kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
				  "not a knockon corpus: %s", sqlite3_errmsg(db));
	if (rc == KN_OK) {
		objects = sqlite3_column_int(q, 0);
		known = sqlite3_column_int(q, 1);
		version = sqlite3_column_int(q, 2);
		if (sqlite3_column_int(q, 3) == KN_APPLICATION_ID ||
		    (known == KN_KNOWN_TABLES && version >= 1))
			*kind = KN_CORPUS_OURS; /* made by knockon before the mark */
		else if (objects == 0 && version == 0)
			*kind = KN_CORPUS_EMPTY;
		else
			rc = foreign(path, err, "an SQLite database without knockon's tables");
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	return rc;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

kn_status kn_corpus_check(const char *path, kn_corpus_kind *kind,
			  kn_error *err)
{
	unsigned char h[100];
	ssize_t n = 0;
	uint32_t app;
	kn_status rc = check_path(path, err);
	int fd;

	*kind = KN_CORPUS_ABSENT;
	if (rc != KN_OK)
		return rc;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && errno == ENOENT)
		return KN_OK;
	if (fd < 0)
		return kn_error_set(err, KN_ERR_IO, path, 0, 0, NULL,
				    "cannot open the corpus: %s", strerror(errno));
	while ((n = read(fd, h, sizeof h)) < 0 && errno == EINTR)
		;
	close(fd);
	if (n == 0) {
		*kind = KN_CORPUS_EMPTY;
		return KN_OK;
	}
	if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
				    "not a knockon corpus: file is not a database");
	app = be32(h + 68);
	if (app == KN_APPLICATION_ID) {
		*kind = KN_CORPUS_OURS;
		return KN_OK;
	}
	if (app != 0) {
		char why[96];

		snprintf(why, sizeof why,
			 "another program's SQLite database, application_id %ld",
			 (long)(int32_t)app);
		return foreign(path, err, why);
	}
	return inspect_schema(path, h[18] == 2, kind, err);
}

static off_t size_of(const char *path, const char *suffix)
{
	kn_buf b = KN_BUF_INIT;
	struct stat sb;
	off_t size = -1;

	kn_buf_printf(&b, "%s%s", path, suffix);
	if (!kn_buf_failed(&b) && stat(b.data, &sb) == 0)
		size = sb.st_size;
	kn_buf_release(&b);
	return size;
}

/* When SQLite cannot grow a new -shm (a full disk) it leaves it at 3
 * bytes beside an empty -wal.  Removes both when this attempt made them
 * and no connection uses them: nobody holds the -shm's "in use" lock
 * (byte 128, taken by every connection for as long as it is open). */
static void drop_unused_wal_files(const char *path, int had_wal)
{
	struct flock lk;
	kn_buf shm = KN_BUF_INIT, wal = KN_BUF_INIT;
	struct stat sb;
	int fd;

	kn_buf_printf(&shm, "%s-shm", path);
	kn_buf_printf(&wal, "%s-wal", path);
	if (kn_buf_failed(&shm) || kn_buf_failed(&wal) ||
	    (fd = open(shm.data, O_RDWR | O_CLOEXEC | O_NOFOLLOW)) < 0)
		goto done;
	memset(&lk, 0, sizeof lk);
	lk.l_type = F_WRLCK;
	lk.l_whence = SEEK_SET;
	lk.l_start = 128;
	lk.l_len = 1;
	if (fstat(fd, &sb) == 0 && sb.st_size <= 3 &&
	    fcntl(fd, F_SETLK, &lk) == 0) {
		if (!had_wal && size_of(path, "-wal") == 0)
			unlink(wal.data);
		unlink(shm.data);
	}
	close(fd);
done:
	kn_buf_release(&shm);
	kn_buf_release(&wal);
}

void kn_corpus_tidy(const char *path, int had_wal, int had_shm)
{
	if (!had_shm)
		drop_unused_wal_files(path, had_wal);
}

static int can_read(sqlite3 *db)
{
	sqlite3_busy_timeout(db, 5000);
	return kn_schema_version(db) >= 0;
}

/* The errors of a WAL corpus whose -shm cannot be made or grown here: a
 * folder this user cannot write, a read-only mount, a full disk. */
static int shm_trouble(int code)
{
	code &= 0xFF;
	return code == SQLITE_READONLY || code == SQLITE_CANTOPEN ||
	       code == SQLITE_IOERR || code == SQLITE_FULL ||
	       code == SQLITE_PERM;
}

kn_status kn_corpus_open_read(const char *path, sqlite3 **db, int *immutable,
			      kn_error *err)
{
	int had_wal = kn_corpus_has(path, "-wal"), had_shm = kn_corpus_has(path, "-shm");
	int rc, code;

	*immutable = 0;
	/* read-write when allowed, so that the last reader out can tidy the
	 * -wal and -shm away as a writer would */
	rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(*db);
		rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY |
				     SQLITE_OPEN_NOMUTEX, NULL);
	}
	if (!*db)
		return kn_error_set(err, KN_ERR_NOMEM, path, 0, 0, NULL,
				    "out of memory");
	sqlite3_extended_result_codes(*db, 1);
	if (rc == SQLITE_OK && can_read(*db))
		return KN_OK;
	code = sqlite3_extended_errcode(*db);
	/* with no -wal to miss, the file alone is the whole corpus */
	if (shm_trouble(code) && size_of(path, "-wal") <= 0) {
		sqlite3_close(*db);
		*db = NULL;
		if (!had_shm)
			drop_unused_wal_files(path, had_wal);
		if (kn_corpus_open_immutable(path, db, err) != KN_OK)
			return KN_ERR_DB;
		*immutable = 1;
		if (can_read(*db))
			return KN_OK;
	} else if (shm_trouble(code)) {
		return kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
				    "cannot read the corpus: %s (its -wal holds changes that need a -shm this user can write beside it)",
				    sqlite3_errmsg(*db));
	}
	return kn_error_set(err, KN_ERR_DB, path, 0, 0, NULL,
			    "cannot read the corpus: %s", sqlite3_errmsg(*db));
}

/* The journal mode PRAGMA journal_mode = MODE leaves db in: 1 when it is
 * MODE, 0 when not (another connection has the corpus open), -1 on an
 * error. */
static int journal_mode(sqlite3 *db, const char *sql, const char *mode)
{
	sqlite3_stmt *q;
	int rc, is = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		is = strcasecmp((const char *)sqlite3_column_text(q, 0), mode) == 0;
	else if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED)
		is = 0;
	sqlite3_finalize(q);
	return is;
}

static int busy_timeout(sqlite3 *db)
{
	sqlite3_stmt *q;
	int ms = 5000;

	if (sqlite3_prepare_v2(db, "PRAGMA busy_timeout", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		ms = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return ms;
}

int kn_corpus_load_journal(sqlite3 *db)
{
	int ms = busy_timeout(db), is;

	/* leaving WAL needs the corpus to itself: ask once, do not wait */
	sqlite3_busy_timeout(db, 0);
	is = journal_mode(db, "PRAGMA journal_mode = TRUNCATE", "truncate");
	sqlite3_busy_timeout(db, ms);
	return is == 1;
}

int kn_corpus_wal_again(sqlite3 *db)
{
	int tries, is = -1;

	/* as when a new corpus is made (several processes at once can meet
	 * in a lock upgrade SQLite reports busy without waiting): ~5 s */
	for (tries = 0; tries < 250; tries++) {
		if ((is = journal_mode(db, "PRAGMA journal_mode = WAL", "wal")) != 0)
			break;
		sqlite3_sleep(20);
	}
	return is == 1 ? 0 : -1;
}
