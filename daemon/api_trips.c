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

#include <event2/http.h>

#include "daemon/daemon.h"

/* Limits of the text fields, in characters (SPEC: contract issue 4). */
#define NAME_CHARS		200
#define EMAIL_MAX_BYTES		254
#define DEPARTMENT_CHARS	100
#define JUSTIFY_CHARS		500
#define EXC_TEXT_CHARS		1000
#define NOTE_CHARS		1000
#define REASON_CHARS		40
/* A UTF-8 character is at most 4 bytes. */
#define CHARS_BYTES(n)		((n) * 4 + 1)

#define LIST_LIMIT_DEFAULT	50
#define LIST_LIMIT_MAX		500
#define LIST_OFFSET_MAX		1000000000LL

/* Who filed a trip through the web form without a key. */
#define WEB_FORM_WHO		"web form"

static const char *const exception_reasons[] = { "medical", "care_duties",
    "urgent", "equipment", "other", NULL };

/* What a trip request says, checked and trimmed. */
struct trip_input {
	char		 name[CHARS_BYTES(NAME_CHARS)];
	char		 email[EMAIL_MAX_BYTES + 1];
	char		 department[CHARS_BYTES(DEPARTMENT_CHARS)];
	char		 reason[CHARS_BYTES(REASON_CHARS)];
	char		 exception_text[CHARS_BYTES(EXC_TEXT_CHARS)];
	char		 justification[CHARS_BYTES(JUSTIFY_CHARS)];
	int		 has_chosen;
	enum dec_mode	 chosen;
	int		 exception_given;	/* valid or not */
	int		 has_exception;		/* valid */
	int		 has_justification;
	int		 justification_bad;	/* given, but wrong */
	int		 has_text;		/* exception text given */
	struct dec_request dreq;
	struct place_how how;		/* how dreq's place was understood */
	int		 trip_ok;		/* dreq is resolved */
	int		 structural;		/* 400 rather than 422 */
};

/* --- checking input ---------------------------------------------------- */

/* Reject unknown members of an object, naming each; 1 if any. */
static int
unknown_keys(const json_t *o, const char *prefix, const char *const *names,
    struct problem *p)
{
	const char *const	*n;
	const char		*key;
	json_t			*v;
	char			 field[256];
	int			 bad = 0;

	json_object_foreach((json_t *)o, key, v) {
		for (n = names; *n != NULL; n++)
			if (strcmp(key, *n) == 0)
				break;
		if (*n != NULL)
			continue;
		snprintf(field, sizeof field, "%s%.200s", prefix, key);
		problem_add(p, field, "unknown field");
		bad = 1;
	}
	return (bad);
}

/* Characters (code points) of valid UTF-8. */
static size_t
utf8_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

/* Is c white space at the ends of a field? */
static int
is_blank(char c)
{
	return (c == ' ' || c == '\t' || c == '\r' || c == '\n');
}

#define TEXT_REQUIRED	0x1	/* absent, null or blank is an error */
#define TEXT_ONE_LINE	0x2	/* no line breaks */

/*
 * A text member, trimmed, into out (outlen >= CHARS_BYTES(maxchars)).
 * Return 1 when there is text, 0 when absent, null or blank (an error
 * if required), -1 after adding an error.
 */
static int
text_member(const json_t *o, const char *key, const char *field,
    size_t maxchars, int flags, char *out, size_t outlen, int *structural,
    struct problem *p)
{
	const unsigned char	*u;
	const char		*s, *end;
	json_t			*v = json_object_get(o, key);
	size_t			 n;

	if (v == NULL || json_is_null(v)) {
		if (flags & TEXT_REQUIRED) {
			problem_add(p, field, "required");
			return (-1);
		}
		return (0);
	}
	if (!json_is_string(v)) {
		problem_add(p, field, "must be a string, not %s",
		    jsonio_type_name(v));
		*structural = 1;
		return (-1);
	}
	s = json_string_value(v);
	n = json_string_length(v);
	if (memchr(s, '\0', n) != NULL) {
		problem_add(p, field, "contains a NUL character");
		return (-1);
	}
	while (is_blank(*s))
		s++;
	end = s + strlen(s);
	while (end > s && is_blank(end[-1]))
		end--;
	if (end == s) {
		if (flags & TEXT_REQUIRED) {
			problem_add(p, field, "must not be empty");
			return (-1);
		}
		return (0);
	}
	for (u = (const unsigned char *)s; u < (const unsigned char *)end;
	    u++) {
		if ((*u == '\n' || *u == '\r') && (flags & TEXT_ONE_LINE)) {
			problem_add(p, field, "must be one line");
			return (-1);
		}
		if ((*u < 0x20 && *u != '\n' && *u != '\r' && *u != '\t') ||
		    *u == 0x7f) {
			problem_add(p, field, "contains a control character");
			return (-1);
		}
	}
	n = (size_t)(end - s);
	if (n >= outlen) {
		problem_add(p, field, "longer than %zu characters", maxchars);
		return (-1);
	}
	memcpy(out, s, n);
	out[n] = '\0';
	if (utf8_chars(out) > maxchars) {
		problem_add(p, field, "longer than %zu characters", maxchars);
		return (-1);
	}
	return (1);
}

/* One '@', something before it, a dot after it with text on both sides. */
static int
email_valid(const char *s)
{
	const char	*at, *dot, *c;

	for (c = s; *c != '\0'; c++)
		if (*c == ' ' || *c == '\t' || *c == ',' || *c == ';' ||
		    *c == '<' || *c == '>')
			return (0);
	if ((at = strchr(s, '@')) == NULL || at == s ||
	    strchr(at + 1, '@') != NULL)
		return (0);
	if ((dot = strrchr(at + 1, '.')) == NULL || dot == at + 1 ||
	    dot[1] == '\0' || at[1] == '.')
		return (0);
	return (1);
}

/* The traveller: name, email, department. */
static void
traveller_parse(const json_t *body, struct trip_input *in, struct problem *p)
{
	static const char *const keys[] = { "name", "email", "department",
	    NULL };
	json_t	*t = json_object_get(body, "traveller");

	if (t == NULL || json_is_null(t)) {
		problem_add(p, "traveller", "required: {\"name\", \"email\", "
		    "\"department\"}");
		return;
	}
	if (!json_is_object(t)) {
		problem_add(p, "traveller", "must be an object {\"name\", "
		    "\"email\", \"department\"}, not %s", jsonio_type_name(t));
		in->structural = 1;
		return;
	}
	if (unknown_keys(t, "traveller.", keys, p))
		in->structural = 1;
	text_member(t, "name", "traveller.name", NAME_CHARS,
	    TEXT_REQUIRED | TEXT_ONE_LINE, in->name, sizeof in->name,
	    &in->structural, p);
	if (text_member(t, "email", "traveller.email", EMAIL_MAX_BYTES,
	    TEXT_REQUIRED | TEXT_ONE_LINE, in->email, sizeof in->email,
	    &in->structural, p) == 1) {
		if (strlen(in->email) > EMAIL_MAX_BYTES)
			problem_add(p, "traveller.email", "longer than %d "
			    "bytes", EMAIL_MAX_BYTES);
		else if (!email_valid(in->email))
			problem_add(p, "traveller.email", "not an e-mail "
			    "address (name@example.org): \"%.80s\"",
			    in->email);
	}
	text_member(t, "department", "traveller.department",
	    DEPARTMENT_CHARS, TEXT_REQUIRED | TEXT_ONE_LINE,
	    in->department, sizeof in->department, &in->structural, p);
}

/* The optional exception: {reason, text}. */
static void
exception_parse(const json_t *body, struct trip_input *in, struct problem *p)
{
	static const char *const keys[] = { "reason", "text", NULL };
	const char *const	*r;
	json_t			*e = json_object_get(body, "exception");
	int			 n, text;

	if (e == NULL || json_is_null(e))
		return;
	in->exception_given = 1;
	if (!json_is_object(e)) {
		problem_add(p, "exception", "must be an object {\"reason\", "
		    "\"text\"} or null, not %s", jsonio_type_name(e));
		in->structural = 1;
		return;
	}
	n = json_array_size(p->errors);
	if (unknown_keys(e, "exception.", keys, p))
		in->structural = 1;
	if (text_member(e, "reason", "exception.reason", REASON_CHARS,
	    TEXT_REQUIRED | TEXT_ONE_LINE, in->reason, sizeof in->reason,
	    &in->structural, p) == 1) {
		for (r = exception_reasons; *r != NULL; r++)
			if (strcmp(in->reason, *r) == 0)
				break;
		if (*r == NULL)
			problem_add(p, "exception.reason", "must be medical, "
			    "care_duties, urgent, equipment or other; not "
			    "\"%.40s\"", in->reason);
	}
	text = text_member(e, "text", "exception.text",
	    EXC_TEXT_CHARS, 0, in->exception_text,
	    sizeof in->exception_text, &in->structural, p);
	in->has_text = text == 1;
	if (text == 0 && strcmp(in->reason, "other") == 0)
		problem_add(p, "exception.text", "required when the reason is "
		    "\"other\": say what it is");
	in->has_exception = (int)json_array_size(p->errors) == n;
}

/* Move the errors of the decision part into p, as "trip.<field>". */
static void
trip_problem_merge(struct problem *p, struct problem *tp, int *structural)
{
	json_t		*e;
	size_t		 i;
	char		 field[256];

	json_array_foreach(tp->errors, i, e) {
		snprintf(field, sizeof field, "trip.%s",
		    json_string_value(json_object_get(e, "field")));
		problem_add(p, field, "%s",
		    json_string_value(json_object_get(e, "message")));
	}
	if (tp->status == 400)
		*structural = 1;
	/* The unknown-place detail and its suggestions. */
	if (tp->detail[0] != '\0' && p->detail[0] == '\0')
		snprintf(p->detail, sizeof p->detail, "%s", tp->detail);
	if (tp->extra != NULL && p->extra == NULL) {
		p->extra = tp->extra;
		tp->extra = NULL;
	}
	problem_clear(tp);
}

/* The trip part: exactly a POST /v1/decisions body, resolved. */
static void
trip_parse(struct request *r, const json_t *body, struct trip_input *in,
    struct problem *p)
{
	struct problem	 tp;
	json_t		*t = json_object_get(body, "trip");
	char		*text;

	if (t == NULL || json_is_null(t)) {
		problem_add(p, "trip", "required: the trip as POST "
		    "/v1/decisions takes it (destination, departure_date, "
		    "return_date, ...)");
		return;
	}
	if (!json_is_object(t)) {
		problem_add(p, "trip", "must be an object (the body of POST "
		    "/v1/decisions), not %s", jsonio_type_name(t));
		in->structural = 1;
		return;
	}
	/* Full precision: the coordinates as the caller gave them. */
	if ((text = json_dumps(t, JSON_COMPACT)) == NULL) {
		problem_add(p, "trip", "could not be read (out of memory)");
		return;
	}
	if (jsonio_decision_request(r->snap, text, strlen(text), &in->dreq,
	    &in->how, &tp) == 0) {
		problem_clear(&tp);
		in->trip_ok = 1;
	} else
		trip_problem_merge(p, &tp, &in->structural);
	free(text);
}

/* The modes the ruling lets a traveller choose, for a message. */
static void
offered_modes(const struct dec_result *res, char *buf, size_t len)
{
	const struct dec_mode_estimate	*m;
	size_t				 off = 0;
	int				 i;

	buf[0] = '\0';
	for (i = 0; i < DEC_MODE_COUNT && off < len; i++) {
		m = &res->modes[i];
		if (!m->feasible || m->requires == DEC_REQUIRES_NOT_OFFERED)
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
		    off ? ", " : "", dec_mode_name(m->mode));
	}
}

/*
 * Check the choice against the ruling (SPEC §2): the mode must be
 * feasible and offered; another mode than the ruled one needs an
 * exception when the ruling is mandatory (the trip is then not
 * compliant), a justification when it is recommended.  Return whether
 * the trip is compliant.
 */
static int
choice_check(const struct dec_result *res, const struct trip_input *in,
    struct problem *p)
{
	const struct dec_mode_estimate	*m = &res->modes[in->chosen];
	const struct dec_ruling		*ru = &res->ruling;
	const char			*chosen = dec_mode_name(in->chosen);
	char				 modes[64];

	offered_modes(res, modes, sizeof modes);
	if (!m->feasible) {
		problem_add(p, "chosen_mode", "%s is not possible to this "
		    "destination (outside the rail-connected zone); choose "
		    "one of: %s", chosen, modes);
		return (1);
	}
	if (m->requires == DEC_REQUIRES_NOT_OFFERED) {
		problem_add(p, "chosen_mode", "the %s is not offered on a "
		    "%s trip; choose one of: %s", chosen,
		    dec_scope_name(res->scope), modes);
		return (1);
	}
	if (in->chosen == ru->mode)
		return (1);
	switch (m->requires) {
	case DEC_REQUIRES_EXCEPTION:
		if (!in->exception_given)
			problem_add(p, "exception", "required: the ruling is "
			    "%s, %s; choosing %s needs an exception (reason "
			    "medical, care_duties, urgent, equipment, or other "
			    "with a text)", dec_mode_name(ru->mode),
			    dec_strength_name(ru->strength), chosen);
		return (0);
	case DEC_REQUIRES_JUSTIFICATION:
		if (!in->has_justification && !in->justification_bad)
			problem_add(p, "justification", "required: the ruling "
			    "is %s, %s; choosing %s needs a one-line "
			    "justification", dec_mode_name(ru->mode),
			    dec_strength_name(ru->strength), chosen);
		return (1);
	default:
		return (1);
	}
}

/* A mode's CO2 in hundredths of a kg (0 when it has no figures). */
static long long
co2_x100(const struct dec_result *res, enum dec_mode mode)
{
	const struct dec_mode_estimate	*m = &res->modes[mode];

	if (!m->feasible || !isfinite(m->co2e_kg) || m->co2e_kg < 0)
		return (0);
	return (llround(m->co2e_kg * 100.0));
}

/* --- filing ------------------------------------------------------------ */

/* File a trip request (see daemon.h). */
json_t *
trips_file(struct request *r, const json_t *body, struct problem *p)
{
	static const char *const keys[] = { "trip", "traveller",
	    "chosen_mode", "exception", "justification", NULL };
	struct trip_input	*in;
	struct dec_result	 res;
	struct dst_trip_new	 t;
	struct dst_store	*st;
	struct jw		 w = { NULL, 0, 0, 0 };
	const char		*who;
	char			 err[256], field[300], *colon;
	char			*cause = NULL;
	json_t			*v, *trip = NULL;
	int			 compliant = 1, rc;

	problem_init(p, 422, "Invalid trip request");
	if (body == NULL || !json_is_object(body)) {
		p->status = 400;
		p->title = "Bad request";
		problem_add(p, "body", "must be a JSON object {\"trip\", "
		    "\"traveller\", \"chosen_mode\", ...}");
		return (NULL);
	}
	if ((in = calloc(1, sizeof *in)) == NULL)
		abort();
	if (unknown_keys(body, "", keys, p))
		in->structural = 1;
	trip_parse(r, body, in, p);
	traveller_parse(body, in, p);
	v = json_object_get(body, "chosen_mode");
	if (v == NULL || json_is_null(v))
		problem_add(p, "chosen_mode", "required: train, plane, car or "
		    "coach");
	else if (!json_is_string(v)) {
		problem_add(p, "chosen_mode", "must be a string (train, plane, "
		    "car or coach), not %s", jsonio_type_name(v));
		in->structural = 1;
	} else if (dec_mode_parse(json_string_value(v), &in->chosen) != 0)
		problem_add(p, "chosen_mode", "must be train, plane, car or "
		    "coach; not \"%.40s\"", json_string_value(v));
	else
		in->has_chosen = 1;
	exception_parse(body, in, p);
	rc = text_member(body, "justification", "justification",
	    JUSTIFY_CHARS, TEXT_ONE_LINE, in->justification,
	    sizeof in->justification, &in->structural, p);
	in->has_justification = rc == 1;
	in->justification_bad = rc == -1;

	if (in->trip_ok) {
		if (dec_decide(dst_snapshot_policy(r->snap),
		    dst_snapshot_factors(r->snap),
		    dst_snapshot_calibration(r->snap), &in->dreq, &res, err,
		    sizeof err) != 0) {
			/* Messages read "field: problem". */
			if ((colon = strstr(err, ": ")) != NULL) {
				*colon = '\0';
				snprintf(field, sizeof field, "trip.%s", err);
				problem_add(p, field, "%s", colon + 2);
			} else
				problem_add(p, "trip", "%s", err);
			in->trip_ok = 0;
		} else if (in->has_chosen)
			compliant = choice_check(&res, in, p);
	}
	if (problem_has_errors(p)) {
		if (in->structural) {
			p->status = 400;
			p->title = "Bad request";
		}
		if (json_array_size(p->errors) > 1 && p->extra == NULL)
			snprintf(p->detail, sizeof p->detail, "%zu fields are "
			    "invalid; nothing was stored",
			    json_array_size(p->errors));
		free(in);
		return (NULL);
	}

	jsonio_decision_write(&w, r->snap, &in->dreq, &in->how, &res);
	who = r->who[0] != '\0' ? r->who : WEB_FORM_WHO;
	memset(&t, 0, sizeof t);
	t.traveller_name = in->name;
	t.traveller_email = in->email;
	t.department = in->department;
	t.destination_id = in->dreq.place.id;
	t.destination_name = in->dreq.place.name;
	t.country = in->dreq.place.country;
	t.departure = in->dreq.departure;
	t.return_day = in->dreq.return_day;
	t.travellers = res.travellers;
	t.chosen = in->chosen;
	t.ruled = res.ruling.mode;
	t.strength = res.ruling.strength;
	t.compliant = compliant;
	t.exception_reason = in->has_exception ? in->reason : NULL;
	t.exception_text = in->has_exception && in->has_text ?
	    in->exception_text : NULL;
	t.justification = in->has_justification ? in->justification : NULL;
	t.co2e_chosen_x100 = co2_x100(&res, in->chosen);
	t.co2e_ruled_x100 = co2_x100(&res, res.ruling.mode);
	t.co2e_plane_x100 = co2_x100(&res, DEC_MODE_PLANE);
	t.policy_version = dst_snapshot_policy(r->snap)->version;
	t.factor_set = dst_snapshot_factors(r->snap)->name;
	t.decision = w.buf;
	t.created_by = who;

	server_write_lock();
	if ((st = server_store(&cause)) != NULL)
		trip = dst_trip_create(st, &t, &cause);
	server_write_unlock();
	free(w.buf);
	free(in);

	if (trip == NULL) {
		log_warnx("%s: %s", __func__, cause != NULL ? cause :
		    "failed");
		p->status = 500;
		p->title = "Internal error";
		snprintf(p->detail, sizeof p->detail, "the trip request could "
		    "not be stored: %s", cause != NULL ? cause : "failed");
		free(cause);
		return (NULL);
	}
	log_info("trip %s filed by %s (%s, %s)",
	    json_string_value(json_object_get(trip, "reference")), who,
	    json_string_value(json_object_get(trip, "chosen_mode")),
	    compliant ? "compliant" : "exception");
	problem_clear(p);
	return (trip);
}

/* The JSON object body of a request; NULL after replying 400/413/415. */
static json_t *
object_body(struct request *r, const char *what)
{
	static const char *const types[] = { "application/json", NULL };
	json_error_t	 jerr;
	const char	*body;
	json_t		*j;
	size_t		 len;

	if ((body = request_body(r, types, TM_MAX_BODY, &len)) == NULL)
		return (NULL);
	if (len == 0) {
		problem_reply(r->req, 400, "Bad request", "body",
		    "empty: expected %s (a JSON object)", what);
		return (NULL);
	}
	if ((j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr)) ==
	    NULL) {
		problem_reply(r->req, 400, "Malformed JSON", "body",
		    "malformed JSON at line %d, column %d: %s", jerr.line,
		    jerr.column, jerr.text);
		return (NULL);
	}
	if (!json_is_object(j)) {
		problem_reply(r->req, 400, "Bad request", "body",
		    "must be a JSON object (%s), not %s", what, jsonio_type_name(j));
		json_decref(j);
		return (NULL);
	}
	return (j);
}

/* POST /v1/trips */
void
api_trips_create(struct request *r)
{
	struct problem	 p;
	json_t		*body, *trip;
	char		 loc[64];

	if ((body = object_body(r, "a trip request")) == NULL)
		return;
	trip = trips_file(r, body, &p);
	json_decref(body);
	if (trip == NULL) {
		problem_send(r->req, &p);
		return;
	}
	snprintf(loc, sizeof loc, "/v1/trips/%lld",
	    (long long)json_integer_value(json_object_get(trip, "id")));
	evhttp_add_header(evhttp_request_get_output_headers(r->req),
	    "Location", loc);
	reply_json(r->req, 201, "Created", trip);
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
	problem_reply(r->req, 404, "Not found", "id", "no trip with id "
	    "\"%.64s\"", r->id);
}

/* 500 after a storage failure (cause freed). */
static void
store_failed(struct request *r, const char *func, char *cause)
{
	log_warnx("%s: %s", func, cause != NULL ? cause : "failed");
	problem_reply(r->req, 500, "Internal error", NULL, "the trips could "
	    "not be read or written: %s", cause != NULL ? cause : "failed");
	free(cause);
}

/* A date parameter: 0 absent, 1 with *day, -1 after an error. */
static int
query_day(const struct query *q, const char *key, long *day,
    struct problem *p)
{
	const char	*v;

	if ((v = query_get(q, key)) == NULL || *v == '\0')
		return (0);
	if (dec_date_parse(v, day) != 0) {
		problem_add(p, key, "not a valid date (YYYY-MM-DD): \"%.40s\"",
		    v);
		return (-1);
	}
	return (1);
}

/* An integer parameter in [min, max]; absent gives def.  0 or -1. */
static int
query_int(const struct query *q, const char *key, long long min,
    long long max, long long def, long long *out, struct problem *p)
{
	const char	*v, *s;
	long long	 n = 0;

	*out = def;
	if ((v = query_get(q, key)) == NULL || *v == '\0')
		return (0);
	for (s = v; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || s - v > 12) {
			problem_add(p, key, "must be a whole number from %lld "
			    "to %lld, not \"%.20s\"", min, max, v);
			return (-1);
		}
		n = n * 10 + (*s - '0');
	}
	if (n < min || n > max) {
		problem_add(p, key, "must be from %lld to %lld, not %lld", min,
		    max, n);
		return (-1);
	}
	*out = n;
	return (0);
}

/* The from/to range of a query: both optional, to not before from. */
static void
query_range(const struct query *q, long *from, long *to, struct problem *p)
{
	int	hf, ht;

	*from = LONG_MIN;
	*to = LONG_MAX;
	hf = query_day(q, "from", from, p);
	ht = query_day(q, "to", to, p);
	if (hf == 1 && ht == 1 && *to < *from)
		problem_add(p, "to", "before from");
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
	struct dst_store	*st;
	struct problem		 p;
	struct query		 q;
	const char		*status, *dept;
	char			*cause = NULL;
	json_t			*list = NULL;

	if (query_parse(r, allowed, &q) != 0)
		return;
	memset(&f, 0, sizeof f);
	problem_init(&p, 400, "Bad query");
	status = query_get(&q, "status");
	if (status != NULL && *status != '\0' &&
	    strcmp(status, "pending") != 0 &&
	    strcmp(status, "approved") != 0 &&
	    strcmp(status, "rejected") != 0)
		problem_add(&p, "status", "must be pending, approved or "
		    "rejected; not \"%.40s\"", status);
	dept = query_get(&q, "department");
	f.status = status;
	f.department = dept;
	query_range(&q, &f.from, &f.to, &p);
	query_int(&q, "limit", 1, LIST_LIMIT_MAX, LIST_LIMIT_DEFAULT, &f.limit,
	    &p);
	query_int(&q, "offset", 0, LIST_OFFSET_MAX, 0, &f.offset, &p);
	if (problem_has_errors(&p)) {
		problem_send(r->req, &p);
		query_free(&q);
		return;
	}
	problem_clear(&p);
	if ((st = server_store(&cause)) == NULL ||
	    (list = dst_trips_list(st, &f, &cause)) == NULL)
		store_failed(r, __func__, cause);
	else {
		free(cause);
		reply_json(r->req, 200, "OK", list);
	}
	query_free(&q);
}

/* GET /v1/trips/{id} */
void
api_trip_get(struct request *r)
{
	struct dst_store	*st;
	long long		 id;
	char			*cause = NULL;
	json_t			*trip = NULL;

	if ((id = path_trip_id(r)) < 0) {
		trip_not_found(r);
		return;
	}
	if ((st = server_store(&cause)) == NULL ||
	    dst_trip_get(st, id, &trip, &cause) != 0) {
		store_failed(r, __func__, cause);
		return;
	}
	if (trip == NULL)
		trip_not_found(r);
	else
		reply_json(r->req, 200, "OK", trip);
}

/* --- approval ---------------------------------------------------------- */

/* POST /v1/trips/{id}/approval {"decision": approve|reject, "note"} */
void
api_trip_approval(struct request *r)
{
	static const char *const keys[] = { "decision", "note", NULL };
	enum dst_trip_outcome	 outcome;
	struct dst_store	*st;
	struct problem		 p;
	const char		*d = NULL;
	char			 note[CHARS_BYTES(NOTE_CHARS)];
	char			*cause = NULL;
	json_t			*body, *v, *trip = NULL, *app;
	long long		 id;
	int			 structural = 0, approve = 0, has_note;
	int			 rc = -1;

	if ((id = path_trip_id(r)) < 0) {
		trip_not_found(r);
		return;
	}
	if ((body = object_body(r, "{\"decision\": \"approve\" or "
	    "\"reject\", \"note\"}")) == NULL)
		return;
	problem_init(&p, 422, "Invalid approval");
	if (unknown_keys(body, "", keys, &p))
		structural = 1;
	v = json_object_get(body, "decision");
	if (v == NULL || json_is_null(v))
		problem_add(&p, "decision", "required: approve or reject");
	else if (!json_is_string(v)) {
		problem_add(&p, "decision", "must be a string (approve or "
		    "reject), not %s", jsonio_type_name(v));
		structural = 1;
	} else if (strcmp(json_string_value(v), "approve") == 0 ||
	    strcmp(json_string_value(v), "reject") == 0) {
		d = json_string_value(v);
		approve = d[0] == 'a';
	} else
		problem_add(&p, "decision", "must be approve or reject; not "
		    "\"%.40s\"", json_string_value(v));
	has_note = text_member(body, "note", "note", NOTE_CHARS, 0, note,
	    sizeof note, &structural, &p);
	if (has_note == 0 && d != NULL && !approve)
		problem_add(&p, "note", "required when rejecting: say why");
	if (problem_has_errors(&p)) {
		if (structural) {
			p.status = 400;
			p.title = "Bad request";
		}
		json_decref(body);
		problem_send(r->req, &p);
		return;
	}
	problem_clear(&p);

	server_write_lock();
	if ((st = server_store(&cause)) != NULL)
		rc = dst_trip_decide(st, id, approve, has_note == 1 ? note :
		    NULL, r->who, &trip, &outcome, &cause);
	else
		outcome = DST_TRIP_FAILED;
	server_write_unlock();
	json_decref(body);

	if (rc == 0) {
		log_info("trip %s %s by %s",
		    json_string_value(json_object_get(trip, "reference")),
		    approve ? "approved" : "rejected", r->who);
		reply_json(r->req, 200, "OK", trip);
	} else if (outcome == DST_TRIP_NOT_FOUND) {
		trip_not_found(r);
		free(cause);
	} else if (outcome == DST_TRIP_DECIDED) {
		problem_init(&p, 409, "Conflict");
		snprintf(p.detail, sizeof p.detail, "%s; a trip is decided "
		    "once", cause != NULL ? cause : "decided already");
		problem_add(&p, "decision", "%s", cause != NULL ? cause :
		    "decided already");
		app = json_object_get(trip, "approval");
		/* Not "status": that member is the problem's own. */
		p.extra = json_pack("{s:O, s:O, s:O}", "reference",
		    json_object_get(trip, "reference"), "trip_status",
		    json_object_get(trip, "status"), "approval",
		    app != NULL ? app : json_null());
		problem_send(r->req, &p);
		json_decref(trip);
		free(cause);
	} else
		store_failed(r, __func__, cause);
}

/* --- reports ----------------------------------------------------------- */

/* A growing output buffer; allocation failure is fatal (as xmalloc). */
struct obuf {
	char	*p;
	size_t	 len, cap;
};

/* Append formatted text. */
static void
obuf_printf(struct obuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
obuf_printf(struct obuf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p != NULL ? b->p + b->len : NULL,
		    b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if (b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		b->cap = (b->len + (size_t)n + 1) * 2;
		if ((b->p = realloc(b->p, b->cap)) == NULL)
			abort();
	}
}

/*
 * A CSV field: quoted when it holds , ; " CR or LF; a leading = + - @
 * (a formula to a spreadsheet) is defused with a quote character.
 */
static void
csv_text(struct obuf *b, const char *s)
{
	int	quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",;\"\r\n") != NULL;
	if (quote)
		obuf_printf(b, "\"");
	if (strchr("=+-@\t\r", *s) != NULL && *s != '\0')
		obuf_printf(b, "'");
	for (; *s != '\0'; s++)
		obuf_printf(b, *s == '"' ? "\"\"" : "%c", *s);
	if (quote)
		obuf_printf(b, "\"");
}

/* One row of figures: trips, kg, kg avoided, train share. */
static void
csv_figures(struct obuf *b, const json_t *o)
{
	obuf_printf(b, ",%lld,%.2f,%.2f,%.4f\r\n",
	    (long long)json_integer_value(json_object_get(o, "trips")),
	    json_number_value(json_object_get(o, "co2e_kg")),
	    json_number_value(json_object_get(o, "co2e_kg_avoided")),
	    json_number_value(json_object_get(o, "train_share")));
}

/* The report as CSV: one row per group, then "total". */
static void
report_csv(struct request *r, const json_t *rep)
{
	struct obuf	 b = { NULL, 0, 0 };
	json_t		*g;
	size_t		 i;

	obuf_printf(&b, "key,trips,co2e_kg,co2e_kg_avoided,train_share\r\n");
	json_array_foreach(json_object_get(rep, "groups"), i, g) {
		csv_text(&b, json_string_value(json_object_get(g, "key")));
		csv_figures(&b, g);
	}
	obuf_printf(&b, "total");
	csv_figures(&b, json_object_get(rep, "total"));
	reply_bytes(r->req, 200, "OK", "text/csv; charset=utf-8", b.p, b.len);
	free(b.p);
}

/* GET /v1/reports/co2?from=&to=&group_by= */
void
api_report_co2(struct request *r)
{
	static const char *const allowed[] = { "from", "to", "group_by",
	    NULL };
	enum dst_trip_group	 g = DST_GROUP_DEPARTMENT;
	struct dst_store	*st;
	struct problem		 p;
	struct query		 q;
	const char		*v;
	char			*cause = NULL;
	json_t			*rep;
	long			 from, to;

	if (query_parse(r, allowed, &q) != 0)
		return;
	problem_init(&p, 400, "Bad query");
	query_range(&q, &from, &to, &p);
	if ((v = query_get(&q, "group_by")) != NULL && *v != '\0' &&
	    dst_trip_group_parse(v, &g) != 0)
		problem_add(&p, "group_by", "must be department, mode, "
		    "destination or month; not \"%.40s\"", v);
	query_free(&q);
	if (problem_has_errors(&p)) {
		problem_send(r->req, &p);
		return;
	}
	problem_clear(&p);
	if ((st = server_store(&cause)) == NULL ||
	    (rep = dst_trips_report(st, from, to, g, &cause)) == NULL) {
		store_failed(r, __func__, cause);
		return;
	}
	if (request_wants_csv(r)) {
		report_csv(r, rep);
		json_decref(rep);
	} else
		reply_json(r->req, 200, "OK", rep);
}
