#!/bin/bash
# Trip requests over HTTP: filing with the ruling stored beside them
# (compliant, exceptions, justifications, modes not offered), approval
# once by HR, roles, lists with filters and pages, CO2 reports in JSON and
# CSV that add up to the stored trips, bad input naming its field, and a
# daemon killed after acknowledging.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

DB=$TMP/trips.db
HR=$(make_key hr hr-anna "$DB")
HR2=$(make_key hr hr-bert "$DB")
STAFF=$(make_key staff desk "$DB")
if [[ $HR =~ ^tm_ && $HR2 =~ ^tm_ && $STAFF =~ ^tm_ ]]; then ok "keys made"; else fail "keys" "got '$HR' '$STAFF'"; finish; exit 1; fi
AH="Authorization: Bearer $HR"
AH2="Authorization: Bearer $HR2"
AS="Authorization: Bearer $STAFF"

start_daemon "$DB" || { finish; exit 1; }

# The value of a header of the last reply.
header() { sed -n "s/^$1: *\\(.*\\)\\r\$/\\1/Ip" "$TMP/headers" | tail -n 1; }

# named NAME STATUS FIELD: the last reply is STATUS problem+json naming FIELD.
named() {
	if [ "$STATUS" = "$2" ] &&
	    grep -qi '^content-type: application/problem+json' "$TMP/headers" &&
	    jq -e --arg f "$3" '[.errors[].field] | index($f) != null' "$TMP/body" >/dev/null 2>&1; then
		ok "$1"
	else
		fail "$1" "expected $2 naming $3; got $STATUS $(head -c 500 "$TMP/body")"
	fi
}

# file JSON [AUTH]: POST /v1/trips as the staff key.
file() { req POST /v1/trips "$1" -H "${2:-$AS}"; }

# trip DEST DEPARTURE RETURN DEPT MODE [EXTRA] [TRAVELLERS]: a request body.
trip() {
	printf '{"trip":{"destination":%s,"departure_date":"%s","return_date":"%s","travellers":%s},"traveller":{"name":"An Peeters","email":"an.peeters@stad.gent","department":"%s"},"chosen_mode":"%s"%s}' \
	    "$1" "$2" "$3" "${7:-1}" "$4" "$5" "${6:+,$6}"
}

LIEGE='{"name":"Liège","country":"BE","lat":50.6246,"lon":5.5668}'

# --- filing ------------------------------------------------------------------
file "$(trip '"Keulen"' 2027-03-08 2027-03-10 Milieudienst train '' 2)"
check_status "Keulen by train: 201" 201
[ "$(header Location)" = "/v1/trips/1" ] && ok "Keulen by train: Location /v1/trips/1" || fail "Location" "$(header Location)"
check "Keulen by train: compliant, pending, TR-2027-000001, filed by desk" '.id == 1 and .reference == "TR-2027-000001" and .status == "pending" and .compliant == true and .co2e_kg_difference == 0 and .created_by == "desk" and .approval == null and .exception == null and .justification == null'
check "Keulen by train: the ruling and destination stored with it" '.destination.id == "cologne" and .ruling.mode == "train" and .ruling.strength == "mandatory" and .ruling.rule == "listed" and .chosen_mode == "train" and .travellers == 2 and .departure_date == "2027-03-08" and .return_date == "2027-03-10" and .policy_version == 1 and .factor_set == "DESNZ-2025-plus"'
check "Keulen by train: CO2 figures are the decision's" '.co2e_kg_chosen == .decision.modes[0].co2e_kg and .co2e_kg_ruled == .decision.modes[0].co2e_kg and .co2e_kg_plane == .decision.modes[1].co2e_kg and .co2e_kg_chosen > 70 and .co2e_kg_chosen < 95'
check "Keulen by train: traveller as given" '.traveller == {"name":"An Peeters","email":"an.peeters@stad.gent","department":"Milieudienst"}'

file "$(trip '"Keulen"' 2027-03-15 2027-03-17 Milieudienst plane)"
named "Keulen by plane without an exception: 422 naming exception" 422 exception
check "... and the message says the ruling" '.errors[0].message | test("train, mandatory")'

file "$(trip '"Keulen"' 2027-03-15 2027-03-17 Milieudienst plane '"exception":{"reason":"medical"}')"
check_status "Keulen by plane with a medical exception: 201" 201
check "Keulen by plane: not compliant, the ruling unchanged" '.compliant == false and .reference == "TR-2027-000002" and .ruling.mode == "train" and .ruling.strength == "mandatory" and .exception == {"reason":"medical","text":null} and .chosen_mode == "plane"'
check "Keulen by plane: difference = plane - train of the stored decision" '(.co2e_kg_difference - (.decision.modes[1].co2e_kg - .decision.modes[0].co2e_kg) | fabs) < 0.006 and .co2e_kg_difference > 0 and .co2e_kg_chosen == .decision.modes[1].co2e_kg and .co2e_kg_ruled == .decision.modes[0].co2e_kg'

file "$(trip '"Barcelona"' 2027-05-08 2027-05-11 ICT plane)"
named "Barcelona (recommended) by plane without a justification: 422" 422 justification
file "$(trip '"Barcelona"' 2027-05-08 2027-05-11 ICT plane '"justification":"   "')"
named "... a blank justification is none: 422" 422 justification
file "$(trip '"Barcelona"' 2027-05-08 2027-05-11 ICT plane '"justification":"  Conference venue; the night train is full  "')"
check_status "Barcelona by plane with a justification: 201" 201
check "Barcelona by plane: compliant, justification kept (trimmed)" '.compliant == true and .ruling.strength == "recommended" and .justification == "Conference venue; the night train is full" and .reference == "TR-2027-000003" and .co2e_kg_difference > 100'

file "$(trip "$LIEGE" 2027-06-01 2027-06-02 Cultuur plane '"justification":"fast"')"
named "Liège (domestic) by plane: 422 chosen_mode" 422 chosen_mode
check "... the plane is not offered, the others are named" '.errors[0].message | test("not offered") and test("train, car, coach")'
file "$(trip '{"name":"Reykjavík","country":"IS","lat":64.1466,"lon":-21.9426}' 2027-06-01 2027-06-04 Cultuur train)"
named "Reykjavík by train (no rail): 422 chosen_mode" 422 chosen_mode

file "$(trip '"Barcelona"' 2027-05-20 2027-05-23 ICT train)"
check "Barcelona by train: compliant" '.compliant == true and .reference == "TR-2027-000004"'
file "$(trip '"Parijs"' 2027-04-01 2027-04-02 Cultuur train '' 3)"
check "Paris by train, 3 travellers" '.destination.id == "paris" and .travellers == 3 and .id == 5'
file "$(trip "$LIEGE" 2027-06-01 2027-06-02 Cultuur train)"
check "Liège by train: unlisted, domestic" '.destination.id == null and .destination.name == "Liège" and .decision.scope == "domestic" and .compliant == true and .id == 6'
file "$(trip '"Keulen"' 2028-01-10 2028-01-12 Milieudienst car '"exception":{"reason":"other","text":"carrying exhibition panels"}')"
check "Keulen by car in 2028: TR-2028-000001, exception other with text" '.reference == "TR-2028-000001" and .compliant == false and .exception == {"reason":"other","text":"carrying exhibition panels"}'

# --- roles ---------------------------------------------------------------------
req POST /v1/trips "$(trip '"Keulen"' 2027-03-08 2027-03-10 X train)"
check_status "filing without a key: 401" 401
req GET /v1/trips '' -H "$AS"
check_status "a staff key may not list trips: 403" 403
req GET /v1/trips/1 '' -H "$AS"
check_status "a staff key may not read a trip: 403" 403
req POST /v1/trips/1/approval '{"decision":"approve"}' -H "$AS"
check_status "a staff key may not approve: 403" 403
req GET /v1/reports/co2 '' -H "$AS"
check_status "a staff key may not see reports: 403" 403
file "$(trip '"Keulen"' 2027-03-08 2027-03-10 Milieudienst train)" "$AH"
check_status "a higher role (hr) may file too" 201
TR8=$(jq -r .id "$TMP/body")
check "... filed by hr-anna" '.created_by == "hr-anna"'

# --- approval --------------------------------------------------------------------
req POST /v1/trips/1/approval '{"decision":"approve","note":"fine"}' -H "$AH"
check_status "approve by hr: 200" 200
check "approved, by the key's name, with the note" '.status == "approved" and .approval.decision == "approve" and .approval.by == "hr-anna" and .approval.note == "fine" and (.approval.at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")) and .reference == "TR-2027-000001"'
req POST /v1/trips/1/approval '{"decision":"approve"}' -H "$AH2"
named "approving twice: 409" 409 decision
check "... says who decided when" '.detail | test("hr-anna")'
req POST /v1/trips/1/approval '{"decision":"reject","note":"changed my mind"}' -H "$AH2"
check_status "rejecting after approval: 409" 409
req GET /v1/trips/1 '' -H "$AH"
check "the first decision stands" '.status == "approved" and .approval.by == "hr-anna" and .approval.note == "fine"'
req POST /v1/trips/2/approval '{"decision":"reject","note":"take the train"}' -H "$AH2"
check "reject with a note: 200" '.status == "rejected" and .approval.decision == "reject" and .approval.by == "hr-bert" and .approval.note == "take the train"'
req POST /v1/trips/99/approval '{"decision":"approve"}' -H "$AH"
named "approving an unknown trip: 404" 404 id

# --- reading -------------------------------------------------------------------
req GET /v1/trips/3 '' -H "$AH"
check "GET /v1/trips/3: the whole trip with its decision" '.id == 3 and .reference == "TR-2027-000003" and .decision.destination.id == "barcelona" and (.decision.modes | length) == 4'
req GET /v1/trips/4242 '' -H "$AH"
named "GET an unknown trip: 404" 404 id
req GET /v1/trips/abc '' -H "$AH"
check_status "GET /v1/trips/abc: 404" 404

# ids LABEL QUERY COUNT IDS: a list's count and ids, newest first.
ids() {
	req GET "/v1/trips$2" '' -H "$AH"
	check "$1" ".count == $3 and [.trips[].id] == $4"
}
ids "list: all, newest first" '' 8 "[$TR8,7,6,5,4,3,2,1]"
check "list: no decision in the list" '[.trips[] | has("decision")] | any | not'
check "list: default limit 50, offset 0" '.limit == 50 and .offset == 0'
ids "list: status=pending" '?status=pending' 6 "[$TR8,7,6,5,4,3]"
ids "list: status=approved" '?status=approved' 1 '[1]'
ids "list: status=rejected" '?status=rejected' 1 '[2]'
ids "list: department=ICT" '?department=ICT' 2 '[4,3]'
ids "list: department=Milieudienst&status=pending" '?department=Milieudienst&status=pending' 2 "[$TR8,7]"
ids "list: from/to on the departure, inclusive" '?from=2027-04-01&to=2027-05-20' 3 '[5,4,3]'
ids "list: from only" '?from=2027-06-01' 2 '[7,6]'
ids "list: to only" '?to=2027-03-15' 3 "[$TR8,2,1]"
ids "list: page 2 of 3" '?limit=3&offset=3' 8 '[5,4,3]'
check "list: the page says its limit and offset" '.limit == 3 and .offset == 3'
ids "list: past the end" '?limit=3&offset=8' 8 '[]'
ids "list: filter and page" '?department=Cultuur&limit=1&offset=1' 2 '[5]'

# --- reports -----------------------------------------------------------------------
req GET '/v1/trips?limit=500' '' -H "$AH"
cp "$TMP/body" "$TMP/all.json"

# report_check GROUP KEY-EXPR [QUERY]: the report equals the stored trips
# summed with jq, in hundredths, group by group and in total.
report_check() {
	local g=$1 key=$2 q=${3:-} sel='select(.status != "rejected")'
	[ -n "$q" ] && sel="$sel | select(.departure_date >= \"${q%%,*}\" and .departure_date <= \"${q##*,}\")"
	req GET "/v1/reports/co2?group_by=$g${q:+&from=${q%%,*}&to=${q##*,}}" '' -H "$AH"
	check_status "report by $g${q:+ ($q)}: 200" 200
	jq --slurpfile all "$TMP/all.json" "
	    def c: . * 100 | round;
	    def sums: {trips: length, co2: (map(.co2e_kg_chosen | c) | add // 0),
	        avoided: (map((.co2e_kg_plane | c) - (.co2e_kg_chosen | c)) | add // 0),
	        train: (map(select(.chosen_mode == \"train\")) | length)};
	    def share: if .trips == 0 then 0 else (.train / .trips * 10000 | round) / 10000 end;
	    [\$all[0].trips[] | $sel] as \$t
	    | (\$t | group_by($key) | map({key: (.[0] | $key)} + sums) | map(. + {train_share: share} | del(.train)) | sort_by(.key)) as \$want
	    | (\$t | sums | . + {train_share: share} | del(.train)) as \$total
	    | .group_by == \"$g\"
	    and ([.groups[] | {key, trips, co2: (.co2e_kg | c), avoided: (.co2e_kg_avoided | c), train_share}] | sort_by(.key)) == \$want
	    and {trips: .total.trips, co2: (.total.co2e_kg | c), avoided: (.total.co2e_kg_avoided | c), train_share: .total.train_share} == \$total
	    and ([.groups[].co2e_kg | c] | add) == (.total.co2e_kg | c)
	    " "$TMP/body" >"$TMP/cmp" 2>&1
	if [ "$(cat "$TMP/cmp")" = "true" ]; then
		ok "report by $g${q:+ ($q)}: groups and total = the stored trips (jq)"
	else
		fail "report by $g${q:+ ($q)}" "$(cat "$TMP/cmp") $(head -c 800 "$TMP/body")"
	fi
}
report_check department '.traveller.department'
report_check mode '.chosen_mode'
report_check destination '(.destination.id // .destination.name)'
report_check month '.departure_date[0:7]'
report_check month '.departure_date[0:7]' 2027-03-01,2027-05-08
report_check department '.traveller.department' 2027-04-01,2027-06-30

req GET /v1/reports/co2 '' -H "$AH"
check "report: department by default, open range" '.group_by == "department" and .from == null and .to == null'
check "report: rejected trips left out (8 filed, 1 rejected)" '.total.trips == 7'
check "report: keys of the departments" '[.groups[].key] == ["Cultuur","ICT","Milieudienst"]'
req GET '/v1/reports/co2?group_by=mode' '' -H "$AH"
check "report by mode: train share 1 for trains, 0 for the rest" '([.groups[] | select(.key == "train")][0].train_share == 1) and ([.groups[] | select(.key != "train") | .train_share] | all(. == 0))'
check "report by mode: avoided by train is positive, by car negative" '([.groups[] | select(.key == "train")][0].co2e_kg_avoided > 0) and ([.groups[] | select(.key == "car")][0].co2e_kg_avoided < 0)'
check "report: train share of the total" '.total.train_share == ((([.groups[] | select(.key == "train")][0].trips) / .total.trips * 10000 | round) / 10000)'
req GET '/v1/reports/co2?group_by=month&from=2027-03-01&to=2027-03-31' '' -H "$AH"
check "report: from/to echoed" '.from == "2027-03-01" and .to == "2027-03-31" and [.groups[].key] == ["2027-03"] and .total.trips == 2'

req GET '/v1/reports/co2?group_by=destination' '' -H "$AH" -H 'Accept: text/csv'
cp "$TMP/body" "$TMP/report.csv"
req GET '/v1/reports/co2?group_by=destination' '' -H "$AH"
want_total=$(jq -r '"total,\(.total.trips),\(.total.co2e_kg * 100 | round),\(.total.co2e_kg_avoided * 100 | round)"' "$TMP/body")
got_total=$(tail -n 1 "$TMP/report.csv" | tr -d '\r' | awk -F, '{ printf "%s,%s,%.0f,%.0f", $1, $2, $3 * 100, $4 * 100 }')
if [ "$(head -n 1 "$TMP/report.csv")" = $'key,trips,co2e_kg,co2e_kg_avoided,train_share\r' ]; then
	ok "CSV report: the header"
else
	fail "CSV report: the header" "$(head -n 1 "$TMP/report.csv")"
fi
if [ "$got_total" = "$want_total" ] && [ "$(wc -l <"$TMP/report.csv")" -eq "$(jq '.groups | length + 2' "$TMP/body")" ]; then
	ok "CSV report: one row per group and a total row equal to the JSON ($got_total)"
else
	fail "CSV report: total" "got '$got_total', want '$want_total': $(cat "$TMP/report.csv")"
fi
grep -q '^Liège,1,' "$TMP/report.csv" && grep -q '^cologne,' "$TMP/report.csv" && ok "CSV report: unlisted places by name, listed by id" || fail "CSV report: keys" "$(cat "$TMP/report.csv")"
curl -s -D "$TMP/headers" -o /dev/null -H "$AH" -H 'Accept: text/csv' "$URL/v1/reports/co2"
grep -qi '^content-type: text/csv' "$TMP/headers" && ok "CSV report: Content-Type text/csv" || fail "CSV content type" "$(cat "$TMP/headers")"

# --- bad input -------------------------------------------------------------------
COUNT_BEFORE=$(jq .count "$TMP/all.json")
K='"Keulen"'
file "$(trip "$K" 2027-03-08 2027-03-10 M train '"colour":"blue"')"
named "unknown field colour: 400" 400 colour
file '{"trip":{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","foo":1},"traveller":{"name":"A","email":"a@b.be","department":"M"},"chosen_mode":"train"}'
named "unknown field trip.foo: 400" 400 trip.foo
file '{"trip":{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"},"traveller":{"name":"A","email":"a@b.be","department":"M","phone":"1"},"chosen_mode":"train"}'
named "unknown field traveller.phone: 400" 400 traveller.phone
file "$(trip "$K" 2027-03-08 2027-03-10 M plane '"exception":{"reason":"medical","doctor":"X"}')"
named "unknown field exception.doctor: 400" 400 exception.doctor
file "$(trip "$K" 2027-03-08 2027-03-10 M bike)"
named "chosen_mode bike: 422" 422 chosen_mode
file '{"trip":{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"},"traveller":{"name":"A","email":"a@b.be","department":"M"},"chosen_mode":3}'
named "chosen_mode a number: 400" 400 chosen_mode
file '{"trip":{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"},"traveller":{"name":"A","email":"an.peeters","department":"M"},"chosen_mode":"train"}'
named "traveller.email without @: 422" 422 traveller.email
file '{"trip":{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"},"traveller":{"name":"A","email":"a@b@c.be","department":"M"},"chosen_mode":"train"}'
named "traveller.email with two @: 422" 422 traveller.email
file '{"trip":{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"},"traveller":{"name":" ","email":"a@b.be","department":"M"},"chosen_mode":"train"}'
named "traveller.name blank: 422" 422 traveller.name
file "{\"trip\":{\"destination\":\"Keulen\",\"departure_date\":\"2027-03-08\",\"return_date\":\"2027-03-10\"},\"traveller\":{\"name\":\"A\",\"email\":\"a@b.be\",\"department\":\"$(printf 'd%.0s' $(seq 101))\"},\"chosen_mode\":\"train\"}"
named "traveller.department over 100 characters: 422" 422 traveller.department
file '{"trip":{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"},"chosen_mode":"train"}'
named "traveller missing: 422" 422 traveller
file '{"traveller":{"name":"A","email":"a@b.be","department":"M"},"chosen_mode":"train"}'
named "trip missing: 422" 422 trip
file "$(trip "$K" 2027-02-30 2027-03-10 M train)"
named "trip.departure_date 2027-02-30: 422" 422 trip.departure_date
file "$(trip "$K" 2027-03-08 2027-03-10 M train '' 0)"
named "trip.travellers 0: 422" 422 trip.travellers
file "$(trip '"Keulenx"' 2027-03-08 2027-03-10 M train)"
named "trip.destination unknown: 422" 422 trip.destination
check "... with the closest names as suggestions" '[.suggestions[].id] | index("cologne") != null'
file "$(trip "$K" 2027-03-08 2027-03-10 M plane '"exception":{"reason":"headache"}')"
named "exception.reason not in the set: 422" 422 exception.reason
file "$(trip "$K" 2027-03-08 2027-03-10 M plane '"exception":{"reason":"other"}')"
named "exception other without text: 422" 422 exception.text
file "$(trip '"Barcelona"' 2027-05-08 2027-05-11 M plane '"justification":"one\ntwo"')"
named "justification on two lines: 422" 422 justification
file "$(trip '"Barcelona"' 2027-05-08 2027-05-11 M plane "\"justification\":\"$(printf 'j%.0s' $(seq 501))\"")"
named "justification over 500 characters: 422" 422 justification
file "$(trip '"Barcelona"' 2027-05-08 2027-05-11 M plane "\"justification\":\"$(printf 'é%.0s' $(seq 500))\"")"
check_status "justification of 500 characters (1000 bytes): 201" 201
file '{"trip":'
named "malformed JSON: 400" 400 body
file '[1,2]'
named "an array body: 400" 400 body
file "$(trip "$K" 2027-03-08 2027-03-10 M bike '"colour":"x","exception":{"reason":"headache"}')"
check "every error at once: colour, chosen_mode, exception.reason" '.status == 400 and ([.errors[].field] | index("colour") != null and index("chosen_mode") != null and index("exception.reason") != null)'
STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -H "$AS" \
    -H 'Content-Type: text/plain' --data-binary "$(trip "$K" 2027-03-08 2027-03-10 M train)" "$URL/v1/trips")
check_status "a text/plain body: 415" 415

req POST /v1/trips/3/approval '{"decision":"maybe"}' -H "$AH"
named "approval decision maybe: 422" 422 decision
req POST /v1/trips/3/approval '{"decision":"reject"}' -H "$AH"
named "rejecting without a note: 422" 422 note
req POST /v1/trips/3/approval '{"decision":"approve","by":"me"}' -H "$AH"
named "approval with an unknown field by: 400" 400 by
req POST /v1/trips/3/approval "{\"decision\":\"approve\",\"note\":\"$(printf 'n%.0s' $(seq 1001))\"}" -H "$AH"
named "approval note over 1000 characters: 422" 422 note
req POST /v1/trips/3/approval '{"decision":true}' -H "$AH"
named "approval decision a boolean: 400" 400 decision
req GET /v1/trips/3 '' -H "$AH"
check "after refused approvals trip 3 is still pending" '.status == "pending" and .approval == null'

req GET '/v1/trips?status=done' '' -H "$AH"
named "list status=done: 400" 400 status
req GET '/v1/trips?limit=501' '' -H "$AH"
named "list limit=501: 400" 400 limit
req GET '/v1/trips?offset=x' '' -H "$AH"
named "list offset=x: 400" 400 offset
req GET '/v1/trips?from=2027-02-30' '' -H "$AH"
named "list from=2027-02-30: 400" 400 from
req GET '/v1/trips?from=2027-05-01&to=2027-04-01' '' -H "$AH"
named "list to before from: 400" 400 to
req GET '/v1/trips?colour=red' '' -H "$AH"
named "list with an unknown parameter: 400" 400 colour
req GET '/v1/reports/co2?group_by=year' '' -H "$AH"
named "report group_by=year: 400" 400 group_by
req GET '/v1/reports/co2?to=someday' '' -H "$AH"
named "report to=someday: 400" 400 to

req GET /v1/trips '' -H "$AH"
check "nothing stored by the refused requests (only the one 201)" ".count == $((COUNT_BEFORE + 1))"

# --- a killed daemon loses nothing it acknowledged ------------------------------
file "$(trip '"Keulen"' 2027-09-01 2027-09-03 Milieudienst train)"
REF=$(jq -r .reference "$TMP/body")
ID=$(jq -r .id "$TMP/body")
kill -KILL "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=""
start_daemon "$DB" || { finish; exit 1; }
req GET "/v1/trips/$ID" '' -H "$AH"
check "after kill -9: the acknowledged trip $REF is there" ".reference == \"$REF\" and .status == \"pending\""
req GET /v1/trips/1 '' -H "$AH"
check "after kill -9: the approval is there" '.status == "approved" and .approval.by == "hr-anna"'
file "$(trip '"Keulen"' 2027-09-05 2027-09-06 Milieudienst train)"
check "after kill -9: the numbers go on" ".reference == \"TR-2027-$(printf '%06d' $(( 10#${REF##*-} + 1 )))\""

finish
