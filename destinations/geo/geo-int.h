/*
 * Shared by the files of geo/ only.
 */
#ifndef TRIPMODE_GEO_INT_H
#define TRIPMODE_GEO_INT_H

#include <geos_c.h>

#include "destinations/geo/geo.h"

#define EARTH_KM	6371.0088	/* as dec_haversine_km */
#define KM_PER_DEG	(EARTH_KM * M_PI / 180.0)

/* The kinds of per-thread cache (context.c keeps one slot of each). */
enum geo_slot_kind {
	GEO_SLOT_ZONES,
	GEO_SLOT_BORDERS,
	GEO_SLOT_POINTS,
	GEO_SLOTS
};

/* A thread's cache of one kind: what its file keeps, and how to free it
 * when the thread ends. */
struct geo_slot {
	void	*state;
	void	(*free)(GEOSContextHandle_t, void *);
};

/* context.c */
unsigned long	 geo_serial(void);
GEOSContextHandle_t geo_ctx(void);
struct geo_slot	*geo_slot(enum geo_slot_kind, GEOSContextHandle_t *);
const char	*geo_message(void);
void		 geo_message_clear(void);

/* geojson.c: GeoJSON into GEOS, checked first. */
GEOSGeometry	*geo_from_json(GEOSContextHandle_t, const json_t *);
GEOSGeometry	*geo_from_text(GEOSContextHandle_t, const char *, char **);
void		 geo_prep_warm(GEOSContextHandle_t, const GEOSGeometry *,
		    const GEOSPreparedGeometry *);
void		 geo_set_cause(char **, const char *, ...)
		    __attribute__((__format__(__printf__, 2, 3)));

/* sphere.c */
int		 geo_cap_box(double lat, double lon, double km, double b[4]);

#endif /* TRIPMODE_GEO_INT_H */
