/*
 * How far apart two names are: the Levenshtein distance of their code
 * points, cut short once it must exceed a limit, so that scanning every
 * name for suggestions stays cheap.
 */

#include <stdint.h>
#include <string.h>

#include "destinations/names/names.h"

/*
 * Levenshtein distance, or limit + 1 as soon as it must exceed limit.
 * Names longer than DST_NAME_CP_MAX code points are compared on that many.
 */
size_t
dst_edit_distance(const uint32_t *a, size_t na, const uint32_t *b,
    size_t nb, size_t limit)
{
	size_t	row0[DST_NAME_CP_MAX + 1], row1[DST_NAME_CP_MAX + 1];
	size_t	*prev = row0, *cur = row1, i, j, best, v, *t;

	if (na > DST_NAME_CP_MAX)
		na = DST_NAME_CP_MAX;
	if (nb > DST_NAME_CP_MAX)
		nb = DST_NAME_CP_MAX;
	if ((na > nb ? na - nb : nb - na) > limit)
		return (limit + 1);
	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		cur[0] = i;
		best = cur[0];
		for (j = 1; j <= nb; j++) {
			v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return (limit + 1);
		t = prev;
		prev = cur;
		cur = t;
	}
	return (prev[nb]);
}
