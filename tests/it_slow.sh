#!/bin/bash
# Slow and many clients against the real daemon: the connection budget,
# the deadline for a request's head, the rate floor for its body, the
# memory of large bodies handed back, and /healthz answering throughout.
# The clients are tests/slow_clients (real sockets, see its header).
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"
: "${SLOW_CLIENTS:?set SLOW_CLIENTS to the slow_clients binary}"

DB=$TMP/tripmode.db
WEB=$TESTS_SRCDIR/../daemon/web

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
# healthz_watch SECONDS OUT: GET /healthz every half second, one line each:
# the status and the time it took ("000" when it did not answer in 1 s).
healthz_watch() {
	local end=$((SECONDS + $1))
	while [ $SECONDS -lt $end ]; do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 1 "$URL/healthz" >>"$2"
		sleep 0.5
	done
}
# summary FILE KEY: a value of slow_clients' last line.
summary() { tail -n 1 "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# --- the flags: bad values are refused, naming the flag --------------------
for bad in "--max-connections 0" "--max-connections many" "--head-timeout 0" \
    "--head-timeout 1.5" "--body-rate -1"; do
	# shellcheck disable=SC2086
	"$TRIPMODED" --db "$TMP/never.db" $bad >"$TMP/out" 2>&1
	rc=$?
	flag=${bad%% *}
	if [ $rc = 2 ] && grep -q "tripmoded: $flag: expected" "$TMP/out" && [ ! -e "$TMP/never.db" ]; then
		ok "$bad: refused naming $flag"
	else
		fail "$bad" "exit $rc: $(cat "$TMP/out")"
	fi
done

# --- out of descriptors: 400 slow connections, ulimit -n 256 ---------------
# The budget (derived from the limit) is full at once; the connections
# beyond it are closed at once, never spun on; once the head deadline has
# passed the held ones are gone and a fresh /healthz answers.
printf '#!/bin/bash\nulimit -n 256\nexec "%s" "$@"\n' "$TRIPMODED" >"$TMP/lowfd"
chmod +x "$TMP/lowfd"
real=$TRIPMODED
TRIPMODED=$TMP/lowfd
start_daemon "$DB" --threads 2 --web-dir "$WEB" || { finish; exit 1; }
TRIPMODED=$real
budget=$(sed -n 's/.*at most \([0-9]*\) connections.*/\1/p' "$TMP/daemon.log")
fds=$(ls "/proc/$DAEMON_PID/fd" | wc -l)
if [ -n "$budget" ] && [ "$budget" -lt 256 ] && [ "$budget" -ge 64 ]; then
	ok "with 256 descriptors ($fds open at start) the budget is $budget connections"
else
	fail "budget under ulimit -n 256" "$(cat "$TMP/daemon.log")"
fi
log0=$(wc -c <"$TMP/daemon.log")
t0=$(ticks "$DAEMON_PID")
"$SLOW_CLIENTS" "$PORT" 400 line 20 >"$TMP/fd.out" &
clients=$!
sleep 10.6
late=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 1 "$URL/healthz")
wait $clients
t1=$(ticks "$DAEMON_PID")
log1=$(wc -c <"$TMP/daemon.log")
pct=$(( (t1 - t0) * 100 / (20 * $(getconf CLK_TCK)) ))
grew=$((log1 - log0))
held=$(sed -n 's/^t=2 open=//p' "$TMP/fd.out")
if [ "$(summary "$TMP/fd.out" connected)" = 400 ] && [ "$pct" -lt 50 ] && [ "$grew" -lt 100000 ] &&
    [ -n "$held" ] && [ "$held" -le "${budget:-0}" ]; then
	ok "400 slow connections, ulimit -n 256: $held held (budget $budget), ${pct}% CPU, log +$grew bytes in 20 s"
else
	fail "400 slow connections, ulimit -n 256" "held '$held' of budget '$budget', ${pct}% CPU, log +$grew bytes: $(tail -n 3 "$TMP/daemon.log")"
fi
[ "${late%% *}" = 200 ] && ok "after the head deadline a fresh /healthz answers (${late#* } s)" ||
	fail "/healthz after the head deadline" "'$late'"
grep -q "refused in the last second: .*--max-connections" "$TMP/daemon.log" &&
	ok "the log says connections beyond the budget were refused" ||
	fail "refused log" "$(tail -n 3 "$TMP/daemon.log")"
# Connections beyond the budget are accepted to be closed: a burst of them
# may still run out of descriptors for a moment (then accepting pauses).
n=$(grep -c 'accept: Too many open files' "$TMP/daemon.log")
[ "$n" -le 20 ] && ok "accept() ran out of descriptors in the burst: $n reports, at most one a second" ||
	fail "accept() reports" "$n: $(grep -m 3 accept "$TMP/daemon.log")"
stop_daemon

# --- trickled heads; slow bodies; steady uploads ---------------------------
# AddressSanitizer's allocator keeps what is freed in a quarantine (256 MB)
# and never hands it back: under it, a small quarantine, and the memory of
# the bodies must be reused by a second burst instead.
asan=0
ldd "$TRIPMODED" 2>/dev/null | grep -q libasan && asan=1
saved_asan=${ASAN_OPTIONS-}
[ $asan = 1 ] && export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
start_daemon "$DB" --threads 2 --web-dir "$WEB" || { finish; exit 1; }
[ $asan = 1 ] && export ASAN_OPTIONS="$saved_asan"
: >"$TMP/healthz"
healthz_watch 15 "$TMP/healthz" &
watch=$!
rss0=$(rss_kb "$DAEMON_PID")
"$SLOW_CLIENTS" "$PORT" 300 byte 15 >"$TMP/byte.out" &
c1=$!
"$SLOW_CLIENTS" "$PORT" 200 line 15 >"$TMP/line.out" &
c2=$!
"$SLOW_CLIENTS" "$PORT" 200 body 15 >"$TMP/body.out" &
c3=$!
"$SLOW_CLIENTS" "$PORT" 5 steady 15 >"$TMP/steady.out" &
c4=$!
sleep 7
rss_peak=$(rss_kb "$DAEMON_PID")
wait $c1 $c2 $c3 $c4 $watch
sleep 1.5	# the next second's tick hands the memory back
rss1=$(rss_kb "$DAEMON_PID")
for mode in byte line body; do
	n=$(summary "$TMP/$mode.out" connected)
	closed=$(summary "$TMP/$mode.out" closed)
	last=$(summary "$TMP/$mode.out" last)
	case $mode in
	byte) what="one header byte a second" ;;
	line) what="one header line every 5 s" ;;
	body) what="1 MiB bodies, then a byte every 5 s" ;;
	esac
	if [ -n "$n" ] && [ "$n" -gt 0 ] && [ "$closed" = "$n" ] && awk -v l="$last" 'BEGIN { exit !(l >= 9 && l <= 15) }'; then
		ok "$n connections sending $what: all dropped, the last after $last s"
	else
		fail "connections sending $what" "$(tail -n 1 "$TMP/$mode.out")"
	fi
done
if [ "$(summary "$TMP/steady.out" answered)" = 5 ] && [ "$(summary "$TMP/steady.out" closed)" = 0 ]; then
	ok "5 uploads at 4 KiB a second over 8 s: all answered"
else
	fail "steady uploads" "$(tail -n 1 "$TMP/steady.out")"
fi
n=$(wc -l <"$TMP/healthz")
good=$(awk '$1 == 200 && $2 < 1 { n++ } END { print n + 0 }' "$TMP/healthz")
[ "$n" -ge 20 ] && [ "$good" = "$n" ] && ok "/healthz answered throughout ($good of $n within a second)" ||
	fail "/healthz throughout" "$good of $n: $(grep -v '^200' "$TMP/healthz" | head -3)"
grep -q "request head not complete within 10000 ms (--head-timeout)" "$TMP/daemon.log" &&
	grep -q "request body slower than 1024 bytes a second (--body-rate)" "$TMP/daemon.log" &&
	ok "the log names the head deadline and the body rate" ||
	fail "deadline log" "$(tail -n 4 "$TMP/daemon.log")"
# The bodies held about 200 MiB; once dropped, the memory goes back (is
# reused, under AddressSanitizer).
if [ $asan = 1 ]; then
	"$SLOW_CLIENTS" "$PORT" 200 body 12 >"$TMP/body2.out" &
	c5=$!
	sleep 7
	rss_peak2=$(rss_kb "$DAEMON_PID")
	wait $c5
	if [ $((rss_peak - rss0)) -gt 100000 ] && [ "$rss_peak2" -lt $((rss_peak + rss_peak / 10)) ] &&
	    [ "$(summary "$TMP/body2.out" closed)" = 200 ]; then
		ok "memory of 200 large bodies reused (AddressSanitizer): RSS $((rss0 / 1024)) -> $((rss_peak / 1024)), second burst $((rss_peak2 / 1024)) MB"
	else
		fail "memory after large bodies (AddressSanitizer)" "RSS $rss0 -> $rss_peak, second burst $rss_peak2 kB; $(tail -n 1 "$TMP/body2.out")"
	fi
elif [ $((rss_peak - rss0)) -gt 100000 ] && [ $((rss1 - rss0)) -lt 40000 ]; then
	ok "memory of 200 large bodies handed back: RSS $((rss0 / 1024)) -> $((rss_peak / 1024)) -> $((rss1 / 1024)) MB"
else
	fail "memory after large bodies" "RSS $rss0 -> $rss_peak -> $rss1 kB"
fi
lines=$(grep -c 'connections: ' "$TMP/daemon.log")
[ "$lines" -le 10 ] && ok "every dropped connection logged in $lines lines" ||
	fail "log lines" "$lines lines: $(grep 'connections: ' "$TMP/daemon.log" | head -5)"
stop_daemon

# --- the flags at work -----------------------------------------------------
# A budget of 20: of 50 connections 30 are closed at once; a head deadline
# of 2 s closes the rest then; a rate floor of 8 KiB/s drops the upload
# that 1 KiB/s lets through; an idle keep-alive connection is the idle
# timeout's (10 s), not the head deadline's.
start_daemon "$DB" --threads 2 --max-connections 20 --head-timeout 2 --body-rate 8192 || { finish; exit 1; }
"$SLOW_CLIENTS" "$PORT" 50 silent 4 >"$TMP/budget.out"
held=$(sed -n 's/^t=1 open=//p' "$TMP/budget.out")
last=$(summary "$TMP/budget.out" last)
if [ "$held" = 20 ] && [ "$(summary "$TMP/budget.out" closed)" = 50 ] &&
    awk -v l="$last" 'BEGIN { exit !(l >= 1.9 && l <= 3.5) }'; then
	ok "--max-connections 20: 30 of 50 closed at once, --head-timeout 2: the rest after $last s"
else
	fail "--max-connections 20, --head-timeout 2" "after 1 s $held open; $(tail -n 1 "$TMP/budget.out")"
fi
"$SLOW_CLIENTS" "$PORT" 2 steady 12 >"$TMP/fast.out"
last=$(summary "$TMP/fast.out" last)
if [ "$(summary "$TMP/fast.out" answered)" = 0 ] && [ "$(summary "$TMP/fast.out" closed)" = 2 ] &&
    awk -v l="$last" 'BEGIN { exit !(l >= 4.5 && l <= 7) }'; then
	ok "--body-rate 8192: uploads at 4 KiB a second dropped after $last s"
else
	fail "--body-rate 8192" "$(tail -n 1 "$TMP/fast.out")"
fi
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n' >&3
sleep 3
printf 'GET /v1/destinations/cologne HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3 2>/dev/null
timeout 2 cat <&3 >"$TMP/keepalive" 2>/dev/null
exec 3<&- 3>&-
n=$(grep -c '^HTTP/1.1 200' "$TMP/keepalive")
[ "$n" = 2 ] && grep -q '"Cologne"\|"Keulen"' "$TMP/keepalive" &&
	ok "a keep-alive connection idle 3 s past a 2 s head deadline still answers" ||
	fail "keep-alive past the head deadline" "$n answers: $(head -c 300 "$TMP/keepalive")"
stop_daemon
finish
