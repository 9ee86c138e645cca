/*
 * Filing the trip request from the answer page (POST /trips): the CSRF
 * token, the trip ruled again, the request filed by the same service as
 * POST /v1/trips, and the page with its reference; or the answer again
 * with every error next to its field.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <event2/util.h>

#include "daemon/daemon.h"

/* The page after filing: the reference and the status. */
static void
filed_page(struct request *r, enum page_lang lang,
    const struct decide_answer *ans, const struct dst_trip *t)
{
	struct html	 h;
	const char	*st_en;
	char		 kg[32], diff[40];
	long long	 dv;

	html_init(&h, lang);
	html_begin(&h, i18n_tr(lang, "Request filed"), "/", NULL);
	html_raw(&h, "<h1>");
	html_t(&h, "Request filed");
	html_raw(&h, "</h1>\n<p class=\"message\" role=\"status\">");
	html_tpl(&h, "Your request for a business trip to {place} was filed.",
	    "place", page_place_name(ans, lang), (char *)NULL);
	html_raw(&h, "</p>\n<dl class=\"filed\">\n<dt>");
	html_t(&h, "Reference");
	html_fmt(&h, "</dt><dd class=\"reference\">%s</dd>\n<dt>",
	    t->reference);
	html_t(&h, "Status");
	if (strcmp(t->status, "approved") == 0)
		st_en = "approved";
	else if (strcmp(t->status, "rejected") == 0)
		st_en = "rejected";
	else
		st_en = "pending approval";
	html_fmt(&h, "</dt><dd><data class=\"status\" value=\"%s\">%s</data>"
	    "</dd>\n<dt>", t->status, i18n_tr(lang, st_en));
	html_t(&h, "Compliant with the scheme");
	html_fmt(&h, "</dt><dd>%s</dd>\n<dt>", t->compliant ?
	    i18n_tr(lang, "yes") : i18n_tr(lang, "no: with an exception"));
	html_t(&h, "Chosen mode");
	html_fmt(&h, "</dt><dd>%s</dd>\n", page_mode_title(lang,
	    t->chosen_mode));
	i18n_num(lang, (double)t->co2e_chosen_x100 / 100.0, 2, kg, sizeof kg);
	html_raw(&h, "<dt>");
	html_t(&h, "CO₂e of your choice");
	html_fmt(&h, "</dt><dd>%s kg</dd>\n", kg);
	dv = t->co2e_chosen_x100 - t->co2e_ruled_x100;
	i18n_num(lang, (double)dv / 100.0, 2, kg, sizeof kg);
	snprintf(diff, sizeof diff, "%s%s kg", dv > 0 ? "+" : "", kg);
	html_raw(&h, "<dt>");
	html_t(&h, "Difference with the scheme's mode");
	html_fmt(&h, "</dt><dd>%s</dd>\n", diff);
	html_raw(&h, "</dl>\n<p>");
	html_t(&h, "Keep the reference: HR handles the request.");
	html_raw(&h, "</p>\n<p><a href=\"");
	html_href(&h, "/", "lang", i18n_code(lang), (char *)NULL);
	html_raw(&h, "\">");
	html_t(&h, "Plan another trip");
	html_raw(&h, "</a></p>\n");
	html_end(&h, r->snap);
	html_send(r, &h, 200);
}

/*
 * Who files through the form: the key's name, or without a key (the
 * server's --open-form) "web form (ADDRESS)" with the client's address.
 */
static void
form_who(struct request *r, char *buf, size_t len)
{
	struct evhttp_connection	*c;
	char				*addr = NULL;
	ev_uint16_t			 port = 0;

	if (r->who[0] != '\0') {
		dec_copy(buf, len, r->who);
		return;
	}
	if ((c = evhttp_request_get_connection(r->req)) != NULL)
		evhttp_connection_get_peer(c, &addr, &port);
	snprintf(buf, len, "web form (%s)", addr != NULL ? addr :
	    "unknown address");
}

/*
 * POST /trips: check the CSRF token, rule on the trip again, file it, and
 * show the reference; or the answer page again with each error next to
 * its field.
 */
void
page_file_trip(struct request *r)
{
	struct decide_answer	 ans;
	struct page_errors	 pe;
	struct trip_input	 in;
	struct dst_trip		 trip;
	struct form		 f;
	enum page_lang		 lang;
	char			 tok[CSRF_LEN + 1], *cause = NULL;
	char			 who[DEC_NAME_MAX + 64];
	int			 rc;

	if (page_fields(r, &f) != 0)
		return;
	lang = page_lang(r, &f);
	if (!csrf_check(r, form_get(&f, "csrf"))) {
		page_message(r, lang, 403, "There is a problem",
		    "This form has "
		    "expired or did not come from this site. Open the form "
		    "again and send it once more; your browser must accept "
		    "cookies from this site.", NULL);
		form_free(&f);
		return;
	}
	memset(&pe, 0, sizeof pe);
	if (page_key(r, &f, &pe, page_file_needs_key()) != 0) {
		/* Where rulings are open, the answer again with the key
		 * field of its trip form marked; else the form. */
		if (!page_needs_key(r) && page_rule(r, &f, &ans, &pe) == 0)
			page_answer_show(r, lang, &f, &ans, &pe,
			    form_get(&f, "csrf"), 401);
		else
			page_form_show(r, lang, &f, &pe, 401);
		goto out;
	}
	if (page_rule(r, &f, &ans, &pe) != 0) {
		page_form_show(r, lang, &f, &pe, 422);
		goto out;
	}
	(void)trip_from_form(&f, &in, &pe.errs);
	form_who(r, who, sizeof who);
	rc = trip_file(r->snap, &in, who, 0, &ans, &trip, &pe.errs, &cause);
	if (rc == 0) {
		/* A new token for the next form: each one files once. */
		(void)csrf_token(r, 1, tok);
		filed_page(r, lang, &ans, &trip);
		dst_trip_clear(&trip);
	} else if (rc == 1) {
		page_message(r, lang, 403, "This form was sent already",
		    "This trip request form has been sent before, and the "
		    "trip was filed then. To file another trip, open the "
		    "form again.", trip.reference);
		dst_trip_clear(&trip);
	} else if (pe.errs.n > 0) {
		struct dec_errors errs = pe.errs;

		memset(&pe.errs, 0, sizeof pe.errs);
		page_errors_take(&pe, &errs, &ans.sugg);
		page_answer_show(r, lang, &f, &ans, &pe, form_get(&f, "csrf"),
		    422);
	} else
		page_problem(r, lang, 500, cause != NULL ? cause : "the trip "
		    "request could not be stored");
	free(cause);
	trip_input_clear(&in);
out:
	page_errors_clear(&pe);
	form_free(&f);
}
