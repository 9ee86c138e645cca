/* API keys and roles: who may call what. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <event2/http.h>

#include "daemon/daemon.h"

struct auth_config auth_config = { 1, 0, 1, { NULL }, 0 };

/* Is name (no port, lower case) a loopback name or address? */
static int
loopback_name(const char *name)
{
	size_t	n = strlen(name);
	int	a, b, c, d, k = 0;

	if (strcmp(name, "localhost") == 0 || (n > 10 &&
	    strcmp(name + n - 10, ".localhost") == 0) ||
	    strcmp(name, "::1") == 0)
		return (1);
	return (sscanf(name, "%d.%d.%d.%d%n", &a, &b, &c, &d, &k) == 4 &&
	    (size_t)k == n && a == 127 && b >= 0 && b <= 255 && c >= 0 &&
	    c <= 255 && d >= 0 && d <= 255);
}

/* The host of a Host header, without port, brackets or a final dot, in
 * lower case, into buf; -1 if it is not of that form. */
static int
host_name(const char *h, char *buf, size_t len)
{
	const char	*end, *colon;
	size_t		 n, i;

	if (*h == '[') {
		if ((end = strchr(h, ']')) == NULL || (end[1] != '\0' &&
		    end[1] != ':'))
			return (-1);
		h++;
	} else {
		colon = strchr(h, ':');
		end = colon != NULL ? colon : h + strlen(h);
		if (colon != NULL && strchr(colon + 1, ':') != NULL)
			return (-1);
	}
	n = (size_t)(end - h);
	if (n > 0 && h[n - 1] == '.')
		n--;
	if (n == 0 || n >= len)
		return (-1);
	for (i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)h[i]);
	buf[n] = '\0';
	return (0);
}

/* Is the request's Host one this server answers (see daemon.h)? */
int
auth_host_check(struct request *r)
{
	const char	*h;
	char		 name[256], clip[80];
	int		 i;

	if (!auth_config.loopback && auth_config.nhosts == 0)
		return (0);
	if ((h = request_header(r, "Host")) == NULL)
		return (0);
	if (host_name(h, name, sizeof name) == 0) {
		if (loopback_name(name))
			return (0);
		for (i = 0; i < auth_config.nhosts; i++)
			if (strcasecmp(name, auth_config.hosts[i]) == 0)
				return (0);
	}
	problem_reply(r->req, 421, "Misdirected request", "Host",
	    DEC_E_INVALID, "this server does not answer for \"%s\": it "
	    "answers for localhost, 127.0.0.1 and [::1]%s", dec_clip(clip,
	    sizeof clip, h, 60), auth_config.nhosts > 0 ? " and the hosts of "
	    "--allowed-host" : " (--allowed-host adds names)");
	return (-1);
}

/* The bearer token of the request, NULL if none; -1 if malformed. */
static int
bearer(struct request *r, const char **token)
{
	const char	*h;

	*token = NULL;
	if ((h = request_header(r, "Authorization")) == NULL)
		return (0);
	if (strncasecmp(h, "Bearer ", 7) != 0)
		return (-1);
	h += 7;
	while (*h == ' ')
		h++;
	*token = h;
	return (0);
}

/* 401 with the challenge. */
static void
unauthorized(struct request *r, const char *fmt)
{
	evhttp_add_header(evhttp_request_get_output_headers(r->req),
	    "WWW-Authenticate", "Bearer realm=\"tripmode\"");
	problem_reply(r->req, 401, "Unauthorized", "Authorization",
	    DEC_E_REQUIRED, "%s", fmt);
}

/* Check the caller against the role an endpoint needs. */
int
auth_check(struct request *r, enum dst_role needed)
{
	const char	*token;

	if (bearer(r, &token) != 0) {
		unauthorized(r, "expected \"Bearer KEY\"");
		return (-1);
	}
	if (token != NULL) {
		/*
		 * A key that is sent must be valid, even where none is needed.
		 */
		r->role = dst_snapshot_authenticate(r->snap, token, r->who);
		if (r->role == DST_ROLE_NONE) {
			unauthorized(r, "unknown or revoked API key");
			return (-1);
		}
	}
	if (needed == DST_ROLE_NONE && (auth_config.open_reads ||
	    r->role != DST_ROLE_NONE))
		return (0);
	if (r->role == DST_ROLE_NONE) {
		unauthorized(r, needed == DST_ROLE_NONE ?
		    "this server needs an API key (Authorization: Bearer KEY)" :
		    "this needs an API key (Authorization: Bearer KEY)");
		return (-1);
	}
	if (r->role < needed) {
		problem_reply(r->req, 403, "Forbidden", "Authorization",
		    DEC_E_INVALID, "the key \"%s\" has the role %s; this "
		    "needs %s", r->who, dst_role_name(r->role),
		    dst_role_name(needed));
		return (-1);
	}
	return (0);
}
