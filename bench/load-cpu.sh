#!/usr/bin/env bash
# CPU time of the first night's two load steps only (issue 16, D46), for a shared machine where wall times mean
# nothing: runs `bin/billing run` of a book's first date into a fresh database, samples the JVM's CPU and that of
# every PostgreSQL backend connected to the database (from /proc, every 0.2 s) and stops the run when the bill
# step's first slice starts. Prints the JVM's CPU from the start of checkFeeds to the end of the loads, the backends' CPU up to then
# (connections are pooled and live through the loads), and the steps' wall times. It stops when the first bill
# slice starts, so the bill step's preparation (the search indexes a first night builds, ANALYZE) is counted too.
#
#   bench/load-cpu.sh <inbox> <date> [extra bin/billing arguments...]
#   env: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres)  XMX (1g)
#        APPDIR: an extracted build to run instead of this tree's bin/billing (a copy of another commit's target/app)
set -euo pipefail
INBOX="$1"; DATE="$2"; shift 2
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; APP="$(cd "$HERE/.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="loads_cpu_$$"; OUT="$(mktemp -d)"; HZ=$(getconf CLK_TCK)
psql -q -d postgres -c "CREATE DATABASE $DB"
cpu() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $12 + $13 }' || echo 0; }
ARGS=(run --date "$DATE" --inbox "$INBOX" --outbox "$OUT" --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" "$@")
if [ -n "${APPDIR:-}" ]; then
  java -XX:SharedArchiveFile="$APPDIR/billing.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -Xmx"${XMX:-1g}" \
    -Duser.timezone=UTC -Duser.language=en -Dbilling.home="$APP" -jar "$APPDIR/marketplace-billing.jar" "${ARGS[@]}" \
    >"$OUT/run.log" 2>&1 &
else
  BILLING_JAVA_OPTS="-Xmx${XMX:-1g}" "$APP/bin/billing" "${ARGS[@]}" >"$OUT/run.log" 2>&1 &
fi
JAVA=$!
# bin/billing execs java, except on the first run after a build (it then records its archive with a child java)
JPID=$JAVA
declare -A BACKEND
j0=""; j1=""
while kill -0 "$JAVA" 2>/dev/null; do
  steps=$(psql -tA -d "$DB" -c "SELECT string_agg(step_name, ',') FROM batch_step_execution" 2>/dev/null || true)
  for p in $(psql -tA -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"); do
    c=$(cpu "$p"); [ "${c:-0}" -gt "${BACKEND[$p]:-0}" ] && BACKEND[$p]=$c
  done
  if [ -z "$j0" ] && [[ "$steps" == *checkFeeds* ]]; then JPID=$(pgrep -P "$JAVA" java || echo "$JAVA"); j0=$(cpu "$JPID"); fi
  if [[ "$steps" == *billSlice* ]]; then j1=$(cpu "$JPID"); break; fi
  sleep 0.2
done
kill "$JPID" "$JAVA" 2>/dev/null || true; wait "$JAVA" 2>/dev/null || true
pg=0; for p in "${!BACKEND[@]}"; do pg=$((pg + BACKEND[$p])); done
echo "loads of $DATE ($INBOX), ${APPDIR:-$(git -C "$APP" rev-parse --short HEAD)$(git -C "$APP" diff --quiet || echo '+')}:" \
  "java CPU $(awk -v a="${j0:-0}" -v b="${j1:-0}" -v hz="$HZ" 'BEGIN { printf "%.1f", (b - a) / hz }') s (checkFeeds to the first bill slice)," \
  "postgres CPU $(awk -v t="$pg" -v hz="$HZ" 'BEGIN { printf "%.1f", t / hz }') s (${#BACKEND[@]} backends, migrations included)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
psql -tA -F ' ' -d "$DB" -c "SELECT step_name, read_count, to_char(extract(epoch FROM end_time - start_time), 'FM990.00') || ' s'
  FROM batch_step_execution WHERE step_name LIKE 'load%' ORDER BY step_execution_id" | sed 's/^/  /'
psql -q -d postgres -c "DROP DATABASE $DB WITH (FORCE)"
rm -rf "$OUT"
