/*
 * SQL helpers: causes from SQLite, statements prepared with their
 * arguments bound, transactions, the time, and the files compiled in.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "destinations/store/store-int.h"

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
	*cause = s != NULL ? dec_utf8_scrub(s) : NULL;
}

/* Fill cause with what SQLite says went wrong while doing what. */
void
dst_sql_cause(sqlite3 *db, const char *what, char **cause)
{
	dst_set_cause(cause, "%s: %s", what, db != NULL ? sqlite3_errmsg(db) :
	    "out of memory");
}

/* The current time as "YYYY-MM-DDTHH:MM:SSZ". */
void
dst_now(char *buf, size_t len)
{
	time_t		t = time(NULL);
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		dec_copy(buf, len, "1970-01-01T00:00:00Z");
}

/* An embedded file by path ("data/policy.json"), or NULL. */
const struct dst_embedded *
dst_embedded_find(const char *path)
{
	const struct dst_embedded	*f;

	for (f = dst_embedded_files; f->path != NULL; f++)
		if (strcmp(f->path, path) == 0)
			return (f);
	return (NULL);
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

/* Prepare sql and bind the arguments (see store-int.h). */
sqlite3_stmt *
dst_sql_prepare(sqlite3 *db, const char *sql, char **cause,
    const char *types, ...)
{
	sqlite3_stmt	*st;
	const char	*s;
	va_list		 ap;
	int		 i, rc = SQLITE_OK;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "database", cause);
		return (NULL);
	}
	va_start(ap, types);
	for (i = 0; types[i] != '\0' && rc == SQLITE_OK; i++) {
		switch (types[i]) {
		case 'i':
			rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 'I':
			rc = sqlite3_bind_int64(st, i + 1,
			    va_arg(ap, long long));
			break;
		case 'd':
			rc = sqlite3_bind_double(st, i + 1,
			    va_arg(ap, double));
			break;
		case 'n':
			s = va_arg(ap, const char *);
			rc = s == NULL || *s == '\0' ? sqlite3_bind_null(st,
			    i + 1) : sqlite3_bind_text(st, i + 1, s, -1,
			    SQLITE_TRANSIENT);
			break;
		default:
			rc = sqlite3_bind_text(st, i + 1, va_arg(ap,
			    const char *), -1, SQLITE_TRANSIENT);
			break;
		}
	}
	va_end(ap);
	if (rc != SQLITE_OK) {
		dst_sql_cause(db, "database", cause);
		sqlite3_finalize(st);
		return (NULL);
	}
	return (st);
}

/* Step a prepared write to its end and finalize it. */
int
dst_sql_done(sqlite3 *db, sqlite3_stmt *st, char **cause)
{
	int	rc;

	if (st == NULL)
		return (-1);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		dst_sql_cause(db, "database", cause);
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* A column's text copied into buf ("" for NULL). */
void
dst_column_copy(sqlite3_stmt *st, int col, char *buf, size_t len)
{
	dec_copy(buf, len, (const char *)sqlite3_column_text(st, col));
}

/* Start a write transaction. */
int
dst_tx_begin(sqlite3 *db, char **cause)
{
	return (dst_exec(db, "BEGIN IMMEDIATE", cause));
}

/* Undo the transaction, if one is open. */
void
dst_tx_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Commit; on failure the transaction is rolled back. */
int
dst_tx_commit(sqlite3 *db, char **cause)
{
	if (dst_exec(db, "COMMIT", cause) != 0) {
		dst_tx_rollback(db);
		return (-1);
	}
	return (0);
}
