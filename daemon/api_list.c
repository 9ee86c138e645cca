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
	struct form		  q;
	const char		 *text, *country;
	char			  nq[DEC_NAME_MAX * 2], clip[48];
	size_t			  i, n, len;
	long			  day = today();
	int			  retired;
	json_t			 *arr;

	if (request_query(r, allowed, &q) != 0)
		return;
	if ((retired = query_bool(&q, "include_retired", 0)) == -1) {
		form_free(&q);
		problem_reply(r->req, 400, "Bad query", "include_retired",
		    DEC_E_CHOICE, "must be true or false");
		return;
	}
	text = form_get(&q, "q");
	country = form_get(&q, "country");
	if (country != NULL && *country != '\0' &&
	    !dst_country_valid(country)) {
		problem_reply(r->req, 400, "Bad query", "country", DEC_E_FORMAT,
		    "not an ISO 3166-1 alpha-2 code in capitals: \"%s\"",
		    dec_clip(clip, sizeof clip, country, 20));
		form_free(&q);
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
	form_free(&q);

	if (request_wants_csv(r)) {
		csv_entries_write(evhttp_request_get_output_buffer(r->req), sel,
		    len);
		reply_written(r->req, 200, "OK", "text/csv; charset=utf-8");
		free(sel);
		return;
	}
	arr = json_array();
	for (i = 0; i < len; i++)
		json_array_append_new(arr, encode_entry(sel[i]));
	free(sel);
	reply_json(r->req, 200, "OK", json_pack("{s:i, s:o}", "count",
	    (int)len, "destinations", arr));
}

/* GET /v1/destinations/{id}, with an ETag of the entry's version. */
void
api_destination_get(struct request *r)
{
	const struct dst_entry	*e;

	if ((e = dst_snapshot_find(r->snap, r->id)) == NULL) {
		problem_reply(r->req, 404, "Not found", "id", DEC_E_INVALID,
		    "no destination with id \"%s\"", r->id);
		return;
	}
	etag_set(r, e->version);
	if (!etag_not_modified(r, e->version))
		reply_json(r->req, 200, "OK", encode_entry(e));
}

/* --- writes ---------------------------------------------------------- */

/* One error with its own type, sent at once. */
static void
problem_typed(struct request *r, int status, const char *title,
    const char *type, const char *field, enum dec_code code, const char *msg)
{
	struct problem	p;

	problem_init(&p, status, title);
	p.type = type;
	problem_add(&p, field, code, "%s", msg);
	problem_send(r->req, &p);
}

/* Validate into e; on errors reply 400 / 422 naming every field. */
static int
entry_valid(struct request *r, const json_t *j, struct dst_entry *e,
    const char *path_id)
{
	struct problem	 p;
	json_t		*id = json_object_get(j, "id");

	problem_init(&p, 422, "Invalid destination");
	if (path_id != NULL && json_is_string(id) &&
	    strcmp(json_string_value(id), path_id) != 0)
		problem_add(&p, "id", DEC_E_CONFLICT, "must be \"%s\", the id "
		    "in the path (or absent)", path_id);
	if (dst_entry_from_json(j, 0, e, &p.errs) == 0 && p.errs.n == 0) {
		problem_clear(&p);
		return (0);
	}
	problem_settle(&p);
	if (p.errs.n > 1)
		snprintf(p.detail, sizeof p.detail, "%zu fields are invalid; "
		    "nothing was stored", p.errs.n);
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
		problem_reply(r->req, 404, "Not found", "id", DEC_E_INVALID,
		    "%s", msg);
		return;
	case DST_WRITE_EXISTS:
		problem_typed(r, 409, "Conflict",
		    "urn:tripmode:problem:conflict", "id", DEC_E_CONFLICT, msg);
		return;
	case DST_WRITE_RETIRED:
		problem_typed(r, 409, "Conflict",
		    "urn:tripmode:problem:conflict", "retired", DEC_E_CONFLICT,
		    msg);
		return;
	case DST_WRITE_NOT_ACTIVE:
		problem_typed(r, 409, "Conflict",
		    "urn:tripmode:problem:conflict", "active_from",
		    DEC_E_CONFLICT, msg);
		return;
	case DST_WRITE_STALE:
		problem_init(&p, 412, "Precondition failed");
		p.type = "urn:tripmode:problem:stale";
		snprintf(p.detail, sizeof p.detail, "%s; fetch it again and "
		    "redo your change", msg);
		problem_add(&p, "If-Match", DEC_E_CONFLICT, "the current "
		    "version is %d, changed by %s at %s", res->entry.version,
		    res->entry.updated_by, res->entry.updated_at);
		if ((p.extra = json_pack("{s:i, s:s, s:s}", "current_version",
		    res->entry.version, "changed_by", res->entry.updated_by,
		    "changed_at", res->entry.updated_at)) == NULL)
			abort();
		problem_send(r->req, &p);
		return;
	default:
		log_warnx("%s: %s %s: %s", __func__, r->path, r->who, msg);
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "the change could not be stored: %s", msg);
		return;
	}
}

/*
 * One write: the store's transaction, then (if something changed) a new
 * snapshot published to every worker, in the writer's turn, so that a
 * ruling after the reply sees the change.  Reply with the entry.
 */
static void
list_write(struct request *r, enum list_op op, const struct dst_entry *e,
    int expected)
{
	struct dst_write_result	*res;
	struct dst_store	*st;
	const struct dst_entry	*now;
	char			*cause = NULL, loc[128];
	json_t			*body = NULL;
	int			 rc = -1, published = 1;

	if ((res = calloc(1, sizeof *res)) == NULL)
		abort();
	res->status = DST_WRITE_FAILED;
	server_write_begin();
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
	if (server_write_end(rc == 0 && res->changed, &cause) != 0)
		published = 0;
	if (rc == 0 && published && (now = dst_snapshot_find(
	    server_snapshot(), res->entry.id)) != NULL)
		body = encode_entry(now);

	if (rc != 0)
		write_failed(r, res, cause);
	else if (!published || body == NULL) {
		log_warnx("%s: %s stored as version %d, not published: %s",
		    __func__, res->entry.id, res->entry.version,
		    cause != NULL ? cause : "not in the snapshot");
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "\"%s\" was stored as version %d but is not "
		    "in effect yet: %s", res->entry.id, res->entry.version,
		    cause != NULL ? cause : "not in the new snapshot");
		json_decref(body);
	} else {
		if (res->changed)
			log_info("%s %s version %d by %s", op == OP_CREATE ?
			    "created" : op == OP_UPDATE ? "updated" : "retired",
			    res->entry.id, res->entry.version,
			    res->entry.updated_by);
		etag_set(r, res->entry.version);
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

	if ((j = request_json(r, "a destination")) == NULL)
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
	int	v, rc;

	if ((rc = etag_if_match(r, &v)) == -1)
		return (-1);
	if (rc == 1) {
		if (!required)
			return (-2);
		problem_typed(r, 428, "Precondition required",
		    "urn:tripmode:problem:precondition-required", "If-Match",
		    DEC_E_REQUIRED,
		    "send If-Match with the ETag of the version "
		    "you edited (GET it first), so that nobody's change is "
		    "overwritten");
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

	if ((j = request_json(r, "a destination")) == NULL)
		return;
	if (json_object_get(j, "id") == NULL)
		json_object_set_new(j, "id", json_string(r->id));
	if ((e = calloc(1, sizeof *e)) == NULL)
		abort();
	if (entry_valid(r, j, e, r->id) != 0)
		goto out;
	if (dst_snapshot_find(r->snap, r->id) == NULL) {
		problem_reply(r->req, 404, "Not found", "id", DEC_E_INVALID,
		    "no destination with id \"%s\" (POST to add it)", r->id);
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
	struct dst_history	 h;
	struct dst_store	*st;
	char			*cause = NULL;

	if ((st = server_store(&cause)) == NULL ||
	    dst_destination_history(st, r->id, &h, &cause) != 0) {
		log_warnx("%s: %s: %s", __func__, r->id,
		    cause != NULL ? cause : "failed");
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "the history could not be read");
		free(cause);
		return;
	}
	if (h.n == 0)
		problem_reply(r->req, 404, "Not found", "id", DEC_E_INVALID,
		    "no destination with id \"%s\"", r->id);
	else
		reply_json(r->req, 200, "OK", encode_history(&h, r->id,
		    "entry"));
	dst_history_clear(&h);
}

/* --- import ------------------------------------------------------------ */

/* What an import may be sent as: Excel and browsers vary. */
static const char *const csv_types[] = { "text/csv",
    "application/octet-stream", "text/plain", "application/vnd.ms-excel",
    NULL };

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
import_duplicates(const json_t *list, const int *rows,
    struct dec_errors *errs)
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
		dec_errors_add_row(errs, v[i].row, "id", DEC_E_DUPLICATE,
		    "\"%s\" is also on row %d", v[i].id, v[first].row);
	}
	free(v);
}

/* 422 listing every bad row and field, in the order of the file. */
static void
import_refused(struct request *r, struct dec_errors *errs)
{
	struct problem	 p;
	size_t		 i, nrows = 0, n = errs->n;

	dec_errors_sort_rows(errs);
	for (i = 0; i < n; i++)
		if (i == 0 || errs->v[i].row != errs->v[i - 1].row)
			nrows++;
	problem_init(&p, 422, "Invalid CSV");
	p.errs = *errs;
	memset(errs, 0, sizeof *errs);
	snprintf(p.detail, sizeof p.detail, "%zu error%s on %zu row%s%s; "
	    "nothing was changed", n, n == 1 ? "" : "s", nrows, nrows == 1 ?
	    "" : "s", n >= CSV_MAX_ERRORS ? " (the file was not checked to "
	    "the end)" : "");
	problem_send(r->req, &p);
}

/* POST /v1/destinations/import[?dry_run=true]: CSV, all or nothing. */
void
api_destinations_import(struct request *r)
{
	static const char *const allowed[] = { "dry_run", NULL };
	struct dec_errors	 errs = DEC_ERRORS_INIT, one = DEC_ERRORS_INIT;
	struct dst_import_report report;
	struct dst_entry	*entries = NULL;
	struct dst_store	*st;
	struct form		 q;
	const char		*body;
	char			*cause = NULL;
	json_t			*list = NULL;
	size_t			 i, k, n, len;
	int			*rows = NULL, dry, rc = -1, published = 1;

	if (request_query(r, allowed, &q) != 0)
		return;
	dry = query_bool(&q, "dry_run", 0);
	form_free(&q);
	if (dry == -1) {
		problem_reply(r->req, 400, "Bad query", "dry_run",
		    DEC_E_CHOICE, "must be true or false");
		return;
	}
	if ((body = request_body(r, csv_types, TM_MAX_CSV_BODY, &len)) == NULL)
		return;
	if (csv_entries(body, len, &list, &rows, &errs) != 0) {
		import_refused(r, &errs);
		goto out;
	}
	n = json_array_size(list);
	if ((entries = calloc(n + 1, sizeof *entries)) == NULL)
		abort();
	for (i = 0; i < n && errs.n < CSV_MAX_ERRORS; i++) {
		if (dst_entry_from_json(json_array_get(list, i), 0, &entries[i],
		    &one) == 0)
			continue;
		/* A cell the reader refused already is not said twice. */
		for (k = 0; k < one.n; k++)
			if (!dec_errors_has(&errs, rows[i], one.v[k].field))
				dec_errors_add_row(&errs, rows[i],
				    one.v[k].field, one.v[k].code, "%s",
				    one.v[k].message);
		dec_errors_clear(&one);
	}
	import_duplicates(list, rows, &errs);
	if (errs.n != 0) {
		import_refused(r, &errs);
		goto out;
	}

	server_write_begin();
	if ((st = server_store(&cause)) != NULL)
		rc = dst_destination_import(st, entries, n, dry, r->who,
		    &report, &cause);
	if (server_write_end(rc == 0 && !dry && report.ncreated +
	    report.nupdated > 0, &cause) != 0)
		published = 0;

	if (rc != 0) {
		log_warnx("%s: %s", __func__, cause != NULL ? cause : "failed");
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "the import failed, nothing was changed: %s",
		    cause != NULL ? cause : "failed");
	} else if (!published) {
		log_warnx("%s: imported, not published: %s", __func__,
		    cause != NULL ? cause : "failed");
		problem_reply(r->req, 500, "Internal error", NULL,
		    DEC_E_INVALID, "the import was stored but is not in effect "
		    "yet: %s", cause != NULL ? cause : "failed");
	} else {
		if (!dry)
			log_info("import by %s: %zu created, %zu updated, %zu "
			    "unchanged", r->who[0] != '\0' ? r->who :
			    DST_ANONYMOUS, report.ncreated, report.nupdated,
			    report.unchanged);
		reply_json(r->req, 200, "OK", encode_import(&report));
	}
	if (rc == 0)
		dst_import_report_clear(&report);
out:
	dec_errors_clear(&errs);
	free(cause);
	free(entries);
	free(rows);
	json_decref(list);
}
