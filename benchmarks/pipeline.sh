#!/usr/bin/env bash
# Rendition pipeline benchmark (issue 2): each stage on 1024x1024 and 2048x2048 photo-like PNGs with JMH,
# next to libwebp's own command-line encoder (Debian cwebp) on the same PNGs, and the ratio ours / cwebp.
# Needs: the project built (mvn -DskipTests install), Debian package 'webp'. Prints a table; run it on an
# otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cwebp >/dev/null || { echo "install Debian's 'webp' package (cwebp) first" >&2; exit 1; }
mvn -q -DskipTests -pl benchmarks -am install
CP="benchmarks/target/classes:$(mvn -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
IN=benchmarks/target/bench-input
java -cp "$CP" io.karafimages.benchmarks.PipelineBenchmark "$IN"
java -cp "$CP" org.openjdk.jmh.Main PipelineBenchmark -rf json -rff benchmarks/target/jmh.json "$@" | tail -40

median_ms() { # median wall time of 9 runs of a command, in ms
  for i in $(seq 9); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
  done | sort -n | sed -n 5p
}
echo
printf '%-6s %-22s %10s %10s %7s\n' size stage ours_ms cwebp_ms ratio
for s in 1024 2048; do
  png="$IN/photo-$s.png"
  full_c=$(median_ms cwebp -quiet -q 90 "$png" -o /tmp/cw-full.webp)
  prev_c=$(median_ms cwebp -quiet -q 85 -resize 400 400 "$png" -o /tmp/cw-prev.webp)
  for pair in "fullEncode:$full_c" "previewResizeAndEncode:$prev_c"; do
    stage=${pair%%:*}; ref=${pair##*:}
    ours=$(python3 -c "import json;d=json.load(open('benchmarks/target/jmh.json'));print('%.1f'%[b['primaryMetric']['scorePercentiles']['50.0'] for b in d if b['benchmark'].endswith('.$stage') and b['params']['size']=='$s'][0])")
    printf '%-6s %-22s %10s %10s %7s\n' "$s" "$stage" "$ours" "$ref" "$(python3 -c "print('%.2f'%($ours/max($ref,1)))")"
  done
done
