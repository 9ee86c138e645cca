/*
 * The HTTP server: one event_base and one evhttp per worker thread, each
 * accepting on its own SO_REUSEPORT socket bound to the same address, so
 * the kernel spreads connections over the cores.  Signals are handled by
 * the main thread's base only.
 *
 * Snapshots: every worker holds its own reference to the snapshot its
 * requests read, so that a request takes no lock and touches no shared
 * counter.  A write publishes a new snapshot (loaded in the writer's turn,
 * sharing what did not change with the one before) and posts it to every
 * worker, which swaps its reference and builds its GEOS caches for it
 * between requests.  A request that finds a newer snapshot published than
 * its worker holds swaps first (one atomic load otherwise), so a ruling
 * after a write's reply always sees the write.  Another process's writes
 * (tripmoded keys) are found once a second by the store's generation:
 * filing a trip changes no generation and reloads nothing.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <event2/thread.h>
#include <event2/util.h>

#include "daemon/daemon.h"

#define MAX_THREADS	64

/* How long a worker stops accepting after accept() failed. */
#define ACCEPT_PAUSE_MSEC	100

struct worker {
	pthread_t			 thread;
	struct event_base		*base;
	struct evhttp			*http;
	struct evhttp_bound_socket	*bound;
	struct event			*resume;	/* accept again */
	unsigned long			 accept_errors;	/* since the last log */
	time_t				 accept_logged;
	int				 fd;
	int				 grace_msec;
	/* Touched by the worker's own thread only: */
	struct dst_snapshot		*snap;		/* what requests read */
	unsigned long long		 seen;		/* its publication */
	/* Swapped out during the request in progress (each may still be
	 * read by it): released when it ends. */
	struct dst_snapshot		**stale;
	size_t				 nstale, stalecap;
	int				 in_request;
};

/* What is published, guarded by pub_lock (never taken by a request that
 * finds its snapshot current). */
static pthread_mutex_t		 pub_lock = PTHREAD_MUTEX_INITIALIZER;
static struct dst_snapshot	*published;
static atomic_ullong		 npublished;

static struct worker		 workers[MAX_THREADS];
static int			 nworkers;
static _Thread_local struct worker *self;

static pthread_mutex_t		 write_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t		 store_key;
static pthread_once_t		 store_once = PTHREAD_ONCE_INIT;
static const char		*db_path = "./tripmode.db";

/* Close a thread's store when the thread ends. */
static void
store_destroy(void *p)
{
	dst_store_close(p);
}

/* Create the key of the per-thread store. */
static void
store_key_init(void)
{
	pthread_key_create(&store_key, store_destroy);
}

/* This thread's own connection to the database, opened on first use. */
struct dst_store *
server_store(char **cause)
{
	struct dst_store	*st;

	pthread_once(&store_once, store_key_init);
	if ((st = pthread_getspecific(store_key)) != NULL)
		return (st);
	if ((st = dst_store_open(db_path, cause)) == NULL)
		return (NULL);
	pthread_setspecific(store_key, st);
	return (st);
}

/* The published snapshot, with a new reference. */
static struct dst_snapshot *
published_get(unsigned long long *n)
{
	struct dst_snapshot	*s;

	pthread_mutex_lock(&pub_lock);
	if ((s = published) != NULL)
		dst_snapshot_ref(s);
	*n = atomic_load(&npublished);
	pthread_mutex_unlock(&pub_lock);
	return (s);
}

/* Make the calling worker read the published snapshot. */
static void
worker_swap(struct worker *w)
{
	struct dst_snapshot	*s, *old;
	unsigned long long	 n;

	if (w->seen == atomic_load(&npublished))
		return;
	if ((s = published_get(&n)) == NULL)
		return;
	old = w->snap;
	w->snap = s;
	w->seen = n;
	/* A request may still read the old one: free it when it ends. */
	if (old != NULL && w->in_request) {
		if (w->nstale == w->stalecap) {
			w->stalecap = w->stalecap > 0 ? w->stalecap * 2 : 2;
			if ((w->stale = reallocarray(w->stale, w->stalecap,
			    sizeof *w->stale)) == NULL)
				abort();
		}
		w->stale[w->nstale++] = old;
	} else
		dst_snapshot_unref(old);
}

/* Release what was swapped out under the worker's request. */
static void
worker_release_stale(struct worker *w)
{
	while (w->nstale > 0)
		dst_snapshot_unref(w->stale[--w->nstale]);
}

/* Posted to a worker: swap to the new snapshot and warm its caches. */
static void
worker_refresh(evutil_socket_t fd, short what, void *arg)
{
	struct worker	*w = arg;

	(void)fd;
	(void)what;
	worker_swap(w);
	if (w->snap != NULL)
		dst_snapshot_warm(w->snap);
}

/* Publish s (taking its reference) and tell every worker. */
static void
publish(struct dst_snapshot *s)
{
	const struct timeval	 now = { 0, 0 };
	struct dst_snapshot	*old;
	int			 i;

	pthread_mutex_lock(&pub_lock);
	old = published;
	published = s;
	atomic_fetch_add(&npublished, 1);
	pthread_mutex_unlock(&pub_lock);
	dst_snapshot_unref(old);
	for (i = 0; i < nworkers; i++)
		if (&workers[i] != self && workers[i].base != NULL)
			event_base_once(workers[i].base, -1, EV_TIMEOUT,
			    worker_refresh, &workers[i], &now);
	/* The writer's own worker reads the change at once. */
	if (self != NULL)
		worker_swap(self);
}

/* Load what st holds now, sharing with the published snapshot. */
static int
reload(struct dst_store *st, char **cause)
{
	struct dst_snapshot	*prev, *s;
	unsigned long long	 n;

	prev = published_get(&n);
	s = dst_snapshot_load(st, prev, cause);
	dst_snapshot_unref(prev);
	if (s == NULL)
		return (-1);
	publish(s);
	return (0);
}

/* Writers take turns, so that snapshots are published in commit order. */
void
server_write_begin(void)
{
	pthread_mutex_lock(&write_lock);
}

/* End a writer's turn, publishing what it wrote. */
int
server_write_end(int do_publish, char **cause)
{
	struct dst_store	*st;
	int			 rc = 0;

	if (do_publish)
		rc = (st = server_store(cause)) != NULL ? reload(st, cause) :
		    -1;
	pthread_mutex_unlock(&write_lock);
	return (rc);
}

/*
 * The snapshot this thread's request reads: the one it began with, or
 * the one its own write published (publish swaps the writer's worker at
 * once, under the write lock).  A publication by another worker during
 * the request is taken up by the next request, so that what one request
 * reads and answers stays one view.
 */
struct dst_snapshot *
server_snapshot(void)
{
	if (self == NULL)
		return (published);
	if (!self->in_request && self->seen != atomic_load_explicit(
	    &npublished, memory_order_acquire))
		worker_swap(self);
	return (self->snap);
}

/* A request starts on this worker: its snapshot. */
struct dst_snapshot *
server_request_begin(void)
{
	struct dst_snapshot	*s = server_snapshot();

	if (self != NULL)
		self->in_request = 1;
	return (s);
}

/* The request ended: a snapshot swapped under it can go. */
void
server_request_end(void)
{
	if (self == NULL)
		return;
	self->in_request = 0;
	worker_release_stale(self);
}

struct watch {
	struct dst_store	*store;
	int			 data_version;
};

/*
 * Once a second: has another process (tripmoded keys ...) written what a
 * snapshot holds?  Only then load one.  A commit of this process has
 * published already: its generation is the snapshot's.
 */
static void
on_watch(evutil_socket_t fd, short what, void *arg)
{
	struct watch		*w = arg;
	struct dst_snapshot	*cur;
	unsigned long long	 n;
	long long		 gen, geo;
	char			*cause = NULL;
	int			 v;

	(void)fd;
	(void)what;
	if ((v = dst_store_data_version(w->store)) == w->data_version)
		return;
	w->data_version = v;
	if (dst_store_generation(w->store, &gen, &geo, &cause) != 0) {
		log_warnx("watching the database: %s", cause != NULL ? cause :
		    "failed");
		free(cause);
		w->data_version = -1;	/* look again next time */
		return;
	}
	cur = published_get(&n);
	v = cur != NULL && dst_snapshot_generation(cur) == gen;
	dst_snapshot_unref(cur);
	if (v)
		return;
	server_write_begin();
	if (reload(w->store, &cause) != 0) {
		log_warnx("reloading the database: %s",
		    cause != NULL ? cause : "failed");
		free(cause);
		w->data_version = -1;	/* look again next time */
	} else
		log_debug("database changed elsewhere: snapshot reloaded");
	(void)server_write_end(0, NULL);
}

/* Open a listening socket on addr (port already set), SO_REUSEPORT. */
static int
listen_on(const struct sockaddr *sa, socklen_t salen, char **cause)
{
	int	fd, one = 1;

	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (fd == -1) {
		if (asprintf(cause, "socket: %s", strerror(errno)) == -1)
			*cause = NULL;
		return (-1);
	}
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) == -1 ||
	    bind(fd, sa, salen) == -1 || listen(fd, 512) == -1) {
		if (asprintf(cause, "%s", strerror(errno)) == -1)
			*cause = NULL;
		close(fd);
		return (-1);
	}
	return (fd);
}

/* Runs in the worker: stop accepting, let replies in flight drain. */
static void
worker_stop(evutil_socket_t fd, short what, void *arg)
{
	struct worker	*w = arg;
	struct timeval	 tv;

	(void)fd;
	(void)what;
	if (w->resume != NULL)
		evtimer_del(w->resume);
	if (w->bound != NULL) {
		evhttp_del_accept_socket(w->http, w->bound);
		w->bound = NULL;
	}
	tv.tv_sec = w->grace_msec / 1000;
	tv.tv_usec = (w->grace_msec % 1000) * 1000;
	event_base_loopexit(w->base, &tv);
}

/* A worker thread's whole life: its snapshot, warm, then its loop. */
static void *
worker_main(void *arg)
{
	struct worker	*w = arg;

	self = w;
	worker_refresh(-1, 0, w);
	event_base_dispatch(w->base);
	dst_snapshot_unref(w->snap);
	w->snap = NULL;
	worker_release_stale(w);
	free(w->stale);
	w->stale = NULL;
	w->stalecap = 0;
	self = NULL;
	return (NULL);
}

/* The listener may accept again (the pause after an accept error). */
static void
accept_resume(evutil_socket_t fd, short what, void *arg)
{
	struct worker	*w = arg;

	(void)fd;
	(void)what;
	if (w->bound != NULL)
		evconnlistener_enable(evhttp_bound_socket_get_listener(
		    w->bound));
}

/*
 * accept() failed (out of file descriptors, most likely): the pending
 * connection stays readable, so accepting again at once would spin.  Stop
 * accepting for a while instead, and say so at most once a second, with
 * how many times it happened.
 */
static void
accept_error(struct evconnlistener *lev, void *arg)
{
	const struct timeval	 pause = { 0, ACCEPT_PAUSE_MSEC * 1000 };
	struct worker		*w = self;
	time_t			 now = time(NULL);
	int			 err = EVUTIL_SOCKET_ERROR();

	(void)arg;
	evconnlistener_disable(lev);
	if (w == NULL)
		return;
	w->accept_errors++;
	if (now != w->accept_logged) {
		log_warnx("accept: %s (%lu time%s since the last report); "
		    "not accepting for %d ms", evutil_socket_error_to_string(err),
		    w->accept_errors, w->accept_errors == 1 ? "" : "s",
		    ACCEPT_PAUSE_MSEC);
		w->accept_logged = now;
		w->accept_errors = 0;
	}
	evtimer_add(w->resume, &pause);
}

/* Set up a worker's base and evhttp with the limits. */
static int
worker_init(struct worker *w, int fd, const struct server_config *cfg,
    char **cause)
{
	w->fd = fd;
	w->grace_msec = cfg->grace_msec;
	if ((w->base = event_base_new()) == NULL ||
	    (w->http = evhttp_new(w->base)) == NULL) {
		*cause = strdup("cannot create the event loop");
		return (-1);
	}
	evhttp_set_max_headers_size(w->http, TM_MAX_HEADERS);
	evhttp_set_max_body_size(w->http, TM_MAX_BODY_HARD);
	evhttp_set_timeout(w->http, cfg->timeout);
	evhttp_set_allowed_methods(w->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD |
	    EVHTTP_REQ_POST | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
	    EVHTTP_REQ_OPTIONS);
	evhttp_set_default_content_type(w->http, "application/json");
	evhttp_set_gencb(w->http, routes_handle, NULL);
	conn_watch(w->http);
	if ((w->bound = evhttp_accept_socket_with_handle(w->http, fd)) ==
	    NULL) {
		*cause = strdup("cannot accept on the listening socket");
		return (-1);
	}
	w->fd = -1;	/* evhttp owns and closes it now */
	if ((w->resume = evtimer_new(w->base, accept_resume, w)) == NULL) {
		*cause = strdup("cannot create the accept timer");
		return (-1);
	}
	evconnlistener_set_error_cb(evhttp_bound_socket_get_listener(w->bound),
	    accept_error);
	return (0);
}

/* Free a worker after its thread ended: evhttp, then the base. */
static void
worker_free(struct worker *w)
{
	if (w->resume != NULL)
		event_free(w->resume);
	w->resume = NULL;
	if (w->http != NULL)
		evhttp_free(w->http);
	if (w->base != NULL)
		event_base_free(w->base);
	if (w->fd != -1)
		close(w->fd);
	w->http = NULL;
	w->base = NULL;
}

/* SIGTERM / SIGINT on the main base: end its loop. */
static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	(void)what;
	log_info("received %s, stopping", sig == SIGTERM ? "SIGTERM" :
	    "SIGINT");
	event_base_loopbreak(arg);
}

/* Resolve host:port (numeric or name) to the first usable address. */
static int
resolve(const char *host, int port, struct sockaddr_storage *ss,
    socklen_t *len, char **cause)
{
	struct addrinfo	 hints, *res;
	char		 service[16];
	int		 rc;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	snprintf(service, sizeof service, "%d", port);
	if ((rc = getaddrinfo(host[0] != '\0' ? host : NULL, service, &hints,
	    &res)) != 0) {
		if (asprintf(cause, "%s: %s", host, gai_strerror(rc)) == -1)
			*cause = NULL;
		return (-1);
	}
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return (0);
}

/* Once a second: what happened to connections. */
static void
on_tick(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	conn_tick();
}

/* Bind, serve until a signal, drain, clean up. */
int
server_run(const struct server_config *cfg, char **cause)
{
	struct sockaddr_storage	 ss;
	socklen_t		 sslen;
	struct event_base	*main_base = NULL;
	struct event		*sigterm = NULL, *sigint = NULL, *tick = NULL;
	struct event		*conns = NULL;
	struct watch		 watch;
	const struct timeval	 second = { 1, 0 };
	sigset_t		 block, old;
	char			 addr[INET6_ADDRSTRLEN];
	int			 i, n, port, started = 0, rc = -1;
	const struct timeval	 now = { 0, 0 };

	n = cfg->threads < 1 ? 1 : cfg->threads > MAX_THREADS ? MAX_THREADS :
	    cfg->threads;
	memset(workers, 0, sizeof workers);
	for (i = 0; i < n; i++)
		workers[i].fd = -1;
	if (evthread_use_pthreads() != 0) {
		*cause = strdup("libevent has no pthreads support");
		return (-1);
	}
	signal(SIGPIPE, SIG_IGN);
	db_path = cfg->db;
	published = cfg->snap;
	atomic_store(&npublished, 1);

	if (resolve(cfg->host, cfg->port, &ss, &sslen, cause) != 0)
		goto out;
	/* The first socket picks the port (when 0); the rest share it. */
	for (i = 0; i < n; i++) {
		if ((workers[i].fd = listen_on((struct sockaddr *)&ss, sslen,
		    cause)) == -1) {
			char *c = *cause;

			if (asprintf(cause, "cannot listen on %s:%d: %s",
			    cfg->host, cfg->port, c != NULL ? c : "?") == -1)
				*cause = NULL;
			free(c);
			goto out;
		}
		if (i == 0) {
			getsockname(workers[0].fd, (struct sockaddr *)&ss,
			    &sslen);
		}
	}
	if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		inet_ntop(AF_INET6, &s6->sin6_addr, addr, sizeof addr);
		port = ntohs(s6->sin6_port);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		inet_ntop(AF_INET, &s4->sin_addr, addr, sizeof addr);
		port = ntohs(s4->sin_port);
	}
	for (i = 0; i < n; i++)
		if (worker_init(&workers[i], workers[i].fd, cfg, cause) != 0)
			goto out;
	nworkers = n;

	/* Workers inherit a mask without the stop signals. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < n; i++) {
		if (pthread_create(&workers[i].thread, NULL, worker_main,
		    &workers[i]) != 0) {
			pthread_sigmask(SIG_SETMASK, &old, NULL);
			*cause = strdup("cannot start a worker thread");
			goto stop;
		}
		started++;
	}

	if ((main_base = event_base_new()) == NULL ||
	    (sigterm = evsignal_new(main_base, SIGTERM, on_signal,
	    main_base)) == NULL ||
	    (sigint = evsignal_new(main_base, SIGINT, on_signal,
	    main_base)) == NULL ||
	    evsignal_add(sigterm, NULL) != 0 ||
	    evsignal_add(sigint, NULL) != 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		*cause = strdup("cannot set up signal handling");
		goto stop;
	}
	watch.store = cfg->store;
	watch.data_version = dst_store_data_version(cfg->store);
	if ((tick = event_new(main_base, -1, EV_PERSIST, on_watch,
	    &watch)) == NULL || event_add(tick, &second) != 0 ||
	    (conns = event_new(main_base, -1, EV_PERSIST, on_tick,
	    NULL)) == NULL || event_add(conns, &second) != 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		*cause = strdup("cannot set up the database watch");
		goto stop;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	log_info("listening on %s%s%s:%d with %d threads; at most %d "
	    "connections, request heads within %d s, bodies at %d bytes/s",
	    ss.ss_family == AF_INET6 ? "[" : "", addr,
	    ss.ss_family == AF_INET6 ? "]" : "", port, n,
	    conn_limits.max_connections, conn_limits.head_msec / 1000,
	    conn_limits.body_rate);
	event_base_dispatch(main_base);
	rc = 0;

stop:
	for (i = 0; i < started; i++)
		event_base_once(workers[i].base, -1, EV_TIMEOUT, worker_stop,
		    &workers[i], &now);
	for (i = 0; i < started; i++)
		pthread_join(workers[i].thread, NULL);
	if (rc == 0)
		log_info("stopped");
out:
	nworkers = 0;
	for (i = 0; i < n; i++)
		worker_free(&workers[i]);
	if (sigterm != NULL)
		event_free(sigterm);
	if (sigint != NULL)
		event_free(sigint);
	if (tick != NULL)
		event_free(tick);
	if (conns != NULL)
		event_free(conns);
	if (main_base != NULL)
		event_base_free(main_base);
	pthread_mutex_lock(&pub_lock);
	dst_snapshot_unref(published);
	published = NULL;
	pthread_mutex_unlock(&pub_lock);
	return (rc);
}
