#!/bin/bash
# Integration tests: the real tripmoded over real sockets, a real SQLite
# file, and the tripmode client.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

start_daemon || { finish; exit 1; }

# --- health and list ---------------------------------------------------
req GET /healthz
check "healthz is ok with the seeded list" '.status == "ok" and .destinations == 46 and .policy_version == 1 and .factor_set == "DESNZ-2025-plus"'

req GET /v1/destinations
check "list: 46 active entries, Köln among them" '.count == 46 and ([.destinations[] | select(.id == "cologne" and .name == "Köln" and .name_nl == "Keulen" and .country == "DE")] | length) == 1'
check "list: every rail time has a source" '[.destinations[] | select(.rail_hours != null and (.rail_source | length) == 0)] | length == 0'
check "list: estimates are labelled" '[.destinations[] | select(.id == "lille")][0].rail_estimated == true and [.destinations[] | select(.id == "paris")][0].rail_estimated == false'

req GET '/v1/destinations?q=keulen'
check "list: search by Dutch name" '.count == 1 and .destinations[0].id == "cologne"'
req GET '/v1/destinations?country=FR'
check "list: filter by country" '.count >= 6 and ([.destinations[].country] | unique) == ["FR"]'

req GET /v1/destinations '' -H 'Accept: text/csv'
if head -n 1 "$TMP/body" | grep -q '^id,name,name_nl,name_en,aliases,country,lat,lon,' &&
    grep -qi '^content-type: text/csv' "$TMP/headers" &&
    [ "$(grep -c $'\r$' "$TMP/body")" -eq 47 ]; then
	ok "list: CSV with the JSON field names as header, one row per entry"
else
	fail "list: CSV" "$(head -n 2 "$TMP/body")"
fi

req GET /v1/destinations/cologne
check "entry: cologne, train mandatory, 2.3 h sourced" '.id == "cologne" and .mode == "train" and .strength == "mandatory" and .rail_hours == 2.3 and .rail_estimated == false and .version == 1'
etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$TMP/headers")
if [ -n "$etag" ]; then ok "entry: has an ETag ($etag)"; else fail "entry: ETag" "none"; fi
req GET /v1/destinations/cologne "" -H "If-None-Match: $etag"
check_status "entry: If-None-Match with the ETag gives 304" 304

# --- rulings -------------------------------------------------------------
decide '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","travellers":2}'
check_status "Keulen: 200" 200
check "Keulen: listed, train mandatory" '.destination.id == "cologne" and .destination.listed == true and .scope == "multi_day_foreign" and .nights == 2 and .travellers == 2 and .ruling.mode == "train" and .ruling.strength == "mandatory" and .ruling.rule == "listed"'
check "Keulen: the reason names the list" '.ruling.reasons[0] | test("list")'
check "Keulen: 1st class allowed (2.3 h)" '[.ruling.advice[] | select(test("1st class"))] | length == 1'
check "Keulen: four modes, train first, others need an exception" '[.modes[].mode] == ["train","plane","car","coach"] and .modes[0].allowed == true and ([.modes[1:][] | .requires] | unique) == ["exception"]'
check "Keulen: train hours from the list, not estimated" '.modes[0].hours == 2.3 and .modes[0].estimated == false and .rail.estimated == false'
# Numbers are reproducible from the answer: distance x factor x travellers.
# The train leg by leg: each stretch km x its factor x 2 travellers x 2
# ways, a leg the sum of its stretches, the train the sum of its legs.
check "Keulen: the list's hours decide, the network's route beside them" '.rail.decided_by == "list" and .rail.route.method == "network" and .rail.route.network_version == 1 and .rail.route.hours > 2.3 and .rail.route.hours < 3.5 and .distance_km > 226 and .distance_km < 231'
check "Keulen: every line of every mode is quantity x factor, every mode the sum of its lines" 'all(.modes[] | select(.feasible); . as $m | all(.lines[]; ((.quantity * .factor) - .co2e_kg | fabs) < 0.006 and (.source | length) > 0 and (.basis | length) > 0 and .year >= 2009) and ((([.lines[].co2e_kg] | add) - $m.co2e_kg) | fabs) < 0.006 and ((([.lines[] | select(.kind != "non_co2") | .co2e_kg] | add) - ($m.co2_kg_without_rf // $m.co2e_kg)) | fabs) < 0.006)'
check "Keulen: train operation = the legs, each stretch km x factor x 2 x 2; fuel production; 2 hotel nights x 2 rooms" '.modes[0] as $t | .rail.route as $r | $t.factor.source == "leg by leg over the rail network (rail.route): each stretch at its operator'"'"'s or country'"'"'s factor" and ((([$r.legs[].co2e_kg] | add) - ([$t.lines[] | select(.kind == "operation") | .co2e_kg] | add)) | fabs) < 0.03 and all($r.legs[]; ([.stretches[].co2e_kg] | add * 100 | round) == (.co2e_kg * 100 | round)) and all($r.legs[].stretches[]; ((.km * .value * 2 * 2) - .co2e_kg | fabs) < 0.006 and $r.factors[.factor].value == .value) and ((([$r.legs[].km] | add) * 2) - $t.distance_km | fabs) < 0.06 and (($t.co2e_kg / 2) - $t.co2e_kg_per_traveller | fabs) < 0.006 and ([$t.lines[] | select(.kind == "fuel_production")] | length) == ([$t.lines[] | select(.kind == "operation")] | length) and ($t.lines[] | select(.kind == "hotel") | .quantity == 4 and .factor == 13.2 and .key == "DE") and $t.hotel_nights == 2'
check "Keulen: Gent -> Brussels (SNCB, BE) -> Köln Hbf (DB ICE), the ICE split at the borders at each country's factor" '.rail.route.legs as $l | $l[0].from == "Gent-Sint-Pieters" and $l[0].operator == "SNCB/NMBS" and $l[0].countries == ["BE"] and $l[1].to == "Köln Hbf" and $l[1].operator == "DB ICE" and ($l[1].countries | first) == "BE" and ($l[1].countries | last) == "DE" and ([$l[1].stretches[].country] == $l[1].countries) and ((([$l[1].stretches[].km] | add) - $l[1].km) | fabs) < 0.06 and ($l[1].stretches | last | .factor == "DE" and .value == 0.046) and (.rail.route.factors.DE | .of == "country" and .value == 0.046 and (.source | test("UBA"))) and ($l[1].source | test("^https?://")) and ($l[1].source_date | length) > 0'
check "Keulen: plane, a domestic-band flight to CGN: operation, non-CO2 and fuel production, the rail to BRU and from CGN, hotel" '.modes[1] as $p | $p.flight_band == "domestic" and $p.airports.to.code == "CGN" and ([$p.lines[] | select(.part == "journey") | [.kind, .factor]] == [["operation", 0.13552], ["non_co2", 0.09376], ["fuel_production", 0.0335]]) and all($p.lines[] | select(.part == "journey"); .quantity == $p.distance_km * 2) and ($p.lines[] | select(.part == "to_airport" and .kind == "operation") | .key == "BE" and .factor == 0.00994 and .quantity == $p.access.distance_km * 2) and ($p.lines[] | select(.part == "from_airport" and .kind == "operation") | .key == "DE" and .quantity == $p.egress.distance_km * 2) and ($p.lines[] | select(.kind == "non_co2") | .source | test("less")) and $p.co2e_kg > $p.co2_kg_without_rf'
check "Keulen: car = road distance x 0.16725 x 1 car, fuel production x 0.04399, hotel" '.modes[2] | .vehicles == 1 and .factor.value == 0.16725 and (.lines | length) == 3 and (.lines[0] | .kind == "operation" and .unit == "vkm" and .factor == 0.16725) and .lines[0].quantity == .distance_km and (.lines[1] | .kind == "fuel_production" and .factor == 0.04399) and .lines[2].kind == "hotel"'
check "Keulen: coach = distance x 0.030 (UBA) x 2, fuel production x 0.00656" '.modes[3] | .factor.value == 0.03 and (.lines[0] | .kind == "operation" and .factor == 0.03) and .lines[0].quantity == .distance_km * 2 and (.lines[1] | .kind == "fuel_production" and .factor == 0.00656)'
check "Keulen: train emits less than plane and car" '.modes[0].co2e_kg < .modes[1].co2e_kg and .modes[0].co2e_kg < .modes[2].co2e_kg'
check "Keulen: names policy and factor set" '.policy_version == 1 and .factor_set == "DESNZ-2025-plus"'

for name in 'KÖLN' 'koln' 'Cologne' 'cologne' 'Köln'; do
	decide "{\"destination\":\"$name\",\"departure_date\":\"2027-03-08\",\"return_date\":\"2027-03-10\"}"
	check "name \"$name\" resolves to cologne" '.destination.id == "cologne" and .ruling.rule == "listed"'
done

decide '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-08"}'
check "same-day Keulen: day_trip_foreign, at most recommended" '.scope == "day_trip_foreign" and .nights == 0 and .ruling.mode == "train" and .ruling.strength == "recommended" and .modes[1].requires == "justification"'

decide '{"destination":{"name":"Maastricht","country":"NL","lat":50.8496,"lon":5.7054},"departure_date":"2027-05-03","return_date":"2027-05-05"}'
check "Maastricht by coordinates: unlisted, near, train mandatory" '.destination.listed == false and .destination.id == null and .destination.name == "Maastricht" and .ruling.rule == "near" and .ruling.mode == "train" and .ruling.strength == "mandatory"'
check "Maastricht: rail time estimated, by the network" '.rail.estimated == true and .modes[0].estimated == true and .rail.decided_by == "network" and (.rail.method | test("^network: [0-9]+ legs?, [0-9]+ changes? \\(rail network version 1\\)$")) and .rail.hours == (.rail.route.minutes / 60 * 10 | round / 10)'

# The train below the coach and the plane where operators run low-carbon
# through trains (Eurostar, TGV INOUI, Lyria), every leg with its source.
for name in Parijs Lyon Marseille Genève Zürich Londen Barcelona; do
	decide "{\"destination\":\"$name\",\"departure_date\":\"2027-03-08\",\"return_date\":\"2027-03-10\"}"
	check "$name: train CO2 below the coach's and the plane's, leg by leg, every leg sourced" '.modes[0].co2e_kg < .modes[3].co2e_kg and .modes[0].co2e_kg < .modes[1].co2e_kg and ((([.rail.route.legs[].co2e_kg] | add) - ([.modes[0].lines[] | select(.kind == "operation") | .co2e_kg] | add)) | fabs) < 0.05 and .rail.route.factors as $f | all(.rail.route.legs[]; (.source | length) > 0 and all(.stretches[]; .value >= 0 and $f[.factor].value == .value and ($f[.factor].source | length) > 0 and ($f[.factor].year > 1990)))'
done

decide '{"destination":{"name":"Palma","country":"ES","lat":39.5696,"lon":2.6502},"departure_date":"2027-05-03","return_date":"2027-05-06"}'
check "Palma: off the rail network, plane free" '.ruling.rule == "no_rail" and .ruling.mode == "plane" and .ruling.strength == "free" and .destination.in_rail_zone == false and .modes[0].feasible == false'

decide '{"destination":{"name":"Reykjavik","country":"IS","lat":64.1466,"lon":-21.9426},"departure_date":"2027-05-03","return_date":"2027-05-06"}'
check "Reykjavik: no_rail" '.ruling.rule == "no_rail" and .ruling.mode == "plane"'

decide '{"destination":"Kanazawa","departure_date":"2027-05-03","return_date":"2027-05-10"}'
check "Kanazawa: listed, plane free, long-haul factor" '.ruling.rule == "listed" and .ruling.mode == "plane" and .ruling.strength == "free" and .modes[1].factor.value == 0.11704'

decide '{"destination":{"name":"Athina","country":"GR","lat":37.9922,"lon":23.7203},"departure_date":"2027-05-03","return_date":"2027-05-06"}'
check "Athens by coordinates: far, plane free, train as alternative" '.ruling.rule == "far" and .ruling.mode == "plane" and .ruling.strength == "free" and .modes[0].feasible == true'

decide '{"destination":{"name":"Nürnberg","country":"DE","lat":49.4459,"lon":11.0826},"departure_date":"2027-05-03","return_date":"2027-05-06"}'
check "Nürnberg by coordinates: beyond 500 km, within a working day" '.distance_km > 500 and .ruling.rule == "working_day" and .ruling.strength == "mandatory"'

decide '{"destination":{"name":"Liège","country":"BE","lat":50.6246,"lon":5.5668},"departure_date":"2027-05-03","return_date":"2027-05-04","travellers":3}'
check "Liège: domestic, train recommended, no plane" '.scope == "domestic" and .ruling.mode == "train" and .ruling.strength == "recommended" and .modes[1].allowed == false and .modes[1].requires == "not_offered"'

decide '{"destination":"Berlin","departure_date":"2027-05-03","return_date":"2027-05-06","online_possible":true,"travellers":5}'
check "online first comes first" '.ruling.advice[0] | test("^Online first")'
check "5 travellers need 2 cars" '.modes[2].vehicles == 2 and (.modes[2].lines[0] | .kind == "operation" and .factor == 0.16725) and .modes[2].lines[0].quantity == .modes[2].distance_km * 2 and ((.modes[2].distance_km * 0.16725 * 2) - .modes[2].lines[0].co2e_kg | fabs) < 0.006'

decide '{"destination":"Barcelona","departure_date":"2027-05-03","return_date":"2027-05-06"}'
check "Barcelona: train recommended (8.75 h)" '.ruling.rule == "listed" and .ruling.strength == "recommended" and .modes[1].allowed == true and .modes[1].requires == "justification"'

decide '{"destination":"Lisbon","departure_date":"2027-05-03","return_date":"2027-05-06","cabin_class":"business"}'
check "Lisbon in business: short-haul business factor" '.ruling.mode == "plane" and .modes[1].factor.value == 0.18863'

# --- bad input: every error is problem+json naming the field -------------
bad "malformed JSON" 400 body '{"destination":'
bad "not an object" 400 body '["Keulen"]'
bad "duplicate key" 400 body '{"destination":"Keulen","destination":"Parijs","departure_date":"2027-03-08","return_date":"2027-03-10"}'
bad "unknown field (typo)" 400 destinaton '{"destinaton":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"}'
bad "missing destination" 422 destination '{"departure_date":"2027-03-08","return_date":"2027-03-10"}'
bad "impossible date" 422 departure_date '{"destination":"Keulen","departure_date":"2027-02-30","return_date":"2027-03-10"}'
bad "date of the wrong type" 400 return_date '{"destination":"Keulen","departure_date":"2027-03-08","return_date":20270310}'
bad "return before departure" 422 return_date '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-01"}'
bad "zero travellers" 422 travellers '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","travellers":0}'
bad "travellers as a string" 400 travellers '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","travellers":"2"}'
bad "latitude out of range" 422 destination.lat '{"destination":{"name":"X","country":"DE","lat":95,"lon":7},"departure_date":"2027-03-08","return_date":"2027-03-10"}'
bad "unknown country code" 422 destination.country '{"destination":{"name":"X","country":"XX","lat":50,"lon":7},"departure_date":"2027-03-08","return_date":"2027-03-10"}'
bad "a point in no country needs a country" 422 destination.country '{"destination":{"lat":54.0,"lon":3.0},"departure_date":"2027-03-08","return_date":"2027-03-10"}'
decide '{"destination":{"lat":50.7374,"lon":7.0982},"departure_date":"2027-03-08","return_date":"2027-03-10"}'
check "a point without country: the country comes from the borders" '.destination.country == "DE" and .scope == "multi_day_foreign"'
bad "unknown field in destination" 400 destination.lng '{"destination":{"name":"X","country":"DE","lat":50,"lng":7},"departure_date":"2027-03-08","return_date":"2027-03-10"}'
bad "online_possible not a boolean" 400 online_possible '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","online_possible":"yes"}'
bad "unknown cabin class" 422 cabin_class '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","cabin_class":"luxury"}'
bad "unknown place" 422 destination '{"destination":"Keulenn","departure_date":"2027-03-08","return_date":"2027-03-10"}'
check "unknown place suggests Keulen first" '.suggestions[0].name == "Keulen" and .suggestions[0].id == "cologne" and (.detail | test("Keulen"))'

head -c 70000 /dev/zero | tr '\0' ' ' >"$TMP/big"
STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$TMP/big" "$URL/v1/decisions")
check_status "body over 64 KiB: 413" 413
check "413 is problem+json naming the body" '.status == 413 and .errors[0].field == "body"'

req POST /v1/decisions '' -H 'Content-Type: text/plain' --data-binary 'Keulen'
check_status "wrong content type: 415" 415
check "415 names Content-Type" '.errors[0].field == "Content-Type"'

STATUS=$(curl -s -o "$TMP/body" -w '%{http_code}' -H "X-Big: $(head -c 9000 /dev/zero | tr '\0' a)" "$URL/healthz")
case "$STATUS" in 4*) ok "headers over 8 KiB refused ($STATUS)" ;; *) fail "headers over 8 KiB" "status $STATUS" ;; esac

req GET '/v1/destinations?colour=red'
check_status "unknown query parameter: 400" 400
check "unknown query parameter is named" '.errors[0].field == "colour"'
req GET /v1/destinations/atlantis
check_status "unknown id: 404" 404
req DELETE /v1/decisions
check_status "wrong method: 405" 405
grep -qi '^allow: POST' "$TMP/headers" && ok "405 says which method is allowed" || fail "405 Allow" "$(cat "$TMP/headers")"
req GET /nowhere
check_status "unknown path: 404 problem+json" 404

# --- robustness: garbage, stalls --------------------------------------------
for i in 1 2 3 4 5; do
	head -c 2000 /dev/urandom >"$TMP/junk"
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT" && cat "$TMP/junk" >&3 && timeout 2 cat <&3 >/dev/null) 2>/dev/null
done
printf 'POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 999999999\r\n\r\n{' >"$TMP/liar"
(exec 3<>"/dev/tcp/127.0.0.1/$PORT" && cat "$TMP/liar" >&3 && timeout 2 cat <&3 >/dev/null) 2>/dev/null
req GET /healthz
check "still serving after garbage and a lying Content-Length" '.status == "ok"'

exec 4<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n' >&4
req GET /healthz
check "a stalled client does not hold the daemon" '.status == "ok"'
exec 4>&-

# --- the client ----------------------------------------------------------------
out=$("$TRIPMODE" decide Keulen --from 2027-03-08 --to 2027-03-10 --travellers 2 2>&1); rc=$?
if [ $rc -eq 0 ] && printf '%s' "$out" | grep -q 'Köln' && printf '%s' "$out" | grep -qi 'mandatory'; then
	ok "client: decide Keulen prints the ruling"
else
	fail "client: decide Keulen" "rc $rc: $out"
fi
"$TRIPMODE" decide Keulen --from 2027-03-08 --to 2027-03-10 --json >"$TMP/cli.json" 2>&1
check "client: --json is the server's answer" '.ruling.rule == "listed" and .destination.id == "cologne"' "$TMP/cli.json"
"$TRIPMODE" decide Keulenn --from 2027-03-08 --to 2027-03-10 >"$TMP/out" 2>&1; rc=$?
if [ $rc -eq 1 ] && grep -q 'Keulen' "$TMP/out"; then ok "client: unknown place exits 1 and suggests Keulen"; else fail "client: unknown place" "rc $rc: $(cat "$TMP/out")"; fi
"$TRIPMODE" decide Keulen --from 2027-02-30 --to 2027-03-10 >"$TMP/out" 2>&1; rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/out")" -eq 1 ] && grep -q -- '--from' "$TMP/out"; then ok "client: bad date exits 2 with one line naming --from"; else fail "client: bad date" "rc $rc: $(cat "$TMP/out")"; fi
"$TRIPMODE" --url http://127.0.0.1:1 decide Keulen --from 2027-03-08 --to 2027-03-10 >"$TMP/out" 2>&1; rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/out")" -eq 1 ]; then ok "client: no server exits 2 with one line"; else fail "client: no server" "rc $rc: $(cat "$TMP/out")"; fi
"$TRIPMODE" decide >"$TMP/out" 2>&1; rc=$?
if [ $rc -eq 2 ]; then ok "client: missing arguments exit 2"; else fail "client: usage" "rc $rc"; fi
out=$("$TRIPMODE" destinations list 2>&1); rc=$?
if [ $rc -eq 0 ] && printf '%s' "$out" | grep -q 'cologne' && [ "$(printf '%s\n' "$out" | grep -c 'mandatory\|recommended\|free')" -ge 46 ]; then ok "client: destinations list"; else fail "client: destinations list" "rc $rc: $(printf '%s' "$out" | head -5)"; fi
"$TRIPMODE" destinations show cologne --json >"$TMP/cli.json" 2>&1
check "client: destinations show --json" '.id == "cologne" and .rail_hours == 2.3' "$TMP/cli.json"
"$TRIPMODE" destinations show atlantis >"$TMP/out" 2>&1; rc=$?
if [ $rc -eq 1 ]; then ok "client: unknown id exits 1"; else fail "client: unknown id" "rc $rc"; fi

# --- stop and restart ---------------------------------------------------------
stop_daemon
if [ "$DAEMON_RC" -eq 0 ] && grep -q 'stopped' "$TMP/daemon.log"; then ok "SIGTERM: clean exit 0"; else fail "SIGTERM" "rc $DAEMON_RC: $(tail -3 "$TMP/daemon.log")"; fi
# Under --enable-sanitizers the daemon reports to its log; nothing may be there.
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP/daemon.log"; then fail "daemon log: no sanitizer report" "$(grep -A5 -E 'Sanitizer|runtime error' "$TMP/daemon.log" | head -20)"; else ok "daemon log: no sanitizer report"; fi
start_daemon
req GET /healthz
check "restart on the same database: not seeded twice" '.destinations == 46'
if [ "$(sqlite3 "$TMP/tripmode.db" 'PRAGMA journal_mode; PRAGMA integrity_check;' | tr '\n' ' ')" = "wal ok " ]; then ok "database: WAL and integrity ok"; else fail "database" "$(sqlite3 "$TMP/tripmode.db" 'PRAGMA journal_mode; PRAGMA integrity_check;')"; fi

# A request in flight when SIGTERM arrives is still answered.
body='{"destination":"Parijs","departure_date":"2027-03-08","return_date":"2027-03-09"}'
exec 5<>"/dev/tcp/127.0.0.1/$PORT"
printf 'POST /v1/decisions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' "${#body}" >&5
sleep 0.1
kill -TERM "$DAEMON_PID"
sleep 0.1
printf '%s' "$body" >&5
resp=$(timeout 5 cat <&5)
exec 5>&-
if printf '%s' "$resp" | head -n 1 | grep -q '^HTTP/1.1 200' && printf '%s' "$resp" | grep -q '"id":"paris"'; then ok "SIGTERM: the request in flight is answered"; else fail "SIGTERM in flight" "$(printf '%s' "$resp" | head -c 300)"; fi
wait "$DAEMON_PID"; rc=$?; DAEMON_PID=""
if [ $rc -eq 0 ]; then ok "SIGTERM with a request in flight: exit 0"; else fail "SIGTERM in flight exit" "rc $rc"; fi

start_daemon
kill -INT "$DAEMON_PID"; wait "$DAEMON_PID"; rc=$?; DAEMON_PID=""
if [ $rc -eq 0 ] && grep -q 'received SIGINT' "$TMP/daemon.log"; then ok "SIGINT: clean exit 0"; else fail "SIGINT" "rc $rc"; fi

"$TRIPMODED" --listen nonsense >"$TMP/out" 2>&1; rc=$?
if [ $rc -eq 2 ] && grep -q -- '--listen' "$TMP/out"; then ok "tripmoded: bad --listen exits 2"; else fail "tripmoded --listen" "rc $rc"; fi
"$TRIPMODED" --help | grep -q -- '--db FILE' && ok "tripmoded: --help" || fail "tripmoded --help" "no --db"
"$TRIPMODED" --version | grep -q '^tripmoded [0-9]' && ok "tripmoded: --version" || fail "tripmoded --version" ""

finish
