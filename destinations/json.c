/*
 * JSON forms of an entry, a policy and a factor set: what the seed files,
 * the version history and the API carry.  Parsing is strict (unknown
 * fields are errors, the field is named in the message) because what is
 * parsed here becomes the data every ruling reads.
 */

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/internal.h"

#define RAIL_HOURS_MAX	1000.0

/* Parse text as a JSON value; what names the text in errors. */
json_t *
dst_load_json(const char *text, size_t len, const char *what, char **cause)
{
	json_error_t	 e;
	json_t		*j;

	j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (j == NULL)
		dst_set_cause(cause, "%s: line %d: %s", what, e.line, e.text);
	return (j);
}

/* Is this key one of the NULL-terminated list? */
static int
key_known(const char *key, const char *const *keys)
{
	for (; *keys != NULL; keys++) {
		if (strcmp(key, *keys) == 0)
			return (1);
	}
	return (0);
}

/* Fail on the first key of obj that is not in keys. */
static int
check_keys(const json_t *obj, const char *const *keys, const char *prefix,
    char **cause)
{
	const char	*key;
	json_t		*v;

	json_object_foreach((json_t *)obj, key, v) {
		if (!key_known(key, keys)) {
			dst_set_cause(cause, "%s%s: unknown field", prefix,
			    key);
			return (-1);
		}
	}
	return (0);
}

/*
 * A string member into a buffer.  Absent or null: "" unless required.
 * Too long or with a NUL inside: an error, never a silent truncation.
 */
static int
get_string(const json_t *obj, const char *key, char *buf, size_t len,
    int required, char **cause)
{
	json_t	*v = json_object_get(obj, key);
	size_t	 n;

	if (v == NULL || json_is_null(v)) {
		if (required) {
			dst_set_cause(cause, "%s: missing", key);
			return (-1);
		}
		buf[0] = '\0';
		return (0);
	}
	if (!json_is_string(v)) {
		dst_set_cause(cause, "%s: must be a string", key);
		return (-1);
	}
	n = json_string_length(v);
	if (n >= len) {
		dst_set_cause(cause, "%s: longer than %zu bytes", key, len - 1);
		return (-1);
	}
	if (memchr(json_string_value(v), '\0', n) != NULL) {
		dst_set_cause(cause, "%s: contains a NUL character", key);
		return (-1);
	}
	memcpy(buf, json_string_value(v), n + 1);
	if (required && n == 0) {
		dst_set_cause(cause, "%s: must not be empty", key);
		return (-1);
	}
	return (0);
}

/* A finite number member (integer or real). */
static int
get_number(const json_t *obj, const char *key, double *out, int required,
    int *present, char **cause)
{
	json_t	*v = json_object_get(obj, key);

	if (present != NULL)
		*present = 0;
	if (v == NULL) {
		if (required) {
			dst_set_cause(cause, "%s: missing", key);
			return (-1);
		}
		return (0);
	}
	if (!json_is_number(v) || !isfinite(json_number_value(v))) {
		dst_set_cause(cause, "%s: must be a number", key);
		return (-1);
	}
	*out = json_number_value(v);
	if (present != NULL)
		*present = 1;
	return (0);
}

/* An integer member within [min, max]. */
static int
get_int(const json_t *obj, const char *key, int *out, int min, int max,
    int required, char **cause)
{
	json_t		*v = json_object_get(obj, key);
	json_int_t	 i;

	if (v == NULL) {
		if (required) {
			dst_set_cause(cause, "%s: missing", key);
			return (-1);
		}
		return (0);
	}
	if (!json_is_integer(v)) {
		dst_set_cause(cause, "%s: must be an integer", key);
		return (-1);
	}
	i = json_integer_value(v);
	if (i < min || i > max) {
		dst_set_cause(cause, "%s: must be between %d and %d", key, min,
		    max);
		return (-1);
	}
	*out = (int)i;
	return (0);
}

/* A boolean member; absent is false. */
static int
get_bool(const json_t *obj, const char *key, int *out, char **cause)
{
	json_t	*v = json_object_get(obj, key);

	*out = 0;
	if (v == NULL)
		return (0);
	if (!json_is_boolean(v)) {
		dst_set_cause(cause, "%s: must be true or false", key);
		return (-1);
	}
	*out = json_is_true(v);
	return (0);
}

/* A date member ("YYYY-MM-DD") or null/absent (dflt). */
static int
get_date(const json_t *obj, const char *key, long *out, long dflt,
    char **cause)
{
	char	buf[32];

	if (get_string(obj, key, buf, sizeof buf, 0, NULL) != 0) {
		dst_set_cause(cause, "%s: must be a date YYYY-MM-DD or null",
		    key);
		return (-1);
	}
	if (buf[0] == '\0') {
		*out = dflt;
		return (0);
	}
	if (dec_date_parse(buf, out) != 0) {
		dst_set_cause(cause, "%s: not a date YYYY-MM-DD: \"%s\"", key,
		    buf);
		return (-1);
	}
	return (0);
}

/* Is this a valid entry or zone id: [a-z0-9-], 1 to DEC_ID_MAX-1 bytes? */
static int
id_valid(const char *id)
{
	const char	*p;

	if (*id == '\0' || strlen(id) >= DEC_ID_MAX)
		return (0);
	for (p = id; *p != '\0'; p++) {
		if ((*p < 'a' || *p > 'z') && (*p < '0' || *p > '9') &&
		    *p != '-')
			return (0);
	}
	return (1);
}

static const char *const entry_keys[] = {
	"id", "name", "name_nl", "name_en", "aliases", "country", "lat", "lon",
	"coord_source", "mode", "strength", "rail_hours", "rail_estimated",
	"rail_source", "rail_source_date", "night_train", "night_train_note",
	"notes", "active_from", "retired", "version", "updated_at",
	"updated_by", NULL
};

/* The aliases array of an entry. */
static int
entry_aliases(const json_t *obj, struct dst_entry *e, char **cause)
{
	json_t	*a = json_object_get(obj, "aliases"), *v;
	size_t	 i, n;

	e->naliases = 0;
	if (a == NULL || json_is_null(a))
		return (0);
	if (!json_is_array(a)) {
		dst_set_cause(cause, "aliases: must be an array of strings");
		return (-1);
	}
	if (json_array_size(a) > DST_MAX_ALIASES) {
		dst_set_cause(cause, "aliases: more than %d", DST_MAX_ALIASES);
		return (-1);
	}
	json_array_foreach(a, i, v) {
		if (!json_is_string(v) || json_string_length(v) == 0) {
			dst_set_cause(cause, "aliases: must be an array of "
			    "non-empty strings");
			return (-1);
		}
		n = json_string_length(v);
		if (n >= DEC_NAME_MAX ||
		    memchr(json_string_value(v), '\0', n) != NULL) {
			dst_set_cause(cause, "aliases: \"%s\" is too long or "
			    "contains a NUL", json_string_value(v));
			return (-1);
		}
		memcpy(e->aliases[e->naliases++], json_string_value(v), n + 1);
	}
	return (0);
}

/* Parse and validate an entry (see destinations.h). */
int
dst_entry_from_json(const struct json_t *j, struct dst_entry *e, char **cause)
{
	const json_t	*obj = j;
	char		 buf[32];
	double		 rail = -1;
	long		 day;
	int		 present;

	memset(e, 0, sizeof *e);
	e->rail_hours = -1;
	e->active_from = LONG_MIN;
	e->retired = LONG_MAX;
	e->version = 1;

	if (!json_is_object(obj)) {
		dst_set_cause(cause, "destination: must be an object");
		return (-1);
	}
	if (check_keys(obj, entry_keys, "", cause) != 0)
		return (-1);

	if (get_string(obj, "id", e->id, sizeof e->id, 1, cause) != 0)
		return (-1);
	if (!id_valid(e->id)) {
		dst_set_cause(cause, "id: only a-z, 0-9 and '-' allowed");
		return (-1);
	}
	if (get_string(obj, "name", e->name, sizeof e->name, 1, cause) != 0 ||
	    get_string(obj, "name_nl", e->name_nl, sizeof e->name_nl, 0,
	    cause) != 0 ||
	    get_string(obj, "name_en", e->name_en, sizeof e->name_en, 0,
	    cause) != 0 ||
	    entry_aliases(obj, e, cause) != 0)
		return (-1);

	if (get_string(obj, "country", e->country, sizeof e->country, 1,
	    NULL) != 0 || !dst_country_valid(e->country)) {
		dst_set_cause(cause, "country: must be an ISO 3166-1 alpha-2 "
		    "code in capitals (\"DE\")");
		return (-1);
	}
	if (get_number(obj, "lat", &e->lat, 1, NULL, cause) != 0 ||
	    get_number(obj, "lon", &e->lon, 1, NULL, cause) != 0)
		return (-1);
	if (e->lat < -90 || e->lat > 90) {
		dst_set_cause(cause, "lat: must be between -90 and 90");
		return (-1);
	}
	if (e->lon < -180 || e->lon > 180) {
		dst_set_cause(cause, "lon: must be between -180 and 180");
		return (-1);
	}
	if (get_string(obj, "coord_source", e->coord_source,
	    sizeof e->coord_source, 0, cause) != 0)
		return (-1);

	if (get_string(obj, "mode", buf, sizeof buf, 1, NULL) != 0 ||
	    dec_mode_parse(buf, &e->mode) != 0) {
		dst_set_cause(cause, "mode: must be train, plane, car or "
		    "coach");
		return (-1);
	}
	if (get_string(obj, "strength", buf, sizeof buf, 1, NULL) != 0 ||
	    dec_strength_parse(buf, &e->strength) != 0) {
		dst_set_cause(cause, "strength: must be free, recommended or "
		    "mandatory");
		return (-1);
	}

	/* rail_hours: null or negative is "no rail connection". */
	if (json_is_null(json_object_get(obj, "rail_hours")))
		present = 0;
	else if (get_number(obj, "rail_hours", &rail, 0, &present,
	    cause) != 0)
		return (-1);
	if (present && rail > RAIL_HOURS_MAX) {
		dst_set_cause(cause, "rail_hours: more than %.0f",
		    RAIL_HOURS_MAX);
		return (-1);
	}
	e->rail_hours = present && rail >= 0 ? rail : -1;
	if (get_bool(obj, "rail_estimated", &e->rail_estimated, cause) != 0 ||
	    get_string(obj, "rail_source", e->rail_source,
	    sizeof e->rail_source, 0, cause) != 0)
		return (-1);
	if (e->rail_hours >= 0 && e->rail_source[0] == '\0') {
		dst_set_cause(cause, "rail_source: required with rail_hours "
		    "(the source of the figure, or \"estimate\")");
		return (-1);
	}
	if (get_date(obj, "rail_source_date", &day, LONG_MIN, cause) != 0)
		return (-1);
	if (day != LONG_MIN)
		dec_date_format(day, e->rail_source_date,
		    sizeof e->rail_source_date);
	if (get_bool(obj, "night_train", &e->night_train, cause) != 0 ||
	    get_string(obj, "night_train_note", e->night_train_note,
	    sizeof e->night_train_note, 0, cause) != 0 ||
	    get_string(obj, "notes", e->notes, sizeof e->notes, 0, cause) != 0)
		return (-1);

	if (get_date(obj, "active_from", &e->active_from, LONG_MIN,
	    cause) != 0 ||
	    get_date(obj, "retired", &e->retired, LONG_MAX, cause) != 0)
		return (-1);
	if (e->active_from != LONG_MIN && e->retired != LONG_MAX &&
	    e->retired <= e->active_from) {
		dst_set_cause(cause, "retired: must be after active_from");
		return (-1);
	}

	if (get_int(obj, "version", &e->version, 1, INT_MAX, 0, cause) != 0 ||
	    get_string(obj, "updated_at", e->updated_at,
	    sizeof e->updated_at, 0, cause) != 0 ||
	    get_string(obj, "updated_by", e->updated_by,
	    sizeof e->updated_by, 0, cause) != 0)
		return (-1);
	return (0);
}

/* Set key to a new value; NULL from a _new call stays an error. */
static int
set_new(json_t *obj, const char *key, json_t *v)
{
	return (json_object_set_new(obj, key, v));
}

/* A date as a JSON string, or null for the open ends. */
static json_t *
date_json(long day)
{
	char	buf[16];

	if (day == LONG_MIN || day == LONG_MAX)
		return (json_null());
	dec_date_format(day, buf, sizeof buf);
	return (json_string(buf));
}

/* An entry as JSON (see destinations.h). */
struct json_t *
dst_entry_to_json(const struct dst_entry *e)
{
	json_t	*obj, *a;
	int	 i, rc = 0;

	if ((obj = json_object()) == NULL)
		return (NULL);
	if ((a = json_array()) == NULL) {
		json_decref(obj);
		return (NULL);
	}
	for (i = 0; i < e->naliases; i++)
		rc |= json_array_append_new(a, json_string(e->aliases[i]));
	rc |= set_new(obj, "id", json_string(e->id));
	rc |= set_new(obj, "name", json_string(e->name));
	rc |= set_new(obj, "name_nl", json_string(e->name_nl));
	rc |= set_new(obj, "name_en", json_string(e->name_en));
	rc |= set_new(obj, "aliases", a);
	rc |= set_new(obj, "country", json_string(e->country));
	rc |= set_new(obj, "lat", json_real(e->lat));
	rc |= set_new(obj, "lon", json_real(e->lon));
	rc |= set_new(obj, "coord_source", json_string(e->coord_source));
	rc |= set_new(obj, "mode", json_string(dec_mode_name(e->mode)));
	rc |= set_new(obj, "strength",
	    json_string(dec_strength_name(e->strength)));
	rc |= set_new(obj, "rail_hours", e->rail_hours >= 0 ?
	    json_real(e->rail_hours) : json_null());
	rc |= set_new(obj, "rail_estimated", json_boolean(e->rail_estimated));
	rc |= set_new(obj, "rail_source", json_string(e->rail_source));
	rc |= set_new(obj, "rail_source_date", e->rail_source_date[0] != '\0' ?
	    json_string(e->rail_source_date) : json_null());
	rc |= set_new(obj, "night_train", json_boolean(e->night_train));
	rc |= set_new(obj, "night_train_note",
	    json_string(e->night_train_note));
	rc |= set_new(obj, "notes", json_string(e->notes));
	rc |= set_new(obj, "active_from", date_json(e->active_from));
	rc |= set_new(obj, "retired", date_json(e->retired));
	rc |= set_new(obj, "version", json_integer(e->version));
	rc |= set_new(obj, "updated_at", json_string(e->updated_at));
	rc |= set_new(obj, "updated_by", json_string(e->updated_by));
	if (rc != 0) {
		json_decref(obj);
		return (NULL);
	}
	return (obj);
}

/* --- policy ---------------------------------------------------------- */

enum field_type { F_STRING, F_COUNTRY, F_NUMBER, F_INT };

struct field {
	const char	*name;
	enum field_type	 type;
	size_t		 off;
	size_t		 size;	/* strings: buffer size */
	double		 min, max;
};

#define P_STR(n)	{ #n, F_STRING, offsetof(struct dec_policy, n), \
			  sizeof(((struct dec_policy *)0)->n), 0, 0 }
#define P_NUM(n, lo, hi) { #n, F_NUMBER, offsetof(struct dec_policy, n), \
			  0, lo, hi }

static const struct field policy_fields[] = {
	P_STR(origin_name),
	{ "origin_country", F_COUNTRY, offsetof(struct dec_policy,
	    origin_country), 3, 0, 0 },
	P_NUM(origin_lat, -90, 90),
	P_NUM(origin_lon, -180, 180),
	P_STR(airport_code),
	P_STR(airport_name),
	P_NUM(airport_lat, -90, 90),
	P_NUM(airport_lon, -180, 180),
	P_NUM(airport_access_hours, 0, 48),
	P_NUM(near_km, 0, 40000),
	P_NUM(working_day_hours, 0, 240),
	P_NUM(long_day_hours, 0, 240),
	P_NUM(second_class_max_hours, 0, 240),
	P_NUM(rail_detour, 1, 5),
	P_NUM(road_detour, 1, 5),
	P_NUM(coach_detour, 1, 5),
	{ "car_capacity", F_INT, offsetof(struct dec_policy, car_capacity), 0,
	    1, 100 },
	P_NUM(car_kmh, 1, 1000),
	P_NUM(coach_kmh, 1, 1000),
	P_NUM(plane_kmh, 1, 5000),
	P_NUM(plane_fixed_hours, 0, 48),
	P_NUM(rail_fallback_kmh, 1, 1000),
	P_NUM(rail_fallback_fixed_hours, 0, 48),
	{ NULL, F_NUMBER, 0, 0, 0, 0 }
};

/* Fill one field of base from obj. */
static int
field_get(const json_t *obj, const struct field *f, void *base, char **cause)
{
	char	*p = (char *)base + f->off;
	double	 d;
	int	 i;

	switch (f->type) {
	case F_STRING:
		return (get_string(obj, f->name, p, f->size, 1, cause));
	case F_COUNTRY:
		if (get_string(obj, f->name, p, f->size, 1, NULL) != 0 ||
		    !dst_country_valid(p)) {
			dst_set_cause(cause, "%s: must be an ISO 3166-1 "
			    "alpha-2 code in capitals", f->name);
			return (-1);
		}
		return (0);
	case F_INT:
		if (get_int(obj, f->name, &i, (int)f->min, (int)f->max, 1,
		    cause) != 0)
			return (-1);
		memcpy(p, &i, sizeof i);
		return (0);
	case F_NUMBER:
		if (get_number(obj, f->name, &d, 1, NULL, cause) != 0)
			return (-1);
		if (d < f->min || d > f->max) {
			dst_set_cause(cause, "%s: must be between %g and %g",
			    f->name, f->min, f->max);
			return (-1);
		}
		memcpy(p, &d, sizeof d);
		return (0);
	}
	return (-1);
}

/*
 * A policy from JSON: every field of struct dec_policy is required;
 * "sources" (field -> source text) and "description" may accompany them.
 * The version is the database's, not the document's.
 */
int
dst_policy_from_json(const json_t *obj, struct dec_policy *p, char **cause)
{
	const struct field	*f;
	const char		*key;
	json_t			*src, *v;

	memset(p, 0, sizeof *p);
	if (!json_is_object(obj)) {
		dst_set_cause(cause, "policy: must be an object");
		return (-1);
	}
	json_object_foreach((json_t *)obj, key, v) {
		if (strcmp(key, "sources") == 0 ||
		    strcmp(key, "description") == 0 ||
		    strcmp(key, "version") == 0)
			continue;
		for (f = policy_fields; f->name != NULL; f++) {
			if (strcmp(key, f->name) == 0)
				break;
		}
		if (f->name == NULL) {
			dst_set_cause(cause, "%s: unknown field", key);
			return (-1);
		}
	}
	for (f = policy_fields; f->name != NULL; f++) {
		if (field_get(obj, f, p, cause) != 0)
			return (-1);
	}
	if (p->long_day_hours < p->working_day_hours) {
		dst_set_cause(cause, "long_day_hours: must not be less than "
		    "working_day_hours");
		return (-1);
	}

	src = json_object_get(obj, "sources");
	if (src != NULL && !json_is_object(src)) {
		dst_set_cause(cause, "sources: must be an object");
		return (-1);
	}
	json_object_foreach(src, key, v) {
		for (f = policy_fields; f->name != NULL; f++) {
			if (strcmp(key, f->name) == 0)
				break;
		}
		if (f->name == NULL || !json_is_string(v)) {
			dst_set_cause(cause, "sources.%s: must name a policy "
			    "field and be a string", key);
			return (-1);
		}
	}
	return (0);
}

/* --- factor sets ----------------------------------------------------- */

/* One factor object {value, unit, source}. */
static int
factor_get(const json_t *obj, const char *path, struct dec_factor *fa,
    char **cause)
{
	static const char *const keys[] = { "value", "unit", "source", NULL };
	char	*why = NULL;
	int	 rc = -1;

	if (!json_is_object(obj)) {
		dst_set_cause(cause, "%s: must be an object {value, unit, "
		    "source}", path);
		return (-1);
	}
	if (check_keys(obj, keys, "", &why) != 0 ||
	    get_number(obj, "value", &fa->value, 1, NULL, &why) != 0 ||
	    get_string(obj, "unit", fa->unit, sizeof fa->unit, 1, &why) != 0 ||
	    get_string(obj, "source", fa->source, sizeof fa->source, 1,
	    &why) != 0)
		goto out;
	if (fa->value < 0 || fa->value > 100) {
		dst_set_cause(&why, "value: must be between 0 and 100");
		goto out;
	}
	rc = 0;
out:
	if (rc != 0) {
		dst_set_cause(cause, "%s.%s", path, why != NULL ? why :
		    "out of memory");
		free(why);
	}
	return (rc);
}

/* The five cabins of one band and RF variant. */
static int
cabins_get(const json_t *flight, const char *band, const char *rf,
    struct dec_factor *out, char **cause)
{
	json_t		*b, *r, *c;
	const char	*key;
	char		 path[128];
	int		 cabin;
	enum dec_cabin	 dummy;

	b = json_object_get(flight, band);
	r = b != NULL ? json_object_get(b, rf) : NULL;
	snprintf(path, sizeof path, "flight.%s.%s", band, rf);
	if (!json_is_object(r)) {
		dst_set_cause(cause, "%s: missing", path);
		return (-1);
	}
	json_object_foreach(r, key, c) {
		if (dec_cabin_parse(key, &dummy) != 0) {
			dst_set_cause(cause, "%s.%s: unknown cabin", path, key);
			return (-1);
		}
	}
	for (cabin = DEC_CABIN_ECONOMY; cabin <= DEC_CABIN_AVERAGE; cabin++) {
		key = dec_cabin_name((enum dec_cabin)cabin);
		snprintf(path, sizeof path, "flight.%s.%s.%s", band, rf, key);
		if ((c = json_object_get(r, key)) == NULL) {
			dst_set_cause(cause, "%s: missing", path);
			return (-1);
		}
		if (factor_get(c, path, &out[cabin], cause) != 0)
			return (-1);
	}
	return (0);
}

/* A factor set from JSON (the shape of data/factors-desnz-2025.json). */
int
dst_factors_from_json(const json_t *obj, struct dec_factor_set *fs,
    char **cause)
{
	static const char *const keys[] = { "name", "year", "source",
	    "short_haul_max_km", "rail", "coach", "car", "flight", NULL };
	static const char *const bands[] = { "short_haul", "long_haul", NULL };
	static const char *const rfs[] = { "with_rf", "without_rf", NULL };
	json_t	*flight, *b;
	const char *key;

	memset(fs, 0, sizeof *fs);
	if (!json_is_object(obj)) {
		dst_set_cause(cause, "factor set: must be an object");
		return (-1);
	}
	if (check_keys(obj, keys, "", cause) != 0)
		return (-1);
	if (get_string(obj, "name", fs->name, sizeof fs->name, 1,
	    cause) != 0 ||
	    get_int(obj, "year", &fs->year, 1900, 9999, 1, cause) != 0 ||
	    get_string(obj, "source", fs->source, sizeof fs->source, 0,
	    cause) != 0 ||
	    get_number(obj, "short_haul_max_km", &fs->short_haul_max_km, 1,
	    NULL, cause) != 0)
		return (-1);
	if (fs->short_haul_max_km <= 0) {
		dst_set_cause(cause, "short_haul_max_km: must be positive");
		return (-1);
	}
	if (factor_get(json_object_get(obj, "rail"), "rail", &fs->rail,
	    cause) != 0 ||
	    factor_get(json_object_get(obj, "coach"), "coach", &fs->coach,
	    cause) != 0 ||
	    factor_get(json_object_get(obj, "car"), "car", &fs->car,
	    cause) != 0)
		return (-1);

	flight = json_object_get(obj, "flight");
	if (!json_is_object(flight)) {
		dst_set_cause(cause, "flight: missing");
		return (-1);
	}
	if (check_keys(flight, bands, "flight.", cause) != 0)
		return (-1);
	json_object_foreach(flight, key, b) {
		if (!json_is_object(b) || check_keys(b, rfs, "", NULL) != 0) {
			dst_set_cause(cause, "flight.%s: must have with_rf and "
			    "without_rf only", key);
			return (-1);
		}
	}
	if (cabins_get(flight, "short_haul", "with_rf", fs->flight_short,
	    cause) != 0 ||
	    cabins_get(flight, "short_haul", "without_rf",
	    fs->flight_short_norf, cause) != 0 ||
	    cabins_get(flight, "long_haul", "with_rf", fs->flight_long,
	    cause) != 0 ||
	    cabins_get(flight, "long_haul", "without_rf",
	    fs->flight_long_norf, cause) != 0)
		return (-1);
	return (0);
}
