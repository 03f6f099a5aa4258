package io.karafimages.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Concurrent clients of {@code POST /v1/apps/images/generate}, one platform thread each, for a fixed time. In
 * {@link Mode#OPEN} every client posts back to back (the acceptance path at full speed; the queue grows); in
 * {@link Mode#CLOSED} every client waits for its task to end before the next post, as a user waiting for a
 * picture (the engine stays saturated with at most one task per client). Latencies are recorded for 202s only.
 */
final class LoadClients {
    /** OPEN: back-to-back posts; CLOSED: each client waits for its task; BURST: each client posts until accepted once. */
    enum Mode { OPEN, CLOSED, BURST }

    /** What one run saw. */
    record Result(List<String> taskIds, long[] acceptedLatencyNanos, Map<Integer, Integer> statuses,
            int transportErrors, long wallNanos) {
        int posts() {
            return statuses.values().stream().mapToInt(Integer::intValue).sum() + transportErrors;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");
    private static final String[] RATIOS = { "1:1", "16:9", "9:16" };
    private final HttpClient http;
    private final String api;
    private final String key;

    LoadClients(HttpClient http, String api, String key) {
        this.http = http;
        this.api = api;
        this.key = key;
    }

    Result run(Mode mode, int clients, Duration duration) throws InterruptedException {
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger transportErrors = new AtomicInteger();
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long n = sequence.incrementAndGet();
                    String body = JSON.createObjectNode().put("prompt", "load " + n + " " + UUID.randomUUID())
                            .put("aspect_ratio", mode == Mode.BURST ? "1:1" : RATIOS[(int) (n % RATIOS.length)]).toString();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r;
                    try {
                        r = http.send(post(body), HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        transportErrors.incrementAndGet();
                        continue;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long latency = System.nanoTime() - t0;
                    statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (r.statusCode() != 202) {
                        continue;
                    }
                    latencies.add(latency);
                    String id = read(r.body()).get("task_id").asText();
                    ids.add(id);
                    if (mode == Mode.BURST) {
                        return;
                    }
                    if (mode == Mode.CLOSED) {
                        awaitTerminal(id, end + Duration.ofMinutes(5).toNanos());
                    }
                }
            }, "load-client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        Map<Integer, Integer> counted = new java.util.TreeMap<>();
        statuses.forEach((s, n) -> counted.put(s, n.get()));
        return new Result(List.copyOf(ids), latencies.stream().mapToLong(Long::longValue).toArray(), counted,
                transportErrors.get(), System.nanoTime() - start);
    }

    /**
     * The task's JSON; polls once a second until it is terminal or the deadline (System.nanoTime) passes. Once a
     * second keeps the polling of 50 waiting clients (50 GET/s) small next to what is measured.
     */
    JsonNode awaitTerminal(String taskId, long deadlineNanos) {
        JsonNode task = task(taskId);
        while (task == null || !TERMINAL.contains(task.path("status").asText())) {
            if (System.nanoTime() > deadlineNanos) {
                return task;
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            task = task(taskId);
        }
        return task;
    }

    /** {@code GET /v1/tasks/{id}}; null on a transport error or a non-200 answer. */
    JsonNode task(String taskId) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(api + "/tasks/" + taskId))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? read(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code DELETE /v1/tasks/{id}}: true when the runtime accepted the cancellation (202). */
    boolean cancel(String taskId) {
        HttpRequest delete = HttpRequest.newBuilder(URI.create(api + "/tasks/" + taskId))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).DELETE().build();
        try {
            return http.send(delete, HttpResponse.BodyHandlers.discarding()).statusCode() == 202;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean terminal(JsonNode task) {
        return task != null && TERMINAL.contains(task.path("status").asText());
    }

    private HttpRequest post(String body) {
        return HttpRequest.newBuilder(URI.create(api + "/apps/images/generate"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
