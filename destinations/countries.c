/*
 * Countries: the country of a point, the nearest listed destination, and
 * the rail-connected zone built from the country borders.
 *
 * The borders (the countries table: Natural Earth, one GeoJSON geometry
 * per ISO code) are read into the snapshot as text and turned into WKB
 * once, on first use, so that loading a snapshot stays cheap.  Each thread
 * then keeps its own prepared geometries and STRtrees (GEOS builds their
 * indexes lazily and none of them is thread-safe), rebuilt when the
 * snapshot generation changes and warmed with one query before use.  GEOS
 * is planar: it finds candidates and tests containment; distances are
 * great-circle kilometres (dec_haversine_km).
 */

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>

#include "destinations/embedded.h"
#include "destinations/internal.h"

#define EARTH_KM	6371.0088	/* as dec_haversine_km */
#define KM_PER_DEG	(EARTH_KM * M_PI / 180.0)
#define COAST_KM	25.0	/* a point at sea: the country this near */
#define LISTED_FROM_KM	50.0	/* nearest listed: the first box's radius, */
#define LISTED_TO_KM	3200.0	/* doubled up to this, then every entry */
#define TREE_NODES	10	/* STRtree node capacity */

#define RAIL_CONF	"data/rail-countries.json"
#define RAIL_ZONE_ID	"rail-europe"
#define TOUCH_DEG	1e-4	/* exclaves: envelopes this near, tested */
#define ISLAND_KM	10.0	/* a point this near a polygon picks it */
#define SIMPLIFY_DEG	0.005	/* the borders: ~500 m, inside the margin */
#define OUTLINE_DEG	0.01	/* the zone: ~1 km, inside the margin too */
#define ZONE_GRID	1e-4	/* the zone's coordinates: 4 decimals */
#define SINU_LON0	15.0	/* the margin's projection: sinusoidal, 15°E */
#define DUMP_FLAGS	(JSON_COMPACT | JSON_REAL_PRECISION(15))

/* One country as the snapshot holds it. */
struct country {
	char		 cc[3];
	char		*geojson;	/* as read; freed once turned into WKB */
	unsigned char	*wkb;
	size_t		 wkblen;
};

/* A snapshot's borders (struct dst_countries in internal.h). */
struct dst_countries {
	struct country	*v;		/* sorted by code */
	size_t		 n;
	pthread_mutex_t	 lock;		/* guards the conversion to WKB */
	int		 state;		/* 0 GeoJSON, 1 WKB, -1 failed */
};

/*
 * A thread's GEOS state (kept in zones.c's per-thread slot).  The borders
 * are indexed polygon by polygon: France's envelope spans the globe, that
 * of mainland France does not.
 */
struct country_tls {
	unsigned long		  cgen;		/* borders of this generation */
	size_t			  n;		/* polygons */
	GEOSGeometry		**geoms;
	const GEOSPreparedGeometry **preps;
	size_t			 *owner;	/* polygon -> country index */
	GEOSSTRtree		 *tree;		/* envelopes -> &cids[i] */
	size_t			 *cids;

	unsigned long		  lgen;		/* listed points of this one */
	size_t			  npts;
	GEOSGeometry		**pts;
	GEOSSTRtree		 *ptree;	/* entries' points -> &pids[i] */
	size_t			 *pids;
};

/* Indexes an STRtree query found. */
struct hits {
	size_t	*v;
	size_t	 n, cap;
};

/* --- loading ---------------------------------------------------------- */

/* Free a snapshot's borders. */
void
dst_countries_free(struct dst_countries *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].geojson);
		free(c->v[i].wkb);
	}
	free(c->v);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

/* Read the countries table into the snapshot (text: see above). */
int
dst_countries_load(struct dst_snapshot *s, sqlite3 *db, char **cause)
{
	static const char sql[] = "SELECT iso_a2, geojson FROM countries "
	    "ORDER BY iso_a2";
	struct dst_countries	*c;
	struct country		*nv, *k;
	sqlite3_stmt		*st;
	const char		*cc, *text;
	size_t			 cap = 0;
	int			 rc;

	if ((c = calloc(1, sizeof *c)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	if (pthread_mutex_init(&c->lock, NULL) != 0) {
		free(c);
		dst_set_cause(cause, "cannot make a mutex");
		return (-1);
	}
	s->countries = c;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "reading countries", cause);
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (c->n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			if ((nv = reallocarray(c->v, cap, sizeof *nv)) == NULL)
				goto oom;
			c->v = nv;
		}
		k = &c->v[c->n];
		memset(k, 0, sizeof *k);
		cc = (const char *)sqlite3_column_text(st, 0);
		text = (const char *)sqlite3_column_text(st, 1);
		if (cc == NULL || text == NULL)
			continue;
		dst_copy(k->cc, sizeof k->cc, cc);
		if ((k->geojson = strdup(text)) == NULL)
			goto oom;
		c->n++;
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "reading countries", cause);
		sqlite3_finalize(st);
		return (-1);
	}
	sqlite3_finalize(st);
	return (0);

oom:
	dst_set_cause(cause, "out of memory");
	sqlite3_finalize(st);
	return (-1);
}

/* Turn every border into WKB (the caller holds the lock). */
static int
countries_convert(struct dst_countries *c, GEOSContextHandle_t ctx)
{
	GEOSGeoJSONReader	*r;
	GEOSWKBWriter		*w;
	GEOSGeometry		*g;
	unsigned char		*wkb;
	size_t			 i, len;
	int			 rc = -1;

	r = GEOSGeoJSONReader_create_r(ctx);
	w = GEOSWKBWriter_create_r(ctx);
	if (r == NULL || w == NULL)
		goto out;
	for (i = 0; i < c->n; i++) {
		if ((g = GEOSGeoJSONReader_readGeometry_r(ctx, r,
		    c->v[i].geojson)) == NULL)
			goto out;
		wkb = GEOSWKBWriter_write_r(ctx, w, g, &len);
		GEOSGeom_destroy_r(ctx, g);
		if (wkb == NULL)
			goto out;
		if ((c->v[i].wkb = malloc(len)) == NULL) {
			GEOSFree_r(ctx, wkb);
			goto out;
		}
		memcpy(c->v[i].wkb, wkb, len);
		c->v[i].wkblen = len;
		GEOSFree_r(ctx, wkb);
		free(c->v[i].geojson);
		c->v[i].geojson = NULL;
	}
	rc = 0;
out:
	if (r != NULL)
		GEOSGeoJSONReader_destroy_r(ctx, r);
	if (w != NULL)
		GEOSWKBWriter_destroy_r(ctx, w);
	return (rc);
}

/* The borders as WKB, converted by the first thread that needs them. */
static int
countries_wkb(struct dst_countries *c, GEOSContextHandle_t ctx)
{
	int	state;

	pthread_mutex_lock(&c->lock);
	if (c->state == 0)
		c->state = countries_convert(c, ctx) == 0 ? 1 : -1;
	state = c->state;
	pthread_mutex_unlock(&c->lock);
	return (state == 1 ? 0 : -1);
}

/* --- per-thread state ------------------------------------------------- */

/* An STRtree query callback that does nothing: the warm-up. */
static void
tree_warm(void *item, void *arg)
{
	(void)item;
	(void)arg;
}

/* An STRtree query callback: collect the items' indexes. */
static void
hits_add(void *item, void *arg)
{
	struct hits	*h = arg;
	size_t		*nv;

	if (h->n == h->cap) {
		h->cap = h->cap == 0 ? 16 : h->cap * 2;
		if ((nv = reallocarray(h->v, h->cap, sizeof *nv)) == NULL) {
			h->cap = h->n;
			return;
		}
		h->v = nv;
	}
	h->v[h->n++] = *(const size_t *)item;
}

/* Drop a thread's borders. */
static void
borders_clear(GEOSContextHandle_t ctx, struct country_tls *t)
{
	size_t	i;

	if (t->tree != NULL)
		GEOSSTRtree_destroy_r(ctx, t->tree);
	for (i = 0; i < t->n; i++) {
		if (t->preps[i] != NULL)
			GEOSPreparedGeom_destroy_r(ctx, t->preps[i]);
		if (t->geoms[i] != NULL)
			GEOSGeom_destroy_r(ctx, t->geoms[i]);
	}
	free(t->preps);
	free(t->geoms);
	free(t->owner);
	free(t->cids);
	t->tree = NULL;
	t->preps = NULL;
	t->geoms = NULL;
	t->owner = NULL;
	t->cids = NULL;
	t->n = 0;
	t->cgen = 0;
}

/* Drop a thread's listed points. */
static void
listed_clear(GEOSContextHandle_t ctx, struct country_tls *t)
{
	size_t	i;

	if (t->ptree != NULL)
		GEOSSTRtree_destroy_r(ctx, t->ptree);
	for (i = 0; i < t->npts; i++) {
		if (t->pts[i] != NULL)
			GEOSGeom_destroy_r(ctx, t->pts[i]);
	}
	free(t->pts);
	free(t->pids);
	t->ptree = NULL;
	t->pts = NULL;
	t->pids = NULL;
	t->npts = 0;
	t->lgen = 0;
}

/* Free a thread's state (called by zones.c with the thread's context). */
void
dst_countries_thread_free(GEOSContextHandle_t ctx, void *p)
{
	struct country_tls	*t = p;

	if (t == NULL)
		return;
	borders_clear(ctx, t);
	listed_clear(ctx, t);
	free(t);
}

/* The calling thread's context and state; NULL if out of memory. */
static struct country_tls *
tls_state(GEOSContextHandle_t *ctx)
{
	struct country_tls	*t;
	void			**slot;

	if ((*ctx = dst_geos_thread(&slot)) == NULL)
		return (NULL);
	if ((t = *slot) == NULL) {
		if ((t = calloc(1, sizeof *t)) == NULL)
			return (NULL);
		*slot = t;
	}
	return (t);
}

/* The polygons of a border, or -1 if it is neither kind of polygon. */
static int
polygon_count(GEOSContextHandle_t ctx, const GEOSGeometry *g)
{
	switch (GEOSGeomTypeId_r(ctx, g)) {
	case GEOS_POLYGON:
		return (1);
	case GEOS_MULTIPOLYGON:
		return (GEOSGetNumGeometries_r(ctx, g));
	}
	return (-1);
}

/* This thread's prepared borders and their STRtree for the snapshot. */
static int
borders_build(struct country_tls *t, GEOSContextHandle_t ctx,
    const struct dst_snapshot *s)
{
	struct dst_countries	*c = s->countries;
	GEOSWKBReader		*r = NULL;
	GEOSGeometry		**all = NULL;
	const GEOSGeometry	*poly;
	size_t			 i, n = 0;
	int			 j, k;

	if (t->cgen != 0 && t->cgen == s->generation)
		return (0);
	borders_clear(ctx, t);
	if (c == NULL || c->n == 0) {
		t->cgen = s->generation;
		return (0);
	}
	if (countries_wkb(c, ctx) != 0 ||
	    (all = calloc(c->n, sizeof *all)) == NULL ||
	    (r = GEOSWKBReader_create_r(ctx)) == NULL)
		goto fail;
	for (i = 0; i < c->n; i++) {
		if ((all[i] = GEOSWKBReader_read_r(ctx, r, c->v[i].wkb,
		    c->v[i].wkblen)) == NULL)
			goto fail;
		if ((k = polygon_count(ctx, all[i])) > 0)
			n += (size_t)k;
	}
	t->geoms = calloc(n + 1, sizeof *t->geoms);
	t->preps = calloc(n + 1, sizeof *t->preps);
	t->owner = calloc(n + 1, sizeof *t->owner);
	t->cids = calloc(n + 1, sizeof *t->cids);
	if (t->geoms == NULL || t->preps == NULL || t->owner == NULL ||
	    t->cids == NULL ||
	    (t->tree = GEOSSTRtree_create_r(ctx, TREE_NODES)) == NULL)
		goto fail;
	for (i = 0; i < c->n; i++) {
		k = polygon_count(ctx, all[i]);
		for (j = 0; j < k; j++) {
			poly = k == 1 && GEOSGeomTypeId_r(ctx, all[i]) ==
			    GEOS_POLYGON ? all[i] : GEOSGetGeometryN_r(ctx,
			    all[i], j);
			if ((t->geoms[t->n] = GEOSGeom_clone_r(ctx,
			    poly)) == NULL)
				goto fail;
			t->n++;
			if ((t->preps[t->n - 1] = GEOSPrepare_r(ctx,
			    t->geoms[t->n - 1])) == NULL)
				goto fail;
			t->owner[t->n - 1] = i;
			t->cids[t->n - 1] = t->n - 1;
			GEOSSTRtree_insert_r(ctx, t->tree, t->geoms[t->n - 1],
			    &t->cids[t->n - 1]);
		}
	}
	for (i = 0; i < c->n; i++)
		GEOSGeom_destroy_r(ctx, all[i]);
	free(all);
	GEOSWKBReader_destroy_r(ctx, r);
	/* The tree is built on its first query: make that one now. */
	if (t->n > 0)
		GEOSSTRtree_query_r(ctx, t->tree, t->geoms[0], tree_warm,
		    NULL);
	t->cgen = s->generation;
	return (0);

fail:
	for (i = 0; all != NULL && i < c->n; i++) {
		if (all[i] != NULL)
			GEOSGeom_destroy_r(ctx, all[i]);
	}
	free(all);
	if (r != NULL)
		GEOSWKBReader_destroy_r(ctx, r);
	borders_clear(ctx, t);
	return (-1);
}

/* This thread's STRtree of the listed entries' points. */
static int
listed_build(struct country_tls *t, GEOSContextHandle_t ctx,
    const struct dst_snapshot *s)
{
	size_t	i;

	if (t->lgen != 0 && t->lgen == s->generation)
		return (0);
	listed_clear(ctx, t);
	if (s->nentries == 0) {
		t->lgen = s->generation;
		return (0);
	}
	t->pts = calloc(s->nentries, sizeof *t->pts);
	t->pids = calloc(s->nentries, sizeof *t->pids);
	if (t->pts == NULL || t->pids == NULL ||
	    (t->ptree = GEOSSTRtree_create_r(ctx, TREE_NODES)) == NULL)
		goto fail;
	t->npts = s->nentries;
	for (i = 0; i < s->nentries; i++) {
		if ((t->pts[i] = GEOSGeom_createPointFromXY_r(ctx,
		    s->entries[i].lon, s->entries[i].lat)) == NULL)
			goto fail;
		t->pids[i] = i;
		GEOSSTRtree_insert_r(ctx, t->ptree, t->pts[i], &t->pids[i]);
	}
	GEOSSTRtree_query_r(ctx, t->ptree, t->pts[0], tree_warm, NULL);
	t->lgen = s->generation;
	return (0);

fail:
	listed_clear(ctx, t);
	return (-1);
}

/* --- queries ---------------------------------------------------------- */

/*
 * The lon/lat box that holds every point within km of (lat, lon), cut to
 * the world's edges: 0, or -1 if it had to be cut (the circle reaches a
 * pole or crosses the antimeridian).
 */
static int
cap_box(double lat, double lon, double km, double b[4])
{
	double	dlat, dlon;

	dlat = km / KM_PER_DEG;
	if (lat + dlat >= 90 || lat - dlat <= -90) {
		b[0] = -180;
		b[1] = fmax(lat - dlat, -90);
		b[2] = 180;
		b[3] = fmin(lat + dlat, 90);
		return (-1);
	}
	dlon = asin(fmin(1.0, sin(km / EARTH_KM) /
	    cos(lat * M_PI / 180.0))) * 180.0 / M_PI;
	b[0] = lon - dlon;
	b[1] = lat - dlat;
	b[2] = lon + dlon;
	b[3] = lat + dlat;
	if (b[0] >= -180 && b[2] <= 180)
		return (0);
	b[0] = fmax(b[0], -180);
	b[2] = fmin(b[2], 180);
	return (-1);
}

/* A polygon near a point at sea, with its planar distance in degrees. */
struct coast {
	size_t	i;
	double	deg;
};

/*
 * The country (index) nearest a point at sea, within COAST_KM; SIZE_MAX if
 * none.  Candidates come from the STRtree and are ranked by their planar
 * distance in degrees, cheap to compute; the exact distance (to the
 * nearest point, great-circle) only for those that can still win.  Near
 * the antimeridian only its own side is searched.
 */
static size_t
country_near(struct country_tls *t, GEOSContextHandle_t ctx,
    const GEOSGeometry *pt, double lat, double lon)
{
	GEOSGeometry		*box;
	GEOSCoordSequence	*seq;
	struct hits		 h = { NULL, 0, 0 };
	struct coast		*v, tmp;
	double			 b[4], x, y, d, c, most, least, best_km = COAST_KM;
	size_t			 i, j, n = 0, best = SIZE_MAX;

	(void)cap_box(lat, lon, COAST_KM, b);
	if ((box = GEOSGeom_createRectangle_r(ctx, b[0], b[1], b[2],
	    b[3])) == NULL)
		return (SIZE_MAX);
	GEOSSTRtree_query_r(ctx, t->tree, box, hits_add, &h);
	GEOSGeom_destroy_r(ctx, box);
	if (h.n == 0 || (v = calloc(h.n, sizeof *v)) == NULL) {
		free(h.v);
		return (SIZE_MAX);
	}
	/*
	 * Within COAST_KM means within `most` planar degrees; a polygon d
	 * degrees away is about d * `least` km away or more (a degree of
	 * longitude at the highest latitude it can be at).
	 */
	c = cos(fmin(fmax(fabs(b[1]), fabs(b[3])), 89.0) * M_PI / 180.0);
	most = COAST_KM / KM_PER_DEG * sqrt(1.0 + 1.0 / (c * c));
	least = KM_PER_DEG * cos(fmin(fmax(fabs(b[1]), fabs(b[3])) + most,
	    89.5) * M_PI / 180.0);
	for (i = 0; i < h.n; i++) {
		if (GEOSPreparedDistance_r(ctx, t->preps[h.v[i]], pt, &d) != 1 ||
		    d > most)
			continue;
		v[n].i = h.v[i];
		v[n].deg = d;
		for (j = n++; j > 0 && v[j - 1].deg > v[j].deg; j--) {
			tmp = v[j - 1];
			v[j - 1] = v[j];
			v[j] = tmp;
		}
	}
	for (i = 0; i < n && v[i].deg * least <= best_km; i++) {
		/* The nearest point is planar; its distance is not. */
		if ((seq = GEOSPreparedNearestPoints_r(ctx, t->preps[v[i].i],
		    pt)) == NULL)
			continue;
		if (GEOSCoordSeq_getXY_r(ctx, seq, 0, &x, &y) == 1) {
			d = dec_haversine_km(lat, lon, y, x);
			if (d < best_km || (d == best_km &&
			    t->owner[v[i].i] < best)) {
				best_km = d;
				best = t->owner[v[i].i];
			}
		}
		GEOSCoordSeq_destroy_r(ctx, seq);
	}
	free(v);
	free(h.v);
	return (best);
}

/* The country of a point (see destinations.h). */
int
dst_snapshot_country_at(const struct dst_snapshot *s, double lat,
    double lon, char cc[3])
{
	GEOSContextHandle_t	 ctx;
	struct country_tls	*t;
	GEOSGeometry		*pt;
	struct hits		 h = { NULL, 0, 0 };
	size_t			 i, best = SIZE_MAX;

	cc[0] = '\0';
	if (!isfinite(lat) || !isfinite(lon) || fabs(lat) > 90 ||
	    fabs(lon) > 180)
		return (0);
	if ((t = tls_state(&ctx)) == NULL || borders_build(t, ctx, s) != 0 ||
	    t->n == 0)
		return (0);
	if ((pt = GEOSGeom_createPointFromXY_r(ctx, lon, lat)) == NULL)
		return (0);
	GEOSSTRtree_query_r(ctx, t->tree, pt, hits_add, &h);
	for (i = 0; i < h.n; i++) {
		/* On a border: the first code.  2 is an error: not in. */
		if (t->owner[h.v[i]] < best &&
		    GEOSPreparedCovers_r(ctx, t->preps[h.v[i]], pt) == 1)
			best = t->owner[h.v[i]];
	}
	free(h.v);
	if (best == SIZE_MAX)
		best = country_near(t, ctx, pt, lat, lon);
	GEOSGeom_destroy_r(ctx, pt);
	if (best == SIZE_MAX)
		return (0);
	memcpy(cc, s->countries->v[best].cc, 3);
	return (1);
}

/* What the nearest-listed search has found so far. */
struct nearest {
	const struct dst_snapshot	*s;
	long				 day;
	double				 lat, lon;
	const struct dst_entry		*best;
	double				 km;
};

/* An STRtree query callback: is this entry nearer? */
static void
nearest_visit(void *item, void *arg)
{
	struct nearest		*n = arg;
	const struct dst_entry	*e = &n->s->entries[*(const size_t *)item];
	double			 km;

	if (!dst_entry_active(e, n->day))
		return;
	km = dec_haversine_km(n->lat, n->lon, e->lat, e->lon);
	if (n->best == NULL || km < n->km ||
	    (km == n->km && strcmp(e->id, n->best->id) < 0)) {
		n->best = e;
		n->km = km;
	}
}

/* The nearest active list entry (see destinations.h). */
const struct dst_entry *
dst_snapshot_nearest_listed(const struct dst_snapshot *s, double lat,
    double lon, long day, double *km)
{
	GEOSContextHandle_t	 ctx;
	struct country_tls	*t;
	GEOSGeometry		*box;
	struct nearest		 n = { s, day, lat, lon, NULL, 0 };
	double			 b[4], r;
	size_t			 i;

	if (km != NULL)
		*km = -1;
	if (!isfinite(lat) || !isfinite(lon) || fabs(lat) > 90 ||
	    fabs(lon) > 180)
		return (NULL);
	/*
	 * Boxes that grow: an entry found within the box's radius r is the
	 * nearest, since whatever lies outside the box is farther than r.
	 */
	if ((t = tls_state(&ctx)) != NULL && listed_build(t, ctx, s) == 0 &&
	    t->ptree != NULL) {
		for (r = LISTED_FROM_KM; r <= LISTED_TO_KM; r *= 2) {
			if (cap_box(lat, lon, r, b) != 0 ||
			    (box = GEOSGeom_createRectangle_r(ctx, b[0], b[1],
			    b[2], b[3])) == NULL)
				break;
			n.best = NULL;
			GEOSSTRtree_query_r(ctx, t->ptree, box, nearest_visit,
			    &n);
			GEOSGeom_destroy_r(ctx, box);
			if (n.best != NULL && n.km <= r)
				goto done;
		}
	}
	/* Far from everything, near a pole or the antimeridian: all. */
	n.best = NULL;
	for (i = 0; i < s->nentries; i++)
		nearest_visit(&i, &n);
done:
	if (km != NULL && n.best != NULL)
		*km = n.km;
	return (n.best);
}

/* --- the rail-connected zone ----------------------------------------- */

/* Why a part is in the zone. */
enum kept {
	KEPT_NOT,
	KEPT_MAINLAND,
	KEPT_ISLAND,		/* a connected island */
	KEPT_EXCLAVE,		/* it touches a kept part */
	KEPT_EXCLAVE_NEW	/* found in this round */
};

/* A polygon of a listed country: a candidate for the zone. */
struct part {
	GEOSGeometry	*g;
	const GEOSPreparedGeometry *prep; /* made once the part is kept */
	size_t		 country;	/* index into "countries" */
	double		 area;		/* ~ km², only to compare */
	double		 env[4];	/* xmin, ymin, xmax, ymax */
	enum kept	 kept;
};

/* Building the zone. */
struct build {
	GEOSContextHandle_t	 ctx;
	char			 msg[256];	/* what GEOS said last */
	json_t			*conf;		/* data/rail-countries.json */
	struct part		*parts;
	size_t			 nparts, cap;
	int			 nfound;	/* listed countries found */
	int			 nislands;	/* connected islands kept */
	int			 nexclaves;
	char			 missing[128];	/* listed, not in the table */
	char			 lost[256];	/* islands not found */
};

/* GEOS notices: ignored. */
static void
build_notice(const char *fmt, ...)
{
	(void)fmt;
}

/* GEOS errors: kept for the cause. */
static void
build_error(const char *message, void *arg)
{
	struct build	*b = arg;

	dst_copy(b->msg, sizeof b->msg, message);
}

/* Append to a comma-separated list in a fixed buffer. */
static void
list_add(char *buf, size_t len, const char *item)
{
	size_t	n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s", n > 0 ? ", " : "", item);
}

/* Check data/rail-countries.json; 0, or -1 with a cause. */
static int
conf_check(json_t *conf, char **cause)
{
	json_error_t	 je;
	json_t		*codes, *clip, *mainland, *islands, *v;
	const char	*cc, *name, *source;
	double		 margin, bbox[4], lat, lon;
	size_t		 i;

	if (json_unpack_ex(conf, &je, JSON_STRICT, "{s:s, s:s, s:s, s:o, "
	    "s?s, s:F, s?s, s:o, s:o, s:o}", "name", &name, "source", &source,
	    "description", &cc, "countries", &codes, "countries_note", &cc,
	    "margin_km", &margin, "margin_note", &cc, "clip", &clip,
	    "mainland", &mainland, "connected_islands", &islands) != 0)
		goto bad;
	if (strlen(name) >= DEC_NAME_MAX || strlen(source) >= DEC_SOURCE_MAX) {
		snprintf(je.text, sizeof je.text, "name is shorter than %d "
		    "bytes, source than %d", DEC_NAME_MAX, DEC_SOURCE_MAX);
		goto bad;
	}
	if (!json_is_array(codes) || !json_is_array(clip) ||
	    !json_is_array(mainland) || !json_is_array(islands) ||
	    !(margin >= 0 && margin <= 50)) {
		snprintf(je.text, sizeof je.text, "countries, clip, mainland "
		    "and connected_islands are arrays; margin_km is 0..50");
		goto bad;
	}
	json_array_foreach(codes, i, v) {
		cc = json_string_value(v);
		if (cc == NULL || !dst_country_valid(cc)) {
			snprintf(je.text, sizeof je.text, "countries[%zu]: "
			    "not a country code", i);
			goto bad;
		}
	}
	json_array_foreach(clip, i, v) {
		if (json_unpack_ex(v, &je, JSON_STRICT, "{s:s, s:[FFFF], "
		    "s:s}", "country", &cc, "bbox", &bbox[0], &bbox[1],
		    &bbox[2], &bbox[3], "why", &cc) != 0)
			goto bad;
		if (!(bbox[0] < bbox[2] && bbox[1] < bbox[3])) {
			snprintf(je.text, sizeof je.text, "clip[%zu]: bbox is "
			    "[west, south, east, north]", i);
			goto bad;
		}
	}
	json_array_foreach(mainland, i, v) {
		if (json_unpack_ex(v, &je, JSON_STRICT, "{s:s, s:s, s:F, s:F, "
		    "s:s}", "country", &cc, "name", &cc, "lat", &lat, "lon",
		    &lon, "why", &cc) != 0)
			goto bad;
	}
	json_array_foreach(islands, i, v) {
		if (json_unpack_ex(v, &je, JSON_STRICT, "{s:s, s:s, s:F, s:F, "
		    "s:s}", "country", &cc, "name", &cc, "lat", &lat, "lon",
		    &lon, "source", &cc) != 0)
			goto bad;
	}
	return (0);

bad:
	dst_set_cause(cause, "%s: %s", RAIL_CONF, je.text);
	return (-1);
}

/* The index of a code in "countries", or -1. */
static int
conf_country(const struct build *b, const char *cc)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(json_object_get(b->conf, "countries"), i, v) {
		if (strcmp(json_string_value(v), cc) == 0)
			return ((int)i);
	}
	return (-1);
}

/* The entry of an array of the conf for a country, or NULL. */
static json_t *
conf_for(const struct build *b, const char *key, const char *cc)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(json_object_get(b->conf, key), i, v) {
		if (strcmp(json_string_value(json_object_get(v, "country")),
		    cc) == 0)
			return (v);
	}
	return (NULL);
}

/* Add the polygons of g (any geometry) as parts of a country. */
static int
parts_add(struct build *b, const GEOSGeometry *g, size_t country)
{
	struct part	*np, *p;
	double		 c;
	int		 i, n, type;

	type = GEOSGeomTypeId_r(b->ctx, g);
	if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
		n = GEOSGetNumGeometries_r(b->ctx, g);
		for (i = 0; i < n; i++) {
			if (parts_add(b, GEOSGetGeometryN_r(b->ctx, g, i),
			    country) != 0)
				return (-1);
		}
		return (0);
	}
	if (type != GEOS_POLYGON || GEOSisEmpty_r(b->ctx, g) != 0)
		return (0);
	if (b->nparts == b->cap) {
		b->cap = b->cap == 0 ? 256 : b->cap * 2;
		if ((np = reallocarray(b->parts, b->cap, sizeof *np)) == NULL)
			return (-1);
		b->parts = np;
	}
	p = &b->parts[b->nparts];
	memset(p, 0, sizeof *p);
	p->country = country;
	if ((p->g = GEOSGeom_clone_r(b->ctx, g)) == NULL ||
	    GEOSGeom_getExtent_r(b->ctx, p->g, &p->env[0], &p->env[1],
	    &p->env[2], &p->env[3]) != 1 || GEOSArea_r(b->ctx, p->g,
	    &p->area) != 1) {
		if (p->g != NULL)
			GEOSGeom_destroy_r(b->ctx, p->g);
		return (-1);
	}
	/* Square degrees shrink towards the poles: compare like with like. */
	c = cos((p->env[1] + p->env[3]) / 2 * M_PI / 180.0);
	p->area *= c * KM_PER_DEG * KM_PER_DEG;
	b->nparts++;
	return (0);
}

/* Read the listed countries' borders from the table into parts. */
static int
parts_read(struct build *b, sqlite3 *db, char **cause)
{
	GEOSGeoJSONReader	*r;
	GEOSGeometry		*g, *fixed;
	sqlite3_stmt		*st;
	json_t			*clip;
	const char		*cc, *text;
	unsigned char		*seen;
	double			 bb[4];
	size_t			 i, n;
	int			 k, rc;

	n = json_array_size(json_object_get(b->conf, "countries"));
	if ((seen = calloc(n + 1, 1)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	if ((r = GEOSGeoJSONReader_create_r(b->ctx)) == NULL) {
		dst_set_cause(cause, "GEOS: %s", b->msg);
		free(seen);
		return (-1);
	}
	if (sqlite3_prepare_v2(db, "SELECT iso_a2, geojson FROM countries "
	    "ORDER BY iso_a2", -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "reading countries", cause);
		GEOSGeoJSONReader_destroy_r(b->ctx, r);
		free(seen);
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cc = (const char *)sqlite3_column_text(st, 0);
		text = (const char *)sqlite3_column_text(st, 1);
		if (cc == NULL || text == NULL || (k = conf_country(b,
		    cc)) < 0)
			continue;
		if ((g = GEOSGeoJSONReader_readGeometry_r(b->ctx, r,
		    text)) == NULL) {
			dst_set_cause(cause, "country %s: %s", cc, b->msg);
			goto fail;
		}
		if (GEOSisValid_r(b->ctx, g) != 1) {
			fixed = GEOSMakeValid_r(b->ctx, g);
			GEOSGeom_destroy_r(b->ctx, g);
			if ((g = fixed) == NULL) {
				dst_set_cause(cause, "country %s: %s", cc,
				    b->msg);
				goto fail;
			}
		}
		if ((clip = conf_for(b, "clip", cc)) != NULL) {
			for (i = 0; i < 4; i++)
				bb[i] = json_number_value(json_array_get(
				    json_object_get(clip, "bbox"), i));
			fixed = GEOSClipByRect_r(b->ctx, g, bb[0], bb[1],
			    bb[2], bb[3]);
			GEOSGeom_destroy_r(b->ctx, g);
			if ((g = fixed) == NULL) {
				dst_set_cause(cause, "country %s: %s", cc,
				    b->msg);
				goto fail;
			}
		}
		rc = parts_add(b, g, (size_t)k);
		GEOSGeom_destroy_r(b->ctx, g);
		if (rc != 0) {
			dst_set_cause(cause, "country %s: %s", cc,
			    b->msg[0] != '\0' ? b->msg : "out of memory");
			goto fail;
		}
		seen[k] = 1;
		b->nfound++;
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(db, "reading countries", cause);
		goto fail;
	}
	sqlite3_finalize(st);
	GEOSGeoJSONReader_destroy_r(b->ctx, r);

	/* The listed codes the borders do not have. */
	for (i = 0; i < n; i++) {
		if (!seen[i])
			list_add(b->missing, sizeof b->missing,
			    json_string_value(json_array_get(json_object_get(
			    b->conf, "countries"), i)));
	}
	free(seen);
	return (0);

fail:
	sqlite3_finalize(st);
	GEOSGeoJSONReader_destroy_r(b->ctx, r);
	free(seen);
	return (-1);
}

/*
 * Keep the part of a country that holds a point, or failing that the one
 * nearest it within ISLAND_KM.  1 if one was found, 0 if not, -1 on error.
 */
static int
keep_at(struct build *b, size_t country, double lat, double lon,
    enum kept why)
{
	GEOSGeometry		*pt;
	GEOSCoordSequence	*seq;
	struct part		*p;
	double			 x, y, km, best_km = ISLAND_KM;
	size_t			 i, best = SIZE_MAX;

	if ((pt = GEOSGeom_createPointFromXY_r(b->ctx, lon, lat)) == NULL)
		return (-1);
	for (i = 0; i < b->nparts && best == SIZE_MAX; i++) {
		p = &b->parts[i];
		if (p->country == country && lon >= p->env[0] &&
		    lon <= p->env[2] && lat >= p->env[1] && lat <= p->env[3] &&
		    GEOSCovers_r(b->ctx, p->g, pt) == 1)
			best = i;
	}
	if (best == SIZE_MAX) {
		for (i = 0; i < b->nparts; i++) {
			p = &b->parts[i];
			if (p->country != country || (seq =
			    GEOSNearestPoints_r(b->ctx, p->g, pt)) == NULL)
				continue;
			if (GEOSCoordSeq_getXY_r(b->ctx, seq, 0, &x, &y) == 1 &&
			    (km = dec_haversine_km(lat, lon, y, x)) < best_km) {
				best_km = km;
				best = i;
			}
			GEOSCoordSeq_destroy_r(b->ctx, seq);
		}
	}
	GEOSGeom_destroy_r(b->ctx, pt);
	if (best == SIZE_MAX)
		return (0);
	if (b->parts[best].kept == KEPT_NOT)
		b->parts[best].kept = why;
	return (1);
}

/* Do two parts' envelopes come within d of each other? */
static int
env_near(const struct part *p, const struct part *q, double d)
{
	return (p->env[0] <= q->env[2] + d && q->env[0] <= p->env[2] + d &&
	    p->env[1] <= q->env[3] + d && q->env[1] <= p->env[3] + d);
}

/*
 * Choose the parts: each country's mainland (its largest part, or the
 * part of its "mainland" point), the connected islands, and then, until
 * nothing changes, every part that touches a kept one (an exclave on the
 * continent, such as Kaliningrad, or an island shared with a neighbour).
 */
static int
parts_choose(struct build *b)
{
	struct part	*q;
	json_t		*v, *m;
	const char	*cc;
	size_t		 i, j, k, best;
	int		 changed, r;

	json_array_foreach(json_object_get(b->conf, "countries"), k, v) {
		cc = json_string_value(v);
		if ((m = conf_for(b, "mainland", cc)) != NULL) {
			if ((r = keep_at(b, k, json_number_value(
			    json_object_get(m, "lat")), json_number_value(
			    json_object_get(m, "lon")), KEPT_MAINLAND)) < 0)
				return (-1);
			if (r == 0)
				list_add(b->lost, sizeof b->lost,
				    json_string_value(json_object_get(m,
				    "name")));
			continue;
		}
		best = SIZE_MAX;
		for (i = 0; i < b->nparts; i++) {
			if (b->parts[i].country == k && (best == SIZE_MAX ||
			    b->parts[i].area > b->parts[best].area))
				best = i;
		}
		if (best != SIZE_MAX)
			b->parts[best].kept = KEPT_MAINLAND;
	}
	json_array_foreach(json_object_get(b->conf, "connected_islands"), k,
	    v) {
		r = conf_country(b, json_string_value(json_object_get(v,
		    "country")));
		if (r >= 0 && (r = keep_at(b, (size_t)r, json_number_value(
		    json_object_get(v, "lat")), json_number_value(
		    json_object_get(v, "lon")), KEPT_ISLAND)) < 0)
			return (-1);
		if (r > 0)
			b->nislands++;
		else
			list_add(b->lost, sizeof b->lost, json_string_value(
			    json_object_get(v, "name")));
	}
	do {
		changed = 0;
		for (i = 0; i < b->nparts; i++) {
			if (b->parts[i].kept != KEPT_NOT)
				continue;
			for (j = 0; j < b->nparts; j++) {
				q = &b->parts[j];
				/* A country's own polygons never share an edge. */
				if (q->kept == KEPT_NOT ||
				    q->kept == KEPT_EXCLAVE_NEW || q->country ==
				    b->parts[i].country || !env_near(&b->parts[i],
				    q, TOUCH_DEG))
					continue;
				if (q->prep == NULL && (q->prep = GEOSPrepare_r(
				    b->ctx, q->g)) == NULL)
					return (-1);
				if (GEOSPreparedIntersects_r(b->ctx, q->prep,
				    b->parts[i].g) == 1) {
					b->parts[i].kept = KEPT_EXCLAVE_NEW;
					b->nexclaves++;
					changed = 1;
					break;
				}
			}
		}
		/* Found in this round: they may touch more in the next. */
		for (i = 0; i < b->nparts; i++) {
			if (b->parts[i].kept == KEPT_EXCLAVE_NEW)
				b->parts[i].kept = KEPT_EXCLAVE;
		}
	} while (changed);
	return (0);
}

/* Into the margin's projection: sinusoidal around SINU_LON0. */
static int
sinu_forward(double *x, double *y, void *arg)
{
	(void)arg;
	*x = (*x - SINU_LON0) * cos(*y * M_PI / 180.0);
	return (1);
}

/* Back to lon/lat. */
static int
sinu_inverse(double *x, double *y, void *arg)
{
	double	c = cos(*y * M_PI / 180.0);

	(void)arg;
	*x = (c > 1e-9 ? *x / c : 0) + SINU_LON0;
	return (1);
}

/* Free n prepared geometries (NULL ones included) and the array. */
static void
prep_free(struct build *b, const GEOSPreparedGeometry **prep, int n)
{
	int	i;

	for (i = 0; prep != NULL && i < n; i++) {
		if (prep[i] != NULL)
			GEOSPreparedGeom_destroy_r(b->ctx, prep[i]);
	}
	free(prep);
}

/*
 * The polygons of g (valid: they do not overlap) without their holes, as
 * a MultiPolygon; a polygon that sat in a hole of another (an island in a
 * lake) is dropped, since the filled one covers it.
 */
static GEOSGeometry *
fill_holes(struct build *b, const GEOSGeometry *g)
{
	const GEOSGeometry	*poly;
	const GEOSPreparedGeometry **prep;
	GEOSGeometry		**v, *shell, *m;
	double			(*env)[4], x, y;
	int			 i, j, n, k, single, *drop;

	single = GEOSGeomTypeId_r(b->ctx, g) == GEOS_POLYGON;
	n = single ? 1 : GEOSGetNumGeometries_r(b->ctx, g);
	if (n < 0)
		return (NULL);
	v = calloc((size_t)n + 1, sizeof *v);
	env = calloc((size_t)n + 1, sizeof *env);
	drop = calloc((size_t)n + 1, sizeof *drop);
	prep = calloc((size_t)n + 1, sizeof *prep);
	if (v == NULL || env == NULL || drop == NULL || prep == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		poly = single ? g : GEOSGetGeometryN_r(b->ctx, g, i);
		if (GEOSGeomTypeId_r(b->ctx, poly) != GEOS_POLYGON ||
		    (shell = GEOSGeom_clone_r(b->ctx,
		    GEOSGetExteriorRing_r(b->ctx, poly))) == NULL)
			goto fail;
		if ((v[i] = GEOSGeom_createPolygon_r(b->ctx, shell, NULL,
		    0)) == NULL) {
			GEOSGeom_destroy_r(b->ctx, shell);
			goto fail;
		}
		if (GEOSGeom_getExtent_r(b->ctx, v[i], &env[i][0], &env[i][1],
		    &env[i][2], &env[i][3]) != 1)
			goto fail;
	}
	for (i = 0; i < n; i++) {
		/* Its first vertex: inside the other, or not at all. */
		if (GEOSCoordSeq_getXY_r(b->ctx, GEOSGeom_getCoordSeq_r(b->ctx,
		    GEOSGetExteriorRing_r(b->ctx, v[i])), 0, &x, &y) != 1)
			goto fail;
		for (j = 0; j < n && !drop[i]; j++) {
			if (j == i || drop[j] || env[j][0] > env[i][0] ||
			    env[j][1] > env[i][1] || env[j][2] < env[i][2] ||
			    env[j][3] < env[i][3])
				continue;
			if (prep[j] == NULL && (prep[j] = GEOSPrepare_r(b->ctx,
			    v[j])) == NULL)
				goto fail;
			if ((m = GEOSGeom_createPointFromXY_r(b->ctx, x,
			    y)) == NULL)
				goto fail;
			drop[i] = GEOSPreparedContains_r(b->ctx, prep[j], m) == 1;
			GEOSGeom_destroy_r(b->ctx, m);
		}
	}
	prep_free(b, prep, n);
	prep = NULL;
	for (i = k = 0; i < n; i++) {
		if (drop[i])
			GEOSGeom_destroy_r(b->ctx, v[i]);
		else
			v[k++] = v[i];
	}
	m = GEOSGeom_createCollection_r(b->ctx, GEOS_MULTIPOLYGON, v,
	    (unsigned int)k);
	free(v);
	free(env);
	free(drop);
	return (m);

fail:
	prep_free(b, prep, n);
	for (i = 0; v != NULL && i < n; i++) {
		if (v[i] != NULL)
			GEOSGeom_destroy_r(b->ctx, v[i]);
	}
	free(v);
	free(env);
	free(drop);
	return (NULL);
}

/* g as a MultiPolygon (a Polygon wrapped); NULL if it is neither. */
static GEOSGeometry *
as_multipolygon(struct build *b, GEOSGeometry *g)
{
	GEOSGeometry	*v[1];

	switch (GEOSGeomTypeId_r(b->ctx, g)) {
	case GEOS_MULTIPOLYGON:
		return (g);
	case GEOS_POLYGON:
		v[0] = g;
		return (GEOSGeom_createCollection_r(b->ctx, GEOS_MULTIPOLYGON,
		    v, 1));
	}
	GEOSGeom_destroy_r(b->ctx, g);
	return (NULL);
}

/*
 * Replace *g by f(*g) (which may be NULL: GEOS failed); the old one is
 * freed.  0, or -1.
 */
static int
step(struct build *b, GEOSGeometry **g, GEOSGeometry *next)
{
	if (*g != NULL)
		GEOSGeom_destroy_r(b->ctx, *g);
	*g = next;
	return (next != NULL ? 0 : -1);
}

/* Unite the kept parts into the zone (see data/rail-countries.json). */
static GEOSGeometry *
zone_geometry(struct build *b)
{
	GEOSGeometry	**v, *g = NULL;
	size_t		 i, n = 0;
	double		 margin;

	if ((v = calloc(b->nparts + 1, sizeof *v)) == NULL)
		return (NULL);
	for (i = 0; i < b->nparts; i++) {
		if (b->parts[i].kept == KEPT_NOT)
			continue;
		/* Simplified alone: the margin closes the slivers between. */
		if ((v[n] = GEOSTopologyPreserveSimplify_r(b->ctx,
		    b->parts[i].g, SIMPLIFY_DEG)) == NULL)
			break;
		n++;
	}
	if (i != b->nparts || n == 0) {
		while (n-- > 0)
			GEOSGeom_destroy_r(b->ctx, v[n]);
		free(v);
		return (NULL);
	}
	g = GEOSGeom_createCollection_r(b->ctx, GEOS_GEOMETRYCOLLECTION, v,
	    (unsigned int)n);
	free(v);
	if (g == NULL)
		return (NULL);

	margin = json_number_value(json_object_get(b->conf, "margin_km"));
	if (step(b, &g, GEOSUnaryUnion_r(b->ctx, g)) != 0 ||
	    step(b, &g, fill_holes(b, g)) != 0)
		goto fail;
	if (margin > 0 && (step(b, &g, GEOSGeom_transformXY_r(b->ctx, g,
	    sinu_forward, NULL)) != 0 ||
	    step(b, &g, GEOSBufferWithStyle_r(b->ctx, g, margin / KM_PER_DEG,
	    2, GEOSBUF_CAP_ROUND, GEOSBUF_JOIN_ROUND, 5.0)) != 0 ||
	    step(b, &g, GEOSGeom_transformXY_r(b->ctx, g, sinu_inverse,
	    NULL)) != 0))
		goto fail;
	/* The buffer's arcs: fewer points, a smaller zone to GET and PUT. */
	if (step(b, &g, GEOSTopologyPreserveSimplify_r(b->ctx, g,
	    OUTLINE_DEG)) != 0 ||
	    step(b, &g, GEOSClipByRect_r(b->ctx, g, -180, -90, 180,
	    90)) != 0 ||
	    step(b, &g, GEOSGeom_setPrecision_r(b->ctx, g, ZONE_GRID,
	    0)) != 0 ||
	    step(b, &g, fill_holes(b, g)) != 0)
		goto fail;
	if (GEOSisValid_r(b->ctx, g) != 1 &&
	    step(b, &g, GEOSMakeValid_r(b->ctx, g)) != 0)
		goto fail;
	return (as_multipolygon(b, g));

fail:
	if (g != NULL)
		GEOSGeom_destroy_r(b->ctx, g);
	return (NULL);
}

/* The zone as a Feature (JSON text, malloc'd) for its geometry. */
static char *
zone_feature(struct build *b, const GEOSGeometry *g, char **cause)
{
	GEOSGeoJSONWriter	*w;
	json_t			*f = NULL, *geom = NULL;
	char			*gtext = NULL, *text = NULL, desc[1024];
	char			 built[512], all[2048];

	if ((w = GEOSGeoJSONWriter_create_r(b->ctx)) != NULL) {
		gtext = GEOSGeoJSONWriter_writeGeometry_r(b->ctx, w, g, -1);
		GEOSGeoJSONWriter_destroy_r(b->ctx, w);
	}
	if (gtext == NULL || (geom = json_loads(gtext, 0, NULL)) == NULL) {
		dst_set_cause(cause, "rail zone: GEOS cannot write it: %s",
		    b->msg);
		goto out;
	}
	snprintf(built, sizeof built, " Built from %d countries, %d "
	    "connected islands and %d exclaves.%s%s%s%s", b->nfound,
	    b->nislands, b->nexclaves, b->missing[0] != '\0' ?
	    " Not in the borders: " : "", b->missing, b->lost[0] != '\0' ?
	    " Islands not found: " : "", b->lost);
	snprintf(all, sizeof all, "%s%s", json_string_value(
	    json_object_get(b->conf, "description")), built);
	dst_copy(desc, sizeof desc, all);	/* whole UTF-8 sequences */
	f = json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:O}", "type", "Feature",
	    "id", RAIL_ZONE_ID, "properties", "name", json_string_value(
	    json_object_get(b->conf, "name")), "source", json_string_value(
	    json_object_get(b->conf, "source")), "description", desc,
	    "geometry", geom);
	if (f == NULL || (text = json_dumps(f, DUMP_FLAGS)) == NULL)
		dst_set_cause(cause, "out of memory");
out:
	if (gtext != NULL)
		GEOSFree_r(b->ctx, gtext);
	json_decref(geom);
	json_decref(f);
	return (text);
}

/*
 * Build the zone from the borders in db: its Feature text in *text, or
 * *text = NULL when the countries table is empty.  0, or -1 with a cause.
 */
static int
zone_build(sqlite3 *db, char **text, char **cause)
{
	const struct dst_embedded	*f;
	struct build			 b;
	GEOSGeometry			*g = NULL;
	size_t				 i;
	int				 rc = -1;

	*text = NULL;
	memset(&b, 0, sizeof b);
	if ((f = dst_embedded_find(RAIL_CONF)) == NULL) {
		dst_set_cause(cause, "%s: not compiled in", RAIL_CONF);
		return (-1);
	}
	if ((b.conf = dst_load_json((const char *)f->data, f->len, RAIL_CONF,
	    cause)) == NULL || conf_check(b.conf, cause) != 0)
		goto out;
	if ((b.ctx = GEOS_init_r()) == NULL) {
		dst_set_cause(cause, "GEOS: cannot start");
		goto out;
	}
	GEOSContext_setNoticeHandler_r(b.ctx, build_notice);
	GEOSContext_setErrorMessageHandler_r(b.ctx, build_error, &b);
	if (parts_read(&b, db, cause) != 0)
		goto out;
	if (b.nparts == 0) {
		rc = 0;		/* no borders: nothing to build */
		goto out;
	}
	if (parts_choose(&b) != 0 || (g = zone_geometry(&b)) == NULL) {
		dst_set_cause(cause, "rail zone: GEOS failed: %s",
		    b.msg[0] != '\0' ? b.msg : "out of memory");
		goto out;
	}
	if ((*text = zone_feature(&b, g, cause)) != NULL)
		rc = 0;
out:
	if (g != NULL)
		GEOSGeom_destroy_r(b.ctx, g);
	for (i = 0; i < b.nparts; i++) {
		if (b.parts[i].prep != NULL)
			GEOSPreparedGeom_destroy_r(b.ctx, b.parts[i].prep);
		GEOSGeom_destroy_r(b.ctx, b.parts[i].g);
	}
	free(b.parts);
	if (b.ctx != NULL)
		GEOS_finish_r(b.ctx);
	json_decref(b.conf);
	return (rc);
}

/* Store the zone built from the borders as version 1 (see internal.h). */
int
dst_rail_zone_seed(sqlite3 *db, const char *now, char **cause)
{
	static const char sql[] = "INSERT INTO zones (id, version, geojson, "
	    "created_at, created_by) VALUES (?1, 1, ?2, ?3, ?4)";
	struct dst_zone	 z;
	sqlite3_stmt	*st;
	char		*text, *why = NULL;
	int		 rc = -1;

	if (zone_build(db, &text, cause) != 0)
		return (-1);
	if (text == NULL)
		return (0);
	/* What the snapshot will parse: it must load. */
	if (dst_zone_from_geojson(RAIL_ZONE_ID, text, &z, &why) != 0) {
		dst_set_cause(cause, "rail zone built from the borders: %s",
		    why);
		free(why);
		free(text);
		return (-1);
	}
	dst_zones_free(&z, 1);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(db, "storing the rail zone", cause);
		free(text);
		return (-1);
	}
	if (sqlite3_bind_text(st, 1, RAIL_ZONE_ID, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 4, DST_SEED_USER, -1, SQLITE_STATIC) ||
	    sqlite3_step(st) != SQLITE_DONE)
		dst_sql_cause(db, "storing the rail zone", cause);
	else
		rc = 1;
	sqlite3_finalize(st);
	free(text);
	return (rc);
}

/* Rebuild the zone from the borders as a new version (destinations.h). */
int
dst_rail_zone_rebuild(struct dst_store *st, const char *who, char **cause)
{
	struct dst_settings_result	 res;
	json_t				*e;
	char				*text;
	int				 rc = -1;

	if (zone_build(st->db, &text, cause) != 0)
		return (-1);
	if (text == NULL) {
		dst_set_cause(cause, "rail zone: the countries table is "
		    "empty: no borders to build it from");
		return (-1);
	}
	if (dst_zone_put(st, RAIL_ZONE_ID, text, strlen(text),
	    DST_VERSION_ANY, who, &res, cause) != 0) {
		free(text);
		return (-1);
	}
	switch (res.outcome) {
	case DST_SETTINGS_STORED:
	case DST_SETTINGS_UNCHANGED:
	case DST_SETTINGS_CREATED:
		rc = 0;
		break;
	default:
		e = json_array_get(res.errors, 0);
		dst_set_cause(cause, "rail zone built from the borders was "
		    "refused: %s: %s", json_string_value(json_object_get(e,
		    "field")), json_string_value(json_object_get(e,
		    "message")));
		break;
	}
	dst_settings_result_free(&res);
	free(text);
	return (rc);
}
