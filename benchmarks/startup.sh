#!/usr/bin/env bash
# Start-up benchmark (issue 12: "runtime restart to GET /v1/health 200 in <= 8 s"): unpacks the distribution, starts
# it once (the first start also creates the database, the instance keys and the signing identity), then stops and
# restarts it RUNS times, and prints for every start the seconds from `bin/karaf server` to the first 200 of
# /v1/health, and where that time went (from Karaf's own log): the JVM and the framework until pax-logging is up,
# then the start levels until the last line logged before the 200, and the CPU the JVM used until the 200 (of which
# its JIT compiler threads): on 2 cores both are saturated during a start, so CPU tells a slower host (same CPU,
# more seconds) from a build that does more.
# Needs: the project built (mvn -DskipTests install), Java 17, curl, python3. Settings: RUNS=5, JFR=file (a flight
# recording of the last restart, settings=profile). Run it on an otherwise idle machine; about 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5}
source "$ROOT/benchmarks/distribution.sh"
require_tools curl python3 java
find_distribution
stop_on_exit
WORK=$ROOT/benchmarks/target/startup
rm -rf "$WORK" && mkdir -p "$WORK"
unpack_distribution "$WORK"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

now_ms() { date +%s%3N; }
# one_start LABEL: starts the runtime, waits for /v1/health 200 (polled every 20 ms), prints the split
one_start() {
  local t0 t1 log=$KHOME/data/log/karaf.log
  [[ -f $log ]] && : >"$log"
  t0=$(now_ms)
  (cd "$KHOME" && exec env "${KARAF_JAVA_ENV[@]}" setsid bin/karaf server) >"$KHOME/console.log" 2>&1 &
  KARAF=$!
  track_group "$KARAF"
  # one poller process: a loop forking curl every 20 ms would take CPU from the start it times (await-health.py)
  local rc=0
  python3 "$ROOT/benchmarks/await-health.py" "$API/health" "$KARAF" 120 || rc=$?
  case $rc in
    0) ;;
    2) tail -30 "$KHOME/console.log" >&2; echo "Karaf exited" >&2; exit 1 ;;
    *) echo "not healthy within 120 s" >&2; exit 1 ;;
  esac
  t1=$(now_ms)
  python3 - "$1" "$t0" "$t1" "$log" "$KARAF" <<'EOF'
import os, sys, re, datetime
label, t0, t1, log, group = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
def cpu_seconds(stat):  # utime + stime of a /proc stat line (a process's includes its exited threads)
    f = stat[stat.rindex(")") + 2:].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
def runtime_cpu():  # (CPU of the JVM of the group so far, of which its JIT compiler threads), or None
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read()
            if stat[stat.index("(") + 1:stat.rindex(")")] != "java" or int(stat[stat.rindex(")") + 2:].split()[2]) != group:
                continue
            jit = 0.0
            for tid in os.listdir(f"/proc/{pid}/task"):
                t = open(f"/proc/{pid}/task/{tid}/stat").read()
                if " Compiler" in t[t.index("(") + 1:t.rindex(")")]:
                    jit += cpu_seconds(t)
            return cpu_seconds(stat), jit
        except (OSError, ValueError):
            continue
    return None
cpu = runtime_cpu()
def ms(line):  # Karaf's log lines start with 2026-12-02T15:43:51,123
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d),(\d{3})", line)
    if not m: return None
    d = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp() * 1000) + int(m.group(2))
first = last_bundle = None
try:
    for line in open(log, errors="replace"):
        t = ms(line)
        if t is None: continue
        first = first or t
        if t <= t1: last_bundle = t
except FileNotFoundError:
    pass
parts = f"total {(t1 - t0) / 1000:.2f} s"
if first: parts += f"; JVM and framework until pax-logging is up {(first - t0) / 1000:.2f} s"
if first and last_bundle: parts += f", then bundles starting until the last log line before the 200 {(last_bundle - first) / 1000:.2f} s"
if cpu: parts += f"; JVM CPU until then {cpu[0]:.1f} s, of which the JIT compilers {cpu[1]:.1f} s"
print(f"{label:>10}: {parts}")
EOF
}

one_start "first"
for i in $(seq "$RUNS"); do
  stop_karaf
  if [[ -n ${JFR:-} && $i == "$RUNS" ]]; then
    KARAF_JAVA_ENV=(EXTRA_JAVA_OPTS="-Xmx512m -XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true")
  fi
  one_start "restart $i"
done
stop_karaf
echo "target: restart to /v1/health 200 in <= 8 s"
