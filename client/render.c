#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "client/client.h"

#define EST_MARK	"(est.)"

/* Print text, indenting every line after the first by indent columns. */
static void
render_text(FILE *f, const char *s, int indent)
{
	for (; *s != '\0'; s++) {
		fputc(*s, f);
		if (*s == '\n' && s[1] != '\0')
			fprintf(f, "%*s", indent, "");
	}
}

/* Print text on one line: newlines become spaces. */
static void
render_line(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		fputc(*s == '\n' ? ' ' : *s, f);
}

/* Print each string of an array as a bullet line. */
static void
render_bullets(FILE *f, const json_t *a)
{
	const json_t	*v;
	size_t		 i;

	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			continue;
		fputs("  • ", f);
		render_text(f, json_string_value(v), 4);
		fputc('\n', f);
	}
}

/* Format the number at key with prec decimals, or "-" if there is none. */
static const char *
render_num(char *buf, size_t len, const json_t *o, const char *key, int prec)
{
	double	d;

	if (jnum(o, key, &d) == -1)
		return ("-");
	snprintf(buf, len, "%.*f", prec, d);
	return (buf);
}

/* "yes", or what a mode needs besides: "justification", "not offered"... */
static const char *
render_allowed(const json_t *m, char *buf, size_t len)
{
	const char	*req;
	char		*p;

	if (jbool(m, "feasible") == 0)
		return ("not feasible");
	if ((req = jstr(m, "requires")) != NULL) {
		snprintf(buf, len, "%s", req);
		for (p = buf; *p != '\0'; p++)
			if (*p == '_')
				*p = ' ';
		return (buf);
	}
	switch (jbool(m, "allowed")) {
	case 1:
		return ("yes");
	case 0:
		return ("no");
	}
	return ("-");
}

/* A mode's CO2 by kind of line: "train: operation 23.34 + fuel
 * production 5.90 + hotel nights 52.80 = 82.04 kg CO2e". */
static void
render_mode_lines(FILE *f, const char *name, const json_t *m)
{
	static const char *const kinds[] = { "operation", "fuel_production",
	    "non_co2", "hotel" };
	static const char *const words[] = { "operation", "fuel production",
	    "non-CO2 effects", "hotel nights" };
	const json_t	*lines = json_object_get(m, "lines"), *l;
	const char	*k;
	double		 sum[4] = { 0, 0, 0, 0 }, v, total;
	size_t		 i;
	int		 j, n = 0;

	if (json_array_size(lines) == 0 || jnum(m, "co2e_kg", &total) != 0)
		return;
	json_array_foreach(lines, i, l) {
		if ((k = jstr(l, "kind")) == NULL || jnum(l, "co2e_kg", &v) != 0)
			continue;
		for (j = 0; j < 4; j++)
			if (strcmp(k, kinds[j]) == 0)
				sum[j] += v;
	}
	fprintf(f, "%s: ", name);
	for (j = 0; j < 4; j++) {
		if (!(sum[j] > 0))
			continue;
		fprintf(f, "%s%s %.2f", n++ > 0 ? " + " : "", words[j], sum[j]);
	}
	fprintf(f, " = %.2f kg CO2e\n", total);
}

/* The notes under the modes table: estimate methods, RF, access, cars. */
static void
render_mode_notes(FILE *f, const json_t *modes)
{
	const json_t	*m, *acc;
	const char	*name, *method, *s;
	size_t		 i;
	double		 d, km, kg;
	int		 n;

	json_array_foreach(modes, i, m) {
		if ((name = jstr(m, "mode")) == NULL)
			continue;
		method = jstr(m, "method");
		if (jbool(m, "estimated") != 1 || method == NULL)
			continue;
		/* The mark already says so. */
		if (strncasecmp(method, "estimate: ", 10) == 0)
			method += 10;
		fprintf(f, "(est.) %s: ", name);
		render_line(f, method);
		fputc('\n', f);
	}
	json_array_foreach(modes, i, m) {
		if ((name = jstr(m, "mode")) == NULL)
			continue;
		if (jnum(m, "co2_kg_without_rf", &d) == 0) {
			fprintf(f, "%s: %.1f kg CO2e without radiative forcing",
			    name, d);
			acc = json_object_get(m, "access");
			if (jnum(acc, "distance_km", &km) == 0 &&
			    jnum(acc, "co2e_kg", &kg) == 0)
				fprintf(f, "; includes the rail leg to the "
				    "airport: %.0f km, %.1f kg CO2e", km, kg);
			acc = json_object_get(m, "egress");
			if (jnum(acc, "distance_km", &km) == 0 &&
			    jnum(acc, "co2e_kg", &kg) == 0 &&
			    (s = jstr(json_object_get(json_object_get(m,
			    "airports"), "to"), "code")) != NULL) {
				fputs("; includes the way from ", f);
				render_line(f, s);
				fprintf(f, ": %.0f km, %.1f kg CO2e", km, kg);
			}
			fputc('\n', f);
		}
		render_mode_lines(f, name, m);
		if (jnum(m, "vehicles", &d) == 0 && d >= 1 &&
		    jbool(m, "feasible") != 0) {
			n = (int)d;
			fprintf(f, "%s: %d vehicle%s\n", name, n,
			    n == 1 ? "" : "s");
		}
	}
}

/* Where an unlisted place came from, why this one, the nearest listed. */
static void
render_place_notes(const json_t *dest, FILE *f)
{
	const json_t	*near, *ap;
	const char	*s;
	char		 num[32];
	size_t		 i, n;
	double		 v;

	ap = json_object_get(dest, "airport");
	if ((s = jstr(ap, "code")) != NULL) {
		fputs("Airport: ", f);
		render_line(f, s);
		if ((s = jstr(ap, "name")) != NULL) {
			fputs(", ", f);
			render_line(f, s);
		}
		fputs("; the place it serves:\n", f);
	}
	if ((s = jstr(dest, "source")) != NULL &&
	    (strcmp(s, "gazetteer") == 0 || (strcmp(s, "airport") == 0 &&
	    jnum(dest, "geonameid", &v) == 0))) {
		fputs("Place: from the gazetteer (GeoNames", f);
		if (jnum(dest, "geonameid", &v) == 0)
			fprintf(f, " %.0f", v);
		fputc(')', f);
		if (jnum(dest, "population", &v) == 0 && v >= 0 && v < 1e15) {
			/* Thousands separated: "300,715". */
			snprintf(num, sizeof num, "%.0f", v);
			fputs(", ", f);
			for (i = 0, n = strlen(num); i < n; i++) {
				if (i > 0 && (n - i) % 3 == 0)
					fputc(',', f);
				fputc(num[i], f);
			}
			fputs(" inhabitants", f);
		}
		fputc('\n', f);
	}
	if ((s = jstr(dest, "note")) != NULL) {
		fputs("Note: ", f);
		render_line(f, s);
		fputc('\n', f);
	}
	near = json_object_get(dest, "nearest_listed");
	if ((s = jstr(near, "name")) != NULL) {
		fputs("Nearest on the list: ", f);
		render_line(f, s);
		if ((s = jstr(near, "id")) != NULL) {
			fputs(" (", f);
			render_line(f, s);
			fputc(')', f);
		}
		if (jnum(near, "distance_km", &v) == 0)
			fprintf(f, ", %.0f km", v);
		fputc('\n', f);
	}
}

/* The answer of POST /v1/decisions as a summary and a table. */
void
render_decision(const json_t *d, FILE *f)
{
	static const char *const headers[] = { "mode", "allowed/needs",
	    "hours", "", "km", "kg CO2e", "kg/traveller", NULL };
	const json_t	*dest, *ruling, *modes, *m;
	const char	*s, *cells[7];
	struct table	*t;
	char		 mode[32], allowed[64], hours[64], km[32], kg[32];
	char		 kgt[32], *p;
	size_t		 i;
	double		 v;
	int		 listed;

	dest = json_object_get(d, "destination");
	if ((s = jstr(dest, "name")) == NULL && (s = jstr(dest, "id")) == NULL)
		s = "?";
	render_line(f, s);
	listed = jbool(dest, "listed");
	if ((s = jstr(dest, "country")) != NULL || listed != -1) {
		fprintf(f, " (%s", s != NULL ? s : "?");
		if (listed != -1)
			fprintf(f, ", %s", listed ? "listed" : "not listed");
		if (jbool(dest, "in_rail_zone") == 0)
			fputs(", outside the rail zone", f);
		fputc(')', f);
	}
	if ((s = jstr(d, "departure_date")) != NULL) {
		fprintf(f, " — %s", s);
		if ((s = jstr(d, "return_date")) != NULL)
			fprintf(f, " → %s", s);
	}
	if (jnum(d, "nights", &v) == 0)
		fprintf(f, ", %.0f night%s", v, v == 1 ? "" : "s");
	if (jnum(d, "travellers", &v) == 0)
		fprintf(f, ", %.0f traveller%s", v, v == 1 ? "" : "s");
	if ((s = jstr(d, "scope")) != NULL)
		fprintf(f, ", %s", s);
	fputc('\n', f);
	render_place_notes(dest, f);

	ruling = json_object_get(d, "ruling");
	snprintf(mode, sizeof mode, "%s",
	    (s = jstr(ruling, "mode")) != NULL ? s : "?");
	for (p = mode; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	fprintf(f, "Ruling: %s", mode);
	if ((s = jstr(ruling, "strength")) != NULL)
		fprintf(f, " — %s", s);
	if ((s = jstr(ruling, "rule")) != NULL)
		fprintf(f, " (rule: %s)", s);
	fputc('\n', f);
	render_bullets(f, json_object_get(ruling, "reasons"));
	if (json_array_size(json_object_get(ruling, "advice")) > 0) {
		fputs("Advice:\n", f);
		render_bullets(f, json_object_get(ruling, "advice"));
	}

	modes = json_object_get(d, "modes");
	if (json_array_size(modes) > 0) {
		t = table_new(headers, "llrmrrr");
		json_array_foreach(modes, i, m) {
			cells[0] = (s = jstr(m, "mode")) != NULL ? s : "?";
			cells[1] = render_allowed(m, allowed, sizeof allowed);
			cells[2] = render_num(hours, sizeof hours, m, "hours",
			    1);
			cells[3] = jbool(m, "estimated") == 1 &&
			    strcmp(cells[2], "-") != 0 ? EST_MARK : NULL;
			cells[4] = render_num(km, sizeof km, m, "distance_km",
			    0);
			cells[5] = render_num(kg, sizeof kg, m, "co2e_kg",
			    1);
			cells[6] = render_num(kgt, sizeof kgt, m,
			    "co2e_kg_per_traveller", 1);
			table_add(t, cells);
		}
		fputc('\n', f);
		table_print(t, f);
		table_free(t);
		fputc('\n', f);
		render_mode_notes(f, modes);
	}

	if (jnum(d, "policy_version", &v) == 0)
		fprintf(f, "Policy v%.0f", v);
	else
		fputs("Policy ?", f);
	if ((s = jstr(d, "factor_set")) != NULL)
		fprintf(f, ", factors %s", s);
	fputc('\n', f);
}

/* The answer of GET /v1/destinations as a table. */
void
render_destinations(const json_t *d, FILE *f)
{
	const char	*headers[] = { "id", "name", "country", "km", "rail h",
	    "", "mode", "strength", "retired", NULL };
	const json_t	*list, *e;
	const char	*s, *nl, *cells[9];
	struct table	*t;
	char		 name[512], km[32], rail[64];
	size_t		 i, n;
	double		 count;
	int		 anyretired = 0;

	list = json_object_get(d, "destinations");
	if ((n = json_array_size(list)) == 0) {
		fputs("No destinations.\n", f);
		return;
	}
	json_array_foreach(list, i, e)
		if (jstr(e, "retired") != NULL)
			anyretired = 1;

	if (!anyretired)
		headers[8] = NULL;	/* no header without values */
	t = table_new(headers, "lllrrmlll");
	json_array_foreach(list, i, e) {
		cells[0] = (s = jstr(e, "id")) != NULL ? s : "?";
		s = jstr(e, "name");
		nl = jstr(e, "name_nl");
		if (s != NULL && nl != NULL && *nl != '\0' && strcmp(s, nl) != 0)
			snprintf(name, sizeof name, "%s (%s)", s, nl);
		else
			snprintf(name, sizeof name, "%s", s != NULL ? s :
			    nl != NULL ? nl : "?");
		cells[1] = name;
		cells[2] = (s = jstr(e, "country")) != NULL ? s : "-";
		cells[3] = render_num(km, sizeof km, e, "distance_km", 0);
		cells[4] = render_num(rail, sizeof rail, e, "rail_hours", 1);
		cells[5] = jbool(e, "rail_estimated") == 1 &&
		    strcmp(cells[4], "-") != 0 ? EST_MARK : NULL;
		cells[6] = (s = jstr(e, "mode")) != NULL ? s : "-";
		cells[7] = (s = jstr(e, "strength")) != NULL ? s : "-";
		cells[8] = jstr(e, "retired");
		table_add(t, cells);
	}
	table_print(t, f);
	table_free(t);
	if (jnum(d, "count", &count) == 0 && count > (double)n)
		fprintf(f, "%zu of %.0f destinations\n", n, count);
	else
		fprintf(f, "%zu destination%s\n", n, n == 1 ? "" : "s");
}

/* A scalar as text: strings as they are, null as "-", true as "yes". */
static char *
render_scalar(const json_t *v)
{
	char	*s;

	switch (json_typeof(v)) {
	case JSON_STRING:
		return (xstrdup(json_string_value(v)));
	case JSON_NULL:
		return (xstrdup("-"));
	case JSON_TRUE:
		return (xstrdup("yes"));
	case JSON_FALSE:
		return (xstrdup("no"));
	case JSON_INTEGER:
		return (xasprintf("%" JSON_INTEGER_FORMAT,
		    json_integer_value(v)));
	case JSON_REAL:
		return (xasprintf("%.15g", json_real_value(v)));
	default:
		if ((s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
		    JSON_REAL_PRECISION(15))) == NULL)
			fatal_nomem();
		return (s);
	}
}

/* A value as text: arrays of scalars joined by commas, empty as "-". */
static char *
render_value(const json_t *v)
{
	const json_t	*e;
	char		*s = NULL, *one, *joined;
	size_t		 i;

	if (!json_is_array(v))
		return (render_scalar(v));
	json_array_foreach(v, i, e) {
		one = render_scalar(e);
		if (s == NULL)
			joined = one;
		else {
			joined = xasprintf("%s, %s", s, one);
			free(one);
		}
		free(s);
		s = joined;
	}
	return (s != NULL ? s : xstrdup("-"));
}

/* One destination entry as "key: value" lines, in the server's order. */
void
render_destination(const json_t *d, const char *etag, FILE *f)
{
	const char	*key;
	const json_t	*v;
	char		*k, *val;
	size_t		 w, width = strlen("etag");

	json_object_foreach((json_t *)d, key, v) {
		if ((w = utf8_width(key)) > width)
			width = w;
	}
	width += 1;	/* the colon */
	json_object_foreach((json_t *)d, key, v) {
		k = text_sanitize(key);
		val = render_value(v);
		fprintf(f, "%s:", k);
		if (*val != '\0') {
			fprintf(f, "%*s ", (int)(width - utf8_width(k) - 1),
			    "");
			render_text(f, val, (int)width + 1);
		}
		fputc('\n', f);
		free(val);
		free(k);
	}
	if (etag != NULL) {
		val = text_sanitize(etag);
		fprintf(f, "etag:%*s %s\n", (int)(width - strlen("etag:")), "",
		    val);
		free(val);
	}
}

/* Print text on one line, then blanks up to width code points. */
static void
render_pad(FILE *f, const char *s, size_t width)
{
	size_t	w = utf8_width(s);

	render_line(f, s);
	if (w < width)
		fprintf(f, "%*s", (int)(width - w), "");
}

/* A value in a change: null as "none", "" and [] as themselves. */
static char *
render_change(const json_t *v)
{
	if (v == NULL || json_is_null(v))
		return (xstrdup("none"));
	if (json_is_string(v) && *json_string_value(v) == '\0')
		return (xstrdup("\"\""));
	if (json_is_array(v) && json_array_size(v) == 0)
		return (xstrdup("[]"));
	return (render_value(v));
}

/* "v3", or "v?" when the version is missing. */
static void
render_version(const json_t *v, char *buf, size_t len)
{
	double	n;

	if (jnum(v, "version", &n) == 0)
		snprintf(buf, len, "v%.0f", n);
	else
		snprintf(buf, len, "v?");
}

/*
 * The answer of GET /v1/destinations/{id}/history: one block per version,
 * "v2  2026-11-27T18:02:11Z  ops  update", then one line per changed field,
 * "    rail_hours: 2.3 → 2.5".
 */
void
render_history(const json_t *d, FILE *f)
{
	const json_t	*versions, *v, *c, *from, *to;
	const char	*key, *when, *who, *action;
	char		 label[32], *k, *sfrom, *sto;
	size_t		 i, lw = 0, tw = 0, ww = 0, w;

	versions = json_object_get(d, "versions");
	if (json_array_size(versions) == 0) {
		fputs("No history.\n", f);
		return;
	}
	json_array_foreach(versions, i, v) {
		render_version(v, label, sizeof label);
		if ((w = strlen(label)) > lw)
			lw = w;
		if ((when = jstr(v, "changed_at")) != NULL &&
		    (w = utf8_width(when)) > tw)
			tw = w;
		if ((who = jstr(v, "changed_by")) != NULL &&
		    (w = utf8_width(who)) > ww)
			ww = w;
	}
	json_array_foreach(versions, i, v) {
		render_version(v, label, sizeof label);
		if ((when = jstr(v, "changed_at")) == NULL)
			when = "?";
		if ((who = jstr(v, "changed_by")) == NULL)
			who = "?";
		action = jstr(v, "action");
		render_pad(f, label, lw);
		fputs("  ", f);
		render_pad(f, when, tw);
		fputs("  ", f);
		if (action != NULL) {
			render_pad(f, who, ww);
			fputs("  ", f);
			render_line(f, action);
		} else
			render_line(f, who);
		fputc('\n', f);
		json_object_foreach(json_object_get(v, "changes"), key, c) {
			k = text_sanitize(key);
			if (json_is_object(c) && ((from = json_object_get(c,
			    "from")) != NULL || json_object_get(c, "to") !=
			    NULL)) {
				to = json_object_get(c, "to");
				sfrom = render_change(from);
				sto = render_change(to);
				fprintf(f, "    %s: ", k);
				render_line(f, sfrom);
				fputs(" → ", f);
				render_line(f, sto);
				free(sfrom);
			} else {
				sto = render_change(c);
				fprintf(f, "    %s: ", k);
				render_line(f, sto);
			}
			fputc('\n', f);
			free(sto);
			free(k);
		}
	}
}

#define RENDER_IDS_MAX	20

/* "created: a, b" or "created: none"; many ids are cut short. */
static void
render_ids(FILE *f, const char *what, const json_t *ids)
{
	const json_t	*id;
	size_t		 i, n = 0, total = json_array_size(ids);

	fprintf(f, "%s: ", what);
	json_array_foreach(ids, i, id) {
		if (!json_is_string(id))
			continue;
		if (n == RENDER_IDS_MAX) {
			fprintf(f, " and %zu more", total - i);
			break;
		}
		if (n++ > 0)
			fputs(", ", f);
		render_line(f, json_string_value(id));
	}
	if (n == 0)
		fputs("none", f);
}

/* The answer of POST /v1/destinations/import. */
void
render_import(const json_t *d, FILE *f)
{
	double	n;

	render_ids(f, "created", json_object_get(d, "created"));
	fputs("; ", f);
	render_ids(f, "updated", json_object_get(d, "updated"));
	if (jnum(d, "unchanged", &n) == 0)
		fprintf(f, "; unchanged: %.0f", n);
	if (jbool(d, "dry_run") == 1)
		fputs(" (dry run: nothing was stored)", f);
	fputc('\n', f);
}

/*
 * "version 3, changed 2026-11-27T18:02:11Z by ops" where known, after
 * lead (", " or " ").
 */
static void
render_stamp(FILE *f, const json_t *d, const char *lead)
{
	const char	*s;
	double		 n;

	if (jnum(d, "version", &n) == 0) {
		fprintf(f, "%sversion %.0f", lead, n);
		lead = ", ";
	}
	if ((s = jstr(d, "updated_at")) != NULL) {
		fprintf(f, "%schanged ", lead);
		render_line(f, s);
	}
	if ((s = jstr(d, "updated_by")) != NULL) {
		fputs(" by ", f);
		render_line(f, s);
	}
}

/* Keys of the policy that are not figures of the scheme. */
static int
render_policy_meta(const char *key)
{
	return (strcmp(key, "sources") == 0 ||
	    strcmp(key, "description") == 0 ||
	    strcmp(key, "version") == 0 ||
	    strcmp(key, "updated_at") == 0 ||
	    strcmp(key, "updated_by") == 0);
}

#define RENDER_VALUE_WIDTH	24	/* longer values push their source */

/*
 * The answer of GET /v1/policy: "key: value" lines in the server's order,
 * the source of each figure beside it.
 */
void
render_policy(const json_t *d, FILE *f)
{
	const json_t	*v, *sources;
	const char	*key, *src;
	char		*k, *val;
	size_t		 kw = 0, vw = 0, w;

	fputs("Policy", f);
	render_stamp(f, d, " ");
	fputc('\n', f);
	if ((src = jstr(d, "description")) != NULL && *src != '\0') {
		render_line(f, src);
		fputc('\n', f);
	}
	fputc('\n', f);

	sources = json_object_get(d, "sources");
	json_object_foreach((json_t *)d, key, v) {
		if (render_policy_meta(key))
			continue;
		if ((w = utf8_width(key) + 1) > kw)
			kw = w;
		val = render_value(v);
		if ((w = utf8_width(val)) > vw && w <= RENDER_VALUE_WIDTH)
			vw = w;
		free(val);
	}
	json_object_foreach((json_t *)d, key, v) {
		if (render_policy_meta(key))
			continue;
		k = xasprintf("%s:", key);
		val = render_value(v);
		src = jstr(sources, key);
		render_pad(f, k, kw);
		fputc(' ', f);
		if (src != NULL && *src != '\0') {
			render_pad(f, val, vw);
			fputs("  ", f);
			render_line(f, src);
		} else
			render_line(f, val);
		fputc('\n', f);
		free(val);
		free(k);
	}
}

/* Keys of a factor set that are not factors. */
static int
render_factor_meta(const char *key)
{
	return (strcmp(key, "name") == 0 || strcmp(key, "year") == 0 ||
	    strcmp(key, "source") == 0 || strcmp(key, "description") == 0 ||
	    strcmp(key, "version") == 0 || strcmp(key, "updated_at") == 0 ||
	    strcmp(key, "updated_by") == 0 || strcmp(key, "sets") == 0 ||
	    strcmp(key, "current") == 0);
}

/* One row per factor {value, unit, source}, named by its path. */
static void
render_factor_rows(struct table *t, const json_t *o, const char *prefix)
{
	const json_t	*v;
	const char	*key, *cells[4];
	char		*path, num[64];
	double		 d;
	size_t		 len;

	json_object_foreach((json_t *)o, key, v) {
		if (prefix == NULL && render_factor_meta(key))
			continue;
		path = prefix != NULL ? xasprintf("%s.%s", prefix, key) :
		    text_sanitize(key);
		if (json_is_object(v) && jnum(v, "value", &d) == 0) {
			snprintf(num, sizeof num, "%.10g", d);
			cells[0] = path;
			cells[1] = num;
			cells[2] = jstr(v, "unit");
			cells[3] = jstr(v, "source");
			table_add(t, cells);
		} else if (json_is_object(v))
			render_factor_rows(t, v, path);
		else if (json_is_number(v)) {
			/* A threshold of the set, e.g. short_haul_max_km. */
			snprintf(num, sizeof num, "%.10g",
			    json_number_value(v));
			len = strlen(key);
			cells[0] = path;
			cells[1] = num;
			cells[2] = len > 3 && strcmp(key + len - 3, "_km") ==
			    0 ? "km" : NULL;
			cells[3] = NULL;
			table_add(t, cells);
		}
		free(path);
	}
}

/* The answer of GET /v1/factors: the current set as a table. */
void
render_factors(const json_t *d, FILE *f)
{
	static const char *const headers[] = { "factor", "value", "unit",
	    "source", NULL };
	const json_t	*sets, *s;
	const char	*str;
	struct table	*t;
	size_t		 i, n = 0;
	double		 v;

	fputs("Factor set ", f);
	render_line(f, (str = jstr(d, "name")) != NULL ? str : "?");
	if (jnum(d, "year", &v) == 0)
		fprintf(f, " (%.0f)", v);
	render_stamp(f, d, ", ");
	fputc('\n', f);
	if ((str = jstr(d, "source")) != NULL && *str != '\0') {
		fputs("Source: ", f);
		render_line(f, str);
		fputc('\n', f);
	}
	fputc('\n', f);

	t = table_new(headers, "lrll");
	render_factor_rows(t, d, NULL);
	table_print(t, f);
	table_free(t);

	sets = json_object_get(d, "sets");
	json_array_foreach(sets, i, s) {
		fputs(n++ == 0 ? "\nStored sets: " : "; ", f);
		render_line(f, (str = jstr(s, "name")) != NULL ? str : "?");
		if (jnum(s, "year", &v) == 0)
			fprintf(f, " (%.0f)", v);
		if (jnum(s, "version", &v) == 0)
			fprintf(f, " v%.0f", v);
		if (jbool(s, "current") == 1)
			fputs(", current", f);
	}
	if (n > 0)
		fputc('\n', f);
}

/* The names of a 422's suggestions, as "did you mean: A, B?". */
static void
render_suggestions(const json_t *a)
{
	const json_t	*e;
	const char	*s;
	size_t		 i, n = 0;

	json_array_foreach(a, i, e) {
		if ((s = jstr(e, "name")) == NULL &&
		    (s = jstr(e, "id")) == NULL &&
		    (s = json_string_value(e)) == NULL)
			continue;
		fputs(n++ == 0 ? "tripmode: did you mean: " : ", ", stderr);
		render_line(stderr, s);
	}
	if (n > 0)
		fputs("?\n", stderr);
}

/* A refusal (HTTP 4xx/5xx): the problem document, or the status line. */
void
render_problem(const struct http_response *r, int have_key)
{
	json_t		*p = NULL;
	const json_t	*e;
	const char	*title = NULL, *detail = NULL, *field, *msg;
	char		*reason, *line;
	size_t		 i;

	if (r->len > 0)
		p = json_loadb(r->body, r->len, 0, NULL);
	if (json_is_object(p)) {
		json_sanitize(p);
		title = jstr(p, "title");
		detail = jstr(p, "detail");
		if (title != NULL && *title == '\0')
			title = NULL;
		if (detail != NULL && *detail == '\0')
			detail = NULL;
	}
	if (title != NULL && detail != NULL && strcmp(title, detail) == 0)
		detail = NULL;
	if (title != NULL || detail != NULL) {
		fputs("tripmode: ", stderr);
		render_line(stderr, title != NULL ? title : detail);
		if (title != NULL && detail != NULL) {
			fputs(": ", stderr);
			render_line(stderr, detail);
		}
		fputc('\n', stderr);
	} else {
		reason = text_sanitize(r->reason != NULL ? r->reason : "");
		fprintf(stderr, "tripmode: HTTP %d%s%s\n", r->status,
		    *reason != '\0' ? " " : "", reason);
		free(reason);
	}
	if (json_is_object(p)) {
		json_array_foreach(json_object_get(p, "errors"), i, e) {
			field = jstr(e, "field");
			if ((msg = jstr(e, "message")) == NULL)
				continue;
			if (field != NULL && *field != '\0')
				line = xasprintf("%s: %s", field, msg);
			else
				line = xstrdup(msg);
			/* A detail that quotes the error says it already. */
			if (detail == NULL || strstr(detail, line) == NULL) {
				fputs("tripmode: ", stderr);
				render_line(stderr, line);
				fputc('\n', stderr);
			}
			free(line);
		}
		/* Unless the detail already lists them. */
		if (detail == NULL || strcasestr(detail, "did you mean") == NULL)
			render_suggestions(json_object_get(p, "suggestions"));
	}
	if (r->status == 401 && !have_key)
		fputs("tripmode: no API key was sent: use --key or "
		    "TRIPMODE_KEY\n", stderr);
	json_decref(p);
}

/* The answer of a decision as its train journey: the total, what decides
 * the ruling, and the legs with their CO2 and factors. */
void
render_route(const json_t *d, FILE *f)
{
	static const char *const headers[] = { "from", "to", "operator", "min",
	    "", "km", "countries", "kg CO2e", "factor", NULL };
	const json_t	*rail, *route, *legs, *l, *c, *st, *fa;
	const char	*s, *cells[9];
	struct table	*t;
	char		 min[32], km[32], kg[32], *countries, *factor, *tmp;
	size_t		 i, j;
	double		 v, n;

	rail = json_object_get(d, "rail");
	route = json_object_get(rail, "route");
	render_line(f, (s = jstr(json_object_get(d, "destination"),
	    "name")) != NULL ? s : "?");
	if ((s = jstr(d, "departure_date")) != NULL) {
		fprintf(f, " — %s", s);
		if ((s = jstr(d, "return_date")) != NULL)
			fprintf(f, " → %s", s);
	}
	fputc('\n', f);
	if ((s = jstr(route, "method")) == NULL || strcmp(s, "network") != 0) {
		fputs("No journey over the rail network", f);
		if (jnum(rail, "hours", &v) == 0) {
			fprintf(f, "; the rail time is %.1f h (", v);
			render_line(f, (s = jstr(rail, "method")) != NULL ? s :
			    "?");
			fputc(')', f);
		}
		fputs(".\n", f);
		return;
	}
	fputs("By train over the rail network", f);
	if (jnum(route, "network_version", &v) == 0)
		fprintf(f, " (version %.0f)", v);
	if (jnum(route, "hours", &v) == 0)
		fprintf(f, ": %.1f h", v);
	if (jnum(route, "transfers", &n) == 0) {
		fprintf(f, ", %.0f change%s", n, n == 1 ? "" : "s");
		if (n > 0 && jnum(route, "transfer_minutes", &v) == 0)
			fprintf(f, " (%.0f min each)", v);
	}
	fputs(".\n", f);
	s = jstr(rail, "decided_by");
	if (s != NULL && strcmp(s, "list") == 0 && jnum(rail, "hours",
	    &v) == 0)
		fprintf(f, "The list's %.1f h decides the ruling.\n", v);
	else if (s != NULL && strcmp(s, "network") == 0)
		fputs("The network's time decides the ruling.\n", f);
	if (jbool(route, "by_bus") == 1 && jnum(route, "station_km", &v) == 0)
		fprintf(f, "No station of the network near: the last %.1f km "
		    "(as the crow flies) are by bus.\n", v);
	if ((c = json_object_get(route, "night_train")) != NULL &&
	    json_is_object(c)) {
		fputs("A night train reaches it on the days of the trip: ", f);
		render_line(f, (s = jstr(c, "from")) != NULL ? s : "?");
		fputs(" → ", f);
		render_line(f, (s = jstr(c, "to")) != NULL ? s : "?");
		if ((s = jstr(c, "operator")) != NULL) {
			fputs(" (", f);
			render_line(f, s);
			fputc(')', f);
		}
		fputs(".\n", f);
	}

	legs = json_object_get(route, "legs");
	t = table_new(headers, "lllrmrlrl");
	json_array_foreach(legs, i, l) {
		cells[0] = (s = jstr(l, "from")) != NULL ? s : "?";
		cells[1] = (s = jstr(l, "to")) != NULL ? s : "?";
		cells[2] = (s = jstr(l, "operator")) != NULL ? s : (s = jstr(l,
		    "kind")) != NULL ? s : "";
		cells[3] = render_num(min, sizeof min, l, "minutes", 0);
		cells[4] = jbool(l, "estimated") == 1 ? EST_MARK : NULL;
		cells[5] = render_num(km, sizeof km, l, "km", 1);
		countries = xstrdup("");
		json_array_foreach(json_object_get(l, "countries"), j, c) {
			tmp = xasprintf("%s%s%s", countries, j > 0 ? " " : "",
			    json_is_string(c) ? json_string_value(c) : "?");
			free(countries);
			countries = tmp;
		}
		cells[6] = countries;
		cells[7] = render_num(kg, sizeof kg, l, "co2e_kg", 2);
		factor = xstrdup("");
		json_array_foreach(json_object_get(l, "stretches"), j, st) {
			s = jstr(st, "factor");
			fa = json_object_get(json_object_get(route, "factors"),
			    s != NULL ? s : "");
			tmp = xasprintf("%s%s%s %.5g%s", factor, j > 0 ? ", " :
			    "", s != NULL ? s : "?", jnum(st, "value", &v) == 0 ?
			    v : 0.0, jbool(fa, "estimate") == 1 ? " (est.)" : "");
			free(factor);
			factor = tmp;
		}
		cells[8] = factor;
		table_add(t, cells);
		free(countries);
		free(factor);
	}
	fputc('\n', f);
	table_print(t, f);
	table_free(t);
	l = json_array_get(json_object_get(d, "modes"), 0);
	if (jnum(l, "co2e_kg", &v) == 0 && jnum(d, "travellers", &n) == 0)
		fprintf(f, "\nTrain: %.2f kg CO2e for %.0f traveller%s, there "
		    "and back: the sum of the legs (kg CO2e per leg: km x 2 x "
		    "factor x travellers).\n", v, n, n == 1 ? "" : "s");
}

/* The answer of PUT /v1/rail-network: what is in force now. */
void
render_rail_network(const json_t *d, FILE *f)
{
	const json_t	*edges, *e;
	size_t		 i, est = 0, night = 0;

	edges = json_object_get(d, "edges");
	json_array_foreach(edges, i, e) {
		est += jbool(e, "estimate") == 1;
		night += jstr(e, "kind") != NULL &&
		    strcmp(jstr(e, "kind"), "night") == 0;
	}
	fputs("Rail network", f);
	render_stamp(f, d, " ");
	fprintf(f, ": %zu hubs, %zu edges (%zu night trains; %zu sourced, "
	    "%zu estimates)\n", json_array_size(json_object_get(d, "hubs")),
	    json_array_size(edges), night, json_array_size(edges) - est, est);
}
