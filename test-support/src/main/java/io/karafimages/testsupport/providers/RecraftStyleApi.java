package io.karafimages.testsupport.providers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.karafimages.testsupport.providers.MultipartForm.Part;
import io.karafimages.testsupport.providers.RecraftSimulator.Answer;
import io.karafimages.testsupport.providers.RecraftSimulator.GenerationCall;
import io.karafimages.testsupport.providers.RecraftSimulator.StyleCall;
import io.karafimages.testsupport.providers.RecraftSimulator.Upload;

/**
 * Recraft's custom styles for {@link RecraftSimulator}, from Recraft's OpenAPI ({@code CreateStyleRequest}: the files
 * as repeated {@code images} parts, {@code style} required, {@code private} optional; the answer {@code {id, style,
 * creation_time, is_private, credits}}) and its generation page ({@code POST /v1/images/generations}, JSON, with
 * {@code style_id} for a style of the caller's account; styles work on V2/V3 models only, not on V4, whose default
 * model {@code recraftv4_1} is used when none is named).
 *
 * <p>Assumptions, as Recraft documents neither: a style image obeys the limits of every other Recraft input (under
 * 10 MB, at most 16 MP, sides 256 to 4096 px) and all of them together stay under 10 MB; an unknown
 * {@code style_id}, a style of another account, {@code style} and {@code style_id} together, and a vector base
 * style used with a raster model are each answered 400. Issued ids are remembered per API token. Thread-safe.
 */
final class RecraftStyleApi {
    static final String STYLES = "styles";
    static final String GENERATIONS = "generations";
    /** Recraft V3's base styles (the OpenAPI's {@code ImageStyle}); the last two are vector styles. */
    static final Set<String> BASE_STYLES = Set.of("realistic_image", "digital_illustration", "vector_illustration",
            "icon");
    static final Set<String> VECTOR_STYLES = Set.of("vector_illustration", "icon");
    static final int MAX_IMAGES = 5;
    static final int STYLE_UNITS = 40;
    static final int IMAGE_UNITS = 40;
    /** The colour of a generation without a style. */
    static final Color UNSTYLED = new Color(230, 230, 230);
    private static final String DEFAULT_MODEL = "recraftv4_1";
    private static final int V4_MAX_PROMPT_CHARS = 10_000;
    private static final Set<String> STYLE_FIELDS = Set.of("style", "private");
    private static final Set<String> GENERATION_FIELDS = Set.of("prompt", "model", "n", "size", "style", "substyle",
            "style_id", "controls", "text_layout", "negative_prompt", "random_seed", "image_format",
            "response_format", "block_nsfw", "calculate_features", "expire");
    private static final Set<String> STRINGS = Set.of("prompt", "model", "size", "style", "substyle", "style_id",
            "negative_prompt", "image_format", "response_format");
    private static final Set<String> NUMBERS = Set.of("n", "random_seed");

    /** Per API token: the ids issued, in order, each with the base style it was made on. */
    private final Map<String, Map<String, String>> issued = new ConcurrentHashMap<>();

    /**
     * The create-style request as Recraft would accept it; unknown fields are reported to {@code problems}.
     *
     * @throws IllegalArgumentException with what Recraft would reject
     */
    StyleCall readStyle(String contentType, byte[] body, Consumer<String> problems) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<Upload> images = new ArrayList<>();
        for (Part p : MultipartForm.parse(contentType, body)) {
            if (p.name().equals("images")) {
                if (!p.isFile()) {
                    throw new IllegalArgumentException("images must be file parts");
                }
                images.add(RecraftEditRequests.upload(p, "images[" + images.size() + "]"));
            } else if (p.isFile()) {
                problems.accept(STYLES + ": unknown file field " + p.name() + " (the OpenAPI names them images)");
            } else {
                if (fields.put(p.name(), p.text()) != null) {
                    throw new IllegalArgumentException("field " + p.name() + " sent twice");
                }
                if (!STYLE_FIELDS.contains(p.name())) {
                    problems.accept(STYLES + ": unknown field " + p.name());
                }
            }
        }
        String invalid = invalidStyle(fields, images);
        if (invalid != null) {
            throw new IllegalArgumentException(invalid);
        }
        return new StyleCall(Map.copyOf(fields), List.copyOf(images));
    }

    private static String invalidStyle(Map<String, String> fields, List<Upload> images) {
        String style = fields.get("style");
        if (style == null) {
            return "style is required for a V2/V3 style";
        }
        if (!BASE_STYLES.contains(style)) {
            return "style=" + style + " is not a base style";
        }
        if (fields.containsKey("private") && !Set.of("true", "false").contains(fields.get("private"))) {
            return "private=" + fields.get("private") + " is not allowed";
        }
        if (images.isEmpty() || images.size() > MAX_IMAGES) {
            return "images: 1 to " + MAX_IMAGES + " files, not " + images.size();
        }
        long total = 0;
        for (int i = 0; i < images.size(); i++) {
            Upload u = images.get(i);
            String limits = RecraftWire.overLimits(u.data().length, u.width(), u.height(), RecraftWire.MIN_SIDE,
                    RecraftWire.MAX_SIDE);
            if (limits != null) {
                return "images[" + i + "] " + limits;
            }
            total += u.data().length;
        }
        return total >= RecraftWire.MAX_BYTES ? "the images total " + total + " bytes, not under 10 MB" : null;
    }

    /** The answer to a valid create-style call; remembers the new id for {@code token} unless the answer is broken. */
    JsonObject created(String token, StyleCall call, Answer scripted) {
        JsonObject o = new JsonObject();
        o.addProperty("credits", STYLE_UNITS);
        if (scripted == Answer.NO_IMAGE) {
            return o;
        }
        if (scripted == Answer.GARBAGE_IMAGE) {
            JsonArray notAnId = new JsonArray();
            notAnId.add("not-an-id");
            o.add("id", notAnId);
            return o;
        }
        String id = UUID.randomUUID().toString();
        issued.computeIfAbsent(token, k -> Collections.synchronizedMap(new LinkedHashMap<>()))
                .put(id, call.fields().get("style"));
        o.addProperty("id", id);
        o.addProperty("style", call.fields().get("style"));
        o.addProperty("creation_time", Instant.now().toString());
        o.addProperty("is_private", Boolean.parseBoolean(call.fields().getOrDefault("private", "false")));
        return o;
    }

    /** The style ids issued for {@code token}, oldest first. */
    List<String> issued(String token) {
        Map<String, String> ids = issued.getOrDefault(token, Map.of());
        synchronized (ids) {
            return List.copyOf(ids.keySet());
        }
    }

    /**
     * The generation request as Recraft would accept it from {@code token}'s account; unknown fields and a non-PNG
     * {@code image_format} are reported to {@code problems}.
     *
     * @throws IllegalArgumentException with what Recraft would reject
     */
    GenerationCall readGeneration(String token, String contentType, byte[] body, Consumer<String> problems) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new IllegalArgumentException("Content-Type is " + contentType + ", not application/json");
        }
        JsonObject o;
        try {
            JsonElement root = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!root.isJsonObject()) {
                throw new IllegalArgumentException("the body is not a JSON object");
            }
            o = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> f : o.entrySet()) {
            if (!GENERATION_FIELDS.contains(f.getKey())) {
                problems.accept(GENERATIONS + ": unknown field " + f.getKey());
            }
            fields.put(f.getKey(), typed(f.getKey(), f.getValue()));
        }
        String invalid = invalidGeneration(token, fields);
        if (invalid != null) {
            throw new IllegalArgumentException(invalid);
        }
        if (!"png".equals(fields.get("image_format"))) {
            problems.accept(GENERATIONS + ": image_format is not png, Recraft would answer WebP");
        }
        return new GenerationCall(Map.copyOf(fields));
    }

    /** The value as text (objects and arrays as JSON); a string field must be a string, a number a number. */
    private static String typed(String name, JsonElement v) {
        boolean primitive = v.isJsonPrimitive();
        if (STRINGS.contains(name) && !(primitive && v.getAsJsonPrimitive().isString())) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        if (NUMBERS.contains(name) && !(primitive && v.getAsJsonPrimitive().isNumber())) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return primitive ? v.getAsString() : v.toString();
    }

    private String invalidGeneration(String token, Map<String, String> fields) {
        String prompt = fields.get("prompt");
        if (prompt == null) {
            return "prompt is required";
        }
        String model = fields.getOrDefault("model", DEFAULT_MODEL);
        Map<String, String> named = new LinkedHashMap<>(fields);
        named.put("model", model);
        String invalid = RecraftWire.invalidValue(GENERATIONS, named); // values, raster model, V2/V3 prompt length
        if (invalid != null) {
            return invalid;
        }
        boolean v3 = model.equals("recraftv3") || model.equals("recraftv2");
        if (!v3 && prompt.length() > V4_MAX_PROMPT_CHARS) {
            return "prompt must be 1 to " + V4_MAX_PROMPT_CHARS + " characters for V4 models";
        }
        String style = fields.get("style");
        if (style != null && !BASE_STYLES.contains(style) && !style.equals("any")) {
            return "style=" + style + " is not a base style";
        }
        String styleId = fields.get("style_id");
        if (styleId == null) {
            return null;
        }
        if (!v3) {
            return "style_id: styles are not supported on " + model + ", only on V2/V3 models";
        }
        if (style != null) {
            return "style and style_id cannot both be given";
        }
        String base = issued.getOrDefault(token, Map.of()).get(styleId);
        if (base == null) {
            return "style_id " + styleId + " is not a style of this account";
        }
        return VECTOR_STYLES.contains(base) ? "style_id " + styleId + " is a vector style (" + base
                + "), which the raster model " + model + " cannot use" : null;
    }

    /**
     * The answer to a valid generation: {@code n} PNGs of the asked size (1024x1024 by default) filled with
     * {@link #colourOf} the style ({@link #UNSTYLED} without one), as {@code b64_json} or as a {@code url} from
     * {@code publish}; an HTML document for {@link Answer#GARBAGE_IMAGE}, no image for {@link Answer#NO_IMAGE}.
     */
    static JsonObject generated(GenerationCall call, Answer scripted, BiFunction<String, byte[], String> publish) {
        Map<String, String> f = call.fields();
        int n = Integer.parseInt(f.getOrDefault("n", "1"));
        String[] wh = f.getOrDefault("size", "1024x1024").split("x");
        Color colour = Optional.ofNullable(f.get("style_id")).map(RecraftStyleApi::colourOf).orElse(UNSTYLED);
        JsonArray data = new JsonArray();
        for (int i = 0; scripted != Answer.NO_IMAGE && i < n; i++) {
            byte[] png = scripted == Answer.GARBAGE_IMAGE ? "<html>not an image</html>".getBytes(
                    StandardCharsets.UTF_8) : filled(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), colour);
            JsonObject one = new JsonObject();
            one.addProperty("image_id", UUID.randomUUID().toString());
            if ("b64_json".equals(f.get("response_format"))) {
                one.addProperty("b64_json", Base64.getEncoder().encodeToString(png));
            } else {
                one.addProperty("url", publish.apply("image/png", png));
            }
            data.add(one);
        }
        JsonObject o = new JsonObject();
        o.addProperty("created", System.currentTimeMillis() / 1000);
        o.addProperty("credits", IMAGE_UNITS * n);
        o.add("data", data);
        return o;
    }

    /** The colour a style paints with: a mid tone derived from its id, never white or black. */
    static Color colourOf(String styleId) {
        int h = styleId.hashCode();
        return new Color(64 + (h & 0x7F), 64 + (h >>> 8 & 0x7F), 64 + (h >>> 16 & 0x7F));
    }

    private static byte[] filled(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return RecraftDrawing.png(image);
    }
}
