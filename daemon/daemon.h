/*
 * tripmoded internals: the only module that knows about HTTP.
 */
#ifndef TRIPMODE_DAEMON_H
#define TRIPMODE_DAEMON_H

#include <stddef.h>

#include <jansson.h>

#include "destinations/destinations.h"

struct evhttp_request;

/* Limits (SPEC §6, STYLE: httpd-like hard defaults). */
#define TM_MAX_BODY		(64 * 1024)	/* our 413, as problem+json */
#define TM_MAX_BODY_HARD	(1024 * 1024)	/* libevent's own 413 beyond */
#define TM_MAX_HEADERS		(8 * 1024)
#define TM_TIMEOUT_SECONDS	10
#define TM_GRACE_MSEC		500

/* log.c */
void	log_init(int verbose);
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
extern int log_verbose;

/* server.c: the current snapshot, swapped atomically as a whole. */
struct dst_snapshot *server_snapshot(void);	/* new reference */
void	 server_snapshot_set(struct dst_snapshot *);	/* takes the reference */

struct server_config {
	char	 host[256];
	int	 port;
	int	 threads;
	int	 grace_msec;
	int	 timeout;			/* seconds, read and write */
};
/* Bind, run the workers until SIGTERM/SIGINT, drain, return 0 or -1. */
int	 server_run(const struct server_config *, char **cause);

/* problem.c: application/problem+json replies (SPEC §4). */
struct problem {
	int	 status;
	const char *title;
	char	 detail[512];
	json_t	*errors;		/* array of {field, message} */
	json_t	*extra;			/* object merged into the reply, or NULL */
};
void	 problem_init(struct problem *, int status, const char *title);
void	 problem_add(struct problem *, const char *field, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	 problem_has_errors(const struct problem *);
/* Send and release the problem. */
void	 problem_send(struct evhttp_request *, struct problem *);
/* Shortcut: one error, sent at once. */
void	 problem_reply(struct evhttp_request *, int status, const char *title,
	    const char *field, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
void	 problem_clear(struct problem *);

/* routes.c */
void	 routes_handle(struct evhttp_request *, void *);

/* jsonio.c: requests in, answers out. */
/*
 * Parse a POST /v1/decisions body against a snapshot.  On success fill req
 * and return 0; otherwise fill prob (400 or 422, every error named) and
 * return -1.
 */
int	 jsonio_decision_request(const struct dst_snapshot *, const char *body,
	    size_t len, struct dec_request *, struct problem *);
json_t	*jsonio_decision_result(const struct dst_snapshot *,
	    const struct dec_request *, const struct dec_result *);
json_t	*jsonio_entry(const struct dst_entry *);
/* CSV of entries (header = JSON field names); malloc'd, NUL-terminated. */
char	*jsonio_entries_csv(const struct dst_entry *const *, size_t, size_t *len);
/* Serialize for the wire: compact, UTF-8, 10 significant digits. */
char	*jsonio_dump(const json_t *, size_t *len);

#endif /* TRIPMODE_DAEMON_H */
