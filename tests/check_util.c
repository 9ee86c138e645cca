/*
 * The fixture the Check programs of destinations/ share (see
 * check_util.h).  The helpers run in Check's forked child and fail the
 * test on any error; the directory is made and removed by the parent.
 */

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "destinations/snapshot/snapshot.h"

#include "tests/check_util.h"

static char	tmpdir[PATH_MAX];
static int	dbseq;

/* Make this process's directory, name.XXXXXX under $TMPDIR or /tmp. */
int
check_tmpdir_init(const char *name)
{
	const char	*base;

	base = getenv("TMPDIR");
	if (base == NULL || *base == '\0')
		base = "/tmp";
	if (snprintf(tmpdir, sizeof tmpdir, "%s/%s.XXXXXX", base,
	    name) >= (int)sizeof tmpdir || mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return (-1);
	}
	return (0);
}

/* A fresh database path under tmpdir (unique in this process). */
void
check_db_path(char *buf, size_t len)
{
	int	n;

	n = snprintf(buf, len, "%s/t%d-%d.db", tmpdir, (int)getpid(),
	    dbseq++);
	ck_assert(n > 0 && (size_t)n < len);
}

/* Open a store on a fresh (seeded) file; its path in path. */
struct dst_store *
check_store_fresh(char *path, size_t len)
{
	struct dst_store	*st;
	char			*cause = NULL;

	check_db_path(path, len);
	st = dst_store_open(path, &cause);
	ck_assert_msg(st != NULL, "dst_store_open: %s", cause);
	return (st);
}

/* One integer from a query on the file at path (its own connection). */
long
check_sql_long(const char *path, const char *sql)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*stmt;
	long		 v;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	v = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return (v);
}

/* Run SQL on the file at path (its own connection). */
void
check_sql_exec(const char *path, const char *sql)
{
	sqlite3	*db = NULL;
	char	*msg = NULL;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE,
	    NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK,
	    "%s: %s", sql, msg != NULL ? msg : "?");
	sqlite3_close(db);
}

/* Remove one entry of tmpdir (nftw). */
static int
rm_entry(const char *path, const struct stat *sb, int type, struct FTW *f)
{
	(void)sb;
	(void)type;
	(void)f;
	return (remove(path));
}

/* Run the suite, remove tmpdir; the exit status: 0 if all passed. */
int
check_run_suite(Suite *s)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	nftw(tmpdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	return (failed == 0 ? 0 : 1);
}
