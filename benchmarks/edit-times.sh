#!/usr/bin/env bash
# Edit times benchmark: how long ONE edit takes in the real distribution (the tar.gz of karaf-assembly unpacked,
# bin/karaf server, heap capped at 512 MiB, free ports, images.usage rate limits raised for the run), edits run one
# after the other (closed loop). For every editing skill (edit_inpaint, edit_replace_background,
# edit_generate_background, edit_image_to_image, edit_erase_region, variate, upscale, remove_background, vectorize),
# for two providers:
#   recraft  the default provider of the feature images-provider-recraft, talking to a zero-latency SIMULATOR of
#            Recraft's API (test-support's RecraftSimulator, in the driver's JVM on loopback)
#   offline  the local provider, its model named in the request (local/procedural-inpaint-v1, ...)
# and for every source size (photo-like PNGs uploaded with POST /v1/embeds), WARMUP edits are run and not counted,
# then RUNS measured ones. Server time = the task's updated_at - created_at; client time = POST sent until
# "completed" seen by polling the task every 20 ms. Prints skill, provider, size, model, median and max server ms,
# median client ms; the failed tasks (must be 0), the simulator's problems (must be none) and its call count (one per
# Recraft edit). Then the vectorize reference: a 512x512 five-colour logo traced offline and by the simulator, with
# the SVG's paths, path nodes and fill colours against the logo's colour count. Exit status 1 otherwise.
# Needs: the project built (mvn -DskipTests install), Java 17, curl, python3.
# Settings (environment): RUNS=5 WARMUP=2 SIZES=1024,2048 SKILLS= (comma-separated skill ids; empty: all). About 5-10 minutes with the defaults on 2 cores.
# Logs stay in benchmarks/target/edit-times/. Every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5} WARMUP=${WARMUP:-2} SIZES=${SIZES:-1024,2048} SKILLS=${SKILLS:-}
source "$ROOT/benchmarks/distribution.sh"
require_tools curl python3 java mvn
find_distribution

started=$SECONDS
build_driver edit-times

stop_on_exit

# ---- the distribution: free ports, limits out of the way, the Recraft feature (inert until its cfg exists) ----
unpack_distribution "$WORK"
raise_rate_limits 10000000 1000000
add_boot_feature images-provider-recraft
IMAGES_BENCH_RECRAFT_KEY=bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')
export IMAGES_BENCH_RECRAFT_KEY
start_karaf
echo "Karaf up in $KARAF_UP_SECONDS s on port $PORT; $(nproc) cores, driver and simulator on the same machine"
print_runtime_jvm

status=0
# the driver's heap is larger than the runtime's: RecraftSimulator keeps every request it received (calls()), about
# 10 MB per 2048x2048 edit, and draws its answers in this JVM
java -Xmx2g -cp "$CP" -Druns="$RUNS" -Dwarmup="$WARMUP" -Dsizes="$SIZES" -Dskills="$SKILLS" \
  io.karafimages.benchmarks.EditTimes "$KHOME" "$API" "$KEY" || status=$?
echo
echo "runtime JVM resident set at the end: $(( $(ps -o rss= -p "$JVM") / 1024 )) MiB; errors in its log:" \
  "$(grep -c '| ERROR ' "$KHOME/data/log/karaf.log" || true)"
echo "Total $((SECONDS - started)) s; logs in ${WORK#$ROOT/}/"
exit $status
