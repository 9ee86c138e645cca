#!/bin/bash
# Bad input, data-driven: every directory tests/bad/AREA/CASE (AREA api,
# form or csv) is one request that must be refused.  Each case checks the
# status, the fields named, the content type, and that nothing was stored
# (a fingerprint of the whole database, and for csv cases the list as CSV,
# the same before and after).
#
# CASE/request:
#   line 1              METHOD PATH        (the path may hold placeholders)
#   lines 2..           Name: value        headers, up to the first empty line
#   after the empty line the body, sent byte for byte (curl --data-binary @file).
#   If the file ends with a newline, exactly one final newline is removed
#   from the body: so write "BODY\n" for BODY, "BODY\n\n" for "BODY\n", and
#   nothing after the empty line (or just "\n") for an empty body.  Without
#   an empty line the request has no body at all (a GET).
#   Placeholders, replaced in the path, the headers and the body:
#     {staff} {hr} {admin}  API keys of those roles (made before the start)
#     {trip}                the id of a pending trip filed in the setup
#     {csrf}                the form token of GET /decide?... (form cases; the
#                           cookie jar of that GET is sent with every form case)
# CASE/expect:
#   status N                 required
#   field NAME               zero or more: api and csv cases, an errors[].field
#                            of the problem+json; form cases, id="NAME-error"
#                            in the page
#   content-type problem|html  default problem (api, csv), html (form)
#   # ...                    what the case is about
#
# "Nothing stored": `sqlite3 DB .dump` before and after each case must be
# the same.  The setup first checks that reads, a ruling and the form page
# leave the dump unchanged (nothing like a last-used time is written), so
# the fingerprint is sound.
#
# Run alone: TRIPMODED=... TRIPMODE=... TESTS_SRCDIR=.../tests bash it_bad.sh [CASE-GLOB]
# (e.g. 'csv/*' or '*trunc*').
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
SRC=${TESTS_SRCDIR:-$(dirname "$0")}
CASES=$SRC/bad
ONLY=${1:-*/*}

if ! command -v sqlite3 >/dev/null; then
	fail "sqlite3" "the sqlite3 command is needed for the fingerprints"
	finish
	exit 1
fi

DB=$TMP/bad.db
STAFF=$(make_key staff bad-staff "$DB")
HR=$(make_key hr bad-hr "$DB")
ADMIN=$(make_key admin bad-admin "$DB")
if [[ $STAFF =~ ^tm_ && $HR =~ ^tm_ && $ADMIN =~ ^tm_ ]]; then
	ok "keys made"
else
	fail "keys" "got '$STAFF' '$HR' '$ADMIN'"
	finish
	exit 1
fi
start_daemon "$DB" --web-dir "$SRC/../daemon/web" --open-form yes || { finish; exit 1; }

# dump FILE: the database as SQL text.
dump() { sqlite3 "$DB" .dump >"$1"; }
# export_csv FILE: the list as CSV.
export_csv() { curl -s -H 'Accept: text/csv' -o "$1" "$URL/v1/destinations"; }
# first_change A B: the first line of B that differs from A, shortened.
first_change() { diff "$1" "$2" | grep -m 2 '^[<>]' | cut -c 1-160 | tr '\n' ' '; }

# --- setup -----------------------------------------------------------------
req POST /v1/trips '{"trip":{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10"},"traveller":{"name":"An Peeters","email":"an.peeters@stad.gent","department":"Milieudienst"},"chosen_mode":"train"}' \
    -H "Authorization: Bearer $STAFF"
TRIP=$(jq -r '.id // empty' "$TMP/body" 2>/dev/null)
if [ "$STATUS" = 201 ] && [[ $TRIP =~ ^[0-9]+$ ]]; then
	ok "setup: a pending trip filed (id $TRIP)"
else
	fail "setup: a pending trip" "status $STATUS $(head -c 300 "$TMP/body")"
	finish
	exit 1
fi

dump "$TMP/dump.before"
JAR=$TMP/cookies
STATUS=$(curl -s -c "$JAR" -o "$TMP/body" -w '%{http_code}' \
    "$URL/decide?destination=Keulen&departure_date=2027-03-08&return_date=2027-03-10&travellers=1")
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/body" | head -n 1)
if [ "$STATUS" = 200 ] && [[ $CSRF =~ ^[0-9a-f]{64}$ ]] && grep -q tripmode_csrf "$JAR"; then
	ok "setup: the form token and its cookie"
else
	fail "setup: the form token" "status $STATUS, csrf '$CSRF'"
fi
req POST /v1/decisions '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","travellers":2}'
req GET /v1/destinations
req GET /v1/destinations/cologne
req GET /v1/policy
req GET "/v1/trips/$TRIP" '' -H "Authorization: Bearer $HR"
req GET /v1/trips '' -H "Authorization: Bearer $HR"
export_csv "$TMP/list.before"
dump "$TMP/dump.after"
if cmp -s "$TMP/dump.before" "$TMP/dump.after"; then
	ok "setup: reads, a ruling, the form page and keyed reads leave the dump unchanged"
else
	fail "setup: the fingerprint is not sound" "a read changed the dump: $(first_change "$TMP/dump.before" "$TMP/dump.after")"
fi
mv "$TMP/dump.after" "$TMP/dump.before"

# --- one case ------------------------------------------------------------------

# sed_escape TEXT: TEXT as the replacement of an s|...|...| command.
sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }
SUBST="s|{staff}|$(sed_escape "$STAFF")|g; s|{hr}|$(sed_escape "$HR")|g; s|{admin}|$(sed_escape "$ADMIN")|g; s|{trip}|$(sed_escape "$TRIP")|g; s|{csrf}|$(sed_escape "$CSRF")|g"
# subst TEXT: the placeholders replaced.
subst() { printf '%s' "$1" | LC_ALL=C sed -e "$SUBST"; }

# run_case DIR: send the request, check the answer and the fingerprint.
run_case() {
	local dir=$1 name area method path line nhead=1 has_body=0 size
	local status="" ctype="" fields=() f why="" missing="" ok_ct
	local -a args=()
	name=${dir#"$CASES"/}
	area=${name%%/*}
	if [ ! -f "$dir/request" ] || [ ! -f "$dir/expect" ]; then
		fail "$name" "needs both request and expect"
		return
	fi
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		'#'* | '') ;;
		'status '*) status=${line#status } ;;
		'field '*) fields+=("${line#field }") ;;
		'content-type '*) ctype=${line#content-type } ;;
		*) fail "$name" "expect: cannot read '$line'"; return ;;
		esac
	done <"$dir/expect"
	if [[ ! $status =~ ^[0-9]{3}$ ]]; then
		fail "$name" "expect: no 'status N' line"
		return
	fi
	[ -n "$ctype" ] || { [ "$area" = form ] && ctype=html || ctype=problem; }

	# The request line and the headers, up to the first empty line.
	{
		IFS= read -r line
		method=${line%% *}
		path=$(subst "${line#* }")
		while IFS= read -r line; do
			nhead=$((nhead + 1))
			if [ -z "$line" ]; then
				has_body=1
				break
			fi
			args+=(-H "$(subst "$line")")
		done
	} <"$dir/request"
	if [ "$has_body" = 1 ]; then
		# The body: every byte after the empty line, less one final newline.
		tail -n +"$((nhead + 1))" "$dir/request" >"$TMP/req.raw"
		size=$(wc -c <"$TMP/req.raw")
		if [ "$size" -gt 0 ] && [ "$(tail -c 1 "$TMP/req.raw" | od -An -tx1 | tr -d ' ')" = 0a ]; then
			head -c "$((size - 1))" "$TMP/req.raw" >"$TMP/req.body"
		else
			cp "$TMP/req.raw" "$TMP/req.body"
		fi
		if LC_ALL=C grep -aq '{\(staff\|hr\|admin\|trip\|csrf\)}' "$TMP/req.body"; then
			LC_ALL=C sed -e "$SUBST" "$TMP/req.body" >"$TMP/req.subst"
			mv "$TMP/req.subst" "$TMP/req.body"
		fi
		args+=(--data-binary "@$TMP/req.body")
	fi
	[ "$area" = form ] && args+=(-b "$JAR")
	[ "$area" = csv ] && export_csv "$TMP/list.before"

	: >"$TMP/body"
	: >"$TMP/headers"
	STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
	    -X "$method" "${args[@]}" "$URL$path")

	[ "$STATUS" = "$status" ] || why="$why; status $STATUS, expected $status"
	case $ctype in
	problem) grep -qi '^content-type: application/problem+json' "$TMP/headers" ;;
	html) grep -qi '^content-type: text/html' "$TMP/headers" ;;
	*) false ;;
	esac
	ok_ct=$?
	[ "$ok_ct" = 0 ] || why="$why; content type '$(sed -n 's/^[Cc]ontent-[Tt]ype: *\(.*\)\r$/\1/p' "$TMP/headers")', expected $ctype"
	for f in "${fields[@]}"; do
		if [ "$ctype" = html ]; then
			grep -qF "id=\"$f-error\"" "$TMP/body" || missing="$missing '$f'"
		else
			jq -e --arg f "$f" '[.errors[]?.field] | index($f) != null' "$TMP/body" >/dev/null 2>&1 ||
			    missing="$missing '$f'"
		fi
	done
	if [ -n "$missing" ] && [ "$ctype" = html ]; then
		why="$why; not named:$missing (the page has: $(grep -o 'id="[a-z_]*-error"' "$TMP/body" | sort -u | tr '\n' ' '))"
	elif [ -n "$missing" ]; then
		why="$why; not named:$missing (errors name: $(jq -c '[.errors[]?.field]' "$TMP/body" 2>/dev/null || echo 'no JSON'))"
	fi

	dump "$TMP/dump.after"
	if ! cmp -s "$TMP/dump.before" "$TMP/dump.after"; then
		why="$why; stored something: $(first_change "$TMP/dump.before" "$TMP/dump.after")"
		mv "$TMP/dump.after" "$TMP/dump.before"
	fi
	if [ "$area" = csv ]; then
		export_csv "$TMP/list.after"
		cmp -s "$TMP/list.before" "$TMP/list.after" ||
		    why="$why; the list changed: $(first_change "$TMP/list.before" "$TMP/list.after")"
	fi

	if [ -z "$why" ]; then
		ok "$name"
		return
	fi
	# A page's first 300 bytes are its head: say its heading too.
	[ "$ctype" = html ] || grep -qi '^content-type: text/html' "$TMP/headers" &&
	    why="$why; the page's heading: '$(sed -n 's/.*<h1>\([^<]*\)<\/h1>.*/\1/p' "$TMP/body" | head -n 1)'"
	fail "$name" "${why#; }; body: $(head -c 300 "$TMP/body" | tr '\r\n' '  ')"
}

n=0
for dir in "$CASES"/api/*/ "$CASES"/form/*/ "$CASES"/csv/*/; do
	dir=${dir%/}
	[ -d "$dir" ] || continue
	# shellcheck disable=SC2053
	[[ ${dir#"$CASES"/} == $ONLY ]] || continue
	run_case "$dir"
	n=$((n + 1))
done
if [ "$n" -gt 0 ]; then ok "$n cases run"; else fail "cases" "none found under $CASES matching '$ONLY'"; fi

stop_daemon
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP/daemon.log"; then
	fail "daemon log: no sanitizer report" "$(grep -A5 -E 'Sanitizer|runtime error' "$TMP/daemon.log" | head -20)"
else
	ok "daemon log: no sanitizer report"
fi
if [ "$DAEMON_RC" = 0 ]; then ok "the daemon stops cleanly"; else fail "daemon exit" "$DAEMON_RC"; fi

finish
