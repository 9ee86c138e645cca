/*
 * Versioned settings: the policy, the factor sets and the zones.  A write
 * checks the whole document with the parser every reader uses (every
 * error named), checks that the writer edited the current version, and
 * appends a new version, in one BEGIN IMMEDIATE transaction.  History is
 * computed from consecutive versions.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"

#define LONG_TEXT_MAX	1023	/* descriptions */

#define POLICY_SELECT	"SELECT version, data, created_at, created_by, '', " \
			"0, 1 FROM policies"
#define FACTORS_SELECT	"SELECT version, data, created_at, created_by, " \
			"name, year, is_current FROM factor_sets"
#define ZONE_SELECT	"SELECT version, geojson, created_at, created_by, " \
			"id, 0, 1 FROM zones"

/* --- results ------------------------------------------------------------- */

/* Release what a document holds. */
void
dst_doc_clear(struct dst_doc *d)
{
	json_decref(d->data);
	memset(d, 0, sizeof *d);
}

/* Release every version of a history. */
void
dst_history_clear(struct dst_history *h)
{
	size_t	i;

	for (i = 0; i < h->n; i++) {
		dst_doc_clear(&h->v[i].doc);
		json_decref(h->v[i].changes);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

/* Release what a result holds. */
void
dst_settings_result_clear(struct dst_settings_result *res)
{
	dst_doc_clear(&res->doc);
	dec_errors_clear(&res->errors);
	free(res->sets);
	memset(res, 0, sizeof *res);
}

/* The writer's name for the audit trail. */
static void
who_copy(char *buf, size_t len, const char *who)
{
	dec_copy(buf, len, who != NULL && *who != '\0' ? who : DST_ANONYMOUS);
}

/* --- rows ---------------------------------------------------------------- */

/* Read the current row of a settings query into d. */
static int
row_read(sqlite3_stmt *st, struct dst_doc *d, char **cause)
{
	const char	*data;

	memset(d, 0, sizeof *d);
	d->version = sqlite3_column_int(st, 0);
	dst_column_copy(st, 2, d->at, sizeof d->at);
	dst_column_copy(st, 3, d->by, sizeof d->by);
	dst_column_copy(st, 4, d->name, sizeof d->name);
	d->year = sqlite3_column_int(st, 5);
	d->current = sqlite3_column_int(st, 6);
	if ((data = (const char *)sqlite3_column_text(st, 1)) == NULL) {
		dst_set_cause(cause, "version %d has no data", d->version);
		return (-1);
	}
	if ((d->data = dst_load_json(data, strlen(data), "stored version",
	    cause)) == NULL)
		return (-1);
	return (0);
}

/* One row of a prepared query: 1 read into d, 0 none, -1 on error. */
static int
row_one(sqlite3 *db, sqlite3_stmt *st, struct dst_doc *d, char **cause)
{
	int	rc;

	memset(d, 0, sizeof *d);
	if (st == NULL)
		return (-1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = row_read(st, d, cause) == 0 ? 1 : -1;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else {
		dst_sql_cause(db, "database", cause);
		rc = -1;
	}
	sqlite3_finalize(st);
	return (rc);
}

/*
 * Walk the rows of a history query: for each, fn(row, version, arg) fills
 * the version's action and changes and returns 1 to keep the row, 0 to
 * skip it, -1 on error.
 */
static int
history_walk(sqlite3 *db, sqlite3_stmt *st, struct dst_history *h,
    int (*fn)(struct dst_doc *, struct dst_version *, void *), void *arg,
    char **cause)
{
	struct dst_version	*nv;
	struct dst_doc		 d;
	size_t			 cap = 0;
	int			 rc, keep;

	memset(h, 0, sizeof *h);
	if (st == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (row_read(st, &d, cause) != 0)
			goto fail;
		if (h->n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			if ((nv = reallocarray(h->v, cap, sizeof *nv)) == NULL)
				abort();
			h->v = nv;
		}
		memset(&h->v[h->n], 0, sizeof h->v[h->n]);
		keep = fn(&d, &h->v[h->n], arg);
		if (keep < 0) {
			dst_doc_clear(&d);
			goto fail;
		}
		if (keep) {
			h->v[h->n].doc = d;
			h->n++;
		} else
			dst_doc_clear(&d);
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "database", cause);
		sqlite3_finalize(st);
		dst_history_clear(h);
		return (-1);
	}
	sqlite3_finalize(st);
	return (0);

fail:
	sqlite3_finalize(st);
	dst_history_clear(h);
	return (-1);
}

/*
 * Does the writer's expected version allow the write over cur (version
 * 0: nothing yet)?  If not, fill the result and return 0.
 */
static int
version_ok(int expected, const struct dst_doc *cur,
    struct dst_settings_result *res)
{
	if (expected == DST_VERSION_ANY ||
	    (expected == DST_VERSION_NEW && cur->version == 0) ||
	    (expected > 0 && expected == cur->version))
		return (1);
	res->outcome = expected == DST_VERSION_NEW ? DST_SETTINGS_EXISTS :
	    DST_SETTINGS_STALE;
	res->doc.version = cur->version;
	memcpy(res->doc.at, cur->at, sizeof res->doc.at);
	memcpy(res->doc.by, cur->by, sizeof res->doc.by);
	memcpy(res->doc.name, cur->name, sizeof res->doc.name);
	return (0);
}

/* The result of a write that leaves doc current (taking doc's data). */
static void
res_done(struct dst_settings_result *res, enum dst_settings_outcome outcome,
    struct dst_doc *doc)
{
	res->outcome = outcome;
	res->doc = *doc;
	memset(doc, 0, sizeof *doc);
}

/* --- policy -------------------------------------------------------------- */

/* The policy's document member by member, for stored order and sources. */
static const char *const policy_order[] = {
	"origin_name", "origin_country", "origin_lat", "origin_lon",
	"airport_code", "airport_name", "airport_lat", "airport_lon",
	"airport_access_hours", "near_km", "working_day_hours",
	"long_day_hours", "second_class_max_hours", "rail_detour",
	"road_detour", "coach_detour", "car_capacity", "car_kmh", "coach_kmh",
	"plane_kmh", "plane_fixed_hours", "rail_fallback_kmh",
	"rail_fallback_fixed_hours", "rail_transfer_minutes",
	"rail_regional_kmh", "rail_bus_kmh", "rail_station_km",
	"rail_nearest_hubs", NULL
};

/*
 * The document to store: the fields in their order, description and
 * sources as given or as they were; a changed value whose source did not
 * change gets a source that says who changed it.
 */
static json_t *
policy_doc(const json_t *in, const json_t *prev, const char *who,
    const char *now, int version)
{
	json_t		*doc, *v, *src, *psrc, *osrc, *nsrc;
	char		 note[DEC_NAME_MAX + 96];
	int		 i;

	if ((doc = json_object()) == NULL)
		abort();
	if ((v = json_object_get(in, "description")) == NULL ||
	    json_is_null(v))
		v = json_object_get(prev, "description");
	if (v != NULL && json_object_set(doc, "description", v) != 0)
		abort();
	for (i = 0; policy_order[i] != NULL; i++)
		if (json_object_set(doc, policy_order[i],
		    json_object_get(in, policy_order[i])) != 0)
			abort();

	psrc = json_object_get(prev, "sources");
	if ((v = json_object_get(in, "sources")) == NULL || json_is_null(v))
		v = psrc;
	src = json_is_object(v) ? json_deep_copy(v) : json_object();
	if (src == NULL || json_object_set_new(doc, "sources", src) != 0)
		abort();
	for (i = 0; policy_order[i] != NULL; i++) {
		if (dst_same_value(json_object_get(prev, policy_order[i]),
		    json_object_get(doc, policy_order[i])))
			continue;
		osrc = json_object_get(psrc, policy_order[i]);
		nsrc = json_object_get(src, policy_order[i]);
		if (nsrc != NULL && (osrc == NULL || !json_equal(osrc, nsrc)))
			continue;
		snprintf(note, sizeof note, "changed by %s on %.10s (policy "
		    "version %d)", who, now, version);
		if (json_object_set_new(src, policy_order[i],
		    json_string(note)) != 0)
			abort();
	}
	return (doc);
}

/* Replace the policy (see store.h). */
int
dst_policy_put(struct dst_store *st, const json_t *in, int expected,
    const char *who, struct dst_settings_result *res, char **cause)
{
	sqlite3			*db = st->db;
	struct dec_policy	 p;
	struct dst_doc		 cur, next;
	json_t			*doc = NULL, *changes = NULL;
	char			*text = NULL;
	int			 rc = -1;

	memset(res, 0, sizeof *res);
	memset(&cur, 0, sizeof cur);
	memset(&next, 0, sizeof next);
	if (dst_policy_from_json(in, &p, &res->errors) != 0) {
		res->outcome = DST_SETTINGS_INVALID;
		return (0);
	}
	if (dst_tx_begin(db, cause) != 0)
		return (-1);
	switch (row_one(db, dst_sql_prepare(db, POLICY_SELECT " ORDER BY "
	    "version DESC LIMIT 1", cause, ""), &cur, cause)) {
	case 0:
		dst_set_cause(cause, "the database has no policy");
		/* FALLTHROUGH */
	case -1:
		goto fail;
	}
	if (!version_ok(expected, &cur, res)) {
		dst_tx_rollback(db);
		rc = 0;
		goto out;
	}
	next.version = cur.version + 1;
	dst_now(next.at, sizeof next.at);
	who_copy(next.by, sizeof next.by, who);
	doc = policy_doc(in, cur.data, next.by, next.at, next.version);
	if ((changes = dst_diff(cur.data, doc)) == NULL)
		abort();
	if (json_object_size(changes) == 0) {
		dst_tx_rollback(db);
		res_done(res, DST_SETTINGS_UNCHANGED, &cur);
		rc = 0;
		goto out;
	}
	if ((text = json_dumps(doc, DST_DOC_FLAGS)) == NULL)
		abort();
	if (dst_sql_done(db, dst_sql_prepare(db, "INSERT INTO policies "
	    "(version, data, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
	    cause, "ittt", next.version, text, next.at, next.by), cause) != 0 ||
	    dst_tx_commit(db, cause) != 0)
		goto fail;
	next.data = json_incref(doc);
	res_done(res, DST_SETTINGS_STORED, &next);
	rc = 0;
	goto out;

fail:
	dst_tx_rollback(db);
out:
	free(text);
	json_decref(changes);
	json_decref(doc);
	dst_doc_clear(&cur);
	return (rc);
}

/* The current policy (see store.h). */
int
dst_policy_current(struct dst_store *st, struct dst_doc *d, char **cause)
{
	switch (row_one(st->db, dst_sql_prepare(st->db, POLICY_SELECT
	    " ORDER BY version DESC LIMIT 1", cause, ""), d, cause)) {
	case 0:
		dst_set_cause(cause, "the database has no policy");
		/* FALLTHROUGH */
	case -1:
		return (-1);
	}
	return (0);
}

/* What a history walk carries from row to row. */
struct walk {
	json_t		*prev;		/* the data of the row before */
	const char	*name;		/* factor sets:
					 * only this one, or NULL */
	json_t		*seen;		/* factor sets: names met so far */
};

/* One version of the policy history. */
static int
policy_version(struct dst_doc *d, struct dst_version *v, void *arg)
{
	struct walk	*w = arg;

	v->action = w->prev == NULL ? "create" : "update";
	if ((v->changes = dst_diff(w->prev, d->data)) == NULL)
		abort();
	json_decref(w->prev);
	w->prev = json_incref(d->data);
	return (1);
}

/* Every version of the policy (see store.h). */
int
dst_policy_history(struct dst_store *st, struct dst_history *h,
    char **cause)
{
	struct walk	w = { NULL, NULL, NULL };
	int		rc;

	rc = history_walk(st->db, dst_sql_prepare(st->db, POLICY_SELECT
	    " ORDER BY version", cause, ""), h, policy_version, &w, cause);
	json_decref(w.prev);
	return (rc);
}

/* --- factor sets --------------------------------------------------------- */

/* The document to store: the members in their usual order. */
static json_t *
factors_doc(const json_t *in)
{
	const char *const	*keys = dst_factors_keys();
	json_t			*doc, *v;
	int			 i;

	if ((doc = json_object()) == NULL)
		abort();
	for (i = 0; keys[i] != NULL; i++) {
		v = json_object_get(in, keys[i]);
		if (v != NULL && !json_is_null(v) &&
		    json_object_set(doc, keys[i], v) != 0)
			abort();
	}
	return (doc);
}

/* The highest factor-set version of all sets (0 if none). */
static int
factors_max_version(sqlite3 *db, int *max, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = dst_sql_prepare(db, "SELECT coalesce(max(version), 0) FROM "
	    "factor_sets", cause, "")) == NULL)
		return (-1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*max = sqlite3_column_int(st, 0);
	else
		dst_sql_cause(db, "database", cause);
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 0 : -1);
}

/* The latest version of every set. */
static int
factors_sets(sqlite3 *db, struct dst_set_info **sets, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*sets = NULL;
	*n = 0;
	if ((st = dst_sql_prepare(db, "SELECT f.name, f.year, f.version, "
	    "f.is_current FROM factor_sets AS f WHERE f.version = (SELECT "
	    "max(version) FROM factor_sets WHERE name = f.name) ORDER BY "
	    "f.name", cause, "")) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 4 : cap * 2;
			if ((*sets = reallocarray(*sets, cap,
			    sizeof **sets)) == NULL)
				abort();
		}
		dst_column_copy(st, 0, (*sets)[*n].name,
		    sizeof (*sets)[*n].name);
		(*sets)[*n].year = sqlite3_column_int(st, 1);
		(*sets)[*n].version = sqlite3_column_int(st, 2);
		(*sets)[*n].current = sqlite3_column_int(st, 3);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "database", cause);
		free(*sets);
		*sets = NULL;
		*n = 0;
		return (-1);
	}
	return (0);
}

/* Store a factor set and make it current (see store.h). */
int
dst_factors_put(struct dst_store *st, const json_t *in, int expected,
    const char *who, struct dst_settings_result *res, char **cause)
{
	sqlite3			*db = st->db;
	struct dec_factor_set	*fs;
	struct dst_doc		 cur, next;
	json_t			*doc = NULL, *changes = NULL;
	char			*text = NULL;
	int			 rc = -1, max;

	memset(res, 0, sizeof *res);
	memset(&cur, 0, sizeof cur);
	memset(&next, 0, sizeof next);
	if ((fs = malloc(sizeof *fs)) == NULL)
		abort();
	if (dst_factors_from_json(in, fs, &res->errors) != 0) {
		res->outcome = DST_SETTINGS_INVALID;
		free(fs);
		return (0);
	}
	doc = factors_doc(in);
	if (dst_tx_begin(db, cause) != 0)
		goto out;
	switch (row_one(db, dst_sql_prepare(db, FACTORS_SELECT " WHERE "
	    "is_current = 1", cause, ""), &cur, cause)) {
	case 0:
		dst_set_cause(cause, "the database has no current factor set");
		/* FALLTHROUGH */
	case -1:
		goto fail;
	}
	if (!version_ok(expected, &cur, res)) {
		dst_tx_rollback(db);
		rc = 0;
		goto out;
	}
	if (strcmp(cur.name, fs->name) == 0) {
		if ((changes = dst_diff(cur.data, doc)) == NULL)
			abort();
		if (json_object_size(changes) == 0) {
			if (factors_sets(db, &res->sets, &res->nsets,
			    cause) != 0)
				goto fail;
			dst_tx_rollback(db);
			res_done(res, DST_SETTINGS_UNCHANGED, &cur);
			rc = 0;
			goto out;
		}
	}
	if (factors_max_version(db, &max, cause) != 0)
		goto fail;
	next.version = max + 1;
	dst_now(next.at, sizeof next.at);
	who_copy(next.by, sizeof next.by, who);
	dec_copy(next.name, sizeof next.name, fs->name);
	next.year = fs->year;
	next.current = 1;
	if ((text = json_dumps(doc, DST_DOC_FLAGS)) == NULL)
		abort();
	if (dst_sql_done(db, dst_sql_prepare(db, "UPDATE factor_sets SET "
	    "is_current = 0 WHERE is_current = 1", cause, ""), cause) != 0 ||
	    dst_sql_done(db, dst_sql_prepare(db, "INSERT INTO factor_sets "
	    "(name, version, year, data, is_current, created_at, created_by) "
	    "VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)", cause, "tiittt", fs->name,
	    next.version, fs->year, text, next.at, next.by), cause) != 0 ||
	    factors_sets(db, &res->sets, &res->nsets, cause) != 0 ||
	    dst_tx_commit(db, cause) != 0)
		goto fail;
	next.data = json_incref(doc);
	res_done(res, DST_SETTINGS_STORED, &next);
	rc = 0;
	goto out;

fail:
	dst_tx_rollback(db);
out:
	free(fs);
	free(text);
	json_decref(changes);
	json_decref(doc);
	dst_doc_clear(&cur);
	return (rc);
}

/* The current factor set and every set (see store.h). */
int
dst_factors_current(struct dst_store *st, struct dst_doc *d,
    struct dst_set_info **sets, size_t *nsets, char **cause)
{
	int	rc = -1;

	*sets = NULL;
	*nsets = 0;
	/* One read transaction: the set and the list agree. */
	if (dst_exec(st->db, "BEGIN", cause) != 0)
		return (-1);
	switch (row_one(st->db, dst_sql_prepare(st->db, FACTORS_SELECT
	    " WHERE is_current = 1", cause, ""), d, cause)) {
	case 0:
		dst_set_cause(cause, "the database has no current factor set");
		/* FALLTHROUGH */
	case -1:
		goto out;
	}
	if (factors_sets(st->db, sets, nsets, cause) != 0) {
		dst_doc_clear(d);
		goto out;
	}
	rc = 0;
out:
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	return (rc);
}

/*
 * One version of the factor-set history.  Every version was made current
 * when it was stored, so the version before it (of whatever name) is the
 * set it replaced: the changes say what changed for rulings.
 */
static int
factors_version(struct dst_doc *d, struct dst_version *v, void *arg)
{
	struct walk	*w = arg;
	int		 seen, keep;

	seen = json_object_get(w->seen, d->name) != NULL;
	if (json_object_set_new(w->seen, d->name, json_true()) != 0)
		abort();
	keep = w->name == NULL || strcmp(w->name, d->name) == 0;
	if (keep) {
		v->action = seen ? "update" : "create";
		if ((v->changes = dst_diff(w->prev, d->data)) == NULL)
			abort();
	}
	json_decref(w->prev);
	w->prev = json_incref(d->data);
	return (keep);
}

/* Every factor-set version (see store.h). */
int
dst_factors_history(struct dst_store *st, const char *name,
    struct dst_history *h, char **cause)
{
	struct walk	w = { NULL, name, NULL };
	int		rc;

	if ((w.seen = json_object()) == NULL)
		abort();
	rc = history_walk(st->db, dst_sql_prepare(st->db, FACTORS_SELECT
	    " ORDER BY version", cause, ""), h, factors_version, &w, cause);
	json_decref(w.prev);
	json_decref(w.seen);
	return (rc);
}

/* --- zones --------------------------------------------------------------- */

static const char *const zone_keys[] = { "type", "id", "properties",
    "geometry", "bbox", NULL };
static const char *const geometry_keys[] = { "type", "coordinates", "bbox",
    NULL };
static const char *const zone_props[] = { "name", "source", "description",
    NULL };
static const char *const zone_props_meta[] = { "version", "updated_at",
    "updated_by", NULL };

/* Check a zone's geometry member. */
static void
geometry_check(const json_t *geom, struct dec_errors *errs)
{
	size_t	n = errs->n;

	if (geom == NULL || json_is_null(geom)) {
		dec_errors_add(errs, "geometry", DEC_E_REQUIRED, "missing");
		return;
	}
	if (!json_is_object(geom)) {
		dec_errors_add(errs, "geometry", DEC_E_TYPE,
		    "must be a GeoJSON "
		    "geometry object");
		return;
	}
	(void)dst_json_unknown(geom, "geometry.", geometry_keys, NULL, errs);
	if (errs->n == n)
		(void)geo_zone_check(geom, "geometry", errs);
}

/*
 * Check a zone document for the zone id; *geom is its geometry and
 * *props its properties (NULL: carry the current ones over).
 */
static void
zone_check(const json_t *in, const char *id, struct dec_errors *errs,
    const json_t **geom, const json_t **props)
{
	const char	*type;
	json_t		*fid, *p;

	*geom = *props = NULL;
	if ((type = dst_json_string(in, "type", "type", 1, 32, errs)) == NULL)
		return;
	if (strcmp(type, "Polygon") == 0 || strcmp(type, "MultiPolygon") == 0) {
		*geom = in;
		geometry_check(in, errs);
		return;
	}
	if (strcmp(type, "Feature") != 0) {
		dec_errors_add(errs, "type", DEC_E_CHOICE,
		    "must be \"Feature\" "
		    "(or a bare Polygon or MultiPolygon)");
		return;
	}
	(void)dst_json_unknown(in, "", zone_keys, NULL, errs);
	fid = json_object_get(in, "id");
	if (fid != NULL && !json_is_null(fid) && (!json_is_string(fid) ||
	    strcmp(json_string_value(fid), id) != 0))
		dec_errors_add(errs, "id", DEC_E_CONFLICT, "must be the zone's "
		    "id \"%s\" or absent", id);
	p = json_object_get(in, "properties");
	if (p != NULL && !json_is_null(p)) {
		if (!json_is_object(p))
			dec_errors_add(errs, "properties", DEC_E_TYPE,
			    "must be "
			    "an object");
		else {
			(void)dst_json_unknown(p, "properties.", zone_props,
			    zone_props_meta, errs);
			(void)dst_json_string(p, "name", "properties.name", 0,
			    DEC_NAME_MAX - 1, errs);
			(void)dst_json_string(p, "source", "properties.source",
			    0, DEC_SOURCE_MAX - 1, errs);
			(void)dst_json_string(p, "description",
			    "properties.description", 0, LONG_TEXT_MAX, errs);
			*props = p;
		}
	}
	*geom = json_object_get(in, "geometry");
	geometry_check(*geom, errs);
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
	json_t		*props, *p, *geom, *v, *f;
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
		abort();
	for (i = 0; zone_props[i] != NULL; i++) {
		v = json_object_get(p, zone_props[i]);
		if (json_is_string(v) &&
		    json_object_set(props, zone_props[i], v) != 0)
			abort();
	}
	if ((f = json_pack("{s:s, s:s, s:o, s:O}", "type", "Feature", "id", id,
	    "properties", props, "geometry", geom)) == NULL)
		abort();
	return (f);
}

/* Store a zone (see store.h). */
int
dst_zone_put(struct dst_store *st, const char *id, const json_t *in,
    int expected, const char *who, struct dst_settings_result *res,
    char **cause)
{
	sqlite3		*db = st->db;
	struct dst_doc	 cur, next;
	const json_t	*geom = NULL, *props = NULL;
	json_t		*doc = NULL, *old = NULL, *p;
	char		*text = NULL;
	int		 rc = -1;

	memset(res, 0, sizeof *res);
	memset(&cur, 0, sizeof cur);
	memset(&next, 0, sizeof next);
	if (!dst_id_valid(id))
		dec_errors_add(&res->errors, "id", DEC_E_FORMAT,
		    "a zone id is 1 "
		    "to %d of a-z, 0-9, '-'", DEC_ID_MAX - 1);
	else
		zone_check(in, id, &res->errors, &geom, &props);
	if (res->errors.n > 0) {
		res->outcome = DST_SETTINGS_INVALID;
		return (0);
	}
	if (dst_tx_begin(db, cause) != 0)
		return (-1);
	if (row_one(db, dst_sql_prepare(db, ZONE_SELECT " WHERE id = ?1 ORDER "
	    "BY version DESC LIMIT 1", cause, "t", id), &cur, cause) == -1)
		goto fail;
	if (!version_ok(expected, &cur, res)) {
		dst_tx_rollback(db);
		rc = 0;
		goto out;
	}
	if (cur.data != NULL)
		old = zone_normal(id, cur.data);
	if ((doc = json_pack("{s:s, s:s, s:o, s:O}", "type", "Feature", "id",
	    id, "properties", props != NULL ? json_deep_copy(props) :
	    old != NULL ? json_deep_copy(json_object_get(old, "properties")) :
	    json_object(), "geometry", geom)) == NULL)
		abort();
	/* Read-only members and nulls are not stored. */
	p = json_object_get(doc, "properties");
	json_object_del(p, "version");
	json_object_del(p, "updated_at");
	json_object_del(p, "updated_by");
	if (json_is_null(json_object_get(p, "name")))
		json_object_del(p, "name");
	if (json_is_null(json_object_get(p, "source")))
		json_object_del(p, "source");
	if (json_is_null(json_object_get(p, "description")))
		json_object_del(p, "description");
	if (old != NULL && dst_same_value(old, doc)) {
		dst_tx_rollback(db);
		json_decref(cur.data);
		cur.data = json_incref(old);
		res_done(res, DST_SETTINGS_UNCHANGED, &cur);
		rc = 0;
		goto out;
	}
	if ((text = json_dumps(doc, DST_DOC_FLAGS)) == NULL)
		abort();
	next.version = cur.version + 1;
	dst_now(next.at, sizeof next.at);
	who_copy(next.by, sizeof next.by, who);
	dec_copy(next.name, sizeof next.name, id);
	if (dst_sql_done(db, dst_sql_prepare(db, "INSERT INTO zones (id, "
	    "version, geojson, created_at, created_by) VALUES (?1, ?2, ?3, "
	    "?4, ?5)", cause, "tittt", id, next.version, text, next.at,
	    next.by), cause) != 0 || dst_tx_commit(db, cause) != 0)
		goto fail;
	next.data = json_incref(doc);
	res_done(res, cur.version == 0 ? DST_SETTINGS_CREATED :
	    DST_SETTINGS_STORED, &next);
	rc = 0;
	goto out;

fail:
	dst_tx_rollback(db);
out:
	free(text);
	json_decref(doc);
	json_decref(old);
	dst_doc_clear(&cur);
	return (rc);
}

/* The current version of a zone (see store.h). */
int
dst_zone_get(struct dst_store *st, const char *id, struct dst_doc *d,
    char **cause)
{
	json_t	*f;

	switch (row_one(st->db, dst_sql_prepare(st->db, ZONE_SELECT " WHERE "
	    "id = ?1 ORDER BY version DESC LIMIT 1", cause, "t", id), d,
	    cause)) {
	case -1:
		return (-1);
	case 0:
		return (0);
	}
	f = zone_normal(id, d->data);
	json_decref(d->data);
	d->data = f;
	return (0);
}

/* A geometry in a few numbers: type, polygons, points, bbox. */
static json_t *
geometry_summary(const json_t *geom)
{
	const char	*type;
	json_t		*coords, *poly, *ring, *pos, *s;
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
	if ((s = json_pack("{s:s, s:I, s:I, s:[f, f, f, f]}", "type", type,
	    "polygons", (json_int_t)npoly, "points", (json_int_t)npts, "bbox",
	    b[0], b[1], b[2], b[3])) == NULL)
		abort();
	return (s);
}

/* One version of a zone's history. */
static int
zone_version(struct dst_doc *d, struct dst_version *v, void *arg)
{
	struct walk	*w = arg;
	json_t		*cur, *og, *ng;

	cur = zone_normal(d->name, d->data);
	if ((v->changes = json_object()) == NULL)
		abort();
	if (w->prev != NULL && dst_diff_into(v->changes, "properties",
	    json_object_get(w->prev, "properties"),
	    json_object_get(cur, "properties")) != 0)
		abort();
	og = json_object_get(w->prev, "geometry");
	ng = json_object_get(cur, "geometry");
	if (w->prev != NULL && !dst_same_value(og, ng) &&
	    json_object_set_new(v->changes, "geometry", json_pack("{s:o, s:o}",
	    "from", geometry_summary(og), "to", geometry_summary(ng))) != 0)
		abort();
	v->action = w->prev == NULL ? "create" : "update";
	json_decref(w->prev);
	w->prev = json_incref(cur);
	json_decref(d->data);
	d->data = cur;
	return (1);
}

/* Every version of a zone (see store.h). */
int
dst_zone_history(struct dst_store *st, const char *id,
    struct dst_history *h, char **cause)
{
	struct walk	w = { NULL, NULL, NULL };
	int		rc;

	rc = history_walk(st->db, dst_sql_prepare(st->db, ZONE_SELECT " WHERE "
	    "id = ?1 ORDER BY version", cause, "t", id), h, zone_version, &w,
	    cause);
	json_decref(w.prev);
	return (rc);
}

/* --- the rail network ---------------------------------------------------- */

#define NETWORK_SELECT	"SELECT version, data, created_at, created_by, '', " \
			"0, 1 FROM rail_networks"

/* The document to store: the network as given, without the members the
 * store sets. */
static json_t *
network_doc(const json_t *in)
{
	json_t	*doc;

	if ((doc = json_deep_copy(in)) == NULL)
		abort();
	json_object_del(doc, "version");
	json_object_del(doc, "updated_at");
	json_object_del(doc, "updated_by");
	return (doc);
}

/* Store a rail network as its next version (see store.h). */
int
dst_rail_network_put(struct dst_store *st, const json_t *in, int expected,
    const char *who, struct dst_settings_result *res, char **cause)
{
	sqlite3			*db = st->db;
	struct dst_rail_network	 rn;
	struct dst_doc		 cur, next;
	json_t			*doc = NULL;
	char			*text = NULL;
	int			 rc = -1;

	memset(res, 0, sizeof *res);
	memset(&cur, 0, sizeof cur);
	memset(&next, 0, sizeof next);
	if (dst_rail_network_from_json(in, &rn, &res->errors) != 0) {
		res->outcome = DST_SETTINGS_INVALID;
		return (0);
	}
	dst_rail_network_free(&rn);
	doc = network_doc(in);
	if (dst_tx_begin(db, cause) != 0)
		goto out;
	if (row_one(db, dst_sql_prepare(db, NETWORK_SELECT " ORDER BY "
	    "version DESC LIMIT 1", cause, ""), &cur, cause) == -1)
		goto fail;
	if (!version_ok(expected, &cur, res)) {
		dst_tx_rollback(db);
		rc = 0;
		goto out;
	}
	if (cur.data != NULL && dst_same_value(cur.data, doc)) {
		dst_tx_rollback(db);
		res_done(res, DST_SETTINGS_UNCHANGED, &cur);
		rc = 0;
		goto out;
	}
	if ((text = json_dumps(doc, DST_DOC_FLAGS)) == NULL)
		abort();
	next.version = cur.version + 1;
	dst_now(next.at, sizeof next.at);
	who_copy(next.by, sizeof next.by, who);
	if (dst_sql_done(db, dst_sql_prepare(db, "INSERT INTO rail_networks "
	    "(version, data, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
	    cause, "ittt", next.version, text, next.at, next.by), cause) != 0 ||
	    dst_tx_commit(db, cause) != 0)
		goto fail;
	next.data = json_incref(doc);
	res_done(res, cur.version == 0 ? DST_SETTINGS_CREATED :
	    DST_SETTINGS_STORED, &next);
	rc = 0;
	goto out;

fail:
	dst_tx_rollback(db);
out:
	free(text);
	json_decref(doc);
	dst_doc_clear(&cur);
	return (rc);
}

/* The current rail network (see store.h). */
int
dst_rail_network_current(struct dst_store *st, struct dst_doc *d,
    char **cause)
{
	switch (row_one(st->db, dst_sql_prepare(st->db, NETWORK_SELECT
	    " ORDER BY version DESC LIMIT 1", cause, ""), d, cause)) {
	case 0:
		dst_set_cause(cause, "the database has no rail network");
		/* FALLTHROUGH */
	case -1:
		return (-1);
	}
	return (0);
}

/*
 * A network's hubs and edges as objects keyed by what names them (a hub
 * by its id, an edge by "from>to" and its kind, "#2" for a second one),
 * so that a history names the edge that changed.
 */
static json_t *
network_keyed(const json_t *doc)
{
	json_t		*out, *hubs, *edges, *v;
	const char	*key;
	char		 k[3 * DEC_ID_MAX], kk[3 * DEC_ID_MAX + 16];
	size_t		 i;
	int		 n;

	if ((out = json_object()) == NULL || (hubs = json_object()) == NULL ||
	    (edges = json_object()) == NULL)
		abort();
	json_object_foreach((json_t *)doc, key, v)
		if (strcmp(key, "hubs") != 0 && strcmp(key, "edges") != 0 &&
		    json_object_set(out, key, v) != 0)
			abort();
	json_array_foreach(json_object_get(doc, "hubs"), i, v) {
		key = json_string_value(json_object_get(v, "id"));
		if (key != NULL && json_object_set(hubs, key, v) != 0)
			abort();
	}
	json_array_foreach(json_object_get(doc, "edges"), i, v) {
		snprintf(k, sizeof k, "%s>%s/%s",
		    json_string_value(json_object_get(v, "from")),
		    json_string_value(json_object_get(v, "to")),
		    json_string_value(json_object_get(v, "kind")));
		snprintf(kk, sizeof kk, "%s", k);
		for (n = 2; json_object_get(edges, kk) != NULL; n++)
			snprintf(kk, sizeof kk, "%s#%d", k, n);
		if (json_object_set(edges, kk, v) != 0)
			abort();
	}
	if (json_object_set_new(out, "hubs", hubs) != 0 ||
	    json_object_set_new(out, "edges", edges) != 0)
		abort();
	return (out);
}

/* One version of the network's history: what changed, hub by hub and
 * edge by edge ("edges.paris-nord>lille-europe/day.minutes"). */
static int
network_version(struct dst_doc *d, struct dst_version *v, void *arg)
{
	struct walk	*w = arg;
	json_t		*cur;

	cur = network_keyed(d->data);
	if ((v->changes = json_object()) == NULL)
		abort();
	if (w->prev != NULL && dst_diff_into(v->changes, "", w->prev,
	    cur) != 0)
		abort();
	v->action = w->prev == NULL ? "create" : "update";
	json_decref(w->prev);
	w->prev = cur;
	return (1);
}

/* Every version of the rail network (see store.h). */
int
dst_rail_network_history(struct dst_store *st, struct dst_history *h,
    char **cause)
{
	struct walk	w = { NULL, NULL, NULL };
	int		rc;

	rc = history_walk(st->db, dst_sql_prepare(st->db, NETWORK_SELECT
	    " ORDER BY version", cause, ""), h, network_version, &w, cause);
	json_decref(w.prev);
	return (rc);
}
