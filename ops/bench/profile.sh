#!/usr/bin/env bash
# A Java Flight Recording of the service under the load of one reading operation, and the frames where its on-CPU
# samples fall.
#   KEEP=DIR ops/bench/profile.sh PATIENTS OPERATION [IDENTITY]
# The store is DIR/store-PATIENTS, seeded the first time as ops/bench/api.sh seeds it (PATIENTS patients, plans for one
# in five, an invitation each, 10 x PATIENTS audit events) and kept for the next recording. (The stores api.sh keeps
# are not for this: its changes leave alex's plan with thousands of versions in its history.)
# OPERATION: typename, OneLookup or a contract operation that reads (MyCare, PatientRecord, MyAccessLog, ...), sent
# as api.sh sends it; IDENTITY: the demo identity whose token it uses (alex; dr-khan for the staff reads).
# Settings: WARMUP (180s: on 2 cores C2 compiles for the first two minutes or more of load, and the recording starts after it),
# DURATION (30s recorded), CONNECTIONS (8), THREADS (2), PORT (18090). Prints the top frames (self time) and the
# top frames that belong to the service, the driver, the store, GraphQL and Spring (each with its callers' share);
# the recording is DIR/OPERATION.jfr for `jfr print` or JDK Mission Control.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { sed -n 2,10p "$0" >&2; exit 2; }
size=$1 operation=$2 who=${3:-alex}
WARMUP=${WARMUP:-180s}; DURATION=${DURATION:-30s}; CONNECTIONS=${CONNECTIONS:-8}; THREADS=${THREADS:-2}
PORT=${PORT:-18090}; CONTRACT=${CANCERPLAN_CONTRACT:-../shared/contract}
work=${KEEP:?KEEP=DIR: where the copy of the store and the recording go}
mkdir -p "$work"
store="$work/store-$size"
jar=app/target/extracted/cancerplan.jar
lib="app/target/extracted/lib/*"
[ -f "$jar" ] || ./ops/build
service=
trap '[ -n "$service" ] && kill "$service" 2>/dev/null; wait 2>/dev/null' EXIT
start() { java @ops/service.jvm ${record:-} -XX:SharedArchiveFile=app/target/extracted/service.jsa -Xlog:cds=off -jar "$jar" \
  --spring.profiles.active=local "--cancerplan.store.path=$store" "--server.port=$PORT" \
  --cancerplan.rate-limit.enabled=false > "$work/service.log" 2>&1 &
  service=$!
  until curl -sf "http://localhost:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 "$service" 2>/dev/null || { tail -n 30 "$work/service.log" >&2; exit 1; }
    sleep 0.2
  done; }
if [ ! -f "$store/cancerplan.mv.db" ]; then
  echo "seeding $store..." >&2
  admin() { java -jar "$jar" --spring.profiles.active=local,admin "--cancerplan.store.path=$store" -- "$@" >&2; }
  mkdir -p "$store"
  admin demo seed --patients "$size" --plans $((size / 5)) --cohort-file "$store/cohort.csv"
  admin invitations import --file "$store/cohort.csv" --rejects "$store/rejects.csv"
  start
  { read -r host; read -r port; read -r password; } < "$store/cancerplan.channel"
  java -cp "$lib" ops/bench/SeedAuditEvents.java \
    "mongodb://cancerplan:$password@$host:$port/?authSource=admin&authMechanism=SCRAM-SHA-256" cancerplan \
    "$store/cohort.csv" $((size * 10)) | tail -n 1 >&2
  kill "$service"; wait "$service" 2>/dev/null || true; service=
fi
# recording from the start: JFR's start invalidates compiled code, so a recording begun after the warm-up would
# see the compilers at work again; only the measured window is dumped
record="-XX:StartFlightRecording=name=profile,settings=profile,maxage=30m"
start
kind=staff
case "$who" in alex|priya|jo) kind=patient ;; esac
token=$(curl -sf -u "$who:demo-$who" -d grant_type=client_credentials "http://localhost:$PORT/$kind/oauth2/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
case "$operation" in
  typename) python3 ops/bench/bodies.py one '{ __typename }' '{}' ;;
  OneLookup) python3 ops/bench/bodies.py one 'query OneLookup { me { nhsNumber } }' '{}' ;;
  MyAccessLog) python3 ops/bench/bodies.py one "$CONTRACT/patient-app/MyAccessLog.graphql" '{"first": 20}' ;;
  PatientRecord) python3 ops/bench/bodies.py one "$CONTRACT/staff/PatientRecord.graphql" '{"nhsNumber": "9434765919"}' ;;
  *) python3 ops/bench/bodies.py one "$(find "$CONTRACT" -name "$operation.graphql" | head -n 1)" '{}' ;;
esac > "$work/$operation.json"
answer=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data-binary "@$work/$operation.json" "http://localhost:$PORT/graphql")
if echo "$answer" | grep -q '"errors":\[{'; then echo "$operation answered with errors: $answer" >&2; exit 1; fi
drive() { TOKEN=$token BODY="$work/$operation.json" THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" \
  --timeout 10s -s ops/bench/post.lua "http://localhost:$PORT/graphql"; }
echo "warming up for $WARMUP..." >&2
drive "$WARMUP" > /dev/null
begin=$(date -u +%H:%M:%S)
drive "$DURATION" | grep -E 'Requests/sec|failures'
jcmd "$service" JFR.dump name=profile "filename=$work/$operation.jfr" "begin=$begin" | grep -q Dumped \
  || { echo "the recording could not be dumped" >&2; exit 1; }
jfr print --events jdk.ExecutionSample --stack-depth 64 "$work/$operation.jfr" > "$work/$operation.samples"
python3 - "$work/$operation.samples" <<'EOF'
import collections, re, sys
stacks, frames = [], []
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        frames = []
        stacks.append(frames)
    else:
        m = re.match(r"([\w$.<>]+)\(", line)
        if m and "line:" in line:
            frames.append(m.group(1))
total = len(stacks) or 1
def top(counter, title, n):
    print(f"\n{title} ({total} samples)")
    for name, count in counter.most_common(n):
        print(f"{100 * count / total:5.1f} %  {name}")
self_time = collections.Counter(s[0] for s in stacks if s)
top(self_time, "self time", 25)
groups = {"the service (org.cancerplan)": "org.cancerplan.", "the store server (de.bwaldvogel)": "de.bwaldvogel.",
          "H2 MVStore": "org.h2.", "the driver and BSON": ("com.mongodb.", "org.bson."),
          "graphql-java": "graphql.", "Spring": "org.springframework.", "Micrometer": "io.micrometer.",
          "Jackson": ("com.fasterxml.", "tools.jackson."), "Netty / Tomcat": ("io.netty.", "org.apache.")}
print()
for title, prefix in groups.items():
    count = sum(1 for s in stacks if any(f.startswith(prefix) for f in s))
    print(f"{100 * count / total:5.1f} %  of samples have a frame of {title}")
inclusive = collections.Counter()
for s in stacks:
    for f in set(s):
        if f.startswith("org.cancerplan."):
            inclusive[f] += 1
top(inclusive, "the service's methods, with what they call", 30)
EOF
echo "recording: $work/$operation.jfr" >&2
