#!/usr/bin/env bash
# The chaos run (docs/RELIABILITY.md): a long send load against jim with random client connection drops and
# SIGKILLs of jim, then every device's inbox is verified (0 lost, 0 duplicated, 0 reordered).
#
#   scripts/chaos.sh [jim-cli chaos options...]      e.g. --messages 100000 --kills 2
#
# Uses the built jars (./mvnw -B package -DskipTests): bootstrap/target/jim-server.jar and
# client/target/jim-cli.jar (override with JIM_SERVER_JAR / JIM_CLI_JAR). Runs on a fresh database on the
# MariaDB/MySQL server at CHAOS_MYSQL (default 127.0.0.1:3306, user root, no password; CHAOS_MYSQL_USER and
# CHAOS_MYSQL_PASSWORD otherwise), dropped afterwards unless CHAOS_KEEP_DB=1. CHAOS_DB=h2 uses an embedded
# H2 file database in a temporary directory instead. The JSON result goes to stdout (and to
# chaos-result.json), progress to stderr, jim's output to chaos-server.log. Exit status 0 = nothing lost,
# duplicated or reordered.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SERVER_JAR="${JIM_SERVER_JAR:-bootstrap/target/jim-server.jar}"
CLI_JAR="${JIM_CLI_JAR:-client/target/jim-cli.jar}"
for jar in "$SERVER_JAR" "$CLI_JAR"; do
  [ -f "$jar" ] || { echo "chaos: $jar is missing: build with ./mvnw -B package -DskipTests" >&2; exit 2; }
done

if [ "${CHAOS_DB:-mysql}" = "h2" ]; then
  DATA_DIR="$(mktemp -d -t jim-chaos-h2.XXXXXX)"
  trap 'rm -rf "$DATA_DIR"' EXIT
  DB_ARGS=(--data-dir "$DATA_DIR")
  echo "chaos: H2 file database in $DATA_DIR" >&2
else
  MYSQL_ADDR="${CHAOS_MYSQL:-127.0.0.1:3306}"
  MYSQL_HOST="${MYSQL_ADDR%:*}"
  MYSQL_PORT="${MYSQL_ADDR##*:}"
  MYSQL_USER="${CHAOS_MYSQL_USER:-root}"
  MYSQL_PASSWORD="${CHAOS_MYSQL_PASSWORD:-}"
  mysql_cli() { MYSQL_PWD="$MYSQL_PASSWORD" mysql -h"$MYSQL_HOST" -P"$MYSQL_PORT" -u"$MYSQL_USER" "$@"; }
  DB="jim_chaos_$(date +%s)_$$"
  mysql_cli -e "CREATE DATABASE \`$DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  if [ "${CHAOS_KEEP_DB:-0}" != "1" ]; then
    trap 'mysql_cli -e "DROP DATABASE IF EXISTS \`$DB\`" >/dev/null 2>&1 || true' EXIT
  fi
  URL="jdbc:mysql://$MYSQL_HOST:$MYSQL_PORT/$DB?user=$MYSQL_USER"
  [ -n "$MYSQL_PASSWORD" ] && URL="$URL&password=$MYSQL_PASSWORD"
  DB_ARGS=(--db-url "$URL")
  echo "chaos: fresh database $DB on $MYSQL_HOST:$MYSQL_PORT" >&2
fi

set +e
"$JAVA" -jar "$CLI_JAR" chaos --server-jar "$SERVER_JAR" --server-log chaos-server.log "${DB_ARGS[@]}" "$@" | tee chaos-result.json
status=${PIPESTATUS[0]}
set -e
exit "$status"
