/*
 * First start: load the embedded seed data (policy, factor set, rail zone,
 * destination list, gazetteer, country borders) into an empty database,
 * all in one transaction.
 */

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"


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

/* Seed the policy (version 1). */
static int
seed_policy(sqlite3 *db, const char *now, char **cause)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct dec_policy	 p;
	json_t			*j;
	char			*data = NULL;
	const char		*v[3];
	int			 rc = -1;

	if ((j = seed_load("data/policy.json", cause)) == NULL)
		return (-1);
	if (dst_policy_from_json(j, &p, &errs) != 0) {
		dst_set_cause(cause, "data/policy.json: %s: %s",
		    errs.v[0].field, errs.v[0].message);
		goto out;
	}
	if ((data = json_dumps(j, DST_DOC_FLAGS)) == NULL) {
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
	dec_errors_clear(&errs);
	free(data);
	json_decref(j);
	return (rc);
}

/*
 * The rail network: version 1 from the embedded data, on a new database
 * and once on one upgraded to schema 7 (the table is empty).
 */
static int
seed_rail_network(sqlite3 *db, const char *now, char **cause)
{
	static const char	 path[] = "data/rail-network.json";
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct dst_rail_network	 rn;
	sqlite3_stmt		*st;
	json_t			*j;
	char			*data = NULL;
	const char		*v[3];
	int			 rc = -1, have;

	if ((st = dst_sql_prepare(db, "SELECT EXISTS (SELECT 1 FROM "
	    "rail_networks)", cause, "")) == NULL)
		return (-1);
	have = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (have != 0) {
		if (have < 0)
			dst_sql_cause(db, "seed", cause);
		return (have < 0 ? -1 : 0);
	}
	if ((j = seed_load(path, cause)) == NULL)
		return (-1);
	if (dst_rail_network_from_json(j, &rn, &errs) != 0) {
		dst_set_cause(cause, "%s: %s: %s", path, errs.v[0].field,
		    errs.v[0].message);
		goto out;
	}
	dst_rail_network_free(&rn);
	if ((data = json_dumps(j, DST_DOC_FLAGS)) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto out;
	}
	v[0] = data;
	v[1] = now;
	v[2] = DST_SEED_USER;
	rc = seed_insert(db, "INSERT INTO rail_networks (version, data, "
	    "created_at, created_by) VALUES (1, ?1, ?2, ?3)", path, cause, 3,
	    v);
out:
	dec_errors_clear(&errs);
	free(data);
	json_decref(j);
	return (rc);
}

/*
 * A policy stored before a field existed: its next version takes every
 * missing field, with its source, from the embedded policy (as "seed").
 * Nothing is written when every field is there.
 */
static int
seed_policy_upgrade(sqlite3 *db, const char *now, char **cause)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct dec_policy	 p;
	sqlite3_stmt		*st;
	json_t			*def, *cur = NULL, *src, *dsrc, *v;
	const char		*key, *text;
	char			*data = NULL;
	int			 rc = -1, version = 0, added = 0;

	if ((def = seed_load("data/policy.json", cause)) == NULL)
		return (-1);
	if ((st = dst_sql_prepare(db, "SELECT version, data FROM policies "
	    "ORDER BY version DESC LIMIT 1", cause, "")) == NULL)
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (text = (const char *)sqlite3_column_text(st, 1)) != NULL) {
		version = sqlite3_column_int(st, 0);
		cur = dst_load_json(text, strlen(text), "stored policy", cause);
	}
	sqlite3_finalize(st);
	if (cur == NULL) {
		rc = version == 0 ? 0 : -1;	/* none yet: seeded whole */
		goto out;
	}
	if (!json_is_object(src = json_object_get(cur, "sources"))) {
		if ((src = json_object()) == NULL ||
		    json_object_set_new(cur, "sources", src) != 0)
			abort();
	}
	dsrc = json_object_get(def, "sources");
	json_object_foreach(def, key, v) {
		if (!dst_policy_field(key) || json_object_get(cur, key) != NULL)
			continue;
		if (json_object_set(cur, key, v) != 0 || (json_object_get(dsrc,
		    key) != NULL && json_object_set(src, key,
		    json_object_get(dsrc, key)) != 0))
			abort();
		added++;
	}
	if (added == 0) {
		rc = 0;
		goto out;
	}
	/* Sources last, as in the embedded document. */
	json_incref(src);
	json_object_del(cur, "sources");
	if (json_object_set_new(cur, "sources", src) != 0)
		abort();
	if (dst_policy_from_json(cur, &p, &errs) != 0) {
		dst_set_cause(cause, "the stored policy (version %d) with the "
		    "new fields: %s: %s", version, errs.v[0].field,
		    errs.v[0].message);
		goto out;
	}
	if ((data = json_dumps(cur, DST_DOC_FLAGS)) == NULL)
		abort();
	rc = dst_sql_done(db, dst_sql_prepare(db, "INSERT INTO policies "
	    "(version, data, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
	    cause, "ittt", version + 1, data, now, DST_SEED_USER), cause);
out:
	dec_errors_clear(&errs);
	free(data);
	json_decref(cur);
	json_decref(def);
	return (rc);
}

/*
 * The current factor set, when it is the embedded one's name stored
 * before rail had factors by operator and country: its next version
 * takes them from the embedded set (as "seed").  Nothing is written for
 * another set, or one that has them.
 */
static int
seed_factors_upgrade(sqlite3 *db, const char *now, char **cause)
{
	static const char	 path[] = "data/factors-desnz-2025.json";
	static const char *const add[] = { "rail_operators", "rail_countries",
	    NULL };
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct dec_factor_set	 fs;
	sqlite3_stmt		*st;
	json_t			*def, *cur = NULL, *doc = NULL, *v;
	const char		*text, *name, *const *keys;
	char			*data = NULL, cname[DEC_ID_MAX] = "";
	int			 rc = -1, version = 0, max = 0, year = 0, i;

	if ((def = seed_load(path, cause)) == NULL)
		return (-1);
	if ((st = dst_sql_prepare(db, "SELECT name, data, year, (SELECT "
	    "max(version) FROM factor_sets) FROM factor_sets WHERE "
	    "is_current = 1", cause, "")) == NULL)
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (text = (const char *)sqlite3_column_text(st, 1)) != NULL) {
		dst_column_copy(st, 0, cname, sizeof cname);
		year = sqlite3_column_int(st, 2);
		max = sqlite3_column_int(st, 3);
		cur = dst_load_json(text, strlen(text), "stored factor set",
		    cause);
		version = max;
	}
	sqlite3_finalize(st);
	name = json_string_value(json_object_get(def, "name"));
	if (cur == NULL || name == NULL || strcmp(cname, name) != 0 ||
	    json_object_get(cur, "rail_countries") != NULL) {
		rc = cur == NULL && version != 0 ? -1 : 0;
		goto out;
	}
	/* The members in their stored order, the new ones in their place. */
	if ((doc = json_object()) == NULL)
		abort();
	for (keys = dst_factors_keys(); *keys != NULL; keys++) {
		v = json_object_get(cur, *keys);
		for (i = 0; add[i] != NULL; i++)
			if (strcmp(*keys, add[i]) == 0)
				v = json_object_get(def, *keys);
		if (v != NULL && json_object_set(doc, *keys, v) != 0)
			abort();
	}
	if (dst_factors_from_json(doc, &fs, &errs) != 0) {
		dst_set_cause(cause, "the stored factor set %s with rail by "
		    "operator and country: %s: %s", cname, errs.v[0].field,
		    errs.v[0].message);
		goto out;
	}
	if ((data = json_dumps(doc, DST_DOC_FLAGS)) == NULL)
		abort();
	rc = dst_sql_done(db, dst_sql_prepare(db, "UPDATE factor_sets SET "
	    "is_current = 0 WHERE is_current = 1", cause, ""), cause);
	if (rc == 0)
		rc = dst_sql_done(db, dst_sql_prepare(db, "INSERT INTO "
		    "factor_sets (name, version, year, data, is_current, "
		    "created_at, created_by) VALUES (?1, ?2, ?3, ?4, 1, ?5, "
		    "?6)", cause, "tiittt", cname, max + 1, year, data, now,
		    DST_SEED_USER), cause);
out:
	dec_errors_clear(&errs);
	free(data);
	json_decref(doc);
	json_decref(cur);
	json_decref(def);
	return (rc);
}

/* Seed the factor set (version 1, current). */
static int
seed_factors(sqlite3 *db, const char *now, char **cause)
{
	static const char	 path[] = "data/factors-desnz-2025.json";
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct dec_factor_set	 fs;
	json_t			*j;
	char			*data = NULL, year[16];
	const char		*v[5];
	int			 rc = -1;

	if ((j = seed_load(path, cause)) == NULL)
		return (-1);
	if (dst_factors_from_json(j, &fs, &errs) != 0) {
		dst_set_cause(cause, "%s: %s: %s", path, errs.v[0].field,
		    errs.v[0].message);
		goto out;
	}
	if ((data = json_dumps(j, DST_DOC_FLAGS)) == NULL) {
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
	dec_errors_clear(&errs);
	free(data);
	json_decref(j);
	return (rc);
}

/*
 * The factor set for the whole trip (data/factors-desnz-2025-plus.json):
 * on a new database (after DESNZ-2025, version 1) and once on an upgraded
 * one, as the next version.  It becomes the current set where the current
 * one is the seeded DESNZ-2025; a set of an administrator's own stays
 * current, the new one there to choose.  The older set stays stored:
 * trips keep the figures they were filed with, and PUT /v1/factors with
 * its document makes it current again.
 */
static int
seed_factors_plus(sqlite3 *db, const char *now, char **cause)
{
	static const char	 path[] = "data/factors-desnz-2025-plus.json";
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct dec_factor_set	 fs;
	sqlite3_stmt		*st;
	json_t			*j;
	char			*data = NULL, cname[DEC_ID_MAX] = "";
	int			 rc = -1, max = 0, have = 0, current;

	if ((j = seed_load(path, cause)) == NULL)
		return (-1);
	if (dst_factors_from_json(j, &fs, &errs) != 0) {
		dst_set_cause(cause, "%s: %s: %s", path, errs.v[0].field,
		    errs.v[0].message);
		goto out;
	}
	if ((st = dst_sql_prepare(db, "SELECT (SELECT name FROM factor_sets "
	    "WHERE is_current = 1), (SELECT max(version) FROM factor_sets), "
	    "(SELECT count(*) FROM factor_sets WHERE name = ?1)", cause, "t",
	    fs.name)) == NULL)
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW) {
		dst_column_copy(st, 0, cname, sizeof cname);
		max = sqlite3_column_int(st, 1);
		have = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	if (have > 0) {
		rc = 0;
		goto out;
	}
	if ((data = json_dumps(j, DST_DOC_FLAGS)) == NULL)
		abort();
	current = strcmp(cname, "DESNZ-2025") == 0;
	rc = current ? dst_sql_done(db, dst_sql_prepare(db, "UPDATE "
	    "factor_sets SET is_current = 0 WHERE is_current = 1", cause, ""),
	    cause) : 0;
	if (rc == 0)
		rc = dst_sql_done(db, dst_sql_prepare(db, "INSERT INTO "
		    "factor_sets (name, version, year, data, is_current, "
		    "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		    "?7)", cause, "tiitits", fs.name, max + 1, fs.year, data,
		    current, now, DST_SEED_USER), cause);
out:
	dec_errors_clear(&errs);
	free(data);
	json_decref(j);
	return (rc);
}

/* Store a zone as version 1, checked as every zone is when it loads. */
static int
seed_zone_text(sqlite3 *db, const char *what, const char *text,
    const char *now, char **cause)
{
	struct geo_zones	*z;
	const char		*v[4];
	int			 rc;

	if ((z = geo_zones_new()) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	rc = geo_zones_add(z, GEO_RAIL_ZONE_ID, 1, text, cause);
	geo_zones_unref(z);
	if (rc != 0)
		return (-1);
	v[0] = GEO_RAIL_ZONE_ID;
	v[1] = text;
	v[2] = now;
	v[3] = DST_SEED_USER;
	return (seed_insert(db, "INSERT INTO zones (id, version, geojson, "
	    "created_at, created_by) VALUES (?1, 1, ?2, ?3, ?4)", what, cause,
	    4, v));
}

/*
 * The rail zone of a new database: built from the borders, or the
 * hand-drawn one (data/rail-zone.geojson) when there are none.
 */
static int
seed_zone(sqlite3 *db, const char *now, char **cause)
{
	static const char		 path[] = "data/rail-zone.geojson";
	const struct dst_embedded	*f;
	char				*text;
	int				 rc;

	if (dst_rail_zone_text(db, &text, cause) != 0)
		return (-1);
	if (text != NULL) {
		rc = seed_zone_text(db, "rail zone built from the borders",
		    text, now, cause);
		free(text);
		return (rc);
	}
	if ((f = dst_embedded_find(path)) == NULL) {
		dst_set_cause(cause, "%s: not compiled in", path);
		return (-1);
	}
	return (seed_zone_text(db, path, (const char *)f->data, now, cause));
}

/* Seed the destination list. */
static int
seed_destinations(sqlite3 *db, const char *now, char **cause)
{
	static const char	 path[] = "data/destinations.json";
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct dst_entry	 e;
	json_t			*j, *list, *v;
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
		if (dst_entry_from_json(v, DST_ENTRY_STORED, &e,
		    &errs) != 0) {
			dst_set_cause(cause, "%s: entry %zu: %s: %s", path,
			    i + 1, errs.v[0].field, errs.v[0].message);
			goto out;
		}
		e.version = 1;
		dec_copy(e.updated_at, sizeof e.updated_at, now);
		dec_copy(e.updated_by, sizeof e.updated_by, DST_SEED_USER);
		if (dst_entry_insert(db, &e, "{\"action\":\"create\"}",
		    cause) != 0)
			goto out;
	}
	rc = 0;
out:
	dec_errors_clear(&errs);
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
	int		 done;

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
	 * the upgrade to schema 4 or 8. */
	if (dst_places_seed(s->db, now, cause) != 0)
		goto fail;
	/* A new database's rail zone is built from the borders; the
	 * hand-drawn one if there are none.  An upgraded database keeps its
	 * zone (tripmoded import-places rebuilds it). */
	if (!done && seed_zone(s->db, now, cause) != 0)
		goto fail;
	/* The rail network and the policy's newer fields: on a new database
	 * and once after an upgrade. */
	if (seed_rail_network(s->db, now, cause) != 0 ||
	    seed_policy_upgrade(s->db, now, cause) != 0 ||
	    seed_factors_upgrade(s->db, now, cause) != 0 ||
	    seed_factors_plus(s->db, now, cause) != 0)
		goto fail;
	if (dst_exec(s->db, "COMMIT", cause) != 0)
		goto fail;
	return (0);

fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return (-1);
}
