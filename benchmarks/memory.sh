#!/usr/bin/env bash
# Memory benchmark (issue 12): CLIENTS (50) clients each start one 2048x2048 generation at once against the real
# distribution with its heap capped at 512 MiB (EXTRA_JAVA_OPTS=-Xmx512m) and `workers` raised to CLIENTS, which the
# engine caps at max heap / heap.per.task.mb (10 at 512 MiB; HEAP_PER_TASK=0 lifts the cap). The Gemini provider
# answers from a zero-latency SIMULATOR (test-support's GeminiSimulator, image.size 2K: photo-like 2048x2048 PNGs of
# 8 MB, as base64 in JSON like Gemini's). What bounds memory is the design, not the number of tasks: running tasks
# per heap (images.tasks heap.per.task.mb), provider calls per provider (images.providers max.parallel) and renders
# per node (images.pipeline render.concurrency).
# Prints: completed/failed/lost tasks, the peak heap after a GC (from the runtime's own -Xlog:gc), the peak resident
# set (VmHWM), and the OutOfMemoryErrors in the runtime's logs (must be 0). Exit status 1 on a lost or failed task
# or an OutOfMemoryError.
# Needs: the project built (mvn -DskipTests install), Java 17, curl, python3. Settings: CLIENTS=50 SIZE=2K
# WORKERS=$CLIENTS HEAP=512m HEAP_PER_TASK=48. About 3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CLIENTS=${CLIENTS:-50} SIZE=${SIZE:-2K} WORKERS=${WORKERS:-$CLIENTS} HEAP=${HEAP:-512m} HEAP_PER_TASK=${HEAP_PER_TASK:-48}
source "$ROOT/benchmarks/distribution.sh"
require_tools curl python3 java mvn
find_distribution

started=$SECONDS
build_driver memory
stop_on_exit

unpack_distribution "$WORK"
raise_rate_limits 10000000 1000000
add_boot_feature images-provider-google
set_prop etc/images.tasks.cfg workers "$WORKERS"
set_prop etc/images.tasks.cfg heap.per.task.mb "$HEAP_PER_TASK"
KARAF_JAVA_ENV=(EXTRA_JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=$WORK/gc.log")
IMAGES_BENCH_GEMINI_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export IMAGES_BENCH_GEMINI_KEY
start_karaf
echo "Karaf up in $KARAF_UP_SECONDS s on port $PORT; $(nproc) cores; workers $WORKERS"
print_runtime_jvm

status=0
java -Xmx512m -cp "$CP" -Dclients="$CLIENTS" -Dseconds=120 -Dmodes=burst -Dwarmup.seconds=0 -Dimage.size="$SIZE" -Dphoto=true \
  -Ddrain.seconds=1200 io.karafimages.benchmarks.GenerateLoad "$KHOME" "$API" "$KEY" || status=$?

hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$JVM/status")
peak=$(python3 - "$WORK/gc.log" <<'PY'
import re, sys
after = [int(m.group(1)) for m in re.finditer(r"->(\d+)M\(\d+M\)", open(sys.argv[1]).read())]
print(f"{max(after)} MiB after the fullest of {len(after)} GCs" if after else "no GC logged")
PY
)
ooms=$(cat "$KHOME/data/log/karaf.log" "$KHOME/console.log" | grep -c OutOfMemoryError || true)
echo
echo "== memory: $CLIENTS x $SIZE generations at -Xmx$HEAP =="
echo "peak heap after GC: $peak"
echo "peak resident set (VmHWM): $hwm MiB"
echo "OutOfMemoryErrors in the runtime's logs: $ooms"
(( ooms == 0 )) || status=1
echo "Total $((SECONDS - started)) s; logs in ${WORK#$ROOT/}/"
exit $status
