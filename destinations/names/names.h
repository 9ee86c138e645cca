/*
 * names — how what people type is matched to places: normalised names,
 * the edit distance for suggestions, country codes and ids.  Pure C: no
 * I/O, no allocation.
 */
#ifndef TRIPMODE_NAMES_H
#define TRIPMODE_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "decision/decision.h"

/* Names closest to what was typed, best first (ids "" for places that
 * are not on the list). */
#define DST_MAX_SUGGESTIONS	5
struct dst_suggestions {
	int	 n;
	char	 names[DST_MAX_SUGGESTIONS][DEC_NAME_MAX];	/* display */
	char	 ids[DST_MAX_SUGGESTIONS][DEC_ID_MAX];
};

/* Code points of a name that suggestions compare. */
#define DST_NAME_CP_MAX	256

/*
 * Normalise a name for matching: UTF-8 -> lower case, accents removed
 * ("KÖLN" -> "koln", "Liège" -> "liege", "Gdańsk" -> "gdansk"), runs of
 * space, '-', '_', '.', '\'' folded to one space, trimmed.  Writes at most
 * outlen bytes including the NUL.  A byte that starts no UTF-8 sequence
 * is read as Latin-1.
 */
void	 dst_normalize(const char *in, char *out, size_t outlen);
/* The code points of a normalised name (at most max); their count. */
size_t	 dst_name_cps(const char *key, uint32_t *cp, size_t max);
/* The first code point of a non-empty name in *cp; its length in bytes. */
size_t	 dst_name_cp_next(const char *s, uint32_t *cp);
/* The edit distance of two names as code points, or limit + 1 as soon as
 * it must exceed limit. */
size_t	 dst_edit_distance(const uint32_t *a, size_t na, const uint32_t *b,
	    size_t nb, size_t limit);
/* One row of that distance's table (see distance.c); the row's least. */
size_t	 dst_edit_row(const uint32_t *a, size_t na, const size_t *prev,
	    uint32_t c, size_t *cur, size_t i, size_t limit);

/* Is this an ISO 3166-1 alpha-2 code (capitals, "DE"; XK for Kosovo)? */
int	 dst_country_valid(const char *);
/* Is this the id of a list entry or a zone: 1 to DEC_ID_MAX - 1 of a-z,
 * 0-9 and '-'? */
int	 dst_id_valid(const char *);

#endif /* TRIPMODE_NAMES_H */
