bin_PROGRAMS += tripmode
tripmode_SOURCES = \
	client/client.h \
	client/tripmode.c \
	client/dest.c \
	client/settings.c \
	client/railnet.c \
	client/http.c \
	client/render.c \
	client/table.c \
	client/util.c
tripmode_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS) $(JANSSON_CFLAGS)
tripmode_LDADD = decision/libdecision.a $(LIBEVENT_LIBS) $(JANSSON_LIBS) $(LIBS)
