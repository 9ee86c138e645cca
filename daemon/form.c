/*
 * k=v&k=v: the one parser of query strings (the API's parameters) and of
 * form bodies (application/x-www-form-urlencoded), with one set of rules
 * for escapes, UTF-8 and sizes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "daemon/daemon.h"

/* The value of a hex digit, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* Decode one component: '+' is a space, %XX a byte; NULL if malformed. */
static char *
form_decode(const char *s, size_t n)
{
	char	*out;
	size_t	 i, o = 0;
	int	 hi, lo;

	if (n > FORM_MAX_VALUE * 3 || (out = malloc(n + 1)) == NULL)
		return (NULL);
	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] == '%') {
			/* Two hex digits must follow, inside the component. */
			if (i + 2 >= n ||
			    (hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0) {
				free(out);
				return (NULL);
			}
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	if (o > FORM_MAX_VALUE || memchr(out, '\0', o) != NULL ||
	    !dec_utf8_valid(out, o, NULL)) {
		free(out);
		return (NULL);
	}
	return (out);
}

/* Parse k=v&k=v (see daemon.h). */
int
form_parse(const char *s, size_t len, struct form *f)
{
	const char	*end = s + len, *amp, *eq;

	memset(f, 0, sizeof *f);
	if (s == NULL)
		return (0);
	while (s < end) {
		amp = memchr(s, '&', (size_t)(end - s));
		if (amp == NULL)
			amp = end;
		if (amp == s) {
			s++;
			continue;
		}
		if (f->n == FORM_MAX_FIELDS)
			goto bad;
		eq = memchr(s, '=', (size_t)(amp - s));
		f->key[f->n] = form_decode(s, (size_t)((eq != NULL ? eq : amp) -
		    s));
		f->value[f->n] = eq != NULL ?
		    form_decode(eq + 1, (size_t)(amp - eq - 1)) : strdup("");
		f->n++;
		if (f->key[f->n - 1] == NULL || f->value[f->n - 1] == NULL)
			goto bad;
		s = amp + (amp < end);
	}
	return (0);
bad:
	form_free(f);
	return (-1);
}

/* The last value of a field, or NULL. */
const char *
form_get(const struct form *f, const char *key)
{
	int	i;

	for (i = f->n - 1; i >= 0; i--)
		if (strcmp(f->key[i], key) == 0)
			return (f->value[i]);
	return (NULL);
}

/* Release what form_parse allocated. */
void
form_free(struct form *f)
{
	int	i;

	for (i = 0; i < f->n; i++) {
		free(f->key[i]);
		free(f->value[i]);
	}
	f->n = 0;
}
