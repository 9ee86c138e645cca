#!/bin/bash
# The network edge against the real daemon: HTTP framing of HEAD on a
# keep-alive connection; the Host names a loopback listener answers for; a
# database that is not tripmode's; running out of file descriptors.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

DB=$TMP/tripmode.db
WEB=$TESTS_SRCDIR/../daemon/web
start_daemon "$DB" --web-dir "$WEB" || { finish; exit 1; }

# raw REQUESTS: send the bytes on one connection, the answer in $TMP/raw.
raw() {
	exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
	printf '%b' "$1" >&3
	timeout 2 cat <&3 >"$TMP/raw"
	exec 3<&- 3>&-
}

# --- HEAD then GET on one connection: both framed ---------------------------
for path in /healthz / /static/style.css /v1/destinations/cologne /v1/nothing; do
	raw "HEAD $path HTTP/1.1\r\nHost: localhost\r\n\r\nGET $path HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
	# The HEAD's headers end with an empty line; the GET's status line must
	# follow at once, and both must give the same length.
	awk -v RS='\r\n' '
		NR == 1 { status1 = $0; next }
		part == 0 && /^Content-Length:/ { len1 = $2 }
		part == 0 && $0 == "" { part = 1; next }
		part == 1 && !seen { seen = 1; status2 = $0; next }
		part == 1 && /^Content-Length:/ { len2 = $2 }
		END { printf "%s|%s|%s|%s\n", status1, len1, status2, len2 }
	' "$TMP/raw" >"$TMP/framing"
	IFS='|' read -r s1 l1 s2 l2 <"$TMP/framing"
	code=${s1#HTTP/1.1 }
	if [[ $s1 == "HTTP/1.1 "* && $s2 == "$s1" && -n $l1 && $l1 == "$l2" && $l1 -gt 0 ]]; then
		ok "HEAD $path then GET: framed (${code%% *}, Content-Length $l1 both)"
	else
		fail "HEAD $path then GET" "first '$s1' length '$l1', then '$s2' length '$l2'"
	fi
done

# --- Host: only loopback names on a loopback listener ----------------------
# host NAME PATH: GET PATH with that Host header; STATUS, $TMP/body.
host() {
	STATUS=$(curl -s -o "$TMP/body" -w '%{http_code}' -H "Host: $1" "$URL$2")
}
for h in "localhost:$PORT" "127.0.0.1:$PORT" "[::1]:$PORT" "LOCALHOST" "app.localhost:$PORT" "127.1.2.3"; do
	host "$h" /healthz
	[ "$STATUS" = 200 ] && ok "Host: $h is answered" || fail "Host: $h" "status $STATUS"
done
for h in "evil.example" "evil.example:$PORT" "127.0.0.1.evil.example" "localhost.evil.example" "[::2]:$PORT"; do
	for path in /healthz "/?lang=nl" /v1/destinations/cologne; do
		host "$h" "$path"
		if [ "$STATUS" = 421 ] && jq -e '.status == 421 and .errors[0].field == "Host" and .errors[0].code == "invalid"' "$TMP/body" >/dev/null &&
		    ! grep -q 'csrf' "$TMP/body"; then
			ok "Host: $h, GET $path: 421 naming Host"
		else
			fail "Host: $h, GET $path" "status $STATUS $(head -c 200 "$TMP/body")"
		fi
	done
done
stop_daemon
[ "$DAEMON_RC" = 0 ] && ok "the daemon stops cleanly" || fail "daemon exit" "$DAEMON_RC"

start_daemon "$DB" --web-dir "$WEB" --allowed-host tripmode.stad.gent || { finish; exit 1; }
host "tripmode.stad.gent:$PORT" /healthz
[ "$STATUS" = 200 ] && ok "--allowed-host: that name is answered" || fail "--allowed-host" "status $STATUS"
host "evil.example" /healthz
[ "$STATUS" = 421 ] && ok "--allowed-host: other names still get 421" || fail "--allowed-host others" "status $STATUS"
stop_daemon
"$TRIPMODED" --db "$DB" --allowed-host "evil.example:80" 2>"$TMP/err" >/dev/null
rc=$?
[ "$rc" = 2 ] && grep -q -- '--allowed-host' "$TMP/err" && ok "--allowed-host with a port is refused at start" || fail "--allowed-host HOST:PORT" "rc $rc $(cat "$TMP/err")"

# --- a foreign database is refused and left as it was ----------------------
# refused NAME FILE: tripmoded --db FILE ends at once with 1, naming the
# file, and FILE is byte for byte what it was, with no files beside it.
refused() {
	local before after
	before=$(sha256sum "$2" | cut -d' ' -f1)
	timeout 10 "$TRIPMODED" --db "$2" --listen 127.0.0.1:0 2>"$TMP/err" >/dev/null
	local rc=$?
	after=$(sha256sum "$2" | cut -d' ' -f1)
	if [ "$rc" = 1 ] && [ "$before" = "$after" ] && grep -qF "$2" "$TMP/err" &&
	    grep -q "$3" "$TMP/err" && [ -z "$(ls "$2"-* 2>/dev/null)" ]; then
		ok "$1: refused at start, file unchanged"
	else
		fail "$1" "rc $rc, $before -> $after, $(ls "$2"* | tr '\n' ' ') $(cat "$TMP/err")"
	fi
}
sqlite3 "$TMP/foreign.db" 'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);'
refused "an SQLite file of another program" "$TMP/foreign.db" "not a tripmode database"
sqlite3 "$TMP/versioned.db" 'CREATE TABLE t (x); PRAGMA user_version = 3;'
refused "another program's file with a schema version" "$TMP/versioned.db" "not a tripmode database"
printf 'id,name\n' >"$TMP/text.db"
refused "a file that is not SQLite" "$TMP/text.db" "not a database"
"$TRIPMODED" --db "$TMP/new.db" keys list >/dev/null 2>&1 &&
    [ "$(sqlite3 "$TMP/new.db" 'SELECT count(*) FROM destinations')" -gt 0 ] &&
    ok "a new path still becomes a tripmode database" || fail "new database" "not created"

# --- out of file descriptors: no spinning, no flood of log lines ----------
# The daemon with 64 descriptors, 150 connections held open: accept() fails
# for most of them.  It must pause accepting (not spin), log at most once a
# second, and answer again once connections go.
printf '#!/bin/bash\nulimit -n 64\nexec "%s" "$@"\n' "$TRIPMODED" >"$TMP/lowfd"
chmod +x "$TMP/lowfd"
real=$TRIPMODED
TRIPMODED=$TMP/lowfd
start_daemon "$DB" --threads 2 || { finish; exit 1; }
TRIPMODED=$real
fds=()
for i in $(seq 150); do
	exec {fd}<>"/dev/tcp/127.0.0.1/$PORT" && fds+=("$fd")
done
ticks() { awk '{ print $14 + $15 }' "/proc/$DAEMON_PID/stat"; }
log0=$(wc -c <"$TMP/daemon.log")
t0=$(ticks)
sleep 5
t1=$(ticks)
log1=$(wc -c <"$TMP/daemon.log")
hz=$(getconf CLK_TCK)
pct=$(( (t1 - t0) * 100 / (5 * hz) ))
grew=$((log1 - log0))
if [ "${#fds[@]}" -ge 100 ] && [ "$pct" -lt 20 ] && [ "$grew" -lt 20000 ]; then
	ok "out of descriptors with ${#fds[@]} connections: ${pct}% CPU, log +$grew bytes in 5 s"
else
	fail "out of descriptors" "${#fds[@]} connections, ${pct}% CPU, log +$grew bytes in 5 s: $(tail -n 2 "$TMP/daemon.log")"
fi
grep -q 'accept: Too many open files' "$TMP/daemon.log" && ok "the log says accept() ran out of descriptors" || fail "accept log" "$(tail -n 3 "$TMP/daemon.log")"
for fd in "${fds[@]}"; do exec {fd}<&-; done
sleep 0.5
STATUS=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$URL/healthz")
[ "$STATUS" = 200 ] && ok "once connections go, /healthz answers within a second" || fail "healthz after" "status $STATUS"
stop_daemon
finish
