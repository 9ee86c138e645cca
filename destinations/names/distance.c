/*
 * How far apart two names are: the Levenshtein distance of their code
 * points, cut short once it must exceed a limit, so that scanning every
 * name for suggestions stays cheap.
 */

#include <stdint.h>
#include <string.h>

#include "destinations/names/names.h"

/*
 * Row i of the Levenshtein table: cur[j] is the distance between the
 * first i code points of one name (the last of them c) and the first j of
 * a, given prev, row i - 1.  Only the cells within limit of the diagonal
 * are computed (any other is beyond the limit); the cells on either side
 * of that band are set to limit + 1 for the next row.  The row's least
 * value: once it exceeds limit, no continuation of the name comes within.
 */
size_t
dst_edit_row(const uint32_t *a, size_t na, const size_t *prev, uint32_t c,
    size_t *cur, size_t i, size_t limit)
{
	size_t	j, v, best, lo, hi;

	if (limit > na + i)
		limit = na + i;		/* no cell is farther */
	lo = i > limit ? i - limit : 1;
	hi = i + limit < na ? i + limit : na;
	cur[0] = i;
	if (lo > 1 && lo - 1 <= na)
		cur[lo - 1] = limit + 1;
	best = lo == 1 ? cur[0] : limit + 1;
	for (j = lo; j <= hi; j++) {
		v = prev[j - 1] + (a[j - 1] != c);
		if (prev[j] + 1 < v)
			v = prev[j] + 1;
		if (cur[j - 1] + 1 < v)
			v = cur[j - 1] + 1;
		cur[j] = v;
		if (v < best)
			best = v;
	}
	if (hi < na)
		cur[hi + 1] = limit + 1;
	return (best);
}

/*
 * Levenshtein distance, or limit + 1 as soon as it must exceed limit.
 * Names longer than DST_NAME_CP_MAX code points are compared on that many.
 */
size_t
dst_edit_distance(const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb, size_t limit)
{
	size_t	row0[DST_NAME_CP_MAX + 1], row1[DST_NAME_CP_MAX + 1];
	size_t	*prev = row0, *cur = row1, i, j, *t;

	if (na > DST_NAME_CP_MAX)
		na = DST_NAME_CP_MAX;
	if (nb > DST_NAME_CP_MAX)
		nb = DST_NAME_CP_MAX;
	if ((na > nb ? na - nb : nb - na) > limit)
		return (limit + 1);
	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		if (dst_edit_row(b, nb, prev, a[i - 1], cur, i, limit) > limit)
			return (limit + 1);
		t = prev;
		prev = cur;
		cur = t;
	}
	return (prev[nb] > limit ? limit + 1 : prev[nb]);
}
