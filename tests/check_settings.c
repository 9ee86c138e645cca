/*
 * Unit tests of the versioned settings (destinations/settings.c): the
 * policy, the factor sets and the zones; versions, stale writes, every
 * error listed, history, and what the next snapshot sees.
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
#include "tests/check_util.h"

/* The shared fixture (tests/check_util.c) under this file's names. */
#define store_fresh	check_store_fresh
#define sql_long	check_sql_long

/* Dublin is outside the seeded rail zone (SPEC §2: not Ireland). */
#define DUBLIN_LAT	53.3498
#define DUBLIN_LON	-6.2603

/* A box around the island of Ireland, clear of Great Britain. */
#define IRELAND_RING \
	"[[-10.6,51.4],[-6.1,51.4],[-6.1,55.4],[-10.6,55.4],[-10.6,51.4]]"
#define BOWTIE \
	"{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\"," \
	"\"coordinates\":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}}"

/* One text from a query on the file at path, malloc'd. */
static char *
sql_text(const char *path, const char *sql)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*stmt;
	char		*v;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(stmt), SQLITE_ROW);
	v = strdup((const char *)sqlite3_column_text(stmt, 0));
	ck_assert_ptr_nonnull(v);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return (v);
}

/* Serialize and drop a document. */
static char *
dump(json_t *doc)
{
	char	*s;

	s = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15));
	ck_assert_ptr_nonnull(s);
	json_decref(doc);
	return (s);
}

/* The current policy as GET shows it (read-only members included). */
static json_t *
policy_now(struct dst_store *st)
{
	json_t	*doc;
	char	*cause = NULL;

	ck_assert_msg(dst_policy_current(st, &doc, &cause) == 0, "%s", cause);
	return (doc);
}

/* The current factor set as GET shows it. */
static json_t *
factors_now(struct dst_store *st)
{
	json_t	*doc;
	char	*cause = NULL;

	ck_assert_msg(dst_factors_current(st, &doc, &cause) == 0, "%s", cause);
	return (doc);
}

/* Put a policy text; the call must not fail. */
static void
policy_put(struct dst_store *st, const char *body, int expected,
    struct dst_settings_result *res)
{
	char	*cause = NULL;

	ck_assert_msg(dst_policy_put(st, body, strlen(body), expected, "ops",
	    res, &cause) == 0, "%s", cause);
}

/* Put a factor-set text. */
static void
factors_put(struct dst_store *st, const char *body, int expected,
    struct dst_settings_result *res)
{
	char	*cause = NULL;

	ck_assert_msg(dst_factors_put(st, body, strlen(body), expected, "ops",
	    res, &cause) == 0, "%s", cause);
}

/* Put a zone text. */
static void
zone_put(struct dst_store *st, const char *id, const char *body, int expected,
    struct dst_settings_result *res)
{
	char	*cause = NULL;

	ck_assert_msg(dst_zone_put(st, id, body, strlen(body), expected, "ops",
	    res, &cause) == 0, "%s", cause);
}

/* Is there an error naming field (and, if not NULL, saying words)? */
static int
has_error(const struct dst_settings_result *res, const char *field,
    const char *words)
{
	json_t		*e;
	const char	*f, *m;
	size_t		 i;

	json_array_foreach(res->errors, i, e) {
		f = json_string_value(json_object_get(e, "field"));
		m = json_string_value(json_object_get(e, "message"));
		if (f != NULL && strcmp(f, field) == 0 &&
		    (words == NULL || (m != NULL && strstr(m, words) != NULL)))
			return (1);
	}
	return (0);
}

/* The errors as text, for failure messages. */
static const char *
errors_text(const struct dst_settings_result *res)
{
	static char	buf[4096];
	char		*s;

	s = res->errors != NULL ? json_dumps(res->errors, JSON_COMPACT) : NULL;
	snprintf(buf, sizeof buf, "%s", s != NULL ? s : "(none)");
	free(s);
	return (buf);
}

/* A snapshot of the store as it is now. */
static struct dst_snapshot *
snapshot(struct dst_store *st)
{
	struct dst_snapshot	*s;
	char			*cause = NULL;

	s = dst_snapshot_load(st, &cause);
	ck_assert_msg(s != NULL, "dst_snapshot_load: %s", cause);
	return (s);
}

/* --- policy ------------------------------------------------------------- */

START_TEST(test_policy_put_version_history)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	struct dst_snapshot		*s;
	json_t				*doc, *h, *v2, *c;
	char				 path[PATH_MAX], *body, *cause = NULL;
	char				*by;

	st = store_fresh(path, sizeof path);
	doc = policy_now(st);
	ck_assert_int_eq(json_integer_value(json_object_get(doc, "version")),
	    1);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "updated_by")),
	    "seed");
	ck_assert(json_is_object(json_object_get(doc, "sources")));
	json_object_set_new(doc, "working_day_hours", json_integer(6));
	body = dump(doc);

	policy_put(st, body, 1, &res);
	ck_assert_msg(res.outcome == DST_SETTINGS_STORED, "outcome %d: %s",
	    res.outcome, errors_text(&res));
	ck_assert_int_eq(res.version, 2);
	ck_assert_str_eq(res.changed_by, "ops");
	ck_assert_int_eq(json_integer_value(json_object_get(res.doc,
	    "version")), 2);
	ck_assert(json_number_value(json_object_get(res.doc,
	    "working_day_hours")) == 6);
	/* The changed value's old source no longer applies. */
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
	    json_object_get(res.doc, "sources"), "working_day_hours")),
	    "changed by ops"));
	/* Unchanged fields keep theirs. */
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
	    json_object_get(res.doc, "sources"), "near_km")), "Flemish"));
	dst_settings_result_free(&res);

	/* Stored as a new row by ops; the snapshot rules with it. */
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 2);
	by = sql_text(path, "SELECT created_by FROM policies WHERE "
	    "version = 2");
	ck_assert_str_eq(by, "ops");
	free(by);
	s = snapshot(st);
	ck_assert_int_eq(dst_snapshot_policy(s)->version, 2);
	ck_assert(dst_snapshot_policy(s)->working_day_hours == 6);
	ck_assert(dst_snapshot_policy(s)->long_day_hours == 12);
	dst_snapshot_unref(s);

	/* GET and PUT back as it is: no new version. */
	free(body);
	body = dump(policy_now(st));
	policy_put(st, body, 2, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_UNCHANGED);
	ck_assert_int_eq(res.version, 2);
	dst_settings_result_free(&res);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 2);
	free(body);

	/* History: who, when, what changed, field by field. */
	ck_assert_msg(dst_policy_history(st, &h, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(json_array_size(json_object_get(h, "versions")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(h, "versions"), 0), "action")), "create");
	ck_assert_uint_eq(json_object_size(json_object_get(json_array_get(
	    json_object_get(h, "versions"), 0), "changes")), 0);
	v2 = json_array_get(json_object_get(h, "versions"), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(v2, "version")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(v2, "changed_by")),
	    "ops");
	ck_assert_uint_eq(strlen(json_string_value(json_object_get(v2,
	    "changed_at"))), 20);
	c = json_object_get(json_object_get(v2, "changes"),
	    "working_day_hours");
	ck_assert_ptr_nonnull(c);
	ck_assert(json_number_value(json_object_get(c, "from")) == 8);
	ck_assert(json_number_value(json_object_get(c, "to")) == 6);
	ck_assert_ptr_nonnull(json_object_get(json_object_get(v2, "changes"),
	    "sources.working_day_hours"));
	/* Only those two changed. */
	ck_assert_uint_eq(json_object_size(json_object_get(v2, "changes")), 2);
	json_decref(h);
	dst_store_close(st);
}
END_TEST

START_TEST(test_policy_stale)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	json_t				*doc;
	char				 path[PATH_MAX], *b1, *b2;

	st = store_fresh(path, sizeof path);
	doc = policy_now(st);
	json_object_set_new(doc, "near_km", json_integer(450));
	b1 = dump(doc);
	doc = policy_now(st);
	json_object_set_new(doc, "near_km", json_integer(600));
	b2 = dump(doc);

	policy_put(st, b1, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STORED);
	dst_settings_result_free(&res);

	/* A second writer who also edited version 1 is told who won. */
	policy_put(st, b2, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STALE);
	ck_assert_int_eq(res.version, 2);
	ck_assert_str_eq(res.changed_by, "ops");
	ck_assert_uint_eq(strlen(res.changed_at), 20);
	ck_assert_ptr_null(res.doc);
	dst_settings_result_free(&res);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 2);
	ck_assert_int_eq(sql_long(path, "SELECT data ->> '$.near_km' FROM "
	    "policies WHERE version = 2"), 450);

	/* A version that never existed is stale too; "any" is not. */
	policy_put(st, b2, 7, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STALE);
	dst_settings_result_free(&res);
	policy_put(st, b2, DST_VERSION_ANY, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STORED);
	ck_assert_int_eq(res.version, 3);
	dst_settings_result_free(&res);
	free(b1);
	free(b2);
	dst_store_close(st);
}
END_TEST

START_TEST(test_policy_invalid_every_field)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	json_t				*doc;
	char				 path[PATH_MAX], *body;

	st = store_fresh(path, sizeof path);
	doc = policy_now(st);
	json_object_set_new(doc, "near_km", json_integer(0));
	json_object_set_new(doc, "car_capacity", json_integer(12));
	json_object_set_new(doc, "origin_country", json_string("be"));
	json_object_set_new(doc, "long_day_hours", json_integer(5));
	json_object_set_new(doc, "airport_lat", json_real(95.5));
	json_object_set_new(doc, "rail_detour", json_real(0.9));
	json_object_set_new(doc, "plane_kmh", json_integer(0));
	json_object_del(doc, "airport_code");
	body = dump(doc);

	policy_put(st, body, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "near_km", NULL) &&
	    has_error(&res, "car_capacity", "between 1 and 9") &&
	    has_error(&res, "origin_country", NULL) &&
	    has_error(&res, "long_day_hours", "working_day_hours") &&
	    has_error(&res, "airport_lat", NULL) &&
	    has_error(&res, "rail_detour", NULL) &&
	    has_error(&res, "plane_kmh", NULL) &&
	    has_error(&res, "airport_code", "missing"), "%s",
	    errors_text(&res));
	ck_assert_uint_eq(json_array_size(res.errors), 8);
	dst_settings_result_free(&res);
	free(body);

	/* Unknown fields and wrong types: malformed (400), all listed. */
	doc = policy_now(st);
	json_object_set_new(doc, "nearkm", json_integer(500));
	json_object_set_new(doc, "working_day_hours", json_string("8"));
	json_object_set_new(doc, "sources", json_pack("{s:s}", "colour",
	    "blue"));
	body = dump(doc);
	policy_put(st, body, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_MALFORMED);
	ck_assert_msg(has_error(&res, "nearkm", "unknown") &&
	    has_error(&res, "working_day_hours", "number") &&
	    has_error(&res, "sources.colour", NULL), "%s", errors_text(&res));
	dst_settings_result_free(&res);
	free(body);

	policy_put(st, "{\"near_km\":", 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_MALFORMED);
	ck_assert(has_error(&res, "body", "not JSON"));
	dst_settings_result_free(&res);
	policy_put(st, "[1]", 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_MALFORMED);
	dst_settings_result_free(&res);

	/* Nothing was stored. */
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 1);
	dst_store_close(st);
}
END_TEST

/* --- factor sets ------------------------------------------------------- */

START_TEST(test_factors_put_current)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	struct dst_snapshot		*s;
	json_t				*doc, *h, *v, *sets;
	char				 path[PATH_MAX], *body, *cause = NULL;
	char				*name;

	st = store_fresh(path, sizeof path);
	doc = factors_now(st);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "name")),
	    "DESNZ-2025");
	ck_assert_int_eq(json_integer_value(json_object_get(doc, "version")),
	    1);
	sets = json_object_get(doc, "sets");
	ck_assert_uint_eq(json_array_size(sets), 1);
	ck_assert(json_is_true(json_object_get(json_array_get(sets, 0),
	    "current")));
	json_object_set_new(doc, "name", json_string("TEST-2026"));
	json_object_set_new(doc, "year", json_integer(2026));
	json_object_set_new(json_object_get(doc, "rail"), "value",
	    json_real(0.05));
	body = dump(doc);

	factors_put(st, body, 1, &res);
	ck_assert_msg(res.outcome == DST_SETTINGS_STORED, "%s",
	    errors_text(&res));
	ck_assert_int_eq(res.version, 2);
	ck_assert_uint_eq(json_array_size(json_object_get(res.doc, "sets")), 2);
	dst_settings_result_free(&res);
	free(body);

	/* Exactly one set is current: the new one, in the snapshot too. */
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets "
	    "WHERE is_current = 1"), 1);
	name = sql_text(path, "SELECT name FROM factor_sets WHERE is_current "
	    "= 1");
	ck_assert_str_eq(name, "TEST-2026");
	free(name);
	s = snapshot(st);
	ck_assert_str_eq(dst_snapshot_factors(s)->name, "TEST-2026");
	ck_assert_int_eq(dst_snapshot_factors(s)->year, 2026);
	ck_assert(dst_snapshot_factors(s)->rail.value == 0.05);
	dst_snapshot_unref(s);

	/* Back to DESNZ-2025, edited: a new version of that name. */
	doc = factors_now(st);
	json_object_set_new(doc, "name", json_string("DESNZ-2025"));
	json_object_set_new(doc, "year", json_integer(2025));
	json_object_set_new(json_object_get(doc, "rail"), "value",
	    json_real(0.03));
	body = dump(doc);
	factors_put(st, body, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STALE);
	ck_assert_int_eq(res.version, 2);
	dst_settings_result_free(&res);
	factors_put(st, body, 2, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STORED);
	ck_assert_int_eq(res.version, 3);
	dst_settings_result_free(&res);
	factors_put(st, body, 3, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_UNCHANGED);
	dst_settings_result_free(&res);
	free(body);
	s = snapshot(st);
	ck_assert_str_eq(dst_snapshot_factors(s)->name, "DESNZ-2025");
	ck_assert(dst_snapshot_factors(s)->rail.value == 0.03);
	dst_snapshot_unref(s);

	/* History: what each version changed against the set it replaced. */
	ck_assert_msg(dst_factors_history(st, NULL, &h, &cause) == 0, "%s",
	    cause);
	ck_assert_uint_eq(json_array_size(json_object_get(h, "versions")), 3);
	v = json_array_get(json_object_get(h, "versions"), 2);
	ck_assert_str_eq(json_string_value(json_object_get(v, "action")),
	    "update");
	ck_assert(json_is_true(json_object_get(v, "current")));
	ck_assert(json_number_value(json_object_get(json_object_get(
	    json_object_get(v, "changes"), "rail.value"), "from")) == 0.05);
	ck_assert(json_number_value(json_object_get(json_object_get(
	    json_object_get(v, "changes"), "rail.value"), "to")) == 0.03);
	ck_assert_ptr_nonnull(json_object_get(json_object_get(v, "changes"),
	    "name"));
	json_decref(h);
	ck_assert_msg(dst_factors_history(st, "TEST-2026", &h, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(json_array_size(json_object_get(h, "versions")), 1);
	json_decref(h);
	dst_store_close(st);
}
END_TEST

START_TEST(test_factors_invalid)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	json_t				*doc, *fl;
	char				 path[PATH_MAX], *body;

	st = store_fresh(path, sizeof path);
	doc = factors_now(st);
	json_object_set_new(doc, "year", json_integer(1800));
	json_object_set_new(doc, "short_haul_max_km", json_integer(-1));
	json_object_set_new(json_object_get(doc, "rail"), "value",
	    json_integer(0));
	json_object_set_new(json_object_get(doc, "car"), "unit",
	    json_string("kg CO2e/pkm"));
	json_object_del(json_object_get(doc, "coach"), "source");
	fl = json_object_get(doc, "flight");
	json_object_del(json_object_get(json_object_get(fl, "long_haul"),
	    "without_rf"), "first");
	json_object_del(json_object_get(fl, "short_haul"), "with_rf");
	body = dump(doc);

	factors_put(st, body, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "year", NULL) &&
	    has_error(&res, "short_haul_max_km", NULL) &&
	    has_error(&res, "rail.value", "more than 0") &&
	    has_error(&res, "car.unit", "kg CO2e/vkm") &&
	    has_error(&res, "coach.source", "missing") &&
	    has_error(&res, "flight.long_haul.without_rf.first", "missing") &&
	    has_error(&res, "flight.short_haul.with_rf", "missing"),
	    "%s", errors_text(&res));
	dst_settings_result_free(&res);
	free(body);

	/* Without RF may not exceed with RF; an unknown cabin is a typo. */
	doc = factors_now(st);
	fl = json_object_get(json_object_get(json_object_get(doc, "flight"),
	    "long_haul"), "without_rf");
	json_object_set_new(json_object_get(fl, "economy"), "value",
	    json_real(0.5));
	json_object_set(fl, "ecnomy", json_object_get(fl, "economy"));
	body = dump(doc);
	factors_put(st, body, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_MALFORMED);
	ck_assert_msg(has_error(&res, "flight.long_haul.without_rf.ecnomy",
	    "unknown") && has_error(&res, "flight.long_haul.without_rf.economy",
	    "with RF"), "%s", errors_text(&res));
	dst_settings_result_free(&res);
	free(body);

	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets"), 1);
	dst_store_close(st);
}
END_TEST

/* --- zones ------------------------------------------------------------- */

START_TEST(test_zone_invalid)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	char				 path[PATH_MAX];

	st = store_fresh(path, sizeof path);

	/* A bow tie crosses itself at (5, 5): GEOS says so, and where. */
	zone_put(st, "rail-europe", BOWTIE, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "geometry",
	    "Self-intersection at or near (5, 5)"), "%s", errors_text(&res));
	dst_settings_result_free(&res);

	/* Out of range, too short, not closed: every ring named. */
	zone_put(st, "rail-europe", "{\"type\":\"Feature\",\"geometry\":"
	    "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[200,0],"
	    "[0,95],[0,0]]],[[[1,1],[2,1],[1,1]]],[[[0,0],[1,0],[1,1],"
	    "[0,1]]]]}}", 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "geometry", "longitude 200") &&
	    has_error(&res, "geometry", "latitude 95") &&
	    has_error(&res, "geometry", "coordinates[1][0]: a ring needs at "
	    "least 4") && has_error(&res, "geometry", "coordinates[2][0]: the "
	    "ring is not closed"), "%s", errors_text(&res));
	dst_settings_result_free(&res);

	/* Not a polygon; a mismatched id; an unknown property. */
	zone_put(st, "rail-europe", "{\"type\":\"Feature\",\"id\":\"other\","
	    "\"properties\":{\"colour\":\"red\"},\"geometry\":{\"type\":"
	    "\"Point\",\"coordinates\":[4,50]}}", 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_MALFORMED);
	ck_assert_msg(has_error(&res, "geometry", "Polygon") &&
	    has_error(&res, "id", NULL) &&
	    has_error(&res, "properties.colour", "unknown"), "%s",
	    errors_text(&res));
	dst_settings_result_free(&res);

	zone_put(st, "Bad_Id", BOWTIE, DST_VERSION_NEW, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert(has_error(&res, "id", NULL));
	dst_settings_result_free(&res);

	/* The zone is as it was. */
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM zones"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT max(version) FROM zones WHERE "
	    "id = 'rail-europe'"), 1);
	dst_store_close(st);
}
END_TEST

START_TEST(test_zone_replace)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	struct dst_snapshot		*s;
	json_t				*f, *coords, *h, *v, *props;
	char				 path[PATH_MAX], id[DEC_ID_MAX];
	char				*body, *cause = NULL;

	st = store_fresh(path, sizeof path);
	s = snapshot(st);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, DUBLIN_LAT, DUBLIN_LON,
	    NULL), 0);
	dst_snapshot_unref(s);

	ck_assert_msg(dst_zone_get(st, "rail-europe", &f, &cause) == 0, "%s",
	    cause);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(json_string_value(json_object_get(f, "type")),
	    "Feature");
	props = json_object_get(f, "properties");
	ck_assert_int_eq(json_integer_value(json_object_get(props, "version")),
	    1);
	ck_assert_ptr_nonnull(json_object_get(props, "name"));

	/* The same zone and Ireland too; properties left out are kept. */
	coords = json_object_get(json_object_get(f, "geometry"),
	    "coordinates");
	json_array_append_new(coords, json_pack("[o]", json_loads(IRELAND_RING,
	    0, NULL)));
	json_object_del(f, "properties");
	body = dump(f);
	zone_put(st, "rail-europe", body, DST_VERSION_NEW, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_EXISTS);
	ck_assert_int_eq(res.version, 1);
	dst_settings_result_free(&res);
	zone_put(st, "rail-europe", body, 1, &res);
	ck_assert_msg(res.outcome == DST_SETTINGS_STORED, "%s",
	    errors_text(&res));
	ck_assert_int_eq(res.version, 2);
	props = json_object_get(res.doc, "properties");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(props,
	    "name")), "Rail-connected"));
	ck_assert_str_eq(json_string_value(json_object_get(props,
	    "updated_by")), "ops");
	dst_settings_result_free(&res);
	free(body);

	/* The next snapshot puts Dublin in the zone; Paris stays in. */
	s = snapshot(st);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, DUBLIN_LAT, DUBLIN_LON,
	    id), 1);
	ck_assert_str_eq(id, "rail-europe");
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, 48.8802, 2.3552, NULL),
	    1);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, 64.1466, -21.9426, NULL),
	    0);
	dst_snapshot_unref(s);

	/* History: two versions; the geometry change summarised. */
	ck_assert_msg(dst_zone_history(st, "rail-europe", &h, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(json_array_size(json_object_get(h, "versions")), 2);
	v = json_array_get(json_object_get(h, "versions"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(v, "changed_by")),
	    "ops");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    json_object_get(json_object_get(v, "changes"), "geometry"), "from"),
	    "polygons")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    json_object_get(json_object_get(v, "changes"), "geometry"), "to"),
	    "polygons")), 3);
	ck_assert_uint_eq(json_object_size(json_object_get(v, "changes")), 1);
	json_decref(h);

	/* A new zone is created and counts as rail-connected too. */
	zone_put(st, "malta", "{\"type\":\"Feature\",\"properties\":{\"name\":"
	    "\"Malta\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[14.1,35.7],[14.7,35.7],[14.7,36.1],[14.1,36.1],[14.1,35.7]]]}}",
	    DST_VERSION_NEW, &res);
	ck_assert_msg(res.outcome == DST_SETTINGS_CREATED, "%s",
	    errors_text(&res));
	ck_assert_int_eq(res.version, 1);
	dst_settings_result_free(&res);
	s = snapshot(st);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, 35.8989, 14.5146, id), 1);
	ck_assert_str_eq(id, "malta");
	dst_snapshot_unref(s);

	ck_assert_msg(dst_zone_get(st, "atlantis", &f, &cause) == 0, "%s",
	    cause);
	ck_assert_ptr_null(f);
	ck_assert_msg(dst_zone_history(st, "atlantis", &h, &cause) == 0, "%s",
	    cause);
	ck_assert_ptr_null(h);
	dst_store_close(st);
}
END_TEST

static Suite *
settings_suite(void)
{
	Suite	*s = suite_create("settings");
	TCase	*tc;

	tc = tcase_create("policy");
	tcase_add_test(tc, test_policy_put_version_history);
	tcase_add_test(tc, test_policy_stale);
	tcase_add_test(tc, test_policy_invalid_every_field);
	suite_add_tcase(s, tc);

	tc = tcase_create("factors");
	tcase_add_test(tc, test_factors_put_current);
	tcase_add_test(tc, test_factors_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("zones");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_zone_invalid);
	tcase_add_test(tc, test_zone_replace);
	suite_add_tcase(s, tc);
	return (s);
}

/* Run the suite in a fresh temporary directory. */
int
main(void)
{
	if (check_tmpdir_init("check_settings") == -1)
		return (1);
	return (check_run_suite(settings_suite()));
}
