/* The destination list: read, and (admin) add, replace, retire, import. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Not yet built: 501 as problem+json. */
static void
not_yet(struct request *r)
{
	problem_reply(r->req, 501, "Not implemented", NULL, "%s", r->path);
}

void api_destination_create(struct request *r) { not_yet(r); }
void api_destination_put(struct request *r) { not_yet(r); }
void api_destination_retire(struct request *r) { not_yet(r); }
void api_destination_history(struct request *r) { not_yet(r); }
void api_destinations_import(struct request *r) { not_yet(r); }
