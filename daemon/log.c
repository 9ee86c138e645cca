/* Logging to stderr with a UTC timestamp; the daemon's only log sink. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "daemon/daemon.h"

int log_verbose;

static void log_vwrite(const char *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

/* Remember whether debug lines are wanted. */
void
log_init(int verbose)
{
	log_verbose = verbose;
}

/* Write one line: timestamp, level, message. */
static void
log_vwrite(const char *level, const char *fmt, va_list ap)
{
	char		 ts[32], msg[1024];
	time_t		 now;
	struct tm	 tm;

	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
	vsnprintf(msg, sizeof msg, fmt, ap);
	/* One fprintf per line keeps lines whole across threads. */
	fprintf(stderr, "%s tripmoded[%s]: %s\n", ts, level, msg);
}

/* Normal operation: start, stop, configuration. */
void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite("info", fmt, ap);
	va_end(ap);
}

/* Something went wrong but the daemon carries on. */
void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite("warn", fmt, ap);
	va_end(ap);
}

/* Per-request detail, only with --verbose. */
void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	if (!log_verbose)
		return;
	va_start(ap, fmt);
	log_vwrite("debug", fmt, ap);
	va_end(ap);
}
