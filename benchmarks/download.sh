#!/usr/bin/env bash
# Download benchmark (issues 4 and 12): throughput and latency of downloads (decrypt and stream) through
# GET /v1/embeds/{id}/file?format=preview|full (Authorization: Bearer <key>) on the real distribution (the tar.gz of
# karaf-assembly unpacked, bin/karaf server, -Xmx1g, free ports), driven by wrk (download.lua rotates over the embed
# ids), next to nginx serving the same decrypted bytes as plaintext files in the same run, as a ratio. Configurations:
#   fs + local keys          the embedded defaults (preview and full); every runtime on images.rest's default
#                            download.concurrency = -1, so downloads take turns (one more than the cores)
# Previews are those of EMBEDS generations (offline local provider, about 10 KB); full renditions those of EMBEDS/4
# photo-like 1024x1024 uploads (about 300 KB; the offline provider's flat pictures make only about 40 KB).
#   fs, through CXF          the same preview downloads as /file/?format=preview: not the canonical path, so CXF's
#                            servlet and EmbedsResource answer them instead of the REST bundle's preprocessor
#   fs, 401 no key / bad key the same requests without an API key (refused at once) and with a wrong one (plus the
#                            key's hash and look-up): what a request costs before the file
#   nginx                    the previews and full renditions of (fs + local), plaintext, Debian's nginx on loopback
#   S3 + local keys          s3proxy 4.1.0 (a real S3 API server) on loopback (preview and full)
#   fs + Vault, cache 60 s   images.keys.vault cache.ttl.seconds = 60 (preview and full)
#   fs + Vault, no cache     cache.ttl.seconds = 0 (every download unwraps its data key through Transit; preview)
# The Vault rows talk to a SIMULATOR of Vault's Transit API (test-support, on loopback), NOT to a real Vault: they
# measure our Vault client and its key cache, not what a real Vault (TLS, network, its own latency) adds.
# Each configuration gets its own fresh embeds, then per format a WARMUP run and a
# DURATION run. The issue 12 target: preview (fs + local) >= 0.25 of nginx's requests/s with p99 <= 20 ms.
# The warm-up is 30 s: after 5 s the JIT had not compiled the download path yet (the JDK's AES-GCM callers among
# others): the same build served 8,734 previews/s at 0.189 ms of CPU each after 5 s, 12,880 at 0.122 ms after 30 s.
# Needs: the project built (mvn -DskipTests install), Java 17, python3, Debian packages 'wrk' and 'nginx-light'.
# Settings (environment): DURATION=10s WARMUP=30s THREADS=2 CONNECTIONS=32 EMBEDS=20 CONFIGS="fs s3 vault" (a subset
# runs fewer configurations; fs and nginx always run), QUICK=1 (only the two preview rows: fs + local and nginx,
# about 2 minutes), SETTINGS="file:key=value ..." (set in every runtime's etc/ before it starts, e.g.
# etc/org.ops4j.pax.web.cfg:org.ops4j.pax.web.server.maxThreads=16), RUNTIME_OPTS (more JVM options for the
# runtime, e.g. -Xlog:gc:file=/tmp/gc.log), WRK_PREFIX (a command wrk runs under, e.g. "nice -n -10": a load
# generator that the server's threads starve measures its own waits), PROFILE=1 records a JFR profile of the
# runtime from its start and dumps the fs + local preview run's window (benchmarks/target/download/
# fs-local-preview.jfr), MVN_ARGS extra Maven arguments for compiling the drivers (e.g. "-o
# -Dmaven.repo.local=..."). About 10 minutes on an idle machine.
# Logs and wrk outputs stay in benchmarks/target/download/. Every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-10s} WARMUP=${WARMUP:-30s} THREADS=${THREADS:-2} CONNECTIONS=${CONNECTIONS:-32} EMBEDS=${EMBEDS:-20}
CONFIGS=${CONFIGS:-fs s3 vault} PROFILE=${PROFILE:-0} QUICK=${QUICK:-0}
runs() { [[ " $CONFIGS " == *" $1 "* ]]; }
for c in wrk nginx curl python3 java; do
  command -v $c >/dev/null || { echo "missing '$c' (Debian: apt-get install -y nginx wrk)" >&2; exit 1; }
done
source "$ROOT/benchmarks/distribution.sh"
find_distribution

started=$SECONDS
WORK=$ROOT/benchmarks/target/download
LUA=$ROOT/benchmarks/download.lua
rm -rf "$WORK" && mkdir -p "$WORK"
cp "$TARGZ" "$WORK/distribution.tar.gz"    # a copy: another build may rewrite karaf-assembly/target meanwhile
TARGZ=$WORK/distribution.tar.gz
# compiles the two helpers (DownloadBackends, GenerateEmbeds), copies target/s3proxy/s3proxy.jar, writes the classpath
mvn ${MVN_ARGS:-} -q -DskipTests -pl benchmarks process-classes dependency:build-classpath -Dmdep.outputFile="$WORK/classpath"
CP="benchmarks/target/classes:$(cat "$WORK/classpath")"

# ---- processes: each one we start leads its own process group (setsid); all are stopped on exit ----
stop_on_exit

# ---- backends: s3proxy and the Vault Transit simulator, for the whole run ----
(exec setsid java -Xmx256m -Ds3proxy.jar="$ROOT/benchmarks/target/s3proxy/s3proxy.jar" -cp "$CP" \
  io.karafimages.benchmarks.DownloadBackends "$WORK/backends") >"$WORK/backends.log" 2>&1 &
BACKENDS=$!
track_group "$BACKENDS"
for i in $(seq 600); do
  [[ -f $WORK/backends/backends.ready ]] && break
  kill -0 "$BACKENDS" 2>/dev/null || { cat "$WORK/backends.log" >&2; exit 1; }
  sleep 0.1
done
[[ -f $WORK/backends/backends.ready ]] || { echo "backends did not start" >&2; exit 1; }
set -a; source "$WORK/backends/backends.env"; set +a       # secrets for the $[env:...] placeholders, BENCH_CONTROL
vault_count() { curl -sf "$BENCH_CONTROL/counts" | awk -v r="$1" '$1 == r { print $2 }'; }

# ---- the distribution ----
# a 1 GB heap (Karaf 4.4's Unix scripts ignore JAVA_MAX_MEM: see distribution.sh)
KARAF_JAVA_ENV=(EXTRA_JAVA_OPTS="-Xmx1g ${RUNTIME_OPTS:-}")
# PROFILE=1: the recording runs from the JVM's start (a recording started later by jcmd retransforms the JDK's
# instrumented I/O classes and deoptimises what inlined them, which once left AES-GCM uncompiled for the whole run);
# only the fs + local preview run's window is dumped from it
[[ $PROFILE == 1 ]] && KARAF_JAVA_ENV=(EXTRA_JAVA_OPTS="-Xmx1g ${RUNTIME_OPTS:-} -XX:StartFlightRecording=name=dl,settings=profile")
prepare_karaf() { # name: unpack a fresh distribution on free ports, with a rate limit that generation does not hit
  unpack_distribution "$WORK/$1"
  raise_rate_limits 100000 1000
  apply_settings
}
start_karaf_with() { # storage keys: start it, until /v1/health is 200 with both backends up
  start_karaf "$1" "$2"
  echo "  Karaf up (storage $1, keys $2) in $KARAF_UP_SECONDS s on port $PORT"
}
generate() { # ids file [preview dir]
  java -cp "$CP" io.karafimages.benchmarks.GenerateEmbeds "$API" "$KEY" "$EMBEDS" "$@" | sed 's/^/  /'
}

# ---- measuring ----
ROWS=()
measure() { # label format base-url ids-file [nginx]: a warm-up run, then the measured run; one table row
  local label=$1 format=$2 url=$3 ids=$4 how=${5:-} out d0 d1 c0 c1 r profile= server=$KARAF
  [[ $how == nginx ]] && server=$NGINX
  out=$WORK/wrk-$(echo "$label-$format" | tr -c 'a-zA-Z0-9\n' '-').txt
  [[ $PROFILE == 1 && $label == "fs + local keys" && $format == preview ]] && profile=$WORK/fs-local-preview.jfr
  echo "  $label, $format: warm-up $WARMUP, then $DURATION (wrk -t$THREADS -c$CONNECTIONS)"
  ${WRK_PREFIX:-} wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$LUA" "$url" -- "$ids" "$KEY" "$format" "$how" >"$out.warmup"
  d0=$(vault_count decrypt)
  c0=$(group_cpu_ticks "$server")
  ${WRK_PREFIX:-} wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "$url" -- "$ids" "$KEY" "$format" "$how" >"$out"
  [[ -z $profile ]] || { "$JAVA_HOME/bin/jcmd" "$(karaf_pid)" JFR.dump name=dl begin=-"$DURATION" filename="$profile" \
    >/dev/null; echo "  JFR: ${profile#$ROOT/}"; }
  c1=$(group_cpu_ticks "$server")
  d1=$(vault_count decrypt)
  r=$(grep '^RESULT ' "$out") || { cat "$out" >&2; exit 1; }
  [[ $label == *Vault* ]] || { d0=; d1=; }
  ROWS+=("$label|$format|$r cpu_ticks=$((c1 - c0)) ticks_per_s=$(getconf CLK_TCK)|${d0:+$((d1 - d0))}")
}
group_cpu_ticks() { # PGID: user + system CPU ticks of the live processes of a process group (the server's CPU)
  local pid t=0 v
  for pid in $(ps -e -o pid=,pgid= | awk -v g="$1" '$2 == g { print $1 }'); do
    v=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null) || v=0
    t=$((t + ${v:-0}))
  done
  echo "$t"
}
karaf_pid() { # the runtime JVM: the java process in the KARAF process group
  ps -e -o pid=,pgid=,comm= | awk -v g="$KARAF" '$2 == g && $3 == "java" { print $1; exit }'
}

echo "== download benchmark: $EMBEDS embeds per configuration; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "(a) fs + local keys"
prepare_karaf fs-local
start_karaf_with fs local
generate "$WORK/ids-fs-local" "$WORK/nginx/html"
measure "fs + local keys" preview "http://127.0.0.1:$PORT/" "$WORK/ids-fs-local"
if [[ $QUICK != 1 ]]; then
  measure "fs + local keys" full "http://127.0.0.1:$PORT/" "$WORK/ids-fs-local.full"
  # the same downloads through CXF (a path the preprocessor leaves to CXF), then what a request costs before the
  # file: no key (401 at once) and a wrong key (401 after the key's hash and look-up); their 401s count as errors
  measure "fs, through CXF (/file/)" preview "http://127.0.0.1:$PORT/" "$WORK/ids-fs-local" cxf
  measure "fs, 401 no key" preview "http://127.0.0.1:$PORT/" "$WORK/ids-fs-local" nokey
  measure "fs, 401 bad key (+ key lookup)" preview "http://127.0.0.1:$PORT/" "$WORK/ids-fs-local" badkey
fi
stop_karaf

echo "(b) nginx: the renditions of (a), decrypted, as plaintext files"
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  default_type image/webp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/html;
    location /v1/embeds/ { try_files \$uri =404; }
  }
}
EOF
(exec setsid nginx -p "$WORK/nginx" -e "$WORK/nginx/logs/error.log" -c "$WORK/nginx/nginx.conf") \
  >"$WORK/nginx/logs/console.log" 2>&1 &
NGINX=$!
track_group "$NGINX"
first=$(head -1 "$WORK/ids-fs-local")
for n in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/v1/embeds/$first/file/preview" && break
  (( n < 100 )) || { cat "$WORK/nginx/logs/"* >&2; exit 1; }
  sleep 0.1
done
firstfull=$(head -1 "$WORK/ids-fs-local.full")
for f in "$first/file/preview" "$firstfull/file/full"; do
  cmp -s <(curl -sf "http://127.0.0.1:$NGINX_PORT/v1/embeds/$f") "$WORK/nginx/html/v1/embeds/$f" \
    || { echo "nginx serves other bytes" >&2; exit 1; }
done
measure "nginx, plaintext files" preview "http://127.0.0.1:$NGINX_PORT/" "$WORK/ids-fs-local" nginx
[[ $QUICK == 1 ]] || measure "nginx, plaintext files" full "http://127.0.0.1:$NGINX_PORT/" "$WORK/ids-fs-local.full" nginx
stop_group "$NGINX"

if runs s3 && [[ $QUICK != 1 ]]; then
  echo "(c) S3 (s3proxy) + local keys"
  prepare_karaf s3-local
  cp "$WORK/backends/etc-s3/images.storage.s3.cfg" "$KHOME/etc/"
  add_boot_feature images-storage-s3
  set_prop etc/images.backends.cfg storage s3
  set_prop etc/images.backends.cfg keys local
  apply_settings
  start_karaf_with s3 local
  generate "$WORK/ids-s3-local"
  measure "S3 (s3proxy) + local keys" preview "http://127.0.0.1:$PORT/" "$WORK/ids-s3-local"
  measure "S3 (s3proxy) + local keys" full "http://127.0.0.1:$PORT/" "$WORK/ids-s3-local.full"
  stop_karaf
fi

if runs vault && [[ $QUICK != 1 ]]; then
  echo "(d, e) fs + Vault Transit SIMULATOR, with and without the key cache"
  prepare_karaf fs-vault
  cp "$WORK/backends/etc-vault/images.keys.vault.cfg" "$KHOME/etc/"
  add_boot_feature images-keys-vault
  set_prop etc/images.backends.cfg storage fs
  set_prop etc/images.backends.cfg keys vault
  set_prop etc/images.keys.vault.cfg cache.ttl.seconds 60
  apply_settings
  start_karaf_with fs vault
  generate "$WORK/ids-fs-vault"
  measure "fs + Vault sim, cache 60 s" preview "http://127.0.0.1:$PORT/" "$WORK/ids-fs-vault"
  measure "fs + Vault sim, cache 60 s" full "http://127.0.0.1:$PORT/" "$WORK/ids-fs-vault.full"
  set_prop etc/images.keys.vault.cfg cache.ttl.seconds 0       # Karaf applies it while running
  first=$(head -1 "$WORK/ids-fs-vault")
  for n in $(seq 150); do # until two downloads of one preview cost two Transit decrypts (the cache is off)
    d0=$(vault_count decrypt)
    for k in 1 2; do
      curl -sf -o /dev/null -H "Authorization: Bearer $KEY" "$API/embeds/$first/file?format=preview" || true
    done
    (( $(vault_count decrypt) - d0 >= 2 )) && break
    (( n < 150 )) || { echo "cache.ttl.seconds = 0 not applied within 30 s" >&2; exit 1; }
    sleep 0.2
  done
  await_health fs vault
  measure "fs + Vault sim, no cache" preview "http://127.0.0.1:$PORT/" "$WORK/ids-fs-vault"
  stop_karaf
fi
stop_all_groups

echo
echo "Downloads, wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up), $EMBEDS embeds each;"
echo "server, load generator, s3proxy and the simulator share this machine's $(nproc) cores (numbers are relative)."
printf '%s\n' "${ROWS[@]}" | python3 "$ROOT/benchmarks/download-table.py"
echo
echo "x_nginx: requests/s divided by nginx's for the same format in this run (nginx serves the plaintext of (a))."
echo "cpu_ms/req: CPU time (user + system) the server process(es) used per request during the run; cpu_x_nginx:"
echo "nginx's cpu_ms/req divided by ours, i.e. the ratio both would reach on the same CPU (less sensitive to load)."
echo "avg_bytes: response bytes per request incl. headers. errors: non-2xx answers plus socket errors."
echo "vault_decrypts: Transit decrypt calls the simulator saw during the measured run."
echo "The Vault rows use a SIMULATOR of Vault's Transit API on loopback (test-support), not a real Vault: they"
echo "measure our client path and its key cache; a real Vault adds TLS, network and its own latency per unwrap."
echo "S3 is s3proxy 4.1.0 on loopback (its file-system provider), not a remote object store."
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg) (includes this run's own load; other work skews every row)."
echo "Total $((SECONDS - started)) s; logs and wrk outputs in ${WORK#$ROOT/}/"
