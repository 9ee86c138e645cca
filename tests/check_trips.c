/*
 * Unit tests of the trip requests (destinations/trips.c): storing one with
 * its decision, references numbered per year of departure, lists with
 * filters and pages, approval once only, and CO2 reports whose sums (in
 * hundredths) equal the stored trips, grouped four ways.
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

/* Days since the epoch of a date. */
static long
day(const char *s)
{
	long	d;

	ck_assert_int_eq(dec_date_parse(s, &d), 0);
	return (d);
}

/* A decision answer as the daemon stores it (the parts trips read). */
#define DECISION(id, name, mode, strength) \
	"{\"destination\":{\"id\":" id ",\"name\":\"" name "\"," \
	"\"country\":\"DE\",\"lat\":50.943,\"lon\":6.9587,\"listed\":true}," \
	"\"scope\":\"multi_day_foreign\",\"ruling\":{\"mode\":\"" mode "\"," \
	"\"strength\":\"" strength "\",\"rule\":\"listed\",\"reasons\":[\"" \
	name " is on the list\"],\"advice\":[]},\"modes\":[]," \
	"\"policy_version\":1,\"factor_set\":\"DESNZ-2025\"}"

/* A compliant train trip to Köln by An Peeters of Milieudienst. */
static struct dst_trip_new
trip_base(const char *departure)
{
	struct dst_trip_new	t;

	memset(&t, 0, sizeof t);
	t.traveller_name = "An Peeters";
	t.traveller_email = "an.peeters@stad.gent";
	t.department = "Milieudienst";
	t.destination_id = "cologne";
	t.destination_name = "Köln";
	t.country = "DE";
	t.departure = day(departure);
	t.return_day = t.departure + 2;
	t.travellers = 2;
	t.chosen = DEC_MODE_TRAIN;
	t.ruled = DEC_MODE_TRAIN;
	t.strength = DEC_MANDATORY;
	t.compliant = 1;
	t.co2e_chosen_x100 = 3873;
	t.co2e_ruled_x100 = 3873;
	t.co2e_plane_x100 = 9685;
	t.policy_version = 1;
	t.factor_set = "DESNZ-2025";
	t.decision = DECISION("\"cologne\"", "Köln", "train", "mandatory");
	t.created_by = "desk";
	return (t);
}

/* Store a trip; return its id. */
static long long
file(struct dst_store *st, const struct dst_trip_new *t, char *ref,
    size_t reflen)
{
	json_t		*trip;
	char		*cause = NULL;
	long long	 id;

	trip = dst_trip_create(st, t, &cause);
	ck_assert_msg(trip != NULL, "dst_trip_create: %s", cause);
	id = json_integer_value(json_object_get(trip, "id"));
	if (ref != NULL)
		snprintf(ref, reflen, "%s", json_string_value(
		    json_object_get(trip, "reference")));
	json_decref(trip);
	return (id);
}

/* A string member. */
static const char *
str(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	ck_assert_msg(s != NULL, "no string %s", key);
	return (s);
}

/* A number member. */
static double
num(const json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	ck_assert_msg(json_is_number(v), "no number %s", key);
	return (json_number_value(v));
}

/* --- storing ----------------------------------------------------------- */

START_TEST(test_create)
{
	struct dst_store	*st;
	struct dst_trip_new	 t;
	json_t			*trip, *again, *v;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	ck_assert_int_ge(dst_store_schema_version(st), 3);
	t = trip_base("2027-03-08");
	trip = dst_trip_create(st, &t, &cause);
	ck_assert_msg(trip != NULL, "%s", cause);

	ck_assert_int_eq(json_integer_value(json_object_get(trip, "id")), 1);
	ck_assert_str_eq(str(trip, "reference"), "TR-2027-000001");
	ck_assert_str_eq(str(trip, "status"), "pending");
	ck_assert(json_is_true(json_object_get(trip, "compliant")));
	ck_assert_str_eq(str(trip, "created_by"), "desk");
	ck_assert_int_eq((int)strlen(str(trip, "created_at")), 20);
	v = json_object_get(trip, "traveller");
	ck_assert_str_eq(str(v, "name"), "An Peeters");
	ck_assert_str_eq(str(v, "email"), "an.peeters@stad.gent");
	ck_assert_str_eq(str(v, "department"), "Milieudienst");
	ck_assert_str_eq(str(trip, "chosen_mode"), "train");
	ck_assert(json_is_null(json_object_get(trip, "exception")));
	ck_assert(json_is_null(json_object_get(trip, "justification")));
	/* Destination and ruling are the decision's own. */
	ck_assert_str_eq(str(json_object_get(trip, "destination"), "id"),
	    "cologne");
	ck_assert_str_eq(str(json_object_get(trip, "destination"), "name"),
	    "Köln");
	ck_assert_str_eq(str(json_object_get(trip, "ruling"), "strength"),
	    "mandatory");
	ck_assert_str_eq(str(trip, "departure_date"), "2027-03-08");
	ck_assert_str_eq(str(trip, "return_date"), "2027-03-10");
	ck_assert_int_eq(json_integer_value(json_object_get(trip,
	    "travellers")), 2);
	ck_assert_double_eq_tol(num(trip, "co2e_kg_chosen"), 38.73, 1e-9);
	ck_assert_double_eq_tol(num(trip, "co2e_kg_ruled"), 38.73, 1e-9);
	ck_assert_double_eq_tol(num(trip, "co2e_kg_plane"), 96.85, 1e-9);
	ck_assert_double_eq(num(trip, "co2e_kg_difference"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(trip,
	    "policy_version")), 1);
	ck_assert_str_eq(str(trip, "factor_set"), "DESNZ-2025");
	ck_assert_str_eq(str(json_object_get(trip, "decision"), "scope"),
	    "multi_day_foreign");
	ck_assert(json_is_null(json_object_get(trip, "approval")));

	/* Read back: the same. */
	ck_assert_int_eq(dst_trip_get(st, 1, &again, &cause), 0);
	ck_assert_ptr_nonnull(again);
	ck_assert(json_equal(trip, again));
	json_decref(again);
	ck_assert_int_eq(dst_trip_get(st, 2, &again, &cause), 0);
	ck_assert_ptr_null(again);
	json_decref(trip);

	/* An exception: not compliant, the difference against the ruling. */
	t = trip_base("2027-03-08");
	t.chosen = DEC_MODE_PLANE;
	t.compliant = 0;
	t.exception_reason = "medical";
	t.co2e_chosen_x100 = 9685;
	t.created_by = NULL;
	trip = dst_trip_create(st, &t, &cause);
	ck_assert_msg(trip != NULL, "%s", cause);
	ck_assert(json_is_false(json_object_get(trip, "compliant")));
	ck_assert_str_eq(str(json_object_get(trip, "exception"), "reason"),
	    "medical");
	ck_assert(json_is_null(json_object_get(json_object_get(trip,
	    "exception"), "text")));
	ck_assert_double_eq_tol(num(trip, "co2e_kg_difference"), 58.12, 1e-9);
	ck_assert_str_eq(str(trip, "created_by"), "anonymous");
	json_decref(trip);

	/* The store's own checks: nothing half-written, no number used. */
	t = trip_base("2027-03-08");
	t.compliant = 0;
	cause = NULL;
	ck_assert_ptr_null(dst_trip_create(st, &t, &cause));
	ck_assert_ptr_nonnull(cause);
	free(cause);
	cause = NULL;
	t = trip_base("2027-03-08");
	t.decision = "{not json";
	ck_assert_ptr_null(dst_trip_create(st, &t, &cause));
	free(cause);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM trips"), 2);
	t = trip_base("2027-03-08");
	ck_assert_int_eq(file(st, &t, NULL, 0), 3);
	ck_assert_int_eq(sql_long(path, "SELECT seq FROM trips WHERE id = 3"),
	    3);
	dst_store_close(st);
}
END_TEST

START_TEST(test_reference_sequence)
{
	struct dst_store	*st;
	struct dst_trip_new	 t;
	char			 path[PATH_MAX], ref[32];

	st = store_fresh(path, sizeof path);
	t = trip_base("2027-01-05");
	file(st, &t, ref, sizeof ref);
	ck_assert_str_eq(ref, "TR-2027-000001");
	t = trip_base("2027-12-31");
	file(st, &t, ref, sizeof ref);
	ck_assert_str_eq(ref, "TR-2027-000002");
	/* The year of departure, not of filing. */
	t = trip_base("2028-01-02");
	file(st, &t, ref, sizeof ref);
	ck_assert_str_eq(ref, "TR-2028-000001");
	t = trip_base("2026-12-30");
	file(st, &t, ref, sizeof ref);
	ck_assert_str_eq(ref, "TR-2026-000001");
	t = trip_base("2027-06-01");
	file(st, &t, ref, sizeof ref);
	ck_assert_str_eq(ref, "TR-2027-000003");
	dst_store_close(st);

	/* Reopened: the numbers go on. */
	st = dst_store_open(path, NULL);
	ck_assert_ptr_nonnull(st);
	t = trip_base("2028-05-05");
	file(st, &t, ref, sizeof ref);
	ck_assert_str_eq(ref, "TR-2028-000002");
	ck_assert_int_eq(sql_long(path, "SELECT count(DISTINCT reference) "
	    "FROM trips"), 6);
	dst_store_close(st);
}
END_TEST

/* --- lists ------------------------------------------------------------- */

/* Ids of a list's trips, in order, as "3,2,1". */
static void
list_ids(const json_t *list, char *buf, size_t len)
{
	json_t	*t;
	size_t	 i, off = 0;

	buf[0] = '\0';
	json_array_foreach(json_object_get(list, "trips"), i, t)
		off += (size_t)snprintf(buf + off, len - off, "%s%lld",
		    i ? "," : "", (long long)json_integer_value(
		    json_object_get(t, "id")));
}

/* List with a filter; check count and ids. */
static void
list_expect(struct dst_store *st, const struct dst_trip_filter *f,
    long long count, const char *ids)
{
	json_t	*list;
	char	 got[256], *cause = NULL;

	list = dst_trips_list(st, f, &cause);
	ck_assert_msg(list != NULL, "%s", cause);
	list_ids(list, got, sizeof got);
	ck_assert_msg(json_integer_value(json_object_get(list, "count")) ==
	    count && strcmp(got, ids) == 0, "count %lld ids %s; expected "
	    "%lld %s", (long long)json_integer_value(json_object_get(list,
	    "count")), got, count, ids);
	ck_assert_int_eq(json_integer_value(json_object_get(list, "limit")),
	    f->limit);
	ck_assert_int_eq(json_integer_value(json_object_get(list, "offset")),
	    f->offset);
	json_decref(list);
}

/* An open filter: everything, first page of 50. */
static struct dst_trip_filter
filter_all(void)
{
	struct dst_trip_filter	f;

	memset(&f, 0, sizeof f);
	f.from = LONG_MIN;
	f.to = LONG_MAX;
	f.limit = 50;
	return (f);
}

START_TEST(test_list)
{
	struct dst_store	*st;
	struct dst_trip_new	 t;
	struct dst_trip_filter	 f;
	enum dst_trip_outcome	 oc;
	json_t			*list, *trip;
	char			 path[PATH_MAX], *cause = NULL;
	static const struct {
		const char	*date, *dept;
	} trips[] = {
		{ "2027-03-08", "Milieudienst" },	/* 1 */
		{ "2027-04-01", "ICT" },		/* 2 */
		{ "2027-04-15", "Milieudienst" },	/* 3 */
		{ "2027-05-20", "Cultuur" },		/* 4 */
		{ "2027-06-30", "Milieudienst" },	/* 5 */
		{ "2028-01-10", "ICT" },		/* 6 */
		{ "2027-04-01", "Milieudienst" },	/* 7 */
	};
	size_t			 i;

	st = store_fresh(path, sizeof path);
	f = filter_all();
	list_expect(st, &f, 0, "");
	for (i = 0; i < sizeof trips / sizeof trips[0]; i++) {
		t = trip_base(trips[i].date);
		t.department = trips[i].dept;
		ck_assert_int_eq(file(st, &t, NULL, 0), (long long)i + 1);
	}
	ck_assert_int_eq(dst_trip_decide(st, 3, 1, NULL, "hr1", &trip, &oc,
	    &cause), 0);
	json_decref(trip);
	ck_assert_int_eq(dst_trip_decide(st, 4, 0, "too far", "hr1", &trip,
	    &oc, &cause), 0);
	json_decref(trip);

	/* Newest first, without the decision. */
	list = dst_trips_list(st, &f, &cause);
	ck_assert_ptr_nonnull(list);
	ck_assert_int_eq(json_integer_value(json_object_get(list, "count")), 7);
	trip = json_array_get(json_object_get(list, "trips"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(trip, "id")), 7);
	ck_assert_ptr_null(json_object_get(trip, "decision"));
	ck_assert_ptr_nonnull(json_object_get(trip, "ruling"));
	json_decref(list);
	list_expect(st, &f, 7, "7,6,5,4,3,2,1");

	f.status = "pending";
	list_expect(st, &f, 5, "7,6,5,2,1");
	f.status = "approved";
	list_expect(st, &f, 1, "3");
	f.status = "rejected";
	list_expect(st, &f, 1, "4");
	f.status = NULL;

	f.department = "Milieudienst";
	list_expect(st, &f, 4, "7,5,3,1");
	f.department = "ICT";
	f.status = "pending";
	list_expect(st, &f, 2, "6,2");
	f.status = NULL;
	f.department = "Nobody";
	list_expect(st, &f, 0, "");
	f.department = NULL;

	/* from and to are inclusive, on the departure. */
	f.from = day("2027-04-01");
	f.to = day("2027-05-20");
	list_expect(st, &f, 4, "7,4,3,2");
	f.to = LONG_MAX;
	list_expect(st, &f, 6, "7,6,5,4,3,2");
	f.from = LONG_MIN;
	f.to = day("2027-04-01");
	list_expect(st, &f, 3, "7,2,1");
	f.from = day("2027-04-01");
	f.department = "Milieudienst";
	list_expect(st, &f, 1, "7");
	f.department = NULL;

	/* Pages: the count is of all that match. */
	f = filter_all();
	f.limit = 3;
	list_expect(st, &f, 7, "7,6,5");
	f.offset = 3;
	list_expect(st, &f, 7, "4,3,2");
	f.offset = 6;
	list_expect(st, &f, 7, "1");
	f.offset = 7;
	list_expect(st, &f, 7, "");
	f.offset = 1;
	f.limit = 2;
	f.department = "Milieudienst";
	list_expect(st, &f, 4, "5,3");
	dst_store_close(st);
}
END_TEST

/* --- approval ---------------------------------------------------------- */

START_TEST(test_approval_once)
{
	struct dst_store	*st;
	struct dst_trip_new	 t;
	enum dst_trip_outcome	 oc;
	json_t			*trip, *app;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	t = trip_base("2027-03-08");
	file(st, &t, NULL, 0);
	file(st, &t, NULL, 0);

	ck_assert_int_eq(dst_trip_decide(st, 1, 1, "ok, fine", "hr-anna",
	    &trip, &oc, &cause), 0);
	ck_assert_int_eq(oc, DST_TRIP_OK);
	ck_assert_str_eq(str(trip, "status"), "approved");
	app = json_object_get(trip, "approval");
	ck_assert_str_eq(str(app, "decision"), "approve");
	ck_assert_str_eq(str(app, "note"), "ok, fine");
	ck_assert_str_eq(str(app, "by"), "hr-anna");
	ck_assert_int_eq((int)strlen(str(app, "at")), 20);
	ck_assert_ptr_nonnull(json_object_get(trip, "decision"));
	json_decref(trip);

	/* Once only: neither approve nor reject again. */
	ck_assert_int_eq(dst_trip_decide(st, 1, 1, NULL, "hr-bert", &trip,
	    &oc, &cause), -1);
	ck_assert_int_eq(oc, DST_TRIP_DECIDED);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, "hr-anna") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	ck_assert_ptr_nonnull(trip);
	ck_assert_str_eq(str(json_object_get(trip, "approval"), "by"),
	    "hr-anna");
	json_decref(trip);
	ck_assert_int_eq(dst_trip_decide(st, 1, 0, "no", "hr-bert", &trip,
	    &oc, &cause), -1);
	ck_assert_int_eq(oc, DST_TRIP_DECIDED);
	json_decref(trip);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM trips WHERE "
	    "id = 1 AND status = 'approved' AND approval_by = 'hr-anna' AND "
	    "approval_note = 'ok, fine'"), 1);

	/* Reject the other, without a name: anonymous; no note is null. */
	ck_assert_int_eq(dst_trip_decide(st, 2, 0, NULL, "", &trip, &oc,
	    &cause), 0);
	ck_assert_str_eq(str(trip, "status"), "rejected");
	ck_assert_str_eq(str(json_object_get(trip, "approval"), "decision"),
	    "reject");
	ck_assert(json_is_null(json_object_get(json_object_get(trip,
	    "approval"), "note")));
	ck_assert_str_eq(str(json_object_get(trip, "approval"), "by"),
	    "anonymous");
	json_decref(trip);

	/* No such trip. */
	ck_assert_int_eq(dst_trip_decide(st, 99, 1, NULL, "hr-anna", &trip,
	    &oc, &cause), -1);
	ck_assert_int_eq(oc, DST_TRIP_NOT_FOUND);
	ck_assert_ptr_null(trip);
	free(cause);
	dst_store_close(st);
}
END_TEST

/* --- reports ----------------------------------------------------------- */

/* A group of a report by key, or NULL. */
static json_t *
group(const json_t *rep, const char *key)
{
	json_t	*g;
	size_t	 i;

	json_array_foreach(json_object_get(rep, "groups"), i, g)
		if (strcmp(str(g, "key"), key) == 0)
			return (g);
	return (NULL);
}

/* A number as hundredths. */
static long long
x100(const json_t *o, const char *key)
{
	return (llround(num(o, key) * 100.0));
}

/* The groups add up to the total, exactly, in every figure. */
static void
groups_add_up(const json_t *rep)
{
	json_t		*g, *total = json_object_get(rep, "total");
	long long	 trips = 0, co2 = 0, avoided = 0;
	size_t		 i;

	json_array_foreach(json_object_get(rep, "groups"), i, g) {
		trips += json_integer_value(json_object_get(g, "trips"));
		co2 += x100(g, "co2e_kg");
		avoided += x100(g, "co2e_kg_avoided");
	}
	ck_assert_int_eq(trips, json_integer_value(json_object_get(total,
	    "trips")));
	ck_assert_int_eq(co2, x100(total, "co2e_kg"));
	ck_assert_int_eq(avoided, x100(total, "co2e_kg_avoided"));
}

/* Store a trip of a department, mode and CO2 (hundredths). */
static void
file_co2(struct dst_store *st, const char *date, const char *dept,
    enum dec_mode mode, const char *dest, long long chosen, long long plane)
{
	struct dst_trip_new	t;

	t = trip_base(date);
	t.department = dept;
	t.chosen = mode;
	t.destination_id = dest;
	t.destination_name = dest != NULL ? dest : "Liège";
	t.co2e_chosen_x100 = chosen;
	t.co2e_plane_x100 = plane;
	if (mode != DEC_MODE_TRAIN) {
		t.compliant = 0;
		t.exception_reason = "urgent";
	}
	file(st, &t, NULL, 0);
}

START_TEST(test_report)
{
	struct dst_store	*st;
	enum dst_trip_outcome	 oc;
	enum dst_trip_group	 g;
	json_t			*rep, *trip, *gr;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	/* Nothing yet: zeros. */
	rep = dst_trips_report(st, LONG_MIN, LONG_MAX, DST_GROUP_DEPARTMENT,
	    &cause);
	ck_assert_ptr_nonnull(rep);
	ck_assert_uint_eq(json_array_size(json_object_get(rep, "groups")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    rep, "total"), "trips")), 0);
	ck_assert_double_eq(num(json_object_get(rep, "total"), "train_share"),
	    0);
	ck_assert(json_is_null(json_object_get(rep, "from")));
	json_decref(rep);

	/* Figures that do not add up in binary floating point. */
	file_co2(st, "2027-03-08", "Milieudienst", DEC_MODE_TRAIN, "cologne",
	    1, 1001);					/* 1 */
	file_co2(st, "2027-03-20", "Milieudienst", DEC_MODE_PLANE, "cologne",
	    9685, 9685);				/* 2 */
	file_co2(st, "2027-04-02", "ICT", DEC_MODE_TRAIN, "paris", 10, 20);
							/* 3 */
	file_co2(st, "2027-04-30", "ICT", DEC_MODE_CAR, NULL, 6008, 2543);
							/* 4 */
	file_co2(st, "2027-05-01", "Cultuur", DEC_MODE_TRAIN, "paris", 2, 7);
							/* 5 */
	file_co2(st, "2027-05-02", "Cultuur", DEC_MODE_COACH, "paris", 333,
	    3333);					/* 6, rejected */
	ck_assert_int_eq(dst_trip_decide(st, 6, 0, "no", "hr", &trip, &oc,
	    &cause), 0);
	json_decref(trip);
	ck_assert_int_eq(dst_trip_decide(st, 1, 1, NULL, "hr", &trip, &oc,
	    &cause), 0);
	json_decref(trip);

	rep = dst_trips_report(st, LONG_MIN, LONG_MAX, DST_GROUP_DEPARTMENT,
	    &cause);
	ck_assert_msg(rep != NULL, "%s", cause);
	ck_assert_str_eq(str(rep, "group_by"), "department");
	groups_add_up(rep);
	/* The total equals the stored trips, rejected ones excluded. */
	ck_assert_int_eq(x100(json_object_get(rep, "total"), "co2e_kg"),
	    sql_long(path, "SELECT sum(co2e_chosen_x100) FROM trips WHERE "
	    "status <> 'rejected'"));
	ck_assert_int_eq(x100(json_object_get(rep, "total"), "co2e_kg"),
	    1 + 9685 + 10 + 6008 + 2);
	ck_assert_int_eq(x100(json_object_get(rep, "total"),
	    "co2e_kg_avoided"), 1000 + 0 + 10 + (2543 - 6008) + 5);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    rep, "total"), "trips")), 5);
	ck_assert_double_eq_tol(num(json_object_get(rep, "total"),
	    "train_share"), 0.6, 1e-12);
	ck_assert_uint_eq(json_array_size(json_object_get(rep, "groups")), 3);
	/* Ordered by key. */
	ck_assert_str_eq(str(json_array_get(json_object_get(rep, "groups"), 0),
	    "key"), "Cultuur");
	gr = group(rep, "Milieudienst");
	ck_assert_ptr_nonnull(gr);
	ck_assert_int_eq(json_integer_value(json_object_get(gr, "trips")), 2);
	ck_assert_int_eq(x100(gr, "co2e_kg"), 9686);
	ck_assert_int_eq(x100(gr, "co2e_kg_avoided"), 1000);
	ck_assert_double_eq_tol(num(gr, "train_share"), 0.5, 1e-12);
	gr = group(rep, "Cultuur");
	ck_assert_int_eq(json_integer_value(json_object_get(gr, "trips")), 1);
	ck_assert_int_eq(x100(gr, "co2e_kg"), 2);
	ck_assert_double_eq(num(gr, "train_share"), 1);
	gr = group(rep, "ICT");
	ck_assert_int_eq(x100(gr, "co2e_kg_avoided"), 10 + 2543 - 6008);
	json_decref(rep);

	rep = dst_trips_report(st, LONG_MIN, LONG_MAX, DST_GROUP_MODE, &cause);
	ck_assert_ptr_nonnull(rep);
	groups_add_up(rep);
	ck_assert_uint_eq(json_array_size(json_object_get(rep, "groups")), 3);
	ck_assert_int_eq(x100(group(rep, "train"), "co2e_kg"), 13);
	ck_assert_double_eq(num(group(rep, "train"), "train_share"), 1);
	ck_assert_double_eq(num(group(rep, "plane"), "train_share"), 0);
	ck_assert_ptr_null(group(rep, "coach"));	/* rejected */
	json_decref(rep);

	rep = dst_trips_report(st, LONG_MIN, LONG_MAX, DST_GROUP_DESTINATION,
	    &cause);
	ck_assert_ptr_nonnull(rep);
	groups_add_up(rep);
	ck_assert_int_eq(json_integer_value(json_object_get(group(rep,
	    "cologne"), "trips")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(group(rep,
	    "paris"), "trips")), 2);
	/* Unlisted: by name. */
	ck_assert_int_eq(x100(group(rep, "Liège"), "co2e_kg"), 6008);
	json_decref(rep);

	rep = dst_trips_report(st, LONG_MIN, LONG_MAX, DST_GROUP_MONTH,
	    &cause);
	ck_assert_ptr_nonnull(rep);
	groups_add_up(rep);
	ck_assert_str_eq(str(rep, "group_by"), "month");
	ck_assert_uint_eq(json_array_size(json_object_get(rep, "groups")), 3);
	ck_assert_int_eq(x100(group(rep, "2027-03"), "co2e_kg"), 9686);
	ck_assert_int_eq(x100(group(rep, "2027-04"), "co2e_kg"), 6018);
	ck_assert_int_eq(json_integer_value(json_object_get(group(rep,
	    "2027-05"), "trips")), 1);
	json_decref(rep);

	/* from/to on the departure, inclusive. */
	rep = dst_trips_report(st, day("2027-03-20"), day("2027-04-30"),
	    DST_GROUP_MONTH, &cause);
	ck_assert_ptr_nonnull(rep);
	groups_add_up(rep);
	ck_assert_str_eq(str(rep, "from"), "2027-03-20");
	ck_assert_str_eq(str(rep, "to"), "2027-04-30");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    rep, "total"), "trips")), 3);
	ck_assert_int_eq(x100(json_object_get(rep, "total"), "co2e_kg"),
	    9685 + 10 + 6008);
	ck_assert_double_eq_tol(num(json_object_get(rep, "total"),
	    "train_share"), 0.3333, 1e-12);
	json_decref(rep);

	/* Group names. */
	ck_assert_int_eq(dst_trip_group_parse("month", &g), 0);
	ck_assert_int_eq(g, DST_GROUP_MONTH);
	ck_assert_int_eq(dst_trip_group_parse("destination", &g), 0);
	ck_assert_int_eq(g, DST_GROUP_DESTINATION);
	ck_assert_int_eq(dst_trip_group_parse("Month", &g), -1);
	ck_assert_int_eq(dst_trip_group_parse("", &g), -1);
	ck_assert_str_eq(dst_trip_group_name(DST_GROUP_MODE), "mode");
	ck_assert_str_eq(dst_trip_group_name(DST_GROUP_DEPARTMENT),
	    "department");
	dst_store_close(st);
}
END_TEST

/* Many small figures: the sum stays exact (0.01 x 1000 = 10.00). */
START_TEST(test_report_exact)
{
	struct dst_store	*st;
	json_t			*rep;
	char			 path[PATH_MAX], *cause = NULL;
	int			 i;

	st = store_fresh(path, sizeof path);
	for (i = 0; i < 1000; i++)
		file_co2(st, i % 2 ? "2027-01-01" : "2027-02-01",
		    i % 3 ? "A" : "B", DEC_MODE_TRAIN, "paris", 1, 11);
	rep = dst_trips_report(st, LONG_MIN, LONG_MAX, DST_GROUP_DEPARTMENT,
	    &cause);
	ck_assert_ptr_nonnull(rep);
	groups_add_up(rep);
	ck_assert_double_eq(num(json_object_get(rep, "total"), "co2e_kg"),
	    10.0);
	ck_assert_double_eq(num(json_object_get(rep, "total"),
	    "co2e_kg_avoided"), 100.0);
	ck_assert_double_eq(num(group(rep, "B"), "co2e_kg"), 3.34);
	json_decref(rep);
	dst_store_close(st);
}
END_TEST

/* The tests, by what they test. */
static Suite *
trips_suite(void)
{
	Suite	*s = suite_create("trips");
	TCase	*tc;

	tc = tcase_create("store");
	tcase_add_test(tc, test_create);
	tcase_add_test(tc, test_reference_sequence);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_approval_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("report");
	tcase_add_test(tc, test_report);
	tcase_add_test(tc, test_report_exact);
	suite_add_tcase(s, tc);
	return (s);
}

/* Run the suite in a fresh temporary directory. */
int
main(void)
{
	if (check_tmpdir_init("check_trips") == -1)
		return (1);
	return (check_run_suite(trips_suite()));
}
