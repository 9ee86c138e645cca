/*
 * The answer page (GET /decide): the trip, the ruling in a sentence with
 * what it means, why and the advice (in the page's words, from the
 * ruling's data), the CO2 chart drawn by the server as inline SVG, the
 * modes side by side, and the form to file the trip request.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>

#include "daemon/daemon.h"

#define CHART_WIDTH		640
#define CHART_LABEL		120	/* the bars start here */
#define CHART_BARS		400	/* the longest bar */
#define CHART_ROW		36
#define CHART_LEGEND		28	/* the legend's row */

/* The kinds of lines a bar is stacked of, in their order, and their
 * names in the legend (as dec_line_kind). */
static const char *const seg_classes[] = { "operation", "fuel",
    "non-co2", "hotel" };
static const char *const seg_names[] = { "operation", "fuel production",
    "non-CO₂ effects", "hotel nights" };

/* A form value, or "". */
static const char *
fval(const struct form *f, const char *k)
{
	const char	*v = form_get(f, k);

	return (v != NULL ? v : "");
}

/* Is the value of a checkbox true? */
static int
checked(const char *v)
{
	return (v != NULL && *v != '\0' && strcmp(v, "false") != 0 &&
	    strcmp(v, "0") != 0 && strcmp(v, "no") != 0 &&
	    strcmp(v, "off") != 0);
}

/* A mode's name for a table or a heading ("Trein"). */
const char *
page_mode_title(enum page_lang lang, const char *wire)
{
	static const char *const titles[][2] = { { "train", "Train" },
	    { "plane", "Plane" }, { "car", "Car" }, { "coach", "Coach" } };
	size_t	i;

	for (i = 0; wire != NULL && i < 4; i++)
		if (strcmp(wire, titles[i][0]) == 0)
			return (i18n_tr(lang, titles[i][1]));
	return (wire != NULL ? wire : "?");
}

/* An entry's name in a language. */
static const char *
entry_name(const struct dst_entry *e, enum page_lang lang)
{
	if (lang == PAGE_NL && e->name_nl[0] != '\0')
		return (e->name_nl);
	if (lang == PAGE_EN && e->name_en[0] != '\0')
		return (e->name_en);
	return (e->name);
}

/* The place's name in the page's language (see daemon.h). */
const char *
page_place_name(const struct decide_answer *ans, enum page_lang lang)
{
	if (ans->entry != NULL)
		return (entry_name(ans->entry, lang));
	return (ans->req.place.name[0] != '\0' ? ans->req.place.name : "?");
}

/* --- the ruling ---------------------------------------------------------- */

/* The ruling in a sentence: "Trein verplicht: Keulen staat op de lijst...". */
static void
ruling_sentence(struct html *h, const struct dst_snapshot *snap,
    const struct decide_answer *ans, const char *place)
{
	const struct dec_policy	*pol = dst_snapshot_policy(snap);
	const struct dec_ruling	*ru = &ans->res.ruling;
	const char		*mode = dec_mode_name(ru->mode);
	char			 near[32];

	if (ru->strength == DEC_MANDATORY)
		html_tpl(h, "{mode} mandatory", "mode",
		    page_mode_title(h->lang, mode), (char *)NULL);
	else if (ru->strength == DEC_RECOMMENDED)
		html_tpl(h, "{mode} recommended", "mode",
		    page_mode_title(h->lang, mode), (char *)NULL);
	else
		html_t(h, "Free choice");
	html_raw(h, ": ");
	switch (ru->rule) {
	case DEC_RULE_LISTED:
		html_tpl(h, "{place} is on the frequent-destination list",
		    "place", place, (char *)NULL);
		break;
	case DEC_RULE_NO_RAIL:
		html_tpl(h, "{place} lies outside the rail-connected zone",
		    "place", place, (char *)NULL);
		break;
	case DEC_RULE_NEAR:
		i18n_num(h->lang, pol->near_km, 1, near, sizeof near);
		html_tpl(h, "{place} is within {near} km", "place", place,
		    "near", near, (char *)NULL);
		break;
	case DEC_RULE_WORKING_DAY:
		html_tpl(h, "the train reaches {place} within one working day",
		    "place", place, (char *)NULL);
		break;
	case DEC_RULE_NIGHT_OR_LONG_DAY:
		if (ans->res.rail_hours <= pol->long_day_hours)
			html_tpl(h, "the train reaches {place} within a long "
			    "travel day", "place", place, (char *)NULL);
		else
			html_tpl(h, "a night train serves {place}", "place",
			    place, (char *)NULL);
		break;
	case DEC_RULE_FAR:
		html_tpl(h, "the train takes more than a long travel day to "
		    "{place}", "place", place, (char *)NULL);
		break;
	}
}

/* The section with the ruling: the sentence, what it means, why, advice. */
static void
ruling_section(struct html *h, const struct request *r,
    const struct decide_answer *ans)
{
	const struct dec_ruling	*ru = &ans->res.ruling;
	enum words_lang		 wl = words_page(h->lang);
	const char		*place = page_place_name(ans, h->lang);
	char			 line[WORDS_MAX];
	int			 i;

	html_fmt(h, "<section class=\"ruling strength-%s\" "
	    "aria-labelledby=\"ruling-title\">\n<h2 id=\"ruling-title\">",
	    dec_strength_name(ru->strength));
	ruling_sentence(h, r->snap, ans, place);
	html_raw(h, "</h2>\n<p class=\"strength\">");
	if (ru->strength == DEC_MANDATORY)
		html_t(h,
		    "Mandatory: another mode needs an exception (a reason "
		    "and approval).");
	else if (ru->strength == DEC_RECOMMENDED)
		html_t(h, "Recommended: another mode needs a justification of "
		    "one line.");
	else
		html_t(h, "Free: any mode is allowed; the lowest-CO₂ mode is "
		    "suggested.");
	html_raw(h, "</p>\n<p class=\"scope\">");
	if (ans->res.scope == DEC_SCOPE_DOMESTIC)
		html_t(h, "Domestic trip: the scheme is advisory.");
	else if (ans->res.scope == DEC_SCOPE_DAY_TRIP_FOREIGN)
		html_t(h, "Same-day trip abroad: the scheme is advisory.");
	else
		html_t(h, "Multi-day business trip abroad: the choice scheme "
		    "applies.");
	html_raw(h, "</p>\n<h3>");
	html_t(h, "Why");
	html_raw(h, "</h3>\n<ul class=\"reasons\">\n");
	for (i = 0; i < ru->nreasons; i++) {
		words_reason(wl, &ru->reasons[i], place,
		    dst_snapshot_policy(r->snap)->origin_name, line,
		    sizeof line);
		html_fmt(h, "<li>%s</li>\n", line);
	}
	if (ans->nearest != NULL) {
		words_nearest(wl, place, entry_name(ans->nearest, h->lang),
		    ans->nearest_km, line, sizeof line);
		html_fmt(h, "<li>%s</li>\n", line);
	}
	if (ans->source == DECIDE_GAZETTEER && ans->hit.nsame > 0) {
		words_place_note(wl, ans->typed, ans->typed_country, &ans->hit,
		    line, sizeof line);
		html_fmt(h, "<li>%s</li>\n", line);
	}
	html_raw(h, "</ul>\n");
	if (ru->nadvice > 0) {
		html_raw(h, "<h3>");
		html_t(h, "Advice");
		html_raw(h, "</h3>\n<ul class=\"advice\">\n");
		for (i = 0; i < ru->nadvice; i++) {
			words_advice(wl, &ru->advice[i], line, sizeof line);
			html_fmt(h, "<li>%s</li>\n", line);
		}
		html_raw(h, "</ul>\n");
	}
	html_raw(h, "</section>\n");
}

/* --- the route over the rail network ------------------------------------- */

/* The words for a leg's kind. */
static const char *
leg_kind(enum page_lang lang, enum dec_leg_kind k)
{
	switch (k) {
	case DEC_LEG_NIGHT:
		return (i18n_tr(lang, "night train"));
	case DEC_LEG_FERRY:
		return (i18n_tr(lang, "ferry"));
	case DEC_LEG_CHANGE:
		return (i18n_tr(lang, "change of station"));
	case DEC_LEG_REGIONAL:
		return (i18n_tr(lang, "regional train"));
	case DEC_LEG_BUS:
		return (i18n_tr(lang, "bus"));
	default:
		return (i18n_tr(lang, "train"));
	}
}

/*
 * The train's journey as a line of stops: each stop, and between two the
 * leg (who runs it, minutes, km, kg CO2e of all travellers there and
 * back); what decided the hours when it is not the network; the bus when
 * the place has no station near; a night train that reaches it.
 */
static void
route_section(struct html *h, const struct decide_answer *ans)
{
	const struct dec_route		*rt = ans->res.route;
	const struct dec_route_leg	*l;
	char				 a[32], b[32], c[32], d[32];
	int				 i;

	if (rt == NULL || !ans->res.modes[DEC_MODE_TRAIN].feasible)
		return;
	html_raw(h, "<section class=\"route\" aria-labelledby=\"route-title\">"
	    "\n<h2 id=\"route-title\">");
	i18n_num(h->lang, rt->minutes / 60.0, 1, a, sizeof a);
	snprintf(b, sizeof b, "%d", rt->transfers);
	html_tpl(h, rt->transfers == 1 ? "By train: {hours} h, 1 change" :
	    "By train: {hours} h, {n} changes", "hours", a, "n", b,
	    (char *)NULL);
	html_raw(h, "</h2>\n<ol class=\"stops\">\n");
	for (i = 0; i < rt->nlegs; i++) {
		l = &rt->legs[i];
		if (i == 0)
			html_fmt(h, "<li class=\"stop\">%s</li>\n", l->from);
		snprintf(a, sizeof a, "%d", l->minutes);
		i18n_num(h->lang, l->km, 1, b, sizeof b);
		i18n_num(h->lang, l->co2e_kg, 2, c, sizeof c);
		html_fmt(h, "<li class=\"leg leg-%s\">%s",
		    l->kind == DEC_LEG_NIGHT ? "night" : l->kind ==
		    DEC_LEG_BUS ? "bus" : l->kind == DEC_LEG_CHANGE ? "change" :
		    "train", leg_kind(h->lang, l->kind));
		if (l->operator[0] != '\0')
			html_fmt(h, " · %s", l->operator);
		html_raw(h, " · ");
		html_tpl(h, "{min} min, {km} km, {kg} kg CO₂e", "min", a, "km",
		    b, "kg", c, (char *)NULL);
		if (l->estimated)
			html_fmt(h, " <small>(%s)</small>",
			    i18n_tr(h->lang, "estimated"));
		html_fmt(h, "</li>\n<li class=\"stop\">%s</li>\n", l->to);
	}
	html_raw(h, "</ol>\n");
	if (ans->req.place.rail_hours >= 0) {
		i18n_num(h->lang, ans->req.place.rail_hours, 1, a, sizeof a);
		i18n_num(h->lang, rt->minutes / 60.0, 1, b, sizeof b);
		html_raw(h, "<p class=\"route-note\">");
		html_tpl(h, "The list's rail time decides: {list} h (the network "
		    "says {net} h).", "list", a, "net", b, (char *)NULL);
		html_raw(h, "</p>\n");
	}
	if (rt->by_bus) {
		i18n_num(h->lang, rt->station_km, 1, a, sizeof a);
		html_raw(h, "<p class=\"route-note\">");
		html_tpl(h, "No station of the rail network near {place}: the "
		    "last {km} km (as the crow flies) are by bus.", "place",
		    page_place_name(ans, h->lang), "km", a, (char *)NULL);
		html_raw(h, "</p>\n");
	}
	if (rt->night) {
		html_raw(h, "<p class=\"route-note\">");
		html_t(h, "A night train reaches it on the days of this trip.");
		html_raw(h, "</p>\n");
	}
	snprintf(d, sizeof d, "%d", rt->transfer_minutes);
	html_raw(h, "<p class=\"route-note\"><small>");
	html_tpl(h, "Times as scheduled, {n} minutes for each change; CO₂e "
	    "leg by leg at the factor of the operator or of the country.",
	    "n", d, (char *)NULL);
	html_raw(h, "</small></p>\n</section>\n");
}

/* --- the modes: table and chart ------------------------------------------ */

/* What choosing a mode needs, in words. */
static const char *
mode_status(enum page_lang lang, const struct dec_mode_estimate *m,
    enum dec_mode ruled)
{
	if (m->mode == ruled)
		return (i18n_tr(lang, "allowed: the scheme's mode"));
	if (!m->feasible)
		return (i18n_tr(lang, "not possible"));
	switch (m->requires) {
	case DEC_REQUIRES_NOT_OFFERED:
		return (i18n_tr(lang, "not offered"));
	case DEC_REQUIRES_EXCEPTION:
		return (i18n_tr(lang, "needs an exception"));
	case DEC_REQUIRES_JUSTIFICATION:
		return (i18n_tr(lang, "needs a justification"));
	default:
		return (i18n_tr(lang, "allowed"));
	}
}

/* The table of modes: hours, km, kg CO2e, what choosing it needs. */
static void
modes_table(struct html *h, const struct request *r,
    const struct decide_answer *ans)
{
	const struct dec_mode_estimate	*m;
	enum dec_mode			 ruled = ans->res.ruling.mode;
	const char			*mode;
	char				 a[32], b[32], c[32], d[32];
	int				 i;

	html_raw(h, "<table class=\"modes\">\n<caption>");
	html_t(h, "Every mode side by side: time one way; distance per "
	    "traveller and CO₂e of all travellers, there and back.");
	html_raw(h, "</caption>\n<thead><tr><th scope=\"col\">");
	html_t(h, "Mode");
	html_raw(h, "</th><th scope=\"col\" class=\"num\">");
	html_t(h, "Hours");
	html_raw(h, "</th><th scope=\"col\" class=\"num\">");
	html_t(h, "km");
	html_raw(h, "</th><th scope=\"col\" class=\"num\">");
	html_t(h, "kg CO₂e");
	html_raw(h, "</th><th scope=\"col\">");
	html_t(h, "Status");
	html_raw(h, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < DEC_MODE_COUNT; i++) {
		m = &ans->res.modes[i];
		mode = dec_mode_name(m->mode);
		html_fmt(h, "<tr class=\"mode-%s%s\"><th scope=\"row\">%s</th>",
		    mode, m->mode == ruled ? " ruled" : "",
		    page_mode_title(h->lang, mode));
		if (!m->feasible) {
			html_fmt(h, "<td class=\"num\">–</td><td class=\"num\">"
			    "–</td><td class=\"num\">–</td><td>%s</td></tr>\n",
			    mode_status(h->lang, m, ruled));
			continue;
		}
		i18n_num(h->lang, m->hours, 1, a, sizeof a);
		i18n_num(h->lang, m->distance_km, 1, b, sizeof b);
		i18n_num(h->lang, m->co2e_kg, 2, c, sizeof c);
		html_fmt(h, "<td class=\"num\">%s", a);
		if (m->estimated)
			html_fmt(h, " <small>(%s)</small>",
			    i18n_tr(h->lang, "estimated"));
		html_fmt(h, "</td><td class=\"num\">%s", b);
		if (m->has_access && m->has_egress) {
			html_raw(h, "<br><small>");
			html_tpl(h, "including the train to {airport} and the "
			    "way from {to}", "airport",
			    dst_snapshot_policy(r->snap)->airport_code, "to",
			    ans->req.airport.code, (char *)NULL);
			html_raw(h, "</small>");
		} else if (m->has_access) {
			html_raw(h, "<br><small>");
			html_tpl(h, "including the train to {airport}",
			    "airport",
			    dst_snapshot_policy(r->snap)->airport_code,
			    (char *)NULL);
			html_raw(h, "</small>");
		} else if (m->has_egress) {
			html_raw(h, "<br><small>");
			html_tpl(h, "including the way from {to}", "to",
			    ans->req.airport.code, (char *)NULL);
			html_raw(h, "</small>");
		}
		if (m->mode == DEC_MODE_CAR) {
			snprintf(d, sizeof d, "%d", m->vehicles);
			html_raw(h, "<br><small>");
			html_tpl(h, "cars: {n}", "n", d, (char *)NULL);
			html_raw(h, "</small>");
		}
		html_fmt(h, "</td><td class=\"num\">%s", c);
		if (m->mode == DEC_MODE_PLANE) {
			i18n_num(h->lang, m->co2_kg_without_rf, 2, d, sizeof d);
			html_raw(h, "<br><small>");
			html_tpl(h, "without radiative forcing: {kg}", "kg", d,
			    (char *)NULL);
			html_raw(h, "</small>");
		}
		html_fmt(h, "</td><td>%s</td></tr>\n",
		    mode_status(h->lang, m, ruled));
	}
	html_raw(h, "</tbody>\n</table>\n");
}

/* The parts of a journey a line counts, and units (as dec_line_part). */
static const char *const part_names[] = { "the journey", "to the airport",
    "from the airport", "the stay" };

/*
 * Every mode's lines: what each counts, quantity x factor = kg CO2e, the
 * factor's source on hover, and the total; so that the page can be
 * checked by hand as the answer can.
 */
static void
lines_section(struct html *h, const struct decide_answer *ans)
{
	const struct dec_mode_estimate	*m;
	const struct dec_line		*l;
	char				 q[32], f[32], kg[32];
	int				 i, k;

	html_raw(h, "<details class=\"lines\"><summary>");
	html_t(h, "How the CO₂ adds up, line by line");
	html_raw(h, "</summary>\n");
	for (i = 0; i < DEC_MODE_COUNT; i++) {
		m = &ans->res.modes[i];
		if (!m->feasible || m->nlines == 0)
			continue;
		html_fmt(h, "<table class=\"lines mode-%s\">\n<caption>%s"
		    "</caption>\n<thead><tr><th scope=\"col\">",
		    dec_mode_name(m->mode), page_mode_title(h->lang,
		    dec_mode_name(m->mode)));
		html_t(h, "Line");
		html_raw(h, "</th><th scope=\"col\" class=\"num\">");
		html_t(h, "Quantity");
		html_raw(h, "</th><th scope=\"col\" class=\"num\">");
		html_t(h, "Factor");
		html_raw(h, "</th><th scope=\"col\" class=\"num\">kg CO₂e"
		    "</th></tr></thead>\n<tbody>\n");
		for (k = 0; k < m->nlines; k++) {
			l = &m->lines[k];
			i18n_num(h->lang, l->quantity, 1, q, sizeof q);
			i18n_num(h->lang, l->factor, 6, f, sizeof f);
			i18n_num(h->lang, l->co2e_kg, 2, kg, sizeof kg);
			html_fmt(h, "<tr class=\"line-%s\"><td>",
			    seg_classes[l->kind]);
			html_t(h, seg_names[l->kind]);
			html_raw(h, " · ");
			html_t(h, part_names[l->part]);
			html_raw(h, " · ");
			html_escape(h, l->key);
			html_fmt(h, "</td><td class=\"num\">%s %s</td>"
			    "<td class=\"num\"><abbr title=\"", q,
			    i18n_tr(h->lang, l->unit));
			html_escape(h, l->f != NULL ? l->f->source : "");
			html_fmt(h, "\">%s</abbr></td><td class=\"num\">%s"
			    "</td></tr>\n", f, kg);
		}
		i18n_num(h->lang, m->co2e_kg, 2, kg, sizeof kg);
		html_raw(h, "<tr class=\"total\"><td colspan=\"3\">");
		html_t(h, "Total");
		html_fmt(h, "</td><td class=\"num\">%s</td></tr>\n"
		    "</tbody></table>\n", kg);
	}
	html_raw(h, "</details>\n");
}

/* A mode's bar, stacked by kind of line, each part with its figure. */
static void
bar_segments(struct html *h, const struct dec_mode_estimate *m, double max,
    int y)
{
	double	kind[4] = { 0, 0, 0, 0 }, x = CHART_LABEL, w;
	char	geo[3][32], kg[32];
	int	i, k;

	for (i = 0; i < m->nlines; i++)
		kind[m->lines[i].kind] += m->lines[i].co2e_kg;
	for (k = 0; k < 4; k++) {
		if (!(kind[k] > 0) || !(max > 0))
			continue;
		w = kind[k] / max * CHART_BARS;
		snprintf(geo[0], sizeof geo[0], "%.1f", x);
		snprintf(geo[1], sizeof geo[1], "%.1f", w);
		snprintf(geo[2], sizeof geo[2], "%d", y);
		i18n_num(h->lang, round(kind[k] * 100) / 100, 2, kg,
		    sizeof kg);
		html_fmt(h, "<rect class=\"seg seg-%s seg-%s\" x=\"%s\" "
		    "y=\"%s\" width=\"%s\" height=\"24\"><title>",
		    dec_mode_name(m->mode), seg_classes[k], geo[0], geo[2],
		    geo[1]);
		html_tpl(h, "{what}: {kg} kg CO₂e", "what", i18n_tr(h->lang,
		    seg_names[k]), "kg", kg, (char *)NULL);
		html_raw(h, "</title></rect>");
		x += w;
	}
}

/* The legend under the bars: what each shade of a bar counts. */
static void
chart_legend(struct html *h, int y)
{
	int	k, x = CHART_LABEL;

	html_raw(h, "<g class=\"legend\">");
	for (k = 0; k < 4; k++) {
		html_fmt(h, "<rect class=\"seg seg-legend seg-%s\" x=\"%d\" "
		    "y=\"%d\" width=\"14\" height=\"14\"></rect><text "
		    "class=\"legend-text\" x=\"%d\" y=\"%d\">",
		    seg_classes[k], x, y + 2, x + 18, y + 14);
		html_t(h, seg_names[k]);
		html_raw(h, "</text>");
		x += 125;
	}
	html_raw(h, "</g>\n");
}

/*
 * The CO2e chart, drawn here as inline SVG: one bar per feasible mode,
 * widths scaled to the largest, each value printed at its bar.
 */
static void
modes_chart(struct html *h, const struct request *r,
    const struct decide_answer *ans)
{
	const struct dec_mode_estimate	*m;
	enum dec_mode			 ruled = ans->res.ruling.mode;
	const char			*mode;
	double				 max = 0, w;
	char				 kg[32], geo[4][32];
	int				 i, n = 0, y, first = 1;

	for (i = 0; i < DEC_MODE_COUNT; i++) {
		m = &ans->res.modes[i];
		if (m->feasible) {
			n++;
			if (m->co2e_kg > max)
				max = m->co2e_kg;
		}
	}
	if (n == 0)
		return;
	html_fmt(h, "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/"
	    "2000/svg\" role=\"img\" aria-labelledby=\"chart-title "
	    "chart-desc\" viewBox=\"0 0 %d %d\" class=\"co2-chart\">\n"
	    "<title id=\"chart-title\">%s</title>\n<desc id=\"chart-desc\">",
	    CHART_WIDTH, n * CHART_ROW + 8 + CHART_LEGEND,
	    i18n_tr(h->lang, "CO₂e per mode, whole trip (kg)"));
	for (i = 0; i < DEC_MODE_COUNT; i++) {
		m = &ans->res.modes[i];
		if (!m->feasible)
			continue;
		i18n_num(h->lang, m->co2e_kg, 2, kg, sizeof kg);
		if (!first)
			html_raw(h, "; ");
		html_tpl(h, "{mode}: {kg} kg CO₂e", "mode",
		    page_mode_title(h->lang, dec_mode_name(m->mode)), "kg", kg,
		    (char *)NULL);
		first = 0;
	}
	html_raw(h, "</desc>\n");
	y = 8;
	for (i = 0; i < DEC_MODE_COUNT; i++) {
		m = &ans->res.modes[i];
		if (!m->feasible)
			continue;
		mode = dec_mode_name(m->mode);
		w = max > 0 ? m->co2e_kg / max * CHART_BARS : 0;
		if (w < 1)
			w = 1;		/* a bar of nothing is still a bar */
		i18n_num(h->lang, m->co2e_kg, 2, kg, sizeof kg);
		/* Geometry in the C locale's numbers, whatever the page. */
		snprintf(geo[0], sizeof geo[0], "%.1f", w);
		snprintf(geo[1], sizeof geo[1], "%.1f", CHART_LABEL + w + 6);
		snprintf(geo[2], sizeof geo[2], "%d", y + 17);
		snprintf(geo[3], sizeof geo[3], "%d", y);
		html_fmt(h, "<g class=\"bar mode-%s%s\">"
		    "<text class=\"label\" x=\"%d\" y=\"%s\" "
		    "text-anchor=\"end\">%s</text>"
		    "<rect class=\"bar-%s\" x=\"%d\" y=\"%s\" width=\"%s\" "
		    "height=\"24\" rx=\"2\"></rect>",
		    mode, m->mode == ruled ? " ruled" : "", CHART_LABEL - 8,
		    geo[2], page_mode_title(h->lang, mode), mode, CHART_LABEL,
		    geo[3], geo[0]);
		bar_segments(h, m, max, y);
		html_fmt(h, "<text class=\"value\" x=\"%s\" y=\"%s\">%s "
		    "kg</text></g>\n", geo[1], geo[2], kg);
		y += CHART_ROW;
	}
	chart_legend(h, y);
	html_raw(h, "</svg>\n<figcaption>");
	html_tpl(h, "Figures: {factors} emission factors; each bar the sum of "
	    "its lines (quantity × factor, all travellers, there and back).",
	    "factors", dst_snapshot_factors(r->snap)->name, (char *)NULL);
	html_raw(h, "</figcaption>\n</figure>\n");
}

/* --- the trip-request form ----------------------------------------------- */

/* One hidden input carrying a trip field to POST /trips. */
static void
hidden(struct html *h, const char *name, const char *value)
{
	html_fmt(h, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name,
	    value != NULL ? value : "");
}

/* A text input with its label, hint and errors. */
static void
text_input(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f, const char *field,
    const char *type, const char *autocomplete, int maxlength,
    const char *label_en, const char *hint_en)
{
	html_raw(h, "<div class=\"field\">\n");
	page_label(h, r, pe, f, field, label_en, hint_en);
	html_fmt(h, "<input id=\"%s\" name=\"%s\" type=\"%s\" "
	    "autocomplete=\"%s\" maxlength=\"%d\" value=\"%s\"", field, field,
	    type, autocomplete, maxlength, fval(f, field));
	page_described(h, pe, field, hint_en != NULL);
	html_raw(h, ">\n</div>\n");
}

/* The exception: a reason and an explanation (a mandatory ruling). */
static void
exception_fields(struct html *h, const struct request *r,
    const struct page_errors *pe, const struct form *f, const char *mode)
{
	static const char *const reasons[][2] = { { "medical", "Medical" },
	    { "care_duties", "Care duties" }, { "urgent", "Urgent" },
	    { "equipment", "Equipment to carry" },
	    { "other", "Other (explain below)" } };
	const char	*reason = fval(f, "exception_reason");
	size_t		 i;

	html_raw(h, "<fieldset class=\"exception\" "
	    "aria-describedby=\"exception-hint\">\n<legend>");
	html_t(h, "Exception");
	html_raw(h, "</legend>\n<p class=\"hint\" id=\"exception-hint\">");
	html_tpl(h, "Only if you choose another mode than the {mode}: give the "
	    "reason. The request then counts as not compliant, and HR weighs "
	    "the exception.", "mode", mode, (char *)NULL);
	html_raw(h, "</p>\n<div class=\"field\">\n");
	page_label(h, r, pe, f, "exception_reason", "Reason", NULL);
	html_raw(h,
	    "<select id=\"exception_reason\" name=\"exception_reason\"");
	page_described(h, pe, "exception_reason", 0);
	html_fmt(h, ">\n<option value=\"\">— %s —</option>\n",
	    i18n_tr(h->lang, "none"));
	for (i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		html_fmt(h, "<option value=\"%s\"%s>%s</option>\n",
		    reasons[i][0], strcmp(reason, reasons[i][0]) == 0 ?
		    " selected" : "", i18n_tr(h->lang, reasons[i][1]));
	html_raw(h, "</select>\n</div>\n<div class=\"field\">\n");
	page_label(h, r, pe, f, "exception_text", "Explanation",
	    "Required for “Other”");
	html_raw(h, "<textarea id=\"exception_text\" name=\"exception_text\" "
	    "rows=\"3\" maxlength=\"1000\"");
	page_described(h, pe, "exception_text", 1);
	html_fmt(h, ">%s</textarea>\n</div>\n</fieldset>\n",
	    fval(f, "exception_text"));
}

/* The trip-request form under the answer (POST /trips). */
static void
trip_form(struct html *h, const struct request *r,
    const struct decide_answer *ans, const struct form *f,
    const struct page_errors *pe, const char *csrf)
{
	const struct dec_ruling		*ru = &ans->res.ruling;
	const struct dec_mode_estimate	*m;
	const char			*chosen = form_get(f, "chosen_mode");
	const char			*ruled = dec_mode_name(ru->mode), *mode;
	char				 hint[WORDS_MAX];
	int				 i;

	if (chosen == NULL || *chosen == '\0')
		chosen = ruled;
	html_raw(h, "<section class=\"request\" "
	    "aria-labelledby=\"request-title\">\n<h2 id=\"request-title\">");
	html_t(h, "Request this business trip");
	html_raw(h, "</h2>\n<p>");
	html_t(h, "Your request goes to HR for approval, with this ruling. An "
	    "exception never changes the ruling: HR weighs it when approving.");
	html_raw(h, "</p>\n");
	page_error_summary(h, r, pe, f);
	html_raw(h, "<form method=\"post\" action=\"/trips\" novalidate>\n");
	hidden(h, "csrf", csrf);
	hidden(h, "lang", i18n_code(h->lang));
	hidden(h, "destination", fval(f, "destination"));
	hidden(h, "departure_date", fval(f, "departure_date"));
	hidden(h, "return_date", fval(f, "return_date"));
	hidden(h, "travellers", fval(f, "travellers"));
	hidden(h, "online_possible", checked(form_get(f, "online_possible")) ?
	    "true" : "false");
	if (page_file_needs_key()) {
		/* Asked again: a key is never written into a page. */
		html_raw(h, "<div class=\"field\">\n");
		page_label(h, r, pe, f, "key", "API key",
		    "This server needs your staff API key.");
		html_raw(h, "<input id=\"key\" name=\"key\" "
		    "type=\"password\" autocomplete=\"off\" required "
		    "value=\"\"");
		page_described(h, pe, "key", 1);
		html_raw(h, ">\n</div>\n");
	}
	text_input(h, r, pe, f, "traveller_name", "text", "name", 200,
	    "Your name", NULL);
	text_input(h, r, pe, f, "traveller_email", "email", "email", 254,
	    "E-mail address", NULL);
	text_input(h, r, pe, f, "traveller_department", "text", "off", 100,
	    "Department", "For example Milieudienst");

	html_raw(h, "<fieldset class=\"modes-choice\" id=\"chosen_mode\"");
	page_described(h, pe, "chosen_mode", 0);
	html_raw(h, ">\n<legend>");
	html_t(h, "Mode you choose");
	html_raw(h, "</legend>\n");
	page_form_errors(h, r, pe, f, "chosen_mode");
	for (i = 0; i < DEC_MODE_COUNT; i++) {
		m = &ans->res.modes[i];
		if (!m->feasible || m->requires == DEC_REQUIRES_NOT_OFFERED)
			continue;
		mode = dec_mode_name(m->mode);
		html_fmt(h, "<div class=\"radio\"><input type=\"radio\" "
		    "name=\"chosen_mode\" id=\"chosen_mode-%s\" value=\"%s\"%s>"
		    "<label for=\"chosen_mode-%s\">%s <small>(%s)</small>"
		    "</label></div>\n", mode, mode, strcmp(chosen, mode) == 0 ?
		    " checked" : "", mode, page_mode_title(h->lang, mode),
		    m->mode == ru->mode ?
		    i18n_tr(h->lang, "the scheme's mode") :
		    mode_status(h->lang, m, ru->mode));
	}
	html_raw(h, "</fieldset>\n");

	if (ru->strength == DEC_MANDATORY)
		exception_fields(h, r, pe, f, words_mode(words_page(h->lang),
		    ru->mode));
	else if (ru->strength == DEC_RECOMMENDED) {
		words_fill(hint, sizeof hint, i18n_tr(h->lang, "One line, only "
		    "if you choose another mode than the {mode}."), "mode",
		    words_mode(words_page(h->lang), ru->mode), (char *)NULL);
		html_raw(h, "<div class=\"field\">\n");
		html_fmt(h, "<label for=\"justification\">%s</label>\n"
		    "<p class=\"hint\" id=\"justification-hint\">%s</p>\n",
		    i18n_tr(h->lang, "Justification"), hint);
		page_form_errors(h, r, pe, f, "justification");
		html_fmt(h,
		    "<input id=\"justification\" name=\"justification\" "
		    "type=\"text\" maxlength=\"500\" autocomplete=\"off\" "
		    "value=\"%s\"", fval(f, "justification"));
		page_described(h, pe, "justification", 1);
		html_raw(h, ">\n</div>\n");
	} else {
		html_raw(h, "<p class=\"hint\">");
		html_t(h, "Any mode is allowed: nothing to justify.");
		html_raw(h, "</p>\n");
	}
	html_raw(h, "<p><button type=\"submit\">");
	html_t(h, "File the request");
	html_raw(h, "</button></p>\n</form>\n</section>\n");
}

/* --- the page ------------------------------------------------------------ */

/* The answer page (see daemon.h). */
void
page_answer_show(struct request *r, enum page_lang lang, const struct form *f,
    const struct decide_answer *ans, const struct page_errors *pe,
    const char *csrf, int code)
{
	const struct dec_place	*pl = &ans->req.place;
	struct html		 h;
	char			 title[WORDS_MAX], from[64], to[64], n[16];
	int			 nights, trav;

	html_init(&h, lang);
	words_fill(title, sizeof title, i18n_tr(lang, "Your business trip to "
	    "{place}"), "place", page_place_name(ans, lang), (char *)NULL);
	html_begin(&h, title, "/decide", f);
	html_fmt(&h, "<h1>%s</h1>\n<p class=\"trip-summary\">", title);
	i18n_date(lang, ans->req.departure, from, sizeof from);
	i18n_date(lang, ans->req.return_day, to, sizeof to);
	html_tpl(&h, "{from} to {to}", "from", from, "to", to, (char *)NULL);
	nights = ans->res.nights;
	trav = ans->res.travellers;
	html_raw(&h, " · ");
	snprintf(n, sizeof n, "%d", nights);
	if (nights == 0)
		html_t(&h, "same day");
	else if (nights == 1)
		html_t(&h, "1 night");
	else
		html_tpl(&h, "{n} nights", "n", n, (char *)NULL);
	html_raw(&h, " · ");
	snprintf(n, sizeof n, "%d", trav);
	if (trav == 1)
		html_t(&h, "1 traveller");
	else
		html_tpl(&h, "{n} travellers", "n", n, (char *)NULL);
	html_raw(&h, "<br>");
	if (ans->source == DECIDE_AIRPORT)
		html_tpl(&h, "Understood as {name} ({country}), served by "
		    "{airport} ({code}).", "name", pl->name, "country",
		    pl->country, "airport", ans->airport->name, "code",
		    ans->airport->iata, (char *)NULL);
	else
		html_tpl(&h, "Understood as {name} ({country}).", "name",
		    pl->name, "country", pl->country, (char *)NULL);
	html_raw(&h, " <a href=\"");
	html_trip_href(&h, "/", f, NULL, lang);
	html_raw(&h, "\">");
	html_t(&h, "Change the trip");
	html_raw(&h, "</a></p>\n");
	ruling_section(&h, r, ans);
	html_raw(&h, "<section class=\"compare\" aria-label=\"CO₂\">\n");
	modes_chart(&h, r, ans);
	modes_table(&h, r, ans);
	lines_section(&h, ans);
	html_raw(&h, "</section>\n");
	route_section(&h, ans);
	trip_form(&h, r, ans, f, pe, csrf);
	html_end(&h, r->snap);
	html_send(r, &h, code);
}

/* Rule on the trip fields of a form (see daemon.h). */
int
page_rule(struct request *r, const struct form *f, struct decide_answer *ans,
    struct page_errors *pe)
{
	struct dec_errors	 errs = DEC_ERRORS_INIT;
	struct decide_input	 in;
	const char		*dest = form_get(f, "destination");

	memset(ans, 0, sizeof *ans);
	if (decide_from_form(f, &in, &errs) != 0) {
		/* The page says everything at once: the unknown place too. */
		if (!dec_errors_has(&errs, 0, "destination") && dest != NULL)
			(void)decide_known(r->snap, dest, &errs, ans);
	} else
		(void)decide_run(r->snap, &in, "", ans, &errs);
	if (errs.n == 0)
		return (0);
	page_errors_take(pe, &errs, &ans->sugg);
	return (-1);
}

/* GET /decide: the answer, or the form with the errors next to fields. */
void
page_decide(struct request *r)
{
	struct decide_answer	 ans;
	struct page_errors	 pe;
	struct form		 f;
	enum page_lang		 lang;
	char			 tok[CSRF_LEN + 1];

	if (page_fields(r, &f) != 0)
		return;
	lang = page_lang(r, &f);
	memset(&pe, 0, sizeof pe);
	if (page_key(r, &f, &pe, page_needs_key(r)) != 0)
		page_form_show(r, lang, &f, &pe, 401);
	else if (page_rule(r, &f, &ans, &pe) != 0)
		page_form_show(r, lang, &f, &pe, 422);
	else if (csrf_token(r, 0, tok) != 0)
		page_problem(r, lang, 500, "no random bytes for the form "
		    "token");
	else
		page_answer_show(r, lang, &f, &ans, &pe, tok, 200);
	page_errors_clear(&pe);
	form_free(&f);
}
