/*
 * The airports with scheduled passenger service: found by IATA code, and
 * the nearest to a point (the one a flight to a place lands at).  Built
 * once from the rows it is given, then immutable and shared by reference
 * like the gazetteer.
 */

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/geo/geo-int.h"

struct geo_airports {
	atomic_int	 refs;
	struct geo_airport *v;		/* sorted by code once finished */
	size_t		 n, cap;
	struct geo_points *points;	/* v's, for the nearest */
};

struct geo_airports *
geo_airports_new(void)
{
	struct geo_airports	*a;

	if ((a = calloc(1, sizeof *a)) == NULL)
		return (NULL);
	atomic_init(&a->refs, 1);
	return (a);
}

void
geo_airports_ref(struct geo_airports *a)
{
	atomic_fetch_add_explicit(&a->refs, 1, memory_order_relaxed);
}

void
geo_airports_unref(struct geo_airports *a)
{
	if (a == NULL || atomic_fetch_sub_explicit(&a->refs, 1,
	    memory_order_acq_rel) != 1)
		return;
	geo_points_unref(a->points);
	free(a->v);
	free(a);
}

/* Add an airport (copied); 0, or -1 out of memory. */
int
geo_airports_add(struct geo_airports *a, const struct geo_airport *in)
{
	struct geo_airport	*nv;
	size_t			 cap;

	if (a->n == a->cap) {
		cap = a->cap == 0 ? 1024 : a->cap * 2;
		if ((nv = reallocarray(a->v, cap, sizeof *nv)) == NULL)
			return (-1);
		a->v = nv;
		a->cap = cap;
	}
	a->v[a->n++] = *in;
	return (0);
}

static int
code_cmp(const void *x, const void *y)
{
	return (strcmp(((const struct geo_airport *)x)->iata,
	    ((const struct geo_airport *)y)->iata));
}

/* Sort by code and index the points; 0, or -1 out of memory. */
int
geo_airports_finish(struct geo_airports *a)
{
	double	*lat, *lon;
	size_t	 i;

	if (a->n == 0)
		return (0);
	qsort(a->v, a->n, sizeof *a->v, code_cmp);
	if ((lat = calloc(a->n, sizeof *lat)) == NULL ||
	    (lon = calloc(a->n, sizeof *lon)) == NULL) {
		free(lat);
		return (-1);
	}
	for (i = 0; i < a->n; i++) {
		lat[i] = a->v[i].lat;
		lon[i] = a->v[i].lon;
	}
	a->points = geo_points_new(lat, lon, a->n);
	free(lat);
	free(lon);
	return (a->points != NULL ? 0 : -1);
}

size_t
geo_airports_count(const struct geo_airports *a)
{
	return (a != NULL ? a->n : 0);
}

/* The airport of an IATA code (three letters, any case); NULL if none. */
const struct geo_airport *
geo_airports_find(const struct geo_airports *a, const char *code)
{
	char	key[4];
	size_t	lo, hi, mid;
	int	c, i;

	if (a == NULL || code == NULL || strlen(code) != 3)
		return (NULL);
	for (i = 0; i < 3; i++) {
		if (!((code[i] >= 'A' && code[i] <= 'Z') ||
		    (code[i] >= 'a' && code[i] <= 'z')))
			return (NULL);
		key[i] = (char)(code[i] & ~0x20);
	}
	key[3] = '\0';
	for (lo = 0, hi = a->n; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(a->v[mid].iata, key)) == 0)
			return (&a->v[mid]);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

struct nearest_of {
	const struct geo_airports *a;
	int		 max_type;
	const char	*except;
};

static int
accept_type(size_t i, void *arg)
{
	const struct nearest_of	*n = arg;

	return ((int)n->a->v[i].type <= n->max_type && (n->except == NULL ||
	    strcmp(n->a->v[i].iata, n->except) != 0));
}

/* The nearest airport (see geo.h). */
const struct geo_airport *
geo_airports_nearest(const struct geo_airports *a, double lat, double lon,
    double within_km, const char *except, double *km)
{
	struct nearest_of	 n = { a, GEO_AIRPORT_MEDIUM, except };
	size_t			 i;

	*km = -1;
	if (a == NULL || a->points == NULL)
		return (NULL);
	i = geo_points_nearest(a->points, lat, lon, accept_type, &n, km);
	if (i < a->n && *km <= within_km)
		return (&a->v[i]);
	n.max_type = GEO_AIRPORT_SMALL;
	i = geo_points_nearest(a->points, lat, lon, accept_type, &n, km);
	return (i < a->n ? &a->v[i] : NULL);
}

void
geo_airports_warm(const struct geo_airports *a)
{
	if (a != NULL && a->points != NULL)
		geo_points_warm(a->points);
}

const char *
geo_airport_type_name(enum geo_airport_type t)
{
	return (t == GEO_AIRPORT_LARGE ? "large" : t == GEO_AIRPORT_MEDIUM ?
	    "medium" : "small");
}
