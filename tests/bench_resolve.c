/*
 * The driver of tests/bench_places.sh: how long resolving a place takes
 * with the full gazetteer and country borders, against the list alone, in
 * the same run.
 *
 * It seeds one database (list, gazetteer, borders, the zone built from
 * them) and loads two snapshots from it: one as seeded ("full") and one
 * after emptying the places and countries tables ("list alone"; the list
 * and the zone stay).  Then, for each, the nanoseconds per operation:
 *   by name:        dst_snapshot_resolve, then dst_snapshot_find_place when
 *                   the list does not know the name (what the daemon does),
 *                   for names found and for names nobody knows (suggestions)
 *   by coordinates: dst_snapshot_country_at, dst_snapshot_in_rail_zone and
 *                   dst_snapshot_nearest_listed, each and all three
 * and the ratio full / list alone.  Also what a new snapshot costs: its
 * load, and the first lookup by coordinates (WKB, prepared borders and the
 * STRtrees of the thread).
 *
 * usage: bench_resolve DIR [SECONDS]   (DIR: where the database goes)
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "destinations/snapshot/snapshot.h"

#define NPOINTS	1024

/* Names people type: on the list, in the gazetteer only, nowhere. */
static const char *const found_names[] = {
	"Keulen", "Köln", "paris", "Wiesbaden", "Nottingham", "Burgas",
	"Tampere", "Neurenberg", "Luik", "Brugge", "Leicester",
	"Saint-Raphaël", "Kraków", "Sevilla", "Tokio", "Reykjavik", "Bergen",
	"Frankfurt", "Valencia", "Palma",
};
static const char *const unknown_names[] = {
	"Atlantis", "Xyzzy", "Gent-Zuid-Noord", "Kölnn-am-See",
};
#define NFOUND		(sizeof found_names / sizeof found_names[0])
#define NUNKNOWN	(sizeof unknown_names / sizeof unknown_names[0])

static double	points[NPOINTS][2];	/* lat, lon */
static long	day;
static double	seconds = 1.0;
static volatile long sink;		/* keeps the work from
					 * being optimised away */

/* Monotonic seconds. */
static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* Points: three quarters in Europe, the rest anywhere (a fixed LCG). */
static void
points_make(void)
{
	unsigned long	x = 12345;
	double		u, v;
	int		i;

	for (i = 0; i < NPOINTS; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		u = (double)(x >> 11) / 9007199254740992.0;
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		v = (double)(x >> 11) / 9007199254740992.0;
		if (i % 4 != 3) {
			points[i][0] = 35 + 36 * u;
			points[i][1] = -10 + 50 * v;
		} else {
			points[i][0] = -60 + 135 * u;
			points[i][1] = -180 + 360 * v;
		}
	}
}

/* One operation of the benchmark on a snapshot, the i-th input. */
typedef void	op_fn(const struct dst_snapshot *, size_t);

/* By name: the list, then the gazetteer. */
static void
by_name(const struct dst_snapshot *s, const char *name)
{
	struct dst_suggestions	sugg, psugg;
	struct geo_place_hit	hit;

	if (dst_snapshot_resolve(s, name, NULL, &sugg) != NULL)
		sink++;
	else if (dst_snapshot_find_place(s, name, NULL, &hit, &psugg))
		sink += hit.population;
	else
		sink += psugg.n;
}

static void
op_name_found(const struct dst_snapshot *s, size_t i)
{
	by_name(s, found_names[i % NFOUND]);
}

static void
op_name_unknown(const struct dst_snapshot *s, size_t i)
{
	by_name(s, unknown_names[i % NUNKNOWN]);
}

static void
op_country(const struct dst_snapshot *s, size_t i)
{
	char	cc[3];

	sink += dst_snapshot_country_at(s, points[i % NPOINTS][0],
	    points[i % NPOINTS][1], cc);
}

static void
op_zone(const struct dst_snapshot *s, size_t i)
{
	sink += dst_snapshot_in_rail_zone(s, points[i % NPOINTS][0],
	    points[i % NPOINTS][1], NULL);
}

static void
op_nearest(const struct dst_snapshot *s, size_t i)
{
	double	km;

	if (dst_snapshot_nearest_listed(s, points[i % NPOINTS][0],
	    points[i % NPOINTS][1], day, &km) != NULL)
		sink += (long)km;
}

static void
op_point(const struct dst_snapshot *s, size_t i)
{
	op_country(s, i);
	op_zone(s, i);
	op_nearest(s, i);
}

/* Nanoseconds per operation, over about `seconds`. */
static double
ns_per_op(const struct dst_snapshot *s, op_fn *op)
{
	double	t0, t;
	size_t	i, n = 0, batch = 64;

	for (i = 0; i < batch; i++)	/* warm: this thread's trees */
		op(s, i);
	t0 = now();
	do {
		for (i = 0; i < batch; i++)
			op(s, n + i);
		n += batch;
		if (batch < 65536)
			batch *= 2;
	} while ((t = now() - t0) < seconds);
	return (t * 1e9 / (double)n);
}

/* Load a snapshot and time it. */
static struct dst_snapshot *
load(struct dst_store *st, double *ms)
{
	struct dst_snapshot	*s;
	char			*cause = NULL;
	double			 t0 = now();

	if ((s = dst_snapshot_load(st, NULL, &cause)) == NULL) {
		fprintf(stderr, "bench_resolve: %s\n", cause);
		exit(1);
	}
	*ms = (now() - t0) * 1e3;
	return (s);
}

/* The first lookup by coordinates on a new snapshot, in ms. */
static double
first_point(const struct dst_snapshot *s)
{
	double	t0 = now();

	op_point(s, 0);
	return ((now() - t0) * 1e3);
}

/* One line of the table. */
static void
row(const char *what, double full, double alone, const char *unit)
{
	printf("%-46s %11.1f %11.1f %s  ratio %7.2f\n", what, full, alone,
	    unit, alone > 0 ? full / alone : 0.0);
}

int
main(int argc, char **argv)
{
	static const struct {
		const char	*name;
		op_fn		*fn;
	} ops[] = {
		{ "by name, found (list, then gazetteer)", op_name_found },
		{ "by name, unknown (suggestions from both)", op_name_unknown },
		{ "by coordinates: country_at", op_country },
		{ "by coordinates: in_rail_zone", op_zone },
		{ "by coordinates: nearest_listed", op_nearest },
		{ "by coordinates: all three", op_point },
	};
	struct dst_store	*st;
	struct dst_snapshot	*full, *alone;
	sqlite3			*db = NULL;
	char			 path[4096], *cause = NULL;
	double			 t0, seed_ms, full_ms, alone_ms, f1, a1;
	size_t			 i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench_resolve DIR [SECONDS]\n");
		return (2);
	}
	if (argc == 3 && !((seconds = atof(argv[2])) > 0)) {
		fprintf(stderr, "bench_resolve: SECONDS must be > 0\n");
		return (2);
	}
	snprintf(path, sizeof path, "%s/bench-places.db", argv[1]);
	remove(path);
	(void)dec_date_parse("2027-03-08", &day);
	points_make();

	t0 = now();
	if ((st = dst_store_open(path, &cause)) == NULL) {
		fprintf(stderr, "bench_resolve: %s\n", cause);
		return (1);
	}
	seed_ms = (now() - t0) * 1e3;
	full = load(st, &full_ms);
	f1 = first_point(full);

	/* The same database without the gazetteer and the borders. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK || sqlite3_exec(db, "DELETE FROM places; "
	    "DELETE FROM countries", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_resolve: %s\n", sqlite3_errmsg(db));
		return (1);
	}
	sqlite3_close(db);
	alone = load(st, &alone_ms);
	a1 = first_point(alone);

	printf("full: %zu list entries, %zu places, and the country borders; "
	    "list alone: %zu entries, %zu places, no borders\n",
	    dst_snapshot_count(full), dst_snapshot_place_count(full),
	    dst_snapshot_count(alone), dst_snapshot_place_count(alone));
	printf("first start (migrations, seed, the zone built from the "
	    "borders): %.0f ms\n\n", seed_ms);
	printf("%-46s %11s %11s\n", "", "full", "list alone");
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		row(ops[i].name, ns_per_op(full, ops[i].fn),
		    ns_per_op(alone, ops[i].fn), "ns/op");
	row("a new snapshot: load", full_ms, alone_ms, "ms   ");
	row("a new snapshot: first lookup by coordinates", f1, a1, "ms   ");

	dst_snapshot_unref(full);
	dst_snapshot_unref(alone);
	dst_store_close(st);
	dst_thread_cleanup();
	remove(path);
	return (sink == -1);
}
