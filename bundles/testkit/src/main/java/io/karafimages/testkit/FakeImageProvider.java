package io.karafimages.testkit;

import java.awt.Color;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.osgi.annotation.versioning.ProviderType;

import io.karafimages.api.AspectRatio;
import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderStyle;
import io.karafimages.spi.provider.StyleRequest;

/**
 * A scripted {@link ImageProvider}. Each call to {@link #generate} or {@link #edit} takes the next scripted step
 * ({@link #thenReturn}, {@link #thenThrow}); when the script is empty it answers a PNG of one colour: for
 * {@code generate} 256 pixels on the longer side in the requested aspect ratio, for {@code edit} at the source's
 * size. Every request is recorded. A call that finds {@code cancelled} true throws
 * {@link TaskCancelledException} without taking a step.
 *
 * <p>Thread-safe: skills may call it from several threads.
 */
@ProviderType
public final class FakeImageProvider implements ImageProvider {
    /** The long side of generated images when the script is empty. */
    public static final int GENERATED_SIDE = 256;

    private final String id;
    private final List<ModelInfo> models;
    private final Deque<Step> script = new ArrayDeque<>();
    private final List<ImageRequest> generateRequests = new ArrayList<>();
    private final List<EditRequest> editRequests = new ArrayList<>();
    private final List<StyleRequest> styleRequests = new ArrayList<>();
    private Color colour = Color.GRAY;

    private record Step(GeneratedImage answer, ImagesException failure) {
    }

    /**
     * A provider with one model, {@code <id>/fake-v1}: tier QUALITY, free, every {@link ImageOperation}.
     */
    public FakeImageProvider(String id) {
        this(id, ModelInfo.builder(id + "/fake-v1").tier(ModelTier.QUALITY).costPerImage(Cost.FREE)
                .operations(ImageOperation.GENERATE, ImageOperation.values()).build());
    }

    /** A provider offering exactly these models (at least one). */
    public FakeImageProvider(String id, ModelInfo... models) {
        this.id = Objects.requireNonNull(id, "id");
        if (models.length == 0) {
            throw new IllegalArgumentException("A provider offers at least one model");
        }
        this.models = List.copyOf(Arrays.asList(models));
    }

    /** The next call answers these bytes, labelled with the request's model (or the first model). */
    public synchronized FakeImageProvider thenReturn(byte[] data, String mediaType) {
        script.add(new Step(GeneratedImage.of(data.clone(), mediaType, "?"), null));
        return this;
    }

    /** The next call throws {@code failure}, e.g. a retryable {@code provider_unavailable}. */
    public synchronized FakeImageProvider thenThrow(ImagesException failure) {
        script.add(new Step(null, Objects.requireNonNull(failure, "failure")));
        return this;
    }

    /** The colour of the images made when the script is empty; gray by default. */
    public synchronized FakeImageProvider solidColour(Color value) {
        this.colour = Objects.requireNonNull(value);
        return this;
    }

    /** Every generation request so far, oldest first. */
    public synchronized List<ImageRequest> generateRequests() {
        return List.copyOf(generateRequests);
    }

    /** Every edit request so far, oldest first. */
    public synchronized List<EditRequest> editRequests() {
        return List.copyOf(editRequests);
    }

    /** How many calls reached the script (cancelled calls and refused operations do not). */
    /** The style requests received, oldest first. */
    public synchronized List<StyleRequest> styleRequests() {
        return List.copyOf(styleRequests);
    }

    public synchronized int calls() {
        return generateRequests.size() + editRequests.size() + styleRequests.size();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    @Override
    public GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        String model = modelFor(request.model(), ImageOperation.GENERATE);
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
        Step step;
        Color c;
        synchronized (this) {
            generateRequests.add(request);
            step = script.poll();
            c = colour;
        }
        AspectRatio ratio = request.aspectRatio();
        int w = ratio.width() >= ratio.height() ? GENERATED_SIDE
                : Math.max(1, GENERATED_SIDE * ratio.width() / ratio.height());
        int h = ratio.height() >= ratio.width() ? GENERATED_SIDE
                : Math.max(1, GENERATED_SIDE * ratio.height() / ratio.width());
        return answer(step, model, w, h, c, progress);
    }

    @Override
    public GeneratedImage edit(EditRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        String model = modelFor(request.model(), request.operation());
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
        Step step;
        Color c;
        synchronized (this) {
            editRequests.add(request);
            step = script.poll();
            c = colour;
        }
        if (request.operation() == ImageOperation.VECTORIZE && (step == null || step.failure() == null)) {
            progress.progress(1.0, "done");
            return GeneratedImage.of(TestImages.solidSvg(request.image().width(), request.image().height(), c),
                    "image/svg+xml", model);
        }
        return answer(step, model, request.image().width(), request.image().height(), c, progress);
    }

    /**
     * Learns nothing: answers {@code <id>-style-<n>} for the named model (or the first that creates styles), or the
     * scripted failure. Refuses when no model supports {@link ImageOperation#CREATE_STYLE}, as a real adapter does.
     */
    @Override
    public ProviderStyle createStyle(StyleRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        String model = modelFor(request.model(), ImageOperation.CREATE_STYLE);
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
        Step step;
        int n;
        synchronized (this) {
            styleRequests.add(request);
            n = styleRequests.size();
            step = script.poll();
        }
        if (step != null && step.failure() != null) {
            throw step.failure();
        }
        progress.progress(1.0, "done");
        return ProviderStyle.of(model, id + "-style-" + n);
    }

    private GeneratedImage answer(Step step, String model, int w, int h, Color c, ProgressListener progress) {
        if (step != null && step.failure() != null) {
            throw step.failure();
        }
        GeneratedImage image = step != null ? GeneratedImage.of(step.answer().data(), step.answer().mediaType(), model)
                : GeneratedImage.of(TestImages.solidPng(w, h, c), "image/png", model);
        progress.progress(1.0, "done");
        return image;
    }

    /** The model to answer with; refuses an operation the named (or every) model lacks, as a real adapter does. */
    private String modelFor(String requested, ImageOperation operation) {
        if (requested != null) {
            ModelInfo m = models.stream().filter(x -> x.id().equals(requested)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("The provider '" + id + "' has no model '"
                            + requested + "'"));
            if (!m.supports(operation)) {
                throw notSupported(operation);
            }
            return m.id();
        }
        return models.stream().filter(m -> m.supports(operation)).map(ModelInfo::id).findFirst()
                .orElseThrow(() -> notSupported(operation));
    }

    private ImagesException notSupported(ImageOperation operation) {
        return new ImagesException(ErrorCodes.OPERATION_NOT_SUPPORTED, 400, false,
                "The provider '" + id + "' cannot do " + operation + ".");
    }
}
