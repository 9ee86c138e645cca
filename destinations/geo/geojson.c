/*
 * GeoJSON polygons into GEOS.  Every geometry that reaches GEOS comes
 * through here: jansson reads it, its shape is checked position by
 * position (GEOS's own GeoJSON reader crashes on some malformed input,
 * such as an empty ring), and the GEOS geometry is made from the checked
 * coordinates.
 */

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>

#include "destinations/geo/geo-int.h"

#define SHAPE_ERRORS_MAX	20	/* positions named
					 * before "and N more" */

struct shape {
	struct dec_errors	*errs;
	const char		*field;
	int			 n;		/* errors seen */
};

/* One error of the shape; only the first few are listed. */
static void __attribute__((__format__(__printf__, 3, 4)))
shape_err(struct shape *s, enum dec_code code, const char *fmt, ...)
{
	va_list	ap;

	if (s->n++ >= SHAPE_ERRORS_MAX)
		return;
	va_start(ap, fmt);
	dec_errors_vadd_row(s->errs, 0, s->field, code, fmt, ap);
	va_end(ap);
}

/* Is pos a position [lon, lat] or [lon, lat, z] of numbers? */
static int
position_ok(const json_t *pos)
{
	size_t	n = json_array_size(pos);

	return (json_is_array(pos) && n >= 2 && n <= 3 &&
	    json_is_number(json_array_get(pos, 0)) &&
	    json_is_number(json_array_get(pos, 1)) &&
	    (n == 2 || json_is_number(json_array_get(pos, 2))));
}

/* Check a ring: positions [lon, lat] in range, 4 or more, closed. */
static void
ring_check(struct shape *s, const json_t *ring, const char *where)
{
	json_t	*pos, *first, *last;
	double	 lon, lat;
	size_t	 i, n;
	int	 bad = 0;

	if (!json_is_array(ring)) {
		shape_err(s, DEC_E_TYPE, "%s: a ring must be an array of "
		    "positions", where);
		return;
	}
	json_array_foreach(ring, i, pos) {
		if (!position_ok(pos)) {
			shape_err(s, DEC_E_TYPE, "%s[%zu]: a position must be "
			    "[longitude, latitude]", where, i);
			bad = 1;
			continue;
		}
		lon = json_number_value(json_array_get(pos, 0));
		lat = json_number_value(json_array_get(pos, 1));
		if (!(lon >= -180 && lon <= 180))
			shape_err(s, DEC_E_RANGE,
			    "%s[%zu]: longitude %g is not "
			    "between -180 and 180", where, i, lon);
		if (!(lat >= -90 && lat <= 90))
			shape_err(s, DEC_E_RANGE, "%s[%zu]: latitude %g is not "
			    "between -90 and 90", where, i, lat);
	}
	n = json_array_size(ring);
	if (n < 4) {
		shape_err(s, DEC_E_INVALID, "%s: a ring needs at least 4 "
		    "positions, not %zu", where, n);
		return;
	}
	first = json_array_get(ring, 0);
	last = json_array_get(ring, n - 1);
	if (!bad && (json_number_value(json_array_get(first, 0)) !=
	    json_number_value(json_array_get(last, 0)) ||
	    json_number_value(json_array_get(first, 1)) !=
	    json_number_value(json_array_get(last, 1))))
		shape_err(s, DEC_E_INVALID, "%s: the ring is not closed (its "
		    "last position must equal its first)", where);
}

/* Check a polygon's rings. */
static void
polygon_check(struct shape *s, const json_t *poly, const char *where)
{
	json_t	*ring;
	char	 path[64];
	size_t	 i;

	if (!json_is_array(poly)) {
		shape_err(s, DEC_E_TYPE, "%s: a polygon must be an array of "
		    "rings", where);
		return;
	}
	if (json_array_size(poly) == 0)
		shape_err(s, DEC_E_INVALID, "%s: a polygon needs an outer ring",
		    where);
	json_array_foreach(poly, i, ring) {
		snprintf(path, sizeof path, "%s[%zu]", where, i);
		ring_check(s, ring, path);
	}
}

/* Check the shape of a Polygon or MultiPolygon (see geo.h). */
int
geo_shape_check(const json_t *geom, const char *field,
    struct dec_errors *errs)
{
	struct shape	 s = { errs, field, 0 };
	const char	*type;
	json_t		*coords, *poly;
	char		 path[64];
	size_t		 i;

	if (!json_is_object(geom)) {
		shape_err(&s, DEC_E_TYPE, "must be a GeoJSON geometry object");
		return (-1);
	}
	type = json_string_value(json_object_get(geom, "type"));
	if (type == NULL || (strcmp(type, "Polygon") != 0 &&
	    strcmp(type, "MultiPolygon") != 0)) {
		shape_err(&s, DEC_E_CHOICE, "must be a Polygon or "
		    "MultiPolygon");
		return (-1);
	}
	coords = json_object_get(geom, "coordinates");
	if (!json_is_array(coords)) {
		shape_err(&s, DEC_E_TYPE, "coordinates: must be an array");
		return (-1);
	}
	if (strcmp(type, "Polygon") == 0)
		polygon_check(&s, coords, "coordinates");
	else {
		if (json_array_size(coords) == 0)
			shape_err(&s, DEC_E_INVALID, "coordinates: a "
			    "MultiPolygon needs a polygon");
		json_array_foreach(coords, i, poly) {
			snprintf(path, sizeof path, "coordinates[%zu]", i);
			polygon_check(&s, poly, path);
		}
	}
	if (s.n > SHAPE_ERRORS_MAX)
		dec_errors_add(errs, field, DEC_E_INVALID, "and %d more errors",
		    s.n - SHAPE_ERRORS_MAX);
	return (s.n > 0 ? -1 : 0);
}

/* A linear ring of checked positions. */
static GEOSGeometry *
ring_make(GEOSContextHandle_t ctx, const json_t *ring)
{
	GEOSCoordSequence	*seq;
	json_t			*pos;
	size_t			 i;

	if ((seq = GEOSCoordSeq_create_r(ctx, (unsigned)json_array_size(ring),
	    2)) == NULL)
		return (NULL);
	json_array_foreach(ring, i, pos) {
		if (GEOSCoordSeq_setXY_r(ctx, seq, (unsigned)i,
		    json_number_value(json_array_get(pos, 0)),
		    json_number_value(json_array_get(pos, 1))) == 0) {
			GEOSCoordSeq_destroy_r(ctx, seq);
			return (NULL);
		}
	}
	return (GEOSGeom_createLinearRing_r(ctx, seq));
}

/* A polygon of checked rings. */
static GEOSGeometry *
polygon_make(GEOSContextHandle_t ctx, const json_t *poly)
{
	GEOSGeometry	*shell, **holes = NULL, *g;
	size_t		 i, n = json_array_size(poly);

	if ((shell = ring_make(ctx, json_array_get(poly, 0))) == NULL)
		return (NULL);
	if (n > 1 && (holes = calloc(n - 1, sizeof *holes)) == NULL) {
		GEOSGeom_destroy_r(ctx, shell);
		return (NULL);
	}
	for (i = 1; i < n; i++) {
		if ((holes[i - 1] = ring_make(ctx, json_array_get(poly,
		    i))) == NULL) {
			while (--i > 0)
				GEOSGeom_destroy_r(ctx, holes[i - 1]);
			GEOSGeom_destroy_r(ctx, shell);
			free(holes);
			return (NULL);
		}
	}
	/* The polygon owns the rings, not the array. */
	g = GEOSGeom_createPolygon_r(ctx, shell, holes, (unsigned)(n - 1));
	free(holes);
	return (g);
}

/* A GEOS geometry of a shape that geo_shape_check accepted. */
GEOSGeometry *
geo_from_json(GEOSContextHandle_t ctx, const json_t *geom)
{
	GEOSGeometry	**parts, *g;
	json_t		 *coords = json_object_get(geom, "coordinates");
	size_t		  i, n;

	if (strcmp(json_string_value(json_object_get(geom, "type")),
	    "Polygon") == 0)
		return (polygon_make(ctx, coords));
	n = json_array_size(coords);
	if ((parts = calloc(n + 1, sizeof *parts)) == NULL)
		return (NULL);
	for (i = 0; i < n; i++) {
		if ((parts[i] = polygon_make(ctx, json_array_get(coords,
		    i))) == NULL) {
			while (i-- > 0)
				GEOSGeom_destroy_r(ctx, parts[i]);
			free(parts);
			return (NULL);
		}
	}
	g = GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, parts,
	    (unsigned)n);
	free(parts);
	return (g);
}

/* Read GeoJSON text of a Polygon or MultiPolygon into GEOS, checked. */
GEOSGeometry *
geo_from_text(GEOSContextHandle_t ctx, const char *text, char **cause)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	json_error_t		 je;
	GEOSGeometry		*g = NULL;
	json_t			*j;

	if ((j = json_loads(text, 0, &je)) == NULL) {
		geo_set_cause(cause, "not JSON: line %d: %s", je.line,
		    je.text);
		return (NULL);
	}
	if (geo_shape_check(j, "geometry", &errs) != 0)
		geo_set_cause(cause, "%s", errs.v[0].message);
	else if ((g = geo_from_json(ctx, j)) == NULL)
		geo_set_cause(cause, "GEOS: %s", geo_message());
	dec_errors_clear(&errs);
	json_decref(j);
	return (g);
}

/* Query a prepared geometry once at the middle of its envelope, so that
 * it builds its index now rather than on a request. */
void
geo_prep_warm(GEOSContextHandle_t ctx, const GEOSGeometry *g,
    const GEOSPreparedGeometry *prep)
{
	GEOSGeometry	*pt;
	double		 x0, y0, x1, y1;

	if (GEOSGeom_getExtent_r(ctx, g, &x0, &y0, &x1, &y1) != 1 ||
	    (pt = GEOSGeom_createPointFromXY_r(ctx, (x0 + x1) / 2,
	    (y0 + y1) / 2)) == NULL)
		return;
	(void)GEOSPreparedCovers_r(ctx, prep, pt);
	GEOSGeom_destroy_r(ctx, pt);
}

/* Set *cause (if cause is not NULL) to a new message. */
void
geo_set_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) == -1)
		*cause = NULL;
	va_end(ap);
	if (*cause != NULL)
		dec_utf8_scrub(*cause);
}
