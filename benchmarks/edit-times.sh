#!/usr/bin/env bash
# Edit times benchmark: how long ONE edit takes in the real distribution (the tar.gz of karaf-assembly unpacked,
# bin/karaf server, heap capped at 512 MiB, free ports, images.usage rate limits raised for the run), edits run one
# after the other (closed loop). For every editing skill (edit_inpaint, edit_replace_background,
# edit_generate_background, edit_image_to_image, edit_erase_region, variate), for two providers:
#   recraft  the default provider of the feature images-provider-recraft, talking to a zero-latency SIMULATOR of
#            Recraft's API (test-support's RecraftSimulator, in the driver's JVM on loopback)
#   offline  the local provider, its model named in the request (local/procedural-inpaint-v1, ...)
# and for every source size (photo-like PNGs uploaded with POST /v1/embeds), WARMUP edits are run and not counted,
# then RUNS measured ones. Server time = the task's updated_at - created_at; client time = POST sent until
# "completed" seen by polling the task every 20 ms. Prints skill, provider, size, model, median and max server ms,
# median client ms; the failed tasks (must be 0), the simulator's problems (must be none) and its call count (one per
# Recraft edit). Exit status 1 otherwise.
# Needs: the project built (mvn -DskipTests install), Java 17, curl, python3.
# Settings (environment): RUNS=5 WARMUP=2 SIZES=1024,2048. About 5-10 minutes with the defaults on 2 cores.
# Logs stay in benchmarks/target/edit-times/. Every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5} WARMUP=${WARMUP:-2} SIZES=${SIZES:-1024,2048}
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
WORK=$ROOT/benchmarks/target/edit-times
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

# ---- the distribution: free ports, limits out of the way, the Recraft feature (inert until its cfg exists) ----
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
open(f, "w").write(s.replace(start, start + "    images-provider-recraft, \\\n", 1))
EOF
IMAGES_BENCH_RECRAFT_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export IMAGES_BENCH_RECRAFT_KEY
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
echo "Karaf up in $((SECONDS - t)) s on port $PORT; $(nproc) cores, driver and simulator on the same machine"
KEY=$(cat "$KHOME/data/images/initial-api-key")
JVM=$(pgrep -g "$KARAF" -f org.apache.karaf.main.Main | head -1)
echo "runtime JVM $JVM: $(ps -o args= -p "$JVM" | grep -o -- '-Xmx[^ ]*' | head -1)"

status=0
# the driver's heap is larger than the runtime's: RecraftSimulator keeps every request it received (calls()), about
# 10 MB per 2048x2048 edit, and draws its answers in this JVM
java -Xmx2g -cp "$CP" -Druns="$RUNS" -Dwarmup="$WARMUP" -Dsizes="$SIZES" \
  io.karafimages.benchmarks.EditTimes "$KHOME" "$API" "$KEY" || status=$?
echo
echo "runtime JVM resident set at the end: $(( $(ps -o rss= -p "$JVM") / 1024 )) MiB; errors in its log:" \
  "$(grep -c '| ERROR ' "$KHOME/data/log/karaf.log" || true)"
echo "Total $((SECONDS - started)) s; logs in ${WORK#$ROOT/}/"
exit $status
