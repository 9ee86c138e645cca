/*
 * tripmoded internals: the only module that knows about HTTP.
 */
#ifndef TRIPMODE_DAEMON_H
#define TRIPMODE_DAEMON_H

#include <stddef.h>

#include <jansson.h>

#include "destinations/destinations.h"

struct evhttp_request;
struct jw;

/* Limits (SPEC §6, STYLE: httpd-like hard defaults). */
#define TM_MAX_BODY		(64 * 1024)	/* our 413, as problem+json */
#define TM_MAX_BODY_HARD	(1024 * 1024)	/* libevent's own 413 beyond */
#define TM_MAX_LARGE_BODY	TM_MAX_BODY_HARD	/* CSV imports, zones */
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
 * replying 413 (over max bytes: TM_MAX_BODY, or TM_MAX_LARGE_BODY for CSV
 * imports and zones) or 415 (Content-Type not one of the NULL-terminated
 * types; a missing Content-Type counts as the first).
 */
const char *request_body(struct request *, const char *const *types,
	    size_t max, size_t *len);
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
/* api_trips.c: trip requests, approval, CO2 reports. */
void	 api_trips_create(struct request *);
void	 api_trips_list(struct request *);
void	 api_trip_get(struct request *);
void	 api_trip_approval(struct request *);
void	 api_report_co2(struct request *);
/*
 * File a trip request from a parsed body (the shape of POST /v1/trips):
 * rule on it with the snapshot, store it (who = r->who, or "web form").
 * Return the stored trip as JSON (new reference), or NULL after filling p
 * (400 / 422, every field named) or, for a storage failure, p->status 500.
 */
json_t	*trips_file(struct request *, const json_t *body, struct problem *p);

/* openapi.c */
void	 api_openapi(struct request *);

/* pages.c: the staff form and answer page; admin.c: the admin page. */
void	 page_form(struct request *);
void	 page_decide(struct request *);
void	 page_file_trip(struct request *);
void	 page_admin(struct request *);
void	 page_static(struct request *);
/* Where the page assets live (--web-dir; default the package data dir). */
extern const char *pages_web_dir;

/* i18n.c: the pages' languages and every text they show. */
enum page_lang {
	PAGE_NL,		/* the default: the city's own language */
	PAGE_EN
};
/* "nl" / "en". */
const char	*i18n_code(enum page_lang);
/* Parse "nl" / "en" (any case); 0, or -1 for anything else. */
int		 i18n_parse(const char *, enum page_lang *);
/* ?lang= if it names one, else the best of nl / en in Accept-Language
 * (highest q, first on a tie), else nl.  Either may be NULL. */
enum page_lang	 i18n_pick(const char *param, const char *accept_language);
/*
 * A text in a language, looked up by its English (a borrowed constant).
 * Texts may hold {name} placeholders for html_tpl.  A text missing from
 * the table comes back in English and is logged ("i18n: no Dutch ...").
 */
const char	*i18n_tr(enum page_lang, const char *en);
/* A number with at most maxdec decimals, trailing zeros dropped, and the
 * language's decimal mark ("38,8" / "38.8"). */
void		 i18n_num(enum page_lang, double, int maxdec, char *, size_t);
/* A day (days since the epoch) written out: "maandag 8 maart 2027". */
void		 i18n_date(enum page_lang, long day, char *, size_t);

/*
 * page_html.c: an HTML writer in which every value is escaped (& < > " ')
 * by html_escape, the only escaping function; markup comes from string
 * literals only (html_raw) or from html_fmt, whose %s are escaped.
 */
struct evbuffer;
struct html {
	struct evbuffer	*buf;
	enum page_lang	 lang;
};
#define FORM_MAX_FIELDS	32
#define FORM_MAX_VALUE	4096		/* bytes of one decoded value */
#define FORM_MAX_BODY	(16 * 1024)	/* bytes of a POSTed form */
/* A decoded query string or form body; keys and values are owned. */
struct form {
	int	 n;
	char	*key[FORM_MAX_FIELDS];
	char	*value[FORM_MAX_FIELDS];
};
void	 html_init(struct html *, enum page_lang);	/* aborts without memory */
void	 html_free(struct html *);
void	 html_escape(struct html *, const char *);
void	 html_raw_(struct html *, const char *);
#define html_raw(h, literal)	html_raw_((h), "" literal "")
/* Markup with %s (the value escaped), %d, %ld, %zu, %%. */
void	 html_fmt(struct html *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* A text of the i18n table in the page's language, escaped. */
void	 html_t(struct html *, const char *en);
/* A text with {name} placeholders filled from NULL-terminated name,
 * value pairs; everything escaped. */
void	 html_tpl(struct html *, const char *en, ...)
	    __attribute__((sentinel));
/* An href: path?k=v&amp;... from NULL-terminated pairs (values NULL or ""
 * left out), percent-encoded and escaped. */
void	 html_href(struct html *, const char *path, ...)
	    __attribute__((sentinel));
/* An href to path with the trip fields of a form (destination replaced
 * when not NULL) and lang. */
void	 html_trip_href(struct html *, const char *path, const struct form *,
	    const char *destination, enum page_lang);
/* The page's top (doctype to <main>, with the language switch linking to
 * path with the trip fields of f, which may be NULL) and bottom. */
void	 html_begin(struct html *, const char *title, const char *path,
	    const struct form *f);
void	 html_end(struct html *, const struct dst_snapshot *);
/* Send as text/html; charset=utf-8 with the pages' headers (CSP,
 * nosniff, no-store, ...), then free the page. */
void	 html_send(struct request *, struct html *, int code);
/* A page with one message of the table and an optional detail. */
void	 page_message(struct request *, enum page_lang, int code,
	    const char *title_en, const char *message_en, const char *detail);
/* Is s (n bytes) well-formed UTF-8 without NULs? */
int	 form_utf8_valid(const char *, size_t);
/* Parse k=v&k=v (query or form body); 0, or -1 when malformed (percent
 * escapes, NULs, invalid UTF-8, sizes). */
int	 form_parse(const char *, size_t, struct form *);
const char *form_get(const struct form *, const char *);	/* last value */
void	 form_free(struct form *);
/* CSRF double submit: a 32-byte random token in hex, in the cookie
 * tripmode_csrf (HttpOnly; SameSite=Strict; Path=/) and a hidden field. */
#define CSRF_LEN	64
/* The cookie's token, or a new one (also when fresh) set as the cookie;
 * 0, or -1 without random bytes. */
int	 csrf_token(struct request *, int fresh, char tok[CSRF_LEN + 1]);
/* 1 if the field equals the cookie's token (constant time), else 0. */
int	 csrf_check(struct request *, const char *field);

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
/* How a request's destination was understood, for the answer to say. */
struct place_how {
	const char	*source;	/* "list", "gazetteer", "coordinates" */
	long		 population;	/* gazetteer */
	long		 geonameid;	/* gazetteer */
	char		 note[384];	/* "" or why this place of several */
};
/*
 * Parse a POST /v1/decisions body against a snapshot.  On success fill req
 * and how, and return 0; otherwise fill prob (400 or 422, every error
 * named) and return -1.
 */
int	 jsonio_decision_request(const struct dst_snapshot *, const char *body,
	    size_t len, struct dec_request *, struct place_how *,
	    struct problem *);
json_t	*jsonio_decision_result(const struct dst_snapshot *,
	    const struct dec_request *, const struct place_how *,
	    const struct dec_result *);
json_t	*jsonio_entry(const struct dst_entry *);
/* CSV of entries (header = JSON field names); malloc'd, NUL-terminated. */
char	*jsonio_entries_csv(const struct dst_entry *const *, size_t, size_t *len);
/* A JSON value's type in words, for error messages ("a string"). */
const char *jsonio_type_name(const json_t *);
/* Serialize for the wire: compact, UTF-8, 10 significant digits. */
char	*jsonio_dump(const json_t *, size_t *len);
/* The answer to a ruling written straight to a buffer (the hot path). */
void	 jsonio_decision_write(struct jw *, const struct dst_snapshot *,
	    const struct dec_request *, const struct place_how *,
	    const struct dec_result *);

/*
 * jsonw.c: a streaming JSON writer.  Start zeroed; members are written in
 * order, with key NULL inside arrays; buf is malloc'd, NUL-terminated, and
 * the caller frees it.
 */
struct jw {
	char	*buf;
	size_t	 len, cap;
	int	 comma;
};
void	 jw_object(struct jw *, const char *key);
void	 jw_array(struct jw *, const char *key);
void	 jw_end(struct jw *, char close);	/* '}' or ']' */
void	 jw_string(struct jw *, const char *key, const char *);
void	 jw_bool(struct jw *, const char *key, int);
void	 jw_int(struct jw *, const char *key, long long);
void	 jw_null(struct jw *, const char *key);
void	 jw_raw_newline(struct jw *);
void	 jw_number(struct jw *, const char *key, double);

/* --- csv.c: CSV import (RFC 4180, as Excel writes it) ---------------- */

/* One record of a CSV file. */
struct csv_record {
	int	 row;		/* record number in the file, header = 1 */
	size_t	 nfields;
	char	**fields;	/* NUL-terminated, owned by the struct csv */
};

struct csv {
	char			 sep;		/* ',' or ';' */
	size_t			 nrecords;
	struct csv_record	*records;	/* blank lines left out */
	char			*buf;		/* the fields' text */
	char			**fieldv;	/* the fields' pointers */
};

/*
 * Read CSV: UTF-8 with or without BOM, CRLF, LF or CR line ends, quoted
 * fields with separators, quotes ("") and line ends inside, ',' or ';' as
 * separator (the one the header line uses more; a first line "sep=;" as
 * Excel writes it also decides).  Invalid UTF-8, NUL bytes, UTF-16 and
 * broken quoting are errors.  Return 0 and fill *c (csv_free it), or -1
 * after appending every error to errors as {"field": "row N: column",
 * "message", "row": N, "column": name or null}; *c is freed then.
 */
int	 csv_read(const char *, size_t, struct csv *c, json_t *errors);
void	 csv_free(struct csv *);
/* Append one error as above (column NULL: the whole row). */
void	 csv_error(json_t *errors, int row, const char *column,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/*
 * Read a destination list in CSV (the columns of jsonio_entries_csv, in
 * any order; header names are the JSON field names, case and surrounding
 * spaces ignored; read-only columns ignored; id, name, country, lat, lon,
 * mode and strength required) into entry objects for dst_entry_validate:
 * aliases split on '|', empty cells null or the default, booleans
 * true/false, 1/0, yes/no (also as Excel writes them in Dutch, French
 * and German: WAAR/ONWAAR, VRAI/FAUX, WAHR/FALSCH), numbers with '.'; when
 * ';' separates, as a European spreadsheet writes, also a decimal comma
 * and dates day first (27/11/2026).  Rows with only empty cells are
 * skipped.  Return 0 with *entries (a new array of objects, one
 * per row with the right number of fields; a cell that cannot be read is
 * left out of its object) and *rows (malloc'd, the record number of
 * each), having appended every error of a row or cell to errors (as
 * csv_read); or -1 when the file cannot be read or its header is wrong.
 */
int	 csv_entries(const char *, size_t, json_t **entries, int **rows,
	    json_t *errors);
/* Largest CSV body an import takes (libevent's own limit is the same). */
#define TM_MAX_CSV_BODY	TM_MAX_LARGE_BODY

/* --- end of csv.c ----------------------------------------------------- */

#endif /* TRIPMODE_DAEMON_H */
