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
	struct dst_store *store;		/* the main thread's connection */
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

/* One request as the handlers see it. */
struct request {
	struct evhttp_request	*req;
	struct dst_snapshot	*snap;		/* held for the request */
	int			 cmd;		/* EVHTTP_REQ_* */
	const char		*path;
	const char		*query;		/* raw, or NULL */
	char			 id[DEC_ID_MAX];	/* the {id} in the path */
	char			 who[DEC_NAME_MAX];	/* key name, "" if none */
	enum dst_role		 role;		/* of the key, or NONE */
};

/* routes.c: the route table and dispatch. */
void	 routes_handle(struct evhttp_request *, void *);

/* reply.c: replies, bodies, query strings. */
/* Send o (stolen) as application/json. */
void	 reply_json(struct evhttp_request *, int code, const char *reason,
	    json_t *o);
/* Send bytes with a content type. */
void	 reply_bytes(struct evhttp_request *, int code, const char *reason,
	    const char *content_type, const char *body, size_t len);
/* 405 with an Allow header. */
void	 reply_method(struct evhttp_request *, const char *allow);
/*
 * The request body, contiguous (not NUL-terminated), or NULL after
 * replying 413 (over TM_MAX_BODY) or 415 (Content-Type not one of the
 * NULL-terminated types; a missing Content-Type counts as the first).
 */
const char *request_body(struct request *, const char *const *types,
	    size_t *len);
/* Does the Accept header ask for CSV? */
int	 request_wants_csv(struct request *);
/* A request header, or NULL. */
const char *request_header(struct request *, const char *);

#define QUERY_MAX_PARAMS	16
struct query {
	int	 n;
	char	*key[QUERY_MAX_PARAMS];
	char	*value[QUERY_MAX_PARAMS];
};
/* Parse the query against allowed names; on error reply 400, return -1. */
int	 query_parse(struct request *, const char *const *allowed,
	    struct query *);
const char *query_get(const struct query *, const char *);
/* "", true, 1, yes -> 1; false, 0, no -> 0; else -1 (absent: def). */
int	 query_bool(const struct query *, const char *, int def);
void	 query_free(struct query *);
/* Days since the epoch, today (UTC). */
long	 today(void);

/* auth.c: API keys and roles (SPEC §4). */
struct auth_config {
	int	 open_reads;	/* decisions and reads need no key */
};
extern struct auth_config auth_config;
/*
 * Check the caller against the role an endpoint needs (DST_ROLE_NONE:
 * open when auth_config.open_reads, else any valid key).  Fill r->who and
 * r->role; on failure reply 401 or 403 (problem+json) and return -1.
 */
int	 auth_check(struct request *, enum dst_role needed);

/* keys_cli.c: `tripmoded keys ...`, run on the server against --db. */
int	 keys_main(const char *db, int argc, char **argv);

/* server.c: the writer side. */
/* This thread's own store connection (opened on first use), or NULL. */
struct dst_store *server_store(char **cause);
/* Serialise writers: commit, then publish, in the lock. */
void	 server_write_lock(void);
void	 server_write_unlock(void);
/* Load a new snapshot from st and swap it in; 0 or -1. */
int	 server_publish(struct dst_store *, char **cause);
/* The database path (for per-thread connections). */
extern const char *server_db_path;

/* Handlers, one file per area. */
void	 api_healthz(struct request *);
void	 api_decisions(struct request *);
/* api_list.c */
void	 api_destinations_list(struct request *);
void	 api_destination_get(struct request *);
void	 api_destination_create(struct request *);
void	 api_destination_put(struct request *);
void	 api_destination_retire(struct request *);
void	 api_destination_history(struct request *);
void	 api_destinations_import(struct request *);
/* api_settings.c */
void	 api_policy_get(struct request *);
void	 api_policy_put(struct request *);
void	 api_policy_history(struct request *);
void	 api_factors_get(struct request *);
void	 api_factors_put(struct request *);
void	 api_factors_history(struct request *);
void	 api_zone_get(struct request *);
void	 api_zone_put(struct request *);
void	 api_zone_history(struct request *);

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
