/*
 * The gazetteer: places not on the list, found by name.  The places and
 * countries tables are filled from the extracts compiled in; a snapshot
 * holds the places compactly (strings in one pool, 32-bit offsets) with a
 * sorted index of (normalised name, place), so that memory and lookups
 * stay small as the gazetteer grows.
 */

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "destinations/embedded.h"
#include "destinations/internal.h"

#define PLACES_TSV		"data/places.tsv"
#define COUNTRIES_GEOJSON	"data/countries.geojson"
#define PLACES_COLUMNS		10
#define PLACES_META		"places_loaded_at"
#define KEY_MAX			(DEC_NAME_MAX * 2)
#define CP_MAX			128	/* code points compared for suggestions */
#define SUGG_KEEP		(2 * DST_MAX_SUGGESTIONS)	/* candidates */
#define NO_STRING		UINT32_MAX

/* One place; strings are offsets into the pool (NO_STRING: ""). */
struct place {
	double		 lat, lon;
	uint32_t	 name, name_nl, name_en;
	uint32_t	 population;
	int32_t		 geonameid;
	char		 country[3];
	unsigned char	 capital;
};

/* One key of the index: a normalised name (pool offset) -> a place. */
struct place_key {
	uint32_t	 key;
	uint32_t	 place;		/* index into v, | KEY_ALT */
};
#define KEY_ALT		0x80000000u	/* a form of the name (ASCII, without
					 * its qualifier) not to show */
#define NKEYS		5		/* keys a place can have */

struct dst_places {
	struct place	*v;
	size_t		 n;
	struct place_key *idx;		/* sorted by key, then place */
	size_t		 nidx;
	char		*pool;		/* display names and keys */
	size_t		 poollen, poolcap;
};

/* --- filling the tables ----------------------------------------------- */

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

/* Insert every line of data/places.tsv (the table is empty). */
static int
fill_places(sqlite3 *db, size_t *count, char **cause)
{
	static const char header[] = "geonameid\tname\tascii\tname_nl\t"
	    "name_en\tcountry\tlat\tlon\tpopulation\tcapital";
	const struct dst_embedded	*f;
	sqlite3_stmt			*st = NULL;
	char				*text = NULL, *line, *next, *c[PLACES_COLUMNS];
	const char			*why;
	size_t				 lineno = 1, len;
	long				 id, pop, cap;
	double				 lat, lon;
	int				 i, rc = -1;

	*count = 0;
	if ((f = dst_embedded_find(PLACES_TSV)) == NULL) {
		dst_set_cause(cause, "%s: not compiled in", PLACES_TSV);
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
		dst_set_cause(cause, "%s: the header must be \"%s\"", PLACES_TSV,
		    header);
		goto out;
	}
	if (sqlite3_prepare_v2(db, "INSERT INTO places (geonameid, name, "
	    "ascii, name_nl, name_en, country, lat, lon, population, capital) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", -1, &st,
	    NULL) != SQLITE_OK) {
		dst_sql_cause(db, PLACES_TSV, cause);
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
		why = NULL;
		if (tsv_split(line, c, PLACES_COLUMNS) != 0)
			why = "not 10 tab-separated columns";
		else if (parse_long(c[0], 1, INT32_MAX, &id) != 0)
			why = "geonameid";
		else if (*c[1] == '\0' || strlen(c[1]) >= DEC_NAME_MAX)
			why = "name";
		else if (strlen(c[2]) >= DEC_NAME_MAX ||
		    strlen(c[3]) >= DEC_NAME_MAX || strlen(c[4]) >= DEC_NAME_MAX)
			why = "a name is too long";
		else if (!dst_country_valid(c[5]))
			why = "country";
		else if (parse_double(c[6], -90, 90, &lat) != 0)
			why = "lat";
		else if (parse_double(c[7], -180, 180, &lon) != 0)
			why = "lon";
		else if (parse_long(c[8], 0, UINT32_MAX, &pop) != 0)
			why = "population";
		else if (parse_long(c[9], 0, 1, &cap) != 0)
			why = "capital";
		if (why != NULL) {
			dst_set_cause(cause, "%s: line %zu: %s", PLACES_TSV,
			    lineno, why);
			goto out;
		}
		sqlite3_reset(st);
		if (sqlite3_bind_int64(st, 1, id) != SQLITE_OK)
			goto sqlfail;
		for (i = 1; i <= 5; i++)
			if (sqlite3_bind_text(st, i + 1, c[i], -1,
			    SQLITE_STATIC) != SQLITE_OK)
				goto sqlfail;
		if (sqlite3_bind_double(st, 7, lat) != SQLITE_OK ||
		    sqlite3_bind_double(st, 8, lon) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 9, pop) != SQLITE_OK ||
		    sqlite3_bind_int(st, 10, (int)cap) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE)
			goto sqlfail;
		(*count)++;
	}
	rc = 0;
	goto out;

sqlfail:
	dst_set_cause(cause, "%s: line %zu: %s", PLACES_TSV, lineno,
	    sqlite3_errmsg(db));
out:
	sqlite3_finalize(st);
	free(text);
	return (rc);
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

/* Replace both tables and stamp meta; the caller holds the transaction. */
static int
places_fill(sqlite3 *db, const char *now, size_t *np, size_t *nc,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (dst_exec(db, "DELETE FROM places; DELETE FROM countries",
	    cause) != 0 || fill_places(db, np, cause) != 0 ||
	    fill_countries(db, nc, cause) != 0)
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
	return (rc);
}

/*
 * Fill the tables unless they have been filled before (meta says when):
 * on a new database and on the first start after the upgrade to schema
 * 4.  Tables emptied later stay empty (tripmoded import-places refills).
 */
int
dst_places_seed(sqlite3 *db, const char *now, char **cause)
{
	sqlite3_stmt	*st;
	size_t		 np, nc;
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
	return (places_fill(db, now, &np, &nc, cause));
}

/* Replace both tables by the extracts compiled in, in one transaction. */
int
dst_places_import(struct dst_store *store, size_t *np, size_t *nc,
    char **cause)
{
	char	now[32];

	dst_now(now, sizeof now);
	if (dst_exec(store->db, "BEGIN IMMEDIATE", cause) != 0)
		return (-1);
	if (places_fill(store->db, now, np, nc, cause) != 0 ||
	    dst_exec(store->db, "COMMIT", cause) != 0) {
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	return (0);
}

/* --- the snapshot's gazetteer ------------------------------------------ */

/* Append a string (len bytes and a NUL) to the pool; its offset. */
static int
pool_add(struct dst_places *g, const char *s, size_t len, uint32_t *off)
{
	size_t	 cap;
	char	*np;

	if (g->poollen + len + 1 > g->poolcap) {
		cap = g->poolcap == 0 ? 65536 : g->poolcap;
		while (g->poollen + len + 1 > cap)
			cap *= 2;
		if (cap > UINT32_MAX || (np = realloc(g->pool, cap)) == NULL)
			return (-1);
		g->pool = np;
		g->poolcap = cap;
	}
	memcpy(g->pool + g->poollen, s, len);
	g->pool[g->poollen + len] = '\0';
	*off = (uint32_t)g->poollen;
	g->poollen += len + 1;
	return (0);
}

/* A column's text into the pool (NO_STRING for ""). */
static int
pool_column(struct dst_places *g, sqlite3_stmt *st, int col, uint32_t *off)
{
	const char	*t = (const char *)sqlite3_column_text(st, col);

	if (t == NULL || *t == '\0') {
		*off = NO_STRING;
		return (0);
	}
	return (pool_add(g, t, strnlen(t, DEC_NAME_MAX - 1), off));
}

static const char *
pool_str(const struct dst_places *g, uint32_t off)
{
	return (off == NO_STRING ? "" : g->pool + off);
}

/* Sorting the index needs the pool: keys are compared through it (one
 * thread-local: snapshots may load on several threads at once). */
static _Thread_local const char *sort_pool;

static int
key_cmp(const void *a, const void *b)
{
	const struct place_key	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(sort_pool + x->key, sort_pool + y->key)) != 0)
		return (c);
	return (x->place < y->place ? -1 : x->place > y->place);
}

/*
 * Add the keys of place i: its name, ASCII name, Dutch and English names
 * and, for a name with a qualifier in parentheses ("Frankfurt (Oder)",
 * "Halle (Saale)"), the name without it: normalised, each once.
 */
static int
index_place(struct dst_places *g, size_t i, const char *ascii, size_t *cap)
{
	const struct place	*p = &g->v[i];
	const char		*src[NKEYS], *paren;
	char			 keys[NKEYS][KEY_MAX], base[DEC_NAME_MAX];
	struct place_key	*ni;
	uint32_t		 off;
	size_t			 len;
	int			 n, k, dup;

	src[0] = pool_str(g, p->name);
	src[1] = pool_str(g, p->name_nl);
	src[2] = pool_str(g, p->name_en);
	src[3] = ascii;
	len = strlen(src[0]);
	base[0] = '\0';
	if (len > 0 && src[0][len - 1] == ')' &&
	    (paren = strstr(src[0], " (")) != NULL && paren > src[0])
		snprintf(base, sizeof base, "%.*s", (int)(paren - src[0]),
		    src[0]);
	src[4] = base;
	/* All keys first: adding to the pool may move the names. */
	for (n = 0; n < NKEYS; n++)
		dst_normalize(src[n], keys[n], KEY_MAX);
	for (n = 0; n < NKEYS; n++) {
		if (keys[n][0] == '\0')
			continue;
		for (k = 0, dup = 0; k < n && !dup; k++)
			dup = strcmp(keys[k], keys[n]) == 0;
		if (dup)
			continue;
		if (g->nidx == *cap) {
			*cap = *cap == 0 ? 1024 : *cap * 2;
			if ((ni = reallocarray(g->idx, *cap,
			    sizeof *ni)) == NULL)
				return (-1);
			g->idx = ni;
		}
		if (pool_add(g, keys[n], strlen(keys[n]), &off) != 0)
			return (-1);
		g->idx[g->nidx].key = off;
		g->idx[g->nidx].place = (uint32_t)i | (n >= 3 ? KEY_ALT : 0);
		g->nidx++;
	}
	return (0);
}

/* Free a gazetteer. */
void
dst_places_free(struct dst_places *g)
{
	if (g == NULL)
		return;
	free(g->v);
	free(g->idx);
	free(g->pool);
	free(g);
}

/* Read the places table into s->places and index it. */
int
dst_places_load(struct dst_snapshot *s, sqlite3 *db, char **cause)
{
	static const char sql[] = "SELECT geonameid, name, ascii, name_nl, "
	    "name_en, country, lat, lon, population, capital FROM places "
	    "ORDER BY geonameid";
	struct dst_places	*g;
	struct place		*p, *nv;
	struct place_key	*ni;
	sqlite3_stmt		*st = NULL;
	const char		*ascii, *cc;
	char			*np;
	size_t			 cap = 0, icap = 0;
	sqlite3_int64		 pop;
	int			 rc;

	if ((g = calloc(1, sizeof *g)) == NULL)
		goto oom;
	s->places = g;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "reading places", cause);
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (g->n == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			if (cap > INT32_MAX || (nv = reallocarray(g->v, cap,
			    sizeof *nv)) == NULL)
				goto oom;
			g->v = nv;
		}
		p = &g->v[g->n];
		memset(p, 0, sizeof *p);
		p->geonameid = (int32_t)sqlite3_column_int64(st, 0);
		if (pool_column(g, st, 1, &p->name) != 0 ||
		    pool_column(g, st, 3, &p->name_nl) != 0 ||
		    pool_column(g, st, 4, &p->name_en) != 0)
			goto oom;
		cc = (const char *)sqlite3_column_text(st, 5);
		dst_copy(p->country, sizeof p->country, cc);
		p->lat = sqlite3_column_double(st, 6);
		p->lon = sqlite3_column_double(st, 7);
		pop = sqlite3_column_int64(st, 8);
		p->population = pop < 0 ? 0 : pop > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)pop;
		p->capital = sqlite3_column_int(st, 9) != 0;
		ascii = (const char *)sqlite3_column_text(st, 2);
		if (index_place(g, g->n, ascii != NULL ? ascii : "",
		    &icap) != 0)
			goto oom;
		g->n++;
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "reading places", cause);
		sqlite3_finalize(st);
		return (-1);
	}
	sqlite3_finalize(st);
	st = NULL;

	/* Give back what the doubling left over (offsets stay valid). */
	if (g->n > 0 && (nv = reallocarray(g->v, g->n, sizeof *nv)) != NULL)
		g->v = nv;
	if (g->nidx > 0 && (ni = reallocarray(g->idx, g->nidx,
	    sizeof *ni)) != NULL)
		g->idx = ni;
	if (g->poollen > 0 && (np = realloc(g->pool, g->poollen)) != NULL) {
		g->pool = np;
		g->poolcap = g->poollen;
	}

	/* qsort has no context argument: the pool goes by a thread-local. */
	sort_pool = g->pool;
	if (g->nidx > 0)
		qsort(g->idx, g->nidx, sizeof *g->idx, key_cmp);
	sort_pool = NULL;
	return (0);

oom:
	sqlite3_finalize(st);
	dst_set_cause(cause, "out of memory");
	return (-1);
}

/* How many places the gazetteer holds. */
size_t
dst_snapshot_place_count(const struct dst_snapshot *s)
{
	return (s->places != NULL ? s->places->n : 0);
}

/* --- lookups ------------------------------------------------------------- */

static const char *
key_str(const struct dst_places *g, const struct place_key *k)
{
	return (g->pool + k->key);
}

/* The first index entry whose key is >= key. */
static size_t
index_lower_bound(const struct dst_places *g, const char *key)
{
	size_t	lo = 0, hi = g->nidx, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(key_str(g, &g->idx[mid]), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

static int
place_country_ok(const struct place *p, const char *country)
{
	return (country == NULL || *country == '\0' ||
	    strcasecmp(p->country, country) == 0);
}

/* Is a bigger than b: more inhabitants, a capital, the older id. */
static int
place_bigger(const struct place *a, const struct place *b)
{
	if (a->population != b->population)
		return (a->population > b->population);
	if (a->capital != b->capital)
		return (a->capital);
	return (a->geonameid < b->geonameid);
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

/*
 * Among the index entries whose key is key (prefix 0), or starts with key
 * and a space (prefix 1), the biggest place of the country; *nfound is
 * how many distinct places matched.
 */
static const struct place *
match_range(const struct dst_places *g, const char *key, int prefix,
    const char *country, int *nfound)
{
	const struct place	*best = NULL, *p;
	uint32_t		*seen = NULL, *ns;
	size_t			 i, j, klen = strlen(key), nseen = 0, cap = 0;
	const char		*k;
	int			 n = 0;

	for (i = index_lower_bound(g, key); i < g->nidx; i++) {
		k = key_str(g, &g->idx[i]);
		if (prefix ? strncmp(k, key, klen) != 0 : strcmp(k, key) != 0)
			break;
		if (prefix && k[klen] != ' ')
			continue;
		p = &g->v[g->idx[i].place & ~KEY_ALT];
		if (!place_country_ok(p, country))
			continue;
		n++;
		if (best == NULL || place_bigger(p, best))
			best = p;
		/* By prefix, a place can match by two of its names. */
		if (prefix) {
			if (nseen == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				if ((ns = reallocarray(seen, cap,
				    sizeof *ns)) == NULL) {
					prefix = 0;	/* count as is */
					continue;
				}
				seen = ns;
			}
			seen[nseen++] = g->idx[i].place & ~KEY_ALT;
		}
	}
	if (seen != NULL && nseen > 1) {
		qsort(seen, nseen, sizeof *seen, u32_cmp);
		for (i = 1, j = 1; i < nseen; i++)
			j += seen[i] != seen[i - 1];
		n -= (int)(nseen - j);
	}
	free(seen);
	*nfound = n;
	return (best);
}

/* Decode a normalised key (valid UTF-8) into code points. */
static size_t
key_cps(const char *key, uint32_t *cp, size_t max)
{
	const unsigned char	*s = (const unsigned char *)key;
	size_t			 n = 0, k, i;
	uint32_t		 c;

	while (*s != '\0' && n < max) {
		c = *s;
		k = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ?
		    2 : 1;
		if (k > 1)
			c &= 0x3f >> (k - 1);
		for (i = 1; i < k && (s[i] & 0xc0) == 0x80; i++)
			c = (c << 6) | (s[i] & 0x3f);
		s += i;
		cp[n++] = c;
	}
	return (n);
}

/* Levenshtein distance, or limit + 1 once it must exceed limit. */
static size_t
edit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    size_t limit)
{
	size_t	r0[CP_MAX + 1], r1[CP_MAX + 1], *prev = r0, *cur = r1, *t;
	size_t	i, j, v, best;

	if ((na > nb ? na - nb : nb - na) > limit)
		return (limit + 1);
	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		cur[0] = best = i;
		for (j = 1; j <= nb; j++) {
			v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return (limit + 1);
		t = prev;
		prev = cur;
		cur = t;
	}
	return (prev[nb]);
}

struct place_sugg {
	size_t		 dist;
	size_t		 idx;	/* index entry */
};

/* Is a better than b: closer, then the bigger place. */
static int
sugg_better(const struct dst_places *g, const struct place_sugg *a,
    const struct place_sugg *b)
{
	if (a->dist != b->dist)
		return (a->dist < b->dist);
	return (place_bigger(&g->v[g->idx[a->idx].place & ~KEY_ALT],
	    &g->v[g->idx[b->idx].place & ~KEY_ALT]));
}

/* Keep the best SUGG_KEEP, one per place, best first. */
static void
sugg_add(const struct dst_places *g, struct place_sugg *top, int *ntop,
    struct place_sugg c)
{
	uint32_t	pl = g->idx[c.idx].place & ~KEY_ALT;
	int		i;

	for (i = 0; i < *ntop; i++) {
		if ((g->idx[top[i].idx].place & ~KEY_ALT) != pl)
			continue;
		if (!sugg_better(g, &c, &top[i]))
			return;
		memmove(&top[i], &top[i + 1], (size_t)(*ntop - i - 1) *
		    sizeof *top);
		(*ntop)--;
		break;
	}
	for (i = *ntop; i > 0 && sugg_better(g, &c, &top[i - 1]); i--)
		if (i < SUGG_KEEP)
			top[i] = top[i - 1];
	if (i >= SUGG_KEEP)
		return;
	top[i] = c;
	if (*ntop < SUGG_KEEP)
		(*ntop)++;
}

/* Which of a place's names has this key (its name if none). */
static const char *
suggest_display(const struct dst_places *g, const struct place *p,
    const char *key)
{
	const char	*names[3];
	char		 k[KEY_MAX];
	int		 i;

	names[0] = pool_str(g, p->name);
	names[1] = pool_str(g, p->name_nl);
	names[2] = pool_str(g, p->name_en);
	for (i = 0; i < 3; i++) {
		dst_normalize(names[i], k, sizeof k);
		if (strcmp(k, key) == 0)
			return (names[i]);
	}
	return (names[0]);
}

/* The closest names of places to key (edit distance), best first. */
static void
places_suggest(const struct dst_places *g, const char *key,
    const char *country, struct dst_suggestions *sugg)
{
	struct place_sugg	 top[SUGG_KEEP], c;
	const struct place	*p;
	const char		*name;
	uint32_t		 q[CP_MAX], cp[CP_MAX];
	size_t			 nq, nc, limit, i, klen;
	int			 ntop = 0, k, j, dup;

	nq = key_cps(key, q, CP_MAX);
	limit = nq / 3 > 2 ? nq / 3 : 2;
	for (i = 0; i < g->nidx; i++) {
		p = &g->v[g->idx[i].place & ~KEY_ALT];
		if (!place_country_ok(p, country))
			continue;
		/* Bytes bound code points from above: a cheap first cut. */
		klen = strlen(key_str(g, &g->idx[i]));
		if (klen + limit < nq)
			continue;
		nc = key_cps(key_str(g, &g->idx[i]), cp, CP_MAX);
		c.dist = edit_distance(q, nq, cp, nc, limit);
		c.idx = i;
		if (c.dist <= limit)
			sugg_add(g, top, &ntop, c);
	}
	/* Two places of one name ("Bergen") make one suggestion. */
	sugg->n = 0;
	for (k = 0; k < ntop && sugg->n < DST_MAX_SUGGESTIONS; k++) {
		p = &g->v[g->idx[top[k].idx].place & ~KEY_ALT];
		/* The name that matched, but the real one for a form. */
		if (g->idx[top[k].idx].place & KEY_ALT)
			name = pool_str(g, p->name);
		else
			name = suggest_display(g, p, key_str(g,
			    &g->idx[top[k].idx]));
		for (j = 0, dup = 0; j < sugg->n && !dup; j++)
			dup = strcmp(sugg->names[j], name) == 0;
		if (dup)
			continue;
		dst_copy(sugg->names[sugg->n], sizeof sugg->names[0], name);
		sugg->ids[sugg->n][0] = '\0';
		sugg->n++;
	}
}

/* Find a place by name (see destinations.h). */
int
dst_snapshot_find_place(const struct dst_snapshot *s, const char *text,
    const char *country, struct dst_place_hit *hit,
    struct dst_suggestions *sugg)
{
	const struct dst_places	*g = s->places;
	const struct place	*p;
	char			 key[KEY_MAX];
	int			 n;

	if (sugg != NULL)
		sugg->n = 0;
	if (g == NULL || g->nidx == 0 || text == NULL)
		return (0);
	dst_normalize(text, key, sizeof key);
	if (*key == '\0')
		return (0);
	if ((p = match_range(g, key, 0, country, &n)) == NULL &&
	    strlen(key) >= 3) {
		/* Whole words: "frankfurt" finds "frankfurt am main". */
		p = match_range(g, key, 1, country, &n);
	}
	if (p == NULL) {
		if (sugg != NULL)
			places_suggest(g, key, country, sugg);
		return (0);
	}
	memset(hit, 0, sizeof *hit);
	dst_copy(hit->name, sizeof hit->name, pool_str(g, p->name));
	dst_copy(hit->name_nl, sizeof hit->name_nl, pool_str(g, p->name_nl));
	dst_copy(hit->name_en, sizeof hit->name_en, pool_str(g, p->name_en));
	dst_copy(hit->country, sizeof hit->country, p->country);
	hit->lat = p->lat;
	hit->lon = p->lon;
	hit->population = (long)p->population;
	hit->geonameid = p->geonameid;
	hit->capital = p->capital;
	hit->nsame = n - 1;
	return (1);
}
