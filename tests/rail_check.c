/*
 * The driver of ./quickstart rail-check: every listed destination whose
 * rail time is sourced (not an estimate), ruled by the rail network alone
 * (its own figure ignored), against that figure.
 *
 *   rail_check POLICY DESTINATIONS NETWORK [CHECKSET]
 *
 * For each destination: the list's hours, the network's (the origin's hub
 * to the hubs near the place, the last leg as below), the error, and the
 * class the thresholds give either way.  The last line:
 *   rail-check: N listed destinations, median error X %, rulings agree Y/N
 * With CHECKSET (sourced journey times to unlisted cities, each from a
 * hub: {"cases": [{"city", "lat", "lon", "from", "hours", ...}]}), each
 * city too: the network's time from that hub against the source, and the
 * class of the whole journey from the origin (the network's to the hub,
 * a change, then the source's) against the network's; the last line:
 *   rail-check set: N cities, median error X %, within 25 %: W/N,
 *   rulings agree Y/N
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

/* The median of v (sorted here). */
static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, by_value);
	return (n == 0 ? 0.0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) /
	    2);
}

/* The check set: each city by the network from its hub. */
static void
check_set(const char *path, const struct dec_policy *pol,
    const struct dst_rail_network *rn, const struct rail_routes *from_origin,
    const struct rail_last_leg *leg)
{
	json_t			*js = load(path), *cases, *c;
	struct rail_routes	 r;
	double			*err;
	size_t			 i, n = 0, agree = 0, within = 0;

	cases = json_object_get(js, "cases");
	if ((err = calloc(json_array_size(cases) + 1, sizeof *err)) == NULL)
		exit(1);
	printf("%-14s %-20s %7s %7s %7s  %-20s %s\n", "city", "from", "src h",
	    "net h", "error", "rule (source)", "rule (network)");
	json_array_foreach(cases, i, c) {
		const char	*city = json_string_value(json_object_get(c,
		    "city"));
		const char	*from = json_string_value(json_object_get(c,
		    "from"));
		double		 hours = json_number_value(json_object_get(c,
		    "hours"));
		double		 lat = json_number_value(json_object_get(c,
		    "lat"));
		double		 lon = json_number_value(json_object_get(c,
		    "lon"));
		struct rail_door door, whole;
		enum dec_rule	 rs, rm;
		enum dec_mode	 m;
		enum dec_strength s;
		double		 km, model, to_hub, src_whole;
		size_t		 h;

		for (h = 0; h < rn->nhubs; h++)
			if (from != NULL && strcmp(rn->hubs[h].id, from) == 0)
				break;
		if (h == rn->nhubs || !(hours > 0)) {
			printf("%-14s %-20s: not a hub of the network\n",
			    city != NULL ? city : "?", from != NULL ? from :
			    "?");
			continue;
		}
		if (rail_solve(&rn->net, (int)h, TRANSFER_MINUTES, 0, &r) != 0)
			exit(1);
		km = dec_haversine_km(pol->origin_lat, pol->origin_lon, lat,
		    lon);
		to_hub = from_origin->best[h].minutes / 60.0;
		src_whole = to_hub + (h == (size_t)rn->origin ? 0 :
		    TRANSFER_MINUTES / 60.0) + hours;
		dec_rule_by_thresholds(pol, km, src_whole, 0, &rs, &m, &s);
		if (rail_door_to_door(&r, lat, lon, leg, &door) != 0 ||
		    rail_door_to_door(from_origin, lat, lon, leg,
		    &whole) != 0) {
			printf("%-14s %-20s %7.2f %7s %7s  %-20s %s\n", city,
			    from, hours, "-", "-", dec_rule_name(rs),
			    "unreachable");
			err[n++] = 100.0;
			rail_routes_free(&r);
			continue;
		}
		model = door.minutes / 60.0;
		dec_rule_by_thresholds(pol, km, whole.minutes / 60.0, 0, &rm,
		    &m, &s);
		err[n] = fabs(model - hours) / hours * 100.0;
		within += err[n] <= 25.0;
		agree += rs == rm;
		printf("%-14s %-20s %7.2f %7.2f %6.0f%%  %-20s %s\n", city,
		    from, hours, model, err[n], dec_rule_name(rs),
		    dec_rule_name(rm));
		n++;
		rail_routes_free(&r);
	}
	printf("rail-check set: %zu cities, median error %.0f %%, within "
	    "25 %%: %zu/%zu, rulings agree %zu/%zu\n", n, median(err, n),
	    within, n, agree, n);
	free(err);
	json_decref(js);
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

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: rail_check POLICY DESTINATIONS "
		    "NETWORK [CHECKSET]\n");
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
	printf("rail-check: %zu listed destinations, median error %.0f %%, "
	    "rulings agree %zu/%zu\n", n, median(err, n), agree, n);
	free(err);
	if (argc == 5)
		check_set(argv[4], &pol, &rn, &r, &leg);
	rail_routes_free(&r);
	dst_rail_network_free(&rn);
	json_decref(jp);
	json_decref(jd);
	json_decref(jn);
	return (0);
}
