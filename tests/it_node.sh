#!/bin/bash
# The OpenAPI document checked against the running daemon, and the web
# pages in a real browser: tests/node/validate-openapi.mjs and browser.mjs
# under Node.js, with Debian's Chromium driven by playwright-core.
#
# The packages come from tests/node/node_modules when it is there
# (./quickstart test runs npm ci), else npm ci into the temporary directory
# (as in make distcheck).  Skipped (77) without node and npm; the browser
# part is skipped without Chromium.  SCREENSHOT=FILE keeps the answer
# page's screenshot.
set -u
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

SRC=$TESTS_SRCDIR/node
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "# SKIP: Node.js and npm are needed (./quickstart test installs them)"
	exit 77
fi

# Count a script's "ok"/"FAIL" lines into the totals.
tally() {
	local p f
	p=$(grep -c '^ok ' "$1" || true)
	f=$(grep -c '^FAIL ' "$1" || true)
	T_PASS=$((T_PASS + p))
	T_FAIL=$((T_FAIL + f))
}

# seconds since START, one decimal
since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

DIR=$SRC
if [ ! -d "$SRC/node_modules" ]; then
	DIR=$TMP/node
	mkdir -p "$DIR"
	cp "$SRC"/package.json "$SRC"/package-lock.json "$SRC"/*.mjs "$DIR"/
	t0=$(date +%s.%N)
	if (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error) >"$TMP/npm.log" 2>&1; then
		ok "npm ci ($(since "$t0") s)"
	else
		fail "npm ci" "$(tail -n 5 "$TMP/npm.log")"
		finish
		exit 1
	fi
fi

DB=$TMP/tripmode.db
ADMIN=$(make_key admin alice "$DB")
ADMIN2=$(make_key admin bob "$DB")
HR=$(make_key hr hanna "$DB")
STAFF=$(make_key staff sam "$DB")
if [[ $ADMIN =~ ^tm_ && $ADMIN2 =~ ^tm_ && $HR =~ ^tm_ && $STAFF =~ ^tm_ ]]; then
	ok "keys made (admin, admin, hr, staff)"
else
	fail "keys" "got '$ADMIN' '$HR' '$STAFF'"
	finish
	exit 1
fi

start_daemon "$DB" --web-dir "$TESTS_SRCDIR/../daemon/web" --open-form yes || { finish; exit 1; }

export TRIPMODE_URL=$URL TRIPMODE_ADMIN_KEY=$ADMIN TRIPMODE_ADMIN2_KEY=$ADMIN2 \
    TRIPMODE_HR_KEY=$HR TRIPMODE_STAFF_KEY=$STAFF \
    ROUTES_C=$TESTS_SRCDIR/../daemon/routes.c \
    OPENAPI_JSON=$TESTS_SRCDIR/../daemon/openapi.json

t0=$(date +%s.%N)
(cd "$DIR" && node validate-openapi.mjs) >"$TMP/openapi.out" 2>&1
cat "$TMP/openapi.out"
tally "$TMP/openapi.out"
echo "# validate-openapi.mjs: $(since "$t0") s"
grep -q '^# node openapi:' "$TMP/openapi.out" ||
    fail "validate-openapi.mjs" "ended early (see above)"

if [ -x "$CHROMIUM" ]; then
	t0=$(date +%s.%N)
	(cd "$DIR" && TMPDIR=$TMP CHROMIUM=$CHROMIUM \
	    SCREENSHOT=${SCREENSHOT:-$TMP/answer-keulen-nl.png} \
	    node browser.mjs) >"$TMP/browser.out" 2>&1
	cat "$TMP/browser.out"
	tally "$TMP/browser.out"
	echo "# browser.mjs: $(since "$t0") s"
	grep -q '^# node browser:' "$TMP/browser.out" ||
	    fail "browser.mjs" "ended early (see above)"
else
	echo "# skip browser: no $CHROMIUM (apt-get install chromium)"
fi

stop_daemon
if [ "$DAEMON_RC" -eq 0 ]; then ok "daemon exits 0 on SIGTERM"; else fail "daemon exit" "status $DAEMON_RC"; fi
# Under --enable-sanitizers the daemon reports to its log; nothing may be there.
if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$TMP/daemon.log"; then fail "daemon log: no sanitizer report" "$(grep -A5 -E 'Sanitizer|runtime error' "$TMP/daemon.log" | head -20)"; else ok "daemon log: no sanitizer report"; fi
finish
