/*
 * The rail network document: JSON into the network decision/railnet.c
 * solves over, checked member by member.
 *
 *   { "origin": "gent-sint-pieters", "description": "...",
 *     "no_rail": { "AD": "source: no railway in Andorra", ... },
 *     "hubs": [ { "id", "name", "country", "lat", "lon", "coord_source" } ],
 *     "edges": [ { "from", "to", "minutes", "kind": "day|night|change",
 *                  "days": ["mon", ...] (night), "operator", "service",
 *                  "source", "source_date", "estimate", "one_way",
 *                  "ferry", "note" } ] }
 *
 * Every edge carries its source; one that is not an estimate also the
 * date of its timetable.  An edge runs both ways unless one_way.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "destinations/names/names.h"
#include "destinations/store/store.h"

static const char *const doc_keys[] = { "origin", "description", "compiled",
	"sources", "no_rail", "hubs", "edges", NULL };
/* What reads add and writes accept and ignore. */
static const char *const read_only[] = { "version", "updated_at",
	"updated_by", NULL };
static const char *const hub_keys[] = { "id", "name", "country", "lat",
	"lon", "coord_source", NULL };
static const char *const edge_keys[] = { "from", "to", "minutes", "kind",
	"days", "operator", "service", "source", "source_date", "estimate",
	"one_way", "ferry", "note", NULL };
static const char *const kinds[] = { "day", "night", "change", NULL };
static const char *const day_names[] = { "mon", "tue", "wed", "thu", "fri",
	"sat", "sun", NULL };

/* The index of a hub id, or -1. */
static int
hub_index(const struct dst_rail_network *rn, const char *id)
{
	size_t	 i;

	for (i = 0; i < rn->nhubs; i++)
		if (strcmp(rn->hubs[i].id, id) == 0)
			return ((int)i);
	return (-1);
}

/* One hub of the document into rn->hubs[rn->nhubs]. */
static void
hub_read(const json_t *o, size_t i, struct dst_rail_network *rn,
    struct dec_errors *errs)
{
	struct rail_hub	*h = &rn->hubs[rn->nhubs++];
	const char	*s;
	char		 p[48], f[64];
	double		 d;

	snprintf(p, sizeof p, "hubs[%zu].", i);
	if (!json_is_object(o)) {
		dec_errors_add(errs, p, DEC_E_TYPE, "must be an object");
		return;
	}
	(void)dst_json_unknown(o, p, hub_keys, NULL, errs);
	snprintf(f, sizeof f, "%sid", p);
	if ((s = dst_json_string(o, "id", f, 1, sizeof h->id - 1,
	    errs)) != NULL) {
		if (!dst_id_valid(s))
			dec_errors_add(errs, f, DEC_E_FORMAT,
			    "must be 1-63 of a-z, 0-9 and -");
		else
			memcpy(h->id, s, strlen(s) + 1);
	}
	snprintf(f, sizeof f, "%sname", p);
	if ((s = dst_json_string(o, "name", f, 1, sizeof h->name - 1,
	    errs)) != NULL)
		memcpy(h->name, s, strlen(s) + 1);
	snprintf(f, sizeof f, "%scountry", p);
	if ((s = dst_json_string(o, "country", f, 1, 8, errs)) != NULL) {
		if (!dst_country_valid(s))
			dec_errors_add(errs, f, DEC_E_FORMAT, "must be an "
			    "ISO 3166-1 alpha-2 code in capitals (\"BE\")");
		else
			memcpy(h->country, s, 3);
	}
	snprintf(f, sizeof f, "%slat", p);
	if (dst_json_number(o, "lat", f, 1, -90, 90, 0, &d, errs) == 1)
		h->lat = d;
	snprintf(f, sizeof f, "%slon", p);
	if (dst_json_number(o, "lon", f, 1, -180, 180, 0, &d, errs) == 1)
		h->lon = d;
	snprintf(f, sizeof f, "%scoord_source", p);
	(void)dst_json_string(o, "coord_source", f, 1, 1000, errs);
}

/* The days of a night edge as a mask, 0 after an error. */
static unsigned
days_read(const json_t *o, const char *field, struct dec_errors *errs)
{
	const json_t	*v = json_object_get(o, "days"), *d;
	unsigned	 mask = 0;
	size_t		 i;
	int		 k;

	if (v == NULL || json_is_null(v)) {
		dec_errors_add(errs, field, DEC_E_REQUIRED,
		    "a night train needs the days it leaves");
		return (0);
	}
	if (!json_is_array(v) || json_array_size(v) == 0) {
		dec_errors_add(errs, field, DEC_E_TYPE, "must be a list of "
		    "days: \"mon\" to \"sun\"");
		return (0);
	}
	json_array_foreach(v, i, d) {
		for (k = 0; day_names[k] != NULL; k++)
			if (json_is_string(d) &&
			    strcmp(json_string_value(d), day_names[k]) == 0)
				break;
		if (day_names[k] == NULL) {
			dec_errors_add(errs, field, DEC_E_CHOICE, "[%zu] must "
			    "be one of mon, tue, wed, thu, fri, sat, sun", i);
			return (0);
		}
		mask |= 1u << k;
	}
	return (mask);
}

/* One edge of the document into rn->edges (twice unless one way). */
static void
edge_read(const json_t *o, size_t i, struct dst_rail_network *rn,
    struct dec_errors *errs)
{
	struct rail_edge	 e;
	const char		*s;
	char			 p[48], f[64];
	long long		 n;
	int			 k, one_way = 0, estimate = 0;

	memset(&e, 0, sizeof e);
	e.from = e.to = -1;
	snprintf(p, sizeof p, "edges[%zu].", i);
	if (!json_is_object(o)) {
		dec_errors_add(errs, p, DEC_E_TYPE, "must be an object");
		return;
	}
	(void)dst_json_unknown(o, p, edge_keys, NULL, errs);
	snprintf(f, sizeof f, "%sfrom", p);
	if ((s = dst_json_string(o, "from", f, 1, DEC_ID_MAX, errs)) != NULL &&
	    (e.from = hub_index(rn, s)) < 0)
		dec_errors_add(errs, f, DEC_E_INVALID, "no hub \"%s\"", s);
	snprintf(f, sizeof f, "%sto", p);
	if ((s = dst_json_string(o, "to", f, 1, DEC_ID_MAX, errs)) != NULL &&
	    (e.to = hub_index(rn, s)) < 0)
		dec_errors_add(errs, f, DEC_E_INVALID, "no hub \"%s\"", s);
	else if (s != NULL && e.to == e.from)
		dec_errors_add(errs, f, DEC_E_INVALID, "the same hub as from");
	snprintf(f, sizeof f, "%sminutes", p);
	if (dst_json_int(o, "minutes", f, 1, 1, 48 * 60, &n, errs) == 1)
		e.minutes = (int)n;
	snprintf(f, sizeof f, "%skind", p);
	e.kind = RAIL_DAY;
	if ((s = dst_json_string(o, "kind", f, 1, 16, errs)) != NULL) {
		for (k = 0; kinds[k] != NULL && strcmp(kinds[k], s) != 0; k++)
			;
		if (kinds[k] == NULL)
			dec_errors_add(errs, f, DEC_E_CHOICE,
			    "must be day, night or change");
		else
			e.kind = (enum rail_kind)k;
	}
	snprintf(f, sizeof f, "%sdays", p);
	if (e.kind == RAIL_NIGHT)
		e.days = days_read(o, f, errs);
	else {
		e.days = RAIL_ALL_DAYS;
		if (json_object_get(o, "days") != NULL)
			dec_errors_add(errs, f, DEC_E_INVALID,
			    "only a night train has days");
	}
	snprintf(f, sizeof f, "%soperator", p);
	if ((s = dst_json_string(o, "operator", f, e.kind != RAIL_CHANGE,
	    sizeof e.operator - 1, errs)) != NULL)
		memcpy(e.operator, s, strlen(s) + 1);
	snprintf(f, sizeof f, "%sservice", p);
	if ((s = dst_json_string(o, "service", f, 0, sizeof e.service - 1,
	    errs)) != NULL)
		memcpy(e.service, s, strlen(s) + 1);
	snprintf(f, sizeof f, "%sestimate", p);
	(void)dst_json_bool(o, "estimate", f, &estimate, errs);
	e.estimate = estimate;
	snprintf(f, sizeof f, "%ssource", p);
	(void)dst_json_string(o, "source", f, 1, 2000, errs);
	snprintf(f, sizeof f, "%ssource_date", p);
	(void)dst_json_string(o, "source_date", f, !estimate, 64, errs);
	snprintf(f, sizeof f, "%sone_way", p);
	(void)dst_json_bool(o, "one_way", f, &one_way, errs);
	snprintf(f, sizeof f, "%sferry", p);
	(void)dst_json_bool(o, "ferry", f, &e.ferry, errs);
	snprintf(f, sizeof f, "%snote", p);
	(void)dst_json_string(o, "note", f, 0, 2000, errs);

	rn->edges[rn->nedges] = e;
	rn->source[rn->nedges++] = (int)i;
	if (!one_way) {
		e.from = rn->edges[rn->nedges - 1].to;
		e.to = rn->edges[rn->nedges - 1].from;
		rn->edges[rn->nedges] = e;
		rn->source[rn->nedges++] = (int)i;
	}
}

/* The countries without passenger rail: code -> its source. */
static void
no_rail_read(const json_t *o, struct dst_rail_network *rn,
    struct dec_errors *errs)
{
	const char	*cc;
	json_t		*v;
	char		 f[48];

	if (o == NULL || json_is_null(o))
		return;
	if (!json_is_object(o)) {
		dec_errors_add(errs, "no_rail", DEC_E_TYPE, "must be an object: "
		    "country code -> source");
		return;
	}
	if ((rn->no_rail = calloc(json_object_size(o) + 1,
	    sizeof *rn->no_rail)) == NULL)
		abort();
	json_object_foreach((json_t *)o, cc, v) {
		snprintf(f, sizeof f, "no_rail.%.8s", cc);
		if (!dst_country_valid(cc))
			dec_errors_add(errs, f, DEC_E_FORMAT, "not an ISO "
			    "3166-1 alpha-2 code in capitals");
		else if (!json_is_string(v) || json_string_length(v) == 0)
			dec_errors_add(errs, f, DEC_E_REQUIRED, "needs its "
			    "source (a text)");
		else
			memcpy(rn->no_rail[rn->nno_rail++], cc, 3);
	}
}

int
dst_rail_network_from_json(const json_t *in, struct dst_rail_network *rn,
    struct dec_errors *errs)
{
	const json_t	*hubs, *edges, *v;
	const char	*origin;
	size_t		 i, n = errs->n;

	memset(rn, 0, sizeof *rn);
	if (!json_is_object(in)) {
		dec_errors_add(errs, "body", DEC_E_TYPE,
		    "a rail network must be a JSON object");
		return (-1);
	}
	(void)dst_json_unknown(in, "", doc_keys, read_only, errs);
	(void)dst_json_string(in, "description", "description", 0, 4000, errs);
	(void)dst_json_string(in, "compiled", "compiled", 0, 10, errs);
	origin = dst_json_string(in, "origin", "origin", 1, DEC_ID_MAX, errs);
	hubs = json_object_get(in, "hubs");
	edges = json_object_get(in, "edges");
	if (!json_is_array(hubs) || json_array_size(hubs) == 0 ||
	    !json_is_array(edges)) {
		if (!json_is_array(hubs) || json_array_size(hubs) == 0)
			dec_errors_add(errs, "hubs", hubs == NULL ?
			    DEC_E_REQUIRED : DEC_E_TYPE,
			    "must be a list of hubs");
		if (!json_is_array(edges))
			dec_errors_add(errs, "edges", edges == NULL ?
			    DEC_E_REQUIRED : DEC_E_TYPE,
			    "must be a list of edges");
		return (-1);
	}
	rn->hubs = calloc(json_array_size(hubs), sizeof *rn->hubs);
	rn->edges = calloc(2 * json_array_size(edges) + 1, sizeof *rn->edges);
	rn->source = calloc(2 * json_array_size(edges) + 1,
	    sizeof *rn->source);
	if (rn->hubs == NULL || rn->edges == NULL || rn->source == NULL)
		abort();
	json_array_foreach(hubs, i, v)
		hub_read(v, i, rn, errs);
	for (i = 0; i < rn->nhubs; i++)
		if (rn->hubs[i].id[0] != '\0' &&
		    hub_index(rn, rn->hubs[i].id) != (int)i) {
			char f[48];

			snprintf(f, sizeof f, "hubs[%zu].id", i);
			dec_errors_add(errs, f, DEC_E_DUPLICATE,
			    "\"%s\" is given twice", rn->hubs[i].id);
		}
	if (origin != NULL && (rn->origin = hub_index(rn, origin)) < 0)
		dec_errors_add(errs, "origin", DEC_E_INVALID, "no hub \"%s\"",
		    origin);
	json_array_foreach(edges, i, v)
		edge_read(v, i, rn, errs);
	no_rail_read(json_object_get(in, "no_rail"), rn, errs);
	rn->net.hubs = rn->hubs;
	rn->net.nhubs = rn->nhubs;
	rn->net.edges = rn->edges;
	rn->net.nedges = rn->nedges;
	rn->net.no_rail = (const char (*)[3])rn->no_rail;
	rn->net.nno_rail = rn->nno_rail;
	if (errs->n == n)
		(void)rail_net_check(&rn->net, rn->origin, errs);
	if (errs->n != n) {
		dst_rail_network_free(rn);
		return (-1);
	}
	return (0);
}

void
dst_rail_network_free(struct dst_rail_network *rn)
{
	free(rn->hubs);
	free(rn->edges);
	free(rn->source);
	free(rn->no_rail);
	memset(rn, 0, sizeof *rn);
}
