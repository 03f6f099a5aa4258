package io.karafimages.provider.fal.internal;

import java.util.Base64;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;

/**
 * The JSON input of a FLUX.2 [klein] edit ({@code fal-ai/flux-2/klein/9b/edit}): an instruction in {@code prompt},
 * the source as a base64 data URI in {@code image_urls}, the output size in {@code image_size} and the seed. The
 * endpoint edits by instruction only: no mask, no strength, no variation mode, so image-to-image words the strength
 * into the prompt and a variation is a fixed instruction. Stateless.
 */
final class FalEditInput {
    /** The API's default strength when the caller gives none. */
    static final double DEFAULT_STRENGTH = 0.5;
    /** Below this the source should survive almost intact; above {@link #LOOSE} it is only a starting point. */
    static final double FAITHFUL = 1.0 / 3;
    static final double LOOSE = 2.0 / 3;
    /**
     * Output side limits: klein is listed with a 2048x2048 maximum resolution (verify against fal's schema when
     * it is published); below 64 px FLUX has too few latent cells to draw anything.
     */
    static final int MAX_SIDE = 2048;
    static final int MIN_SIDE = 64;
    static final String VARIATE = "Create a variation of this image. Keep the same subject, style, colour palette "
            + "and medium, and a similar composition; vary details such as pose, arrangement, lighting and small "
            + "background elements so that the result is clearly a new picture of the same thing.";

    private FalEditInput() {
    }

    static JsonObject of(EditRequest request) {
        EditRequest.SourceImage source = request.image();
        JsonObject input = new JsonObject();
        input.addProperty("prompt", instruction(request));
        JsonArray urls = new JsonArray();
        urls.add("data:" + source.mediaType() + ";base64," + Base64.getEncoder().encodeToString(source.data()));
        input.add("image_urls", urls);
        int[] size = outputSize(source.width(), source.height());
        JsonObject imageSize = new JsonObject();
        imageSize.addProperty("width", size[0]);
        imageSize.addProperty("height", size[1]);
        input.add("image_size", imageSize);
        request.seed().ifPresent(seed -> input.addProperty("seed", seed));
        input.addProperty("num_images", 1);
        input.addProperty("output_format", "png");
        input.addProperty("enable_safety_checker", true);
        return input;
    }

    static String instruction(EditRequest request) {
        if (request.operation() == ImageOperation.VARIATE) {
            return VARIATE; // a variation takes no prompt (ImageOperation.VARIATE); one sent anyway is ignored
        }
        String prompt = request.prompt().map(String::strip).filter(p -> !p.isEmpty()).orElseThrow(() ->
                ImagesException.invalid("prompt_required", "Image-to-image needs a prompt that says what to change."));
        double strength = request.strength().orElse(DEFAULT_STRENGTH);
        if (!(strength >= 0 && strength <= 1)) {
            throw ImagesException.invalid("invalid_input", "The strength must be between 0 and 1.");
        }
        // klein edit has no numeric strength (no denoising parameter): the strength becomes the instruction's wording
        if (strength < FAITHFUL) {
            return "Edit this image. Keep the composition and most details of the image, change only: " + prompt;
        }
        if (strength <= LOOSE) {
            return "Rework this image. Keep its main subject and overall composition recognisable, details may "
                    + "change: " + prompt;
        }
        return "Create a new image. Use this image only as loose inspiration: " + prompt;
    }

    /**
     * The source's own size, so the edit can replace it pixel for pixel; a source outside the endpoint's limits is
     * scaled to fit with its shape kept (only a sliver thinner than {@link #MIN_SIDE} after that is widened).
     */
    static int[] outputSize(int width, int height) {
        double w = Math.max(1, width);
        double h = Math.max(1, height);
        double scale = Math.min(1, MAX_SIDE / Math.max(w, h));
        if (Math.min(w, h) * scale < MIN_SIDE) {
            scale = Math.min(MAX_SIDE / Math.max(w, h), MIN_SIDE / Math.min(w, h));
        }
        return new int[] {clamp(w * scale), clamp(h * scale)};
    }

    private static int clamp(double side) {
        return (int) Math.max(MIN_SIDE, Math.min(MAX_SIDE, Math.round(side)));
    }
}
