/*
 * CSV: RFC 4180 in, as spreadsheets write it (Excel in Belgium: UTF-8
 * BOM, ';', CRLF, decimal comma), with the mapping of its columns to the
 * JSON fields of a destination; and out, the one writer of every CSV
 * export, which neutralises what a spreadsheet would run as a formula
 * (and the reader reads it back as it was, so that an export imports
 * unchanged).  Nothing here knows about HTTP, so that the unit tests can
 * take a file as it is.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>

#include "daemon/daemon.h"

#define CSV_MAX_COLUMNS	64

/* What a spreadsheet takes for a formula at the start of a cell. */
#define FORMULA_START	"=+-@\t\r"

/*
 * Does a text cell need a quote before it, so that a spreadsheet does not
 * run it: does it start, after any quotes, with = + - @ or a tab?  (A
 * quote before such a cell is one that csv_text added, and csv_read
 * takes away.)
 */
static int
formula_like(const char *s)
{
	while (*s == '\'')
		s++;
	return (*s != '\0' && strchr(FORMULA_START, *s) != NULL);
}

/* Is a cell one that csv_text neutralised: a quote, then formula_like? */
static int
neutralised(const char *s)
{
	return (s[0] == '\'' && formula_like(s));
}

/* Free what csv_read made. */
void
csv_free(struct csv *c)
{
	free(c->records);
	free(c->fieldv);
	free(c->buf);
	memset(c, 0, sizeof *c);
}

/* The separator the header line uses more (outside quotes). */
static char
csv_separator(const char *p, const char *end)
{
	size_t	commas = 0, semis = 0;
	int	quoted = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\r' || *p == '\n')
			break;
		else if (*p == ',')
			commas++;
		else if (*p == ';')
			semis++;
	}
	return (semis > commas ? ';' : ',');
}

/* Grow an array of n elements of size sz to hold one more. */
static void *
grow(void *v, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return (v);
	*cap = *cap == 0 ? 64 : *cap * 2;
	if ((v = reallocarray(v, *cap, sz)) == NULL)
		abort();
	return (v);
}

/* The header's name of column i (of text) for errors, or "column i+1". */
static const char *
column_name(const char *buf, const size_t *offs, size_t nheader, size_t i,
    char *tmp, size_t len)
{
	const char	*name;
	size_t		 bad;

	if (i < nheader) {
		name = buf + offs[i];
		if (*name != '\0' && strlen(name) < 64 &&
		    dec_utf8_valid(name, strlen(name), &bad))
			return (name);
	}
	snprintf(tmp, len, "column %zu", i + 1);
	return (tmp);
}

/* Read CSV into records (see daemon.h). */
int
csv_read(const char *text, size_t len, struct csv *c, struct dec_errors *errs)
{
	const char	*p = text, *end = text + len, *col;
	char		*out, *start, tmp[32];
	size_t		*offs = NULL, *firsts = NULL, nf = 0, capf = 0;
	size_t		 capr = 0, capfirst = 0, first, i, bad, nheader = 0;
	size_t		 nerr = errs->n;
	int		 row = 1;

	memset(c, 0, sizeof *c);
	if (len >= 2 && (((unsigned char)p[0] == 0xff &&
	    (unsigned char)p[1] == 0xfe) || ((unsigned char)p[0] == 0xfe &&
	    (unsigned char)p[1] == 0xff))) {
		dec_errors_add_row(errs, 1, "", DEC_E_ENCODING, "the file is "
		    "UTF-16: save it as \"CSV UTF-8\"");
		return (-1);
	}
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	/* Excel's "sep=;" line names the separator and is not a row. */
	if (end - p >= 5 && strncasecmp(p, "sep=", 4) == 0 &&
	    (p[4] == ',' || p[4] == ';') &&
	    (end - p == 5 || p[5] == '\r' || p[5] == '\n')) {
		c->sep = p[4];
		p += 5;
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
	} else
		c->sep = csv_separator(p, end);

	/* Unquoting never grows a field; each field ends with one NUL. */
	if ((c->buf = malloc(len + 2)) == NULL)
		abort();
	out = c->buf;
	while (p < end && errs->n - nerr < CSV_MAX_ERRORS) {
		if (*p == '\r' || *p == '\n') {
			/* A blank line: a row in the spreadsheet, no record. */
			if (*p == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			p++;
			row++;
			continue;
		}
		first = nf;
		for (;;) {
			offs = grow(offs, nf, &capf, sizeof *offs);
			offs[nf++] = (size_t)(out - c->buf);
			start = out;
			if (p < end && *p == '"') {
				for (p++;; p++) {
					if (p == end) {
						dec_errors_add_row(errs, row,
						    "", DEC_E_MALFORMED,
						    "a quoted field is not "
						    "closed (a \" is missing)");
						goto fail;
					}
					if (*p == '"') {
						if (p + 1 < end && p[1] == '"')
							p++;
						else
							break;
					}
					*out++ = *p;
				}
				p++;
				if (p < end && *p != c->sep && *p != '\r' &&
				    *p != '\n') {
					dec_errors_add_row(errs, row, "",
					    DEC_E_MALFORMED, "text after the "
					    "closing quote of field %zu",
					    nf - first);
					goto fail;
				}
			} else {
				while (p < end && *p != c->sep && *p != '\r' &&
				    *p != '\n')
					*out++ = *p++;
			}
			*out = '\0';
			col = row == 1 ? NULL : column_name(c->buf, offs,
			    nheader, nf - first - 1, tmp, sizeof tmp);
			if (errs->n - nerr >= CSV_MAX_ERRORS)
				goto fail;	/* enough said */
			if (memchr(start, '\0', (size_t)(out - start)) != NULL)
				dec_errors_add_row(errs, row, col,
				    DEC_E_ENCODING, "contains a NUL byte "
				    "(field %zu)", nf - first);
			else if (!dec_utf8_valid(start, (size_t)(out - start),
			    &bad))
				dec_errors_add_row(errs, row, col,
				    DEC_E_ENCODING, "not valid UTF-8 (byte "
				    "0x%02x in field %zu): save the file as "
				    "\"CSV UTF-8\"", (unsigned char)start[bad],
				    nf - first);
			else if (neutralised(start)) {
				/*
				 * The writer's quote goes: the cell as it was.
				 */
				memmove(start, start + 1,
				    (size_t)(out - start));
				out--;
			}
			out++;
			if (p == end)
				break;
			if (*p == c->sep) {
				p++;
				continue;
			}
			if (*p == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			p++;
			break;
		}
		if (row == 1)
			nheader = nf - first;
		c->records = grow(c->records, c->nrecords, &capr,
		    sizeof *c->records);
		firsts = grow(firsts, c->nrecords, &capfirst, sizeof *firsts);
		c->records[c->nrecords].row = row;
		c->records[c->nrecords].nfields = nf - first;
		firsts[c->nrecords] = first;
		c->nrecords++;
		row++;
	}
	if (errs->n > nerr)
		goto fail;

	if ((c->fieldv = calloc(nf + 1, sizeof *c->fieldv)) == NULL)
		abort();
	for (i = 0; i < nf; i++)
		c->fieldv[i] = c->buf + offs[i];
	for (i = 0; i < c->nrecords; i++)
		c->records[i].fields = c->fieldv + firsts[i];
	free(firsts);
	free(offs);
	return (0);

fail:
	free(firsts);
	free(offs);
	csv_free(c);
	return (-1);
}

/* --- the columns of a destination ------------------------------------- */

enum col_kind { COL_STRING, COL_TRIMMED, COL_NUMBER, COL_BOOL, COL_DATE,
    COL_ALIASES, COL_IGNORED };

static const struct column {
	const char	*name;
	enum col_kind	 kind;
	int		 required;
} columns[] = {
	{ "id",			COL_TRIMMED,	1 },
	{ "name",		COL_STRING,	1 },
	{ "name_nl",		COL_STRING,	0 },
	{ "name_en",		COL_STRING,	0 },
	{ "aliases",		COL_ALIASES,	0 },
	{ "country",		COL_TRIMMED,	1 },
	{ "lat",		COL_NUMBER,	1 },
	{ "lon",		COL_NUMBER,	1 },
	{ "coord_source",	COL_STRING,	0 },
	{ "mode",		COL_TRIMMED,	1 },
	{ "strength",		COL_TRIMMED,	1 },
	{ "rail_hours",		COL_NUMBER,	0 },
	{ "rail_estimated",	COL_BOOL,	0 },
	{ "rail_source",	COL_STRING,	0 },
	{ "rail_source_date",	COL_DATE,	0 },
	{ "night_train",	COL_BOOL,	0 },
	{ "night_train_note",	COL_STRING,	0 },
	{ "notes",		COL_STRING,	0 },
	{ "active_from",	COL_DATE,	0 },
	{ "retired",		COL_DATE,	0 },
	{ "distance_km",	COL_IGNORED,	0 },
	{ "in_rail_zone",	COL_IGNORED,	0 },
	{ "network_hours",	COL_IGNORED,	0 },
	{ "version",		COL_IGNORED,	0 },
	{ "updated_at",		COL_IGNORED,	0 },
	{ "updated_by",		COL_IGNORED,	0 },
	{ NULL,			COL_IGNORED,	0 }
};

/* Copy s without surrounding white space into buf. */
static void
trim(const char *s, char *buf, size_t len)
{
	size_t	n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* Is every field of a record empty (or white space)? */
static int
record_blank(const struct csv_record *rec)
{
	char	buf[8];
	size_t	i;

	for (i = 0; i < rec->nfields; i++) {
		trim(rec->fields[i], buf, sizeof buf);
		if (buf[0] != '\0')
			return (0);
	}
	return (1);
}

/*
 * A number as spreadsheets write it: "2.5", "-3", "1e3", or with a
 * decimal comma ("2,5") when allowed.  No thousands separators.
 */
static int
parse_number(const char *s, int decimal_comma, double *d)
{
	char	 buf[64], *end, *comma;
	size_t	 i;

	trim(s, buf, sizeof buf);
	if (buf[0] == '\0' || strlen(s) >= sizeof buf)
		return (-1);
	if (decimal_comma && (comma = strchr(buf, ',')) != NULL) {
		if (strchr(buf, '.') != NULL || strchr(comma + 1, ',') != NULL)
			return (-1);
		*comma = '.';
	}
	for (i = 0; buf[i] != '\0'; i++) {
		if (!isdigit((unsigned char)buf[i]) && strchr("+-.eE",
		    buf[i]) == NULL)
			return (-1);
	}
	*d = strtod(buf, &end);
	if (*end != '\0' || end == buf || !isfinite(*d))
		return (-1);
	return (0);
}

/* A boolean cell: 1, 0, or -1. */
static int
parse_bool(const char *s)
{
	/* Excel writes booleans in the language of the machine. */
	static const char *const yes[] = { "true", "1", "yes", "y", "waar",
	    "ja", "j", "vrai", "oui", "wahr", NULL };
	static const char *const no[] = { "false", "0", "no", "n", "onwaar",
	    "nee", "faux", "non", "falsch", "nein", NULL };
	char	buf[16];
	int	i;

	trim(s, buf, sizeof buf);
	if (buf[0] == '\0')
		return (0);
	for (i = 0; yes[i] != NULL; i++)
		if (strcasecmp(buf, yes[i]) == 0)
			return (1);
	for (i = 0; no[i] != NULL; i++)
		if (strcasecmp(buf, no[i]) == 0)
			return (0);
	return (-1);
}

/*
 * A date cell: "YYYY-MM-DD" as it is; with ';' (a European spreadsheet)
 * also the day first, "27/11/2026", "27-11-2026" or "27.11.2026", as
 * Excel rewrites dates in Belgium.  Into buf, trimmed.
 */
static void
parse_date(const char *s, int day_first, char *buf, size_t len)
{
	unsigned int	d, m, y;
	char		sep1, sep2, tail;

	trim(s, buf, len);
	if (!day_first || sscanf(buf, "%2u%c%2u%c%4u%c", &d, &sep1, &m, &sep2,
	    &y, &tail) != 5 || sep1 != sep2 || strchr("/-.", sep1) == NULL ||
	    y < 1000 || !isdigit((unsigned char)buf[strlen(buf) - 1]))
		return;
	snprintf(buf, len, "%04u-%02u-%02u", y, m, d);
}

/* The aliases cell: names split on '|', trimmed, empty ones dropped. */
static json_t *
parse_aliases(const char *s)
{
	json_t		*a = json_array();
	const char	*bar;
	char		 buf[DEC_NAME_MAX * 2], piece[DEC_NAME_MAX * 2];
	size_t		 n;

	for (; a != NULL; s = bar + 1) {
		bar = strchr(s, '|');
		n = bar != NULL ? (size_t)(bar - s) : strlen(s);
		if (n >= sizeof piece)
			n = sizeof piece - 1;
		memcpy(piece, s, n);
		piece[n] = '\0';
		trim(piece, buf, sizeof buf);
		if (buf[0] != '\0')
			json_array_append_new(a, json_string(buf));
		if (bar == NULL)
			break;
	}
	return (a);
}

/* Map the header to columns; index -1 for ignored ones. */
static int
map_header(const struct csv *c, int *map, struct dec_errors *errs)
{
	const struct csv_record	*h = &c->records[0];
	const struct column	*col;
	char			 name[64];
	int			 seen[sizeof columns / sizeof columns[0]];
	size_t			 i, k, nerr = errs->n;

	memset(seen, 0, sizeof seen);
	if (h->nfields > CSV_MAX_COLUMNS) {
		dec_errors_add_row(errs, h->row, "", DEC_E_TOO_LONG, "%zu "
		    "columns; at most %d", h->nfields, CSV_MAX_COLUMNS);
		return (-1);
	}
	for (i = 0; i < h->nfields; i++) {
		trim(h->fields[i], name, sizeof name);
		map[i] = -1;
		if (name[0] == '\0') {
			/* Spreadsheets add empty columns: only if empty. */
			for (k = 1; k < c->nrecords; k++) {
				if (i < c->records[k].nfields &&
				    c->records[k].fields[i][0] != '\0') {
					dec_errors_add_row(errs, h->row, "",
					    DEC_E_REQUIRED, "column %zu has "
					    "values but no name", i + 1);
					break;
				}
			}
			continue;
		}
		for (col = columns; col->name != NULL; col++)
			if (strcasecmp(name, col->name) == 0)
				break;
		if (col->name == NULL) {
			dec_errors_add_row(errs, h->row, name,
			    DEC_E_UNKNOWN_FIELD, "unknown column (the columns "
			    "are the JSON field names: id, name, name_nl, "
			    "name_en, aliases, country, lat, lon, ...)");
			continue;
		}
		if (seen[col - columns]++) {
			dec_errors_add_row(errs, h->row, col->name,
			    DEC_E_DUPLICATE, "column given twice");
			continue;
		}
		map[i] = (int)(col - columns);
	}
	for (col = columns; col->name != NULL; col++) {
		if (col->required && !seen[col - columns])
			dec_errors_add_row(errs, h->row, col->name,
			    DEC_E_REQUIRED, "required column is missing");
	}
	return (errs->n > nerr ? -1 : 0);
}

/* One record as an entry object; errors appended. */
static json_t *
map_record(const struct csv *c, const struct csv_record *rec, const int *map,
    size_t ncols, struct dec_errors *errs)
{
	const struct column	*col;
	const char		*v;
	char			 buf[512], clip[64];
	json_t			*o, *j;
	size_t			 i;
	double			 d;
	int			 b;

	if ((o = json_object()) == NULL)
		abort();
	for (i = 0; i < ncols && i < rec->nfields; i++) {
		if (map[i] == -1)
			continue;
		col = &columns[map[i]];
		v = rec->fields[i];
		j = NULL;
		switch (col->kind) {
		case COL_STRING:
			j = json_string(v);
			break;
		case COL_TRIMMED:
			trim(v, buf, sizeof buf);
			j = json_string(buf);
			break;
		case COL_DATE:
			parse_date(v, c->sep == ';', buf, sizeof buf);
			j = buf[0] != '\0' ? json_string(buf) : json_null();
			break;
		case COL_NUMBER:
			trim(v, buf, sizeof buf);
			if (buf[0] == '\0')
				j = json_null();
			else if (parse_number(v, c->sep == ';', &d) == 0)
				j = json_real(d);
			else
				dec_errors_add_row(errs, rec->row,
				    col->name, DEC_E_FORMAT, "not a number: "
				    "\"%s\"%s", dec_clip(clip, sizeof clip, v,
				    40), c->sep == ';' ? "" : " (use a decimal "
				    "point)");
			break;
		case COL_BOOL:
			if ((b = parse_bool(v)) == -1)
				dec_errors_add_row(errs, rec->row,
				    col->name, DEC_E_FORMAT, "not true or "
				    "false: \"%s\"", dec_clip(clip, sizeof clip,
				    v, 40));
			else
				j = json_boolean(b);
			break;
		case COL_ALIASES:
			j = parse_aliases(v);
			break;
		case COL_IGNORED:
			break;
		}
		if (j != NULL)
			json_object_set_new(o, col->name, j);
	}
	return (o);
}

/* Read a destination list in CSV (see daemon.h). */
int
csv_entries(const char *text, size_t len, json_t **entries, int **rows,
    struct dec_errors *errs)
{
	struct csv		 c;
	const struct csv_record	*rec;
	int			 map[CSV_MAX_COLUMNS];
	size_t			 i, k, ncols, n = 0;
	json_t			*list;

	*entries = NULL;
	*rows = NULL;
	if (csv_read(text, len, &c, errs) != 0)
		return (-1);
	if (c.nrecords == 0 || c.records[0].row != 1) {
		dec_errors_add_row(errs, 1, "", DEC_E_REQUIRED,
		    "the first line "
		    "must be the header (the field names: id,name,...)");
		csv_free(&c);
		return (-1);
	}
	if (map_header(&c, map, errs) != 0) {
		csv_free(&c);
		return (-1);
	}
	ncols = c.records[0].nfields;
	if ((list = json_array()) == NULL ||
	    (*rows = calloc(c.nrecords, sizeof **rows)) == NULL)
		abort();
	for (i = 1; i < c.nrecords; i++) {
		rec = &c.records[i];
		if (record_blank(rec))
			continue;
		if (rec->nfields < ncols) {
			dec_errors_add_row(errs, rec->row, "", DEC_E_INVALID,
			    "%zu fields; the header has %zu", rec->nfields,
			    ncols);
			continue;
		}
		for (k = ncols; k < rec->nfields; k++) {
			if (rec->fields[k][0] != '\0')
				break;
		}
		if (k < rec->nfields) {
			dec_errors_add_row(errs, rec->row, "", DEC_E_INVALID,
			    "%zu fields; the header has %zu", rec->nfields,
			    ncols);
			continue;
		}
		json_array_append_new(list, map_record(&c, rec, map, ncols,
		    errs));
		(*rows)[n++] = rec->row;
	}
	csv_free(&c);
	*entries = list;
	return (0);
}

/* --- CSV out ----------------------------------------------------------- */

/* Append one text field (see daemon.h). */
void
csv_text(struct evbuffer *b, const char *s, int first)
{
	const char	*run;
	int		 quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",;\"\r\n") != NULL;
	if (!first)
		evbuffer_add(b, ",", 1);
	if (quote)
		evbuffer_add(b, "\"", 1);
	if (formula_like(s))
		evbuffer_add(b, "'", 1);
	for (run = s; *s != '\0'; s++) {
		if (*s != '"')
			continue;
		evbuffer_add(b, run, (size_t)(s - run + 1));
		evbuffer_add(b, "\"", 1);
		run = s + 1;
	}
	evbuffer_add(b, run, (size_t)(s - run));
	if (quote)
		evbuffer_add(b, "\"", 1);
}

/* Append one number: with a number of decimals, or (-1) 10 significant
 * digits as the JSON shows it. */
void
csv_number(struct evbuffer *b, double v, int decimals, int first)
{
	if (!first)
		evbuffer_add(b, ",", 1);
	if (decimals < 0)
		evbuffer_add_printf(b, "%.10g", v);
	else
		evbuffer_add_printf(b, "%.*f", decimals, v);
}

/* End a record. */
void
csv_end_row(struct evbuffer *b)
{
	evbuffer_add(b, "\r\n", 2);
}

/* A member of an entry's JSON as a CSV field (aliases joined by '|'). */
static void
member_write(struct evbuffer *b, const json_t *v, int first)
{
	struct evbuffer	*joined;
	json_t		*a;
	size_t		 k;
	char		*s;

	switch (json_typeof(v)) {
	case JSON_STRING:
		csv_text(b, json_string_value(v), first);
		break;
	case JSON_INTEGER:
		csv_number(b, (double)json_integer_value(v), 0, first);
		break;
	case JSON_REAL:
		csv_number(b, json_real_value(v), -1, first);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		csv_text(b, json_is_true(v) ? "true" : "false", first);
		break;
	case JSON_ARRAY:
		if ((joined = evbuffer_new()) == NULL)
			abort();
		json_array_foreach(v, k, a)
			evbuffer_add_printf(joined, "%s%s", k ? "|" : "",
			    json_string_value(a));
		evbuffer_add(joined, "", 1);
		s = (char *)evbuffer_pullup(joined, -1);
		csv_text(b, s, first);
		evbuffer_free(joined);
		break;
	default:
		csv_text(b, "", first);
		break;
	}
}

/* The list as CSV (see daemon.h). */
void
csv_entries_write(struct evbuffer *b, const struct dst_entry *const *v,
    size_t n)
{
	static const struct dst_entry empty = { .active_from = LONG_MIN,
	    .retired = LONG_MAX };
	const char	*key;
	json_t		*o, *m;
	size_t		 i;
	int		 first = 1;

	o = encode_entry(&empty);
	json_object_foreach(o, key, m) {
		csv_text(b, key, first);
		first = 0;
	}
	json_decref(o);
	csv_end_row(b);
	for (i = 0; i < n; i++) {
		o = encode_entry(v[i]);
		first = 1;
		json_object_foreach(o, key, m) {
			member_write(b, m, first);
			first = 0;
		}
		json_decref(o);
		csv_end_row(b);
	}
}

/* One row of a report's figures: trips, kg, kg avoided, train share. */
static void
sums_write(struct evbuffer *b, const struct dst_sums *x)
{
	double	share = 0;

	if (x->trips > 0)
		share = round((double)x->train * 10000.0 / (double)x->trips) /
		    10000.0;
	csv_number(b, (double)x->trips, 0, 0);
	csv_number(b, (double)x->co2e_x100 / 100.0, 2, 0);
	csv_number(b, (double)x->avoided_x100 / 100.0, 2, 0);
	csv_number(b, share, 4, 0);
	csv_end_row(b);
}

/* A CO2 report as CSV: one row per group, then "total". */
void
csv_report_write(struct evbuffer *b, const struct dst_report *r)
{
	size_t	i;

	evbuffer_add_printf(b, "key,trips,co2e_kg,co2e_kg_avoided,"
	    "train_share\r\n");
	for (i = 0; i < r->n; i++) {
		csv_text(b, r->groups[i].key, 1);
		sums_write(b, &r->groups[i]);
	}
	csv_text(b, "total", 1);
	sums_write(b, &r->total);
}
