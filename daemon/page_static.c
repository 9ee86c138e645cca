/* GET /static/{file}: the pages' assets, from the web directory only. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

#define STATIC_MAX	(4 * 1024 * 1024)	/* no asset is larger */

const char *pages_web_dir = TRIPMODE_DATADIR "/web";

/* Content types by extension; other files are not served. */
static const struct {
	const char	*ext;
	const char	*type;
} types[] = {
	{ ".css",	"text/css; charset=utf-8" },
	{ ".js",	"text/javascript; charset=utf-8" },
	{ ".html",	"text/html; charset=utf-8" },
	{ ".json",	"application/json" },
	{ ".svg",	"image/svg+xml" },
	{ ".png",	"image/png" },
	{ ".ico",	"image/x-icon" },
	{ ".txt",	"text/plain; charset=utf-8" },
	{ ".woff2",	"font/woff2" },
};

/* The content type of a file name, or NULL. */
static const char *
static_type(const char *name)
{
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	for (i = 0; dot != NULL && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return (types[i].type);
	return (NULL);
}

/* A plain file name: [a-z0-9.-], not hidden, no "..". */
static int
static_name_ok(const char *name)
{
	const char	*s;

	if (*name == '\0' || *name == '.' || strstr(name, "..") != NULL)
		return (0);
	for (s = name; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '.' || *s == '-'))
			return (0);
	return (1);
}

/* 404 as problem+json. */
static void
not_found(struct request *r)
{
	problem_reply(r->req, 404, "Not found", NULL, DEC_E_INVALID,
	    "no resource at %.200s", r->path);
}

/* Serve one file of the web directory, with its type and an ETag. */
void
page_static(struct request *r)
{
	struct evkeyvalq	*out;
	struct evbuffer		*buf;
	struct stat		 st;
	const char		*type, *inm;
	char			 path[4096], etag[64];
	int			 fd, n, got;

	if (!static_name_ok(r->id) || (type = static_type(r->id)) == NULL) {
		not_found(r);
		return;
	}
	n = snprintf(path, sizeof path, "%s/%s", pages_web_dir, r->id);
	if (n < 0 || (size_t)n >= sizeof path) {
		not_found(r);
		return;
	}
	/* O_NOFOLLOW: a symbolic link in the web directory leads nowhere. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd == -1) {
		if (errno != ENOENT)
			log_warnx("%s: %s: %s", __func__, path,
			    strerror(errno));
		not_found(r);
		return;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > STATIC_MAX) {
		close(fd);
		not_found(r);
		return;
	}
	snprintf(etag, sizeof etag, "\"%llx-%llx\"",
	    (unsigned long long)st.st_size, (unsigned long long)st.st_mtime);
	out = evhttp_request_get_output_headers(r->req);
	evhttp_add_header(out, "ETag", etag);
	evhttp_add_header(out, "Cache-Control", "public, max-age=300");
	evhttp_add_header(out, "X-Content-Type-Options", "nosniff");
	evhttp_add_header(out, "Content-Security-Policy",
	    "default-src 'self'; style-src 'self'; img-src 'self' data:; "
	    "frame-ancestors 'none'; base-uri 'none'");
	evhttp_remove_header(out, "Content-Type");
	evhttp_add_header(out, "Content-Type", type);
	inm = request_header(r, "If-None-Match");
	if (inm != NULL && strcmp(inm, etag) == 0) {
		close(fd);
		reply_send(r->req, 304, "Not Modified", NULL);
		return;
	}
	if ((buf = evbuffer_new()) == NULL) {
		close(fd);
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "out of memory");
		return;
	}
	while ((got = evbuffer_read(buf, fd, 64 * 1024)) > 0)
		;
	close(fd);
	if (got < 0 || evbuffer_get_length(buf) != (size_t)st.st_size) {
		log_warnx("%s: %s: short read", __func__, path);
		evbuffer_free(buf);
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "cannot read %s", r->id);
		return;
	}
	reply_send(r->req, 200, "OK", buf);
	evbuffer_free(buf);
}
