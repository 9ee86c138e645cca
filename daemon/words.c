/*
 * What an answer says, in words: the reasons and advice of a ruling, the
 * nearest listed place, the note on a place of several of its name.  The
 * rules give them as data (decision.h); this is the one place that turns
 * them into sentences, in the API's English (the JSON's reasons and
 * advice) or in a page's language.  The API's wording differs from the
 * English page's in a few places ("Train takes about", "CO2"), and its
 * figures are written as the JSON always has written them.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "daemon/daemon.h"

#define MAX_PAIRS	16

/* The page language of a words language (the API's is English). */
static enum page_lang
page_of(enum words_lang wl)
{
	return (wl == WORDS_NL ? PAGE_NL : PAGE_EN);
}

/* The words language of a page. */
enum words_lang
words_page(enum page_lang lang)
{
	return (lang == PAGE_NL ? WORDS_NL : WORDS_EN);
}

/* Append n bytes of s to buf (len bytes, *off used), cut on a boundary. */
static void
put(char *buf, size_t len, size_t *off, const char *s, size_t n)
{
	size_t	room = len - 1 - *off;

	if (n > room) {
		/* Keep whole characters only. */
		while (room > 0 && ((unsigned char)s[room] & 0xc0) == 0x80)
			room--;
		n = room;
	}
	memcpy(buf + *off, s, n);
	*off += n;
	buf[*off] = '\0';
}

/* Fill the {name} placeholders of tpl from pairs (see daemon.h). */
void
words_vfill(char *buf, size_t len, const char *tpl, va_list ap)
{
	const char	*names[MAX_PAIRS], *values[MAX_PAIRS], *s, *open;
	const char	*close, *name;
	size_t		 n = 0, i, k, off = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	while (n < MAX_PAIRS && (name = va_arg(ap, const char *)) != NULL) {
		names[n] = name;
		values[n] = va_arg(ap, const char *);
		if (values[n] == NULL)
			values[n] = "";
		n++;
	}
	for (s = tpl; *s != '\0'; s = close + 1) {
		if ((open = strchr(s, '{')) == NULL ||
		    (close = strchr(open, '}')) == NULL) {
			put(buf, len, &off, s, strlen(s));
			return;
		}
		put(buf, len, &off, s, (size_t)(open - s));
		k = (size_t)(close - open - 1);
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == k &&
			    memcmp(names[i], open + 1, k) == 0)
				break;
		if (i < n)
			put(buf, len, &off, values[i], strlen(values[i]));
		else
			put(buf, len, &off, open, k + 2);
	}
}

/* The same, with the pairs as arguments. */
void
words_fill(char *buf, size_t len, const char *tpl, ...)
{
	va_list	ap;

	va_start(ap, tpl);
	words_vfill(buf, len, tpl, ap);
	va_end(ap);
}

/*
 * A sentence: the API's template, or the page's (the English of the
 * i18n table; NULL: the same as the API's) in the page's language.
 */
static void
say(enum words_lang wl, char *buf, size_t len, const char *api,
    const char *page, ...)
{
	const char	*tpl;
	va_list		 ap;

	if (wl == WORDS_API)
		tpl = api;
	else
		tpl = i18n_tr(page_of(wl), page != NULL ? page : api);
	va_start(ap, page);
	words_vfill(buf, len, tpl, ap);
	va_end(ap);
}

/* A number with at most maxdec decimals in the language's notation. */
void
words_num(enum words_lang wl, double v, int maxdec, char *buf, size_t len)
{
	i18n_num(page_of(wl), v, maxdec, buf, len);
}

/* A whole number with thousands separators: "753,056", "753.056". */
void
words_thousands(enum words_lang wl, long n, char *buf, size_t len)
{
	char	digits[32];
	size_t	nd, i, o = 0;

	snprintf(digits, sizeof digits, "%ld", n < 0 ? 0 : n);
	nd = strlen(digits);
	for (i = 0; i < nd && o + 2 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf[o++] = wl == WORDS_NL ? '.' : ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* A mode inside a sentence: "train", "trein". */
const char *
words_mode(enum words_lang wl, enum dec_mode m)
{
	const char	*wire = dec_mode_name(m);

	if (wire == NULL)
		return ("?");
	return (wl == WORDS_API ? wire : i18n_tr(page_of(wl), wire));
}

/* A strength inside a sentence: "mandatory", "verplicht". */
const char *
words_strength(enum words_lang wl, enum dec_strength s)
{
	const char	*wire = dec_strength_name(s);

	if (wire == NULL)
		return ("?");
	return (wl == WORDS_API ? wire : i18n_tr(page_of(wl), wire));
}

/*
 * A distance compared with a threshold: whole km, with decimals close to
 * it so that "500 km (more than 500 km)" cannot happen.  The API keeps the
 * decimals it shows ("499.0"); pages drop trailing zeros.
 */
static void
km_near(enum words_lang wl, double km, double threshold, char *buf,
    size_t len)
{
	int	dec = 0;

	if (fabs(km - threshold) < 1.0)
		dec = 1;
	if (fabs(km - threshold) < 0.1)
		dec = 2;
	if (wl == WORDS_API)
		snprintf(buf, len, "%.*f", dec, dec_round(km, dec));
	else
		words_num(wl, km, dec, buf, len);
}

/* One reason of a ruling, about place (as the language names it). */
void
words_reason(enum words_lang wl, const struct dec_reason *r,
    const char *place, const char *origin, char *buf, size_t len)
{
	char		 km[32] = "", near[32] = "", h[32] = "", wd[32] = "",
			 ld[32] = "";
	const char	*est;

	/* Only the figures this kind of reason says (formatting is not
	 * free: this runs for every ruling). */
	switch (r->kind) {
	case DEC_REASON_NEAR:
	case DEC_REASON_NOT_NEAR:
		words_num(wl, r->near_km, 1, near, sizeof near);
		km_near(wl, r->km, r->near_km, km, sizeof km);
		break;
	case DEC_REASON_WORKING_DAY:
	case DEC_REASON_LONG_DAY:
	case DEC_REASON_NIGHT_TRAIN_FAR:
	case DEC_REASON_FAR:
		words_num(wl, r->hours, 2, h, sizeof h);
		words_num(wl, r->working_day_hours, 2, wd, sizeof wd);
		words_num(wl, r->long_day_hours, 2, ld, sizeof ld);
		break;
	default:
		break;
	}
	est = !r->estimated ? "" : wl == WORDS_API ? " (estimated)" :
	    i18n_tr(page_of(wl), " (estimated)");

	switch (r->kind) {
	case DEC_REASON_LISTED:
		say(wl, buf, len, "{place} is on the frequent-destination "
		    "list: {mode}, {strength}", NULL, "place", place, "mode",
		    words_mode(wl, r->mode), "strength",
		    words_strength(wl, r->strength), (char *)NULL);
		break;
	case DEC_REASON_NO_RAIL:
		say(wl, buf, len, "{place} lies outside the rail-connected "
		    "zone", NULL, "place", place, (char *)NULL);
		break;
	case DEC_REASON_NEAR:
		say(wl, buf, len, "{place} is {km} km from {origin} (within "
		    "{near} km)", NULL, "place", place, "km", km, "origin",
		    origin, "near", near, (char *)NULL);
		break;
	case DEC_REASON_NOT_NEAR:
		say(wl, buf, len, "{place} is {km} km from {origin} (more than "
		    "{near} km)", NULL, "place", place, "km", km, "origin",
		    origin, "near", near, (char *)NULL);
		break;
	case DEC_REASON_WORKING_DAY:
		say(wl, buf, len, "Train takes about {h} h{est}, within one "
		    "working day ({wd} h)", "The train takes about {h} h{est}, "
		    "within one working day ({wd} h)", "h", h, "est", est,
		    "wd", wd, (char *)NULL);
		break;
	case DEC_REASON_LONG_DAY:
		say(wl, buf, len, "Train takes about {h} h{est}, more than one "
		    "working day ({wd} h) but within a long travel day "
		    "({ld} h)", "The train takes about {h} h{est}, more than "
		    "one working day ({wd} h) but within a long travel day "
		    "({ld} h)", "h", h, "est", est, "wd", wd, "ld", ld,
		    (char *)NULL);
		break;
	case DEC_REASON_NIGHT_TRAIN:
		say(wl, buf, len, "A night train serves {place}", NULL,
		    "place", place, (char *)NULL);
		break;
	case DEC_REASON_NIGHT_TRAIN_FAR:
		say(wl, buf, len, "Train takes about {h} h{est}, more than a "
		    "long travel day ({ld} h), but a night train serves "
		    "{place}", "The train takes about {h} h{est}, more than a "
		    "long travel day ({ld} h), but a night train serves "
		    "{place}", "h", h, "est", est, "ld", ld, "place", place,
		    (char *)NULL);
		break;
	case DEC_REASON_FAR:
		say(wl, buf, len, "Train takes about {h} h{est}, more than a "
		    "long travel day ({ld} h), and no night train serves "
		    "{place}", "The train takes about {h} h{est}, more than a "
		    "long travel day ({ld} h), and no night train serves "
		    "{place}", "h", h, "est", est, "ld", ld, "place", place,
		    (char *)NULL);
		break;
	case DEC_REASON_DAY_TRIP:
		say(wl, buf, len, "Same-day trip abroad: the scheme is "
		    "advisory, so the ruling is at most recommended", NULL,
		    (char *)NULL);
		break;
	case DEC_REASON_DOMESTIC:
		say(wl, buf, len, "Domestic trip: the scheme is advisory, so "
		    "the ruling is at most recommended, and the plane is not "
		    "offered", NULL, (char *)NULL);
		break;
	}
}

/* One advice line. */
void
words_advice(enum words_lang wl, const struct dec_advice *a, char *buf,
    size_t len)
{
	char		 n[32];
	const char	*est;

	est = !a->estimated ? "" : wl == WORDS_API ? " (estimated)" :
	    i18n_tr(page_of(wl), " (estimated)");
	switch (a->kind) {
	case DEC_ADVICE_ONLINE_FIRST:
		say(wl, buf, len, "Online first: consider a digital meeting "
		    "before travelling", NULL, (char *)NULL);
		break;
	case DEC_ADVICE_TRAIN_ALTERNATIVE:
		words_num(wl, a->hours, wl == WORDS_API ? 1 : 2, n, sizeof n);
		say(wl, buf, len, "Train shown as an alternative: about {h} "
		    "h{est} one way", NULL, "h", n, "est", est, (char *)NULL);
		break;
	case DEC_ADVICE_LOWEST_CO2:
		/* The API has always shown one decimal, "16.0". */
		if (wl == WORDS_API)
			snprintf(n, sizeof n, "%.1f", a->kg);
		else
			words_num(wl, a->kg, 2, n, sizeof n);
		say(wl, buf, len, "Lowest-CO2 feasible mode: {mode} ({kg} kg "
		    "CO2e)", "Lowest-CO₂ feasible mode: {mode} ({kg} kg CO₂e)",
		    "mode", words_mode(wl, a->mode), "kg", n, (char *)NULL);
		break;
	case DEC_ADVICE_SECOND_CLASS:
		words_num(wl, a->hours, 2, n, sizeof n);
		say(wl, buf, len, "Train: 2nd class (journey up to {h} h)",
		    NULL, "h", n, (char *)NULL);
		break;
	case DEC_ADVICE_FIRST_CLASS:
		words_num(wl, a->hours, 2, n, sizeof n);
		say(wl, buf, len, "Train: 1st class allowed (journey over {h} "
		    "h)", NULL, "h", n, (char *)NULL);
		break;
	case DEC_ADVICE_ECONOMY:
		say(wl, buf, len, "Flights: economy class", NULL,
		    (char *)NULL);
		break;
	}
}

/* The nearest listed place, as context: "Mainz is 12 km from ...". */
void
words_nearest(enum words_lang wl, const char *place, const char *listed,
    double km, char *buf, size_t len)
{
	char	n[32];

	words_thousands(wl, lround(km), n, sizeof n);
	say(wl, buf, len, "{place} is {km} km from {listed}, which is on the "
	    "list", NULL, "place", place, "km", n, "listed", listed,
	    (char *)NULL);
}

/*
 * Why this place of several of its name: "Brest: 2 places of that name;
 * took Brest (BY, 300,715 inhabitants); add "country" to choose; also
 * Brest (FR, 139,163)".  text is what the user typed, country what they
 * chose (NULL or "": none).
 */
void
words_place_note(enum words_lang wl, const char *text, const char *country,
    const struct geo_place_hit *hit, char *buf, size_t len)
{
	char	typed[96], count[16], pop[32], others[WORDS_MAX], one[160];
	size_t	o = 0;
	int	i;

	dec_clip(typed, sizeof typed, text, 60);
	snprintf(count, sizeof count, "%d", hit->nsame + 1);
	words_thousands(wl, hit->population, pop, sizeof pop);
	others[0] = '\0';
	for (i = 0; i < hit->nothers && o < sizeof others; i++) {
		words_thousands(wl, hit->others[i].population, one,
		    sizeof one);
		o += (size_t)snprintf(others + o, sizeof others - o, "%s%s "
		    "(%s, %s)", i > 0 ? ", " : "", hit->others[i].name,
		    hit->others[i].country, one);
	}
	if (hit->nsame > hit->nothers && o < sizeof others)
		snprintf(others + o, sizeof others - o, ", ...");
	if (country != NULL && *country != '\0')
		say(wl, buf, len, "{text}: {n} places of that name in "
		    "{country}; took {name} ({pop} inhabitants), the largest; "
		    "also {others}", NULL, "text", typed, "n", count,
		    "country", hit->country, "name", hit->name, "pop", pop,
		    "others", others, (char *)NULL);
	else
		say(wl, buf, len, "{text}: {n} places of that name; took "
		    "{name} ({country}, {pop} inhabitants); add \"country\" to "
		    "choose; also {others}", NULL, "text", typed, "n", count,
		    "name", hit->name, "country", hit->country, "pop", pop,
		    "others", others, (char *)NULL);
}
