/*
 * decision — internals shared by the module's files.  Not for other
 * modules: they use decision.h.
 */
#ifndef TRIPMODE_DECISION_INT_H
#define TRIPMODE_DECISION_INT_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>

#include "decision/decision.h"

/*
 * Round half away from zero to 1/scale, as by hand.  The figures are
 * decimal products (0.1 km x 0.00001 kg/km), so the product is first
 * snapped to 1e-6 of the unit: 19.365 stored as 19.364999... rounds to
 * 19.37, as the reader of the answer would round it.
 */
static inline double
dec_round_to(double v, double scale)
{
	double	t;

	t = v * scale * 1e6;
	if (fabs(t) < 1e15)
		return (round(round(t) / 1e6) / scale);
	return (round(v * scale) / scale);
}

/* Round to 0.1 (distances, hours). */
static inline double
dec_round1(double v)
{
	return (dec_round_to(v, 10.0));
}

/* Round to 0.01 (kg CO2e). */
static inline double
dec_round2(double v)
{
	return (dec_round_to(v, 100.0));
}

/*
 * snprintf into a fixed buffer; on truncation, drop a UTF-8 sequence cut
 * in half so that the text stays valid UTF-8 (jansson rejects it otherwise).
 */
void	dec_text_vset(char *, size_t, const char *, va_list)
	    __attribute__((__format__(__printf__, 3, 0)));
void	dec_text_set(char *, size_t, const char *, ...)
	    __attribute__((__format__(__printf__, 3, 4)));

/*
 * Fill the figures of every mode in r->modes whose feasible flag the
 * caller has set (the others are zeroed).  Reads r->distance_km,
 * r->rail_hours, r->rail_estimated and r->rail_method.
 */
void	dec_estimate_modes(const struct dec_policy *,
	    const struct dec_factor_set *, const struct dec_calibration *,
	    const struct dec_request *, struct dec_result *);

#endif /* TRIPMODE_DECISION_INT_H */
