package io.karafimages.testsupport.providers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A SIMULATOR of the Gemini API's {@code POST /v1beta/models/{model}:generateContent} endpoint on 127.0.0.1. It is
 * not Google's service and proves nothing about Google's uptime; it is built from the request and response
 * shapes of the public Gemini API reference (generateContent, image generation, error model with
 * {@code google.rpc.RetryInfo}) so that the adapter is tested against the protocol rather than against mocks.
 *
 * <p>It checks what the adapter sends, the way the real service would: the {@code x-goog-api-key} header (a wrong
 * key gets Google's 400 API_KEY_INVALID), the model in the path (an unknown one gets 404), the JSON body with
 * {@code contents}, {@code generationConfig.responseModalities} and {@code generationConfig.imageConfig}
 * ({@code aspectRatio} and {@code imageSize} from the documented value sets, else 400 INVALID_ARGUMENT). Inline
 * image parts, which carry reference images and the source of an edit (Gemini edits are a prompt plus the image,
 * with no mask or strength field), must be base64 of a real PNG, JPEG or WebP with an {@code image/*} type, else
 * 400 "Unable to process input image"; {@code generationConfig.seed}, when present, must be an int32. Like
 * Gemini, it draws 1:1 when no aspect ratio is given, and sizes images by the documented table for
 * gemini-3-pro-image-preview (1K: 1024x1024, 1376x768, 768x1376, ...). Every deviation is also recorded in
 * {@link #problems()} so a test can fail on it even when the adapter swallowed the error.
 *
 * <p>The provider-google unit tests and the distribution's integration tests ({@code ProvidersIT}) use this one
 * copy. Answers are sticky ({@link #answerNext}) or queued for single requests ({@link #answerOnce}); the
 * {@code Retry-After} of rate-limit and server-error answers can be set ({@link #retryAfterSeconds}), and every
 * request is recorded with the time it arrived.
 */
public final class GeminiSimulator implements AutoCloseable {
    /** What requests get. */
    public enum Answer {
        IMAGE_WITH_THOUGHTS, PROMPT_BLOCKED, IMAGE_SAFETY, TEXT_ONLY, RATE_LIMITED, RATE_LIMITED_BODY_ONLY,
        SERVER_ERROR, SLOW, GARBAGE_IMAGE
    }

    /**
     * What one request carried, and when it arrived. {@code images} are its inline image parts in order;
     * {@code seed} is {@code generationConfig.seed}, null when absent.
     */
    public record Seen(String model, String apiKey, String aspectRatio, String imageSize, List<String> modalities,
            String prompt, int inlineImages, Instant received, List<Inline> images, Long seed) {
    }

    /** One inline image part: its declared media type and the pixel size its bytes decode to (-1 when they do not). */
    public record Inline(String mimeType, int width, int height) {
        public boolean readable() {
            return width > 0 && height > 0;
        }
    }

    public static final int THOUGHT_IMAGE_SIDE = 512;
    /** Headers an adapter may use inside its own HTTP stack but must never send (e.g. a call-tracking id). */
    private static final String INTERNAL_HEADER_PREFIX = "x-karaf-images-";
    private static final Pattern PATH = Pattern.compile("/v1beta/models/([^/:]+):generateContent");
    private static final Set<String> RATIOS = Set.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16",
            "16:9", "21:9");
    /** Documented 1K output sizes of gemini-3-pro-image-preview; 2K and 4K are 2x and 4x. */
    private static final Map<String, int[]> SIZES_1K = Map.of("1:1", new int[] {1024, 1024}, "2:3",
            new int[] {848, 1264}, "3:2", new int[] {1264, 848}, "3:4", new int[] {896, 1200}, "4:3",
            new int[] {1200, 896}, "4:5", new int[] {928, 1152}, "5:4", new int[] {1152, 928}, "9:16",
            new int[] {768, 1376}, "16:9", new int[] {1376, 768}, "21:9", new int[] {1584, 672});

    /** Drawn once per size and format: answering stays cheap when a load test sends thousands of requests. */
    private static final Map<String, byte[]> DRAWN = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String apiKey;
    private final String model;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final CountDownLatch slowRequestArrived = new CountDownLatch(1);
    private final Queue<Answer> once = new ConcurrentLinkedQueue<>();
    private volatile Answer answer = Answer.IMAGE_WITH_THOUGHTS;
    private volatile int retryAfterSeconds = -1;
    private volatile java.util.function.BiFunction<Integer, Integer, byte[]> finalPng;
    private volatile long latencyMillis;
    private volatile int imageSide;

    public GeminiSimulator(String apiKey, String model) throws IOException {
        this.apiKey = apiKey;
        this.model = model;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** What the following requests get, sticky until changed. */
    public void answerNext(Answer next) {
        answer = next;
    }

    /** Answers for the next valid requests, one each, in this order; then the sticky answer again. */
    public void answerOnce(Answer... next) {
        once.addAll(List.of(next));
    }

    /**
     * The {@code Retry-After} (and {@code google.rpc.RetryInfo} delay) of {@link Answer#RATE_LIMITED} and
     * {@link Answer#SERVER_ERROR}; by default 7 and 3 seconds.
     */
    public void retryAfterSeconds(int seconds) {
        retryAfterSeconds = seconds;
    }

    /**
     * Draws every final image with this function of width and height (PNG bytes) instead of one colour: for
     * benchmarks that need the encoders to see photo-like texture. Null restores the default.
     */
    public void finalImages(java.util.function.BiFunction<Integer, Integer, byte[]> png) {
        finalPng = png;
    }

    /** How long each valid request takes before it is answered (0 by default), like a real model's render time. */
    public void latency(java.time.Duration latency) {
        latencyMillis = latency.toMillis();
    }

    /**
     * Answers every image as a square of this side instead of the documented size for its aspect ratio (0, the
     * default, keeps the documented sizes): for load tests that need many images, not their shape.
     */
    public void imageSide(int side) {
        imageSide = side;
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Whether a request answered {@link Answer#SLOW} has arrived (it is held until {@link #close()}). */
    public boolean slowRequestArrived() {
        return slowRequestArrived.getCount() == 0;
    }

    @Override
    public void close() {
        releaseSlow.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            Matcher m = PATH.matcher(ex.getRequestURI().getPath());
            if (!"POST".equals(ex.getRequestMethod()) || !m.matches()) {
                problem("unexpected " + ex.getRequestMethod() + " " + ex.getRequestURI());
                error(ex, 404, "NOT_FOUND", "Not found.", null);
                return;
            }
            String key = ex.getRequestHeaders().getFirst("x-goog-api-key");
            if (!apiKey.equals(key)) {
                problem("x-goog-api-key was " + (key == null ? "missing" : "wrong"));
                error(ex, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", null);
                return;
            }
            for (String header : ex.getRequestHeaders().keySet()) {
                if (header.toLowerCase(Locale.ROOT).startsWith(INTERNAL_HEADER_PREFIX)) {
                    problem("the internal header " + header + " left the server");
                }
            }
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.startsWith("application/json")) {
                problem("Content-Type was " + contentType);
            }
            if (!model.equals(m.group(1))) {
                problem("model in the path was " + m.group(1));
                error(ex, 404, "NOT_FOUND", "models/" + m.group(1) + " is not found for API version v1beta, or is "
                        + "not supported for generateContent.", null);
                return;
            }
            JsonNode body = json.readTree(ex.getRequestBody());
            Seen request = parse(m.group(1), key, body, Instant.now());
            seen.add(request);
            String invalid = validate(request, body);
            if (invalid != null) {
                problem(invalid);
                error(ex, 400, "INVALID_ARGUMENT", invalid, null);
                return;
            }
            answer(ex, request);
        } finally {
            ex.close();
        }
    }

    private Seen parse(String path, String key, JsonNode body, Instant received) {
        JsonNode config = body.path("generationConfig");
        List<String> modalities = new ArrayList<>();
        config.path("responseModalities").forEach(n -> modalities.add(n.asText()));
        StringBuilder prompt = new StringBuilder();
        List<Inline> images = new ArrayList<>();
        for (JsonNode content : body.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                prompt.append(part.path("text").asText(""));
                if (part.has("inlineData")) {
                    images.add(inline(part.path("inlineData")));
                }
            }
        }
        JsonNode image = config.path("imageConfig");
        JsonNode seed = config.path("seed");
        return new Seen(path, key, image.path("aspectRatio").asText(null), image.path("imageSize").asText(null),
                modalities, prompt.toString(), images.size(), received, List.copyOf(images),
                seed.isIntegralNumber() ? Long.valueOf(seed.asLong()) : null);
    }

    /** Decodes only the header: enough to prove the bytes are the image they claim to be, cheap under load. */
    private static Inline inline(JsonNode data) {
        String mimeType = data.path("mimeType").asText("");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.path("data").asText(""));
        } catch (IllegalArgumentException e) {
            return new Inline(mimeType, -1, -1);
        }
        if (bytes.length > 30 && new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return new Inline(mimeType, 1, 1); // the JDK reads no WebP; the container signature has to do
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new Inline(mimeType, -1, -1);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Inline(mimeType, reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return new Inline(mimeType, -1, -1);
        }
    }

    private static String validate(Seen r, JsonNode body) {
        if (!body.path("contents").isArray() || body.path("contents").isEmpty() || r.prompt().isEmpty()) {
            return "* GenerateContentRequest.contents: contents is not specified";
        }
        for (JsonNode content : body.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                JsonNode inline = part.path("inlineData");
                if (part.has("inlineData") && (inline.path("mimeType").asText("").isEmpty()
                        || inline.path("data").asText("").isEmpty())) {
                    return "* GenerateContentRequest.contents.parts.inline_data: mime_type and data are required";
                }
            }
        }
        for (Inline image : r.images()) {
            if (!image.readable() || !image.mimeType().startsWith("image/")) {
                return "Unable to process input image (" + image.mimeType() + "). Please retry or report in "
                        + "https://developers.generativeai.google/guide/troubleshooting";
            }
        }
        JsonNode seed = body.path("generationConfig").path("seed");
        if (!seed.isMissingNode() && (!seed.isIntegralNumber() || seed.asLong() != (int) seed.asLong())) {
            return "Invalid value at 'generation_config.seed' (TYPE_INT32), " + seed;
        }
        if (!r.modalities().contains("IMAGE")) {
            return "responseModalities must include IMAGE for an image model";
        }
        if (r.aspectRatio() != null && !RATIOS.contains(r.aspectRatio())) {
            return "* GenerateContentRequest.generation_config.image_config.aspect_ratio: unsupported value";
        }
        if (r.imageSize() != null && !Set.of("1K", "2K", "4K").contains(r.imageSize())) {
            return "* GenerateContentRequest.generation_config.image_config.image_size: unsupported value";
        }
        return null;
    }

    private void answer(HttpExchange ex, Seen r) throws IOException {
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Answer next = once.poll();
        int retryAfter = retryAfterSeconds;
        switch (next != null ? next : answer) {
            case PROMPT_BLOCKED -> send(ex, 200, Map.of(), json.createObjectNode().set("promptFeedback",
                    json.createObjectNode().put("blockReason", "PROHIBITED_CONTENT")));
            case IMAGE_SAFETY -> {
                ObjectNode candidate = json.createObjectNode().put("finishReason", "IMAGE_SAFETY")
                        .put("finishMessage", "Unable to show the generated image.").put("index", 0);
                candidate.putObject("content").put("role", "model");
                send(ex, 200, Map.of(), candidates(candidate));
            }
            case TEXT_ONLY -> send(ex, 200, Map.of(), candidates(candidate(List.of(
                    textPart("I can only describe this scene, not draw it.", false)), "STOP")));
            case RATE_LIMITED -> error(ex, 429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check "
                    + "quota).", (retryAfter < 0 ? 7 : retryAfter) + "s", "Retry-After",
                    String.valueOf(retryAfter < 0 ? 7 : retryAfter));
            case RATE_LIMITED_BODY_ONLY -> error(ex, 429, "RESOURCE_EXHAUSTED", "You exceeded your current quota.",
                    "12.5s");
            case SERVER_ERROR -> error(ex, 500, "INTERNAL", "An internal error has occurred. Please retry.", null,
                    "Retry-After", String.valueOf(retryAfter < 0 ? 3 : retryAfter));
            case SLOW -> {
                slowRequestArrived.countDown();
                awaitRelease();
                send(ex, 200, Map.of(), finalImage(r));
            }
            case GARBAGE_IMAGE -> send(ex, 200, Map.of(), candidates(candidate(List.of(inlinePart("image/png",
                    "this is not a png, only some text".getBytes(StandardCharsets.UTF_8), false)), "STOP")));
            default -> send(ex, 200, Map.of(), finalImage(r));
        }
    }

    /** Thinking text, one interim thought image, then the final image, as gemini-3-pro-image-preview answers. */
    private ObjectNode finalImage(Seen r) {
        String ratio = r.aspectRatio() == null ? "1:1" : r.aspectRatio();
        int scale = r.imageSize() == null ? 1 : Integer.parseInt(r.imageSize().substring(0, 1));
        int side = imageSide;
        int[] size = side > 0 ? new int[] {side / scale, side / scale} : SIZES_1K.get(ratio);
        List<ObjectNode> parts = List.of(
                textPart("**Composing the scene** I am planning the layout.", true),
                inlinePart("image/jpeg", drawn(THOUGHT_IMAGE_SIDE, THOUGHT_IMAGE_SIDE, "jpeg"), true),
                inlinePart("image/png", finalPng == null ? drawn(size[0] * scale, size[1] * scale, "png")
                        : finalPng.apply(size[0] * scale, size[1] * scale), false));
        ObjectNode answer = candidates(candidate(parts, "STOP"));
        answer.putObject("usageMetadata").put("promptTokenCount", 12).put("candidatesTokenCount", 1290)
                .put("thoughtsTokenCount", 310).put("totalTokenCount", 1612);
        answer.put("modelVersion", model).put("responseId", "sim-" + seen.size());
        return answer;
    }

    private ObjectNode candidates(ObjectNode candidate) {
        ObjectNode answer = json.createObjectNode();
        answer.putArray("candidates").add(candidate);
        return answer;
    }

    private ObjectNode candidate(List<ObjectNode> parts, String finishReason) {
        ObjectNode candidate = json.createObjectNode();
        ArrayNode array = candidate.putObject("content").put("role", "model").putArray("parts");
        parts.forEach(array::add);
        return candidate.put("finishReason", finishReason).put("index", 0);
    }

    private ObjectNode textPart(String text, boolean thought) {
        ObjectNode part = json.createObjectNode().put("text", text);
        return thought ? part.put("thought", true) : part;
    }

    private ObjectNode inlinePart(String mimeType, byte[] data, boolean thought) {
        ObjectNode part = json.createObjectNode();
        part.putObject("inlineData").put("mimeType", mimeType).put("data", Base64.getEncoder().encodeToString(data));
        if (thought) {
            part.put("thought", true);
        } else {
            part.put("thoughtSignature", Base64.getEncoder().encodeToString("sig".getBytes(StandardCharsets.UTF_8)));
        }
        return part;
    }

    private static byte[] drawn(int width, int height, String format) {
        return DRAWN.computeIfAbsent(width + "x" + height + "." + format, k -> image(width, height, format));
    }

    /** A one-colour image of this size in this ImageIO format ({@code png}, {@code jpeg}). */
    public static byte[] image(int width, int height, String format) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor("png".equals(format) ? new Color(40, 120, 200) : Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Google's error model; with {@code retryDelay} it carries a {@code google.rpc.RetryInfo} detail. */
    private void error(HttpExchange ex, int code, String status, String message, String retryDelay,
            String... headers) throws IOException {
        ObjectNode error = json.createObjectNode();
        ObjectNode e = error.putObject("error").put("code", code).put("message", message).put("status", status);
        if (retryDelay != null) {
            e.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", retryDelay);
        }
        Map<String, String> extra = headers.length == 2 ? Map.of(headers[0], headers[1]) : Map.of();
        send(ex, code, extra, error);
    }

    private void send(HttpExchange ex, int status, Map<String, String> headers, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void awaitRelease() {
        try {
            releaseSlow.await(30, TimeUnit.SECONDS); // released by close(); the bound only guards a broken test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void problem(String p) {
        problems.add(p);
    }
}
