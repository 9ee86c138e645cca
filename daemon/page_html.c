/*
 * The pages' HTML writer (every value goes through html_escape), the page
 * frame, form decoding (application/x-www-form-urlencoded, query strings)
 * and the CSRF double-submit token.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Fill {name} placeholders of a template from NULL-terminated pairs. */
static void
tpl_v(struct html *h, const char *tpl, va_list ap)
{
	const char	*names[16], *values[16], *s, *close, *name;
	size_t		 n = 0, i, len;

	while (n < 16 && (name = va_arg(ap, const char *)) != NULL) {
		names[n] = name;
		values[n++] = va_arg(ap, const char *);
	}
	for (s = tpl; *s != '\0'; s = close + 1) {
		if ((close = strchr(s, '{')) == NULL) {
			escape_n(h, s, strlen(s));
			break;
		}
		escape_n(h, s, (size_t)(close - s));
		s = close + 1;
		if ((close = strchr(s, '}')) == NULL) {
			escape_n(h, s - 1, strlen(s - 1));
			break;
		}
		len = (size_t)(close - s);
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len &&
			    memcmp(names[i], s, len) == 0)
				break;
		if (i < n)
			html_escape(h, values[i]);
		else
			escape_n(h, s - 1, len + 2);
	}
}

/* A translated template with {name} placeholders, values escaped. */
void
html_tpl(struct html *h, const char *en, ...)
{
	va_list	ap;

	va_start(ap, en);
	tpl_v(h, i18n_tr(h->lang, en), ap);
	va_end(ap);
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
	evhttp_send_reply(r->req, code, reason, h->buf);
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
		html_fmt(&h, "<p class=\"detail\" lang=\"en\">%s</p>\n", detail);
	html_raw(&h, "<p><a href=\"");
	html_href(&h, "/", "lang", i18n_code(lang), (char *)NULL);
	html_raw(&h, "\">");
	html_t(&h, "Back to the form");
	html_raw(&h, "</a></p>\n");
	html_end(&h, r->snap);
	html_send(r, &h, code);
}

/* --- forms -------------------------------------------------------------- */

/* Is s (n bytes) well-formed UTF-8 (no overlongs, surrogates, NULs)? */
int
form_utf8_valid(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + n;
	unsigned int		 c, min;
	int			 more;

	while (p < end) {
		c = *p++;
		if (c == 0)
			return (0);
		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
			c &= 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			c &= 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			c &= 0x07;
			min = 0x10000;
		} else
			return (0);
		if (end - p < more)
			return (0);
		while (more-- > 0) {
			if ((*p & 0xc0) != 0x80)
				return (0);
			c = (c << 6) | (*p++ & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return (0);
	}
	return (1);
}

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
	if (o > FORM_MAX_VALUE || !form_utf8_valid(out, o)) {
		free(out);
		return (NULL);
	}
	return (out);
}

/*
 * Parse "k=v&k=v" (a query string or a form body of len bytes): keys and
 * values percent-decoded, '+' as a space; embedded NULs, invalid UTF-8,
 * values over FORM_MAX_VALUE bytes and more than FORM_MAX_FIELDS fields
 * are errors.  Return 0 and fill f (form_free it), or -1 (f is empty).
 */
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
