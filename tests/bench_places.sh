#!/bin/sh
# Resolving a place, by name and by coordinates, with the world gazetteer
# against the 7 339 places of 2026-11 (tests/bench-places-7339.tsv),
# measured in the same run by tests/bench_resolve (see there): nanoseconds
# per operation, the ratio world / 2026-11, and the gazetteer's memory.
#
# usage: tests/bench_places.sh [SECONDS]    (run by ./quickstart bench-places)
# Needs: BENCH_RESOLVE (the path of tests/bench_resolve), set by quickstart.
set -eu
secs=${1:-1}
: "${BENCH_RESOLVE:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "bench-places: ${secs}s per operation and snapshot, one thread"
"$BENCH_RESOLVE" "$tmp" "$(dirname "$0")/bench-places-7339.tsv" "$secs"
