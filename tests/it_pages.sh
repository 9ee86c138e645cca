#!/bin/bash
# The staff pages over HTTP: the form in Dutch and English, the answer with
# the ruling in words, the modes and the server-drawn CO2 chart (figures
# compared with the JSON API's for the same trip), errors next to their
# fields, HTML escaping, the trip request with its CSRF token, and the
# static assets.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

DB=$TMP/tripmode.db
ADMIN=$(make_key admin pages-admin "$DB")
HR=$(make_key hr pages-hr "$DB")
if [[ $ADMIN =~ ^tm_ && $HR =~ ^tm_ ]]; then ok "keys made"; else fail "keys" "got '$ADMIN' '$HR'"; finish; exit 1; fi
WEB=$TESTS_SRCDIR/../daemon/web
# Open reads and an open form: trips filed without a key, as the form.
start_daemon "$DB" --web-dir "$WEB" --open-form yes || { finish; exit 1; }

# page PATH [CURL-ARGS...]: GET (or what the args say) a page: STATUS,
# $TMP/body, $TMP/headers.
page() {
	local path=$1
	shift
	STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$@" "$URL$path")
}
# The value of a header of the last reply.
header() { sed -n "s/^$1: *\\(.*\\)\\r\$/\\1/Ip" "$TMP/headers" | tail -n 1; }
# has NAME STRING...: the last page holds every string (fixed strings).
has() {
	local name=$1 s missing=""
	shift
	for s in "$@"; do
		grep -qF -- "$s" "$TMP/body" || missing="$missing [$s]"
	done
	if [ -z "$missing" ]; then ok "$name"; else fail "$name" "status $STATUS; missing$missing"; fi
}
# hasnt NAME STRING...: the last page holds none of them.
hasnt() {
	local name=$1 s found=""
	shift
	for s in "$@"; do
		grep -qF -- "$s" "$TMP/body" && found="$found [$s]"
	done
	if [ -z "$found" ]; then ok "$name"; else fail "$name" "found$found"; fi
}
# is_html NAME LANG: the last reply is a UTF-8 HTML page in LANG with the
# pages' headers.
is_html() {
	local ct csp
	ct=$(header Content-Type)
	csp=$(header Content-Security-Policy)
	if [ "$ct" = "text/html; charset=utf-8" ] &&
	    grep -q "<html lang=\"$2\">" "$TMP/body" &&
	    [[ $csp == *"default-src 'self'"* && $csp == *"style-src 'self'"* && $csp == *"img-src 'self' data:"* ]] &&
	    [ "$(header X-Content-Type-Options)" = nosniff ]; then
		ok "$1"
	else
		fail "$1" "content-type '$ct', csp '$csp', $(grep -o '<html[^>]*>' "$TMP/body")"
	fi
}
# labelled NAME: every visible input, select and textarea of the page has
# a <label for=...>.
labelled() {
	local ids id missing="" n=0
	ids=$(grep -o '<\(input\|select\|textarea\) [^>]*>' "$TMP/body" |
	    grep -v 'type="hidden"' | sed -n 's/.* id="\([^"]*\)".*/\1/p')
	for id in $ids; do
		n=$((n + 1))
		grep -qF "<label for=\"$id\">" "$TMP/body" || missing="$missing $id"
	done
	if [ "$n" -gt 0 ] && [ -z "$missing" ]; then ok "$1 ($n fields)"; else fail "$1" "no label for:$missing ($n fields)"; fi
}
# field_error NAME FIELD TEXT: the error next to FIELD says TEXT, and the
# field points at it (aria-describedby, aria-invalid).
field_error() {
	local err
	err=$(sed -n "/<div class=\"field-error\" id=\"$2-error\">/,/<\\/div>/p" "$TMP/body")
	if [[ $err == *"$3"* ]] &&
	    grep -q "id=\"$2\"[^>]*aria-describedby=\"[^\"]*$2-error\" aria-invalid=\"true\"" "$TMP/body"; then
		ok "$1"
	else
		fail "$1" "error of $2: '$err'"
	fi
}
# The CO2 figures of the JSON answer in $TMP/api, as a page in LANG
# writes them (2 decimals at most, Dutch decimal comma).
co2_figures() {
	jq -r '.modes[] | select(.feasible) | (.co2e_kg * 100 | round / 100 | tostring)' "$TMP/api" |
	    if [ "$1" = nl ]; then tr . ,; else cat; fi
}
# svg: the chart of the last page.
svg() { sed -n '/<svg /,/<\/svg>/p' "$TMP/body"; }

TRIP='destination=Keulen&departure_date=2027-03-08&return_date=2027-03-10&travellers=2'
JTRIP='{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","travellers":2}'

# --- the form ----------------------------------------------------------------
page '/?lang=nl'
[ "$STATUS" = 200 ] && ok "GET /?lang=nl: 200" || fail "GET /" "status $STATUS"
is_html "form nl: HTML, lang=nl, CSP, nosniff" nl
labelled "form nl: a label for every field"
has "form nl: Dutch words, the datalist with Keulen" 'list="destinations"' '<datalist id="destinations">' '<option value="Keulen">' \
    '<label for="destination">Bestemming</label>' '<label for="departure_date">Vertrekdatum</label>' \
    '<label for="travellers">Aantal reizigers</label>' 'type="date"' 'action="/decide"'
hasnt "form nl: no English names in the datalist" '<option value="Cologne">'
has "form nl: a visible switch to English" 'href="/?lang=en" hreflang="en" lang="en">English</a>' 'aria-current="true">Nederlands</a>'
hasnt "form nl: no script at all" '<script'

page '/?lang=en'
is_html "form en: lang=en" en
labelled "form en: a label for every field"
has "form en: English words, Cologne in the datalist" '<option value="Cologne">' '<label for="destination">Destination</label>' \
    '<label for="return_date">Return date</label>' 'aria-current="true">English</a>'
hasnt "form en: no Dutch names in the datalist" '<option value="Keulen">'

page / -H 'Accept-Language: en-GB,en;q=0.9,nl;q=0.4'
is_html "Accept-Language en-GB,en;q=0.9,nl;q=0.4 picks English" en
page / -H 'Accept-Language: fr-BE, nl;q=0.8, en;q=0.7'
is_html "Accept-Language fr-BE, nl;q=0.8, en;q=0.7 picks Dutch" nl
page / -H 'Accept-Language: de'
is_html "no known language: Dutch by default" nl
page '/?lang=nl' -H 'Accept-Language: en'
is_html "?lang= wins over Accept-Language" nl
page "/?lang=en&$TRIP"
has "the form keeps the trip's values" 'value="Keulen"' 'value="2027-03-08"' 'value="2027-03-10"' 'value="2"'

# --- the answer ---------------------------------------------------------------
decide "$JTRIP"
cp "$TMP/body" "$TMP/api"
check "API: Keulen is train mandatory (the page must say the same)" '.ruling.mode == "train" and .ruling.strength == "mandatory" and .ruling.rule == "listed"' "$TMP/api"
NFEAS=$(jq '[.modes[] | select(.feasible)] | length' "$TMP/api")

page "/decide?$TRIP&lang=nl"
[ "$STATUS" = 200 ] && ok "/decide Keulen: 200" || fail "/decide Keulen" "status $STATUS $(head -c 300 "$TMP/body")"
is_html "/decide nl: HTML in Dutch" nl
has "/decide nl: the ruling in a sentence" '>Trein verplicht: Keulen staat op de lijst van frequente bestemmingen</h2>' \
    'Keulen staat op de lijst van frequente bestemmingen: trein, verplicht' 'Verplicht: een ander vervoermiddel kan alleen met een uitzondering' \
    'Trein: 1ste klas toegestaan (reis langer dan 2 u)' 'Vliegtuig: economyklasse' 'maandag 8 maart 2027' '2 nachten' '2 reizigers'
svg >"$TMP/svg"
if grep -q '<svg [^>]*role="img"' "$TMP/svg" && grep -q '<title id="chart-title">CO₂e per vervoerswijze' "$TMP/svg" &&
    grep -q '<desc id="chart-desc">Trein: ' "$TMP/svg"; then ok "chart: an <svg role=img> with <title> and <desc>"; else fail "chart" "$(head -c 400 "$TMP/svg")"; fi
NBARS=$(grep -c '<rect class="bar-' "$TMP/svg")
[ "$NBARS" = "$NFEAS" ] && [ "$NBARS" -ge 2 ] && ok "chart: one bar per feasible mode ($NBARS)" || fail "chart bars" "$NBARS bars, $NFEAS feasible modes"
missing=""
for v in $(co2_figures nl); do grep -qF ">$v kg</text>" "$TMP/svg" || missing="$missing $v"; done
[ -z "$missing" ] && ok "chart: every bar prints the API's CO2 figure ($(co2_figures nl | tr '\n' ' '))" || fail "chart figures" "missing$missing"
[ "$(grep -o 'width="400.0"' "$TMP/svg" | wc -l)" = 1 ] && ok "chart: the largest bar is full width" || fail "chart scale" "$(grep -o 'width="[^"]*"' "$TMP/svg" | tr '\n' ' ')"
# Each bar stacked by kind of line: its parts add up to the bar, as the
# API's lines add up to the mode; a legend names the four kinds.
stacked=""
for m in $(jq -r '.modes[] | select(.feasible) | .mode' "$TMP/api"); do
	bar=$(grep -o "<rect class=\"bar-$m\" [^>]*" "$TMP/svg" | sed -n 's/.*width="\([0-9.]*\)".*/\1/p')
	segs=$(grep -o "<rect class=\"seg seg-$m [^>]*" "$TMP/svg" | sed -n 's/.*width="\([0-9.]*\)".*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
	kinds=$(grep -o "<rect class=\"seg seg-$m seg-[a-z0-9-]*" "$TMP/svg" | sed 's/.* seg-//' | paste -sd' ')
	want=$(jq -r --arg m "$m" '.modes[] | select(.mode == $m) | [.lines[].kind] | unique_by(.) as $k | ["operation","fuel_production","non_co2","hotel"] | map(select(. as $x | $k | index($x))) | map({"operation":"operation","fuel_production":"fuel","non_co2":"non-co2","hotel":"hotel"}[.]) | join(" ")' "$TMP/api")
	awk -v a="$bar" -v b="$segs" 'BEGIN { exit !(a - b < 0.35 && b - a < 0.35) }' && [ "$kinds" = "$want" ] || stacked="$stacked $m($bar vs $segs; $kinds vs $want)"
done
[ -z "$stacked" ] && [ "$(grep -o 'class="seg seg-legend' "$TMP/svg" | wc -l)" = 4 ] && grep -q '>brandstofproductie</text>' "$TMP/svg" &&
    ok "chart: every bar stacked by its lines (operation, fuel production, non-CO2, hotel) with a Dutch legend" || fail "chart stacked" "$stacked"
nlines=$(jq '[.modes[] | select(.mode == "train") | .lines[]] | length' "$TMP/api")
total=$(jq -r '.modes[0].co2e_kg * 100 | round / 100 | tostring' "$TMP/api" | tr . ,)
got=$(sed -n '/<table class="lines mode-train">/,/<\/table>/p' "$TMP/body" | grep -c '<tr class="line-')
sed -n '/<table class="lines mode-train">/,/<\/table>/p' "$TMP/body" | grep -q "<tr class=\"total\"><td colspan=\"3\">Totaal</td><td class=\"num\">$total</td>" && [ "$got" = "$nlines" ] &&
    ok "lines: the train's $nlines lines and its total on the page, as the API gives them" || fail "lines table" "$got rows, $nlines lines, total $total"
train=$(jq -r '.modes[0].co2e_kg * 100 | round / 100 | tostring' "$TMP/api" | tr . ,)
km=$(jq -r '.modes[0].distance_km | tostring' "$TMP/api" | tr . ,)
has "table: the train's hours, km and kg CO2e as the API says" "<th scope=\"row\">Trein</th><td class=\"num\">2,3</td><td class=\"num\">$km</td><td class=\"num\">$train</td>" \
    '<td>uitzondering nodig</td>' '<td>toegestaan: vervoermiddel van het keuzeschema</td>'
has "request form: POST /trips with a CSRF token and the trip's fields" '<form method="post" action="/trips"' 'name="csrf" value="' \
    'name="destination" value="Keulen"' 'name="chosen_mode" id="chosen_mode-train" value="train" checked' '<select id="exception_reason"'
labelled "answer nl: a label for every field"
cookie=$(header Set-Cookie)
[[ $cookie =~ ^tripmode_csrf=[0-9a-f]{64}\;\ HttpOnly\;\ SameSite=Strict\;\ Path=/$ ]] && ok "CSRF cookie: 64 hex digits, HttpOnly, SameSite=Strict" || fail "CSRF cookie" "'$cookie'"
tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/body")
[ "tripmode_csrf=$tok" = "${cookie%%;*}" ] && ok "CSRF: the hidden field holds the cookie's token" || fail "CSRF field" "'$tok' vs '$cookie'"

page "/decide?$TRIP&lang=en"
has "/decide en: the ruling in English" '>Train mandatory: Cologne is on the frequent-destination list</h2>' 'Your business trip to Cologne' \
    'Cologne is on the frequent-destination list: train, mandatory' 'Monday 8 March 2027'
svg >"$TMP/svg"
missing=""
for v in $(co2_figures en); do grep -qF ">$v kg</text>" "$TMP/svg" || missing="$missing $v"; done
[ -z "$missing" ] && ok "chart en: the API's figures with a decimal point" || fail "chart en figures" "missing$missing"

# The route as a line of stops, each leg between two, in the page's words.
page "/decide?destination=Marseille&departure_date=2027-03-08&return_date=2027-03-10&lang=nl"
json=$(curl -s -H 'Content-Type: application/json' -d '{"destination":"Marseille","departure_date":"2027-03-08","return_date":"2027-03-10"}' "$URL/v1/decisions")
nlegs=$(jq '.rail.route.legs | length' <<<"$json")
nstops=$(grep -c '^<li class="stop">' "$TMP/body")
nlegl=$(grep -c '^<li class="leg leg-' "$TMP/body")
[ "$nstops" -eq $((nlegs + 1)) ] && [ "$nlegl" -eq "$nlegs" ] && ok "route nl: $nlegs legs between $nstops stops, as the API's" || fail "route nl: stops" "API $nlegs legs; page $nstops stops, $nlegl legs"
has "route nl: the first and last stop, the TGV leg, the list's hours" '<ol class="stops">' '<li class="stop">Gent-Sint-Pieters</li>' \
    '<li class="stop">Marseille-Saint-Charles</li>' 'trein · SNCF TGV INOUI · ' 'De treinreistijd van de lijst beslist: 6 u (het spoornet zegt '
page "/decide?destination=Andorra%20la%20Vella&departure_date=2027-03-08&return_date=2027-03-10&lang=en"
has "route en: no station near Andorra la Vella, the last leg by bus" '<li class="leg leg-bus">bus · ' 'No station of the rail network near Andorra la Vella: the last '

page "/decide?destination=Madrid&departure_date=2027-03-08&return_date=2027-03-10&online_possible=true&lang=nl"
decide '{"destination":"Madrid","departure_date":"2027-03-08","return_date":"2027-03-10","online_possible":true}'
best=$(jq -r '[.modes[] | select(.feasible)] | min_by(.co2e_kg) | (.co2e_kg * 10 | round / 10 | tostring)' "$TMP/body" | tr . ,)
page "/decide?destination=Madrid&departure_date=2027-03-08&return_date=2027-03-10&online_possible=true&lang=nl"
has "Madrid: free choice, online first, the lowest-CO2 mode in Dutch" '>Vrije keuze: Madrid staat op de lijst' \
    'Eerst online: overweeg een digitale vergadering' "Vervoerswijze met de laagste CO₂-uitstoot: " "($best kg CO₂e)" 'Elk vervoermiddel is toegestaan'

page "/decide?destination=Keulen&departure_date=2027-03-08&return_date=2027-03-08&lang=nl"
has "same-day trip: recommended, the scope said in Dutch" '>Trein aangewezen: Keulen staat op de lijst' \
    'Eendaagse buitenlandse reis: het keuzeschema is een advies, dus hoogstens aangewezen' 'name="justification"'

# --- the other rules, in words, with the answer's figures --------------------
# Places not yet on the list (active later) are ruled by the thresholds.
AS_ADMIN="Authorization: Bearer $ADMIN"
req POST /v1/destinations '{"id":"laterstad","name":"Laterstad","country":"NL","lat":50.8496,"lon":5.7054,"mode":"train","strength":"mandatory","active_from":"2099-01-01"}' -H "$AS_ADMIN"
check_status "add a place active only from 2099 (near)" 201
req POST /v1/destinations '{"id":"verweg","name":"Verweg","name_en":"Faraway","country":"DE","lat":52.5256,"lon":13.3695,"mode":"train","strength":"mandatory","rail_hours":7.25,"rail_source":"test","active_from":"2099-01-01"}' -H "$AS_ADMIN"
check_status "add a place active only from 2099 (working day)" 201
decide '{"destination":"Laterstad","departure_date":"2027-03-08","return_date":"2027-03-10"}'
check "API: Laterstad is ruled near" '.ruling.rule == "near" and .destination.listed == false' 
km=$(jq -r '.distance_km | round | tostring' "$TMP/body")
page "/decide?destination=Laterstad&departure_date=2027-03-08&return_date=2027-03-10&lang=nl"
has "near, nl: the rule and the distance" '>Trein verplicht: Laterstad ligt binnen 500 km</h2>' "Laterstad ligt $km km van Gent-Sint-Pieters (binnen 500 km)"
page "/decide?destination=Laterstad&departure_date=2027-03-08&return_date=2027-03-10&lang=en"
has "near, en: the rule and the distance" '>Train mandatory: Laterstad is within 500 km</h2>' "Laterstad is $km km from Gent-Sint-Pieters (within 500 km)"
decide '{"destination":"Verweg","departure_date":"2027-03-08","return_date":"2027-03-10"}'
check "API: Verweg is ruled working_day" '.ruling.rule == "working_day" and .rail.hours == 7.25'
km=$(jq -r '.distance_km | round | tostring' "$TMP/body")
page "/decide?destination=Verweg&departure_date=2027-03-08&return_date=2027-03-10&lang=nl"
has "working day, nl: the rule and the rail time" '>Trein verplicht: de trein bereikt Verweg binnen één werkdag</h2>' \
    "Verweg ligt $km km van Gent-Sint-Pieters (meer dan 500 km)" 'De trein doet er ongeveer 7,25 u over, binnen één werkdag (8 u)'
page "/decide?destination=Verweg&departure_date=2027-03-08&return_date=2027-03-10&lang=en"
has "working day, en: the English name and the rail time" '>Train mandatory: the train reaches Faraway within one working day</h2>' \
    'The train takes about 7.25 h, within one working day (8 h)'

# --- errors next to their fields ------------------------------------------
page "/decide?destination=Keulenn&departure_date=2027-03-08&return_date=2027-03-10&lang=nl"
[ "$STATUS" = 422 ] && ok "unknown place: 422" || fail "unknown place" "status $STATUS"
field_error "unknown place: said next to the destination, with the suggestion" destination 'Onbekende plaats „Keulenn”. Bedoelt u:'
has "unknown place: the suggestion is a link to the answer, the values kept" \
    '<a href="/decide?destination=Keulen&amp;departure_date=2027-03-08&amp;return_date=2027-03-10&amp;lang=nl">Keulen</a>' \
    'value="Keulenn"' '<a href="#destination">Onbekende plaats'
page "/decide?destination=Keulenn&departure_date=2027-03-08&return_date=2027-03-10&lang=en"
field_error "unknown place en: the English name suggested" destination '>Cologne</a>'

page "/decide?destination=Keulen&departure_date=2027-02-30&return_date=2027-03-10&lang=nl"
[ "$STATUS" = 422 ] && ok "bad date: 422" || fail "bad date" "status $STATUS"
field_error "bad date: said next to the departure date" departure_date 'Geen geldige datum: gebruik JJJJ-MM-DD'
has "bad date: the values kept" 'value="2027-02-30"' 'value="Keulen"'
page "/decide?destination=Keulen&departure_date=2027-03-10&return_date=2027-03-08&lang=en"
field_error "return before departure: said next to the return date" return_date 'The return date is before the departure date'
page "/decide?destination=Keulenn&departure_date=&return_date=2027-03-10&travellers=zero&lang=en"
field_error "all at once: the date" departure_date 'Enter a date'
field_error "all at once: the travellers" travellers 'Enter a whole number from 1 to 1000'
field_error "all at once: the unknown place too" destination 'Unknown place “Keulenn”.'
page "/decide?destination=%ff%fe&departure_date=2027-03-08"
[ "$STATUS" = 400 ] && ok "invalid UTF-8 in the query: 400 page" || fail "invalid UTF-8" "status $STATUS"
page "/decide?destination=a%00b&departure_date=2027-03-08"
[ "$STATUS" = 400 ] && ok "a NUL in the query: 400 page" || fail "NUL" "status $STATUS"

# --- HTML escaping ---------------------------------------------------------
req POST /v1/destinations '{"id":"xss-test","name":"<script>alert(1)</script>","country":"DE","lat":50.1,"lon":8.6,"mode":"train","strength":"mandatory","aliases":["x\"onmouseover=\"alert(2)"]}' -H "$AS_ADMIN"
check_status "add a destination named <script>alert(1)</script>" 201
page '/?lang=en'
has "form: the name comes back as text" '<option value="&lt;script&gt;alert(1)&lt;/script&gt;">'
hasnt "form: never as markup" '<script>alert'
page "/decide?destination=xss-test&departure_date=2027-03-08&return_date=2027-03-10&lang=en"
[ "$STATUS" = 200 ] && ok "/decide xss-test: 200" || fail "/decide xss-test" "status $STATUS"
has "answer: escaped in the title, heading and reasons" '<title>Your business trip to &lt;script&gt;alert(1)&lt;/script&gt; · tripmode</title>' \
    '>Train mandatory: &lt;script&gt;alert(1)&lt;/script&gt; is on the frequent-destination list</h2>'
hasnt "answer: never as markup" '<script>alert'
page "/decide?destination=%22%3E%3Cscript%3Ealert(3)%3C%2Fscript%3E%27&departure_date=2027-03-08&return_date=2027-03-10&lang=nl"
has "a typed value comes back escaped, in the field and in the error" 'value="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;&#39;"' '„&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;&#39;”'
hasnt "a typed value never comes back as markup" '<script>alert' '"><script'

# --- the trip request ------------------------------------------------------
JAR=$TMP/cookies
page "/decide?$TRIP&lang=en" -c "$JAR"
tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/body")
FORM=(--data-urlencode "lang=en" --data-urlencode "destination=Keulen" --data-urlencode "departure_date=2027-03-08"
    --data-urlencode "return_date=2027-03-10" --data-urlencode "travellers=2" --data-urlencode "online_possible=false"
    --data-urlencode "traveller_name=An Peeters" --data-urlencode "traveller_email=an.peeters@stad.gent"
    --data-urlencode "traveller_department=Milieudienst" --data-urlencode "chosen_mode=train")

page /trips -X POST "${FORM[@]}"
[ "$STATUS" = 403 ] && ok "POST /trips without cookie or token: 403" || fail "no CSRF" "status $STATUS"
has "403: said in words" 'This form has expired or did not come from this site'
page /trips -X POST -b "$JAR" "${FORM[@]}"
[ "$STATUS" = 403 ] && ok "POST /trips with the cookie but no token: 403" || fail "no token" "status $STATUS"
page /trips -X POST "${FORM[@]}" --data-urlencode "csrf=$tok"
[ "$STATUS" = 403 ] && ok "POST /trips with the token but no cookie: 403" || fail "no cookie" "status $STATUS"
other=${tok%?}0
[ "$other" = "$tok" ] && other=${tok%?}1
page /trips -X POST -b "$JAR" "${FORM[@]}" --data-urlencode "csrf=$other"
[ "$STATUS" = 403 ] && ok "POST /trips with another token: 403" || fail "other token" "status $STATUS"
page /trips -X POST -b "$JAR" -H 'Content-Type: multipart/form-data; boundary=x' --data-binary 'x'
[ "$STATUS" = 415 ] && ok "POST /trips as multipart: 415 page" || fail "multipart" "status $STATUS"
page /trips -X POST -b "$JAR" --data-binary "csrf=$tok&pad=$(head -c 20000 /dev/zero | tr '\0' a)"
[ "$STATUS" = 413 ] && ok "POST /trips over 16 KiB: 413 page" || fail "big form" "status $STATUS"
page /trips -X POST -b "$JAR" --data-binary "csrf=$tok&traveller_name=%c3%28"
[ "$STATUS" = 400 ] && ok "POST /trips with invalid UTF-8: 400 page" || fail "bad UTF-8" "status $STATUS"

# Errors of the request: next to their fields, the answer shown again.
page /trips -X POST -b "$JAR" --data-urlencode "csrf=$tok" --data-urlencode "lang=en" --data-urlencode "destination=Keulen" \
    --data-urlencode "departure_date=2027-03-08" --data-urlencode "return_date=2027-03-10" --data-urlencode "travellers=2" \
    --data-urlencode "traveller_name=" --data-urlencode "traveller_email=not-an-address" \
    --data-urlencode "traveller_department=Milieudienst" --data-urlencode "chosen_mode=plane"
[ "$STATUS" = 422 ] && ok "request with errors: 422" || fail "request errors" "status $STATUS $(grep -o 'class="message"[^<]*<[^<]*' "$TMP/body")"
field_error "request: the name's error next to it" traveller_name 'Enter your name'
field_error "request: the e-mail's error next to it" traveller_email 'Enter a valid e-mail address'
field_error "request: a plane against a mandatory train needs an exception reason" exception_reason 'Choose the reason for the exception'
has "request errors: the answer again, the values kept" '>Train mandatory: Cologne is on the frequent-destination list</h2>' \
    'value="not-an-address"' 'id="chosen_mode-plane" value="plane" checked' "name=\"csrf\" value=\"$tok\""

page /trips -X POST -b "$JAR" "${FORM[@]}" --data-urlencode "csrf=$tok"
[ "$STATUS" = 200 ] && ok "POST /trips with cookie and token: 200" || fail "file" "status $STATUS $(sed -n '/<main/,/<\/main>/p' "$TMP/body" | head -c 600)"
ref=$(sed -n 's/.*<dd class="reference">\(TR-[0-9]*-[0-9]*\)<\/dd>.*/\1/p' "$TMP/body")
[[ $ref =~ ^TR-2027-[0-9]{6}$ ]] && ok "filed: the reference $ref" || fail "reference" "'$ref'"
has "filed: the status, pending" '<data class="status" value="pending">pending approval</data>' 'Request filed'
newcookie=$(header Set-Cookie)
req GET "/v1/trips?status=pending" '' -H "Authorization: Bearer $HR"
check "filed: HR sees it, filed by the web form, train, compliant" "[.trips[] | select(.reference == \"$ref\")][0] | .created_by == \"web form (127.0.0.1)\" and .traveller.name == \"An Peeters\" and .traveller.department == \"Milieudienst\" and .chosen_mode == \"train\" and .compliant == true and .travellers == 2"
[[ $newcookie =~ ^tripmode_csrf=[0-9a-f]{64}\; && ${newcookie:14:64} != "$tok" ]] && ok "filed: a new CSRF token is set" || fail "new token" "'$newcookie'"
page /trips -X POST -b "${newcookie%%;*}" "${FORM[@]}" --data-urlencode "csrf=$tok"
[ "$STATUS" = 403 ] && ok "the same form sent twice files nothing (a new token)" || fail "resubmit" "status $STATUS"
# A replay: the old cookie and its token, as a copied request would send.
req GET "/v1/trips?status=pending" '' -H "Authorization: Bearer $HR"
before=$(jq '.count' "$TMP/body")
page /trips -X POST -b "$JAR" "${FORM[@]}" --data-urlencode "csrf=$tok"
if [ "$STATUS" = 403 ] && grep -qF "$ref" "$TMP/body" && grep -q 'sent already' "$TMP/body"; then
	ok "a replayed form (old cookie and token): 403 naming $ref"
else
	fail "replayed form" "status $STATUS $(sed -n '/<main/,/<\/main>/p' "$TMP/body" | head -c 400)"
fi
req GET "/v1/trips?status=pending" '' -H "Authorization: Bearer $HR"
check "a replayed form files no second trip" ".count == $before"

# A plane with an exception, in Dutch.
page "/decide?$TRIP&lang=nl" -c "$JAR"
tok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/body")
page /trips -X POST -b "$JAR" --data-urlencode "csrf=$tok" --data-urlencode "lang=nl" --data-urlencode "destination=Keulen" \
    --data-urlencode "departure_date=2027-03-08" --data-urlencode "return_date=2027-03-10" --data-urlencode "travellers=2" \
    --data-urlencode "traveller_name=Jan Janssens" --data-urlencode "traveller_email=jan.janssens@stad.gent" \
    --data-urlencode "traveller_department=Cultuur" --data-urlencode "chosen_mode=plane" \
    --data-urlencode "exception_reason=other" --data-urlencode "exception_text=$(printf '€%.0s' $(seq 1000))"
[ "$STATUS" = 200 ] && ok "a plane with an exception (1000 characters of text) is filed" || fail "exception" "status $STATUS $(sed -n '/<main/,/<\/main>/p' "$TMP/body" | head -c 600)"
has "filed nl: not compliant, in Dutch" 'nee: met een uitzondering' 'wacht op goedkeuring' 'Vliegtuig'

# --- static files ----------------------------------------------------------
page /static/style.css
if [ "$STATUS" = 200 ] && [ "$(header Content-Type)" = "text/css; charset=utf-8" ] && cmp -s "$TMP/body" "$WEB/style.css"; then
	ok "/static/style.css: the file, as text/css"
else
	fail "/static/style.css" "status $STATUS, $(header Content-Type)"
fi
etag=$(header ETag)
page /static/style.css -H "If-None-Match: $etag"
[ "$STATUS" = 304 ] && ok "/static/style.css: 304 with its ETag" || fail "static 304" "status $STATUS"
page /static/../x --path-as-is
[ "$STATUS" = 404 ] && ok "/static/../x: 404" || fail "/static/../x" "status $STATUS"
page /static/..%2fMakefile.am --path-as-is
[ "$STATUS" = 404 ] && ok "/static/..%2f...: 404" || fail "encoded dot-dot" "status $STATUS"
page /static/nothing.css
if [ "$STATUS" = 404 ] && [ "$(header Content-Type)" = "application/problem+json" ]; then ok "/static/nothing.css: 404 problem"; else fail "missing asset" "status $STATUS $(header Content-Type)"; fi
page /static/style.css.orig
[ "$STATUS" = 404 ] && ok "an unknown extension is not served" || fail "unknown extension" "status $STATUS"

# --- every rule, scope and advice on the Dutch page ----------------------
# The lines of the answer's reasons and advice lists in the last page.
answer_lines() { sed -n '/<ul class="\(reasons\|advice\)">/,/<\/ul>/s/^<li>\(.*\)<\/li>$/\1/p' "$TMP/body"; }
kinds=""
for t in 'Keulen|2027-03-08|2027-03-10' 'Reykjavik|2027-03-08|2027-03-10' \
    'Tilburg|2027-03-08|2027-03-10' 'Nantes|2027-03-08|2027-03-10' \
    'Bologna|2027-03-08|2027-03-10' 'Sevilla|2027-03-08|2027-03-10' \
    'Brugge|2027-03-08|2027-03-10' 'Nantes|2027-03-08|2027-03-08'; do
	IFS='|' read -r d dep ret <<<"$t"
	q="destination=$d&departure_date=$dep&return_date=$ret&online_possible=on"
	page "/decide?$q&lang=nl"
	answer_lines >"$TMP/nl.lines"
	page "/decide?$q&lang=en"
	answer_lines >"$TMP/en.lines"
	json=$(curl -s -H 'Content-Type: application/json' -d "{\"destination\":\"$d\",\"departure_date\":\"$dep\",\"return_date\":\"$ret\",\"online_possible\":true}" "$URL/v1/decisions")
	kinds="$kinds $(jq -r '[.ruling.reason_data[].kind, .ruling.advice_data[].kind] | join(" ")' <<<"$json")"
	# The page also says which place of the name it took.
	n=$(jq '(.ruling.reasons | length) + (.ruling.advice | length) + (if .destination.note then 1 else 0 end)' <<<"$json")
	same=$(grep -cxF -f "$TMP/en.lines" "$TMP/nl.lines")
	if [ "$(wc -l <"$TMP/nl.lines")" -eq "$n" ] && [ "$(wc -l <"$TMP/en.lines")" -eq "$n" ] && [ "$same" -eq 0 ] &&
	    ! grep -qE '\b(the|is on the|within|than|estimated|Train|Flights|class|Lowest|Same-day|Domestic)\b' "$TMP/nl.lines"; then
		ok "answer nl for $d $dep-$ret: $n lines, each in Dutch"
	else
		fail "answer nl for $d $dep-$ret" "$n lines in the API; nl: $(tr '\n' '|' <"$TMP/nl.lines"); en: $(tr '\n' '|' <"$TMP/en.lines")"
	fi
done
missing=""
for k in listed no_rail near not_near working_day long_day far day_trip domestic nearest_listed \
    online_first train_alternative lowest_co2 second_class first_class economy; do
	[[ " $kinds " == *" $k "* ]] || missing="$missing $k"
done
[ -z "$missing" ] && ok "the Dutch answers cover every rule, scope and advice" || fail "Dutch coverage" "not seen:$missing"

# --- every text in Dutch, nothing reported --------------------------------
if grep -q 'i18n:' "$TMP/daemon.log"; then fail "every page text has its Dutch" "$(grep 'i18n:' "$TMP/daemon.log" | sort -u | head -5)"; else ok "every page text has its Dutch"; fi
stop_daemon
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP/daemon.log"; then fail "daemon log: no sanitizer report" "$(grep -A5 -E 'Sanitizer|runtime error' "$TMP/daemon.log" | head -20)"; else ok "daemon log: no sanitizer report"; fi
[ "$DAEMON_RC" = 0 ] && ok "the daemon stops cleanly" || fail "daemon exit" "$DAEMON_RC"

# --- open reads, the form closed (the default): filing needs a key ----------
start_daemon "$DB" --web-dir "$WEB" || { finish; exit 1; }
STATUS=$(curl -s -c "$TMP/of.jar" -o "$TMP/of.html" -w '%{http_code}' "$URL/decide?$TRIP")
otok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/of.html")
if [ "$STATUS" = 200 ] && grep -q 'Trein verplicht' "$TMP/of.html" && grep -q '<input id="key" name="key" type="password"' "$TMP/of.html"; then
	ok "default: rulings open, the trip form asks for a key"
else
	fail "default form" "status $STATUS"
fi
OFORM=(--data-urlencode "csrf=$otok" -d destination=Keulen -d departure_date=2027-03-08 -d return_date=2027-03-10 -d travellers=1
    --data-urlencode "traveller_name=An Peeters" --data-urlencode "traveller_email=an.peeters@stad.gent"
    --data-urlencode "traveller_department=Milieudienst" -d chosen_mode=train)
req GET "/v1/trips" '' -H "Authorization: Bearer $HR"
n0=$(jq '.count' "$TMP/body")
filed=$(curl -s -b "$TMP/of.jar" -o "$TMP/of.html" -w '%{http_code}' "${OFORM[@]}" "$URL/trips")
req GET "/v1/trips" '' -H "Authorization: Bearer $HR"
if [ "$filed" = 401 ] && grep -q 'id="key-error"' "$TMP/of.html" && [ "$(jq '.count' "$TMP/body")" = "$n0" ]; then
	ok "default: filing through the form without a key: 401 at the key field, nothing filed"
else
	fail "default form without key" "status $filed $(grep -o '<h1[^<]*' "$TMP/of.html" | head -2 | tr '\n' ' ')"
fi
STATUS=$(curl -s -b "$TMP/of.jar" -o "$TMP/of.html" -w '%{http_code}' "${OFORM[@]}" --data-urlencode "key=$HR" "$URL/trips")
oref=$(sed -n 's/.*<dd class="reference">\(TR-[0-9]*-[0-9]*\)<\/dd>.*/\1/p' "$TMP/of.html")
req GET "/v1/trips" '' -H "Authorization: Bearer $HR"
check "default: with a key the trip is filed by the key's name" "[.trips[] | select(.reference == \"$oref\")][0] | .created_by == \"pages-hr\""
stop_daemon

# --- a closed server: the form asks for a staff key ---------------------------
STAFF=$(make_key staff pages-staff "$DB")
start_daemon "$DB" --web-dir "$WEB" --open-reads no || { finish; exit 1; }
STATUS=$(curl -s -o "$TMP/closed.html" -w '%{http_code}' "$URL/")
if [ "$STATUS" = 200 ] && grep -q 'type="password"' "$TMP/closed.html"; then ok "closed: the form asks for an API key"; else fail "closed form" "status $STATUS"; fi
STATUS=$(curl -s -o "$TMP/closed.html" -w '%{http_code}' "$URL/decide?destination=Keulen&departure_date=2027-03-08&return_date=2027-03-10")
if [ "$STATUS" = 401 ] && ! grep -q 'Trein verplicht' "$TMP/closed.html"; then ok "closed: no ruling without a key"; else fail "closed decide" "status $STATUS"; fi
STATUS=$(curl -s -o "$TMP/closed.html" -w '%{http_code}' --data-urlencode destination=Keulen -d departure_date=2027-03-08 -d return_date=2027-03-10 --data-urlencode "key=$STAFF" "$URL/decide")
if [ "$STATUS" = 200 ] && grep -q 'Trein verplicht' "$TMP/closed.html"; then ok "closed: a staff key in the form (POST) gets the ruling"; else fail "closed decide with key" "status $STATUS"; fi
if grep -qF "$STAFF" "$TMP/closed.html"; then fail "closed: the key is not written into the page" "found in the answer"; else ok "closed: the key is not written into the page"; fi
STATUS=$(curl -s -o "$TMP/closed.html" -w '%{http_code}' "$URL/decide?destination=Keulen&departure_date=2027-03-08&return_date=2027-03-10&key=$STAFF")
if [ "$STATUS" = 401 ] && ! grep -q 'Trein verplicht' "$TMP/closed.html" && ! grep -qF "$STAFF" "$TMP/closed.html" &&
    grep -q 'id="key-error"' "$TMP/closed.html"; then
	ok "closed: a key in the address is refused (401), not echoed"
else
	fail "closed: key in the URL" "status $STATUS"
fi
# Filing on a closed server: the key is asked again, never carried along.
STATUS=$(curl -s -c "$TMP/closed.jar" -o "$TMP/closed.html" -w '%{http_code}' --data-urlencode destination=Keulen -d departure_date=2027-03-08 -d return_date=2027-03-10 --data-urlencode "key=$STAFF" "$URL/decide")
ctok=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/closed.html")
grep -q '<input id="key" name="key" type="password" autocomplete="off" required value=""' "$TMP/closed.html" &&
    ok "closed: the trip form asks for the key, empty" || fail "closed trip form key" "$(grep -o '<input id="key"[^>]*>' "$TMP/closed.html")"
CFORM=(--data-urlencode "csrf=$ctok" -d destination=Keulen -d departure_date=2027-03-08 -d return_date=2027-03-10 -d travellers=1
    --data-urlencode "traveller_name=An Peeters" --data-urlencode "traveller_email=an.peeters@stad.gent"
    --data-urlencode "traveller_department=Milieudienst" -d chosen_mode=train)
STATUS=$(curl -s -b "$TMP/closed.jar" -o "$TMP/closed.html" -w '%{http_code}' "${CFORM[@]}" "$URL/trips")
[ "$STATUS" = 401 ] && ok "closed: filing without the key: 401" || fail "closed file without key" "status $STATUS"
STATUS=$(curl -s -b "$TMP/closed.jar" -o "$TMP/closed.html" -w '%{http_code}' "${CFORM[@]}" --data-urlencode "key=$STAFF" "$URL/trips")
if [ "$STATUS" = 200 ] && grep -q '<dd class="reference">TR-' "$TMP/closed.html" && ! grep -qF "$STAFF" "$TMP/closed.html"; then
	ok "closed: filing with the key: 200, the key not in the page"
else
	fail "closed file with key" "status $STATUS"
fi
STATUS=$(curl -s -o "$TMP/closed.html" -w '%{http_code}' --data-urlencode destination=Keulen -d departure_date=2027-03-08 -d return_date=2027-03-10 -d key=tm_nonsense "$URL/decide")
[ "$STATUS" = 401 ] && ok "closed: a wrong key is refused" || fail "closed wrong key" "status $STATUS"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' "$URL/admin")
[ "$STATUS" = 200 ] && ok "closed: the admin page loads (its script sends the key)" || fail "closed admin" "status $STATUS"
stop_daemon

finish
