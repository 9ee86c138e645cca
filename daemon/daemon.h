/*
 * tripmoded internals: the only module that knows about HTTP.  Data flows
 * one way: a request is parsed (JSON or a form) into the input of a
 * service (decide.c, trip_file.c), the service resolves and rules with the
 * snapshot and the store and returns data, and an encoder (JSON) or a page
 * (HTML in Dutch or English) renders that data, with the words of words.c.
 */
#ifndef TRIPMODE_DAEMON_H
#define TRIPMODE_DAEMON_H

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>

#include <jansson.h>

#include "destinations/snapshot/snapshot.h"
#include "destinations/store/store.h"

struct evbuffer;
struct evhttp_request;

/* Limits: httpd-like hard defaults. */
#define TM_MAX_BODY		(64 * 1024)	/* our 413, as problem+json */
#define TM_MAX_BODY_HARD	(1024 * 1024)	/* libevent's own 413 beyond */
#define TM_MAX_LARGE_BODY	TM_MAX_BODY_HARD	/* CSV imports, zones */
#define TM_MAX_CSV_BODY		TM_MAX_LARGE_BODY
#define TM_MAX_HEADERS		(8 * 1024)
#define TM_TIMEOUT_SECONDS	10
#define TM_GRACE_MSEC		500
#define TM_HEAD_SECONDS		10	/* a request's head arrives in */
#define TM_BODY_RATE		1024	/* bytes a second, at least */
#define TM_MAX_CONNECTIONS_CAP	65536

/* --- log.c ------------------------------------------------------------- */

void	log_init(int verbose);
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
extern int log_verbose;

/* --- conn.c: the connection budget, the head and body deadlines ------ */

struct evhttp;
struct conn_limits {
	int	 max_connections;	/* open at once; more are closed */
	int	 head_msec;		/* a request's head arrives within */
	int	 body_rate;		/* then its body: bytes a second */
};
extern struct conn_limits conn_limits;
/* Watch every connection evhttp accepts (before it accepts any). */
void	conn_watch(struct evhttp *);
/* The default budget: 3/4 of the descriptors this process may open, and
 * no more than leaves room for those open now and those the daemon needs
 * with THREADS workers. */
int	conn_default_max(int threads);
/* Connections open now. */
int	conn_open(void);
/* Once a second (main thread): log what was refused or dropped, and hand
 * the memory of large requests back to the system. */
void	conn_tick(void);

/* --- jsonw.c: a streaming JSON writer --------------------------------- */

/*
 * Writes straight into an evbuffer (the reply's): jw_init, members in
 * order (key NULL inside arrays and at the top), then jw_finish before
 * anything else touches the buffer.  Out of memory aborts.
 */
struct jw {
	struct evbuffer	*out;
	char		*start, *p, *end;	/* space reserved in out */
	int		 comma;
};
void	 jw_init(struct jw *, struct evbuffer *);
void	 jw_finish(struct jw *);
void	 jw_object(struct jw *, const char *key);
void	 jw_array(struct jw *, const char *key);
void	 jw_end(struct jw *, char close);	/* '}' or ']' */
void	 jw_string(struct jw *, const char *key, const char *);	/* NULL: null */
void	 jw_literal(struct jw *, const char *key, const char *json);
void	 jw_bool(struct jw *, const char *key, int);
void	 jw_int(struct jw *, const char *key, long long);
void	 jw_null(struct jw *, const char *key);
void	 jw_number(struct jw *, const char *key, double);
/* A jansson value (a stored document); one that cannot be encoded: null. */
void	 jw_json(struct jw *, const char *key, const json_t *);
int	 jw_document(struct jw *, const json_t *);
void	 jw_newline(struct jw *);

/* --- problem.c: application/problem+json replies ---------------------- */

struct problem {
	int		 status;
	const char	*title;
	const char	*type;		/* NULL: by status */
	char		 detail[512];	/* "": the first error's */
	struct dec_errors errs;
	json_t		*extra;		/* object merged into the reply,
					 * or NULL */
};
void	 problem_init(struct problem *, int status, const char *title);
void	 problem_add(struct problem *, const char *field, enum dec_code,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int	 problem_has_errors(const struct problem *);
/* An error of form among the errors: 400 "Bad request". */
void	 problem_settle(struct problem *);
/* Send and release the problem; it always answers, whatever the errors
 * say. */
void	 problem_send(struct evhttp_request *, struct problem *);
/* One error (field NULL: the message is the detail), sent at once. */
void	 problem_reply(struct evhttp_request *, int status, const char *title,
	    const char *field, enum dec_code, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
void	 problem_clear(struct problem *);
/* An unknown place's detail ("Did you mean ...?") and "suggestions". */
void	 problem_unknown_place(struct problem *, const char *text,
	    const struct dst_suggestions *);

/* --- form.c: k=v&k=v, query strings and form bodies ------------------- */

#define FORM_MAX_FIELDS	32
#define FORM_MAX_VALUE	4096		/* bytes of one decoded value */
#define FORM_MAX_BODY	(16 * 1024)	/* bytes of a POSTed form */
/* A decoded query string or form body; keys and values are owned. */
struct form {
	int	 n;
	char	*key[FORM_MAX_FIELDS];
	char	*value[FORM_MAX_FIELDS];
};
/*
 * Parse k=v&k=v (len bytes): keys and values percent-decoded, '+' a
 * space, "?flag" a value "".  Embedded NULs, invalid UTF-8, bad escapes,
 * values over FORM_MAX_VALUE bytes and more than FORM_MAX_FIELDS fields
 * are errors.  0 and f (form_free it), or -1 (f empty).
 */
int	 form_parse(const char *, size_t, struct form *);
const char *form_get(const struct form *, const char *);	/* last value */
void	 form_free(struct form *);

/* --- request.c: one request as the handlers see it --------------------- */

struct request {
	struct evhttp_request	*req;
	struct dst_snapshot	*snap;		/* the worker's,
						 * for the request */
	int			 cmd;		/* EVHTTP_REQ_* */
	const char		*path;
	const char		*query;		/* raw, or NULL */
	char			 id[DEC_ID_MAX];	/* the {id}
							 * in the path */
	char			 who[DEC_NAME_MAX];	/* key name,
							 * "" if none */
	enum dst_role		 role;		/* of the key, or NONE */
};
/* A request header, or NULL. */
const char *request_header(struct request *, const char *);
/* Does the Accept header ask for CSV? */
int	 request_wants_csv(struct request *);
/*
 * The body, contiguous (not NUL-terminated), or NULL after replying 413
 * (over max bytes) or 415 (Content-Type not one of the NULL-terminated
 * types; a missing Content-Type counts as the first).
 */
const char *request_body(struct request *, const char *const *types,
	    size_t max, size_t *len);
/* The body as a JSON object (what: what it should be), or NULL after
 * replying 400/413/415. */
json_t	*request_json(struct request *, const char *what);
/*
 * The query string against allowed names (NULL-terminated): 0 and q, or
 * -1 after replying 400 naming every unknown parameter.
 */
int	 request_query(struct request *, const char *const *allowed,
	    struct form *q);
/* "", true, 1, yes -> 1; false, 0, no -> 0; else -1 (absent: def). */
int	 query_bool(const struct form *, const char *, int def);
/* Days since the epoch, today (UTC). */
long	 today(void);

/* --- reply.c ------------------------------------------------------------ */

/* Send o (stolen) as application/json, written into the reply. */
void	 reply_json(struct evhttp_request *, int code, const char *reason,
	    json_t *o);
/* Send what was written into the reply's output buffer. */
/* Every reply is sent by this: a HEAD gets headers only, with the
 * Content-Length of the GET. */
void	 reply_send(struct evhttp_request *, int code, const char *reason,
	    struct evbuffer *body);
void	 reply_written(struct evhttp_request *, int code, const char *reason,
	    const char *content_type);
/* Send bytes with a content type. */
void	 reply_bytes(struct evhttp_request *, int code, const char *reason,
	    const char *content_type, const char *body, size_t len);
/* 405 with an Allow header. */
void	 reply_method(struct evhttp_request *, const char *allow);

/* --- etag.c: versions as entity tags ------------------------------------ */

/* An If-Match tag that no version matches (weak, or not a version). */
#define ETAG_NO_MATCH	INT_MAX
void	 etag_set(struct request *, int version);
/* Does If-None-Match name this version?  Then 304 is sent: 1. */
int	 etag_not_modified(struct request *, int version);
/* If-Match: 0 and *version (DST_VERSION_ANY for "*"), 1 when absent, or
 * -1 after replying 400 to a header that is not one entity tag. */
int	 etag_if_match(struct request *, int *version);

/* --- auth.c: API keys and roles --------------------------------------- */

#define AUTH_MAX_HOSTS	16
struct auth_config {
	int		 open_reads;	/* decisions and reads need no key */
	int		 open_form;	/* the form files trips without one */
	int		 loopback;	/* listening on a loopback address */
	const char	*hosts[AUTH_MAX_HOSTS];	/* --allowed-host */
	int		 nhosts;
};
extern struct auth_config auth_config;
/*
 * Is the request's Host one this server answers?  On a loopback listener
 * (or with --allowed-host) only loopback names (localhost, *.localhost,
 * 127.0.0.0/8, [::1]) and the allowed hosts are, so that a page on
 * another site cannot reach the daemon by rebinding its name to
 * 127.0.0.1.  No Host header (HTTP/1.0) passes.  If not, replies 421
 * and returns -1.
 */
int	 auth_host_check(struct request *);
/*
 * Check the caller against the role an endpoint needs (DST_ROLE_NONE:
 * open when auth_config.open_reads, else any valid key).  Fill r->who and
 * r->role; on failure reply 401 or 403 (problem+json) and return -1.
 */
int	 auth_check(struct request *, enum dst_role needed);

/* --- server.c ------------------------------------------------------------ */

struct server_config {
	char	 host[256];
	int	 port;
	int	 threads;
	int	 grace_msec;
	int	 timeout;			/* seconds, read and write */
	const char	*db;			/* the database's path */
	struct dst_store *store;		/* the main thread's
						 * connection */
	struct dst_snapshot *snap;		/* the first snapshot (taken) */
};
/* Bind, run the workers until SIGTERM/SIGINT, drain, return 0 or -1. */
int	 server_run(const struct server_config *, char **cause);
/* This thread's own store connection (opened on first use), or NULL. */
struct dst_store *server_store(char **cause);
/*
 * Writers take turns: server_write_begin, the store's transaction, then
 * server_write_end(publish): with publish set, a new snapshot is loaded
 * and handed to every worker before the call returns, so that a ruling
 * after the reply sees the change.  0, or -1 when the new snapshot could
 * not be loaded (*cause): the write is stored but not in effect yet.
 */
void	 server_write_begin(void);
int	 server_write_end(int publish, char **cause);
/*
 * The snapshot this thread's request reads (borrowed for the request):
 * the one it began with, or after its own write's server_write_end(1) the
 * one that write published; never another worker's newer one mid-request.
 */
struct dst_snapshot *server_snapshot(void);
/* A request starts and ends: a snapshot swapped under it lives until the
 * end. */
struct dst_snapshot *server_request_begin(void);
void	 server_request_end(void);

/* keys_cli.c: `tripmoded keys ...`, run on the server against --db. */
int	 keys_main(const char *db, int argc, char **argv);

/* --- i18n.c: the pages' languages and every text they show -------------- */

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
 * Texts may hold {name} placeholders.  A text missing from the table
 * comes back in English and is logged ("i18n: no Dutch ...").
 */
const char	*i18n_tr(enum page_lang, const char *en);
/* A number with at most maxdec decimals, trailing zeros dropped, and the
 * language's decimal mark ("38,8" / "38.8"). */
void		 i18n_num(enum page_lang, double, int maxdec, char *, size_t);
/* A day (days since the epoch) written out: "maandag 8 maart 2027". */
void		 i18n_date(enum page_lang, long day, char *, size_t);

/* --- words.c: what an answer says, in words ----------------------------- */

/* The API's English (the JSON's reasons, advice and notes), or a page's. */
enum words_lang {
	WORDS_API,
	WORDS_NL,
	WORDS_EN
};
#define WORDS_MAX	1024		/* a sentence fits in this many bytes */
enum words_lang words_page(enum page_lang);
/* Fill {name} placeholders of tpl from NULL-terminated (name, value)
 * pairs into buf (len bytes, cut on a character boundary). */
void	 words_fill(char *buf, size_t len, const char *tpl, ...)
	    __attribute__((sentinel));
void	 words_vfill(char *buf, size_t len, const char *tpl, va_list);
void	 words_num(enum words_lang, double, int maxdec, char *, size_t);
void	 words_thousands(enum words_lang, long, char *, size_t);
const char *words_mode(enum words_lang, enum dec_mode);	/* "train" */
const char *words_strength(enum words_lang, enum dec_strength);
/* One reason of a ruling about place (as the language names it), from
 * origin. */
void	 words_reason(enum words_lang, const struct dec_reason *,
	    const char *place, const char *origin, char *, size_t);
void	 words_advice(enum words_lang, const struct dec_advice *, char *,
	    size_t);
/* "Mainz is 12 km from Wiesbaden, which is on the list". */
void	 words_nearest(enum words_lang, const char *place,
	    const char *listed, double km, char *, size_t);
/* Why this place of several of its name (text: what was typed). */
void	 words_place_note(enum words_lang, const char *text,
	    const char *country, const struct geo_place_hit *, char *, size_t);

/* --- decide.c: the one decide service ------------------------------------ */

/* A trip to rule on, as a request says it (strings borrowed). */
struct decide_input {
	const char	*name;		/* destination name, id or alias */
	const char	*country;	/* NULL: any */
	int		 has_point;	/* lat, lon given */
	double		 lat, lon;
	long		 departure, return_day;
	int		 travellers;
	int		 online_possible;
	enum dec_cabin	 cabin;
};

/* Where the place of a ruling was found. */
enum decide_source {
	DECIDE_LIST,
	DECIDE_GAZETTEER,
	DECIDE_COORDINATES,
	DECIDE_AIRPORT			/* an IATA code: the place it serves */
};

/* A ruling and how it was reached: what every renderer shows. */
struct decide_answer {
	struct dec_request	 req;
	struct dec_result	 res;
	enum decide_source	 source;
	const struct dst_entry	*entry;		/* listed (of the snapshot) */
	struct geo_place_hit	 hit;		/* DECIDE_GAZETTEER; and
						 * DECIDE_AIRPORT if it
						 * serves a place */
	const struct geo_airport *airport;	/* DECIDE_AIRPORT (of the
						 * snapshot) */
	const char		*typed;		/* the name given, borrowed */
	const char		*typed_country;
	const struct dst_entry	*nearest;	/* unlisted: nearest listed */
	double			 nearest_km;
	struct dst_suggestions	 sugg;		/* an unknown place */
	int			 ruled;		/* res holds a ruling */
	struct dec_route	 route;		/* over the rail network */
};

/*
 * The input from JSON (the body of POST /v1/decisions, the "trip" of POST
 * /v1/trips) or from a form's fields (destination, departure_date,
 * return_date, travellers, online_possible).  Every error added to errs,
 * fields named as in the input (prefix + name for JSON); 0, or -1.
 */
int	 decide_from_json(const json_t *, const char *prefix,
	    struct decide_input *, struct dec_errors *);
int	 decide_from_form(const struct form *, struct decide_input *,
	    struct dec_errors *);
/*
 * Resolve the place (a point; a name on the list; a place of the
 * gazetteer, the largest of the name) and rule on the trip.  0, or -1
 * with the errors in errs (prefix + field): an unknown place names
 * "destination" (DEC_E_UNKNOWN_PLACE) with ans->sugg filled.
 */
int	 decide_run(const struct dst_snapshot *, const struct decide_input *,
	    const char *prefix, struct decide_answer *, struct dec_errors *);
/* Only whether the name is known: 0, or -1 with ans->sugg filled (the
 * form says an unknown place along with other errors). */
int	 decide_known(const struct dst_snapshot *, const char *name,
	    struct dec_errors *, struct decide_answer *);

/* --- trip_file.c: filing a trip request ----------------------------------- */

/* What a trip request says, checked (strings owned by the struct). */
struct trip_input {
	struct decide_input trip;
	int		 trip_ok;		/* trip has no errors */
	char		*name, *email, *department;
	int		 has_chosen;
	enum dec_mode	 chosen;
	int		 exception_given;	/* valid or not */
	int		 has_exception;		/* valid */
	char		*reason, *exception_text;
	char		*justification;		/* NULL: none */
	int		 justification_bad;
	const char	*form_token;		/* the form's (borrowed) */
};
void	 trip_input_clear(struct trip_input *);
/* The "note" of an approval, trimmed, at most maxchars: 1 with *out (a
 * new string), 0 when absent or blank, -1 after adding an error. */
int	 trip_note(const json_t *, size_t maxchars, char **out,
	    struct dec_errors *);
/* From the body of POST /v1/trips, or from the page's form.  Every error
 * added to errs with the input's field names. */
int	 trip_from_json(const json_t *, struct trip_input *,
	    struct dec_errors *);
int	 trip_from_form(const struct form *, struct trip_input *,
	    struct dec_errors *);
/*
 * Rule on the trip (the answer in *ans), check the choice against the
 * ruling, and store it as who ("": the web form) with the answer.  errs
 * holds what parsing found (the trip is ruled on all the same, so that
 * every error is named at once).  0 with the stored trip in *out; 1 when
 * the form's token has filed a trip already (that trip in *out, nothing
 * stored); -1 with the errors in errs (nothing stored), or -1 with errs
 * empty and *cause when the store failed.  json_fields: name errors as
 * the JSON does.
 */
int	 trip_file(const struct dst_snapshot *, const struct trip_input *,
	    const char *who, int json_fields, struct decide_answer *ans,
	    struct dst_trip *out, struct dec_errors *errs, char **cause);

/* --- encode.c, encode_decision.c: the JSON shapes of the answers ---------- */

/* The answer to a ruling (straight into the reply on the hot path). */
void	 encode_decision(struct jw *, const struct dst_snapshot *,
	    const struct decide_answer *);
/* A list entry, with what the snapshot derives. */
json_t	*encode_entry(const struct dst_entry *);
/* A trip (with its decision, or without it for lists). */
json_t	*encode_trip(const struct dst_trip *, int with_decision);
json_t	*encode_trip_list(const struct dst_trip_list *,
	    const struct dst_trip_filter *);
json_t	*encode_report(const struct dst_report *);
/* A stored document with version, updated_at, updated_by (for a zone
 * inside "properties"). */
json_t	*encode_doc(const struct dst_doc *, int zone);
/* Versions: {"id"?, "versions": [{version, changed_at, changed_by,
 * action, changes, <what>: data}]} (id NULL: left out). */
json_t	*encode_history(const struct dst_history *, const char *id,
	    const char *what);
json_t	*encode_sets(const struct dst_set_info *, size_t);
json_t	*encode_import(const struct dst_import_report *);

/* --- csv.c: CSV in and out ----------------------------------------------- */

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
 * Excel writes it also decides).  A cell that csv_text neutralised (a
 * quote before = + - @, a tab or a CR) is read back as it was.  Invalid
 * UTF-8, NUL bytes, UTF-16 and broken quoting are errors.  0 and *c
 * (csv_free it), or -1 with every error in errs (row = the record, field =
 * the column or ""), up to CSV_MAX_ERRORS: reading stops there.
 */
#define CSV_MAX_ERRORS	500
int	 csv_read(const char *, size_t, struct csv *c, struct dec_errors *);
void	 csv_free(struct csv *);
/*
 * Read a destination list in CSV (the columns of csv_entries_write, in
 * any order; header names are the JSON field names, case and surrounding
 * spaces ignored; read-only columns ignored; id, name, country, lat, lon,
 * mode and strength required) into entry objects: aliases split on '|',
 * empty cells null or the default, booleans true/false, 1/0, yes/no
 * (also as Excel writes them in Dutch, French and German), numbers with
 * '.'; with ';' as separator also a decimal comma and dates day first.
 * Rows with only empty cells are skipped.  0 with *entries (a new array,
 * one object per row) and *rows (malloc'd: each one's record number),
 * every error of a row or cell in errs; or -1 when the file cannot be
 * read or its header is wrong.
 */
int	 csv_entries(const char *, size_t, json_t **entries, int **rows,
	    struct dec_errors *);
/*
 * CSV out, RFC 4180: a text field quoted when it holds , ; " CR or LF,
 * and a leading = + - @, tab or CR (or a quote before one) neutralised
 * with a quote so that a spreadsheet does not run it as a formula; numbers as
 * they are.
 */
void	 csv_text(struct evbuffer *, const char *, int first);
void	 csv_number(struct evbuffer *, double, int decimals, int first);
void	 csv_end_row(struct evbuffer *);
/* The list as CSV: the members of encode_entry as columns. */
void	 csv_entries_write(struct evbuffer *, const struct dst_entry *const *,
	    size_t);
/* A CO2 report as CSV: key, trips, co2e_kg, co2e_kg_avoided, train_share;
 * one row per group, then "total". */
void	 csv_report_write(struct evbuffer *, const struct dst_report *);

/* --- html.c: pages, where every value is escaped ------------------------ */

struct html {
	struct evbuffer	*buf;
	enum page_lang	 lang;
};
void	 html_init(struct html *, enum page_lang);	/* aborts
							 * without memory */
void	 html_free(struct html *);
/* A value, escaped (& < > " '): the only way values get into a page. */
void	 html_escape(struct html *, const char *);
void	 html_raw_(struct html *, const char *);
#define html_raw(h, literal)	html_raw_((h), "" literal "")
/* Markup with %s (the value escaped), %d, %ld, %zu, %%. */
void	 html_fmt(struct html *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* A text of the i18n table in the page's language, escaped. */
void	 html_t(struct html *, const char *en);
/* A text with {name} placeholders filled from NULL-terminated pairs;
 * everything escaped. */
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
/* A page for a problem no field can show (a status and a detail). */
void	 page_problem(struct request *, enum page_lang, int status,
	    const char *detail);
/* CSRF double submit: a 32-byte random token in hex, in the cookie
 * tripmode_csrf (HttpOnly; SameSite=Strict; Path=/) and a hidden field. */
#define CSRF_LEN	64
/* The cookie's token, or a new one (also when fresh) set as the cookie;
 * 0, or -1 without random bytes. */
int	 csrf_token(struct request *, int fresh, char tok[CSRF_LEN + 1]);
/* 1 if the field equals the cookie's token (constant time), else 0. */
int	 csrf_check(struct request *, const char *field);
/* The fields of a page: the query of a GET, the body of a POST form;
 * -1 after replying with a page. */
int	 page_fields(struct request *, struct form *);
/* The page's language: the field lang, else Accept-Language. */
enum page_lang page_lang(struct request *, const struct form *);
/* Where the page assets live (--web-dir; default the package data dir). */
extern const char *pages_web_dir;

/* --- the pages ------------------------------------------------------------ */

/*
 * The errors of a form as the page shows them: each next to its field,
 * in the page's words for its field and code; the unknown destination
 * with its suggestions.
 */
struct page_errors {
	struct dec_errors	 errs;
	int			 unknown;	/* the destination is unknown */
	struct dst_suggestions	 sugg;
};
void	 page_errors_clear(struct page_errors *);
/* page_form.c: the form, the values kept, the errors beside them. */
void	 page_form_show(struct request *, enum page_lang, const struct form *,
	    const struct page_errors *, int code);
/* A field's label, its hint (hint_en NULL: none) and its errors. */
void	 page_label(struct html *, const struct request *,
	    const struct page_errors *, const struct form *, const char *field,
	    const char *label_en, const char *hint_en);
void	 page_form_errors(struct html *, const struct request *,
	    const struct page_errors *, const struct form *, const char *field);
void	 page_error_summary(struct html *, const struct request *,
	    const struct page_errors *, const struct form *);
void	 page_described(struct html *, const struct page_errors *,
	    const char *field, int hint);
int	 page_needs_key(const struct request *);
/* Does filing a trip through the form need a key (see --open-form)? */
int	 page_file_needs_key(void);
int	 page_key(struct request *, const struct form *,
	    struct page_errors *, int required);
/* page_answer.c: the ruling, the modes and the trip-request form. */
void	 page_answer_show(struct request *, enum page_lang, const struct form *,
	    const struct decide_answer *, const struct page_errors *,
	    const char *csrf, int code);
/* Rule on the trip fields of a form: 0 with the answer, or -1 with every
 * error of the trip's fields (the unknown place too) in pe. */
int	 page_rule(struct request *, const struct form *,
	    struct decide_answer *, struct page_errors *);
/* Take errors into pe as the page shows them (every one, but one a
 * field). */
void	 page_errors_take(struct page_errors *, struct dec_errors *,
	    const struct dst_suggestions *);
/* The place's name in the page's language. */
const char *page_place_name(const struct decide_answer *, enum page_lang);
const char *page_mode_title(enum page_lang, const char *wire);

/* Handlers: routes.c's table names them. */
void	 api_healthz(struct request *);
void	 api_decisions(struct request *);
void	 api_destinations_list(struct request *);
void	 api_destination_get(struct request *);
void	 api_destination_create(struct request *);
void	 api_destination_put(struct request *);
void	 api_destination_retire(struct request *);
void	 api_destination_history(struct request *);
void	 api_destinations_import(struct request *);
void	 api_policy_get(struct request *);
void	 api_policy_put(struct request *);
void	 api_policy_history(struct request *);
void	 api_factors_get(struct request *);
void	 api_factors_put(struct request *);
void	 api_factors_history(struct request *);
void	 api_zone_get(struct request *);
void	 api_zone_put(struct request *);
void	 api_zone_history(struct request *);
void	 api_rail_network_get(struct request *);
void	 api_rail_network_put(struct request *);
void	 api_rail_network_history(struct request *);
void	 api_trips_create(struct request *);
void	 api_trips_list(struct request *);
void	 api_trip_get(struct request *);
void	 api_trip_approval(struct request *);
void	 api_report_co2(struct request *);
void	 api_openapi(struct request *);
void	 page_form(struct request *);
void	 page_decide(struct request *);
void	 page_file_trip(struct request *);
void	 page_admin(struct request *);
void	 page_static(struct request *);

/* routes.c: the route table and dispatch (the server's callback). */
void	 routes_handle(struct evhttp_request *, void *);
/*
 * The route of a request (cmd: an EVHTTP_REQ_ method): its index, with
 * its {id} or {file} segment in id ("" if none); or -1.  *methods: every
 * method the path has a route for (0: no resource there).
 */
int	 routes_find(int cmd, const char *path, char *id, size_t idlen,
	    int *methods);

#endif /* TRIPMODE_DAEMON_H */
