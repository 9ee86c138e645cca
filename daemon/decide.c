/*
 * The decide service: a trip as a request gives it (a JSON object or a
 * form), the place resolved (a point, a name on the list, a place of the
 * gazetteer), the scheme applied, and the nearest listed place as
 * context.  POST /v1/decisions, POST /v1/trips and the pages all rule
 * through here, and every renderer shows the struct decide_answer it
 * fills.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/daemon.h"

#define PLACE_TEXT_MAX	200
#define TRAVELLERS_MAX	1000
/* A flight lands at the nearest large or medium airport within this many
 * km of the place, else at the nearest airport with scheduled service
 * (an estimate: about an hour by road or rail to a large airport). */
#define AIRPORT_WITHIN_KM	100.0

static const char *const keys[] = { "destination", "departure_date",
    "return_date", "travellers", "online_possible", "cabin_class", NULL };
static const char *const place_keys[] = { "name", "country", "lat", "lon",
    NULL };

/* prefix + name, for an error's field (cut to len bytes). */
static const char *
fld(char *buf, size_t len, const char *prefix, const char *name)
{
	size_t	n;

	dec_copy(buf, len, prefix);
	n = strlen(buf);
	dec_copy(buf + n, len - n, name);
	return (buf);
}

/* Is the string only blanks? */
static int
blank(const char *s)
{
	return (strspn(s, " \t\r\n") == strlen(s));
}

/* A destination text: not blank, not too long. */
static void
check_name(const char *s, const char *field, struct dec_errors *errs)
{
	if (blank(s))
		dec_errors_add(errs, field, DEC_E_EMPTY, "empty");
	else if (strlen(s) > PLACE_TEXT_MAX)
		dec_errors_add(errs, field, DEC_E_TOO_LONG, "longer than %d "
		    "bytes", PLACE_TEXT_MAX);
}

/* A date: required, "YYYY-MM-DD", a real day (v: the text, NULL absent). */
static int
check_date(const char *v, const char *field, long *day,
    struct dec_errors *errs)
{
	char	clip[64];

	if (v == NULL) {
		dec_errors_add(errs, field, DEC_E_REQUIRED, "required (a date, "
		    "YYYY-MM-DD)");
		return (-1);
	}
	if (dec_date_parse(v, day) != 0) {
		dec_errors_add(errs, field, DEC_E_DATE, "not a valid date "
		    "(YYYY-MM-DD): \"%s\"", dec_clip(clip, sizeof clip, v, 40));
		return (-1);
	}
	return (0);
}

/* Both dates, in order. */
static void
check_dates(const char *dep, const char *ret, const char *prefix,
    struct decide_input *in, struct dec_errors *errs)
{
	char	f[96];
	int	ok;

	ok = check_date(dep, fld(f, sizeof f, prefix, "departure_date"),
	    &in->departure, errs) == 0;
	ok &= check_date(ret, fld(f, sizeof f, prefix, "return_date"),
	    &in->return_day, errs) == 0;
	if (ok && in->return_day < in->departure)
		dec_errors_add(errs, fld(f, sizeof f, prefix, "return_date"),
		    DEC_E_ORDER, "before departure_date");
}

/* A date member: its text, or NULL absent (an error if of another type). */
static const char *
json_date(const json_t *o, const char *key, const char *prefix,
    int *bad, struct dec_errors *errs)
{
	json_t	*v = json_object_get(o, key);
	char	 f[96];

	if (v == NULL)
		return (NULL);
	if (!json_is_string(v)) {
		dec_errors_add(errs, fld(f, sizeof f, prefix, key), DEC_E_TYPE,
		    "must be a string (YYYY-MM-DD), not %s",
		    dst_json_type_name(v));
		*bad = 1;
		return (NULL);
	}
	return (json_string_value(v));
}

/* The destination object {name, country, lat, lon}. */
static void
place_object(const json_t *d, const char *prefix, struct decide_input *in,
    struct dec_errors *errs)
{
	json_t		*la, *lo;
	const char	*c;
	char		 f[96], p[96], clip[48];
	size_t		 n = errs->n;
	int		 typed = 0;

	fld(p, sizeof p, prefix, "destination.");
	if (dst_json_unknown(d, p, place_keys, NULL, errs))
		return;
	in->name = dst_json_string(d, "name", fld(f, sizeof f, p, "name"), 0,
	    SIZE_MAX, errs);
	if ((c = dst_json_string(d, "country", fld(f, sizeof f, p, "country"),
	    0, SIZE_MAX, errs)) != NULL) {
		if (!dst_country_valid(c))
			dec_errors_add(errs, f, DEC_E_FORMAT,
			    "not an ISO 3166-1 "
			    "alpha-2 code in capitals: \"%s\"",
			    dec_clip(clip, sizeof clip, c, 20));
		else
			in->country = c;
	}
	la = json_object_get(d, "lat");
	lo = json_object_get(d, "lon");
	if (la != NULL && !json_is_number(la)) {
		dec_errors_add(errs, fld(f, sizeof f, p, "lat"), DEC_E_TYPE,
		    "must be a number, not %s", dst_json_type_name(la));
		typed = 1;
	}
	if (lo != NULL && !json_is_number(lo)) {
		dec_errors_add(errs, fld(f, sizeof f, p, "lon"), DEC_E_TYPE,
		    "must be a number, not %s", dst_json_type_name(lo));
		typed = 1;
	}
	if (la != NULL || lo != NULL) {
		if (la == NULL && !typed)
			dec_errors_add(errs, fld(f, sizeof f, p, "lat"),
			    DEC_E_REQUIRED, "required with destination.lon");
		if (lo == NULL && !typed)
			dec_errors_add(errs, fld(f, sizeof f, p, "lon"),
			    DEC_E_REQUIRED, "required with destination.lat");
		if (json_is_number(la)) {
			in->lat = json_number_value(la);
			if (!(in->lat >= -90.0 && in->lat <= 90.0))
				dec_errors_add(errs, fld(f, sizeof f, p, "lat"),
				    DEC_E_RANGE, "out of range: %g (must be "
				    "-90 to 90)", in->lat);
		}
		if (json_is_number(lo)) {
			in->lon = json_number_value(lo);
			if (!(in->lon >= -180.0 && in->lon <= 180.0))
				dec_errors_add(errs, fld(f, sizeof f, p, "lon"),
				    DEC_E_RANGE, "out of range: %g (must be "
				    "-180 to 180)", in->lon);
		}
		/* Without country, the point's country is looked up. */
		in->has_point = 1;
	} else if (in->name == NULL && errs->n == n)
		dec_errors_add(errs, fld(f, sizeof f, p, "name"),
		    DEC_E_REQUIRED, "required (or give destination.lat and "
		    "destination.lon)");
	if (in->name != NULL && strlen(in->name) > PLACE_TEXT_MAX)
		dec_errors_add(errs, fld(f, sizeof f, p, "name"),
		    DEC_E_TOO_LONG, "longer than %d bytes", PLACE_TEXT_MAX);
	else if (in->name != NULL && !in->has_point && blank(in->name))
		dec_errors_add(errs, fld(f, sizeof f, p, "name"), DEC_E_EMPTY,
		    "empty");
}

/* Start an input with the defaults. */
static void
input_init(struct decide_input *in)
{
	memset(in, 0, sizeof *in);
	in->travellers = 1;
	in->cabin = DEC_CABIN_ECONOMY;
}

/* The input from a JSON object (see daemon.h). */
int
decide_from_json(const json_t *o, const char *prefix,
    struct decide_input *in, struct dec_errors *errs)
{
	const char	*dep, *ret, *s;
	json_t		*d, *v;
	char		 f[96], clip[64];
	size_t		 n = errs->n;
	long long	 t;
	int		 bad = 0;

	input_init(in);
	(void)dst_json_unknown(o, prefix, keys, NULL, errs);
	d = json_object_get(o, "destination");
	if (d == NULL)
		dec_errors_add(errs, fld(f, sizeof f, prefix, "destination"),
		    DEC_E_REQUIRED, "required (a name, an id, or {name, "
		    "country, lat, lon})");
	else if (json_is_string(d)) {
		in->name = json_string_value(d);
		if (memchr(in->name, '\0', json_string_length(d)) != NULL)
			dec_errors_add(errs, fld(f, sizeof f, prefix,
			    "destination"), DEC_E_ENCODING, "contains a NUL "
			    "character");
		else
			check_name(in->name, fld(f, sizeof f, prefix,
			    "destination"), errs);
	} else if (json_is_object(d))
		place_object(d, prefix, in, errs);
	else
		dec_errors_add(errs, fld(f, sizeof f, prefix, "destination"),
		    DEC_E_TYPE, "must be a string or an object, not %s",
		    dst_json_type_name(d));

	dep = json_date(o, "departure_date", prefix, &bad, errs);
	ret = json_date(o, "return_date", prefix, &bad, errs);
	if (!bad)
		check_dates(dep, ret, prefix, in, errs);
	else {
		/* Only the other date can still be said wrong. */
		if (dep != NULL)
			(void)check_date(dep, fld(f, sizeof f, prefix,
			    "departure_date"), &in->departure, errs);
		if (ret != NULL)
			(void)check_date(ret, fld(f, sizeof f, prefix,
			    "return_date"), &in->return_day, errs);
	}

	if (dst_json_int(o, "travellers", fld(f, sizeof f, prefix,
	    "travellers"), 0, 1, TRAVELLERS_MAX, &t, errs) == 1)
		in->travellers = (int)t;
	(void)dst_json_bool(o, "online_possible", fld(f, sizeof f, prefix,
	    "online_possible"), &in->online_possible, errs);
	if ((v = json_object_get(o, "cabin_class")) != NULL) {
		if (!json_is_string(v))
			dec_errors_add(errs, fld(f, sizeof f, prefix,
			    "cabin_class"), DEC_E_TYPE, "must be a string, not "
			    "%s", dst_json_type_name(v));
		else if (dec_cabin_parse((s = json_string_value(v)),
		    &in->cabin) != 0)
			dec_errors_add(errs, fld(f, sizeof f, prefix,
			    "cabin_class"), DEC_E_CHOICE, "must be one of "
			    "economy, premium_economy, business, first, "
			    "average; not \"%s\"", dec_clip(clip, sizeof clip,
			    s, 40));
	}
	return (errs->n > n ? -1 : 0);
}

/* Is the value of a checkbox true? */
static int
form_true(const char *v)
{
	if (v == NULL || *v == '\0')
		return (0);
	return (strcmp(v, "false") != 0 && strcmp(v, "0") != 0 &&
	    strcmp(v, "no") != 0 && strcmp(v, "off") != 0);
}

/* A form value, or NULL when absent or empty. */
static const char *
given(const struct form *f, const char *key)
{
	const char	*v = form_get(f, key);

	return (v != NULL && *v != '\0' ? v : NULL);
}

/* The input from a form (see daemon.h). */
int
decide_from_form(const struct form *f, struct decide_input *in,
    struct dec_errors *errs)
{
	const char	*t;
	char		*end, clip[48];
	size_t		 n = errs->n;
	long		 v;

	input_init(in);
	if ((in->name = form_get(f, "destination")) == NULL)
		dec_errors_add(errs, "destination", DEC_E_REQUIRED, "required");
	else
		check_name(in->name, "destination", errs);
	check_dates(given(f, "departure_date"), given(f, "return_date"), "",
	    in, errs);
	if ((t = given(f, "travellers")) != NULL) {
		while (*t == ' ')
			t++;
		v = strtol(t, &end, 10);
		while (*end == ' ')
			end++;
		if (*t < '0' || *t > '9' || *end != '\0')
			dec_errors_add(errs, "travellers", DEC_E_FORMAT,
			    "must be "
			    "a whole number from 1 to %d, not \"%s\"",
			    TRAVELLERS_MAX, dec_clip(clip, sizeof clip, t, 20));
		else if (v < 1 || v > TRAVELLERS_MAX)
			dec_errors_add(errs, "travellers", DEC_E_RANGE,
			    "must be "
			    "between 1 and %d, not %ld", TRAVELLERS_MAX, v);
		else
			in->travellers = (int)v;
	}
	in->online_possible = form_true(form_get(f, "online_possible"));
	return (errs->n > n ? -1 : 0);
}

/* Merge the gazetteer's suggestions (after the list's) into into. */
static void
suggestions_merge(struct dst_suggestions *into,
    const struct dst_suggestions *more)
{
	char	a[DEC_NAME_MAX * 2], b[DEC_NAME_MAX * 2];
	int	i, j, dup;

	for (i = 0; i < more->n && into->n < DST_MAX_SUGGESTIONS; i++) {
		dst_normalize(more->names[i], b, sizeof b);
		for (j = 0, dup = 0; j < into->n && !dup; j++) {
			dst_normalize(into->names[j], a, sizeof a);
			dup = strcmp(a, b) == 0;
		}
		if (dup)
			continue;
		memcpy(into->names[into->n], more->names[i],
		    sizeof into->names[0]);
		memcpy(into->ids[into->n], more->ids[i], sizeof into->ids[0]);
		into->n++;
	}
}

/* Is a name known (on the list)?  For the form's early word. */
int
decide_known(const struct dst_snapshot *snap, const char *name,
    struct dec_errors *errs, struct decide_answer *ans)
{
	char	clip[96];

	memset(&ans->sugg, 0, sizeof ans->sugg);
	if (dst_snapshot_resolve(snap, name, NULL, &ans->sugg) != NULL)
		return (0);
	dec_errors_add(errs, "destination", DEC_E_UNKNOWN_PLACE, "unknown "
	    "place \"%s\"", dec_clip(clip, sizeof clip, name, 60));
	return (-1);
}

/* Is text an airport's code (of the country, if given)? */
static const struct geo_airport *
airport_code(const struct dst_snapshot *snap, const char *text,
    const char *country, int capitals)
{
	const struct geo_airport	*a;
	char				 code[4];
	size_t				 n;
	int				 i;

	text += strspn(text, " \t");
	for (n = strlen(text); n > 0 && (text[n - 1] == ' ' ||
	    text[n - 1] == '\t'); n--)
		;
	if (n != 3)
		return (NULL);
	memcpy(code, text, 3);
	code[3] = '\0';
	if (capitals)
		for (i = 0; i < 3; i++)
			if (code[i] < 'A' || code[i] > 'Z')
				return (NULL);
	if ((a = dst_snapshot_airport(snap, code)) == NULL)
		return (NULL);
	if (country != NULL && *country != '\0' &&
	    strcasecmp(country, a->country) != 0)
		return (NULL);
	return (a);
}

/* The place an airport serves, or the airport itself if none. */
static void
airport_place(const struct dst_snapshot *snap, const struct geo_airport *a,
    struct decide_answer *ans)
{
	ans->source = DECIDE_AIRPORT;
	ans->airport = a;
	if (a->geonameid > 0 && dst_snapshot_place_by_id(snap, a->geonameid,
	    &ans->hit))
		dst_place_from_point(snap, ans->hit.name, ans->hit.country,
		    ans->hit.lat, ans->hit.lon, &ans->req.place);
	else
		dst_place_from_point(snap, a->municipality[0] != '\0' ?
		    a->municipality : a->name, a->country, a->lat, a->lon,
		    &ans->req.place);
}

/*
 * Resolve the destination: a point (its country looked up if not given),
 * else a name on the list, else an airport's code in capitals ("JFK"),
 * else a place of the gazetteer (the largest of that name), else an
 * airport's code in any case ("jfk"), else an unknown place with
 * suggestions from the list and the gazetteer.
 */
static int
resolve(const struct dst_snapshot *snap, const struct decide_input *in,
    const char *prefix, struct decide_answer *ans, struct dec_errors *errs)
{
	const struct dst_entry		*e;
	const struct geo_airport	*a;
	struct dst_suggestions		 psugg;
	char				 cc[3], f[96], clip[96];

	ans->typed = in->name;
	ans->typed_country = in->country;
	if (in->has_point) {
		if (in->country == NULL || *in->country == '\0') {
			if (!dst_snapshot_country_at(snap, in->lat, in->lon,
			    cc)) {
				dec_errors_add(errs, fld(f, sizeof f, prefix,
				    "destination.country"), DEC_E_REQUIRED,
				    "the point is in no country; give country "
				    "(ISO 3166-1 alpha-2)");
				return (-1);
			}
		} else
			dec_copy(cc, sizeof cc, in->country);
		dst_place_from_point(snap, in->name != NULL ? in->name : "", cc,
		    in->lat, in->lon, &ans->req.place);
		ans->source = DECIDE_COORDINATES;
		return (0);
	}
	/* Suggestions only once nothing matches: they cost most. */
	if ((e = dst_snapshot_resolve(snap, in->name, in->country,
	    NULL)) != NULL) {
		dst_place_from_entry(snap, e, in->departure, &ans->req.place);
		ans->source = DECIDE_LIST;
		ans->entry = e;
		return (0);
	}
	if ((a = airport_code(snap, in->name, in->country, 1)) != NULL) {
		airport_place(snap, a, ans);
		return (0);
	}
	if (dst_snapshot_find_place(snap, in->name, in->country, &ans->hit,
	    NULL)) {
		dst_place_from_point(snap, ans->hit.name, ans->hit.country,
		    ans->hit.lat, ans->hit.lon, &ans->req.place);
		ans->source = DECIDE_GAZETTEER;
		return (0);
	}
	if ((a = airport_code(snap, in->name, in->country, 0)) != NULL) {
		airport_place(snap, a, ans);
		return (0);
	}
	(void)dst_snapshot_resolve(snap, in->name, in->country, &ans->sugg);
	(void)dst_snapshot_find_place(snap, in->name, in->country, &ans->hit,
	    &psugg);
	suggestions_merge(&ans->sugg, &psugg);
	dec_errors_add(errs, fld(f, sizeof f, prefix, "destination"),
	    DEC_E_UNKNOWN_PLACE, "unknown place \"%s\"%s%s", dec_clip(clip,
	    sizeof clip, in->name, 60), in->country != NULL ? " in " : "",
	    in->country != NULL ? in->country : "");
	return (-1);
}

/* The airport a flight to the place lands at: the one named, else the
 * nearest (see AIRPORT_WITHIN_KM). */
static void
landing_airport(const struct dst_snapshot *snap, struct decide_answer *ans)
{
	const struct dec_place		*pl = &ans->req.place;
	const struct geo_airport	*a = ans->airport;
	struct dec_airport		*to = &ans->req.airport;
	double				 km;

	if (a == NULL)
		a = dst_snapshot_airport_near(snap, pl->lat, pl->lon,
		    AIRPORT_WITHIN_KM, dst_snapshot_policy(snap)->airport_code,
		    &km);
	if (a == NULL)
		return;
	ans->req.has_airport = 1;
	dec_copy(to->code, sizeof to->code, a->iata);
	dec_copy(to->name, sizeof to->name, a->name);
	dec_copy(to->country, sizeof to->country, a->country);
	to->lat = a->lat;
	to->lon = a->lon;
	/* At 0.1 km, as the answer shows it and the egress counts it. */
	to->km = dec_round(dec_haversine_km(a->lat, a->lon, pl->lat, pl->lon),
	    1);
}

/* Resolve and rule (see daemon.h). */
int
decide_run(const struct dst_snapshot *snap, const struct decide_input *in,
    const char *prefix, struct decide_answer *ans, struct dec_errors *errs)
{
	struct dec_errors	 rule = DEC_ERRORS_INIT;
	const struct dec_place	*pl;

	memset(ans, 0, sizeof *ans);
	ans->req.departure = in->departure;
	ans->req.return_day = in->return_day;
	ans->req.travellers = in->travellers;
	ans->req.online_possible = in->online_possible;
	ans->req.cabin = in->cabin;
	if (resolve(snap, in, prefix, ans, errs) != 0)
		return (-1);
	landing_airport(snap, ans);
	if (dst_snapshot_route(snap, &ans->req.place, in->departure,
	    &ans->route) == 0)
		ans->req.route = &ans->route;
	if (dec_decide(dst_snapshot_policy(snap), dst_snapshot_factors(snap),
	    dst_snapshot_calibration(snap), &ans->req, &ans->res,
	    &rule) != 0) {
		dec_errors_move(errs, &rule, prefix);
		return (-1);
	}
	/* Context for a place not on the list; it never changes the rule. */
	ans->ruled = 1;
	pl = &ans->req.place;
	ans->nearest_km = -1;
	if (pl->id[0] == '\0')
		ans->nearest = dst_snapshot_nearest_listed(snap, pl->lat,
		    pl->lon, ans->req.departure, &ans->nearest_km);
	return (0);
}
