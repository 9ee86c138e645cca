/*
 * The policy and the factor sets as documents: JSON with every figure
 * and its source.  One parser each, used for the seed files, for what an
 * administrator sends and for what a snapshot loads, so that whatever is
 * stored loads: every member is checked and every error named.
 */

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "destinations/store/store-int.h"

#define LONG_TEXT_MAX	1023	/* descriptions, sources */
#define UNIT_PKM	"kg CO2e/pkm"
#define UNIT_VKM	"kg CO2e/vkm"
#define UNIT_SHARE	"kg CO2e/kg CO2e"	/* of another factor's */
#define UNIT_NIGHT	"kg CO2e/room-night"

/* Members reads add and writes accept and ignore. */
static const char *const read_only[] = { "version", "updated_at",
    "updated_by", NULL };

/* --- policy -------------------------------------------------------------- */

enum pf_type { PF_TEXT, PF_COUNTRY, PF_IATA, PF_NUMBER, PF_INT };

/* A policy field, where it goes in struct dec_policy, and its rule. */
struct pfield {
	const char	*name;
	enum pf_type	 type;
	size_t		 off, size;	/* size: text buffers */
	double		 lo, hi;
	int		 lo_open;	/* lo itself is not allowed */
};

#define P_TEXT(n, t)	{ #n, t, offsetof(struct dec_policy, n), \
			  sizeof(((struct dec_policy *)0)->n), 0, 0, 0 }
#define P_NUM(n, lo, hi, open) { #n, PF_NUMBER, \
			  offsetof(struct dec_policy, n), 0, lo, hi, open }

static const struct pfield pfields[] = {
	P_TEXT(origin_name, PF_TEXT),
	P_TEXT(origin_country, PF_COUNTRY),
	P_NUM(origin_lat, -90, 90, 0),
	P_NUM(origin_lon, -180, 180, 0),
	P_TEXT(airport_code, PF_IATA),
	P_TEXT(airport_name, PF_TEXT),
	P_NUM(airport_lat, -90, 90, 0),
	P_NUM(airport_lon, -180, 180, 0),
	P_NUM(airport_access_hours, 0, 48, 0),
	P_NUM(near_km, 0, 40000, 1),
	P_NUM(working_day_hours, 0, 240, 1),
	P_NUM(long_day_hours, 0, 240, 1),
	P_NUM(second_class_max_hours, 0, 240, 0),
	P_NUM(rail_detour, 1, 5, 0),
	P_NUM(road_detour, 1, 5, 0),
	P_NUM(coach_detour, 1, 5, 0),
	{ "car_capacity", PF_INT, offsetof(struct dec_policy, car_capacity),
	    0, 1, 9, 0 },
	P_NUM(car_kmh, 1, 1000, 0),
	P_NUM(coach_kmh, 1, 1000, 0),
	P_NUM(plane_kmh, 1, 5000, 0),
	P_NUM(plane_fixed_hours, 0, 48, 0),
	P_NUM(rail_fallback_kmh, 1, 1000, 0),
	P_NUM(rail_fallback_fixed_hours, 0, 48, 0),
	P_NUM(rail_transfer_minutes, 0, 240, 0),
	P_NUM(rail_regional_kmh, 1, 500, 0),
	P_NUM(rail_bus_kmh, 1, 500, 0),
	P_NUM(rail_station_km, 0, 2000, 0),
	{ "rail_nearest_hubs", PF_INT,
	    offsetof(struct dec_policy, rail_nearest_hubs), 0, 1, 20, 0 },
	{ NULL, PF_TEXT, 0, 0, 0, 0, 0 }
};

/* The names of the policy's fields (NULL-terminated). */
static const char *const *
policy_names(void)
{
	static const char	*names[sizeof pfields / sizeof pfields[0]];
	size_t			 i;

	if (names[0] == NULL)
		for (i = 0; pfields[i].name != NULL; i++)
			names[i] = pfields[i].name;
	return (names);
}

/* Is name a policy field? */
int
dst_policy_field(const char *name)
{
	return (dst_json_key_in(name, policy_names()));
}

/* Check one policy field and put it into p. */
static void
pfield_get(const json_t *in, const struct pfield *f, struct dec_policy *p,
    struct dec_errors *errs)
{
	char		*at = (char *)p + f->off;
	const char	*s;
	long long	 i;
	double		 d;

	switch (f->type) {
	case PF_TEXT:
		if ((s = dst_json_string(in, f->name, f->name, 1, f->size - 1,
		    errs)) != NULL)
			memcpy(at, s, strlen(s) + 1);
		return;
	case PF_COUNTRY:
		if ((s = dst_json_string(in, f->name, f->name, 1, 8,
		    errs)) == NULL)
			return;
		if (!dst_country_valid(s))
			dec_errors_add(errs, f->name, DEC_E_FORMAT,
			    "must be an "
			    "ISO 3166-1 alpha-2 code in capitals (\"BE\")");
		else
			memcpy(at, s, 3);
		return;
	case PF_IATA:
		if ((s = dst_json_string(in, f->name, f->name, 1, 8,
		    errs)) == NULL)
			return;
		if (strlen(s) != 3 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
		    3)
			dec_errors_add(errs, f->name, DEC_E_FORMAT, "must be a "
			    "three-letter IATA code in capitals (\"BRU\")");
		else
			memcpy(at, s, 4);
		return;
	case PF_INT:
		if (dst_json_int(in, f->name, f->name, 1, (long long)f->lo,
		    (long long)f->hi, &i, errs) == 1)
			*(int *)(void *)at = (int)i;
		return;
	case PF_NUMBER:
		if (dst_json_number(in, f->name, f->name, 1, f->lo, f->hi,
		    f->lo_open, &d, errs) == 1)
			memcpy(at, &d, sizeof d);
		return;
	}
}

/* A policy from its document (see store.h). */
int
dst_policy_from_json(const json_t *in, struct dec_policy *p,
    struct dec_errors *errs)
{
	static const char *const extra[] = { "sources", "description",
	    "version", "updated_at", "updated_by", NULL };
	const struct pfield	*f;
	const char		*key;
	json_t			*src, *v;
	char			 field[160];
	size_t			 n = errs->n, len;

	memset(p, 0, sizeof *p);
	if (!json_is_object(in)) {
		dec_errors_add(errs, "body", DEC_E_TYPE,
		    "must be a JSON object "
		    "(the policy), not %s", dst_json_type_name(in));
		return (-1);
	}
	(void)dst_json_unknown(in, "", policy_names(), extra, errs);
	for (f = pfields; f->name != NULL; f++)
		pfield_get(in, f, p, errs);
	if (!dec_errors_has(errs, 0, "working_day_hours") &&
	    !dec_errors_has(errs, 0, "long_day_hours") &&
	    p->long_day_hours < p->working_day_hours)
		dec_errors_add(errs, "long_day_hours", DEC_E_ORDER,
		    "must not be "
		    "less than working_day_hours (%g)", p->working_day_hours);
	(void)dst_json_string(in, "description", "description", 0,
	    LONG_TEXT_MAX, errs);

	src = json_object_get(in, "sources");
	if (src != NULL && !json_is_null(src) && !json_is_object(src))
		dec_errors_add(errs, "sources", DEC_E_TYPE,
		    "must be an object: "
		    "field -> source");
	else
		json_object_foreach(src, key, v) {
			snprintf(field, sizeof field, "sources.%.100s", key);
			if (!dst_policy_field(key)) {
				dec_errors_add(errs, field, DEC_E_UNKNOWN_FIELD,
				    "not a policy field");
				continue;
			}
			if (!json_is_string(v)) {
				dec_errors_add(errs, field, DEC_E_TYPE,
				    "must be "
				    "a string, not %s", dst_json_type_name(v));
				continue;
			}
			len = json_string_length(v);
			if (len == 0 || len > LONG_TEXT_MAX ||
			    memchr(json_string_value(v), '\0', len) != NULL)
				dec_errors_add(errs, field, DEC_E_TOO_LONG,
				    "must be a text of 1 to %d bytes",
				    LONG_TEXT_MAX);
		}
	p->version = 0;		/* the database's, not the document's */
	return (errs->n > n ? -1 : 0);
}

/* --- factor sets --------------------------------------------------------- */

static const char *const factor_keys[] = { "value", "unit", "source", NULL };

/* A factor {value, unit, source} at path (keys: the members allowed),
 * its value at most max. */
static void
factor_fields(const json_t *obj, const char *path, const char *const *keys,
    const char *unit, double max, struct dec_factor *fa,
    struct dec_errors *errs)
{
	const char	*s;
	char		 field[160], prefix[160];

	memset(fa, 0, sizeof *fa);
	fa->value = -1;
	if (obj == NULL || json_is_null(obj)) {
		dec_errors_add(errs, path, DEC_E_REQUIRED, "missing");
		return;
	}
	if (!json_is_object(obj)) {
		dec_errors_add(errs, path, DEC_E_TYPE, "must be an object "
		    "{value, unit, source}");
		return;
	}
	snprintf(prefix, sizeof prefix, "%s.", path);
	(void)dst_json_unknown(obj, prefix, keys, NULL, errs);
	snprintf(field, sizeof field, "%s.value", path);
	(void)dst_json_number(obj, "value", field, 1, 0, max, 1, &fa->value,
	    errs);
	snprintf(field, sizeof field, "%s.unit", path);
	if ((s = dst_json_string(obj, "unit", field, 1, sizeof fa->unit - 1,
	    errs)) != NULL) {
		if (strcmp(s, unit) != 0)
			dec_errors_add(errs, field, DEC_E_CHOICE, "must be "
			    "\"%s\"", unit);
		else
			memcpy(fa->unit, s, strlen(s) + 1);
	}
	snprintf(field, sizeof field, "%s.source", path);
	if ((s = dst_json_string(obj, "source", field, 1,
	    sizeof fa->source - 1, errs)) != NULL)
		memcpy(fa->source, s, strlen(s) + 1);
}

/* One factor {value, unit, source} at path into *fa. */
static void
factor_get(const json_t *obj, const char *path, const char *unit,
    struct dec_factor *fa, struct dec_errors *errs)
{
	factor_fields(obj, path, factor_keys, unit, 100, fa, errs);
}

/* The flight factors: both bands, with and without RF, five cabins. */
static void
flight_get(const json_t *flight, struct dec_factor_set *fs,
    struct dec_errors *errs)
{
	static const char *const bands[] = { "short_haul", "long_haul", NULL };
	static const char *const known[] = { "short_haul", "long_haul",
	    "domestic", NULL };
	static const char *const rfs[] = { "with_rf", "without_rf", NULL };
	const char		*cabins[DEC_CABIN_AVERAGE + 2];
	struct dec_factor	*out;
	json_t			*b, *r;
	char			 path[160];
	int			 bi, ri, c;

	if (flight == NULL || json_is_null(flight)) {
		dec_errors_add(errs, "flight", DEC_E_REQUIRED, "missing");
		return;
	}
	if (!json_is_object(flight)) {
		dec_errors_add(errs, "flight", DEC_E_TYPE, "must be an object "
		    "{short_haul, long_haul}");
		return;
	}
	(void)dst_json_unknown(flight, "flight.", known, NULL, errs);
	for (c = DEC_CABIN_ECONOMY; c <= DEC_CABIN_AVERAGE; c++)
		cabins[c] = dec_cabin_name((enum dec_cabin)c);
	cabins[DEC_CABIN_AVERAGE + 1] = NULL;

	for (bi = 0; bands[bi] != NULL; bi++) {
		snprintf(path, sizeof path, "flight.%s", bands[bi]);
		b = json_object_get(flight, bands[bi]);
		if (b == NULL || json_is_null(b)) {
			dec_errors_add(errs, path, DEC_E_REQUIRED, "missing");
			continue;
		}
		if (!json_is_object(b)) {
			dec_errors_add(errs, path, DEC_E_TYPE,
			    "must be an object "
			    "{with_rf, without_rf}");
			continue;
		}
		snprintf(path, sizeof path, "flight.%s.", bands[bi]);
		(void)dst_json_unknown(b, path, rfs, NULL, errs);
		for (ri = 0; rfs[ri] != NULL; ri++) {
			out = bi == 0 ? (ri == 0 ? fs->flight_short :
			    fs->flight_short_norf) : (ri == 0 ?
			    fs->flight_long : fs->flight_long_norf);
			snprintf(path, sizeof path, "flight.%s.%s", bands[bi],
			    rfs[ri]);
			r = json_object_get(b, rfs[ri]);
			if (r == NULL || json_is_null(r)) {
				dec_errors_add(errs, path, DEC_E_REQUIRED,
				    "missing");
				continue;
			}
			if (!json_is_object(r)) {
				dec_errors_add(errs, path, DEC_E_TYPE,
				    "must be "
				    "an object of cabins");
				continue;
			}
			snprintf(path, sizeof path, "flight.%s.%s.", bands[bi],
			    rfs[ri]);
			(void)dst_json_unknown(r, path, cabins, NULL, errs);
			for (c = DEC_CABIN_ECONOMY; c <= DEC_CABIN_AVERAGE;
			    c++) {
				snprintf(path, sizeof path, "flight.%s.%s.%s",
				    bands[bi], rfs[ri], cabins[c]);
				factor_get(json_object_get(r, cabins[c]), path,
				    UNIT_PKM, &out[c], errs);
				if (ri == 1) {
					const struct dec_factor *w = bi == 0 ?
					    &fs->flight_short[c] :
					    &fs->flight_long[c];

					if (w->value > 0 && out[c].value > 0 &&
					    w->value < out[c].value)
						dec_errors_add(errs, path,
						    DEC_E_RANGE, "without RF "
						    "(%g) is more than with RF "
						    "(%g)", out[c].value,
						    w->value);
				}
			}
		}
	}
}

/* The members of a rail factor {value, unit, basis, source, year,
 * estimate}. */
static const char *const rail_factor_keys[] = { "value", "unit", "basis",
    "source", "year", "estimate", NULL };

/* The rail factors of operators (country 0) or countries into fs. */
static void
rail_by_get(const json_t *obj, const char *path, int country,
    struct dec_factor_set *fs, struct dec_errors *errs)
{
	struct dec_rail_factor	*rf;
	const char		*key, *s;
	json_t			*v;
	char			 p[160], f[200];
	long long		 year;

	if (obj == NULL || json_is_null(obj))
		return;
	if (!json_is_object(obj)) {
		dec_errors_add(errs, path, DEC_E_TYPE, "must be an object: %s "
		    "-> {value, unit, basis, source, year}", country ?
		    "country code" : "operator");
		return;
	}
	json_object_foreach((json_t *)obj, key, v) {
		snprintf(p, sizeof p, "%s.%.100s", path, key);
		if (country ? !dst_country_valid(key) : (strlen(key) == 0 ||
		    strlen(key) >= sizeof rf->key)) {
			dec_errors_add(errs, p, DEC_E_FORMAT, country ?
			    "not an ISO 3166-1 alpha-2 code in capitals" :
			    "an operator's name of 1 to %zu bytes",
			    sizeof rf->key - 1);
			continue;
		}
		if (fs->nrail == DEC_RAIL_FACTORS) {
			dec_errors_add(errs, p, DEC_E_RANGE, "at most %d rail "
			    "factors in all", DEC_RAIL_FACTORS);
			return;
		}
		if (!json_is_object(v)) {
			dec_errors_add(errs, p, DEC_E_TYPE, "must be an object "
			    "{value, unit, basis, source, year}");
			continue;
		}
		rf = &fs->rail_by[fs->nrail];
		memset(rf, 0, sizeof *rf);
		memcpy(rf->key, key, strlen(key) + 1);
		rf->country = country;
		snprintf(f, sizeof f, "%s.", p);
		(void)dst_json_unknown(v, f, rail_factor_keys, NULL, errs);
		snprintf(f, sizeof f, "%s.value", p);
		(void)dst_json_number(v, "value", f, 1, 0, 100, 0,
		    &rf->f.value, errs);
		snprintf(f, sizeof f, "%s.unit", p);
		if ((s = dst_json_string(v, "unit", f, 1, sizeof rf->f.unit - 1,
		    errs)) != NULL) {
			if (strcmp(s, UNIT_PKM) != 0)
				dec_errors_add(errs, f, DEC_E_CHOICE, "must be "
				    "\"%s\"", UNIT_PKM);
			else
				memcpy(rf->f.unit, s, strlen(s) + 1);
		}
		snprintf(f, sizeof f, "%s.basis", p);
		if ((s = dst_json_string(v, "basis", f, 1, sizeof rf->basis - 1,
		    errs)) != NULL)
			memcpy(rf->basis, s, strlen(s) + 1);
		snprintf(f, sizeof f, "%s.source", p);
		if ((s = dst_json_string(v, "source", f, 1,
		    sizeof rf->f.source - 1, errs)) != NULL)
			memcpy(rf->f.source, s, strlen(s) + 1);
		snprintf(f, sizeof f, "%s.year", p);
		if (dst_json_int(v, "year", f, 1, 1990, 2100, &year,
		    errs) == 1)
			rf->year = (int)year;
		snprintf(f, sizeof f, "%s.estimate", p);
		(void)dst_json_bool(v, "estimate", f, &rf->estimate, errs);
		fs->nrail++;
	}
}

/* A factor for each cabin: obj {economy, ..., average}. */
static void
cabins_get(const json_t *obj, const char *path, struct dec_factor *out,
    struct dec_errors *errs)
{
	char	p[160];
	int	c;

	if (obj == NULL || json_is_null(obj) || !json_is_object(obj)) {
		dec_errors_add(errs, path, obj == NULL || json_is_null(obj) ?
		    DEC_E_REQUIRED : DEC_E_TYPE, "must be an object of cabins "
		    "(economy, premium_economy, business, first, average)");
		return;
	}
	for (c = DEC_CABIN_ECONOMY; c <= DEC_CABIN_AVERAGE; c++) {
		snprintf(p, sizeof p, "%s.%s", path,
		    dec_cabin_name((enum dec_cabin)c));
		factor_get(json_object_get(obj, dec_cabin_name(
		    (enum dec_cabin)c)), p, UNIT_PKM, &out[c], errs);
	}
}

/* Is obj an object (else add an error naming path)?  Absent: 0. */
static int
object_at(const json_t *obj, const char *path, const char *what,
    struct dec_errors *errs)
{
	if (obj == NULL || json_is_null(obj))
		return (0);
	if (json_is_object(obj))
		return (1);
	dec_errors_add(errs, path, DEC_E_TYPE, "must be an object %s", what);
	return (0);
}

/*
 * The members for the whole trip, each optional (a set without them
 * counts operation and radiative forcing only): wtt (fuel production),
 * the domestic flight band, hotel nights.
 */
static void
footprint_get(const json_t *in, struct dec_factor_set *fs,
    struct dec_errors *errs)
{
	static const char *const wtt_keys[] = { "flight", "rail_share",
	    "coach", "car", NULL };
	static const char *const wtt_flight[] = { "domestic", "short_haul",
	    "long_haul", NULL };
	static const char *const dom_keys[] = { "with_rf", "without_rf",
	    NULL };
	static const char *const hotel_keys[] = { "default", "countries",
	    NULL };
	static const char *const hotel_factor[] = { "value", "unit",
	    "source", "year", NULL };
	const json_t	*w, *fl, *d, *h, *cs, *v;
	const char	*key;
	char		 p[160], f[200];
	long long	 year;
	int		 c;

	w = json_object_get(in, "wtt");
	if (object_at(w, "wtt", "{flight, rail_share, coach, car}", errs)) {
		(void)dst_json_unknown(w, "wtt.", wtt_keys, NULL, errs);
		fl = json_object_get(w, "flight");
		if (object_at(fl, "wtt.flight", "{domestic, short_haul, "
		    "long_haul}", errs)) {
			(void)dst_json_unknown(fl, "wtt.flight.", wtt_flight,
			    NULL, errs);
			factor_get(json_object_get(fl, "domestic"),
			    "wtt.flight.domestic", UNIT_PKM, &fs->wtt_domestic,
			    errs);
			cabins_get(json_object_get(fl, "short_haul"),
			    "wtt.flight.short_haul", fs->wtt_short, errs);
			cabins_get(json_object_get(fl, "long_haul"),
			    "wtt.flight.long_haul", fs->wtt_long, errs);
		} else if (fl == NULL)
			dec_errors_add(errs, "wtt.flight", DEC_E_REQUIRED,
			    "missing");
		factor_get(json_object_get(w, "rail_share"), "wtt.rail_share",
		    UNIT_SHARE, &fs->wtt_rail_share, errs);
		if (fs->wtt_rail_share.value > 1)
			dec_errors_add(errs, "wtt.rail_share.value",
			    DEC_E_RANGE, "a share: at most 1");
		factor_get(json_object_get(w, "coach"), "wtt.coach", UNIT_PKM,
		    &fs->wtt_coach, errs);
		factor_get(json_object_get(w, "car"), "wtt.car", UNIT_VKM,
		    &fs->wtt_car, errs);
		fs->has_wtt = 1;
	}

	d = json_object_get(json_object_get(in, "flight"), "domestic");
	if (object_at(d, "flight.domestic", "{with_rf, without_rf}", errs)) {
		(void)dst_json_unknown(d, "flight.domestic.", dom_keys, NULL,
		    errs);
		factor_get(json_object_get(d, "with_rf"),
		    "flight.domestic.with_rf", UNIT_PKM, &fs->flight_domestic,
		    errs);
		factor_get(json_object_get(d, "without_rf"),
		    "flight.domestic.without_rf", UNIT_PKM,
		    &fs->flight_domestic_norf, errs);
		if (fs->flight_domestic_norf.value > fs->flight_domestic.value)
			dec_errors_add(errs, "flight.domestic.without_rf",
			    DEC_E_RANGE, "without RF (%g) is more than with RF "
			    "(%g)", fs->flight_domestic_norf.value,
			    fs->flight_domestic.value);
	}
	if (dst_json_number(in, "domestic_max_km", "domestic_max_km", 0, 0,
	    20000, 1, &fs->domestic_max_km, errs) == 1 &&
	    fs->domestic_max_km > 0 && d == NULL)
		dec_errors_add(errs, "flight.domestic", DEC_E_REQUIRED,
		    "domestic_max_km needs the domestic factors");
	if (fs->domestic_max_km > fs->short_haul_max_km &&
	    fs->short_haul_max_km > 0)
		dec_errors_add(errs, "domestic_max_km", DEC_E_RANGE, "more "
		    "than short_haul_max_km (%g)", fs->short_haul_max_km);

	h = json_object_get(in, "hotel");
	if (!object_at(h, "hotel", "{default, countries}", errs))
		return;
	(void)dst_json_unknown(h, "hotel.", hotel_keys, NULL, errs);
	factor_fields(json_object_get(h, "default"), "hotel.default",
	    factor_keys, UNIT_NIGHT, 1000, &fs->hotel_default, errs);
	cs = json_object_get(h, "countries");
	if (!object_at(cs, "hotel.countries", "of country codes -> {value, "
	    "unit, source, year}", errs))
		return;
	json_object_foreach((json_t *)cs, key, v) {
		snprintf(p, sizeof p, "hotel.countries.%.100s", key);
		if (!dst_country_valid(key)) {
			dec_errors_add(errs, p, DEC_E_FORMAT, "not an ISO "
			    "3166-1 alpha-2 code in capitals");
			continue;
		}
		if (fs->nhotel == DEC_HOTEL_FACTORS) {
			dec_errors_add(errs, p, DEC_E_RANGE, "at most %d "
			    "countries", DEC_HOTEL_FACTORS);
			return;
		}
		c = fs->nhotel++;
		memcpy(fs->hotel[c].country, key, 3);
		factor_fields(v, p, hotel_factor, UNIT_NIGHT, 1000,
		    &fs->hotel[c].f, errs);
		snprintf(f, sizeof f, "%s.year", p);
		if (json_is_object(v) && dst_json_int(v, "year", f, 1, 1990,
		    2100, &year, errs) == 1)
			fs->hotel[c].year = (int)year;
	}
}

/* The members of a factor set, in the order they are stored. */
static const char *const factors_keys[] = { "name", "year", "source",
    "short_haul_max_km", "domestic_max_km", "rail", "rail_operators",
    "rail_countries", "coach", "car", "flight", "wtt", "hotel", NULL };

/* The members of a factor set's document, in their order. */
const char *const *
dst_factors_keys(void)
{
	return (factors_keys);
}

/* A factor set from its document (see store.h). */
int
dst_factors_from_json(const json_t *in, struct dec_factor_set *fs,
    struct dec_errors *errs)
{
	static const char *const extra[] = { "version", "updated_at",
	    "updated_by", "sets", NULL };
	const char	*s;
	long long	 year;
	size_t		 n = errs->n;

	memset(fs, 0, sizeof *fs);
	if (!json_is_object(in)) {
		dec_errors_add(errs, "body", DEC_E_TYPE,
		    "must be a JSON object "
		    "(a factor set), not %s", dst_json_type_name(in));
		return (-1);
	}
	(void)dst_json_unknown(in, "", factors_keys, extra, errs);
	if ((s = dst_json_string(in, "name", "name", 1, sizeof fs->name - 1,
	    errs)) != NULL) {
		if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuv"
		    "wxyz0123456789._-") != strlen(s))
			dec_errors_add(errs, "name", DEC_E_FORMAT, "only "
			    "letters, digits, '.', '_' and '-' "
			    "(\"DESNZ-2025\")");
		else
			memcpy(fs->name, s, strlen(s) + 1);
	}
	if (dst_json_int(in, "year", "year", 1, 1990, 2100, &year, errs) == 1)
		fs->year = (int)year;
	if ((s = dst_json_string(in, "source", "source", 0,
	    sizeof fs->source - 1, errs)) != NULL)
		memcpy(fs->source, s, strlen(s) + 1);
	(void)dst_json_number(in, "short_haul_max_km", "short_haul_max_km", 1,
	    0, 20000, 1, &fs->short_haul_max_km, errs);
	factor_get(json_object_get(in, "rail"), "rail", UNIT_PKM, &fs->rail,
	    errs);
	rail_by_get(json_object_get(in, "rail_operators"), "rail_operators", 0,
	    fs, errs);
	rail_by_get(json_object_get(in, "rail_countries"), "rail_countries", 1,
	    fs, errs);
	factor_get(json_object_get(in, "coach"), "coach", UNIT_PKM, &fs->coach,
	    errs);
	factor_get(json_object_get(in, "car"), "car", UNIT_VKM, &fs->car,
	    errs);
	flight_get(json_object_get(in, "flight"), fs, errs);
	footprint_get(in, fs, errs);
	return (errs->n > n ? -1 : 0);
}

/* Is key one of the members reads add (version, updated_at, ...)? */
int
dst_document_read_only(const char *key)
{
	return (dst_json_key_in(key, read_only));
}
