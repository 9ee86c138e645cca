/*
 * Unit tests of the list writes (destinations/write.c): add, replace,
 * retire with versions and field-by-field changes, stale versions,
 * validation that names every bad field, imports that are all or nothing
 * and dry runs; and of the CSV reader (daemon/csv.c: BOM, CRLF, ';',
 * quoted line ends, decimal comma, bad UTF-8).
 *
 * Every test opens its own database file under one mkdtemp directory,
 * inside the test function (which runs in Check's forked child).
 */

#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "destinations/destinations.h"
/* The CSV reader lives in the daemon but knows nothing of HTTP: the test
 * links daemon/csv.c as it is. */
#include "daemon/daemon.h"
#include "tests/check_util.h"

/* The shared fixture (tests/check_util.c) under this file's names. */
#define db_path		check_db_path
#define store_fresh	check_store_fresh
#define sql_long	check_sql_long

/* A valid entry from JSON text. */
static struct dst_entry
entry_from(const char *text)
{
	struct dst_entry	e;
	struct dst_errors	errs;
	json_t			*j;

	j = json_loads(text, 0, NULL);
	ck_assert_ptr_nonnull(j);
	ck_assert_msg(dst_entry_validate(j, &e, &errs) == 0, "%s: %s",
	    errs.n ? errs.e[0].field : "?", errs.n ? errs.e[0].message : "?");
	json_decref(j);
	return (e);
}

/* An entry as the seeded list has it now. */
static struct dst_entry
entry_now(struct dst_store *st, const char *id)
{
	struct dst_snapshot	*s;
	const struct dst_entry	*e;
	struct dst_entry	 copy;
	char			*cause = NULL;

	s = dst_snapshot_load(st, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	e = dst_snapshot_find(s, id);
	ck_assert_msg(e != NULL, "no %s", id);
	copy = *e;
	dst_snapshot_unref(s);
	return (copy);
}

/* Does the snapshot have this id? */
static int
entry_exists(struct dst_store *st, const char *id)
{
	struct dst_snapshot	*s;
	char			*cause = NULL;
	int			 found;

	s = dst_snapshot_load(st, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	found = dst_snapshot_find(s, id) != NULL;
	dst_snapshot_unref(s);
	return (found);
}

/* Is field among the errors? */
static int
has_error(const struct dst_errors *errs, const char *field)
{
	int	i;

	for (i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, field) == 0)
			return (1);
	return (0);
}

#define HASSELT	"{\"id\":\"hasselt\",\"name\":\"Hasselt\",\"country\":\"BE\"," \
	"\"lat\":50.9307,\"lon\":5.3378,\"mode\":\"train\"," \
	"\"strength\":\"recommended\",\"rail_hours\":1.5," \
	"\"rail_source\":\"NMBS\",\"notes\":\"a, \\\"b\\\"\\nc \u00e9\"}"

/* --- writes ------------------------------------------------------------ */

START_TEST(test_create)
{
	struct dst_store	*st;
	struct dst_write_result	 res;
	struct dst_entry	 e, now;
	json_t			*h, *v;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	e = entry_from(HASSELT);
	ck_assert_int_eq(dst_destination_create(st, &e, "alice", &res,
	    &cause), 0);
	ck_assert_int_eq(res.status, DST_WRITE_OK);
	ck_assert_int_eq(res.changed, 1);
	ck_assert_int_eq(res.entry.version, 1);
	ck_assert_str_eq(res.entry.updated_by, "alice");
	ck_assert_int_eq((int)strlen(res.entry.updated_at), 20);
	ck_assert_int_eq(res.entry.updated_at[19], 'Z');

	now = entry_now(st, "hasselt");
	ck_assert_str_eq(now.name, "Hasselt");
	ck_assert_str_eq(now.notes, "a, \"b\"\nc \u00e9");
	ck_assert_double_eq(now.rail_hours, 1.5);
	ck_assert_int_eq(now.version, 1);
	ck_assert_str_eq(now.updated_by, "alice");

	h = dst_destination_history(st, "hasselt", &cause);
	ck_assert_ptr_nonnull(h);
	ck_assert_uint_eq(json_array_size(json_object_get(h, "versions")), 1);
	v = json_array_get(json_object_get(h, "versions"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(v, "action")),
	    "create");
	ck_assert_str_eq(json_string_value(json_object_get(v, "changed_by")),
	    "alice");
	ck_assert_uint_eq(json_object_size(json_object_get(v, "changes")), 0);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(v,
	    "entry"), "name")), "Hasselt");
	json_decref(h);

	/* Taken, retired ones included. */
	cause = NULL;
	ck_assert_int_eq(dst_destination_create(st, &e, "bob", &res, &cause),
	    -1);
	ck_assert_int_eq(res.status, DST_WRITE_EXISTS);
	ck_assert_ptr_nonnull(cause);
	free(cause);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions WHERE id = 'hasselt'"), 1);

	/* No key name yet: "anonymous". */
	e = entry_from("{\"id\":\"genk\",\"name\":\"Genk\",\"country\":\"BE\","
	    "\"lat\":50.96,\"lon\":5.5,\"mode\":\"train\","
	    "\"strength\":\"free\"}");
	ck_assert_int_eq(dst_destination_create(st, &e, "", &res, &cause), 0);
	ck_assert_str_eq(res.entry.updated_by, "anonymous");
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions WHERE id = 'genk' AND changed_by = "
	    "'anonymous'"), 1);
	dst_store_close(st);
}
END_TEST

START_TEST(test_update_versions)
{
	struct dst_store	*st;
	struct dst_write_result	 res;
	struct dst_entry	 e, now;
	json_t			*h, *v, *ch;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	e = entry_now(st, "cologne");
	ck_assert_int_eq(e.version, 1);
	e.rail_hours = 2.5;
	snprintf(e.notes, sizeof e.notes, "ICE 3; \"Sprinter\"");
	ck_assert_int_eq(dst_destination_update(st, &e, 1, "alice", &res,
	    &cause), 0);
	ck_assert_int_eq(res.changed, 1);
	ck_assert_int_eq(res.entry.version, 2);
	now = entry_now(st, "cologne");
	ck_assert_int_eq(now.version, 2);
	ck_assert_double_eq(now.rail_hours, 2.5);
	ck_assert_str_eq(now.updated_by, "alice");
	ck_assert_str_eq(now.name, "Köln");

	h = dst_destination_history(st, "cologne", &cause);
	ck_assert_ptr_nonnull(h);
	ck_assert_uint_eq(json_array_size(json_object_get(h, "versions")), 2);
	v = json_array_get(json_object_get(h, "versions"), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(v, "version")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(v, "action")),
	    "update");
	ck_assert_str_eq(json_string_value(json_object_get(v, "changed_by")),
	    "alice");
	ch = json_object_get(v, "changes");
	ck_assert_uint_eq(json_object_size(ch), 2);
	ck_assert_double_eq(json_real_value(json_object_get(json_object_get(ch,
	    "rail_hours"), "from")), 2.3);
	ck_assert_double_eq(json_real_value(json_object_get(json_object_get(ch,
	    "rail_hours"), "to")), 2.5);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(ch,
	    "notes"), "from")), "");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(ch,
	    "notes"), "to")), "ICE 3; \"Sprinter\"");
	ck_assert_double_eq(json_real_value(json_object_get(json_object_get(v,
	    "entry"), "rail_hours")), 2.5);
	json_decref(h);

	/* The same again: nothing written, same version. */
	ck_assert_int_eq(dst_destination_update(st, &e, 2, "bob", &res,
	    &cause), 0);
	ck_assert_int_eq(res.changed, 0);
	ck_assert_int_eq(res.entry.version, 2);
	ck_assert_str_eq(res.entry.updated_by, "alice");
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions WHERE id = 'cologne'"), 2);

	/* Expected 0: whatever the version is. */
	e.rail_hours = -1;
	e.rail_source[0] = '\0';
	ck_assert_int_eq(dst_destination_update(st, &e, 0, "carol", &res,
	    &cause), 0);
	ck_assert_int_eq(res.entry.version, 3);
	ck_assert_int_eq(sql_long(path, "SELECT rail_hours IS NULL FROM "
	    "destinations WHERE id = 'cologne'"), 1);
	dst_store_close(st);
}
END_TEST

START_TEST(test_stale)
{
	struct dst_store	*st;
	struct dst_write_result	 res;
	struct dst_entry	 e, mine;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	e = entry_now(st, "paris");
	mine = e;
	e.night_train = 1;
	ck_assert_int_eq(dst_destination_update(st, &e, 1, "alice", &res,
	    &cause), 0);
	ck_assert_int_eq(res.entry.version, 2);

	/* Bob edited version 1 too: refused, told who and when. */
	mine.rail_hours = 9;
	ck_assert_int_eq(dst_destination_update(st, &mine, 1, "bob", &res,
	    &cause), -1);
	ck_assert_int_eq(res.status, DST_WRITE_STALE);
	ck_assert_int_eq(res.entry.version, 2);
	ck_assert_str_eq(res.entry.updated_by, "alice");
	ck_assert_str_eq(res.entry.updated_at, entry_now(st,
	    "paris").updated_at);
	ck_assert_ptr_nonnull(strstr(cause, "alice"));
	ck_assert_ptr_nonnull(strstr(cause, "version 2"));
	free(cause);
	cause = NULL;
	ck_assert_double_ne(entry_now(st, "paris").rail_hours, 9);
	ck_assert_int_eq(entry_now(st, "paris").version, 2);

	/* Retire checks the version too. */
	ck_assert_int_eq(dst_destination_retire(st, "paris", 1, 20000, "bob",
	    &res, &cause), -1);
	ck_assert_int_eq(res.status, DST_WRITE_STALE);
	free(cause);
	cause = NULL;

	/* Unknown ids. */
	snprintf(mine.id, sizeof mine.id, "atlantis");
	ck_assert_int_eq(dst_destination_update(st, &mine, 0, "bob", &res,
	    &cause), -1);
	ck_assert_int_eq(res.status, DST_WRITE_NOT_FOUND);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(dst_destination_retire(st, "atlantis", 0, 20000,
	    "bob", &res, &cause), -1);
	ck_assert_int_eq(res.status, DST_WRITE_NOT_FOUND);
	free(cause);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions WHERE id = 'paris'"), 2);
	dst_store_close(st);
}
END_TEST

START_TEST(test_retire)
{
	struct dst_store	*st;
	struct dst_write_result	 res;
	struct dst_entry	 now;
	json_t			*h, *v, *ch;
	long			 day;
	char			 path[PATH_MAX], date[16], *cause = NULL;

	st = store_fresh(path, sizeof path);
	ck_assert_int_eq(dec_date_parse("2026-11-27", &day), 0);
	ck_assert_int_eq(dst_destination_retire(st, "cologne", 1, day, "ops",
	    &res, &cause), 0);
	ck_assert_int_eq(res.entry.version, 2);
	now = entry_now(st, "cologne");
	ck_assert_int_eq(now.retired, day);
	ck_assert_int_eq(dst_entry_active(&now, day - 1), 1);
	ck_assert_int_eq(dst_entry_active(&now, day), 0);
	ck_assert_int_eq(sql_long(path, "SELECT retired = '2026-11-27' FROM "
	    "destinations WHERE id = 'cologne'"), 1);

	h = dst_destination_history(st, "cologne", &cause);
	v = json_array_get(json_object_get(h, "versions"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(v, "action")),
	    "retire");
	ch = json_object_get(json_object_get(v, "changes"), "retired");
	ck_assert(json_is_null(json_object_get(ch, "from")));
	ck_assert_str_eq(json_string_value(json_object_get(ch, "to")),
	    "2026-11-27");
	json_decref(h);

	ck_assert_int_eq(dst_destination_retire(st, "cologne", 0, day + 3,
	    "ops", &res, &cause), -1);
	ck_assert_int_eq(res.status, DST_WRITE_RETIRED);
	free(cause);
	cause = NULL;

	/* Not active yet: retiring would end before it starts. */
	now = entry_from("{\"id\":\"later\",\"name\":\"Later\",\"country\":"
	    "\"FR\",\"lat\":48,\"lon\":2,\"mode\":\"train\",\"strength\":"
	    "\"free\",\"active_from\":\"2027-01-01\"}");
	ck_assert_int_eq(dst_destination_create(st, &now, "ops", &res,
	    &cause), 0);
	ck_assert_int_eq(dst_destination_retire(st, "later", 0, day, "ops",
	    &res, &cause), -1);
	ck_assert_int_eq(res.status, DST_WRITE_NOT_ACTIVE);
	free(cause);
	dec_date_format(day, date, sizeof date);
	ck_assert_str_eq(date, "2026-11-27");
	dst_store_close(st);
}
END_TEST

START_TEST(test_validation)
{
	struct dst_entry	 e;
	struct dst_errors	 errs;
	json_t			*j;
	static const char *const bad[] = { "id", "name", "aliases", "country",
	    "lat", "lon", "mode", "strength", "rail_hours", "rail_source_date",
	    "active_from", NULL };
	int			 i;

	/* Every bad field is named, not just the first. */
	j = json_loads("{\"id\":\"Bad Id\",\"name\":\"  \",\"aliases\":"
	    "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"],"
	    "\"country\":\"XX\",\"lat\":91,\"lon\":-181,\"mode\":\"bike\","
	    "\"strength\":\"must\",\"rail_hours\":-2,\"rail_source_date\":"
	    "\"2026-02-30\",\"active_from\":\"27/11/2026\"}", 0, NULL);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(dst_entry_validate(j, &e, &errs), -1);
	for (i = 0; bad[i] != NULL; i++)
		ck_assert_msg(has_error(&errs, bad[i]), "%s not named", bad[i]);
	ck_assert_int_eq(errs.n, 11);
	ck_assert_int_eq(errs.structural, 0);
	json_decref(j);

	/* Unknown members and wrong types are structural (400). */
	j = json_loads("{\"id\":\"x\",\"name\":\"X\",\"country\":\"DE\","
	    "\"lat\":\"50\",\"lon\":6,\"mode\":\"train\",\"strength\":\"free\","
	    "\"night_train\":\"yes\",\"colour\":\"red\"}", 0, NULL);
	ck_assert_int_eq(dst_entry_validate(j, &e, &errs), -1);
	ck_assert_int_eq(errs.structural, 1);
	ck_assert(has_error(&errs, "lat"));
	ck_assert(has_error(&errs, "night_train"));
	ck_assert(has_error(&errs, "colour"));
	ck_assert_int_eq(errs.n, 3);
	json_decref(j);

	/* Missing required ones, rail_source with rail_hours, dates in order,
	 * '|' in an alias, the reserved id. */
	j = json_loads("{\"id\":\"import\",\"aliases\":[\"a|b\"],"
	    "\"rail_hours\":3,\"active_from\":\"2026-05-01\","
	    "\"retired\":\"2026-05-01\"}", 0, NULL);
	ck_assert_int_eq(dst_entry_validate(j, &e, &errs), -1);
	ck_assert(has_error(&errs, "id"));
	ck_assert(has_error(&errs, "name"));
	ck_assert(has_error(&errs, "country"));
	ck_assert(has_error(&errs, "lat"));
	ck_assert(has_error(&errs, "lon"));
	ck_assert(has_error(&errs, "mode"));
	ck_assert(has_error(&errs, "strength"));
	ck_assert(has_error(&errs, "rail_source"));
	ck_assert(has_error(&errs, "retired"));
	ck_assert(has_error(&errs, "aliases"));
	ck_assert_int_eq(errs.n, 10);
	json_decref(j);

	/* Read-only members are accepted and ignored. */
	j = json_loads("{\"id\":\"x\",\"name\":\"X\",\"country\":\"DE\","
	    "\"lat\":50,\"lon\":6,\"mode\":\"train\",\"strength\":\"free\","
	    "\"rail_hours\":null,\"version\":7,\"updated_at\":\"then\","
	    "\"updated_by\":\"someone\",\"distance_km\":12.5,"
	    "\"in_rail_zone\":true,\"aliases\":[\"Ix\"],\"retired\":null}", 0,
	    NULL);
	ck_assert_int_eq(dst_entry_validate(j, &e, &errs), 0);
	ck_assert_int_eq(errs.n, 0);
	ck_assert_str_eq(e.id, "x");
	ck_assert_double_eq(e.rail_hours, -1);
	ck_assert_int_eq(e.naliases, 1);
	ck_assert_str_eq(e.aliases[0], "Ix");
	ck_assert_str_eq(e.updated_by, "");
	ck_assert_int_eq(e.retired, LONG_MAX);
	json_decref(j);

	/* Not an object. */
	j = json_loads("[1]", 0, NULL);
	ck_assert_int_eq(dst_entry_validate(j, &e, &errs), -1);
	ck_assert_int_eq(errs.structural, 1);
	json_decref(j);
}
END_TEST

START_TEST(test_import)
{
	struct dst_store	*st;
	struct dst_entry	 e[3];
	json_t			*rep;
	char			 path[PATH_MAX], *cause = NULL;
	long			 versions;

	st = store_fresh(path, sizeof path);
	e[0] = entry_from(HASSELT);			/* new */
	e[1] = entry_now(st, "cologne");		/* changed */
	e[1].night_train = 1;
	snprintf(e[1].night_train_note, sizeof e[1].night_train_note,
	    "ÖBB Nightjet");
	e[2] = entry_now(st, "paris");			/* as it is */
	versions = sql_long(path, "SELECT count(*) FROM destination_versions");

	/* Dry run: the exact report, nothing stored. */
	rep = dst_destination_import(st, e, 3, 1, "ops", &cause);
	ck_assert_msg(rep != NULL, "%s", cause);
	ck_assert(json_is_true(json_object_get(rep, "dry_run")));
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(rep,
	    "created"), 0)), "hasselt");
	ck_assert_uint_eq(json_array_size(json_object_get(rep, "created")), 1);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(rep,
	    "updated"), 0)), "cologne");
	ck_assert_uint_eq(json_array_size(json_object_get(rep, "updated")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(rep, "unchanged")),
	    1);
	ck_assert_int_eq(json_integer_value(json_object_get(rep, "rows")), 3);
	json_decref(rep);
	ck_assert_int_eq(entry_exists(st, "hasselt"), 0);
	ck_assert_int_eq(entry_now(st, "cologne").night_train, 0);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions"), versions);

	/* For real. */
	rep = dst_destination_import(st, e, 3, 0, "ops", &cause);
	ck_assert_msg(rep != NULL, "%s", cause);
	ck_assert(json_is_false(json_object_get(rep, "dry_run")));
	json_decref(rep);
	ck_assert_int_eq(entry_exists(st, "hasselt"), 1);
	ck_assert_int_eq(entry_now(st, "cologne").night_train, 1);
	ck_assert_int_eq(entry_now(st, "cologne").version, 2);
	ck_assert_int_eq(entry_now(st, "paris").version, 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions"), versions + 2);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions WHERE id = 'cologne' AND version = 2 AND "
	    "changed_by = 'ops' AND json_extract(changes, '$.action') = "
	    "'import' AND json_extract(changes, '$.fields.night_train.to') = 1 "
	    "AND json_extract(changes, '$.fields.night_train_note.to') = "
	    "'ÖBB Nightjet'"), 1);

	/* Again: all unchanged. */
	rep = dst_destination_import(st, e, 3, 0, "ops", &cause);
	ck_assert_int_eq(json_integer_value(json_object_get(rep, "unchanged")),
	    3);
	json_decref(rep);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions"), versions + 2);
	dst_store_close(st);
}
END_TEST

START_TEST(test_import_all_or_nothing)
{
	struct dst_store	*st;
	struct dst_entry	 e[3];
	json_t			*rep;
	char			 path[PATH_MAX], *cause = NULL;
	long			 versions;

	st = store_fresh(path, sizeof path);
	e[0] = entry_from(HASSELT);
	e[1] = entry_now(st, "cologne");
	e[1].rail_hours = 2.4;
	/* A row the database refuses, after two good ones. */
	e[2] = entry_now(st, "paris");
	e[2].lat = 123;
	versions = sql_long(path, "SELECT count(*) FROM destination_versions");
	ck_assert_ptr_null(dst_destination_import(st, e, 3, 0, "ops",
	    &cause));
	ck_assert_ptr_nonnull(cause);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(entry_exists(st, "hasselt"), 0);
	ck_assert_double_eq(entry_now(st, "cologne").rail_hours, 2.3);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions"), versions);

	/* The same id twice: refused before anything. */
	e[2] = e[0];
	ck_assert_ptr_null(dst_destination_import(st, e, 3, 0, "ops",
	    &cause));
	ck_assert_ptr_nonnull(strstr(cause, "hasselt"));
	free(cause);
	ck_assert_int_eq(entry_exists(st, "hasselt"), 0);

	/* The store is usable afterwards (no transaction left open). */
	rep = dst_destination_import(st, e, 2, 0, "ops", &cause);
	ck_assert_msg(rep != NULL, "%s", cause);
	json_decref(rep);
	ck_assert_int_eq(entry_exists(st, "hasselt"), 1);
	dst_store_close(st);
}
END_TEST

/* --- CSV ----------------------------------------------------------------- */

/* A string literal and its length (it may hold NUL bytes). */
#define LIT(s)	(s), (sizeof(s) - 1)

/* The text of field f of record r. */
#define FIELD(c, r, f)	((c).records[(r)].fields[(f)])

START_TEST(test_csv_excel)
{
	static const char text[] = "\xef\xbb\xbf" "id;name;notes\r\n"
	    "a;\"K\xc3\xb6ln, \"\"Dom\"\"\";\"line 1\r\nline 2\"\r\n"
	    "b;Li\xc3\xa8ge;\r\n";
	struct csv	 c;
	json_t		*errors = json_array();

	ck_assert_int_eq(csv_read(text, sizeof text - 1, &c, errors), 0);
	ck_assert_int_eq(c.sep, ';');
	ck_assert_uint_eq(c.nrecords, 3);
	ck_assert_str_eq(FIELD(c, 0, 0), "id");		/* no BOM */
	ck_assert_str_eq(FIELD(c, 1, 1), "K\xc3\xb6ln, \"Dom\"");
	ck_assert_str_eq(FIELD(c, 1, 2), "line 1\r\nline 2");
	ck_assert_int_eq(c.records[2].row, 3);
	ck_assert_uint_eq(c.records[2].nfields, 3);
	ck_assert_str_eq(FIELD(c, 2, 2), "");
	csv_free(&c);
	ck_assert_uint_eq(json_array_size(errors), 0);
	json_decref(errors);
}
END_TEST

START_TEST(test_csv_plain)
{
	/* LF, ',', a quoted newline, blank lines counted as rows, no final
	 * newline, a trailing empty field. */
	static const char text[] = "id,name\n\"x\",\"a\nb\"\n\ny,\n\"z\",\"\"";
	struct csv	 c;
	json_t		*errors = json_array();

	ck_assert_int_eq(csv_read(text, sizeof text - 1, &c, errors), 0);
	ck_assert_int_eq(c.sep, ',');
	ck_assert_uint_eq(c.nrecords, 4);
	ck_assert_str_eq(FIELD(c, 1, 1), "a\nb");
	ck_assert_int_eq(c.records[1].row, 2);
	ck_assert_int_eq(c.records[2].row, 4);
	ck_assert_str_eq(FIELD(c, 2, 0), "y");
	ck_assert_str_eq(FIELD(c, 2, 1), "");
	ck_assert_str_eq(FIELD(c, 3, 0), "z");
	ck_assert_str_eq(FIELD(c, 3, 1), "");
	csv_free(&c);

	/* Excel's sep= line; CR-only line ends. */
	ck_assert_int_eq(csv_read(LIT("sep=;\r\na,b;c\rd;e"), &c, errors), 0);
	ck_assert_int_eq(c.sep, ';');
	ck_assert_uint_eq(c.nrecords, 2);
	ck_assert_int_eq(c.records[0].row, 1);
	ck_assert_str_eq(FIELD(c, 0, 0), "a,b");
	ck_assert_str_eq(FIELD(c, 1, 1), "e");
	csv_free(&c);
	ck_assert_uint_eq(json_array_size(errors), 0);
	json_decref(errors);
}
END_TEST

START_TEST(test_csv_errors)
{
	struct csv	 c;
	json_t		*errors, *e;

	/* Latin-1 (Excel's plain "CSV"): the row and the column named. */
	errors = json_array();
	ck_assert_int_eq(csv_read(LIT("id,name\nok,Ok\nx,Li\xe8ge\n"), &c,
	    errors), -1);
	ck_assert_uint_eq(json_array_size(errors), 1);
	e = json_array_get(errors, 0);
	ck_assert_int_eq(json_integer_value(json_object_get(e, "row")), 3);
	ck_assert_str_eq(json_string_value(json_object_get(e, "column")),
	    "name");
	ck_assert_str_eq(json_string_value(json_object_get(e, "field")),
	    "row 3: name");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(e,
	    "message")), "UTF-8"));
	json_decref(errors);

	/* Overlong and surrogate forms are not UTF-8 either. */
	errors = json_array();
	ck_assert_int_eq(csv_read(LIT("a\n\xc0\xaf\n\xed\xa0\x80\n"), &c,
	    errors), -1);
	ck_assert_uint_eq(json_array_size(errors), 2);
	json_decref(errors);

	/* An unclosed quote names the row it started on. */
	errors = json_array();
	ck_assert_int_eq(csv_read(LIT("a,b\n1,\"2\n3,4\n"), &c, errors), -1);
	e = json_array_get(errors, 0);
	ck_assert_int_eq(json_integer_value(json_object_get(e, "row")), 2);
	json_decref(errors);

	/* Text after a closing quote; UTF-16; a NUL byte. */
	errors = json_array();
	ck_assert_int_eq(csv_read(LIT("a,b\n\"1\"x,2\n"), &c, errors), -1);
	ck_assert_int_eq(csv_read(LIT("\xff\xfe" "a\0"), &c, errors), -1);
	ck_assert_int_eq(csv_read(LIT("a,b\n1,2\0\n"), &c, errors), -1);
	ck_assert_uint_eq(json_array_size(errors), 3);
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
	    json_array_get(errors, 1), "message")), "UTF-16"));
	json_decref(errors);
}
END_TEST

#define ENTRY_HEADER "id;name;country;lat;lon;mode;strength;rail_hours;" \
	"rail_source;night_train;aliases;distance_km;version;" \
	"rail_source_date\r\n"

START_TEST(test_csv_entries)
{
	static const char text[] = "\xef\xbb\xbf" ENTRY_HEADER
	    "hasselt;Hasselt;BE;50,9307;5,3378;train;recommended;1,5;NMBS;"
	    "WAAR;Hasselt centrum | Hasselt-Centrum;99,1;4;27/11/2026\r\n"
	    ";;;;;;;;;;;;;\r\n"
	    "genk; Genk ;BE ;50.96;5.5;train;free;;;Faux;;;;2026-11-03\r\n";
	struct dst_entry	 e;
	struct dst_errors	 errs;
	json_t			*errors = json_array(), *list, *o;
	int			*rows;

	ck_assert_int_eq(csv_entries(text, sizeof text - 1, &list, &rows,
	    errors), 0);
	ck_assert_uint_eq(json_array_size(errors), 0);
	ck_assert_uint_eq(json_array_size(list), 2);
	ck_assert_int_eq(rows[0], 2);
	ck_assert_int_eq(rows[1], 4);			/* blank row 3 */

	o = json_array_get(list, 0);
	ck_assert_double_eq(json_real_value(json_object_get(o, "lat")),
	    50.9307);
	ck_assert_double_eq(json_real_value(json_object_get(o, "rail_hours")),
	    1.5);
	ck_assert(json_is_true(json_object_get(o, "night_train")));
	ck_assert_uint_eq(json_array_size(json_object_get(o, "aliases")), 2);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(o,
	    "aliases"), 1)), "Hasselt-Centrum");
	ck_assert_ptr_null(json_object_get(o, "distance_km"));	/* ignored */
	ck_assert_ptr_null(json_object_get(o, "version"));
	ck_assert_str_eq(json_string_value(json_object_get(o,
	    "rail_source_date")), "2026-11-27");		/* day first */
	ck_assert_int_eq(dst_entry_validate(o, &e, &errs), 0);
	ck_assert_double_eq(e.lon, 5.3378);

	o = json_array_get(list, 1);
	ck_assert_str_eq(json_string_value(json_object_get(o, "name")),
	    " Genk ");					/* names as written */
	ck_assert_str_eq(json_string_value(json_object_get(o, "country")),
	    "BE");
	ck_assert(json_is_null(json_object_get(o, "rail_hours")));
	ck_assert(json_is_false(json_object_get(o, "night_train")));
	ck_assert_str_eq(json_string_value(json_object_get(o,
	    "rail_source_date")), "2026-11-03");
	ck_assert_int_eq(dst_entry_validate(o, &e, &errs), 0);
	ck_assert_double_eq(e.rail_hours, -1);
	json_decref(list);
	free(rows);
	json_decref(errors);
}
END_TEST

START_TEST(test_csv_entries_errors)
{
	struct dst_entry	 entry;
	struct dst_errors	 errs;
	json_t			*errors, *list, *e;
	int			*rows;

	/* A decimal comma only with ';' (with ',' it splits the field). */
	errors = json_array();
	ck_assert_int_eq(csv_entries(LIT("id,name,country,lat,lon,mode,strength\n"
	    "a,A,DE,\"50,1\",6,train,free\n"), &list, &rows, errors), 0);
	ck_assert_uint_eq(json_array_size(errors), 1);
	e = json_array_get(errors, 0);
	ck_assert_str_eq(json_string_value(json_object_get(e, "field")),
	    "row 2: lat");
	json_decref(list);
	free(rows);
	json_decref(errors);

	/* Day-first dates only with ';' too: with ',' they stay as written
	 * (and validation names them). */
	errors = json_array();
	ck_assert_int_eq(csv_entries(LIT("id,name,country,lat,lon,mode,"
	    "strength,active_from\nx,X,DE,50,6,train,free,27/11/2026\n"),
	    &list, &rows, errors), 0);
	ck_assert_uint_eq(json_array_size(errors), 0);
	e = json_array_get(list, 0);
	ck_assert_str_eq(json_string_value(json_object_get(e, "active_from")),
	    "27/11/2026");
	ck_assert_int_eq(dst_entry_validate(e, &entry, &errs), -1);
	ck_assert_int_eq(errs.n, 1);
	ck_assert_str_eq(errs.e[0].field, "active_from");
	json_decref(list);
	free(rows);
	json_decref(errors);

	/* Header: unknown, duplicate and missing columns, all named. */
	errors = json_array();
	ck_assert_int_eq(csv_entries(LIT("id,name,colour,name,lat,lon,mode,"
	    "strength\n"), &list, &rows, errors), -1);
	ck_assert_uint_eq(json_array_size(errors), 3);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    errors, 0), "column")), "colour");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    errors, 1), "column")), "name");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    errors, 2), "column")), "country");
	json_decref(errors);

	/* Rows: wrong counts, bad numbers and booleans, every one. */
	errors = json_array();
	ck_assert_int_eq(csv_entries(LIT("id;name;country;lat;lon;mode;strength;"
	    "night_train\n"
	    "a;A;DE;x;6;train;free;maybe\n"
	    "b;B;DE\n"
	    "c;C;DE;1;2;train;free;1;;;extra\n"
	    "d;D;DE;1;2;train;free;1;;\n"), &list, &rows, errors), 0);
	ck_assert_uint_eq(json_array_size(errors), 4);
	ck_assert_uint_eq(json_array_size(list), 2);	/* a and d */
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    errors, 0), "field")), "row 2: lat");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    errors, 1), "field")), "row 2: night_train");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    errors, 2), "field")), "row 3");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    errors, 3), "field")), "row 4");
	json_decref(list);
	free(rows);
	json_decref(errors);
}
END_TEST

/*
 * What the export writes (the header and values of jsonio_entries_csv)
 * comes back unchanged, with quotes, separators, line ends and non-ASCII
 * in the names and notes.
 */
START_TEST(test_csv_round_trip)
{
	static const char text[] = "id,name,name_nl,name_en,aliases,country,"
	    "lat,lon,coord_source,mode,strength,rail_hours,rail_estimated,"
	    "rail_source,rail_source_date,night_train,night_train_note,notes,"
	    "active_from,retired,distance_km,in_rail_zone,version,updated_at,"
	    "updated_by\r\n"
	    "hasselt,Hasselt,Hasselt,Hasselt,,BE,50.9307,5.3378,,train,"
	    "recommended,1.5,false,NMBS,,false,,\"a, \"\"b\"\"\nc \xc3\xa9\","
	    ",,70.2,true,1,2026-11-27T17:00:00Z,ops\r\n";
	struct dst_store	*st;
	struct dst_write_result	 res;
	struct dst_entry	 e;
	struct dst_errors	 errs;
	json_t			*errors = json_array(), *list, *rep;
	int			*rows;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	e = entry_from(HASSELT);
	snprintf(e.name_nl, sizeof e.name_nl, "Hasselt");
	snprintf(e.name_en, sizeof e.name_en, "Hasselt");
	ck_assert_int_eq(dst_destination_create(st, &e, "ops", &res, &cause),
	    0);
	ck_assert_int_eq(csv_entries(text, sizeof text - 1, &list, &rows,
	    errors), 0);
	ck_assert_uint_eq(json_array_size(errors), 0);
	ck_assert_int_eq(dst_entry_validate(json_array_get(list, 0), &e,
	    &errs), 0);
	rep = dst_destination_import(st, &e, 1, 0, "ops", &cause);
	ck_assert_msg(rep != NULL, "%s", cause);
	ck_assert_int_eq(json_integer_value(json_object_get(rep, "unchanged")),
	    1);
	json_decref(rep);
	ck_assert_int_eq(entry_now(st, "hasselt").version, 1);
	json_decref(list);
	free(rows);
	json_decref(errors);
	dst_store_close(st);
}
END_TEST

/* The tests, by what they test. */
static Suite *
write_suite(void)
{
	Suite	*s = suite_create("write");
	TCase	*tc;

	tc = tcase_create("store");
	tcase_add_test(tc, test_create);
	tcase_add_test(tc, test_update_versions);
	tcase_add_test(tc, test_stale);
	tcase_add_test(tc, test_retire);
	tcase_add_test(tc, test_validation);
	tcase_add_test(tc, test_import);
	tcase_add_test(tc, test_import_all_or_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("csv");
	tcase_add_test(tc, test_csv_excel);
	tcase_add_test(tc, test_csv_plain);
	tcase_add_test(tc, test_csv_errors);
	tcase_add_test(tc, test_csv_entries);
	tcase_add_test(tc, test_csv_entries_errors);
	tcase_add_test(tc, test_csv_round_trip);
	suite_add_tcase(s, tc);
	return (s);
}

/* Run the suite in a fresh temporary directory. */
int
main(void)
{
	if (check_tmpdir_init("check_write") == -1)
		return (1);
	return (check_run_suite(write_suite()));
}
