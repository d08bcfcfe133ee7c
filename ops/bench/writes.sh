#!/usr/bin/env bash
# Write throughput of the embedded store, before and after group commit, in one run:
#   ops/bench/writes.sh
# Builds this checkout and BEFORE (the commit before group commit) from a temporary git worktree, then runs
# ops/bench/WriteThroughput.java (WRITERS concurrent writers through the raw driver, inserts and updates, against an
# embedded store opened in its process on a fresh directory) for: the build before (commit after each command, never
# forced), this build with `process`, this build with `fsync`. Prints writes/s and the ratios to the build before.
# Settings: WRITERS (32), WARMUP (8, seconds), DURATION (5, seconds), BEFORE, MAVEN_ARGS (e.g. -o for offline),
# CANCERPLAN_CONTRACT (../shared/contract).
set -euo pipefail
cd "$(dirname "$0")/../.."
BEFORE=${BEFORE:-4e4be2d0b99a39abb2d502f7f4dff59de8da2924}
WRITERS=${WRITERS:-32}; WARMUP=${WARMUP:-8}; DURATION=${DURATION:-5}
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
  java -cp "$1/cancerplan.jar:$1/lib/*" ops/bench/WriteThroughput.java "$2" "$WARMUP" "$DURATION" "$WRITERS" 2>&1 \
    | sed -n 's/^writes\/s //p'
}

echo "Building $BEFORE and this checkout..." >&2
git worktree add --detach "$work/before" "$BEFORE" >/dev/null 2>&1
build "$work/before" "$work/before-jar"
build . "$work/after-jar"

echo "Measuring, $WRITERS writers, ${WARMUP}s warm-up and ${DURATION}s each..." >&2
before=$(throughput "$work/before-jar" -)
process=$(throughput "$work/after-jar" process)
fsync=$(throughput "$work/after-jar" fsync)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-34s %10s %8s\n' "case" "writes/s" "ratio"
printf '%-34s %10s %8s\n' "before (commit per command)" "$before" "1.00"
printf '%-34s %10s %8s\n' "group commit, process" "$process" "$(ratio "$process" "$before")"
printf '%-34s %10s %8s\n' "group commit, fsync" "$fsync" "$(ratio "$fsync" "$before")"
echo "targets: process >= 3.00, fsync >= 1.00"
