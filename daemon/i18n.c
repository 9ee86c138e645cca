/*
 * The web pages' two languages: every text the pages show, in English (the
 * key) and Dutch, in the words of the city's policy note (verplicht,
 * aangewezen, keuzeschema, dienstreis).  Texts may hold {name} placeholders
 * that words.c fills in; both languages use the same names.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/daemon.h"

struct i18n_text {
	const char	*en;
	const char	*nl;
};

static const struct i18n_text texts[] = {
	/* The page frame. */
	{ "Travel choice scheme for business trips",
	  "Keuzeschema voor dienstreizen" },
	{ "Language", "Taal" },
	{ "Skip to the content", "Naar de inhoud" },
	{ "tripmode: the city's travel choice scheme for business trips "
	  "abroad (policy version {policy}, emission factors {factors})",
	  "tripmode: het keuzeschema voor buitenlandse dienstreizen van de "
	  "stad (beleidsversie {policy}, emissiefactoren {factors})" },

	/* The form. */
	{ "How do I travel?", "Hoe reis ik?" },
	{ "For multi-day business trips abroad the city uses the most "
	  "sustainable means of transport possible, by a clear choice scheme. "
	  "Enter your trip: you see the mandatory or recommended mode, why, "
	  "and the CO₂ of every mode side by side.",
	  "Bij meerdaagse buitenlandse dienstreizen gebruikt de stad zo "
	  "duurzaam mogelijke vervoerswijzen, op basis van een helder "
	  "keuzeschema. Vul uw reis in: u ziet het verplichte of aangewezen "
	  "vervoermiddel, waarom, en de CO₂-uitstoot van elke vervoerswijze "
	  "naast elkaar." },
	{ "Your trip", "Uw reis" },
	{ "Destination", "Bestemming" },
	{ "A city as you know it: Cologne, Köln or Keulen",
	  "Een stad zoals u ze kent: Keulen, Köln of Cologne" },
	{ "Dates", "Reisdata" },
	{ "Departure date", "Vertrekdatum" },
	{ "Return date", "Terugkeerdatum" },
	{ "Travellers", "Aantal reizigers" },
	{ "Yourself included", "Uzelf meegerekend" },
	{ "An online meeting is possible", "Online vergaderen is mogelijk" },
	{ "The scheme asks you to consider a digital meeting first.",
	  "Het keuzeschema vraagt eerst een digitale vergadering te "
	  "overwegen." },
	{ "API key", "API-sleutel" },
	{ "This server needs your staff API key.",
	  "Deze server vraagt uw API-sleutel voor personeel." },
	{ "See how to travel", "Bekijk hoe u reist" },

	/* Errors. */
	{ "There is a problem", "Er is een probleem" },
	{ "Enter a destination", "Vul een bestemming in" },
	{ "The destination is too long (at most 200 bytes)",
	  "De bestemming is te lang (hoogstens 200 bytes)" },
	{ "Unknown place “{text}”.", "Onbekende plaats „{text}”." },
	{ "Did you mean:", "Bedoelt u:" },
	{ "No similar place is on the list.",
	  "Er staat geen gelijkaardige plaats op de lijst." },
	{ "Enter a date", "Vul een datum in" },
	{ "Not a valid date: use YYYY-MM-DD",
	  "Geen geldige datum: gebruik JJJJ-MM-DD" },
	{ "The return date is before the departure date",
	  "De terugkeerdatum ligt vóór de vertrekdatum" },
	{ "Enter a whole number from 1 to 1000",
	  "Geef een geheel getal van 1 tot 1000" },
	{ "Enter your name (at most 200 characters)",
	  "Vul uw naam in (hoogstens 200 tekens)" },
	{ "Enter a valid e-mail address, like an.peeters@stad.gent",
	  "Vul een geldig e-mailadres in, zoals an.peeters@stad.gent" },
	{ "Enter your department (at most 100 characters)",
	  "Vul uw dienst in (hoogstens 100 tekens)" },
	{ "Choose a mode that is offered for this trip",
	  "Kies een vervoermiddel dat voor deze reis aangeboden wordt" },
	{ "Choose the reason for the exception",
	  "Kies de reden voor de uitzondering" },
	{ "Explain the exception (required for “Other”)",
	  "Licht de uitzondering toe (verplicht bij „Andere”)" },
	{ "Give a justification of one line (at most 500 characters)",
	  "Geef een verantwoording van één regel (hoogstens 500 tekens)" },
	{ "Enter your API key", "Vul uw API-sleutel in" },
	{ "Unknown or revoked API key",
	  "Onbekende of ingetrokken API-sleutel" },
	{ "This key may not file trip requests",
	  "Met deze sleutel kunt u geen aanvragen indienen" },
	{ "The form could not be read: the address or the form data is "
	  "malformed.",
	  "Het formulier kon niet gelezen worden: het adres of de "
	  "formuliergegevens zijn ongeldig." },
	{ "Send the form as application/x-www-form-urlencoded.",
	  "Verstuur het formulier als application/x-www-form-urlencoded." },
	{ "The form is too large.", "Het formulier is te groot." },
	{ "An API key is never taken from a web address: enter it in the "
	  "form", "Een API-sleutel wordt nooit uit een webadres gehaald: vul "
	  "hem in het formulier in" },
	{ "This form was sent already", "Dit formulier is al verstuurd" },
	{ "This trip request form has been sent before, and the trip was "
	  "filed then. To file another trip, open the form again.",
	  "Dit aanvraagformulier is al eens verstuurd en de reis is toen "
	  "ingediend. Open het formulier opnieuw om een andere reis in te "
	  "dienen." },
	{ "This form has expired or did not come from this site. Open the "
	  "form again and send it once more; your browser must accept cookies "
	  "from this site.",
	  "Dit formulier is verlopen of komt niet van deze site. Open het "
	  "formulier opnieuw en verstuur het nog eens; uw browser moet cookies "
	  "van deze site aanvaarden." },
	{ "The request could not be filed", "De aanvraag kon niet ingediend "
	  "worden" },
	{ "The server could not handle this ({status}): {detail}",
	  "De server kon dit niet afhandelen ({status}): {detail}" },
	{ "Back to the form", "Terug naar het formulier" },

	/* The answer. */
	{ "Your business trip to {place}", "Uw dienstreis naar {place}" },
	{ "{from} to {to}", "{from} tot {to}" },
	{ "1 night", "1 nacht" },
	{ "{n} nights", "{n} nachten" },
	{ "same day", "zelfde dag" },
	{ "1 traveller", "1 reiziger" },
	{ "{n} travellers", "{n} reizigers" },
	{ "Understood as {name} ({country}).",
	  "Begrepen als {name} ({country})." },
	{ "Change the trip", "Reis wijzigen" },
	{ "The ruling", "Het keuzeschema" },
	{ "{mode} mandatory", "{mode} verplicht" },
	{ "{mode} recommended", "{mode} aangewezen" },
	{ "Free choice", "Vrije keuze" },
	{ "{place} is on the frequent-destination list",
	  "{place} staat op de lijst van frequente bestemmingen" },
	{ "{text}: {n} places of that name in {country}; took {name} "
	  "({pop} inhabitants), the largest; also {others}",
	  "{text}: {n} plaatsen met die naam in {country}; gekozen: {name} "
	  "({pop} inwoners), de grootste; ook {others}" },
	{ "{text}: {n} places of that name; took {name} ({country}, {pop} "
	  "inhabitants); add \"country\" to choose; also {others}",
	  "{text}: {n} plaatsen met die naam; gekozen: {name} ({country}, "
	  "{pop} inwoners); kies een land om een andere te nemen; ook "
	  "{others}" },
	{ "{place} lies outside the rail-connected zone",
	  "{place} ligt buiten de zone die met de trein bereikbaar is" },
	{ "{place} is within {near} km",
	  "{place} ligt binnen {near} km" },
	{ "the train reaches {place} within one working day",
	  "de trein bereikt {place} binnen één werkdag" },
	{ "the train reaches {place} within a long travel day",
	  "de trein bereikt {place} binnen een lange reisdag" },
	{ "a night train serves {place}",
	  "er rijdt een nachttrein naar {place}" },
	{ "the train takes more than a long travel day to {place}",
	  "de trein doet er langer dan een lange reisdag over naar {place}" },
	{ "Mandatory: another mode needs an exception (a reason and "
	  "approval).",
	  "Verplicht: een ander vervoermiddel kan alleen met een uitzondering "
	  "(een reden en goedkeuring)." },
	{ "Recommended: another mode needs a justification of one line.",
	  "Aangewezen: voor een ander vervoermiddel geeft u een verantwoording "
	  "van één regel." },
	{ "Free: any mode is allowed; the lowest-CO₂ mode is suggested.",
	  "Vrij: elk vervoermiddel is toegestaan; het vervoermiddel met de "
	  "laagste CO₂-uitstoot wordt aangeraden." },
	{ "Multi-day business trip abroad: the choice scheme applies.",
	  "Meerdaagse buitenlandse dienstreis: het keuzeschema is van "
	  "toepassing." },
	{ "Same-day trip abroad: the scheme is advisory.",
	  "Eendaagse buitenlandse dienstreis: het keuzeschema is een advies." },
	{ "Domestic trip: the scheme is advisory.",
	  "Binnenlandse dienstreis: het keuzeschema is een advies." },
	{ "Why", "Waarom" },
	{ "Advice", "Advies" },

	/* Reasons, as words.c says them on a page, with the figures. */
	{ "{place} is on the frequent-destination list: {mode}, {strength}",
	  "{place} staat op de lijst van frequente bestemmingen: {mode}, "
	  "{strength}" },
	{ "{place} is {km} km from {origin} (within {near} km)",
	  "{place} ligt {km} km van {origin} (binnen {near} km)" },
	{ "{place} is {km} km from {origin} (more than {near} km)",
	  "{place} ligt {km} km van {origin} (meer dan {near} km)" },
	{ "The train takes about {h} h{est}, within one working day "
	  "({wd} h)",
	  "De trein doet er ongeveer {h} u over{est}, binnen één werkdag "
	  "({wd} u)" },
	{ "The train takes about {h} h{est}, more than one working day "
	  "({wd} h) but within a long travel day ({ld} h)",
	  "De trein doet er ongeveer {h} u over{est}, meer dan één werkdag "
	  "({wd} u) maar binnen een lange reisdag ({ld} u)" },
	{ "A night train serves {place}", "Er rijdt een nachttrein naar "
	  "{place}" },
	{ "The train takes about {h} h{est}, more than a long travel day "
	  "({ld} h), but a night train serves {place}",
	  "De trein doet er ongeveer {h} u over{est}, meer dan een lange "
	  "reisdag ({ld} u), maar er rijdt een nachttrein naar {place}" },
	{ "The train takes about {h} h{est}, more than a long travel day "
	  "({ld} h), and no night train serves {place}",
	  "De trein doet er ongeveer {h} u over{est}, meer dan een lange "
	  "reisdag ({ld} u), en er rijdt geen nachttrein naar {place}" },
	{ " (estimated)", " (geschat)" },
	{ "{place} is {km} km from {listed}, which is on the list",
	  "{place} ligt {km} km van {listed}, dat op de lijst staat" },
	{ "Same-day trip abroad: the scheme is advisory, so the ruling is at "
	  "most recommended",
	  "Eendaagse buitenlandse reis: het keuzeschema is een advies, dus "
	  "hoogstens aangewezen" },
	{ "Domestic trip: the scheme is advisory, so the ruling is at most "
	  "recommended, and the plane is not offered",
	  "Binnenlandse reis: het keuzeschema is een advies, dus hoogstens "
	  "aangewezen, en het vliegtuig wordt niet aangeboden" },

	/* Advice. */
	{ "Online first: consider a digital meeting before travelling",
	  "Eerst online: overweeg een digitale vergadering voor u op reis "
	  "gaat" },
	{ "Train shown as an alternative: about {h} h{est} one way",
	  "De trein als alternatief: ongeveer {h} u enkele reis{est}" },
	{ "Lowest-CO₂ feasible mode: {mode} ({kg} kg CO₂e)",
	  "Vervoerswijze met de laagste CO₂-uitstoot: {mode} ({kg} kg "
	  "CO₂e)" },
	{ "Train: 2nd class (journey up to {h} h)",
	  "Trein: 2de klas (reis tot {h} u)" },
	{ "Train: 1st class allowed (journey over {h} h)",
	  "Trein: 1ste klas toegestaan (reis langer dan {h} u)" },
	{ "Flights: economy class", "Vliegtuig: economyklasse" },

	/* Modes and strengths. */
	{ "Train", "Trein" },
	{ "Plane", "Vliegtuig" },
	{ "Car", "Auto" },
	{ "Coach", "Bus" },
	{ "train", "trein" },
	{ "plane", "vliegtuig" },
	{ "car", "auto" },
	{ "coach", "bus" },
	{ "mandatory", "verplicht" },
	{ "recommended", "aangewezen" },
	{ "free", "vrij" },

	/* The table and the chart. */
	{ "Every mode side by side: time one way; distance per traveller and "
	  "CO₂e of all travellers, there and back.",
	  "Alle vervoerswijzen naast elkaar: reistijd enkele reis; afstand per "
	  "reiziger en CO₂e van alle reizigers, heen en terug." },
	{ "Mode", "Vervoerswijze" },
	{ "Hours", "Uren" },
	{ "km", "km" },
	{ "kg CO₂e", "kg CO₂e" },
	{ "Status", "Status" },
	{ "allowed: the scheme's mode", "toegestaan: vervoermiddel van het "
	  "keuzeschema" },
	{ "allowed", "toegestaan" },
	{ "needs a justification", "verantwoording nodig" },
	{ "needs an exception", "uitzondering nodig" },
	{ "not offered", "niet aangeboden" },
	{ "not possible", "niet mogelijk" },
	{ "estimated", "geschat" },
	{ "including the way from {to}", "inclusief de weg vanaf {to}" },
	{ "operation", "verbruik" },
	{ "How the CO₂ adds up, line by line",
	  "Hoe de CO₂ is opgeteld, regel per regel" },
	{ "Line", "Regel" },
	{ "Quantity", "Hoeveelheid" },
	{ "Factor", "Factor" },
	{ "Total", "Totaal" },
	{ "the journey", "de reis" },
	{ "to the airport", "naar de luchthaven" },
	{ "from the airport", "van de luchthaven" },
	{ "the stay", "het verblijf" },
	{ "pkm", "pkm" },
	{ "vkm", "vkm" },
	{ "room-night", "kamernacht" },
	{ "fuel production", "brandstofproductie" },
	{ "non-CO₂ effects", "niet-CO₂-effecten" },
	{ "hotel nights", "hotelnachten" },
	{ "{what}: {kg} kg CO₂e", "{what}: {kg} kg CO₂e" },
	{ "Figures: {factors} emission factors; each bar the sum of its lines "
	  "(quantity × factor, all travellers, there and back).",
	  "Cijfers: emissiefactoren {factors}; elke balk is de som van zijn "
	  "regels (hoeveelheid × factor, alle reizigers, heen en terug)." },
	{ "including the train to {airport} and the way from {to}",
	  "inclusief de trein naar {airport} en de weg vanaf {to}" },
	{ "Understood as {name} ({country}), served by {airport} ({code}).",
	  "Begrepen als {name} ({country}), bediend door {airport} "
	  "({code})." },
	{ "including the train to {airport}", "inclusief de trein naar "
	  "{airport}" },
	{ "without radiative forcing: {kg}", "zonder stralingsforcering: "
	  "{kg}" },
	{ "cars: {n}", "auto's: {n}" },

	/* The route over the rail network. */
	{ "By train: {hours} h, 1 change", "Met de trein: {hours} u, 1 "
	  "overstap" },
	{ "By train: {hours} h, {n} changes", "Met de trein: {hours} u, {n} "
	  "overstappen" },
	{ "train", "trein" },
	{ "night train", "nachttrein" },
	{ "ferry", "veerboot" },
	{ "change of station", "naar een ander station" },
	{ "regional train", "regionale trein" },
	{ "bus", "bus" },
	{ "{min} min, {km} km, {kg} kg CO₂e", "{min} min, {km} km, {kg} kg "
	  "CO₂e" },
	{ "The list's rail time decides: {list} h (the network says {net} h).",
	  "De treinreistijd van de lijst beslist: {list} u (het spoornet zegt "
	  "{net} u)." },
	{ "No station of the rail network near {place}: the last {km} km (as "
	  "the crow flies) are by bus.",
	  "Geen station van het spoornet in de buurt van {place}: de laatste "
	  "{km} km (in vogelvlucht) gaan met de bus." },
	{ "A night train reaches it on the days of this trip.",
	  "Op de dagen van deze reis rijdt er een nachttrein naartoe." },
	{ "Times as scheduled, {n} minutes for each change; CO₂e leg by leg "
	  "at the factor of the operator or of the country.",
	  "Reistijden volgens de dienstregeling, {n} minuten per overstap; "
	  "CO₂e per traject volgens de factor van de vervoerder of van het "
	  "land." },
	{ "CO₂e per mode, whole trip (kg)", "CO₂e per vervoerswijze, hele reis "
	  "(kg)" },
	{ "{mode}: {kg} kg CO₂e", "{mode}: {kg} kg CO₂e" },
	{ "Sources", "Bronnen" },

	/* The trip request. */
	{ "Request this business trip", "Deze dienstreis aanvragen" },
	{ "Your request goes to HR for approval, with this ruling. An "
	  "exception never changes the ruling: HR weighs it when approving.",
	  "Uw aanvraag gaat met dit keuzeschema naar HR voor goedkeuring. Een "
	  "uitzondering verandert het keuzeschema niet: HR weegt ze af bij de "
	  "goedkeuring." },
	{ "Your name", "Uw naam" },
	{ "E-mail address", "E-mailadres" },
	{ "Department", "Dienst" },
	{ "For example Milieudienst", "Bijvoorbeeld Milieudienst" },
	{ "Mode you choose", "Gekozen vervoermiddel" },
	{ "the scheme's mode", "vervoermiddel van het keuzeschema" },
	{ "Exception", "Uitzondering" },
	{ "Only if you choose another mode than the {mode}: give the reason. "
	  "The request then counts as not compliant, and HR weighs the "
	  "exception.",
	  "Alleen als u een ander vervoermiddel kiest dan de {mode}: geef de "
	  "reden. De aanvraag telt dan als niet conform, en HR weegt de "
	  "uitzondering af." },
	{ "Reason", "Reden" },
	{ "none", "geen" },
	{ "Medical", "Medisch" },
	{ "Care duties", "Zorgtaken" },
	{ "Urgent", "Dringend" },
	{ "Equipment to carry", "Materiaal om mee te nemen" },
	{ "Other (explain below)", "Andere (licht hieronder toe)" },
	{ "Explanation", "Toelichting" },
	{ "Required for “Other”", "Verplicht bij „Andere”" },
	{ "Justification", "Verantwoording" },
	{ "One line, only if you choose another mode than the {mode}.",
	  "Eén regel, alleen als u een ander vervoermiddel kiest dan de "
	  "{mode}." },
	{ "Any mode is allowed: nothing to justify.",
	  "Elk vervoermiddel is toegestaan: u hoeft niets te verantwoorden." },
	{ "File the request", "Aanvraag indienen" },

	/* The filed request. */
	{ "Request filed", "Aanvraag ingediend" },
	{ "Your request for a business trip to {place} was filed.",
	  "Uw aanvraag voor een dienstreis naar {place} is ingediend." },
	{ "Reference", "Referentie" },
	{ "pending approval", "wacht op goedkeuring" },
	{ "approved", "goedgekeurd" },
	{ "rejected", "afgewezen" },
	{ "Compliant with the scheme", "Conform het keuzeschema" },
	{ "yes", "ja" },
	{ "no: with an exception", "nee: met een uitzondering" },
	{ "Chosen mode", "Gekozen vervoermiddel" },
	{ "CO₂e of your choice", "CO₂e van uw keuze" },
	{ "Difference with the scheme's mode", "Verschil met het vervoermiddel "
	  "van het keuzeschema" },
	{ "Keep the reference: HR handles the request.",
	  "Bewaar de referentie: HR behandelt de aanvraag." },
	{ "Plan another trip", "Nog een reis plannen" },
};
#define NTEXTS	(sizeof texts / sizeof texts[0])

static const char *const months[2][12] = {
	{ "januari", "februari", "maart", "april", "mei", "juni", "juli",
	  "augustus", "september", "oktober", "november", "december" },
	{ "January", "February", "March", "April", "May", "June", "July",
	  "August", "September", "October", "November", "December" },
};
static const char *const weekdays[2][7] = {
	{ "zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
	  "zaterdag" },
	{ "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	  "Saturday" },
};

/* "nl" or "en". */
const char *
i18n_code(enum page_lang lang)
{
	return (lang == PAGE_EN ? "en" : "nl");
}

/* Parse "nl" / "en"; 0, or -1 for anything else. */
int
i18n_parse(const char *s, enum page_lang *lang)
{
	if (s == NULL)
		return (-1);
	if (strcasecmp(s, "nl") == 0)
		*lang = PAGE_NL;
	else if (strcasecmp(s, "en") == 0)
		*lang = PAGE_EN;
	else
		return (-1);
	return (0);
}

/*
 * The language of a page: ?lang= when it names one, else the first of nl
 * and en with the highest q in Accept-Language, else Dutch.
 */
enum page_lang
i18n_pick(const char *param, const char *accept)
{
	enum page_lang	 lang = PAGE_NL, l;
	double		 best = 0.0, q;
	const char	*s, *end, *semi;
	char		 tag[3];

	if (i18n_parse(param, &lang) == 0)
		return (lang);
	lang = PAGE_NL;
	for (s = accept; s != NULL && *s != '\0'; s = *end ? end + 1 : end) {
		while (*s == ' ' || *s == '\t')
			s++;
		end = s + strcspn(s, ",");
		if (end - s < 2 || !isalpha((unsigned char)s[0]) ||
		    !isalpha((unsigned char)s[1]) ||
		    (s + 2 < end && s[2] != '-' && s[2] != ';' && s[2] != ' '))
			continue;
		tag[0] = (char)tolower((unsigned char)s[0]);
		tag[1] = (char)tolower((unsigned char)s[1]);
		tag[2] = '\0';
		if (i18n_parse(tag, &l) != 0)
			continue;
		q = 1.0;
		semi = memchr(s, ';', (size_t)(end - s));
		if (semi != NULL) {
			semi++;
			while (*semi == ' ')
				semi++;
			if (semi[0] == 'q' && semi[1] == '=')
				q = strtod(semi + 2, NULL);
		}
		if (q > best) {
			best = q;
			lang = l;
		}
	}
	return (lang);
}

/*
 * The text in a language.  A text missing from the table is shown in
 * English and logged, so that the tests notice it.
 */
const char *
i18n_tr(enum page_lang lang, const char *en)
{
	size_t	i;

	if (lang == PAGE_EN)
		return (en);
	for (i = 0; i < NTEXTS; i++)
		if (strcmp(texts[i].en, en) == 0)
			return (texts[i].nl);
	log_warnx("i18n: no Dutch for \"%s\"", en);
	return (en);
}

/*
 * A number with at most maxdec decimals, trailing zeros dropped, and the
 * language's decimal mark (Dutch: a comma).
 */
void
i18n_num(enum page_lang lang, double v, int maxdec, char *buf, size_t len)
{
	char	*dot;

	if (!isfinite(v)) {
		snprintf(buf, len, "?");
		return;
	}
	dec_text_num(buf, len, v, maxdec);
	if (lang == PAGE_NL && (dot = strchr(buf, '.')) != NULL)
		*dot = ',';
}

/* A day written out: "maandag 8 maart 2027", "Monday 8 March 2027". */
void
i18n_date(enum page_lang lang, long day, char *buf, size_t len)
{
	int	y, m, d, wd;

	dec_date_civil(day, &y, &m, &d);
	wd = (int)(((day % 7) + 7 + 4) % 7);	/* 1970-01-01 was a Thursday */
	snprintf(buf, len, "%s %d %s %d", weekdays[lang][wd], d,
	    months[lang][m - 1], y);
}
