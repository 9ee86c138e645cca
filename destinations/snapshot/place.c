/*
 * Places as a snapshot sees them: the zone and the country of a point,
 * the nearest listed entry, the gazetteer, and the decision's view of a
 * place; and who a presented API key is.
 */

#include <stdint.h>
#include <string.h>

#include "destinations/snapshot/snapshot-int.h"

/* Is (lat, lon) in the rail-connected zone (see snapshot.h)? */
int
dst_snapshot_in_rail_zone(const struct dst_snapshot *s, double lat,
    double lon, char *zone_id)
{
	int	i;

	i = geo_zones_locate(s->zones, lat, lon);
	if (zone_id != NULL)
		dec_copy(zone_id, DEC_ID_MAX, i >= 0 ? geo_zones_id(s->zones,
		    (size_t)i) : geo_zones_count(s->zones) > 0 ?
		    geo_zones_id(s->zones, 0) : "");
	return (i >= 0);
}

/* The country of a point (see snapshot.h). */
int
dst_snapshot_country_at(const struct dst_snapshot *s, double lat,
    double lon, char cc[3])
{
	return (geo_borders_country_at(s->borders, lat, lon, cc));
}

/* What the nearest-listed search accepts. */
struct active {
	const struct dst_snapshot	*s;
	long				 day;
};

/* geo_points_nearest's filter: entries active on the day. */
static int
accept_active(size_t i, void *arg)
{
	const struct active	*a = arg;

	return (dst_entry_active(&a->s->entries[i], a->day));
}

/* The nearest active list entry (see snapshot.h). */
const struct dst_entry *
dst_snapshot_nearest_listed(const struct dst_snapshot *s, double lat,
    double lon, long day, double *km)
{
	struct active	a = { s, day };
	size_t		i;

	i = geo_points_nearest(s->points, lat, lon, accept_active, &a, km);
	return (i < s->nentries ? &s->entries[i] : NULL);
}

/* A place of the gazetteer by name (see snapshot.h). */
int
dst_snapshot_find_place(const struct dst_snapshot *s, const char *text,
    const char *country, struct geo_place_hit *hit,
    struct dst_suggestions *sugg)
{
	if (sugg != NULL)
		sugg->n = 0;
	if (s->gazetteer == NULL)
		return (0);
	return (geo_gazetteer_find(s->gazetteer, text, country, hit, sugg));
}

size_t
dst_snapshot_place_count(const struct dst_snapshot *s)
{
	return (geo_gazetteer_count(s->gazetteer));
}

int
dst_snapshot_place_by_id(const struct dst_snapshot *s, long geonameid,
    struct geo_place_hit *hit)
{
	return (geo_gazetteer_by_id(s->gazetteer, geonameid, hit));
}

const struct geo_airport *
dst_snapshot_airport(const struct dst_snapshot *s, const char *code)
{
	return (geo_airports_find(s->airports, code));
}

const struct geo_airport *
dst_snapshot_airport_near(const struct dst_snapshot *s, double lat,
    double lon, double within_km, const char *except, double *km)
{
	return (geo_airports_nearest(s->airports, lat, lon, within_km, except,
	    km));
}

size_t
dst_snapshot_airport_count(const struct dst_snapshot *s)
{
	return (geo_airports_count(s->airports));
}

size_t
dst_snapshot_place_bytes(const struct dst_snapshot *s)
{
	return (geo_gazetteer_bytes(s->gazetteer));
}

/* The decision's view of a list entry on a day. */
void
dst_place_from_entry(const struct dst_snapshot *s, const struct dst_entry *e,
    long day, struct dec_place *pl)
{
	int	z;

	memset(pl, 0, sizeof *pl);
	dec_copy(pl->id, sizeof pl->id, e->id);
	dec_copy(pl->name, sizeof pl->name, e->name);
	dec_copy(pl->country, sizeof pl->country, e->country);
	pl->lat = e->lat;
	pl->lon = e->lon;
	pl->listed = dst_entry_active(e, day);
	pl->list_mode = e->mode;
	pl->list_strength = e->strength;
	pl->rail_hours = e->rail_hours;
	pl->rail_estimated = e->rail_estimated;
	dec_copy(pl->rail_source, sizeof pl->rail_source, e->rail_source);
	pl->night_train = e->night_train;

	/* An entry of this snapshot has its zone already. */
	if (s->nentries > 0 && (uintptr_t)e >= (uintptr_t)s->entries &&
	    (uintptr_t)e < (uintptr_t)(s->entries + s->nentries))
		z = s->entry_zone[e - s->entries];
	else
		z = geo_zones_locate(s->zones, e->lat, e->lon);
	pl->in_rail_zone = z >= 0;
	dec_copy(pl->zone_id, sizeof pl->zone_id, z >= 0 ?
	    geo_zones_id(s->zones, (size_t)z) : geo_zones_count(s->zones) > 0 ?
	    geo_zones_id(s->zones, 0) : "");
}

/* The decision's view of an unlisted point. */
void
dst_place_from_point(const struct dst_snapshot *s, const char *name,
    const char *country, double lat, double lon, struct dec_place *pl)
{
	memset(pl, 0, sizeof *pl);
	dec_copy(pl->name, sizeof pl->name, name);
	if (country != NULL && *country != '\0')
		dec_copy(pl->country, sizeof pl->country, country);
	else
		(void)dst_snapshot_country_at(s, lat, lon, pl->country);
	pl->lat = lat;
	pl->lon = lon;
	pl->listed = 0;
	pl->rail_hours = -1;
	pl->in_rail_zone = dst_snapshot_in_rail_zone(s, lat, lon, pl->zone_id);
}

/* Check a presented key (see snapshot.h). */
enum dst_role
dst_snapshot_authenticate(const struct dst_snapshot *s, const char *key,
    char *name)
{
	const struct dst_key	*k;

	name[0] = '\0';
	if ((k = dst_key_find(s->keys, s->nkeys, key)) == NULL)
		return (DST_ROLE_NONE);
	dec_copy(name, DEC_NAME_MAX, k->name);
	return (k->role);
}
