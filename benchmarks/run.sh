#!/usr/bin/env bash
# Compares the same workloads with and without handshake-doctor (and, as anchors, with
# -Djavax.net.debug=ssl:handshake and with the OpenTelemetry Java agent), interleaved, and prints
# the ratios. See docs/performance.md.
#
#   benchmarks/run.sh                      # full run: 3 rounds, all variants (~20 min on 2 cores)
#   benchmarks/run.sh --smoke              # seconds: plain and agent (and the floors' start-up), one short pass of everything
#   benchmarks/run.sh --rounds 5 --variants "plain agent" --bench 'EngineHandshake|DataPath'
#   benchmarks/run.sh --no-build --parts startup --variants "plain agent empty hook preload"   # first use vs its floors
#
# Options: --smoke, --rounds N, --variants "plain agent debug otel" (also agent_noinv: inventory=false;
#          agent_base: the jar in BASELINE_AGENT_JAR, e.g. built from an earlier commit; the start-up
#          floors empty, hook and preload: see FloorAgent, start-up part only), --bench REGEX (JMH),
#          --parts "jmh cpu startup heap", --startup-runs N, --heap-n N, --cpu-ops N, --out DIR,
#          --no-build.
# Environment: JAVA (default: java on PATH), JMH_OPTS (default: -wi 3 -w 1s -i 4 -r 1s),
#              OTEL_AGENT_JAR (default: the 2.31.0 jar in the local Maven repository, fetched once).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA:-java}
SMOKE=0
ROUNDS=3
VARIANTS="plain agent debug otel"
BENCH='io.handshakedoctor.bench.*Benchmark'
PARTS="jmh cpu startup heap"
CPU_OPS=1000
STARTUP_RUNS=20
HEAP_N=10000
HEAP_INFLIGHT=1000
ALLOC_ARGS=""
OUT=""
BUILD=1
JMH_OPTS=${JMH_OPTS:--wi 3 -w 1s -i 4 -r 1s}

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --rounds) ROUNDS=$2; shift ;;
    --variants) VARIANTS=$2; shift ;;
    --bench) BENCH=$2; shift ;;
    --parts) PARTS=$2; shift ;;
    --startup-runs) STARTUP_RUNS=$2; shift ;;
    --heap-n) HEAP_N=$2; shift ;;
    --cpu-ops) CPU_OPS=$2; shift ;;
    --out) OUT=$2; shift ;;
    --no-build) BUILD=0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$SMOKE" = 1 ]; then
  ROUNDS=1; VARIANTS="plain agent empty hook preload"; STARTUP_RUNS=1; HEAP_N=10; HEAP_INFLIGHT=10; CPU_OPS=10; ALLOC_ARGS="20 20"
fi
OUT=${OUT:-$ROOT/benchmarks/target/results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

AGENT_JAR=$ROOT/agent/target/handshake-doctor.jar
CP="$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*"
floor_jar() { compgen -G "$ROOT/benchmarks/target/handshake-doctor-benchmarks-*-floor.jar" | head -1; }
if [ "$BUILD" = 1 ] || [ ! -f "$AGENT_JAR" ] || [ ! -d "$ROOT/benchmarks/target/lib" ] || [ -z "$(floor_jar)" ]; then
  (cd "$ROOT" && mvn -q -B package -DskipTests -pl benchmarks,agent -am)
fi
FLOOR_JAR=$(floor_jar)
# The start-up floors: a -javaagent that weaves nothing (FloorAgent). They measure start-up only.
is_floor() { [[ " empty hook preload " == *" $1 "* ]]; }
if [[ " $VARIANTS " == *" preload "* ]]; then
  # The classes the agent under test hooks, from its own hook table (FloorAgent's preload option).
  HOOKED=$("$JAVA" -cp "$ROOT/agent/target/classes:$ROOT/benchmarks/target/classes" \
    io.handshakedoctor.bench.floor.HookedClassNames) || { echo "cannot read the agent's hook table" >&2; exit 1; }
fi

if [[ " $VARIANTS " == *" otel "* ]]; then
  OTEL_AGENT_JAR=${OTEL_AGENT_JAR:-$HOME/.m2/repository/io/opentelemetry/javaagent/opentelemetry-javaagent/2.31.0/opentelemetry-javaagent-2.31.0.jar}
  if [ ! -f "$OTEL_AGENT_JAR" ]; then
    mvn -q -B dependency:get -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:2.31.0 -Dtransitive=false
  fi
fi

# The JVM options of each variant. Every variant gets the same heap and -Dbench.quiet (standard
# error discarded inside the JVM, so the debug log is produced but not shipped anywhere).
BASE_ARGS="-Xms512m -Xmx512m -Dbench.quiet=true"
variant_args() {
  case "$1" in
    plain) echo "" ;;
    # dedup.interval=0: every failure is diagnosed *and* written, the worst case for the agent.
    # The peer inventory, its early warnings and JA3/JA4 fingerprints are on by default (issue 14).
    agent) echo "-javaagent:$AGENT_JAR=log=off,dedup.interval=0,events.file=$OUT/events-agent.jsonl" ;;
    # The same with the inventory (early warnings, per-peer table, fingerprints) off: its share.
    agent_noinv) echo "-javaagent:$AGENT_JAR=log=off,dedup.interval=0,inventory=false,events.file=$OUT/events-agent.jsonl" ;;
    # The agent as built from another commit (BASELINE_AGENT_JAR): before/after a change, one run.
    agent_base) echo "-javaagent:${BASELINE_AGENT_JAR:?agent_base needs BASELINE_AGENT_JAR}=log=off,dedup.interval=0,events.file=$OUT/events-agent.jsonl" ;;
    # The floors (FloorAgent, the agent's manifest capabilities): a -javaagent whose premain returns;
    # + a no-op class file transformer that stays registered; + the agent's hooked JDK classes
    # loaded through a no-op transformer that is then removed (zero weaving).
    empty) echo "-javaagent:$FLOOR_JAR=empty" ;;
    hook) echo "-javaagent:$FLOOR_JAR=hook" ;;
    preload) echo "-javaagent:$FLOOR_JAR=preload:$HOOKED" ;;
    debug) echo "-Djavax.net.debug=ssl:handshake" ;;
    # Exporters off: the agent instruments and records, but sends nothing over the network.
    otel) echo "-javaagent:$OTEL_AGENT_JAR -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}

# Variant order rotates each round, so no variant always runs first (or last) on a warming machine.
read -r -a VLIST <<< "$VARIANTS"
order() {
  local r=$1 n=${#VLIST[@]} i
  for ((i = 0; i < n; i++)); do echo "${VLIST[$(( (i + r) % n ))]}"; done
}

{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
  echo "kernel: $(uname -r)"
  echo "java: $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "mode: $([ "$SMOKE" = 1 ] && echo smoke || echo full), parts=$PARTS, rounds=$ROUNDS, startup-runs=$STARTUP_RUNS, variants=$VARIANTS, JMH_OPTS=$JMH_OPTS"
} > "$OUT/machine.txt"
load() { echo "$1: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"; }

for ((round = 1; round <= ROUNDS; round++)); do
  for v in $(order "$round"); do
    is_floor "$v" && continue
    args="$(variant_args "$v")"
    rm -f "$OUT/events-agent.jsonl"
    if [[ " $PARTS " == *" jmh "* ]]; then
      load "round $round jmh $v"
      echo "round $round/$ROUNDS: JMH, $v" >&2
      if [ "$SMOKE" = 1 ]; then
        # In-process (-f 0), the JMH JVM itself started as the variant: one JVM per variant.
        # shellcheck disable=SC2086
        "$JAVA" $BASE_ARGS $args -cp "$CP" org.openjdk.jmh.Main "$BENCH" -foe true -f 0 \
          -wi 0 -i 1 -r 100ms -prof gc -rf csv -rff "$OUT/jmh-$round-$v.csv" \
          > "$OUT/jmh-$round-$v.log" 2>&1 || { tail -40 "$OUT/jmh-$round-$v.log" >&2; exit 1; }
      else
        # shellcheck disable=SC2086
        "$JAVA" -cp "$CP" org.openjdk.jmh.Main "$BENCH" -foe true -f 1 $JMH_OPTS -prof gc \
          -jvmArgsAppend "$BASE_ARGS $args" -rf csv -rff "$OUT/jmh-$round-$v.csv" \
          > "$OUT/jmh-$round-$v.log" 2>&1 || { tail -40 "$OUT/jmh-$round-$v.log" >&2; exit 1; }
      fi
    fi
  done
done

if [[ " $PARTS " == *" cpu "* ]]; then
  for ((round = 1; round <= ROUNDS; round++)); do
    for v in $(order "$round"); do
      is_floor "$v" && continue
      load "round $round cpu $v"
      echo "round $round/$ROUNDS: CPU probe, $v" >&2
      rm -f "$OUT/events-agent.jsonl"
      # shellcheck disable=SC2086
      "$JAVA" $BASE_ARGS $(variant_args "$v") -cp "$CP" io.handshakedoctor.bench.CpuProbe \
        "$CPU_OPS" "$CPU_OPS" > "$OUT/cpu-$round-$v.txt" || { echo "CpuProbe failed under $v" >&2; exit 1; }
    done
  done
fi

if [[ " $PARTS " == *" startup "* ]]; then
  load "startup"
  echo "start-up: $STARTUP_RUNS rounds" >&2
  # The handshake program's server key and client trust (a self-signed P-256 certificate).
  KEYSTORE=$OUT/startup-keystore.p12
  rm -f "$KEYSTORE"
  keytool -genkeypair -keystore "$KEYSTORE" -storetype PKCS12 -storepass changeit -keypass changeit \
    -alias server -keyalg EC -groupname secp256r1 -dname CN=localhost -validity 3650 > /dev/null 2>&1
  # StartupProbe's programs; handshake's key store is generated above.
  STARTUP_PROGRAMS="context parameters handshake client-hello"
  mode_args() { if [ "$1" = handshake ]; then echo "handshake $KEYSTORE"; else echo "$1"; fi; }
  # Per run, when GNU time is there: peak RSS (startup-rss-<mode>-<variant>.txt, KiB) and user +
  # system CPU (startup-cpu-<mode>-<variant>.txt, ms; GNU time counts in 10 ms steps).
  TIME_BIN=/usr/bin/time
  for ((round = 1; round <= STARTUP_RUNS; round++)); do
    for mode in $STARTUP_PROGRAMS; do
      for v in $(order "$round"); do
        args="$(variant_args "$v")"
        timed=()
        [ -x "$TIME_BIN" ] && timed=("$TIME_BIN" -f "%M %U %S" -o "$OUT/startup-last-time.txt")
        t0=$(date +%s%N)
        # shellcheck disable=SC2046,SC2086
        "${timed[@]}" "$JAVA" $args -cp "$ROOT/benchmarks/target/classes" io.handshakedoctor.bench.StartupProbe $(mode_args $mode) \
          > /dev/null 2>&1 || { echo "StartupProbe $mode failed under $v" >&2; exit 1; }
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000000 )) >> "$OUT/startup-$mode-$v.txt"
        if [ -x "$TIME_BIN" ]; then
          read -r kib user sys < "$OUT/startup-last-time.txt"
          echo "$kib" >> "$OUT/startup-rss-$mode-$v.txt"
          awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d\n", (u + s) * 1000 + 0.5 }' >> "$OUT/startup-cpu-$mode-$v.txt"
        fi
      done
    done
  done
  rm -f "$OUT/startup-last-time.txt"
  # The agent's classes at first use, one logged run per program (the log is not timed): those whose
  # source is the agent jar, and those defined in the boot loader (source __JVM_DefineClass__:
  # BootDefiner and the two bootstrap classes); its lambdas' hidden classes counted apart.
  for v in $VARIANTS; do
    [[ "$v" == agent* ]] || continue
    jar=$(realpath "$(variant_args "$v" | sed -E 's/^-javaagent:([^=]*)=.*/\1/')")
    for mode in $STARTUP_PROGRAMS; do
      log="$OUT/startup-classload-$mode-$v.log"
      # shellcheck disable=SC2046,SC2086
      "$JAVA" $(variant_args "$v") -Xlog:class+load:file="$log" -cp "$ROOT/benchmarks/target/classes" \
        io.handshakedoctor.bench.StartupProbe $(mode_args $mode) > /dev/null 2>&1 \
        || { echo "StartupProbe $mode failed under $v (class log)" >&2; exit 1; }
      { grep -cF -e "source: file:$jar" -e "source: jar:file:$jar" "$log" || true
        grep -c "io\.handshakedoctor\.[^ ]* source: __JVM_DefineClass__" "$log" || true
        grep -c "io\.handshakedoctor\.[^ ]*[$][$]Lambda[^ ]* source: io\.handshakedoctor\." "$log" || true
      } | paste -sd' ' > "$OUT/startup-classes-$mode-$v.txt"
    done
  done
fi

ALLOC_ARGS=${ALLOC_ARGS:-"$(( HEAP_N / 2 > 100 ? HEAP_N / 2 : 100 ))"}
if [[ " $PARTS " == *" heap "* ]]; then
  for v in plain agent; do
    [[ " $VARIANTS " == *" $v "* ]] || continue
    load "heap $v"
    echo "heap probe: $v ($HEAP_N failed + $HEAP_N healthy handshakes, $HEAP_INFLIGHT in flight)" >&2
    rm -f "$OUT/events-agent.jsonl"
    # shellcheck disable=SC2086
    "$JAVA" $BASE_ARGS $(variant_args "$v") -cp "$CP" io.handshakedoctor.bench.HeapProbe \
      "$HEAP_N" "$HEAP_INFLIGHT" > "$OUT/heap-$v.txt" || { echo "HeapProbe failed under $v" >&2; exit 1; }
    if [ "$v" = agent ]; then
      echo "allocation probe: agent" >&2
      # shellcheck disable=SC2086
      "$JAVA" $BASE_ARGS $(variant_args "$v") -cp "$CP" io.handshakedoctor.bench.AllocationProbe \
        $ALLOC_ARGS >> "$OUT/heap-$v.txt" || { echo "AllocationProbe failed" >&2; exit 1; }
    fi
  done
fi
load "end"

"$JAVA" -cp "$CP" io.handshakedoctor.bench.Report "$OUT" > "$OUT/report.md"
cat "$OUT/machine.txt"
echo "load average (1, 5, 15 min):"
sed 's/^/  /' "$OUT/load.txt"
echo
cat "$OUT/report.md"
echo "results: $OUT"
