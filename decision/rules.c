/*
 * The travel choice scheme (SPEC §2): scope, the rules in order, the scope
 * caps, what each other mode requires, and the advice lines.
 */

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "decision/decision-int.h"

#define MAX_TRAVELLERS	1000

/* Append a formatted line to a list of at most DEC_MAX_LINES. */
static void __attribute__((__format__(__printf__, 3, 4)))
add_line(char lines[][DEC_TEXT_MAX], int *n, const char *fmt, ...)
{
	va_list	ap;

	if (*n >= DEC_MAX_LINES)
		return;
	va_start(ap, fmt);
	dec_text_vset(lines[*n], DEC_TEXT_MAX, fmt, ap);
	va_end(ap);
	(*n)++;
}

/* Set err (if any) and fail. */
static int
fail(char *err, size_t errlen, const char *msg)
{
	if (err != NULL && errlen > 0)
		dec_text_set(err, errlen, "%s", msg);
	return (-1);
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
    char *err, size_t errlen)
{
	const struct dec_place	*pl = &rq->place;

	if (rq->travellers < 1 || rq->travellers > MAX_TRAVELLERS)
		return (fail(err, errlen,
		    "travellers: must be between 1 and 1000"));
	if (rq->return_day < rq->departure)
		return (fail(err, errlen, "return_date: before departure_date"));
	if (rq->return_day - rq->departure > INT_MAX)
		return (fail(err, errlen, "return_date: too far after "
		    "departure_date"));
	if (!(pl->lat >= -90.0 && pl->lat <= 90.0))
		return (fail(err, errlen,
		    "destination.lat: must be between -90 and 90"));
	if (!(pl->lon >= -180.0 && pl->lon <= 180.0))
		return (fail(err, errlen,
		    "destination.lon: must be between -180 and 180"));
	if (!country_code(pl->country))
		return (fail(err, errlen, "destination.country: must be two "
		    "uppercase letters (ISO 3166-1 alpha-2)"));
	if ((int)rq->cabin < 0 || (int)rq->cabin > DEC_CABIN_AVERAGE)
		return (fail(err, errlen, "cabin_class: unknown cabin class"));
	if (pl->listed && ((int)pl->list_mode < 0 ||
	    (int)pl->list_mode >= DEC_MODE_COUNT ||
	    (int)pl->list_strength < 0 ||
	    (int)pl->list_strength > DEC_MANDATORY))
		return (fail(err, errlen,
		    "destination: unknown mode or strength on the list"));

	/* The policy is validated when loaded; guard the divisions anyway. */
	if (p->car_capacity < 1)
		return (fail(err, errlen,
		    "policy: car_capacity must be at least 1"));
	if (!(p->car_kmh > 0 && p->coach_kmh > 0 && p->plane_kmh > 0))
		return (fail(err, errlen, "policy: speeds must be positive"));
	if (!(p->rail_detour > 0 && p->road_detour > 0 && p->coach_detour > 0))
		return (fail(err, errlen,
		    "policy: detour factors must be positive"));
	return (0);
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

/*
 * Format a distance for a reason: whole km, but with decimals close to the
 * threshold so that "500 km (more than 500 km)" cannot happen.
 */
static void
format_km(char *buf, size_t len, double km, double threshold)
{
	int	dec = 0;

	if (fabs(km - threshold) < 1.0)
		dec = 1;
	if (fabs(km - threshold) < 0.1)
		dec = 2;
	dec_text_set(buf, len, "%.*f", dec, dec_round_to(km, pow(10.0, dec)));
}

/* Reasons for the threshold rules, with their figures. */
static void
threshold_reasons(const struct dec_policy *p, const struct dec_request *rq,
    const struct dec_result *r, const char *name, struct dec_ruling *ru)
{
	char		 km[32], near[32], h[32], wd[32], ld[32];
	const char	*est;

	format_km(km, sizeof km, r->distance_km, p->near_km);
	dec_text_num(near, sizeof near, p->near_km, 1);
	dec_text_num(h, sizeof h, r->rail_hours, 2);
	dec_text_num(wd, sizeof wd, p->working_day_hours, 2);
	dec_text_num(ld, sizeof ld, p->long_day_hours, 2);
	est = r->rail_estimated ? " (estimated)" : "";

	if (ru->rule == DEC_RULE_NEAR) {
		add_line(ru->reasons, &ru->nreasons,
		    "%s is %s km from %s (within %s km)", name, km,
		    p->origin_name, near);
		return;
	}
	add_line(ru->reasons, &ru->nreasons,
	    "%s is %s km from %s (more than %s km)", name, km,
	    p->origin_name, near);

	switch (ru->rule) {
	case DEC_RULE_WORKING_DAY:
		add_line(ru->reasons, &ru->nreasons, "Train takes about "
		    "%s h%s, within one working day (%s h)", h, est, wd);
		break;
	case DEC_RULE_NIGHT_OR_LONG_DAY:
		if (r->rail_hours <= p->long_day_hours) {
			add_line(ru->reasons, &ru->nreasons, "Train takes "
			    "about %s h%s, more than one working day (%s h) "
			    "but within a long travel day (%s h)", h, est, wd,
			    ld);
			if (rq->place.night_train)
				add_line(ru->reasons, &ru->nreasons,
				    "A night train serves %s", name);
		} else
			add_line(ru->reasons, &ru->nreasons, "Train takes "
			    "about %s h%s, more than a long travel day (%s h), "
			    "but a night train serves %s", h, est, ld, name);
		break;
	case DEC_RULE_FAR:
		add_line(ru->reasons, &ru->nreasons, "Train takes about %s h%s, "
		    "more than a long travel day (%s h), and no night train "
		    "serves %s", h, est, ld, name);
		break;
	default:
		break;
	}
}

/* The rail time the rules use: the list's, an estimate, or none. */
static void
rail_time(const struct dec_request *rq, const struct dec_calibration *cal,
    struct dec_result *r)
{
	const struct dec_place	*pl = &rq->place;

	if (pl->rail_hours >= 0) {
		r->rail_hours = pl->rail_hours;
		r->rail_estimated = pl->rail_estimated != 0;
		if (pl->rail_source[0] != '\0')
			dec_text_set(r->rail_method, sizeof r->rail_method,
			    "list: %s", pl->rail_source);
		else
			dec_text_set(r->rail_method, sizeof r->rail_method,
			    "list");
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
		add_line(ru->reasons, &ru->nreasons, "Same-day trip abroad: the "
		    "scheme is advisory, so the ruling is at most "
		    "recommended");
		break;
	case DEC_SCOPE_DOMESTIC:
		if (ru->mode == DEC_MODE_PLANE) {
			ru->mode = DEC_MODE_TRAIN;
			ru->strength = DEC_RECOMMENDED;
		} else if (ru->strength > DEC_RECOMMENDED)
			ru->strength = DEC_RECOMMENDED;
		add_line(ru->reasons, &ru->nreasons, "Domestic trip: the scheme "
		    "is advisory, so the ruling is at most recommended, and the "
		    "plane is not offered");
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
	char				 h[32], co2[32], max[32];
	double				 rail;
	int				 m;

	if (rq->online_possible)
		add_line(ru->advice, &ru->nadvice, "Online first: consider a "
		    "digital meeting before travelling");

	e = &r->modes[DEC_MODE_TRAIN];
	if (ru->rule == DEC_RULE_FAR && ru->mode != DEC_MODE_TRAIN &&
	    e->feasible) {
		dec_text_num(h, sizeof h, e->hours, 1);
		add_line(ru->advice, &ru->nadvice, "Train shown as an "
		    "alternative: about %s h%s one way", h,
		    e->estimated ? " (estimated)" : "");
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
			dec_text_set(co2, sizeof co2, "%.1f",
			    dec_round1(best->co2e_kg));
			add_line(ru->advice, &ru->nadvice, "Lowest-CO2 feasible "
			    "mode: %s (%s kg CO2e)", dec_mode_name(best->mode),
			    co2);
		}
	}

	e = &r->modes[DEC_MODE_TRAIN];
	if (e->feasible) {
		rail = r->rail_hours >= 0 ? r->rail_hours : e->hours;
		dec_text_num(max, sizeof max, p->second_class_max_hours, 2);
		if (rail <= p->second_class_max_hours)
			add_line(ru->advice, &ru->nadvice, "Train: 2nd class "
			    "(journey up to %s h)", max);
		else
			add_line(ru->advice, &ru->nadvice, "Train: 1st class "
			    "allowed (journey over %s h)", max);
	}

	if (r->scope != DEC_SCOPE_DOMESTIC)
		add_line(ru->advice, &ru->nadvice,
		    "Flights: economy class");
}

/* Apply the scheme to a request and estimate every mode. */
int
dec_decide(const struct dec_policy *p, const struct dec_factor_set *fs,
    const struct dec_calibration *cal, const struct dec_request *rq,
    struct dec_result *r, char *err, size_t errlen)
{
	const struct dec_place	*pl = &rq->place;
	struct dec_ruling	*ru = &r->ruling;
	struct dec_calibration	 fallback;
	const char		*name;
	int			 m, surface;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (check_request(p, rq, err, errlen) != 0)
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
	rail_time(rq, cal, r);

	if (pl->name[0] != '\0')
		name = pl->name;
	else if (pl->id[0] != '\0')
		name = pl->id;
	else
		name = "The destination";

	/* The rules, in order; the first that applies decides. */
	if (pl->listed) {
		ru->rule = DEC_RULE_LISTED;
		ru->mode = pl->list_mode;
		ru->strength = pl->list_strength;
		add_line(ru->reasons, &ru->nreasons, "%s is on the "
		    "frequent-destination list: %s, %s", name,
		    dec_mode_name(ru->mode), dec_strength_name(ru->strength));
	} else if (!pl->in_rail_zone) {
		ru->rule = DEC_RULE_NO_RAIL;
		ru->mode = DEC_MODE_PLANE;
		ru->strength = DEC_FREE;
		add_line(ru->reasons, &ru->nreasons, "%s lies outside the "
		    "rail-connected zone", name);
	} else {
		dec_rule_by_thresholds(p, r->distance_km, r->rail_hours,
		    pl->night_train, &ru->rule, &ru->mode, &ru->strength);
		threshold_reasons(p, rq, r, name, ru);
	}
	scope_caps(r);

	/* Surface modes need a rail-connected place; the ruled mode is shown. */
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

/* The default policy of SPEC §2/§3, each figure with its source. */
void
dec_policy_defaults(struct dec_policy *p)
{
	memset(p, 0, sizeof *p);
	p->version = 1;

	/* Origin and airport: SPEC §2; coordinates from FACTS.md (Trainline
	 * stations database, ODbL). */
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
	/* SPEC §3 (FACTS.md gives 1.5 for bus by GES 1point5). */
	p->coach_detour = 1.3;
	/* SPEC §3: at most 4 travellers a car. */
	p->car_capacity = 4;

	/* Estimates: door-to-door speed model. */
	p->car_kmh = 80.0;
	p->coach_kmh = 65.0;
	p->plane_kmh = 700.0;
	p->plane_fixed_hours = 2.5;

	/* Estimates: rail fallback when there is nothing to calibrate on. */
	p->rail_fallback_kmh = 100.0;
	p->rail_fallback_fixed_hours = 0.5;
}
