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
# Settings (environment): CLIENTS=50 DURATION=60 MODES=open,closed DRAIN=1800 (seconds the drain may take).
# About 10 minutes with the defaults on 2 cores, most of it the drain of the open run.
# Logs stay in benchmarks/target/generate-load/. Every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CLIENTS=${CLIENTS:-50} DURATION=${DURATION:-60} MODES=${MODES:-open,closed} DRAIN=${DRAIN:-1800}
for c in curl python3 java mvn; do
  command -v $c >/dev/null || { echo "missing '$c'" >&2; exit 1; }
done
TARGZ=$(ls karaf-assembly/target/images-karaf-assembly-*.tar.gz 2>/dev/null | head -1)
[[ -n $TARGZ ]] || { echo "no distribution: run 'mvn -DskipTests install' first" >&2; exit 1; }
TARGZ=$ROOT/$TARGZ
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
export JAVA_HOME

started=$SECONDS
mvn -q -DskipTests -pl benchmarks compile
CP="benchmarks/target/classes:$(mvn -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
WORK=$ROOT/benchmarks/target/generate-load
rm -rf "$WORK" && mkdir -p "$WORK"

KARAF=
cleanup() { # TERM the runtime's process group, KILL what is left after 10 s
  [[ -n $KARAF ]] || return 0
  kill -TERM -- "-$KARAF" 2>/dev/null || true
  local n=0
  while kill -0 -- "-$KARAF" 2>/dev/null && (( n++ < 100 )); do sleep 0.1; done
  kill -KILL -- "-$KARAF" 2>/dev/null || true
  wait "$KARAF" 2>/dev/null || true
  KARAF=
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
set_prop() { # file key value: replace the key's line
  local f=$KHOME/$1 tmp
  tmp=$(dirname "$f")/.$(basename "$f").tmp
  { [[ -f $f ]] && grep -v -E "^[[:space:]]*${2//./\\.}[[:space:]]*[=:]" "$f" || true; echo "$2 = $3"; } >"$tmp"
  mv "$tmp" "$f"
}

# ---- the distribution: free ports, limits out of the way, the Gemini feature (inert until its cfg exists) ----
tar xzf "$TARGZ" -C "$WORK"
KHOME=$(ls -d "$WORK"/images-karaf-assembly-*)
PORT=$(free_port)
API=http://127.0.0.1:$PORT/v1
set_prop etc/org.ops4j.pax.web.cfg org.osgi.service.http.port "$PORT"
set_prop etc/org.apache.karaf.shell.cfg sshPort "$(free_port)"
set_prop etc/org.apache.karaf.management.cfg rmiRegistryPort "$(free_port)"
set_prop etc/org.apache.karaf.management.cfg rmiServerPort "$(free_port)"
set_prop etc/images.usage.cfg rate.per.minute 10000000
set_prop etc/images.usage.cfg rate.burst 1000000
python3 - "$KHOME/etc/org.apache.karaf.features.cfg" <<'EOF'
import sys
f = sys.argv[1]
s = open(f).read()
start = "featuresBoot = \\\n"
assert start in s, "no multi-line featuresBoot in " + f
open(f, "w").write(s.replace(start, start + "    images-provider-google, \\\n", 1))
EOF
IMAGES_BENCH_GEMINI_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export IMAGES_BENCH_GEMINI_KEY
# Karaf 4.4's Unix scripts ignore JAVA_MAX_MEM (only the .bat files read it): cap the heap with EXTRA_JAVA_OPTS
(cd "$KHOME" && EXTRA_JAVA_OPTS=-Xmx512m exec setsid bin/karaf server) >"$KHOME/console.log" 2>&1 &
KARAF=$!
t=$SECONDS
for n in $(seq 600); do
  curl -sf -o /dev/null "$API/health" 2>/dev/null && break
  kill -0 "$KARAF" 2>/dev/null || { tail -30 "$KHOME/console.log" >&2; echo "Karaf exited" >&2; exit 1; }
  (( n < 600 )) || { echo "Karaf not healthy within 120 s; see $KHOME/data/log/karaf.log" >&2; exit 1; }
  sleep 0.2
done
echo "Karaf up in $((SECONDS - t)) s on port $PORT; $(nproc) cores, load driver and simulator on the same machine"
KEY=$(cat "$KHOME/data/images/initial-api-key")
JVM=$(pgrep -g "$KARAF" -f org.apache.karaf.main.Main | head -1)
echo "runtime JVM $JVM: $(ps -o args= -p "$JVM" | grep -o -- '-Xmx[^ ]*' | head -1)"

status=0
java -Xmx512m -cp "$CP" -Dclients="$CLIENTS" -Dseconds="$DURATION" -Dmodes="$MODES" -Ddrain.seconds="$DRAIN" \
  io.karafimages.benchmarks.GenerateLoad "$KHOME" "$API" "$KEY" || status=$?
echo
echo "runtime JVM resident set at the end: $(( $(ps -o rss= -p "$JVM") / 1024 )) MiB; errors in its log:" \
  "$(grep -c '| ERROR ' "$KHOME/data/log/karaf.log" || true)"
echo "Total $((SECONDS - started)) s; logs in ${WORK#$ROOT/}/"
exit $status
