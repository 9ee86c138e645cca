/*
 * Filing a trip request: the traveller, the chosen mode and what the
 * ruling asks for it (an exception, a justification), from the JSON of
 * POST /v1/trips or from the staff page's form; ruled by the decide
 * service, checked against the ruling, and stored with the answer it was
 * ruled under.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "daemon/daemon.h"

/* Limits of the text fields, in characters. */
#define NAME_CHARS		200
#define EMAIL_MAX_BYTES		254
#define DEPARTMENT_CHARS	100
#define JUSTIFY_CHARS		500
#define EXC_TEXT_CHARS		1000
#define REASON_CHARS		40

/* Who filed a trip through the web form without a key. */
#define WEB_FORM_WHO		"web form"

#define TEXT_REQUIRED	0x1	/* absent, null or blank is an error */
#define TEXT_ONE_LINE	0x2	/* no line breaks */

static const char *const exception_reasons[] = { "medical", "care_duties",
    "urgent", "equipment", "other", NULL };

/* How the fields of a trip request are named where it comes from. */
struct trip_fields {
	const char	*name, *email, *department, *chosen, *exception;
	const char	*reason, *text, *justification, *trip;
};
static const struct trip_fields json_names = { "traveller.name",
    "traveller.email", "traveller.department", "chosen_mode", "exception",
    "exception.reason", "exception.text", "justification", "trip." };
static const struct trip_fields form_names = { "traveller_name",
    "traveller_email", "traveller_department", "chosen_mode",
    "exception_reason", "exception_reason", "exception_text",
    "justification", "" };

/* Free what an input holds. */
void
trip_input_clear(struct trip_input *in)
{
	free(in->name);
	free(in->email);
	free(in->department);
	free(in->reason);
	free(in->exception_text);
	free(in->justification);
	memset(in, 0, sizeof *in);
}

/* Characters (code points) of valid UTF-8. */
static size_t
utf8_chars(const char *s, size_t n)
{
	size_t	i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return (c);
}

/* Is c white space at the ends of a field? */
static int
is_blank(char c)
{
	return (c == ' ' || c == '\t' || c == '\r' || c == '\n');
}

/*
 * A text (s: NULL when absent), trimmed, into a new *out.  1 when there
 * is text, 0 when absent or blank (an error if required), -1 after
 * adding an error (too long, a control character, a line break in a
 * one-line field).
 */
static int
text(const char *s, size_t n, const char *field, size_t maxchars, int flags,
    char **out, struct dec_errors *errs)
{
	const unsigned char	*u;
	const char		*end;

	*out = NULL;
	if (s == NULL) {
		if (flags & TEXT_REQUIRED) {
			dec_errors_add(errs, field, DEC_E_REQUIRED, "required");
			return (-1);
		}
		return (0);
	}
	if (memchr(s, '\0', n) != NULL) {
		dec_errors_add(errs, field, DEC_E_ENCODING, "contains a NUL "
		    "character");
		return (-1);
	}
	end = s + n;
	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	if (end == s) {
		if (flags & TEXT_REQUIRED) {
			dec_errors_add(errs, field, DEC_E_EMPTY, "must not be "
			    "empty");
			return (-1);
		}
		return (0);
	}
	for (u = (const unsigned char *)s; u < (const unsigned char *)end;
	    u++) {
		if ((*u == '\n' || *u == '\r') && (flags & TEXT_ONE_LINE)) {
			dec_errors_add(errs, field, DEC_E_FORMAT, "must be one "
			    "line");
			return (-1);
		}
		if ((*u < 0x20 && *u != '\n' && *u != '\r' && *u != '\t') ||
		    *u == 0x7f) {
			dec_errors_add(errs, field, DEC_E_ENCODING,
			    "contains a "
			    "control character");
			return (-1);
		}
	}
	if (utf8_chars(s, (size_t)(end - s)) > maxchars) {
		dec_errors_add(errs, field, DEC_E_TOO_LONG, "longer than %zu "
		    "characters", maxchars);
		return (-1);
	}
	if ((*out = strndup(s, (size_t)(end - s))) == NULL)
		abort();
	return (1);
}

/* A text member of a JSON object (see text). */
static int
json_text(const json_t *o, const char *key, const char *field,
    size_t maxchars, int flags, char **out, struct dec_errors *errs)
{
	json_t	*v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return (text(NULL, 0, field, maxchars, flags, out, errs));
	if (!json_is_string(v)) {
		dec_errors_add(errs, field, DEC_E_TYPE, "must be a string, not "
		    "%s", dst_json_type_name(v));
		return (-1);
	}
	return (text(json_string_value(v), json_string_length(v), field,
	    maxchars, flags, out, errs));
}

/* A field of a form (see text; absent and "" alike). */
static int
form_text(const struct form *f, const char *key, size_t maxchars,
    int flags, char **out, struct dec_errors *errs)
{
	const char	*v = form_get(f, key);

	return (text(v, v != NULL ? strlen(v) : 0, key, maxchars, flags, out,
	    errs));
}

/* The note of an approval: a text of at most maxchars, optional. */
int
trip_note(const json_t *body, size_t maxchars, char **out,
    struct dec_errors *errs)
{
	return (json_text(body, "note", "note", maxchars, 0, out, errs));
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

/* The e-mail address, checked. */
static void
check_email(struct trip_input *in, const char *field, struct dec_errors *errs)
{
	char	clip[128];

	if (in->email == NULL)
		return;
	if (strlen(in->email) > EMAIL_MAX_BYTES)
		dec_errors_add(errs, field, DEC_E_TOO_LONG, "longer than %d "
		    "bytes", EMAIL_MAX_BYTES);
	else if (!email_valid(in->email))
		dec_errors_add(errs, field, DEC_E_FORMAT, "not an e-mail "
		    "address (name@example.org): \"%s\"", dec_clip(clip,
		    sizeof clip, in->email, 80));
	else
		return;
	free(in->email);
	in->email = NULL;
}

/* The chosen mode's name, checked (NULL: absent). */
static void
check_chosen(const char *s, const char *field, struct trip_input *in,
    struct dec_errors *errs)
{
	char	clip[64];

	if (s == NULL || *s == '\0')
		dec_errors_add(errs, field, DEC_E_REQUIRED, "required: train, "
		    "plane, car or coach");
	else if (dec_mode_parse(s, &in->chosen) != 0)
		dec_errors_add(errs, field, DEC_E_CHOICE,
		    "must be train, plane, "
		    "car or coach; not \"%s\"", dec_clip(clip, sizeof clip, s,
		    40));
	else
		in->has_chosen = 1;
}

/* The exception's reason, checked (after its text). */
static void
check_exception(struct trip_input *in, int rc_reason, int rc_text,
    const struct trip_fields *fn, struct dec_errors *errs)
{
	const char *const	*r;
	char			 clip[64];

	if (rc_reason == 1) {
		for (r = exception_reasons; *r != NULL; r++)
			if (strcmp(in->reason, *r) == 0)
				break;
		if (*r == NULL) {
			dec_errors_add(errs, fn->reason, DEC_E_CHOICE,
			    "must be "
			    "medical, care_duties, urgent, equipment or other; "
			    "not \"%s\"", dec_clip(clip, sizeof clip,
			    in->reason, 40));
			rc_reason = -1;
		}
	}
	if (rc_text == 0 && in->reason != NULL &&
	    strcmp(in->reason, "other") == 0) {
		dec_errors_add(errs, fn->text, DEC_E_REQUIRED, "required when "
		    "the reason is \"other\": say what it is");
		rc_text = -1;
	}
	in->has_exception = rc_reason == 1 && rc_text != -1;
}

/* A trip request from the body of POST /v1/trips (see daemon.h). */
int
trip_from_json(const json_t *body, struct trip_input *in,
    struct dec_errors *errs)
{
	static const char *const keys[] = { "trip", "traveller",
	    "chosen_mode", "exception", "justification", NULL };
	static const char *const tkeys[] = { "name", "email", "department",
	    NULL };
	static const char *const ekeys[] = { "reason", "text", NULL };
	const struct trip_fields *fn = &json_names;
	json_t			*t, *v, *e;
	size_t			 n = errs->n, before;
	int			 rr, rt;

	memset(in, 0, sizeof *in);
	(void)dst_json_unknown(body, "", keys, NULL, errs);

	t = json_object_get(body, "trip");
	if (t == NULL || json_is_null(t))
		dec_errors_add(errs, "trip", DEC_E_REQUIRED,
		    "required: the trip "
		    "as POST /v1/decisions takes it (destination, "
		    "departure_date, return_date, ...)");
	else if (!json_is_object(t))
		dec_errors_add(errs, "trip", DEC_E_TYPE,
		    "must be an object (the "
		    "body of POST /v1/decisions), not %s",
		    dst_json_type_name(t));
	else
		in->trip_ok = decide_from_json(t, fn->trip, &in->trip,
		    errs) == 0;

	t = json_object_get(body, "traveller");
	if (t == NULL || json_is_null(t))
		dec_errors_add(errs, "traveller", DEC_E_REQUIRED, "required: "
		    "{\"name\", \"email\", \"department\"}");
	else if (!json_is_object(t))
		dec_errors_add(errs, "traveller", DEC_E_TYPE,
		    "must be an object "
		    "{\"name\", \"email\", \"department\"}, not %s",
		    dst_json_type_name(t));
	else {
		(void)dst_json_unknown(t, "traveller.", tkeys, NULL, errs);
		(void)json_text(t, "name", fn->name, NAME_CHARS, TEXT_REQUIRED |
		    TEXT_ONE_LINE, &in->name, errs);
		if (json_text(t, "email", fn->email, EMAIL_MAX_BYTES,
		    TEXT_REQUIRED | TEXT_ONE_LINE, &in->email, errs) == 1)
			check_email(in, fn->email, errs);
		(void)json_text(t, "department", fn->department,
		    DEPARTMENT_CHARS, TEXT_REQUIRED | TEXT_ONE_LINE,
		    &in->department, errs);
	}

	v = json_object_get(body, "chosen_mode");
	if (v != NULL && !json_is_null(v) && !json_is_string(v))
		dec_errors_add(errs, fn->chosen, DEC_E_TYPE, "must be a string "
		    "(train, plane, car or coach), not %s",
		    dst_json_type_name(v));
	else
		check_chosen(json_string_value(v), fn->chosen, in, errs);

	e = json_object_get(body, "exception");
	if (e != NULL && !json_is_null(e)) {
		in->exception_given = 1;
		if (!json_is_object(e))
			dec_errors_add(errs, fn->exception, DEC_E_TYPE,
			    "must be "
			    "an object {\"reason\", \"text\"} or null, not %s",
			    dst_json_type_name(e));
		else {
			before = errs->n;
			(void)dst_json_unknown(e, "exception.", ekeys, NULL,
			    errs);
			rr = json_text(e, "reason", fn->reason, REASON_CHARS,
			    TEXT_REQUIRED | TEXT_ONE_LINE, &in->reason, errs);
			rt = json_text(e, "text", fn->text, EXC_TEXT_CHARS, 0,
			    &in->exception_text, errs);
			check_exception(in, rr, rt, fn, errs);
			if (errs->n != before)
				in->has_exception = 0;
		}
	}
	in->justification_bad = json_text(body, "justification",
	    fn->justification, JUSTIFY_CHARS, TEXT_ONE_LINE,
	    &in->justification, errs) == -1;
	return (errs->n > n ? -1 : 0);
}

/* A trip request from the page's form (see daemon.h). */
int
trip_from_form(const struct form *f, struct trip_input *in,
    struct dec_errors *errs)
{
	const struct trip_fields *fn = &form_names;
	const char		*reason, *etext;
	size_t			 n = errs->n;
	int			 rr, rt;

	memset(in, 0, sizeof *in);
	in->form_token = form_get(f, "csrf");
	in->trip_ok = decide_from_form(f, &in->trip, errs) == 0;
	(void)form_text(f, fn->name, NAME_CHARS, TEXT_REQUIRED |
	    TEXT_ONE_LINE, &in->name, errs);
	if (form_text(f, fn->email, EMAIL_MAX_BYTES, TEXT_REQUIRED |
	    TEXT_ONE_LINE, &in->email, errs) == 1)
		check_email(in, fn->email, errs);
	(void)form_text(f, fn->department, DEPARTMENT_CHARS, TEXT_REQUIRED |
	    TEXT_ONE_LINE, &in->department, errs);
	check_chosen(form_get(f, fn->chosen), fn->chosen, in, errs);
	reason = form_get(f, "exception_reason");
	etext = form_get(f, "exception_text");
	if ((reason != NULL && *reason != '\0') ||
	    (etext != NULL && *etext != '\0')) {
		in->exception_given = 1;
		rr = form_text(f, "exception_reason", REASON_CHARS,
		    TEXT_REQUIRED | TEXT_ONE_LINE, &in->reason, errs);
		rt = form_text(f, "exception_text", EXC_TEXT_CHARS, 0,
		    &in->exception_text, errs);
		check_exception(in, rr, rt, fn, errs);
	}
	in->justification_bad = form_text(f, fn->justification,
	    JUSTIFY_CHARS, TEXT_ONE_LINE, &in->justification, errs) == -1;
	return (errs->n > n ? -1 : 0);
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
 * Check the choice against the ruling: the mode must be feasible and
 * offered; another mode than the ruled one needs an exception when the
 * ruling is mandatory (the trip is then not compliant), a justification
 * when it is recommended.  Return whether the trip is compliant.
 */
static int
choice_check(const struct dec_result *res, const struct trip_input *in,
    const struct trip_fields *fn, struct dec_errors *errs)
{
	const struct dec_mode_estimate	*m = &res->modes[in->chosen];
	const struct dec_ruling		*ru = &res->ruling;
	const char			*chosen = dec_mode_name(in->chosen);
	char				 modes[64];

	offered_modes(res, modes, sizeof modes);
	if (!m->feasible) {
		dec_errors_add(errs, fn->chosen, DEC_E_NOT_OFFERED, "%s is not "
		    "possible to this destination (outside the rail-connected "
		    "zone); choose one of: %s", chosen, modes);
		return (1);
	}
	if (m->requires == DEC_REQUIRES_NOT_OFFERED) {
		dec_errors_add(errs, fn->chosen, DEC_E_NOT_OFFERED, "the %s is "
		    "not offered on a %s trip; choose one of: %s", chosen,
		    dec_scope_name(res->scope), modes);
		return (1);
	}
	if (in->chosen == ru->mode)
		return (1);
	switch (m->requires) {
	case DEC_REQUIRES_EXCEPTION:
		if (!in->exception_given)
			dec_errors_add(errs, fn->exception, DEC_E_REQUIRED,
			    "required: the ruling is %s, %s; choosing %s needs "
			    "an exception "
			    "(reason medical, care_duties, urgent, "
			    "equipment, or other with a text)",
			    dec_mode_name(ru->mode),
			    dec_strength_name(ru->strength), chosen);
		return (0);
	case DEC_REQUIRES_JUSTIFICATION:
		if (in->justification == NULL && !in->justification_bad)
			dec_errors_add(errs, fn->justification, DEC_E_REQUIRED,
			    "required: the ruling is %s, %s; choosing %s needs "
			    "a one-line justification", dec_mode_name(ru->mode),
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

/* The answer as the JSON text stored with the trip (malloc'd). */
static char *
answer_text(const struct dst_snapshot *snap, const struct decide_answer *ans)
{
	struct evbuffer	*b;
	struct jw	 w;
	char		*s;
	size_t		 n;

	if ((b = evbuffer_new()) == NULL)
		abort();
	jw_init(&w, b);
	encode_decision(&w, snap, ans);
	jw_finish(&w);
	n = evbuffer_get_length(b);
	if ((s = malloc(n + 1)) == NULL)
		abort();
	evbuffer_remove(b, s, n);
	s[n] = '\0';
	evbuffer_free(b);
	return (s);
}

/* Rule, check and store a trip request (see daemon.h). */
int
trip_file(const struct dst_snapshot *snap, const struct trip_input *in,
    const char *who, int json_fields, struct decide_answer *ans,
    struct dst_trip *out, struct dec_errors *errs, char **cause)
{
	const struct trip_fields *fn = json_fields ? &json_names : &form_names;
	const struct dec_result	*res = &ans->res;
	struct dst_trip_new	 t;
	struct dst_store	*st;
	char			*decision;
	int			 compliant, rc = -1;

	memset(out, 0, sizeof *out);
	compliant = 1;
	if (in->trip_ok && decide_run(snap, &in->trip, fn->trip, ans,
	    errs) == 0 && in->has_chosen)
		compliant = choice_check(res, in, fn, errs);
	if (errs->n > 0 || !in->trip_ok || !in->has_chosen)
		return (-1);

	decision = answer_text(snap, ans);
	memset(&t, 0, sizeof t);
	t.traveller_name = in->name;
	t.traveller_email = in->email;
	t.department = in->department;
	t.destination_id = ans->req.place.id;
	t.destination_name = ans->req.place.name;
	t.country = ans->req.place.country;
	t.departure = ans->req.departure;
	t.return_day = ans->req.return_day;
	t.travellers = res->travellers;
	t.chosen = in->chosen;
	t.ruled = res->ruling.mode;
	t.strength = res->ruling.strength;
	t.compliant = compliant;
	t.exception_reason = in->has_exception ? in->reason : NULL;
	t.exception_text = in->has_exception ? in->exception_text : NULL;
	t.justification = in->justification;
	t.co2e_chosen_x100 = co2_x100(res, in->chosen);
	t.co2e_ruled_x100 = co2_x100(res, res->ruling.mode);
	t.co2e_plane_x100 = co2_x100(res, DEC_MODE_PLANE);
	t.policy_version = dst_snapshot_policy(snap)->version;
	t.factor_set = dst_snapshot_factors(snap)->name;
	t.decision = decision;
	t.created_by = who != NULL && *who != '\0' ? who : WEB_FORM_WHO;
	t.form_token = in->form_token;

	/* Trips are not in a snapshot: nothing to publish. */
	server_write_begin();
	if ((st = server_store(cause)) != NULL)
		rc = dst_trip_create(st, &t, out, cause);
	(void)server_write_end(0, NULL);
	free(decision);
	if (rc == 1) {
		log_info("trip form sent again: %s was filed with it, nothing "
		    "stored", out->reference);
		return (1);
	}
	if (rc != 0) {
		log_warnx("%s: %s", __func__, cause != NULL && *cause != NULL ?
		    *cause : "failed");
		return (-1);
	}
	log_info("trip %s filed by %s (%s, %s)", out->reference, t.created_by,
	    out->chosen_mode, compliant ? "compliant" : "exception");
	return (0);
}
