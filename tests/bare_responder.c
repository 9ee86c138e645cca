/*
 * The baseline of the benchmark (tests/bench.sh): a bare libevent HTTP
 * responder served the way tripmoded serves (one event_base and evhttp per
 * thread on SO_REUSEPORT sockets), answering every request with a small
 * fixed JSON body.  What tripmoded costs beyond this is the work of a
 * ruling.
 *
 * usage: bare_responder PORT THREADS
 */
#include "config.h"

#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

static const char body[] = "{\"ok\":true}\n";

/* Every request: 200 and the fixed body. */
static void
respond(struct evhttp_request *req, void *arg)
{
	struct evbuffer	*buf = evbuffer_new();

	(void)arg;
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/json");
	evbuffer_add(buf, body, sizeof body - 1);
	evhttp_send_reply(req, 200, "OK", buf);
	evbuffer_free(buf);
}

/* A worker: its own base and evhttp on its own socket. */
static void *
worker(void *arg)
{
	struct event_base	*base = event_base_new();
	struct evhttp		*http = evhttp_new(base);
	int			 fd = *(int *)arg;

	evhttp_set_gencb(http, respond, NULL);
	evhttp_accept_socket_with_handle(http, fd);
	event_base_dispatch(base);
	return (NULL);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in	 sin;
	pthread_t		 t[64];
	int			 fds[64], i, n, one = 1;

	if (argc != 3 || (n = atoi(argv[2])) < 1 || n > 64) {
		fprintf(stderr, "usage: bare_responder PORT THREADS\n");
		return (2);
	}
	signal(SIGPIPE, SIG_IGN);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)atoi(argv[1]));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (i = 0; i < n; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		setsockopt(fds[i], SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		setsockopt(fds[i], SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
		if (bind(fds[i], (struct sockaddr *)&sin, sizeof sin) != 0 ||
		    listen(fds[i], 512) != 0) {
			perror("bare_responder: bind");
			return (1);
		}
	}
	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, worker, &fds[i]);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	return (0);
}
