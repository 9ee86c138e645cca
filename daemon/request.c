/*
 * What a request brings: its headers, its body (within the limits, of
 * the content types an endpoint takes), a JSON object body, the query
 * string checked against the parameters an endpoint knows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

/* A request header, or NULL. */
const char *
request_header(struct request *r, const char *name)
{
	return (evhttp_find_header(evhttp_request_get_input_headers(r->req),
	    name));
}

/* Does the client prefer CSV? */
int
request_wants_csv(struct request *r)
{
	const char	*acc;

	acc = request_header(r, "Accept");
	return (acc != NULL && strcasestr(acc, "text/csv") != NULL);
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
		    "Content-Type", DEC_E_CHOICE, "send %s", types[0]);
		return (NULL);
	}
	in = evhttp_request_get_input_buffer(r->req);
	*len = evbuffer_get_length(in);
	if (*len > max) {
		problem_reply(r->req, 413, "Body too large", "body",
		    DEC_E_TOO_LONG, "%zu bytes; the limit is %zu", *len, max);
		return (NULL);
	}
	if (*len == 0)
		return ("");
	return ((const char *)evbuffer_pullup(in, -1));
}

/* The body as a JSON object, or NULL after replying. */
json_t *
request_json(struct request *r, const char *what)
{
	static const char *const types[] = { "application/json", NULL };
	struct problem	 p;
	const char	*body;
	size_t		 len;
	json_t		*j;

	if ((body = request_body(r, types, TM_MAX_BODY, &len)) == NULL)
		return (NULL);
	problem_init(&p, 400, "Bad request");
	if ((j = dst_json_object_body(body, len, what, &p.errs)) == NULL) {
		if (p.errs.n > 0 && p.errs.v[0].code == DEC_E_MALFORMED)
			p.title = "Malformed JSON";
		problem_send(r->req, &p);
		return (NULL);
	}
	problem_clear(&p);
	return (j);
}

/* The query string against the allowed names, or -1 after a 400. */
int
request_query(struct request *r, const char *const *allowed,
    struct form *q)
{
	struct problem	p;
	int		i;

	problem_init(&p, 400, "Bad query");
	if (form_parse(r->query, r->query != NULL ? strlen(r->query) : 0,
	    q) != 0) {
		problem_add(&p, "query", DEC_E_ENCODING, "malformed: a bad "
		    "percent-encoding, not UTF-8, a NUL, or more than %d "
		    "parameters", FORM_MAX_FIELDS);
		problem_send(r->req, &p);
		return (-1);
	}
	for (i = 0; i < q->n; i++)
		if (!dst_json_key_in(q->key[i], allowed))
			problem_add(&p, q->key[i][0] != '\0' ? q->key[i] :
			    "query", DEC_E_UNKNOWN_FIELD,
			    "unknown query parameter");
	if (problem_has_errors(&p)) {
		form_free(q);
		problem_send(r->req, &p);
		return (-1);
	}
	problem_clear(&p);
	return (0);
}

/* A boolean parameter; def when absent, -1 when not a boolean. */
int
query_bool(const struct form *q, const char *key, int def)
{
	const char	*v;

	if ((v = form_get(q, key)) == NULL)
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
