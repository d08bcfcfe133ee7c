#!/usr/bin/env bash
# Benchmark of the API and the admin shell on this machine, each figure next to a baseline measured in the same run.
#   ops/bench/api.sh [PATIENTS ...]        (default 10000; several sizes add a latency-by-size table)
# For each size: a fresh embedded store seeded through the services (PATIENTS synthetic patients, a plan with a lead
# for one in ten, leads of 100 plans, one BOWEL invitation each through `invitations import`), then the service in
# local mode (rate limits off: one client drives all the load), real tokens from its authorization server, and wrk
# (Debian package `wrk`) against { __typename } and the contract operations. Settings: DURATION (10s),
# WARMUP (15s per operation), CONNECTIONS (8), THREADS (2), PORT (18080).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed to write the request bodies" >&2; exit 2; }
[ $# -gt 0 ] || set -- 10000
DURATION=${DURATION:-10s}; WARMUP=${WARMUP:-15s}; CONNECTIONS=${CONNECTIONS:-8}; THREADS=${THREADS:-2}; PORT=${PORT:-18080}
CONTRACT=${CANCERPLAN_CONTRACT:-../shared/contract}
work=$(mktemp -d)
service=
cleanup() { [ -n "$service" ] && kill "$service" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
jar=app/target/extracted/cancerplan.jar
lib="app/target/extracted/lib/*"

echo "Building..." >&2
./ops/build
javac -d "$work/classes" -cp "$lib" ops/bench/BareBoot.java

now() { date +%s.%N; }
seconds_since() { echo "$(now) - $1" | bc; }
# as ./ops/admin: the quick compiler only for short commands, the full JIT for imports and seeding
admin() { local jit=(-XX:TieredStopAtLevel=1); case "$1 ${2:-}" in "invitations import"|"demo seed") jit=() ;; esac
  java "${jit[@]}" -XX:SharedArchiveFile=app/target/extracted/admin.jsa -Xlog:cds=off -jar "$jar" --spring.profiles.active=local,admin "--cancerplan.store.path=$store" -- "$@"; }
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
timed() { local t; t=$(now); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; seconds_since "$t"; }
token() { curl -sf -u "$1:demo-$1" -d grant_type=client_credentials "http://localhost:$PORT/$2/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'; }
graphql() { curl -sf -H "Authorization: Bearer $1" -H 'Content-Type: application/json' --data-binary "@$2" \
  "http://localhost:$PORT/graphql"; }
body() { python3 - "$@" <<'PY'
import json, sys
query_file, variables = sys.argv[1], json.loads(sys.argv[2])
query = open(query_file).read() if query_file.endswith(".graphql") else query_file
print(json.dumps({"query": query, "variables": variables}))
PY
}
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 } printf "%.2f", v }'; }

# one-shot admin command vs. java -version and a bare Spring Boot start (store of the first size, service stopped)
measure_startup_baselines() {
  local a=() b=() c=()
  for _ in 1 2 3; do
    a+=("$(timed java -version)")
    b+=("$(timed java -cp "$work/classes:$lib" BareBoot)")
    c+=("$(timed admin store stats)")
  done
  printf '%s %s %s\n' "$(median3 "${a[@]}")" "$(median3 "${b[@]}")" "$(median3 "${c[@]}")" > "$work/startup"
}

run_size() {
  local size=$1 t
  store="$work/store-$size"
  echo "== $size patients: seeding (plans for $((size / 10)))..." >&2
  t=$(now)
  admin demo seed --patients "$size" --plans "$((size / 10))" --cohort-file "$store/cohort.csv" >&2
  echo "seeded in $(seconds_since "$t") s" >&2
  admin invitations import --file "$store/cohort.csv" --rejects "$store/rejects.csv" 2>/dev/null | tail -n 1 \
    | tee "$work/import-$size" >&2
  [ -f "$work/startup" ] || measure_startup_baselines

  t=$(now)
  java -XX:SharedArchiveFile=app/target/extracted/service.jsa -Xlog:cds=off -jar "$jar" --spring.profiles.active=local "--cancerplan.store.path=$store" "--server.port=$PORT" \
    --cancerplan.rate-limit.enabled=false --logging.level.org.cancerplan.graphql.RequestGuard=debug \
    > "$work/service-$size.log" 2>&1 &
  service=$!
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 "$service" 2>/dev/null || { tail -n 30 "$work/service-$size.log" >&2; exit 1; }
    sleep 0.2
  done
  local started; started=$(seconds_since "$t")
  local uri; uri=$(grep -o 'served on mongodb://[0-9.:]*/' "$work/service-$size.log" | head -n 1 | sed 's/served on //')
  java -cp "$lib" ops/bench/RawInsertMany.java "$uri" cancerplan 2>/dev/null | tail -n 1 > "$work/raw-$size"

  local alex priya khan lee
  alex=$(token alex patient); priya=$(token priya patient); khan=$(token dr-khan staff); lee=$(token admin-lee staff)
  body '{ __typename }' '{}' > "$work/typename.json"
  body 'query OneLookup { me { nhsNumber } }' '{}' > "$work/OneLookup.json"
  body '{ neighbourhoodLeads(neighbourhood: "Demo 1") { edges { node { id } } } }' '{}' > "$work/lead.json"
  local lead; lead=$(graphql "$lee" "$work/lead.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["neighbourhoodLeads"]["edges"][0]["node"]["id"])')
  body '{ me { screeningInvitations(first: 1) { edges { node { id } } } } }' '{}' > "$work/inv.json"
  local invitation; invitation=$(graphql "$priya" "$work/inv.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["me"]["screeningInvitations"]["edges"][0]["node"]["id"])')
  local appointment; appointment=$(date -u -d '+20 days' +%Y-%m-%dT09:30:00Z)
  body "$CONTRACT/patient-app/MyCare.graphql" '{}' > "$work/MyCare.json"
  body "$CONTRACT/staff/PatientRecord.graphql" '{"nhsNumber": "9434765919"}' > "$work/PatientRecord.json"
  body "$CONTRACT/staff/LeadCaseload.graphql" "{\"leadId\": \"$lead\", \"first\": 100}" > "$work/LeadCaseload.json"
  body "$CONTRACT/patient-app/RespondToInvitation.graphql" "{\"input\": {\"invitationId\": \"$invitation\", \"response\": \"RESCHEDULE\", \"appointmentAt\": \"$appointment\"}}" > "$work/RespondToInvitation.json"

  local results="$work/results-$size"
  : > "$results"
  # warm-up: on 2 cores the JIT compiler takes one core for the first minute or two of load, so every operation
  # runs for WARMUP before anything is measured, then once more for 5 s just before its own measurement
  for op in typename:alex OneLookup:alex MyCare:alex PatientRecord:khan LeadCaseload:lee RespondToInvitation:priya; do
    local warm_tok=${op##*:}
    TOKEN=${!warm_tok} BODY="$work/${op%%:*}.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s ops/bench/post.lua "http://localhost:$PORT/graphql" >/dev/null
  done
  for op in typename:alex OneLookup:alex MyCare:alex PatientRecord:khan LeadCaseload:lee RespondToInvitation:priya; do
    local name=${op%%:*} who=${op##*:} response
    local tok=${!who}
    response=$(graphql "$tok" "$work/$name.json")
    if echo "$response" | grep -q '"errors":\[{'; then echo "$name answered with errors: $response" >&2; exit 1; fi
    local label=$name; [ "$name" = typename ] && label="(anonymous)"
    local commands; commands=$(grep -o "$label cost [0-9]* store commands" "$work/service-$size.log" | tail -n 1 | awk '{print $3}' || true)
    TOKEN=$tok BODY="$work/$name.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s ops/bench/post.lua "http://localhost:$PORT/graphql" >/dev/null
    local out; out=$(TOKEN=$tok BODY="$work/$name.json" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s ops/bench/post.lua "http://localhost:$PORT/graphql")
    if echo "$out" | grep -q 'Non-2xx'; then echo "$name: $(echo "$out" | grep 'Non-2xx')" >&2; fi
    local rps p50 p99
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}' | to_ms)
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}' | to_ms)
    echo "$name $rps $p50 $p99 ${commands:-?}" >> "$results"
  done
  local rss; rss=$(ps -o rss= -p "$service" | awk '{printf "%.0f", $1 / 1024}')
  jcmd "$service" GC.run >/dev/null 2>&1 || true
  local live; live=$(jcmd "$service" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); printf "%.0f", v / 1024}}')
  kill "$service"; wait "$service" 2>/dev/null || true; service=

  local base; base=$(awk '$1 == "typename" {print $2}' "$results")
  echo
  echo "## $size patients ($((size / 10)) plans, $((size / 1000 > 0 ? size / 1000 : 1)) leads of 100, $size invitations)"
  echo
  echo "| operation | requests/s | ratio to { __typename } | p50 ms | p99 ms | store commands |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  while read -r name rps p50 p99 commands; do
    [ "$name" = typename ] && name='{ __typename }'
    printf '| %s | %.0f | %.2f | %s | %s | %s |\n' "$name" "$rps" "$(echo "$rps / $base" | bc -l)" "$p50" "$p99" "$commands"
  done < "$results"
  local import_rate raw_rate
  import_rate=$(grep -o '[0-9,]* rows/s' "$work/import-$size" | tr -d ', rows/')
  raw_rate=$(awk '{print $2}' "$work/raw-$size")
  echo
  printf 'invitation import: %s rows/s inside the command; raw insertMany of the same documents: %s rows/s; ratio %.2f\n' \
    "$import_rate" "$raw_rate" "$(echo "$import_rate / $raw_rate" | bc -l)"
  printf 'service start to ready: %.1f s; resident memory after the load: %s MB (heap in use after a full GC: %s MB)\n' "$started" "$rss" "${live:-?}"
  read -r java_version bare_boot admin_command < "$work/startup"
  printf 'one-shot admin command (store stats): %.2f s; java -version: %.2f s; bare Spring Boot start: %.2f s (medians of 3)\n' \
    "$admin_command" "$java_version" "$bare_boot"
}

echo "# API benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -n 1), wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
for size in "$@"; do run_size "$size"; done
if [ $# -gt 1 ]; then
  echo
  echo "## p50 latency by store size (ms), and the ratio of each size to the first"
  echo
  header="| operation |"; rule="| --- |"
  for size in "$@"; do header+=" $size |"; rule+=" ---: |"; done
  echo "$header"; echo "$rule"
  for name in typename OneLookup MyCare PatientRecord LeadCaseload RespondToInvitation; do
    row="| $name |"; first=
    for size in "$@"; do
      p50=$(awk -v n="$name" '$1 == n {print $3}' "$work/results-$size")
      if [ -z "$first" ]; then first=$p50; row+=" $p50 |"; else row+=" $p50 ($(printf '%.2f' "$(echo "$p50 / $first" | bc -l)")x) |"; fi
    done
    echo "$row"
  done
fi
