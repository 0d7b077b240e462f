#!/usr/bin/env bash
# The PostgreSQL CPU of registering a first night's subscriptions (issue 16, D46): the load's upsert per chunk and
# feed (JdbcFactStore: 10,000 commerce rows, then 10,000 fulfillment rows per chunk, each chunk's distinct ids
# sorted) against one set-based INSERT ... SELECT DISTINCT after both loads. Reads the ids from the book's two CSV
# files; measures the CPU of its own backend from /proc.
#
#   bench/register-cost.sh <book date directory>
set -euo pipefail
DIR="$1"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="loads_register_$$"
psql -q -d postgres -c "CREATE DATABASE $DB"
psql -q -d "$DB" <<SQL
CREATE TABLE c_ids (rn bigserial, id text COLLATE "C");
CREATE TABLE f_ids (rn bigserial, id text COLLATE "C");
\copy c_ids (id) FROM PROGRAM 'tail -n +2 $DIR/subscriptions.csv | cut -d, -f1'
\copy f_ids (id) FROM PROGRAM 'tail -n +2 $DIR/fulfillment-events.csv | cut -d, -f2'
SQL
for mode in per-chunk set-based; do
  psql -q -d "$DB" -c "DROP TABLE IF EXISTS subscription" -c "CREATE TABLE subscription (
    subscription_id TEXT COLLATE \"C\" PRIMARY KEY, first_seen DATE NOT NULL, reviewed_on DATE, next_due DATE)
    WITH (fillfactor = 50)"
  if [ "$mode" = per-chunk ]; then
    work="DO \$\$ DECLARE n bigint := 0; c bigint; f bigint; BEGIN
      SELECT max(rn) INTO c FROM c_ids; SELECT max(rn) INTO f FROM f_ids;
      WHILE n * 10000 < greatest(c, f) LOOP
        INSERT INTO subscription (subscription_id, first_seen, next_due)
          SELECT id, date '2026-11-02', date '2026-11-02' FROM (SELECT DISTINCT id FROM c_ids WHERE rn > n * 10000 AND rn <= (n + 1) * 10000) d
          ORDER BY id ON CONFLICT (subscription_id) DO UPDATE SET next_due = EXCLUDED.next_due
          WHERE subscription.next_due IS NULL OR subscription.next_due > EXCLUDED.next_due;
        INSERT INTO subscription (subscription_id, first_seen, next_due)
          SELECT id, date '2026-11-02', date '2026-11-02' FROM (SELECT DISTINCT id FROM f_ids WHERE rn > n * 10000 AND rn <= (n + 1) * 10000) d
          ORDER BY id ON CONFLICT (subscription_id) DO UPDATE SET next_due = EXCLUDED.next_due
          WHERE subscription.next_due IS NULL OR subscription.next_due > EXCLUDED.next_due;
        n := n + 1;
      END LOOP; END \$\$;"
    # the same selection of each chunk's ids without the inserts, to subtract
    base="DO \$\$ DECLARE n bigint := 0; c bigint; f bigint; x bigint; BEGIN
      SELECT max(rn) INTO c FROM c_ids; SELECT max(rn) INTO f FROM f_ids;
      WHILE n * 10000 < greatest(c, f) LOOP
        SELECT count(*) INTO x FROM (SELECT DISTINCT id FROM c_ids WHERE rn > n * 10000 AND rn <= (n + 1) * 10000 ORDER BY id) d;
        SELECT count(*) INTO x FROM (SELECT DISTINCT id FROM f_ids WHERE rn > n * 10000 AND rn <= (n + 1) * 10000 ORDER BY id) d;
        n := n + 1;
      END LOOP; END \$\$;"
  else
    work="INSERT INTO subscription (subscription_id, first_seen, next_due)
      SELECT id, date '2026-11-02', date '2026-11-02' FROM (SELECT id FROM c_ids UNION SELECT id FROM f_ids) d ORDER BY id
      ON CONFLICT (subscription_id) DO UPDATE SET next_due = EXCLUDED.next_due
      WHERE subscription.next_due IS NULL OR subscription.next_due > EXCLUDED.next_due;"
    base="SELECT count(*) FROM (SELECT id FROM (SELECT id FROM c_ids UNION SELECT id FROM f_ids) d ORDER BY id) e;"
  fi
  out=$(psql -q -d "$DB" <<SQL
CREATE INDEX IF NOT EXISTS c_rn ON c_ids (rn); CREATE INDEX IF NOT EXISTS f_rn ON f_ids (rn); ANALYZE c_ids; ANALYZE f_ids;
SELECT pg_backend_pid() AS pid \gset
\setenv PID :pid
\! awk '{print "cpu0", (\$14+\$15)/100}' /proc/\$PID/stat
$base
\! awk '{print "cpu1", (\$14+\$15)/100}' /proc/\$PID/stat
$work
\! awk '{print "cpu2", (\$14+\$15)/100}' /proc/\$PID/stat
SQL
)
  c0=$(awk '/^cpu0/{print $2}' <<<"$out"); c1=$(awk '/^cpu1/{print $2}' <<<"$out"); c2=$(awk '/^cpu2/{print $2}' <<<"$out")
  printf '%-10s registration %6.2f s CPU (reading the ids alone %5.2f s; %s subscriptions)\n' "$mode" \
    "$(awk -v a="$c1" -v b="$c2" -v x="$c0" 'BEGIN{print (b-a)-(a-x)}')" "$(awk -v a="$c0" -v b="$c1" 'BEGIN{print b-a}')" \
    "$(psql -tA -d "$DB" -c 'SELECT count(*) FROM subscription')"
done
psql -q -d postgres -c "DROP DATABASE $DB"
