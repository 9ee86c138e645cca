/*
 * The driver of ./quickstart rail-check: every listed destination whose
 * rail time is sourced (not an estimate), ruled by the rail network alone
 * (its own figure ignored), against that figure.
 *
 *   rail_check POLICY DESTINATIONS NETWORK [CHECKSET]
 *
 * For each destination: the list's hours, the network's (rail_route: the
 * origin's hub over the network to one of the hubs near the place, the
 * last leg, the changes, all by the policy's rail_ fields), the error, and
 * the class the thresholds give either way (a night train counts where
 * the network has one that reaches the place's hub, on any day).  The last
 * line:
 *   rail-check: N listed destinations, median error X %, rulings agree Y/N
 * With CHECKSET (sourced journey times to unlisted cities, each from a
 * hub: {"cases": [{"city", "lat", "lon", "from", "hours", ...}]}), each
 * city too: the network's time from that hub against the source, and the
 * class of the whole journey from the origin (the network's to the hub,
 * a change, then the source's) against the network's; the last line:
 *   rail-check set: N cities, median error X %, within 25 %: W/N,
 *   rulings agree Y/N
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "decision/railnet.h"
#include "destinations/store/store.h"

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
check_set(const char *path, const struct rail_model *whole)
{
	json_t			*js = load(path), *cases, *c;
	const struct rail_net	*net = whole->net;
	struct rail_routes	 r;
	struct rail_model	 m;
	struct dec_policy	 at_hub;
	struct dec_route	 door, all;
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
		const char	*cc = json_string_value(json_object_get(c,
		    "country"));
		double		 hours = json_number_value(json_object_get(c,
		    "hours"));
		double		 lat = json_number_value(json_object_get(c,
		    "lat"));
		double		 lon = json_number_value(json_object_get(c,
		    "lon"));
		enum dec_rule	 rs, rm;
		enum dec_mode	 md;
		enum dec_strength s;
		double		 km, model, to_hub, src_whole;
		size_t		 h;

		for (h = 0; h < net->nhubs; h++)
			if (from != NULL && strcmp(net->hubs[h].id, from) == 0)
				break;
		if (h == net->nhubs || !(hours > 0)) {
			printf("%-14s %-20s: not a hub of the network\n",
			    city != NULL ? city : "?", from != NULL ? from :
			    "?");
			continue;
		}
		/* From that hub: the policy's origin put at the hub. */
		at_hub = *whole->policy;
		at_hub.origin_lat = net->hubs[h].lat;
		at_hub.origin_lon = net->hubs[h].lon;
		if (rail_solve(net, (int)h, (int)ceil(
		    at_hub.rail_transfer_minutes), RAIL_ALL_DAYS, &r) != 0)
			exit(1);
		m = *whole;
		m.routes = &r;
		m.night_in = NULL;
		m.policy = &at_hub;
		km = dec_haversine_km(whole->policy->origin_lat,
		    whole->policy->origin_lon, lat, lon);
		to_hub = whole->routes->best[h].minutes / 60.0;
		src_whole = to_hub + (h == (size_t)whole->routes->origin ? 0 :
		    at_hub.rail_transfer_minutes / 60.0) + hours;
		dec_rule_by_thresholds(whole->policy, km, src_whole, 0, &rs,
		    &md, &s);
		if (rail_route(&m, city, cc, lat, lon, &door) != 0 ||
		    rail_route(whole, city, cc, lat, lon, &all) != 0) {
			printf("%-14s %-20s %7.2f %7s %7s  %-20s %s\n", city,
			    from, hours, "-", "-", dec_rule_name(rs),
			    "unreachable");
			err[n++] = 100.0;
			rail_routes_free(&r);
			continue;
		}
		model = door.minutes / 60.0;
		dec_rule_by_thresholds(whole->policy, km, all.minutes / 60.0, 0,
		    &rm, &md, &s);
		err[n] = fabs(model - hours) / hours * 100.0;
		within += err[n] <= 25.0;
		agree += rs == rm;
		printf("%-14s %-20s %7.2f %7.2f %6.0f%%  %-20s %s%s\n", city,
		    from, hours, model, err[n], dec_rule_name(rs),
		    dec_rule_name(rm), door.by_bus ? " (then a bus)" : "");
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
	int			*night_in;
	struct rail_model	 m;
	struct dec_route	 door;
	json_t			*jp, *jd, *jn, *list, *d;
	double			*err;
	size_t			 i, n = 0, agree = 0;
	int			 t;

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
	t = (int)ceil(pol.rail_transfer_minutes);
	/* Night trains on any day of the week. */
	if (rail_solve(&rn.net, rn.origin, t, RAIL_ALL_DAYS, &r) != 0 ||
	    (night_in = calloc(rn.nhubs + 1, sizeof *night_in)) == NULL)
		return (1);
	rail_night_arrivals(&r, RAIL_ALL_DAYS, t, night_in);
	memset(&m, 0, sizeof m);
	m.net = &rn.net;
	m.routes = &r;
	m.night_in = night_in;
	m.policy = &pol;
	jd = load(argv[2]);
	list = json_object_get(jd, "destinations");
	if ((err = calloc(json_array_size(list) + 1, sizeof *err)) == NULL)
		return (1);
	printf("rail-check: %zu hubs, %zu edges; policy: %g min a change, "
	    "last leg %g km/h by train, %g km/h by bus beyond %g km, among "
	    "the %d nearest hubs\n", rn.nhubs, rn.nedges,
	    pol.rail_transfer_minutes, pol.rail_regional_kmh, pol.rail_bus_kmh,
	    pol.rail_station_km, pol.rail_nearest_hubs);
	printf("%-14s %7s %7s %7s  %-20s %-20s %s\n", "destination", "list h",
	    "net h", "error", "rule (list)", "rule (network)", "via");
	json_array_foreach(list, i, d) {
		const char		*id = json_string_value(
		    json_object_get(d, "id"));
		const char		*cc = json_string_value(
		    json_object_get(d, "country"));
		double			 hours = json_number_value(
		    json_object_get(d, "rail_hours"));
		double			 lat = json_number_value(
		    json_object_get(d, "lat"));
		double			 lon = json_number_value(
		    json_object_get(d, "lon"));
		int			 night = json_is_true(json_object_get(d,
		    "night_train"));
		enum dec_rule		 rl, rm;
		enum dec_mode		 md;
		enum dec_strength	 s;
		double			 km, model;
		const char		*via;

		if (json_is_true(json_object_get(d, "rail_estimated")) ||
		    !(hours > 0))
			continue;
		km = dec_haversine_km(pol.origin_lat, pol.origin_lon, lat,
		    lon);
		dec_rule_by_thresholds(&pol, km, hours, night, &rl, &md, &s);
		if (rail_route(&m, id, cc, lat, lon, &door) != 0) {
			printf("%-14s %7.2f %7s %7s  %-20s %-20s %s\n", id,
			    hours, "-", "-", dec_rule_name(rl), "unreachable",
			    "");
			err[n++] = 100.0;
			continue;
		}
		model = door.minutes / 60.0;
		dec_rule_by_thresholds(&pol, km, model, door.night, &rm, &md,
		    &s);
		err[n] = fabs(model - hours) / hours * 100.0;
		agree += rl == rm;
		via = door.nlegs > 0 ? door.legs[door.nlegs - 1].kind >=
		    DEC_LEG_REGIONAL ? door.legs[door.nlegs - 1].from :
		    door.legs[door.nlegs - 1].to : "";
		printf("%-14s %7.2f %7.2f %6.0f%%  %-20s %-20s %s%s%s\n", id,
		    hours, model, err[n], dec_rule_name(rl), dec_rule_name(rm),
		    via, door.by_bus ? " (then a bus)" : "", door.night ?
		    " (night train)" : "");
		n++;
	}
	printf("rail-check: %zu listed destinations, median error %.0f %%, "
	    "rulings agree %zu/%zu\n", n, median(err, n), agree, n);
	free(err);
	if (argc == 5)
		check_set(argv[4], &m);
	rail_routes_free(&r);
	free(night_in);
	dst_rail_network_free(&rn);
	json_decref(jp);
	json_decref(jd);
	json_decref(jn);
	return (0);
}
