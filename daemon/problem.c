/*
 * application/problem+json error replies (RFC 9457), every error named.
 * A problem is written by the streaming JSON writer straight into the
 * reply, so that encoding it cannot fail: a request that has an error is
 * refused, whatever the error's text.
 */
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
}

/* Add one error. */
void
problem_add(struct problem *p, const char *field, enum dec_code code,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	dec_errors_vadd_row(&p->errs, 0, field, code, fmt, ap);
	va_end(ap);
}

/* Has anything been added? */
int
problem_has_errors(const struct problem *p)
{
	return (p->errs.n != 0);
}

/*
 * Errors of form (malformed, a wrong type, an unknown member) make the
 * whole request a 400 "Bad request"; errors of content keep the status.
 */
void
problem_settle(struct problem *p)
{
	if (dec_errors_structural(&p->errs)) {
		p->status = 400;
		p->title = "Bad request";
	}
}

/* Release what the problem holds. */
void
problem_clear(struct problem *p)
{
	dec_errors_clear(&p->errs);
	json_decref(p->extra);
	p->extra = NULL;
}

/* Type URI for a status: stable, documented in the OpenAPI document. */
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
	case 421:
		return ("urn:tripmode:problem:misdirected-request");
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

/* The field as the answer names it: "row 3: lat" for a record of a file. */
static void
error_field(const struct dec_error *e, char *buf, size_t len)
{
	if (e->row <= 0)
		snprintf(buf, len, "%s", e->field);
	else if (e->field[0] != '\0')
		snprintf(buf, len, "row %d: %s", e->row, e->field);
	else
		snprintf(buf, len, "row %d", e->row);
	dec_utf8_scrub(buf);
}

/* Write one {field, code, message[, row, column]}. */
static void
error_write(struct jw *w, const struct dec_error *e)
{
	char	field[512];

	error_field(e, field, sizeof field);
	jw_object(w, NULL);
	jw_string(w, "field", field);
	jw_string(w, "code", dec_code_name(e->code));
	jw_string(w, "message", e->message);
	if (e->row > 0) {
		jw_int(w, "row", e->row);
		jw_string(w, "column", e->field[0] != '\0' ? e->field : NULL);
	}
	jw_end(w, '}');
}

/* Encode, send and release a problem. */
void
problem_send(struct evhttp_request *req, struct problem *p)
{
	struct evkeyvalq	*out;
	struct jw		 w;
	const char		*key;
	json_t			*v;
	char			 field[512], *s;
	size_t			 i;

	if (p->detail[0] == '\0' && p->errs.n > 0) {
		error_field(&p->errs.v[0], field, sizeof field);
		if (asprintf(&s, "%s: %s", field, p->errs.v[0].message) == -1)
			abort();
		dec_copy(p->detail, sizeof p->detail, s);
		free(s);
	}
	dec_utf8_scrub(p->detail);

	out = evhttp_request_get_output_headers(req);
	evhttp_remove_header(out, "Content-Type");
	evhttp_add_header(out, "Content-Type", "application/problem+json");
	jw_init(&w, evhttp_request_get_output_buffer(req));
	jw_object(&w, NULL);
	jw_string(&w, "type", p->type != NULL ? p->type :
	    problem_type(p->status));
	jw_string(&w, "title", p->title);
	jw_int(&w, "status", p->status);
	jw_string(&w, "detail", p->detail);
	jw_array(&w, "errors");
	for (i = 0; i < p->errs.n; i++)
		error_write(&w, &p->errs.v[i]);
	jw_end(&w, ']');
	json_object_foreach(p->extra, key, v)
		jw_json(&w, key, v);
	jw_end(&w, '}');
	jw_newline(&w);
	jw_finish(&w);
	reply_send(req, p->status, p->title, NULL);
	problem_clear(p);
}

/*
 * An unknown place: "Unknown destination "X". Did you mean: a, b?" as
 * the detail, the names as "suggestions" (places of the gazetteer with id
 * null).
 */
void
problem_unknown_place(struct problem *p, const char *text,
    const struct dst_suggestions *s)
{
	json_t	*arr;
	char	 clip[96];
	size_t	 off;
	int	 i;

	if ((arr = json_array()) == NULL)
		abort();
	off = (size_t)snprintf(p->detail, sizeof p->detail,
	    "Unknown destination \"%s\".", dec_clip(clip, sizeof clip,
	    text != NULL ? text : "", 60));
	for (i = 0; i < s->n; i++) {
		if (json_array_append_new(arr, json_pack("{s:s?, s:s}", "id",
		    s->ids[i][0] != '\0' ? s->ids[i] : NULL, "name",
		    s->names[i])) != 0)
			abort();
		if (off < sizeof p->detail)
			off += (size_t)snprintf(p->detail + off,
			    sizeof p->detail - off, "%s%s", i == 0 ?
			    " Did you mean: " : ", ", s->names[i]);
	}
	if (s->n > 0 && off < sizeof p->detail)
		snprintf(p->detail + off, sizeof p->detail - off, "?");
	if (p->extra == NULL && (p->extra = json_object()) == NULL)
		abort();
	if (json_object_set_new(p->extra, "suggestions", arr) != 0)
		abort();
}

/* One error, sent at once (field NULL: the message is the detail). */
void
problem_reply(struct evhttp_request *req, int status, const char *title,
    const char *field, enum dec_code code, const char *fmt, ...)
{
	struct problem	p;
	va_list		ap;

	problem_init(&p, status, title);
	va_start(ap, fmt);
	if (field != NULL)
		dec_errors_vadd_row(&p.errs, 0, field, code, fmt, ap);
	else
		vsnprintf(p.detail, sizeof p.detail, fmt, ap);
	va_end(ap);
	problem_send(req, &p);
}
