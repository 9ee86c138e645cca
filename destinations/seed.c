/*
 * First start: load the embedded seed data (policy, factor set, rail zone,
 * destination list, gazetteer, country borders) into an empty database,
 * all in one transaction.
 */

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/embedded.h"
#include "destinations/internal.h"

#define DUMP_FLAGS	(JSON_COMPACT | JSON_REAL_PRECISION(15))

/* Parse an embedded file as JSON. */
static json_t *
seed_load(const char *path, char **cause)
{
	const struct dst_embedded	*f;

	if ((f = dst_embedded_find(path)) == NULL) {
		dst_set_cause(cause, "%s: not compiled in", path);
		return (NULL);
	}
	return (dst_load_json((const char *)f->data, f->len, path, cause));
}

/* Prepare, bind text values in order, step once, finalize. */
static int
seed_insert(sqlite3 *db, const char *sql, const char *what, char **cause,
    int n, const char **values)
{
	sqlite3_stmt	*st;
	int		 i, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, what, cause);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (sqlite3_bind_text(st, i + 1, values[i], -1,
		    SQLITE_STATIC) != SQLITE_OK) {
			dst_sql_cause(db, what, cause);
			sqlite3_finalize(st);
			return (-1);
		}
	}
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, what, cause);
		sqlite3_finalize(st);
		return (-1);
	}
	sqlite3_finalize(st);
	return (0);
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
bind_day(sqlite3_stmt *st, int i, long day)
{
	char	buf[16];

	if (day == LONG_MIN || day == LONG_MAX)
		return (sqlite3_bind_null(st, i));
	dec_date_format(day, buf, sizeof buf);
	return (sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT));
}

/* The aliases of an entry as a JSON array text (malloc'd). */
char *
dst_aliases_json(const struct dst_entry *e)
{
	json_t	*a;
	char	*s;
	int	 i;

	if ((a = json_array()) == NULL)
		return (NULL);
	for (i = 0; i < e->naliases; i++) {
		if (json_array_append_new(a, json_string(e->aliases[i])) != 0) {
			json_decref(a);
			return (NULL);
		}
	}
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return (s);
}

/*
 * Bind an entry to ?1..?23 of an INSERT or UPDATE of the destinations
 * table (id, name, name_nl, name_en, aliases (JSON text), country, lat,
 * lon, coord_source, mode, strength, rail_hours, rail_estimated,
 * rail_source, rail_source_date, night_train, night_train_note, notes,
 * active_from, retired, version, updated_at, updated_by).  SQLITE_OK (0),
 * or non-zero if a value could not be bound.
 */
int
dst_entry_bind(sqlite3_stmt *st, const struct dst_entry *e,
    const char *aliases)
{
	return (sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 2, e->name, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 3, e->name_nl, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 4, e->name_en, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 5, aliases, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 6, e->country, -1, SQLITE_STATIC) ||
	    sqlite3_bind_double(st, 7, e->lat) ||
	    sqlite3_bind_double(st, 8, e->lon) ||
	    sqlite3_bind_text(st, 9, e->coord_source, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 10, dec_mode_name(e->mode), -1,
	    SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 11, dec_strength_name(e->strength), -1,
	    SQLITE_STATIC) ||
	    (e->rail_hours >= 0 ? sqlite3_bind_double(st, 12, e->rail_hours) :
	    sqlite3_bind_null(st, 12)) ||
	    sqlite3_bind_int(st, 13, e->rail_estimated ? 1 : 0) ||
	    sqlite3_bind_text(st, 14, e->rail_source, -1, SQLITE_STATIC) ||
	    bind_text_or_null(st, 15, e->rail_source_date) ||
	    sqlite3_bind_int(st, 16, e->night_train ? 1 : 0) ||
	    sqlite3_bind_text(st, 17, e->night_train_note, -1,
	    SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 18, e->notes, -1, SQLITE_STATIC) ||
	    bind_day(st, 19, e->active_from) ||
	    bind_day(st, 20, e->retired) ||
	    sqlite3_bind_int(st, 21, e->version) ||
	    sqlite3_bind_text(st, 22, e->updated_at, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 23, e->updated_by, -1, SQLITE_STATIC));
}

/*
 * Insert a new entry (its row and its first version) with the given
 * changes JSON.  The caller holds a write transaction.
 */
int
dst_entry_insert(sqlite3 *db, const struct dst_entry *e, const char *changes,
    char **cause)
{
	static const char sql[] = "INSERT INTO destinations (id, name, "
	    "name_nl, name_en, aliases, country, lat, lon, coord_source, "
	    "mode, strength, rail_hours, rail_estimated, rail_source, "
	    "rail_source_date, night_train, night_train_note, notes, "
	    "active_from, retired, version, updated_at, updated_by) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)";
	sqlite3_stmt	*st = NULL;
	json_t		*j = NULL;
	char		*aliases = NULL, *data = NULL, ver[16];
	const char	*v[6];
	int		 rc = -1;

	if ((aliases = dst_aliases_json(e)) == NULL ||
	    (j = dst_entry_to_json(e)) == NULL ||
	    (data = json_dumps(j, DUMP_FLAGS)) == NULL) {
		dst_set_cause(cause, "%s: out of memory", e->id);
		goto out;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto sqlfail;
	if (dst_entry_bind(st, e, aliases) != SQLITE_OK)
		goto sqlfail;
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlfail;

	snprintf(ver, sizeof ver, "%d", e->version);
	v[0] = e->id;
	v[1] = ver;
	v[2] = data;
	v[3] = e->updated_by;
	v[4] = e->updated_at;
	v[5] = changes;
	if (seed_insert(db, "INSERT INTO destination_versions (id, version, "
	    "data, changed_by, changed_at, changes) VALUES (?1, CAST(?2 AS "
	    "INTEGER), ?3, ?4, ?5, ?6)", e->id, cause, 6, v) != 0)
		goto out;
	rc = 0;
	goto out;

sqlfail:
	dst_sql_cause(db, e->id, cause);
out:
	sqlite3_finalize(st);
	free(data);
	json_decref(j);
	free(aliases);
	return (rc);
}

/* Seed the policy (version 1). */
static int
seed_policy(sqlite3 *db, const char *now, char **cause)
{
	struct dec_policy	 p;
	json_t			*j;
	char			*data = NULL, *why = NULL;
	const char		*v[3];
	int			 rc = -1;

	if ((j = seed_load("data/policy.json", cause)) == NULL)
		return (-1);
	if (dst_policy_from_json(j, &p, &why) != 0) {
		dst_set_cause(cause, "data/policy.json: %s", why);
		goto out;
	}
	if ((data = json_dumps(j, DUMP_FLAGS)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto out;
	}
	v[0] = data;
	v[1] = now;
	v[2] = DST_SEED_USER;
	rc = seed_insert(db, "INSERT INTO policies (version, data, created_at, "
	    "created_by) VALUES (1, ?1, ?2, ?3)", "data/policy.json", cause,
	    3, v);
out:
	free(why);
	free(data);
	json_decref(j);
	return (rc);
}

/* Seed the factor set (version 1, current). */
static int
seed_factors(sqlite3 *db, const char *now, char **cause)
{
	static const char	 path[] = "data/factors-desnz-2025.json";
	struct dec_factor_set	 fs;
	json_t			*j;
	char			*data = NULL, *why = NULL, year[16];
	const char		*v[5];
	int			 rc = -1;

	if ((j = seed_load(path, cause)) == NULL)
		return (-1);
	if (dst_factors_from_json(j, &fs, &why) != 0) {
		dst_set_cause(cause, "%s: %s", path, why);
		goto out;
	}
	if ((data = json_dumps(j, DUMP_FLAGS)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto out;
	}
	snprintf(year, sizeof year, "%d", fs.year);
	v[0] = fs.name;
	v[1] = year;
	v[2] = data;
	v[3] = now;
	v[4] = DST_SEED_USER;
	rc = seed_insert(db, "INSERT INTO factor_sets (name, version, year, "
	    "data, is_current, created_at, created_by) VALUES (?1, 1, "
	    "CAST(?2 AS INTEGER), ?3, 1, ?4, ?5)", path, cause, 5, v);
out:
	free(why);
	free(data);
	json_decref(j);
	return (rc);
}

/* Seed the rail zone (version 1), checked by GEOS first. */
static int
seed_zone(sqlite3 *db, const char *now, char **cause)
{
	static const char		 path[] = "data/rail-zone.geojson";
	const struct dst_embedded	*f;
	struct dst_zone			 z;
	char				*why = NULL;
	const char			*v[4];
	int				 rc;

	if ((f = dst_embedded_find(path)) == NULL) {
		dst_set_cause(cause, "%s: not compiled in", path);
		return (-1);
	}
	if (dst_zone_from_geojson(NULL, (const char *)f->data, &z, &why) != 0) {
		dst_set_cause(cause, "%s: %s", path, why);
		free(why);
		return (-1);
	}
	v[0] = z.id;
	v[1] = (const char *)f->data;
	v[2] = now;
	v[3] = DST_SEED_USER;
	rc = seed_insert(db, "INSERT INTO zones (id, version, geojson, "
	    "created_at, created_by) VALUES (?1, 1, ?2, ?3, ?4)", path, cause,
	    4, v);
	dst_zones_free(&z, 1);
	return (rc);
}

/* Seed the destination list. */
static int
seed_destinations(sqlite3 *db, const char *now, char **cause)
{
	static const char	 path[] = "data/destinations.json";
	struct dst_entry	 e;
	json_t			*j, *list, *v;
	char			*why = NULL;
	size_t			 i;
	int			 rc = -1;

	if ((j = seed_load(path, cause)) == NULL)
		return (-1);
	list = json_object_get(j, "destinations");
	if (!json_is_array(list)) {
		dst_set_cause(cause, "%s: no \"destinations\" array", path);
		goto out;
	}
	json_array_foreach(list, i, v) {
		if (dst_entry_from_json(v, &e, &why) != 0) {
			dst_set_cause(cause, "%s: entry %zu: %s", path, i + 1,
			    why);
			goto out;
		}
		e.version = 1;
		dst_copy(e.updated_at, sizeof e.updated_at, now);
		dst_copy(e.updated_by, sizeof e.updated_by, DST_SEED_USER);
		if (dst_entry_insert(db, &e, "{\"action\":\"create\"}",
		    cause) != 0)
			goto out;
	}
	rc = 0;
out:
	free(why);
	json_decref(j);
	return (rc);
}

/* Has the database been seeded (or filled by hand) already? */
static int
seed_done(sqlite3 *db, int *done, char **cause)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM "
	    "destinations) OR EXISTS (SELECT 1 FROM meta WHERE key = "
	    "'seeded_at')", -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "seed", cause);
		return (-1);
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		dst_sql_cause(db, "seed", cause);
		sqlite3_finalize(st);
		return (-1);
	}
	*done = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (0);
}

/* Seed an empty database from the embedded data, in one transaction. */
int
dst_seed(struct dst_store *s, char **cause)
{
	char		 now[32];
	const char	*v[1];
	int		 done, rc;

	if (dst_exec(s->db, "BEGIN IMMEDIATE", cause) != 0)
		return (-1);
	if (seed_done(s->db, &done, cause) != 0)
		goto fail;

	dst_now(now, sizeof now);
	v[0] = now;
	if (!done && (seed_policy(s->db, now, cause) != 0 ||
	    seed_factors(s->db, now, cause) != 0 ||
	    seed_destinations(s->db, now, cause) != 0 ||
	    seed_insert(s->db, "INSERT INTO meta (key, value) VALUES "
	    "('seeded_at', ?1)", "seed", cause, 1, v) != 0))
		goto fail;
	/* The gazetteer and the borders: on a new database and once after
	 * the upgrade to schema 4. */
	if (dst_places_seed(s->db, now, cause) != 0)
		goto fail;
	/* A new database's rail zone is built from the borders; the
	 * hand-drawn one if there are none.  An upgraded database keeps its
	 * zone (tripmoded import-places rebuilds it). */
	if (!done) {
		if ((rc = dst_rail_zone_seed(s->db, now, cause)) < 0 ||
		    (rc == 0 && seed_zone(s->db, now, cause) != 0))
			goto fail;
	}
	if (dst_exec(s->db, "COMMIT", cause) != 0)
		goto fail;
	return (0);

fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return (-1);
}
