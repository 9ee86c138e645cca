# Everything of the daemon but its main(), in a library that tripmoded and
# the fuzzers (fuzz/) link.
noinst_LIBRARIES += daemon/libtripmoded.a
daemon_libtripmoded_a_SOURCES = \
	daemon/daemon.h \
	daemon/keys_cli.c \
	daemon/log.c \
	daemon/server.c \
	daemon/conn.c \
	daemon/routes.c \
	daemon/auth.c \
	daemon/request.c \
	daemon/form.c \
	daemon/reply.c \
	daemon/send.c \
	daemon/problem.c \
	daemon/jsonw.c \
	daemon/etag.c \
	daemon/i18n.c \
	daemon/words.c \
	daemon/decide.c \
	daemon/trip_file.c \
	daemon/encode.c \
	daemon/encode_decision.c \
	daemon/csv.c \
	daemon/api_decide.c \
	daemon/api_list.c \
	daemon/api_settings.c \
	daemon/api_trips.c \
	daemon/openapi.c \
	daemon/page_html.c \
	daemon/page_form.c \
	daemon/page_answer.c \
	daemon/page_trip.c \
	daemon/page_static.c \
	daemon/admin.c
daemon_libtripmoded_a_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS) \
	$(JANSSON_CFLAGS)
TRIPMODED_LIBS = daemon/libtripmoded.a $(DST_LIBS) $(LIBEVENT_LIBS)

bin_PROGRAMS += tripmoded
tripmoded_SOURCES = daemon/tripmoded.c
tripmoded_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS) $(JANSSON_CFLAGS)
tripmoded_LDADD = $(TRIPMODED_LIBS)

# The OpenAPI document is compiled in (like destinations/embedded.c): the
# binary describes exactly the API it serves, installed or not.
nodist_daemon_libtripmoded_a_SOURCES = daemon/openapi-doc.c
daemon/openapi-doc.c: daemon/openapi.json
	$(AM_V_GEN)$(MKDIR_P) daemon && { \
	    echo '/* Generated from daemon/openapi.json; do not edit. */'; \
	    echo '#include <stddef.h>'; \
	    echo 'extern const unsigned char openapi_json[];'; \
	    echo 'extern const size_t openapi_json_len;'; \
	    echo 'const unsigned char openapi_json[] = {'; \
	    od -An -v -tx1 $(srcdir)/daemon/openapi.json | \
	        sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0x00 };'; \
	    echo "const size_t openapi_json_len = $$(wc -c \
	        <$(srcdir)/daemon/openapi.json | tr -d ' ');"; \
	} >$@.tmp && mv $@.tmp $@
CLEANFILES += daemon/openapi-doc.c
EXTRA_DIST += daemon/openapi.json

# Page assets, installed for --web-dir's default ($(pkgdatadir)/web).
webdir = $(pkgdatadir)/web
dist_web_DATA = \
	daemon/web/style.css \
	daemon/web/admin.html \
	daemon/web/admin.js
