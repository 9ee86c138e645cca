/* Replies, request bodies and query strings shared by the handlers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "daemon/daemon.h"

/* Send bytes with a content type. */
void
reply_bytes(struct evhttp_request *req, int code, const char *reason,
    const char *content_type, const char *body, size_t len)
{
	struct evkeyvalq	*out;
	struct evbuffer		*buf;

	out = evhttp_request_get_output_headers(req);
	evhttp_remove_header(out, "Content-Type");
	evhttp_add_header(out, "Content-Type", content_type);
	if ((buf = evbuffer_new()) == NULL) {
		evhttp_send_error(req, 500, NULL);
		return;
	}
	evbuffer_add(buf, body, len);
	evhttp_send_reply(req, code, reason, buf);
	evbuffer_free(buf);
}

/* Send a JSON document (stolen) with a status. */
void
reply_json(struct evhttp_request *req, int code, const char *reason,
    json_t *o)
{
	char	*s;
	size_t	 len;

	if (o == NULL || (s = jsonio_dump(o, &len)) == NULL) {
		json_decref(o);
		problem_reply(req, 500, "Internal error", NULL,
		    "could not encode the answer");
		return;
	}
	json_decref(o);
	s[len] = '\n';	/* jsonio_dump's NUL becomes the final newline */
	reply_bytes(req, code, reason, "application/json", s, len + 1);
	free(s);
}

/* 405 with the Allow header. */
void
reply_method(struct evhttp_request *req, const char *allow)
{
	evhttp_add_header(evhttp_request_get_output_headers(req), "Allow",
	    allow);
	problem_reply(req, 405, "Method not allowed", NULL,
	    "this resource allows %s", allow);
}

/* A request header, or NULL. */
const char *
request_header(struct request *r, const char *name)
{
	return (evhttp_find_header(evhttp_request_get_input_headers(r->req),
	    name));
}

/* Is the Content-Type (without parameters) one of types? */
static int
content_type_ok(const char *ct, const char *const *types)
{
	size_t	n;

	if (ct == NULL)
		return (1);
	while (*ct == ' ')
		ct++;
	for (; *types != NULL; types++) {
		n = strlen(*types);
		if (strncasecmp(ct, *types, n) == 0 &&
		    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' '))
			return (1);
	}
	return (0);
}

/* The body, or NULL after replying 413 or 415. */
const char *
request_body(struct request *r, const char *const *types, size_t max,
    size_t *len)
{
	struct evbuffer	*in;

	if (!content_type_ok(request_header(r, "Content-Type"), types)) {
		problem_reply(r->req, 415, "Unsupported media type",
		    "Content-Type", "send %s", types[0]);
		return (NULL);
	}
	in = evhttp_request_get_input_buffer(r->req);
	*len = evbuffer_get_length(in);
	if (*len > max) {
		problem_reply(r->req, 413, "Body too large", "body",
		    "%zu bytes; the limit is %zu", *len, max);
		return (NULL);
	}
	if (*len == 0)
		return ("");
	return ((const char *)evbuffer_pullup(in, -1));
}

/* Does the client prefer CSV? */
int
request_wants_csv(struct request *r)
{
	const char	*acc;

	acc = request_header(r, "Accept");
	return (acc != NULL && strcasestr(acc, "text/csv") != NULL);
}

/* Free what query_parse allocated. */
void
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
 * Parse the query string: keys and values decoded, "?flag" allowed (value
 * ""), every key checked against the allowed names.  On error reply 400.
 */
int
query_parse(struct request *r, const char *const *allowed, struct query *q)
{
	struct problem	 p;
	const char	*s, *amp, *eq, *end;
	int		 i, ok;

	memset(q, 0, sizeof *q);
	problem_init(&p, 400, "Bad query");
	for (s = r->query; s != NULL && *s != '\0';
	    s = amp != NULL ? amp + 1 : NULL) {
		amp = strchr(s, '&');
		end = amp != NULL ? amp : s + strlen(s);
		if (end == s)
			continue;
		eq = memchr(s, '=', (size_t)(end - s));
		if (q->n == QUERY_MAX_PARAMS) {
			problem_add(&p, "query", "more than %d parameters",
			    QUERY_MAX_PARAMS);
			break;
		}
		q->key[q->n] = query_decode(s, (size_t)((eq != NULL ? eq : end) -
		    s));
		q->value[q->n] = eq != NULL ?
		    query_decode(eq + 1, (size_t)(end - eq - 1)) : strdup("");
		q->n++;
		if (q->key[q->n - 1] == NULL || q->value[q->n - 1] == NULL) {
			problem_add(&p, "query", "bad percent-encoding");
			break;
		}
		for (ok = 0, i = 0; allowed[i] != NULL; i++)
			if (strcmp(q->key[q->n - 1], allowed[i]) == 0)
				ok = 1;
		if (!ok)
			problem_add(&p, q->key[q->n - 1][0] != '\0' ?
			    q->key[q->n - 1] : "query",
			    "unknown query parameter");
	}
	if (problem_has_errors(&p)) {
		query_free(q);
		problem_send(r->req, &p);
		return (-1);
	}
	problem_clear(&p);
	return (0);
}

/* The last value of a parameter, or NULL. */
const char *
query_get(const struct query *q, const char *key)
{
	int	i;

	for (i = q->n - 1; i >= 0; i--)
		if (strcmp(q->key[i], key) == 0)
			return (q->value[i]);
	return (NULL);
}

/* A boolean parameter; def when absent, -1 when not a boolean. */
int
query_bool(const struct query *q, const char *key, int def)
{
	const char	*v;

	if ((v = query_get(q, key)) == NULL)
		return (def);
	if (*v == '\0' || strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
	    strcmp(v, "yes") == 0)
		return (1);
	if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0 ||
	    strcmp(v, "no") == 0)
		return (0);
	return (-1);
}

/* Days since the epoch, today (UTC). */
long
today(void)
{
	return ((long)(time(NULL) / 86400));
}
