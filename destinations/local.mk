# destinations/: the data side, as four libraries that call downward only
# (snapshot -> store -> geo -> names -> decision), one header each.

noinst_LIBRARIES += destinations/names/libnames.a
destinations_names_libnames_a_SOURCES = \
	destinations/names/names.h \
	destinations/names/normalize.c \
	destinations/names/distance.c \
	destinations/names/codes.c

noinst_LIBRARIES += destinations/geo/libgeo.a
destinations_geo_libgeo_a_SOURCES = \
	destinations/geo/geo.h \
	destinations/geo/geo-int.h \
	destinations/geo/context.c \
	destinations/geo/geojson.c \
	destinations/geo/sphere.c \
	destinations/geo/zones.c \
	destinations/geo/borders.c \
	destinations/geo/points.c \
	destinations/geo/gazetteer.c \
	destinations/geo/airports.c \
	destinations/geo/railzone.c
destinations_geo_libgeo_a_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) \
	$(GEOS_CFLAGS)

noinst_LIBRARIES += destinations/store/libstore.a
destinations_store_libstore_a_SOURCES = \
	destinations/store/store.h \
	destinations/store/store-int.h \
	destinations/embedded.h \
	destinations/store/sql.c \
	destinations/store/json.c \
	destinations/store/changes.c \
	destinations/store/entry.c \
	destinations/store/documents.c \
	destinations/store/migrate.c \
	destinations/store/places.c \
	destinations/store/railzone.c \
	destinations/store/railnet.c \
	destinations/store/seed.c \
	destinations/store/open.c \
	destinations/store/list.c \
	destinations/store/settings.c \
	destinations/store/keys.c \
	destinations/store/trips.c \
	destinations/store/read.c
nodist_destinations_store_libstore_a_SOURCES = destinations/embedded.c
destinations_store_libstore_a_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) \
	$(GEOS_CFLAGS) $(SQLITE_CFLAGS) $(CRYPTO_CFLAGS)

noinst_LIBRARIES += destinations/snapshot/libsnapshot.a
destinations_snapshot_libsnapshot_a_SOURCES = \
	destinations/snapshot/snapshot.h \
	destinations/snapshot/snapshot-int.h \
	destinations/snapshot/snapshot.c \
	destinations/snapshot/index.c \
	destinations/snapshot/place.c \
	destinations/snapshot/rail.c
destinations_snapshot_libsnapshot_a_CFLAGS = $(AM_CFLAGS) \
	$(JANSSON_CFLAGS) $(GEOS_CFLAGS)

# Migrations and seed data are compiled into the binary: one file to
# install, nothing to find at run time.
DST_EMBED = \
	destinations/store/migrations/001_init.sql \
	destinations/store/migrations/002_keys.sql \
	destinations/store/migrations/003_trips.sql \
	destinations/store/migrations/004_places.sql \
	destinations/store/migrations/005_generations.sql \
	destinations/store/migrations/006_form_tokens.sql \
	destinations/store/migrations/007_rail_network.sql \
	destinations/store/migrations/008_world.sql \
	destinations/data/policy.json \
	destinations/data/rail-network.json \
	destinations/data/factors-desnz-2025.json \
	destinations/data/factors-desnz-2025-plus.json \
	destinations/data/destinations.json \
	destinations/data/rail-zone.geojson \
	destinations/data/places.tsv \
	destinations/data/airports.tsv \
	destinations/data/countries.geojson \
	destinations/data/rail-countries.json
destinations/embedded.c: $(DST_EMBED) destinations/embed.sh
	$(AM_V_GEN)$(MKDIR_P) destinations && \
	$(SHELL) $(srcdir)/destinations/embed.sh $(srcdir) $(DST_EMBED) >$@.tmp && \
	mv $@.tmp $@
CLEANFILES += destinations/embedded.c
EXTRA_DIST += $(DST_EMBED) destinations/embed.sh destinations/data/README.md \
	destinations/data/places-nl.tsv destinations/data/extract/README.md \
	destinations/data/extract/package.json \
	destinations/data/extract/package-lock.json \
	destinations/data/extract/make-places.mjs \
	destinations/data/extract/make-airports.mjs \
	destinations/data/extract/Makefile \
	destinations/data/extract/make-countries.mjs \
	destinations/data/extract/lookup.mjs

DST_LIBS = destinations/snapshot/libsnapshot.a \
	destinations/store/libstore.a destinations/geo/libgeo.a \
	destinations/names/libnames.a decision/libdecision.a \
	$(JANSSON_LIBS) $(GEOS_LIBS) $(SQLITE_LIBS) $(CRYPTO_LIBS) $(LIBS)
