/* The route table and the dispatch of every request. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "daemon/daemon.h"

#define GET	(EVHTTP_REQ_GET | EVHTTP_REQ_HEAD)
#define POST	EVHTTP_REQ_POST
#define PUT	EVHTTP_REQ_PUT
#define DELETE	EVHTTP_REQ_DELETE

/*
 * A route: method(s), a path pattern where "{id}" matches one segment of
 * [a-z0-9-], the role the caller needs, the handler.
 */
struct route {
	int		 methods;
	const char	*pattern;
	int		 role;		/* enum dst_role, or ROLE_PAGE */
	void		(*handler)(struct request *);
};

/* A web page: no bearer check here; the page does its own. */
#define ROLE_PAGE	(-1)

static const struct route routes[] = {
	{ GET,	  "/healthz",				DST_ROLE_NONE,
	    api_healthz },
	{ POST,	  "/v1/decisions",			DST_ROLE_NONE,
	    api_decisions },
	{ GET,	  "/v1/destinations",			DST_ROLE_NONE,
	    api_destinations_list },
	{ POST,	  "/v1/destinations",			DST_ROLE_ADMIN,
	    api_destination_create },
	{ POST,	  "/v1/destinations/import",		DST_ROLE_ADMIN,
	    api_destinations_import },
	{ GET,	  "/v1/destinations/{id}",		DST_ROLE_NONE,
	    api_destination_get },
	{ PUT,	  "/v1/destinations/{id}",		DST_ROLE_ADMIN,
	    api_destination_put },
	{ DELETE, "/v1/destinations/{id}",		DST_ROLE_ADMIN,
	    api_destination_retire },
	{ GET,	  "/v1/destinations/{id}/history",	DST_ROLE_NONE,
	    api_destination_history },
	{ GET,	  "/v1/policy",				DST_ROLE_NONE,
	    api_policy_get },
	{ PUT,	  "/v1/policy",				DST_ROLE_ADMIN,
	    api_policy_put },
	{ GET,	  "/v1/policy/history",			DST_ROLE_NONE,
	    api_policy_history },
	{ GET,	  "/v1/factors",			DST_ROLE_NONE,
	    api_factors_get },
	{ PUT,	  "/v1/factors",			DST_ROLE_ADMIN,
	    api_factors_put },
	{ GET,	  "/v1/factors/history",		DST_ROLE_NONE,
	    api_factors_history },
	{ GET,	  "/v1/rail-network",			DST_ROLE_NONE,
	    api_rail_network_get },
	{ PUT,	  "/v1/rail-network",			DST_ROLE_ADMIN,
	    api_rail_network_put },
	{ GET,	  "/v1/rail-network/history",		DST_ROLE_NONE,
	    api_rail_network_history },
	{ GET,	  "/v1/zones/{id}",			DST_ROLE_NONE,
	    api_zone_get },
	{ PUT,	  "/v1/zones/{id}",			DST_ROLE_ADMIN,
	    api_zone_put },
	{ GET,	  "/v1/zones/{id}/history",		DST_ROLE_NONE,
	    api_zone_history },
	{ POST,	  "/v1/trips",				DST_ROLE_STAFF,
	    api_trips_create },
	{ GET,	  "/v1/trips",				DST_ROLE_HR,
	    api_trips_list },
	{ GET,	  "/v1/trips/{id}",			DST_ROLE_HR,
	    api_trip_get },
	{ POST,	  "/v1/trips/{id}/approval",		DST_ROLE_HR,
	    api_trip_approval },
	{ GET,	  "/v1/reports/co2",			DST_ROLE_HR,
	    api_report_co2 },
	{ GET,	  "/v1/openapi.json",			DST_ROLE_NONE,
	    api_openapi },
	/*
	 * Web pages check keys themselves: a browser sends no bearer token,
	 * so when reads are not open the staff form asks for a key in a
	 * form field (POST /decide keeps it out of the URL), and the admin
	 * page's script sends it to the API.
	 */
	{ GET,	  "/",					ROLE_PAGE,
	    page_form },
	{ GET | POST, "/decide",			ROLE_PAGE,
	    page_decide },
	{ POST,	  "/trips",				ROLE_PAGE,
	    page_file_trip },
	{ GET,	  "/admin",				ROLE_PAGE,
	    page_admin },
	{ GET,	  "/static/{file}",			ROLE_PAGE,
	    page_static },
};
#define NROUTES	(sizeof routes / sizeof routes[0])

/* Match a path against a pattern; copy the {id} segment to id. */
static int
route_match(const char *pattern, const char *path, char *id, size_t idlen)
{
	const char	*seg;
	size_t		 n;

	while (*pattern != '\0') {
		if (strncmp(pattern, "{id}", 4) == 0 ||
		    strncmp(pattern, "{file}", 6) == 0) {
			/* A file name may hold dots, never a slash or "..". */
			int file = pattern[1] == 'f';

			seg = path;
			while (islower((unsigned char)*path) ||
			    isdigit((unsigned char)*path) || *path == '-' ||
			    (file && *path == '.' && path[1] != '.'))
				path++;
			n = (size_t)(path - seg);
			if (n == 0 || n >= idlen)
				return (0);
			memcpy(id, seg, n);
			id[n] = '\0';
			pattern += file ? 6 : 4;
			continue;
		}
		if (*pattern++ != *path++)
			return (0);
	}
	/* One trailing slash is forgiven. */
	return (*path == '\0' || (path[0] == '/' && path[1] == '\0'));
}

int
routes_find(int cmd, const char *path, char *id, size_t idlen, int *methods)
{
	char	 seg[DEC_ID_MAX];
	size_t	 i;
	int	 hit = -1;

	*methods = 0;
	for (i = 0; i < NROUTES; i++) {
		seg[0] = '\0';
		if (!route_match(routes[i].pattern, path, seg, sizeof seg))
			continue;
		*methods |= routes[i].methods;
		if ((routes[i].methods & cmd) && hit == -1) {
			hit = (int)i;
			snprintf(id, idlen, "%s", seg);
		}
	}
	return (hit);
}

/* The methods of a route mask as an Allow header value. */
static void
allow_header(int methods, char *buf, size_t len)
{
	static const struct {
		int		 m;
		const char	*name;
	} names[] = { { EVHTTP_REQ_GET, "GET" }, { EVHTTP_REQ_HEAD, "HEAD" },
	    { POST, "POST" }, { PUT, "PUT" }, { DELETE, "DELETE" } };
	size_t	i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((methods & names[i].m) && off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
			    off ? ", " : "", names[i].name);
}

/* The request entry point: every reply is JSON, CSV or problem+json. */
void
routes_handle(struct evhttp_request *req, void *arg)
{
	const struct evhttp_uri	*uri;
	const struct route	*hit = NULL;
	struct request		 r;
	char			 allow[64];
	int			 i, methods = 0;

	(void)arg;
	memset(&r, 0, sizeof r);
	r.req = req;
	r.cmd = evhttp_request_get_command(req);
	uri = evhttp_request_get_evhttp_uri(req);
	r.path = uri != NULL ? evhttp_uri_get_path(uri) : NULL;
	r.query = uri != NULL ? evhttp_uri_get_query(uri) : NULL;
	if (r.path == NULL || *r.path == '\0')
		r.path = "/";
	log_debug("%d %s", r.cmd, r.path);
	if (auth_host_check(&r) != 0)
		return;

	if ((i = routes_find(r.cmd, r.path, r.id, sizeof r.id, &methods)) >= 0)
		hit = &routes[i];
	if (hit == NULL) {
		if (methods != 0) {
			allow_header(methods, allow, sizeof allow);
			reply_method(req, allow);
		} else
			problem_reply(req, 404, "Not found", NULL,
			    DEC_E_INVALID, "no resource at %.200s", r.path);
		return;
	}
	r.snap = server_request_begin();
	if (hit->role == ROLE_PAGE || auth_check(&r,
	    (enum dst_role)hit->role) == 0)
		hit->handler(&r);
	server_request_end();
}
