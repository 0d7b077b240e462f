#!/usr/bin/env bash
# Long-horizon benchmark (issue 16): runs K generated nights of an N-subscription book against ONE database and
# shows whether a year of history slows the night down. Records every night's wall time, JVM CPU (user+sys),
# PostgreSQL CPU, the per-step times and the rows each ledger table's scans touched; prints the medians of the
# first 30 steady nights (nights 2-31) and of the last 30, their ratio, and the table sizes after the first and
# the last night. Writes bench/results/<timestamp>-horizon-N<N>-K<K>.txt (+ a per-night TSV next to it).
#
#   bench/horizon.sh [N=100000] [K=365] [SEED=42]
#   env: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres)  BENCH_WORK (/tmp/billing-horizon)  XMX (1g)
#        WINDOW (30: nights per median; smaller when K < 2 x WINDOW + 1)
#        LOG_NIGHTS ("": nights, e.g. "2 365", run with log_min_duration_statement = 0 on the bench database;
#                    the statements' total time per query is summarised from the server log when it is readable)
#        KEEP_DB (keep the database at the end, for EXPLAIN)
#        RESUME_DB, RESUME_TSV: go on with the database and per-night TSV of an interrupted run (KEEP_DB implied):
#                dates that database already completed are not run again
#        STRIDE (1): the shortcut. With STRIDE=s > 1 the first WINDOW + 1 and the last WINDOW dates run night by
#                night and only every s-th date between them: a skipped date is allowed (docs/operations.md,
#                "Skipped dates") and the next run bills every cycle due up to its date with its true dates, so
#                invoice_line, billing_exception and the batch tables grow as over a whole year, but the commerce
#                and fulfillment rows of the skipped dates' feeds are never read (fewer changes, fewer new
#                subscriptions in the middle of the year). Nights are numbered by their date's place in the book.
# Wall times are noisy on a shared machine: compare the JVM and PostgreSQL CPU medians too, and the load average.
set -euo pipefail
N="${1:-100000}"; K="${2:-365}"; SEED="${3:-42}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; APP="$(cd "$HERE/.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
WORK="${BENCH_WORK:-/tmp/billing-horizon}"; XMX="${XMX:-1g}"; WINDOW="${WINDOW:-30}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
BOOK="$WORK/book-$N-$K-$SEED"; RUN="$WORK/run-$STAMP"; DB="${RESUME_DB:-horizon_${N}_${STAMP,,}}"
mkdir -p "$WORK" "$RUN" "$HERE/results"
RESULT="$HERE/results/$STAMP-horizon-N$N-K$K.txt"; TSV="${RESUME_TSV:-${RESULT%.txt}.tsv}"
say() { echo "$*" | tee -a "$RESULT"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
q() { psql -X -tA -d "$DB" -c "$1"; }
# CPU seconds of the whole PostgreSQL server so far (see bench/run.sh): other databases count too
PMPID=$(head -1 "$(psql -tA -d postgres -c 'show data_directory' 2>/dev/null)/postmaster.pid" 2>/dev/null || true)
pgcpu() {
  [ -n "$PMPID" ] && [ -r "/proc/$PMPID/stat" ] || { echo 0; return; }
  { sed 's/^.*) //' "/proc/$PMPID/stat" | awk '{ print $12 + $13 + $14 + $15 }'
    for c in $(cat /proc/$PMPID/task/*/children 2>/dev/null); do
      { sed 's/^.*) //' "/proc/$c/stat" 2>/dev/null || true; } | awk '{ print $12 + $13 }'
    done; } | awk -v hz="$(getconf CLK_TCK)" '{ t += $1 } END { printf "%.2f", t / hz }'
}
LEDGER="'invoice_line','commerce_version','fulfillment_event','billing_exception','subscription','business_run',
  'feed_file','batch_job_instance','batch_job_execution','batch_job_execution_params','batch_step_execution',
  'batch_step_execution_context','batch_job_execution_context'"
# rows read by sequential scans and fetched through indexes, per table, so far (cumulative statistics)
scans() { q "SELECT relname || ' ' || coalesce(seq_tup_read, 0) || ' ' || coalesce(idx_tup_fetch, 0)
             FROM pg_stat_user_tables WHERE relname IN ($LEDGER) ORDER BY relname"; }
sizes() {
  psql -X -d "$DB" -c "SELECT c.relname AS table, c.reltuples::bigint AS rows_estimate,
      pg_size_pretty(pg_table_size(c.oid)) AS heap, pg_size_pretty(pg_indexes_size(c.oid)) AS indexes
    FROM pg_class c WHERE c.relkind = 'r' AND c.relname IN ($LEDGER) ORDER BY pg_total_relation_size(c.oid) DESC"
}

. "$HERE/common.sh"
build_and_book "# long-horizon benchmark $STAMP: N=$N K=$K seed=$SEED, -Xmx$XMX, $(nproc) cores, $(psql -tAc 'select version()' -d postgres | cut -d, -f1)"
DATES=($(ls "$BOOK" | sort | head -n "$K"))

# warm-up, not timed: the first run after a build records bin/billing's class-data-sharing archive
WARM="$WORK/warm-up-$STAMP"; rm -rf "$WARM"
"$APP/bin/billing" generate --subscriptions 200 --days 1 --seed 1 --out "$WARM/inbox" >/dev/null
psql -q -d postgres -c "CREATE DATABASE ${DB}_warm" >/dev/null
"$APP/bin/billing" run --date "$(ls "$WARM/inbox" | head -1)" --inbox "$WARM/inbox" --outbox "$WARM/out" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/${DB}_warm" >/dev/null 2>&1
psql -q -d postgres -c "DROP DATABASE ${DB}_warm" >/dev/null; rm -rf "$WARM"

[ -n "${RESUME_DB:-}" ] && KEEP_DB=1 || psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?reWriteBatchedInserts=true"
SERVER_LOG=$(ls -t /var/log/postgresql/postgresql-*.log 2>/dev/null | head -1 || true)
[ -n "${RESUME_TSV:-}" ] || printf 'night\tdate\tinput_rows\tlines\twall_s\tjava_cpu_s\tpg_cpu_s\tload1\tjob_s\tsteps\ttuples_read\n' >"$TSV"
say "database $DB; per night: $TSV; logs: $RUN"
STRIDE="${STRIDE:-1}"; TOTAL=${#DATES[@]}
W=$WINDOW; [ $((2 * W + 1)) -le "$TOTAL" ] || W=$(( (TOTAL - 1) / 2 ))
[ "$STRIDE" = 1 ] || say "# shortcut: nights 1-$((W + 1)) and $((TOTAL - W + 1))-$TOTAL night by night, every ${STRIDE}th date between"
for i in $(seq 1 "$TOTAL"); do
  night=$i; d=${DATES[$((i - 1))]}
  if [ "$i" -gt $((W + 1)) ] && [ "$i" -le $((TOTAL - W)) ] && [ $(( (i - W - 1) % STRIDE )) -ne 0 ]; then continue; fi
  if [ -n "${RESUME_DB:-}" ] && [ "$(q "SELECT count(*) FROM business_run WHERE business_date = '$d' AND status = 'COMPLETED'")" = 1 ]; then
    continue
  fi
  rows=$(( $(wc -l <"$BOOK/$d/subscriptions.csv") + $(wc -l <"$BOOK/$d/fulfillment-events.csv") - 2 ))
  logging=""
  if [[ " ${LOG_NIGHTS:-} " == *" $night "* ]]; then
    logging=1; psql -q -d postgres -c "ALTER DATABASE $DB SET log_min_duration_statement = 0" >/dev/null
    logfrom=$( [ -r "$SERVER_LOG" ] && stat -c %s "$SERVER_LOG" || echo 0)
  fi
  [ "$night" -gt 1 ] && scans >"$RUN/scans-before.txt" || : >"$RUN/scans-before.txt"
  load=$(cut -d' ' -f1 /proc/loadavg)
  pg0=$(pgcpu); t0=$(now)
  BILLING_JAVA_OPTS="-Xmx$XMX" /usr/bin/time -v -o "$RUN/time-$d.txt" \
    "$APP/bin/billing" run --date "$d" --inbox "$BOOK" --outbox "$RUN/out" --spring.datasource.url="$URL" \
    >"$RUN/run-$d.out" 2>"$RUN/run-$d.err" || { echo "run $d failed:"; tail -20 "$RUN/run-$d.err"; exit 1; }
  t1=$(now); pg1=$(pgcpu)
  rm -rf "$RUN/out" # a year of published files is not the point
  if [ -n "$logging" ]; then
    psql -q -d postgres -c "ALTER DATABASE $DB RESET log_min_duration_statement" >/dev/null
    if [ -r "$SERVER_LOG" ]; then
      tail -c +"$((logfrom + 1))" "$SERVER_LOG" >"$RUN/statements-night-$night.log"
      # total ms (parse + bind + execute) and executions per statement (its first 150 characters), largest first
      awk '/duration: [0-9.]+ ms/ { ms = $0; sub(/.*duration: /, "", ms); sub(/ ms.*/, "", ms)
             s = $0; sub(/.*duration: [0-9.]+ ms +/, "", s)
             execute = s !~ /^(bind|parse) /
             sub(/^(statement|execute [^:]*|bind [^:]*|parse [^:]*): /, "", s)
             s = substr(s, 1, 150); t[s] += ms; if (execute) n[s]++ }
           END { for (s in t) printf "%10.1f ms %6d x  %s\n", t[s], n[s], s }' "$RUN/statements-night-$night.log" \
        | sort -rn >"$RUN/statements-night-$night.txt"
    fi
  fi
  # rows the night's scans touched per table (sequential + index fetches), from the statistics' difference; the
  # statistics are flushed by backends that ended, so this is read after the run's connections closed
  touched=$(scans | awk 'FILENAME == ARGV[1] { b[$1] = $2 + $3; next } { d = $2 + $3 - b[$1]; if (d > 0) printf "%s=%d ", $1, d }' \
    "$RUN/scans-before.txt" - )
  wall=$(secs "$t0" "$t1")
  cpu=$(awk -F': ' '/User time/ { u=$2 } /System time/ { s=$2 } END { printf "%.2f", u + s }' "$RUN/time-$d.txt")
  lines=$(q "SELECT count(*) FROM invoice_line WHERE billed_on = '$d'")
  job=$(q "SELECT to_char(sum(extract(epoch FROM j.end_time - j.start_time)), 'FM9990.00')
    FROM batch_job_execution j JOIN batch_job_execution_params p USING (job_execution_id)
    WHERE p.parameter_name = 'businessDate' AND p.parameter_value = '$d'")
  steps=$(q "SELECT string_agg(s.step_name || '=' || to_char(extract(epoch FROM s.end_time - s.start_time), 'FM9990.00'), ' '
      ORDER BY s.step_execution_id)
    FROM batch_step_execution s JOIN batch_job_execution_params p ON p.job_execution_id = s.job_execution_id
    WHERE p.parameter_name = 'businessDate' AND p.parameter_value = '$d' AND s.step_name NOT LIKE '%:%'")
  printf '%d\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$night" "$d" "$rows" "$lines" "$wall" "$cpu" \
    "$(secs "$pg0" "$pg1")" "$load" "$job" "$steps" "$touched" >>"$TSV"
  echo "night $night ($d): $wall s wall, $cpu s java CPU, $(secs "$pg0" "$pg1") s postgres CPU, load $load; $steps" >&2
  if [ "$night" = 1 ]; then say ""; say "table sizes after night 1:"; sizes | tee -a "$RESULT"; fi
done

say ""
say "table sizes after night $night:"; sizes | tee -a "$RESULT"
say "medians of nights 2-$((W + 1)) (first) and $((night - W + 1))-$night (last), $W nights each:"
for col in 5:wall_s 6:java_cpu_s 7:pg_cpu_s 9:job_s 8:load1; do
  c=${col%%:*}; name=${col#*:}
  med() { awk -F'\t' -v c="$c" -v a="$1" -v b="$2" 'NR > 1 && $1 >= a && $1 <= b { print $c }' "$TSV" | sort -g \
            | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  first=$(med 2 $((W + 1))); last=$(med $((night - W + 1)) "$night")
  say "  $(printf '%-11s' "$name") first $first  last $last  last/first $(awk -v a="$first" -v b="$last" 'BEGIN { printf "%.3f", b / a }')"
done
say "  per step (job's own times, s):"
for s in $(awk -F'\t' 'NR == 2 { n = split($10, a, " "); for (i = 1; i <= n; i++) { split(a[i], kv, "="); print kv[1] } }' "$TSV"); do
  stepmed() { awk -F'\t' -v s="$s" -v a="$1" -v b="$2" 'NR > 1 && $1 >= a && $1 <= b {
                n = split($10, x, " "); for (i = 1; i <= n; i++) { split(x[i], kv, "="); if (kv[1] == s) print kv[2] } }' "$TSV" \
              | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  say "    $(printf '%-16s' "$s") first $(stepmed 2 $((W + 1)))  last $(stepmed $((night - W + 1)) "$night")"
done
say "  rows touched per night by scans (median, per table):"
for t in $(echo "$LEDGER" | tr -d "' \n" | tr ',' ' '); do
  tmed() { awk -F'\t' -v t="$t" -v a="$1" -v b="$2" 'NR > 1 && $1 >= a && $1 <= b { v = 0
             n = split($11, x, " "); for (i = 1; i <= n; i++) { split(x[i], kv, "="); if (kv[1] == t) v = kv[2] } print v }' "$TSV" \
           | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  f=$(tmed 2 $((W + 1))); l=$(tmed $((night - W + 1)) "$night")
  [ "$f" = 0 ] && [ "$l" = 0 ] || say "    $(printf '%-30s' "$t") first $f  last $l"
done
for f in "$RUN"/statements-night-*.txt; do [ -f "$f" ] && { say ""; say "slowest statements, $(basename "$f" .txt):"; head -15 "$f" | tee -a "$RESULT"; }; done
say ""
if [ -n "${KEEP_DB:-}" ]; then
  say "database $DB kept (drop it with: psql -h $PGHOST -U $PGUSER -d postgres -c 'DROP DATABASE $DB')"
else
  psql -q -d postgres -c "DROP DATABASE $DB WITH (FORCE)" >/dev/null
fi
echo "results: $RESULT"
