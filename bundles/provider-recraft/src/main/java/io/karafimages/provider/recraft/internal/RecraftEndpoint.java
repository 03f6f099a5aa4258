package io.karafimages.provider.recraft.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.ImageOperation;

/**
 * Recraft's ten editing endpoints and the multipart text fields each takes (Recraft's OpenAPI request schemas:
 * {@code TransformImageWithMaskRequest}, {@code TransformImageRequest}, {@code ImageToImageRequest},
 * {@code EraseRegionRequest}, {@code VariateImageRequest}, and {@code ProcessImageRequest} for both upscales,
 * remove background and vectorize, which take the image and the output options only). Every call asks for
 * {@code response_format=b64_json}, so the result is ours at once (Recraft's URLs expire after about a day), and
 * every raster one {@code image_format=png} (Recraft otherwise answers lossless WebP); vectorize answers SVG and
 * gets no {@code image_format}, nor any of its tuning fields (Recraft's defaults). Inpaint and both background
 * operations run on V3 only: {@code model} is always {@code recraftv3} (raster; the vector model is not offered).
 * Image files are added by the client.
 */
enum RecraftEndpoint {
    INPAINT(ImageOperation.INPAINT, "images/inpaint", true, false),
    REPLACE_BACKGROUND(ImageOperation.REPLACE_BACKGROUND, "images/replaceBackground", false, false),
    GENERATE_BACKGROUND(ImageOperation.GENERATE_BACKGROUND, "images/generateBackground", true, false),
    IMAGE_TO_IMAGE(ImageOperation.IMAGE_TO_IMAGE, "images/imageToImage", false, false),
    ERASE_REGION(ImageOperation.ERASE_REGION, "images/eraseRegion", true, true),
    VARIATE(ImageOperation.VARIATE, "images/variateImage", false, false),
    CRISP_UPSCALE(ImageOperation.UPSCALE_CRISP, "images/crispUpscale", false, true),
    CREATIVE_UPSCALE(ImageOperation.UPSCALE_CREATIVE, "images/creativeUpscale", false, true),
    REMOVE_BACKGROUND(ImageOperation.REMOVE_BACKGROUND, "images/removeBackground", false, true),
    VECTORIZE(ImageOperation.VECTORIZE, "images/vectorize", false, true);

    static final String V3_MODEL = "recraftv3";
    static final double DEFAULT_STRENGTH = 0.5;
    /** The enlargement of an upscale whose caller named none. */
    static final int DEFAULT_SCALE = 2;
    /** Recraft's {@code ImageSize} values, the only sizes variate accepts. */
    static final List<String> SIZES = List.of("1024x1024", "1365x1024", "1024x1365", "1536x1024", "1024x1536",
            "1820x1024", "1024x1820", "1024x2048", "2048x1024", "1434x1024", "1024x1434", "1024x1280", "1280x1024",
            "1024x1707", "1707x1024");

    private final ImageOperation operation;
    private final String path;
    private final boolean masked;
    private final boolean processLike;

    RecraftEndpoint(ImageOperation operation, String path, boolean masked, boolean processLike) {
        this.operation = operation;
        this.path = path;
        this.masked = masked;
        this.processLike = processLike;
    }

    static Optional<RecraftEndpoint> of(ImageOperation operation) {
        for (RecraftEndpoint e : values()) {
            if (e.operation == operation) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    String path() {
        return path;
    }

    boolean masked() {
        return masked;
    }

    /**
     * Whether the answer is {@code {image:{...}}} (erase region, the upscales, remove background) rather than
     * {@code {data:[{...}]}}. These endpoints take no model, count or seed.
     */
    boolean processLike() {
        return processLike;
    }

    /** Whether the result is larger than the source, and the source must therefore never be shrunk to fit. */
    boolean upscale() {
        return this == CRISP_UPSCALE || this == CREATIVE_UPSCALE;
    }

    /** Whether the result is an SVG document rather than a raster image. */
    boolean vector() {
        return this == VECTORIZE;
    }

    /** The smallest side Recraft takes for this endpoint. */
    int minSide() {
        return switch (this) {
            case CRISP_UPSCALE -> RecraftLimits.CRISP_MIN_SIDE;
            case VECTORIZE -> RecraftLimits.ANY_MIN_SIDE; // its tool page states only 10 MB and 16 MP
            default -> RecraftLimits.MIN_SIDE;
        };
    }

    /** The largest side Recraft takes for this endpoint. */
    int maxSide() {
        return this == VECTORIZE ? RecraftLimits.ANY_MAX_SIDE : RecraftLimits.MAX_SIDE;
    }

    /** What the endpoint does, in words for messages, e.g. {@code crisp upscale}. */
    String label() {
        return switch (this) {
            case CRISP_UPSCALE -> "crisp upscale";
            case CREATIVE_UPSCALE -> "creative upscale";
            default -> operation.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /**
     * The enlargement an upscale must deliver: the caller's, else {@link #DEFAULT_SCALE}. Recraft's upscales take
     * no factor; the adapter brings the result to this one.
     *
     * @throws ImagesException 400 {@code invalid_scale} for anything but 2 or 4
     */
    static int scale(EditRequest request) {
        int scale = request.scale().orElse(DEFAULT_SCALE);
        if (scale != 2 && scale != 4) {
            throw ImagesException.invalid("invalid_scale", "An upscale enlarges 2 or 4 times, not " + scale + ".");
        }
        return scale;
    }

    /**
     * The text fields for this request, checked before anything is sent.
     *
     * @param width the width of the image that will be sent (variate picks its output size from the ratio)
     * @throws ImagesException 400 {@code prompt_required}, {@code prompt_too_long} or {@code invalid_strength}
     */
    Map<String, String> fields(EditRequest request, String backgroundPrompt, int width, int height) {
        Map<String, String> f = new LinkedHashMap<>();
        switch (this) {
            case INPAINT, REPLACE_BACKGROUND, IMAGE_TO_IMAGE -> f.put("prompt", prompt(request.prompt()));
            case GENERATE_BACKGROUND -> f.put("prompt", prompt(Optional.of(request.prompt()
                    .filter(p -> !p.isBlank()).orElse(backgroundPrompt))));
            case VARIATE -> f.put("size", nearestSize(width, height));
            default -> { // erase region, the upscales, remove background, vectorize: the image (and mask) only
            }
        }
        if (this == IMAGE_TO_IMAGE) {
            double strength = request.strength().orElse(DEFAULT_STRENGTH);
            if (!(strength >= 0 && strength <= 1)) {
                throw ImagesException.invalid("invalid_strength", "strength must be between 0 and 1.");
            }
            f.put("strength", Double.toString(strength));
        }
        if (!processLike && this != VARIATE) {
            f.put("model", V3_MODEL);
        }
        if (!processLike) {
            f.put("n", "1");
            // Recraft's random_seed is a uint32: the low 32 bits keep a given seed reproducible
            request.seed().ifPresent(seed -> f.put("random_seed", Long.toString(seed & 0xFFFF_FFFFL)));
        }
        f.put("response_format", "b64_json");
        if (!vector()) {
            f.put("image_format", "png");
        }
        return f;
    }

    private String prompt(Optional<String> prompt) {
        String p = prompt.map(String::strip).orElse("");
        if (p.isEmpty()) {
            throw ImagesException.invalid("prompt_required", "Recraft's " + label() + " needs a prompt.");
        }
        if (p.getBytes(StandardCharsets.UTF_8).length > RecraftLimits.MAX_PROMPT_BYTES) {
            throw ImagesException.invalid("prompt_too_long", "Recraft V3 takes prompts of at most "
                    + RecraftLimits.MAX_PROMPT_BYTES + " bytes.");
        }
        return p;
    }

    /** The variate size whose aspect ratio is closest to the source's (ratios compared on a log scale). */
    static String nearestSize(int width, int height) {
        double want = Math.log((double) width / height);
        String best = SIZES.get(0);
        double bestDistance = Double.MAX_VALUE;
        for (String size : SIZES) {
            String[] wh = size.split("x");
            double distance = Math.abs(Math.log(Double.parseDouble(wh[0]) / Double.parseDouble(wh[1])) - want);
            if (distance < bestDistance) {
                best = size;
                bestDistance = distance;
            }
        }
        return best;
    }
}
