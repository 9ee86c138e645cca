/*
 * Trip requests (filed by staff, with the ruling stored beside them),
 * their approval by HR, and CO2 reports by department, mode, destination
 * or month.  Trips are not part of the snapshot: the handlers read and
 * write the store through this thread's connection.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

#define NOTE_CHARS		1000
#define LIST_LIMIT_DEFAULT	50
#define LIST_LIMIT_MAX		500
#define LIST_OFFSET_MAX		1000000000LL

/* POST /v1/trips */
void
api_trips_create(struct request *r)
{
	struct decide_answer	 ans;
	struct trip_input	 in;
	struct dst_trip		 trip;
	struct problem		 p;
	char			 loc[64], *cause = NULL;
	json_t			*body;

	if ((body = request_json(r, "a trip request")) == NULL)
		return;
	problem_init(&p, 422, "Invalid trip request");
	memset(&ans, 0, sizeof ans);
	(void)trip_from_json(body, &in, &p.errs);
	if (trip_file(r->snap, &in, r->who, 1, &ans, &trip, &p.errs,
	    &cause) == 0) {
		problem_clear(&p);
		snprintf(loc, sizeof loc, "/v1/trips/%lld", trip.id);
		evhttp_add_header(evhttp_request_get_output_headers(r->req),
		    "Location", loc);
		reply_json(r->req, 201, "Created", encode_trip(&trip, 1));
		dst_trip_clear(&trip);
	} else if (p.errs.n > 0) {
		if (dec_errors_find(&p.errs, DEC_E_UNKNOWN_PLACE) != NULL)
			problem_unknown_place(&p, in.trip.name, &ans.sugg);
		else if (p.errs.n > 1)
			snprintf(p.detail, sizeof p.detail, "%zu fields are "
			    "invalid; nothing was stored", p.errs.n);
		problem_settle(&p);
		problem_send(r->req, &p);
	} else {
		problem_clear(&p);
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "the trip request could not be stored: %s",
		    cause != NULL ? cause : "failed");
	}
	free(cause);
	trip_input_clear(&in);
	json_decref(body);
}

/* --- reading ----------------------------------------------------------- */

/* The trip id of the path (1 or more digits, no leading zero), or -1. */
static long long
path_trip_id(const struct request *r)
{
	const char	*s;
	long long	 id = 0;

	if (r->id[0] == '\0' || r->id[0] == '0' || strlen(r->id) > 15)
		return (-1);
	for (s = r->id; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return (-1);
		id = id * 10 + (*s - '0');
	}
	return (id);
}

/* 404 for an unknown trip. */
static void
trip_not_found(struct request *r)
{
	problem_reply(r->req, 404, "Not found", "id", DEC_E_INVALID, "no trip "
	    "with id \"%s\"", r->id);
}

/* 500 after a storage failure (cause freed). */
static void
store_failed(struct request *r, const char *func, char *cause)
{
	log_warnx("%s: %s", func, cause != NULL ? cause : "failed");
	problem_reply(r->req, 500, "Internal error", NULL, DEC_E_INVALID,
	    "the trips could not be read or written: %s", cause != NULL ?
	    cause : "failed");
	free(cause);
}

/* A date parameter: 0 absent, 1 with *day, -1 after an error. */
static int
query_day(const struct form *q, const char *key, long *day,
    struct problem *p)
{
	const char	*v;
	char		 clip[64];

	if ((v = form_get(q, key)) == NULL || *v == '\0')
		return (0);
	if (dec_date_parse(v, day) != 0) {
		problem_add(p, key, DEC_E_DATE,
		    "not a valid date (YYYY-MM-DD): "
		    "\"%s\"", dec_clip(clip, sizeof clip, v, 40));
		return (-1);
	}
	return (1);
}

/* An integer parameter in [min, max]; absent gives def.  0 or -1. */
static int
query_int(const struct form *q, const char *key, long long min,
    long long max, long long def, long long *out, struct problem *p)
{
	const char	*v, *s;
	char		 clip[48];
	long long	 n = 0;

	*out = def;
	if ((v = form_get(q, key)) == NULL || *v == '\0')
		return (0);
	for (s = v; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || s - v > 12) {
			problem_add(p, key, DEC_E_FORMAT, "must be a whole "
			    "number from %lld to %lld, not \"%s\"", min, max,
			    dec_clip(clip, sizeof clip, v, 20));
			return (-1);
		}
		n = n * 10 + (*s - '0');
	}
	if (n < min || n > max) {
		problem_add(p, key, DEC_E_RANGE,
		    "must be from %lld to %lld, not "
		    "%lld", min, max, n);
		return (-1);
	}
	*out = n;
	return (0);
}

/* The from/to range of a query: both optional, to not before from. */
static void
query_range(const struct form *q, long *from, long *to, struct problem *p)
{
	int	hf, ht;

	*from = LONG_MIN;
	*to = LONG_MAX;
	hf = query_day(q, "from", from, p);
	ht = query_day(q, "to", to, p);
	if (hf == 1 && ht == 1 && *to < *from)
		problem_add(p, "to", DEC_E_ORDER, "before from");
	if (hf != 1)
		*from = LONG_MIN;
	if (ht != 1)
		*to = LONG_MAX;
}

/* GET /v1/trips?status=&department=&from=&to=&limit=&offset= */
void
api_trips_list(struct request *r)
{
	static const char *const allowed[] = { "status", "department",
	    "from", "to", "limit", "offset", NULL };
	struct dst_trip_filter	 f;
	struct dst_trip_list	 l;
	struct dst_store	*st;
	struct problem		 p;
	struct form		 q;
	const char		*status;
	char			*cause = NULL, clip[64];

	if (request_query(r, allowed, &q) != 0)
		return;
	memset(&f, 0, sizeof f);
	problem_init(&p, 400, "Bad query");
	status = form_get(&q, "status");
	if (status != NULL && *status != '\0' &&
	    strcmp(status, "pending") != 0 &&
	    strcmp(status, "approved") != 0 &&
	    strcmp(status, "rejected") != 0)
		problem_add(&p, "status", DEC_E_CHOICE, "must be pending, "
		    "approved or rejected; not \"%s\"", dec_clip(clip,
		    sizeof clip, status, 40));
	f.status = status;
	f.department = form_get(&q, "department");
	query_range(&q, &f.from, &f.to, &p);
	query_int(&q, "limit", 1, LIST_LIMIT_MAX, LIST_LIMIT_DEFAULT, &f.limit,
	    &p);
	query_int(&q, "offset", 0, LIST_OFFSET_MAX, 0, &f.offset, &p);
	if (problem_has_errors(&p)) {
		problem_send(r->req, &p);
		form_free(&q);
		return;
	}
	problem_clear(&p);
	if ((st = server_store(&cause)) == NULL ||
	    dst_trips_list(st, &f, &l, &cause) != 0)
		store_failed(r, __func__, cause);
	else {
		free(cause);
		reply_json(r->req, 200, "OK", encode_trip_list(&l, &f));
		dst_trip_list_clear(&l);
	}
	form_free(&q);
}

/* GET /v1/trips/{id} */
void
api_trip_get(struct request *r)
{
	struct dst_store	*st;
	struct dst_trip		 t;
	long long		 id;
	char			*cause = NULL;
	int			 rc;

	if ((id = path_trip_id(r)) < 0) {
		trip_not_found(r);
		return;
	}
	if ((st = server_store(&cause)) == NULL ||
	    (rc = dst_trip_get(st, id, &t, &cause)) < 0) {
		store_failed(r, __func__, cause);
		return;
	}
	if (rc == 0)
		trip_not_found(r);
	else {
		reply_json(r->req, 200, "OK", encode_trip(&t, 1));
		dst_trip_clear(&t);
	}
}

/* --- approval ---------------------------------------------------------- */

/* POST /v1/trips/{id}/approval {"decision": approve|reject, "note"} */
void
api_trip_approval(struct request *r)
{
	static const char *const keys[] = { "decision", "note", NULL };
	enum dst_trip_outcome	 outcome = DST_TRIP_FAILED;
	struct dst_store	*st;
	struct dst_trip		 t;
	struct problem		 p;
	const char		*d;
	char			*note = NULL, *cause = NULL, clip[64];
	json_t			*body, *v, *trip;
	long long		 id;
	int			 approve = 0, has_note, rc = -1;

	if ((id = path_trip_id(r)) < 0) {
		trip_not_found(r);
		return;
	}
	if ((body = request_json(r, "{\"decision\": \"approve\" or "
	    "\"reject\", \"note\"}")) == NULL)
		return;
	problem_init(&p, 422, "Invalid approval");
	(void)dst_json_unknown(body, "", keys, NULL, &p.errs);
	v = json_object_get(body, "decision");
	d = NULL;
	if (v == NULL || json_is_null(v))
		problem_add(&p, "decision", DEC_E_REQUIRED, "required: approve "
		    "or reject");
	else if (!json_is_string(v))
		problem_add(&p, "decision", DEC_E_TYPE, "must be a string "
		    "(approve or reject), not %s", dst_json_type_name(v));
	else if (strcmp(json_string_value(v), "approve") == 0 ||
	    strcmp(json_string_value(v), "reject") == 0) {
		d = json_string_value(v);
		approve = d[0] == 'a';
	} else
		problem_add(&p, "decision", DEC_E_CHOICE, "must be approve or "
		    "reject; not \"%s\"", dec_clip(clip, sizeof clip,
		    json_string_value(v), 40));
	has_note = trip_note(body, NOTE_CHARS, &note, &p.errs);
	if (has_note == 0 && d != NULL && !approve)
		problem_add(&p, "note", DEC_E_REQUIRED, "required when "
		    "rejecting: say why");
	if (problem_has_errors(&p)) {
		problem_settle(&p);
		json_decref(body);
		free(note);
		problem_send(r->req, &p);
		return;
	}
	problem_clear(&p);

	/* Trips are not in a snapshot: nothing to publish. */
	server_write_begin();
	if ((st = server_store(&cause)) != NULL)
		rc = dst_trip_decide(st, id, approve, note, r->who, &t,
		    &outcome, &cause);
	(void)server_write_end(0, NULL);
	json_decref(body);
	free(note);

	if (rc == 0) {
		log_info("trip %s %s by %s", t.reference, approve ? "approved" :
		    "rejected", r->who);
		reply_json(r->req, 200, "OK", encode_trip(&t, 1));
	} else if (outcome == DST_TRIP_NOT_FOUND)
		trip_not_found(r);
	else if (outcome == DST_TRIP_DECIDED) {
		problem_init(&p, 409, "Conflict");
		snprintf(p.detail, sizeof p.detail, "%s; a trip is decided "
		    "once", cause != NULL ? cause : "decided already");
		problem_add(&p, "decision", DEC_E_CONFLICT, "%s",
		    cause != NULL ? cause : "decided already");
		trip = encode_trip(&t, 0);
		/* Not "status": that member is the problem's own. */
		if ((p.extra = json_pack("{s:O, s:O, s:O}", "reference",
		    json_object_get(trip, "reference"), "trip_status",
		    json_object_get(trip, "status"), "approval",
		    json_object_get(trip, "approval"))) == NULL)
			abort();
		json_decref(trip);
		problem_send(r->req, &p);
	} else {
		store_failed(r, __func__, cause);
		cause = NULL;
	}
	dst_trip_clear(&t);
	free(cause);
}

/* --- reports ----------------------------------------------------------- */

/* GET /v1/reports/co2?from=&to=&group_by= */
void
api_report_co2(struct request *r)
{
	static const char *const allowed[] = { "from", "to", "group_by",
	    NULL };
	enum dst_trip_group	 g = DST_GROUP_DEPARTMENT;
	struct dst_report	 rep;
	struct dst_store	*st;
	struct problem		 p;
	struct form		 q;
	const char		*v;
	char			*cause = NULL, clip[64];
	long			 from, to;

	if (request_query(r, allowed, &q) != 0)
		return;
	problem_init(&p, 400, "Bad query");
	query_range(&q, &from, &to, &p);
	if ((v = form_get(&q, "group_by")) != NULL && *v != '\0' &&
	    dst_trip_group_parse(v, &g) != 0)
		problem_add(&p, "group_by", DEC_E_CHOICE, "must be department, "
		    "mode, destination or month; not \"%s\"", dec_clip(clip,
		    sizeof clip, v, 40));
	form_free(&q);
	if (problem_has_errors(&p)) {
		problem_send(r->req, &p);
		return;
	}
	problem_clear(&p);
	if ((st = server_store(&cause)) == NULL ||
	    dst_trips_report(st, from, to, g, &rep, &cause) != 0) {
		store_failed(r, __func__, cause);
		return;
	}
	if (request_wants_csv(r)) {
		csv_report_write(evhttp_request_get_output_buffer(r->req),
		    &rep);
		reply_written(r->req, 200, "OK", "text/csv; charset=utf-8");
	} else
		reply_json(r->req, 200, "OK", encode_report(&rep));
	dst_report_clear(&rep);
}
