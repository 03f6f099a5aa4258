package io.karafimages.provider.fal.internal;

import java.util.Base64;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.karafimages.api.AspectRatio;
import io.karafimages.spi.provider.ImageRequest;

/**
 * The JSON input of a FLUX.2 [klein] request. The requested aspect ratio always reaches the model: as one of fal's
 * {@code image_size} presets where one has exactly that ratio, else as an explicit {@code {"width","height"}} of
 * exactly that ratio, about one megapixel, both sides multiples of 16 (what the FLUX latent grid needs). Reference
 * images travel as base64 data URIs in {@code image_urls}, which fal accepts wherever it takes a file URL.
 * Stateless.
 */
final class FalInput {
    private static final int TARGET_PIXELS = 1024 * 1024;
    private static final int GRID = 16;

    private FalInput() {
    }

    static JsonObject of(ImageRequest request) {
        JsonObject input = new JsonObject();
        input.addProperty("prompt", request.prompt());
        input.add("image_size", imageSize(request.aspectRatio() == null ? AspectRatio.SQUARE : request.aspectRatio()));
        input.addProperty("num_images", 1);
        input.addProperty("output_format", "png");
        input.addProperty("enable_safety_checker", true);
        if (!request.references().isEmpty()) {
            JsonArray urls = new JsonArray();
            request.references().forEach(r -> urls.add("data:" + r.mediaType() + ";base64,"
                    + Base64.getEncoder().encodeToString(r.data())));
            input.add("image_urls", urls);
        }
        return input;
    }

    /** fal's preset for the ratio, or an explicit size of exactly that ratio. */
    static JsonElement imageSize(AspectRatio ratio) {
        String preset = switch (ratio) {
            case SQUARE -> "square_hd"; // 1024x1024
            case LANDSCAPE_16_9 -> "landscape_16_9"; // 1024x576
            case PORTRAIT_9_16 -> "portrait_16_9"; // 576x1024
            case LANDSCAPE_4_3 -> "landscape_4_3"; // 1024x768
            case PORTRAIT_3_4 -> "portrait_4_3"; // 768x1024
            default -> null;
        };
        if (preset != null) {
            return new JsonPrimitive(preset);
        }
        int[] size = exactSize(ratio.width(), ratio.height());
        JsonObject custom = new JsonObject();
        custom.addProperty("width", size[0]);
        custom.addProperty("height", size[1]);
        return custom;
    }

    /** Width and height of exactly {@code w:h}, both multiples of 16, as close to one megapixel as that allows. */
    static int[] exactSize(int w, int h) {
        int g = gcd(w, h);
        int rw = w / g;
        int rh = h / g;
        // the smallest scale at which both sides land on the grid
        int step = lcm(GRID / gcd(GRID, rw), GRID / gcd(GRID, rh));
        double ideal = Math.sqrt((double) TARGET_PIXELS / (rw * rh));
        int scale = Math.max(step, (int) Math.round(ideal / step) * step);
        return new int[] {rw * scale, rh * scale};
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int lcm(int a, int b) {
        return a / gcd(a, b) * b;
    }
}
