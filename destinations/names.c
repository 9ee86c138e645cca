/*
 * Names: normalisation, the sorted name index of a snapshot, resolution
 * of what a user typed, suggestions by edit distance, country codes.
 */

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "destinations/internal.h"

#define CP_MAX		256	/* code points compared for suggestions */
#define FOLD_SEP	((const char *)1)

/* U+00C0 .. U+00FF: ASCII folding; FOLD_SEP for the two signs. */
static const char *const fold_latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* C0 */
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", FOLD_SEP,	/* D0 */
	"o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* E0 */
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", FOLD_SEP,	/* F0 */
	"o", "u", "u", "u", "u", "y", "th", "y"
};

/* U+0100 .. U+017F (Latin Extended-A): '#' is "ij", '%' is "oe". */
static const char fold_latin_ext_a[] =
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii##jjkkk"
	"llllllllllnnnnnnnnnoooooo%%rrrrrrssssssssttttttuuuuuuuuuuuu"
	"wwyyyzzzzzzs";
_Static_assert(sizeof fold_latin_ext_a == 129, "Latin Extended-A table");

/*
 * Decode one UTF-8 sequence at s (len bytes left).  Return its length and
 * set *cp.  A byte that starts no valid sequence is taken as Latin-1 (text
 * typed in a Latin-1 terminal still folds).
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	c = s[0], min;
	size_t		n, i;

	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		goto latin1;
	if (n > len)
		goto latin1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto latin1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto latin1;
	*cp = c;
	return (n);

latin1:
	*cp = s[0];
	return (1);
}

/* Encode a code point as UTF-8 into buf (4 bytes); return the length. */
static size_t
utf8_encode(uint32_t c, char *buf)
{
	if (c < 0x80) {
		buf[0] = (char)c;
		return (1);
	}
	if (c < 0x800) {
		buf[0] = (char)(0xc0 | (c >> 6));
		buf[1] = (char)(0x80 | (c & 0x3f));
		return (2);
	}
	if (c < 0x10000) {
		buf[0] = (char)(0xe0 | (c >> 12));
		buf[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (c & 0x3f));
		return (3);
	}
	buf[0] = (char)(0xf0 | (c >> 18));
	buf[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	buf[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	buf[3] = (char)(0x80 | (c & 0x3f));
	return (4);
}

/*
 * Fold one code point: write its folded form (lower case, no accents) to
 * buf and return the length; 0 to drop it (combining marks); -1 if it
 * separates words.
 */
static int
fold_cp(uint32_t c, char *buf)
{
	const char	*f;
	char		 x;

	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			buf[0] = (char)c;
			return (1);
		}
		return (-1);
	}
	if (c < 0xc0 || (c >= 0x2000 && c <= 0x206f) || c == 0x3000 ||
	    c == 0xfeff)
		return (-1);
	if (c >= 0x300 && c <= 0x36f)
		return (0);			/* combining accents (NFD) */
	if (c <= 0xff) {
		f = fold_latin1[c - 0xc0];
		if (f == FOLD_SEP)
			return (-1);
		memcpy(buf, f, strlen(f));
		return ((int)strlen(f));
	}
	if (c <= 0x17f) {
		x = fold_latin_ext_a[c - 0x100];
		if (x == '#' || x == '%') {
			memcpy(buf, x == '#' ? "ij" : "oe", 2);
			return (2);
		}
		buf[0] = x;
		return (1);
	}
	if (c >= 0x218 && c <= 0x21b) {		/* Romanian s, t comma */
		buf[0] = c < 0x21a ? 's' : 't';
		return (1);
	}
	if ((c >= 0x391 && c <= 0x3a9) || (c >= 0x410 && c <= 0x42f))
		c += 0x20;			/* Greek, Cyrillic capitals */
	else if (c >= 0x400 && c <= 0x40f)
		c += 0x50;
	return ((int)utf8_encode(c, buf));
}

/* Normalise a name for matching (see destinations.h). */
void
dst_normalize(const char *in, char *out, size_t outlen)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 len, o = 0, n;
	uint32_t		 c;
	char			 buf[8];
	int			 k, space = 0;

	if (outlen == 0)
		return;
	len = in != NULL ? strlen(in) : 0;
	while (len > 0) {
		n = utf8_decode(s, len, &c);
		s += n;
		len -= n;
		if ((k = fold_cp(c, buf)) < 0) {
			space = 1;
			continue;
		}
		if (k == 0)
			continue;
		if (space && o > 0) {
			if (o + 1 >= outlen)
				break;
			out[o++] = ' ';
		}
		space = 0;
		if (o + (size_t)k >= outlen)
			break;
		memcpy(out + o, buf, (size_t)k);
		o += (size_t)k;
	}
	out[o] = '\0';
}

/* --- index ----------------------------------------------------------- */

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

/* Decode a normalised key into code points; return the count. */
static size_t
key_cps(const char *key, uint32_t *cp, size_t max)
{
	const unsigned char	*s = (const unsigned char *)key;
	size_t			 len = strlen(key), n = 0, k;

	while (len > 0 && n < max) {
		k = utf8_decode(s, len, &cp[n++]);
		s += k;
		len -= k;
	}
	return (n);
}

/* Levenshtein distance, or limit + 1 as soon as it must exceed limit. */
static size_t
levenshtein(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
    size_t limit)
{
	size_t	row0[CP_MAX + 1], row1[CP_MAX + 1], *prev = row0, *cur = row1;
	size_t	i, j, best, v, *t;

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
	uint32_t		 q[CP_MAX], c[CP_MAX];
	size_t			 nq, nc, i, limit, d;
	int			 ntop = 0, k;

	nq = key_cps(key, q, CP_MAX);
	limit = nq / 3 > 2 ? nq / 3 : 2;
	for (i = 0; i < s->nnames; i++) {
		if (!country_match(&s->entries[s->names[i].entry], country))
			continue;
		/* Bytes bound code points from above: a cheap first cut. */
		if (s->names[i].keylen + limit < nq)
			continue;
		nc = key_cps(s->names[i].key, c, CP_MAX);
		d = levenshtein(q, nq, c, nc, limit);
		if (d <= limit)
			suggest_add(top, &ntop, d, &s->names[i]);
	}
	for (k = 0; k < ntop; k++) {
		dst_copy(sugg->names[k], sizeof sugg->names[k],
		    top[k].name->display);
		dst_copy(sugg->ids[k], sizeof sugg->ids[k],
		    s->entries[top[k].name->entry].id);
	}
	sugg->n = ntop;
}

/* Resolve a name, alias or id to an entry (see destinations.h). */
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

/* --- countries ------------------------------------------------------- */

/* ISO 3166-1 alpha-2, officially assigned (249), plus XK (Kosovo). */
static const char countries[][3] = {
	"AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT",
	"AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI",
	"BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY",
	"BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
	"CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM",
	"DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK",
	"FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL",
	"GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
	"HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR",
	"IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN",
	"KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS",
	"LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
	"ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW",
	"MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP",
	"NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
	"PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
	"SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM",
	"SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF",
	"TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
	"TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
	"VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW"
};

static int
country_cmp(const void *a, const void *b)
{
	return (strcmp(a, b));
}

/* Is this a known ISO 3166-1 alpha-2 code (capitals)? */
int
dst_country_valid(const char *cc)
{
	if (cc == NULL || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' ||
	    cc[1] > 'Z' || cc[2] != '\0')
		return (0);
	return (bsearch(cc, countries, sizeof countries / sizeof countries[0],
	    sizeof countries[0], country_cmp) != NULL);
}
