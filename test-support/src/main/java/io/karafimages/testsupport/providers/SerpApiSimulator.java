package io.karafimages.testsupport.providers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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

import javax.imageio.ImageIO;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.karafimages.testsupport.providers.MultipartForm.Part;

/**
 * A SIMULATOR of SerpApi's Image API and Google Lens engine on 127.0.0.1, not SerpApi's service. Built from
 * SerpApi's pages (image-api, google-lens-api, google-lens-upload-an-image, api-status-and-error-codes,
 * search-errors): {@code POST /image} (multipart: file part {@code image}, text part {@code api_key}; JPEG, PNG or
 * WebP up to 500 KB, read strictly as 500,000 bytes) answers {@code {"message":"Image uploaded successfully.",
 * "image_id"}}, an id that expires after 10 minutes; {@code GET /search.json?engine=google_lens&image_id=..&api_key=..}
 * answers {@code search_metadata}, {@code search_parameters} and {@code visual_matches[]}; {@code GET
 * /searches/{id}.json?api_key=..} (the Search Archive API) answers a stored search again. Errors are {@code
 * {"error": "..."}} with the documented statuses (401 invalid key, 429 throughput or no searches left, 500/503,
 * status {@code Error} as 503). Assumptions, not documented by SerpApi: the wording of the upload's rejections and
 * the answer to an expired {@code image_id} (400 with an {@code error} naming it).
 *
 * <p>It RECORDS every request ({@link #requests()}: method, path, query parameters, text form fields, body size)
 * and every upload ({@link #uploads()}: the exact bytes, the format and the metadata segments they carry), so tests
 * can prove that only the image's bytes left: no {@code url} parameter, no address of ours. Protocol deviations
 * (missing or unknown parameters, a {@code url} parameter, bad values) go to {@link #problems()}. Answers can be
 * scripted ({@link Answer}) per endpoint.
 */
public final class SerpApiSimulator implements AutoCloseable {
    /** How the next requests of an endpoint are answered. */
    public enum Answer {
        /** The normal answer: an image id, or a search with the configured visual matches. */
        OK,
        /** Search: status Success without matches and Google Lens's "no results" error. */
        NO_RESULTS,
        /** 401 {@code Invalid API key.} whatever key was sent. */
        UNAUTHORIZED,
        /** 429 over the hourly throughput, with {@code Retry-After: 7}. */
        RATE_LIMITED,
        /** 429 {@code Your account has run out of searches.} */
        OUT_OF_SEARCHES,
        /** 500 with {@code Retry-After: 3}. */
        SERVER_ERROR,
        /** 200 with a body that is not JSON (cut off mid-object). */
        MALFORMED_JSON,
        /** Search: 503 with {@code search_metadata.status} {@code Error}. */
        SEARCH_ERROR,
        /** Search: 200 with status {@code Processing}; the archive then answers the finished search. */
        PROCESSING,
        /** Held until {@link #release()} or {@link #close()}, then {@link #OK}. */
        HOLD
    }

    /** One request as received: what a test may check for leaks. {@code form} holds the text parts only. */
    public record Request(String method, String path, Map<String, List<String>> query, Map<String, String> form,
            int bodySize) {
        /** Every text value sent: query values and text form fields (file parts excluded). */
        public List<String> textValues() {
            List<String> all = new ArrayList<>(form.values());
            query.values().forEach(all::addAll);
            return all;
        }
    }

    /** An accepted upload: the bytes received, what they are, and the metadata segments they carry. */
    public record Upload(String imageId, byte[] data, String format, String filename, String contentType,
            List<String> metadata) {
    }

    /** A visual match to answer with; {@code thumbnail} and {@code source} may be null. */
    public record Match(String title, String link, String source, String thumbnail) {
    }

    public static final int MAX_UPLOAD_BYTES = 500_000;
    public static final Duration IMAGE_ID_LIFETIME = Duration.ofMinutes(10);
    public static final String NO_RESULTS_ERROR = "Google Lens hasn't returned any results for this query.";
    public static final String INVALID_KEY_ERROR =
            "Invalid API key. Your API key should be here: https://serpapi.com/manage-api-key";
    public static final String OUT_OF_SEARCHES_ERROR = "Your account has run out of searches.";
    public static final String SEARCH_ERROR = "We couldn't get valid results for this search. Please try again later.";
    /** The default visual matches, in rank order. */
    public static final List<Match> DEFAULT_MATCHES = List.of(
            new Match("Red kite over the valley - Wildlife Photography", "https://www.example-wildlife.org/kite",
                    "Example Wildlife", "https://encrypted-tbn1.gstatic.com/images?q=tbn:kite1"),
            new Match("Birds of prey: a field guide", "https://birds.example.net/guide/raptors", "Birds Example",
                    "https://encrypted-tbn2.gstatic.com/images?q=tbn:kite2"),
            new Match("Kite (bird) - Encyclopedia", "https://en.example.org/wiki/Kite_(bird)", "Encyclopedia",
                    "https://encrypted-tbn3.gstatic.com/images?q=tbn:kite3"),
            new Match("Stock photo: raptor in flight", "https://stock.example.com/photo/123456", "Example Stock",
                    null),
            new Match("Spotted today near the lake", "https://social.example.com/p/abc", null,
                    "https://encrypted-tbn4.gstatic.com/images?q=tbn:kite5"),
            new Match("Kite T-shirt, organic cotton", "https://shop.example.com/item/kite-shirt", "Example Shop",
                    "https://encrypted-tbn5.gstatic.com/images?q=tbn:kite6"));

    private static final Set<String> SEARCH_PARAMS = Set.of("engine", "image_id", "url", "api_key", "q", "type",
            "hl", "country", "safe", "no_cache", "async", "output", "zero_trace", "json_restrictor");
    private static final Set<String> TYPES = Set.of("all", "products", "exact_matches", "visual_matches",
            "about_this_image");

    private final String apiKey;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Upload> uploads = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Instant> imageIds = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> archive = new ConcurrentHashMap<>();
    private final Queue<Answer> uploadOnce = new ConcurrentLinkedQueue<>();
    private final Queue<Answer> searchOnce = new ConcurrentLinkedQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    private volatile Answer uploadAnswer = Answer.OK;
    private volatile Answer searchAnswer = Answer.OK;
    private volatile List<Match> matches = DEFAULT_MATCHES;

    public SerpApiSimulator(String apiKey) throws IOException {
        this(apiKey, Clock.systemUTC());
    }

    /** @param clock decides when image ids expire; a test may move it past {@link #IMAGE_ID_LIFETIME} */
    public SerpApiSimulator(String apiKey, Clock clock) throws IOException {
        this.apiKey = apiKey;
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** What to configure as {@code base.url}: {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How the following uploads are answered, sticky until changed ({@link Answer#OK} by default). */
    public void answerUploads(Answer answer) {
        uploadAnswer = answer;
    }

    /** How the following searches are answered, sticky until changed ({@link Answer#OK} by default). */
    public void answerSearches(Answer answer) {
        searchAnswer = answer;
    }

    /** Answers for the next searches, one each, before the sticky one applies again. */
    public void answerSearchesOnce(Answer... answers) {
        searchOnce.addAll(List.of(answers));
    }

    /** Answers for the next uploads, one each, before the sticky one applies again. */
    public void answerUploadsOnce(Answer... answers) {
        uploadOnce.addAll(List.of(answers));
    }

    /** The visual matches of the following successful searches. */
    public void matches(List<Match> next) {
        matches = List.copyOf(next);
    }

    /** Forgets every image id handed out, as if ten minutes had passed. */
    public void expireImageIds() {
        imageIds.replaceAll((id, at) -> Instant.EPOCH);
    }

    /** Lets requests held by {@link Answer#HOLD} finish. */
    public void release() {
        release.countDown();
    }

    public boolean heldRequestArrived() {
        return held.get() > 0;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests to one path, e.g. {@code requests("/image")}. */
    public List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange ex) throws IOException {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
            if ("POST".equals(ex.getRequestMethod()) && "/image".equals(path)) {
                upload(ex, query, body);
            } else if ("GET".equals(ex.getRequestMethod()) && "/search.json".equals(path)) {
                record(ex, path, query, Map.of(), body);
                search(ex, query);
            } else if ("GET".equals(ex.getRequestMethod()) && path.matches("/searches/[^/]+\\.json")) {
                record(ex, path, query, Map.of(), body);
                archived(ex, query, path.substring("/searches/".length(), path.length() - ".json".length()));
            } else {
                record(ex, path, query, Map.of(), body);
                problems.add("unexpected " + ex.getRequestMethod() + " " + path);
                send(ex, 404, Map.of(), error("Not found."));
            }
        } catch (RuntimeException e) {
            problems.add("simulator failed on " + ex.getRequestURI().getPath() + ": " + e);
            send(ex, 500, Map.of(), error("Internal simulator error."));
        } finally {
            ex.close();
        }
    }

    private void record(HttpExchange ex, String path, Map<String, List<String>> query, Map<String, String> form,
            byte[] body) {
        requests.add(new Request(ex.getRequestMethod(), path, query, form, body.length));
    }

    private void upload(HttpExchange ex, Map<String, List<String>> query, byte[] body) throws IOException {
        List<Part> parts;
        try {
            parts = MultipartForm.parse(ex.getRequestHeaders().getFirst("Content-Type"), body);
        } catch (IllegalArgumentException e) {
            record(ex, "/image", query, Map.of(), body);
            problems.add("/image: " + e.getMessage());
            send(ex, 400, Map.of(), error("Invalid multipart body: " + e.getMessage()));
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        parts.stream().filter(p -> p.filename() == null).forEach(p -> form.put(p.name(), p.text()));
        record(ex, "/image", query, form, body);
        parts.stream().map(Part::name).filter(n -> !n.equals("image") && !n.equals("api_key"))
                .forEach(n -> problems.add("/image: unknown part " + n));
        String key = form.getOrDefault("api_key", first(query, "api_key"));
        Answer answer = next(uploadOnce, uploadAnswer);
        if (!apiKey.equals(key) || answer == Answer.UNAUTHORIZED) {
            send(ex, 401, Map.of(), error(INVALID_KEY_ERROR));
            return;
        }
        List<Part> files = parts.stream().filter(p -> p.name().equals("image")).toList();
        if (files.size() != 1 || files.get(0).filename() == null) {
            problems.add("/image: expected exactly one file part named image, got " + files.size());
            send(ex, 400, Map.of(), error("Missing `image` file."));
            return;
        }
        Part file = files.get(0);
        if (file.data().length > MAX_UPLOAD_BYTES) {
            problems.add("/image: " + file.data().length + " bytes, more than 500 KB");
            send(ex, 400, Map.of(), error("Image file is too large. The maximum size is 500 KB."));
            return;
        }
        Optional<String> format = Metadata.format(file.data());
        if (format.isEmpty()) {
            problems.add("/image: not a readable JPEG, PNG or WebP");
            send(ex, 400, Map.of(), error("Unsupported image format. Supported formats are JPG, PNG and WebP."));
            return;
        }
        if (answered(ex, answer)) {
            return;
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        imageIds.put(id, clock.instant());
        uploads.add(new Upload(id, file.data(), format.get(), file.filename(), file.contentType(),
                Metadata.segments(file.data(), format.get())));
        JsonObject ok = new JsonObject();
        ok.addProperty("message", "Image uploaded successfully.");
        ok.addProperty("image_id", id);
        send(ex, 200, Map.of(), ok);
    }

    private void search(HttpExchange ex, Map<String, List<String>> query) throws IOException {
        query.keySet().stream().filter(k -> !SEARCH_PARAMS.contains(k))
                .forEach(k -> problems.add("/search.json: unknown parameter " + k));
        query.forEach((k, v) -> {
            if (v.size() > 1) {
                problems.add("/search.json: parameter " + k + " sent " + v.size() + " times");
            }
        });
        if (query.containsKey("url")) {
            problems.add("/search.json: a url parameter was sent: " + first(query, "url"));
        }
        Answer answer = next(searchOnce, searchAnswer);
        if (!apiKey.equals(first(query, "api_key")) || answer == Answer.UNAUTHORIZED) {
            send(ex, 401, Map.of(), error(INVALID_KEY_ERROR));
            return;
        }
        String invalid = invalidSearch(query);
        if (invalid != null) {
            problems.add("/search.json: " + invalid);
            send(ex, 400, Map.of(), error(invalid));
            return;
        }
        Instant uploaded = imageIds.get(first(query, "image_id"));
        if (uploaded == null || clock.instant().isAfter(uploaded.plus(IMAGE_ID_LIFETIME))) {
            send(ex, 400, Map.of(), error("Invalid or expired `image_id`. Upload the image again."));
            return;
        }
        if (answered(ex, answer)) {
            return;
        }
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        JsonObject done = answer == Answer.NO_RESULTS ? searchAnswer(id, query, "Success", List.of())
                : searchAnswer(id, query, "Success", matches);
        if (answer == Answer.NO_RESULTS) {
            done.addProperty("error", NO_RESULTS_ERROR);
        }
        archive.put(id, done);
        switch (answer) {
            case SEARCH_ERROR -> {
                JsonObject failed = searchAnswer(id, query, "Error", List.of());
                failed.addProperty("error", SEARCH_ERROR);
                archive.put(id, failed);
                send(ex, 503, Map.of(), failed);
            }
            case PROCESSING -> send(ex, 200, Map.of(), searchAnswer(id, query, "Processing", List.of()));
            default -> send(ex, 200, Map.of(), done);
        }
    }

    private static String invalidSearch(Map<String, List<String>> query) {
        if (!"google_lens".equals(first(query, "engine"))) {
            return "Unsupported `" + first(query, "engine") + "` search engine.";
        }
        if (first(query, "image_id") == null) {
            return "Missing `url` or `image_id` parameter.";
        }
        String safe = first(query, "safe");
        if (safe != null && !Set.of("active", "off").contains(safe)) {
            return "Unsupported `" + safe + "` value for `safe`.";
        }
        String type = first(query, "type");
        if (type != null && !TYPES.contains(type)) {
            return "Unsupported `" + type + "` value for `type`.";
        }
        String q = first(query, "q");
        if (q != null && type != null && !Set.of("all", "visual_matches", "products").contains(type)) {
            return "`q` can only be used with type all, visual_matches or products.";
        }
        return null;
    }

    private void archived(HttpExchange ex, Map<String, List<String>> query, String id) throws IOException {
        if (!apiKey.equals(first(query, "api_key"))) {
            send(ex, 401, Map.of(), error(INVALID_KEY_ERROR));
            return;
        }
        JsonObject found = archive.get(id);
        if (found == null) {
            problems.add("archive: unknown search " + id);
            send(ex, 404, Map.of(), error("Search not found."));
            return;
        }
        send(ex, 200, Map.of(), found);
    }

    /** Sends the scripted failures shared by both endpoints; false when the normal answer is due. */
    private boolean answered(HttpExchange ex, Answer answer) throws IOException {
        switch (answer) {
            case RATE_LIMITED -> send(ex, 429, Map.of("Retry-After", "7"), error(
                    "You have exceeded the hourly throughput limit for your plan."));
            case OUT_OF_SEARCHES -> send(ex, 429, Map.of(), error(OUT_OF_SEARCHES_ERROR));
            case SERVER_ERROR -> send(ex, 500, Map.of("Retry-After", "3"), error("Internal server error."));
            case MALFORMED_JSON -> sendRaw(ex, 200, "{\"search_metadata\": {\"id\": \"6540ac26\", \"status\": \"Succ");
            case HOLD -> {
                held.incrementAndGet();
                try {
                    release.await();
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

    private JsonObject searchAnswer(String id, Map<String, List<String>> query, String status, List<Match> found) {
        JsonObject meta = new JsonObject();
        meta.addProperty("id", id);
        meta.addProperty("status", status);
        meta.addProperty("json_endpoint", baseUrl() + "/searches/" + id + ".json");
        meta.addProperty("created_at", clock.instant().toString());
        meta.addProperty("processed_at", clock.instant().toString());
        meta.addProperty("google_lens_url", "https://lens.google.com/uploadbyurl?url=https%3A%2F%2Fserpapi.com%2F"
                + "searches%2F" + id + "%2Fimage.jpeg");
        meta.addProperty("total_time_taken", 2.41);
        JsonObject params = new JsonObject();
        query.forEach((k, v) -> {
            if (!k.equals("api_key")) {
                params.addProperty(k, v.get(0));
            }
        });
        JsonObject root = new JsonObject();
        root.add("search_metadata", meta);
        root.add("search_parameters", params);
        if (!found.isEmpty()) {
            JsonArray visual = new JsonArray();
            for (int i = 0; i < found.size(); i++) {
                visual.add(match(i + 1, found.get(i)));
            }
            root.add("visual_matches", visual);
        }
        return root;
    }

    private static JsonObject match(int position, Match m) {
        JsonObject o = new JsonObject();
        o.addProperty("position", position);
        o.addProperty("title", m.title());
        o.addProperty("link", m.link());
        if (m.source() != null) {
            o.addProperty("source", m.source());
            o.addProperty("source_icon", "https://encrypted-tbn0.gstatic.com/favicon?q=" + position);
        }
        if (m.thumbnail() != null) {
            o.addProperty("thumbnail", m.thumbnail());
            o.addProperty("thumbnail_width", 225);
            o.addProperty("thumbnail_height", 150);
        }
        o.addProperty("image", "https://images.example.com/full/" + position + ".jpg");
        o.addProperty("image_width", 1200);
        o.addProperty("image_height", 800);
        return o;
    }

    private static Answer next(Queue<Answer> once, Answer sticky) {
        return Optional.ofNullable(once.poll()).orElse(sticky);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }

    private static JsonObject error(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return o;
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, JsonObject body)
            throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        sendRaw(ex, status, body.toString());
    }

    private static void sendRaw(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** What an uploaded file is, and which metadata it carries (the privacy check of the tests). */
    static final class Metadata {
        private Metadata() {
        }

        /** {@code jpeg}, {@code png} or {@code webp} when the bytes are such an image (JPEG and PNG decoded). */
        static Optional<String> format(byte[] data) {
            if (data.length > 12 && ascii(data, 0, "RIFF") && ascii(data, 8, "WEBP")
                    && (ascii(data, 12, "VP8 ") || ascii(data, 12, "VP8L") || ascii(data, 12, "VP8X"))) {
                return Optional.of("webp");
            }
            try {
                if (ImageIO.read(new ByteArrayInputStream(data)) == null) {
                    return Optional.empty();
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
            return Optional.of((data[0] & 0xff) == 0x89 ? "png" : "jpeg");
        }

        /**
         * The metadata the bytes carry: {@code EXIF}, {@code XMP}, {@code APP2}..{@code APP15} (JFIF's APP0 is not
         * metadata), {@code COM} for JPEG; PNG text and {@code eXIf} chunks; WebP {@code EXIF}/{@code XMP } chunks.
         */
        static List<String> segments(byte[] data, String format) {
            return switch (format) {
                case "jpeg" -> jpeg(data);
                case "png" -> chunks(data, 8, 8, 4, true, Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME", "caBX"));
                default -> chunks(data, 12, 8, 0, false, Set.of("EXIF", "XMP ", "ICCP"));
            };
        }

        private static List<String> jpeg(byte[] d) {
            List<String> found = new ArrayList<>();
            int pos = 2;
            while (pos + 4 <= d.length && (d[pos] & 0xff) == 0xff) {
                int marker = d[pos + 1] & 0xff;
                if (marker == 0xda || marker == 0xd9) {
                    break; // the scan: metadata comes before it
                }
                int length = ((d[pos + 2] & 0xff) << 8) | (d[pos + 3] & 0xff);
                if (marker == 0xe1 && ascii(d, pos + 4, "Exif")) {
                    found.add("EXIF");
                } else if (marker == 0xe1 && ascii(d, pos + 4, "http://ns.adobe.com/xap/1.0/")) {
                    found.add("XMP");
                } else if (marker >= 0xe1 && marker <= 0xef) {
                    found.add("APP" + (marker - 0xe0));
                } else if (marker == 0xfe) {
                    found.add("COM");
                }
                pos += 2 + length;
            }
            return found;
        }

        /** Chunks of a PNG (length first, CRC after) or a RIFF file (type first, little-endian, padded). */
        private static List<String> chunks(byte[] d, int start, int headerSize, int crcSize, boolean bigEndian,
                Set<String> wanted) {
            List<String> found = new ArrayList<>();
            int pos = start;
            while (pos + headerSize <= d.length) {
                String type = new String(d, pos + (bigEndian ? 4 : 0), 4, StandardCharsets.ISO_8859_1);
                int at = pos + (bigEndian ? 0 : 4);
                long length = bigEndian
                        ? ((d[at] & 0xffL) << 24) | ((d[at + 1] & 0xff) << 16) | ((d[at + 2] & 0xff) << 8)
                                | (d[at + 3] & 0xff)
                        : (d[at] & 0xff) | ((d[at + 1] & 0xff) << 8) | ((d[at + 2] & 0xff) << 16)
                                | ((d[at + 3] & 0xffL) << 24);
                if (wanted.contains(type)) {
                    found.add(type.trim());
                }
                if (length > d.length) {
                    break; // a broken length: nothing further can be read
                }
                pos += headerSize + length + crcSize + (bigEndian ? 0 : length % 2);
            }
            return found;
        }

        private static boolean ascii(byte[] d, int at, String s) {
            return at + s.length() <= d.length
                    && new String(d, at, s.length(), StandardCharsets.ISO_8859_1).equals(s);
        }
    }
}
