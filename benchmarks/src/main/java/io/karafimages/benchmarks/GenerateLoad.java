package io.karafimages.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.providers.GeminiSimulator;

/**
 * The load driver of {@code benchmarks/generate-load.sh}. Starts a zero-latency {@link GeminiSimulator} (a SIMULATOR of
 * the Gemini API from test-support, on loopback: it answers at once, so what is measured is this runtime, not a
 * model), points the running distribution's Gemini provider at it by writing {@code etc/images.provider.google.cfg},
 * then drives {@code POST /v1/apps/images/generate} ({@code draft: false}) from concurrent clients for a fixed time,
 * waits until every accepted task has ended, and prints requests/s, the p50/p99 latency of the 202s, completed tasks
 * per minute and whether any accepted task was lost (not terminal after the drain).
 *
 * <p>Usage: {@code GenerateLoad <karaf home> <api base> <api key>}; the Gemini key comes from the environment variable
 * {@code IMAGES_BENCH_GEMINI_KEY} (the runtime reads the same variable through {@code $[env:...]}). Settings as system
 * properties: {@code clients} (50), {@code seconds} (60), {@code modes} ({@code open,closed}), {@code drain.seconds}
 * (1800), {@code warmup.seconds} (10; 0 = none), {@code image.size} (the provider's {@code image.size}: 1K),
 * {@code photo} (false: one-colour answers; true: photo-like square PNGs, as large as a model's).
 * Exit status 1 when a task was lost or failed.
 */
public final class GenerateLoad {
    private static final String MODEL = "gemini-3-pro-image-preview";

    private GenerateLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: GenerateLoad <karaf home> <api base> <api key>");
        }
        Path home = Path.of(args[0]);
        String api = args[1];
        String key = args[2];
        String geminiKey = System.getenv("IMAGES_BENCH_GEMINI_KEY");
        int clients = Integer.getInteger("clients", 50);
        Duration duration = Duration.ofSeconds(Integer.getInteger("seconds", 60));
        Duration drain = Duration.ofSeconds(Integer.getInteger("drain.seconds", 1800));
        // the POST path alone: the provider answers only after this, so the workers render nothing while clients run
        Duration providerHold = Duration.ofMillis(Long.getLong("provider.hold.ms", 0));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).connectTimeout(Duration.ofSeconds(10)).build();
        LoadClients load = new LoadClients(http, api, key);
        boolean ok = true;
        try (GeminiSimulator gemini = new GeminiSimulator(geminiKey, MODEL)) {
            if (Boolean.getBoolean("photo")) { // photo-like answers (as large as a real model's), not one colour
                java.util.Map<Integer, byte[]> photos = new java.util.concurrent.ConcurrentHashMap<>();
                gemini.finalImages((w, h) -> photos.computeIfAbsent(w, PhotoLikeImage::png));
            }
            configureGemini(home, gemini, System.getProperty("image.size", "1K"));
            awaitGemini(http, api, key);
            System.out.printf("Gemini provider configured against the SIMULATOR at %s (zero latency)%n", gemini.baseUrl());
            int warmUp = Integer.getInteger("warmup.seconds", 10);
            if (warmUp > 0) {
                LoadClients.Result warm = load.run(LoadClients.Mode.CLOSED, 4, Duration.ofSeconds(warmUp));
                Outcome warmed = drain(load, warm.taskIds(), drain);
                System.out.printf("warm-up: %d tasks, %s%n", warm.taskIds().size(), warmed.byStatus());
            }
            int jitWarmUp = Integer.getInteger("warmup.open.seconds", 0);
            if (jitWarmUp > 0) { // the measured path compiled by C2 first: back-to-back POSTs, nothing rendered
                gemini.latency(Duration.ofSeconds(jitWarmUp + 5));
                LoadClients.Result warm = load.run(LoadClients.Mode.OPEN, clients, Duration.ofSeconds(jitWarmUp));
                gemini.latency(Duration.ZERO);
                long cancelled = warm.taskIds().parallelStream().filter(load::cancel).count();
                Outcome warmed = drain(load, warm.taskIds(), drain);
                System.out.printf("JIT warm-up: %d back-to-back POSTs in %d s, %d cancelled: %s%n",
                        warm.taskIds().size(), jitWarmUp, cancelled, warmed.byStatus());
            }
            for (String m : System.getProperty("modes", "open,closed").split(",")) {
                LoadClients.Mode mode = LoadClients.Mode.valueOf(m.trim().toUpperCase());
                int calls = gemini.requests().size();
                double cpuFrom = serverCpuSeconds();
                Instant from = Instant.now();
                gemini.latency(providerHold); // > 0: the workers wait in the simulator, nothing renders
                LoadClients.Result result = load.run(mode, clients, duration);
                Instant to = Instant.now();
                double cpu = serverCpuSeconds() - cpuFrom;
                gemini.latency(Duration.ZERO);
                long[] sorted = result.acceptedLatencyNanos().clone();
                Arrays.sort(sorted);
                System.out.printf("%s: %d accepted in %.1f s, 202 p50 %.1f ms, p99 %.1f ms; draining...%n", mode,
                        sorted.length, result.wallNanos() / 1e9, pct(sorted, 50) / 1e6, pct(sorted, 99) / 1e6);
                boolean cancel = !providerHold.isZero(); // the POST path alone: its tasks need not render
                if (cancel) {
                    System.out.printf("provider held: %d of the accepted tasks cancelled before the drain%n",
                            result.taskIds().parallelStream().filter(load::cancel).count());
                }
                Outcome outcome = drain(load, result.taskIds(), drain);
                ok &= report(mode, clients, result, outcome, from, to, gemini.requests().size() - calls, cancel);
                reportCpu(cpu, result, outcome, from, to);
            }
            if (!gemini.problems().isEmpty()) {
                System.out.println("the simulator saw invalid requests: " + gemini.problems());
                ok = false;
            }
        }
        System.exit(ok ? 0 : 1);
    }

    /** Every accepted task's last JSON, once all are terminal or the drain time is over. */
    record Outcome(Map<String, JsonNode> tasks, Duration drained) {
        Map<String, Integer> byStatus() {
            Map<String, Integer> counts = new TreeMap<>();
            tasks.values().forEach(t -> counts.merge(t == null ? "unknown" : t.path("status").asText(), 1, Integer::sum));
            return counts;
        }
    }

    private static Outcome drain(LoadClients load, List<String> ids, Duration limit) {
        long start = System.nanoTime();
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        ids.forEach(id -> tasks.put(id, null));
        List<String> pending = new ArrayList<>(ids);
        while (!pending.isEmpty() && System.nanoTime() - start < limit.toNanos()) {
            int runningInARow = 0; // tasks end roughly in submission order: stop a sweep at the queued ones
            for (Iterator<String> it = pending.iterator(); it.hasNext() && runningInARow < 50;) {
                String id = it.next();
                JsonNode task = load.task(id);
                tasks.put(id, task);
                if (LoadClients.terminal(task)) {
                    it.remove();
                } else {
                    runningInARow++;
                }
            }
            if (!pending.isEmpty()) {
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
        }
        return new Outcome(tasks, Duration.ofNanos(System.nanoTime() - start));
    }

    private static boolean report(LoadClients.Mode mode, int clients, LoadClients.Result r, Outcome o, Instant from,
            Instant to, int providerCalls, boolean cancelled) {
        double seconds = r.wallNanos() / 1e9;
        long[] latencies = r.acceptedLatencyNanos().clone();
        Arrays.sort(latencies);
        List<Instant[]> completed = new ArrayList<>(); // created, finished
        o.tasks().values().stream().filter(t -> t != null && "completed".equals(t.path("status").asText()))
                .forEach(t -> completed.add(new Instant[] { Instant.parse(t.get("created_at").asText()),
                        Instant.parse(t.get("updated_at").asText()) }));
        long inWindow = completed.stream().filter(c -> !c[1].isBefore(from) && !c[1].isAfter(to)).count();
        Instant first = completed.stream().map(c -> c[0]).min(Instant::compareTo).orElse(from);
        Instant last = completed.stream().map(c -> c[1]).max(Instant::compareTo).orElse(to);
        double span = Math.max(1e-3, Duration.between(first, last).toMillis() / 1000.0);
        long[] endToEnd = completed.stream().mapToLong(c -> Duration.between(c[0], c[1]).toMillis()).sorted().toArray();
        Map<String, Integer> byStatus = o.byStatus();
        long lost = o.tasks().values().stream().filter(t -> !LoadClients.terminal(t)).count();

        System.out.printf("%n== %s: %d clients, %.1f s ==%n", switch (mode) {
            case OPEN -> "open loop (back-to-back POSTs)";
            case CLOSED -> "closed loop (each client waits for its task)";
            case BURST -> "burst (each client starts one task at once)";
        }, clients, seconds);
        System.out.printf("POST requests: %d (%.1f requests/s); statuses %s; transport errors %d%n", r.posts(),
                r.posts() / seconds, r.statuses(), r.transportErrors());
        System.out.printf("202 latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d accepted)%n", pct(latencies, 50) / 1e6,
                pct(latencies, 99) / 1e6, latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                latencies.length);
        System.out.printf("accepted tasks now: %s after a drain of %d s; not terminal (lost): %d%n", byStatus,
                o.drained().toSeconds(), lost);
        System.out.printf("completed per minute: %.0f while loading (%d in %.0f s); %.0f end to end (%d from first "
                + "accept to last completion, %.0f s)%n", inWindow * 60.0 / seconds, inWindow, seconds,
                completed.size() * 60.0 / span, completed.size(), span);
        System.out.printf("task latency (created to completed): p50 %.1f s, p99 %.1f s%n", pct(endToEnd, 50) / 1e3,
                pct(endToEnd, 99) / 1e3);
        System.out.printf("Gemini simulator calls: %d for %d completed tasks%n", providerCalls, completed.size());
        // cancelled in the provider call: called, not completed
        return lost == 0 && byStatus.getOrDefault("failed", 0) == 0
                && (cancelled ? providerCalls >= completed.size() : providerCalls == completed.size());
    }

    /**
     * The runtime's CPU time while the clients ran (-Druntime.pid), next to what it did meanwhile: POSTs answered and
     * tasks completed. Two modes give two equations (cpu = a x posts + b x tasks): the open loop is mostly POSTs, the
     * closed loop mostly tasks, which separates the CPU a POST costs from the CPU a task costs.
     */
    private static void reportCpu(double cpu, LoadClients.Result r, Outcome o, Instant from, Instant to) {
        if (Double.isNaN(cpu)) {
            return;
        }
        long done = o.tasks().values().stream().filter(t -> t != null && "completed".equals(t.path("status").asText()))
                .map(t -> Instant.parse(t.get("updated_at").asText())).filter(u -> !u.isBefore(from) && !u.isAfter(to))
                .count();
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        System.out.printf("server CPU while loading: %.1f s in %.1f s (%.2f cores) for %d POSTs and %d completed tasks:"
                + " %.2f ms per POST if the tasks cost nothing%n", cpu, seconds, cpu / seconds, r.posts(), done,
                cpu * 1000 / Math.max(1, r.posts()));
    }

    /** utime + stime of the runtime's JVM from /proc (Linux), or NaN without -Druntime.pid. */
    private static double serverCpuSeconds() {
        String pid = System.getProperty("runtime.pid");
        if (pid == null) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // fields 14 and 15, in USER_HZ (100)
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Writes etc/images.provider.google.cfg atomically; Karaf's file installer applies it while running. */
    static void configureGemini(Path home, GeminiSimulator gemini, String imageSize) throws Exception {
        Path cfg = home.resolve("etc/images.provider.google.cfg");
        Path tmp = home.resolve("etc/.images.provider.google.cfg.tmp");
        Files.write(tmp, List.of("# the Gemini SIMULATOR of the benchmarks (zero latency), not Google",
                ".api.key = $[env:IMAGES_BENCH_GEMINI_KEY]", "base.url = " + gemini.baseUrl(), "timeout.seconds = 60",
                "image.size = " + imageSize),
                StandardCharsets.UTF_8);
        Files.move(tmp, cfg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until the health checks, which only an admin's key sees (the initial key is the admin's), name Gemini. */
    static void awaitGemini(HttpClient http, String api, String adminKey) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create(api + "/health"))
                .header("Authorization", "Bearer " + adminKey).GET().build();
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("google")) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the Gemini provider did not start within 120 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
