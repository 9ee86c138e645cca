/*
 * The SQLite store: open with the house pragmas, apply the embedded
 * migrations in order (PRAGMA user_version), seed on first start.
 */

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "destinations/embedded.h"
#include "destinations/internal.h"

#define MIGRATION_PREFIX	"migrations/"

/* Set *cause to a malloc'd message (if cause is not NULL). */
void
dst_set_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;
	char	*s;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = NULL;
	va_end(ap);
	*cause = s;
}

/*
 * Copy a string into a fixed buffer, truncating; a UTF-8 sequence cut in
 * half is dropped so that the copy stays valid UTF-8.
 */
void
dst_copy(char *dst, size_t len, const char *src)
{
	size_t		 n, j, need;
	unsigned char	 lead;

	if (len == 0)
		return;
	if (src == NULL)
		src = "";
	n = strlen(src);
	if (n < len) {
		memcpy(dst, src, n + 1);
		return;
	}
	n = len - 1;
	memcpy(dst, src, n);
	for (j = n; j > 0 && ((unsigned char)dst[j - 1] & 0xc0) == 0x80; j--)
		;
	if (j > 0 && (lead = (unsigned char)dst[j - 1]) >= 0xc0) {
		need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
		if (n - (j - 1) < need)
			n = j - 1;
	}
	dst[n] = '\0';
}

/* The current time as "YYYY-MM-DDTHH:MM:SSZ". */
void
dst_now(char *buf, size_t len)
{
	time_t		t = time(NULL);
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		dst_copy(buf, len, "1970-01-01T00:00:00Z");
}

/* An embedded file by path ("data/policy.json"), or NULL. */
const struct dst_embedded *
dst_embedded_find(const char *path)
{
	const struct dst_embedded	*f;

	for (f = dst_embedded_files; f->path != NULL; f++) {
		if (strcmp(f->path, path) == 0)
			return (f);
	}
	return (NULL);
}

/* Fill cause with what SQLite says went wrong while doing what. */
void
dst_sql_cause(sqlite3 *db, const char *what, char **cause)
{
	dst_set_cause(cause, "%s: %s", what, db != NULL ? sqlite3_errmsg(db) :
	    "out of memory");
}

/* Run SQL without results. */
int
dst_exec(sqlite3 *db, const char *sql, char **cause)
{
	char	*msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		dst_set_cause(cause, "database: %s", msg != NULL ? msg :
		    sqlite3_errmsg(db));
		sqlite3_free(msg);
		return (-1);
	}
	return (0);
}

/* Read PRAGMA user_version. */
static int
store_user_version(sqlite3 *db, int *version, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK) {
		dst_sql_cause(db, "reading the schema version", cause);
		return (-1);
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		dst_sql_cause(db, "reading the schema version", cause);
		sqlite3_finalize(st);
		return (-1);
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (0);
}

/* The number of an embedded migration ("migrations/001_init.sql"), or -1. */
static int
migration_number(const char *path)
{
	const char	*p;
	int		 n = 0;

	if (strncmp(path, MIGRATION_PREFIX, strlen(MIGRATION_PREFIX)) != 0)
		return (-1);
	p = path + strlen(MIGRATION_PREFIX);
	if (!isdigit((unsigned char)*p))
		return (-1);
	for (; isdigit((unsigned char)*p); p++) {
		if (n > 100000)
			return (-1);
		n = n * 10 + (*p - '0');
	}
	if (*p != '_' || strlen(p) < 5 ||
	    strcmp(p + strlen(p) - 4, ".sql") != 0)
		return (-1);
	return (n);
}

/* The embedded migration with this number, or NULL. */
static const struct dst_embedded *
migration_find(int n)
{
	const struct dst_embedded	*f;

	for (f = dst_embedded_files; f->path != NULL; f++) {
		if (migration_number(f->path) == n)
			return (f);
	}
	return (NULL);
}

/* The highest migration number compiled in. */
static int
migration_last(void)
{
	const struct dst_embedded	*f;
	int				 n, last = 0;

	for (f = dst_embedded_files; f->path != NULL; f++) {
		n = migration_number(f->path);
		if (n > last)
			last = n;
	}
	return (last);
}

/*
 * Apply one migration in its own transaction.  The version is read again
 * inside the transaction, so that two processes opening the same new file
 * do not both apply it.
 */
static int
migration_apply(struct dst_store *s, const struct dst_embedded *f, int n,
    char **cause)
{
	char	*why = NULL, sql[64];
	int	 version;

	if (dst_exec(s->db, "BEGIN IMMEDIATE", cause) != 0)
		return (-1);
	if (store_user_version(s->db, &version, cause) != 0)
		goto fail;
	if (version >= n) {
		s->schema_version = version;
		return (dst_exec(s->db, "COMMIT", cause));
	}
	if (dst_exec(s->db, (const char *)f->data, &why) != 0) {
		dst_set_cause(cause, "migration %s: %s", f->path, why);
		free(why);
		goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", n);
	if (dst_exec(s->db, sql, cause) != 0)
		goto fail;
	if (dst_exec(s->db, "COMMIT", cause) != 0)
		goto fail;
	s->schema_version = n;
	return (0);

fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return (-1);
}

/* Apply every embedded migration newer than the database, in order. */
static int
store_migrate(struct dst_store *s, char **cause)
{
	const struct dst_embedded	*f;
	int				 n, last;

	if (store_user_version(s->db, &s->schema_version, cause) != 0)
		return (-1);
	last = migration_last();
	if (s->schema_version > last) {
		dst_set_cause(cause, "database schema version %d is newer than "
		    "this program knows (%d)", s->schema_version, last);
		return (-1);
	}
	for (n = s->schema_version + 1; n <= last; n++) {
		if ((f = migration_find(n)) == NULL) {
			dst_set_cause(cause, "migration %d is missing", n);
			return (-1);
		}
		if (migration_apply(s, f, n, cause) != 0)
			return (-1);
	}
	return (0);
}

/* Open, migrate and seed the database at path. */
struct dst_store *
dst_store_open(const char *path, char **cause)
{
	struct dst_store	*s;
	int			 rc;

	if ((s = calloc(1, sizeof *s)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (NULL);
	}
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		dst_set_cause(cause, "%s: %s", path, s->db != NULL ?
		    sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	if (sqlite3_busy_timeout(s->db, 5000) != SQLITE_OK) {
		dst_sql_cause(s->db, path, cause);
		goto fail;
	}
	/* journal_mode answers a row: exec ignores it. */
	if (dst_exec(s->db, "PRAGMA journal_mode = WAL", cause) != 0 ||
	    dst_exec(s->db, "PRAGMA foreign_keys = ON", cause) != 0)
		goto fail;
	if (store_migrate(s, cause) != 0)
		goto fail;
	if (dst_seed(s, cause) != 0)
		goto fail;
	return (s);

fail:
	dst_store_close(s);
	return (NULL);
}

/* Close the store. */
void
dst_store_close(struct dst_store *s)
{
	if (s == NULL)
		return;
	sqlite3_close_v2(s->db);
	free(s);
}

/* The schema version after migrations. */
int
dst_store_schema_version(struct dst_store *s)
{
	return (s->schema_version);
}

/*
 * PRAGMA data_version: changes when another connection (another thread,
 * or `tripmoded keys` in another process) commits to the database.
 */
int
dst_store_data_version(struct dst_store *s)
{
	sqlite3_stmt	*st;
	int		 v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (v);
}
