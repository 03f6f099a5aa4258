package io.karafimages.provider.fal.internal;

import io.karafimages.spi.provider.ImageSniffer;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderId;

/**
 * Draft images from FLUX.2 [klein] 9B on fal.ai's queue API: submit, poll the status (queue position and runner
 * logs become progress), fetch the result, download the image. A cancelled task cancels its fal request
 * ({@code PUT cancel_url}) so it stops costing money; so does a generation that runs past the timeout. Retries
 * belong to the task engine: failures are returned once, with fal's Retry-After when it sent one.
 *
 * <p>Thread-safe: any number of workers may call {@link #generate} at once; each keeps its state on its stack.
 */
@Component(service = ImageProvider.class, configurationPid = FalImageProvider.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "service.ranking:Integer=100")
@ProviderId("fal")
@Designate(ocd = FalConfig.class)
public final class FalImageProvider implements ImageProvider {
    static final String PID = "images.provider.fal";
    private static final Logger LOG = LoggerFactory.getLogger(FalImageProvider.class);

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
        return List.of(ModelInfo.of(settings.model(), ModelTier.DRAFT, Cost.ofUsd(settings.costUsd())));
    }

    @Override
    public GeneratedImage generate(ImageRequest request, ProgressListener listener, BooleanSupplier cancelled) {
        if (isCancelled(cancelled)) {
            throw cancelledError();
        }
        FalProgress progress = new FalProgress(listener);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        FalQueueClient.Submitted job = queue.submit(!request.references().isEmpty(), FalInput.of(request));
        progress.submitted();
        LOG.debug("fal.ai request {} submitted", job.requestId());
        try {
            awaitCompletion(job, progress, cancelled, deadline);
            JsonObject result = queue.result(job);
            progress.downloading();
            GeneratedImage image = imageFrom(result);
            progress.done();
            return image;
        } catch (ImagesException e) {
            if (!"cancelled".equals(e.code()) && isCancelled(cancelled)) {
                // cancelled while an exchange was under way (an interrupt surfaces as an I/O failure)
                queue.cancel(job);
                throw cancelledError();
            }
            LOG.debug("fal.ai request {} failed: {} {}", job.requestId(), e.code(), e.getMessage());
            throw e;
        }
    }

    private void awaitCompletion(FalQueueClient.Submitted job, FalProgress progress, BooleanSupplier cancelled,
            long deadline) {
        while (true) {
            if (isCancelled(cancelled)) {
                queue.cancel(job);
                throw cancelledError();
            }
            if (pacer.isClosed()) {
                queue.cancel(job);
                throw new ImagesException("provider_unavailable", 503, true, "The fal.ai provider is stopping.");
            }
            FalQueueClient.Status status = queue.status(job);
            switch (status.state()) {
                case "COMPLETED" -> {
                    return;
                }
                case "IN_QUEUE", "IN_PROGRESS" -> progress.status(status);
                case "CANCELED", "CANCELLED" -> throw new ImagesException("provider_unavailable", 503, true,
                        "fal.ai cancelled the request on its side.");
                default -> {
                    // FAILED or a state this adapter does not know: the result endpoint carries the error
                    queue.result(job);
                    throw new ImagesException("provider_unavailable", 503, true,
                            "fal.ai reported the request as " + status.state() + ".");
                }
            }
            if (System.nanoTime() - deadline > 0) {
                queue.cancel(job);
                throw FalFailures.timeout(settings.timeout());
            }
            pacer.pause(settings.pollInterval(), cancelled); // returns early on cancel or stop; the loop top acts
        }
    }

    /** The first image of the result, checked; an NSFW flag is a refusal. */
    private GeneratedImage imageFrom(JsonObject result) {
        JsonElement nsfw = result.get("has_nsfw_concepts");
        if (nsfw != null && nsfw.isJsonArray()) {
            for (JsonElement flag : nsfw.getAsJsonArray()) {
                if (flag.isJsonPrimitive() && flag.getAsBoolean()) {
                    throw FalFailures.nsfw();
                }
            }
        }
        JsonArray images = result.has("images") && result.get("images").isJsonArray()
                ? result.getAsJsonArray("images") : new JsonArray();
        if (images.isEmpty() || !images.get(0).isJsonObject() || !images.get(0).getAsJsonObject().has("url")) {
            throw FalFailures.badOutput("fal.ai finished without an image.");
        }
        byte[] data = queue.download(images.get(0).getAsJsonObject().get("url").getAsString());
        ImageSniffer.Sniffed sniffed = ImageSniffer.sniff(data).orElseThrow(() ->
                FalFailures.badOutput("fal.ai sent image data that is not a readable PNG, JPEG or WebP."));
        return GeneratedImage.of(data, sniffed.mediaType(), settings.model());
    }

    private static boolean isCancelled(BooleanSupplier cancelled) {
        return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    private static ImagesException cancelledError() {
        return new TaskCancelledException();
    }
}
