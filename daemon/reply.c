/* Replies: JSON written into the reply, bytes, 405. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

/* Set the Content-Type, replacing libevent's default. */
static void
content_type(struct evhttp_request *req, const char *type)
{
	struct evkeyvalq	*out = evhttp_request_get_output_headers(req);

	evhttp_remove_header(out, "Content-Type");
	evhttp_add_header(out, "Content-Type", type);
}

/* Send what was written into the reply's output buffer. */
void
reply_written(struct evhttp_request *req, int code, const char *reason,
    const char *type)
{
	content_type(req, type);
	reply_send(req, code, reason, NULL);
}

/* Send bytes with a content type. */
void
reply_bytes(struct evhttp_request *req, int code, const char *reason,
    const char *type, const char *body, size_t len)
{
	if (evbuffer_add(evhttp_request_get_output_buffer(req), body,
	    len) != 0)
		abort();
	reply_written(req, code, reason, type);
}

/* Send a JSON document (stolen), written straight into the reply. */
void
reply_json(struct evhttp_request *req, int code, const char *reason,
    json_t *o)
{
	struct evbuffer	*out = evhttp_request_get_output_buffer(req);
	struct jw	 w;
	int		 rc;

	jw_init(&w, out);
	rc = jw_document(&w, o);
	jw_newline(&w);
	jw_finish(&w);
	json_decref(o);
	if (rc != 0) {
		evbuffer_drain(out, evbuffer_get_length(out));
		problem_reply(req, 500, "Internal error", NULL, DEC_E_INVALID,
		    "could not encode the answer");
		return;
	}
	reply_written(req, code, reason, "application/json");
}

/* 405 with the Allow header. */
void
reply_method(struct evhttp_request *req, const char *allow)
{
	evhttp_add_header(evhttp_request_get_output_headers(req), "Allow",
	    allow);
	problem_reply(req, 405, "Method not allowed", NULL, DEC_E_CHOICE,
	    "this resource allows %s", allow);
}
