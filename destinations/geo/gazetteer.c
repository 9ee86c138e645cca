/*
 * The gazetteer: places that are not on the list, found by name.  The
 * places are held compactly (strings in one pool, 32-bit offsets) with a
 * sorted index of (normalised name, place), so that memory and lookups
 * stay small as the gazetteer grows.  Built once from the rows it is
 * given, then immutable and shared by reference.
 */

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "destinations/geo/geo-int.h"

#define KEY_MAX			(DEC_NAME_MAX * 2)
#define CP_MAX			128	/* code points compared
					 * for suggestions */
#define SUGG_KEEP		(2 * DST_MAX_SUGGESTIONS)	/* candidates */
#define NO_STRING		UINT32_MAX

/* One place; strings are offsets into the pool (NO_STRING: ""). */
struct place {
	double		 lat, lon;
	uint32_t	 name, name_nl, name_en;
	uint32_t	 population;
	int32_t		 geonameid;
	char		 country[3];
	unsigned char	 capital;
};

/* One key of the index: a normalised name (pool offset) -> a place. */
struct place_key {
	uint32_t	 key;
	uint32_t	 place;		/* index into v, | KEY_ALT */
};
#define KEY_ALT		0x80000000u	/* a form of the name (ASCII, without
					 * its qualifier) not to show */
#define NKEYS		5		/* keys a place can have */

struct geo_gazetteer {
	atomic_int	 refs;
	struct place	*v;
	size_t		 n, cap;
	struct place_key *idx;		/* sorted by key, then place */
	size_t		 nidx, icap;
	char		*pool;		/* display names and keys */
	size_t		 poollen, poolcap;
};

/* Append a string (len bytes and a NUL) to the pool; its offset. */
static int
pool_add(struct geo_gazetteer *g, const char *s, size_t len, uint32_t *off)
{
	size_t	 cap;
	char	*np;

	if (g->poollen + len + 1 > g->poolcap) {
		cap = g->poolcap == 0 ? 65536 : g->poolcap;
		while (g->poollen + len + 1 > cap)
			cap *= 2;
		if (cap > UINT32_MAX || (np = realloc(g->pool, cap)) == NULL)
			return (-1);
		g->pool = np;
		g->poolcap = cap;
	}
	memcpy(g->pool + g->poollen, s, len);
	g->pool[g->poollen + len] = '\0';
	*off = (uint32_t)g->poollen;
	g->poollen += len + 1;
	return (0);
}

/* A name into the pool (NO_STRING for ""). */
static int
pool_text(struct geo_gazetteer *g, const char *t, uint32_t *off)
{
	if (t == NULL || *t == '\0') {
		*off = NO_STRING;
		return (0);
	}
	return (pool_add(g, t, dec_utf8_prefix(t, DEC_NAME_MAX - 1), off));
}

static const char *
pool_str(const struct geo_gazetteer *g, uint32_t off)
{
	return (off == NO_STRING ? "" : g->pool + off);
}

/* Sorting the index needs the pool: keys are compared through it (one
 * thread-local: snapshots may load on several threads at once). */
static _Thread_local const char *sort_pool;

static int
key_cmp(const void *a, const void *b)
{
	const struct place_key	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(sort_pool + x->key, sort_pool + y->key)) != 0)
		return (c);
	return (x->place < y->place ? -1 : x->place > y->place);
}

/*
 * Add the keys of place i: its name, ASCII name, Dutch and English names
 * and, for a name with a qualifier in parentheses ("Frankfurt (Oder)",
 * "Halle (Saale)"), the name without it: normalised, each once.
 */
static int
index_place(struct geo_gazetteer *g, size_t i, const char *ascii, size_t *cap)
{
	const struct place	*p = &g->v[i];
	const char		*src[NKEYS], *paren;
	char			 keys[NKEYS][KEY_MAX], base[DEC_NAME_MAX];
	struct place_key	*ni;
	uint32_t		 off;
	size_t			 len;
	int			 n, k, dup;

	src[0] = pool_str(g, p->name);
	src[1] = pool_str(g, p->name_nl);
	src[2] = pool_str(g, p->name_en);
	src[3] = ascii;
	len = strlen(src[0]);
	base[0] = '\0';
	if (len > 0 && src[0][len - 1] == ')' &&
	    (paren = strstr(src[0], " (")) != NULL && paren > src[0])
		snprintf(base, sizeof base, "%.*s", (int)(paren - src[0]),
		    src[0]);
	src[4] = base;
	/* All keys first: adding to the pool may move the names. */
	for (n = 0; n < NKEYS; n++)
		dst_normalize(src[n], keys[n], KEY_MAX);
	for (n = 0; n < NKEYS; n++) {
		if (keys[n][0] == '\0')
			continue;
		for (k = 0, dup = 0; k < n && !dup; k++)
			dup = strcmp(keys[k], keys[n]) == 0;
		if (dup)
			continue;
		if (g->nidx == *cap) {
			*cap = *cap == 0 ? 1024 : *cap * 2;
			if ((ni = reallocarray(g->idx, *cap,
			    sizeof *ni)) == NULL)
				return (-1);
			g->idx = ni;
		}
		if (pool_add(g, keys[n], strlen(keys[n]), &off) != 0)
			return (-1);
		g->idx[g->nidx].key = off;
		g->idx[g->nidx].place = (uint32_t)i | (n >= 3 ? KEY_ALT : 0);
		g->nidx++;
	}
	return (0);
}

/* A new, empty gazetteer with one reference. */
struct geo_gazetteer *
geo_gazetteer_new(void)
{
	struct geo_gazetteer	*g;

	if ((g = calloc(1, sizeof *g)) == NULL)
		return (NULL);
	atomic_init(&g->refs, 1);
	return (g);
}

void
geo_gazetteer_ref(struct geo_gazetteer *g)
{
	atomic_fetch_add_explicit(&g->refs, 1, memory_order_relaxed);
}

void
geo_gazetteer_unref(struct geo_gazetteer *g)
{
	if (g == NULL || atomic_fetch_sub_explicit(&g->refs, 1,
	    memory_order_acq_rel) != 1)
		return;
	free(g->v);
	free(g->idx);
	free(g->pool);
	free(g);
}

/* Add a place (see geo.h); 0, or -1 out of memory. */
int
geo_gazetteer_add(struct geo_gazetteer *g, const struct geo_place *in)
{
	struct place	*p, *nv;

	if (g->n == g->cap) {
		g->cap = g->cap == 0 ? 1024 : g->cap * 2;
		if (g->cap > INT32_MAX || (nv = reallocarray(g->v, g->cap,
		    sizeof *nv)) == NULL)
			return (-1);
		g->v = nv;
	}
	p = &g->v[g->n];
	memset(p, 0, sizeof *p);
	p->geonameid = (int32_t)in->geonameid;
	if (pool_text(g, in->name, &p->name) != 0 ||
	    pool_text(g, in->name_nl, &p->name_nl) != 0 ||
	    pool_text(g, in->name_en, &p->name_en) != 0)
		return (-1);
	snprintf(p->country, sizeof p->country, "%s", in->country);
	p->lat = in->lat;
	p->lon = in->lon;
	p->population = in->population < 0 ? 0 :
	    in->population > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)in->population;
	p->capital = in->capital != 0;
	if (index_place(g, g->n, in->ascii != NULL ? in->ascii : "",
	    &g->icap) != 0)
		return (-1);
	g->n++;
	return (0);
}

/* Sort the index once every place is in; 0, or -1 out of memory. */
int
geo_gazetteer_finish(struct geo_gazetteer *g)
{
	struct place		*nv;
	struct place_key	*ni;
	char			*np;

	/* Give back what the doubling left over (offsets stay valid). */
	if (g->n > 0 && (nv = reallocarray(g->v, g->n, sizeof *nv)) != NULL) {
		g->v = nv;
		g->cap = g->n;
	}
	if (g->nidx > 0 && (ni = reallocarray(g->idx, g->nidx,
	    sizeof *ni)) != NULL) {
		g->idx = ni;
		g->icap = g->nidx;
	}
	if (g->poollen > 0 && (np = realloc(g->pool, g->poollen)) != NULL) {
		g->pool = np;
		g->poolcap = g->poollen;
	}
	/* qsort has no context argument: the pool goes by a thread-local. */
	sort_pool = g->pool;
	if (g->nidx > 0)
		qsort(g->idx, g->nidx, sizeof *g->idx, key_cmp);
	sort_pool = NULL;
	return (0);
}

/* How many places the gazetteer holds. */
size_t
geo_gazetteer_count(const struct geo_gazetteer *g)
{
	return (g != NULL ? g->n : 0);
}

/* --- lookups ------------------------------------------------------------- */

static const char *
key_str(const struct geo_gazetteer *g, const struct place_key *k)
{
	return (g->pool + k->key);
}

/* The first index entry whose key is >= key. */
static size_t
index_lower_bound(const struct geo_gazetteer *g, const char *key)
{
	size_t	lo = 0, hi = g->nidx, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(key_str(g, &g->idx[mid]), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

static int
place_country_ok(const struct place *p, const char *country)
{
	return (country == NULL || *country == '\0' ||
	    strcasecmp(p->country, country) == 0);
}

/* Is a bigger than b: more inhabitants, a capital, the older id. */
static int
place_bigger(const struct place *a, const struct place *b)
{
	if (a->population != b->population)
		return (a->population > b->population);
	if (a->capital != b->capital)
		return (a->capital);
	return (a->geonameid < b->geonameid);
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

/*
 * Among the index entries whose key is key (prefix 0), or starts with key
 * and a space (prefix 1), the biggest place of the country; *nfound is
 * how many distinct places matched.
 */
static const struct place *
match_range(const struct geo_gazetteer *g, const char *key, int prefix,
    const char *country, int *nfound)
{
	const struct place	*best = NULL, *p;
	uint32_t		*seen = NULL, *ns;
	size_t			 i, j, klen = strlen(key), nseen = 0, cap = 0;
	const char		*k;
	int			 n = 0;

	for (i = index_lower_bound(g, key); i < g->nidx; i++) {
		k = key_str(g, &g->idx[i]);
		if (prefix ? strncmp(k, key, klen) != 0 : strcmp(k, key) != 0)
			break;
		if (prefix && k[klen] != ' ')
			continue;
		p = &g->v[g->idx[i].place & ~KEY_ALT];
		if (!place_country_ok(p, country))
			continue;
		n++;
		if (best == NULL || place_bigger(p, best))
			best = p;
		/* By prefix, a place can match by two of its names. */
		if (prefix) {
			if (nseen == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				if ((ns = reallocarray(seen, cap,
				    sizeof *ns)) == NULL) {
					prefix = 0;	/* count as is */
					continue;
				}
				seen = ns;
			}
			seen[nseen++] = g->idx[i].place & ~KEY_ALT;
		}
	}
	if (seen != NULL && nseen > 1) {
		qsort(seen, nseen, sizeof *seen, u32_cmp);
		for (i = 1, j = 1; i < nseen; i++)
			j += seen[i] != seen[i - 1];
		n -= (int)(nseen - j);
	}
	free(seen);
	*nfound = n;
	return (best);
}

struct place_sugg {
	size_t		 dist;
	size_t		 idx;	/* index entry */
};

/* Is a better than b: closer, then the bigger place. */
static int
sugg_better(const struct geo_gazetteer *g, const struct place_sugg *a,
    const struct place_sugg *b)
{
	if (a->dist != b->dist)
		return (a->dist < b->dist);
	return (place_bigger(&g->v[g->idx[a->idx].place & ~KEY_ALT],
	    &g->v[g->idx[b->idx].place & ~KEY_ALT]));
}

/* Keep the best SUGG_KEEP, one per place, best first. */
static void
sugg_add(const struct geo_gazetteer *g, struct place_sugg *top, int *ntop,
    struct place_sugg c)
{
	uint32_t	pl = g->idx[c.idx].place & ~KEY_ALT;
	int		i;

	for (i = 0; i < *ntop; i++) {
		if ((g->idx[top[i].idx].place & ~KEY_ALT) != pl)
			continue;
		if (!sugg_better(g, &c, &top[i]))
			return;
		memmove(&top[i], &top[i + 1], (size_t)(*ntop - i - 1) *
		    sizeof *top);
		(*ntop)--;
		break;
	}
	for (i = *ntop; i > 0 && sugg_better(g, &c, &top[i - 1]); i--)
		if (i < SUGG_KEEP)
			top[i] = top[i - 1];
	if (i >= SUGG_KEEP)
		return;
	top[i] = c;
	if (*ntop < SUGG_KEEP)
		(*ntop)++;
}

/* Which of a place's names has this key (its name if none). */
static const char *
suggest_display(const struct geo_gazetteer *g, const struct place *p,
    const char *key)
{
	const char	*names[3];
	char		 k[KEY_MAX];
	int		 i;

	names[0] = pool_str(g, p->name);
	names[1] = pool_str(g, p->name_nl);
	names[2] = pool_str(g, p->name_en);
	for (i = 0; i < 3; i++) {
		dst_normalize(names[i], k, sizeof k);
		if (strcmp(k, key) == 0)
			return (names[i]);
	}
	return (names[0]);
}

/* The closest names of places to key (edit distance), best first. */
static void
places_suggest(const struct geo_gazetteer *g, const char *key,
    const char *country, struct dst_suggestions *sugg)
{
	struct place_sugg	 top[SUGG_KEEP], c;
	const struct place	*p;
	const char		*name;
	uint32_t		 q[CP_MAX], cp[CP_MAX];
	size_t			 nq, nc, limit, i, klen;
	int			 ntop = 0, k, j, dup;

	nq = dst_name_cps(key, q, CP_MAX);
	limit = nq / 3 > 2 ? nq / 3 : 2;
	for (i = 0; i < g->nidx; i++) {
		p = &g->v[g->idx[i].place & ~KEY_ALT];
		if (!place_country_ok(p, country))
			continue;
		/* Bytes bound code points from above: a cheap first cut. */
		klen = strlen(key_str(g, &g->idx[i]));
		if (klen + limit < nq)
			continue;
		nc = dst_name_cps(key_str(g, &g->idx[i]), cp, CP_MAX);
		c.dist = dst_edit_distance(q, nq, cp, nc, limit);
		c.idx = i;
		if (c.dist <= limit)
			sugg_add(g, top, &ntop, c);
	}
	/* Two places of one name ("Bergen") make one suggestion. */
	sugg->n = 0;
	for (k = 0; k < ntop && sugg->n < DST_MAX_SUGGESTIONS; k++) {
		p = &g->v[g->idx[top[k].idx].place & ~KEY_ALT];
		/* The name that matched, but the real one for a form. */
		if (g->idx[top[k].idx].place & KEY_ALT)
			name = pool_str(g, p->name);
		else
			name = suggest_display(g, p, key_str(g,
			    &g->idx[top[k].idx]));
		for (j = 0, dup = 0; j < sugg->n && !dup; j++)
			dup = strcmp(sugg->names[j], name) == 0;
		if (dup)
			continue;
		dec_copy(sugg->names[sugg->n], sizeof sugg->names[0], name);
		sugg->ids[sugg->n][0] = '\0';
		sugg->n++;
	}
}

/* Find a place by name (see geo.h). */
int
geo_gazetteer_find(const struct geo_gazetteer *g, const char *text,
    const char *country, struct geo_place_hit *hit,
    struct dst_suggestions *sugg)
{
	const struct place	*p;
	char			 key[KEY_MAX];
	int			 n;

	if (sugg != NULL)
		sugg->n = 0;
	if (g == NULL || g->nidx == 0 || text == NULL)
		return (0);
	dst_normalize(text, key, sizeof key);
	if (*key == '\0')
		return (0);
	if ((p = match_range(g, key, 0, country, &n)) == NULL &&
	    strlen(key) >= 3) {
		/* Whole words: "frankfurt" finds "frankfurt am main". */
		p = match_range(g, key, 1, country, &n);
	}
	if (p == NULL) {
		if (sugg != NULL)
			places_suggest(g, key, country, sugg);
		return (0);
	}
	memset(hit, 0, sizeof *hit);
	dec_copy(hit->name, sizeof hit->name, pool_str(g, p->name));
	dec_copy(hit->name_nl, sizeof hit->name_nl, pool_str(g, p->name_nl));
	dec_copy(hit->name_en, sizeof hit->name_en, pool_str(g, p->name_en));
	dec_copy(hit->country, sizeof hit->country, p->country);
	hit->lat = p->lat;
	hit->lon = p->lon;
	hit->population = (long)p->population;
	hit->geonameid = p->geonameid;
	hit->capital = p->capital;
	hit->nsame = n - 1;
	return (1);
}
