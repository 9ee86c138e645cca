#!/bin/bash
# The administrators' list editing over HTTP: add, replace with If-Match,
# two editors at once, retire, history, CSV import (all or nothing, Excel's
# dialect, dry run) and export round trips, and a daemon killed mid-write.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

DB=$TMP/list.db
OPS=$(make_key admin ops "$DB")
OPS2=$(make_key admin ops2 "$DB")
STAFF=$(make_key staff desk "$DB")
if [[ $OPS =~ ^tm_ && $OPS2 =~ ^tm_ && $STAFF =~ ^tm_ ]]; then ok "admin keys made"; else fail "keys" "got '$OPS'"; finish; exit 1; fi
A1="Authorization: Bearer $OPS"
A2="Authorization: Bearer $OPS2"
TODAY=$(date -u +%F)

start_daemon "$DB" || { finish; exit 1; }

# The value of a header of the last reply.
header() { sed -n "s/^$1: *\\(.*\\)\\r\$/\\1/Ip" "$TMP/headers" | tail -n 1; }

# named NAME STATUS FIELD...: the last reply is STATUS problem+json whose
# errors name every FIELD.
named() {
	local name=$1 status=$2 f missing=""
	shift 2
	for f in "$@"; do
		jq -e --arg f "$f" '[.errors[].field] | index($f) != null' "$TMP/body" >/dev/null 2>&1 || missing="$missing $f"
	done
	if [ "$STATUS" = "$status" ] && [ -z "$missing" ] &&
	    grep -qi '^content-type: application/problem+json' "$TMP/headers"; then
		ok "$name"
	else
		fail "$name" "expected $status naming$missing; got $STATUS $(head -c 600 "$TMP/body")"
	fi
}

# export FILE [QUERY]: the list as CSV.
export_csv() {
	curl -s -H 'Accept: text/csv' -o "$1" "$URL/v1/destinations${2:-}"
}

# import FILE [QUERY] [AUTH]: POST a CSV file.
import_csv() {
	req POST "/v1/destinations/import${2:-}" '' -H "${3:-$A1}" \
	    -H 'Content-Type: text/csv' --data-binary "@$1"
}

MAAS='{"id":"maastricht","name":"Maastricht","name_en":"Maastricht","aliases":["Mestreech"],"country":"NL","lat":50.8496,"lon":5.7054,"coord_source":"OSM","mode":"train","strength":"mandatory","rail_hours":1.9,"rail_source":"NS timetable","rail_source_date":"2026-11-01","notes":"via Liège-Guillemins"}'
# maas JQ-ASSIGNMENT: the Maastricht entry with a change.
maas() { jq -c "$1" <<<"$MAAS"; }
TRIP='{"destination":"Maastricht","departure_date":"2027-03-08","return_date":"2027-03-10"}'

# --- add -------------------------------------------------------------------
decide "$TRIP"
check "before: Maastricht is not on the list (found in the gazetteer)" '.destination.source == "gazetteer" and .destination.listed == false'

req POST /v1/destinations "$MAAS"
check_status "add without a key: 401" 401
req POST /v1/destinations "$MAAS" -H "Authorization: Bearer $STAFF"
check_status "add with a staff key: 403" 403

req POST /v1/destinations "$MAAS" -H "$A1"
check_status "add: 201" 201
[ "$(header Location)" = "/v1/destinations/maastricht" ] && ok "add: Location" || fail "add: Location" "$(header Location)"
[ "$(header ETag)" = '"1"' ] && ok "add: ETag \"1\"" || fail "add: ETag" "$(header ETag)"
check "add: the entry, version 1, by ops" '.id == "maastricht" and .version == 1 and .updated_by == "ops" and .rail_hours == 1.9 and .aliases == ["Mestreech"] and .notes == "via Liège-Guillemins" and .distance_km > 130 and .distance_km < 150 and .in_rail_zone == true and (.updated_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$"))'

req GET /v1/destinations/maastricht
check "add: GET shows it" '.name == "Maastricht" and .country == "NL" and .rail_source == "NS timetable" and .version == 1'
req GET '/v1/destinations?q=mestreech'
check "add: found by its alias in the list" '.count == 1 and .destinations[0].id == "maastricht"'
decide "$TRIP"
check "add: a ruling for it by name at once" '.destination.id == "maastricht" and .destination.listed == true and .ruling.rule == "listed" and .ruling.mode == "train" and .ruling.strength == "mandatory" and .modes[0].hours == 1.9'
decide '{"destination":"Mestreech","departure_date":"2027-03-08","return_date":"2027-03-10"}'
check "add: and by its alias" '.destination.id == "maastricht"'

req POST /v1/destinations "$MAAS" -H "$A1"
named "add: the same id again is 409" 409 id
req POST /v1/destinations '{"id":"Bad Id","name":"","country":"nl","lat":95,"lon":200,"mode":"bike","strength":"must","rail_hours":-1,"rail_source_date":"2026-02-30","active_from":"2027-01-01","retired":"2026-01-01","aliases":["a","b","c","d","e","f","g","h","i"]}' -H "$A1"
named "add: 422 names every bad field" 422 id name country lat lon mode strength rail_hours rail_source_date retired aliases
check "add: 11 errors, nothing stored" '(.errors | length) == 11 and (.detail | test("11 fields"))'
req POST /v1/destinations "$(maas '.colour = "red" | .lat = "50.8"')" -H "$A1"
named "add: unknown fields and wrong types are 400" 400 colour lat
req POST /v1/destinations '{"id":"x",' -H "$A1"
named "add: malformed JSON is 400" 400 body
req POST /v1/destinations "$(maas '.id = "import"')" -H "$A1"
named "add: the id \"import\" is reserved" 422 id
req GET /v1/destinations/maastricht
check "add: refusals stored nothing" '.version == 1'

# --- replace -----------------------------------------------------------------
req PUT /v1/destinations/maastricht "$(maas '.rail_hours = 2.0')" -H "$A1"
named "replace without If-Match: 428" 428 If-Match
req GET /v1/destinations/maastricht
check "replace without If-Match changed nothing" '.version == 1 and .rail_hours == 1.9'

req PUT /v1/destinations/maastricht "$(maas '.rail_hours = 2.0 | del(.id)')" -H "$A1" -H 'If-Match: "1"'
check_status "replace with If-Match \"1\": 200" 200
[ "$(header ETag)" = '"2"' ] && ok "replace: new ETag \"2\"" || fail "replace: ETag" "$(header ETag)"
check "replace: version 2, the new rail time" '.version == 2 and .rail_hours == 2 and .updated_by == "ops"'
decide "$TRIP"
check "replace: rulings see it at once" '.modes[0].hours == 2'

req PUT /v1/destinations/maastricht "$(maas '.rail_hours = 3.0')" -H "$A2" -H 'If-Match: "1"'
named "replace with a stale ETag: 412" 412 If-Match
check "412 says who changed it, when, and the version" '.current_version == 2 and .changed_by == "ops" and (.changed_at | test("Z$")) and (.detail | test("version 2")) and (.detail | test("ops")) and (. as $r | $r.detail | contains($r.changed_at))'
req GET /v1/destinations/maastricht
check "412 changed nothing" '.version == 2 and .rail_hours == 2'

req PUT /v1/destinations/maastricht "$(maas '.rail_hours = 2.0 | .version = 2 | .distance_km = 1 | .updated_by = "x"')" -H "$A1" -H 'If-Match: "2"'
check "replace with what is there: 200, same version (read-only fields ignored)" '.version == 2 and .updated_by == "ops" and .distance_km > 130'
req PUT /v1/destinations/maastricht "$(maas '.id = "aachen"')" -H "$A1" -H 'If-Match: "2"'
named "replace: an id other than the path's is 422" 422 id
req PUT /v1/destinations/atlantis "$(maas '.id = "atlantis"')" -H "$A1" -H 'If-Match: "1"'
check_status "replace an unknown id: 404" 404
req PUT /v1/destinations/maastricht "$(maas '.rail_hours = 2.0')" -H "$A1" -H 'If-Match: yesterday'
named "replace: a malformed If-Match is 400" 400 If-Match

# Two editors with the same ETag at the same moment: one wins, one is told.
req GET /v1/destinations/maastricht
ETAG=$(header ETag)
curl -s -o "$TMP/c1" -w '%{http_code}' -X PUT -H "$A1" -H "If-Match: $ETAG" \
    -H 'Content-Type: application/json' --data-binary "$(maas '.rail_hours = 2.1')" \
    "$URL/v1/destinations/maastricht" >"$TMP/s1" &
p1=$!
curl -s -o "$TMP/c2" -w '%{http_code}' -X PUT -H "$A2" -H "If-Match: $ETAG" \
    -H 'Content-Type: application/json' --data-binary "$(maas '.rail_hours = 2.2')" \
    "$URL/v1/destinations/maastricht" >"$TMP/s2" &
p2=$!
wait $p1 $p2
s1=$(cat "$TMP/s1"); s2=$(cat "$TMP/s2")
if [ "$s1 $s2" = "200 412" ] || [ "$s1 $s2" = "412 200" ]; then ok "two PUTs with one ETag: one 200, one 412"; else fail "concurrent PUTs" "statuses $s1 $s2"; fi
if [ "$s1" = 200 ]; then WIN=2.1 WHO=ops LOSER=$TMP/c2; else WIN=2.2 WHO=ops2 LOSER=$TMP/c1; fi
req GET /v1/destinations/maastricht
check "the winner's change is stored, the loser's is not" ".version == 3 and .rail_hours == $WIN and .updated_by == \"$WHO\""
check "the loser is told who won" ".status == 412 and .changed_by == \"$WHO\" and .current_version == 3" "$LOSER"

# --- history -----------------------------------------------------------------
req GET /v1/destinations/maastricht/history
check "history: every version, oldest first" '.id == "maastricht" and [.versions[].version] == [1,2,3] and [.versions[].action] == ["create","update","update"]'
check "history: who and when" "[.versions[].changed_by] == [\"ops\",\"ops\",\"$WHO\"] and all(.versions[]; .changed_at | test(\"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\$\"))"
check "history: what changed, field by field" ".versions[0].changes == {} and .versions[1].changes == {\"rail_hours\":{\"from\":1.9,\"to\":2}} and .versions[2].changes == {\"rail_hours\":{\"from\":2,\"to\":$WIN}}"
check "history: the full entry of each version" '.versions[0].entry.rail_hours == 1.9 and .versions[1].entry.rail_hours == 2 and .versions[0].entry.name == "Maastricht"'
req GET /v1/destinations/atlantis/history
check_status "history of an unknown id: 404" 404
req GET /v1/destinations/cologne/history
check "history of a seeded entry: created by seed" '[.versions[].action] == ["create"] and .versions[0].changed_by == "seed"'

# --- import: one bad row, nothing changes ---------------------------------------
export_csv "$TMP/before.csv" '?include_retired=true'
HEADER=$(head -n 1 "$TMP/before.csv" | tr -d '\r')
[ "$HEADER" = "id,name,name_nl,name_en,aliases,country,lat,lon,coord_source,mode,strength,rail_hours,rail_estimated,rail_source,rail_source_date,night_train,night_train_note,notes,active_from,retired,distance_km,in_rail_zone,network_hours,version,updated_at,updated_by" ] && ok "export: the header is the JSON field names in order" || fail "export header" "$HEADER"
{
	printf 'id,name,country,lat,lon,mode,strength,rail_hours,rail_source\r\n'
	printf 'trier,Trier,DE,49.7566,6.6502,train,mandatory,3.5,DB\r\n'
	printf 'bad-one,Bad,XX,49.1,6.1,train,mandatory,abc,DB\r\n'
	printf 'maastricht,Maastricht,NL,50.8496,5.7054,train,mandatory,9,\r\n'
} >"$TMP/bad.csv"
import_csv "$TMP/bad.csv"
named "import with bad rows: 422 naming rows and fields" 422 "row 3: rail_hours" "row 3: country" "row 4: rail_source"
check "import errors carry row and column" '[.errors[] | select(.row == 3 and .column == "rail_hours")] | length == 1'
check "import errors: 3 on 2 rows, nothing changed" '(.errors | length) == 3 and (.detail | test("2 rows")) and (.detail | test("nothing was changed"))'
export_csv "$TMP/after.csv" '?include_retired=true'
cmp -s "$TMP/before.csv" "$TMP/after.csv" && ok "after a refused import the CSV export is byte for byte the same" || fail "refused import changed the list" "$(diff "$TMP/before.csv" "$TMP/after.csv" | head -5)"

printf 'id,name,country,lat,lon,mode,strength,colour\r\n' >"$TMP/badcol.csv"
import_csv "$TMP/badcol.csv"
named "import: an unknown column is named" 422 "row 1: colour"
printf 'id,name,lat,lon,mode,strength\r\nx,X,1,2,train,free\r\n' >"$TMP/nocol.csv"
import_csv "$TMP/nocol.csv"
named "import: a missing required column is named" 422 "row 1: country"
printf 'id,name,country,lat,lon,mode,strength\r\nx,K\xf6ln,DE,1,2,train,free\r\n' >"$TMP/latin1.csv"
import_csv "$TMP/latin1.csv"
named "import: Latin-1 is refused, naming the row" 422 "row 2: name"
check "import: the encoding error says what to do" '.errors[0].message | test("UTF-8")'
# A file of 5 000 bad cells: the answer lists the first 500 errors and says
# that it stopped, instead of growing with the file.
{ printf 'id,name\r\n'; for i in $(seq 100); do printf 'x%d' "$i"; for j in $(seq 50); do printf ',\xff'; done; printf '\r\n'; done; } >"$TMP/manybad.csv"
import_csv "$TMP/manybad.csv"
check "import: at most 500 errors listed, and it says it stopped" '.status == 422 and (.errors | length) == 500 and (.detail | test("not checked to the end"))'
import_csv "$TMP/bad.csv" '' "Authorization: Bearer $STAFF"
check_status "import with a staff key: 403" 403

# --- import: as Excel writes it ------------------------------------------------
{
	printf '\xef\xbb\xbfid;name;name_nl;aliases;country;lat;lon;mode;strength;rail_hours;rail_source;night_train;notes;rail_source_date\r\n'
	printf 'trier;Trier;Trier;Trèves|Augusta Treverorum;DE;49,7566;6,6502;train;mandatory;3,5;DB Navigator;ONWAAR;"Dom, ""Porta Nigra""\nvia Luxembourg";01/11/2026\r\n'
} >"$TMP/excel.csv"
import_csv "$TMP/excel.csv"
check_status "Excel CSV (BOM, ';', CRLF, quotes, decimal comma, day-first date): 200" 200
check "Excel CSV: created trier" '.dry_run == false and .created == ["trier"] and .updated == [] and .unchanged == 0 and .rows == 1'
req GET /v1/destinations/trier
check "Excel CSV: the values as meant" '.lat == 49.7566 and .lon == 6.6502 and .rail_hours == 3.5 and .night_train == false and .aliases == ["Trèves","Augusta Treverorum"] and .notes == "Dom, \"Porta Nigra\"\nvia Luxembourg" and .rail_source_date == "2026-11-01" and .version == 1 and .updated_by == "ops"'
decide '{"destination":"Trèves","departure_date":"2027-03-08","return_date":"2027-03-10"}'
check "Excel CSV: rulings see the imported entry" '.destination.id == "trier" and .ruling.rule == "listed" and .modes[0].hours == 3.5'
req GET /v1/destinations/trier/history
check "import: history says import, by whom" '.versions[0].action == "import" and .versions[0].changed_by == "ops"'

# --- dry run ---------------------------------------------------------------------
export_csv "$TMP/before.csv" '?include_retired=true'
sed 's/;3,5;/;4,25;/' "$TMP/excel.csv" >"$TMP/excel2.csv"
{ cat "$TMP/excel2.csv"; printf 'koblenz;Koblenz;;;DE;50,3510;7,5886;train;mandatory;3;DB;nee;;\r\n'; } >"$TMP/excel3.csv"
import_csv "$TMP/excel3.csv" '?dry_run=true'
check "dry run: the exact report" '.dry_run == true and .updated == ["trier"] and .created == ["koblenz"] and .unchanged == 0 and .rows == 2'
export_csv "$TMP/after.csv" '?include_retired=true'
cmp -s "$TMP/before.csv" "$TMP/after.csv" && ok "dry run: nothing stored" || fail "dry run stored" "$(diff "$TMP/before.csv" "$TMP/after.csv" | head -5)"
req GET /v1/destinations/koblenz
check_status "dry run: koblenz not created" 404
import_csv "$TMP/excel3.csv"
check "the same for real: trier updated, koblenz created" '.dry_run == false and .updated == ["trier"] and .created == ["koblenz"]'
req GET /v1/destinations/trier/history
check "import: a replaced entry's changes are listed" '.versions[1].action == "import" and .versions[1].changes == {"rail_hours":{"from":3.5,"to":4.25}}'

# --- export -> import: no change --------------------------------------------------
export_csv "$TMP/all.csv" '?include_retired=true'
ROWS=$(($(tr -cd '\n' <"$TMP/all.csv" | wc -c) - 1))
grep -q 'Porta Nigra' "$TMP/all.csv" && grep -q 'Köln' "$TMP/all.csv" && ok "export holds quotes, newlines and non-ASCII" || fail "export contents" "$(head -c 300 "$TMP/all.csv")"
import_csv "$TMP/all.csv"
check "export -> import: everything unchanged" ".created == [] and .updated == [] and .rows == 49 and .unchanged == 49"
export_csv "$TMP/all2.csv" '?include_retired=true'
cmp -s "$TMP/all.csv" "$TMP/all2.csv" && ok "export -> import -> export is byte for byte the same" || fail "round trip" "$(diff "$TMP/all.csv" "$TMP/all2.csv" | head -5)"
[ "$ROWS" -ge 49 ] && ok "export: one row per entry (and quoted line ends)" || fail "export rows" "$ROWS"

# --- retire ------------------------------------------------------------------------
req DELETE /v1/destinations/cologne '' -H "$A1" -H 'If-Match: "7"'
named "retire with a stale If-Match: 412" 412 If-Match
req DELETE /v1/destinations/cologne '' -H "$A1"
check_status "retire Keulen: 200" 200
check "retire: retired today, version 2" ".retired == \"$TODAY\" and .version == 2 and .updated_by == \"ops\""
[ "$(header ETag)" = '"2"' ] && ok "retire: new ETag" || fail "retire: ETag" "$(header ETag)"
decide '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"}'
check "retired Keulen falls back to the thresholds: near, not listed" '.destination.id == "cologne" and .destination.listed == false and .ruling.rule == "near" and .ruling.mode == "train" and .ruling.strength == "mandatory"'
req GET '/v1/destinations?q=keulen'
check "retired: not in the list" '.count == 0'
req GET '/v1/destinations?q=keulen&include_retired=true'
check "retired: in the list with include_retired=true" ".count == 1 and .destinations[0].id == \"cologne\" and .destinations[0].retired == \"$TODAY\""
req DELETE /v1/destinations/cologne '' -H "$A1"
named "retire again: 409" 409 retired
req GET /v1/destinations/cologne/history
check "retire: kept in history" "[.versions[].action] == [\"create\",\"retire\"] and .versions[1].changes == {\"retired\":{\"from\":null,\"to\":\"$TODAY\"}}"
req DELETE /v1/destinations/atlantis '' -H "$A1"
check_status "retire an unknown id: 404" 404

# sanitized NAME: under --enable-sanitizers the daemon reports to its log.
sanitized() {
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP/daemon.log"; then
		fail "$1" "$(grep -A5 -E 'Sanitizer|runtime error' "$TMP/daemon.log" | head -20)"
	else
		ok "$1"
	fi
}

stop_daemon
[ "$DAEMON_RC" -eq 0 ] && ok "after the edits: SIGTERM, exit 0" || fail "SIGTERM" "rc $DAEMON_RC"
sanitized "after the edits: no sanitizer report in the daemon log"

# --- kill -9 in the middle of writes ------------------------------------------------
# A writer records every change the daemon acknowledged; the daemon is
# killed while it writes; after a restart every acknowledged change is
# there and the database is intact.
start_daemon "$DB" || { finish; exit 1; }
ACK=$TMP/acked
: >"$ACK"
writer() {
	local i code etag v
	for i in $(seq 1 2000); do
		etag=$(curl -s -D - -o /dev/null "$URL/v1/destinations/maastricht" | sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p')
		[ -n "$etag" ] || return 0
		v=$(printf '2.%03d' "$i")
		code=$(curl -s -o "$TMP/w.body" -w '%{http_code}' -X PUT -H "$A1" \
		    -H "If-Match: $etag" -H 'Content-Type: application/json' \
		    --data-binary "$(maas ".rail_hours = $v")" \
		    "$URL/v1/destinations/maastricht") || return 0
		[ "$code" = 200 ] && echo "put $(jq -r .version "$TMP/w.body") $v" >>"$ACK"
		printf 'id,name,country,lat,lon,mode,strength\nk%d,K%d,DE,50.%d,7,train,free\n' "$i" "$i" "$i" >"$TMP/w.csv"
		code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "$A1" \
		    -H 'Content-Type: text/csv' --data-binary "@$TMP/w.csv" \
		    "$URL/v1/destinations/import") || return 0
		[ "$code" = 200 ] && echo "import k$i" >>"$ACK"
	done
}
writer &
WPID=$!
for i in $(seq 1 200); do
	[ "$(wc -l <"$ACK")" -ge 40 ] && break
	sleep 0.05
done
kill -9 "$DAEMON_PID"
wait "$DAEMON_PID" 2>/dev/null
DAEMON_PID=""
wait "$WPID"
NACK=$(wc -l <"$ACK")
sanitized "before the kill: no sanitizer report in the daemon log"
[ "$NACK" -ge 20 ] && ok "writes acknowledged before the kill: $NACK" || fail "writer" "only $NACK acknowledged"

if command -v sqlite3 >/dev/null; then
	IC=$(sqlite3 "$DB" 'PRAGMA integrity_check')
	[ "$IC" = ok ] && ok "after kill -9: integrity_check ok" || fail "integrity_check" "$IC"
else
	ok "after kill -9: integrity_check # SKIP no sqlite3"
fi
start_daemon "$DB" || { finish; exit 1; }
req GET /v1/destinations/maastricht/history
missing=0
while read -r what a b; do
	case $what in
	put)
		jq -e --argjson v "$a" --argjson h "$b" '[.versions[] | select(.version == $v and .entry.rail_hours == $h)] | length == 1' "$TMP/body" >/dev/null || { missing=$((missing + 1)); echo "# lost: put version $a = $b"; }
		;;
	import)
		code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/v1/destinations/$a")
		[ "$code" = 200 ] || { missing=$((missing + 1)); echo "# lost: import $a"; }
		;;
	esac
done <"$ACK"
[ "$missing" -eq 0 ] && ok "after kill -9 and restart: all $NACK acknowledged changes are there" || fail "acknowledged changes lost" "$missing of $NACK"
LAST=$(grep '^put' "$ACK" | tail -n 1)
req GET /v1/destinations/maastricht
check "after restart: the entry is at the last acknowledged version or one beyond" ".version >= $(echo "$LAST" | cut -d' ' -f2) and .version <= $(($(echo "$LAST" | cut -d' ' -f2) + 1))"
req POST /v1/decisions "$TRIP"
check "after restart: rulings work on the same database" '.destination.id == "maastricht" and .ruling.rule == "listed"'
stop_daemon
[ "$DAEMON_RC" -eq 0 ] && ok "after restart: SIGTERM, exit 0" || fail "SIGTERM after restart" "rc $DAEMON_RC"
sanitized "after restart: no sanitizer report in the daemon log"

finish
