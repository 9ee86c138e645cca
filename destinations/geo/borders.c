/*
 * The borders of every country: the country of a point.  The borders come
 * as GeoJSON text (Natural Earth, one geometry per ISO code) and are
 * turned into WKB once, by the first thread that needs them.  Each thread
 * then keeps its own prepared polygons and an STRtree of their envelopes,
 * indexed polygon by polygon (France's envelope spans the globe, that of
 * mainland France does not).
 */

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>

#include "destinations/geo/geo-int.h"

#define COAST_KM	25.0	/* a point at sea: the country this near */
#define TREE_NODES	10	/* STRtree node capacity */

struct country {
	char		 cc[3];
	char		*geojson;	/* as given;
					 * freed once turned into WKB */
	unsigned char	*wkb;
	size_t		 wkblen;
};

struct geo_borders {
	atomic_int	 refs;
	unsigned long	 serial;
	struct country	*v;		/* in the order added: by code */
	size_t		 n, cap;
	pthread_mutex_t	 lock;		/* guards the conversion to WKB */
	int		 state;		/* 0 GeoJSON, 1 WKB, -1 failed */
};

/* A thread's prepared copies of one set of borders. */
struct border_cache {
	unsigned long		  serial;
	size_t			  n;		/* polygons */
	GEOSGeometry		**geoms;
	const GEOSPreparedGeometry **preps;
	size_t			 *owner;	/* polygon -> country index */
	GEOSSTRtree		 *tree;		/* envelopes -> &cids[i] */
	size_t			 *cids;
};

/* Indexes an STRtree query found. */
struct hits {
	size_t	*v;
	size_t	 n, cap;
};

/* --- the set ------------------------------------------------------------- */

/* A new, empty set of borders with one reference. */
struct geo_borders *
geo_borders_new(void)
{
	struct geo_borders	*b;

	if ((b = calloc(1, sizeof *b)) == NULL)
		return (NULL);
	if (pthread_mutex_init(&b->lock, NULL) != 0) {
		free(b);
		return (NULL);
	}
	atomic_init(&b->refs, 1);
	b->serial = geo_serial();
	return (b);
}

/* Add a country's border: its code and its GeoJSON geometry (copied). */
int
geo_borders_add(struct geo_borders *b, const char *cc, const char *geojson,
    char **cause)
{
	struct country	*nv, *k;

	if (b->n == b->cap) {
		b->cap = b->cap == 0 ? 256 : b->cap * 2;
		if ((nv = reallocarray(b->v, b->cap, sizeof *nv)) == NULL)
			goto oom;
		b->v = nv;
	}
	k = &b->v[b->n];
	memset(k, 0, sizeof *k);
	snprintf(k->cc, sizeof k->cc, "%s", cc);
	if ((k->geojson = strdup(geojson)) == NULL)
		goto oom;
	b->n++;
	return (0);
oom:
	geo_set_cause(cause, "out of memory");
	return (-1);
}

void
geo_borders_ref(struct geo_borders *b)
{
	atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
}

void
geo_borders_unref(struct geo_borders *b)
{
	size_t	i;

	if (b == NULL || atomic_fetch_sub_explicit(&b->refs, 1,
	    memory_order_acq_rel) != 1)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->v[i].geojson);
		free(b->v[i].wkb);
	}
	free(b->v);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

size_t
geo_borders_count(const struct geo_borders *b)
{
	return (b != NULL ? b->n : 0);
}

/* Turn every border into WKB (the caller holds the lock). */
static int
convert(struct geo_borders *b, GEOSContextHandle_t ctx)
{
	GEOSWKBWriter	*w;
	GEOSGeometry	*g;
	unsigned char	*wkb;
	char		*why = NULL;
	size_t		 i, len;
	int		 rc = -1;

	if ((w = GEOSWKBWriter_create_r(ctx)) == NULL)
		return (-1);
	for (i = 0; i < b->n; i++) {
		if ((g = geo_from_text(ctx, b->v[i].geojson, &why)) == NULL) {
			free(why);
			goto out;
		}
		wkb = GEOSWKBWriter_write_r(ctx, w, g, &len);
		GEOSGeom_destroy_r(ctx, g);
		if (wkb == NULL)
			goto out;
		if ((b->v[i].wkb = malloc(len)) == NULL) {
			GEOSFree_r(ctx, wkb);
			goto out;
		}
		memcpy(b->v[i].wkb, wkb, len);
		b->v[i].wkblen = len;
		GEOSFree_r(ctx, wkb);
		free(b->v[i].geojson);
		b->v[i].geojson = NULL;
	}
	rc = 0;
out:
	GEOSWKBWriter_destroy_r(ctx, w);
	return (rc);
}

/* The borders as WKB, converted by the first thread that needs them. */
static int
borders_wkb(const struct geo_borders *cb, GEOSContextHandle_t ctx)
{
	struct geo_borders	*b = (struct geo_borders *)cb;
	int			 state;

	/* Converting once changes the representation, not the borders. */
	pthread_mutex_lock(&b->lock);
	if (b->state == 0)
		b->state = convert(b, ctx) == 0 ? 1 : -1;
	state = b->state;
	pthread_mutex_unlock(&b->lock);
	return (state == 1 ? 0 : -1);
}

/* --- per thread ---------------------------------------------------------- */

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
cache_clear(GEOSContextHandle_t ctx, struct border_cache *t)
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
	memset(t, 0, sizeof *t);
}

/* Free a thread's cache (when the thread ends). */
static void
cache_free(GEOSContextHandle_t ctx, void *p)
{
	cache_clear(ctx, p);
	free(p);
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

/* Build this thread's prepared borders and their STRtree. */
static int
cache_build(struct border_cache *t, GEOSContextHandle_t ctx,
    const struct geo_borders *c)
{
	GEOSWKBReader		*r = NULL;
	GEOSGeometry		**all = NULL;
	const GEOSGeometry	*poly;
	size_t			 i, n = 0;
	int			 j, k;

	cache_clear(ctx, t);
	if (c->n == 0) {
		t->serial = c->serial;
		return (0);
	}
	if (borders_wkb(c, ctx) != 0 ||
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
	t->serial = c->serial;
	return (0);

fail:
	for (i = 0; all != NULL && i < c->n; i++) {
		if (all[i] != NULL)
			GEOSGeom_destroy_r(ctx, all[i]);
	}
	free(all);
	if (r != NULL)
		GEOSWKBReader_destroy_r(ctx, r);
	cache_clear(ctx, t);
	return (-1);
}


/* This thread's prepared copies of b; NULL on error. */
static struct border_cache *
cache_get(const struct geo_borders *b, GEOSContextHandle_t *ctx)
{
	struct geo_slot		*slot;
	struct border_cache	*c;

	if ((slot = geo_slot(GEO_SLOT_BORDERS, ctx)) == NULL)
		return (NULL);
	if ((c = slot->state) == NULL) {
		if ((c = calloc(1, sizeof *c)) == NULL)
			return (NULL);
		slot->state = c;
		slot->free = cache_free;
	}
	if (c->serial == b->serial)
		return (c);
	return (cache_build(c, *ctx, b) == 0 ? c : NULL);
}

/* Prepare this thread's copies now, every polygon's index built. */
void
geo_borders_warm(const struct geo_borders *b)
{
	GEOSContextHandle_t	 ctx;
	struct border_cache	*c;
	size_t			 i;

	if (b == NULL || (c = cache_get(b, &ctx)) == NULL)
		return;
	for (i = 0; i < c->n; i++)
		geo_prep_warm(ctx, c->geoms[i], c->preps[i]);
}

/* --- queries ------------------------------------------------------------- */

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
country_near(struct border_cache *t, GEOSContextHandle_t ctx,
    const GEOSGeometry *pt, double lat, double lon)
{
	GEOSGeometry		*box;
	GEOSCoordSequence	*seq;
	struct hits		 h = { NULL, 0, 0 };
	struct coast		*v, tmp;
	double			 b[4], x, y, d, c, most, least,
				 best_km = COAST_KM;
	size_t			 i, j, n = 0, best = SIZE_MAX;

	(void)geo_cap_box(lat, lon, COAST_KM, b);
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
		if (GEOSPreparedDistance_r(ctx, t->preps[h.v[i]], pt,
		    &d) != 1 || d > most)
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

/* The country of a point (see geo.h). */
int
geo_borders_country_at(const struct geo_borders *b, double lat, double lon,
    char cc[3])
{
	GEOSContextHandle_t	 ctx;
	struct border_cache	*t;
	GEOSGeometry		*pt;
	struct hits		 h = { NULL, 0, 0 };
	size_t			 i, best = SIZE_MAX;

	cc[0] = '\0';
	if (!isfinite(lat) || !isfinite(lon) || fabs(lat) > 90 ||
	    fabs(lon) > 180)
		return (0);
	if (b == NULL || (t = cache_get(b, &ctx)) == NULL || t->n == 0)
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
	memcpy(cc, b->v[best].cc, 3);
	return (1);
}


/* A country's stretch of a line, where along the line it lies. */
struct stretch {
	size_t	 country;
	double	 len;		/* planar degrees */
	double	 at;		/* where it starts along the line */
};

/* The countries a line runs through (see geo.h). */
size_t
geo_borders_split(const struct geo_borders *b, double lat1, double lon1,
    double lat2, double lon2, struct geo_share *out, size_t max)
{
	GEOSContextHandle_t	 ctx;
	struct border_cache	*t;
	GEOSCoordSequence	*seq;
	GEOSGeometry		*line = NULL, *x, *start;
	struct hits		 h = { NULL, 0, 0 };
	struct stretch		*s = NULL, tmp;
	double			 len, total, sum, at;
	size_t			 i, j, n = 0;

	if (max == 0 || b == NULL || (t = cache_get(b, &ctx)) == NULL ||
	    t->n == 0)
		return (0);
	if ((seq = GEOSCoordSeq_create_r(ctx, 2, 2)) == NULL)
		return (0);
	if (GEOSCoordSeq_setXY_r(ctx, seq, 0, lon1, lat1) != 1 ||
	    GEOSCoordSeq_setXY_r(ctx, seq, 1, lon2, lat2) != 1 ||
	    (line = GEOSGeom_createLineString_r(ctx, seq)) == NULL) {
		if (line == NULL)
			GEOSCoordSeq_destroy_r(ctx, seq);
		return (0);
	}
	if (GEOSLength_r(ctx, line, &total) != 1 || total <= 0)
		goto out;
	GEOSSTRtree_query_r(ctx, t->tree, line, hits_add, &h);
	if ((s = calloc(h.n + 1, sizeof *s)) == NULL)
		goto out;
	for (i = 0; i < h.n; i++) {
		if (GEOSPreparedIntersects_r(ctx, t->preps[h.v[i]],
		    line) != 1 ||
		    (x = GEOSIntersection_r(ctx, t->geoms[h.v[i]],
		    line)) == NULL)
			continue;
		if (GEOSLength_r(ctx, x, &len) == 1 && len > 0 &&
		    (start = GEOSInterpolate_r(ctx, x, 0)) != NULL) {
			at = GEOSProject_r(ctx, line, start);
			GEOSGeom_destroy_r(ctx, start);
			for (j = 0; j < n && s[j].country !=
			    t->owner[h.v[i]]; j++)
				;
			if (j == n) {
				s[n].country = t->owner[h.v[i]];
				s[n].at = at;
				n++;
			} else if (at < s[j].at)
				s[j].at = at;
			s[j].len += len;
		}
		GEOSGeom_destroy_r(ctx, x);
	}
	/* The longest max stretches, then in their order along the line. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && s[j - 1].len < s[j].len; j--) {
			tmp = s[j - 1];
			s[j - 1] = s[j];
			s[j] = tmp;
		}
	if (n > max)
		n = max;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && s[j - 1].at > s[j].at; j--) {
			tmp = s[j - 1];
			s[j - 1] = s[j];
			s[j] = tmp;
		}
	/* What runs at sea or through a country left out is shared out. */
	for (i = 0, sum = 0; i < n; i++)
		sum += s[i].len;
	for (i = 0; i < n; i++) {
		memcpy(out[i].cc, b->v[s[i].country].cc, 3);
		out[i].share = s[i].len / sum;
	}
out:
	free(s);
	free(h.v);
	GEOSGeom_destroy_r(ctx, line);
	return (n);
}
