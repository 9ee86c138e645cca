/*
 * Versions as entity tags: "3" is version 3.  ETag on reads, 304 for
 * If-None-Match, and If-Match for the writes that must not overwrite
 * another administrator's change (a weak or foreign tag matches no
 * version).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "daemon/daemon.h"

/* Set the ETag of a version. */
void
etag_set(struct request *r, int version)
{
	char	etag[32];

	snprintf(etag, sizeof etag, "\"%d\"", version);
	evhttp_remove_header(evhttp_request_get_output_headers(r->req),
	    "ETag");
	evhttp_add_header(evhttp_request_get_output_headers(r->req), "ETag",
	    etag);
}

/* Does If-None-Match name this version?  Then answer 304. */
int
etag_not_modified(struct request *r, int version)
{
	const char	*inm;
	char		 etag[32];

	if ((inm = request_header(r, "If-None-Match")) == NULL)
		return (0);
	snprintf(etag, sizeof etag, "\"%d\"", version);
	if (strcmp(inm, etag) != 0 && strcmp(inm, "*") != 0)
		return (0);
	reply_send(r->req, 304, "Not Modified", NULL);
	return (1);
}

/*
 * Read If-Match: 0 and *version (DST_VERSION_ANY for "*", ETAG_NO_MATCH for a
 * weak or foreign tag), 1 if absent, -1 after replying 400 to a header
 * that is not one entity tag.
 */
int
etag_if_match(struct request *r, int *version)
{
	const char	*h, *p;
	char		*end;
	long		 v;
	size_t		 n;
	int		 weak = 0, quoted = 0;

	if ((h = request_header(r, "If-Match")) == NULL)
		return (1);
	while (*h == ' ' || *h == '\t')
		h++;
	n = strlen(h);
	while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '\t'))
		n--;
	if (n == 1 && *h == '*') {
		*version = DST_VERSION_ANY;
		return (0);
	}
	if (n > 2 && strncmp(h, "W/", 2) == 0) {
		weak = 1;
		h += 2;
		n -= 2;
	}
	if (n >= 2 && h[0] == '"' && h[n - 1] == '"') {
		quoted = 1;
		h++;
		n -= 2;
	}
	for (p = h; p < h + n; p++) {
		if (*p == '"' || *p == ',' || (!quoted && !isdigit(
		    (unsigned char)*p))) {
			problem_reply(r->req, 400, "Bad request", "If-Match",
			    DEC_E_FORMAT,
			    "send one entity tag, the ETag of the "
			    "version you edited (\"3\")");
			return (-1);
		}
	}
	*version = ETAG_NO_MATCH;
	if (weak || n == 0 || n > 9 || strspn(h, "0123456789") != n)
		return (0);
	v = strtol(h, &end, 10);
	if (v >= 1 && end == h + n)
		*version = (int)v;
	return (0);
}

