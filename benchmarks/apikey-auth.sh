#!/usr/bin/env bash
# API key authentication per request with the key cache off and on (issue 12): UserService.authenticate on
# embedded H2 and on a real PostgreSQL (Debian's server, started and stopped here). Prints p50/p99 in us and
# calls per second of one thread. Needs: the project built (mvn -DskipTests install), Debian 'postgresql'.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -DskipTests -pl benchmarks install "$@"
CP="benchmarks/target/classes:$(mvn -q -o -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout "$@")"
java -cp "$CP" io.karafimages.benchmarks.ApiKeyAuth benchmarks/target
