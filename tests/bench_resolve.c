/*
 * The driver of tests/bench_places.sh: how long resolving a place takes
 * with the world gazetteer, against the gazetteer of 2026-11 (European
 * places of 15 000 inhabitants or more and the capitals: 7 339 places,
 * kept in tests/bench-places-7339.tsv), in the same run.
 *
 * It seeds one database (list, gazetteer, borders, the zone built from
 * them) and loads two snapshots from it: one as seeded ("world") and one
 * after replacing the places by the 7 339 ("2026-11"; the list, the
 * borders and the zone stay).  Then, for each, the nanoseconds per
 * operation:
 *   by name:        dst_snapshot_resolve, then dst_snapshot_find_place when
 *                   the list does not know the name (what the daemon does),
 *                   for names on the list, names both gazetteers know,
 *                   names only the world's knows (the 2026-11 one answers
 *                   them with suggestions) and names nobody knows
 *                   (suggestions from both)
 *   by coordinates: dst_snapshot_country_at, dst_snapshot_in_rail_zone and
 *                   dst_snapshot_nearest_listed, each and all three
 * and the ratio world / 2026-11.  Also what a new snapshot costs (its
 * load, the first lookup by coordinates) and the gazetteer's memory.
 *
 * usage: bench_resolve DIR PLACES_7339 [SECONDS]
 *        (DIR: where the database goes)
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "destinations/snapshot/snapshot.h"

#define NPOINTS	1024

/* Names people type: on the list, in both gazetteers, only in the
 * world's, nowhere. */
static const char *const listed_names[] = {
	"Keulen", "Köln", "paris", "Neurenberg", "Luik", "Brugge",
};
static const char *const both_names[] = {
	"Wiesbaden", "Nottingham", "Burgas", "Tampere", "Leicester",
	"Saint-Raphaël", "Kraków", "Sevilla", "Tokio", "Reykjavik", "Bergen",
	"Frankfurt", "Valencia", "Palma",
};
static const char *const world_names[] = {
	"Boston", "New York", "Shanghai", "Montreal", "Heraklion", "Narvik",
	"Marrakech", "São Paulo",
};
static const char *const unknown_names[] = {
	"Atlantis Zuid", "Xyzzy", "Gent-Zuid-Noord", "Kölnn-am-See",
};
#define N(a)		(sizeof (a) / sizeof (a)[0])

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

/* By name as the daemon resolves it (daemon/decide.c): the list, then
 * the gazetteer, without suggestions; both again with suggestions only
 * when neither knows the name. */
static void
by_name(const struct dst_snapshot *s, const char *name)
{
	struct dst_suggestions	sugg, psugg;
	struct geo_place_hit	hit;

	if (dst_snapshot_resolve(s, name, NULL, NULL) != NULL)
		sink++;
	else if (dst_snapshot_find_place(s, name, NULL, &hit, NULL))
		sink += hit.population;
	else {
		(void)dst_snapshot_resolve(s, name, NULL, &sugg);
		(void)dst_snapshot_find_place(s, name, NULL, &hit, &psugg);
		sink += sugg.n + psugg.n;
	}
}

static void
op_name_listed(const struct dst_snapshot *s, size_t i)
{
	by_name(s, listed_names[i % N(listed_names)]);
}

static void
op_name_both(const struct dst_snapshot *s, size_t i)
{
	by_name(s, both_names[i % N(both_names)]);
}

static void
op_name_world(const struct dst_snapshot *s, size_t i)
{
	by_name(s, world_names[i % N(world_names)]);
}

static void
op_name_unknown(const struct dst_snapshot *s, size_t i)
{
	by_name(s, unknown_names[i % N(unknown_names)]);
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
row(const char *what, double world, double old, const char *unit)
{
	printf("%-48s %11.1f %11.1f %s  ratio %6.2f\n", what, world, old,
	    unit, old > 0 ? world / old : 0.0);
}

/* Replace the places table by the rows of a places.tsv (10 columns, as
 * in 2026-11, or 11 with alt). */
static void
places_replace(const char *db_path, const char *tsv)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	FILE		*f;
	char		 line[8192], *c[11], *p;
	int		 n, i, lineno = 0;

	if ((f = fopen(tsv, "r")) == NULL) {
		perror(tsv);
		exit(1);
	}
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK || sqlite3_exec(db, "BEGIN; DELETE FROM places", NULL,
	    NULL, NULL) != SQLITE_OK || sqlite3_prepare_v2(db, "INSERT INTO "
	    "places (geonameid, name, ascii, name_nl, name_en, country, lat, "
	    "lon, population, capital) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10)", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while (fgets(line, sizeof line, f) != NULL) {
		if (lineno++ == 0)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		for (n = 0, p = line, c[n++] = p; *p != '\0' && n < 11; p++)
			if (*p == '\t') {
				*p = '\0';
				c[n++] = p + 1;
			}
		if (n < 10) {
			fprintf(stderr, "%s: line %d: %d columns\n", tsv, lineno,
			    n);
			exit(1);
		}
		sqlite3_reset(st);
		for (i = 0; i < 10; i++)
			sqlite3_bind_text(st, i + 1, c[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
	}
	if (sqlite3_finalize(st) != SQLITE_OK ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_close(db);
	fclose(f);
	return;
fail:
	fprintf(stderr, "bench_resolve: %s: %s\n", tsv, sqlite3_errmsg(db));
	exit(1);
}

int
main(int argc, char **argv)
{
	static const struct {
		const char	*name;
		op_fn		*fn;
	} ops[] = {
		{ "by name, on the list", op_name_listed },
		{ "by name, in both gazetteers", op_name_both },
		{ "by name, in the world's only", op_name_world },
		{ "by name, unknown (suggestions)", op_name_unknown },
		{ "by coordinates: country_at", op_country },
		{ "by coordinates: in_rail_zone", op_zone },
		{ "by coordinates: nearest_listed", op_nearest },
		{ "by coordinates: all three", op_point },
	};
	struct dst_store	*st;
	struct dst_snapshot	*world, *old;
	char			 path[4096], *cause = NULL;
	double			 t0, seed_ms, world_ms, old_ms, w1, o1;
	size_t			 i;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: bench_resolve DIR PLACES_7339 "
		    "[SECONDS]\n");
		return (2);
	}
	if (argc == 4 && !((seconds = atof(argv[3])) > 0)) {
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
	world = load(st, &world_ms);
	w1 = first_point(world);

	/* The same database with the gazetteer of 2026-11. */
	places_replace(path, argv[2]);
	old = load(st, &old_ms);
	o1 = first_point(old);

	printf("world: %zu places; 2026-11: %zu places; both with %zu list "
	    "entries and the country borders\n",
	    dst_snapshot_place_count(world), dst_snapshot_place_count(old),
	    dst_snapshot_count(world));
	printf("first start (migrations, seed, the zone built from the "
	    "borders): %.0f ms\n\n", seed_ms);
	printf("%-48s %11s %11s\n", "", "world", "2026-11");
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		row(ops[i].name, ns_per_op(world, ops[i].fn),
		    ns_per_op(old, ops[i].fn), "ns/op");
	row("a new snapshot: load", world_ms, old_ms, "ms   ");
	row("a new snapshot: first lookup by coordinates", w1, o1, "ms   ");
	row("the gazetteer's memory", (double)dst_snapshot_place_bytes(world) /
	    1048576.0, (double)dst_snapshot_place_bytes(old) / 1048576.0,
	    "MiB  ");

	dst_snapshot_unref(world);
	dst_snapshot_unref(old);
	dst_store_close(st);
	dst_thread_cleanup();
	remove(path);
	return (sink == -1);
}
