/*
 * The staff form (GET /): where, when, how many, whether a digital
 * meeting is possible; and how the pages show errors: each next to its
 * field, in the page's words for that field and what is wrong with it,
 * with a summary at the top.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "daemon/daemon.h"

#define DATALIST_MAX		5000	/* names offered while typing */

/* The fields of the pages' forms: errors of others are the page's. */
static const char *const form_fields[] = { "destination", "departure_date",
    "return_date", "travellers", "online_possible", "key", "traveller_name",
    "traveller_email", "traveller_department", "chosen_mode",
    "exception_reason", "exception_text", "justification", NULL };

/* --- errors -------------------------------------------------------------- */

/* Free what pe holds. */
void
page_errors_clear(struct page_errors *pe)
{
	dec_errors_clear(&pe->errs);
	memset(pe, 0, sizeof *pe);
}

/* Take errors into pe (see daemon.h). */
void
page_errors_take(struct page_errors *pe, struct dec_errors *in,
    const struct dst_suggestions *sugg)
{
	const struct dec_error	*e;
	const char		*field;
	size_t			 i;
	int			 k;

	for (i = 0; i < in->n; i++) {
		e = &in->v[i];
		field = e->field;
		if (e->code == DEC_E_UNKNOWN_PLACE) {
			pe->unknown = 1;
			/* Only the list's names: they lead to its entries. */
			pe->sugg.n = 0;
			for (k = 0; sugg != NULL && k < sugg->n; k++) {
				if (sugg->ids[k][0] == '\0')
					continue;
				memcpy(pe->sugg.names[pe->sugg.n],
				    sugg->names[k], DEC_NAME_MAX);
				memcpy(pe->sugg.ids[pe->sugg.n], sugg->ids[k],
				    DEC_ID_MAX);
				pe->sugg.n++;
			}
			continue;
		}
		if (strncmp(field, "destination", 11) == 0)
			field = "destination";
		if (!dst_json_key_in(field, form_fields)) {
			/* Not a field of the form: the page's own error. */
			dec_errors_add(&pe->errs, "", e->code, "%s%s%s",
			    e->field, e->field[0] != '\0' ? ": " : "",
			    e->message);
			continue;
		}
		if (!dec_errors_has(&pe->errs, 0, field))
			dec_errors_add(&pe->errs, field, e->code, "%s",
			    e->message);
	}
	dec_errors_clear(in);
}

/* The page's words for an error of a form field, or NULL (its message). */
static const char *
error_words(const struct dec_error *e)
{
	static const struct {
		const char	*field, *en;
	} by_field[] = {
		{ "travellers", "Enter a whole number from 1 to 1000" },
		{ "traveller_name", "Enter your name (at most 200 "
		  "characters)" },
		{ "traveller_email", "Enter a valid e-mail address, like "
		  "an.peeters@stad.gent" },
		{ "traveller_department", "Enter your department (at most 100 "
		  "characters)" },
		{ "chosen_mode", "Choose a mode that is offered for "
		  "this trip" },
		{ "exception_reason", "Choose the reason for the exception" },
		{ "exception_text", "Explain the exception (required for "
		  "“Other”)" },
		{ "justification", "Give a justification of one line (at most "
		  "500 characters)" },
	};
	const char	*f = e->field;
	size_t		 i;

	if (strcmp(f, "destination") == 0) {
		if (e->code == DEC_E_TOO_LONG)
			return ("The destination is too long (at most 200 "
			    "bytes)");
		if (e->code == DEC_E_REQUIRED || e->code == DEC_E_EMPTY)
			return ("Enter a destination");
		return (NULL);
	}
	if (strcmp(f, "departure_date") == 0 || strcmp(f, "return_date") == 0) {
		if (e->code == DEC_E_REQUIRED)
			return ("Enter a date");
		if (e->code == DEC_E_ORDER)
			return ("The return date is before the departure date");
		if (e->code == DEC_E_DATE || e->code == DEC_E_TYPE)
			return ("Not a valid date: use YYYY-MM-DD");
		return (NULL);
	}
	if (strcmp(f, "key") == 0)
		return (e->code == DEC_E_REQUIRED ? "Enter your API key" :
		    e->code == DEC_E_FORMAT ? "An API key is never taken from "
		    "a web address: enter it in the form" :
		    "Unknown or revoked API key");
	for (i = 0; i < sizeof by_field / sizeof by_field[0]; i++)
		if (strcmp(f, by_field[i].field) == 0)
			return (by_field[i].en);
	return (NULL);
}

/* Has a field an error (the unknown destination included)? */
static int
err_has(const struct page_errors *pe, const char *field)
{
	if (pe->unknown && strcmp(field, "destination") == 0)
		return (1);
	return (dec_errors_has(&pe->errs, 0, field));
}

/* ' aria-describedby="F-hint F-error" aria-invalid="true"' as it applies. */
void
page_described(struct html *h, const struct page_errors *pe,
    const char *field, int hint)
{
	int	err = err_has(pe, field);

	if (!hint && !err)
		return;
	html_raw(h, " aria-describedby=\"");
	if (hint)
		html_fmt(h, "%s-hint", field);
	if (err)
		html_fmt(h, "%s%s-error\" aria-invalid=\"true", hint ? " " : "",
		    field);
	html_raw(h, "\"");
}

/* The words of one error. */
static void
err_words(struct html *h, const struct dec_error *e)
{
	const char	*en;

	if ((en = error_words(e)) != NULL)
		html_t(h, en);
	else
		html_fmt(h, "<span lang=\"en\">%s</span>", e->message);
}

/* The unknown destination: the message and the suggestions as links. */
static void
unknown_words(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f, int links)
{
	const struct dst_entry	*e;
	const char		*name, *target, *typed;
	int			 i;

	typed = form_get(f, "destination");
	html_tpl(h, "Unknown place “{text}”.", "text", typed != NULL ? typed :
	    "", (char *)NULL);
	if (!links)
		return;
	html_raw(h, " ");
	if (pe->sugg.n == 0) {
		html_t(h, "No similar place is on the list.");
		return;
	}
	html_t(h, "Did you mean:");
	html_raw(h, "\n<ul class=\"suggestions\">");
	for (i = 0; i < pe->sugg.n; i++) {
		name = pe->sugg.names[i];
		if ((e = dst_snapshot_find(r->snap, pe->sugg.ids[i])) != NULL) {
			if (h->lang == PAGE_NL && e->name_nl[0] != '\0')
				name = e->name_nl;
			else if (h->lang == PAGE_EN && e->name_en[0] != '\0')
				name = e->name_en;
		}
		/* The name reads better in the form; the id when the name
		 * would lead elsewhere. */
		target = e != NULL && dst_snapshot_resolve(r->snap, name, NULL,
		    NULL) == e ? name : pe->sugg.ids[i];
		html_raw(h, "<li><a href=\"");
		html_trip_href(h, "/decide", f, target, h->lang);
		html_fmt(h, "\">%s</a>", name);
		if (e != NULL && strcmp(name, e->name) != 0)
			html_fmt(h, " (%s, %s)", e->name, e->country);
		else if (e != NULL)
			html_fmt(h, " (%s)", e->country);
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>\n");
}

/* The errors of one field, right after its label and hint. */
void
page_form_errors(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f, const char *field)
{
	size_t	i;
	int	first = 1;

	if (!err_has(pe, field))
		return;
	html_fmt(h, "<div class=\"field-error\" id=\"%s-error\">", field);
	if (pe->unknown && strcmp(field, "destination") == 0) {
		unknown_words(h, r, pe, f, 1);
		first = 0;
	}
	for (i = 0; i < pe->errs.n; i++) {
		if (strcmp(pe->errs.v[i].field, field) != 0)
			continue;
		if (!first)
			html_raw(h, " ");
		err_words(h, &pe->errs.v[i]);
		first = 0;
	}
	html_raw(h, "</div>\n");
}

/* The summary at the top: every error, linked to its field. */
void
page_error_summary(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f)
{
	const struct dec_error	*e;
	size_t			 i;

	if (pe->errs.n == 0 && !pe->unknown)
		return;
	html_raw(h, "<div class=\"error-summary\" role=\"alert\" "
	    "aria-labelledby=\"error-summary-title\">\n"
	    "<h2 id=\"error-summary-title\">");
	html_t(h, "There is a problem");
	html_raw(h, "</h2>\n<ul>");
	if (pe->unknown) {
		html_raw(h, "<li><a href=\"#destination\">");
		unknown_words(h, r, pe, f, 0);
		html_raw(h, "</a></li>");
	}
	for (i = 0; i < pe->errs.n; i++) {
		e = &pe->errs.v[i];
		html_raw(h, "<li>");
		if (e->field[0] != '\0')
			html_fmt(h, "<a href=\"#%s\">", e->field);
		err_words(h, e);
		if (e->field[0] != '\0')
			html_raw(h, "</a>");
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>\n</div>\n");
}

/* --- keys ---------------------------------------------------------------- */

/* Is the form asking for a key (the server is not open)? */
int
page_needs_key(const struct request *r)
{
	return (!auth_config.open_reads && r->role == DST_ROLE_NONE);
}

/* Filing through the form needs a key unless --open-form yes on a server
 * with open reads. */
int
page_file_needs_key(void)
{
	return (!auth_config.open_form || !auth_config.open_reads);
}

/*
 * Where a key is required, the form's key field stands in for the bearer
 * token a browser cannot send: check it (any valid key).  Return 0, or -1
 * with the error in pe.
 */
int
page_key(struct request *r, const struct form *f, struct page_errors *pe,
    int required)
{
	const char	*key = form_get(f, "key");

	/* A GET's form is its address, which ends up in logs, history and
	 * Referer headers: a key there is refused, never used. */
	if (r->cmd != EVHTTP_REQ_POST && key != NULL) {
		dec_errors_add(&pe->errs, "key", DEC_E_FORMAT, "an API key is "
		    "never taken from a URL");
		return (-1);
	}
	if (!required || r->role != DST_ROLE_NONE)
		return (0);
	if (key == NULL || *key == '\0') {
		dec_errors_add(&pe->errs, "key", DEC_E_REQUIRED, "required");
		return (-1);
	}
	r->role = dst_snapshot_authenticate(r->snap, key, r->who);
	if (r->role == DST_ROLE_NONE) {
		dec_errors_add(&pe->errs, "key", DEC_E_INVALID, "unknown or "
		    "revoked");
		return (-1);
	}
	return (0);
}

/* --- the form ------------------------------------------------------------ */

/* A form value, or "". */
static const char *
fval(const struct form *f, const char *k)
{
	const char	*v = form_get(f, k);

	return (v != NULL ? v : "");
}

/* A datalist entry: the name shown and its sort key. */
struct dl_name {
	char		 key[DEC_NAME_MAX];
	const char	*name;
};

/* Order datalist names by their normalised form. */
static int
dl_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct dl_name *)a)->key,
	    ((const struct dl_name *)b)->key));
}

/* The datalist of the list's active names, in the page's language. */
static void
datalist(struct html *h, const struct dst_snapshot *snap)
{
	const struct dst_entry	*e;
	struct dl_name		*v;
	size_t			 i, n = 0, count = dst_snapshot_count(snap);
	long			 day = today();

	if ((v = calloc(count < DATALIST_MAX ? count + 1 : DATALIST_MAX,
	    sizeof *v)) == NULL)
		abort();
	for (i = 0; i < count && n < DATALIST_MAX; i++) {
		e = dst_snapshot_entry(snap, i);
		if (!dst_entry_active(e, day))
			continue;
		if (h->lang == PAGE_NL && e->name_nl[0] != '\0')
			v[n].name = e->name_nl;
		else if (h->lang == PAGE_EN && e->name_en[0] != '\0')
			v[n].name = e->name_en;
		else
			v[n].name = e->name;
		dst_normalize(v[n].name, v[n].key, sizeof v[n].key);
		n++;
	}
	qsort(v, n, sizeof *v, dl_cmp);
	html_raw(h, "<datalist id=\"destinations\">\n");
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i].name, v[i - 1].name) != 0)
			html_fmt(h, "<option value=\"%s\"></option>\n",
			    v[i].name);
	html_raw(h, "</datalist>\n");
	free(v);
}

/* A label with an optional hint and the field's errors (see daemon.h). */
void
page_label(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f, const char *field,
    const char *label_en, const char *hint_en)
{
	html_fmt(h, "<label for=\"%s\">%s</label>\n", field,
	    i18n_tr(h->lang, label_en));
	if (hint_en != NULL)
		html_fmt(h, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", field,
		    i18n_tr(h->lang, hint_en));
	page_form_errors(h, r, pe, f, field);
}

/* Is the value of a checkbox true? */
static int
checked(const char *v)
{
	return (v != NULL && *v != '\0' && strcmp(v, "false") != 0 &&
	    strcmp(v, "0") != 0 && strcmp(v, "no") != 0 &&
	    strcmp(v, "off") != 0);
}

/* The staff form: where, when, how many, online possible. */
static void
staff_form(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f)
{
	const char	*trav = fval(f, "travellers");

	/* Without open reads the key goes in a POST body, not in a URL. */
	html_fmt(h, "<form class=\"trip\" method=\"%s\" action=\"/decide\" "
	    "novalidate>\n<input type=\"hidden\" name=\"lang\" value=\"%s\">\n",
	    auth_config.open_reads ? "get" : "post", i18n_code(h->lang));
	html_raw(h, "<div class=\"field\">\n");
	page_label(h, r, pe, f, "destination", "Destination",
	    "A city as you know it: Cologne, Köln or Keulen");
	html_fmt(h, "<input id=\"destination\" name=\"destination\" "
	    "type=\"text\" list=\"destinations\" required autocomplete=\"off\" "
	    "maxlength=\"200\" value=\"%s\"", fval(f, "destination"));
	page_described(h, pe, "destination", 1);
	html_raw(h, ">\n</div>\n<fieldset class=\"dates\">\n<legend>");
	html_t(h, "Dates");
	html_raw(h, "</legend>\n<div class=\"field\">\n");
	page_label(h, r, pe, f, "departure_date", "Departure date",
	    NULL);
	html_fmt(h, "<input id=\"departure_date\" name=\"departure_date\" "
	    "type=\"date\" required value=\"%s\"", fval(f, "departure_date"));
	page_described(h, pe, "departure_date", 0);
	html_raw(h, ">\n</div>\n<div class=\"field\">\n");
	page_label(h, r, pe, f, "return_date", "Return date", NULL);
	html_fmt(h, "<input id=\"return_date\" name=\"return_date\" "
	    "type=\"date\" required value=\"%s\"", fval(f, "return_date"));
	page_described(h, pe, "return_date", 0);
	html_raw(h, ">\n</div>\n</fieldset>\n<div class=\"field\">\n");
	page_label(h, r, pe, f, "travellers", "Travellers",
	    "Yourself included");
	html_fmt(h, "<input id=\"travellers\" name=\"travellers\" "
	    "type=\"number\" min=\"1\" max=\"1000\" step=\"1\" "
	    "inputmode=\"numeric\" required value=\"%s\"",
	    *trav != '\0' ? trav : "1");
	page_described(h, pe, "travellers", 1);
	html_raw(h, ">\n</div>\n<div class=\"field field-check\">\n");
	html_raw(h, "<input id=\"online_possible\" name=\"online_possible\" "
	    "type=\"checkbox\" value=\"true\" "
	    "aria-describedby=\"online_possible-hint\"");
	if (checked(form_get(f, "online_possible")))
		html_raw(h, " checked");
	html_raw(h, ">\n");
	page_label(h, r, pe, f, "online_possible",
	    "An online meeting is possible",
	    "The scheme asks you to consider a digital meeting first.");
	html_raw(h, "</div>\n");
	if (!auth_config.open_reads) {
		html_raw(h, "<div class=\"field\">\n");
		page_label(h, r, pe, f, "key", "API key",
		    "This server needs your staff API key.");
		/* A key is never written into a page. */
		html_raw(h, "<input id=\"key\" name=\"key\" type=\"password\" "
		    "autocomplete=\"off\" required value=\"\"");
		page_described(h, pe, "key", 1);
		html_raw(h, ">\n</div>\n");
	}
	html_raw(h, "<p><button type=\"submit\">");
	html_t(h, "See how to travel");
	html_raw(h, "</button></p>\n</form>\n");
	datalist(h, r->snap);
}

/* The form, the values kept, the errors beside them. */
void
page_form_show(struct request *r, enum page_lang lang, const struct form *f,
    const struct page_errors *pe, int code)
{
	struct html	h;

	html_init(&h, lang);
	html_begin(&h, i18n_tr(lang, "How do I travel?"),
	    code == 200 ? "/" : "/decide", f);
	html_raw(&h, "<h1>");
	html_t(&h, "How do I travel?");
	html_raw(&h, "</h1>\n<p class=\"intro\">");
	html_t(&h, "For multi-day business trips abroad the city uses the most "
	    "sustainable means of transport possible, "
	    "by a clear choice scheme. "
	    "Enter your trip: you see the mandatory or recommended mode, why, "
	    "and the CO₂ of every mode side by side.");
	html_raw(&h, "</p>\n");
	page_error_summary(&h, r, pe, f);
	staff_form(&h, r, pe, f);
	html_end(&h, r->snap);
	html_send(r, &h, code);
}

/* GET /: the form, prefilled from the query when it has trip fields. */
void
page_form(struct request *r)
{
	struct page_errors	 pe;
	struct form		 f;

	if (page_fields(r, &f) != 0)
		return;
	memset(&pe, 0, sizeof pe);
	page_form_show(r, page_lang(r, &f), &f, &pe, 200);
	form_free(&f);
}
