/*
 * The administrators' changes to the list: add, replace, retire, import,
 * and the history they leave.  Each write is one BEGIN IMMEDIATE
 * transaction that rewrites the entry's row and appends a version with
 * the full entry and what changed, field by field; any error rolls back.
 */

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/internal.h"

#define RAIL_HOURS_MAX	1000.0
/* The full entry in destination_versions: exact doubles. */
#define DATA_FLAGS	(JSON_COMPACT | JSON_REAL_PRECISION(17))
/* Numbers are shown (JSON, CSV) with 10 significant digits: equal there
 * is equal, so that export -> import changes nothing. */
#define SHOWN_DIGITS	"%.10g"

/* --- validation ------------------------------------------------------ */

/* The members an entry may have; the read-only ones are ignored. */
static const char *const entry_fields[] = {
	"id", "name", "name_nl", "name_en", "aliases", "country", "lat", "lon",
	"coord_source", "mode", "strength", "rail_hours", "rail_estimated",
	"rail_source", "rail_source_date", "night_train", "night_train_note",
	"notes", "active_from", "retired", NULL
};
static const char *const readonly_fields[] = {
	"distance_km", "in_rail_zone", "version", "updated_at", "updated_by",
	NULL
};

/* Is key one of the NULL-terminated names? */
static int
name_in(const char *key, const char *const *names)
{
	for (; *names != NULL; names++) {
		if (strcmp(key, *names) == 0)
			return (1);
	}
	return (0);
}

static void	verr(struct dst_errors *, int, const char *, const char *,
		    ...) __attribute__((format(printf, 4, 5)));

/* Record one bad field (structural: unknown or of the wrong type). */
static void
verr(struct dst_errors *errs, int structural, const char *field,
    const char *fmt, ...)
{
	struct dst_error	*e;
	va_list			 ap;

	if (structural)
		errs->structural = 1;
	if (errs->n == DST_MAX_ERRORS)
		return;
	e = &errs->e[errs->n++];
	dst_copy(e->field, sizeof e->field, field);
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
}

/* Has this field an error already? */
static int
verr_has(const struct dst_errors *errs, const char *field)
{
	int	i;

	for (i = 0; i < errs->n; i++) {
		if (strcmp(errs->e[i].field, field) == 0)
			return (1);
	}
	return (0);
}

/* Only spaces (or nothing)? */
static int
blank(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return (0);
	}
	return (1);
}

/*
 * A string member of at most size - 1 bytes: its text, or NULL when it is
 * absent, null or bad (bad ones are recorded).
 */
static const char *
v_string(const json_t *obj, const char *key, size_t size, int required,
    struct dst_errors *errs)
{
	json_t		*v = json_object_get(obj, key);
	const char	*s;
	size_t		 n;

	if (v == NULL || json_is_null(v)) {
		if (required)
			verr(errs, 0, key, "required");
		return (NULL);
	}
	if (!json_is_string(v)) {
		verr(errs, 1, key, "must be a string");
		return (NULL);
	}
	s = json_string_value(v);
	n = json_string_length(v);
	if (memchr(s, '\0', n) != NULL) {
		verr(errs, 0, key, "contains a NUL character");
		return (NULL);
	}
	if (n >= size) {
		verr(errs, 0, key, "longer than %zu bytes", size - 1);
		return (NULL);
	}
	if (required && blank(s)) {
		verr(errs, 0, key, "must not be empty");
		return (NULL);
	}
	return (s);
}

/* A number member: 1 with *d, 0 absent or null, -1 bad (recorded). */
static int
v_number(const json_t *obj, const char *key, int required, double *d,
    struct dst_errors *errs)
{
	json_t	*v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v)) {
		if (required)
			verr(errs, 0, key, "required");
		return (required ? -1 : 0);
	}
	if (!json_is_number(v)) {
		verr(errs, 1, key, "must be a number");
		return (-1);
	}
	*d = json_number_value(v);
	if (!isfinite(*d)) {
		verr(errs, 0, key, "must be a finite number");
		return (-1);
	}
	return (1);
}

/* A boolean member (absent: false). */
static void
v_bool(const json_t *obj, const char *key, struct dst_errors *errs)
{
	json_t	*v = json_object_get(obj, key);

	if (v != NULL && !json_is_boolean(v))
		verr(errs, 1, key, "must be true or false");
}

/* A date member "YYYY-MM-DD": 1 with *day, 0 absent or null, -1 bad. */
static int
v_date(const json_t *obj, const char *key, long *day,
    struct dst_errors *errs)
{
	const char	*s;
	int		 n = errs->n;

	if ((s = v_string(obj, key, 64, 0, errs)) == NULL)
		return (errs->n > n ? -1 : 0);
	if (*s == '\0')
		return (0);
	if (dec_date_parse(s, day) != 0) {
		verr(errs, 0, key, "not a date YYYY-MM-DD: \"%.20s\"", s);
		return (-1);
	}
	return (1);
}

/* Is this a valid entry id? */
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

/* The aliases member: an array of distinct names, each without '|'. */
static void
v_aliases(const json_t *obj, struct dst_errors *errs)
{
	json_t		*a = json_object_get(obj, "aliases"), *v, *w;
	const char	*s;
	size_t		 i, j, n;

	if (a == NULL || json_is_null(a))
		return;
	if (!json_is_array(a)) {
		verr(errs, 1, "aliases", "must be an array of strings");
		return;
	}
	if (json_array_size(a) > DST_MAX_ALIASES) {
		verr(errs, 0, "aliases", "%zu names; at most %d",
		    json_array_size(a), DST_MAX_ALIASES);
		return;
	}
	json_array_foreach(a, i, v) {
		if (!json_is_string(v)) {
			verr(errs, 1, "aliases", "must be an array of strings");
			return;
		}
		s = json_string_value(v);
		n = json_string_length(v);
		if (blank(s) || memchr(s, '\0', n) != NULL) {
			verr(errs, 0, "aliases", "alias %zu is empty", i + 1);
			return;
		}
		if (n >= DEC_NAME_MAX) {
			verr(errs, 0, "aliases", "alias %zu is longer than %d "
			    "bytes", i + 1, DEC_NAME_MAX - 1);
			return;
		}
		if (strchr(s, '|') != NULL) {
			verr(errs, 0, "aliases", "alias \"%.60s\" contains '|' "
			    "(the separator of aliases in CSV)", s);
			return;
		}
		for (j = 0; j < i; j++) {
			w = json_array_get(a, j);
			if (strcmp(json_string_value(w), s) == 0) {
				verr(errs, 0, "aliases", "\"%.60s\" is given "
				    "twice", s);
				return;
			}
		}
	}
}

/* Check every member of an entry; record every bad one. */
static void
entry_check(const json_t *obj, struct dst_errors *errs)
{
	const char	*key, *s;
	json_t		*v;
	double		 lat, lon, rail = 0;
	long		 from = 0, until = 0, day;
	int		 has_rail, has_from, has_until;
	enum dec_mode	 mode;
	enum dec_strength strength;

	json_object_foreach((json_t *)obj, key, v) {
		if (!name_in(key, entry_fields) &&
		    !name_in(key, readonly_fields))
			verr(errs, 1, key, "unknown field");
	}

	if ((s = v_string(obj, "id", DEC_ID_MAX + 1, 1, errs)) != NULL) {
		if (!id_valid(s))
			verr(errs, 0, "id", "1 to %d characters a-z, 0-9 and "
			    "'-'", DEC_ID_MAX - 1);
		else if (strcmp(s, "import") == 0)
			verr(errs, 0, "id", "\"import\" is reserved");
	}
	v_string(obj, "name", DEC_NAME_MAX, 1, errs);
	v_string(obj, "name_nl", DEC_NAME_MAX, 0, errs);
	v_string(obj, "name_en", DEC_NAME_MAX, 0, errs);
	v_aliases(obj, errs);
	if ((s = v_string(obj, "country", 16, 1, errs)) != NULL &&
	    !dst_country_valid(s))
		verr(errs, 0, "country", "not an ISO 3166-1 alpha-2 code in "
		    "capitals (\"DE\"): \"%.10s\"", s);
	if (v_number(obj, "lat", 1, &lat, errs) == 1 && (lat < -90 || lat > 90))
		verr(errs, 0, "lat", "must be between -90 and 90");
	if (v_number(obj, "lon", 1, &lon, errs) == 1 &&
	    (lon < -180 || lon > 180))
		verr(errs, 0, "lon", "must be between -180 and 180");
	v_string(obj, "coord_source", DEC_SOURCE_MAX, 0, errs);
	if ((s = v_string(obj, "mode", 16, 1, errs)) != NULL &&
	    dec_mode_parse(s, &mode) != 0)
		verr(errs, 0, "mode", "must be train, plane, car or coach");
	if ((s = v_string(obj, "strength", 16, 1, errs)) != NULL &&
	    dec_strength_parse(s, &strength) != 0)
		verr(errs, 0, "strength", "must be free, recommended or "
		    "mandatory");

	has_rail = v_number(obj, "rail_hours", 0, &rail, errs);
	if (has_rail == 1 && rail < 0)
		verr(errs, 0, "rail_hours", "must not be negative (null: no "
		    "rail connection)");
	else if (has_rail == 1 && rail > RAIL_HOURS_MAX)
		verr(errs, 0, "rail_hours", "more than %.0f",
		    RAIL_HOURS_MAX);
	v_bool(obj, "rail_estimated", errs);
	s = v_string(obj, "rail_source", DEC_SOURCE_MAX, 0, errs);
	if (has_rail == 1 && rail >= 0 && !verr_has(errs, "rail_source") &&
	    (s == NULL || blank(s)))
		verr(errs, 0, "rail_source", "required with rail_hours (the "
		    "source of the figure, or \"estimate\")");
	v_date(obj, "rail_source_date", &day, errs);
	v_bool(obj, "night_train", errs);
	v_string(obj, "night_train_note", DEC_TEXT_MAX, 0, errs);
	v_string(obj, "notes", DST_NOTES_MAX, 0, errs);

	has_from = v_date(obj, "active_from", &from, errs);
	has_until = v_date(obj, "retired", &until, errs);
	if (has_from == 1 && has_until == 1 && until <= from)
		verr(errs, 0, "retired", "must be after active_from");
}

/* Validate an entry given as JSON, every field (see destinations.h). */
int
dst_entry_validate(const struct json_t *j, struct dst_entry *e,
    struct dst_errors *errs)
{
	const char *const	*k;
	json_t			*copy;
	char			*cause = NULL, *colon;

	memset(errs, 0, sizeof *errs);
	memset(e, 0, sizeof *e);
	if (!json_is_object(j)) {
		verr(errs, 1, "body", "must be a JSON object (a destination)");
		return (-1);
	}
	entry_check(j, errs);
	if (errs->n != 0)
		return (-1);

	/* The strict parser fills the entry: one parser for everything. */
	if ((copy = json_copy((json_t *)j)) == NULL) {
		verr(errs, 0, "body", "out of memory");
		return (-1);
	}
	for (k = readonly_fields; *k != NULL; k++)
		json_object_del(copy, *k);
	if (dst_entry_from_json(copy, e, &cause) != 0) {
		if (cause != NULL && (colon = strstr(cause, ": ")) != NULL) {
			*colon = '\0';
			verr(errs, 0, cause, "%s", colon + 2);
		} else
			verr(errs, 0, "body", "%s", cause != NULL ? cause :
			    "out of memory");
		free(cause);
		json_decref(copy);
		return (-1);
	}
	json_decref(copy);
	e->version = 0;
	return (0);
}

/* --- rows ------------------------------------------------------------ */

/* Copy a column's text; NULL is "". */
static void
column_copy(sqlite3_stmt *st, int col, char *buf, size_t len)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	dst_copy(buf, len, t != NULL ? (const char *)t : "");
}

/* A date column: NULL is dflt. */
static int
column_day(sqlite3_stmt *st, int col, long *day, long dflt)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	if (t == NULL) {
		*day = dflt;
		return (0);
	}
	return (dec_date_parse((const char *)t, day));
}

/* The aliases column (a JSON array). */
static int
column_aliases(sqlite3_stmt *st, int col, struct dst_entry *e)
{
	const char	*t = (const char *)sqlite3_column_text(st, col);
	json_t		*a, *v;
	size_t		 i;

	e->naliases = 0;
	if (t == NULL)
		return (0);
	if ((a = json_loads(t, 0, NULL)) == NULL || !json_is_array(a)) {
		json_decref(a);
		return (-1);
	}
	json_array_foreach(a, i, v) {
		if (json_is_string(v) && e->naliases < DST_MAX_ALIASES)
			dst_copy(e->aliases[e->naliases++], DEC_NAME_MAX,
			    json_string_value(v));
	}
	json_decref(a);
	return (0);
}

/* Read the entry of an id: 0 with *found set, or -1. */
static int
entry_load(sqlite3 *db, const char *id, struct dst_entry *e, int *found,
    char **cause)
{
	static const char sql[] = "SELECT id, name, name_nl, name_en, "
	    "aliases, country, lat, lon, coord_source, mode, strength, "
	    "rail_hours, rail_estimated, rail_source, rail_source_date, "
	    "night_train, night_train_note, notes, active_from, retired, "
	    "version, updated_at, updated_by FROM destinations WHERE id = ?1";
	sqlite3_stmt	*st = NULL;
	char		 buf[32];
	int		 rc;

	*found = 0;
	memset(e, 0, sizeof *e);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC) != SQLITE_OK) {
		dst_sql_cause(db, id, cause);
		sqlite3_finalize(st);
		return (-1);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return (0);
	}
	if (rc != SQLITE_ROW) {
		dst_sql_cause(db, id, cause);
		sqlite3_finalize(st);
		return (-1);
	}
	column_copy(st, 0, e->id, sizeof e->id);
	column_copy(st, 1, e->name, sizeof e->name);
	column_copy(st, 2, e->name_nl, sizeof e->name_nl);
	column_copy(st, 3, e->name_en, sizeof e->name_en);
	rc = column_aliases(st, 4, e);
	column_copy(st, 5, e->country, sizeof e->country);
	e->lat = sqlite3_column_double(st, 6);
	e->lon = sqlite3_column_double(st, 7);
	column_copy(st, 8, e->coord_source, sizeof e->coord_source);
	column_copy(st, 9, buf, sizeof buf);
	rc |= dec_mode_parse(buf, &e->mode);
	column_copy(st, 10, buf, sizeof buf);
	rc |= dec_strength_parse(buf, &e->strength);
	e->rail_hours = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1 :
	    sqlite3_column_double(st, 11);
	e->rail_estimated = sqlite3_column_int(st, 12) != 0;
	column_copy(st, 13, e->rail_source, sizeof e->rail_source);
	column_copy(st, 14, e->rail_source_date, sizeof e->rail_source_date);
	e->night_train = sqlite3_column_int(st, 15) != 0;
	column_copy(st, 16, e->night_train_note, sizeof e->night_train_note);
	column_copy(st, 17, e->notes, sizeof e->notes);
	rc |= column_day(st, 18, &e->active_from, LONG_MIN);
	rc |= column_day(st, 19, &e->retired, LONG_MAX);
	e->version = sqlite3_column_int(st, 20);
	column_copy(st, 21, e->updated_at, sizeof e->updated_at);
	column_copy(st, 22, e->updated_by, sizeof e->updated_by);
	sqlite3_finalize(st);
	if (rc != 0) {
		dst_set_cause(cause, "destination %s: bad row in the database",
		    id);
		return (-1);
	}
	*found = 1;
	return (0);
}

/* Rewrite the row of an existing entry with e (its new version). */
static int
entry_update(sqlite3 *db, const struct dst_entry *e, char **cause)
{
	static const char sql[] = "UPDATE destinations SET name = ?2, "
	    "name_nl = ?3, name_en = ?4, aliases = ?5, country = ?6, "
	    "lat = ?7, lon = ?8, coord_source = ?9, mode = ?10, "
	    "strength = ?11, rail_hours = ?12, rail_estimated = ?13, "
	    "rail_source = ?14, rail_source_date = ?15, night_train = ?16, "
	    "night_train_note = ?17, notes = ?18, active_from = ?19, "
	    "retired = ?20, version = ?21, updated_at = ?22, "
	    "updated_by = ?23 WHERE id = ?1";
	sqlite3_stmt	*st = NULL;
	char		*aliases = NULL;
	int		 rc = -1;

	if ((aliases = dst_aliases_json(e)) == NULL)
		goto nomem;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto sqlfail;
	if (dst_entry_bind(st, e, aliases) != SQLITE_OK)
		goto sqlfail;
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlfail;
	if (sqlite3_changes(db) != 1) {
		dst_set_cause(cause, "%s: no such row", e->id);
		goto out;
	}
	rc = 0;
	goto out;

nomem:
	dst_set_cause(cause, "%s: out of memory", e->id);
	goto out;
sqlfail:
	dst_sql_cause(db, e->id, cause);
out:
	sqlite3_finalize(st);
	free(aliases);
	return (rc);
}

/* Append e's version row: the full entry, who, when, what changed. */
static int
version_insert(sqlite3 *db, const struct dst_entry *e, const char *action,
    json_t *fields, char **cause)
{
	static const char sql[] = "INSERT INTO destination_versions (id, "
	    "version, data, changed_by, changed_at, changes) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6)";
	sqlite3_stmt	*st = NULL;
	json_t		*j = NULL, *ch = NULL;
	char		*data = NULL, *changes = NULL;
	int		 rc = -1;

	if ((j = dst_entry_to_json(e)) == NULL ||
	    (data = json_dumps(j, DATA_FLAGS)) == NULL ||
	    (ch = json_pack("{s:s, s:O}", "action", action, "fields",
	    fields)) == NULL ||
	    (changes = json_dumps(ch, DATA_FLAGS)) == NULL) {
		dst_set_cause(cause, "%s: out of memory", e->id);
		goto out;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC) ||
	    sqlite3_bind_int(st, 2, e->version) ||
	    sqlite3_bind_text(st, 3, data, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 4, e->updated_by, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 5, e->updated_at, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 6, changes, -1, SQLITE_STATIC) ||
	    sqlite3_step(st) != SQLITE_DONE) {
		dst_sql_cause(db, e->id, cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(changes);
	json_decref(ch);
	free(data);
	json_decref(j);
	return (rc);
}

/* --- changes --------------------------------------------------------- */

/* Are two member values equal as the API shows them? */
static int
value_equal(const json_t *a, const json_t *b)
{
	char	sa[64], sb[64];

	if (json_is_number(a) && json_is_number(b)) {
		snprintf(sa, sizeof sa, SHOWN_DIGITS, json_number_value(a));
		snprintf(sb, sizeof sb, SHOWN_DIGITS, json_number_value(b));
		return (strcmp(sa, sb) == 0);
	}
	return (json_equal((json_t *)a, (json_t *)b));
}

/*
 * What differs between two entries, as a new object {field: {from, to}}
 * (empty when nothing does); NULL if out of memory.
 */
static json_t *
entry_changes(const struct dst_entry *from, const struct dst_entry *to)
{
	json_t		*a, *b, *out, *va, *vb;
	const char	*key;
	int		 rc = 0;

	a = dst_entry_to_json(from);
	b = dst_entry_to_json(to);
	out = json_object();
	if (a == NULL || b == NULL || out == NULL)
		goto fail;
	json_object_foreach(a, key, va) {
		if (name_in(key, readonly_fields))
			continue;
		vb = json_object_get(b, key);
		if (vb == NULL || value_equal(va, vb))
			continue;
		rc |= json_object_set_new(out, key, json_pack("{s:O, s:O}",
		    "from", va, "to", vb));
	}
	if (rc != 0)
		goto fail;
	json_decref(a);
	json_decref(b);
	return (out);

fail:
	json_decref(a);
	json_decref(b);
	json_decref(out);
	return (NULL);
}

/* --- transactions ---------------------------------------------------- */

/* Start a write transaction. */
static int
tx_begin(struct dst_store *s, char **cause)
{
	return (dst_exec(s->db, "BEGIN IMMEDIATE", cause));
}

/* Undo the transaction, if one is open. */
static void
tx_rollback(struct dst_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Commit; on failure the transaction is rolled back. */
static int
tx_commit(struct dst_store *s, char **cause)
{
	if (dst_exec(s->db, "COMMIT", cause) != 0) {
		tx_rollback(s);
		return (-1);
	}
	return (0);
}

/* Mark a new version of e: who, now. */
static void
stamp(struct dst_entry *e, int version, const char *who, const char *now)
{
	e->version = version;
	dst_copy(e->updated_at, sizeof e->updated_at, now);
	dst_copy(e->updated_by, sizeof e->updated_by,
	    who != NULL && *who != '\0' ? who : DST_ANONYMOUS);
}

/*
 * Replace cur by next (same id) under an action, if anything differs:
 * the row and a new version.  next is stamped; *changed tells.
 */
static int
entry_replace(sqlite3 *db, const struct dst_entry *cur, struct dst_entry *next,
    const char *action, const char *who, const char *now, int *changed,
    char **cause)
{
	json_t	*fields;
	int	 rc = -1;

	*changed = 0;
	if ((fields = entry_changes(cur, next)) == NULL) {
		dst_set_cause(cause, "%s: out of memory", cur->id);
		return (-1);
	}
	if (json_object_size(fields) == 0) {
		*next = *cur;
		json_decref(fields);
		return (0);
	}
	stamp(next, cur->version + 1, who, now);
	if (entry_update(db, next, cause) == 0 &&
	    version_insert(db, next, action, fields, cause) == 0) {
		*changed = 1;
		rc = 0;
	}
	json_decref(fields);
	return (rc);
}

/* Start a write result as a failure until it succeeds. */
static void
result_init(struct dst_write_result *res)
{
	memset(res, 0, sizeof *res);
	res->status = DST_WRITE_FAILED;
}

/* --- the writes ------------------------------------------------------ */

/* Add a new entry (see destinations.h). */
int
dst_destination_create(struct dst_store *s, const struct dst_entry *in,
    const char *who, struct dst_write_result *res, char **cause)
{
	struct dst_entry	cur;
	char			now[32];
	int			found;

	result_init(res);
	if (tx_begin(s, cause) != 0)
		return (-1);
	if (entry_load(s->db, in->id, &cur, &found, cause) != 0)
		goto fail;
	if (found) {
		res->status = DST_WRITE_EXISTS;
		res->entry = cur;
		dst_set_cause(cause, "there is already a destination \"%s\"%s",
		    in->id, cur.retired != LONG_MAX ? " (retired)" : "");
		goto fail;
	}
	res->entry = *in;
	dst_now(now, sizeof now);
	stamp(&res->entry, 1, who, now);
	if (dst_entry_insert(s->db, &res->entry, "{\"action\":\"create\"}",
	    cause) != 0 || tx_commit(s, cause) != 0)
		goto fail;
	res->status = DST_WRITE_OK;
	res->changed = 1;
	return (0);

fail:
	tx_rollback(s);
	return (-1);
}

/* Load the current entry and check the expected version. */
static int
load_checked(struct dst_store *s, const char *id, int expected,
    struct dst_write_result *res, char **cause)
{
	int	found;

	if (entry_load(s->db, id, &res->entry, &found, cause) != 0)
		return (-1);
	if (!found) {
		res->status = DST_WRITE_NOT_FOUND;
		dst_set_cause(cause, "no destination with id \"%s\"", id);
		return (-1);
	}
	if (expected != 0 && res->entry.version != expected) {
		res->status = DST_WRITE_STALE;
		dst_set_cause(cause, "version %d of \"%s\" is not the current "
		    "one: it is at version %d, changed by %s at %s", expected,
		    id, res->entry.version, res->entry.updated_by,
		    res->entry.updated_at);
		return (-1);
	}
	return (0);
}

/* Replace an entry (see destinations.h). */
int
dst_destination_update(struct dst_store *s, const struct dst_entry *e,
    int expected, const char *who, struct dst_write_result *res,
    char **cause)
{
	struct dst_entry	cur, next;
	char			now[32];

	result_init(res);
	if (tx_begin(s, cause) != 0)
		return (-1);
	if (load_checked(s, e->id, expected, res, cause) != 0)
		goto fail;
	cur = res->entry;
	next = *e;
	dst_now(now, sizeof now);
	if (entry_replace(s->db, &cur, &next, "update", who, now,
	    &res->changed, cause) != 0 || tx_commit(s, cause) != 0)
		goto fail;
	res->entry = next;
	res->status = DST_WRITE_OK;
	return (0);

fail:
	tx_rollback(s);
	return (-1);
}

/* Retire an entry (see destinations.h). */
int
dst_destination_retire(struct dst_store *s, const char *id, int expected,
    long day, const char *who, struct dst_write_result *res, char **cause)
{
	struct dst_entry	cur, next;
	char			now[32], date[16];

	result_init(res);
	if (tx_begin(s, cause) != 0)
		return (-1);
	if (load_checked(s, id, expected, res, cause) != 0)
		goto fail;
	cur = res->entry;
	if (cur.retired != LONG_MAX && cur.retired <= day) {
		dec_date_format(cur.retired, date, sizeof date);
		res->status = DST_WRITE_RETIRED;
		dst_set_cause(cause, "\"%s\" is retired already (since %s)", id,
		    date);
		goto fail;
	}
	if (cur.active_from != LONG_MIN && cur.active_from >= day) {
		dec_date_format(cur.active_from, date, sizeof date);
		res->status = DST_WRITE_NOT_ACTIVE;
		dst_set_cause(cause, "\"%s\" is not active before %s: change "
		    "its active_from instead", id, date);
		goto fail;
	}
	next = cur;
	next.retired = day;
	dst_now(now, sizeof now);
	if (entry_replace(s->db, &cur, &next, "retire", who, now,
	    &res->changed, cause) != 0 || tx_commit(s, cause) != 0)
		goto fail;
	res->entry = next;
	res->status = DST_WRITE_OK;
	return (0);

fail:
	tx_rollback(s);
	return (-1);
}

/* One row of destination_versions as the history shows it. */
static json_t *
history_version(sqlite3_stmt *st, char **cause)
{
	const char	*data, *changes;
	json_t		*entry, *ch, *action, *fields, *v;

	data = (const char *)sqlite3_column_text(st, 1);
	changes = (const char *)sqlite3_column_text(st, 4);
	entry = data != NULL ? json_loads(data, 0, NULL) : NULL;
	ch = changes != NULL ? json_loads(changes, 0, NULL) : NULL;
	if (entry == NULL || !json_is_object(ch)) {
		dst_set_cause(cause, "version %d: bad JSON in the database",
		    sqlite3_column_int(st, 0));
		json_decref(entry);
		json_decref(ch);
		return (NULL);
	}
	action = json_object_get(ch, "action");
	fields = json_object_get(ch, "fields");
	fields = json_is_object(fields) ? json_incref(fields) : json_object();
	/* "o" steals entry and fields, even when packing fails. */
	v = json_pack("{s:i, s:s, s:s, s:s, s:o, s:o}",
	    "version", sqlite3_column_int(st, 0),
	    "changed_at", (const char *)sqlite3_column_text(st, 3),
	    "changed_by", (const char *)sqlite3_column_text(st, 2),
	    "action", json_is_string(action) ? json_string_value(action) :
	    "update",
	    "changes", fields,
	    "entry", entry);
	json_decref(ch);
	if (v == NULL)
		dst_set_cause(cause, "out of memory");
	return (v);
}

/* Every version of an entry (see destinations.h). */
struct json_t *
dst_destination_history(struct dst_store *s, const char *id, char **cause)
{
	static const char sql[] = "SELECT version, data, changed_by, "
	    "changed_at, changes FROM destination_versions WHERE id = ?1 "
	    "ORDER BY version";
	sqlite3_stmt	*st = NULL;
	json_t		*versions, *v;
	int		 rc;

	if ((versions = json_array()) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (NULL);
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC) != SQLITE_OK)
		goto sqlfail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((v = history_version(st, cause)) == NULL)
			goto fail;
		if (json_array_append_new(versions, v) != 0) {
			dst_set_cause(cause, "out of memory");
			goto fail;
		}
	}
	if (rc != SQLITE_DONE)
		goto sqlfail;
	sqlite3_finalize(st);
	return (json_pack("{s:s, s:o}", "id", id, "versions", versions));

sqlfail:
	dst_sql_cause(s->db, id, cause);
fail:
	sqlite3_finalize(st);
	json_decref(versions);
	return (NULL);
}

/* Order entry pointers by id. */
static int
entry_ptr_cmp(const void *a, const void *b)
{
	const struct dst_entry *const	*x = a, *const *y = b;

	return (strcmp((*x)->id, (*y)->id));
}

/* Are the ids distinct?  Else name one that is not. */
static int
ids_distinct(const struct dst_entry *entries, size_t n, char **cause)
{
	const struct dst_entry	**p;
	size_t			  i;
	int			  rc = 0;

	if (n < 2)
		return (0);
	if ((p = calloc(n, sizeof *p)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	for (i = 0; i < n; i++)
		p[i] = &entries[i];
	qsort(p, n, sizeof *p, entry_ptr_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(p[i - 1]->id, p[i]->id) == 0) {
			dst_set_cause(cause, "id \"%s\" is given more than "
			    "once", p[i]->id);
			rc = -1;
			break;
		}
	}
	free(p);
	return (rc);
}

/* Import entries in one transaction (see destinations.h). */
struct json_t *
dst_destination_import(struct dst_store *s, const struct dst_entry *entries,
    size_t n, int dry_run, const char *who, char **cause)
{
	struct dst_entry	 cur, next;
	json_t			*created, *updated, *report = NULL;
	char			 now[32];
	size_t			 i, unchanged = 0;
	int			 found, changed, rc = 0;

	if (ids_distinct(entries, n, cause) != 0)
		return (NULL);
	created = json_array();
	updated = json_array();
	if (created == NULL || updated == NULL) {
		dst_set_cause(cause, "out of memory");
		goto out;
	}
	if (tx_begin(s, cause) != 0)
		goto out;
	dst_now(now, sizeof now);
	for (i = 0; i < n; i++) {
		next = entries[i];
		if (entry_load(s->db, next.id, &cur, &found, cause) != 0)
			goto fail;
		if (!found) {
			stamp(&next, 1, who, now);
			if (dst_entry_insert(s->db, &next,
			    "{\"action\":\"import\",\"fields\":{}}",
			    cause) != 0)
				goto fail;
			rc |= json_array_append_new(created,
			    json_string(next.id));
			continue;
		}
		if (entry_replace(s->db, &cur, &next, "import", who, now,
		    &changed, cause) != 0)
			goto fail;
		if (changed)
			rc |= json_array_append_new(updated,
			    json_string(next.id));
		else
			unchanged++;
	}
	if (rc != 0) {
		dst_set_cause(cause, "out of memory");
		goto fail;
	}
	if (dry_run)
		tx_rollback(s);
	else if (tx_commit(s, cause) != 0)
		goto out;
	report = json_pack("{s:b, s:O, s:O, s:I, s:I}", "dry_run", dry_run,
	    "created", created, "updated", updated,
	    "unchanged", (json_int_t)unchanged, "rows", (json_int_t)n);
	if (report == NULL)
		dst_set_cause(cause, "out of memory");
	goto out;

fail:
	tx_rollback(s);
out:
	json_decref(created);
	json_decref(updated);
	return (report);
}
