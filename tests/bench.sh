#!/bin/bash
# Throughput of rulings over HTTP against a bare libevent responder served
# the same way, measured in the same run with wrk (a ruling should cost
# little more than an empty reply; the aim is a ratio of 0.85).  Also a list
# lookup and a ruling for an unlisted place by coordinates (zone test,
# calibration).  Then the latency of the first rulings by bare coordinates
# (the country from the borders) right after a trip is filed and after an
# entry is edited, against the same ruling at rest.
#
# usage: tests/bench.sh [SECONDS] [CONNECTIONS]    (run by ./quickstart bench)
# Needs: wrk; TRIPMODED and BARE (paths), set by quickstart.
set -eu
secs=${1:-5}
conns=${2:-64}
: "${TRIPMODED:?}" "${BARE:?}"
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
threads=$(nproc)
tmp=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }

post_lua() {
	cat >"$tmp/$1.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$2'
LUA
}
post_lua listed '{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","travellers":2}'
post_lua point '{"destination":{"name":"Tampere","country":"FI","lat":61.4981,"lon":23.7608},"departure_date":"2027-03-08","return_date":"2027-03-10"}'

# rps URL [SCRIPT]: requests per second, from wrk's summary.
rps() {
	local args=(-t"$threads" -c"$conns" -d"${secs}s" --latency)
	[ -n "${2:-}" ] && args+=(-s "$tmp/$2.lua")
	wrk "${args[@]}" "$1" >"$tmp/out" 2>&1
	grep -q 'Non-2xx' "$tmp/out" && { echo "bench: errors in $1:" >&2; cat "$tmp/out" >&2; exit 1; }
	awk '/^Requests\/sec:/ { print $2 }' "$tmp/out"
}

bport=$(free_port)
"$BARE" "$bport" "$threads" & pids+=($!)
tport=$(free_port)
key=$("$TRIPMODED" --db "$tmp/bench.db" keys create --role admin --name bench 2>/dev/null | tail -n 1)
"$TRIPMODED" --listen "127.0.0.1:$tport" --db "$tmp/bench.db" 2>"$tmp/log" & pids+=($!)
for i in $(seq 100); do curl -sf "http://127.0.0.1:$tport/healthz" >/dev/null && curl -sf "http://127.0.0.1:$bport/" >/dev/null && break; sleep 0.05; done

echo "bench: $threads threads, $conns connections, ${secs}s each, wrk on the same machine"
# Warm up both, then measure the baseline around the others to even out drift.
rps "http://127.0.0.1:$bport/" >/dev/null
rps "http://127.0.0.1:$tport/v1/decisions" listed >/dev/null
b1=$(rps "http://127.0.0.1:$bport/")
listed=$(rps "http://127.0.0.1:$tport/v1/decisions" listed)
point=$(rps "http://127.0.0.1:$tport/v1/decisions" point)
entry=$(rps "http://127.0.0.1:$tport/v1/destinations/cologne")
b2=$(rps "http://127.0.0.1:$bport/")
base=$(awk -v a="$b1" -v b="$b2" 'BEGIN { printf "%.0f", (a + b) / 2 }')
printf '%-44s %10s req/s\n' "baseline: bare libevent responder" "$base"
for row in "ruling, listed place (Keulen)|$listed" "ruling, place by coordinates (Tampere)|$point" "GET /v1/destinations/cologne|$entry"; do
	name=${row%|*}; v=${row#*|}
	printf '%-44s %10s req/s   ratio %.2f\n' "$name" "$v" "$(awk -v a="$v" -v b="$base" 'BEGIN { print a / b }')"
done

# The first rulings by bare coordinates after a write: one on a new
# connection per worker thread and two more, at once and again after the
# daemon's once-a-second look at the database; the slowest in ms.
bare='{"destination":{"lat":61.4981,"lon":23.7608},"departure_date":"2027-03-08","return_date":"2027-03-10"}'
ruling_ms() {
	curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
	    -d "$bare" "http://127.0.0.1:$tport/v1/decisions" | awk '{ printf "%.2f\n", $1 * 1000 }'
}
slowest_first() {
	local i
	{
		for i in $(seq $((threads + 2))); do ruling_ms; done
		# Past the daemon's one-second look at the database, too.
		sleep 1.5
		for i in $(seq $((threads + 2))); do ruling_ms; done
	} | sort -n | tail -n 1
}
for i in $(seq 20); do ruling_ms; done >/dev/null
rest=$(for i in $(seq 21); do ruling_ms; done | sort -n | sed -n 11p)
trip='{"trip":{"destination":"Keulen","departure_date":"2027-03-08","return_date":"2027-03-10","travellers":1},"traveller":{"name":"Bench","email":"bench@example.org","department":"IT"},"chosen_mode":"train"}'
auth="Authorization: Bearer $key"
st=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" -H 'Content-Type: application/json' -d "$trip" "http://127.0.0.1:$tport/v1/trips")
[ "$st" = 201 ] || { echo "bench: filing a trip: $st" >&2; exit 1; }
after_trip=$(slowest_first)
etag=$(curl -s -D - -o "$tmp/entry.json" "http://127.0.0.1:$tport/v1/destinations/cologne" | sed -n 's/^ETag: *\(.*\)\r$/\1/Ip')
st=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "$auth" -H "If-Match: $etag" -H 'Content-Type: application/json' \
    --data-binary "$(sed 's/"notes": *"[^"]*"/"notes":"bench edit"/' "$tmp/entry.json")" "http://127.0.0.1:$tport/v1/destinations/cologne")
[ "$st" = 200 ] || { echo "bench: editing an entry: $st" >&2; exit 1; }
after_edit=$(slowest_first)
printf '%-44s %7s ms\n' "ruling by bare coordinates, at rest (median)" "$rest"
for row in "first rulings after a trip is filed|$after_trip" "first rulings after an entry is edited|$after_edit"; do
	name=${row%|*}; v=${row#*|}
	printf '%-44s %7s ms   ratio %.2f\n' "$name (slowest)" "$v" "$(awk -v a="$v" -v b="$rest" 'BEGIN { print a / b }')"
done
