/*
 * The store's connection: opened with the house pragmas, migrated and
 * seeded on first start; the versions and generations readers watch.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"

/* One integer of a query, or -1 with the cause. */
static long long
query_int(sqlite3 *db, const char *sql, const char *what, char **cause)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, what, cause);
		return (-1);
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		dst_sql_cause(db, what, cause);
	sqlite3_finalize(st);
	return (v);
}

/*
 * Refuse a database that is not tripmode's before anything is written to
 * it: one with tables but no schema version, or a schema version without
 * tripmode's meta table.  An empty (or new) file is tripmode's to fill.
 */
static int
ours(sqlite3 *db, const char *path, char **cause)
{
	long long	 version, tables, meta;

	if ((version = query_int(db, "PRAGMA user_version", path,
	    cause)) < 0 ||
	    (tables = query_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table'", path, cause)) < 0 ||
	    (meta = query_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name = 'meta'", path, cause)) < 0)
		return (-1);
	if ((version == 0 && tables > 0) || (version > 0 && meta == 0)) {
		dst_set_cause(cause, "not a tripmode database (%lld table%s, "
		    "schema version %lld, no tripmode tables): it is left as "
		    "it is; give --db a new path or a tripmode database",
		    tables, tables == 1 ? "" : "s", version);
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
	if (ours(s->db, path, cause) != 0)
		goto fail;
	/* journal_mode answers a row: exec ignores it. */
	if (dst_exec(s->db, "PRAGMA journal_mode = WAL", cause) != 0 ||
	    dst_exec(s->db, "PRAGMA foreign_keys = ON", cause) != 0)
		goto fail;
	if (dst_migrate(s, cause) != 0)
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

/* The generations of what a snapshot holds (see store.h). */
int
dst_store_generation(struct dst_store *s, long long *all, long long *geo,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	if ((st = dst_sql_prepare(s->db, "SELECT (SELECT CAST(value AS "
	    "INTEGER) FROM meta WHERE key = 'generation'), (SELECT "
	    "CAST(value AS INTEGER) FROM meta WHERE key = 'geo_generation')",
	    cause, "")) == NULL)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*all = sqlite3_column_int64(st, 0);
		*geo = sqlite3_column_int64(st, 1);
		rc = 0;
	} else
		dst_sql_cause(s->db, "reading the generation", cause);
	sqlite3_finalize(st);
	return (rc);
}
