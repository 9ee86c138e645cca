/*
 * A streaming JSON writer for the hot path: the answer to a ruling is
 * written straight into a buffer, with no tree of allocated nodes and no
 * printf for the usual numbers.  Building the same answer with jansson cost
 * about two thirds of a ruling's CPU time.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/daemon.h"

/* Make room for n more bytes (allocation failure is fatal, as xmalloc). */
static void
jw_grow(struct jw *w, size_t n)
{
	if (w->len + n + 1 <= w->cap)
		return;
	w->cap = (w->len + n + 1) * 2;
	if (w->cap < 4096)
		w->cap = 4096;
	if ((w->buf = realloc(w->buf, w->cap)) == NULL)
		abort();
}

/* Append raw bytes. */
static void
jw_raw(struct jw *w, const char *s, size_t n)
{
	jw_grow(w, n);
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

/* A JSON string literal: quotes, escapes; UTF-8 passes through. */
static void
jw_quote(struct jw *w, const char *s)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 run;

	jw_raw(w, "\"", 1);
	while (*p != '\0') {
		for (run = 0; p[run] >= 0x20 && p[run] != '"' &&
		    p[run] != '\\'; run++)
			;
		if (run > 0) {
			jw_raw(w, (const char *)p, run);
			p += run;
			continue;
		}
		if (*p == '"')
			jw_raw(w, "\\\"", 2);
		else if (*p == '\\')
			jw_raw(w, "\\\\", 2);
		else if (*p == '\n')
			jw_raw(w, "\\n", 2);
		else if (*p == '\t')
			jw_raw(w, "\\t", 2);
		else if (*p == '\r')
			jw_raw(w, "\\r", 2);
		else {
			char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4],
			    hex[*p & 15] };

			jw_raw(w, u, 6);
		}
		p++;
	}
	jw_raw(w, "\"", 1);
}

/* The separator and key before a value. */
static void
jw_key(struct jw *w, const char *key)
{
	if (w->comma)
		jw_raw(w, ",", 1);
	w->comma = 1;
	if (key != NULL) {
		jw_quote(w, key);
		jw_raw(w, ":", 1);
	}
}

/* Start an object (key NULL inside arrays and at the top). */
void
jw_object(struct jw *w, const char *key)
{
	jw_key(w, key);
	jw_raw(w, "{", 1);
	w->comma = 0;
}

/* Start an array. */
void
jw_array(struct jw *w, const char *key)
{
	jw_key(w, key);
	jw_raw(w, "[", 1);
	w->comma = 0;
}

/* End an object or array. */
void
jw_end(struct jw *w, char close)
{
	jw_raw(w, &close, 1);
	w->comma = 1;
}

/* A string member (NULL: null). */
void
jw_string(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	if (s == NULL)
		jw_raw(w, "null", 4);
	else
		jw_quote(w, s);
}

/* A boolean member. */
void
jw_bool(struct jw *w, const char *key, int v)
{
	jw_key(w, key);
	jw_raw(w, v ? "true" : "false", v ? 4 : 5);
}

/* An integer member. */
void
jw_int(struct jw *w, const char *key, long long v)
{
	char	buf[32];
	int	n;

	jw_key(w, key);
	n = snprintf(buf, sizeof buf, "%lld", v);
	jw_raw(w, buf, (size_t)n);
}

/* End the document with a newline, as every answer does. */
void
jw_raw_newline(struct jw *w)
{
	jw_raw(w, "\n", 1);
}

/* A null member. */
void
jw_null(struct jw *w, const char *key)
{
	jw_key(w, key);
	jw_raw(w, "null", 4);
}

/*
 * A number member.  Values with at most six decimals (every figure of a
 * ruling: km to 0.1, kg to 0.01, factors, coordinates) are written from
 * integers, shortest form; anything else as %.10g, like jsonio_dump.
 */
void
jw_number(struct jw *w, const char *key, double v)
{
	char			 buf[48], *p;
	double			 scaled;
	unsigned long long	 r, ip, fp;
	int			 i, n;

	jw_key(w, key);
	if (!isfinite(v)) {
		jw_raw(w, "null", 4);
		return;
	}
	scaled = fabs(v) * 1e6;
	if (fabs(v) < 1e12 && fabs(scaled - round(scaled)) <
	    1e-7 * (scaled > 1 ? scaled : 1)) {
		r = (unsigned long long)llround(scaled);
		ip = r / 1000000;
		fp = r % 1000000;
		p = buf;
		if (v < 0 && r != 0)
			*p++ = '-';
		p += snprintf(p, sizeof buf - 2, "%llu", ip);
		if (fp != 0) {
			*p++ = '.';
			for (i = 5; i >= 0 && fp != 0; i--) {
				unsigned long long d = 1;
				int k;

				for (k = 0; k < i; k++)
					d *= 10;
				*p++ = (char)('0' + fp / d);
				fp %= d;
			}
		}
		jw_raw(w, buf, (size_t)(p - buf));
		return;
	}
	n = snprintf(buf, sizeof buf, "%.10g", v);
	jw_raw(w, buf, (size_t)n);
}
