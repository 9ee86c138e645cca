check_PROGRAMS += tests/check_decision tests/check_railnet \
	tests/check_destinations \
	tests/check_write tests/check_settings tests/check_keys \
	tests/check_trips tests/check_places tests/check_countries \
	tests/slow_clients
# The rules' data are put into words by the daemon's one renderer: the
# decision tests check the JSON's wording through it.
tests_check_decision_SOURCES = tests/check_decision.c daemon/words.c \
	daemon/i18n.c daemon/log.c
tests_check_decision_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_check_decision_LDADD = decision/libdecision.a $(CHECK_LIBS) $(LIBS)
tests_check_railnet_SOURCES = tests/check_railnet.c
tests_check_railnet_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_check_railnet_LDADD = $(DST_LIBS) $(CHECK_LIBS)
DST_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(GEOS_CFLAGS) $(JANSSON_CFLAGS)
tests_check_destinations_SOURCES = tests/check_destinations.c tests/check_util.c
tests_check_destinations_CFLAGS = $(DST_TEST_CFLAGS)
tests_check_destinations_LDADD = $(DST_LIBS) $(CHECK_LIBS)
tests_check_write_SOURCES = tests/check_write.c daemon/csv.c \
	daemon/encode.c tests/check_util.c
tests_check_write_CFLAGS = $(DST_TEST_CFLAGS) $(LIBEVENT_CFLAGS)
tests_check_write_LDADD = $(DST_LIBS) $(LIBEVENT_LIBS) $(CHECK_LIBS)
tests_check_settings_SOURCES = tests/check_settings.c tests/check_util.c
tests_check_settings_CFLAGS = $(DST_TEST_CFLAGS)
tests_check_settings_LDADD = $(DST_LIBS) $(CHECK_LIBS)
tests_check_keys_SOURCES = tests/check_keys.c
tests_check_keys_CFLAGS = $(DST_TEST_CFLAGS)
tests_check_keys_LDADD = $(DST_LIBS) $(CHECK_LIBS)
tests_check_keys_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE_CFLAGS)
tests_check_trips_SOURCES = tests/check_trips.c tests/check_util.c
tests_check_trips_CFLAGS = $(DST_TEST_CFLAGS) $(SQLITE_CFLAGS)
tests_check_trips_LDADD = $(DST_LIBS) $(CHECK_LIBS)
tests_check_places_SOURCES = tests/check_places.c tests/check_util.c
tests_check_places_CFLAGS = $(DST_TEST_CFLAGS) $(SQLITE_CFLAGS)
tests_check_places_LDADD = $(DST_LIBS) $(CHECK_LIBS)
tests_check_countries_SOURCES = tests/check_countries.c tests/check_util.c
tests_check_countries_CFLAGS = $(DST_TEST_CFLAGS) $(SQLITE_CFLAGS)
tests_check_countries_LDADD = $(DST_LIBS) $(CHECK_LIBS)
# Not a test: the slow clients tests/it_slow.sh sends.
tests_slow_clients_SOURCES = tests/slow_clients.c

INTEGRATION_TESTS = tests/integration.sh tests/it_keys.sh tests/it_list.sh \
	tests/it_settings.sh tests/it_client.sh tests/it_trips.sh \
	tests/it_node.sh tests/it_pages.sh tests/it_places.sh tests/it_bad.sh \
	tests/it_edge.sh tests/it_slow.sh
TESTS += tests/check_decision tests/check_railnet tests/check_destinations tests/check_write \
	tests/check_settings tests/check_keys tests/check_trips \
	tests/check_places tests/check_countries $(INTEGRATION_TESTS)
EXTRA_DIST += $(INTEGRATION_TESTS) tests/lib.sh tests/check_util.h tests/bad
# Node.js tests run by tests/it_node.sh (packages pinned by the lock file).
EXTRA_DIST += tests/node/package.json tests/node/package-lock.json \
	tests/node/validate-openapi.mjs tests/node/browser.mjs
AM_TESTS_ENVIRONMENT = \
	CK_VERBOSITY=verbose; export CK_VERBOSITY; \
	CK_DEFAULT_TIMEOUT=60; export CK_DEFAULT_TIMEOUT; \
	TRIPMODED=$(abs_top_builddir)/tripmoded; export TRIPMODED; \
	TRIPMODE=$(abs_top_builddir)/tripmode; export TRIPMODE; \
	TESTS_SRCDIR=$(abs_top_srcdir)/tests; export TESTS_SRCDIR; \
	SLOW_CLIENTS=$(abs_top_builddir)/tests/slow_clients; export SLOW_CLIENTS;

# The benchmark's baseline, built on demand by ./quickstart bench.
EXTRA_PROGRAMS = tests/bare_responder tests/bench_resolve tests/rail_check
tests_bare_responder_SOURCES = tests/bare_responder.c
tests_bare_responder_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS)
tests_bare_responder_LDADD = $(LIBEVENT_LIBS)
CLEANFILES += tests/bare_responder
EXTRA_DIST += tests/bench.sh
# Resolving places with and without the gazetteer and the borders, built on
# demand by ./quickstart bench-places.
tests_bench_resolve_SOURCES = tests/bench_resolve.c
tests_bench_resolve_CFLAGS = $(DST_TEST_CFLAGS) $(SQLITE_CFLAGS)
tests_bench_resolve_LDADD = $(DST_LIBS)
# The driver of ./quickstart rail-check.
tests_rail_check_SOURCES = tests/rail_check.c
tests_rail_check_CFLAGS = $(DST_TEST_CFLAGS)
tests_rail_check_LDADD = $(DST_LIBS)
CLEANFILES += tests/rail_check
EXTRA_DIST += tests/rail-checkset.json
CLEANFILES += tests/bench_resolve
EXTRA_DIST += tests/bench_places.sh tests/bench-places-7339.tsv \
	tests/world-places.txt
