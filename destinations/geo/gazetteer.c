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
#define SUGG_CP			64	/* code points of a name
					 * that suggestions compare */
#define SUGG_LIMIT		3	/* edits at most */
#define SUGG_DEPTH		(SUGG_CP + SUGG_LIMIT + 2)	/* rows */
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
	unsigned char	 partner;	/* wins for its name */
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
	uint16_t	*lcp;		/* bytes key i has in common with
					 * key i - 1 (lcp[0] 0) */
	uint32_t	*byid;		/* places in geonameid order */
	uint32_t	*hash;		/* a key's first index entry + 1, by
					 * the key's hash (0: empty) */
	size_t		 hmask;
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

static const char *
key_str(const struct geo_gazetteer *g, const struct place_key *k)
{
	return (g->pool + k->key);
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
index_key(struct geo_gazetteer *g, size_t i, const char *key, int alt,
    size_t *cap)
{
	struct place_key	*ni;
	uint32_t		 off;
	size_t			 ncap;

	if (g->nidx == *cap) {
		ncap = *cap == 0 ? 1024 : *cap * 2;
		if ((ni = reallocarray(g->idx, ncap, sizeof *ni)) == NULL)
			return (-1);
		g->idx = ni;
		*cap = ncap;
	}
	if (pool_add(g, key, strlen(key), &off) != 0)
		return (-1);
	g->idx[g->nidx].key = off;
	g->idx[g->nidx].place = (uint32_t)i | (alt ? KEY_ALT : 0);
	g->nidx++;
	return (0);
}

/*
 * The keys of place i's alternate names (alt: '|'-separated), each once
 * and none that its other keys have (keys[0..nkeys-1]).
 */
static int
index_alternates(struct geo_gazetteer *g, size_t i, const char *alt,
    char keys[][KEY_MAX], int nkeys, size_t *cap)
{
	char		 name[DEC_NAME_MAX], key[KEY_MAX];
	const char	*end;
	size_t		 first = g->nidx, len, k;
	int		 n, dup;

	for (; alt != NULL && *alt != '\0'; alt = *end == '|' ? end + 1 :
	    end) {
		if ((end = strchr(alt, '|')) == NULL)
			end = alt + strlen(alt);
		len = (size_t)(end - alt);
		if (len == 0 || len >= sizeof name)
			continue;
		memcpy(name, alt, len);
		name[len] = '\0';
		dst_normalize(name, key, sizeof key);
		if (key[0] == '\0')
			continue;
		for (n = 0, dup = 0; n < nkeys && !dup; n++)
			dup = strcmp(keys[n], key) == 0;
		for (k = first; k < g->nidx && !dup; k++)
			dup = strcmp(g->pool + g->idx[k].key, key) == 0;
		if (!dup && index_key(g, i, key, 1, cap) != 0)
			return (-1);
	}
	return (0);
}

static int
index_place(struct geo_gazetteer *g, size_t i, const char *ascii,
    const char *alt, size_t *cap)
{
	const struct place	*p = &g->v[i];
	const char		*src[NKEYS], *paren;
	char			 keys[NKEYS][KEY_MAX], base[DEC_NAME_MAX];
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
		if (index_key(g, i, keys[n], n >= 3, cap) != 0)
			return (-1);
	}
	return (index_alternates(g, i, alt, keys, NKEYS, cap));
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
	free(g->lcp);
	free(g->byid);
	free(g->hash);
	free(g->pool);
	free(g);
}

/* Add a place (see geo.h); 0, or -1 out of memory. */
int
geo_gazetteer_add(struct geo_gazetteer *g, const struct geo_place *in)
{
	struct place	*p, *nv;
	size_t		 ncap;

	if (g->n == g->cap) {
		ncap = g->cap == 0 ? 1024 : g->cap * 2;
		if (ncap > INT32_MAX || (nv = reallocarray(g->v, ncap,
		    sizeof *nv)) == NULL)
			return (-1);
		g->v = nv;
		g->cap = ncap;
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
	p->partner = in->partner != 0;
	if (index_place(g, g->n, in->ascii != NULL ? in->ascii : "",
	    in->alt, &g->icap) != 0)
		return (-1);
	g->n++;
	return (0);
}

/* The common prefixes of neighbouring keys, for the suggestions' walk
 * (keys are shorter than KEY_MAX bytes, so the lengths fit). */
static int
index_lcp(struct geo_gazetteer *g)
{
	const char	*a, *b;
	size_t		 i, n;

	if (g->nidx == 0)
		return (0);
	if ((g->lcp = calloc(g->nidx, sizeof *g->lcp)) == NULL)
		return (-1);
	for (i = 1; i < g->nidx; i++) {
		a = key_str(g, &g->idx[i - 1]);
		b = key_str(g, &g->idx[i]);
		for (n = 0; a[n] != '\0' && a[n] == b[n]; n++)
			;
		g->lcp[i] = (uint16_t)n;
	}
	return (0);
}

/*
 * A new pool for the sorted index: the places' names, then each distinct
 * key once, in the index's order, so that walking the index reads the
 * pool in order (the suggestions' walk) and a name many places share is
 * held once.  Offsets are rewritten as it goes: after a failure the
 * gazetteer is only fit to be freed (geo_gazetteer_finish fails).
 */
static int
pool_rebuild(struct geo_gazetteer *g)
{
	struct geo_gazetteer	 t;
	struct place		*p;
	uint32_t		 prev = NO_STRING, old;
	size_t			 i;

	memset(&t, 0, sizeof t);
	for (i = 0; i < g->n; i++) {
		p = &g->v[i];
		if (pool_text(&t, pool_str(g, p->name), &p->name) != 0 ||
		    pool_text(&t, pool_str(g, p->name_nl), &p->name_nl) != 0 ||
		    pool_text(&t, pool_str(g, p->name_en), &p->name_en) != 0)
			goto fail;
	}
	for (i = 0; i < g->nidx; i++) {
		old = g->idx[i].key;
		if (i > 0 && strcmp(g->pool + old, g->pool + prev) == 0)
			g->idx[i].key = g->idx[i - 1].key;
		else if (pool_add(&t, g->pool + old, strlen(g->pool + old),
		    &g->idx[i].key) != 0)
			goto fail;
		prev = old;
	}
	free(g->pool);
	g->pool = t.pool;
	g->poollen = t.poollen;
	g->poolcap = t.poolcap;
	return (0);
fail:
	free(t.pool);
	return (-1);
}

/* FNV-1a of a key. */
static uint32_t
key_hash(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return (h);
}

/*
 * A hash of the distinct keys (each the first of its run in the index:
 * the rebuilt pool holds a key once, so a run shares one offset), for
 * whole names: a lookup that costs the same at any size.
 */
static int
index_hash(struct geo_gazetteer *g)
{
	size_t	i, n = 0, size = 16, h;

	for (i = 0; i < g->nidx; i++)
		n += i == 0 || g->idx[i].key != g->idx[i - 1].key;
	while (size < n + n / 2)	/* at most two thirds full */
		size *= 2;
	if ((g->hash = calloc(size, sizeof *g->hash)) == NULL)
		return (-1);
	g->hmask = size - 1;
	for (i = 0; i < g->nidx; i++) {
		if (i > 0 && g->idx[i].key == g->idx[i - 1].key)
			continue;
		for (h = key_hash(key_str(g, &g->idx[i])) & g->hmask;
		    g->hash[h] != 0; h = (h + 1) & g->hmask)
			;
		g->hash[h] = (uint32_t)i + 1;
	}
	return (0);
}

/* The first index entry of key, or g->nidx if none. */
static size_t
index_find(const struct geo_gazetteer *g, const char *key)
{
	size_t	h, i;

	if (g->hash == NULL)
		return (g->nidx);
	for (h = key_hash(key) & g->hmask; g->hash[h] != 0;
	    h = (h + 1) & g->hmask) {
		i = g->hash[h] - 1;
		if (strcmp(key_str(g, &g->idx[i]), key) == 0)
			return (i);
	}
	return (g->nidx);
}

/* The places in geonameid order, for a place by its id. */
static _Thread_local const struct place *sort_places;

static int
id_cmp(const void *a, const void *b)
{
	int32_t	x = sort_places[*(const uint32_t *)a].geonameid;
	int32_t	y = sort_places[*(const uint32_t *)b].geonameid;

	return (x < y ? -1 : x > y);
}

static int
index_ids(struct geo_gazetteer *g)
{
	size_t	i;

	if (g->n == 0)
		return (0);
	if ((g->byid = calloc(g->n, sizeof *g->byid)) == NULL)
		return (-1);
	for (i = 0; i < g->n; i++)
		g->byid[i] = (uint32_t)i;
	sort_places = g->v;
	qsort(g->byid, g->n, sizeof *g->byid, id_cmp);
	sort_places = NULL;
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
	/* qsort has no context argument: the pool goes by a thread-local. */
	sort_pool = g->pool;
	if (g->nidx > 0)
		qsort(g->idx, g->nidx, sizeof *g->idx, key_cmp);
	sort_pool = NULL;
	if (pool_rebuild(g) != 0 || index_ids(g) != 0 || index_hash(g) != 0)
		return (-1);
	if (g->poollen > 0 && (np = realloc(g->pool, g->poollen)) != NULL) {
		g->pool = np;
		g->poolcap = g->poollen;
	}
	return (index_lcp(g));
}

/* The bytes the gazetteer holds (see geo.h). */
size_t
geo_gazetteer_bytes(const struct geo_gazetteer *g)
{
	if (g == NULL)
		return (0);
	return (sizeof *g + g->cap * sizeof *g->v + g->icap * sizeof *g->idx +
	    (g->lcp != NULL ? g->nidx * sizeof *g->lcp : 0) +
	    (g->byid != NULL ? g->n * sizeof *g->byid : 0) +
	    (g->hash != NULL ? (g->hmask + 1) * sizeof *g->hash : 0) +
	    g->poolcap);
}

/* How many places the gazetteer holds. */
size_t
geo_gazetteer_count(const struct geo_gazetteer *g)
{
	return (g != NULL ? g->n : 0);
}

/* --- lookups ------------------------------------------------------------- */

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

/* Is a bigger than b: a partner place of the city, more inhabitants, a
 * capital, the older id. */
static int
place_bigger(const struct place *a, const struct place *b)
{
	if (a->partner != b->partner)
		return (a->partner);
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

/* The places that matched, the biggest first (see match_range). */
struct match {
	uint32_t	 top[1 + GEO_OTHERS_MAX];	/* place indexes */
	int		 ntop;
	int		 n;		/* distinct places */
};

/* Keep place pl among the biggest of m, each place once. */
static void
match_keep(const struct geo_gazetteer *g, struct match *m, uint32_t pl)
{
	int	i;

	for (i = 0; i < m->ntop; i++)
		if (m->top[i] == pl)
			return;
	for (i = m->ntop; i > 0 && place_bigger(&g->v[pl],
	    &g->v[m->top[i - 1]]); i--)
		if (i < 1 + GEO_OTHERS_MAX)
			m->top[i] = m->top[i - 1];
	if (i >= 1 + GEO_OTHERS_MAX)
		return;
	m->top[i] = pl;
	if (m->ntop < 1 + GEO_OTHERS_MAX)
		m->ntop++;
}

/*
 * The places of the country among the index entries whose key is key
 * (prefix 0), or starts with key and a space (prefix 1), in *m: how many
 * distinct places, and the biggest.  0, or -1 if none.
 */
static int
match_range(const struct geo_gazetteer *g, const char *key, int prefix,
    const char *country, struct match *m)
{
	const struct place	*p;
	uint32_t		*seen = NULL, *ns, pl;
	size_t			 i, j, klen = strlen(key), nseen = 0, cap = 0;
	const char		*k;

	memset(m, 0, sizeof *m);
	for (i = prefix ? index_lower_bound(g, key) : index_find(g, key);
	    i < g->nidx; i++) {
		k = key_str(g, &g->idx[i]);
		if (prefix ? strncmp(k, key, klen) != 0 : strcmp(k, key) != 0)
			break;
		if (prefix && k[klen] != ' ')
			continue;
		pl = g->idx[i].place & ~KEY_ALT;
		p = &g->v[pl];
		if (!place_country_ok(p, country))
			continue;
		m->n++;
		match_keep(g, m, pl);
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
			seen[nseen++] = pl;
		}
	}
	if (seen != NULL && nseen > 1) {
		qsort(seen, nseen, sizeof *seen, u32_cmp);
		for (i = 1, j = 1; i < nseen; i++)
			j += seen[i] != seen[i - 1];
		m->n -= (int)(nseen - j);
	}
	free(seen);
	return (m->ntop > 0 ? 0 : -1);
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

/*
 * The closest names of places to key (edit distance), best first: names
 * within a third of the key's letters (at least 2, at most SUGG_LIMIT
 * edits) that begin with its first letter, and names within one edit
 * that do not (a mistyped first letter is rare, and allowing it at the
 * full distance would visit most of the index).  The
 * sorted index is walked as a trie: a key shares the rows of the edit
 * distance table with the key before it as far as they have a prefix in
 * common (lcp), and once a prefix's row is beyond the limit every key
 * with that prefix is skipped, so that the walk visits a small part of
 * the index.
 */
static void
places_suggest(const struct geo_gazetteer *g, const char *key,
    const char *country, struct dst_suggestions *sugg)
{
	struct place_sugg	 top[SUGG_KEEP], c;
	const struct place	*p;
	const char		*name, *k;
	uint32_t		 q[SUGG_CP], cp;
	size_t			 rows[SUGG_DEPTH + 1][SUGG_CP + 1];
	size_t			 off[SUGG_DEPTH + 1];
	size_t			 nq, limit, plimit = 0, i, j, d, depth = 0;
	size_t			 common = 0, dist;
	int			 ntop = 0, pruned, t, m, dup;

	nq = dst_name_cps(key, q, SUGG_CP);
	limit = nq / 3 > 2 ? nq / 3 : 2;
	if (limit > SUGG_LIMIT)
		limit = SUGG_LIMIT;
	for (j = 0; j <= nq; j++)
		rows[0][j] = j;
	off[0] = 0;
	for (i = 0; i < g->nidx; i = j) {
		k = key_str(g, &g->idx[i]);
		/* The rows this key shares with the one walked before. */
		for (d = 0; d < depth && off[d + 1] <= common; d++)
			;
		pruned = 0;
		/* Names are compared on their first SUGG_CP code points,
		 * as the key is. */
		while (k[off[d]] != '\0' && d < SUGG_CP) {
			off[d + 1] = off[d] + dst_name_cp_next(k + off[d], &cp);
			d++;
			if (d == 1)
				plimit = nq > 0 && cp == q[0] ? limit :
				    limit < 1 ? limit : 1;
			if (d == SUGG_DEPTH || dst_edit_row(q, nq, rows[d - 1],
			    cp, rows[d], d, plimit) > plimit) {
				pruned = 1;
				break;
			}
		}
		if (pruned) {
			/* No key with this prefix comes within the limit. */
			for (j = i + 1; j < g->nidx && g->lcp[j] >= off[d]; j++)
				;
			depth = d - 1;
		} else {
			/* The key, of one place or of several (the rows hold
			 * only the cells within plimit of the diagonal). */
			dist = d + plimit >= nq && nq + plimit >= d ?
			    rows[d][nq] : plimit + 1;
			j = i;
			do {
				p = &g->v[g->idx[j].place & ~KEY_ALT];
				if (dist <= plimit &&
				    place_country_ok(p, country)) {
					c.dist = dist;
					c.idx = j;
					sugg_add(g, top, &ntop, c);
					/* Only as close as the last kept. */
					if (ntop == SUGG_KEEP &&
					    top[ntop - 1].dist < limit)
						limit = top[ntop - 1].dist;
					if (plimit > limit)
						plimit = limit;
				}
				j++;
			} while (j < g->nidx && g->lcp[j] >= off[d] &&
			    key_str(g, &g->idx[j])[off[d]] == '\0');
			depth = d;
		}
		common = j < g->nidx ? g->lcp[j] : 0;
	}
	/* Two places of one name ("Bergen") make one suggestion. */
	sugg->n = 0;
	for (t = 0; t < ntop && sugg->n < DST_MAX_SUGGESTIONS; t++) {
		p = &g->v[g->idx[top[t].idx].place & ~KEY_ALT];
		/* The name that matched, but the real one for a form. */
		if (g->idx[top[t].idx].place & KEY_ALT)
			name = pool_str(g, p->name);
		else
			name = suggest_display(g, p, key_str(g,
			    &g->idx[top[t].idx]));
		for (m = 0, dup = 0; m < sugg->n && !dup; m++)
			dup = strcmp(sugg->names[m], name) == 0;
		if (dup)
			continue;
		dec_copy(sugg->names[sugg->n], sizeof sugg->names[0], name);
		sugg->ids[sugg->n][0] = '\0';
		sugg->n++;
	}
}

/* A place as found, without others of its name. */
static void
hit_fill(const struct geo_gazetteer *g, const struct place *p,
    struct geo_place_hit *hit)
{
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
}

/* A place by its GeoNames id (see geo.h). */
int
geo_gazetteer_by_id(const struct geo_gazetteer *g, long id,
    struct geo_place_hit *hit)
{
	size_t	lo, hi, mid;
	long	v;

	if (g == NULL || g->byid == NULL)
		return (0);
	for (lo = 0, hi = g->n; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		v = g->v[g->byid[mid]].geonameid;
		if (v == id) {
			hit_fill(g, &g->v[g->byid[mid]], hit);
			return (1);
		}
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (0);
}

/* Find a place by name (see geo.h). */
int
geo_gazetteer_find(const struct geo_gazetteer *g, const char *text,
    const char *country, struct geo_place_hit *hit,
    struct dst_suggestions *sugg)
{
	const struct place	*p;
	struct geo_place_other	*o;
	struct match		 m;
	char			 key[KEY_MAX];
	int			 i;

	if (sugg != NULL)
		sugg->n = 0;
	if (g == NULL || g->nidx == 0 || text == NULL)
		return (0);
	dst_normalize(text, key, sizeof key);
	if (*key == '\0')
		return (0);
	if (match_range(g, key, 0, country, &m) != 0 && (strlen(key) < 3 ||
	    /* Whole words: "frankfurt" finds "frankfurt am main". */
	    match_range(g, key, 1, country, &m) != 0)) {
		if (sugg != NULL)
			places_suggest(g, key, country, sugg);
		return (0);
	}
	hit_fill(g, &g->v[m.top[0]], hit);
	hit->nsame = m.n - 1;
	for (i = 1; i < m.ntop; i++) {
		p = &g->v[m.top[i]];
		o = &hit->others[hit->nothers++];
		dec_copy(o->name, sizeof o->name, pool_str(g, p->name));
		dec_copy(o->country, sizeof o->country, p->country);
		o->lat = p->lat;
		o->lon = p->lon;
		o->population = (long)p->population;
		o->geonameid = p->geonameid;
	}
	return (1);
}
