/* The one place a reply leaves: HEAD answered with headers only. */
#include "config.h"

#include <stdio.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

/*
 * Send a reply: what was written into the output buffer, then body (if
 * not NULL).  Every reply goes through here.  A HEAD gets the headers a
 * GET would have, Content-Length included, and no body, so that the
 * next response on the connection stays framed.
 */
void
reply_send(struct evhttp_request *req, int code, const char *reason,
    struct evbuffer *body)
{
	struct evbuffer	*out = evhttp_request_get_output_buffer(req);
	char		 len[32];

	if (evhttp_request_get_command(req) != EVHTTP_REQ_HEAD) {
		evhttp_send_reply(req, code, reason, body);
		return;
	}
	if (code != 204 && code != 304) {
		snprintf(len, sizeof len, "%zu", evbuffer_get_length(out) +
		    (body != NULL ? evbuffer_get_length(body) : 0));
		evhttp_remove_header(evhttp_request_get_output_headers(req),
		    "Content-Length");
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Content-Length", len);
	}
	evbuffer_drain(out, evbuffer_get_length(out));
	if (body != NULL)
		evbuffer_drain(body, evbuffer_get_length(body));
	evhttp_send_reply(req, code, reason, NULL);
}
