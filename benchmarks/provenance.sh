#!/usr/bin/env bash
# Provenance overhead (issue 3): the whole rendition pipeline of a 1024x1024 photo-like PNG with and without
# provenance (metadata strip, XMP on three renditions, C2PA signing of original and full). Target: at most +10 %.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests -pl benchmarks -am install
CP="benchmarks/target/classes:$(mvn -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
java -cp "$CP" org.openjdk.jmh.Main ProvenanceBenchmark -rf json -rff benchmarks/target/jmh-provenance.json "$@" \
  | grep -E "^ProvenanceBenchmark\.[a-zA-Z]+ " || true
python3 - <<'PY'
import json
d = json.load(open('benchmarks/target/jmh-provenance.json'))
m = {b['benchmark'].split('.')[-1]: b['primaryMetric']['scorePercentiles']['50.0'] for b in d}
w, wo = m['withProvenance'], m['withoutProvenance']
print(f"median without provenance {wo:.1f} ms, with provenance {w:.1f} ms: +{(w / wo - 1) * 100:.1f} %")
PY
