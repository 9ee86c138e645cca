/*
 * Migrations: the numbered SQL files of store/migrations, compiled in,
 * applied in order, each in its own transaction, with PRAGMA user_version
 * the number of the last one applied.
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"

#define MIGRATION_PREFIX	"store/migrations/"

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
int
dst_migrate(struct dst_store *s, char **cause)
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

