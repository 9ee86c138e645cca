/*
 * Versioned settings: the policy, the factor sets and the zones.  A write
 * checks the whole document (every error named), checks that the writer
 * edited the current version, and appends a new version, in one BEGIN
 * IMMEDIATE transaction.  What is stored is then run through the same
 * parser the snapshot uses, so that a stored version always loads.
 * History is computed from consecutive versions.
 */

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>

#include "destinations/internal.h"

#define DUMP_FLAGS	(JSON_COMPACT | JSON_REAL_PRECISION(15))
#define GEOM_ERRORS_MAX	20	/* positions named before "and N more" */
#define LONG_TEXT_MAX	1024	/* descriptions, policy sources */

/* Validation errors, all of them, and whether the request is malformed. */
struct errs {
	json_t	*list;		/* [{field, message}] */
	int	 malformed;	/* unknown member or wrong JSON type: 400 */
	int	 ngeom;		/* geometry errors seen */
};

/* One stored version: the columns every settings query selects. */
struct row {
	int	 version;
	json_t	*data;
	char	 at[32];
	char	 by[DEC_NAME_MAX];
	char	 name[DEC_ID_MAX];	/* factor set name, zone id */
	int	 year;
	int	 current;
};

#define POLICY_SELECT	"SELECT version, data, created_at, created_by, '', " \
			"0, 1 FROM policies"
#define FACTORS_SELECT	"SELECT version, data, created_at, created_by, " \
			"name, year, is_current FROM factor_sets"
#define ZONE_SELECT	"SELECT version, geojson, created_at, created_by, " \
			"id, 0, 1 FROM zones"

/* Add an error; malformed makes the whole request a 400. */
static void
err_add(struct errs *e, int malformed, const char *field, const char *fmt,
    ...)
{
	char	buf[1024], msg[512], f[160];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* dst_copy keeps the UTF-8 valid, which json_pack insists on. */
	dst_copy(msg, sizeof msg, buf);
	dst_copy(f, sizeof f, field);
	if (malformed)
		e->malformed = 1;
	json_array_append_new(e->list, json_pack("{s:s, s:s}", "field", f,
	    "message", msg));
}

/* A parser's "field: message" as an error of its own. */
static void
err_cause(struct errs *e, const char *why)
{
	char		 field[160];
	const char	*colon;

	if (why == NULL)
		why = "out of memory";
	if ((colon = strstr(why, ": ")) != NULL &&
	    (size_t)(colon - why) < sizeof field) {
		memcpy(field, why, (size_t)(colon - why));
		field[colon - why] = '\0';
		err_add(e, 0, field, "%s", colon + 2);
	} else
		err_add(e, 0, "body", "%s", why);
}

/* Release what a result holds. */
void
dst_settings_result_free(struct dst_settings_result *res)
{
	if (res == NULL)
		return;
	json_decref(res->doc);
	json_decref(res->errors);
	res->doc = res->errors = NULL;
}

/* Start a result and an error list. */
static int
res_init(struct dst_settings_result *res, struct errs *e, char **cause)
{
	memset(res, 0, sizeof *res);
	memset(e, 0, sizeof *e);
	if ((e->list = json_array()) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	return (0);
}

/* If there are errors, hand them to the result; 1 if there were. */
static int
res_errors(struct dst_settings_result *res, struct errs *e)
{
	if (json_array_size(e->list) == 0)
		return (0);
	res->outcome = e->malformed ? DST_SETTINGS_MALFORMED :
	    DST_SETTINGS_INVALID;
	res->errors = e->list;
	e->list = NULL;
	return (1);
}

/* The body as JSON; NULL after adding an error naming "body". */
static json_t *
body_parse(const char *body, size_t len, struct errs *e)
{
	json_error_t	 je;
	json_t		*j;

	if ((j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je)) == NULL)
		err_add(e, 1, "body", "not JSON: line %d: %s", je.line,
		    je.text);
	else if (!json_is_object(j)) {
		err_add(e, 1, "body", "must be a JSON object");
		json_decref(j);
		j = NULL;
	}
	return (j);
}

/* Is key one of the NULL-terminated list? */
static int
key_in(const char *key, const char *const *keys)
{
	for (; *keys != NULL; keys++) {
		if (strcmp(key, *keys) == 0)
			return (1);
	}
	return (0);
}

/* Name every member of obj that is not in keys (prefix "a." for nesting). */
static void
check_unknown(const json_t *obj, const char *const *keys, const char *prefix,
    struct errs *e)
{
	const char	*key;
	json_t		*v;
	char		 field[160];

	json_object_foreach((json_t *)obj, key, v) {
		if (key_in(key, keys))
			continue;
		snprintf(field, sizeof field, "%s%s", prefix, key);
		err_add(e, 1, field, "unknown field");
	}
}

/*
 * A string member: the value, or NULL if absent, null or wrong (an error
 * is added if it is required or of the wrong type or size).
 */
static const char *
v_text(const json_t *obj, const char *key, const char *field, int required,
    size_t size, struct errs *e)
{
	json_t	*v = json_object_get(obj, key);
	size_t	 n;

	if (v == NULL || json_is_null(v)) {
		if (required)
			err_add(e, 0, field, "missing");
		return (NULL);
	}
	if (!json_is_string(v)) {
		err_add(e, 1, field, "must be a string");
		return (NULL);
	}
	n = json_string_length(v);
	if (memchr(json_string_value(v), '\0', n) != NULL) {
		err_add(e, 0, field, "contains a NUL character");
		return (NULL);
	}
	if (n >= size) {
		err_add(e, 0, field, "longer than %zu bytes", size - 1);
		return (NULL);
	}
	if (required && n == 0) {
		err_add(e, 0, field, "must not be empty");
		return (NULL);
	}
	return (json_string_value(v));
}

/*
 * A required number in [lo, hi] (or (lo, hi] when lo_open); 0 and *out,
 * or -1 after adding an error.
 */
static int
v_number(const json_t *obj, const char *key, const char *field, double lo,
    double hi, int lo_open, struct errs *e, double *out)
{
	json_t	*v = json_object_get(obj, key);
	double	 d;

	if (v == NULL || json_is_null(v)) {
		err_add(e, 0, field, "missing");
		return (-1);
	}
	if (!json_is_number(v)) {
		err_add(e, 1, field, "must be a number");
		return (-1);
	}
	d = json_number_value(v);
	if (!isfinite(d) || (lo_open ? d <= lo : d < lo) || d > hi) {
		if (lo_open)
			err_add(e, 0, field, "must be more than %g and at most "
			    "%g", lo, hi);
		else
			err_add(e, 0, field, "must be between %g and %g", lo,
			    hi);
		return (-1);
	}
	*out = d;
	return (0);
}

/* A required integer in [lo, hi]. */
static int
v_int(const json_t *obj, const char *key, const char *field, int lo, int hi,
    struct errs *e, int *out)
{
	json_t		*v = json_object_get(obj, key);
	json_int_t	 i;

	if (v == NULL || json_is_null(v)) {
		err_add(e, 0, field, "missing");
		return (-1);
	}
	if (!json_is_integer(v)) {
		err_add(e, 1, field, "must be an integer");
		return (-1);
	}
	i = json_integer_value(v);
	if (i < lo || i > hi) {
		err_add(e, 0, field, "must be between %d and %d", lo, hi);
		return (-1);
	}
	*out = (int)i;
	return (0);
}

/* --- documents: comparison, changes ----------------------------------- */

/* Are two values the same (numbers by value: 8 is 8.0)? */
static int
same_value(const json_t *a, const json_t *b)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	if (a == NULL || b == NULL)
		return (a == b);
	if (json_is_number(a) && json_is_number(b))
		return (json_number_value(a) == json_number_value(b));
	if (json_is_array(a) && json_is_array(b)) {
		if (json_array_size(a) != json_array_size(b))
			return (0);
		for (i = 0; i < json_array_size(a); i++) {
			if (!same_value(json_array_get(a, i),
			    json_array_get(b, i)))
				return (0);
		}
		return (1);
	}
	if (json_is_object(a) && json_is_object(b)) {
		if (json_object_size(a) != json_object_size(b))
			return (0);
		json_object_foreach((json_t *)a, key, v) {
			if (!same_value(v, json_object_get(b, key)))
				return (0);
		}
		return (1);
	}
	return (json_equal(a, b));
}

/*
 * Record in changes every member that differs between a and b, objects
 * followed down and named with dots: {"sources.near_km": {from, to}}.
 */
static int
diff_into(json_t *changes, const char *prefix, json_t *a, json_t *b)
{
	const char	*key;
	json_t		*v;
	char		 name[256];

	if (json_is_object(a) && json_is_object(b)) {
		json_object_foreach(a, key, v) {
			snprintf(name, sizeof name, "%s%s%s", prefix,
			    *prefix != '\0' ? "." : "", key);
			if (diff_into(changes, name, v,
			    json_object_get(b, key)) != 0)
				return (-1);
		}
		json_object_foreach(b, key, v) {
			if (json_object_get(a, key) != NULL)
				continue;
			snprintf(name, sizeof name, "%s%s%s", prefix,
			    *prefix != '\0' ? "." : "", key);
			if (diff_into(changes, name, NULL, v) != 0)
				return (-1);
		}
		return (0);
	}
	if (same_value(a, b))
		return (0);
	return (json_object_set_new(changes, prefix, json_pack("{s:O?, s:O?}",
	    "from", a, "to", b)));
}

/* The changes from a to b as a new object; NULL if out of memory. */
static json_t *
diff(json_t *a, json_t *b)
{
	json_t	*changes;

	if ((changes = json_object()) == NULL)
		return (NULL);
	if (a != NULL && diff_into(changes, "", a, b) != 0) {
		json_decref(changes);
		return (NULL);
	}
	return (changes);
}

/* A stored document with version, updated_at and updated_by first. */
static json_t *
with_meta(const json_t *data, const struct row *r)
{
	const char	*key;
	json_t		*out, *v;

	out = json_pack("{s:i, s:s, s:s}", "version", r->version,
	    "updated_at", r->at, "updated_by", r->by);
	if (out == NULL)
		return (NULL);
	json_object_foreach((json_t *)data, key, v) {
		if (json_object_get(out, key) == NULL &&
		    json_object_set(out, key, v) != 0) {
			json_decref(out);
			return (NULL);
		}
	}
	return (out);
}

/* --- SQLite ------------------------------------------------------------ */

/*
 * Prepare sql and bind the arguments: types has one letter per argument,
 * 'i' an int, 't' a text (copied).
 */
static sqlite3_stmt *
sql_prepare(sqlite3 *db, const char *sql, char **cause, const char *types,
    ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;
	int		 i, rc = SQLITE_OK;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "database", cause);
		return (NULL);
	}
	va_start(ap, types);
	for (i = 0; types[i] != '\0' && rc == SQLITE_OK; i++) {
		if (types[i] == 'i')
			rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int));
		else
			rc = sqlite3_bind_text(st, i + 1, va_arg(ap,
			    const char *), -1, SQLITE_TRANSIENT);
	}
	va_end(ap);
	if (rc != SQLITE_OK) {
		dst_sql_cause(db, "database", cause);
		sqlite3_finalize(st);
		return (NULL);
	}
	return (st);
}

/* Step a prepared write to its end and finalize it. */
static int
sql_done(sqlite3 *db, sqlite3_stmt *st, char **cause)
{
	int	rc;

	if (st == NULL)
		return (-1);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		dst_sql_cause(db, "database", cause);
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* Drop what a row holds. */
static void
row_clear(struct row *r)
{
	json_decref(r->data);
	memset(r, 0, sizeof *r);
}

/* Copy a text column ("" for NULL). */
static void
column_text(sqlite3_stmt *st, int col, char *buf, size_t len)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	dst_copy(buf, len, t != NULL ? (const char *)t : "");
}

/* Read the current row of a settings query. */
static int
row_read(sqlite3_stmt *st, struct row *r, char **cause)
{
	const char	*data;

	memset(r, 0, sizeof *r);
	r->version = sqlite3_column_int(st, 0);
	column_text(st, 2, r->at, sizeof r->at);
	column_text(st, 3, r->by, sizeof r->by);
	column_text(st, 4, r->name, sizeof r->name);
	r->year = sqlite3_column_int(st, 5);
	r->current = sqlite3_column_int(st, 6);
	if ((data = (const char *)sqlite3_column_text(st, 1)) == NULL) {
		dst_set_cause(cause, "version %d has no data", r->version);
		return (-1);
	}
	if ((r->data = dst_load_json(data, strlen(data), "stored version",
	    cause)) == NULL)
		return (-1);
	return (0);
}

/* One row of a prepared query: 1 read into r, 0 none, -1 on error. */
static int
row_one(sqlite3 *db, sqlite3_stmt *st, struct row *r, char **cause)
{
	int	rc;

	memset(r, 0, sizeof *r);
	if (st == NULL)
		return (-1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = row_read(st, r, cause) == 0 ? 1 : -1;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else {
		dst_sql_cause(db, "database", cause);
		rc = -1;
	}
	sqlite3_finalize(st);
	return (rc);
}

/* Start a write. */
static int
tx_begin(sqlite3 *db, char **cause)
{
	return (dst_exec(db, "BEGIN IMMEDIATE", cause));
}

/* Abandon a transaction (nothing to report: the cause is already set). */
static void
tx_rollback(sqlite3 *db)
{
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Does the writer's expected version allow the write over cur (version
 * 0: nothing yet)?  If not, fill the result and return 0.
 */
static int
version_ok(int expected, const struct row *cur,
    struct dst_settings_result *res)
{
	if (expected == DST_VERSION_ANY ||
	    (expected == DST_VERSION_NEW && cur->version == 0) ||
	    (expected > 0 && expected == cur->version))
		return (1);
	res->outcome = expected == DST_VERSION_NEW ? DST_SETTINGS_EXISTS :
	    DST_SETTINGS_STALE;
	res->version = cur->version;
	dst_copy(res->changed_at, sizeof res->changed_at, cur->at);
	dst_copy(res->changed_by, sizeof res->changed_by, cur->by);
	return (0);
}

/* Fill the result of a write that leaves version r current. */
static int
res_done(struct dst_settings_result *res, enum dst_settings_outcome outcome,
    const struct row *r, json_t *doc, char **cause)
{
	res->outcome = outcome;
	res->version = r->version;
	dst_copy(res->changed_at, sizeof res->changed_at, r->at);
	dst_copy(res->changed_by, sizeof res->changed_by, r->by);
	res->doc = doc;
	if (doc == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	return (0);
}

/* The writer's name for the audit trail. */
static void
who_copy(char *buf, size_t len, const char *who)
{
	dst_copy(buf, len, who != NULL && *who != '\0' ? who : "anonymous");
}

/* --- policy ------------------------------------------------------------ */

enum pf_type { PF_TEXT, PF_COUNTRY, PF_IATA, PF_NUMBER, PF_INT };

/* A policy field and its rule (the ranges of json.c, or stricter). */
struct pfield {
	const char	*name;
	enum pf_type	 type;
	double		 lo, hi;
	int		 lo_open;	/* lo itself is not allowed */
};

static const struct pfield pfields[] = {
	{ "origin_name",		PF_TEXT,	0, 0, 0 },
	{ "origin_country",		PF_COUNTRY,	0, 0, 0 },
	{ "origin_lat",			PF_NUMBER,	-90, 90, 0 },
	{ "origin_lon",			PF_NUMBER,	-180, 180, 0 },
	{ "airport_code",		PF_IATA,	0, 0, 0 },
	{ "airport_name",		PF_TEXT,	0, 0, 0 },
	{ "airport_lat",		PF_NUMBER,	-90, 90, 0 },
	{ "airport_lon",		PF_NUMBER,	-180, 180, 0 },
	{ "airport_access_hours",	PF_NUMBER,	0, 48, 0 },
	{ "near_km",			PF_NUMBER,	0, 40000, 1 },
	{ "working_day_hours",		PF_NUMBER,	0, 240, 1 },
	{ "long_day_hours",		PF_NUMBER,	0, 240, 1 },
	{ "second_class_max_hours",	PF_NUMBER,	0, 240, 0 },
	{ "rail_detour",		PF_NUMBER,	1, 5, 0 },
	{ "road_detour",		PF_NUMBER,	1, 5, 0 },
	{ "coach_detour",		PF_NUMBER,	1, 5, 0 },
	{ "car_capacity",		PF_INT,		1, 9, 0 },
	{ "car_kmh",			PF_NUMBER,	1, 1000, 0 },
	{ "coach_kmh",			PF_NUMBER,	1, 1000, 0 },
	{ "plane_kmh",			PF_NUMBER,	1, 5000, 0 },
	{ "plane_fixed_hours",		PF_NUMBER,	0, 48, 0 },
	{ "rail_fallback_kmh",		PF_NUMBER,	1, 1000, 0 },
	{ "rail_fallback_fixed_hours",	PF_NUMBER,	0, 48, 0 },
	{ NULL,				PF_TEXT,	0, 0, 0 }
};

/* Members a read adds; a write accepts and ignores them. */
static const char *const read_only[] = { "version", "updated_at",
    "updated_by", NULL };

/* Is name a policy field? */
static const struct pfield *
pfield_find(const char *name)
{
	const struct pfield	*f;

	for (f = pfields; f->name != NULL; f++) {
		if (strcmp(f->name, name) == 0)
			return (f);
	}
	return (NULL);
}

/* Check one policy field; its number in *d (numbers only). */
static int
pfield_check(const json_t *in, const struct pfield *f, struct errs *e,
    double *d)
{
	const char	*s;
	int		 i;

	switch (f->type) {
	case PF_TEXT:
		return (v_text(in, f->name, f->name, 1, DEC_NAME_MAX, e) !=
		    NULL ? 0 : -1);
	case PF_COUNTRY:
		if ((s = v_text(in, f->name, f->name, 1, 3, e)) == NULL)
			return (-1);
		if (!dst_country_valid(s)) {
			err_add(e, 0, f->name, "must be an ISO 3166-1 alpha-2 "
			    "code in capitals (\"BE\")");
			return (-1);
		}
		return (0);
	case PF_IATA:
		if ((s = v_text(in, f->name, f->name, 1, 8, e)) == NULL)
			return (-1);
		if (strlen(s) != 3 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
		    3) {
			err_add(e, 0, f->name, "must be a three-letter IATA "
			    "code in capitals (\"BRU\")");
			return (-1);
		}
		return (0);
	case PF_INT:
		if (v_int(in, f->name, f->name, (int)f->lo, (int)f->hi, e,
		    &i) != 0)
			return (-1);
		*d = i;
		return (0);
	case PF_NUMBER:
		return (v_number(in, f->name, f->name, f->lo, f->hi, f->lo_open,
		    e, d));
	}
	return (-1);
}

/* Check a policy document; every problem goes to e. */
static void
policy_check(const json_t *in, struct errs *e)
{
	const struct pfield	*f;
	const char		*key;
	json_t			*src, *v;
	char			 field[160];
	double			 d, working = -1, longday = -1;
	size_t			 n;

	json_object_foreach((json_t *)in, key, v) {
		if (pfield_find(key) == NULL && !key_in(key, read_only) &&
		    strcmp(key, "sources") != 0 &&
		    strcmp(key, "description") != 0)
			err_add(e, 1, key, "unknown field");
	}
	for (f = pfields; f->name != NULL; f++) {
		if (pfield_check(in, f, e, &d) != 0)
			continue;
		if (strcmp(f->name, "working_day_hours") == 0)
			working = d;
		else if (strcmp(f->name, "long_day_hours") == 0)
			longday = d;
	}
	if (working > 0 && longday > 0 && longday < working)
		err_add(e, 0, "long_day_hours", "must not be less than "
		    "working_day_hours (%g)", working);
	(void)v_text(in, "description", "description", 0, LONG_TEXT_MAX, e);

	src = json_object_get(in, "sources");
	if (src == NULL || json_is_null(src))
		return;
	if (!json_is_object(src)) {
		err_add(e, 1, "sources", "must be an object: field -> source");
		return;
	}
	json_object_foreach(src, key, v) {
		snprintf(field, sizeof field, "sources.%s", key);
		if (pfield_find(key) == NULL) {
			err_add(e, 1, field, "not a policy field");
			continue;
		}
		if (!json_is_string(v)) {
			err_add(e, 1, field, "must be a string");
			continue;
		}
		n = json_string_length(v);
		if (n == 0 || n >= LONG_TEXT_MAX ||
		    memchr(json_string_value(v), '\0', n) != NULL)
			err_add(e, 0, field, "must be a text of 1 to %d bytes",
			    LONG_TEXT_MAX - 1);
	}
}

/*
 * The document to store: the fields in their order, description and
 * sources as given or as they were; a changed value whose source did not
 * change gets a source that says who changed it.
 */
static json_t *
policy_doc(const json_t *in, const json_t *prev, const char *who,
    const char *now, int version)
{
	const struct pfield	*f;
	json_t			*doc, *v, *src, *psrc, *osrc, *nsrc;
	char			 note[DEC_NAME_MAX + 96];

	if ((doc = json_object()) == NULL)
		return (NULL);
	if ((v = json_object_get(in, "description")) == NULL ||
	    json_is_null(v))
		v = json_object_get(prev, "description");
	if (v != NULL && json_object_set(doc, "description", v) != 0)
		goto fail;
	for (f = pfields; f->name != NULL; f++) {
		if (json_object_set(doc, f->name,
		    json_object_get(in, f->name)) != 0)
			goto fail;
	}

	psrc = json_object_get(prev, "sources");
	if ((v = json_object_get(in, "sources")) == NULL || json_is_null(v))
		v = psrc;
	src = json_is_object(v) ? json_deep_copy(v) : json_object();
	if (src == NULL || json_object_set_new(doc, "sources", src) != 0)
		goto fail;
	for (f = pfields; f->name != NULL; f++) {
		if (same_value(json_object_get(prev, f->name),
		    json_object_get(doc, f->name)))
			continue;
		osrc = json_object_get(psrc, f->name);
		nsrc = json_object_get(src, f->name);
		if (nsrc != NULL && (osrc == NULL || !json_equal(osrc, nsrc)))
			continue;
		snprintf(note, sizeof note, "changed by %s on %.10s (policy "
		    "version %d)", who, now, version);
		if (json_object_set_new(src, f->name, json_string(note)) != 0)
			goto fail;
	}
	return (doc);

fail:
	json_decref(doc);
	return (NULL);
}

/* Replace the policy (see destinations.h). */
int
dst_policy_put(struct dst_store *st, const char *body, size_t len,
    int expected, const char *who, struct dst_settings_result *res,
    char **cause)
{
	sqlite3			*db = st->db;
	struct dec_policy	 p;
	struct errs		 e;
	struct row		 cur, next;
	json_t			*in = NULL, *doc = NULL, *changes = NULL;
	char			*text = NULL, *why = NULL;
	int			 rc = -1;

	memset(&cur, 0, sizeof cur);
	memset(&next, 0, sizeof next);
	if (res_init(res, &e, cause) != 0)
		return (-1);
	if ((in = body_parse(body, len, &e)) != NULL)
		policy_check(in, &e);
	if (res_errors(res, &e)) {
		rc = 0;
		goto out;
	}

	if (tx_begin(db, cause) != 0)
		goto out;
	switch (row_one(db, sql_prepare(db, POLICY_SELECT " ORDER BY version "
	    "DESC LIMIT 1", cause, ""), &cur, cause)) {
	case 0:
		dst_set_cause(cause, "the database has no policy");
		/* FALLTHROUGH */
	case -1:
		goto fail;
	}
	if (!version_ok(expected, &cur, res)) {
		tx_rollback(db);
		rc = 0;
		goto out;
	}

	next.version = cur.version + 1;
	dst_now(next.at, sizeof next.at);
	who_copy(next.by, sizeof next.by, who);
	if ((doc = policy_doc(in, cur.data, next.by, next.at,
	    next.version)) == NULL || (changes = diff(cur.data, doc)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto fail;
	}
	if (json_object_size(changes) == 0) {
		tx_rollback(db);
		rc = res_done(res, DST_SETTINGS_UNCHANGED, &cur,
		    with_meta(cur.data, &cur), cause);
		goto out;
	}
	/* What the snapshot will parse: it must load. */
	if (dst_policy_from_json(doc, &p, &why) != 0) {
		err_cause(&e, why);
		res_errors(res, &e);
		tx_rollback(db);
		rc = 0;
		goto out;
	}
	if ((text = json_dumps(doc, DUMP_FLAGS)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto fail;
	}
	if (sql_done(db, sql_prepare(db, "INSERT INTO policies (version, "
	    "data, created_at, created_by) VALUES (?1, ?2, ?3, ?4)", cause,
	    "ittt", next.version, text, next.at, next.by), cause) != 0 ||
	    dst_exec(db, "COMMIT", cause) != 0)
		goto fail;
	rc = res_done(res, DST_SETTINGS_STORED, &next, with_meta(doc, &next),
	    cause);
	goto out;

fail:
	tx_rollback(db);
out:
	free(why);
	free(text);
	json_decref(changes);
	json_decref(doc);
	json_decref(in);
	json_decref(e.list);
	row_clear(&cur);
	return (rc);
}

/* The current policy (see destinations.h). */
int
dst_policy_current(struct dst_store *st, json_t **doc, char **cause)
{
	struct row	r;

	*doc = NULL;
	switch (row_one(st->db, sql_prepare(st->db, POLICY_SELECT " ORDER BY "
	    "version DESC LIMIT 1", cause, ""), &r, cause)) {
	case 0:
		dst_set_cause(cause, "the database has no policy");
		/* FALLTHROUGH */
	case -1:
		return (-1);
	}
	*doc = with_meta(r.data, &r);
	row_clear(&r);
	if (*doc == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	return (0);
}

/*
 * Walk the rows of a history query; for each, call fn with the row, the
 * array to append to and arg.
 */
static int
history_walk(sqlite3 *db, sqlite3_stmt *st, json_t *versions,
    int (*fn)(const struct row *, json_t *, void *), void *arg, char **cause)
{
	struct row	r;
	int		rc;

	if (st == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (row_read(st, &r, cause) != 0)
			goto fail;
		rc = fn(&r, versions, arg);
		row_clear(&r);
		if (rc != 0) {
			dst_set_cause(cause, "out of memory");
			goto fail;
		}
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "database", cause);
		goto fail;
	}
	sqlite3_finalize(st);
	return (0);

fail:
	sqlite3_finalize(st);
	return (-1);
}

/* One version of the policy history; prev is the version before. */
static int
policy_version_json(const struct row *r, json_t *versions, void *arg)
{
	json_t	**prev = arg, *changes;

	if ((changes = diff(*prev, r->data)) == NULL)
		return (-1);
	if (json_array_append_new(versions, json_pack("{s:i, s:s, s:s, s:s, "
	    "s:o, s:O}", "version", r->version, "changed_at", r->at,
	    "changed_by", r->by, "action", *prev == NULL ? "create" : "update",
	    "changes", changes, "policy", r->data)) != 0)
		return (-1);
	json_decref(*prev);
	*prev = json_incref(r->data);
	return (0);
}

/* Every version of the policy (see destinations.h). */
int
dst_policy_history(struct dst_store *st, json_t **doc, char **cause)
{
	json_t	*versions, *prev = NULL;
	int	 rc;

	*doc = NULL;
	if ((versions = json_array()) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	rc = history_walk(st->db, sql_prepare(st->db, POLICY_SELECT " ORDER BY "
	    "version", cause, ""), versions, policy_version_json, &prev, cause);
	json_decref(prev);
	if (rc != 0) {
		json_decref(versions);
		return (-1);
	}
	if ((*doc = json_pack("{s:o}", "versions", versions)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	return (0);
}

/* --- factor sets ------------------------------------------------------- */

#define UNIT_PKM	"kg CO2e/pkm"
#define UNIT_VKM	"kg CO2e/vkm"

static const char *const factor_keys[] = { "value", "unit", "source", NULL };

/* Check one factor {value, unit, source} at path; its value in *value. */
static void
factor_check(const json_t *obj, const char *path, const char *unit,
    struct errs *e, double *value)
{
	const char	*u;
	char		 field[160], prefix[160];

	*value = -1;
	if (obj == NULL || json_is_null(obj)) {
		err_add(e, 0, path, "missing");
		return;
	}
	if (!json_is_object(obj)) {
		err_add(e, 1, path, "must be an object {value, unit, source}");
		return;
	}
	snprintf(prefix, sizeof prefix, "%s.", path);
	check_unknown(obj, factor_keys, prefix, e);
	snprintf(field, sizeof field, "%s.value", path);
	(void)v_number(obj, "value", field, 0, 100, 1, e, value);
	snprintf(field, sizeof field, "%s.unit", path);
	if ((u = v_text(obj, "unit", field, 1, 32, e)) != NULL &&
	    strcmp(u, unit) != 0)
		err_add(e, 0, field, "must be \"%s\"", unit);
	snprintf(field, sizeof field, "%s.source", path);
	(void)v_text(obj, "source", field, 1, DEC_SOURCE_MAX, e);
}

/* Check the flight factors: both bands, with and without RF, 5 cabins. */
static void
flight_check(const json_t *flight, struct errs *e)
{
	static const char *const bands[] = { "short_haul", "long_haul", NULL };
	static const char *const rfs[] = { "with_rf", "without_rf", NULL };
	const char	*cabins[DEC_CABIN_AVERAGE + 2];
	json_t		*b, *r;
	char		 path[160];
	double		 with[DEC_CABIN_AVERAGE + 1], d;
	int		 bi, ri, c;

	if (flight == NULL || json_is_null(flight)) {
		err_add(e, 0, "flight", "missing");
		return;
	}
	if (!json_is_object(flight)) {
		err_add(e, 1, "flight", "must be an object {short_haul, "
		    "long_haul}");
		return;
	}
	check_unknown(flight, bands, "flight.", e);
	for (c = DEC_CABIN_ECONOMY; c <= DEC_CABIN_AVERAGE; c++)
		cabins[c] = dec_cabin_name((enum dec_cabin)c);
	cabins[DEC_CABIN_AVERAGE + 1] = NULL;

	for (bi = 0; bands[bi] != NULL; bi++) {
		snprintf(path, sizeof path, "flight.%s", bands[bi]);
		b = json_object_get(flight, bands[bi]);
		if (b == NULL || json_is_null(b)) {
			err_add(e, 0, path, "missing");
			continue;
		}
		if (!json_is_object(b)) {
			err_add(e, 1, path, "must be an object {with_rf, "
			    "without_rf}");
			continue;
		}
		snprintf(path, sizeof path, "flight.%s.", bands[bi]);
		check_unknown(b, rfs, path, e);
		for (ri = 0; rfs[ri] != NULL; ri++) {
			snprintf(path, sizeof path, "flight.%s.%s", bands[bi],
			    rfs[ri]);
			r = json_object_get(b, rfs[ri]);
			if (r == NULL || json_is_null(r)) {
				err_add(e, 0, path, "missing");
				continue;
			}
			if (!json_is_object(r)) {
				err_add(e, 1, path, "must be an object of "
				    "cabins");
				continue;
			}
			snprintf(path, sizeof path, "flight.%s.%s.", bands[bi],
			    rfs[ri]);
			check_unknown(r, cabins, path, e);
			for (c = DEC_CABIN_ECONOMY; c <= DEC_CABIN_AVERAGE;
			    c++) {
				snprintf(path, sizeof path, "flight.%s.%s.%s",
				    bands[bi], rfs[ri], cabins[c]);
				factor_check(json_object_get(r, cabins[c]),
				    path, UNIT_PKM, e, &d);
				if (ri == 0)
					with[c] = d;
				else if (with[c] > 0 && d > 0 && with[c] < d)
					err_add(e, 0, path, "without RF (%g) "
					    "is more than with RF (%g)", d,
					    with[c]);
			}
		}
	}
}

static const char *const factors_doc_keys[] = { "name", "year", "source",
    "short_haul_max_km", "rail", "coach", "car", "flight", NULL };

/* Check a factor-set document; every problem goes to e. */
static void
factors_check(const json_t *in, struct errs *e)
{
	const char	*key, *name;
	json_t		*v;
	double		 d;
	int		 year;

	json_object_foreach((json_t *)in, key, v) {
		if (!key_in(key, factors_doc_keys) && !key_in(key, read_only) &&
		    strcmp(key, "sets") != 0)
			err_add(e, 1, key, "unknown field");
	}
	if ((name = v_text(in, "name", "name", 1, DEC_ID_MAX, e)) != NULL &&
	    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") != strlen(name))
		err_add(e, 0, "name", "only letters, digits, '.', '_' and '-' "
		    "(\"DESNZ-2025\")");
	(void)v_int(in, "year", "year", 1990, 2100, e, &year);
	(void)v_text(in, "source", "source", 0, DEC_SOURCE_MAX, e);
	(void)v_number(in, "short_haul_max_km", "short_haul_max_km", 0, 20000,
	    1, e, &d);
	factor_check(json_object_get(in, "rail"), "rail", UNIT_PKM, e, &d);
	factor_check(json_object_get(in, "coach"), "coach", UNIT_PKM, e, &d);
	factor_check(json_object_get(in, "car"), "car", UNIT_VKM, e, &d);
	flight_check(json_object_get(in, "flight"), e);
}

/* The document to store: the members in their usual order. */
static json_t *
factors_doc(const json_t *in)
{
	json_t	*doc, *v;
	int	 i;

	if ((doc = json_object()) == NULL)
		return (NULL);
	for (i = 0; factors_doc_keys[i] != NULL; i++) {
		v = json_object_get(in, factors_doc_keys[i]);
		if (v != NULL && !json_is_null(v) &&
		    json_object_set(doc, factors_doc_keys[i], v) != 0) {
			json_decref(doc);
			return (NULL);
		}
	}
	return (doc);
}

/* The highest factor-set version of all sets (0 if none). */
static int
factors_max_version(sqlite3 *db, int *max, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = sql_prepare(db, "SELECT coalesce(max(version), 0) FROM "
	    "factor_sets", cause, "")) == NULL)
		return (-1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*max = sqlite3_column_int(st, 0);
	else
		dst_sql_cause(db, "database", cause);
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 0 : -1);
}

/* The latest version of every set, as {name, year, version, current}. */
static json_t *
factors_sets(sqlite3 *db, char **cause)
{
	sqlite3_stmt	*st;
	json_t		*sets;
	char		 name[DEC_ID_MAX];
	int		 rc;

	if ((st = sql_prepare(db, "SELECT f.name, f.year, f.version, "
	    "f.is_current FROM factor_sets AS f WHERE f.version = (SELECT "
	    "max(version) FROM factor_sets WHERE name = f.name) ORDER BY "
	    "f.name", cause, "")) == NULL)
		return (NULL);
	if ((sets = json_array()) == NULL) {
		sqlite3_finalize(st);
		dst_set_cause(cause, "out of memory");
		return (NULL);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		column_text(st, 0, name, sizeof name);
		if (json_array_append_new(sets, json_pack("{s:s, s:i, s:i, "
		    "s:b}", "name", name, "year", sqlite3_column_int(st, 1),
		    "version", sqlite3_column_int(st, 2), "current",
		    sqlite3_column_int(st, 3))) != 0) {
			dst_set_cause(cause, "out of memory");
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		if (rc != SQLITE_ROW)
			dst_sql_cause(db, "database", cause);
		json_decref(sets);
		sets = NULL;
	}
	sqlite3_finalize(st);
	return (sets);
}

/* Store a factor set and make it current (see destinations.h). */
int
dst_factors_put(struct dst_store *st, const char *body, size_t len,
    int expected, const char *who, struct dst_settings_result *res,
    char **cause)
{
	sqlite3			*db = st->db;
	struct dec_factor_set	*fs = NULL;
	struct errs		 e;
	struct row		 cur, next;
	json_t			*in = NULL, *doc = NULL, *changes = NULL;
	json_t			*sets = NULL;
	char			*text = NULL, *why = NULL;
	int			 rc = -1, max;

	memset(&cur, 0, sizeof cur);
	memset(&next, 0, sizeof next);
	if (res_init(res, &e, cause) != 0)
		return (-1);
	if ((in = body_parse(body, len, &e)) != NULL)
		factors_check(in, &e);
	if (res_errors(res, &e)) {
		rc = 0;
		goto out;
	}
	if ((doc = factors_doc(in)) == NULL ||
	    (fs = malloc(sizeof *fs)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto out;
	}

	if (tx_begin(db, cause) != 0)
		goto out;
	switch (row_one(db, sql_prepare(db, FACTORS_SELECT " WHERE is_current "
	    "= 1", cause, ""), &cur, cause)) {
	case 0:
		dst_set_cause(cause, "the database has no current factor set");
		/* FALLTHROUGH */
	case -1:
		goto fail;
	}
	if (!version_ok(expected, &cur, res)) {
		tx_rollback(db);
		rc = 0;
		goto out;
	}
	if (strcmp(cur.name, json_string_value(json_object_get(doc,
	    "name"))) == 0) {
		if ((changes = diff(cur.data, doc)) == NULL) {
			dst_set_cause(cause, "out of memory");
			goto fail;
		}
		if (json_object_size(changes) == 0) {
			if ((sets = factors_sets(db, cause)) == NULL)
				goto fail;
			tx_rollback(db);
			if ((rc = res_done(res, DST_SETTINGS_UNCHANGED, &cur,
			    with_meta(cur.data, &cur), cause)) == 0 &&
			    json_object_set(res->doc, "sets", sets) != 0) {
				dst_set_cause(cause, "out of memory");
				rc = -1;
			}
			goto out;
		}
	}
	if (dst_factors_from_json(doc, fs, &why) != 0) {
		err_cause(&e, why);
		res_errors(res, &e);
		tx_rollback(db);
		rc = 0;
		goto out;
	}
	if (factors_max_version(db, &max, cause) != 0)
		goto fail;
	next.version = max + 1;
	dst_now(next.at, sizeof next.at);
	who_copy(next.by, sizeof next.by, who);
	if ((text = json_dumps(doc, DUMP_FLAGS)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto fail;
	}
	if (sql_done(db, sql_prepare(db, "UPDATE factor_sets SET is_current = "
	    "0 WHERE is_current = 1", cause, ""), cause) != 0 ||
	    sql_done(db, sql_prepare(db, "INSERT INTO factor_sets (name, "
	    "version, year, data, is_current, created_at, created_by) VALUES "
	    "(?1, ?2, ?3, ?4, 1, ?5, ?6)", cause, "tiittt", fs->name,
	    next.version, fs->year, text, next.at, next.by), cause) != 0 ||
	    (sets = factors_sets(db, cause)) == NULL ||
	    dst_exec(db, "COMMIT", cause) != 0)
		goto fail;
	if ((rc = res_done(res, DST_SETTINGS_STORED, &next, with_meta(doc,
	    &next), cause)) == 0 && json_object_set(res->doc, "sets",
	    sets) != 0) {
		dst_set_cause(cause, "out of memory");
		rc = -1;
	}
	goto out;

fail:
	tx_rollback(db);
out:
	json_decref(sets);
	free(fs);
	free(why);
	free(text);
	json_decref(changes);
	json_decref(doc);
	json_decref(in);
	json_decref(e.list);
	row_clear(&cur);
	return (rc);
}

/* The current factor set (see destinations.h). */
int
dst_factors_current(struct dst_store *st, json_t **doc, char **cause)
{
	struct row	 r;
	json_t		*sets = NULL;
	int		 rc = -1;

	*doc = NULL;
	memset(&r, 0, sizeof r);
	/* One read transaction: the set and the list agree. */
	if (dst_exec(st->db, "BEGIN", cause) != 0)
		return (-1);
	switch (row_one(st->db, sql_prepare(st->db, FACTORS_SELECT " WHERE "
	    "is_current = 1", cause, ""), &r, cause)) {
	case 0:
		dst_set_cause(cause, "the database has no current factor set");
		/* FALLTHROUGH */
	case -1:
		goto out;
	}
	if ((sets = factors_sets(st->db, cause)) == NULL)
		goto out;
	if ((*doc = with_meta(r.data, &r)) == NULL ||
	    json_object_set(*doc, "sets", sets) != 0) {
		dst_set_cause(cause, "out of memory");
		goto out;
	}
	rc = 0;
out:
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != 0) {
		json_decref(*doc);
		*doc = NULL;
	}
	json_decref(sets);
	row_clear(&r);
	return (rc);
}

/* What the factor-set history walk carries from row to row. */
struct factors_walk {
	const char	*name;		/* only this set, or NULL */
	json_t		*prev;		/* the set current before, or NULL */
	json_t		*seen;		/* names met so far: "create" or not */
};

/*
 * One version of the factor-set history.  Every version was made current
 * when it was stored, so the version before it (of whatever name) is the
 * set it replaced: the changes say what changed for rulings.
 */
static int
factors_version_json(const struct row *r, json_t *versions, void *arg)
{
	struct factors_walk	*w = arg;
	json_t			*changes;
	int			 seen;

	seen = json_object_get(w->seen, r->name) != NULL;
	if (json_object_set_new(w->seen, r->name, json_true()) != 0)
		return (-1);
	if (w->name == NULL || strcmp(w->name, r->name) == 0) {
		if ((changes = diff(w->prev, r->data)) == NULL)
			return (-1);
		if (json_array_append_new(versions, json_pack("{s:s, s:i, s:i, "
		    "s:s, s:s, s:s, s:b, s:o, s:O}", "name", r->name, "version",
		    r->version, "year", r->year, "changed_at", r->at,
		    "changed_by", r->by, "action", seen ? "update" : "create",
		    "current", r->current, "changes", changes, "factor_set",
		    r->data)) != 0)
			return (-1);
	}
	json_decref(w->prev);
	w->prev = json_incref(r->data);
	return (0);
}

/* Every factor-set version (see destinations.h). */
int
dst_factors_history(struct dst_store *st, const char *name, json_t **doc,
    char **cause)
{
	struct factors_walk	 w;
	json_t			*versions;
	int			 rc;

	*doc = NULL;
	memset(&w, 0, sizeof w);
	w.name = name;
	versions = json_array();
	w.seen = json_object();
	if (versions == NULL || w.seen == NULL) {
		json_decref(versions);
		json_decref(w.seen);
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	rc = history_walk(st->db, sql_prepare(st->db, FACTORS_SELECT
	    " ORDER BY version", cause, ""), versions, factors_version_json,
	    &w, cause);
	json_decref(w.prev);
	json_decref(w.seen);
	if (rc != 0) {
		json_decref(versions);
		return (-1);
	}
	if ((*doc = json_pack("{s:o}", "versions", versions)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	return (0);
}

/* --- zones ------------------------------------------------------------- */

/* A geometry error, named "geometry"; only the first few are listed. */
static void
geom_err(struct errs *e, int malformed, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	if (malformed)
		e->malformed = 1;
	if (e->ngeom++ >= GEOM_ERRORS_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_add(e, malformed, "geometry", "%s", msg);
}

/* Check a ring: positions [lon, lat] in range, 4 or more, closed. */
static void
ring_check(const json_t *ring, const char *where, struct errs *e)
{
	json_t	*pos, *first, *last;
	double	 lon, lat;
	size_t	 i, n;

	if (!json_is_array(ring)) {
		geom_err(e, 1, "%s: a ring must be an array of positions",
		    where);
		return;
	}
	json_array_foreach(ring, i, pos) {
		n = json_array_size(pos);
		if (!json_is_array(pos) || n < 2 || n > 3 ||
		    !json_is_number(json_array_get(pos, 0)) ||
		    !json_is_number(json_array_get(pos, 1)) ||
		    (n == 3 && !json_is_number(json_array_get(pos, 2)))) {
			geom_err(e, 1, "%s[%zu]: a position must be "
			    "[longitude, latitude]", where, i);
			continue;
		}
		lon = json_number_value(json_array_get(pos, 0));
		lat = json_number_value(json_array_get(pos, 1));
		if (!(lon >= -180 && lon <= 180))
			geom_err(e, 0, "%s[%zu]: longitude %g is not between "
			    "-180 and 180", where, i, lon);
		if (!(lat >= -90 && lat <= 90))
			geom_err(e, 0, "%s[%zu]: latitude %g is not between "
			    "-90 and 90", where, i, lat);
	}
	n = json_array_size(ring);
	if (n < 4) {
		geom_err(e, 0, "%s: a ring needs at least 4 positions, not "
		    "%zu", where, n);
		return;
	}
	first = json_array_get(ring, 0);
	last = json_array_get(ring, n - 1);
	if (json_is_array(first) && json_is_array(last) &&
	    (json_number_value(json_array_get(first, 0)) !=
	    json_number_value(json_array_get(last, 0)) ||
	    json_number_value(json_array_get(first, 1)) !=
	    json_number_value(json_array_get(last, 1))))
		geom_err(e, 0, "%s: the ring is not closed (its last position "
		    "must equal its first)", where);
}

/* Check a polygon's rings. */
static void
polygon_check(const json_t *poly, const char *where, struct errs *e)
{
	json_t	*ring;
	char	 path[64];
	size_t	 i;

	if (!json_is_array(poly)) {
		geom_err(e, 1, "%s: a polygon must be an array of rings",
		    where);
		return;
	}
	if (json_array_size(poly) == 0)
		geom_err(e, 0, "%s: a polygon needs an outer ring", where);
	json_array_foreach(poly, i, ring) {
		snprintf(path, sizeof path, "%s[%zu]", where, i);
		ring_check(ring, path, e);
	}
}

/* GEOS reports here. */
struct geos_note {
	char	text[256];
};

/* GEOS notices: not wanted. */
static void
geos_quiet(const char *fmt, ...)
{
	(void)fmt;
}

/* GEOS errors: kept for the message. */
static void
geos_note_r(const char *message, void *userdata)
{
	struct geos_note	*n = userdata;

	dst_copy(n->text, sizeof n->text, message);
}

/*
 * Ask GEOS whether the geometry is valid; if not, say why and where
 * ("Self-intersection at or near (5, 5)").  -1 only if GEOS cannot start.
 */
static int
geos_check(const json_t *geom, struct errs *e, char **cause)
{
	GEOSContextHandle_t	 ctx;
	GEOSGeoJSONReader	*r = NULL;
	GEOSGeometry		*g = NULL, *loc = NULL;
	struct geos_note	 note;
	char			*text, *reason = NULL;
	double			 x, y;
	int			 rc = -1;

	if ((text = json_dumps(geom, JSON_COMPACT |
	    JSON_REAL_PRECISION(17))) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	note.text[0] = '\0';
	if ((ctx = GEOS_init_r()) == NULL) {
		free(text);
		dst_set_cause(cause, "GEOS: cannot start");
		return (-1);
	}
	GEOSContext_setNoticeHandler_r(ctx, geos_quiet);
	GEOSContext_setErrorMessageHandler_r(ctx, geos_note_r, &note);
	if ((r = GEOSGeoJSONReader_create_r(ctx)) == NULL) {
		dst_set_cause(cause, "GEOS: %s", note.text);
		goto out;
	}
	rc = 0;
	if ((g = GEOSGeoJSONReader_readGeometry_r(ctx, r, text)) == NULL) {
		err_add(e, 0, "geometry", "GEOS cannot read it: %s",
		    note.text[0] != '\0' ? note.text : "not GeoJSON");
		goto out;
	}
	switch (GEOSisValidDetail_r(ctx, g, 0, &reason, &loc)) {
	case 1:
		break;
	case 0:
		if (loc != NULL && GEOSGeomGetX_r(ctx, loc, &x) == 1 &&
		    GEOSGeomGetY_r(ctx, loc, &y) == 1)
			err_add(e, 0, "geometry", "%s at or near (%.10g, "
			    "%.10g)", reason != NULL ? reason : "Invalid", x,
			    y);
		else
			err_add(e, 0, "geometry", "%s", reason != NULL ?
			    reason : "not valid");
		break;
	default:	/* 2: GEOS failed */
		err_add(e, 0, "geometry", "GEOS could not check it: %s",
		    note.text[0] != '\0' ? note.text : "unknown error");
		break;
	}

out:
	if (reason != NULL)
		GEOSFree_r(ctx, reason);
	if (loc != NULL)
		GEOSGeom_destroy_r(ctx, loc);
	if (g != NULL)
		GEOSGeom_destroy_r(ctx, g);
	if (r != NULL)
		GEOSGeoJSONReader_destroy_r(ctx, r);
	GEOS_finish_r(ctx);
	free(text);
	return (rc);
}

/* Check a geometry: its shape with jansson, then its validity with GEOS. */
static int
geometry_check(const json_t *geom, struct errs *e, char **cause)
{
	static const char *const keys[] = { "type", "coordinates", "bbox",
	    NULL };
	const char	*type;
	json_t		*coords, *poly;
	char		 path[64];
	size_t		 i, before = json_array_size(e->list);
	int		 multi;

	if (geom == NULL || json_is_null(geom)) {
		err_add(e, 0, "geometry", "missing");
		return (0);
	}
	if (!json_is_object(geom)) {
		err_add(e, 1, "geometry", "must be a GeoJSON geometry object");
		return (0);
	}
	check_unknown(geom, keys, "geometry.", e);
	type = json_string_value(json_object_get(geom, "type"));
	if (type == NULL || (strcmp(type, "Polygon") != 0 &&
	    strcmp(type, "MultiPolygon") != 0)) {
		err_add(e, 0, "geometry", "must be a Polygon or MultiPolygon");
		return (0);
	}
	multi = strcmp(type, "MultiPolygon") == 0;
	coords = json_object_get(geom, "coordinates");
	if (!json_is_array(coords)) {
		err_add(e, 1, "geometry", "coordinates: must be an array");
		return (0);
	}
	if (!multi)
		polygon_check(coords, "coordinates", e);
	else {
		if (json_array_size(coords) == 0)
			geom_err(e, 0, "coordinates: a MultiPolygon needs a "
			    "polygon");
		json_array_foreach(coords, i, poly) {
			snprintf(path, sizeof path, "coordinates[%zu]", i);
			polygon_check(poly, path, e);
		}
	}
	if (e->ngeom > GEOM_ERRORS_MAX)
		err_add(e, 0, "geometry", "and %d more errors",
		    e->ngeom - GEOM_ERRORS_MAX);
	if (json_array_size(e->list) != before)
		return (0);
	return (geos_check(geom, e, cause));
}

static const char *const zone_keys[] = { "type", "id", "properties",
    "geometry", "bbox", NULL };
static const char *const zone_props[] = { "name", "source", "description",
    "version", "updated_at", "updated_by", NULL };

/*
 * Check a zone document for the zone id; *geom is its geometry and
 * *props its properties (NULL: carry the current ones over).
 */
static int
zone_check(const json_t *in, const char *id, struct errs *e,
    const json_t **geom, const json_t **props, char **cause)
{
	const char	*type;
	json_t		*fid, *p;

	*geom = *props = NULL;
	type = v_text(in, "type", "type", 1, 32, e);
	if (type == NULL)
		return (0);
	if (strcmp(type, "Polygon") == 0 || strcmp(type, "MultiPolygon") == 0) {
		*geom = in;
		return (geometry_check(in, e, cause));
	}
	if (strcmp(type, "Feature") != 0) {
		err_add(e, 0, "type", "must be \"Feature\" (or a bare Polygon "
		    "or MultiPolygon)");
		return (0);
	}
	check_unknown(in, zone_keys, "", e);
	fid = json_object_get(in, "id");
	if (fid != NULL && !json_is_null(fid) && (!json_is_string(fid) ||
	    strcmp(json_string_value(fid), id) != 0))
		err_add(e, 0, "id", "must be the zone's id \"%s\" or absent",
		    id);
	p = json_object_get(in, "properties");
	if (p != NULL && !json_is_null(p)) {
		if (!json_is_object(p))
			err_add(e, 1, "properties", "must be an object");
		else {
			check_unknown(p, zone_props, "properties.", e);
			(void)v_text(p, "name", "properties.name", 0,
			    DEC_NAME_MAX, e);
			(void)v_text(p, "source", "properties.source", 0,
			    DEC_SOURCE_MAX, e);
			(void)v_text(p, "description", "properties.description",
			    0, LONG_TEXT_MAX, e);
			*props = p;
		}
	}
	*geom = json_object_get(in, "geometry");
	return (geometry_check(*geom, e, cause));
}

/*
 * A stored zone in the form it is compared and shown in: a Feature with
 * the id and its name, source and description (a stored bare geometry
 * has no properties).
 */
static json_t *
zone_normal(const char *id, const json_t *data)
{
	const char	*type;
	json_t		*props, *p, *geom, *v;
	int		 i;

	type = json_string_value(json_object_get(data, "type"));
	if (type != NULL && strcmp(type, "Feature") == 0) {
		p = json_object_get(data, "properties");
		geom = json_object_get(data, "geometry");
	} else {
		p = NULL;
		geom = (json_t *)data;
	}
	if ((props = json_object()) == NULL)
		return (NULL);
	for (i = 0; i < 3; i++) {
		v = json_object_get(p, zone_props[i]);
		if (json_is_string(v) &&
		    json_object_set(props, zone_props[i], v) != 0) {
			json_decref(props);
			return (NULL);
		}
	}
	return (json_pack("{s:s, s:s, s:o, s:O}", "type", "Feature", "id", id,
	    "properties", props, "geometry", geom));
}

/* A zone as GET shows it: the version's details in its properties. */
static json_t *
zone_feature(const char *id, const json_t *data, const struct row *r)
{
	json_t	*f, *props;

	if ((f = zone_normal(id, data)) == NULL)
		return (NULL);
	props = json_object_get(f, "properties");
	if (json_object_set_new(props, "version", json_integer(r->version)) ||
	    json_object_set_new(props, "updated_at", json_string(r->at)) ||
	    json_object_set_new(props, "updated_by", json_string(r->by))) {
		json_decref(f);
		return (NULL);
	}
	return (f);
}

/* Is id a zone id: [a-z0-9-], 1 to DEC_ID_MAX - 1 bytes? */
static int
zone_id_valid(const char *id)
{
	return (id != NULL && *id != '\0' && strlen(id) < DEC_ID_MAX &&
	    strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(id));
}

/* Store a zone (see destinations.h). */
int
dst_zone_put(struct dst_store *st, const char *id, const char *body,
    size_t len, int expected, const char *who,
    struct dst_settings_result *res, char **cause)
{
	sqlite3		*db = st->db;
	struct dst_zone	 z;
	struct errs	 e;
	struct row	 cur, next;
	const json_t	*geom = NULL, *props = NULL;
	json_t		*in = NULL, *doc = NULL, *old = NULL, *p;
	char		*text = NULL, *why = NULL;
	int		 i, rc = -1;

	memset(&cur, 0, sizeof cur);
	memset(&next, 0, sizeof next);
	if (res_init(res, &e, cause) != 0)
		return (-1);
	if (!zone_id_valid(id))
		err_add(&e, 0, "id", "a zone id is 1 to %d of a-z, 0-9, '-'",
		    DEC_ID_MAX - 1);
	else if ((in = body_parse(body, len, &e)) != NULL &&
	    zone_check(in, id, &e, &geom, &props, cause) != 0)
		goto out;
	if (res_errors(res, &e)) {
		rc = 0;
		goto out;
	}

	if (tx_begin(db, cause) != 0)
		goto out;
	if (row_one(db, sql_prepare(db, ZONE_SELECT " WHERE id = ?1 ORDER BY "
	    "version DESC LIMIT 1", cause, "t", id), &cur, cause) == -1)
		goto fail;
	if (!version_ok(expected, &cur, res)) {
		tx_rollback(db);
		rc = 0;
		goto out;
	}
	if (cur.data != NULL && (old = zone_normal(id, cur.data)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto fail;
	}
	if ((doc = json_pack("{s:s, s:s, s:o, s:O}", "type", "Feature", "id",
	    id, "properties", props != NULL ? json_deep_copy(props) :
	    old != NULL ? json_deep_copy(json_object_get(old, "properties")) :
	    json_object(), "geometry", geom)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto fail;
	}
	/* Read-only members and nulls are not stored. */
	p = json_object_get(doc, "properties");
	for (i = 0; zone_props[i] != NULL; i++) {
		if (i >= 3 || json_is_null(json_object_get(p, zone_props[i])))
			json_object_del(p, zone_props[i]);
	}
	if (old != NULL && same_value(old, doc)) {
		tx_rollback(db);
		rc = res_done(res, DST_SETTINGS_UNCHANGED, &cur,
		    zone_feature(id, cur.data, &cur), cause);
		goto out;
	}
	if ((text = json_dumps(doc, DUMP_FLAGS)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto fail;
	}
	/* What the snapshot will parse: it must load. */
	if (dst_zone_from_geojson(id, text, &z, &why) != 0) {
		err_cause(&e, why);
		res_errors(res, &e);
		tx_rollback(db);
		rc = 0;
		goto out;
	}
	dst_zones_free(&z, 1);

	next.version = cur.version + 1;
	dst_now(next.at, sizeof next.at);
	who_copy(next.by, sizeof next.by, who);
	if (sql_done(db, sql_prepare(db, "INSERT INTO zones (id, version, "
	    "geojson, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
	    cause, "tittt", id, next.version, text, next.at, next.by),
	    cause) != 0 || dst_exec(db, "COMMIT", cause) != 0)
		goto fail;
	rc = res_done(res, cur.version == 0 ? DST_SETTINGS_CREATED :
	    DST_SETTINGS_STORED, &next, zone_feature(id, doc, &next), cause);
	goto out;

fail:
	tx_rollback(db);
out:
	free(why);
	free(text);
	json_decref(doc);
	json_decref(old);
	json_decref(in);
	json_decref(e.list);
	row_clear(&cur);
	return (rc);
}

/* The current version of a zone (see destinations.h). */
int
dst_zone_get(struct dst_store *st, const char *id, json_t **doc,
    char **cause)
{
	struct row	r;

	*doc = NULL;
	switch (row_one(st->db, sql_prepare(st->db, ZONE_SELECT " WHERE id = "
	    "?1 ORDER BY version DESC LIMIT 1", cause, "t", id), &r, cause)) {
	case -1:
		return (-1);
	case 0:
		return (0);
	}
	*doc = zone_feature(id, r.data, &r);
	row_clear(&r);
	if (*doc == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	return (0);
}

/* A geometry in a few numbers: type, polygons, points, bbox. */
static json_t *
geometry_summary(const json_t *geom)
{
	const char	*type;
	json_t		*coords, *poly, *ring, *pos;
	double		 x, y, b[4] = { 180, 90, -180, -90 };
	size_t		 i, j, k, npoly = 0, npts = 0;
	int		 multi;

	type = json_string_value(json_object_get(geom, "type"));
	if (type == NULL)
		return (json_null());
	multi = strcmp(type, "MultiPolygon") == 0;
	coords = json_object_get(geom, "coordinates");
	for (i = 0; i < (multi ? json_array_size(coords) : 1); i++) {
		poly = multi ? json_array_get(coords, i) : coords;
		npoly++;
		json_array_foreach(poly, j, ring) {
			json_array_foreach(ring, k, pos) {
				x = json_number_value(json_array_get(pos, 0));
				y = json_number_value(json_array_get(pos, 1));
				b[0] = fmin(b[0], x);
				b[1] = fmin(b[1], y);
				b[2] = fmax(b[2], x);
				b[3] = fmax(b[3], y);
				npts++;
			}
		}
	}
	return (json_pack("{s:s, s:I, s:I, s:[f, f, f, f]}", "type", type,
	    "polygons", (json_int_t)npoly, "points", (json_int_t)npts, "bbox",
	    b[0], b[1], b[2], b[3]));
}

/* One version of a zone's history; prev is the version before. */
static int
zone_version_json(const struct row *r, json_t *versions, void *arg)
{
	json_t	**prev = arg, *cur, *changes, *og, *ng;

	if ((cur = zone_normal(r->name, r->data)) == NULL)
		return (-1);
	changes = json_object();
	if (changes == NULL || (*prev != NULL && diff_into(changes,
	    "properties", json_object_get(*prev, "properties"),
	    json_object_get(cur, "properties")) != 0))
		goto fail;
	og = json_object_get(*prev, "geometry");
	ng = json_object_get(cur, "geometry");
	if (*prev != NULL && !same_value(og, ng) &&
	    json_object_set_new(changes, "geometry", json_pack("{s:o, s:o}",
	    "from", geometry_summary(og), "to", geometry_summary(ng))) != 0)
		goto fail;
	if (json_array_append_new(versions, json_pack("{s:i, s:s, s:s, s:s, "
	    "s:o, s:O}", "version", r->version, "changed_at", r->at,
	    "changed_by", r->by, "action", *prev == NULL ? "create" : "update",
	    "changes", changes, "feature", cur)) != 0) {
		changes = NULL;
		goto fail;
	}
	json_decref(*prev);
	*prev = cur;
	return (0);

fail:
	json_decref(changes);
	json_decref(cur);
	return (-1);
}

/* Every version of a zone (see destinations.h). */
int
dst_zone_history(struct dst_store *st, const char *id, json_t **doc,
    char **cause)
{
	json_t	*versions, *prev = NULL;
	int	 rc;

	*doc = NULL;
	if ((versions = json_array()) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	rc = history_walk(st->db, sql_prepare(st->db, ZONE_SELECT " WHERE id = "
	    "?1 ORDER BY version", cause, "t", id), versions, zone_version_json,
	    &prev, cause);
	json_decref(prev);
	if (rc != 0 || json_array_size(versions) == 0) {
		json_decref(versions);
		return (rc);
	}
	if ((*doc = json_pack("{s:s, s:o}", "id", id, "versions",
	    versions)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	return (0);
}
