/*
 * Trip requests: store one with the decision it was ruled under, read
 * one or a page of them, approve or reject once, and sum their CO2.
 * Every write is one BEGIN IMMEDIATE transaction; CO2 is kept in integer
 * hundredths of a kg so that sums are exact.
 */

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/internal.h"

#define SEQ_MAX		999999

/* The columns trip_json reads, in this order. */
#define TRIP_COLUMNS	"id, reference, status, compliant, created_at, " \
	"created_by, traveller_name, traveller_email, department, " \
	"chosen_mode, exception_reason, exception_text, justification, " \
	"departure_date, return_date, travellers, co2e_chosen_x100, " \
	"co2e_ruled_x100, co2e_plane_x100, policy_version, factor_set, " \
	"decision, approval_decision, approval_note, approval_by, approval_at"
enum {
	C_ID, C_REFERENCE, C_STATUS, C_COMPLIANT, C_CREATED_AT, C_CREATED_BY,
	C_NAME, C_EMAIL, C_DEPARTMENT, C_CHOSEN, C_EXC_REASON, C_EXC_TEXT,
	C_JUSTIFICATION, C_DEPARTURE, C_RETURN, C_TRAVELLERS, C_CHOSEN_X100,
	C_RULED_X100, C_PLANE_X100, C_POLICY, C_FACTOR_SET, C_DECISION,
	C_APP_DECISION, C_APP_NOTE, C_APP_BY, C_APP_AT
};

static const char *const group_names[] = {
	"department", "mode", "destination", "month"
};
/* The SQL that makes each group's key (indexed like group_names). */
static const char *const group_keys[] = {
	"department", "chosen_mode", "coalesce(destination_id, "
	"destination_name)", "substr(departure_date, 1, 7)"
};

/* A report group's wire name. */
const char *
dst_trip_group_name(enum dst_trip_group g)
{
	return ((unsigned)g < 4 ? group_names[g] : "department");
}

/* Parse department, mode, destination or month. */
int
dst_trip_group_parse(const char *s, enum dst_trip_group *g)
{
	int	i;

	for (i = 0; i < 4; i++) {
		if (strcmp(s, group_names[i]) == 0) {
			*g = (enum dst_trip_group)i;
			return (0);
		}
	}
	return (-1);
}

/* --- rows -------------------------------------------------------------- */

/* A text column as a JSON string, or null. */
static json_t *
col_string(sqlite3_stmt *st, int col)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	return (t != NULL ? json_string((const char *)t) : json_null());
}

/* Hundredths as kg. */
static json_t *
kg(long long x100)
{
	return (json_real((double)x100 / 100.0));
}

/* A trip row as its JSON (see destinations.h); NULL with *cause. */
static json_t *
trip_json(sqlite3_stmt *st, int with_decision, char **cause)
{
	const char	*text;
	json_t		*t, *dec, *exc, *app;
	long long	 chosen, ruled;
	int		 rc = 0;

	text = (const char *)sqlite3_column_text(st, C_DECISION);
	dec = text != NULL ? json_loads(text, 0, NULL) : NULL;
	if (!json_is_object(dec)) {
		dst_set_cause(cause, "trip %lld: bad decision JSON in the "
		    "database", (long long)sqlite3_column_int64(st, C_ID));
		json_decref(dec);
		return (NULL);
	}
	if (sqlite3_column_type(st, C_EXC_REASON) == SQLITE_NULL)
		exc = json_null();
	else
		exc = json_pack("{s:o, s:o}", "reason",
		    col_string(st, C_EXC_REASON), "text",
		    col_string(st, C_EXC_TEXT));
	if (sqlite3_column_type(st, C_APP_DECISION) == SQLITE_NULL)
		app = json_null();
	else
		app = json_pack("{s:o, s:o, s:o, s:o}",
		    "decision", col_string(st, C_APP_DECISION),
		    "note", col_string(st, C_APP_NOTE),
		    "by", col_string(st, C_APP_BY),
		    "at", col_string(st, C_APP_AT));
	chosen = sqlite3_column_int64(st, C_CHOSEN_X100);
	ruled = sqlite3_column_int64(st, C_RULED_X100);

	if ((t = json_object()) == NULL) {
		json_decref(exc);
		json_decref(app);
		goto nomem;
	}
	rc |= json_object_set_new(t, "id",
	    json_integer(sqlite3_column_int64(st, C_ID)));
	rc |= json_object_set_new(t, "reference", col_string(st, C_REFERENCE));
	rc |= json_object_set_new(t, "status", col_string(st, C_STATUS));
	rc |= json_object_set_new(t, "compliant",
	    json_boolean(sqlite3_column_int(st, C_COMPLIANT)));
	rc |= json_object_set_new(t, "created_at",
	    col_string(st, C_CREATED_AT));
	rc |= json_object_set_new(t, "created_by",
	    col_string(st, C_CREATED_BY));
	rc |= json_object_set_new(t, "traveller", json_pack("{s:o, s:o, s:o}",
	    "name", col_string(st, C_NAME), "email", col_string(st, C_EMAIL),
	    "department", col_string(st, C_DEPARTMENT)));
	rc |= json_object_set_new(t, "chosen_mode", col_string(st, C_CHOSEN));
	rc |= json_object_set_new(t, "exception", exc);
	rc |= json_object_set_new(t, "justification",
	    col_string(st, C_JUSTIFICATION));
	rc |= json_object_set(t, "destination",
	    json_object_get(dec, "destination"));
	rc |= json_object_set_new(t, "departure_date",
	    col_string(st, C_DEPARTURE));
	rc |= json_object_set_new(t, "return_date", col_string(st, C_RETURN));
	rc |= json_object_set_new(t, "travellers",
	    json_integer(sqlite3_column_int64(st, C_TRAVELLERS)));
	rc |= json_object_set(t, "ruling", json_object_get(dec, "ruling"));
	rc |= json_object_set_new(t, "co2e_kg_chosen", kg(chosen));
	rc |= json_object_set_new(t, "co2e_kg_ruled", kg(ruled));
	rc |= json_object_set_new(t, "co2e_kg_plane",
	    kg(sqlite3_column_int64(st, C_PLANE_X100)));
	rc |= json_object_set_new(t, "co2e_kg_difference", kg(chosen - ruled));
	rc |= json_object_set_new(t, "policy_version",
	    json_integer(sqlite3_column_int64(st, C_POLICY)));
	rc |= json_object_set_new(t, "factor_set",
	    col_string(st, C_FACTOR_SET));
	if (with_decision)
		rc |= json_object_set(t, "decision", dec);
	rc |= json_object_set_new(t, "approval", app);
	json_decref(dec);
	if (rc != 0) {
		json_decref(t);
		dst_set_cause(cause, "out of memory");
		return (NULL);
	}
	return (t);

nomem:
	json_decref(dec);
	dst_set_cause(cause, "out of memory");
	return (NULL);
}

/* Read one trip by id in the open transaction (or none): *trip or NULL. */
static int
trip_load(sqlite3 *db, long long id, int with_decision, json_t **trip,
    char **cause)
{
	static const char sql[] = "SELECT " TRIP_COLUMNS " FROM trips "
	    "WHERE id = ?1";
	sqlite3_stmt	*st = NULL;
	int		 rc;

	*trip = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		goto sqlfail;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if ((*trip = trip_json(st, with_decision, cause)) == NULL)
			goto fail;
	} else if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);
	return (0);

sqlfail:
	dst_sql_cause(db, "trips", cause);
fail:
	sqlite3_finalize(st);
	return (-1);
}

/* --- transactions ------------------------------------------------------ */

/* Undo the transaction, if one is open. */
static void
tx_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Commit; on failure roll back. */
static int
tx_commit(sqlite3 *db, char **cause)
{
	if (dst_exec(db, "COMMIT", cause) != 0) {
		tx_rollback(db);
		return (-1);
	}
	return (0);
}

/* Bind text, or NULL for a NULL or empty string. */
static int
bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		return (sqlite3_bind_null(st, i));
	return (sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC));
}

/* Bind a day as "YYYY-MM-DD" (buf: 16 bytes, alive until the step). */
static int
bind_day(sqlite3_stmt *st, int i, long day, char *buf)
{
	dec_date_format(day, buf, 16);
	return (sqlite3_bind_text(st, i, buf, -1, SQLITE_STATIC));
}

/* Bind a filter bound: NULL when open. */
static int
bind_bound(sqlite3_stmt *st, int i, long day, char *buf)
{
	if (day == LONG_MIN || day == LONG_MAX)
		return (sqlite3_bind_null(st, i));
	return (bind_day(st, i, day, buf));
}

/* The year of a day (days since the epoch). */
static int
day_year(long day)
{
	char	buf[16];

	dec_date_format(day, buf, sizeof buf);
	return (atoi(buf));
}

/* --- the writes -------------------------------------------------------- */

/* The next sequence number of a year, in the open transaction. */
static int
next_seq(sqlite3 *db, int year, int *seq, char **cause)
{
	static const char sql[] = "SELECT coalesce(max(seq), 0) + 1 FROM "
	    "trips WHERE year = ?1";
	sqlite3_stmt	*st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, year) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		dst_sql_cause(db, "trips", cause);
		sqlite3_finalize(st);
		return (-1);
	}
	*seq = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (*seq > SEQ_MAX) {
		dst_set_cause(cause, "trips: more than %d trip requests "
		    "departing in %d", SEQ_MAX, year);
		return (-1);
	}
	return (0);
}

/* Store a new trip (see destinations.h). */
struct json_t *
dst_trip_create(struct dst_store *s, const struct dst_trip_new *t,
    char **cause)
{
	static const char sql[] = "INSERT INTO trips (reference, year, seq, "
	    "status, compliant, created_at, created_by, traveller_name, "
	    "traveller_email, department, destination_id, destination_name, "
	    "country, departure_date, return_date, travellers, chosen_mode, "
	    "ruled_mode, strength, exception_reason, exception_text, "
	    "justification, co2e_chosen_x100, co2e_ruled_x100, "
	    "co2e_plane_x100, policy_version, factor_set, decision) VALUES "
	    "(?1, ?2, ?3, 'pending', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
	    "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
	    "?25, ?26, ?27)";
	sqlite3_stmt	*st = NULL;
	json_t		*trip = NULL;
	const char	*who;
	char		 ref[32], now[32], dep[16], ret[16];
	int		 year, seq;

	who = t->created_by != NULL && *t->created_by != '\0' ?
	    t->created_by : DST_ANONYMOUS;
	year = day_year(t->departure);
	if (dst_exec(s->db, "BEGIN IMMEDIATE", cause) != 0)
		return (NULL);
	if (next_seq(s->db, year, &seq, cause) != 0)
		goto fail;
	snprintf(ref, sizeof ref, "TR-%04d-%06d", year, seq);
	dst_now(now, sizeof now);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, year) != SQLITE_OK ||
	    sqlite3_bind_int(st, 3, seq) != SQLITE_OK ||
	    sqlite3_bind_int(st, 4, t->compliant ? 1 : 0) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 6, who, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 7, t->traveller_name, -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 8, t->traveller_email, -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 9, t->department, -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    bind_opt(st, 10, t->destination_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 11, t->destination_name != NULL ?
	    t->destination_name : "", -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 12, t->country, -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    bind_day(st, 13, t->departure, dep) != SQLITE_OK ||
	    bind_day(st, 14, t->return_day, ret) != SQLITE_OK ||
	    sqlite3_bind_int(st, 15, t->travellers) != SQLITE_OK ||
	    sqlite3_bind_text(st, 16, dec_mode_name(t->chosen), -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 17, dec_mode_name(t->ruled), -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 18, dec_strength_name(t->strength), -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    bind_opt(st, 19, t->exception_reason) != SQLITE_OK ||
	    bind_opt(st, 20, t->exception_text) != SQLITE_OK ||
	    bind_opt(st, 21, t->justification) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 22, t->co2e_chosen_x100) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 23, t->co2e_ruled_x100) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 24, t->co2e_plane_x100) != SQLITE_OK ||
	    sqlite3_bind_int(st, 25, t->policy_version) != SQLITE_OK ||
	    sqlite3_bind_text(st, 26, t->factor_set, -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 27, t->decision, -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		dst_sql_cause(s->db, ref, cause);
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (trip_load(s->db, sqlite3_last_insert_rowid(s->db), 1, &trip,
	    cause) != 0)
		goto fail;
	if (trip == NULL) {
		dst_set_cause(cause, "%s: not found after the insert", ref);
		goto fail;
	}
	if (tx_commit(s->db, cause) != 0)
		goto fail;
	return (trip);

fail:
	sqlite3_finalize(st);
	json_decref(trip);
	tx_rollback(s->db);
	return (NULL);
}

/* Approve or reject a pending trip (see destinations.h). */
int
dst_trip_decide(struct dst_store *s, long long id, int approve,
    const char *note, const char *who, struct json_t **trip,
    enum dst_trip_outcome *outcome, char **cause)
{
	static const char sql[] = "UPDATE trips SET status = ?2, "
	    "approval_decision = ?3, approval_note = ?4, approval_by = ?5, "
	    "approval_at = ?6 WHERE id = ?1 AND status = 'pending'";
	sqlite3_stmt	*st = NULL;
	json_t		*cur = NULL, *app;
	char		 now[32];

	*trip = NULL;
	*outcome = DST_TRIP_FAILED;
	if (who == NULL || *who == '\0')
		who = DST_ANONYMOUS;
	if (dst_exec(s->db, "BEGIN IMMEDIATE", cause) != 0)
		return (-1);
	if (trip_load(s->db, id, 1, &cur, cause) != 0)
		goto fail;
	if (cur == NULL) {
		*outcome = DST_TRIP_NOT_FOUND;
		dst_set_cause(cause, "no trip with id %lld", id);
		goto fail;
	}
	if (strcmp(json_string_value(json_object_get(cur, "status")),
	    "pending") != 0) {
		app = json_object_get(cur, "approval");
		*outcome = DST_TRIP_DECIDED;
		dst_set_cause(cause, "%s was %s already, by %s at %s",
		    json_string_value(json_object_get(cur, "reference")),
		    json_string_value(json_object_get(cur, "status")),
		    json_string_value(json_object_get(app, "by")),
		    json_string_value(json_object_get(app, "at")));
		*trip = cur;
		cur = NULL;
		goto fail;
	}
	json_decref(cur);
	cur = NULL;
	dst_now(now, sizeof now);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, approve ? "approved" : "rejected", -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, approve ? "approve" : "reject", -1,
	    SQLITE_STATIC) != SQLITE_OK ||
	    bind_opt(st, 4, note) != SQLITE_OK ||
	    sqlite3_bind_text(st, 5, who, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		dst_sql_cause(s->db, "trips", cause);
		goto fail;
	}
	if (sqlite3_changes(s->db) != 1) {
		dst_set_cause(cause, "trip %lld: not updated", id);
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (trip_load(s->db, id, 1, &cur, cause) != 0 || cur == NULL ||
	    tx_commit(s->db, cause) != 0)
		goto fail;
	*trip = cur;
	*outcome = DST_TRIP_OK;
	return (0);

fail:
	if (*outcome == DST_TRIP_FAILED && cause != NULL && *cause == NULL)
		dst_set_cause(cause, "trip %lld: failed", id);
	sqlite3_finalize(st);
	json_decref(cur);
	tx_rollback(s->db);
	return (-1);
}

/* --- reads ------------------------------------------------------------- */

/* One trip by id (see destinations.h). */
int
dst_trip_get(struct dst_store *s, long long id, struct json_t **trip,
    char **cause)
{
	return (trip_load(s->db, id, 1, trip, cause));
}

/* The WHERE clause of a list, on parameters ?1 to ?4. */
#define LIST_WHERE	" FROM trips WHERE (?1 IS NULL OR status = ?1) AND " \
	"(?2 IS NULL OR department = ?2) AND (?3 IS NULL OR " \
	"departure_date >= ?3) AND (?4 IS NULL OR departure_date <= ?4)"

/* Bind a filter to ?1..?4 (from, to: 16-byte buffers). */
static int
bind_filter(sqlite3_stmt *st, const struct dst_trip_filter *f, char *from,
    char *to)
{
	if (bind_opt(st, 1, f->status) != SQLITE_OK ||
	    bind_opt(st, 2, f->department) != SQLITE_OK ||
	    bind_bound(st, 3, f->from, from) != SQLITE_OK ||
	    bind_bound(st, 4, f->to, to) != SQLITE_OK)
		return (-1);
	return (0);
}

/* One page of trips (see destinations.h). */
struct json_t *
dst_trips_list(struct dst_store *s, const struct dst_trip_filter *f,
    char **cause)
{
	static const char count_sql[] = "SELECT count(*)" LIST_WHERE;
	static const char page_sql[] = "SELECT " TRIP_COLUMNS LIST_WHERE
	    " ORDER BY id DESC LIMIT ?5 OFFSET ?6";
	sqlite3_stmt	*st = NULL;
	json_t		*trips, *t, *out = NULL;
	char		 from[16], to[16];
	long long	 count;
	int		 rc;

	if ((trips = json_array()) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (NULL);
	}
	/* One read transaction: the count and the page agree. */
	if (dst_exec(s->db, "BEGIN", cause) != 0)
		goto fail;
	if (sqlite3_prepare_v2(s->db, count_sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_filter(st, f, from, to) != 0 ||
	    sqlite3_step(st) != SQLITE_ROW)
		goto sqlfail;
	count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db, page_sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_filter(st, f, from, to) != 0 ||
	    sqlite3_bind_int64(st, 5, f->limit) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 6, f->offset) != SQLITE_OK)
		goto sqlfail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((t = trip_json(st, 0, cause)) == NULL)
			goto fail;
		if (json_array_append_new(trips, t) != 0) {
			dst_set_cause(cause, "out of memory");
			goto fail;
		}
	}
	if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);
	st = NULL;
	if (tx_commit(s->db, cause) != 0)
		goto fail;
	out = json_pack("{s:I, s:I, s:I, s:O}", "count", (json_int_t)count,
	    "limit", (json_int_t)f->limit, "offset", (json_int_t)f->offset,
	    "trips", trips);
	if (out == NULL)
		dst_set_cause(cause, "out of memory");
	json_decref(trips);
	return (out);

sqlfail:
	dst_sql_cause(s->db, "trips", cause);
fail:
	sqlite3_finalize(st);
	tx_rollback(s->db);
	json_decref(trips);
	return (NULL);
}

/* Sums of one group (or the total), exact. */
struct sums {
	long long	 trips, train, co2, avoided;
};

/* The figures of a group as JSON members of o. */
static int
sums_set(json_t *o, const struct sums *x)
{
	double	share = 0;
	int	rc = 0;

	if (x->trips > 0)
		share = round((double)x->train * 10000.0 /
		    (double)x->trips) / 10000.0;
	rc |= json_object_set_new(o, "trips", json_integer(x->trips));
	rc |= json_object_set_new(o, "co2e_kg", kg(x->co2));
	rc |= json_object_set_new(o, "co2e_kg_avoided", kg(x->avoided));
	rc |= json_object_set_new(o, "train_share", json_real(share));
	return (rc);
}

/* A bound of a report as JSON: "YYYY-MM-DD", or null when open. */
static json_t *
bound_json(long day)
{
	char	buf[16];

	if (day == LONG_MIN || day == LONG_MAX)
		return (json_null());
	dec_date_format(day, buf, sizeof buf);
	return (json_string(buf));
}

/* CO2 by group (see destinations.h). */
struct json_t *
dst_trips_report(struct dst_store *s, long from, long to,
    enum dst_trip_group g, char **cause)
{
	sqlite3_stmt	*st = NULL;
	struct sums	 x, total;
	json_t		*groups, *o, *out = NULL;
	char		 sql[512], fbuf[16], tbuf[16];
	int		 rc;

	if ((unsigned)g >= 4) {
		dst_set_cause(cause, "group_by: unknown grouping");
		return (NULL);
	}
	/* The key expression comes from the fixed table above. */
	snprintf(sql, sizeof sql, "SELECT %s AS k, count(*), "
	    "total(chosen_mode = 'train'), sum(co2e_chosen_x100), "
	    "sum(co2e_plane_x100 - co2e_chosen_x100) FROM trips WHERE "
	    "status <> 'rejected' AND (?1 IS NULL OR departure_date >= ?1) "
	    "AND (?2 IS NULL OR departure_date <= ?2) GROUP BY k ORDER BY k",
	    group_keys[g]);
	memset(&total, 0, sizeof total);
	if ((groups = json_array()) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (NULL);
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_bound(st, 1, from, fbuf) != SQLITE_OK ||
	    bind_bound(st, 2, to, tbuf) != SQLITE_OK)
		goto sqlfail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		x.trips = sqlite3_column_int64(st, 1);
		x.train = (long long)sqlite3_column_double(st, 2);
		x.co2 = sqlite3_column_int64(st, 3);
		x.avoided = sqlite3_column_int64(st, 4);
		total.trips += x.trips;
		total.train += x.train;
		total.co2 += x.co2;
		total.avoided += x.avoided;
		if ((o = json_pack("{s:o}", "key", col_string(st, 0))) ==
		    NULL)
			goto nomem;
		if (sums_set(o, &x) != 0) {
			json_decref(o);
			goto nomem;
		}
		if (json_array_append_new(groups, o) != 0)
			goto nomem;
	}
	if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);
	st = NULL;
	if ((o = json_object()) == NULL)
		goto nomem;
	if (sums_set(o, &total) != 0) {
		json_decref(o);
		goto nomem;
	}
	/* "o" steals the members, even when packing fails. */
	if ((out = json_pack("{s:o, s:o, s:s, s:O, s:o}", "from",
	    bound_json(from), "to", bound_json(to), "group_by",
	    group_names[g], "groups", groups, "total", o)) == NULL)
		goto nomem;
	json_decref(groups);
	return (out);

nomem:
	dst_set_cause(cause, "out of memory");
	goto fail;
sqlfail:
	dst_sql_cause(s->db, "trips", cause);
fail:
	sqlite3_finalize(st);
	json_decref(groups);
	return (NULL);
}
