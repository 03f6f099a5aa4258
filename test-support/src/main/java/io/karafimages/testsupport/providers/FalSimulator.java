package io.karafimages.testsupport.providers;

import static io.karafimages.testsupport.providers.FalWire.detail;
import static io.karafimages.testsupport.providers.FalWire.log;
import static io.karafimages.testsupport.providers.FalWire.obj;
import static io.karafimages.testsupport.providers.FalWire.png;
import static io.karafimages.testsupport.providers.FalWire.send;
import static io.karafimages.testsupport.providers.FalWire.size;
import static io.karafimages.testsupport.providers.FalWire.validate;
import static io.karafimages.testsupport.providers.FalWire.validateEdit;
import static io.karafimages.testsupport.providers.FalWire.validation;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A SIMULATOR of fal.ai's queue API on 127.0.0.1, not fal's service: it is built from fal's documented queue
 * protocol (submit answers {@code request_id/status_url/response_url/cancel_url}, status {@code IN_QUEUE} with
 * {@code queue_position}, {@code IN_PROGRESS} with {@code logs} when asked with {@code ?logs=1}, {@code COMPLETED};
 * result {@code {images:[{url,width,height,content_type}], has_nsfw_concepts, seed, timings}}; {@code PUT cancel_url})
 * and from the FLUX.2 [klein] input schema ({@code prompt}, {@code image_size} preset or {@code {width,height}},
 * {@code num_images}, {@code output_format}, {@code image_urls} for {@code /edit}). It also serves the klein edit
 * endpoint ({@code fal-ai/flux-2/klein/9b/edit} unless told otherwise): {@code prompt}, {@code image_urls} (1 to 4,
 * {@code https} or base64 data URIs of real images), optional integer {@code seed} and {@code image_size} (sides up
 * to {@link FalWire#EDIT_MAX_SIDE}); without {@code image_size} it draws at the first input image's size. Errors
 * follow fal's FastAPI shape {@code {"detail": ...}}. As on fal, the status/result/cancel URLs name the app without
 * the model's sub-path.
 *
 * <p>It checks what the adapter sends: the {@code Authorization: Key ...} header on every queue call (else 401), the
 * model path (else 404), and the input (else 422 with a {@code detail} list). Images are served by a second server,
 * a stand-in for fal's CDN on another origin, which must not receive the API key. Images have the size fal would
 * draw for the requested {@code image_size}. Deviations are also recorded in {@link #problems()}.
 *
 * <p>The provider-fal unit tests and the distribution's integration tests ({@code ProvidersIT}) use this one copy.
 */
public final class FalSimulator implements AutoCloseable {
    /** How requests go (sticky until changed). */
    public enum Script {
        COMPLETES, STUCK_IN_PROGRESS, SUBMIT_REJECTED, SUBMIT_RATE_LIMITED, SUBMIT_SERVER_ERROR, CONTENT_POLICY,
        NSFW, GARBAGE_IMAGE
    }

    /** The klein edit endpoint the two-argument constructor serves. */
    public static final String DEFAULT_EDIT_MODEL = "fal-ai/flux-2/klein/9b/edit";

    /**
     * One submitted request as the simulator saw it; {@code seed} is null when absent, {@code images} are the
     * readable {@code image_urls} entries, decoded.
     */
    public record Submission(String path, JsonElement imageSize, String prompt, int imageUrls, String outputFormat,
            Long seed, List<FalWire.InputImage> images) {
    }

    private final HttpServer queue;
    private final HttpServer cdn;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String key;
    private final String model;
    private final String editModel;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final List<Submission> submissions = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger statusPolls = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private volatile Script script = Script.COMPLETES;

    private static final class Job {
        final String id;
        final String app;
        final int[] size;
        volatile int polls;
        volatile boolean cancelled;

        Job(String id, String app, int[] size) {
            this.id = id;
            this.app = app;
            this.size = size;
        }
    }

    /** Serves {@code model} (and {@code model/edit}) and the klein edit endpoint {@value #DEFAULT_EDIT_MODEL}. */
    public FalSimulator(String key, String model) throws IOException {
        this(key, model, DEFAULT_EDIT_MODEL);
    }

    public FalSimulator(String key, String model, String editModel) throws IOException {
        this.key = key;
        this.model = model;
        this.editModel = editModel;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        queue = HttpServer.create(loopback, 0);
        cdn = HttpServer.create(loopback, 0);
        queue.setExecutor(executor);
        cdn.setExecutor(executor);
        queue.createContext("/", ex -> serve(ex, this::queue));
        cdn.createContext("/files/", ex -> serve(ex, this::file));
        queue.start();
        cdn.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + queue.getAddress().getPort();
    }

    public void script(Script next) {
        script = next;
    }

    public List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int statusPolls() {
        return statusPolls.get();
    }

    public int cancels() {
        return cancels.get();
    }

    @Override
    public void close() {
        queue.stop(0);
        cdn.stop(0);
        executor.shutdownNow();
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private void serve(HttpExchange ex, Handler handler) throws IOException {
        try {
            handler.handle(ex);
        } catch (RuntimeException e) {
            problems.add("simulator failed on " + ex.getRequestURI() + ": " + e);
            send(ex, 500, Map.of(), detail("Internal simulator error"));
        } finally {
            ex.close();
        }
    }

    private void queue(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!("Key " + key).equals(auth)) {
            problems.add("Authorization on " + ex.getRequestMethod() + " " + path + " was "
                    + (auth == null ? "missing" : "wrong"));
            send(ex, 401, Map.of(), detail("Cannot access application '" + app(path.substring(1))
                    + "'. Authentication is required."));
            return;
        }
        String method = ex.getRequestMethod();
        if ("POST".equals(method) && (path.equals("/" + model) || path.equals("/" + model + "/edit")
                || path.equals("/" + editModel))) {
            submit(ex, path);
            return;
        }
        Job job = job(path);
        String prefix = job == null ? "" : "/" + job.app + "/requests/";
        if (job == null) {
            problems.add("unexpected " + method + " " + path);
            send(ex, 404, Map.of(), detail("Not Found"));
        } else if ("GET".equals(method) && path.endsWith("/status")) {
            status(ex, job);
        } else if ("PUT".equals(method) && path.endsWith("/cancel")) {
            cancels.incrementAndGet();
            job.cancelled = true;
            send(ex, 202, Map.of(), obj("status", "CANCELLATION_REQUESTED"));
        } else if ("GET".equals(method) && path.equals(prefix + job.id)) {
            result(ex, job);
        } else {
            problems.add("unexpected " + method + " " + path);
            send(ex, 405, Map.of(), detail("Method Not Allowed"));
        }
    }

    private void submit(HttpExchange ex, String path) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            problems.add("submit Content-Type was " + type);
        }
        JsonObject in = JsonParser.parseReader(new InputStreamReader(ex.getRequestBody(), StandardCharsets.UTF_8))
                .getAsJsonObject();
        boolean kleinEdit = path.equals("/" + editModel);
        JsonElement imageSize = in.get("image_size");
        Submission submission = submission(path, in);
        submissions.add(submission);
        String invalid = kleinEdit ? validateEdit(in) : validate(in, path.endsWith("/edit"));
        int[] size = invalid != null ? null : kleinEdit ? editSize(imageSize, submission) : size(imageSize);
        if (invalid != null || size == null) {
            String what = invalid != null ? invalid : "image_size";
            problems.add("invalid input: " + what);
            send(ex, 422, Map.of(), validation(what, "Input should be valid", "value_error"));
            return;
        }
        switch (script) {
            case SUBMIT_REJECTED -> send(ex, 422, Map.of(), validation("prompt", "Prompt is too long for this model",
                    "value_error"));
            case SUBMIT_RATE_LIMITED -> send(ex, 429, Map.of("Retry-After", "9"), detail("Rate limit exceeded"));
            case SUBMIT_SERVER_ERROR -> send(ex, 500, Map.of("Retry-After", "4"), detail("Internal Server Error"));
            default -> {
                Job job = new Job(UUID.randomUUID().toString(), app(path.substring(1)), size);
                jobs.put(job.id, job);
                JsonObject answer = urls(job);
                answer.addProperty("request_id", job.id);
                answer.addProperty("queue_position", 2);
                send(ex, 200, Map.of(), answer);
            }
        }
    }

    /** COMPLETES: two polls in the queue, two in progress with sampler logs, then done. */
    private void status(HttpExchange ex, Job job) throws IOException {
        statusPolls.incrementAndGet();
        boolean logs = "logs=1".equals(ex.getRequestURI().getQuery());
        if (!logs) {
            problems.add("status polled without ?logs=1");
        }
        int poll = ++job.polls;
        JsonObject answer = urls(job);
        JsonArray lines = new JsonArray();
        if (script == Script.STUCK_IN_PROGRESS || poll == 3 || poll == 4) {
            answer.addProperty("status", "IN_PROGRESS");
            lines.add(log("Loading FLUX.2 [klein] 9B base"));
            lines.add(log(poll == 4 ? "Sampling 28/28" : "Sampling 7/28"));
        } else if (poll <= 2) {
            answer.addProperty("status", "IN_QUEUE");
            answer.addProperty("queue_position", 2 - poll);
        } else {
            answer.addProperty("status", "COMPLETED");
            lines.add(log("Sampling 28/28"));
            JsonObject metrics = new JsonObject();
            metrics.addProperty("inference_time", 0.84);
            answer.add("metrics", metrics);
        }
        if (logs && lines.size() > 0) {
            answer.add("logs", lines);
        }
        send(ex, "COMPLETED".equals(answer.get("status").getAsString()) ? 200 : 202, Map.of(), answer);
    }

    private void result(HttpExchange ex, Job job) throws IOException {
        if (job.polls < 5) {
            problems.add("result fetched before COMPLETED");
            send(ex, 400, Map.of(), detail("Request is still in progress"));
            return;
        }
        if (script == Script.CONTENT_POLICY) {
            send(ex, 422, Map.of(), validation("prompt", "The content could not be processed because it contained "
                    + "material flagged by a content checker.", "content_policy_violation"));
            return;
        }
        JsonObject image = new JsonObject();
        image.addProperty("url", "http://127.0.0.1:" + cdn.getAddress().getPort() + "/files/" + job.id + ".png");
        image.addProperty("width", job.size[0]);
        image.addProperty("height", job.size[1]);
        image.addProperty("content_type", "image/png");
        JsonObject answer = new JsonObject();
        JsonArray images = new JsonArray();
        images.add(image);
        answer.add("images", images);
        JsonArray nsfw = new JsonArray();
        nsfw.add(script == Script.NSFW);
        answer.add("has_nsfw_concepts", nsfw);
        answer.addProperty("seed", 42);
        send(ex, 200, Map.of(), answer);
    }

    private void file(HttpExchange ex) throws IOException {
        if (ex.getRequestHeaders().containsKey("Authorization")) {
            problems.add("the API key was sent to the CDN");
        }
        String name = ex.getRequestURI().getPath().substring("/files/".length());
        Job job = jobs.get(name.replace(".png", ""));
        byte[] bytes = job == null ? null : script == Script.GARBAGE_IMAGE
                ? "<html>not an image</html>".getBytes(StandardCharsets.UTF_8) : png(job.size[0], job.size[1]);
        if (bytes == null) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "image/png");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Submission submission(String path, JsonObject in) {
        List<FalWire.InputImage> images = new ArrayList<>();
        if (in.has("image_urls") && in.get("image_urls").isJsonArray()) {
            for (JsonElement url : in.getAsJsonArray("image_urls")) {
                FalWire.InputImage image = url.isJsonPrimitive() ? FalWire.inputImage(url.getAsString()) : null;
                if (image != null) {
                    images.add(image);
                }
            }
        }
        JsonElement seed = in.get("seed");
        return new Submission(path, in.get("image_size"), in.has("prompt") ? in.get("prompt").getAsString() : null,
                in.has("image_urls") ? in.getAsJsonArray("image_urls").size() : 0,
                in.has("output_format") ? in.get("output_format").getAsString() : null,
                seed != null && seed.isJsonPrimitive() && seed.getAsJsonPrimitive().isNumber() ? seed.getAsLong() : null,
                List.copyOf(images));
    }

    /** An edit draws at {@code image_size}, or without one at the first input image's size. */
    private static int[] editSize(JsonElement imageSize, Submission submission) {
        if (imageSize != null || submission.images().isEmpty() || submission.images().get(0).width() < 0) {
            return size(imageSize);
        }
        return new int[] {submission.images().get(0).width(), submission.images().get(0).height()};
    }

    /** The app a model path belongs to, e.g. {@code fal-ai/flux-2}: fal's queue URLs name only that. */
    private static String app(String modelPath) {
        String[] parts = modelPath.split("/");
        return parts.length < 2 ? modelPath : parts[0] + "/" + parts[1];
    }

    /** The job a queue URL ({@code /{app}/requests/{id}...}) names, when it is under that job's own app. */
    private Job job(String path) {
        int at = path.indexOf("/requests/");
        if (at < 0) {
            return null;
        }
        Job job = jobs.get(path.substring(at + "/requests/".length()).split("/")[0]);
        return job != null && path.startsWith("/" + job.app + "/requests/") ? job : null;
    }

    private JsonObject urls(Job job) {
        String base = baseUrl() + "/" + job.app + "/requests/" + job.id;
        JsonObject o = new JsonObject();
        o.addProperty("status_url", base + "/status");
        o.addProperty("response_url", base);
        o.addProperty("cancel_url", base + "/cancel");
        return o;
    }

}
