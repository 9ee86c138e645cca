/*
 * The rail network as a snapshot holds it: the network read from the
 * store, its fastest journeys from the origin solved once for a departure
 * on each day of the week (with the night trains of that day and the
 * evening before, and which of them reach each hub), and each
 * edge's rail distance split by country at the borders (GEOS).  All of it
 * depends only on the network, the policy and the borders, so it is
 * shared with the snapshot it replaces while those three are the same; a
 * snapshot adds only which factor each stretch takes, from its factor
 * set.  A request then looks its route up: the nearest hubs, a path that
 * is already solved, and the last leg.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/snapshot/snapshot-int.h"

/* Free what the network holds (its last reference is gone). */
static void
rail_free(struct dst_rail *r)
{
	int	d;

	for (d = 0; d < 7; d++) {
		rail_routes_free(&r->week[d]);
		free(r->night_in[d]);
	}
	free(r->split);
	for (d = 0; (size_t)d < r->ndoc_edges; d++) {
		free(r->source_json[d]);
		free(r->date_json[d]);
	}
	free(r->source_json);
	free(r->date_json);
	dst_rail_network_free(&r->rn);
	json_decref(r->doc);
	free(r);
}

void
dst_rail_unref(struct dst_rail *r)
{
	if (r != NULL && atomic_fetch_sub_explicit(&r->refs, 1,
	    memory_order_acq_rel) == 1)
		rail_free(r);
}

/* The night trains a departure on weekday w (0 Monday) can take: those
 * leaving that day or the evening before. */
static unsigned
night_days(int w)
{
	return ((1u << w) | (1u << ((w + 6) % 7)));
}

/* Split every edge at the borders: its share of each country. */
static void
rail_split(struct dst_rail *r, const struct geo_borders *b)
{
	const struct rail_net	*n = &r->rn.net;
	const struct rail_edge	*e;
	const struct rail_hub	*a, *z;
	struct geo_share	 sh[DEC_LEG_PARTS];
	struct dst_rail_split	*sp;
	size_t			 i, k, j;

	if ((r->split = calloc(n->nedges + 1, sizeof *r->split)) == NULL)
		abort();
	for (i = 0; i < n->nedges; i++) {
		e = &n->edges[i];
		a = &n->hubs[e->from];
		z = &n->hubs[e->to];
		sp = &r->split[i];
		sp->km = dec_round(dec_haversine_km(a->lat, a->lon, z->lat,
		    z->lon) * r->detour, 1);
		k = strcmp(a->country, z->country) == 0 ? 0 :
		    geo_borders_split(b, a->lat, a->lon, z->lat, z->lon, sh,
		    DEC_LEG_PARTS);
		if (k == 0) {
			/* Within one country (or no border found). */
			memcpy(sh[0].cc, a->country, 3);
			sh[0].share = 1.0;
			k = 1;
		}
		sp->n = (int)k;
		for (j = 0; j < k; j++) {
			memcpy(sp->cc[j], sh[j].cc, 3);
			sp->share[j] = sh[j].share;
		}
	}
}

/* A string member of o as a JSON value ("null" when absent), quoted. */
static char *
quoted(const json_t *o, const char *key)
{
	const json_t	*v = json_object_get(o, key);
	char		*s;

	if ((s = json_is_string(v) ? json_dumps(v, JSON_ENCODE_ANY) :
	    strdup("null")) == NULL)
		abort();
	return (s);
}

/* Every edge's source and date, quoted once for the answers. */
static void
rail_sources(struct dst_rail *r)
{
	const json_t	*edges = json_object_get(r->doc, "edges");
	size_t		 i, n = json_array_size(edges);

	if ((r->source_json = calloc(n + 1, sizeof *r->source_json)) == NULL ||
	    (r->date_json = calloc(n + 1, sizeof *r->date_json)) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		r->source_json[i] = quoted(json_array_get(edges, i), "source");
		r->date_json[i] = quoted(json_array_get(edges, i),
		    "source_date");
	}
	r->ndoc_edges = n;
}

/* Solve the network read into r for the policy p. */
static int
rail_solve_all(struct dst_rail *r, const struct dec_policy *p, char **cause)
{
	int	d, t;

	t = (int)ceil(p->rail_transfer_minutes - 1e-9);
	for (d = 0; d < 7; d++) {
		if (rail_solve(&r->rn.net, r->rn.origin, t, night_days(d),
		    &r->week[d]) != 0 || (r->night_in[d] = calloc(
		    r->rn.nhubs + 1, sizeof *r->night_in[d])) == NULL)
			goto fail;
		rail_night_arrivals(&r->week[d], night_days(d), t,
		    r->night_in[d]);
	}
	return (0);
fail:
	dst_set_cause(cause, "out of memory solving the rail network");
	return (-1);
}

/*
 * The rail network of a snapshot being loaded (inside its read
 * transaction): prev's when the network, the policy and the borders are
 * the ones it was built for.
 */
int
dst_rail_load(struct dst_snapshot *s, struct dst_store *st,
    const struct dst_snapshot *prev, char **cause)
{
	struct dst_rail	*r;

	if ((r = calloc(1, sizeof *r)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	atomic_init(&r->refs, 1);
	if (dst_read_rail_network(st, &r->rn, &r->version, &r->doc,
	    cause) != 0) {
		free(r);
		return (-1);
	}
	if (prev != NULL && prev->rail != NULL &&
	    prev->rail->version == r->version &&
	    prev->rail->policy_version == s->policy.version &&
	    prev->rail->geo_generation == s->geo_generation) {
		rail_free(r);
		atomic_fetch_add_explicit(&prev->rail->refs, 1,
		    memory_order_relaxed);
		s->rail = prev->rail;
		return (0);
	}
	r->policy_version = s->policy.version;
	r->geo_generation = s->geo_generation;
	r->detour = s->policy.rail_detour;
	s->rail = r;
	rail_sources(r);
	return (rail_solve_all(r, &s->policy, cause));
}

/* An entry's hours over the network (Monday), or -1. */
static void
entry_network_hours(struct dst_snapshot *s, struct dst_entry *e)
{
	struct dec_place	 pl;
	struct dec_route	 rt;

	memset(&pl, 0, sizeof pl);
	dec_copy(pl.name, sizeof pl.name, e->name);
	dec_copy(pl.country, sizeof pl.country, e->country);
	pl.lat = e->lat;
	pl.lon = e->lon;
	e->network_hours = dst_snapshot_route(s, &pl, 4, &rt) == 0 ?
	    dec_round(rt.minutes / 60.0, 1) : -1;	/* day 4: a Monday */
}

/*
 * After the borders are in: split the edges (a network built for this
 * snapshot), then give each stretch its factor from the snapshot's set.
 * A leg that is one operator's through train with a factor of its own is
 * one stretch at that factor.
 */
void
dst_rail_derive(struct dst_snapshot *s)
{
	struct dst_rail		*r = s->rail;
	const struct rail_net	*n = &r->rn.net;
	const struct dst_rail_split *sp;
	struct rail_edge_km	*ek;
	double			 sum;
	size_t			 i;
	int			 j, op;

	if (r->split == NULL)
		rail_split(r, s->borders);
	if ((s->rail_edges = calloc(n->nedges + 1,
	    sizeof *s->rail_edges)) == NULL)
		abort();
	for (i = 0; i < n->nedges; i++) {
		sp = &r->split[i];
		ek = &s->rail_edges[i];
		ek->ncountries = sp->n;
		memcpy(ek->countries, sp->cc, sizeof ek->countries);
		op = dec_rail_factor_find(&s->factors, n->edges[i].operator,
		    NULL);
		if (op >= 0) {
			ek->nparts = 1;
			ek->parts[0].km = sp->km;
			ek->parts[0].factor = op;
			continue;
		}
		ek->nparts = sp->n;
		for (j = 0, sum = 0; j < sp->n; j++) {
			memcpy(ek->parts[j].country, sp->cc[j], 3);
			ek->parts[j].km = j < sp->n - 1 ?
			    dec_round(sp->km * sp->share[j], 1) :
			    dec_round(sp->km - sum, 1);
			sum += ek->parts[j].km;
			ek->parts[j].factor = dec_rail_factor_find(&s->factors,
			    NULL, sp->cc[j]);
		}
	}
	/* The source of every factor a stretch may take, quoted once. */
	for (j = DEC_FACTOR_COACH; j < s->factors.nrail; j++) {
		json_t	*v = json_string(dec_stretch_factor(&s->factors,
		    j)->source);

		if (v == NULL || (s->factor_source_json[j + 2] = json_dumps(v,
		    JSON_ENCODE_ANY)) == NULL)
			abort();
		json_decref(v);
	}
	/* Each entry's time over the network, for a Monday departure: the
	 * administrator compares it with the list's. */
	for (i = 0; i < s->nentries; i++)
		entry_network_hours(s, &s->entries[i]);
}

/* The journey to a place (see snapshot.h). */
int
dst_snapshot_route(const struct dst_snapshot *s, const struct dec_place *pl,
    long departure, struct dec_route *rt)
{
	struct rail_model	 m;
	const struct dst_rail	*r = s->rail;
	int			 w;

	memset(rt, 0, sizeof *rt);
	if (r == NULL)
		return (-1);
	w = (int)(((departure % 7) + 7 + 3) % 7);	/* 1970-01-01: Thu */
	m.net = &r->rn.net;
	m.routes = &r->week[w];
	m.night_in = r->night_in[w];
	m.edges = s->rail_edges;
	m.policy = &s->policy;
	m.factors = &s->factors;
	if (rail_route(&m, pl->name, pl->country, pl->lat, pl->lon, rt) != 0)
		return (-1);
	rt->network_version = r->version;
	return (0);
}

/* The rail network's version, and the source of one of its edges. */
int
dst_snapshot_rail_version(const struct dst_snapshot *s)
{
	return (s->rail != NULL ? s->rail->version : 0);
}

int
dst_snapshot_rail_source(const struct dst_snapshot *s, int edge,
    const char **source, const char **date)
{
	const struct dst_rail	*r = s->rail;
	size_t			 i;

	*source = *date = NULL;
	if (r == NULL || edge < 0 || (size_t)edge >= r->rn.nedges ||
	    (i = (size_t)r->rn.source[edge]) >= r->ndoc_edges)
		return (-1);
	*source = r->source_json[i];
	*date = r->date_json[i];
	return (0);
}

/* The source of a stretch's factor as a JSON value, quoted once. */
const char *
dst_snapshot_factor_source_json(const struct dst_snapshot *s, int factor)
{
	if (factor < DEC_FACTOR_COACH || factor >= s->factors.nrail ||
	    s->factor_source_json[factor + 2] == NULL)
		return ("null");
	return (s->factor_source_json[factor + 2]);
}

/* The network's hubs and edges as read (for the admin's comparison). */
const struct rail_net *
dst_snapshot_rail_net(const struct dst_snapshot *s)
{
	return (s->rail != NULL ? &s->rail->rn.net : NULL);
}
