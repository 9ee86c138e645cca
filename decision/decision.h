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

/* Rules in evaluation order (SPEC §2); the first that applies decides. */
enum dec_rule {
	DEC_RULE_LISTED,
	DEC_RULE_NO_RAIL,
	DEC_RULE_NEAR,
	DEC_RULE_WORKING_DAY,
	DEC_RULE_NIGHT_OR_LONG_DAY,
	DEC_RULE_FAR
};

/* What a mode other than the ruled one needs (SPEC §2 strengths). */
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
	double	 airport_access_hours;		/* rail origin -> airport, one way */

	double	 near_km;			/* 500: near if distance <= */
	double	 working_day_hours;		/* 8: working_day if rail <= */
	double	 long_day_hours;		/* 12: night_or_long_day if rail <= */
	double	 second_class_max_hours;	/* 2: 1st class allowed beyond */

	double	 rail_detour;			/* 1.2 */
	double	 road_detour;			/* 1.3 */
	double	 coach_detour;			/* 1.3 */
	int	 car_capacity;			/* 4 travellers a car */

	/* Door-to-door time model for modes without a timetable (estimates). */
	double	 car_kmh;			/* average over road distance */
	double	 coach_kmh;
	double	 plane_kmh;			/* block speed over great circle */
	double	 plane_fixed_hours;		/* check-in, security, taxi, exit */

	/* Rail-time estimate fallback if fewer than 3 points to calibrate. */
	double	 rail_fallback_kmh;		/* over rail distance */
	double	 rail_fallback_fixed_hours;
};

/* One emission factor with its provenance. */
struct dec_factor {
	double	 value;
	char	 unit[32];			/* "kg CO2e/pkm", "kg CO2e/vkm" */
	char	 source[DEC_SOURCE_MAX];
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
};

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
	char	 method[DEC_TEXT_MAX];		/* human-readable, for answers */
};

/* A point used in calibration. */
struct dec_rail_point {
	double	 km;				/* great circle from the origin */
	double	 hours;				/* door to door, one way */
};

/* Fit points (least squares).  With fewer than 3 points, or a fit with a
 * slope <= 0, fall back to the policy's speed model.  Never fails. */
void	dec_calibrate(const struct dec_policy *, const struct dec_rail_point *,
	    size_t, struct dec_calibration *);
double	dec_calibration_hours(const struct dec_calibration *, double km);

/* The destination as the rules see it (resolved by destinations/). */
struct dec_place {
	char	 id[DEC_ID_MAX];		/* list id, or "" when unlisted */
	char	 name[DEC_NAME_MAX];
	char	 country[3];
	double	 lat, lon;
	int	 listed;			/* on the list and active */
	enum dec_mode list_mode;		/* when listed */
	enum dec_strength list_strength;	/* when listed */
	double	 rail_hours;			/* < 0: unknown or no rail */
	int	 rail_estimated;		/* the list's figure is an estimate */
	char	 rail_source[DEC_SOURCE_MAX];
	int	 night_train;
	int	 in_rail_zone;			/* inside the rail-connected zone */
	char	 zone_id[DEC_ID_MAX];		/* zone that decided in_rail_zone */
};

/* Dates are days since 1970-01-01 (see dec_date_parse). */
struct dec_request {
	struct dec_place place;
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

struct dec_mode_estimate {
	enum dec_mode mode;
	int	 feasible;			/* 0: no figures (no surface route) */
	int	 allowed;			/* without justification/exception */
	enum dec_requires requires;
	double	 distance_km;			/* per traveller, out + return */
	double	 hours;				/* one way, door to door */
	int	 estimated;			/* hours are an estimate */
	char	 method[DEC_TEXT_MAX];		/* how hours were obtained */
	double	 co2e_kg;			/* all travellers, both ways (RF for plane) */
	double	 co2e_kg_per_traveller;
	double	 co2_kg_without_rf;		/* plane only; else == co2e_kg */
	int	 vehicles;			/* car only: cars needed */
	struct dec_factor factor;		/* main leg */
	int	 has_access;			/* plane: rail leg to the airport */
	struct dec_leg access;
};

struct dec_ruling {
	enum dec_mode mode;
	enum dec_strength strength;
	enum dec_rule rule;
	int	 nreasons;
	char	 reasons[DEC_MAX_LINES][DEC_TEXT_MAX];
	int	 nadvice;
	char	 advice[DEC_MAX_LINES][DEC_TEXT_MAX];
};

struct dec_result {
	enum dec_scope scope;
	int	 nights;
	int	 travellers;
	double	 distance_km;			/* great circle, one way */
	double	 rail_hours;			/* used by the rules (listed or estimate) */
	int	 rail_estimated;
	char	 rail_method[DEC_TEXT_MAX];
	struct dec_ruling ruling;
	struct dec_mode_estimate modes[DEC_MODE_COUNT];	/* indexed by dec_mode */
};

/* Great-circle distance in km (haversine, mean Earth radius 6371.0088 km). */
double	dec_haversine_km(double lat1, double lon1, double lat2, double lon2);

/*
 * Parse "YYYY-MM-DD" (a real calendar date, years 1900..9999) into days
 * since 1970-01-01.  Return 0, or -1 if the text is not such a date.
 * dec_date_format writes "YYYY-MM-DD" into a buffer of at least 11 bytes.
 */
int	dec_date_parse(const char *, long *);
void	dec_date_format(long, char *, size_t);

/*
 * Apply the scheme to a request and estimate every mode.  Return 0, or -1
 * with a message in err (of errlen bytes) if the request is inconsistent
 * (return before departure, travellers < 1, coordinates out of range).
 */
int	dec_decide(const struct dec_policy *, const struct dec_factor_set *,
	    const struct dec_calibration *, const struct dec_request *,
	    struct dec_result *, char *err, size_t errlen);

/*
 * Only the thresholds (near, working_day, night_or_long_day, far) applied
 * to a distance and a rail time (< 0: no rail): what the seed data uses to
 * set a listed entry's mode and strength.
 */
void	dec_rule_by_thresholds(const struct dec_policy *, double km,
	    double rail_hours, int night_train, enum dec_rule *,
	    enum dec_mode *, enum dec_strength *);

/* Defaults of SPEC §2/§3 (thresholds, origin, detours, speed model).  The
 * daemon uses what destinations/ loads; this is for tests and seeding. */
void	dec_policy_defaults(struct dec_policy *);

#endif /* TRIPMODE_DECISION_H */
