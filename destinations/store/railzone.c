/*
 * The rail-connected zone from the borders in the countries table: the
 * geography is geo's (geo_rail_zone_build); the store hands it the
 * borders and the list of connected countries compiled in, and keeps what
 * comes back as zone "rail-europe".
 */

#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"

#define RAIL_CONF	"data/rail-countries.json"

/* The zone built from the borders in db (see store-int.h). */
int
dst_rail_zone_text(sqlite3 *db, char **text, char **cause)
{
	const struct dst_embedded	*conf;
	sqlite3_stmt			*st;
	char				**codes = NULL, **borders = NULL;
	size_t				  n = 0, cap = 0, i;
	int				  rc;

	*text = NULL;
	if ((conf = dst_embedded_find(RAIL_CONF)) == NULL) {
		dst_set_cause(cause, "%s: not compiled in", RAIL_CONF);
		return (-1);
	}
	if ((st = dst_sql_prepare(db, "SELECT iso_a2, geojson FROM countries "
	    "ORDER BY iso_a2", cause, "")) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_text(st, 0) == NULL ||
		    sqlite3_column_text(st, 1) == NULL)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			if ((codes = reallocarray(codes, cap,
			    sizeof *codes)) == NULL ||
			    (borders = reallocarray(borders, cap,
			    sizeof *borders)) == NULL)
				abort();
		}
		if ((codes[n] = strdup((const char *)sqlite3_column_text(st,
		    0))) == NULL || (borders[n] = strdup((const char *)
		    sqlite3_column_text(st, 1))) == NULL)
			abort();
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "reading countries", cause);
		rc = -1;
	} else
		rc = geo_rail_zone_build((const char *)conf->data,
		    (const char *const *)codes, (const char *const *)borders, n,
		    text, cause);
	for (i = 0; i < n; i++) {
		free(codes[i]);
		free(borders[i]);
	}
	free(codes);
	free(borders);
	return (rc);
}

/* Rebuild the zone from the borders as a new version (see store.h). */
int
dst_rail_zone_rebuild(struct dst_store *st, const char *who, char **cause)
{
	struct dst_settings_result	 res;
	json_t				*j;
	char				*text;
	int				 rc = -1;

	if (dst_rail_zone_text(st->db, &text, cause) != 0)
		return (-1);
	if (text == NULL) {
		dst_set_cause(cause, "rail zone: the countries table is "
		    "empty: no borders to build it from");
		return (-1);
	}
	j = dst_load_json(text, strlen(text), "rail zone", cause);
	free(text);
	if (j == NULL)
		return (-1);
	if (dst_zone_put(st, GEO_RAIL_ZONE_ID, j, DST_VERSION_ANY, who, &res,
	    cause) != 0) {
		json_decref(j);
		return (-1);
	}
	json_decref(j);
	switch (res.outcome) {
	case DST_SETTINGS_STORED:
	case DST_SETTINGS_UNCHANGED:
	case DST_SETTINGS_CREATED:
		rc = 0;
		break;
	default:
		dst_set_cause(cause, "rail zone built from the borders was "
		    "refused: %s: %s", res.errors.n > 0 ?
		    res.errors.v[0].field : "zone", res.errors.n > 0 ?
		    res.errors.v[0].message : "conflict");
		break;
	}
	dst_settings_result_clear(&res);
	return (rc);
}
