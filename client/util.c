#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "client/client.h"

/*
 * The one place outside main() that ends the program: a client that cannot
 * allocate a few kilobytes has nothing sensible left to do, and returning
 * NULL through every caller would hide the real work (tmux does the same).
 */
void
fatal_nomem(void)
{
	fputs("tripmode: out of memory\n", stderr);
	exit(EXIT_USAGE);
}

/* malloc that never returns NULL. */
void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal_nomem();
	return (p);
}

/* calloc that never returns NULL. */
void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal_nomem();
	return (p);
}

/* reallocarray that never returns NULL and checks n * size. */
void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (n > SIZE_MAX / size)
		fatal_nomem();
	if ((p = realloc(old, n * size)) == NULL)
		fatal_nomem();
	return (p);
}

/* strdup that never returns NULL. */
char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		fatal_nomem();
	return (p);
}

/* vasprintf that never returns NULL. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) == -1)
		fatal_nomem();
	return (s);
}

/* asprintf that never returns NULL. */
char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return (s);
}

/* Count code points: every byte that is not a continuation byte. */
size_t
utf8_width(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

/*
 * Copy len bytes with control characters replaced: C0 and DEL by '?'
 * (newlines kept, tabs made spaces), C1 (U+0080..U+009F) by '?'.
 */
static char *
sanitize(const unsigned char *in, size_t len, int *changed)
{
	char	*out;
	size_t	 i, o;

	*changed = 0;
	out = xmalloc(len + 1);
	for (i = o = 0; i < len; i++) {
		if (in[i] == '\t') {
			out[o++] = ' ';
			*changed = 1;
		} else if ((in[i] < 0x20 && in[i] != '\n') || in[i] == 0x7f) {
			out[o++] = '?';
			*changed = 1;
		} else if (in[i] == 0xc2 && i + 1 < len &&
		    in[i + 1] >= 0x80 && in[i + 1] <= 0x9f) {
			/* CSI (U+009B) alone can start an escape sequence. */
			out[o++] = '?';
			i++;
			*changed = 1;
		} else
			out[o++] = (char)in[i];
	}
	out[o] = '\0';
	return (out);
}

/* A copy of s that is safe to print on a terminal. */
char *
text_sanitize(const char *s)
{
	int	changed;

	return (sanitize((const unsigned char *)s, strlen(s), &changed));
}

/* Sanitize one string value in place. */
static void
json_sanitize_string(json_t *s)
{
	char	*out;
	int	 changed;

	out = sanitize((const unsigned char *)json_string_value(s),
	    json_string_length(s), &changed);
	if (changed && json_string_set(s, out) == -1)
		fatal_nomem();
	free(out);
}

/* Walk the tree; only string values change. */
void
json_sanitize(json_t *j)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	switch (json_typeof(j)) {
	case JSON_STRING:
		json_sanitize_string(j);
		break;
	case JSON_ARRAY:
		json_array_foreach(j, i, v)
			json_sanitize(v);
		break;
	case JSON_OBJECT:
		json_object_foreach(j, key, v)
			json_sanitize(v);
		break;
	default:
		break;
	}
}

/* The string at key, or NULL if absent or not a string. */
const char *
jstr(const json_t *o, const char *key)
{
	return (json_string_value(json_object_get(o, key)));
}

/* The number (integer or real) at key; return 0, or -1 if none. */
int
jnum(const json_t *o, const char *key, double *d)
{
	json_t	*v = json_object_get(o, key);

	if (!json_is_number(v))
		return (-1);
	*d = json_number_value(v);
	return (0);
}

/* The boolean at key: 1, 0, or -1 if absent or not a boolean. */
int
jbool(const json_t *o, const char *key)
{
	json_t	*v = json_object_get(o, key);

	if (!json_is_boolean(v))
		return (-1);
	return (json_is_true(v));
}

/* Read a whole file, or standard input for "-". */
int
read_file(const char *path, char **buf, size_t *len, char **cause)
{
	FILE	*f;
	char	*b = NULL;
	size_t	 cap = 0, n = 0, got;
	int	 stdin_ = strcmp(path, "-") == 0;

	*buf = NULL;
	*len = 0;
	if (stdin_)
		f = stdin;
	else if ((f = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	for (;;) {
		if (cap - n < 65536) {
			if (cap > SIZE_MAX / 2 - 65536)
				fatal_nomem();
			cap = cap * 2 + 65536;
			b = xreallocarray(b, cap, 1);
		}
		got = fread(b + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		*cause = xasprintf("%s: %s", stdin_ ? "standard input" : path,
		    strerror(errno != 0 ? errno : EIO));
		free(b);
		if (!stdin_)
			fclose(f);
		return (-1);
	}
	if (!stdin_)
		fclose(f);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return (0);
}
