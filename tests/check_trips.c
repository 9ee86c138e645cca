/*
 * Unit tests of the trip requests (destinations/store/trips.c): storing
 * one with its decision, references numbered per year of departure, lists
 * with filters and pages, approval once only, and CO2 reports whose sums
 * (in hundredths) equal the stored trips, grouped four ways.  The store
 * answers with structs (struct dst_trip, dst_trip_list, dst_report); how
 * the API shows them (kg, train shares) is the daemon's, tested there.
 *
 * Every test opens its own database file under one mkdtemp directory,
 * inside the test function (which runs in Check's forked child).
 */

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "destinations/store/store.h"
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

/* Store a trip; return its id (and its reference in ref). */
static long long
file(struct dst_store *st, const struct dst_trip_new *t, char *ref,
    size_t reflen)
{
	struct dst_trip	 trip;
	char		*cause = NULL;
	long long	 id;

	ck_assert_msg(dst_trip_create(st, t, &trip, &cause) == 0,
	    "dst_trip_create: %s", cause);
	id = trip.id;
	if (ref != NULL)
		snprintf(ref, reflen, "%s", trip.reference);
	dst_trip_clear(&trip);
	return (id);
}

/* The decision a trip was filed under, parsed (a new reference). */
static json_t *
decision_of(const struct dst_trip *t)
{
	json_t	*dec;

	ck_assert_ptr_nonnull(t->decision);
	dec = json_loads(t->decision, 0, NULL);
	ck_assert_msg(json_is_object(dec), "decision not an object: %s",
	    t->decision);
	return (dec);
}

/* A string member. */
static const char *
str(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	ck_assert_msg(s != NULL, "no string %s", key);
	return (s);
}

/* Optional strings: both absent (NULL), or equal. */
static int
same_opt(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

/* Two trips as stored are the same, field by field. */
static void
trip_eq(const struct dst_trip *a, const struct dst_trip *b)
{
	ck_assert_int_eq(a->id, b->id);
	ck_assert_str_eq(a->reference, b->reference);
	ck_assert_str_eq(a->status, b->status);
	ck_assert_int_eq(a->compliant, b->compliant);
	ck_assert_str_eq(a->created_at, b->created_at);
	ck_assert(same_opt(a->created_by, b->created_by));
	ck_assert(same_opt(a->traveller_name, b->traveller_name));
	ck_assert(same_opt(a->traveller_email, b->traveller_email));
	ck_assert(same_opt(a->department, b->department));
	ck_assert(same_opt(a->chosen_mode, b->chosen_mode));
	ck_assert(same_opt(a->exception_reason, b->exception_reason));
	ck_assert(same_opt(a->exception_text, b->exception_text));
	ck_assert(same_opt(a->justification, b->justification));
	ck_assert_str_eq(a->departure_date, b->departure_date);
	ck_assert_str_eq(a->return_date, b->return_date);
	ck_assert_int_eq(a->travellers, b->travellers);
	ck_assert_int_eq(a->co2e_chosen_x100, b->co2e_chosen_x100);
	ck_assert_int_eq(a->co2e_ruled_x100, b->co2e_ruled_x100);
	ck_assert_int_eq(a->co2e_plane_x100, b->co2e_plane_x100);
	ck_assert_int_eq(a->policy_version, b->policy_version);
	ck_assert(same_opt(a->factor_set, b->factor_set));
	ck_assert(same_opt(a->decision, b->decision));
	ck_assert(same_opt(a->approval_decision, b->approval_decision));
	ck_assert(same_opt(a->approval_note, b->approval_note));
	ck_assert(same_opt(a->approval_by, b->approval_by));
	ck_assert(same_opt(a->approval_at, b->approval_at));
}

/* --- storing ----------------------------------------------------------- */

START_TEST(test_create)
{
	struct dst_store	*st;
	struct dst_trip_new	 t;
	struct dst_trip		 trip, again;
	json_t			*dec;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	ck_assert_int_ge(dst_store_schema_version(st), 3);
	t = trip_base("2027-03-08");
	ck_assert_msg(dst_trip_create(st, &t, &trip, &cause) == 0, "%s",
	    cause);

	ck_assert_int_eq(trip.id, 1);
	ck_assert_str_eq(trip.reference, "TR-2027-000001");
	ck_assert_str_eq(trip.status, "pending");
	ck_assert_int_eq(trip.compliant, 1);
	ck_assert_pstr_eq(trip.created_by, "desk");
	ck_assert_int_eq((int)strlen(trip.created_at), 20);
	ck_assert_pstr_eq(trip.traveller_name, "An Peeters");
	ck_assert_pstr_eq(trip.traveller_email, "an.peeters@stad.gent");
	ck_assert_pstr_eq(trip.department, "Milieudienst");
	ck_assert_pstr_eq(trip.chosen_mode, "train");
	ck_assert_ptr_null(trip.exception_reason);
	ck_assert_ptr_null(trip.exception_text);
	ck_assert_ptr_null(trip.justification);
	/* Destination and ruling are the decision's own. */
	dec = decision_of(&trip);
	ck_assert_str_eq(str(json_object_get(dec, "destination"), "id"),
	    "cologne");
	ck_assert_str_eq(str(json_object_get(dec, "destination"), "name"),
	    "Köln");
	ck_assert_str_eq(str(json_object_get(dec, "ruling"), "strength"),
	    "mandatory");
	ck_assert_str_eq(str(dec, "scope"), "multi_day_foreign");
	json_decref(dec);
	ck_assert_str_eq(trip.departure_date, "2027-03-08");
	ck_assert_str_eq(trip.return_date, "2027-03-10");
	ck_assert_int_eq(trip.travellers, 2);
	ck_assert_int_eq(trip.co2e_chosen_x100, 3873);
	ck_assert_int_eq(trip.co2e_ruled_x100, 3873);
	ck_assert_int_eq(trip.co2e_plane_x100, 9685);
	ck_assert_int_eq(trip.co2e_chosen_x100 - trip.co2e_ruled_x100, 0);
	ck_assert_int_eq(trip.policy_version, 1);
	ck_assert_pstr_eq(trip.factor_set, "DESNZ-2025");
	ck_assert_ptr_null(trip.approval_decision);
	ck_assert_ptr_null(trip.approval_note);
	ck_assert_ptr_null(trip.approval_by);
	ck_assert_ptr_null(trip.approval_at);

	/* Read back: the same. */
	ck_assert_int_eq(dst_trip_get(st, 1, &again, &cause), 1);
	trip_eq(&trip, &again);
	dst_trip_clear(&again);
	ck_assert_int_eq(dst_trip_get(st, 2, &again, &cause), 0);
	ck_assert_int_eq(again.id, 0);
	ck_assert_ptr_null(again.decision);
	dst_trip_clear(&trip);

	/* An exception: not compliant, the difference against the ruling. */
	t = trip_base("2027-03-08");
	t.chosen = DEC_MODE_PLANE;
	t.compliant = 0;
	t.exception_reason = "medical";
	t.co2e_chosen_x100 = 9685;
	t.created_by = NULL;
	ck_assert_msg(dst_trip_create(st, &t, &trip, &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(trip.compliant, 0);
	ck_assert_pstr_eq(trip.chosen_mode, "plane");
	ck_assert_pstr_eq(trip.exception_reason, "medical");
	ck_assert_ptr_null(trip.exception_text);
	ck_assert_int_eq(trip.co2e_chosen_x100 - trip.co2e_ruled_x100, 5812);
	ck_assert_pstr_eq(trip.created_by, "anonymous");
	dst_trip_clear(&trip);

	/* The store's own checks: nothing half-written, no number used. */
	t = trip_base("2027-03-08");
	t.compliant = 0;
	cause = NULL;
	ck_assert_int_eq(dst_trip_create(st, &t, &trip, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_int_eq(trip.id, 0);
	ck_assert_ptr_null(trip.decision);
	free(cause);
	cause = NULL;
	t = trip_base("2027-03-08");
	t.decision = "{not json";
	ck_assert_int_eq(dst_trip_create(st, &t, &trip, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_int_eq(trip.id, 0);
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
list_ids(const struct dst_trip_list *list, char *buf, size_t len)
{
	size_t	 i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < list->n && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%lld",
		    i ? "," : "", list->v[i].id);
}

/* List with a filter; check count and ids. */
static void
list_expect(struct dst_store *st, const struct dst_trip_filter *f,
    long long count, const char *ids)
{
	struct dst_trip_list	 list;
	char			 got[256], *cause = NULL;

	ck_assert_msg(dst_trips_list(st, f, &list, &cause) == 0, "%s",
	    cause);
	list_ids(&list, got, sizeof got);
	ck_assert_msg(list.count == count && strcmp(got, ids) == 0,
	    "count %lld ids %s; expected %lld %s", list.count, got, count,
	    ids);
	/* A page holds at most limit trips. */
	ck_assert_int_le((long long)list.n, f->limit);
	dst_trip_list_clear(&list);
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
	struct dst_trip_list	 list;
	struct dst_trip		 trip;
	enum dst_trip_outcome	 oc;
	json_t			*dec;
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
	dst_trip_clear(&trip);
	ck_assert_int_eq(dst_trip_decide(st, 4, 0, "too far", "hr1", &trip,
	    &oc, &cause), 0);
	dst_trip_clear(&trip);

	/* Newest first, each with the ruling it was filed under. */
	ck_assert_int_eq(dst_trips_list(st, &f, &list, &cause), 0);
	ck_assert_int_eq(list.count, 7);
	ck_assert_uint_eq(list.n, 7);
	ck_assert_int_eq(list.v[0].id, 7);
	ck_assert_pstr_eq(list.v[0].department, "Milieudienst");
	ck_assert_str_eq(list.v[0].departure_date, "2027-04-01");
	dec = decision_of(&list.v[0]);
	ck_assert_str_eq(str(json_object_get(dec, "ruling"), "mode"),
	    "train");
	json_decref(dec);
	ck_assert_str_eq(list.v[3].status, "rejected");
	ck_assert_pstr_eq(list.v[3].approval_note, "too far");
	ck_assert_str_eq(list.v[4].status, "approved");
	ck_assert_pstr_eq(list.v[4].approval_by, "hr1");
	dst_trip_list_clear(&list);
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
	struct dst_trip		 trip;
	enum dst_trip_outcome	 oc;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	t = trip_base("2027-03-08");
	file(st, &t, NULL, 0);
	file(st, &t, NULL, 0);

	ck_assert_int_eq(dst_trip_decide(st, 1, 1, "ok, fine", "hr-anna",
	    &trip, &oc, &cause), 0);
	ck_assert_int_eq(oc, DST_TRIP_OK);
	ck_assert_int_eq(trip.id, 1);
	ck_assert_str_eq(trip.status, "approved");
	ck_assert_pstr_eq(trip.approval_decision, "approve");
	ck_assert_pstr_eq(trip.approval_note, "ok, fine");
	ck_assert_pstr_eq(trip.approval_by, "hr-anna");
	ck_assert_ptr_nonnull(trip.approval_at);
	ck_assert_int_eq((int)strlen(trip.approval_at), 20);
	ck_assert_ptr_nonnull(trip.decision);
	dst_trip_clear(&trip);

	/* Once only: neither approve nor reject again. */
	ck_assert_int_eq(dst_trip_decide(st, 1, 1, NULL, "hr-bert", &trip,
	    &oc, &cause), -1);
	ck_assert_int_eq(oc, DST_TRIP_DECIDED);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, "hr-anna") != NULL, "%s", cause);
	free(cause);
	cause = NULL;
	/* The trip as it was decided. */
	ck_assert_int_eq(trip.id, 1);
	ck_assert_str_eq(trip.status, "approved");
	ck_assert_pstr_eq(trip.approval_by, "hr-anna");
	dst_trip_clear(&trip);
	ck_assert_int_eq(dst_trip_decide(st, 1, 0, "no", "hr-bert", &trip,
	    &oc, &cause), -1);
	ck_assert_int_eq(oc, DST_TRIP_DECIDED);
	ck_assert_pstr_eq(trip.approval_by, "hr-anna");
	dst_trip_clear(&trip);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM trips WHERE "
	    "id = 1 AND status = 'approved' AND approval_by = 'hr-anna' AND "
	    "approval_note = 'ok, fine'"), 1);

	/* Reject the other, without a name: anonymous; no note is null. */
	ck_assert_int_eq(dst_trip_decide(st, 2, 0, NULL, "", &trip, &oc,
	    &cause), 0);
	ck_assert_int_eq(oc, DST_TRIP_OK);
	ck_assert_str_eq(trip.status, "rejected");
	ck_assert_pstr_eq(trip.approval_decision, "reject");
	ck_assert_ptr_null(trip.approval_note);
	ck_assert_pstr_eq(trip.approval_by, "anonymous");
	dst_trip_clear(&trip);

	/* No such trip. */
	ck_assert_int_eq(dst_trip_decide(st, 99, 1, NULL, "hr-anna", &trip,
	    &oc, &cause), -1);
	ck_assert_int_eq(oc, DST_TRIP_NOT_FOUND);
	ck_assert_ptr_nonnull(cause);
	ck_assert_int_eq(trip.id, 0);
	ck_assert_ptr_null(trip.decision);
	ck_assert_ptr_null(trip.approval_by);
	free(cause);
	dst_store_close(st);
}
END_TEST

/* --- reports ----------------------------------------------------------- */

/* A group of a report by key, or NULL. */
static const struct dst_sums *
group(const struct dst_report *rep, const char *key)
{
	size_t	i;

	for (i = 0; i < rep->n; i++)
		if (strcmp(rep->groups[i].key, key) == 0)
			return (&rep->groups[i]);
	return (NULL);
}

/* A group that must be there. */
static const struct dst_sums *
group_of(const struct dst_report *rep, const char *key)
{
	const struct dst_sums	*g = group(rep, key);

	ck_assert_msg(g != NULL, "no group %s", key);
	return (g);
}

/* The groups add up to the total, exactly, in every figure, and are
 * ordered by key. */
static void
groups_add_up(const struct dst_report *rep)
{
	long long	 trips = 0, train = 0, co2 = 0, avoided = 0;
	size_t		 i;

	for (i = 0; i < rep->n; i++) {
		trips += rep->groups[i].trips;
		train += rep->groups[i].train;
		co2 += rep->groups[i].co2e_x100;
		avoided += rep->groups[i].avoided_x100;
		if (i > 0)
			ck_assert_int_lt(strcmp(rep->groups[i - 1].key,
			    rep->groups[i].key), 0);
	}
	ck_assert_int_eq(trips, rep->total.trips);
	ck_assert_int_eq(train, rep->total.train);
	ck_assert_int_eq(co2, rep->total.co2e_x100);
	ck_assert_int_eq(avoided, rep->total.avoided_x100);
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
	struct dst_trip		 trip;
	struct dst_report	 rep;
	const struct dst_sums	*gr;
	enum dst_trip_outcome	 oc;
	enum dst_trip_group	 g;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	/* Nothing yet: zeros. */
	ck_assert_int_eq(dst_trips_report(st, LONG_MIN, LONG_MAX,
	    DST_GROUP_DEPARTMENT, &rep, &cause), 0);
	ck_assert_uint_eq(rep.n, 0);
	ck_assert_int_eq(rep.total.trips, 0);
	ck_assert_int_eq(rep.total.train, 0);
	ck_assert_int_eq(rep.total.co2e_x100, 0);
	ck_assert_int_eq(rep.total.avoided_x100, 0);
	ck_assert(rep.from == LONG_MIN);
	ck_assert(rep.to == LONG_MAX);
	dst_report_clear(&rep);

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
	dst_trip_clear(&trip);
	ck_assert_int_eq(dst_trip_decide(st, 1, 1, NULL, "hr", &trip, &oc,
	    &cause), 0);
	dst_trip_clear(&trip);

	ck_assert_msg(dst_trips_report(st, LONG_MIN, LONG_MAX,
	    DST_GROUP_DEPARTMENT, &rep, &cause) == 0, "%s", cause);
	ck_assert_int_eq(rep.group, DST_GROUP_DEPARTMENT);
	groups_add_up(&rep);
	/* The total equals the stored trips, rejected ones excluded. */
	ck_assert_int_eq(rep.total.co2e_x100, sql_long(path,
	    "SELECT sum(co2e_chosen_x100) FROM trips WHERE "
	    "status <> 'rejected'"));
	ck_assert_int_eq(rep.total.co2e_x100, 1 + 9685 + 10 + 6008 + 2);
	ck_assert_int_eq(rep.total.avoided_x100,
	    1000 + 0 + 10 + (2543 - 6008) + 5);
	ck_assert_int_eq(rep.total.trips, 5);
	/* Train share 0.6: 3 of 5. */
	ck_assert_int_eq(rep.total.train, 3);
	ck_assert_uint_eq(rep.n, 3);
	/* Ordered by key. */
	ck_assert_str_eq(rep.groups[0].key, "Cultuur");
	gr = group_of(&rep, "Milieudienst");
	ck_assert_int_eq(gr->trips, 2);
	ck_assert_int_eq(gr->co2e_x100, 9686);
	ck_assert_int_eq(gr->avoided_x100, 1000);
	ck_assert_int_eq(gr->train, 1);			/* share 0.5 */
	gr = group_of(&rep, "Cultuur");
	ck_assert_int_eq(gr->trips, 1);
	ck_assert_int_eq(gr->co2e_x100, 2);
	ck_assert_int_eq(gr->train, gr->trips);		/* share 1 */
	gr = group_of(&rep, "ICT");
	ck_assert_int_eq(gr->avoided_x100, 10 + 2543 - 6008);
	dst_report_clear(&rep);

	ck_assert_int_eq(dst_trips_report(st, LONG_MIN, LONG_MAX,
	    DST_GROUP_MODE, &rep, &cause), 0);
	groups_add_up(&rep);
	ck_assert_uint_eq(rep.n, 3);
	ck_assert_int_eq(group_of(&rep, "train")->co2e_x100, 13);
	ck_assert_int_eq(group_of(&rep, "train")->train,
	    group_of(&rep, "train")->trips);		/* share 1 */
	ck_assert_int_eq(group_of(&rep, "plane")->train, 0);
	ck_assert_ptr_null(group(&rep, "coach"));	/* rejected */
	dst_report_clear(&rep);

	ck_assert_int_eq(dst_trips_report(st, LONG_MIN, LONG_MAX,
	    DST_GROUP_DESTINATION, &rep, &cause), 0);
	groups_add_up(&rep);
	ck_assert_int_eq(group_of(&rep, "cologne")->trips, 2);
	ck_assert_int_eq(group_of(&rep, "paris")->trips, 2);
	/* Unlisted: by name. */
	ck_assert_int_eq(group_of(&rep, "Liège")->co2e_x100, 6008);
	dst_report_clear(&rep);

	ck_assert_int_eq(dst_trips_report(st, LONG_MIN, LONG_MAX,
	    DST_GROUP_MONTH, &rep, &cause), 0);
	groups_add_up(&rep);
	ck_assert_int_eq(rep.group, DST_GROUP_MONTH);
	ck_assert_uint_eq(rep.n, 3);
	ck_assert_int_eq(group_of(&rep, "2027-03")->co2e_x100, 9686);
	ck_assert_int_eq(group_of(&rep, "2027-04")->co2e_x100, 6018);
	ck_assert_int_eq(group_of(&rep, "2027-05")->trips, 1);
	dst_report_clear(&rep);

	/* from/to on the departure, inclusive. */
	ck_assert_int_eq(dst_trips_report(st, day("2027-03-20"),
	    day("2027-04-30"), DST_GROUP_MONTH, &rep, &cause), 0);
	groups_add_up(&rep);
	ck_assert_int_eq(rep.from, day("2027-03-20"));
	ck_assert_int_eq(rep.to, day("2027-04-30"));
	ck_assert_int_eq(rep.total.trips, 3);
	ck_assert_int_eq(rep.total.co2e_x100, 9685 + 10 + 6008);
	/* Train share 0.3333: 1 of 3. */
	ck_assert_int_eq(rep.total.train, 1);
	dst_report_clear(&rep);

	/* An unknown grouping is refused. */
	cause = NULL;
	ck_assert_int_eq(dst_trips_report(st, LONG_MIN, LONG_MAX,
	    (enum dst_trip_group)4, &rep, &cause), -1);
	ck_assert_ptr_nonnull(cause);
	ck_assert_uint_eq(rep.n, 0);
	ck_assert_ptr_null(rep.groups);
	free(cause);

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
	ck_assert_str_eq(dst_trip_group_name(DST_GROUP_MONTH), "month");
	dst_store_close(st);
}
END_TEST

/* Many small figures: the sum stays exact (0.01 x 1000 = 10.00). */
START_TEST(test_report_exact)
{
	struct dst_store	*st;
	struct dst_report	 rep;
	char			 path[PATH_MAX], *cause = NULL;
	int			 i;

	st = store_fresh(path, sizeof path);
	for (i = 0; i < 1000; i++)
		file_co2(st, i % 2 ? "2027-01-01" : "2027-02-01",
		    i % 3 ? "A" : "B", DEC_MODE_TRAIN, "paris", 1, 11);
	ck_assert_int_eq(dst_trips_report(st, LONG_MIN, LONG_MAX,
	    DST_GROUP_DEPARTMENT, &rep, &cause), 0);
	groups_add_up(&rep);
	ck_assert_int_eq(rep.total.trips, 1000);
	ck_assert_int_eq(rep.total.co2e_x100, 1000);		/* 10.00 kg */
	ck_assert_int_eq(rep.total.avoided_x100, 10000);	/* 100.00 kg */
	ck_assert_int_eq(group_of(&rep, "B")->co2e_x100, 334);	/* 3.34 kg */
	dst_report_clear(&rep);
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
	/* A thousand transactions: slow under the sanitizers. */
	tcase_set_timeout(tc, 60);
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
