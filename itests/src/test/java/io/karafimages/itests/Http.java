package io.karafimages.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small HTTP client for the /v1 API, plus polling with a deadline (no sleeps in assertions). */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port + "/v1";
    }

    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }
    }

    public Response send(String method, String path, String apiKey, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends raw bytes (an image upload) with their content type. */
    public Response sendBytes(String method, String path, String apiKey, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Uploads an image as a new embed and returns its id (asserting 201). */
    public String upload(String apiKey, byte[] image, String contentType) {
        Response r = sendBytes("POST", "/embeds", apiKey, image, contentType);
        if (r.status() != 201) {
            throw new AssertionError("upload failed: " + r);
        }
        return r.json().get("embed_id").asText();
    }

    public Response get(String path, String apiKey) {
        return send("GET", path, apiKey, null);
    }

    public Response post(String path, String apiKey, String body, String... headers) {
        return send("POST", path, apiKey, body, headers);
    }

    /** Calls {@code probe} until {@code done} holds or the deadline passes; returns the last value. */
    public static <T> T until(Duration deadline, Supplier<T> probe, Predicate<T> done) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + deadline + "; last value: " + last);
            }
            Thread.onSpinWait();
            try {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            } finally {
                last = probe.get();
            }
        }
        return last;
    }

    /**
     * Waits until {@code /health} says ready, as a load balancer would: features being installed does not mean every
     * DS component (storage, keys) has activated yet.
     */
    public Response awaitReady(Duration deadline) {
        return until(deadline, () -> {
            try {
                return get("/health", null);
            } catch (AssertionError notListeningYet) {
                return new Response(0, Map.of(), notListeningYet.getMessage().getBytes(StandardCharsets.UTF_8));
            }
        }, r -> r.status() == 200 && r.json().path("ready").asBoolean());
    }

    /** Starts a skill, asserting 202, and waits for its task to end; returns the task's last JSON. */
    public JsonNode runToEnd(String apiKey, String skill, String body, Duration deadline) {
        Response accepted = post("/apps/images/" + skill, apiKey, body);
        if (accepted.status() != 202) {
            throw new AssertionError(skill + ": expected 202, got " + accepted);
        }
        return awaitTask(accepted.json().path("task_id").asText(), apiKey, deadline);
    }

    /** The credits charged for one task, as the caller's usage lists them (one entry per charge). */
    public List<Long> charges(String apiKey, String taskId) {
        List<Long> credits = new java.util.ArrayList<>();
        for (JsonNode c : get("/usage", apiKey).json().path("charges")) {
            if (c.path("task_id").asText().equals(taskId)) {
                credits.add(c.path("cost").path("credits").asLong());
            }
        }
        return credits;
    }

    /** One skill of the listing; a missing node when it is not installed. */
    public JsonNode skill(String apiKey, String id) {
        for (JsonNode s : get("/apps/images/skills", apiKey).json()) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Waits for a task to reach a terminal state and returns its last JSON. */
    public JsonNode awaitTask(String taskId, String apiKey, Duration deadline) {
        return until(deadline, () -> get("/tasks/" + taskId, apiKey).json(),
                t -> List.of("completed", "failed", "cancelled").contains(t.path("status").asText()));
    }
}
