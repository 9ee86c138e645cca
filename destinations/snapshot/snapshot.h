/*
 * snapshot — what a ruling reads: the list with its name index, the
 * current policy and factor set, the rail-time calibration, the active
 * API keys, the zones, the borders and the gazetteer.  Loaded from the
 * store in one read transaction and never changed afterwards.
 *
 * A snapshot is reference-counted (dst_snapshot_load gives one reference;
 * the last dst_snapshot_unref frees it) and any thread may read it.  It
 * shares what did not change with the snapshot it replaces: the borders
 * and the gazetteer until the gazetteer is imported again, the zones
 * until one of them changes.  Queries that need GEOS use the calling
 * thread's prepared copies (see geo.h); dst_snapshot_warm makes them
 * ahead of the first query.
 */
#ifndef TRIPMODE_SNAPSHOT_H
#define TRIPMODE_SNAPSHOT_H

#include <stddef.h>

#include "decision/decision.h"
#include "destinations/geo/geo.h"
#include "destinations/names/names.h"
#include "destinations/store/store.h"

struct dst_snapshot;

/*
 * Read everything from the store into a new snapshot with one reference.
 * prev (NULL: none) is the snapshot it replaces: whatever is the same is
 * shared, not built again.
 */
struct dst_snapshot *dst_snapshot_load(struct dst_store *,
	    const struct dst_snapshot *prev, char **cause);
void	 dst_snapshot_ref(struct dst_snapshot *);
void	 dst_snapshot_unref(struct dst_snapshot *);
/* The store's generation this snapshot was read at (dst_store_generation):
 * a snapshot is current while the store's is the same. */
long long dst_snapshot_generation(const struct dst_snapshot *);
/* Build the calling thread's GEOS caches for this snapshot now. */
void	 dst_snapshot_warm(const struct dst_snapshot *);

const struct dec_policy *dst_snapshot_policy(const struct dst_snapshot *);
const struct dec_factor_set *dst_snapshot_factors(const struct dst_snapshot *);
const struct dec_calibration *dst_snapshot_calibration(
	    const struct dst_snapshot *);

/* All entries, retired ones included, sorted by id. */
size_t	 dst_snapshot_count(const struct dst_snapshot *);
const struct dst_entry *dst_snapshot_entry(const struct dst_snapshot *, size_t);
/* By exact id; NULL if none. */
const struct dst_entry *dst_snapshot_find(const struct dst_snapshot *,
	    const char *id);

/*
 * Check a presented API key against the active keys.  Return its role
 * and copy its name to name (DEC_NAME_MAX bytes), or DST_ROLE_NONE.
 */
enum dst_role dst_snapshot_authenticate(const struct dst_snapshot *,
	    const char *key, char *name);

/*
 * Resolve a name, alias or id (any case, accents optional; Dutch, English
 * and local names) to a list entry; if country is not NULL/"" only
 * entries of that country.  Return the entry (retired ones included: the
 * caller checks dst_entry_active), or NULL and fill sugg (if not NULL)
 * with the closest names (edit distance), best first.
 */
const struct dst_entry *dst_snapshot_resolve(const struct dst_snapshot *,
	    const char *text, const char *country,
	    struct dst_suggestions *sugg);
/* A place of the gazetteer by name (see geo_gazetteer_find). */
int	 dst_snapshot_find_place(const struct dst_snapshot *, const char *text,
	    const char *country, struct geo_place_hit *,
	    struct dst_suggestions *);
size_t	 dst_snapshot_place_count(const struct dst_snapshot *);
/* A place of the gazetteer by its GeoNames id (see geo_gazetteer_by_id). */
int	 dst_snapshot_place_by_id(const struct dst_snapshot *, long geonameid,
	    struct geo_place_hit *);
/* An airport with scheduled service by IATA code (any case); NULL if
 * none.  The airport a flight to (lat, lon) lands at (see
 * geo_airports_nearest). */
const struct geo_airport *dst_snapshot_airport(const struct dst_snapshot *,
	    const char *code);
const struct geo_airport *dst_snapshot_airport_near(
	    const struct dst_snapshot *, double lat, double lon,
	    double within_km, const char *except, double *km);
size_t	 dst_snapshot_airport_count(const struct dst_snapshot *);
/* The gazetteer's memory in bytes (see geo_gazetteer_bytes). */
size_t	 dst_snapshot_place_bytes(const struct dst_snapshot *);

/*
 * Is (lat, lon) inside the rail-connected zone?  1 or 0, and the id of
 * the zone that contains it (or of the first zone) in zone_id (DEC_ID_MAX
 * bytes) if not NULL.
 */
int	 dst_snapshot_in_rail_zone(const struct dst_snapshot *, double lat,
	    double lon, char *zone_id);
/* The country of (lat, lon) (see geo_borders_country_at). */
int	 dst_snapshot_country_at(const struct dst_snapshot *, double lat,
	    double lon, char cc[3]);
/*
 * The entry active on day nearest to (lat, lon), and in *km (if not NULL)
 * its great-circle distance; NULL (and *km -1) if no entry is active.  A
 * listed place is its own nearest.  Context only: it never decides.
 */
const struct dst_entry *dst_snapshot_nearest_listed(const struct dst_snapshot *,
	    double lat, double lon, long day, double *km);

/* The decision's view of a list entry on a day: listed only if active
 * that day; rail time from the entry; zone from the snapshot. */
void	 dst_place_from_entry(const struct dst_snapshot *,
	    const struct dst_entry *, long day, struct dec_place *);
/* An unlisted place given by coordinates: name (may be ""), country (NULL
 * or "": the borders', "" if the point is in no country); the rail time
 * is left to the decision. */
void	 dst_place_from_point(const struct dst_snapshot *, const char *name,
	    const char *country, double lat, double lon, struct dec_place *);

/*
 * The fastest journey over the rail network to a place, for a trip
 * departing on day (its night trains: those of that day and the evening
 * before), leg by leg with each stretch's factor (see rail_route).  0, or
 * -1 when the network reaches no hub near (rt->found 0).
 */
int	 dst_snapshot_route(const struct dst_snapshot *,
	    const struct dec_place *, long departure, struct dec_route *);
/* The rail network's version (0: none), its graph, and the source and
 * date of an edge (a leg's edge) as JSON values ("..." or null, quoted
 * once when the network was read): 0, or -1 if there is none. */
int	 dst_snapshot_rail_version(const struct dst_snapshot *);
const struct rail_net *dst_snapshot_rail_net(const struct dst_snapshot *);
int	 dst_snapshot_rail_source(const struct dst_snapshot *, int edge,
	    const char **source, const char **date);
/* The source of a stretch's factor (see DEC_FACTOR_RAIL) as a JSON
 * value, quoted once per snapshot. */
const char *dst_snapshot_factor_source_json(const struct dst_snapshot *,
	    int factor);

/* Free the calling thread's GEOS state (geo_thread_cleanup). */
void	 dst_thread_cleanup(void);

#endif /* TRIPMODE_SNAPSHOT_H */
