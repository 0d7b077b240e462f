# Shared by bench/run.sh and bench/horizon.sh (sourced): build the application, print the header and the commit,
# and generate the book unless it is cached. Needs APP, BOOK, RUN, N, K, SEED and the scripts' say/now/secs.
build_and_book() {
  (cd "$APP" && mvn -q -B -DskipTests package) >&2
  say "$1"
  say "# commit $(git -C "$APP" rev-parse --short HEAD)$(git -C "$APP" diff --quiet || echo ' (+ uncommitted changes)')"
  if [ ! -f "$BOOK/.complete" ]; then
    rm -rf "$BOOK"
    local t0 t1
    t0=$(now); "$APP/bin/billing" generate --subscriptions "$N" --days "$K" --seed "$SEED" --out "$BOOK" >"$RUN/generate.txt"
    t1=$(now); touch "$BOOK/.complete"
    say "generate: $(secs "$t0" "$t1") s"
  fi
}
