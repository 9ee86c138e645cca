/*
 * The snapshot: everything a ruling reads, loaded in one read transaction
 * and never changed afterwards; shared between threads by reference
 * count.  The geography is shared with the snapshot it replaces for as
 * long as it is the same, so that a write to the list, the policy or the
 * keys costs a reload of those, not of the borders and the gazetteer.
 */

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/snapshot/snapshot-int.h"

/* A zone as read, before it is known whether it changed. */
struct zone_row {
	char	 id[DEC_ID_MAX];
	int	 version;
	char	*text;
};

struct zone_rows {
	struct zone_row	*v;
	size_t		 n, cap;
};

/* dst_read_zones' callback: keep the row. */
static int
zone_row_add(void *arg, const char *id, int version, const char *text,
    char **cause)
{
	struct zone_rows	*z = arg;

	(void)cause;
	if (z->n == z->cap) {
		z->cap = z->cap == 0 ? 4 : z->cap * 2;
		if ((z->v = reallocarray(z->v, z->cap, sizeof *z->v)) == NULL)
			abort();
	}
	dec_copy(z->v[z->n].id, sizeof z->v[z->n].id, id);
	z->v[z->n].version = version;
	if ((z->v[z->n].text = strdup(text)) == NULL)
		abort();
	z->n++;
	return (0);
}

/* Are the zones read the ones prev has (same ids, same versions)? */
static int
zones_same(const struct zone_rows *z, const struct dst_snapshot *prev)
{
	size_t	i;

	if (prev == NULL || prev->zones == NULL ||
	    geo_zones_count(prev->zones) != z->n)
		return (0);
	for (i = 0; i < z->n; i++)
		if (strcmp(geo_zones_id(prev->zones, i), z->v[i].id) != 0 ||
		    geo_zones_version(prev->zones, i) != z->v[i].version)
			return (0);
	return (1);
}

/* The zones: prev's when unchanged, else built from the rows. */
static int
zones_load(struct dst_snapshot *s, struct dst_store *st,
    const struct dst_snapshot *prev, char **cause)
{
	struct zone_rows	z = { NULL, 0, 0 };
	size_t			i;
	int			rc = -1;

	if (dst_read_zones(st, zone_row_add, &z, cause) != 0)
		goto out;
	if (z.n == 0) {
		dst_set_cause(cause, "the database has no rail zone");
		goto out;
	}
	if (zones_same(&z, prev)) {
		geo_zones_ref(prev->zones);
		s->zones = prev->zones;
		rc = 0;
		goto out;
	}
	if ((s->zones = geo_zones_new()) == NULL) {
		dst_set_cause(cause, "out of memory");
		goto out;
	}
	for (i = 0; i < z.n; i++)
		if (geo_zones_add(s->zones, z.v[i].id, z.v[i].version,
		    z.v[i].text, cause) != 0)
			goto out;
	rc = 0;
out:
	for (i = 0; i < z.n; i++)
		free(z.v[i].text);
	free(z.v);
	return (rc);
}

/* dst_read_countries' callback: add a border. */
static int
border_add(void *arg, const char *cc, const char *geojson, char **cause)
{
	return (geo_borders_add(arg, cc, geojson, cause));
}

/* dst_read_places' callback: add a place. */
static int
place_add(void *arg, const struct geo_place *p)
{
	return (geo_gazetteer_add(arg, p));
}

/* dst_read_airports' callback: add an airport. */
static int
airport_add(void *arg, const struct geo_airport *a)
{
	return (geo_airports_add(arg, a));
}

/* The borders, the gazetteer and the airports: prev's for the same geo
 * generation. */
static int
geography_load(struct dst_snapshot *s, struct dst_store *st,
    const struct dst_snapshot *prev, char **cause)
{
	if (prev != NULL && prev->geo_generation == s->geo_generation &&
	    prev->borders != NULL && prev->gazetteer != NULL &&
	    prev->airports != NULL) {
		geo_borders_ref(prev->borders);
		s->borders = prev->borders;
		geo_gazetteer_ref(prev->gazetteer);
		s->gazetteer = prev->gazetteer;
		geo_airports_ref(prev->airports);
		s->airports = prev->airports;
		return (0);
	}
	if ((s->borders = geo_borders_new()) == NULL ||
	    (s->gazetteer = geo_gazetteer_new()) == NULL ||
	    (s->airports = geo_airports_new()) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	if (dst_read_countries(st, border_add, s->borders, cause) != 0 ||
	    dst_read_places(st, place_add, s->gazetteer, cause) != 0 ||
	    dst_read_airports(st, airport_add, s->airports, cause) != 0)
		return (-1);
	if (geo_gazetteer_finish(s->gazetteer) != 0 ||
	    geo_airports_finish(s->airports) != 0) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	return (0);
}

/* Distances, zones, the points index and the rail-time calibration. */
static int
derive(struct dst_snapshot *s, char **cause)
{
	const struct dec_policy	*p = &s->policy;
	struct dec_rail_point	*pts;
	struct dst_entry	*e;
	double			*lat, *lon;
	size_t			 i, n = 0;
	int			 z;

	s->entry_zone = calloc(s->nentries + 1, sizeof *s->entry_zone);
	pts = calloc(s->nentries + 1, sizeof *pts);
	lat = calloc(s->nentries + 1, sizeof *lat);
	lon = calloc(s->nentries + 1, sizeof *lon);
	if (s->entry_zone == NULL || pts == NULL || lat == NULL || lon == NULL)
		abort();
	for (i = 0; i < s->nentries; i++) {
		e = &s->entries[i];
		e->distance_km = dec_haversine_km(p->origin_lat, p->origin_lon,
		    e->lat, e->lon);
		if ((z = geo_zones_locate(s->zones, e->lat, e->lon)) == -2) {
			dst_set_cause(cause, "GEOS failed on the rail "
			    "zone");
			free(pts);
			free(lat);
			free(lon);
			return (-1);
		}
		s->entry_zone[i] = z;
		e->in_rail_zone = z >= 0;
		lat[i] = e->lat;
		lon[i] = e->lon;

		/* Sourced rail times inside the zone, of current entries. */
		if (e->rail_hours >= 0 && !e->rail_estimated &&
		    e->in_rail_zone && e->retired == LONG_MAX) {
			pts[n].km = e->distance_km;
			pts[n].hours = e->rail_hours;
			n++;
		}
	}
	dec_calibrate(p, pts, n, &s->calibration);
	s->points = geo_points_new(lat, lon, s->nentries);
	free(pts);
	free(lat);
	free(lon);
	if (s->points == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	return (0);
}

/* Free a snapshot (its last reference is gone). */
static void
snapshot_free(struct dst_snapshot *s)
{
	int	i;

	if (s == NULL)
		return;
	free(s->entries);
	free(s->entry_zone);
	free(s->names);
	free(s->pool);
	if (s->keys != NULL)
		explicit_bzero(s->keys, s->nkeys * sizeof *s->keys);
	free(s->keys);
	geo_points_unref(s->points);
	geo_zones_unref(s->zones);
	geo_borders_unref(s->borders);
	geo_gazetteer_unref(s->gazetteer);
	geo_airports_unref(s->airports);
	dst_rail_unref(s->rail);
	free(s->rail_edges);
	for (i = 0; i < DEC_RAIL_FACTORS + 2; i++)
		free(s->factor_source_json[i]);
	free(s);
}

/* Load a new snapshot from the store (see snapshot.h). */
struct dst_snapshot *
dst_snapshot_load(struct dst_store *st, const struct dst_snapshot *prev,
    char **cause)
{
	struct dst_snapshot	*s;

	if ((s = calloc(1, sizeof *s)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (NULL);
	}
	atomic_init(&s->refs, 1);

	/* One read transaction: a consistent view of every table. */
	if (dst_read_begin(st, cause) != 0)
		goto fail;
	if (dst_store_generation(st, &s->generation, &s->geo_generation,
	    cause) != 0 ||
	    dst_read_policy(st, &s->policy, NULL, cause) != 0 ||
	    dst_read_factors(st, &s->factors, cause) != 0 ||
	    zones_load(s, st, prev, cause) != 0 ||
	    dst_read_entries(st, &s->entries, &s->nentries, cause) != 0 ||
	    dst_keys_read(st, 1, &s->keys, &s->nkeys, cause) != 0 ||
	    geography_load(s, st, prev, cause) != 0 ||
	    dst_rail_load(s, st, prev, cause) != 0) {
		dst_read_end(st);
		goto fail;
	}
	dst_read_end(st);

	if (derive(s, cause) != 0 || dst_names_build(s, cause) != 0)
		goto fail;
	dst_rail_derive(s);
	return (s);

fail:
	snapshot_free(s);
	return (NULL);
}

/* Take a reference. */
void
dst_snapshot_ref(struct dst_snapshot *s)
{
	atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
}

/* Drop a reference; the last one frees. */
void
dst_snapshot_unref(struct dst_snapshot *s)
{
	if (s == NULL)
		return;
	if (atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1)
		snapshot_free(s);
}

/* Build the calling thread's GEOS caches now. */
void
dst_snapshot_warm(const struct dst_snapshot *s)
{
	geo_zones_warm(s->zones);
	geo_borders_warm(s->borders);
	geo_points_warm(s->points);
	geo_airports_warm(s->airports);
}

long long
dst_snapshot_generation(const struct dst_snapshot *s)
{
	return (s->generation);
}

const struct dec_policy *
dst_snapshot_policy(const struct dst_snapshot *s)
{
	return (&s->policy);
}

const struct dec_factor_set *
dst_snapshot_factors(const struct dst_snapshot *s)
{
	return (&s->factors);
}

const struct dec_calibration *
dst_snapshot_calibration(const struct dst_snapshot *s)
{
	return (&s->calibration);
}

size_t
dst_snapshot_count(const struct dst_snapshot *s)
{
	return (s->nentries);
}

const struct dst_entry *
dst_snapshot_entry(const struct dst_snapshot *s, size_t i)
{
	return (i < s->nentries ? &s->entries[i] : NULL);
}

/* Free the calling thread's GEOS state. */
void
dst_thread_cleanup(void)
{
	geo_thread_cleanup();
}
