/*
 * Unit tests of the versioned settings (destinations/store/settings.c):
 * the policy, the factor sets and the zones; versions, stale writes,
 * every error listed with its field and code, history, and what the next
 * snapshot sees.
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

#include "destinations/snapshot/snapshot.h"
#include "tests/check_util.h"

/* The shared fixture (tests/check_util.c) under this file's names. */
#define store_fresh	check_store_fresh
#define sql_long	check_sql_long

/* Dublin is outside the seeded rail zone (Ireland has no rail link). */
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


/* A JSON text the test wrote, parsed (as the daemon parses a body). */
static json_t *
parse(const char *text)
{
	json_error_t	 je;
	json_t		*j;

	j = json_loads(text, JSON_REJECT_DUPLICATES, &je);
	ck_assert_msg(j != NULL, "%s: %s", text, je.text);
	return (j);
}

/* Set a member of a document the test edits. */
static void
set(json_t *o, const char *key, json_t *v)
{
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(json_object_set_new(o, key, v), 0);
}

/*
 * A stored document as GET shows it, to edit and PUT back: a copy of its
 * data with the read-only members the API adds, which a write ignores.
 */
static json_t *
shown(const struct dst_doc *d)
{
	json_t	*o;

	o = json_deep_copy(d->data);
	ck_assert_ptr_nonnull(o);
	set(o, "version", json_integer(d->version));
	set(o, "updated_at", json_string(d->at));
	set(o, "updated_by", json_string(d->by));
	return (o);
}

/* The current policy in *d (if not NULL), and as GET shows it. */
static json_t *
policy_now(struct dst_store *st, struct dst_doc *d)
{
	struct dst_doc	 cur;
	json_t		*o;
	char		*cause = NULL;

	ck_assert_msg(dst_policy_current(st, &cur, &cause) == 0, "%s", cause);
	ck_assert_ptr_nonnull(cur.data);
	o = shown(&cur);
	if (d != NULL)
		*d = cur;
	else
		dst_doc_clear(&cur);
	return (o);
}

/*
 * The current factor set in *d and every set's latest version in *sets
 * (each if not NULL), and the set as GET shows it (with "sets").
 */
static json_t *
factors_now(struct dst_store *st, struct dst_doc *d,
    struct dst_set_info **sets, size_t *nsets)
{
	struct dst_set_info	*v;
	struct dst_doc		 cur;
	json_t			*o, *a;
	size_t			 i, n;
	char			*cause = NULL;

	ck_assert_msg(dst_factors_current(st, &cur, &v, &n, &cause) == 0,
	    "%s", cause);
	ck_assert_ptr_nonnull(cur.data);
	o = shown(&cur);
	a = json_array();
	ck_assert_ptr_nonnull(a);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(json_array_append_new(a, json_pack(
		    "{s:s, s:i, s:i, s:b}", "name", v[i].name, "year",
		    v[i].year, "version", v[i].version, "current",
		    v[i].current)), 0);
	set(o, "sets", a);
	if (d != NULL)
		*d = cur;
	else
		dst_doc_clear(&cur);
	if (sets != NULL) {
		*sets = v;
		*nsets = n;
	} else
		free(v);
	return (o);
}

/* The current version of a zone in *d (version 0: none). */
static void
zone_now(struct dst_store *st, const char *id, struct dst_doc *d)
{
	char	*cause = NULL;

	ck_assert_msg(dst_zone_get(st, id, d, &cause) == 0, "%s", cause);
}

/* Put a policy; the call must not fail. */
static void
policy_put(struct dst_store *st, const json_t *body, int expected,
    struct dst_settings_result *res)
{
	char	*cause = NULL;

	ck_assert_msg(dst_policy_put(st, body, expected, "ops", res,
	    &cause) == 0, "%s", cause);
}

/* Put a factor set. */
static void
factors_put(struct dst_store *st, const json_t *body, int expected,
    struct dst_settings_result *res)
{
	char	*cause = NULL;

	ck_assert_msg(dst_factors_put(st, body, expected, "ops", res,
	    &cause) == 0, "%s", cause);
}

/* Put a zone. */
static void
zone_put(struct dst_store *st, const char *id, const json_t *body,
    int expected, struct dst_settings_result *res)
{
	char	*cause = NULL;

	ck_assert_msg(dst_zone_put(st, id, body, expected, "ops", res,
	    &cause) == 0, "%s", cause);
}

/* Put a zone given as text. */
static void
zone_put_text(struct dst_store *st, const char *id, const char *text,
    int expected, struct dst_settings_result *res)
{
	json_t	*body;

	body = parse(text);
	zone_put(st, id, body, expected, res);
	json_decref(body);
}

/* Is there an error naming field with code (and, if not NULL, saying
 * words)? */
static int
has_error(const struct dst_settings_result *res, const char *field,
    enum dec_code code, const char *words)
{
	const struct dec_error	*e;
	size_t			 i;

	for (i = 0; i < res->errors.n; i++) {
		e = &res->errors.v[i];
		if (strcmp(e->field, field) == 0 && e->code == code &&
		    (words == NULL || strstr(e->message, words) != NULL))
			return (1);
	}
	return (0);
}

/* The errors as text, for failure messages. */
static const char *
errors_text(const struct dst_settings_result *res)
{
	static char		 buf[4096];
	const struct dec_error	*e;
	size_t			 i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < res->errors.n && len < sizeof buf; i++) {
		e = &res->errors.v[i];
		len += snprintf(buf + len, sizeof buf - len, "%s%s (%s): %s",
		    i > 0 ? "; " : "", e->field, dec_code_name(e->code),
		    e->message);
	}
	return (res->errors.n > 0 ? buf : "(none)");
}

/* A snapshot of the store as it is now. */
static struct dst_snapshot *
snapshot(struct dst_store *st)
{
	struct dst_snapshot	*s;
	char			*cause = NULL;

	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "dst_snapshot_load: %s", cause);
	return (s);
}

/* --- policy ------------------------------------------------------------- */

START_TEST(test_policy_put_version_history)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	struct dst_snapshot		*s;
	struct dst_history		 h;
	struct dst_version		*v2;
	struct dst_doc			 d;
	json_t				*body, *c;
	char				 path[PATH_MAX], *cause = NULL;
	char				*by;

	st = store_fresh(path, sizeof path);
	body = policy_now(st, &d);
	ck_assert_int_eq(d.version, 1);
	ck_assert_str_eq(d.by, "seed");
	ck_assert(json_is_object(json_object_get(d.data, "sources")));
	dst_doc_clear(&d);
	set(body, "working_day_hours", json_integer(6));

	policy_put(st, body, 1, &res);
	json_decref(body);
	ck_assert_msg(res.outcome == DST_SETTINGS_STORED, "outcome %d: %s",
	    res.outcome, errors_text(&res));
	ck_assert_int_eq(res.doc.version, 2);
	ck_assert_str_eq(res.doc.by, "ops");
	ck_assert(json_number_value(json_object_get(res.doc.data,
	    "working_day_hours")) == 6);
	/* The read-only members GET added are not stored. */
	ck_assert_ptr_null(json_object_get(res.doc.data, "version"));
	ck_assert_ptr_null(json_object_get(res.doc.data, "updated_by"));
	/* The changed value's old source no longer applies. */
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
	    json_object_get(res.doc.data, "sources"), "working_day_hours")),
	    "changed by ops"));
	/* Unchanged fields keep theirs. */
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(
	    json_object_get(res.doc.data, "sources"), "near_km")), "Flemish"));
	dst_settings_result_clear(&res);

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
	body = policy_now(st, NULL);
	policy_put(st, body, 2, &res);
	json_decref(body);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_UNCHANGED);
	ck_assert_int_eq(res.doc.version, 2);
	dst_settings_result_clear(&res);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 2);

	/* History: who, when, what changed, field by field. */
	ck_assert_msg(dst_policy_history(st, &h, &cause) == 0, "%s", cause);
	ck_assert_uint_eq(h.n, 2);
	ck_assert_str_eq(h.v[0].action, "create");
	ck_assert_uint_eq(json_object_size(h.v[0].changes), 0);
	v2 = &h.v[1];
	ck_assert_int_eq(v2->doc.version, 2);
	ck_assert_str_eq(v2->doc.by, "ops");
	ck_assert_uint_eq(strlen(v2->doc.at), 20);
	c = json_object_get(v2->changes, "working_day_hours");
	ck_assert_ptr_nonnull(c);
	ck_assert(json_number_value(json_object_get(c, "from")) == 8);
	ck_assert(json_number_value(json_object_get(c, "to")) == 6);
	ck_assert_ptr_nonnull(json_object_get(v2->changes,
	    "sources.working_day_hours"));
	/* Only those two changed. */
	ck_assert_uint_eq(json_object_size(v2->changes), 2);
	dst_history_clear(&h);
	dst_store_close(st);
}
END_TEST

START_TEST(test_policy_stale)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	json_t				*b1, *b2;
	char				 path[PATH_MAX];

	st = store_fresh(path, sizeof path);
	b1 = policy_now(st, NULL);
	set(b1, "near_km", json_integer(450));
	b2 = policy_now(st, NULL);
	set(b2, "near_km", json_integer(600));

	policy_put(st, b1, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STORED);
	dst_settings_result_clear(&res);

	/* A second writer who also edited version 1 is told who won. */
	policy_put(st, b2, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STALE);
	ck_assert_int_eq(res.doc.version, 2);
	ck_assert_str_eq(res.doc.by, "ops");
	ck_assert_uint_eq(strlen(res.doc.at), 20);
	ck_assert_ptr_null(res.doc.data);
	ck_assert_uint_eq(res.errors.n, 0);
	dst_settings_result_clear(&res);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 2);
	ck_assert_int_eq(sql_long(path, "SELECT data ->> '$.near_km' FROM "
	    "policies WHERE version = 2"), 450);

	/* A version that never existed is stale too; "any" is not. */
	policy_put(st, b2, 7, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STALE);
	dst_settings_result_clear(&res);
	policy_put(st, b2, DST_VERSION_ANY, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STORED);
	ck_assert_int_eq(res.doc.version, 3);
	dst_settings_result_clear(&res);
	json_decref(b1);
	json_decref(b2);
	dst_store_close(st);
}
END_TEST

START_TEST(test_policy_invalid_every_field)
{
	struct dst_settings_result	 res;
	struct dec_errors		 errs = DEC_ERRORS_INIT;
	struct dst_store		*st;
	json_t				*body;
	char				 path[PATH_MAX];
	const char			*text;

	st = store_fresh(path, sizeof path);
	body = policy_now(st, NULL);
	set(body, "near_km", json_integer(0));
	set(body, "car_capacity", json_integer(12));
	set(body, "origin_country", json_string("be"));
	set(body, "long_day_hours", json_integer(5));
	set(body, "airport_lat", json_real(95.5));
	set(body, "rail_detour", json_real(0.9));
	set(body, "plane_kmh", json_integer(0));
	json_object_del(body, "airport_code");

	/* Bad values only: every one listed, none of form (422). */
	policy_put(st, body, 1, &res);
	json_decref(body);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "near_km", DEC_E_RANGE, NULL) &&
	    has_error(&res, "car_capacity", DEC_E_RANGE, "between 1 and 9") &&
	    has_error(&res, "origin_country", DEC_E_FORMAT, NULL) &&
	    has_error(&res, "long_day_hours", DEC_E_ORDER,
	    "working_day_hours") &&
	    has_error(&res, "airport_lat", DEC_E_RANGE, NULL) &&
	    has_error(&res, "rail_detour", DEC_E_RANGE, NULL) &&
	    has_error(&res, "plane_kmh", DEC_E_RANGE, NULL) &&
	    has_error(&res, "airport_code", DEC_E_REQUIRED, "missing"), "%s",
	    errors_text(&res));
	ck_assert_msg(res.errors.n == 8, "%s", errors_text(&res));
	ck_assert(!dec_errors_structural(&res.errors));
	ck_assert_int_eq(res.doc.version, 0);
	dst_settings_result_clear(&res);

	/* Unknown fields and wrong types: of form (400), all listed. */
	body = policy_now(st, NULL);
	set(body, "nearkm", json_integer(500));
	set(body, "working_day_hours", json_string("8"));
	set(body, "sources", json_pack("{s:s}", "colour", "blue"));
	policy_put(st, body, 1, &res);
	json_decref(body);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "nearkm", DEC_E_UNKNOWN_FIELD,
	    "unknown") &&
	    has_error(&res, "working_day_hours", DEC_E_TYPE, "number") &&
	    has_error(&res, "sources.colour", DEC_E_UNKNOWN_FIELD, NULL), "%s",
	    errors_text(&res));
	ck_assert_msg(res.errors.n == 3, "%s", errors_text(&res));
	ck_assert(dec_errors_structural(&res.errors));
	dst_settings_result_clear(&res);

	/*
	 * A body that is not JSON never reaches the store: the reader of
	 * every PUT body (dst_json_object_body) refuses it, and one that is
	 * not an object.  A parsed body that is not an object the store
	 * refuses too.
	 */
	text = "{\"near_km\":";
	ck_assert_ptr_null(dst_json_object_body(text, strlen(text),
	    "the policy", &errs));
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.v[0].field, "body");
	ck_assert_int_eq(errs.v[0].code, DEC_E_MALFORMED);
	ck_assert_ptr_nonnull(strstr(errs.v[0].message, "malformed JSON"));
	ck_assert(dec_errors_structural(&errs));
	dec_errors_clear(&errs);
	ck_assert_ptr_null(dst_json_object_body("[1]", 3, "the policy",
	    &errs));
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_str_eq(errs.v[0].field, "body");
	ck_assert_int_eq(errs.v[0].code, DEC_E_TYPE);
	ck_assert(dec_errors_structural(&errs));
	dec_errors_clear(&errs);

	body = parse("[1]");
	policy_put(st, body, 1, &res);
	json_decref(body);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "body", DEC_E_TYPE, "JSON object"), "%s",
	    errors_text(&res));
	ck_assert(dec_errors_structural(&res.errors));
	dst_settings_result_clear(&res);

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
	struct dst_history		 h;
	struct dst_version		*v;
	struct dst_set_info		*sets;
	struct dst_doc			 d;
	json_t				*body;
	size_t				 nsets;
	char				 path[PATH_MAX], *cause = NULL;
	char				*name;

	st = store_fresh(path, sizeof path);
	body = factors_now(st, &d, &sets, &nsets);
	/* Seeded: DESNZ-2025 (version 1) and the whole trip's set
	 * (version 2, current). */
	ck_assert_str_eq(d.name, "DESNZ-2025-plus");
	ck_assert_str_eq(json_string_value(json_object_get(d.data, "name")),
	    "DESNZ-2025-plus");
	ck_assert_int_eq(d.version, 2);
	ck_assert(d.current);
	dst_doc_clear(&d);
	ck_assert_uint_eq(nsets, 2);
	ck_assert(!sets[0].current && sets[1].current);
	ck_assert_str_eq(sets[0].name, "DESNZ-2025");
	free(sets);
	set(body, "name", json_string("TEST-2026"));
	set(body, "year", json_integer(2026));
	set(json_object_get(body, "rail"), "value", json_real(0.05));

	factors_put(st, body, 2, &res);
	json_decref(body);
	ck_assert_msg(res.outcome == DST_SETTINGS_STORED, "%s",
	    errors_text(&res));
	ck_assert_int_eq(res.doc.version, 3);
	ck_assert_str_eq(res.doc.name, "TEST-2026");
	ck_assert_uint_eq(res.nsets, 3);
	ck_assert_str_eq(res.sets[2].name, "TEST-2026");
	ck_assert(res.sets[2].current && !res.sets[1].current &&
	    !res.sets[0].current);
	/* What GET showed besides the set is not stored. */
	ck_assert_ptr_null(json_object_get(res.doc.data, "sets"));
	ck_assert_ptr_null(json_object_get(res.doc.data, "version"));
	dst_settings_result_clear(&res);

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
	body = factors_now(st, NULL, NULL, NULL);
	set(body, "name", json_string("DESNZ-2025"));
	set(body, "year", json_integer(2025));
	set(json_object_get(body, "rail"), "value", json_real(0.03));
	factors_put(st, body, 2, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STALE);
	ck_assert_int_eq(res.doc.version, 3);
	dst_settings_result_clear(&res);
	factors_put(st, body, 3, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STORED);
	ck_assert_int_eq(res.doc.version, 4);
	dst_settings_result_clear(&res);
	factors_put(st, body, 4, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_UNCHANGED);
	dst_settings_result_clear(&res);
	json_decref(body);
	s = snapshot(st);
	ck_assert_str_eq(dst_snapshot_factors(s)->name, "DESNZ-2025");
	ck_assert(dst_snapshot_factors(s)->rail.value == 0.03);
	dst_snapshot_unref(s);

	/* History: what each version changed against the set it replaced. */
	ck_assert_msg(dst_factors_history(st, NULL, &h, &cause) == 0, "%s",
	    cause);
	ck_assert_uint_eq(h.n, 4);
	v = &h.v[3];
	ck_assert_str_eq(v->action, "update");
	ck_assert(v->doc.current);
	ck_assert(json_number_value(json_object_get(json_object_get(
	    v->changes, "rail.value"), "from")) == 0.05);
	ck_assert(json_number_value(json_object_get(json_object_get(
	    v->changes, "rail.value"), "to")) == 0.03);
	ck_assert_ptr_nonnull(json_object_get(v->changes, "name"));
	dst_history_clear(&h);
	ck_assert_msg(dst_factors_history(st, "TEST-2026", &h, &cause) == 0,
	    "%s", cause);
	ck_assert_uint_eq(h.n, 1);
	dst_history_clear(&h);
	dst_store_close(st);
}
END_TEST

START_TEST(test_factors_invalid)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	json_t				*body, *fl;
	char				 path[PATH_MAX];

	st = store_fresh(path, sizeof path);
	body = factors_now(st, NULL, NULL, NULL);
	set(body, "year", json_integer(1800));
	set(body, "short_haul_max_km", json_integer(-1));
	set(json_object_get(body, "rail"), "value", json_integer(0));
	set(json_object_get(body, "car"), "unit", json_string("kg CO2e/pkm"));
	json_object_del(json_object_get(body, "coach"), "source");
	fl = json_object_get(body, "flight");
	json_object_del(json_object_get(json_object_get(fl, "long_haul"),
	    "without_rf"), "first");
	json_object_del(json_object_get(fl, "short_haul"), "with_rf");

	factors_put(st, body, 1, &res);
	json_decref(body);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "year", DEC_E_RANGE, NULL) &&
	    has_error(&res, "short_haul_max_km", DEC_E_RANGE, NULL) &&
	    has_error(&res, "rail.value", DEC_E_RANGE, "more than 0") &&
	    has_error(&res, "car.unit", DEC_E_CHOICE, "kg CO2e/vkm") &&
	    has_error(&res, "coach.source", DEC_E_REQUIRED, "missing") &&
	    has_error(&res, "flight.long_haul.without_rf.first",
	    DEC_E_REQUIRED, "missing") &&
	    has_error(&res, "flight.short_haul.with_rf", DEC_E_REQUIRED,
	    "missing"), "%s", errors_text(&res));
	ck_assert_msg(res.errors.n == 7, "%s", errors_text(&res));
	ck_assert(!dec_errors_structural(&res.errors));
	dst_settings_result_clear(&res);

	/* Without RF may not exceed with RF; an unknown cabin is a typo. */
	body = factors_now(st, NULL, NULL, NULL);
	fl = json_object_get(json_object_get(json_object_get(body, "flight"),
	    "long_haul"), "without_rf");
	set(json_object_get(fl, "economy"), "value", json_real(0.5));
	ck_assert_int_eq(json_object_set(fl, "ecnomy",
	    json_object_get(fl, "economy")), 0);
	factors_put(st, body, 1, &res);
	json_decref(body);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "flight.long_haul.without_rf.ecnomy",
	    DEC_E_UNKNOWN_FIELD, "unknown") &&
	    has_error(&res, "flight.long_haul.without_rf.economy",
	    DEC_E_RANGE, "with RF"), "%s", errors_text(&res));
	ck_assert_msg(res.errors.n == 2, "%s", errors_text(&res));
	ck_assert(dec_errors_structural(&res.errors));
	dst_settings_result_clear(&res);

	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets"), 2);
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
	zone_put_text(st, "rail-europe", BOWTIE, 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "geometry", DEC_E_INVALID,
	    "Self-intersection at or near (5, 5)"), "%s", errors_text(&res));
	ck_assert_msg(res.errors.n == 1, "%s", errors_text(&res));
	ck_assert(!dec_errors_structural(&res.errors));
	dst_settings_result_clear(&res);

	/* Out of range, too short, not closed: every ring named. */
	zone_put_text(st, "rail-europe", "{\"type\":\"Feature\",\"geometry\":"
	    "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[200,0],"
	    "[0,95],[0,0]]],[[[1,1],[2,1],[1,1]]],[[[0,0],[1,0],[1,1],"
	    "[0,1]]]]}}", 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "geometry", DEC_E_RANGE,
	    "longitude 200") &&
	    has_error(&res, "geometry", DEC_E_RANGE, "latitude 95") &&
	    has_error(&res, "geometry", DEC_E_INVALID, "coordinates[1][0]: "
	    "a ring needs at least 4") &&
	    has_error(&res, "geometry", DEC_E_INVALID, "coordinates[2][0]: "
	    "the ring is not closed"), "%s", errors_text(&res));
	ck_assert_msg(res.errors.n == 4, "%s", errors_text(&res));
	dst_settings_result_clear(&res);

	/* Not a polygon; a mismatched id; an unknown property. */
	zone_put_text(st, "rail-europe", "{\"type\":\"Feature\",\"id\":"
	    "\"other\",\"properties\":{\"colour\":\"red\"},\"geometry\":"
	    "{\"type\":\"Point\",\"coordinates\":[4,50]}}", 1, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "geometry", DEC_E_CHOICE, "Polygon") &&
	    has_error(&res, "id", DEC_E_CONFLICT, NULL) &&
	    has_error(&res, "properties.colour", DEC_E_UNKNOWN_FIELD,
	    "unknown"), "%s", errors_text(&res));
	ck_assert_msg(res.errors.n == 3, "%s", errors_text(&res));
	ck_assert(dec_errors_structural(&res.errors));
	dst_settings_result_clear(&res);

	zone_put_text(st, "Bad_Id", BOWTIE, DST_VERSION_NEW, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_INVALID);
	ck_assert_msg(has_error(&res, "id", DEC_E_FORMAT, NULL), "%s",
	    errors_text(&res));
	dst_settings_result_clear(&res);

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
	struct dst_history		 h;
	struct dst_version		*v;
	struct dst_doc			 d;
	json_t				*f, *coords, *props, *geo;
	char				 path[PATH_MAX], id[DEC_ID_MAX];
	char				*cause = NULL;

	st = store_fresh(path, sizeof path);
	s = snapshot(st);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, DUBLIN_LAT, DUBLIN_LON,
	    NULL), 0);
	dst_snapshot_unref(s);

	zone_now(st, "rail-europe", &d);
	ck_assert_int_eq(d.version, 1);
	ck_assert_ptr_nonnull(d.data);
	ck_assert_str_eq(json_string_value(json_object_get(d.data, "type")),
	    "Feature");
	ck_assert_str_eq(json_string_value(json_object_get(d.data, "id")),
	    "rail-europe");
	props = json_object_get(d.data, "properties");
	ck_assert_ptr_nonnull(json_object_get(props, "name"));

	/* The same zone and Ireland too; properties left out are kept. */
	f = json_deep_copy(d.data);
	ck_assert_ptr_nonnull(f);
	dst_doc_clear(&d);
	coords = json_object_get(json_object_get(f, "geometry"),
	    "coordinates");
	ck_assert_int_eq(json_array_append_new(coords, json_pack("[o]",
	    parse(IRELAND_RING))), 0);
	json_object_del(f, "properties");
	zone_put(st, "rail-europe", f, DST_VERSION_NEW, &res);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_EXISTS);
	ck_assert_int_eq(res.doc.version, 1);
	dst_settings_result_clear(&res);
	zone_put(st, "rail-europe", f, 1, &res);
	json_decref(f);
	ck_assert_msg(res.outcome == DST_SETTINGS_STORED, "%s",
	    errors_text(&res));
	ck_assert_int_eq(res.doc.version, 2);
	ck_assert_str_eq(res.doc.by, "ops");
	props = json_object_get(res.doc.data, "properties");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(props,
	    "name")), "Rail-connected"));
	dst_settings_result_clear(&res);

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
	ck_assert_uint_eq(h.n, 2);
	v = &h.v[1];
	ck_assert_str_eq(v->doc.by, "ops");
	geo = json_object_get(v->changes, "geometry");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    geo, "from"), "polygons")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    geo, "to"), "polygons")), 3);
	ck_assert_uint_eq(json_object_size(v->changes), 1);
	dst_history_clear(&h);

	/* A new zone is created and counts as rail-connected too. */
	zone_put_text(st, "malta", "{\"type\":\"Feature\",\"properties\":"
	    "{\"name\":\"Malta\"},\"geometry\":{\"type\":\"Polygon\","
	    "\"coordinates\":[[[14.1,35.7],[14.7,35.7],[14.7,36.1],[14.1,36.1],"
	    "[14.1,35.7]]]}}", DST_VERSION_NEW, &res);
	ck_assert_msg(res.outcome == DST_SETTINGS_CREATED, "%s",
	    errors_text(&res));
	ck_assert_int_eq(res.doc.version, 1);
	dst_settings_result_clear(&res);
	s = snapshot(st);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, 35.8989, 14.5146, id), 1);
	ck_assert_str_eq(id, "malta");
	dst_snapshot_unref(s);

	/* No such zone: version 0, no versions. */
	zone_now(st, "atlantis", &d);
	ck_assert_int_eq(d.version, 0);
	ck_assert_ptr_null(d.data);
	ck_assert_msg(dst_zone_history(st, "atlantis", &h, &cause) == 0, "%s",
	    cause);
	ck_assert_uint_eq(h.n, 0);
	dst_history_clear(&h);
	dst_store_close(st);
}
END_TEST

static Suite *
settings_suite(void)
{
	Suite	*s = suite_create("settings");
	TCase	*tc;

	/* Each test seeds a database: slow under the sanitizers. */
	tc = tcase_create("policy");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_policy_put_version_history);
	tcase_add_test(tc, test_policy_stale);
	tcase_add_test(tc, test_policy_invalid_every_field);
	suite_add_tcase(s, tc);

	tc = tcase_create("factors");
	tcase_set_timeout(tc, 60);
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
