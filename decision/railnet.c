/*
 * The fastest journeys over a rail network (see railnet.h): Dijkstra over
 * the edges taken (not the hubs), since what a change costs depends on
 * the edge a traveller arrives by and the one they leave by.
 */

#include <limits.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decision/railnet.h"

#define MAX_EDGE_MINUTES	(48 * 60)

/* May edge e be taken? */
static int
usable(const struct rail_edge *e, unsigned night_days)
{
	return (e->kind != RAIL_NIGHT || (e->days & night_days) != 0);
}

/* What changing from edge a to edge b at their hub costs. */
static int
allowance(const struct rail_edge *a, const struct rail_edge *b,
    int transfer_minutes)
{
	if (a->kind == RAIL_CHANGE || b->kind == RAIL_CHANGE)
		return (0);
	if (a->service[0] != '\0' && strcmp(a->service, b->service) == 0)
		return (0);
	return (transfer_minutes);
}

/* Is going on from a by b a change of trains?  A change edge is one
 * (counted where it begins); one through service's legs are not. */
static int
is_change(const struct rail_edge *a, const struct rail_edge *b)
{
	if (b->kind == RAIL_CHANGE)
		return (1);
	if (a->kind == RAIL_CHANGE)
		return (0);
	return (a->service[0] == '\0' || strcmp(a->service, b->service) != 0);
}

/* The edges out of each hub: out[start[h]] .. out[start[h + 1] - 1]. */
struct adjacency {
	size_t	*start;
	int	*out;
};

static int
adjacency_build(const struct rail_net *n, struct adjacency *a)
{
	size_t	 i, *fill;

	a->start = calloc(n->nhubs + 1, sizeof *a->start);
	a->out = calloc(n->nedges + 1, sizeof *a->out);
	fill = calloc(n->nhubs + 1, sizeof *fill);
	if (a->start == NULL || a->out == NULL || fill == NULL) {
		free(a->start);
		free(a->out);
		free(fill);
		return (-1);
	}
	for (i = 0; i < n->nedges; i++)
		a->start[n->edges[i].from + 1]++;
	for (i = 0; i < n->nhubs; i++)
		a->start[i + 1] += a->start[i];
	for (i = 0; i < n->nedges; i++) {
		size_t h = (size_t)n->edges[i].from;

		a->out[a->start[h] + fill[h]++] = (int)i;
	}
	free(fill);
	return (0);
}

static void
adjacency_free(struct adjacency *a)
{
	free(a->start);
	free(a->out);
}

/* A binary heap of edge states, by minutes then changes. */
struct item {
	int	 minutes, changes, edge;
};
struct heap {
	struct item	*v;
	size_t		 n, cap;
};

static int
before(const struct item *a, const struct item *b)
{
	return (a->minutes < b->minutes ||
	    (a->minutes == b->minutes && a->changes < b->changes));
}

static int
heap_push(struct heap *h, struct item it)
{
	size_t	 i;

	if (h->n == h->cap) {
		size_t		 cap = h->cap == 0 ? 64 : h->cap * 2;
		struct item	*v = realloc(h->v, cap * sizeof *v);

		if (v == NULL)
			return (-1);
		h->v = v;
		h->cap = cap;
	}
	i = h->n++;
	while (i > 0 && before(&it, &h->v[(i - 1) / 2])) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = it;
	return (0);
}

static struct item
heap_pop(struct heap *h)
{
	struct item	 top = h->v[0], last = h->v[--h->n];
	size_t		 i = 0, c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && before(&h->v[c + 1], &h->v[c]))
			c++;
		if (!before(&h->v[c], &last))
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n > 0)
		h->v[i] = last;
	return (top);
}

int
rail_solve(const struct rail_net *n, int origin, int transfer_minutes,
    unsigned night_days, struct rail_routes *r)
{
	struct adjacency	 adj;
	struct heap		 h = { NULL, 0, 0 };
	struct item		*state = NULL;	/* per edge: best arrival */
	size_t			 i, k;
	int			 rc = -1;

	memset(r, 0, sizeof *r);
	r->net = n;
	r->origin = origin;
	if (origin < 0 || (size_t)origin >= n->nhubs ||
	    adjacency_build(n, &adj) != 0)
		return (-1);
	r->best = calloc(n->nhubs, sizeof *r->best);
	r->prev = calloc(n->nedges + 1, sizeof *r->prev);
	state = calloc(n->nedges + 1, sizeof *state);
	if (r->best == NULL || r->prev == NULL || state == NULL)
		goto out;
	for (i = 0; i < n->nhubs; i++) {
		r->best[i].minutes = RAIL_UNREACHABLE;
		r->best[i].edge = -1;
	}
	r->best[origin].minutes = 0;
	for (i = 0; i < n->nedges; i++) {
		state[i].minutes = INT_MAX;
		r->prev[i] = -1;
	}
	for (k = adj.start[origin]; k < adj.start[origin + 1]; k++) {
		int e = adj.out[k];

		if (!usable(&n->edges[e], night_days))
			continue;
		state[e] = (struct item){ n->edges[e].minutes, 0, e };
		if (heap_push(&h, state[e]) != 0)
			goto out;
	}
	while (h.n > 0) {
		struct item		 it = heap_pop(&h);
		const struct rail_edge	*a = &n->edges[it.edge];
		struct rail_best	*b = &r->best[a->to];

		if (it.minutes != state[it.edge].minutes ||
		    it.changes != state[it.edge].changes)
			continue;	/* a better way there was found */
		if (a->to != origin && (b->minutes == RAIL_UNREACHABLE ||
		    it.minutes < b->minutes || (it.minutes == b->minutes &&
		    it.changes < b->changes))) {
			b->minutes = it.minutes;
			b->changes = it.changes;
			b->edge = it.edge;
		}
		for (k = adj.start[a->to]; k < adj.start[a->to + 1]; k++) {
			const struct rail_edge	*f = &n->edges[adj.out[k]];
			struct item		 next;

			if (!usable(f, night_days) || f->to == a->from)
				continue;
			next.edge = adj.out[k];
			next.minutes = it.minutes + allowance(a, f,
			    transfer_minutes) + f->minutes;
			next.changes = it.changes + is_change(a, f);
			if (!before(&next, &state[next.edge]))
				continue;
			state[next.edge] = next;
			r->prev[next.edge] = it.edge;
			if (heap_push(&h, next) != 0)
				goto out;
		}
	}
	/* Whether each hub's journey takes a night train. */
	for (i = 0; i < n->nhubs; i++) {
		int e;

		for (e = r->best[i].edge; e != -1; e = r->prev[e])
			if (n->edges[e].kind == RAIL_NIGHT)
				r->best[i].night = 1;
	}
	rc = 0;
out:
	free(h.v);
	free(state);
	adjacency_free(&adj);
	if (rc != 0)
		rail_routes_free(r);
	return (rc);
}

void
rail_routes_free(struct rail_routes *r)
{
	free(r->best);
	free(r->prev);
	r->best = NULL;
	r->prev = NULL;
}

size_t
rail_path(const struct rail_routes *r, int hub, int *v, size_t max)
{
	size_t	 n = 0, i;
	int	 e;

	if (hub < 0 || (size_t)hub >= r->net->nhubs)
		return (0);
	for (e = r->best[hub].edge; e != -1; e = r->prev[e])
		n++;
	if (n > max)
		return (0);
	i = n;
	for (e = r->best[hub].edge; e != -1; e = r->prev[e])
		v[--i] = e;
	return (n);
}

#define MAX_NEAR_HUBS	20

/* The minutes of a leg of km (great circle) at kmh over a detour. */
static int
leg_minutes(double km, double detour, double kmh)
{
	return ((int)ceil(km * detour / kmh * 60.0 - 1e-9));
}

/* The `want` hubs nearest (lat, lon), nearest first, with their great-
 * circle km: how many. */
static int
nearest_hubs(const struct rail_net *n, double lat, double lon, int want,
    int *near, double *km)
{
	double	 x, c = cos(lat * M_PI / 180.0), dx, dy, d2[MAX_NEAR_HUBS];
	size_t	 h;
	int	 k = 0, i;

	/* Ranked on the map (cheap), then measured on the sphere. */
	for (h = 0; h < n->nhubs; h++) {
		dx = (n->hubs[h].lon - lon) * c;
		if (dx > 180.0)
			dx -= 360.0;
		else if (dx < -180.0)
			dx += 360.0;
		dy = n->hubs[h].lat - lat;
		x = dx * dx + dy * dy;
		for (i = k; i > 0 && d2[i - 1] > x; i--)
			if (i < want) {
				d2[i] = d2[i - 1];
				near[i] = near[i - 1];
			}
		if (i < want) {
			d2[i] = x;
			near[i] = (int)h;
			if (k < want)
				k++;
		}
	}
	for (i = 0; i < k; i++)
		km[i] = dec_haversine_km(lat, lon, n->hubs[near[i]].lat,
		    n->hubs[near[i]].lon);
	return (k);
}

/* A leg by regional train or bus between a hub and a point. */
static void
local_leg(struct dec_route_leg *l, const struct rail_model *m, int by_bus,
    const char *from, const char *to, const char *country, double km)
{
	const struct dec_policy	*p = m->policy;
	double			 detour = by_bus ? p->coach_detour :
				    p->rail_detour;

	memset(l, 0, sizeof *l);
	l->kind = by_bus ? DEC_LEG_BUS : DEC_LEG_REGIONAL;
	l->from = from != NULL ? from : "";
	l->to = to != NULL ? to : "";
	l->operator = "";
	l->minutes = leg_minutes(km, detour, by_bus ? p->rail_bus_kmh :
	    p->rail_regional_kmh);
	l->estimated = 1;
	l->edge = -1;
	l->km = dec_round(km * detour, 1);
	l->nparts = 1;
	dec_copy(l->parts[0].country, sizeof l->parts[0].country, country);
	l->ncountries = 1;
	dec_copy(l->countries[0], sizeof l->countries[0], country);
	l->parts[0].km = l->km;
	l->parts[0].factor = by_bus ? DEC_FACTOR_COACH : m->factors != NULL ?
	    dec_rail_factor_find(m->factors, NULL, country) : DEC_FACTOR_RAIL;
}

/* A leg along an edge of the network. */
static void
edge_leg(struct dec_route_leg *l, const struct rail_model *m, int e)
{
	const struct rail_net	*n = m->net;
	const struct rail_edge	*ed = &n->edges[e];
	const struct rail_hub	*a = &n->hubs[ed->from], *b = &n->hubs[ed->to];
	int			 i;

	memset(l, 0, sizeof *l);
	l->kind = ed->kind == RAIL_NIGHT ? DEC_LEG_NIGHT :
	    ed->kind == RAIL_CHANGE ? DEC_LEG_CHANGE : ed->ferry ?
	    DEC_LEG_FERRY : DEC_LEG_TRAIN;
	l->from = a->name;
	l->to = b->name;
	l->operator = ed->operator;
	l->minutes = ed->minutes;
	l->estimated = ed->estimate;
	l->edge = e;
	if (m->edges != NULL && m->edges[e].nparts > 0) {
		l->ncountries = m->edges[e].ncountries;
		memcpy(l->countries, m->edges[e].countries,
		    sizeof l->countries);
		l->nparts = m->edges[e].nparts;
		for (i = 0; i < l->nparts; i++) {
			l->parts[i] = m->edges[e].parts[i];
			l->km += l->parts[i].km;
		}
		l->km = dec_round(l->km, 1);
		return;
	}
	l->km = dec_round(dec_haversine_km(a->lat, a->lon, b->lat, b->lon) *
	    m->policy->rail_detour, 1);
	l->nparts = 1;
	dec_copy(l->parts[0].country, sizeof l->parts[0].country, a->country);
	l->ncountries = 1;
	dec_copy(l->countries[0], sizeof l->countries[0], a->country);
	if (strcmp(b->country, a->country) != 0) {
		l->ncountries = 2;
		dec_copy(l->countries[1], sizeof l->countries[1], b->country);
	}
	l->parts[0].km = l->km;
	l->parts[0].factor = m->factors != NULL ?
	    dec_rail_factor_find(m->factors, ed->operator, NULL) :
	    DEC_FACTOR_RAIL;
}

/* The journey to a place (see railnet.h). */
int
rail_route(const struct rail_model *m, const char *place, const char *country,
    double lat, double lon, struct dec_route *rt)
{
	const struct rail_net	*n = m->net;
	const struct dec_policy	*p = m->policy;
	const struct rail_hub	*o = &n->hubs[m->routes->origin];
	double			 km[MAX_NEAR_HUBS], okm;
	int			 near[MAX_NEAR_HUBS], edges[DEC_ROUTE_LEGS];
	int			 k, j, best = -1, best_min = 0, access = 0;
	int			 last, by_bus, change, total, nedges;
	int			 own = -1, no_rail = 0, e;
	const struct rail_best	*b;
	size_t			 h;

	/* The legs are written whole as they are added. */
	memset(rt, 0, offsetof(struct dec_route, legs));
	if (country == NULL || *country == '\0')
		own = 0;
	else
		for (h = 0; h < n->nno_rail && !no_rail; h++)
			no_rail = strcmp(n->no_rail[h], country) == 0;
	rt->night_edge = -1;
	rt->transfer_minutes = (int)ceil(p->rail_transfer_minutes - 1e-9);
	k = p->rail_nearest_hubs < 1 ? 1 : p->rail_nearest_hubs >
	    MAX_NEAR_HUBS ? MAX_NEAR_HUBS : p->rail_nearest_hubs;
	k = nearest_hubs(n, lat, lon, k, near, km);

	/* From the origin to its hub, when it is not at the hub. */
	okm = dec_haversine_km(p->origin_lat, p->origin_lon, o->lat, o->lon);
	if (okm >= 1.0)
		access = leg_minutes(okm, p->rail_detour,
		    p->rail_regional_kmh) + rt->transfer_minutes;

	for (j = 0; j < k; j++) {
		b = &m->routes->best[near[j]];
		if (b->minutes == RAIL_UNREACHABLE)
			continue;
		by_bus = km[j] > p->rail_station_km || no_rail;
		/* A bus runs from a hub of the place's own country where it
		 * has one: not across a border or the sea (Holyhead to
		 * Dublin).  Whether it has one is looked for only then. */
		if (by_bus && own == -1)
			for (h = 0, own = 0; h < n->nhubs && !own; h++)
				own = strcmp(n->hubs[h].country, country) == 0;
		if (by_bus && own && strcmp(n->hubs[near[j]].country,
		    country) != 0)
			continue;
		last = km[j] < 1.0 ? 0 : leg_minutes(km[j], by_bus ?
		    p->coach_detour : p->rail_detour, by_bus ?
		    p->rail_bus_kmh : p->rail_regional_kmh);
		change = last > 0 && near[j] != m->routes->origin ?
		    rt->transfer_minutes : 0;
		total = access + b->minutes + change + last;
		if (best != -1 && total >= best_min)
			continue;
		best = j;
		best_min = total;
	}
	if (best == -1)
		return (-1);

	b = &m->routes->best[near[best]];
	nedges = (int)rail_path(m->routes, near[best], edges,
	    DEC_ROUTE_LEGS - 2);
	if (nedges == 0 && b->edge != -1)
		return (-1);		/* more legs than an answer holds */
	rt->found = 1;
	rt->minutes = best_min;
	rt->transfers = b->changes;
	rt->station_km = dec_round(km[best], 1);
	rt->by_bus = km[best] > p->rail_station_km || no_rail;
	if (access > 0) {
		local_leg(&rt->legs[rt->nlegs++], m, 0, p->origin_name,
		    o->name, p->origin_country, okm);
		rt->transfers++;
	}
	for (j = 0; j < nedges; j++)
		edge_leg(&rt->legs[rt->nlegs++], m, edges[j]);
	if (km[best] >= 1.0) {
		local_leg(&rt->legs[rt->nlegs++], m, rt->by_bus,
		    n->hubs[near[best]].name, place, country, km[best]);
		if (nedges > 0)
			rt->transfers++;
	}

	/*
	 * A night train of the trip's days that reaches one of the place's
	 * hubs (with a station near), boarded within a working day of
	 * leaving: a day's journey and a night, not two days and a night.
	 */
	if (m->night_in != NULL)
		for (j = 0; j < k && rt->night_edge == -1; j++) {
			e = m->night_in[near[j]];
			if (km[j] > p->rail_station_km || e == -1 ||
			    access + m->routes->best[n->edges[e].from].minutes >
			    p->working_day_hours * 60.0)
				continue;
			rt->night = 1;
			rt->night_edge = e;
		}
	return (0);
}

/* Does the journey to hub `to` already pass through hub `via`? */
static int
passes(const struct rail_routes *r, int to, int via)
{
	int	e;

	if (to == via || via == r->origin)
		return (1);
	for (e = r->best[to].edge; e != -1; e = r->prev[e])
		if (r->net->edges[e].from == via || r->net->edges[e].to == via)
			return (1);
	return (0);
}

/* The night trains reaching each hub (see railnet.h). */
void
rail_night_arrivals(const struct rail_routes *r, unsigned days,
    int transfer_minutes, int *night_in)
{
	const struct rail_net	*n = r->net;
	const struct rail_edge	*e;
	int			*at;
	size_t			 i;
	int			 t;

	if ((at = calloc(n->nhubs + 1, sizeof *at)) == NULL)
		abort();
	for (i = 0; i < n->nhubs; i++)
		night_in[i] = -1;
	for (i = 0; i < n->nedges; i++) {
		e = &n->edges[i];
		if (e->kind != RAIL_NIGHT || (e->days & days) == 0 ||
		    r->best[e->from].minutes == RAIL_UNREACHABLE ||
		    passes(r, e->from, e->to))
			continue;
		t = r->best[e->from].minutes + (e->from == r->origin ? 0 :
		    transfer_minutes) + e->minutes;
		if (night_in[e->to] == -1 || t < at[e->to]) {
			night_in[e->to] = (int)i;
			at[e->to] = t;
		}
	}
	free(at);
}

/* Mark every hub reachable from origin along the edges (reverse: against
 * them). */
static void
reach(const struct rail_net *n, int origin, int reverse, unsigned char *seen)
{
	int	*stack;
	size_t	 top = 0, i;

	if (n->nhubs == 0 || (stack = calloc(n->nhubs, sizeof *stack)) == NULL)
		return;
	seen[origin] = 1;
	stack[top++] = origin;
	while (top > 0) {
		int h = stack[--top];

		for (i = 0; i < n->nedges; i++) {
			const struct rail_edge *e = &n->edges[i];
			int from = reverse ? e->to : e->from;
			int to = reverse ? e->from : e->to;

			if (from != h || to < 0 || (size_t)to >= n->nhubs ||
			    seen[to])
				continue;
			seen[to] = 1;
			stack[top++] = to;
		}
	}
	free(stack);
}

int
rail_net_check(const struct rail_net *n, int origin, struct dec_errors *errs)
{
	unsigned char	*fwd, *back;
	char		 f[64];
	size_t		 i, j, before_n = errs->n;

	if (origin < 0 || (size_t)origin >= n->nhubs)
		dec_errors_add(errs, "origin", DEC_E_INVALID,
		    "the origin must be one of the hubs");
	for (i = 0; i < n->nhubs; i++) {
		const struct rail_hub *h = &n->hubs[i];

		snprintf(f, sizeof f, "hubs[%zu].id", i);
		if (h->id[0] == '\0')
			dec_errors_add(errs, f, DEC_E_REQUIRED, "missing");
		for (j = 0; j < i; j++)
			if (strcmp(h->id, n->hubs[j].id) == 0) {
				dec_errors_add(errs, f, DEC_E_DUPLICATE,
				    "\"%s\" is also hubs[%zu]", h->id, j);
				break;
			}
		snprintf(f, sizeof f, "hubs[%zu].lat", i);
		if (!(h->lat >= -90 && h->lat <= 90))
			dec_errors_add(errs, f, DEC_E_RANGE,
			    "must be between -90 and 90");
		snprintf(f, sizeof f, "hubs[%zu].lon", i);
		if (!(h->lon >= -180 && h->lon <= 180))
			dec_errors_add(errs, f, DEC_E_RANGE,
			    "must be between -180 and 180");
	}
	for (i = 0; i < n->nedges; i++) {
		const struct rail_edge *e = &n->edges[i];

		snprintf(f, sizeof f, "edges[%zu].from", i);
		if (e->from < 0 || (size_t)e->from >= n->nhubs)
			dec_errors_add(errs, f, DEC_E_INVALID, "not a hub");
		snprintf(f, sizeof f, "edges[%zu].to", i);
		if (e->to < 0 || (size_t)e->to >= n->nhubs)
			dec_errors_add(errs, f, DEC_E_INVALID, "not a hub");
		else if (e->to == e->from)
			dec_errors_add(errs, f, DEC_E_INVALID,
			    "the same hub as from");
		snprintf(f, sizeof f, "edges[%zu].minutes", i);
		if (e->minutes < 1 || e->minutes > MAX_EDGE_MINUTES)
			dec_errors_add(errs, f, DEC_E_RANGE,
			    "must be 1 to %d", MAX_EDGE_MINUTES);
		snprintf(f, sizeof f, "edges[%zu].days", i);
		if (e->kind == RAIL_NIGHT && (e->days & RAIL_ALL_DAYS) == 0)
			dec_errors_add(errs, f, DEC_E_REQUIRED,
			    "a night train needs the days it leaves");
	}
	if (errs->n != before_n)
		return (-1);
	fwd = calloc(n->nhubs, 1);
	back = calloc(n->nhubs, 1);
	if (fwd == NULL || back == NULL)
		abort();
	reach(n, origin, 0, fwd);
	reach(n, origin, 1, back);
	for (i = 0; i < n->nhubs; i++) {
		snprintf(f, sizeof f, "hubs[%zu]", i);
		if (!fwd[i])
			dec_errors_add(errs, f, DEC_E_INVALID, "\"%s\" cannot "
			    "be reached from \"%s\"", n->hubs[i].id,
			    n->hubs[origin].id);
		else if (!back[i])
			dec_errors_add(errs, f, DEC_E_INVALID, "\"%s\" has no "
			    "way back to \"%s\"", n->hubs[i].id,
			    n->hubs[origin].id);
	}
	free(fwd);
	free(back);
	return (errs->n == before_n ? 0 : -1);
}
