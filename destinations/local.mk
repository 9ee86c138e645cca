noinst_LIBRARIES += destinations/libdestinations.a
destinations_libdestinations_a_SOURCES = \
	destinations/destinations.h \
	destinations/embedded.h \
	destinations/internal.h \
	destinations/store.c \
	destinations/json.c \
	destinations/seed.c \
	destinations/snapshot.c \
	destinations/names.c \
	destinations/places.c \
	destinations/countries.c \
	destinations/zones.c \
	destinations/settings.c \
	destinations/sha256.c \
	destinations/keys.c \
	destinations/write.c \
	destinations/trips.c
nodist_destinations_libdestinations_a_SOURCES = destinations/embedded.c
destinations_libdestinations_a_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) \
	$(GEOS_CFLAGS) $(SQLITE_CFLAGS)

# Migrations and seed data are compiled into the binary: one file to
# install, nothing to find at run time.
DST_EMBED = \
	destinations/migrations/001_init.sql \
	destinations/migrations/002_keys.sql \
	destinations/migrations/003_trips.sql \
	destinations/migrations/004_places.sql \
	destinations/data/policy.json \
	destinations/data/factors-desnz-2025.json \
	destinations/data/destinations.json \
	destinations/data/rail-zone.geojson \
	destinations/data/places.tsv \
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
	destinations/data/extract/make-countries.mjs \
	destinations/data/extract/lookup.mjs

DST_LIBS = destinations/libdestinations.a decision/libdecision.a \
	$(JANSSON_LIBS) $(GEOS_LIBS) $(SQLITE_LIBS) $(LIBS)
