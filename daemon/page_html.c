/*
 * The pages' HTML writer (every value goes through html_escape), the page
 * frame, the fields and language of a page, and the CSRF double-submit
 * token.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

#define CSRF_COOKIE	"tripmode_csrf"

/* Start a page in a language. */
void
html_init(struct html *h, enum page_lang lang)
{
	h->lang = lang;
	if ((h->buf = evbuffer_new()) == NULL)
		abort();
}

/* Release the page (html_send does it). */
void
html_free(struct html *h)
{
	if (h->buf != NULL)
		evbuffer_free(h->buf);
	h->buf = NULL;
}

/* Append n bytes of s with & < > " ' escaped: the only way values get out. */
static void
escape_n(struct html *h, const char *s, size_t n)
{
	const char	*run = s, *end = s + n, *rep;

	for (; s < end; s++) {
		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		evbuffer_add(h->buf, run, (size_t)(s - run));
		evbuffer_add(h->buf, rep, strlen(rep));
		run = s + 1;
	}
	evbuffer_add(h->buf, run, (size_t)(end - run));
}

/* Append a value, escaped (text and attribute values alike). */
void
html_escape(struct html *h, const char *s)
{
	if (s != NULL)
		escape_n(h, s, strlen(s));
}

/* Append markup (html_raw() takes string literals only). */
void
html_raw_(struct html *h, const char *markup)
{
	evbuffer_add(h->buf, markup, strlen(markup));
}

/* Markup with %s (escaped), %d, %ld, %zu and %%. */
void
html_fmt(struct html *h, const char *fmt, ...)
{
	va_list		 ap;
	const char	*run = fmt;

	va_start(ap, fmt);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%')
			continue;
		evbuffer_add(h->buf, run, (size_t)(fmt - run));
		fmt++;
		if (*fmt == 's')
			html_escape(h, va_arg(ap, const char *));
		else if (*fmt == 'd')
			evbuffer_add_printf(h->buf, "%d", va_arg(ap, int));
		else if (fmt[0] == 'l' && fmt[1] == 'd') {
			evbuffer_add_printf(h->buf, "%ld", va_arg(ap, long));
			fmt++;
		} else if (fmt[0] == 'z' && fmt[1] == 'u') {
			evbuffer_add_printf(h->buf, "%zu", va_arg(ap, size_t));
			fmt++;
		} else if (*fmt == '%')
			evbuffer_add(h->buf, "%", 1);
		else
			abort();	/* a format this writer does not know */
		run = fmt + 1;
	}
	evbuffer_add(h->buf, run, strlen(run));
	va_end(ap);
}

/* A text in the page's language, escaped. */
void
html_t(struct html *h, const char *en)
{
	html_escape(h, i18n_tr(h->lang, en));
}

/* A translated template with {name} placeholders, values escaped. */
void
html_tpl(struct html *h, const char *en, ...)
{
	char	buf[4 * WORDS_MAX];
	va_list	ap;

	va_start(ap, en);
	words_vfill(buf, sizeof buf, i18n_tr(h->lang, en), ap);
	va_end(ap);
	html_escape(h, buf);
}

/* Append a percent-encoded query value (then HTML-escaped: &amp;). */
static void
url_value(struct html *h, const char *v)
{
	char	*enc;

	if ((enc = evhttp_uriencode(v, -1, 1)) == NULL)
		abort();
	html_escape(h, enc);
	free(enc);
}

/*
 * An href: path and query from NULL-terminated key/value pairs (pairs
 * whose value is NULL or "" are left out), all escaped.
 */
void
html_href(struct html *h, const char *path, ...)
{
	va_list		 ap;
	const char	*k, *v;
	int		 first = 1;

	html_escape(h, path);
	va_start(ap, path);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		if (v == NULL || *v == '\0')
			continue;
		if (first)
			html_raw(h, "?");
		else
			html_raw(h, "&amp;");
		url_value(h, k);
		html_raw(h, "=");
		url_value(h, v);
		first = 0;
	}
	va_end(ap);
}

/* An href to path with the trip fields of f and a language. */
void
html_trip_href(struct html *h, const char *path, const struct form *f,
    const char *destination, enum page_lang lang)
{
	html_href(h, path,
	    "destination", destination != NULL ? destination :
		form_get(f, "destination"),
	    "departure_date", form_get(f, "departure_date"),
	    "return_date", form_get(f, "return_date"),
	    "travellers", form_get(f, "travellers"),
	    "online_possible", form_get(f, "online_possible"),
	    "lang", i18n_code(lang), (char *)NULL);
}

/*
 * The top of every page: <html lang>, the title, the style sheet, a
 * skip link, and the language switch (links to path with the trip fields
 * of f, if any, in the other language).
 */
void
html_begin(struct html *h, const char *title, const char *path,
    const struct form *f)
{
	static const struct form empty;
	enum page_lang	 l;
	static const char *const names[] = { "Nederlands", "English" };

	if (f == NULL)
		f = &empty;
	html_fmt(h, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<title>%s · tripmode</title>\n"
	    "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
	    "</head>\n<body>\n", i18n_code(h->lang), title);
	html_raw(h, "<a class=\"skip-link\" href=\"#main\">");
	html_t(h, "Skip to the content");
	html_raw(h, "</a>\n<header class=\"site-header\">\n"
	    "<p class=\"site-name\"><a href=\"");
	html_href(h, "/", "lang", i18n_code(h->lang), (char *)NULL);
	html_raw(h, "\">tripmode</a> <span class=\"tagline\">");
	html_t(h, "Travel choice scheme for business trips");
	html_fmt(h, "</span></p>\n<nav class=\"lang\" aria-label=\"%s\"><ul>",
	    i18n_tr(h->lang, "Language"));
	for (l = PAGE_NL; l <= PAGE_EN; l++) {
		html_raw(h, "<li><a href=\"");
		html_trip_href(h, path, f, NULL, l);
		html_fmt(h, "\" hreflang=\"%s\" lang=\"%s\"", i18n_code(l),
		    i18n_code(l));
		if (l == h->lang)
			html_raw(h, " aria-current=\"true\"");
		html_fmt(h, ">%s</a></li>", names[l]);
	}
	html_raw(h, "</ul></nav>\n</header>\n<main id=\"main\">\n");
}

/* The bottom of every page. */
void
html_end(struct html *h, const struct dst_snapshot *snap)
{
	char	v[16];

	snprintf(v, sizeof v, "%d", dst_snapshot_policy(snap)->version);
	html_raw(h, "</main>\n<footer>\n<p>");
	html_tpl(h, "tripmode: the city's travel choice scheme for business "
	    "trips abroad (policy version {policy}, emission factors "
	    "{factors})", "policy", v, "factors",
	    dst_snapshot_factors(snap)->name, (char *)NULL);
	html_raw(h, "</p>\n</footer>\n</body>\n</html>\n");
}

/* Send the page with the headers every page has, and free it. */
void
html_send(struct request *r, struct html *h, int code)
{
	struct evkeyvalq	*out;
	const char		*reason;

	out = evhttp_request_get_output_headers(r->req);
	evhttp_remove_header(out, "Content-Type");
	evhttp_add_header(out, "Content-Type", "text/html; charset=utf-8");
	evhttp_add_header(out, "Content-Language", i18n_code(h->lang));
	evhttp_add_header(out, "Content-Security-Policy",
	    "default-src 'self'; style-src 'self'; img-src 'self' data:; "
	    "script-src 'none'; form-action 'self'; frame-ancestors 'none'; "
	    "base-uri 'none'");
	evhttp_add_header(out, "X-Content-Type-Options", "nosniff");
	evhttp_add_header(out, "Referrer-Policy", "no-referrer");
	/* Pages carry a CSRF token and rulings that change with the list. */
	evhttp_add_header(out, "Cache-Control", "no-store");
	evhttp_add_header(out, "Vary", "Accept-Language, Cookie");
	switch (code) {
	case 200:
		reason = "OK";
		break;
	case 201:
		reason = "Created";
		break;
	case 400:
		reason = "Bad Request";
		break;
	case 401:
		reason = "Unauthorized";
		break;
	case 403:
		reason = "Forbidden";
		break;
	case 413:
		reason = "Payload Too Large";
		break;
	case 415:
		reason = "Unsupported Media Type";
		break;
	case 422:
		reason = "Unprocessable Entity";
		break;
	default:
		reason = code >= 500 ? "Server Error" : "Error";
		break;
	}
	reply_send(r->req, code, reason, h->buf);
	html_free(h);
}

/*
 * A page with one message (a text of the table) and, if not NULL, a
 * detail (shown as given, escaped), with a link back to the form.
 */
void
page_message(struct request *r, enum page_lang lang, int code,
    const char *title_en, const char *message_en, const char *detail)
{
	struct html	h;

	html_init(&h, lang);
	html_begin(&h, i18n_tr(lang, title_en), "/", NULL);
	html_raw(&h, "<h1>");
	html_t(&h, title_en);
	html_raw(&h, "</h1>\n<p class=\"message\" role=\"alert\">");
	html_t(&h, message_en);
	html_raw(&h, "</p>\n");
	if (detail != NULL && *detail != '\0')
		html_fmt(&h, "<p class=\"detail\" lang=\"en\">%s</p>\n",
		    detail);
	html_raw(&h, "<p><a href=\"");
	html_href(&h, "/", "lang", i18n_code(lang), (char *)NULL);
	html_raw(&h, "\">");
	html_t(&h, "Back to the form");
	html_raw(&h, "</a></p>\n");
	html_end(&h, r->snap);
	html_send(r, &h, code);
}

/* A page for a problem the form cannot show next to a field. */
void
page_problem(struct request *r, enum page_lang lang, int status,
    const char *detail)
{
	struct html	h;
	char		code[16];

	snprintf(code, sizeof code, "%d", status);
	html_init(&h, lang);
	html_begin(&h, i18n_tr(lang, "The request could not be filed"), "/",
	    NULL);
	html_raw(&h, "<h1>");
	html_t(&h, "The request could not be filed");
	html_raw(&h, "</h1>\n<p class=\"message\" role=\"alert\">");
	html_tpl(&h, "The server could not handle this ({status}): {detail}",
	    "status", code, "detail", detail, (char *)NULL);
	html_raw(&h, "</p>\n<p><a href=\"");
	html_href(&h, "/", "lang", i18n_code(lang), (char *)NULL);
	html_raw(&h, "\">");
	html_t(&h, "Back to the form");
	html_raw(&h, "</a></p>\n");
	html_end(&h, r->snap);
	html_send(r, &h, status);
}

/* --- CSRF: double submit ----------------------------------------------- */

/* Is s exactly CSRF_LEN lower-case hex digits? */
static int
csrf_wellformed(const char *s, size_t n)
{
	size_t	i;

	if (n != CSRF_LEN)
		return (0);
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && (s[i] < 'a' || s[i] > 'f'))
			return (0);
	return (1);
}

/* The token of the request's cookie into tok, or 0 if none is good. */
static int
csrf_cookie(struct request *r, char tok[CSRF_LEN + 1])
{
	const char	*c, *v;
	size_t		 n, klen = strlen(CSRF_COOKIE);

	if ((c = request_header(r, "Cookie")) == NULL)
		return (0);
	while (*c != '\0') {
		while (*c == ' ' || *c == ';')
			c++;
		n = strcspn(c, ";");
		if (n > klen && strncmp(c, CSRF_COOKIE "=", klen + 1) == 0) {
			v = c + klen + 1;
			if (csrf_wellformed(v, n - klen - 1)) {
				memcpy(tok, v, CSRF_LEN);
				tok[CSRF_LEN] = '\0';
				return (1);
			}
		}
		c += n;
	}
	return (0);
}

/*
 * The token for a page's forms: the cookie's, or (also when fresh) a new
 * one from getrandom, set as an HttpOnly, SameSite=Strict cookie.  Return
 * 0, or -1 if no random bytes could be had.
 */
int
csrf_token(struct request *r, int fresh, char tok[CSRF_LEN + 1])
{
	unsigned char	 raw[CSRF_LEN / 2];
	char		 cookie[160];
	size_t		 off = 0;
	ssize_t		 got;
	int		 i;

	if (!fresh && csrf_cookie(r, tok))
		return (0);
	while (off < sizeof raw) {
		got = getrandom(raw + off, sizeof raw - off, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			log_warnx("%s: getrandom: %s", __func__,
			    strerror(errno));
			return (-1);
		}
		off += (size_t)got;
	}
	for (i = 0; i < (int)sizeof raw; i++)
		snprintf(tok + 2 * i, 3, "%02x", raw[i]);
	snprintf(cookie, sizeof cookie, CSRF_COOKIE "=%s; HttpOnly; "
	    "SameSite=Strict; Path=/", tok);
	evhttp_add_header(evhttp_request_get_output_headers(r->req),
	    "Set-Cookie", cookie);
	return (0);
}

/* Does the form's token equal the cookie's?  (Constant time.) */
int
csrf_check(struct request *r, const char *field)
{
	char		tok[CSRF_LEN + 1];
	unsigned char	diff = 0;
	size_t		i;

	if (field == NULL || !csrf_cookie(r, tok) ||
	    !csrf_wellformed(field, strlen(field)))
		return (0);
	for (i = 0; i < CSRF_LEN; i++)
		diff |= (unsigned char)(tok[i] ^ field[i]);
	return (diff == 0);
}

/* --- a page's fields and language ------------------------------------- */

/* The fields of a page (see daemon.h). */
int
page_fields(struct request *r, struct form *f)
{
	struct evbuffer	*in;
	const char	*ct, *body;
	enum page_lang	 lang;
	size_t		 len;

	memset(f, 0, sizeof *f);
	lang = i18n_pick(NULL, request_header(r, "Accept-Language"));
	if (r->cmd != EVHTTP_REQ_POST) {
		if (form_parse(r->query, r->query != NULL ?
		    strlen(r->query) : 0, f) == 0)
			return (0);
		page_message(r, lang, 400, "There is a problem", "The form "
		    "could not be read: the address or the form data is "
		    "malformed.", NULL);
		return (-1);
	}
	ct = request_header(r, "Content-Type");
	if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded",
	    33) != 0 || (ct[33] != '\0' && ct[33] != ';' && ct[33] != ' ')) {
		page_message(r, lang, 415, "There is a problem",
		    "Send the form "
		    "as application/x-www-form-urlencoded.", NULL);
		return (-1);
	}
	in = evhttp_request_get_input_buffer(r->req);
	len = evbuffer_get_length(in);
	if (len > FORM_MAX_BODY) {
		page_message(r, lang, 413, "There is a problem",
		    "The form is too large.", NULL);
		return (-1);
	}
	body = len > 0 ? (const char *)evbuffer_pullup(in, -1) : "";
	if (form_parse(body, len, f) != 0) {
		page_message(r, lang, 400, "There is a problem", "The form "
		    "could not be read: the address or the form data is "
		    "malformed.", NULL);
		return (-1);
	}
	return (0);
}

/* The page's language: the field lang, else Accept-Language. */
enum page_lang
page_lang(struct request *r, const struct form *f)
{
	return (i18n_pick(form_get(f, "lang"),
	    request_header(r, "Accept-Language")));
}
