/*
 * The gazetteer's tables: places (GeoNames) and countries (Natural Earth
 * borders), filled from the extracts compiled in on a new database and
 * replaced as a whole by an import.
 */

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"

#define PLACES_TSV		"data/places.tsv"
#define AIRPORTS_TSV		"data/airports.tsv"
#define COUNTRIES_GEOJSON	"data/countries.geojson"
#define PLACES_COLUMNS		12
#define ALT_MAX			4096	/* bytes of alternate names */
#define PLACES_META		"places_loaded_at"

/* Split line (NUL-terminated, no newline) at tabs into n fields. */
static int
tsv_split(char *line, char **f, int n)
{
	int	i = 0;

	f[i++] = line;
	for (; *line != '\0'; line++) {
		if (*line != '\t')
			continue;
		if (i == n)
			return (-1);
		*line = '\0';
		f[i++] = line + 1;
	}
	return (i == n ? 0 : -1);
}

/* A decimal integer in lo..hi. */
static int
parse_long(const char *s, long lo, long hi, long *v)
{
	char	*end;

	errno = 0;
	*v = strtol(s, &end, 10);
	return (*s == '\0' || *end != '\0' || errno != 0 || *v < lo ||
	    *v > hi ? -1 : 0);
}

/* A number in lo..hi. */
static int
parse_double(const char *s, double lo, double hi, double *v)
{
	char	*end;

	errno = 0;
	*v = strtod(s, &end);
	return (*s == '\0' || *end != '\0' || errno != 0 || !(*v >= lo &&
	    *v <= hi) ? -1 : 0);
}

/*
 * One row of an embedded TSV: its fields (NUL-terminated), its line
 * number; NULL and 0, or a reason (a column's name) to refuse the file.
 */
typedef const char *tsv_row_fn(void *arg, char **c, size_t lineno,
    sqlite3 *db, sqlite3_stmt *st);

/*
 * Insert every line of an embedded TSV with this header and ncols
 * columns through the statement sql, one call of fn per row (it binds
 * and steps st; its reason refuses the file, "" being SQLite's error);
 * *count the rows.  0, or -1 with *cause naming the file and line.
 */
static int
tsv_fill(sqlite3 *db, const char *file, const char *header, int ncols,
    const char *sql, tsv_row_fn *fn, void *arg, size_t *count, char **cause)
{
	const struct dst_embedded	*f;
	sqlite3_stmt			*st = NULL;
	char				*text = NULL, *line, *next, *c[16];
	const char			*why;
	size_t				 lineno = 1, len;
	int				 rc = -1;

	*count = 0;
	if ((f = dst_embedded_find(file)) == NULL) {
		dst_set_cause(cause, "%s: not compiled in", file);
		return (-1);
	}
	if ((text = malloc(f->len + 1)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	memcpy(text, f->data, f->len + 1);
	if ((next = strchr(text, '\n')) == NULL ||
	    (size_t)(next - text) != strlen(header) ||
	    strncmp(text, header, strlen(header)) != 0) {
		dst_set_cause(cause, "%s: the header must be \"%s\"", file,
		    header);
		goto out;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, file, cause);
		goto out;
	}
	for (line = next + 1; *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0)
			continue;
		sqlite3_reset(st);
		if (tsv_split(line, c, ncols) != 0)
			why = "not as many tab-separated columns as the header";
		else
			why = fn(arg, c, lineno, db, st);
		if (why != NULL) {
			dst_set_cause(cause, "%s: line %zu: %s", file, lineno,
			    *why != '\0' ? why : sqlite3_errmsg(db));
			goto out;
		}
		(*count)++;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(text);
	return (rc);
}

/* A row of data/places.tsv. */
static const char *
place_row(void *arg, char **c, size_t lineno, sqlite3 *db, sqlite3_stmt *st)
{
	long	id, pop, cap, partner;
	double	lat, lon;
	int	i;

	(void)arg;
	(void)lineno;
	(void)db;
	if (parse_long(c[0], 1, INT32_MAX, &id) != 0)
		return ("geonameid");
	if (*c[1] == '\0' || strlen(c[1]) >= DEC_NAME_MAX)
		return ("name");
	if (strlen(c[2]) >= DEC_NAME_MAX || strlen(c[3]) >= DEC_NAME_MAX ||
	    strlen(c[4]) >= DEC_NAME_MAX)
		return ("a name is too long");
	if (!dst_country_valid(c[5]))
		return ("country");
	if (parse_double(c[6], -90, 90, &lat) != 0)
		return ("lat");
	if (parse_double(c[7], -180, 180, &lon) != 0)
		return ("lon");
	if (parse_long(c[8], 0, UINT32_MAX, &pop) != 0)
		return ("population");
	if (parse_long(c[9], 0, 1, &cap) != 0)
		return ("capital");
	if (strlen(c[10]) >= ALT_MAX)
		return ("alt is too long");
	if (parse_long(c[11], 0, 1, &partner) != 0)
		return ("partner");
	if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
		return ("");
	for (i = 1; i <= 5; i++)
		if (sqlite3_bind_text(st, i + 1, c[i], -1, SQLITE_STATIC) !=
		    SQLITE_OK)
			return ("");
	if (sqlite3_bind_double(st, 7, lat) != SQLITE_OK ||
	    sqlite3_bind_double(st, 8, lon) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 9, pop) != SQLITE_OK ||
	    sqlite3_bind_int(st, 10, (int)cap) != SQLITE_OK ||
	    sqlite3_bind_text(st, 11, c[10], -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, 12, (int)partner) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		return ("");
	return (NULL);
}

/* Insert every line of data/places.tsv (the table is empty). */
static int
fill_places(sqlite3 *db, size_t *count, char **cause)
{
	return (tsv_fill(db, PLACES_TSV, "geonameid\tname\tascii\tname_nl\t"
	    "name_en\tcountry\tlat\tlon\tpopulation\tcapital\talt\tpartner",
	    PLACES_COLUMNS, "INSERT INTO places (geonameid, name, ascii, "
	    "name_nl, name_en, country, lat, lon, population, capital, alt, "
	    "partner) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	    "?12)", place_row, NULL, count, cause));
}

/* A row of data/airports.tsv. */
static const char *
airport_row(void *arg, char **c, size_t lineno, sqlite3 *db,
    sqlite3_stmt *st)
{
	double	lat, lon, km;
	long	id;
	int	i;

	(void)arg;
	(void)lineno;
	(void)db;
	if (strlen(c[0]) != 3 || strspn(c[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
	    3)
		return ("iata");
	if (strlen(c[1]) >= 5)
		return ("icao");
	if (*c[2] == '\0' || strlen(c[2]) >= DEC_NAME_MAX)
		return ("name");
	if (strlen(c[3]) >= DEC_NAME_MAX)
		return ("municipality");
	if (!dst_country_valid(c[4]))
		return ("country");
	if (parse_double(c[5], -90, 90, &lat) != 0)
		return ("lat");
	if (parse_double(c[6], -180, 180, &lon) != 0)
		return ("lon");
	if (strcmp(c[7], "large") != 0 && strcmp(c[7], "medium") != 0 &&
	    strcmp(c[7], "small") != 0)
		return ("type");
	if (parse_long(c[8], 0, INT32_MAX, &id) != 0)
		return ("geonameid");
	if (parse_double(c[9], 0, 20000, &km) != 0)
		return ("served_km");
	for (i = 0; i < 5; i++)
		if (sqlite3_bind_text(st, i + 1, c[i], -1, SQLITE_STATIC) !=
		    SQLITE_OK)
			return ("");
	if (sqlite3_bind_double(st, 6, lat) != SQLITE_OK ||
	    sqlite3_bind_double(st, 7, lon) != SQLITE_OK ||
	    sqlite3_bind_text(st, 8, c[7], -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 9, id) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE)
		return ("");
	return (NULL);
}

/* Insert every line of data/airports.tsv (the table is empty). */
static int
fill_airports(sqlite3 *db, size_t *count, char **cause)
{
	return (tsv_fill(db, AIRPORTS_TSV, "iata\ticao\tname\tmunicipality\t"
	    "country\tlat\tlon\ttype\tgeonameid\tserved_km", 10, "INSERT INTO "
	    "airports (iata, icao, name, municipality, country, lat, lon, "
	    "type, geonameid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	    airport_row, NULL, count, cause));
}

/* Insert every feature of data/countries.geojson (the table is empty). */
static int
fill_countries(sqlite3 *db, size_t *count, char **cause)
{
	const struct dst_embedded	*f;
	sqlite3_stmt			*st = NULL;
	json_t				*j, *feats, *ft, *props, *geom;
	const char			*cc, *name, *type;
	char				*gj = NULL;
	size_t				 i;
	int				 rc = -1;

	*count = 0;
	if ((f = dst_embedded_find(COUNTRIES_GEOJSON)) == NULL) {
		dst_set_cause(cause, "%s: not compiled in", COUNTRIES_GEOJSON);
		return (-1);
	}
	if ((j = dst_load_json((const char *)f->data, f->len,
	    COUNTRIES_GEOJSON, cause)) == NULL)
		return (-1);
	feats = json_object_get(j, "features");
	if (!json_is_array(feats)) {
		dst_set_cause(cause, "%s: not a FeatureCollection",
		    COUNTRIES_GEOJSON);
		goto out;
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO countries (iso_a2, name, "
	    "geojson) VALUES (?1, ?2, ?3)", -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, COUNTRIES_GEOJSON, cause);
		goto out;
	}
	json_array_foreach(feats, i, ft) {
		props = json_object_get(ft, "properties");
		geom = json_object_get(ft, "geometry");
		cc = json_string_value(json_object_get(props, "iso_a2"));
		name = json_string_value(json_object_get(props, "name"));
		type = json_string_value(json_object_get(geom, "type"));
		if (cc == NULL || !dst_country_valid(cc) || name == NULL ||
		    *name == '\0' || type == NULL ||
		    (strcmp(type, "Polygon") != 0 &&
		    strcmp(type, "MultiPolygon") != 0)) {
			dst_set_cause(cause, "%s: feature %zu: needs "
			    "properties iso_a2 and name and a Polygon or "
			    "MultiPolygon", COUNTRIES_GEOJSON, i + 1);
			goto out;
		}
		if ((gj = json_dumps(geom, JSON_COMPACT |
		    JSON_REAL_PRECISION(10))) == NULL) {
			dst_set_cause(cause, "out of memory");
			goto out;
		}
		sqlite3_reset(st);
		if (sqlite3_bind_text(st, 1, cc, -1, SQLITE_STATIC) !=
		    SQLITE_OK || sqlite3_bind_text(st, 2, name, -1,
		    SQLITE_STATIC) != SQLITE_OK || sqlite3_bind_text(st, 3, gj,
		    -1, SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE) {
			dst_set_cause(cause, "%s: %s: %s", COUNTRIES_GEOJSON,
			    cc, sqlite3_errmsg(db));
			goto out;
		}
		free(gj);
		gj = NULL;
		(*count)++;
	}
	rc = 0;
out:
	free(gj);
	sqlite3_finalize(st);
	json_decref(j);
	return (rc);
}

/* Replace the tables and stamp meta; the caller holds the transaction. */
static int
places_fill(sqlite3 *db, const char *now, size_t *np, size_t *nc,
    size_t *na, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (dst_exec(db, "DELETE FROM places; DELETE FROM countries; "
	    "DELETE FROM airports", cause) != 0 ||
	    fill_places(db, np, cause) != 0 ||
	    fill_countries(db, nc, cause) != 0 ||
	    fill_airports(db, na, cause) != 0)
		return (-1);
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO meta (key, value) "
	    "VALUES ('" PLACES_META "', ?1)", -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "places", cause);
		return (-1);
	}
	rc = sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	if (rc != 0)
		dst_sql_cause(db, "places", cause);
	sqlite3_finalize(st);
	/* The one writer of these tables: snapshots rebuild their
	 * geography when this generation changes. */
	if (rc == 0 && dst_exec(db, "UPDATE meta SET value = CAST(CAST(value "
	    "AS INTEGER) + 1 AS TEXT) WHERE key IN ('generation', "
	    "'geo_generation')", cause) != 0)
		rc = -1;
	return (rc);
}

/*
 * Fill the tables unless they have been filled before (meta says when):
 * on a new database and on the first start after the upgrade to schema
 * 4 or 8.  Tables emptied later stay empty (tripmoded import-places
 * refills).
 */
int
dst_places_seed(sqlite3 *db, const char *now, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 np, nc, na;
	int		 rc;

	if (sqlite3_prepare_v2(db, "SELECT 1 FROM meta WHERE key = '"
	    PLACES_META "'", -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "places", cause);
		return (-1);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return (0);
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "places", cause);
		return (-1);
	}
	return (places_fill(db, now, &np, &nc, &na, cause));
}

/* Replace the tables by the extracts compiled in, in one transaction. */
int
dst_places_import(struct dst_store *store, size_t *np, size_t *nc,
    size_t *na, char **cause)
{
	char	now[32];

	dst_now(now, sizeof now);
	if (dst_exec(store->db, "BEGIN IMMEDIATE", cause) != 0)
		return (-1);
	if (places_fill(store->db, now, np, nc, na, cause) != 0 ||
	    dst_exec(store->db, "COMMIT", cause) != 0) {
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	return (0);
}

