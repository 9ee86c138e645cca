/*
 * Connections: how many may be open, and how fast a request must arrive.
 *
 * libevent 2.1's evhttp has no connection limit and only an idle timeout,
 * which every byte resets: a client that sends one byte a second holds its
 * connection, its buffers and a descriptor for ever.  So tripmoded creates
 * each connection's bufferevent itself (evhttp_set_bevcb) and watches it:
 *
 *  - the budget: beyond max_connections open at once, a new connection is
 *    closed at once, never read;
 *  - the head: from a request's first byte (from the accept, for the first
 *    request of a connection) its whole head, up to the empty line, must
 *    arrive within head_msec;
 *  - the body: after the head and until the answer begins, at least
 *    body_rate bytes a second must arrive, measured over each
 *    BODY_CHECK_SEC.
 * A connection that misses either is closed (evhttp_connection_free frees
 * the request it was reading, with its buffers).  What was refused or
 * dropped is counted, and conn_tick (once a second, on the main thread)
 * logs the counts, so that a flood of connections writes one line a
 * second, and hands the memory of a burst of large bodies back.
 *
 * evhttp learns of nothing of this: the watcher reads the connection's
 * buffers through evbuffer callbacks (bytes in: the request arrives; bytes
 * out: its answer begins) and finds evhttp's connection, to close it and to
 * hear when it closes, from the callbacks evhttp sets on the bufferevent it
 * was given (their argument is the connection).
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <dirent.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>

#include "daemon/daemon.h"

/* The interval over which the body's rate is measured. */
#define BODY_CHECK_SEC	5
/* A request this large leaves memory to hand back when it ends. */
#define LARGE_REQUEST	(64 * 1024)

enum phase {
	IDLE,		/* between requests: evhttp's idle timeout */
	HEAD,		/* the request line and headers arrive */
	BODY		/* the body arrives */
};

struct conn {
	struct bufferevent		*bev;
	struct evhttp_connection	*evcon;	/* NULL until attached */
	struct event			*timer;	/* attach, then deadlines */
	struct evbuffer_cb_entry	*in_cb, *out_cb;
	enum phase			 phase;
	int				 refused;
	int				 newlines;	/* ending the head */
	long long			 since;	/* msec: phase or check began */
	size_t				 got;	/* bytes since then */
	size_t				 total;	/* of this request */
};

struct conn_limits conn_limits = {
	.max_connections = 0,
	.head_msec = TM_HEAD_SECONDS * 1000,
	.body_rate = TM_BODY_RATE
};

static atomic_int	 nopen;
static atomic_ulong	 nrefused, ndropped_head, ndropped_body, nlarge;

/* Now, in milliseconds of a clock that does not jump. */
static long long
now_msec(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/*
 * Wake the connection's timer in MSEC; unless FORCE, a timer already set
 * (for sooner: deadlines only grow) is left as it is, so that a keep-alive
 * connection's requests rarely touch it.
 */
static void
conn_wake(struct conn *c, long long msec, int force)
{
	struct timeval	 tv;

	if (!force && evtimer_pending(c->timer, NULL))
		return;
	if (msec < 1)
		msec = 1;
	tv.tv_sec = msec / 1000;
	tv.tv_usec = (msec % 1000) * 1000;
	evtimer_add(c->timer, &tv);
}

/* A request's phase begins now: the head (its deadline), or the body (its
 * first check, BODY_CHECK_SEC from the head's end). */
static void
conn_phase(struct conn *c, enum phase p, long long now)
{
	c->phase = p;
	c->since = now;
	c->got = 0;
	if (p == HEAD) {
		c->newlines = 0;
		c->total = 0;
		conn_wake(c, conn_limits.head_msec, 0);
	} else if (p == BODY)
		conn_wake(c, BODY_CHECK_SEC * 1000, 1);
}

/*
 * Does the head end in BYTES (an empty line: "\n\n" or "\n\r\n", as evhttp
 * reads lines)?  *newlines carries the state from one read to the next.
 */
static int
head_ends(const unsigned char *p, size_t n, int *newlines)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n') {
			if (++*newlines == 2)
				return (1);
		} else if (p[i] != '\r')
			*newlines = 0;
	}
	return (0);
}

/* Bytes came in: a request begins, or goes on; its head may end. */
static void
conn_input(struct evbuffer *buf, const struct evbuffer_cb_info *info,
    void *arg)
{
	struct conn		*c = arg;
	struct evbuffer_ptr	 at;
	struct evbuffer_iovec	 v[8];
	int			 i, n;

	if (info->n_added == 0)
		return;
	if (c->phase == IDLE)
		conn_phase(c, HEAD, now_msec());
	c->got += info->n_added;
	c->total += info->n_added;
	if (c->phase != HEAD)
		return;
	/* The new bytes are at the end: look for the empty line there. */
	if (evbuffer_ptr_set(buf, &at, evbuffer_get_length(buf) -
	    info->n_added, EVBUFFER_PTR_SET) != 0)
		return;
	n = evbuffer_peek(buf, (ev_ssize_t)info->n_added, &at, v, 8);
	for (i = 0; i < n && i < 8; i++) {
		if (head_ends(v[i].iov_base, v[i].iov_len, &c->newlines)) {
			conn_phase(c, BODY, now_msec());
			return;
		}
	}
}

/* Bytes go out: the answer begins (an interim "100 Continue" is not it). */
static void
conn_output(struct evbuffer *buf, const struct evbuffer_cb_info *info,
    void *arg)
{
	struct conn	*c = arg;
	unsigned char	 status[10];

	if (info->n_added == 0 || c->phase == IDLE)
		return;
	if (info->orig_size == 0 && evbuffer_copyout(buf, status,
	    sizeof status) == (ev_ssize_t)sizeof status &&
	    memcmp(status, "HTTP/1.", 7) == 0 && status[9] == '1')
		return;
	if (c->total >= LARGE_REQUEST)
		atomic_fetch_add_explicit(&nlarge, 1, memory_order_relaxed);
	c->phase = IDLE;
}

/* The connection is gone: its watcher goes too. */
static void
conn_forget(struct conn *c)
{
	event_free(c->timer);
	free(c);
	atomic_fetch_sub_explicit(&nopen, 1, memory_order_relaxed);
}

/* evhttp closes the connection: forget it. */
static void
conn_closed(struct evhttp_connection *evcon, void *arg)
{
	struct conn	*c = arg;

	(void)evcon;
	if (c->in_cb != NULL)
		evbuffer_remove_cb_entry(bufferevent_get_input(c->bev),
		    c->in_cb);
	if (c->out_cb != NULL)
		evbuffer_remove_cb_entry(bufferevent_get_output(c->bev),
		    c->out_cb);
	if (c->phase != IDLE && c->total >= LARGE_REQUEST)
		atomic_fetch_add_explicit(&nlarge, 1, memory_order_relaxed);
	conn_forget(c);
}

/*
 * Right after the accept (evhttp has set the connection up): find evhttp's
 * connection, close it at once beyond the budget, or watch it.
 */
static void
conn_attach(struct conn *c)
{
	bufferevent_event_cb	 eventcb;
	void			*evcon;
	int			 one;

	bufferevent_getcb(c->bev, NULL, NULL, &eventcb, &evcon);
	if (eventcb == NULL || evcon == NULL) {
		/* evhttp could not set it up and freed it already. */
		bufferevent_decref(c->bev);
		conn_forget(c);
		return;
	}
	c->evcon = evcon;
	evhttp_connection_set_closecb(c->evcon, conn_closed, c);
	bufferevent_decref(c->bev);	/* evhttp's now */
	if (c->refused) {
		atomic_fetch_add_explicit(&nrefused, 1, memory_order_relaxed);
		evhttp_connection_free(c->evcon);	/* conn_closed frees c */
		return;
	}
	/*
	 * An answer goes out as evhttp writes it, head and body in more than
	 * one segment: without TCP_NODELAY the last of them waits for the
	 * client's delayed ACK (some 40 ms) on a kept-alive connection.
	 */
	one = 1;
	(void)setsockopt(bufferevent_getfd(c->bev), IPPROTO_TCP, TCP_NODELAY,
	    &one, sizeof one);
	c->in_cb = evbuffer_add_cb(bufferevent_get_input(c->bev), conn_input,
	    c);
	c->out_cb = evbuffer_add_cb(bufferevent_get_output(c->bev),
	    conn_output, c);
	conn_phase(c, HEAD, now_msec());
}

/* The connection's timer: attach it first, then hold it to its deadlines. */
static void
conn_timer(evutil_socket_t fd, short what, void *arg)
{
	struct conn	*c = arg;
	long long	 now, due, elapsed;

	(void)fd;
	(void)what;
	if (c->evcon == NULL) {
		conn_attach(c);
		return;
	}
	now = now_msec();
	elapsed = now - c->since;
	switch (c->phase) {
	case IDLE:
		return;
	case HEAD:
		due = conn_limits.head_msec - elapsed;
		if (due > 0) {
			conn_wake(c, due, 0);
			return;
		}
		atomic_fetch_add_explicit(&ndropped_head, 1,
		    memory_order_relaxed);
		break;
	case BODY:
		due = BODY_CHECK_SEC * 1000 - elapsed;
		if (due > 0) {
			conn_wake(c, due, 0);
			return;
		}
		if ((long long)c->got * 1000 >= (long long)conn_limits.body_rate *
		    elapsed) {
			conn_phase(c, BODY, now);
			return;
		}
		atomic_fetch_add_explicit(&ndropped_body, 1,
		    memory_order_relaxed);
		break;
	}
	evhttp_connection_free(c->evcon);	/* conn_closed frees c */
}

/* evhttp's hook for a new connection's bufferevent (NULL: evhttp's own). */
static struct bufferevent *
conn_new(struct event_base *base, void *arg)
{
	struct conn	*c;
	int		 open;

	(void)arg;
	if ((c = calloc(1, sizeof *c)) == NULL)
		return (NULL);
	if ((c->bev = bufferevent_socket_new(base, -1,
	    BEV_OPT_CLOSE_ON_FREE)) == NULL ||
	    (c->timer = evtimer_new(base, conn_timer, c)) == NULL) {
		if (c->bev != NULL)
			bufferevent_free(c->bev);
		free(c);
		return (NULL);
	}
	open = atomic_fetch_add_explicit(&nopen, 1, memory_order_relaxed);
	c->refused = open >= conn_limits.max_connections;
	/* Held until attached: evhttp may free it if the setup fails. */
	bufferevent_incref(c->bev);
	event_active(c->timer, EV_TIMEOUT, 1);
	return (c->bev);
}

void
conn_watch(struct evhttp *http)
{
	evhttp_set_bevcb(http, conn_new, NULL);
}

/* Descriptors open now (those inherited count against the limit too). */
static long long
fds_open(void)
{
	struct dirent	*de;
	DIR		*d;
	long long	 n = 0;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return (3);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return (n - 1);		/* not the directory's own */
}

int
conn_default_max(int threads)
{
	struct rlimit	 rl;
	long long	 soft, reserve, max;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
		return (TM_MAX_CONNECTIONS_CAP);
	soft = (long long)rl.rlim_cur;
	/* Besides those open now, per worker: its listening socket, event
	 * loop and notification descriptors, the database with its journal
	 * and shared memory, a web file being read; and room to spare for
	 * the main thread. */
	reserve = fds_open() + 8LL * threads + 16;
	max = soft * 3 / 4;
	if (max > soft - reserve)
		max = soft - reserve;
	if (max > TM_MAX_CONNECTIONS_CAP)
		max = TM_MAX_CONNECTIONS_CAP;
	return (max < 1 ? 1 : (int)max);
}

int
conn_open(void)
{
	return (atomic_load_explicit(&nopen, memory_order_relaxed));
}

void
conn_tick(void)
{
	unsigned long	 refused, head, body;

	refused = atomic_exchange_explicit(&nrefused, 0, memory_order_relaxed);
	head = atomic_exchange_explicit(&ndropped_head, 0,
	    memory_order_relaxed);
	body = atomic_exchange_explicit(&ndropped_body, 0,
	    memory_order_relaxed);
	if (refused > 0)
		log_warnx("connections: %lu refused in the last second: "
		    "the most allowed (%d, --max-connections) were open",
		    refused, conn_limits.max_connections);
	if (head > 0)
		log_warnx("connections: %lu closed in the last second: "
		    "request head not complete within %d ms (--head-timeout)",
		    head, conn_limits.head_msec);
	if (body > 0)
		log_warnx("connections: %lu closed in the last second: "
		    "request body slower than %d bytes a second (--body-rate)",
		    body, conn_limits.body_rate);
	/* Large requests leave their buffers' memory with malloc, spread
	 * over the arenas of the threads: hand it back to the system. */
	if (atomic_exchange_explicit(&nlarge, 0, memory_order_relaxed) > 0 ||
	    head + body > 0)
		malloc_trim(0);
}
