/*
 * The staff pages (SPEC §4 "Web pages"): the form (GET /), the answer with
 * the ruling, the modes and a CO2 chart drawn by the server (GET /decide),
 * and the trip request (POST /trips).  Server-rendered HTML in Dutch or
 * English, no JavaScript.  The ruling is the JSON API's: the form's fields
 * become a POST /v1/decisions body for jsonio_decision_request, and the
 * page shows what jsonio_decision_result answers.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

#define PAGE_MAX_ERRORS		16
#define DATALIST_MAX		5000	/* names offered while typing */
#define CHART_WIDTH		640
#define CHART_LABEL		120	/* the bars start here */
#define CHART_BARS		400	/* the longest bar */
#define CHART_ROW		36

/* One error to show next to a form field. */
struct page_err {
	char		 field[32];	/* the form field, "" for the page */
	const char	*en;		/* a text of the i18n table, or NULL */
	char		 text[300];	/* {text} of en, or shown as is */
};

/* The errors of a form, and an unknown destination's suggestions. */
struct page_errors {
	int			 n;
	struct page_err		 e[PAGE_MAX_ERRORS];
	int			 unknown;	/* the destination is unknown */
	char			 unknown_text[256];
	struct dst_suggestions	 sugg;
};

/* --- small helpers -------------------------------------------------------- */

/* A string member, or NULL. */
static const char *
jstr(const json_t *o, const char *k)
{
	json_t	*v = json_object_get(o, k);

	return (json_is_string(v) ? json_string_value(v) : NULL);
}

/* A number member, or def. */
static double
jnum(const json_t *o, const char *k, double def)
{
	json_t	*v = json_object_get(o, k);

	return (json_is_number(v) ? json_number_value(v) : def);
}

/* Is the value of a checkbox or boolean field true? */
static int
form_true(const char *v)
{
	if (v == NULL || *v == '\0')
		return (0);
	return (strcmp(v, "false") != 0 && strcmp(v, "0") != 0 &&
	    strcmp(v, "no") != 0 && strcmp(v, "off") != 0);
}

/* A form value, or "". */
static const char *
fval(const struct form *f, const char *k)
{
	const char	*v = form_get(f, k);

	return (v != NULL ? v : "");
}

/* A mode's name for a table or a heading ("Trein"). */
static const char *
mode_title(enum page_lang lang, const char *wire)
{
	static const char *const titles[][2] = { { "train", "Train" },
	    { "plane", "Plane" }, { "car", "Car" }, { "coach", "Coach" } };
	size_t	i;

	for (i = 0; wire != NULL && i < 4; i++)
		if (strcmp(wire, titles[i][0]) == 0)
			return (i18n_tr(lang, titles[i][1]));
	return (wire != NULL ? wire : "?");
}

/* A mode's name inside a sentence ("trein"). */
static const char *
mode_word(enum page_lang lang, const char *wire)
{
	if (wire != NULL && (strcmp(wire, "train") == 0 ||
	    strcmp(wire, "plane") == 0 || strcmp(wire, "car") == 0 ||
	    strcmp(wire, "coach") == 0))
		return (i18n_tr(lang, wire));
	return (wire != NULL ? wire : "?");
}

/* A strength in words ("verplicht"). */
static const char *
strength_word(enum page_lang lang, const char *wire)
{
	if (wire != NULL && (strcmp(wire, "mandatory") == 0 ||
	    strcmp(wire, "recommended") == 0 || strcmp(wire, "free") == 0))
		return (i18n_tr(lang, wire));
	return (wire != NULL ? wire : "?");
}

/* Fill one {name} of a translated text into buf (unescaped: for %s). */
static void
fill1(enum page_lang lang, const char *en, const char *name,
    const char *value, char *buf, size_t len)
{
	const char	*t = i18n_tr(lang, en), *at;
	char		 ph[40];

	snprintf(ph, sizeof ph, "{%s}", name);
	if ((at = strstr(t, ph)) == NULL) {
		snprintf(buf, len, "%s", t);
		return;
	}
	snprintf(buf, len, "%.*s%s%s", (int)(at - t), t, value,
	    at + strlen(ph));
}

/* The place's name in the page's language (listed: name_nl / name_en). */
static const char *
place_name(const struct dst_snapshot *snap, const json_t *ans,
    enum page_lang lang, const struct dst_entry **entry)
{
	const json_t		*d = json_object_get(ans, "destination");
	const struct dst_entry	*e = NULL;
	const char		*id = jstr(d, "id"), *name = jstr(d, "name");

	if (id != NULL)
		e = dst_snapshot_find(snap, id);
	if (entry != NULL)
		*entry = e;
	if (e != NULL) {
		if (lang == PAGE_NL && e->name_nl[0] != '\0')
			return (e->name_nl);
		if (lang == PAGE_EN && e->name_en[0] != '\0')
			return (e->name_en);
		return (e->name);
	}
	return (name != NULL && *name != '\0' ? name : "?");
}

/* --- errors --------------------------------------------------------------- */

/* Add an error for a form field: a text of the table, or shown as is. */
static void
err_add(struct page_errors *pe, const char *field, const char *en,
    const char *text)
{
	struct page_err	*e;

	if (pe->n == PAGE_MAX_ERRORS)
		return;
	e = &pe->e[pe->n++];
	snprintf(e->field, sizeof e->field, "%s", field);
	e->en = en;
	snprintf(e->text, sizeof e->text, "%s", text != NULL ? text : "");
}

/* Has a field an error (the unknown destination included)? */
static int
err_has(const struct page_errors *pe, const char *field)
{
	int	i;

	if (pe->unknown && strcmp(field, "destination") == 0)
		return (1);
	for (i = 0; i < pe->n; i++)
		if (strcmp(pe->e[i].field, field) == 0)
			return (1);
	return (0);
}

/* Does a message begin with a prefix? */
static int
begins(const char *s, const char *prefix)
{
	return (strncmp(s, prefix, strlen(prefix)) == 0);
}

/*
 * One {field, message} of a problem as the page shows it: next to the
 * form field it concerns, in the page's words where the page knows what
 * went wrong, else the API's message as is.
 */
static void
err_from_api(struct page_errors *pe, const char *field, const char *msg)
{
	static const struct {
		const char	*api, *form, *en;
	} map[] = {
		{ "travellers", "travellers",
		  "Enter a whole number from 1 to 1000" },
		{ "traveller.name", "traveller_name",
		  "Enter your name (at most 200 characters)" },
		{ "traveller.email", "traveller_email",
		  "Enter a valid e-mail address, like an.peeters@stad.gent" },
		{ "traveller.department", "traveller_department",
		  "Enter your department (at most 100 characters)" },
		{ "traveller", "traveller_name",
		  "Enter your name (at most 200 characters)" },
		{ "chosen_mode", "chosen_mode",
		  "Choose a mode that is offered for this trip" },
		{ "exception", "exception_reason",
		  "Choose the reason for the exception" },
		{ "exception.reason", "exception_reason",
		  "Choose the reason for the exception" },
		{ "exception.text", "exception_text",
		  "Explain the exception (required for “Other”)" },
		{ "justification", "justification",
		  "Give a justification of one line (at most 500 characters)" },
	};
	char	whole[300];
	size_t	i;

	if (field == NULL)
		field = "";
	if (msg == NULL)
		msg = "";
	if (begins(field, "trip."))
		field += 5;
	if (strcmp(field, "destination") == 0 ||
	    begins(field, "destination.")) {
		if (begins(msg, "unknown place"))
			pe->unknown = 1;
		else if (begins(msg, "longer than"))
			err_add(pe, "destination", "The destination is too long "
			    "(at most 200 bytes)", NULL);
		else if (begins(msg, "required") || begins(msg, "empty"))
			err_add(pe, "destination", "Enter a destination", NULL);
		else
			err_add(pe, "destination", NULL, msg);
		return;
	}
	if (strcmp(field, "departure_date") == 0 ||
	    strcmp(field, "return_date") == 0) {
		if (begins(msg, "required"))
			err_add(pe, field, "Enter a date", NULL);
		else if (begins(msg, "before departure"))
			err_add(pe, field, "The return date is before the "
			    "departure date", NULL);
		else if (begins(msg, "not a valid date") ||
		    begins(msg, "must be a string"))
			err_add(pe, field, "Not a valid date: use YYYY-MM-DD",
			    NULL);
		else
			err_add(pe, field, NULL, msg);
		return;
	}
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(field, map[i].api) == 0) {
			if (!err_has(pe, map[i].form))
				err_add(pe, map[i].form, map[i].en, NULL);
			return;
		}
	snprintf(whole, sizeof whole, "%s%s%s", field, *field ? ": " : "",
	    msg);
	err_add(pe, "", NULL, whole);
}

/* Every error of a problem; an unknown place's suggestions. */
static void
errors_from_problem(struct page_errors *pe, const struct problem *p,
    const struct form *f)
{
	json_t	*v, *sugg;
	size_t	 i;

	json_array_foreach(p->errors, i, v)
		err_from_api(pe, jstr(v, "field"), jstr(v, "message"));
	if (!pe->unknown)
		return;
	snprintf(pe->unknown_text, sizeof pe->unknown_text, "%s",
	    fval(f, "destination"));
	sugg = json_object_get(p->extra, "suggestions");
	pe->sugg.n = 0;
	json_array_foreach(sugg, i, v) {
		if (pe->sugg.n == DST_MAX_SUGGESTIONS || jstr(v, "id") == NULL ||
		    jstr(v, "name") == NULL)
			continue;
		snprintf(pe->sugg.ids[pe->sugg.n], DEC_ID_MAX, "%s",
		    jstr(v, "id"));
		snprintf(pe->sugg.names[pe->sugg.n], DEC_NAME_MAX, "%s",
		    jstr(v, "name"));
		pe->sugg.n++;
	}
}

/* ' aria-describedby="F-hint F-error" aria-invalid="true"' as it applies. */
static void
described(struct html *h, const struct page_errors *pe, const char *field,
    int hint)
{
	int	err = err_has(pe, field);

	if (!hint && !err)
		return;
	html_raw(h, " aria-describedby=\"");
	if (hint)
		html_fmt(h, "%s-hint", field);
	if (err)
		html_fmt(h, "%s%s-error\" aria-invalid=\"true", hint ? " " : "",
		    field);
	html_raw(h, "\"");
}

/* The words of one error. */
static void
err_words(struct html *h, const struct page_err *e)
{
	if (e->en != NULL)
		html_tpl(h, e->en, "text", e->text, (char *)NULL);
	else
		html_fmt(h, "<span lang=\"en\">%s</span>", e->text);
}

/* The unknown destination: the message and the suggestions as links. */
static void
unknown_words(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f, int links)
{
	const struct dst_entry	*e;
	struct dst_suggestions	 none;
	const char		*name, *target;
	int			 i;

	html_tpl(h, "Unknown place “{text}”.", "text", pe->unknown_text,
	    (char *)NULL);
	if (!links)
		return;
	html_raw(h, " ");
	if (pe->sugg.n == 0) {
		html_t(h, "No similar place is on the list.");
		return;
	}
	html_t(h, "Did you mean:");
	html_raw(h, "\n<ul class=\"suggestions\">");
	for (i = 0; i < pe->sugg.n; i++) {
		name = pe->sugg.names[i];
		if ((e = dst_snapshot_find(r->snap, pe->sugg.ids[i])) != NULL) {
			if (h->lang == PAGE_NL && e->name_nl[0] != '\0')
				name = e->name_nl;
			else if (h->lang == PAGE_EN && e->name_en[0] != '\0')
				name = e->name_en;
		}
		/* The name reads better in the form; the id when the name
		 * would lead elsewhere. */
		target = e != NULL && dst_snapshot_resolve(r->snap, name, NULL,
		    &none) == e ? name : pe->sugg.ids[i];
		html_raw(h, "<li><a href=\"");
		html_trip_href(h, "/decide", f, target, h->lang);
		html_fmt(h, "\">%s</a>", name);
		if (e != NULL && strcmp(name, e->name) != 0)
			html_fmt(h, " (%s, %s)", e->name, e->country);
		else if (e != NULL)
			html_fmt(h, " (%s)", e->country);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>\n");
}

/* The errors of one field, right after its label and hint. */
static void
field_errors(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f, const char *field)
{
	int	i, first = 1;

	if (!err_has(pe, field))
		return;
	html_fmt(h, "<div class=\"field-error\" id=\"%s-error\">", field);
	if (pe->unknown && strcmp(field, "destination") == 0) {
		unknown_words(h, r, pe, f, 1);
		first = 0;
	}
	for (i = 0; i < pe->n; i++) {
		if (strcmp(pe->e[i].field, field) != 0)
			continue;
		if (!first)
			html_raw(h, " ");
		err_words(h, &pe->e[i]);
		first = 0;
	}
	html_raw(h, "</div>\n");
}

/* The summary at the top: every error, linked to its field. */
static void
error_summary(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f)
{
	int	i;

	if (pe->n == 0 && !pe->unknown)
		return;
	html_raw(h, "<div class=\"error-summary\" role=\"alert\" "
	    "aria-labelledby=\"error-summary-title\">\n"
	    "<h2 id=\"error-summary-title\">");
	html_t(h, "There is a problem");
	html_raw(h, "</h2>\n<ul>");
	if (pe->unknown) {
		html_raw(h, "<li><a href=\"#destination\">");
		unknown_words(h, r, pe, f, 0);
		html_raw(h, "</a></li>");
	}
	for (i = 0; i < pe->n; i++) {
		html_raw(h, "<li>");
		if (pe->e[i].field[0] != '\0')
			html_fmt(h, "<a href=\"#%s\">", pe->e[i].field);
		err_words(h, &pe->e[i]);
		if (pe->e[i].field[0] != '\0')
			html_raw(h, "</a>");
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>\n</div>\n");
}

/* --- the ruling ------------------------------------------------------------ */

/* Put a string, integer (when it reads as one) or nothing into o. */
static void
set_travellers(json_t *o, const char *v)
{
	const char	*s = v;
	char		*end;
	long long	 n;

	if (v == NULL || *v == '\0')
		return;
	while (*s == ' ')
		s++;
	n = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (isdigit((unsigned char)*s) && *end == '\0' && n <= 1000000)
		json_object_set_new(o, "travellers", json_integer(n));
	else
		json_object_set_new(o, "travellers", json_string(v));
}

/* The POST /v1/decisions body of the trip fields of a form. */
static json_t *
trip_json(const struct form *f)
{
	json_t		*o = json_object();
	const char	*v;

	if ((v = form_get(f, "destination")) != NULL)
		json_object_set_new(o, "destination", json_string(v));
	if ((v = form_get(f, "departure_date")) != NULL && *v != '\0')
		json_object_set_new(o, "departure_date", json_string(v));
	if ((v = form_get(f, "return_date")) != NULL && *v != '\0')
		json_object_set_new(o, "return_date", json_string(v));
	set_travellers(o, form_get(f, "travellers"));
	json_object_set_new(o, "online_possible",
	    json_boolean(form_true(form_get(f, "online_possible"))));
	return (o);
}

/*
 * Rule on the trip fields of a form as POST /v1/decisions does.  Return
 * the answer (a new reference), or NULL with the errors in pe and the
 * page's status in *status.
 */
static json_t *
trip_decide(struct request *r, const struct form *f, struct page_errors *pe,
    int *status)
{
	const struct dst_entry	*e;
	struct dec_request	 dreq;
	struct place_how	 how;
	struct dec_result	 res;
	struct problem		 p;
	json_t			*body;
	const char		*dest;
	char			*s, err[256], *colon;
	size_t			 len;

	body = trip_json(f);
	s = jsonio_dump(body, &len);
	json_decref(body);
	if (s == NULL) {
		*status = 500;
		err_add(pe, "", NULL, "out of memory");
		return (NULL);
	}
	if (jsonio_decision_request(r->snap, s, len, &dreq, &how, &p) != 0) {
		free(s);
		errors_from_problem(pe, &p, f);
		*status = p.status;
		problem_clear(&p);
		/* The API resolves the place only when all else is right;
		 * the page says everything at once. */
		dest = form_get(f, "destination");
		if (!err_has(pe, "destination") && dest != NULL &&
		    strspn(dest, " \t") != strlen(dest)) {
			e = dst_snapshot_resolve(r->snap, dest, NULL, &pe->sugg);
			if (e == NULL) {
				pe->unknown = 1;
				snprintf(pe->unknown_text,
				    sizeof pe->unknown_text, "%s", dest);
			}
		}
		return (NULL);
	}
	free(s);
	problem_clear(&p);
	if (dec_decide(dst_snapshot_policy(r->snap),
	    dst_snapshot_factors(r->snap), dst_snapshot_calibration(r->snap),
	    &dreq, &res, err, sizeof err) != 0) {
		*status = 422;
		if ((colon = strstr(err, ": ")) != NULL) {
			*colon = '\0';
			err_from_api(pe, err, colon + 2);
		} else
			err_from_api(pe, "", err);
		return (NULL);
	}
	return (jsonio_decision_result(r->snap, &dreq, &how, &res));
}

/* A distance for a reason: whole km, with decimals near the threshold. */
static void
km_text(enum page_lang lang, double km, double threshold, char *buf,
    size_t len)
{
	int	dec = 0;

	if (fabs(km - threshold) < 1.0)
		dec = 1;
	if (fabs(km - threshold) < 0.1)
		dec = 2;
	i18n_num(lang, km, dec, buf, len);
}


/* The figures the reasons quote, in the page's language. */
struct figures {
	const char	*place, *origin, *est, *list_mode, *list_strength;
	char		 km[32], near[32], h[32], wd[32], ld[32];
	double		 rail, long_day;
	int		 night_train;
};

/* Fill the figures of an answer. */
static void
figures(const struct request *r, const json_t *ans, enum page_lang lang,
    struct figures *fg)
{
	const struct dec_policy	*pol = dst_snapshot_policy(r->snap);
	const json_t		*rail = json_object_get(ans, "rail");
	const json_t		*ru = json_object_get(ans, "ruling");
	const struct dst_entry	*e;

	fg->place = place_name(r->snap, ans, lang, &e);
	fg->origin = pol->origin_name;
	fg->rail = jnum(rail, "hours", -1);
	fg->long_day = pol->long_day_hours;
	fg->night_train = e != NULL && e->night_train;
	fg->est = json_is_true(json_object_get(rail, "estimated")) ?
	    i18n_tr(lang, " (estimated)") : "";
	/* The list's own mode and strength, before a scope caps them. */
	fg->list_mode = mode_word(lang, e != NULL ? dec_mode_name(e->mode) :
	    jstr(ru, "mode"));
	fg->list_strength = strength_word(lang, e != NULL ?
	    dec_strength_name(e->strength) : jstr(ru, "strength"));
	km_text(lang, jnum(ans, "distance_km", 0), pol->near_km, fg->km,
	    sizeof fg->km);
	i18n_num(lang, pol->near_km, 1, fg->near, sizeof fg->near);
	i18n_num(lang, fg->rail, 2, fg->h, sizeof fg->h);
	i18n_num(lang, pol->working_day_hours, 2, fg->wd, sizeof fg->wd);
	i18n_num(lang, pol->long_day_hours, 2, fg->ld, sizeof fg->ld);
}

/* The ruling in a sentence: "Trein verplicht: Keulen staat op de lijst...". */
static void
ruling_sentence(struct html *h, const json_t *ans, const struct figures *fg)
{
	const json_t	*ru = json_object_get(ans, "ruling");
	const char	*mode = jstr(ru, "mode"), *st = jstr(ru, "strength");
	const char	*rule = jstr(ru, "rule");

	if (rule == NULL)
		rule = "";
	if (st != NULL && strcmp(st, "mandatory") == 0)
		html_tpl(h, "{mode} mandatory", "mode",
		    mode_title(h->lang, mode), (char *)NULL);
	else if (st != NULL && strcmp(st, "recommended") == 0)
		html_tpl(h, "{mode} recommended", "mode",
		    mode_title(h->lang, mode), (char *)NULL);
	else
		html_t(h, "Free choice");
	html_raw(h, ": ");
	if (strcmp(rule, "listed") == 0)
		html_tpl(h, "{place} is on the frequent-destination list",
		    "place", fg->place, (char *)NULL);
	else if (strcmp(rule, "no_rail") == 0)
		html_tpl(h, "{place} lies outside the rail-connected zone",
		    "place", fg->place, (char *)NULL);
	else if (strcmp(rule, "near") == 0)
		html_tpl(h, "{place} is within {near} km", "place", fg->place,
		    "near", fg->near, (char *)NULL);
	else if (strcmp(rule, "working_day") == 0)
		html_tpl(h, "the train reaches {place} within one working day",
		    "place", fg->place, (char *)NULL);
	else if (strcmp(rule, "night_or_long_day") == 0 &&
	    fg->rail <= fg->long_day)
		html_tpl(h, "the train reaches {place} within a long travel day",
		    "place", fg->place, (char *)NULL);
	else if (strcmp(rule, "night_or_long_day") == 0)
		html_tpl(h, "a night train serves {place}", "place", fg->place,
		    (char *)NULL);
	else if (strcmp(rule, "far") == 0)
		html_tpl(h, "the train takes more than a long travel day to "
		    "{place}", "place", fg->place, (char *)NULL);
	else
		html_escape(h, rule);
}

/* One reason as a list item: a text with up to four placeholders. */
static void
reason(struct html *h, int *n, const char *en, const char *k1,
    const char *v1, const char *k2, const char *v2, const char *k3,
    const char *v3, const char *k4, const char *v4)
{
	html_raw(h, "<li>");
	html_tpl(h, en, k1, v1, k2, v2, k3, v3, k4, v4, (char *)NULL);
	html_raw(h, "</li>\n");
	(*n)++;
}

/*
 * The reasons in the page's words with the answer's figures, line by line
 * as decision/rules.c gives them.  Return how many were written.
 */
static int
reasons(struct html *h, const json_t *ans, const struct figures *fg)
{
	const json_t	*ru = json_object_get(ans, "ruling");
	const char	*rule = jstr(ru, "rule"), *scope = jstr(ans, "scope");
	const char	*P = "place", *p = fg->place;
	int		 n = 0;

	if (rule == NULL || scope == NULL)
		return (-1);
	if (strcmp(rule, "listed") == 0)
		reason(h, &n, "{place} is on the frequent-destination list: "
		    "{mode}, {strength}", P, p, "mode", fg->list_mode,
		    "strength", fg->list_strength, NULL, NULL);
	else if (strcmp(rule, "no_rail") == 0)
		reason(h, &n, "{place} lies outside the rail-connected zone",
		    P, p, NULL, NULL, NULL, NULL, NULL, NULL);
	else if (strcmp(rule, "near") == 0)
		reason(h, &n, "{place} is {km} km from {origin} (within {near} "
		    "km)", P, p, "km", fg->km, "origin", fg->origin, "near",
		    fg->near);
	else {
		reason(h, &n, "{place} is {km} km from {origin} (more than "
		    "{near} km)", P, p, "km", fg->km, "origin", fg->origin,
		    "near", fg->near);
		if (strcmp(rule, "working_day") == 0)
			reason(h, &n, "The train takes about {h} h{est}, within "
			    "one working day ({wd} h)", "h", fg->h, "est",
			    fg->est, "wd", fg->wd, NULL, NULL);
		else if (strcmp(rule, "night_or_long_day") == 0 &&
		    fg->rail <= fg->long_day) {
			reason(h, &n, "The train takes about {h} h{est}, more "
			    "than one working day ({wd} h) but within a long "
			    "travel day ({ld} h)", "h", fg->h, "est", fg->est,
			    "wd", fg->wd, "ld", fg->ld);
			if (fg->night_train)
				reason(h, &n, "A night train serves {place}",
				    P, p, NULL, NULL, NULL, NULL, NULL, NULL);
		} else if (strcmp(rule, "night_or_long_day") == 0)
			reason(h, &n, "The train takes about {h} h{est}, more "
			    "than a long travel day ({ld} h), but a night "
			    "train serves {place}", "h", fg->h, "est", fg->est,
			    "ld", fg->ld, P, p);
		else if (strcmp(rule, "far") == 0)
			reason(h, &n, "The train takes about {h} h{est}, more "
			    "than a long travel day ({ld} h), and no night "
			    "train serves {place}", "h", fg->h, "est", fg->est,
			    "ld", fg->ld, P, p);
		else
			return (-1);
	}
	if (strcmp(scope, "day_trip_foreign") == 0)
		reason(h, &n, "Same-day trip abroad: the scheme is advisory, so "
		    "the ruling is at most recommended", NULL, NULL, NULL, NULL,
		    NULL, NULL, NULL, NULL);
	else if (strcmp(scope, "domestic") == 0)
		reason(h, &n, "Domestic trip: the scheme is advisory, so the "
		    "ruling is at most recommended, and the plane is not "
		    "offered", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
	return (n);
}

/*
 * One advice line of the answer in the page's words, when the page knows
 * its kind; otherwise the answer's English text.
 */
static void
advice_line(struct html *h, const char *line)
{
	char	 num[32], w[16];
	double	 v;
	int	 end = -1;

	html_raw(h, "<li>");
	if (strcmp(line, "Online first: consider a digital meeting before "
	    "travelling") == 0 || strcmp(line, "Flights: economy class") == 0)
		html_t(h, line);
	else if (sscanf(line, "Train shown as an alternative: about %lf h%n",
	    &v, &end) == 1 && end > 0 && (strcmp(line + end, " one way") == 0 ||
	    strcmp(line + end, " (estimated) one way") == 0)) {
		i18n_num(h->lang, v, 2, num, sizeof num);
		html_tpl(h, "Train shown as an alternative: about {h} h{est} "
		    "one way", "h", num, "est", line[end + 1] == '(' ?
		    i18n_tr(h->lang, " (estimated)") : "", (char *)NULL);
	} else if (sscanf(line, "Lowest-CO2 feasible mode: %15[a-z] (%lf "
	    "kg CO2e)%n", w, &v, &end) == 2 && end > 0 && line[end] == '\0') {
		i18n_num(h->lang, v, 2, num, sizeof num);
		html_tpl(h, "Lowest-CO₂ feasible mode: {mode} ({kg} kg CO₂e)",
		    "mode", mode_word(h->lang, w), "kg", num, (char *)NULL);
	} else if (sscanf(line, "Train: 2nd class (journey up to %lf h)%n",
	    &v, &end) == 1 && end > 0 && line[end] == '\0') {
		i18n_num(h->lang, v, 2, num, sizeof num);
		html_tpl(h, "Train: 2nd class (journey up to {h} h)", "h", num,
		    (char *)NULL);
	} else if (sscanf(line, "Train: 1st class allowed (journey over %lf "
	    "h)%n", &v, &end) == 1 && end > 0 && line[end] == '\0') {
		i18n_num(h->lang, v, 2, num, sizeof num);
		html_tpl(h, "Train: 1st class allowed (journey over {h} h)",
		    "h", num, (char *)NULL);
	} else if (h->lang == PAGE_EN)
		html_escape(h, line);
	else
		html_fmt(h, "<span lang=\"en\">%s</span>", line);
	html_raw(h, "</li>\n");
}

/* The section with the ruling: the sentence, what it means, why, advice. */
static void
ruling_section(struct html *h, const struct request *r, const json_t *ans)
{
	const json_t	*ru = json_object_get(ans, "ruling");
	const char	*st = jstr(ru, "strength"), *scope = jstr(ans, "scope");
	struct figures	 fg;
	struct html	 tmp;
	json_t		*v;
	size_t		 i;
	int		 n;

	figures(r, ans, h->lang, &fg);
	if (st == NULL)
		st = "free";
	html_fmt(h, "<section class=\"ruling strength-%s\" "
	    "aria-labelledby=\"ruling-title\">\n<h2 id=\"ruling-title\">", st);
	ruling_sentence(h, ans, &fg);
	html_raw(h, "</h2>\n<p class=\"strength\">");
	if (strcmp(st, "mandatory") == 0)
		html_t(h, "Mandatory: another mode needs an exception (a reason "
		    "and approval).");
	else if (strcmp(st, "recommended") == 0)
		html_t(h, "Recommended: another mode needs a justification of "
		    "one line.");
	else
		html_t(h, "Free: any mode is allowed; the lowest-CO₂ mode is "
		    "suggested.");
	html_raw(h, "</p>\n<p class=\"scope\">");
	if (scope != NULL && strcmp(scope, "domestic") == 0)
		html_t(h, "Domestic trip: the scheme is advisory.");
	else if (scope != NULL && strcmp(scope, "day_trip_foreign") == 0)
		html_t(h, "Same-day trip abroad: the scheme is advisory.");
	else
		html_t(h, "Multi-day business trip abroad: the choice scheme "
		    "applies.");
	html_raw(h, "</p>\n<h3>");
	html_t(h, "Why");
	html_raw(h, "</h3>\n<ul class=\"reasons\">\n");
	/* The page's words when they say what the answer says, line for
	 * line; the answer's own lines otherwise. */
	html_init(&tmp, h->lang);
	n = reasons(&tmp, ans, &fg);
	if (n >= 0 && (size_t)n == json_array_size(json_object_get(ru,
	    "reasons")))
		evbuffer_add_buffer(h->buf, tmp.buf);
	else
		json_array_foreach(json_object_get(ru, "reasons"), i, v)
			html_fmt(h, "<li lang=\"en\">%s</li>\n",
			    json_string_value(v));
	html_free(&tmp);
	html_raw(h, "</ul>\n");
	if (json_array_size(json_object_get(ru, "advice")) > 0) {
		html_raw(h, "<h3>");
		html_t(h, "Advice");
		html_raw(h, "</h3>\n<ul class=\"advice\">\n");
		json_array_foreach(json_object_get(ru, "advice"), i, v)
			if (json_is_string(v))
				advice_line(h, json_string_value(v));
		html_raw(h, "</ul>\n");
	}
	html_raw(h, "</section>\n");
}

/* --- the modes: table and chart -------------------------------------------- */

/* What choosing a mode needs, in words. */
static const char *
mode_status(enum page_lang lang, const json_t *m, const char *ruled)
{
	const char	*mode = jstr(m, "mode"), *rq = jstr(m, "requires");

	if (mode != NULL && ruled != NULL && strcmp(mode, ruled) == 0)
		return (i18n_tr(lang, "allowed: the scheme's mode"));
	if (!json_is_true(json_object_get(m, "feasible")))
		return (i18n_tr(lang, "not possible"));
	if (rq != NULL && strcmp(rq, "not_offered") == 0)
		return (i18n_tr(lang, "not offered"));
	if (rq != NULL && strcmp(rq, "exception") == 0)
		return (i18n_tr(lang, "needs an exception"));
	if (rq != NULL && strcmp(rq, "justification") == 0)
		return (i18n_tr(lang, "needs a justification"));
	return (i18n_tr(lang, "allowed"));
}

/* The table of modes: hours, km, kg CO2e, what choosing it needs. */
static void
modes_table(struct html *h, const struct request *r, const json_t *ans)
{
	const char	*ruled = jstr(json_object_get(ans, "ruling"), "mode");
	const json_t	*m, *acc;
	char		 a[32], b[32], c[32], d[32];
	size_t		 i;

	html_raw(h, "<table class=\"modes\">\n<caption>");
	html_t(h, "Every mode side by side: time one way; distance per "
	    "traveller and CO₂e of all travellers, there and back.");
	html_raw(h, "</caption>\n<thead><tr><th scope=\"col\">");
	html_t(h, "Mode");
	html_raw(h, "</th><th scope=\"col\" class=\"num\">");
	html_t(h, "Hours");
	html_raw(h, "</th><th scope=\"col\" class=\"num\">");
	html_t(h, "km");
	html_raw(h, "</th><th scope=\"col\" class=\"num\">");
	html_t(h, "kg CO₂e");
	html_raw(h, "</th><th scope=\"col\">");
	html_t(h, "Status");
	html_raw(h, "</th></tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(ans, "modes"), i, m) {
		const char *mode = jstr(m, "mode");

		html_fmt(h, "<tr class=\"mode-%s%s\"><th scope=\"row\">%s</th>",
		    mode != NULL ? mode : "", mode != NULL && ruled != NULL &&
		    strcmp(mode, ruled) == 0 ? " ruled" : "",
		    mode_title(h->lang, mode));
		if (!json_is_true(json_object_get(m, "feasible"))) {
			html_fmt(h, "<td class=\"num\">–</td><td class=\"num\">"
			    "–</td><td class=\"num\">–</td><td>%s</td></tr>\n",
			    mode_status(h->lang, m, ruled));
			continue;
		}
		i18n_num(h->lang, jnum(m, "hours", 0), 1, a, sizeof a);
		i18n_num(h->lang, jnum(m, "distance_km", 0), 1, b, sizeof b);
		i18n_num(h->lang, jnum(m, "co2e_kg", 0), 2, c, sizeof c);
		html_fmt(h, "<td class=\"num\">%s", a);
		if (json_is_true(json_object_get(m, "estimated")))
			html_fmt(h, " <small>(%s)</small>",
			    i18n_tr(h->lang, "estimated"));
		html_fmt(h, "</td><td class=\"num\">%s", b);
		if ((acc = json_object_get(m, "access")) != NULL) {
			html_raw(h, "<br><small>");
			html_tpl(h, "including the train to {airport}",
			    "airport",
			    dst_snapshot_policy(r->snap)->airport_code,
			    (char *)NULL);
			html_raw(h, "</small>");
		}
		if (json_is_integer(json_object_get(m, "vehicles"))) {
			snprintf(d, sizeof d, "%lld", (long long)
			    json_integer_value(json_object_get(m, "vehicles")));
			html_raw(h, "<br><small>");
			html_tpl(h, "cars: {n}", "n", d, (char *)NULL);
			html_raw(h, "</small>");
		}
		html_fmt(h, "</td><td class=\"num\">%s", c);
		if (json_is_number(json_object_get(m, "co2_kg_without_rf"))) {
			i18n_num(h->lang, jnum(m, "co2_kg_without_rf", 0), 2, d,
			    sizeof d);
			html_raw(h, "<br><small>");
			html_tpl(h, "without radiative forcing: {kg}", "kg", d,
			    (char *)NULL);
			html_raw(h, "</small>");
		}
		html_fmt(h, "</td><td>%s</td></tr>\n",
		    mode_status(h->lang, m, ruled));
	}
	html_raw(h, "</tbody>\n</table>\n");
}

/*
 * The CO2e chart, drawn here as inline SVG: one bar per feasible mode,
 * widths scaled to the largest, each value printed at its bar.
 */
static void
modes_chart(struct html *h, const json_t *ans)
{
	const char	*ruled = jstr(json_object_get(ans, "ruling"), "mode");
	const json_t	*m;
	double		 max = 0, v, w;
	char		 kg[32], geo[4][32];
	size_t		 i;
	int		 n = 0, y, first = 1;

	json_array_foreach(json_object_get(ans, "modes"), i, m)
		if (json_is_true(json_object_get(m, "feasible"))) {
			n++;
			if ((v = jnum(m, "co2e_kg", 0)) > max)
				max = v;
		}
	if (n == 0)
		return;
	html_fmt(h, "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/"
	    "2000/svg\" role=\"img\" aria-labelledby=\"chart-title "
	    "chart-desc\" viewBox=\"0 0 %d %d\" class=\"co2-chart\">\n"
	    "<title id=\"chart-title\">%s</title>\n<desc id=\"chart-desc\">",
	    CHART_WIDTH, n * CHART_ROW + 8,
	    i18n_tr(h->lang, "CO₂e per mode, whole trip (kg)"));
	json_array_foreach(json_object_get(ans, "modes"), i, m) {
		if (!json_is_true(json_object_get(m, "feasible")))
			continue;
		i18n_num(h->lang, jnum(m, "co2e_kg", 0), 2, kg, sizeof kg);
		if (!first)
			html_raw(h, "; ");
		html_tpl(h, "{mode}: {kg} kg CO₂e", "mode",
		    mode_title(h->lang, jstr(m, "mode")), "kg", kg,
		    (char *)NULL);
		first = 0;
	}
	html_raw(h, "</desc>\n");
	y = 8;
	json_array_foreach(json_object_get(ans, "modes"), i, m) {
		const char *mode = jstr(m, "mode");

		if (!json_is_true(json_object_get(m, "feasible")))
			continue;
		v = jnum(m, "co2e_kg", 0);
		w = max > 0 ? v / max * CHART_BARS : 0;
		if (w < 1)
			w = 1;		/* a bar of nothing is still a bar */
		i18n_num(h->lang, v, 2, kg, sizeof kg);
		/* Geometry in the C locale's numbers, whatever the page. */
		snprintf(geo[0], sizeof geo[0], "%.1f", w);
		snprintf(geo[1], sizeof geo[1], "%.1f", CHART_LABEL + w + 6);
		snprintf(geo[2], sizeof geo[2], "%d", y + 17);
		snprintf(geo[3], sizeof geo[3], "%d", y);
		html_fmt(h, "<g class=\"bar mode-%s%s\">"
		    "<text class=\"label\" x=\"%d\" y=\"%s\" "
		    "text-anchor=\"end\">%s</text>"
		    "<rect class=\"bar-%s\" x=\"%d\" y=\"%s\" width=\"%s\" "
		    "height=\"24\" rx=\"2\"></rect>"
		    "<text class=\"value\" x=\"%s\" y=\"%s\">%s kg</text></g>\n",
		    mode != NULL ? mode : "", mode != NULL && ruled != NULL &&
		    strcmp(mode, ruled) == 0 ? " ruled" : "",
		    CHART_LABEL - 8, geo[2], mode_title(h->lang, mode),
		    mode != NULL ? mode : "", CHART_LABEL, geo[3], geo[0],
		    geo[1], geo[2], kg);
		y += CHART_ROW;
	}
	html_raw(h, "</svg>\n<figcaption>");
	html_tpl(h, "Figures: {factors} emission factors; distance × factor × "
	    "travellers, there and back.", "factors",
	    jstr(ans, "factor_set"), (char *)NULL);
	html_raw(h, "</figcaption>\n</figure>\n");
}

/* --- the forms ----------------------------------------------------------- */

/* A datalist entry: the name shown and its sort key. */
struct dl_name {
	char		 key[DEC_NAME_MAX];
	const char	*name;
};

/* Order datalist names by their normalised form. */
static int
dl_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct dl_name *)a)->key,
	    ((const struct dl_name *)b)->key));
}

/* The datalist of the list's active names, in the page's language. */
static void
datalist(struct html *h, const struct dst_snapshot *snap)
{
	const struct dst_entry	*e;
	struct dl_name		*v;
	size_t			 i, n = 0, count = dst_snapshot_count(snap);
	long			 day = today();

	if ((v = calloc(count < DATALIST_MAX ? count + 1 : DATALIST_MAX,
	    sizeof *v)) == NULL)
		abort();
	for (i = 0; i < count && n < DATALIST_MAX; i++) {
		e = dst_snapshot_entry(snap, i);
		if (!dst_entry_active(e, day))
			continue;
		if (h->lang == PAGE_NL && e->name_nl[0] != '\0')
			v[n].name = e->name_nl;
		else if (h->lang == PAGE_EN && e->name_en[0] != '\0')
			v[n].name = e->name_en;
		else
			v[n].name = e->name;
		dst_normalize(v[n].name, v[n].key, sizeof v[n].key);
		n++;
	}
	qsort(v, n, sizeof *v, dl_cmp);
	html_raw(h, "<datalist id=\"destinations\">\n");
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i].name, v[i - 1].name) != 0)
			html_fmt(h, "<option value=\"%s\"></option>\n",
			    v[i].name);
	html_raw(h, "</datalist>\n");
	free(v);
}

/* A label with an optional hint and the field's errors. */
static void
label(struct html *h, const struct request *r, const struct page_errors *pe,
    const struct form *f, const char *field, const char *label_en,
    const char *hint_en)
{
	html_fmt(h, "<label for=\"%s\">%s</label>\n", field,
	    i18n_tr(h->lang, label_en));
	if (hint_en != NULL)
		html_fmt(h, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", field,
		    i18n_tr(h->lang, hint_en));
	field_errors(h, r, pe, f, field);
}

/* Is the form asking for a key (the server is not open)? */
static int
needs_key(const struct request *r)
{
	return (!auth_config.open_reads && r->role == DST_ROLE_NONE);
}

/* The staff form: where, when, how many, online possible. */
static void
staff_form(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f)
{
	const char	*trav = fval(f, "travellers");

	/* Without open reads the key goes in a POST body, not in a URL. */
	html_fmt(h, "<form class=\"trip\" method=\"%s\" action=\"/decide\" "
	    "novalidate>\n<input type=\"hidden\" name=\"lang\" value=\"%s\">\n",
	    auth_config.open_reads ? "get" : "post", i18n_code(h->lang));
	html_raw(h, "<div class=\"field\">\n");
	label(h, r, pe, f, "destination", "Destination",
	    "A city as you know it: Cologne, Köln or Keulen");
	html_fmt(h, "<input id=\"destination\" name=\"destination\" "
	    "type=\"text\" list=\"destinations\" required autocomplete=\"off\" "
	    "maxlength=\"200\" value=\"%s\"", fval(f, "destination"));
	described(h, pe, "destination", 1);
	html_raw(h, ">\n</div>\n<fieldset class=\"dates\">\n<legend>");
	html_t(h, "Dates");
	html_raw(h, "</legend>\n<div class=\"field\">\n");
	label(h, r, pe, f, "departure_date", "Departure date", NULL);
	html_fmt(h, "<input id=\"departure_date\" name=\"departure_date\" "
	    "type=\"date\" required value=\"%s\"", fval(f, "departure_date"));
	described(h, pe, "departure_date", 0);
	html_raw(h, ">\n</div>\n<div class=\"field\">\n");
	label(h, r, pe, f, "return_date", "Return date", NULL);
	html_fmt(h, "<input id=\"return_date\" name=\"return_date\" "
	    "type=\"date\" required value=\"%s\"", fval(f, "return_date"));
	described(h, pe, "return_date", 0);
	html_raw(h, ">\n</div>\n</fieldset>\n<div class=\"field\">\n");
	label(h, r, pe, f, "travellers", "Travellers", "Yourself included");
	html_fmt(h, "<input id=\"travellers\" name=\"travellers\" "
	    "type=\"number\" min=\"1\" max=\"1000\" step=\"1\" "
	    "inputmode=\"numeric\" required value=\"%s\"",
	    *trav != '\0' ? trav : "1");
	described(h, pe, "travellers", 1);
	html_raw(h, ">\n</div>\n<div class=\"field field-check\">\n");
	html_raw(h, "<input id=\"online_possible\" name=\"online_possible\" "
	    "type=\"checkbox\" value=\"true\" "
	    "aria-describedby=\"online_possible-hint\"");
	if (form_true(form_get(f, "online_possible")))
		html_raw(h, " checked");
	html_raw(h, ">\n");
	label(h, r, pe, f, "online_possible", "An online meeting is possible",
	    "The scheme asks you to consider a digital meeting first.");
	html_raw(h, "</div>\n");
	if (!auth_config.open_reads) {
		html_raw(h, "<div class=\"field\">\n");
		label(h, r, pe, f, "key", "API key",
		    "This server needs your staff API key.");
		/* A key is given back only once it proved valid. */
		html_fmt(h, "<input id=\"key\" name=\"key\" type=\"password\" "
		    "autocomplete=\"off\" required value=\"%s\"",
		    r->role != DST_ROLE_NONE ? fval(f, "key") : "");
		described(h, pe, "key", 1);
		html_raw(h, ">\n</div>\n");
	}
	html_raw(h, "<p><button type=\"submit\">");
	html_t(h, "See how to travel");
	html_raw(h, "</button></p>\n</form>\n");
	datalist(h, r->snap);
}

/* GET / (and /decide with errors): the form, the values kept. */
static void
form_page(struct request *r, enum page_lang lang, const struct form *f,
    const struct page_errors *pe, int code)
{
	struct html	h;

	html_init(&h, lang);
	html_begin(&h, i18n_tr(lang, "How do I travel?"),
	    code == 200 ? "/" : "/decide", f);
	html_raw(&h, "<h1>");
	html_t(&h, "How do I travel?");
	html_raw(&h, "</h1>\n<p class=\"intro\">");
	html_t(&h, "For multi-day business trips abroad the city uses the most "
	    "sustainable means of transport possible, by a clear choice scheme. "
	    "Enter your trip: you see the mandatory or recommended mode, why, "
	    "and the CO₂ of every mode side by side.");
	html_raw(&h, "</p>\n");
	error_summary(&h, r, pe, f);
	staff_form(&h, r, pe, f);
	html_end(&h, r->snap);
	html_send(r, &h, code);
}

/* One text or hidden input carrying a trip field to POST /trips. */
static void
hidden(struct html *h, const char *name, const char *value)
{
	html_fmt(h, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name,
	    value != NULL ? value : "");
}

/* A text input with its label, hint and errors. */
static void
text_input(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f, const char *field,
    const char *type, const char *autocomplete, int maxlength,
    const char *label_en, const char *hint_en)
{
	html_raw(h, "<div class=\"field\">\n");
	label(h, r, pe, f, field, label_en, hint_en);
	html_fmt(h, "<input id=\"%s\" name=\"%s\" type=\"%s\" "
	    "autocomplete=\"%s\" maxlength=\"%d\" value=\"%s\"", field, field,
	    type, autocomplete, maxlength, fval(f, field));
	described(h, pe, field, hint_en != NULL);
	html_raw(h, ">\n</div>\n");
}

/* The trip-request form under the answer (POST /trips). */
static void
trip_form(struct html *h, const struct request *r, const json_t *ans,
    const struct form *f, const struct page_errors *pe, const char *csrf)
{
	static const char *const reasons_[][2] = { { "medical", "Medical" },
	    { "care_duties", "Care duties" }, { "urgent", "Urgent" },
	    { "equipment", "Equipment to carry" },
	    { "other", "Other (explain below)" } };
	const json_t	*ru = json_object_get(ans, "ruling"), *m;
	const char	*ruled = jstr(ru, "mode"), *st = jstr(ru, "strength");
	const char	*chosen = form_get(f, "chosen_mode"), *mode, *rq;
	const char	*reason_ = fval(f, "exception_reason");
	size_t		 i;

	if (chosen == NULL || *chosen == '\0')
		chosen = ruled;
	if (st == NULL)
		st = "free";
	html_raw(h, "<section class=\"request\" "
	    "aria-labelledby=\"request-title\">\n<h2 id=\"request-title\">");
	html_t(h, "Request this business trip");
	html_raw(h, "</h2>\n<p>");
	html_t(h, "Your request goes to HR for approval, with this ruling. An "
	    "exception never changes the ruling: HR weighs it when approving.");
	html_raw(h, "</p>\n");
	error_summary(h, r, pe, f);
	html_raw(h, "<form method=\"post\" action=\"/trips\" novalidate>\n");
	hidden(h, "csrf", csrf);
	hidden(h, "lang", i18n_code(h->lang));
	hidden(h, "destination", fval(f, "destination"));
	hidden(h, "departure_date", fval(f, "departure_date"));
	hidden(h, "return_date", fval(f, "return_date"));
	hidden(h, "travellers", fval(f, "travellers"));
	hidden(h, "online_possible", form_true(form_get(f, "online_possible")) ?
	    "true" : "false");
	if (!auth_config.open_reads && form_get(f, "key") != NULL)
		hidden(h, "key", form_get(f, "key"));
	text_input(h, r, pe, f, "traveller_name", "text", "name", 200,
	    "Your name", NULL);
	text_input(h, r, pe, f, "traveller_email", "email", "email", 254,
	    "E-mail address", NULL);
	text_input(h, r, pe, f, "traveller_department", "text", "off", 100,
	    "Department", "For example Milieudienst");

	html_raw(h, "<fieldset class=\"modes-choice\" id=\"chosen_mode\"");
	described(h, pe, "chosen_mode", 0);
	html_raw(h, ">\n<legend>");
	html_t(h, "Mode you choose");
	html_raw(h, "</legend>\n");
	field_errors(h, r, pe, f, "chosen_mode");
	json_array_foreach(json_object_get(ans, "modes"), i, m) {
		mode = jstr(m, "mode");
		rq = jstr(m, "requires");
		if (mode == NULL || !json_is_true(json_object_get(m,
		    "feasible")) || (rq != NULL && strcmp(rq,
		    "not_offered") == 0))
			continue;
		html_fmt(h, "<div class=\"radio\"><input type=\"radio\" "
		    "name=\"chosen_mode\" id=\"chosen_mode-%s\" value=\"%s\"%s>"
		    "<label for=\"chosen_mode-%s\">%s <small>(%s)</small>"
		    "</label></div>\n", mode, mode, chosen != NULL &&
		    strcmp(chosen, mode) == 0 ? " checked" : "", mode,
		    mode_title(h->lang, mode), ruled != NULL &&
		    strcmp(mode, ruled) == 0 ? i18n_tr(h->lang,
		    "the scheme's mode") : mode_status(h->lang, m, ruled));
	}
	html_raw(h, "</fieldset>\n");

	if (strcmp(st, "mandatory") == 0) {
		html_raw(h, "<fieldset class=\"exception\" "
		    "aria-describedby=\"exception-hint\">\n<legend>");
		html_t(h, "Exception");
		html_raw(h, "</legend>\n<p class=\"hint\" "
		    "id=\"exception-hint\">");
		html_tpl(h, "Only if you choose another mode than the {mode}: "
		    "give the reason. The request then counts as not compliant, "
		    "and HR weighs the exception.", "mode",
		    mode_word(h->lang, ruled), (char *)NULL);
		html_raw(h, "</p>\n<div class=\"field\">\n");
		label(h, r, pe, f, "exception_reason", "Reason", NULL);
		html_raw(h, "<select id=\"exception_reason\" "
		    "name=\"exception_reason\"");
		described(h, pe, "exception_reason", 0);
		html_fmt(h, ">\n<option value=\"\">— %s —</option>\n",
		    i18n_tr(h->lang, "none"));
		for (i = 0; i < sizeof reasons_ / sizeof reasons_[0]; i++)
			html_fmt(h, "<option value=\"%s\"%s>%s</option>\n",
			    reasons_[i][0], strcmp(reason_,
			    reasons_[i][0]) == 0 ? " selected" : "",
			    i18n_tr(h->lang, reasons_[i][1]));
		html_raw(h, "</select>\n</div>\n<div class=\"field\">\n");
		label(h, r, pe, f, "exception_text", "Explanation",
		    "Required for “Other”");
		html_raw(h, "<textarea id=\"exception_text\" "
		    "name=\"exception_text\" rows=\"3\" maxlength=\"1000\"");
		described(h, pe, "exception_text", 1);
		html_fmt(h, ">%s</textarea>\n</div>\n</fieldset>\n",
		    fval(f, "exception_text"));
	} else if (strcmp(st, "recommended") == 0) {
		char hint[DEC_TEXT_MAX];

		fill1(h->lang, "One line, only if you choose another mode than "
		    "the {mode}.", "mode", mode_word(h->lang, ruled), hint,
		    sizeof hint);
		html_raw(h, "<div class=\"field\">\n");
		html_fmt(h, "<label for=\"justification\">%s</label>\n"
		    "<p class=\"hint\" id=\"justification-hint\">%s</p>\n",
		    i18n_tr(h->lang, "Justification"), hint);
		field_errors(h, r, pe, f, "justification");
		html_fmt(h, "<input id=\"justification\" name=\"justification\" "
		    "type=\"text\" maxlength=\"500\" autocomplete=\"off\" "
		    "value=\"%s\"", fval(f, "justification"));
		described(h, pe, "justification", 1);
		html_raw(h, ">\n</div>\n");
	} else {
		html_raw(h, "<p class=\"hint\">");
		html_t(h, "Any mode is allowed: nothing to justify.");
		html_raw(h, "</p>\n");
	}
	html_raw(h, "<p><button type=\"submit\">");
	html_t(h, "File the request");
	html_raw(h, "</button></p>\n</form>\n</section>\n");
}

/* The answer page: the trip, the ruling, the modes, the request form. */
static void
answer_page(struct request *r, enum page_lang lang, const struct form *f,
    const json_t *ans, const struct page_errors *pe, const char *csrf,
    int code)
{
	const json_t	*d = json_object_get(ans, "destination");
	struct html	 h;
	const char	*place;
	char		 title[300], from[64], to[64], n[16];
	long		 day;
	json_int_t	 nights, trav;

	html_init(&h, lang);
	place = place_name(r->snap, ans, lang, NULL);
	fill1(lang, "Your business trip to {place}", "place", place, title,
	    sizeof title);
	html_begin(&h, title, "/decide", f);
	html_fmt(&h, "<h1>%s</h1>\n<p class=\"trip-summary\">", title);
	from[0] = to[0] = '\0';
	if (dec_date_parse(jstr(ans, "departure_date"), &day) == 0)
		i18n_date(lang, day, from, sizeof from);
	if (dec_date_parse(jstr(ans, "return_date"), &day) == 0)
		i18n_date(lang, day, to, sizeof to);
	html_tpl(&h, "{from} to {to}", "from", from, "to", to, (char *)NULL);
	nights = json_integer_value(json_object_get(ans, "nights"));
	trav = json_integer_value(json_object_get(ans, "travellers"));
	html_raw(&h, " · ");
	snprintf(n, sizeof n, "%lld", (long long)nights);
	if (nights == 0)
		html_t(&h, "same day");
	else if (nights == 1)
		html_t(&h, "1 night");
	else
		html_tpl(&h, "{n} nights", "n", n, (char *)NULL);
	html_raw(&h, " · ");
	snprintf(n, sizeof n, "%lld", (long long)trav);
	if (trav == 1)
		html_t(&h, "1 traveller");
	else
		html_tpl(&h, "{n} travellers", "n", n, (char *)NULL);
	html_raw(&h, "<br>");
	html_tpl(&h, "Understood as {name} ({country}).", "name",
	    jstr(d, "name"), "country", jstr(d, "country"), (char *)NULL);
	html_raw(&h, " <a href=\"");
	html_trip_href(&h, "/", f, NULL, lang);
	html_raw(&h, "\">");
	html_t(&h, "Change the trip");
	html_raw(&h, "</a></p>\n");
	ruling_section(&h, r, ans);
	html_raw(&h, "<section class=\"compare\" aria-label=\"CO₂\">\n");
	modes_chart(&h, ans);
	modes_table(&h, r, ans);
	html_raw(&h, "</section>\n");
	trip_form(&h, r, ans, f, pe, csrf);
	html_end(&h, r->snap);
	html_send(r, &h, code);
}

/* The page after filing: the reference and the status. */
static void
filed_page(struct request *r, enum page_lang lang, const json_t *trip)
{
	const char	*status = jstr(trip, "status"), *st_en;
	const char	*place;
	struct html	 h;
	char		 kg[32], diff[40];
	double		 dv;

	html_init(&h, lang);
	/* The trip's destination, in this page's language when listed. */
	place = place_name(r->snap, trip, lang, NULL);
	html_begin(&h, i18n_tr(lang, "Request filed"), "/", NULL);
	html_raw(&h, "<h1>");
	html_t(&h, "Request filed");
	html_raw(&h, "</h1>\n<p class=\"message\" role=\"status\">");
	html_tpl(&h, "Your request for a business trip to {place} was filed.",
	    "place", place, (char *)NULL);
	html_raw(&h, "</p>\n<dl class=\"filed\">\n<dt>");
	html_t(&h, "Reference");
	html_fmt(&h, "</dt><dd class=\"reference\">%s</dd>\n<dt>",
	    jstr(trip, "reference"));
	html_t(&h, "Status");
	if (status != NULL && strcmp(status, "approved") == 0)
		st_en = "approved";
	else if (status != NULL && strcmp(status, "rejected") == 0)
		st_en = "rejected";
	else
		st_en = "pending approval";
	html_fmt(&h, "</dt><dd><data class=\"status\" value=\"%s\">%s</data>"
	    "</dd>\n<dt>", status != NULL ? status : "",
	    i18n_tr(lang, st_en));
	html_t(&h, "Compliant with the scheme");
	html_fmt(&h, "</dt><dd>%s</dd>\n<dt>", json_is_false(json_object_get(
	    trip, "compliant")) ? i18n_tr(lang, "no: with an exception") :
	    i18n_tr(lang, "yes"));
	html_t(&h, "Chosen mode");
	html_fmt(&h, "</dt><dd>%s</dd>\n", mode_title(lang,
	    jstr(trip, "chosen_mode")));
	if (json_is_number(json_object_get(trip, "co2e_kg_chosen"))) {
		i18n_num(lang, jnum(trip, "co2e_kg_chosen", 0), 2, kg,
		    sizeof kg);
		html_raw(&h, "<dt>");
		html_t(&h, "CO₂e of your choice");
		html_fmt(&h, "</dt><dd>%s kg</dd>\n", kg);
	}
	if (json_is_number(json_object_get(trip, "co2e_kg_difference"))) {
		dv = jnum(trip, "co2e_kg_difference", 0);
		i18n_num(lang, dv, 2, kg, sizeof kg);
		snprintf(diff, sizeof diff, "%s%s kg", dv > 0 ? "+" : "", kg);
		html_raw(&h, "<dt>");
		html_t(&h, "Difference with the scheme's mode");
		html_fmt(&h, "</dt><dd>%s</dd>\n", diff);
	}
	html_raw(&h, "</dl>\n<p>");
	html_t(&h, "Keep the reference: HR handles the request.");
	html_raw(&h, "</p>\n<p><a href=\"");
	html_href(&h, "/", "lang", i18n_code(lang), (char *)NULL);
	html_raw(&h, "\">");
	html_t(&h, "Plan another trip");
	html_raw(&h, "</a></p>\n");
	html_end(&h, r->snap);
	html_send(r, &h, 200);
}

/* A page for a problem the form cannot show next to a field. */
static void
problem_page(struct request *r, enum page_lang lang, int status,
    const char *detail)
{
	struct html	h;
	char		code[16];

	snprintf(code, sizeof code, "%d", status);
	html_init(&h, lang);
	html_begin(&h, i18n_tr(lang, "The request could not be filed"), "/",
	    NULL);
	html_raw(&h, "<h1>");
	html_t(&h, "The request could not be filed");
	html_raw(&h, "</h1>\n<p class=\"message\" role=\"alert\">");
	html_tpl(&h, "The server could not handle this ({status}): {detail}",
	    "status", code, "detail", detail, (char *)NULL);
	html_raw(&h, "</p>\n<p><a href=\"");
	html_href(&h, "/", "lang", i18n_code(lang), (char *)NULL);
	html_raw(&h, "\">");
	html_t(&h, "Back to the form");
	html_raw(&h, "</a></p>\n");
	html_end(&h, r->snap);
	html_send(r, &h, status);
}

/* --- handlers ------------------------------------------------------------ */

/*
 * The fields of a page: the query of a GET, the body of a POST
 * (application/x-www-form-urlencoded, at most FORM_MAX_BODY bytes).  On
 * error reply with a page and return -1.
 */
static int
page_fields(struct request *r, struct form *f)
{
	struct evbuffer	*in;
	const char	*ct, *body;
	enum page_lang	 lang;
	size_t		 len;

	memset(f, 0, sizeof *f);
	lang = i18n_pick(NULL, request_header(r, "Accept-Language"));
	if (r->cmd != EVHTTP_REQ_POST) {
		if (form_parse(r->query, r->query != NULL ?
		    strlen(r->query) : 0, f) == 0)
			return (0);
		page_message(r, lang, 400, "There is a problem", "The form "
		    "could not be read: the address or the form data is "
		    "malformed.", NULL);
		return (-1);
	}
	ct = request_header(r, "Content-Type");
	if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded",
	    33) != 0 || (ct[33] != '\0' && ct[33] != ';' && ct[33] != ' ')) {
		page_message(r, lang, 415, "There is a problem", "Send the form "
		    "as application/x-www-form-urlencoded.", NULL);
		return (-1);
	}
	in = evhttp_request_get_input_buffer(r->req);
	len = evbuffer_get_length(in);
	if (len > FORM_MAX_BODY) {
		page_message(r, lang, 413, "There is a problem",
		    "The form is too large.", NULL);
		return (-1);
	}
	body = len > 0 ? (const char *)evbuffer_pullup(in, -1) : "";
	if (form_parse(body, len, f) != 0) {
		page_message(r, lang, 400, "There is a problem", "The form "
		    "could not be read: the address or the form data is "
		    "malformed.", NULL);
		return (-1);
	}
	return (0);
}

/* The page's language: the field lang, else Accept-Language. */
static enum page_lang
page_lang(struct request *r, const struct form *f)
{
	return (i18n_pick(form_get(f, "lang"),
	    request_header(r, "Accept-Language")));
}

/*
 * When the server is not open, the form's key field stands in for the
 * bearer token a browser cannot send: check it (any valid key).  Return 0,
 * or -1 with the error in pe.
 */
static int
page_key(struct request *r, const struct form *f, struct page_errors *pe)
{
	const char	*key = form_get(f, "key");

	if (!needs_key(r))
		return (0);
	if (key == NULL || *key == '\0') {
		err_add(pe, "key", "Enter your API key", NULL);
		return (-1);
	}
	r->role = dst_snapshot_authenticate(r->snap, key, r->who);
	if (r->role == DST_ROLE_NONE) {
		err_add(pe, "key", "Unknown or revoked API key", NULL);
		return (-1);
	}
	return (0);
}

/* GET /: the form, prefilled from the query when it has trip fields. */
void
page_form(struct request *r)
{
	struct page_errors	 pe;
	struct form		 f;

	if (page_fields(r, &f) != 0)
		return;
	memset(&pe, 0, sizeof pe);
	form_page(r, page_lang(r, &f), &f, &pe, 200);
	form_free(&f);
}

/* GET /decide: the answer, or the form with the errors next to fields. */
void
page_decide(struct request *r)
{
	struct page_errors	 pe;
	struct form		 f;
	enum page_lang		 lang;
	json_t			*ans;
	char			 tok[CSRF_LEN + 1];
	int			 status = 422;

	if (page_fields(r, &f) != 0)
		return;
	lang = page_lang(r, &f);
	memset(&pe, 0, sizeof pe);
	if (page_key(r, &f, &pe) != 0) {
		form_page(r, lang, &f, &pe, 401);
		form_free(&f);
		return;
	}
	if ((ans = trip_decide(r, &f, &pe, &status)) == NULL) {
		form_page(r, lang, &f, &pe, status);
		form_free(&f);
		return;
	}
	if (csrf_token(r, 0, tok) != 0)
		problem_page(r, lang, 500, "no random bytes for the form token");
	else
		answer_page(r, lang, &f, ans, &pe, tok, 200);
	json_decref(ans);
	form_free(&f);
}

/* Put a non-empty form value into o under name. */
static void
set_str(json_t *o, const char *name, const struct form *f, const char *key)
{
	const char	*v = form_get(f, key);

	if (v != NULL)
		json_object_set_new(o, name, json_string(v));
}

/* The POST /v1/trips body of the request form. */
static json_t *
request_json(const struct form *f)
{
	json_t		*o, *t, *ex;
	const char	*reason_ = fval(f, "exception_reason");
	const char	*text = fval(f, "exception_text");
	const char	*just = fval(f, "justification");

	o = json_object();
	json_object_set_new(o, "trip", trip_json(f));
	t = json_object();
	set_str(t, "name", f, "traveller_name");
	set_str(t, "email", f, "traveller_email");
	set_str(t, "department", f, "traveller_department");
	json_object_set_new(o, "traveller", t);
	set_str(o, "chosen_mode", f, "chosen_mode");
	if (*reason_ != '\0' || *text != '\0') {
		ex = json_object();
		if (*reason_ != '\0')
			json_object_set_new(ex, "reason", json_string(reason_));
		if (*text != '\0')
			json_object_set_new(ex, "text", json_string(text));
		json_object_set_new(o, "exception", ex);
	}
	if (strspn(just, " \t") != strlen(just))
		json_object_set_new(o, "justification", json_string(just));
	return (o);
}

/*
 * POST /trips: check the CSRF token, rule on the trip again, file it with
 * trips_file, and show the reference; or the answer page again with each
 * error next to its field.
 */
void
page_file_trip(struct request *r)
{
	struct page_errors	 pe;
	struct problem		 p;
	struct form		 f;
	enum page_lang		 lang;
	json_t			*ans, *body, *trip;
	char			 tok[CSRF_LEN + 1];
	int			 status = 422;

	if (page_fields(r, &f) != 0)
		return;
	lang = page_lang(r, &f);
	if (!csrf_check(r, form_get(&f, "csrf"))) {
		page_message(r, lang, 403, "There is a problem", "This form has "
		    "expired or did not come from this site. Open the form "
		    "again and send it once more; your browser must accept "
		    "cookies from this site.", NULL);
		form_free(&f);
		return;
	}
	memset(&pe, 0, sizeof pe);
	if (page_key(r, &f, &pe) != 0) {
		form_page(r, lang, &f, &pe, 401);
		form_free(&f);
		return;
	}
	if ((ans = trip_decide(r, &f, &pe, &status)) == NULL) {
		form_page(r, lang, &f, &pe, status);
		form_free(&f);
		return;
	}
	body = request_json(&f);
	memset(&p, 0, sizeof p);
	trip = trips_file(r, body, &p);
	json_decref(body);
	if (trip != NULL) {
		problem_clear(&p);
		/* A new token: sending the same form twice files nothing. */
		(void)csrf_token(r, 1, tok);
		filed_page(r, lang, trip);
		json_decref(trip);
	} else if (p.status == 400 || p.status == 422) {
		errors_from_problem(&pe, &p, &f);
		problem_clear(&p);
		answer_page(r, lang, &f, ans, &pe, form_get(&f, "csrf"),
		    p.status);
	} else {
		problem_page(r, lang, p.status >= 400 ? p.status : 500,
		    p.detail[0] != '\0' ? p.detail : p.title != NULL ? p.title :
		    "");
		problem_clear(&p);
	}
	json_decref(ans);
	form_free(&f);
}
