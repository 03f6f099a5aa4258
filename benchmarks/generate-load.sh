#!/usr/bin/env bash
# Generate load benchmark (issue 5): POST /v1/apps/images/generate (draft: false) from CLIENTS concurrent clients for
# DURATION seconds against the real distribution (the tar.gz of karaf-assembly unpacked, bin/karaf server, heap capped
# at 512 MiB, free ports, images.usage rate limits raised for the run), whose Gemini provider talks to a
# zero-latency SIMULATOR of the Gemini API (test-support's GeminiSimulator, in the driver's JVM on loopback), so what
# is measured is this runtime: the acceptance path, the task engine, the rendition pipeline with provenance and
# encryption, the store. Two modes, each on the same runtime:
#   open    every client posts back to back: requests/s and 202 latency at full speed; the queue grows, and the run
#           then waits until every accepted task has ended (that drain is what most of the time goes to)
#   closed  every client waits for its task before the next post (a user waiting for a picture): 202 latency while
#           the engine is saturated, completed tasks per minute, task latency
# Each mode prints requests/s, p50/p99 of the 202s, completed tasks per minute, and checks that no accepted task is
# lost (all terminal after the drain), none failed, and the provider was called exactly once per completed task.
# Needs: the project built (mvn -DskipTests install), Java 17, curl, python3.
# Settings (environment): CLIENTS=50 DURATION=60 MODES=open,closed DRAIN=1800 (seconds the drain may take),
# JFR=file (a flight recording of the runtime). Each mode also prints the runtime's CPU time while its clients ran.
# PROVIDER_HOLD_MS=n: the simulator answers only after n ms while the clients run (then at once again), so the
# workers render nothing and the POST path is measured alone; its tasks are then cancelled, not rendered.
# WARMUP_OPEN=s: before the modes, s seconds of back-to-back POSTs (provider held, the tasks then cancelled) so
# that C2 has compiled the acceptance path (without it the JIT compiler threads take a third of the runtime's CPU).
# RUNTIME_OPTS: more JVM options for the runtime. SETTINGS: "etc/file.cfg:key=value ..." set in the distribution
# before it starts.
# About 10 minutes with the defaults on 2 cores, most of it the drain of the open run.
# Logs stay in benchmarks/target/generate-load/. Every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CLIENTS=${CLIENTS:-50} DURATION=${DURATION:-60} MODES=${MODES:-open,closed} DRAIN=${DRAIN:-1800}
source "$ROOT/benchmarks/distribution.sh"
require_tools curl python3 java mvn
find_distribution

started=$SECONDS
build_driver generate-load

stop_on_exit

# ---- the distribution: free ports, limits out of the way, the Gemini feature (inert until its cfg exists) ----
unpack_distribution "$WORK"
raise_rate_limits 10000000 1000000
add_boot_feature images-provider-google
apply_settings
IMAGES_BENCH_GEMINI_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export IMAGES_BENCH_GEMINI_KEY
KARAF_JAVA_ENV=(EXTRA_JAVA_OPTS="-Xmx512m ${RUNTIME_OPTS:-}")
[[ -n ${JFR:-} ]] && KARAF_JAVA_ENV=(EXTRA_JAVA_OPTS="-Xmx512m ${RUNTIME_OPTS:-} -XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true")
start_karaf
echo "Karaf up in $KARAF_UP_SECONDS s on port $PORT; $(nproc) cores, load driver and simulator on the same machine"
print_runtime_jvm

status=0
java -Xmx512m -cp "$CP" -Druntime.pid="$JVM" -Dclients="$CLIENTS" -Dseconds="$DURATION" -Dmodes="$MODES" -Ddrain.seconds="$DRAIN" \
  -Dprovider.hold.ms="${PROVIDER_HOLD_MS:-0}" -Dwarmup.open.seconds="${WARMUP_OPEN:-0}" \
  io.karafimages.benchmarks.GenerateLoad "$KHOME" "$API" "$KEY" || status=$?
echo
echo "runtime JVM resident set at the end: $(( $(ps -o rss= -p "$JVM") / 1024 )) MiB; errors in its log:" \
  "$(grep -c '| ERROR ' "$KHOME/data/log/karaf.log" || true)"
echo "Total $((SECONDS - started)) s; logs in ${WORK#$ROOT/}/"
exit $status
