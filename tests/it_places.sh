#!/bin/bash
# Places not on the list, by name over HTTP: the gazetteer (GeoNames) after
# the list, rulings for a dozen unlisted places, several places of one
# name, the country filter, suggestions from both, points without a
# country, the nearest listed entry as context, the client's output and
# `tripmoded import-places`.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

DB=$TMP/places.db
start_daemon "$DB" || { finish; exit 1; }

# trip DESTINATION-JSON [DEPARTURE RETURN]: POST /v1/decisions.
trip() {
	decide "{\"destination\":$1,\"departure_date\":\"${2:-2027-03-08}\",\"return_date\":\"${3:-2027-03-10}\"}"
}

# ruling NAME DESTINATION-JSON CC RULE MODE STRENGTH SCOPE: a place of
# the gazetteer by name, and its ruling.
ruling() {
	trip "$2"
	check "$1: $7, $4 ($5 $6)" "
	    .destination.source == \"gazetteer\" and .destination.id == null and
	    .destination.listed == false and .destination.country == \"$3\" and
	    (.destination.geonameid | type) == \"number\" and
	    .destination.population > 0 and .scope == \"$7\" and
	    .ruling.rule == \"$4\" and .ruling.mode == \"$5\" and
	    .ruling.strength == \"$6\""
}

# --- a dozen unlisted places by name --------------------------------------
# Rail times of unlisted places are estimated by the fit on the list
# (0.18 h + 0.0103 h/km of great circle): near up to 500 km, working_day
# up to 8 h (about 760 km), night_or_long_day up to 12 h (about 1,150 km).
ruling "Tampere" '"Tampere"' FI far plane free multi_day_foreign
check "Tampere: beyond 12 h, estimated" '.rail.estimated == true and .rail.hours > 12 and .distance_km > 1600'
ruling "Leicester" '"Leicester"' GB near train mandatory multi_day_foreign
check "Leicester: within 500 km, by the tunnel" '.distance_km < 500 and .destination.in_rail_zone == true'
ruling "Varna" '"Varna"' BG far plane free multi_day_foreign
# 877 km: beyond the near distance, and the fit gives about 9.2 h, over
# a working day (8 h) but within a long travel day (12 h).
ruling "Saint-Raphaël" '"Saint-Raphaël"' FR night_or_long_day train recommended multi_day_foreign
check "Saint-Raphaël: 8 to 12 h by rail" '.rail.hours > 8 and .rail.hours <= 12 and .distance_km > 500'
ruling "Saint Raphael without accents" '"saint raphael"' FR night_or_long_day train recommended multi_day_foreign
ruling "Neurenberg (Dutch)" '"Neurenberg"' DE working_day train mandatory multi_day_foreign
check "Neurenberg is Nürnberg, 5-8 h" '.destination.name == "Nürnberg" and .rail.hours > 5 and .rail.hours <= 8 and .distance_km > 500'
ruling "Luik (Dutch)" '"Luik"' BE near train recommended domestic
check "Luik is Liège: domestic, the plane not offered" '.destination.name == "Liège" and ([.modes[] | select(.mode == "plane")][0].requires == "not_offered")'
ruling "Brugge" '"Brugge"' BE near train recommended domestic
ruling "Palma" '"Palma"' ES no_rail plane free multi_day_foreign
check "Palma: off the rail zone, no train" '.destination.in_rail_zone == false and .modes[0].feasible == false'
ruling "Ajaccio" '"Ajaccio"' FR no_rail plane free multi_day_foreign
ruling "Cork" '"Cork"' IE no_rail plane free multi_day_foreign
ruling "Valletta" '"Valletta"' MT no_rail plane free multi_day_foreign
ruling "Reykjavik" '"Reykjavik"' IS no_rail plane free multi_day_foreign
check "Reykjavik is Reykjavík, a capital" '.destination.name == "Reykjavík"'
ruling "Tokio (Dutch)" '"Tokio"' JP no_rail plane free multi_day_foreign
check "Tokio is Tokyo, long haul" '.destination.name == "Tokyo" and .modes[1].factor.value == 0.11704'
ruling "Sevilla" '"Sevilla"' ES far plane free multi_day_foreign
# Kraków is 1,149 km away: the fit gives 12.0 h, right at the long-day
# limit (12 h inclusive); the rule must agree with the hours answered.
trip '"Kraków"'
check "Kraków: from the gazetteer, PL" '.destination.source == "gazetteer" and .destination.country == "PL" and .distance_km > 1100'
check "Kraków: night_or_long_day at <= 12 h, else far" '(.rail.hours <= 12 and .ruling.rule == "night_or_long_day" and .ruling.strength == "recommended") or (.rail.hours > 12 and .ruling.rule == "far")'
ruling "Bergen with country BE is Mons" '{"name":"Bergen","country":"BE"}' BE near train recommended domestic
check "... Mons, not a note" '.destination.name == "Mons" and (.destination | has("note") | not)'
ruling "Bergen alone is the Norwegian one" '"Bergen"' NO far plane free multi_day_foreign
check "... with a note naming the choice" '.destination.name == "Bergen" and (.destination.note | test("^Bergen: [0-9]+ places of that name; took Bergen \\(NO, [0-9,]+ inhabitants\\); add \"country\" to choose; also Mons \\(BE, [0-9,]+\\), "))'

# --- beyond Europe: the world's places by the names staff know -------------
# The largest of a name wins (Boston, Massachusetts, not Lincolnshire);
# alternate names (Heraklion, Marrakech) and places of 1 000 inhabitants
# in the rail zone (Narvik) are found.  Outside the rail zone: no_rail.
ruling "Boston" '"Boston"' US no_rail plane free multi_day_foreign
check "... the other Boston named, as data" '.destination.population > 500000 and .destination.others[0].country == "GB" and (.destination.note | test("also Boston \\(GB, "))'
ruling "New York" '"New York"' US no_rail plane free multi_day_foreign
check "... New York City" '.destination.name == "New York City"'
ruling "Shanghai" '"Shanghai"' CN no_rail plane free multi_day_foreign
ruling "Montreal" '"Montreal"' CA no_rail plane free multi_day_foreign
check "... Montréal" '.destination.name == "Montréal"'
ruling "Vancouver" '"Vancouver"' CA no_rail plane free multi_day_foreign
ruling "São Paulo" '"São Paulo"' BR no_rail plane free multi_day_foreign
ruling "Casablanca" '"Casablanca"' MA no_rail plane free multi_day_foreign
ruling "Marrakech" '"Marrakech"' MA no_rail plane free multi_day_foreign
check "... Marrakesh" '.destination.name == "Marrakesh"'
ruling "Heraklion" '"Heraklion"' GR no_rail plane free multi_day_foreign
check "... Irákleion, on Crete" '.destination.name == "Irákleion" and .destination.in_rail_zone == false'
# Narvik (14 000) is in the rail zone, past a long travel day by rail.
ruling "Narvik" '"Narvik"' NO far plane free multi_day_foreign
check "... by rail, more than 12 h" '.destination.in_rail_zone == true and .rail.hours > 12 and .destination.population < 15000'

# Places and codes of the world, each to its country.
miss=""
n=0
while read -r line; do
	case $line in '#'*|'') continue ;; esac
	cc=${line##* }
	name=${line% *}
	n=$((n + 1))
	decide "$(jq -n --arg d "$name" '{destination: $d, departure_date: "2027-03-08", return_date: "2027-03-10"}')"
	got=$(jq -r '.destination.country // "none"' "$TMP/body")
	[ "$got" = "$cc" ] || miss="$miss $name($got)"
done <"${TESTS_SRCDIR:-$(dirname "$0")}/world-places.txt"
[ -z "$miss" ] && [ "$n" -ge 70 ] && ok "world: $n places and codes, each in its country" || fail "world places" "missed:$miss"

# An airport's code: the place it serves, and the flight lands there.
trip '"JFK"'
check "JFK: New York City, from the airport" '.destination.source == "airport" and .destination.name == "New York City" and .destination.country == "US" and .destination.geonameid == 5128581 and .destination.airport.code == "JFK" and .destination.airport.type == "large" and .ruling.rule == "no_rail" and .ruling.mode == "plane"'
check "... the flight BRU-JFK, and the way from JFK to the city" '
    (.modes[] | select(.mode == "plane")) as $p |
    $p.airports.from.code == "BRU" and $p.airports.to.code == "JFK" and
    ($p.airports.to.km_to_destination - 20.9 | fabs) < 0.05 and
    ($p.flight_km - 5885.6 | fabs) < 0.05 and $p.distance_km == ($p.flight_km * 2 * 10 | round) / 10 and
    $p.egress.mode == "public_transport" and
    ($p.egress.distance_km - ($p.airports.to.km_to_destination * 2 * 1.2 * 10 | round) / 10 | fabs) < 0.001 and
    $p.flight_band == "long_haul" and
    ([$p.lines[] | select(.part == "journey") | .kind] == ["operation", "non_co2", "fuel_production"]) and
    all($p.lines[] | select(.part == "journey"); .quantity == $p.distance_km) and
    ($p.lines[] | select(.kind == "hotel") | .key == "US" and .factor == 16.1 and .quantity == 2) and
    all($p.lines[]; ((.quantity * .factor) - .co2e_kg | fabs) < 0.006) and
    (([$p.lines[].co2e_kg] | add) - $p.co2e_kg | fabs) < 0.006'
trip '"jfk"'
check "jfk in lower case: no place of that name, so the airport" '.destination.source == "airport" and .destination.airport.code == "JFK"'
trip '"BOS"'
check "BOS: Boston, Massachusetts" '.destination.source == "airport" and .destination.name == "Boston" and .destination.country == "US"'
trip '"New York"'
check "New York by name lands at the nearest large airport, LaGuardia" '(.modes[] | select(.mode == "plane")).airports.to.code == "LGA"'
trip '"Ath"'
check "Ath (a Belgian town) is the town, not Athens' ATH" '.destination.source == "gazetteer" and .destination.country == "BE"'
trip '"ATH"'
check "ATH in capitals is Athens' airport" '.destination.source == "airport" and .destination.airport.code == "ATH" and .destination.country == "GR"'
trip '{"name":"JFK","country":"FR"}'
check "JFK in FR: no such airport there, an unknown place" '.status == 422 and .errors[0].field == "destination"'
# Coordinates anywhere: the country from the borders, the airport nearest.
trip '{"name":"Kyoto office","lat":35.0116,"lon":135.7681}'
check "a point in Japan: JP, no rail, lands at a Japanese airport" '.destination.source == "coordinates" and .destination.country == "JP" and .ruling.rule == "no_rail" and ((.modes[] | select(.mode == "plane")).airports.to.country == "JP")'
trip '{"name":"Quito","lat":-0.2299,"lon":-78.5250}'
check "a point in Ecuador: EC" '.destination.country == "EC" and .ruling.mode == "plane"'

# --- answers: what was understood -------------------------------------------
trip '"Tampere"'
check "Tampere: the place as found (coordinates, id, population)" '.destination.name == "Tampere" and (.destination.lat - 61.4991 | fabs) < 0.01 and (.destination.lon - 23.7871 | fabs) < 0.01 and .destination.geonameid == 634963 and .destination.population > 150000'
check "Tampere: the nearest listed is Helsinki, as context" '.destination.nearest_listed.id == "helsinki" and (.destination.nearest_listed.distance_km > 150 and .destination.nearest_listed.distance_km < 170) and (.ruling.reasons[-1] | test("^Tampere is 1[56][0-9] km from Helsinki, which is on the list$"))'
trip '"Leicester"'
check "Leicester: Nottingham is the nearest listed (about 35 km)" '.destination.nearest_listed.id == "nottingham" and .destination.nearest_listed.distance_km < 45 and (.ruling.reasons | map(select(test("from Nottingham, which is on the list"))) | length) == 1'
check "Leicester: the context does not change the rule" '.ruling.rule == "near" and .ruling.reasons[0] != .ruling.reasons[-1]'

trip '"Wiesbaden"'
check "Wiesbaden: the list comes first" '.destination.source == "list" and .destination.id == "wiesbaden" and .ruling.rule == "listed" and (.destination | has("nearest_listed") | not) and (.destination | has("geonameid") | not)'
trip '"Frankfurt"'
check "Frankfurt: the list's Frankfurt am Main, without a note" '.destination.source == "list" and .destination.id == "frankfurt" and (.destination | has("note") | not)'
trip '{"name":"Lille","country":"BE"}'
check "Lille in BE: not the list's (FR) but the Belgian town" '.destination.source == "gazetteer" and .destination.country == "BE" and .scope == "domestic" and .destination.population < 50000'
trip '{"name":"Lille"}'
check "Lille alone: the list" '.destination.source == "list" and .destination.id == "lille"'

trip '"Brest"'
check "Brest: two places; the larger (Belarus), and a note saying so" '.destination.source == "gazetteer" and .destination.country == "BY" and .destination.note == "Brest: 2 places of that name; took Brest (BY, \(.destination.population | tostring | if length > 3 then .[0:length-3] + "," + .[length-3:] else . end) inhabitants); add \"country\" to choose; also Brest (FR, \(.destination.others[0].population | tostring | if length > 3 then .[0:length-3] + "," + .[length-3:] else . end))"'
check "... and the other as data" '.destination.same_name == 1 and (.destination.others | length) == 1 and .destination.others[0].country == "FR" and .destination.others[0].geonameid == 3030300 and .destination.others[0].population > 100000 and (.destination.others[0].lat - 48.39 | fabs) < 0.01'
trip '{"name":"Brest","country":"FR"}'
check "Brest in FR: the French one, no note, working_day" '.destination.country == "FR" and (.destination | has("note") | not) and .ruling.rule == "working_day" and .ruling.mode == "train" and .ruling.strength == "mandatory"'
trip '{"name":"Frankfurt (Oder)"}'
check "Frankfurt (Oder) by its full name: the gazetteer's, no note" '.destination.source == "gazetteer" and .destination.name == "Frankfurt (Oder)" and (.destination | has("note") | not)'

# --- unknown in both -----------------------------------------------------------
trip '"Keulenn"'
check_status "Keulenn: 422" 422
check "Keulenn: the list's suggestion still first" '.suggestions[0].name == "Keulen" and .suggestions[0].id == "cologne"'
trip '"Tamperre"'
check_status "Tamperre: 422" 422
check "Tamperre: the gazetteer suggests Tampere (no id)" '.suggestions[0].name == "Tampere" and .suggestions[0].id == null and (.detail | test("Did you mean: Tampere"))'
trip '{"name":"Tamperre","country":"SE"}'
check "Tamperre in SE: nothing close there" '(.suggestions | length) == 0 and (.errors[0].message | test("in SE"))'
trip '"Xyzzyqwv"'
check "Xyzzyqwv: 422 without suggestions" '.status == 422 and (.suggestions | length) == 0 and .errors[0].field == "destination"'

# --- points ----------------------------------------------------------------------
trip '{"name":"Palma","country":"ES","lat":39.5696,"lon":2.6502}'
check "a point with its country: source coordinates" '.destination.source == "coordinates" and (.destination | has("geonameid") | not) and .ruling.rule == "no_rail"'
trip '{"name":"Mainz","lat":49.9929,"lon":8.2473}'
check "a point without country: the country from the borders" '.destination.source == "coordinates" and .destination.country == "DE" and .scope == "multi_day_foreign"'
check "Mainz: Wiesbaden is the nearest listed, about 10 km" '.destination.nearest_listed.id == "wiesbaden" and .destination.nearest_listed.distance_km < 15 and (.ruling.reasons[-1] | test("^Mainz is [0-9]+ km from Wiesbaden, which is on the list$"))'
trip '{"lat":51.2089,"lon":3.2242}'
check "a point in Belgium without country or name: domestic" '.destination.country == "BE" and .scope == "domestic" and (.ruling.reasons[-1] | test("^The place is [0-9]+ km from "))'
bad "a point at sea without country: 422 naming destination.country" 422 destination.country '{"destination":{"lat":54.0,"lon":3.0},"departure_date":"2027-03-08","return_date":"2027-03-10"}'

# --- the client -------------------------------------------------------------------
out=$("$TRIPMODE" decide Brest --from 2027-03-08 --to 2027-03-10 2>&1); rc=$?
if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q '^Note: Brest: 2 places of that name; took Brest (BY, ' &&
    printf '%s\n' "$out" | grep -q '^Place: from the gazetteer (GeoNames [0-9]*), [0-9,]* inhabitants$' &&
    printf '%s\n' "$out" | grep -q '^Nearest on the list: Warszawa (warsaw), [0-9]* km$'; then
	ok "client: decide Brest shows the place, the note and the nearest listed"
else
	fail "client: decide Brest" "rc $rc: $out"
fi
out=$("$TRIPMODE" decide JFK --from 2027-03-08 --to 2027-03-10 2>&1); rc=$?
json=$("$TRIPMODE" decide JFK --from 2027-03-08 --to 2027-03-10 --json 2>/dev/null)
total=$(printf '%.2f' "$(jq -r '.modes[1].co2e_kg' <<<"$json")")
if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q '^Airport: JFK, John F Kennedy International Airport; the place it serves:$' &&
    printf '%s\n' "$out" | grep -qE "^plane: operation [0-9.]+ \+ fuel production [0-9.]+ \+ non-CO2 effects [0-9.]+ \+ hotel nights [0-9.]+ = $total kg CO2e$"; then
	ok "client: decide JFK names the airport and adds the plane's lines up to its total"
else
	fail "client: decide JFK" "rc $rc: $out"
fi
"$TRIPMODE" decide Tamperre --from 2027-03-08 --to 2027-03-10 >"$TMP/out" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q 'Did you mean: Tampere' "$TMP/out"; then ok "client: Tamperre exits 1 and suggests Tampere"; else fail "client: Tamperre" "rc $rc: $(cat "$TMP/out")"; fi

# --- import-places ------------------------------------------------------------------
stop_daemon
places=$(sqlite3 "$DB" 'SELECT count(*) FROM places' 2>/dev/null || echo "")
airports=$(sqlite3 "$DB" 'SELECT count(*) FROM airports' 2>/dev/null || echo "")
sqlite3 "$DB" 'DELETE FROM places; DELETE FROM countries; DELETE FROM airports' 2>/dev/null
out=$("$TRIPMODED" --db "$DB" import-places 2>"$TMP/err"); rc=$?
if [ $rc -eq 0 ] && [ "${airports:-0}" -gt 3000 ] && printf '%s\n' "$out" | grep -q "^$places places, [0-9]* countries, $airports airports$"; then
	ok "import-places: refills and prints the counts ($(printf '%s' "$out" | head -n 1))"
else
	fail "import-places" "rc $rc: $out $(cat "$TMP/err")"
fi
"$TRIPMODED" --db "$DB" import-places extra >/dev/null 2>&1
[ $? -eq 2 ] && ok "import-places with an argument: usage error (2)" || fail "import-places extra" "not 2"
start_daemon "$DB" || { finish; exit 1; }
trip '"Tampere"'
check "after import-places: Tampere found again" '.destination.source == "gazetteer" and .ruling.rule == "far"'
grep -q "[0-9]* destinations, $places places" "$TMP/daemon.log" && ok "the daemon logs how many places it knows" || fail "log: places" "$(head -n 2 "$TMP/daemon.log")"

finish
