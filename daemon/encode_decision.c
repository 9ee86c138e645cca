/*
 * The answer to a ruling as JSON, written straight into the reply: the
 * place as it was understood, the ruling with its reasons and advice in
 * the API's English and as data, and every mode's figures.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "daemon/daemon.h"

/* The wire names of the reason and advice kinds. */
static const char *const reason_kinds[] = { "listed", "no_rail", "near",
    "not_near", "working_day", "long_day", "night_train", "night_train_far",
    "far", "day_trip", "domestic" };
static const char *const advice_kinds[] = { "online_first",
    "train_alternative", "lowest_co2", "second_class", "first_class",
    "economy" };

/* A factor as {value, unit, source}. */
static void
factor_write(struct jw *w, const char *key, const struct dec_factor *f)
{
	jw_object(w, key);
	jw_number(w, "value", f->value);
	jw_string(w, "unit", f->unit);
	jw_string(w, "source", f->source);
	jw_end(w, '}');
}

/* A string, or null when empty. */
static void
str_or_null(struct jw *w, const char *key, const char *s)
{
	jw_string(w, key, s[0] != '\0' ? s : NULL);
}

/* A number, or null when the mode is not feasible. */
static void
num_if(struct jw *w, const char *key, int ok, double v)
{
	if (ok)
		jw_number(w, key, v);
	else
		jw_null(w, key);
}

/* The wire names of a route's leg kinds. */
static const char *const leg_kinds[] = { "train", "night_train", "ferry",
    "change", "regional_train", "bus" };

/* The key a stretch's factor goes by in the route's factors. */
static const char *
stretch_key(const struct dec_factor_set *fs, int i)
{
	if (i >= 0 && i < fs->nrail)
		return (fs->rail_by[i].key);
	return (i == DEC_FACTOR_COACH ? "coach" : "rail");
}

/*
 * One factor of the route's factors: its value (kg CO2e/pkm), whose it
 * is, its year and source; its basis is the factor set's
 * (GET /v1/factors: rail_operators, rail_countries).
 */
static void
factor_entry_write(struct jw *w, const struct dst_snapshot *snap, int i)
{
	const struct dec_factor_set	*fs = dst_snapshot_factors(snap);
	const struct dec_rail_factor	*rf;
	const struct dec_factor		*f = dec_stretch_factor(fs, i);

	jw_object(w, stretch_key(fs, i));
	jw_number(w, "value", f->value);
	if (i >= 0 && i < fs->nrail) {
		rf = &fs->rail_by[i];
		jw_string(w, "of", rf->country ? "country" : "operator");
		jw_int(w, "year", rf->year);
		jw_bool(w, "estimate", rf->estimate);
	} else {
		jw_string(w, "of", i == DEC_FACTOR_COACH ? "coach" : "rail");
		jw_int(w, "year", fs->year);
		jw_bool(w, "estimate", 0);
	}
	jw_literal(w, "source", dst_snapshot_factor_source_json(snap, i));
	jw_end(w, '}');
}

/* Every factor the route's stretches take, once each, by key. */
static void
route_factors_write(struct jw *w, const struct dst_snapshot *snap,
    const struct dec_route *rt)
{
	int	 seen[DEC_ROUTE_LEGS * DEC_LEG_PARTS], n = 0, i, j, k, f;

	jw_object(w, "factors");
	for (i = 0; i < rt->nlegs; i++)
		for (j = 0; j < rt->legs[i].nparts; j++) {
			f = rt->legs[i].parts[j].factor;
			for (k = 0; k < n && seen[k] != f; k++)
				;
			if (k < n)
				continue;
			seen[n++] = f;
			factor_entry_write(w, snap, f);
		}
	jw_end(w, '}');
}

/* One leg of a route: where, who, how long, how far, and its CO2 by
 * stretch. */
static void
leg_write(struct jw *w, const struct dst_snapshot *snap,
    const struct dec_route_leg *l)
{
	const struct dec_factor_set	*fs = dst_snapshot_factors(snap);
	const char			*src, *date;
	int				 i;

	jw_object(w, NULL);
	jw_string(w, "kind", leg_kinds[l->kind]);
	jw_string(w, "from", l->from);
	jw_string(w, "to", l->to);
	str_or_null(w, "operator", l->operator);
	jw_int(w, "minutes", l->minutes);
	jw_bool(w, "estimated", l->estimated);
	jw_number(w, "km", l->km);
	jw_array(w, "countries");
	for (i = 0; i < l->ncountries; i++)
		jw_string(w, NULL, l->countries[i]);
	jw_end(w, ']');
	jw_number(w, "co2e_kg", l->co2e_kg);
	jw_array(w, "stretches");
	for (i = 0; i < l->nparts; i++) {
		jw_object(w, NULL);
		str_or_null(w, "country", l->parts[i].country);
		jw_number(w, "km", l->parts[i].km);
		jw_string(w, "factor", stretch_key(fs, l->parts[i].factor));
		jw_number(w, "value", dec_stretch_factor(fs,
		    l->parts[i].factor)->value);
		jw_number(w, "co2e_kg", l->parts[i].co2e_kg);
		jw_end(w, '}');
	}
	jw_end(w, ']');
	if (dst_snapshot_rail_source(snap, l->edge, &src, &date) == 0) {
		jw_literal(w, "source", src);
		jw_literal(w, "source_date", date);
	} else {
		jw_string(w, "source", l->kind == DEC_LEG_BUS ? "estimate: "
		    "a bus from the hub, over the great circle x coach_detour "
		    "at rail_bus_kmh (policy)" : "estimate: a regional train, "
		    "over the great circle x rail_detour at rail_regional_kmh "
		    "(policy)");
		jw_null(w, "source_date");
	}
	jw_end(w, '}');
}

/* The journey over the rail network, or how the rail time was had
 * without it. */
static void
route_write(struct jw *w, const struct dst_snapshot *snap,
    const struct dec_result *r)
{
	const struct dec_route	*rt = r->route;
	const struct rail_net	*n;
	const struct rail_edge	*e;
	int			 i;

	jw_object(w, "route");
	if (rt == NULL) {
		jw_string(w, "method", r->rail_hours >= 0 ? "calibration" :
		    "none");
		jw_null(w, "hours");
		jw_null(w, "network_version");
		jw_end(w, '}');
		return;
	}
	jw_string(w, "method", "network");
	jw_number(w, "hours", dec_round(rt->minutes / 60.0, 1));
	jw_int(w, "minutes", rt->minutes);
	jw_int(w, "network_version", rt->network_version);
	jw_int(w, "transfers", rt->transfers);
	jw_int(w, "transfer_minutes", rt->transfer_minutes);
	jw_bool(w, "by_bus", rt->by_bus);
	jw_number(w, "station_km", rt->station_km);
	n = dst_snapshot_rail_net(snap);
	if (rt->night && n != NULL && rt->night_edge >= 0 &&
	    (size_t)rt->night_edge < n->nedges) {
		e = &n->edges[rt->night_edge];
		jw_object(w, "night_train");
		jw_string(w, "from", n->hubs[e->from].name);
		jw_string(w, "to", n->hubs[e->to].name);
		jw_string(w, "operator", e->operator);
		jw_int(w, "minutes", e->minutes);
		jw_array(w, "days");
		for (i = 0; i < 7; i++)
			if (e->days & (1u << i))
				jw_string(w, NULL, (const char *[]){ "mon",
				    "tue", "wed", "thu", "fri", "sat",
				    "sun" }[i]);
		jw_end(w, ']');
		jw_end(w, '}');
	} else
		jw_null(w, "night_train");
	jw_array(w, "legs");
	for (i = 0; i < rt->nlegs; i++)
		leg_write(w, snap, &rt->legs[i]);
	jw_end(w, ']');
	route_factors_write(w, snap, rt);
	jw_end(w, '}');
}

/* The airports of a flight: from the policy's, to the one it lands at. */
static void
airports_write(struct jw *w, const struct dec_policy *p,
    const struct dec_request *rq)
{
	jw_object(w, "airports");
	jw_object(w, "from");
	jw_string(w, "code", p->airport_code);
	jw_string(w, "name", p->airport_name);
	jw_number(w, "lat", p->airport_lat);
	jw_number(w, "lon", p->airport_lon);
	jw_end(w, '}');
	if (rq->has_airport) {
		jw_object(w, "to");
		jw_string(w, "code", rq->airport.code);
		jw_string(w, "name", rq->airport.name);
		jw_string(w, "country", rq->airport.country);
		jw_number(w, "lat", rq->airport.lat);
		jw_number(w, "lon", rq->airport.lon);
		jw_number(w, "km_to_destination", rq->airport.km);
		jw_end(w, '}');
	} else
		jw_null(w, "to");
	jw_end(w, '}');
}

/* A leg to or from an airport. */
static void
leg_to_write(struct jw *w, const char *key, const char *mode,
    const struct dec_leg *l)
{
	jw_object(w, key);
	jw_string(w, "mode", mode);
	jw_number(w, "distance_km", l->distance_km);
	jw_number(w, "co2e_kg", l->co2e_kg);
	factor_write(w, "factor", &l->factor);
	jw_end(w, '}');
}

static const char *const line_kinds[] = { "operation", "fuel_production",
    "non_co2", "hotel" };
static const char *const line_parts[] = { "journey", "to_airport",
    "from_airport", "stay" };
static const char *const line_bases[] = {
	"operation (tank-to-wheel): the fuel or electricity the journey uses",
	("fuel production (well-to-tank): extracting, refining and "
	    "transporting the fuel, generating and transmitting the "
	    "electricity"),
	("non-CO2 effects of flying at altitude (radiative forcing: "
	    "contrails, NOx), DESNZ's with RF less without"),
	"hotel nights at the place, a room for each traveller" };

/* A line of a mode's footprint: quantity x factor = co2e_kg. */
static void
line_write(struct jw *w, const struct dec_factor_set *fs,
    const struct dec_line *l)
{
	char	src[2 * DEC_SOURCE_MAX + 64];

	jw_object(w, NULL);
	jw_string(w, "kind", line_kinds[l->kind]);
	jw_string(w, "part", line_parts[l->part]);
	jw_string(w, "key", l->key);
	jw_number(w, "quantity", l->quantity);
	jw_string(w, "unit", l->unit);
	jw_number(w, "factor", l->factor);
	snprintf(src, sizeof src, "kg CO2e/%s", l->unit);
	jw_string(w, "factor_unit", src);
	jw_string(w, "basis", l->basis != NULL ? l->basis :
	    line_bases[l->kind]);
	if (l->derived == DEC_DERIVED_RF)
		snprintf(src, sizeof src, "%s, less %s", l->f->source,
		    l->f2->source);
	else if (l->derived == DEC_DERIVED_SHARE)
		snprintf(src, sizeof src, "%s, times %g: %s", l->f->source,
		    l->f2->value, l->f2->source);
	else
		snprintf(src, sizeof src, "%s", l->f->source);
	jw_string(w, "source", src);
	jw_int(w, "year", l->year > 0 ? l->year : fs->year);
	jw_bool(w, "estimate", l->estimate);
	jw_number(w, "co2e_kg", l->co2e_kg);
	jw_end(w, '}');
}

/* One mode of the answer. */
static void
mode_write(struct jw *w, const struct dec_policy *p,
    const struct dec_factor_set *fs,
    const struct dec_request *rq, const struct dec_mode_estimate *m)
{
	int	f = m->feasible, i;

	jw_object(w, NULL);
	jw_string(w, "mode", dec_mode_name(m->mode));
	jw_bool(w, "feasible", f);
	jw_bool(w, "allowed", m->allowed);
	jw_string(w, "requires", dec_requires_name(m->requires));
	num_if(w, "distance_km", f, m->distance_km);
	num_if(w, "hours", f, m->hours);
	jw_bool(w, "estimated", m->estimated);
	jw_string(w, "method", m->method);
	num_if(w, "co2e_kg", f, m->co2e_kg);
	num_if(w, "co2e_kg_per_traveller", f, m->co2e_kg_per_traveller);
	factor_write(w, "factor", &m->factor);
	if (m->mode == DEC_MODE_PLANE) {
		num_if(w, "co2_kg_without_rf", f, m->co2_kg_without_rf);
		airports_write(w, p, rq);
		num_if(w, "flight_km", f, m->flight_km);
		if (m->has_access)
			leg_to_write(w, "access", "train", &m->access);
		if (m->has_egress)
			leg_to_write(w, "egress", "public_transport",
			    &m->egress);
	}
	if (m->mode == DEC_MODE_CAR)
		jw_int(w, "vehicles", m->vehicles);
	if (f) {
		jw_int(w, "hotel_nights", m->hotel_nights);
		if (m->mode == DEC_MODE_TRAIN)
			jw_bool(w, "night_train_saves_a_night",
			    m->night_saved);
		if (m->mode == DEC_MODE_PLANE)
			jw_string(w, "flight_band", (const char *[]){
			    "domestic", "short_haul", "long_haul" }[
			    m->flight_band]);
	}
	jw_array(w, "lines");
	for (i = 0; i < m->nlines; i++)
		line_write(w, fs, &m->lines[i]);
	jw_end(w, ']');
	jw_end(w, '}');
}

/* A reason as data: its kind and the figures it compares. */
static void
reason_data(struct jw *w, const struct dec_reason *r)
{
	jw_object(w, NULL);
	jw_string(w, "kind", reason_kinds[r->kind]);
	switch (r->kind) {
	case DEC_REASON_LISTED:
		jw_string(w, "mode", dec_mode_name(r->mode));
		jw_string(w, "strength", dec_strength_name(r->strength));
		break;
	case DEC_REASON_NEAR:
	case DEC_REASON_NOT_NEAR:
		jw_number(w, "km", dec_round(r->km, 1));
		jw_number(w, "near_km", r->near_km);
		break;
	case DEC_REASON_WORKING_DAY:
	case DEC_REASON_LONG_DAY:
	case DEC_REASON_NIGHT_TRAIN_FAR:
	case DEC_REASON_FAR:
		jw_number(w, "hours", r->hours);
		jw_bool(w, "estimated", r->estimated);
		jw_number(w, "working_day_hours", r->working_day_hours);
		jw_number(w, "long_day_hours", r->long_day_hours);
		break;
	default:
		break;
	}
	jw_end(w, '}');
}

/* An advice line as data. */
static void
advice_data(struct jw *w, const struct dec_advice *a)
{
	jw_object(w, NULL);
	jw_string(w, "kind", advice_kinds[a->kind]);
	switch (a->kind) {
	case DEC_ADVICE_TRAIN_ALTERNATIVE:
		jw_number(w, "hours", a->hours);
		jw_bool(w, "estimated", a->estimated);
		break;
	case DEC_ADVICE_LOWEST_CO2:
		jw_string(w, "mode", dec_mode_name(a->mode));
		jw_number(w, "co2e_kg", a->kg);
		break;
	case DEC_ADVICE_SECOND_CLASS:
	case DEC_ADVICE_FIRST_CLASS:
		jw_number(w, "hours", a->hours);
		break;
	default:
		break;
	}
	jw_end(w, '}');
}

/* The answer to a ruling (see daemon.h). */
void
encode_decision(struct jw *w, const struct dst_snapshot *snap,
    const struct decide_answer *ans)
{
	const struct dec_place	*pl = &ans->req.place;
	const struct dec_result	*r = &ans->res;
	const char		*place;
	char			 day[16], line[WORDS_MAX];
	int			 i;

	/* The reasons' name for the place: as the rules have always said. */
	place = pl->name[0] != '\0' ? pl->name : pl->id[0] != '\0' ? pl->id :
	    "The destination";

	jw_object(w, NULL);
	jw_object(w, "destination");
	str_or_null(w, "id", pl->id);
	jw_string(w, "name", pl->name);
	jw_string(w, "country", pl->country);
	jw_number(w, "lat", pl->lat);
	jw_number(w, "lon", pl->lon);
	jw_bool(w, "listed", pl->listed);
	jw_bool(w, "in_rail_zone", pl->in_rail_zone);
	str_or_null(w, "zone", pl->zone_id);
	jw_string(w, "source", ans->source == DECIDE_LIST ? "list" :
	    ans->source == DECIDE_GAZETTEER ? "gazetteer" :
	    ans->source == DECIDE_AIRPORT ? "airport" : "coordinates");
	if (ans->source == DECIDE_AIRPORT) {
		jw_object(w, "airport");
		jw_string(w, "code", ans->airport->iata);
		str_or_null(w, "icao", ans->airport->icao);
		jw_string(w, "name", ans->airport->name);
		str_or_null(w, "municipality", ans->airport->municipality);
		jw_string(w, "country", ans->airport->country);
		jw_number(w, "lat", ans->airport->lat);
		jw_number(w, "lon", ans->airport->lon);
		jw_string(w, "type", geo_airport_type_name(ans->airport->type));
		jw_end(w, '}');
		if (ans->hit.geonameid > 0) {
			jw_int(w, "population", ans->hit.population);
			jw_int(w, "geonameid", ans->hit.geonameid);
		}
	}
	if (ans->source == DECIDE_GAZETTEER) {
		jw_int(w, "population", ans->hit.population);
		jw_int(w, "geonameid", ans->hit.geonameid);
		if (ans->hit.nsame > 0) {
			words_place_note(WORDS_API, ans->typed,
			    ans->typed_country, &ans->hit, line, sizeof line);
			jw_string(w, "note", line);
		}
		jw_int(w, "same_name", ans->hit.nsame);
		jw_array(w, "others");
		for (i = 0; i < ans->hit.nothers; i++) {
			jw_object(w, NULL);
			jw_string(w, "name", ans->hit.others[i].name);
			jw_string(w, "country", ans->hit.others[i].country);
			jw_int(w, "population", ans->hit.others[i].population);
			jw_int(w, "geonameid", ans->hit.others[i].geonameid);
			jw_number(w, "lat", ans->hit.others[i].lat);
			jw_number(w, "lon", ans->hit.others[i].lon);
			jw_end(w, '}');
		}
		jw_end(w, ']');
	}
	if (ans->nearest != NULL) {
		jw_object(w, "nearest_listed");
		jw_string(w, "id", ans->nearest->id);
		jw_string(w, "name", ans->nearest->name);
		jw_number(w, "distance_km", round(ans->nearest_km * 10.0) /
		    10.0);
		jw_end(w, '}');
	}
	jw_end(w, '}');
	dec_date_format(ans->req.departure, day, sizeof day);
	jw_string(w, "departure_date", day);
	dec_date_format(ans->req.return_day, day, sizeof day);
	jw_string(w, "return_date", day);
	jw_string(w, "scope", dec_scope_name(r->scope));
	jw_int(w, "nights", r->nights);
	jw_int(w, "travellers", r->travellers);
	jw_number(w, "distance_km", round(r->distance_km * 10.0) / 10.0);

	jw_object(w, "rail");
	if (r->rail_hours >= 0)
		jw_number(w, "hours", r->rail_hours);
	else
		jw_null(w, "hours");
	jw_bool(w, "estimated", r->rail_estimated);
	jw_string(w, "method", r->rail_method);
	jw_string(w, "decided_by", r->rail_hours < 0 ? "none" :
	    pl->rail_hours >= 0 ? "list" : r->route != NULL ? "network" :
	    "calibration");
	route_write(w, snap, r);
	jw_end(w, '}');

	jw_object(w, "ruling");
	jw_string(w, "mode", dec_mode_name(r->ruling.mode));
	jw_string(w, "strength", dec_strength_name(r->ruling.strength));
	jw_string(w, "rule", dec_rule_name(r->ruling.rule));
	jw_array(w, "reasons");
	for (i = 0; i < r->ruling.nreasons; i++) {
		words_reason(WORDS_API, &r->ruling.reasons[i], place,
		    dst_snapshot_policy(snap)->origin_name, line, sizeof line);
		jw_string(w, NULL, line);
	}
	if (ans->nearest != NULL) {
		words_nearest(WORDS_API, pl->name[0] != '\0' ? pl->name :
		    "The place", ans->nearest->name, ans->nearest_km, line,
		    sizeof line);
		jw_string(w, NULL, line);
	}
	jw_end(w, ']');
	jw_array(w, "advice");
	for (i = 0; i < r->ruling.nadvice; i++) {
		words_advice(WORDS_API, &r->ruling.advice[i], line,
		    sizeof line);
		jw_string(w, NULL, line);
	}
	jw_end(w, ']');
	jw_array(w, "reason_data");
	for (i = 0; i < r->ruling.nreasons; i++)
		reason_data(w, &r->ruling.reasons[i]);
	if (ans->nearest != NULL) {
		jw_object(w, NULL);
		jw_string(w, "kind", "nearest_listed");
		jw_string(w, "id", ans->nearest->id);
		jw_number(w, "km", round(ans->nearest_km * 10.0) / 10.0);
		jw_end(w, '}');
	}
	jw_end(w, ']');
	jw_array(w, "advice_data");
	for (i = 0; i < r->ruling.nadvice; i++)
		advice_data(w, &r->ruling.advice[i]);
	jw_end(w, ']');
	jw_end(w, '}');

	jw_array(w, "modes");
	for (i = 0; i < DEC_MODE_COUNT; i++)
		mode_write(w, dst_snapshot_policy(snap),
		    dst_snapshot_factors(snap), &ans->req, &r->modes[i]);
	jw_end(w, ']');
	jw_int(w, "policy_version", dst_snapshot_policy(snap)->version);
	jw_string(w, "factor_set", dst_snapshot_factors(snap)->name);
	jw_end(w, '}');
}
