#!/usr/bin/env bash
# One benchmark run (docs/BENCHMARKS.md): starts jim on a fresh database with the benchmark settings, runs
# `jim-cli bench SCENARIO ...` against it, prints the JSON result on stdout and stops the server.
#
#   scripts/bench.sh one-to-one --users 200 --devices-per-user 2 --duration 20
#   BENCH_DB=h2 scripts/bench.sh group --group-size 500 --senders 10 --window 1 --duration 20
#   BENCH_JFR=/tmp/x.jfr scripts/bench.sh ...        # with a CPU profile of the server
#
# BENCH_DB=mysql (default; a fresh database on 127.0.0.1:3306 as root, dropped afterwards) or h2 (a file
# database in a temporary directory). BENCH_SERVER_OPTS / BENCH_CLI_OPTS add JVM options; every JIM_*
# variable in the environment reaches the server and overrides the settings below.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SERVER_JAR="${JIM_SERVER_JAR:-bootstrap/target/jim-server.jar}"
CLI_JAR="${JIM_CLI_JAR:-client/target/jim-cli.jar}"
for jar in "$SERVER_JAR" "$CLI_JAR"; do
  [ -f "$jar" ] || { echo "bench: $jar is missing: build with ./mvnw -B package -DskipTests" >&2; exit 2; }
done
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"
TCP_PORT="${BENCH_TCP_PORT:-15000}"
export JIM_HTTP_PORT="$HTTP_PORT" JIM_TCP_PORT="$TCP_PORT"
export JIM_PASSWORD_ITERATIONS="${JIM_PASSWORD_ITERATIONS:-1000}"
export JIM_MAX_SENDS_PER_SECOND_PER_USER="${JIM_MAX_SENDS_PER_SECOND_PER_USER:-0}"
export JIM_MAX_FRAMES_PER_SECOND="${JIM_MAX_FRAMES_PER_SECOND:-0}"
export JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN="${JIM_HTTP_MAX_REQUESTS_PER_SECOND_PER_TOKEN:-0}"
export JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP="${JIM_HTTP_MAX_LOGINS_PER_MINUTE_PER_IP:-0}"
export JIM_MAX_CONNECTIONS_PER_USER="${JIM_MAX_CONNECTIONS_PER_USER:-10000}"

WORK="$(mktemp -d -t jim-bench.XXXXXX)"
cleanup() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -n "${DB:-}" ] && mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS \`$DB\`" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${BENCH_DB:-mysql}" = "h2" ]; then
  export JIM_DATA_DIR="$WORK/data"
  unset JIM_DB_URL
else
  DB="jim_bench_$(date +%s)_$$"
  mysql -h127.0.0.1 -uroot -e "CREATE DATABASE \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  export JIM_DB_URL="jdbc:mysql://127.0.0.1:3306/$DB${BENCH_DB_PARAMS:+?$BENCH_DB_PARAMS}" JIM_DB_USER=root
fi

JFR_OPTS=()
if [ -n "${BENCH_JFR:-}" ]; then
  JFR_OPTS=(-XX:FlightRecorderOptions:stackdepth=256
            "-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile,dumponexit=true")
fi
# shellcheck disable=SC2086
"$JAVA" -Xms1g -Xmx4g ${BENCH_SERVER_OPTS:-} "${JFR_OPTS[@]}" -jar "$SERVER_JAR" >"${BENCH_SERVER_LOG:-$WORK/server.log}" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: the server exited" >&2; exit 2; }
  sleep 0.5
done
echo "bench: server pid $SERVER_PID, database ${DB:-h2}, load $(cut -d' ' -f1 /proc/loadavg)" >&2
# shellcheck disable=SC2086
"$JAVA" -Xmx4g ${BENCH_CLI_OPTS:-} -jar "$CLI_JAR" --http "http://127.0.0.1:$HTTP_PORT" --tcp "127.0.0.1:$TCP_PORT" \
  bench "$@" --server-pid "$SERVER_PID"
