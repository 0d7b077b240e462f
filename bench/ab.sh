#!/usr/bin/env bash
# A/B first nights: the first date of one cached book run by two or more builds (checkouts of this repository,
# already built), alternately, ROUNDS times, each on a fresh database; before each round a raw COPY of the same
# files probes the machine's speed. This machine's speed drifts by a third within minutes, so compare runs of one
# round, not runs far apart; the summary gives each build's median and its median ratio to the first build. Each
# round starts with the next build in turn (round 1 with the first, round 2 with the second, ...): the run right
# after the COPY probe and its DROP DATABASE meets the checkpoint they cause.
#
#   bench/ab.sh ROUNDS DIR_A DIR_B [DIR_C ...]     env: BOOK (the book of bench/run.sh 1000000 2 5), XMX (1g),
#                                                  PGHOST, PGPORT, PGUSER as bench/run.sh
#   bench/without-explanations.sh --prepare DIR   makes DIR a build of HEAD with explanations off (issue 11)
#   result: bench/results/<timestamp>-ab.txt
set -euo pipefail
ROUNDS="$1"; shift; DIRS=("$@")
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}" # no NOTICE for each DROP ... IF EXISTS
BOOK="${BOOK:-${BENCH_WORK:-/tmp/billing-bench}/book-1000000-2-5}"; XMX="${XMX:-1g}"
[ -f "$BOOK/.complete" ] || { echo "no book at $BOOK: run bench/run.sh 1000000 2 5 once first" >&2; exit 2; }
D=$(ls "$BOOK" | sort | head -1)
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"; RESULT="$HERE/results/$STAMP-ab.txt"; WORK="/tmp/billing-ab-$STAMP"
mkdir -p "$WORK" "$HERE/results"
say() { echo "$*" | tee -a "$RESULT"; }
now() { date +%s.%N; }
PMPID=$(head -1 "$(psql -tA -d postgres -c 'show data_directory')/postmaster.pid" 2>/dev/null || true)
pgcpu() { # CPU seconds of the PostgreSQL server so far (as bench/run.sh)
  [ -n "$PMPID" ] && [ -r "/proc/$PMPID/stat" ] || { echo 0; return; }
  { sed 's/^.*) //' "/proc/$PMPID/stat" | awk '{ print $12 + $13 + $14 + $15 }'
    for c in $(cat /proc/$PMPID/task/*/children 2>/dev/null); do
      sed 's/^.*) //' "/proc/$c/stat" 2>/dev/null | awk '{ print $12 + $13 }'
    done; } | awk -v hz="$(getconf CLK_TCK)" '{ t += $1 } END { printf "%.2f", t / hz }'
}
say "# bench/ab.sh $STAMP: first night ($D) of $BOOK, $ROUNDS rounds, -Xmx$XMX, $(nproc) cores"
for dir in "${DIRS[@]}"; do
  say "# $(basename "$(cd "$dir" && pwd)"): $dir at $(git -C "$dir" rev-parse --short HEAD)$(git -C "$dir" diff --quiet || echo ' + changes:' $(git -C "$dir" diff --stat | tail -1))"
  [ -f "$dir/target/marketplace-billing.jar" ] || { echo "$dir is not built (mvn -DskipTests package)" >&2; exit 2; }
done
# warm-up, not timed: the first run after a build records bin/billing's class-data-sharing archive
for dir in "${DIRS[@]}"; do
  "$dir/bin/billing" generate --subscriptions 200 --days 1 --seed 1 --out "$WORK/warm/inbox" >/dev/null
  psql -q -d postgres -c "DROP DATABASE IF EXISTS ab_warm" -c "CREATE DATABASE ab_warm" >/dev/null
  "$dir/bin/billing" run --date "$(ls "$WORK/warm/inbox" | head -1)" --inbox "$WORK/warm/inbox" --outbox "$WORK/warm/out" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/ab_warm" >/dev/null 2>&1
  psql -q -d postgres -c "DROP DATABASE ab_warm" >/dev/null; rm -rf "$WORK/warm"
done
say "round build wall_s copy_s java_cpu_s pg_cpu_s load bill publish"
for r in $(seq 1 "$ROUNDS"); do
  psql -q -d postgres -c "DROP DATABASE IF EXISTS ab_copy" -c "CREATE DATABASE ab_copy" >/dev/null
  psql -q -d ab_copy -c "CREATE TABLE s (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text,
    c10 text, c11 text, c12 text, c13 text, c14 text, c15 text, c16 text, c17 text, c18 text, c19 text, c20 text, c21 text);
    CREATE TABLE f (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text)" >/dev/null
  t0=$(now)
  psql -q -d ab_copy -c "\\copy s FROM '$BOOK/$D/subscriptions.csv' WITH (FORMAT csv, HEADER true)"
  psql -q -d ab_copy -c "\\copy f FROM '$BOOK/$D/fulfillment-events.csv' WITH (FORMAT csv, HEADER true)"
  copy=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
  psql -q -d postgres -c "DROP DATABASE ab_copy" >/dev/null
  n=${#DIRS[@]}
  for k in $(seq 0 $((n - 1))); do
    dir="${DIRS[$(( (r - 1 + k) % n ))]}"
    name=$(basename "$(cd "$dir" && pwd)"); db="ab_$r"
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
    rm -rf "$WORK/out"
    pg0=$(pgcpu); t0=$(now)
    BILLING_JAVA_OPTS="-Xmx$XMX" /usr/bin/time -f '%U %S' -o "$WORK/time" "$dir/bin/billing" run --date "$D" \
      --inbox "$BOOK" --outbox "$WORK/out" --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
      >"$WORK/$name-$r.out" 2>&1 || { echo "$name failed:"; tail -20 "$WORK/$name-$r.out"; exit 1; }
    wall=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'); pg=$(awk -v a="$pg0" -v b="$(pgcpu)" 'BEGIN { printf "%.1f", b - a }')
    java=$(awk '{ printf "%.1f", $1 + $2 }' "$WORK/time")
    steps=$(psql -tA -d "$db" -c "SELECT string_agg(to_char(extract(epoch FROM end_time - start_time), 'FM990.00'), ' '
      ORDER BY k) FROM (SELECT CASE WHEN step_name LIKE 'load%' THEN 1 WHEN step_name = 'bill' THEN 2 ELSE 3 END k,
      max(end_time) end_time, min(start_time) start_time FROM batch_step_execution
      WHERE step_name LIKE 'load%' OR step_name IN ('bill', 'publish') GROUP BY 1) x")
    say "$r $name $wall $copy $java $pg $steps"
    psql -q -d postgres -c "DROP DATABASE $db" >/dev/null
  done
done
rm -rf "$WORK"
say ""
# The load steps run the same code in every build (explanations are made in the bill step and written in the
# publish step), so within a round their time shows how fast the machine was during each run: the "load-adjusted"
# ratio divides a run's night by its own load steps' time before comparing (it cancels a machine that was slower
# for one run of the round, not one that changed speed within a run).
awk -v first="$(basename "$(cd "${DIRS[0]}" && pwd)")" '
  NF >= 9 && $1 ~ /^[0-9]+$/ { w[$2, $1] = $3; l[$2, $1] = $7; bl[$2, $1] = $8; p[$2, $1] = $9; names[$2] = 1; rounds[$1] = 1 }
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END { for (b in names) { n = 0; m = 0; delete x; delete y; delete z; delete ls; delete bs; delete ps
          for (r in rounds) if ((b, r) in w) {
            x[++n] = w[b, r]; ls[n] = l[b, r]; bs[n] = bl[b, r]; ps[n] = p[b, r]
            if ((first, r) in w) { y[++m] = w[b, r] / w[first, r]; z[m] = y[m] * l[first, r] / l[b, r] } }
          printf "%s: median %.2f s over %d rounds (steps: load %.2f, bill %.2f, publish %.2f); median ratio to %s %.3f, load-adjusted %.3f\n",
            b, median(x, n), n, median(ls, n), median(bs, n), median(ps, n), first, median(y, m), median(z, m) } }' \
  "$RESULT" | tee -a "$RESULT"
echo "result: $RESULT"
