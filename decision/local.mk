noinst_LIBRARIES += decision/libdecision.a
decision_libdecision_a_SOURCES = \
	decision/decision.h \
	decision/decision-int.h \
	decision/names.c \
	decision/text.c \
	decision/errors.c \
	decision/geo.c \
	decision/calibrate.c \
	decision/rules.c \
	decision/estimate.c \
	decision/railnet.h \
	decision/railnet.c
