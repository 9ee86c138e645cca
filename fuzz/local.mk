# libFuzzer targets, built with ./configure --enable-fuzzers (clang); run
# by ./quickstart fuzz.  Each has a seed corpus in fuzz/corpus/NAME.
FUZZ_TARGETS = fuzz/fuzz_decide fuzz/fuzz_csv fuzz/fuzz_form \
	fuzz/fuzz_zone fuzz/fuzz_route fuzz/fuzz_railnet fuzz/fuzz_gazetteer
if FUZZERS
noinst_PROGRAMS = $(FUZZ_TARGETS)
endif
FUZZER_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS) $(JANSSON_CFLAGS) \
	$(GEOS_CFLAGS)
FUZZER_LINK = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_decide_SOURCES = fuzz/fuzz_decide.c
fuzz_fuzz_decide_CFLAGS = $(FUZZER_CFLAGS)
fuzz_fuzz_decide_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_decide_LDADD = $(TRIPMODED_LIBS)
fuzz_fuzz_csv_SOURCES = fuzz/fuzz_csv.c
fuzz_fuzz_csv_CFLAGS = $(FUZZER_CFLAGS)
fuzz_fuzz_csv_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_csv_LDADD = $(TRIPMODED_LIBS)
fuzz_fuzz_form_SOURCES = fuzz/fuzz_form.c
fuzz_fuzz_form_CFLAGS = $(FUZZER_CFLAGS)
fuzz_fuzz_form_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_form_LDADD = $(TRIPMODED_LIBS)
fuzz_fuzz_zone_SOURCES = fuzz/fuzz_zone.c
fuzz_fuzz_zone_CFLAGS = $(FUZZER_CFLAGS)
fuzz_fuzz_zone_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_zone_LDADD = $(TRIPMODED_LIBS)
fuzz_fuzz_route_SOURCES = fuzz/fuzz_route.c
fuzz_fuzz_route_CFLAGS = $(FUZZER_CFLAGS)
fuzz_fuzz_route_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_route_LDADD = $(TRIPMODED_LIBS)
fuzz_fuzz_railnet_SOURCES = fuzz/fuzz_railnet.c
fuzz_fuzz_railnet_CFLAGS = $(FUZZER_CFLAGS)
fuzz_fuzz_railnet_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_railnet_LDADD = $(TRIPMODED_LIBS)
fuzz_fuzz_gazetteer_SOURCES = fuzz/fuzz_gazetteer.c
fuzz_fuzz_gazetteer_CFLAGS = $(FUZZER_CFLAGS)
fuzz_fuzz_gazetteer_LDFLAGS = $(FUZZER_LINK)
fuzz_fuzz_gazetteer_LDADD = $(TRIPMODED_LIBS)
EXTRA_DIST += fuzz/corpus
