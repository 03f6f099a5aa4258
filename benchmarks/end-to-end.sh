#!/usr/bin/env bash
# End-to-end task time (issue 12): one generation at a time in the real distribution (-Xmx512m), from the task's
# created_at to its updated_at, with a zero-latency Gemini SIMULATOR (test-support's GeminiSimulator) answering a
# photo-like PNG of 1024x1024 and of 2048x2048, each run followed by libwebp's cwebp on the same PNG (full q90, then
# the preview); medians of RUNS interleaved runs and the ratio (target <= 1.3).
# Needs: the project built (mvn -DskipTests install), Java 17, curl, python3, Debian's 'webp' (cwebp). Settings:
# RUNS=5 SIZES=1024,2048 WARMUP=20 (tasks per size before measuring: the JIT needs them), JFR=file (a flight
# recording of the runtime). Run it on an otherwise idle machine; about 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5} SIZES=${SIZES:-1024,2048} WARMUP=${WARMUP:-20}
source "$ROOT/benchmarks/distribution.sh"
require_tools curl python3 java mvn cwebp
find_distribution
build_driver end-to-end
stop_on_exit

unpack_distribution "$WORK"
add_boot_feature images-provider-google
IMAGES_BENCH_GEMINI_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export IMAGES_BENCH_GEMINI_KEY
[[ -n ${JFR:-} ]] && KARAF_JAVA_ENV=(EXTRA_JAVA_OPTS="-Xmx512m -XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true")
start_karaf
echo "Karaf up in $KARAF_UP_SECONDS s on port $PORT; $(nproc) cores"
print_runtime_jvm
java -Xmx1g -cp "$CP" -Druns="$RUNS" -Dsizes="$SIZES" -Dwarmup="$WARMUP" io.karafimages.benchmarks.EndToEnd "$KHOME" "$API" "$KEY"
