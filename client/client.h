/*
 * tripmode — the command-line client.  Internal header shared by the files
 * of client/; nothing outside client/ includes it.
 *
 * Exit status of the program: 0 ok, 1 the server refused the request
 * (HTTP 4xx/5xx), 2 usage, transport or protocol error.
 */
#ifndef TRIPMODE_CLIENT_H
#define TRIPMODE_CLIENT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#define EXIT_OK		0
#define EXIT_REFUSED	1
#define EXIT_USAGE	2	/* also transport and protocol errors */

/* util.c */

/*
 * Allocation wrappers: they never return NULL.  On failure they print
 * "tripmode: out of memory" and end the program with EXIT_USAGE.
 */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));
/* Called when a library (jansson, libevent) reports an allocation failure. */
void	 fatal_nomem(void) __attribute__((noreturn));

/* Number of code points in a UTF-8 string (its width in a table). */
size_t	 utf8_width(const char *);
/*
 * Replace, in place throughout a JSON tree, every control character of
 * every string (C0, DEL, C1) by '?' so that server text cannot drive the
 * terminal.  Newlines are kept; tabs become spaces.
 */
void	 json_sanitize(json_t *);
/* A sanitized copy of s (as above), which the caller frees. */
char	*text_sanitize(const char *);
/*
 * Read a whole file ("-": standard input) into *buf (NUL-terminated, len
 * excludes the NUL); return 0, or -1 with *cause (caller frees).
 */
int	 read_file(const char *path, char **buf, size_t *len, char **cause);

/* Getters that tolerate a missing key or a wrong type (NULL / -1). */
const char	*jstr(const json_t *, const char *);
int		 jnum(const json_t *, const char *, double *);
int		 jbool(const json_t *, const char *);	/* 1, 0, or -1 */

/* http.c */

/* A parsed server URL: http:// only, with an optional path prefix. */
struct http_target {
	char	*url;		/* as the user gave it, for messages */
	char	*host;		/* for getaddrinfo: no IPv6 brackets */
	char	*host_header;	/* "host[:port]", brackets kept */
	unsigned short port;
	char	*prefix;	/* path prefix without a trailing '/', or "" */
};

struct http_response {
	int	 status;
	char	*reason;	/* response code line, e.g. "Not Found" */
	char	*content_type;	/* NULL when absent */
	char	*etag;		/* NULL when absent */
	char	*location;	/* NULL when absent */
	char	*body;		/* NUL-terminated copy; len excludes the NUL */
	size_t	 len;
};

/* What to send: only method and path are required. */
struct http_req {
	const char	*method;	/* GET, POST, PUT or DELETE */
	const char	*path;		/* path and query, after the prefix */
	const char	*body;		/* NULL: no body */
	size_t		 len;		/* bytes of body */
	const char	*content_type;	/* of the body; NULL: application/json */
	const char	*accept;	/* NULL: application/json */
	const char	*if_match;	/* NULL: no If-Match header */
};

/* Parse url into t; return 0, or -1 with *cause (caller frees). */
int	http_target_parse(const char *url, struct http_target *t, char **cause);
void	http_target_free(struct http_target *);

/*
 * Send one request to t->prefix + rq->path and wait at most timeout
 * seconds for the whole answer.  key, when not NULL, is sent as a bearer
 * token.  Return 0 when the server answered (whatever the status), or -1
 * with *cause (caller frees) when it could not be reached or the answer
 * was not HTTP.
 */
int	http_request(const struct http_target *t, const struct http_req *rq,
	    const char *key, double timeout, struct http_response *resp,
	    char **cause);
void	http_response_free(struct http_response *);

/* tripmode.c: the command line and the calls shared by the commands */

enum opt_id {
	OPT_URL,
	OPT_KEY,
	OPT_JSON,
	OPT_TIMEOUT,
	OPT_HELP,
	OPT_VERSION,
	OPT_FROM,
	OPT_TO,
	OPT_TRAVELLERS,
	OPT_ONLINE,
	OPT_CABIN,
	OPT_COUNTRY,
	OPT_LAT,
	OPT_LON,
	OPT_Q,
	OPT_INCLUDE_RETIRED,
	/* The fields of an entry (destinations add and edit). */
	OPT_ID,
	OPT_NAME,
	OPT_NAME_NL,
	OPT_NAME_EN,
	OPT_ALIAS,
	OPT_COORD_SOURCE,
	OPT_MODE,
	OPT_STRENGTH,
	OPT_RAIL_HOURS,
	OPT_RAIL_SOURCE,
	OPT_RAIL_SOURCE_DATE,
	OPT_RAIL_ESTIMATED,
	OPT_NO_RAIL_ESTIMATED,
	OPT_NIGHT_TRAIN,
	OPT_NO_NIGHT_TRAIN,
	OPT_NIGHT_TRAIN_NOTE,
	OPT_NOTES,
	OPT_ACTIVE_FROM,
	OPT_FILE,
	OPT_OUTPUT,
	OPT_DRY_RUN,
	OPT_IF_VERSION,
	OPT_COUNT
};

/*
 * The command line, split: option values (the last one wins, every one
 * kept in order for options that may be repeated) and words.
 */
struct args {
	const char	 *val[OPT_COUNT];	/* NULL: not given */
	const char	**all[OPT_COUNT];	/* every value given */
	int		  nall[OPT_COUNT];
	char		**words;
	int		  nwords;
};

/* What every command needs to talk to the server. */
struct client {
	struct http_target	 target;
	const char		*key;		/* NULL: none */
	int			 json;
	double			 timeout;
};

/* Which human rendering an answer gets. */
enum answer_kind {
	ANSWER_DECISION,
	ANSWER_LIST,
	ANSWER_ENTRY,
	ANSWER_HISTORY,
	ANSWER_IMPORT,
	ANSWER_POLICY,
	ANSWER_FACTORS,
	ANSWER_ROUTE,			/* a decision, its rail route */
	ANSWER_RAIL_NETWORK
};

/* The long name of an option, without the dashes. */
const char	*opt_name(int);

/* "tripmode: ..." on stderr: a transport, protocol or local error. */
void	 client_warn(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
/* A usage error: one line; return EXIT_USAGE. */
int	 usage_error(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
/* The same, pointing to the help. */
int	 usage_hint(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

/* Checks of command-line values; on failure they print a usage error. */
json_t	*arg_string(const char *what, const char *s);	/* NULL: not UTF-8 */
int	 arg_utf8(const char *what, const char *s);	/* 0 or -1 */
int	 arg_double(const struct args *, int id, double min, double max,
	    double *out);				/* 0 or -1 */
int	 arg_country(const struct args *, char cc[3]);	/* 0 or -1 */
/*
 * The one word ID of command cmd as the path /v1/destinations/ID + suffix
 * (caller frees), or NULL after a usage error.
 */
char	*arg_dest_path(const char *cmd, char **words, int nwords,
	    const char *suffix);

/*
 * Send a request with the client's key.  Return 0 when the server
 * answered (whatever the status), or EXIT_USAGE after one line on stderr.
 */
int	 client_send(struct client *, const struct http_req *,
	    struct http_response *);
/*
 * Check an answer: a refusal (4xx, 5xx) is printed and gives
 * EXIT_REFUSED; anything else but a JSON object with a 2xx status gives
 * EXIT_USAGE.  On EXIT_OK *root holds the object (caller decrefs); the
 * body of r is released either way.
 */
int	 client_answer(struct client *, struct http_response *, json_t **root);
/* Print an answer: JSON with --json, else the rendering for kind. */
void	 client_print(struct client *, json_t *root, enum answer_kind,
	    const char *etag, FILE *);
/* Send, check, print; return the exit status. */
int	 client_run(struct client *, const struct http_req *,
	    enum answer_kind);
int	 client_call(struct client *, const char *method, const char *path,
	    const char *body, enum answer_kind);
/* GET an object to edit with its ETag: 0, or an exit status (said). */
int	 client_get_for_edit(struct client *, const char *path,
	    const char *what, json_t **root, char **etag);
/*
 * Explain a 412 on what ("cologne", "the policy") in one sentence, naming
 * who changed it and when from a fresh GET of path; return EXIT_REFUSED.
 */
int	 client_conflict(struct client *, const char *path, const char *what,
	    const struct http_response *);
/* Print JSON as --json does. */
void	 json_print(const json_t *, FILE *);

/* dest.c: the commands that change the destination list */
int	cmd_dest_add(struct client *, const struct args *, char **, int);
int	cmd_dest_edit(struct client *, const struct args *, char **, int);
int	cmd_dest_retire(struct client *, const struct args *, char **, int);
int	cmd_dest_history(struct client *, const struct args *, char **, int);
int	cmd_dest_export(struct client *, const struct args *, char **, int);
int	cmd_dest_import(struct client *, const struct args *, char **, int);

/* settings.c: policy and factor sets */
int	cmd_policy_show(struct client *, const struct args *, char **, int);
int	cmd_policy_set(struct client *, const struct args *, char **, int);
int	cmd_factors_show(struct client *, const struct args *, char **, int);
int	cmd_rail_export(struct client *, const struct args *, char **, int);
int	cmd_rail_import(struct client *, const struct args *, char **, int);

/* table.c */

/* An aligned text table; cells are copied, widths count code points. */
struct table;

/*
 * headers is NULL-terminated; align holds one character per column: 'l'
 * (left), 'r' (right) or 'm' (a mark: left, one space after the previous
 * column).  A column whose header and cells are all empty is not printed.
 */
struct table	*table_new(const char *const *headers, const char *align);
/* Add one row of as many cells as there are columns; NULL prints empty. */
void		 table_add(struct table *, const char *const *cells);
void		 table_print(const struct table *, FILE *);
void		 table_free(struct table *);

/* render.c: human output of server answers (trees already sanitized). */
void	render_decision(const json_t *, FILE *);
void	render_destinations(const json_t *, FILE *);
void	render_destination(const json_t *, const char *etag, FILE *);
void	render_history(const json_t *, FILE *);
void	render_import(const json_t *, FILE *);
void	render_policy(const json_t *, FILE *);
void	render_factors(const json_t *, FILE *);
void	render_route(const json_t *, FILE *);
void	render_rail_network(const json_t *, FILE *);
/* Print a refusal on stderr, one "tripmode: " line per item. */
void	render_problem(const struct http_response *, int have_key);

#endif /* TRIPMODE_CLIENT_H */
