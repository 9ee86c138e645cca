/*
 * Unit tests of decision/: names, geodesy and dates, calibration, the
 * rules and their boundaries, scopes, permissions, advice and the
 * estimates.  Expected figures are worked out by hand in the comments
 * (the DESNZ 2025 factors and the default policy of data/).
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "daemon/daemon.h"
#include "decision/decision.h"

#define EARTH_RADIUS_KM	6371.0088
#define TOL		1e-9

static struct dec_policy	 pol;
static struct dec_factor_set	 fs;
static struct dec_calibration	 cal;

/* Set one factor. */
static void
factor(struct dec_factor *f, double value, const char *unit, const char *src)
{
	f->value = value;
	snprintf(f->unit, sizeof f->unit, "%s", unit);
	snprintf(f->source, sizeof f->source, "%s", src);
}

/* One flight row: cabin, with RF, without RF. */
static void
flight(struct dec_factor *rf, struct dec_factor *norf, enum dec_cabin c,
    double with, double without, const char *row)
{
	char	src[DEC_SOURCE_MAX];

	snprintf(src, sizeof src, "DESNZ 2025 %s, with RF", row);
	factor(&rf[c], with, "kg CO2e/pkm", src);
	snprintf(src, sizeof src, "DESNZ 2025 %s, without RF", row);
	factor(&norf[c], without, "kg CO2e/pkm", src);
}

/* The DESNZ 2025 factor set of data/factors-desnz-2025.json. */
static void
desnz_2025(struct dec_factor_set *f)
{
	memset(f, 0, sizeof *f);
	snprintf(f->name, sizeof f->name, "DESNZ-2025");
	f->year = 2025;
	snprintf(f->source, sizeof f->source,
	    "UK DESNZ conversion factors 2025");
	factor(&f->rail, 0.03546, "kg CO2e/pkm", "DESNZ 2025 national rail");
	factor(&f->coach, 0.02776, "kg CO2e/pkm", "DESNZ 2025 coach");
	factor(&f->car, 0.16725, "kg CO2e/vkm",
	    "DESNZ 2025 average car, unknown fuel");
	f->short_haul_max_km = 3700;

	flight(f->flight_short, f->flight_short_norf, DEC_CABIN_ECONOMY,
	    0.12576, 0.07435, "short-haul economy");
	/* No short-haul premium economy / first rows: economy / business. */
	flight(f->flight_short, f->flight_short_norf,
	    DEC_CABIN_PREMIUM_ECONOMY, 0.12576, 0.07435, "short-haul economy");
	flight(f->flight_short, f->flight_short_norf, DEC_CABIN_BUSINESS,
	    0.18863, 0.11152, "short-haul business");
	flight(f->flight_short, f->flight_short_norf, DEC_CABIN_FIRST,
	    0.18863, 0.11152, "short-haul business");
	flight(f->flight_short, f->flight_short_norf, DEC_CABIN_AVERAGE,
	    0.12786, 0.07559, "short-haul average");

	flight(f->flight_long, f->flight_long_norf, DEC_CABIN_ECONOMY,
	    0.11704, 0.06926, "long-haul economy");
	flight(f->flight_long, f->flight_long_norf, DEC_CABIN_PREMIUM_ECONOMY,
	    0.18726, 0.11081, "long-haul premium economy");
	flight(f->flight_long, f->flight_long_norf, DEC_CABIN_BUSINESS,
	    0.33940, 0.20083, "long-haul business");
	flight(f->flight_long, f->flight_long_norf, DEC_CABIN_FIRST,
	    0.46814, 0.27701, "long-haul first");
	flight(f->flight_long, f->flight_long_norf, DEC_CABIN_AVERAGE,
	    0.15282, 0.09043, "long-haul average");
}

/* Checked fixture: default policy, DESNZ 2025, fallback calibration. */
static void
setup(void)
{
	dec_policy_defaults(&pol);
	desnz_2025(&fs);
	dec_calibrate(&pol, NULL, 0, &cal);
}

/* An unlisted place. */
static struct dec_place
place(const char *name, const char *country, double lat, double lon,
    int in_zone)
{
	struct dec_place	p;

	memset(&p, 0, sizeof p);
	snprintf(p.name, sizeof p.name, "%s", name);
	memcpy(p.country, country, 2);
	p.lat = lat;
	p.lon = lon;
	p.rail_hours = -1;
	p.in_rail_zone = in_zone;
	return (p);
}

/* Put a place on the list. */
static void
list(struct dec_place *p, const char *id, enum dec_mode m,
    enum dec_strength s, double hours, int estimated, const char *source)
{
	snprintf(p->id, sizeof p->id, "%s", id);
	p->listed = 1;
	p->list_mode = m;
	p->list_strength = s;
	p->rail_hours = hours;
	p->rail_estimated = estimated;
	snprintf(p->rail_source, sizeof p->rail_source, "%s", source);
}

/* Köln as the seed list has it: 2.3 h, train mandatory. */
static struct dec_place
cologne(void)
{
	struct dec_place	p;

	p = place("Köln", "DE", 50.9430, 6.9587, 1);
	list(&p, "cologne", DEC_MODE_TRAIN, DEC_MANDATORY, 2.3, 0,
	    "SNCB/DB timetable");
	return (p);
}

/* A place due north of (lat, lon) at exactly km along the meridian. */
static struct dec_place
north_of(double lat, double lon, double km, const char *country, int zone)
{
	return (place("Northville", country,
	    lat + km / EARTH_RADIUS_KM * 180.0 / M_PI, lon, zone));
}

/* A request for 8-10 March 2027. */
static struct dec_request
request(struct dec_place p, int travellers)
{
	struct dec_request	rq;

	memset(&rq, 0, sizeof rq);
	rq.place = p;
	ck_assert_int_eq(dec_date_parse("2027-03-08", &rq.departure), 0);
	ck_assert_int_eq(dec_date_parse("2027-03-10", &rq.return_day), 0);
	rq.travellers = travellers;
	rq.cabin = DEC_CABIN_ECONOMY;
	return (rq);
}

/* The request decided last: the reasons name its place. */
static struct dec_request	 last;

/* Decide, expecting success. */
static void
decide(const struct dec_request *rq, struct dec_result *r)
{
	struct dec_errors	errs = DEC_ERRORS_INIT;

	ck_assert_msg(dec_decide(&pol, &fs, &cal, rq, r, &errs) == 0,
	    "dec_decide failed: %s: %s", errs.n > 0 ? errs.v[0].field : "",
	    errs.n > 0 ? errs.v[0].message : "");
	last = *rq;
}

/* Decide, expecting the error "field: message" msg (the first). */
static void
decide_fails(const struct dec_request *rq, const char *msg)
{
	struct dec_errors	errs = DEC_ERRORS_INIT;
	struct dec_result	r;
	char			got[512];

	ck_assert_int_eq(dec_decide(&pol, &fs, &cal, rq, &r, &errs), -1);
	ck_assert_uint_ge(errs.n, 1);
	snprintf(got, sizeof got, "%s: %s", errs.v[0].field,
	    errs.v[0].message);
	ck_assert_str_eq(got, msg);
	dec_errors_clear(&errs);
}

/*
 * Reason i and advice i of a ruling as the JSON answer words them (the
 * daemon's renderer): the place by its name, else its id.
 */
static const char *
reason_text(const struct dec_result *r, int i)
{
	static char	 buf[8][WORDS_MAX];
	static int	 k;
	const char	*place;

	ck_assert_int_lt(i, r->ruling.nreasons);
	place = last.place.name[0] != '\0' ? last.place.name :
	    last.place.id[0] != '\0' ? last.place.id : "The destination";
	k = (k + 1) % 8;
	words_reason(WORDS_API, &r->ruling.reasons[i], place, pol.origin_name,
	    buf[k], sizeof buf[k]);
	return (buf[k]);
}

static const char *
advice_text(const struct dec_result *r, int i)
{
	static char	 buf[8][WORDS_MAX];
	static int	 k;

	ck_assert_int_lt(i, r->ruling.nadvice);
	k = (k + 1) % 8;
	words_advice(WORDS_API, &r->ruling.advice[i], buf[k], sizeof buf[k]);
	return (buf[k]);
}

/* Is any reason worded s? */
static int
has_reason(const struct dec_result *r, const char *s)
{
	int	i;

	for (i = 0; i < r->ruling.nreasons; i++)
		if (strcmp(reason_text(r, i), s) == 0)
			return (1);
	return (0);
}

/* Is any advice worded s? */
static int
has_advice(const struct dec_result *r, const char *s)
{
	int	i;

	for (i = 0; i < r->ruling.nadvice; i++)
		if (strcmp(advice_text(r, i), s) == 0)
			return (1);
	return (0);
}

/* Does any advice start with prefix? */
static int
has_advice_prefix(const struct dec_result *r, const char *prefix)
{
	int	i;

	for (i = 0; i < r->ruling.nadvice; i++)
		if (strncmp(advice_text(r, i), prefix, strlen(prefix)) == 0)
			return (1);
	return (0);
}

/* Is s valid UTF-8? */
static int
valid_utf8(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 n, i;

	while (*p != '\0') {
		if (*p < 0x80)
			n = 0;
		else if ((*p & 0xe0) == 0xc0)
			n = 1;
		else if ((*p & 0xf0) == 0xe0)
			n = 2;
		else if ((*p & 0xf8) == 0xf0)
			n = 3;
		else
			return (0);
		p++;
		for (i = 0; i < n; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return (0);
		}
	}
	return (1);
}

/* ---- names ------------------------------------------------------------ */

/*
 * The train over a route: each stretch km x 2 x its factor x travellers,
 * to 0.01 kg; a leg the sum of its stretches; the train the sum of its
 * legs; the distance both ways the legs' km; the hours the route's for an
 * unlisted place, the list's for a listed one.
 */
START_TEST(route_leg_by_leg)
{
	struct dec_request	 rq;
	struct dec_result	 r;
	struct dec_route	 rt;
	struct dec_rail_factor	*op, *be, *de;

	op = &fs.rail_by[0];
	be = &fs.rail_by[1];
	de = &fs.rail_by[2];
	fs.nrail = 3;
	snprintf(op->key, sizeof op->key, "Through");
	op->f.value = 0.004;
	snprintf(be->key, sizeof be->key, "BE");
	be->country = 1;
	be->f.value = 0.01;
	snprintf(de->key, sizeof de->key, "DE");
	de->country = 1;
	de->f.value = 0.046;
	ck_assert_int_eq(dec_rail_factor_find(&fs, "Through", NULL), 0);
	ck_assert_int_eq(dec_rail_factor_find(&fs, "Other", "DE"), 2);
	ck_assert_int_eq(dec_rail_factor_find(&fs, NULL, "FR"),
	    DEC_FACTOR_RAIL);

	memset(&rt, 0, sizeof rt);
	rt.found = 1;
	rt.minutes = 170;
	rt.nlegs = 3;
	rt.legs[0].km = 59.1;
	rt.legs[0].nparts = 1;
	rt.legs[0].parts[0] = (struct dec_leg_part){ "BE", 59.1, 1, 0 };
	rt.legs[1].km = 219.2;
	rt.legs[1].nparts = 2;
	rt.legs[1].parts[0] = (struct dec_leg_part){ "BE", 112.0, 1, 0 };
	rt.legs[1].parts[1] = (struct dec_leg_part){ "DE", 107.2, 2, 0 };
	rt.legs[2].kind = DEC_LEG_BUS;
	rt.legs[2].km = 10.0;
	rt.legs[2].nparts = 1;
	rt.legs[2].parts[0] = (struct dec_leg_part){ "DE", 10.0,
	    DEC_FACTOR_COACH, 0 };
	rq = request(place("Somewhere", "DE", 50.9, 6.9, 1), 2);
	rq.route = &rt;
	decide(&rq, &r);
	/* 59.1 x 2 x 0.01 x 2 = 2.364 -> 2.36; 112 x 4 x 0.01 = 4.48;
	 * 107.2 x 4 x 0.046 = 19.7248 -> 19.72; 10 x 4 x 0.02776 = 1.1104
	 * -> 1.11. */
	ck_assert_double_eq(r.route->legs[0].parts[0].co2e_kg, 2.36);
	ck_assert_double_eq(r.route->legs[1].parts[0].co2e_kg, 4.48);
	ck_assert_double_eq(r.route->legs[1].parts[1].co2e_kg, 19.72);
	ck_assert_double_eq(r.route->legs[1].co2e_kg, 24.2);
	ck_assert_double_eq(r.route->legs[2].co2e_kg, 1.11);
	ck_assert_double_eq(r.modes[DEC_MODE_TRAIN].co2e_kg, 27.67);
	ck_assert_double_eq(r.modes[DEC_MODE_TRAIN].distance_km, 576.6);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].by_legs, 1);
	ck_assert_double_eq(r.rail_hours, 2.8);
	ck_assert_ptr_nonnull(strstr(r.rail_method, "network: 3 legs"));
	ck_assert_ptr_nonnull(strstr(r.modes[DEC_MODE_TRAIN].factor.source,
	    "leg by leg"));

	/* Listed: the list's hours rule, the legs still give the CO2. */
	rq = request(cologne(), 2);
	rq.route = &rt;
	decide(&rq, &r);
	ck_assert_double_eq(r.rail_hours, 2.3);
	ck_assert_double_eq(r.modes[DEC_MODE_TRAIN].co2e_kg, 27.67);

	/* No route: the rail factor over the great circle x 1.2. */
	rq.route = NULL;
	decide(&rq, &r);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].by_legs, 0);
	ck_assert_double_eq(r.modes[DEC_MODE_TRAIN].factor.value, 0.03546);
	fs.nrail = 0;
}
END_TEST

/* The whole trip's factors of data/factors-desnz-2025-plus.json (some),
 * with a hotel default of its own to tell it from the countries'. */
static void
desnz_plus(struct dec_factor_set *f)
{
	int	c;

	f->has_wtt = 1;
	for (c = DEC_CABIN_ECONOMY; c <= DEC_CABIN_AVERAGE; c++) {
		factor(&f->wtt_short[c], 0.02249, "kg CO2e/pkm", "WTT short");
		factor(&f->wtt_long[c], 0.02461, "kg CO2e/pkm", "WTT long");
	}
	factor(&f->wtt_domestic, 0.0335, "kg CO2e/pkm", "WTT domestic");
	factor(&f->wtt_rail_share, 0.25296, "kg CO2e/kg CO2e", "share");
	factor(&f->wtt_coach, 0.00656, "kg CO2e/pkm", "WTT coach");
	factor(&f->wtt_car, 0.04399, "kg CO2e/vkm", "WTT car");
	factor(&f->coach, 0.030, "kg CO2e/pkm", "UBA coach");
	f->domestic_max_km = 1000;
	factor(&f->flight_domestic, 0.22928, "kg CO2e/pkm", "domestic RF");
	factor(&f->flight_domestic_norf, 0.13552, "kg CO2e/pkm",
	    "domestic");
	f->nhotel = 2;
	snprintf(f->hotel[0].country, sizeof f->hotel[0].country, "DE");
	factor(&f->hotel[0].f, 13.2, "kg CO2e/room-night", "hotel DE");
	f->hotel[0].year = 2025;
	snprintf(f->hotel[1].country, sizeof f->hotel[1].country, "US");
	factor(&f->hotel[1].f, 16.1, "kg CO2e/room-night", "hotel US");
	f->hotel[1].year = 2025;
	factor(&f->hotel_default, 20.0, "kg CO2e/room-night", "default");
}

/* The sum of a mode's lines, and a line of a kind and part. */
static double
lines_sum(const struct dec_mode_estimate *e, int with_rf)
{
	double	kg = 0;
	int	i;

	for (i = 0; i < e->nlines; i++)
		if (with_rf || e->lines[i].kind != DEC_LINE_NON_CO2)
			kg += e->lines[i].co2e_kg;
	return (round(kg * 100) / 100);
}

static const struct dec_line *
line_of(const struct dec_mode_estimate *e, enum dec_line_kind k,
    enum dec_line_part part)
{
	int	i;

	for (i = 0; i < e->nlines; i++)
		if (e->lines[i].kind == k && e->lines[i].part == part)
			return (&e->lines[i]);
	ck_abort_msg("no line of kind %d, part %d", k, part);
	return (NULL);
}

/* Check a line: quantity, factor, CO2. */
static void
expect_line(const struct dec_mode_estimate *e, enum dec_line_kind k,
    enum dec_line_part part, double qty, double factor, double kg)
{
	const struct dec_line	*l = line_of(e, k, part);

	ck_assert_double_eq_tol(l->quantity, qty, TOL);
	ck_assert_double_eq_tol(l->factor, factor, 1e-9);
	ck_assert_double_eq_tol(l->co2e_kg, kg, TOL);
}

/*
 * The footprint line by line: Köln, 2 travellers, 2 nights (8-10 March).
 * Great circle Gent-Sint-Pieters to Köln 227.560 km.
 */
START_TEST(footprint_lines)
{
	struct dec_request		 rq;
	struct dec_result		 r;
	struct dec_route		 rt;
	const struct dec_mode_estimate	*e;

	desnz_plus(&fs);
	rq = request(cologne(), 2);
	decide(&rq, &r);

	/* Train (no route): round1(2 x 227.560 x 1.2) = 546.1 km, x 2 =
	 * 1092.2 pkm x 0.03546 = 38.729 -> 38.73; fuel at round6(0.03546 x
	 * 0.25296) = 0.00897: 9.797 -> 9.80; hotel 2 nights x 2 rooms x
	 * 13.2 = 52.8.  Total 101.33. */
	e = &r.modes[DEC_MODE_TRAIN];
	expect_line(e, DEC_LINE_OPERATION, DEC_PART_MAIN, 1092.2, 0.03546,
	    38.73);
	expect_line(e, DEC_LINE_FUEL, DEC_PART_MAIN, 1092.2, 0.00897, 9.80);
	ck_assert_int_eq(line_of(e, DEC_LINE_FUEL, DEC_PART_MAIN)->derived,
	    DEC_DERIVED_SHARE);
	expect_line(e, DEC_LINE_HOTEL, DEC_PART_STAY, 4, 13.2, 52.8);
	ck_assert_int_eq(e->hotel_nights, 2);
	ck_assert_int_eq(e->nlines, 3);
	ck_assert_double_eq_tol(e->co2e_kg, 101.33, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, lines_sum(e, 1), TOL);

	/* Plane, BRU to Köln 173.5 km: the domestic band (<= 1000 km).
	 * 347.0 km x 2 = 694.0 pkm: operation x 0.13552 = 94.05088 ->
	 * 94.05; non-CO2 x (0.22928 - 0.13552 = 0.09376) = 65.06944 ->
	 * 65.07; fuel x 0.0335 = 23.249 -> 23.25; rail to BRU 134.9 x 2 =
	 * 269.8 pkm x 0.03546 = 9.567 -> 9.57 and x 0.00897 = 2.420 ->
	 * 2.42; hotel 52.8.  Total 247.16, without RF 182.09. */
	e = &r.modes[DEC_MODE_PLANE];
	ck_assert_int_eq(e->flight_band, 0);
	expect_line(e, DEC_LINE_OPERATION, DEC_PART_MAIN, 694.0, 0.13552,
	    94.05);
	expect_line(e, DEC_LINE_NON_CO2, DEC_PART_MAIN, 694.0, 0.09376, 65.07);
	expect_line(e, DEC_LINE_FUEL, DEC_PART_MAIN, 694.0, 0.0335, 23.25);
	expect_line(e, DEC_LINE_OPERATION, DEC_PART_ACCESS, 269.8, 0.03546,
	    9.57);
	expect_line(e, DEC_LINE_FUEL, DEC_PART_ACCESS, 269.8, 0.00897, 2.42);
	expect_line(e, DEC_LINE_HOTEL, DEC_PART_STAY, 4, 13.2, 52.8);
	ck_assert_double_eq_tol(e->co2e_kg, 247.16, TOL);
	ck_assert_double_eq_tol(e->co2_kg_without_rf, 182.09, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, lines_sum(e, 1), TOL);
	ck_assert_double_eq_tol(e->co2_kg_without_rf, lines_sum(e, 0), TOL);

	/* Car, one for two: round1(2 x 227.560 x 1.3) = 591.7 vkm x
	 * 0.16725 = 98.96 and x 0.04399 = 26.03; hotel 52.8: 177.79. */
	e = &r.modes[DEC_MODE_CAR];
	expect_line(e, DEC_LINE_OPERATION, DEC_PART_MAIN, 591.7, 0.16725,
	    98.96);
	expect_line(e, DEC_LINE_FUEL, DEC_PART_MAIN, 591.7, 0.04399, 26.03);
	ck_assert_double_eq_tol(e->co2e_kg, 177.79, TOL);

	/* Coach: round1(2 x 227.560 x 1.5) = 682.7 km x 2 = 1365.4 pkm x
	 * 0.030 = 40.962 -> 40.96 and x 0.00656 = 8.957 -> 8.96; hotel
	 * 52.8: 102.72. */
	e = &r.modes[DEC_MODE_COACH];
	expect_line(e, DEC_LINE_OPERATION, DEC_PART_MAIN, 1365.4, 0.030,
	    40.96);
	expect_line(e, DEC_LINE_FUEL, DEC_PART_MAIN, 1365.4, 0.00656, 8.96);
	ck_assert_double_eq_tol(e->co2e_kg, 102.72, TOL);

	/* A night train saves a night: a route of a day train (BE, 100 km)
	 * and a night train (AT, 700 km), both at the set's rail factor:
	 * one line of 800 km x 2 = 1600 pkm (1 traveller) x 0.03546 =
	 * 56.736 -> 56.74, fuel 14.352 -> 14.35; 1 night, in a country
	 * without a hotel factor: the default, 20.0, an estimate. */
	memset(&rt, 0, sizeof rt);
	rt.found = 1;
	rt.minutes = 700;
	rt.nlegs = 2;
	rt.legs[0].km = 100;
	rt.legs[0].nparts = 1;
	rt.legs[0].parts[0] = (struct dec_leg_part){ "BE", 100,
	    DEC_FACTOR_RAIL, 0 };
	rt.legs[1].kind = DEC_LEG_NIGHT;
	rt.legs[1].km = 700;
	rt.legs[1].nparts = 1;
	rt.legs[1].parts[0] = (struct dec_leg_part){ "AT", 700,
	    DEC_FACTOR_RAIL, 0 };
	rq = request(place("Wien", "AT", 48.2, 16.37, 1), 1);
	rq.route = &rt;
	decide(&rq, &r);
	e = &r.modes[DEC_MODE_TRAIN];
	ck_assert_int_eq(e->night_saved, 1);
	ck_assert_int_eq(e->hotel_nights, 1);
	expect_line(e, DEC_LINE_OPERATION, DEC_PART_MAIN, 1600, 0.03546,
	    56.74);
	expect_line(e, DEC_LINE_FUEL, DEC_PART_MAIN, 1600, 0.00897, 14.35);
	expect_line(e, DEC_LINE_HOTEL, DEC_PART_STAY, 1, 20.0, 20.0);
	ck_assert_int_eq(line_of(e, DEC_LINE_HOTEL, DEC_PART_STAY)->estimate,
	    1);
	ck_assert_double_eq_tol(e->co2e_kg, 91.09, TOL);
	/* The plane there sleeps both nights. */
	ck_assert_int_eq(r.modes[DEC_MODE_PLANE].hotel_nights, 2);

	/* A set without the whole trip: operation and RF only. */
	desnz_2025(&fs);
	rq = request(cologne(), 2);
	decide(&rq, &r);
	e = &r.modes[DEC_MODE_PLANE];
	ck_assert_int_eq(e->flight_band, 1);
	ck_assert_int_eq(e->nlines, 3);	/* flight, RF, rail to BRU */
	ck_assert_double_eq_tol(e->co2e_kg, 96.85, TOL);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].nlines, 1);
}
END_TEST

START_TEST(names_round_trip)
{
	enum dec_mode		m;
	enum dec_strength	s;
	enum dec_cabin		c;
	int			i;

	for (i = 0; i < DEC_MODE_COUNT; i++) {
		ck_assert_int_eq(dec_mode_parse(dec_mode_name(i), &m), 0);
		ck_assert_int_eq(m, i);
	}
	for (i = DEC_FREE; i <= DEC_MANDATORY; i++) {
		ck_assert_int_eq(dec_strength_parse(dec_strength_name(i), &s),
		    0);
		ck_assert_int_eq(s, i);
	}
	for (i = DEC_CABIN_ECONOMY; i <= DEC_CABIN_AVERAGE; i++) {
		ck_assert_int_eq(dec_cabin_parse(dec_cabin_name(i), &c), 0);
		ck_assert_int_eq(c, i);
	}
}
END_TEST

START_TEST(names_wire)
{
	enum dec_mode	m = DEC_MODE_CAR;
	enum dec_cabin	c;

	ck_assert_str_eq(dec_mode_name(DEC_MODE_TRAIN), "train");
	ck_assert_str_eq(dec_mode_name(DEC_MODE_COACH), "coach");
	ck_assert_str_eq(dec_strength_name(DEC_RECOMMENDED), "recommended");
	ck_assert_str_eq(dec_scope_name(DEC_SCOPE_MULTI_DAY_FOREIGN),
	    "multi_day_foreign");
	ck_assert_str_eq(dec_scope_name(DEC_SCOPE_DAY_TRIP_FOREIGN),
	    "day_trip_foreign");
	ck_assert_str_eq(dec_scope_name(DEC_SCOPE_DOMESTIC), "domestic");
	ck_assert_str_eq(dec_rule_name(DEC_RULE_LISTED), "listed");
	ck_assert_str_eq(dec_rule_name(DEC_RULE_NO_RAIL), "no_rail");
	ck_assert_str_eq(dec_rule_name(DEC_RULE_NEAR), "near");
	ck_assert_str_eq(dec_rule_name(DEC_RULE_WORKING_DAY), "working_day");
	ck_assert_str_eq(dec_rule_name(DEC_RULE_NIGHT_OR_LONG_DAY),
	    "night_or_long_day");
	ck_assert_str_eq(dec_rule_name(DEC_RULE_FAR), "far");
	ck_assert_ptr_null(dec_requires_name(DEC_REQUIRES_NOTHING));
	ck_assert_str_eq(dec_requires_name(DEC_REQUIRES_JUSTIFICATION),
	    "justification");
	ck_assert_str_eq(dec_requires_name(DEC_REQUIRES_EXCEPTION),
	    "exception");
	ck_assert_str_eq(dec_requires_name(DEC_REQUIRES_NOT_OFFERED),
	    "not_offered");
	ck_assert_str_eq(dec_cabin_name(DEC_CABIN_PREMIUM_ECONOMY),
	    "premium_economy");

	/* Unknown names fail and leave the output alone. */
	ck_assert_int_eq(dec_mode_parse("Train", &m), -1);
	ck_assert_int_eq(dec_mode_parse("", &m), -1);
	ck_assert_int_eq(dec_mode_parse(NULL, &m), -1);
	ck_assert_int_eq(m, DEC_MODE_CAR);
	ck_assert_int_eq(dec_cabin_parse("premium economy", &c), -1);
	ck_assert_ptr_null(dec_mode_name(DEC_MODE_COUNT));
}
END_TEST

/* ---- geo -------------------------------------------------------------- */

START_TEST(geo_haversine)
{
	double	d;

	/* The seed list: Gent-Sint-Pieters to Köln Hbf 228 km, Aachen 170,
	 * Berlin 684, Paris 259. */
	d = dec_haversine_km(51.0356, 3.7106, 50.9430, 6.9587);
	ck_assert_double_eq_tol(d, 227.56, 0.01);
	ck_assert_double_eq_tol(round(d), 228, TOL);
	ck_assert_double_eq_tol(round(dec_haversine_km(51.0356, 3.7106,
	    50.7678, 6.0915)), 170, TOL);
	ck_assert_double_eq_tol(round(dec_haversine_km(51.0356, 3.7106,
	    52.5256, 13.3695)), 684, TOL);
	ck_assert_double_eq_tol(round(dec_haversine_km(51.0356, 3.7106,
	    48.8802, 2.3552)), 259, TOL);
	/* Symmetric, zero on the spot. */
	ck_assert_double_eq_tol(d, dec_haversine_km(50.9430, 6.9587, 51.0356,
	    3.7106), 1e-9);
	ck_assert_double_eq_tol(dec_haversine_km(10, 20, 10, 20), 0, TOL);
	/* One degree of meridian = R x pi / 180 = 111.1951 km; half the
	 * globe = R x pi = 20015.1 km. */
	ck_assert_double_eq_tol(dec_haversine_km(0, 0, 1, 0),
	    EARTH_RADIUS_KM * M_PI / 180, 1e-9);
	ck_assert_double_eq_tol(dec_haversine_km(0, 0, 0, 180),
	    EARTH_RADIUS_KM * M_PI, 1e-6);
	ck_assert_double_eq_tol(dec_haversine_km(90, 0, -90, 0),
	    20015.1, 0.1);
}
END_TEST

START_TEST(geo_date_parse)
{
	long	d;

	ck_assert_int_eq(dec_date_parse("1970-01-01", &d), 0);
	ck_assert_int_eq(d, 0);
	ck_assert_int_eq(dec_date_parse("1970-01-02", &d), 0);
	ck_assert_int_eq(d, 1);
	/* 57 years of 365 days + 14 leap days (1972..2024) + 31 + 28 + 7. */
	ck_assert_int_eq(dec_date_parse("2027-03-08", &d), 0);
	ck_assert_int_eq(d, 57 * 365 + 14 + 31 + 28 + 7);
	ck_assert_int_eq(d, 20885);
	ck_assert_int_eq(dec_date_parse("1900-01-01", &d), 0);
	ck_assert_int_eq(d, -25567);
	ck_assert_int_eq(dec_date_parse("9999-12-31", &d), 0);
	ck_assert_int_eq(d, 2932896);

	/* Leap years: every 4th, not centuries, but every 400th. */
	ck_assert_int_eq(dec_date_parse("2024-02-29", &d), 0);
	ck_assert_int_eq(d, 19782);
	ck_assert_int_eq(dec_date_parse("2000-02-29", &d), 0);
	ck_assert_int_eq(d, 11016);
	ck_assert_int_eq(dec_date_parse("2028-02-29", &d), 0);
	d = 42;
	ck_assert_int_eq(dec_date_parse("2027-02-29", &d), -1);
	ck_assert_int_eq(d, 42);
	ck_assert_int_eq(dec_date_parse("1900-02-29", &d), -1);
	ck_assert_int_eq(dec_date_parse("2100-02-29", &d), -1);

	/* Strict form. */
	ck_assert_int_eq(dec_date_parse("2027-3-8", &d), -1);
	ck_assert_int_eq(dec_date_parse("2027-03-8", &d), -1);
	ck_assert_int_eq(dec_date_parse("2027-03-08 ", &d), -1);
	ck_assert_int_eq(dec_date_parse(" 2027-03-08", &d), -1);
	ck_assert_int_eq(dec_date_parse("2027-03-08T00:00", &d), -1);
	ck_assert_int_eq(dec_date_parse("2027/03/08", &d), -1);
	ck_assert_int_eq(dec_date_parse("27-03-08", &d), -1);
	ck_assert_int_eq(dec_date_parse("+027-03-08", &d), -1);
	ck_assert_int_eq(dec_date_parse("2027-0a-08", &d), -1);
	ck_assert_int_eq(dec_date_parse("", &d), -1);
	ck_assert_int_eq(dec_date_parse(NULL, &d), -1);
	/* Real calendar, years 1900..9999. */
	ck_assert_int_eq(dec_date_parse("2027-00-10", &d), -1);
	ck_assert_int_eq(dec_date_parse("2027-13-01", &d), -1);
	ck_assert_int_eq(dec_date_parse("2027-04-31", &d), -1);
	ck_assert_int_eq(dec_date_parse("2027-04-00", &d), -1);
	ck_assert_int_eq(dec_date_parse("2027-01-32", &d), -1);
	ck_assert_int_eq(dec_date_parse("1899-12-31", &d), -1);
	ck_assert_int_eq(dec_date_parse("0000-01-01", &d), -1);
}
END_TEST

START_TEST(geo_date_format)
{
	char	buf[16], small[5];
	long	d, back = 0;

	dec_date_format(0, buf, sizeof buf);
	ck_assert_str_eq(buf, "1970-01-01");
	dec_date_format(20885, buf, sizeof buf);
	ck_assert_str_eq(buf, "2027-03-08");
	dec_date_format(-25567, buf, sizeof buf);
	ck_assert_str_eq(buf, "1900-01-01");
	dec_date_format(11016, buf, sizeof buf);
	ck_assert_str_eq(buf, "2000-02-29");
	dec_date_format(2932896, buf, sizeof buf);
	ck_assert_str_eq(buf, "9999-12-31");
	dec_date_format(2932897, buf, sizeof buf);
	ck_assert_str_eq(buf, "");
	dec_date_format(20885, small, sizeof small);
	ck_assert_str_eq(small, "2027");

	/* Every day of 1900..9999 formats and parses back to itself (plain
	 * ifs: each ck_assert marks a point through a pipe). */
	for (d = -25567; d <= 2932896; d++) {
		dec_date_format(d, buf, sizeof buf);
		if (dec_date_parse(buf, &back) != 0 || back != d)
			ck_abort_msg("%ld -> %s -> %ld", d, buf, back);
	}
}
END_TEST

/* ---- calibration ------------------------------------------------------ */

START_TEST(calibrate_exact_line)
{
	struct dec_rail_point	pts[10];
	struct dec_calibration	c;
	size_t			i;

	/* hours = 0.75 + 0.009 km, km = 100 .. 1000. */
	for (i = 0; i < 10; i++) {
		pts[i].km = 100.0 * (double)(i + 1);
		pts[i].hours = 0.75 + 0.009 * pts[i].km;
	}
	dec_calibrate(&pol, pts, 10, &c);
	ck_assert_int_eq(c.n, 10);
	ck_assert_double_eq_tol(c.intercept, 0.75, 1e-9);
	ck_assert_double_eq_tol(c.slope, 0.009, 1e-12);
	ck_assert_double_eq_tol(c.r2, 1.0, 1e-12);
	/* 0.75 + 0.009 x 500 = 5.25 */
	ck_assert_double_eq_tol(dec_calibration_hours(&c, 500), 5.25, 1e-9);
	ck_assert_str_eq(c.method, "estimate: 0.75 h + 0.0090 h/km x "
	    "great-circle km, least-squares fit on 10 listed destinations "
	    "with sourced rail times (R\xc2\xb2 1.00)");
}
END_TEST

START_TEST(calibrate_noisy)
{
	/* (0,1) (100,1) (200,3): mean km 100, mean h 5/3; Sxx = 20000,
	 * Sxy = 200, Syy = 8/3: slope 0.01, intercept 2/3, R² = 0.75. */
	struct dec_rail_point	pts[] = {
		{ 0, 1 }, { 100, 1 }, { 200, 3 }, { NAN, 4 }, { 50, -1 }
	};
	struct dec_calibration	c;

	dec_calibrate(&pol, pts, 5, &c);
	ck_assert_int_eq(c.n, 3);
	ck_assert_double_eq_tol(c.slope, 0.01, 1e-12);
	ck_assert_double_eq_tol(c.intercept, 2.0 / 3.0, 1e-12);
	ck_assert_double_eq_tol(c.r2, 0.75, 1e-12);
	ck_assert_ptr_nonnull(strstr(c.method, "fit on 3 listed"));
	ck_assert_ptr_nonnull(strstr(c.method, "(R\xc2\xb2 0.75)"));
}
END_TEST

START_TEST(calibrate_fallback)
{
	struct dec_rail_point	two[] = { { 100, 1.5 }, { 500, 5.0 } };
	struct dec_rail_point	down[] = { { 100, 9 }, { 500, 5 }, { 900, 1 } };
	struct dec_rail_point	flat[] = { { 300, 3 }, { 300, 4 }, { 300, 5 } };
	struct dec_calibration	c;

	/* Fallback: 0.5 h + km x 1.2 / 100 km/h; 500 km -> 0.5 + 6 = 6.5 h. */
	dec_calibrate(&pol, two, 2, &c);
	ck_assert_int_eq(c.n, 0);
	ck_assert_double_eq_tol(c.intercept, 0.5, TOL);
	ck_assert_double_eq_tol(c.slope, 0.012, TOL);
	ck_assert_double_eq_tol(dec_calibration_hours(&c, 500), 6.5, 1e-9);
	ck_assert_str_eq(c.method, "estimate: 0.5 h + great-circle km x 1.2 "
	    "/ 100 km/h, fallback speed model (fewer than 3 sourced rail "
	    "times to fit)");

	dec_calibrate(&pol, NULL, 0, &c);
	ck_assert_int_eq(c.n, 0);
	ck_assert_double_eq_tol(dec_calibration_hours(&c, 0), 0.5, TOL);

	/* A falling or undefined slope is no calibration either. */
	dec_calibrate(&pol, down, 3, &c);
	ck_assert_int_eq(c.n, 0);
	ck_assert_ptr_nonnull(strstr(c.method, "fallback speed model"));
	ck_assert_ptr_nonnull(strstr(c.method, "no positive slope"));
	dec_calibrate(&pol, flat, 3, &c);
	ck_assert_int_eq(c.n, 0);
	ck_assert_double_eq_tol(c.slope, 0.012, TOL);
}
END_TEST

/* ---- thresholds ------------------------------------------------------- */

/* Check dec_rule_by_thresholds for one case. */
static void
thresholds(double km, double rail, int night, enum dec_rule want_rule,
    enum dec_mode want_mode, enum dec_strength want_strength)
{
	enum dec_rule		rule;
	enum dec_mode		mode;
	enum dec_strength	strength;

	dec_rule_by_thresholds(&pol, km, rail, night, &rule, &mode, &strength);
	ck_assert_msg(rule == want_rule && mode == want_mode &&
	    strength == want_strength, "km %g rail %g night %d: %s %s %s",
	    km, rail, night, dec_rule_name(rule), dec_mode_name(mode),
	    dec_strength_name(strength));
}

START_TEST(thresholds_near)
{
	thresholds(499.9, 9, 0, DEC_RULE_NEAR, DEC_MODE_TRAIN, DEC_MANDATORY);
	thresholds(500.0, 9, 0, DEC_RULE_NEAR, DEC_MODE_TRAIN, DEC_MANDATORY);
	thresholds(500.1, 9, 0, DEC_RULE_NIGHT_OR_LONG_DAY, DEC_MODE_TRAIN,
	    DEC_RECOMMENDED);
	/* Near wins over a long (or missing) rail time. */
	thresholds(300, 30, 0, DEC_RULE_NEAR, DEC_MODE_TRAIN, DEC_MANDATORY);
	thresholds(300, -1, 0, DEC_RULE_NEAR, DEC_MODE_TRAIN, DEC_MANDATORY);
}
END_TEST

START_TEST(thresholds_hours)
{
	thresholds(700, 7.99, 0, DEC_RULE_WORKING_DAY, DEC_MODE_TRAIN,
	    DEC_MANDATORY);
	thresholds(700, 8.0, 0, DEC_RULE_WORKING_DAY, DEC_MODE_TRAIN,
	    DEC_MANDATORY);
	thresholds(700, 8.01, 0, DEC_RULE_NIGHT_OR_LONG_DAY, DEC_MODE_TRAIN,
	    DEC_RECOMMENDED);
	thresholds(700, 12.0, 0, DEC_RULE_NIGHT_OR_LONG_DAY, DEC_MODE_TRAIN,
	    DEC_RECOMMENDED);
	thresholds(700, 12.01, 0, DEC_RULE_FAR, DEC_MODE_PLANE, DEC_FREE);
	thresholds(1200, 20, 1, DEC_RULE_NIGHT_OR_LONG_DAY, DEC_MODE_TRAIN,
	    DEC_RECOMMENDED);
	thresholds(1200, 20, 0, DEC_RULE_FAR, DEC_MODE_PLANE, DEC_FREE);
	thresholds(700, -1, 0, DEC_RULE_NO_RAIL, DEC_MODE_PLANE, DEC_FREE);
	thresholds(700, -1, 1, DEC_RULE_NO_RAIL, DEC_MODE_PLANE, DEC_FREE);
}
END_TEST

START_TEST(thresholds_are_policy)
{
	/* Utrecht University's 700 km instead of 500 km. */
	pol.near_km = 700;
	thresholds(684, 9, 0, DEC_RULE_NEAR, DEC_MODE_TRAIN, DEC_MANDATORY);
	pol.working_day_hours = 6;
	thresholds(800, 7, 0, DEC_RULE_NIGHT_OR_LONG_DAY, DEC_MODE_TRAIN,
	    DEC_RECOMMENDED);
}
END_TEST

/* ---- rules through dec_decide ----------------------------------------- */

START_TEST(rule_listed)
{
	struct dec_request	rq = request(cologne(), 2);
	struct dec_result	r;

	decide(&rq, &r);
	ck_assert_int_eq(r.scope, DEC_SCOPE_MULTI_DAY_FOREIGN);
	ck_assert_int_eq(r.nights, 2);
	ck_assert_int_eq(r.travellers, 2);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_LISTED);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(r.ruling.strength, DEC_MANDATORY);
	ck_assert_int_eq(r.ruling.nreasons, 1);
	ck_assert_str_eq(reason_text(&r, 0),
	    "Köln is on the frequent-destination list: train, mandatory");
	ck_assert_double_eq_tol(r.rail_hours, 2.3, TOL);
	ck_assert_int_eq(r.rail_estimated, 0);
	ck_assert_str_eq(r.rail_method, "list: SNCB/DB timetable");

	/* The list's word is final, even against the thresholds: a listed
	 * place at 228 km with train only recommended stays recommended. */
	rq.place.list_strength = DEC_RECOMMENDED;
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_LISTED);
	ck_assert_int_eq(r.ruling.strength, DEC_RECOMMENDED);
}
END_TEST

START_TEST(rule_listed_off_zone)
{
	struct dec_place	p;
	struct dec_request	rq;
	struct dec_result	r;

	/* Dublin: outside the rail zone, but listed (rail and sail 12 h). */
	p = place("Dublin", "IE", 53.3518, -6.2495, 0);
	list(&p, "dublin", DEC_MODE_TRAIN, DEC_RECOMMENDED, 12.0, 0,
	    "rail and sail via Holyhead");
	rq = request(p, 1);
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_LISTED);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(r.ruling.strength, DEC_RECOMMENDED);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].feasible, 1);
	ck_assert_int_eq(r.modes[DEC_MODE_CAR].feasible, 1);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_TRAIN].hours, 12.0, TOL);

	/* Listed without a rail time, off the zone: no surface modes. */
	p = place("Kanazawa", "JP", 36.5780, 136.6480, 0);
	list(&p, "kanazawa", DEC_MODE_PLANE, DEC_FREE, -1, 0, "");
	rq = request(p, 1);
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_LISTED);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_PLANE);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].feasible, 0);
	ck_assert_int_eq(r.modes[DEC_MODE_COACH].feasible, 0);
	ck_assert_double_eq_tol(r.rail_hours, -1, TOL);
}
END_TEST

START_TEST(rule_no_rail)
{
	struct dec_request	rq;
	struct dec_result	r;

	rq = request(place("Mohammedia", "MA", 33.6866, -7.3830, 0), 1);
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_NO_RAIL);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_PLANE);
	ck_assert_int_eq(r.ruling.strength, DEC_FREE);
	ck_assert_str_eq(reason_text(&r, 0),
	    "Mohammedia lies outside the rail-connected zone");
	ck_assert_double_eq_tol(r.rail_hours, -1, TOL);
	ck_assert_int_eq(r.rail_estimated, 0);

	/* A known rail time does not bring an unlisted place into the zone. */
	rq.place.rail_hours = 30;
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_NO_RAIL);
}
END_TEST

START_TEST(rule_near)
{
	struct dec_request	rq;
	struct dec_result	r;

	rq = request(place("Aachen", "DE", 50.7678, 6.0915, 1), 1);
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_NEAR);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(r.ruling.strength, DEC_MANDATORY);
	ck_assert_int_eq(r.ruling.nreasons, 1);
	ck_assert_str_eq(reason_text(&r, 0),
	    "Aachen is 170 km from Gent-Sint-Pieters (within 500 km)");
}
END_TEST

/* Rule a place due north of Gent at km with a known rail time. */
static void
north(double km, double rail, enum dec_rule want, struct dec_result *r)
{
	struct dec_request	rq;

	rq = request(north_of(pol.origin_lat, pol.origin_lon, km, "DE", 1), 1);
	rq.place.rail_hours = rail;
	decide(&rq, r);
	ck_assert_msg(r->ruling.rule == want, "%g km, %g h: %s, want %s", km,
	    rail, dec_rule_name(r->ruling.rule), dec_rule_name(want));
}

START_TEST(rule_near_boundary)
{
	struct dec_result	r;

	north(499.9, 6.0, DEC_RULE_NEAR, &r);
	ck_assert_double_eq_tol(r.distance_km, 499.9, 1e-6);
	ck_assert_str_eq(reason_text(&r, 0),
	    "Northville is 499.9 km from Gent-Sint-Pieters (within 500 km)");
	north(500.1, 6.0, DEC_RULE_WORKING_DAY, &r);
	ck_assert_str_eq(reason_text(&r, 0), "Northville is 500.1 km from "
	    "Gent-Sint-Pieters (more than 500 km)");
	ck_assert_int_eq(r.ruling.strength, DEC_MANDATORY);
}
END_TEST

START_TEST(rule_working_day)
{
	struct dec_result	r;

	north(684, 7.99, DEC_RULE_WORKING_DAY, &r);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(r.ruling.strength, DEC_MANDATORY);
	ck_assert_int_eq(r.ruling.nreasons, 2);
	ck_assert_str_eq(reason_text(&r, 0),
	    "Northville is 684 km from Gent-Sint-Pieters (more than 500 km)");
	ck_assert_str_eq(reason_text(&r, 1),
	    "Train takes about 7.99 h, within one working day (8 h)");
	north(684, 8.0, DEC_RULE_WORKING_DAY, &r);
	ck_assert_str_eq(reason_text(&r, 1),
	    "Train takes about 8 h, within one working day (8 h)");
	north(684, 8.01, DEC_RULE_NIGHT_OR_LONG_DAY, &r);
	ck_assert_int_eq(r.ruling.strength, DEC_RECOMMENDED);
}
END_TEST

START_TEST(rule_working_day_estimated)
{
	struct dec_rail_point	pts[3] = { { 100, 1.5 }, { 300, 3.5 },
				    { 900, 9.5 } };
	struct dec_request	rq;
	struct dec_result	r;

	/* Fit: hours = 0.5 + 0.01 km.  Berlin, unlisted, 684.24 km:
	 * 0.5 + 6.8424 = 7.34 -> 7.3 h (estimated). */
	dec_calibrate(&pol, pts, 3, &cal);
	rq = request(place("Berlin", "DE", 52.5256, 13.3695, 1), 1);
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_WORKING_DAY);
	ck_assert_double_eq_tol(r.rail_hours, 7.3, TOL);
	ck_assert_int_eq(r.rail_estimated, 1);
	ck_assert_str_eq(r.rail_method, cal.method);
	ck_assert_str_eq(reason_text(&r, 1),
	    "Train takes about 7.3 h (estimated), "
	    "within one working day (8 h)");
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].estimated, 1);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_TRAIN].hours, 7.3, TOL);
	ck_assert_str_eq(r.modes[DEC_MODE_TRAIN].method, cal.method);

	/* An estimate on the list is marked as such too. */
	list(&rq.place, "berlin", DEC_MODE_TRAIN, DEC_MANDATORY, 7.25, 1,
	    "estimate");
	decide(&rq, &r);
	ck_assert_int_eq(r.rail_estimated, 1);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].estimated, 1);
	/* 7.25 rounds half up to 7.3 h in the estimate. */
	ck_assert_double_eq_tol(r.modes[DEC_MODE_TRAIN].hours, 7.3, TOL);
	ck_assert_str_eq(r.modes[DEC_MODE_TRAIN].method, "list: estimate");
}
END_TEST

START_TEST(rule_night_or_long_day)
{
	struct dec_result	r;

	north(684, 12.0, DEC_RULE_NIGHT_OR_LONG_DAY, &r);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(r.ruling.strength, DEC_RECOMMENDED);
	ck_assert_str_eq(reason_text(&r, 1), "Train takes about 12 h, more "
	    "than one working day (8 h) but within a long travel day (12 h)");
	north(684, 12.01, DEC_RULE_FAR, &r);
}
END_TEST

START_TEST(rule_night_train)
{
	struct dec_request	rq;
	struct dec_result	r;

	rq = request(place("Berlin", "DE", 52.5256, 13.3695, 1), 1);
	rq.place.rail_hours = 20;
	rq.place.night_train = 1;
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_NIGHT_OR_LONG_DAY);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(r.ruling.strength, DEC_RECOMMENDED);
	ck_assert_str_eq(reason_text(&r, 1), "Train takes about 20 h, more "
	    "than a long travel day (12 h), but a night train serves Berlin");

	rq.place.night_train = 0;
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_FAR);
}
END_TEST

START_TEST(rule_far)
{
	struct dec_request	rq;
	struct dec_result	r;

	rq = request(place("Stockholm", "SE", 59.3300, 18.0576, 1), 1);
	rq.place.rail_hours = 17;
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_FAR);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_PLANE);
	ck_assert_int_eq(r.ruling.strength, DEC_FREE);
	ck_assert_str_eq(reason_text(&r, 0),
	    "Stockholm is 1291 km from Gent-Sint-Pieters (more than 500 km)");
	ck_assert_str_eq(reason_text(&r, 1), "Train takes about 17 h, more "
	    "than a long travel day (12 h), and no night train serves "
	    "Stockholm");
	/* The train is shown as an alternative, with its hours; the
	 * lowest CO2 is the coach: 1 traveller, 1291.10 km:
	 *   train round1(2 x 1291.10 x 1.2) = 3098.6 km x 0.03546 = 109.88
	 *   coach round1(2 x 1291.10 x 1.5) = 3873.3 km x 0.02776 = 107.52 */
	ck_assert_int_eq(r.ruling.nadvice, 4);
	ck_assert_str_eq(advice_text(&r, 0),
	    "Train shown as an alternative: about 17 h one way");
	ck_assert_str_eq(advice_text(&r, 1),
	    "Lowest-CO2 feasible mode: coach (107.5 kg CO2e)");
	ck_assert_str_eq(advice_text(&r, 2),
	    "Train: 1st class allowed (journey over 2 h)");
	ck_assert_str_eq(advice_text(&r, 3), "Flights: economy class");
	ck_assert_double_eq_tol(r.modes[DEC_MODE_TRAIN].co2e_kg, 109.88, TOL);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_COACH].co2e_kg, 107.52, TOL);
}
END_TEST

/* ---- scopes ----------------------------------------------------------- */

START_TEST(scope_multi_day)
{
	struct dec_request	rq = request(cologne(), 1);
	struct dec_result	r;

	rq.return_day = rq.departure + 1;
	decide(&rq, &r);
	ck_assert_int_eq(r.scope, DEC_SCOPE_MULTI_DAY_FOREIGN);
	ck_assert_int_eq(r.nights, 1);
	ck_assert_int_eq(r.ruling.strength, DEC_MANDATORY);
	ck_assert_int_eq(r.ruling.nreasons, 1);
}
END_TEST

START_TEST(scope_day_trip)
{
	struct dec_request	rq = request(cologne(), 1);
	struct dec_result	r;

	/* Mandatory is capped to recommended. */
	rq.return_day = rq.departure;
	decide(&rq, &r);
	ck_assert_int_eq(r.scope, DEC_SCOPE_DAY_TRIP_FOREIGN);
	ck_assert_int_eq(r.nights, 0);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_LISTED);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(r.ruling.strength, DEC_RECOMMENDED);
	ck_assert_int_eq(r.ruling.nreasons, 2);
	ck_assert_str_eq(reason_text(&r, 1), "Same-day trip abroad: the "
	    "scheme is advisory, so the ruling is at most recommended");
	ck_assert_int_eq(r.modes[DEC_MODE_PLANE].allowed, 1);
	ck_assert_int_eq(r.modes[DEC_MODE_PLANE].requires,
	    DEC_REQUIRES_JUSTIFICATION);

	/* Recommended and free are left alone. */
	rq.place.list_strength = DEC_FREE;
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.strength, DEC_FREE);
	rq = request(place("Mohammedia", "MA", 33.6866, -7.3830, 0), 1);
	rq.return_day = rq.departure;
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_PLANE);
	ck_assert_int_eq(r.ruling.strength, DEC_FREE);
}
END_TEST

START_TEST(scope_domestic)
{
	struct dec_request	rq;
	struct dec_result	r;
	const char		*dom = "Domestic trip: the scheme is advisory, "
				    "so the ruling is at most recommended, and "
				    "the plane is not offered";

	/* Liège, 138 km: near would be mandatory; domestic caps it. */
	rq = request(place("Liège", "BE", 50.6245, 5.5668, 1), 1);
	decide(&rq, &r);
	ck_assert_int_eq(r.scope, DEC_SCOPE_DOMESTIC);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_NEAR);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(r.ruling.strength, DEC_RECOMMENDED);
	ck_assert(has_reason(&r, dom));
	ck_assert_int_eq(r.modes[DEC_MODE_PLANE].allowed, 0);
	ck_assert_int_eq(r.modes[DEC_MODE_PLANE].requires,
	    DEC_REQUIRES_NOT_OFFERED);
	ck_assert_int_eq(r.modes[DEC_MODE_CAR].requires,
	    DEC_REQUIRES_JUSTIFICATION);
	ck_assert(!has_advice_prefix(&r, "Flights"));

	/* Same-day domestic is domestic, not a day trip abroad. */
	rq.return_day = rq.departure;
	decide(&rq, &r);
	ck_assert_int_eq(r.scope, DEC_SCOPE_DOMESTIC);

	/* A ruling for the plane becomes train recommended. */
	rq = request(north_of(pol.origin_lat, pol.origin_lon, 900, "BE", 1), 1);
	rq.place.rail_hours = 20;
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.rule, DEC_RULE_FAR);
	ck_assert_int_eq(r.ruling.mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(r.ruling.strength, DEC_RECOMMENDED);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].allowed, 1);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].requires,
	    DEC_REQUIRES_NOTHING);
	ck_assert_int_eq(r.modes[DEC_MODE_PLANE].allowed, 0);
	ck_assert_int_eq(r.modes[DEC_MODE_PLANE].requires,
	    DEC_REQUIRES_NOT_OFFERED);
	ck_assert(!has_advice_prefix(&r, "Train shown"));
	ck_assert(!has_advice_prefix(&r, "Lowest"));
}
END_TEST

START_TEST(scope_domestic_free_never_suggests_plane)
{
	struct dec_place	p;
	struct dec_request	rq;
	struct dec_result	r;

	/* Make the flight the lowest CO2 on paper: 164.2 km x 0.0001 (with
	 * RF and without: no RF line) + 4.78 access = 4.80 kg, below the
	 * coach's 414.4 km x 0.02776 = 11.50 kg. */
	fs.flight_short[DEC_CABIN_ECONOMY].value = 0.0001;
	fs.flight_short_norf[DEC_CABIN_ECONOMY].value = 0.0001;
	p = place("Liège", "BE", 50.6245, 5.5668, 1);
	list(&p, "liege", DEC_MODE_TRAIN, DEC_FREE, 1.0, 0, "SNCB");
	rq = request(p, 1);
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.strength, DEC_FREE);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_PLANE].co2e_kg, 4.80, TOL);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_COACH].co2e_kg, 11.50, TOL);
	ck_assert(has_advice(&r,
	    "Lowest-CO2 feasible mode: coach (11.5 kg CO2e)"));
}
END_TEST

/* ---- what each mode requires ------------------------------------------ */

START_TEST(permissions_mandatory)
{
	struct dec_request	rq = request(cologne(), 1);
	struct dec_result	r;
	int			m;

	decide(&rq, &r);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].allowed, 1);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].requires,
	    DEC_REQUIRES_NOTHING);
	for (m = DEC_MODE_PLANE; m < DEC_MODE_COUNT; m++) {
		ck_assert_int_eq(r.modes[m].mode, m);
		ck_assert_int_eq(r.modes[m].feasible, 1);
		ck_assert_int_eq(r.modes[m].allowed, 0);
		ck_assert_int_eq(r.modes[m].requires, DEC_REQUIRES_EXCEPTION);
	}
}
END_TEST

START_TEST(permissions_recommended)
{
	struct dec_request	rq = request(cologne(), 1);
	struct dec_result	r;
	int			m;

	rq.place.list_strength = DEC_RECOMMENDED;
	decide(&rq, &r);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].allowed, 1);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].requires,
	    DEC_REQUIRES_NOTHING);
	for (m = DEC_MODE_PLANE; m < DEC_MODE_COUNT; m++) {
		ck_assert_int_eq(r.modes[m].allowed, 1);
		ck_assert_int_eq(r.modes[m].requires,
		    DEC_REQUIRES_JUSTIFICATION);
	}
}
END_TEST

START_TEST(permissions_free)
{
	struct dec_request	rq = request(cologne(), 1);
	struct dec_result	r;
	int			m;

	rq.place.list_mode = DEC_MODE_PLANE;
	rq.place.list_strength = DEC_FREE;
	decide(&rq, &r);
	for (m = 0; m < DEC_MODE_COUNT; m++) {
		ck_assert_int_eq(r.modes[m].allowed, 1);
		ck_assert_int_eq(r.modes[m].requires, DEC_REQUIRES_NOTHING);
	}
}
END_TEST

START_TEST(permissions_infeasible)
{
	struct dec_request	rq;
	struct dec_result	r;
	int			m;

	rq = request(place("Mohammedia", "MA", 33.6866, -7.3830, 0), 2);
	decide(&rq, &r);
	ck_assert_int_eq(r.modes[DEC_MODE_PLANE].feasible, 1);
	ck_assert_int_eq(r.modes[DEC_MODE_PLANE].allowed, 1);
	for (m = 0; m < DEC_MODE_COUNT; m++) {
		if (m == DEC_MODE_PLANE)
			continue;
		ck_assert_int_eq(r.modes[m].mode, m);
		ck_assert_int_eq(r.modes[m].feasible, 0);
		ck_assert_int_eq(r.modes[m].allowed, 0);
		ck_assert_int_eq(r.modes[m].requires, DEC_REQUIRES_NOTHING);
		ck_assert_double_eq_tol(r.modes[m].distance_km, 0, TOL);
		ck_assert_double_eq_tol(r.modes[m].hours, 0, TOL);
		ck_assert_double_eq_tol(r.modes[m].co2e_kg, 0, TOL);
		ck_assert_double_eq_tol(r.modes[m].co2e_kg_per_traveller, 0,
		    TOL);
		ck_assert_int_eq(r.modes[m].vehicles, 0);
		ck_assert_str_eq(r.modes[m].method, "");
	}
	/* 1 traveller x 2: flight round1(2 x 2142.50) = 4285.0 km;
	 * 4285.0 x 0.12576 x 2 = 1077.7632, access 134.9 x 0.03546 x 2 =
	 * 9.57: 1087.33 kg, or 543.67 per traveller. */
	ck_assert_double_eq_tol(r.modes[DEC_MODE_PLANE].co2e_kg, 1087.33, TOL);
	ck_assert_str_eq(advice_text(&r, 0),
	    "Lowest-CO2 feasible mode: plane (1087.3 kg CO2e)");
	ck_assert_str_eq(advice_text(&r, 1), "Flights: economy class");
	ck_assert_int_eq(r.ruling.nadvice, 2);
}
END_TEST

/* ---- advice ----------------------------------------------------------- */

START_TEST(advice_online_first)
{
	struct dec_request	rq = request(cologne(), 1);
	struct dec_result	r;

	rq.online_possible = 1;
	decide(&rq, &r);
	ck_assert_int_eq(r.ruling.nadvice, 3);
	ck_assert_str_eq(advice_text(&r, 0),
	    "Online first: consider a digital meeting before travelling");
	ck_assert_str_eq(advice_text(&r, 1),
	    "Train: 1st class allowed (journey over 2 h)");
	ck_assert_str_eq(advice_text(&r, 2), "Flights: economy class");

	/* Also before the lowest-CO2 line of a free ruling. */
	rq = request(place("Mohammedia", "MA", 33.6866, -7.3830, 0), 1);
	rq.online_possible = 1;
	decide(&rq, &r);
	ck_assert_str_eq(advice_text(&r, 0),
	    "Online first: consider a digital meeting before travelling");
	ck_assert_str_eq(advice_text(&r, 1),
	    "Lowest-CO2 feasible mode: plane (543.7 kg CO2e)");

	rq.online_possible = 0;
	decide(&rq, &r);
	ck_assert(!has_advice_prefix(&r, "Online"));
}
END_TEST

START_TEST(advice_class)
{
	struct dec_request	rq = request(cologne(), 1);
	struct dec_result	r;

	rq.place.rail_hours = 2.0;
	decide(&rq, &r);
	ck_assert_str_eq(advice_text(&r, 0),
	    "Train: 2nd class (journey up to 2 h)");
	rq.place.rail_hours = 2.1;
	decide(&rq, &r);
	ck_assert_str_eq(advice_text(&r, 0),
	    "Train: 1st class allowed (journey over 2 h)");
	ck_assert_str_eq(advice_text(&r, 1), "Flights: economy class");
}
END_TEST

/* ---- estimates -------------------------------------------------------- */

START_TEST(estimate_cologne)
{
	struct dec_request		 rq = request(cologne(), 2);
	struct dec_result		 r;
	const struct dec_mode_estimate	*e;

	decide(&rq, &r);
	/* Gent-Sint-Pieters to Köln: 227.560 km great circle. */
	ck_assert_double_eq_tol(r.distance_km, 227.560, 0.001);

	/* Train: round1(2 x 227.560 x 1.2) = round1(546.145) = 546.1 km;
	 * 546.1 x 0.03546 x 2 = 38.729412 -> 38.73 kg; / 2 = 19.365 ->
	 * 19.37; hours from the list, 2.3. */
	e = &r.modes[DEC_MODE_TRAIN];
	ck_assert_int_eq(e->mode, DEC_MODE_TRAIN);
	ck_assert_double_eq_tol(e->distance_km, 546.1, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, 38.73, TOL);
	ck_assert_double_eq_tol(e->co2e_kg_per_traveller, 19.37, TOL);
	ck_assert_double_eq_tol(e->co2_kg_without_rf, 38.73, TOL);
	ck_assert_double_eq_tol(e->hours, 2.3, TOL);
	ck_assert_int_eq(e->estimated, 0);
	ck_assert_str_eq(e->method, "list: SNCB/DB timetable");
	ck_assert_double_eq_tol(e->factor.value, 0.03546, TOL);
	ck_assert_str_eq(e->factor.source, "DESNZ 2025 national rail");
	ck_assert_int_eq(e->has_access, 0);

	/* Car: round1(2 x 227.560 x 1.3) = round1(591.657) = 591.7 km;
	 * ceil(2 / 4) = 1 car: 591.7 x 0.16725 x 1 = 98.961825 -> 98.96;
	 * / 2 = 49.48; hours 227.560 x 1.3 / 80 = 3.698 -> 3.7. */
	e = &r.modes[DEC_MODE_CAR];
	ck_assert_double_eq_tol(e->distance_km, 591.7, TOL);
	ck_assert_int_eq(e->vehicles, 1);
	ck_assert_double_eq_tol(e->co2e_kg, 98.96, TOL);
	ck_assert_double_eq_tol(e->co2e_kg_per_traveller, 49.48, TOL);
	ck_assert_double_eq_tol(e->hours, 3.7, TOL);
	ck_assert_int_eq(e->estimated, 1);
	ck_assert_str_eq(e->method,
	    "estimate: great-circle km x 1.3 / 80 km/h");
	ck_assert_double_eq_tol(e->factor.value, 0.16725, TOL);

	/* Coach: round1(2 x 227.560 x 1.5) = 682.7 km x 0.02776 x 2 =
	 * 37.903 -> 37.90; / 2 = 18.95; hours 227.560 x 1.5 / 65 = 5.251
	 * -> 5.3. */
	e = &r.modes[DEC_MODE_COACH];
	ck_assert_double_eq_tol(e->distance_km, 682.7, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, 37.90, TOL);
	ck_assert_double_eq_tol(e->co2e_kg_per_traveller, 18.95, TOL);
	ck_assert_double_eq_tol(e->hours, 5.3, TOL);
	ck_assert_int_eq(e->estimated, 1);
	ck_assert_str_eq(e->method,
	    "estimate: great-circle km x 1.5 / 65 km/h");
}
END_TEST

START_TEST(estimate_plane_access)
{
	struct dec_request		 rq = request(cologne(), 2);
	struct dec_result		 r;
	const struct dec_mode_estimate	*e;

	decide(&rq, &r);
	e = &r.modes[DEC_MODE_PLANE];
	/* BRU to Köln 173.489 km <= 3700: short haul, economy.
	 * Flight: round1(2 x 173.489) = 347.0 km.
	 * Access: Gent-Sint-Pieters to BRU 56.202 km by rail:
	 *   round1(2 x 56.202 x 1.2) = round1(134.885) = 134.9 km;
	 *   134.9 x 0.03546 x 2 = 9.567108 -> 9.57 kg.
	 * With RF: 347.0 x 0.12576 x 2 = 87.27744, + 9.57 = 96.84744 -> 96.85
	 * Without: 347.0 x 0.07435 x 2 = 51.5989,  + 9.57 = 61.1689  -> 61.17
	 * Per traveller: 96.85 / 2 = 48.425 -> 48.43.
	 * Hours: 1.0 + 2.5 + 173.489 / 700 = 3.748 -> 3.7. */
	ck_assert_int_eq(e->mode, DEC_MODE_PLANE);
	ck_assert_double_eq_tol(e->distance_km, 347.0, TOL);
	ck_assert_double_eq_tol(e->factor.value, 0.12576, TOL);
	ck_assert_str_eq(e->factor.source,
	    "DESNZ 2025 short-haul economy, with RF");
	ck_assert_int_eq(e->has_access, 1);
	ck_assert_double_eq_tol(e->access.distance_km, 134.9, TOL);
	ck_assert_double_eq_tol(e->access.co2e_kg, 9.57, TOL);
	ck_assert_double_eq_tol(e->access.factor.value, 0.03546, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, 96.85, TOL);
	ck_assert_double_eq_tol(e->co2_kg_without_rf, 61.17, TOL);
	ck_assert_double_eq_tol(e->co2e_kg_per_traveller, 48.43, TOL);
	ck_assert_double_eq_tol(e->hours, 3.7, TOL);
	ck_assert_int_eq(e->estimated, 1);
	ck_assert_str_eq(e->method, "estimate: 1 h by rail to BRU + 2.5 h at "
	    "the airports (check-in, security, taxi, exit) + great-circle km "
	    "from BRU to the place / 700 km/h");
	ck_assert_int_eq(e->has_egress, 0);
}
END_TEST

START_TEST(estimate_plane_airport)
{
	struct dec_request		 rq;
	struct dec_result		 r;
	const struct dec_mode_estimate	*e;

	/* New York City, landing at JFK (40.6394, -73.7793), 1 traveller.
	 * BRU to JFK 5885.571 km -> 5885.6, both ways 11771.2 km.
	 * JFK to the city 20.853 km -> 20.9; egress round1(2 x 20.9 x 1.2)
	 *   = 50.2 km x 0.03546 (no US rail factor: the set's) = 1.780092
	 *   -> 1.78 kg; access 134.9 x 0.03546 = 4.783554 -> 4.78 kg.
	 * With RF 11771.2 x 0.11704 = 1377.701248, + 4.78 + 1.78
	 *   = 1384.261248 -> 1384.26; without 11771.2 x 0.06926
	 *   = 815.273312 + 6.56 -> 821.83.
	 * Hours 1.0 + 2.5 + 5885.6 / 700 + 20.9 x 1.2 / 50 = 12.4096
	 *   -> 12.4. */
	rq = request(place("New York City", "US", 40.7143, -74.0060, 0), 1);
	rq.has_airport = 1;
	snprintf(rq.airport.code, sizeof rq.airport.code, "JFK");
	snprintf(rq.airport.country, sizeof rq.airport.country, "US");
	rq.airport.lat = 40.6394;
	rq.airport.lon = -73.7793;
	rq.airport.km = dec_haversine_km(40.6394, -73.7793, 40.7143,
	    -74.0060);
	decide(&rq, &r);
	e = &r.modes[DEC_MODE_PLANE];
	ck_assert_double_eq_tol(e->flight_km, 5885.6, TOL);
	ck_assert_double_eq_tol(e->distance_km, 11771.2, TOL);
	ck_assert_double_eq_tol(e->factor.value, 0.11704, TOL);
	ck_assert_int_eq(e->has_egress, 1);
	ck_assert_double_eq_tol(e->egress.distance_km, 50.2, TOL);
	ck_assert_double_eq_tol(e->egress.factor.value, 0.03546, TOL);
	ck_assert_double_eq_tol(e->egress.co2e_kg, 1.78, TOL);
	ck_assert_double_eq_tol(e->access.co2e_kg, 4.78, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, 1384.26, TOL);
	ck_assert_double_eq_tol(e->co2_kg_without_rf, 821.83, TOL);
	ck_assert_double_eq_tol(e->hours, 12.4, TOL);
	ck_assert_str_eq(e->method, "estimate: 1 h by rail to BRU + 2.5 h at "
	    "the airports (check-in, security, taxi, exit) + great-circle km "
	    "from BRU to JFK / 700 km/h + from JFK to the place: great-circle "
	    "20.9 km x 1.2 / 50 km/h");

	/* The short-haul band is the flight's, airport to airport: a place
	 * 3 699.9 km north of BRU lands at an airport 3 700.2 km away. */
	rq = request(north_of(pol.airport_lat, pol.airport_lon, 3699.9, "GL",
	    0), 1);
	rq.has_airport = 1;
	snprintf(rq.airport.code, sizeof rq.airport.code, "XXX");
	rq.airport.lat = pol.airport_lat + 3700.2 / EARTH_RADIUS_KM * 180.0 /
	    M_PI;
	rq.airport.lon = pol.airport_lon;
	rq.airport.km = 0.3;
	decide(&rq, &r);
	e = &r.modes[DEC_MODE_PLANE];
	ck_assert_double_eq_tol(e->flight_km, 3700.2, TOL);
	ck_assert_double_eq_tol(e->factor.value, 0.11704, TOL);
	ck_assert_double_eq_tol(e->egress.distance_km, 0.7, TOL);
}
END_TEST

START_TEST(estimate_plane_cabins)
{
	struct dec_request		 rq;
	struct dec_result		 r;
	const struct dec_mode_estimate	*e;

	/* Kanazawa, business, 1 traveller: BRU to Kanazawa 9225.04 km,
	 * long haul.  2 x round1(9225.04) = 18450.0 km;
	 * with RF 18450.0 x 0.33940 = 6261.93, + 4.78 access (134.9 x
	 * 0.03546 = 4.783554) = 6266.71;
	 * without 18450.0 x 0.20083 = 3705.3135, + 4.78 -> 3710.09.
	 * Hours 1.0 + 2.5 + 9225.04 / 700 = 16.679 -> 16.7. */
	rq = request(place("Kanazawa", "JP", 36.5780, 136.6480, 0), 1);
	rq.cabin = DEC_CABIN_BUSINESS;
	decide(&rq, &r);
	e = &r.modes[DEC_MODE_PLANE];
	ck_assert_double_eq_tol(e->distance_km, 18450.0, TOL);
	ck_assert_double_eq_tol(e->factor.value, 0.33940, TOL);
	ck_assert_double_eq_tol(e->access.co2e_kg, 4.78, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, 6266.71, TOL);
	ck_assert_double_eq_tol(e->co2_kg_without_rf, 3710.09, TOL);
	ck_assert_double_eq_tol(e->hours, 16.7, TOL);

	/* Premium economy on a short haul uses the slot the factor set
	 * filled (economy); on a long haul its own row. */
	rq = request(cologne(), 1);
	rq.cabin = DEC_CABIN_PREMIUM_ECONOMY;
	decide(&rq, &r);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_PLANE].factor.value, 0.12576,
	    TOL);
	rq = request(place("Kanazawa", "JP", 36.5780, 136.6480, 0), 1);
	rq.cabin = DEC_CABIN_PREMIUM_ECONOMY;
	decide(&rq, &r);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_PLANE].factor.value, 0.18726,
	    TOL);
	rq.cabin = DEC_CABIN_FIRST;
	decide(&rq, &r);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_PLANE].factor.value, 0.46814,
	    TOL);
	ck_assert(r.modes[DEC_MODE_PLANE].co2_kg_without_rf <
	    r.modes[DEC_MODE_PLANE].co2e_kg);
}
END_TEST

START_TEST(estimate_haul_band)
{
	struct dec_request		 rq;
	struct dec_result		 r;
	const struct dec_mode_estimate	*e;

	/* 3699.9 km north of BRU: short haul, economy.
	 * round1(2 x 3699.9) = 7399.8 km x 0.12576 = 930.598848, + 4.78
	 * = 935.378848 -> 935.38; without RF 7399.8 x 0.07435 = 550.17513,
	 * + 4.78 -> 554.96. */
	rq = request(north_of(pol.airport_lat, pol.airport_lon, 3699.9, "GL",
	    0), 1);
	decide(&rq, &r);
	e = &r.modes[DEC_MODE_PLANE];
	ck_assert_double_eq_tol(e->distance_km, 7399.8, TOL);
	ck_assert_double_eq_tol(e->factor.value, 0.12576, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, 935.38, TOL);
	ck_assert_double_eq_tol(e->co2_kg_without_rf, 554.96, TOL);

	/* 3700.1 km: long haul.  7400.2 km x 0.11704 = 866.119408, + 4.78
	 * = 870.899408 -> 870.90; without RF 7400.2 x 0.06926 = 512.537852,
	 * + 4.78 -> 517.32. */
	rq = request(north_of(pol.airport_lat, pol.airport_lon, 3700.1, "GL",
	    0), 1);
	decide(&rq, &r);
	e = &r.modes[DEC_MODE_PLANE];
	ck_assert_double_eq_tol(e->distance_km, 7400.2, TOL);
	ck_assert_double_eq_tol(e->factor.value, 0.11704, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, 870.90, TOL);
	ck_assert_double_eq_tol(e->co2_kg_without_rf, 517.32, TOL);

	/* The band limit is data. */
	fs.short_haul_max_km = 4000;
	decide(&rq, &r);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_PLANE].factor.value, 0.12576,
	    TOL);
}
END_TEST

START_TEST(estimate_car_vehicles)
{
	struct dec_request		 rq = request(cologne(), 5);
	struct dec_result		 r;
	const struct dec_mode_estimate	*e;

	/* 5 travellers: ceil(5 / 4) = 2 cars; 591.7 km x 0.16725 x 2 =
	 * 197.92365 -> 197.92; / 5 = 39.584 -> 39.58.
	 * Train for 5: 546.1 x 0.03546 x 5 = 96.82353 -> 96.82; / 5 = 19.36. */
	decide(&rq, &r);
	e = &r.modes[DEC_MODE_CAR];
	ck_assert_int_eq(e->vehicles, 2);
	ck_assert_double_eq_tol(e->distance_km, 591.7, TOL);
	ck_assert_double_eq_tol(e->co2e_kg, 197.92, TOL);
	ck_assert_double_eq_tol(e->co2e_kg_per_traveller, 39.58, TOL);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_TRAIN].co2e_kg, 96.82, TOL);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_TRAIN].co2e_kg_per_traveller,
	    19.36, TOL);

	rq.travellers = 4;
	decide(&rq, &r);
	ck_assert_int_eq(r.modes[DEC_MODE_CAR].vehicles, 1);
	rq.travellers = 9;
	decide(&rq, &r);
	ck_assert_int_eq(r.modes[DEC_MODE_CAR].vehicles, 3);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].vehicles, 0);
}
END_TEST

START_TEST(estimate_train_without_rail_time)
{
	struct dec_errors	errs = DEC_ERRORS_INIT;
	struct dec_request	rq;
	struct dec_result	r;

	/* Aachen unlisted: fallback estimate 0.5 + 169.589 x 1.2 / 100 =
	 * 2.535 -> 2.5 h (estimated), 1st class. */
	rq = request(place("Aachen", "DE", 50.7678, 6.0915, 1), 1);
	decide(&rq, &r);
	ck_assert_double_eq_tol(r.rail_hours, 2.5, TOL);
	ck_assert_int_eq(r.rail_estimated, 1);
	ck_assert_double_eq_tol(r.modes[DEC_MODE_TRAIN].hours, 2.5, TOL);
	ck_assert_int_eq(r.modes[DEC_MODE_TRAIN].estimated, 1);
	ck_assert_ptr_nonnull(strstr(r.modes[DEC_MODE_TRAIN].method,
	    "fallback speed model"));
	ck_assert(has_advice(&r,
	    "Train: 1st class allowed (journey over 2 h)"));

	/* No calibration passed: the policy's fallback model. */
	ck_assert_int_eq(dec_decide(&pol, &fs, NULL, &rq, &r, &errs), 0);
	ck_assert_double_eq_tol(r.rail_hours, 2.5, TOL);
}
END_TEST

/* ---- validation ------------------------------------------------------- */

START_TEST(validate_request)
{
	struct dec_request	rq, ok = request(cologne(), 1);
	struct dec_result	r;
	struct dec_errors	errs = DEC_ERRORS_INIT;

	rq = ok;
	rq.travellers = 0;
	decide_fails(&rq, "travellers: must be between 1 and 1000");
	rq.travellers = 1001;
	decide_fails(&rq, "travellers: must be between 1 and 1000");
	rq.travellers = 1000;
	decide(&rq, &r);

	rq = ok;
	rq.return_day = rq.departure - 1;
	decide_fails(&rq, "return_date: before departure_date");

	rq = ok;
	rq.place.lat = 90.01;
	decide_fails(&rq, "destination.lat: must be between -90 and 90");
	rq.place.lat = NAN;
	decide_fails(&rq, "destination.lat: must be between -90 and 90");
	rq.place.lat = -90;
	decide(&rq, &r);

	rq = ok;
	rq.place.lon = -180.5;
	decide_fails(&rq, "destination.lon: must be between -180 and 180");
	rq.place.lon = 180;
	decide(&rq, &r);

	rq = ok;
	memcpy(rq.place.country, "de", 3);
	decide_fails(&rq, "destination.country: must be two uppercase letters "
	    "(ISO 3166-1 alpha-2)");
	memcpy(rq.place.country, "D", 2);
	decide_fails(&rq, "destination.country: must be two uppercase letters "
	    "(ISO 3166-1 alpha-2)");

	rq = ok;
	rq.cabin = (enum dec_cabin)7;
	decide_fails(&rq, "cabin_class: unknown cabin class");

	/* Every error is named, not only the first. */
	rq = ok;
	rq.travellers = 0;
	rq.cabin = (enum dec_cabin)7;
	ck_assert_int_eq(dec_decide(&pol, &fs, &cal, &rq, &r, &errs), -1);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_str_eq(errs.v[0].field, "travellers");
	ck_assert_int_eq(errs.v[0].code, DEC_E_RANGE);
	ck_assert_str_eq(errs.v[1].field, "cabin_class");
	ck_assert_int_eq(errs.v[1].code, DEC_E_CHOICE);
	dec_errors_clear(&errs);
}
END_TEST

START_TEST(validate_truncation_keeps_utf8)
{
	struct dec_request	rq = request(cologne(), 1);
	struct dec_result	r;
	size_t			i;

	/* "list: " + 127 x "ö" (254 bytes) does not fit in 256 bytes. */
	memset(rq.place.rail_source, 0, sizeof rq.place.rail_source);
	for (i = 0; i + 2 < sizeof rq.place.rail_source; i += 2)
		memcpy(rq.place.rail_source + i, "\xc3\xb6", 2);
	decide(&rq, &r);
	ck_assert(strlen(r.rail_method) < DEC_TEXT_MAX);
	ck_assert(strlen(r.rail_method) > DEC_TEXT_MAX - 4);
	ck_assert(valid_utf8(r.rail_method));
	ck_assert(valid_utf8(r.modes[DEC_MODE_TRAIN].method));
}
END_TEST

/*
 * Every reason and advice the rules can give, and the notes beside them,
 * worded for a Dutch page: each has its Dutch (i18n falls back to the
 * English only when a sentence is missing), so none may read as the
 * English page's, nor hold an English word of the scheme.
 */
static const char *const english_words[] = { "the ", "The ",
    " on ", "Train", "train ", "within", "than", "estimated", "serves",
    "Flights", "class", "Lowest", "Same-day", "Domestic", "outside",
    "list", "place", "inhabitants", "took", NULL };

static void
assert_dutch(const char *nl, const char *en, const char *what)
{
	const char *const	*w;

	ck_assert_msg(nl[0] != '\0', "%s: empty", what);
	ck_assert_msg(strcmp(nl, en) != 0, "%s: Dutch page in English: %s",
	    what, nl);
	for (w = english_words; *w != NULL; w++)
		ck_assert_msg(strstr(nl, *w) == NULL, "%s: \"%s\" in %s", what,
		    *w, nl);
}

START_TEST(words_dutch_for_every_reason_and_advice)
{
	struct dec_reason	 r;
	struct dec_advice	 a;
	struct geo_place_hit	 hit;
	char			 nl[WORDS_MAX], en[WORDS_MAX], what[64];
	int			 k, est, n = 0;

	for (k = DEC_REASON_LISTED; k <= DEC_REASON_DOMESTIC; k++)
		for (est = 0; est <= 1; est++) {
			memset(&r, 0, sizeof r);
			r.kind = (enum dec_reason_kind)k;
			r.mode = DEC_MODE_TRAIN;
			r.strength = DEC_MANDATORY;
			r.km = 312.4;
			r.near_km = 500;
			r.hours = 7.5;
			r.estimated = est;
			r.working_day_hours = 8;
			r.long_day_hours = 12;
			words_reason(WORDS_NL, &r, "Keulen",
			    "Gent-Sint-Pieters", nl, sizeof nl);
			words_reason(WORDS_EN, &r, "Keulen",
			    "Gent-Sint-Pieters", en, sizeof en);
			snprintf(what, sizeof what, "reason %d%s", k,
			    est ? " (estimated)" : "");
			assert_dutch(nl, en, what);
			n++;
		}
	for (k = DEC_ADVICE_ONLINE_FIRST; k <= DEC_ADVICE_ECONOMY; k++)
		for (est = 0; est <= 1; est++) {
			memset(&a, 0, sizeof a);
			a.kind = (enum dec_advice_kind)k;
			a.mode = DEC_MODE_COACH;
			a.hours = 2;
			a.estimated = est;
			a.kg = 16.04;
			words_advice(WORDS_NL, &a, nl, sizeof nl);
			words_advice(WORDS_EN, &a, en, sizeof en);
			snprintf(what, sizeof what, "advice %d%s", k,
			    est ? " (estimated)" : "");
			assert_dutch(nl, en, what);
			n++;
		}
	words_nearest(WORDS_NL, "Deutz", "Keulen", 3.2, nl, sizeof nl);
	words_nearest(WORDS_EN, "Deutz", "Keulen", 3.2, en, sizeof en);
	assert_dutch(nl, en, "nearest listed");

	memset(&hit, 0, sizeof hit);
	snprintf(hit.name, sizeof hit.name, "Brest");
	snprintf(hit.country, sizeof hit.country, "BY");
	hit.population = 300715;
	hit.nsame = 1;
	words_place_note(WORDS_NL, "Brest", NULL, &hit, nl, sizeof nl);
	words_place_note(WORDS_EN, "Brest", NULL, &hit, en, sizeof en);
	assert_dutch(nl, en, "place note");
	words_place_note(WORDS_NL, "Brest", "BY", &hit, nl, sizeof nl);
	words_place_note(WORDS_EN, "Brest", "BY", &hit, en, sizeof en);
	assert_dutch(nl, en, "place note with a country");
	ck_assert_int_eq(n, 2 * (DEC_REASON_DOMESTIC + 1) +
	    2 * (DEC_ADVICE_ECONOMY + 1));
}
END_TEST

START_TEST(utf8_scrub_keeps_only_valid_sequences)
{
	char	s[64];

	snprintf(s, sizeof s, "Keulen");
	ck_assert_str_eq(dec_utf8_scrub(s), "Keulen");
	snprintf(s, sizeof s, "K\xc3\xb6ln Li\xc3\xa8ge");
	ck_assert_str_eq(dec_utf8_scrub(s), "K\xc3\xb6ln Li\xc3\xa8ge");
	/* A stray continuation byte, a cut sequence, an overlong '/', a
	 * surrogate: each dropped, what is around them kept. */
	snprintf(s, sizeof s, "ab\x80" "cd");
	ck_assert_str_eq(dec_utf8_scrub(s), "abcd");
	snprintf(s, sizeof s, "K\xc3\xb6ln\xc3");
	ck_assert_str_eq(dec_utf8_scrub(s), "K\xc3\xb6ln");
	snprintf(s, sizeof s, "\xc0\xafx\xed\xa0\x80y\xf0\x9f\x9a\x86");
	ck_assert_str_eq(dec_utf8_scrub(s), "xy\xf0\x9f\x9a\x86");
	snprintf(s, sizeof s, "\xff");
	ck_assert_str_eq(dec_utf8_scrub(s), "");
	ck_assert(dec_utf8_valid("Li\xc3\xa8ge", 7, NULL));
}
END_TEST

START_TEST(policy_defaults)
{
	struct dec_policy	p;

	dec_policy_defaults(&p);
	ck_assert_int_eq(p.version, 1);
	ck_assert_str_eq(p.origin_name, "Gent-Sint-Pieters");
	ck_assert_str_eq(p.origin_country, "BE");
	ck_assert_double_eq_tol(p.origin_lat, 51.0356, TOL);
	ck_assert_double_eq_tol(p.origin_lon, 3.7106, TOL);
	ck_assert_str_eq(p.airport_code, "BRU");
	ck_assert_str_eq(p.airport_name, "Brussels Airport");
	ck_assert_double_eq_tol(p.airport_lat, 50.9014, TOL);
	ck_assert_double_eq_tol(p.airport_lon, 4.4844, TOL);
	ck_assert_double_eq_tol(p.near_km, 500, TOL);
	ck_assert_double_eq_tol(p.working_day_hours, 8, TOL);
	ck_assert_double_eq_tol(p.long_day_hours, 12, TOL);
	ck_assert_double_eq_tol(p.second_class_max_hours, 2, TOL);
	ck_assert_double_eq_tol(p.rail_detour, 1.2, TOL);
	ck_assert_double_eq_tol(p.road_detour, 1.3, TOL);
	ck_assert_double_eq_tol(p.coach_detour, 1.5, TOL);
	ck_assert_int_eq(p.car_capacity, 4);
}
END_TEST

/* One test case with the fixture. */
static TCase *
tcase(const char *name)
{
	TCase	*tc;

	tc = tcase_create(name);
	tcase_add_checked_fixture(tc, setup, NULL);
	return (tc);
}

/* All suites. */
static Suite *
decision_suite(SRunner **sr)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("names");
	tc = tcase("names");
	tcase_add_test(tc, names_round_trip);
	tcase_add_test(tc, names_wire);
	suite_add_tcase(s, tc);
	*sr = srunner_create(s);

	s = suite_create("geo");
	tc = tcase("geo");
	tcase_add_test(tc, geo_haversine);
	tcase_add_test(tc, geo_date_parse);
	tcase_add_test(tc, geo_date_format);
	suite_add_tcase(s, tc);
	srunner_add_suite(*sr, s);

	s = suite_create("calibrate");
	tc = tcase("calibrate");
	tcase_add_test(tc, calibrate_exact_line);
	tcase_add_test(tc, calibrate_noisy);
	tcase_add_test(tc, calibrate_fallback);
	suite_add_tcase(s, tc);
	srunner_add_suite(*sr, s);

	s = suite_create("thresholds");
	tc = tcase("thresholds");
	tcase_add_test(tc, thresholds_near);
	tcase_add_test(tc, thresholds_hours);
	tcase_add_test(tc, thresholds_are_policy);
	suite_add_tcase(s, tc);
	srunner_add_suite(*sr, s);

	s = suite_create("rules");
	tc = tcase("rules");
	tcase_add_test(tc, rule_listed);
	tcase_add_test(tc, rule_listed_off_zone);
	tcase_add_test(tc, rule_no_rail);
	tcase_add_test(tc, rule_near);
	tcase_add_test(tc, rule_near_boundary);
	tcase_add_test(tc, rule_working_day);
	tcase_add_test(tc, rule_working_day_estimated);
	tcase_add_test(tc, rule_night_or_long_day);
	tcase_add_test(tc, rule_night_train);
	tcase_add_test(tc, rule_far);
	suite_add_tcase(s, tc);
	srunner_add_suite(*sr, s);

	s = suite_create("scope");
	tc = tcase("scope");
	tcase_add_test(tc, scope_multi_day);
	tcase_add_test(tc, scope_day_trip);
	tcase_add_test(tc, scope_domestic);
	tcase_add_test(tc, scope_domestic_free_never_suggests_plane);
	suite_add_tcase(s, tc);
	srunner_add_suite(*sr, s);

	s = suite_create("permissions");
	tc = tcase("permissions");
	tcase_add_test(tc, permissions_mandatory);
	tcase_add_test(tc, permissions_recommended);
	tcase_add_test(tc, permissions_free);
	tcase_add_test(tc, permissions_infeasible);
	suite_add_tcase(s, tc);
	srunner_add_suite(*sr, s);

	s = suite_create("advice");
	tc = tcase("advice");
	tcase_add_test(tc, advice_online_first);
	tcase_add_test(tc, advice_class);
	suite_add_tcase(s, tc);
	srunner_add_suite(*sr, s);

	s = suite_create("estimates");
	tc = tcase("estimates");
	tcase_add_test(tc, estimate_cologne);
	tcase_add_test(tc, estimate_plane_access);
	tcase_add_test(tc, estimate_plane_airport);
	tcase_add_test(tc, footprint_lines);
	tcase_add_test(tc, estimate_plane_cabins);
	tcase_add_test(tc, estimate_haul_band);
	tcase_add_test(tc, estimate_car_vehicles);
	tcase_add_test(tc, estimate_train_without_rail_time);
	suite_add_tcase(s, tc);
	srunner_add_suite(*sr, s);

	s = suite_create("validation");
	tc = tcase("validation");
	tcase_add_test(tc, validate_request);
	tcase_add_test(tc, validate_truncation_keeps_utf8);
	tcase_add_test(tc, policy_defaults);
	tcase_add_test(tc, route_leg_by_leg);
	tcase_add_test(tc, utf8_scrub_keeps_only_valid_sequences);
	tcase_add_test(tc, words_dutch_for_every_reason_and_advice);
	suite_add_tcase(s, tc);
	srunner_add_suite(*sr, s);

	return (s);
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	decision_suite(&sr);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
