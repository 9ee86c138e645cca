/*
 * geo — geography with GEOS: the zone a place is in, the country of a
 * point, the nearest of a set of points, the gazetteer of places, and the
 * rail-connected zone built from the country borders.  No SQLite: the
 * callers hand the data in.
 *
 * Objects are built once, then immutable and reference-counted (_new
 * gives one reference; _unref the last one frees), so that snapshots share
 * them: only what changed is built again.  Any thread may query them:
 * every thread has its own GEOS context and its own prepared copies of an
 * object (GEOS prepared geometries and STRtrees are not thread-safe),
 * made the first time it queries the object, or ahead of time by _warm.
 * geo_thread_cleanup frees the calling thread's; threads that end have
 * theirs freed.
 *
 * GEOS is planar: lon/lat in, degrees out.  Distances are great-circle
 * kilometres (dec_haversine_km); GEOS finds candidates and containment.
 *
 * Errors: 0 / -1 (or NULL), with *cause a malloc'd message where there is
 * a cause argument.
 */
#ifndef TRIPMODE_GEO_H
#define TRIPMODE_GEO_H

#include <stddef.h>

#include <jansson.h>

#include "decision/decision.h"
#include "destinations/names/names.h"

/* The id of the rail-connected zone that geo_rail_zone_build makes. */
#define GEO_RAIL_ZONE_ID	"rail-europe"

void	 geo_thread_cleanup(void);

/*
 * Check a GeoJSON Polygon or MultiPolygon for a zone: its shape with
 * jansson (positions [lon, lat] in range, rings of 4 or more positions,
 * closed), then its validity by GEOS ("Self-intersection at or near
 * (5, 5)").  Every error is added to errs under field.  0 if valid.
 */
int	 geo_zone_check(const json_t *geom, const char *field,
	    struct dec_errors *errs);
/* Only the shape (no GEOS); every error added under field. */
int	 geo_shape_check(const json_t *geom, const char *field,
	    struct dec_errors *errs);

/* --- zones: which zone covers a point ------------------------------------ */

struct geo_zones;
struct geo_zones *geo_zones_new(void);
/* Add a zone as it is stored (a Feature or a bare geometry, GeoJSON text),
 * checked again; zones are tested in the order they are added. */
int	 geo_zones_add(struct geo_zones *, const char *id, int version,
	    const char *geojson, char **cause);
void	 geo_zones_ref(struct geo_zones *);
void	 geo_zones_unref(struct geo_zones *);
size_t	 geo_zones_count(const struct geo_zones *);
const char *geo_zones_id(const struct geo_zones *, size_t);
int	 geo_zones_version(const struct geo_zones *, size_t);
/* The index of the first zone that covers (lat, lon), -1 if none, -2 if
 * GEOS failed. */
int	 geo_zones_locate(const struct geo_zones *, double lat, double lon);
void	 geo_zones_warm(const struct geo_zones *);

/* --- borders: the country of a point ------------------------------------- */

struct geo_borders;
struct geo_borders *geo_borders_new(void);
/* Add a country: its ISO code and its border, a GeoJSON Polygon or
 * MultiPolygon (text, copied; turned into GEOS on first use). */
int	 geo_borders_add(struct geo_borders *, const char *cc,
	    const char *geojson, char **cause);
void	 geo_borders_ref(struct geo_borders *);
void	 geo_borders_unref(struct geo_borders *);
size_t	 geo_borders_count(const struct geo_borders *);
/*
 * The country of (lat, lon): 1 and its code in cc, or 0 and "" when the
 * point is in no country.  A point just off a coast (at sea, or in a gap
 * the simplified coastline leaves) gets the nearest country within 25 km.
 * A point on a border gets the country added first.
 */
int	 geo_borders_country_at(const struct geo_borders *, double lat,
	    double lon, char cc[3]);
void	 geo_borders_warm(const struct geo_borders *);
/*
 * The countries the straight line from (lat1, lon1) to (lat2, lon2) on
 * the map (longitude and latitude as plane coordinates) runs through: at
 * most max of them (the longest stretches), in their order along the
 * line, each with its share of the line's length in out[i].share, the
 * shares adding up to 1 (what runs at sea or through a country left out
 * is shared out in proportion).  How many; 0 when the line touches no
 * country or GEOS fails.
 */
struct geo_share {
	char	 cc[3];
	double	 share;
};
size_t	 geo_borders_split(const struct geo_borders *, double lat1,
	    double lon1, double lat2, double lon2, struct geo_share *,
	    size_t max);

/* --- points: the nearest of a set ---------------------------------------- */

struct geo_points;
/* A set of n points (copied). */
struct geo_points *geo_points_new(const double *lat, const double *lon,
	    size_t n);
void	 geo_points_ref(struct geo_points *);
void	 geo_points_unref(struct geo_points *);
/*
 * The index of the point nearest (lat, lon) among those accept(i, arg)
 * takes (accept NULL: all), the first on a tie, and its distance in *km;
 * SIZE_MAX (and *km -1) if there is none.
 */
size_t	 geo_points_nearest(const struct geo_points *, double lat,
	    double lon, int (*accept)(size_t, void *), void *arg, double *km);
void	 geo_points_warm(const struct geo_points *);

/* --- the gazetteer: places found by name --------------------------------- */

/* A place to add (borrowed strings; "" or NULL for none). */
struct geo_place {
	long		 geonameid;
	const char	*name;			/* "Liège" */
	const char	*ascii;			/* "Liege" */
	const char	*name_nl;		/* "Luik" */
	const char	*name_en;
	const char	*country;		/* ISO 3166-1 alpha-2 */
	double		 lat, lon;
	long		 population;
	int		 capital;		/* a national capital */
	const char	*alt;			/* other names, '|'-separated:
						 * "Candia|Heraklion" (NULL:
						 * none) */
	int		 partner;		/* a partner place of the city:
						 * it wins for its name */
};

/* Another place of the name found (see geo_place_hit). */
#define GEO_OTHERS_MAX	4
struct geo_place_other {
	char	 name[DEC_NAME_MAX];
	char	 country[3];
	double	 lat, lon;
	long	 population;
	long	 geonameid;
};

/* A place as found. */
struct geo_place_hit {
	char	 name[DEC_NAME_MAX];
	char	 name_nl[DEC_NAME_MAX];
	char	 name_en[DEC_NAME_MAX];
	char	 country[3];
	double	 lat, lon;
	long	 population;
	long	 geonameid;
	int	 capital;
	int	 nsame;				/* other places of that name */
	struct geo_place_other others[GEO_OTHERS_MAX];	/* the biggest of
						 * them, biggest first */
	int	 nothers;
};

struct geo_gazetteer;
struct geo_gazetteer *geo_gazetteer_new(void);
/* Add a place, indexed by its normalised name, ASCII, Dutch and English
 * names, its name without a qualifier ("Frankfurt" for "Frankfurt
 * (Oder)") and its alternate names; then geo_gazetteer_finish once,
 * before any lookup. */
int	 geo_gazetteer_add(struct geo_gazetteer *, const struct geo_place *);
int	 geo_gazetteer_finish(struct geo_gazetteer *);
void	 geo_gazetteer_ref(struct geo_gazetteer *);
void	 geo_gazetteer_unref(struct geo_gazetteer *);
size_t	 geo_gazetteer_count(const struct geo_gazetteer *);
/* The bytes it holds: places, index and string pool. */
size_t	 geo_gazetteer_bytes(const struct geo_gazetteer *);
/*
 * Find a place by name, any case, accents optional; if country is not
 * NULL/"" only places of that country match.  Any of a place's names
 * matches, its alternate names too.  Several places of that name: the
 * one with the most inhabitants (nsame says how many others, others
 * names the biggest of them); a partner place of the city wins over
 * bigger ones.
 * A name that matches no place whole matches the places whose name starts
 * with it as whole words ("Offenbach": Offenbach am Main).  Return 1 and
 * fill *hit, or 0 and fill sugg (if not NULL) with the closest names of
 * places (ids "", best first).
 */
int	 geo_gazetteer_find(const struct geo_gazetteer *, const char *text,
	    const char *country, struct geo_place_hit *,
	    struct dst_suggestions *);
/* A place by its GeoNames id: 1 and *hit (no others), or 0. */
int	 geo_gazetteer_by_id(const struct geo_gazetteer *, long geonameid,
	    struct geo_place_hit *);

/* --- airports with scheduled service ----------------------------------- */

enum geo_airport_type {
	GEO_AIRPORT_LARGE,
	GEO_AIRPORT_MEDIUM,
	GEO_AIRPORT_SMALL,
};

struct geo_airport {
	char	 iata[4];			/* "JFK" */
	char	 icao[5];			/* "KJFK" or "" */
	char	 name[DEC_NAME_MAX];
	char	 municipality[DEC_NAME_MAX];
	char	 country[3];
	double	 lat, lon;
	enum geo_airport_type type;
	long	 geonameid;			/* the place it serves; 0 none */
};

struct geo_airports;
struct geo_airports *geo_airports_new(void);
/* Add an airport (copied); then geo_airports_finish once. */
int	 geo_airports_add(struct geo_airports *, const struct geo_airport *);
int	 geo_airports_finish(struct geo_airports *);
void	 geo_airports_ref(struct geo_airports *);
void	 geo_airports_unref(struct geo_airports *);
size_t	 geo_airports_count(const struct geo_airports *);
/* By IATA code (three letters, any case); NULL if none. */
const struct geo_airport *geo_airports_find(const struct geo_airports *,
	    const char *code);
/*
 * The airport a flight to (lat, lon) lands at: the nearest large or
 * medium one if it is within within_km, else the nearest of any size;
 * never the one of code except (the airport it leaves from; NULL: none);
 * its great-circle distance in *km.  NULL (and *km -1) if there is none.
 */
const struct geo_airport *geo_airports_nearest(const struct geo_airports *,
	    double lat, double lon, double within_km, const char *except,
	    double *km);
void	 geo_airports_warm(const struct geo_airports *);
const char *geo_airport_type_name(enum geo_airport_type);

/* --- the rail-connected zone --------------------------------------------- */

/*
 * Build zone GEO_RAIL_ZONE_ID from the n borders (codes[i], borders[i]:
 * GeoJSON geometry text) and the conf (data/rail-countries.json as text):
 * a GeoJSON Feature in *text (malloc'd), or *text NULL when no listed
 * country has a border.  0, or -1 with *cause.
 */
int	 geo_rail_zone_build(const char *conf, const char *const *codes,
	    const char *const *borders, size_t n, char **text, char **cause);

#endif /* TRIPMODE_GEO_H */
