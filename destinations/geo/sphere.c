/*
 * The sphere as GEOS does not know it: GEOS is planar, in degrees, so
 * searches that mean kilometres go through a box of degrees first.
 */

#include <math.h>

#include "destinations/geo/geo-int.h"

/*
 * The lon/lat box that holds every point within km of (lat, lon), cut to
 * the world's edges: 0, or -1 if it had to be cut (the circle reaches a
 * pole or crosses the antimeridian).
 */
int
geo_cap_box(double lat, double lon, double km, double b[4])
{
	double	dlat, dlon;

	dlat = km / KM_PER_DEG;
	if (lat + dlat >= 90 || lat - dlat <= -90) {
		b[0] = -180;
		b[1] = fmax(lat - dlat, -90);
		b[2] = 180;
		b[3] = fmin(lat + dlat, 90);
		return (-1);
	}
	dlon = asin(fmin(1.0, sin(km / EARTH_KM) /
	    cos(lat * M_PI / 180.0))) * 180.0 / M_PI;
	b[0] = lon - dlon;
	b[1] = lat - dlat;
	b[2] = lon + dlon;
	b[3] = lat + dlat;
	if (b[0] >= -180 && b[2] <= 180)
		return (0);
	b[0] = fmax(b[0], -180);
	b[2] = fmin(b[2], 180);
	return (-1);
}

