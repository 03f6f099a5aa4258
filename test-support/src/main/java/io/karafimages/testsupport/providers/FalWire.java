package io.karafimages.testsupport.providers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;

/**
 * The wire shapes {@link FalSimulator} speaks, from fal.ai's documentation: the {@code image_size} presets and the
 * sizes they draw, FLUX.2 [klein] input validation (generation and the klein edit endpoint), FastAPI-style
 * {@code detail} errors, queue log entries.
 */
public final class FalWire {
    /** The largest side the klein edit endpoint is checked against (klein is listed at 2048x2048 at most). */
    public static final int EDIT_MAX_SIDE = 2048;
    /** The most {@code image_urls} a klein edit takes. */
    public static final int EDIT_MAX_IMAGES = 4;
    private static final Pattern DATA_URI = Pattern.compile("data:(image/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)");

    /** One entry of {@code image_urls}: its media type and decoded pixel size ({@code https} links: -1, unknown). */
    public record InputImage(String mediaType, int width, int height) {
    }

    private FalWire() {
    }

    /** fal's {@code image_size} presets and the width and height each draws. */
    public static final Map<String, int[]> PRESETS = Map.of("square_hd", new int[] {1024, 1024}, "square",
            new int[] {512, 512}, "portrait_4_3", new int[] {768, 1024}, "portrait_16_9", new int[] {576, 1024},
            "landscape_4_3", new int[] {1024, 768}, "landscape_16_9", new int[] {1024, 576});

    static String validate(JsonObject in, boolean edit) {
        if (!in.has("prompt") || !in.get("prompt").isJsonPrimitive() || in.get("prompt").getAsString().isBlank()) {
            return "prompt";
        }
        if (in.has("num_images") && (in.get("num_images").getAsInt() < 1 || in.get("num_images").getAsInt() > 4)) {
            return "num_images";
        }
        if (in.has("output_format") && !Set.of("jpeg", "png", "webp").contains(in.get("output_format").getAsString())) {
            return "output_format";
        }
        if (edit) {
            JsonElement urls = in.get("image_urls");
            if (urls == null || !urls.isJsonArray() || urls.getAsJsonArray().isEmpty()) {
                return "image_urls";
            }
            for (JsonElement url : urls.getAsJsonArray()) {
                String u = url.getAsString();
                if (!u.startsWith("https://") && !u.matches("data:image/[a-z]+;base64,[A-Za-z0-9+/=]+")) {
                    return "image_urls";
                }
            }
        }
        return null;
    }

    /**
     * Checks the input of the klein edit endpoint ({@code fal-ai/flux-2/klein/9b/edit}): a prompt, 1 to 4
     * {@code image_urls} that are {@code https} links or base64 data URIs of a real PNG, JPEG or WebP, an optional
     * integer {@code seed}, and an optional {@code image_size} within the endpoint's limits.
     *
     * @return the first invalid field, or null
     */
    static String validateEdit(JsonObject in) {
        String common = validate(in, true);
        if (common != null) {
            return common;
        }
        if (in.getAsJsonArray("image_urls").size() > EDIT_MAX_IMAGES) {
            return "image_urls";
        }
        for (JsonElement url : in.getAsJsonArray("image_urls")) {
            InputImage image = inputImage(url.getAsString());
            if (image == null) {
                return "image_urls";
            }
        }
        if (in.has("seed") && !(in.get("seed").isJsonPrimitive() && in.get("seed").getAsJsonPrimitive().isNumber()
                && in.get("seed").getAsString().matches("-?\\d+"))) {
            return "seed";
        }
        if (in.has("image_size")) {
            int[] size = size(in.get("image_size"));
            if (size == null || size[0] > EDIT_MAX_SIDE || size[1] > EDIT_MAX_SIDE) {
                return "image_size";
            }
        }
        return null;
    }

    /** An {@code image_urls} entry decoded; null when fal could not read it as an image. */
    static InputImage inputImage(String url) {
        if (url.startsWith("https://")) {
            return new InputImage("", -1, -1);
        }
        Matcher m = DATA_URI.matcher(url);
        if (!m.matches()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length > 30 && new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return new InputImage(m.group(1), -1, -1); // the JDK reads no WebP: the container signature must do
        }
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                return new InputImage(m.group(1), reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The size fal draws for an {@code image_size}; null when fal would reject it. Absent: landscape_4_3. */
    static int[] size(JsonElement imageSize) {
        if (imageSize == null) {
            return PRESETS.get("landscape_4_3");
        }
        if (imageSize.isJsonPrimitive()) {
            return PRESETS.get(imageSize.getAsString());
        }
        JsonObject o = imageSize.getAsJsonObject();
        if (!o.has("width") || !o.has("height")) {
            return null;
        }
        int w = o.get("width").getAsInt();
        int h = o.get("height").getAsInt();
        return w >= 64 && h >= 64 && w <= 4096 && h <= 4096 ? new int[] {w, h} : null;
    }

    /** A one-colour PNG of this size. */
    public static byte[] png(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 90, 40));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JsonObject log(String message) {
        JsonObject o = obj("message", message);
        o.addProperty("level", "INFO");
        o.addProperty("source", "user");
        o.addProperty("timestamp", Instant.now().toString());
        return o;
    }

    static JsonObject validation(String field, String msg, String type) {
        JsonObject error = new JsonObject();
        JsonArray loc = new JsonArray();
        loc.add("body");
        loc.add(field);
        error.add("loc", loc);
        error.addProperty("msg", msg);
        error.addProperty("type", type);
        JsonArray list = new JsonArray();
        list.add(error);
        JsonObject answer = new JsonObject();
        answer.add("detail", list);
        return answer;
    }

    static JsonObject detail(String text) {
        return obj("detail", text);
    }

    static JsonObject obj(String name, String value) {
        JsonObject o = new JsonObject();
        o.addProperty(name, value);
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
