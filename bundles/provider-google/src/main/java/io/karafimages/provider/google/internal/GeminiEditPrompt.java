package io.karafimages.provider.google.internal;

import java.util.List;
import java.util.Optional;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;

/**
 * What Gemini is told for an edit. Gemini edits through the same {@code generateContent} call as generation, with
 * the source as an inline image part and a written instruction: it has no mask, no denoising strength and no
 * variation mode, so everything an edit means has to be said in words. Stateless.
 */
final class GeminiEditPrompt {
    /** The API's default strength when the caller gives none. */
    static final double DEFAULT_STRENGTH = 0.5;
    /** Below this, the source should survive almost intact; above {@link #LOOSE}, it is only a starting point. */
    static final double FAITHFUL = 1.0 / 3;
    static final double LOOSE = 2.0 / 3;
    static final String VARIATE = "Create a variation of the attached image. Keep the same subject, style, colour "
            + "palette and medium, and a similar composition; vary details such as pose, arrangement, lighting and "
            + "small background elements so that the result is clearly a new picture of the same thing.";
    /** The aspect ratios gemini-3-pro-image-preview accepts in {@code imageConfig.aspectRatio}. */
    private static final List<int[]> RATIOS = List.of(new int[] {1, 1}, new int[] {2, 3}, new int[] {3, 2},
            new int[] {3, 4}, new int[] {4, 3}, new int[] {4, 5}, new int[] {5, 4}, new int[] {9, 16},
            new int[] {16, 9}, new int[] {21, 9});

    private GeminiEditPrompt() {
    }

    /** The instruction for an image-to-image or variate request; other operations are not Gemini's to do. */
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
        // Gemini has no numeric strength (no denoising parameter): the strength becomes how the instruction is worded
        if (strength < FAITHFUL) {
            return "Edit the attached image. Keep the composition and most details of the image, change only: " + prompt;
        }
        if (strength <= LOOSE) {
            return "Rework the attached image. Keep its main subject and overall composition recognisable, details "
                    + "may change: " + prompt;
        }
        return "Create a new image. Use the attached image only as loose inspiration: " + prompt;
    }

    /**
     * The seed for {@code generationConfig.seed}, an int32 in the Gemini API. Seeds that fit are sent as they are;
     * larger ones are folded to 32 bits, so one seed still always gives the same request. Gemini documents the seed
     * as best effort: the same seed makes a similar answer more likely, not certain.
     */
    static Optional<Integer> seed(EditRequest request) {
        if (request.seed().isEmpty()) {
            return Optional.empty();
        }
        long seed = request.seed().getAsLong();
        return Optional.of(seed == (int) seed ? (int) seed : (int) (seed ^ (seed >>> 32)));
    }

    /**
     * The accepted aspect ratio nearest to the source's shape (compared on a log scale, so 2:1 is as far from 1:1 as
     * 1:2). Sent explicitly so the answer's shape does not depend on how Gemini treats an edit without one.
     */
    static String aspectRatio(int width, int height) {
        double source = Math.log((double) Math.max(1, width) / Math.max(1, height));
        int[] best = RATIOS.get(0);
        for (int[] r : RATIOS) {
            if (distance(r, source) < distance(best, source)) {
                best = r;
            }
        }
        return best[0] + ":" + best[1];
    }

    private static double distance(int[] ratio, double logSource) {
        return Math.abs(Math.log((double) ratio[0] / ratio[1]) - logSource);
    }
}
