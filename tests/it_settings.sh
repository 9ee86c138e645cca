#!/bin/bash
# The policy, the factor sets and the zones over HTTP: versions, ETags,
# If-Match, every error named, history, roles, and rulings that change at
# once when an administrator changes a threshold, a factor or a zone.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

DB=$TMP/tripmode.db
ADMIN=$(make_key admin ops "$DB")
STAFF=$(make_key staff desk "$DB")
if [[ $ADMIN =~ ^tm_ && $STAFF =~ ^tm_ ]]; then ok "admin and staff keys made"; else fail "keys" "got '$ADMIN' '$STAFF'"; fi
AS_ADMIN="Authorization: Bearer $ADMIN"
AS_STAFF="Authorization: Bearer $STAFF"

start_daemon "$DB" || { finish; exit 1; }

# etag: the ETag of the last answer.
etag() { sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$TMP/headers"; }

# An unlisted place about 7 h away over the rail network (Berlin Hbf by
# its coordinates): a working day at the seeded 8 h, beyond one at 6 h.
BERLIN_HBF='{"destination":{"name":"Berlin Hbf","country":"DE","lat":52.525,"lon":13.369},"departure_date":"2027-05-03","return_date":"2027-05-06"}'
KEULEN='{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","travellers":2}'
CORK='{"destination":{"name":"Cork","country":"IE","lat":51.8985,"lon":-8.4756},"departure_date":"2027-05-03","return_date":"2027-05-06"}'
VALLETTA='{"destination":{"name":"Valletta","country":"MT","lat":35.8989,"lon":14.5146},"departure_date":"2027-05-03","return_date":"2027-05-06"}'
BOWTIE='{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}}'

# --- policy ------------------------------------------------------------
req GET /v1/policy
check_status "policy: GET 200 without a key on loopback" 200
check "policy: version 1 by seed, with the thresholds and their sources" '.version == 1 and .updated_by == "seed" and (.updated_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T")) and .working_day_hours == 8 and .long_day_hours == 12 and .near_km == 500 and (.sources.working_day_hours | test("working day")) and (.sources | length) >= 20'
[ "$(etag)" = '"1"' ] && ok "policy: ETag \"1\"" || fail "policy ETag" "$(etag)"
jq '.working_day_hours = 6' "$TMP/body" >"$TMP/policy6.json"
jq '.near_km = 0 | .car_capacity = 12 | .origin_country = "be" | .long_day_hours = 5' "$TMP/body" >"$TMP/policy-bad.json"
jq '.nearkm = 500' "$TMP/body" >"$TMP/policy-typo.json"
req GET /v1/policy '' -H 'If-None-Match: "1"'
check_status "policy: If-None-Match with the ETag gives 304" 304

decide "$BERLIN_HBF"
check "Berlin Hbf at 6-8 h: working_day, train mandatory, policy version 1" '.ruling.rule == "working_day" and .ruling.strength == "mandatory" and .policy_version == 1 and .rail.estimated == true and .rail.hours > 6 and .rail.hours < 8'

req PUT /v1/policy "$(cat "$TMP/policy6.json")" -H 'If-Match: "1"'
check_status "policy: PUT without a key is 401" 401
req PUT /v1/policy "$(cat "$TMP/policy6.json")" -H 'If-Match: "1"' -H "$AS_STAFF"
check_status "policy: PUT with a staff key is 403" 403
req PUT /v1/policy "$(cat "$TMP/policy6.json")" -H "$AS_ADMIN"
check_status "policy: PUT without If-Match is 428" 428
check "policy: 428 names If-Match" '.status == 428 and .errors[0].field == "If-Match"'
req GET /v1/policy
check "policy: still version 1 after refused writes" '.version == 1 and .working_day_hours == 8'

req PUT /v1/policy "$(cat "$TMP/policy6.json")" -H 'If-Match: "1"' -H "$AS_ADMIN"
check_status "policy: PUT 8 h -> 6 h with If-Match is 200" 200
check "policy: version 2 by ops, working_day_hours 6" '.version == 2 and .updated_by == "ops" and .working_day_hours == 6 and .long_day_hours == 12'
check "policy: the changed figure's old source is replaced, the others kept" '(.sources.working_day_hours | test("changed by ops")) and (.sources.near_km | test("Flemish"))'
[ "$(etag)" = '"2"' ] && ok "policy: new ETag \"2\"" || fail "policy new ETag" "$(etag)"

# The very next ruling uses the new threshold.
decide "$BERLIN_HBF"
check "Berlin Hbf with 6 h: at once night_or_long_day, train recommended, policy version 2" '.ruling.rule == "night_or_long_day" and .ruling.mode == "train" and .ruling.strength == "recommended" and .policy_version == 2'
req GET /healthz
check "healthz names policy version 2" '.policy_version == 2'

req PUT /v1/policy "$(cat "$TMP/policy6.json")" -H 'If-Match: "1"' -H "$AS_ADMIN"
check_status "policy: a stale If-Match is 412" 412
check "policy: 412 says who changed it, when, and the version now" '.status == 412 and (.detail | test("ops")) and (.detail | test("[0-9]{4}-[0-9]{2}-[0-9]{2}T")) and (.detail | test("version 2")) and .current_version == 2 and .changed_by == "ops"'
req PUT /v1/policy "$(cat "$TMP/policy6.json")" -H 'If-Match: banana' -H "$AS_ADMIN"
check_status "policy: a malformed If-Match is 400" 400

req PUT /v1/policy "$(cat "$TMP/policy-bad.json")" -H 'If-Match: "2"' -H "$AS_ADMIN"
check_status "policy: invalid values are 422" 422
check "policy: 422 lists every bad field" '([.errors[].field] | sort) == ["car_capacity","long_day_hours","near_km","origin_country"]'
req PUT /v1/policy "$(cat "$TMP/policy-typo.json")" -H 'If-Match: "2"' -H "$AS_ADMIN"
check_status "policy: an unknown field is 400" 400
check "policy: 400 names the unknown field" '[.errors[].field] == ["nearkm"]'
req PUT /v1/policy '{"near_km":' -H 'If-Match: "2"' -H "$AS_ADMIN"
check_status "policy: malformed JSON is 400" 400

req GET /v1/policy/history
check "policy history: two versions, who and what changed" '(.versions | length) == 2 and .versions[0].changed_by == "seed" and .versions[0].action == "create" and .versions[1].version == 2 and .versions[1].changed_by == "ops" and .versions[1].changes.working_day_hours == {"from": 8, "to": 6} and (.versions[1].changes | keys) == ["sources.working_day_hours","working_day_hours"] and .versions[1].policy.working_day_hours == 6'

# --- factor sets ---------------------------------------------------------
req GET /v1/factors
check "factors: DESNZ-2025-plus version 2, current, with its sources; DESNZ-2025 version 1 to choose" '.name == "DESNZ-2025-plus" and .year == 2025 and .version == 2 and .updated_by == "seed" and .rail.value == 0.03546 and (.rail.source | test("DESNZ")) and .rail_operators.Eurostar.value == 0.00446 and .rail_countries.FR.value == 0.0023 and all(.rail_countries[]; (.source | length) > 0 and (.basis | length) > 0 and .year >= 2009) and .sets == [{"name":"DESNZ-2025","year":2025,"version":1,"current":false},{"name":"DESNZ-2025-plus","year":2025,"version":2,"current":true}] and .wtt.rail_share.value == 0.25296 and .hotel.countries.BE.value == 12.2 and .domestic_max_km == 1000 and .flight.domestic.with_rf.value == 0.22928'
[ "$(etag)" = '"2"' ] && ok "factors: ETag \"2\"" || fail "factors ETag" "$(etag)"
# A set without rail by operator or country: every stretch at .rail.
jq '.name = "TEST-2026" | .year = 2026 | .rail.value = 0.05 | .rail.source = "test figure" | del(.rail_operators, .rail_countries, .wtt, .hotel, .domestic_max_km, .flight.domestic)' "$TMP/body" >"$TMP/factors2.json"
jq '.rail.value = 0 | .car.unit = "kg CO2e/pkm" | del(.flight.long_haul.without_rf.first) | .wtt.rail_share.value = 1.5 | .hotel.countries.XX = .hotel.countries.BE | del(.flight.domestic)' "$TMP/body" >"$TMP/factors-bad.json"

decide "$KEULEN"
check "Keulen with DESNZ-2025-plus: stretches at the countries' factors" '.factor_set == "DESNZ-2025-plus" and ([.rail.route.factors | to_entries[] | select(.value.of == "country") | .key] | sort) == ["BE","DE","NL"] and ([.rail.route.legs[].stretches[].value] | index(0.046)) != null'
before=$(jq '.modes[0].co2e_kg' "$TMP/body")

req PUT /v1/factors "$(cat "$TMP/factors2.json")" -H "$AS_ADMIN"
check_status "factors: PUT without If-Match is 428" 428
req PUT /v1/factors "$(cat "$TMP/factors-bad.json")" -H 'If-Match: "2"' -H "$AS_ADMIN"
check_status "factors: invalid factors are 422" 422
check "factors: 422 lists every bad factor" '([.errors[].field] | sort) == ["car.unit","flight.domestic","flight.long_haul.without_rf.first","hotel.countries.XX","rail.value","wtt.rail_share.value"]'
req PUT /v1/factors "$(cat "$TMP/factors2.json")" -H 'If-Match: "2"' -H "$AS_STAFF"
check_status "factors: a staff key is 403" 403
req PUT /v1/factors "$(cat "$TMP/factors2.json")" -H 'If-Match: "2"' -H "$AS_ADMIN"
check_status "factors: PUT a new set with If-Match is 200" 200
check "factors: TEST-2026 is version 3 and current" '.name == "TEST-2026" and .version == 3 and .updated_by == "ops" and .rail.value == 0.05 and ([.sets[] | select(.current)] == [{"name":"TEST-2026","year":2026,"version":3,"current":true}]) and (.sets | length) == 3'
[ "$(etag)" = '"3"' ] && ok "factors: new ETag \"3\"" || fail "factors new ETag" "$(etag)"

decide "$KEULEN"
check "Keulen at once with TEST-2026: every stretch at the rail factor 0.05, CO2 = distance x 0.05 x 2, no fuel or hotel lines" '.factor_set == "TEST-2026" and all(.rail.route.legs[].stretches[]; .value == 0.05 and .factor == "rail") and .rail.route.factors.rail.source == "test figure" and ((.modes[0].distance_km * 0.05 * 2) - .modes[0].co2e_kg | fabs) < 0.03 and ([.modes[0].lines[].kind] == ["operation"])'
check "Keulen: train CO2 changed with the set" "(.modes[0].co2e_kg - $before | fabs) > 1"

req PUT /v1/factors "$(cat "$TMP/factors2.json")" -H 'If-Match: "2"' -H "$AS_ADMIN"
check_status "factors: a stale If-Match is 412" 412
check "factors: 412 names who and the version now" '(.detail | test("ops")) and .current_version == 3'
req GET /v1/factors/history
check "factors history: TEST-2026 replaced DESNZ-2025-plus, rail 0.03546 -> 0.05, by ops" '(.versions | length) == 3 and .versions[2].name == "TEST-2026" and .versions[2].changed_by == "ops" and .versions[2].current == true and .versions[1].current == false and .versions[0].current == false and .versions[2].changes["rail.value"] == {"from": 0.03546, "to": 0.05} and .versions[2].changes.name == {"from":"DESNZ-2025-plus","to":"TEST-2026"}'
req GET '/v1/factors/history?name=DESNZ-2025'
check "factors history ?name=: only that set" '(.versions | length) == 1 and .versions[0].name == "DESNZ-2025"'
req GET '/v1/factors/history?name=NOPE'
check_status "factors history of an unknown set is 404" 404

# --- zones ---------------------------------------------------------------
req GET /v1/zones/rail-europe
check "zone: a GeoJSON Feature, version 1 by seed" '.type == "Feature" and .id == "rail-europe" and .geometry.type == "MultiPolygon" and .properties.version == 1 and .properties.updated_by == "seed" and (.properties.name | test("Rail-connected"))'
[ "$(etag)" = '"1"' ] && ok "zone: ETag \"1\"" || fail "zone ETag" "$(etag)"
jq -c '.geometry.coordinates += [[[[-10.6,51.4],[-6.1,51.4],[-6.1,55.4],[-10.6,55.4],[-10.6,51.4]]]] | del(.properties)' "$TMP/body" >"$TMP/zone-ie.json"

req PUT /v1/zones/rail-europe "$BOWTIE" -H 'If-Match: "1"' -H "$AS_ADMIN"
check_status "zone: a bow tie is 422" 422
check "zone: 422 names geometry and where it crosses itself" '.errors[0].field == "geometry" and (.errors[0].message | test("^Self-intersection at or near \\(5, 5\\)$"))'
req GET /v1/zones/rail-europe
check "zone: unchanged after the invalid PUT" '.properties.version == 1 and (.geometry.coordinates | length) == 2'
req PUT /v1/zones/rail-europe '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[200,0],[0,1],[0,0]]]}}' -H 'If-Match: "1"' -H "$AS_ADMIN"
check "zone: a longitude out of range is 422 naming geometry" '.status == 422 and .errors[0].field == "geometry" and (.errors[0].message | test("longitude 200"))'

decide "$CORK"
check "Cork before: outside the rail zone, no_rail" '.ruling.rule == "no_rail" and .destination.in_rail_zone == false'
req PUT /v1/zones/rail-europe "$(cat "$TMP/zone-ie.json")" -H "$AS_ADMIN"
check_status "zone: PUT on an existing zone without If-Match is 428" 428
req PUT /v1/zones/rail-europe "$(cat "$TMP/zone-ie.json")" -H 'If-Match: "1"'
check_status "zone: PUT without a key is 401" 401
req PUT /v1/zones/rail-europe "$(cat "$TMP/zone-ie.json")" -H 'If-Match: "1"' -H "$AS_STAFF"
check_status "zone: PUT with a staff key is 403" 403
req PUT /v1/zones/rail-europe "$(cat "$TMP/zone-ie.json")" -H 'If-Match: "1"' -H "$AS_ADMIN"
check_status "zone: PUT with Ireland added is 200" 200
check "zone: version 2 by ops, three polygons, properties kept" '.properties.version == 2 and .properties.updated_by == "ops" and (.geometry.coordinates | length) == 3 and (.properties.name | test("Rail-connected"))'
decide "$CORK"
check "Cork at once: inside the rail zone, no longer no_rail" '.ruling.rule != "no_rail" and .destination.in_rail_zone == true'
req PUT /v1/zones/rail-europe "$(cat "$TMP/zone-ie.json")" -H 'If-Match: "1"' -H "$AS_ADMIN"
check_status "zone: a stale If-Match is 412" 412

req PUT /v1/zones/malta '{"type":"Feature","properties":{"name":"Malta","source":"test"},"geometry":{"type":"Polygon","coordinates":[[[14.1,35.7],[14.7,35.7],[14.7,36.1],[14.1,36.1],[14.1,35.7]]]}}' -H "$AS_ADMIN"
check_status "zone: a new zone is created: 201" 201
grep -qi '^location: /v1/zones/malta' "$TMP/headers" && ok "zone: 201 with Location" || fail "zone Location" "$(cat "$TMP/headers")"
decide "$VALLETTA"
check "Valletta at once: in the new zone" '.destination.in_rail_zone == true'

req GET /v1/zones/rail-europe/history
check "zone history: two versions, the geometry change summarised" '(.versions | length) == 2 and .versions[1].changed_by == "ops" and .versions[1].changes.geometry.from.polygons == 2 and .versions[1].changes.geometry.to.polygons == 3 and .versions[1].feature.type == "Feature"'
req GET /v1/zones/atlantis
check_status "zone: unknown id is 404" 404
req GET /v1/zones/atlantis/history
check_status "zone history: unknown id is 404" 404
req GET '/v1/policy?colour=red'
check_status "an unknown query parameter is 400" 400

# --- the rail network: a new version rules at once -------------------------
# (The network is larger than an argument may be: curl reads it, @FILE.)
req GET /v1/rail-network
check "rail network: version 1 by seed, every edge with its source" '.version == 1 and .updated_by == "seed" and .origin == "gent-sint-pieters" and (.hubs | length) >= 100 and all(.edges[]; (.source | length) > 0 and (.estimate == true or (.source_date | length) > 0))'
[ "$(etag)" = '"1"' ] && ok "rail network: ETag \"1\"" || fail "rail network ETag" "$(etag)"
jq '(.edges[] | select(.from == "brussels-midi" and .to == "koeln-hbf" and .kind == "day") | .minutes) = 200' "$TMP/body" >"$TMP/net2.json"
jq '.edges += [{"from":"gent-sint-pieters","to":"atlantis","minutes":0,"kind":"day","operator":"x","source":"test"}] | .hubs[1].lat = 95' "$TMP/body" >"$TMP/net-bad.json"
n_edges=$(jq '.edges | length' "$TMP/body")
decide "$KEULEN"
keulen_net=$(jq '.rail.route.minutes' "$TMP/body")
check "Keulen over network version 1: the ICE from Brussels in 105 min" '.rail.route.network_version == 1 and ([.rail.route.legs[] | select(.operator == "DB ICE") | .minutes] == [105])'
req PUT /v1/rail-network "@$TMP/net2.json" -H "$AS_ADMIN"
check_status "rail network: PUT without If-Match is 428" 428
req PUT /v1/rail-network "@$TMP/net2.json" -H 'If-Match: "1"' -H "$AS_STAFF"
check_status "rail network: a staff key is 403" 403
req PUT /v1/rail-network "@$TMP/net-bad.json" -H 'If-Match: "1"' -H "$AS_ADMIN"
check_status "rail network: a bad network is 422" 422
check "rail network: 422 names every bad field" "([.errors[].field] | sort) == ([\"edges[$n_edges].minutes\", \"edges[$n_edges].source_date\", \"edges[$n_edges].to\", \"hubs[1].lat\"] | sort)"
req PUT /v1/rail-network "@$TMP/net2.json" -H 'If-Match: "1"' -H "$AS_ADMIN"
check_status "rail network: PUT with If-Match is 200" 200
check "rail network: version 2 by ops" '.version == 2 and .updated_by == "ops"'
decide "$KEULEN"
check "Keulen at once over version 2: 95 minutes more" ".rail.route.network_version == 2 and .rail.route.minutes == ($keulen_net + 95) and .rail.decided_by == \"list\" and .rail.hours == 2.3"
req PUT /v1/rail-network "@$TMP/net2.json" -H 'If-Match: "1"' -H "$AS_ADMIN"
check_status "rail network: a stale If-Match is 412" 412
req GET /v1/rail-network/history
check "rail network history: the edge that changed, by whom" '(.versions | length) == 2 and .versions[1].changed_by == "ops" and .versions[1].changes == {"edges.brussels-midi>koeln-hbf/day.minutes": {"from": 105, "to": 200}} and (.versions[1].rail_network.edges | length) == (.versions[0].rail_network.edges | length)'

# --- the changes survive a restart ---------------------------------------
stop_daemon
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP/daemon.log"; then fail "daemon log: no sanitizer report" "$(grep -A5 -E 'Sanitizer|runtime error' "$TMP/daemon.log" | head -20)"; else ok "daemon log: no sanitizer report"; fi
start_daemon "$DB" || { finish; exit 1; }
req GET /healthz
check "restart: policy version 2 and TEST-2026 are still current" '.policy_version == 2 and .factor_set == "TEST-2026"'
decide "$KEULEN"
check "restart: rail network version 2 still rules" '.rail.route.network_version == 2'

finish
