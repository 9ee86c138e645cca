/*
 * The snapshot: everything a ruling reads, loaded in one read transaction
 * and never changed afterwards; shared between threads by reference count.
 */

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/internal.h"

/* Each snapshot gets its own generation: threads key their GEOS caches
 * on it. */
static atomic_ulong	snapshot_generation;

/* Is the entry active on this day? */
int
dst_entry_active(const struct dst_entry *e, long day)
{
	return (e->active_from <= day && day < e->retired);
}

/* Copy a column's text into a buffer; NULL is "". */
static void
column_copy(sqlite3_stmt *st, int col, char *buf, size_t len)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	dst_copy(buf, len, t != NULL ? (const char *)t : "");
}

/* Read a date column: NULL is dflt. */
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

/* Read the aliases column (a JSON array of strings). */
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
		if (!json_is_string(v) || e->naliases == DST_MAX_ALIASES)
			continue;
		dst_copy(e->aliases[e->naliases++], DEC_NAME_MAX,
		    json_string_value(v));
	}
	json_decref(a);
	return (0);
}

/* Read one row of destinations (the columns of entries_load). */
static int
entry_read(sqlite3_stmt *st, struct dst_entry *e, char **cause)
{
	char	buf[32];

	memset(e, 0, sizeof *e);
	column_copy(st, 0, e->id, sizeof e->id);
	column_copy(st, 1, e->name, sizeof e->name);
	column_copy(st, 2, e->name_nl, sizeof e->name_nl);
	column_copy(st, 3, e->name_en, sizeof e->name_en);
	if (column_aliases(st, 4, e) != 0) {
		dst_set_cause(cause, "destination %s: bad aliases", e->id);
		return (-1);
	}
	column_copy(st, 5, e->country, sizeof e->country);
	e->lat = sqlite3_column_double(st, 6);
	e->lon = sqlite3_column_double(st, 7);
	column_copy(st, 8, e->coord_source, sizeof e->coord_source);
	column_copy(st, 9, buf, sizeof buf);
	if (dec_mode_parse(buf, &e->mode) != 0) {
		dst_set_cause(cause, "destination %s: bad mode", e->id);
		return (-1);
	}
	column_copy(st, 10, buf, sizeof buf);
	if (dec_strength_parse(buf, &e->strength) != 0) {
		dst_set_cause(cause, "destination %s: bad strength", e->id);
		return (-1);
	}
	if (sqlite3_column_type(st, 11) == SQLITE_NULL)
		e->rail_hours = -1;
	else
		e->rail_hours = sqlite3_column_double(st, 11);
	e->rail_estimated = sqlite3_column_int(st, 12) != 0;
	column_copy(st, 13, e->rail_source, sizeof e->rail_source);
	column_copy(st, 14, e->rail_source_date, sizeof e->rail_source_date);
	e->night_train = sqlite3_column_int(st, 15) != 0;
	column_copy(st, 16, e->night_train_note, sizeof e->night_train_note);
	column_copy(st, 17, e->notes, sizeof e->notes);
	if (column_day(st, 18, &e->active_from, LONG_MIN) != 0 ||
	    column_day(st, 19, &e->retired, LONG_MAX) != 0) {
		dst_set_cause(cause, "destination %s: bad active_from or "
		    "retired date", e->id);
		return (-1);
	}
	e->version = sqlite3_column_int(st, 20);
	column_copy(st, 21, e->updated_at, sizeof e->updated_at);
	column_copy(st, 22, e->updated_by, sizeof e->updated_by);
	return (0);
}

/* Load every destination, sorted by id. */
static int
entries_load(struct dst_snapshot *s, sqlite3 *db, char **cause)
{
	static const char sql[] = "SELECT id, name, name_nl, name_en, "
	    "aliases, country, lat, lon, coord_source, mode, strength, "
	    "rail_hours, rail_estimated, rail_source, rail_source_date, "
	    "night_train, night_train_note, notes, active_from, retired, "
	    "version, updated_at, updated_by FROM destinations ORDER BY id";
	sqlite3_stmt		*st;
	struct dst_entry	*ne;
	size_t			 cap = 0;
	int			 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "reading destinations", cause);
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (s->nentries == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			ne = reallocarray(s->entries, cap, sizeof *ne);
			if (ne == NULL) {
				dst_set_cause(cause, "out of memory");
				goto fail;
			}
			s->entries = ne;
		}
		if (entry_read(st, &s->entries[s->nentries], cause) != 0)
			goto fail;
		s->nentries++;
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "reading destinations", cause);
		goto fail;
	}
	sqlite3_finalize(st);
	return (0);

fail:
	sqlite3_finalize(st);
	return (-1);
}

/* Run a one-row query; return 1 with the row, 0 if none, -1 on error. */
static int
query_row(sqlite3 *db, const char *sql, sqlite3_stmt **stp, char **cause)
{
	int	rc;

	if (sqlite3_prepare_v2(db, sql, -1, stp, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "reading the database", cause);
		*stp = NULL;
		return (-1);
	}
	rc = sqlite3_step(*stp);
	if (rc == SQLITE_ROW)
		return (1);
	if (rc == SQLITE_DONE)
		return (0);
	dst_sql_cause(db, "reading the database", cause);
	return (-1);
}

/* Load the current policy (the highest version). */
static int
policy_load(struct dst_snapshot *s, sqlite3 *db, char **cause)
{
	sqlite3_stmt	*st;
	const char	*data;
	json_t		*j = NULL;
	char		*why = NULL;
	int		 rc = -1;

	switch (query_row(db, "SELECT version, data FROM policies ORDER BY "
	    "version DESC LIMIT 1", &st, cause)) {
	case -1:
		goto out;
	case 0:
		dst_set_cause(cause, "the database has no policy");
		goto out;
	}
	data = (const char *)sqlite3_column_text(st, 1);
	if (data == NULL || (s->policy_json = strdup(data)) == NULL ||
	    (j = dst_load_json(data, strlen(data), "policy", cause)) == NULL)
		goto out;
	if (dst_policy_from_json(j, &s->policy, &why) != 0) {
		dst_set_cause(cause, "policy version %d: %s",
		    sqlite3_column_int(st, 0), why);
		goto out;
	}
	s->policy.version = sqlite3_column_int(st, 0);
	rc = 0;
out:
	free(why);
	json_decref(j);
	sqlite3_finalize(st);
	return (rc);
}

/* Load the current factor set. */
static int
factors_load(struct dst_snapshot *s, sqlite3 *db, char **cause)
{
	sqlite3_stmt	*st;
	const char	*data;
	json_t		*j = NULL;
	char		*why = NULL;
	int		 rc = -1;

	switch (query_row(db, "SELECT name, data FROM factor_sets WHERE "
	    "is_current = 1 ORDER BY version DESC LIMIT 1", &st, cause)) {
	case -1:
		goto out;
	case 0:
		dst_set_cause(cause, "the database has no current factor set");
		goto out;
	}
	data = (const char *)sqlite3_column_text(st, 1);
	if (data == NULL || (s->factors_json = strdup(data)) == NULL ||
	    (j = dst_load_json(data, strlen(data), "factor set",
	    cause)) == NULL)
		goto out;
	if (dst_factors_from_json(j, &s->factors, &why) != 0) {
		dst_set_cause(cause, "factor set %s: %s",
		    sqlite3_column_text(st, 0), why);
		goto out;
	}
	rc = 0;
out:
	free(why);
	json_decref(j);
	sqlite3_finalize(st);
	return (rc);
}

/* Load the current version of every zone, sorted by id, as WKB. */
static int
zones_load(struct dst_snapshot *s, sqlite3 *db, char **cause)
{
	static const char sql[] = "SELECT id, version, geojson FROM zones AS z "
	    "WHERE version = (SELECT max(version) FROM zones WHERE id = z.id) "
	    "ORDER BY id";
	sqlite3_stmt	*st;
	struct dst_zone	*nz, *z;
	char		*why = NULL;
	const char	*id, *text;
	size_t		 cap = 0;
	int		 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "reading zones", cause);
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (s->nzones == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			if ((nz = reallocarray(s->zones, cap,
			    sizeof *nz)) == NULL) {
				dst_set_cause(cause, "out of memory");
				goto fail;
			}
			s->zones = nz;
		}
		z = &s->zones[s->nzones];
		id = (const char *)sqlite3_column_text(st, 0);
		text = (const char *)sqlite3_column_text(st, 2);
		if (id == NULL || text == NULL ||
		    dst_zone_from_geojson(id, text, z, &why) != 0) {
			dst_set_cause(cause, "zone %s: %s", id != NULL ? id :
			    "?", why != NULL ? why : "out of memory");
			free(why);
			goto fail;
		}
		z->version = sqlite3_column_int(st, 1);
		s->nzones++;
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "reading zones", cause);
		goto fail;
	}
	sqlite3_finalize(st);
	if (s->nzones == 0) {
		dst_set_cause(cause, "the database has no rail zone");
		return (-1);
	}
	return (0);

fail:
	sqlite3_finalize(st);
	return (-1);
}

/* Distances, zones and the rail-time calibration of the list. */
static int
snapshot_derive(struct dst_snapshot *s, char **cause)
{
	const struct dec_policy	*p = &s->policy;
	struct dec_rail_point	*pts = NULL;
	struct dst_entry	*e;
	size_t			 i, n = 0;
	int			 z;

	if (s->nentries > 0) {
		s->entry_zone = calloc(s->nentries, sizeof *s->entry_zone);
		pts = calloc(s->nentries, sizeof *pts);
		if (s->entry_zone == NULL || pts == NULL) {
			free(pts);
			dst_set_cause(cause, "out of memory");
			return (-1);
		}
	}
	for (i = 0; i < s->nentries; i++) {
		e = &s->entries[i];
		e->distance_km = dec_haversine_km(p->origin_lat, p->origin_lon,
		    e->lat, e->lon);
		if ((z = dst_zone_locate(s, e->lat, e->lon)) == -2) {
			free(pts);
			dst_set_cause(cause, "GEOS failed on the rail zone");
			return (-1);
		}
		s->entry_zone[i] = z;
		e->in_rail_zone = z >= 0;

		/* Sourced rail times inside the zone, of current entries. */
		if (e->rail_hours >= 0 && !e->rail_estimated &&
		    e->in_rail_zone && e->retired == LONG_MAX) {
			pts[n].km = e->distance_km;
			pts[n].hours = e->rail_hours;
			n++;
		}
	}
	dec_calibrate(p, pts, n, &s->calibration);
	free(pts);
	return (0);
}

/* Free a snapshot (its last reference is gone). */
static void
snapshot_free(struct dst_snapshot *s)
{
	if (s == NULL)
		return;
	free(s->entries);
	free(s->entry_zone);
	free(s->names);
	free(s->pool);
	dst_zones_free(s->zones, s->nzones);
	free(s->zones);
	free(s->policy_json);
	free(s->factors_json);
	if (s->keys != NULL)
		explicit_bzero(s->keys, s->nkeys * sizeof *s->keys);
	free(s->keys);
	dst_places_free(s->places);
	dst_countries_free(s->countries);
	free(s);
}

/* Load a new snapshot from the store. */
struct dst_snapshot *
dst_snapshot_load(struct dst_store *store, char **cause)
{
	struct dst_snapshot	*s;

	if ((s = calloc(1, sizeof *s)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (NULL);
	}
	atomic_init(&s->refs, 1);
	s->generation = atomic_fetch_add(&snapshot_generation, 1) + 1;

	/* One read transaction: a consistent view of every table. */
	if (dst_exec(store->db, "BEGIN", cause) != 0)
		goto fail;
	if (policy_load(s, store->db, cause) != 0 ||
	    factors_load(s, store->db, cause) != 0 ||
	    zones_load(s, store->db, cause) != 0 ||
	    entries_load(s, store->db, cause) != 0 ||
	    dst_keys_load(s, store->db, cause) != 0 ||
	    dst_places_load(s, store->db, cause) != 0 ||
	    dst_countries_load(s, store->db, cause) != 0) {
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
		goto fail;
	}
	if (dst_exec(store->db, "COMMIT", cause) != 0)
		goto fail;

	if (snapshot_derive(s, cause) != 0 || dst_names_build(s, cause) != 0)
		goto fail;
	return (s);

fail:
	snapshot_free(s);
	return (NULL);
}

/* Take a reference. */
void
dst_snapshot_ref(struct dst_snapshot *s)
{
	atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
}

/* Drop a reference; the last one frees. */
void
dst_snapshot_unref(struct dst_snapshot *s)
{
	if (s == NULL)
		return;
	if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1)
		snapshot_free(s);
}

const struct dec_policy *
dst_snapshot_policy(const struct dst_snapshot *s)
{
	return (&s->policy);
}

const struct dec_factor_set *
dst_snapshot_factors(const struct dst_snapshot *s)
{
	return (&s->factors);
}

const struct dec_calibration *
dst_snapshot_calibration(const struct dst_snapshot *s)
{
	return (&s->calibration);
}

const char *
dst_snapshot_policy_json(const struct dst_snapshot *s)
{
	return (s->policy_json);
}

const char *
dst_snapshot_factors_json(const struct dst_snapshot *s)
{
	return (s->factors_json);
}

size_t
dst_snapshot_count(const struct dst_snapshot *s)
{
	return (s->nentries);
}

const struct dst_entry *
dst_snapshot_entry(const struct dst_snapshot *s, size_t i)
{
	return (i < s->nentries ? &s->entries[i] : NULL);
}

static int
entry_id_cmp(const void *key, const void *elem)
{
	return (strcmp(key, ((const struct dst_entry *)elem)->id));
}

/* An entry by exact id. */
const struct dst_entry *
dst_snapshot_find(const struct dst_snapshot *s, const char *id)
{
	if (id == NULL || s->nentries == 0)
		return (NULL);
	return (bsearch(id, s->entries, s->nentries, sizeof *s->entries,
	    entry_id_cmp));
}

/* The decision's view of a list entry on a day. */
void
dst_place_from_entry(const struct dst_snapshot *s, const struct dst_entry *e,
    long day, struct dec_place *pl)
{
	int	z = -1;

	memset(pl, 0, sizeof *pl);
	dst_copy(pl->id, sizeof pl->id, e->id);
	dst_copy(pl->name, sizeof pl->name, e->name);
	dst_copy(pl->country, sizeof pl->country, e->country);
	pl->lat = e->lat;
	pl->lon = e->lon;
	pl->listed = dst_entry_active(e, day);
	pl->list_mode = e->mode;
	pl->list_strength = e->strength;
	pl->rail_hours = e->rail_hours;
	pl->rail_estimated = e->rail_estimated;
	dst_copy(pl->rail_source, sizeof pl->rail_source, e->rail_source);
	pl->night_train = e->night_train;

	/* An entry of this snapshot has its zone already. */
	if (s->nentries > 0 && (uintptr_t)e >= (uintptr_t)s->entries &&
	    (uintptr_t)e < (uintptr_t)(s->entries + s->nentries))
		z = s->entry_zone[e - s->entries];
	else
		z = dst_zone_locate(s, e->lat, e->lon);
	pl->in_rail_zone = z >= 0;
	if (z >= 0)
		dst_copy(pl->zone_id, sizeof pl->zone_id, s->zones[z].id);
	else if (s->nzones > 0)
		dst_copy(pl->zone_id, sizeof pl->zone_id, s->zones[0].id);
}

/* The decision's view of an unlisted point. */
void
dst_place_from_point(const struct dst_snapshot *s, const char *name,
    const char *country, double lat, double lon, struct dec_place *pl)
{
	memset(pl, 0, sizeof *pl);
	dst_copy(pl->name, sizeof pl->name, name);
	if (country != NULL && *country != '\0')
		dst_copy(pl->country, sizeof pl->country, country);
	else
		(void)dst_snapshot_country_at(s, lat, lon, pl->country);
	pl->lat = lat;
	pl->lon = lon;
	pl->listed = 0;
	pl->rail_hours = -1;
	pl->in_rail_zone = dst_snapshot_in_rail_zone(s, lat, lon, pl->zone_id);
}
