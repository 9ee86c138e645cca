/*
 * Zones: polygons in lon/lat (the rail-connected zone), checked when they
 * are stored, kept as WKB, and tested for containment with each thread's
 * prepared copies.
 */

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>

#include "destinations/geo/geo-int.h"

struct zone {
	char		 id[DEC_ID_MAX];
	int		 version;
	unsigned char	*wkb;
	size_t		 wkblen;
};

struct geo_zones {
	atomic_int	 refs;
	unsigned long	 serial;
	struct zone	*v;		/* in the order added: by id */
	size_t		 n, cap;
};

/* A thread's prepared copies of one set of zones. */
struct zone_cache {
	unsigned long			  serial;
	size_t				  n;
	GEOSGeometry			**geoms;
	const GEOSPreparedGeometry	**preps;
};

/* --- checking ------------------------------------------------------------ */

/* Are the bounds of g lon/lat degrees? */
static int
bounds_ok(GEOSContextHandle_t ctx, const GEOSGeometry *g)
{
	double	xmin, xmax, ymin, ymax;

	if (GEOSGeom_getXMin_r(ctx, g, &xmin) != 1 ||
	    GEOSGeom_getXMax_r(ctx, g, &xmax) != 1 ||
	    GEOSGeom_getYMin_r(ctx, g, &ymin) != 1 ||
	    GEOSGeom_getYMax_r(ctx, g, &ymax) != 1)
		return (0);
	return (xmin >= -180 && xmax <= 180 && ymin >= -90 && ymax <= 90);
}

/*
 * Is g valid as GEOS sees it?  If not, say why and where ("Self-
 * intersection at or near (5, 5)") in errs.
 */
static int
validity(GEOSContextHandle_t ctx, const GEOSGeometry *g, const char *field,
    struct dec_errors *errs)
{
	GEOSGeometry	*loc = NULL;
	char		*reason = NULL;
	double		 x, y;
	int		 rc = -1;

	if (GEOSisEmpty_r(ctx, g) != 0) {
		dec_errors_add(errs, field, DEC_E_INVALID, "is empty");
		return (-1);
	}
	if (!bounds_ok(ctx, g)) {
		dec_errors_add(errs, field, DEC_E_RANGE, "coordinates must be "
		    "[longitude, latitude] in degrees");
		return (-1);
	}
	geo_message_clear();
	switch (GEOSisValidDetail_r(ctx, g, 0, &reason, &loc)) {
	case 1:
		rc = 0;
		break;
	case 0:
		if (loc != NULL && GEOSGeomGetX_r(ctx, loc, &x) == 1 &&
		    GEOSGeomGetY_r(ctx, loc, &y) == 1)
			dec_errors_add(errs, field, DEC_E_INVALID, "%s at or "
			    "near (%.10g, %.10g)", reason != NULL ? reason :
			    "Invalid", x, y);
		else
			dec_errors_add(errs, field, DEC_E_INVALID, "%s",
			    reason != NULL ? reason : "not valid");
		break;
	default:	/* 2: GEOS failed */
		dec_errors_add(errs, field, DEC_E_INVALID, "GEOS could not "
		    "check it: %s", geo_message()[0] != '\0' ? geo_message() :
		    "unknown error");
		break;
	}
	if (reason != NULL)
		GEOSFree_r(ctx, reason);
	if (loc != NULL)
		GEOSGeom_destroy_r(ctx, loc);
	return (rc);
}

/* Check a zone's geometry (see geo.h). */
int
geo_zone_check(const json_t *geom, const char *field,
    struct dec_errors *errs)
{
	GEOSContextHandle_t	 ctx;
	GEOSGeometry		*g;
	int			 rc;

	if (geo_shape_check(geom, field, errs) != 0)
		return (-1);
	if ((ctx = geo_ctx()) == NULL ||
	    (g = geo_from_json(ctx, geom)) == NULL) {
		dec_errors_add(errs, field, DEC_E_INVALID, "GEOS cannot read "
		    "it: %s", geo_message());
		return (-1);
	}
	rc = validity(ctx, g, field, errs);
	GEOSGeom_destroy_r(ctx, g);
	return (rc);
}

/* --- the set ------------------------------------------------------------- */

/* A new, empty set with one reference. */
struct geo_zones *
geo_zones_new(void)
{
	struct geo_zones	*z;

	if ((z = calloc(1, sizeof *z)) == NULL)
		return (NULL);
	atomic_init(&z->refs, 1);
	z->serial = geo_serial();
	return (z);
}

/* Take a reference. */
void
geo_zones_ref(struct geo_zones *z)
{
	atomic_fetch_add_explicit(&z->refs, 1, memory_order_relaxed);
}

/* Drop a reference; the last frees. */
void
geo_zones_unref(struct geo_zones *z)
{
	size_t	i;

	if (z == NULL || atomic_fetch_sub_explicit(&z->refs, 1,
	    memory_order_acq_rel) != 1)
		return;
	for (i = 0; i < z->n; i++)
		free(z->v[i].wkb);
	free(z->v);
	free(z);
}

/*
 * Add a zone as stored: GeoJSON text of a Feature (its geometry) or of a
 * bare Polygon or MultiPolygon, checked again as when it was stored.
 */
int
geo_zones_add(struct geo_zones *z, const char *id, int version,
    const char *text, char **cause)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	GEOSContextHandle_t	 ctx;
	GEOSWKBWriter		*w = NULL;
	GEOSGeometry		*g = NULL;
	struct zone		*nv, *k;
	json_error_t		 je;
	json_t			*j, *geom;
	const char		*type;
	unsigned char		*wkb;
	size_t			 len;
	int			 rc = -1;

	if ((j = json_loads(text, 0, &je)) == NULL) {
		geo_set_cause(cause, "zone %s: not JSON: %s", id, je.text);
		return (-1);
	}
	type = json_string_value(json_object_get(j, "type"));
	geom = type != NULL && strcmp(type, "Feature") == 0 ?
	    json_object_get(j, "geometry") : j;
	if ((ctx = geo_ctx()) == NULL) {
		geo_set_cause(cause, "GEOS: cannot start");
		goto out;
	}
	if (geo_shape_check(geom, "geometry", &errs) != 0 ||
	    (g = geo_from_json(ctx, geom)) == NULL ||
	    validity(ctx, g, "geometry", &errs) != 0) {
		geo_set_cause(cause, "zone %s: %s", id, errs.n > 0 ?
		    errs.v[0].message : geo_message());
		goto out;
	}
	if ((w = GEOSWKBWriter_create_r(ctx)) == NULL ||
	    (wkb = GEOSWKBWriter_write_r(ctx, w, g, &len)) == NULL) {
		geo_set_cause(cause, "zone %s: GEOS: %s", id, geo_message());
		goto out;
	}
	if (z->n == z->cap) {
		z->cap = z->cap == 0 ? 4 : z->cap * 2;
		if ((nv = reallocarray(z->v, z->cap, sizeof *nv)) == NULL) {
			GEOSFree_r(ctx, wkb);
			geo_set_cause(cause, "out of memory");
			goto out;
		}
		z->v = nv;
	}
	k = &z->v[z->n];
	memset(k, 0, sizeof *k);
	snprintf(k->id, sizeof k->id, "%s", id);
	k->version = version;
	if ((k->wkb = malloc(len)) == NULL) {
		GEOSFree_r(ctx, wkb);
		geo_set_cause(cause, "out of memory");
		goto out;
	}
	memcpy(k->wkb, wkb, len);
	k->wkblen = len;
	GEOSFree_r(ctx, wkb);
	z->n++;
	rc = 0;
out:
	if (w != NULL)
		GEOSWKBWriter_destroy_r(ctx, w);
	if (g != NULL)
		GEOSGeom_destroy_r(ctx, g);
	dec_errors_clear(&errs);
	json_decref(j);
	return (rc);
}

size_t
geo_zones_count(const struct geo_zones *z)
{
	return (z != NULL ? z->n : 0);
}

const char *
geo_zones_id(const struct geo_zones *z, size_t i)
{
	return (i < z->n ? z->v[i].id : "");
}

int
geo_zones_version(const struct geo_zones *z, size_t i)
{
	return (i < z->n ? z->v[i].version : 0);
}

/* --- per thread ---------------------------------------------------------- */

/* Drop a thread's prepared zones. */
static void
cache_clear(GEOSContextHandle_t ctx, struct zone_cache *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		if (c->preps[i] != NULL)
			GEOSPreparedGeom_destroy_r(ctx, c->preps[i]);
		if (c->geoms[i] != NULL)
			GEOSGeom_destroy_r(ctx, c->geoms[i]);
	}
	free(c->preps);
	free(c->geoms);
	memset(c, 0, sizeof *c);
}

/* Free a thread's cache (when the thread ends). */
static void
cache_free(GEOSContextHandle_t ctx, void *p)
{
	cache_clear(ctx, p);
	free(p);
}

/* This thread's prepared copies of z; NULL on error. */
static struct zone_cache *
cache_get(const struct geo_zones *z, GEOSContextHandle_t *ctx)
{
	struct geo_slot		*slot;
	struct zone_cache	*c;
	GEOSWKBReader		*r;
	size_t			 i;

	if ((slot = geo_slot(GEO_SLOT_ZONES, ctx)) == NULL)
		return (NULL);
	if ((c = slot->state) == NULL) {
		if ((c = calloc(1, sizeof *c)) == NULL)
			return (NULL);
		slot->state = c;
		slot->free = cache_free;
	}
	if (c->serial == z->serial)
		return (c);
	cache_clear(*ctx, c);
	if (z->n > 0) {
		c->geoms = calloc(z->n, sizeof *c->geoms);
		c->preps = calloc(z->n, sizeof *c->preps);
		if (c->geoms == NULL || c->preps == NULL ||
		    (r = GEOSWKBReader_create_r(*ctx)) == NULL)
			goto fail;
		for (i = 0; i < z->n; i++, c->n++) {
			if ((c->geoms[i] = GEOSWKBReader_read_r(*ctx, r,
			    z->v[i].wkb, z->v[i].wkblen)) == NULL ||
			    (c->preps[i] = GEOSPrepare_r(*ctx,
			    c->geoms[i])) == NULL)
				break;
		}
		GEOSWKBReader_destroy_r(*ctx, r);
		if (i != z->n)
			goto fail;
	}
	c->serial = z->serial;
	return (c);

fail:
	if (c->n < z->n && c->geoms != NULL && c->geoms[c->n] != NULL)
		c->n++;		/* the geometry read, not yet prepared */
	cache_clear(*ctx, c);
	return (NULL);
}

/* The first zone that covers the point: its index, -1 if none, -2 on
 * error (see geo.h). */
int
geo_zones_locate(const struct geo_zones *z, double lat, double lon)
{
	GEOSContextHandle_t	 ctx;
	struct zone_cache	*c;
	GEOSGeometry		*pt;
	size_t			 i;
	int			 found = -1;

	if (!isfinite(lat) || !isfinite(lon) || z == NULL)
		return (-1);
	if ((c = cache_get(z, &ctx)) == NULL)
		return (-2);
	if (c->n == 0)
		return (-1);
	if ((pt = GEOSGeom_createPointFromXY_r(ctx, lon, lat)) == NULL)
		return (-2);
	for (i = 0; i < c->n; i++) {
		/* 2 is an error: not contained. */
		if (GEOSPreparedCovers_r(ctx, c->preps[i], pt) == 1) {
			found = (int)i;
			break;
		}
	}
	GEOSGeom_destroy_r(ctx, pt);
	return (found);
}

/*
 * Prepare this thread's copies now and build their indexes (a prepared
 * geometry indexes itself on the first query that passes its envelope).
 */
void
geo_zones_warm(const struct geo_zones *z)
{
	GEOSContextHandle_t	 ctx;
	struct zone_cache	*c;
	size_t			 i;

	if (z == NULL || (c = cache_get(z, &ctx)) == NULL)
		return;
	for (i = 0; i < c->n; i++)
		geo_prep_warm(ctx, c->geoms[i], c->preps[i]);
}
