/*
 * Unit tests of the gazetteer (destinations/places.c): the places and
 * countries tables filled from the embedded extracts (on a new database,
 * after an upgrade from schema 3, by dst_places_import, never again after
 * an administrator emptied them), and names resolved to places: accents,
 * ASCII and Dutch names, several places of one name, the country filter,
 * whole-word prefixes, suggestions.
 *
 * Every test opens its own database file under one mkdtemp directory,
 * inside the test function (which runs in Check's forked child).
 */

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "destinations/snapshot/snapshot.h"
#include "destinations/embedded.h"
#include "tests/check_util.h"

/* The shared fixture (tests/check_util.c) under this file's names. */
#define db_path		check_db_path
#define sql_long	check_sql_long
#define sql_exec	check_sql_exec

/* Lines of an embedded TSV but the header: the rows to expect. */
static long
tsv_rows(const char *path)
{
	const struct dst_embedded	*f;
	size_t				 i;
	long				 n = 0;

	for (f = dst_embedded_files; f->path != NULL; f++)
		if (strcmp(f->path, path) == 0)
			break;
	ck_assert_ptr_nonnull(f->path);
	for (i = 0; i < f->len; i++)
		n += f->data[i] == '\n';
	if (f->len > 0 && f->data[f->len - 1] != '\n')
		n++;
	return (n - 1);
}

static long
tsv_places(void)
{
	return (tsv_rows("data/places.tsv"));
}

/* Open (creating, seeding) the store at path. */
static struct dst_store *
store_open(const char *path)
{
	struct dst_store	*st;
	char			*cause = NULL;

	st = dst_store_open(path, &cause);
	ck_assert_msg(st != NULL, "dst_store_open: %s", cause);
	return (st);
}

/* A snapshot of the database at path. */
static struct dst_snapshot *
snapshot_of(const char *path)
{
	struct dst_store	*st = store_open(path);
	struct dst_snapshot	*s;
	char			*cause = NULL;

	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "dst_snapshot_load: %s", cause);
	dst_store_close(st);
	return (s);
}

/* A snapshot of a new database (the one every resolve test uses). */
static struct dst_snapshot *
snapshot_fresh(void)
{
	char	path[PATH_MAX];

	db_path(path, sizeof path);
	return (snapshot_of(path));
}

/* Find text (in country) and expect the place name/cc. */
static void
expect_place(const struct dst_snapshot *s, const char *text,
    const char *country, const char *name, const char *cc,
    struct geo_place_hit *hit)
{
	struct dst_suggestions	sugg;

	ck_assert_msg(dst_snapshot_find_place(s, text, country, hit, &sugg) ==
	    1, "\"%s\" (%s) not found; first suggestion %s", text,
	    country != NULL ? country : "any country",
	    sugg.n > 0 ? sugg.names[0] : "none");
	ck_assert_msg(strcmp(hit->name, name) == 0 &&
	    strcmp(hit->country, cc) == 0, "\"%s\" (%s): %s (%s), expected "
	    "%s (%s)", text, country != NULL ? country : "any country",
	    hit->name, hit->country, name, cc);
}

/* --- filling ----------------------------------------------------------- */

START_TEST(test_fill_fresh)
{
	struct dst_store	*st;
	struct dst_snapshot	*s;
	char			 path[PATH_MAX];
	long			 n = tsv_places();

	db_path(path, sizeof path);
	st = store_open(path);
	ck_assert_int_ge(dst_store_schema_version(st), 4);
	dst_store_close(st);

	/* At least Europe's towns of 15 000 and the world's capitals. */
	ck_assert_int_gt(n, 3000);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM places"), n);
	ck_assert_int_ge(sql_long(path, "SELECT count(*) FROM countries"),
	    200);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM meta WHERE "
	    "key = 'places_loaded_at'"), 1);
	ck_assert_int_ge(sql_long(path, "SELECT count(*) FROM places WHERE "
	    "capital = 1"), 150);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM places WHERE "
	    "country = 'JP' AND capital = 1 AND name = 'Tokyo'"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM countries WHERE "
	    "iso_a2 IN ('BE', 'NL', 'DE', 'FR', 'GB', 'IE', 'NO', 'MT') AND "
	    "json_extract(geojson, '$.type') IN ('Polygon', "
	    "'MultiPolygon')"), 8);
	/* The list is seeded as before. */
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM destinations"),
	    46);

	s = snapshot_of(path);
	ck_assert_uint_eq(dst_snapshot_place_count(s), (size_t)n);
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_fill_not_again)
{
	struct dst_store	*st;
	struct dst_snapshot	*s;
	struct geo_place_hit	 hit;
	char			 path[PATH_MAX], *cause = NULL;
	size_t			 np = 0, nc = 0, na = 0;

	db_path(path, sizeof path);
	dst_store_close(store_open(path));
	sql_exec(path, "UPDATE meta SET value = 'marker' WHERE key = "
	    "'places_loaded_at'; DELETE FROM places; DELETE FROM countries");

	/* Emptied by an administrator: they stay empty. */
	s = snapshot_of(path);
	ck_assert_uint_eq(dst_snapshot_place_count(s), 0);
	ck_assert_int_eq(dst_snapshot_find_place(s, "Tampere", NULL, &hit,
	    NULL), 0);
	dst_snapshot_unref(s);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM meta WHERE "
	    "key = 'places_loaded_at' AND value = 'marker'"), 1);

	/* import-places fills both again, in one go. */
	st = store_open(path);
	ck_assert_msg(dst_places_import(st, &np, &nc, &na, &cause) == 0, "%s",
	    cause);
	ck_assert_uint_eq(np, (size_t)tsv_places());
	ck_assert_uint_ge(nc, 200);
	ck_assert_uint_eq(na, (size_t)tsv_rows("data/airports.tsv"));
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM countries"),
	    (long)nc);
	/* ... twice: replaced, not added. */
	ck_assert_msg(dst_places_import(st, &np, &nc, &na, &cause) == 0, "%s",
	    cause);
	dst_store_close(st);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM places"),
	    (long)np);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM airports"),
	    (long)na);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM meta WHERE "
	    "key = 'places_loaded_at' AND value = 'marker'"), 0);
	s = snapshot_of(path);
	expect_place(s, "Tampere", NULL, "Tampere", "FI", &hit);
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_fill_after_upgrade)
{
	struct dst_store	*st;
	char			 path[PATH_MAX];

	/* A database as schema 3 left it: no places, no countries. */
	db_path(path, sizeof path);
	dst_store_close(store_open(path));
	sql_exec(path, "DROP TABLE places; DROP TABLE countries; "
	    "DROP TABLE airports; "
	    "DELETE FROM meta WHERE key = 'places_loaded_at'; "
	    "PRAGMA user_version = 3");
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'places'"), 0);

	st = store_open(path);
	ck_assert_int_ge(dst_store_schema_version(st), 4);
	dst_store_close(st);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM places"),
	    tsv_places());
	ck_assert_int_ge(sql_long(path, "SELECT count(*) FROM countries"),
	    200);
	/* Nothing else was seeded twice. */
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM destinations"),
	    46);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 1);
}
END_TEST

START_TEST(test_fill_after_upgrade_7)
{
	struct dst_snapshot	*s;
	struct geo_place_hit	 hit;
	char			 path[PATH_MAX];

	/* A database as schema 7 left it: places without alternate names
	 * or partners, no airports; the gazetteer loaded long ago. */
	db_path(path, sizeof path);
	dst_store_close(store_open(path));
	sql_exec(path, "DROP TABLE airports; ALTER TABLE places DROP COLUMN "
	    "alt; ALTER TABLE places DROP COLUMN partner; DELETE FROM places "
	    "WHERE country NOT IN ('BE', 'NL'); UPDATE meta SET value = "
	    "'2026-11-01T00:00:00Z' WHERE key = 'places_loaded_at'; "
	    "PRAGMA user_version = 7");
	ck_assert_int_lt(sql_long(path, "SELECT count(*) FROM places"),
	    2000);

	/* The upgrade fills the world in, airports and all. */
	s = snapshot_of(path);
	ck_assert_int_eq(sql_long(path, "PRAGMA user_version"), 8);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM places"),
	    tsv_places());
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM airports"),
	    tsv_rows("data/airports.tsv"));
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM places WHERE "
	    "geonameid = 261745 AND ('|' || alt || '|') LIKE "
	    "'%|Heraklion|%'"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT partner FROM places WHERE "
	    "geonameid = 2977246"), 1);
	expect_place(s, "Heraklion", NULL, "Irákleion", "GR", &hit);
	ck_assert_ptr_nonnull(dst_snapshot_airport(s, "JFK"));
	dst_snapshot_unref(s);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM meta WHERE "
	    "key = 'places_loaded_at' AND value LIKE '2026-11-%'"), 0);
}
END_TEST

/* --- resolution ---------------------------------------------------------- */

START_TEST(test_find_accents)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct geo_place_hit	 hit;
	static const struct {
		const char	*text, *name, *cc;
	} cases[] = {
		{ "Liège", "Liège", "BE" },
		{ "LIEGE", "Liège", "BE" },
		{ "liege", "Liège", "BE" },
		{ "Nürnberg", "Nürnberg", "DE" },
		{ "Nurnberg", "Nürnberg", "DE" },
		{ "Nuernberg", "Nürnberg", "DE" },	/* GeoNames' ASCII */
		{ "Nuremberg", "Nürnberg", "DE" },	/* English */
		{ "Kraków", "Kraków", "PL" },
		{ "krakow", "Kraków", "PL" },
		{ "Saint-Raphaël", "Saint-Raphaël", "FR" },
		{ "saint raphael", "Saint-Raphaël", "FR" },
		{ "Reykjavik", "Reykjavík", "IS" },
		{ "  tampere ", "Tampere", "FI" },
		{ "Brugge", "Brugge", "BE" },
		{ "Valletta", "Valletta", "MT" },
	};
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_place(s, cases[i].text, NULL, cases[i].name,
		    cases[i].cc, &hit);

	expect_place(s, "Liège", NULL, "Liège", "BE", &hit);
	ck_assert_int_eq(hit.geonameid, 2792413);
	ck_assert_int_gt(hit.population, 150000);
	ck_assert_double_eq_tol(hit.lat, 50.63, 0.05);
	ck_assert_double_eq_tol(hit.lon, 5.57, 0.05);
	ck_assert_int_eq(hit.capital, 0);
	ck_assert_int_eq(hit.nsame, 0);

	expect_place(s, "Reykjavík", NULL, "Reykjavík", "IS", &hit);
	ck_assert_int_eq(hit.capital, 1);
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_find_dutch)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct geo_place_hit	 hit;

	expect_place(s, "Neurenberg", NULL, "Nürnberg", "DE", &hit);
	ck_assert_str_eq(hit.name_nl, "Neurenberg");
	expect_place(s, "Luik", NULL, "Liège", "BE", &hit);
	ck_assert_str_eq(hit.name_nl, "Luik");
	expect_place(s, "luik", "BE", "Liège", "BE", &hit);
	expect_place(s, "Tokio", NULL, "Tokyo", "JP", &hit);
	expect_place(s, "Keulen", NULL, "Köln", "DE", &hit);

	/* Bergen: Bergen in Norway is the largest; Mons is Bergen in
	 * Dutch, chosen by country. */
	expect_place(s, "Bergen", NULL, "Bergen", "NO", &hit);
	ck_assert_int_ge(hit.nsame, 1);
	expect_place(s, "Bergen", "BE", "Mons", "BE", &hit);
	ck_assert_str_eq(hit.name_nl, "Bergen");
	ck_assert_int_eq(hit.nsame, 0);
	expect_place(s, "Bergen", "NO", "Bergen", "NO", &hit);
	ck_assert_int_eq(hit.nsame, 0);
	ck_assert_int_eq(dst_snapshot_find_place(s, "Bergen", "SE", &hit,
	    NULL), 0);
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_find_ambiguous)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct geo_place_hit	 hit;

	/* Frankfurt am Main (in English) and Frankfurt (Oder) (without
	 * its qualifier). */
	expect_place(s, "Frankfurt", NULL, "Frankfurt am Main", "DE", &hit);
	ck_assert_int_ge(hit.nsame, 1);
	ck_assert_int_gt(hit.population, 500000);
	expect_place(s, "Frankfurt", "DE", "Frankfurt am Main", "DE", &hit);
	ck_assert_int_ge(hit.nsame, 1);
	expect_place(s, "Frankfurt (Oder)", NULL, "Frankfurt (Oder)", "DE",
	    &hit);
	ck_assert_int_eq(hit.nsame, 0);
	expect_place(s, "frankfurt oder", NULL, "Frankfurt (Oder)", "DE",
	    &hit);
	expect_place(s, "Frankfurt am Main", NULL, "Frankfurt am Main", "DE",
	    &hit);
	ck_assert_int_eq(hit.nsame, 0);
	/* A whole word only: "Frank" is no prefix of Frankfurt. */
	ck_assert_int_eq(dst_snapshot_find_place(s, "Frank", "DE", &hit,
	    NULL), 0);

	/* Halle in Belgium, Halle in Westphalia, Halle (Saale): the
	 * largest. */
	expect_place(s, "Halle", NULL, "Halle (Saale)", "DE", &hit);
	ck_assert_int_ge(hit.nsame, 2);
	ck_assert_int_eq(hit.nothers, hit.nsame < GEO_OTHERS_MAX ? hit.nsame :
	    GEO_OTHERS_MAX);
	ck_assert_int_ge(hit.others[0].population, hit.others[1].population);
	ck_assert_int_le(hit.others[0].population, hit.population);
	expect_place(s, "Halle", "BE", "Halle", "BE", &hit);
	ck_assert_int_eq(hit.nsame, 0);

	/* Whole words of a longer name, when no name is the same. */
	expect_place(s, "Ludwigshafen", NULL, "Ludwigshafen am Rhein", "DE",
	    &hit);
	ck_assert_int_eq(hit.nsame, 0);
	expect_place(s, "brandenburg", "DE", "Brandenburg an der Havel", "DE",
	    &hit);

	/* The largest of the world's: Venezuela's, then Spain's. */
	expect_place(s, "Valencia", NULL, "Valencia", "VE", &hit);
	ck_assert_int_gt(hit.population, 1000000);
	expect_place(s, "Valencia", "ES", "Valencia", "ES", &hit);
	ck_assert_int_gt(hit.population, 700000);

	/* An exact name beats longer ones: Palma, not Palma del Río. */
	expect_place(s, "Palma", NULL, "Palma", "ES", &hit);
	ck_assert_int_eq(hit.nsame, 0);

	/* Brest in Belarus is larger than Brest in France. */
	expect_place(s, "Brest", NULL, "Brest", "BY", &hit);
	ck_assert_int_eq(hit.nsame, 1);
	expect_place(s, "Brest", "FR", "Brest", "FR", &hit);
	ck_assert_int_eq(hit.nsame, 0);

	/* Lille: the French one is on the list; the gazetteer also has the
	 * Belgian town. */
	expect_place(s, "Lille", "BE", "Lille", "BE", &hit);
	ck_assert_int_lt(hit.population, 50000);
	dst_snapshot_unref(s);
}
END_TEST

/* Beyond Europe: by the name people know, the largest of a name. */
START_TEST(test_find_world)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct geo_place_hit	 hit;

	ck_assert_uint_gt(dst_snapshot_place_count(s), 60000);
	/* Boston, Massachusetts, not Lincolnshire, which the answer names. */
	expect_place(s, "Boston", NULL, "Boston", "US", &hit);
	ck_assert_int_gt(hit.population, 500000);
	ck_assert_int_ge(hit.nsame, 1);
	ck_assert_int_ge(hit.nothers, 1);
	ck_assert_str_eq(hit.others[0].name, "Boston");
	ck_assert_str_eq(hit.others[0].country, "GB");
	ck_assert_int_lt(hit.others[0].population, 100000);
	expect_place(s, "Boston", "GB", "Boston", "GB", &hit);
	/* Whole words of a longer name; an alternate name. */
	expect_place(s, "New York", NULL, "New York City", "US", &hit);
	expect_place(s, "Shanghai", NULL, "Shanghai", "CN", &hit);
	expect_place(s, "Montreal", NULL, "Montréal", "CA", &hit);
	expect_place(s, "Vancouver", NULL, "Vancouver", "CA", &hit);
	expect_place(s, "Sao Paulo", NULL, "São Paulo", "BR", &hit);
	expect_place(s, "Casablanca", NULL, "Casablanca", "MA", &hit);
	expect_place(s, "Marrakech", NULL, "Marrakesh", "MA", &hit);
	expect_place(s, "Heraklion", NULL, "Irákleion", "GR", &hit);
	expect_place(s, "Cologne", NULL, "Köln", "DE", &hit);
	/* Places of 1 000 inhabitants in the rail zone. */
	expect_place(s, "Narvik", NULL, "Narvik", "NO", &hit);
	ck_assert_int_lt(hit.population, 15000);
	/* A partner place of the city wins over a larger one of its name:
	 * Saint-Raphaël (FR, 34 918) over Saint-Raphaël (HT, 37 739). */
	expect_place(s, "Saint-Raphaël", NULL, "Saint-Raphaël", "FR", &hit);
	ck_assert_int_ge(hit.nothers, 1);
	ck_assert_str_eq(hit.others[0].country, "HT");
	ck_assert_int_gt(hit.others[0].population, hit.population);
	/* By GeoNames id. */
	ck_assert_int_eq(dst_snapshot_place_by_id(s, 5128581, &hit), 1);
	ck_assert_str_eq(hit.name, "New York City");
	ck_assert_int_eq(hit.nothers, 0);
	ck_assert_int_eq(dst_snapshot_place_by_id(s, 1, &hit), 0);
	dst_snapshot_unref(s);
}
END_TEST

/* Airports: by IATA code, and the one a flight to a point lands at. */
START_TEST(test_airports)
{
	struct dst_snapshot		*s = snapshot_fresh();
	const struct geo_airport	*a;
	double				 km;

	ck_assert_uint_gt(dst_snapshot_airport_count(s), 3000);
	a = dst_snapshot_airport(s, "JFK");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->country, "US");
	ck_assert_int_eq(a->type, GEO_AIRPORT_LARGE);
	ck_assert_int_eq(a->geonameid, 5128581);	/* New York City */
	ck_assert_ptr_eq(dst_snapshot_airport(s, "jfk"), a);
	a = dst_snapshot_airport(s, "BRU");
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->geonameid, 2800866);	/* Brussels */
	ck_assert_ptr_null(dst_snapshot_airport(s, "JF"));
	ck_assert_ptr_null(dst_snapshot_airport(s, "JFKX"));
	ck_assert_ptr_null(dst_snapshot_airport(s, "J1K"));
	ck_assert_ptr_null(dst_snapshot_airport(s, "ZZZ"));

	/* Manhattan: LaGuardia (13 km) before JFK (21 km). */
	a = dst_snapshot_airport_near(s, 40.7143, -74.0060, 100, NULL, &km);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->iata, "LGA");
	ck_assert_double_gt(km, 10);
	ck_assert_double_lt(km, 15);
	/* Narvik: Harstad/Narvik Evenes, the medium airport 55 km off. */
	a = dst_snapshot_airport_near(s, 68.4384, 17.4272, 100, NULL, &km);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->iata, "EVE");
	/* Mid-Pacific: no large or medium one within 100 km; the nearest of
	 * any size, however far. */
	a = dst_snapshot_airport_near(s, 0, -150, 100, NULL, &km);
	ck_assert_ptr_nonnull(a);
	ck_assert_double_gt(km, 100);
	/* Never the airport a flight leaves from: Brussels lands at
	 * another. */
	a = dst_snapshot_airport_near(s, 50.8466, 4.3528, 100, NULL, &km);
	ck_assert_str_eq(a->iata, "BRU");
	a = dst_snapshot_airport_near(s, 50.8466, 4.3528, 100, "BRU", &km);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_ne(a->iata, "BRU");
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_find_unknown)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct geo_place_hit	 hit;
	struct dst_suggestions	 sugg;
	int			 i, j;

	ck_assert_int_eq(dst_snapshot_find_place(s, "Tamperre", NULL, &hit,
	    &sugg), 0);
	ck_assert_int_ge(sugg.n, 1);
	ck_assert_str_eq(sugg.names[0], "Tampere");
	ck_assert_str_eq(sugg.ids[0], "");

	/* The Dutch name that was closest is suggested as written. */
	ck_assert_int_eq(dst_snapshot_find_place(s, "Neurenburg", NULL, &hit,
	    &sugg), 0);
	ck_assert_int_ge(sugg.n, 1);
	ck_assert_str_eq(sugg.names[0], "Neurenberg");

	/* ASCII names suggest the real name. */
	ck_assert_int_eq(dst_snapshot_find_place(s, "Nuernbergg", NULL, &hit,
	    &sugg), 0);
	ck_assert_int_ge(sugg.n, 1);
	ck_assert_str_eq(sugg.names[0], "Nürnberg");

	/* At most 5, one per place. */
	ck_assert_int_eq(dst_snapshot_find_place(s, "Bergnn", NULL, &hit,
	    &sugg), 0);
	ck_assert_int_le(sugg.n, DST_MAX_SUGGESTIONS);
	ck_assert_int_ge(sugg.n, 2);
	for (i = 0; i < sugg.n; i++)
		for (j = i + 1; j < sugg.n; j++)
			ck_assert_str_ne(sugg.names[i], sugg.names[j]);

	/* The country filters suggestions too. */
	ck_assert_int_eq(dst_snapshot_find_place(s, "Tamperre", "SE", &hit,
	    &sugg), 0);
	ck_assert_int_eq(sugg.n, 0);

	ck_assert_int_eq(dst_snapshot_find_place(s, "Xyzzyqwv", NULL, &hit,
	    &sugg), 0);
	ck_assert_int_eq(sugg.n, 0);
	ck_assert_int_eq(dst_snapshot_find_place(s, "", NULL, &hit, &sugg), 0);
	ck_assert_int_eq(dst_snapshot_find_place(s, " -- ", NULL, &hit,
	    &sugg), 0);
	ck_assert_int_eq(dst_snapshot_find_place(s, NULL, NULL, &hit, NULL),
	    0);
	/* Bytes that are not UTF-8 are read as Latin-1, not refused. */
	ck_assert_int_eq(dst_snapshot_find_place(s, "Li\xe8ge", NULL, &hit,
	    NULL), 1);
	ck_assert_str_eq(hit.name, "Liège");
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_list_first)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct geo_place_hit	 hit;
	const struct dst_entry	*e;

	/* The list knows these names; the gazetteer too, but it comes
	 * second (jsonio_decision_request asks the list first). */
	e = dst_snapshot_resolve(s, "Wiesbaden", NULL, NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->id, "wiesbaden");
	expect_place(s, "Wiesbaden", NULL, "Wiesbaden", "DE", &hit);
	e = dst_snapshot_resolve(s, "Frankfurt", NULL, NULL);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->id, "frankfurt");
	ck_assert_ptr_null(dst_snapshot_resolve(s, "Tampere", NULL, NULL));
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_place_ruling_inputs)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct geo_place_hit	 hit;
	struct dec_place	 pl;
	static const struct {
		const char	*text, *country;
		int		 in_zone;
	} cases[] = {
		{ "Luik", "BE", 1 },
		{ "Brugge", "BE", 1 },
		{ "Neurenberg", "DE", 1 },
		{ "Leicester", "GB", 1 },
		{ "Tampere", "FI", 1 },
		{ "Varna", "BG", 1 },
		{ "Palma", "ES", 0 },
		{ "Ajaccio", "FR", 0 },
		{ "Cork", "IE", 0 },
		{ "Valletta", "MT", 0 },
		{ "Reykjavik", "IS", 0 },
		{ "Tokio", "JP", 0 },
	};
	size_t	i;

	/* A place found is ruled as an unlisted point: country from the
	 * gazetteer, rail time left to the estimate, zone from the
	 * snapshot. */
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(dst_snapshot_find_place(s, cases[i].text,
		    NULL, &hit, NULL), 1);
		dst_place_from_point(s, hit.name, hit.country, hit.lat,
		    hit.lon, &pl);
		ck_assert_str_eq(pl.country, cases[i].country);
		ck_assert_str_eq(pl.id, "");
		ck_assert_int_eq(pl.listed, 0);
		ck_assert(pl.rail_hours < 0);
		ck_assert_msg(pl.in_rail_zone == cases[i].in_zone,
		    "%s: in_rail_zone %d", cases[i].text, pl.in_rail_zone);
	}
	dst_snapshot_unref(s);
}
END_TEST

static Suite *
places_suite(void)
{
	Suite	*s = suite_create("places");
	TCase	*tc;

	tc = tcase_create("fill");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_fill_fresh);
	tcase_add_test(tc, test_fill_not_again);
	tcase_add_test(tc, test_fill_after_upgrade);
	tcase_add_test(tc, test_fill_after_upgrade_7);
	suite_add_tcase(s, tc);

	tc = tcase_create("find");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_find_accents);
	tcase_add_test(tc, test_find_dutch);
	tcase_add_test(tc, test_find_ambiguous);
	tcase_add_test(tc, test_find_world);
	tcase_add_test(tc, test_airports);
	tcase_add_test(tc, test_find_unknown);
	tcase_add_test(tc, test_list_first);
	tcase_add_test(tc, test_place_ruling_inputs);
	suite_add_tcase(s, tc);
	return (s);
}

/* Run the suite in a fresh temporary directory. */
int
main(void)
{
	if (check_tmpdir_init("check_places") == -1)
		return (1);
	return (check_run_suite(places_suite()));
}
