#!/usr/bin/env bash
# The first night of a cached book with every statement's duration logged by PostgreSQL, summed by statement
# (literals and numbers folded): where the database's time goes, and what a change moved. Needs a local server
# this user may ALTER SYSTEM on and whose log file it can read (PGLOG); the setting is reset afterwards.
#
#   bench/statements.sh APPDIR NAME     env: BOOK (the book of bench/run.sh 1000000 2 5), PGLOG
#   summary: bench/results/<timestamp>-statements-NAME.txt (APPDIR: a built checkout, e.g. . or a worktree)
set -euo pipefail
APP="$(cd "$1" && pwd)"; NAME="$2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
BOOK="${BOOK:-${BENCH_WORK:-/tmp/billing-bench}/book-1000000-2-5}"; D=$(ls "$BOOK" | sort | head -1)
PGLOG="${PGLOG:-/var/log/postgresql/postgresql-15-main.log}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"; DB="st_${NAME//[^a-z0-9_]/_}"; OUT="/tmp/billing-statements-$STAMP"
RESULT="$HERE/results/$STAMP-statements-$NAME.txt"
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
trap 'psql -q -d postgres -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null' EXIT
psql -q -d postgres -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null
start=$(stat -c %s "$PGLOG")
t0=$(date +%s.%N)
"$APP/bin/billing" run --date "$D" --inbox "$BOOK" --outbox "$OUT" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" >"$OUT.log" 2>&1
wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
tail -c +$((start + 1)) "$PGLOG" | grep "@$DB " > "$OUT.statements" || true
{ echo "# bench/statements.sh $STAMP: $NAME ($APP at $(git -C "$APP" rev-parse --short HEAD)), first night $D of $BOOK, $wall s"
  python3 - "$OUT.statements" <<'PY'
import re, sys, collections
tot = collections.Counter(); cnt = collections.Counter()
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"duration: ([\d.]+) ms\s+(statement|execute [^:]*|parse [^:]*|bind [^:]*): (.*)", line)
    if not m: continue
    kind = "parse/bind " if m.group(2).startswith(("parse", "bind")) else ""
    s = re.sub(r"\s+", " ", m.group(3)); s = re.sub(r"'[^']*'", "?", s); s = re.sub(r"\$\d+", "?", s)
    key = kind + re.sub(r"\b\d+\b", "N", s)[:110]
    tot[key] += float(m.group(1)); cnt[key] += 1
print(f"statement time in all: {sum(tot.values()) / 1000:.1f} s (sessions side by side add up)")
print("seconds   count  statement")
for k, v in tot.most_common(25): print(f"{v / 1000:7.2f} {cnt[k]:7d}  {k}")
PY
  psql -tA -d "$DB" -c "SELECT 'invoice_line: ' || count(*) || ' lines, explanation ' || coalesce(round(avg(length(explanation))), 0)
    || ' characters on average, heap ' || pg_size_pretty(pg_relation_size('invoice_line')) FROM invoice_line"
} | tee "$RESULT"
psql -q -d postgres -c "DROP DATABASE $DB"
rm -rf "$OUT" "$OUT.log" "$OUT.statements"
