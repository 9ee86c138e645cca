/*
 * A streaming JSON writer: answers are written straight into the reply's
 * evbuffer (into space reserved in it, committed in chunks), with no tree
 * of allocated nodes and no printf for the usual numbers.  Building the
 * answer to a ruling with jansson cost about two thirds of its CPU time.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "daemon/daemon.h"

#define JW_CHUNK	4096	/* bytes reserved at a time */

/* Reserve at least n bytes of the buffer to write into. */
static void
jw_reserve(struct jw *w, size_t n)
{
	struct evbuffer_iovec	vec;

	if (w->p != NULL) {
		vec.iov_base = w->start;
		vec.iov_len = (size_t)(w->p - w->start);
		if (evbuffer_commit_space(w->out, &vec, 1) != 0)
			abort();
	}
	if (n < JW_CHUNK)
		n = JW_CHUNK;
	if (evbuffer_reserve_space(w->out, (ev_ssize_t)n, &vec, 1) != 1)
		abort();
	w->start = w->p = vec.iov_base;
	w->end = w->start + vec.iov_len;
}

/* Start writing at the end of out. */
void
jw_init(struct jw *w, struct evbuffer *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

/* Hand what was written to the buffer: call before anything else uses it. */
void
jw_finish(struct jw *w)
{
	struct evbuffer_iovec	vec;

	if (w->p == NULL)
		return;
	vec.iov_base = w->start;
	vec.iov_len = (size_t)(w->p - w->start);
	if (evbuffer_commit_space(w->out, &vec, 1) != 0)
		abort();
	w->start = w->p = w->end = NULL;
}

/* Append raw bytes: inline, since every value, key and comma of an
 * answer comes through here. */
static inline __attribute__((always_inline)) void
jw_raw(struct jw *w, const char *s, size_t n)
{
	if ((size_t)(w->end - w->p) < n)
		jw_reserve(w, n);
	memcpy(w->p, s, n);
	w->p += n;
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

/* A member whose value is JSON text already (a string quoted once, ahead
 * of the requests that send it). */
void
jw_literal(struct jw *w, const char *key, const char *json)
{
	jw_key(w, key);
	jw_raw(w, json, strlen(json));
}

/* A boolean member. */
void
jw_bool(struct jw *w, const char *key, int v)
{
	jw_key(w, key);
	jw_raw(w, v ? "true" : "false", v ? 4 : 5);
}

/* The decimal digits of u at p (at most 20); returns the end. */
static char *
digits(char *p, unsigned long long u)
{
	char	tmp[20];
	int	n = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	while (n > 0)
		*p++ = tmp[--n];
	return (p);
}

/* An integer member. */
void
jw_int(struct jw *w, const char *key, long long v)
{
	char			 buf[24], *p = buf;
	unsigned long long	 u;

	jw_key(w, key);
	if (v < 0) {
		*p++ = '-';
		u = 0ULL - (unsigned long long)v;
	} else
		u = (unsigned long long)v;
	p = digits(p, u);
	jw_raw(w, buf, (size_t)(p - buf));
}

/* End the document with a newline, as every answer does. */
void
jw_newline(struct jw *w)
{
	jw_raw(w, "\n", 1);
}

/*
 * A jansson value as a member (the members of an answer built as a tree:
 * a stored document, a problem's extras).  A value that cannot be encoded
 * is written as null.
 */
void
jw_json(struct jw *w, const char *key, const json_t *v)
{
	char	*s;

	jw_key(w, key);
	s = v != NULL ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
	    JSON_REAL_PRECISION(10)) : NULL;
	if (s == NULL)
		jw_raw(w, "null", 4);
	else
		jw_raw(w, s, strlen(s));
	free(s);
}

/* jansson's dump callback: into the writer's reserved space. */
static int
dump_raw(const char *buf, size_t len, void *arg)
{
	jw_raw(arg, buf, len);
	return (0);
}

/*
 * A jansson value as the whole document (a stored document, a list):
 * written straight into the buffer, no copy.  0, or -1 if it cannot be
 * encoded (the caller throws away what was written).
 */
int
jw_document(struct jw *w, const json_t *v)
{
	if (v == NULL || json_dump_callback(v, dump_raw, w, JSON_COMPACT |
	    JSON_ENCODE_ANY | JSON_REAL_PRECISION(10)) != 0)
		return (-1);
	return (0);
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
	unsigned long long	 r, ip, fp, d;
	int			 n;

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
		p = digits(p, ip);
		if (fp != 0) {
			*p++ = '.';
			for (d = 100000; fp != 0; d /= 10) {
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
