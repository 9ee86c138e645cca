/*
 * A set of points and the one nearest a place (the nearest listed
 * destination).  Each thread keeps an STRtree of the points; a search
 * grows a box until it holds a point within its own radius.  Distances are
 * great-circle kilometres.
 */

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>

#include "destinations/geo/geo-int.h"

#define FROM_KM		50.0	/* the first box's radius, */
#define TO_KM		3200.0	/* doubled up to this, then every point */
#define TREE_NODES	10	/* STRtree node capacity */

struct geo_points {
	atomic_int	 refs;
	unsigned long	 serial;
	double		*lat, *lon;
	size_t		 n;
};

/* A thread's STRtree of one set of points. */
struct point_cache {
	unsigned long	  serial;
	unsigned long	  used;		/* when last asked for */
	size_t		  n;
	GEOSGeometry	**pts;
	GEOSSTRtree	 *tree;
	size_t		 *ids;
};

/* A thread's trees: one for each set a request asks of (the list's, the
 * airports'), so that asking of one never drops the other's. */
#define POINT_SETS	4
struct point_caches {
	struct point_cache c[POINT_SETS];
	unsigned long	 clock;
};

/* What a search has found so far. */
struct nearest {
	const struct geo_points	*p;
	double			 lat, lon;
	int			(*accept)(size_t, void *);
	void			*arg;
	size_t			 best;
	double			 km;
};

/* A set of n points (copied), with one reference. */
struct geo_points *
geo_points_new(const double *lat, const double *lon, size_t n)
{
	struct geo_points	*p;

	if ((p = calloc(1, sizeof *p)) == NULL)
		return (NULL);
	atomic_init(&p->refs, 1);
	p->serial = geo_serial();
	p->n = n;
	if (n > 0) {
		p->lat = calloc(n, sizeof *p->lat);
		p->lon = calloc(n, sizeof *p->lon);
		if (p->lat == NULL || p->lon == NULL) {
			free(p->lat);
			free(p->lon);
			free(p);
			return (NULL);
		}
		memcpy(p->lat, lat, n * sizeof *lat);
		memcpy(p->lon, lon, n * sizeof *lon);
	}
	return (p);
}

void
geo_points_ref(struct geo_points *p)
{
	atomic_fetch_add_explicit(&p->refs, 1, memory_order_relaxed);
}

void
geo_points_unref(struct geo_points *p)
{
	if (p == NULL || atomic_fetch_sub_explicit(&p->refs, 1,
	    memory_order_acq_rel) != 1)
		return;
	free(p->lat);
	free(p->lon);
	free(p);
}

/* --- per thread ---------------------------------------------------------- */

/* An STRtree query callback that does nothing: the warm-up. */
static void
tree_warm(void *item, void *arg)
{
	(void)item;
	(void)arg;
}

/* Drop a thread's tree. */
static void
cache_clear(GEOSContextHandle_t ctx, struct point_cache *c)
{
	size_t	i;

	if (c->tree != NULL)
		GEOSSTRtree_destroy_r(ctx, c->tree);
	for (i = 0; i < c->n; i++)
		if (c->pts[i] != NULL)
			GEOSGeom_destroy_r(ctx, c->pts[i]);
	free(c->pts);
	free(c->ids);
	memset(c, 0, sizeof *c);
}

/* Free a thread's caches (when the thread ends). */
static void
cache_free(GEOSContextHandle_t ctx, void *p)
{
	struct point_caches	*cs = p;
	int			 i;

	for (i = 0; i < POINT_SETS; i++)
		cache_clear(ctx, &cs->c[i]);
	free(cs);
}

/* This thread's tree of p, built and warmed; NULL on error. */
static struct point_cache *
cache_get(const struct geo_points *p, GEOSContextHandle_t *ctx)
{
	struct geo_slot		*slot;
	struct point_caches	*cs;
	struct point_cache	*c;
	size_t			 i;
	int			 k;

	if ((slot = geo_slot(GEO_SLOT_POINTS, ctx)) == NULL)
		return (NULL);
	if ((cs = slot->state) == NULL) {
		if ((cs = calloc(1, sizeof *cs)) == NULL)
			return (NULL);
		slot->state = cs;
		slot->free = cache_free;
	}
	/* This set's tree, else the least recently used one's place. */
	c = &cs->c[0];
	for (k = 0; k < POINT_SETS; k++) {
		if (cs->c[k].serial == p->serial) {
			c = &cs->c[k];
			break;
		}
		if (cs->c[k].used < c->used)
			c = &cs->c[k];
	}
	c->used = ++cs->clock;
	if (c->serial == p->serial)
		return (c);
	cache_clear(*ctx, c);
	c->used = cs->clock;
	if (p->n > 0) {
		c->pts = calloc(p->n, sizeof *c->pts);
		c->ids = calloc(p->n, sizeof *c->ids);
		if (c->pts == NULL || c->ids == NULL ||
		    (c->tree = GEOSSTRtree_create_r(*ctx, TREE_NODES)) == NULL)
			goto fail;
		for (i = 0; i < p->n; i++, c->n++) {
			if ((c->pts[i] = GEOSGeom_createPointFromXY_r(*ctx,
			    p->lon[i], p->lat[i])) == NULL)
				goto fail;
			c->ids[i] = i;
			GEOSSTRtree_insert_r(*ctx, c->tree, c->pts[i],
			    &c->ids[i]);
		}
		/* The tree is built on its first query: make that one now. */
		GEOSSTRtree_query_r(*ctx, c->tree, c->pts[0], tree_warm, NULL);
	}
	c->serial = p->serial;
	return (c);

fail:
	cache_clear(*ctx, c);
	return (NULL);
}

/* Build this thread's tree now. */
void
geo_points_warm(const struct geo_points *p)
{
	GEOSContextHandle_t	ctx;

	if (p != NULL)
		(void)cache_get(p, &ctx);
}

/* --- queries ------------------------------------------------------------- */

/* Is point i, if accepted, nearer than the best so far?  Ties: the first. */
static void
visit(size_t i, struct nearest *n)
{
	double	km;

	if (n->accept != NULL && !n->accept(i, n->arg))
		return;
	km = dec_haversine_km(n->lat, n->lon, n->p->lat[i], n->p->lon[i]);
	if (n->best == SIZE_MAX || km < n->km || (km == n->km && i < n->best)) {
		n->best = i;
		n->km = km;
	}
}

/* An STRtree query callback. */
static void
visit_item(void *item, void *arg)
{
	visit(*(const size_t *)item, arg);
}

/* The accepted point nearest (lat, lon) (see geo.h). */
size_t
geo_points_nearest(const struct geo_points *p, double lat, double lon,
    int (*accept)(size_t, void *), void *arg, double *km)
{
	GEOSContextHandle_t	 ctx;
	struct point_cache	*c;
	GEOSGeometry		*box;
	struct nearest		 n = { p, lat, lon, accept, arg, SIZE_MAX, 0 };
	double			 b[4], r;
	size_t			 i;

	if (km != NULL)
		*km = -1;
	if (p == NULL || !isfinite(lat) || !isfinite(lon) || fabs(lat) > 90 ||
	    fabs(lon) > 180)
		return (SIZE_MAX);
	/*
	 * Boxes that grow: a point found within the box's radius r is the
	 * nearest, since whatever lies outside the box is farther than r.
	 */
	if ((c = cache_get(p, &ctx)) != NULL && c->tree != NULL) {
		for (r = FROM_KM; r <= TO_KM; r *= 2) {
			if (geo_cap_box(lat, lon, r, b) != 0 ||
			    (box = GEOSGeom_createRectangle_r(ctx, b[0], b[1],
			    b[2], b[3])) == NULL)
				break;
			n.best = SIZE_MAX;
			GEOSSTRtree_query_r(ctx, c->tree, box, visit_item, &n);
			GEOSGeom_destroy_r(ctx, box);
			if (n.best != SIZE_MAX && n.km <= r)
				goto done;
		}
	}
	/* Far from everything, near a pole or the antimeridian: all. */
	n.best = SIZE_MAX;
	for (i = 0; i < p->n; i++)
		visit(i, &n);
done:
	if (km != NULL && n.best != SIZE_MAX)
		*km = n.km;
	return (n.best);
}
