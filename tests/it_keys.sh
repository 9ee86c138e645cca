#!/bin/bash
# API keys and roles over HTTP: 401 without a valid key, 403 with too small
# a role, and the keys command of tripmoded.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

DB=$TMP/keys.db
ADMIN=$(make_key admin ops "$DB")
HR=$(make_key hr payroll "$DB")
STAFF=$(make_key staff desk "$DB")
if [[ $ADMIN =~ ^tm_[0-9a-f]{64}$ && $HR =~ ^tm_ && $STAFF =~ ^tm_ ]]; then ok "keys create prints one key alone"; else fail "keys create" "got '$ADMIN'"; fi
if ! grep -qF "${ADMIN:3}" "$DB" "$DB-wal" 2>/dev/null && ! grep -qF "${ADMIN:19}" "$DB" "$DB-wal" 2>/dev/null; then ok "the key itself is not stored"; else fail "key stored" "found in the database file"; fi
"$TRIPMODED" --db "$DB" keys list >"$TMP/list" 2>&1
check "keys list shows names and roles, not keys" '[.[].name] == ["ops","payroll","desk"] and [.[].role] == ["admin","hr","staff"] and all(.[]; .revoked_at == null)' "$TMP/list"
grep -qF "${ADMIN:19}" "$TMP/list" && fail "keys list" "prints a secret" || ok "keys list prints no secret"
"$TRIPMODED" --db "$DB" keys create --role admin --name ops >/dev/null 2>"$TMP/err"; rc=$?
if [ $rc -eq 1 ] && grep -q 'ops' "$TMP/err"; then ok "a second active key of the same name is refused"; else fail "duplicate key name" "rc $rc"; fi
"$TRIPMODED" --db "$DB" keys create --role root --name x >/dev/null 2>"$TMP/err"; rc=$?
if [ $rc -eq 2 ] && grep -q -- '--role' "$TMP/err"; then ok "an unknown role is a usage error"; else fail "bad role" "rc $rc"; fi

# --- every request needs a key (not loopback-open) -----------------------
start_daemon "$DB" --open-reads no || { finish; exit 1; }
req GET /v1/destinations
check_status "closed: no key on a read is 401" 401
grep -qi '^www-authenticate: Bearer' "$TMP/headers" && ok "401 carries WWW-Authenticate: Bearer" || fail "WWW-Authenticate" "$(cat "$TMP/headers")"
check "401 is problem+json naming Authorization" '.status == 401 and .errors[0].field == "Authorization"'
req GET /v1/destinations '' -H "Authorization: Bearer $STAFF"
check "closed: a staff key reads the list" '.count == 46'
decide '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"}'
check_status "closed: a ruling without a key is 401" 401
req POST /v1/decisions '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"}' -H "Authorization: Bearer $STAFF"
check "closed: a staff key gets a ruling" '.ruling.rule == "listed"'
req GET /healthz '' -H "Authorization: Bearer tm_0000000000000000000000000000000000000000000000000000000000000000"
check_status "an unknown key is 401" 401
req GET /healthz '' -H "Authorization: Basic b3BzOm9wcw=="
check_status "a non-bearer Authorization is 401" 401

# Writes: admin only.
entry='{"id":"it-keys","name":"Keytown","country":"DE","lat":50.1,"lon":8.1,"mode":"train","strength":"mandatory"}'
req POST /v1/destinations "$entry"
check_status "write without a key: 401" 401
req POST /v1/destinations "$entry" -H "Authorization: Bearer $STAFF"
check_status "write with a staff key: 403" 403
check "403 names the role it needs" '.status == 403 and (.detail | test("admin")) and (.detail | test("staff"))'
req POST /v1/destinations "$entry" -H "Authorization: Bearer $HR"
check_status "write with an hr key: 403" 403
req PUT /v1/policy '{}' -H "Authorization: Bearer $HR"
check_status "policy change with an hr key: 403" 403
req PUT /v1/policy '{}' -H "Authorization: Bearer $ADMIN"
case "$STATUS" in 401|403) fail "admin passes the role check" "status $STATUS" ;; *) ok "admin passes the role check ($STATUS)" ;; esac

# Revoking takes effect in the running daemon within a second or two.
"$TRIPMODED" --db "$DB" keys revoke desk 2>/dev/null
sleep 2.2
req GET /v1/destinations '' -H "Authorization: Bearer $STAFF"
check_status "a revoked key is refused by the running daemon" 401
"$TRIPMODED" --db "$DB" keys list >"$TMP/list" 2>&1
check "keys list shows when desk was revoked" '[.[] | select(.name == "desk")][0].revoked_at != null' "$TMP/list"
NEWSTAFF=$(make_key staff desk "$DB")
sleep 2.2
req GET /v1/destinations '' -H "Authorization: Bearer $NEWSTAFF"
check_status "a new key under a revoked name works without a restart" 200
stop_daemon

# --- default on loopback: reads and rulings open, writes still need admin ---
start_daemon "$DB" || { finish; exit 1; }
grep -q 'rulings and reads open' "$TMP/daemon.log" && ok "the log says reads are open on loopback" || fail "open reads log" "$(head -2 "$TMP/daemon.log")"
decide '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"}'
check "open: a ruling without a key" '.ruling.rule == "listed"'
req GET /v1/destinations '' -H "Authorization: Bearer $STAFF"
check_status "open: a revoked key sent anyway is still 401" 401
req POST /v1/destinations "$entry"
check_status "open: a write without a key is 401" 401
stop_daemon

"$TRIPMODED" --db "$DB" --open-reads maybe >/dev/null 2>"$TMP/err"; rc=$?
if [ $rc -eq 2 ] && grep -q -- '--open-reads' "$TMP/err"; then ok "--open-reads takes yes or no"; else fail "--open-reads" "rc $rc"; fi

finish
