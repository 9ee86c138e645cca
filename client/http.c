#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

#include "client/client.h"

#define HTTP_MAX_HEADERS	(64 * 1024)
#define HTTP_MAX_BODY_MIB	256		/* 100 000 entries fit */
#define HTTP_CHUNK		(1024 * 1024)

/* What the callbacks of one attempt found out. */
struct http_call {
	struct event_base	*base;
	struct http_response	*resp;
	int			 done;		/* the request callback ran */
	int			 answered;	/* ... with a response */
	int			 has_error;	/* the error callback ran */
	enum evhttp_request_error error;
	int			 saved_errno;
	int			 timed_out;
};

/* Attempt outcomes besides 0 (answered) and -1 (failed, give up). */
#define HTTP_TRY_NEXT	1

/* Parse an http:// URL with an optional path prefix. */
int
http_target_parse(const char *url, struct http_target *t, char **cause)
{
	struct evhttp_uri	*u;
	const char		*scheme, *host, *path;
	size_t			 len;
	int			 port;

	memset(t, 0, sizeof *t);
	if ((u = evhttp_uri_parse(url)) == NULL ||
	    (scheme = evhttp_uri_get_scheme(u)) == NULL) {
		*cause = xasprintf("not a URL: %s", url);
		goto fail;
	}
	if (strcasecmp(scheme, "https") == 0) {
		*cause = xasprintf("https is not supported, only http://: %s",
		    url);
		goto fail;
	}
	if (strcasecmp(scheme, "http") != 0) {
		*cause = xasprintf("not an http:// URL: %s", url);
		goto fail;
	}
	if ((host = evhttp_uri_get_host(u)) == NULL || *host == '\0') {
		*cause = xasprintf("no host in URL: %s", url);
		goto fail;
	}
	if (evhttp_uri_get_userinfo(u) != NULL) {
		*cause = xasprintf("user information in a URL is not "
		    "supported (use --key): %s", url);
		goto fail;
	}
	if (evhttp_uri_get_query(u) != NULL ||
	    evhttp_uri_get_fragment(u) != NULL) {
		*cause = xasprintf("a query or fragment in the server URL is "
		    "not supported: %s", url);
		goto fail;
	}
	if ((port = evhttp_uri_get_port(u)) == -1)
		port = 80;
	if (port <= 0 || port > 65535) {
		*cause = xasprintf("bad port in URL: %s", url);
		goto fail;
	}

	t->url = xstrdup(url);
	t->port = (unsigned short)port;
	if (port == 80)
		t->host_header = xstrdup(host);
	else
		t->host_header = xasprintf("%s:%d", host, port);
	len = strlen(host);
	if (host[0] == '[' && len > 2 && host[len - 1] == ']')
		t->host = xasprintf("%.*s", (int)(len - 2), host + 1);
	else
		t->host = xstrdup(host);
	path = evhttp_uri_get_path(u);
	t->prefix = xstrdup(path != NULL ? path : "");
	for (len = strlen(t->prefix); len > 0 && t->prefix[len - 1] == '/';
	    len--)
		t->prefix[len - 1] = '\0';
	evhttp_uri_free(u);
	return (0);

fail:
	if (u != NULL)
		evhttp_uri_free(u);
	return (-1);
}

/* Free what http_target_parse filled in. */
void
http_target_free(struct http_target *t)
{
	free(t->url);
	free(t->host);
	free(t->host_header);
	free(t->prefix);
	memset(t, 0, sizeof *t);
}

/* Free what http_request filled in; safe on a zeroed response. */
void
http_response_free(struct http_response *r)
{
	free(r->reason);
	free(r->content_type);
	free(r->etag);
	free(r->location);
	free(r->body);
	memset(r, 0, sizeof *r);
}

/* libevent's own warnings would break the one-line error contract. */
static void
http_log_discard(int severity, const char *msg)
{
}

/* Error callback: runs before the request callback on failures. */
static void
http_error_cb(enum evhttp_request_error error, void *arg)
{
	struct http_call	*c = arg;

	/* libevent restores the socket error just before calling us. */
	c->saved_errno = errno;
	c->has_error = 1;
	c->error = error;
}

/* Request callback: copy what the request holds before libevent frees it. */
static void
http_done_cb(struct evhttp_request *req, void *arg)
{
	struct http_call	*c = arg;
	struct http_response	*r = c->resp;
	struct evkeyvalq	*hdrs;
	struct evbuffer		*buf;
	const char		*v;
	size_t			 off;
	int			 n, saved = errno;

	c->done = 1;
	event_base_loopbreak(c->base);
	if (req == NULL || evhttp_request_get_response_code(req) == 0) {
		if (!c->has_error)
			c->saved_errno = saved;
		return;
	}

	buf = evhttp_request_get_input_buffer(req);
	r->len = evbuffer_get_length(buf);
	r->body = xmalloc(r->len + 1);
	/* Drain as we copy so that a large answer is not held twice. */
	for (off = 0; off < r->len; off += (size_t)n) {
		n = evbuffer_remove(buf, r->body + off,
		    r->len - off < HTTP_CHUNK ? r->len - off : HTTP_CHUNK);
		if (n <= 0) {
			free(r->body);
			r->body = NULL;
			c->has_error = 1;
			c->error = EVREQ_HTTP_BUFFER_ERROR;
			return;
		}
	}
	r->body[r->len] = '\0';
	r->status = evhttp_request_get_response_code(req);
	v = evhttp_request_get_response_code_line(req);
	r->reason = xstrdup(v != NULL ? v : "");
	hdrs = evhttp_request_get_input_headers(req);
	if ((v = evhttp_find_header(hdrs, "Content-Type")) != NULL)
		r->content_type = xstrdup(v);
	if ((v = evhttp_find_header(hdrs, "ETag")) != NULL)
		r->etag = xstrdup(v);
	if ((v = evhttp_find_header(hdrs, "Location")) != NULL)
		r->location = xstrdup(v);
	c->answered = 1;
}

/* The whole exchange took too long. */
static void
http_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	struct http_call	*c = arg;

	c->timed_out = 1;
	event_base_loopbreak(c->base);
}

/* Errors that mean "this address did not take the connection". */
static int
http_connect_errno(int e)
{
	switch (e) {
	case ECONNREFUSED:
	case EHOSTUNREACH:
	case ENETUNREACH:
	case ENETDOWN:
	case EHOSTDOWN:
	case EADDRNOTAVAIL:
	case EAFNOSUPPORT:
	case ETIMEDOUT:
	case EACCES:
	case EPERM:
		return (1);
	}
	return (0);
}

/* Seconds left until the deadline (may be negative). */
static double
http_remaining(const struct timespec *deadline)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((double)(deadline->tv_sec - now.tv_sec) +
	    (double)(deadline->tv_nsec - now.tv_nsec) / 1e9);
}

/* Turn a failed attempt into a message and an outcome. */
static int
http_failure(const struct http_target *t, const struct http_call *c,
    double timeout, char **cause)
{
	int	e = c->saved_errno;

	if (c->timed_out && !c->done) {
		*cause = xasprintf("%s: no answer within %g s", t->url,
		    timeout);
		return (-1);
	}
	if (!c->has_error) {
		/*
		 * libevent 2.1 reports a failed connect without an error type.
		 * An immediate connect() failure keeps its errno; a refusal
		 * found later goes through shutdown() first, which leaves
		 * ENOTCONN.  (A connect timeout would come here too, but our
		 * own deadline always fires first.)
		 */
		if (!http_connect_errno(e))
			e = ECONNREFUSED;
		*cause = xasprintf("cannot connect to %s: %s", t->url,
		    strerror(e));
		return (HTTP_TRY_NEXT);
	}
	switch (c->error) {
	case EVREQ_HTTP_TIMEOUT:
		*cause = xasprintf("%s: no answer within %g s", t->url,
		    timeout);
		break;
	case EVREQ_HTTP_EOF:
		if (http_connect_errno(e)) {
			*cause = xasprintf("cannot connect to %s: %s", t->url,
			    strerror(e));
			return (HTTP_TRY_NEXT);
		}
		if (e == ECONNRESET || e == EPIPE)
			*cause = xasprintf("%s: %s", t->url, strerror(e));
		else
			*cause = xasprintf("%s: connection closed before a "
			    "complete answer", t->url);
		break;
	case EVREQ_HTTP_INVALID_HEADER:
		*cause = xasprintf("%s: not a valid HTTP answer", t->url);
		break;
	case EVREQ_HTTP_DATA_TOO_LONG:
		*cause = xasprintf("%s: answer too large (limit %d MiB)",
		    t->url, HTTP_MAX_BODY_MIB);
		break;
	case EVREQ_HTTP_BUFFER_ERROR:
	case EVREQ_HTTP_REQUEST_CANCEL:
	default:
		*cause = xasprintf("%s: error while exchanging the request%s%s",
		    t->url, e != 0 ? ": " : "", e != 0 ? strerror(e) : "");
		break;
	}
	return (-1);
}

/* One request to one resolved address. */
static int
http_attempt(struct event_base *base, const struct http_target *t,
    const struct addrinfo *ai, enum evhttp_cmd_type type, const char *uri,
    const struct http_req *rq, const char *key,
    const struct timespec *deadline, double timeout,
    struct http_response *resp, char **cause)
{
	struct evhttp_connection	*evcon = NULL;
	struct evhttp_request		*req = NULL;
	struct evkeyvalq		*hdrs;
	struct event			*timer = NULL;
	struct http_call		 c;
	struct timeval			 tv, contv;
	char				 addr[NI_MAXHOST], *auth = NULL;
	double				 left;
	int				 rv = -1, e;

	e = getnameinfo(ai->ai_addr, ai->ai_addrlen, addr, sizeof addr, NULL,
	    0, NI_NUMERICHOST);
	if (e != 0) {
		*cause = xasprintf("%s: %s", t->host, gai_strerror(e));
		return (-1);
	}
	if ((left = http_remaining(deadline)) <= 0) {
		*cause = xasprintf("%s: no answer within %g s", t->url,
		    timeout);
		return (-1);
	}
	tv.tv_sec = (time_t)left;
	tv.tv_usec = (suseconds_t)((left - (double)tv.tv_sec) * 1e6);
	/*
	 * libevent's connect timeout takes a path that reports no error type;
	 * keep it behind our own deadline so that every timeout reads alike.
	 */
	contv = tv;
	contv.tv_sec += 1;

	memset(&c, 0, sizeof c);
	c.base = base;
	c.resp = resp;

	if ((evcon = evhttp_connection_base_new(base, NULL, addr,
	    t->port)) == NULL) {
		*cause = xasprintf("cannot connect to %s: cannot create a "
		    "connection", t->url);
		goto out;
	}
	evhttp_connection_set_family(evcon, ai->ai_family);
	evhttp_connection_set_timeout_tv(evcon, &contv);
	evhttp_connection_set_retries(evcon, 0);
	evhttp_connection_set_max_headers_size(evcon, HTTP_MAX_HEADERS);
	evhttp_connection_set_max_body_size(evcon,
	    (ev_ssize_t)HTTP_MAX_BODY_MIB * 1024 * 1024);
	/* Read a 413 or 401 the server sent before it stopped reading. */
	(void)evhttp_connection_set_flags(evcon,
	    EVHTTP_CON_READ_ON_WRITE_ERROR);

	if ((req = evhttp_request_new(http_done_cb, &c)) == NULL)
		fatal_nomem();
	evhttp_request_set_error_cb(req, http_error_cb);
	hdrs = evhttp_request_get_output_headers(req);
	if (evhttp_add_header(hdrs, "Host", t->host_header) == -1 ||
	    evhttp_add_header(hdrs, "Accept", rq->accept != NULL ?
	    rq->accept : "application/json") == -1 ||
	    evhttp_add_header(hdrs, "User-Agent",
	    PACKAGE_NAME "/" PACKAGE_VERSION) == -1 ||
	    evhttp_add_header(hdrs, "Connection", "close") == -1) {
		*cause = xasprintf("%s: cannot build the request headers",
		    t->url);
		goto out;
	}
	if (key != NULL) {
		auth = xasprintf("Bearer %s", key);
		if (evhttp_add_header(hdrs, "Authorization", auth) == -1) {
			*cause = xstrdup("the API key cannot be sent in a "
			    "header");
			goto out;
		}
	}
	if (rq->if_match != NULL &&
	    evhttp_add_header(hdrs, "If-Match", rq->if_match) == -1) {
		*cause = xasprintf("%s: the ETag cannot be sent in a header",
		    t->url);
		goto out;
	}
	if (rq->body != NULL) {
		if (evhttp_add_header(hdrs, "Content-Type",
		    rq->content_type != NULL ? rq->content_type :
		    "application/json") == -1)
			fatal_nomem();
		if (evbuffer_add(evhttp_request_get_output_buffer(req),
		    rq->body, rq->len) == -1)
			fatal_nomem();
	}

	if ((timer = evtimer_new(base, http_timeout_cb, &c)) == NULL)
		fatal_nomem();
	if (evtimer_add(timer, &tv) == -1) {
		*cause = xasprintf("%s: cannot arm the timeout", t->url);
		goto out;
	}
	e = evhttp_make_request(evcon, req, type, uri);
	req = NULL;	/* the connection owns it now, or freed it */
	if (e == -1) {
		*cause = xasprintf("cannot connect to %s: cannot send the "
		    "request", t->url);
		goto out;
	}
	/* An immediate connect() failure has already run the callback. */
	if (!c.done && event_base_dispatch(base) == -1) {
		*cause = xasprintf("%s: event loop failed", t->url);
		goto out;
	}
	if (c.answered)
		rv = 0;
	else if (!c.done && !c.timed_out)
		*cause = xasprintf("%s: no answer", t->url);
	else
		rv = http_failure(t, &c, timeout, cause);
	if (rv != 0)
		http_response_free(resp);

out:
	free(auth);
	if (timer != NULL)
		event_free(timer);
	if (req != NULL)
		evhttp_request_free(req);
	if (evcon != NULL)
		evhttp_connection_free(evcon);
	return (rv);
}

/* Resolve, then try each address until one answers or fails for good. */
int
http_request(const struct http_target *t, const struct http_req *rq,
    const char *key, double timeout, struct http_response *resp,
    char **cause)
{
	struct addrinfo		 hints, *res = NULL, *ai;
	struct event_base	*base = NULL;
	struct sigaction	 ign, oldpipe;
	struct timespec		 deadline;
	enum evhttp_cmd_type	 type;
	char			*uri, port[8], *why = NULL;
	int			 rv = -1, e;

	memset(resp, 0, sizeof *resp);
	*cause = NULL;
	if (strcmp(rq->method, "GET") == 0)
		type = EVHTTP_REQ_GET;
	else if (strcmp(rq->method, "POST") == 0)
		type = EVHTTP_REQ_POST;
	else if (strcmp(rq->method, "PUT") == 0)
		type = EVHTTP_REQ_PUT;
	else if (strcmp(rq->method, "DELETE") == 0)
		type = EVHTTP_REQ_DELETE;
	else {
		*cause = xasprintf("unsupported HTTP method: %s", rq->method);
		return (-1);
	}
	uri = xasprintf("%s%s", t->prefix, rq->path);

	/* A server that hangs up mid-request must not kill us by SIGPIPE. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &oldpipe);
	event_set_log_callback(http_log_discard);

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += (time_t)timeout;
	deadline.tv_nsec += (long)((timeout - (double)(time_t)timeout) * 1e9);
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}

	/*
	 * Resolve here rather than in libevent, which tries only the first
	 * address: "localhost" often yields ::1 first while the daemon
	 * listens on 127.0.0.1.
	 */
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(port, sizeof port, "%u", (unsigned int)t->port);
	if ((e = getaddrinfo(t->host, port, &hints, &res)) != 0) {
		*cause = xasprintf("cannot resolve %s: %s", t->host,
		    e == EAI_SYSTEM ? strerror(errno) : gai_strerror(e));
		goto out;
	}
	if ((base = event_base_new()) == NULL) {
		*cause = xstrdup("cannot create an event base");
		goto out;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		free(why);
		why = NULL;
		rv = http_attempt(base, t, ai, type, uri, rq, key, &deadline,
		    timeout, resp, &why);
		if (rv != HTTP_TRY_NEXT)
			break;
	}
	if (rv != 0) {
		rv = -1;
		*cause = why != NULL ? why : xasprintf("cannot connect to %s",
		    t->url);
		why = NULL;
	}

out:
	free(why);
	if (base != NULL)
		event_base_free(base);
	if (res != NULL)
		freeaddrinfo(res);
	free(uri);
	sigaction(SIGPIPE, &oldpipe, NULL);
	return (rv);
}
