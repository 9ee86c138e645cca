/*
 * Unit tests of destinations/: migrations and seed, resolution of names,
 * the rail zone (also from several threads), calibration, the seed's
 * consistency with the default thresholds, normalisation, country codes.
 *
 * Every test opens its own database file under one mkdtemp directory,
 * inside the test function (which runs in Check's forked child).
 */

#include <check.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "destinations/snapshot/snapshot.h"
#include "destinations/embedded.h"
#include "destinations/store/store-int.h"
#include "tests/check_util.h"

/* The shared fixture (tests/check_util.c) under this file's names. */
#define db_path		check_db_path
#define store_fresh	check_store_fresh
#define sql_long	check_sql_long
#define sql_exec	check_sql_exec

#define SEED_COUNT	46

/* A snapshot of a freshly seeded database. */
static struct dst_snapshot *
snapshot_fresh(void)
{
	struct dst_store	*st;
	struct dst_snapshot	*s;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "dst_snapshot_load: %s", cause);
	dst_store_close(st);
	return (s);
}

/* --- store ------------------------------------------------------------ */

/* How many migrations are compiled in: the schema version to expect. */
static int
migrations_compiled(void)
{
	const struct dst_embedded	*f;
	int				 n = 0;

	for (f = dst_embedded_files; f->path != NULL; f++)
		if (strncmp(f->path, "store/migrations/", 17) == 0)
			n++;
	return (n);
}

START_TEST(test_store_fresh)
{
	struct dst_store		*st;
	struct dst_snapshot		*s;
	const struct dec_policy		*p;
	const struct dec_factor_set	*fs;
	struct dec_policy		 pdoc;
	json_t				*doc = NULL;
	char				 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	ck_assert_int_eq(dst_store_schema_version(st), migrations_compiled());
	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	ck_assert_uint_eq(dst_snapshot_count(s), SEED_COUNT);

	p = dst_snapshot_policy(s);
	ck_assert_int_eq(p->version, 1);
	ck_assert_str_eq(p->origin_name, "Gent-Sint-Pieters");
	ck_assert_str_eq(p->origin_country, "BE");
	ck_assert_double_eq_tol(p->origin_lat, 51.0356, 1e-9);
	ck_assert_double_eq_tol(p->origin_lon, 3.7106, 1e-9);
	ck_assert_str_eq(p->airport_code, "BRU");
	ck_assert_double_eq_tol(p->airport_lat, 50.9014, 1e-9);
	ck_assert_double_eq_tol(p->airport_lon, 4.4844, 1e-9);
	ck_assert_double_eq(p->airport_access_hours, 1.0);
	ck_assert_double_eq(p->near_km, 500);
	ck_assert_double_eq(p->working_day_hours, 8);
	ck_assert_double_eq(p->long_day_hours, 12);
	ck_assert_double_eq(p->second_class_max_hours, 2);
	ck_assert_double_eq(p->rail_detour, 1.2);
	ck_assert_double_eq(p->road_detour, 1.3);
	ck_assert_double_eq(p->coach_detour, 1.5);
	ck_assert_int_eq(p->car_capacity, 4);
	ck_assert_double_eq(p->car_kmh, 80);
	ck_assert_double_eq(p->coach_kmh, 65);
	ck_assert_double_eq(p->plane_kmh, 700);
	ck_assert_double_eq(p->plane_fixed_hours, 2.5);
	ck_assert_double_eq(p->rail_fallback_kmh, 100);
	ck_assert_double_eq(p->rail_fallback_fixed_hours, 0.5);
	ck_assert_int_eq(dst_read_policy(st, &pdoc, &doc, &cause), 0);
	ck_assert_ptr_nonnull(json_object_get(doc, "sources"));
	ck_assert_double_eq(pdoc.near_km, p->near_km);
	json_decref(doc);

	/* The whole trip's set is current; DESNZ-2025 is there to choose. */
	fs = dst_snapshot_factors(s);
	ck_assert_str_eq(fs->name, "DESNZ-2025-plus");
	ck_assert_int_eq(fs->year, 2025);
	ck_assert_double_eq(fs->short_haul_max_km, 3700);
	ck_assert_double_eq(fs->domestic_max_km, 1000);
	ck_assert_double_eq(fs->flight_domestic.value, 0.22928);
	ck_assert_double_eq(fs->flight_domestic_norf.value, 0.13552);
	ck_assert_int_eq(fs->has_wtt, 1);
	ck_assert_double_eq(fs->wtt_short[DEC_CABIN_ECONOMY].value, 0.02249);
	ck_assert_double_eq(fs->wtt_long[DEC_CABIN_FIRST].value, 0.09844);
	ck_assert_double_eq(fs->wtt_domestic.value, 0.0335);
	ck_assert_double_eq(fs->wtt_rail_share.value, 0.25296);
	ck_assert_double_eq(fs->wtt_coach.value, 0.00656);
	ck_assert_double_eq(fs->wtt_car.value, 0.04399);
	ck_assert_int_eq(fs->nhotel, 38);
	ck_assert_double_eq(dec_hotel_factor_find(fs, "BE")->f.value, 12.2);
	ck_assert_double_eq(dec_hotel_factor_find(fs, "MV")->f.value, 152.2);
	ck_assert_ptr_null(dec_hotel_factor_find(fs, "AT"));
	ck_assert_double_eq(fs->hotel_default.value, 13.2);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets "
	    "WHERE name = 'DESNZ-2025' AND version = 1 AND is_current = 0"),
	    1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets "
	    "WHERE name = 'DESNZ-2025-plus' AND version = 2 AND "
	    "is_current = 1"), 1);
	ck_assert_double_eq(fs->rail.value, 0.03546);
	ck_assert_str_eq(fs->rail.unit, "kg CO2e/pkm");
	ck_assert_double_eq(fs->coach.value, 0.030);
	ck_assert_double_eq(fs->car.value, 0.16725);
	ck_assert_str_eq(fs->car.unit, "kg CO2e/vkm");
	ck_assert_double_eq(fs->flight_short[DEC_CABIN_ECONOMY].value, 0.12576);
	ck_assert_double_eq(fs->flight_short[DEC_CABIN_PREMIUM_ECONOMY].value,
	    0.12576);
	ck_assert_double_eq(fs->flight_short[DEC_CABIN_BUSINESS].value,
	    0.18863);
	ck_assert_double_eq(fs->flight_short[DEC_CABIN_FIRST].value, 0.18863);
	ck_assert_double_eq(fs->flight_short[DEC_CABIN_AVERAGE].value, 0.12786);
	ck_assert_double_eq(fs->flight_short_norf[DEC_CABIN_ECONOMY].value,
	    0.07435);
	ck_assert_double_eq(fs->flight_short_norf[DEC_CABIN_AVERAGE].value,
	    0.07559);
	ck_assert_double_eq(fs->flight_long[DEC_CABIN_ECONOMY].value, 0.11704);
	ck_assert_double_eq(fs->flight_long[DEC_CABIN_PREMIUM_ECONOMY].value,
	    0.18726);
	ck_assert_double_eq(fs->flight_long[DEC_CABIN_BUSINESS].value, 0.33940);
	ck_assert_double_eq(fs->flight_long[DEC_CABIN_FIRST].value, 0.46814);
	ck_assert_double_eq(fs->flight_long[DEC_CABIN_AVERAGE].value, 0.15282);
	ck_assert_double_eq(fs->flight_long_norf[DEC_CABIN_FIRST].value,
	    0.27701);
	ck_assert_double_eq(fs->flight_long_norf[DEC_CABIN_AVERAGE].value,
	    0.09043);
	ck_assert_ptr_nonnull(strstr(
	    fs->flight_short[DEC_CABIN_FIRST].source, "no short-haul first"));
	ck_assert_ptr_nonnull(strstr(
	    fs->flight_short[DEC_CABIN_PREMIUM_ECONOMY].source,
	    "no short-haul premium economy"));
	dst_snapshot_unref(s);
	dst_store_close(st);

	ck_assert_int_eq(sql_long(path, "PRAGMA user_version"),
	    migrations_compiled());
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM destinations"),
	    SEED_COUNT);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions WHERE version = 1 AND json_extract(changes, "
	    "'$.action') = 'create'"), SEED_COUNT);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets "
	    "WHERE is_current = 1 AND name = 'DESNZ-2025-plus' AND year = "
	    "2025"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM zones WHERE "
	    "id = 'rail-europe'"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM meta WHERE "
	    "key = 'seeded_at'"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM destinations "
	    "WHERE id = 'kanazawa' AND rail_hours IS NULL"), 1);
	/* The stored version JSON parses back to the row. */
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions AS v JOIN destinations AS d USING (id) "
	    "WHERE json_extract(v.data, '$.name') = d.name AND "
	    "json_extract(v.data, '$.lat') = d.lat"), SEED_COUNT);
	ck_assert_int_eq(sql_long(path, "SELECT journal_mode = 'wal' FROM "
	    "pragma_journal_mode"), 1);
}
END_TEST

START_TEST(test_store_reopen)
{
	struct dst_store	*st;
	struct dst_snapshot	*s;
	char			 path[PATH_MAX], *cause = NULL;
	long			 versions;

	st = store_fresh(path, sizeof path);
	dst_store_close(st);
	versions = sql_long(path, "SELECT count(*) FROM destination_versions");
	sql_exec(path, "UPDATE meta SET value = 'marker' WHERE "
	    "key = 'seeded_at'");

	/* Twice, and two stores open on the same file at once. */
	st = dst_store_open(path, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	ck_assert_int_eq(dst_store_schema_version(st), migrations_compiled());
	{
		struct dst_store	*st2 = dst_store_open(path, &cause);

		ck_assert_msg(st2 != NULL, "%s", cause);
		dst_store_close(st2);
	}
	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	ck_assert_uint_eq(dst_snapshot_count(s), SEED_COUNT);
	dst_snapshot_unref(s);
	dst_store_close(st);

	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM destinations"),
	    SEED_COUNT);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM "
	    "destination_versions"), versions);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets"), 2);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM zones"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM meta WHERE "
	    "key = 'seeded_at' AND value = 'marker'"), 1);
}
END_TEST

START_TEST(test_store_upgrade_rail)
{
	struct dst_store	*st;
	struct dst_snapshot	*s;
	char			 path[PATH_MAX], *cause = NULL;

	/*
	 * A database of before the rail network: no network, a policy
	 * without its rail_ fields (version 2 by ops), a factor set
	 * without rail by operator and country.
	 */
	st = store_fresh(path, sizeof path);
	dst_store_close(st);
	sql_exec(path, "DELETE FROM rail_networks; "
	    "INSERT INTO policies (version, data, created_at, created_by) "
	    "SELECT 2, json_remove(data, '$.rail_transfer_minutes', "
	    "'$.rail_regional_kmh', '$.rail_bus_kmh', '$.rail_station_km', "
	    "'$.rail_nearest_hubs', '$.sources.rail_transfer_minutes', "
	    "'$.sources.rail_regional_kmh', '$.sources.rail_bus_kmh', "
	    "'$.sources.rail_station_km', '$.sources.rail_nearest_hubs'), "
	    "created_at, 'ops' FROM policies WHERE version = 1; "
	    "DELETE FROM factor_sets WHERE name = 'DESNZ-2025-plus'; "
	    "UPDATE factor_sets SET is_current = 1, data = json_remove(data, "
	    "'$.rail_operators', '$.rail_countries')");

	/* Opened: each gets what it lacks, as a new version by seed. */
	st = dst_store_open(path, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	ck_assert_int_eq(dst_snapshot_policy(s)->version, 3);
	ck_assert_double_eq(dst_snapshot_policy(s)->rail_transfer_minutes,
	    15);
	ck_assert_int_eq(dst_snapshot_policy(s)->rail_nearest_hubs, 3);
	ck_assert_int_ge(dst_snapshot_factors(s)->nrail, 20);
	ck_assert_int_eq(dst_snapshot_rail_version(s), 1);
	dst_snapshot_unref(s);
	dst_store_close(st);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies WHERE "
	    "version = 3 AND created_by = 'seed' AND json_extract(data, "
	    "'$.sources.rail_station_km') LIKE 'estimate:%'"), 1);
	/* DESNZ-2025 gets rail by operator and country as version 2, then
	 * the whole trip's set follows it as version 3, current. */
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets "
	    "WHERE is_current = 0 AND version = 2 AND name = 'DESNZ-2025' "
	    "AND json_extract(data, '$.rail_operators.Eurostar.value') = "
	    "0.00446"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets "
	    "WHERE is_current = 1 AND version = 3 AND name = "
	    "'DESNZ-2025-plus'"), 1);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM rail_networks"),
	    1);

	/* Opened again: nothing more. */
	st = dst_store_open(path, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	dst_store_close(st);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM policies"), 3);
	ck_assert_int_eq(sql_long(path, "SELECT count(*) FROM factor_sets"), 3);
}
END_TEST

START_TEST(test_store_no_reseed_after_emptying)
{
	struct dst_store	*st;
	struct dst_snapshot	*s;
	char			 path[PATH_MAX], *cause = NULL;

	st = store_fresh(path, sizeof path);
	dst_store_close(st);
	sql_exec(path, "DELETE FROM destination_versions; "
	    "DELETE FROM destinations");

	/* An administrator emptied the list: it stays empty. */
	st = dst_store_open(path, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	s = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(s != NULL, "%s", cause);
	ck_assert_uint_eq(dst_snapshot_count(s), 0);
	ck_assert_ptr_null(dst_snapshot_resolve(s, "Keulen", NULL, NULL));
	ck_assert_int_eq(dst_snapshot_calibration(s)->n, 0);
	dst_snapshot_unref(s);
	dst_store_close(st);
}
END_TEST

START_TEST(test_store_errors)
{
	struct dst_store	*st;
	char			 path[PATH_MAX], *cause = NULL;

	st = dst_store_open("/nonexistent-dir/for/tripmode.db", &cause);
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(cause);
	free(cause);
	cause = NULL;

	st = store_fresh(path, sizeof path);
	dst_store_close(st);
	sql_exec(path, "PRAGMA user_version = 99");
	st = dst_store_open(path, &cause);
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(cause);
	ck_assert_msg(strstr(cause, "newer") != NULL, "%s", cause);
	free(cause);
	cause = NULL;

	/* Not a database at all. */
	db_path(path, sizeof path);
	{
		FILE	*f = fopen(path, "w");

		ck_assert_ptr_nonnull(f);
		fputs("this is not an SQLite database, but it is long enough "
		    "to look like a header of one, or not at all\n", f);
		fclose(f);
	}
	st = dst_store_open(path, &cause);
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(cause);
	free(cause);
}
END_TEST

/* --- resolution -------------------------------------------------------- */

START_TEST(test_resolve_names)
{
	static const struct {
		const char	*text, *id;
	} cases[] = {
		{ "Keulen", "cologne" }, { "KÖLN", "cologne" },
		{ "koln", "cologne" }, { "Cologne", "cologne" },
		{ "cologne", "cologne" }, { "Köln", "cologne" },
		{ "Koeln", "cologne" }, { "  keulen ", "cologne" },
		{ "Ko\xcc\x88ln", "cologne" },		/* NFD */
		{ "Den Haag", "the-hague" }, { "the hague", "the-hague" },
		{ "the-hague", "the-hague" }, { "'s-Gravenhage", "the-hague" },
		{ "s Gravenhage", "the-hague" }, { "THE_HAGUE", "the-hague" },
		{ "Frankfort", "frankfurt" }, { "Frankfurt", "frankfurt" },
		{ "Frankfurt am Main", "frankfurt" },
		{ "Warszawa", "warsaw" }, { "Warschau", "warsaw" },
		{ "Gdańsk", "gdansk" }, { "gdansk", "gdansk" },
		{ "Danzig", "gdansk" }, { "København", "copenhagen" },
		{ "kobenhavn", "copenhagen" }, { "Zurich", "zurich" },
		{ "ZÜRICH", "zurich" }, { "Genf", "geneva" },
		{ "Genève", "geneva" }, { "geneve", "geneva" },
		{ "Wenen", "vienna" }, { "Wien", "vienna" },
		{ "Rijsel", "lille" }, { "Aken", "aachen" },
		{ "Bazel", "basel" }, { "Milaan", "milan" },
		{ "Lissabon", "lisbon" }, { "Praag", "prague" },
		{ "Muenchen", "munich" }, { "München", "munich" },
		{ "Melle", "melle" }, { "Boergas", "burgas" },
		{ "Бургас", "burgas" }, { "金沢", "kanazawa" },
		{ "Straßburg", "strasbourg" }, { "Düsseldorf", "dusseldorf" },
		{ "dusseldorf", "dusseldorf" }, { "Lëtzebuerg", "luxembourg" },
	};
	struct dst_snapshot	*s = snapshot_fresh();
	const struct dst_entry	*e;
	struct dst_suggestions	 sugg;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = dst_snapshot_resolve(s, cases[i].text, NULL, &sugg);
		ck_assert_msg(e != NULL, "\"%s\" not resolved", cases[i].text);
		ck_assert_msg(strcmp(e->id, cases[i].id) == 0,
		    "\"%s\" -> %s, not %s", cases[i].text, e->id, cases[i].id);
	}
	ck_assert_ptr_null(dst_snapshot_resolve(s, "", NULL, &sugg));
	ck_assert_int_eq(sugg.n, 0);
	ck_assert_ptr_null(dst_snapshot_resolve(s, " -- ", NULL, &sugg));
	ck_assert_ptr_null(dst_snapshot_resolve(s, NULL, NULL, NULL));
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_resolve_country)
{
	struct dst_snapshot	*s = snapshot_fresh();
	const struct dst_entry	*e;
	struct dst_suggestions	 sugg;

	e = dst_snapshot_resolve(s, "Keulen", "DE", &sugg);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->id, "cologne");
	e = dst_snapshot_resolve(s, "cologne", "de", &sugg);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->id, "cologne");
	e = dst_snapshot_resolve(s, "Melle", "DE", &sugg);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->id, "melle");
	e = dst_snapshot_resolve(s, "Keulen", "", &sugg);
	ck_assert_ptr_nonnull(e);

	/* Melle near Ghent (BE) is not on the list. */
	ck_assert_ptr_null(dst_snapshot_resolve(s, "Melle", "BE", &sugg));
	ck_assert_ptr_null(dst_snapshot_resolve(s, "Keulen", "NL", &sugg));
	ck_assert_ptr_null(dst_snapshot_resolve(s, "cologne", "FR", &sugg));
	/* Suggestions respect the filter too. */
	ck_assert_ptr_null(dst_snapshot_resolve(s, "Keulenn", "FR", &sugg));
	ck_assert_int_eq(sugg.n, 0);
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_resolve_suggestions)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct dst_suggestions	 sugg;
	int			 i, j;

	ck_assert_ptr_null(dst_snapshot_resolve(s, "Keulenn", NULL, &sugg));
	ck_assert_int_ge(sugg.n, 1);
	ck_assert_str_eq(sugg.names[0], "Keulen");
	ck_assert_str_eq(sugg.ids[0], "cologne");

	ck_assert_ptr_null(dst_snapshot_resolve(s, "Amsterdm", NULL, &sugg));
	ck_assert_int_ge(sugg.n, 1);
	ck_assert_str_eq(sugg.ids[0], "amsterdam");

	ck_assert_ptr_null(dst_snapshot_resolve(s, "Berlinn", NULL, &sugg));
	ck_assert_int_ge(sugg.n, 1);
	ck_assert_str_eq(sugg.names[0], "Berlin");

	ck_assert_ptr_null(dst_snapshot_resolve(s, "Munchn", NULL, &sugg));
	ck_assert_int_ge(sugg.n, 1);
	ck_assert_str_eq(sugg.ids[0], "munich");

	/* At most 5, one per entry, nothing far off. */
	ck_assert_ptr_null(dst_snapshot_resolve(s, "Bonnn", NULL, &sugg));
	ck_assert_int_le(sugg.n, DST_MAX_SUGGESTIONS);
	ck_assert_str_eq(sugg.ids[0], "bonn");
	for (i = 0; i < sugg.n; i++) {
		for (j = i + 1; j < sugg.n; j++)
			ck_assert_str_ne(sugg.ids[i], sugg.ids[j]);
	}
	ck_assert_ptr_null(dst_snapshot_resolve(s, "Xyzzyqwv", NULL, &sugg));
	ck_assert_int_eq(sugg.n, 0);
	ck_assert_ptr_null(dst_snapshot_resolve(s, "Timbuktu", NULL, &sugg));
	ck_assert_int_eq(sugg.n, 0);
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_find_and_order)
{
	struct dst_snapshot	*s = snapshot_fresh();
	const struct dst_entry	*e;
	size_t			 i;

	for (i = 1; i < dst_snapshot_count(s); i++) {
		ck_assert_int_lt(strcmp(dst_snapshot_entry(s, i - 1)->id,
		    dst_snapshot_entry(s, i)->id), 0);
	}
	ck_assert_ptr_null(dst_snapshot_entry(s, dst_snapshot_count(s)));
	e = dst_snapshot_find(s, "the-hague");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->name, "Den Haag");
	ck_assert_str_eq(e->name_en, "The Hague");
	ck_assert_ptr_null(dst_snapshot_find(s, "The-Hague"));
	ck_assert_ptr_null(dst_snapshot_find(s, "nowhere"));

	/* Refcount: one more reference, two unrefs. */
	dst_snapshot_ref(s);
	dst_snapshot_unref(s);
	ck_assert_ptr_nonnull(dst_snapshot_find(s, "paris"));
	dst_snapshot_unref(s);
}
END_TEST

/* --- the rail zone ------------------------------------------------------ */

struct point {
	const char	*name;
	double		 lat, lon;
	int		 in;
};

static const struct point zone_points[] = {
	{ "Palma", 39.57, 2.65, 0 },
	{ "Ibiza", 38.91, 1.43, 0 },
	{ "Ajaccio", 41.92, 8.74, 0 },
	{ "Bastia", 42.70, 9.45, 0 },
	{ "Cagliari", 39.22, 9.12, 0 },
	{ "Olbia", 40.92, 9.50, 0 },
	{ "Valletta", 35.90, 14.51, 0 },
	{ "Cork", 51.90, -8.47, 0 },
	{ "Dublin", 53.35, -6.25, 0 },
	{ "Belfast", 54.60, -5.93, 0 },
	{ "Reykjavik", 64.15, -21.94, 0 },
	{ "Nicosia", 35.17, 33.36, 0 },
	{ "Las Palmas", 28.12, -15.43, 0 },
	{ "Mohammedia", 33.686, -7.383, 0 },
	{ "Kanazawa", 36.578, 136.648, 0 },
	{ "Tunis", 36.8, 10.18, 0 },
	{ "Algiers", 36.75, 3.06, 0 },
	{ "Tangier", 35.77, -5.80, 0 },
	{ "Corfu", 39.62, 19.92, 0 },
	{ "Heraklion", 35.34, 25.13, 0 },
	{ "New York", 40.71, -74.01, 0 },
	{ "Nottingham", 52.95, -1.15, 1 },
	{ "Nürnberg", 49.45, 11.08, 1 },
	{ "Burgas", 42.50, 27.47, 1 },
	{ "Liège", 50.62, 5.57, 1 },
	{ "Brugge", 51.20, 3.22, 1 },
	{ "Istanbul (European side)", 41.01, 28.98, 1 },
	{ "Palermo", 38.12, 13.36, 1 },
	{ "Messina", 38.19, 15.55, 1 },
	{ "Naples", 40.85, 14.27, 1 },
	{ "Edinburgh", 55.95, -3.19, 1 },
	{ "Aberdeen", 57.15, -2.09, 1 },
	{ "Penzance", 50.12, -5.53, 1 },
	{ "Dover", 51.13, 1.31, 1 },
	{ "Calais", 50.95, 1.86, 1 },
	{ "Lisbon", 38.71, -9.12, 1 },
	{ "Porto", 41.15, -8.61, 1 },
	{ "Cádiz", 36.53, -6.29, 1 },
	{ "Barcelona", 41.38, 2.14, 1 },
	{ "Valencia", 39.47, -0.38, 1 },
	{ "Bilbao", 43.26, -2.93, 1 },
	{ "Marseille", 43.30, 5.38, 1 },
	{ "Nice", 43.70, 7.27, 1 },
	{ "Genoa", 44.41, 8.93, 1 },
	{ "Rome", 41.90, 12.50, 1 },
	{ "Bari", 41.12, 16.87, 1 },
	{ "Athens", 37.98, 23.73, 1 },
	{ "Thessaloniki", 40.64, 22.94, 1 },
	{ "Brest", 48.39, -4.49, 1 },
	{ "Bergen", 60.39, 5.32, 1 },
	{ "Narvik", 68.44, 17.43, 1 },
	{ "Helsinki", 60.17, 24.94, 1 },
	{ "Moscow", 55.75, 37.62, 1 },
};
#define NZONE_POINTS (sizeof zone_points / sizeof zone_points[0])

START_TEST(test_zone_points)
{
	struct dst_snapshot	*s = snapshot_fresh();
	char			 zone[DEC_ID_MAX];
	size_t			 i;
	int			 in;

	for (i = 0; i < NZONE_POINTS; i++) {
		strcpy(zone, "junk");
		in = dst_snapshot_in_rail_zone(s, zone_points[i].lat,
		    zone_points[i].lon, zone);
		ck_assert_msg(in == zone_points[i].in, "%s: %d, expected %d",
		    zone_points[i].name, in, zone_points[i].in);
		ck_assert_str_eq(zone, "rail-europe");
	}
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, NAN, 4.0, NULL), 0);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(s, 51.0, INFINITY, NULL), 0);
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_zone_listed)
{
	static const char *const off[] = { "dublin", "kanazawa", "mohammedia",
	    "weihai" };
	struct dst_snapshot	*s = snapshot_fresh();
	const struct dst_entry	*e;
	size_t			 i, j;
	int			 want;

	for (i = 0; i < dst_snapshot_count(s); i++) {
		e = dst_snapshot_entry(s, i);
		want = 1;
		for (j = 0; j < sizeof off / sizeof off[0]; j++) {
			if (strcmp(e->id, off[j]) == 0)
				want = 0;
		}
		ck_assert_msg(e->in_rail_zone == want, "%s: in_rail_zone %d",
		    e->id, e->in_rail_zone);
		ck_assert_int_eq(dst_snapshot_in_rail_zone(s, e->lat, e->lon,
		    NULL), want);
	}
	dst_snapshot_unref(s);
}
END_TEST

struct zone_thread {
	struct dst_snapshot	*s;
	int			 wrong;
};

/* 10 000 containment tests against the known answers. */
static void *
zone_thread_main(void *arg)
{
	struct zone_thread	*zt = arg;
	const struct point	*p;
	int			 i;

	for (i = 0; i < 10000; i++) {
		p = &zone_points[(size_t)i % NZONE_POINTS];
		if (dst_snapshot_in_rail_zone(zt->s, p->lat, p->lon,
		    NULL) != p->in)
			zt->wrong++;
	}
	dst_thread_cleanup();
	return (NULL);
}

START_TEST(test_zone_threads)
{
	struct dst_snapshot	*s = snapshot_fresh();
	struct zone_thread	 zt[2];
	pthread_t		 t[2];
	int			 i;

	for (i = 0; i < 2; i++) {
		zt[i].s = s;
		zt[i].wrong = 0;
		ck_assert_int_eq(pthread_create(&t[i], NULL, zone_thread_main,
		    &zt[i]), 0);
	}
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
		ck_assert_int_eq(zt[i].wrong, 0);
	}
	dst_snapshot_unref(s);
	dst_thread_cleanup();
}
END_TEST

START_TEST(test_zone_new_snapshot)
{
	struct dst_store	*st;
	struct dst_snapshot	*a, *b;
	char			 path[PATH_MAX], *cause = NULL;
	int			 i;

	st = store_fresh(path, sizeof path);
	a = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(a != NULL, "%s", cause);
	b = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(b != NULL, "%s", cause);
	dst_store_close(st);

	/* Alternate: each switch rebuilds this thread's prepared zones. */
	for (i = 0; i < 20; i++) {
		ck_assert_int_eq(dst_snapshot_in_rail_zone(i % 2 ? a : b,
		    41.38, 2.14, NULL), 1);
		ck_assert_int_eq(dst_snapshot_in_rail_zone(i % 2 ? a : b,
		    39.57, 2.65, NULL), 0);
	}
	dst_snapshot_unref(a);
	ck_assert_int_eq(dst_snapshot_in_rail_zone(b, 52.95, -1.15, NULL), 1);
	dst_snapshot_unref(b);
	dst_thread_cleanup();
	dst_thread_cleanup();
}
END_TEST

/* A zone's GeoJSON, checked as an administrator's PUT is: 0, or -1 with
 * the first error's message in msg. */
static int
zone_check(const char *text, char *msg, size_t len)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	json_t			*j;
	int			 rc;

	msg[0] = '\0';
	if ((j = json_loads(text, 0, NULL)) == NULL) {
		snprintf(msg, len, "not JSON");
		return (-1);
	}
	rc = geo_zone_check(j, "geometry", &errs);
	if (errs.n > 0)
		snprintf(msg, len, "%s: %s", errs.v[0].field,
		    errs.v[0].message);
	ck_assert_int_eq(rc == 0, errs.n == 0);
	dec_errors_clear(&errs);
	json_decref(j);
	return (rc);
}

START_TEST(test_zone_geojson)
{
	struct geo_zones	*z;
	char			 msg[256], *cause = NULL;

	/* A bow tie crosses itself. */
	ck_assert_int_eq(zone_check("{\"type\":\"Polygon\","
	    "\"coordinates\":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}", msg,
	    sizeof msg), -1);
	ck_assert_msg(strstr(msg, "Self-intersection") != NULL, "%s", msg);
	ck_assert_int_eq(zone_check("{\"type\":\"Point\","
	    "\"coordinates\":[0,0]}", msg, sizeof msg), -1);
	ck_assert_msg(strstr(msg, "geometry") == msg, "%s", msg);
	/* Out of range, and an empty ring (which GEOS must never see). */
	ck_assert_int_eq(zone_check("{\"type\":\"Polygon\","
	    "\"coordinates\":[[[0,0],[400,0],[1,1],[0,0]]]}", msg,
	    sizeof msg), -1);
	ck_assert_int_eq(zone_check("{\"type\":\"Polygon\","
	    "\"coordinates\":[[[]]]}", msg, sizeof msg), -1);
	ck_assert_int_eq(zone_check("{\"type\":\"Polygon\","
	    "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}", msg,
	    sizeof msg), 0);

	/* As stored: a Feature or a bare geometry, checked again (a stored
	 * empty ring must not reach GEOS either). */
	z = geo_zones_new();
	ck_assert_int_eq(geo_zones_add(z, "e", 1, "{\"type\":\"Polygon\","
	    "\"coordinates\":[[[]]]}", &cause), -1);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(geo_zones_add(z, "x", 1, "{\"type\":\"Polygon\","
	    "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]", &cause), -1);
	free(cause);
	cause = NULL;
	ck_assert_int_eq(geo_zones_add(z, "tri", 2, "{\"type\":\"Feature\","
	    "\"id\":\"tri\",\"properties\":{},\"geometry\":{\"type\":"
	    "\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}",
	    &cause), 0);
	ck_assert_uint_eq(geo_zones_count(z), 1);
	ck_assert_str_eq(geo_zones_id(z, 0), "tri");
	ck_assert_int_eq(geo_zones_version(z, 0), 2);
	ck_assert_int_eq(geo_zones_locate(z, 0.2, 0.8), 0);
	ck_assert_int_eq(geo_zones_locate(z, 0.8, 0.2), -1);
	geo_zones_unref(z);
	geo_thread_cleanup();
}
END_TEST

/* --- calibration and the seed ----------------------------------------- */

START_TEST(test_calibration)
{
	struct dst_snapshot		*s = snapshot_fresh();
	const struct dec_calibration	*c = dst_snapshot_calibration(s);

	fprintf(stderr, "calibration: hours = %.4f + %.6f * km, n = %d, "
	    "R2 = %.3f (%s)\n", c->intercept, c->slope, c->n, c->r2, c->method);
	ck_assert_int_ge(c->n, 15);
	ck_assert_double_gt(c->slope, 0);
	ck_assert_double_gt(c->r2, 0.5);
	/* Cologne, 228 km: the fit gives a few hours, not minutes or days. */
	ck_assert_double_gt(dec_calibration_hours(c, 228), 1.0);
	ck_assert_double_lt(dec_calibration_hours(c, 228), 5.0);
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_seed_thresholds)
{
	struct dst_snapshot	*s = snapshot_fresh();
	const struct dec_policy	*p = dst_snapshot_policy(s);
	const struct dst_entry	*e;
	struct dec_policy	 dflt;
	enum dec_rule		 rule;
	enum dec_mode		 mode;
	enum dec_strength	 strength;
	size_t			 i;

	/* The seeded policy is the default one. */
	dec_policy_defaults(&dflt);
	ck_assert_double_eq(p->near_km, dflt.near_km);
	ck_assert_double_eq(p->working_day_hours, dflt.working_day_hours);
	ck_assert_double_eq(p->long_day_hours, dflt.long_day_hours);

	for (i = 0; i < dst_snapshot_count(s); i++) {
		e = dst_snapshot_entry(s, i);
		ck_assert_double_eq_tol(e->distance_km, dec_haversine_km(
		    p->origin_lat, p->origin_lon, e->lat, e->lon), 1e-9);
		dec_rule_by_thresholds(p, e->distance_km, e->rail_hours,
		    e->night_train, &rule, &mode, &strength);
		ck_assert_msg(e->mode == mode && e->strength == strength,
		    "%s (%.0f km, %.2f h): seeded %s %s, thresholds give %s %s "
		    "(%s)", e->id, e->distance_km, e->rail_hours,
		    dec_mode_name(e->mode), dec_strength_name(e->strength),
		    dec_mode_name(mode), dec_strength_name(strength),
		    dec_rule_name(rule));

		/* Every figure has its source. */
		ck_assert_msg(e->coord_source[0] != '\0', "%s", e->id);
		ck_assert_msg(e->rail_hours < 0 || e->rail_source[0] != '\0',
		    "%s", e->id);
		ck_assert_msg(e->rail_hours < 0 || e->rail_source_date[0] !=
		    '\0', "%s", e->id);
		ck_assert_msg(!e->rail_estimated || strstr(e->rail_source,
		    "estimate") != NULL, "%s", e->id);
		ck_assert_msg(dst_country_valid(e->country), "%s", e->id);
		ck_assert_msg(e->name_nl[0] != '\0' && e->name_en[0] != '\0',
		    "%s", e->id);
		ck_assert_int_eq(e->version, 1);
		ck_assert_str_eq(e->updated_by, "seed");
		ck_assert_uint_eq(strlen(e->updated_at), 20);
		ck_assert(dst_entry_active(e, 20000));
	}
	dst_snapshot_unref(s);
}
END_TEST

START_TEST(test_seed_facts)
{
	static const char *const facts[] = { "lille", "paris", "london",
	    "amsterdam", "rotterdam", "the-hague", "utrecht", "luxembourg",
	    "cologne", "aachen", "bonn", "dusseldorf", "frankfurt",
	    "strasbourg", "hamburg", "berlin", "munich", "lyon", "marseille",
	    "bordeaux", "geneva", "basel", "zurich", "milan", "barcelona",
	    "madrid", "bilbao", "vienna", "prague", "copenhagen", "stockholm",
	    "warsaw", "gdansk", "rome", "lisbon", "edinburgh", "dublin",
	    "tallinn", "helsinki", "kanazawa", "wiesbaden", "nottingham",
	    "melle", "burgas", "mohammedia", "weihai" };
	static const char *const estimated[] = { "lille", "the-hague",
	    "utrecht", "bonn", "dusseldorf", "hamburg", "munich", "bilbao",
	    "vienna", "prague", "gdansk", "rome", "lisbon", "tallinn",
	    "helsinki", "wiesbaden", "nottingham", "melle", "burgas" };
	static const char *const night[] = { "amsterdam", "berlin", "prague",
	    "vienna" };
	struct dst_snapshot	*s = snapshot_fresh();
	const struct dst_entry	*e;
	size_t			 i, j;
	int			 want;

	ck_assert_uint_eq(sizeof facts / sizeof facts[0], SEED_COUNT);
	for (i = 0; i < sizeof facts / sizeof facts[0]; i++)
		ck_assert_msg(dst_snapshot_find(s, facts[i]) != NULL, "%s",
		    facts[i]);
	for (i = 0; i < dst_snapshot_count(s); i++) {
		e = dst_snapshot_entry(s, i);
		for (want = 0, j = 0; j < sizeof estimated /
		    sizeof estimated[0]; j++)
			want |= strcmp(e->id, estimated[j]) == 0;
		ck_assert_msg(e->rail_estimated == want, "%s estimated %d",
		    e->id, e->rail_estimated);
		for (want = 0, j = 0; j < sizeof night / sizeof night[0]; j++)
			want |= strcmp(e->id, night[j]) == 0;
		ck_assert_msg(e->night_train == want, "%s night %d", e->id,
		    e->night_train);
		ck_assert_msg(!want || e->night_train_note[0] != '\0', "%s",
		    e->id);
	}

	e = dst_snapshot_find(s, "cologne");
	ck_assert_str_eq(e->name, "Köln");
	ck_assert_str_eq(e->name_nl, "Keulen");
	ck_assert_str_eq(e->country, "DE");
	ck_assert_double_eq(e->lat, 50.9430);
	ck_assert_double_eq(e->lon, 6.9587);
	ck_assert_double_eq(e->rail_hours, 2.3);
	ck_assert_int_eq(e->mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(e->strength, DEC_MANDATORY);
	ck_assert_double_eq_tol(e->distance_km, 228, 0.5);

	e = dst_snapshot_find(s, "kanazawa");
	ck_assert_double_lt(e->rail_hours, 0);
	ck_assert_int_eq(e->mode, DEC_MODE_PLANE);
	ck_assert_int_eq(e->strength, DEC_FREE);
	e = dst_snapshot_find(s, "dublin");
	ck_assert_double_eq(e->rail_hours, 12.0);
	ck_assert_ptr_nonnull(strstr(e->notes, "ail and sail"));
	ck_assert_int_eq(e->strength, DEC_RECOMMENDED);
	e = dst_snapshot_find(s, "vienna");
	ck_assert_ptr_nonnull(strstr(e->night_train_note, "check it still "
	    "runs"));
	e = dst_snapshot_find(s, "madrid");
	ck_assert_int_eq(e->mode, DEC_MODE_PLANE);
	e = dst_snapshot_find(s, "melle");
	ck_assert_ptr_nonnull(strstr(e->coord_source, "GeoNames"));
	ck_assert_double_lt(e->distance_km, 500);
	e = dst_snapshot_find(s, "burgas");
	ck_assert_int_eq(e->mode, DEC_MODE_PLANE);
	ck_assert_double_gt(e->distance_km, 1900);
	dst_snapshot_unref(s);
}
END_TEST

/* --- places ---------------------------------------------------------- */

START_TEST(test_places)
{
	struct dst_snapshot	*s = snapshot_fresh();
	const struct dst_entry	*e;
	struct dst_entry	 copy;
	struct dec_place	 pl;
	long			 day;

	ck_assert_int_eq(dec_date_parse("2027-03-08", &day), 0);
	e = dst_snapshot_find(s, "cologne");
	dst_place_from_entry(s, e, day, &pl);
	ck_assert_str_eq(pl.id, "cologne");
	ck_assert_str_eq(pl.name, "Köln");
	ck_assert_str_eq(pl.country, "DE");
	ck_assert_int_eq(pl.listed, 1);
	ck_assert_int_eq(pl.list_mode, DEC_MODE_TRAIN);
	ck_assert_int_eq(pl.list_strength, DEC_MANDATORY);
	ck_assert_double_eq(pl.rail_hours, 2.3);
	ck_assert_int_eq(pl.rail_estimated, 0);
	ck_assert_int_eq(pl.in_rail_zone, 1);
	ck_assert_str_eq(pl.zone_id, "rail-europe");

	/* A copy (not in the snapshot), retired before the trip. */
	copy = *e;
	copy.retired = day;
	ck_assert(!dst_entry_active(&copy, day));
	ck_assert(dst_entry_active(&copy, day - 1));
	dst_place_from_entry(s, &copy, day, &pl);
	ck_assert_int_eq(pl.listed, 0);
	ck_assert_int_eq(pl.in_rail_zone, 1);
	copy.retired = LONG_MAX;
	copy.active_from = day + 1;
	dst_place_from_entry(s, &copy, day, &pl);
	ck_assert_int_eq(pl.listed, 0);

	e = dst_snapshot_find(s, "dublin");
	dst_place_from_entry(s, e, day, &pl);
	ck_assert_int_eq(pl.listed, 1);
	ck_assert_int_eq(pl.in_rail_zone, 0);
	ck_assert_str_eq(pl.zone_id, "rail-europe");

	dst_place_from_point(s, "Palma", "ES", 39.57, 2.65, &pl);
	ck_assert_str_eq(pl.id, "");
	ck_assert_str_eq(pl.name, "Palma");
	ck_assert_str_eq(pl.country, "ES");
	ck_assert_int_eq(pl.listed, 0);
	ck_assert_double_lt(pl.rail_hours, 0);
	ck_assert_int_eq(pl.in_rail_zone, 0);
	ck_assert_str_eq(pl.zone_id, "rail-europe");
	dst_place_from_point(s, "", "DE", 49.45, 11.08, &pl);
	ck_assert_int_eq(pl.in_rail_zone, 1);
	ck_assert_str_eq(pl.zone_id, "rail-europe");
	dst_snapshot_unref(s);
}
END_TEST

/* --- JSON ------------------------------------------------------------- */

/* The one error errs holds: its field and code. */
static void
assert_one_error(struct dec_errors *errs, const char *field,
    enum dec_code code)
{
	ck_assert_uint_eq(errs->n, 1);
	ck_assert_str_eq(errs->v[0].field, field);
	ck_assert_str_eq(dec_code_name(errs->v[0].code), dec_code_name(code));
	dec_errors_clear(errs);
}

START_TEST(test_entry_json)
{
	struct dst_snapshot	*s = snapshot_fresh();
	const struct dst_entry	*e;
	struct dst_entry	 back;
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	json_t			*j, *j2;
	size_t			 i;

	for (i = 0; i < dst_snapshot_count(s); i++) {
		e = dst_snapshot_entry(s, i);
		j = dst_entry_to_json(e, 0);
		ck_assert_ptr_nonnull(j);
		ck_assert_msg(dst_entry_from_json(j, DST_ENTRY_STORED, &back,
		    &errs) == 0,
		    "%s: %s", e->id, errs.n > 0 ? errs.v[0].message : "");
		j2 = dst_entry_to_json(&back, 0);
		ck_assert_msg(json_equal(j, j2), "%s does not round-trip",
		    e->id);
		ck_assert_int_eq(back.naliases, e->naliases);
		ck_assert(back.lat == e->lat && back.lon == e->lon);
		ck_assert(back.rail_hours == e->rail_hours);
		ck_assert_int_eq(back.active_from, e->active_from);
		ck_assert_int_eq(back.retired, e->retired);
		json_decref(j2);
		json_decref(j);
	}

	j = json_pack("{s:s, s:s, s:s, s:f, s:f, s:s, s:s, s:i}", "id", "x",
	    "name", "X", "country", "DE", "lat", 50.0, "lon", 7.0, "mode",
	    "train", "strength", "free", "colour", 1);
	ck_assert_int_eq(dst_entry_from_json(j, 0, &back, &errs), -1);
	assert_one_error(&errs, "colour", DEC_E_UNKNOWN_FIELD);
	json_object_del(j, "colour");
	ck_assert_int_eq(dst_entry_from_json(j, 0, &back, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_double_lt(back.rail_hours, 0);
	ck_assert_int_eq(back.active_from, LONG_MIN);
	ck_assert_int_eq(back.retired, LONG_MAX);

	json_object_set_new(j, "rail_hours", json_real(3.5));
	ck_assert_int_eq(dst_entry_from_json(j, 0, &back, &errs), -1);
	assert_one_error(&errs, "rail_source", DEC_E_REQUIRED);
	json_object_set_new(j, "rail_source", json_string("estimate"));
	json_object_set_new(j, "retired", json_string("2027-02-30"));
	ck_assert_int_eq(dst_entry_from_json(j, 0, &back, &errs), -1);
	assert_one_error(&errs, "retired", DEC_E_DATE);
	json_object_set_new(j, "retired", json_string("2027-03-01"));
	ck_assert_int_eq(dst_entry_from_json(j, 0, &back, &errs), 0);
	ck_assert_int_eq(dst_entry_active(&back, back.retired), 0);

	/* Every bad member is reported, not only the first. */
	json_object_set_new(j, "country", json_string("XX"));
	json_object_set_new(j, "id", json_string("Bad Id"));
	json_object_set_new(j, "lat", json_real(91));
	json_object_set_new(j, "mode", json_string("bicycle"));
	ck_assert_int_eq(dst_entry_from_json(j, 0, &back, &errs), -1);
	ck_assert_uint_eq(errs.n, 4);
	ck_assert(dec_errors_has(&errs, 0, "country"));
	ck_assert(dec_errors_has(&errs, 0, "id"));
	ck_assert(dec_errors_has(&errs, 0, "lat"));
	ck_assert(dec_errors_has(&errs, 0, "mode"));
	ck_assert_ptr_nonnull(dec_errors_find(&errs, DEC_E_RANGE));
	dec_errors_clear(&errs);

	/* Spaces around an alias go (as the CSV import drops them); a NUL
	 * inside one, even at its end, is refused. */
	json_object_set_new(j, "country", json_string("DE"));
	json_object_set_new(j, "id", json_string("x"));
	json_object_set_new(j, "lat", json_real(50));
	json_object_set_new(j, "mode", json_string("train"));
	json_object_set_new(j, "aliases", json_pack("[s, s]", " padded\t",
	    "x"));
	ck_assert_int_eq(dst_entry_from_json(j, 0, &back, &errs), 0);
	ck_assert_int_eq(back.naliases, 2);
	ck_assert_str_eq(back.aliases[0], "padded");
	json_object_set_new(j, "aliases", json_pack("[s, s]", "padded",
	    " padded "));
	ck_assert_int_eq(dst_entry_from_json(j, 0, &back, &errs), -1);
	assert_one_error(&errs, "aliases", DEC_E_DUPLICATE);
	json_object_set_new(j, "aliases", json_pack("[s#]", "abc\0", 4));
	ck_assert_int_eq(dst_entry_from_json(j, 0, &back, &errs), -1);
	assert_one_error(&errs, "aliases", DEC_E_EMPTY);
	json_decref(j);
	dst_snapshot_unref(s);
}
END_TEST

/* --- normalisation and countries -------------------------------------- */

START_TEST(test_normalize)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "KÖLN", "koln" }, { "Köln", "koln" }, { "Liège", "liege" },
		{ "Gdańsk", "gdansk" }, { "  Den--Haag  ", "den haag" },
		{ "'s-Gravenhage", "s gravenhage" }, { "Straße", "strasse" },
		{ "Øresund", "oresund" }, { "Ålborg", "alborg" },
		{ "Æbeltoft", "aebeltoft" }, { "Łódź", "lodz" },
		{ "Kraków", "krakow" }, { "Český Krumlov", "cesky krumlov" },
		{ "Śląsk", "slask" }, { "Frankfurt a. M.", "frankfurt a m" },
		{ "the_hague", "the hague" }, { "Ko\xcc\x88ln", "koln" },
		{ "K\xf6ln", "koln" },			/* Latin-1 bytes */
		{ "Timișoara", "timisoara" }, { "Þórshöfn", "thorshofn" },
		{ "Œuvre Ĳssel", "oeuvre ijssel" }, { "ŽILINA", "zilina" },
		{ "Москва", "москва" }, { "ΑΘΗΝΑ", "αθηνα" },
		{ "a\xc2\xa0" "b", "a b" },		/* no-break space */
		{ "\xe2\x80\x99s-Hertogenbosch", "s hertogenbosch" },
		{ "", "" }, { "--", "" }, { "A1", "a1" },
	};
	char	out[64];
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		dst_normalize(cases[i].in, out, sizeof out);
		ck_assert_msg(strcmp(out, cases[i].out) == 0,
		    "\"%s\" -> \"%s\", not \"%s\"", cases[i].in, out,
		    cases[i].out);
	}
	dst_normalize("abcdef", out, 4);
	ck_assert_str_eq(out, "abc");
	dst_normalize("ЖЖЖ", out, 4);		/* no half sequence */
	ck_assert_str_eq(out, "ж");
	dst_normalize(NULL, out, sizeof out);
	ck_assert_str_eq(out, "");
	out[0] = 'x';
	dst_normalize("abc", out, 0);
	ck_assert_int_eq(out[0], 'x');
}
END_TEST

START_TEST(test_country)
{
	ck_assert_int_eq(dst_country_valid("DE"), 1);
	ck_assert_int_eq(dst_country_valid("BE"), 1);
	ck_assert_int_eq(dst_country_valid("GB"), 1);
	ck_assert_int_eq(dst_country_valid("AD"), 1);
	ck_assert_int_eq(dst_country_valid("ZW"), 1);
	ck_assert_int_eq(dst_country_valid("XK"), 1);
	ck_assert_int_eq(dst_country_valid("XX"), 0);
	ck_assert_int_eq(dst_country_valid("UK"), 0);
	ck_assert_int_eq(dst_country_valid("de"), 0);
	ck_assert_int_eq(dst_country_valid("D"), 0);
	ck_assert_int_eq(dst_country_valid("DEU"), 0);
	ck_assert_int_eq(dst_country_valid(""), 0);
	ck_assert_int_eq(dst_country_valid(NULL), 0);
}
END_TEST

static Suite *
destinations_suite(void)
{
	Suite	*s = suite_create("destinations");
	TCase	*tc;

	tc = tcase_create("store");
	tcase_add_test(tc, test_store_fresh);
	tcase_add_test(tc, test_store_reopen);
	tcase_add_test(tc, test_store_upgrade_rail);
	tcase_add_test(tc, test_store_no_reseed_after_emptying);
	tcase_add_test(tc, test_store_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("resolve");
	tcase_add_test(tc, test_resolve_names);
	tcase_add_test(tc, test_resolve_country);
	tcase_add_test(tc, test_resolve_suggestions);
	tcase_add_test(tc, test_find_and_order);
	suite_add_tcase(s, tc);

	tc = tcase_create("zone");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_zone_points);
	tcase_add_test(tc, test_zone_listed);
	tcase_add_test(tc, test_zone_threads);
	tcase_add_test(tc, test_zone_new_snapshot);
	tcase_add_test(tc, test_zone_geojson);
	suite_add_tcase(s, tc);

	tc = tcase_create("seed");
	tcase_add_test(tc, test_calibration);
	tcase_add_test(tc, test_seed_thresholds);
	tcase_add_test(tc, test_seed_facts);
	tcase_add_test(tc, test_places);
	tcase_add_test(tc, test_entry_json);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_test(tc, test_normalize);
	tcase_add_test(tc, test_country);
	suite_add_tcase(s, tc);
	return (s);
}

/* Run the suite in a fresh temporary directory. */
int
main(void)
{
	if (check_tmpdir_init("check_destinations") == -1)
		return (1);
	return (check_run_suite(destinations_suite()));
}
