#!/bin/sh
# Resolving a place, by name and by coordinates, with the full gazetteer and
# the country borders against the list alone, measured in the same run by
# tests/bench_resolve (see there): nanoseconds per operation and the ratio
# full / list alone.
#
# usage: tests/bench_places.sh [SECONDS]    (run by ./quickstart bench-places)
# Needs: BENCH_RESOLVE (the path of tests/bench_resolve), set by quickstart.
set -eu
secs=${1:-1}
: "${BENCH_RESOLVE:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "bench-places: ${secs}s per operation and snapshot, one thread"
"$BENCH_RESOLVE" "$tmp" "$secs"
