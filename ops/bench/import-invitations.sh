#!/usr/bin/env bash
# Benchmark: bulk invitation import through the admin shell (issue: 100,000 rows must complete).
# Seeds N synthetic patients into a fresh embedded store, writes a BOWEL cohort for them, imports it twice
# (the second run issues nothing: every externalId is already there) and prints the rates and their ratio.
#   ops/bench/import-invitations.sh [ROWS]     (default 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-100000}
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
admin() { ./ops/admin --local "--cancerplan.store.path=$store" "$@"; }

echo "Seeding $rows synthetic patients..." >&2
admin demo seed --patients "$rows" --cohort-file "$store/cohort.csv" >&2

run() {
  local start end
  start=$(date +%s.%N)
  admin invitations import --file "$store/cohort.csv" --rejects "$store/rejects.csv" | tail -n 1 >&2
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
first=$(run)
second=$(run)
printf 'rows: %d\n' "$rows"
printf 'first import (issues every row):   %6.1f s  %8.0f rows/s (including ~5 s of JVM start)\n' "$first" "$(echo "$rows / $first" | bc -l)"
printf 'second import (all already issued): %6.1f s  %8.0f rows/s\n' "$second" "$(echo "$rows / $second" | bc -l)"
printf 'ratio second/first time: %.2f\n' "$(echo "$second / $first" | bc -l)"
