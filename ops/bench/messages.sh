#!/usr/bin/env bash
# Issue 20's figures: the relay's messages per second to a stand-in gateway at N queued messages (against a plain
# HTTP client on the same stand-in), and the reminder job's time over N invitations with their messages (against one
# multi-update of them). See MessageBench.java.
#   ops/bench/messages.sh [N (100000)] [CONCURRENCY (8)]
# Settings: MAVEN_ARGS (e.g. -o for offline), HEAP (2g).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "Building..." >&2
./mvnw -q -B ${MAVEN_ARGS:-} -DskipTests package >/dev/null
java -Djarmode=tools -jar app/target/cancerplan.jar extract --destination "$work/jar" >/dev/null
exec java "-Xmx${HEAP:-2g}" -cp "$work/jar/cancerplan.jar:$work/jar/lib/*" ops/bench/MessageBench.java "${1:-100000}" "${2:-8}"
