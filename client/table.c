#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/client.h"

#define TABLE_GUTTER	2

struct table {
	size_t	  ncols;
	char	 *align;	/* one 'l', 'r' or 'm' per column */
	size_t	 *width;	/* widest cell per column, in code points */
	size_t	  nrows;	/* row 0 is the header */
	size_t	  cap;
	char	**cells;	/* nrows * ncols */
};

/* Copy a cell, turning newlines into spaces so rows stay one line. */
static char *
table_cell(const char *s)
{
	char	*c, *p;

	c = xstrdup(s != NULL ? s : "");
	for (p = c; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return (c);
}

/* Create a table with the given headers (NULL-terminated list). */
struct table *
table_new(const char *const *headers, const char *align)
{
	struct table	*t;
	size_t		 n;

	for (n = 0; headers[n] != NULL; n++)
		;
	t = xcalloc(1, sizeof *t);
	t->ncols = n;
	t->align = xcalloc(n + 1, 1);
	for (n = 0; n < t->ncols; n++)
		t->align[n] = (align != NULL && n < strlen(align)) ?
		    align[n] : 'l';
	t->width = xcalloc(t->ncols, sizeof *t->width);
	table_add(t, headers);
	return (t);
}

/* Append a row; the widths grow as cells arrive. */
void
table_add(struct table *t, const char *const *cells)
{
	size_t	i, w;

	if (t->nrows == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->cells = xreallocarray(t->cells, t->cap,
		    t->ncols * sizeof *t->cells);
	}
	for (i = 0; i < t->ncols; i++) {
		t->cells[t->nrows * t->ncols + i] = table_cell(cells[i]);
		w = utf8_width(t->cells[t->nrows * t->ncols + i]);
		if (w > t->width[i])
			t->width[i] = w;
	}
	t->nrows++;
}

/*
 * Print every row.  Columns that are empty throughout (header included)
 * are left out, and no line ends in blanks.
 */
void
table_print(const struct table *t, FILE *f)
{
	const char	*c;
	size_t		 r, i, w, pad, end, first;
	char		**row;

	for (first = 0; first < t->ncols && t->width[first] == 0; first++)
		;
	for (r = 0; r < t->nrows; r++) {
		row = t->cells + r * t->ncols;
		for (end = t->ncols; end > first && *row[end - 1] == '\0';
		    end--)
			;
		for (i = first; i < end; i++) {
			if (t->width[i] == 0)
				continue;
			c = row[i];
			w = utf8_width(c);
			pad = t->width[i] - w;
			if (i > first)
				fprintf(f, "%*s", t->align[i] == 'm' ? 1 :
				    TABLE_GUTTER, "");
			if (t->align[i] == 'r')
				fprintf(f, "%*s%s", (int)pad, "", c);
			else if (i + 1 < end)
				fprintf(f, "%s%*s", c, (int)pad, "");
			else
				fputs(c, f);
		}
		fputc('\n', f);
	}
}

/* Free a table and its cells; NULL is fine. */
void
table_free(struct table *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->width);
	free(t->align);
	free(t);
}
