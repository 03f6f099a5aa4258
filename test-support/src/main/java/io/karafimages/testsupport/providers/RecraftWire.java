package io.karafimages.testsupport.providers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;

import io.karafimages.testsupport.providers.RecraftDrawing.Picture;
import io.karafimages.testsupport.providers.RecraftSimulator.Answer;
import io.karafimages.testsupport.providers.RecraftSimulator.Call;

/**
 * The request shapes {@link RecraftSimulator} checks, from Recraft's OpenAPI (the copy kept in
 * {@code tryAGI/Recraft}, {@code src/libs/Recraft/openapi.yaml}) and its tool pages: each endpoint's required and
 * optional multipart fields, the allowed values, the input limits (under 10 MB, at most 16 MP, sides 256 to 4096
 * px, crisp upscale from 32 px; vectorize states only 10 MB and 16 MP, so no side limit is checked there; "10 MB"
 * and "16 MP" read strictly), what each endpoint costs in API units, and the answers' JSON.
 *
 * <p>Vectorize takes the OpenAPI's {@code ProcessImageRequest} plus the tuning fields its tool page lists
 * ({@code svg_compression}, {@code limit_num_shapes}, ...); the page gives no types for those, so their values are
 * not checked. Its answer is {@code {created, credits, image:{image_id, b64_json | url}}} holding an SVG.
 */
public final class RecraftWire {
    /** One endpoint's multipart schema. {@code processLike}: answers {@code {image}} instead of {@code {data:[]}}. */
    record Schema(Set<String> required, Set<String> optional, boolean processLike, int units) {
        boolean masked() {
            return required.contains("mask");
        }
    }

    public static final int MIN_SIDE = 256;
    /** Crisp upscale alone takes images from 32 px a side (Recraft's upscale tool page). */
    public static final int CRISP_MIN_SIDE = 32;
    public static final int MAX_SIDE = 4096;
    public static final long MAX_PIXELS = 16_000_000L;
    public static final int MAX_BYTES = 10_000_000;
    /** Recraft's {@code ImageSize} enum: the sizes variate accepts. */
    public static final List<String> SIZES = List.of("1024x1024", "1365x1024", "1024x1365", "1536x1024",
            "1024x1536", "1820x1024", "1024x1820", "1024x2048", "2048x1024", "1434x1024", "1024x1434", "1024x1280",
            "1280x1024", "1024x1707", "1707x1024");

    private static final Set<String> TRANSFORM_OPTIONAL = Set.of("block_nsfw", "calculate_features", "expire",
            "image_format", "model", "n", "negative_prompt", "random_seed", "response_format", "style", "style_id",
            "substyle", "text_layout");
    private static final Set<String> I2I_OPTIONAL = union(TRANSFORM_OPTIONAL, Set.of("controls"));
    /** {@code ProcessImageRequest}: the upscales and remove background take the image and output options only. */
    private static final Set<String> PROCESS_OPTIONAL = Set.of("expire", "image_format", "response_format");
    /** {@code ProcessImageRequest} plus the tuning fields of the vectorize tool page. */
    private static final Set<String> VECTORIZE_OPTIONAL = union(PROCESS_OPTIONAL, Set.of("svg_compression",
            "limit_num_shapes", "max_num_shapes", "color_reduction", "return_gradients", "shape_stacking",
            "small_shape_filter", "strict_color_palette"));
    static final Map<String, Schema> SCHEMAS = Map.of(
            "inpaint", new Schema(Set.of("image", "mask", "prompt"), TRANSFORM_OPTIONAL, false, 40),
            "replaceBackground", new Schema(Set.of("image", "prompt"), TRANSFORM_OPTIONAL, false, 40),
            "generateBackground", new Schema(Set.of("image", "mask", "prompt"), TRANSFORM_OPTIONAL, false, 40),
            "imageToImage", new Schema(Set.of("image", "prompt", "strength"), I2I_OPTIONAL, false, 40),
            "eraseRegion", new Schema(Set.of("image", "mask"), Set.of("expire", "image_format",
                    "response_format"), true, 2),
            "variateImage", new Schema(Set.of("image", "size"), Set.of("expire", "image_format", "n",
                    "random_seed", "response_format"), false, 40),
            "crispUpscale", new Schema(Set.of("image"), PROCESS_OPTIONAL, true, 4),
            "creativeUpscale", new Schema(Set.of("image"), PROCESS_OPTIONAL, true, 250),
            "removeBackground", new Schema(Set.of("image"), PROCESS_OPTIONAL, true, 10),
            "vectorize", new Schema(Set.of("image"), VECTORIZE_OPTIONAL, true, 10));
    /** The endpoint whose result is an SVG, not a raster image. */
    static final String VECTORIZE = "vectorize";
    /** Inpainting, outpainting and the background operations run on V3 models only (Recraft V3 model page). */
    static final Set<String> V3_ONLY = Set.of("inpaint", "replaceBackground", "generateBackground");
    static final Set<String> V3_MODELS = Set.of("recraftv3", "recraftv3_vector");
    static final Set<String> RASTER_MODELS = Set.of("recraftv2", "recraftv3", "recraftv4", "recraftv4_1");

    private static final Map<String, Function<String, Boolean>> VALUES = Map.of(
            "response_format", v -> Set.of("url", "b64_json").contains(v),
            "image_format", v -> Set.of("webp", "png").contains(v),
            "n", v -> inRange(v, 1, 6),
            "random_seed", v -> inRange(v, 0, 0xFFFF_FFFFL),
            "strength", RecraftWire::unitInterval,
            "size", SIZES::contains,
            "expire", v -> Set.of("true", "false").contains(v),
            "block_nsfw", v -> Set.of("true", "false").contains(v),
            "calculate_features", v -> Set.of("true", "false").contains(v));

    private RecraftWire() {
    }

    /** The first thing Recraft would reject in these text fields, or null when they are valid. */
    static String invalidValue(String endpoint, Map<String, String> fields) {
        for (Map.Entry<String, String> f : fields.entrySet()) {
            Function<String, Boolean> check = VALUES.get(f.getKey());
            if (check != null && !check.apply(f.getValue())) {
                return f.getKey() + "=" + f.getValue() + " is not allowed";
            }
        }
        String model = fields.get("model");
        if (model != null && V3_ONLY.contains(endpoint) && !V3_MODELS.contains(model)) {
            return "model=" + model + ": " + endpoint + " runs on V3 models only";
        }
        if (model != null && model.endsWith("_vector")) {
            return "model=" + model + " answers SVG, which this simulator does not draw";
        }
        if (model != null && !RASTER_MODELS.contains(model)) {
            return "model=" + model + " is not a Recraft raster model";
        }
        String prompt = fields.get("prompt");
        if (prompt != null && (prompt.isBlank() || (isV3OrOlder(endpoint, model)
                && prompt.getBytes(StandardCharsets.UTF_8).length > 1000))) {
            return "prompt must be 1 to 1000 bytes for V2/V3 models";
        }
        return null;
    }

    /** The smallest side the endpoint takes. */
    static int minSide(String endpoint) {
        return switch (endpoint) {
            case "crispUpscale" -> CRISP_MIN_SIDE;
            case VECTORIZE -> 1;
            default -> MIN_SIDE;
        };
    }

    /** The largest side the endpoint takes. */
    static int maxSide(String endpoint) {
        return VECTORIZE.equals(endpoint) ? Integer.MAX_VALUE : MAX_SIDE;
    }

    /** Why an image or mask is over Recraft's input limits, or null when it is within them. */
    static String overLimits(int bytes, int width, int height, int minSide, int maxSide) {
        if (bytes >= MAX_BYTES) {
            return bytes + " bytes, not under 10 MB";
        }
        if ((long) width * height > MAX_PIXELS) {
            return width + "x" + height + " is over 16 MP";
        }
        if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide) {
            return width + "x" + height + " has a side outside " + minSide + ".." + maxSide + " px";
        }
        return null;
    }

    private static boolean isV3OrOlder(String endpoint, String model) {
        return model == null ? V3_ONLY.contains(endpoint) : model.startsWith("recraftv3") || model.equals("recraftv2");
    }

    private static boolean inRange(String v, long min, long max) {
        try {
            long n = Long.parseLong(v);
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean unitInterval(String v) {
        try {
            double d = Double.parseDouble(v);
            return d >= 0 && d <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * The answer to a valid call: the simulated edit ({@code n} of them; garbage bytes for
     * {@link Answer#GARBAGE_IMAGE}, flattened to opaque RGB for {@link Answer#OPAQUE_IMAGE}; for vectorize the
     * traced SVG, hostile when {@code svg} says so) as {@code b64_json}, or as a {@code url} from {@code publish}
     * when {@code response_format} asks for links (published with the media type the endpoint promises).
     */
    static JsonObject result(String endpoint, Schema schema, Call call, Answer scripted,
            Function<Picture, byte[]> svg, BiFunction<String, byte[], String> publish) {
        Picture image = RecraftDrawing.read(call.image().data());
        Picture mask = call.mask().map(m -> RecraftDrawing.read(m.data())).orElse(null);
        int n = Integer.parseInt(call.fields().getOrDefault("n", "1"));
        JsonArray data = new JsonArray();
        for (int i = 0; i < (schema.processLike() ? 1 : n); i++) {
            byte[] png = scripted == Answer.GARBAGE_IMAGE ? "<html>not an image</html>".getBytes(StandardCharsets.UTF_8)
                    : VECTORIZE.equals(endpoint) ? svg.apply(image)
                    : RecraftDrawing.edit(endpoint, image, mask, call.fields());
            if (scripted == Answer.OPAQUE_IMAGE && !VECTORIZE.equals(endpoint)) {
                png = RecraftDrawing.opaque(png);
            }
            JsonObject one = new JsonObject();
            one.addProperty("image_id", UUID.randomUUID().toString());
            if ("b64_json".equals(call.fields().get("response_format"))) {
                one.addProperty("b64_json", Base64.getEncoder().encodeToString(png));
            } else {
                one.addProperty("url", publish.apply(VECTORIZE.equals(endpoint) ? "image/svg+xml" : "image/png", png));
            }
            data.add(one);
        }
        JsonObject answer = envelope(schema, call);
        if (schema.processLike()) {
            answer.add("image", data.get(0));
        } else {
            answer.add("data", data);
        }
        return answer;
    }

    static JsonObject envelope(Schema schema, Call call) {
        JsonObject o = new JsonObject();
        o.addProperty("created", System.currentTimeMillis() / 1000);
        int n = schema.processLike() ? 1 : Integer.parseInt(call.fields().getOrDefault("n", "1"));
        o.addProperty("credits", schema.units() * n);
        return o;
    }

    static JsonObject error(String code, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("code", code);
        o.addProperty("message", message);
        return o;
    }

    static void send(HttpExchange ex, int status, Map<String, String> headers, JsonObject body)
            throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
