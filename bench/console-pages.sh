#!/usr/bin/env bash
# Console page times on a large ledger: generate a book of N subscriptions over K dates, bill them into a fresh
# database on the machine's PostgreSQL, start `bin/billing console` on it, log in and time each page with curl
# (the first request, then the median and maximum of 10 more). Writes bench/results/<timestamp>-console-N.txt.
#
#   bench/console-pages.sh [N=1000000] [K=3] [SEED=42]
#   env: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres)  BENCH_WORK (/tmp/billing-bench)  KEEP_DB=1 keeps the database
set -euo pipefail
N="${1:-1000000}"; K="${2:-3}"; SEED="${3:-42}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; APP="$(cd "$HERE/.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
WORK="${BENCH_WORK:-/tmp/billing-bench}"; STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
BOOK="$WORK/book-$N-$K-$SEED"; RUN="$WORK/console-$STAMP"; DB="console_${N}_${STAMP,,}"
URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
mkdir -p "$RUN" "$HERE/results"
RESULT="$HERE/results/$STAMP-console-N$N.txt"
say() { echo "$*" | tee -a "$RESULT"; }

say "# console pages $STAMP: N=$N K=$K seed=$SEED, $(nproc) cores (shared), commit $(git -C "$APP" rev-parse --short HEAD)"
if [ ! -f "$BOOK/.complete" ]; then
  rm -rf "$BOOK"
  "$APP/bin/billing" generate --subscriptions "$N" --days "$K" --seed "$SEED" --out "$BOOK" >/dev/null
  touch "$BOOK/.complete"
fi
DATES=($(ls "$BOOK" | sort | head -n "$K"))
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
cleanup() {
  [ -n "${CONSOLE_PID:-}" ] && kill "$CONSOLE_PID" 2>/dev/null && wait "$CONSOLE_PID" 2>/dev/null || true
  [ "${KEEP_DB:-0}" = 1 ] || psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
}
trap cleanup EXIT
t0=$(date +%s)
"$APP/bin/billing" run --from "${DATES[0]}" --to "${DATES[-1]}" --inbox "$BOOK" --outbox "$RUN/out" \
  --spring.datasource.url="$URL" >"$RUN/run.txt" 2>&1
say "billed ${DATES[0]}..${DATES[-1]} in $(( $(date +%s) - t0 )) s: $(psql -tAc 'select count(*) from invoice_line' -d "$DB") lines, $(psql -tAc 'select count(*) from billing_exception' -d "$DB") exceptions, $(psql -tAc 'select count(*) from commerce_version' -d "$DB") commerce versions"
PW="bench password $STAMP"
echo "$PW" | "$APP/bin/billing" user add bench --role finance --spring.datasource.url="$URL" >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$APP/bin/billing" console --inbox "$BOOK" --outbox "$RUN/out" --server.port="$PORT" --spring.datasource.url="$URL" \
  >"$RUN/console.txt" 2>&1 &
CONSOLE_PID=$!
for _ in $(seq 1 120); do grep -q "console on" "$RUN/console.txt" && break; sleep 1; done
JAR="$RUN/cookies"; BASE="http://127.0.0.1:$PORT"
TOKEN=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "username=bench" --data-urlencode "password=$PW" \
  --data-urlencode "_csrf=$TOKEN" "$BASE/login"

SUB=$(psql -tAc "select subscription_id from invoice_line where billed_on = '${DATES[-1]}' limit 1" -d "$DB")
CUST=$(psql -tAc "select customer_id from commerce_version where subscription_id = '$SUB' limit 1" -d "$DB")
CODE=$(psql -tAc "select code from billing_exception where business_date = '${DATES[-1]}' group by code order by count(*) desc limit 1" -d "$DB")
MONTH=$(psql -tAc "select substr(invoice_number, 5, 4) || '-' || substr(invoice_number, 9, 2) from invoice_line limit 1" -d "$DB")
say "$(printf '%-48s %8s %10s %8s %6s' page 'first ms' 'median ms' 'max ms' status)"
for page in "/runs" "/dates/${DATES[0]}" "/dates/${DATES[-1]}" "/dates/${DATES[-1]}?code=$CODE" \
    "/dates/${DATES[-1]}?code=$CODE&page=20" "/dates/${DATES[-1]}?q=$SUB" "/subscriptions?q=$CUST" "/subscriptions/$SUB" \
    "/months" "/months/$MONTH" "/reconciliation/$MONTH" "/audit"; do
  times=()
  for i in $(seq 0 10); do
    out=$(curl -s -o /dev/null -b "$JAR" -w '%{http_code} %{time_total}' "$BASE$page")
    code=${out% *}; times+=("$(awk -v t="${out#* }" 'BEGIN { printf "%.0f", t * 1000 }')")
  done
  first=${times[0]}
  sorted=($(printf '%s\n' "${times[@]:1}" | sort -n))
  say "$(printf '%-48s %8s %10s %8s %6s' "$page" "$first" "${sorted[5]}" "${sorted[-1]}" "$code")"
done
