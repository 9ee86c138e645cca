/*
 * GET /v1/openapi.json: the OpenAPI 3.1 description of the API.  The
 * document (daemon/openapi.json) is compiled in, so the binary serves the
 * description of exactly the API it implements, installed or not.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "daemon/daemon.h"

/* daemon/openapi-doc.c, generated from daemon/openapi.json. */
extern const unsigned char	openapi_json[];
extern const size_t		openapi_json_len;

static pthread_once_t	 openapi_once = PTHREAD_ONCE_INIT;
static char		*openapi_body;		/* compact, with our version */
static size_t		 openapi_len;
static char		 openapi_etag[24];

/*
 * Parse the document once: its info.version becomes the package's, and
 * the ETag a hash of what is served (FNV-1a), so caches follow upgrades.
 */
static void
openapi_load(void)
{
	json_error_t	 jerr;
	json_t		*doc, *info;
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 i;

	doc = json_loadb((const char *)openapi_json, openapi_json_len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL) {
		log_warnx("%s: daemon/openapi.json, line %d: %s", __func__,
		    jerr.line, jerr.text);
		return;
	}
	if ((info = json_object_get(doc, "info")) != NULL)
		json_object_set_new(info, "version",
		    json_string(PACKAGE_VERSION));
	openapi_body = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (openapi_body == NULL)
		return;
	openapi_len = strlen(openapi_body);
	for (i = 0; i < openapi_len; i++) {
		h ^= (unsigned char)openapi_body[i];
		h *= 1099511628211ULL;
	}
	snprintf(openapi_etag, sizeof openapi_etag, "\"%016llx\"",
	    (unsigned long long)h);
}

/* GET /v1/openapi.json */
void
api_openapi(struct request *r)
{
	struct evkeyvalq	*out;
	const char		*inm;

	pthread_once(&openapi_once, openapi_load);
	if (openapi_body == NULL) {
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID,
		    "the OpenAPI document compiled into this binary is broken");
		return;
	}
	out = evhttp_request_get_output_headers(r->req);
	evhttp_add_header(out, "ETag", openapi_etag);
	evhttp_add_header(out, "Cache-Control", "no-cache");
	inm = request_header(r, "If-None-Match");
	if (inm != NULL && strcmp(inm, openapi_etag) == 0) {
		reply_send(r->req, 304, "Not Modified", NULL);
		return;
	}
	reply_bytes(r->req, 200, "OK", "application/json", openapi_body,
	    openapi_len);
}
