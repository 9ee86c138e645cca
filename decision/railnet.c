/*
 * The fastest journeys over a rail network (see railnet.h): Dijkstra over
 * the edges taken (not the hubs), since what a change costs depends on
 * the edge a traveller arrives by and the one they leave by.
 */

#include <limits.h>
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

#define MAX_NEAR_HUBS	8

int
rail_door_to_door(const struct rail_routes *r, double lat, double lon,
    const struct rail_last_leg *leg, struct rail_door *d)
{
	const struct rail_net	*n = r->net;
	double			 km[MAX_NEAR_HUBS];
	int			 near[MAX_NEAR_HUBS], k = 0, want, i, j;
	size_t			 h;

	memset(d, 0, sizeof *d);
	d->hub = -1;
	want = leg->hubs < 1 ? 1 : leg->hubs > MAX_NEAR_HUBS ? MAX_NEAR_HUBS :
	    leg->hubs;
	/* The nearest hubs, nearest first (insertion into a short list). */
	for (h = 0; h < n->nhubs; h++) {
		double x = dec_haversine_km(lat, lon, n->hubs[h].lat,
		    n->hubs[h].lon);

		for (i = k; i > 0 && km[i - 1] > x; i--) {
			if (i < want) {
				km[i] = km[i - 1];
				near[i] = near[i - 1];
			}
		}
		if (i < want) {
			km[i] = x;
			near[i] = (int)h;
			if (k < want)
				k++;
		}
	}
	for (j = 0; j < k; j++) {
		const struct rail_best *b = &r->best[near[j]];
		int last;

		if (b->minutes == RAIL_UNREACHABLE)
			continue;
		last = (int)ceil(km[j] * leg->detour / leg->kmh * 60.0 - 1e-9);
		if (d->hub != -1 && b->minutes + last >= d->minutes)
			continue;
		d->hub = near[j];
		d->hub_minutes = b->minutes;
		d->last_km = km[j];
		d->last_minutes = last;
		d->minutes = b->minutes + last;
		d->by_bus = km[j] > leg->max_station_km;
	}
	return (d->hub == -1 ? -1 : 0);
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
