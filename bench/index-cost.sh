#!/usr/bin/env bash
# The PostgreSQL CPU a COPY of commerce rows costs with each form of commerce_version's secondary indexes
# (issue 16, D46). Input: the COPY text of a loaded commerce_version (e.g. `\copy commerce_version TO file` from a
# database bench/run.sh kept with KEEP_DB=1). Each variant COPYs the file into a fresh table in its own database
# and reads the user+sys CPU of its own backend from /proc (not the whole server's: the machine is shared), then
# times the console's search query (SubscriptionStoryView.search) with EXPLAIN ANALYZE.
#
#   bench/index-cost.sh <copy-file> [variant...]      variants: none btree btree-c hash after-btree after-hash
#   env: PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres)  BASE (a COPY file loaded first, the steady night's case)
set -euo pipefail
FILE="$1"; shift
VARIANTS=("${@:-none btree hash after-btree}")
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
TABLE='CREATE TABLE commerce_version (
    subscription_id TEXT COLLATE "C" NOT NULL, content_key CHAR(64) NOT NULL, business_date DATE NOT NULL,
    source_line BIGINT NOT NULL, order_id TEXT NOT NULL, customer_id TEXT NOT NULL, customer_name TEXT NOT NULL,
    customer_country TEXT NOT NULL, reseller_mpn_id TEXT NOT NULL, publisher_id TEXT NOT NULL,
    publisher_name TEXT NOT NULL, offer_id TEXT NOT NULL, plan_id TEXT NOT NULL, friendly_name TEXT NOT NULL,
    quantity INTEGER NOT NULL, unit_price NUMERIC NOT NULL, currency TEXT NOT NULL, term TEXT NOT NULL,
    billing_frequency TEXT NOT NULL, auto_renew BOOLEAN NOT NULL, status TEXT NOT NULL,
    ordered_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, cancelled_at TIMESTAMPTZ,
    PRIMARY KEY (subscription_id, content_key));'
indexes() { # $1 = variant
  case "$1" in
    none|after-*) ;;
    btree) echo 'CREATE INDEX commerce_version_customer ON commerce_version (customer_id);
                 CREATE INDEX commerce_version_order ON commerce_version (order_id);' ;;
    btree-c) echo 'CREATE INDEX commerce_version_customer ON commerce_version (customer_id COLLATE "C");
                   CREATE INDEX commerce_version_order ON commerce_version (order_id COLLATE "C");' ;;
    hash) echo 'CREATE INDEX commerce_version_customer ON commerce_version USING hash (customer_id);
                CREATE INDEX commerce_version_order ON commerce_version USING hash (order_id);' ;;
  esac
}
for v in ${VARIANTS[@]}; do
  db="loads_idx_${v//-/_}"
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  psql -q -d "$db" -c "$TABLE" -c "$(indexes "$v")"
  [ -n "${BASE:-}" ] && psql -q -d "$db" -c "\\copy commerce_version FROM '$BASE'" -c "VACUUM ANALYZE commerce_version"
  after=""
  case "$v" in
    after-btree) after='CREATE INDEX commerce_version_customer ON commerce_version (customer_id);
                        CREATE INDEX commerce_version_order ON commerce_version (order_id);' ;;
    after-hash) after='CREATE INDEX commerce_version_customer ON commerce_version USING hash (customer_id);
                       CREATE INDEX commerce_version_order ON commerce_version USING hash (order_id);' ;;
  esac
  out=$(psql -q -d "$db" <<SQL
SELECT pg_backend_pid() AS pid \gset
\setenv PID :pid
\! awk '{print "cpu0", (\$14+\$15)/100}' /proc/\$PID/stat
\copy commerce_version FROM '$FILE'
\! awk '{print "cpu1", (\$14+\$15)/100}' /proc/\$PID/stat
$after
\! awk '{print "cpu2", (\$14+\$15)/100}' /proc/\$PID/stat
SQL
)
  c0=$(awk '/^cpu0/{print $2}' <<<"$out"); c1=$(awk '/^cpu1/{print $2}' <<<"$out"); c2=$(awk '/^cpu2/{print $2}' <<<"$out")
  psql -q -d "$db" -c "ANALYZE commerce_version"
  q=$(psql -tA -d "$db" -c "SELECT customer_id FROM commerce_version ORDER BY source_line DESC LIMIT 1")
  plan=$(psql -tA -d "$db" -c "EXPLAIN (ANALYZE, BUFFERS)
    SELECT DISTINCT ON (c.subscription_id) c.subscription_id, c.customer_id, c.customer_name, c.order_id, c.friendly_name
    FROM commerce_version c WHERE c.subscription_id = '$q' OR c.customer_id = '$q' OR c.order_id = '$q'
    ORDER BY c.subscription_id, c.updated_at DESC, c.business_date DESC LIMIT 50")
  size=$(psql -tA -d "$db" -c "SELECT coalesce(pg_size_pretty(sum(pg_relation_size(indexrelid))), '0') FROM pg_index
    WHERE indrelid = 'commerce_version'::regclass AND NOT indisprimary")
  printf '%-12s COPY %6.2f s CPU, index build after %5.2f s, total %6.2f s; secondary indexes %s; search %s (%s)\n' "$v" \
    "$(awk -v a="$c0" -v b="$c1" 'BEGIN{print b-a}')" "$(awk -v a="$c1" -v b="$c2" 'BEGIN{print b-a}')" \
    "$(awk -v a="$c0" -v b="$c2" 'BEGIN{print b-a}')" "$size" "$(grep -o 'Execution Time: .*' <<<"$plan")" \
    "$(grep -oE 'Bitmap Index Scan on [a-z_]+|Seq Scan' <<<"$plan" | sort -u | tr '\n' ' ')"
  psql -q -d postgres -c "DROP DATABASE $db"
done
