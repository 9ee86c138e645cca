/*
 * slow_clients: many connections to a server that send their requests
 * slowly, to see when the server drops them.
 *
 *   slow_clients PORT CONNECTIONS MODE SECONDS
 *
 * MODE is what each connection does after connecting:
 *   silent   nothing
 *   byte     a request line, then one header byte a second
 *   line     a request line, then one header line every 5 seconds
 *   body     a whole head announcing a 1 MiB body, all of it but 1000
 *            bytes at once, then one byte every 5 seconds
 *   steady   a whole head announcing a 32 KiB body, then 4 KiB a second
 * For SECONDS it watches which connections the server closes, then prints
 *   connected=N closed=M first=S last=S answered=A
 * (M connections closed by the server, the first and the last after S
 * seconds from the start; A answered), and a line "t=S open=N" every
 * second before.
 */
#include <sys/socket.h>
#include <sys/time.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BODY	(1024 * 1024)
#define STEADY_BODY	(32 * 1024)
#define STEADY_RATE	4096

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Send all of S (the socket is blocking); -1 when the server is gone. */
static int
send_all(int fd, const char *s, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = send(fd, s, n, MSG_NOSIGNAL)) <= 0) {
			if (w < 0 && errno == EINTR)
				continue;
			return (-1);
		}
		s += w;
		n -= (size_t)w;
	}
	return (0);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in	 sin;
	struct pollfd		*pfd;
	double			*closed_at, t0, t, next_send, next_report;
	const char		*mode;
	static char		 body[BODY];
	char			 head[256], buf[4096];
	int			 port, n, seconds, i, connected = 0, open;
	int			 closed = 0, step, period, answered = 0;
	int			*got_answer, steady;
	double			 first = -1, last = -1;

	if (argc != 5) {
		fprintf(stderr, "usage: slow_clients PORT CONNECTIONS "
		    "silent|byte|line|body SECONDS\n");
		return (2);
	}
	port = atoi(argv[1]);
	n = atoi(argv[2]);
	mode = argv[3];
	seconds = atoi(argv[4]);
	if (n < 1 || seconds < 1 || (strcmp(mode, "silent") != 0 &&
	    strcmp(mode, "byte") != 0 && strcmp(mode, "line") != 0 &&
	    strcmp(mode, "body") != 0 && strcmp(mode, "steady") != 0)) {
		fprintf(stderr, "slow_clients: bad arguments\n");
		return (2);
	}
	signal(SIGPIPE, SIG_IGN);
	pfd = calloc((size_t)n, sizeof *pfd);
	closed_at = calloc((size_t)n, sizeof *closed_at);
	got_answer = calloc((size_t)n, sizeof *got_answer);
	steady = strcmp(mode, "steady") == 0;
	if (pfd == NULL || closed_at == NULL || got_answer == NULL)
		return (1);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memset(body, 'x', sizeof body);
	snprintf(head, sizeof head, "POST /v1/destinations/import HTTP/1.1\r\n"
	    "Host: localhost\r\nContent-Type: text/csv\r\n"
	    "Content-Length: %d\r\n\r\n", steady ? STEADY_BODY : BODY);

	for (i = 0; i < n; i++) {
		pfd[i].fd = -1;
		closed_at[i] = -1;
	}
	t0 = now();
	for (i = 0; i < n; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);

		if (fd == -1) {
			fprintf(stderr, "slow_clients: socket: %s\n",
			    strerror(errno));
			break;
		}
		if (connect(fd, (struct sockaddr *)&sin, sizeof sin) != 0) {
			close(fd);
			continue;
		}
		connected++;
		pfd[i].fd = fd;
		pfd[i].events = POLLIN;
		if (strcmp(mode, "byte") == 0 || strcmp(mode, "line") == 0)
			send_all(fd, "GET /healthz HTTP/1.1\r\n", 23);
		else if (strcmp(mode, "body") == 0) {
			if (send_all(fd, head, strlen(head)) == 0)
				send_all(fd, body, BODY - 1000);
		} else if (steady)
			send_all(fd, head, strlen(head));
	}

	period = strcmp(mode, "byte") == 0 || steady ? 1 : 5;
	next_send = now() + period;
	next_report = t0 + 1;
	step = 0;
	while ((t = now()) - t0 < seconds) {
		int timeout = (int)(((next_report < next_send ? next_report :
		    next_send) - t) * 1000);

		if (poll(pfd, (nfds_t)n, timeout < 0 ? 0 : timeout + 1) > 0) {
			for (i = 0; i < n; i++) {
				if (pfd[i].fd == -1 || pfd[i].revents == 0)
					continue;
				if (recv(pfd[i].fd, buf, sizeof buf, 0) > 0) {
					if (!got_answer[i]++)
						answered++;
					continue;
				}
				close(pfd[i].fd);
				pfd[i].fd = -1;
				closed_at[i] = now() - t0;
				closed++;
			}
		}
		t = now();
		if (t >= next_send && strcmp(mode, "silent") != 0) {
			for (i = 0; i < n; i++) {
				const char *what = "X";
				size_t len = 1;

				if (pfd[i].fd == -1)
					continue;
				if (steady) {
					if (step >= STEADY_BODY / STEADY_RATE)
						continue;
					what = body;
					len = STEADY_RATE;
				} else if (strcmp(mode, "line") == 0) {
					snprintf(buf, sizeof buf,
					    "X-Slow-%d: %d\r\n", step, i);
					what = buf;
					len = strlen(buf);
				}
				if (send_all(pfd[i].fd, what, len) != 0) {
					close(pfd[i].fd);
					pfd[i].fd = -1;
					closed_at[i] = now() - t0;
					closed++;
				}
			}
			step++;
			next_send += period;
		}
		if (t >= next_report) {
			for (i = 0, open = 0; i < n; i++)
				open += pfd[i].fd != -1;
			printf("t=%.0f open=%d\n", t - t0, open);
			fflush(stdout);
			next_report += 1;
		}
	}
	for (i = 0; i < n; i++) {
		if (closed_at[i] >= 0) {
			if (first < 0 || closed_at[i] < first)
				first = closed_at[i];
			if (closed_at[i] > last)
				last = closed_at[i];
		}
		if (pfd[i].fd != -1)
			close(pfd[i].fd);
	}
	printf("connected=%d closed=%d first=%.1f last=%.1f answered=%d\n",
	    connected, closed, first, last, answered);
	free(got_answer);
	free(pfd);
	free(closed_at);
	return (0);
}
