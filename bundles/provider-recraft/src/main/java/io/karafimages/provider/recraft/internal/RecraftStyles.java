package io.karafimages.provider.recraft.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import com.google.gson.JsonObject;

import io.karafimages.api.AspectRatio;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageProvider.ProgressListener;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ImageSniffer;
import io.karafimages.spi.provider.ProviderStyle;
import io.karafimages.spi.provider.StyleRequest;

/**
 * Recraft's custom styles: learning one from 1 to 5 reference images ({@code POST /v1/styles}) and generating an
 * image in it ({@code POST /v1/images/generations} with {@code style_id}). Styles work on V2/V3 models only, not on
 * V4 (Recraft's default), so every generation names {@code recraftv3}, which also caps prompts at 1,000 (counted
 * here as UTF-8 bytes, the stricter reading, as for the edits). Only raster base styles are offered: the result
 * must be a raster image, and a vector style would need the vector model. Both calls are synchronous, cancellable
 * while waiting, and failures are mapped as for the edits. Thread-safe: all state is on the caller's stack.
 */
final class RecraftStyles {
    /**
     * The base style when the caller names none. Recraft's own create-style example uses it, and it suits what
     * reference images usually carry (a palette, line work, texture), where {@code realistic_image} would pull
     * every result towards a photograph.
     */
    static final String DEFAULT_BASE_STYLE = "digital_illustration";
    /** Recraft V3's raster base styles ({@code vector_illustration} and {@code icon} are vector-only). */
    static final List<String> BASE_STYLES = List.of("digital_illustration", "realistic_image");
    private static final double HALF_TIME_SECONDS = 10;

    private final RecraftClient client;

    RecraftStyles(RecraftClient client) {
        this.client = client;
    }

    /**
     * Creates the style and returns it for the request's model, holding Recraft's style id.
     *
     * @throws ImagesException 400 {@code invalid_base_style}, or as {@link RecraftReferences#prepare}, before any
     *         call; {@code provider_bad_output} when Recraft's answer has no style id; else as the edits
     */
    ProviderStyle create(StyleRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        String base = baseStyle(request);
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
        progress.progress(0.02, "Preparing the reference images for Recraft");
        List<RecraftReferences.Reference> references = RecraftReferences.prepare(request.references());
        progress.progress(0.1, "Sent " + references.size() + " reference image" + (references.size() == 1 ? "" : "s")
                + " to Recraft");
        String id = client.createStyle(references, base, cancelled, waiting(progress, "Recraft is learning the style"));
        progress.progress(1.0, "Style created");
        return ProviderStyle.of(request.model(), id);
    }

    /**
     * Generates one image in the style whose Recraft id is {@code styleId}, at the Recraft V3 size nearest the
     * request's aspect ratio (all but 21:9 exactly; 21:9 becomes 2048x1024).
     *
     * @param modelId the model named in the result
     * @throws ImagesException 400 {@code prompt_required}, {@code prompt_too_long} or
     *         {@code references_not_supported} before any call; {@code provider_bad_output} when the answer is no
     *         image; else as the edits
     */
    GeneratedImage generate(ImageRequest request, String styleId, String modelId, ProgressListener progress,
            BooleanSupplier cancelled) {
        String prompt = prompt(request.prompt());
        if (!request.references().isEmpty()) {
            throw ImagesException.invalid("references_not_supported", "Recraft generates in a style from the prompt "
                    + "alone; leave out the reference images.");
        }
        JsonObject body = new JsonObject();
        body.addProperty("prompt", prompt);
        body.addProperty("model", RecraftEndpoint.V3_MODEL);
        body.addProperty("style_id", styleId);
        body.addProperty("size", size(request.aspectRatio()));
        body.addProperty("n", 1);
        body.addProperty("response_format", "b64_json");
        body.addProperty("image_format", "png"); // Recraft's raster default is lossless WebP
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
        progress.progress(0.05, "Sent to Recraft");
        byte[] result = client.generate(body, cancelled, waiting(progress, "Recraft is generating the image"));
        ImageSniffer.Sniffed sniffed = ImageSniffer.sniff(result).orElseThrow(() -> RecraftFailures.badOutput(
                "Recraft sent image data that is not a readable PNG, JPEG or WebP."));
        progress.progress(1.0, "Image received from Recraft");
        return GeneratedImage.of(result, sniffed.mediaType(), modelId);
    }

    /** Recraft's V3 size for the aspect ratio, e.g. {@code 1820x1024} for 16:9. */
    static String size(AspectRatio ratio) {
        return RecraftEndpoint.nearestSize(ratio.width(), ratio.height());
    }

    private static String baseStyle(StyleRequest request) {
        String base = request.baseStyle().map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse(DEFAULT_BASE_STYLE);
        if (!BASE_STYLES.contains(base)) {
            throw ImagesException.invalid("invalid_base_style", "Recraft learns a style on the base style "
                    + String.join(" or ", BASE_STYLES) + ", not '" + shortened(base) + "'.");
        }
        return base;
    }

    private static String prompt(String prompt) {
        String p = prompt.strip();
        if (p.isEmpty()) {
            throw ImagesException.invalid(ErrorCodes.PROMPT_REQUIRED, "Recraft needs a prompt to generate an image.");
        }
        if (p.getBytes(StandardCharsets.UTF_8).length > RecraftLimits.MAX_PROMPT_BYTES) {
            throw ImagesException.invalid("prompt_too_long", "Recraft V3, which generates in custom styles, takes "
                    + "prompts of at most " + RecraftLimits.MAX_PROMPT_BYTES + " bytes (1,000 plain letters).");
        }
        return p;
    }

    private static String shortened(String text) {
        String printable = text.replaceAll("[^\\p{L}\\p{N}_ -]", "");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }

    /** Progress creeping from 0.1 towards 0.85 while Recraft works: halfway after {@link #HALF_TIME_SECONDS}. */
    private static DoubleConsumer waiting(ProgressListener progress, String message) {
        return seconds -> progress.progress(0.1 + 0.75 * seconds / (seconds + HALF_TIME_SECONDS), message);
    }
}
