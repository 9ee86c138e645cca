/*
 * GET /admin: the administrators' page.  The page is static HTML from the
 * web directory (admin.html; admin.js and style.css come through
 * /static/); everything it shows it fetches from the JSON API with the
 * admin key the user types in, sent as a bearer token.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "daemon/daemon.h"

#define ADMIN_PAGE	"admin.html"
#define ADMIN_PAGE_MAX	(256 * 1024)

/*
 * Scripts and styles from this origin only, no inline script, no
 * plugins, no framing (clickjacking), forms and fetches to this origin.
 */
#define ADMIN_CSP \
	"default-src 'none'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; connect-src 'self'; form-action 'self'; " \
	"base-uri 'none'; frame-ancestors 'none'"

/* Read a whole file of at most max bytes; malloc'd, or NULL and errno. */
static char *
admin_read(const char *path, size_t max, size_t *len)
{
	FILE	*f;
	char	*buf;
	size_t	 n;
	int	 saved;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	if ((buf = malloc(max + 1)) == NULL)
		abort();
	n = fread(buf, 1, max + 1, f);
	saved = ferror(f) ? EIO : n > max ? EFBIG : 0;
	fclose(f);
	if (saved != 0) {
		free(buf);
		errno = saved;
		return (NULL);
	}
	*len = n;
	return (buf);
}

/* GET /admin */
void
page_admin(struct request *r)
{
	struct evkeyvalq	*out;
	char			 path[1024];
	char			*html;
	size_t			 len = 0;

	html = NULL;
	if ((size_t)snprintf(path, sizeof path, "%s/%s", pages_web_dir,
	    ADMIN_PAGE) >= sizeof path)
		errno = ENAMETOOLONG;
	else
		html = admin_read(path, ADMIN_PAGE_MAX, &len);
	if (html == NULL) {
		log_warnx("%s: %s: %s", __func__, path, strerror(errno));
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID,
		    "the admin page is not installed (%s); start tripmoded "
		    "with --web-dir", ADMIN_PAGE);
		return;
	}
	out = evhttp_request_get_output_headers(r->req);
	evhttp_add_header(out, "Content-Security-Policy", ADMIN_CSP);
	evhttp_add_header(out, "X-Content-Type-Options", "nosniff");
	evhttp_add_header(out, "Referrer-Policy", "no-referrer");
	evhttp_add_header(out, "Cache-Control", "no-cache");
	reply_bytes(r->req, 200, "OK", "text/html; charset=utf-8", html, len);
	free(html);
}
