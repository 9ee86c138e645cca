/*
 * Names as they are matched: folded to lower case without accents, with
 * runs of separators made one space, so that "KÖLN", "Koln" and "köln"
 * are one name.
 */

#include <stdint.h>
#include <string.h>

#include "destinations/names/names.h"

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

/* Normalise a name for matching (see names.h). */
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

/* The first code point of a name (see names.h). */
size_t
dst_name_cp_next(const char *s, uint32_t *cp)
{
	return (utf8_decode((const unsigned char *)s, strnlen(s, 4), cp));
}

/* The code points of a normalised name (see names.h). */
size_t
dst_name_cps(const char *key, uint32_t *cp, size_t max)
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
