package io.karafimages.provider.local.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;

/**
 * The local provider's editing: one model id per operation, each named for the classical algorithm that makes
 * its pixels (they show in embeds and provenance), and the dispatch from an {@link EditRequest} to
 * {@link LocalOperations}, {@link Variator}, {@link LanczosUpscaler}, {@link BackgroundRemover} and
 * {@link VectorTracer}. Decodes the source with ImageIO (whatever readers are installed: the JDK's PNG, JPEG, GIF,
 * BMP; WebP only when a plugin is registered) and answers a PNG: of the source's size, except the upscales
 * ({@code scale} times it), and with an alpha channel when the source had one or the background was removed; the
 * vectorization answers an SVG of the source's size instead. Thread-safe.
 */
final class LocalEdits {
    static final String ERASE_MODEL = "local/telea-erase-v1";
    static final String INPAINT_MODEL = "local/procedural-inpaint-v1";
    static final String REPLACE_BACKGROUND_MODEL = "local/procedural-background-v1";
    static final String GENERATE_BACKGROUND_MODEL = "local/neutral-background-v1";
    static final String IMAGE_TO_IMAGE_MODEL = "local/procedural-img2img-v1";
    static final String VARIATE_MODEL = "local/variate-v1";
    static final String UPSCALE_CRISP_MODEL = "local/lanczos-upscale-v1";
    static final String UPSCALE_SHARPENED_MODEL = "local/lanczos-sharpen-upscale-v1";
    static final String REMOVE_BACKGROUND_MODEL = "local/segmentation-cutout-v1";
    static final String VECTORIZE_MODEL = "local/trace-vectorize-v1";
    /** The upscale factor when the request names none. */
    static final int DEFAULT_SCALE = 2;

    static final String MASK_REQUIRED = "mask_required";
    static final String PROMPT_REQUIRED = "prompt_required";

    private static final List<ModelInfo> MODELS = List.of(
            model(ERASE_MODEL, "Telea fast-marching inpainting (local, classical)", ImageOperation.ERASE_REGION),
            model(INPAINT_MODEL, "Local procedural inpainting (Telea fill with a prompt-coloured texture)",
                    ImageOperation.INPAINT),
            model(REPLACE_BACKGROUND_MODEL, "Local background replacement (colour segmentation, procedural fill)",
                    ImageOperation.REPLACE_BACKGROUND),
            model(GENERATE_BACKGROUND_MODEL, "Local neutral backdrop (colour segmentation, studio gradient)",
                    ImageOperation.GENERATE_BACKGROUND),
            model(IMAGE_TO_IMAGE_MODEL, "Local procedural image-to-image (blend and colour grade)",
                    ImageOperation.IMAGE_TO_IMAGE),
            model(VARIATE_MODEL, "Local variation (mirror, crop, hue shift, grain)", ImageOperation.VARIATE),
            model(UPSCALE_CRISP_MODEL, "Local Lanczos-3 upscale (classical resampling)", ImageOperation.UPSCALE_CRISP),
            model(UPSCALE_SHARPENED_MODEL, "Local Lanczos-3 upscale with unsharp mask (a resampler, not a generative"
                    + " model: sharpens edges, invents no detail)", ImageOperation.UPSCALE_CREATIVE),
            model(REMOVE_BACKGROUND_MODEL, "Local background removal (colour segmentation cutout, soft edge)",
                    ImageOperation.REMOVE_BACKGROUND),
            model(VECTORIZE_MODEL, "Offline vector tracer (colour quantisation, outline tracing, curve fitting)",
                    ImageOperation.VECTORIZE));

    private static final Map<ImageOperation, String> MODEL_BY_OPERATION = Map.of(
            ImageOperation.ERASE_REGION, ERASE_MODEL, ImageOperation.INPAINT, INPAINT_MODEL,
            ImageOperation.REPLACE_BACKGROUND, REPLACE_BACKGROUND_MODEL,
            ImageOperation.GENERATE_BACKGROUND, GENERATE_BACKGROUND_MODEL,
            ImageOperation.IMAGE_TO_IMAGE, IMAGE_TO_IMAGE_MODEL, ImageOperation.VARIATE, VARIATE_MODEL,
            ImageOperation.UPSCALE_CRISP, UPSCALE_CRISP_MODEL, ImageOperation.UPSCALE_CREATIVE, UPSCALE_SHARPENED_MODEL,
            ImageOperation.REMOVE_BACKGROUND, REMOVE_BACKGROUND_MODEL, ImageOperation.VECTORIZE, VECTORIZE_MODEL);

    private final LocalOperations operations = new LocalOperations();
    private final LanczosUpscaler upscaler = new LanczosUpscaler();
    private final BackgroundRemover remover = new BackgroundRemover(new BackgroundSegmenter());
    private final VectorTracer tracer;

    /** @param vectorColours the most colours a traced SVG may use (2..64, clamped) */
    LocalEdits(int vectorColours) {
        this.tracer = new VectorTracer(vectorColours);
    }

    /** The editing models, all QUALITY and free. */
    static List<ModelInfo> models() {
        return MODELS;
    }

    GeneratedImage edit(EditRequest request, EditProgress progress) {
        String model = modelFor(request);
        Picture source = PixelCodec.decodeSource(request.image().data());
        progress.report(0.05, "decoded");
        if (request.operation() == ImageOperation.VECTORIZE) {
            byte[] svg = tracer.trace(source, progress.slice(0.05, 1));
            return GeneratedImage.of(svg, "image/svg+xml", model);
        }
        Picture result = apply(request, source, progress.slice(0.05, 0.9));
        byte[] png = PixelCodec.encodePng(result);
        progress.report(1, "encoded");
        return GeneratedImage.of(png, "image/png", model);
    }

    private Picture apply(EditRequest request, Picture source, EditProgress work) {
        byte[] image = request.image().data();
        return switch (request.operation()) {
            case ERASE_REGION -> operations.erase(source, mask(request, source), work);
            case INPAINT -> {
                String prompt = prompt(request);
                yield operations.inpaint(source, mask(request, source), prompt, seed(request, prompt), work);
            }
            case REPLACE_BACKGROUND -> {
                String prompt = prompt(request);
                yield operations.replaceBackground(source, prompt, seed(request, prompt), work);
            }
            case GENERATE_BACKGROUND -> operations.generateBackground(source, optionalMask(request, source),
                    seed(request, image), work);
            case IMAGE_TO_IMAGE -> {
                String prompt = prompt(request);
                yield operations.imageToImage(source, prompt, strength(request), seed(request, prompt), work);
            }
            case VARIATE -> Variator.variate(source, seed(request, image), work);
            case UPSCALE_CRISP -> upscaler.crisp(source, scale(request), work);
            case UPSCALE_CREATIVE -> upscaler.sharpened(source, scale(request), work);
            case REMOVE_BACKGROUND -> remover.cutOut(source, work);
            default -> throw unsupported(request);
        };
    }

    /** The operation's model, which must also be the one the request names. */
    private static String modelFor(EditRequest request) {
        String model = MODEL_BY_OPERATION.get(request.operation());
        if (model == null || !model.equals(request.model())) {
            throw unsupported(request);
        }
        return model;
    }

    private static ImagesException unsupported(EditRequest request) {
        return new ImagesException(ErrorCodes.OPERATION_NOT_SUPPORTED, 400, false, "The local model '"
                + request.model() + "' cannot do " + request.operation() + ".");
    }

    private static int[] mask(EditRequest request, Picture source) {
        int[] mask = optionalMask(request, source).orElseThrow(() -> ImagesException.invalid(MASK_REQUIRED,
                request.operation() + " needs a mask."));
        for (int m : mask) {
            if (m > 0) {
                return mask;
            }
        }
        throw ImagesException.invalid(ErrorCodes.MASK_EMPTY, "The mask marks no pixel to edit.");
    }

    private static Optional<int[]> optionalMask(EditRequest request, Picture source) {
        return request.maskPng().map(png -> PixelCodec.decodeMask(png, source.width(), source.height()));
    }

    private static String prompt(EditRequest request) {
        return request.prompt().filter(p -> !p.isBlank()).orElseThrow(() -> ImagesException.invalid(
                PROMPT_REQUIRED, request.operation() + " needs a prompt."));
    }

    private static double strength(EditRequest request) {
        double strength = request.strength().orElse(0.5);
        if (!(strength >= 0 && strength <= 1)) {
            throw ImagesException.invalid(ErrorCodes.INVALID_INPUT, "The strength must be between 0 and 1.");
        }
        return strength;
    }

    private static int scale(EditRequest request) {
        int scale = request.scale().orElse(DEFAULT_SCALE);
        if (scale != 2 && scale != 4) {
            throw ImagesException.invalid(ErrorCodes.INVALID_INPUT, "The local upscale enlarges by 2 or 4, not " + scale
                    + ".");
        }
        return scale;
    }

    /** The caller's seed, else one derived from the prompt or the image, so a repeated request repeats. */
    private static long seed(EditRequest request, String prompt) {
        return request.seed().orElseGet(() -> Palette.seedOf(prompt));
    }

    private static long seed(EditRequest request, byte[] image) {
        return request.seed().orElseGet(() -> Palette.seedOf(image));
    }

    private static ModelInfo model(String id, String displayName, ImageOperation operation) {
        return ModelInfo.builder(id).displayName(displayName).tier(ModelTier.QUALITY).costPerImage(Cost.FREE)
                .operations(operation).build();
    }
}
