/*
 * The fixture the Check programs of destinations/ share: one mkdtemp
 * directory per process, fresh database files in it, one-value queries,
 * and a main() that runs a suite and removes the directory.
 */

#ifndef CHECK_UTIL_H
#define CHECK_UTIL_H

#include <stddef.h>

#include <check.h>

struct dst_store;

int			 check_tmpdir_init(const char *);
void			 check_db_path(char *, size_t);
struct dst_store	*check_store_fresh(char *, size_t);
long			 check_sql_long(const char *, const char *);
void			 check_sql_exec(const char *, const char *);
int			 check_run_suite(Suite *);

#endif /* CHECK_UTIL_H */
