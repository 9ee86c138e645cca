/* JSON in and out: decision requests, decision answers, list entries, CSV. */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/daemon.h"

#define PLACE_TEXT_MAX	200

/* Serialize compactly; coordinates and factors keep 10 significant digits. */
char *
jsonio_dump(const json_t *o, size_t *len)
{
	char	*s;

	s = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10));
	if (s != NULL && len != NULL)
		*len = strlen(s);
	return (s);
}

/* A JSON type's name for error messages ("a string", "null"). */
const char *
jsonio_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return ("an object");
	case JSON_ARRAY:
		return ("an array");
	case JSON_STRING:
		return ("a string");
	case JSON_INTEGER:
		return ("an integer");
	case JSON_REAL:
		return ("a number");
	case JSON_TRUE:
	case JSON_FALSE:
		return ("a boolean");
	default:
		return ("null");
	}
}

/* Is key one of the NULL-terminated names? */
static int
known_key(const char *key, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcmp(key, *names) == 0)
			return (1);
	return (0);
}

/* Reject unknown members of an object, naming each (prefix "a." or ""). */
static int
check_keys(const json_t *o, const char *prefix, const char *const *names,
    struct problem *p)
{
	const char	*key;
	json_t		*v;
	char		 field[256];
	int		 bad = 0;

	json_object_foreach((json_t *)o, key, v) {
		if (known_key(key, names))
			continue;
		snprintf(field, sizeof field, "%s%.200s", prefix, key);
		problem_add(p, field, "unknown field");
		bad = 1;
	}
	return (bad);
}

/* A date member: required, "YYYY-MM-DD", a real day. */
static int
get_date(const json_t *root, const char *name, long *day, int *structural,
    struct problem *p)
{
	json_t	*v;

	v = json_object_get(root, name);
	if (v == NULL) {
		problem_add(p, name, "required (a date, YYYY-MM-DD)");
		return (-1);
	}
	if (!json_is_string(v)) {
		problem_add(p, name, "must be a string (YYYY-MM-DD), not %s",
		    jsonio_type_name(v));
		*structural = 1;
		return (-1);
	}
	if (dec_date_parse(json_string_value(v), day) != 0) {
		problem_add(p, name, "not a valid date (YYYY-MM-DD): \"%.40s\"",
		    json_string_value(v));
		return (-1);
	}
	return (0);
}

/* Is the string only blanks? */
static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return (0);
	return (1);
}

/* Parse the destination object form {name, country, lat, lon}. */
static int
get_place_object(const json_t *d, const char **name, const char **country,
    double *lat, double *lon, int *has_point, int *structural,
    struct problem *p)
{
	static const char *const keys[] = { "name", "country", "lat", "lon",
	    NULL };
	json_t	*n, *c, *la, *lo;
	int	 bad = 0;

	if (check_keys(d, "destination.", keys, p)) {
		*structural = 1;
		return (-1);
	}
	n = json_object_get(d, "name");
	c = json_object_get(d, "country");
	la = json_object_get(d, "lat");
	lo = json_object_get(d, "lon");
	*name = *country = NULL;
	*has_point = 0;
	if (n != NULL && !json_is_string(n)) {
		problem_add(p, "destination.name", "must be a string, not %s",
		    jsonio_type_name(n));
		*structural = bad = 1;
	} else if (n != NULL)
		*name = json_string_value(n);
	if (c != NULL && !json_is_string(c)) {
		problem_add(p, "destination.country",
		    "must be a string (ISO 3166-1 alpha-2), not %s",
		    jsonio_type_name(c));
		*structural = bad = 1;
	} else if (c != NULL) {
		*country = json_string_value(c);
		if (!dst_country_valid(*country)) {
			problem_add(p, "destination.country",
			    "not an ISO 3166-1 alpha-2 code in capitals: "
			    "\"%.20s\"", *country);
			bad = 1;
		}
	}
	if (la != NULL && !json_is_number(la)) {
		problem_add(p, "destination.lat", "must be a number, not %s",
		    jsonio_type_name(la));
		*structural = bad = 1;
		la = NULL;
	}
	if (lo != NULL && !json_is_number(lo)) {
		problem_add(p, "destination.lon", "must be a number, not %s",
		    jsonio_type_name(lo));
		*structural = bad = 1;
		lo = NULL;
	}
	if (la != NULL || lo != NULL) {
		if (la == NULL && !*structural) {
			problem_add(p, "destination.lat",
			    "required with destination.lon");
			bad = 1;
		}
		if (lo == NULL && !*structural) {
			problem_add(p, "destination.lon",
			    "required with destination.lat");
			bad = 1;
		}
		if (la != NULL) {
			*lat = json_number_value(la);
			if (!(*lat >= -90.0 && *lat <= 90.0)) {
				problem_add(p, "destination.lat",
				    "out of range: %g (must be -90 to 90)",
				    *lat);
				bad = 1;
			}
		}
		if (lo != NULL) {
			*lon = json_number_value(lo);
			if (!(*lon >= -180.0 && *lon <= 180.0)) {
				problem_add(p, "destination.lon",
				    "out of range: %g (must be -180 to 180)",
				    *lon);
				bad = 1;
			}
		}
		/* Without country, the point's country is looked up. */
		*has_point = 1;
	} else if (*name == NULL && n == NULL) {
		problem_add(p, "destination.name",
		    "required (or give destination.lat and destination.lon)");
		bad = 1;
	}
	if (*name != NULL && strlen(*name) > PLACE_TEXT_MAX) {
		problem_add(p, "destination.name", "longer than %d bytes",
		    PLACE_TEXT_MAX);
		bad = 1;
	}
	if (*name != NULL && !*has_point && blank(*name)) {
		problem_add(p, "destination.name", "empty");
		bad = 1;
	}
	return (bad ? -1 : 0);
}

/* Add the "did you mean" part of an unknown-place problem. */
static void
add_suggestions(struct problem *p, const char *text,
    const struct dst_suggestions *s)
{
	json_t	*arr;
	size_t	 off;
	int	 i;

	arr = json_array();
	off = (size_t)snprintf(p->detail, sizeof p->detail,
	    "Unknown destination \"%.60s\".", text);
	for (i = 0; i < s->n; i++) {
		/* Places of the gazetteer have no id. */
		json_array_append_new(arr, json_pack("{s:s?, s:s}",
		    "id", s->ids[i][0] != '\0' ? s->ids[i] : NULL,
		    "name", s->names[i]));
		if (off < sizeof p->detail)
			off += (size_t)snprintf(p->detail + off,
			    sizeof p->detail - off, "%s%s", i == 0 ?
			    " Did you mean: " : ", ", s->names[i]);
	}
	if (s->n > 0 && off < sizeof p->detail)
		snprintf(p->detail + off, sizeof p->detail - off, "?");
	p->extra = json_pack("{s:o}", "suggestions", arr);
}

/* Record how a place was resolved (the answer tells it). */
static void
how_set(struct place_how *how, const char *source,
    const struct dst_place_hit *hit, const char *note)
{
	memset(how, 0, sizeof *how);
	how->source = source;
	if (hit != NULL) {
		how->population = hit->population;
		how->geonameid = hit->geonameid;
	}
	snprintf(how->note, sizeof how->note, "%s", note != NULL ? note : "");
}

/* n with thousands separators: "753,056". */
static void
format_thousands(long n, char *buf, size_t len)
{
	char	digits[32];
	size_t	nd, i, o = 0;

	snprintf(digits, sizeof digits, "%ld", n < 0 ? 0 : n);
	nd = strlen(digits);
	for (i = 0; i < nd && o + 2 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* Merge the list's suggestions (first) and the gazetteer's into into. */
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

/*
 * Resolve the destination: a point (its country looked up if not given),
 * else a name on the list, else a place of the gazetteer (the largest of
 * that name, said in a note), else 422 with suggestions from both.
 */
static void
resolve_place(const struct dst_snapshot *snap, struct dec_request *req,
    struct place_how *how, const char *name, const char *country, int has_point, double lat,
    double lon, struct problem *p)
{
	const struct dst_entry	*e;
	struct dst_place_hit	 hit;
	struct dst_suggestions	 sugg, psugg;
	char			 cc[3], note[384], pop[32];

	if (has_point) {
		if (country == NULL || *country == '\0') {
			if (!dst_snapshot_country_at(snap, lat, lon, cc)) {
				problem_add(p, "destination.country",
				    "the point is in no country; give country "
				    "(ISO 3166-1 alpha-2)");
				return;
			}
			country = cc;
		}
		dst_place_from_point(snap, name != NULL ? name : "", country,
		    lat, lon, &req->place);
		how_set(how, "coordinates", NULL, NULL);
		return;
	}
	if ((e = dst_snapshot_resolve(snap, name, country, &sugg)) != NULL) {
		dst_place_from_entry(snap, e, req->departure, &req->place);
		how_set(how, "list", NULL, NULL);
		return;
	}
	if (dst_snapshot_find_place(snap, name, country, &hit, &psugg)) {
		dst_place_from_point(snap, hit.name, hit.country, hit.lat,
		    hit.lon, &req->place);
		note[0] = '\0';
		if (hit.nsame > 0) {
			format_thousands(hit.population, pop, sizeof pop);
			if (country != NULL && *country != '\0')
				snprintf(note, sizeof note, "%.60s: %d places "
				    "of that name in %s; took %s (%s "
				    "inhabitants), the largest", name,
				    hit.nsame + 1, hit.country, hit.name, pop);
			else
				snprintf(note, sizeof note, "%.60s: %d places "
				    "of that name; took %s (%s, %s "
				    "inhabitants); add \"country\" to choose",
				    name, hit.nsame + 1, hit.name, hit.country,
				    pop);
		}
		how_set(how, "gazetteer", &hit, note);
		return;
	}
	suggestions_merge(&sugg, &psugg);
	problem_add(p, "destination", "unknown place \"%.60s\"%s%s", name,
	    country != NULL ? " in " : "", country != NULL ? country : "");
	add_suggestions(p, name, &sugg);
}

/* Parse and resolve a POST /v1/decisions body. */
int
jsonio_decision_request(const struct dst_snapshot *snap, const char *body,
    size_t len, struct dec_request *req, struct place_how *how,
    struct problem *p)
{
	static const char *const keys[] = { "destination", "departure_date",
	    "return_date", "travellers", "online_possible", "cabin_class",
	    NULL };
	json_error_t		 jerr;
	json_t			*root, *v, *d;
	const char		*name = NULL, *country = NULL;
	double			 lat = 0, lon = 0;
	int			 structural = 0, has_point = 0, dates_ok;

	memset(req, 0, sizeof *req);
	problem_init(p, 422, "Invalid request");
	if (len == 0) {
		p->status = 400;
		p->title = "Bad request";
		problem_add(p, "body", "empty: expected a JSON object");
		return (-1);
	}
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		p->status = 400;
		p->title = "Malformed JSON";
		problem_add(p, "body", "malformed JSON at line %d, column %d: %s",
		    jerr.line, jerr.column, jerr.text);
		return (-1);
	}
	if (!json_is_object(root)) {
		p->status = 400;
		p->title = "Bad request";
		problem_add(p, "body", "must be a JSON object, not %s",
		    jsonio_type_name(root));
		json_decref(root);
		return (-1);
	}
	if (check_keys(root, "", keys, p))
		structural = 1;

	d = json_object_get(root, "destination");
	if (d == NULL)
		problem_add(p, "destination",
		    "required (a name, an id, or {name, country, lat, lon})");
	else if (json_is_string(d)) {
		name = json_string_value(d);
		if (blank(name))
			problem_add(p, "destination", "empty");
		else if (strlen(name) > PLACE_TEXT_MAX)
			problem_add(p, "destination", "longer than %d bytes",
			    PLACE_TEXT_MAX);
	} else if (json_is_object(d))
		get_place_object(d, &name, &country, &lat, &lon, &has_point,
		    &structural, p);
	else {
		problem_add(p, "destination",
		    "must be a string or an object, not %s", jsonio_type_name(d));
		structural = 1;
	}

	dates_ok = get_date(root, "departure_date", &req->departure,
	    &structural, p) == 0;
	dates_ok &= get_date(root, "return_date", &req->return_day,
	    &structural, p) == 0;
	if (dates_ok && req->return_day < req->departure)
		problem_add(p, "return_date", "before departure_date");

	req->travellers = 1;
	if ((v = json_object_get(root, "travellers")) != NULL) {
		if (!json_is_integer(v)) {
			problem_add(p, "travellers",
			    "must be an integer, not %s", jsonio_type_name(v));
			structural = 1;
		} else if (json_integer_value(v) < 1 ||
		    json_integer_value(v) > 1000)
			problem_add(p, "travellers",
			    "must be between 1 and 1000, not %lld",
			    (long long)json_integer_value(v));
		else
			req->travellers = (int)json_integer_value(v);
	}
	if ((v = json_object_get(root, "online_possible")) != NULL) {
		if (!json_is_boolean(v)) {
			problem_add(p, "online_possible",
			    "must be true or false, not %s", jsonio_type_name(v));
			structural = 1;
		} else
			req->online_possible = json_is_true(v);
	}
	req->cabin = DEC_CABIN_ECONOMY;
	if ((v = json_object_get(root, "cabin_class")) != NULL) {
		if (!json_is_string(v)) {
			problem_add(p, "cabin_class", "must be a string, not %s",
			    jsonio_type_name(v));
			structural = 1;
		} else if (dec_cabin_parse(json_string_value(v),
		    &req->cabin) != 0)
			problem_add(p, "cabin_class", "must be one of economy, "
			    "premium_economy, business, first, average; not "
			    "\"%.40s\"", json_string_value(v));
	}

	if (!problem_has_errors(p))
		resolve_place(snap, req, how, name, country, has_point, lat,
		    lon, p);
	json_decref(root);
	if (!problem_has_errors(p))
		return (0);
	if (structural) {
		p->status = 400;
		p->title = "Bad request";
	}
	return (-1);
}

/* A factor as {value, unit, source}. */
static void
factor_write(struct jw *w, const char *key, const struct dec_factor *f)
{
	jw_object(w, key);
	jw_number(w, "value", f->value);
	jw_string(w, "unit", f->unit);
	jw_string(w, "source", f->source);
	jw_end(w, '}');
}

/* A string, or null when empty. */
static void
str_or_null(struct jw *w, const char *key, const char *s)
{
	jw_string(w, key, s[0] != '\0' ? s : NULL);
}

/* A number, or null when the mode is not feasible. */
static void
num_if(struct jw *w, const char *key, int ok, double v)
{
	if (ok)
		jw_number(w, key, v);
	else
		jw_null(w, key);
}

/* One mode of the answer. */
static void
mode_write(struct jw *w, const struct dec_mode_estimate *m)
{
	int	f = m->feasible;

	jw_object(w, NULL);
	jw_string(w, "mode", dec_mode_name(m->mode));
	jw_bool(w, "feasible", f);
	jw_bool(w, "allowed", m->allowed);
	jw_string(w, "requires", dec_requires_name(m->requires));
	num_if(w, "distance_km", f, m->distance_km);
	num_if(w, "hours", f, m->hours);
	jw_bool(w, "estimated", m->estimated);
	jw_string(w, "method", m->method);
	num_if(w, "co2e_kg", f, m->co2e_kg);
	num_if(w, "co2e_kg_per_traveller", f, m->co2e_kg_per_traveller);
	factor_write(w, "factor", &m->factor);
	if (m->mode == DEC_MODE_PLANE) {
		num_if(w, "co2_kg_without_rf", f, m->co2_kg_without_rf);
		if (m->has_access) {
			jw_object(w, "access");
			jw_string(w, "mode", "train");
			jw_number(w, "distance_km", m->access.distance_km);
			jw_number(w, "co2e_kg", m->access.co2e_kg);
			factor_write(w, "factor", &m->access.factor);
			jw_end(w, '}');
		}
	}
	if (m->mode == DEC_MODE_CAR)
		jw_int(w, "vehicles", m->vehicles);
	jw_end(w, '}');
}

/* The answer to a decision request (SPEC §4), straight to the buffer. */
void
jsonio_decision_write(struct jw *w, const struct dst_snapshot *snap,
    const struct dec_request *req, const struct place_how *how,
    const struct dec_result *r)
{
	const struct dec_place	*pl = &req->place;
	const struct dst_entry	*near = NULL;
	char			 day[16], line[3 * DEC_NAME_MAX], dist[32];
	double			 km = 0;
	int			 i;

	/* Context for a place not on the list; it never changes the rule. */
	if (pl->id[0] == '\0')
		near = dst_snapshot_nearest_listed(snap, pl->lat, pl->lon,
		    req->departure, &km);

	jw_object(w, NULL);
	jw_object(w, "destination");
	str_or_null(w, "id", pl->id);
	jw_string(w, "name", pl->name);
	jw_string(w, "country", pl->country);
	jw_number(w, "lat", pl->lat);
	jw_number(w, "lon", pl->lon);
	jw_bool(w, "listed", pl->listed);
	jw_bool(w, "in_rail_zone", pl->in_rail_zone);
	str_or_null(w, "zone", pl->zone_id);
	jw_string(w, "source", how->source != NULL ? how->source :
	    pl->id[0] != '\0' ? "list" : "coordinates");
	if (how->source != NULL && strcmp(how->source, "gazetteer") == 0) {
		jw_int(w, "population", how->population);
		jw_int(w, "geonameid", how->geonameid);
	}
	if (how->note[0] != '\0')
		jw_string(w, "note", how->note);
	if (near != NULL) {
		jw_object(w, "nearest_listed");
		jw_string(w, "id", near->id);
		jw_string(w, "name", near->name);
		jw_number(w, "distance_km", round(km * 10.0) / 10.0);
		jw_end(w, '}');
	}
	jw_end(w, '}');
	dec_date_format(req->departure, day, sizeof day);
	jw_string(w, "departure_date", day);
	dec_date_format(req->return_day, day, sizeof day);
	jw_string(w, "return_date", day);
	jw_string(w, "scope", dec_scope_name(r->scope));
	jw_int(w, "nights", r->nights);
	jw_int(w, "travellers", r->travellers);
	jw_number(w, "distance_km", round(r->distance_km * 10.0) / 10.0);

	jw_object(w, "rail");
	if (r->rail_hours >= 0)
		jw_number(w, "hours", r->rail_hours);
	else
		jw_null(w, "hours");
	jw_bool(w, "estimated", r->rail_estimated);
	jw_string(w, "method", r->rail_method);
	jw_end(w, '}');

	jw_object(w, "ruling");
	jw_string(w, "mode", dec_mode_name(r->ruling.mode));
	jw_string(w, "strength", dec_strength_name(r->ruling.strength));
	jw_string(w, "rule", dec_rule_name(r->ruling.rule));
	jw_array(w, "reasons");
	for (i = 0; i < r->ruling.nreasons; i++)
		jw_string(w, NULL, r->ruling.reasons[i]);
	if (near != NULL) {
		format_thousands(lround(km), dist, sizeof dist);
		snprintf(line, sizeof line, "%s is %s km from %s, which is "
		    "on the list", pl->name[0] != '\0' ? pl->name :
		    "The place", dist, near->name);
		jw_string(w, NULL, line);
	}
	jw_end(w, ']');
	jw_array(w, "advice");
	for (i = 0; i < r->ruling.nadvice; i++)
		jw_string(w, NULL, r->ruling.advice[i]);
	jw_end(w, ']');
	jw_end(w, '}');

	jw_array(w, "modes");
	for (i = 0; i < DEC_MODE_COUNT; i++)
		mode_write(w, &r->modes[i]);
	jw_end(w, ']');
	jw_int(w, "policy_version", dst_snapshot_policy(snap)->version);
	jw_string(w, "factor_set", dst_snapshot_factors(snap)->name);
	jw_end(w, '}');
}

/* The same answer as a jansson tree, for callers that keep or extend it. */
json_t *
jsonio_decision_result(const struct dst_snapshot *snap,
    const struct dec_request *req, const struct place_how *how,
    const struct dec_result *r)
{
	struct jw	 w = { NULL, 0, 0, 0 };
	json_t		*o;

	jsonio_decision_write(&w, snap, req, how, r);
	o = json_loadb(w.buf, w.len, 0, NULL);
	free(w.buf);
	return (o);
}

/* A day as "YYYY-MM-DD", or null for the open ends. */
static json_t *
day_or_null(long day)
{
	char	buf[16];

	if (day == LONG_MIN || day == LONG_MAX)
		return (json_null());
	dec_date_format(day, buf, sizeof buf);
	return (json_string(buf));
}

/* One list entry, flat, field names as the CSV header uses them. */
json_t *
jsonio_entry(const struct dst_entry *e)
{
	json_t	*o, *aliases;
	int	 i;

	aliases = json_array();
	for (i = 0; i < e->naliases; i++)
		json_array_append_new(aliases, json_string(e->aliases[i]));
	o = json_object();
	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "name", json_string(e->name));
	json_object_set_new(o, "name_nl", json_string(e->name_nl));
	json_object_set_new(o, "name_en", json_string(e->name_en));
	json_object_set_new(o, "aliases", aliases);
	json_object_set_new(o, "country", json_string(e->country));
	json_object_set_new(o, "lat", json_real(e->lat));
	json_object_set_new(o, "lon", json_real(e->lon));
	json_object_set_new(o, "coord_source", json_string(e->coord_source));
	json_object_set_new(o, "mode", json_string(dec_mode_name(e->mode)));
	json_object_set_new(o, "strength",
	    json_string(dec_strength_name(e->strength)));
	json_object_set_new(o, "rail_hours", e->rail_hours >= 0 ?
	    json_real(e->rail_hours) : json_null());
	json_object_set_new(o, "rail_estimated",
	    json_boolean(e->rail_estimated));
	json_object_set_new(o, "rail_source", json_string(e->rail_source));
	json_object_set_new(o, "rail_source_date",
	    e->rail_source_date[0] != '\0' ? json_string(e->rail_source_date) : json_null());
	json_object_set_new(o, "night_train", json_boolean(e->night_train));
	json_object_set_new(o, "night_train_note",
	    json_string(e->night_train_note));
	json_object_set_new(o, "notes", json_string(e->notes));
	json_object_set_new(o, "active_from", day_or_null(e->active_from));
	json_object_set_new(o, "retired", day_or_null(e->retired));
	json_object_set_new(o, "distance_km",
	    json_real(round(e->distance_km * 10.0) / 10.0));
	json_object_set_new(o, "in_rail_zone", json_boolean(e->in_rail_zone));
	json_object_set_new(o, "version", json_integer(e->version));
	json_object_set_new(o, "updated_at", json_string(e->updated_at));
	json_object_set_new(o, "updated_by", json_string(e->updated_by));
	return (o);
}

/* A growing output buffer; allocation failure is fatal (as xmalloc). */
struct obuf {
	char	*p;
	size_t	 len, cap;
};

/* Append raw bytes. */
static void
obuf_add(struct obuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		if ((b->p = realloc(b->p, b->cap)) == NULL)
			abort();
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Append one CSV field (RFC 4180: quoted when it holds , ; " CR or LF). */
static void
csv_field(struct obuf *b, const char *s, int first)
{
	int	quote = strpbrk(s, ",;\"\r\n") != NULL;

	if (!first)
		obuf_add(b, ",", 1);
	if (quote)
		obuf_add(b, "\"", 1);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			obuf_add(b, "\"", 1);
		obuf_add(b, s, 1);
	}
	if (quote)
		obuf_add(b, "\"", 1);
}

/* A JSON scalar (or the aliases array, joined by "|") as CSV text. */
static void
csv_value(struct obuf *b, const json_t *v, int first)
{
	char	 tmp[64], joined[DST_MAX_ALIASES * DEC_NAME_MAX];
	size_t	 k, off = 0;

	switch (json_typeof(v)) {
	case JSON_STRING:
		csv_field(b, json_string_value(v), first);
		return;
	case JSON_INTEGER:
		snprintf(tmp, sizeof tmp, "%lld",
		    (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		snprintf(tmp, sizeof tmp, "%.10g", json_real_value(v));
		break;
	case JSON_TRUE:
		snprintf(tmp, sizeof tmp, "true");
		break;
	case JSON_FALSE:
		snprintf(tmp, sizeof tmp, "false");
		break;
	case JSON_ARRAY:
		joined[0] = '\0';
		for (k = 0; k < json_array_size(v) && off < sizeof joined; k++)
			off += (size_t)snprintf(joined + off, sizeof joined - off,
			    "%s%s", k ? "|" : "",
			    json_string_value(json_array_get(v, k)));
		csv_field(b, joined, first);
		return;
	default:
		tmp[0] = '\0';
		break;
	}
	csv_field(b, tmp, first);
}

/* The list as CSV: the JSON fields in order, aliases joined by "|". */
char *
jsonio_entries_csv(const struct dst_entry *const *entries, size_t n,
    size_t *lenp)
{
	static const struct dst_entry empty = { .active_from = LONG_MIN,
	    .retired = LONG_MAX };
	struct obuf	 b = { NULL, 0, 0 };
	const char	*key;
	json_t		*o, *v;
	size_t		 i;
	int		 first = 1;

	o = jsonio_entry(&empty);
	json_object_foreach(o, key, v) {
		csv_field(&b, key, first);
		first = 0;
	}
	json_decref(o);
	obuf_add(&b, "\r\n", 2);
	for (i = 0; i < n; i++) {
		o = jsonio_entry(entries[i]);
		first = 1;
		json_object_foreach(o, key, v) {
			csv_value(&b, v, first);
			first = 0;
		}
		json_decref(o);
		obuf_add(&b, "\r\n", 2);
	}
	*lenp = b.len;
	return (b.p);
}
