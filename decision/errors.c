/*
 * Errors of an input, every one of them: a field, a code, an English
 * message.  Adding cannot fail and cannot lose an error: the list grows
 * (running out of memory aborts, as xmalloc does), and a message is made
 * valid UTF-8 however the user's text in it was cut, so that an encoder
 * never refuses it.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decision/decision-int.h"

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

static const char *const code_names[] = {
	"malformed", "type", "unknown_field", "required", "empty", "too_long",
	"range", "date", "order", "choice", "format", "encoding", "duplicate",
	"unknown_place", "not_offered", "conflict", "invalid"
};
_Static_assert(nitems(code_names) == DEC_E_INVALID + 1, "code names");

/* A copy of s; out of memory aborts. */
static char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s != NULL ? s : "")) == NULL)
		abort();
	return (p);
}

/* Wire name of an error code ("required"). */
const char *
dec_code_name(enum dec_code c)
{
	if ((int)c < 0 || (size_t)c >= nitems(code_names))
		return ("invalid");
	return (code_names[c]);
}

/* Add one error of a record (row 0: of the whole input). */
void
dec_errors_vadd_row(struct dec_errors *es, int row, const char *field,
    enum dec_code code, const char *fmt, va_list ap)
{
	struct dec_error	*e;
	char			*msg;

	if (es->n == es->cap) {
		es->cap = es->cap == 0 ? 8 : es->cap * 2;
		if ((es->v = reallocarray(es->v, es->cap, sizeof *es->v)) ==
		    NULL)
			abort();
	}
	if (vasprintf(&msg, fmt, ap) == -1)
		abort();
	e = &es->v[es->n++];
	e->field = dec_utf8_scrub(xstrdup(field));
	e->row = row;
	e->code = code;
	e->message = dec_utf8_scrub(msg);
}

/* Add one error. */
void
dec_errors_add(struct dec_errors *es, const char *field, enum dec_code code,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	dec_errors_vadd_row(es, 0, field, code, fmt, ap);
	va_end(ap);
}

/* Add one error of record row. */
void
dec_errors_add_row(struct dec_errors *es, int row, const char *field,
    enum dec_code code, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	dec_errors_vadd_row(es, row, field, code, fmt, ap);
	va_end(ap);
}

/* Has field (of row) an error already? */
int
dec_errors_has(const struct dec_errors *es, int row, const char *field)
{
	size_t	i;

	for (i = 0; i < es->n; i++)
		if (es->v[i].row == row && strcmp(es->v[i].field, field) == 0)
			return (1);
	return (0);
}

/* The first error of a code, or NULL. */
const struct dec_error *
dec_errors_find(const struct dec_errors *es, enum dec_code code)
{
	size_t	i;

	for (i = 0; i < es->n; i++)
		if (es->v[i].code == code)
			return (&es->v[i]);
	return (NULL);
}

/*
 * Is the input malformed rather than wrong (not readable, a value of the
 * wrong type, an unknown member): a client error of form (400), not of
 * content (422)?
 */
int
dec_errors_structural(const struct dec_errors *es)
{
	size_t	i;

	for (i = 0; i < es->n; i++)
		if (es->v[i].code == DEC_E_MALFORMED ||
		    es->v[i].code == DEC_E_TYPE ||
		    es->v[i].code == DEC_E_UNKNOWN_FIELD)
			return (1);
	return (0);
}

/*
 * Move every error of from to the end of to, each field prefixed
 * ("trip." + "departure_date"); from is left empty.
 */
void
dec_errors_move(struct dec_errors *to, struct dec_errors *from,
    const char *prefix)
{
	struct dec_error	*e;
	size_t			 i;

	for (i = 0; i < from->n; i++) {
		e = &from->v[i];
		dec_errors_add_row(to, e->row, "", e->code, "%s", e->message);
		free(to->v[to->n - 1].field);
		if (asprintf(&to->v[to->n - 1].field, "%s%s",
		    prefix != NULL ? prefix : "", e->field) == -1)
			abort();
	}
	dec_errors_clear(from);
}

/* Sort the errors by row, keeping their order within a row (insertion
 * sort: stable, and lists of errors are short), so that a report reads
 * like the file. */
void
dec_errors_sort_rows(struct dec_errors *es)
{
	struct dec_error	e;
	size_t			i, j;

	for (i = 1; i < es->n; i++) {
		e = es->v[i];
		for (j = i; j > 0 && es->v[j - 1].row > e.row; j--)
			es->v[j] = es->v[j - 1];
		es->v[j] = e;
	}
}

/* Free every error; the list can be used again. */
void
dec_errors_clear(struct dec_errors *es)
{
	size_t	i;

	for (i = 0; i < es->n; i++) {
		free(es->v[i].field);
		free(es->v[i].message);
	}
	free(es->v);
	es->v = NULL;
	es->n = es->cap = 0;
}
