/*
 * Text helpers: UTF-8 that stays valid when it is cut, formatted into
 * fixed buffers, and numbers written the way answers show them.
 */

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decision/decision-int.h"

/*
 * The length of the valid UTF-8 sequence at s (n bytes left): 1 to 4, or
 * 0 if s does not start one (a stray continuation byte, an overlong form,
 * a surrogate, a code point beyond U+10FFFF, a sequence cut short).
 */
size_t
dec_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned int	c = s[0], min;
	size_t		need, i;

	if (c < 0x80)
		return (1);
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return (0);
	if (need > n)
		return (0);
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	return (need);
}

/* Is s (n bytes) valid UTF-8?  If not, *bad (if not NULL) is where not. */
int
dec_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, k;

	while (i < n) {
		if ((k = dec_utf8_seq(u + i, n - i)) == 0) {
			if (bad != NULL)
				*bad = i;
			return (0);
		}
		i += k;
	}
	return (1);
}

/*
 * The longest prefix of s, at most max bytes, that ends on a character
 * boundary: the number of bytes to keep.
 */
size_t
dec_utf8_prefix(const char *s, size_t max)
{
	size_t	n = strlen(s), j;

	if (n <= max)
		return (n);
	/* Back to the start of the character that the cut falls in. */
	for (j = max; j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80; j--)
		;
	return (j);
}

/*
 * Drop from s, in place, every byte that is not part of a valid UTF-8
 * sequence, and return s: what is left is always valid.
 */
char *
dec_utf8_scrub(char *s)
{
	unsigned char	*r = (unsigned char *)s, *w;
	size_t		 n, k;

	/* Most text is ASCII and valid: nothing to move until a bad byte. */
	while (*r != '\0' && *r < 0x80)
		r++;
	n = strlen((char *)r);
	while (n > 0 && (k = dec_utf8_seq(r, n)) != 0) {
		r += k;
		n -= k;
	}
	if (n == 0)
		return (s);
	for (w = r; n > 0;) {
		if ((k = dec_utf8_seq(r, n)) == 0) {
			r++;
			n--;
			continue;
		}
		memmove(w, r, k);
		w += k;
		r += k;
		n -= k;
	}
	*w = '\0';
	return (s);
}

/*
 * A user's text for a message: at most max bytes of it, cut on a
 * character boundary and marked "..." when cut.  Returns buf.
 */
const char *
dec_clip(char *buf, size_t len, const char *s, size_t max)
{
	size_t	n;

	if (len < 4) {		/* no room for "..." */
		if (len > 0)
			buf[0] = '\0';
		return (len > 0 ? buf : "");
	}
	if (s == NULL)
		s = "";
	if (max + 4 > len)
		max = len > 4 ? len - 4 : 0;
	n = dec_utf8_prefix(s, max);
	memcpy(buf, s, n);
	if (s[n] != '\0')
		memcpy(buf + n, "...", 4);
	else
		buf[n] = '\0';
	return (dec_utf8_scrub(buf));
}

/* Copy into a fixed buffer, cut on a character boundary. */
void
dec_copy(char *dst, size_t len, const char *src)
{
	size_t	n;

	if (len == 0)
		return;
	if (src == NULL)
		src = "";
	n = dec_utf8_prefix(src, len - 1);
	memmove(dst, src, n);
	dst[n] = '\0';
}

/* Format into a fixed buffer, keeping a truncated text valid UTF-8. */
void
dec_text_vset(char *buf, size_t len, const char *fmt, va_list ap)
{
	int	n;

	if (buf == NULL || len == 0)
		return;
	n = vsnprintf(buf, len, fmt, ap);
	if (n < 0) {
		buf[0] = '\0';
		return;
	}
	/* The arguments are valid UTF-8 (every text is checked on the way
	 * in), so only the cut can break a character: drop what it left of
	 * one. */
	if ((size_t)n >= len)
		dec_utf8_scrub(buf);
}

/* Format into a fixed buffer (see dec_text_vset). */
void
dec_text_set(char *buf, size_t len, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	dec_text_vset(buf, len, fmt, ap);
	va_end(ap);
}

/* Round half away from zero to a number of decimals. */
double
dec_round(double v, int decimals)
{
	return (dec_round_to(v, pow(10.0, decimals)));
}

/* Format a number with at most maxdec decimals, without trailing zeros. */
void
dec_text_num(char *buf, size_t len, double v, int maxdec)
{
	char	*p;

	if (buf == NULL || len == 0)
		return;
	dec_text_set(buf, len, "%.*f", maxdec, dec_round_to(v,
	    pow(10.0, maxdec)));
	if (strchr(buf, '.') == NULL)
		return;
	p = buf + strlen(buf) - 1;
	while (*p == '0')
		*p-- = '\0';
	if (*p == '.')
		*p = '\0';
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}
