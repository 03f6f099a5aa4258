package io.karafimages.provider.local.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderId;
import io.karafimages.spi.provider.ProviderStyle;
import io.karafimages.spi.provider.StyleRequest;

/**
 * The offline provider: no network, no key, no cost. Draws a deterministic abstract picture from the prompt at
 * the requested aspect ratio, and does every editing operation with classical image processing (see
 * {@link LocalEdits}), so the whole pipeline runs on a fresh machine. Its styles are palettes and tones measured
 * from the references ({@link LocalStyles}). Its model ids say "local" and name the
 * algorithm, so nobody mistakes its output for a real model's. Registered at the lowest ranking and as a stand-in
 * ({@code images.provider.offline}): it answers a tier only while no real provider is installed.
 */
@Component(service = ImageProvider.class, configurationPid = "images.provider.local",
        property = { "service.ranking:Integer=-1000", "images.provider.offline:Boolean=true" })
@ProviderId("local")
@Designate(ocd = LocalImageProvider.Config.class)
public final class LocalImageProvider implements ImageProvider {
    static final String QUALITY_MODEL = "local/procedural-v1";
    static final String DRAFT_MODEL = "local/procedural-draft-v1";

    @ObjectClassDefinition(name = "Karaf Images: local provider",
            description = "Offline procedural images, for trying the product without provider keys.")
    public @interface Config {
        @AttributeDefinition(name = "Megapixels", description = "Approximate size of generated images.")
        double megapixels() default 1.0;

        @AttributeDefinition(name = "Simulated latency (ms)", description = "Waits this long per image, reporting "
                + "progress and honouring cancellation, to demonstrate progress, estimates and cancel. 0: none.")
        int latency_ms() default 0;

        @AttributeDefinition(name = "Vectorize colours", description = "The most colours the offline vector tracer "
                + "(local/trace-vectorize-v1) reduces an image to, 2 to 64. More keeps more shading and makes "
                + "larger SVGs.")
        int vectorize_colours() default VectorTracer.DEFAULT_COLOURS;
    }

    private final double megapixels;
    private final int latencyMs;
    private final LocalEdits edits;
    private final LocalStyles styles = new LocalStyles();

    @Activate
    public LocalImageProvider(Config config) {
        this(config.megapixels(), config.latency_ms(), config.vectorize_colours());
    }

    public LocalImageProvider(double megapixels, int latencyMs) {
        this(megapixels, latencyMs, VectorTracer.DEFAULT_COLOURS);
    }

    public LocalImageProvider(double megapixels, int latencyMs, int vectorizeColours) {
        this.megapixels = Math.max(0.05, Math.min(16, megapixels));
        this.latencyMs = Math.max(0, latencyMs);
        this.edits = new LocalEdits(vectorizeColours);
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> models = new ArrayList<>();
        models.add(ModelInfo.of(QUALITY_MODEL, ModelTier.QUALITY, Cost.FREE));
        models.add(ModelInfo.of(DRAFT_MODEL, ModelTier.DRAFT, Cost.FREE));
        models.addAll(LocalEdits.models());
        models.add(LocalStyles.model());
        return List.copyOf(models);
    }

    /**
     * Paints the prompt's procedural picture; with a {@link ImageRequest#style()}, remaps it toward the style and
     * reports {@link LocalStyles#MODEL} as its model.
     *
     * @throws ImagesException {@code invalid_style} (400) when the style is not a reference {@link #createStyle}
     *         wrote, before any work
     */
    @Override
    public GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        Optional<StyleDescription> style = request.style().map(StyleDescription::parse);
        waitSimulatedLatency(progress, cancelled);
        double mp = DRAFT_MODEL.equals(request.model()) ? megapixels / 2 : megapixels;
        if (style.isPresent()) {
            return styled(request, style.get(), mp, new EditProgress(progress, cancelled));
        }
        byte[] png = ProceduralPainter.paintPng(request.prompt(), request.aspectRatio(), mp);
        progress.progress(1.0, "painted");
        return GeneratedImage.of(png, "image/png", request.model() == null ? QUALITY_MODEL : request.model());
    }

    private GeneratedImage styled(ImageRequest request, StyleDescription style, double mp, EditProgress progress) {
        Picture picture = ProceduralPainter.paint(request.prompt(), request.aspectRatio(), mp);
        progress.report(0.3, "painted");
        byte[] png = PixelCodec.encodePng(styles.apply(picture, style, progress.slice(0.3, 0.95)));
        progress.report(1, "encoded");
        return GeneratedImage.of(png, "image/png", LocalStyles.MODEL);
    }

    /**
     * Learns a palette and tone from the references, for {@link LocalStyles#MODEL}; the reference it answers is the
     * style itself, in a compact text of about 200 characters.
     *
     * @throws ImagesException {@code operation_not_supported} for another model, {@code unsupported_image} for a
     *         reference it cannot decode, {@code invalid_input} when the references have no opaque pixel
     */
    @Override
    public ProviderStyle createStyle(StyleRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        EditProgress all = new EditProgress(progress, cancelled);
        if (latencyMs == 0) {
            return styles.create(request, all);
        }
        waitSimulatedLatency((fraction, message) -> progress.progress(0.3 * fraction, message), cancelled);
        return styles.create(request, all.slice(0.3, 1));
    }

    /**
     * Edits with classical algorithms; answers a PNG of the source's size, or {@code scale} (2 or 4, default 2)
     * times it for the upscales, or an SVG ({@code image/svg+xml}) of the source's size for VECTORIZE.
     *
     * @throws ImagesException {@code operation_not_supported} when the request's model is not the local one for
     *         its operation; {@code unsupported_image}, {@code invalid_mask}, {@code mask_size_mismatch},
     *         {@code mask_empty}, {@code mask_required}, {@code prompt_required}, {@code invalid_input} (strength,
     *         scale), {@code image_too_large} (an upscale beyond 64 megapixels, a vectorization of more than 16) for
     *         inputs it cannot use
     */
    @Override
    public GeneratedImage edit(EditRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        EditProgress all = new EditProgress(progress, cancelled);
        if (latencyMs == 0) {
            return edits.edit(request, all);
        }
        waitSimulatedLatency((fraction, message) -> progress.progress(0.3 * fraction, message), cancelled);
        return edits.edit(request, all.slice(0.3, 1));
    }

    private void waitSimulatedLatency(ProgressListener progress, BooleanSupplier cancelled) {
        int steps = 20;
        for (int i = 0; i < steps && latencyMs > 0; i++) {
            if (cancelled.getAsBoolean()) {
                throw new TaskCancelledException();
            }
            progress.progress((double) i / steps, "painting");
            try {
                TimeUnit.MILLISECONDS.sleep(latencyMs / steps); // the configured simulated latency, nothing else
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskCancelledException();
            }
        }
    }
}
