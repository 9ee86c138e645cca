/*
 * Finding an entry of a snapshot's list: by id (the list is sorted by
 * it), and by the name index: every name, alias and id of an entry,
 * normalised and sorted, so that what a user typed finds its entry, with
 * suggestions by edit distance when it finds none.
 */

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "destinations/snapshot/snapshot-int.h"

/* Order names by key, then entry, then priority (display preference). */
static int
name_cmp(const void *a, const void *b)
{
	const struct dst_name	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return (c);
	if (x->entry != y->entry)
		return (x->entry < y->entry ? -1 : 1);
	return (x->prio - y->prio);
}

/* Build the sorted name index of a snapshot. */
int
dst_names_build(struct dst_snapshot *s, char **cause)
{
	struct dst_name		*nb = NULL;
	const struct dst_entry	*e;
	const char		*src[DST_MAX_ALIASES + 4];
	const char		*disp[DST_MAX_ALIASES + 4];
	char			 key[DEC_NAME_MAX * 2];
	size_t			 i, j, n = 0, max = 0, poolsz = 0, off = 0, k;
	int			 nsrc, a;

	/* First pass: how many keys, and a bound on the pool (folding at
	 * most doubles a name: a Latin-1 byte 0xdf becomes "ss"). */
	for (i = 0; i < s->nentries; i++) {
		e = &s->entries[i];
		max += 4 + (size_t)e->naliases;
		poolsz += 2 * (strlen(e->id) + strlen(e->name) +
		    strlen(e->name_nl) + strlen(e->name_en)) + 4;
		for (a = 0; a < e->naliases; a++)
			poolsz += 2 * strlen(e->aliases[a]) + 1;
	}
	if (max > 0 && (nb = calloc(max, sizeof *nb)) == NULL)
		goto oom;
	if ((s->pool = malloc(poolsz + 1)) == NULL)
		goto oom;

	for (i = 0; i < s->nentries; i++) {
		e = &s->entries[i];
		nsrc = 0;
		src[nsrc] = e->name;
		disp[nsrc++] = e->name;
		src[nsrc] = e->name_nl;
		disp[nsrc++] = e->name_nl;
		src[nsrc] = e->name_en;
		disp[nsrc++] = e->name_en;
		for (a = 0; a < e->naliases; a++) {
			src[nsrc] = e->aliases[a];
			disp[nsrc++] = e->aliases[a];
		}
		src[nsrc] = e->id;		/* "the-hague": "the hague" */
		disp[nsrc++] = e->name;
		for (a = 0; a < nsrc; a++) {
			dst_normalize(src[a], key, sizeof key);
			k = strlen(key);
			if (k == 0 || off + k + 1 > poolsz)
				continue;
			memcpy(s->pool + off, key, k + 1);
			nb[n].key = s->pool + off;
			nb[n].keylen = k;
			nb[n].display = disp[a];
			nb[n].entry = i;
			nb[n].prio = a;
			n++;
			off += k + 1;
		}
	}
	if (n > 0)
		qsort(nb, n, sizeof *nb, name_cmp);

	/* One key per (key, entry): the preferred display name. */
	for (i = 0, j = 0; i < n; i++) {
		if (j > 0 && nb[j - 1].entry == nb[i].entry &&
		    strcmp(nb[j - 1].key, nb[i].key) == 0)
			continue;
		nb[j++] = nb[i];
	}
	s->names = nb;
	s->nnames = j;
	return (0);

oom:
	free(nb);
	dst_set_cause(cause, "out of memory");
	return (-1);
}

/* The first name whose key is >= key. */
static size_t
names_lower_bound(const struct dst_snapshot *s, const char *key)
{
	size_t	lo = 0, hi = s->nnames, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(s->names[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Does the entry pass the country filter? */
static int
country_match(const struct dst_entry *e, const char *country)
{
	return (country == NULL || *country == '\0' ||
	    strcasecmp(e->country, country) == 0);
}

struct suggestion {
	size_t			 dist;
	const struct dst_name	*name;
};

/* Is suggestion a better than b?  Closer, then the entry's main name. */
static int
suggest_better(size_t da, const struct dst_name *a, size_t db,
    const struct dst_name *b)
{
	if (da != db)
		return (da < db);
	if (a->entry == b->entry)
		return (a->prio < b->prio);
	return (0);
}

/* Keep the best DST_MAX_SUGGESTIONS, one per entry, best first. */
static void
suggest_add(struct suggestion *top, int *ntop, size_t dist,
    const struct dst_name *name)
{
	int	i, j;

	for (i = 0; i < *ntop; i++) {
		if (top[i].name->entry != name->entry)
			continue;
		if (!suggest_better(dist, name, top[i].dist, top[i].name))
			return;
		memmove(&top[i], &top[i + 1], (size_t)(*ntop - i - 1) *
		    sizeof *top);
		(*ntop)--;
		break;
	}
	for (i = 0; i < *ntop && top[i].dist <= dist; i++)
		;
	if (i >= DST_MAX_SUGGESTIONS)
		return;
	j = *ntop < DST_MAX_SUGGESTIONS ? *ntop : DST_MAX_SUGGESTIONS - 1;
	memmove(&top[i + 1], &top[i], (size_t)(j - i) * sizeof *top);
	top[i].dist = dist;
	top[i].name = name;
	if (*ntop < DST_MAX_SUGGESTIONS)
		(*ntop)++;
}

/* Fill sugg with the closest names to key. */
static void
suggest(const struct dst_snapshot *s, const char *key, const char *country,
    struct dst_suggestions *sugg)
{
	struct suggestion	 top[DST_MAX_SUGGESTIONS];
	uint32_t		 q[DST_NAME_CP_MAX], c[DST_NAME_CP_MAX];
	size_t			 nq, nc, i, limit, d;
	int			 ntop = 0, k;

	nq = dst_name_cps(key, q, DST_NAME_CP_MAX);
	limit = nq / 3 > 2 ? nq / 3 : 2;
	for (i = 0; i < s->nnames; i++) {
		if (!country_match(&s->entries[s->names[i].entry], country))
			continue;
		/* Bytes bound code points from above: a cheap first cut. */
		if (s->names[i].keylen + limit < nq)
			continue;
		nc = dst_name_cps(s->names[i].key, c, DST_NAME_CP_MAX);
		d = dst_edit_distance(q, nq, c, nc, limit);
		if (d <= limit)
			suggest_add(top, &ntop, d, &s->names[i]);
	}
	for (k = 0; k < ntop; k++) {
		dec_copy(sugg->names[k], sizeof sugg->names[k],
		    top[k].name->display);
		dec_copy(sugg->ids[k], sizeof sugg->ids[k],
		    s->entries[top[k].name->entry].id);
	}
	sugg->n = ntop;
}

static int
entry_id_cmp(const void *key, const void *elem)
{
	return (strcmp(key, ((const struct dst_entry *)elem)->id));
}

/* An entry by exact id. */
const struct dst_entry *
dst_snapshot_find(const struct dst_snapshot *s, const char *id)
{
	if (id == NULL || s->nentries == 0)
		return (NULL);
	return (bsearch(id, s->entries, s->nentries, sizeof *s->entries,
	    entry_id_cmp));
}

/* Resolve a name, alias or id to an entry (see snapshot.h). */
const struct dst_entry *
dst_snapshot_resolve(const struct dst_snapshot *s, const char *text,
    const char *country, struct dst_suggestions *sugg)
{
	const struct dst_entry	*e, *best = NULL;
	char			 key[DEC_NAME_MAX * 2];
	size_t			 i;

	if (sugg != NULL)
		sugg->n = 0;
	if (text == NULL || *text == '\0')
		return (NULL);
	if ((e = dst_snapshot_find(s, text)) != NULL &&
	    country_match(e, country))
		return (e);

	dst_normalize(text, key, sizeof key);
	if (*key == '\0')
		return (NULL);
	/* Several entries may share a name: prefer one not retired. */
	for (i = names_lower_bound(s, key); i < s->nnames &&
	    strcmp(s->names[i].key, key) == 0; i++) {
		e = &s->entries[s->names[i].entry];
		if (!country_match(e, country))
			continue;
		if (best == NULL || (best->retired != LONG_MAX &&
		    e->retired == LONG_MAX))
			best = e;
	}
	if (best == NULL && sugg != NULL)
		suggest(s, key, country, sugg);
	return (best);
}

