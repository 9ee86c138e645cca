/*
 * Unit tests of decision/railnet.c on small networks built by hand: the
 * transfer allowance, through services, changes between stations, night
 * trains on their days, unreachable hubs, and the network's checks; then
 * the network document read from JSON.  Expected minutes are worked out in
 * the comments.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "decision/railnet.h"
#include "destinations/store/store.h"

#define MON	0x01u
#define TUE	0x02u

static struct rail_hub	 hubs[8];
static struct rail_edge	 edges[16];
static struct rail_net	 net;

/* A network of n hubs named a, b, c, ... */
static void
hubs_make(size_t n)
{
	size_t	 i;

	memset(hubs, 0, sizeof hubs);
	memset(edges, 0, sizeof edges);
	for (i = 0; i < n; i++) {
		snprintf(hubs[i].id, sizeof hubs[i].id, "%c", (int)('a' + i));
		snprintf(hubs[i].name, sizeof hubs[i].name, "%c", (int)('a' + i));
		snprintf(hubs[i].country, sizeof hubs[i].country, "BE");
		hubs[i].lat = 50.0 + (double)i;
		hubs[i].lon = 4.0;
	}
	net.hubs = hubs;
	net.nhubs = n;
	net.edges = edges;
	net.nedges = 0;
}

/* An edge; both ways when back is set. */
static void
edge(int from, int to, int minutes, enum rail_kind kind, unsigned days,
    const char *service, int back)
{
	struct rail_edge *e = &edges[net.nedges++];

	e->from = from;
	e->to = to;
	e->minutes = minutes;
	e->kind = kind;
	e->days = kind == RAIL_NIGHT ? days : RAIL_ALL_DAYS;
	snprintf(e->operator, sizeof e->operator, "test");
	snprintf(e->service, sizeof e->service, "%s", service);
	if (back)
		edge(to, from, minutes, kind, days, service, 0);
}

START_TEST(transfer_allowance)
{
	struct rail_routes	 r;
	int			 path[8];

	/* a-b 60, b-c 30: 60 + 15 (one change) + 30 = 105. */
	hubs_make(3);
	edge(0, 1, 60, RAIL_DAY, 0, "", 1);
	edge(1, 2, 30, RAIL_DAY, 0, "", 1);
	ck_assert_int_eq(rail_solve(&net, 0, 15, 0, &r), 0);
	ck_assert_int_eq(r.best[0].minutes, 0);
	ck_assert_int_eq(r.best[1].minutes, 60);
	ck_assert_int_eq(r.best[2].minutes, 105);
	ck_assert_int_eq(r.best[2].changes, 1);
	ck_assert_int_eq(r.best[2].night, 0);
	ck_assert_uint_eq(rail_path(&r, 2, path, 8), 2);
	ck_assert_int_eq(edges[path[0]].to, 1);
	ck_assert_int_eq(edges[path[1]].to, 2);
	rail_routes_free(&r);
}
END_TEST

START_TEST(through_service)
{
	struct rail_routes	 r;

	/* One train calling at b: no change, 60 + 30 = 90. */
	hubs_make(3);
	edge(0, 1, 60, RAIL_DAY, 0, "ICE 15", 1);
	edge(1, 2, 30, RAIL_DAY, 0, "ICE 15", 1);
	ck_assert_int_eq(rail_solve(&net, 0, 15, 0, &r), 0);
	ck_assert_int_eq(r.best[2].minutes, 90);
	ck_assert_int_eq(r.best[2].changes, 0);
	rail_routes_free(&r);
}
END_TEST

START_TEST(change_between_stations)
{
	struct rail_routes	 r;
	int			 path[8];

	/* a to Paris-Nord (b) 82, across Paris to Gare de Lyon (c) 40 (the
	 * change edge is the allowance), on to d 120: 242, one change. */
	hubs_make(4);
	edge(0, 1, 82, RAIL_DAY, 0, "", 1);
	edge(1, 2, 40, RAIL_CHANGE, 0, "", 1);
	edge(2, 3, 120, RAIL_DAY, 0, "", 1);
	ck_assert_int_eq(rail_solve(&net, 0, 15, 0, &r), 0);
	ck_assert_int_eq(r.best[3].minutes, 242);
	ck_assert_int_eq(r.best[3].changes, 1);
	ck_assert_uint_eq(rail_path(&r, 3, path, 8), 3);
	ck_assert_int_eq(edges[path[1]].kind, RAIL_CHANGE);
	/* A path longer than the room given is not written. */
	ck_assert_uint_eq(rail_path(&r, 3, path, 2), 0);
	rail_routes_free(&r);
}
END_TEST

START_TEST(fastest_wins)
{
	struct rail_routes	 r;

	/* Direct a-c 200, or a-b-c 60 + 30 + the allowance. */
	hubs_make(3);
	edge(0, 2, 200, RAIL_DAY, 0, "", 1);
	edge(0, 1, 60, RAIL_DAY, 0, "", 1);
	edge(1, 2, 30, RAIL_DAY, 0, "", 1);
	ck_assert_int_eq(rail_solve(&net, 0, 15, 0, &r), 0);
	ck_assert_int_eq(r.best[2].minutes, 105);		/* 60+15+30 */
	ck_assert_int_eq(r.best[2].changes, 1);
	rail_routes_free(&r);
	ck_assert_int_eq(rail_solve(&net, 0, 120, 0, &r), 0);
	ck_assert_int_eq(r.best[2].minutes, 200);		/* < 210 */
	ck_assert_int_eq(r.best[2].changes, 0);
	rail_routes_free(&r);
	/* Equal minutes: the journey with fewer changes. */
	ck_assert_int_eq(rail_solve(&net, 0, 110, 0, &r), 0);
	ck_assert_int_eq(r.best[2].minutes, 200);		/* = 200 */
	ck_assert_int_eq(r.best[2].changes, 0);
	rail_routes_free(&r);
}
END_TEST

START_TEST(night_on_its_days)
{
	struct rail_routes	 r;

	/* A night train a-c on Mondays, 600; by day a-b-c 500 + 400 +
	 * 15 = 915. */
	hubs_make(3);
	edge(0, 2, 600, RAIL_NIGHT, MON, "NJ 40424", 1);
	edge(0, 1, 500, RAIL_DAY, 0, "", 1);
	edge(1, 2, 400, RAIL_DAY, 0, "", 1);
	ck_assert_int_eq(rail_solve(&net, 0, 15, 0, &r), 0);
	ck_assert_int_eq(r.best[2].minutes, 915);
	ck_assert_int_eq(r.best[2].night, 0);
	rail_routes_free(&r);
	ck_assert_int_eq(rail_solve(&net, 0, 15, MON, &r), 0);
	ck_assert_int_eq(r.best[2].minutes, 600);
	ck_assert_int_eq(r.best[2].night, 1);
	ck_assert_int_eq(r.best[1].night, 0);
	rail_routes_free(&r);
	ck_assert_int_eq(rail_solve(&net, 0, 15, TUE, &r), 0);
	ck_assert_int_eq(r.best[2].minutes, 915);
	ck_assert_int_eq(r.best[2].night, 0);
	rail_routes_free(&r);

	/* The night train after a first leg by day: a-b 60, b-c at night
	 * 600 on Mondays, or a-c by day 1000. */
	hubs_make(3);
	edge(0, 1, 60, RAIL_DAY, 0, "", 1);
	edge(1, 2, 600, RAIL_NIGHT, MON, "ES 453", 1);
	edge(0, 2, 1000, RAIL_DAY, 0, "", 1);
	ck_assert_int_eq(rail_solve(&net, 0, 15, 0, &r), 0);
	ck_assert_int_eq(r.best[2].minutes, 1000);
	ck_assert_int_eq(r.best[2].night, 0);
	rail_routes_free(&r);
	ck_assert_int_eq(rail_solve(&net, 0, 15, MON | TUE, &r), 0);
	ck_assert_int_eq(r.best[2].minutes, 675);		/* 60+15+600 */
	ck_assert_int_eq(r.best[2].night, 1);
	ck_assert_int_eq(r.best[2].changes, 1);
	rail_routes_free(&r);
}
END_TEST

START_TEST(unreachable)
{
	struct rail_routes	 r;
	struct dec_errors	 errs;
	int			 path[4];

	/* d has no edge; c only an edge in (c cannot get back). */
	hubs_make(4);
	edge(0, 1, 60, RAIL_DAY, 0, "", 1);
	edge(1, 2, 30, RAIL_DAY, 0, "", 0);
	ck_assert_int_eq(rail_solve(&net, 0, 15, 0, &r), 0);
	ck_assert_int_eq(r.best[3].minutes, RAIL_UNREACHABLE);
	ck_assert_uint_eq(rail_path(&r, 3, path, 4), 0);
	ck_assert_int_eq(r.best[2].minutes, 105);
	rail_routes_free(&r);
	memset(&errs, 0, sizeof errs);
	ck_assert_int_eq(rail_net_check(&net, 0, &errs), -1);
	ck_assert_uint_eq(errs.n, 2);
	ck_assert_str_eq(errs.v[0].field, "hubs[2]");
	ck_assert_ptr_nonnull(strstr(errs.v[0].message, "no way back"));
	ck_assert_str_eq(errs.v[1].field, "hubs[3]");
	ck_assert_ptr_nonnull(strstr(errs.v[1].message, "cannot be reached"));
	dec_errors_clear(&errs);
	/* A bad origin is refused. */
	ck_assert_int_eq(rail_solve(&net, 7, 15, 0, &r), -1);
}
END_TEST

START_TEST(checks)
{
	struct dec_errors	 errs;

	hubs_make(3);
	edge(0, 1, 60, RAIL_DAY, 0, "", 1);
	edge(1, 2, 30, RAIL_DAY, 0, "", 1);
	memset(&errs, 0, sizeof errs);
	ck_assert_int_eq(rail_net_check(&net, 0, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);

	snprintf(hubs[2].id, sizeof hubs[2].id, "a");
	hubs[1].lat = 91;
	edges[0].minutes = 0;
	edges[1].to = 9;
	edge(2, 0, 600, RAIL_NIGHT, 0, "", 0);
	ck_assert_int_eq(rail_net_check(&net, 0, &errs), -1);
	ck_assert_uint_eq(errs.n, 5);
	ck_assert_str_eq(errs.v[0].field, "hubs[1].lat");
	ck_assert_int_eq(errs.v[0].code, DEC_E_RANGE);
	ck_assert_str_eq(errs.v[1].field, "hubs[2].id");
	ck_assert_int_eq(errs.v[1].code, DEC_E_DUPLICATE);
	ck_assert_str_eq(errs.v[2].field, "edges[0].minutes");
	ck_assert_str_eq(errs.v[3].field, "edges[1].to");
	ck_assert_str_eq(errs.v[4].field, "edges[4].days");
	dec_errors_clear(&errs);
}
END_TEST

START_TEST(door_to_door)
{
	struct rail_routes	 r, nr;
	struct rail_model	 m;
	int			 night_in[4];
	struct dec_policy	 p;
	struct dec_route	 d;

	/* a (50, 4) to b (51, 4) 60, to c (52, 4) 300 (slow), d cut off;
	 * a night train a -> c on Fridays.  A place at (51.9, 4): 11.1 km
	 * from c (300 + 15 + 12 = 327) or 100.1 km from b (60 + 15 + 101 =
	 * 176): b, and a bus (farther than 5 km). */
	hubs_make(4);
	edge(0, 1, 60, RAIL_DAY, 0, "", 1);
	edge(0, 2, 300, RAIL_DAY, 0, "", 1);
	edge(0, 2, 280, RAIL_NIGHT, 1u << 4, "", 1);
	dec_policy_defaults(&p);
	p.origin_lat = 50.0;
	p.origin_lon = 4.0;
	p.rail_transfer_minutes = 15;
	p.rail_regional_kmh = p.rail_bus_kmh = 60.0;
	p.rail_detour = p.coach_detour = 1.0;
	p.rail_station_km = 5.0;
	p.rail_nearest_hubs = 3;
	ck_assert_int_eq(rail_solve(&net, 0, 15, 0, &r), 0);
	ck_assert_int_eq(rail_solve(&net, 0, 15, 1u << 4, &nr), 0);
	memset(&m, 0, sizeof m);
	m.net = &net;
	m.routes = &r;
	m.policy = &p;
	ck_assert_int_eq(rail_route(&m, "X", "BE", 51.9, 4.0, &d), 0);
	ck_assert_int_eq(d.found, 1);
	ck_assert_int_eq(d.minutes, 176);
	ck_assert_int_eq(d.by_bus, 1);
	ck_assert_int_eq(d.transfers, 1);
	ck_assert_int_eq(d.nlegs, 2);
	ck_assert_str_eq(d.legs[0].from, "a");
	ck_assert_str_eq(d.legs[0].to, "b");
	ck_assert_int_eq(d.legs[1].kind, DEC_LEG_BUS);
	ck_assert_int_eq(d.legs[1].minutes, 101);
	ck_assert_str_eq(d.legs[1].to, "X");
	ck_assert_int_eq(d.legs[1].parts[0].factor, DEC_FACTOR_COACH);
	ck_assert_int_eq(d.night, 0);
	/* A bus runs from a hub of the place's own country when it has
	 * one (d, cut off), else from the nearest (a country without one). */
	ck_assert_int_eq(rail_route(&m, "X", "NL", 51.9, 4.0, &d), 0);
	snprintf(hubs[3].country, sizeof hubs[3].country, "NL");
	ck_assert_int_eq(rail_route(&m, "X", "NL", 51.9, 4.0, &d), -1);
	snprintf(hubs[3].country, sizeof hubs[3].country, "BE");
	/* Only the nearest hub considered: c, by regional train when the
	 * station distance allows; the Friday night train reaches c. */
	p.rail_nearest_hubs = 1;
	p.rail_station_km = 50.0;
	rail_night_arrivals(&nr, 1u << 4, 15, night_in);
	ck_assert_int_eq(night_in[2], 4);
	ck_assert_int_eq(night_in[1], -1);
	m.night_in = night_in;
	ck_assert_int_eq(rail_route(&m, "X", "NL", 51.9, 4.0, &d), 0);
	ck_assert_int_eq(d.minutes, 327);
	ck_assert_int_eq(d.by_bus, 0);
	ck_assert_int_eq(d.legs[1].kind, DEC_LEG_REGIONAL);
	ck_assert_int_eq(d.night, 1);
	ck_assert_int_eq(d.legs[0].kind, DEC_LEG_TRAIN);
	/* At a station: no last leg, no change. */
	ck_assert_int_eq(rail_route(&m, "b", "NL", 51.0, 4.0, &d), 0);
	ck_assert_int_eq(d.minutes, 60);
	ck_assert_int_eq(d.nlegs, 1);
	ck_assert_int_eq(d.transfers, 0);
	/* The origin away from its hub: a leg to it, and a change. */
	p.origin_lat = 50.1;
	ck_assert_int_eq(rail_route(&m, "b", "NL", 51.0, 4.0, &d), 0);
	ck_assert_int_eq(d.nlegs, 2);
	ck_assert_int_eq(d.legs[0].kind, DEC_LEG_REGIONAL);
	ck_assert_int_eq(d.legs[0].minutes, 12);
	ck_assert_int_eq(d.minutes, 12 + 15 + 60);
	p.origin_lat = 50.0;
	/* Near only the hub nobody reaches. */
	ck_assert_int_eq(rail_route(&m, "Y", "NL", 53.0, 4.0, &d), -1);
	ck_assert_int_eq(d.found, 0);
	rail_routes_free(&r);
	rail_routes_free(&nr);
}
END_TEST

START_TEST(night_within_a_day)
{
	struct rail_routes	 r;
	struct rail_model	 m;
	struct dec_policy	 p;
	struct dec_route	 d;
	int			 night_in[3];

	/* a to b by day in 10 h, then a night train b -> c (far north, no
	 * bus can compete): it serves c only for a policy whose working
	 * day reaches b. */
	hubs_make(3);
	hubs[2].lat = 60.0;
	edge(0, 1, 600, RAIL_DAY, 0, "", 1);
	edge(1, 2, 480, RAIL_NIGHT, RAIL_ALL_DAYS, "", 1);
	dec_policy_defaults(&p);
	p.origin_lat = 50.0;
	p.origin_lon = 4.0;
	ck_assert_int_eq(rail_solve(&net, 0, 15, RAIL_ALL_DAYS, &r), 0);
	rail_night_arrivals(&r, RAIL_ALL_DAYS, 15, night_in);
	ck_assert_int_eq(night_in[2], 2);
	memset(&m, 0, sizeof m);
	m.net = &net;
	m.routes = &r;
	m.night_in = night_in;
	m.policy = &p;
	p.working_day_hours = 8;
	ck_assert_int_eq(rail_route(&m, "c", "BE", 60.0, 4.0, &d), 0);
	ck_assert_int_eq(d.minutes, 600 + 15 + 480);
	ck_assert_int_eq(d.night, 0);
	p.working_day_hours = 10;
	ck_assert_int_eq(rail_route(&m, "c", "BE", 60.0, 4.0, &d), 0);
	ck_assert_int_eq(d.night, 1);
	ck_assert_int_eq(d.night_edge, 2);
	rail_routes_free(&r);
}
END_TEST

/* A document's text into rn: 0, or -1 with errs. */
static int
doc(const char *text, struct dst_rail_network *rn, struct dec_errors *errs)
{
	json_error_t	 jerr;
	json_t		*j = json_loads(text, 0, &jerr);
	int		 rc;

	ck_assert_msg(j != NULL, "%s: %s", text, jerr.text);
	rc = dst_rail_network_from_json(j, rn, errs);
	json_decref(j);
	return (rc);
}

#define HUB(id, cc) "{\"id\":\"" id "\",\"name\":\"" id "\",\"country\":\"" \
	cc "\",\"lat\":50.8,\"lon\":4.3,\"coord_source\":\"test\"}"

START_TEST(document)
{
	struct dst_rail_network	 rn;
	struct dec_errors	 errs;
	struct rail_routes	 r;
	int			 paris;

	memset(&errs, 0, sizeof errs);
	/* The origin need not come first; each edge runs both ways unless
	 * one_way; a night train leaves on its days. */
	ck_assert_int_eq(doc("{\"origin\":\"gent\",\"hubs\":["
	    HUB("paris", "FR") "," HUB("gent", "BE") "," HUB("brussels", "BE")
	    "],\"edges\":["
	    "{\"from\":\"gent\",\"to\":\"brussels\",\"minutes\":30,"
	    "\"kind\":\"day\",\"operator\":\"SNCB\",\"source\":\"t\","
	    "\"source_date\":\"2026-12\"},"
	    "{\"from\":\"brussels\",\"to\":\"paris\",\"minutes\":82,"
	    "\"kind\":\"day\",\"operator\":\"Eurostar\",\"source\":\"t\","
	    "\"source_date\":\"2026-12\"},"
	    "{\"from\":\"brussels\",\"to\":\"paris\",\"minutes\":60,"
	    "\"kind\":\"night\",\"days\":[\"mon\"],\"operator\":\"X\","
	    "\"source\":\"a guess from a map\",\"estimate\":true,"
	    "\"one_way\":true}]}", &rn, &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_uint_eq(rn.nhubs, 3);
	ck_assert_uint_eq(rn.nedges, 5);
	ck_assert_int_eq(rn.origin, 1);
	ck_assert_int_eq(rn.source[4], 2);
	ck_assert_uint_eq(rn.edges[4].days, MON);
	paris = 0;
	ck_assert_int_eq(rail_solve(&rn.net, rn.origin, 15, 0, &r), 0);
	ck_assert_int_eq(r.best[paris].minutes, 127);	/* 30+15+82 */
	rail_routes_free(&r);
	ck_assert_int_eq(rail_solve(&rn.net, rn.origin, 15, MON, &r), 0);
	ck_assert_int_eq(r.best[paris].minutes, 105);	/* 30+15+60 */
	ck_assert_int_eq(r.best[paris].night, 1);
	rail_routes_free(&r);
	dst_rail_network_free(&rn);

	/* Every error named; nothing kept. */
	ck_assert_int_eq(doc("{\"origin\":\"ghent\",\"colour\":1,\"hubs\":["
	    HUB("gent", "BE") "," HUB("gent", "be") "],\"edges\":["
	    "{\"from\":\"gent\",\"to\":\"lille\",\"minutes\":0,"
	    "\"kind\":\"bus\",\"operator\":\"SNCB\"},"
	    "{\"from\":\"gent\",\"to\":\"gent\",\"minutes\":5,"
	    "\"kind\":\"night\",\"operator\":\"X\",\"source\":\"s\","
	    "\"source_date\":\"2026\"}]}", &rn, &errs), -1);
	ck_assert_ptr_null(rn.hubs);
	ck_assert(dec_errors_has(&errs, 0, "colour"));
	ck_assert(dec_errors_has(&errs, 0, "hubs[1].country"));
	ck_assert(dec_errors_has(&errs, 0, "hubs[1].id"));
	ck_assert(dec_errors_has(&errs, 0, "origin"));
	ck_assert(dec_errors_has(&errs, 0, "edges[0].to"));
	ck_assert(dec_errors_has(&errs, 0, "edges[0].minutes"));
	ck_assert(dec_errors_has(&errs, 0, "edges[0].kind"));
	ck_assert(dec_errors_has(&errs, 0, "edges[0].source"));
	ck_assert(dec_errors_has(&errs, 0, "edges[0].source_date"));
	ck_assert(dec_errors_has(&errs, 0, "edges[1].to"));
	ck_assert(dec_errors_has(&errs, 0, "edges[1].days"));
	dec_errors_clear(&errs);
}
END_TEST

START_TEST(shipped_network)
{
	struct dst_rail_network	 rn;
	struct dec_errors	 errs;
	struct rail_routes	 r;
	json_error_t		 jerr;
	json_t			*j;
	const char		*dir = getenv("TESTS_SRCDIR");
	char			 path[4096];
	size_t			 i;

	/* The network tripmode ships reads clean, every hub is reached (some
	 * only by a night train), and no journey is slower than a direct
	 * edge from the origin. */
	snprintf(path, sizeof path, "%s/../destinations/data/rail-network.json",
	    dir != NULL ? dir : "tests");
	j = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	ck_assert_msg(j != NULL, "%s: %s", path, jerr.text);
	memset(&errs, 0, sizeof errs);
	ck_assert_msg(dst_rail_network_from_json(j, &rn, &errs) == 0,
	    "%s: %s", errs.n > 0 ? errs.v[0].field : "",
	    errs.n > 0 ? errs.v[0].message : "");
	json_decref(j);
	ck_assert_str_eq(rn.hubs[rn.origin].id, "gent-sint-pieters");
	ck_assert_uint_ge(rn.nhubs, 50);
	ck_assert_int_eq(rail_solve(&rn.net, rn.origin, 15, RAIL_ALL_DAYS, &r),
	    0);
	for (i = 0; i < rn.nhubs; i++)
		ck_assert_msg(r.best[i].minutes != RAIL_UNREACHABLE, "%s",
		    rn.hubs[i].id);
	for (i = 0; i < rn.nedges; i++)
		if (rn.edges[i].from == rn.origin &&
		    rn.edges[i].kind == RAIL_DAY)
			ck_assert_int_le(r.best[rn.edges[i].to].minutes,
			    rn.edges[i].minutes);
	rail_routes_free(&r);
	dst_rail_network_free(&rn);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("railnet");
	TCase	*tc = tcase_create("railnet");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, transfer_allowance);
	tcase_add_test(tc, through_service);
	tcase_add_test(tc, change_between_stations);
	tcase_add_test(tc, fastest_wins);
	tcase_add_test(tc, night_on_its_days);
	tcase_add_test(tc, unreachable);
	tcase_add_test(tc, checks);
	tcase_add_test(tc, door_to_door);
	tcase_add_test(tc, document);
	tcase_add_test(tc, night_within_a_day);
	tcase_add_test(tc, shipped_network);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? 0 : 1);
}
