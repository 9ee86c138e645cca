bin_PROGRAMS += tripmoded
tripmoded_SOURCES = \
	daemon/daemon.h \
	daemon/tripmoded.c \
	daemon/server.c \
	daemon/routes.c \
	daemon/reply.c \
	daemon/auth.c \
	daemon/keys_cli.c \
	daemon/api_list.c \
	daemon/csv.c \
	daemon/api_settings.c \
	daemon/jsonio.c \
	daemon/jsonw.c \
	daemon/problem.c \
	daemon/log.c
tripmoded_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS) $(JANSSON_CFLAGS)
tripmoded_LDADD = $(DST_LIBS) $(LIBEVENT_LIBS)
