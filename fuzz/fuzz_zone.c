/*
 * Fuzz the GeoJSON zone reader: the zone check of PUT /v1/zones/{id} (its
 * shape, then its validity by GEOS), and the snapshot's reading of a
 * stored zone into GEOS (which checks the shape again) with a point
 * located in it.  Whatever the text, GEOS must never be handed a shape
 * that crashes it.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "decision/decision.h"
#include "destinations/geo/geo.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dec_errors	 errs;
	struct geo_zones	*z;
	json_error_t		 jerr;
	json_t			*geom, *g;
	char			*text, *cause = NULL;

	/* The snapshot reads any stored text: it must guard GEOS itself. */
	if ((text = malloc(size + 1)) == NULL)
		return (0);
	memcpy(text, data, size);
	text[size] = '\0';
	if ((z = geo_zones_new()) != NULL) {
		if (geo_zones_add(z, "fuzz", 1, text, &cause) == 0) {
			geo_zones_locate(z, 51.05, 3.72);
			geo_zones_locate(z, -33.9, 151.2);
		}
		free(cause);
		geo_zones_unref(z);
	}
	free(text);

	if ((geom = json_loadb((const char *)data, size,
	    JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return (0);
	memset(&errs, 0, sizeof errs);
	g = json_is_object(geom) && json_object_get(geom, "geometry") != NULL ?
	    json_object_get(geom, "geometry") : geom;
	(void)geo_zone_check(g, "geometry", &errs);
	dec_errors_clear(&errs);
	json_decref(geom);
	return (0);
}
