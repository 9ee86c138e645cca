/*
 * Policy, factor sets and zones: read, and (admin) replace, with history.
 * Reads come from this thread's store connection; writes take the writer
 * lock, commit, and publish a new snapshot before answering, so that the
 * next ruling sees the change.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "daemon/daemon.h"

/* An If-Match tag that no version matches (weak, or not a version). */
#define NO_MATCH	INT_MAX

enum settings_kind { KIND_POLICY, KIND_FACTORS, KIND_ZONE };

static const char *const json_types[] = { "application/json", NULL };
static const char *const geojson_types[] = { "application/json",
    "application/geo+json", NULL };
static const char *const no_params[] = { NULL };

/* Set the ETag of a version. */
static void
set_etag(struct request *r, int version)
{
	char	etag[32];

	snprintf(etag, sizeof etag, "\"%d\"", version);
	evhttp_remove_header(evhttp_request_get_output_headers(r->req),
	    "ETag");
	evhttp_add_header(evhttp_request_get_output_headers(r->req), "ETag",
	    etag);
}

/* Does If-None-Match name this version?  Then answer 304. */
static int
not_modified(struct request *r, int version)
{
	const char	*inm;
	char		 etag[32];

	if ((inm = request_header(r, "If-None-Match")) == NULL)
		return (0);
	snprintf(etag, sizeof etag, "\"%d\"", version);
	if (strcmp(inm, etag) != 0 && strcmp(inm, "*") != 0)
		return (0);
	evhttp_send_reply(r->req, 304, "Not Modified", NULL);
	return (1);
}

/*
 * Read If-Match: 0 and *version (DST_VERSION_ANY for "*", NO_MATCH for a
 * weak or foreign tag), 1 if absent, -1 after replying 400 to a header
 * that is not one entity tag.
 */
static int
if_match(struct request *r, int *version)
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
			    "send one entity tag, the ETag of the version you "
			    "edited (\"3\")");
			return (-1);
		}
	}
	*version = NO_MATCH;
	if (weak || n == 0 || n > 9 || strspn(h, "0123456789") != n)
		return (0);
	v = strtol(h, &end, 10);
	if (v >= 1 && end == h + n)
		*version = (int)v;
	return (0);
}

/* What a kind of document is called in answers. */
static const char *
kind_name(enum settings_kind kind, const char *id, char *buf, size_t len)
{
	switch (kind) {
	case KIND_POLICY:
		return ("the policy");
	case KIND_FACTORS:
		return ("the current factor set");
	case KIND_ZONE:
		break;
	}
	snprintf(buf, len, "zone \"%s\"", id);
	return (buf);
}

/* 412 or 428 about the version that is current. */
static void
reply_precondition(struct request *r, enum settings_kind kind,
    const struct dst_settings_result *res)
{
	struct problem	 p;
	char		 name[DEC_ID_MAX + 16];
	const char	*what;

	what = kind_name(kind, r->id, name, sizeof name);
	if (res->outcome == DST_SETTINGS_EXISTS) {
		problem_init(&p, 428, "Precondition required");
		problem_add(&p, "If-Match", "required: %s exists (version %d, "
		    "changed by %s at %s); send its ETag", what, res->version,
		    res->changed_by, res->changed_at);
	} else if (res->version == 0) {
		problem_init(&p, 412, "Precondition failed");
		snprintf(p.detail, sizeof p.detail, "%c%s does not exist, so "
		    "no version of it matches If-Match; send the PUT without "
		    "If-Match to create it.", toupper((unsigned char)what[0]),
		    what + 1);
		problem_add(&p, "If-Match", "%s does not exist", what);
	} else {
		problem_init(&p, 412, "Precondition failed");
		snprintf(p.detail, sizeof p.detail, "%c%s was changed by %s at "
		    "%s (now version %d), after the version you edited; get "
		    "it again and redo your change.", toupper((unsigned char)
		    what[0]), what + 1, res->changed_by, res->changed_at,
		    res->version);
		problem_add(&p, "If-Match", "version %d is current",
		    res->version);
		set_etag(r, res->version);
	}
	p.extra = json_pack("{s:i, s:s, s:s}", "current_version", res->version,
	    "changed_by", res->changed_by, "changed_at", res->changed_at);
	problem_send(r->req, &p);
}

/* Answer a write by its outcome. */
static void
reply_put(struct request *r, enum settings_kind kind,
    struct dst_settings_result *res)
{
	struct problem	 p;
	json_t		*err;
	char		 loc[DEC_ID_MAX + 16];
	size_t		 i;

	switch (res->outcome) {
	case DST_SETTINGS_STORED:
	case DST_SETTINGS_UNCHANGED:
		set_etag(r, res->version);
		reply_json(r->req, 200, "OK", res->doc);
		res->doc = NULL;
		return;
	case DST_SETTINGS_CREATED:
		set_etag(r, res->version);
		snprintf(loc, sizeof loc, "/v1/zones/%s", r->id);
		evhttp_add_header(evhttp_request_get_output_headers(r->req),
		    "Location", loc);
		reply_json(r->req, 201, "Created", res->doc);
		res->doc = NULL;
		return;
	case DST_SETTINGS_MALFORMED:
	case DST_SETTINGS_INVALID:
		if (res->outcome == DST_SETTINGS_MALFORMED)
			problem_init(&p, 400, "Bad request");
		else
			problem_init(&p, 422, "Invalid value");
		json_array_foreach(res->errors, i, err)
			problem_add(&p, json_string_value(json_object_get(err,
			    "field")), "%s", json_string_value(json_object_get(
			    err, "message")));
		if (json_array_size(res->errors) > 1)
			snprintf(p.detail, sizeof p.detail, "%zu errors; "
			    "nothing was stored", json_array_size(res->errors));
		problem_send(r->req, &p);
		return;
	case DST_SETTINGS_STALE:
	case DST_SETTINGS_EXISTS:
		reply_precondition(r, kind, res);
		return;
	}
}

/*
 * The write path: under the writer lock, store through this thread's
 * connection and publish a new snapshot if something was stored.
 * 0 with the outcome in res, or -1 after replying 500.
 */
static int
settings_write(struct request *r, enum settings_kind kind, const char *body,
    size_t len, int expected, struct dst_settings_result *res)
{
	struct dst_store	*st;
	const char		*who;
	char			*cause = NULL;
	int			 rc = -1, stored = 0;

	who = r->who[0] != '\0' ? r->who : "anonymous";
	memset(res, 0, sizeof *res);
	server_write_lock();
	if ((st = server_store(&cause)) != NULL) {
		switch (kind) {
		case KIND_POLICY:
			rc = dst_policy_put(st, body, len, expected, who, res,
			    &cause);
			break;
		case KIND_FACTORS:
			rc = dst_factors_put(st, body, len, expected, who, res,
			    &cause);
			break;
		case KIND_ZONE:
			rc = dst_zone_put(st, r->id, body, len, expected, who,
			    res, &cause);
			break;
		}
	}
	stored = rc == 0 && (res->outcome == DST_SETTINGS_STORED ||
	    res->outcome == DST_SETTINGS_CREATED);
	if (stored && server_publish(st, &cause) != 0) {
		log_warnx("%s: stored version %d, but publishing failed: %s",
		    r->path, res->version, cause != NULL ? cause : "?");
		rc = -1;
	}
	server_write_unlock();

	if (rc != 0) {
		if (!stored)
			log_warnx("%s: %s", r->path, cause != NULL ? cause :
			    "failed");
		problem_reply(r->req, 500, "Internal error", NULL, "%s",
		    cause != NULL ? cause : "could not store the change");
		free(cause);
		dst_settings_result_free(res);
		return (-1);
	}
	if (stored)
		log_info("%s: version %d by %s", r->path, res->version, who);
	return (0);
}

/* PUT of a settings document: If-Match, body, write, answer. */
static void
settings_put(struct request *r, enum settings_kind kind)
{
	struct dst_settings_result	 res;
	const char			*body;
	size_t				 len;
	int				 expected, rc;

	if ((body = request_body(r, kind == KIND_ZONE ? geojson_types :
	    json_types, kind == KIND_ZONE ? TM_MAX_LARGE_BODY : TM_MAX_BODY,
	    &len)) == NULL)
		return;
	if ((rc = if_match(r, &expected)) == -1)
		return;
	if (rc == 1) {
		/* Without If-Match only a new zone can be written. */
		if (kind != KIND_ZONE) {
			problem_reply(r->req, 428, "Precondition required",
			    "If-Match", "required: send the ETag of the "
			    "version you edited (GET %s)", r->path);
			return;
		}
		expected = DST_VERSION_NEW;
	}
	if (settings_write(r, kind, body, len, expected, &res) != 0)
		return;
	reply_put(r, kind, &res);
	dst_settings_result_free(&res);
}

/* This thread's store for a read; NULL after replying 500. */
static struct dst_store *
read_store(struct request *r)
{
	struct dst_store	*st;
	char			*cause = NULL;

	if ((st = server_store(&cause)) == NULL) {
		log_warnx("%s: %s", r->path, cause != NULL ? cause : "?");
		problem_reply(r->req, 500, "Internal error", NULL, "%s",
		    cause != NULL ? cause : "cannot open the database");
		free(cause);
	}
	return (st);
}

/* Reply 500 after a failed read. */
static void
read_failed(struct request *r, char *cause)
{
	log_warnx("%s: %s", r->path, cause != NULL ? cause : "?");
	problem_reply(r->req, 500, "Internal error", NULL, "%s",
	    cause != NULL ? cause : "cannot read the database");
	free(cause);
}

/* A document with its ETag (version at the top, or in properties). */
static void
reply_doc(struct request *r, json_t *doc, const json_t *holder)
{
	int	version;

	version = (int)json_integer_value(json_object_get(holder, "version"));
	set_etag(r, version);
	if (not_modified(r, version)) {
		json_decref(doc);
		return;
	}
	reply_json(r->req, 200, "OK", doc);
}

/* Reject any query parameter; -1 after replying 400. */
static int
no_query(struct request *r)
{
	struct query	q;

	if (query_parse(r, no_params, &q) != 0)
		return (-1);
	query_free(&q);
	return (0);
}

/* GET /v1/policy */
void
api_policy_get(struct request *r)
{
	struct dst_store	*st;
	json_t			*doc;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_policy_current(st, &doc, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	reply_doc(r, doc, doc);
}

/* PUT /v1/policy */
void
api_policy_put(struct request *r)
{
	if (no_query(r) == 0)
		settings_put(r, KIND_POLICY);
}

/* GET /v1/policy/history */
void
api_policy_history(struct request *r)
{
	struct dst_store	*st;
	json_t			*doc;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_policy_history(st, &doc, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	reply_json(r->req, 200, "OK", doc);
}

/* GET /v1/factors */
void
api_factors_get(struct request *r)
{
	struct dst_store	*st;
	json_t			*doc;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_factors_current(st, &doc, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	reply_doc(r, doc, doc);
}

/* PUT /v1/factors */
void
api_factors_put(struct request *r)
{
	if (no_query(r) == 0)
		settings_put(r, KIND_FACTORS);
}

/* GET /v1/factors/history?name= */
void
api_factors_history(struct request *r)
{
	static const char *const allowed[] = { "name", NULL };
	struct dst_store	*st;
	struct query		 q;
	const char		*name;
	json_t			*doc;
	char			*cause = NULL;

	if (query_parse(r, allowed, &q) != 0)
		return;
	name = query_get(&q, "name");
	if (name != NULL && *name == '\0')
		name = NULL;
	if ((st = read_store(r)) == NULL)
		goto out;
	if (dst_factors_history(st, name, &doc, &cause) != 0) {
		read_failed(r, cause);
		goto out;
	}
	if (name != NULL && json_array_size(json_object_get(doc,
	    "versions")) == 0) {
		json_decref(doc);
		problem_reply(r->req, 404, "Not found", "name", "no factor set "
		    "named \"%.64s\"", name);
		goto out;
	}
	reply_json(r->req, 200, "OK", doc);
out:
	query_free(&q);
}

/* GET /v1/zones/{id} */
void
api_zone_get(struct request *r)
{
	struct dst_store	*st;
	json_t			*doc;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_zone_get(st, r->id, &doc, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	if (doc == NULL) {
		problem_reply(r->req, 404, "Not found", "id", "no zone with id "
		    "\"%.64s\"", r->id);
		return;
	}
	reply_doc(r, doc, json_object_get(doc, "properties"));
}

/* PUT /v1/zones/{id} */
void
api_zone_put(struct request *r)
{
	if (no_query(r) == 0)
		settings_put(r, KIND_ZONE);
}

/* GET /v1/zones/{id}/history */
void
api_zone_history(struct request *r)
{
	struct dst_store	*st;
	json_t			*doc;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_zone_history(st, r->id, &doc, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	if (doc == NULL) {
		problem_reply(r->req, 404, "Not found", "id", "no zone with id "
		    "\"%.64s\"", r->id);
		return;
	}
	reply_json(r->req, 200, "OK", doc);
}
