/*
 * decision — the city's travel choice scheme and the CO2/time estimates.
 *
 * Pure C: no I/O, no allocation that outlives a call unless the name says
 * so (_new / _free).  Everything the rules and estimates depend on is data
 * passed in: a policy (thresholds, origin, detour factors, speeds), a factor
 * set (emission factors with their sources) and a rail-time calibration.
 *
 * Strings in the structs below are fixed-size buffers so that a result can
 * be copied, compared and freed without ownership questions.  Text that
 * does not fit is truncated (never overflowed).
 */
#ifndef TRIPMODE_DECISION_H
#define TRIPMODE_DECISION_H

#include <stdarg.h>
#include <stddef.h>

#define DEC_ID_MAX	64
#define DEC_NAME_MAX	128
#define DEC_SOURCE_MAX	256
#define DEC_TEXT_MAX	256
#define DEC_MAX_LINES	8

/* Modes in the order every answer lists them. */
enum dec_mode {
	DEC_MODE_TRAIN,
	DEC_MODE_PLANE,
	DEC_MODE_CAR,
	DEC_MODE_COACH,
	DEC_MODE_COUNT
};

/* Strengths, weakest first so that a cap is a MIN(). */
enum dec_strength {
	DEC_FREE,
	DEC_RECOMMENDED,
	DEC_MANDATORY
};

enum dec_scope {
	DEC_SCOPE_MULTI_DAY_FOREIGN,
	DEC_SCOPE_DAY_TRIP_FOREIGN,
	DEC_SCOPE_DOMESTIC
};

/* Rules in evaluation order; the first that applies decides. */
enum dec_rule {
	DEC_RULE_LISTED,
	DEC_RULE_NO_RAIL,
	DEC_RULE_NEAR,
	DEC_RULE_WORKING_DAY,
	DEC_RULE_NIGHT_OR_LONG_DAY,
	DEC_RULE_FAR
};

/* What a mode other than the ruled one needs (by the ruling's strength). */
enum dec_requires {
	DEC_REQUIRES_NOTHING,
	DEC_REQUIRES_JUSTIFICATION,	/* ruling is recommended */
	DEC_REQUIRES_EXCEPTION,		/* ruling is mandatory */
	DEC_REQUIRES_NOT_OFFERED	/* plane on a domestic trip */
};

enum dec_cabin {
	DEC_CABIN_ECONOMY,
	DEC_CABIN_PREMIUM_ECONOMY,
	DEC_CABIN_BUSINESS,
	DEC_CABIN_FIRST,
	DEC_CABIN_AVERAGE
};

/* Names used on the wire ("train", "mandatory", "near", ...). */
const char	*dec_mode_name(enum dec_mode);
const char	*dec_strength_name(enum dec_strength);
const char	*dec_scope_name(enum dec_scope);
const char	*dec_rule_name(enum dec_rule);
const char	*dec_requires_name(enum dec_requires);	/* NULL for NOTHING */
const char	*dec_cabin_name(enum dec_cabin);
/* Parse a wire name; return 0 and set *out, or -1 if unknown. */
int		 dec_mode_parse(const char *, enum dec_mode *);
int		 dec_strength_parse(const char *, enum dec_strength *);
int		 dec_cabin_parse(const char *, enum dec_cabin *);

/*
 * The policy: every threshold of the scheme and every assumption of the
 * estimates.  Loaded from data (destinations/), never hard-coded in rules.
 */
struct dec_policy {
	int	 version;
	char	 origin_name[DEC_NAME_MAX];	/* "Gent-Sint-Pieters" */
	char	 origin_country[3];		/* ISO 3166-1 alpha-2, "BE" */
	double	 origin_lat, origin_lon;
	char	 airport_code[8];		/* "BRU" */
	char	 airport_name[DEC_NAME_MAX];
	double	 airport_lat, airport_lon;
	double	 airport_access_hours;		/* rail origin -> airport,
						 * one way */

	double	 near_km;			/* 500: near if distance <= */
	double	 working_day_hours;		/* 8: working_day if rail <= */
	double	 long_day_hours;		/* 12: night_or_long_day
						 * if rail <= */
	double	 second_class_max_hours;	/* 2: 1st class
						 * allowed beyond */

	double	 rail_detour;			/* 1.2 */
	double	 road_detour;			/* 1.3 */
	double	 coach_detour;			/* 1.3 */
	int	 car_capacity;			/* 4 travellers a car */

	/* Door-to-door time model for modes without a timetable (estimates). */
	double	 car_kmh;			/* average over road distance */
	double	 coach_kmh;
	double	 plane_kmh;			/* block speed over
						 * great circle */
	double	 plane_fixed_hours;		/* check-in, security,
						 * taxi, exit */

	/* Rail-time estimate fallback if fewer than 3 points to calibrate. */
	double	 rail_fallback_kmh;		/* over rail distance */
	double	 rail_fallback_fixed_hours;

	/* Journeys over the rail network (estimates). */
	double	 rail_transfer_minutes;		/* per change of trains */
	double	 rail_regional_kmh;		/* hub -> place by train */
	double	 rail_bus_kmh;			/* hub -> place by bus */
	double	 rail_station_km;		/* a hub farther: by bus */
	int	 rail_nearest_hubs;		/* last leg chosen among */
};

/* One emission factor with its provenance. */
struct dec_factor {
	double	 value;
	char	 unit[32];			/* "kg CO2e/pkm",
						 * "kg CO2e/vkm" */
	char	 source[DEC_SOURCE_MAX];
};

/*
 * A rail factor of an operator's through trains ("Eurostar") or of a
 * country's rail ("FR"), with what it counts (basis) and its year.
 */
#define DEC_RAIL_FACTORS	64
#define DEC_BASIS_MAX		200
struct dec_rail_factor {
	char	 key[DEC_ID_MAX];		/* operator, or country code */
	int	 country;			/* 1: a country's */
	struct dec_factor f;			/* per passenger-km */
	char	 basis[DEC_BASIS_MAX];
	int	 year;
	int	 estimate;
};
/* Where a stretch of a route takes its factor from: an index into the
 * set's rail factors, or one of these. */
#define DEC_FACTOR_RAIL		(-1)		/* the set's rail factor */
#define DEC_FACTOR_COACH	(-2)		/* the set's coach factor */

/* A room-night's factor in a country. */
#define DEC_HOTEL_FACTORS	96
struct dec_hotel_factor {
	char	 country[3];
	struct dec_factor f;			/* kg CO2e per room-night */
	int	 year;
};

/*
 * A factor set (e.g. "DESNZ-2025").  Flight factors by band and cabin,
 * with and without radiative forcing; DESNZ flight factors already include
 * the 8 % routing uplift and apply to great-circle distance.
 */
struct dec_factor_set {
	char	 name[DEC_ID_MAX];
	int	 year;
	char	 source[DEC_SOURCE_MAX];
	struct dec_factor rail;			/* per passenger-km */
	struct dec_factor coach;		/* per passenger-km */
	struct dec_factor car;			/* per vehicle-km */
	double	 short_haul_max_km;		/* 3700 */
	/* [cabin] with RF / without RF; short haul has no premium/first rows:
	 * those cabins fall back as the source file documents. */
	struct dec_factor flight_short[5], flight_short_norf[5];
	struct dec_factor flight_long[5], flight_long_norf[5];
	/* Rail by operator and by country (may be none: then the rail
	 * factor for every leg). */
	int	 nrail;
	struct dec_rail_factor rail_by[DEC_RAIL_FACTORS];

	/*
	 * The whole trip (a set may have none of these: its footprint is
	 * then operation and radiative forcing only).  Fuel production
	 * (well-to-tank): of flights by band and cabin, of coach per pkm,
	 * of the car per vkm, and of rail as a share of each rail factor
	 * (value: kg of fuel production per kg of operation).  Flights of
	 * at most domestic_max_km (0: no such band) at the domestic factors
	 * (one row, every cabin).  Hotel nights by country, else
	 * hotel_default (value 0: no hotel line).
	 */
	int	 has_wtt;
	struct dec_factor wtt_short[5], wtt_long[5], wtt_domestic;
	struct dec_factor wtt_coach, wtt_car, wtt_rail_share;
	double	 domestic_max_km;
	struct dec_factor flight_domestic, flight_domestic_norf;
	int	 nhotel;
	struct dec_hotel_factor hotel[DEC_HOTEL_FACTORS];
	struct dec_factor hotel_default;
};
/* The hotel factor of a country; NULL if the set has none of its own
 * (then its hotel_default). */
const struct dec_hotel_factor *dec_hotel_factor_find(
	    const struct dec_factor_set *, const char *country);
/* The factor for a stretch of rail run by operator in country: the
 * operator's if it has one (and country is NULL: the whole leg is its
 * through train), else the country's, else DEC_FACTOR_RAIL. */
int	 dec_rail_factor_find(const struct dec_factor_set *,
	    const char *operator, const char *country);
/* The factor of a stretch (an index or DEC_FACTOR_RAIL / _COACH). */
const struct dec_factor *dec_stretch_factor(const struct dec_factor_set *,
	    int);

/*
 * Rail time as a function of great-circle distance, fitted on the listed
 * destinations with a sourced (not estimated) rail time:
 *	hours = intercept + slope * km
 */
struct dec_calibration {
	double	 intercept;
	double	 slope;
	int	 n;				/* points used; 0 = fallback */
	double	 r2;
	char	 method[DEC_TEXT_MAX];		/* human-readable,
						 * for answers */
};

/* A point used in calibration. */
struct dec_rail_point {
	double	 km;				/* great circle
						 * from the origin */
	double	 hours;				/* door to door, one way */
};

/* Fit points (least squares).  With fewer than 3 points, or a fit with a
 * slope <= 0, fall back to the policy's speed model.  Never fails. */
void	dec_calibrate(const struct dec_policy *, const struct dec_rail_point *,
	    size_t, struct dec_calibration *);
double	dec_calibration_hours(const struct dec_calibration *, double km);

/* The destination as the rules see it (resolved by destinations/). */
struct dec_place {
	char	 id[DEC_ID_MAX];		/* list id,
						 * or "" when unlisted */
	char	 name[DEC_NAME_MAX];
	char	 country[3];
	double	 lat, lon;
	int	 listed;			/* on the list and active */
	enum dec_mode list_mode;		/* when listed */
	enum dec_strength list_strength;	/* when listed */
	double	 rail_hours;			/* < 0: unknown or no rail */
	int	 rail_estimated;		/* the list's figure
						 * is an estimate */
	char	 rail_source[DEC_SOURCE_MAX];
	int	 night_train;
	int	 in_rail_zone;			/* inside the
						 * rail-connected zone */
	char	 zone_id[DEC_ID_MAX];		/* zone that decided
						 * in_rail_zone */
};

/*
 * A journey over the rail network, leg by leg: the trains (edges of the
 * network), changes between stations, and the last leg from the hub to
 * the place (regional train, or a bus where the place has no station on
 * the network).  Each leg's distance is split into stretches, by country
 * or as one operator's through train, each charged at its factor.  Built
 * by whoever holds the network (destinations/); dec_decide fills the CO2
 * into it, and the result points to it: it must outlive the result.
 */
#define DEC_ROUTE_LEGS	16
#define DEC_LEG_PARTS	4
enum dec_leg_kind {
	DEC_LEG_TRAIN,
	DEC_LEG_NIGHT,			/* a night train */
	DEC_LEG_FERRY,
	DEC_LEG_CHANGE,			/* between stations of one city */
	DEC_LEG_REGIONAL,		/* hub <-> place by regional train */
	DEC_LEG_BUS			/* hub <-> place by bus */
};
struct dec_leg_part {
	char	 country[3];
	double	 km;			/* one way, to 0.1 km */
	int	 factor;		/* see DEC_FACTOR_RAIL */
	double	 co2e_kg;		/* all travellers, both ways */
};
struct dec_route_leg {
	enum dec_leg_kind kind;
	/* Borrowed from whoever built the route (the network's hubs and
	 * edges, the place): never NULL. */
	const char *from, *to;
	const char *operator;			/* "" for none */
	int	 minutes;
	int	 estimated;		/* the leg's time is an estimate */
	int	 edge;			/* the network's edge, -1: none */
	double	 km;			/* one way: the parts' sum */
	int	 ncountries;		/* crossed, in order */
	char	 countries[DEC_LEG_PARTS][3];
	int	 nparts;
	struct dec_leg_part parts[DEC_LEG_PARTS];
	double	 co2e_kg;		/* all travellers, both ways */
};
struct dec_route {
	int	 found;			/* 0: the network does not reach */
	int	 network_version;
	int	 minutes;		/* door to door, one way */
	int	 transfers;
	int	 transfer_minutes;	/* allowed for each */
	int	 by_bus;		/* no station on the network near */
	double	 station_km;		/* from the last hub to the place */
	int	 night;			/* a night train of the trip's days
					 * reaches the place's hub */
	int	 night_edge;		/* that train's edge */
	int	 nlegs;
	struct dec_route_leg legs[DEC_ROUTE_LEGS];
};

/* The airport a flight lands at (see dec_request). */
struct dec_airport {
	char	 code[4];			/* IATA, "JFK" */
	char	 name[DEC_NAME_MAX];
	char	 country[3];
	double	 lat, lon;
	double	 km;				/* to the place, great circle */
};

/* Dates are days since 1970-01-01 (see dec_date_parse). */
struct dec_request {
	struct dec_place place;
	struct dec_route *route;		/* NULL: no network; its
						 * CO2 is filled in */
	int	 has_airport;			/* the flight lands at airport
						 * (else at the place itself) */
	struct dec_airport airport;
	long	 departure;
	long	 return_day;
	int	 travellers;			/* >= 1 */
	int	 online_possible;
	enum dec_cabin cabin;
};

struct dec_leg {
	double	 distance_km;			/* per traveller, both ways */
	double	 co2e_kg;			/* all travellers, both ways */
	struct dec_factor factor;
};

/*
 * A line of a mode's footprint: quantity x factor = co2e_kg (to 0.01 kg),
 * each line on its own, so that the mode's co2e_kg is the sum of its
 * lines and every line can be checked by hand.  The factor is f's value,
 * or derived from two: radiative forcing is f (with) less f2 (without);
 * rail fuel production is f (the rail factor) times f2 (the share).
 * f and f2 point into the factor set ruled with.
 */
enum dec_line_kind {
	DEC_LINE_OPERATION,			/* tank-to-wheel */
	DEC_LINE_FUEL,				/* well-to-tank */
	DEC_LINE_NON_CO2,			/* radiative forcing (plane) */
	DEC_LINE_HOTEL,				/* room-nights */
};
enum dec_line_part {
	DEC_PART_MAIN,				/* the journey itself */
	DEC_PART_ACCESS,			/* plane: to the airport */
	DEC_PART_EGRESS,			/* plane: from the airport */
	DEC_PART_STAY,				/* the nights there */
};
enum dec_line_derived {
	DEC_DERIVED_NONE,
	DEC_DERIVED_RF,				/* f - f2 */
	DEC_DERIVED_SHARE,			/* f x f2 */
};
#define DEC_MODE_LINES	24
struct dec_line {
	enum dec_line_kind kind;
	enum dec_line_part part;
	char	 key[DEC_ID_MAX];		/* the factor's: "DE",
						 * "Eurostar", "BE" (hotel) */
	double	 quantity;			/* all travellers, both ways */
	const char *unit;			/* "pkm", "vkm", "room-night" */
	double	 factor;			/* kg CO2e per unit */
	enum dec_line_derived derived;
	const struct dec_factor *f, *f2;
	const char *basis;			/* NULL: the set's */
	int	 year;
	int	 estimate;
	double	 co2e_kg;
};

struct dec_mode_estimate {
	enum dec_mode mode;
	int	 feasible;			/* 0: no figures
						 * (no surface route) */
	int	 allowed;			/* without
						 * justification/exception */
	enum dec_requires requires;
	double	 distance_km;			/* per traveller,
						 * out + return */
	double	 hours;				/* one way, door to door */
	int	 estimated;			/* hours are an estimate */
	char	 method[DEC_TEXT_MAX];		/* how hours were obtained */
	double	 co2e_kg;			/* all travellers,
						 * both ways (RF for plane) */
	double	 co2e_kg_per_traveller;
	double	 co2_kg_without_rf;		/* plane only;
						 * else == co2e_kg */
	int	 vehicles;			/* car only: cars needed */
	struct dec_factor factor;		/* main leg */
	int	 by_legs;			/* train: CO2 leg by leg
						 * (result's route) */
	int	 has_access;			/* plane: rail leg
						 * to the airport */
	struct dec_leg access;
	int	 has_egress;			/* plane: the airport it lands
						 * at -> the place */
	struct dec_leg egress;
	double	 flight_km;			/* plane: one way, airport to
						 * airport, great circle */
	int	 flight_band;			/* plane: 0 domestic, 1 short,
						 * 2 long haul */
	int	 hotel_nights;			/* room-nights per traveller */
	int	 night_saved;			/* train: a night train
						 * saved a hotel night */
	int	 nlines;
	struct dec_line lines[DEC_MODE_LINES];
};

/*
 * Why the ruling is what it is, one line each, as data: the renderer of
 * each output (the JSON answer, the Dutch and the English page) puts them
 * into words.  Each kind names the fields it uses.
 */
enum dec_reason_kind {
	DEC_REASON_LISTED,		/* on the list: mode, strength (the
					 * list's, before a scope cap) */
	DEC_REASON_NO_RAIL,		/* outside the rail-connected zone */
	DEC_REASON_NEAR,		/* km <= near_km */
	DEC_REASON_NOT_NEAR,		/* km > near_km */
	DEC_REASON_WORKING_DAY,		/* hours <= working_day_hours */
	DEC_REASON_LONG_DAY,		/* working_day < hours <= long_day */
	DEC_REASON_NIGHT_TRAIN,		/* a night train serves the place */
	DEC_REASON_NIGHT_TRAIN_FAR,	/* hours > long_day, a night train */
	DEC_REASON_FAR,			/* hours > long_day, no night train */
	DEC_REASON_DAY_TRIP,		/* scope: at most recommended */
	DEC_REASON_DOMESTIC		/* scope: at most recommended,
					 * no plane */
};

struct dec_reason {
	enum dec_reason_kind kind;
	enum dec_mode	 mode;			/* LISTED */
	enum dec_strength strength;		/* LISTED */
	double		 km;			/* great circle, one way */
	double		 near_km;		/* the policy's thresholds */
	double		 hours;			/* rail, one way */
	int		 estimated;		/* hours are an estimate */
	double		 working_day_hours;
	double		 long_day_hours;
};

/* What the traveller is advised besides the ruling. */
enum dec_advice_kind {
	DEC_ADVICE_ONLINE_FIRST,	/* consider a digital meeting first */
	DEC_ADVICE_TRAIN_ALTERNATIVE,	/* hours (estimated): the train */
	DEC_ADVICE_LOWEST_CO2,		/* mode, kg (to 0.1) */
	DEC_ADVICE_SECOND_CLASS,	/* rail journey up to hours */
	DEC_ADVICE_FIRST_CLASS,		/* rail journey over hours */
	DEC_ADVICE_ECONOMY		/* flights: economy class */
};

struct dec_advice {
	enum dec_advice_kind kind;
	enum dec_mode	 mode;
	double		 hours;
	int		 estimated;
	double		 kg;
};

struct dec_ruling {
	enum dec_mode mode;
	enum dec_strength strength;
	enum dec_rule rule;
	int	 nreasons;
	struct dec_reason reasons[DEC_MAX_LINES];
	int	 nadvice;
	struct dec_advice advice[DEC_MAX_LINES];
};

struct dec_result {
	enum dec_scope scope;
	int	 nights;
	int	 travellers;
	double	 distance_km;			/* great circle, one way */
	double	 rail_hours;			/* used by the rules
						 * (listed or estimate) */
	int	 rail_estimated;
	char	 rail_method[DEC_TEXT_MAX];
	const struct dec_route *route;		/* the request's, or NULL
						 * when it has none found */
	struct dec_ruling ruling;
	struct dec_mode_estimate modes[DEC_MODE_COUNT];	/* indexed by
							 * dec_mode */
};

/*
 * Errors of an input: every one of them, each with the field it concerns
 * ("destination.lat"; "" for the input as a whole), a code saying what is
 * wrong, and an English message.  Start a list zeroed (DEC_ERRORS_INIT),
 * add to it, and free it with dec_errors_clear.  Adding never fails and
 * never drops an error: the list grows (out of memory aborts) and the
 * message is made valid UTF-8 however a user's text in it was cut.
 */
enum dec_code {
	DEC_E_MALFORMED,	/* the input cannot be read at all */
	DEC_E_TYPE,		/* a value of the wrong type */
	DEC_E_UNKNOWN_FIELD,	/* a member nobody knows (usually a typo) */
	DEC_E_REQUIRED,		/* missing */
	DEC_E_EMPTY,		/* blank */
	DEC_E_TOO_LONG,
	DEC_E_RANGE,		/* a number out of its range */
	DEC_E_DATE,		/* not a calendar date YYYY-MM-DD */
	DEC_E_ORDER,		/* before what it must follow */
	DEC_E_CHOICE,		/* not one of the names allowed */
	DEC_E_FORMAT,		/* not of the form asked (a country code) */
	DEC_E_ENCODING,		/* not UTF-8, a NUL, a control character */
	DEC_E_DUPLICATE,	/* given twice */
	DEC_E_UNKNOWN_PLACE,	/* no place of that name */
	DEC_E_NOT_OFFERED,	/* a mode the ruling does not offer */
	DEC_E_CONFLICT,		/* at odds with what is stored */
	DEC_E_INVALID		/* anything else that is wrong */
};

struct dec_error {
	char		*field;
	int		 row;		/* record of a file (CSV), 0: none */
	enum dec_code	 code;
	char		*message;
};

struct dec_errors {
	struct dec_error *v;
	size_t		 n, cap;
};
#define DEC_ERRORS_INIT	{ NULL, 0, 0 }

/* "required", "unknown_field", ... as the API shows a code. */
const char	*dec_code_name(enum dec_code);
void	 dec_errors_add(struct dec_errors *, const char *field, enum dec_code,
	    const char *fmt, ...) __attribute__((__format__(__printf__, 4, 5)));
void	 dec_errors_add_row(struct dec_errors *, int row, const char *field,
	    enum dec_code, const char *fmt, ...)
	    __attribute__((__format__(__printf__, 5, 6)));
void	 dec_errors_vadd_row(struct dec_errors *, int row, const char *field,
	    enum dec_code, const char *fmt, va_list)
	    __attribute__((__format__(__printf__, 5, 0)));
/* Has field of row an error? */
int	 dec_errors_has(const struct dec_errors *, int row, const char *field);
/* The first error of a code, or NULL. */
const struct dec_error *dec_errors_find(const struct dec_errors *,
	    enum dec_code);
/* Is any error one of form (malformed, a wrong type, an unknown member)
 * rather than of content?  HTTP says 400 for those, 422 for the rest. */
int	 dec_errors_structural(const struct dec_errors *);
/* Append from's errors to to, fields prefixed ("trip."); from is emptied. */
void	 dec_errors_move(struct dec_errors *to, struct dec_errors *from,
	    const char *prefix);
/* Order by row, stable (a file's errors as they come in it). */
void	 dec_errors_sort_rows(struct dec_errors *);
void	 dec_errors_clear(struct dec_errors *);

/*
 * UTF-8.  dec_utf8_seq: the length (1-4) of the valid sequence at s (n
 * bytes left), 0 if none starts there.  dec_utf8_valid: is all of s
 * valid (*bad: the offset where not, if bad is not NULL)?
 * dec_utf8_prefix: how many bytes of s to keep to cut it at max bytes on
 * a character boundary.  dec_utf8_scrub: drop every byte of s that is not
 * part of a valid sequence, in place; returns s.  dec_clip: at most max
 * bytes of a user's text for a message, cut on a boundary and ended with
 * "..." when cut, in buf (len bytes); returns buf.
 */
size_t	 dec_utf8_seq(const unsigned char *, size_t);
int	 dec_utf8_valid(const char *, size_t, size_t *bad);
size_t	 dec_utf8_prefix(const char *, size_t max);
char	*dec_utf8_scrub(char *);
const char *dec_clip(char *buf, size_t len, const char *, size_t max);
/* Copy src into dst (len bytes), cut on a character boundary if it does
 * not fit; NULL copies "". */
void	 dec_copy(char *dst, size_t len, const char *src);
/* v rounded half away from zero to a number of decimals, as by hand. */
double	 dec_round(double v, int decimals);
/* A number with at most maxdec decimals (rounded half away from zero)
 * and no trailing zeros: 8, 7.25, -0.5. */
void	 dec_text_num(char *, size_t, double, int maxdec);

/* Great-circle distance in km (haversine, mean Earth radius 6371.0088 km). */
double	dec_haversine_km(double lat1, double lon1, double lat2, double lon2);

/*
 * Parse "YYYY-MM-DD" (a real calendar date, years 1900..9999) into days
 * since 1970-01-01.  Return 0, or -1 if the text is not such a date.
 * dec_date_format writes "YYYY-MM-DD" into a buffer of at least 11 bytes.
 */
int	dec_date_parse(const char *, long *);
void	dec_date_format(long, char *, size_t);
/* The year, month (1-12) and day (1-31) of a day since 1970-01-01. */
void	dec_date_civil(long, int *year, int *month, int *day);

/*
 * Apply the scheme to a request and estimate every mode.  Return 0, or -1
 * with the errors added to errs if the request is inconsistent (return
 * before departure, travellers < 1, coordinates out of range, ...).
 */
int	dec_decide(const struct dec_policy *, const struct dec_factor_set *,
	    const struct dec_calibration *, const struct dec_request *,
	    struct dec_result *, struct dec_errors *errs);

/*
 * Only the thresholds (near, working_day, night_or_long_day, far) applied
 * to a distance and a rail time (< 0: no rail): what the seed data uses to
 * set a listed entry's mode and strength.
 */
void	dec_rule_by_thresholds(const struct dec_policy *, double km,
	    double rail_hours, int night_train, enum dec_rule *,
	    enum dec_mode *, enum dec_strength *);

/* The default scheme (thresholds, origin, detours, speed model), as
 * data/policy.json has it.  The daemon uses what destinations/ loads; this
 * is for tests. */
void	dec_policy_defaults(struct dec_policy *);

#endif /* TRIPMODE_DECISION_H */
