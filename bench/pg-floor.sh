#!/usr/bin/env bash
# PostgreSQL's share of a first night, measured alone (docs/performance.md, "Sixth session"): the rows the job
# writes and reads on its first night, by COPY and set-based SQL, into the job's own schema, with no Java at all.
# Needs a database kept after the first night (KEEP_DB=1 NIGHTS=1 bench/run.sh N 2 S); prints each statement's time.
#
#   bench/pg-floor.sh DATABASE [DATE=2026-11-02]
set -euo pipefail
SRC="$1"; DATE="${2:-2026-11-02}"
P="psql -h ${PGHOST:-127.0.0.1} -p ${PGPORT:-5432} -U ${PGUSER:-postgres} -q"
D=/tmp/floor-data; mkdir -p $D; chmod 777 $D
$P -d "$SRC" -c "\copy commerce_version TO '$D/cv.copy'" -c "\copy fulfillment_event TO '$D/fe.copy'" -c "\copy (SELECT * FROM invoice_line) TO '$D/il.copy'"
$P -d postgres -c "DROP DATABASE IF EXISTS floor1" -c "CREATE DATABASE floor1 TEMPLATE \"$SRC\""
$P -d floor1 -c "TRUNCATE commerce_version, fulfillment_event, invoice_line, billing_exception, subscription CASCADE" -c "DROP INDEX IF EXISTS commerce_version_customer, commerce_version_order" -c "CHECKPOINT"
$P -d floor1 <<SQL
\timing on
\echo loads: facts with their keys
\copy commerce_version FROM '$D/cv.copy'
\copy fulfillment_event FROM '$D/fe.copy'
\echo registration of every subscription
INSERT INTO subscription (subscription_id, first_seen, next_due) SELECT DISTINCT subscription_id, DATE '$DATE', DATE '$DATE' FROM commerce_version;
\echo the console indexes, and statistics
CREATE INDEX commerce_version_customer ON commerce_version (customer_id);
CREATE INDEX commerce_version_order ON commerce_version (order_id);
ANALYZE subscription, commerce_version, fulfillment_event;
\echo bill: the lines with their keys and explanations, the reviews
\copy invoice_line FROM '$D/il.copy'
UPDATE subscription SET reviewed_on = DATE '$DATE', next_due = DATE '$DATE' + 30;
\echo publish: statistics, the lines of the date in order
ANALYZE invoice_line;
SET work_mem = '512MB';
\copy (SELECT * FROM invoice_line WHERE billed_on = '$DATE' ORDER BY invoice_number, subscription_id, order_date, charge_start_date, line_id) TO '/dev/null'
SQL
$P -d postgres -c "DROP DATABASE floor1"; rm -rf "$D"
