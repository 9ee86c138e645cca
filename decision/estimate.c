/*
 * CO2 and time estimates per mode.  Every distance is rounded to 0.1 km
 * before CO2 is computed from it, and CO2 is rounded to 0.01 kg, so that an
 * answer can be checked by hand.  A mode's CO2 is the sum of its lines
 * (struct dec_line): operation, fuel production, radiative forcing and
 * hotel nights, each quantity x factor.
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

/* Add a line of quantity x factor (nothing for a zero of either). */
static struct dec_line *
line_add(struct dec_mode_estimate *e, enum dec_line_kind kind,
    enum dec_line_part part, const char *key, double quantity,
    const char *unit, double factor, const struct dec_factor *f, int year)
{
	struct dec_line	*l;

	if (!(quantity > 0) || !(factor > 0) || e->nlines == DEC_MODE_LINES)
		return (NULL);
	l = &e->lines[e->nlines++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->part = part;
	dec_copy(l->key, sizeof l->key, key != NULL ? key : "");
	l->quantity = quantity;
	l->unit = unit;
	l->factor = factor;
	l->f = f;
	l->year = year;
	l->co2e_kg = dec_round2(quantity * factor);
	return (l);
}

/* The fuel production of a rail line: its factor times the set's share. */
static void
line_rail_fuel(const struct dec_factor_set *fs, struct dec_mode_estimate *e,
    const struct dec_line *op)
{
	struct dec_line	*l;

	if (!fs->has_wtt || op == NULL)
		return;
	if ((l = line_add(e, DEC_LINE_FUEL, op->part, op->key, op->quantity,
	    "pkm", dec_round(op->factor * fs->wtt_rail_share.value, 6), op->f,
	    op->year)) == NULL)
		return;
	l->derived = DEC_DERIVED_SHARE;
	l->f2 = &fs->wtt_rail_share;
	l->basis = op->basis;
	l->estimate = 1;
}

/* A rail stretch's factor as a line's: its key, basis, year, estimate. */
static struct dec_line *
line_rail(const struct dec_factor_set *fs, struct dec_mode_estimate *e,
    enum dec_line_part part, int factor, double pkm)
{
	const struct dec_rail_factor	*rf = NULL;
	struct dec_line			*l;

	if (factor >= 0 && factor < fs->nrail)
		rf = &fs->rail_by[factor];
	l = line_add(e, DEC_LINE_OPERATION, part, rf != NULL ? rf->key :
	    factor == DEC_FACTOR_COACH ? "coach" : "rail", pkm, "pkm",
	    dec_stretch_factor(fs, factor)->value, dec_stretch_factor(fs,
	    factor), rf != NULL && rf->year > 0 ? rf->year : fs->year);
	if (l != NULL && rf != NULL) {
		l->basis = rf->basis;
		l->estimate = rf->estimate;
	}
	return (l);
}

/* Operation and fuel production of a rail leg at one factor. */
static void
lines_rail(const struct dec_factor_set *fs, struct dec_mode_estimate *e,
    enum dec_line_part part, int factor, double pkm)
{
	struct dec_line	*op;

	if ((op = line_rail(fs, e, part, factor, pkm)) == NULL)
		return;
	if (factor == DEC_FACTOR_COACH) {
		if (fs->has_wtt)
			(void)line_add(e, DEC_LINE_FUEL, part, "coach", pkm,
			    "pkm", fs->wtt_coach.value, &fs->wtt_coach,
			    fs->year);
	} else
		line_rail_fuel(fs, e, op);
}

/* The hotel factor of a country (see decision.h). */
const struct dec_hotel_factor *
dec_hotel_factor_find(const struct dec_factor_set *fs, const char *country)
{
	int	i;

	for (i = 0; i < fs->nhotel && country != NULL; i++)
		if (strcmp(fs->hotel[i].country, country) == 0)
			return (&fs->hotel[i]);
	return (NULL);
}

/* The nights at the place, a room for every traveller: at the country's
 * factor, else the set's default (an estimate). */
static void
lines_hotel(const struct dec_factor_set *fs, const struct dec_request *rq,
    const struct dec_result *r, struct dec_mode_estimate *e)
{
	const struct dec_hotel_factor	*h;
	struct dec_line			*l;
	double				 n;

	e->hotel_nights = r->nights - e->night_saved;
	if (e->hotel_nights < 0)
		e->hotel_nights = 0;
	n = (double)e->hotel_nights * rq->travellers;
	if ((h = dec_hotel_factor_find(fs, rq->place.country)) != NULL)
		(void)line_add(e, DEC_LINE_HOTEL, DEC_PART_STAY, h->country, n,
		    "room-night", h->f.value, &h->f, h->year);
	else if ((l = line_add(e, DEC_LINE_HOTEL, DEC_PART_STAY, "default",
	    n, "room-night", fs->hotel_default.value, &fs->hotel_default,
	    fs->year)) != NULL)
		l->estimate = 1;
}

/* The CO2 of a part of the journey's lines. */
static double
part_co2(const struct dec_mode_estimate *e, enum dec_line_part part)
{
	double	kg = 0;
	int	i;

	for (i = 0; i < e->nlines; i++)
		if (e->lines[i].part == part)
			kg = dec_round2(kg + e->lines[i].co2e_kg);
	return (kg);
}

/* The mode's CO2: the sum of its lines, with and without RF. */
static void
lines_total(struct dec_mode_estimate *e, int travellers)
{
	int	i;

	e->co2e_kg = e->co2_kg_without_rf = 0;
	for (i = 0; i < e->nlines; i++) {
		e->co2e_kg = dec_round2(e->co2e_kg + e->lines[i].co2e_kg);
		if (e->lines[i].kind != DEC_LINE_NON_CO2)
			e->co2_kg_without_rf = dec_round2(e->co2_kg_without_rf +
			    e->lines[i].co2e_kg);
	}
	e->co2e_kg_per_traveller = dec_round2(e->co2e_kg / travellers);
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
 * its stretches (the route's detail).  The mode's lines gather the
 * stretches by factor: one operation line (and one of fuel production)
 * per factor, its km summed first.  The rail distance (both ways) is the
 * sum of the legs'.
 */
static void
route_co2(const struct dec_factor_set *fs, int travellers,
    struct dec_route *rt, struct dec_mode_estimate *e)
{
	struct dec_route_leg	*l;
	struct dec_leg_part	*pt;
	int			 used[DEC_MODE_LINES], nused = 0, i, j, k;
	double			 km[DEC_MODE_LINES], total = 0;

	for (i = 0; i < rt->nlegs; i++) {
		l = &rt->legs[i];
		l->co2e_kg = 0;
		if (l->kind == DEC_LEG_NIGHT)
			e->night_saved = 1;
		for (j = 0; j < l->nparts; j++) {
			pt = &l->parts[j];
			pt->co2e_kg = dec_round2(2.0 * pt->km *
			    dec_stretch_factor(fs, pt->factor)->value *
			    travellers);
			l->co2e_kg = dec_round2(l->co2e_kg + pt->co2e_kg);
			for (k = 0; k < nused && used[k] != pt->factor; k++)
				;
			if (k == nused && nused < DEC_MODE_LINES / 2) {
				used[nused] = pt->factor;
				km[nused++] = 0;
			}
			if (k < nused)
				km[k] += pt->km;
		}
		total += l->km;
	}
	e->distance_km = dec_round1(2.0 * total);
	for (k = 0; k < nused; k++)
		lines_rail(fs, e, DEC_PART_MAIN, used[k],
		    dec_round1(2.0 * km[k]) * travellers);
}

/* Train: rail distance, the rail time the rules used, rail factor (or
 * the route's, leg by leg). */
static void
estimate_train(const struct dec_policy *p, const struct dec_factor_set *fs,
    const struct dec_calibration *cal, const struct dec_request *rq,
    struct dec_result *r, struct dec_mode_estimate *e)
{
	double	op = 0, pkm = 0;
	int	i;

	e->factor = fs->rail;
	if (r->route != NULL) {
		/* The request's route, the one the result points to. */
		route_co2(fs, rq->travellers, rq->route, e);
		e->by_legs = 1;
		/* What the legs come to per passenger-km, for comparison. */
		for (i = 0; i < e->nlines; i++)
			if (e->lines[i].kind == DEC_LINE_OPERATION) {
				op += e->lines[i].co2e_kg;
				pkm += e->lines[i].quantity;
			}
		e->factor.value = pkm > 0 ? dec_round(op / pkm, 6) : 0;
		dec_text_set(e->factor.source, sizeof e->factor.source,
		    "leg by leg over the rail network (rail.route): each "
		    "stretch at its operator's or country's factor");
	} else {
		e->distance_km = dec_round1(2.0 * r->distance_km *
		    p->rail_detour);
		lines_rail(fs, e, DEC_PART_MAIN, DEC_FACTOR_RAIL,
		    e->distance_km * rq->travellers);
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

/* The flight's factors for its band and cabin: with RF, without, fuel. */
static void
flight_factors(const struct dec_factor_set *fs, double fkm,
    enum dec_cabin cabin, struct dec_mode_estimate *e,
    const struct dec_factor **rf, const struct dec_factor **norf,
    const struct dec_factor **wtt)
{
	if (fs->domestic_max_km > 0 && fkm <= fs->domestic_max_km &&
	    fs->flight_domestic.value > 0) {
		e->flight_band = 0;
		*rf = &fs->flight_domestic;
		*norf = &fs->flight_domestic_norf;
		*wtt = &fs->wtt_domestic;
	} else if (fkm <= fs->short_haul_max_km) {
		e->flight_band = 1;
		*rf = &fs->flight_short[cabin];
		*norf = &fs->flight_short_norf[cabin];
		*wtt = &fs->wtt_short[cabin];
	} else {
		e->flight_band = 2;
		*rf = &fs->flight_long[cabin];
		*norf = &fs->flight_long_norf[cabin];
		*wtt = &fs->wtt_long[cabin];
	}
}

/*
 * Plane: the flight from the origin airport to the airport it lands at,
 * the rail leg to the first and the way from the second to the place (by
 * public transport: rail_detour and the rail factor of the place's
 * country, rail_regional_kmh).  Lines: the flight's operation (without
 * RF), its non-CO2 effects (with RF less without), its fuel production;
 * each rail leg's operation and fuel production; the hotel nights.
 */
static void
estimate_plane(const struct dec_policy *p, const struct dec_factor_set *fs,
    const struct dec_request *rq, const struct dec_result *r,
    struct dec_mode_estimate *e)
{
	const struct dec_place	*pl = &rq->place;
	const struct dec_factor	*f, *fn, *fw;
	struct dec_line		*l;
	double			 fkm, akm, ekm, eh = 0, pkm;
	char			 acc[32], fixed[32], kmh[32], egr[160];
	char			 n1[32], n2[32], n3[32];
	int			 ai, ei;

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
	flight_factors(fs, fkm, rq->cabin, e, &f, &fn, &fw);
	e->distance_km = dec_round1(2.0 * fkm);
	e->factor = *f;
	pkm = e->distance_km * rq->travellers;
	(void)line_add(e, DEC_LINE_OPERATION, DEC_PART_MAIN, "flight", pkm,
	    "pkm", fn->value, fn, fs->year);
	if ((l = line_add(e, DEC_LINE_NON_CO2, DEC_PART_MAIN, "flight", pkm,
	    "pkm", dec_round(f->value - fn->value, 6), f, fs->year)) != NULL) {
		l->derived = DEC_DERIVED_RF;
		l->f2 = fn;
	}
	if (fs->has_wtt)
		(void)line_add(e, DEC_LINE_FUEL, DEC_PART_MAIN, "flight", pkm,
		    "pkm", fw->value, fw, fs->year);

	/* The rail leg origin -> airport, both ways, for every traveller. */
	akm = dec_haversine_km(p->origin_lat, p->origin_lon, p->airport_lat,
	    p->airport_lon);
	ai = dec_rail_factor_find(fs, NULL, p->origin_country);
	e->access.distance_km = dec_round1(2.0 * akm * p->rail_detour);
	e->access.factor = *dec_stretch_factor(fs, ai);
	e->has_access = e->access.distance_km > 0;
	/* The airport it lands at -> the place, both ways. */
	ei = dec_rail_factor_find(fs, NULL, pl->country);
	e->egress.distance_km = dec_round1(2.0 * ekm * p->rail_detour);
	e->egress.factor = *dec_stretch_factor(fs, ei);
	e->has_egress = e->egress.distance_km > 0;
	lines_rail(fs, e, DEC_PART_ACCESS, ai, e->access.distance_km *
	    rq->travellers);
	lines_rail(fs, e, DEC_PART_EGRESS, ei, e->egress.distance_km *
	    rq->travellers);
	e->access.co2e_kg = part_co2(e, DEC_PART_ACCESS);
	e->egress.co2e_kg = part_co2(e, DEC_PART_EGRESS);

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
	double	vkm;

	e->distance_km = dec_round1(2.0 * r->distance_km * p->road_detour);
	e->vehicles = (rq->travellers + p->car_capacity - 1) / p->car_capacity;
	e->factor = fs->car;
	vkm = e->distance_km * e->vehicles;
	(void)line_add(e, DEC_LINE_OPERATION, DEC_PART_MAIN, "car", vkm, "vkm",
	    fs->car.value, &fs->car, fs->year);
	if (fs->has_wtt)
		(void)line_add(e, DEC_LINE_FUEL, DEC_PART_MAIN, "car", vkm,
		    "vkm", fs->wtt_car.value, &fs->wtt_car, fs->year);
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
	lines_rail(fs, e, DEC_PART_MAIN, DEC_FACTOR_COACH, e->distance_km *
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
			estimate_plane(p, fs, rq, r, e);
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
		/* The nights there, on top of the journey; the total. */
		lines_hotel(fs, rq, r, e);
		lines_total(e, rq->travellers);
	}
}
