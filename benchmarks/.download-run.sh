#!/usr/bin/env bash
# Download benchmark (issue 4): throughput and latency of PREVIEW downloads (decrypt and stream) through
# GET /v1/embeds/{id}/file?format=preview (Authorization: Bearer <key>) on the real distribution (the tar.gz of
# karaf-assembly unpacked, bin/karaf server, JAVA_MAX_MEM=1g, free ports), driven by wrk (download.lua rotates over
# the embed ids), in four configurations:
#   fs + local keys          the embedded defaults
#   S3 + local keys          s3proxy 4.1.0 (a real S3 API server) on loopback
#   fs + Vault, cache 60 s   images.keys.vault cache.ttl.seconds = 60
#   fs + Vault, no cache     cache.ttl.seconds = 0 (every download unwraps its data key through Transit)
# and next to them the same preview bytes as plaintext files served by Debian's nginx on loopback.
# The Vault rows talk to a SIMULATOR of Vault's Transit API (test-support, on loopback), NOT to a real Vault: they
# measure our Vault client and its key cache, not what a real Vault (TLS, network, its own latency) adds.
# Each configuration gets EMBEDS fresh generations (offline local provider), a WARMUP run, then a DURATION run.
# Needs: the project built (mvn -DskipTests install), Java 17, python3, Debian packages 'wrk' and 'nginx'.
# Settings (environment): DURATION=20s WARMUP=5s THREADS=4 CONNECTIONS=32 EMBEDS=20. About 5 minutes on an idle
# machine (3 Karaf boots, 3 x 20 generations, 5 x 25 s of wrk); longer while other builds run.
# Logs and wrk outputs stay in benchmarks/target/download/. Every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-20s} WARMUP=${WARMUP:-5s} THREADS=${THREADS:-4} CONNECTIONS=${CONNECTIONS:-32} EMBEDS=${EMBEDS:-20}
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
mvn -q -DskipTests -pl benchmarks process-classes dependency:build-classpath -Dmdep.outputFile="$WORK/classpath"
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
# JAVA_MAX_MEM as this benchmark has always set it (Karaf 4.4's Unix scripts do not read it, see distribution.sh)
KARAF_JAVA_ENV=(JAVA_MAX_MEM=1g)
prepare_karaf() { # name: unpack a fresh distribution on free ports, with a rate limit that generation does not hit
  unpack_distribution "$WORK/$1"
  raise_rate_limits 100000 1000
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
measure() { # label base-url ids-file: a warm-up run, then the measured run; one table row
  local label=$1 url=$2 ids=$3 out d0 d1 r
  out=$WORK/wrk-$(echo "$label" | tr -c 'a-zA-Z0-9\n' '-').txt
  echo "  $label: warm-up $WARMUP, then $DURATION (wrk -t$THREADS -c$CONNECTIONS)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$LUA" "$url" -- "$ids" "$KEY" >"$out.warmup"
  d0=$(vault_count decrypt)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LUA" "$url" -- "$ids" "$KEY" >"$out"
  d1=$(vault_count decrypt)
  r=$(grep '^RESULT ' "$out") || { cat "$out" >&2; exit 1; }
  [[ $label == *Vault* ]] || { d0=; d1=; }
  ROWS+=("$label|$r|${d0:+$((d1 - d0))}")
}

echo "== download benchmark: $EMBEDS embeds per configuration; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "(a) fs + local keys"
prepare_karaf fs-local
start_karaf_with fs local
generate "$WORK/ids-fs-local" "$WORK/nginx/html"
measure "fs + local keys" "http://127.0.0.1:$PORT/" "$WORK/ids-fs-local"
stop_karaf

echo "(b) S3 (s3proxy) + local keys"
prepare_karaf s3-local
cp "$WORK/backends/etc-s3/images.storage.s3.cfg" "$KHOME/etc/"
add_boot_feature images-storage-s3
set_prop etc/images.backends.cfg storage s3
set_prop etc/images.backends.cfg keys local
start_karaf_with s3 local
generate "$WORK/ids-s3-local"
measure "S3 (s3proxy) + local keys" "http://127.0.0.1:$PORT/" "$WORK/ids-s3-local"
stop_karaf

echo "(c, d) fs + Vault Transit SIMULATOR, with and without the key cache"
prepare_karaf fs-vault
cp "$WORK/backends/etc-vault/images.keys.vault.cfg" "$KHOME/etc/"
add_boot_feature images-keys-vault
set_prop etc/images.backends.cfg storage fs
set_prop etc/images.backends.cfg keys vault
set_prop etc/images.keys.vault.cfg cache.ttl.seconds 60
start_karaf_with fs vault
generate "$WORK/ids-fs-vault"
measure "fs + Vault sim, cache 60 s" "http://127.0.0.1:$PORT/" "$WORK/ids-fs-vault"
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
measure "fs + Vault sim, no cache" "http://127.0.0.1:$PORT/" "$WORK/ids-fs-vault"
stop_karaf

echo "(e) nginx: the previews of (a), decrypted, as plaintext files"
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
  curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/v1/embeds/$first/file?format=preview" && break
  (( n < 100 )) || { cat "$WORK/nginx/logs/"* >&2; exit 1; }
  sleep 0.1
done
cmp -s <(curl -sf "http://127.0.0.1:$NGINX_PORT/v1/embeds/$first/file?format=preview") \
  "$WORK/nginx/html/v1/embeds/$first/file" || { echo "nginx serves other bytes" >&2; exit 1; }
measure "nginx, plaintext files" "http://127.0.0.1:$NGINX_PORT/" "$WORK/ids-fs-local"
stop_group "$NGINX"
stop_all_groups

echo
echo "Preview downloads, wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up), $EMBEDS embeds each;"
echo "server, load generator, s3proxy and the simulator share this machine's $(nproc) cores (numbers are relative)."
printf '%-28s %10s %9s %9s %11s %11s %8s %14s\n' configuration requests/s p50_ms p99_ms transfer/s avg_bytes errors vault_decrypts
for row in "${ROWS[@]}"; do
  IFS='|' read -r label result decrypts <<<"$row"
  python3 - "$label" "$result" "${decrypts:--}" <<'EOF'
import sys
label, result, decrypts = sys.argv[1], sys.argv[2], sys.argv[3]
r = {k: int(v) for k, v in (kv.split("=") for kv in result.split()[1:])}
seconds = r["duration_us"] / 1e6
print("%-28s %10.0f %9.2f %9.2f %7.1f MiB %11.0f %8d %14s" % (label, r["requests"] / seconds, r["p50_us"] / 1000,
      r["p99_us"] / 1000, r["bytes"] / seconds / 2**20, r["bytes"] / max(1, r["requests"]),
      r["status_errors"] + r["socket_errors"], decrypts))
EOF
done
echo
echo "avg_bytes: response bytes per request incl. headers. errors: non-2xx answers plus socket errors."
echo "vault_decrypts: Transit decrypt calls the simulator saw during the measured run."
echo "The Vault rows use a SIMULATOR of Vault's Transit API on loopback (test-support), not a real Vault: they"
echo "measure our client path and its key cache; a real Vault adds TLS, network and its own latency per unwrap."
echo "S3 is s3proxy 4.1.0 on loopback (its file-system provider), not a remote object store."
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg) (includes this run's own load; other work skews every row)."
echo "Total $((SECONDS - started)) s; logs and wrk outputs in ${WORK#$ROOT/}/"
