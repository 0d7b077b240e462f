#!/usr/bin/env bash
# The publish step alone, on a database kept by `KEEP_DB=1 bench/run.sh`: DatePublisher.publish of one date REPS
# times into a scratch outbox, printing wall and JVM CPU time of each (the first includes JIT warm-up).
#
#   bench/publish.sh DATABASE DATE [REPS=3] [OUTBOX=/tmp/billing-bench/publish-out]
#   env: PGHOST (127.0.0.1) PGPORT (5432)  JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=/tmp/p.jfr,settings=profile)
set -euo pipefail
DB="$1"; DATE="$2"; REPS="${3:-3}"; OUT="${4:-/tmp/billing-bench/publish-out}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; APP="$(cd "$HERE/.." && pwd)"
(cd "$APP" && mvn -q -B -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt) >&2
mkdir -p "$OUT"
exec java -Xmx1g -Duser.timezone=UTC ${JAVA_OPTS:-} -cp "$APP/target/classes:$(cat "$APP/target/bench-classpath.txt")" \
  "$HERE/PublishBench.java" "jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/$DB" "$DATE" "$OUT" "$REPS"
