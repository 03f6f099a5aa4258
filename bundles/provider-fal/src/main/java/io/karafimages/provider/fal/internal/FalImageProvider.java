package io.karafimages.provider.fal.internal;

import io.karafimages.spi.provider.ImageSniffer;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderId;
import okhttp3.HttpUrl;

/**
 * Draft images from FLUX.2 [klein] 9B on fal.ai's queue API, and draft edits (image-to-image, variations) from the
 * klein edit endpoint, advertised as a second model. Every request goes the same way: submit, poll the status
 * (queue position and runner logs become progress), fetch the result, download the image. A cancelled task cancels
 * its fal request ({@code PUT cancel_url}) so it stops costing money; so does a request that runs past the timeout.
 * Retries belong to the task engine: failures are returned once, with fal's Retry-After when it sent one.
 *
 * <p>Thread-safe: any number of workers may call {@link #generate} and {@link #edit} at once; each keeps its state
 * on its stack.
 */
@Component(service = ImageProvider.class, configurationPid = FalImageProvider.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "service.ranking:Integer=100")
@ProviderId("fal")
@Designate(ocd = FalConfig.class)
public final class FalImageProvider implements ImageProvider {
    static final String PID = "images.provider.fal";
    private static final Logger LOG = LoggerFactory.getLogger(FalImageProvider.class);
    /** What the edit model does: edits by instruction, with the whole source as input and no mask. */
    private static final Set<ImageOperation> EDITS = Collections.unmodifiableSet(
            EnumSet.of(ImageOperation.IMAGE_TO_IMAGE, ImageOperation.VARIATE));

    private final FalSettings settings;
    private final FalQueueClient queue;
    private final PollPacer pacer = new PollPacer();

    @Activate
    public FalImageProvider(FalConfig config) {
        this(FalSettings.from(config), Clock.systemUTC());
    }

    FalImageProvider(FalSettings settings, Clock clock) {
        this.settings = settings;
        this.queue = new FalQueueClient(settings, clock);
        LOG.info("fal.ai provider ready: {}", settings);
    }

    @Deactivate
    void deactivate() {
        pacer.close(); // waiting workers give up now, and cancel their fal requests
        queue.close();
    }

    @Override
    public String id() {
        return "fal";
    }

    @Override
    public List<ModelInfo> models() {
        ModelInfo generation = ModelInfo.of(settings.model(), ModelTier.DRAFT, Cost.ofUsd(settings.costUsd()));
        return settings.editModel().map(edit -> List.of(generation, ModelInfo.builder(edit)
                .displayName(settings.editDisplayName().orElseThrow()).tier(ModelTier.DRAFT)
                .costPerImage(Cost.ofUsd(settings.editCostUsd()))
                .operations(ImageOperation.IMAGE_TO_IMAGE, ImageOperation.VARIATE).build()))
                .orElse(List.of(generation));
    }

    @Override
    public GeneratedImage generate(ImageRequest request, ProgressListener listener, BooleanSupplier cancelled) {
        return run(settings.submitUrl(!request.references().isEmpty()), FalInput.of(request), settings.model(),
                listener, cancelled);
    }

    /**
     * Image-to-image and variations on the edit model: the instruction ({@link FalEditInput}), the source as a data
     * URI, the source's size as the output size, and the seed when given.
     */
    @Override
    public GeneratedImage edit(EditRequest request, ProgressListener listener, BooleanSupplier cancelled) {
        Optional<HttpUrl> endpoint = settings.editUrl();
        if (endpoint.isEmpty() || !EDITS.contains(request.operation())
                || !settings.editModel().orElseThrow().equals(request.model())) {
            return ImageProvider.super.edit(request, listener, cancelled); // operation_not_supported
        }
        return run(endpoint.get(), FalEditInput.of(request), request.model(), listener, cancelled);
    }

    /** One queue request, from submission to the checked image. */
    private GeneratedImage run(HttpUrl endpoint, JsonObject input, String modelId, ProgressListener listener,
            BooleanSupplier cancelled) {
        if (isCancelled(cancelled)) {
            throw cancelledError();
        }
        FalProgress progress = new FalProgress(listener);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        FalQueueClient.Submitted job = queue.submit(endpoint, input);
        progress.submitted();
        LOG.debug("fal.ai request {} submitted to {}", job.requestId(), modelId);
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            awaitCompletion(job, progress, cancelled, deadline, over);
            JsonObject result = queue.result(job);
            progress.downloading();
            GeneratedImage image = imageFrom(result, modelId);
            progress.done();
            return image;
        } catch (RuntimeException | Error e) {
            // whatever ends the wait ends the paid job too (review L2): a cancel, the timeout, a stop, and also a
            // failing progress write or any other fault; a job fal has finished needs no cancel
            if (!over.get()) {
                queue.cancel(job);
            }
            if (e instanceof ImagesException ie && !"cancelled".equals(ie.code()) && isCancelled(cancelled)) {
                throw cancelledError(); // cancelled while an exchange was under way (an interrupt is an I/O failure)
            }
            if (e instanceof ImagesException ie) {
                LOG.debug("fal.ai request {} failed: {} {}", job.requestId(), ie.code(), ie.getMessage());
            }
            throw e;
        }
    }

    /** Polls until fal has finished the job; {@code over} is set once fal says it has (whatever the outcome). */
    private void awaitCompletion(FalQueueClient.Submitted job, FalProgress progress, BooleanSupplier cancelled,
            long deadline, java.util.concurrent.atomic.AtomicBoolean over) {
        while (true) {
            if (isCancelled(cancelled)) {
                throw cancelledError(); // run() cancels the job
            }
            if (pacer.isClosed()) {
                throw new ImagesException("provider_unavailable", 503, true, "The fal.ai provider is stopping.");
            }
            FalQueueClient.Status status = queue.status(job);
            switch (status.state()) {
                case "COMPLETED" -> {
                    over.set(true);
                    return;
                }
                case "IN_QUEUE", "IN_PROGRESS" -> progress.status(status);
                case "CANCELED", "CANCELLED" -> {
                    over.set(true);
                    throw new ImagesException("provider_unavailable", 503, true,
                            "fal.ai cancelled the request on its side.");
                }
                default -> {
                    // FAILED or a state this adapter does not know: the result endpoint carries the error
                    over.set(true);
                    queue.result(job);
                    throw new ImagesException("provider_unavailable", 503, true,
                            "fal.ai reported the request as " + status.state() + ".");
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw FalFailures.timeout(settings.timeout()); // run() cancels the job
            }
            pacer.pause(settings.pollInterval(), cancelled); // returns early on cancel or stop; the loop top acts
        }
    }

    /** The first image of the result, checked; an NSFW flag is a refusal. */
    private GeneratedImage imageFrom(JsonObject result, String modelId) {
        if (FalAnswers.flaggedNsfw(result)) {
            throw FalFailures.nsfw();
        }
        byte[] data = queue.download(FalAnswers.imageLocation(result));
        ImageSniffer.Sniffed sniffed = ImageSniffer.sniff(data).orElseThrow(() ->
                FalFailures.badOutput("fal.ai sent image data that is not a readable PNG, JPEG or WebP."));
        return GeneratedImage.of(data, sniffed.mediaType(), modelId);
    }

    private static boolean isCancelled(BooleanSupplier cancelled) {
        return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    private static ImagesException cancelledError() {
        return new TaskCancelledException();
    }
}
