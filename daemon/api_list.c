/* The destination list: read, and (admin) add, replace, retire, import. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

/* Does an entry match a normalised search text (substring of any name)? */
static int
entry_matches(const struct dst_entry *e, const char *nq)
{
	const char	*names[4 + DST_MAX_ALIASES];
	char		 norm[DEC_NAME_MAX * 2];
	int		 i, n = 0;

	names[n++] = e->id;
	names[n++] = e->name;
	names[n++] = e->name_nl;
	names[n++] = e->name_en;
	for (i = 0; i < e->naliases; i++)
		names[n++] = e->aliases[i];
	for (i = 0; i < n; i++) {
		dst_normalize(names[i], norm, sizeof norm);
		if (strstr(norm, nq) != NULL)
			return (1);
	}
	return (0);
}

/* GET /v1/destinations?q=&country=&include_retired= */
void
api_destinations_list(struct request *r)
{
	static const char *const allowed[] = { "q", "country",
	    "include_retired", NULL };
	const struct dst_entry	**sel, *e;
	struct query		  q;
	const char		 *text, *country;
	char			  nq[DEC_NAME_MAX * 2], *csv;
	size_t			  i, n, len, csvlen;
	long			  day = today();
	int			  retired;
	json_t			 *arr;

	if (query_parse(r, allowed, &q) != 0)
		return;
	if ((retired = query_bool(&q, "include_retired", 0)) == -1) {
		query_free(&q);
		problem_reply(r->req, 400, "Bad query", "include_retired",
		    "must be true or false");
		return;
	}
	text = query_get(&q, "q");
	country = query_get(&q, "country");
	if (country != NULL && *country != '\0' && !dst_country_valid(country)) {
		problem_reply(r->req, 400, "Bad query", "country",
		    "not an ISO 3166-1 alpha-2 code in capitals: \"%.20s\"",
		    country);
		query_free(&q);
		return;
	}
	nq[0] = '\0';
	if (text != NULL)
		dst_normalize(text, nq, sizeof nq);

	n = dst_snapshot_count(r->snap);
	if ((sel = calloc(n + 1, sizeof *sel)) == NULL)
		abort();
	for (len = 0, i = 0; i < n; i++) {
		e = dst_snapshot_entry(r->snap, i);
		if (!retired && !dst_entry_active(e, day))
			continue;
		if (country != NULL && *country != '\0' &&
		    strcmp(e->country, country) != 0)
			continue;
		if (nq[0] != '\0' && !entry_matches(e, nq))
			continue;
		sel[len++] = e;
	}
	query_free(&q);

	if (request_wants_csv(r)) {
		csv = jsonio_entries_csv(sel, len, &csvlen);
		reply_bytes(r->req, 200, "OK", "text/csv; charset=utf-8", csv,
		    csvlen);
		free(csv);
		free(sel);
		return;
	}
	arr = json_array();
	for (i = 0; i < len; i++)
		json_array_append_new(arr, jsonio_entry(sel[i]));
	free(sel);
	reply_json(r->req, 200, "OK", json_pack("{s:i, s:o}", "count",
	    (int)len, "destinations", arr));
}

/* GET /v1/destinations/{id}, with an ETag of the entry's version. */
void
api_destination_get(struct request *r)
{
	const struct dst_entry	*e;
	const char		*inm;
	char			 etag[48];

	if ((e = dst_snapshot_find(r->snap, r->id)) == NULL) {
		problem_reply(r->req, 404, "Not found", "id",
		    "no destination with id \"%.64s\"", r->id);
		return;
	}
	snprintf(etag, sizeof etag, "\"%d\"", e->version);
	evhttp_add_header(evhttp_request_get_output_headers(r->req), "ETag",
	    etag);
	inm = request_header(r, "If-None-Match");
	if (inm != NULL && (strcmp(inm, etag) == 0 || strcmp(inm, "*") == 0)) {
		evhttp_send_reply(r->req, 304, "Not Modified", NULL);
		return;
	}
	reply_json(r->req, 200, "OK", jsonio_entry(e));
}

/* --- writes ---------------------------------------------------------- */

/* Give a problem a type URI of its own (problem.c knows the common ones). */
static void
problem_type_set(struct problem *p, const char *type)
{
	if (p->extra == NULL)
		p->extra = json_object();
	json_object_set_new(p->extra, "type", json_string(type));
}

/* One error with its own type, sent at once. */
static void
problem_typed(struct request *r, int status, const char *title,
    const char *type, const char *field, const char *msg)
{
	struct problem	p;

	problem_init(&p, status, title);
	problem_type_set(&p, type);
	if (field != NULL)
		problem_add(&p, field, "%s", msg);
	else
		snprintf(p.detail, sizeof p.detail, "%s", msg);
	problem_send(r->req, &p);
}

/* The ETag of a version. */
static void
set_etag(struct request *r, int version)
{
	char	etag[32];

	snprintf(etag, sizeof etag, "\"%d\"", version);
	evhttp_add_header(evhttp_request_get_output_headers(r->req), "ETag",
	    etag);
}

/*
 * The version an If-Match header names: "\"3\"" (or W/"3", or 3) gives 3,
 * "*" gives 0 (any); -1 if malformed.
 */
static int
if_match_version(const char *h)
{
	char	*end;
	long	 v;
	int	 quoted = 0;

	while (*h == ' ')
		h++;
	if (strcmp(h, "*") == 0)
		return (0);
	if (strncmp(h, "W/", 2) == 0)
		h += 2;
	if (*h == '"') {
		quoted = 1;
		h++;
	}
	if (!isdigit((unsigned char)*h))
		return (-1);
	v = strtol(h, &end, 10);
	if (quoted && *end++ != '"')
		return (-1);
	while (*end == ' ')
		end++;
	if (*end != '\0' || v < 1 || v > INT_MAX)
		return (-1);
	return ((int)v);
}

/* Parse the JSON body of a create or a replace; reply 400 if not JSON. */
static json_t *
entry_body(struct request *r)
{
	static const char *const types[] = { "application/json", NULL };
	json_error_t	 jerr;
	const char	*body;
	json_t		*j;
	size_t		 len;

	if ((body = request_body(r, types, TM_MAX_BODY, &len)) == NULL)
		return (NULL);
	if (len == 0) {
		problem_reply(r->req, 400, "Bad request", "body",
		    "a destination (JSON object) is required");
		return (NULL);
	}
	if ((j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr)) ==
	    NULL) {
		problem_reply(r->req, 400, "Malformed JSON", "body",
		    "line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
		return (NULL);
	}
	if (!json_is_object(j)) {
		json_decref(j);
		problem_reply(r->req, 400, "Bad request", "body",
		    "must be a JSON object (a destination)");
		return (NULL);
	}
	return (j);
}

/* Validate into e; on errors reply 400 / 422 naming every field. */
static int
entry_valid(struct request *r, const json_t *j, struct dst_entry *e,
    const char *path_id)
{
	struct dst_errors	 errs;
	struct problem		 p;
	json_t			*id = json_object_get(j, "id");
	int			 i, bad_id = 0, rc;

	rc = dst_entry_validate(j, e, &errs);
	if (path_id != NULL && json_is_string(id) &&
	    strcmp(json_string_value(id), path_id) != 0)
		bad_id = 1;
	if (rc == 0 && !bad_id)
		return (0);
	problem_init(&p, errs.structural ? 400 : 422,
	    errs.structural ? "Bad request" : "Invalid destination");
	if (bad_id)
		problem_add(&p, "id", "must be \"%s\", the id in the path "
		    "(or absent)", path_id);
	for (i = 0; i < errs.n; i++)
		problem_add(&p, errs.e[i].field, "%s", errs.e[i].message);
	if (errs.n + bad_id > 1)
		snprintf(p.detail, sizeof p.detail, "%d fields are invalid; "
		    "nothing was stored", errs.n + bad_id);
	problem_send(r->req, &p);
	return (-1);
}

enum list_op { OP_CREATE, OP_UPDATE, OP_RETIRE };

/* Reply to a write that did not happen. */
static void
write_failed(struct request *r, const struct dst_write_result *res,
    const char *cause)
{
	struct problem	 p;
	const char	*msg = cause != NULL ? cause : "failed";

	switch (res->status) {
	case DST_WRITE_NOT_FOUND:
		problem_reply(r->req, 404, "Not found", "id", "%s", msg);
		return;
	case DST_WRITE_EXISTS:
		problem_typed(r, 409, "Conflict",
		    "urn:tripmode:problem:conflict", "id", msg);
		return;
	case DST_WRITE_RETIRED:
		problem_typed(r, 409, "Conflict",
		    "urn:tripmode:problem:conflict", "retired", msg);
		return;
	case DST_WRITE_NOT_ACTIVE:
		problem_typed(r, 409, "Conflict",
		    "urn:tripmode:problem:conflict", "active_from", msg);
		return;
	case DST_WRITE_STALE:
		problem_init(&p, 412, "Precondition failed");
		problem_type_set(&p, "urn:tripmode:problem:stale");
		snprintf(p.detail, sizeof p.detail, "%s; fetch it again and "
		    "redo your change", msg);
		problem_add(&p, "If-Match", "the current version is %d, "
		    "changed by %s at %s", res->entry.version,
		    res->entry.updated_by, res->entry.updated_at);
		json_object_set_new(p.extra, "current_version",
		    json_integer(res->entry.version));
		json_object_set_new(p.extra, "changed_by",
		    json_string(res->entry.updated_by));
		json_object_set_new(p.extra, "changed_at",
		    json_string(res->entry.updated_at));
		problem_send(r->req, &p);
		return;
	default:
		log_warnx("%s: %s %s: %s", __func__, r->path, r->who, msg);
		problem_reply(r->req, 500, "Internal error", NULL,
		    "the change could not be stored: %s", msg);
		return;
	}
}

/*
 * One write on the write path: the store's transaction, then (if
 * something changed) a new snapshot, both under the write lock, so that
 * a ruling after the reply sees the change.  Reply with the entry.
 */
static void
list_write(struct request *r, enum list_op op, const struct dst_entry *e,
    int expected)
{
	struct dst_write_result	*res;
	struct dst_store	*st;
	struct dst_snapshot	*snap;
	const struct dst_entry	*now;
	char			*cause = NULL, loc[128];
	json_t			*body = NULL;
	int			 rc = -1, published = 1;

	if ((res = calloc(1, sizeof *res)) == NULL)
		abort();
	res->status = DST_WRITE_FAILED;
	server_write_lock();
	if ((st = server_store(&cause)) != NULL) {
		switch (op) {
		case OP_CREATE:
			rc = dst_destination_create(st, e, r->who, res,
			    &cause);
			break;
		case OP_UPDATE:
			rc = dst_destination_update(st, e, expected, r->who,
			    res, &cause);
			break;
		case OP_RETIRE:
			rc = dst_destination_retire(st, r->id, expected,
			    today(), r->who, res, &cause);
			break;
		}
	}
	if (rc == 0 && res->changed && server_publish(st, &cause) != 0)
		published = 0;
	if (rc == 0 && published) {
		snap = server_snapshot();
		if ((now = dst_snapshot_find(snap, res->entry.id)) != NULL)
			body = jsonio_entry(now);
		dst_snapshot_unref(snap);
	}
	server_write_unlock();

	if (rc != 0)
		write_failed(r, res, cause);
	else if (!published || body == NULL) {
		log_warnx("%s: %s stored as version %d, not published: %s",
		    __func__, res->entry.id, res->entry.version,
		    cause != NULL ? cause : "not in the snapshot");
		problem_reply(r->req, 500, "Internal error", NULL,
		    "\"%s\" was stored as version %d but is not in effect yet: "
		    "%s", res->entry.id, res->entry.version,
		    cause != NULL ? cause : "not in the new snapshot");
		json_decref(body);
	} else {
		if (res->changed)
			log_info("%s %s version %d by %s", op == OP_CREATE ?
			    "created" : op == OP_UPDATE ? "updated" : "retired",
			    res->entry.id, res->entry.version,
			    res->entry.updated_by);
		set_etag(r, res->entry.version);
		if (op == OP_CREATE) {
			snprintf(loc, sizeof loc, "/v1/destinations/%s",
			    res->entry.id);
			evhttp_add_header(evhttp_request_get_output_headers(
			    r->req), "Location", loc);
			reply_json(r->req, 201, "Created", body);
		} else
			reply_json(r->req, 200, "OK", body);
	}
	free(cause);
	free(res);
}

/* POST /v1/destinations */
void
api_destination_create(struct request *r)
{
	struct dst_entry	*e;
	json_t			*j;

	if ((j = entry_body(r)) == NULL)
		return;
	if ((e = calloc(1, sizeof *e)) == NULL)
		abort();
	if (entry_valid(r, j, e, NULL) == 0)
		list_write(r, OP_CREATE, e, 0);
	free(e);
	json_decref(j);
}

/* The If-Match version: 0 for "*"; -2 when absent; -1 after a reply. */
static int
request_if_match(struct request *r, int required)
{
	const char	*h;
	int		 v;

	if ((h = request_header(r, "If-Match")) == NULL) {
		if (!required)
			return (-2);
		problem_typed(r, 428, "Precondition required",
		    "urn:tripmode:problem:precondition-required", "If-Match",
		    "send If-Match with the ETag of the version you edited "
		    "(GET it first), so that nobody's change is overwritten");
		return (-1);
	}
	if ((v = if_match_version(h)) == -1) {
		problem_reply(r->req, 400, "Bad request", "If-Match",
		    "not an ETag of this API (\"3\"): %.40s", h);
		return (-1);
	}
	return (v);
}

/* PUT /v1/destinations/{id}: replace, If-Match required. */
void
api_destination_put(struct request *r)
{
	struct dst_entry	*e;
	json_t			*j;
	int			 expected;

	if ((j = entry_body(r)) == NULL)
		return;
	if (json_object_get(j, "id") == NULL)
		json_object_set_new(j, "id", json_string(r->id));
	if ((e = calloc(1, sizeof *e)) == NULL)
		abort();
	if (entry_valid(r, j, e, r->id) != 0)
		goto out;
	if (dst_snapshot_find(r->snap, r->id) == NULL) {
		problem_reply(r->req, 404, "Not found", "id",
		    "no destination with id \"%.64s\" (POST to add it)", r->id);
		goto out;
	}
	if ((expected = request_if_match(r, 1)) < 0)
		goto out;
	list_write(r, OP_UPDATE, e, expected);
out:
	free(e);
	json_decref(j);
}

/* DELETE /v1/destinations/{id}: retire as of today; If-Match optional. */
void
api_destination_retire(struct request *r)
{
	int	expected;

	if ((expected = request_if_match(r, 0)) == -1)
		return;
	list_write(r, OP_RETIRE, NULL, expected == -2 ? 0 : expected);
}

/* GET /v1/destinations/{id}/history */
void
api_destination_history(struct request *r)
{
	struct dst_store	*st;
	char			*cause = NULL;
	json_t			*h;

	if ((st = server_store(&cause)) == NULL ||
	    (h = dst_destination_history(st, r->id, &cause)) == NULL) {
		log_warnx("%s: %s: %s", __func__, r->id,
		    cause != NULL ? cause : "failed");
		problem_reply(r->req, 500, "Internal error", NULL,
		    "the history could not be read");
		free(cause);
		return;
	}
	if (json_array_size(json_object_get(h, "versions")) == 0) {
		json_decref(h);
		problem_reply(r->req, 404, "Not found", "id",
		    "no destination with id \"%.64s\"", r->id);
		return;
	}
	reply_json(r->req, 200, "OK", h);
}

/* --- import ------------------------------------------------------------ */

/* What an import may be sent as: Excel and browsers vary. */
static const char *const csv_types[] = { "text/csv",
    "application/octet-stream", "text/plain", "application/vnd.ms-excel",
    NULL };

/* Beyond this many errors the rest of the file is not checked. */
#define IMPORT_MAX_ERRORS	500

struct id_row {
	const char	*id;
	int		 row;
};

/* Order by id, then row. */
static int
id_row_cmp(const void *a, const void *b)
{
	const struct id_row	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->id, y->id)) != 0)
		return (c);
	return (x->row - y->row);
}

/* Every id given twice is an error of its later rows. */
static void
import_duplicates(const json_t *list, const int *rows, json_t *errors)
{
	struct id_row	*v;
	const char	*id;
	size_t		 i, n = 0, first = 0;

	if ((v = calloc(json_array_size(list) + 1, sizeof *v)) == NULL)
		abort();
	for (i = 0; i < json_array_size(list); i++) {
		id = json_string_value(json_object_get(json_array_get(list, i),
		    "id"));
		if (id == NULL || *id == '\0')
			continue;
		v[n].id = id;
		v[n++].row = rows[i];
	}
	qsort(v, n, sizeof *v, id_row_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(v[i].id, v[first].id) != 0) {
			first = i;
			continue;
		}
		csv_error(errors, v[i].row, "id", "\"%.64s\" is also on row %d",
		    v[i].id, v[first].row);
	}
	free(v);
}

/* Has a cell an error already (that its validation would repeat)? */
static int
csv_has_error(const json_t *errors, int row, const char *column)
{
	json_t		*e;
	const char	*c;
	size_t		 i;

	json_array_foreach(errors, i, e) {
		c = json_string_value(json_object_get(e, "column"));
		if (json_integer_value(json_object_get(e, "row")) == row &&
		    c != NULL && strcmp(c, column) == 0)
			return (1);
	}
	return (0);
}

/* Order errors by row, so that the answer reads like the file. */
static int
error_row_cmp(const void *a, const void *b)
{
	json_t *const	*x = a, *const *y = b;
	json_int_t	 rx, ry;

	rx = json_integer_value(json_object_get(*x, "row"));
	ry = json_integer_value(json_object_get(*y, "row"));
	return (rx < ry ? -1 : rx > ry);
}

/* 422 listing every bad row and field. */
static void
import_refused(struct request *r, json_t *errors)
{
	struct problem	 p;
	json_t		**v, *rowsset;
	size_t		 i, n = json_array_size(errors);
	char		 key[16];

	if ((v = calloc(n + 1, sizeof *v)) == NULL)
		abort();
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(errors, i));
	qsort(v, n, sizeof *v, error_row_cmp);
	rowsset = json_object();
	problem_init(&p, 422, "Invalid CSV");
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "%lld", (long long)
		    json_integer_value(json_object_get(v[i], "row")));
		json_object_set_new(rowsset, key, json_true());
		json_array_append_new(p.errors, v[i]);
	}
	snprintf(p.detail, sizeof p.detail, "%zu error%s on %zu row%s%s; "
	    "nothing was changed", n, n == 1 ? "" : "s",
	    json_object_size(rowsset), json_object_size(rowsset) == 1 ? "" :
	    "s", n >= IMPORT_MAX_ERRORS ? " (the file was not checked to the "
	    "end)" : "");
	json_decref(rowsset);
	free(v);
	problem_send(r->req, &p);
}

/* POST /v1/destinations/import[?dry_run=true]: CSV, all or nothing. */
void
api_destinations_import(struct request *r)
{
	static const char *const allowed[] = { "dry_run", NULL };
	struct dst_entry	*entries = NULL;
	struct dst_errors	 errs;
	struct dst_store	*st;
	struct query		 q;
	const char		*body;
	char			*cause = NULL;
	json_t			*errors, *list = NULL, *report = NULL;
	size_t			 i, n, len;
	int			*rows = NULL, dry, k, published = 1;

	if (query_parse(r, allowed, &q) != 0)
		return;
	dry = query_bool(&q, "dry_run", 0);
	query_free(&q);
	if (dry == -1) {
		problem_reply(r->req, 400, "Bad query", "dry_run",
		    "must be true or false");
		return;
	}
	if ((body = request_body(r, csv_types, TM_MAX_CSV_BODY, &len)) == NULL)
		return;
	if ((errors = json_array()) == NULL)
		abort();
	if (csv_entries(body, len, &list, &rows, errors) != 0) {
		import_refused(r, errors);
		goto out;
	}
	n = json_array_size(list);
	if ((entries = calloc(n + 1, sizeof *entries)) == NULL)
		abort();
	for (i = 0; i < n && json_array_size(errors) < IMPORT_MAX_ERRORS;
	    i++) {
		if (dst_entry_validate(json_array_get(list, i), &entries[i],
		    &errs) == 0)
			continue;
		for (k = 0; k < errs.n; k++) {
			if (!csv_has_error(errors, rows[i], errs.e[k].field))
				csv_error(errors, rows[i], errs.e[k].field,
				    "%s", errs.e[k].message);
		}
	}
	import_duplicates(list, rows, errors);
	if (json_array_size(errors) != 0) {
		import_refused(r, errors);
		goto out;
	}

	server_write_lock();
	if ((st = server_store(&cause)) != NULL &&
	    (report = dst_destination_import(st, entries, n, dry, r->who,
	    &cause)) != NULL && !dry &&
	    json_array_size(json_object_get(report, "created")) +
	    json_array_size(json_object_get(report, "updated")) > 0 &&
	    server_publish(st, &cause) != 0)
		published = 0;
	server_write_unlock();

	if (report == NULL) {
		log_warnx("%s: %s", __func__, cause != NULL ? cause : "failed");
		problem_reply(r->req, 500, "Internal error", NULL,
		    "the import failed, nothing was changed: %s",
		    cause != NULL ? cause : "failed");
	} else if (!published) {
		log_warnx("%s: imported, not published: %s", __func__,
		    cause != NULL ? cause : "failed");
		problem_reply(r->req, 500, "Internal error", NULL,
		    "the import was stored but is not in effect yet: %s",
		    cause != NULL ? cause : "failed");
		json_decref(report);
	} else {
		if (!dry)
			log_info("import by %s: %zu created, %zu updated, %lld "
			    "unchanged", r->who[0] != '\0' ? r->who :
			    DST_ANONYMOUS,
			    json_array_size(json_object_get(report, "created")),
			    json_array_size(json_object_get(report, "updated")),
			    (long long)json_integer_value(json_object_get(report,
			    "unchanged")));
		reply_json(r->req, 200, "OK", report);
	}
out:
	free(cause);
	free(entries);
	free(rows);
	json_decref(list);
	json_decref(errors);
}
