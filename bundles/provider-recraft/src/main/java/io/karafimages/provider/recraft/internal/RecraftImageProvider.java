package io.karafimages.provider.recraft.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ImageSniffer;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderId;
import io.karafimages.spi.provider.ProviderStyle;
import io.karafimages.spi.provider.StyleRequest;

/**
 * Edits images with Recraft's API: inpaint, replace and generate background and image-to-image on Recraft V3,
 * erase region, variations, crisp and creative upscale, background removal and vectorize. Each edit is one
 * synchronous multipart call: the source is fitted to Recraft's limits first (or refused before any paid call; an
 * upscale's source is never shrunk), the mask becomes Recraft's binary one, and the result comes back at the
 * source's size (an upscale's at the source's size times the asked scale; vectorize's SVG as Recraft drew it,
 * checked to be an SVG document and left for the runtime to sanitise). Model {@value #MODEL_STYLES} learns custom
 * styles ({@link #createStyle}) and generates in them ({@link RecraftStyles}). Recraft does not take over plain
 * generation: {@link #generate} without a style is refused, and no model lists {@code GENERATE}. Retries belong to
 * the task engine: failures are returned once, with Recraft's Retry-After when it sent one.
 *
 * <p>Thread-safe: any number of workers may call {@link #edit}, {@link #createStyle} and {@link #generate} at once;
 * each keeps its state on its stack.
 */
@Component(service = ImageProvider.class, configurationPid = RecraftImageProvider.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "service.ranking:Integer=100")
@ProviderId("recraft")
@Designate(ocd = RecraftConfig.class)
public final class RecraftImageProvider implements ImageProvider {
    static final String PID = "images.provider.recraft";
    static final String MODEL_V3 = "recraft/recraftv3";
    static final String MODEL_VARIATE = "recraft/variate";
    static final String MODEL_ERASE = "recraft/erase-region";
    /**
     * Crisp upscale ({@code UPSCALE_CRISP}): a faithful enlargement, sides from 32 px. Recraft decides its own
     * enlargement factor (the endpoint takes none); the result is resampled (Lanczos) to exactly the source times
     * the asked {@code scale} (2 when none), so the runtime's pixel-limit check made before the call holds.
     */
    static final String MODEL_CRISP_UPSCALE = "recraft/crisp-upscale";
    /**
     * Creative upscale ({@code UPSCALE_CREATIVE}): an enlargement with invented detail, sides from 256 px, about 60
     * times the price of crisp. Recraft decides its own enlargement factor; the result is resampled (Lanczos) to
     * exactly the source times the asked {@code scale} (2 when none).
     */
    static final String MODEL_CREATIVE_UPSCALE = "recraft/creative-upscale";
    /** Remove background ({@code REMOVE_BACKGROUND}): an RGBA PNG at the source's size, the background transparent. */
    static final String MODEL_REMOVE_BACKGROUND = "recraft/remove-background";
    /**
     * Vectorize ({@code VECTORIZE}): an SVG traced from the image ({@code image/svg+xml}), not sanitised here. A source
     * over 16 MP is scaled down to fit first, and the SVG then has the scaled size.
     */
    static final String MODEL_VECTORIZE = "recraft/vectorize";
    /**
     * Custom styles ({@code CREATE_STYLE}): learns a style from 1 to 5 reference images, then generates with Recraft
     * V3 in the styles it made (a request with {@link ImageRequest#style()}). A model of its own, so that style
     * creation is charged {@code cost.create.style.usd} rather than the V3 edit price; a generation in a style is
     * charged the same price (Recraft lists both at 0.04).
     */
    static final String MODEL_STYLES = "recraft/recraftv3-styles";
    private static final Logger LOG = LoggerFactory.getLogger(RecraftImageProvider.class);
    /** Seconds of waiting at which the creeping progress is halfway between sent and received. */
    private static final double HALF_TIME_SECONDS = 10;

    private final RecraftSettings settings;
    private final RecraftClient client;
    private final RecraftStyles styles;
    private final List<ModelInfo> models;

    @Activate
    public RecraftImageProvider(RecraftConfig config) {
        this(RecraftSettings.from(config), Clock.systemUTC());
    }

    RecraftImageProvider(RecraftSettings settings, Clock clock) {
        this.settings = settings;
        this.client = new RecraftClient(settings, clock);
        this.styles = new RecraftStyles(client);
        RecraftSettings.Prices prices = settings.prices();
        this.models = List.of(
                ModelInfo.builder(MODEL_V3).displayName("Recraft V3").tier(ModelTier.QUALITY)
                        .costPerImage(Cost.ofUsd(prices.recraftV3()))
                        .operations(ImageOperation.INPAINT, ImageOperation.REPLACE_BACKGROUND,
                                ImageOperation.GENERATE_BACKGROUND, ImageOperation.IMAGE_TO_IMAGE).build(),
                model(MODEL_VARIATE, "Recraft V3 variate", prices.variate(), ImageOperation.VARIATE),
                model(MODEL_ERASE, "Recraft erase region", prices.eraseRegion(), ImageOperation.ERASE_REGION),
                model(MODEL_CRISP_UPSCALE, "Recraft crisp upscale", prices.crispUpscale(),
                        ImageOperation.UPSCALE_CRISP),
                model(MODEL_CREATIVE_UPSCALE, "Recraft creative upscale", prices.creativeUpscale(),
                        ImageOperation.UPSCALE_CREATIVE),
                model(MODEL_REMOVE_BACKGROUND, "Recraft remove background", prices.removeBackground(),
                        ImageOperation.REMOVE_BACKGROUND),
                model(MODEL_VECTORIZE, "Recraft vectorize", prices.vectorize(), ImageOperation.VECTORIZE),
                model(MODEL_STYLES, "Recraft V3 styles", prices.createStyle(), ImageOperation.CREATE_STYLE));
        LOG.info("Recraft provider ready: {}", settings);
    }

    private static ModelInfo model(String id, String name, double usd, ImageOperation operation) {
        return ModelInfo.builder(id).displayName(name).tier(ModelTier.QUALITY).costPerImage(Cost.ofUsd(usd))
                .operations(operation).build();
    }

    @Deactivate
    void deactivate() {
        client.close(); // waiting workers give up within 50 ms, their calls cancelled
    }

    @Override
    public String id() {
        return "recraft";
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    /**
     * Generates in a Recraft style this provider made; refuses any request without one (Recraft does not do plain
     * generation here), and one naming a model that does not make styles.
     */
    @Override
    public GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        String styleId = request.style().filter(s -> !s.isBlank()).orElseThrow(() -> new ImagesException(
                ErrorCodes.OPERATION_NOT_SUPPORTED, 400, false, "The Recraft provider generates only in styles it "
                        + "made; another provider generates images without one."));
        String model = request.model() == null ? MODEL_STYLES : request.model();
        requireStyleModel(model, "generate in a style");
        return styles.generate(request, styleId.strip(), model, progress, cancelled);
    }

    @Override
    public ProviderStyle createStyle(StyleRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        requireStyleModel(request.model(), "create styles");
        return styles.create(request, progress, cancelled);
    }

    private void requireStyleModel(String model, String what) {
        if (models.stream().noneMatch(m -> m.id().equals(model) && m.supports(ImageOperation.CREATE_STYLE))) {
            throw new ImagesException(ErrorCodes.OPERATION_NOT_SUPPORTED, 400, false, "Recraft model '" + model
                    + "' cannot " + what + "; " + MODEL_STYLES + " can.");
        }
    }

    @Override
    public GeneratedImage edit(EditRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        RecraftEndpoint endpoint = endpointFor(request);
        if (endpoint.masked() && request.maskPng().isEmpty()) {
            throw ImagesException.invalid("mask_required", "Recraft's " + request.operation()
                    + " needs a mask (white where " + (endpoint == RecraftEndpoint.GENERATE_BACKGROUND
                            ? "the background is to be generated)." : "the image is to be changed)."));
        }
        int scale = endpoint.upscale() ? RecraftEndpoint.scale(request) : 1;
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
        progress.progress(0.02, "Preparing the image for Recraft");
        RecraftUpload upload = RecraftUpload.prepare(request.image(), endpoint,
                endpoint.masked() ? request.maskPng() : Optional.empty());
        Map<String, String> fields = endpoint.fields(request, settings.backgroundPrompt(), upload.width(),
                upload.height());
        progress.progress(0.1, upload.rescaled() ? "Sent to Recraft, scaled to " + upload.width() + "x"
                + upload.height() + " to fit its limits" : "Sent to Recraft");
        byte[] result = client.post(endpoint, fields, upload, cancelled, seconds -> progress.progress(
                0.1 + 0.75 * seconds / (seconds + HALF_TIME_SECONDS), "Recraft is editing the image"));
        GeneratedImage image;
        if (endpoint.vector()) {
            RecraftSvg.requireSvg(result);
            progress.progress(0.9, "SVG received from Recraft");
            image = GeneratedImage.of(result, "image/svg+xml", request.model());
        } else {
            image = raster(endpoint, upload, result, scale, request.model(), progress);
        }
        progress.progress(1.0, "Edit done");
        return image;
    }

    /** A raster result, checked to be an image and brought to the size the operation promises. */
    private static GeneratedImage raster(RecraftEndpoint endpoint, RecraftUpload upload, byte[] result, int scale,
            String model, ProgressListener progress) {
        ImageSniffer.Sniffed sniffed = ImageSniffer.sniff(result).orElseThrow(() -> RecraftFailures.badOutput(
                "Recraft sent image data that is not a readable PNG, JPEG or WebP."));
        progress.progress(0.9, "Image received from Recraft");
        return switch (endpoint) {
            case VARIATE -> GeneratedImage.of(result, sniffed.mediaType(), model); // its own size
            case CRISP_UPSCALE, CREATIVE_UPSCALE -> upload.atScale(result, sniffed, scale, model);
            case REMOVE_BACKGROUND -> upload.cutOutAtSourceSize(result, sniffed, model);
            default -> upload.atSourceSize(result, sniffed, model);
        };
    }

    /** The endpoint for the request, when the named model is ours and can do the operation. */
    private RecraftEndpoint endpointFor(EditRequest request) {
        boolean supported = models.stream().anyMatch(m -> m.id().equals(request.model())
                && m.supports(request.operation()));
        return RecraftEndpoint.of(request.operation()).filter(e -> supported).orElseThrow(() -> new ImagesException(
                ErrorCodes.OPERATION_NOT_SUPPORTED, 400, false, "Recraft model '" + request.model()
                        + "' cannot do " + request.operation() + "."));
    }
}
