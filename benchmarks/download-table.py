"""The table of benchmarks/download.sh: one 'label|format|RESULT ...|vault decrypts' line per run on stdin."""
import sys

rows = []
for line in sys.stdin.read().splitlines():
    label, fmt, result, decrypts = line.split("|")
    r = {k: int(v) for k, v in (kv.split("=") for kv in result.split()[1:])}
    seconds = r["duration_us"] / 1e6
    cpu = 1000.0 * r["cpu_ticks"] / r["ticks_per_s"] / max(1, r["requests"])
    rows.append((label, fmt, r["requests"] / seconds, r["p50_us"] / 1000, r["p99_us"] / 1000,
                 r["bytes"] / seconds / 2**20, r["bytes"] / max(1, r["requests"]),
                 r["status_errors"] + r["socket_errors"], decrypts or "-", cpu))
nginx = {fmt: rps for label, fmt, rps, *_ in rows if label.startswith("nginx")}
nginx_cpu = {fmt: row[9] for row in rows for label, fmt in [row[:2]] if label.startswith("nginx")}
print("%-28s %-7s %10s %8s %9s %9s %11s %10s %7s %14s %10s %11s" % ("configuration", "format", "requests/s",
      "x_nginx", "p50_ms", "p99_ms", "transfer/s", "avg_bytes", "errors", "vault_decrypts", "cpu_ms/req",
      "cpu_x_nginx"))
for label, fmt, rps, p50, p99, mib, avg, errors, decrypts, cpu in rows:
    ratio = "%.3f" % (rps / nginx[fmt]) if fmt in nginx else "-"
    cpu_ratio = "%.3f" % (nginx_cpu[fmt] / cpu) if fmt in nginx_cpu and cpu > 0 else "-"
    print("%-28s %-7s %10.0f %8s %9.2f %9.2f %7.1f MiB %10.0f %7d %14s %10.3f %11s" % (label, fmt, rps, ratio, p50,
          p99, mib, avg, errors, decrypts, cpu, cpu_ratio))
ours = [r for r in rows if r[0] == "fs + local keys" and r[1] == "preview"]
if ours and "preview" in nginx:
    ratio, p99 = ours[0][2] / nginx["preview"], ours[0][4]
    print("\nissue 12 target, preview on fs + local keys (>= 0.25 x nginx, p99 <= 20 ms): %.3f x nginx, p99 %.2f ms: %s"
          % (ratio, p99, "met" if ratio >= 0.25 and p99 <= 20 else "NOT met"))
    if ours[0][9] > 0 and "preview" in nginx_cpu:
        print("CPU per preview request: ours %.3f ms, nginx %.3f ms (%.3f x nginx at equal CPU)"
              % (ours[0][9], nginx_cpu["preview"], nginx_cpu["preview"] / ours[0][9]))
