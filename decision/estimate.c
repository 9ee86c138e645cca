/*
 * CO2 and time estimates per mode.  Every distance is rounded to 0.1 km
 * before CO2 is computed from it, and CO2 is rounded to 0.01 kg, so that an
 * answer can be checked by hand: distance x factor x travellers.
 */

#include <math.h>
#include <string.h>

#include "decision/decision-int.h"

/* Describe a speed model: "estimate: great-circle km x 1.3 / 80 km/h". */
static void
speed_method(char *buf, size_t len, double detour, double kmh)
{
	char	d[32], s[32];

	dec_text_num(d, sizeof d, detour, 2);
	dec_text_num(s, sizeof s, kmh, 1);
	dec_text_set(buf, len, "estimate: great-circle km x %s / %s km/h", d,
	    s);
}

/* The factor for rail run by an operator in a country (see decision.h). */
int
dec_rail_factor_find(const struct dec_factor_set *fs, const char *operator,
    const char *country)
{
	int	i;

	if (operator != NULL && *operator != '\0')
		for (i = 0; i < fs->nrail; i++)
			if (!fs->rail_by[i].country &&
			    strcmp(fs->rail_by[i].key, operator) == 0)
				return (i);
	if (country != NULL && *country != '\0')
		for (i = 0; i < fs->nrail; i++)
			if (fs->rail_by[i].country &&
			    fs->rail_by[i].key[0] == country[0] &&
			    fs->rail_by[i].key[1] == country[1] &&
			    fs->rail_by[i].key[2] == '\0')
				return (i);
	return (DEC_FACTOR_RAIL);
}

/* The factor of a stretch. */
const struct dec_factor *
dec_stretch_factor(const struct dec_factor_set *fs, int i)
{
	if (i >= 0 && i < fs->nrail)
		return (&fs->rail_by[i].f);
	return (i == DEC_FACTOR_COACH ? &fs->coach : &fs->rail);
}

/*
 * The CO2 of a route, stretch by stretch: each stretch's km, both ways,
 * times its factor and the travellers, to 0.01 kg; a leg is the sum of
 * its stretches and the route the sum of its legs.  The rail distance
 * (both ways) is the sum of the legs'.
 */
static void
route_co2(const struct dec_factor_set *fs, int travellers,
    struct dec_route *rt, double *km, double *kg)
{
	struct dec_route_leg	*l;
	struct dec_leg_part	*pt;
	int			 i, j;

	*km = *kg = 0;
	for (i = 0; i < rt->nlegs; i++) {
		l = &rt->legs[i];
		l->co2e_kg = 0;
		for (j = 0; j < l->nparts; j++) {
			pt = &l->parts[j];
			pt->co2e_kg = dec_round2(2.0 * pt->km *
			    dec_stretch_factor(fs, pt->factor)->value *
			    travellers);
			l->co2e_kg = dec_round2(l->co2e_kg + pt->co2e_kg);
		}
		*km += l->km;
		*kg = dec_round2(*kg + l->co2e_kg);
	}
	*km = dec_round1(2.0 * *km);
}

/* Train: rail distance, the rail time the rules used, rail factor (or
 * the route's, leg by leg). */
static void
estimate_train(const struct dec_policy *p, const struct dec_factor_set *fs,
    const struct dec_calibration *cal, const struct dec_request *rq,
    struct dec_result *r, struct dec_mode_estimate *e)
{
	e->factor = fs->rail;
	if (r->route != NULL) {
		/* The request's route, the one the result points to. */
		route_co2(fs, rq->travellers, rq->route, &e->distance_km,
		    &e->co2e_kg);
		e->by_legs = 1;
		/* What the legs come to per passenger-km, for comparison. */
		e->factor.value = e->distance_km > 0 ? dec_round(e->co2e_kg /
		    (e->distance_km * rq->travellers), 6) : 0;
		dec_text_set(e->factor.source, sizeof e->factor.source,
		    "leg by leg over the rail network (rail.route): each "
		    "stretch at its operator's or country's factor");
	} else {
		e->distance_km = dec_round1(2.0 * r->distance_km *
		    p->rail_detour);
		e->co2e_kg = dec_round2(e->distance_km * fs->rail.value *
		    rq->travellers);
	}
	if (r->rail_hours >= 0) {
		e->hours = dec_round1(r->rail_hours);
		e->estimated = r->rail_estimated;
		dec_text_set(e->method, sizeof e->method, "%s", r->rail_method);
	} else {
		e->hours = dec_round1(dec_calibration_hours(cal,
		    r->distance_km));
		e->estimated = 1;
		dec_text_set(e->method, sizeof e->method, "%s", cal->method);
	}
}

/*
 * Plane: the flight from the origin airport to the airport it lands at,
 * the rail leg to the first and the way from the second to the place (by
 * public transport: rail_detour and the rail factor of the place's
 * country, rail_regional_kmh).
 */
static void
estimate_plane(const struct dec_policy *p, const struct dec_factor_set *fs,
    const struct dec_request *rq, struct dec_mode_estimate *e)
{
	const struct dec_place	*pl = &rq->place;
	const struct dec_factor	*f, *fn;
	double			 fkm, akm, ekm, eh = 0;
	char			 acc[32], fixed[32], kmh[32], egr[160];
	char			 n1[32], n2[32], n3[32];

	if (rq->has_airport) {
		fkm = dec_haversine_km(p->airport_lat, p->airport_lon,
		    rq->airport.lat, rq->airport.lon);
		ekm = dec_round1(rq->airport.km);
	} else {
		fkm = dec_haversine_km(p->airport_lat, p->airport_lon,
		    pl->lat, pl->lon);
		ekm = 0;
	}
	/* Both legs at 0.1 km, as the answer shows them. */
	fkm = dec_round1(fkm);
	e->flight_km = fkm;
	if (fkm <= fs->short_haul_max_km) {
		f = &fs->flight_short[rq->cabin];
		fn = &fs->flight_short_norf[rq->cabin];
	} else {
		f = &fs->flight_long[rq->cabin];
		fn = &fs->flight_long_norf[rq->cabin];
	}
	e->distance_km = dec_round1(2.0 * fkm);
	e->factor = *f;

	/* The rail leg origin -> airport, both ways, for every traveller. */
	akm = dec_haversine_km(p->origin_lat, p->origin_lon, p->airport_lat,
	    p->airport_lon);
	e->access.distance_km = dec_round1(2.0 * akm * p->rail_detour);
	e->access.factor = fs->rail;
	e->access.co2e_kg = dec_round2(e->access.distance_km *
	    fs->rail.value * rq->travellers);
	e->has_access = e->access.distance_km > 0;

	/* The airport it lands at -> the place, both ways. */
	e->egress.distance_km = dec_round1(2.0 * ekm * p->rail_detour);
	e->egress.factor = *dec_stretch_factor(fs, dec_rail_factor_find(fs,
	    NULL, pl->country));
	e->egress.co2e_kg = dec_round2(e->egress.distance_km *
	    e->egress.factor.value * rq->travellers);
	e->has_egress = e->egress.distance_km > 0;

	e->co2e_kg = dec_round2(e->distance_km * f->value * rq->travellers +
	    e->access.co2e_kg + e->egress.co2e_kg);
	e->co2_kg_without_rf = dec_round2(e->distance_km * fn->value *
	    rq->travellers + e->access.co2e_kg + e->egress.co2e_kg);

	egr[0] = '\0';
	if (e->has_egress) {
		eh = ekm * p->rail_detour / p->rail_regional_kmh;
		dec_text_num(n1, sizeof n1, ekm, 1);
		dec_text_num(n2, sizeof n2, p->rail_detour, 2);
		dec_text_num(n3, sizeof n3, p->rail_regional_kmh, 1);
		dec_text_set(egr, sizeof egr, " + from %s to the place: "
		    "great-circle %s km x %s / %s km/h", rq->airport.code, n1,
		    n2, n3);
	}
	e->hours = dec_round1(p->airport_access_hours + p->plane_fixed_hours +
	    fkm / p->plane_kmh + eh);
	e->estimated = 1;
	dec_text_num(acc, sizeof acc, p->airport_access_hours, 2);
	dec_text_num(fixed, sizeof fixed, p->plane_fixed_hours, 2);
	dec_text_num(kmh, sizeof kmh, p->plane_kmh, 1);
	dec_text_set(e->method, sizeof e->method,
	    "estimate: %s h by rail to %s + %s h at the airports (check-in, "
	    "security, taxi, exit) + great-circle km from %s to %s / %s "
	    "km/h%s", acc, p->airport_code, fixed, p->airport_code,
	    rq->has_airport ? rq->airport.code : "the place", kmh, egr);
}

/* Car: road distance, per vehicle, as many cars as the travellers need. */
static void
estimate_car(const struct dec_policy *p, const struct dec_factor_set *fs,
    const struct dec_request *rq, const struct dec_result *r,
    struct dec_mode_estimate *e)
{
	e->distance_km = dec_round1(2.0 * r->distance_km * p->road_detour);
	e->vehicles = (rq->travellers + p->car_capacity - 1) / p->car_capacity;
	e->factor = fs->car;
	e->co2e_kg = dec_round2(e->distance_km * fs->car.value * e->vehicles);
	e->hours = dec_round1(r->distance_km * p->road_detour / p->car_kmh);
	e->estimated = 1;
	speed_method(e->method, sizeof e->method, p->road_detour, p->car_kmh);
}

/* Coach: coach distance, per passenger. */
static void
estimate_coach(const struct dec_policy *p, const struct dec_factor_set *fs,
    const struct dec_request *rq, const struct dec_result *r,
    struct dec_mode_estimate *e)
{
	e->distance_km = dec_round1(2.0 * r->distance_km * p->coach_detour);
	e->factor = fs->coach;
	e->co2e_kg = dec_round2(e->distance_km * fs->coach.value *
	    rq->travellers);
	e->hours = dec_round1(r->distance_km * p->coach_detour / p->coach_kmh);
	e->estimated = 1;
	speed_method(e->method, sizeof e->method, p->coach_detour,
	    p->coach_kmh);
}

/* Fill the figures of every feasible mode; zero the others. */
void
dec_estimate_modes(const struct dec_policy *p, const struct dec_factor_set *fs,
    const struct dec_calibration *cal, const struct dec_request *rq,
    struct dec_result *r)
{
	struct dec_mode_estimate	*e;
	int				 m, feasible;

	for (m = 0; m < DEC_MODE_COUNT; m++) {
		e = &r->modes[m];
		feasible = e->feasible;
		memset(e, 0, sizeof *e);
		e->mode = (enum dec_mode)m;
		e->feasible = feasible;
		if (!feasible)
			continue;
		switch (e->mode) {
		case DEC_MODE_TRAIN:
			estimate_train(p, fs, cal, rq, r, e);
			break;
		case DEC_MODE_PLANE:
			estimate_plane(p, fs, rq, e);
			break;
		case DEC_MODE_CAR:
			estimate_car(p, fs, rq, r, e);
			break;
		case DEC_MODE_COACH:
			estimate_coach(p, fs, rq, r, e);
			break;
		case DEC_MODE_COUNT:
			break;
		}
		e->co2e_kg_per_traveller = dec_round2(e->co2e_kg /
		    rq->travellers);
		if (e->mode != DEC_MODE_PLANE)
			e->co2_kg_without_rf = e->co2e_kg;
	}
}
