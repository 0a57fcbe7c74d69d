#!/usr/bin/env bash
# Build everything and run every test suite; the last line says "N passed, N failed[, N skipped]".
#
#   ./test.sh                         all suites: web, unit, integration, e2e
#   ./test.sh --filter <expr>         pass a `dotnet test --filter` expression (or env TEST_FILTER);
#                                     the web suite is then left out unless named in --suites
#   ./test.sh --suites unit,e2e       run only these suites (or env TEST_SUITES)
#
# Logs, TRX files and the vitest JSON go to test-results/. Exit status is non-zero when a test
# failed or a suite produced no results. Runs as root on Debian 12 (installs what it needs);
# as another user it uses sudo for packages and a user namespace for the E2E network sandbox.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
ROOT=$PWD
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

FILTER="${TEST_FILTER:-}"
SUITES="${TEST_SUITES:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) [ $# -ge 2 ] || die "--filter needs an expression"; FILTER=$2; shift 2 ;;
    --filter=*) FILTER=${1#--filter=}; shift ;;
    --suites) [ $# -ge 2 ] || die "--suites needs a list"; SUITES=$2; shift 2 ;;
    --suites=*) SUITES=${1#--suites=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
if [ -z "$SUITES" ]; then
  if [ -n "$FILTER" ]; then SUITES="unit,integration,e2e"; else SUITES="web,unit,integration,e2e"; fi
fi
SUITES=",${SUITES// /},"
wanted() { [[ "$SUITES" == *",$1,"* ]]; }

# Hang guards per suite (the whole run is meant to finish well inside 30 minutes).
WEB_TIMEOUT=${WEB_TIMEOUT:-10m}
UNIT_TIMEOUT=${UNIT_TIMEOUT:-10m}
INTEGRATION_TIMEOUT=${INTEGRATION_TIMEOUT:-12m}
E2E_TIMEOUT=${E2E_TIMEOUT:-15m}

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
       DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
       NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false

RESULTS="$ROOT/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# Everything printed also lands in test-results/test.log.
exec > >(tee "$RESULTS/test.log") 2>&1
TEE_PID=$!

WORK=$(mktemp -d "${TMPDIR:-/tmp}/rs-test.XXXXXX")
PG_DIR=""
# shellcheck disable=SC2317 # called through the EXIT trap
cleanup() {
  stop_postgres || true
  rm -rf "$WORK"
  # Let tee write the last lines before the script ends.
  exec 1>&- 2>&-
  wait "$TEE_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- per-suite bookkeeping
SUITE_NAMES=()
declare -A S_PASSED S_FAILED S_SKIPPED S_NOTE
TOTAL_PASSED=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0

# record SUITE PASSED FAILED SKIPPED NOTE
record() {
  SUITE_NAMES+=("$1")
  S_PASSED[$1]=$2 S_FAILED[$1]=$3 S_SKIPPED[$1]=$4 S_NOTE[$1]=$5
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
  TOTAL_SKIPPED=$((TOTAL_SKIPPED + $4))
}

# A suite that could not run counts as one failure, with the reason.
not_run() {
  log "$1: did not run — $2"
  record "$1" 0 1 0 "NOT RUN: $2"
}

# trx_attr FILE NAME — value of attribute NAME on the TRX <Counters> element (0 when absent).
trx_attr() {
  local v
  v=$(tr '\n' ' ' < "$1" | grep -o '<Counters [^>]*>' | head -n1 \
        | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || true)
  echo "${v:-0}"
}

# record_trx SUITE TRXFILE EXITCODE — count a dotnet test run from its TRX file.
record_trx() {
  local suite=$1 trx=$2 rc=$3
  if [ ! -s "$trx" ] || ! grep -q '<Counters ' "$trx"; then
    if [ "$rc" -eq 124 ]; then
      not_run "$suite" "timed out and wrote no results (see test-results/$suite.log)"
    else
      not_run "$suite" "no TRX results (exit code $rc, see test-results/$suite.log)"
    fi
    return
  fi
  local total executed passed failed skipped note=""
  total=$(trx_attr "$trx" total)
  executed=$(trx_attr "$trx" executed)
  passed=$(trx_attr "$trx" passed)
  failed=$(( $(trx_attr "$trx" failed) + $(trx_attr "$trx" error) + $(trx_attr "$trx" timeout) + $(trx_attr "$trx" aborted) ))
  skipped=$(trx_attr "$trx" notExecuted)
  if [ "$skipped" -eq 0 ] && [ "$total" -gt "$executed" ]; then skipped=$((total - executed)); fi
  # Failed test names, for the summary.
  local names
  names=$(tr '\n' ' ' < "$trx" | grep -o '<UnitTestResult [^>]*>' | grep 'outcome="\(Failed\|Error\|Timeout\|Aborted\)"' \
            | sed -n 's/.* testName="\([^"]*\)".*/\1/p' | head -n 20 || true)
  if [ -n "$names" ]; then
    printf '%s\n' "$names" | sed "s/^/    FAILED [$suite] /" >> "$WORK/failed-tests"
  fi
  if [ "$total" -eq 0 ]; then
    if [ -n "$FILTER" ] && [ "$rc" -eq 0 ]; then
      record "$suite" 0 0 0 "no tests matched the filter"
      return
    fi
    not_run "$suite" "the run found no tests (exit code $rc, see test-results/$suite.log)"
    return
  fi
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # Crash, hang (blame) or timeout after some tests passed: the run is not a pass.
    failed=1
    if [ "$rc" -eq 124 ]; then note="timed out"; else note="dotnet test exited with code $rc"; fi
    note="$note although no test was reported failed (see test-results/$suite.log)"
  fi
  record "$suite" "$passed" "$failed" "$skipped" "$note"
}

# run_logged LOGFILE TIMEOUT cmd... — run with a hang guard, output to console and log; sets RC.
run_logged() {
  local logfile=$1 limit=$2
  shift 2
  set +e
  timeout --kill-after=30s "$limit" "$@" 2>&1 | tee "$logfile"
  RC=${PIPESTATUS[0]}
  set -e
}

# dotnet_test SUITE PROJECT TIMEOUT [wrapper...] — run one test project, record its TRX.
DOTNET_BUILD_OK=0
dotnet_test() {
  local suite=$1 project=$2 limit=$3
  shift 3
  if [ ! -d "$project" ]; then not_run "$suite" "$project does not exist"; return; fi
  if [ "$DOTNET_BUILD_OK" -ne 1 ]; then not_run "$suite" "the build failed (see test-results/build.log)"; return; fi
  local args=(dotnet test "$project" -c Release --no-build
              --logger "trx;LogFileName=$suite.trx" --logger "console;verbosity=normal"
              --results-directory "$RESULTS"
              --blame-hang-timeout 5m --blame-hang-dump-type none)
  if [ -n "$FILTER" ]; then args+=(--filter "$FILTER"); fi
  log "$suite: ${args[*]}"
  run_logged "$RESULTS/$suite.log" "$limit" "$@" "${args[@]}"
  record_trx "$suite" "$RESULTS/$suite.trx" "$RC"
}

# ---------------------------------------------------------------- PostgreSQL (throwaway)
PG_BIN=""
PG_PORT=""
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi
}
start_postgres() {
  PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  [ -x "$PG_BIN/initdb" ] || { warn "PostgreSQL server binaries not found under /usr/lib/postgresql"; return 1; }
  PG_DIR=$(mktemp -d /tmp/rs-pg.XXXXXX)   # not $TMPDIR: user postgres must reach it
  chmod 755 "$PG_DIR"
  mkdir "$PG_DIR/data" "$PG_DIR/sock" "$PG_DIR/log"
  chmod 700 "$PG_DIR/data"
  chmod 777 "$PG_DIR/sock"   # tests run as root and connect as 'postgres' through this socket
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR/data" "$PG_DIR/sock" "$PG_DIR/log"; fi
  PG_PORT=$(free_port)
  log "postgres: initdb + start ($PG_BIN, socket $PG_DIR/sock, port $PG_PORT)"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >"$RESULTS/postgres-initdb.log" 2>&1 \
    || { warn "initdb failed (see test-results/postgres-initdb.log)"; return 1; }
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log/postgres.log" -w -t 60 \
      -o "-k $PG_DIR/sock -p $PG_PORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null \
    || { warn "pg_ctl start failed"; cp "$PG_DIR/log/postgres.log" "$RESULTS/" 2>/dev/null || true; return 1; }
  "$PG_BIN/createdb" -h "$PG_DIR/sock" -p "$PG_PORT" -U postgres rs_test \
    || { warn "createdb failed"; return 1; }
  export RS_TEST_POSTGRES="Host=$PG_DIR/sock;Port=$PG_PORT;Username=postgres;Database=rs_test"
  log "postgres: RS_TEST_POSTGRES=$RS_TEST_POSTGRES"
}
stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  cp "$PG_DIR/log/postgres.log" "$RESULTS/postgres.log" 2>/dev/null || true
  rm -rf "$PG_DIR"
  PG_DIR=""
  unset RS_TEST_POSTGRES
}

# ---------------------------------------------------------------- prerequisites
START=$SECONDS
log "Checking prerequisites"
require_dotnet
require_node
ensure_packages "${PRODUCT_PACKAGES[@]}" chromium postgresql iproute2 util-linux procps

# ---------------------------------------------------------------- build
WEB_DEPS_OK=0
if [ -f web/package.json ]; then
  if [ "${CI:-}" = "true" ] || [ ! -d web/node_modules ] \
     || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    log "web: npm ci"
    set +e
    (cd web && npm ci --no-audit --no-fund) 2>&1 | tee "$RESULTS/npm-ci.log"
    rc=${PIPESTATUS[0]}
    set -e
    if [ "$rc" -eq 0 ]; then WEB_DEPS_OK=1; else warn "npm ci failed (see test-results/npm-ci.log)"; fi
  else
    log "web: node_modules is current, skipping npm ci"
    WEB_DEPS_OK=1
  fi
fi

# s3rver: the real S3-compatible server the S3 blob store tests start (tests/s3rver). Without it they fail
# under CI=true and are skipped elsewhere.
if [ -f tests/s3rver/package.json ]; then
  if [ "${CI:-}" = "true" ] || [ ! -d tests/s3rver/node_modules ] \
     || [ tests/s3rver/package-lock.json -nt tests/s3rver/node_modules/.package-lock.json ]; then
    log "s3rver: npm ci"
    set +e
    (cd tests/s3rver && npm ci --no-audit --no-fund) 2>&1 | tee "$RESULTS/npm-ci-s3rver.log"
    rc=${PIPESTATUS[0]}
    set -e
    [ "$rc" -eq 0 ] || warn "npm ci in tests/s3rver failed (see test-results/npm-ci-s3rver.log); the S3 tests cannot pass"
  else
    log "s3rver: node_modules is current, skipping npm ci"
  fi
fi

log "dotnet restore + build (Release)"
set +e
{ dotnet restore RemoteSupport.sln && dotnet build RemoteSupport.sln -c Release --no-restore -nologo -v:minimal; } \
  2>&1 | tee "$RESULTS/build.log"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -eq 0 ]; then DOTNET_BUILD_OK=1; else warn "the build failed (exit code $rc, see test-results/build.log)"; fi
if [ "$DOTNET_BUILD_OK" -ne 1 ]; then
  # Builds are part of the result: a broken build is a failure, not a skip.
  not_run build "dotnet build failed (see test-results/build.log)"
fi
BUILD_SECONDS=$((SECONDS - START))

# ---------------------------------------------------------------- (a) web: vitest
if wanted web; then
  if [ ! -f web/package.json ]; then
    not_run web "web/package.json does not exist"
  elif [ "$WEB_DEPS_OK" -ne 1 ]; then
    not_run web "npm ci failed (see test-results/npm-ci.log)"
  else
    log "web: vitest"
    # shellcheck disable=SC2016 # $1 expands in the inner shell
    run_logged "$RESULTS/web.log" "$WEB_TIMEOUT" \
      bash -c 'cd web && exec npx --no -- vitest run --reporter=default --reporter=json --outputFile="$1"' \
      vitest "$RESULTS/vitest.json"
    if [ ! -s "$RESULTS/vitest.json" ]; then
      not_run web "vitest wrote no JSON results (exit code $RC, see test-results/web.log)"
    else
      read -r vp vf vs vfs vt < <(node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const n = k => Number(r[k] || 0);
        console.log(n("numPassedTests"), n("numFailedTests"), n("numPendingTests") + n("numTodoTests"),
                    n("numFailedTestSuites"), n("numTotalTests"));' "$RESULTS/vitest.json") \
        || { vp=0; vf=0; vs=0; vfs=0; vt=0; }
      node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        for (const f of r.testResults || []) {
          const bad = (f.assertionResults || []).filter(a => a.status === "failed");
          for (const a of bad) console.log("    FAILED [web] " + (a.fullName || a.title));
          if (!bad.length && f.status === "failed") console.log("    FAILED [web] " + f.name + ": " + (f.message || "").split("\n")[0]);
        }' "$RESULTS/vitest.json" >> "$WORK/failed-tests" 2>/dev/null || true
      note=""
      if [ "$vt" -eq 0 ]; then
        not_run web "vitest found no tests (exit code $RC)"
      else
        if [ "$vf" -eq 0 ] && { [ "$RC" -ne 0 ] || [ "$vfs" -gt 0 ]; }; then
          vf=1; note="vitest exited with code $RC / $vfs failed file(s) although no test failed (see test-results/web.log)"
        fi
        record web "$vp" "$vf" "$vs" "$note"
      fi
    fi
  fi
fi

# ---------------------------------------------------------------- (b) unit
if wanted unit; then
  dotnet_test unit tests/RemoteSupport.Server.Tests "$UNIT_TIMEOUT"
fi

# ---------------------------------------------------------------- (c) integration (+ PostgreSQL)
if wanted integration; then
  if [ -d tests/RemoteSupport.IntegrationTests ] && [ "$DOTNET_BUILD_OK" -eq 1 ]; then
    if ! start_postgres; then
      not_run postgres "the throwaway PostgreSQL cluster did not start; PostgreSQL tests cannot pass"
    fi
  fi
  dotnet_test integration tests/RemoteSupport.IntegrationTests "$INTEGRATION_TIMEOUT"
  stop_postgres
fi

# ---------------------------------------------------------------- (d) E2E in a private network namespace
if wanted e2e; then
  # No network inside: only `lo`. The PID namespace makes sure the server, Janus, coturn and
  # Chromium started by the tests all die with the run.
  NS=(unshare --net --pid --fork --kill-child --mount-proc)
  [ "$(id -u)" -eq 0 ] || NS=(unshare --user --map-root-user --net --pid --fork --kill-child --mount-proc)
  NS_SETUP='ip link set lo up && ip link add rs-media type veth peer name rs-media-peer && ip addr add 10.77.0.1/24 dev rs-media && ip addr add 10.77.0.2/24 dev rs-media-peer && ip link set rs-media up && ip link set rs-media-peer up'
  if ! "${NS[@]}" bash -c "$NS_SETUP" >"$WORK/ns-probe" 2>&1; then
    not_run e2e "cannot create a private network namespace: $(head -n1 "$WORK/ns-probe")"
  else
    # shellcheck disable=SC2016 # $@ expands inside the namespace shell
    # Janus never gathers ICE candidates on loopback interfaces: a veth pair inside the namespace
    # (rs-media 10.77.0.1 <-> rs-media-peer 10.77.0.2) gives it an address that stays in the namespace.
    dotnet_test e2e tests/RemoteSupport.E2E "$E2E_TIMEOUT" \
      "${NS[@]}" bash -c "$NS_SETUP"' && exec "$@"' e2e
  fi
fi

# ---------------------------------------------------------------- summary
find "$RESULTS" -mindepth 1 -type d -empty -delete 2>/dev/null || true   # blame collector leftovers
echo
echo "================ test summary ================"
printf '%-12s %s\n' "build" "$([ "$DOTNET_BUILD_OK" -eq 1 ] && echo "ok (${BUILD_SECONDS}s)" || echo "FAILED")"
[ -n "$FILTER" ] && printf '%-12s %s\n' "filter" "$FILTER"
for s in "${SUITE_NAMES[@]}"; do
  [ "$s" = build ] && continue
  line="${S_PASSED[$s]} passed, ${S_FAILED[$s]} failed, ${S_SKIPPED[$s]} skipped"
  case "${S_NOTE[$s]}" in
    "NOT RUN:"*) line="${S_NOTE[$s]}" ;;
    "") ;;
    *) line="$line — ${S_NOTE[$s]}" ;;
  esac
  printf '%-12s %s\n' "$s" "$line"
done
[ -s "$WORK/failed-tests" ] && cat "$WORK/failed-tests"
echo "logs: test-results/ (took $((SECONDS - START))s)"
echo "=============================================="

STATUS=0
[ "$TOTAL_FAILED" -gt 0 ] && STATUS=1
if [ "$((TOTAL_PASSED + TOTAL_FAILED))" -eq 0 ]; then
  echo "no test ran at all" >&2
  STATUS=1
fi
if [ "$TOTAL_SKIPPED" -gt 0 ]; then
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
else
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
fi
exit "$STATUS"
