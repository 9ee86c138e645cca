/*
 * Trip requests: store one with the decision it was ruled under, read
 * one or a page of them, approve or reject once, and sum their CO2.
 * What a trip looks like in an answer is the daemon's business: these
 * functions fill structs.
 * Every write is one BEGIN IMMEDIATE transaction; CO2 is kept in integer
 * hundredths of a kg so that sums are exact.
 */

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"

#define SEQ_MAX		999999

/* The columns trip_read reads, in this order. */
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
	"department",
	"chosen_mode",
	("coalesce(destination_id, destination_name)"),
	"substr(departure_date, 1, 7)"
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

/* A text column, copied (NULL stays NULL). */
static char *
col_dup(sqlite3_stmt *st, int col)
{
	const char	*t = (const char *)sqlite3_column_text(st, col);
	char		*p;

	if (t == NULL)
		return (NULL);
	if ((p = strdup(t)) == NULL)
		abort();
	return (p);
}

/* Free what a trip holds. */
void
dst_trip_clear(struct dst_trip *t)
{
	free(t->created_by);
	free(t->traveller_name);
	free(t->traveller_email);
	free(t->department);
	free(t->chosen_mode);
	free(t->exception_reason);
	free(t->exception_text);
	free(t->justification);
	free(t->factor_set);
	free(t->decision);
	free(t->approval_decision);
	free(t->approval_note);
	free(t->approval_by);
	free(t->approval_at);
	memset(t, 0, sizeof *t);
}

/* A trip row (the columns of TRIP_COLUMNS). */
static void
trip_read(sqlite3_stmt *st, struct dst_trip *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, C_ID);
	dst_column_copy(st, C_REFERENCE, t->reference, sizeof t->reference);
	dst_column_copy(st, C_STATUS, t->status, sizeof t->status);
	t->compliant = sqlite3_column_int(st, C_COMPLIANT) != 0;
	dst_column_copy(st, C_CREATED_AT, t->created_at, sizeof t->created_at);
	t->created_by = col_dup(st, C_CREATED_BY);
	t->traveller_name = col_dup(st, C_NAME);
	t->traveller_email = col_dup(st, C_EMAIL);
	t->department = col_dup(st, C_DEPARTMENT);
	t->chosen_mode = col_dup(st, C_CHOSEN);
	t->exception_reason = col_dup(st, C_EXC_REASON);
	t->exception_text = col_dup(st, C_EXC_TEXT);
	t->justification = col_dup(st, C_JUSTIFICATION);
	dst_column_copy(st, C_DEPARTURE, t->departure_date,
	    sizeof t->departure_date);
	dst_column_copy(st, C_RETURN, t->return_date, sizeof t->return_date);
	t->travellers = sqlite3_column_int(st, C_TRAVELLERS);
	t->co2e_chosen_x100 = sqlite3_column_int64(st, C_CHOSEN_X100);
	t->co2e_ruled_x100 = sqlite3_column_int64(st, C_RULED_X100);
	t->co2e_plane_x100 = sqlite3_column_int64(st, C_PLANE_X100);
	t->policy_version = sqlite3_column_int(st, C_POLICY);
	t->factor_set = col_dup(st, C_FACTOR_SET);
	/* Lists show the destination and the ruling of the decision. */
	t->decision = col_dup(st, C_DECISION);
	t->approval_decision = col_dup(st, C_APP_DECISION);
	t->approval_note = col_dup(st, C_APP_NOTE);
	t->approval_by = col_dup(st, C_APP_BY);
	t->approval_at = col_dup(st, C_APP_AT);
}

/* Read one trip by id in the open transaction: 1, 0 none, -1. */
static int
trip_load(sqlite3 *db, long long id, struct dst_trip *t, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(t, 0, sizeof *t);
	if ((st = dst_sql_prepare(db, "SELECT " TRIP_COLUMNS " FROM trips "
	    "WHERE id = ?1", cause, "I", id)) == NULL)
		return (-1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		trip_read(st, t);
		rc = 1;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else {
		dst_sql_cause(db, "trips", cause);
		rc = -1;
	}
	sqlite3_finalize(st);
	return (rc);
}

/* --- helpers --------------------------------------------------------- */

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
	int	y, m, d;

	dec_date_civil(day, &y, &m, &d);
	return (y);
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

/* A form token as it is stored: its SHA-256 in hex. */
static void
token_hex(const char *token, char hex[65])
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned char		 d[32];
	int			 i;

	dst_sha256("", 0, token, strlen(token), d);
	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

/* The trip a form token filed: 1 with *id, 0 if unused, -1. */
static int
token_trip(sqlite3 *db, const char *hex, long long *id, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, "SELECT trip_id FROM form_tokens WHERE "
	    "token_sha256 = ?1", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC) != SQLITE_OK) {
		sqlite3_finalize(st);
		dst_sql_cause(db, "form token", cause);
		return (-1);
	}
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		*id = sqlite3_column_int64(st, 0);
		rc = 1;
		break;
	case SQLITE_DONE:
		rc = 0;
		break;
	default:
		dst_sql_cause(db, "form token", cause);
		rc = -1;
		break;
	}
	sqlite3_finalize(st);
	return (rc);
}

/* Record that a form token filed trip id. */
static int
token_store(sqlite3 *db, const char *hex, long long id, const char *now,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, "INSERT INTO form_tokens (token_sha256, "
	    "trip_id, used_at) VALUES (?1, ?2, ?3)", -1, &st, NULL) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC) != SQLITE_OK) {
		sqlite3_finalize(st);
		dst_sql_cause(db, "form token", cause);
		return (-1);
	}
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	if (rc != 0)
		dst_sql_cause(db, "form token", cause);
	sqlite3_finalize(st);
	return (rc);
}

/* Store a new trip (see store.h). */
int
dst_trip_create(struct dst_store *s, const struct dst_trip_new *t,
    struct dst_trip *out, char **cause)
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
	const char	*who;
	char		 ref[32], now[32], dep[16], ret[16], tok[65];
	long long	 id, used;
	int		 year, seq, rc;

	memset(out, 0, sizeof *out);
	who = t->created_by != NULL && *t->created_by != '\0' ?
	    t->created_by : DST_ANONYMOUS;
	year = day_year(t->departure);
	if (dst_tx_begin(s->db, cause) != 0)
		return (-1);
	if (t->form_token != NULL) {
		token_hex(t->form_token, tok);
		switch (token_trip(s->db, tok, &used, cause)) {
		case 1:
			rc = trip_load(s->db, used, out, cause);
			dst_tx_rollback(s->db);
			return (rc == 1 ? 1 : -1);
		case -1:
			goto fail;
		}
	}
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
	id = sqlite3_last_insert_rowid(s->db);
	if (t->form_token != NULL && token_store(s->db, tok, id, now,
	    cause) != 0)
		goto fail;
	if (trip_load(s->db, id, out, cause) != 1) {
		if (cause != NULL && *cause == NULL)
			dst_set_cause(cause, "%s: not found after the insert",
			    ref);
		goto fail;
	}
	if (dst_tx_commit(s->db, cause) != 0)
		goto fail;
	return (0);

fail:
	sqlite3_finalize(st);
	dst_trip_clear(out);
	dst_tx_rollback(s->db);
	return (-1);
}

/* Approve or reject a pending trip (see store.h). */
int
dst_trip_decide(struct dst_store *s, long long id, int approve,
    const char *note, const char *who, struct dst_trip *out,
    enum dst_trip_outcome *outcome, char **cause)
{
	char	now[32];
	int	rc;

	memset(out, 0, sizeof *out);
	*outcome = DST_TRIP_FAILED;
	if (who == NULL || *who == '\0')
		who = DST_ANONYMOUS;
	if (dst_tx_begin(s->db, cause) != 0)
		return (-1);
	if ((rc = trip_load(s->db, id, out, cause)) < 0)
		goto fail;
	if (rc == 0) {
		*outcome = DST_TRIP_NOT_FOUND;
		dst_set_cause(cause, "no trip with id %lld", id);
		goto fail;
	}
	if (strcmp(out->status, "pending") != 0) {
		*outcome = DST_TRIP_DECIDED;
		dst_set_cause(cause, "%s was %s already, by %s at %s",
		    out->reference, out->status, out->approval_by != NULL ?
		    out->approval_by : "?", out->approval_at != NULL ?
		    out->approval_at : "?");
		dst_tx_rollback(s->db);
		return (-1);
	}
	dst_trip_clear(out);
	dst_now(now, sizeof now);
	if (dst_sql_done(s->db, dst_sql_prepare(s->db, "UPDATE trips SET "
	    "status = ?2, approval_decision = ?3, approval_note = ?4, "
	    "approval_by = ?5, approval_at = ?6 WHERE id = ?1 AND status = "
	    "'pending'", cause, "Ittntt", id, approve ? "approved" : "rejected",
	    approve ? "approve" : "reject", note, who, now), cause) != 0)
		goto fail;
	if (sqlite3_changes(s->db) != 1) {
		dst_set_cause(cause, "trip %lld: not updated", id);
		goto fail;
	}
	if (trip_load(s->db, id, out, cause) != 1 ||
	    dst_tx_commit(s->db, cause) != 0)
		goto fail;
	*outcome = DST_TRIP_OK;
	return (0);

fail:
	if (cause != NULL && *cause == NULL)
		dst_set_cause(cause, "trip %lld: failed", id);
	dst_trip_clear(out);
	dst_tx_rollback(s->db);
	return (-1);
}

/* --- reads ------------------------------------------------------------- */

/* One trip by id (see store.h). */
int
dst_trip_get(struct dst_store *s, long long id, struct dst_trip *out,
    char **cause)
{
	return (trip_load(s->db, id, out, cause));
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

/* Free a page of trips. */
void
dst_trip_list_clear(struct dst_trip_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		dst_trip_clear(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* One page of trips (see store.h). */
int
dst_trips_list(struct dst_store *s, const struct dst_trip_filter *f,
    struct dst_trip_list *l, char **cause)
{
	static const char count_sql[] = "SELECT count(*)" LIST_WHERE;
	static const char page_sql[] = "SELECT " TRIP_COLUMNS LIST_WHERE
	    " ORDER BY id DESC LIMIT ?5 OFFSET ?6";
	sqlite3_stmt	*st = NULL;
	char		 from[16], to[16];
	size_t		 cap = 0;
	int		 rc;

	memset(l, 0, sizeof *l);
	/* One read transaction: the count and the page agree. */
	if (dst_exec(s->db, "BEGIN", cause) != 0)
		return (-1);
	if (sqlite3_prepare_v2(s->db, count_sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_filter(st, f, from, to) != 0 ||
	    sqlite3_step(st) != SQLITE_ROW)
		goto sqlfail;
	l->count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db, page_sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_filter(st, f, from, to) != 0 ||
	    sqlite3_bind_int64(st, 5, f->limit) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 6, f->offset) != SQLITE_OK)
		goto sqlfail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			if ((l->v = reallocarray(l->v, cap,
			    sizeof *l->v)) == NULL)
				abort();
		}
		trip_read(st, &l->v[l->n++]);
	}
	if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);
	st = NULL;
	if (dst_tx_commit(s->db, cause) != 0)
		goto fail;
	return (0);

sqlfail:
	dst_sql_cause(s->db, "trips", cause);
fail:
	sqlite3_finalize(st);
	dst_tx_rollback(s->db);
	dst_trip_list_clear(l);
	return (-1);
}

/* Free a report. */
void
dst_report_clear(struct dst_report *r)
{
	free(r->groups);
	memset(r, 0, sizeof *r);
}

/* CO2 by group (see store.h). */
int
dst_trips_report(struct dst_store *s, long from, long to,
    enum dst_trip_group g, struct dst_report *r, char **cause)
{
	sqlite3_stmt	*st = NULL;
	struct dst_sums	*x;
	char		 sql[512], fbuf[16], tbuf[16];
	size_t		 cap = 0;
	int		 rc;

	memset(r, 0, sizeof *r);
	r->from = from;
	r->to = to;
	r->group = g;
	if ((unsigned)g >= 4) {
		dst_set_cause(cause, "group_by: unknown grouping");
		return (-1);
	}
	/* The key expression comes from the fixed table above. */
	snprintf(sql, sizeof sql, "SELECT %s AS k, count(*), "
	    "total(chosen_mode = 'train'), sum(co2e_chosen_x100), "
	    "sum(co2e_plane_x100 - co2e_chosen_x100) FROM trips WHERE "
	    "status <> 'rejected' AND (?1 IS NULL OR departure_date >= ?1) "
	    "AND (?2 IS NULL OR departure_date <= ?2) GROUP BY k ORDER BY k",
	    group_keys[g]);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    bind_bound(st, 1, from, fbuf) != SQLITE_OK ||
	    bind_bound(st, 2, to, tbuf) != SQLITE_OK)
		goto sqlfail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			if ((r->groups = reallocarray(r->groups, cap,
			    sizeof *r->groups)) == NULL)
				abort();
		}
		x = &r->groups[r->n++];
		memset(x, 0, sizeof *x);
		dst_column_copy(st, 0, x->key, sizeof x->key);
		x->trips = sqlite3_column_int64(st, 1);
		x->train = (long long)sqlite3_column_double(st, 2);
		x->co2e_x100 = sqlite3_column_int64(st, 3);
		x->avoided_x100 = sqlite3_column_int64(st, 4);
		r->total.trips += x->trips;
		r->total.train += x->train;
		r->total.co2e_x100 += x->co2e_x100;
		r->total.avoided_x100 += x->avoided_x100;
	}
	if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);
	dec_copy(r->total.key, sizeof r->total.key, "total");
	return (0);

sqlfail:
	dst_sql_cause(s->db, "trips", cause);
	sqlite3_finalize(st);
	dst_report_clear(r);
	return (-1);
}
