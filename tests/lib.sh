# Helpers for the integration tests: start the real daemon on a free port
# with a temporary database, talk to it with curl, assert with jq.
# Every check prints "ok   NAME" or "FAIL NAME: why".

: "${TRIPMODED:?set TRIPMODED to the tripmoded binary}"
: "${TRIPMODE:?set TRIPMODE to the tripmode binary}"

T_PASS=0
T_FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tripmode-it.XXXXXX")
DAEMON_PID=""

cleanup() {
	[ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

ok() { T_PASS=$((T_PASS + 1)); echo "ok   $1"; }
fail() { T_FAIL=$((T_FAIL + 1)); echo "FAIL $1: $2"; }

# check NAME JQ-EXPR [FILE]: the expression must be true of the JSON file.
check() {
	local name=$1 expr=$2 file=${3:-$TMP/body}
	if jq -e "$expr" "$file" >/dev/null 2>&1; then
		ok "$name"
	else
		fail "$name" "expected $expr; got $(head -c 600 "$file")"
	fi
}

# check_status NAME EXPECTED: the last request's status.
check_status() {
	if [ "$STATUS" = "$2" ]; then ok "$1"; else fail "$1" "status $STATUS, expected $2; body $(head -c 400 "$TMP/body")"; fi
}

# start_daemon [DB] [ARGS...]: start tripmoded on port 0 and read the port back.
start_daemon() {
	local db=${1:-$TMP/tripmode.db} i
	shift || true
	: >"$TMP/daemon.log"
	"$TRIPMODED" --listen 127.0.0.1:0 --db "$db" "$@" 2>>"$TMP/daemon.log" &
	DAEMON_PID=$!
	for i in $(seq 1 200); do
		PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$TMP/daemon.log" | tail -n 1)
		[ -n "$PORT" ] && break
		kill -0 "$DAEMON_PID" 2>/dev/null || break
		sleep 0.05
	done
	if [ -z "$PORT" ]; then
		echo "FAIL daemon start: $(cat "$TMP/daemon.log")"
		T_FAIL=$((T_FAIL + 1))
		DAEMON_PID=""
		return 1
	fi
	URL="http://127.0.0.1:$PORT"
	export TRIPMODE_URL="$URL"
}

# stop_daemon: SIGTERM, and the exit status in DAEMON_RC.
stop_daemon() {
	kill -TERM "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID"
	DAEMON_RC=$?
	DAEMON_PID=""
}

# req METHOD PATH [BODY] [CURL-ARGS...]: status in STATUS, body in $TMP/body,
# headers in $TMP/headers.
req() {
	local method=$1 path=$2 body=${3:-}
	shift 3 2>/dev/null || shift $#
	# No answer must not show the previous one.
	: >"$TMP/body"
	: >"$TMP/headers"
	if [ -n "$body" ]; then
		STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
		    -X "$method" -H 'Content-Type: application/json' \
		    --data-binary "$body" "$@" "$URL$path")
	else
		STATUS=$(curl -s -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
		    -X "$method" "$@" "$URL$path")
	fi
}

# decide JSON: POST /v1/decisions.
decide() { req POST /v1/decisions "$1"; }

# bad NAME STATUS FIELD JSON: a bad request names its field in problem+json.
bad() {
	decide "$4"
	if [ "$STATUS" = "$2" ] &&
	    grep -qi '^content-type: application/problem+json' "$TMP/headers" &&
	    jq -e --arg f "$3" '[.errors[].field] | index($f) != null' "$TMP/body" >/dev/null 2>&1; then
		ok "$1"
	else
		fail "$1" "expected $2 naming $3; got $STATUS $(head -c 400 "$TMP/body")"
	fi
}

finish() {
	echo "# integration: $T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ]
}

# make_key ROLE NAME [DB]: create an API key with `tripmoded keys create`
# (the key is the only line it prints on stdout) and print it.
make_key() {
	"$TRIPMODED" --db "${3:-$TMP/tripmode.db}" keys create --role "$1" --name "$2" 2>/dev/null | tail -n 1
}
