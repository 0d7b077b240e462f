#!/usr/bin/env bash
# Benchmark: generate a book of N subscriptions over K dates, time `bin/billing run` for each date against the
# machine's PostgreSQL (a fresh database per run), and time a raw `psql \copy` of the same input files into plain
# unindexed tables as the baseline. Prints every figure and writes them to bench/results/<timestamp>.txt.
#
#   bench/run.sh [N=1000000] [K=2] [SEED=42]
#   env: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres)  BENCH_WORK (/tmp/billing-bench)  XMX (1g)
#        NIGHTS (K: how many of the book's dates to run)
#   remote partitioning (docs/scaling.md): PARTITIONING=remote WORKERS (1) WORKER_THREADS (2) SLICES (2 x WORKERS):
#   starts WORKERS local `bin/billing worker` processes on a queue of their own, bills through them, and reports
#   each slice's rate, the dispatch overhead and the workers' CPU time.
set -euo pipefail
N="${1:-1000000}"; K="${2:-2}"; SEED="${3:-42}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; APP="$(cd "$HERE/.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
WORK="${BENCH_WORK:-/tmp/billing-bench}"; XMX="${XMX:-1g}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
BOOK="$WORK/book-$N-$K-$SEED"; RUN="$WORK/run-$STAMP"; DB="bench_${N}_${STAMP,,}"
mkdir -p "$WORK" "$RUN" "$HERE/results"
RESULT="$HERE/results/$STAMP-N$N.txt"
say() { echo "$*" | tee -a "$RESULT"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# CPU seconds used by the PostgreSQL server so far: its backends that ended (the postmaster's reaped children) and
# those still running. Only where the server runs on this machine and /proc shows it; other databases of the same
# server count too, so read it on a quiet machine.
PMPID=$(head -1 "$(psql -tA -d postgres -c 'show data_directory' 2>/dev/null)/postmaster.pid" 2>/dev/null || true)
pgcpu() {
  [ -n "$PMPID" ] && [ -r "/proc/$PMPID/stat" ] || { echo 0; return; }
  { sed 's/^.*) //' "/proc/$PMPID/stat" | awk '{ print $12 + $13 + $14 + $15 }'
    for c in $(cat /proc/$PMPID/task/*/children 2>/dev/null); do
      sed 's/^.*) //' "/proc/$c/stat" 2>/dev/null | awk '{ print $12 + $13 }'
    done; } | awk -v hz="$(getconf CLK_TCK)" '{ t += $1 } END { printf "%.2f", t / hz }'
}

. "$HERE/common.sh"
build_and_book "# billing benchmark $STAMP: N=$N K=$K seed=$SEED, -Xmx$XMX, $(nproc) cores, $(psql -tAc 'select version()' -d postgres | cut -d, -f1)"
DATES=($(ls "$BOOK" | sort | head -n "${NIGHTS:-$K}")) # NIGHTS=1: the first night only

# ---- warm-up, not timed: the first run after a build records bin/billing's class-data-sharing archive ---------
WARM="$WORK/warm-up"; rm -rf "$WARM"
"$APP/bin/billing" generate --subscriptions 200 --days 1 --seed 1 --out "$WARM/inbox" >/dev/null
psql -q -d postgres -c "CREATE DATABASE ${DB}_warm" >/dev/null
"$APP/bin/billing" run --date "$(ls "$WARM/inbox" | head -1)" --inbox "$WARM/inbox" --outbox "$WARM/out" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/${DB}_warm" >/dev/null 2>&1
psql -q -d postgres -c "DROP DATABASE ${DB}_warm" >/dev/null

# ---- baseline: raw COPY of the same files into plain unindexed tables -------------------------------------
psql -q -d postgres -c "CREATE DATABASE ${DB}_copy" >/dev/null
psql -q -d "${DB}_copy" <<'SQL'
CREATE TABLE subscriptions (subscription_id text, order_id text, customer_id text, customer_name text,
  customer_country text, reseller_mpn_id text, publisher_id text, publisher_name text, offer_id text, plan_id text,
  friendly_name text, quantity text, unit_price text, currency text, term text, billing_frequency text,
  auto_renew text, status text, ordered_at text, updated_at text, cancelled_at text);
CREATE TABLE fulfillment_events (event_id text, subscription_id text, publisher_id text, action text,
  occurred_at text, plan_id text, quantity text, status text);
SQL
declare -A BASE
for d in "${DATES[@]}"; do
  t0=$(now)
  psql -q -d "${DB}_copy" -c "\\copy subscriptions FROM '$BOOK/$d/subscriptions.csv' WITH (FORMAT csv, HEADER true)"
  psql -q -d "${DB}_copy" -c "\\copy fulfillment_events FROM '$BOOK/$d/fulfillment-events.csv' WITH (FORMAT csv, HEADER true)"
  t1=$(now); BASE[$d]=$(secs "$t0" "$t1")
done
psql -q -d postgres -c "DROP DATABASE ${DB}_copy" >/dev/null

# ---- the job, date by date --------------------------------------------------------------------------------
psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?reWriteBatchedInserts=true"
MODE_OPTS=()
WORKER_PIDS=()
if [ "${PARTITIONING:-local}" = remote ]; then
  WORKERS="${WORKERS:-1}"; WORKER_THREADS="${WORKER_THREADS:-2}"; SLICES="${SLICES:-$((2 * WORKERS))}"
  QUEUE="bench.$STAMP"
  MODE_OPTS=(--billing.partitioning=remote --billing.remote.queue="$QUEUE" --billing.bill.slices="$SLICES")
  say "# remote partitioning: $WORKERS local worker process(es) x $WORKER_THREADS slice(s) at once, $SLICES slices, queue $QUEUE"
  stop_workers() {
    for p in "${WORKER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
    if command -v rabbitmqctl >/dev/null; then # the bench's own queues (a broker on this machine only)
      rabbitmqctl delete_queue "$QUEUE" >/dev/null 2>&1 || true; rabbitmqctl delete_queue "$QUEUE.dead" >/dev/null 2>&1 || true
    fi
  }
  trap stop_workers EXIT
  for i in $(seq 1 "$WORKERS"); do
    # bin/billing execs java: the pid is the worker JVM's (its CPU time is read from /proc below)
    BILLING_JAVA_OPTS="-Xmx$XMX" "$APP/bin/billing" worker --spring.datasource.url="$URL" "${MODE_OPTS[@]}" \
      --billing.worker.threads="$WORKER_THREADS" >"$RUN/worker-$i.log" 2>&1 &
    WORKER_PIDS+=($!)
  done
  for i in $(seq 1 "$WORKERS"); do
    for _ in $(seq 1 300); do grep -q " started: " "$RUN/worker-$i.log" && break; sleep 1; done
    grep -q " started: " "$RUN/worker-$i.log" || { echo "worker $i did not start:"; tail -20 "$RUN/worker-$i.log"; exit 1; }
  done
fi
pg_worker_cpu() { # user+sys seconds of the PostgreSQL backends serving the workers' connections (all that stay)
  local t=0; for p in $(psql -tA -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()"); do
    t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  awk -v t="$t" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
worker_cpu() { # user+sys seconds of the worker JVMs so far
  local t=0; for p in "${WORKER_PIDS[@]}"; do
    t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  awk -v t="$t" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
night=0
for d in "${DATES[@]}"; do
  night=$((night + 1))
  rows=$(( $(wc -l <"$BOOK/$d/subscriptions.csv") + $(wc -l <"$BOOK/$d/fulfillment-events.csv") - 2 ))
  gclog="$RUN/gc-$d.log"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  pg0=$(pgcpu)
  wcpu_before=$(worker_cpu); pgcpu_before=$(pg_worker_cpu)
  t0=$(now)
  BILLING_JAVA_OPTS="-Xmx$XMX -Xlog:gc:file=$gclog" /usr/bin/time -v -o "$RUN/time-$d.txt" \
    "$APP/bin/billing" run --date "$d" --inbox "$BOOK" --outbox "$RUN/out" --spring.datasource.url="$URL" \
    "${MODE_OPTS[@]}" >"$RUN/run-$d.out" 2>"$RUN/run-$d.err" || { echo "run $d failed:"; tail -20 "$RUN/run-$d.err"; exit 1; }
  t1=$(now)
  pg1=$(pgcpu)
  wall=$(secs "$t0" "$t1")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$RUN/time-$d.txt")
  # G1 log lines end "used-before->used-after(committed) pause": peak used and peak live (after a GC)
  peak=$(grep -oE '[0-9]+M->[0-9]+M' "$gclog" | awk -F'->' '{ b=$1+0; a=$2+0; if (b>pb) pb=b; if (a>pa) pa=a }
    END { printf "%d MB used before a GC, %d MB live after a GC", pb, pa }')
  lines=$(psql -tA -d "$DB" -c "SELECT count(*) FROM invoice_line WHERE billed_on = '$d'")
  exc=$(psql -tA -d "$DB" -c "SELECT count(*) FROM billing_exception WHERE business_date = '$d'")
  ratio=$(awk -v a="$wall" -v b="${BASE[$d]}" 'BEGIN { printf "%.2f", a / b }')
  say ""
  say "night $night ($d): $rows input rows, $lines invoice lines, $exc exceptions"
  say "  bin/billing run:      $wall s  ($(awk -v r="$rows" -v s="$wall" 'BEGIN { printf "%.0f", r / s }') input rows/s)"
  say "  raw COPY baseline:    ${BASE[$d]} s  ($(awk -v r="$rows" -v s="${BASE[$d]}" 'BEGIN { printf "%.0f", r / s }') rows/s)"
  say "  ratio run/COPY:       $ratio"
  say "  heap (-Xmx$XMX):       $peak"
  say "  peak RSS:             $rss MB"
  say "  java CPU:             $(awk -F': ' '/User time/ { u=$2 } /System time/ { s=$2 } END { printf "%.1f s user+sys", u + s }' "$RUN/time-$d.txt")"
  say "  postgres CPU:         $(secs "$pg0" "$pg1") s user+sys (the whole server, from /proc)"
  if [ ${#WORKER_PIDS[@]} -gt 0 ]; then
    say "  workers' CPU:         $(awk -v a="$wcpu_before" -v b="$(worker_cpu)" 'BEGIN { printf "%.1f", b - a }') s user+sys (JVMs),"\
" $(awk -v a="$pgcpu_before" -v b="$(pg_worker_cpu)" 'BEGIN { printf "%.1f", b - a }') s in the PostgreSQL backends serving them"
  fi
  say "  load average:         $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after (other work on the machine inflates wall times)"
  job=$(psql -tA -d "$DB" -c "
    SELECT to_char(sum(extract(epoch FROM j.end_time - j.start_time)), 'FM9990.00')
    FROM batch_job_execution j JOIN batch_job_execution_params p USING (job_execution_id)
    WHERE p.parameter_name = 'businessDate' AND p.parameter_value = '$d'")
  say "  job (first to last step): $job s; JVM and Spring start-up and shutdown: $(awk -v w="$wall" -v j="$job" 'BEGIN { printf "%.2f", w - j }') s"
  say "  steps:"
  psql -tA -F ' ' -d "$DB" -c "
    SELECT rpad(s.step_name, 16), to_char(extract(epoch FROM s.end_time - s.start_time), 'FM9990.00') || ' s',
           'read ' || s.read_count, 'write ' || s.write_count, 'commits ' || s.commit_count
    FROM batch_step_execution s JOIN batch_job_execution j USING (job_execution_id)
    JOIN batch_job_execution_params p ON p.job_execution_id = j.job_execution_id
    WHERE p.parameter_name = 'businessDate' AND p.parameter_value = '$d'
    ORDER BY s.step_execution_id" | sed 's/^/    /' | tee -a "$RESULT"
  # the ledger's write rate during the bill step, and (remote) what sending slices through the broker costs:
  # the wait from the bill step's start to its first slice's start, and from the last slice's end to the step's end
  psql -tA -F ' ' -d "$DB" -c "
    WITH e AS (SELECT max(j.job_execution_id) AS id FROM batch_job_execution j
               JOIN batch_job_execution_params p USING (job_execution_id)
               WHERE p.parameter_name = 'businessDate' AND p.parameter_value = '$d'),
    b AS (SELECT start_time, end_time FROM batch_step_execution WHERE job_execution_id = (SELECT id FROM e) AND step_name = 'bill'),
    s AS (SELECT * FROM batch_step_execution WHERE job_execution_id = (SELECT id FROM e) AND step_name LIKE 'billSlice:%')
    SELECT 'ledger writes: ' || to_char($lines / greatest(extract(epoch FROM b.end_time - b.start_time), 0.001), 'FM999999990')
           || ' invoice lines/s over the bill step; slices: ' || (SELECT count(*) FROM s) || ', each '
           || (SELECT string_agg(to_char(read_count / greatest(extract(epoch FROM end_time - start_time), 0.001), 'FM999990'), ', ' ORDER BY step_name) FROM s)
           || ' subscriptions/s; first slice started ' || to_char(extract(epoch FROM (SELECT min(start_time) FROM s) - b.start_time), 'FM990.00')
           || ' s after the bill step, which ended ' || to_char(extract(epoch FROM b.end_time - (SELECT max(end_time) FROM s)), 'FM990.00')
           || ' s after its last slice'
    FROM b" | sed 's/^/  /' | tee -a "$RESULT"
done
say ""
if [ -n "${KEEP_DB:-}" ]; then
  say "database $DB kept (drop it with: psql -h $PGHOST -U $PGUSER -d postgres -c 'DROP DATABASE $DB')"
else
  # the workers hold connections to the database until they stop
  if [ ${#WORKER_PIDS[@]} -gt 0 ]; then stop_workers; WORKER_PIDS=(); fi
  psql -q -d postgres -c "DROP DATABASE $DB WITH (FORCE)" >/dev/null
fi
say "logs in $RUN"
echo "results: $RESULT"
