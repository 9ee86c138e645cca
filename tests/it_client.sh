#!/bin/bash
# Integration tests of the client's administrator commands: tripmode
# destinations add/edit/retire/history/export/import, policy show/set and
# factors show against the real daemon, with real API keys.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

# Keys are made before the daemon starts, so that its first snapshot has them.
ADMIN=$(make_key admin ops)
STAFF=$(make_key staff anna)
if [ -z "$ADMIN" ] || [ -z "$STAFF" ]; then
	fail "keys create" "no key printed (admin '$ADMIN', staff '$STAFF')"
	finish
	exit 1
fi
start_daemon || { finish; exit 1; }
export TRIPMODE_KEY="$ADMIN"

# tm ARGS...: run the client; exit status in RC, stdout in $TMP/out,
# stderr in $TMP/err.
tm() {
	"$TRIPMODE" "$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
}

# expect NAME RC [GREP-ERE [FILE]]: the last tm exited RC and FILE (stdout
# by default) matches the pattern.
expect() {
	local name=$1 rc=$2 re=${3:-} file=${4:-$TMP/out}
	if [ "$RC" -ne "$rc" ]; then
		fail "$name" "exit $RC, expected $rc; out: $(head -c 300 "$TMP/out"); err: $(head -c 300 "$TMP/err")"
	elif [ -n "$re" ] && ! grep -qE -- "$re" "$file"; then
		fail "$name" "no /$re/ in: $(head -c 600 "$file")"
	else
		ok "$name"
	fi
}

# one_line NAME: the last tm wrote exactly one line on stderr.
one_line() {
	if [ "$(wc -l <"$TMP/err")" -eq 1 ]; then ok "$1"; else fail "$1" "stderr: $(cat "$TMP/err")"; fi
}

# --- add, edit, history ----------------------------------------------------
tm destinations add --id testburg --name Testburg --name-nl Testburcht \
    --country de --lat 50.5 --lon 7.25 --mode train --strength mandatory \
    --rail-hours 3 --rail-source 'test timetable' --alias Tb --alias 'Test City' \
    --night-train --notes 'made by it_client'
expect "add: exit 0, prints the entry" 0 '^id: +testburg$'
grep -qE '^etag: +"1"$' "$TMP/out" && ok "add: prints the ETag of version 1" || fail "add: ETag" "$(cat "$TMP/out")"
tm destinations show testburg --json
check "add: every field stored" '.id == "testburg" and .name == "Testburg" and .name_nl == "Testburcht" and .country == "DE" and .lat == 50.5 and .lon == 7.25 and .mode == "train" and .strength == "mandatory" and .rail_hours == 3 and .rail_source == "test timetable" and .aliases == ["Tb","Test City"] and .night_train == true and .notes == "made by it_client" and .version == 1 and .updated_by == "ops"' "$TMP/out"

tm destinations add --id testburg --name Again --country DE --lat 50 --lon 7 --mode train --strength free
expect "add: an existing id exits 1" 1 'testburg' "$TMP/err"

tm destinations edit testburg --rail-hours 3.5
expect "edit: exit 0, prints the new value" 0 '^rail_hours: +3\.5$'
tm destinations show testburg --json
check "edit: rail_hours 3.5 at version 2, the rest kept" '.rail_hours == 3.5 and .version == 2 and .rail_source == "test timetable" and .aliases == ["Tb","Test City"] and .name_nl == "Testburcht"' "$TMP/out"
tm destinations edit testburg --strength recommended --no-night-train --json
check "edit twice in a row: version 3, --json" '.strength == "recommended" and .night_train == false and .version == 3 and .rail_hours == 3.5' "$TMP/out"

tm destinations edit testburg
expect "edit without a field option exits 2" 2 'nothing to change' "$TMP/err"
one_line "edit without a field option: one line"
tm destinations edit testburg --mode boat
expect "edit with a bad mode exits 2" 2 '--mode' "$TMP/err"
tm destinations edit atlantis --notes x
expect "edit of an unknown id exits 1" 1 'atlantis' "$TMP/err"

tm destinations history testburg
expect "history: exit 0" 0
if grep -qE '^v1  [0-9T:-]+Z  ops +create$' "$TMP/out" &&
    grep -qE '^v2  [0-9T:-]+Z  ops +update$' "$TMP/out" &&
    grep -qxF '    rail_hours: 3 → 3.5' "$TMP/out" &&
    grep -qxF '    strength: mandatory → recommended' "$TMP/out" &&
    [ "$(grep -c '^v[0-9]' "$TMP/out")" -eq 3 ]; then
	ok "history: v1 create, v2 update with rail_hours: 3 → 3.5, v3"
else
	fail "history" "$(cat "$TMP/out")"
fi
# v1 lists no changes: the line after it is the v2 line.
if [ "$(sed -n '2p' "$TMP/out" | cut -c1-2)" = "v2" ]; then ok "history: create lists no fields"; else fail "history: create" "$(head -3 "$TMP/out")"; fi
tm destinations history testburg --json
check "history --json: the server's versions" '[.versions[].version] == [1,2,3] and .versions[1].changes.rail_hours == {"from":3,"to":3.5}' "$TMP/out"

# A stale If-Match is refused, and the server says who changed it when.
req PUT /v1/destinations/testburg '{"id":"testburg","name":"Stale","country":"DE","lat":50.5,"lon":7.25,"mode":"train","strength":"free"}' \
    -H "Authorization: Bearer $ADMIN" -H 'If-Match: "1"'
check_status "PUT with a stale If-Match: 412" 412
check "412 names who changed it and when" '(.detail | test("ops")) and (.detail | test("[0-9]{4}-[0-9]{2}-[0-9]{2}T"))'
tm destinations show testburg --json
check "412: nothing was changed" '.name == "Testburg" and .version == 3' "$TMP/out"

# The client's one sentence on a conflict: an edit made on version 1
# (--if-version) while the entry is at version 3.
tm destinations edit testburg --notes "late edit" --if-version 1
expect "conflict: edit of a stale version exits 1" 1 '^tripmode: testburg was changed by ops at [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z since it was read; run the command again' "$TMP/err"
one_line "conflict: explained in one sentence"
tm destinations show testburg --json
check "conflict: nothing was changed" '.notes == "made by it_client" and .version == 3' "$TMP/out"
tm destinations edit testburg --notes x --if-version v3
expect "--if-version takes a number" 2 '--if-version' "$TMP/err"

# --- export and import --------------------------------------------------------
tm destinations export
expect "export: exit 0, CSV header" 0 '^id,name,name_nl,'
req GET /v1/destinations '' -H 'Accept: text/csv'
cmp -s "$TMP/out" "$TMP/body" && ok "export: the server's CSV bytes, unchanged" || fail "export: bytes" "differ from curl's"
tm destinations export --output "$TMP/list.csv"
if [ "$RC" -eq 0 ] && [ ! -s "$TMP/out" ] && cmp -s "$TMP/list.csv" "$TMP/body"; then ok "export --output FILE"; else fail "export --output" "rc $RC"; fi
rows=$(($(grep -c $'\r$' "$TMP/list.csv") - 1))

tm destinations import "$TMP/list.csv"
expect "import of the export: everything unchanged" 0 "^created: none; updated: none; unchanged: $rows\$"

sed 's/^testburg,Testburg,/testburg,Testburg Zwei,/' "$TMP/list.csv" >"$TMP/changed.csv"
tm destinations import "$TMP/changed.csv" --dry-run
expect "import --dry-run: reports the update" 0 "^created: none; updated: testburg; unchanged: $((rows - 1)) \\(dry run"
tm destinations show testburg --json
check "import --dry-run: changes nothing" '.name == "Testburg" and .version == 3' "$TMP/out"

printf 'id,name,country,lat,lon,mode,strength\r\nnewtown,Newtown,DE,95,7,train,free\r\nothertown,Othertown,DE,50,7,boat,free\r\n' >"$TMP/bad.csv"
tm destinations import "$TMP/bad.csv"
if [ "$RC" -eq 1 ] && grep -q 'row 2: lat' "$TMP/err" && grep -q 'row 3: mode' "$TMP/err"; then
	ok "import of bad rows: exit 1, every bad row and field listed"
else
	fail "import of bad rows" "rc $RC: $(cat "$TMP/err")"
fi
tm destinations show newtown
expect "import of bad rows: nothing stored" 1

# --- retire ----------------------------------------------------------------------
tm destinations retire testburg --json
check "retire: the entry is retired today" '.id == "testburg" and (.retired | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))' "$TMP/out"
tm destinations retire testburg
expect "retire twice: exit 1" 1
tm destinations list --q testburg
expect "retired: no longer listed" 0 '^No destinations\.$'
tm destinations history testburg
expect "retired: kept in the history" 0 'ops +retire$'

# --- policy and factors -------------------------------------------------------
tm policy show
expect "policy show: near_km 500 with its source" 0 '^near_km: +500 +[^ ]'
tm policy set working_day_hours=6
expect "policy set: exit 0" 0 '^working_day_hours: +6( |$)'
tm policy show --json
check "policy set: working_day_hours 6, a new version by ops" '.working_day_hours == 6 and .version >= 2 and .updated_by == "ops" and .near_km == 500' "$TMP/out"
tm policy show
expect "policy show: says 6" 0 '^working_day_hours: +6( |$)'
tm policy set no_such_field=1
expect "policy set of an unknown field exits 2" 2 'no_such_field' "$TMP/err"
tm policy set near_km=far
expect "policy set of a non-number exits 2" 2 'near_km' "$TMP/err"
tm policy set near_km=-5
expect "policy set of a bad value: refused by the server" 1 'near_km' "$TMP/err"
tm factors show
expect "factors show: DESNZ-2025" 0 'DESNZ-2025'
grep -qE '^rail +0\.03546 +kg CO2e/pkm +DESNZ' "$TMP/out" && ok "factors show: rail factor, unit and source" || fail "factors show: rail" "$(head -8 "$TMP/out")"

# --- the route and the rail network ------------------------------------------------
tm route Marseille --from 2027-03-08
expect "route: exit 0, the total and what decides" 0 "^By train over the rail network \(version 1\): [0-9.]+ h, [0-9]+ changes? "
grep -qE "^Paris-Gare de Lyon +Marseille-Saint-Charles +SNCF TGV INOUI +[0-9]+ +[0-9.]+ +FR +[0-9.]+ +SNCF TGV INOUI 0\.0023$" "$TMP/out" && ok "route: the TGV leg with its operator's factor" || fail "route: TGV leg" "$(cat "$TMP/out")"
grep -qE "^The list's 6\.0 h decides the ruling\.$" "$TMP/out" && ok "route: the list's hours decide for a listed place" || fail "route: decides" "$(cat "$TMP/out")"
grep -qE "^Train: [0-9.]+ kg CO2e for 1 traveller, there and back: the sum of the legs" "$TMP/out" && ok "route: the train's total" || fail "route: total" "$(tail -2 "$TMP/out")"
tm route Marseille --from 2027-03-08 --json
check "route --json: the decision, with the route's legs" '.rail.route.method == "network" and (.rail.route.legs | length) >= 3 and ((([.rail.route.legs[].co2e_kg] | add) - ([.modes[0].lines[] | select(.kind == "operation") | .co2e_kg] | add)) | fabs) < 0.05' "$TMP/out"
tm route "Andorra la Vella" --from 2027-03-08
expect "route: a place without rail: the last leg by bus" 0 '^No station of the network near: the last [0-9.]+ km \(as the crow flies\) are by bus\.$'
tm route
expect "route without a place exits 2" 2 'PLACE' "$TMP/err"

tm rail-network export --output "$TMP/net.json"
expect "rail-network export: exit 0" 0
check "rail-network export: the network in force, version 1" '.version == 1 and (.hubs | length) >= 100 and (.edges | length) >= 200' "$TMP/net.json"
jq '(.edges[] | select(.from == "paris-gare-de-lyon" and .to == "marseille-st-charles") | .minutes) += 20' "$TMP/net.json" >"$TMP/net2.json"
if ! cmp -s "$TMP/net.json" "$TMP/net2.json"; then ok "rail-network: an edge edited"; else fail "rail-network edit" "no Paris-Marseille edge"; fi
tm rail-network import "$TMP/net2.json"
expect "rail-network import: exit 0, version 2" 0 '^Rail network version 2, changed .* by ops: [0-9]+ hubs, [0-9]+ edges \([0-9]+ night trains; [0-9]+ sourced, [0-9]+ estimates\)$'
tm route Marseille --from 2027-03-08 --json
check "rail-network import: rulings use it at once" '.rail.route.network_version == 2' "$TMP/out"
tm rail-network import "$TMP/net2.json"
expect "rail-network import of a stale export: refused, names who changed it" 1 'ops' "$TMP/err"
jq 'del(.version) | .edges[0].minutes = 0' "$TMP/net2.json" >"$TMP/net-bad.json"
tm rail-network import "$TMP/net-bad.json"
expect "rail-network import of a bad network: refused, names the field" 1 'edges\[0\]\.minutes' "$TMP/err"
tm --key "$STAFF" rail-network import "$TMP/net2.json"
expect "rail-network import with a staff key: refused" 1 'admin' "$TMP/err"
printf 'not json' >"$TMP/net-text"
tm rail-network import "$TMP/net-text"
expect "rail-network import of a file that is not JSON exits 2" 2 'net-text' "$TMP/err"

# --- keys ---------------------------------------------------------------------------
TRIPMODE_KEY= tm destinations add --id keyless --name K --country DE --lat 50 --lon 7 --mode train --strength free
expect "no key: add exits 1 and says a key is needed" 1 '[Kk]ey' "$TMP/err"
tm --key "$STAFF" destinations add --id stafftown --name S --country DE --lat 50 --lon 7 --mode train --strength free
expect "staff key: add exits 1 (403)" 1 'admin' "$TMP/err"
tm --key "$STAFF" destinations show stafftown
expect "staff key: nothing was added" 1
tm --key "$STAFF" policy set near_km=400
expect "staff key: policy set exits 1" 1
tm --key tm_0000000000000000bogus destinations list
expect "the key is sent with reads too: a bad key is refused" 1 'key' "$TMP/err"

# --- help ---------------------------------------------------------------------------
tm help destinations
expect "help destinations" 0 'destinations import FILE'
tm help destinations edit
expect "help destinations edit" 0 'If-Match'
tm help policy
expect "help policy" 0 'policy set KEY=VALUE'
tm help factors
expect "help factors" 0 'factors show'
tm help route
expect "help route" 0 'leg by'
tm help rail-network
expect "help rail-network" 0 'rail-network import FILE'

stop_daemon
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP/daemon.log"; then fail "daemon log: no sanitizer report" "$(grep -A5 -E 'Sanitizer|runtime error' "$TMP/daemon.log" | head -20)"; else ok "daemon log: no sanitizer report"; fi
finish
