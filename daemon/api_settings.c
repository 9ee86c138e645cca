/*
 * Policy, factor sets and zones: read, and (admin) replace, with history.
 * Reads come from this thread's store connection; writes take the
 * writer's turn, commit, and publish a new snapshot before answering, so
 * that the next ruling sees the change.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "daemon/daemon.h"

enum settings_kind { KIND_POLICY, KIND_FACTORS, KIND_ZONE, KIND_NETWORK };

static const char *const json_types[] = { "application/json", NULL };
static const char *const geojson_types[] = { "application/json",
    "application/geo+json", NULL };
static const char *const no_params[] = { NULL };

/* What a kind of document is called in answers. */
static const char *
kind_name(enum settings_kind kind, const char *id, char *buf, size_t len)
{
	switch (kind) {
	case KIND_POLICY:
		return ("the policy");
	case KIND_FACTORS:
		return ("the current factor set");
	case KIND_NETWORK:
		return ("the rail network");
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
		problem_add(&p, "If-Match", DEC_E_REQUIRED, "required: %s "
		    "exists (version %d, changed by %s at %s); send its ETag",
		    what, res->doc.version, res->doc.by, res->doc.at);
	} else if (res->doc.version == 0) {
		problem_init(&p, 412, "Precondition failed");
		snprintf(p.detail, sizeof p.detail, "%c%s does not exist, so "
		    "no version of it matches If-Match; send the PUT without "
		    "If-Match to create it.", toupper((unsigned char)what[0]),
		    what + 1);
		problem_add(&p, "If-Match", DEC_E_CONFLICT, "%s does not exist",
		    what);
	} else {
		problem_init(&p, 412, "Precondition failed");
		snprintf(p.detail, sizeof p.detail, "%c%s was changed by %s at "
		    "%s (now version %d), after the version you edited; get "
		    "it again and redo your change.", toupper((unsigned char)
		    what[0]), what + 1, res->doc.by, res->doc.at,
		    res->doc.version);
		problem_add(&p, "If-Match", DEC_E_CONFLICT, "version %d is "
		    "current", res->doc.version);
		etag_set(r, res->doc.version);
	}
	if ((p.extra = json_pack("{s:i, s:s, s:s}", "current_version",
	    res->doc.version, "changed_by", res->doc.by, "changed_at",
	    res->doc.at)) == NULL)
		abort();
	problem_send(r->req, &p);
}

/* The document a write leaves current, as GET shows it. */
static json_t *
put_doc(enum settings_kind kind, const struct dst_settings_result *res)
{
	json_t	*doc;

	doc = encode_doc(&res->doc, kind == KIND_ZONE);
	if (kind == KIND_FACTORS && json_object_set_new(doc, "sets",
	    encode_sets(res->sets, res->nsets)) != 0)
		abort();
	return (doc);
}

/* Answer a write by its outcome. */
static void
reply_put(struct request *r, enum settings_kind kind,
    struct dst_settings_result *res)
{
	struct problem	 p;
	char		 loc[DEC_ID_MAX + 16];

	switch (res->outcome) {
	case DST_SETTINGS_STORED:
	case DST_SETTINGS_UNCHANGED:
		etag_set(r, res->doc.version);
		reply_json(r->req, 200, "OK", put_doc(kind, res));
		return;
	case DST_SETTINGS_CREATED:
		etag_set(r, res->doc.version);
		snprintf(loc, sizeof loc, "/v1/zones/%s", r->id);
		evhttp_add_header(evhttp_request_get_output_headers(r->req),
		    "Location", loc);
		reply_json(r->req, 201, "Created", put_doc(kind, res));
		return;
	case DST_SETTINGS_INVALID:
		problem_init(&p, 422, "Invalid value");
		p.errs = res->errors;
		memset(&res->errors, 0, sizeof res->errors);
		problem_settle(&p);
		if (p.errs.n > 1)
			snprintf(p.detail, sizeof p.detail, "%zu errors; "
			    "nothing was stored", p.errs.n);
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
settings_write(struct request *r, enum settings_kind kind, const json_t *body,
    int expected, struct dst_settings_result *res)
{
	struct dst_store	*st;
	const char		*who;
	char			*cause = NULL;
	int			 rc = -1, stored = 0;

	who = r->who[0] != '\0' ? r->who : DST_ANONYMOUS;
	memset(res, 0, sizeof *res);
	server_write_begin();
	if ((st = server_store(&cause)) != NULL) {
		switch (kind) {
		case KIND_POLICY:
			rc = dst_policy_put(st, body, expected, who, res,
			    &cause);
			break;
		case KIND_FACTORS:
			rc = dst_factors_put(st, body, expected, who, res,
			    &cause);
			break;
		case KIND_ZONE:
			rc = dst_zone_put(st, r->id, body, expected, who, res,
			    &cause);
			break;
		case KIND_NETWORK:
			rc = dst_rail_network_put(st, body, expected, who, res,
			    &cause);
			break;
		}
	}
	stored = rc == 0 && (res->outcome == DST_SETTINGS_STORED ||
	    res->outcome == DST_SETTINGS_CREATED);
	if (server_write_end(stored, &cause) != 0) {
		log_warnx("%s: stored version %d, but publishing failed: %s",
		    r->path, res->doc.version, cause != NULL ? cause : "?");
		rc = -1;
	}

	if (rc != 0) {
		if (!stored)
			log_warnx("%s: %s", r->path, cause != NULL ? cause :
			    "failed");
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "%s", cause != NULL ? cause : "could not "
		    "store the change");
		free(cause);
		dst_settings_result_clear(res);
		return (-1);
	}
	if (stored)
		log_info("%s: version %d by %s", r->path, res->doc.version,
		    who);
	return (0);
}

/* PUT of a settings document: If-Match, body, write, answer. */
static void
settings_put(struct request *r, enum settings_kind kind)
{
	struct dst_settings_result	 res;
	struct problem			 p;
	const char			*body;
	size_t				 len;
	json_t				*j;
	int				 expected, rc;

	if ((body = request_body(r, kind == KIND_ZONE ? geojson_types :
	    json_types, kind == KIND_ZONE || kind == KIND_NETWORK ?
	    TM_MAX_LARGE_BODY : TM_MAX_BODY, &len)) == NULL)
		return;
	problem_init(&p, 400, "Bad request");
	if ((j = dst_json_object_body(body, len, kind == KIND_POLICY ?
	    "the policy" : kind == KIND_FACTORS ? "a factor set" :
	    kind == KIND_NETWORK ? "a rail network" : "a zone",
	    &p.errs)) == NULL) {
		problem_send(r->req, &p);
		return;
	}
	problem_clear(&p);
	if ((rc = etag_if_match(r, &expected)) == -1)
		goto out;
	if (rc == 1) {
		/* Without If-Match only a new zone can be written. */
		if (kind != KIND_ZONE) {
			problem_reply(r->req, 428, "Precondition required",
			    "If-Match", DEC_E_REQUIRED, "required: send the "
			    "ETag of the version you edited (GET %s)", r->path);
			goto out;
		}
		expected = DST_VERSION_NEW;
	}
	if (settings_write(r, kind, j, expected, &res) != 0)
		goto out;
	reply_put(r, kind, &res);
	dst_settings_result_clear(&res);
out:
	json_decref(j);
}

/* This thread's store for a read; NULL after replying 500. */
static struct dst_store *
read_store(struct request *r)
{
	struct dst_store	*st;
	char			*cause = NULL;

	if ((st = server_store(&cause)) == NULL) {
		log_warnx("%s: %s", r->path, cause != NULL ? cause : "?");
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "%s", cause != NULL ? cause : "cannot open "
		    "the database");
		free(cause);
	}
	return (st);
}

/* Reply 500 after a failed read. */
static void
read_failed(struct request *r, char *cause)
{
	log_warnx("%s: %s", r->path, cause != NULL ? cause : "?");
	problem_reply(r->req, 500, "Internal error", NULL, DEC_E_INVALID,
	    "%s", cause != NULL ? cause : "cannot read the database");
	free(cause);
}

/* A document with its ETag (stolen). */
static void
reply_doc(struct request *r, json_t *doc, int version)
{
	etag_set(r, version);
	if (etag_not_modified(r, version)) {
		json_decref(doc);
		return;
	}
	reply_json(r->req, 200, "OK", doc);
}

/* Reject any query parameter; -1 after replying 400. */
static int
no_query(struct request *r)
{
	struct form	q;

	if (request_query(r, no_params, &q) != 0)
		return (-1);
	form_free(&q);
	return (0);
}

/* GET /v1/policy */
void
api_policy_get(struct request *r)
{
	struct dst_store	*st;
	struct dst_doc		 d;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_policy_current(st, &d, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	reply_doc(r, encode_doc(&d, 0), d.version);
	dst_doc_clear(&d);
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
	struct dst_history	 h;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_policy_history(st, &h, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	reply_json(r->req, 200, "OK", encode_history(&h, NULL, "policy"));
	dst_history_clear(&h);
}

/* GET /v1/factors */
void
api_factors_get(struct request *r)
{
	struct dst_set_info	*sets;
	struct dst_store	*st;
	struct dst_doc		 d;
	char			*cause = NULL;
	size_t			 nsets;
	json_t			*doc;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_factors_current(st, &d, &sets, &nsets, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	doc = encode_doc(&d, 0);
	if (json_object_set_new(doc, "sets", encode_sets(sets, nsets)) != 0)
		abort();
	reply_doc(r, doc, d.version);
	dst_doc_clear(&d);
	free(sets);
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
	struct dst_history	 h;
	struct form		 q;
	const char		*name;
	char			*cause = NULL;

	if (request_query(r, allowed, &q) != 0)
		return;
	name = form_get(&q, "name");
	if (name != NULL && *name == '\0')
		name = NULL;
	if ((st = read_store(r)) == NULL)
		goto out;
	if (dst_factors_history(st, name, &h, &cause) != 0) {
		read_failed(r, cause);
		goto out;
	}
	if (name != NULL && h.n == 0)
		problem_reply(r->req, 404, "Not found", "name", DEC_E_INVALID,
		    "no factor set named \"%.64s\"", name);
	else
		reply_json(r->req, 200, "OK", encode_history(&h, NULL,
		    "factor_set"));
	dst_history_clear(&h);
out:
	form_free(&q);
}

/* GET /v1/zones/{id} */
void
api_zone_get(struct request *r)
{
	struct dst_store	*st;
	struct dst_doc		 d;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_zone_get(st, r->id, &d, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	if (d.version == 0)
		problem_reply(r->req, 404, "Not found", "id", DEC_E_INVALID,
		    "no zone with id \"%s\"", r->id);
	else
		reply_doc(r, encode_doc(&d, 1), d.version);
	dst_doc_clear(&d);
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
	struct dst_history	 h;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_zone_history(st, r->id, &h, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	if (h.n == 0)
		problem_reply(r->req, 404, "Not found", "id", DEC_E_INVALID,
		    "no zone with id \"%s\"", r->id);
	else
		reply_json(r->req, 200, "OK", encode_history(&h, r->id,
		    "feature"));
	dst_history_clear(&h);
}

/* GET /v1/rail-network */
void
api_rail_network_get(struct request *r)
{
	struct dst_store	*st;
	struct dst_doc		 d;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_rail_network_current(st, &d, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	reply_doc(r, encode_doc(&d, 0), d.version);
	dst_doc_clear(&d);
}

/* PUT /v1/rail-network */
void
api_rail_network_put(struct request *r)
{
	if (no_query(r) == 0)
		settings_put(r, KIND_NETWORK);
}

/* GET /v1/rail-network/history */
void
api_rail_network_history(struct request *r)
{
	struct dst_store	*st;
	struct dst_history	 h;
	char			*cause = NULL;

	if (no_query(r) != 0 || (st = read_store(r)) == NULL)
		return;
	if (dst_rail_network_history(st, &h, &cause) != 0) {
		read_failed(r, cause);
		return;
	}
	reply_json(r->req, 200, "OK", encode_history(&h, NULL,
	    "rail_network"));
	dst_history_clear(&h);
}
