/* API keys and roles: who may call what. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <event2/http.h>

#include "daemon/daemon.h"

struct auth_config auth_config = { 1 };

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
