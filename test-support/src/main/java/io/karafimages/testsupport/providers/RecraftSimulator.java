package io.karafimages.testsupport.providers;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.karafimages.testsupport.providers.RecraftDrawing.Picture;
import io.karafimages.testsupport.providers.RecraftWire.Schema;

/**
 * A SIMULATOR of Recraft's editing API on 127.0.0.1, not Recraft's service. It is built from Recraft's OpenAPI and
 * tool pages: {@code POST /v1/images/{inpaint, replaceBackground, generateBackground, imageToImage, eraseRegion,
 * variateImage, crispUpscale, creativeUpscale, removeBackground, vectorize}} as {@code multipart/form-data} with
 * {@code Authorization: Bearer <token>}; answers {@code {created, credits, data:[{image_id, b64_json | url}]}}, or
 * {@code {created, credits, image:{...}}} for erase region, the two upscales, remove background and vectorize
 * (whose image is an SVG traced crudely from the input, {@link RecraftTracing}; hostile on request). Recraft
 * documents only that an error body is JSON that explains the error; this simulator answers {@code {"code",
 * "message"}} (an assumption, which the adapter reads tolerantly).
 *
 * <p>It CHECKS what the adapter sends and records every deviation in {@link #problems()}: the auth header (else
 * 401), missing, unknown or repeated fields, values outside the schema, images outside Recraft's limits for the
 * endpoint (crisp upscale takes sides from 32 px, vectorize any side within 16 MP, every other endpoint 256 to
 * 4096), masks that are not 8-bit grayscale with only 0 and 255, or not the image's size (each such request is
 * answered 400, as Recraft would). A valid request gets a real PNG, a visibly transformed copy of the input
 * ({@link RecraftDrawing}), or vectorize's SVG, with the endpoint's {@code credits}. Answers can be scripted
 * ({@link Answer}). A second server on another port stands for every other host: redirects point there and
 * {@code url} results are served from there; a token arriving there is a problem.
 *
 * <p>It also simulates Recraft's custom styles ({@link RecraftStyleApi}): {@code POST /v1/styles} (multipart, 1 to 5
 * {@code images} files and a base {@code style}) answers a fresh UUID that is remembered for the caller's token, and
 * {@code POST /v1/images/generations} (JSON) paints a plain PNG of the asked {@code size} in {@link #styleColour} of
 * its {@code style_id}, which must be one this simulator issued to the same token on a V2/V3 model (else 400).
 * Further tokens can be accepted as other Recraft accounts ({@link #acceptToken}). Create-style calls are recorded
 * in {@link #styleCalls()}, generations in {@link #generationCalls()}; both count in {@link #calls(String)} as
 * {@code styles} and {@code generations}.
 *
 * <p>The provider-recraft unit tests and the distribution's integration tests use this one copy.
 */
public final class RecraftSimulator implements AutoCloseable {
    /** How valid requests are answered. */
    public enum Answer {
        IMAGE, BAD_REQUEST, CONTENT_REFUSED, UNAUTHORIZED, NOT_ENOUGH_CREDITS, FORBIDDEN, RATE_LIMITED, SERVER_ERROR,
        /** Held until {@link #releaseSlow()} or {@link #close()}, then an image. */
        SLOW,
        /**
         * 200 with base64 that is not an image: an HTML document (for vectorize, XML whose root is not svg); for
         * create style an {@code id} that is not a string.
         */
        GARBAGE_IMAGE,
        /** 200 without any image (for create style: without an {@code id}). */
        NO_IMAGE,
        /**
         * 200 with the edit flattened onto white as an opaque RGB PNG: a remove background that lost its alpha
         * (vectorize answers its SVG as usual).
         */
        OPAQUE_IMAGE,
        /** 307 to the same path on the other host. */
        REDIRECT
    }

    /** A file part as received: its declared name and type, its bytes, and what it turned out to be. */
    public record Upload(String filename, String contentType, byte[] data, String format, int width, int height) {
    }

    /** One valid request: the endpoint (e.g. {@code inpaint}), its text fields and its files. */
    public record Call(String endpoint, Map<String, String> fields, Upload image, Optional<Upload> mask) {
    }

    /** One valid create-style request: its text fields ({@code style}, ...) and its {@code images} in order. */
    public record StyleCall(Map<String, String> fields, List<Upload> images) {
    }

    /**
     * One valid generation request: its JSON fields as text ({@code prompt}, {@code model}, {@code style_id},
     * {@code size}, ...; numbers and booleans as written, objects and arrays as JSON).
     */
    public record GenerationCall(Map<String, String> fields) {
    }

    /** Message of {@link Answer#BAD_REQUEST}, unless changed. */
    public static final String BAD_REQUEST_MESSAGE = "Prompt contains unsupported characters";

    private final HttpServer api;
    private final HttpServer elsewhere;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String token;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final RecraftStyleApi styles = new RecraftStyleApi();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<StyleCall> styleCalls = Collections.synchronizedList(new ArrayList<>());
    private final List<GenerationCall> generationCalls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** Published results by id: the bytes and their content type. */
    private final Map<String, Map.Entry<String, byte[]>> files = new ConcurrentHashMap<>();
    private final Queue<Answer> once = new ConcurrentLinkedQueue<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final AtomicInteger slowArrived = new AtomicInteger();
    private final AtomicInteger elsewhereHits = new AtomicInteger();
    private volatile Answer answer = Answer.IMAGE;
    private volatile String badRequestMessage = BAD_REQUEST_MESSAGE;
    private volatile boolean hostileSvg;

    public RecraftSimulator(String token) throws IOException {
        this.token = token;
        tokens.add(token);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        api = HttpServer.create(loopback, 0);
        elsewhere = HttpServer.create(loopback, 0);
        api.setExecutor(executor);
        elsewhere.setExecutor(executor);
        api.createContext("/", ex -> serve(ex, this::handle));
        elsewhere.createContext("/", ex -> serve(ex, this::foreign));
        api.start();
        elsewhere.start();
    }

    /** The API root to configure as {@code base.url}: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort() + "/v1";
    }

    /** How the following valid requests are answered, sticky until changed. */
    public void answerNext(Answer next) {
        answer = next;
    }

    /** Answers for the next valid requests, one each, in this order; then the sticky answer again. */
    public void answerOnce(Answer... next) {
        once.addAll(List.of(next));
    }

    /**
     * Whether vectorize answers carry the attacks of {@link RecraftTracing#HOSTILE_MARKERS} around the traced
     * drawing (a script, event handlers, external references, a {@code foreignObject}, a {@code javascript:} link, a
     * DOCTYPE with entities and a processing instruction); sticky until changed. The external entity points at this
     * simulator's other host, so {@link #elsewhereHits()} shows whether anything resolved it.
     */
    public void hostileSvg(boolean hostile) {
        hostileSvg = hostile;
    }

    public void badRequestMessage(String message) {
        badRequestMessage = message;
    }

    /** Lets requests held by {@link Answer#SLOW} finish. */
    public void releaseSlow() {
        releaseSlow.countDown();
    }

    public boolean slowRequestArrived() {
        return slowArrived.get() > 0;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Valid create-style requests ({@code POST /v1/styles}), oldest first. */
    public List<StyleCall> styleCalls() {
        return List.copyOf(styleCalls);
    }

    /** Valid generation requests ({@code POST /v1/images/generations}), oldest first. */
    public List<GenerationCall> generationCalls() {
        return List.copyOf(generationCalls);
    }

    /** The style ids issued to the constructor's token, oldest first. */
    public List<String> issuedStyleIds() {
        return issuedStyleIds(token);
    }

    /** The style ids issued to {@code apiToken}, oldest first; a style is usable only with the token it was made with. */
    public List<String> issuedStyleIds(String apiToken) {
        return styles.issued(apiToken);
    }

    /** Accepts {@code apiToken} too, as the token of another Recraft account (its styles are its own). */
    public void acceptToken(String apiToken) {
        tokens.add(apiToken);
    }

    /** The plain colour a generation in this style is painted with (derived from the id). */
    public static Color styleColour(String styleId) {
        return RecraftStyleApi.colourOf(styleId);
    }

    /** Requests that reached an endpoint (valid or not), e.g. {@code calls("inpaint")}. */
    public int calls(String endpoint) {
        AtomicInteger n = counts.get(endpoint);
        return n == null ? 0 : n.get();
    }

    public int totalCalls() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Requests that reached the other host (redirect targets and result downloads). */
    public int elsewhereHits() {
        return elsewhereHits.get();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        releaseSlow.countDown();
        api.stop(0);
        elsewhere.stop(0);
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
            RecraftWire.send(ex, 500, Map.of(), RecraftWire.error("internal_error", "Internal simulator error"));
        } finally {
            ex.close();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes(); // read first: an unread body can break the answer
        String path = ex.getRequestURI().getPath();
        String endpoint = path.equals("/v1/" + RecraftStyleApi.STYLES) ? RecraftStyleApi.STYLES
                : path.startsWith("/v1/images/") ? path.substring("/v1/images/".length()) : "";
        boolean styled = endpoint.equals(RecraftStyleApi.STYLES) || endpoint.equals(RecraftStyleApi.GENERATIONS);
        Schema schema = RecraftWire.SCHEMAS.get(endpoint);
        if (!"POST".equals(ex.getRequestMethod()) || (schema == null && !styled)) {
            problems.add("unexpected " + ex.getRequestMethod() + " " + path);
            RecraftWire.send(ex, 404, Map.of(), RecraftWire.error("not_found", "Not found"));
            return;
        }
        counts.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String caller = auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
        if (caller == null || !tokens.contains(caller)) {
            problems.add("Authorization on " + endpoint + " was " + (auth == null ? "missing" : "wrong"));
            RecraftWire.send(ex, 401, Map.of(), RecraftWire.error("unauthorized", "Invalid or missing API token"));
            return;
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (endpoint.equals(RecraftStyleApi.STYLES)) {
            createStyle(ex, caller, contentType, body);
        } else if (endpoint.equals(RecraftStyleApi.GENERATIONS)) {
            generate(ex, caller, contentType, body);
        } else {
            edit(ex, endpoint, schema, contentType, body);
        }
    }

    private void createStyle(HttpExchange ex, String caller, String contentType, byte[] body) throws IOException {
        StyleCall call;
        try {
            call = styles.readStyle(contentType, body, problems::add);
        } catch (IllegalArgumentException e) {
            reject(ex, RecraftStyleApi.STYLES, e.getMessage());
            return;
        }
        styleCalls.add(call);
        Answer a = nextAnswer();
        if (!scripted(ex, a)) {
            RecraftWire.send(ex, 200, Map.of(), styles.created(caller, call, a));
        }
    }

    private void generate(HttpExchange ex, String caller, String contentType, byte[] body) throws IOException {
        GenerationCall call;
        try {
            call = styles.readGeneration(caller, contentType, body, problems::add);
        } catch (IllegalArgumentException e) {
            reject(ex, RecraftStyleApi.GENERATIONS, e.getMessage());
            return;
        }
        generationCalls.add(call);
        Answer a = nextAnswer();
        if (!scripted(ex, a)) {
            RecraftWire.send(ex, 200, Map.of(), RecraftStyleApi.generated(call, a, this::publish));
        }
    }

    private void reject(HttpExchange ex, String endpoint, String invalid) throws IOException {
        problems.add(endpoint + ": " + invalid);
        RecraftWire.send(ex, 400, Map.of(), RecraftWire.error("invalid_request", invalid));
    }

    private void edit(HttpExchange ex, String endpoint, Schema schema, String contentType, byte[] body)
            throws IOException {
        String invalid;
        Call call = null;
        try {
            call = RecraftEditRequests.read(endpoint, schema, MultipartForm.parse(contentType, body), problems::add);
            invalid = RecraftEditRequests.check(endpoint, call, problems::add);
        } catch (IllegalArgumentException e) {
            invalid = e.getMessage();
        }
        if (invalid != null) {
            reject(ex, endpoint, invalid);
            return;
        }
        calls.add(call);
        answer(ex, endpoint, schema, call);
    }

    private void answer(HttpExchange ex, String endpoint, Schema schema, Call call) throws IOException {
        Answer a = nextAnswer();
        if (scripted(ex, a)) {
            return;
        }
        if (a == Answer.NO_IMAGE) {
            JsonObject empty = RecraftWire.envelope(schema, call);
            if (!schema.processLike()) {
                empty.add("data", new JsonArray());
            }
            RecraftWire.send(ex, 200, Map.of(), empty);
        } else {
            RecraftWire.send(ex, 200, Map.of(), RecraftWire.result(endpoint, schema, call, a, this::svg,
                    this::publish));
        }
    }

    private Answer nextAnswer() {
        return Optional.ofNullable(once.poll()).orElse(answer);
    }

    /**
     * Sends the scripted failures and redirects, which look the same on every endpoint; true when the exchange is
     * answered. {@link Answer#SLOW} waits here and leaves the answer to the endpoint.
     */
    private boolean scripted(HttpExchange ex, Answer a) throws IOException {
        switch (a) {
            case BAD_REQUEST -> RecraftWire.send(ex, 400, Map.of(), RecraftWire.error("invalid_request",
                    badRequestMessage));
            case CONTENT_REFUSED -> RecraftWire.send(ex, 400, Map.of(), RecraftWire.error("nsfw_content",
                    "The image or prompt was flagged by content moderation"));
            case UNAUTHORIZED -> RecraftWire.send(ex, 401, Map.of(), RecraftWire.error("unauthorized",
                    "Invalid or missing API token"));
            case NOT_ENOUGH_CREDITS -> RecraftWire.send(ex, 402, Map.of(), RecraftWire.error("not_enough_credits",
                    "Not enough API units on the balance"));
            case FORBIDDEN -> RecraftWire.send(ex, 403, Map.of(), RecraftWire.error("forbidden", "Forbidden"));
            case RATE_LIMITED -> RecraftWire.send(ex, 429, Map.of("Retry-After", "9"), RecraftWire.error(
                    "too_many_requests", "Rate limit exceeded"));
            case SERVER_ERROR -> RecraftWire.send(ex, 500, Map.of("Retry-After", "4"), RecraftWire.error(
                    "internal_error", "Internal server error"));
            case REDIRECT -> {
                ex.getResponseHeaders().set("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort()
                        + ex.getRequestURI().getPath());
                ex.sendResponseHeaders(307, -1);
            }
            case SLOW -> {
                slowArrived.incrementAndGet();
                try {
                    releaseSlow.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private byte[] svg(Picture image) {
        return RecraftTracing.svg(image, hostileSvg, "http://127.0.0.1:" + elsewhere.getAddress().getPort()
                + "/files/xxe");
    }

    /** Keeps a result for download from the other host, as Recraft's CDN would; its URL. */
    private String publish(String mediaType, byte[] data) {
        String id = UUID.randomUUID().toString();
        files.put(id, Map.entry(mediaType, data));
        return "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/files/" + id;
    }

    /** The other host: a redirect target or a result URL. Our token must never arrive here. */
    private void foreign(HttpExchange ex) throws IOException {
        elsewhereHits.incrementAndGet();
        if (ex.getRequestHeaders().containsKey("Authorization")) {
            problems.add("the API token was sent to another host: " + ex.getRequestURI());
        }
        String path = ex.getRequestURI().getPath();
        Map.Entry<String, byte[]> file = path.startsWith("/files/") ? files.get(path.substring("/files/".length()))
                : null;
        if (file == null) {
            RecraftWire.send(ex, 404, Map.of(), RecraftWire.error("not_found", "Not found"));
            return;
        }
        ex.getResponseHeaders().set("Content-Type", file.getKey());
        ex.sendResponseHeaders(200, file.getValue().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(file.getValue());
        }
    }
}
