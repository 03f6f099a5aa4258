package io.karafimages.testsupport.providers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;

/**
 * The wire shapes {@link FalSimulator} speaks, from fal.ai's documentation: the {@code image_size} presets and the
 * sizes they draw, FLUX.2 [klein] input validation, FastAPI-style {@code detail} errors, queue log entries.
 */
public final class FalWire {
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
