/*
 * Zones: GeoJSON in, WKB kept in the snapshot, containment tested with a
 * per-thread GEOS context and per-thread prepared geometries (GEOS
 * prepared geometries build their indexes lazily and are not thread-safe).
 */

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>

#include "destinations/internal.h"

/* What GEOS said last, per context (the handler's user data). */
struct geos_msg {
	char	text[256];
};

/* A thread's GEOS state: the zones of one snapshot generation. */
struct zone_tls {
	GEOSContextHandle_t		  ctx;
	struct geos_msg			  msg;
	unsigned long			  generation;	/* 0: none */
	size_t				  n;
	GEOSGeometry			**geoms;
	const GEOSPreparedGeometry	**preps;
	void				 *countries;	/* countries.c's */
};

static pthread_key_t	zone_key;
static pthread_once_t	zone_once = PTHREAD_ONCE_INIT;
static int		zone_key_ok;

/* GEOS error and notice handler: keep the message for the cause. */
static void
geos_handler(const char *fmt, ...)
{
	(void)fmt;
}

/* The same, with user data (GEOS >= 3.5). */
static void
geos_handler_r(const char *message, void *userdata)
{
	struct geos_msg	*m = userdata;

	dst_copy(m->text, sizeof m->text, message);
}

/* A new GEOS context whose errors land in msg. */
static GEOSContextHandle_t
geos_new(struct geos_msg *msg)
{
	GEOSContextHandle_t	ctx;

	if ((ctx = GEOS_init_r()) == NULL)
		return (NULL);
	msg->text[0] = '\0';
	GEOSContext_setNoticeHandler_r(ctx, geos_handler);
	GEOSContext_setErrorMessageHandler_r(ctx, geos_handler_r, msg);
	return (ctx);
}

/* Drop a thread's prepared zones. */
static void
tls_clear(struct zone_tls *t)
{
	size_t	i;

	for (i = 0; i < t->n; i++) {
		if (t->preps[i] != NULL)
			GEOSPreparedGeom_destroy_r(t->ctx, t->preps[i]);
		if (t->geoms[i] != NULL)
			GEOSGeom_destroy_r(t->ctx, t->geoms[i]);
	}
	free(t->preps);
	free(t->geoms);
	t->preps = NULL;
	t->geoms = NULL;
	t->n = 0;
	t->generation = 0;
}

/* Free a thread's GEOS state (pthread key destructor). */
static void
tls_free(void *p)
{
	struct zone_tls	*t = p;

	if (t == NULL)
		return;
	tls_clear(t);
	dst_countries_thread_free(t->ctx, t->countries);
	GEOS_finish_r(t->ctx);
	free(t);
}

/* Create the thread key once. */
static void
tls_key_init(void)
{
	zone_key_ok = pthread_key_create(&zone_key, tls_free) == 0;
}

/* The calling thread's GEOS state, created on first use; NULL if OOM. */
static struct zone_tls *
tls_get(void)
{
	struct zone_tls	*t;

	pthread_once(&zone_once, tls_key_init);
	if (!zone_key_ok)
		return (NULL);
	if ((t = pthread_getspecific(zone_key)) != NULL)
		return (t);
	if ((t = calloc(1, sizeof *t)) == NULL)
		return (NULL);
	if ((t->ctx = geos_new(&t->msg)) == NULL) {
		free(t);
		return (NULL);
	}
	if (pthread_setspecific(zone_key, t) != 0) {
		tls_free(t);
		return (NULL);
	}
	return (t);
}

/* The calling thread's GEOS context, shared with countries.c. */
GEOSContextHandle_t
dst_geos_thread(void ***countries)
{
	struct zone_tls	*t;

	if ((t = tls_get()) == NULL)
		return (NULL);
	*countries = &t->countries;
	return (t->ctx);
}

/* Free the calling thread's GEOS state. */
void
dst_thread_cleanup(void)
{
	struct zone_tls	*t;

	pthread_once(&zone_once, tls_key_init);
	if (!zone_key_ok)
		return;
	if ((t = pthread_getspecific(zone_key)) != NULL) {
		pthread_setspecific(zone_key, NULL);
		tls_free(t);
	}
}

/* Build this thread's prepared zones from the snapshot's WKB. */
static int
tls_prepare(struct zone_tls *t, const struct dst_snapshot *s)
{
	GEOSWKBReader	*r;
	size_t		 i;

	if (t->generation != 0 && t->generation == s->generation)
		return (0);
	tls_clear(t);
	if (s->nzones == 0) {
		t->generation = s->generation;
		return (0);
	}
	t->geoms = calloc(s->nzones, sizeof *t->geoms);
	t->preps = calloc(s->nzones, sizeof *t->preps);
	if (t->geoms == NULL || t->preps == NULL)
		goto fail;
	t->n = s->nzones;
	if ((r = GEOSWKBReader_create_r(t->ctx)) == NULL)
		goto fail;
	for (i = 0; i < s->nzones; i++) {
		t->geoms[i] = GEOSWKBReader_read_r(t->ctx, r, s->zones[i].wkb,
		    s->zones[i].wkblen);
		if (t->geoms[i] == NULL)
			break;
		if ((t->preps[i] = GEOSPrepare_r(t->ctx, t->geoms[i])) == NULL)
			break;
	}
	GEOSWKBReader_destroy_r(t->ctx, r);
	if (i != s->nzones)
		goto fail;
	t->generation = s->generation;
	return (0);

fail:
	tls_clear(t);
	return (-1);
}

/*
 * The index of the first zone (by id) that covers the point, -1 if none,
 * -2 on error.
 */
int
dst_zone_locate(const struct dst_snapshot *s, double lat, double lon)
{
	struct zone_tls	*t;
	GEOSGeometry	*pt;
	size_t		 i;
	int		 found = -1;

	if (!isfinite(lat) || !isfinite(lon))
		return (-1);
	if ((t = tls_get()) == NULL || tls_prepare(t, s) != 0)
		return (-2);
	if (t->n == 0)
		return (-1);
	if ((pt = GEOSGeom_createPointFromXY_r(t->ctx, lon, lat)) == NULL)
		return (-2);
	for (i = 0; i < t->n; i++) {
		/* 2 is an error: not contained. */
		if (GEOSPreparedCovers_r(t->ctx, t->preps[i], pt) == 1) {
			found = (int)i;
			break;
		}
	}
	GEOSGeom_destroy_r(t->ctx, pt);
	return (found);
}

/* Is the point in the rail-connected zone (see destinations.h)? */
int
dst_snapshot_in_rail_zone(const struct dst_snapshot *s, double lat,
    double lon, char *zone_id)
{
	int	i;

	i = dst_zone_locate(s, lat, lon);
	if (zone_id != NULL) {
		if (i >= 0)
			dst_copy(zone_id, DEC_ID_MAX, s->zones[i].id);
		else if (s->nzones > 0)
			dst_copy(zone_id, DEC_ID_MAX, s->zones[0].id);
		else
			zone_id[0] = '\0';
	}
	return (i >= 0);
}

/* Free the WKB of n zones and the array itself if it was allocated. */
void
dst_zones_free(struct dst_zone *z, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(z[i].wkb);
		z[i].wkb = NULL;
	}
}

/* Check the bounds of a geometry: lon/lat degrees. */
static int
zone_bounds_ok(GEOSContextHandle_t ctx, const GEOSGeometry *g)
{
	double	xmin, xmax, ymin, ymax;

	if (GEOSGeom_getXMin_r(ctx, g, &xmin) != 1 ||
	    GEOSGeom_getXMax_r(ctx, g, &xmax) != 1 ||
	    GEOSGeom_getYMin_r(ctx, g, &ymin) != 1 ||
	    GEOSGeom_getYMax_r(ctx, g, &ymax) != 1)
		return (0);
	return (xmin >= -180 && xmax <= 180 && ymin >= -90 && ymax <= 90);
}

/* Turn a GEOS geometry into a checked zone's WKB. */
static int
zone_from_geometry(GEOSContextHandle_t ctx, const struct geos_msg *msg,
    const GEOSGeometry *g, struct dst_zone *z, char **cause)
{
	GEOSWKBWriter	*w;
	unsigned char	*wkb;
	char		*reason;
	size_t		 len;
	int		 type, valid;

	type = GEOSGeomTypeId_r(ctx, g);
	if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
		dst_set_cause(cause, "geometry: must be a Polygon or "
		    "MultiPolygon");
		return (-1);
	}
	if (GEOSisEmpty_r(ctx, g) != 0) {
		dst_set_cause(cause, "geometry: is empty");
		return (-1);
	}
	if (!zone_bounds_ok(ctx, g)) {
		dst_set_cause(cause, "geometry: coordinates must be "
		    "[longitude, latitude] in degrees");
		return (-1);
	}
	valid = GEOSisValid_r(ctx, g);
	if (valid != 1) {
		reason = valid == 0 ? GEOSisValidReason_r(ctx, g) : NULL;
		dst_set_cause(cause, "geometry: not valid: %s", reason != NULL ?
		    reason : msg->text);
		if (reason != NULL)
			GEOSFree_r(ctx, reason);
		return (-1);
	}
	if ((w = GEOSWKBWriter_create_r(ctx)) == NULL) {
		dst_set_cause(cause, "geometry: %s", msg->text);
		return (-1);
	}
	wkb = GEOSWKBWriter_write_r(ctx, w, g, &len);
	GEOSWKBWriter_destroy_r(ctx, w);
	if (wkb == NULL) {
		dst_set_cause(cause, "geometry: %s", msg->text);
		return (-1);
	}
	if ((z->wkb = malloc(len)) == NULL) {
		GEOSFree_r(ctx, wkb);
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	memcpy(z->wkb, wkb, len);
	z->wkblen = len;
	GEOSFree_r(ctx, wkb);
	return (0);
}

/*
 * Parse a zone: a GeoJSON Feature with an "id" and a Polygon or
 * MultiPolygon geometry (lon/lat), or such a bare geometry when id is
 * given.  If id is given and the Feature has one too, they must agree.
 * jansson reads the Feature (GEOS drops properties); GEOS reads the
 * geometry member and checks it.
 */
int
dst_zone_from_geojson(const char *id, const char *text, struct dst_zone *z,
    char **cause)
{
	GEOSContextHandle_t	 ctx = NULL;
	GEOSGeoJSONReader	*r = NULL;
	GEOSGeometry		*g = NULL;
	struct geos_msg		 msg;
	json_t			*j, *geom, *fid;
	const char		*type;
	char			*gtext = NULL;
	int			 rc = -1;

	memset(z, 0, sizeof *z);
	if ((j = dst_load_json(text, strlen(text), "zone", cause)) == NULL)
		return (-1);
	type = json_string_value(json_object_get(j, "type"));
	if (type == NULL) {
		dst_set_cause(cause, "type: missing");
		goto out;
	}
	if (strcmp(type, "Feature") == 0) {
		geom = json_object_get(j, "geometry");
		fid = json_object_get(j, "id");
		if (fid != NULL && !json_is_string(fid)) {
			dst_set_cause(cause, "id: must be a string");
			goto out;
		}
		if (id == NULL)
			id = json_string_value(fid);
		else if (fid != NULL &&
		    strcmp(id, json_string_value(fid)) != 0) {
			dst_set_cause(cause, "id: \"%s\" does not match the "
			    "zone \"%s\"", json_string_value(fid), id);
			goto out;
		}
	} else if (strcmp(type, "Polygon") == 0 ||
	    strcmp(type, "MultiPolygon") == 0)
		geom = j;
	else {
		dst_set_cause(cause, "type: must be Feature, Polygon or "
		    "MultiPolygon");
		goto out;
	}
	if (id == NULL || *id == '\0' || strlen(id) >= sizeof z->id ||
	    strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(id)) {
		dst_set_cause(cause, "id: a zone needs an id of a-z, 0-9, '-'");
		goto out;
	}
	dst_copy(z->id, sizeof z->id, id);
	if (!json_is_object(geom)) {
		dst_set_cause(cause, "geometry: missing");
		goto out;
	}
	if ((gtext = json_dumps(geom, JSON_COMPACT |
	    JSON_REAL_PRECISION(17))) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto out;
	}

	if ((ctx = geos_new(&msg)) == NULL ||
	    (r = GEOSGeoJSONReader_create_r(ctx)) == NULL) {
		dst_set_cause(cause, "GEOS: cannot start");
		goto out;
	}
	if ((g = GEOSGeoJSONReader_readGeometry_r(ctx, r, gtext)) == NULL) {
		dst_set_cause(cause, "geometry: %s", msg.text[0] != '\0' ?
		    msg.text : "not GeoJSON");
		goto out;
	}
	rc = zone_from_geometry(ctx, &msg, g, z, cause);

out:
	if (g != NULL)
		GEOSGeom_destroy_r(ctx, g);
	if (r != NULL)
		GEOSGeoJSONReader_destroy_r(ctx, r);
	if (ctx != NULL)
		GEOS_finish_r(ctx);
	free(gtext);
	json_decref(j);
	return (rc);
}
