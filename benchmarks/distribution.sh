# shellcheck shell=bash
# The real distribution for the benchmarks (download.sh, generate-load.sh, edit-times.sh source this file): find the
# tar.gz of karaf-assembly, unpack it on free ports, rewrite its etc/ files, start `bin/karaf server` in a process
# group of its own, wait until /v1/health answers, read the initial API key, and stop every process group started
# when the script exits. Sourcing only defines the functions below and sets GROUPS_STARTED=() and KARAF_JAVA_ENV;
# the caller runs under `set -euo pipefail` from the checkout's root with ROOT=$PWD. Failures print to stderr and
# `exit 1`, as the scripts did before they shared this file.
#
#   find_distribution             sets TARGZ (absolute path of karaf-assembly/target/images-karaf-assembly-*.tar.gz,
#                                 exit 1 if there is none) and exports JAVA_HOME (the JDK of `java` unless set)
#   free_port                     prints a TCP port free on 127.0.0.1
#   track_group PID               adds a process group (its leader PID, started with setsid) to GROUPS_STARTED
#   alive_in_group PGID           true while a process of the group is alive (zombies do not count)
#   stop_group PGID               TERMs the group, KILLs what is left after 10 s, reaps the leader, untracks it
#   stop_all_groups               stop_group for every group in GROUPS_STARTED
#   stop_on_exit                  traps: stop_all_groups on EXIT; INT and TERM exit with status 130
#   unpack_distribution DIR       unpacks TARGZ into DIR (created if missing); sets KHOME (the unpacked distribution),
#                                 PORT (its HTTP port) and API (http://127.0.0.1:$PORT/v1); moves HTTP, SSH and the
#                                 two RMI ports to free ones
#   set_prop FILE KEY VALUE       FILE relative to KHOME: replaces KEY's line by `KEY = VALUE` (atomically)
#   add_boot_feature FEATURE      puts FEATURE first in featuresBoot of etc/org.apache.karaf.features.cfg
#   apply_settings                every "file:key=value" of SETTINGS (file relative to KHOME) by set_prop
#   raise_rate_limits PER_MINUTE BURST   images.usage rate.per.minute and rate.burst, so the load is not throttled
#   start_karaf [STORAGE KEYS]    starts bin/karaf server in KHOME (environment: the assignments in KARAF_JAVA_ENV,
#                                 console output in $KHOME/console.log) in its own tracked group, then await_health;
#                                 sets KARAF (the group), KARAF_UP_SECONDS (time to healthy) and KEY (the initial
#                                 API key)
#   await_health [STORAGE KEYS]   until GET $API/health is 200 (and, given STORAGE and KEYS, its checks say
#                                 "storage": "STORAGE: up" and "keys": "KEYS: up"); exit 1 if Karaf exits or 120 s pass
#   stop_karaf                    stop_group for KARAF
#   require_tools TOOL...         exit 1 naming the first tool not on PATH
#   build_driver NAME             compiles the Java drivers; sets CP (their classpath) and WORK (emptied
#                                 benchmarks/target/NAME)
#   print_runtime_jvm             prints the runtime JVM's pid and -Xmx; sets JVM

GROUPS_STARTED=()
# Karaf 4.4's Unix scripts ignore JAVA_MAX_MEM (only the .bat files read it): cap the heap with EXTRA_JAVA_OPTS
KARAF_JAVA_ENV=(EXTRA_JAVA_OPTS=-Xmx512m)

find_distribution() {
  TARGZ=$(ls karaf-assembly/target/images-karaf-assembly-*.tar.gz 2>/dev/null | head -1 || true)
  [[ -n $TARGZ ]] || { echo "no distribution: run 'mvn -DskipTests install' first" >&2; exit 1; }
  TARGZ=$ROOT/$TARGZ
  JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
  export JAVA_HOME
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# ---- process groups: each process a script starts leads its own group (setsid); all are stopped on exit ----
track_group() { GROUPS_STARTED+=("$1"); }
alive_in_group() { ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { f = 1 } END { exit !f }'; }
stop_group() { # the leader stays a zombie until reaped, so liveness is asked of ps, not of kill -0
  local g=$1 n=0
  kill -TERM -- "-$g" 2>/dev/null || true
  while alive_in_group "$g" && (( n++ < 100 )); do sleep 0.1; done
  kill -KILL -- "-$g" 2>/dev/null || true
  wait "$g" 2>/dev/null || true
  local left=() x
  for x in "${GROUPS_STARTED[@]}"; do [[ $x == "$g" ]] || left+=("$x"); done
  GROUPS_STARTED=("${left[@]}")
}
stop_all_groups() {
  local g
  for g in "${GROUPS_STARTED[@]}"; do stop_group "$g"; done
}
stop_on_exit() {
  trap stop_all_groups EXIT
  trap 'exit 130' INT TERM
}

# ---- the distribution's files ----
unpack_distribution() {
  mkdir -p "$1"
  tar xzf "$TARGZ" -C "$1"
  KHOME=$(ls -d "$1"/images-karaf-assembly-*)
  PORT=$(free_port)
  API=http://127.0.0.1:$PORT/v1
  set_prop etc/org.ops4j.pax.web.cfg org.osgi.service.http.port "$PORT"
  set_prop etc/org.apache.karaf.shell.cfg sshPort "$(free_port)"
  set_prop etc/org.apache.karaf.management.cfg rmiRegistryPort "$(free_port)"
  set_prop etc/org.apache.karaf.management.cfg rmiServerPort "$(free_port)"
}
set_prop() { # atomically: Karaf watches etc/ while it runs
  local f=$KHOME/$1 tmp
  tmp=$(dirname "$f")/.$(basename "$f").tmp
  { [[ -f $f ]] && grep -v -E "^[[:space:]]*${2//./\\.}[[:space:]]*[=:]" "$f" || true; echo "$2 = $3"; } >"$tmp"
  mv "$tmp" "$f"
}
apply_settings() { # SETTINGS="file:key=value ...", e.g. etc/org.ops4j.pax.web.cfg:org.ops4j.pax.web.server.maxThreads=16
  local setting
  for setting in ${SETTINGS:-}; do
    set_prop "${setting%%:*}" "$(cut -d= -f1 <<<"${setting#*:}")" "${setting#*=}"
  done
}
add_boot_feature() { python3 - "$KHOME/etc/org.apache.karaf.features.cfg" "$1" <<'EOF'
import sys
f, feature = sys.argv[1], sys.argv[2]
s = open(f).read()
start = "featuresBoot = \\\n"
assert start in s, "no multi-line featuresBoot in " + f
open(f, "w").write(s.replace(start, start + "    " + feature + ", \\\n", 1))
EOF
}
raise_rate_limits() {
  set_prop etc/images.usage.cfg rate.per.minute "$1"
  set_prop etc/images.usage.cfg rate.burst "$2"
}

# ---- the runtime ----
start_karaf() {
  (cd "$KHOME" && exec env "${KARAF_JAVA_ENV[@]}" setsid bin/karaf server) >"$KHOME/console.log" 2>&1 &
  KARAF=$!
  track_group "$KARAF"
  local t=$SECONDS
  await_health "$@"
  KARAF_UP_SECONDS=$((SECONDS - t))
  KEY=$(cat "$KHOME/data/images/initial-api-key")
}
await_health() {
  local n
  for n in $(seq 600); do
    if (( $# == 0 )); then
      curl -sf -o /dev/null "$API/health" 2>/dev/null && return 0
    elif [[ -s "$KHOME/data/images/initial-api-key" ]] && curl -sf \
        -H "Authorization: Bearer $(cat "$KHOME/data/images/initial-api-key")" "$API/health" 2>/dev/null | python3 -c 'import json, sys
c = json.load(sys.stdin).get("checks", {})
sys.exit(0 if c.get("storage") == sys.argv[1] + ": up" and c.get("keys") == sys.argv[2] + ": up" else 1)' "$1" "$2" 2>/dev/null; then
      return 0
    fi
    alive_in_group "$KARAF" || { tail -30 "$KHOME/console.log" >&2; echo "Karaf exited" >&2; exit 1; }
    sleep 0.2
  done
  if (( $# == 0 )); then
    echo "Karaf not healthy within 120 s; see $KHOME/data/log/karaf.log" >&2
  else
    echo "Karaf not healthy with storage $1 and keys $2 within 120 s; see $KHOME/data/log/karaf.log" >&2
  fi
  exit 1
}
stop_karaf() { stop_group "$KARAF"; }

# require_tools TOOL...: exits 1 naming the first missing one
require_tools() {
  local c
  for c in "$@"; do command -v "$c" >/dev/null || { echo "missing '$c'" >&2; exit 1; }; done
}

# build_driver NAME: compiles the benchmarks' Java drivers; sets CP (their classpath) and WORK (an emptied
# benchmarks/target/NAME)
build_driver() {
  mvn -q -DskipTests -pl benchmarks compile
  CP="benchmarks/target/classes:$(mvn -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
  WORK=$ROOT/benchmarks/target/$1
  rm -rf "$WORK" && mkdir -p "$WORK"
}

# print_runtime_jvm: names the runtime's JVM and its -Xmx; sets JVM (its pid) for later resident-set readings
print_runtime_jvm() {
  JVM=$(pgrep -g "$KARAF" -f org.apache.karaf.main.Main | head -1)
  echo "runtime JVM $JVM: $(ps -o args= -p "$JVM" | grep -o -- '-Xmx[^ ]*' | head -1)"
}
