#!/usr/bin/env bash
# Benchmark of `bin/billing reconcile --month`: a generated book of N subscriptions billed over the month's last two
# days (a first night and a steady night, so that the month's invoices exist and the month is complete), Microsoft's
# files for the month generated from the ledger with known perturbations (`generate --recon`), then reconcile timed
# with its wall time, user+sys CPU time, peak heap (from the GC log) and the load average around it. The report's
# row counts per Status and Code are checked against the generator's expected-counts.txt. Prints every figure and
# writes them to bench/results/<timestamp>-recon-N<N>.txt.
#
#   bench/recon.sh [N=1000000] [SEED=42]
#   env: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres)  BENCH_WORK (/tmp/billing-bench)  XMX (1g)
#        MONTH (2026-11)  REPEAT (1: reconcile runs, each timed)  STOP_AFTER=bill (prepare the book and database only)
#
# The book (BENCH_WORK/book-recon-N-SEED) and its billed database (benchrecon_N_SEED) are kept and reused by the next
# run with the same N, SEED and MONTH; drop the database with psql to start over.
set -euo pipefail
N="${1:-1000000}"; SEED="${2:-42}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; APP="$(cd "$HERE/.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
WORK="${BENCH_WORK:-/tmp/billing-bench}"; XMX="${XMX:-1g}"; MONTH="${MONTH:-2026-11}"; REPEAT="${REPEAT:-1}"
LAST=$(date -u -d "$MONTH-01 +1 month -1 day" +%F); FIRST=$(date -u -d "$LAST -1 day" +%F)
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
BOOK="$WORK/book-recon-$N-$SEED-$MONTH"; RUN="$WORK/recon-$STAMP"; DB="benchrecon_${N}_${SEED}_${MONTH//-/}"
URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?reWriteBatchedInserts=true"
mkdir -p "$WORK" "$RUN" "$HERE/results"
RESULT="$HERE/results/$STAMP-recon-N$N.txt"
say() { echo "$*" | tee -a "$RESULT"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
cpu() { awk -F': ' '/User time/ { u=$2 } /System time/ { s=$2 } END { printf "%.1f", u + s }' "$1"; }
q() { psql -tA -d "$DB" -c "$1"; }

(cd "$APP" && mvn -q -B -DskipTests package) >&2
say "# reconcile benchmark $STAMP: N=$N seed=$SEED month=$MONTH (billed $FIRST and $LAST), -Xmx$XMX, $(nproc) cores,"\
" $(psql -tAc 'select version()' -d postgres | cut -d, -f1)"
say "# commit $(git -C "$APP" rev-parse --short HEAD)$(git -C "$APP" diff --quiet || echo ' (+ uncommitted changes)')"

# ---- the book and its billed database (kept between runs) ---------------------------------------------------
if [ ! -f "$BOOK/.complete" ]; then
  rm -rf "$BOOK"
  t0=$(now)
  "$APP/bin/billing" generate --subscriptions "$N" --days 2 --start "$FIRST" --seed "$SEED" --out "$BOOK" >"$RUN/generate.txt"
  touch "$BOOK/.complete"
  say "generate the book: $(secs "$t0" "$(now)") s"
fi
if [ "$(psql -tA -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$DB'")" = 1 ] \
   && [ "$(q "SELECT count(*) FROM business_run WHERE status = 'COMPLETED' AND business_date IN ('$FIRST', '$LAST')" 2>/dev/null)" = 2 ]; then
  say "billed database $DB reused"
else
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null
  psql -q -d postgres -c "CREATE DATABASE $DB" >/dev/null
  for d in "$FIRST" "$LAST"; do
    t0=$(now)
    BILLING_JAVA_OPTS="-Xmx$XMX" "$APP/bin/billing" run --date "$d" --inbox "$BOOK" --outbox "$RUN/nightly" \
      --spring.datasource.url="$URL" >"$RUN/run-$d.out" 2>"$RUN/run-$d.err" || { echo "run $d failed:"; tail -20 "$RUN/run-$d.err"; exit 1; }
    say "bill $d: $(secs "$t0" "$(now)") s"
  done
  rm -rf "$RUN/nightly"
fi
[ "${STOP_AFTER:-}" = bill ] && { say "stopped after billing (STOP_AFTER=bill)"; exit 0; }

# ---- Microsoft's files for the month ------------------------------------------------------------------------
FOLDER="$BOOK/partner-center/$MONTH"
rm -rf "$FOLDER"
t0=$(now)
/usr/bin/time -v -o "$RUN/time-generate-recon.txt" "$APP/bin/billing" generate --recon "$MONTH" --seed "$SEED" \
  --inbox "$BOOK" --spring.datasource.url="$URL" >"$RUN/generate-recon.out" 2>"$RUN/generate-recon.err" \
  || { echo "generate --recon failed:"; tail -20 "$RUN/generate-recon.err"; exit 1; }
say "generate --recon $MONTH: $(secs "$t0" "$(now)") s ($(cpu "$RUN/time-generate-recon.txt") s user+sys)"
ms_rows=$(sed -n 's/^# files \([0-9]*\), data rows \([0-9]*\).*/\2 rows in \1 files/p' "$FOLDER/expected-counts.txt")
ms_bytes=$(du -cb "$FOLDER"/*.csv | tail -1 | cut -f1)
our_all=$(q "SELECT count(*) FROM invoice_line")
our_month=$(q "SELECT count(*) FROM invoice_line WHERE invoice_number >= 'INV-${MONTH//-/}' AND invoice_number < 'INV-${MONTH//-/}~'")
say "Microsoft: $ms_rows ($((ms_bytes / 1048576)) MiB); ours: $our_all lines in the ledger, $our_month on $MONTH's invoices"

# ---- reconcile, timed -----------------------------------------------------------------------------------------
for i in $(seq 1 "$REPEAT"); do
  gclog="$RUN/gc-reconcile-$i.log"
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  t0=$(now)
  BILLING_JAVA_OPTS="-Xmx$XMX -Xlog:gc:file=$gclog" /usr/bin/time -v -o "$RUN/time-reconcile-$i.txt" \
    "$APP/bin/billing" reconcile --month "$MONTH" --inbox "$BOOK" --outbox "$RUN/out" --spring.datasource.url="$URL" \
    >"$RUN/reconcile-$i.out" 2>"$RUN/reconcile-$i.err" || { echo "reconcile failed:"; tail -20 "$RUN/reconcile-$i.err"; exit 1; }
  wall=$(secs "$t0" "$(now)")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$RUN/time-reconcile-$i.txt")
  # G1 log lines end "used-before->used-after(committed) pause": peak used and peak live (after a GC)
  peak=$(grep -oE '[0-9]+M->[0-9]+M' "$gclog" | awk -F'->' '{ b=$1+0; a=$2+0; if (b>pb) pb=b; if (a>pa) pa=a }
    END { printf "%d MB used before a GC, %d MB live after a GC", pb, pa }')
  gcs=$(grep -c 'Pause' "$gclog" || true)
  say ""
  say "reconcile --month $MONTH (run $i of $REPEAT):"
  say "  wall:                 $wall s"
  say "  java CPU:             $(cpu "$RUN/time-reconcile-$i.txt") s user+sys"
  say "  heap (-Xmx$XMX):       $peak ($gcs GC pauses)"
  say "  peak RSS:             $rss MB"
  say "  load average:         $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after (other work on the machine inflates wall times)"
done

# ---- the report against the generator's expected counts ------------------------------------------------------
REPORT="$RUN/out/reconciliation/$MONTH/reconciliation.csv"
awk -F, 'NR > 1 && $1 ~ /^(MATCHED|AMOUNT_DIFFERS|ONLY_MICROSOFT|ONLY_OURS|SET_ASIDE)$/ { n[$1 "," $2]++ }
  END { for (k in n) print k "," n[k] }' "$REPORT" | sort >"$RUN/got-counts.txt"
grep -v '^#' "$FOLDER/expected-counts.txt" | grep -v '^Status,Code,Rows$' | sort >"$RUN/expected-counts.txt"
say ""
if diff "$RUN/expected-counts.txt" "$RUN/got-counts.txt" >"$RUN/counts.diff"; then
  say "report rows per Status,Code: as expected ($(wc -l <"$RUN/got-counts.txt") kinds, $(($(wc -l <"$REPORT") - 1)) rows)"
  sed 's/^/  /' "$RUN/got-counts.txt" | tee -a "$RESULT"
else
  say "report rows per Status,Code DIFFER from expected-counts.txt (< expected, > got):"
  sed 's/^/  /' "$RUN/counts.diff" | tee -a "$RESULT"
fi
say ""
say "logs in $RUN; database $DB kept (drop it with: psql -h $PGHOST -U $PGUSER -d postgres -c 'DROP DATABASE $DB')"
echo "results: $RESULT"
