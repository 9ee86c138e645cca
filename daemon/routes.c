/* Routing and the handlers of the HTTP API. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "daemon/daemon.h"

#define QUERY_MAX_PARAMS	16

struct query {
	int	 n;
	char	*key[QUERY_MAX_PARAMS];
	char	*value[QUERY_MAX_PARAMS];
};

/* Free what query_parse allocated. */
static void
query_free(struct query *q)
{
	int	i;

	for (i = 0; i < q->n; i++) {
		free(q->key[i]);
		free(q->value[i]);
	}
	q->n = 0;
}

/* Decode one percent-encoded component; reject embedded NULs. */
static char *
query_decode(const char *s, size_t n)
{
	char	*raw, *out;
	size_t	 outlen;

	if ((raw = strndup(s, n)) == NULL)
		return (NULL);
	out = evhttp_uridecode(raw, 1, &outlen);
	free(raw);
	if (out != NULL && strlen(out) != outlen) {
		free(out);
		return (NULL);
	}
	return (out);
}

/*
 * Parse a query string: keys and values decoded, "?flag" allowed (value
 * ""), every key checked against the allowed names.  On error fill p (400).
 */
static int
query_parse(const char *qs, const char *const *allowed, struct query *q,
    struct problem *p)
{
	const char	*s, *amp, *eq;
	int		 i, ok;

	memset(q, 0, sizeof *q);
	problem_init(p, 400, "Bad query");
	for (s = qs; s != NULL && *s != '\0'; s = amp != NULL ? amp + 1 : NULL) {
		amp = strchr(s, '&');
		eq = memchr(s, '=', amp != NULL ? (size_t)(amp - s) : strlen(s));
		if (amp == s)
			continue;
		if (q->n == QUERY_MAX_PARAMS) {
			problem_add(p, "query", "more than %d parameters",
			    QUERY_MAX_PARAMS);
			break;
		}
		q->key[q->n] = query_decode(s, eq != NULL ? (size_t)(eq - s) :
		    (amp != NULL ? (size_t)(amp - s) : strlen(s)));
		if (eq != NULL)
			q->value[q->n] = query_decode(eq + 1, amp != NULL ?
			    (size_t)(amp - eq - 1) : strlen(eq + 1));
		else
			q->value[q->n] = strdup("");
		if (q->key[q->n] == NULL || q->value[q->n] == NULL) {
			q->n++;
			problem_add(p, "query", "bad percent-encoding");
			break;
		}
		for (ok = 0, i = 0; allowed[i] != NULL; i++)
			if (strcmp(q->key[q->n], allowed[i]) == 0)
				ok = 1;
		if (!ok)
			problem_add(p, q->key[q->n][0] != '\0' ?
			    q->key[q->n] : "query", "unknown query parameter");
		q->n++;
	}
	if (problem_has_errors(p)) {
		query_free(q);
		return (-1);
	}
	problem_clear(p);
	return (0);
}

/* The last value of a parameter, or NULL. */
static const char *
query_get(const struct query *q, const char *key)
{
	int	i;

	for (i = q->n - 1; i >= 0; i--)
		if (strcmp(q->key[i], key) == 0)
			return (q->value[i]);
	return (NULL);
}

/* A boolean parameter: "", true, 1, yes -> 1; false, 0, no -> 0. */
static int
query_bool(const char *v, int *out)
{
	if (v == NULL)
		return (0);
	if (*v == '\0' || strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
	    strcmp(v, "yes") == 0)
		*out = 1;
	else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0 ||
	    strcmp(v, "no") == 0)
		*out = 0;
	else
		return (-1);
	return (0);
}

/* Send a JSON document with a status. */
static void
reply_json(struct evhttp_request *req, int code, const char *reason,
    json_t *o)
{
	struct evbuffer	*buf;
	char		*s;
	size_t		 len;

	if (o == NULL || (s = jsonio_dump(o, &len)) == NULL) {
		json_decref(o);
		problem_reply(req, 500, "Internal error", NULL,
		    "could not encode the answer");
		return;
	}
	json_decref(o);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/json");
	buf = evbuffer_new();
	evbuffer_add(buf, s, len);
	evbuffer_add(buf, "\n", 1);
	evhttp_send_reply(req, code, reason, buf);
	evbuffer_free(buf);
	free(s);
}

/* 405 with the Allow header. */
static void
reply_method(struct evhttp_request *req, const char *allow)
{
	evhttp_add_header(evhttp_request_get_output_headers(req), "Allow",
	    allow);
	problem_reply(req, 405, "Method not allowed", NULL,
	    "this resource allows %s", allow);
}

/* Days since the epoch, today (UTC). */
static long
today(void)
{
	return ((long)(time(NULL) / 86400));
}

/* Does the Content-Type say JSON (or say nothing)? */
static int
content_is_json(struct evhttp_request *req)
{
	const char	*ct;

	ct = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Content-Type");
	if (ct == NULL)
		return (1);
	while (*ct == ' ')
		ct++;
	return (strncasecmp(ct, "application/json", 16) == 0 &&
	    (ct[16] == '\0' || ct[16] == ';' || ct[16] == ' '));
}

/* GET /healthz */
static void
handle_healthz(struct evhttp_request *req, struct dst_snapshot *snap)
{
	reply_json(req, 200, "OK", json_pack("{s:s, s:s, s:i, s:i, s:s}",
	    "status", "ok",
	    "version", PACKAGE_VERSION,
	    "destinations", (int)dst_snapshot_count(snap),
	    "policy_version", dst_snapshot_policy(snap)->version,
	    "factor_set", dst_snapshot_factors(snap)->name));
}

/* POST /v1/decisions */
static void
handle_decisions(struct evhttp_request *req, struct dst_snapshot *snap)
{
	struct evbuffer		*in;
	struct dec_request	 dreq;
	struct dec_result	 res;
	struct problem		 p;
	char			 err[256], *colon;
	size_t			 len;
	const char		*body;

	if (!content_is_json(req)) {
		problem_reply(req, 415, "Unsupported media type",
		    "Content-Type", "send application/json");
		return;
	}
	in = evhttp_request_get_input_buffer(req);
	len = evbuffer_get_length(in);
	if (len > TM_MAX_BODY) {
		problem_reply(req, 413, "Body too large", "body",
		    "%zu bytes; the limit is %d", len, TM_MAX_BODY);
		return;
	}
	body = len > 0 ? (const char *)evbuffer_pullup(in, -1) : "";
	if (jsonio_decision_request(snap, body, len, &dreq, &p) != 0) {
		problem_send(req, &p);
		return;
	}
	problem_clear(&p);
	if (dec_decide(dst_snapshot_policy(snap), dst_snapshot_factors(snap),
	    dst_snapshot_calibration(snap), &dreq, &res, err,
	    sizeof err) != 0) {
		/* Messages read "field: problem". */
		colon = strstr(err, ": ");
		if (colon != NULL) {
			*colon = '\0';
			problem_reply(req, 422, "Invalid request", err, "%s",
			    colon + 2);
		} else
			problem_reply(req, 422, "Invalid request", "body",
			    "%s", err);
		return;
	}
	reply_json(req, 200, "OK", jsonio_decision_result(snap, &dreq, &res));
}

/* Does an entry match a normalised search text (substring of any name)? */
static int
entry_matches(const struct dst_entry *e, const char *nq)
{
	const char	*names[4 + DST_MAX_ALIASES];
	char		 norm[DEC_NAME_MAX * 2];
	int		 i, n = 0;

	names[n++] = e->id;
	names[n++] = e->name;
	names[n++] = e->name_nl;
	names[n++] = e->name_en;
	for (i = 0; i < e->naliases; i++)
		names[n++] = e->aliases[i];
	for (i = 0; i < n; i++) {
		dst_normalize(names[i], norm, sizeof norm);
		if (strstr(norm, nq) != NULL)
			return (1);
	}
	return (0);
}

/* Does the client prefer CSV? */
static int
wants_csv(struct evhttp_request *req)
{
	const char	*acc;

	acc = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Accept");
	return (acc != NULL && strcasestr(acc, "text/csv") != NULL);
}

/* GET /v1/destinations?q=&country=&include_retired= */
static void
handle_list(struct evhttp_request *req, struct dst_snapshot *snap,
    const char *qs)
{
	static const char *const allowed[] = { "q", "country",
	    "include_retired", NULL };
	const struct dst_entry	**sel;
	const struct dst_entry	 *e;
	struct query		  q;
	struct problem		  p;
	const char		 *text, *country;
	char			  nq[DEC_NAME_MAX * 2], *csv;
	size_t			  i, n, len;
	long			  day = today();
	int			  retired = 0;
	json_t			 *arr;

	if (query_parse(qs, allowed, &q, &p) != 0) {
		problem_send(req, &p);
		return;
	}
	if (query_bool(query_get(&q, "include_retired"), &retired) != 0) {
		query_free(&q);
		problem_reply(req, 400, "Bad query", "include_retired",
		    "must be true or false");
		return;
	}
	text = query_get(&q, "q");
	country = query_get(&q, "country");
	if (country != NULL && *country != '\0' && !dst_country_valid(country)) {
		problem_reply(req, 400, "Bad query", "country",
		    "not an ISO 3166-1 alpha-2 code in capitals: \"%.20s\"",
		    country);
		query_free(&q);
		return;
	}
	nq[0] = '\0';
	if (text != NULL)
		dst_normalize(text, nq, sizeof nq);

	n = dst_snapshot_count(snap);
	if ((sel = calloc(n + 1, sizeof *sel)) == NULL)
		abort();
	for (len = 0, i = 0; i < n; i++) {
		e = dst_snapshot_entry(snap, i);
		if (!retired && !dst_entry_active(e, day))
			continue;
		if (country != NULL && *country != '\0' &&
		    strcmp(e->country, country) != 0)
			continue;
		if (nq[0] != '\0' && !entry_matches(e, nq))
			continue;
		sel[len++] = e;
	}
	query_free(&q);

	if (wants_csv(req)) {
		struct evbuffer	*buf = evbuffer_new();

		csv = jsonio_entries_csv(sel, len, &n);
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Content-Type", "text/csv; charset=utf-8");
		evbuffer_add(buf, csv, n);
		evhttp_send_reply(req, 200, "OK", buf);
		evbuffer_free(buf);
		free(csv);
		free(sel);
		return;
	}
	arr = json_array();
	for (i = 0; i < len; i++)
		json_array_append_new(arr, jsonio_entry(sel[i]));
	free(sel);
	reply_json(req, 200, "OK", json_pack("{s:i, s:o}", "count", (int)len,
	    "destinations", arr));
}

/* GET /v1/destinations/{id}, with an ETag of the entry's version. */
static void
handle_entry(struct evhttp_request *req, struct dst_snapshot *snap,
    const char *id)
{
	const struct dst_entry	*e;
	const char		*inm;
	char			 etag[48];

	if ((e = dst_snapshot_find(snap, id)) == NULL) {
		problem_reply(req, 404, "Not found", "id",
		    "no destination with id \"%.64s\"", id);
		return;
	}
	snprintf(etag, sizeof etag, "\"%d\"", e->version);
	evhttp_add_header(evhttp_request_get_output_headers(req), "ETag", etag);
	inm = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "If-None-Match");
	if (inm != NULL && (strcmp(inm, etag) == 0 || strcmp(inm, "*") == 0)) {
		evhttp_send_reply(req, 304, "Not Modified", NULL);
		return;
	}
	reply_json(req, 200, "OK", jsonio_entry(e));
}

/* Is s a plausible list id ([a-z0-9-], 1..63)? */
static int
id_valid(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
		    *s == '-'))
			return (0);
	return (n > 0 && n < DEC_ID_MAX);
}

/* The request entry point: every reply is JSON or problem+json. */
void
routes_handle(struct evhttp_request *req, void *arg)
{
	const struct evhttp_uri	*uri;
	struct dst_snapshot	*snap;
	enum evhttp_cmd_type	 cmd;
	const char		*path, *qs;
	int			 get;

	(void)arg;
	cmd = evhttp_request_get_command(req);
	get = cmd == EVHTTP_REQ_GET || cmd == EVHTTP_REQ_HEAD;
	uri = evhttp_request_get_evhttp_uri(req);
	path = uri != NULL ? evhttp_uri_get_path(uri) : NULL;
	qs = uri != NULL ? evhttp_uri_get_query(uri) : NULL;
	if (path == NULL || *path == '\0')
		path = "/";
	log_debug("%s %s", cmd == EVHTTP_REQ_POST ? "POST" : get ? "GET" :
	    "other", path);

	snap = server_snapshot();
	if (strcmp(path, "/healthz") == 0) {
		if (get)
			handle_healthz(req, snap);
		else
			reply_method(req, "GET, HEAD");
	} else if (strcmp(path, "/v1/decisions") == 0) {
		if (cmd == EVHTTP_REQ_POST)
			handle_decisions(req, snap);
		else
			reply_method(req, "POST");
	} else if (strcmp(path, "/v1/destinations") == 0 ||
	    strcmp(path, "/v1/destinations/") == 0) {
		if (get)
			handle_list(req, snap, qs);
		else
			reply_method(req, "GET, HEAD");
	} else if (strncmp(path, "/v1/destinations/", 17) == 0 &&
	    id_valid(path + 17)) {
		if (get)
			handle_entry(req, snap, path + 17);
		else
			reply_method(req, "GET, HEAD");
	} else
		problem_reply(req, 404, "Not found", NULL,
		    "no resource at %.200s", path);
	dst_snapshot_unref(snap);
}
