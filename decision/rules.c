/*
 * The travel choice scheme: scope, the rules in order, the scope caps,
 * what each other mode requires, and the advice, all as data.
 */

#include <limits.h>
#include <math.h>
#include <string.h>

#include "decision/decision-int.h"

#define MAX_TRAVELLERS	1000

/* Add a reason (at most DEC_MAX_LINES) and return it to fill in. */
static struct dec_reason *
add_reason(struct dec_ruling *ru, enum dec_reason_kind kind)
{
	static struct dec_reason	 spare;
	struct dec_reason		*r;

	if (ru->nreasons >= DEC_MAX_LINES)
		r = &spare;		/* cannot happen: at most 4 reasons */
	else
		r = &ru->reasons[ru->nreasons++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	return (r);
}

/* Add an advice line and return it to fill in. */
static struct dec_advice *
add_advice(struct dec_ruling *ru, enum dec_advice_kind kind)
{
	static struct dec_advice	 spare;
	struct dec_advice		*a;

	if (ru->nadvice >= DEC_MAX_LINES)
		a = &spare;		/* cannot happen: at most 5 lines */
	else
		a = &ru->advice[ru->nadvice++];
	memset(a, 0, sizeof *a);
	a->kind = kind;
	return (a);
}

/* Is s a country code: exactly two ASCII capitals? */
static int
country_code(const char *s)
{
	return (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
	    s[2] == '\0');
}

/* Reject a request (or a policy) the rules cannot sensibly apply to. */
static int
check_request(const struct dec_policy *p, const struct dec_request *rq,
    struct dec_errors *errs)
{
	const struct dec_place	*pl = &rq->place;
	size_t			 n = errs->n;

	if (rq->travellers < 1 || rq->travellers > MAX_TRAVELLERS)
		dec_errors_add(errs, "travellers", DEC_E_RANGE,
		    "must be between 1 and 1000");
	if (rq->return_day < rq->departure)
		dec_errors_add(errs, "return_date", DEC_E_ORDER,
		    "before departure_date");
	else if (rq->return_day - rq->departure > INT_MAX)
		dec_errors_add(errs, "return_date", DEC_E_RANGE,
		    "too far after departure_date");
	if (!(pl->lat >= -90.0 && pl->lat <= 90.0))
		dec_errors_add(errs, "destination.lat", DEC_E_RANGE,
		    "must be between -90 and 90");
	if (!(pl->lon >= -180.0 && pl->lon <= 180.0))
		dec_errors_add(errs, "destination.lon", DEC_E_RANGE,
		    "must be between -180 and 180");
	if (!country_code(pl->country))
		dec_errors_add(errs, "destination.country", DEC_E_FORMAT,
		    "must be two uppercase letters (ISO 3166-1 alpha-2)");
	if ((int)rq->cabin < 0 || (int)rq->cabin > DEC_CABIN_AVERAGE)
		dec_errors_add(errs, "cabin_class", DEC_E_CHOICE,
		    "unknown cabin class");
	if (pl->listed && ((int)pl->list_mode < 0 ||
	    (int)pl->list_mode >= DEC_MODE_COUNT ||
	    (int)pl->list_strength < 0 ||
	    (int)pl->list_strength > DEC_MANDATORY))
		dec_errors_add(errs, "destination", DEC_E_INVALID,
		    "unknown mode or strength on the list");

	/* The policy is validated when loaded; guard the divisions anyway. */
	if (p->car_capacity < 1)
		dec_errors_add(errs, "policy.car_capacity", DEC_E_RANGE,
		    "must be at least 1");
	if (!(p->car_kmh > 0 && p->coach_kmh > 0 && p->plane_kmh > 0))
		dec_errors_add(errs, "policy", DEC_E_RANGE,
		    "speeds must be positive");
	if (!(p->rail_detour > 0 && p->road_detour > 0 && p->coach_detour > 0))
		dec_errors_add(errs, "policy", DEC_E_RANGE,
		    "detour factors must be positive");
	return (errs->n > n ? -1 : 0);
}

/* The thresholds alone: near, working_day, night_or_long_day, far. */
void
dec_rule_by_thresholds(const struct dec_policy *p, double km,
    double rail_hours, int night_train, enum dec_rule *rule,
    enum dec_mode *mode, enum dec_strength *strength)
{
	if (km <= p->near_km) {
		*rule = DEC_RULE_NEAR;
		*mode = DEC_MODE_TRAIN;
		*strength = DEC_MANDATORY;
	} else if (rail_hours < 0) {
		*rule = DEC_RULE_NO_RAIL;
		*mode = DEC_MODE_PLANE;
		*strength = DEC_FREE;
	} else if (rail_hours <= p->working_day_hours) {
		*rule = DEC_RULE_WORKING_DAY;
		*mode = DEC_MODE_TRAIN;
		*strength = DEC_MANDATORY;
	} else if (rail_hours <= p->long_day_hours || night_train) {
		*rule = DEC_RULE_NIGHT_OR_LONG_DAY;
		*mode = DEC_MODE_TRAIN;
		*strength = DEC_RECOMMENDED;
	} else {
		*rule = DEC_RULE_FAR;
		*mode = DEC_MODE_PLANE;
		*strength = DEC_FREE;
	}
}

/* Does a night train serve the place: the list says so, or (unlisted)
 * one of the network's reaches it on the days of the trip? */
static int
night_train(const struct dec_request *rq, const struct dec_result *r)
{
	if (rq->place.listed || rq->place.id[0] != '\0')
		return (rq->place.night_train);
	return (rq->place.night_train || (r->route != NULL && r->route->night));
}

/* The reasons of the threshold rules, with the figures they compare. */
static void
threshold_reasons(const struct dec_policy *p, const struct dec_request *rq,
    const struct dec_result *r, struct dec_ruling *ru)
{
	struct dec_reason	*why;
	enum dec_reason_kind	 kind;

	why = add_reason(ru, ru->rule == DEC_RULE_NEAR ? DEC_REASON_NEAR :
	    DEC_REASON_NOT_NEAR);
	why->km = r->distance_km;
	why->near_km = p->near_km;
	if (ru->rule == DEC_RULE_NEAR)
		return;

	switch (ru->rule) {
	case DEC_RULE_WORKING_DAY:
		kind = DEC_REASON_WORKING_DAY;
		break;
	case DEC_RULE_NIGHT_OR_LONG_DAY:
		kind = r->rail_hours <= p->long_day_hours ?
		    DEC_REASON_LONG_DAY : DEC_REASON_NIGHT_TRAIN_FAR;
		break;
	case DEC_RULE_FAR:
		kind = DEC_REASON_FAR;
		break;
	default:
		return;
	}
	why = add_reason(ru, kind);
	why->hours = r->rail_hours;
	why->estimated = r->rail_estimated;
	why->working_day_hours = p->working_day_hours;
	why->long_day_hours = p->long_day_hours;
	if (kind == DEC_REASON_LONG_DAY && night_train(rq, r))
		(void)add_reason(ru, DEC_REASON_NIGHT_TRAIN);
}

/* The rail time the rules use: the list's, the network's, an estimate,
 * or none. */
static void
rail_time(const struct dec_request *rq, const struct dec_calibration *cal,
    struct dec_result *r)
{
	const struct dec_place	*pl = &rq->place;
	const struct dec_route	*rt = r->route;

	if (pl->rail_hours >= 0) {
		r->rail_hours = pl->rail_hours;
		r->rail_estimated = pl->rail_estimated != 0;
		if (pl->rail_source[0] != '\0')
			dec_text_set(r->rail_method, sizeof r->rail_method,
			    "list: %s", pl->rail_source);
		else
			dec_text_set(r->rail_method, sizeof r->rail_method,
			    "list");
	} else if (pl->in_rail_zone && rt != NULL) {
		/* Shown to 0.1 h, so rule on the figure shown. */
		r->rail_hours = dec_round1(rt->minutes / 60.0);
		r->rail_estimated = 1;
		dec_text_set(r->rail_method, sizeof r->rail_method, "network: "
		    "%d leg%s, %d change%s (rail network version %d)",
		    rt->nlegs, rt->nlegs == 1 ? "" : "s", rt->transfers,
		    rt->transfers == 1 ? "" : "s", rt->network_version);
	} else if (pl->in_rail_zone) {
		/* Shown to 0.1 h, so rule on the figure shown. */
		r->rail_hours = dec_round1(dec_calibration_hours(cal,
		    r->distance_km));
		r->rail_estimated = 1;
		dec_text_set(r->rail_method, sizeof r->rail_method, "%s",
		    cal->method);
	} else {
		r->rail_hours = -1;
		r->rail_estimated = 0;
		dec_text_set(r->rail_method, sizeof r->rail_method,
		    "none: outside the rail-connected zone");
	}
}

/* Cap the ruling to what the scope allows and say why. */
static void
scope_caps(struct dec_result *r)
{
	struct dec_ruling	*ru = &r->ruling;

	switch (r->scope) {
	case DEC_SCOPE_MULTI_DAY_FOREIGN:
		break;
	case DEC_SCOPE_DAY_TRIP_FOREIGN:
		if (ru->strength > DEC_RECOMMENDED)
			ru->strength = DEC_RECOMMENDED;
		(void)add_reason(ru, DEC_REASON_DAY_TRIP);
		break;
	case DEC_SCOPE_DOMESTIC:
		if (ru->mode == DEC_MODE_PLANE) {
			ru->mode = DEC_MODE_TRAIN;
			ru->strength = DEC_RECOMMENDED;
		} else if (ru->strength > DEC_RECOMMENDED)
			ru->strength = DEC_RECOMMENDED;
		(void)add_reason(ru, DEC_REASON_DOMESTIC);
		break;
	}
}

/* What each mode needs, given the ruled mode and strength. */
static void
mode_permissions(struct dec_result *r)
{
	const struct dec_ruling		*ru = &r->ruling;
	struct dec_mode_estimate	*e;
	int				 m;

	for (m = 0; m < DEC_MODE_COUNT; m++) {
		e = &r->modes[m];
		e->allowed = 0;
		e->requires = DEC_REQUIRES_NOTHING;
		if ((enum dec_mode)m == ru->mode)
			e->allowed = 1;
		else if (!e->feasible)
			continue;
		else if (m == DEC_MODE_PLANE && r->scope == DEC_SCOPE_DOMESTIC)
			e->requires = DEC_REQUIRES_NOT_OFFERED;
		else if (ru->strength == DEC_MANDATORY)
			e->requires = DEC_REQUIRES_EXCEPTION;
		else if (ru->strength == DEC_RECOMMENDED) {
			e->allowed = 1;
			e->requires = DEC_REQUIRES_JUSTIFICATION;
		} else
			e->allowed = 1;
	}
}

/* Advice lines: online first, alternatives, lowest CO2, classes. */
static void
advice(const struct dec_policy *p, const struct dec_request *rq,
    struct dec_result *r)
{
	struct dec_ruling		*ru = &r->ruling;
	const struct dec_mode_estimate	*e, *best = NULL;
	struct dec_advice		*a;
	double				 rail;
	int				 m;

	if (rq->online_possible)
		(void)add_advice(ru, DEC_ADVICE_ONLINE_FIRST);

	e = &r->modes[DEC_MODE_TRAIN];
	if (ru->rule == DEC_RULE_FAR && ru->mode != DEC_MODE_TRAIN &&
	    e->feasible) {
		a = add_advice(ru, DEC_ADVICE_TRAIN_ALTERNATIVE);
		a->mode = DEC_MODE_TRAIN;
		a->hours = dec_round1(e->hours);
		a->estimated = e->estimated;
	}

	if (ru->strength == DEC_FREE) {
		for (m = 0; m < DEC_MODE_COUNT; m++) {
			e = &r->modes[m];
			if (!e->feasible ||
			    e->requires == DEC_REQUIRES_NOT_OFFERED)
				continue;
			if (best == NULL || e->co2e_kg < best->co2e_kg)
				best = e;
		}
		if (best != NULL) {
			a = add_advice(ru, DEC_ADVICE_LOWEST_CO2);
			a->mode = best->mode;
			a->kg = dec_round1(best->co2e_kg);
		}
	}

	e = &r->modes[DEC_MODE_TRAIN];
	if (e->feasible) {
		rail = r->rail_hours >= 0 ? r->rail_hours : e->hours;
		a = add_advice(ru, rail <= p->second_class_max_hours ?
		    DEC_ADVICE_SECOND_CLASS : DEC_ADVICE_FIRST_CLASS);
		a->mode = DEC_MODE_TRAIN;
		a->hours = p->second_class_max_hours;
	}

	if (r->scope != DEC_SCOPE_DOMESTIC)
		(void)add_advice(ru, DEC_ADVICE_ECONOMY);
}

/* Apply the scheme to a request and estimate every mode. */
int
dec_decide(const struct dec_policy *p, const struct dec_factor_set *fs,
    const struct dec_calibration *cal, const struct dec_request *rq,
    struct dec_result *r, struct dec_errors *errs)
{
	const struct dec_place	*pl = &rq->place;
	struct dec_ruling	*ru = &r->ruling;
	struct dec_reason	*why;
	struct dec_calibration	 fallback;
	int			 m, surface;

	if (check_request(p, rq, errs) != 0)
		return (-1);
	if (cal == NULL) {
		dec_calibrate(p, NULL, 0, &fallback);
		cal = &fallback;
	}
	memset(r, 0, sizeof *r);

	if (strcmp(pl->country, p->origin_country) == 0)
		r->scope = DEC_SCOPE_DOMESTIC;
	else if (rq->return_day == rq->departure)
		r->scope = DEC_SCOPE_DAY_TRIP_FOREIGN;
	else
		r->scope = DEC_SCOPE_MULTI_DAY_FOREIGN;
	r->nights = (int)(rq->return_day - rq->departure);
	r->travellers = rq->travellers;
	r->distance_km = dec_haversine_km(p->origin_lat, p->origin_lon,
	    pl->lat, pl->lon);
	if (rq->route != NULL && rq->route->found)
		r->route = rq->route;
	rail_time(rq, cal, r);

	/* The rules, in order; the first that applies decides. */
	if (pl->listed) {
		ru->rule = DEC_RULE_LISTED;
		ru->mode = pl->list_mode;
		ru->strength = pl->list_strength;
		why = add_reason(ru, DEC_REASON_LISTED);
		why->mode = ru->mode;
		why->strength = ru->strength;
	} else if (!pl->in_rail_zone) {
		ru->rule = DEC_RULE_NO_RAIL;
		ru->mode = DEC_MODE_PLANE;
		ru->strength = DEC_FREE;
		(void)add_reason(ru, DEC_REASON_NO_RAIL);
	} else {
		dec_rule_by_thresholds(p, r->distance_km, r->rail_hours,
		    night_train(rq, r), &ru->rule, &ru->mode, &ru->strength);
		threshold_reasons(p, rq, r, ru);
	}
	scope_caps(r);

	/*
	 * Surface modes need a rail-connected place; the ruled mode is shown.
	 */
	surface = pl->in_rail_zone || (pl->listed && pl->rail_hours >= 0);
	for (m = 0; m < DEC_MODE_COUNT; m++) {
		r->modes[m].feasible = m == DEC_MODE_PLANE || surface ||
		    (enum dec_mode)m == ru->mode;
	}
	dec_estimate_modes(p, fs, cal, rq, r);
	mode_permissions(r);
	advice(p, rq, r);
	return (0);
}

/* The default policy (data/policy.json), each figure with its source. */
void
dec_policy_defaults(struct dec_policy *p)
{
	memset(p, 0, sizeof *p);
	p->version = 1;

	/* Origin and airport: the city's travel starts at Gent-Sint-Pieters
	 * and flies from Brussels Airport; coordinates of the station from
	 * the Trainline stations database (ODbL). */
	dec_text_set(p->origin_name, sizeof p->origin_name,
	    "Gent-Sint-Pieters");
	dec_text_set(p->origin_country, sizeof p->origin_country, "BE");
	p->origin_lat = 51.0356;
	p->origin_lon = 3.7106;
	dec_text_set(p->airport_code, sizeof p->airport_code, "BRU");
	dec_text_set(p->airport_name, sizeof p->airport_name,
	    "Brussels Airport");
	p->airport_lat = 50.9014;
	p->airport_lon = 4.4844;
	/* Estimate: Gent-Sint-Pieters to Brussels Airport by train. */
	p->airport_access_hours = 1.0;

	/* Flemish government staff statute (2019): no flying under 500 km. */
	p->near_km = 500.0;
	/* City of Ghent 2020 pilot: within one working day; UGent and
	 * KU Leuven: no flying where the train takes < 8 h. */
	p->working_day_hours = 8.0;
	/* Estimate: a long travel day. */
	p->long_day_hours = 12.0;
	/* UGent travel policy: 2nd class up to 2 h, 1st class beyond. */
	p->second_class_max_hours = 2.0;

	/* GES 1point5 / EN 16258: train = great circle x 1.2. */
	p->rail_detour = 1.2;
	/* Estimate: road = great circle x 1.3. */
	p->road_detour = 1.3;
	/* GES 1point5's bus detour: great circle x 1.5. */
	p->coach_detour = 1.5;
	/* Estimate: at most 4 travellers a car. */
	p->car_capacity = 4;

	/* Estimates: door-to-door speed model. */
	p->car_kmh = 80.0;
	p->coach_kmh = 65.0;
	p->plane_kmh = 700.0;
	p->plane_fixed_hours = 2.5;

	/* Estimates: rail fallback when there is nothing to calibrate on. */
	p->rail_fallback_kmh = 100.0;
	p->rail_fallback_fixed_hours = 0.5;

	/* Estimates: journeys over the rail network. */
	p->rail_transfer_minutes = 15.0;
	p->rail_regional_kmh = 50.0;
	p->rail_bus_kmh = 50.0;
	p->rail_station_km = 100.0;
	p->rail_nearest_hubs = 3;
}
