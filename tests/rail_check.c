/*
 * The driver of ./quickstart rail-check: every listed destination whose
 * rail time is sourced (not an estimate), ruled by the rail network alone
 * (its own figure ignored), against that figure.
 *
 *   rail_check POLICY DESTINATIONS NETWORK
 *
 * For each destination: the list's hours, the network's (the origin's hub
 * to the hubs near the place, the last leg as below), the error, and the
 * class the thresholds give either way.  The last line:
 *   rail-check: N listed destinations, median error X %, rulings agree Y/N
 * The transfer allowance and the last leg's speed, detour and station
 * distance are estimates (below) until they are policy data.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "decision/railnet.h"
#include "destinations/store/store.h"

#define TRANSFER_MINUTES	15	/* estimate */
#define LAST_LEG_KMH		50.0	/* estimate: regional rail or bus */
#define MAX_STATION_KM		5.0	/* estimate */
#define NEAR_HUBS		3

static json_t *
load(const char *path)
{
	json_error_t	 e;
	json_t		*j;

	if ((j = json_load_file(path, JSON_REJECT_DUPLICATES, &e)) == NULL) {
		fprintf(stderr, "rail_check: %s:%d: %s\n", path, e.line,
		    e.text);
		exit(1);
	}
	return (j);
}

static void
errors_print(const char *what, struct dec_errors *errs)
{
	size_t	 i;

	for (i = 0; i < errs->n; i++)
		fprintf(stderr, "rail_check: %s: %s: %s\n", what,
		    errs->v[i].field, errs->v[i].message);
}

static int
by_value(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

int
main(int argc, char **argv)
{
	struct dec_policy	 pol;
	struct dst_rail_network	 rn;
	struct dec_errors	 errs;
	struct rail_routes	 r;
	struct rail_last_leg	 leg;
	json_t			*jp, *jd, *jn, *list, *d;
	double			*err;
	size_t			 i, n = 0, agree = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: rail_check POLICY DESTINATIONS "
		    "NETWORK\n");
		return (2);
	}
	memset(&errs, 0, sizeof errs);
	jp = load(argv[1]);
	if (dst_policy_from_json(jp, &pol, &errs) != 0) {
		errors_print(argv[1], &errs);
		return (1);
	}
	jn = load(argv[3]);
	if (dst_rail_network_from_json(jn, &rn, &errs) != 0) {
		errors_print(argv[3], &errs);
		return (1);
	}
	if (rail_solve(&rn.net, rn.origin, TRANSFER_MINUTES, 0, &r) != 0)
		return (1);
	leg.kmh = LAST_LEG_KMH;
	leg.detour = pol.road_detour;
	leg.max_station_km = MAX_STATION_KM;
	leg.hubs = NEAR_HUBS;
	jd = load(argv[2]);
	list = json_object_get(jd, "destinations");
	if ((err = calloc(json_array_size(list) + 1, sizeof *err)) == NULL)
		return (1);
	printf("rail-check: %zu hubs, %zu edges; transfer %d min, last leg "
	    "%.0f km/h x %.2f (estimates)\n", rn.nhubs, rn.nedges,
	    TRANSFER_MINUTES, LAST_LEG_KMH, leg.detour);
	printf("%-14s %7s %7s %7s  %-20s %-20s %s\n", "destination", "list h",
	    "net h", "error", "rule (list)", "rule (network)", "via");
	json_array_foreach(list, i, d) {
		const char		*id = json_string_value(
		    json_object_get(d, "id"));
		double			 hours = json_number_value(
		    json_object_get(d, "rail_hours"));
		double			 lat = json_number_value(
		    json_object_get(d, "lat"));
		double			 lon = json_number_value(
		    json_object_get(d, "lon"));
		int			 night = json_is_true(json_object_get(d,
		    "night_train"));
		struct rail_door	 door;
		enum dec_rule		 rl, rm;
		enum dec_mode		 m;
		enum dec_strength	 s;
		double			 km, model;

		if (json_is_true(json_object_get(d, "rail_estimated")) ||
		    !(hours > 0))
			continue;
		km = dec_haversine_km(pol.origin_lat, pol.origin_lon, lat,
		    lon);
		dec_rule_by_thresholds(&pol, km, hours, night, &rl, &m, &s);
		if (rail_door_to_door(&r, lat, lon, &leg, &door) != 0) {
			printf("%-14s %7.2f %7s %7s  %-20s %-20s %s\n", id,
			    hours, "-", "-", dec_rule_name(rl), "unreachable",
			    "");
			err[n++] = 100.0;
			continue;
		}
		model = door.minutes / 60.0;
		dec_rule_by_thresholds(&pol, km, model, night, &rm, &m, &s);
		err[n] = fabs(model - hours) / hours * 100.0;
		agree += rl == rm;
		printf("%-14s %7.2f %7.2f %6.0f%%  %-20s %-20s %s%s\n", id,
		    hours, model, err[n], dec_rule_name(rl), dec_rule_name(rm),
		    rn.hubs[door.hub].id, door.by_bus ? " (then a bus)" : "");
		n++;
	}
	qsort(err, n, sizeof *err, by_value);
	printf("rail-check: %zu listed destinations, median error %.0f %%, "
	    "rulings agree %zu/%zu\n", n, n == 0 ? 0.0 : n % 2 ? err[n / 2] :
	    (err[n / 2 - 1] + err[n / 2]) / 2, agree, n);
	free(err);
	rail_routes_free(&r);
	dst_rail_network_free(&rn);
	json_decref(jp);
	json_decref(jd);
	json_decref(jn);
	return (0);
}
