/*
 * The rail-connected zone, built from the country borders and a list of
 * what is connected (data/rail-countries.json): the mainland of every
 * listed country, the islands joined to it by rail, the exclaves that
 * touch what is kept, with holes filled and a margin along the coasts.
 * The result is a GeoJSON Feature that the store keeps as a zone.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>

#include "destinations/geo/geo-int.h"

#define TOUCH_DEG	1e-4	/* exclaves: envelopes this near, tested */
#define ISLAND_KM	10.0	/* a point this near a polygon picks it */
#define SIMPLIFY_DEG	0.005	/* the borders: ~500 m, inside the margin */
#define OUTLINE_DEG	0.01	/* the zone: ~1 km, inside the margin too */
#define ZONE_GRID	1e-4	/* the zone's coordinates: 4 decimals */
#define SINU_LON0	15.0	/* the margin's projection: sinusoidal, 15°E */
#define DUMP_FLAGS	(JSON_COMPACT | JSON_REAL_PRECISION(15))

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
	json_t			*conf;		/* data/rail-countries.json */
	struct part		*parts;
	size_t			 nparts, cap;
	int			 nfound;	/* listed countries found */
	int			 nislands;	/* connected islands kept */
	int			 nexclaves;
	char			 missing[128];	/* listed, not in the table */
	char			 lost[256];	/* islands not found */
};

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
	geo_set_cause(cause, "rail-countries: %s", je.text);
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

/* Read the listed countries' borders into parts. */
static int
parts_read(struct build *b, const char *const *codes,
    const char *const *borders, size_t nborders, char **cause)
{
	GEOSGeometry	*g, *fixed;
	json_t		*clip;
	const char	*cc;
	unsigned char	*seen;
	char		*why = NULL;
	double		 bb[4];
	size_t		 i, j, n;
	int		 k, rc;

	n = json_array_size(json_object_get(b->conf, "countries"));
	if ((seen = calloc(n + 1, 1)) == NULL) {
		geo_set_cause(cause, "out of memory");
		return (-1);
	}
	for (j = 0; j < nborders; j++) {
		cc = codes[j];
		if ((k = conf_country(b, cc)) < 0)
			continue;
		if ((g = geo_from_text(b->ctx, borders[j], &why)) == NULL) {
			geo_set_cause(cause, "country %s: %s", cc, why);
			free(why);
			goto fail;
		}
		if (GEOSisValid_r(b->ctx, g) != 1) {
			fixed = GEOSMakeValid_r(b->ctx, g);
			GEOSGeom_destroy_r(b->ctx, g);
			if ((g = fixed) == NULL) {
				geo_set_cause(cause, "country %s: %s", cc,
				    geo_message());
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
				geo_set_cause(cause, "country %s: %s", cc,
				    geo_message());
				goto fail;
			}
		}
		rc = parts_add(b, g, (size_t)k);
		GEOSGeom_destroy_r(b->ctx, g);
		if (rc != 0) {
			geo_set_cause(cause, "country %s: %s", cc,
			    geo_message()[0] != '\0' ? geo_message() :
			    "out of memory");
			goto fail;
		}
		seen[k] = 1;
		b->nfound++;
	}

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
				/*
				 * A country's own polygons never share an edge.
				 */
				if (q->kept == KEPT_NOT ||
				    q->kept == KEPT_EXCLAVE_NEW ||
				    q->country == b->parts[i].country ||
				    !env_near(&b->parts[i], q, TOUCH_DEG))
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
			drop[i] = GEOSPreparedContains_r(b->ctx, prep[j],
			    m) == 1;
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
		geo_set_cause(cause, "rail zone: GEOS cannot write it: %s",
		    geo_message());
		goto out;
	}
	snprintf(built, sizeof built, " Built from %d countries, %d "
	    "connected islands and %d exclaves.%s%s%s%s", b->nfound,
	    b->nislands, b->nexclaves, b->missing[0] != '\0' ?
	    " Not in the borders: " : "", b->missing, b->lost[0] != '\0' ?
	    " Islands not found: " : "", b->lost);
	snprintf(all, sizeof all, "%s%s", json_string_value(
	    json_object_get(b->conf, "description")), built);
	dec_copy(desc, sizeof desc, all);	/* whole UTF-8 sequences */
	f = json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:O}", "type", "Feature",
	    "id", GEO_RAIL_ZONE_ID, "properties", "name", json_string_value(
	    json_object_get(b->conf, "name")), "source", json_string_value(
	    json_object_get(b->conf, "source")), "description", desc,
	    "geometry", geom);
	if (f == NULL || (text = json_dumps(f, DUMP_FLAGS)) == NULL)
		geo_set_cause(cause, "out of memory");
out:
	if (gtext != NULL)
		GEOSFree_r(b->ctx, gtext);
	json_decref(geom);
	json_decref(f);
	return (text);
}

/* Build the rail-connected zone from the borders (see geo.h). */
int
geo_rail_zone_build(const char *conf_text, const char *const *codes,
    const char *const *borders, size_t n, char **text, char **cause)
{
	struct build	 b;
	GEOSGeometry	*g = NULL;
	json_error_t	 je;
	size_t		 i;
	int		 rc = -1;

	*text = NULL;
	memset(&b, 0, sizeof b);
	if ((b.conf = json_loads(conf_text, JSON_REJECT_DUPLICATES,
	    &je)) == NULL) {
		geo_set_cause(cause, "rail-countries: line %d: %s", je.line,
		    je.text);
		return (-1);
	}
	if (conf_check(b.conf, cause) != 0)
		goto out;
	if ((b.ctx = geo_ctx()) == NULL) {
		geo_set_cause(cause, "GEOS: cannot start");
		goto out;
	}
	geo_message_clear();
	if (parts_read(&b, codes, borders, n, cause) != 0)
		goto out;
	if (b.nparts == 0) {
		rc = 0;		/* no borders: nothing to build */
		goto out;
	}
	if (parts_choose(&b) != 0 || (g = zone_geometry(&b)) == NULL) {
		geo_set_cause(cause, "rail zone: GEOS failed: %s",
		    geo_message()[0] != '\0' ? geo_message() : "out of memory");
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
	json_decref(b.conf);
	return (rc);
}
