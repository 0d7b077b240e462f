#!/usr/bin/env bash
# Issue 11's "at most 10% slower with explanations on", measured on today's code: a build of HEAD where the bill
# step stores no explanation (NULL, like a line billed before V14) and the publish step writes no explanation rows
# (line-explanations.csv keeps only its header). Everything else is the same code. The core still builds each
# line's explanation (about 4% of a bill slice's Java time in JFR), so this is what storing, reading, checking and
# publishing explanations cost, not all of it.
#
#   bench/without-explanations.sh --prepare DIR   a worktree of HEAD at DIR, edited and built, for bench/ab.sh:
#                                                 bench/ab.sh 5 . DIR   (docs/performance.md, "Seventh session")
#   NIGHTS=1 bench/without-explanations.sh [N] [K] [SEED]   bench/run.sh in such a worktree (removed after);
#                                                 result: bench/results/<timestamp>-N<N>-without-explanations.txt
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; APP="$(cd "$HERE/.." && pwd)"
if [ "${1:-}" = --prepare ]; then W="$2"; KEEP=1; shift 2; else W="${BENCH_WORK:-/tmp/billing-bench}/without-explanations"; KEEP=; fi
git -C "$APP" worktree remove --force "$W" 2>/dev/null || rm -rf "$W"
git -C "$APP" worktree add --detach "$W" HEAD >/dev/null
[ -n "$KEEP" ] || trap 'git -C "$APP" worktree remove --force "$W" 2>/dev/null || true' EXIT
cp "$HERE"/run.sh "$HERE"/common.sh "$W/bench/" # the scripts as they are here, committed or not

# replace the one occurrence of $2 by $3 in file $1 of the worktree, or stop: the code moved, edit this script
edit() {
  local n; n=$(grep -cF -- "$2" "$W/$1" || true)
  [ "$n" = 1 ] || { echo "bench/without-explanations.sh: '$2' occurs $n times in $1, not once" >&2; exit 1; }
  FROM="$2" TO="$3" perl -0pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$W/$1"
}
edit src/main/java/com/marketplacebilling/ledger/JdbcOutcomeStore.java \
  'ExplanationColumns.write(rows, l, explanations == null ? null : explanations.get(i), billedOn);' \
  'ExplanationColumns.write(rows, l, null, billedOn); // bench: explanations off'
edit src/main/java/com/marketplacebilling/publish/DatePublisher.java \
  'why.write(l, e);' '// bench: explanations off'
(cd "$W" && mvn -q -B -DskipTests package) >&2
if [ -n "$KEEP" ]; then echo "built: $W (remove with: git worktree remove --force $W)"; exit 0; fi

(cd "$W" && bench/run.sh "$@")
for f in "$W"/bench/results/*.txt; do
  [ -e "$f" ] || continue
  git -C "$W" ls-files --error-unmatch "${f#"$W"/}" >/dev/null 2>&1 && continue # committed results, not this run's
  mv "$f" "$HERE/results/$(basename "${f%.txt}")-without-explanations.txt"
  echo "result: $HERE/results/$(basename "${f%.txt}")-without-explanations.txt"
done
