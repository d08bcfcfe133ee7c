#!/usr/bin/env bash
# Write throughput of the embedded store, before and after group commit, in one run:
#   ops/bench/writes.sh
# Builds this checkout and BEFORE (the commit before group commit) from a temporary git worktree, then runs
# ops/bench/WriteThroughput.java (WRITERS concurrent writers through the raw driver, inserts and updates, against an
# embedded store opened in its process on a fresh directory) for: the build before (commit after each command, never
# forced), this build with `process`, this build with `fsync`, in turn for ROUNDS rounds (the machine's speed drifts
# between runs). Prints each case's median writes/s and its ratio to the build before.
# Settings: WRITERS (32), WARMUP (8, seconds), DURATION (5, seconds), ROUNDS (3), BEFORE, MAVEN_ARGS (e.g. -o for
# offline), CANCERPLAN_CONTRACT (../shared/contract).
set -euo pipefail
cd "$(dirname "$0")/../.."
BEFORE=${BEFORE:-4e4be2d0b99a39abb2d502f7f4dff59de8da2924}
WRITERS=${WRITERS:-32}; WARMUP=${WARMUP:-8}; DURATION=${DURATION:-5}; ROUNDS=${ROUNDS:-3}
# the build reads the GraphQL contract beside the checkout; the temporary worktree has none beside it
CONTRACT=$(cd "${CANCERPLAN_CONTRACT:-../shared/contract}" && pwd)
work=$(mktemp -d)
cleanup() { git worktree remove --force "$work/before" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

build() { # source directory, where to extract the jar
  (cd "$1" && ./mvnw -q -B ${MAVEN_ARGS:-} -DskipTests "-Dcancerplan.contract.dir=$CONTRACT" package >/dev/null)
  java -Djarmode=tools -jar "$1/app/target/cancerplan.jar" extract --destination "$2" >/dev/null
}
throughput() { # extracted jar, durability ("-": the build has no such setting)
  local out="$work/throughput.log" figure
  java -cp "$1/cancerplan.jar:$1/lib/*" ops/bench/WriteThroughput.java "$2" "$WARMUP" "$DURATION" "$WRITERS" \
    >"$out" 2>&1 || true
  figure=$(sed -n 's/^writes\/s //p' "$out")
  if [ -z "$figure" ]; then
    echo "WriteThroughput ($1, $2) printed no figure:" >&2; tail -20 "$out" >&2; exit 1
  fi
  echo "$figure"
}

echo "Building $BEFORE and this checkout..." >&2
git worktree add --detach "$work/before" "$BEFORE" >/dev/null 2>&1
build "$work/before" "$work/before-jar"
build . "$work/after-jar"

echo "Measuring, $WRITERS writers, ${WARMUP}s warm-up and ${DURATION}s each, $ROUNDS rounds of the three cases..." >&2
befores=(); processes=(); fsyncs=()
for round in $(seq "$ROUNDS"); do
  befores+=("$(throughput "$work/before-jar" -)")
  processes+=("$(throughput "$work/after-jar" process)")
  fsyncs+=("$(throughput "$work/after-jar" fsync)")
  echo "round $round: before ${befores[-1]}, process ${processes[-1]}, fsync ${fsyncs[-1]} writes/s" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
before=$(median "${befores[@]}"); process=$(median "${processes[@]}"); fsync=$(median "${fsyncs[@]}")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-34s %10s %8s   %s\n' "case (median of $ROUNDS)" "writes/s" "ratio" "rounds"
printf '%-34s %10s %8s   %s\n' "before (commit per command)" "$before" "1.00" "${befores[*]}"
printf '%-34s %10s %8s   %s\n' "group commit, process" "$process" "$(ratio "$process" "$before")" "${processes[*]}"
printf '%-34s %10s %8s   %s\n' "group commit, fsync" "$fsync" "$(ratio "$fsync" "$before")" "${fsyncs[*]}"
echo "targets: process >= 3.00, fsync >= 1.00"
