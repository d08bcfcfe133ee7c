#!/usr/bin/env bash
# Benchmark of the API and the admin shell on this machine, each figure next to a baseline measured in the same run.
#   ops/bench/api.sh [PATIENTS ...]        (default 10000; several sizes add a latency-by-size table)
# For each size N: a fresh embedded store seeded through the services (N synthetic patients, a plan with a lead for
# one in five, leads of 100 plans, one BOWEL invitation each through `invitations import`) and 10 x N audit events
# inserted with the raw driver through the service's store; then the service in local mode (rate limits off: one
# client drives all the load), real tokens from its authorization server, and wrk (Debian package `wrk`) against
# { __typename }, OneLookup and every built contract operation. ops/bench/README.md says how each mutation varies.
# Settings: DURATION (10s), WARMUP (15s per read), MUTATION_WARMUP (5s, for each change),
# CONNECTIONS (8), THREADS (2), PORT (18080), POOL (10000: bodies per operation that cannot repeat one), KEEP (a
# directory for the stores, bodies and logs, kept afterwards; a temporary one, removed, by default).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed to write the request bodies" >&2; exit 2; }
[ $# -gt 0 ] || set -- 10000
DURATION=${DURATION:-10s}; WARMUP=${WARMUP:-15s}; MUTATION_WARMUP=${MUTATION_WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-8}; THREADS=${THREADS:-2}; PORT=${PORT:-18080}; POOL=${POOL:-10000}
CONTRACT=${CANCERPLAN_CONTRACT:-../shared/contract}
work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
service=
cleanup() { [ -n "$service" ] && kill "$service" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
jar=app/target/extracted/cancerplan.jar
lib="app/target/extracted/lib/*"
bodies() { python3 ops/bench/bodies.py "$@"; }

# Operation name, demo identity whose token it uses, how it is driven:
#   steady - reads the same data at every request: warmed up for WARMUP with the other reads before any is measured,
#            and measured before any change is made, so that they read the store as seeded (a plan keeps its history
#            of changes, so minutes of changes to the plans they read would make them read much more)
#   repeat - a change that can repeat: after the reads, each warmed up for MUTATION_WARMUP just before its measurement
#   serial - changes one document again and again (alex's plan version by version, priya's one booking): on one
#            connection, so each request sees what the last left (concurrent ones would conflict); as repeat
#   grows  - adds documents (or uses up one per request): run last, each warmed up for MUTATION_WARMUP just before
OPERATIONS=(
  "typename alex steady" "OneLookup alex steady" "MyCare alex steady" "MyAccessLog alex steady"
  "PatientRecord dr-khan steady" "LeadCaseload admin-lee steady" "ScreeningUptake admin-lee steady"
  "MyFollowUp alex steady" "MyMessages alex steady" "LeadWorklist lead-ellis steady"
  "WaitingTimes dr-khan steady" "RespondToInvitation priya serial" "UpdatePlan dr-khan repeat"
  "RecordPathwayEvent dr-khan repeat" "AssignLead dr-khan repeat" "AcknowledgePlan alex serial"
  "RegisterPatients screening-feed grows" "IssueInvitations screening-feed grows" "CreatePlan dr-khan grows"
  "RecordResult screening-feed grows" "RegisterLead admin-lee grows")
NAMES=(); for op in "${OPERATIONS[@]}"; do NAMES+=("${op%% *}"); done

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
declare -A TOKENS
token() { # IDENTITY: its token from the local authorization server
  local kind=staff scope=()
  case "$1" in alex|priya|jo) kind=patient ;; screening-feed) kind=integration
    scope=(-d 'scope=patients:write invitations:write results:write reports:read') ;; esac
  curl -sf -u "$1:demo-$1" -d grant_type=client_credentials "${scope[@]}" "http://localhost:$PORT/$kind/oauth2/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'; }
graphql() { curl -sf -H "Authorization: Bearer ${TOKENS[$1]}" -H 'Content-Type: application/json' --data-binary "@$2" \
  "http://localhost:$PORT/graphql"; }
# IDENTITY FILE: posts each body of FILE, stopping at the first answer with errors
graphql_each() { local line answer; while IFS= read -r line; do
  answer=$(curl -sf -H "Authorization: Bearer ${TOKENS[$1]}" -H 'Content-Type: application/json' --data-binary "$line" \
    "http://localhost:$PORT/graphql") || { echo "request failed: ${line:0:300}" >&2; exit 1; }
  if echo "$answer" | grep -q '"errors":\[{'; then echo "answered with errors: $answer" >&2; exit 1; fi
  done < "$2"; }
json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
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

# starts the service on $store with the JVM options ops/run uses; sets service and started (launch to ready, s)
start_service() {
  local t; t=$(now)
  java @ops/service.jvm -XX:SharedArchiveFile=app/target/extracted/service.jsa -Xlog:cds=off -jar "$jar" \
    --spring.profiles.active=local "--cancerplan.store.path=$store" "--server.port=$PORT" \
    --cancerplan.rate-limit.enabled=false --logging.level.org.cancerplan.graphql.RequestGuard=debug > "$1" 2>&1 &
  service=$!
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 "$service" 2>/dev/null || { tail -n 30 "$1" >&2; exit 1; }
    sleep 0.2
  done
  started=$(seconds_since "$t")
}
# SOURCE ARGS...: runs a helper of ops/bench against the store; its last line, or its output and a stop on failure
helper() { local out="$work/helper.out" err="$work/helper.err"
  java -cp "$lib" "$@" > "$out" 2> "$err" || { echo "$1 failed:" >&2; tail -n 20 "$err" "$out" >&2; exit 1; }
  tail -n 1 "$out"; }
# the running service's embedded store, through its protected channel (host, port, password in cancerplan.channel)
store_uri() { local host port password
  { read -r host; read -r port; read -r password; } < "$store/cancerplan.channel"
  echo "mongodb://cancerplan:$password@$host:$port/?authSource=admin&authMechanism=SCRAM-SHA-256"; }
stop_service() { kill "$service"; wait "$service" 2>/dev/null || true; service=; }

# NAME: (re)writes $work/NAME.json before each run of an operation whose bodies depend on the plans' versions now
# (after a second, so the requests that the last run left in flight have been answered)
prepare() {
  case "$1" in UpdatePlan|RecordPathwayEvent|AssignLead|AcknowledgePlan) sleep 1 ;; esac
  case "$1" in
    UpdatePlan|RecordPathwayEvent)
      graphql admin-lee "$work/caseload-1.json" > "$work/plans-1.json"
      bodies "$(kebab "$1")" "$CONTRACT" "$POOL" "$work/plans-1.json" > "$work/$1.json" ;;
    AssignLead)
      graphql admin-lee "$work/caseload-2.json" > "$work/plans-2.json"
      graphql admin-lee "$work/caseload-spare.json" > "$work/plans-spare.json"
      bodies assign-lead "$CONTRACT" "$POOL" "$work/plans-2.json" "$work/plans-spare.json" > "$work/$1.json" ;;
    AcknowledgePlan)
      graphql alex "$work/MyCare.json" > "$work/mycare-now.json"
      bodies acknowledge-plan "$CONTRACT" "$POOL" "$work/mycare-now.json" > "$work/$1.json" ;;
  esac
}
kebab() { echo "$1" | sed -E 's/([a-z])([A-Z])/\1-\2/g' | tr '[:upper:]' '[:lower:]'; }

# NAME IDENTITY MODE DURATION [--latency]: one wrk run; the grown operations carry on where their last run stopped
drive() {
  local name=$1 who=$2 mode=$3 duration=$4 threads=$THREADS connections=$CONNECTIONS
  [ "$mode" = serial ] && { threads=1; connections=1; }
  local state=/dev/null offset=0
  [ "$mode" = grows ] && { state="$work/$name.offset"; offset=$(cat "$state"); }
  prepare "$name"
  TOKEN=${TOKENS[$who]} BODY="$work/$name.json" THREADS=$threads OFFSET=$offset STATE=$state wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s ${5:-} -s ops/bench/post.lua \
    "http://localhost:$PORT/graphql"
}

# NAME IDENTITY MODE: the single pre-check request (stops at errors), 5 s more, then DURATION measured
measure() {
  local name=$1 who=$2 mode=$3 response first line=1
  [ "$mode" = grows ] && line=$(( $(cat "$work/$name.offset") + 1 ))
  prepare "$name"
  first=$(sed -n "${line}p" "$work/$name.json")
  response=$(curl -sf -H "Authorization: Bearer ${TOKENS[$who]}" -H 'Content-Type: application/json' \
    --data-binary "$first" "http://localhost:$PORT/graphql") || { echo "$name: the request failed" >&2; exit 1; }
  if echo "$response" | grep -q '"errors":\[{'; then echo "$name answered with errors: $response" >&2; exit 1; fi
  [ "$mode" = grows ] && echo "$line" > "$work/$name.offset"
  local label=$name; [ "$name" = typename ] && label="(anonymous)"
  local commands; commands=$(grep -o "$label cost [0-9]* store commands" "$work/service-$size.log" | tail -n 1 | awk '{print $3}' || true)
  drive "$name" "$who" "$mode" 5s >/dev/null
  local out; out=$(drive "$name" "$who" "$mode" "$DURATION" --latency)
  local failures; failures=$(echo "$out" | awk '/^failures/ {print $2 "/" $4}')
  if [ "${failures%%/*}" != 0 ]; then echo "$name: $(echo "$out" | grep -A1 '^failures')" >&2; fi
  local rps p50 p99 connections=$CONNECTIONS
  [ "$mode" = serial ] && connections=1
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}' | to_ms)
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}' | to_ms)
  echo "$name $rps $p50 $p99 ${commands:-?} $connections $failures" >> "$results"
}

megabytes() {
  stat -c %s "$1" | awk '{printf "%.0f", $1 / 1e6}'
}

run_size() {
  local size=$1 t plans=$(( $1 / 5 ))
  store="$work/store-$size"
  echo "== $size patients: seeding (plans for $plans)..." >&2
  t=$(now)
  admin demo seed --patients "$size" --plans "$plans" --cohort-file "$store/cohort.csv" >&2
  local seeded; seeded=$(seconds_since "$t")
  t=$(now)
  admin invitations import --file "$store/cohort.csv" --rejects "$store/rejects.csv" 2>/dev/null | tail -n 1 \
    | tee "$work/import-$size" >&2
  local imported; imported=$(seconds_since "$t")
  [ -f "$work/startup" ] || measure_startup_baselines

  echo "== $size patients: $((size * 10)) audit events..." >&2
  start_service "$work/service-$size-seeding.log"
  local uri; uri=$(store_uri)
  helper ops/bench/RawInsertMany.java "$uri" cancerplan > "$work/raw-$size"
  t=$(now)
  helper ops/bench/SeedAuditEvents.java "$uri" cancerplan "$store/cohort.csv" "$((size * 10))" > "$work/audit-$size"
  local audited; audited=$(seconds_since "$t")
  stop_service
  local file_seeded; file_seeded=$(megabytes "$store/cancerplan.mv.db")
  start_service "$work/service-$size.log" # launch to ready on the whole store

  for who in alex priya dr-khan admin-lee lead-ellis screening-feed; do TOKENS[$who]=$(token "$who"); done
  local today; today=$(date -u +%F)
  local year_ago; year_ago=$(date -u -d '-365 days' +%F)
  bodies one '{ neighbourhoodLeads(neighbourhood: "Demo 1") { edges { node { id } } } }' '{}' > "$work/lead-1.json"
  bodies one '{ neighbourhoodLeads(neighbourhood: "Demo 2") { edges { node { id } } } }' '{}' > "$work/lead-2.json"
  local lead1 lead2 spare
  lead1=$(graphql admin-lee "$work/lead-1.json" | json_field 'd["data"]["neighbourhoodLeads"]["edges"][0]["node"]["id"]')
  lead2=$(graphql admin-lee "$work/lead-2.json" | json_field 'd["data"]["neighbourhoodLeads"]["edges"][0]["node"]["id"]')
  bodies register-lead "$CONTRACT" "Bench spare" 1 200 > "$work/spare.json"
  spare=$(graphql admin-lee "$work/spare.json" | json_field 'd["data"]["registerNeighbourhoodLead"]["lead"]["id"]')
  local caseload='query Caseload($leadId: ID!) { neighbourhoodLead(id: $leadId) { id caseload(first: 100) { edges { node { id version } } } } }'
  bodies one "$caseload" "{\"leadId\": \"$lead1\"}" > "$work/caseload-1.json"
  bodies one "$caseload" "{\"leadId\": \"$lead2\"}" > "$work/caseload-2.json"
  bodies one "$caseload" "{\"leadId\": \"$spare\"}" > "$work/caseload-spare.json"
  bodies one '{ me { screeningInvitations(first: 1) { edges { node { id } } } } }' '{}' > "$work/inv.json"
  local invitation; invitation=$(graphql priya "$work/inv.json" | json_field 'd["data"]["me"]["screeningInvitations"]["edges"][0]["node"]["id"]')
  local appointment; appointment=$(date -u -d '+20 days' +%Y-%m-%dT09:30:00Z)
  bodies one '{ __typename }' '{}' > "$work/typename.json"
  bodies one 'query OneLookup { me { nhsNumber } }' '{}' > "$work/OneLookup.json"
  bodies one "$CONTRACT/patient-app/MyCare.graphql" '{}' > "$work/MyCare.json"
  bodies one "$CONTRACT/patient-app/MyAccessLog.graphql" '{"first": 20}' > "$work/MyAccessLog.json"
  bodies one "$CONTRACT/staff/PatientRecord.graphql" '{"nhsNumber": "9434765919"}' > "$work/PatientRecord.json"
  bodies one "$CONTRACT/staff/LeadCaseload.graphql" "{\"leadId\": \"$lead1\", \"first\": 100}" > "$work/LeadCaseload.json"
  bodies one "$CONTRACT/patient-app/MyFollowUp.graphql" '{}' > "$work/MyFollowUp.json"
  bodies one "$CONTRACT/patient-app/MyMessages.graphql" '{"first": 20}' > "$work/MyMessages.json"
  bodies one '{ me { cancerPlan { neighbourhoodLead { lead { id } } } } }' '{}' > "$work/alexs-lead.json"
  local ellis; ellis=$(graphql alex "$work/alexs-lead.json" | json_field 'd["data"]["me"]["cancerPlan"]["neighbourhoodLead"]["lead"]["id"]')
  bodies one "$CONTRACT/staff/LeadWorklist.graphql" "{\"leadId\": \"$ellis\", \"first\": 100}" > "$work/LeadWorklist.json"
  bodies one "$CONTRACT/staff/ScreeningUptake.graphql" "{\"programme\": \"BOWEL\", \"from\": \"$year_ago\", \"to\": \"$today\"}" > "$work/ScreeningUptake.json"
  bodies one "$CONTRACT/staff/WaitingTimes.graphql" "{\"organisation\": \"R1H\", \"from\": \"$year_ago\", \"to\": \"$today\"}" > "$work/WaitingTimes.json"
  bodies one "$CONTRACT/patient-app/RespondToInvitation.graphql" "{\"input\": {\"invitationId\": \"$invitation\", \"response\": \"RESCHEDULE\", \"appointmentAt\": \"$appointment\"}}" > "$work/RespondToInvitation.json"
  # NHS numbers 999500000.. for RegisterPatients, 999700000.. for the patients CreatePlan may need beyond the seeded
  bodies register-patients "$CONTRACT" 500000 "$POOL" > "$work/RegisterPatients.json"
  bodies issue-invitations "$CONTRACT" "$store/cohort.csv" BENCH-ISSUE "$POOL" > "$work/IssueInvitations.json"
  local extra_patients=$(( POOL > size - plans ? POOL - (size - plans) : 0 )) extra_invitations=$(( POOL > size ? POOL - size : 0 ))
  bodies create-plan "$CONTRACT" "$store/cohort.csv" "$plans" 700000 "$extra_patients" > "$work/CreatePlan.json"
  bodies record-result "$CONTRACT" "$store/cohort.csv" BENCH-POOL "$extra_invitations" > "$work/RecordResult.json"
  bodies register-lead "$CONTRACT" "Bench lead" "$POOL" > "$work/RegisterLead.json"
  for name in RegisterPatients IssueInvitations CreatePlan RecordResult RegisterLead; do echo 0 > "$work/$name.offset"; done

  results="$work/results-$size"
  : > "$results"
  # warm-up: on 2 cores the JIT compiler takes one core for the first minute or two of load, so every steady
  # operation runs for WARMUP before any is measured, then once more for 5 s just before its own measurement
  echo "== $size patients: warming up, then measuring" >&2
  local op name who mode
  for op in "${OPERATIONS[@]}"; do
    read -r name who mode <<< "$op"
    [ "$mode" = steady ] && drive "$name" "$who" "$mode" "$WARMUP" >/dev/null
  done
  for op in "${OPERATIONS[@]}"; do
    read -r name who mode <<< "$op"
    [ "$mode" = steady ] && measure "$name" "$who" "$mode"
  done
  for op in "${OPERATIONS[@]}"; do
    read -r name who mode <<< "$op"
    case "$mode" in repeat|serial) drive "$name" "$who" "$mode" "$MUTATION_WARMUP" >/dev/null
      measure "$name" "$who" "$mode" ;; esac
  done
  # the operations that add documents come last, so that the ones above see the seeded sizes; CreatePlan and
  # RecordResult need a patient without a plan and an invitation without a result per request: at small sizes
  # the pool is topped up here through the API (RegisterPatients and IssueInvitations, 500 a request)
  bodies register-patients "$CONTRACT" 700000 "$extra_patients" 500 > "$work/extra-patients.json"
  graphql_each screening-feed "$work/extra-patients.json"
  bodies issue-invitations "$CONTRACT" "$store/cohort.csv" BENCH-POOL "$extra_invitations" 500 > "$work/extra-invitations.json"
  graphql_each screening-feed "$work/extra-invitations.json"
  for op in "${OPERATIONS[@]}"; do
    read -r name who mode <<< "$op"
    [ "$mode" = grows ] || continue
    drive "$name" "$who" "$mode" "$MUTATION_WARMUP" >/dev/null
    measure "$name" "$who" "$mode"
  done
  local rss; rss=$(ps -o rss= -p "$service" | awk '{printf "%.0f", $1 / 1024}')
  jcmd "$service" GC.run >/dev/null 2>&1 || true
  # G1 prints one line for its heap, the serial collector (ops/service.jvm) one for each generation
  local live; live=$(jcmd "$service" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|tenured generation/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); kb += v}} END {if (kb) printf "%.0f", kb / 1024}')
  stop_service
  local file_after; file_after=$(megabytes "$store/cancerplan.mv.db")

  local base; base=$(awk '$1 == "typename" {print $2}' "$results")
  echo
  echo "## $size patients ($plans plans, $(( plans / 100 > 0 ? plans / 100 : 1 )) leads of 100, $size invitations, $((size * 10)) audit events)"
  echo
  echo "| operation | requests/s | ratio to { __typename } | p50 ms | p99 ms | store commands | connections | failed requests |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  local rps p50 p99 commands connections failures
  while read -r name rps p50 p99 commands connections failures; do
    [ "$name" = typename ] && name='{ __typename }'
    printf '| %s | %.0f | %.2f | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$(echo "$rps / $base" | bc -l)" "$p50" "$p99" \
      "$commands" "$connections" "$failures"
  done < "$results"
  local import_rate raw_rate audit_count audit_rate
  import_rate=$(grep -o '[0-9,]* rows/s' "$work/import-$size" | tr -d ', rows/')
  raw_rate=$(awk '{print $2}' "$work/raw-$size")
  read -r audit_count audit_rate < "$work/audit-$size"
  echo
  printf 'seeding: demo seed (patients, plans) %.1f s + invitations import %.1f s = %.1f s; audit events (raw insertMany of %s): %.1f s, %s rows/s\n' \
    "$seeded" "$imported" "$(echo "$seeded + $imported" | bc)" "$audit_count" "$audited" "$audit_rate"
  printf 'invitation import: %s rows/s inside the command; raw insertMany of the same documents: %s rows/s; ratio %.2f\n' \
    "$import_rate" "$raw_rate" "$(echo "$import_rate / $raw_rate" | bc -l)"
  printf 'store file: %s MB after seeding, %s MB after the run\n' "$file_seeded" "$file_after"
  printf 'service start to ready: %.1f s; resident memory after the load: %s MB (heap in use after a full GC: %s MB)\n' "$started" "$rss" "${live:-?}"
  read -r java_version bare_boot admin_command < "$work/startup"
  printf 'one-shot admin command (store stats): %.2f s; java -version: %.2f s; bare Spring Boot start: %.2f s (medians of 3)\n' \
    "$admin_command" "$java_version" "$bare_boot"
}

echo "# API benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -n 1), JVM options of ops/service.jvm, wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
for size in "$@"; do run_size "$size"; done
if [ $# -gt 1 ]; then
  echo
  echo "## p50 latency by store size (ms), and the ratio of each size to the first"
  echo
  header="| operation |"; rule="| --- |"
  for size in "$@"; do header+=" $size |"; rule+=" ---: |"; done
  echo "$header"; echo "$rule"
  for name in "${NAMES[@]}"; do
    row="| $name |"; first=
    for size in "$@"; do
      p50=$(awk -v n="$name" '$1 == n {print $3}' "$work/results-$size")
      if [ -z "$first" ]; then first=$p50; row+=" $p50 |"; else row+=" $p50 ($(printf '%.2f' "$(echo "$p50 / $first" | bc -l)")x) |"; fi
    done
    echo "$row"
  done
fi
