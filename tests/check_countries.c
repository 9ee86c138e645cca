/*
 * Unit tests of the country borders: the country of a point (borders,
 * islands, the sea, from several threads), the nearest listed destination,
 * and the rail-connected zone built from the borders and
 * data/rail-countries.json (what it keeps, what it leaves out, rebuilding
 * it as a new version).
 *
 * Every test opens its own database file under one mkdtemp directory,
 * inside the test function (which runs in Check's forked child).  The
 * borders are the ones compiled in (data/countries.geojson, Natural Earth).
 */

#include <check.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <geos_c.h>
#include <jansson.h>
#include <sqlite3.h>

#include "destinations/snapshot/snapshot.h"
#include "destinations/embedded.h"
#include "tests/check_util.h"

/* The shared fixture (tests/check_util.c) under this file's names. */
#define db_path		check_db_path
#define store_fresh	check_store_fresh
#define sql_long	check_sql_long
#define sql_exec	check_sql_exec

/* A snapshot of the store. */
static struct dst_snapshot *
snapshot(struct dst_store *st)
{
	struct dst_snapshot	*s;
	char			*cause = NULL;

	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "dst_snapshot_load: %s", cause);
	return (s);
}

/* A snapshot of a freshly seeded database. */
static struct dst_snapshot *
snapshot_fresh(void)
{
	struct dst_store	*st;
	struct dst_snapshot	*s;
	char			 path[PATH_MAX];

	st = store_fresh(path, sizeof path);
	s = snapshot(st);
	dst_store_close(st);
	return (s);
}

/* A day as days since the epoch. */
static long
day_of(const char *date)
{
	long	day;

	ck_assert_int_eq(dec_date_parse(date, &day), 0);
	return (day);
}

/* --- the country of a point ------------------------------------------- */

struct place {
	const char	*name;
	double		 lat, lon;
	const char	*cc;		/* "": in no country */
};

static const struct place places[] = {
	{ "Brugge", 51.2093, 3.2247, "BE" },
	{ "Liège", 50.6326, 5.5797, "BE" },
	{ "Maastricht", 50.8514, 5.6910, "NL" },
	{ "Köln", 50.9375, 6.9603, "DE" },
	{ "Palma", 39.5696, 2.6502, "ES" },
	{ "Ajaccio", 41.9192, 8.7386, "FR" },
	{ "Valletta", 35.8989, 14.5146, "MT" },
	{ "Cork", 51.8985, -8.4756, "IE" },
	{ "Belfast", 54.5973, -5.9301, "GB" },
	{ "the North Sea", 54.0, 3.0, "" },
	/* Coastal towns the generalised coastline leaves at sea. */
	{ "Copenhagen", 55.6761, 12.5683, "DK" },
	{ "Narvik", 68.4385, 17.4273, "NO" },
	{ "Bodø", 67.2804, 14.4049, "NO" },
	{ "Split", 43.5081, 16.4402, "HR" },
	{ "Monaco", 43.7384, 7.4246, "MC" },
	/* Exclaves, split and small countries. */
	{ "Kaliningrad", 54.7104, 20.4522, "RU" },
	{ "Dubrovnik", 42.6507, 18.0944, "HR" },
	{ "Istanbul (Europe)", 41.0082, 28.9784, "TR" },
	{ "Ankara", 39.9334, 32.8597, "TR" },
	{ "Nicosia", 35.1856, 33.3823, "CY" },
	{ "Pristina", 42.6629, 21.1655, "XK" },
	{ "Vaduz", 47.1410, 9.5209, "LI" },
	{ "Luxembourg", 49.6116, 6.1319, "LU" },
	{ "Gent-Sint-Pieters", 51.0356, 3.7106, "BE" },
	{ "Kanazawa", 36.5780, 136.6480, "JP" },
	{ "New York", 40.7128, -74.0060, "US" },
	{ "Suva", -18.1416, 178.4419, "FJ" },
	{ "the mid-Atlantic", 40.0, -40.0, "" },
	{ "the Pacific", 0.0, -150.0, "" },
};
#define NPLACES	(sizeof places / sizeof places[0])

START_TEST(test_country_at)
{
	struct dst_snapshot	*s = snapshot_fresh();
	char			 cc[3];
	size_t			 i;
	int			 r;

	for (i = 0; i < NPLACES; i++) {
		strcpy(cc, "??");
		r = dst_snapshot_country_at(s, places[i].lat, places[i].lon,
		    cc);
		ck_assert_msg(strcmp(cc, places[i].cc) == 0, "%s: \"%s\", "
		    "expected \"%s\"", places[i].name, cc, places[i].cc);
		ck_assert_int_eq(r, places[i].cc[0] != '\0');
	}
	strcpy(cc, "??");
	ck_assert_int_eq(dst_snapshot_country_at(s, NAN, 4.0, cc), 0);
	ck_assert_str_eq(cc, "");
	ck_assert_int_eq(dst_snapshot_country_at(s, 51.0, INFINITY, cc), 0);
	ck_assert_int_eq(dst_snapshot_country_at(s, 91.0, 4.0, cc), 0);
	ck_assert_int_eq(dst_snapshot_country_at(s, 51.0, -180.5, cc), 0);
	dst_snapshot_unref(s);
	dst_thread_cleanup();
}
END_TEST

/* Every border in the table is a valid Polygon or MultiPolygon for GEOS. */
/* A square country from (x, y) to (x + 1, y + 1). */
static void
square(struct geo_borders *b, const char *cc, double x, double y)
{
	char	 text[256], *cause = NULL;

	snprintf(text, sizeof text, "{\"type\":\"Polygon\",\"coordinates\":"
	    "[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}", x, y, x + 1, y,
	    x + 1, y + 1, x, y + 1, x, y);
	ck_assert_msg(geo_borders_add(b, cc, text, &cause) == 0, "%s", cause);
}

START_TEST(test_border_split)
{
	struct geo_borders	*b;
	struct geo_share	 sh[4];

	/* AA and BB side by side, CC across a strait of sea from BB. */
	ck_assert_ptr_nonnull(b = geo_borders_new());
	square(b, "AA", 0, 0);
	square(b, "BB", 1, 0);
	square(b, "CC", 3, 0);
	/* A quarter in AA, three quarters in BB, in that order. */
	ck_assert_uint_eq(geo_borders_split(b, 0.5, 0.75, 0.5, 2.0, sh, 4), 2);
	ck_assert_str_eq(sh[0].cc, "AA");
	ck_assert_str_eq(sh[1].cc, "BB");
	ck_assert_double_eq_tol(sh[0].share, 0.25 / 1.25, 1e-9);
	ck_assert_double_eq_tol(sh[1].share, 1.0 / 1.25, 1e-9);
	/* The other way: the other order. */
	ck_assert_uint_eq(geo_borders_split(b, 0.5, 2.0, 0.5, 0.75, sh, 4), 2);
	ck_assert_str_eq(sh[0].cc, "BB");
	ck_assert_str_eq(sh[1].cc, "AA");
	/* Across the strait: the sea shared out, 1 km of BB to 0.5 of CC. */
	ck_assert_uint_eq(geo_borders_split(b, 0.5, 1.0, 0.5, 3.5, sh, 4), 2);
	ck_assert_str_eq(sh[0].cc, "BB");
	ck_assert_str_eq(sh[1].cc, "CC");
	ck_assert_double_eq_tol(sh[0].share, 2.0 / 3.0, 1e-9);
	/* At most max: the longest stretch. */
	ck_assert_uint_eq(geo_borders_split(b, 0.5, 0.75, 0.5, 2.0, sh, 1), 1);
	ck_assert_str_eq(sh[0].cc, "BB");
	ck_assert_double_eq_tol(sh[0].share, 1.0, 1e-9);
	/* Within one, and through none. */
	ck_assert_uint_eq(geo_borders_split(b, 0.2, 0.2, 0.8, 0.8, sh, 4), 1);
	ck_assert_str_eq(sh[0].cc, "AA");
	ck_assert_uint_eq(geo_borders_split(b, 5, 5, 6, 6, sh, 4), 0);
	geo_borders_unref(b);
}
END_TEST

START_TEST(test_country_borders_valid)
{
	struct dst_store	*st;
	GEOSContextHandle_t	 ctx;
	GEOSGeoJSONReader	*r;
	GEOSGeometry		*g;
	sqlite3			*db = NULL;
	sqlite3_stmt		*stmt;
	char			 path[PATH_MAX];
	int			 n = 0, type;

	st = store_fresh(path, sizeof path);
	dst_store_close(st);
	ctx = GEOS_init_r();
	r = GEOSGeoJSONReader_create_r(ctx);
	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT iso_a2, geojson FROM "
	    "countries", -1, &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		g = GEOSGeoJSONReader_readGeometry_r(ctx, r,
		    (const char *)sqlite3_column_text(stmt, 1));
		ck_assert_msg(g != NULL, "%s: not GeoJSON",
		    sqlite3_column_text(stmt, 0));
		type = GEOSGeomTypeId_r(ctx, g);
		ck_assert_msg(type == GEOS_POLYGON || type ==
		    GEOS_MULTIPOLYGON, "%s: type %d",
		    sqlite3_column_text(stmt, 0), type);
		ck_assert_msg(GEOSisValid_r(ctx, g) == 1, "%s: not valid",
		    sqlite3_column_text(stmt, 0));
		GEOSGeom_destroy_r(ctx, g);
		n++;
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	GEOSGeoJSONReader_destroy_r(ctx, r);
	GEOS_finish_r(ctx);
	ck_assert_int_ge(n, 200);
}
END_TEST

struct country_thread {
	struct dst_snapshot	*s;
	int			 wrong;
};

/* 2000 lookups against the known answers. */
static void *
country_thread_main(void *arg)
{
	struct country_thread	*ct = arg;
	const struct place	*p;
	char			 cc[3];
	int			 i;

	for (i = 0; i < 2000; i++) {
		p = &places[(size_t)i % NPLACES];
		(void)dst_snapshot_country_at(ct->s, p->lat, p->lon, cc);
		if (strcmp(cc, p->cc) != 0)
			ct->wrong++;
	}
	dst_thread_cleanup();
	return (NULL);
}

START_TEST(test_country_threads)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct country_thread	 ct[2];
	pthread_t		 t[2];
	int			 i;

	/* Both threads start cold: each builds its own borders and tree. */
	for (i = 0; i < 2; i++) {
		ct[i].s = s;
		ct[i].wrong = 0;
		ck_assert_int_eq(pthread_create(&t[i], NULL,
		    country_thread_main, &ct[i]), 0);
	}
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
		ck_assert_int_eq(ct[i].wrong, 0);
	}
	dst_snapshot_unref(s);
	dst_thread_cleanup();
}
END_TEST

START_TEST(test_country_snapshots)
{
	struct dst_store	*st;
	struct dst_snapshot	*a, *b, *empty;
	struct dec_place	 pl;
	char			 path[PATH_MAX], cc[3];
	int			 i;

	st = store_fresh(path, sizeof path);
	a = snapshot(st);
	b = snapshot(st);
	/* Alternate: each switch rebuilds this thread's borders. */
	for (i = 0; i < 10; i++) {
		ck_assert_int_eq(dst_snapshot_country_at(i % 2 ? a : b,
		    50.6326, 5.5797, cc), 1);
		ck_assert_str_eq(cc, "BE");
	}
	dst_snapshot_unref(a);
	ck_assert_int_eq(dst_snapshot_country_at(b, 50.8514, 5.6910, cc), 1);
	ck_assert_str_eq(cc, "NL");

	/* Without borders: no country, but the zone still answers. */
	dst_store_close(st);
	sql_exec(path, "DELETE FROM countries");
	st = dst_store_open(path, NULL);
	ck_assert_ptr_nonnull(st);
	empty = snapshot(st);
	strcpy(cc, "??");
	ck_assert_int_eq(dst_snapshot_country_at(empty, 50.6326, 5.5797, cc),
	    0);
	ck_assert_str_eq(cc, "");
	dst_place_from_point(empty, "Liège", NULL, 50.6326, 5.5797, &pl);
	ck_assert_str_eq(pl.country, "");
	ck_assert_int_eq(pl.in_rail_zone, 1);
	ck_assert_int_eq(dst_snapshot_country_at(b, 50.6326, 5.5797, cc), 1);
	ck_assert_str_eq(cc, "BE");
	dst_snapshot_unref(empty);
	dst_snapshot_unref(b);
	dst_store_close(st);
	dst_thread_cleanup();
}
END_TEST

START_TEST(test_place_from_point)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct dec_place	 pl;

	/* No country given: the borders say. */
	dst_place_from_point(s, "Liège", NULL, 50.6326, 5.5797, &pl);
	ck_assert_str_eq(pl.country, "BE");
	ck_assert_int_eq(pl.in_rail_zone, 1);
	ck_assert_str_eq(pl.zone_id, "rail-europe");
	dst_place_from_point(s, "Palma", "", 39.5696, 2.6502, &pl);
	ck_assert_str_eq(pl.country, "ES");
	ck_assert_int_eq(pl.in_rail_zone, 0);
	ck_assert_str_eq(pl.zone_id, "rail-europe");
	dst_place_from_point(s, "", NULL, 54.0, 3.0, &pl);
	ck_assert_str_eq(pl.country, "");
	ck_assert_int_eq(pl.in_rail_zone, 0);

	/* A country given is kept, even where the borders disagree. */
	dst_place_from_point(s, "Baarle", "BE", 51.4416, 4.9261, &pl);
	ck_assert_str_eq(pl.country, "BE");
	dst_place_from_point(s, "x", "NL", 50.6326, 5.5797, &pl);
	ck_assert_str_eq(pl.country, "NL");
	dst_snapshot_unref(s);
	dst_thread_cleanup();
}
END_TEST

/* --- the zone built from the borders ---------------------------------- */

struct point {
	const char	*name;
	double		 lat, lon;
	int		 in;
};

static const struct point zone_points[] = {
	/* Off: islands without a fixed rail link, other continents. */
	{ "Palma", 39.5696, 2.6502, 0 },
	{ "Ajaccio", 41.9192, 8.7386, 0 },
	{ "Cagliari", 39.2238, 9.1217, 0 },
	{ "Cork", 51.8985, -8.4756, 0 },
	{ "Belfast", 54.5973, -5.9301, 0 },
	{ "Valletta", 35.8989, 14.5146, 0 },
	{ "Reykjavik", 64.1466, -21.9426, 0 },
	{ "Nicosia", 35.1856, 33.3823, 0 },
	{ "Las Palmas", 28.1235, -15.4363, 0 },
	{ "Heraklion", 35.3387, 25.1442, 0 },
	{ "Visby (Gotland)", 57.6348, 18.2948, 0 },
	{ "Borgholm (Öland)", 56.8790, 16.6560, 0 },
	{ "Newport (Isle of Wight)", 50.7010, -1.2883, 0 },
	{ "Kirkwall (Orkney)", 58.9810, -2.9600, 0 },
	{ "Douglas (Isle of Man)", 54.1523, -4.4861, 0 },
	{ "Rønne (Bornholm)", 55.1037, 14.7065, 0 },
	{ "Longyearbyen (Svalbard)", 78.2232, 15.6267, 0 },
	{ "Ceuta", 35.8894, -5.3213, 0 },
	{ "Ankara", 39.9334, 32.8597, 0 },
	{ "İzmir", 38.4237, 27.1428, 0 },
	{ "Yekaterinburg", 56.8389, 60.6057, 0 },
	{ "Tunis", 36.8065, 10.1815, 0 },
	{ "Kanazawa", 36.5780, 136.6480, 0 },
	/* On: the mainland, the connected islands, the exclaves. */
	{ "Nottingham", 52.9536, -1.1505, 1 },
	{ "Nürnberg", 49.4521, 11.0767, 1 },
	{ "Burgas", 42.5048, 27.4626, 1 },
	{ "Copenhagen", 55.6761, 12.5683, 1 },
	{ "Odense", 55.4038, 10.4024, 1 },
	{ "Palermo", 38.1157, 13.3615, 1 },
	{ "Edinburgh", 55.9533, -3.1883, 1 },
	{ "Lisbon", 38.7223, -9.1393, 1 },
	{ "Brugge", 51.2093, 3.2247, 1 },
	{ "Liège", 50.6326, 5.5797, 1 },
	{ "Istanbul (Europe)", 41.0082, 28.9784, 1 },
	{ "Moscow", 55.7558, 37.6173, 1 },
	{ "Narvik", 68.4385, 17.4273, 1 },
	{ "Kaliningrad", 54.7104, 20.4522, 1 },
	{ "Dubrovnik", 42.6507, 18.0944, 1 },
	{ "Pristina", 42.6629, 21.1655, 1 },
	{ "Vatican", 41.9029, 12.4534, 1 },
	{ "Venezia Santa Lucia", 45.4411, 12.3213, 1 },
	{ "Westerland (Sylt)", 54.9079, 8.3103, 1 },
	{ "Bergen auf Rügen", 54.4170, 13.4333, 1 },
	{ "Holyhead", 53.3094, -4.6331, 1 },
	{ "Portsmouth", 50.7985, -1.0913, 1 },
	{ "Nykøbing Falster", 54.7691, 11.8743, 1 },
	{ "Andorra la Vella", 42.5063, 1.5218, 1 },
	{ "Gibraltar", 36.1408, -5.3536, 1 },
};
#define NZONE_POINTS	(sizeof zone_points / sizeof zone_points[0])

START_TEST(test_zone_built)
{
	struct dst_store	*st;
	struct dst_snapshot	*s;
	struct dst_doc		 doc;
	json_t			*f, *props, *geom;
	char			 path[PATH_MAX], zone[DEC_ID_MAX],
				*cause = NULL;
	char			*text;
	const char		*desc;
	size_t			 i;
	int			 in;

	st = store_fresh(path, sizeof path);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM zones"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM zones WHERE "
	    "id = 'rail-europe' AND version = 1 AND created_by = 'seed'"), 1);

	ck_assert_msg(dst_zone_get(st, "rail-europe", &doc, &cause) == 0, "%s",
	    cause);
	f = doc.data;
	props = json_object_get(f, "properties");
	geom = json_object_get(f, "geometry");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(props,
	    "name")), "Rail-connected"));
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(props,
	    "source")), "Natural Earth"));
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(props,
	    "source")), "rail-countries.json"));
	desc = json_string_value(json_object_get(props, "description"));
	ck_assert_msg(strstr(desc, "Built from 4") != NULL, "%s", desc);
	ck_assert_msg(strstr(desc, "not found") == NULL, "%s", desc);
	ck_assert_str_eq(json_string_value(json_object_get(geom, "type")),
	    "MultiPolygon");
	/* The continent and Great Britain, a size an administrator can
	 * GET and PUT back (the daemon takes zones up to 1 MiB). */
	ck_assert_uint_eq(json_array_size(json_object_get(geom,
	    "coordinates")), 2);
	text = json_dumps(f, JSON_COMPACT);
	ck_assert_uint_lt(strlen(text), 1024 * 1024);
	free(text);
	dst_doc_clear(&doc);

	s = snapshot(st);
	for (i = 0; i < NZONE_POINTS; i++) {
		strcpy(zone, "junk");
		in = dst_snapshot_in_rail_zone(s, zone_points[i].lat,
		    zone_points[i].lon, zone);
		ck_assert_msg(in == zone_points[i].in, "%s: %d, expected %d",
		    zone_points[i].name, in, zone_points[i].in);
		ck_assert_str_eq(zone, "rail-europe");
	}
	/* Every listed destination but the four overseas is on it. */
	for (i = 0; i < dst_snapshot_count(s); i++) {
		const struct dst_entry	*e = dst_snapshot_entry(s, i);
		int			 off;

		off = strcmp(e->id, "dublin") == 0 ||
		    strcmp(e->id, "kanazawa") == 0 ||
		    strcmp(e->id, "mohammedia") == 0 ||
		    strcmp(e->id, "weihai") == 0;
		ck_assert_msg(e->in_rail_zone == !off, "%s: in_rail_zone %d",
		    e->id, e->in_rail_zone);
	}
	dst_snapshot_unref(s);
	dst_store_close(st);
	dst_thread_cleanup();
}
END_TEST

START_TEST(test_zone_islands_listed)
{
	const struct dst_embedded	*f;
	struct dst_snapshot		*s = snapshot_fresh();
	json_t				*conf, *v;
	size_t				 i;
	int				 n = 0;

	/* Every connected island and mainland point of the list is on. */
	for (f = dst_embedded_files; f->path != NULL; f++) {
		if (strcmp(f->path, "data/rail-countries.json") == 0)
			break;
	}
	ck_assert_ptr_nonnull(f->path);
	conf = json_loadb((const char *)f->data, f->len, 0, NULL);
	ck_assert_ptr_nonnull(conf);
	json_array_foreach(json_object_get(conf, "connected_islands"), i, v) {
		ck_assert_msg(dst_snapshot_in_rail_zone(s, json_number_value(
		    json_object_get(v, "lat")), json_number_value(
		    json_object_get(v, "lon")), NULL) == 1, "%s",
		    json_string_value(json_object_get(v, "name")));
		n++;
	}
	json_array_foreach(json_object_get(conf, "mainland"), i, v) {
		ck_assert_msg(dst_snapshot_in_rail_zone(s, json_number_value(
		    json_object_get(v, "lat")), json_number_value(
		    json_object_get(v, "lon")), NULL) == 1, "%s",
		    json_string_value(json_object_get(v, "name")));
	}
	ck_assert_int_ge(n, 10);
	json_decref(conf);
	dst_snapshot_unref(s);
	dst_thread_cleanup();
}
END_TEST

START_TEST(test_zone_rebuild)
{
	struct dst_settings_result	 res;
	struct dst_store		*st;
	struct dst_snapshot		*s;
	json_t				*j;
	char				 path[PATH_MAX], *cause = NULL;
	static const char		 box[] = "{\"type\":\"Feature\","
	    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,38],"
	    "[20,38],[20,55],[0,55],[0,38]]]}}";

	st = store_fresh(path, sizeof path);

	/* The same borders give the same zone: no new version. */
	ck_assert_msg(dst_rail_zone_rebuild(st, "import", &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM zones"), 1);

	/* An administrator replaces it; a rebuild replaces that again. */
	j = json_loads(box, 0, NULL);
	ck_assert_int_eq(dst_zone_put(st, "rail-europe", j, DST_VERSION_ANY,
	    "ops", &res, &cause), 0);
	json_decref(j);
	ck_assert_int_eq(res.outcome, DST_SETTINGS_STORED);
	dst_settings_result_clear(&res);
	s = snapshot(st);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, 39.5696, 2.6502, NULL),
	    1);
	dst_snapshot_unref(s);

	ck_assert_msg(dst_rail_zone_rebuild(st, "import", &cause) == 0, "%s",
	    cause);
	ck_assert_int_eq(sql_long(path, "SELECT max(version) FROM zones WHERE "
	    "id = 'rail-europe'"), 3);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM zones WHERE "
	    "version = 3 AND created_by = 'import'"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT (SELECT geojson FROM zones "
	    "WHERE version = 1) = (SELECT geojson FROM zones WHERE version = "
	    "3)"), 1);
	s = snapshot(st);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, 39.5696, 2.6502, NULL),
	    0);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, 52.9536, -1.1505, NULL),
	    1);
	dst_snapshot_unref(s);

	/* Without borders there is nothing to build from. */
	dst_store_close(st);
	sql_exec(path, "DELETE FROM countries");
	st = dst_store_open(path, NULL);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(dst_rail_zone_rebuild(st, "import", &cause), -1);
	ck_assert_msg(strstr(cause, "empty") != NULL, "%s", cause);
	free(cause);
	ck_assert_int_eq(sql_long(path, "SELECT max(version) FROM zones"), 3);
	dst_store_close(st);
	dst_thread_cleanup();
}
END_TEST

/* --- the nearest listed destination ----------------------------------- */

/* The nearest active entry by brute force. */
static const struct dst_entry *
nearest_brute(const struct dst_snapshot *s, double lat, double lon,
    long day, double *km)
{
	const struct dst_entry	*e, *best = NULL;
	double			 d;
	size_t			 i;

	for (i = 0; i < dst_snapshot_count(s); i++) {
		e = dst_snapshot_entry(s, i);
		if (!dst_entry_active(e, day))
			continue;
		d = dec_haversine_km(lat, lon, e->lat, e->lon);
		if (best == NULL || d < *km) {
			best = e;
			*km = d;
		}
	}
	return (best);
}

START_TEST(test_nearest_listed)
{
	struct dst_write_result	 res;
	struct dst_store	*st;
	struct dst_snapshot	*s;
	const struct dst_entry	*e, *b;
	char			 path[PATH_MAX], *cause = NULL;
	double			 km, bkm, lat, lon;
	long			 day = day_of("2027-03-08");

	st = store_fresh(path, sizeof path);
	s = snapshot(st);
	e = dst_snapshot_nearest_listed(s, 49.9929, 8.2473, day, &km);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->id, "wiesbaden");
	ck_assert_msg(km > 9 && km < 12, "Mainz-Wiesbaden %.1f km", km);
	e = dst_snapshot_nearest_listed(s, 52.6369, -1.1398, day, &km);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->id, "nottingham");
	ck_assert_msg(km > 30 && km < 40, "Leicester-Nottingham %.1f km", km);
	/* A listed place is its own nearest. */
	e = dst_snapshot_nearest_listed(s, 50.08601, 8.24435, day, &km);
	ck_assert_str_eq(e->id, "wiesbaden");
	ck_assert_double_lt(km, 0.01);
	ck_assert_ptr_null(dst_snapshot_nearest_listed(s, NAN, 8.0, day,
	    &km));
	ck_assert_double_eq(km, -1);

	/* The tree agrees with brute force everywhere: far from anything,
	 * near the poles, across the antimeridian. */
	for (lat = -85; lat <= 85; lat += 8.5) {
		for (lon = -179.5; lon <= 180; lon += 9.5) {
			e = dst_snapshot_nearest_listed(s, lat, lon, day, &km);
			b = nearest_brute(s, lat, lon, day, &bkm);
			ck_assert_ptr_nonnull(e);
			ck_assert_msg(fabs(km - bkm) < 1e-9, "(%g, %g): %s "
			    "%.3f km, brute force %s %.3f km", lat, lon, e->id,
			    km, b->id, bkm);
		}
	}
	dst_snapshot_unref(s);

	/* Retired from a day on: from then on Frankfurt is the nearest. */
	ck_assert_msg(dst_destination_retire(st, "wiesbaden", 0, day + 1,
	    "ops", &res, &cause) == 0, "%s", cause);
	s = snapshot(st);
	e = dst_snapshot_nearest_listed(s, 49.9929, 8.2473, day, NULL);
	ck_assert_str_eq(e->id, "wiesbaden");
	e = dst_snapshot_nearest_listed(s, 49.9929, 8.2473, day + 1, &km);
	ck_assert_str_eq(e->id, "frankfurt");
	ck_assert_msg(km > 20 && km < 40, "Mainz-Frankfurt %.1f km", km);
	dst_snapshot_unref(s);

	/* No active entry at all. */
	dst_store_close(st);
	sql_exec(path, "DELETE FROM destination_versions; "
	    "DELETE FROM destinations");
	st = dst_store_open(path, NULL);
	s = snapshot(st);
	ck_assert_ptr_null(dst_snapshot_nearest_listed(s, 50, 4, day, &km));
	ck_assert_double_eq(km, -1);
	dst_snapshot_unref(s);
	dst_store_close(st);
	dst_thread_cleanup();
}
END_TEST

static Suite *
countries_suite(void)
{
	Suite	*s = suite_create("countries");
	TCase	*tc;

	tc = tcase_create("country");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_country_at);
	tcase_add_test(tc, test_country_borders_valid);
	tcase_add_test(tc, test_country_threads);
	tcase_add_test(tc, test_country_snapshots);
	tcase_add_test(tc, test_place_from_point);
	suite_add_tcase(s, tc);

	tc = tcase_create("zone");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_zone_built);
	tcase_add_test(tc, test_zone_islands_listed);
	tcase_add_test(tc, test_zone_rebuild);
	suite_add_tcase(s, tc);

	tc = tcase_create("nearest");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_nearest_listed);
	tcase_add_test(tc, test_border_split);
	suite_add_tcase(s, tc);
	return (s);
}

/* Run the suite in a fresh temporary directory. */
int
main(void)
{
	if (check_tmpdir_init("check_countries") == -1)
		return (1);
	return (check_run_suite(countries_suite()));
}
