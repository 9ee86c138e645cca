/*
 * Geodesy and calendar: great-circle distance and YYYY-MM-DD dates as days
 * since 1970-01-01 (proleptic Gregorian calendar).
 */

#include <math.h>
#include <stdio.h>

#include "decision/decision.h"

#define EARTH_RADIUS_KM	6371.0088	/* IUGG mean radius R1 */
#define DATE_MIN_YEAR	1900
#define DATE_MAX_YEAR	9999

/* Degrees to radians. */
static double
radians(double deg)
{
	return (deg * (M_PI / 180.0));
}

/* Great-circle distance in km by the haversine formula. */
double
dec_haversine_km(double lat1, double lon1, double lat2, double lon2)
{
	double	dlat, dlon, a;

	dlat = radians(lat2 - lat1);
	dlon = radians(lon2 - lon1);
	a = sin(dlat / 2) * sin(dlat / 2) +
	    cos(radians(lat1)) * cos(radians(lat2)) *
	    sin(dlon / 2) * sin(dlon / 2);
	if (a > 1.0)		/* rounding near antipodes */
		a = 1.0;
	return (2.0 * EARTH_RADIUS_KM * asin(sqrt(a)));
}

/* Is y a leap year? */
static int
leap_year(long y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

/* Days in month m (1..12) of year y. */
static int
month_days(long y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && leap_year(y))
		return (29);
	return (days[m - 1]);
}

/*
 * Days since 1970-01-01 of a valid date.  H. Hinnant's days_from_civil:
 * years start on 1 March so that the leap day is the last of the year.
 */
static long
days_from_civil(long y, int m, int d)
{
	long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* The inverse of days_from_civil. */
static void
civil_from_days(long z, long *y, int *m, int *d)
{
	long	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* The calendar date of a day since 1970-01-01. */
void
dec_date_civil(long day, int *year, int *month, int *dom)
{
	long	y;

	civil_from_days(day, &y, month, dom);
	*year = (int)y;
}

/* Read n ASCII digits at s; return the number or -1. */
static long
digits(const char *s, int n)
{
	long	v = 0;
	int	i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (-1);
		v = v * 10 + (s[i] - '0');
	}
	return (v);
}

/* Parse exactly "YYYY-MM-DD" into days since 1970-01-01. */
int
dec_date_parse(const char *s, long *out)
{
	long	y, m, d;
	int	i;

	if (s == NULL)
		return (-1);
	for (i = 0; i < 10; i++) {
		if (s[i] == '\0')
			return (-1);
	}
	if (s[10] != '\0' || s[4] != '-' || s[7] != '-')
		return (-1);
	if ((y = digits(s, 4)) == -1 || (m = digits(s + 5, 2)) == -1 ||
	    (d = digits(s + 8, 2)) == -1)
		return (-1);
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || m < 1 || m > 12)
		return (-1);
	if (d < 1 || d > month_days(y, (int)m))
		return (-1);
	*out = days_from_civil(y, (int)m, (int)d);
	return (0);
}

/*
 * Write days since 1970-01-01 as "YYYY-MM-DD".  Days outside years
 * 0..9999 cannot be written in that form and give an empty string.
 */
void
dec_date_format(long days, char *buf, size_t len)
{
	long	y;
	int	m, d;

	if (buf == NULL || len == 0)
		return;
	buf[0] = '\0';
	if (days < days_from_civil(0, 1, 1) ||
	    days > days_from_civil(DATE_MAX_YEAR, 12, 31))
		return;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, len, "%04ld-%02d-%02d", y, m, d);
}
