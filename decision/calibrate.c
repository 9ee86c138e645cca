/*
 * Rail-time calibration: a least-squares line of rail hours against
 * great-circle km, fitted on the listed destinations with a sourced rail
 * time, so that the estimate for unlisted places improves as the list grows.
 */

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "decision/decision-int.h"

#define CAL_MIN_POINTS	3

/* The policy's speed model, used when there is nothing sound to fit. */
static void
calibrate_fallback(const struct dec_policy *p, const char *why,
    struct dec_calibration *cal)
{
	char	fixed[32], detour[32], kmh[32];

	cal->intercept = p->rail_fallback_fixed_hours;
	cal->slope = p->rail_fallback_kmh > 0 ?
	    p->rail_detour / p->rail_fallback_kmh : 0.0;
	cal->n = 0;
	cal->r2 = 0.0;
	dec_text_num(fixed, sizeof fixed, p->rail_fallback_fixed_hours, 2);
	dec_text_num(detour, sizeof detour, p->rail_detour, 2);
	dec_text_num(kmh, sizeof kmh, p->rail_fallback_kmh, 1);
	dec_text_set(cal->method, sizeof cal->method,
	    "estimate: %s h + great-circle km x %s / %s km/h, fallback speed "
	    "model (%s)", fixed, detour, kmh, why);
}

/* Fit hours = a + b * km on the points (least squares). */
void
dec_calibrate(const struct dec_policy *p, const struct dec_rail_point *pts,
    size_t npts, struct dec_calibration *cal)
{
	double	sx = 0, sy = 0, mx, my, sxx = 0, sxy = 0, syy = 0, dx, dy;
	double	a, b;
	size_t	i, n = 0;

	memset(cal, 0, sizeof *cal);

	/* Means first, then centred sums: stable for km in the thousands. */
	for (i = 0; i < npts; i++) {
		if (!isfinite(pts[i].km) || !isfinite(pts[i].hours) ||
		    pts[i].km < 0 || pts[i].hours < 0)
			continue;
		sx += pts[i].km;
		sy += pts[i].hours;
		n++;
	}
	if (n < CAL_MIN_POINTS) {
		calibrate_fallback(p, "fewer than 3 sourced rail times to fit",
		    cal);
		return;
	}
	mx = sx / (double)n;
	my = sy / (double)n;
	for (i = 0; i < npts; i++) {
		if (!isfinite(pts[i].km) || !isfinite(pts[i].hours) ||
		    pts[i].km < 0 || pts[i].hours < 0)
			continue;
		dx = pts[i].km - mx;
		dy = pts[i].hours - my;
		sxx += dx * dx;
		sxy += dx * dy;
		syy += dy * dy;
	}
	if (sxx <= 0 || sxy <= 0) {
		calibrate_fallback(p, "the fit has no positive slope", cal);
		return;
	}
	b = sxy / sxx;
	a = my - b * mx;

	cal->intercept = a;
	cal->slope = b;
	cal->n = (int)n;
	cal->r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1.0;
	dec_text_set(cal->method, sizeof cal->method,
	    "estimate: %.2f h + %.4f h/km x great-circle km, least-squares fit "
	    "on %d listed destinations with sourced rail times "
	    "(R\xc2\xb2 %.2f)",
	    a, b, cal->n, cal->r2);
}

/* Rail hours for a great-circle distance; never negative. */
double
dec_calibration_hours(const struct dec_calibration *cal, double km)
{
	double	h;

	h = cal->intercept + cal->slope * km;
	return (h > 0 ? h : 0.0);
}
