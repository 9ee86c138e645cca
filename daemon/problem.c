/* application/problem+json error replies (RFC 9457), every error named. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

/* Start an empty problem of a status and title. */
void
problem_init(struct problem *p, int status, const char *title)
{
	memset(p, 0, sizeof *p);
	p->status = status;
	p->title = title;
	p->errors = json_array();
}

/* Add one {field, message} error. */
void
problem_add(struct problem *p, const char *field, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	json_array_append_new(p->errors, json_pack("{s:s, s:s}",
	    "field", field, "message", msg));
}

/* Has anything been added? */
int
problem_has_errors(const struct problem *p)
{
	return (json_array_size(p->errors) != 0);
}

/* Release what the problem holds. */
void
problem_clear(struct problem *p)
{
	json_decref(p->errors);
	json_decref(p->extra);
	p->errors = p->extra = NULL;
}

/* Type URI for a status: stable, documented in the README. */
static const char *
problem_type(int status)
{
	switch (status) {
	case 400:
		return ("urn:tripmode:problem:bad-request");
	case 401:
		return ("urn:tripmode:problem:unauthorized");
	case 403:
		return ("urn:tripmode:problem:forbidden");
	case 404:
		return ("urn:tripmode:problem:not-found");
	case 405:
		return ("urn:tripmode:problem:method-not-allowed");
	case 406:
		return ("urn:tripmode:problem:not-acceptable");
	case 409:
		return ("urn:tripmode:problem:conflict");
	case 412:
		return ("urn:tripmode:problem:stale-etag");
	case 413:
		return ("urn:tripmode:problem:body-too-large");
	case 415:
		return ("urn:tripmode:problem:unsupported-media-type");
	case 422:
		return ("urn:tripmode:problem:invalid-value");
	case 428:
		return ("urn:tripmode:problem:if-match-required");
	case 501:
		return ("urn:tripmode:problem:not-implemented");
	default:
		return ("urn:tripmode:problem:server-error");
	}
}

/* Encode, send and release a problem. */
void
problem_send(struct evhttp_request *req, struct problem *p)
{
	struct evkeyvalq	*out;
	struct evbuffer		*buf;
	json_t			*o;
	char			*s;
	size_t			 len;

	if (p->detail[0] == '\0' && json_array_size(p->errors) > 0) {
		json_t *e = json_array_get(p->errors, 0);

		snprintf(p->detail, sizeof p->detail, "%s: %s",
		    json_string_value(json_object_get(e, "field")),
		    json_string_value(json_object_get(e, "message")));
	}
	o = json_pack("{s:s, s:s, s:i, s:s, s:O}",
	    "type", problem_type(p->status),
	    "title", p->title,
	    "status", p->status,
	    "detail", p->detail,
	    "errors", p->errors);
	if (o != NULL && p->extra != NULL)
		json_object_update(o, p->extra);
	s = o != NULL ? jsonio_dump(o, &len) : NULL;
	json_decref(o);

	out = evhttp_request_get_output_headers(req);
	evhttp_remove_header(out, "Content-Type");
	evhttp_add_header(out, "Content-Type", "application/problem+json");
	buf = evbuffer_new();
	if (s != NULL && buf != NULL) {
		evbuffer_add(buf, s, len);
		evbuffer_add(buf, "\n", 1);
	}
	evhttp_send_reply(req, p->status, p->title, buf);
	if (buf != NULL)
		evbuffer_free(buf);
	free(s);
	problem_clear(p);
}

/* One error, sent at once. */
void
problem_reply(struct evhttp_request *req, int status, const char *title,
    const char *field, const char *fmt, ...)
{
	struct problem	p;
	char		msg[512];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	problem_init(&p, status, title);
	if (field != NULL)
		problem_add(&p, field, "%s", msg);
	else
		snprintf(p.detail, sizeof p.detail, "%s", msg);
	problem_send(req, &p);
}
