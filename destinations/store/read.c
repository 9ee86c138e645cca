/*
 * What a snapshot reads, in one read transaction: the list, the current
 * policy and factor set (through the parsers every writer uses), the
 * zones, and the gazetteer's tables.
 */

#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"

/* Start the read transaction: every read after it sees one state. */
int
dst_read_begin(struct dst_store *s, char **cause)
{
	return (dst_exec(s->db, "BEGIN", cause));
}

/* End it. */
void
dst_read_end(struct dst_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

/* Every entry, sorted by id (see store.h). */
int
dst_read_entries(struct dst_store *s, struct dst_entry **v, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*v = NULL;
	*n = 0;
	if ((st = dst_sql_prepare(s->db, "SELECT " DST_ENTRY_COLUMNS " FROM "
	    "destinations ORDER BY id", cause, "")) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			if ((*v = reallocarray(*v, cap, sizeof **v)) == NULL)
				abort();
		}
		if (dst_entry_read(st, &(*v)[*n], cause) != 0)
			goto fail;
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(s->db, "reading destinations", cause);
		goto fail;
	}
	sqlite3_finalize(st);
	return (0);

fail:
	sqlite3_finalize(st);
	free(*v);
	*v = NULL;
	*n = 0;
	return (-1);
}

/* The first error of a parse, as a cause. */
static void
parse_cause(const char *what, int version, struct dec_errors *errs,
    char **cause)
{
	dst_set_cause(cause, "%s version %d: %s: %s", what, version,
	    errs->n > 0 ? errs->v[0].field : "", errs->n > 0 ?
	    errs->v[0].message : "cannot be read");
	dec_errors_clear(errs);
}

/* A one-row query: its version and parsed data, or -1. */
static json_t *
latest(struct dst_store *s, const char *sql, const char *what, int *version,
    char **cause)
{
	sqlite3_stmt	*st;
	const char	*data;
	json_t		*j = NULL;

	if ((st = dst_sql_prepare(s->db, sql, cause, "")) == NULL)
		return (NULL);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		*version = sqlite3_column_int(st, 0);
		if ((data = (const char *)sqlite3_column_text(st, 1)) != NULL)
			j = dst_load_json(data, strlen(data), what, cause);
		else
			dst_set_cause(cause, "%s has no data", what);
		break;
	case SQLITE_DONE:
		dst_set_cause(cause, "the database has no %s", what);
		break;
	default:
		dst_sql_cause(s->db, what, cause);
		break;
	}
	sqlite3_finalize(st);
	return (j);
}

/* The current policy and its document (see store.h). */
int
dst_read_policy(struct dst_store *s, struct dec_policy *p, json_t **doc,
    char **cause)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	json_t			*j;
	int			 version = 0;

	if (doc != NULL)
		*doc = NULL;
	if ((j = latest(s, "SELECT version, data FROM policies ORDER BY "
	    "version DESC LIMIT 1", "policy", &version, cause)) == NULL)
		return (-1);
	if (dst_policy_from_json(j, p, &errs) != 0) {
		parse_cause("policy", version, &errs, cause);
		json_decref(j);
		return (-1);
	}
	p->version = version;
	if (doc != NULL)
		*doc = j;
	else
		json_decref(j);
	return (0);
}

/* The current factor set (see store.h). */
int
dst_read_factors(struct dst_store *s, struct dec_factor_set *fs,
    char **cause)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	json_t			*j;
	int			 version = 0, rc = 0;

	if ((j = latest(s, "SELECT version, data FROM factor_sets WHERE "
	    "is_current = 1 ORDER BY version DESC LIMIT 1", "factor set",
	    &version, cause)) == NULL)
		return (-1);
	if (dst_factors_from_json(j, fs, &errs) != 0) {
		parse_cause("factor set", version, &errs, cause);
		rc = -1;
	}
	json_decref(j);
	return (rc);
}

/* The current rail network (see store.h). */
int
dst_read_rail_network(struct dst_store *s, struct dst_rail_network *rn,
    int *version, json_t **doc, char **cause)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	json_t			*j;
	int			 rc = 0;

	memset(rn, 0, sizeof *rn);
	if ((j = latest(s, "SELECT version, data FROM rail_networks ORDER BY "
	    "version DESC LIMIT 1", "rail network", version, cause)) == NULL)
		return (-1);
	if (dst_rail_network_from_json(j, rn, &errs) != 0) {
		parse_cause("rail network", *version, &errs, cause);
		rc = -1;
	}
	if (rc == 0 && doc != NULL)
		*doc = json_incref(j);
	json_decref(j);
	return (rc);
}

/* The current version of every zone (see store.h). */
int
dst_read_zones(struct dst_store *s, int (*fn)(void *, const char *, int,
    const char *, char **), void *arg, char **cause)
{
	sqlite3_stmt	*st;
	const char	*id, *text;
	int		 rc;

	if ((st = dst_sql_prepare(s->db, "SELECT id, version, geojson FROM "
	    "zones AS z WHERE version = (SELECT max(version) FROM zones WHERE "
	    "id = z.id) ORDER BY id", cause, "")) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = (const char *)sqlite3_column_text(st, 0);
		text = (const char *)sqlite3_column_text(st, 2);
		if (id == NULL || text == NULL || fn(arg, id,
		    sqlite3_column_int(st, 1), text, cause) != 0) {
			if (cause != NULL && *cause == NULL)
				dst_set_cause(cause, "zone %s: cannot be read",
				    id != NULL ? id : "?");
			sqlite3_finalize(st);
			return (-1);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dst_sql_cause(s->db, "reading zones", cause);
		return (-1);
	}
	return (0);
}

/* The places table (see store.h). */
int
dst_read_places(struct dst_store *s, int (*fn)(void *,
    const struct geo_place *), void *arg, char **cause)
{
	struct geo_place	 p;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = dst_sql_prepare(s->db, "SELECT geonameid, name, ascii, "
	    "name_nl, name_en, country, lat, lon, population, capital, alt, "
	    "partner FROM places ORDER BY geonameid", cause, "")) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p.geonameid = (long)sqlite3_column_int64(st, 0);
		p.name = (const char *)sqlite3_column_text(st, 1);
		p.ascii = (const char *)sqlite3_column_text(st, 2);
		p.name_nl = (const char *)sqlite3_column_text(st, 3);
		p.name_en = (const char *)sqlite3_column_text(st, 4);
		p.country = (const char *)sqlite3_column_text(st, 5);
		p.lat = sqlite3_column_double(st, 6);
		p.lon = sqlite3_column_double(st, 7);
		p.population = (long)sqlite3_column_int64(st, 8);
		p.capital = sqlite3_column_int(st, 9) != 0;
		p.alt = (const char *)sqlite3_column_text(st, 10);
		p.partner = sqlite3_column_int(st, 11) != 0;
		if (p.name == NULL || p.country == NULL)
			continue;
		if (fn(arg, &p) != 0) {
			dst_set_cause(cause, "reading places: out of memory");
			sqlite3_finalize(st);
			return (-1);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dst_sql_cause(s->db, "reading places", cause);
		return (-1);
	}
	return (0);
}

/* The airports table (see store.h). */
int
dst_read_airports(struct dst_store *s, int (*fn)(void *,
    const struct geo_airport *), void *arg, char **cause)
{
	struct geo_airport	 a;
	sqlite3_stmt		*st;
	const char		*type;
	int			 rc;

	if ((st = dst_sql_prepare(s->db, "SELECT iata, icao, name, "
	    "municipality, country, lat, lon, type, geonameid FROM airports "
	    "ORDER BY iata", cause, "")) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&a, 0, sizeof a);
		dec_copy(a.iata, sizeof a.iata,
		    (const char *)sqlite3_column_text(st, 0));
		dec_copy(a.icao, sizeof a.icao,
		    (const char *)sqlite3_column_text(st, 1));
		dec_copy(a.name, sizeof a.name,
		    (const char *)sqlite3_column_text(st, 2));
		dec_copy(a.municipality, sizeof a.municipality,
		    (const char *)sqlite3_column_text(st, 3));
		dec_copy(a.country, sizeof a.country,
		    (const char *)sqlite3_column_text(st, 4));
		a.lat = sqlite3_column_double(st, 5);
		a.lon = sqlite3_column_double(st, 6);
		type = (const char *)sqlite3_column_text(st, 7);
		a.type = type == NULL ? GEO_AIRPORT_SMALL :
		    strcmp(type, "large") == 0 ? GEO_AIRPORT_LARGE :
		    strcmp(type, "medium") == 0 ? GEO_AIRPORT_MEDIUM :
		    GEO_AIRPORT_SMALL;
		a.geonameid = (long)sqlite3_column_int64(st, 8);
		if (fn(arg, &a) != 0) {
			dst_set_cause(cause, "reading airports: out of memory");
			sqlite3_finalize(st);
			return (-1);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dst_sql_cause(s->db, "reading airports", cause);
		return (-1);
	}
	return (0);
}

/* The countries table (see store.h). */
int
dst_read_countries(struct dst_store *s, int (*fn)(void *, const char *,
    const char *, char **), void *arg, char **cause)
{
	sqlite3_stmt	*st;
	const char	*cc, *text;
	int		 rc;

	if ((st = dst_sql_prepare(s->db, "SELECT iso_a2, geojson FROM "
	    "countries ORDER BY iso_a2", cause, "")) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cc = (const char *)sqlite3_column_text(st, 0);
		text = (const char *)sqlite3_column_text(st, 1);
		if (cc == NULL || text == NULL)
			continue;
		if (fn(arg, cc, text, cause) != 0) {
			sqlite3_finalize(st);
			return (-1);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dst_sql_cause(s->db, "reading countries", cause);
		return (-1);
	}
	return (0);
}
