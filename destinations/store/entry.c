/*
 * The entry codec: a destination of the list from JSON (every field
 * checked, every error named), to JSON (the API's, the CSV export's and
 * the history's form), and to and from a row of the destinations table.
 * The one place that knows an entry's fields.
 */

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"

#define RAIL_HOURS_MAX	1000.0

/* The members of an entry, in the order JSON and CSV show them. */
static const char *const entry_fields[] = {
	"id", "name", "name_nl", "name_en", "aliases", "country", "lat", "lon",
	"coord_source", "mode", "strength", "rail_hours", "rail_estimated",
	"rail_source", "rail_source_date", "night_train", "night_train_note",
	"notes", "active_from", "retired", NULL
};
/*
 * What the store sets (version, updated_at, updated_by: stored documents
 * have them) and what a snapshot derives (shown, never stored): input may
 * repeat them all, and they are ignored there.
 */
static const char *const readonly_fields[] = { "version", "updated_at",
    "updated_by", "distance_km", "in_rail_zone", "network_hours", NULL };

/* Is the entry active (on the list, ruling) on this day? */
int
dst_entry_active(const struct dst_entry *e, long day)
{
	return (e->active_from <= day && day < e->retired);
}

/* Is a member one the store sets or a snapshot derives? */
int
dst_entry_readonly(const char *key)
{
	return (dst_json_key_in(key, readonly_fields));
}

/* A string member into a buffer of len bytes (see dst_json_string). */
static void
text(const json_t *o, const char *key, char *buf, size_t len, int required,
    struct dec_errors *errs)
{
	const char	*s;

	buf[0] = '\0';
	if ((s = dst_json_string(o, key, key, required, len - 1, errs)) !=
	    NULL)
		memcpy(buf, s, strlen(s) + 1);
}

/* The aliases member: distinct names, each without '|'. */
static void
aliases(const json_t *o, struct dst_entry *e, struct dec_errors *errs)
{
	json_t		*a = json_object_get(o, "aliases"), *v;
	const char	*s;
	char		 clip[96];
	size_t		 i, j, k, n;

	e->naliases = 0;
	if (a == NULL || json_is_null(a))
		return;
	if (!json_is_array(a)) {
		dec_errors_add(errs, "aliases", DEC_E_TYPE, "must be an array "
		    "of strings, not %s", dst_json_type_name(a));
		return;
	}
	if (json_array_size(a) > DST_MAX_ALIASES) {
		dec_errors_add(errs, "aliases", DEC_E_TOO_LONG, "%zu names; at "
		    "most %d", json_array_size(a), DST_MAX_ALIASES);
		return;
	}
	json_array_foreach(a, i, v) {
		if (!json_is_string(v)) {
			dec_errors_add(errs, "aliases", DEC_E_TYPE,
			    "must be an "
			    "array of strings");
			return;
		}
		s = json_string_value(v);
		n = json_string_length(v);
		/* Spaces around a name are not part of it (the CSV import
		 * trims them too, so that an export round-trips). */
		k = strspn(s, " \t\r\n");
		while (n > k && s[n - 1] != '\0' &&
		    strchr(" \t\r\n", s[n - 1]) != NULL)
			n--;
		s += k;
		n -= k;
		if (n == 0 || memchr(s, '\0', n) != NULL) {
			dec_errors_add(errs, "aliases", DEC_E_EMPTY,
			    "alias %zu "
			    "is empty", i + 1);
			return;
		}
		if (n >= DEC_NAME_MAX) {
			dec_errors_add(errs, "aliases", DEC_E_TOO_LONG, "alias "
			    "%zu is longer than %d bytes", i + 1,
			    DEC_NAME_MAX - 1);
			return;
		}
		if (strchr(s, '|') != NULL) {
			dec_errors_add(errs, "aliases", DEC_E_FORMAT, "alias "
			    "\"%s\" contains '|' (the separator of aliases in "
			    "CSV)", dec_clip(clip, sizeof clip, s, 60));
			return;
		}
		for (j = 0; j < (size_t)e->naliases; j++) {
			if (strlen(e->aliases[j]) == n &&
			    memcmp(e->aliases[j], s, n) == 0) {
				dec_errors_add(errs, "aliases", DEC_E_DUPLICATE,
				    "\"%s\" is given twice", dec_clip(clip,
				    sizeof clip, s, 60));
				return;
			}
		}
		memcpy(e->aliases[e->naliases], s, n);
		e->aliases[e->naliases++][n] = '\0';
	}
}

/* A date member into a day (absent or null: dflt). */
static int
day(const json_t *o, const char *key, long *out, long dflt,
    struct dec_errors *errs)
{
	int	rc;

	*out = dflt;
	if ((rc = dst_json_date(o, key, key, out, errs)) != 1)
		*out = dflt;
	return (rc);
}

/* An entry from JSON, every member checked (see store.h). */
int
dst_entry_from_json(const json_t *o, int flags, struct dst_entry *e,
    struct dec_errors *errs)
{
	const char	*s;
	const json_t	*v;
	char		 clip[32];
	double		 rail = -1;
	long long	 version = 1;
	long		 d;
	size_t		 n = errs->n;
	int		 has_rail, from, until;

	memset(e, 0, sizeof *e);
	e->network_hours = -1;
	e->rail_hours = -1;
	e->active_from = LONG_MIN;
	e->retired = LONG_MAX;
	e->version = 1;
	if (!json_is_object(o)) {
		dec_errors_add(errs, "body", DEC_E_TYPE,
		    "must be a JSON object "
		    "(a destination), not %s", dst_json_type_name(o));
		return (-1);
	}
	(void)dst_json_unknown(o, "", entry_fields, readonly_fields, errs);

	if ((s = dst_json_string(o, "id", "id", 1, DEC_ID_MAX, errs)) !=
	    NULL) {
		if (!dst_id_valid(s))
			dec_errors_add(errs, "id", DEC_E_FORMAT, "1 to %d "
			    "characters a-z, 0-9 and '-'", DEC_ID_MAX - 1);
		else if (strcmp(s, "import") == 0)
			dec_errors_add(errs, "id", DEC_E_INVALID,
			    "\"import\" is "
			    "reserved");
		else
			memcpy(e->id, s, strlen(s) + 1);
	}
	text(o, "name", e->name, sizeof e->name, 1, errs);
	text(o, "name_nl", e->name_nl, sizeof e->name_nl, 0, errs);
	text(o, "name_en", e->name_en, sizeof e->name_en, 0, errs);
	aliases(o, e, errs);
	if ((s = dst_json_string(o, "country", "country", 1, 16, errs)) !=
	    NULL) {
		if (!dst_country_valid(s))
			dec_errors_add(errs, "country", DEC_E_FORMAT, "not an "
			    "ISO 3166-1 alpha-2 code in capitals (\"DE\"): "
			    "\"%s\"", dec_clip(clip, sizeof clip, s, 10));
		else
			memcpy(e->country, s, 3);
	}
	(void)dst_json_number(o, "lat", "lat", 1, -90, 90, 0, &e->lat, errs);
	(void)dst_json_number(o, "lon", "lon", 1, -180, 180, 0, &e->lon, errs);
	text(o, "coord_source", e->coord_source, sizeof e->coord_source, 0,
	    errs);
	if ((s = dst_json_string(o, "mode", "mode", 1, 16, errs)) != NULL &&
	    dec_mode_parse(s, &e->mode) != 0)
		dec_errors_add(errs, "mode", DEC_E_CHOICE, "must be train, "
		    "plane, car or coach");
	if ((s = dst_json_string(o, "strength", "strength", 1, 16, errs)) !=
	    NULL && dec_strength_parse(s, &e->strength) != 0)
		dec_errors_add(errs, "strength", DEC_E_CHOICE, "must be free, "
		    "recommended or mandatory");

	/* Stored data says "no rail" with a negative figure, input with
	 * null. */
	v = json_object_get(o, "rail_hours");
	if (!(flags & DST_ENTRY_STORED) && json_is_number(v) &&
	    json_number_value(v) < 0) {
		/* Say what a negative would mean to the writer. */
		dec_errors_add(errs, "rail_hours", DEC_E_RANGE, "must not be "
		    "negative (null: no rail connection)");
		has_rail = -1;
	} else
		has_rail = dst_json_number(o, "rail_hours", "rail_hours", 0,
		    (flags & DST_ENTRY_STORED) ? -HUGE_VAL : 0,
		    RAIL_HOURS_MAX, 0, &rail, errs);
	e->rail_hours = has_rail == 1 && rail >= 0 ? rail : -1;
	(void)dst_json_bool(o, "rail_estimated", "rail_estimated",
	    &e->rail_estimated, errs);
	text(o, "rail_source", e->rail_source, sizeof e->rail_source, 0, errs);
	if (e->rail_hours >= 0 && !dec_errors_has(errs, 0, "rail_source") &&
	    strspn(e->rail_source, " \t\r\n") == strlen(e->rail_source))
		dec_errors_add(errs, "rail_source", DEC_E_REQUIRED, "required "
		    "with rail_hours (the source of the figure, or "
		    "\"estimate\")");
	if (day(o, "rail_source_date", &d, LONG_MIN, errs) == 1)
		dec_date_format(d, e->rail_source_date,
		    sizeof e->rail_source_date);
	(void)dst_json_bool(o, "night_train", "night_train", &e->night_train,
	    errs);
	text(o, "night_train_note", e->night_train_note,
	    sizeof e->night_train_note, 0, errs);
	text(o, "notes", e->notes, sizeof e->notes, 0, errs);
	from = day(o, "active_from", &e->active_from, LONG_MIN, errs);
	until = day(o, "retired", &e->retired, LONG_MAX, errs);
	if (from == 1 && until == 1 && e->retired <= e->active_from)
		dec_errors_add(errs, "retired", DEC_E_ORDER, "must be after "
		    "active_from");

	if (flags & DST_ENTRY_STORED) {
		if (dst_json_int(o, "version", "version", 0, 1, INT_MAX,
		    &version, errs) == 1)
			e->version = (int)version;
		text(o, "updated_at", e->updated_at, sizeof e->updated_at, 0,
		    errs);
		text(o, "updated_by", e->updated_by, sizeof e->updated_by, 0,
		    errs);
	} else
		e->version = 0;
	return (errs->n > n ? -1 : 0);
}

/* A day as a JSON string, or null for the open ends. */
static json_t *
day_json(long d)
{
	char	buf[16];

	if (d == LONG_MIN || d == LONG_MAX)
		return (json_null());
	dec_date_format(d, buf, sizeof buf);
	return (json_string(buf));
}

/* Set a member; jansson's _new steals the value even on failure. */
static void
set(json_t *o, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(o, key, v) != 0)
		abort();
}

/* An entry as JSON (see store.h). */
json_t *
dst_entry_to_json(const struct dst_entry *e, int flags)
{
	json_t	*o, *a;
	int	 i;

	if ((o = json_object()) == NULL || (a = json_array()) == NULL)
		abort();
	for (i = 0; i < e->naliases; i++)
		if (json_array_append_new(a, json_string(e->aliases[i])) != 0)
			abort();
	set(o, "id", json_string(e->id));
	set(o, "name", json_string(e->name));
	set(o, "name_nl", json_string(e->name_nl));
	set(o, "name_en", json_string(e->name_en));
	set(o, "aliases", a);
	set(o, "country", json_string(e->country));
	set(o, "lat", json_real(e->lat));
	set(o, "lon", json_real(e->lon));
	set(o, "coord_source", json_string(e->coord_source));
	set(o, "mode", json_string(dec_mode_name(e->mode)));
	set(o, "strength", json_string(dec_strength_name(e->strength)));
	set(o, "rail_hours", e->rail_hours >= 0 ? json_real(e->rail_hours) :
	    json_null());
	set(o, "rail_estimated", json_boolean(e->rail_estimated));
	set(o, "rail_source", json_string(e->rail_source));
	set(o, "rail_source_date", e->rail_source_date[0] != '\0' ?
	    json_string(e->rail_source_date) : json_null());
	set(o, "night_train", json_boolean(e->night_train));
	set(o, "night_train_note", json_string(e->night_train_note));
	set(o, "notes", json_string(e->notes));
	set(o, "active_from", day_json(e->active_from));
	set(o, "retired", day_json(e->retired));
	if (flags & DST_ENTRY_DERIVED) {
		set(o, "distance_km", json_real(round(e->distance_km * 10.0) /
		    10.0));
		set(o, "in_rail_zone", json_boolean(e->in_rail_zone));
		set(o, "network_hours", e->network_hours >= 0 ?
		    json_real(e->network_hours) : json_null());
	}
	set(o, "version", json_integer(e->version));
	set(o, "updated_at", json_string(e->updated_at));
	set(o, "updated_by", json_string(e->updated_by));
	return (o);
}

/* The aliases of an entry as a JSON array text (malloc'd). */
static char *
aliases_text(const struct dst_entry *e)
{
	json_t	*a;
	char	*s;
	int	 i;

	if ((a = json_array()) == NULL)
		abort();
	for (i = 0; i < e->naliases; i++)
		if (json_array_append_new(a, json_string(e->aliases[i])) != 0)
			abort();
	if ((s = json_dumps(a, JSON_COMPACT)) == NULL)
		abort();
	json_decref(a);
	return (s);
}

/* Bind a text, or NULL for an empty string. */
static int
bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		return (sqlite3_bind_null(st, i));
	return (sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT));
}

/* Bind a day as "YYYY-MM-DD", or NULL for the open ends. */
static int
bind_day(sqlite3_stmt *st, int i, long d)
{
	char	buf[16];

	if (d == LONG_MIN || d == LONG_MAX)
		return (sqlite3_bind_null(st, i));
	dec_date_format(d, buf, sizeof buf);
	return (sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT));
}

/* Bind an entry to ?1..?23 in the order of DST_ENTRY_COLUMNS. */
int
dst_entry_bind(sqlite3_stmt *st, const struct dst_entry *e)
{
	char	*al = aliases_text(e);
	int	 rc;

	rc = sqlite3_bind_text(st, 1, e->id, -1, SQLITE_TRANSIENT) ||
	    sqlite3_bind_text(st, 2, e->name, -1, SQLITE_TRANSIENT) ||
	    sqlite3_bind_text(st, 3, e->name_nl, -1, SQLITE_TRANSIENT) ||
	    sqlite3_bind_text(st, 4, e->name_en, -1, SQLITE_TRANSIENT) ||
	    sqlite3_bind_text(st, 5, al, -1, SQLITE_TRANSIENT) ||
	    sqlite3_bind_text(st, 6, e->country, -1, SQLITE_TRANSIENT) ||
	    sqlite3_bind_double(st, 7, e->lat) ||
	    sqlite3_bind_double(st, 8, e->lon) ||
	    sqlite3_bind_text(st, 9, e->coord_source, -1, SQLITE_TRANSIENT) ||
	    sqlite3_bind_text(st, 10, dec_mode_name(e->mode), -1,
	    SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 11, dec_strength_name(e->strength), -1,
	    SQLITE_STATIC) ||
	    (e->rail_hours >= 0 ? sqlite3_bind_double(st, 12, e->rail_hours) :
	    sqlite3_bind_null(st, 12)) ||
	    sqlite3_bind_int(st, 13, e->rail_estimated ? 1 : 0) ||
	    sqlite3_bind_text(st, 14, e->rail_source, -1, SQLITE_TRANSIENT) ||
	    bind_text_or_null(st, 15, e->rail_source_date) ||
	    sqlite3_bind_int(st, 16, e->night_train ? 1 : 0) ||
	    sqlite3_bind_text(st, 17, e->night_train_note, -1,
	    SQLITE_TRANSIENT) ||
	    sqlite3_bind_text(st, 18, e->notes, -1, SQLITE_TRANSIENT) ||
	    bind_day(st, 19, e->active_from) ||
	    bind_day(st, 20, e->retired) ||
	    sqlite3_bind_int(st, 21, e->version) ||
	    sqlite3_bind_text(st, 22, e->updated_at, -1, SQLITE_TRANSIENT) ||
	    sqlite3_bind_text(st, 23, e->updated_by, -1, SQLITE_TRANSIENT);
	free(al);
	return (rc);
}

/* Copy a column's text into a buffer; NULL is "". */
static void
column_copy(sqlite3_stmt *st, int col, char *buf, size_t len)
{
	dec_copy(buf, len, (const char *)sqlite3_column_text(st, col));
}

/* A date column: NULL is dflt. */
static int
column_day(sqlite3_stmt *st, int col, long *d, long dflt)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	if (t == NULL) {
		*d = dflt;
		return (0);
	}
	return (dec_date_parse((const char *)t, d));
}

/* The aliases column (a JSON array of strings). */
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
			dec_copy(e->aliases[e->naliases++], DEC_NAME_MAX,
			    json_string_value(v));
	}
	json_decref(a);
	return (0);
}

/* Read a row whose first columns are DST_ENTRY_COLUMNS (see store.h). */
int
dst_entry_read(sqlite3_stmt *st, struct dst_entry *e, char **cause)
{
	char	buf[32];
	int	rc = 0;

	memset(e, 0, sizeof *e);
	e->network_hours = -1;
	column_copy(st, 0, e->id, sizeof e->id);
	column_copy(st, 1, e->name, sizeof e->name);
	column_copy(st, 2, e->name_nl, sizeof e->name_nl);
	column_copy(st, 3, e->name_en, sizeof e->name_en);
	rc |= column_aliases(st, 4, e);
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
	if (rc != 0) {
		dst_set_cause(cause, "destination %s: bad row in the database",
		    e->id);
		return (-1);
	}
	return (0);
}
