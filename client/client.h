/*
 * tripmode — the command-line client.  Internal header shared by the files
 * of client/; nothing outside client/ includes it.
 *
 * Exit status of the program (SPEC §4): 0 ok, 1 the server refused the
 * request (HTTP 4xx/5xx), 2 usage, transport or protocol error.
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
	char	*body;		/* NUL-terminated copy; len excludes the NUL */
	size_t	 len;
};

/* Parse url into t; return 0, or -1 with *cause (caller frees). */
int	http_target_parse(const char *url, struct http_target *t, char **cause);
void	http_target_free(struct http_target *);

/*
 * Send one request (method "GET" or "POST"; body may be NULL) to
 * t->prefix + path_query and wait at most timeout seconds for the whole
 * answer.  key, when not NULL, is sent as a bearer token.  Return 0 when
 * the server answered (whatever the status), or -1 with *cause (caller
 * frees) when it could not be reached or the answer was not HTTP.
 */
int	http_request(const struct http_target *t, const char *method,
	    const char *path_query, const char *body, const char *key,
	    double timeout, struct http_response *resp, char **cause);
void	http_response_free(struct http_response *);

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
/* Print a refusal on stderr, one "tripmode: " line per item. */
void	render_problem(const struct http_response *, int have_key);

#endif /* TRIPMODE_CLIENT_H */
